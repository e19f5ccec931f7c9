import type { AppConfig, Target } from '../model';

export interface FetchConfigOptions {
  signal?: AbortSignal;
}

/**
 * Where the container app's (or job's) configuration comes from: ARM in production, the JSON that
 * `az containerapp show` prints in the CLI. Returns undefined when the target cannot be looked up
 * (no subscription or resource group known), so the diagnosis goes on without cross-checks.
 */
export interface ConfigSource {
  readonly description: string;
  fetchConfig(target: Target, options?: FetchConfigOptions): Promise<AppConfig | undefined>;
}
