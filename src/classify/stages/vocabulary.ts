import type { Category } from '../../model';
import { VOCABULARY, VOCABULARY_CATEGORIES } from '../rules/vocabulary';

/**
 * The generalising tier's scorer: sums the weights of each family's terms found in a window of lines,
 * later lines counting more (a replica's last line is usually its cause). Plain substring search on a
 * lower-cased, length-capped copy of each line: linear in the text, no regular expression at all.
 */

/** Each line is looked at up to this many characters (head and tail), like the console matcher. */
const MAX_LINE = 2000;

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || code === 95;
}

/** The term occurs in `text` with no letter or digit glued to either end of it. */
export function containsTerm(text: string, term: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(term, from);
    if (at < 0) return false;
    const before = at === 0 ? 32 : text.charCodeAt(at - 1);
    const after = at + term.length >= text.length ? 32 : text.charCodeAt(at + term.length);
    const startOk = !isWordChar(term.charCodeAt(0)) || !isWordChar(before);
    // A term may end a word stem ("throttl", "cannot read propert"): only whole-word terms need the far edge.
    const endOk = term.length > 5 || !isWordChar(term.charCodeAt(term.length - 1)) || !isWordChar(after);
    if (startOk && endOk) return true;
    from = at + 1;
  }
}

/** A lower-case letter or digit followed by a capital: where a CamelCase name joins two words. */
const CAMEL_JOIN = /([a-z0-9])([A-Z])/g;

/**
 * The head and tail of a line, lower-cased: cut first, so a megabyte row costs no more than a short one.
 * A line with CamelCase names is also read with them split into words, so an exception's own name speaks
 * the family's words (`UnknownHostException` reads "unknown host", `AccessDeniedException` "access denied")
 * in any runtime, while single-word terms (`modulenotfounderror`) still match the joined form.
 */
export function lowerWindow(text: string): string {
  const cut = text.length <= MAX_LINE ? text : `${text.slice(0, MAX_LINE / 2)}\n${text.slice(text.length - MAX_LINE / 2)}`;
  const lower = cut.toLowerCase();
  return /[a-z][A-Z]/.test(cut) ? `${lower}\n${cut.replace(CAMEL_JOIN, '$1 $2').toLowerCase()}` : lower;
}

export interface VocabularyScore {
  category: Category;
  score: number;
  /** The terms that counted, strongest first, for the finding's explanation. */
  terms: string[];
}

/** Scores of every family over the lines (oldest first), best first; families that scored nothing are left out. */
export function scoreVocabulary(lines: readonly string[]): VocabularyScore[] {
  const texts = lines.map(lowerWindow);
  const out: VocabularyScore[] = [];
  for (const category of VOCABULARY_CATEGORIES) {
    let score = 0;
    const terms: { term: string; weight: number }[] = [];
    for (const [term, weight] of VOCABULARY[category] ?? []) {
      // The latest line holding the term decides its recency weight: 1 for the last line, down to 0.5.
      for (let i = texts.length - 1; i >= 0; i--) {
        if (!containsTerm(texts[i], term)) continue;
        const recency = texts.length === 1 ? 1 : 0.5 + (0.5 * i) / (texts.length - 1);
        score += weight * recency;
        terms.push({ term, weight });
        break;
      }
    }
    if (score > 0) out.push({ category, score, terms: terms.sort((a, b) => b.weight - a.weight).map((t) => t.term) });
  }
  return out.sort((a, b) => b.score - a.score || (a.category < b.category ? -1 : 1));
}

/** The least score that lets the tier speak on its own. */
export const VOCABULARY_MIN_SCORE = 3;

/** Categories within this share of the best score are named as alternatives. */
export const ALTERNATIVE_SHARE = 0.5;
