import { consoleFamily } from '../categoryText';

/** Go programs: panics, the runtime, and net errors as Go formats them. */
export const GO_RULES = consoleFamily('go', [
  {
    id: 'console.go.out-of-memory',
    category: 'out-of-memory',
    title: 'the Go runtime ran out of memory',
    pattern: /fatal error: runtime: out of memory|runtime: cannot allocate memory/,
    keywords: ['runtime: out of memory', 'runtime: cannot allocate memory'],
    confidence: 0.95,
    signal: 'memory',
  },
  {
    id: 'console.go.dial-refused',
    category: 'dependency-unreachable',
    title: 'connection to {host}:{port} was refused',
    pattern: /dial tcp (?<host>\[[^\]]+\]|[^\s:]+):(?<port>\d+): connect: connection refused/,
    keywords: ['dial tcp'],
    confidence: 0.9,
  },
  {
    id: 'console.go.dial-timeout',
    category: 'dependency-unreachable',
    title: 'connection to {host}:{port} timed out',
    pattern: /dial tcp (?<host>\[[^\]]+\]|[^\s:]+):(?<port>\d+): (?:i\/o timeout|connect: connection timed out)/,
    keywords: ['dial tcp'],
    confidence: 0.86,
  },
  {
    id: 'console.go.no-such-host',
    category: 'dependency-unreachable',
    title: 'host name {host} does not resolve',
    // Go's resolver: "no such host", or the DNS server failing the query ("server misbehaving").
    pattern: /lookup (?<host>[\w.-]+)(?: on [\w.:\[\]]+)?: (?:no such host|server misbehaving)/,
    keywords: ['no such host', 'server misbehaving'],
    confidence: 0.92,
  },
  {
    id: 'console.go.panic',
    category: 'application-error',
    title: 'Go panic: {message}',
    pattern: /^panic: (?<message>.{1,160})/,
    // The first frame outside the Go toolchain and module cache: where the app's own code panicked.
    context: /\n[ \t]{1,8}(?!\/usr\/local\/go\/|\/go\/pkg\/mod\/)(?<codeLocation>\/[\w.\/@-]{1,200}\.go:\d{1,6})/,
    keywords: ['panic: '],
    confidence: 0.6,
  },
]);
