import { EnricherError } from './EnricherError';

/** Log Analytics refused the query: the identity lacks a role on the workspace. `context.role` names the role it needs. */
export class LogAccessDeniedError extends EnricherError {
  override readonly code: string = 'log-access-denied';
  override readonly httpStatus: number = 502;
}
