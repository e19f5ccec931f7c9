/**
 * A deterministic corpus of console lines as Container Apps collect them: 99% ordinary output of many
 * runtimes (access logs, framework info lines, structured JSON logs, a few harmless lines that mention
 * "error" or "timeout"), 1% failure lines of many runtimes. Same seed, same file, byte for byte.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { int, pick, seededRandom } from '../lib/rng';

type Gen = (r: () => number) => string;

const PATHS = ['/api/orders', '/api/orders/{id}', '/healthz', '/ready', '/api/customers/{id}/invoices', '/metrics', '/api/errors/summary', '/static/app.js'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const STATUS = [200, 200, 200, 200, 201, 204, 304, 404];
const HOSTS = ['orders-db.postgres.database.azure.com', 'redis-cache', 'payments-api', 'sb-orders.servicebus.windows.net', 'kv-prod.vault.azure.net'];
const ENV_VARS = ['DATABASE_URL', 'REDIS_CONNECTION_STRING', 'STRIPE_API_KEY', 'AZURE_STORAGE_CONNECTION_STRING', 'JWT_SECRET', 'SERVICEBUS_NAMESPACE'];
const MODULES = ['express', 'psycopg2', 'fastapi', 'pg', 'lodash', 'requests', 'sqlalchemy'];

const path = (r: () => number): string => pick(r, PATHS).replace('{id}', String(int(r, 1, 99999)));
const ip = (r: () => number): string => `10.${int(r, 0, 3)}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
const stamp = (r: () => number): string => `2026-11-24T09:${String(int(r, 10, 30)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}.${String(int(r, 0, 999)).padStart(3, '0')}Z`;

/** Ordinary output: what a healthy app writes all day. */
const ORDINARY: Gen[] = [
  (r) => `${ip(r)} - - [24/Nov/2026:09:${int(r, 10, 30)}:${int(r, 10, 59)} +0000] "${pick(r, METHODS)} ${path(r)} HTTP/1.1" ${pick(r, STATUS)} ${int(r, 80, 9000)} "-" "Mozilla/5.0 (X11; Linux x86_64)"`,
  (r) => `INFO:     ${ip(r)}:${int(r, 30000, 60000)} - "${pick(r, METHODS)} ${path(r)} HTTP/1.1" ${pick(r, STATUS)} OK`,
  (r) => `2026-11-24 09:14:${int(r, 10, 59)},${int(r, 100, 999)} INFO [orders.views] fetched ${int(r, 0, 50)} orders for customer ${int(r, 1, 9999)} in ${int(r, 1, 400)}ms`,
  (r) => `{"level":30,"time":${1795000000000 + int(r, 0, 9999999)},"pid":1,"hostname":"orders-api-6d9c7f5b8-kq2xw","reqId":"req-${int(r, 1, 99999)}","msg":"request completed","responseTime":${int(r, 1, 900)}}`,
  (r) => `${stamp(r)}  INFO 1 --- [nio-8080-exec-${int(r, 1, 10)}] c.c.orders.web.OrderController       : Processing order ${int(r, 1000, 99999)} for tenant ${int(r, 1, 40)}`,
  (r) => `info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 ${pick(r, METHODS)} http://orders-api${path(r)} - ${pick(r, STATUS)} - application/json ${(r() * 50).toFixed(4)}ms`,
  (r) => `{"level":"info","ts":${(1795000000 + r() * 1e5).toFixed(3)},"caller":"server/handler.go:${int(r, 20, 300)}","msg":"served request","path":"${path(r)}","status":${pick(r, STATUS)},"latency":${(r() / 10).toFixed(4)}}`,
  (r) => `${stamp(r)}  INFO orders::http: request handled method=${pick(r, METHODS)} path=${path(r)} status=${pick(r, STATUS)} elapsed_ms=${int(r, 1, 300)}`,
  (r) => `[2026-11-24 09:14:${int(r, 10, 59)}] production.INFO: Job processed {"job":"App\\\\Jobs\\\\SendInvoice","id":${int(r, 1, 99999)}}`,
  (r) => `I, [2026-11-24T09:14:${int(r, 10, 59)}.${int(r, 100000, 999999)} #1]  INFO -- : Completed ${pick(r, STATUS)} OK in ${int(r, 2, 200)}ms (Views: ${(r() * 20).toFixed(1)}ms | ActiveRecord: ${(r() * 9).toFixed(1)}ms)`,
  (r) => `[${stamp(r)}] DEBUG cache miss for key user:${int(r, 1, 99999)}, loading from database`,
  (r) => `${stamp(r)} INFO health check ok; error_count=0 queue_depth=${int(r, 0, 40)}`,
  (r) => `${stamp(r)} WARN slow query (${int(r, 500, 3000)} ms): SELECT * FROM orders WHERE customer_id = $1`,
  (r) => `[worker-${int(r, 1, 8)}] processed batch ${int(r, 1, 9999)} (${int(r, 1, 500)} messages) in ${int(r, 5, 900)} ms`,
  (r) => `GET ${path(r)} ${pick(r, STATUS)} ${int(r, 1, 90)}ms - retrying is not needed, upstream timeout budget ${int(r, 1, 30)}s`,
];

/** Failure lines, the way runtimes print them when a container is about to die. */
const FAILURES: Gen[] = [
  (r) => `KeyError: '${pick(r, ENV_VARS)}'`,
  (r) => `ModuleNotFoundError: No module named '${pick(r, MODULES)}'`,
  (r) => `Error: Cannot find module '${pick(r, MODULES)}'`,
  (r) => `Error: connect ECONNREFUSED ${ip(r)}:${pick(r, [5432, 6379, 3306, 1433])}`,
  () => 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
  () => 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
  (r) => `Caused by: java.net.UnknownHostException: ${pick(r, HOSTS)}`,
  () => "Unhandled exception. System.InvalidOperationException: The ConnectionString property has not been initialized.",
  () => 'panic: runtime error: invalid memory address or nil pointer dereference',
  (r) => `thread 'main' panicked at src/main.rs:${int(r, 10, 200)}:${int(r, 1, 40)}:`,
  () => 'PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [2002] Connection refused in /var/www/app/db.php:12',
  () => "/usr/local/bundle/gems/bootsnap-1.18/lib/bootsnap/load_path_cache.rb:30:in `require': cannot load such file -- pg (LoadError)",
  () => 'exec /app/server: exec format error',
  (r) => `sh: 1: ${pick(r, ['node', 'gunicorn', 'java'])}: not found`,
  (r) => `psycopg2.OperationalError: could not translate host name "${pick(r, HOSTS)}" to address: Name or service not known`,
  (r) => `Login failed for user '${pick(r, ['hr_app', 'orders_rw', 'svc_api'])}'.`,
  () => 'ManagedIdentityCredential authentication failed. Message: No managed identity endpoint found.',
  () => 'Error: listen EACCES: permission denied 0.0.0.0:80',
  () => "OSError: [Errno 28] No space left on device: '/tmp/upload.part'",
  () => 'Segmentation fault (core dumped)',
  (r) => `Error: ${pick(r, ENV_VARS)} environment variable is not set`,
  (r) => `redis.exceptions.ConnectionError: Error 111 connecting to ${pick(r, HOSTS)}:6379. Connection refused.`,
];

export interface CorpusStats {
  lines: number;
  failureLines: number;
  bytes: number;
}

/** Writes `lines` lines to `path` (streamed: memory stays flat whatever the size). */
export async function writeCorpus(path: string, lines: number, seed = 8): Promise<CorpusStats> {
  const random = seededRandom(seed);
  const out = createWriteStream(path);
  let failureLines = 0;
  let bytes = 0;
  let chunk: string[] = [];
  for (let i = 0; i < lines; i++) {
    const failure = random() < 0.01;
    if (failure) failureLines++;
    const line = failure ? pick(random, FAILURES)(random) : pick(random, ORDINARY)(random);
    chunk.push(line);
    if (chunk.length === 5000 || i === lines - 1) {
      const text = `${chunk.join('\n')}\n`;
      bytes += Buffer.byteLength(text);
      chunk = [];
      if (!out.write(text)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return { lines, failureLines, bytes };
}

/** One console line of the corpus mix (99% ordinary, 1% failure), for other generators. */
export function corpusLine(random: () => number): string {
  return random() < 0.01 ? pick(random, FAILURES)(random) : pick(random, ORDINARY)(random);
}

/** One ordinary console line (what a healthy app writes), for other generators. */
export function ordinaryLine(random: () => number): string {
  return pick(random, ORDINARY)(random);
}
