import type { AppConfig, Category, EnvVarSpec } from '../../model';
import { commandWords, containersOf, envOf, mainContainer, removedVariable, removedVariables, secretNames } from './configChecks';
import type { TimedLine } from '../stackTraces';
import { linesAround, type Draft } from './draft';
import { CLIENT_ID_VAR } from '../steps/configNames';
import { DERIVED_RULES } from '../rules/configRules';
import { trimChars } from '../trim';

/**
 * Stage 5b, naming: the concrete things a finding's own lines mention, whatever library printed them.
 *
 * Rules capture names where their pattern knows the shape (a variable in `KeyError: 'X'`). Many lines
 * name a host, a status, an exception or a file in a shape no rule was written for: a Key Vault 403
 * that also names the vault and the secret, a Go panic that names `/app/main.go:69`. On-call needs those
 * names whichever rule fired, so this stage reads the finding's own evidence lines with a few
 * library-agnostic shapes and fills in the names the rule left empty. It never overwrites a rule's name.
 *
 * Every shape is checked token by token (the line split at spaces and quotes) with anchored patterns,
 * so the cost is linear in the line's length whatever it holds.
 */

/** Only so much of each line is read: names sit near the start of an error line. */
const MAX_LINE = 2000;

/** Top-level domains a host name ends with (a Java package like `com.mysql.cj.jdbc` does not). */
const HOST_TLD = /^(?:net|com|org|io|dev|cloud|local|internal|svc|co|uk|de|fr|nl|ai|app|us|eu|cn|in|jp|au)$/;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Words that come before a colon and a number in log lines without being hosts. */
const NOT_HOSTS = /^(?:line|port|ports|pid|code|status|tcp|udp|http|https|error|exit|signal|at|in|on|to|from|time|timeout|attempt|retry|step|row|col|column|offset)$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const EXCEPTION = /(?:^|[^A-Za-z0-9])([A-Z][A-Za-z0-9]{1,80}(?:Exception|Error))$/;
const CREDENTIAL = /^([A-Z][A-Za-z]{2,40}Credential)$/;
/** Credentials a chain (DefaultAzureCredential) tries before or beside the managed identity. */
const CHAIN_PROBES = /^(?:Environment|WorkloadIdentity|AzureCli|AzurePowerShell|AzureDeveloperCli|SharedTokenCache|VisualStudio|VisualStudioCode|IntelliJ|InteractiveBrowser|ChainedToken|DefaultAzure)Credential$/;
const SOURCE_FILE = /^((?:[\w.@~-]*\/)*[\w.@-]+\.(?:py|js|mjs|cjs|ts|go|rb|java|kt|scala|cs|rs|php|exs?|sh))(?::(?:line\s)?(\d+)(?::\d+)?)?$/;
/** Frames of the runtime or a dependency: the app's own file is the one on-call opens. */
const LIBRARY_PATH = /node_modules|site-packages|dist-packages|\/usr\/(?:local\/)?lib\/|\/go\/src\/|\/pkg\/mod\/|\/rustc\/|\/gems\/|\/vendor\/|^internal\/|^node:|^\w{1,30}_linux\.go\b/;
/** Registry and storage error codes in capitals (`UNAUTHORIZED: authentication required`). */
const CODE_WORD_STATUS = /^(UNAUTHORIZED|FORBIDDEN|DENIED|NAME_UNKNOWN|MANIFEST_UNKNOWN)$/;
const ERROR_CODE = /(?:ErrorCode|[Ee]rror [Cc]ode|ERROR CODE|"code"|\b[Cc]ode)\W{1,4}([A-Z][a-z]+(?:[A-Z][a-z]+){2,8})\b/;
/**
 * Failures named without an Exception/Error suffix: a driver's error class (`psycopg2.errors.UndefinedTable`),
 * a tool's error code (Prisma's `P3009`), a DI container's refusal (`Nest can't resolve dependencies of the X`).
 */
const NAMED_FAILURE = /\b((?:[a-z_][a-z0-9_]{0,29}\.){1,4}errors\.[A-Z]\w{2,60})|\bError:? (P[1-9]\d{3})\b|(Nest can't resolve dependencies of the \w{1,80})/;
/** A status in a line's own words: `403 Forbidden`, `Unauthorized (401)`, `status: 503`, `(404)`. */
const STATUS_SHAPES: RegExp[] = [
  /\b([45]\d\d)[:\s]{1,3}(Unauthorized|Forbidden|Not Found|Bad Request|Conflict|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)\b/i,
  /\b(Unauthorized|Forbidden|Not Found|Service Unavailable|Bad Gateway|Too Many Requests)\s?\(([45]\d\d)\)/i,
  /\b(?:status(?:\s?code)?|statuscode|http\/\d(?:\.\d)?|returned|response)\W{0,3}([45]\d\d)\b/i,
  /\(([45]\d\d)\)/,
];
/** Hosts of documentation links a message points to: never the thing that failed. */
const DOC_HOSTS = /(?:^|\.)(?:learn\.microsoft\.com|docs\.microsoft\.com|go\.microsoft\.com|aka\.ms|github\.com|stackoverflow\.com|postgresql\.org|dev\.mysql\.com)$|^docs\.[\w-]{1,60}\.[a-z]{2,6}$/;
/** A setting in capitals a missing-configuration line names (`The SECRET_KEY setting must not be empty`). */
const UPPER_SETTING = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
/** Upper-case status and error codes that look like variables: gRPC status names, Node's ERR_* codes, protobuf types. */
export const STATUS_WORD =
  /^(?:INVALID_ARGUMENT|NOT_FOUND|ALREADY_EXISTS|PERMISSION_DENIED|RESOURCE_EXHAUSTED|FAILED_PRECONDITION|DEADLINE_EXCEEDED|OUT_OF_RANGE|DATA_LOSS|MODULE_NOT_FOUND|ERR_[A-Z0-9_]{1,60}|TYPE_[A-Z0-9_]{1,40})$/;
const AAD_CODE = /\b(AADSTS\d{5,7})\b/;
/** A Key Vault secret by its URL or resource id (`kv.vault.azure.net/secrets/x`, `.../vaults/kv/secrets/x`). */
const KEY_VAULT_SECRET = /(?:\.vault\.azure\.net|\/vaults\/[\w-]{1,60})\/secrets\/([A-Za-z0-9-]{1,127})/i;
/**
 * A Key Vault secret named in quotes on a line about Key Vault: secret-sync tools print `for secret
 * 'namespace'/'name'` or `Failed to get secret for 'name' from Azure Key Vault 'vault'`.
 */
const KEY_VAULT_SECRET_QUOTED = /\bsecret (?:for )?'(?:[\w.-]{1,253}'\/')?([A-Za-z0-9-]{1,127})'/i;
const KEY_VAULT_WORDS = /\bkey ?vault\b/i;
const SPRING_BEAN = /\bError creating bean with name '([\w.$#-]{1,200})'/;
/** MongoDB's name for a server error (`codeName: 'AuthenticationFailed'`, `"codeName":"Unauthorized"`): the driver's class (MongoError, MongoServerError) only says the server answered with one. */
const SERVER_CODE_NAME = /\bcodeName['"]?:\s{0,3}['"]([A-Z][A-Za-z]{2,60})['"]/;
/** A Go (or other) structured logger's caller field (`"caller":"all-in-one/main.go:105"`): where the log call sits. */
const CALLER_FIELD = /"caller":\s?"([\w.@\/-]{1,200}\.(?:go|py|js|ts|java|rs|rb):\d{1,6})"/;
/** An absolute path quoted in an error message, escaped inside a JSON string too (`\"/badger/data/000000.vlog\"`). */
const QUOTED_PATH = /(?:\\"|["'])(\/[\w.@+\/-]{1,300})(?:\\"|["'])/;

function tokens(line: string): string[] {
  return line.match(/[^\s"'`()[\]{}<>,;|]+/g) ?? [];
}

/** Drops trailing dots and colons (a sentence's end, a `host:` label). */
function trimTrailing(s: string): string {
  return trimChars(s, '', '.:');
}

/** `host`, `host:port`, `scheme://host:port/path`, `ip:port` → host and port. */
function hostOf(token: string): { host: string; port?: string } | undefined {
  const noScheme = token.replace(/^[a-z][a-z0-9+.-]{0,20}:\/\//i, '');
  const pathAt = noScheme.search(/[/?#]/);
  const authority = trimTrailing(pathAt >= 0 ? noScheme.slice(0, pathAt) : noScheme);
  const bare = authority.slice(authority.indexOf('@') + 1);
  const colon = bare.lastIndexOf(':');
  const host = colon > 0 ? bare.slice(0, colon) : bare;
  const port = colon > 0 ? bare.slice(colon + 1) : undefined;
  if (port !== undefined && !/^\d{2,5}$/.test(port)) return undefined;
  const ip = IPV4.exec(host);
  if (ip) return ip.slice(1).every((o) => Number(o) <= 255) && host !== '0.0.0.0' ? { host, port } : undefined;
  const labels = host.split('.');
  if (labels.some((l) => !HOST_LABEL.test(l))) return undefined;
  // A bare service name with a port (`rabbitmq-orders:5672`, `redis:6379`) is how containers name peers.
  if (labels.length === 1) return port !== undefined && /[a-z]/.test(host) && !NOT_HOSTS.test(host) ? { host, port } : undefined;
  // Two labels (`redis.local`) only with a port or a known TLD; three or more need a TLD.
  if (!HOST_TLD.test(labels[labels.length - 1] ?? '')) return undefined;
  // A URL's host is a host whatever its length (`https://huggingface.co`); a bare `word.co` may be prose.
  const url = noScheme !== token;
  if (labels.length === 2 && port === undefined && !url && !/^(?:local|internal|svc)$/.test(labels[1] ?? '')) return undefined;
  return { host, port };
}

/**
 * A log prefix's source column (`ERROR | r2d2:116 | ...`, a crate or file and a line number) has the
 * shape of `service:port` and is never the dependency: a bare name with a number between `|` separators.
 */
function logColumn(line: string, token: string): boolean {
  if (!/^[a-z][\w-]{0,62}:\d{1,5}$/i.test(token)) return false;
  const at = line.indexOf(token);
  const before = line.slice(Math.max(0, at - 4), at);
  const after = line.slice(at + token.length, at + token.length + 40);
  return /\|\s{0,3}$/.test(before) && /^\s{0,30}\|/.test(after);
}

/** `host=db`: a bare service name is a host when a key says so, even without a port. */
function keyedHost(token: string): { host: string; port?: string } | undefined {
  const m = /^(?:host|hostname|server)=([a-z][a-z0-9-]{0,62})$/i.exec(token);
  return m?.[1] && !NOT_HOSTS.test(m[1]) ? { host: m[1] } : undefined;
}

function statusOf(line: string): string | undefined {
  for (const shape of STATUS_SHAPES) {
    const m = shape.exec(line);
    if (!m) continue;
    const code = /^\d+$/.test(m[1] ?? '') ? m[1] : m[2];
    const phrase = /^\d+$/.test(m[1] ?? '') ? m[2] : m[1];
    return phrase ? `${code} ${phrase}` : code;
  }
  return undefined;
}

interface Found {
  host?: string;
  /** The address a dependency's name resolved to, as the client printed it (`host "db" (10.40.2.4)`, `connect to 10.40.2.4:5432`). */
  resolved?: string;
  port?: string;
  status?: string;
  exception?: string;
  credential?: string;
  file?: string;
  code?: string;
  secret?: string;
  /** The Spring bean whose creation stopped the application context. */
  bean?: string;
  envVar?: string;
  command?: string;
  setting?: string;
  /** A status on a line that reports an error and is not an access log. */
  errorStatus?: string;
  /** The account a refusal names. */
  user?: string;
  /** A runtime framework or package the line says is missing (`Framework: 'Microsoft.AspNetCore.App'`). */
  module?: string;
  /** An absolute path an error line names (`No space left on device: '/tmp/x'`), source file or not. */
  path?: string;
  /** A signal or a memory failure in the words the process printed (`Segmentation fault`, `signal 11`). */
  printed?: string;
  /** The kernel's code for how a signal arose, as a crash handler prints it (`signal 11 SEGV_MAPERR`). */
  signalCode?: string;
  /** The user the process ran as, where `id` printed it beside the failure: `uid=1000(docker)`. */
  runAs?: string;
  /** The binary the kernel could not run (`/usr/local/bin/x: exec format error`). */
  formatError?: string;
  /** A backtrace frame's shared library other than the C runtime's (`/opt/.../libtriton_x.so(+0x371da)`). */
  crashLibrary?: string;
  /** The server's own name for an error, beside the client's generic class (MongoDB's `codeName: 'AuthenticationFailed'`). */
  codeName?: string;
}

/** A .NET frame splits its file from its line (`in /app/Startup.cs:line 22`): join them back. */
function dotnetFrame(word: string, next: string | undefined): string | undefined {
  return /\.cs:line$/.test(word) && next !== undefined && /^\d{1,6}$/.test(next) ? `${word} ${next}` : undefined;
}

const ERROR_LINE = /\b(?:denied|forbidden|unauthori[sz]ed|not authorized|error|exception|failed)\b/i;
/** An error line's path: absolute (or under the home directory, `~/.cache/...`), not a URL's path, not a runtime's or a library's own file. */
const ABSOLUTE_PATH = /^~?\/(?:[\w.@+-]{1,255}\/){0,30}[\w.@+-]{1,255}\/?$/;
const PATH_ERROR_LINE = /\b(?:denied|not permitted|read-only|no space|not found|no such file|cannot|can't|unable|failed|error)\b/i;
/** The relative file a Python OSError names after its errno and message (an absolute one is read as a token). */
/** A shell's own error line: the script, then the line number (`/app/run.sh: line 12: ...`). */
const SHELL_SCRIPT_PREFIX = /^([^\s:]{1,300}): line \d{1,6}: /;
const ERRNO_RELATIVE_PATH = /\[Errno \d{1,3}\] [A-Z][a-z-]{1,20}(?: [a-z-]{1,20}){0,5}: '([\w.@+-][\w.@+/-]{0,254})'/;
/** A framework the .NET host could not find, or a package a tool asks to have installed. */
const MISSING_PACKAGE = /\b[Ff]ramework:?\s{1,3}'([\w.]{1,100})'|\b[Pp]lease install ([@\w./-]{1,100}) package\b|error while loading shared libraries: ([\w.+-]{1,100}\.so[\w.]{0,20})/;
/** What processes print when a signal or the memory ran out; on-call searches the logs for these words. */
const PRINTED_FAILURE =
  /\b(Segmentation fault|signal (?:11|6|4|7|9)\b|Illegal instruction|Bus error|JavaScript heap out of memory|Java heap space|GC overhead limit exceeded|Metaspace|Killed process \d{1,9}|code 1(?:39|35|32|36|34)\b)/i;
/**
 * The si_code a crash handler prints beside the signal (Chromium's "Received signal 11 SEGV_MAPERR", glibc's
 * and Go's fault reports): which fault it was (an unmapped address, a misaligned one, a division by zero).
 */
const SIGNAL_CODE = /\b((SEGV|BUS|ILL|FPE)_(?:MAPERR|ACCERR|BNDERR|PKUERR|ADRALN|ADRERR|OBJERR|ILLOPC|ILLOPN|ILLADR|ILLTRP|PRVOPC|PRVREG|COPROC|BADSTK|INTDIV|INTOVF|FLTDIV|FLTOVF|FLTUND|FLTRES|FLTINV|FLTSUB))\b/;

/**
 * Exceptions named without an Exception/Error suffix on their last word: Elixir's raised struct as it prints
 * it (`** (Postgrex.Error)`, `** (DBConnection.ConnectionError)`) and Ruby's errno classes (`Errno::ENOMEM`).
 */
const ELIXIR_RAISED = /\*\* \(([A-Z]\w{0,60}(?:\.[A-Z]\w{0,60}){0,6})\)/;
const RUBY_ERRNO = /\b(Errno::E[A-Z0-9]{2,20})\b/;
/** A Ruby error class that heads its own line (`PG::UndefinedColumn: ERROR: ...`, `ActiveRecord::NoDatabaseError: ...`). */
const RUBY_RAISED_LINE = /^([A-Z][A-Za-z0-9]{0,40}(?:::[A-Z][A-Za-z0-9]{0,60}){1,4}): /;
/** `id`'s answer, printed by an entrypoint or a shell session before the refusal: the user the process ran as. */
/** V8's GC trace line: the heap committed after the collection, in MB, in the brackets. */
/**
 * The app's own words that its memory ran short (dask's `Worker exceeded 95% memory budget`, Python's
 * MemoryError, `Cannot allocate memory`): a silent SIGKILL after one is memory, not ephemeral storage.
 */
const MEMORY_WARNING = /\bmemory budget\b|\bMemoryError\b|\bout of memory\b|\bCannot allocate memory\b|\bheap limit\b/i;
const V8_GC_HEAP = /\bMark-?(?:sweep|Compact)\s{1,8}\d{1,7}(?:\.\d{1,3})?\s{1,8}\((\d{1,7}(?:\.\d{1,3})?)\)/i;
const UID_USER = /\buid=\d{1,10}\(([\w.-]{1,32})\)/;
/** Go's net errors on an open connection: `read tcp <local>-><remote>: ...`, the remote end's host and port. */
const GO_REMOTE = /\b(?:read|write) (?:tcp|udp)[46]? [^\s>]{1,100}->([^\s:]{1,200}):(\d{2,5})\b/;

/** A client's own line naming the account it connects as; `as a`/`as the` are prose, not an account. */
const CONNECTING_AS = /\b[Cc]onnect(?:ing|ed)? to [^\s]{1,200} as (?:user )?['"]?(?!(?:a|an|the|follows)\b)([\w.@$-]{1,64}?)['"]?(?:\.?\s|\.?$)/;

/** Azure SQL's server name as its messages and connection strings print it. */
const SQL_SERVER = /\bCannot open server '([\w.-]{1,128})'|\bServer=(?:tcp:)?([\w.-]{1,200})/i;

/** The address the client dialled: libpq's `host "name" (address)`, or `connect to` / `dial tcp` an address and port. */
const RESOLVED_ADDRESS = /\bhost "[\w.-]{1,200}" \((\d{1,3}(?:\.\d{1,3}){3})\)|\b(?:connect(?:ing)? to|dial tcp|connection to) (\d{1,3}(?:\.\d{1,3}){3}):\d{2,5}\b/;

/**
 * An access log's line starts with the client's address: PHP's built-in server (`10.0.1.167:40000 [500]: GET /up`,
 * `... Accepted`, `... Closing`), the Common Log Format (`10.0.3.10 - - [01/Oct/2026:...]`) and uvicorn
 * (`10.0.0.5:51234 - "GET / HTTP/1.1" 200`). That address and source port are a caller's, never the
 * dependency the app dialled nor a port it listens on.
 */
const ACCESS_LOG_CLIENT = /(?:^|[\s\]])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})? (?:\[\d{3}\]:|Accepted\b|Closing\b|- \S{1,64} \[|- ")/;

/**
 * nginx's error-log fields after a proxied request's failure: `client:` is the caller, `server:` the server
 * block and `host:` the request's Host header, none of them the upstream the line is about.
 */
const NGINX_REQUEST_FIELDS = /, (?:client|server|host|referrer): "?[^\s",]{0,253}"?(?=,|$)/g;

function readLine(line: string, found: Found, envNames: Set<string>, secretNames: Set<string>): void {
  const accessLog = ACCESS_LOG_CLIENT.test(line);
  const ts = tokens(/\bupstream: "/.test(line) ? line.replace(NGINX_REQUEST_FIELDS, '') : line);
  const status = statusOf(line);
  found.status ??= status;
  if (!found.errorStatus && ERROR_LINE.test(line) && !/\bHTTP\/\d/.test(line)) found.errorStatus = status;
  const sql = SQL_SERVER.exec(line);
  if (sql && !found.host) found.host = sql[1] ?? sql[2];
  // libpq's hint names the server and its port on two lines: the name outranks the address it resolved to.
  const libpqHost = /\bserver running on host "([\w.-]{1,200})"/.exec(line)?.[1];
  // It is the driver's own statement of where it dialled, so it also outranks a dotted word an earlier line
  // held (a Python module path such as `faraday.server.app` reads like a host name).
  if (libpqHost) found.host = libpqHost;
  // libpq's name-lookup failure (`could not translate host name "db" to address: ...`) quotes the name it could
  // not resolve, even when the message wraps onto a row of its own; a name without a dot is one too.
  const unresolved = /"([\w.-]{1,253})" to address: /.exec(line)?.[1];
  if (unresolved) found.host = unresolved;
  found.resolved ??= RESOLVED_ADDRESS.exec(line)?.slice(1).find(Boolean);
  found.port ??= /\bTCP\/IP connections on port (\d{2,5})\b/.exec(line)?.[1];
  found.printed ??= PRINTED_FAILURE.exec(line)?.[1];
  found.signalCode ??= SIGNAL_CODE.exec(line)?.[1];
  const pathLine = PATH_ERROR_LINE.test(line);
  // A shell's error names its script first (`/opt/x/bin/run: line 255: /opt/x/conf/x.conf: Permission
  // denied`): the path the error is about is the one after "line N:", not the script.
  const script = pathLine ? SHELL_SCRIPT_PREFIX.exec(line)?.[1] : undefined;
  // Go's read and write errors print `local->remote`: the remote end is the dependency, even when a
  // collector masked its address (`->**.***.***.**:5432` still names the port).
  const remote = GO_REMOTE.exec(line);
  if (remote) {
    const h = hostOf(`${remote[1]}:${remote[2]}`);
    if (h && !found.host) found.host = h.host;
    found.port ??= remote[2];
  }
  // Go's dialler names the address it could not reach, an IPv6 literal in brackets too (`dial tcp [::1]:5432`):
  // the port is the dependency's even when the host is only loopback.
  found.port ??= /\bdial (?:tcp|udp)[46]? (?:\[[\da-fA-F:.]{2,60}\]|[\w.-]{1,253}):(\d{2,5})\b/.exec(line)?.[1];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] ?? '';
    const word = trimTrailing(t);
    const frame = dotnetFrame(word, ts[i + 1]);
    if (frame && !found.file && !LIBRARY_PATH.test(word)) found.file = frame;
    // `host=db.internal` names the host after the key; a name outranks the address it resolved to.
    if (!accessLog && (!found.host || IPV4.test(found.host))) {
      // Only a leading `key=` is cut: a URL's query string (`?timeout=61`) is part of the URL.
      const value = /^[A-Za-z_][\w.-]{0,40}=/.test(t) ? t.slice(t.indexOf('=') + 1) : t;
      const h = hostOf(value) ?? keyedHost(t);
      // A four-part version (`(version 23.3.2.37 (official build))`) has an address's shape and is none.
      const version = IPV4.test(h?.host ?? '') && /^v(?:ersion)?:?$/i.test(ts[i - 1] ?? '');
      if (h && !version && !DOC_HOSTS.test(h.host) && !(found.host && IPV4.test(h.host)) && !logColumn(line, t)) {
        found.host = h.host;
        if (h.port && (!found.port || !IPV4.test(h.host))) found.port = h.port;
      }
    }
    if (pathLine && !found.path && word !== script && ABSOLUTE_PATH.test(word) && !LIBRARY_PATH.test(word) && word.length > 1) found.path = word;
    found.status ??= CODE_WORD_STATUS.exec(word)?.[1];
    if (!found.setting && UPPER_SETTING.test(word) && word.length >= 4 && !STATUS_WORD.test(word)) found.setting = word;
    const exception = EXCEPTION.exec(word)?.[1];
    // The last exception named wins: a "Caused by" or "--->" comes after the wrapper it explains. Except .NET's
    // Win32Exception: it only carries the OS error code (`---> Win32Exception (0x80004005): The network path was
    // not found`) under the exception that says what failed (SqlException, HttpRequestException).
    if (exception && exception !== 'Error' && !(exception === 'Win32Exception' && found.exception)) found.exception = exception;
    const credential = CREDENTIAL.exec(word)?.[1];
    // A credential chain lists every source it tried; in a Container App the managed identity is the one meant to work.
    if (credential && (!found.credential || (credential === 'ManagedIdentityCredential' && CHAIN_PROBES.test(found.credential)))) found.credential = credential;
    const file = SOURCE_FILE.exec(word);
    if (file && !accessLog && !found.file && !LIBRARY_PATH.test(word) && (file[2] !== undefined || word.startsWith('/'))) found.file = file[2] ? word : file[1];
    if (!found.envVar && envNames.has(word)) found.envVar = word;
    if (!found.secret && secretNames.has(word)) found.secret = word;
  }
  // Python names the file an OSError is about after its errno (`[Errno 13] Permission denied: 'celerybeat-schedule'`),
  // relative to the working directory when the code opened it so.
  if (pathLine && !found.path) found.path = ERRNO_RELATIVE_PATH.exec(line)?.[1];
  found.code ??= ERROR_CODE.exec(line)?.[1] ?? AAD_CODE.exec(line)?.[1];
  const named = NAMED_FAILURE.exec(line);
  if (named?.[2]) found.code ??= named[2];
  else if (named) found.exception = named[1] ?? named[3];
  found.secret ??= KEY_VAULT_SECRET.exec(line)?.[1];
  // Spring's "Error creating bean with name 'delayedFlywayInitializer'": the first bean named is where the context stopped.
  found.bean ??= SPRING_BEAN.exec(line)?.[1];
  if (!found.secret && KEY_VAULT_WORDS.test(line)) found.secret = KEY_VAULT_SECRET_QUOTED.exec(line)?.[1];
  // The raised struct or errno class is what the line is about: it wins like a later exception would.
  const raised = ELIXIR_RAISED.exec(line)?.[1] ?? RUBY_ERRNO.exec(line)?.[1] ?? RUBY_RAISED_LINE.exec(line)?.[1];
  if (raised) found.exception = raised;
  found.codeName ??= SERVER_CODE_NAME.exec(line)?.[1];
  // The logger's caller field is where the log call sits; a data file the error quotes on the same line is
  // what the error is about (`Unable to replay value log: \"/badger/data/000000.vlog\"`).
  const caller = CALLER_FIELD.exec(line)?.[1];
  const quoted = caller !== undefined && found.file === caller ? QUOTED_PATH.exec(line)?.[1] : undefined;
  if (quoted && !LIBRARY_PATH.test(quoted)) found.file = quoted;
  found.runAs ??= UID_USER.exec(line)?.[1];
  found.formatError ??= /^(\/[\w.@+\/-]{1,200}): exec format error\b/.exec(line)?.[1];
  const lib = /(?:^|[\s\[\]])(\/[\w.@+\/-]{1,200}\/(lib[\w.+-]{1,100}\.so(?:\.[\d.]{1,20})?))\(/.exec(line);
  if (lib && !found.crashLibrary && !/^lib(?:c|pthread|dl|m|rt|gcc_s|stdc\+\+|python[\d.]*)[.-]|^ld-/.test(lib[2] ?? '')) found.crashLibrary = lib[1];
  // Runtimes print the command inside escaped quotes too (`exec: \\"docker-entrypoint.sh\\": permission denied`).
  // `exec user process caused` is the runtime's phrase, not a command: take `exec: "x"`, `exec "x"`, `exec /x`.
  found.command ??= /\bexec(?::\s{0,3}(?:\\?")?|\s{1,3}\\?"|\s{1,3}(?=\/))(\/?[\w./-]{1,200})(?:\\?")?(?::|\s|$)/.exec(line)?.[1];
  const pkg = MISSING_PACKAGE.exec(line);
  found.module ??= pkg?.[1] ?? pkg?.[2] ?? pkg?.[3];
  // The account a database or a mail server refused: `for user 'app'@'10.0.0.4'`, `for user "app"`.
  found.user ??= /\bfor user\s{1,3}['"]?([\w.@$-]{1,64}?)['"]?(?:@|\s|$|\(|\.$)/i.exec(line)?.[1] ?? /\bcredentials for [`'"]([\w.@$-]{1,64})[`'"]/.exec(line)?.[1];
  // The account a client announced it logs in as before the server refused it (`connecting to sftp.example:22
  // as contoso_drop`, ClickHouse's CLI `Connecting to localhost:9000 as user default.`).
  found.user ??= CONNECTING_AS.exec(line)?.[1];
}

/** Variable and secret names the template defines, long enough to be told apart from ordinary words. */
function configNames(config: AppConfig | undefined): { env: Set<string>; secrets: Set<string> } {
  const long = (n: string) => n.length >= 3;
  return { env: new Set(envOf(config).map((e) => e.name).filter(long)), secrets: new Set([...secretNames(config)].filter(long)) };
}

/** The app containers' variables (not the init containers'). */
function containerEnv(config: AppConfig | undefined): EnvVarSpec[] {
  return containersOf(config).flatMap((c) => (Array.isArray(c?.env) ? c.env : [])).filter((e) => typeof e?.name === 'string');
}

/** Which found names suit which category: a host means little on a segfault, a file little on a pull. */
const ALL: (keyof Found)[] = ['host', 'port', 'status', 'exception', 'credential', 'file', 'code', 'secret', 'envVar', 'command', 'user', 'module', 'bean'];
const KEEP: Partial<Record<Category, (keyof Found)[]>> = {
  'image-pull-failure': ['host', 'status', 'code'],
  'entrypoint-error': ['file', 'command'],
  'crash-signal': ['file', 'exception'],
  'out-of-memory': ['exception'],
  'missing-configuration': [...ALL, 'setting'],
  'clean-exit': [],
  'scale-in': [],
};

/**
 * Which of the app's variables a failure's service is configured by: the evidence names the service
 * (MongoDB, Redis, Service Bus...), the template has a variable whose name says the same. On-call then
 * knows which value (and which secret behind it) to check.
 */
const SERVICE_SETTINGS: { service: RegExp; variable: RegExp }[] = [
  // Azure OpenAI's 404 for an unknown deployment: the variable naming the deployment (AZURE_OPENAI_DEPLOYMENT,
  // AzureOpenAI__DeploymentName), not the endpoint or key beside it.
  { service: /The API deployment for this resource does not exist|\bDeploymentNotFound\b/i, variable: /DEPLOYMENT/i },
  { service: /mongo/i, variable: /MONGO/i },
  { service: /redis|\bWRONGPASS\b|\bNOAUTH\b/i, variable: /REDIS/i },
  { service: /cosmos|input authorization token/i, variable: /COSMOS/i },
  { service: /AADSTS7000(?:215|222)|client secret|ClientSecretCredential/i, variable: /CLIENT_SECRET/i },
  { service: /\bsmtp\b|\b535 5\.7\.\d\b/i, variable: /SMTP|MAIL/i },
  { service: /service ?bus/i, variable: /SERVICE_?BUS|^SB_/i },
  { service: /kafka|event ?hubs?/i, variable: /KAFKA|EVENT_?HUB/i },
  // epmd resolving an Erlang node's own name (RabbitMQ's boot): the variable that sets the node name.
  { service: /\bepmd error for host\b/i, variable: /(?:^|_)NODE_?NAME$/i },
  { service: /rabbit|amqp|\bACCESS_REFUSED\b/i, variable: /RABBIT|AMQP|BROKER/i },
  { service: /postgres|psql|npgsql|pgbouncer/i, variable: /POSTGRES|^PG|DATABASE_URL/i },
  { service: /mysql|mariadb/i, variable: /MYSQL|MARIADB|DATABASE_URL/i },
  { service: /sql ?server|sqlclient|mssql|database\.windows\.net/i, variable: /SQL|DATABASE|CONNECTIONSTRINGS__/i },
  { service: /blob|storage account|\.core\.windows\.net/i, variable: /STORAGE|BLOB/i },
  { service: /key ?vault|vault\.azure\.net/i, variable: /VAULT/i },
  { service: /managed ?identity|ManagedIdentityCredential|identity (?:has not been|is not) assigned/i, variable: /^AZURE_CLIENT_ID$/ },
  { service: /kestrel|https endpoint/i, variable: /^ASPNETCORE_(?:URLS|HTTPS?_PORTS?)$|^Kestrel__/i },
  { service: /elasticsearch|@elastic\/|\bsecurity_exception\b|opensearch/i, variable: /^ES_|ELASTIC|OPENSEARCH/i },
  // Prisma names neither the engine nor the variable: its datasource reads DATABASE_URL by convention.
  { service: /\bprisma\b|against database server at/i, variable: /^(?:DATABASE_URL|DB_URL)$/ },
  // The Hugging Face Hub refusing a download (a gated repo): its token variable (HF_TOKEN, HUGGING_FACE_HUB_TOKEN).
  { service: /huggingface|hugging face|gated repo/i, variable: /^(?:HF_|HUGGING_?FACE)/i },
  // An OpenID Connect client whose issuer or discovery failed: the variable holding the issuer (OIDC_ISSUER_URL,
  // OAUTH2_PROXY_OIDC_ISSUER_URL, an authority), not the client id or secret beside it.
  { service: /\boidc\b|openid|\bissuer (?:did not match|does not match|mismatch|URI)|unexpected iss(?:uer)? /i, variable: /ISSUER|AUTHORITY/i },
  { service: /\bminio\b|credentials inherited from the shell environment/i, variable: /^MINIO_(?:ROOT_(?:USER|PASSWORD)|ACCESS_KEY|SECRET_KEY)$/ },
  // An S3-compatible store that knows no such key id: the variable holding the key id, not its secret key
  // (AWS_SECRET_ACCESS_KEY also ends in ACCESS_KEY, so the prefixes are spelled out).
  { service: /\bInvalidAccessKeyId\b|Access Key Id you provided does not exist/i, variable: /^(?:(?:AWS|S3|MINIO|R2|B2|OSS|SPACES|OBJECT_?STORE|STORAGE|BUCKET)_)?ACCESS_?KEY(?:_?ID)?$/i },
  // The key id exists and the signature is wrong: the secret key beside it.
  { service: /\bSignatureDoesNotMatch\b|signature we calculated does not match/i, variable: /^(?:(?:AWS|S3|MINIO|R2|B2|OSS|SPACES|OBJECT_?STORE|STORAGE|BUCKET)_)?SECRET_?(?:ACCESS_?)?KEY$/i },
];
/** A variable that holds an address or a connection string, as opposed to a group id, a topic or a timeout. */
const ADDRESS_VAR = /URL|URI|HOST|SERVER|BOOTSTRAP|ENDPOINT|CONNECTION|DSN|ADDR|NAMESPACE|CONN_?STR/i;
const SETTING_CATEGORIES = new Set<Category>(['authentication-failure', 'dependency-unreachable', 'missing-configuration', 'port-misconfiguration']);

/** The caller's address as a service's firewall prints it (Key Vault, Azure SQL, Storage). */
const FIREWALL_CLIENT_ADDRESS = /\b(?:Client address:?|Client with IP address|request originated from (?:client )?IP)\s{0,3}'?(\d{1,3}(?:\.\d{1,3}){3})\b/i;

/** A managed identity that could not get a token at all, in the SDKs' and the identity endpoint's words. */
const IDENTITY_FAILED =
  /(?:ManagedIdentity|AppService)Credential(?:\.get_?token(?:_info)?| authentication)? (?:failed|unavailable|was unable)|\bIdentity not found\b|identity (?:has not been|is not) assigned|No User Assigned or Delegated Managed Identity found|Unable to load (?:the )?requested managed identity/i;

/** A variable whose name says it holds a connection string (`SERVICEBUS_CONNECTION_STRING`, `ConnectionStrings__Db`). */
const CONNECTION_STRING_VAR = /CONN(?:ECTION)?_?STR(?:ING)?|^ConnectionStrings__/i;

/** The one variable whose value the change since the healthy revision set, when it is an endpoint and no credential. */
function changedEndpointVariable(config: AppConfig | undefined): string | undefined {
  const changes = config?.changesSinceHealthy?.changes;
  if (!Array.isArray(changes) || changes.length !== 1) return undefined;
  const c = changes[0];
  if (c?.kind !== 'env-value-set' || typeof c.name !== 'string') return undefined;
  return /URL|URI|BASE|ENDPOINT|HOST|SERVER|REGION/i.test(c.name) && !CREDENTIAL_VAR.test(c.name) ? c.name : undefined;
}

/** A variable that holds a key, a password or a token. */
const CREDENTIAL_VAR = /KEY|PASS|SECRET|TOKEN|CONN|CREDENTIAL|SAS(?!L)|PWD/i;
/** A connection URL or DSN variable (its userinfo can hold the password). */
const SECRET_URL_VAR = /(?:^|_)(?:URL|URI|DSN)$/i;

type Prefer = 'address' | 'credential' | 'any';

function relatedVariable(env: readonly EnvVarSpec[], text: string, prefer: Prefer): EnvVarSpec | undefined {
  for (const s of SERVICE_SETTINGS) {
    if (!s.service.test(text)) continue;
    const hits = env.filter((e) => s.variable.test(e.name));
    // KAFKA_CONSUMER_GROUP_ID names Kafka too; the variable holding the address is the one to check.
    // An unreachable service is configured by its address: a group id or a topic is not the value to fix.
    // A refused credential is fixed in the variable that holds the key or password, not the address.
    // Of two credential variables (a user name and a password), the one read from a secret holds the key.
    const credentials = hits.filter((e) => CREDENTIAL_VAR.test(e.name));
    const preferred = prefer === 'credential' ? (credentials.find((e) => e.secretRef) ?? credentials[0]) : hits.find((e) => ADDRESS_VAR.test(e.name));
    // Two variables of the same service and neither preferred: naming one would be a guess.
    const hit = preferred ?? (prefer === 'address' || hits.length > 1 ? undefined : hits[0]);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The configured probe a probe finding is about, when its rows name no path: the one of the type the
 * finding names (`Liveness`), or the container's only HTTP probe. Its path and port are what to check.
 */
function nameProbe(d: Draft, container: ReturnType<typeof mainContainer>): void {
  const probes = (Array.isArray(container?.probes) ? container.probes : []).filter((p) => typeof p?.path === 'string');
  const type = d.names.probe?.toLowerCase();
  const probe = probes.find((p) => typeof p.type === 'string' && p.type.toLowerCase() === type) ?? (probes.length === 1 ? probes[0] : undefined);
  if (!probe?.path) return;
  d.names.probePath ??= probe.path;
  if (typeof probe.port === 'number') d.names.probePort ??= String(probe.port);
}

/** Words of a variable's name too common to tie it to a service (`API_KEY` says nothing about which API). */
const GENERIC_WORDS = new Set(['api', 'key', 'url', 'uri', 'the', 'app', 'env', 'conn', 'string', 'secret', 'value']);

/**
 * A refused credential the service table does not know (OpenAI, GitHub, a plain password): the credential
 * variable whose name shares more words with the refusal than any other (`OPENAI_API_KEY` for "Incorrect
 * API key ... openai", `DB_PASSWORD` for "password authentication failed"); none when it is a tie.
 */
function credentialByWords(env: readonly EnvVarSpec[], text: string): EnvVarSpec | undefined {
  const credentials = env.filter((e) => CREDENTIAL_VAR.test(e.name));
  const lower = text.toLowerCase();
  const scored = credentials
    .map((e) => ({ e, n: e.name.toLowerCase().split(/_+/).filter((w) => w.length >= 3 && !GENERIC_WORDS.has(w) && lower.includes(w)).length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n);
  return scored.length > 0 && (scored.length === 1 || scored[0].n > scored[1].n) ? scored[0].e : undefined;
}

/** A server's refusal of a password (PostgreSQL 28P01, MySQL, SQL Server, SMTP, a broker's login). */
// Also a refused key or token in a server's words (NATS's Authorization Violation, Snowflake's "Incorrect
// username or password", Azure AI services' "invalid subscription key"): the variable is found the same way.
const PASSWORD_REFUSED =
  /password authentication failed|\b28P01\b|Access denied for user|Login failed for user|\bauthentication failed\b|\bauthentication methods failed\b|\bAuthorization Violation\b|\bIncorrect username or password\b|\binvalid subscription key\b|\binvalid (?:username-)?password\b|\busername or password not allowed\b|\bInvalid client secret\b|\bwhile authenticating with SASL\b.{0,120}: EOF\b/i;

/**
 * A refused password the service table cannot tie to a variable (`ConnectionStrings__Blogging` names no
 * server): the variable whose secret reference the change since the healthy revision moved, else the
 * container's only credential or connection-string variable read from a secret. Its secret is then named too.
 */
function refusedPasswordVariable(env: readonly EnvVarSpec[], config: AppConfig | undefined, text: string): string | undefined {
  if (!PASSWORD_REFUSED.test(text)) return undefined;
  const changes = Array.isArray(config?.changesSinceHealthy?.changes) ? config.changesSinceHealthy.changes : [];
  const moved = changes.filter((c) => c?.kind === 'env-secret-ref' && typeof c.name === 'string' && env.some((e) => e.name === c.name && e.secretRef));
  if (moved.length === 1) return moved[0]!.name;
  const service = serviceSecretVariable(env, text);
  if (service) return service.name;
  const held = env.filter((e) => e.secretRef && (CREDENTIAL_VAR.test(e.name) || CONNECTION_STRING_VAR.test(e.name)));
  if (held.length === 1) return held[0]!.name;
  // No credential variable: a connection URL read from a secret (AMQP_URL, REDIS_URL, DATABASE_DSN) carries
  // the user and password in its userinfo, so it is the one to fix.
  const urls = held.length === 0 ? env.filter((e) => e.secretRef && SECRET_URL_VAR.test(e.name)) : [];
  return urls.length === 1 ? urls[0]!.name : undefined;
}

/**
 * The variable read from a secret that feeds the service the rows name (MongoDB's "bad auth" ->
 * ACKEE_MONGODB, or DATABASE_URL reading secret mongo-url): its name or its secret's name says the service.
 * The app's own admin password or bot token beside it (ACKEE_PASSWORD, BOT_TOKEN) is not what the database
 * refused. Of several, the one credential variable among them; none when that is still a guess.
 */
function serviceSecretVariable(env: readonly EnvVarSpec[], text: string): EnvVarSpec | undefined {
  const s = SERVICE_SETTINGS.find((x) => x.service.test(text));
  if (!s) return undefined;
  const hits = env.filter((e) => e.secretRef && (s.variable.test(e.name) || s.variable.test(e.secretRef.toUpperCase().replace(/[-.]/g, '_'))));
  if (hits.length <= 1) return hits[0];
  const credentials = hits.filter((e) => CREDENTIAL_VAR.test(e.name));
  return credentials.length === 1 ? credentials[0] : undefined;
}

/** A listener that could not bind its address: in use, not assignable, or refused. */
const BIND_FAILED = /\bbind\b|address already in use|\bAddrInUse\b|\bEADDRINUSE\b|\bAddrNotAvailable\b|Cannot assign requested address/i;

/**
 * The variable that sets where the app itself listens: one whose name says listen or bind (`LISTEN_ADDR`,
 * `BIND_ADDRESS`), or an address variable in the app's own settings prefix, the image's name
 * (`TUWUNEL_ADDRESS` for ghcr.io/matrix-construct/tuwunel); `REDIS_ADDR` is where it dials, not where it
 * listens. Only when exactly one variable fits.
 */
function listenAddressVariable(env: readonly EnvVarSpec[], image: unknown): EnvVarSpec | undefined {
  const repo = typeof image === 'string' ? (/([a-z0-9][a-z0-9-]{1,60})(?::[\w.-]{0,128})?(?:@[\w:]{0,80})?$/i.exec(image)?.[1] ?? '') : '';
  const prefix = repo.replace(/-/g, '_').toUpperCase();
  const fits = env.filter(
    (e) =>
      /(?:^|_)(?:LISTEN|BIND)(?:_|$)/i.test(e.name) ||
      (prefix.length >= 3 && e.name.toUpperCase().startsWith(`${prefix}_`) && /_(?:ADDRESS|ADDR|HOST|BIND_ADDRESS)$/i.test(e.name)),
  );
  return fits.length === 1 ? fits[0] : undefined;
}

/** A server that asked for a password the client never sent (Redis NOAUTH, "password required"). */
const PASSWORD_NOT_SENT = /\bNOAUTH\b|\bpassword (?:is )?required\b|\bno password (?:was )?(?:supplied|provided|given)\b/i;
const PASSWORD_VAR = /PASS(?:WORD)?|PWD/i;

/**
 * The variable that should have carried a password the server asked for and did not get, when the service
 * table knows none of the container's names (`STORAGE_PASSWORD` beside `STORAGE_HOST`): the only password
 * variable, or of several the only one with neither a value nor a secret.
 */
function passwordNotSent(env: readonly EnvVarSpec[], text: string): EnvVarSpec | undefined {
  if (!PASSWORD_NOT_SENT.test(text)) return undefined;
  const passwords = env.filter((e) => PASSWORD_VAR.test(e.name));
  if (passwords.length === 1) return passwords[0];
  const empty = passwords.filter((e) => e.hasValue === false && !e.secretRef);
  return empty.length === 1 ? empty[0] : undefined;
}

/** Whether `name` appears in `text` as a whole word (not inside a longer identifier); no regex built from data. */
function namedAsWord(name: string, text: string): boolean {
  const isWordChar = (c: string | undefined) => c !== undefined && /\w/.test(c);
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (!isWordChar(text[at - 1]) && !isWordChar(text[at + name.length])) return true;
  }
  return false;
}

/** Rules about a configuration file that may not print its path (nats-server's "Parse error on line 1"). */
const FILE_FROM_ARGS_RULES = new Set(['console.config.file-unparseable', 'console.config.field-not-in-type']);
/** Rules about a keystore the process could not load, and the argument that names one. */
const KEYSTORE_RULES = new Set(['console.java.keystore-format']);
const KEYSTORE_FLAG = /^-{1,2}[\w.-]{0,60}(?:key|trust)-?store[\w.-]{0,30}=\S/i;
/** A config-file flag with its value joined (`--configFile=/x`, `-config.file=/x`) or as the next word (`-c /x`). */
const CONFIG_FLAG_JOINED = /^--?(?:config(?:[._-]?file)?|conf|configFile)=(?<file>\S{1,200})$/i;
const CONFIG_FLAG_ALONE = /^(?:-c|--?config(?:[._-]?file)?|--?conf|--?configFile)$/i;

/** The configuration file the container's command or args name, when they name exactly one. */
function configFileArgument(words: readonly string[]): string | undefined {
  const files = new Set<string>();
  words.forEach((w, i) => {
    const joined = CONFIG_FLAG_JOINED.exec(w)?.groups?.file;
    if (joined) files.add(joined);
    else if (CONFIG_FLAG_ALONE.test(w) && typeof words[i + 1] === 'string' && !words[i + 1]!.startsWith('-')) files.add(words[i + 1]!);
  });
  return files.size === 1 ? [...files][0] : undefined;
}

/** Whether variable `name`'s words (NUXT_SUPABASE_SERVICE_KEY) include every word of a camelCase option (supabaseKey). */
function holdsAllWords(name: string, option: string): boolean {
  if (!/^[a-z]{2,30}(?:[A-Z][a-z]{1,20}){1,3}$/.test(option)) return false;
  const words = new Set(name.toUpperCase().split('_'));
  return option.split(/(?=[A-Z])/).every((w) => words.has(w.toUpperCase()));
}

/** Variables an image's start script turns into JVM memory options (MEMORY, MEM_LIMIT, MC_MINMEM, JAVA_OPTS). */
const JVM_MEMORY_VAR = /(?:^|_)(?:MEM|MEMORY|HEAP|XMX|XMS|MINMEM|MAXMEM|MAX_MEM|MIN_MEM|INIT_MEM|JAVA_OPTS|JVM_OPTS|JAVA_TOOL_OPTIONS)(?:_|$)|^(?:MIN|MAX|INIT)?MEM(?:ORY)?(?:_|$)/i;
/** A JVM options variable an image's launcher passes to java (OPENSEARCH_JAVA_OPTS, ES_JAVA_OPTS, JAVA_TOOL_OPTIONS). */
const JVM_OPTIONS_VAR = /^(?:[A-Z][A-Z0-9]{0,30}_)?(?:JAVA_OPTS|JVM_OPTS|JAVA_TOOL_OPTIONS|JAVA_OPTIONS)$/;
/** An OutOfMemoryError about the heap itself, which -Xmx sizes (not Metaspace, direct or native memory). */
const HEAP_KIND = /^(?:Java heap space|GC overhead limit exceeded)/;
/** Rules about a client program the image ships that does not fit its server. */
const CLIENT_IN_IMAGE_RULES = new Set(['console.postgres.client-version-mismatch']);
/** The .NET GC settings that size the heap the runtime reserves at start. */
const DOTNET_GC_VAR = /^(?:DOTNET|COMPlus)_GC(?:HeapHardLimit\w{0,20}|HeapCount|gen0size|RegionRange|Server)$/i;

/**
 * The variable behind a runtime's start-up refusal: the memory variable that fed a JVM option the launcher
 * refused (the one for the initial size for -Xms, the maximum or limit for -Xmx, else the only memory
 * variable), the .NET GC heap variable when the runtime could not reserve its heap, and on an Alpine image
 * the ICU package by Alpine's name (icu-libs).
 */
function runtimeSettingNames(d: Draft, env: readonly EnvVarSpec[], image: string | undefined): void {
  if (d.rule.id === 'console.java.vm-option-value-invalid' && !d.names.envVar) {
    const memory = env.filter((e) => JVM_MEMORY_VAR.test(e.name) && !e.secretRef);
    const option = d.names.option ?? '';
    const side = /^-Xms/.test(option) ? /MIN|INIT|XMS/i : /^-Xmx/.test(option) ? /MAX|LIMIT|XMX/i : undefined;
    const sided = side ? memory.filter((e) => side.test(e.name)) : [];
    const pick = sided.length === 1 ? sided[0] : memory.length === 1 ? memory[0] : undefined;
    if (pick) d.names.envVar = pick.name;
  }
  if (d.rule.id === 'console.dotnet.gc-heap-init' && !d.names.envVar) {
    const gc = env.filter((e) => DOTNET_GC_VAR.test(e.name));
    if (gc.length >= 1) d.names.envVar = gc[0]!.name;
  }
  if (d.rule.id === 'console.dotnet.icu-missing' && image && /alpine/i.test(image)) d.names.package = 'icu-libs';
}

function fillFromConfig(d: Draft, config: AppConfig | undefined, text: string, failing?: string): void {
  const container = mainContainer(config, d.names.container ?? failing);
  const env = containerEnv(config);
  runtimeSettingNames(d, env, container?.image);
  // A missing setting and a change that moved one variable's secret reference: that variable, before a word guess.
  if (d.category === 'missing-configuration' && !d.names.envVar) {
    const moved = Array.isArray(config?.changesSinceHealthy?.changes) ? config.changesSinceHealthy.changes.filter((c) => c?.kind === 'env-secret-ref' && typeof c.name === 'string') : [];
    if (moved.length === 1) d.names.envVar = moved[0]!.name!;
  }
  // The managed identity itself got no token (no such identity on the app): the variable that names the
  // identity is the value to check, not the connection string of the service the token was for.
  if (d.category === 'authentication-failure' && !d.names.envVar && IDENTITY_FAILED.test(text)) {
    const ids = env.filter((e) => CLIENT_ID_VAR.test(e.name));
    if (ids.length === 1) d.names.envVar = ids[0]!.name;
  }
  // The identity variable is defined with no value and no secret: the credential is sent after an empty id.
  if (d.category === 'authentication-failure' && /ManagedIdentityCredential|DefaultAzureCredential|managed identity/i.test(text)) {
    const empty = env.find((e) => e.name === 'AZURE_CLIENT_ID' && e.hasValue === false && !e.secretRef);
    if (empty) {
      d.rule = DERIVED_RULES.clientIdEmpty;
      d.category = 'missing-configuration';
      d.names.envVar = empty.name;
      d.title = undefined;
      d.confidence = Math.max(d.confidence, DERIVED_RULES.clientIdEmpty.confidence);
    }
  }
  // A refusal right after the only change since the healthy revision moved an endpoint (OPENAI_API_BASE, a
  // host or URL variable): the key is the same one, the place it is sent to is not, so the endpoint is the value to check.
  if (d.category === 'authentication-failure' && !d.names.envVar) {
    const moved = changedEndpointVariable(config);
    if (moved) d.names.envVar = moved;
  }
  if (d.category === 'authentication-failure' && !d.names.envVar) {
    const refused = refusedPasswordVariable(env, config, text);
    if (refused) d.names.envVar = refused;
  }
  if (SETTING_CATEGORIES.has(d.category) && !d.names.envVar) {
    // A missing or unusable credential value (MinIO's root keys) is fixed in the variable that holds it.
    const credentialValue = d.category === 'missing-configuration' && /\bcredentials?\b|\bpassword\b|\bsecret key\b/i.test(text);
    const prefer: Prefer = d.category === 'dependency-unreachable' ? 'address' : d.category === 'authentication-failure' || credentialValue ? 'credential' : 'any';
    let variable = relatedVariable(env, text, prefer) ?? (d.category === 'authentication-failure' ? credentialByWords(env, text) : undefined);
    const unsent = !variable && d.category === 'authentication-failure' ? passwordNotSent(env, text) : undefined;
    // An empty one is named apart too: the steps then say to give it the password, not to add a setting beside it.
    if (unsent && unsent.hasValue === false && !unsent.secretRef) d.names.passwordVar = unsent.name;
    variable ??= unsent;
    if (variable) d.names.envVar = variable.name;
  }
  // An unreachable dependency the rows name by neither host nor service, from a container with a single
  // address variable (`MLFLOW_TRACKING_URI`): that variable says where the app dialled.
  if (d.category === 'dependency-unreachable' && !d.names.envVar && !d.names.host) {
    const addresses = env.filter((e) => ADDRESS_VAR.test(e.name) && !/^(?:ASPNETCORE_URLS|PORT|HOST)$/.test(e.name));
    if (addresses.length === 1) d.names.envVar = addresses[0]!.name;
  }
  // A connection string the SDK could not parse, the service unnamed ("Connection string should have the
  // Endpoint"): the value of the one variable whose name says it holds a connection string.
  if (d.category === 'missing-configuration' && !d.names.envVar && /connection ?string/i.test(text)) {
    const held = env.filter((e) => CONNECTION_STRING_VAR.test(e.name));
    if (held.length === 1) d.names.envVar = held[0]!.name;
  }
  // A setting named in the config file's words (`site_url`, `SiteURL`) that a variable of the template sets
  // (`MM_SERVICESETTINGS_SITEURL`): the variable is where its value comes from.
  if (d.category === 'missing-configuration' && !d.names.envVar && d.names.setting) {
    const key = d.names.setting.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
    let hits = key.length >= 5 ? env.filter((e) => e.name.replace(/[^A-Za-z0-9]/g, '').toUpperCase().endsWith(key)) : [];
    // A client option in camelCase (supabase-js's `supabaseKey`): the one variable whose words hold all of
    // its words (NUXT_SUPABASE_SERVICE_KEY), the framework's prefix and a role word between them.
    if (hits.length === 0) hits = env.filter((e) => holdsAllWords(e.name, d.names.setting!));
    if (hits.length === 1) d.names.envVar = hits[0]!.name;
  }
  // A setting is missing and the template defines variables with an empty value: the one the lines name
  // (`starting gunicorn (APP=)`), or the only one.
  if (d.category === 'missing-configuration' && !d.names.envVar) {
    const empty = env.filter((e) => !e.secretRef && e.hasValue === false && e.name.length >= 3);
    const named = empty.filter((e) => namedAsWord(e.name, text));
    const pick = named.length === 1 ? named[0] : named.length === 0 && empty.length === 1 ? empty[0] : undefined;
    if (pick) d.names.envVar = pick.name;
  }
  // A setting is missing and the change since the healthy revision removed or cleared a variable: that one,
  // or beside the setting the app named (SECRET_KEY_BASE missing because RAILS_MASTER_KEY was removed).
  if (d.category === 'missing-configuration') {
    const removed = removedVariable(config);
    if (removed && !d.names.envVar) d.names.envVar = removed;
    else if (removed && d.names.envVar !== removed) d.names.removedVar = removed;
    // A change that removed several variables at once (a key id and its secret key): the others are named
    // beside the one the steps are about, so none is restored without the rest.
    const others = removedVariables(config).filter((v) => v !== d.names.envVar && v !== d.names.removedVar);
    if (others.length > 0 && d.names.envVar) d.names.removedVar = [d.names.removedVar, ...others].filter(Boolean).join(', ');
  }
  // A configuration file the program could not parse and did not name: the one its arguments point it at.
  if (d.category === 'missing-configuration' && !d.names.file && FILE_FROM_ARGS_RULES.has(d.rule.id) && container) {
    const words = [...(Array.isArray(container.command) ? container.command : []), ...(Array.isArray(container.args) ? container.args : [])];
    const file = configFileArgument(words.filter((w): w is string => typeof w === 'string'));
    if (file) d.names.file = file;
  }
  // A keystore the server could not load and did not name: the argument that points it at one
  // (`--https-key-store-file=/certs/server.bcfks`, `-Djavax.net.ssl.keyStore=/x.jks`), a path first.
  if (d.category === 'missing-configuration' && !d.names.setting && KEYSTORE_RULES.has(d.rule.id) && container) {
    const args = [...(Array.isArray(container.command) ? container.command : []), ...(Array.isArray(container.args) ? container.args : [])];
    const flags = args.filter((w): w is string => typeof w === 'string' && KEYSTORE_FLAG.test(w));
    const flag = flags.find((w) => /=\//.test(w)) ?? flags[0];
    if (flag) d.names.setting = flag.slice(0, 200);
  }
  // An app that exits 0 ran its command to the end: the command is what to change.
  if (d.category === 'clean-exit' && !d.benign && !d.names.command && container) {
    const words = [...(Array.isArray(container.command) ? container.command : []), ...(Array.isArray(container.args) ? container.args : [])];
    if (words.length > 0) d.names.command = words.join(' ').slice(0, 200);
  }
  // A bind that failed on the address the app was configured with: the variable that configures it.
  if (d.category === 'port-misconfiguration' && !d.names.envVar && BIND_FAILED.test(text)) {
    const bind = listenAddressVariable(env, container?.image);
    if (bind) d.names.envVar = bind.name;
  }
  // A port clash with no port in its words is on the port the app is declared to listen on.
  if (d.category === 'port-misconfiguration' && !d.names.port && !d.names.listenPort && typeof config?.ingress?.targetPort === 'number') {
    d.names.port = String(config.ingress.targetPort);
  }
  // A port clash on a port that is not the ingress target (a sidecar holds it): the target port is where
  // the app is expected to listen instead.
  const targetPort = config?.ingress?.targetPort;
  if (d.category === 'port-misconfiguration' && !d.names.expectedPort && typeof targetPort === 'number' && d.names.port && d.names.port !== String(targetPort) && /EADDRINUSE|address already in use/i.test(text)) {
    d.names.expectedPort = String(targetPort);
  }
  // Binding a port below 1024 as a non-root user is refused: the ingress target port is the one it tried.
  const target = config?.ingress?.targetPort;
  if (d.category === 'permission-denied' && !d.names.port && typeof target === 'number' && target < 1024 && /\b(?:bind|listen|socket|address)|\bUnable to start Kestrel\b/i.test(text)) d.names.port = String(target);
  // The image to rebuild for a binary of the wrong architecture; the script to fix for a start failure.
  if (d.category === 'entrypoint-error' && container?.image && !d.names.image && /exec format error/i.test(text)) d.names.image = container.image;
  const command = Array.isArray(container?.command) ? container.command[0] : undefined;
  if (d.category === 'entrypoint-error' && !d.names.file && typeof command === 'string' && /^\/?[\w./-]{1,200}\.(?:sh|bash|py|js)$/.test(command)) d.names.file = command;
  // The runtime's "no such file or directory" without a path: the program the container's command starts.
  // A shell is not the program that failed (`/bin/sh -c ...` runs it).
  if (d.category === 'entrypoint-error' && !d.names.file && !d.names.command && typeof command === 'string' && /^\/?[\w./-]{1,200}$/.test(command) && !/^(?:\/usr)?(?:\/bin\/)?(?:ba|da|z)?sh$/.test(command)) d.names.command = command;
  // A flag given as the command (`--config=/etc/app.toml`) is run as a program: that word is the thing to move to args.
  if (d.category === 'entrypoint-error' && !d.names.command && typeof command === 'string' && /^-{1,2}[\w.-]{1,80}(?:=\S{0,200})?$/.test(command)) d.names.command = command;
  // A module the server cannot import, from a container with a volume mounted where images keep their code
  // (/app, /code, /usr/src/app): the share hides the image's files there, so the volume is the thing to move.
  if ((d.category === 'entrypoint-error' || d.category === 'missing-module') && d.names.module && !d.names.volume) {
    const over = (Array.isArray(container?.volumeMounts) ? container.volumeMounts : []).find((m) => typeof m?.mountPath === 'string' && APP_CODE_DIR.test(m.mountPath));
    if (over && typeof over.volumeName === 'string') d.names.volume = over.volumeName;
  }
  // A path under a volume's mount is that volume's problem as much as the app's.
  if (!d.names.volume && (d.category === 'permission-denied' || d.category === 'storage-failure')) {
    const mount = (Array.isArray(container?.volumeMounts) ? container.volumeMounts : []).find(
      (m) => typeof m?.mountPath === 'string' && m.mountPath.length > 1 && text.includes(m.mountPath),
    );
    if (mount && typeof mount.volumeName === 'string') d.names.volume = mount.volumeName;
    // A refusal that names no path, from a container with a single volume mount: that mount is where it writes.
    const mounts = Array.isArray(container?.volumeMounts) ? container.volumeMounts : [];
    if (!d.names.volume && !d.names.file && mounts.length === 1 && typeof mounts[0]?.volumeName === 'string') d.names.volume = mounts[0].volumeName;
    // A path relative to the working directory (`./data/_nodes.couch`, as CouchDB prints it) is under the
    // one mount whose last directory it starts with (/opt/couchdb/data).
    const relative = /^\.\/([\w.-]{1,100})\//.exec(d.names.file ?? '')?.[1];
    const under = relative && !d.names.volume ? mounts.filter((m) => typeof m?.mountPath === 'string' && m.mountPath.replace(/\/$/, '').endsWith(`/${relative}`)) : [];
    if (under.length === 1 && typeof under[0]?.volumeName === 'string') d.names.volume = under[0].volumeName;
  }
  if (d.category === 'out-of-memory' && container?.memory && !d.names.memoryLimit) d.names.memoryLimit = container.memory;
  // Killed for memory after the change since healthy set one heap-sizing variable (JAVA_OPTS=-Xmx2048m in a
  // 1Gi container): that variable sized the heap past the limit.
  if (d.category === 'out-of-memory' && !d.names.envVar) {
    const changes = Array.isArray(config?.changesSinceHealthy?.changes) ? config.changesSinceHealthy.changes : [];
    const sized = changes.filter((c) => typeof c?.name === 'string' && /^env-/.test(String(c?.kind)) && JVM_MEMORY_VAR.test(c.name));
    if (sized.length === 1) d.names.envVar = sized[0]!.name!;
  }
  // The heap ran out and the container sets one JVM options variable (OPENSEARCH_JAVA_OPTS=-Xmx8m,
  // ES_JAVA_OPTS, JAVA_OPTS): that variable is where the heap was sized.
  if (d.rule.id === 'console.java.out-of-memory' && !d.names.envVar && HEAP_KIND.test(d.names.kind ?? '')) {
    const options = env.filter((e) => JVM_OPTIONS_VAR.test(e.name) && !e.secretRef && e.hasValue !== false);
    if (options.length === 1) d.names.envVar = options[0]!.name;
  }
  // A client tool the image ships, older than its server (pg_dump against a newer PostgreSQL): the image is what to change.
  if (CLIENT_IN_IMAGE_RULES.has(d.rule.id) && !d.names.image && container?.image) d.names.image = container.image;
  // Project configuration missing under a share mounted over the app's code directory: the share holds the project.
  if (d.rule.id === 'console.config.environment-dir-missing' && !d.names.volume) {
    const over = (Array.isArray(container?.volumeMounts) ? container.volumeMounts : []).find((m) => typeof m?.mountPath === 'string' && APP_CODE_DIR.test(m.mountPath));
    if (over && typeof over.volumeName === 'string') d.names.volume = over.volumeName;
  }
  if (d.names.envVar && !d.names.secret) {
    const ref = env.find((e) => e.name === d.names.envVar)?.secretRef;
    if (ref) d.names.secret = ref;
  }
  // A credential read from a file (`RESTIC_PASSWORD_FILE`, `POSTGRES_PASSWORD_FILE`) that a secret volume
  // holds: with one secret on the app, that secret is the file's content.
  if (d.category === 'authentication-failure' && !d.names.secret && /_FILE$/.test(d.names.envVar ?? '')) {
    const secretVolume = (Array.isArray(config?.volumes) ? config.volumes : []).some((v) => v?.storageType === 'Secret');
    const secrets = (Array.isArray(config?.secrets) ? config.secrets : []).filter((x) => typeof x?.name === 'string');
    if (secretVolume && secrets.length === 1) d.names.secret = secrets[0]!.name;
  }
  if (d.category === 'storage-failure' && !d.names.volume) {
    const volumes = (Array.isArray(config?.volumes) ? config.volumes : []).filter((v) => typeof v?.name === 'string');
    const named = volumes.find((v) => text.includes(v.name));
    if (named) d.names.volume = named.name;
    else if (/\bephemeral[- ](?:local )?storage\b/i.test(text)) d.names.volume = 'ephemeral-storage';
    else if (volumes.length === 1 && volumes[0]) d.names.volume = volumes[0].name;
  }
  if (d.category === 'probe-failure') nameProbe(d, container);
  // A scaler's credential lives in a secret the scale rule references, not a variable: the one secret no
  // container variable or volume reads is that one.
  if (/^system\.keda/.test(d.rule.id) && !d.names.secret) {
    const scalerSecret = unreadSecret(config);
    if (scalerSecret) d.names.secret = scalerSecret;
  }
  // A stop that ran into SIGKILL under `sh -c ...`: the shell is PID 1 and keeps SIGTERM from the program.
  if (d.category === 'forced-kill' && !d.names.command) {
    const shell = shellWrapper(commandWords(container));
    if (shell) d.names.command = shell;
  }
  // A stop that ran into SIGKILL when PID 1 is a shell script (`bash entrypoint.sh`, `/start.sh`): the script
  // is where the missing `exec` goes, so it is named as the file to change.
  if (d.category === 'forced-kill' && !d.names.file) {
    const script = startScript(commandWords(container));
    if (script) d.names.file = script;
  }
  // A job stopped at its deadline: the knob is the job's replica timeout.
  if (d.category === 'forced-kill' && config?.kind === 'job' && /deadline|timed? ?out|timeout/i.test(text) && !d.names.setting) d.names.setting = 'replicaTimeout';
}

/** A shell word (`sh`, `/bin/bash`) that runs the container's program through `-c`, as the command starts. */
function shellWrapper(words: string[]): string | undefined {
  const [first, second, script] = words;
  // A script that already execs its program hands PID 1 over: the shell is not in the way.
  if (!first || /^\s*exec\s/.test(script ?? '')) return undefined;
  return /^(?:\/usr)?(?:\/bin\/)?(?:ba|da|z|a)?sh$/.test(first) && /^-\w{0,4}c$/.test(second ?? '') ? first : undefined;
}

/** The shell script the container runs as PID 1: the command itself, or the first word a shell is given to run. */
function startScript(words: string[]): string | undefined {
  const [first, second] = words;
  const script = /^(?:\.?\/)?[\w./-]{0,200}\.sh$/;
  if (first && script.test(first)) return first;
  return first && /^(?:\/usr)?(?:\/bin\/)?(?:ba|da|z|a)?sh$/.test(first) && second && script.test(second) ? second : undefined;
}

/** The only secret that no container variable and no volume reads (a scale rule's auth reads it), if exactly one. */
function unreadSecret(config: AppConfig | undefined): string | undefined {
  const read = new Set<string>();
  for (const c of [...containersOf(config), ...(Array.isArray(config?.initContainers) ? config.initContainers : [])]) {
    for (const e of Array.isArray(c?.env) ? c.env : []) if (typeof e?.secretRef === 'string') read.add(e.secretRef);
  }
  for (const v of Array.isArray(config?.volumes) ? config.volumes : []) {
    for (const x of Array.isArray(v?.secrets) ? v.secrets : []) if (typeof x?.secretRef === 'string') read.add(x.secretRef);
    if (v?.storageType === 'Secret' && Array.isArray(v.secrets) && v.secrets.length === 0) return undefined;
  }
  const unread = [...secretNames(config)].filter((n) => !read.has(n));
  return unread.length === 1 ? unread[0] : undefined;
}

/** Categories whose thing is a path: the one the error line names, not the frame that raised it. */
const PATH_CATEGORIES = new Set<Category>(['permission-denied', 'storage-failure']);

/**
 * Names in the process's own words: the path a refused or full write named, a host's name over its address,
 * and a crash or memory failure
 * as it was printed (`Segmentation fault`, `JavaScript heap out of memory`), which is what on-call searches
 * the logs for; the canonical signal name stays beside it.
 */
function namePrinted(d: Draft, found: Found, around: Found): void {
  const path = found.path ?? around.path;
  if (PATH_CATEGORIES.has(d.category) && path && d.names.file !== path) {
    if (d.names.file && d.names.file !== path) d.names.frame ??= d.names.file;
    d.names.file = path;
  }
  // A rule that caught only the address (`dial tcp 10.0.5.20:5432`) yields to the name the same lines give.
  if (d.names.host && IPV4.test(d.names.host) && found.host && !IPV4.test(found.host)) {
    d.names.address ??= d.names.host;
    d.names.host = found.host;
  }
  // The address an unreachable dependency's name resolved to: a private one means the path is the VNet's.
  const resolved = found.resolved ?? around.resolved;
  if (d.category === 'dependency-unreachable' && resolved && !d.names.address && d.names.host !== resolved) d.names.address = resolved;
  // A start failure that names the binary it could not run (`/usr/local/bin/x: exec format error`).
  if (d.category === 'entrypoint-error' && !d.names.file && found.formatError) d.names.file = found.formatError;
  // A native crash's first frame in a library of the app's own (not libc or the loader): the module to suspect.
  if (d.category === 'crash-signal' && !d.names.file) {
    const frame = found.crashLibrary ?? around.crashLibrary;
    if (frame) d.names.file = frame;
  }
  // The fault's si_code (SEGV_MAPERR) beside the signal it belongs to (SIGSEGV), as the handler printed it.
  const code = found.signalCode ?? around.signalCode;
  if (d.category === 'crash-signal' && code && !d.names.signalCode) {
    d.names.signalCode = code;
    d.names.signal ??= `SIG${code.split('_')[0]}`;
  }
  const printed = found.printed ?? around.printed;
  if ((d.category === 'crash-signal' || d.category === 'out-of-memory') && printed && !Object.values(d.names).includes(printed)) {
    d.names.printed = printed;
  }
}

/**
 * A separate management or admin listener the app announced, where its health endpoints live: Quarkus and
 * Keycloak 25+ ("Management interface listening on http://0.0.0.0:9000"), an admin or management server.
 */
const MANAGEMENT_LISTEN =
  /\b(?:[Mm]anagement|[Aa]dmin) (?:interface|server|endpoints?|port|connector) (?:is )?(?:listening|started|running) (?:on|at)(?: port)?:? (?:https?:\/\/)?(?:(?:\[[^\]\s]{0,64}\]|[\w.*-]{1,64}):)?(?<port>\d{2,5})\b/;

/** The management port the console announced, the latest one, if any. */
function managementPort(lines: readonly TimedLine[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const port = MANAGEMENT_LISTEN.exec(lines[i]!.text.slice(0, MAX_LINE))?.groups?.port;
    if (port) return port;
  }
  return undefined;
}

/** JVM exceptions that say a state or a wrapper, not what went wrong: the chain's other links say that. */
const GENERIC_EXCEPTION =
  /^(?:java\.lang\.)?(?:IllegalStateException|RuntimeException|Exception|Throwable)$|^java\.util\.concurrent\.(?:ExecutionException|CompletionException)$|^java\.lang\.reflect\.(?:InvocationTargetException|UndeclaredThrowableException)$/;
const CAUSED_BY = /^\s{0,8}Caused by: ([\w$]{1,80}(?:\.[\w$]{1,80}){0,12})/;

/**
 * A trace whose named exception is a generic one (`IllegalStateException` at the top and at the root, a
 * library's `SerializationException` between them): the last specific link of its "Caused by" chain is
 * named beside it as the cause, which is what on-call searches for.
 */
function nameSpecificCause(d: Draft, own: readonly string[]): void {
  const exception = d.names.exception;
  if (d.category !== 'application-error' || !exception || d.names.cause) return;
  let cause: string | undefined;
  for (const text of own) {
    for (const line of text.split('\n')) {
      const name = CAUSED_BY.exec(line)?.[1];
      if (GENERIC_EXCEPTION.test(exception) && name && !GENERIC_EXCEPTION.test(name)) cause = name;
      // Spring folds its chain into one line ("...; nested exception is org.flywaydb...FlywayException:
      // Validate failed"): the innermost link is the failure, the bean-creation wrappers only carry it.
      const nested = lastNested(line.slice(0, MAX_LINE));
      if (nested && !GENERIC_EXCEPTION.test(nested)) cause = nested;
    }
  }
  if (cause && cause !== exception) d.names.cause = cause;
}

const NESTED = /nested exception is ([\w$]{1,80}(?:\.[\w$]{1,80}){0,12})/g;

function lastNested(line: string): string | undefined {
  let last: string | undefined;
  for (const m of line.matchAll(NESTED)) last = m[1];
  return last;
}

/** Token services and issuers a credential's error names in passing: never the service that refused it. */
const TOKEN_ISSUER_HOSTS = /^(?:sts\.windows\.net|login\.microsoftonline\.com|login\.windows\.net|management\.azure\.com)$/i;
/** Key Vault's refusals name the vault without its host (`on key vault 'kv-app;location=westeurope'`). */
const KEY_VAULT_NAMED = /\bon key vault '([a-z0-9][a-z0-9-]{2,23})[;']/i;
/** A settings class pydantic validated (`1 validation error for KeycloakSettings`): where the fields are declared. */
const SETTINGS_CLASS = /\bvalidation errors? for ([A-Z][A-Za-z0-9_]{1,80})\b/;

/** The service a refusal names, over an issuer host the same line mentions; a settings class beside its field. */
function nameRefusingService(d: Draft, lines: readonly string[]): void {
  const vault = lines.map((l) => KEY_VAULT_NAMED.exec(l)?.[1]).find((v) => v !== undefined);
  if (vault && (!d.names.host || TOKEN_ISSUER_HOSTS.test(d.names.host))) d.names.host = vault;
  // A config key in an error code (Mattermost's `model.config.is_valid.site_url.app_error`).
  if (d.category === 'missing-configuration' && !d.names.setting) {
    const key = lines.map((l) => /\bis_valid\.([a-z][a-z0-9_]{2,60})\.app_error\b/.exec(l)?.[1]).find((v) => v !== undefined);
    if (key) d.names.setting = key;
  }
  if (d.category === 'missing-configuration' && !d.names.settingsClass) {
    const cls = lines.map((l) => SETTINGS_CLASS.exec(l)?.[1]).find((v) => v !== undefined);
    if (cls) d.names.settingsClass = cls;
  }
}

/** Directories images keep their code in: a volume mounted there replaces the code with the share's files. */
const APP_CODE_DIR = /^\/(?:app|code|src|srv\/app|usr\/src\/app|opt\/app|home\/app|workspace)\/?$/;

/** A resolver's refusal of a name (glibc, Go, Node, Java, libpq). */
const NAME_LOOKUP_FAILED = /Name or service not known|could not translate host name|no such host|\bENOTFOUND\b|UnknownHostException|Temporary failure in name resolution|nodename nor servname/i;

/** How much of what the replica said around a finding is read for names. */
const CONTEXT_LINES = 40;
const CONTEXT_MS = 2 * 60_000;

/**
 * Fills each finding's missing names from its own evidence lines first, then from what its replica said
 * just before it (a wrapper line's evidence may sit above the frame or the resource line that names the
 * thing), then from the configuration (the memory limit, the secret behind a variable, the volume).
 */
/**
 * One full disk reported twice: a line that names the directory (a download's free-space warning) and the
 * write that then failed without a path (`[Errno 28] No space left on device`). The directory is the
 * thing to move to a larger volume, whichever of the two findings leads.
 */
function shareStoragePath(drafts: Draft[]): void {
  const storage = drafts.filter((d) => d.category === 'storage-failure' && d.source !== 'config');
  const file = storage.find((d) => d.names.file)?.names.file;
  if (file) for (const d of storage) d.names.file ??= file;
}

/** The Dapr runtime's own logfmt line (`... scope=dapr.runtime type=log`). */
const DAPR_RUNTIME_LINE = /\bscope=dapr\.[\w.]{1,60}\b/;

/**
 * The sidecar's lines reach the app's console table without a container of their own: a finding made only
 * of the Dapr runtime's lines, in an app with Dapr enabled, was printed by daprd.
 */
function printedByDaprd(own: readonly string[], config: AppConfig | undefined): boolean {
  return config?.dapr?.enabled === true && own.length > 0 && own.every((l) => DAPR_RUNTIME_LINE.test(l));
}

/**
 * A name lookup that failed without naming the host (`[Errno -2] Name or service not known`) was for the host
 * of the last request the app logged before it (an SDK's debug `Request URL: ...`), not the first host the
 * replica mentioned: read the rows up to the failure from the nearest back.
 */
function hostBeforeFailedLookup(d: Draft, found: Found, own: readonly string[], context: readonly string[], env: Set<string>, secrets: Set<string>): string | undefined {
  if (d.category !== 'dependency-unreachable' || found.host || !own.some((l) => NAME_LOOKUP_FAILED.test(l))) return undefined;
  const last = context.reduce((at, l, i) => (own.includes(l) ? i : at), -1);
  for (let i = last; i >= 0; i--) {
    const nearest: Found = {};
    readLine(context[i]!, nearest, env, secrets);
    if (nearest.host && !IPV4.test(nearest.host)) return nearest.host;
  }
  return undefined;
}

export function nameEntities(drafts: Draft[], config: AppConfig | undefined, consoleLines: readonly TimedLine[] = [], failing?: string): void {
  const { env, secrets } = configNames(config);
  shareStoragePath(drafts);
  let management: string | undefined;
  for (const d of drafts) {
    if (d.source === 'config' || d.benign) continue;
    const own = d.evidence.filter((e) => e.source !== 'config').map((e) => e.text.slice(0, MAX_LINE));
    const found: Found = {};
    for (const line of own) readLine(line, found, env, secrets);
    const around: Found = {};
    const window = linesAround(d, consoleLines, { from: 'first', before: CONTEXT_MS, after: 5_000 }).slice(-CONTEXT_LINES);
    const context = window.map((l) => l.text.slice(0, MAX_LINE));
    // The container that printed the finding's own lines (an init container's, a sidecar's) is the one
    // whose image and command the configuration names for it.
    const printedBy = window.find((l) => l.container && own.includes(l.text.slice(0, MAX_LINE)))?.container;
    if (printedBy && d.names.container === undefined) d.names.container = printedBy;
    if (d.names.container === undefined && printedByDaprd(own, config)) d.names.container = 'daprd';
    for (const line of context) readLine(line, around, env, secrets);
    const lookupHost = hostBeforeFailedLookup(d, found, own, context, env, secrets);
    if (lookupHost) around.host = lookupHost;
    const keep = KEEP[d.category] ?? ALL;
    // The server's own name for the error outranks the client library's generic class it came wrapped in.
    const codeName = found.codeName ?? around.codeName;
    if (codeName && keep.includes('exception') && d.names.exception === undefined) d.names.exception = codeName;
    for (const key of keep) {
      // A status read around the failure counts only from an error line (an access log's 404 is not one).
      const value = found[key] ?? (key === 'status' ? around.errorStatus : around[key]);
      if (value && d.names[key] === undefined) d.names[key] = value;
    }
    // A name lookup that failed was for a name: an IP literal never fails getaddrinfo, so one read from
    // the rows around it is another line's address, not the host that did not resolve.
    if (d.category === 'dependency-unreachable' && d.names.host && IPV4.test(d.names.host) && own.some((l) => NAME_LOOKUP_FAILED.test(l))) {
      delete d.names.host;
      delete d.names.port;
    }
    // The address a login was refused from (`'laravel'@'10.240.1.37'`, pg_hba's host) is the app's own.
    if (d.category === 'authentication-failure' && d.names.address && d.names.host === d.names.address) delete d.names.host;
    // The address a service's firewall says it refused (`Client address: 20.61.146.97`) is the app's own
    // outbound address, not the service: keep it as the address, not the host.
    const refusedFrom = [...own, ...context].map((l) => FIREWALL_CLIENT_ADDRESS.exec(l)?.[1]).find((a) => a !== undefined);
    if (refusedFrom && d.names.host === refusedFrom) {
      d.names.address ??= refusedFrom;
      delete d.names.host;
    }
    // The heap V8's last GCs report just before its fatal line (`Mark-Compact 984.7 (1003.7) -> ...`): a
    // heap cap at or below it would fail sooner, so the steps raise memory with the cap instead.
    if (d.category === 'out-of-memory' && !d.names.gcHeapMb) {
      const mb = Math.max(0, ...[...own, ...context].map((l) => Number(V8_GC_HEAP.exec(l)?.[1] ?? 0)));
      if (mb > 0) d.names.gcHeapMb = String(Math.round(mb));
    }
    if (d.category === 'out-of-memory' && !d.names.memoryWarning) {
      const warned = [...own, ...context].find((l) => MEMORY_WARNING.test(l));
      if (warned) d.names.memoryWarning = warned.trim().slice(0, 160);
    }
    // The user a refused write ran as, when the replica printed it (`uid=1000(docker)`).
    if (d.category === 'permission-denied' && !d.names.user) {
      const runAs = found.runAs ?? around.runAs;
      if (runAs) d.names.user = runAs;
    }
    namePrinted(d, found, around);
    nameSpecificCause(d, own);
    nameRefusingService(d, [...own, ...context]);
    // A line that says not which container wrote it is the failing container's when the platform names one.
    fillFromConfig(d, config, [...own, ...context].join('\n'), failing);
    // A probe on the main port of an app that serves its health endpoints on a management port of its own.
    if (d.category === 'probe-failure' && !d.names.managementPort) {
      management ??= managementPort(consoleLines) ?? '';
      if (management && management !== (d.names.probePort ?? d.names.port)) d.names.managementPort = management;
    }
  }
}
