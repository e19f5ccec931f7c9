/**
 * Shell-style globs for routing filters (`orders-*`, `*-prod`, `api-?`), matched without building a
 * regular expression: the pattern comes from settings, the name from an alert, and a hand-rolled matcher
 * stays linear-ish (it backtracks only to the last `*`) whatever either holds. Case-insensitive, since
 * Azure resource names are.
 */
export function globMatch(pattern: string, name: string): boolean {
  const p = pattern.toLowerCase();
  const s = name.toLowerCase();
  let pi = 0;
  let si = 0;
  let star = -1;
  let resume = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === s[si])) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      resume = si;
    } else if (star !== -1) {
      pi = star + 1;
      si = ++resume;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** True when any pattern in the list matches. */
export function anyGlob(patterns: readonly string[], name: string | undefined): boolean {
  return name !== undefined && patterns.some((p) => globMatch(p, name));
}
