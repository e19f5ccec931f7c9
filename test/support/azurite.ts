/**
 * Starts Azurite (the Storage emulator from the `azurite` dev dependency): queue and table services on
 * 127.0.0.1, on ports Azurite picks and reports, in-memory persistence, nothing written outside a temp folder.
 *
 *   const azurite = await startAzurite();
 *   const queue = new QueueClient(azurite.queueUrl('outbox'), azurite.credential);  // or fromConnectionString
 *   ...
 *   await azurite.stop();
 *
 * Robustness: the child is killed by `stop()`, by its owner's exit (process 'exit' hook), and it never
 * outlives a failed start. It also watches its owner (azuriteWatchdog.js) and exits when the owner is
 * gone, even after a SIGKILL or a Ctrl-C that skipped every hook. The account name and key are
 * Azurite's documented public development ones.
 *
 * One Azurite per run: test/support/globalSetup.ts starts it and hands its ports to the workers;
 * `sharedAzurite()` returns it (or starts a private one when Jest runs without that setup). Tests keep
 * apart by giving every queue and table a unique name (`storageNames()`), deleted after each test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const AZURITE_ACCOUNT = 'devstoreaccount1';
/** Azurite's well-known development key (public, documented by Microsoft; not a secret). */
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  host: '127.0.0.1';
  queuePort: number;
  tablePort: number;
  /** Connection string with queue and table endpoints (what `AzureWebJobsStorage` would hold). */
  connectionString: string;
  queueEndpoint: string;
  tableEndpoint: string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last line of defence: a suite that crashed before its afterAll must not leave an emulator running.
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function azuriteAt(queuePort: number, tablePort: number, stop: () => Promise<void>): Azurite {
  const queueEndpoint = `http://127.0.0.1:${queuePort}/${AZURITE_ACCOUNT}`;
  const tableEndpoint = `http://127.0.0.1:${tablePort}/${AZURITE_ACCOUNT}`;
  return {
    host: '127.0.0.1',
    queuePort,
    tablePort,
    queueEndpoint,
    tableEndpoint,
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
      `QueueEndpoint=${queueEndpoint};TableEndpoint=${tableEndpoint};`,
    stop,
  };
}

export interface StartAzuriteOptions {
  /** How long to wait for both ports to accept connections. */
  startTimeoutMs?: number;
}

export async function startAzurite(options: StartAzuriteOptions = {}): Promise<Azurite> {
  installExitHook();
  const startTimeoutMs = options.startTimeoutMs ?? 60000;
  const entry = require.resolve('azurite/dist/src/azurite.js');
  // Port 0: Azurite binds free ports itself and prints them. Probing for free ports first and passing
  // them in raced with other runs starting at the same moment (two emulators, one port).
  // In-memory persistence forbids --location, so the working directory is where Azurite keeps stray files.
  const cwd = mkdtempSync(join(tmpdir(), 'azurite-'));
  const child = spawn(
    process.execPath,
    [
      '--require', join(__dirname, 'azuriteWatchdog.js'),
      entry,
      '--blobHost', '127.0.0.1', '--blobPort', '0',
      '--queueHost', '127.0.0.1', '--queuePort', '0',
      '--tableHost', '127.0.0.1', '--tablePort', '0',
      '--inMemoryPersistence', '--silent', '--skipApiVersionCheck', '--loose', '--disableTelemetry',
    ],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  live.add(child);
  let output = '';
  let stopping = false;
  const keep = (c: Buffer): void => {
    output = (output + c.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', (code, signal) => {
    // Said out loud: every later storage call would fail with a bare ECONNREFUSED otherwise.
    if (!stopping) console.error(`Azurite exited unexpectedly (${signal ?? `exit ${code}`}): ${output.trim().slice(-1000)}`);
  });
  const stop = async (): Promise<void> => {
    stopping = true;
    child.kill('SIGTERM');
    await waitForExit(child, 3000);
    live.delete(child);
    rmSync(cwd, { recursive: true, force: true });
  };
  const portOf = (service: string): number | undefined => {
    const m = new RegExp(`${service} service is successfully listening at http://127\\.0\\.0\\.1:(\\d+)`).exec(output);
    return m ? Number(m[1]) : undefined;
  };
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => finish(false), startTimeoutMs);
    const check = (): void => {
      if (portOf('Queue') && portOf('Table')) finish(true);
    };
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
      resolve(ok);
    };
    const onExit = (): void => finish(false);
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
  if (ready) {
    const [queuePort, tablePort] = [portOf('Queue')!, portOf('Table')!];
    // Wait until both answer, so the first test's call cannot race the listener.
    while (child.exitCode === null && !((await canConnect(queuePort)) && (await canConnect(tablePort)))) {
      await new Promise((r) => setTimeout(r, 50));
    }
    if (child.exitCode === null) return azuriteAt(queuePort, tablePort, stop);
  }
  await stop();
  throw new Error(`Azurite did not start within ${startTimeoutMs} ms: ${output.trim() || `exit ${child.exitCode}`}`);
}

/** The variable through which globalSetup tells the workers where the run's Azurite listens. */
export const SHARED_AZURITE_ENV = 'ENRICHER_TEST_AZURITE';

let privateAzurite: Promise<Azurite> | undefined;

/**
 * The run's shared Azurite. Its `stop()` does nothing (the run owns it); a test file run without the
 * global setup gets a private one instead, stopped when its worker exits.
 */
export function sharedAzurite(): Promise<Azurite> {
  const shared = process.env[SHARED_AZURITE_ENV];
  if (shared) {
    const { queuePort, tablePort } = JSON.parse(shared) as { queuePort: number; tablePort: number };
    return Promise.resolve(azuriteAt(queuePort, tablePort, async () => undefined));
  }
  privateAzurite ??= startAzurite().then((a) => ({ ...a, stop: async () => undefined }));
  return privateAzurite;
}

let nameCounter = 0;
const runTag = `${process.pid.toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;

/** A queue name no other test (in this worker or another) uses: lowercase letters, digits, single hyphens. */
export function uniqueQueueName(prefix: string): string {
  return `${prefix}-${runTag}-${(++nameCounter).toString(36)}`.toLowerCase().slice(0, 63);
}

/** A table name no other test uses: letters and digits only, starting with a letter. */
export function uniqueTableName(prefix: string): string {
  return `${prefix}${runTag}x${(++nameCounter).toString(36)}`.replace(/[^A-Za-z0-9]/g, '').slice(0, 63);
}
