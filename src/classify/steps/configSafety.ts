/**
 * Configuration changes a step must not make blind (the eleventh review's "unsafe or incomplete
 * configuration changes", docs/steps-review-v19-fresh.md set B class 3 and set A class 5):
 *
 * - an options variable the configuration already sets (JAVA_TOOL_OPTIONS, NODE_OPTIONS) is read first and
 *   merged, since `--set-env-vars` replaces the whole value;
 * - a variable that must hold a file's path (GOOGLE_APPLICATION_CREDENTIALS, *_FILE) gets the path of the
 *   secret mounted as a file, never the secret's contents through a secretref;
 * - a switch to managed-identity pulls carries the whole chain: the identity (when the configuration
 *   shows none), AcrPull on the registry, and the registry entry that uses the identity;
 * - a `job create` for an image in a private registry carries the flags that let it pull.
 *
 * Each works on the finished steps, by what their commands do, never on one case.
 */
import type { AppConfig, EnvVarSpec, FindingStep } from '../../model';
import { shellQuote } from './fillCommand';
import { list } from './list';
import { containersOf } from '../stages/configChecks';
import type { FixInput } from './fixCommands';

// ---------------------------------------------------------------------------------------------------
// An options variable that already has a value

/** A variable whose value is a list of flags: a new flag is added to it, not put in its place. */
const OPTIONS_VAR = /^[A-Z_][A-Z0-9_]{0,60}(?:OPTS|OPTIONS|FLAGS|_ARGS)$/;

function envOf(config: AppConfig | undefined, container: string | undefined): EnvVarSpec[] {
  const containers = containersOf(config);
  const c = containers.find((x) => x.name === container) ?? containers[0];
  return list(c?.env).filter((e) => typeof e?.name === 'string');
}

/** `NAME=value` or `NAME='a b'` in a step's `--set-env-vars` list. */
function pairOf(command: string, name: string): { whole: string; value: string } | undefined {
  if (!/ --set-env-vars /.test(command)) return undefined;
  const m = new RegExp(` ${name}=('[^']{0,2000}'|[^\\s']{1,2000})`).exec(command);
  if (!m) return undefined;
  const raw = m[1]!;
  return { whole: `${name}=${raw}`, value: raw.startsWith("'") ? raw.slice(1, -1) : raw };
}

/**
 * The flags a new one replaces, in its own runtime's words: a Node heap flag is never told about -Xmx,
 * nor a JVM flag about --max-old-space-size.
 */
function supersededFlags(value: string): string {
  if (/--max-old-space-size|--max-semi-space-size/.test(value)) return 'an older --max-old-space-size';
  if (/-Xm[sx]\d|MaxRAMPercentage|InitialRAMPercentage/.test(value)) return 'an -Xmx wins over MaxRAMPercentage; an older -Xmx';
  return 'an older value of the same flag';
}

/**
 * A step sets an options variable the configuration shows with a value (or a secret reference): the value
 * it would replace is printed first, and the command keeps it in front of the new flags (the later of two
 * same flags wins, for the JVM and for Node).
 */
function keepExistingOptions(input: FixInput): FindingStep[] {
  const { steps, config, f } = input;
  if (f.benign) return steps;
  const env = envOf(config, input.names.container ?? input.target.container).filter((e) => OPTIONS_VAR.test(e.name) && (e.hasValue === true || typeof e.secretRef === 'string'));
  if (env.length === 0) return steps;
  const out: FindingStep[] = [];
  for (const s of steps) {
    const e = env.find((x) => pairOf(s.command ?? '', x.name));
    const pair = e ? pairOf(s.command!, e.name) : undefined;
    if (!e || !pair || /^secretref:/.test(pair.value) || pair.value.includes('<current-flags>')) {
      out.push(s);
      continue;
    }
    const where = e.secretRef ? `from secret ${e.secretRef}` : 'in the configuration';
    const show = e.secretRef
      ? `az containerapp secret list -n {app} -g {resourceGroup} --show-values --query "[?name=='${e.secretRef}'].value" -o tsv`
      : `az containerapp show -n {app} -g {resourceGroup} --query "properties.template.containers[].env[?name=='${e.name}'].value" -o tsv`;
    out.push(input.make({ text: `${e.name} already has a value (${where}), and --set-env-vars replaces all of it: print it first, so the flags it carries are not lost.`, command: show }));
    out.push({
      ...s,
      text: `${s.text} Replace <current-flags> with the value printed above, less any flag this one supersedes (${supersededFlags(pair.value)}).`,
      command: s.command!.replace(pair.whole, `${e.name}=${shellQuote(`<current-flags> ${pair.value}`)}`),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// A variable that holds a file's path

/** Variables whose value is the path of a file (a key, a certificate, a kubeconfig), never its contents. */
const FILE_VAR =
  /^(?:GOOGLE_APPLICATION_CREDENTIALS|KUBECONFIG|SSL_CERT_FILE|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|NODE_EXTRA_CA_CERTS|PGSSLROOTCERT|PGSSLCERT|PGSSLKEY|AWS_SHARED_CREDENTIALS_FILE|AWS_CONFIG_FILE|AWS_WEB_IDENTITY_TOKEN_FILE|AZURE_CLIENT_CERTIFICATE_PATH|AZURE_FEDERATED_TOKEN_FILE)$|^[A-Z][A-Z0-9_]{0,60}_(?:FILE|FILE_PATH|CERT_PATH|KEY_PATH)$/;
/** `--set-env-vars NAME=secretref:secret`. */
const POINT = / --set-env-vars ([A-Z][A-Z0-9_]{0,80})=secretref:([a-z0-9][a-z0-9.-]{0,252})/;
const MOUNT = '/mnt/secrets';

/**
 * A file-path variable pointed at a secret would hold the file's contents (a key's JSON), and the library
 * that opens it as a path fails. The secret is mounted as a file (each secret becomes a file named after
 * it) and the variable holds that path; the step that stores the secret says it holds the file's contents.
 */
function fileVarFromSecret(input: FixInput): FindingStep[] {
  const { steps, f } = input;
  if (f.benign) return steps;
  return steps.map((s) => {
    const m = POINT.exec(s.command ?? '');
    if (!m || !FILE_VAR.test(m[1]!)) {
      const stored = /^Store the value of ([A-Z][A-Z0-9_]{0,80}) as (?:an )?app secret/.exec(s.text);
      return stored && FILE_VAR.test(stored[1]!) && steps.some((x) => POINT.exec(x.command ?? '')?.[1] === stored[1])
        ? { ...s, text: s.text.replace(`Store the value of ${stored[1]}`, `Store the contents of the file ${stored[1]} must point to (the key or certificate itself)`) }
        : s;
    }
    const [, name, secret] = m;
    const path = `${MOUNT}/${secret}`;
    const lead = `${name} must hold the path of a file, not the file's contents: a secret reference would put the contents in the variable and the library would fail to open it.`;
    if (input.target.job) {
      return input.make({
        text: `${lead} Mount the secret as a file instead: save the job's YAML with \`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml\`, add a volume \`{name: secrets, storageType: Secret}\` under properties.template.volumes and a volume mount \`{volumeName: secrets, mountPath: ${MOUNT}}\` on the container (each secret becomes a file named after it), set ${name} to the value ${path} (not a secretRef), and apply the file with this command; the next execution of the job uses it.`,
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      });
    }
    return input.make({
      text: `${lead} Mount the app's secrets as files under ${MOUNT} (each secret becomes a file named after it) and set ${name} to ${path}; this creates a new revision.`,
      command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --secret-volume-mount ${MOUNT} --set-env-vars ${name}=${path}`,
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Managed-identity pulls

const REGISTRY_SET_IDENTITY = /^az containerapp (?:job )?registry set .*--identity system\b/;
const ACR_PULL_ROLE = /^az role assignment create .*--role AcrPull\b/;
const IDENTITY_ASSIGN = /^az containerapp (?:job )?identity assign /;
/** A step that switches to an image in a registry it pulls with its managed identity (`<registry>.azurecr.io/...`). */
const IDENTITY_IMAGE = /pulls it with its managed identity|with its managed identity, which needs AcrPull/;
const ACR_IMAGE = /--image (<registry>|[a-z0-9]{5,50})\.azurecr\.(?:io|cn|us)\//;

/** The configuration shows a system-assigned identity (an absent identity block is read as none). */
function hasSystemIdentity(config: AppConfig | undefined): boolean {
  return /SystemAssigned/i.test(String(config?.identity?.type ?? ''));
}

/**
 * Pulling with the managed identity takes three things: the identity, AcrPull on the registry, and the
 * registry entry that uses it. Steps that set up one of them (or switch to an image that needs them) get
 * the others, in that order, before the step that makes the pull happen.
 */
function identityPullChain(input: FixInput): FindingStep[] {
  const { steps, config, f, names } = input;
  if (f.benign) return steps;
  const registryAt = steps.findIndex((s) => REGISTRY_SET_IDENTITY.test(s.command ?? ''));
  const imageAt = steps.findIndex((s) => IDENTITY_IMAGE.test(s.text) && ACR_IMAGE.test(s.command ?? ''));
  const roleAt = steps.findIndex((s) => ACR_PULL_ROLE.test(s.command ?? '') && /\$\(az containerapp (?:job )?show /.test(s.command ?? ''));
  if (registryAt < 0 && imageAt < 0) return steps;
  const of = input.target.job ? 'job' : 'app';
  const added: FindingStep[] = [];
  if (!hasSystemIdentity(config) && !steps.some((s) => IDENTITY_ASSIGN.test(s.command ?? ''))) {
    added.push(input.make({
      text: `The ${of}'s configuration shows no system-assigned identity, and the role below is granted to its principal id: assign one first (nothing changes if it has one already).`,
      command: 'az containerapp identity assign -n {app} -g {resourceGroup} --system-assigned',
    }));
  }
  // The switch to a copy in a registry named only by a blank: the role and the entry name the same blank.
  const acr = imageAt >= 0 ? ACR_IMAGE.exec(steps[imageAt]!.command!)?.[1] : names.acrName;
  if (imageAt >= 0 && acr) {
    const scope = acr === '<registry>' ? '$(az acr show -n <registry> --query id -o tsv)' : `$(az acr show -n ${shellQuote(acr)} --query id -o tsv)`;
    if (roleAt < 0) {
      added.push(input.make({
        text: `Grant that identity AcrPull on ${acr === '<registry>' ? 'your registry (replace <registry>)' : acr}.`,
        command: `az role assignment create --assignee-object-id {principalId} --assignee-principal-type ServicePrincipal --role AcrPull --scope ${scope}`,
      }));
    }
    if (registryAt < 0) {
      added.push(input.make({
        text: `Tell the ${of} to pull from ${acr}.azurecr.io with that identity.`,
        command: `az containerapp registry set -n {app} -g {resourceGroup} --server ${acr}.azurecr.io --identity system`,
      }));
    }
  }
  if (added.length === 0) return steps;
  // Before the first step of the chain that is already there (the role, the entry or the image switch).
  const at = Math.min(...[roleAt, registryAt, imageAt].filter((i) => i >= 0));
  return [...steps.slice(0, at), ...added, ...steps.slice(at)];
}

// ---------------------------------------------------------------------------------------------------
// A job made from an app

/**
 * `job create` for an image in a private registry: the job pulls nothing without its own registry
 * entry. An Azure Container Registry is pulled with the job's system-assigned identity (the CLI grants it
 * AcrPull when the signed-in account may assign roles); a registry the app signs in to with a user name
 * gets the same user name and the password blank.
 */
function jobCreateRegistry(input: FixInput): FindingStep[] {
  const { steps, config } = input;
  return steps.map((s) => {
    const c = s.command ?? '';
    if (!/^az containerapp job create /.test(c) || / --registry-server /.test(c)) return s;
    const host = / --image ([a-z0-9][a-z0-9.-]{0,250}\.[a-z]{2,10}(?::\d{1,5})?)\//i.exec(c)?.[1];
    if (!host || /^(?:docker\.io|index\.docker\.io|mcr\.microsoft\.com)$/i.test(host)) return s;
    const entry = list(config?.registries).find((r) => typeof r?.server === 'string' && r.server.toLowerCase() === host.toLowerCase());
    const acr = /^[a-z0-9]{5,50}\.azurecr\.(?:io|cn|us)$/i.test(host);
    if (entry?.username && !acr) {
      return { ...s, text: `${s.text} It signs in to ${host} as ${entry.username}, as the app does (replace <password>).`, command: `${c} --registry-server ${host} --registry-username ${shellQuote(entry.username)} --registry-password <password>` };
    }
    if (!acr) return s;
    return {
      ...s,
      text: `${s.text} The job pulls from ${host} with its own system-assigned identity (the CLI grants it AcrPull on the registry when your account may assign roles).`,
      command: `${c} --registry-server ${host} --registry-identity system --mi-system-assigned`,
    };
  });
}

export const CONFIG_SAFETY_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [
  keepExistingOptions,
  fileVarFromSecret,
  identityPullChain,
  jobCreateRegistry,
];
