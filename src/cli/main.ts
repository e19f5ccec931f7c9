#!/usr/bin/env node
/**
 * `aca-enricher`: the same pipeline as the Function app, from a terminal. With --logs it reads recorded
 * rows from files (offline diagnosis, the demo); without, it queries Log Analytics and ARM with the same
 * settings the Function app reads.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseAlert, parseManualRequest, type ParsedAlert } from '../alert';
import { createFileConfigSource } from '../appconfig/file';
import type { ConfigSource } from '../appconfig/ConfigSource';
import { loadSettings } from '../config';
import { postWebhook } from '../deliver/webhook';
import { enrich, type EnrichInput } from '../enrich';
import { EnricherError, InvalidRequestError } from '../errors';
import type { Logger } from '../logger';
import { createFileLogSource, requireLogFileFormat, uniqueFiles } from '../logs/files';
import { buildEvidenceQueries, portalQueryLink } from '../logs/kql';
import type { Evidence, Target } from '../model';
import type { LogSource } from '../logs/LogSource';
import { render } from '../render';
import { createAzureRuntime } from '../runtime';
import { parseCliArgs, USAGE, type DiagnoseArgs } from './args';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** Reads all of stdin, for `--alert -`. */
  readStdin?: () => Promise<string>;
}

/** The folder holding package.json (samples/ lives beside it), from src/ or dist/src/. */
function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function demoArgs(args: DiagnoseArgs): DiagnoseArgs {
  const samples = join(packageRoot(), 'samples');
  return {
    ...args,
    alert: join(samples, 'alert.json'),
    logs: [join(samples, 'system-logs.json'), join(samples, 'console-logs.json')],
    appConfig: args.appConfig ?? join(samples, 'app-config.json'),
  };
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(resolve(path), 'utf8');
  } catch (err) {
    throw new InvalidRequestError(`Cannot read the ${what} file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}.`, { cause: err });
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

/** The alert from a file or stdin, with errors that name where it came from (never "body"). */
async function readAlert(path: string, io: CliIo): Promise<ParsedAlert> {
  const fromStdin = path === '-';
  const where = fromStdin ? 'The alert on stdin' : `The alert file ${path}`;
  if (fromStdin && !io.readStdin) throw new InvalidRequestError('--alert - needs the alert on stdin, and stdin cannot be read here.');
  const text = (fromStdin ? await io.readStdin!() : readText(path, 'alert')).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new InvalidRequestError(`${where} is empty.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InvalidRequestError(`${where} is not valid JSON: ${err instanceof Error ? err.message : String(err)}.`, { cause: err });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidRequestError(`${where} must hold one JSON object (the common alert schema payload).`);
  }
  return parseAlert(value);
}

/** Log files that exist and are in a format the reader knows, each once. */
async function checkLogFiles(paths: string[]): Promise<string[]> {
  for (const p of paths) if (!existsSync(p)) throw new InvalidRequestError(`--logs file not found: ${p}`);
  const unique = await uniqueFiles(paths);
  for (const p of unique) await requireLogFileFormat(p);
  return unique;
}

function stderrLogger(io: CliIo): Logger {
  const write = (level: string) => (message: string) => io.stderr(`${level}: ${message}\n`);
  return { info: () => undefined, warn: write('warning'), error: write('error') };
}

/** Runs the CLI and returns its exit code: 0 ran, 2 bad input, 1 anything else. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseCliArgs(argv);
    if (parsed.command === 'help' || parsed.command === 'version') {
      io.stdout(parsed.command === 'help' ? `${USAGE}\n` : `aca-enricher ${version()}\n`);
      return 0;
    }
    let args: DiagnoseArgs = parsed;
    if (args.command === 'demo') args = demoArgs(args);
    const settings = loadSettings(io.env);
    const now = () => new Date();
    const logger = stderrLogger(io);

    let logs: LogSource;
    let config: ConfigSource | undefined;
    let queryLink: ((evidence: Evidence, target: Target) => string | undefined) | undefined;
    if (args.logs.length > 0) {
      logs = createFileLogSource(await checkLogFiles(args.logs), {
        onProgress: args.progress || io.isTTY ? progressBar(io) : undefined,
      });
      config = args.appConfig ? createFileConfigSource(args.appConfig) : undefined;
      // Recorded rows have no query behind them; link to the query that would fetch them live.
      queryLink = (_evidence: Evidence, target: Target) => {
        const scope = target.workspace?.resourceId ?? target.workspace?.customerId;
        if (!scope) return undefined;
        const kql = buildEvidenceQueries(target, { consoleLinesPerReplica: settings.logAnalytics.consoleLinesPerReplica }).combined;
        return portalQueryLink(scope, kql, target.window);
      };
    } else {
      const runtime = await createAzureRuntime({ env: io.env });
      logs = runtime.logs;
      config = args.appConfig ? createFileConfigSource(args.appConfig) : runtime.config;
      queryLink = runtime.queryLink;
    }

    const options = { now: now(), defaultLookbackMinutes: settings.defaultLookbackMinutes };
    const input: EnrichInput = args.alert
      ? { kind: 'alert', alert: await readAlert(args.alert, io) }
      : { kind: 'manual', target: parseManualRequest(args.manual, options) };

    const { diagnosis } = await enrich(input, {
      logs,
      config,
      now,
      logger,
      queryLink,
      defaultLookbackMinutes: settings.defaultLookbackMinutes,
      ownerTags: settings.routing.ownerTags,
    });
    const payload = render(diagnosis, args.format);
    io.stdout(payload.body.endsWith('\n') ? payload.body : `${payload.body}\n`);

    if (args.post) {
      const result = await postWebhook({ name: 'cli', url: args.post, format: args.format }, payload, {
        timeoutMs: settings.webhook.timeoutMs,
        maxAttempts: settings.webhook.maxAttempts,
        logger,
      });
      if (!result.ok) {
        io.stderr(`error: posting to the webhook failed: ${result.error.message}\n`);
        return 1;
      }
      io.stderr(`posted to the webhook (HTTP ${result.status}, ${result.attempts} attempt(s))\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof EnricherError) {
      io.stderr(`error: ${err.message}\n`);
      return err.httpStatus >= 400 && err.httpStatus < 500 ? 2 : 1;
    }
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

/** A one-line progress bar on stderr for large files (only when stderr is a terminal, or --progress). */
function progressBar(io: CliIo): (read: number, total: number) => void {
  let last = -1;
  return (read, total) => {
    if (total <= 0) return;
    const pct = Math.min(100, Math.floor((read / total) * 100));
    if (pct === last) return;
    last = pct;
    const width = 30;
    const done = Math.round((pct / 100) * width);
    io.stderr(`\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${pct}% ${(read / 1048576).toFixed(0)}/${(total / 1048576).toFixed(0)} MiB`);
    if (pct === 100) io.stderr('\n');
  };
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  }).then((code) => {
    process.exitCode = code;
  });
}
