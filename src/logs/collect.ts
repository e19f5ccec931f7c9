/**
 * Turns rows (as RowViews) into the evidence for one target: the same decisions as `toSystemEvent`,
 * `toConsoleLine` and the target filter, taken in the order that lets most rows be dropped after a
 * couple of byte comparisons. Only rows that belong to the target, in its window, and recent enough to
 * survive the per-replica cap are decoded into objects.
 */
import type { ConsoleLine, EvidenceNote, SystemEvent, Target } from '../model';
import { CONSOLE_MARKERS, FIELDS, SYSTEM_MARKERS, TABLE_NAME } from './normalize';
import { slotOf, slots, TIME_ALIAS, type RowView } from './rowView';

const S = {
  time: Int32Array.from([...slots(FIELDS.time), TIME_ALIAS]),
  firstSeen: slots(FIELDS.firstSeen),
  reason: slots(FIELDS.reason),
  systemMessage: slots(FIELDS.systemMessage),
  consoleText: slots(FIELDS.consoleText),
  severity: slots(FIELDS.severity),
  type: slots(['Type']),
  eventSource: slots(FIELDS.eventSource),
  app: slots(FIELDS.app),
  job: slots(FIELDS.job),
  revision: slots(FIELDS.revision),
  systemReplica: slots(FIELDS.systemReplica),
  consoleReplica: slots(FIELDS.consoleReplica),
  container: slots(FIELDS.container),
  stream: slots(FIELDS.stream),
  image: slots(FIELDS.image),
  count: slots(FIELDS.count),
  rows: slots(FIELDS.rows),
  systemMarkers: slots(SYSTEM_MARKERS),
  consoleMarkers: slots(CONSOLE_MARKERS),
  rowKind: slotOf('RowKind'),
};

/** Events the log stream writes about its own connection, not about the app. */
const STREAM_NOISE_REASONS: ReadonlySet<string> = new Set(['StartingGettingEvents', 'ConnectedToEventsServer']);

type Kind = 'system' | 'console';

interface SystemGroup {
  event: SystemEvent;
  rows: number;
  maxCount: number;
}

/** Keeps the latest `limit` lines by time (ties: the later row), in memory at most 2 x limit. */
class LatestLines {
  private lines: ConsoleLine[] = [];
  /** Lines older than this can no longer be among the latest `limit`: `limit` newer ones are kept. */
  floor = Number.NEGATIVE_INFINITY;
  constructor(private readonly limit: number) {}
  push(line: ConsoleLine): void {
    this.lines.push(line);
    if (this.lines.length >= this.limit * 2) this.trim();
  }
  private trim(): void {
    this.lines.sort((a, b) => a.time.getTime() - b.time.getTime());
    this.lines = this.lines.slice(-this.limit);
    if (this.lines.length >= this.limit) this.floor = this.lines[0].time.getTime();
  }
  take(): ConsoleLine[] {
    this.trim();
    return this.lines;
  }
}

export interface CollectLimits {
  perReplica: number;
  maxSystemGroups: number;
  maxConsoleLines: number;
}

/** What one file held, for saying why it gave nothing for the target. */
export interface FileSummary {
  rows: number;
  kept: number;
  apps: string[];
  firstTime?: number;
  lastTime?: number;
}

const MAX_APPS_NAMED = 20;

export class EvidenceCollector {
  readonly counts = { unreadable: 0, outside: 0, pruned: 0 };
  private readonly groups = new Map<string, SystemGroup>();
  private readonly consoleByReplica = new Map<string, LatestLines>();
  private readonly nameBytes: Buffer;
  /** The target's revision, replica and container with their UTF-8 bytes, for comparing in place. */
  private readonly wanted: Record<'revision' | 'replica' | 'container', Wanted | undefined>;
  private readonly start: number;
  private readonly end: number;
  private file: FileSummary = { rows: 0, kept: 0, apps: [] };
  private appSeen: Wanted[] = [];
  /** Set for files with no app or job column: their rows are the alert's target. */
  private assumeTarget = false;

  constructor(
    private readonly target: Target,
    private readonly limits: CollectLimits,
  ) {
    this.nameBytes = Buffer.from(target.name);
    const wanted = (value: string | undefined): Wanted | undefined => (value === undefined ? undefined : { value, bytes: Buffer.from(value) });
    this.wanted = { revision: wanted(target.revision), replica: wanted(target.replica), container: wanted(target.container) };
    this.start = target.window.start.getTime();
    this.end = target.window.end.getTime();
  }

  startFile(): void {
    this.file = { rows: 0, kept: 0, apps: [] };
    this.appSeen = [];
    this.assumeTarget = false;
  }

  /** The file's columns are known and none names an app or a job: attribute its rows to the target. */
  noTargetColumns(): void {
    this.assumeTarget = true;
  }

  endFile(): FileSummary {
    return this.file;
  }

  row(view: RowView): void {
    this.file.rows++;
    const kind = kindOf(view);
    const t = kind ? view.time(view.pick(S.time)) : Number.NaN;
    if (!kind || Number.isNaN(t)) {
      this.counts.unreadable++;
      return;
    }
    if (this.file.firstTime === undefined || t < this.file.firstTime) this.file.firstTime = t;
    if (this.file.lastTime === undefined || t > this.file.lastTime) this.file.lastTime = t;
    if (!this.matches(view, kind, t)) {
      this.counts.outside++;
      this.noteApp(view);
      return;
    }
    this.file.kept++;
    if (kind === 'system') this.addSystem(view, t);
    else this.addConsole(view, t);
  }

  /**
   * A row of which only the time is known yet: settled (counted as outside) when that time is outside
   * the window. Its kind and other columns are never read, so it cannot count as unreadable instead.
   */
  early(view: RowView, slot: number): boolean {
    const t = view.time(slot);
    if (Number.isNaN(t) || (t >= this.start && t <= this.end)) return false;
    this.file.rows++;
    if (this.file.firstTime === undefined || t < this.file.firstTime) this.file.firstTime = t;
    if (this.file.lastTime === undefined || t > this.file.lastTime) this.file.lastTime = t;
    this.counts.outside++;
    return true;
  }

  /** The target filter of the Log Analytics queries; a missing value never excludes a row. */
  private matches(view: RowView, kind: Kind, t: number): boolean {
    if (t < this.start || t > this.end) return false;
    const { target } = this;
    const app = view.pick(S.app);
    if (target.kind === 'containerApp' && app >= 0 && !view.equals(app, target.name, this.nameBytes)) return false;
    if (target.kind === 'job' && !this.matchesJob(view, kind, app)) return false;
    if (!same(view, S.revision, this.wanted.revision)) return false;
    if (!same(view, kind === 'system' ? S.systemReplica : S.consoleReplica, this.wanted.replica)) return false;
    // Replica-level system events often carry no container; a named container never hides them.
    if (!same(view, S.container, this.wanted.container)) return false;
    return kind === 'console' || !STREAM_NOISE_REASONS.has(text(view, S.reason) ?? '');
  }

  private matchesJob(view: RowView, kind: Kind, appSlot: number): boolean {
    const { target } = this;
    const job = text(view, S.job);
    const replica = text(view, kind === 'system' ? S.systemReplica : S.consoleReplica);
    if (target.jobExecution) {
      const ofExecution = replica?.startsWith(`${target.jobExecution}-`) || job === target.jobExecution;
      return ofExecution || (replica === undefined && job === undefined);
    }
    const app = appSlot >= 0 ? view.text(appSlot) : undefined;
    return (job ?? app) === undefined || job === target.name || app === target.name;
  }

  /** Remembers which apps a file held (up to a few), comparing bytes before decoding a name. */
  private noteApp(view: RowView): void {
    // Only needed to explain a file that gave nothing; once a row was kept, skip the work.
    if (this.file.kept > 0 || this.file.apps.length >= MAX_APPS_NAMED) return;
    const slot = view.pick(S.app) >= 0 ? view.pick(S.app) : view.pick(S.job);
    if (slot < 0) return;
    for (const seen of this.appSeen) if (view.equals(slot, seen.value, seen.bytes)) return;
    const name = view.text(slot);
    this.appSeen.push({ value: name, bytes: Buffer.from(name) });
    if (!this.file.apps.includes(name)) this.file.apps.push(name);
  }

  private addSystem(view: RowView, t: number): void {
    const time = new Date(t);
    const event: SystemEvent = {
      time,
      reason: text(view, S.reason) ?? '',
      message: text(view, S.systemMessage) ?? '',
      count: Math.max(view.count(view.pick(S.count)), view.count(view.pick(S.rows))),
    };
    const firstSeen = view.time(view.pick(S.firstSeen));
    if (!Number.isNaN(firstSeen) && firstSeen !== t) event.firstSeen = new Date(firstSeen);
    assign(event, 'severity', text(view, S.severity) || severityFromType(view));
    assign(event, 'eventSource', text(view, S.eventSource));
    assign(event, 'app', text(view, S.app) ?? this.assumedApp());
    assign(event, 'job', text(view, S.job));
    assign(event, 'revision', text(view, S.revision));
    assign(event, 'replica', text(view, S.systemReplica));
    assign(event, 'container', text(view, S.container));
    foldSystem(this.groups, event);
    // Messages that embed addresses or ids can make every row distinct: keep memory bounded.
    if (this.groups.size > this.limits.maxSystemGroups * 4) this.counts.pruned += pruneGroups(this.groups, this.limits.maxSystemGroups * 2);
  }

  private addConsole(view: RowView, t: number): void {
    const replica = text(view, S.consoleReplica);
    const key = replica ?? '';
    let buffer = this.consoleByReplica.get(key);
    if (!buffer) this.consoleByReplica.set(key, (buffer = new LatestLines(this.limits.perReplica)));
    if (t < buffer.floor) return; // older than every kept line of this replica: cannot matter
    const line: ConsoleLine = { time: new Date(t), text: text(view, S.consoleText) ?? '' };
    assign(line, 'stream', text(view, S.stream));
    assign(line, 'app', text(view, S.app) ?? this.assumedApp());
    assign(line, 'job', text(view, S.job));
    assign(line, 'revision', text(view, S.revision));
    assign(line, 'replica', replica);
    assign(line, 'container', text(view, S.container));
    assign(line, 'image', text(view, S.image));
    buffer.push(line);
  }

  private assumedApp(): string | undefined {
    return this.assumeTarget && this.target.kind === 'containerApp' ? this.target.name : undefined;
  }

  /** The kept events and lines, oldest first, with the notes on what was capped. */
  finish(): { system: SystemEvent[]; console: ConsoleLine[]; notes: EvidenceNote[] } {
    const { maxSystemGroups, maxConsoleLines } = this.limits;
    const byTime = (a: { time: Date }, b: { time: Date }): number => a.time.getTime() - b.time.getTime();
    let system = [...this.groups.values()]
      .map((g) => {
        const event: SystemEvent = { ...g.event, count: Math.max(g.rows, g.maxCount) };
        if (event.firstSeen && event.firstSeen.getTime() === event.time.getTime()) delete event.firstSeen;
        return event;
      })
      .sort(byTime);
    let consoleLines = [...this.consoleByReplica.values()].flatMap((b) => b.take()).sort(byTime);
    const notes: EvidenceNote[] = [];
    if (system.length > maxSystemGroups || this.counts.pruned > 0) {
      const seen = system.length + this.counts.pruned;
      notes.push({ kind: 'result-cap', message: `Only the latest ${maxSystemGroups} of ${seen} distinct system events were kept.` });
      system = system.slice(-maxSystemGroups);
    }
    if (consoleLines.length > maxConsoleLines) {
      notes.push({ kind: 'result-cap', message: `Only the latest ${maxConsoleLines} of ${consoleLines.length} console lines were kept.` });
      consoleLines = consoleLines.slice(-maxConsoleLines);
    }
    return { system, console: consoleLines, notes };
  }
}

function kindOf(view: RowView): Kind | undefined {
  if (S.rowKind >= 0 && view.present(S.rowKind)) {
    const tagged = view.text(S.rowKind);
    if (tagged === 'system' || tagged === 'console') return tagged;
  }
  const system = view.anyOf(S.systemMarkers);
  const consoleRow = view.anyOf(S.consoleMarkers);
  // A union export over both tables: only a marker with a value tells the two apart (see normalize.rowKind).
  if (system && consoleRow) {
    if (view.pick(S.systemMarkers) >= 0) return 'system';
    if (view.pick(S.consoleMarkers) >= 0) return 'console';
  }
  if (system) return 'system';
  if (consoleRow) return 'console';
  // `az containerapp logs show --type console` prints little more than a time and the line.
  if (view.anyOf(S.consoleText)) return 'console';
  return undefined;
}

function text(view: RowView, candidates: Int32Array): string | undefined {
  const slot = view.pick(candidates);
  return slot < 0 ? undefined : view.text(slot);
}

interface Wanted {
  value: string;
  bytes: Buffer;
}

/** Whether the row's value (when it has one) is the wanted one (when one is wanted). */
function same(view: RowView, candidates: Int32Array, wanted: Wanted | undefined): boolean {
  if (wanted === undefined) return true;
  const slot = view.pick(candidates);
  return slot < 0 || view.equals(slot, wanted.value, wanted.bytes);
}

/** `Type` is a severity only in the resource-specific system table; elsewhere it names the table. */
function severityFromType(view: RowView): string | undefined {
  const type = text(view, S.type);
  return type && !TABLE_NAME.test(type) ? type : undefined;
}

function assign<T extends object>(target: T, key: keyof T, value: string | undefined): void {
  if (value !== undefined && value !== '') (target as Record<keyof T, unknown>)[key] = value;
}

/** Drops the groups seen longest ago, keeping `keep`; returns how many were dropped. */
function pruneGroups(groups: Map<string, SystemGroup>, keep: number): number {
  const ordered = [...groups.entries()].sort((a, b) => b[1].event.time.getTime() - a[1].event.time.getTime());
  for (const [key] of ordered.slice(keep)) groups.delete(key);
  return Math.max(0, ordered.length - keep);
}

/** Folds identical events (same place, reason and message) the way the system query does server-side. */
function foldSystem(groups: Map<string, SystemGroup>, event: SystemEvent): void {
  const key = [event.app, event.job, event.revision, event.replica, event.container, event.reason, event.message].join('\u0000');
  const group = groups.get(key);
  if (!group) {
    groups.set(key, { event: { ...event, firstSeen: event.firstSeen ?? event.time }, rows: 1, maxCount: event.count });
    return;
  }
  group.rows++;
  group.maxCount = Math.max(group.maxCount, event.count);
  const first = event.firstSeen ?? event.time;
  if (first < (group.event.firstSeen ?? group.event.time)) group.event.firstSeen = first;
  if (event.time > group.event.time) {
    group.event.time = event.time;
    if (event.severity) group.event.severity = event.severity;
  }
}
