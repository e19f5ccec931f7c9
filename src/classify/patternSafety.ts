/**
 * A conservative check that a regular expression written by a user (a team's own rule) cannot
 * backtrack catastrophically. It refuses the constructs that make JavaScript's backtracking engine blow up:
 *
 * - a repeated group that itself contains a quantifier (`(a+)+`, `(\w+\s?)*`): nested repetition;
 * - a group of alternatives repeated without bound (`(a|ab)*`): overlapping choices;
 * - back-references (`\1`, `\k<name>`);
 * - the same atom repeated without bound twice in a row (`\d+\d*`, `.*.*`): quadratic on a long line.
 *
 * It may refuse a pattern that is in fact safe; the message names the construct to rewrite. Every line a
 * team rule sees is also cut to a bounded window (`MAX_TEAM_LINE_CHARS`), so a pattern this check lets
 * through still works on at most a few thousand characters.
 */

interface Token {
  /** The atom's text: `\d`, `[a-z]`, `x`, or `(` … `)` for a group. */
  atom: string;
  group?: { hasQuantifier: boolean; hasAlternation: boolean };
  quantifier?: { unbounded: boolean };
}

function classEnd(source: string, start: number): number {
  for (let j = start + 1; j < source.length; j++) {
    if (source[j] === '\\') j++;
    else if (source[j] === ']' && j > start + 1) return j;
  }
  return source.length - 1;
}

/** The quantifier at `i`, with its length, or undefined. */
function quantifierAt(source: string, i: number): { unbounded: boolean; length: number } | undefined {
  const c = source[i];
  const lazy = (n: number): number => (source[i + n] === '?' ? n + 1 : n);
  if (c === '*' || c === '+') return { unbounded: true, length: lazy(1) };
  if (c === '?') return { unbounded: false, length: lazy(1) };
  if (c === '{') {
    const m = /^\{\d{1,6}(,\d{0,6})?\}/.exec(source.slice(i, i + 16));
    if (m) return { unbounded: m[1] === ',', length: lazy(m[0].length) };
  }
  return undefined;
}

/** Tokenises one level of a pattern from `start` to the matching `)` (or the end). */
function tokens(source: string, start: number): { list: Token[]; end: number; alternation: boolean } {
  const list: Token[] = [];
  let alternation = false;
  let i = start;
  while (i < source.length && source[i] !== ')') {
    const c = source[i]!;
    let token: Token;
    if (c === '|') {
      alternation = true;
      i++;
      continue;
    } else if (c === '\\') {
      token = { atom: source.slice(i, i + 2) };
      i += 2;
    } else if (c === '[') {
      const end = classEnd(source, i);
      token = { atom: source.slice(i, end + 1) };
      i = end + 1;
    } else if (c === '(') {
      const inner = tokens(source, i + 1);
      token = { atom: source.slice(i, inner.end + 1), group: { hasQuantifier: inner.list.some((t) => t.quantifier || t.group?.hasQuantifier), hasAlternation: inner.alternation } };
      i = inner.end + 1;
    } else {
      token = { atom: c };
      i++;
    }
    const q = quantifierAt(source, i);
    if (q) {
      token.quantifier = { unbounded: q.unbounded };
      i += q.length;
    }
    list.push(token);
  }
  return { list, end: i, alternation };
}

function check(list: Token[]): string | undefined {
  for (let k = 0; k < list.length; k++) {
    const t = list[k]!;
    if (t.group && t.quantifier) {
      if (t.group.hasQuantifier) return `it repeats a group that repeats inside it, ${t.atom} (nested quantifiers)`;
      if (t.group.hasAlternation && t.quantifier.unbounded) return `it repeats a group of alternatives without bound, ${t.atom}`;
    }
    const prev = list[k - 1];
    if (prev?.quantifier?.unbounded && t.quantifier?.unbounded && prev.atom === t.atom) {
      return `it repeats ${t.atom} without bound twice in a row`;
    }
  }
  return undefined;
}

/** Why a pattern is refused, or undefined when it passes. */
export function unsafePatternReason(source: string): string | undefined {
  if (/\\[1-9]|\\k</.test(source)) return 'it uses a back-reference';
  const walk = (from: number): string | undefined => {
    const { list } = tokens(source, from);
    const own = check(list);
    if (own) return own;
    // Groups are checked at their own level too.
    for (const t of list) {
      if (t.group) {
        const offset = source.indexOf(t.atom, from);
        const inner = walk(offset + 1);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return walk(0);
}
