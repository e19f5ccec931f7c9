import { EnricherError } from './EnricherError';

/** The alert (or request) does not name a container app, job or environment we can diagnose. */
export class TargetNotFoundError extends EnricherError {
  override readonly code: string = 'target-not-found';
  override readonly httpStatus: number = 400;
}
