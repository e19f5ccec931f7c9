import { EnricherError } from './EnricherError';

/** An app setting is missing or invalid. Raised at start-up or on first use, with the setting's name. */
export class ConfigurationError extends EnricherError {
  override readonly code: string = 'configuration-error';
  override readonly httpStatus: number = 500;
}
