import { EnricherError } from './EnricherError';

/** The caller is known but not allowed: wrong app role, or a target outside the allowed scope. */
export class ForbiddenError extends EnricherError {
  override readonly code: string = 'forbidden';
  override readonly httpStatus: number = 403;
}
