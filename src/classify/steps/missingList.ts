/**
 * A line that lists the variables an app found missing, in one go: "Environment variables missing:
 * SECRET_KEY, BLOCKS_PROCESSED_PATH, BATCH_INTERVAL", "Missing required environment variables: A, B",
 * "The following env vars are not set: A B". Every name is to set, not only the first the rule took.
 */
const LEAD =
  /\b(?:(?:environment|env) (?:variables?|vars?)|variables?|settings?|config(?:uration)? keys?)\b[^:\n]{0,40}?\b(?:missing|required|not set|unset|undefined|not defined)\b[^:\n]{0,20}:|\b(?:missing|required|not set|unset|undefined)\b[^:\n]{0,40}?\b(?:(?:environment|env) (?:variables?|vars?)|variables?)\s{0,3}:/i;
/** A variable's name as apps print it: upper case, digits and underscores. */
const NAME = /^[A-Z][A-Z0-9_]{1,60}$/;

export function listedMissing(row: string): string[] {
  const m = LEAD.exec(row.slice(0, 2000));
  if (!m) return [];
  const rest = row.slice(m.index + m[0].length, m.index + m[0].length + 1500);
  const names = rest.split(/[\s,;'"`[\]]+/).filter((w) => w !== '');
  // The list ends at the first word that is not a variable's name (prose after it).
  const out: string[] = [];
  for (const w of names) {
    if (!NAME.test(w)) break;
    if (!out.includes(w)) out.push(w);
  }
  return out.length >= 2 ? out.slice(0, 20) : [];
}
