import { ownersOf } from '../../src/diagnosis/owners';
import { normalizeAppConfig } from '../../src/appconfig/normalize';
import type { AppConfig, Diagnosis, Finding } from '../../src/model';
import { buildSlackMessage, buildTeamsMessage, renderMarkdown } from '../../src/render';
import { sampleDiagnosis } from '../deliver/helpers';

const finding = (owner?: string): Finding => ({ ...sampleDiagnosis('/a/1').findings[0]!, ...(owner ? { owner } : {}) });
const config = (tags: Record<string, string>): AppConfig => ({ kind: 'containerApp', name: 'orders-api', containers: [], initContainers: [], secrets: [], tags });

describe('owners', () => {
  it("puts a team rule's owner first, then the app's owner tags in the configured order", () => {
    expect(ownersOf([finding('platform-team')], config({ Team: 'orders', owner: 'alex@contoso.com; sam@contoso.com' }))).toEqual([
      'platform-team',
      'alex@contoso.com',
      'sam@contoso.com',
      'orders',
    ]);
    expect(ownersOf([finding()], config({ squad: 'payments', owner: 'x' }), ['squad'])).toEqual(['payments']);
    expect(ownersOf([finding()], undefined)).toEqual([]);
  });

  it('reads tags from what ARM returns, strings only', () => {
    const c = normalizeAppConfig({ resource: { name: 'orders-api', tags: { owner: 'alex@contoso.com', cost: 12 }, properties: {} } } as never);
    expect(c.tags).toEqual({ owner: 'alex@contoso.com' });
  });

  it('mentions owners where the platform can: Slack ids, Teams principal names; everyone else as a fact', () => {
    const d: Diagnosis = { ...sampleDiagnosis('/a/1'), owners: ['U024BE7LH', 'S0614TZR7', 'alex@contoso.com', 'orders team'] };
    const slack = JSON.stringify(buildSlackMessage(d));
    expect(slack).toContain('Owners: <@U024BE7LH> <!subteam^S0614TZR7>');
    const teams = buildTeamsMessage(d).attachments[0].content as { msteams: { entities?: unknown[] }; body: { text?: string }[] };
    expect(teams.msteams.entities).toEqual([{ type: 'mention', text: '<at>alex@contoso.com</at>', mentioned: { id: 'alex@contoso.com', name: 'alex@contoso.com' } }]);
    expect(teams.body.some((b) => b.text === 'Owners: <at>alex@contoso.com</at>')).toBe(true);
    expect(renderMarkdown(d).body).toContain('**Owners:** U024BE7LH, S0614TZR7, alex@contoso.com, orders team');
  });

  it('adds no mention when there is no owner', () => {
    const teams = buildTeamsMessage(sampleDiagnosis('/a/1')).attachments[0].content as { msteams: { entities?: unknown[] } };
    expect(teams.msteams.entities).toBeUndefined();
    expect(JSON.stringify(buildSlackMessage(sampleDiagnosis('/a/1')))).not.toContain('Owners:');
  });
});
