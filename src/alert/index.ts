/** Alert intake and target resolution: the first stage of the pipeline. */
export { parseAlert, parseAlertJson, type ParsedAlert } from './parseAlert';
export {
  resolveTarget,
  resolveTargetDetailed,
  alertWindow,
  WINDOW_PAD_MS,
  MAX_ALERT_WINDOW_MS,
  type ResolveTargetOptions,
  type TargetResolution,
  type DroppedValue,
} from './resolveTarget';
export { parseManualRequest, MAX_MANUAL_WINDOW_MS, type ManualRequestOptions } from './manualRequest';
export {
  nameProblem,
  nameLabel,
  describeBadName,
  quoteValue,
  appOfRevision,
  executionOfJobReplica,
  isContainerAppName,
  isJobName,
  isRevisionName,
  isReplicaName,
  isContainerName,
  isEnvironmentName,
  isResourceGroupName,
  isSubscriptionId,
  isWorkspaceId,
  type NameKind,
} from './naming';
export { parseResourceId, resourceTypeKey, type ResourceId } from './resourceId';
export { parseAlertTimestamp, parseIsoTimestamp, parseIsoDuration, parseRelativeDuration } from './time';
export { COMMON_ALERT_SCHEMA_ID, type CommonAlertEnvelope, type TypedAlertContext } from './schema';
