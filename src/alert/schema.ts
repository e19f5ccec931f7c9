/**
 * Zod schemas for the Azure Monitor common alert schema. They are deliberately loose about what they do
 * not use (unknown fields pass through untouched, most fields may be null: budget and test payloads null
 * out essentials freely) and strict about types: a field we read that has the wrong type is an error,
 * never a silent guess.
 *
 * The envelope is checked first; the `alertContext` is then checked against the schema of its family
 * (log search v2, legacy log v1, metric, activity log), chosen from `monitoringService`.
 */
import { z } from 'zod';
import { MAX_ID_CHARS } from './resourceId';
import { parseAlertTimestamp, parseIsoDuration } from './time';

export const COMMON_ALERT_SCHEMA_ID = 'azureMonitorCommonAlertSchema';

const str = z.string().nullish();
const strOrNumber = z.union([z.string(), z.number()]).nullish();
const stringList = z.array(z.string()).nullish();

/**
 * Bounds applied as the alert is read, before any regex or id parser sees a field: a real ARM id is a few
 * hundred characters at most, so a longer "id" is ignored rather than scanned; free text is cut.
 */
export { MAX_ID_CHARS };
export const MAX_TEXT_CHARS = 4000;
const idList = stringList.transform((list) => list?.filter((s) => s.length <= MAX_ID_CHARS));
const text = str.transform((s) => (typeof s === 'string' && s.length > MAX_TEXT_CHARS ? s.slice(0, MAX_TEXT_CHARS) : s));

/** A timestamp in any form Azure Monitor writes one (ISO 8601, or `3/22/2019 1:36:31 PM` in v1). */
const timestamp = z
  .string()
  .refine((s) => parseAlertTimestamp(s) !== undefined, { error: 'must be a timestamp such as "2024-05-01T10:00:00Z"' })
  .nullish();

const isoDuration = z
  .string()
  .refine((s) => parseIsoDuration(s) !== undefined, { error: 'must be an ISO 8601 duration such as "PT5M"' })
  .nullish();

/** Free-form key/value bags (`customProperties`, `alertContext.properties`). */
const propertyBag = z.record(z.string(), z.unknown()).nullish();

/** `{name, value}` pairs: the alert's split-by dimensions. Values are strings in practice; scalars are tolerated. */
export const dimensionSchema = z.looseObject({
  name: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]).nullish(),
});
const dimensionList = z.array(dimensionSchema).nullish();

export const essentialsSchema = z.looseObject({
  alertId: z.string().min(1, { error: 'must not be empty' }).max(MAX_ID_CHARS, { error: `must be at most ${MAX_ID_CHARS} characters` }),
  alertRule: text,
  alertRuleID: str,
  alertRuleId: str,
  severity: str,
  signalType: str,
  monitorCondition: z.enum(['Fired', 'Resolved']),
  monitoringService: str,
  alertTargetIDs: idList,
  configurationItems: idList,
  originAlertId: str,
  firedDateTime: timestamp,
  resolvedDateTime: timestamp,
  description: text,
  essentialsVersion: str,
  alertContextVersion: str,
  investigationLink: str,
  targetResourceGroup: str,
  targetResourceType: str,
});

export const envelopeSchema = z.looseObject({
  schemaId: z.literal(COMMON_ALERT_SCHEMA_ID),
  data: z.looseObject({
    essentials: essentialsSchema,
    alertContext: z.record(z.string(), z.unknown()).nullish(),
    customProperties: propertyBag,
  }),
});

/** One criterion of `condition.allOf[]`: the log search v2 and metric fields share this list. */
export const criterionSchema = z.looseObject({
  // Log search v2
  searchQuery: str,
  metricMeasureColumn: str,
  targetResourceTypes: str,
  linkToSearchResultsUI: str,
  linkToFilteredSearchResultsUI: str,
  linkToSearchResultsAPI: str,
  linkToFilteredSearchResultsAPI: str,
  // Metric
  metricName: str,
  metricNamespace: str,
  alertSensitivity: str,
  webTestName: str,
  // Both
  operator: str,
  threshold: strOrNumber,
  timeAggregation: str,
  dimensions: dimensionList,
  metricValue: z.number().nullish(),
  failingPeriods: z
    .looseObject({ numberOfEvaluationPeriods: z.number().nullish(), minFailingPeriodsToAlert: z.number().nullish() })
    .nullish(),
});

const conditionSchema = z.looseObject({
  windowSize: isoDuration,
  allOf: z.array(criterionSchema).nullish(),
  windowStartTime: timestamp,
  windowEndTime: timestamp,
});

/** Log search alerts (v2, `Log Alerts V2`) and metric alerts (`Platform`) share the condition shape. */
export const conditionContextSchema = z.looseObject({
  properties: propertyBag,
  conditionType: str,
  condition: conditionSchema.nullish(),
});

/** Legacy log alerts (`Log Analytics` / `Application Insights`, alertContextVersion 1.1): PascalCase keys. */
export const logV1ContextSchema = z.looseObject({
  SearchQuery: str,
  SearchIntervalStartTimeUtc: timestamp,
  SearchIntervalEndtimeUtc: timestamp,
  ResultCount: z.number().nullish(),
  LinkToSearchResults: str,
  LinkToFilteredSearchResultsUI: str,
  LinkToSearchResultsAPI: str,
  LinkToFilteredSearchResultsAPI: str,
  SeverityDescription: str,
  WorkspaceId: str,
  SearchIntervalDurationMin: strOrNumber,
  SearchIntervalInMinutes: strOrNumber,
  AffectedConfigurationItems: stringList,
  Threshold: strOrNumber,
  Operator: str,
  Dimensions: dimensionList,
  SearchResults: z
    .looseObject({
      tables: z.array(z.looseObject({ name: str })).nullish(),
      dataSources: z.array(z.looseObject({ resourceId: str })).nullish(),
    })
    .nullish(),
  IncludedSearchResults: z.union([z.string(), z.boolean()]).nullish(),
  IncludeSearchResults: z.union([z.string(), z.boolean()]).nullish(),
  AlertType: str,
});

/** Activity log alerts (Administrative, ServiceHealth, ResourceHealth...). Some samples use numbers for enums. */
export const activityLogContextSchema = z.looseObject({
  authorization: z.looseObject({ action: str, scope: str }).nullish(),
  channels: strOrNumber,
  claims: str,
  caller: str,
  correlationId: str,
  eventSource: strOrNumber,
  eventTimestamp: timestamp,
  eventDataId: str,
  level: strOrNumber,
  operationName: str,
  operationId: str,
  properties: propertyBag,
  status: str,
  subStatus: str,
  submissionTimestamp: timestamp,
});

export type CommonAlertEnvelope = z.infer<typeof envelopeSchema>;
export type AlertEssentials = z.infer<typeof essentialsSchema>;
export type AlertCriterion = z.infer<typeof criterionSchema>;
export type ConditionContext = z.infer<typeof conditionContextSchema>;
export type LogV1Context = z.infer<typeof logV1ContextSchema>;
export type ActivityLogContext = z.infer<typeof activityLogContextSchema>;
export type AlertDimension = z.infer<typeof dimensionSchema>;

/** The alertContext, checked against the schema of its family. */
export type TypedAlertContext =
  | { kind: 'log-v2'; value: ConditionContext }
  | { kind: 'metric'; value: ConditionContext }
  | { kind: 'log-v1'; value: LogV1Context }
  | { kind: 'activity-log'; value: ActivityLogContext }
  | { kind: 'other'; value: Record<string, unknown> };
