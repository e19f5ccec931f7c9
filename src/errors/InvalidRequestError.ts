import { EnricherError } from './EnricherError';

/** The request itself is malformed: not JSON, wrong content type, a field of the wrong type. */
export class InvalidRequestError extends EnricherError {
  override readonly code: string = 'invalid-request';
  override readonly httpStatus: number = 400;
}
