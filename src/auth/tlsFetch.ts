/**
 * A minimal GET-only `fetch` over node:https that trusts an extra CA, for fetching signing keys from a
 * stand-in with a self-signed certificate (tests, benchmarks) or a private authority. Node's global
 * fetch has no per-call CA option, which is why this exists. It never follows redirects (jose asks for
 * `redirect: 'manual'`: a key set must come from the URL we configured, not wherever it points us).
 */
import { request } from 'node:https';

export interface TlsOptions {
  ca?: string | Buffer | Array<string | Buffer>;
}

export type KeyFetch = (url: string, init: { headers: Headers; signal: AbortSignal }) => Promise<Response>;

/** A key set is a few KB; anything far bigger is not one. */
const MAX_BODY_BYTES = 1024 * 1024;

export function createTlsFetch(tlsOptions: TlsOptions): KeyFetch {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== 'https:') {
        reject(new TypeError('Signing keys must be fetched over https when a trusted CA is given.'));
        return;
      }
      const headers: Record<string, string> = {};
      init.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const req = request(target, { method: 'GET', headers, ca: tlsOptions.ca, signal: init.signal }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            req.destroy(new RangeError('The signing key response is larger than 1 MB.'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') responseHeaders.set(name, value);
          }
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 502, headers: responseHeaders }));
        });
      });
      req.on('error', reject);
      req.end();
    });
}
