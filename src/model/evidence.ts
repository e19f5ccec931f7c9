/**
 * Normalised log rows. Both table families (`*_CL` from the Log Analytics destination and the
 * resource-specific tables from diagnostic settings) and every file format end up in these shapes;
 * their column names never leave `src/logs/`.
 */

/** One platform event (a row of ContainerAppSystemLogs[_CL]), possibly summarised server-side. */
export interface SystemEvent {
  /** When it happened (the last occurrence when summarised). */
  time: Date;
  /** First occurrence when several identical rows were folded together. */
  firstSeen?: Date;
  reason: string;
  message: string;
  /** Severity as the platform writes it: "Normal" or "Warning". */
  severity?: string;
  eventSource?: string;
  app?: string;
  job?: string;
  revision?: string;
  replica?: string;
  container?: string;
  /** How many times the platform saw it (the `Count` column, times folded rows). At least 1. */
  count: number;
}

/** One line the app wrote to stdout or stderr (a row of ContainerAppConsoleLogs[_CL]). */
export interface ConsoleLine {
  time: Date;
  text: string;
  stream?: string;
  app?: string;
  job?: string;
  revision?: string;
  replica?: string;
  container?: string;
  image?: string;
}

export type EvidenceNoteKind =
  | 'partial-failure'
  | 'result-cap'
  | 'console-missing'
  | 'console-lag'
  | 'source-error'
  | 'config-unavailable'
  | 'info';

/** Something the reader of a diagnosis should know about how complete the evidence is. */
export interface EvidenceNote {
  kind: EvidenceNoteKind;
  message: string;
}

/** What the log source returns for one target. */
export interface Evidence {
  system: SystemEvent[];
  console: ConsoleLine[];
  notes: EvidenceNote[];
  /** The KQL that produced it, for the "open in portal" link; absent for file sources. */
  query?: { kql: string; workspaceId?: string; resourceId?: string };
  /** Which table family the rows came from, when known. */
  tableFamily?: 'custom-log' | 'resource-specific' | 'both' | 'file';
}
