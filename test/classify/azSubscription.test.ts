import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadBlindV2 } from './blindV2Corpus';
import { classifyAll } from '../../src/classify/withTeamRules';
import { acceptsSubscription, fillCommand, fillInlineCommands, parseAzCommand, withSubscription } from '../../src/classify/steps';

/**
 * `--subscription` on every ARM command a step carries, the `$(az ...)` reads inside it included, and never
 * on a Microsoft Graph command: `az ad ...` rejects it ("unrecognized arguments", Azure/azure-cli#23412),
 * and a nested `$(az storage account keys list ...)` without it reads the shell's default subscription.
 */
const SUB = '00000000-1111-2222-3333-444444444444';
const target = { app: 'shop-api', resourceGroup: 'rg-prod', subscription: SUB, job: false };

describe('the subscription flag, by command', () => {
  it('is the spec fact: Graph commands reject it, ARM commands take it', () => {
    expect(acceptsSubscription('az ad app credential reset --id x')).toBe(false);
    expect(acceptsSubscription('az ad app federated-credential create --id x')).toBe(false);
    expect(acceptsSubscription('az ad sp show --id x')).toBe(false);
    // Near misses: not Graph, though the words look alike.
    expect(acceptsSubscription('az acr show -n contosoacr')).toBe(true);
    expect(acceptsSubscription('az containerapp update -n x')).toBe(true);
    expect(acceptsSubscription('az role assignment create --assignee x')).toBe(true);
  });

  it('never pins an az ad command (v20 cases 3 and 20)', () => {
    const line = fillCommand('az ad app credential reset --id 1f2e --append --years 1 --query password -o tsv', {}, target);
    expect(line).toBe('az ad app credential reset --id 1f2e --append --years 1 --query password -o tsv');
  });

  it('pins a nested ARM read that had none (v20 case 24), and the outer command once', () => {
    const line = fillCommand("az containerapp env storage set -n env -g {resourceGroup} --storage-name s --azure-file-account-key $(az storage account keys list -n contosodocs --query '[0].value' -o tsv) --azure-file-share-name docs", {}, target)!;
    expect(line).toContain(`$(az storage account keys list -n contosodocs --query '[0].value' -o tsv --subscription ${SUB})`);
    expect(line.endsWith(`--azure-file-share-name docs --subscription ${SUB}`)).toBe(true);
    expect(line.split('--subscription').length - 1).toBe(2);
  });

  it('keeps a nested read that is pinned already, and pins the Graph one inside an ARM command only outside', () => {
    const pinned = `az role assignment create --assignee $(az containerapp show -n a -g g --query identity.principalId -o tsv --subscription ${SUB}) --role AcrPull`;
    expect(withSubscription(pinned, SUB)).toBe(`${pinned} --subscription ${SUB}`);
    const graph = 'az role assignment create --assignee $(az ad sp show --id x --query id -o tsv) --role Reader';
    expect(withSubscription(graph, SUB)).toBe(`${graph} --subscription ${SUB}`);
  });

  it('goes before a redirection, not inside a quoted pipe', () => {
    const yaml = fillInlineCommands('Edit it (`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`).', target);
    expect(yaml).toContain(`-o yaml --subscription ${SUB} > app.yaml`);
    const query = withSubscription("az identity list --query '[?name==`x`].id | [0]' -o tsv", SUB);
    expect(query).toBe(`az identity list --query '[?name==\`x\`].id | [0]' -o tsv --subscription ${SUB}`);
  });

  it('adds nothing without a subscription', () => {
    expect(withSubscription('az storage account keys list -n a', undefined)).toBe('az storage account keys list -n a');
  });
});

/** Every blind corpus, rendered with a known subscription. Failures name the corpus, case and command path only. */
describe('commands rendered for every blind corpus', () => {
  const root = path.join(__dirname, '..', 'fixtures');
  const folders = fs.readdirSync(root).filter((d) => /^classifier-blind-v\d+$/.test(d)).sort();

  it('finds the corpora', () => {
    expect(folders.length).toBeGreaterThanOrEqual(19);
  });

  for (const folder of folders) {
    it(`${folder}: no az ad command has --subscription, every other az command has it`, () => {
      const problems: string[] = [];
      let ad = 0;
      let arm = 0;
      for (const c of loadBlindV2(path.join(root, folder))) {
        const t = { ...c.input.target!, subscriptionId: SUB, resourceGroup: 'rg-prod' } as any;
        const { findings } = classifyAll({ ...c.input, target: t });
        for (const f of findings) {
          for (const s of f.steps ?? []) {
            if (!s.command) continue;
            for (const inv of parseAzCommand(s.command)) {
              if (inv.words[0] !== 'az') continue;
              const has = inv.words.includes('--subscription');
              const graph = inv.words[1] === 'ad';
              if (graph) ad++;
              else arm++;
              if (graph === has) problems.push(`az ${inv.path ?? inv.words.slice(1, 4).join(' ')} ${has ? 'has' : 'lacks'} --subscription`);
            }
          }
        }
      }
      expect(arm).toBeGreaterThan(0);
      expect(ad + arm).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });
  }
});
