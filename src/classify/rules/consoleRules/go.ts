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
    // Go's resolver: "no such host", or the DNS server failing the query ("server misbehaving") or not
    // answering it ("lookup redis: i/o timeout": a name only a compose network resolved, or a DNS path blocked).
    pattern: /lookup (?<host>[\w.-]+)(?: on [\w.:\[\]]+)?: (?:no such host|server misbehaving|i\/o timeout)/,
    keywords: ['no such host', 'server misbehaving', 'i/o timeout'],
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
    id: 'console.go.runtime-fatal',
    category: 'application-error',
    title: 'the Go runtime stopped the program: {exception}',
    // Errors the Go runtime throws rather than panics (no recover() can catch them), printed as
    // "fatal error: ..." before the goroutine dump: a data race on a map, a deadlock, a misused mutex or
    // WaitGroup, a runaway recursion. Running out of memory is console.go.out-of-memory's.
    pattern:
      /^(?<exception>fatal error: (?:concurrent map (?:writes|read and map write|iteration and map write|clone and map write)|all goroutines are asleep - deadlock!|sync: (?:unlock of unlocked mutex|negative WaitGroup counter|RUnlock of unlocked RWMutex)|stack overflow))/,
    keywords: ['fatal error: '],
    confidence: 0.8,
    explanation:
      'The Go runtime found a bug it cannot recover from ({exception}) and stopped the whole process with exit code 2; the goroutine dump after it shows where. Concurrent map access is a data race between goroutines (request handlers sharing a map), so it shows under load and not in a quiet test.',
    actions: [
      {
        when: /concurrent map/,
        text: 'Guard the shared map with a sync.Mutex or sync.RWMutex (or use sync.Map), found from the goroutine dump\'s first app frame; build with -race in a test to find every such access; redeploy.',
      },
      'Read the goroutine dump after the fatal error: the first frame in the app\'s own package is the code to fix.',
    ],
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
