/**
 * The texts of a finding's evidence rows, each cut to 2,000 characters: what every step pass reads. One
 * definition, so each pass sees the same rows the same way.
 */
import type { Finding } from '../../model';

export function rowsOf(f: Finding): string[] {
  return (Array.isArray(f.evidence) ? f.evidence : []).map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : ''));
}

/** The rows of this finding first, then its siblings' (a cause's own row is often in a sibling finding). */
export function rowsOfAll(input: { f: Finding; all: readonly Finding[] }): string[] {
  return [input.f, ...input.all.filter((o) => o !== input.f)].flatMap(rowsOf);
}
