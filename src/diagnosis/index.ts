export { buildDiagnosis, notEnrichedDiagnosis, resolvedDiagnosis, toDiagnosisTarget, resourcePortalLink } from './build';
export type { BuildDiagnosisInput, NotEnrichedInput } from './build';
export { buildTimeline, bucketTimeline, sparkline, type Timeline } from './timeline';
export { ownersOf, DEFAULT_OWNER_TAGS } from './owners';
