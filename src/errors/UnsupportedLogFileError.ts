import { EnricherError } from './EnricherError';

/** A log file given to the CLI is in none of the formats it reads (plain text, YAML, an empty file...). */
export class UnsupportedLogFileError extends EnricherError {
  override readonly code: string = 'unsupported-log-file';
  override readonly httpStatus: number = 400;
}
