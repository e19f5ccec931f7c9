import type { Evidence, Target } from '../model';

export interface FetchEvidenceOptions {
  /** Aborts every network call the fetch makes (the caller's deadline). */
  signal?: AbortSignal;
}

/**
 * Where system and console rows come from: Log Analytics in production, recorded files in the CLI and
 * the demo, a fake in unit tests. The pipeline only ever sees this interface.
 */
export interface LogSource {
  /** Short human description, e.g. "Log Analytics workspace 1234…" or "2 files". */
  readonly description: string;
  fetchEvidence(target: Target, options?: FetchEvidenceOptions): Promise<Evidence>;
  /**
   * True when this source can query for the target without being told a workspace (a workspace id in
   * its settings, or files). When false and the target names none, the pipeline reads the app's
   * environment first to learn it.
   */
  knowsWorkspace?(target: Target): boolean;
}
