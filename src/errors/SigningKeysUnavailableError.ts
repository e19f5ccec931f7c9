import { EnricherError } from './EnricherError';

/**
 * The identity provider's signing keys could not be fetched (network error, timeout, bad answer), so no
 * bearer token can be checked right now. Not the caller's fault: 503 lets the action group retry.
 */
export class SigningKeysUnavailableError extends EnricherError {
  override readonly code: string = 'signing-keys-unavailable';
  override readonly httpStatus: number = 503;
}
