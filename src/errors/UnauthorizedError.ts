import { EnricherError } from './EnricherError';

/** The caller did not prove who it is (missing or invalid bearer token). */
export class UnauthorizedError extends EnricherError {
  override readonly code: string = 'unauthorized';
  override readonly httpStatus: number = 401;
}
