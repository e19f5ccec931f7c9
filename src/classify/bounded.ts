import type { Finding, SystemEvent } from '../model';
import { withBudget, type BudgetOptions } from './budget';
import { analyse as analyseUnbounded, classifySystemEvent as matchSystemEvent, type Analysis } from './engine';
import type { ClassifyInput } from './types';
import { MAX_REASON_CHARS, MAX_SCAN_CHARS, scanWindow } from './window';

/**
 * The classifier's entry points with the two security bounds applied before any rule runs: every row
 * of external text is cut to a window (src/classify/window.ts) and the whole classification runs under a
 * CPU budget (src/classify/budget.ts). The engine itself stays unaware of both.
 */

function boundRows<T>(rows: unknown, bound: (row: T) => T): unknown {
  if (!Array.isArray(rows)) return rows;
  return rows.map((row: unknown) => (row && typeof row === 'object' ? bound(row as T) : row));
}

function boundText(value: unknown, max: number): unknown {
  return typeof value === 'string' && value.length > max ? scanWindow(value, max) : value;
}

/** The input with every console row's text and every platform event's reason and message windowed. */
export function boundInput(input: ClassifyInput): ClassifyInput {
  if (!input || typeof input !== 'object') return input;
  return {
    ...input,
    console: boundRows(input.console, (row: { text?: unknown }) =>
      typeof row.text === 'string' && row.text.length > MAX_SCAN_CHARS ? { ...row, text: boundText(row.text, MAX_SCAN_CHARS) } : row,
    ) as ClassifyInput['console'],
    system: boundRows(input.system, (row: { reason?: unknown; message?: unknown }) => ({
      ...row,
      reason: boundText(row.reason, MAX_REASON_CHARS),
      message: boundText(row.message, MAX_SCAN_CHARS),
    })) as ClassifyInput['system'],
  };
}

/** An input whose fields throw when read is handed to the engine as is: it degrades to an internal-error finding. */
function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

export interface ClassifyOutcome {
  findings: Finding[];
  /** Console rows left unread because the CPU budget ran out (0 normally). */
  unreadRows: number;
}

/** The analysis (findings and state) plus how many console rows the budget left unread. */
export interface BoundedAnalysis extends Analysis {
  unreadRows: number;
}

/** What the pipeline calls: the windowed input analysed under the CPU budget. */
export function analyseWithBudget(input: ClassifyInput, options: BudgetOptions = {}): BoundedAnalysis {
  const { result, unread } = withBudget(() => analyseUnbounded(safely(() => boundInput(input), input)), options);
  return { ...result, unreadRows: unread };
}

/** Findings plus how much was left unread. */
export function classifyWithBudget(input: ClassifyInput, options: BudgetOptions = {}): ClassifyOutcome {
  const { findings, unreadRows } = analyseWithBudget(input, options);
  return { findings, unreadRows };
}

/** Findings and the app's state, through the window and the budget. */
export function analyse(input: ClassifyInput): Analysis {
  const { findings, state } = analyseWithBudget(input);
  return { findings, state };
}

/**
 * Reads the evidence like an expert would and returns findings, the primary cause first. Pure and
 * deterministic within its budget; never throws.
 */
export function classify(input: ClassifyInput): Finding[] {
  return classifyWithBudget(input).findings;
}

/** Which system rule (if any) a single event matches, through the same window. */
export function classifySystemEvent(event: Pick<SystemEvent, 'reason' | 'message'>): string | undefined {
  return matchSystemEvent({
    reason: boundText(event.reason ?? '', MAX_REASON_CHARS) as string,
    message: boundText(event.message ?? '', MAX_SCAN_CHARS) as string,
  });
}
