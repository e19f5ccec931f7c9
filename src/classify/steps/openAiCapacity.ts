/**
 * An Azure OpenAI deployment's rate limit ("exceeded token/call rate limit of your current OpenAI S0 pricing
 * tier", review v24 A 5 and 28): the limit is the deployment's capacity, in units of 1,000 tokens per minute
 * for a Standard deployment, and Azure holds it. The steps said "raise the tokens-per-minute quota" in words;
 * Azure's commands read the deployment's model and capacity (`az cognitiveservices account deployment show`)
 * and set a new capacity (`deployment create` on the same deployment name replaces its settings: the same
 * model, version and SKU, a new `--sku-capacity`), within the subscription's quota for that model
 * (https://learn.microsoft.com/azure/ai-services/openai/how-to/quota). The account is the host of the
 * endpoint (`<account>.openai.azure.com`); the deployment is the one a `*DEPLOYMENT*` variable names.
 */
import type { FindingStep } from '../../model';
import { mainContainer } from '../stages/configChecks';
import type { FixInput } from './fixCommands';
import { rowsOfAll } from './evidenceRows';

/** Azure OpenAI's own throttling answer, which names its pricing tier. */
const AOAI_LIMIT = /exceeded (?:the )?(?:token |call )?rate limit of your current [\w ]{1,40}? pricing tier/i;
/** The step that asks for a higher limit in words. */
const ASKS = /tokens-per-minute quota/;
const ACCOUNT = /\b([a-z0-9][a-z0-9-]{1,62})\.openai\.azure\.com/i;

function openAiCapacity(input: FixInput): FindingStep[] {
  const { f, steps } = input;
  if (f.benign) return steps;
  const rows = rowsOfAll(input).join('\n');
  if (!AOAI_LIMIT.test(rows)) return steps;
  if (steps.some((s) => /^az cognitiveservices /.test(s.command ?? ''))) return steps;
  const at = steps.findIndex((s) => !s.command && ASKS.test(s.text));
  if (at < 0) return steps;
  const env = (mainContainer(input.config, input.names.container ?? input.target.container)?.env ?? []).map((e) => e?.name).filter((n): n is string => typeof n === 'string');
  const endpointVar = env.find((n) => /OPENAI.{0,20}ENDPOINT|OPENAI.{0,20}(?:BASE|URL)/i.test(n));
  const deploymentVar = env.find((n) => /DEPLOYMENT/i.test(n));
  const account = ACCOUNT.exec(rows)?.[1]?.toLowerCase();
  const accountBlank = account ? '' : `replace <account-name> with the name before .openai.azure.com${endpointVar ? ` in ${endpointVar}` : ' in the endpoint the app calls'}, `;
  const deploymentBlank = `<deployment-name> with the deployment${deploymentVar ? ` ${deploymentVar} names` : ' the app calls'}`;
  const acct = account ?? '<account-name>';
  const base = `-n ${acct} -g <account-resource-group> --deployment-name <deployment-name>`;
  const made: FindingStep[] = [
    input.make({
      text: `Read the deployment's model and capacity (${accountBlank}<account-resource-group> with its resource group, ${deploymentBlank}): sku.capacity is its limit, in thousands of tokens per minute for a Standard deployment.`,
      command: `az cognitiveservices account deployment show ${base} --query '{model:properties.model,sku:sku}' -o json`,
    }),
    input.make({
      text: "Raise its capacity: the same command on the deployment's own name replaces its settings, so keep the model name, version and SKU the previous command printed and change only --sku-capacity (replace <capacity>; the subscription's quota for that model and region caps it, and https://aka.ms/oai/quotaincrease raises that).",
      command: `az cognitiveservices account deployment create ${base} --model-format OpenAI --model-name <model> --model-version <version> --sku-name <sku> --sku-capacity <capacity>`,
    }),
  ];
  return [...steps.slice(0, at + 1), ...made, ...steps.slice(at + 1)];
}

export const OPENAI_CAPACITY_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [openAiCapacity];
