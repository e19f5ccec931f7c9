import type { AppConfig, Finding } from '../model';

/** The tags read for owners when OWNER_TAGS is not set. */
export const DEFAULT_OWNER_TAGS = ['owner', 'team'];

/**
 * Who owns a failure, most specific first: the owner a team's own rule names (it knows which team owns
 * that failure), then the app's owner tags, in the order the setting lists them. Tag names match
 * without regard to case, as Azure treats them.
 */
export function ownersOf(findings: readonly Finding[], config: AppConfig | undefined, tagNames: readonly string[] = DEFAULT_OWNER_TAGS): string[] {
  const out: string[] = [];
  const add = (v: string | undefined): void => {
    const s = v?.trim();
    if (s && !out.includes(s)) out.push(s);
  };
  add(findings[0]?.owner);
  const tags = Object.entries(config?.tags ?? {});
  for (const name of tagNames) {
    for (const [k, v] of tags) if (k.toLowerCase() === name.toLowerCase()) v.split(/[,;]/).forEach(add);
  }
  return out.slice(0, 10);
}
