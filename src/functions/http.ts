/**
 * The one boundary between typed errors and HTTP. Handlers throw EnricherErrors; this maps them to
 * status codes and a JSON body that says what was wrong. Anything else is a bug: a 500 with no details
 * (the details go to the log, redacted), never a stack trace to the caller.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import {
  EnricherError,
  InvalidRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../errors';
import { DESTINATION_FORMATS, type DestinationFormat } from '../config';
import type { Logger } from '../logger';

export function errorResponse(err: unknown, logger: Logger, correlationId?: string): HttpResponseInit {
  if (err instanceof EnricherError) {
    if (err.httpStatus >= 500) {
      const cause = err.cause instanceof Error ? `${err.cause.name}: ${err.cause.message}` : undefined;
      logger.error(err.message, { code: err.code, correlationId, cause });
    }
    // A 401 tells the caller how to authenticate (RFC 6750), as the error that raised it says.
    const challenge = err.context.wwwAuthenticate;
    const headers: Record<string, string> = typeof challenge === 'string' ? { 'www-authenticate': challenge } : {};
    if (err.httpStatus === 503) headers['retry-after'] = '30';
    const { wwwAuthenticate: _omit, ...context } = err.context;
    const body = err.toJSON();
    if (body.error.details) body.error.details = Object.keys(context).length ? context : undefined;
    return { status: err.httpStatus, headers, jsonBody: { ...body, correlationId } };
  }
  logger.error('unhandled error in an HTTP function', {
    error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    correlationId,
  });
  return { status: 500, jsonBody: { error: { code: 'internal-error', message: 'Internal error.' }, correlationId } };
}

/** Reads a JSON body with a size limit and a content-type check. */
export async function readJsonBody(request: HttpRequest, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type');
  if (type && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new UnsupportedMediaTypeError(`Expected a JSON body (Content-Type: application/json), got "${type.slice(0, 100)}".`, {
      context: { contentType: type.slice(0, 100) },
    });
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new PayloadTooLargeError(`The body is ${declared} bytes; the limit is ${maxBytes}.`, { context: { limit: maxBytes } });
  }
  const buf = Buffer.from(await request.arrayBuffer());
  if (buf.length > maxBytes) {
    throw new PayloadTooLargeError(`The body is ${buf.length} bytes; the limit is ${maxBytes}.`, { context: { limit: maxBytes } });
  }
  if (buf.length === 0) throw new InvalidRequestError('The request body is empty; expected a JSON document.');
  const value = parseJson(buf.toString('utf8'));
  if (depthExceeds(value, MAX_JSON_DEPTH)) {
    throw new InvalidRequestError(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels; no alert or request is.`, {
      context: { maxDepth: MAX_JSON_DEPTH },
    });
  }
  return value;
}

/** Deepest nesting a body may have: a real alert is about ten levels deep; serialising 5,000 overflows the stack. */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests objects or arrays deeper than `max` (iterative, so the check itself cannot overflow). */
export function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** JSON.parse with an error a person can act on (where it broke), as a typed 400. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : 'parse error';
    throw new InvalidRequestError(`The body is not valid JSON: ${detail}.`, { cause: err });
  }
}

/**
 * The format of a diagnose answer: `format` as given (query string or JSON body) wins, then
 * `Accept: text/markdown` (unless JSON comes first); JSON otherwise. An unknown `format` is a 400, so a
 * typo does not silently come back as JSON.
 */
export function responseFormat(request: HttpRequest, format: unknown): DestinationFormat {
  if (format !== undefined && format !== null && format !== '') {
    if (typeof format === 'string' && DESTINATION_FORMATS.includes(format.trim().toLowerCase() as DestinationFormat)) {
      return format.trim().toLowerCase() as DestinationFormat;
    }
    throw new InvalidRequestError(`format must be one of ${DESTINATION_FORMATS.join(', ')}.`, { context: { field: 'format' } });
  }
  const accept = request.headers.get('accept') ?? '';
  return /text\/markdown/i.test(accept) && !/application\/json/i.test(accept.split(',')[0] ?? '') ? 'markdown' : 'json';
}
