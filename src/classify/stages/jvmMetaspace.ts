import type { AppConfig } from '../../model';
import type { TimedLine } from '../stackTraces';
import { envOf } from './configChecks';
import { addEvidence, type Draft } from './draft';
import { consoleEvidence } from './evidence';

/**
 * The JVM's class-metadata space (Metaspace, or the compressed class space inside it) is not the heap: it
 * has its own cap, -XX:MaxMetaspaceSize. A Cloud Native Buildpacks (Paketo) image computes that cap at
 * start from the classes it expects to load and prints it ("Calculated JVM Memory Configuration: ...
 * -XX:MaxMetaspaceSize=99380K ... Loaded Class Count: 15132"): the line names the cap, and the class count
 * says the calculator's guess is what to adjust. Names for the out-of-memory steps, and the line as evidence.
 */
const METASPACE_KIND = /Metaspace|Compressed class space/i;
const CAP = /-XX:MaxMetaspaceSize=(\d{1,12}[kKmMgG]?)\b/;
const CALCULATOR = /Calculated JVM Memory Configuration/;
const CLASS_COUNT = /Loaded Class Count: (\d{1,9})\b/;

/** The JVM's own words for class-metadata exhaustion, whichever finding leads (the kill at the limit, too). */
const METASPACE_OOM = /OutOfMemoryError: (?<kind>Metaspace|Compressed class space)/;
/** The Cloud Foundry Java buildpack's layout and kill script: its memory calculator sets MaxMetaspaceSize. */
const CF_BUILDPACK = /\.java-buildpack\/|killjava\.sh/;
/** JVM options variables with a value of their own (not a secret), where a cap can be raised. */
const OPTIONS_VAR = /^(?:JAVA_OPTS|JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|CATALINA_OPTS)$/;

export function jvmMetaspace(drafts: Draft[], consoleLines: readonly TimedLine[], config?: AppConfig): void {
  limitKill(drafts, consoleLines, config);
  const d = drafts.find((x) => x.rule.id === 'console.java.out-of-memory' && METASPACE_KIND.test(x.names.kind ?? ''));
  if (!d) return;
  d.names.metaspace = /Compressed class space/i.test(d.names.kind ?? '') ? 'compressed class space' : 'Metaspace';
  // The first line that states the cap (each start prints the same one).
  const line = consoleLines.find((l) => CAP.test(l.text.slice(0, 2000)));
  if (!line) return;
  const text = line.text.slice(0, 2000);
  d.names.metaspaceCap = CAP.exec(text)![1]!;
  const target = doubled(d.names.metaspaceCap);
  if (target) d.names.metaspaceTarget = target;
  if (CALCULATOR.test(text)) d.names.memoryCalculator = 'yes';
  const classes = CLASS_COUNT.exec(text)?.[1];
  if (classes) d.names.classCount = classes;
  addEvidence(d, [consoleEvidence(line)]);
}

/** Twice a JVM size (`99380K`, `128m`, bytes), rounded up to 64 MiB, at least 128 MiB: `256m`. */
function doubled(size: string): string | undefined {
  const m = /^(\d{1,12})([kKmMgG]?)$/.exec(size);
  if (!m) return undefined;
  const unit = { '': 1 / 1048576, k: 1 / 1024, m: 1, g: 1024 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  const mib = Number(m[1]) * unit * 2;
  if (!Number.isFinite(mib) || mib <= 0 || mib > 65536) return undefined;
  return `${Math.max(128, Math.ceil(mib / 64) * 64)}m`;
}

/**
 * The kill at the container's limit after the JVM's own "OutOfMemoryError: Metaspace" (a kill script run by
 * -XX:OnOutOfMemoryError, or the kernel): the memory that ran out is Metaspace, whose cap is
 * -XX:MaxMetaspaceSize, so the limit's steps name it, the options variable the configuration sets, and a
 * Cloud Foundry buildpack's calculator when the rows show one (docs/steps-review-v22-fresh.md, 57 and 61).
 */
function limitKill(drafts: Draft[], consoleLines: readonly TimedLine[], config: AppConfig | undefined): void {
  const d = drafts.find((x) => x.rule.id === 'config.memory-limit');
  if (!d || d.names.metaspace) return;
  const texts = consoleLines.slice(0, 5000).map((l) => l.text.slice(0, 2000));
  const kind = texts.map((t) => METASPACE_OOM.exec(t)?.groups?.kind).find(Boolean);
  if (!kind) return;
  d.names.metaspace = /Compressed/i.test(kind) ? 'compressed class space' : 'Metaspace';
  const env = envOf(config) ?? [];
  const set = env.find((e) => OPTIONS_VAR.test(e.name) && e.hasValue === true && !e.secretRef);
  d.names.metaspaceVar = set?.name ?? 'JAVA_TOOL_OPTIONS';
  if (set) d.names.metaspaceVarNote = '(the configuration sets it: keep its other flags)';
  if (texts.some((t) => CF_BUILDPACK.test(t)) || env.some((e) => /^JBP_CONFIG_/.test(e.name))) d.names.cfBuildpack = 'yes';
  const cap = texts.map((t) => CAP.exec(t)?.[1]).find(Boolean);
  d.names.metaspaceTarget = (cap && doubled(cap)) || '256m';
}
