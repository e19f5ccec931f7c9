import { EnricherError } from './EnricherError';

/** Log Analytics could not be queried (network, throttling beyond retries, server error). */
export class LogQueryError extends EnricherError {
  override readonly code: string = 'log-query-failed';
  override readonly httpStatus: number = 502;
}
