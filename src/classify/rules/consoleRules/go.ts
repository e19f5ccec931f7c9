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
    // ETIMEDOUT reads "connection timed out" from Linux and "operation timed out" from BSD/macOS libcs.
    pattern: /dial tcp (?<host>\[[^\]]+\]|[^\s:]+):(?<port>\d+): (?:i\/o timeout|connect: (?:connection|operation) timed out)/,
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
    // Zig and Bun word their native crashes the same way ("panic: Illegal instruction at address 0x..."):
    // a signal, not a Go panic; the crash rules read them.
    unless: /^panic: (?:Illegal instruction|Segmentation fault|Bus error|Floating point error) at address\b/,
    // The first frame outside the Go toolchain and module cache: where the app's own code panicked.
    context: /\n[ \t]{1,8}(?!\/usr\/local\/go\/|\/go\/pkg\/mod\/)(?<codeLocation>\/[\w.\/@-]{1,200}\.go:\d{1,6})/,
    keywords: ['panic: '],
    confidence: 0.6,
  },
  {
    id: 'console.go.http-client-timeout',
    category: 'dependency-unreachable',
    title: 'an HTTP request to {host|a dependency} timed out',
    // Go's net/http client giving up on a server that did not answer in time (a plugin or package
    // download at start, an API call): "Get https://host/...: net/http: request canceled while waiting
    // for connection (Client.Timeout exceeded while awaiting headers)", newer Go's "context deadline exceeded
    // (Client.Timeout ...)", its TLS and header timeouts.
    pattern:
      /(?:(?:Get|Post|Put|Patch|Delete|Head) "?https?:\/\/(?<host>[\w.-]{1,253})[^\s"]{0,400}"?: )?(?:net\/http: (?:request canceled(?: while waiting for connection)?|timeout awaiting response headers|TLS handshake timeout)|(?:context deadline exceeded )?\(Client\.Timeout exceeded while awaiting headers\))/,
    keywords: ['net/http:', 'client.timeout exceeded'],
    confidence: 0.84,
    explanation:
      'The app\'s HTTP client gave up waiting for {host|a server} (no connection, no TLS handshake or no response headers within its timeout). At start this is usually a download the container makes before it serves (plugins, packages, a remote configuration) through an outbound path that is slow or blocked: a firewall or NAT gateway on the environment\'s network, a proxy, DNS, or the remote service itself.',
    actions: [
      'Check that the environment can reach {host|the host} on 443 (its virtual network\'s NSG, firewall or NAT gateway, and any proxy the app must use).',
      'When the download happens at every start (plugins, packages), bake it into the image so the app no longer depends on the remote service to start.',
      // A single failure the next start got past: not when the replica crash-looped or went down more than once.
      { absent: ['repeatedFailure'], text: 'If it failed once and the next start succeeded, it was a transient outage of the remote side: no change is needed unless it repeats.' },
    ],
  },
]);
