import { EnricherError } from './EnricherError';

/** The body is JSON but not an Azure Monitor common-alert-schema payload we can read. */
export class InvalidAlertError extends EnricherError {
  override readonly code: string = 'invalid-alert';
  override readonly httpStatus: number = 400;
}
