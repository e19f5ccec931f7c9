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
]);
