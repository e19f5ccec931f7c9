import { LINKS } from '../links';
import { consoleFamily } from '../categoryText';

/** Rust binaries: panics and std errors printed by unwrap/expect. */
export const RUST_RULES = consoleFamily('rust', [
  {
    id: 'console.rust.env-not-present',
    category: 'missing-configuration',
    title: '{envVar|an environment variable} is not set',
    pattern: /environment variable not found|`Err` value: NotPresent|: NotPresent\s*$/,
    keywords: ['environment variable not found', 'notpresent'],
    // The name starts only where a name can start and its parts are bounded: a run like A_A_A_... would
    // otherwise be retried from every capital letter (quadratic on the 8,000-character block).
    context: /env::var\("(?<envVar>[A-Z][A-Z0-9_]{0,80})"\)|(?<![A-Z0-9_])(?<envVar_2>[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,8})(?: must be set| is not set| not set| missing)/,
    contextBoost: 0.05,
    confidence: 0.85,
  },
  {
    id: 'console.rust.connection-refused',
    category: 'dependency-unreachable',
    title: 'a connection was refused',
    pattern: /kind: ConnectionRefused/,
    keywords: ['connectionrefused'],
    confidence: 0.84,
  },
  {
    id: 'console.rust.alloc-failed',
    category: 'out-of-memory',
    title: 'Rust memory allocation failed',
    pattern: /memory allocation of \d+ bytes failed/,
    keywords: ['memory allocation of'],
    confidence: 0.9,
    signal: 'memory',
  },
  {
    id: 'console.rust.unwrap',
    category: 'application-error',
    title: 'unwrap on an error: {message|}',
    pattern: /called `(?:Result|Option)::(?:unwrap|expect)\(\)` on an? `(?:Err|None)` value(?::\s*(?<message>.{0,160}))?/,
    keywords: ['called `'],
    confidence: 0.56,
  },
  {
    id: 'console.rust.panic',
    category: 'application-error',
    title: 'thread {thread} panicked at {location}',
    pattern: /thread '(?<thread>[^']+)' panicked at (?:'[^']*', )?(?<location>[^\s,:]+)(?::\d+){0,2}:?$|thread '(?<thread_2>[^']+)' panicked at (?<location_2>\S+)/,
    keywords: ['panicked at'],
    confidence: 0.55,
  },
  {
    id: 'console.rust.env-var-missing',
    category: 'missing-configuration',
    title: 'a required environment variable is not set (Rust VarError::NotPresent)',
    // std::env::var's error for an unset variable, as a panic prints it after `expect`/`unwrap`.
    pattern: /\bpanicked at .{0,200}?\bNotPresent\b/,
    keywords: ['notpresent'],
    // The panic's own note names RUST_BACKTRACE: never the missing variable.
    context: /\b(?!RUST_BACKTRACE\b)(?<envVar>[A-Z][A-Z0-9]{1,40}(?:_[A-Z0-9]{1,40}){1,6})\b/,
    confidence: 0.86,
    explanation: 'The app reads an environment variable at start and panics because it is not set (std::env::VarError::NotPresent).',
    actions: ['Set the variable the panic message refers to (the source line in the panic shows which), from a secret reference when it is a credential.'],
    links: [LINKS.containers],
  },
  {
    id: 'console.rust.parse-at-start',
    category: 'missing-configuration',
    title: 'a value the app parses at start is not a valid number or flag',
    // The class 1: a present but invalid setting is configuration, not a code bug.
    pattern: /\bpanicked at .{0,200}?\b(?:ParseIntError|ParseFloatError|ParseBoolError)\b/,
    keywords: ['parseinterror', 'parsefloaterror', 'parseboolerror'],
    confidence: 0.62,
    explanation: 'The app panicked while parsing a value into a number or a flag. At start-up that value is usually a setting (an environment variable holding text, an empty string or a name where an id is expected).',
    actions: ['Check the variables the app parses at start (the panic\'s source line shows which) for a non-numeric or empty value.'],
    links: [LINKS.containers],
  },
]);
