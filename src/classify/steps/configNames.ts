/**
 * Names a step needs that the rows do not give but the app's configuration does: the secret that holds
 * the credential a dependency refused, the variable that carries a user-assigned identity's client id,
 * the container's own command, the Dapr port override. They are filled in only when the configuration
 * leaves no doubt (one matching secret, one matching variable), so a step never names the wrong thing.
 */
import type { AppConfig, EvidenceLine, Finding } from '../../model';
import { publicPortVar } from './publicImages';

/**
 * Which service a finding is about, told by its rule id, title and host, and the words its secret's name
 * (or the variable reading it) would carry. Order matters: the first service that matches is the one.
 */
const SERVICES: readonly { about: RegExp; names: RegExp }[] = [
  { about: /cosmos|documents\.azure/i, names: /cosmos/i },
  { about: /redis/i, names: /redis|cache/i },
  { about: /service ?bus|servicebus|keda/i, names: /service-?bus|(?:^|[-_])sb(?:[-_]|$)|queue/i },
  { about: /event ?hub/i, names: /event-?hub|(?:^|[-_])eh(?:[-_]|$)/i },
  { about: /storage|blob|queue\.core|file\.core/i, names: /storage|blob|account/i },
  { about: /rabbit|amqp/i, names: /rabbit|amqp|broker/i },
  { about: /mongo/i, names: /mongo/i },
  // A server's own SQL settings (Mattermost's MM_SQLSETTINGS_DATASOURCE from secret mm-dsn) hold the database login too.
  { about: /postgres|\bpg\b|npgsql|psycopg/i, names: /postgres|(?:^|[-_])pg(?:[-_]|$)|database|(?:^|[-_])db(?:[-_]|$)|sql|(?:^|[-_])dsn$|data_?source/i },
  { about: /mysql|mariadb/i, names: /mysql|maria|database|(?:^|[-_])db(?:[-_]|$)|sql|(?:^|[-_])dsn$|data_?source/i },
  { about: /sql ?server|sqlclient|\.database\.windows|azure sql|mssql/i, names: /sql|database|(?:^|[-_])db(?:[-_]|$)/i },
];

/** A user-assigned identity's client id, as the Azure SDKs and tools read it from the environment. */
export const CLIENT_ID_VAR = /^(?:AZURE_CLIENT_ID|[A-Z0-9_]{0,40}MSI_CLIENT_ID|[A-Z0-9_]{0,40}IDENTITY_CLIENT_ID|MANAGED_IDENTITY_CLIENT_ID)$/;

function list<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

/** The one secret (and the variable reading it) whose name matches the service; none when two could. */
function credentialSecret(f: Finding, config: AppConfig): Record<string, string> {
  const about = `${f.ruleId} ${f.title} ${f.names?.host ?? ''}`;
  const service = SERVICES.find((s) => s.about.test(about));
  if (!service) return {};
  const env = list(config.containers).flatMap((c) => list(c?.env)).filter((e) => typeof e?.secretRef === 'string');
  const read = env.filter((e) => service.names.test(e.name) || service.names.test(e.secretRef!));
  const secrets = new Set(read.map((e) => e.secretRef!));
  if (secrets.size === 1) {
    const e = read[0]!;
    return { secret: e.secretRef!, secretVar: e.name };
  }
  if (secrets.size > 1) return {};
  // A scale rule reads its secret without any variable: the app's secret list is then the only place.
  const named = list(config.secrets).map((s) => s?.name).filter((n): n is string => typeof n === 'string' && service.names.test(n));
  return named.length === 1 ? { secret: named[0]! } : {};
}

/** The variable that names a user-assigned identity, when exactly one container variable does. */
function identityVar(config: AppConfig): Record<string, string> {
  const vars = new Set(list(config.containers).flatMap((c) => list(c?.env)).map((e) => e?.name).filter((n) => typeof n === 'string' && CLIENT_ID_VAR.test(n)));
  return vars.size === 1 ? { identityVar: [...vars][0]! } : {};
}

/** The command and args the app sets on its container (the override that wins over the image's CMD). */
function containerCommand(f: Finding, config: AppConfig): Record<string, string> {
  const containers = list(config.containers);
  const c = containers.find((x) => x?.name === f.names?.container) ?? containers[0];
  const words = [...list(c?.command), ...list(c?.args)].filter((w) => typeof w === 'string');
  if (words.length === 0) return {};
  // The change since the healthy revision set the command or args: the app ran as a server before it.
  const changes = list(config.changesSinceHealthy?.changes);
  const changed = changes.some((ch) => (ch?.kind === 'command' || ch?.kind === 'args') && (!ch.container || ch.container === c?.name));
  return { containerCommand: words.join(' ').slice(0, 300), ...(changed ? { commandChanged: 'yes' } : {}) };
}

/** A Dapr sidecar port on localhost: 3500 is its HTTP API, 50001 its gRPC API. */
const DAPR_PORTS: Record<string, { protocol: string; other: string; otherPort: string }> = {
  '3500': { protocol: 'HTTP', other: 'DAPR_GRPC_PORT', otherPort: '50001' },
  '50001': { protocol: 'gRPC', other: 'DAPR_HTTP_PORT', otherPort: '3500' },
};

/**
 * A client that calls the sidecar's port for the other protocol, and the variable that points it there:
 * a gRPC call to 3500 is DAPR_GRPC_PORT set to the HTTP port (and the reverse for 50001).
 */
function daprOverride(f: Finding, config: AppConfig, evidence: readonly EvidenceLine[]): Record<string, string> {
  const port = f.names?.port;
  const host = f.names?.host;
  const dapr = port ? DAPR_PORTS[port] : undefined;
  if (!dapr || !host || !/^(?:127\.0\.0\.1|localhost|\[?::1\]?)$/i.test(host)) return {};
  // The start command names the server too (`streamlit run app.py`) when its own lines are not in the evidence.
  const started = list(config?.containers).flatMap((c) => [...list(c?.command), ...list(c?.args)]).filter((w): w is string => typeof w === 'string').slice(0, 40).join(' ').slice(0, 2000);
  const text = [...evidence.map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : '')), started].join('\n');
  const calledWith = /grpc/i.test(text) ? 'gRPC' : /\bhttp\b|HttpClient|fetch/i.test(text) ? 'HTTP' : undefined;
  if (!calledWith || calledWith === dapr.protocol) return {};
  const set = list(config.containers).flatMap((c) => list(c?.env)).some((e) => e?.name === dapr.other);
  return set ? { daprPortVar: dapr.other, daprPortProtocol: dapr.protocol, daprRightPort: dapr.otherPort } : {};
}

/** `bash start.sh` as one word: the exec-form words it should have been. */
function commandWords(command: string | undefined): Record<string, string> {
  if (!command || !/\s/.test(command.trim())) return {};
  const words = command.trim().split(/\s+/).slice(0, 12);
  return { commandWords: `[${words.map((w) => JSON.stringify(w)).join(', ')}]` };
}

/** An Azure Files share in a CIFS mount row: `//<account>.file.core.windows.net/<share>` (share names: 3-63, lower case, digits, hyphens). */
const SHARE_IN_MOUNT = /\/\/([a-z0-9]{3,24})\.file\.core\.windows\.net\/([a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])?)(?=[\s/]|$)/i;

/** The environment storage behind the volume a finding names, and the Azure Files account from the share's host. */
function storageNames(f: Finding, config: AppConfig): Record<string, string> {
  const volume = f.names?.volume;
  if (!volume) return {};
  const out: Record<string, string> = {};
  const spec = list(config.volumes).find((v) => v?.name === volume);
  const storageName = spec?.storageName;
  // A Secret volume is read-only whatever the app does; where it is mounted is where the app may not write.
  if (typeof spec?.storageType === 'string' && /^secret$/i.test(spec.storageType)) out.secretVolume = volume;
  const mount = list(config.containers).flatMap((c) => list(c?.volumeMounts)).find((m) => m?.volumeName === volume);
  if (typeof mount?.mountPath === 'string' && mount.mountPath) out.volumeMountPath = mount.mountPath;
  if (typeof storageName === 'string' && storageName) out.storageName = storageName;
  const storage = list(config.environment?.storages).find((s) => s?.name === storageName);
  // The share's protocol, from the volume's type or the environment storage's kind: NFS takes no key and
  // no port 445, SMB no network rule of NFS's. Only when the configuration says one and not the other.
  const protocols = [spec?.storageType, storage?.kind].filter((p): p is string => typeof p === 'string' && /azurefile|nfs|smb/i.test(p));
  if (protocols.length > 0 && protocols.every((p) => /nfs/i.test(p))) out.nfsVolume = volume;
  else if (protocols.length > 0 && protocols.every((p) => !/nfs/i.test(p))) out.smbVolume = volume;
  if (typeof storage?.shareName === 'string' && storage.shareName) out.shareName = storage.shareName;
  // The access mode is the environment storage's; a volume that carries one itself (as some exports do) says the same.
  const volumeMode = (list(config.volumes).find((v) => v?.name === volume) as { accessMode?: unknown } | undefined)?.accessMode;
  const mode = typeof storage?.accessMode === 'string' && storage.accessMode ? storage.accessMode : typeof volumeMode === 'string' ? volumeMode : '';
  if (mode) out.accessMode = mode;
  if (/^readonly$/i.test(mode) && storageName) out.readOnlyMount = 'yes';
  // The account from the share's host, else from the mount row itself (`mount "//acct.file.core.windows.net/media"`).
  const mountRow = list(f.evidence).map((e) => (typeof e?.text === 'string' ? SHARE_IN_MOUNT.exec(e.text.slice(0, 2000)) : null)).find(Boolean);
  const account = /^([a-z0-9]{3,24})\.file\.core\.windows\.net$/i.exec(f.names?.host ?? '')?.[1] ?? mountRow?.[1];
  if (account) out.storageAccount = account.toLowerCase();
  // The mount row names the share after the account's host (`mount //acct.file.core.windows.net/media`).
  if (!out.shareName && account) {
    const share = list(f.evidence)
      .map((e) => (typeof e?.text === 'string' ? SHARE_IN_MOUNT.exec(e.text.slice(0, 2000)) : null))
      .find((m) => m && m[1]!.toLowerCase() === account.toLowerCase())?.[2];
    if (share) out.shareName = share.toLowerCase();
  }
  return out;
}

/** A variable that sets the port an app listens on; Dapr's own ports are the sidecar's, not the app's. */
const PORT_VAR = /^(?:PORT|HTTP_PORT|SERVER_PORT|APP_PORT|ASPNETCORE_HTTP_PORTS|ASPNETCORE_URLS|[A-Z][A-Z0-9_]{0,40}_PORT)$/;
/** .NET's rows; Kestrel's own lines (`Now listening on: http://[::]:8080`) often come without the logger's name. */
const DOTNET = /Kestrel|Microsoft\.AspNetCore|Microsoft\.Hosting\.Lifetime|ASPNETCORE_|\.NET|dotnet|\bNow listening on: https?:\/\/|Application started\. Press Ctrl\+C to shut down/i;
/** nginx's own log prefix (`nginx: [emerg]`, `[emerg] 510#510:`) and its version banner. */
const NGINX = /\[(?:notice|emerg|alert|crit)\] \d{1,7}#\d{1,7}: |nginx: \[(?:emerg|alert|crit|warn|notice)\]|nginx\/\d|\/docker-entrypoint\.sh: Configuration complete/i;
/** Apache httpd's message ids (AH00072) and its banner. */
const APACHE = /\bAH\d{5}\b|Apache\/2\.\d|\bapache2\b|\bhttpd\b/;

/**
 * What the rows say about the server that listens, and how that server is told its port: Spring Boot
 * reads SERVER_PORT, .NET 8 images ASPNETCORE_HTTP_PORTS; uvicorn and gunicorn take it from their start
 * command (a UVICORN_PORT / GUNICORN_CMD_ARGS applies only when the command names no port), `flask run`
 * from --port or FLASK_RUN_PORT; nginx and Apache from their `listen`/`Listen` directive. Offering PORT to
 * any of these would change nothing but the revision.
 */
const RUNTIME_PORTS: readonly { when: RegExp; names: Record<string, string> }[] = [
  { when: /\b(?:Tomcat|Netty|Jetty|Undertow) started on port|o\.s\.b\.w\.embedded|:: Spring Boot ::/i, names: { portVar: 'SERVER_PORT', portVarFrom: 'spring' } },
  { when: DOTNET, names: { portVar: 'ASPNETCORE_HTTP_PORTS', portVarFrom: 'dotnet' } },
  // Streamlit reads --server.port or STREAMLIT_SERVER_PORT, never PORT (https://docs.streamlit.io/develop/api-reference/configuration/config.toml).
  { when: /You can now view your Streamlit app|\bstreamlit run\b/i, names: { portVar: 'STREAMLIT_SERVER_PORT', portVarFrom: 'streamlit' } },
  { when: /Uvicorn running on/i, names: { portServer: 'uvicorn', portFlag: '--port <port>', portEnvVar: 'UVICORN_PORT' } },
  { when: /\[gunicorn\]|Booting worker with pid|Listening at: http/i, names: { portServer: 'gunicorn', portFlag: '--bind 0.0.0.0:<port>', portEnvVar: 'GUNICORN_CMD_ARGS' } },
  // Servers configured by a file: the directive and where it is, for a step that says the line to change.
  { when: NGINX, names: { portServer: 'nginx', portDirective: 'listen', portConfig: 'its server block (nginx.conf or conf.d/default.conf in the image)' } },
  { when: APACHE, names: { portServer: 'Apache', portDirective: 'Listen', portConfig: 'ports.conf (/etc/apache2/ports.conf; httpd.conf on httpd images) and the port of the site\'s VirtualHost' } },
  // Caddy and HAProxy take their listeners from their own file and read no PORT (review v23 #43, #48): the
  // site address in the Caddyfile (https://caddyserver.com/docs/caddyfile/concepts#addresses), the frontend's
  // `bind` line in haproxy.cfg (https://docs.haproxy.org/2.8/configuration.html#4.2-bind).
  {
    when: /\bCaddyfile\b|\bcaddy\.(?:go|json)\b|\bhttp app module\b|\badmin endpoint started\b/,
    names: { portServer: 'Caddy', portFileFix: 'change the site address in the Caddyfile (/etc/caddy/Caddyfile) to `:8080` (for a site named by its domain, set `http_port 8080` and `https_port 8443` in the global options, or `auto_https off`: the ingress terminates TLS)' },
  },
  {
    when: /\bhaproxy\b|\bStarting (?:frontend|proxy) [\w.-]{1,100}: cannot bind socket\b/i,
    names: { portServer: 'HAProxy', portFileFix: 'change the port of the frontend\'s `bind` line to 8080 (`bind :8080`) in haproxy.cfg (/usr/local/etc/haproxy/haproxy.cfg in the official image)' },
  },
  // `flask run` reads --port or FLASK_RUN_PORT; an app that calls app.run() itself takes app.run(port=...).
  {
    when: /Serving Flask app|\* Running on https?:\/\//,
    names: { portServer: 'the Flask server', portFlag: 'flask run --port <port>', portEnvVar: 'FLASK_RUN_PORT', portNote: '(an app started with `python app.py` takes `app.run(port=...)` in its code instead)' },
  },
];

/** A port the container's own command or args set (`--port 3000`, `--bind 0.0.0.0:3000`, `--server.port=3000`). */
const PORT_ARG = /(?:^|\s)(--port[ =]\d{2,5}|(?:--bind|-b)[ =](?:[\w.:[\]-]{0,60}:)?\d{2,5}|--server\.port=\d{2,5}|--urls[ =]\S{0,60}:\d{2,5})(?=\s|$)/;

function portInCommand(config: AppConfig | undefined): Record<string, string> {
  for (const c of list(config?.containers)) {
    for (const field of ['command', 'args'] as const) {
      const words = list(c?.[field]).filter((w): w is string => typeof w === 'string').slice(0, 40);
      const m = PORT_ARG.exec(words.join(' ').slice(0, 2000));
      if (m) return { portInCommand: m[1]!, portCommandField: field };
    }
  }
  return {};
}

/**
 * The setting that moves the app to another port: the one port variable the configuration sets, else
 * what the server the rows show reads (above), else the PORT most frameworks read. `portVarFrom` says
 * which, so a step can say whether it is a guess; a server that reads no variable gets `portServer`.
 */
function portVar(config: AppConfig | undefined, evidence: readonly EvidenceLine[]): Record<string, string> {
  const vars = new Set(list(config?.containers).flatMap((c) => list(c?.env)).map((e) => e?.name).filter((n): n is string => typeof n === 'string' && PORT_VAR.test(n) && !/^DAPR_/.test(n)));
  const inCommand = portInCommand(config);
  if (vars.size === 1) {
    const v = [...vars][0]!;
    return { portVar: v, portVarFrom: 'config', ...inCommand };
  }
  // A public image that reads its own port variable (Gitea's GITEA__server__HTTP_PORT): PORT would change nothing.
  const own = list(config?.containers).map((c) => publicPortVar(c?.image)).find(Boolean);
  if (own && !inCommand.portInCommand) return { portVar: own.portVar, portVarFrom: 'image', portVarImage: own.name };
  // The start command names the server too (`streamlit run app.py`) when its own lines are not in the evidence.
  const started = list(config?.containers).flatMap((c) => [...list(c?.command), ...list(c?.args)]).filter((w): w is string => typeof w === 'string').slice(0, 40).join(' ').slice(0, 2000);
  const text = [...evidence.map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : '')), started].join('\n');
  const image = list(config?.containers).map((c) => c?.image ?? '').join(' ');
  const runtime = RUNTIME_PORTS.find((r) => r.when.test(text)) ?? (/mcr\.microsoft\.com\/dotnet|aspnet/i.test(image) ? RUNTIME_PORTS[1] : undefined);
  if (runtime) {
    // A port the command names wins over any variable: the runtime's variable is then no way to move it.
    if (inCommand.portInCommand && runtime.names.portServer) return { ...runtime.names, ...inCommand };
    if (inCommand.portInCommand) return { portServer: 'the start command', ...inCommand };
    return { ...runtime.names };
  }
  if (inCommand.portInCommand) return { portServer: 'the start command', ...inCommand };
  // With no line of the app's own, nothing says which server it is: PORT would be a guess.
  if (!evidence.some((e) => e?.source === 'console')) return {};
  // Nothing names the variable: PORT is what most servers read, but not all (evcc, Streamlit), so say so.
  return { portVar: 'PORT', portVarFrom: 'usual', portVarNote: 'the variable many servers read for their port; check that this one does, else set the port in its own settings' };
}

/** The value that makes the app listen on `port` through `variable` (a URL list for ASPNETCORE_URLS). */
export function portValue(variable: string, port: string): string {
  if (variable === 'MM_SERVICESETTINGS_LISTENADDRESS') return `:${port}`;
  return variable === 'ASPNETCORE_URLS' ? `http://+:${port}` : port;
}

/** Names from the configuration, added only where the finding has none of its own. */
export function configNames(f: Finding, config: AppConfig | undefined, evidence: readonly EvidenceLine[]): Record<string, string> {
  const out: Record<string, string> = { ...commandWords(f.names?.command) };
  if (['port-misconfiguration', 'permission-denied'].includes(f.category)) Object.assign(out, portVar(config, evidence));
  if (!config || typeof config !== 'object') return out;
  if (f.category === 'authentication-failure' && !f.names?.secret) Object.assign(out, credentialSecret(f, config));
  Object.assign(out, identityVar(config), containerCommand(f, config), daprOverride(f, config, evidence));
  Object.assign(out, storageNames(f, config));
  // A job stopped at its replica timeout: the current timeout, and double it as the command's proposal.
  if (f.names?.setting === 'replicaTimeout' || f.ruleId === 'system.job-deadline') {
    out.timeoutHit = 'yes';
    const timeout = config.job?.replicaTimeout;
    if (typeof timeout === 'number' && timeout > 0) Object.assign(out, { replicaTimeout: String(timeout), nextReplicaTimeout: String(Math.min(timeout * 2, 86400)) });
    // The rate the run printed says what the whole run needs: that, not the double, is the proposal.
    const needed = f.names?.neededReplicaTimeout;
    if (out.replicaTimeout && needed && Number(needed) > Number(out.replicaTimeout)) out.nextReplicaTimeout = needed;
  }
  if (typeof config.workloadProfileName === 'string' && config.workloadProfileName) out.workloadProfile = config.workloadProfileName;
  if (out.workloadProfile && !/^consumption$/i.test(out.workloadProfile)) out.dedicatedProfile = out.workloadProfile;
  // The other containers of the replica share its network: a port clash may be one of them.
  const main = f.names?.container ?? list(config.containers)[0]?.name;
  const others = list(config.containers).map((c) => c?.name).filter((n): n is string => typeof n === 'string' && !!n && n !== main);
  if (list(config.containers).length > 1 && others.length > 0) out.sidecars = others.slice(0, 5).join(', ');
  const targetPort = config.ingress?.targetPort;
  if (typeof targetPort === 'number' && Number.isInteger(targetPort) && targetPort > 0 && targetPort < 65536) out.ingressTargetPort = String(targetPort);
  const envName = config.environment?.name ?? /\/managedEnvironments\/([^/]{1,260})$/i.exec(config.environmentId ?? '')?.[1];
  if (envName) out.environment = envName;
  return out;
}
