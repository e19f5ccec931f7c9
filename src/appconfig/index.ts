/** The app-configuration evidence stage: ARM or `az ... show` files → `AppConfig`. */
export type { ConfigSource, FetchConfigOptions } from './ConfigSource';
export {
  createArmConfigSource,
  describeEnvironmentLogs,
  parseEnvironmentId,
  type ArmConfigSourceOptions,
  type EnvironmentLogs,
} from './arm';
export { createFileConfigSource, appConfigFromShowOutput } from './file';
export {
  normalizeAppConfig,
  normalizeContainer,
  normalizeEnvironment,
  normalizeJobExecution,
  normalizeReplica,
  normalizeRevision,
  resourceKind,
  type NormalizeInput,
} from './normalize';
export {
  diffRevisions,
  describeChanges,
  describeProbe,
  pickRevisions,
  type RevisionChange,
  type RevisionChangeKind,
  type RevisionTemplate,
  type DescribeChangesOptions,
} from './revisionDiff';
