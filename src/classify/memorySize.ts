/**
 * A container memory size as ARM writes it (`0.5Gi`, `512Mi`, a bare number meaning GiB), in GiB; undefined
 * when it does not read as one. The one parser the exit readings and the steps share.
 */
export function memoryGiB(size: unknown): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(Gi|G|Mi|M)?$/i.exec(typeof size === 'string' ? size.trim() : '');
  if (!m) return undefined;
  return Number(m[1]) / (/^m/i.test(m[2] ?? '') ? 1024 : 1);
}

/**
 * The maximum heap a JVM printed at start, in GiB: Metabase's `Maximum memory available to JVM: 2.0 GB`,
 * `-XX:+PrintFlagsFinal`'s `size_t MaxHeapSize = 2147483648`, or `-XshowSettings:vm`'s `Max. Heap Size (Estimated): 1.94G`.
 * A heap that large needs that much memory.
 */
const PRINTED_HEAP = /\bMaximum memory available to (?:the )?JVM: (\d{1,5}(?:\.\d{1,3})?) ?([GM])i?B\b|\bMaxHeapSize {1,20}= (\d{7,13})\b|\bMax\. Heap Size \(Estimated\): (\d{1,5}(?:\.\d{1,3})?)([MG])\b/i;

export function printedHeapGiB(text: string): number | undefined {
  const m = PRINTED_HEAP.exec(text.slice(0, 300));
  if (!m) return undefined;
  if (m[3]) return Number(m[3]) / 1024 ** 3;
  const value = Number(m[1] ?? m[4]);
  return (m[2] ?? m[5])!.toUpperCase() === 'G' ? value : value / 1024;
}

/**
 * A JVM heap flag with its unit: `-Xmx2048m`, `-Xms1g`. A bare number is bytes, and seven digits of bytes
 * are no heap to read (`-Xmx4096` is a typo, not a need), so the unit is required.
 */
const HEAP_FLAG = /-Xm([xs])(\d{1,7})([kKmMgG])\b/g;

/**
 * The largest heap the JVM flags in a text set, in GiB: `-Xmx` only for the cap, or `-Xms` too for what
 * the JVM asks for at start. The one reader the exit readings (a cap above the limit) and the memory
 * raise (the need it must hold) share; undefined when the text sets none.
 */
export function heapFlagGiB(text: string, flags: 'cap' | 'any' = 'any'): number | undefined {
  let most: number | undefined;
  for (const m of text.slice(0, 4000).matchAll(HEAP_FLAG)) {
    if (flags === 'cap' && m[1] !== 'x') continue;
    const unit = m[3]!.toLowerCase();
    const gib = Number(m[2]) / (unit === 'g' ? 1 : unit === 'm' ? 1024 : 1024 ** 2);
    most = Math.max(most ?? 0, gib);
  }
  return most;
}
