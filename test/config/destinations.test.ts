import { loadSettings } from '../../src/config';

const load = (destinations: unknown) => () => loadSettings({ DESTINATIONS: JSON.stringify(destinations) });

describe('DESTINATIONS routing settings, checked at start', () => {
  it('reads filters and the fallback', () => {
    const s = loadSettings({
      DESTINATIONS: JSON.stringify([
        { name: 'platform', url: 'https://x/p', format: 'teams', filter: { categories: ['image-pull-failure'], minSeverity: 'Sev2' } },
        { name: 'all', url: 'https://x/a', fallback: true },
      ]),
    });
    expect(s.destinations[0]!.filter).toEqual({ categories: ['image-pull-failure'], minSeverity: 'Sev2' });
    expect(s.destinations[1]!.fallback).toBe(true);
  });

  it.each([
    [[{ url: 'https://x', filter: { apps: 'orders-*', team: 'x' } }], /DESTINATIONS\[0\]\.filter has unknown field\(s\) team/],
    [[{ url: 'https://x', filter: { categories: ['crash'] } }], /DESTINATIONS\[0\]\.filter\.categories has unknown categories crash/],
    [[{ url: 'https://x', filter: { minSeverity: 'high' } }], /DESTINATIONS\[0\]\.filter\.minSeverity must be one of Sev0/],
    [[{ url: 'https://x', filter: { apps: [] } }], /DESTINATIONS\[0\]\.filter\.apps must be a non-empty list/],
    [[{ url: 'https://x', filter: { benign: 'yes' } }], /DESTINATIONS\[0\]\.filter\.benign must be true or false/],
    [[{ url: 'https://x', filter: [] }], /DESTINATIONS\[0\]\.filter must be an object/],
  ])('names the bad field: %j', (destinations, message) => {
    expect(load(destinations)).toThrow(message);
  });

  it('refuses settings where every destination filters, so an unmatched page would reach nobody', () => {
    expect(load([{ url: 'https://x', filter: { apps: ['orders-*'] } }])).toThrow(/reach nobody/);
    expect(load([{ url: 'https://x', filter: { apps: ['orders-*'] } }, { url: 'https://y', fallback: true }])).not.toThrow();
  });

  it('reads owner tags and the follow-up policy, with defaults', () => {
    expect(loadSettings({}).routing.ownerTags).toEqual(['owner', 'team']);
    expect(loadSettings({}).followUps).toEqual({ windowMinutes: 60, intervalMinutes: 15, table: 'followups' });
    const s = loadSettings({ OWNER_TAGS: 'squad, oncall', FOLLOWUP_WINDOW_MINUTES: '0', FOLLOWUP_INTERVAL_MINUTES: '30' });
    expect(s.routing.ownerTags).toEqual(['squad', 'oncall']);
    expect(s.followUps.windowMinutes).toBe(0);
    expect(() => loadSettings({ FOLLOWUP_INTERVAL_MINUTES: '0' })).toThrow(/FOLLOWUP_INTERVAL_MINUTES must be a whole number from 1/);
  });
});

describe('OWN_RULES, checked at start', () => {
  it('loads valid rules and refuses a bad file naming the rule and field', () => {
    const ok = [{ id: 'ledger', category: 'dependency-unreachable', title: 'Ledger failed over', pattern: 'E4031', explanation: 'x', owner: 'ledger-team' }];
    expect(loadSettings({ OWN_RULES: JSON.stringify(ok) }).teamRules.rules.map((r) => r.owner)).toEqual(['ledger-team']);
    expect(() => loadSettings({ OWN_RULES: JSON.stringify([{ ...ok[0], pattern: '(a+)+' }]) })).toThrow(/OWN_RULES: rule ledger, pattern: refused because/);
    expect(() => loadSettings({ OWN_RULES_URL: 'http://insecure/rules.json' })).toThrow(/OWN_RULES_URL must be an https URL/);
  });
});
