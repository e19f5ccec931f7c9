/**
 * Blanks the rows or the configuration already fill: a step that says `ConnectionStrings__<Name>` while the
 * exception names the connection string, `<secret-name>` while the configuration says which secret the
 * variable reads, `<registry>/<image>` while the app runs that image, `<storage-account-id>` while the host
 * names the account. A blank is left only where nothing names the value (the new tag, a value to type).
 */
import type { AppConfig, Finding, FindingStep } from '../../model';

type Make = (step: FindingStep) => FindingStep;

export interface PlaceholderInput {
  f: Finding;
  steps: FindingStep[];
  names: Record<string, string>;
  config: AppConfig | undefined;
  /** The rows of the finding and its siblings. */
  rows: string;
  make: Make;
}

function list<T>(v: T[] | undefined | null): T[] {
  return Array.isArray(v) ? v : [];
}

function env(config: AppConfig | undefined): { name: string; secretRef?: string }[] {
  return [...list(config?.containers), ...list(config?.initContainers)].flatMap((c) => list(c?.env)).filter((e) => typeof e?.name === 'string');
}

/** Where .NET code and its errors name a connection string: GetConnectionString("X"), ConnectionStrings:X, 'X' connection string. */
const CONNECTION_NAME_IN_ROWS = [
  /\bGetConnectionString\(\s?\\?"(\w{1,60})\\?"\s?\)/,
  /\bConnectionStrings(?::|__)(\w{1,60})\b/,
  /\bconnection string (?:named )?'(\w{1,60})'/i,
  /'(\w{1,60})' connection string\b/i,
];

/** The one connection-string name the variable, the rows or the configuration give. */
export function connectionStringName(names: Record<string, string>, rows: string, config: AppConfig | undefined): string | undefined {
  const fromVar = /^ConnectionStrings__(\w{1,60})$/.exec(names.envVar ?? '')?.[1];
  if (fromVar) return fromVar;
  for (const re of CONNECTION_NAME_IN_ROWS) {
    const m = re.exec(rows)?.[1];
    if (m && m !== 'Name') return m;
  }
  const configured = [...new Set(env(config).map((e) => /^ConnectionStrings__(\w{1,60})$/.exec(e.name)?.[1]).filter((x): x is string => !!x))];
  return configured.length === 1 ? configured[0] : undefined;
}

const CONN_BLANK = /ConnectionStrings__<Name>/;
const fillConn = (t: string, v: string): string => t.split('ConnectionStrings__<Name>').join(v);

/**
 * The connection string's name in place of `<Name>`; when the configuration already points that variable
 * at a secret, the step says so and stores the value there (no new variable, no new revision).
 */
function connectionSteps(input: PlaceholderInput): FindingStep[] {
  const { steps, names, rows, config, make } = input;
  if (!steps.some((s) => CONN_BLANK.test(`${s.text} ${s.command ?? ''}`))) return steps;
  const name = connectionStringName(names, rows, config);
  if (!name) return steps;
  const v = `ConnectionStrings__${name}`;
  const secret = env(config).find((e) => e.name === v)?.secretRef;
  const stores = steps.some((s) => secret && / secret set .*--secrets \S{0,10}/.test(s.command ?? '') && (s.command ?? '').includes(` ${secret}=`));
  return steps.map((s) => {
    if (!CONN_BLANK.test(`${s.text} ${s.command ?? ''}`)) return s;
    if (secret && !s.command && !stores) {
      return make({
        text: `${v} already reads secret ${secret}: put the connection string the app passes there (replace <value>); restart the revision after.`,
        command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${secret}=<value>`,
      });
    }
    const text = fillConn(s.text, v);
    return s.command ? { text, command: fillConn(s.command, v) } : { text };
  });
}

const SECRET_BLANK = /<secret-name>/;
const UPPER_VAR = /\b[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){0,8}\b/g;

/**
 * The secret a step leaves blank: the one the variable concerned reads in the configuration (the finding's
 * variable, else the one variable the step names that reads a secret).
 */
function secretFor(s: FindingStep, names: Record<string, string>, config: AppConfig | undefined): string | undefined {
  const refs = env(config).filter((e) => typeof e.secretRef === 'string');
  const byVar = (v: string | undefined): string | undefined => (v ? refs.find((e) => e.name === v)?.secretRef : undefined);
  const own = byVar(names.secretVar) ?? byVar(names.envVar) ?? byVar(names.setVar);
  if (own) return own;
  const named = new Set([...s.text.matchAll(UPPER_VAR)].map((m) => byVar(m[0])).filter((x): x is string => !!x));
  return named.size === 1 ? [...named][0] : undefined;
}

function secretSteps(input: PlaceholderInput): FindingStep[] {
  return input.steps.map((s) => {
    if (!SECRET_BLANK.test(`${s.text} ${s.command ?? ''}`)) return s;
    const secret = secretFor(s, input.names, input.config);
    if (!secret) return s;
    const text = s.text
      .replace(/[Rr]eplace <secret-name> and <value>/g, (m) => `${m[0]}eplace <value>`)
      .replace(/ \(replace <secret-name>\)/g, '')
      .replace(/<secret-name>/g, secret);
    return s.command ? { text, command: s.command.replace(/<secret-name>/g, secret) } : { text };
  });
}

/** `registry/repo:tag` or `repo@sha256:...` -> `registry/repo`. */
function repositoryOf(image: string): string {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(0, colon) : ref;
}

const PULLED_IMAGE = /\b(?:Pulling|pull(?:ing)?|Successfully pulled) image \\?"([\w.-]{1,100}(?::\d{1,5})?\/[\w./-]{1,200}(?::[\w.-]{1,128})?)\\?"/;

/** The image the app runs: the finding's name, the container the configuration gives, else a pull row. */
function imageOf(input: PlaceholderInput): string | undefined {
  const containers = list(input.config?.containers);
  const c = containers.find((x) => x?.name === input.names.container) ?? containers[0];
  return input.names.image ?? (typeof c?.image === 'string' ? c.image : undefined) ?? PULLED_IMAGE.exec(input.rows)?.[1];
}

const IMAGE_BLANK = /<registry>\/<image>(?=:<new-tag>)/;

/** The repository the app runs in place of `<registry>/<image>` (the new tag stays a blank). */
function imageSteps(input: PlaceholderInput): FindingStep[] {
  if (!input.steps.some((s) => IMAGE_BLANK.test(s.command ?? ''))) return input.steps;
  const image = imageOf(input);
  if (!image || !/^[\w.:/@-]{1,300}$/.test(image)) return input.steps;
  const repo = repositoryOf(image);
  return input.steps.map((s) => (s.command && IMAGE_BLANK.test(s.command) ? { ...s, command: s.command.split('<registry>/<image>:<new-tag>').join(`${repo}:<new-tag>`) } : s));
}

/** `<image>` inside an inline `docker run` the step gives: the image the app runs, so the check is pasteable. */
const DOCKER_RUN_IMAGE = /(`docker run [^`<]{0,200})<image>/g;
const HAS_DOCKER_RUN_IMAGE = /`docker run [^`<]{0,200}<image>/;

function dockerRunSteps(input: PlaceholderInput): FindingStep[] {
  if (!input.steps.some((s) => HAS_DOCKER_RUN_IMAGE.test(s.text))) return input.steps;
  const image = imageOf(input);
  if (!image || !/^[\w.:/@-]{1,300}$/.test(image)) return input.steps;
  return input.steps.map((s) => (HAS_DOCKER_RUN_IMAGE.test(s.text) ? { ...s, text: s.text.replace(DOCKER_RUN_IMAGE, (_m, head: string) => `${head}${image}`) } : s));
}

/** A storage account as its endpoints and mount rows name it. */
const STORAGE_HOST = /\b([a-z0-9]{3,24})\.(?:blob|file|queue|table|dfs)\.core\.windows\.net\b/;

function storageAccountOf(input: PlaceholderInput): string | undefined {
  return input.names.storageAccount ?? STORAGE_HOST.exec(input.names.host ?? '')?.[1] ?? STORAGE_HOST.exec(input.rows)?.[1];
}

/** The account the rows name in place of `<storage-account-id>`, `<storage-account>` and `<account>`. */
function storageSteps(input: PlaceholderInput): FindingStep[] {
  const blank = /<storage-account-id>|<storage-account>|<account>/;
  if (!input.steps.some((s) => blank.test(`${s.text} ${s.command ?? ''}`))) return input.steps;
  const account = storageAccountOf(input);
  if (!account) return input.steps;
  const id = `$(az resource list -n ${account} --resource-type Microsoft.Storage/storageAccounts --query '[0].id' -o tsv)`;
  const fill = (t: string): string => t.replace(/<storage-account-id>/g, id).replace(/<storage-account>|<account>/g, account);
  return input.steps.map((s) => (s.command ? { text: fill(s.text), command: fill(s.command) } : { text: fill(s.text) }));
}

/** Every blank above, filled where the rows or the configuration name the value. */
export function knownPlaceholderSteps(input: PlaceholderInput): FindingStep[] {
  if (input.f.benign) return input.steps;
  let steps = connectionSteps(input);
  steps = secretSteps({ ...input, steps });
  steps = imageSteps({ ...input, steps });
  steps = dockerRunSteps({ ...input, steps });
  return storageSteps({ ...input, steps });
}
