/**
 * The app's own log lines. In Azure Functions the implementation writes through the InvocationContext
 * so Application Insights gets them; the CLI writes to stderr; tests collect them. Every property that
 * could carry user data goes through redaction before it is written (see `src/render/redact.ts`).
 */
export type LogProperties = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(message: string, properties?: LogProperties): void;
  warn(message: string, properties?: LogProperties): void;
  error(message: string, properties?: LogProperties): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
