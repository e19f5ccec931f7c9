/**
 * A container memory size as ARM writes it (`0.5Gi`, `512Mi`, a bare number meaning GiB), in GiB; undefined
 * when it does not read as one. The one parser the exit readings and the steps share.
 */
export function memoryGiB(size: unknown): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(Gi|G|Mi|M)?$/i.exec(typeof size === 'string' ? size.trim() : '');
  if (!m) return undefined;
  return Number(m[1]) / (/^m/i.test(m[2] ?? '') ? 1024 : 1);
}
