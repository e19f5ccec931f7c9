import type { AppConfig } from '../../model';
import type { TimedLine } from '../stackTraces';
import { commandWords, mainContainer } from './configChecks';
import { addEvidence, type Draft } from './draft';
import { consoleEvidence } from './evidence';

/**
 * What a native crash's other rows and the container's command say crashed, so that the steps name it
 * instead of the generic "check sharp/libvips, numpy, grpc":
 * - `nativePackage`: the package of the first site-packages frame of Python's faulthandler dump ("most recent
 *   call first"), whose line joins the evidence (the crash row itself says only "Fatal Python error");
 * - `crashImport`: a start command that imports one module before the app (`python -c "import torch"`);
 * - `crashBrowser`: Chromium under Playwright or Puppeteer (`pw:browser`, "Page crashed");
 * - `jdkBuild` and `jvmFrame`: the hs_err header's JRE build and its "Problematic frame" line (`C  0x0000...`
 *   for a jump to address 0, `V  [libjvm.so+...]` for the JVM's own code).
 */
const PY_FRAME = /File "[^"]{0,300}?(?:site|dist)-packages\/(?<pkg>[A-Za-z_][\w.-]{0,60})\//;
const IMPORT_COMMAND = /^(?:.{0,300}\s)?python[\d.]{0,5} -c ["']?import (?<module>[A-Za-z_][\w]{0,60})\b/;
const BROWSER = /\bpw:browser\b|\bPage crashed\b|\bTarget crashed\b|headless_shell|chrome-linux|\bpuppeteer\b/i;
const JRE_VERSION = /^#\s{1,4}JRE version: (?<build>.{3,160}?)\s*$/;
const FRAME_LINE = /^#\s{0,4}(?<kind>[CVJj])\s{1,4}(?<where>\[[\w.+-]{1,200}\+0x[0-9a-f]{1,16}\]|0x0{8,16}\b)/;

export function crashModule(drafts: Draft[], config: AppConfig | undefined, consoleLines: readonly TimedLine[]): void {
  const crashes = drafts.filter((d) => d.category === 'crash-signal');
  if (crashes.length === 0) return;
  const texts = consoleLines.slice(0, 5000).map((l) => l.text.slice(0, 2000));
  const frame = consoleLines.find((l) => PY_FRAME.test(l.text.slice(0, 2000)));
  const module = IMPORT_COMMAND.exec(commandWords(mainContainer(config)).join(' ').slice(0, 2000))?.groups?.module;
  const browser = texts.find((t) => BROWSER.test(t));
  const jre = texts.map((t) => JRE_VERSION.exec(t)?.groups?.build).find(Boolean);
  const jvmFrame = texts.map((t) => FRAME_LINE.exec(t)?.groups).find(Boolean);
  for (const d of crashes) {
    if (frame && !d.names.nativePackage) {
      d.names.nativePackage = PY_FRAME.exec(frame.text.slice(0, 2000))!.groups!.pkg!;
      addEvidence(d, [consoleEvidence(frame)]);
    }
    if (module && !d.names.crashImport) d.names.crashImport = module;
    if (browser) d.names.crashBrowser = /pw:|playwright/i.test(browser) ? 'Playwright' : /puppeteer/i.test(browser) ? 'Puppeteer' : 'Chromium';
    if (jre) d.names.jdkBuild = jre;
    if (jvmFrame) {
      d.names.jvmFrame = `${jvmFrame.kind}  ${jvmFrame.where}`;
      if (/^0x0+$/.test(jvmFrame.where!)) d.names.jvmNullFrame = 'yes';
    }
  }
}
