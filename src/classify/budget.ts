/**
 * A CPU budget for one classification. The classifier is synchronous and runs on the worker's only
 * thread, so while it reads rows nothing else on that worker (another alert, another HTTP request) runs.
 * Bounded windows and linear patterns make each row cheap; this caps the sum: once the budget is spent,
 * the remaining console rows are left unread and the diagnosis says how many.
 *
 * The budget is process state set for the duration of one synchronous `classify` call, which is safe
 * because nothing can interleave with a synchronous call.
 */

/** Default milliseconds one classification may use before it stops reading console rows. */
export const DEFAULT_CLASSIFY_BUDGET_MS = 1500;

interface Budget {
  deadline: number;
  now: () => number;
  unread: number;
}

let current: Budget | undefined;

/** True once the running classification is over its budget; counts the row the caller now skips. */
export function budgetSpent(): boolean {
  if (!current) return false;
  if (current.now() <= current.deadline) return false;
  current.unread++;
  return true;
}

export interface BudgetOptions {
  budgetMs?: number;
  /** Milliseconds clock; injected by tests. */
  now?: () => number;
}

/** Runs `fn` under a budget and reports how many console rows it left unread. */
export function withBudget<T>(fn: () => T, options: BudgetOptions = {}): { result: T; unread: number } {
  const now = options.now ?? (() => performance.now());
  const budget: Budget = { deadline: now() + (options.budgetMs ?? DEFAULT_CLASSIFY_BUDGET_MS), now, unread: 0 };
  const outer = current;
  current = budget;
  try {
    return { result: fn(), unread: budget.unread };
  } finally {
    current = outer;
  }
}
