import { EnricherError } from './EnricherError';

/**
 * Something the app needs to accept the alert safely is down (delivery storage, for one). Answered with
 * 503 and Retry-After because action groups retry 503s: better a late page than a lost one.
 */
export class ServiceUnavailableError extends EnricherError {
  override readonly code: string = 'service-unavailable';
  override readonly httpStatus: number = 503;
}
