/** Command-line parsing for `aca-enricher`, with errors that say what to type instead. */
import { parseArgs } from 'node:util';
import { InvalidRequestError } from '../errors';
import { DESTINATION_FORMATS, type DestinationFormat } from '../config';

export interface DiagnoseArgs {
  command: 'diagnose' | 'demo';
  alert?: string;
  logs: string[];
  appConfig?: string;
  format: DestinationFormat;
  post?: string;
  /** Manual target, when there is no alert file. */
  manual: Record<string, string>;
  progress: boolean;
}

export const USAGE = `Usage:
  aca-enricher diagnose --alert FILE [--logs FILE ...] [--app-config FILE] [--format json|markdown|teams|slack] [--post URL]
  aca-enricher diagnose --app NAME [--resource-group RG] [--subscription ID] [--revision REV] [--since 2h] [--until ISO] [--logs FILE ...]
  aca-enricher demo [--format ...]

Without --logs the logs come from Log Analytics and the configuration from ARM, configured by the same
settings as the Function app (environment variables: LOG_ANALYTICS_WORKSPACE_ID, AZURE_CLIENT_ID, ...).
--logs accepts Log Analytics API JSON, 'az monitor log-analytics query' JSON, portal CSV exports and
'az containerapp logs show --format json' output. Exit codes: 0 ran, 2 bad input, 1 other failure.`;

const MANUAL_KEYS = ['app', 'job', 'resource-group', 'subscription', 'revision', 'replica', 'environment', 'workspace-id', 'since', 'until'] as const;

export function parseCliArgs(argv: string[]): DiagnoseArgs {
  const [command, ...rest] = argv;
  if (command !== 'diagnose' && command !== 'demo') {
    throw new InvalidRequestError(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        alert: { type: 'string' },
        logs: { type: 'string', multiple: true },
        'app-config': { type: 'string' },
        format: { type: 'string' },
        post: { type: 'string' },
        progress: { type: 'boolean' },
        ...Object.fromEntries(MANUAL_KEYS.map((k) => [k, { type: 'string' as const }])),
      },
    });
  } catch (err) {
    throw new InvalidRequestError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  const v = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const format = (v.format as string | undefined) ?? (command === 'demo' ? 'markdown' : 'json');
  if (!DESTINATION_FORMATS.includes(format as DestinationFormat)) {
    throw new InvalidRequestError(`--format must be one of ${DESTINATION_FORMATS.join(', ')}, got "${format}".`);
  }
  const manual: Record<string, string> = {};
  const camel: Record<string, string> = { 'resource-group': 'resourceGroup', 'workspace-id': 'workspaceId' };
  for (const k of MANUAL_KEYS) if (typeof v[k] === 'string') manual[camel[k] ?? k] = v[k] as string;
  if (command === 'diagnose' && !v.alert && !manual.app && !manual.job) {
    throw new InvalidRequestError(`diagnose needs --alert FILE, or --app NAME / --job NAME.\n${USAGE}`);
  }
  if (v.alert && (manual.app || manual.job)) {
    throw new InvalidRequestError('Give either --alert or --app/--job, not both: the alert names its own target.');
  }
  if (typeof v.post === 'string' && !/^https?:\/\//.test(v.post)) {
    throw new InvalidRequestError(`--post needs an http(s) URL, got "${v.post}".`);
  }
  return {
    command,
    alert: v.alert as string | undefined,
    logs: (v.logs as string[] | undefined) ?? [],
    appConfig: v['app-config'] as string | undefined,
    format: format as DestinationFormat,
    post: v.post as string | undefined,
    manual,
    progress: v.progress === true,
  };
}
