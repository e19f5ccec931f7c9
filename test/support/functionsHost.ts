/**
 * Drives test/support/functionsHost/host.js, a stand-in for the Functions Node.js worker, in a child
 * process: the app is loaded from a folder exactly as the worker loads it (package.json "main") and its
 * functions are invoked through its own programming model. Used by the package test and the cold-start
 * benchmark. The child gets only the environment given here (plus PATH), never the parent's.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The folder of host.js, from test/support (Jest) or dist-bench/test/support (the benchmark build). */
function hostDir(): string {
  const candidates = [join(__dirname, 'functionsHost'), resolve(__dirname, '..', '..', '..', 'test', 'support', 'functionsHost')];
  const found = candidates.find((c) => existsSync(join(c, 'host.js')));
  if (!found) throw new Error(`functionsHost/host.js not found (looked in ${candidates.join(', ')})`);
  return found;
}

export interface FunctionMetadata {
  name: string;
  bindings: Record<string, { type: string; direction: string; [key: string]: unknown }>;
}

export interface InvocationRequest {
  name: string;
  http?: { method: string; url: string; headers?: Record<string, string>; body?: string };
  /** The queue message text, as the host hands it over. */
  message?: string;
  dequeueCount?: number;
}

export interface InvocationResponse {
  returnValue?: { http?: { statusCode?: string; body?: { string?: string; bytes?: unknown } }; [k: string]: unknown };
  outputData: { name: string; data: { string?: string; json?: string; [k: string]: unknown } }[];
}

export interface HostedApp {
  functions: FunctionMetadata[];
  /** Time to require the entry and register the functions, inside the child. */
  loadMs: number;
  /** Every file the child has loaded with require (host stand-in included), as of the last answer. */
  modules: string[];
  invoke(request: InvocationRequest): Promise<InvocationResponse>;
  /** Everything the app wrote to its logs so far. */
  logs: { level: string; category: string; message: string }[];
  stderr(): string;
  close(): Promise<void>;
}

export async function startFunctionsHost(appDir: string, env: Record<string, string>): Promise<HostedApp> {
  const dir = hostDir();
  const child: ChildProcess = fork(join(dir, 'host.js'), [appDir], {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? '', NODE_PATH: join(dir, 'core'), ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout!.resume();
  const logs: HostedApp['logs'] = [];
  const pending = new Map<number, { resolve: (r: InvocationResponse) => void; reject: (e: Error) => void }>();
  let nextId = 0;

  const ready = new Promise<{ functions: FunctionMetadata[]; loadMs: number; modules: string[] }>((resolveReady, rejectReady) => {
    child.on('message', (m: any) => {
      if (m.ready) return resolveReady(m.ready);
      if (m.loadError) return rejectReady(new Error(`the app did not load: ${m.loadError}`));
      if (m.logs) logs.push(...m.logs);
      if (m.modules) hosted.modules = m.modules;
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error) p.reject(new Error(m.error));
      else p.resolve(m.response);
    });
    child.on('exit', (code) => {
      rejectReady(new Error(`the host stand-in exited (${code}) before the app loaded: ${stderr}`));
      for (const p of pending.values()) p.reject(new Error(`the host stand-in exited (${code}): ${stderr}`));
      pending.clear();
    });
  });
  const loaded = await ready;
  const hosted: HostedApp = {
    ...loaded,
    logs,
    stderr: () => stderr,
    invoke(request) {
      const id = ++nextId;
      return new Promise((resolveCall, rejectCall) => {
        pending.set(id, { resolve: resolveCall, reject: rejectCall });
        child.send({ id, ...request });
      });
    },
    close: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill();
      }),
  };
  return hosted;
}

/** The HTTP status of an invocation's answer. */
export function statusOf(response: InvocationResponse): number {
  return Number(response.returnValue?.http?.statusCode);
}

/** The text of the output binding named like `prefix*` (the queue message an HTTP call wrote). */
export function outputText(response: InvocationResponse, prefix: string): string | undefined {
  const out = response.outputData.find((o) => o.name.startsWith(prefix));
  return out?.data.string ?? out?.data.json;
}
