/**
 * "What changed since it last worked": picks the failing revision and the last healthy one before it,
 * and compares their templates. The classifier turns the change list into a `configuration-change`
 * finding; `describeChanges` gives the one line a person reads.
 *
 * Only names, images, sizes, probes, commands and scale bounds are compared. Env and secret values are
 * never kept (see normalize.ts), so a changed value behind the same name cannot be seen here.
 */
import type { ContainerSpec, ProbeSpec, RevisionChange, RevisionInfo, ScaleSpec } from '../model';

export type { RevisionChange, RevisionChangeKind } from '../model';

/** Either side of a comparison: a revision, its containers, or a template-like pair. */
export type RevisionTemplate = RevisionInfo | ContainerSpec[] | { containers?: ContainerSpec[]; scale?: ScaleSpec };

function templateOf(value: RevisionTemplate): { containers: ContainerSpec[]; scale?: ScaleSpec } {
  if (Array.isArray(value)) return { containers: value };
  return { containers: value.containers ?? [], scale: value.scale };
}

/** A probe in a few words, e.g. "http :8080 /healthz every 10s". Used both to compare and to print. */
export function describeProbe(p: ProbeSpec): string {
  const parts = [p.transport, p.port !== undefined ? `:${p.port}` : undefined, p.path];
  const timings = [
    p.initialDelaySeconds !== undefined ? `delay ${p.initialDelaySeconds}s` : undefined,
    p.periodSeconds !== undefined ? `every ${p.periodSeconds}s` : undefined,
    p.timeoutSeconds !== undefined ? `timeout ${p.timeoutSeconds}s` : undefined,
    p.failureThreshold !== undefined ? `${p.failureThreshold} failures` : undefined,
  ];
  return [...parts, ...timings].filter((x) => x !== undefined).join(' ');
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function text(v: string | number | string[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(' ') : String(v);
}

/** Changes to one container that is present on both sides, in a fixed order. */
function diffContainer(before: ContainerSpec, after: ContainerSpec): RevisionChange[] {
  const container = after.name;
  const out: RevisionChange[] = [];
  const field = (kind: RevisionChange['kind'], a: string | number | string[] | undefined, b: typeof a) => {
    if (!same(a, b)) out.push(strip({ kind, container, before: text(a), after: text(b) }));
  };
  field('image', before.image, after.image);

  const beforeEnv = new Map(before.env.map((e) => [e.name, e]));
  const afterEnv = new Map(after.env.map((e) => [e.name, e]));
  for (const e of after.env) if (!beforeEnv.has(e.name)) out.push({ kind: 'env-added', container, name: e.name });
  for (const e of before.env) if (!afterEnv.has(e.name)) out.push({ kind: 'env-removed', container, name: e.name });
  for (const e of after.env) {
    const old = beforeEnv.get(e.name);
    if (!old) continue;
    if (old.secretRef !== e.secretRef) {
      out.push(strip({ kind: 'env-secret-ref', container, name: e.name, before: old.secretRef, after: e.secretRef }));
    } else if (!e.secretRef && old.hasValue !== e.hasValue) {
      out.push({ kind: e.hasValue ? 'env-value-set' : 'env-value-cleared', container, name: e.name });
    }
  }

  field('cpu', before.cpu, after.cpu);
  field('memory', before.memory, after.memory);

  const beforeProbes = new Map(before.probes.map((p) => [p.type, p]));
  const afterProbes = new Map(after.probes.map((p) => [p.type, p]));
  for (const p of after.probes) {
    const old = beforeProbes.get(p.type);
    if (!old) out.push({ kind: 'probe-added', container, name: p.type, after: describeProbe(p) });
    else if (describeProbe(old) !== describeProbe(p)) {
      out.push({ kind: 'probe-changed', container, name: p.type, before: describeProbe(old), after: describeProbe(p) });
    }
  }
  for (const p of before.probes) {
    if (!afterProbes.has(p.type)) out.push({ kind: 'probe-removed', container, name: p.type, before: describeProbe(p) });
  }

  field('command', before.command, after.command);
  field('args', before.args, after.args);
  return out;
}

function strip(change: RevisionChange): RevisionChange {
  if (change.before === undefined) delete change.before;
  if (change.after === undefined) delete change.after;
  return change;
}

function diffScale(before: ScaleSpec | undefined, after: ScaleSpec | undefined): RevisionChange[] {
  // A side without scale data says nothing (e.g. a file without templates): no change is claimed.
  if (!before || !after) return [];
  const out: RevisionChange[] = [];
  if (before.minReplicas !== after.minReplicas) {
    out.push(strip({ kind: 'scale-min', before: text(before.minReplicas), after: text(after.minReplicas) }));
  }
  if (before.maxReplicas !== after.maxReplicas) {
    out.push(strip({ kind: 'scale-max', before: text(before.maxReplicas), after: text(after.maxReplicas) }));
  }
  const rules = (s: ScaleSpec) =>
    s.rules
      .map((r) => (r.type ? `${r.name} (${r.type})` : r.name))
      .sort()
      .join(', ');
  if (rules(before) !== rules(after)) {
    out.push({ kind: 'scale-rules', before: rules(before) || 'none', after: rules(after) || 'none' });
  }
  return out;
}

/** Everything that differs from `previous` (the last healthy revision) to `current` (the failing one). */
export function diffRevisions(previous: RevisionTemplate, current: RevisionTemplate): RevisionChange[] {
  const before = templateOf(previous);
  const after = templateOf(current);
  const out: RevisionChange[] = [];
  const beforeByName = new Map(before.containers.map((c) => [c.name, c]));
  const afterNames = new Set(after.containers.map((c) => c.name));
  for (const c of after.containers) {
    const old = beforeByName.get(c.name);
    if (old) out.push(...diffContainer(old, c));
    else out.push(strip({ kind: 'container-added', container: c.name, after: c.image }));
  }
  for (const c of before.containers) {
    if (!afterNames.has(c.name)) out.push(strip({ kind: 'container-removed', container: c.name, before: c.image }));
  }
  out.push(...diffScale(before.scale, after.scale));
  return out;
}

/** "myacr.azurecr.io/orders:1.4.1" → "orders:1.4.1" when both sides share the registry path. */
function shortImages(before?: string, after?: string): [string, string] {
  const tail = (s?: string) => (s ? s.slice(s.lastIndexOf('/') + 1) : 'none');
  const head = (s?: string) => (s && s.includes('/') ? s.slice(0, s.lastIndexOf('/')) : '');
  if (before && after && head(before) === head(after)) return [tail(before), tail(after)];
  return [before ?? 'none', after ?? 'none'];
}

/** How each kind reads in a sentence. Rules as data: one phrase per kind. */
const PHRASES: Record<RevisionChange['kind'], (c: RevisionChange) => string> = {
  'container-added': (c) => `container ${c.container} added${c.after ? ` (${c.after})` : ''}`,
  'container-removed': (c) => `container ${c.container} removed`,
  image: (c) => {
    const [a, b] = shortImages(c.before, c.after);
    return `image ${a} → ${b}`;
  },
  'env-added': (c) => `${c.name} added`,
  'env-removed': (c) => `${c.name} removed`,
  'env-secret-ref': (c) =>
    c.after
      ? `${c.name} now reads secret ${c.after} (was ${c.before ? `secret ${c.before}` : 'not a secret'})`
      : `${c.name} no longer reads secret ${c.before}`,
  'env-value-cleared': (c) => `${c.name} value removed`,
  'env-value-set': (c) => `${c.name} now has a value`,
  cpu: (c) => `cpu ${c.before ?? 'unset'} → ${c.after ?? 'unset'}`,
  memory: (c) => `memory ${c.before ?? 'unset'} → ${c.after ?? 'unset'}`,
  'probe-added': (c) => `${c.name} probe added (${c.after})`,
  'probe-removed': (c) => `${c.name} probe removed`,
  'probe-changed': (c) => `${c.name} probe ${c.before} → ${c.after}`,
  command: (c) => `command "${c.before ?? 'image default'}" → "${c.after ?? 'image default'}"`,
  // Arguments often carry connection strings or tokens, so the sentence never prints them.
  args: () => 'args changed',
  'scale-min': (c) => `minReplicas ${c.before ?? 'unset'} → ${c.after ?? 'unset'}`,
  'scale-max': (c) => `maxReplicas ${c.before ?? 'unset'} → ${c.after ?? 'unset'}`,
  'scale-rules': (c) => `scale rules ${c.before} → ${c.after}`,
};

export interface DescribeChangesOptions {
  /** Name of the healthy revision the changes are counted from, for the "since revision …:" lead. */
  fromRevision?: string;
}

/**
 * One line, e.g. "since revision orders-api--r7: image orders:1.4.1 → orders:1.4.2, DATABASE_URL removed".
 * Container names are added only when the changes touch more than one container.
 */
export function describeChanges(changes: RevisionChange[], options: DescribeChangesOptions = {}): string {
  const lead = options.fromRevision ? `since revision ${options.fromRevision}: ` : '';
  if (changes.length === 0) return `${lead}no template changes (env and secret values are not compared)`;
  const containerNames = new Set(changes.map((c) => c.container).filter((n) => n !== undefined));
  const prefix = containerNames.size > 1;
  const parts = changes.map((c) => {
    const phrase = PHRASES[c.kind](c);
    const labelled = c.kind === 'container-added' || c.kind === 'container-removed';
    return prefix && c.container && !labelled ? `${c.container}: ${phrase}` : phrase;
  });
  return lead + parts.join(', ');
}

/**
 * Which revision failed, and which healthy one came before it. Preference order, as data: the app's
 * latest ready revision (ARM's own verdict), then any revision reporting Healthy, then the newest one
 * that at least did not report a failure (older revisions deactivated in single mode often report None).
 */
const HEALTHY_PREFERENCE: ((rev: RevisionInfo, ctx: { latestReady?: string }) => boolean)[] = [
  (rev, ctx) => !!ctx.latestReady && rev.name.toLowerCase() === ctx.latestReady.toLowerCase(),
  (rev) => rev.healthState?.toLowerCase() === 'healthy',
  (rev) =>
    rev.healthState?.toLowerCase() !== 'unhealthy' &&
    rev.provisioningState?.toLowerCase() !== 'failed' &&
    !['failed', 'degraded'].includes(rev.runningState?.toLowerCase() ?? ''),
];

export function pickRevisions(
  revisionsNewestFirst: RevisionInfo[],
  context: { failing?: string; latestReady?: string },
): { failing?: RevisionInfo; healthy?: RevisionInfo } {
  const index = context.failing
    ? revisionsNewestFirst.findIndex((r) => r.name.toLowerCase() === context.failing!.toLowerCase())
    : -1;
  if (index < 0) return {};
  const failing = revisionsNewestFirst[index];
  const older = revisionsNewestFirst
    .slice(index + 1)
    .filter((r) => !failing.createdTime || !r.createdTime || r.createdTime < failing.createdTime);
  for (const rule of HEALTHY_PREFERENCE) {
    const healthy = older.find((r) => rule(r, context));
    if (healthy) return { failing, healthy };
  }
  return { failing };
}
