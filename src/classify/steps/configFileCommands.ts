/**
 * A fix inside a configuration file, when the file reaches the container through a Secret volume: the
 * file is an app secret (each secret is a file named after it in the mount, or at the path the volume's
 * secrets list gives), so `az containerapp secret set` writes it, and a restart makes the replica read it
 * (a secret volume is read when the replica starts). Also the variable a step offers in words as the
 * alternative to the file (`or VAULT_DISABLE_MLOCK=true`): the update that sets it.
 * Reviews v19 #3 and #5: "the file comes from the secret volume, so it needs `az containerapp secret set`".
 */
import type { AppConfig, FindingStep } from '../../model';
import { RESTART_COMMAND, RESTART_REVISION } from '../rules/commandTemplates';
import type { FixInput } from './fixCommands';
import { list } from './list';
import { isCredentialName } from './credentialNames';

/** A step that asks for a change in a configuration file (the file, an override, the server's configuration). */
const FILE_STEP = /\b(?:configuration|config) file\b|\boverride file\b|\bconfiguration the container loads\b|\bin the server's configuration\b/i;
/** An absolute path in a word or a sentence (`-config=/vault/config/vault.hcl`, `/etc/loki/config.yaml`). */
const PATH = /(?:^|[\s=:'"`(])(\/[\w.@+-]{1,100}(?:\/[\w.@+-]{1,100}){0,20})/g;
/** A name Azure accepts for a secret: lower-case letters, digits, '-' and '.'. */
const SECRET_NAME = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/;
/** Mount paths that hold configuration, for an override directory the rows do not name a file in. */
const CONFIG_DIR = /conf|settings|\.d$/i;

interface SecretMount {
  volume: string;
  mountPath: string;
  secrets: { secretRef?: string; path?: string }[];
}

/** Every Secret volume mount of the app's containers. */
function secretMounts(config: AppConfig | undefined): SecretMount[] {
  const volumes = list(config?.volumes).filter((v) => /^secret$/i.test(String(v?.storageType ?? '')));
  return list(config?.containers).flatMap((c) =>
    list(c?.volumeMounts).flatMap((m) => {
      const v = volumes.find((x) => x?.name === m?.volumeName);
      // The look-behinds below let only the first character of a trailing run start a match: linear on a run.
      return v && typeof m.mountPath === 'string' && m.mountPath.startsWith('/')
        ? [{ volume: v.name, mountPath: m.mountPath.replace(/(?<!\/)\/+$/, '') || '/', secrets: list(v.secrets) }]
        : [];
    }),
  );
}

/** The absolute paths the steps, the finding's names and the containers' start words give. */
function pathsOf(input: FixInput): string[] {
  const words = list(input.config?.containers).flatMap((c) => [...list(c?.command), ...list(c?.args)]).filter((w): w is string => typeof w === 'string');
  const texts = [...Object.values(input.names), ...words, ...input.steps.map((s) => s.text)].map((t) => String(t).slice(0, 2000));
  const out = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(PATH)) out.add(m[1]!.replace(/(?<![.,;:])[.,;:]+$/, ''));
  return [...out];
}

interface SecretFile {
  mount: SecretMount;
  /** The file's path in the container, when a path names one. */
  file?: string;
  /** The secret that holds it, when the volume or the file's name says which. */
  secret?: string;
}

/** The secret behind a file under a Secret mount: the volume's listed path, else the file's own name. */
function secretOf(mount: SecretMount, file: string): string | undefined {
  const rel = file.slice(mount.mountPath.length + 1);
  if (!rel || (rel.includes('/') && mount.secrets.length === 0)) return undefined;
  if (mount.secrets.length > 0) return mount.secrets.find((s) => (s.path ?? s.secretRef) === rel)?.secretRef;
  return SECRET_NAME.test(rel) ? rel : undefined;
}

/** The Secret volume file the steps' fix goes into: by a path under the mount, else a configuration directory mount. */
function secretFile(input: FixInput): SecretFile | undefined {
  const mounts = secretMounts(input.config);
  if (mounts.length === 0) return undefined;
  for (const p of pathsOf(input)) {
    const mount = mounts.find((m) => p.startsWith(`${m.mountPath}/`));
    if (mount) return { mount, file: p, secret: secretOf(mount, p) };
  }
  // An override directory (config.d) whose files the rows do not name: the one secret it lists, or the app's only one.
  const dirs = mounts.filter((m) => CONFIG_DIR.test(m.mountPath));
  if (dirs.length !== 1) return undefined;
  const mount = dirs[0]!;
  const listed = mount.secrets.map((s) => s.secretRef).filter((s): s is string => typeof s === 'string');
  const appSecrets = list(input.config?.secrets).map((s) => s?.name).filter((s): s is string => typeof s === 'string');
  const only = listed.length === 1 ? listed[0] : listed.length === 0 && appSecrets.length === 1 ? appSecrets[0] : undefined;
  return { mount, ...(only ? { secret: only } : {}) };
}

/**
 * The step that asks for a file change, given the `secret set` that writes the file when it comes from a
 * Secret volume, then the restart (kept once: the step's own, or a new one after it).
 */
function secretVolumeFile(input: FixInput): FindingStep[] {
  const { f, steps } = input;
  if (f.benign || steps.some((s) => /^az containerapp (?:job )?secret set /.test(s.command ?? ''))) return steps;
  const at = steps.findIndex((s) => FILE_STEP.test(s.text) && (!s.command || RESTART_COMMAND.test(s.command)));
  if (at < 0) return steps;
  const found = secretFile(input);
  if (!found) return steps;
  const { mount, file, secret } = found;
  const base = file ? file.slice(file.lastIndexOf('/') + 1) : 'the file';
  const name = secret ?? '<secret-name>';
  const which = secret
    ? `secret ${secret} holds ${file ?? 'the file'}`
    : `each app secret is a file there named after it (\`az containerapp secret list -n <app> -g <resource-group> --query '[].name' -o tsv\` lists them; replace <secret-name> with the one that holds ${file ?? 'the override'})`;
  const write = input.make({
    text: `The file comes from Secret volume ${mount.volume} mounted at ${mount.mountPath}: ${which}. Write the corrected file into that secret (replace <file-content>; in bash, \`--secrets ${name}="$(cat ${base === 'the file' ? '<file>' : base})"\` passes the file as it is).`,
    command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${name}=<file-content>`,
  });
  const own = steps[at]!;
  // One restart, after the secret is written: the step's own, else the one a later step carries, else a new one.
  const later = steps.find((s, i) => i > at && RESTART_COMMAND.test(s.command ?? ''));
  const restart = own.command
    ? { text: 'A Secret volume is read when the replica starts: restart the revision after the change.', command: own.command }
    : (later ?? input.make({ text: 'A Secret volume is read when the replica starts: restart the revision after the change.', command: RESTART_REVISION }));
  const after = steps.slice(at + 1).filter((s) => s !== later);
  return [...steps.slice(0, at), { text: own.text }, write, restart, ...after];
}

// ---------------------------------------------------------------------------------------------------
// A variable offered in words as the alternative to the file

/** `or NAME=value` inside a step's sentence: a setting the program also reads from its environment. */
const OR_VARIABLE = /\bor ([A-Z][A-Z0-9]{1,30}(?:_[A-Z0-9]{1,30}){1,6})=([\w.:/-]{1,100}?)(?=[\s;,)]|\.?$)/;

function envAlternative(input: FixInput): FindingStep[] {
  const { f, steps } = input;
  if (f.benign) return steps;
  const at = steps.findIndex((s) => (!s.command || RESTART_COMMAND.test(s.command) || /secret set/.test(s.command)) && OR_VARIABLE.test(s.text));
  if (at < 0) return steps;
  const m = OR_VARIABLE.exec(steps[at]!.text)!;
  const [, name, value] = m;
  if (isCredentialName(name!) || steps.some((s) => (s.command ?? '').includes(` ${name}=`))) return steps;
  const step = input.make({
    text: `Or, with no change to the file, set ${name}=${value} on the container, which the program reads as the same setting; this creates a new revision, so no restart is needed.`,
    command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${name}=${value}`,
  });
  return [...steps, step];
}

export const CONFIG_FILE_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [secretVolumeFile, envAlternative];
