/** What the classifier concludes. Category ids are part of the public JSON contract: never rename one. */

export const CATEGORIES = [
  'missing-configuration',
  'dependency-unreachable',
  'authentication-failure',
  'application-error',
  'missing-module',
  'entrypoint-error',
  'permission-denied',
  'out-of-memory',
  'crash-signal',
  'port-misconfiguration',
  'probe-failure',
  'image-pull-failure',
  'quota-exceeded',
  'storage-failure',
  'forced-kill',
  'scale-in',
  'clean-exit',
  'configuration-change',
  'unknown',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** One line of evidence under a finding, already in output form (ISO time). */
export interface EvidenceLine {
  time?: string;
  source: 'system' | 'console' | 'config';
  replica?: string;
  revision?: string;
  text: string;
}

export interface DocLink {
  title: string;
  url: string;
}

/**
 * One next step: what to do, in words, and, when Azure has a command for it, the `az` command with the
 * app's names filled in, ready to paste. A step never runs anything itself.
 */
export interface FindingStep {
  text: string;
  command?: string;
}

export interface Finding {
  /** Stable id of the rule that produced it, e.g. `console.python.keyerror-env`. */
  ruleId: string;
  category: Category;
  /** One line a person reads first, e.g. "DATABASE_URL is not set". */
  title: string;
  /** 0..1: how sure the rule is, given the evidence it saw. */
  confidence: number;
  exitCode?: number;
  /** Signal name when the exit code is 128+N, e.g. "SIGKILL". */
  signal?: string;
  /** True only for outcomes that need no action (scale-in, a sidecar's clean exit during a switch). */
  benign: boolean;
  evidence: EvidenceLine[];
  explanation: string;
  /**
   * The steps as plain sentences (schema 1.0). Kept for one minor version so readers of 1.0 still work:
   * it holds each step's text, without its command. Read `steps` instead; removed in 2.0.
   */
  actions: string[];
  /** Next steps for this cause, the most useful first (schema 1.1). */
  steps?: FindingStep[];
  links?: DocLink[];
  /** `team` when a team's own rule produced it (its ruleId then starts with `team.`). */
  origin?: 'team';
  /** The team that owns this kind of failure, from a team's own rule (`owner`). */
  owner?: string;
  /** Concrete names pulled from the evidence: env var, secret, host, port, module, file, ... */
  names?: Record<string, string>;
  /** How often it was seen, and when, across the window. */
  occurrences?: number;
  firstSeen?: string;
  lastSeen?: string;
  replicas?: string[];
  /** Other categories the same evidence could mean (set by the vocabulary tier and near-ties). */
  alternatives?: Category[];
  /** Set on a finding that follows from another one (a back-off, a probe kill, an exit-code reading): that finding's ruleId. */
  consequenceOf?: string;
}
