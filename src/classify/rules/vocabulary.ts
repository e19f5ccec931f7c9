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
    ['not set', 3], ['is not set', 1], ['must be set', 3], ['is required', 2], ['required setting', 3],
    ['environment variable', 3], ['env var', 2.5], ['missing required', 3], ['not configured', 3],
    ['not provided', 2], ['unset', 2], ['no value', 1.5], ['missing', 1], ['configuration', 1],
    ['config', 0.5], ['setting', 1], ['connection string', 1.5], ['invalid value', 2], ['could not parse', 2],
    ['failed to parse', 1.5], ['validation error', 2], ['not a valid', 1.5], ['parseinterror', 2], ['undefined', 0.5],
  ],
  'dependency-unreachable': [
    ['connection refused', 4], ['econnrefused', 4], ['could not connect', 3], ['unable to connect', 3],
    ['failed to connect', 3], ['cannot connect', 3], ['no route to host', 4], ['name or service not known', 4],
    ['enotfound', 4], ['getaddrinfo', 3], ['temporary failure in name resolution', 4], ['unreachable', 3],
    ['connection reset', 2], ['connection timed out', 3], ['timed out', 1.5], ['timeout', 1], ['dns', 1.5],
    ['host', 0.5], ['connect', 1], ['network', 1], ['socket', 0.5], ['server selection', 2], ['broker', 1],
    ['upstream', 1], ['service unavailable', 2], ['503', 1],
  ],
  'authentication-failure': [
    ['unauthorized', 3], ['authentication failed', 4], ['login failed', 4], ['access denied for user', 4],
    ['invalid credentials', 4], ['password authentication failed', 5], ['bad credentials', 4],
    ['not authorized', 3], ['forbidden', 2.5], ['401', 1.5], ['403', 1.5], ['credential', 2], ['token', 1],
    ['aadsts', 4], ['invalid_client', 3], ['invalid_grant', 3], ['sasl', 2], ['auth', 1], ['expired', 1],
    ['signature', 1],
  ],
  'application-error': [
    ['unhandled', 2], ['uncaught', 2], ['exception', 1.5], ['traceback', 2], ['panic', 2], ['fatal', 1],
    ['stack trace', 1], ['nullpointerexception', 3], ['null reference', 3], ['typeerror', 2.5],
    ['cannot read propert', 3], ['is not a function', 3], ['index out of range', 3], ['assertion', 1.5],
    ['error', 0.5], ['failed', 0.3],
  ],
  'missing-module': [
    ['no module named', 5], ['cannot find module', 5], ['module not found', 4], ['modulenotfounderror', 5],
    ['classnotfoundexception', 4], ['noclassdeffounderror', 4], ['could not load file or assembly', 4],
    ['cannot load such file', 4], ['importerror', 3], ['cannot open shared object', 4], ['library not loaded', 3],
    ['package not found', 3], ['not installed', 2], ['dependency', 0.5],
  ],
  'entrypoint-error': [
    ['exec format error', 5], ['executable file not found', 5], ['command not found', 4], ['not found in $path', 4],
    ['oci runtime', 3], ['starting container process', 3], ['entrypoint', 2], ['usage:', 2], ['unknown command', 3],
    ['unknown flag', 3], ['unrecognized arguments', 3], ['unknown option', 3], ['invalid option', 2],
    ['no such file or directory', 1.5], ['bad interpreter', 4],
  ],
  'permission-denied': [
    ['permission denied', 4], ['eacces', 4], ['operation not permitted', 4], ['eperm', 3], ['read-only file system', 4],
    ['access to the path', 3], ['is denied', 1.5], ['not permitted', 2], ['unauthorizedaccessexception', 4],
    ['insufficient permissions', 3], ['chmod', 1], ['non-root', 1],
  ],
  'out-of-memory': [
    ['out of memory', 5], ['outofmemory', 5], ['oom', 3], ['oom-killer', 5], ['oomkilled', 5], ['memory', 1.5],
    ['heap', 2], ['cannot allocate', 4], ['memoryerror', 5], ['killed process', 3], ['gc overhead', 4],
    ['allocation failed', 3], ['malloc', 2], ['memory limit', 3],
  ],
  'crash-signal': [
    ['segmentation fault', 5], ['sigsegv', 5], ['core dumped', 4], ['sigabrt', 4], ['aborted', 2],
    ['illegal instruction', 4], ['bus error', 4], ['fatal signal', 4], ['signal 11', 4], ['signal 6', 3],
    ['stack smashing', 4], ['double free', 4],
  ],
  'port-misconfiguration': [
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
    ['no space left', 5], ['enospc', 5], ['disk full', 4], ['disk quota', 4], ['ephemeral', 3], ['mount', 2],
    ['volume', 1.5], ['file share', 2], ['smb', 2], ['nfs', 2], ['disk', 1.5], ['storage', 1],
  ],
  'quota-exceeded': [['quota', 2], ['exceeded', 1], ['limit reached', 2], ['capacity', 1.5], ['throttl', 1]],
};

/** The categories that have a family, in a fixed order (ties between families break on it). */
export const VOCABULARY_CATEGORIES = Object.keys(VOCABULARY) as Category[];
