/**
 * Fills `{name}` placeholders in rule titles and texts from extracted names.
 *   {name}            the value, or nothing
 *   {name|fallback}   the value, or the fallback text
 *   {:name} / { name} the value with the leading punctuation or space, or nothing at all
 */
const PLACEHOLDER = /\{([^\w{}|]*)(\w+)(?:\|([^}]*))?\}/g;

export function fillTemplate(template: string, names: Record<string, string | undefined>): string {
  const filled = template.replace(PLACEHOLDER, (_m, prefix: string, name: string, fallback?: string) => {
    const value = names[name];
    if (value !== undefined && value !== '') return `${prefix}${value}`;
    return fallback ?? '';
  });
  // A placeholder that fell back to nothing can leave "X: " or double spaces behind.
  return filled.replace(/\s{2,}/g, ' ').replace(/[:,]\s*$/, '').trim();
}
