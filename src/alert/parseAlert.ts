/**
 * Alert intake: checks an Azure Monitor common-alert-schema payload and lifts out what the later stages
 * need (essentials, dimensions, window, workspace). Every failure is an `InvalidAlertError` (or
 * `InvalidRequestError` for text that is not JSON) whose message names the field and what was expected.
 */
import type { z } from 'zod';
import { InvalidAlertError, InvalidRequestError } from '../errors';
import type { AlertKind, AlertSummary, TimeWindow, WorkspaceRef } from '../model';
import { describeIssues, describeValue } from './describeIssues';
import { describeBadWorkspaceResourceId, isWorkspaceId } from './naming';
import { parseResourceId, resourceTypeKey } from './resourceId';
import {
  activityLogContextSchema,
  COMMON_ALERT_SCHEMA_ID,
  conditionContextSchema,
  envelopeSchema,
  logV1ContextSchema,
  type AlertDimension,
  type CommonAlertEnvelope,
  type TypedAlertContext,
} from './schema';
import { parseAlertTimestamp } from './time';

export interface ParsedAlert {
  summary: AlertSummary;
  /** The validated payload, unknown fields included. */
  raw: CommonAlertEnvelope;
  /** The alertContext, checked against the schema of its family. */
  context: TypedAlertContext;
  /** Split-by dimensions of every criterion, merged (the first value of a name wins), names as given. */
  dimensions: Record<string, string>;
  /** The evaluation window the alert reports, unpadded. */
  window?: TimeWindow;
  /** ISO 8601 duration of the evaluation window, e.g. `PT10M`. */
  windowSize?: string;
  workspace?: WorkspaceRef;
  searchQuery?: string;
}

/** Which family a payload belongs to, by `monitoringService` (lower-cased). Rules as data, first match wins. */
const KIND_RULES: ReadonlyArray<{ kind: AlertKind; services: readonly string[]; prefix?: boolean }> = [
  { kind: 'log-v2', services: ['log alerts v2', 'simple log alert'] },
  { kind: 'log-v1', services: ['log analytics', 'application insights'] },
  { kind: 'metric', services: ['platform'] },
  {
    kind: 'activity-log',
    services: ['activity log', 'servicehealth', 'service health', 'resourcehealth', 'resource health'],
    prefix: true,
  },
];

const CONTEXT_SCHEMAS = {
  'log-v2': conditionContextSchema,
  metric: conditionContextSchema,
  'log-v1': logV1ContextSchema,
  'activity-log': activityLogContextSchema,
} as const;

const WORKSPACE_TYPE = 'microsoft.operationalinsights/workspaces';

function alertKind(monitoringService: string | null | undefined, signalType: string | null | undefined): AlertKind {
  const service = (monitoringService ?? '').trim().toLowerCase();
  for (const rule of KIND_RULES) {
    if (rule.services.some((s) => (rule.prefix ? service.startsWith(s) : service === s))) return rule.kind;
  }
  // Some activity-log payloads only say so in signalType ("Activity Log", or "ActivityLog" in tests).
  if (/^activity ?log$/i.test((signalType ?? '').trim())) return 'activity-log';
  return 'other';
}

function fail(message: string, field: string, problems?: string[]): never {
  throw new InvalidAlertError(message, { context: { field, ...(problems && problems.length > 1 ? { problems } : {}) } });
}

function failFromIssues(issues: readonly z.core.$ZodIssue[], input: unknown, prefix: readonly PropertyKey[]): never {
  const sentences = describeIssues(issues, input, prefix);
  const first = issues.length > 0 ? [...prefix, ...[...issues].sort((a, b) => a.path.length - b.path.length)[0]!.path] : prefix;
  const extra = sentences.length > 1 ? ` (and ${sentences.length - 1} more problem${sentences.length > 2 ? 's' : ''})` : '';
  fail(`Invalid alert: ${sentences[0] ?? 'unreadable payload'}${extra}.`, first.map(String).join('.'), sentences.slice(0, 10));
}

/** A hint for payloads that are alerts, just not in the common schema. */
function legacyHint(body: Record<string, unknown>): string {
  const looksLegacy =
    'AlertRuleName' in body || 'SearchQuery' in body || (typeof body.data === 'object' && body.data !== null && 'context' in body.data);
  return looksLegacy ? ' This looks like a payload in a legacy alert format: turn on the common alert schema in the action group.' : '';
}

function checkEnvelope(body: unknown): CommonAlertEnvelope {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    fail(`Invalid alert: the alert body must be a JSON object (got ${describeValue(body)}).`, '');
  }
  const record = body as Record<string, unknown>;
  if (record.schemaId !== COMMON_ALERT_SCHEMA_ID) {
    const got = record.schemaId === undefined ? 'it is missing' : `got ${describeValue(record.schemaId)}`;
    fail(`Invalid alert: schemaId must be "${COMMON_ALERT_SCHEMA_ID}" (${got}).${legacyHint(record)}`, 'schemaId');
  }
  const result = envelopeSchema.safeParse(body);
  if (!result.success) failFromIssues(result.error.issues, body, []);
  return result.data;
}

function checkContext(kind: AlertKind, context: Record<string, unknown>): TypedAlertContext {
  if (kind === 'other') return { kind, value: context };
  const result = CONTEXT_SCHEMAS[kind].safeParse(context);
  if (!result.success) failFromIssues(result.error.issues, context, ['data', 'alertContext']);
  return { kind, value: result.data } as TypedAlertContext;
}

function mergeDimensions(lists: ReadonlyArray<readonly AlertDimension[] | null | undefined>): Record<string, string> {
  const merged = new Map<string, string>();
  for (const list of lists) {
    for (const d of list ?? []) {
      if (d.value === null || d.value === undefined || merged.has(d.name)) continue;
      merged.set(d.name, String(d.value));
    }
  }
  // fromEntries defines own properties, so a dimension named "__proto__" cannot touch the prototype.
  return Object.fromEntries(merged);
}

function toDate(text: string | null | undefined): Date | undefined {
  return text ? parseAlertTimestamp(text) : undefined;
}

function readWindow(startText: string | null | undefined, endText: string | null | undefined, field: string): TimeWindow | undefined {
  const start = toDate(startText);
  const end = toDate(endText);
  if (!start || !end) return undefined;
  if (start.getTime() > end.getTime()) {
    fail(`Invalid alert: ${field} starts after it ends (${startText} > ${endText}).`, field);
  }
  return { start, end };
}

/** The workspace customer id in a Log Analytics API link (`.../v1/workspaces/{id}/query?...`). */
function workspaceIdFromLink(link: string | null | undefined): string | undefined {
  const m = link ? /\/v1\/workspaces\/([^/?#]+)/i.exec(link) : null;
  return m && isWorkspaceId(m[1]!) ? m[1] : undefined;
}

function workspaceResourceId(ids: readonly (string | null | undefined)[]): string | undefined {
  for (const text of ids) {
    const id = text ? parseResourceId(text) : undefined;
    // A workspace id that breaks the naming rules is ignored, never put in a request path.
    if (id && resourceTypeKey(id) === WORKSPACE_TYPE && id.names.length === 1 && !describeBadWorkspaceResourceId(id)) return text!;
  }
  return undefined;
}

function workspaceRef(customerId: string | undefined, resourceId: string | undefined): WorkspaceRef | undefined {
  if (!customerId && !resourceId) return undefined;
  return { ...(customerId ? { customerId } : {}), ...(resourceId ? { resourceId } : {}) };
}

/** Optional string fields: null and empty become absent. */
function opt(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

/** What each family contributes beyond the essentials. */
function fromContext(
  context: TypedAlertContext,
  targetIds: readonly string[],
): Pick<ParsedAlert, 'dimensions' | 'window' | 'windowSize' | 'workspace' | 'searchQuery'> & { searchResultsLink?: string } {
  switch (context.kind) {
    case 'log-v2':
    case 'metric': {
      const condition = context.value.condition;
      const criteria = condition?.allOf ?? [];
      const links = criteria.flatMap((c) => [c.linkToSearchResultsAPI, c.linkToFilteredSearchResultsAPI]);
      const customerId = links.map(workspaceIdFromLink).find((id) => id !== undefined);
      return {
        dimensions: mergeDimensions(criteria.map((c) => c.dimensions)),
        window: readWindow(condition?.windowStartTime, condition?.windowEndTime, 'data.alertContext.condition.windowStartTime..windowEndTime'),
        windowSize: opt(condition?.windowSize),
        workspace: workspaceRef(customerId, workspaceResourceId(targetIds)),
        searchQuery: opt(criteria.find((c) => opt(c.searchQuery))?.searchQuery),
        searchResultsLink: opt(criteria.find((c) => opt(c.linkToFilteredSearchResultsUI))?.linkToFilteredSearchResultsUI),
      };
    }
    case 'log-v1': {
      const v = context.value;
      const customerId =
        [v.LinkToSearchResultsAPI, v.LinkToFilteredSearchResultsAPI].map(workspaceIdFromLink).find((id) => id !== undefined) ??
        (v.WorkspaceId && isWorkspaceId(v.WorkspaceId) ? v.WorkspaceId : undefined);
      const minutes = Number(v.SearchIntervalInMinutes ?? v.SearchIntervalDurationMin);
      const dataSources = (v.SearchResults?.dataSources ?? []).map((s) => s.resourceId);
      return {
        dimensions: mergeDimensions([v.Dimensions]),
        window: readWindow(v.SearchIntervalStartTimeUtc, v.SearchIntervalEndtimeUtc, 'data.alertContext.SearchIntervalStartTimeUtc..SearchIntervalEndtimeUtc'),
        windowSize: Number.isFinite(minutes) && minutes > 0 ? `PT${minutes}M` : undefined,
        workspace: workspaceRef(customerId, workspaceResourceId([...targetIds, ...dataSources])),
        searchQuery: opt(v.SearchQuery),
        searchResultsLink: opt(v.LinkToFilteredSearchResultsUI),
      };
    }
    default:
      return { dimensions: {}, workspace: workspaceRef(undefined, workspaceResourceId(targetIds)) };
  }
}

/**
 * Validates an already-parsed request body as a common-alert-schema payload of any family and returns
 * what the pipeline needs. Throws `InvalidAlertError` naming the first bad field.
 */
export function parseAlert(body: unknown): ParsedAlert {
  const raw = checkEnvelope(body);
  const e = raw.data.essentials;
  const kind = alertKind(e.monitoringService, e.signalType);
  const context = checkContext(kind, raw.data.alertContext ?? {});
  const alertTargetIDs = e.alertTargetIDs ?? [];
  const { searchResultsLink, ...extracted } = fromContext(context, alertTargetIDs);

  const summary: AlertSummary = {
    alertId: e.alertId,
    monitorCondition: e.monitorCondition,
    kind,
    alertTargetIDs,
    configurationItems: e.configurationItems ?? [],
  };
  // Essentials are copied as given (no trimming or re-formatting): they are quoted back to the reader.
  const optional = {
    alertRule: e.alertRule,
    severity: e.severity,
    signalType: e.signalType,
    monitoringService: e.monitoringService,
    firedDateTime: e.firedDateTime,
    resolvedDateTime: e.resolvedDateTime,
    description: e.description,
    investigationLink: e.investigationLink,
    searchResultsLink,
  } as const;
  for (const [key, value] of Object.entries(optional)) {
    if (value !== null && value !== undefined) (summary as unknown as Record<string, unknown>)[key] = value;
  }

  const parsed: ParsedAlert = { summary, raw, context, dimensions: extracted.dimensions };
  if (extracted.window) parsed.window = extracted.window;
  if (extracted.windowSize) parsed.windowSize = extracted.windowSize;
  if (extracted.workspace) parsed.workspace = extracted.workspace;
  if (extracted.searchQuery) parsed.searchQuery = extracted.searchQuery;
  return parsed;
}

/** Parses request text as JSON, then as an alert. Text that is not JSON is an `InvalidRequestError`. */
export function parseAlertJson(text: string): ParsedAlert {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new InvalidRequestError('body is not valid JSON: it is empty.', { context: { position: 0 } });
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/.exec(detail)?.[1];
    const where = position !== undefined ? '' : ` (at or near position ${body.length})`;
    throw new InvalidRequestError(`body is not valid JSON: ${detail}${where}.`, {
      cause: err,
      context: { position: position !== undefined ? Number(position) : body.length },
    });
  }
  return parseAlert(value);
}
