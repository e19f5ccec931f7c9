import type { Category } from '../../model';

/**
 * Vocabulary families: the words each kind of failure tends to be told in, whatever the library or
 * runtime. They are the generalising tier: scored over a replica's last lines when no specific rule
 * fires, and used to break near-ties between specific findings. Terms are lower-case and matched
 * case-insensitively at word edges; weights say how strongly a term points at its category (a term
 * that several categories share is weighted low everywhere).
 */
export type VocabularyFamily = readonly (readonly [term: string, weight: number])[];

export const VOCABULARY: Partial<Record<Category, VocabularyFamily>> = {
  'missing-configuration': [
    ['unable to locate credentials', 4], ['no credentials', 3], ['in any config source', 4], ['could not resolve placeholder', 4],
    ["property doesn't exist", 3], ['key not found', 2], ['notpresent', 3], ['was not provided', 2], ['cannot be null', 2.5],
    ['not defined', 2], ['must be provided', 3], ['must not be empty', 3], ['cannot be empty', 3], ['not specified', 2.5],
    ['misconfigured', 2.5], ['invalid configuration', 2.5], ['configuration error', 2], ['no connection string', 3],
    ['required but', 2.5], ['missing the', 1],
    ['not set', 3], ['is not set', 1], ['must be set', 3], ['is required', 2], ['required setting', 3],
    ['environment variable', 3], ['env var', 2.5], ['missing required', 3], ['not configured', 3],
    ['not provided', 2], ['unset', 2], ['no value', 1.5], ['missing', 1], ['configuration', 1],
    ['config', 0.5], ['setting', 1], ['connection string', 1.5], ['invalid value', 2], ['could not parse', 2],
    ['failed to parse', 1.5], ['validation error', 2], ['not a valid', 1.5], ['parseinterror', 2], ['undefined', 0.5],
    // A configuration file that is absent or does not parse stops the app before it does anything else.
    ['config file', 2.5], ['configuration file', 2.5], ['is not optional', 3], ['mapping values are not allowed', 3],
    // A model split across more GPUs than its shapes divide into (text-generation-inference, vLLM).
    ['num_shards', 3], ['tensor parallel size', 3],
    ['error converting yaml', 3], ['cannot unmarshal', 2], ['invalid config', 3], ['unknown field', 2], ['parse error', 1.5],
    ['blank or malformed', 4], ['malformed', 2], ['unknown directive', 3],
    // The client was not told to use TLS, a password or a PEM it needs: settings, not the server's fault.
    ['insecure transport', 4], ['require_secure_transport', 4], ['no password supplied', 5], ['please set', 3],
    ['failed to find any pem data', 4], ['tls config', 1.5],
    // A named resource the setting points at is not there (a container, a deployment, a profile).
    ['containernotfound', 4], ['deploymentnotfound', 4], ['does not exist', 1.5], ['could not find profile', 4],
    ['must have a value', 4], ['please define', 3], ['missingsecret', 4],
    ['initialization string', 4], ['does not conform to specification', 3],
    ['error initializing config', 4], ['unable to parse json', 3], ['field not found', 3],
  ],
  'dependency-unreachable': [
    ['nxdomain', 4], ['no such host', 4], ['unknown host', 4], ['connect timeout', 3], ['socket timeout', 2], ['could not resolve host', 4], ['etimedout', 3], ['ehostunreach', 4], ['econnreset', 2],
    ['i/o timeout', 3], ['deadline exceeded', 2], ['connection attempt failed', 3], ['failed to establish', 3],
    ['no servers available', 3], ['available brokers', 4], ['not reachable', 3], ['host not found', 3], ['firewall', 2],
    ['connection refused', 4], ['econnrefused', 4], ['could not connect', 3], ['unable to connect', 3],
    ['failed to connect', 3], ['cannot connect', 3], ['no route to host', 4], ['name or service not known', 4],
    ['enotfound', 4], ['getaddrinfo', 3], ['temporary failure in name resolution', 4], ['unreachable', 3],
    ['connection reset', 2], ['connection timed out', 3], ['timed out', 1.5], ['timeout', 1], ['dns', 1.5],
    ['host', 0.5], ['connect', 1], ['network', 1], ['socket', 0.5], ['server selection', 2], ['broker', 1],
    ['upstream', 1], ['service unavailable', 2], ['503', 1],
    // Pools and clients that gave up reaching their server say so in their own words.
    ['pool timed out', 3], ['no resolvable', 3], ['trying to reconnect', 3], ['reconnect', 1],
    ['error connecting', 3], ['connection error', 1.5], ['unable to connect', 3], ['unabletoconnect', 4],
    ['rejected by firewall', 4], ['firewall checks', 3], ['firewall settings', 3], ['produced zero addresses', 4],
    // The server is up but has no room for another connection.
    ['too many clients', 4], ['connection slots', 4], ['too many connections', 4],
    ["couldn't connect", 3], ["can't connect", 3], ['cannot reach', 3], ["can't reach", 3], ["couldn't reach", 3],
    ['could not reach', 3], ['request timed out', 3], ['amqpconnectionerror', 4],
    // A service that refuses the network path, not the identity: public access off, no private link.
    ['not an approved private link', 5], ['publicnetworkaccess', 4], ['forbiddenbyconnection', 5],
    ['last resolver error', 3],
    // glibc's EAI_NODATA: the name exists nowhere the resolver can see (a custom DNS that does not forward it).
    ['no address associated with hostname', 4],
    // Azure SDK clients' words for a service they hold no connection to (Redis, Cosmos DB, AMQP brokers).
    ['no connection is available to service', 4], ['unable to establish connections', 4], ['service is currently unavailable', 3],
    ['serviceunavailable', 2.5], ['timeout on blocking read', 2],
  ],
  'authentication-failure': [
    ['access denied', 2.5], ['authentication', 2], ['wrongpass', 4], ['noauth', 4], ['invalid password', 4], ['authentication required', 3],
    ['authorizationfailed', 4], ['authorizationpermissionmismatch', 4], ['invalid api key', 4], ['invalid token', 3],
    ['token is expired', 3], ['client secret', 2], ['managed identity', 2], ['identity not found', 3], ['not assigned', 1.5],
    ['permission to perform', 2],
    ['unauthorized', 3], ['authentication failed', 4], ['login failed', 4], ['access denied for user', 4],
    ['invalid credentials', 4], ['password authentication failed', 5], ['bad credentials', 4],
    ['not authorized', 3], ['forbidden', 2.5], ['401', 1.5], ['403', 1.5], ['credential', 2], ['token', 1],
    ['aadsts', 4], ['invalid_client', 3], ['invalid_grant', 3], ['sasl', 2], ['auth', 1], ['expired', 1],
    ['signature', 1],
    ['invalid login', 4], ['authentication unsuccessful', 4], ['incorrect api key', 5], ["status code 'forbidden'", 4],
    ["status code 'unauthorized'", 4], ['authenticationerror', 3], ['authentication failure', 4],
    ['failed to connect to msi', 6], ['retrieving a token', 2], ['access_refused', 4], ['access refused', 3],
    ['sender identity', 2], ['permission on key vault', 4], ['does not have permission', 3],
  ],
  'application-error': [
    ['unhandled', 2], ['uncaught', 2], ['exception', 1.5], ['traceback', 2], ['panic', 2], ['fatal', 1],
    ['stack trace', 1], ['nullpointerexception', 3], ['null reference', 3], ['typeerror', 2.5],
    ['cannot read propert', 3], ['is not a function', 3], ['index out of range', 3], ['assertion', 1.5],
    ['error', 0.5], ['failed', 0.3],
    // Migrations the schema has not run, or that failed: the app's own data, not its settings.
    ['migrations are pending', 4], ['pendingmigrationerror', 4], ['pending migration', 3],
  ],
  'missing-module': [
    ['could not import', 3], ['unable to load', 1.5], ['symbol not found', 3], ['undefined symbol', 3],
    ['framework not found', 4], ['compatible framework', 4], ['unsupportedclassversionerror', 4],
    ['no module named', 5], ['cannot find module', 5], ['module not found', 4], ['modulenotfounderror', 5],
    ['classnotfoundexception', 4], ['noclassdeffounderror', 4], ['could not load file or assembly', 4],
    ['cannot load such file', 4], ['importerror', 3], ['cannot open shared object', 4], ['library not loaded', 3],
    ['package not found', 3], ['not installed', 2], ['dependency', 0.5],
    // A package the code needs asks to be installed, or a native addon was built for another platform.
    ['please install', 3], ['package manually', 3], ['invalid elf header', 4], ['wrong elf class', 4],
    ['install missing gem', 5], ['error while loading shared libraries', 5], ['loadlibrary failed', 4],
    ['invalid or not found', 3], ['class uri', 2],
  ],
  'entrypoint-error': [
    ['can only run as pid 1', 4], ['not executable', 3], ['could not find or load main class', 4], ['unable to access jarfile', 4],
    ['unbound variable', 2.5], ['missing argument', 2.5], ['no such file', 1],
    ['exec format error', 5], ['executable file not found', 5], ['command not found', 4], ['not found in $path', 4],
    ['oci runtime', 3], ['starting container process', 3], ['entrypoint', 2], ['usage:', 2], ['unknown command', 3],
    ['unknown flag', 3], ['flag provided but not defined', 4], ['exec user process caused', 4],
    ['you intended to execute a .net program', 5], ['specified command or file was not found', 4], ['unrecognized arguments', 3], ['unknown option', 3], ['invalid option', 2],
    ['no such file or directory', 1.5], ['bad interpreter', 4],
  ],
  'permission-denied': [
    ['access is denied', 3], ['not writable', 3], ['read-only', 3], ['cannot create directory', 2], ['must be owned', 2],
    ['permission denied', 4], ['eacces', 4], ['operation not permitted', 4], ['eperm', 3], ['read-only file system', 4],
    ['access to the path', 3], ['is denied', 1.5], ['not permitted', 2], ['unauthorizedaccessexception', 4],
    ['insufficient permissions', 3], ['chmod', 1], ['non-root', 1],
    // Azure SDK refusals by their own codes: the AMQP condition, MSAL's managed-identity codes, CBS put-token.
    ['unauthorized-access', 4], ['managed_identity_request_failed', 4], ['put token failed', 4], ['not allowed by vault policy', 4],
  ],
  'out-of-memory': [
    ['bad_alloc', 4], ['enomem', 4], ['allowed memory size', 5], ['javascript heap', 5], ['memory exhausted', 5],
    ['at least', 0.5],
    ['out of memory', 5], ['outofmemory', 5], ['oom', 3], ['oom-killer', 5], ['oomkilled', 5], ['memory', 1.5],
    ['heap', 2], ['cannot allocate', 4], ['memoryerror', 5], ['killed process', 3], ['gc overhead', 4],
    ['allocation failed', 3], ['malloc', 2], ['memory limit', 3], ['java heap space', 5], ['process out of memory', 5],
    // Netty's off-heap buffer accounting (reactor-netty under the Azure SDKs and WebFlux).
    ['outofdirectmemoryerror', 5], ['of direct memory', 4],
    // A JVM memory calculator that cannot fit its regions into the container's memory.
    ['available for allocation', 4], ['required memory', 3],
    // Runtimes' allocators (the Erlang VM's "Cannot allocate N bytes of memory"), a model server's own memory
    // check (Ollama's "more system memory"), and GPU memory (llama.cpp's cudaMalloc, vLLM's KV cache blocks).
    ['bytes of memory', 3], ['more system memory', 4], ['cudamalloc failed', 5], ['cache blocks', 3], ['gpu_memory_utilization', 3],
  ],
  'crash-signal': [
    ['fatal error has been detected', 5], ['sigill', 4], ['sigbus', 4], ['sigfpe', 4],
    ['segmentation fault', 5], ['sigsegv', 5], ['core dumped', 4], ['sigabrt', 4], ['aborted', 2],
    ['illegal instruction', 4], ['bus error', 4], ['fatal signal', 4], ['signal 11', 4], ['signal 6', 3],
    ['stack smashing', 4], ['double free', 4],
    // A binary built for CPU features the node lacks stops on an illegal instruction.
    ['lacks avx', 5], ['avx support', 4], ['x86-64-v2', 4],
  ],
  'port-misconfiguration': [
    ['address in use', 5], ['port already', 4], ['only one usage of each socket address', 5],
    ['address already in use', 5], ['eaddrinuse', 5], ['already bound', 4], ['failed to bind', 4],
    ['port is already', 4], ['bind', 1.5], ['port', 1], ['listen', 1],
  ],
  'probe-failure': [
    ['health check', 2], ['healthz', 1.5], ['probe', 2], ['readiness', 2], ['liveness', 2], ['unhealthy', 2],
  ],
  'image-pull-failure': [
    ['manifest unknown', 5], ['errimagepull', 5], ['imagepullbackoff', 5], ['pull access denied', 5],
    ['failed to pull', 4], ['registry', 1.5], ['image', 1], ['pull', 1],
  ],
  'storage-failure': [
    ['insufficient free space', 5], ['no space', 3], ['evicted', 3], ['disk pressure', 4], ['data directory', 1.5],
    ['no space left', 5], ['enospc', 5], ['disk full', 4], ['disk quota', 4], ['ephemeral', 3], ['mount', 2],
    ['volume', 1.5], ['file share', 2], ['smb', 2], ['nfs', 2], ['disk', 1.5], ['storage', 1],
  ],
  'quota-exceeded': [
    ['quota', 2], ['exceeded', 1], ['limit reached', 2], ['capacity', 1.5], ['throttl', 1],
    // A service's rate limit or tier the app ran into.
    ['rate limit', 3], ['ratelimiterror', 4], ['too many requests', 3], ['request rate is large', 4], ['429', 1.5],
  ],
};

/** The categories that have a family, in a fixed order (ties between families break on it). */
export const VOCABULARY_CATEGORIES = Object.keys(VOCABULARY) as Category[];
