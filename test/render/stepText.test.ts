/**
 * A long next step is never cut mid-sentence (issue #11, seventh review, B79): it is shown whole up to the
 * step budget, and past it cut after its last whole sentence, in every format that shows steps.
 */
import { buildSlackMessage, buildTeamsMessage, renderMarkdown } from '../../src/render';
import { truncateAtSentence } from '../../src/render/text';
import type { Diagnosis, FindingStep } from '../../src/model';
import { enrichedDiagnosis, primaryFinding } from './fixtures';

function withSteps(steps: FindingStep[]): Diagnosis {
  const d = enrichedDiagnosis();
  const f = primaryFinding({ steps, actions: steps.map((s) => s.text) });
  return { ...d, findings: [f, ...d.findings.slice(1)] };
}

/** The probe step of the review's case B79: 560 characters, its last clause after the old 500 cut. */
const PROBE_STEP =
  "The startup probe gives the app only 12s (3s initial delay + 3 failures × 3s) to start answering before the container is restarted, and it was still starting: raise failureThreshold or periodSeconds so the budget is well above the app's start time (for example 30 failures × 5s = 150s). To change it, save the app's YAML with `az containerapp show -n claims-svc -g rg-prod -o yaml > app.yaml`, edit the container's probes and apply the file with this command (or use the portal's Containers > Health probes); this creates a new revision.";

describe('step text is cut at a sentence or not at all', () => {
  it('a step under the budget is shown whole in Markdown and Slack', () => {
    const d = withSteps([{ text: PROBE_STEP, command: 'az containerapp update -n claims-svc -g rg-prod --yaml app.yaml' }]);
    expect(renderMarkdown(d).body).toContain('Health probes); this creates a new revision.');
    expect(JSON.stringify(buildSlackMessage(d))).toContain('Health probes); this creates a new revision.');
  });

  it('past the budget the cut falls after a whole sentence, with an ellipsis', () => {
    const cut = truncateAtSentence(PROBE_STEP, 400);
    expect(cut.length).toBeLessThanOrEqual(400);
    expect(cut).toMatch(/= 150s\)\. …$/);
  });

  it('a dotted name (app.yaml, 3.1.0) is not a sentence end', () => {
    expect(truncateAtSentence('Pin 3.1.0 in app.yaml and redeploy the image with the new tag now', 40)).toMatch(/…$/);
    expect(truncateAtSentence('Pin 3.1.0 in app.yaml and redeploy the image with the new tag now', 40)).not.toMatch(/3\. …|app\. …/);
  });

  it('Teams, whose step budget (500) is below the step, keeps whole sentences', () => {
    const card = JSON.stringify(buildTeamsMessage(withSteps([{ text: PROBE_STEP }])));
    expect(card).toContain('= 150s). …');
    expect(card).not.toContain('Containers > He…');
  });
});
