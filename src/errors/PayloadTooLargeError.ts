import { EnricherError } from './EnricherError';

/** The request body is larger than the configured limit. */
export class PayloadTooLargeError extends EnricherError {
  override readonly code: string = 'payload-too-large';
  override readonly httpStatus: number = 413;
}
