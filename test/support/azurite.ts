/**
 * Starts Azurite (the Storage emulator from the `azurite` dev dependency) for one test suite: queue and
 * table services on 127.0.0.1, free ports, in-memory persistence, nothing written outside a temp folder.
 *
 *   const azurite = await startAzurite();
 *   const queue = new QueueClient(azurite.queueUrl('outbox'), azurite.credential);  // or fromConnectionString
 *   ...
 *   await azurite.stop();
 *
 * Robustness: the child is killed by `stop()`, by Jest worker exit (process 'exit' hook), and it never
 * outlives a failed start. The account name and key are Azurite's documented public development ones.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
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

export interface StartAzuriteOptions {
  /** How long to wait for both ports to accept connections. */
  startTimeoutMs?: number;
}

export async function startAzurite(options: StartAzuriteOptions = {}): Promise<Azurite> {
  installExitHook();
  const startTimeoutMs = options.startTimeoutMs ?? 20000;
  const entry = require.resolve('azurite/dist/src/azurite.js');
  // Two tries: a free port found by probing can be taken by someone else before Azurite binds it.
  let lastError: unknown;
  for (let attempt = 0; attempt < 2; attempt++) {
    const [blobPort, queuePort, tablePort] = [await freePort(), await freePort(), await freePort()];
    // In-memory persistence forbids --location, so the working directory is where Azurite keeps stray files.
    const cwd = mkdtempSync(join(tmpdir(), 'azurite-'));
    const child = spawn(
      process.execPath,
      [
        entry,
        '--blobHost', '127.0.0.1', '--blobPort', String(blobPort),
        '--queueHost', '127.0.0.1', '--queuePort', String(queuePort),
        '--tableHost', '127.0.0.1', '--tablePort', String(tablePort),
        '--inMemoryPersistence', '--silent', '--skipApiVersionCheck', '--loose', '--disableTelemetry',
      ],
      { cwd, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    live.add(child);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-4000);
    });
    const stop = async (): Promise<void> => {
      child.kill('SIGTERM');
      await waitForExit(child, 3000);
      live.delete(child);
      rmSync(cwd, { recursive: true, force: true });
    };
    const deadline = Date.now() + startTimeoutMs;
    let ready = false;
    while (Date.now() < deadline && child.exitCode === null) {
      if ((await canConnect(queuePort)) && (await canConnect(tablePort))) {
        ready = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    if (ready) {
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
    lastError = new Error(`Azurite did not start within ${startTimeoutMs} ms: ${stderr.trim() || `exit ${child.exitCode}`}`);
    await stop();
  }
  throw lastError;
}
