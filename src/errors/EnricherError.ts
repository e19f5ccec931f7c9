/**
 * The root of every error the app raises on purpose. Each subclass fixes a stable `code` and the HTTP
 * status it maps to; `src/functions/http.ts` is the one place that turns them into responses.
 * Anything that is not an EnricherError is a bug and becomes a 500 there (never with its message).
 */
export interface EnricherErrorOptions {
  cause?: unknown;
  /** Facts that help whoever reads the error (field name, resource id, status code...). No secrets. */
  context?: Record<string, unknown>;
}

export class EnricherError extends Error {
  readonly code: string = 'enricher-error';
  readonly httpStatus: number = 500;
  readonly context: Record<string, unknown>;

  constructor(message: string, options: EnricherErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.context = options.context ?? {};
  }

  /** The body the HTTP boundary sends back: what went wrong, never a stack trace. */
  toJSON(): { error: { code: string; message: string; details?: Record<string, unknown> } } {
    const details = Object.keys(this.context).length > 0 ? this.context : undefined;
    return { error: { code: this.code, message: this.message, ...(details ? { details } : {}) } };
  }
}
