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

/**
 * A compiled library the app itself names with its version before the crash (`loading 24 feeds with 6
 * threads (pyarrow 14.0.2)`, `numpy==1.26.4`): the crash is in that library's native code.
 */
const NATIVE_LIB = /\b(?<lib>pyarrow|numpy|pandas|polars|duckdb|torch|tensorflow|onnxruntime|grpcio|psycopg2|lxml|scipy|opencv-python|sharp|bcrypt|canvas|better-sqlite3)[ =@v]{1,3}(?<version>\d{1,4}\.\d{1,4}(?:\.\d{1,4})?)\b/i;
/** The app says how many threads its work runs in (`with 6 threads`, `max_workers=4`). */
const THREADS = /\b(?:with|using|on) (?<n>\d{1,3}) threads\b|\bmax_workers ?= ?(?<n_2>\d{1,3})\b/i;
const SEGFAULT = /Segmentation fault|SIGSEGV|signal 11\b/i;
/** A line about an HTTPS call or TLS set-up: the last thing a binary did before a crash in its TLS library. */
const TLS_WORK = /https:\/\/|\bTLS\b|\bSSL\b|openssl|handshake/i;

/** The replica's last line before its first segfault row, when it talks about HTTPS or TLS. */
function tlsBeforeCrash(lines: readonly TimedLine[]): string | undefined {
  const at = lines.findIndex((l) => SEGFAULT.test(l.text.slice(0, 2000)));
  if (at <= 0) return undefined;
  const crash = lines[at]!;
  const before = lines.slice(0, at).filter((l) => l.replica === crash.replica).pop();
  const text = before?.text.slice(0, 300).trim();
  return text && TLS_WORK.test(text) ? text : undefined;
}

/** The library and version a line names, and the thread count it runs with. */
function namedNativeLib(texts: readonly string[]): Record<string, string> {
  for (const t of texts) {
    const m = NATIVE_LIB.exec(t)?.groups;
    if (!m) continue;
    const threads = THREADS.exec(t)?.groups;
    const n = threads?.n ?? threads?.n_2;
    return { nativeLib: `${m.lib} ${m.version}`, nativeLibName: m.lib!, ...(n && Number(n) > 1 ? { crashThreads: n } : {}) };
  }
  return {};
}

export function crashModule(drafts: Draft[], config: AppConfig | undefined, consoleLines: readonly TimedLine[]): void {
  const crashes = drafts.filter((d) => d.category === 'crash-signal');
  if (crashes.length === 0) return;
  const texts = consoleLines.slice(0, 5000).map((l) => l.text.slice(0, 2000));
  const frame = consoleLines.find((l) => PY_FRAME.test(l.text.slice(0, 2000)));
  const module = IMPORT_COMMAND.exec(commandWords(mainContainer(config)).join(' ').slice(0, 2000))?.groups?.module;
  const browser = texts.find((t) => BROWSER.test(t));
  const jre = texts.map((t) => JRE_VERSION.exec(t)?.groups?.build).find(Boolean);
  const jvmFrame = texts.map((t) => FRAME_LINE.exec(t)?.groups).find(Boolean);
  const lib = namedNativeLib(texts);
  const tls = tlsBeforeCrash(consoleLines.slice(0, 5000));
  for (const d of crashes) {
    for (const [k, v] of Object.entries(lib)) if (!d.names[k]) d.names[k] = v;
    if (tls && !d.names.crashAfterTls) d.names.crashAfterTls = tls;
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
