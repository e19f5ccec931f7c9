/**
 * The pipeline: alert → target → evidence (logs ∥ app config) → classify → diagnosis.
 * Rendering and delivery come after it (src/deliver). No Azure SDK is imported here: the sources arrive
 * as interfaces, so the Functions app, the CLI and the tests all run this same code.
 */
import { resolveTarget, type ParsedAlert } from './alert';
import type { ConfigSource } from './appconfig/ConfigSource';
import { classifyAll, summarize, type BudgetOptions, type TeamRule } from './classify';
import { buildDiagnosis, notEnrichedDiagnosis, ownersOf, resolvedDiagnosis } from './diagnosis';
import { EnricherError, ForbiddenError } from './errors';
import type { Logger } from './logger';
import { silentLogger } from './logger';
import type { LogSource } from './logs/LogSource';
import { consoleGaps } from './logs/consoleGaps';
import type { AppConfig, Diagnosis, Evidence, Target } from './model';

export type EnrichInput =
  | { kind: 'alert'; alert: ParsedAlert; /** Other alert ids coalesced into this enrichment. */ alertIds?: string[] }
  | { kind: 'manual'; target: Target };

export interface EnrichDeps {
  logs: LogSource;
  /** Optional: without it the diagnosis has no configuration cross-checks. */
  config?: ConfigSource;
  now?: () => Date;
  logger?: Logger;
  signal?: AbortSignal;
  defaultLookbackMinutes: number;
  /**
   * Scope policy for alerts (src/policy/scope.ts): `scopeTarget` drops payload-named workspaces and
   * environments the deployment may not read; `assertResourceInScope` refuses an app once ARM says where it is.
   */
  scopeTarget?: (target: Target) => Target;
  /** The classifier's CPU budget (src/classify/budget.ts); tests inject a clock. */
  classifyBudget?: BudgetOptions;
  assertResourceInScope?: (resourceId: string, name: string) => void;
  /** Builds the "open in portal" link for the evidence query, when the log source supports it. */
  queryLink?: (evidence: Evidence, target: Target) => string | undefined;
  /** A team's own rules (OWN_RULES, OWN_RULES_URL, `--rules`), run before the built-in ones. */
  teamRules?: readonly TeamRule[];
  /** App tags whose values name the owners (OWNER_TAGS); the default is `owner`, `team`. */
  ownerTags?: string[];
}

export interface EnrichResult {
  diagnosis: Diagnosis;
  target?: Target;
  /**
   * Replicas with an exit or back-off whose console rows had not arrived yet (Log Analytics ingests with a
   * delay). The queue path looks again later while the alert is young; others just deliver.
   */
  consoleMissingFor: string[];
  /** The error behind a `not-enriched` diagnosis, so the queue path can tell a retryable failure. */
  error?: unknown;
}

/**
 * Resolves the target of an input. Throws the typed 4xx errors of `src/alert` when the alert names no
 * container app, job or environment: the caller decides whether that is a 400 or an un-enriched delivery.
 */
export function targetOf(input: EnrichInput, deps: Pick<EnrichDeps, 'now' | 'defaultLookbackMinutes' | 'scopeTarget'>): Target {
  if (input.kind === 'manual') return input.target;
  const target = resolveTarget(input.alert, { now: (deps.now ?? (() => new Date()))(), defaultLookbackMinutes: deps.defaultLookbackMinutes });
  return deps.scopeTarget ? deps.scopeTarget(target) : target;
}

export async function enrich(input: EnrichInput, deps: EnrichDeps): Promise<EnrichResult> {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? silentLogger;
  const alert = input.kind === 'alert' ? input.alert.summary : undefined;
  const alertIds = input.kind === 'alert' ? unique([input.alert.summary.alertId, ...(input.alertIds ?? [])]) : [];

  if (alert?.monitorCondition === 'Resolved') {
    let target: Target | undefined;
    try {
      target = targetOf(input, deps);
    } catch {
      target = undefined; // a resolved alert needs no target; say what we can
    }
    return { diagnosis: resolvedDiagnosis(alert, now(), target), target, consoleMissingFor: [] };
  }

  const target = targetOf(input, deps);
  try {
    const { evidence, config, configNote } = await gatherEvidence(target, deps);
    const { findings, state, unreadRows } = classifyAll({ system: evidence.system, console: evidence.console, config, target }, deps.teamRules, deps.classifyBudget);
    const diagnosis = buildDiagnosis({
      target,
      alert,
      alertIds,
      evidence,
      findings,
      summary: summarize(findings, target, state),
      state,
      queryLink: deps.queryLink?.(evidence, target),
      resourceId: config?.resourceId,
      extraNotes: configNote ? [configNote] : [],
      owners: ownersOf(findings, config, deps.ownerTags),
      now: now(),
    });
    if (unreadRows > 0) {
      diagnosis.notes.push(`The classifier ran out of its time budget and left ${unreadRows} console row(s) unread; the cause may be in them.`);
      logger.warn('classification budget spent; console rows left unread', { alertId: alert?.alertId, unreadRows });
    }
    const missing = consoleGaps(evidence);
    if (missing.length > 0) {
      diagnosis.notes.push(
        `Console rows for ${missing.join(', ')} were not in Log Analytics yet (ingestion can lag by minutes); the cause may be in lines that arrive later.`,
      );
    }
    return { diagnosis, target, consoleMissingFor: missing };
  } catch (err) {
    // Enrichment failed (Log Analytics down, no permission, a bug): the alert still goes out, marked.
    const known = err instanceof EnricherError;
    // The full detail (an SDK's error text) is for the operator's log only; callers get the short reason.
    const cause = known ? err.cause : err;
    logger.warn('enrichment failed; delivering the alert un-enriched', {
      alertId: alert?.alertId,
      code: known ? err.code : 'internal-error',
      ...(cause instanceof Error ? { detail: `${cause.name}: ${cause.message}` } : {}),
    });
    return {
      diagnosis: notEnrichedDiagnosis({
        alert,
        alertIds,
        target,
        reason: known ? err.message : 'an internal error stopped the enrichment',
        reasonCode: known ? err.code : 'internal-error',
        now: now(),
      }),
      target,
      consoleMissingFor: [],
      error: err,
    };
  }
}

/**
 * Logs and configuration in parallel. The one exception: when no workspace is known from the settings or
 * the alert, the app's managed environment says which workspace (and which table family) to read, so the
 * configuration has to come first.
 */
async function gatherEvidence(
  target: Target,
  deps: EnrichDeps,
): Promise<{ evidence: Evidence; config?: AppConfig; configNote?: string }> {
  const fetchConfig = async (): Promise<{ config?: AppConfig; note?: string }> => {
    if (!deps.config) return {};
    try {
      const config = await deps.config.fetchConfig(target, { signal: deps.signal });
      if (config?.resourceId) deps.assertResourceInScope?.(config.resourceId, target.name);
      return { config };
    } catch (err) {
      if (err instanceof ForbiddenError) throw err; // out of scope: no diagnosis, not a missing cross-check
      // Without configuration the diagnosis loses its cross-checks, not its findings: say so and go on.
      const why = err instanceof EnricherError ? err.message : 'unexpected error';
      (deps.logger ?? silentLogger).warn('app configuration not available; continuing without cross-checks', {
        code: err instanceof EnricherError ? err.code : 'internal-error',
      });
      return { note: `App configuration was not available (${why}); configuration cross-checks were skipped.` };
    }
  };

  const needsWorkspaceFromConfig = !deps.logs.knowsWorkspace?.(target) && !target.workspace?.customerId;
  if (needsWorkspaceFromConfig && deps.config) {
    const cfg = await fetchConfig();
    const ws = cfg.config?.environment?.workspaceCustomerId;
    const withWorkspace: Target = ws ? { ...target, workspace: { ...target.workspace, customerId: ws } } : target;
    const evidence = await deps.logs.fetchEvidence(withWorkspace, { signal: deps.signal });
    return { evidence, config: cfg.config, configNote: cfg.note };
  }

  const [evidence, cfg] = await Promise.all([deps.logs.fetchEvidence(target, { signal: deps.signal }), fetchConfig()]);
  return { evidence, config: cfg.config, configNote: cfg.note };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs.filter(Boolean))];
}
