import type { AlertSummary } from './alert';
import type { Finding } from './finding';

/**
 * The versioned output of the pipeline. Other tools read it (the generic JSON destination, the CLI's
 * `--format json`): add fields freely, but never rename or remove one without a new schemaVersion.
 * The JSON Schema lives beside it in `src/diagnosis/diagnosis.schema.json`.
 */
export const DIAGNOSIS_SCHEMA_VERSION = '1.1';

/**
 * Whether the app is still down (schema 1.1): `recovered` exited and was started again with no failure
 * since; `crash-looping` keeps exiting and the platform backs off; `failing-to-start` was never created,
 * pulled or scheduled; `exited` stopped once with no sign of a restart yet; `unhealthy` runs but fails
 * its probes; `stopped` was stopped on purpose (scale-in, a replaced revision, a finished job);
 * `unknown` when the evidence does not say.
 */
export type DiagnosisState = 'recovered' | 'crash-looping' | 'failing-to-start' | 'exited' | 'unhealthy' | 'stopped' | 'unknown';

export type DiagnosisStatus = 'enriched' | 'not-enriched' | 'resolved';

export interface DiagnosisTarget {
  kind: 'containerApp' | 'job' | 'environment';
  name: string;
  subscriptionId?: string;
  resourceGroup?: string;
  resourceId?: string;
  environmentName?: string;
  revision?: string;
  replica?: string;
  container?: string;
  jobExecution?: string;
}

/** Set on a short follow-up about a cause already posted (see src/deliver/followUp.ts). */
export interface FollowUpInfo {
  /** Alerts with this cause since `since`, this one included. */
  count: number;
  /** When the full post went out (ISO). */
  since: string;
  /** Last exit seen (ISO), when known. */
  lastExit?: string;
  /** The alert the full post answered. */
  firstAlertId?: string;
}

export interface Diagnosis {
  schemaVersion: typeof DIAGNOSIS_SCHEMA_VERSION;
  status: DiagnosisStatus;
  /** Why enrichment did not happen (status `not-enriched`), in words a person understands. */
  reason?: string;
  /** Machine-readable form of `reason`, e.g. `log-analytics-forbidden`. */
  reasonCode?: string;
  /** One line: "orders-api is crash-looping: DATABASE_URL is not set". */
  summary: string;
  target?: DiagnosisTarget;
  window?: { start: string; end: string };
  /** Sorted by confidence, most specific first: `findings[0]` is the primary cause. */
  findings: Finding[];
  /** Whether the app is still down (enriched diagnoses only). */
  state?: DiagnosisState;
  /** When the app was started again and has run since (state `recovered`). */
  stateSince?: string;
  alert?: AlertSummary;
  /**
   * Who owns this failure: the `owner` of the rule that fired (teams' own rules), then the values of the
   * app's owner tags (`OWNER_TAGS`, default `owner` and `team`). Renderers show them as mentions where
   * the platform has them.
   */
  owners?: string[];
  followUp?: FollowUpInfo;
  /** Every alert id this diagnosis answers (more than one when alerts were coalesced). */
  alertIds: string[];
  links: {
    /** Opens the exact KQL that fetched the evidence in the portal's Logs blade. */
    query?: string;
    /** Opens the container app or job in the portal. */
    resource?: string;
  };
  /** How complete the evidence was: partial results, caps, console rows not yet ingested. */
  notes: string[];
  /** Counts of what was read, for the reader's sense of scale. */
  stats?: { systemEvents: number; consoleLines: number; restarts?: number };
  /** A text sparkline of failure events per minute across the window. */
  timeline?: { bucketMinutes: number; counts: number[]; sparkline: string };
  generatedAt: string;
}
