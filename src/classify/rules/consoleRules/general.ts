import { BUN_CRASH_STEPS, consoleFamily, PRIVILEGED_PORT_STEPS } from '../categoryText';
import { LINKS } from '../links';
import { SECRET_VOLUME_WRITE } from '../mountSteps';

/** Phrases of a warning about an optional setting, which the app survives: not a missing-configuration cause. */
export const OPTIONAL_SETTING = /\b(?:WARN(?:ING)?|[Ww]arn(?:ing)?|[Dd]efault(?:ing|s)? to|[Uu]sing default|[Dd]isabled|[Oo]ptional|[Ss]kipping|[Ii]gnor(?:ed|ing)|[Ff]alling back)\b/;

/**
 * Messages that do not belong to one runtime: the OS and libc (errno texts), the kernel, DNS and TLS,
 * generic "variable X is not set" phrasing, and the lines apps print when they are asked to stop.
 */
export const GENERAL_RULES = consoleFamily('general', [
  {
    id: 'console.env.missing-named',
    category: 'missing-configuration',
    title: '{envVar} is not set',
    pattern:
      /(?:[Mm]issing|[Rr]equired|[Uu]ndefined|[Uu]nset|not set|not defined|[Nn]o value (?:set|provided) for)\b[^A-Z\n]{0,40}?['"`]?(?<envVar>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/,
    keywords: ['missing', 'required', 'undefined', 'unset', 'not set', 'not defined', 'no value'],
    unless: OPTIONAL_SETTING,
    confidence: 0.86,
  },
  {
    id: 'console.env.named-missing',
    category: 'missing-configuration',
    title: '{envVar} is not set',
    pattern:
      /\b(?<envVar>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"`]?(?: (?:environment )?variable)? (?:is |was )?(?:not set|not defined|missing|required|undefined|empty|unset|must be (?:set|defined|provided))/,
    keywords: ['not set', 'not defined', 'missing', 'required', 'undefined', 'empty', 'unset', 'must be'],
    unless: OPTIONAL_SETTING,
    confidence: 0.86,
  },
  {
    id: 'console.env.variable-word',
    category: 'missing-configuration',
    title: '{envVar} is not set',
    // Covers single-word names (PORT, SECRET) that the patterns above skip, by requiring the word "variable".
    pattern: /[Ee]nv(?:ironment)? ?var(?:iable)? ['"`]?(?<envVar>[A-Z][A-Z0-9_]*)['"`]? (?:is )?(?:not set|not defined|missing|required|empty|undefined)/,
    keywords: ['not set', 'not defined', 'missing', 'required', 'empty', 'undefined'],
    unless: OPTIONAL_SETTING,
    confidence: 0.87,
  },
  {
    id: 'console.config.property-missing',
    category: 'missing-configuration',
    title: 'configuration value {setting} is not set',
    // The typed-configuration wording of .NET, Quarkus/SmallRye, MicroProfile and friends: a key path
    // (`ConnectionStrings:Default`, `quarkus.datasource.password`) rather than an env var name.
    pattern:
      /[Cc]onfig(?:uration)? (?:value|property|key|setting|section|entry) ['"`]?(?<setting>[\w.:-]{1,120}?)['"`]? (?:is null|is missing|is empty|is required|was not found|could not be found|not found)/,
    keywords: ['is null', 'is missing', 'is empty', 'is required', 'not found'],
    unless: OPTIONAL_SETTING,
    confidence: 0.86,
    explanation:
      'The app asked its configuration for a named value and got nothing: no environment variable, secret or config file provides it in this revision. Env vars map to such keys with `__` (or `_` upper-cased) in place of `:` and `.`.',
  },
  {
    id: 'console.net.connection-refused',
    category: 'dependency-unreachable',
    title: 'a connection to a dependency was refused',
    pattern: /connection refused/i,
    keywords: ['connection refused'],
    // The address, when the line gives it: "Connection refused (127.0.0.1:3500)", "connect ECONNREFUSED ...".
    // MariaDB Connector/J names it its own way: "Socket fail to connect to host:address=(host=localhost)(port=3306)
    // (type=primary). Connection refused", "Could not connect to address=(host=db)(port=3306)...", or the
    // bare "Socket fail to connect to localhost. Connection refused".
    context:
      /[Cc]onnection refused \((?<host>[\w.-]{1,200}|\[[\da-fA-F:]{2,60}\]):(?<port>\d{2,5})\)|\baddress=\(host=(?<host_2>[\w.:\[\]-]{1,200})\)\(port=(?<port_2>\d{2,5})\)|\bSocket fail to connect to (?<host_3>[\w-]{1,63}(?:\.[\w-]{1,63}){0,10})\. /,
    confidence: 0.7,
  },
  {
    id: 'console.net.dns',
    category: 'dependency-unreachable',
    title: 'a host name {host|} does not resolve',
    // psycopg 3 names the host it could not resolve before the resolver's words: "failed to resolve host 'db'".
    pattern: /failed to resolve host '(?<host_3>[\w.-]{1,253})'|getaddrinfo for (?<host_2>[\w.-]+) failed|Name or service not known|Temporary failure in name resolution|nodename nor servname provided|getaddrinfo failed|No such host is known|Name does not resolve|host not found in upstream "(?<host>[^":]+)|non-existing domain|\bnxdomain\b|\bNo address associated with hostname\b/,
    keywords: ['failed to resolve host', 'getaddrinfo for', 'name or service not known', 'temporary failure in name resolution', 'nodename nor servname', 'getaddrinfo failed', 'no such host is known', 'name does not resolve', 'host not found in upstream', 'non-existing domain', 'nxdomain', 'no address associated with hostname'],
    // epmd resolving the server's own node name is its configuration (console.erlang.own-node-name-unresolvable).
    unless: /\bepmd error for host\b/,
    confidence: 0.86,
  },
  {
    id: 'console.net.timeout',
    category: 'dependency-unreachable',
    title: 'a connection to a dependency timed out',
    // Windows sockets' WSAETIMEDOUT (10060), which .NET prints on every platform: "A connection attempt
    // failed because the connected party did not properly respond after a period of time".
    pattern: /[Cc]onnection timed out|[Cc]onnect timed out|SocketTimeoutException|i\/o timeout|[Tt]imeout [Ee]xpired\. {1,2}The timeout period elapsed|\bA connection attempt failed because the connected party did not properly respond\b/,
    keywords: ['timed out', 'sockettimeoutexception', 'i/o timeout', 'timeout expired', 'connected party did not properly respond'],
    confidence: 0.7,
  },
  {
    id: 'console.net.connect-failed',
    category: 'dependency-unreachable',
    title: 'could not connect to {host}:{port}',
    // The "<verb> connect to host:port" phrasing most clients share (tedious, redis-rb, Lettuce, Celery,
    // Postgrex); an optional scheme, a product word ("Redis on") and a resolved "/10.0.0.4" may sit in between.
    // An IPv6 literal comes in brackets (Npgsql's "Failed to connect to [::1]:5432").
    pattern:
      /(?:[Ff]ailed to connect to|[Cc]ould not connect to|[Uu]nable to connect to|[Cc]annot connect to|[Ee]rror(?: -?\d{1,5})? connecting to|tcp connect \() ?(?:(?:Redis|redis|server|host|database|broker) (?:on |at )?)?(?:[a-z][\w+.-]*:\/\/)?(?<host>[\w.-]+|\[[\da-fA-F:.]{2,45}\])(?:\/[\d.]+)?:(?<port>\d{2,5})\b/,
    keywords: ['failed to connect to', 'could not connect to', 'unable to connect to', 'cannot connect to', ' connecting to', 'tcp connect ('],
    confidence: 0.84,
  },
  {
    id: 'console.net.connection-reset',
    category: 'dependency-unreachable',
    title: 'a dependency reset the connection',
    pattern: /\bECONNRESET\b|[Cc]onnection reset by peer/,
    keywords: ['econnreset', 'connection reset by peer'],
    confidence: 0.7,
    explanation:
      'The other end closed the connection abruptly. Against managed services this usually means a protocol mismatch (plain text sent to a TLS port, such as Azure Cache for Redis on 6380 without TLS), a firewall dropping the session, or the service restarting.',
  },
  {
    id: 'console.net.tls',
    category: 'dependency-unreachable',
    title: 'a TLS handshake with a dependency failed',
    pattern: /certificate verify failed|CERTIFICATE_VERIFY_FAILED|self[- ]signed certificate|certificate has expired|CERT_HAS_EXPIRED|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|ERR_TLS_CERT_ALTNAME_INVALID|unable to get local issuer certificate|x509: certificate|PKIX path building failed|The remote certificate is invalid|SSL connection is required|SSL routines/,
    keywords: ['certificate', 'pkix', 'ssl', 'cert_', 'self_signed', 'unable_to_verify'],
    // The host the handshake was with, where the client says it (pgx's host=, "connecting to host").
    // Or the https URL a request named (Spring's "I/O error on GET request for \"https://id.example:8443/...").
    context: /\bhost=(?<host>[\w.-]{1,200})|\bconnect(?:ing)? to (?:[a-z]{1,10}:\/\/)?(?<host_2>[\w-]{1,63}(?:\.[\w-]{1,63}){1,6})|\brequest for "https:\/\/(?<host_3>[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}(?::\d{2,5})?)/,
    confidence: 0.8,
  },
  {
    id: 'console.port.address-in-use',
    category: 'port-misconfiguration',
    title: 'port {port|} is already in use',
    // The address and port where the line gives them: Go's "listen tcp :8080: bind: address already in use",
    // Node's "listen EADDRINUSE: address already in use 0.0.0.0:80", gunicorn's "Connection in use".
    pattern:
      /listen (?:tcp|udp)[46]? (?<address_2>\[[\da-fA-F:]{0,60}\]|[^\s:\[]{0,60}):(?<port_2>\d{2,5}): bind: address already in use|[Aa]ddress already in use:? (?<address_3>\[[\da-fA-F:]{0,60}\]|[\w.:]{0,60}):(?<port_3>\d{2,5})\b|[Aa]ddress already in use|Connection in use: \(['"]?(?<address>[\w.:]*)['"]?, (?<port>\d+)\)/,
    keywords: ['address already in use', 'connection in use'],
    confidence: 0.88,
  },
  {
    id: 'console.perm.privileged-port',
    category: 'permission-denied',
    title: 'binding port {port|below 1024} was not permitted',
    // Node, nginx, .NET, Ruby (puma), Go, the JVM and Apache (AH00072) each word a refused bind their own way.
    pattern:
      /listen EACCES:? (?:permission denied )?(?<address>\S*):(?<port>\d+)|bind\(\) to (?<address_2>\S+):(?<port_2>\d+) failed \(13: Permission denied\)|SocketException \(13\): Permission denied|Permission denied - bind\(2\) for "?(?<address_3>[^"\s]+)"? port (?<port_3>\d+)|listen tcp (?<address_4>[^\s:]*):(?<port_4>\d+): bind: permission denied|BindException: Permission denied|\(13\)Permission denied: AH00072: make_sock: could not bind to address (?<address_5>[\w.:\[\]]{1,60}):(?<port_5>\d{1,5})/,
    keywords: ['eacces', 'permission denied', 'ah00072'],
    confidence: 0.9,
    explanation: 'Only root may bind ports below 1024; the image runs as a non-root user and tried to listen on a low port.',
    actions: [
      {
        needs: ['portVar'],
        absent: ['portDirective'],
        text: 'The image runs as a non-root user, which may not listen on port {port|below 1024}: move the app to 8080 through {portVar} ({portVarNote|the setting it reads for its port}); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {portVar}={portTo8080}',
      },
      ...PRIVILEGED_PORT_STEPS,
    ],
    links: [LINKS.ingress],
  },
  {
    id: 'console.perm.read-only-fs',
    category: 'permission-denied',
    title: 'the app wrote to a read-only filesystem{: file}',
    pattern: /EROFS: read-only file system, \w+ '(?<file>[^']+)'|Read-only file system: '(?<file_2>[^']+)'|EROFS|[Rr]ead-only file system/,
    keywords: ['erofs', 'read-only file system'],
    confidence: 0.88,
    explanation:
      'A write failed because the path lies on a read-only filesystem, such as a secrets volume mount (always read-only) or a directory the image or platform mounts read-only. Caches and temp files written next to the code are the usual culprits.',
    actions: [
      // The path is on an Azure Files mount whose environment storage is ReadOnly (configNames): its access mode is the fix.
      {
        needs: ['readOnlyMount', 'storageName'],
        decisive: true,
        text: '{file|The path} is on volume {volume|of the app}, an Azure Files mount whose environment storage {storageName} has access mode ReadOnly: set it to ReadWrite (replace the <...> blanks with the storage\'s current values: the command rewrites the whole definition), then restart the revision.',
        command: 'az containerapp env storage set -n {environment|<environment-name>} -g {resourceGroup} --storage-name {storageName} --azure-file-account-name {storageAccount|<account>} --azure-file-account-key <account-key> --azure-file-share-name {shareName|<share-name>} --access-mode ReadWrite',
      },
      SECRET_VOLUME_WRITE,
      { fallback: true, text: 'Point caches and temp files at a writable location (/tmp, or an ephemeral storage volume mounted for it) through the library\'s setting or HOME/XDG_CACHE_HOME.' },
      { fallback: true, text: 'Do not write into a mounted secrets path; copy what you need elsewhere at startup.' },
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.config.file-missing',
    category: 'missing-configuration',
    title: 'configuration file {file} does not exist',
    // Only files that look like configuration: a missing data file or binary is a different story.
    // .NET's FileNotFoundException says "Could not find file '/app/appsettings.json'".
    // A relative name ("open config.yml: no such file or directory", a Go service run with -config config.yml)
    // is resolved in the working directory. Traefik v1 says "no configuration found in file: /traefik.toml"
    // when --configFile names a path the image does not hold.
    pattern:
      /\b(?:open|stat|read|load|loading|reading) (?:config(?:uration)? (?:file )?)?['"]?(?<file>(?:\.{0,2}\/)?[\w.\/-]{0,200}\.(?:ya?ml|json|toml|ini|conf|cfg|env|properties|xml))['"]?:? (?:no such file or directory|not found|does not exist)|\bno configuration found in file:? ['"]?(?<file_4>[\w.\/~-]{1,200})|ENOENT: no such file or directory, (?:open|stat) '(?<file_2>[^']+\.(?:ya?ml|json|toml|ini|conf|cfg|env|properties|xml))'|Could not find file '(?<file_3>[^'\n]{0,300}\.(?:ya?ml|json|toml|ini|conf|cfg|env|properties|xml|config))'/,
    keywords: ['no such file or directory', 'not found', 'does not exist', 'could not find file', 'no configuration found in file'],
    // npm's package.json is not configuration: its absence is the start directory (console.node.npm-no-package-json).
    unless: /\/package\.json'/,
    confidence: 0.85,
    explanation:
      'The app tried to open its configuration file and it is not there: the file is not baked into the image, or the volume (secret or Azure Files mount) that should provide it is not mounted at that path in this revision.',
    actions: [
      'Check the path against the image contents and the container\'s volume mounts; mount the secret or file share that holds it at exactly that path.',
      'If the file should come from a secret volume, check the secret exists and the mount lists it.',
    ],
    links: [LINKS.storage, LINKS.secrets],
  },
  {
    id: 'console.config.path-is-directory',
    category: 'missing-configuration',
    title: 'the file {file|} the app reads is a directory',
    // A file the app opens turned out to be a directory: a volume (a secret volume above all, which is
    // always a directory of files, one per secret) mounted at the file's own path instead of its folder.
    // Python: `IsADirectoryError: [Errno 21] Is a directory: '/run/secrets/x'`; Go: `read /x: is a directory`.
    pattern:
      /\bIsADirectoryError: \[Errno 21\] Is a directory: '(?<file>[^'\n]{1,300})'|\bread (?<file_2>\/[\w.\/-]{1,300}): is a directory\b/,
    keywords: ['isadirectoryerror', 'is a directory'],
    confidence: 0.86,
    explanation:
      'The app opened {file|a path} as a file and found a directory. In Container Apps that is a volume mounted at the file\'s path: a secret volume is a directory holding one file per secret, so mounting it at /run/secrets/name makes name a directory (with the secret files inside it) rather than the file the app expects.',
    actions: [
      {
        decisive: true,
        text: 'Mount the volume at the folder that should hold the file (the secret volume at /run/secrets, with a secret named after the file), not at the file\'s own path, or point the app at the file inside the mounted folder; then restart the revision.',
      },
      {
        text: 'Show the container\'s volume mounts.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].volumeMounts' -o json",
      },
    ],
    links: [LINKS.storage, LINKS.secrets],
  },
  {
    id: 'console.perm.file',
    category: 'permission-denied',
    title: 'permission denied on {file}',
    // coreutils quote the path with ' or with typographic quotes (‘test.txt’) as the locale says; loggers
    // (log4j's "Unable to create file logs/server.log java.io.IOException: Permission denied") name it bare.
    // A CLI that wraps its message (oclif's "›" rows) can put the path on the next row: the line ends
    // after the syscall and the block's next row holds the quoted path.
    pattern:
      /EACCES: permission denied, \w+ '(?<file>[^']+)'|EACCES: permission denied, \w{1,20}\s{0,4}$|cannot (?:create directory|open|touch) '(?<file_2>[^']+)': Permission denied|cannot (?:create directory|create regular file|open|touch|remove|write to) ‘(?<file_4>[^’\n]{1,300})’: Permission denied|(?:open|mkdir|chmod) (?<file_3>\/\S+): permission denied|\b(?:unable|failed|could not|cannot|can't) (?:to )?(?:create|open|write(?: to)?) (?:file|directory|log file) ['"]?(?<file_5>[\w.@~\/-]{1,200})['"]?:? [^\n]{0,80}?\bpermission denied/i,
    keywords: ['permission denied'],
    context: /EACCES: permission denied, \w{1,20}\s{0,4}\n[^'\n]{0,40}'(?<file>[^'\n]{1,300})'/,
    confidence: 0.85,
  },
  {
    id: 'console.storage.no-space',
    category: 'storage-failure',
    title: 'the disk is full (no space left on device)',
    // The file a write failed on, where the line names it in quotes (PostgreSQL's `could not write to file
    // "pg_wal/xlogtemp.20": No space left on device`, Python's `[Errno 28] No space left on device: '/x'`).
    pattern: /(?:\b(?:file|directory) "(?<file>[^"\n]{1,300})":? )?[Nn]o space left on device(?:: '(?<file_2>[^'\n]{1,300})')?|ENOSPC/,
    keywords: ['no space left on device', 'enospc'],
    confidence: 0.92,
    signal: 'storage',
    explanation:
      'A write failed because the filesystem is full. In Container Apps that is usually the replica\'s ephemeral storage, whose size is tied to the CPU allocation, filled by logs, caches or temp files.',
    actions: [
      'Write large or growing data to a mounted volume (Azure Files or an ephemeral storage mount) instead of the container filesystem.',
      // Log rotation only when the row does not say the write was something else: a model checkpoint being
      // serialized, a download or a package install fills the disk with that data, not logs (v24 review, case 7).
      {
        unless: /\b(?:serializ|checkpoint|safetensors|save_pretrained|torch\.save|download|extract|unpack|install)|\bsaving\b/i,
        text: 'Rotate or stop writing log files inside the container; log to stdout instead.',
      },
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.storage.search-flood-stage',
    category: 'storage-failure',
    title: 'the search node\'s disk passed its flood-stage watermark, so its indices went read-only{: file}',
    // Elasticsearch and OpenSearch log the watermark on the node ("flood stage disk watermark [95%] exceeded
    // on [id][name][/usr/share/elasticsearch/data/nodes/0]"), and clients see the block on every write: a
    // 403 before 7.x ("FORBIDDEN/12/index read-only / allow delete"), a 429 since ("TOO_MANY_REQUESTS/12/disk
    // usage exceeded flood-stage watermark"). A full disk, whatever the HTTP status says.
    pattern:
      /\bflood[ -]stage (?:disk )?watermark \[[\d.]{1,8}%?\] exceeded on \[[^\]\n]{1,100}\]\[[^\]\n]{1,100}\](?:\[(?<file>[^\]\n]{1,300})\])?|\bFORBIDDEN\/12\/index read-only \/ allow delete\b|\bdisk usage exceeded flood-stage watermark\b/,
    keywords: ['watermark', 'forbidden/12/index read-only'],
    confidence: 0.9,
    signal: 'storage',
    explanation:
      'The search cluster\'s data disk filled past the flood-stage watermark (95% by default), so it put a read-only-allow-delete block on every index with a shard on that node; each write the app sends is refused until space is freed and the block lifted.',
    actions: [
      'Free space on the search node\'s data volume (delete old indices, or enlarge the volume or share behind it).',
      'Clear the block once there is room (PUT _all/_settings with index.blocks.read_only_allow_delete set to null); Elasticsearch 7.4 and later lift it by itself when usage falls below the high watermark.',
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.storage.download-space',
    category: 'storage-failure',
    title: 'not enough disk space for the download into {file|its target directory}',
    // huggingface_hub checks free space before each file of a snapshot and only warns ("Not enough free disk
    // space to download the file. The expected file size is: 3945.44 MB. The target location <dir> only has
    // 3421.60 MB free disk space."); the download then fails with ENOSPC, often without the path.
    pattern:
      /\bNot enough free disk space to download the file\. The expected file size is: (?<needed>[\d.]{1,14} ?[KMGT]?B)\. The target location (?<file>\S{1,300}) only has (?<free>[\d.]{1,14} ?[KMGT]?B) free disk space/,
    keywords: ['not enough free disk space'],
    confidence: 0.8,
    signal: 'storage',
    explanation:
      'The model download needs {needed|more space} for one file and {file|the target directory} has only {free|less} free: the filesystem it lives on (in Container Apps usually the replica\'s ephemeral storage, sized by the CPU allocation) cannot hold the model, so the download fails part way with "No space left on device".',
    actions: [
      'Download the model to a mounted volume large enough for it (an Azure Files share mounted at the cache directory; point HF_HOME or the library\'s cache_dir at it), or bake the weights into the image.',
      'Or give the replica more ephemeral storage: it grows with the CPU allocation, and dedicated workload profiles offer more.',
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.kernel.oom',
    category: 'out-of-memory',
    title: 'the kernel killed {process|the process} for using too much memory',
    // The kernel's OOM report in its variants names the process: "<comm> invoked oom-killer", "Killed
    // process <pid> (<comm>)", cgroup v2's "oom-kill:...,task=<comm>,..."; the cgroup v1 "memory: usage X,
    // limit X, failcnt N" line is printed only inside such a report.
    pattern:
      /(?:^|[\s\]])(?<process>[\w.:\/-]{1,60}) invoked oom-killer|(?:Memory cgroup out of memory|Out of memory): Killed process \d{1,9} \((?<process_2>[^)\n]{1,60})\)|\bKilled process \d{1,9} \((?<process_3>[^)\n]{1,60})\)|\boom-kill:[^\n]{0,600}?\btask=(?<process_4>[^,\s]{1,60})|oom-kill|OOMKilled|Out of memory: Killed process|invoked oom-killer|Memory cgroup out of memory|\bmemory: usage \d{1,20}kB, limit \d{1,20}kB, failcnt \d{1,20}/i,
    keywords: ['oom', 'out of memory', 'failcnt'],
    confidence: 0.93,
    signal: 'memory',
  },
  {
    id: 'console.crash.segfault',
    category: 'crash-signal',
    title: 'segmentation fault',
    // Go prints "[signal SIGSEGV: ...]" under its own panic; that line is the panic's, not a native crash.
    // Ruby's crash report names the file that was running: `delegate.rb:85: [BUG] Segmentation fault`.
    pattern: /(?:^(?<file>[^\s:]{1,300}):\d{1,7}: \[BUG\] )?Segmentation [Ff]ault|^SIGSEGV|(?:received|caught|got) SIGSEGV|signal 11 \(SIGSEGV\)|\b\w{1,40} got signal 11\b|^Signal SIGSEGV\b/,
    keywords: ['segmentation fault', 'sigsegv', 'got signal 11'],
    // Go's runtime prints "[signal SIGSEGV: segmentation violation ...]" under its panic (a nil dereference
    // the panic rule reads), and Bun's or Zig's crash handler "panic(main thread): Segmentation fault at
    // address" for the fault it caught before dying of the signal the shell or exit code reports.
    unless: /^\[?signal SIGSEGV: segmentation violation\b|^panic\([\w ]{1,40}\): ?Segmentation fault at address\b/i,
    // Each wording is the same signal: name it as the kernel does, beside the words printed (`printed`).
    normalizeNames: (n) => ({ ...n, signal: 'SIGSEGV' }),
    confidence: 0.85,
  },
  {
    id: 'console.crash.abort',
    category: 'crash-signal',
    title: 'the process aborted',
    // glibc's heap checks print their verdict on the line before "Aborted": that line says why. Older glibc
    // wraps it as "*** Error in `python': free(): invalid pointer: 0x... ***". The verdict is what on-call
    // searches for, so it is named (`printed`) beside the signal.
    pattern:
      /(?:^|\s)Aborted(?: \(core dumped\))?\s*$|SIGABRT|terminate called after throwing|^\s*(?<printed>free\(\): invalid (?:pointer|size)|double free or corruption(?: \(\w{1,12}\))?|munmap_chunk\(\): invalid pointer|corrupted size vs\. prev_size)\s*$|^\*\*\* Error in `[^`\n]{1,200}': (?<printed_2>free\(\): invalid (?:pointer|size|next size \(\w{1,12}\))|double free or corruption(?: \(\w{1,12}\))?|munmap_chunk\(\): invalid pointer|malloc\(\): (?:memory corruption|corrupted top size|smallbin double linked list corrupted)|realloc\(\): invalid (?:pointer|old size|next size)|corrupted size vs\. prev_size)\b/,
    keywords: ['aborted', 'sigabrt', 'terminate called', 'invalid pointer', 'double free', 'corrupted size', 'invalid size', '*** error in `'],
    confidence: 0.8,
  },
  {
    id: 'console.crash.bus-error',
    category: 'crash-signal',
    title: 'bus error',
    pattern: /(?:^|\s)Bus error\b|SIGBUS/,
    keywords: ['bus error', 'sigbus'],
    // "azure service bus error: ..." is Azure Service Bus's client, not the signal.
    unless: /service ?bus error/i,
    confidence: 0.8,
  },
  {
    id: 'console.crash.core-dumped',
    category: 'crash-signal',
    title: 'the process crashed and dumped core',
    pattern: /core dumped/,
    keywords: ['core dumped'],
    confidence: 0.74,
  },
  {
    id: 'console.crash.child-signal',
    category: 'crash-signal',
    title: '{process|a child process} died of {signal}',
    // Go's os/exec reports a child killed by a signal in the signal's own words ("signal: aborted (core
    // dumped)", "signal: segmentation fault"): Ollama's "llama runner process has terminated: signal: ...",
    // and any Go supervisor that runs a native program. SIGKILL ("signal: killed") is the OOM killer's and
    // belongs to console.worker.sigkill.
    pattern:
      /(?:\b(?<process>[\w.-]{1,60}(?: runner)?) process has terminated: |(?:^|[\s:"]))signal: (?<printed>aborted|segmentation fault|illegal instruction|bus error|floating point exception)(?: \(core dumped\))?/,
    keywords: ['signal: aborted', 'signal: segmentation fault', 'signal: illegal instruction', 'signal: bus error', 'signal: floating point exception'],
    // The words Go prints, named as the kernel does; the printed words stay beside it for a log search.
    normalizeNames: (n) => ({
      ...n,
      signal: ({ aborted: 'SIGABRT', 'segmentation fault': 'SIGSEGV', 'illegal instruction': 'SIGILL', 'bus error': 'SIGBUS', 'floating point exception': 'SIGFPE' } as Record<string, string>)[n.printed ?? ''] ?? 'a signal',
    }),
    confidence: 0.82,
  },
  {
    id: 'console.crash.child-negative-exit',
    category: 'crash-signal',
    title: '{process|a child process} died of {signal}',
    // Python reports a child killed by a signal as a negative return code: the wrappers around a native
    // converter (pdfkit's "wkhtmltopdf exited with non-zero code -6", imgkit's wkhtmltoimage) and
    // subprocess's own "returned non-zero exit status -11" / "died with <Signals.SIGABRT: 6>". -9 (SIGKILL)
    // is the OOM killer's and stays with console.worker.sigkill.
    pattern:
      /\b(?<process>[\w.-]{1,60}) exited with non-zero code -(?<number>4|6|7|8|11)\b|\breturned non-zero exit status -(?<number_2>4|6|7|8|11)\b|\bdied with <Signals\.(?<signal>SIG(?:ABRT|SEGV|ILL|BUS|FPE)): \d{1,2}>|\b(?<process_2>[\w.-]{1,60}) process(?: for step [\w.-]{1,80})? (?:shut down unexpectedly|(?:unexpectedly )?(?:exited|terminated|died)) with (?:return |exit )?code -(?<number_3>4|6|7|8|11)\b/,
    // A supervisor that reports its child's Popen.returncode (dagster's "dagster-daemon process shut down
    // unexpectedly with return code -7", "child process for step <step> unexpectedly exited with code -11")
    // prints the same negative number.
    keywords: ['exited with non-zero code -', 'returned non-zero exit status -', 'died with <signals.sig', 'with return code -', 'with exit code -', 'exited with code -'],
    normalizeNames: ({ number, ...n }) => ({
      ...n,
      signal: n.signal ?? ({ '4': 'SIGILL', '6': 'SIGABRT', '7': 'SIGBUS', '8': 'SIGFPE', '11': 'SIGSEGV' } as Record<string, string>)[number ?? ''] ?? 'a signal',
    }),
    confidence: 0.82,
    explanation:
      'A native program the app runs was killed by {signal}: the app only reports its negative return code. SIGABRT from a Qt-based converter (wkhtmltopdf, wkhtmltoimage) usually means a build that needs an X display; other signals point at the program or its libraries, not the app.',
    actions: [
      {
        when: /wkhtmlto(?:pdf|image)|QXcbConnection/i,
        text: 'The distribution\'s wkhtmltopdf is built on an unpatched Qt that needs an X display ("QXcbConnection: Could not connect to display"): install the wkhtmltox release build from the project (patched Qt, no display needed) or run it under xvfb-run; rebuild and deploy.',
      },
      {
        // Python's multiprocessing and the workers it shares memory with map /dev/shm: a full one ends in SIGBUS.
        when: /(?:code|status) -7\b|SIGBUS/,
        text: 'SIGBUS (-7) in a Python child usually means shared memory (/dev/shm) ran out under multiprocessing: give the container more memory, run fewer worker processes at once, or move the work out of process; the console lines before it show which work was running.',
      },
      'Read what the child printed just before it died (after "error:"): it names the failing library or input; run the same command in the image to reproduce it.',
    ],
  },
  {
    id: 'console.cpu.instruction-set-missing',
    category: 'crash-signal',
    title: 'the program needs CPU instructions{ feature} the node does not have (SIGILL)',
    // A binary built for newer CPU features than the node's: Bun's "CPU lacks AVX support" before its
    // "panic: Illegal instruction at address", MongoDB 5+'s "requires a CPU with AVX support", TensorFlow's
    // "compiled to use AVX instructions, but these aren't available on your machine", glibc's (RHEL 9 based
    // images) "CPU does not support x86-64-v2". TensorFlow's notice that AVX *could* be used is not one.
    pattern:
      /\bCPU lacks (?<feature>AVX2?|AVX-?512\w{0,4}) support\b|\brequires a CPU with (?<feature_2>AVX2?|AVX-?512\w{0,4}) support\b|\bwas compiled to use (?<feature_3>AVX2?|AVX-?512\w{0,4}|SSE4\.[12]|FMA) instructions, but these aren.t available\b|\bCPU does not support (?<feature_4>x86-64-v[234])\b|^panic(?:\([\w .-]{0,40}\))?: Illegal instruction at address\b/,
    keywords: ['cpu lacks', 'requires a cpu with', 'compiled to use', 'cpu does not support', 'illegal instruction at address'],
    normalizeNames: (n) => ({ ...n, signal: 'SIGILL' }),
    confidence: 0.9,
    explanation:
      'The program uses CPU instructions ({feature|such as AVX}) that the processor of the node running this replica does not offer, so it stops with an illegal instruction (SIGILL, exit code 132) as soon as it reaches them. It is the build, not the app\'s code: the same image runs on a node whose CPU has them, which is why a replica placed elsewhere can run.',
    // Bun's own report can list AVX among the CPU's features (stages/crashModule.ts: bunCpu): then no
    // instruction is missing, and Bun's release is what to change (docs/steps-review-v22-fresh.md, 73).
    actions: [
      ...BUN_CRASH_STEPS.map((a) => (typeof a === 'string' ? a : { ...a, needs: [...(a.needs ?? []), 'bunCpu'] })),
      {
        decisive: true,
        absent: ['bunCpu'],
        text: 'Use a build of the program made for baseline x86-64 CPUs (Bun\'s baseline build, MongoDB 4.4 or a build without AVX, a TensorFlow wheel built without AVX, a base image on an older glibc than RHEL 9\'s x86-64-v2), or pin the last image tag that ran; when it already is the baseline build (Bun prints "(baseline)"), that release has the bug: pin the previous version and report it to the project.',
      },
      { absent: ['bunCpu'], text: 'If it recurs on new replicas, open a support request with the replica name and time: the environment\'s nodes are expected to offer AVX.' },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.shutdown.sigterm',
    category: 'scale-in',
    title: 'the app was asked to stop (SIGTERM)',
    // Servers' own words too: RabbitMQ's "RabbitMQ is asked to stop..." and its message stores flushing
    // ("Stopping message store for directory"), PostgreSQL's postmaster ("received fast shutdown request"),
    // nginx's "signal 15 (SIGTERM) received from 1, exiting" and "gracefully shutting down" (v26 review, 61).
    pattern:
      /Received SIGTERM|SIGTERM received|[Gg]ot SIGTERM|[Cc]aught SIGTERM|Handling signal: term|[Gg]racefully (?:stopping|shutting down)|Shutting down(?: gracefully|\.\.\.| server)?|Application is shutting down|Stopping (?:server|workers?)\b|\bRabbitMQ is asked to stop\b|\bStopping message store for directory\b|\breceived (?:smart|fast) shutdown request\b|\bsignal 15 \(SIGTERM\) received\b/,
    keywords: ['sigterm', 'signal: term', 'gracefully', 'shutting down', 'stopping', 'asked to stop', 'shutdown request'],
    confidence: 0.3,
    benign: true,
    signal: 'shutdown',
    explanation: 'The app logged that it received a stop request and began shutting down; the platform sends SIGTERM on scale-in and revision switches.',
    actions: ['No action needed when this follows a scale-in or revision switch.'],
  },
]);
