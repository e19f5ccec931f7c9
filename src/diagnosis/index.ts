export { buildDiagnosis, notEnrichedDiagnosis, resolvedDiagnosis, toDiagnosisTarget, resourcePortalLink } from './build';
export type { BuildDiagnosisInput, NotEnrichedInput } from './build';
export { buildTimeline, bucketTimeline, sparkline, type Timeline } from './timeline';
