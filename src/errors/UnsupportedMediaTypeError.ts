import { EnricherError } from './EnricherError';

/** The request's content type is not JSON. */
export class UnsupportedMediaTypeError extends EnricherError {
  override readonly code: string = 'unsupported-media-type';
  override readonly httpStatus: number = 415;
}
