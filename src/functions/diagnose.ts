/**
 * GET|POST /api/diagnose — a person (or a script) asks about an app and a window. Synchronous: returns
 * the diagnosis, JSON by default, Markdown for `Accept: text/markdown`, or any format named by `format`
 * (json, markdown, teams, slack; in the query string or the JSON body). Posts it to
 * the destinations only when asked (`post=true`).
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { parseManualRequest } from '../alert';
import { enrich } from '../enrich';
import { InvalidRequestError } from '../errors';
import type { Logger } from '../logger';
import { assertInScope, assertWorkspaceInScope } from '../policy/scope';
import { render } from '../render';
import type { Runtime } from '../runtime';
import { deps } from './alerts';
import { contextLogger } from './contextLogger';
import { errorResponse, readJsonBody, responseFormat } from './http';

export interface DiagnoseHandlerOptions {
  getRuntime: () => Promise<Runtime>;
}

export function createDiagnoseHandler(options: DiagnoseHandlerOptions) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const correlationId = context.invocationId;
    const logger: Logger = contextLogger(context, { function: 'diagnose', correlationId });
    try {
      const runtime = await options.getRuntime();
      const input: Record<string, unknown> =
        request.method === 'GET' ? Object.fromEntries(request.query.entries()) : asObject(await readJsonBody(request, runtime.settings.maxBodyBytes));
      const post = input.post === true || input.post === 'true';
      // The same fields work in the query string (GET) and in the JSON body (POST), format included.
      const format = responseFormat(request, input.format);
      delete input.post;
      delete input.format;
      delete input.code; // the function key, when passed in the query string
      const target = parseManualRequest(input, { now: runtime.now(), defaultLookbackMinutes: runtime.settings.defaultLookbackMinutes });
      assertInScope(target, runtime.settings.allowedScopes, { allowUnknown: false });
      assertWorkspaceInScope(target, runtime.settings.allowedScopes, runtime.settings.logAnalytics.workspaceId);

      const result = await enrich({ kind: 'manual', target }, { ...deps(runtime), logger });
      const diagnosis = result.diagnosis;
      const deliveries = post ? await runtime.deliver(diagnosis, { logger }) : undefined;
      const status = diagnosis.status === 'not-enriched' ? 502 : 200;
      const headers: Record<string, string> = { 'x-diagnosis-status': diagnosis.status, 'x-correlation-id': correlationId };
      if (format !== 'json') {
        const payload = render(diagnosis, format);
        return { status, headers: { ...headers, 'content-type': payload.contentType }, body: payload.body };
      }
      const json = render(diagnosis, 'json');
      const body = deliveries ? JSON.stringify({ ...JSON.parse(json.body), deliveries }) : json.body;
      return { status, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }, body };
    } catch (err) {
      return errorResponse(err, logger, correlationId);
    }
  };
}

function asObject(value: unknown): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) return { ...(value as Record<string, unknown>) };
  throw new InvalidRequestError('The body must be a JSON object such as {"app": "orders-api", "resourceGroup": "prod"}.');
}
