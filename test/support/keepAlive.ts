import type { Server } from 'node:http';

/**
 * Keeps idle keep-alive connections open until the stand-in is closed. Node's server drops an idle
 * connection after 5 s; on a loaded machine a client can pick that connection for its next request at
 * the very moment it is dropped and get ECONNRESET (a 502 in the tests that had no retry). The stand-ins
 * close every connection themselves when they stop, so nothing leaks.
 */
export function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = 0;
}
