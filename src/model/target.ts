/**
 * The target of an enrichment: what the alert (or a person) is asking about.
 * Every stage after `alert/` works from this shape, never from the raw alert.
 */

/** A closed time interval. Both ends are inclusive for queries. */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/** What kind of Container Apps resource failed. `environment` means "any app in this environment". */
export type TargetKind = 'containerApp' | 'job' | 'environment';

/** Where the log rows live, when the alert or the settings tell us. */
export interface WorkspaceRef {
  /** The workspace's customer id (a GUID): what the Log Analytics query API addresses. */
  customerId?: string;
  /** The workspace's ARM resource id, e.g. from a log alert's `alertTargetIDs`. */
  resourceId?: string;
}

export interface Target {
  kind: TargetKind;
  /** App name, job name, or environment name (for `environment`). */
  name: string;
  subscriptionId?: string;
  resourceGroup?: string;
  /** ARM id of the app or job when known. */
  resourceId?: string;
  /** Managed environment name or id, when known. */
  environmentName?: string;
  environmentId?: string;
  revision?: string;
  replica?: string;
  container?: string;
  /** For jobs: the execution name (replica names start with it). */
  jobExecution?: string;
  workspace?: WorkspaceRef;
  window: TimeWindow;
}
