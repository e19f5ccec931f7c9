import { BEAM_MEMORY_STEP, consoleFamily } from '../categoryText';
import { OPTIONAL_SETTING } from './general';
import { LINKS } from '../links';
import { AZURE_FILES_OWNER_STEPS } from '../causeSteps';
import { MEMORY_METRIC, RAISE_MEMORY_NEXT, RESTART_REVISION, SHOW_ENV_NAMES, SHOW_RESOURCES } from '../commandTemplates';

/**
 * One failure, many wordings: rules written for the shape of a failure rather than one library's phrase.
 * They match case-insensitively (loggers upper-case whole lines, libraries capitalise differently) and
 * every repetition is bounded, so each pattern stays linear on any line.
 */
/** The migration tools whose locks the migration-lock rule reads: each gets its own release step. */
const LIQUIBASE_LOCK = /change ?log lock|DATABASECHANGELOGLOCK|liquibase/i;
const KNEX_LOCK = /MigrationsAreLockedError|Migration table is already locked|knex/i;
/** A URL scheme the client names as the problem: SQLAlchemy's renamed postgres dialect, or a driver listing the schemes it takes. */
const SQLALCHEMY_POSTGRES = /Can't load plugin: sqlalchemy\.dialects:postgres\b/;
const SCHEME_NAMED = /expected connection string to start with (?<schemes>"[\w+]{1,20}:\/\/"(?: or "[\w+]{1,20}:\/\/"){0,3})|must specify one of the following schemes \((?<schemes_2>[\w+:\/, ]{1,120})\)/;
/** A server's own syntax error in its configuration file, by server: Caddy's adapter, nginx's [emerg], Apache's "Syntax error on line". */
const CADDY_CONFIG_ERROR = /\badapting config using caddyfile\b|\bCaddyfile:\d/i;
const NGINX_CONFIG_ERROR = /\[emerg\]/;
const APACHE_CONFIG_ERROR = /\bSyntax error on line \d{1,6} of \//i;
const SERVER_CONFIG_ERROR = /\badapting config using \w|\bCaddyfile:\d|\[emerg\]|\bSyntax error on line \d{1,6} of \//i;
/** The configuration file a program names on the line before its decoding error. */
const CONFIG_FILE_NAMED =
  /\b(?:failed|error) (?:parsing|loading|reading|decoding) (?:the )?config(?:uration)?(?: file)?:? ['"]?(?<file>[\w.\/~-]{1,200}\.(?:ya?ml|toml|conf|cfg|json|ini|xml|hcl))\b|\berror initializing config(?:uration)? '(?<file_2>\/[\w.\/-]{1,160})'/i;
/** A service that takes no public traffic at all (as opposed to a firewall that lacks one address). */
const PUBLIC_ACCESS_OFF = /Deny Public Network Access is set to Yes|Public network access is disabled|ForbiddenByConnection/i;

/**
 * A configuration file's rejected key, named with the section it sits in when the program printed one
 * (`service.telemetry.metrics` + `address`, `static_resources.listeners[0].filter_chains` + `tls_context`):
 * `setting` is the dotted path, `key` the key alone.
 */
export function sectionAndKey(n: Record<string, string>): Record<string, string> {
  if (!n.key) return n;
  const section = [n.section, n.component].filter(Boolean).join('.');
  return { ...n, setting: section ? `${section}.${n.key}` : n.key };
}

/** Google's "no Application Default Credentials" in any of its wordings: the variable the libraries read first. */
const GOOGLE_ADC = /\b(?:could not find default credentials|Could not automatically determine credentials|Your default credentials were not found|Could not load the default credentials|The Application Default Credentials are not available)\b/i;
function googleDefaultCredentials(n: Record<string, string>): Record<string, string> {
  if (!n.gcp) return n;
  const { gcp: _wording, ...rest } = n;
  return { ...rest, envVar: rest.envVar ?? 'GOOGLE_APPLICATION_CREDENTIALS' };
}

export const CROSS_RUNTIME_RULES = consoleFamily('cross-runtime', [
  {
    id: 'console.os.tzdata-missing',
    category: 'missing-module',
    title: 'the image has no time zone data for {zone}',
    // A zone in IANA Area/City form that the runtime cannot find: .NET reads /usr/share/zoneinfo (absent on
    // Alpine and distroless unless tzdata is installed), Go's LoadLocation and Python's zoneinfo the same
    // database. A Windows zone id (no slash) on Linux is a code problem and stays out.
    pattern:
      /\bCould not find (?:a part of the path|file) '\/usr\/share\/zoneinfo\/(?<zone>[A-Za-z_]{2,20}\/[\w+-]{1,40}(?:\/[\w+-]{1,30})?)'|\bThe time zone ID '(?<zone_2>[A-Za-z_]{2,20}\/[\w+-]{1,40}(?:\/[\w+-]{1,30})?)' was not found|\bunknown time zone (?<zone_3>[A-Z][A-Za-z_]{1,19}\/[\w+-]{1,40})|\bNo time zone found with key (?<zone_4>[A-Z][A-Za-z_]{1,19}\/[\w+-]{1,40})/,
    keywords: ['zoneinfo', 'time zone id', 'unknown time zone', 'no time zone found'],
    normalizeNames: (n) => ({ ...n, file: `/usr/share/zoneinfo/${n.zone ?? ''}`, module: 'tzdata' }),
    confidence: 0.9,
    explanation:
      'The app asked for the time zone {zone}, and the image has no time zone database (the tzdata package): slim, Alpine, distroless and scratch images leave it out, so /usr/share/zoneinfo/{zone} does not exist.',
    actions: [
      'Install the time zone data in the final image stage (`apk add --no-cache tzdata` on Alpine, `apt-get install -y tzdata` on Debian/Ubuntu; for Go, import time/tzdata or copy /usr/share/zoneinfo from the build stage; for Python, pip install tzdata), then redeploy.',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.env.not-found-named',
    category: 'missing-configuration',
    title: '{envVar} is not set',
    // Prisma ("Environment variable not found: DATABASE_URL."), config loaders and ORMs in their own words.
    pattern:
      /\benv(?:ironment)?[ _-]?var(?:iable)?s? (?:not found|missing|not set|is not set|is required|must be set|not defined)[:\s'"`]{1,4}(?<envVar>[A-Za-z][A-Za-z0-9_]{1,80})|"(?<envVar_2>[A-Z][A-Z0-9_]{1,80})" env(?:ironment)? var(?:iable)? is (?:missing|not set|required)\b/i,
    keywords: ['environment variable', 'env var', 'env_var', 'environment_variable'],
    confidence: 0.88,
  },
  {
    id: 'console.worker.sigkill',
    category: 'out-of-memory',
    title: 'a worker process was killed with SIGKILL (signal 9), the out-of-memory killer\'s signal',
    // gunicorn, php-fpm, uvicorn/puma supervisors and others report a worker killed by signal 9 in their own words.
    pattern:
      // One gap only: two lazy gaps in a row (before the verb and before "signal 9") were polynomial.
      /\b(?:worker|child|process|pid)\b.{0,110}?(?:\bsignal 9\b|SIGKILL|signal: killed)|\bdied with <Signals\.SIGKILL: 9>|\bCalledProcessError\(-9, |\breturned non-zero exit status -9\b/i,
    // Go's os/exec words SIGKILL "signal: killed" (Ollama's "llama runner process has terminated: signal: killed").
    // Python's subprocess reports a child killed by signal 9 as a negative return code (`CalledProcessError(-9, [...])`,
    // `died with <Signals.SIGKILL: 9>`, `returned non-zero exit status -9`): the command between is too long for the gap.
    keywords: ['signal 9', 'sigkill', 'signal: killed', 'calledprocesserror(-9', 'exit status -9'],
    signal: 'memory',
    confidence: 0.8,
    explanation:
      'The process manager reports that one of its workers was killed with SIGKILL. Inside a container that is almost always the kernel\'s out-of-memory killer acting on the worker that grew past the container\'s memory limit; the manager itself survives and starts a new worker, so the container may not exit at all.',
    actions: [
      { text: 'Compare the peak memory working set of the revision with its memory limit.', command: MEMORY_METRIC },
      // A model runner (Ollama's llama runner) holds the whole model in memory: the model's size is the lever.
      {
        when: /\brunner process\b/,
        decisive: true,
        text: 'The model runner was killed for memory: the model and its context do not fit the container\'s {memoryLimit|memory}. Serve a smaller or more quantised model (a 4-bit tag, fewer parameters) or a shorter context, or run it where there is memory for it (a larger memory or GPU workload profile).',
      },
      { needs: ['nextMemory'], unless: /\brunner process\b/, text: 'Lower the number of workers or their memory use, or raise the container to the next CPU/memory pair ({nextCpu} CPU, {nextMemory}); this creates a new revision.', command: RAISE_MEMORY_NEXT },
      { absent: ['nextMemory'], unless: /\brunner process\b/, text: 'Lower the number of workers or their memory use; if each worker needs what it holds, read the container\'s memory and raise it to the next CPU/memory pair.', command: SHOW_RESOURCES },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.env.invalid-list',
    category: 'missing-configuration',
    title: '{envVar|a required environment variable} is missing or invalid',
    // Schema validators (zod/t3-env, envalid, joi) print a header, then the variables on the same or the next rows.
    // NestJS's ConfigModule says only "Environment validation failed" on its first row.
    pattern: /\b(?:invalid|missing|required) environment variables?\b|\benvironment variables? (?:validation failed|are missing|is invalid)|\benvironment validation failed\b/i,
    keywords: ['environment variable', 'environment validation failed'],
    context: /\b(?<envVar>[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,8})\b/,
    contextBoost: 0.03,
    confidence: 0.85,
  },
  {
    id: 'console.port.bind-failed',
    category: 'port-misconfiguration',
    title: 'the server could not bind {address|its address}{:port}',
    // Jetty, Tomcat's connector and others that do not say "address already in use" on the same row.
    pattern:
      /Failed to bind to (?:[\w.-]{1,60}\/)?(?<address>[\w.:\[\]-]{1,60}?):(?<port>\d{2,5})\b|Failed to start end point associated with ProtocolHandler \["?[a-z]+-[a-z]+-(?<port_2>\d{2,5})"?\]|Failed to initialize end point associated with ProtocolHandler/i,
    keywords: ['failed to bind to', 'protocolhandler'],
    confidence: 0.82,
  },
  {
    id: 'console.port.in-use-named',
    category: 'port-misconfiguration',
    title: 'port {port} is already taken inside the replica',
    // Servers name the clashing port each in their own words: uvicorn's address tuple, puma's bind(2),
    // php-fpm's listening socket, Netty/Micronaut's "Port *:N already in use", Tomcat's connector,
    // Quarkus's "Port 8080 seems to be in use by another process".
    pattern:
      /bind on address \('(?<address>[^'\n]{0,60})', (?<port>\d{2,5})\): address already in use|in use - bind\(2\) for "?(?<address_2>[^"\s]{1,60})"? port (?<port_2>\d{2,5})|unable to bind listening socket for address '(?<address_3>[^'\n]{0,60}?):(?<port_3>\d{2,5})': Address (?:already )?in use|\bPort (?:[\w.*\[\]-]{1,60}:)?(?<port_4>\d{2,5}) (?:is )?already in use|connector configured to listen on port (?<port_5>\d{2,5}) failed to start|\bPort (?<port_6>\d{2,5}) seems to be in use by another process\b/i,
    keywords: ['in use', 'failed to start'],
    confidence: 0.91,
    explanation:
      'The server could not listen on port {port} because another process in the same replica (a sidecar, a second server in the same image, or the app itself started twice) already holds it. Containers of one replica share a network namespace, so their ports must differ.',
    // The clash is nearly always inside one container: the image starts a second listener on the same port.
    actions: [
      {
        unless: /puma|bind\(2\)|php-fpm|listening socket/i,
        absent: ['sidecars'],
        text: 'Port {port} is taken inside the container itself (the app has no sidecar): the entrypoint starts the server twice, or a second server in the image (a control, admin or metrics endpoint) uses the same port. Find it in the start command and the server\'s configuration and give it another port.',
      },
      {
        needs: ['sidecars'],
        text: 'Other containers share this replica\'s network ({sidecars}): find which one (or a second server in the app\'s own image) listens on {port} and move it to another port.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].{name:name,image:image,args:args}' -o table",
      },
      {
        when: /puma|bind\(2\)/i,
        text: 'Puma binds {port} twice: a control app (activate_control_app or control_url in config/puma.rb) or a second bind/port line on the same port. Remove it or move it to another port.',
      },
      {
        when: /php-fpm|listening socket/i,
        text: 'php-fpm has two pools listening on {port} (www.conf and a second pool file such as zz-docker.conf): keep one `listen =` per port.',
      },
      {
        when: /springframework|Tomcat|connector configured/i,
        text: 'Spring Boot: check that server.port (SERVER_PORT) and management.server.port do not both say {port}, and that nothing else in the image starts on it.',
      },
      {
        when: /micronaut|netty/i,
        text: 'Micronaut: check micronaut.server.port (MICRONAUT_SERVER_PORT) against any other listener in the image (a metrics exporter, a management port) set to {port}.',
      },
    ],
    links: [LINKS.ingress],
  },
  {
    id: 'console.perm.access-to-path',
    category: 'permission-denied',
    title: 'access to {file} was denied',
    // .NET's UnauthorizedAccessException and loggers that reprint its message without quotes.
    pattern: /Access to the path '(?<file>[^'\n]{1,300})' is denied|Access to the path (?<file_2>\/[^\s']{1,300}) is denied/,
    keywords: ['access to the path'],
    confidence: 0.88,
    explanation:
      'The process was refused access to {file}: the user the container runs as may not read or write it (a mounted volume owned by root, or an image directory owned by another user). The runtime then stopped the app, which is why the exit code reads as an abort.',
    actions: [
      ...AZURE_FILES_OWNER_STEPS,
      { absent: ['volume'], text: 'Check who owns {file} in the image and which user the container runs as.' },
      { absent: ['volume'], text: 'Write to a path the container user owns, or fix the ownership in the image (chown, or COPY --chown).' },
    ],
  },
  {
    id: 'console.perm.drive-access-denied',
    category: 'permission-denied',
    title: 'the server may not use its data or config directory {file}',
    // MinIO checks each drive (data directory) at start: "Unable to use the drive /export: drive access
    // denied: Invalid arguments specified", "unable to create (/export/.minio.sys/tmp) file access denied".
    // The "Invalid arguments specified" tail is MinIO's generic hint, not a second cause. Newer releases
    // name the drive and the file under it: "Drive /data, path (.minio.sys/pool.bin) returned an error
    // (file access denied)". Images whose start script checks the directory a variable names: Grafana's
    // "GF_PATHS_DATA='/var/lib/grafana' is not writable.". MinIO's own checks of its backend and config
    // directories: "Unable to write to the backend" with "Please ensure MinIO binary has write permissions for
    // the backend", and "Insufficient permissions to access path, `/root/.minio/certs`".
    pattern:
      /\bUnable to use the drive (?<file>\/[^\s:]{1,300}): (?:drive|file) access denied\b|\bunable to (?:create|rename|write|open) \((?<file_2>\/[^\s)]{1,300})[^)\n]{0,300}\) file access denied\b|\bDrive (?<file_3>\/[^\s,]{1,300}), path \([^)\n]{1,300}\) returned an error \((?:file|drive) access denied\)|\b(?<envVar>[A-Z][A-Z0-9_]{2,60})='(?<file_4>\/[^'\n]{1,300})' is not writable\b|\bInsufficient permissions to access path(?:, `(?<file_5>\/[^`\n]{1,300})`)?|\bUnable to write to the backend\b|\bPlease ensure MinIO binary has write permissions\b/i,
    keywords: ['access denied', 'is not writable', 'insufficient permissions to access path', 'unable to write to the backend', 'write permissions'],
    // MinIO's backend check names no path; the hint under it does ("Use 'sudo chown root /data && ...'").
    context: /\bchown (?:-R )?[\w.:-]{1,60} (?<file>\/[\w.\/-]{1,300})/,
    confidence: 0.86,
    explanation:
      'The server checked its data directory {file} and may not write there: the user it runs as does not own the directory, or the volume behind it is mounted with owner and mode bits that refuse that user (an Azure Files share is mounted as root unless its mount options say otherwise).',
    actions: [
      ...AZURE_FILES_OWNER_STEPS,
      { absent: ['volume'], text: 'Give the user the server runs as write access to {file} in the image (chown, or COPY --chown), or point the server at a directory that user owns.' },
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.storage.write-invalid-argument',
    category: 'storage-failure',
    title: 'the filesystem under {file} refuses the server\'s writes (invalid argument)',
    // Go's "write /data/.minio.sys/tmp/…: invalid argument" (*fs.PathError), MinIO's "Unable to use the
    // drive /tmp: invalid argument": EINVAL from a file call means the filesystem does not support the way
    // the program opens or writes the file — no O_DIRECT on Azure Files (SMB) or tmpfs — not a bad path.
    // Go's File.Sync on a directory of an SMB share ("sync /prometheus/wal: invalid argument", Prometheus's
    // TSDB and Syncthing's database panic on it) is the same refusal: CIFS does not fsync directories.
    pattern:
      /\b(?:write|open|openat|pwrite|fallocate|fsync|sync) (?<file>\/[^\s:]{1,300}): invalid argument\b|\bUnable to use the drive (?<file_2>\/[^\s:]{1,300}): invalid argument\b/i,
    keywords: ['invalid argument'],
    confidence: 0.8,
    explanation:
      'Writing {file} failed with "invalid argument" (EINVAL): the filesystem the path sits on does not support the I/O the program asks for. Object stores and databases that open their files with O_DIRECT (MinIO among them) cannot run on an Azure Files SMB share or a tmpfs, which have no direct I/O; the same files on a disk that supports it work.',
    actions: [
      {
        needs: ['volume'],
        decisive: true,
        text: '{file} is on volume {volume}: an Azure Files (SMB) share cannot serve the direct-I/O writes or directory syncs this server needs. Back the data with storage that supports them (an NFS Azure Files share, storage type NfsAzureFile, or Azure Blob Storage used directly by the app), or use the server\'s own option to turn direct I/O off where it has one; then create a new revision.',
      },
      { absent: ['volume'], text: 'Check which filesystem {file} is on: a network share or tmpfs without direct I/O makes these writes fail; move the data directory to storage that supports them.' },
      { text: 'The volumes the revision mounts, with their storage types:', command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.volumes' -o json" },
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.storage.tsdb-block-corrupt',
    category: 'storage-failure',
    title: 'Prometheus could not open its TSDB: a block on disk is incomplete or corrupt{: file}',
    // Prometheus (and Thanos, Cortex on the same tsdb package) at start: "opening storage failed: block dir:
    // "/data/01ENRA…": open /data/01ENRA…/meta.json: no such file or directory", "...: unexpected end of JSON
    // input", "reloadBlocks: corrupted block 01HWG…: invalid magic number". A block directory without its
    // meta.json is a compaction cut short: the filesystem lost or never finished the write (a networked
    // filesystem, a second writer, a kill mid-compaction), not a configuration file the operator forgot.
    pattern:
      /\bopening storage failed:? .{0,300}?(?:block dir: \\?"?(?<dir>\/[^\s":\\]{1,300})\\?"?: open (?<file>\/[^\s":\\]{1,300}): no such file or directory|unexpected end of JSON input|corrupted block\b|invalid magic number)/i,
    keywords: ['opening storage failed'],
    confidence: 0.9,
    explanation:
      'The server found a block directory {dir|in its data directory} that is missing files or holds a truncated one, and refuses to open the database. Blocks are written by compaction; one left half-written means the filesystem did not persist it: networked filesystems such as an Azure Files SMB share are not supported for the TSDB, and a second replica writing the same share corrupts it too.',
    actions: [
      {
        needs: ['volume'],
        decisive: true,
        text: '{file|The block} is on volume {volume}: move the damaged block directory {dir|} aside (or delete it; its data is lost either way), then keep the TSDB off the SMB share: an ephemeral volume (storage type EmptyDir) with remote_write for persistence, or an NFS Azure Files share (storage type NfsAzureFile). Edit properties.template.volumes in the app\'s YAML and apply it, which creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
      { absent: ['volume'], text: 'Move the damaged block directory {dir|} out of the data directory so the server can start, and check that only one replica writes the data directory and that it sits on a local filesystem.' },
      { text: 'The volumes the revision mounts, with their storage types:', command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.volumes' -o json" },
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.storage.lock-unsupported',
    category: 'storage-failure',
    title: 'the filesystem under the server\'s data refuses its file locks or memory maps{: file}',
    // Servers that lock their data directory or mmap files in it, on a filesystem without POSIX locks or
    // mmap semantics (an Azure Files SMB share): Prometheus TSDB's "opening storage failed: lock DB
    // directory: no locks available" (ENOLCK) or "...: resource temporarily unavailable" (EAGAIN: a second
    // process, another replica on the same share, holds the lock), its query log's "truncate
    // /prometheus/queries.active: interrupted system call" and "panic: Unable to create mmap-ed active query
    // log". The Go panic that follows is the consequence, not the cause. Paths start a token and end at ':'.
    pattern:
      /\block DB directory: (?:no locks available|resource temporarily unavailable)\b|\bno locks available\b|\bUnable to create mmap-ed active query log\b|(?:^|[\s"=])(?:truncate|mmap|flock|fcntl|fallocate) (?<file>\/[\w.@\/-]{1,200}): (?:interrupted system call|resource temporarily unavailable|operation not supported)\b/i,
    keywords: ['lock db directory', 'no locks available', 'mmap-ed', 'interrupted system call', 'resource temporarily unavailable', 'operation not supported'],
    context: /(?:^|[\s"=])(?:truncate|mmap|flock|fcntl|fallocate) (?<file>\/[\w.@\/-]{1,200}): /,
    signal: 'storage',
    confidence: 0.86,
    explanation:
      'The server locks its data directory (or memory-maps files in it) at start and the filesystem refused: networked filesystems such as an Azure Files SMB share give no POSIX advisory locks and no reliable mmap or truncate, so the server cannot open its storage and stops (Prometheus documents NFS and SMB as unsupported). "Resource temporarily unavailable" on the lock means another process holds it: a second replica or the previous revision using the same share.',
    actions: [
      {
        needs: ['volume'],
        decisive: true,
        text: '{file|The data directory} is on volume {volume}: keep the server\'s data off the SMB share. Use an ephemeral volume (storage type EmptyDir) and ship data elsewhere (Prometheus: remote_write), or an NFS Azure Files share (storage type NfsAzureFile), which supports the locks; edit properties.template.volumes in the app\'s YAML and apply it, which creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
      { absent: ['volume'], text: 'Check which filesystem {file|the data directory} is on: a network share (SMB, NFS without locking) cannot give the server its file locks or memory maps; move the data to a local or ephemeral path.' },
      { when: /resource temporarily unavailable/i, text: 'Keep a single writer on the share: maxReplicas 1 and single revision mode, so no second replica or old revision holds the lock while the new one starts.' },
      { text: 'The volumes the revision mounts, with their storage types:', command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.volumes' -o json" },
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.perm.mlock-refused',
    category: 'permission-denied',
    title: 'the server may not lock its memory (mlock): set {setting|disable_mlock}',
    // Vault's (and Consul's, OpenBao's) "Error initializing core: Failed to lock memory: cannot allocate
    // memory" with "This usually means that the mlock syscall is not available": the container lacks the
    // IPC_LOCK capability (or the locked-memory limit), which Container Apps does not grant. Not memory pressure.
    pattern: /\bFailed to lock memory: (?:cannot allocate memory|operation not permitted)\b|\bthe mlock syscall is not available\b/i,
    keywords: ['failed to lock memory', 'mlock syscall'],
    context: /`?(?<setting>disable_mlock)`?/,
    normalizeNames: (n) => ({ setting: 'disable_mlock', ...n }),
    confidence: 0.9,
    explanation:
      'The server calls mlock to keep secrets out of swap and the kernel refused: that needs the IPC_LOCK capability (or root with a locked-memory limit), which a Container Apps container does not get. "Cannot allocate memory" here is mlock\'s ENOMEM, not the container running out of memory.',
    actions: [
      {
        decisive: true,
        text: 'Set disable_mlock = true in the server\'s configuration file (Vault: the top level of vault.hcl; or VAULT_DISABLE_MLOCK=true) and redeploy; containers without swap keep secrets out of it anyway. Integrated storage (raft) deployments should also keep swap off.',
      },
      { text: 'Restart the revision after the configuration changes (a change of variables creates a new revision by itself).', command: RESTART_REVISION },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.perm.private-key-too-open',
    category: 'permission-denied',
    title: 'the private key {file|file} is refused: its permissions are too open',
    // Clients and servers that refuse a key file readable by others: libpq and PostgreSQL ('private key file
    // "/x" has group or world access'), lib/pq ("pq: Private key file has group or world access", "Private
    // key has world access"), OpenSSH ("WARNING: UNPROTECTED PRIVATE KEY FILE!", "Permissions 0644 for '/x'
    // are too open"). Secret and Azure Files volumes mount files readable by all, so the key is refused.
    pattern:
      /\bprivate key file "(?<file>[^"\n]{1,300})" has group or world access\b|\bPrivate key (?:file )?has (?:group or )?world access\b|\bPermissions 0?[0-7]{3,4} for '(?<file_2>[^'\n]{1,300})' are too open\b|\bUNPROTECTED PRIVATE KEY FILE\b/i,
    keywords: ['world access', 'are too open', 'unprotected private key file'],
    context: /\bPermissions 0?[0-7]{3,4} for '(?<file>[^'\n]{1,300})' are too open\b/,
    confidence: 0.9,
    explanation:
      'The program checks the mode of its private key file {file|} and refuses one that group or others can read. Files mounted from a secret volume or an Azure Files share are readable by all, and a chmod in the image does not apply to a mount, so the key is refused at every start.',
    actions: [
      {
        decisive: true,
        text: 'Copy the key at start (in the entrypoint or an init container) to a private path owned by the user the process runs as, `chmod 600` it, and point the setting that names the key file ({envVar|the key-file setting}) at the copy; then deploy the new revision.',
      },
      { needs: ['volume'], text: 'Volume {volume} mounts the key: its files cannot be given mode 0600 in place, so copy it as above rather than changing the mount.' },
    ],
  },
  {
    id: 'console.db.link-failure',
    category: 'dependency-unreachable',
    title: 'the database server {host|}{:port} could not be reached',
    // MySQL Connector/J under Hikari, Prisma's P1001 and similar client wordings for "no route to the server".
    pattern: /Communications link failure|Can't reach database server at `?(?<host>[\w.-]{1,200})`?:`?(?<port>\d{2,5})/,
    keywords: ['communications link failure', "can't reach database server"],
    confidence: 0.87,
    explanation:
      'The database client got no answer from the server: it is stopped, its firewall or private endpoint does not admit the environment, or the host name in the connection settings is wrong.',
    actions: [
      'Check that the database server is running and that its firewall or private endpoint admits the Container Apps environment\'s outbound addresses.',
      'Check the host and port in the connection setting of this revision.',
    ],
  },
  {
    id: 'console.config.strconv',
    category: 'missing-configuration',
    title: 'a setting could not be parsed (Go strconv: "{value}")',
    pattern: /strconv\.(?:Atoi|ParseInt|ParseUint|ParseBool|ParseFloat|ParseDuration): parsing "(?<value>[^"\n]{0,100})": invalid syntax|time: invalid duration "(?<value_2>[^"\n]{0,100})"/,
    keywords: ['strconv.', 'invalid duration'],
    context: /\benv\b|getenv|config|setting|flag|envconfig/i,
    requireContext: true,
    confidence: 0.84,
    explanation:
      'A setting read at startup (an environment variable or a config field) holds a value of the wrong shape for its type, so parsing failed and the program stopped. The value needs fixing, not the code.',
  },
  {
    id: 'console.python.int-from-setting',
    category: 'missing-configuration',
    title: 'a setting could not be parsed as a number ({value})',
    pattern: /ValueError: (?:invalid literal for int\(\) with base \d{1,2}|could not convert string to float): (?<value>'[^'\n]{0,100}')/,
    keywords: ['invalid literal for int()', 'could not convert string to float'],
    context: /os\.environ|getenv|environ\.get|settings|config/i,
    requireContext: true,
    confidence: 0.84,
    explanation:
      'The app converted a setting read from the environment to a number at startup and the value was not one. The variable is set to something of the wrong shape.',
  },
  {
    id: 'console.host.undefined',
    category: 'missing-configuration',
    title: 'the host setting is empty: the app tried to resolve the host name "{host}"',
    // ENOTFOUND undefined: the code read a host from a setting that is not there, then passed it on.
    pattern: /\b(?:ENOTFOUND|EAI_AGAIN|getaddrinfo \w{1,20}) (?<host>undefined|null|None|nil)\b/,
    keywords: ['enotfound', 'eai_again', 'getaddrinfo'],
    confidence: 0.93,
    explanation:
      'The app looked up a host literally named "{host}": the setting that should hold the host name (an environment variable or config key) is unset, so the language turned "no value" into that word. This is missing configuration, not a DNS problem.',
  },
  {
    id: 'console.node.error-object-code',
    category: 'dependency-unreachable',
    title: 'connection to {host|a dependency}{:port} failed ({code})',
    // Node prints an error object over several rows; the code row is the one a trace ends with.
    pattern: /^\s{0,8}code: '(?<code>ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH)',?\s*$/,
    keywords: ['enotfound', 'eai_again', 'econnrefused', 'etimedout', 'econnreset', 'ehostunreach', 'enetunreach'],
    context: /hostname: '(?<host>[^'\s]{1,200})'|address: '(?<host_2>[^'\s]{1,200})',\s{0,8}port: (?<port>\d{2,5})/,
    // Only with the host in the object: otherwise the message row above it says as much, with its names.
    requireContext: true,
    contextBoost: 0.05,
    confidence: 0.8,
  },
  {
    id: 'console.config.unparseable-value',
    category: 'missing-configuration',
    title: 'setting {envVar|a setting} is present but its value cannot be parsed',
    // pydantic v1 and v2, and the usual "not a valid integer" family: a set but invalid value is configuration.
    pattern:
      /value could not be parsed to a (?:boolean|integer|number)|Input should be a valid (?:boolean|integer|number)|value is not a valid (?:integer|float|boolean|enumeration member)|invalid (?:boolean|integer|digit found in string)/i,
    keywords: ['could not be parsed to a', 'input should be a valid', 'value is not a valid', 'invalid boolean', 'invalid integer', 'invalid digit'],
    context: /validation errors? for \w{1,80}\r?\n(?<field>[A-Za-z_][\w.]{0,80})\r?\n/,
    normalizeNames: (n) => (n.field ? { ...n, envVar: n.field.toUpperCase() } : n),
    confidence: 0.84,
    explanation:
      'A setting is present but its value is not of the expected type (a boolean, a number): the app validates its configuration at startup and stops. The value in the environment variable or secret needs fixing, not the code.',
    actions: [
      'Check the value of {envVar|the setting} on the app: booleans as true/false, numbers without units or quotes.',
      'If it comes from a secret, check the secret\'s value for stray whitespace or newlines.',
    ],
  },
  {
    id: 'console.rust.parse-setting',
    category: 'missing-configuration',
    title: 'a setting could not be parsed ({error})',
    // Rust's ParseIntError & co. raised while reading the environment: configuration, not a code bug.
    pattern: /\b(?<error>Parse(?:Int|Float|Bool)Error)\b/,
    keywords: ['parseinterror', 'parsefloaterror', 'parseboolerror'],
    context: /\benv(?:::var)?\b|\bvar\(|config|setting|std::env/i,
    requireContext: true,
    confidence: 0.86,
    explanation:
      'The program read a setting from the environment and could not parse it as a number or boolean, then unwrapped the error and panicked. The variable is set to something of the wrong shape.',
  },
  {
    id: 'console.perm.path-denied',
    category: 'permission-denied',
    title: 'permission denied on {file}',
    // The app's own log line naming a path and "permission denied", whatever the casing or order.
    // The path is one character class ended by a character outside it, and starts only where a path can
    // start (not at every slash inside one), so no split of it is ever retried.
    // A shell script's own error ("/var/lib/neo4j/bin/neo4j: line 255: /var/lib/neo4j/conf/neo4j.conf:
    // Permission denied") names the script first and the refused path after the line number: the first
    // alternative, tried first at the line's start, takes the path after "line N:".
    pattern: /^(?:[^\s:]{1,200}: )?line \d{1,6}: (?<file_3>\/[\w.@\/-]{1,200}): permission denied\b|(?:^|[^\w.@\/-])(?<file>\/[\w.@\/-]{1,200})[^\w.@\/\n-].{0,90}?\bpermission denied\b|\bpermission denied\b[^\n/]{0,40}?(?<file_2>\/[\w.@\/-]{1,200})/i,
    keywords: ['permission denied'],
    unless: /\bmount error\(|publickey|for (?:table|schema|relation|database)\b/i,
    confidence: 0.78,
  },
  {
    id: 'console.native.shared-library-missing',
    category: 'missing-module',
    title: 'the shared library {library|the program needs} is not in the image',
    // The dynamic loader's words (glibc and musl), whichever program or runtime it was loading. Both name the
    // program that needs the library: glibc before its message ("./java: error while loading..."), musl
    // after it ("(needed by ./server)"). The program's path starts a token: a scan from inside a run of
    // characters would be retried from every one of them.
    pattern:
      /(?:^|[\s|])(?<file>[^\s:|]{1,200}): error while loading shared libraries: (?<library_4>[^\s:]{1,120}): cannot open shared object file: No such file|error while loading shared libraries: (?<library>[^\s:]{1,120}): cannot open shared object file: No such file|Error loading shared library (?<library_2>[^\s:]{1,120}): No such file or directory \(needed by (?<file_2>[^\s)]{1,200})\)|Error loading shared library (?<library_5>[^\s:]{1,120}): No such file|(?<library_3>lib[\w.+-]{1,80}\.so[\w.]{0,20}): cannot open shared object file: No such file/i,
    keywords: ['shared object file', 'shared librar'],
    confidence: 0.93,
    explanation:
      'The program starts, but the dynamic loader cannot find a library it was linked against: the OS package that provides it is missing from the final image (a slim or alpine base, or a multi-stage build that left it in the build stage), or the image has another major version of it.',
    links: [LINKS.containers],
  },
  {
    id: 'console.build.output-missing',
    category: 'missing-module',
    title: 'the app\'s build output {file|} is not in the image',
    // The server starts but the compiled output it serves was never built into the image.
    pattern: /Could not find a production build in the ['"]?(?<file>[^'"\s]{1,200})['"]? directory|no (?:production )?build (?:output )?(?:was )?found in ['"]?(?<file_2>[^'"\s]{1,200})/i,
    keywords: ['production build', 'build found', 'build output'],
    confidence: 0.9,
    explanation:
      'The start command serves a compiled build, but the build was not run in the image (or its output was not copied into the final stage), so the server has nothing to start.',
    actions: [
      'Run the build step (for example `npm run build`) in the Dockerfile before the start command, and copy its output ({file|the build directory}) into the final stage.',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.config.empty-value',
    category: 'missing-configuration',
    title: 'a setting the app needs is empty{: envVar}',
    // An empty string where a URL, connection string or password belongs: the variable is set but blank, or unset.
    pattern:
      /\b(?:could not|cannot|unable to) parse\b.{0,60}?(?:from string|:) ?(?:''|"")|\b(?:url|uri|connection ?string|dsn) (?:is |was |must not be |cannot be |can't be )?(?:empty|blank)\b|\bno password was (?:provided|supplied)\b|\bpassword (?:is |was )?(?:required but (?:not|none) (?:provided|given|set)|missing|not (?:provided|supplied))/i,
    keywords: ['parse', 'empty', 'blank', 'password'],
    context: /\b(?<envVar>[A-Z][A-Z0-9]{1,40}(?:_[A-Z0-9]{1,40}){1,6})\b/,
    contextBoost: 0.02,
    confidence: 0.8,
    explanation:
      'The app read an empty value where it needs a URL, a connection string or a password: the variable that should carry it is unset, set to an empty string, or points at a secret with no value.',
    actions: ['Set the variable the app reads for this value (from a secret reference when it holds a credential), then create a new revision.'],
    links: [LINKS.containers],
  },
  {
    id: 'console.network.firewall-blocked',
    category: 'dependency-unreachable',
    title: 'a service\'s firewall blocks the app{: host}',
    // Azure data services say so in their own words when their network rules refuse the caller's address:
    // Key Vault's ForbiddenByFirewall ("Client address is not authorized and caller is not a trusted service")
    // and ForbiddenByConnection (public access off), Azure SQL's "Deny Public Network Access is set to Yes".
    pattern:
      /\bblocked by (?:your |the )?[\w ]{0,40}?firewall\b|\bClient with IP address '[\d.]{7,15}' is not allowed to access the server|\bRequest originated from (?:client )?IP [\d.]{7,15}.{0,80}?blocked|\bis not authorized to access this resource because of (?:the )?(?:network|firewall)|\bClient address is not authorized and caller is not a trusted service\b|\bForbiddenBy(?:Firewall|Connection)\b|\bDeny Public Network Access is set to Yes\b|\bPublic network access is disabled and request is not from a trusted service\b/i,
    keywords: ['firewall', 'not allowed to access the server', 'request originated from', 'not a trusted service', 'forbiddenbyconnection', 'deny public network access', 'public network access is disabled'],
    confidence: 0.86,
    explanation:
      'The service was reached, but its network rules (firewall, allowed IP ranges or virtual networks) refuse the address the app connects from. Container Apps leave through the environment\'s outbound addresses (or its virtual network), which the service does not allow.',
    actions: [
      {
        unless: PUBLIC_ACCESS_OFF,
        text: 'Allow the environment\'s outbound IP addresses (or its subnet, through a service endpoint or private endpoint) in the service\'s network rules.',
      },
      {
        when: PUBLIC_ACCESS_OFF,
        text: 'The service has public network access turned off: reach it through a private endpoint in (or peered with) the environment\'s virtual network, with the service\'s private DNS zone linked to that network so its name resolves to the private address.',
      },
    ],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'console.browser.executable-missing',
    category: 'missing-module',
    title: 'the headless browser {file|} is not installed in the image',
    // Playwright (Node and Python) and Puppeteer resolve a browser build that matches the library's version
    // and find none: "browserType.launch: Executable doesn't exist at /ms-playwright/chromium-1005/..." (.NET:
    // "PlaywrightException: Executable doesn't exist at ..."), "Could not find Chrome (ver. 119.0.6045.105)",
    // "Could not find Chromium (rev. 1095492)", "Could not find expected browser (chrome) locally".
    pattern:
      /(?:\b[Bb]rowserType\.launch\w{0,30}: |\bPlaywrightException: )Executable doesn't exist at (?<file>\/\S{1,300})|\bFailed to launch (?:chromium|firefox|webkit) because executable doesn't exist at (?<file_2>\/\S{1,300})|\bCould not find (?<browser>Chrome|Chromium|Firefox|chrome-headless-shell) \((?:ver|rev)\. (?<version>[\w.]{1,40})\)|\bCould not find expected browser \((?<browser_2>\w{1,20})\) locally/,
    keywords: ["executable doesn't exist at", 'could not find chrome', 'could not find chromium', 'could not find firefox', 'could not find expected browser'],
    confidence: 0.9,
    explanation:
      'The browser automation library needs a browser build of the exact revision its version expects, and the image does not have it: the browsers were never downloaded in the image build, were downloaded to another user\'s cache, or the library was upgraded without the matching browsers.',
    // The install command and the base image are the app's runtime's: Playwright for Python installs its
    // browsers with its own module, and Puppeteer is Node's alone.
    actions: [
      {
        absent: ['pythonApp'],
        text: 'Build on the image that matches the library\'s version (mcr.microsoft.com/playwright:v<version> for Playwright, ghcr.io/puppeteer/puppeteer for Puppeteer), or download the browser in the Dockerfile (`npx playwright install --with-deps chromium`, `npx puppeteer browsers install chrome`) as the user that runs the app; rebuild and deploy.',
      },
      {
        needs: ['pythonApp'],
        text: 'The app is a Python one: build on the Playwright for Python image that matches the installed playwright version (mcr.microsoft.com/playwright/python:v<version>), or download the browser in the Dockerfile after pip installs playwright (`python -m playwright install --with-deps chromium`) as the user that runs the app; rebuild and deploy.',
      },
      {
        absent: ['pythonApp'],
        text: 'Check PLAYWRIGHT_BROWSERS_PATH or PUPPETEER_CACHE_DIR point at the same directory at build time and at run time.',
      },
      {
        needs: ['pythonApp'],
        text: 'Check PLAYWRIGHT_BROWSERS_PATH points at the same directory at build time and at run time (the browsers land in the installing user\'s ~/.cache/ms-playwright otherwise).',
      },
    ],
  },
  {
    id: 'console.document.engine-missing',
    category: 'missing-module',
    title: 'the document engine {module} is not installed in the image',
    // pandoc renders PDF through an external engine and names the one it could not find ("pdflatex not found.
    // Please select a different --pdf-engine or install pdflatex"; before 2.0 "pdflatex not found. pdflatex is
    // needed for pdf output"): the pandoc/core image ships none, pandoc/latex does.
    pattern:
      /^(?:pandoc(?:\.exe)?: )?(?<module>[\w.+-]{1,40}) not found\. (?:Please select a different --pdf-engine or install [\w.+-]{1,40}|[\w.+-]{1,40} is needed for pdf output)/,
    keywords: ['please select a different --pdf-engine', 'is needed for pdf output'],
    confidence: 0.9,
    explanation:
      'The converter hands the document to an external program ({module}) that is not on the image\'s PATH, so every run fails the same way: the image was built without it (a slim or core variant) or the command asks for another engine than the one installed.',
    actions: [
      {
        when: /latex/i,
        text: 'Use an image that carries the LaTeX engine (pandoc/latex or pandoc/extra instead of pandoc/core), or install {module} (TeX Live) in the Dockerfile; rebuild and deploy.',
      },
      'Or pass an engine the image has (--pdf-engine=wkhtmltopdf, weasyprint, typst) in the job\'s args.',
    ],
  },
  {
    id: 'console.browser.tab-crashed',
    category: 'out-of-memory',
    title: 'Chrome tabs crash ({exception}): shared memory (/dev/shm) runs out',
    // ChromeDriver/Selenium ("session deleted because of page crash", "from tab crashed") and Puppeteer
    // ("Page crashed!"): in a container the renderer dies when /dev/shm, 64 MB by default, fills up.
    pattern: /\b(?<exception>session deleted because of page crash)\b|\bfrom (?<exception_2>tab crashed)\b|\bError: (?<exception_3>Page crashed!)/,
    keywords: ['page crash', 'tab crashed'],
    confidence: 0.84,
    explanation:
      'Chrome renderers share memory through /dev/shm, which a container gets only 64 MB of unless told otherwise; heavy pages fill it and the tab crashes, ending the WebDriver session. Container Apps has no --shm-size option, so Chrome must be told not to use /dev/shm or be given a larger one.',
    actions: [
      {
        decisive: true,
        text: 'Start Chrome with --disable-dev-shm-usage (in the driver\'s ChromeOptions or the browser launch args) so it writes shared memory to /tmp instead, or mount an EmptyDir volume at /dev/shm in the app\'s YAML (a volume with storageType EmptyDir and a volumeMount at /dev/shm); apply the YAML with this command, which creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
      { text: 'If pages are heavy or many sessions run at once, give the replica more memory as well (or fewer concurrent sessions per replica).' },
    ],
  },
  {
    id: 'console.worker.crash-signal',
    category: 'crash-signal',
    title: 'a worker process crashed with {signal}',
    // A process manager reporting that its worker died of a native crash (gunicorn "was sent SIGSEGV!"), or
    // of the shell's 128+N status for it (gunicorn "was sent code 139!": 139 is 128 + 11, SIGSEGV).
    pattern:
      /\b(?:worker|child|process)\b.{0,80}?\b(?:was sent|killed by|exited on|terminated (?:by|due to)|(?:was )?signal(?:l)?ed (?:to shut ?down )?with) (?<printed>(?:signal |code )?(?<signal>SIGSEGV|SIGBUS|SIGILL|SIGFPE|SIGABRT|11|7|4|8|6|139|135|132|136|134))\b/i,
    keywords: ['sigsegv', 'sigbus', 'sigill', 'sigfpe', 'sigabrt', 'signal 11', 'signal 7', 'signal 4', 'signal 8', 'signal 6', 'code 139', 'code 135', 'code 132', 'code 136', 'code 134'],
    // Process managers print the number (gunicorn "terminated due to signal 11"): the name reads better; the
    // number stays as printed, which is what on-call searches the logs for.
    normalizeNames: ({ printed, ...n }) => {
      const signal = ({ '11': 'SIGSEGV', '7': 'SIGBUS', '4': 'SIGILL', '8': 'SIGFPE', '6': 'SIGABRT', '139': 'SIGSEGV', '135': 'SIGBUS', '132': 'SIGILL', '136': 'SIGFPE', '134': 'SIGABRT' } as Record<string, string>)[n.signal ?? ''] ?? n.signal ?? 'a signal';
      return printed && /\d/.test(printed) ? { ...n, signal, printed } : { ...n, signal };
    },
    confidence: 0.85,
    explanation:
      'The process manager reports that a worker died of {signal}: native code in the worker crashed (an extension built for another libc or CPU, a bug in a native library, or incompatible versions of a compiled package and its runtime).',
    actions: [
      {
        // Text-generation and PyTorch servers share tensors through /dev/shm; a small one ends in SIGBUS.
        when: /\bsignal 7\b|SIGBUS|code 135\b/i,
        decisive: true,
        text: 'A bus error in a model server or data loader is most often a full /dev/shm (shared memory between its processes): mount an EmptyDir volume at /dev/shm in the app\'s YAML (a volume with storageType EmptyDir and a volumeMount at /dev/shm), or turn off the server\'s shared-memory use (NCCL_SHM_DISABLE=1 for NCCL); apply the YAML with this command, which creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
      // A vendor's GPU serving image (TGI, vLLM): the user builds none of its native packages, so the lead
      // is another tag of it, not a rebuild (docs/steps-review-v21-fresh.md, case 95).
      {
        needs: ['gpuImage', 'registry', 'repository'],
        unless: /\bsignal 7\b|SIGBUS|code 135\b/i,
        decisive: true,
        text: 'The worker that died runs the native kernels of {gpuImage}, a vendor\'s GPU serving image that you do not build: nothing in it is rebuilt here. Run another tag of {registry}/{repository} (the one that ran before, or a newer release that fixes the crash; replace <tag>), or turn off its custom kernels where the server has the option (text-generation-inference: --disable-custom-kernels in args); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image {registry}/{repository}:<tag>',
      },
      { fallback: true, text: 'Find which native package the worker loads (the last import or request before the crash) and rebuild or pin it for the image\'s base; run the worker once with faulthandler or core dumps on to see the frame.' },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.process-manager.child-exits',
    category: 'unknown',
    title: '{process|a child process} keeps exiting under its process manager{ (status code)}',
    // supervisord and pm2 restart a child that exits; the container stays up, so the platform sees only probes.
    pattern:
      /\bexited: (?<process>[\w.-]{1,80}) \(exit status (?<code>\d{1,3}); not expected\)|\bgave up: (?<process_2>[\w.-]{1,80}) entered FATAL state|\bApp \[(?<process_3>[\w.-]{1,80})(?::\d{1,4})?\] exited with code \[(?<code_2>\d{1,3})\]/,
    keywords: ['not expected', 'entered fatal state', 'exited with code ['],
    confidence: 0.7,
    explanation:
      'A process manager (supervisord, pm2) inside the container starts {process|the app} and restarts it each time it exits. The container itself keeps running, so the platform sees failed probes or an app that never answers, not the exit. The child wrote nothing here that says why it stops: its own output may go to a file inside the container rather than to stdout or stderr.',
    actions: [
      'Send the child\'s output to stdout and stderr (supervisord: stdout_logfile=/dev/stdout with maxbytes 0; pm2-runtime does so by default) and read the lines before it exits.',
      'Run the child\'s own start command once in the foreground in a debug console of the replica to see its error.',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.bind.permission-denied',
    category: 'permission-denied',
    title: 'the app may not bind {address|}{:port}: ports below 1024 need root',
    // Kestrel, libuv and others: the bind failed with EACCES, the mark of a non-root user on a low port.
    pattern: /Failed to bind to (?:address )?(?:https?:\/\/)?(?<address>[\w.:\[\]*+-]{1,60}?):(?<port>\d{2,5})\b.{0,200}?(?:EACCES|permission denied)/i,
    keywords: ['eacces', 'permission denied'],
    confidence: 0.92,
    explanation:
      'The server tried to listen on port {port} and the kernel refused: the image runs as a non-root user (as recent .NET, nginx-unprivileged and distroless images do), and ports below 1024 need root or the NET_BIND_SERVICE capability.',
    actions: [
      {
        needs: ['portVar'],
        text: 'The image runs as a non-root user, which may not listen on port {port}: move the app to 8080 through {portVar} ({portVarNote|the setting it reads for its port}); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {portVar}={portTo8080}',
      },
      { absent: ['portVar'], text: 'Listen on a port above 1024 (for .NET 8 images, 8080 through ASPNETCORE_HTTP_PORTS) and point the ingress target port at it.' },
      { text: 'Then move the ingress target port to 8080, the new port.', command: 'az containerapp ingress update -n {app} -g {resourceGroup} --target-port 8080' },
    ],
    links: [LINKS.ingress],
  },
  {
    id: 'console.memory.allocation-failed',
    category: 'out-of-memory',
    title: 'the process could not allocate memory',
    // The allocator's own refusal (ENOMEM, bad_alloc), as C, C++ and runtimes built on them report it.
    pattern: /\bCannot allocate memory\b|\bstd::bad_alloc\b|\bENOMEM\b|\bmemory allocation of \d{1,20} bytes failed/,
    keywords: ['cannot allocate memory', 'bad_alloc', 'enomem', 'memory allocation of'],
    // mlock's ENOMEM ("Failed to lock memory: cannot allocate memory") is a missing capability, not memory
    // pressure: console.perm.mlock-refused reads it.
    unless: /\block memory\b|\bmlock\b/i,
    signal: 'memory',
    confidence: 0.82,
    explanation:
      'An allocation failed: the process asked for memory the container\'s limit (or the node) could not give. A native abort (134) that follows is the runtime giving up after the failed allocation, not a separate crash.',
    actions: ['Compare the replica\'s memory working set with the container\'s memory limit and raise the limit (CPU and memory come in pairs), or cap the process\'s own caches and buffers below it.'],
    links: [LINKS.containers],
  },
  {
    id: 'console.beam.alloc-failed',
    category: 'out-of-memory',
    title: 'the Erlang VM could not allocate memory ({allocator})',
    // The BEAM's allocators stop the whole VM when the OS refuses them: "eheap_alloc: Cannot allocate N bytes
    // of memory (of type \"heap\")", binary_alloc, temp_alloc's "Cannot reallocate", the crash dump's
    // "Slogan:" line. The "Aborted" and exit 134 after it are the VM giving up, not a native crash.
    pattern: /\b(?<allocator>[a-z_]{2,20}_alloc): Cannot (?:re)?allocate (?<bytes>\d{1,20}) bytes of memory\b/,
    keywords: ['bytes of memory'],
    signal: 'memory',
    confidence: 0.9,
    explanation:
      'The Erlang VM ({allocator}) asked the OS for {bytes} more bytes and was refused, so it wrote erl_crash.dump and stopped: the node\'s processes together used what the container\'s {memoryLimit|memory limit} allows. The VM has no heap cap of its own to raise; one process (a mailbox that never drains, a large binary, session state that only grows) is usually what grew.',
    actions: [
      { text: 'Compare the peak memory working set of the revision with its memory limit.', command: MEMORY_METRIC },
      BEAM_MEMORY_STEP,
      { needs: ['nextMemory'], text: 'If the working set really needs more, raise the container to the next CPU/memory pair ({nextCpu} CPU, {nextMemory}); this creates a new revision.', command: RAISE_MEMORY_NEXT },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.memory.requirement-unmet',
    category: 'out-of-memory',
    title: 'the program needs more memory than the container has',
    // Servers that check the memory they get at start (SQL Server's "requires a machine with at least N megabytes").
    // Ollama checks a model against the memory it sees: "model requires more system memory (5.6 GiB) than is
    // available (3.3 GiB)" (system memory: the container's, not the GPU's).
    pattern:
      /requires (?:a machine with )?at least (?<required>\d{2,6} ?(?:megabytes|MB|GB|gigabytes)) of (?:physical )?memory|\bmodel requires more system memory \((?<required_2>[\d.]{1,10} [KMGT]i?B)\) than is available\b/i,
    keywords: ['of memory', 'of physical memory', 'more system memory'],
    confidence: 0.9,
    explanation: 'The program checks the memory it is given at start and refuses to run with less than {required}; the container\'s memory limit is below that.',
    actions: ['Give the container at least {required} of memory (a larger CPU/memory pair, or a Dedicated workload profile for more).'],
    links: [LINKS.containers],
  },
  {
    id: 'console.disk.insufficient-space',
    category: 'storage-failure',
    title: 'not enough free disk space{ on path}',
    // Databases and tools that check free space before they write (MongoDB's journal, installers), and
    // brokers that compare it with a limit (RabbitMQ's disk alarm: "Free disk space is insufficient",
    // "disk resource limit alarm set on node", the alarm event `{set_alarm,{{resource_limit,disk,node},[]}}`).
    pattern:
      /\binsufficient (?:free )?(?:disk )?space\b(?: for [\w ]{1,40})?(?:.{0,80}?(?<path>\/[\w./-]{1,200}))?|\bfree disk space is insufficient\b|\{set_alarm,\{\{resource_limit,disk,|\bdisk resource limit alarm set\b/i,
    keywords: ['insufficient', 'resource_limit,disk', 'disk resource limit alarm set'],
    signal: 'storage',
    confidence: 0.85,
    explanation: 'The program found too little free space where it writes its data: the volume (or the replica\'s ephemeral storage) is smaller than it needs or already full.',
    actions: [
      // RabbitMQ refuses to start below its own limit (disk_free_limit, relative to memory by default): the limit is the setting to name.
      {
        when: /free disk space is insufficient|resource_limit,disk|disk resource limit alarm/i,
        text: 'RabbitMQ\'s disk alarm: the free space is below its disk_free_limit (the "Free bytes" and "Limit" the rows print). Set an absolute limit below the free space the replica has (`disk_free_limit.absolute = 2GB` in rabbitmq.conf; RABBITMQ_DISK_FREE_ABSOLUTE_LIMIT on the Bitnami image), or give the data directory a larger volume.',
      },
      'Mount a larger volume for the data path (an Azure Files share), or free space on it; ephemeral storage per replica is limited by the CPU/memory size.',
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.credentials.none-found',
    category: 'missing-configuration',
    title: 'the SDK found no credentials to use',
    // AWS, Google and Azure SDKs when no key, profile or identity is configured at all. Google's client
    // libraries in each language word the lack of Application Default Credentials their own way (Python's
    // DefaultCredentialsError, Node's "Could not load the default credentials", Java's "The Application
    // Default Credentials are not available", Go's "could not find default credentials"): they all look
    // first at GOOGLE_APPLICATION_CREDENTIALS, which a container outside Google Cloud must set.
    pattern:
      /\bUnable to locate credentials\b|\bNoCredentialProviders\b|\bCould not load credentials from any providers\b|\b(?<gcp>could not find default credentials|Could not automatically determine credentials|Your default credentials were not found|Could not load the default credentials|The Application Default Credentials are not available)\b/i,
    keywords: ['unable to locate credentials', 'nocredentialproviders', 'could not load credentials', 'default credentials', 'could not automatically determine credentials'],
    normalizeNames: googleDefaultCredentials,
    confidence: 0.86,
    explanation: 'The cloud SDK looked for a key, a profile or an identity and found none: the variables that carry the credentials are not set in the container (or the identity they name is not assigned).',
    actions: [
      {
        when: GOOGLE_ADC,
        decisive: true,
        text: 'Google\'s client library looks for {envVar}: put the service-account key JSON in a secret, mount it as a secret volume and set {envVar} to the mounted file\'s path (or configure workload identity federation); then create a new revision.',
      },
      { unless: GOOGLE_ADC, text: 'Set the credential variables the SDK reads (from secret references), or give the app an identity the SDK can use.' },
      { text: 'Check which variables and secrets the container has now.', command: SHOW_ENV_NAMES },
    ],
    links: [LINKS.secrets],
  },
  {
    id: 'console.config.key-not-found',
    category: 'missing-configuration',
    title: 'the configuration key {setting} is missing',
    // Elixir's Keyword.fetch!, Quarkus/SmallRye, Go's envconfig and confita, and others naming the key or property they required.
    // Helidon (SE, and MP through its CDI extension) words it "Requested value for configuration key 'x' is not
    // present"; Micronaut's bean-requirement report says a configuration bean "requires entries under the prefix: [x]"
    // (its datasources.default, say) when no property under that prefix exists.
    pattern:
      /\bkey :(?<setting>\w{1,80}) not found\b|\bconfig property (?<setting_2>[\w.\-"]{1,200}) is required but it could not be found|\bError resolving (?:field|property|parameter) value \[(?<setting_3>[\w.-]{1,200})\]\. Property doesn't exist|\brequired key '?(?<setting_4>[\w.-]{1,120})'?(?: for field '?[\w.]{1,120}'?)? (?:not found|missing value)\b|\bRequested value for configuration key '(?<setting_5>[\w.\[\]-]{1,200})' is not present in the configuration|\bConfiguration requires entries under the prefix: \[(?<setting_6>[\w.*-]{1,200})\]/,
    keywords: ['not found', 'could not be found', "property doesn't exist", 'missing value', 'is not present in the configuration', 'requires entries under the prefix'],
    confidence: 0.85,
    explanation: 'The app requires the configuration key {setting} and it is not set: the variable or config source that provides it is missing in this revision.',
    actions: ['Provide {setting} (usually through an environment variable the app maps to it) and create a new revision.'],
    links: [LINKS.containers],
  },
  {
    id: 'console.start.file-missing',
    category: 'entrypoint-error',
    title: 'the start file {file} is not in the image',
    // Each interpreter's refusal of the file it was told to run: python ("can't open file", and "can't find
    // '__main__' module" for a directory or archive without one), sh/dash/busybox ("can't open"), php
    // ("Could not open input file"), the dotnet host ("The application to execute does not exist") and the
    // dotnet CLI ("The application 'x.dll' does not exist"). Node's "Cannot find module '/abs'" and java's
    // "Unable to access jarfile" have their own rules.
    pattern:
      /\bcan't open file '(?<file>[^'\n]{1,300})': \[Errno 2\]|\bcan't find '__main__' module in '(?<file_2>[^'\n]{1,300})'|\bsh: (?:\d{1,6}: )?(?:can't|cannot) open '?(?<file_3>[^\s':]{1,300})'?(?:: No such file|\s*$)|\bCould not open input file: (?<file_4>\S{1,300})|\bThe application to execute does not exist: '?(?<file_5>[^'\s]{1,300})|\bThe application '(?<file_6>[^'\n]{1,300})' does not exist\b/i,
    keywords: ["can't open file", "can't find '__main__' module", "can't open", 'cannot open', 'could not open input file', 'the application to execute does not exist', "the application '"],
    // The host prints the path with a full stop after it when it ends the sentence.
    normalizeNames: (n) => (n.file ? { ...n, file: n.file.replace(/'?\.?$/, '') } : n),
    confidence: 0.9,
    explanation:
      'The interpreter (python, sh, php or the dotnet host) was started with a file that does not exist at that path in the image, so nothing ran. The COPY that should bring it is missing or puts it elsewhere, the WORKDIR differs from the relative path in the start command, or a volume mounted over its directory hides the image\'s files. For python, "can\'t find \'__main__\' module" means the path is a directory (or archive) without __main__.py, often one a volume mount created where the file should be.',
    actions: [
      'Check that {file} is in the image at that path (`docker run --rm --entrypoint ls <image> -l {file}`), and make the Dockerfile\'s COPY and WORKDIR and the start command agree on where it is.',
      {
        text: 'Compare the image\'s ENTRYPOINT/CMD with the command and args set on the container app (the app\'s override wins).',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].[name,command,args]' -o json",
      },
      'If a volume is mounted over the directory that holds {file}, the mount hides the image\'s files there: mount it at another path.',
    ],
    links: [LINKS.containers, LINKS.startFailures],
  },
  {
    id: 'console.config.validation-failed',
    category: 'missing-configuration',
    title: '{envVar|a setting} failed the app\'s validation of its settings at start',
    // A settings class checked at start: class-validator's "property X has failed the following constraints"
    // (an UPPER_SNAKE property is an environment variable; request DTOs use camelCase), its header for an
    // environment or config class, and a config loader's "failed to validate config: invalid X".
    pattern:
      /\bproperty (?<envVar>[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){0,8}) has failed the following constraints\b|\b[Ff]ailed to validate config(?:uration)?\b(?:: invalid (?<setting>[^"'\n:,]{1,60}))?|\bAn instance of (?:Env|Environment|Config|Configuration|App)\w{0,60} has failed the validation\b/,
    keywords: ['has failed the following constraints', 'failed to validate config', 'has failed the validation'],
    context: /\bproperty (?<envVar>[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){0,8}) has failed the following constraints\b/,
    confidence: 0.84,
    explanation:
      'The app validates its settings when it starts and stopped because {envVar|one of them} is missing or malformed. The constraint it failed is on the line (isUrl wants a full URL with its scheme, isNotEmpty any value), so the variable is unset, empty, or set to the wrong kind of value in this revision.',
    actions: [
      {
        needs: ['envVar'],
        text: 'Set {envVar} on the container to a value that passes the check on the line (from a secret when it holds a credential or a connection string); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {envVar}=<value>',
      },
      {
        needs: ['setting'],
        absent: ['envVar'],
        text: 'Give {setting} a valid value in the variable or config file the app reads it from (the config loader\'s documentation names the variable), then create a new revision.',
      },
      { absent: ['envVar', 'setting'], text: 'The rows after the error list each setting that failed and the rule it broke: set those variables on the container (from secrets when they are sensitive), then create a new revision.' },
      {
        text: 'Check which variables and secrets the container has now.',
        command: SHOW_ENV_NAMES,
      },
    ],
    links: [LINKS.envVars, LINKS.secrets],
  },
  {
    id: 'console.messaging.entity-not-found',
    category: 'missing-configuration',
    title: 'the messaging entity {entity|the app names} does not exist',
    // Service Bus and Event Hubs answer a name that is not there (a typo, another namespace, not created yet).
    // The exception's name comes first on the .NET line ("MessagingEntityNotFoundException: Put token failed.
    // status-code: 404, status-description: The messaging entity 'sb://ns/queue/$management' ..."): the entity
    // it quotes later is still the name to give, without the CBS management node's `/$management`.
    pattern:
      /\bMessagingEntityNotFound(?:Exception)?\b(?:.{0,300}?The messaging entity '(?<entity_2>[^'$]{1,300})(?:\/\$\w{1,40})?' could not be found)?|\bThe messaging entity '(?<entity>[^'$]{1,300})(?:\/\$\w{1,40})?' could not be found/,
    keywords: ['messagingentitynotfound', 'messaging entity'],
    confidence: 0.86,
    explanation: 'The namespace answered, but the queue, topic or event hub the app names does not exist in it: the name in the app\'s settings is misspelt, points at another namespace, or the entity was never created.',
    actions: [
      {
        needs: ['consumerGroup', 'eventHub', 'ehNamespace'],
        text: 'The missing entity is consumer group {consumerGroup} of event hub {eventHub} in namespace {ehNamespace}: create it (replace <namespace-resource-group>), or point the app\'s consumer group setting at one that exists, such as $Default.',
        command: 'az eventhubs eventhub consumer-group create -g <namespace-resource-group> --namespace-name {ehNamespace} --eventhub-name {eventHub} -n {consumerGroup}',
      },
      { absent: ['consumerGroup'], text: 'Compare the entity name in the app\'s settings with the entities in the namespace, and fix the setting (or create the entity).' },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.config.address-undefined',
    category: 'missing-configuration',
    title: 'the {setting|address} the app hands its client is undefined: the setting that holds it is not set',
    // mongoose's openUri(), Node's url.parse (Sequelize, axios) and others refusing an address or a password
    // that is undefined: the code read it from a variable that is not there.
    pattern:
      /[`'"](?<setting>uri|url|connectionString|connection_string|dsn|host|hostname|password)[`'"] (?:parameter|argument)\b.{0,40}?\bmust be (?:a string|of type string)\b.{0,40}?\b(?:got|received(?: type)?) [`'"]?(?:undefined|null)\b/i,
    keywords: ['must be a string', 'must be of type string'],
    confidence: 0.88,
    explanation:
      'The app passed its database or HTTP client an address (or a password) that is undefined: the code reads it from an environment variable or a config key that is not set in this revision, so the client refuses to start. Nothing is wrong with the service itself.',
    actions: [
      'Set {envVar|the variable the app reads the address from} (from a secret reference when it holds credentials), then create a new revision.',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.grpc.name-resolution',
    category: 'dependency-unreachable',
    title: 'gRPC could not resolve {host|the target host}',
    // gRPC clients' own words for a target whose name does not resolve (grpc-java, the C core under
    // Python, Ruby and C#, grpc-js), usually behind an UNAVAILABLE status.
    pattern:
      /\bUnable to resolve host "?(?<host>[\w.-]{1,200})|\bDNS resolution failed for (?:service: )?(?<host_2>[\w.-]{1,200})(?::(?<port>\d{2,5}))?|\bName resolution failed for target (?:dns:(?:\/\/\/)?)?(?<host_3>[\w.-]{1,200})(?::(?<port_2>\d{2,5}))?/,
    keywords: ['unable to resolve host', 'dns resolution failed', 'name resolution failed'],
    confidence: 0.9,
    explanation:
      'The client could not turn {host|the target\'s name} into an address, so no call reached the service: the name is misspelt, belongs to another environment, or the app it names does not exist (an app in the same Container Apps environment is reached by its name only when it has ingress enabled).',
    actions: [
      'Check the target address the client is configured with against the service\'s real name (for another container app: its name or internal FQDN, in the same environment, with ingress enabled), and fix the setting; then create a new revision.',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.port.address-not-available',
    category: 'port-misconfiguration',
    title: 'the server could not bind {address|its address}{:port}: the container has no such address',
    // EADDRNOTAVAIL in each runtime's words: Node's listen, Python's Errno 99 (asyncio, uvicorn), Go's bind,
    // the JVM's BindException. The address is one the container does not have (a host's LAN or public IP,
    // ::1 without IPv6), not a port clash. A client's connect failing the same way is another story.
    pattern:
      /\blisten EADDRNOTAVAIL:? (?:address not available )?(?<address>[^\n]{0,60}?):(?<port>\d{2,5})\b|\berror while attempting to bind on address \('(?<address_2>[^'\n]{0,60})', (?<port_2>\d{2,5})[,)]|\blisten (?:tcp|udp)[46]? (?<address_3>\[[\da-f:]{0,60}\]|[^\s:\[]{0,60}):(?<port_3>\d{2,5}): bind: cannot assign requested address|\bEADDRNOTAVAIL\b|\bcannot assign requested address\b/i,
    keywords: ['eaddrnotavail', 'cannot assign requested address'],
    // .NET's ExtendedSocketException carries the endpoint it dialled ("Cannot assign requested address
    // [::1]:5432"): a client's connect, which a bind never reports that way.
    unless: /\bconnect\b|\bconnection\b|\bdial(?:ing)?\b|\bconnecting\b|\bExtendedSocketException\b/i,
    confidence: 0.86,
    explanation:
      'The server asked to listen on {address|an address} that no network interface of the container has: an IP written into its settings (a host\'s LAN or public address), a host name that resolves elsewhere, or ::1 where the replica has no IPv6. Inside Container Apps the app must listen on all interfaces (0.0.0.0) and let ingress route to it.',
    actions: [
      'Make the app listen on 0.0.0.0 (all interfaces), not on a fixed IP or host name: find the host or bind setting the app reads (HOST, BIND_ADDRESS, --host, server.address) and set it to 0.0.0.0.',
      {
        text: 'Keep the port the app listens on equal to the ingress target port.',
        command: "az containerapp ingress show -n {app} -g {resourceGroup} --query targetPort -o tsv",
      },
    ],
    links: [LINKS.ingress],
  },
  {
    id: 'console.config.setting-required',
    category: 'missing-configuration',
    title: 'the setting {setting} is missing',
    // A setting named in the app's own words, lower-case or kebab-case as its config file spells it:
    // "setting for 'source-password' is missing", "smtp_credentials is a required field" (Go validators),
    // "A valid Connection String should be provided" (Data API builder and other .NET libraries), a
    // server's "no hostname setting provided" (Keycloak's production start without KC_HOSTNAME), and a
    // library's own check of the options it was built with (knex: "Required configuration option 'client' is missing").
    pattern:
      /\bsetting (?:for |of )?['"`](?<setting>[\w.:-]{1,120})['"`] (?:is |was )?(?:missing|not set|not defined|required|empty)\b|(?:^|[\s:,;])['"`]?(?<setting_2>[A-Za-z_][\w.-]{0,80})['"`]? is a required (?:field|setting|option|config(?:uration)? key|parameter)\b|\b(?:a |the )?(?:valid )?(?<setting_3>connection ?string|database url|dsn|endpoint|api key|host ?name) (?:should|must) be (?:provided|specified|supplied|configured|set)\b|\bno (?<setting_4>[\w.:-]{1,60}) (?:setting|option|value|parameter|property) (?:was |has been )?(?:provided|specified|supplied|given)\b|\brequired (?:configuration |config )?(?:option|setting|parameter|key) ['"`](?<setting_5>[\w.:-]{1,80})['"`] (?:is |was )?(?:missing|not set|not provided)\b/i,
    keywords: ['required configuration option', 'required config option', 'required option', 'required setting', 'required parameter', 'required key', 'setting for', 'setting of', "setting '", 'setting "', 'setting `', 'is a required', 'should be provided', 'must be provided', 'should be specified', 'must be specified', 'should be supplied', 'must be supplied', 'should be configured', 'must be configured', 'should be set', 'must be set', ' provided', ' specified', ' supplied', ' given'],
    unless: OPTIONAL_SETTING,
    confidence: 0.84,
    explanation:
      'The app checked its configuration at startup and found {setting} missing: the config file, environment variable or secret that should provide it is not there in this revision (or holds an empty value), so the app stopped.',
    actions: [
      'Provide {setting} the way the app reads it (its config file, or the environment variable it maps to), from a secret reference when it is a credential, then create a new revision.',
      {
        text: 'Check which variables and secrets the container has now.',
        command: SHOW_ENV_NAMES,
      },
    ],
    links: [LINKS.secrets],
  },
  {
    id: 'console.config.file-invalid',
    category: 'missing-configuration',
    title: 'the server rejected its configuration file {file|}',
    // A server that reads its own configuration file at start and says the file is invalid: Caddy's
    // "adapting config using caddyfile: ... at /etc/caddy/Caddyfile:25", Grafana's provisioning "datasource.yaml
    // config is invalid", nginx's syntax [emerg] lines ("unknown directive ... in /etc/nginx/conf.d/x.conf:22"),
    // Apache's "Syntax error on line N of <file>". An nginx
    // [emerg] about an upstream it cannot resolve, a bind or a permission is not about the file's syntax, and
    // nginx's "configuration file ... test failed" follows any [emerg], a refused bind too.
    // A plugin the binary was not built with is the image's doing (console.server.module-not-built-in).
    unless: /\bmodule not registered: |defined by a module not included in the server configuration/,
    pattern:
      /\badapting config using [\w-]{1,30}:(?:[^\n]{0,400}?[\s'"](?<file>\/[^\s:'",]{1,200}|Caddyfile):\d{1,6}\b)?|(?:^|[\s:"'])(?<file_2>[\w.\/-]{1,200}\.(?:ya?ml|json|toml|conf|cfg|ini|xml|properties)) config(?:uration)? is invalid\b|\[emerg\] (?:\d{1,9}#\d{1,9}: )?(?:unknown directive|invalid (?:number of arguments|parameter|value|port)|"[^"\n]{1,60}" directive is (?:not allowed here|duplicate)|directive "[^"\n]{1,60}" (?:is not terminated|has no opening)|unexpected (?:"[^"\n]{1,20}"|end of file)|no "ssl_certificate" is defined|unknown "[^"\n]{1,60}" variable)[^\n]{0,300}? in (?<file_3>\/[^\s:"]{1,200}):\d{1,6}|\bSyntax error on line \d{1,6} of (?<file_4>\/[^\s:"]{1,200})|^[\w-]{1,40}: (?<file_5>\/[\w.\/-]{1,200}\.(?:conf|cfg|ya?ml|toml|json|ini|hcl)):\d{1,6}:\d{1,4}: /i,
    keywords: ['adapting config using', 'config is invalid', 'configuration is invalid', '[emerg]', 'syntax error on line', '.conf:', '.cfg:', '.yaml:', '.yml:', '.toml:', '.json:', '.ini:', '.hcl:'],
    // Caddy names the file it loaded on the line before ("using config from file", "config_file").
    context: /"(?:config_)?file":\s?"(?<file>[^"\n]{1,200})"/,
    confidence: 0.88,
    explanation:
      'The server read its own configuration file ({file|named on the line}) at start and rejected it: a directive it does not know (syntax of a newer or older version than the one in the image), a wrong number of arguments, or a value its rules forbid (two default data sources, say). It stops before serving anything, so every restart fails the same way until the file changes.',
    actions: [
      // The validator of the server the rows name, and only that one: a provisioning file has none.
      { when: CADDY_CONFIG_ERROR, text: 'Fix {file|the Caddyfile} where the error points (the line number and the directive are on the line), and check it with Caddy\'s own validator before deploying (`caddy validate --config {file|/etc/caddy/Caddyfile} --adapter caddyfile`, with the Caddy version the image runs).' },
      { when: NGINX_CONFIG_ERROR, text: 'Fix {file|the configuration file} where the error points (the line number and the directive are on the line), and check it with `nginx -t` (the nginx version the image runs) before deploying.' },
      { when: APACHE_CONFIG_ERROR, text: 'Fix {file|the configuration file} at the line the error names, and check it with `apachectl configtest` (the httpd version the image runs) before deploying.' },
      {
        unless: SERVER_CONFIG_ERROR,
        text: 'Fix {file|the configuration file} as the error says: the line names the rule the file breaks (two entries marked as default where only one may be, say), not a syntax the server would check.',
      },
      'If the file is baked into the image, rebuild and push the image with the fixed file; if a volume (an Azure Files share or a secret) provides it, fix it there and restart the revision.',
      {
        // A value the server's rules forbid is the file's own doing; only syntax can change with the version.
        when: SERVER_CONFIG_ERROR,
        text: 'When the file did not change but the image did, the server version moved under it: pin the image tag the file was written for, or rewrite the file in the new syntax. Compare the image of this revision with the last healthy one.',
        command: 'az containerapp revision list -n {app} -g {resourceGroup} -o table',
      },
    ],
    links: [LINKS.containers, LINKS.storage],
  },
  {
    id: 'console.config.tls-material-missing',
    category: 'missing-configuration',
    title: 'the server is set to serve HTTPS but has no certificate or key',
    // Keycloak's production start without key material, Sandstorm's HTTPS mode without certificates,
    // Grafana's protocol = https with an empty cert_file. Kestrel's own wording has a .NET rule.
    pattern:
      /\bKey material not provided to set ?up HTTPS\b|\bHTTPS mode is enabled but no certs? (?:were |was )?found\b|\bcert_(?:file|key) cannot be empty when using HTTPS\b/i,
    keywords: ['key material not provided', 'https mode is enabled', 'cannot be empty when using https'],
    confidence: 0.88,
    explanation:
      'The server is configured (or defaults, as Keycloak\'s production `start` does) to serve HTTPS itself and found no certificate and key to do it with. Container Apps ends TLS at its ingress and forwards plain HTTP to the container, so the app normally needs no certificate: it should listen on HTTP behind the ingress instead.',
    actions: [
      'Let the app serve plain HTTP behind the ingress: for Keycloak set KC_HTTP_ENABLED=true with KC_PROXY_HEADERS=xforwarded and KC_HOSTNAME (the app\'s public name); for other servers set their protocol back to http. Then create a new revision.',
      {
        text: 'Check the variables the container has now.',
        command: SHOW_ENV_NAMES,
      },
      'If the app must terminate TLS itself (end-to-end TLS), mount the certificate and key from a secret volume and point the server\'s certificate settings at them.',
    ],
    links: [LINKS.ingress, LINKS.secrets],
  },
  {
    id: 'console.start.unknown-argument',
    category: 'entrypoint-error',
    title: 'the program refused its start argument {argument|}',
    // A command-line parser refusing what the container's command or args passed: picocli ("Unknown option:
    // 'x'", Keycloak and Quarkus CLIs), Python's argparse ("error: unrecognized arguments: x", gunicorn),
    // Go's flag package ("flag provided but not defined: -x"), cobra ("unknown flag: --x"), getopt
    // ("unrecognized option '--x'"), click ("No such option: --x").
    pattern:
      /\bUnknown option: '(?<argument>[^'\n]{1,200})'|\bUnmatched arguments? (?:from|at) index \d{1,3}: '(?<argument_2>[^'\n]{1,200})'|\berror: unrecognized arguments: (?<argument_3>[^\n]{1,200})|\bflag provided but not defined: (?<argument_4>-{1,2}[\w.-]{1,80})|\bunknown (?:shorthand )?flag: '?(?<argument_5>-{0,2}[\w.-]{1,80})'?|\bunrecognized option '(?<argument_6>[^'\n]{1,80})'|\bNo such option: (?<argument_7>-{1,2}[\w.-]{1,80})/,
    keywords: ['unknown option', 'unmatched argument', 'unrecognized arguments', 'flag provided but not defined', 'unknown flag', 'unknown shorthand flag', 'unrecognized option', 'no such option'],
    normalizeNames: (n) => (n.argument ? { ...n, argument: n.argument.trim() } : n),
    confidence: 0.86,
    explanation:
      'The program started, read its command line and stopped at an argument it does not accept ({argument|named on the line}): a flag of another version of the program, a typo, or several words passed as one argument. In Container Apps each element of the command and args lists is one argument: "start-dev --import-realm" written as one element reaches the program as a single word with a space in it.',
    actions: [
      {
        when: /'[^'\s\n]{1,100} [^'\n]{1,200}'|unrecognized arguments: \S{1,100} \S/,
        decisive: true,
        text: 'The argument {argument|on the line} holds several words: put each word in its own element of the container\'s args (["start-dev", "--import-realm"], not ["start-dev --import-realm"]), then create a new revision.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].[name,command,args]' -o json",
      },
      {
        text: 'Compare the command and args on the container with what this version of the program accepts (its --help): remove or rename {argument|the refused argument}, then create a new revision.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].[name,command,args]' -o json",
      },
      'If the image was upgraded, the program may have dropped or renamed the flag: pin the previous tag or move the flag to its new name.',
    ],
    links: [LINKS.containers, LINKS.startFailures],
  },
  {
    id: 'console.url.undefined-host',
    category: 'missing-configuration',
    title: 'a URL was built from unset settings: the app tried to use "{url}"',
    // Node's `Invalid URL: ws://undefined:undefined/`, a client dialling `http://null:null`: the host (and
    // port) were read from variables that are not there and rendered as the language's "no value" word.
    pattern: /\b[a-z][a-z0-9+.-]{0,15}:\/\/(?<url>(?<host>undefined|null|None|nil)(?::(?:undefined|null|None|nil|\d{1,5}))?)(?=[\/\s'"),]|$)/,
    keywords: ['://undefined', '://null', '://none', '://nil'],
    confidence: 0.9,
    explanation:
      'The app built a URL whose host is literally "{host}": the settings that should hold the host (and port) are unset, so the language turned "no value" into that word. This is missing configuration, not a network problem.',
    actions: [
      'Find the variables the app reads for this address (its README or config file) and set them on the container, then create a new revision.',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.config.datasource-url-invalid',
    category: 'missing-configuration',
    title: 'the database or cache URL in {envVar|the app\'s settings} does not parse',
    // A client rejecting the address it was given before dialling anything: syncstorage's "Invalid database
    // url", Prisma's datasource validation (P1012, "the URL must start with the protocol"), SQLAlchemy's
    // ArgumentError, the MongoDB driver's scheme check, redis-py's scheme check, pgx's DSN parser. The value
    // is set but unusable (a wrong scheme, a host name with an underscore, an unescaped character in the password).
    pattern:
      /\bInvalid (?:database|db|datasource|connection|redis|mongo(?:db)?|broker|amqp) (?:url|uri|dsn)\b|\bError validating datasource `[\w-]{1,60}`: the URL must start with the protocol\b|\bCould not parse SQLAlchemy URL from (?:string|given URL string)\b|\bInvalid scheme, expected connection string to start with\b|\bRedis URL must specify one of the following schemes\b|\bCan't load plugin: sqlalchemy\.dialects:postgres\b|\b(?:database )?configuration missing database name\b|\bfailed to parse as (?:DSN|URL)\b|\bcannot parse `[^`]{0,300}`: failed to parse\b/i,
    keywords: ['invalid', 'error validating datasource', 'could not parse sqlalchemy url', 'invalid scheme', 'redis url must specify', 'failed to parse as', 'cannot parse', "can't load plugin: sqlalchemy.dialects:postgres", 'missing database name'],
    // Prisma quotes the schema line that reads the variable (`url = env("DATABASE_URL")`).
    context: /\burl\s{0,8}=\s{0,8}env\("(?<envVar>[A-Za-z_][A-Za-z0-9_]{0,80})"\)/,
    contextBoost: 0.02,
    confidence: 0.88,
    explanation:
      'The client library refused the connection address before it tried to connect: the value is present but not a URL it accepts. Common causes are a missing or wrong scheme (postgres:// against postgresql://, mysql:// for a MySQL driver), a host name with an underscore (Docker Compose service names such as `my_db` are not valid host names in a URL), or a password with @, : or / that is not URL-encoded.',
    actions: [
      // The row pins the scheme: that one fix, not the URL checklist.
      {
        when: SQLALCHEMY_POSTGRES,
        decisive: true,
        text: 'SQLAlchemy 1.4 and later no longer accept the `postgres://` scheme (its dialect is named postgresql): change the start of {envVar|the database URL} from `postgres://` to `postgresql://` (or `postgresql+psycopg2://`); the rest of the URL stays as it is.',
      },
      {
        when: SCHEME_NAMED,
        unless: SQLALCHEMY_POSTGRES,
        decisive: true,
        text: 'The client accepts only the schemes its error lists ({schemes}): start {envVar|the URL} with one of them (TLS connections usually take the one ending in s or +srv); the rest of the URL stays as it is.',
      },
      {
        needs: ['envVar'],
        unless: new RegExp(`${SQLALCHEMY_POSTGRES.source}|${SCHEME_NAMED.source}`),
        decisive: true,
        text: 'Check the value of {envVar}: the scheme the client expects, a host name without underscores (the database\'s full name, for Azure `<server>.postgres.database.azure.com` or `<server>.mysql.database.azure.com`), and the password URL-encoded.',
      },
      {
        needs: ['secret'],
        text: 'Put the corrected URL in secret {secret} (replace <value>), then restart the revision so the app reads it.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {secret}=<value>',
      },
      { needs: ['secret'], text: 'Restart the revision after the secret is set.', command: RESTART_REVISION },
      {
        absent: ['envVar'],
        text: 'Find the variable the app reads its database URL from and check its value (scheme, host name, URL-encoded password); the container\'s variables now:',
        command: SHOW_ENV_NAMES,
      },
    ],
    links: [LINKS.secrets, LINKS.envVars],
  },
  {
    id: 'console.config.must-specify',
    category: 'missing-configuration',
    title: '{envVar|a required variable} must be set before the image can start',
    // Official database images refuse to initialise without their password variable: postgres ("superuser
    // password is not specified. You must specify POSTGRES_PASSWORD to a non-empty value"), mysql and
    // mariadb ("Database is uninitialized and password option is not specified"; images before the entrypoint's
    // log helper print it lower-case, "error: database is uninitialized ..."). The variable is the first one the
    // next row lists ("You need to specify one of MYSQL_ROOT_PASSWORD, ..." or a "- MYSQL_ROOT_PASSWORD" list).
    pattern:
      /\bYou must specify (?<envVar>[A-Z][A-Z0-9]{1,40}(?:_[A-Z0-9]{1,40}){0,6}) to a non-empty value\b|\b[Dd]atabase is uninitialized and (?:superuser )?password (?:option )?is not specified\b|\bwill no longer run in "Admin Party"|\bYou \*MUST\* specify an admin user\b/,
    keywords: ['you must specify', 'database is uninitialized', 'admin party', 'you *must* specify'],
    context: /\bYou must specify (?<envVar>[A-Z][A-Z0-9]{1,40}(?:_[A-Z0-9]{1,40}){0,6})\b|"-e (?<envVar_3>[A-Z][A-Z0-9]{1,40}(?:_[A-Z0-9]{1,40}){1,6})=|\bYou need to specify one of (?:the following.{0,60}\r?\n[\s-]{0,12})?(?<envVar_2>[A-Z][A-Z0-9]{1,40}(?:_[A-Z0-9]{1,40}){1,6})\b/,
    confidence: 0.9,
    explanation:
      'The image\'s entrypoint initialises its data directory on first start and refuses to do so without the password variable it names ({envVar|the superuser password}), so the container exits before the server starts.',
    actions: [
      {
        needs: ['envVar'],
        decisive: true,
        text: 'Store the password as a secret and give {envVar} to the container from it (replace <value>); the update creates a new revision.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets db-password=<value>',
      },
      {
        needs: ['envVar'],
        text: 'Then reference it from {envVar}.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {envVar}=secretref:db-password',
      },
      // No "use a managed Azure Database" note here: the fix is the password, and the v21 reviewers read that
      // note as padding beside a complete fix (69, 91).
    ],
    links: [LINKS.secrets, LINKS.envVars],
  },
  {
    id: 'console.config.please-set',
    category: 'missing-configuration',
    title: '{setting|a required setting} is required and not set',
    // A framework's start-up check in its own words: Strapi's `App keys are required. Please set app.keys in
    // config/server.js`, Superset's `Refusing to start due to insecure SECRET_KEY`, a Strapi plugin's
    // `Missing jwtSecret. Please, set configuration variable "jwtSecret" for the users-permissions plugin`,
    // Strapi's admin `Missing auth.secret. Please set auth.secret in config/admin.js`.
    pattern:
      /\b(?:is|are) required\. Please set (?<setting>[A-Za-z_][\w.]{1,80}?)(?=[\s,;:)]|\.?$)|\bMissing (?<setting_4>[A-Za-z_][\w.]{1,80}?)\. Please,? set\b|\bRefusing to start (?:due to|because of) (?:an? )?(?:insecure|default|missing|empty|invalid) (?<setting_2>[A-Za-z_][\w.]{1,80})|\bPlease,? set (?:the )?configuration variable ['"`](?<setting_3>[A-Za-z_][\w.]{1,80})['"`]/,
    keywords: ['required. please set', 'refusing to start', 'configuration variable', '. please set', '. please, set'],
    confidence: 0.86,
    explanation:
      'The app checks its settings when it starts and stops because {setting|one of them} is missing or still has its insecure default. The framework reads it from its configuration file, usually filled from an environment variable (Strapi\'s app.keys from APP_KEYS; Superset\'s SECRET_KEY from SUPERSET_SECRET_KEY or superset_config.py).',
    actions: [
      {
        needs: ['setting'],
        decisive: true,
        text: 'Give {setting} a value: set the environment variable the framework reads it from (from a secret, since it is a key), or set it in the configuration file the image loads; then create a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars <VARIABLE>=secretref:<secret>',
      },
    ],
    links: [LINKS.envVars, LINKS.secrets],
  },
  {
    id: 'console.config.environment-dir-missing',
    category: 'missing-configuration',
    title: 'the project has no configuration for environment {environment|of NODE_ENV}{: file}',
    // Strapi 3 loads ./config/environments/<NODE_ENV> at start and stops without it: `Missing environment
    // config for env: production.` then `Make sure the directory ./config/environments/production exists`.
    // The project files (often on a mounted share) do not match the environment the image runs in.
    // Strapi prints both lines together; the second names the directory and the environment in it.
    pattern: /\bMake sure the directory (?<file>(?:\.\/)?config\/environments\/(?<environment>\w[\w-]{0,39})) exists\b/,
    keywords: ['config/environments/'],
    confidence: 0.88,
    explanation:
      'The app runs with environment {environment|NODE_ENV} and its project has no configuration directory for it{ (file)}. The project files are not the ones the image expects: a share mounted over the app directory holds another layout, or the project was written for another major version of the framework.',
    actions: [
      // The share holds the app's own files: unmounting it starts the image's empty app, not a fix (v23 review B 91).
      { needs: ['volume'], decisive: true, text: 'Volume {volume} is mounted over the app directory and holds the project: put the project with its {file|environment configuration} on it (removing the mount would start the image without the project), or run an image of the framework version the project was written for (replace <image> with its tag); this creates a new revision.', command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <image>' },
      { absent: ['volume'], text: 'Add {file|the environment\'s configuration directory} to the project in the image, or run the image with the environment the project defines (NODE_ENV); then create a new revision.' },
    ],
    links: [LINKS.envVars],
  },
  {
    id: 'console.config.unexpanded-placeholder',
    category: 'missing-configuration',
    title: 'a setting still holds the literal placeholder ${{envVar}}',
    // A value written as `${VAR}` for a shell or compose file to expand, set as is in the app's environment:
    // Container Apps does not expand it, so the program parses the placeholder itself, as golang-migrate's
    // `database driver: unknown driver ${CLICKHOUSE_MIGRATION_URL (forgotten import?)` or Go's URL parser's
    // `invalid port ":${DB_PORT}" after host`. The placeholder names the variable the value should have come from.
    pattern: /\b(?:unknown driver|unknown scheme|unsupported scheme|invalid (?:url|uri|connection string|dsn)|(?:cannot|could not|failed to) parse(?: url| uri)?)\b.{0,80}?\$\{(?<envVar>[A-Z][A-Z0-9_]{2,80})\b/i,
    keywords: ['${'],
    confidence: 0.88,
    explanation:
      'The app read a value that is still the text ${{envVar}}: the placeholder was meant to be expanded by a shell or a compose file, and nothing expanded it here, so the program tried to use the placeholder itself as the address.',
    actions: [
      {
        decisive: true,
        text: 'Set the variable that holds the placeholder to the real value (the address itself, or secretref:<secret> for one held in a secret) instead of ${{envVar}}; Container Apps does not expand ${...} in environment values. Then create a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {envVar}=<value>',
      },
    ],
    links: [LINKS.envVars],
  },
  {
    id: 'console.erlang.module-unavailable',
    category: 'missing-module',
    title: 'module {module} is not in the release',
    // Elixir and Erlang say a module was never loaded into the release: `(UndefinedFunctionError) function
    // :exec.start/1 is undefined (module :exec is not available)`. A dependency left out of the release
    // (not a runtime application), not a bug in the calling code.
    pattern: /\(module (?<module>:?[A-Za-z_][\w.]{0,100}) is not available\)/,
    keywords: ['is not available)'],
    // A connection's error reason raised as if it were an exception module (`function :econnrefused.exception/1
    // is undefined (module :econnrefused is not available)`, old DBConnection): a failed connect, not a missing module.
    unless: /\(module :(?:econn(?:refused|reset|aborted)|e(?:host|net)unreach|etimedout|nxdomain|timeout|closed) is not available\)/,
    confidence: 0.86,
    explanation:
      'The code called into module {module|a module}, which is not loaded in the running release: the dependency that provides it is missing from the release (not listed, or `runtime: false`, or not among the release\'s applications).',
    actions: [
      {
        decisive: true,
        text: 'Add the dependency that provides {module|the module} to the release (mix.exs deps without `runtime: false`, or extra_applications / the release\'s applications), rebuild the image and deploy it.',
      },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.erlang.undefined-function',
    category: 'application-error',
    title: 'the code calls {function}, which the loaded module does not export (removed or renamed in an upgrade)',
    // `(UndefinedFunctionError) function :crypto.hmac/3 is undefined or private`: the module is loaded (no
    // "module ... is not available") but no longer has that function, typically an OTP or library upgrade that
    // removed a deprecated API (:crypto.hmac/3 went in OTP 24) under code, or a dependency, built for the old one.
    pattern: /\(UndefinedFunctionError\) function (?<function>:?[A-Za-z_][\w.]{0,100}\/\d{1,2}) is undefined or private\b/,
    keywords: ['is undefined or private'],
    confidence: 0.8,
    explanation:
      'The running code called {function|a function} that the loaded module does not export: the base image or a dependency was upgraded (a new Erlang/OTP release removes deprecated functions) while the calling code, often a dependency, still uses the old API.',
    actions: [
      {
        decisive: true,
        text: 'Upgrade the dependency that calls {function|the function} to a release for the new API (or change the call), or pin the image back to the OTP / library version it was built for; rebuild and deploy.',
      },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.native.glibc-too-old',
    category: 'missing-module',
    title: 'the binary requires {module|a glibc version} that the image\'s older glibc lacks',
    // glibc's loader refusing a binary linked on a newer distribution: `./app: /lib/x86_64-linux-gnu/libc.so.6:
    // version `GLIBC_2.34' not found (required by ./app)`, one line per missing version symbol. A Node addon
    // (.node) is console.node.native-addon-foreign's; any other binary or shared library is the image's base.
    pattern: /\blib(?:c|m|pthread|dl|rt|stdc\+\+)\.so\.\d{1,2}: version `(?<module>GLIBC(?:XX)?_[\d.]{1,12})' not found \(required by (?<file>[^)\s]{1,300})\)/,
    keywords: ['glibc'],
    unless: /\.node\)/,
    confidence: 0.9,
    explanation:
      'The program {file|in the image} was linked against {module|a newer glibc} than the runtime image carries: it was built on a newer distribution (a builder stage on bookworm, a runtime on bullseye or an older Ubuntu), so the dynamic loader refuses to start it.',
    actions: [
      {
        decisive: true,
        text: 'Build and run on the same distribution release (the same Debian/Ubuntu release in the builder and runtime stages, or a newer runtime base image), or build a static binary (musl target), then deploy the new image.',
      },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.erlang.connect-failed',
    category: 'dependency-unreachable',
    title: '{client|a database client} could not connect to its server ({reason})',
    // Elixir's DBConnection pools (Postgrex, Clickhousex, MyXQL) report a failed connect by its socket reason:
    // `Clickhousex.Protocol (#PID<0.244.0>) failed to connect: ** (ErlangError) Erlang error: :econnrefused`.
    // The app then stops (createdb, migrate or start); the unreachable server is the cause.
    pattern:
      /\b(?<client>[A-Z]\w{0,40}(?:\.[A-Z]\w{0,40}){0,4}) \(#PID<[\d.]{5,30}>\) failed to connect: \*\* \((?:ErlangError|DBConnection\.ConnectionError)\) (?:Erlang error: )?:?(?<reason>econnrefused|econnreset|ehostunreach|enetunreach|etimedout|nxdomain|timeout|closed)\b/,
    keywords: ['failed to connect: **'],
    confidence: 0.86,
    explanation:
      'The Elixir app\'s connection pool ({client|the database client}) could not open a connection: {reason|the socket error} means the server refused it, could not be resolved or did not answer. The server\'s host or port in the connection URL is wrong, the server is not running yet, or its app has no ingress reachable from this environment (TCP ingress for a database in another container app).',
    actions: [
      'Check the host and port in the connection URL variable the app reads for that server (and the secret behind it) against the server\'s address in this environment.',
      'Make sure the server is running and reachable: for a database in another container app, give it TCP ingress on its port and use its internal name.',
    ],
  },
  {
    id: 'console.perm.data-dir-ownership',
    category: 'permission-denied',
    title: 'the database refuses data directory {file}: it does not own it',
    // PostgreSQL checks the data directory's owner and mode before it starts ("data directory ... has wrong
    // ownership", "has invalid permissions"): on an Azure Files (SMB) mount both are fixed by the mount.
    pattern: /\bdata directory "(?<file>\/[^"\n]{1,300})" has (?:wrong ownership|invalid permissions|group or world access)\b/,
    keywords: ['data directory'],
    confidence: 0.9,
    explanation:
      'PostgreSQL starts only when its data directory belongs to the user it runs as and nobody else can read it. A directory on an Azure Files (SMB) share belongs to root with wide permissions whatever chown does, so the check fails on every start.',
    actions: [
      ...AZURE_FILES_OWNER_STEPS,
      {
        decisive: true,
        text: 'PostgreSQL on an SMB share is not supported by PostgreSQL itself: move the data to Azure Database for PostgreSQL flexible server, or to an Azure Files NFS share (which keeps ownership), or set PGDATA to a subdirectory on local storage for non-durable data.',
      },
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.config.schema-required',
    category: 'missing-configuration',
    title: '{envVar} is required and not set',
    // Schema validators of the environment print each failed variable as `NAME: Required` (zod's flattened
    // errors) or `"NAME" is required` (joi): an upper-case name is an environment variable.
    pattern:
      /^\s{0,8}(?<envVar>[A-Z][A-Z0-9]{1,40}(?:_[A-Z0-9]{1,40}){1,8}): Required\s*$|^\s{0,8}(?:Error: |ValidationError: |Config validation error: )?"(?<envVar_2>[A-Z][A-Z0-9]{1,40}(?:_[A-Z0-9]{1,40}){1,8})" is required\b/,
    keywords: [': required', 'is required'],
    confidence: 0.88,
    explanation:
      'The app validates its environment when it starts and {envVar} is missing: the validator lists it as required and the app stops before serving. The variable is not set on this revision (or it is set on another container).',
    actions: [
      {
        decisive: true,
        text: 'Set {envVar} on the container (from a secret when it holds a credential); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {envVar}=<value>',
      },
    ],
    links: [LINKS.envVars],
  },
  {
    id: 'console.config.image-entrypoint-refused',
    category: 'missing-configuration',
    title: 'the image\'s entrypoint refused its settings{: envVar}',
    // The official images' docker-entrypoint.sh logs `[ERROR] [Entrypoint]: ...` when the variables it is given
    // cannot configure the server (MYSQL_USER="root", no password option, conflicting options) and exits
    // before the server starts: the variables are the thing to change.
    pattern: /\[ERROR\] \[Entrypoint\]: (?<message>.{1,200})/,
    keywords: ['[entrypoint]'],
    // The server itself failing under the entrypoint's check is the server's failure (its own lines say why).
    unless: /\bfailed while attempting to check config\b|\bUnable to start server\b/,
    context: /\[ERROR\] \[Entrypoint\]: [^\n]{0,80}?\b(?<envVar>(?:MYSQL|MARIADB|POSTGRES|MONGO|MONGO_INITDB|RABBITMQ|REDIS|ELASTIC|KEYCLOAK|KC|MINIO)_[A-Z0-9_]{2,40})\b/,
    confidence: 0.86,
    explanation:
      'The image\'s entrypoint script checks the variables it is given before it starts the server, and the check failed: the message names the variable and what it expects. Nothing runs until the variables are changed.',
    actions: [
      {
        decisive: true,
        text: 'Change the variables as the entrypoint\'s message says ({message}); set or remove them on the container (passwords from secrets), which creates a new revision.',
        command: SHOW_ENV_NAMES,
      },
      {
        needs: ['envVar'],
        text: 'For example, remove {envVar} when the message says it cannot be used that way:',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --remove-env-vars {envVar}',
        when: /cannot be used|Remove [A-Z_]{3,60}=/,
      },
    ],
    links: [LINKS.envVars, LINKS.secrets],
  },
  {
    id: 'console.config.bootstrap-checks-failed',
    category: 'missing-configuration',
    title: 'Elasticsearch bootstrap checks failed{: setting}',
    // Elasticsearch (and OpenSearch) enforce bootstrap checks once bound to a non-loopback address: discovery
    // settings, vm.max_map_count, file descriptors. Each failed check is printed as `[n]: ...`.
    pattern: /\bbootstrap checks failed\b|^\[\d{1,2}\]: the default discovery settings are unsuitable for production use|^\[\d{1,2}\]: max virtual memory areas vm\.max_map_count \[\d{1,9}\] is too low/,
    keywords: ['bootstrap checks failed', 'default discovery settings', 'vm.max_map_count'],
    context: /\bat least one of \[(?<setting>[\w.]{1,80})|\b(?<setting_2>vm\.max_map_count)\b/,
    confidence: 0.88,
    explanation:
      'The node listens on a non-loopback address, so Elasticsearch enforces its production checks, and one failed. A single node must say so (discovery.type=single-node); vm.max_map_count is a kernel setting Container Apps does not let you raise, so the node must stop using mmap (node.store.allow_mmap=false).',
    actions: [
      {
        decisive: true,
        text: 'For a single node, set discovery.type=single-node on the container (or configure {setting|discovery.seed_hosts} for a cluster); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars discovery.type=single-node',
        unless: /vm\.max_map_count/,
      },
      {
        when: /vm\.max_map_count/,
        decisive: true,
        text: 'vm.max_map_count cannot be raised on Container Apps: set node.store.allow_mmap=false so the node does not need it; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars node.store.allow_mmap=false',
      },
    ],
    links: [LINKS.envVars],
  },
  {
    id: 'console.disk.enospc-errno',
    category: 'storage-failure',
    title: 'the disk is full (error 28, no space left) {file|}',
    // Error 28 is ENOSPC as MySQL/MariaDB's InnoDB and storage engines print it ("preallocating ... for file
    // ./ib_logfile101 failed with error 28", "Errcode: 28", "OS error number 28").
    pattern: /\bInnoDB: .{0,200}?\bfor file (?<file>[\w.\/-]{1,200}) failed with error 28\b|\bInnoDB: .{0,200}?\bfailed with error 28\b|\(Errcode: 28\b|\bOS error number 28\b/,
    keywords: ['error 28', 'errcode: 28', 'os error number 28'],
    signal: 'storage',
    confidence: 0.88,
    explanation:
      'The database could not write its files because the volume it writes to is full (or smaller than the files it preallocates): error 28 is "no space left on device". On an Azure Files share that is the share\'s quota; on the replica\'s own disk it is the ephemeral storage limit.',
    actions: [
      {
        decisive: true,
        text: 'Raise the quota of the Azure Files share behind {volume|the data volume} (or free space on it), then restart the revision.',
        command: 'az storage share-rm update -g <storage-resource-group> --storage-account <account> --name <share> --quota <GiB>',
      },
      { text: 'Restart the revision once the share has room.', command: RESTART_REVISION },
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.db.migration-lock',
    category: 'application-error',
    title: 'the schema migration lock is held by {host|another process} ({exception|a previous migration never released it})',
    // Migration tools lock their history table while they run; a replica killed mid-migration leaves it
    // set and every later start waits or fails: knex-migrator's MigrationsAreLockedError, knex's "Migration
    // table is already locked", Liquibase's "Could not acquire change log lock. Currently locked by <host>
    // (<ip>)" (the host that holds it is named first, its address after) and its "Waiting for changelog
    // lock....", which it repeats until it gives up or a probe or the job's replica timeout kills it: the
    // stale lock is the cause, the kill its consequence, so the rule outranks the replica-timeout kill.
    pattern:
      /\bCould not acquire change ?log lock\.?\s{0,4}Currently locked by (?<host>[\w.-]{1,200})|\b(?<exception>MigrationsAreLockedError)\b|\bMigration table is already locked\b|\bCould not acquire change ?log lock\b|\bWaiting for change ?log lock\b/,
    keywords: [
      'migrationsarelockederror',
      'migration table is already locked',
      'could not acquire change log lock',
      'could not acquire changelog lock',
      'waiting for changelog lock',
      'waiting for change log lock',
    ],
    confidence: 0.87,
    explanation:
      'A schema migration holds the lock on the migrations table, and no migration is running: an earlier replica was stopped in the middle of one (a probe kill, a scale-in, an OOM), so the lock was never released and every start refuses to go on.',
    // Each tool's own release, and only that tool's: Liquibase's text never carries knex's and back.
    actions: [
      {
        when: LIQUIBASE_LOCK,
        needs: ['host'],
        decisive: true,
        text: 'Liquibase\'s lock is held by {host}: make sure no Liquibase update is still running there, then release the lock: `liquibase releaseLocks` with the app\'s database settings, or in the database `UPDATE DATABASECHANGELOGLOCK SET LOCKED=FALSE, LOCKGRANTED=NULL, LOCKEDBY=NULL WHERE ID=1`. Check the schema the interrupted migration left before starting again.',
      },
      {
        when: LIQUIBASE_LOCK,
        absent: ['host'],
        decisive: true,
        text: 'Make sure no Liquibase update is still running (SELECT LOCKEDBY, LOCKGRANTED FROM DATABASECHANGELOGLOCK says who took the lock and when), then release the lock: `liquibase releaseLocks` with the app\'s database settings, or `UPDATE DATABASECHANGELOGLOCK SET LOCKED=FALSE, LOCKGRANTED=NULL, LOCKEDBY=NULL WHERE ID=1`. Check the schema the interrupted migration left before starting again.',
      },
      {
        when: KNEX_LOCK,
        decisive: true,
        text: 'Make sure no migration is still running, then release the lock in the database: set `is_locked` to 0 in knex_migrations_lock (knex), or `locked` to 0 in migrations_lock (knex-migrator, Ghost). Check the schema the interrupted migration left before starting again.',
      },
      { text: 'Then restart the revision so the app runs its migrations again with the lock free.', command: RESTART_REVISION },
      {
        text: 'To keep two replicas from migrating at once while you fix it, run one replica (set --max-replicas back to its old value afterwards, or move the migration to a job of its own).',
        command: 'az containerapp update -n {app} -g {resourceGroup} --min-replicas 1 --max-replicas 1',
      },
    ],
    links: [LINKS.revisions],
  },
  {
    id: 'console.config.invalid-keys',
    category: 'missing-configuration',
    title: 'the configuration file has keys this version does not accept ({setting})',
    // Go's mapstructure decoding (the OpenTelemetry Collector, Vault, and others): "'exporters' has invalid
    // keys: queue_settings" — a key renamed or removed in the version the image runs.
    // The section is quoted before "has invalid keys"; when it is empty ('' has invalid keys: address) the
    // collector printed the section on the line above ("'service.telemetry.metrics' decoding failed",
    // "error decoding 'service.telemetry.metrics'"), which the context reads. Both are named: the key alone
    // does not say where it sits in the file.
    pattern: /'(?<section>[\w.\[\]-]{0,120})' has invalid keys: (?<key>[\w.-]{1,80})|\bhas invalid keys: (?<key_2>[\w.-]{1,80})/,
    keywords: ['has invalid keys'],
    // A component's own settings ("error reading configuration for \"httpcheck\"") sit under the component.
    context: /'(?<section>[\w.\[\]-]{1,120})' decoding failed|\berror decoding '(?<section_2>[\w.\[\]-]{1,120})'(?:: error reading configuration for \\?"(?<component>[\w\/.-]{1,80})\\?")?/,
    normalizeNames: sectionAndKey,
    confidence: 0.86,
    explanation:
      'The program decoded its configuration file and found keys it does not know ({setting}): the file was written for another version (a key renamed or moved), so the program refuses to start.',
    actions: [
      {
        decisive: true,
        text: 'Rename or remove {setting} in the configuration file the container loads, as the image version\'s documentation and changelog name it, or pin the image version the file was written for; then create a new revision.',
      },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.config.unknown-field',
    category: 'missing-configuration',
    title: 'the configuration file has a field this version does not know ({setting})',
    // Protobuf-typed configuration (Envoy's bootstrap): "INVALID_ARGUMENT:(static_resources.listeners[0].
    // filter_chains) tls_context: Cannot find field.) has unknown fields" — a v2 field the v3 API removed.
    // The parenthesised path is the section; without it the field sits at the top level.
    pattern: /\bINVALID_ARGUMENT:(?:\((?<section>[\w.\[\]-]{1,160})\) ?)?(?<key>[\w.-]{1,80}): Cannot find field/,
    keywords: ['cannot find field'],
    context: /\berror initializing config(?:uration)? '(?<file>\/[\w.\/-]{1,160})'/,
    normalizeNames: sectionAndKey,
    confidence: 0.86,
    explanation:
      'The program parsed its configuration file against the API of the version the image runs and found a field it does not know ({setting}): the file was written for another API version (a field renamed, moved or removed), so the program refuses to start.',
    actions: [
      {
        decisive: true,
        text: 'Replace {setting} in the configuration file the container loads with the field the image version\'s API reference names for it (or pin the image version the file was written for); then create a new revision.',
      },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.config.field-not-in-type',
    category: 'missing-configuration',
    title: 'the configuration file has a key the program does not know ({setting})',
    // Go programs that decode their YAML config strictly (Loki, Prometheus, Alertmanager, Promtail: "line 28:
    // field scrape_configs not found in type loki.Config") and Traefik's parser ("field not found, node:
    // redirect"): a key of another version, or a file written for another program. The file is on the
    // line above ("failed parsing config: /etc/loki/config.yaml: yaml: unmarshal errors:").
    pattern: /\bfield (?<key>[\w.-]{1,80}) not found in type [\w.*\[\]]{1,120}|\bfield not found, node: (?<key_2>[\w.-]{1,80}|\[\d{1,4}\])/,
    keywords: ['not found in type', 'field not found, node'],
    context: CONFIG_FILE_NAMED,
    normalizeNames: sectionAndKey,
    confidence: 0.87,
    explanation:
      'The program decoded its configuration file{ file} strictly and found a key it does not know ({setting}): the file was written for another version of the program (a key renamed, moved or removed, as after an image tag moved to a new major version), or it is another program\'s configuration (a Promtail scrape config given to Loki). It stops before doing anything, so every restart fails the same way.',
    actions: [
      {
        decisive: true,
        text: 'Remove or move {setting} in {file|the configuration file the container loads} as the documentation of the version the image runs says, or mount the file written for this program; then restart the revision.',
      },
      {
        // An image pinned to a version did not move under the file: the file is what changed.
        absent: ['pinnedImage'],
        text: 'When the file did not change but the image did (a floating tag such as latest moving to a new major version), pin the image tag the file was written for. Compare the image of this revision with the last healthy one.',
        command: 'az containerapp revision list -n {app} -g {resourceGroup} -o table',
      },
    ],
    links: [LINKS.containers, LINKS.storage],
  },
  {
    id: 'console.config.component-type-unknown',
    category: 'missing-configuration',
    title: 'the configuration names a component this build does not ship ({setting})',
    // The OpenTelemetry Collector decodes its YAML against the components compiled in: a type a newer image
    // dropped (the jaeger exporter, removed in v0.85: `error decoding 'exporters': unknown type: "jaeger" for
    // id: "jaeger"`) or one retired for a successor (`error decoding 'exporters': the logging exporter has
    // been deprecated, use the debug exporter instead`; newer builds drop "error decoding" before the section).
    // The collector exits before it starts.
    pattern:
      /'(?:exporters|receivers|processors|extensions|connectors)':? (?:unknown type: "(?<setting>[\w.-]{1,80})"|the (?<setting_2>[\w.-]{1,80}) (?:exporter|receiver|processor|extension|connector) has been (?:deprecated|removed))/,
    keywords: ['unknown type: "', 'has been deprecated', 'has been removed'],
    // The successor the message names (`use the debug exporter instead`): the step names it, not an example
    // from another component (v24 review, case 75).
    context: /use the (?<successor>[\w.-]{1,80}) (?:exporter|receiver|processor|extension|connector) instead/,
    confidence: 0.88,
    explanation:
      'The collector\'s configuration uses the component {setting}, which the build the image runs no longer has (removed, or retired in favour of a successor the message names): after an image update the file written for the older build no longer loads, and every restart fails the same way.',
    actions: [
      {
        needs: ['successor'],
        decisive: true,
        text: 'Replace {setting} with {successor} in the collector configuration (the file or secret volume the sidecar loads), as the message says, and update the pipelines that list it; or pin the image to the version the file was written for. Then restart the revision.',
      },
      {
        absent: ['successor'],
        when: /unknown type: "jaeger"/,
        decisive: true,
        text: 'Replace the jaeger exporter in the collector configuration (the file or secret volume the sidecar loads) with the otlp exporter pointed at the backend\'s OTLP port (Jaeger accepts OTLP on 4317), and update the pipelines that list it; or pin the image to the version the file was written for. Then restart the revision.',
      },
      {
        absent: ['successor'],
        unless: /unknown type: "jaeger"/,
        decisive: true,
        text: 'Replace {setting} in the collector configuration (the file or secret volume the sidecar loads) with the component that took its place in this build (its release notes name it), and update the pipelines that list it; or pin the image to the version the file was written for. Then restart the revision.',
      },
      {
        text: 'Compare the image of this revision with the last healthy one.',
        command: 'az containerapp revision list -n {app} -g {resourceGroup} -o table',
      },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.config.file-unparseable',
    category: 'missing-configuration',
    title: 'the program cannot parse its configuration file {file|}',
    // A configuration file that is there but does not parse, in the program's own words: "failed parsing
    // config: /etc/loki/config.yaml", "error parsing config file /etc/x.toml", "Error loading config file
    // prometheus.yml", nats-server's "Parse error on line 1: 'Invalid escape character". nats names no file:
    // the container's -c/--config argument does.
    pattern:
      /\b(?:failed|error|unable|could not|cannot|can't)(?: to)? (?:(?:load|read)(?:ing)? or )?(?:pars(?:e|ing)|load(?:ing)?|read(?:ing)?|decod(?:e|ing)|unmarshal(?:l?ing)?) (?:the )?config(?:uration)?(?: file)?:? ['"]?(?<file>[\w.\/~-]{1,200}\.(?:ya?ml|toml|conf|cfg|json|ini|xml|hcl|properties))\b|^[\w-]{1,40}: Parse error on line \d{1,6}: /i,
    keywords: ['config', 'parse error on line'],
    // A JavaScript template or expression parser says "Error: Parse error on line 3" about its input, not a config file.
    unless: /^(?:\w{0,40}Error|Exception): Parse error\b|no such file or directory|not found|does not exist|permission denied/i,
    confidence: 0.84,
    explanation:
      'The program opened its configuration file ({file|the file its arguments name}) at start and could not parse it: a syntax error (an escape sequence, quoting or indentation the format does not allow, often from a value pasted into a secret), or a file of another format. It exits before doing anything, so every restart fails the same way until the file changes.',
    actions: [
      {
        decisive: true,
        text: 'Fix {file|the configuration file} where the error points (the line and the character are on the line): if a secret or an Azure Files share provides it, fix it there and restart the revision; if it is baked into the image, rebuild the image.',
      },
    ],
    links: [LINKS.containers, LINKS.storage],
  },
  {
    id: 'console.config.add-to-file',
    category: 'missing-configuration',
    title: 'the configuration file lacks {setting}',
    // A server that checks its configuration file for what it needs and names what to add: ClickHouse's
    // "No servers started (add valid listen_host and 'tcp_port' or 'http_port' to configuration file.)"
    // (NO_ELEMENTS_IN_CONFIG), often after a config.d override replaced the listen section.
    pattern: /\badd (?:a )?(?:valid )?['"]?(?<setting>[A-Za-z_][\w.-]{1,80})['"]?.{0,100}? to (?:the |your )?config(?:uration)? file\b/i,
    keywords: ['configuration file', 'config file'],
    context: /\bProcessing configuration file '(?<file>[^'\n]{1,200})'/,
    confidence: 0.86,
    explanation:
      'The server read its configuration (the main file and any override files merged into it) and found no usable {setting}: an override replaced or emptied the section, or the file was written for another version, so it has nothing to serve and exits.',
    actions: [
      {
        decisive: true,
        text: 'Add {setting} (with the values the line names) to the configuration the container loads: fix the override file in the secret or volume that mounts it, then restart the revision.',
      },
    ],
    links: [LINKS.containers, LINKS.storage],
  },
  {
    id: 'console.python.module-flag-missing',
    category: 'missing-module',
    title: 'Python module {module} is not installed (python -m)',
    // `python -m gunicorn` with no gunicorn installed: the interpreter prints its own path and the module,
    // unquoted, instead of a ModuleNotFoundError.
    pattern: /^\S{0,200}python[\d.]{0,5}: No module named (?<module>[A-Za-z_][\w.]{0,100})\s*$/,
    keywords: ['no module named'],
    confidence: 0.9,
    explanation:
      'The container runs `python -m {module}`, and module {module} is not installed in the image\'s Python environment (not in requirements, installed into another environment, or dropped from the final build stage).',
    actions: [
      {
        decisive: true,
        text: 'Add {module} to the image\'s requirements (requirements.txt, pyproject) and install it into the environment the container\'s python runs, rebuild and deploy the image.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <registry>/<image>:<new-tag>',
      },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.config.variable-needs',
    category: 'missing-configuration',
    title: '{envVar} has a value the app cannot use',
    // An app that says what its variable's value lacks: vaultwarden's "DOMAIN variable needs to contain the
    // protocol", and the same shape with must/should and be/start/include.
    pattern: /\b(?<envVar>[A-Z][A-Z0-9]{1,40}(?:_[A-Z0-9]{1,40}){0,6}) (?:variable|env var|environment variable|setting) (?:needs to|must|should) (?:contain|be|start with|include|have|end with)\b/,
    keywords: ['variable needs to', 'variable must', 'variable should', 'env var must', 'setting must', 'setting needs to', 'setting should', 'env var needs to', 'env var should'],
    confidence: 0.88,
    explanation: 'The app checked the value of {envVar} at start and says what it lacks (a scheme, a format, a range): the variable is set but to a value it cannot use.',
    actions: [
      {
        decisive: true,
        text: 'Give {envVar} a value of the form the message asks for; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {envVar}=<value>',
      },
    ],
    links: [LINKS.envVars],
  },
  {
    id: 'console.storage.volume-required',
    category: 'missing-configuration',
    title: 'the app refuses to start without a persistent volume{ (envVar overrides it)}',
    // Images that check their data directory is a mount and refuse ephemeral storage (vaultwarden's "No
    // persistent volume!"); the banner names the variable that overrides the check.
    pattern: /\bNo persistent volume!|\brefus(?:e|ing) to (?:start|run) without a persistent volume\b/i,
    keywords: ['no persistent volume', 'without a persistent volume'],
    context: /\bset [`'"]?(?<envVar>[A-Z][A-Z0-9]{1,40}(?:_[A-Z0-9]{1,40}){1,8})=(?:true|1|yes)\b/,
    confidence: 0.88,
    explanation:
      'The image checks that its data directory is a mounted volume and stops when it is not, because the data would be lost with the replica. The container has no volume mounted there ({envVar|a variable} can switch the check off for a throwaway instance).',
    actions: [
      {
        decisive: true,
        text: 'Mount an Azure Files volume at the image\'s data directory (define the environment storage, add the volume and its mount in the app\'s YAML and apply it); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
      { needs: ['envVar'], text: 'For a throwaway instance only, set {envVar}=true instead.', command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {envVar}=true' },
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.storage.directory-not-mounted',
    category: 'missing-configuration',
    title: 'the app\'s {file|data} directory is not mounted',
    // Apps that check a directory they expect on a volume and say so ("The 'media' directory is missing. Make
    // sure it is mounted properly."): the directory's name, a missing/absent verb, then the word mount.
    pattern:
      /\b[Tt]he ['"]?(?<file>[\w.\/-]{1,120})['"]? (?:directory|folder) (?:is missing|does not exist|was not found)\b.{0,80}?\bmount|\b(?:[Dd]irectory|[Ff]older) ['"]?(?<file_2>\/[\w.\/-]{1,200})['"]? (?:is missing|does not exist|was not found)\b.{0,80}?\bmount/,
    keywords: ['mount'],
    confidence: 0.86,
    explanation:
      'The app expects {file|a directory} to come from a mounted volume and stops when it is absent or empty: the container has no volume mounted there in this revision.',
    actions: [
      {
        decisive: true,
        text: 'Mount an Azure Files volume at the app\'s {file|data} directory (define the environment storage, add the volume and its mount in the app\'s YAML and apply it); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.dependency.waiting-for',
    category: 'dependency-unreachable',
    title: 'the app keeps waiting for {service|its dependency}',
    // Entrypoints that loop until a dependency answers ("waiting for postgresql to start up", "Waiting for
    // database...") and clients that gave up ("Server did not become healthy after 3 attempts", Temporal's
    // "failed reaching server: context deadline exceeded"): the dependency never answered.
    pattern:
      /\b[Ww]aiting for (?:the )?(?<service>postgres(?:ql)?|mysql|mariadb|database|db|redis|rabbitmq|kafka|elasticsearch|opensearch|cassandra|mongo(?:db)?|broker|zookeeper|couchdb|clickhouse|nats|temporal)\b(?: server)?(?: to (?:start(?: up)?|be ready|come up|become (?:available|ready))|\s?\.{3})|\bdid not become (?:healthy|ready|available) after \d{1,4} (?:attempts|retries|tries)\b|\bfailed reaching server: context deadline exceeded\b|\b(?<service_2>[Dd]atabase|DB|Redis|[Bb]roker) cannot be reached\b/,
    keywords: ['waiting for', 'did not become', 'failed reaching server', 'cannot be reached'],
    confidence: 0.86,
    explanation:
      'The app waits for {service|a dependency} before it starts and it never answered: the address it was given (often a Docker Compose service name that does not exist in Container Apps) does not resolve or is not reachable from the environment, or the dependency is down.',
    actions: [
      {
        decisive: true,
        text: 'Check the address the app is given for {service|the dependency} (its host variable): it must be the dependency\'s real name here (another container app\'s name with TCP ingress for a database, or the Azure service\'s host name), not a Compose service name.',
        command: SHOW_ENV_NAMES,
      },
    ],
    links: [LINKS.networking],
  },
  {
    id: 'console.config.invalid-credentials-length',
    category: 'missing-configuration',
    title: 'the credentials in the environment do not meet the server\'s rules',
    // MinIO validates its root credentials from the environment before it starts (access key at least 3,
    // secret key at least 8 characters): an unusable value, not a refused login.
    pattern: /\bUnable to validate credentials inherited from the shell environment\b|\b(?:Access|Secret) key length should be at least \d{1,3}\b/,
    keywords: ['unable to validate credentials inherited', 'key length should be at least'],
    confidence: 0.86,
    explanation:
      'The server checks the credentials it is given in its environment before it starts, and they do not meet its rules (MinIO: an access key of at least 3 and a secret key of at least 8 characters). The variable or secret behind them holds a short, empty or truncated value.',
    actions: [
      {
        needs: ['secret'],
        decisive: true,
        text: 'Put a value that meets the rule (a secret key of at least 8 characters for MinIO) in secret {secret}, which {envVar|the variable} reads; replace <value>.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {secret}=<value>',
      },
      { needs: ['secret'], text: 'Restart the revision so the server reads it.', command: RESTART_REVISION },
    ],
    links: [LINKS.secrets],
  },
  {
    id: 'console.config.value-wrong-length',
    category: 'missing-configuration',
    title: '{setting} has the wrong length',
    // A key the app checks by size before it starts (ZITADEL: "masterkey must be 32 bytes, but is 10").
    pattern: /\b(?<setting>[A-Za-z][\w.-]{1,40}) must be (?:exactly )?\d{1,4} (?:bytes|characters|chars)(?: long)?,? but (?:is|was|got) \d{1,4}\b/,
    keywords: ['must be'],
    confidence: 0.88,
    explanation: 'The app checks the length of {setting} before it starts and the value it was given has another length: the variable or secret that holds it is truncated, padded (a trailing newline) or the wrong key.',
    actions: [
      {
        decisive: true,
        text: 'Put a value of the required length in {envVar|the variable that holds {setting}} (from its secret when it is a key), then create a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {envVar|<VARIABLE>}=secretref:<secret>',
      },
    ],
    links: [LINKS.secrets],
  },
  {
    id: 'console.http.api-key-rejected',
    category: 'authentication-failure',
    title: 'the service rejected the API key',
    // Search and API services refusing the key the app sends: Meilisearch ("The provided API key is invalid",
    // invalid_api_key), Typesense ("a valid `x-typesense-api-key` header must be sent"), and similar.
    // (OpenAI's invalid_api_key has a rule of its own, with the key's variable and secret steps.)
    pattern: /\bThe provided API key is invalid\b|\ba valid `?x-[\w-]{1,40}-api-key`? header must be sent\b/,
    keywords: ['api key is invalid', 'api-key'],
    confidence: 0.88,
    explanation: 'The service answered that the API key the app sent is not valid (or was not sent): the variable or secret holds another key, an old one, or one without the rights the call needs.',
    actions: [
      {
        needs: ['secret'],
        decisive: true,
        text: 'Put the service\'s current key in secret {secret}, which {envVar|the app\'s key variable} reads; replace <value>.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {secret}=<value>',
      },
      { needs: ['secret'], text: 'Restart the revision so the app reads it.', command: RESTART_REVISION },
      { absent: ['secret'], text: 'Set the variable the app reads its key from ({envVar|see the container\'s variables}) to the service\'s current key, from a secret; this creates a new revision.', command: SHOW_ENV_NAMES },
    ],
    links: [LINKS.secrets],
  },
  {
    id: 'console.db.schema-not-installed',
    category: 'application-error',
    title: 'the database the app connects to has no schema: it was never installed or migrated',
    // listmonk ("the database does not appear to be setup. Run --install."), and the same words from other
    // self-hosted apps: the schema step was not run against this database.
    pattern: /\bdatabase does not appear to be set ?up\b|\bdatabase (?:is )?not (?:yet )?(?:initiali[sz]ed|installed)\b|\bRun --install\b/i,
    keywords: ['does not appear to be set', 'not initialized', 'not initialised', 'not installed', 'not yet', 'run --install'],
    confidence: 0.82,
    explanation:
      'The app connected to its database and found none of its tables: the install or migration step that creates the schema has not been run against this database (a new database, or a connection to the wrong one).',
    actions: [
      {
        decisive: true,
        text: 'Run the app\'s install or migration step once against this database (as a Container Apps job with the same image and its install flag, e.g. `--install --yes` for listmonk), or point the app at the database that holds its schema; then restart the revision.',
      },
      { text: 'Restart the revision after the schema exists.', command: RESTART_REVISION },
    ],
  },
  {
    id: 'console.config.client-refuses-without-setting',
    category: 'missing-configuration',
    title: 'the app refuses to start without {setting|a required key or URL}',
    // Client libraries and apps that check, in their own words, the key or URL they were built with:
    // stripe-node ("Neither apiKey nor config.authenticator provided"), supabase-js ("supabaseUrl is
    // required."), Laravel images ("An application key is missing", "No application encryption key has been
    // specified"), next-auth ([NO_SECRET] MissingSecretError), Authelia ("storage: option 'encryption_key' is
    // required") and images that pick their database from an absent URL ("Unkown database type", sic).
    pattern:
      /\bNeither (?<setting>apiKey) nor config\.authenticator provided\b|(?:^|Error: )(?<setting_2>[a-z][a-z]{1,30}(?:Url|Key|Secret|Token))\b is required\.|\b(?<laravel>An application key is missing|No application encryption key has been specified)|(?<nextauth>\[next-auth\]\[error\]\[NO_SECRET\])|\b(?<nextauth_2>MissingSecretError)\b|\bConfiguration: [\w.]{1,40}: (?:option )?'(?<setting_3>[\w.]{1,80})' (?:configuration option must be provided|(?:must )?is required)\b|\bUnk(?:n)?own database type, cannot proceed\b/,
    keywords: ['neither apikey nor', 'is required.', 'application key is missing', 'no application encryption key', 'no_secret', 'missingsecreterror', 'configuration: ', 'database type, cannot proceed'],
    normalizeNames: (n) => {
      const { laravel, nextauth, ...rest } = n;
      if (laravel !== undefined) return { ...rest, setting: 'APP_KEY' };
      if (nextauth !== undefined) return { ...rest, setting: 'NEXTAUTH_SECRET' };
      return rest;
    },
    confidence: 0.9,
    explanation:
      'The app (or a client library it builds at startup) checked the key or URL it needs and found none: the environment variable or secret that should carry {setting|it} is missing in this revision, named differently, or set to an empty value, so the app stopped before serving.',
    actions: [
      {
        decisive: true,
        text: 'Set {envVar|the variable the app reads the key or URL from} to its value, from a secret reference when it is a key, then create a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {envVar|<VARIABLE>}=secretref:<secret>',
      },
      { text: 'Check which variables and secrets the container has now.', command: SHOW_ENV_NAMES },
    ],
    links: [LINKS.secrets],
  },
  {
    id: 'console.config.key-value-malformed',
    category: 'missing-configuration',
    title: 'the {setting|key} the app was given is not a usable key',
    // A key read from the environment that is present but of the wrong shape: firebase-admin's "Failed to
    // parse private key: Error: Invalid PEM formatted message" (line breaks lost in the variable) and Node
    // crypto's "Invalid key length" (an encryption key of the wrong size or encoding, Infisical's ENCRYPTION_KEY).
    pattern: /\bFailed to parse (?<setting>private key): (?:Error: )?Invalid PEM formatted message\b|\b(?:RangeError|Error|error): (?<keyLength>Invalid key length)\b/,
    keywords: ['invalid pem formatted message', 'invalid key length'],
    // Named as the variables that hold such keys end (ENCRYPTION_KEY, FIREBASE_PRIVATE_KEY), so the step finds the one.
    normalizeNames: (n) => {
      const { keyLength, ...rest } = n;
      return keyLength !== undefined ? { ...rest, setting: 'encryption key' } : rest;
    },
    confidence: 0.88,
    explanation:
      'The app read a key from its environment and the value is not one it can use: a PEM key whose line breaks were lost or escaped when it was stored, or an encryption key of the wrong length or encoding. The variable or secret holds the wrong value; the code is fine.',
    actions: [
      {
        needs: ['secret'],
        decisive: true,
        text: 'Store the key in secret {secret} in the form the app expects (a PEM key with its line breaks as real newlines or literal \\n; an encryption key of the documented length and encoding); replace <value>.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {secret}=<value>',
      },
      { needs: ['secret'], text: 'Restart the revision so the app reads it.', command: RESTART_REVISION },
      { absent: ['secret'], text: 'Set {envVar|the variable that holds the key} to a value in the form the app expects, from a secret; this creates a new revision.', command: SHOW_ENV_NAMES },
    ],
    links: [LINKS.secrets],
  },
  {
    id: 'console.s3.access-key-refused',
    category: 'authentication-failure',
    title: 'the S3-compatible object store refused the access key',
    // The S3 protocol's own error codes, as every S3 client (boto3, the AWS SDKs, minio-go, rclone) and every
    // S3-compatible store (MinIO, R2, Ceph RGW) print them: the key id is unknown, or the secret key signs wrong.
    pattern:
      /\b(?<code>InvalidAccessKeyId|SignatureDoesNotMatch)\b|\bAccess Key Id you provided does not exist in our records|\brequest signature we calculated does not match the signature you provided/i,
    keywords: ['invalidaccesskeyid', 'signaturedoesnotmatch', 'access key id you provided', 'signature we calculated'],
    confidence: 0.9,
    explanation:
      'The S3-compatible object store does not accept the key pair the app signs its requests with: InvalidAccessKeyId means the store knows no such access key id (a deleted, rotated or mistyped key, or a key of another store or account); SignatureDoesNotMatch means the key id exists but the secret key beside it is wrong. Nothing is wrong with the network or the bucket.',
    actions: [
      {
        needs: ['secret'],
        text: 'Put a valid access key of the store in secret {secret} (read by {envVar|the app}; replace <value>), with its secret key in the secret beside it; the pair must belong to the endpoint the app calls.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {secret}=<value>',
      },
      { needs: ['secret'], text: 'Restart the revision so the app reads the new key.', command: RESTART_REVISION },
      {
        absent: ['secret'],
        text: 'Find the variables that hold the access key id and secret key (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the app\'s own S3 or MinIO names) and the secrets they read; set a valid key pair of the store there.',
        command: SHOW_ENV_NAMES,
      },
    ],
    links: [LINKS.secrets],
  },
]);
