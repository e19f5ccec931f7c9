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
}
