import { EnricherError } from './EnricherError';

/** A dependency did not answer within its deadline. */
export class TimeoutError extends EnricherError {
  override readonly code: string = 'timeout';
  override readonly httpStatus: number = 504;
}
