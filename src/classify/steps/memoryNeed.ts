/**
 * Memory raised too little (issue #11, the eleventh review): when the rows print what the runtime itself
 * asked for (the bytes a JVM failed to map or commit, an -Xmx/-Xms), a raise to the next CPU/memory pair
 * that is still below that need plus the runtime's overhead does not fix the crash. The pair offered is
 * then the first doubling of the limit that holds the need with half again for overhead (metaspace,
 * threads, native memory), capped at 4 CPU / 8 GiB.
 */
import type { FindingStep } from '../../model';
import { heapFlagGiB, memoryGiB, printedHeapGiB } from '../memorySize';

/**
 * The bytes a runtime could not get in one request: a JVM's `failed to map 1073741824 bytes`,
 * `commit_memory(0x.., 1073741824, 0) failed`, and Rust's default allocator, which aborts with
 * `memory allocation of 23400000000 bytes failed` (rust-lang/rust#43596).
 */
const MAP_BYTES = /(?:failed to (?:map|allocate) (\d{6,13}) bytes|commit_memory\(0x[0-9a-f]{1,16}, (\d{6,13}), \d{1,3}\) failed|\bmemory allocation of (\d{6,14}) bytes failed)/i;
/** The largest memory one replica gets on the Consumption profile (4 CPU, 8 GiB). */
export const CONSUMPTION_MAX_GIB = 8;

/** The largest memory the rows say the runtime itself needed, in GiB; undefined when they say none. */
export function memoryNeedGiB(rows: readonly string[]): number | undefined {
  let need = 0;
  for (const r of rows) {
    const m = MAP_BYTES.exec(r);
    const bytes = m ? Number(m[1] ?? m[2] ?? m[3]) : undefined;
    if (bytes) need = Math.max(need, bytes / 1024 ** 3);
    // The heap the JVM printed it may grow to is a need too: the container must hold it and the JVM's overhead.
    need = Math.max(need, printedHeapGiB(r) ?? 0);
    // A heap the JVM was started with (-Xmx1g, -Xms2048m).
    need = Math.max(need, heapFlagGiB(r) ?? 0);
  }
  return need > 0 ? need : undefined;
}

/** The first doubling of `limit` that holds `need` with half again for overhead; undefined when none is above the limit. */
export function fittingPair(limit: string | undefined, need: number): { cpu: string; memory: string } | undefined {
  const gi = memoryGiB(limit);
  if (gi === undefined || gi <= 0) return undefined;
  let next = gi;
  while (next < need * 1.5 && next < 8) next = Math.min(8, next * 2);
  if (!(next > gi)) return undefined;
  return { cpu: String(next / 2), memory: `${next}Gi` };
}

const RAISE = /--cpu (\d{1,2}(?:\.\d{1,3})?) --memory (\d{1,2}(?:\.\d{1,3})?Gi)\b/;

/** A need in GiB as the rows' own scale: GiB, with the decimal GB a byte count reads as when larger. */
function needWords(need: number): string {
  if (need < 1) return `${Math.round(need * 1024)} MiB`;
  const gib = `${Math.round(need * 100) / 100} GiB`;
  return need >= CONSUMPTION_MAX_GIB ? `${gib} (${Math.round(need * 1.073741824 * 10) / 10} GB)` : gib;
}

/**
 * The need alone is more than the Consumption profile's largest pair: a raise cannot hold it, so the step
 * says so and gives the two ways that can (v21 review B 66: 8Gi offered for a 23.4 GB allocation).
 */
function beyondConsumption(s: FindingStep, need: number): FindingStep {
  const of = /job update/.test(s.command ?? '') ? 'job' : 'app';
  return {
    text: `The rows show the runtime asking for ${needWords(need)} at once, more than any CPU/memory pair of the Consumption profile holds (its largest is 4 CPU, 8Gi), so a raise would fail the same way. Process the data in chunks or from disk so it needs less at once, or run the ${of} on a dedicated workload profile whose nodes have that memory (a memory-optimised E-series profile) and give the container that memory.`,
  };
}

/**
 * A step that raises the container to a pair below what the rows say the runtime needs gets the pair
 * that fits, and says why; a raise already large enough, or rows with no need printed, stay as they are.
 * On the Consumption profile (no profile named) a need above its largest pair replaces the raise.
 */
export function raiseToNeed(steps: FindingStep[], rows: readonly string[], limit: string | undefined, profile?: string): FindingStep[] {
  const need = memoryNeedGiB(rows);
  if (need === undefined) return steps;
  const consumption = !profile || /^consumption$/i.test(profile);
  return steps.map((s) => {
    const m = s.command ? RAISE.exec(s.command) : null;
    if (!m) return s;
    const offered = memoryGiB(m[2]);
    if (offered === undefined || offered >= need * 1.5) return s;
    if (consumption && need > CONSUMPTION_MAX_GIB) return beyondConsumption(s, need);
    const pair = fittingPair(limit ?? m[2], need);
    if (!pair || (memoryGiB(pair.memory) ?? 0) <= offered) return s;
    const text = s.text
      .replace(`(${m[1]} CPU, ${m[2]}`, `(${pair.cpu} CPU, ${pair.memory}`)
      .replace(/the next CPU\/memory pair/, 'the CPU/memory pair that fits');
    return {
      ...s,
      text: `${text} The rows show the runtime itself asking for ${needWords(need)}, so ${m[2]} would not hold it with its overhead: ${pair.memory} does.`,
      command: s.command!.replace(m[0], `--cpu ${pair.cpu} --memory ${pair.memory}`),
    };
  });
}
