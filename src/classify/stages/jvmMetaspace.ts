import type { TimedLine } from '../stackTraces';
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

export function jvmMetaspace(drafts: Draft[], consoleLines: readonly TimedLine[]): void {
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
