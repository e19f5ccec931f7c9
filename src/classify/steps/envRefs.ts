/**
 * The variables an app's configuration sets, as name and the secret each reads (never a value: the configuration
 * the tool holds has none). One reader for the step modules that look for "the variable that holds X".
 */
import type { AppConfig } from '../../model';
import { list } from './list';

export interface EnvRef {
  name: string;
  secretRef?: string;
}

export interface EnvRefOptions {
  /** Include init containers: a credential they read is the app's too (a migration runner, a token fetcher). */
  withInit?: boolean;
}

/** Every variable the app's current containers set. */
export function envRefs(config: AppConfig | undefined, options: EnvRefOptions = {}): EnvRef[] {
  const containers = options.withInit ? [...list(config?.containers), ...list(config?.initContainers)] : list(config?.containers);
  return containers
    .flatMap((c) => list(c?.env))
    .filter((e) => typeof e?.name === 'string')
    .map((e) => ({ name: e.name, ...(typeof e.secretRef === 'string' ? { secretRef: e.secretRef } : {}) }));
}

/** The one variable that reads a secret and whose name fits; none when two could (a guess would name the wrong one). */
export function oneSecretReader(config: AppConfig | undefined, fits: (name: string) => boolean, options: EnvRefOptions = {}): EnvRef | undefined {
  const found = envRefs(config, options).filter((e) => e.secretRef && fits(e.name));
  return found.length === 1 ? found[0] : undefined;
}
