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
 *   for a jump to address 0, `V  [libjvm.so+...]` for the JVM's own code), with the function it names when
 *   the line gives one; the report's `#` prefix is optional, as log shippers often strip it;
 * - `bunVersion` (and `bunBaseline`, `bunCpu`): Bun's own crash banner (`Bun v1.2.3 (8c4d3ff8) Linux x64
 *   (baseline)`, `CPU: sse42 popcnt avx avx2`): the runtime crashed, not an addon of the app.
 */
const PY_FRAME = /File "[^"]{0,300}?(?:site|dist)-packages\/(?<pkg>[A-Za-z_][\w.-]{0,60})\//;
const IMPORT_COMMAND = /^(?:.{0,300}\s)?python[\d.]{0,5} -c ["']?import (?<module>[A-Za-z_][\w]{0,60})\b/;
const BROWSER = /\bpw:browser\b|\bPage crashed\b|\bTarget crashed\b|headless_shell|chrome-linux|\bpuppeteer\b/i;
const JRE_VERSION = /^(?:#\s{1,4})?JRE version: (?<build>.{3,160}?)\s*$/;
const FRAME_LINE = /^(?:#\s{0,4})?(?<kind>[CVJj])\s{1,4}(?<where>\[[\w.+-]{1,200}\+0x[0-9a-f]{1,16}\]|0x0{8,16}\b)(?<fn>\s{1,4}\S.{0,200})?/;
/** Bun's crash banner: its version and build (`(baseline)`, `x86_64_baseline`: the build for CPUs without AVX2). */
const BUN_BANNER = /^Bun v(?<version>\d{1,3}\.\d{1,3}\.\d{1,3}) \([0-9a-f]{6,40}\) (?:on )?linux\b(?<build>.{0,60})/i;
/** The CPU features Bun's crash report lists. */
const BUN_CPU = /^CPU: (?<flags>[a-z0-9_]{2,12}(?: [a-z0-9_]{2,12}){0,20})\s*$/;

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
  const bun = bunNames(texts);
  for (const d of crashes) {
    for (const [k, v] of Object.entries(bun)) if (!d.names[k]) d.names[k] = v;
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
      d.names.jvmFrame = `${jvmFrame.kind}  ${jvmFrame.where}${jvmFrame.fn ? `  ${jvmFrame.fn.trim()}` : ''}`;
      const gc = GC_FRAME.exec(jvmFrame.fn ?? '')?.groups;
      if (gc) {
        d.names.jvmGc = gc.parallel ? 'the parallel collector' : gc.g1 ? 'G1' : 'CMS';
        // Away from the collector that crashed: G1 is the default elsewhere, Parallel the fallback from G1.
        d.names.jvmGcSwitch = gc.g1 ? '-XX:+UseParallelGC' : '-XX:+UseG1GC';
      }
      if (/^0x0+$/.test(jvmFrame.where!)) d.names.jvmNullFrame = 'yes';
    }
  }
}

/** A frame in a garbage collector's code: switching collector is the workaround while the JDK moves. */
const GC_FRAME = /(?<parallel>\bPS[A-Z]\w{2,60}::|ParallelScavenge|ParallelCompact)|(?<g1>\bG1\w{0,60}::)|(?<cms>\bCMS\w{0,60}::|ConcurrentMarkSweep)/;

/** Bun's crash banner: version, whether it is the baseline build, and the CPU features the report lists. */
function bunNames(texts: readonly string[]): Record<string, string> {
  const at = texts.findIndex((t) => BUN_BANNER.test(t));
  if (at < 0) return {};
  const m = BUN_BANNER.exec(texts[at]!)!.groups!;
  const out: Record<string, string> = { bunVersion: m.version! };
  if (/baseline/i.test(m.build ?? '')) out.bunBaseline = 'yes';
  // The report's CPU line follows the banner within a few lines.
  const cpu = texts.slice(at, at + 6).map((t) => BUN_CPU.exec(t)?.groups?.flags).find(Boolean);
  if (cpu && /\bavx\b/.test(cpu)) out.bunCpu = cpu;
  return out;
}
