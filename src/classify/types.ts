import type { AppConfig, Category, ConsoleLine, DocLink, SystemEvent, Target } from '../model';

/** What the pipeline hands the classifier: the rows it fetched and, when it could read it, the app's configuration. */
export interface ClassifyInput {
  system: SystemEvent[];
  console: ConsoleLine[];
  config?: AppConfig;
  target?: Target;
}

/**
 * One next step as a rule writes it. `text` and `command` take the same `{name}` placeholders as the
 * title; the command also takes the target's names (`{app}`, `{resourceGroup}`, `{revision}`,
 * `{container}`), filled in by `steps/` once the target is known (see docs/az-commands.md).
 */
export interface RuleStep {
  text: string;
  /** An `az` command for the fix or the check; only commands and flags listed in `steps/azCommands.ts`. */
  command?: string;
  /** Names that must have been extracted for the step to apply (no step about a variable nobody named). */
  needs?: string[];
  /** Names whose presence makes the step wrong or redundant (the generic form of a named step). */
  absent?: string[];
  /** The step applies only when an evidence line matches (CRLF, architecture, a heap flag in the rows). */
  when?: RegExp;
  /** The step does not apply when an evidence line matches. */
  unless?: RegExp;
  /** The step applies only when none of the finding's evidence came from the app's console (it said nothing). */
  quiet?: boolean;
  /**
   * The step gives the fix for this very cause (a CRLF shebang, a runtime's own memory knob, a failed
   * migration): when it applies, the list's `fallback` steps are left out.
   */
  decisive?: boolean;
  /** A generic step of the category, for when no `decisive` step says more (no padding after the right one). */
  fallback?: boolean;
}

/** A rule's step: a plain sentence, or a structured step with a command and conditions. */
export type RuleAction = string | RuleStep;

/** The parts every rule shares, whatever it matches on. */
export interface RuleBase {
  /** Stable id, part of the output contract (`ruleId`): never rename one. */
  id: string;
  category: Category;
  /**
   * Headline for the finding. `{name}` placeholders are filled from the extracted names; a placeholder
   * whose name was not extracted falls back to the text after `|` inside the braces (`{envVar|a variable}`).
   */
  title: string;
  /** 0..1, how sure a match alone makes us. */
  confidence: number;
  benign: boolean;
  explanation: string;
  actions: RuleAction[];
  links?: DocLink[];
}

/**
 * A rule over one line an app wrote. `pattern` runs on a single row; `context`, when given, runs on the
 * reassembled block (a stack trace, a multi-row message) around it: it can add names and raise confidence.
 */
export interface ConsoleRule extends RuleBase {
  /** Which runtime or family the rule belongs to (file it lives in), for docs and coverage. */
  family: string;
  pattern: RegExp;
  /**
   * Lower-case literals of which at least one appears in every line the pattern can match. They feed the
   * prefilter that rejects ordinary lines before any pattern runs, so they must be true of every match.
   */
  keywords: string[];
  context?: RegExp;
  /** Added to the confidence when `context` matches the block. */
  contextBoost?: number;
  /** A line that also matches this is not a match (e.g. a warning that an optional variable is unset). */
  unless?: RegExp;
  /** When true the rule only counts if `context` matches too. */
  requireContext?: boolean;
  /**
   * The line reports this rule's failure and quotes the error behind it (a failed probe's dial error or
   * HTTP status, a failed mount's errno): when it matches, other rules' matches on the same line are that
   * quotation, not a cause of their own, and are dropped.
   */
  quotes?: boolean;
  /**
   * What the line tells the engine besides a cause: `shutdown` lines mark a stop requested by the
   * platform (SIGTERM handling), `memory` lines back an out-of-memory reading of exit 137.
   */
  signal?: 'shutdown' | 'memory' | 'storage';
  /**
   * What the finding means when the replica recovered (it started again and did not fail after): a wait for
   * the Dapr sidecar that gave up once is a dependency that came up late, not a missing setting.
   */
  whenRecovered?: { category: Category; title: string };
  /** Fixes up extracted names (e.g. a settings field name to its env var spelling). */
  normalizeNames?: (names: Record<string, string>) => Record<string, string>;
}

/** One console line's best match, the hot path's answer. */
export interface ConsoleMatch {
  ruleId: string;
  category: Category;
  confidence: number;
  benign: boolean;
  names: Record<string, string>;
  rule: ConsoleRule;
}

/** A rule over one platform event (a row of the system log table). */
export interface SystemRule extends RuleBase {
  /** Matches the Reason column; either this or `message` must match (both when both are given and `both` is set). */
  reason?: RegExp;
  message?: RegExp;
  /** Require reason AND message to match instead of either. */
  both?: boolean;
  /**
   * How the engine uses a match besides listing it: `backoff` marks a crash loop, `probe` a failed
   * probe, `stop` a platform stop (SIGTERM follows), `scale-to-zero` KEDA deactivation, `ignore` a line that
   * is pure plumbing and produces no finding, `noise` a benign finding, `scale-in` a scale-down to fewer
   * (not zero) replicas, `create` a container that could not be created (its console is empty by nature).
   */
  role?: 'backoff' | 'probe' | 'stop' | 'scale-to-zero' | 'scale-in' | 'create' | 'ignore' | 'noise' | 'storage' | 'memory' | 'capacity';
}

/** How an exit code reads on its own, before any other evidence is weighed. */
export interface ExitCodeRule extends RuleBase {
  code: number;
}
