import { EnricherError } from './EnricherError';

/** The container app's configuration could not be read from ARM. */
export class AppConfigError extends EnricherError {
  override readonly code: string = 'app-config-failed';
  override readonly httpStatus: number = 502;
}
