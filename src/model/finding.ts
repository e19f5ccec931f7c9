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
  actions: string[];
  links?: DocLink[];
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
