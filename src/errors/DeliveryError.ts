import { EnricherError } from './EnricherError';

/** A destination webhook did not accept the diagnosis after all retries. */
export class DeliveryError extends EnricherError {
  override readonly code: string = 'delivery-failed';
  override readonly httpStatus: number = 502;
}
