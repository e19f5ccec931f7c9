import { EnricherError } from './EnricherError';

/** The alert targets a resource type this app does not diagnose (a VM, a storage account...). */
export class UnsupportedTargetError extends EnricherError {
  override readonly code: string = 'unsupported-target';
  override readonly httpStatus: number = 400;
}
