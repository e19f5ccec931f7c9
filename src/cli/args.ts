/**
 * Command-line parsing for `aca-enricher`, with errors that say what to type instead. The options are
 * a table: the parser, the usage text and the manual-target keys all come from it, so a new option is
 * one row.
 */
import { parseArgs } from 'node:util';
import { InvalidRequestError } from '../errors';
import { DESTINATION_FORMATS, type DestinationFormat } from '../config';

export interface DiagnoseArgs {
  command: 'diagnose' | 'demo';
  /** Path of the alert file, or `-` for stdin. */
  alert?: string;
  logs: string[];
  appConfig?: string;
  format: DestinationFormat;
  post?: string;
  /** Manual target, when there is no alert file. */
  manual: Record<string, string>;
  progress: boolean;
}

/** `--help` / `-h` and `--version` answer on stdout and exit 0, whatever else was given. */
export type CliArgs = DiagnoseArgs | { command: 'help' } | { command: 'version' };

interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Placeholder in the usage text (`FILE`, `NAME`). */
  value?: string;
  /** Key in the manual target (`--app NAME` → `app`), for options that name the target without an alert. */
  manual?: string;
  help: string;
}

export const OPTIONS: readonly OptionSpec[] = [
  { name: 'alert', type: 'string', value: 'FILE', help: "the alert, as the action group posts it (common alert schema JSON); '-' reads it from stdin" },
  { name: 'logs', type: 'string', multiple: true, value: 'FILE', help: 'an exported log file instead of Log Analytics; repeat for several (see below)' },
  { name: 'app-config', type: 'string', value: 'FILE', help: "the app's configuration as 'az containerapp show' prints it, instead of ARM" },
  { name: 'format', type: 'string', value: DESTINATION_FORMATS.join('|'), help: 'output format (default json; markdown for demo)' },
  { name: 'post', type: 'string', value: 'URL', help: 'also post the result to this webhook' },
  { name: 'progress', type: 'boolean', help: 'show the progress bar on stderr even when it is not a terminal' },
  { name: 'app', type: 'string', value: 'NAME', manual: 'app', help: 'diagnose this container app (no alert)' },
  { name: 'job', type: 'string', value: 'NAME', manual: 'job', help: 'diagnose this container apps job (no alert)' },
  { name: 'resource-group', type: 'string', value: 'RG', manual: 'resourceGroup', help: 'resource group of --app/--job' },
  { name: 'subscription', type: 'string', value: 'ID', manual: 'subscription', help: 'subscription of --app/--job' },
  { name: 'revision', type: 'string', value: 'REV', manual: 'revision', help: 'only this revision' },
  { name: 'replica', type: 'string', value: 'NAME', manual: 'replica', help: 'only this replica' },
  { name: 'environment', type: 'string', value: 'NAME', manual: 'environment', help: 'the managed environment' },
  { name: 'workspace-id', type: 'string', value: 'GUID', manual: 'workspaceId', help: 'Log Analytics workspace to query' },
  { name: 'since', type: 'string', value: '2h|ISO', manual: 'since', help: 'start of the window (default: the lookback setting)' },
  { name: 'until', type: 'string', value: 'ISO', manual: 'until', help: 'end of the window (default: now)' },
  { name: 'help', type: 'boolean', short: 'h', help: 'print this help and exit' },
  { name: 'version', type: 'boolean', help: 'print the version and exit' },
];

function optionLines(): string {
  const rows = OPTIONS.map((o) => [`  ${o.short ? `-${o.short}, ` : ''}--${o.name}${o.value ? ` ${o.value}` : ''}`, o.help]);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, help]) => left.padEnd(width) + help).join('\n');
}

export const USAGE = `Usage:
  aca-enricher diagnose --alert FILE|- [--logs FILE ...] [--app-config FILE] [--format ${DESTINATION_FORMATS.join('|')}] [--post URL]
  aca-enricher diagnose --app NAME [--resource-group RG] [--subscription ID] [--revision REV] [--since 2h] [--until ISO] [--logs FILE ...]
  aca-enricher demo [--format ...]
  aca-enricher --help | --version

Options:
${optionLines()}

Without --logs the logs come from Log Analytics and the configuration from ARM, configured by the same
settings as the Function app (environment variables: LOG_ANALYTICS_WORKSPACE_ID, AZURE_CLIENT_ID, ...).
--logs accepts Log Analytics API JSON, 'az monitor log-analytics query' JSON, portal CSV exports and
'az containerapp logs show --format json' output; a file given twice is read once. Exit codes: 0 ran,
2 bad input, 1 other failure.`;

const COMMANDS = ['diagnose', 'demo'] as const;

function parse(rest: string[]): Record<string, string | string[] | boolean | undefined> {
  try {
    const options = Object.fromEntries(
      OPTIONS.map((o) => [o.name, { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) }]),
    );
    return parseArgs({ args: rest, strict: true, allowPositionals: false, options }).values as Record<string, string | string[] | boolean | undefined>;
  } catch (err) {
    throw new InvalidRequestError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
}

export function parseCliArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version') return { command: 'version' };
  if (!COMMANDS.includes(command as (typeof COMMANDS)[number])) {
    throw new InvalidRequestError(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
  }
  const v = parse(rest);
  if (v.help) return { command: 'help' };
  if (v.version) return { command: 'version' };
  return diagnoseArgs(command as DiagnoseArgs['command'], v);
}

function diagnoseArgs(command: DiagnoseArgs['command'], v: Record<string, string | string[] | boolean | undefined>): DiagnoseArgs {
  const format = (v.format as string | undefined) ?? (command === 'demo' ? 'markdown' : 'json');
  if (!DESTINATION_FORMATS.includes(format as DestinationFormat)) {
    throw new InvalidRequestError(`--format must be one of ${DESTINATION_FORMATS.join(', ')}, got "${format}".`);
  }
  const manual: Record<string, string> = {};
  for (const o of OPTIONS) if (o.manual && typeof v[o.name] === 'string') manual[o.manual] = v[o.name] as string;
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
