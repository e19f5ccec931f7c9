/**
 * A ConfigSource over a JSON file: what `az containerapp show` or `az containerapp job show` prints.
 * The CLI and the demo use it where there is no ARM access. Extra top-level keys, beside the resource's
 * own, merge in the other parts:
 *
 *   revisions    what `az containerapp revision list` prints (an array, or ARM's `{ value: [...] }`)
 *   replicas     what `az containerapp replica list` prints, for the failing revision
 *   environment  what `az containerapp env show` prints
 *   executions   what `az containerapp job execution list` prints
 *
 * The file is read on every call, so an edited file is picked up without a restart.
 */
import { readFile } from 'node:fs/promises';
import type { AppConfig, Target } from '../model';
import { AppConfigError, EnricherError, InvalidRequestError } from '../errors';
import type { ConfigSource, FetchConfigOptions } from './ConfigSource';
import { listItems, normalizeAppConfig, resourceKind } from './normalize';

const PART_KEYS = ['revisions', 'replicas', 'environment', 'executions'] as const;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Normalises an already-parsed `az ... show` document (with optional merged parts). */
export function appConfigFromShowOutput(document: unknown, target?: Pick<Target, 'revision' | 'jobExecution'>, source = 'the document'): AppConfig {
  if (!isObj(document)) {
    throw new InvalidRequestError(`${source} must hold one JSON object, as \`az containerapp show\` prints it.`, {
      context: { source },
    });
  }
  if (!resourceKind(document)) {
    throw new InvalidRequestError(
      `${source} does not look like a container app or job: expected a \`properties\` object with a template or configuration.`,
      { context: { source } },
    );
  }
  const { revisions, replicas, environment, executions } = document as Record<(typeof PART_KEYS)[number], unknown>;
  const resource = Object.fromEntries(Object.entries(document).filter(([k]) => !(PART_KEYS as readonly string[]).includes(k)));
  return normalizeAppConfig({
    resource,
    revisions: revisions === undefined ? undefined : listItems(revisions),
    replicas: replicas === undefined ? undefined : listItems(replicas),
    environment,
    executions: executions === undefined ? undefined : listItems(executions),
    failingRevision: target?.revision,
    jobExecution: target?.jobExecution,
  });
}

export function createFileConfigSource(path: string): ConfigSource {
  return {
    description: `file ${path}`,
    async fetchConfig(target: Target, options: FetchConfigOptions = {}): Promise<AppConfig | undefined> {
      let text: string;
      try {
        text = await readFile(path, { encoding: 'utf8', signal: options.signal });
      } catch (err) {
        const signal = options.signal;
        if (signal?.aborted) {
          // Same contract as the ARM source: the caller's own error when it gave one, else a typed cancel.
          if (signal.reason instanceof EnricherError) throw signal.reason;
          throw new AppConfigError(`Reading ${path} was cancelled.`, { cause: err, context: { reason: 'aborted', path } });
        }
        const code = (err as NodeJS.ErrnoException).code;
        throw new InvalidRequestError(`The app configuration file ${path} could not be read${code ? ` (${code})` : ''}.`, {
          cause: err,
          context: { path, code },
        });
      }
      let document: unknown;
      try {
        // az on Windows may write a byte-order mark.
        document = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (err) {
        throw new InvalidRequestError(`The app configuration file ${path} is not valid JSON.`, { cause: err, context: { path } });
      }
      return appConfigFromShowOutput(document, target, `The app configuration file ${path}`);
    },
  };
}
