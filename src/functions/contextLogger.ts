import type { InvocationContext } from '@azure/functions';
import type { LogProperties, Logger } from '../logger';
import { redact, redactLogProperties } from '../render/redact';

/**
 * A Logger that writes through the Functions InvocationContext (so Application Insights receives the
 * lines with the invocation id), as one structured JSON object per line, redacted.
 */
export function contextLogger(context: InvocationContext, base: LogProperties = {}): Logger {
  const line = (message: string, props?: LogProperties) =>
    JSON.stringify({ message: redact(message), invocationId: context.invocationId, ...redactLogProperties({ ...base, ...props }) });
  return {
    info: (m, p) => context.log(line(m, p)),
    warn: (m, p) => context.warn(line(m, p)),
    error: (m, p) => context.error(line(m, p)),
  };
}
