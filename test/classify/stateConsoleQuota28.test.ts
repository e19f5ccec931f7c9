/**
 * A quota the app's own console reports is a service's limit hit by a container that started, not a start
 * failure (docs/steps-review-v24-fresh.md set A class 8, cases 5 and 28: jobs that ran 12-22 minutes
 * titled "failing to start"). The line is Azure OpenAI's public 429 wording
 * (https://learn.microsoft.com/azure/ai-services/openai/quotas-limits). Near miss: the platform's own
 * quota rows (cores, node group) keep the container from starting.
 */
import type { Finding } from '../../src/model';
import { assessState } from '../../src/classify/stages/state';

const LINE =
  'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-02-01 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 9 seconds.';
const finding = (ruleId: string, source: 'console' | 'system'): Finding =>
  ({ ruleId, category: 'quota-exceeded', title: 't', confidence: 0.8, evidence: [{ source, text: LINE }], actions: [] }) as unknown as Finding;
const state = (f: Finding) => assessState({ exits: [], hits: [], starts: [], consoleLines: [], primary: f }).state;

describe('a quota the console reports is not a start failure', () => {
  it('a console rule, or a finding read from console lines, does not make the app "failing to start"', () => {
    expect(state(finding('console.platform.service-quota', 'console'))).not.toBe('failing-to-start');
    expect(state(finding('fallback.keywords', 'console'))).not.toBe('failing-to-start');
  });

  it("near miss: the platform's own quota rows still do", () => {
    expect(state(finding('system.exceeded-quota', 'system'))).toBe('failing-to-start');
    expect(state(finding('fallback.keywords', 'system'))).toBe('failing-to-start');
  });
});
