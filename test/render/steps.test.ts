/** Next steps with commands: shown as code, copied whole, and within each platform's limits. */
import { buildSlackMessage, buildTeamsMessage, renderMarkdown, limits } from '../../src/render';
import type { Diagnosis, FindingStep } from '../../src/model';
import { validateSlackMessage } from '../support/blockKit';
import { validateTeamsMessage } from '../support/adaptiveCard';
import { enrichedDiagnosis, primaryFinding } from './fixtures';
import { strings } from './readable';

const SECRET_SET = 'az containerapp secret set -n orders-api -g rg-orders --secrets database-url=<value> --subscription 0000';
const UPDATE = 'az containerapp update -n orders-api -g rg-orders --container-name api --set-env-vars DATABASE_URL=secretref:database-url';

function withSteps(steps: FindingStep[]): Diagnosis {
  const d = enrichedDiagnosis();
  const f = primaryFinding({ steps, actions: steps.map((s) => s.text) });
  return { ...d, findings: [f, ...d.findings.slice(1)] };
}

const steps: FindingStep[] = [
  { text: 'Store the value of DATABASE_URL as an app secret.', command: SECRET_SET },
  { text: 'Set DATABASE_URL from that secret.', command: UPDATE },
  { text: 'Check the revision.' },
];


describe('commands in next steps', () => {
  it('Markdown: each command in a fenced sh block under its step, verbatim', () => {
    const md = renderMarkdown(withSteps(steps)).body;
    expect(md).toContain('1. Store the value of DATABASE_URL as an app secret.');
    expect(md).toContain(`   \`\`\`sh\n   ${SECRET_SET}\n   \`\`\``);
    expect(md).toContain(`   ${UPDATE}\n`);
    expect(md).toContain('3. Check the revision.');
  });

  it('Teams: each command as a monospace run of its own, the card valid and within its budget', () => {
    const msg = buildTeamsMessage(withSteps(steps));
    expect(validateTeamsMessage(msg)).toEqual([]);
    const card = JSON.stringify(msg);
    expect(card).toContain(JSON.stringify(SECRET_SET));
    expect(Buffer.byteLength(card)).toBeLessThanOrEqual(limits.TEAMS_PAYLOAD_BUDGET_BYTES);
  });

  it('Slack: each command in a code block, with &, < and > escaped; sections within their limit', () => {
    const msg = buildSlackMessage(withSteps(steps));
    expect(validateSlackMessage(msg)).toEqual([]);
    const text = strings(msg.blocks).join('\n');
    expect(text).toContain('```' + SECRET_SET.replace('<', '&lt;').replace('>', '&gt;') + '```');
    for (const b of msg.blocks) {
      const t = (b as { text?: { text?: string } }).text?.text;
      if (t) expect(t.length).toBeLessThanOrEqual(limits.SLACK_SECTION_TEXT_MAX);
    }
  });

  it('a command is never cut: under pressure it is left out whole', () => {
    const long = `az containerapp update -n orders-api -g rg-orders --set-env-vars ${'A=1 '.repeat(140)}`.trim();
    const many: FindingStep[] = Array.from({ length: 12 }, (_, i) => ({ text: `Step ${i} ${'words '.repeat(60)}`, command: `${long} --container-name c${i}` }));
    const d = withSteps(many);
    const teams = strings(buildTeamsMessage(d, { maxBytes: 12_000 }));
    const slack = strings(buildSlackMessage(d).blocks);
    for (const s of [...teams, ...slack]) {
      if (s.includes('az containerapp update')) expect(s).toMatch(/--container-name c\d+(?:```)?$|--container-name c\d+```/);
    }
    expect(renderMarkdown(d).body).not.toContain('A=1 A=1…');
  });

  it('a 1.0 diagnosis (actions only) still shows its steps', () => {
    const d = enrichedDiagnosis();
    const f = { ...d.findings[0]!, steps: undefined, actions: ['Do the first thing.', 'Do the second thing.'] };
    const md = renderMarkdown({ ...d, findings: [f] }).body;
    expect(md).toContain('1. Do the first thing.');
    expect(md).toContain('2. Do the second thing.');
  });
});
