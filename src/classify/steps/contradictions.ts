/**
 * Steps that contradict the configuration or the rows, and padding from a neighbouring cause (issue #11,
 * docs/steps-review-v16-fresh.md, ninth round): a plain value for a variable that reads a secret, a flag
 * taken for a program, chmod on a file that is not there, a private endpoint for a pull that worked on the
 * retry, generic extension steps for a self-hosted PostgreSQL, and a public image rebuilt to fix a mount.
 */
import type { FindingStep } from '../../model';
import { APPLY_YAML, viaYaml, type FixInput } from './fixCommands';
import { postgresMajor, publicImageOf } from './publicImages';
import { SECRET_VALUE_RESTART, placeRestart } from './restartNeed';
import { RESTART_REVISION } from '../rules/commandTemplates';
import { rowsOfAll } from './evidenceRows';

function list<T>(v: T[] | undefined | null): T[] {
  return Array.isArray(v) ? v : [];
}

function mainOf(input: FixInput) {
  const containers = list(input.config?.containers);
  return containers.find((c) => c?.name === (input.names.container ?? input.target.container)) ?? containers[0];
}

// ---------------------------------------------------------------------------------------------------
// A plain value for a variable that reads a secret

/** `--set-env-vars NAME=value` pairs of a command (a value is one shell word). */
const SET_PAIR = /(?:--set-env-vars|\s)\s?([A-Za-z_][A-Za-z0-9_]{0,100})=(\S{1,500})/g;

/**
 * A step that sets VAR to a plain value while VAR reads secret S: the value would replace the secret
 * reference (and sit in the template in clear). The value goes into S instead, and a restart brings it.
 */
export function secretRefValues(input: FixInput): FindingStep[] {
  const refs = new Map(list(mainOf(input)?.env).flatMap((e) => (e?.name && e.secretRef ? [[e.name, e.secretRef] as const] : [])));
  if (refs.size === 0) return input.steps;
  let changed = false;
  const out = input.steps.flatMap((s) => {
    const cmd = s.command ?? '';
    if (!/--set-env-vars /.test(cmd)) return [s];
    const at = cmd.indexOf('--set-env-vars ');
    const pairs = [...cmd.slice(at).matchAll(SET_PAIR)].filter((m) => refs.has(m[1]!) && !m[2]!.startsWith('secretref:'));
    if (pairs.length !== 1) return [s];
    const [, v, value] = pairs[0]!;
    const secret = refs.get(v!)!;
    changed = true;
    // Another step already stores the value in that secret: this one only contradicts it.
    if (input.steps.some((o) => o !== s && new RegExp(`secret set .*--secrets ${secret.replace(/[.]/g, '\\.')}=`).test(o.command ?? ''))) return [];
    return [input.make({
      text: `${v} reads secret ${secret}: put the value in the secret, not in ${v} (a plain value would replace the secret reference).`,
      command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${secret}=${value!.startsWith('<') ? value : '<value>'}`,
    })];
  });
  if (!changed) return input.steps;
  // Nothing after the last step can start a new revision: the restart goes at the end unless one is there.
  return placeRestart(out, { after: out.length - 1, text: SECRET_VALUE_RESTART }, input.make);
}

// ---------------------------------------------------------------------------------------------------
// A flag in the command field

/**
 * The container's command starts with an option (`-h`): those words are arguments, and a step that looks
 * for a program named `-h` on PATH reads the configuration backwards.
 */
export function flagAsCommand(input: FixInput): FindingStep[] {
  const c = mainOf(input);
  const command = list(c?.command).filter((w): w is string => typeof w === 'string');
  const flag = command[0];
  if (!flag || !/^-{1,2}[\w-]{1,40}$/.test(flag)) return input.steps;
  const named = (t: string) => t.includes(`/${flag}`) || t.startsWith(`${flag} is not`) || t.includes(`\`${flag}\` is not`);
  const kept = input.steps.filter((s) => !named(s.text));
  const args = list(c?.args).filter((w): w is string => typeof w === 'string');
  const words = JSON.stringify([...command, ...args]);
  const step = input.make({
    text: `The container's command starts with ${flag}, an option and not a program: ${words} are arguments. Move them to args and leave command empty (the image's ENTRYPOINT then runs with them), or put the program first (such as the server's own command before ${flag}). ${viaYaml(input, "set the container's command and args")}`,
    command: APPLY_YAML,
  });
  return [step, ...kept];
}

// ---------------------------------------------------------------------------------------------------
// chmod on a missing file

const MISSING = /no such file or directory|not found|does not exist|cannot find/i;
const REFUSED = /permission denied|EACCES|not executable|Operation not permitted/i;
const CHMOD = /chmod|executable bit|COPY --chmod/;

/** The rows say the file is not there (and nothing says it was refused): making it executable does not apply. */
export function noChmodForMissing(input: FixInput): FindingStep[] {
  const rows = rowsOfAll(input);
  if (!rows.some((r) => MISSING.test(r)) || rows.some((r) => REFUSED.test(r))) return input.steps;
  if (!input.steps.some((s) => CHMOD.test(s.text))) return input.steps;
  return input.steps.flatMap((s) => {
    if (!CHMOD.test(s.text)) return [s];
    // Clauses split on "; " and sentence ends; the ones about chmod go.
    const parts = s.text.split(/(?<=[.;]) (?=[A-Za-z(`])|; |, and make it executable \([^)]{0,120}\)/);
    const kept = parts.filter((p) => !CHMOD.test(p));
    if (kept.length === 0) return s.command ? [{ ...s, text: s.text }] : [];
    const text = kept.join(' ').replace(/ ([.;,])/g, '$1').replace(/[;,] ?$/, '.').trim();
    return [{ ...s, text: /\.$/.test(text) ? text : `${text}.` }];
  });
}

// ---------------------------------------------------------------------------------------------------
// Padding

const PRIVATE_NETWORK = /private endpoint|private DNS|privatelink/i;

/** A pull that failed once and then worked: a private endpoint or DNS setup cannot explain the retry. */
export function noPrivateEndpointOnce(input: FixInput): FindingStep[] {
  const { f, steps } = input;
  if (f.category !== 'image-pull-failure' || !steps.some((s) => /^No action needed now/.test(s.text))) return steps;
  return steps.filter((s) => !PRIVATE_NETWORK.test(s.text));
}

const EXTENSION_STEP = /^Run PostgreSQL from an image that includes/;
const PG_DIR = /\/postgresql\/(\d{1,2})\/extension\//;

/**
 * pgvector missing from a self-hosted PostgreSQL container (the app's own image is postgres): the
 * pgvector image of the same major version is the fix; Azure Database's allow-list does not apply.
 */
export function pgvectorImage(input: FixInput): FindingStep[] {
  const { f, steps } = input;
  const module = f.names?.module;
  if (module !== 'vector' || !steps.some((s) => EXTENSION_STEP.test(s.text))) return steps;
  const image = mainOf(input)?.image;
  if (!image || !/(?:^|\/)postgres(?:ql)?[:@]|(?:^|\/)postgres$/i.test(image)) return steps;
  const major = rowsOfAll(input).map((r) => PG_DIR.exec(r)?.[1]).find(Boolean) ?? postgresMajor(image);
  const tag = major ? `pg${major}` : 'pg<version>';
  return steps.map((s) =>
    EXTENSION_STEP.test(s.text)
      ? input.make({
          text: `The PostgreSQL container runs ${image}, which has no vector extension: run pgvector/pgvector:${tag}, the same PostgreSQL${major ? ` ${major}` : ''} with pgvector installed (it keeps the data directory and the POSTGRES_* variables), then CREATE EXTENSION vector succeeds; this creates a new revision.`,
          command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image pgvector/pgvector:${major ? tag : '<pg-version-tag>'}`,
        })
      : s,
  );
}

// ---------------------------------------------------------------------------------------------------
// Public images: the user and data path instead of a rebuild

const PERMISSION_ROWS = /permission denied|Operation not permitted|EACCES|EPERM|not writable|could not change permissions/i;
const REBUILD = /\bDockerfile\b|\brebuil[dt]\b|<new-tag>/i;
const SMB_OWNER_STEP = /is on volume \S{1,80}: an Azure Files \(SMB\) mount belongs to root/;

/** Mount options with the server's own ids (`uid=999`), written by a server's rule rather than the generic owner step. */
const SERVER_MOUNT_STEP = /mountOptions: uid=\d/;
/** An absolute path in a row (`/var/lib/postgresql/data`, `'/opt/bitnami/redis/etc/redis.conf'`). */
const ROW_PATH = /\/[\w.@+/-]{1,300}/g;
/** A refused listen: `bind() to 0.0.0.0:80 failed (13: Permission denied)`, `listen tcp :80: bind: permission denied`. */
const PORT_BIND = /\bbind\b.{0,60}(?:Permission denied|EACCES|not permitted)|\blisten\b.{0,40}:\d{1,5}\b.{0,40}permission denied/i;

/**
 * Whether the refusal is about a file on one of the container's mounts: a refused path under (or above) a
 * mount path, or no path at all on a refusal that is not a port bind (a mount error names none). A port
 * bind is not file ownership, and a path elsewhere is inside the image (docs/steps-review-v21-fresh.md, 68).
 */
function refusedOnMount(rows: string[], mounts: { mountPath?: string }[]): boolean {
  const paths = rows.flatMap((r) => [...r.matchAll(ROW_PATH)].map((m) => m[0]));
  const under = (p: string, m: string): boolean => p === m || p.startsWith(`${m.replace(/\/$/, '')}/`);
  const mountPaths = mounts.flatMap((m) => (typeof m?.mountPath === 'string' ? [m.mountPath] : []));
  if (paths.some((p) => mountPaths.some((m) => under(p, m) || under(m, p)))) return true;
  return paths.length === 0 && !rows.some((r) => PORT_BIND.test(r));
}

/** `bitnami/redis:latest` or an untagged name: a tag that moves under the app. */
function floatingTag(image: string): boolean {
  const last = image.split('@')[0]!.split('/').pop() ?? '';
  return !last.includes(':') || /:latest$/i.test(last);
}

/**
 * A public image refused a path with no volume mounted: its own setup failed inside the image, and no
 * mount option or rebuild of the team's image applies. On a floating tag the image changed under the app,
 * so the fix is a pinned tag (docs/steps-review-v21-fresh.md, case 85); otherwise the steps stay.
 */
function floatingImagePin(input: FixInput, image: string, name: string, steps: FindingStep[]): FindingStep[] {
  const container = mainOf(input)?.name ?? 'the container';
  if (!floatingTag(image) || image.includes('@')) return steps;
  const repo = image.replace(/:latest$/i, '');
  const step = input.make({
    text: `No volume is mounted in ${container}: the path it was refused is inside the public ${name} image ${image} itself, whose setup failed on its own files. ${/:latest$/i.test(image) ? 'latest' : 'An untagged image'} moves to each new release, so pin a known-good tag of ${repo} (one the repository publishes, replace <tag>) instead of it; no mount option or rebuild applies. This creates a new revision.`,
    command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image ${repo}:<tag>`,
  });
  const kept = steps.filter((s) => !/mountOptions|\bchown\b|\bchmod\b/.test(s.text) && !REBUILD.test(`${s.text} ${s.command ?? ''}`));
  return [step, ...kept];
}

/**
 * A permission or mount problem on a well-known public image: it runs as a fixed user (postgres 999,
 * grafana 472...) and keeps its data in a fixed path; the Azure Files volume is mounted as that user
 * (mountOptions), and the image, which the engineer does not build, is never rebuilt.
 */
export function publicImageMount(input: FixInput): FindingStep[] {
  const { f, steps, config } = input;
  if (f.benign || !/^(?:permission-denied|storage-failure|volume-mount-failure)$/.test(f.category)) return steps;
  const c = mainOf(input);
  const known = publicImageOf(c?.image);
  const refused = rowsOfAll(input).filter((r) => PERMISSION_ROWS.test(r));
  if (!known || refused.length === 0) return steps;
  // A mount step needs a volume: with none mounted the refused path is inside the image itself.
  if (input.config && list(c?.volumeMounts).length === 0) return floatingImagePin(input, c!.image!, known.name, steps);
  if (!refusedOnMount(refused, list(c?.volumeMounts))) return steps;
  // The rule that named the server already gave its own mount advice (mongod: keep data off SMB at all).
  if (steps.some((s) => SERVER_MOUNT_STEP.test(s.text) && !SMB_OWNER_STEP.test(s.text))) return steps;
  const mounted = list(c?.volumeMounts).find((m) => typeof m?.mountPath === 'string' && (known.dataPath.startsWith(m.mountPath) || m.mountPath.startsWith(known.dataPath)));
  const smb = list(config?.volumes).filter((v) => /^azurefile$/i.test(String(v?.storageType ?? '')));
  const volume = mounted?.volumeName ?? f.names?.volume ?? (smb.length === 1 ? smb[0]!.name : undefined);
  const nfs = list(config?.volumes).some((v) => v?.name === volume && /nfs/i.test(String(v?.storageType ?? '')));
  const options = `uid=${known.uid},gid=${known.gid}${known.smbOptions ? `,${known.smbOptions}` : ''}`;
  const where = volume ? `volume ${volume}` : 'the volume mounted there';
  const how = nfs
    ? `On NFS the share keeps the owner chown sets: make ${known.dataPath} owned by ${known.uid}:${known.gid} on the share.`
    : `An Azure Files (SMB) mount belongs to root and ignores chown and chmod: mount ${where} as that user with \`mountOptions: ${options}\` under properties.template.volumes.`;
  const text = `${c!.image} is the public ${known.name} image: it runs as uid ${known.uid} (gid ${known.gid}) and keeps its data in ${known.dataPath}. ${how}${known.note ? ` ${known.note}` : ''} Nothing in the image needs to change. ${nfs ? '' : viaYaml(input, 'set the mount options')}`.trim();
  const step = nfs ? input.make({ text }) : input.make({ text, command: APPLY_YAML });
  const kept = steps.filter((s) => !SMB_OWNER_STEP.test(s.text) && !REBUILD.test(`${s.text} ${s.command ?? ''}`));
  return [step, ...kept];
}

// ---------------------------------------------------------------------------------------------------
// A server's config file on a volume: edited on the share, not rebuilt into the image

/** The listen step written for a server configured by a file (categoryText PRIVILEGED_PORT_STEPS). */
const LISTEN_IN_IMAGE = /^(\S{1,20}) runs as a non-root user, which may not listen on port (\d{1,5}): change `(\w{1,10}) \d{1,5}` to `\w{1,10} (\d{1,5})` in .{1,200}? in the image and rebuild/;
/** Directories a file-configured server reads its config from. */
const SERVER_CONFIG_DIR = /^\/etc\/(?:nginx|apache2|httpd|caddy)(?:\/|$)|^\/usr\/local\/apache2\/conf(?:\/|$)/;
const DEPLOY_REBUILT = /--image \S{1,300}:<new-tag>/;

/**
 * The listen directive is in a file the container mounts from a volume (conf.d on an Azure Files share):
 * the image holds no copy to rebuild, so the line changes on the share and a restart reads it
 * (docs/steps-review-v21-fresh.md, case 68). The rebuilt-image deploy goes with the rebuild.
 */
export function listenOnVolume(input: FixInput): FindingStep[] {
  const at = input.steps.findIndex((s) => LISTEN_IN_IMAGE.test(s.text));
  if (at < 0) return input.steps;
  const mount = list(mainOf(input)?.volumeMounts).find((m) => typeof m?.mountPath === 'string' && SERVER_CONFIG_DIR.test(m.mountPath));
  if (!mount?.volumeName) return input.steps;
  const [, server, port, directive, to] = LISTEN_IN_IMAGE.exec(input.steps[at]!.text)!;
  const volume = list(input.config?.volumes).find((v) => v?.name === mount.volumeName);
  const share = volume?.storageName ? ` (storage ${volume.storageName})` : '';
  const step = input.make({
    text: `${server} runs as a non-root user, which may not listen on port ${port}, and its config under ${mount.mountPath} comes from volume ${mount.volumeName}${share}, not from the image: change \`${directive} ${port}\` to \`${directive} ${to}\` in the server block on that share (no rebuild), then restart the revision so ${server} reads it.`,
    command: RESTART_REVISION,
  });
  return input.steps.flatMap((s, i) => (i === at ? [step] : DEPLOY_REBUILT.test(s.command ?? '') ? [] : [s]));
}

export const CONTRADICTION_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [
  secretRefValues,
  flagAsCommand,
  noChmodForMissing,
  noPrivateEndpointOnce,
  pgvectorImage,
  publicImageMount,
  listenOnVolume,
];
