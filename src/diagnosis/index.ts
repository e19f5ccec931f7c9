export { buildDiagnosis, notEnrichedDiagnosis, resolvedDiagnosis, toDiagnosisTarget, resourcePortalLink } from './build';
export type { BuildDiagnosisInput, NotEnrichedInput } from './build';
export { buildTimeline, sparkline } from './timeline';
