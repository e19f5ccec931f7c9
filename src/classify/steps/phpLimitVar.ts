/**
 * PHP images that set memory_limit from an environment variable (Kimai's MEMORY_LIMIT, the PHP_MEMORY_LIMIT
 * of many Laravel and WordPress images): raising the limit is setting that variable, not `php -d`, which
 * the image's own start never passes (review v23 #47). A value without a unit is read as bytes, which PHP
 * refuses ("PHP Warning: Failed to set memory limit to 128 bytes"), keeping its default limit: the fix is
 * the same value with its unit.
 */

/** Variables PHP images turn into memory_limit. */
const LIMIT_VAR = /^(?:PHP_)?(?:INI_)?MEMORY_LIMIT$/;
/** PHP's refusal of a limit below what the script already uses (a value read as bytes). */
const REFUSED_LIMIT = /Failed to set memory limit to (\d{1,12}) bytes/;

/** The variable the configuration sets memory_limit from, and the unitless value PHP refused, when the rows show it. */
export function phpLimitNames(envNames: readonly string[], rows: readonly string[]): Record<string, string> {
  const variable = envNames.find((n) => LIMIT_VAR.test(n));
  if (!variable) return {};
  const refused = rows.map((r) => REFUSED_LIMIT.exec(r)?.[1]).find(Boolean);
  return { phpLimitVar: variable, ...(refused ? { phpUnitless: refused } : {}) };
}
