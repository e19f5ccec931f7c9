import type { AppConfig } from '../../model';
import { DERIVED_RULES } from '../rules/configRules';
import { containersOf, envOf, removedVariable } from './configChecks';
import { localSidecarFor, secretConnectionVar } from '../steps/configuredAddress';
import { addEvidence, draft, type Draft } from './draft';
import { likelyAddressVar } from './likelyVar';
import { SERVICES } from './serviceTable';

/**
 * Stage 5c, local defaults: a dependency "unreachable" at localhost is rarely a network problem.
 *
 * Nothing but the app (and its sidecars) listens inside a replica, so a client that dials 127.0.0.1 or
 * localhost on a broker's or a database's port is using its library's default: the setting that should
 * name the real host is missing or empty (`ENOTFOUND undefined` is the same failure with no default).
 * The finding says so when a change since the healthy revision removed the variable (and names it), or
 * when the container sets the service's credentials or several of its other variables but none with its
 * address, or when the client printed its library's default URL and the container sets no variable for
 * the service while it gives other services' addresses; it keeps the refused connection as its evidence.
 */

const LOCAL_HOST = /^(?:127\.0\.0\.1|localhost|::1|\[::1\]|0\.0\.0\.0|undefined|null)$/i;
/** Ports sidecars listen on inside the replica (Dapr's HTTP and gRPC ports): dialling them locally is right. */
export const SIDECAR_PORTS = new Set(['3500', '3501', '50001', '50002']);

export function localDefaults(drafts: Draft[], config: AppConfig | undefined, consoleLines: readonly { text: string }[] = []): void {
  daprClientPort(drafts, config);
  removedVariableCrash(drafts, config);
  caBundleMissing(drafts);
  privateCaUntrusted(drafts, config);
  namedFallbackHost(drafts, consoleLines);
  localDefaultHost(drafts, config);
  libraryNameRemoved(drafts, config);
}

function localDefaultHost(drafts: Draft[], config: AppConfig | undefined): void {
  const local = drafts.find(
    (d) => d.category === 'dependency-unreachable' && !d.benign && LOCAL_HOST.test(d.names.host ?? '') && !SIDECAR_PORTS.has(d.names.port ?? ''),
  );
  if (!local) return;
  // Without a variable the change removed, a local address can also be a sidecar or a peer in the same
  // replica: say what localhost means, but keep the unreachable reading, unless the only container sets the
  // service's user or password and nothing that says where it is (the host setting is the one missing).
  const variable = removedVariable(config);
  const unaddressed = variable ? undefined : addressMissing(local, config);
  if (unaddressed) {
    const names: Record<string, string> = { host: local.names.host ?? 'localhost' };
    if (local.names.port) names.port = local.names.port;
    const likely = likelyAddressVar(unaddressed, local.names.port, local.evidence.map((e) => e.text.slice(0, 2000)).join('\n'));
    if (likely) Object.assign(names, { likelyVar: likely.name, likelyValue: likely.example, likelyWhy: likely.why });
    const d = draft(DERIVED_RULES.localDefaultHost, names, 'config');
    if (unaddressed.length > 0) {
      d.explanationExtra.push(`The container sets ${unaddressed.join(', ')} for this service but no host, URL or connection string: the client fell back to its default address.`);
      addEvidence(d, [{ source: 'config', text: `env ${unaddressed.join(', ')}; no address variable for the service` }]);
    } else {
      d.explanationExtra.push('The client dialled its library\'s default URL, and the container sets no variable for this service at all: the setting that names the broker is missing.');
      addEvidence(d, [{ source: 'config', text: 'no variable for the service in the container\'s env; the client printed its default URL' }]);
    }
    leadOver(d, local);
    drafts.push(d);
    return;
  }
  if (!variable) {
    local.explanationExtra.push(loopbackReason(local.names.host ?? 'localhost', config, local.names.port));
    return;
  }
  const names: Record<string, string> = { host: local.names.host ?? 'localhost' };
  if (local.names.port) names.port = local.names.port;
  names.envVar = variable;
  const d = draft(DERIVED_RULES.localDefaultHost, names, 'config');
  d.explanationExtra.push(`The change since the last healthy revision removed ${variable}.`);
  leadOver(d, local);
  drafts.push(d);
}

/**
 * A client that says it fell back to its default host because none was given (kombu: `No hostname was
 * supplied. Reverting to default 'localhost'`, redis-py and others: `defaulting to localhost`).
 */
const FALLBACK_HOST =
  /\bNo host(?:name)? (?:was )?(?:supplied|given|specified|provided|configured)\b[^\n]{0,40}?\b(?:Reverting|Falling back|defaulting) to (?:default )?['"]?(?<host>localhost|127\.0\.0\.1|::1)['"]?/i;

/**
 * The client printed that it fell back to its local default host, and a connection of it then failed
 * without naming a host: the failed connection was to that default. Name it, so the local-default reading
 * below can take it.
 */
function namedFallbackHost(drafts: Draft[], consoleLines: readonly { text: string }[]): void {
  const unreachable = drafts.find((d) => d.category === 'dependency-unreachable' && !d.benign && !d.names.host);
  if (!unreachable) return;
  for (const l of consoleLines) {
    const host = FALLBACK_HOST.exec(l.text.slice(0, 2000))?.groups?.host;
    if (!host) continue;
    unreachable.names.host = host;
    addEvidence(unreachable, [{ source: 'console', text: l.text.slice(0, 500) }]);
    return;
  }
}

/** A variable that carries a service's user, password or key. */
const SERVICE_CREDENTIAL = /USER|PASS|PWD|SECRET|KEY|TOKEN/i;
/** A variable that carries a service's address rather than its user, password or database name. */
const ADDRESS_VARIABLE = /URL|URI|HOST|SERVER|ENDPOINT|CONN|DSN|ADDR|BROKERS|BOOTSTRAP/i;
/**
 * A client library's own default address, printed as it dials it: Celery/kombu and the AMQP clients fall
 * back to the broker's `guest` account on the local host, a value no deployment configures on purpose.
 */
const DEFAULT_URL = /\bamqps?:\/\/guest(?::[^@\s]{0,40})?@(?:127\.0\.0\.1|localhost|\[::1\])[:/]/i;

/**
 * The only app container sets a service's other variables (its user, its password) but none that names
 * where it is, and the client dialled its local default: the address setting is the one missing. Returns
 * the variables it does set; undefined when the reading does not hold (a sidecar could serve the port,
 * the service is not known, or an address variable exists and the refusal is about that address).
 */
function addressMissing(local: Draft, config: AppConfig | undefined): string[] | undefined {
  const containers = containersOf(config);
  if (containers.length !== 1) return undefined;
  const text = local.evidence.map((e) => e.text.slice(0, 2000)).join('\n');
  const service = SERVICES.find((s) => s.port === local.names.port) ?? SERVICES.find((s) => s.words.test(text));
  if (!service) return undefined;
  const env = Array.isArray(containers[0]?.env) ? containers[0].env : [];
  const related = env.map((e) => e?.name).filter((n): n is string => typeof n === 'string' && service.variable.test(n));
  if (related.some((n) => ADDRESS_VARIABLE.test(n))) return undefined;
  // No variable for the service at all is only a fallback when the client printed its library's default
  // URL and the container gives other services' addresses in env (DB_HOST, REDIS_URL): the app is
  // configured from env. Otherwise the address may come from a file or a sidecar.
  if (related.length === 0) return DEFAULT_URL.test(text) && env.some((e) => typeof e?.name === 'string' && ADDRESS_VARIABLE.test(e.name)) ? [] : undefined;
  // One stray setting (a consumer group override) does not say the client is configured from env: the
  // address may sit in a file baked into the image. Its credentials, or several of its settings, do.
  if (related.length < 2 && !related.some((n) => SERVICE_CREDENTIAL.test(n))) return undefined;
  return related;
}

/** Words of a gRPC client: the Dapr SDKs' gRPC calls fail in these words. */
const GRPC_CLIENT = /\bgrpc\b|RpcException|StatusCode="?\w|grpc-status|grpc_status/i;
/** Dapr's HTTP ports inside the replica. */
const DAPR_HTTP_PORTS = new Set(['3500', '3501']);

/**
 * A gRPC client refused on the sidecar's HTTP port: the SDK was told the wrong port (DAPR_GRPC_PORT set to
 * 3500, or an endpoint written by hand), so the setting is the cause, not an unreachable sidecar.
 */
function daprClientPort(drafts: Draft[], config: AppConfig | undefined): void {
  const refused = drafts.find(
    (d) => d.category === 'dependency-unreachable' && !d.benign && LOCAL_HOST.test(d.names.host ?? '') && DAPR_HTTP_PORTS.has(d.names.port ?? ''),
  );
  if (!refused || !refused.evidence.some((e) => GRPC_CLIENT.test(e.text.slice(0, 2000)))) return;
  // Only a port the template set by hand is a setting to fix; without one the sidecar may simply not be up yet.
  const envVar = envOf(config).find((e) => /^DAPR_GRPC_(?:PORT|ENDPOINT)$/.test(e.name))?.name;
  if (!envVar) return;
  const d = draft(DERIVED_RULES.daprWrongPort, { port: refused.names.port ?? '3500', ...(envVar ? { envVar } : {}) }, 'config');
  takeOver(d, refused);
  drafts.push(d);
}

/** A value that is not there, in the words runtimes use when code reads it anyway. */
const ABSENT_VALUE = /\bNone\b|\bnil\b|\bnull\b|\bundefined\b|NotPresent|KeyError|NoneType|\bnot set\b|\bempty\b|\bblank\b/i;
/** A variable that carries a credential. */
const CREDENTIAL_NAME = /KEY|TOKEN|SECRET|PASS|PWD|CREDENTIAL/i;
/** Changes that touch the code: with one of these, a crash can be the new code's. */
const CODE_CHANGES = /^(?:image|command|args|container-added)$/;

/** `AZURE_STORAGE_CONNECTION_STRING` is spoken of as `connection_string`, `connectionString`, `connection string`. */
function spokenOf(variable: string, text: string): boolean {
  const words = variable.toLowerCase().split(/_+/).filter((w) => w.length > 0);
  const lower = text.toLowerCase();
  if (lower.includes(variable.toLowerCase())) return true;
  for (let i = 0; i + 1 < words.length; i++) {
    const pair = words.slice(i, i + 2);
    if (pair.join('').length < 8) continue;
    if ([pair.join('_'), pair.join(' '), pair.join('')].some((p) => lower.includes(p))) return true;
  }
  return false;
}

/** The setting's name without its last word: `X_CREDENTIAL_CLIENTSECRET` -> `X_CREDENTIAL_`. */
function settingStem(name: string): string {
  const cut = Math.max(name.lastIndexOf('_'), name.lastIndexOf(':'));
  return cut > 0 ? name.slice(0, cut + 1).toUpperCase() : '';
}

/**
 * The same change added a sibling of the removed credential (`..._CREDENTIAL_CLIENTSECRET` out,
 * `..._CREDENTIAL_MANAGEDIDENTITYENABLED` in): the sign-in method was switched on purpose, so the removal is
 * not the thing to undo; the refusal is the new method's (an identity without access, a wrong client id).
 */
function credentialSwitched(variable: string, changes: readonly { kind?: unknown; name?: unknown }[]): boolean {
  const stem = settingStem(variable);
  if (!CREDENTIAL_NAME.test(variable) || stem.length < 4) return false;
  return changes.some((c) => String(c?.kind) === 'env-added' && typeof c.name === 'string' && c.name.toUpperCase().startsWith(stem));
}

/**
 * The change since the healthy revision only removed or emptied a variable (no new image, command or
 * arguments), and the app now fails on a value that is not there or on that setting's own name, or a
 * service refuses the key the variable held: the missing variable is the cause, the failure its consequence.
 */
function removedVariableCrash(drafts: Draft[], config: AppConfig | undefined): void {
  const variable = removedVariable(config);
  const changes = config?.changesSinceHealthy?.changes ?? [];
  if (!variable || changes.some((c) => CODE_CHANGES.test(String(c?.kind)))) return;
  if (credentialSwitched(variable, changes)) return;
  // A key or password the change took away is refused as a bad one: the refusal follows from the removal.
  const refusedKey = CREDENTIAL_NAME.test(variable)
    ? drafts.find((d) => d.category === 'authentication-failure' && !d.benign && d.source !== 'config')
    : undefined;
  // Without a console rule for the crash, the exit's reading carries its console lines (the exception the
  // app printed last): that is the same crash.
  const crash =
    refusedKey ??
    drafts.find((d) => d.category === 'application-error' && !d.benign && d.source === 'console') ??
    drafts.find((d) => d.category === 'application-error' && !d.benign && !!d.names.exception && d.evidence.some((e) => e.source === 'console'));
  if (!crash) return;
  const text = crash.evidence.map((e) => e.text.slice(0, 2000)).join('\n');
  if (!refusedKey && !ABSENT_VALUE.test(text) && !spokenOf(variable, text)) return;
  const d = draft(DERIVED_RULES.removedVariableCrash, { envVar: variable }, 'config');
  d.explanationExtra.push(`The change since the last healthy revision: ${config?.changesSinceHealthy?.summary ?? `${variable} removed`}.`);
  takeOver(d, crash);
  drafts.push(d);
}

/** The x509 and OpenSSL words for a certificate no trusted authority vouches for. */
const UNKNOWN_AUTHORITY = /certificate signed by unknown authority|unable to get local issuer certificate/i;
/** Hosts whose certificates come from public authorities every standard trust store holds. */
const PUBLIC_HOST =
  /\.(?:windows\.net|azure\.com|azure\.net|azurecr\.io|microsoft\.com|microsoftonline\.com|azure-api\.net|amazonaws\.com|googleapis\.com|github\.com|githubusercontent\.com|openai\.com|docker\.io)$/i;

/**
 * Managed databases are left out: their clients are often told which CA to trust in their own settings
 * (`sslrootcert`, a CA file), so an unknown authority there is as likely the connection's setting.
 */
const DATABASE_HOST = /\.database\.(?:azure\.com|windows\.net)$/i;

/** A public host's certificate refused as unknown: the image lacks its CA bundle. */
function caBundleMissing(drafts: Draft[]): void {
  const isPublic = (host: string) => PUBLIC_HOST.test(host) && !DATABASE_HOST.test(host);
  const tls = drafts.find((d) => d.rule.id === 'console.net.tls' && !d.benign && isPublic(d.names.host ?? ''));
  if (!tls || !tls.evidence.some((e) => UNKNOWN_AUTHORITY.test(e.text.slice(0, 2000)))) return;
  const d = draft(DERIVED_RULES.caBundleMissing, { host: tls.names.host ?? '' }, 'config');
  takeOver(d, tls);
  drafts.push(d);
}

/**
 * A chain to no trusted CA, in the words of clients whose trust store is configured rather than missing
 * (Java's PKIX, OpenSSL's local issuer and self-signed chain): Go's "signed by unknown authority" stays out,
 * as from a scratch image it is the bundle itself that is missing.
 */
const CHAIN_UNTRUSTED = /PKIX path building failed|unable to find valid certification path|unable to get local issuer certificate|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|self[- ]signed certificate in certificate chain|SELF_SIGNED_CERT_IN_CHAIN/i;

/**
 * A private (non-public, non-database) host's certificate refused as untrusted: the app's trust store lacks
 * the internal or proxy CA, a setting to supply. Public hosts are caBundleMissing's, managed databases keep
 * the connection reading (their clients take the CA in the connection's own settings).
 */
/** Variables that point a client at its trust store or CA file. */
const TRUST_STORE_VAR = /TRUST_?STORE|_JKS_PATH$|(?:^|_)CA_?(?:CERT|FILE|BUNDLE|PATH)(?:_|$)|^SSL_CERT_FILE$|^REQUESTS_CA_BUNDLE$|^NODE_EXTRA_CA_CERTS$/i;

function privateCaUntrusted(drafts: Draft[], config: AppConfig | undefined): void {
  const tls = drafts.find((d) => d.rule.id === 'console.net.tls' && !d.benign && !d.consequenceOf);
  const host = tls?.names.host ?? '';
  if (!tls || PUBLIC_HOST.test(host) || DATABASE_HOST.test(host)) return;
  if (!tls.evidence.some((e) => CHAIN_UNTRUSTED.test(e.text.slice(0, 2000)))) return;
  const names: Record<string, string> = host ? { host } : {};
  // The one variable naming the app's trust store or CA file is where the CA goes.
  const trust = (envOf(config) ?? []).filter((e) => TRUST_STORE_VAR.test(e.name) && !e.secretRef);
  if (trust.length === 1) names.envVar = trust[0]!.name;
  const d = draft(DERIVED_RULES.privateCaUntrusted, names, 'config');
  takeOver(d, tls);
  drafts.push(d);
}

/** The new reading leads with the old one's evidence and names, and is surer than the reading it replaces. */
function takeOver(d: Draft, from: Draft): void {
  for (const [k, v] of Object.entries(from.names)) if (d.names[k] === undefined) d.names[k] = v;
  d.confidence = Math.max(d.confidence, from.confidence + 0.02);
  leadOver(d, from);
}

/** The new reading carries the old one's evidence, times and replicas; the old one becomes its consequence. */
function leadOver(d: Draft, from: Draft): void {
  addEvidence(d, from.evidence.slice(0, 3));
  d.times.push(...from.times);
  for (const r of from.replicas) d.replicas.add(r);
  d.lastWords = from.lastWords;
  d.alternatives = [from.category];
  from.confidence = Math.min(from.confidence, 0.5);
  from.consequenceOf = d.rule.id;
}

/** Python's ImportError for a name, with the file of the installed module it looked in. */
const NAME_FROM_INSTALLED = /cannot import name ['"]\w{1,120}['"] from ['"][\w.]{1,200}['"] \([^()\s]{0,300}\/(?:site|dist)-packages\//;
/** A traceback frame line (`  File "/app/x.py", line 3, in <module>`): its file. */
const FRAME_FILE = /^\s{0,8}File "([^"\n]{1,300})", line \d{1,7}/;
const LIBRARY_FRAME = /site-packages|dist-packages|\/lib\/python\d/;

/**
 * The image changed since the last healthy revision and the app's own code (the frame right above the
 * error is the app's file, not another library's) fails to import a name from an installed library:
 * the rebuilt image brought a version of the library that removed that name. The module is there, so
 * this is the code against the library's new API, not a missing package. A library importing from
 * another library (flask from werkzeug) is a dependency mismatch and stays a missing-module reading.
 */
function libraryNameRemoved(drafts: Draft[], config: AppConfig | undefined): void {
  const changes = config?.changesSinceHealthy?.changes ?? [];
  if (!Array.isArray(changes) || !changes.some((c) => c?.kind === 'image')) return;
  const failed = drafts.find((d) => d.rule.id === 'console.python.import-error' && !d.benign && d.names.symbol && d.names.module);
  if (!failed) return;
  const lines = failed.evidence.flatMap((e) => e.text.slice(0, 4000).split('\n'));
  const at = lines.findIndex((l) => NAME_FROM_INSTALLED.test(l));
  if (at < 0) return;
  let frame: string | undefined;
  for (let i = at - 1; i >= 0 && frame === undefined; i--) frame = FRAME_FILE.exec(lines[i] ?? '')?.[1];
  if (!frame || LIBRARY_FRAME.test(frame)) return;
  const d = draft(DERIVED_RULES.libraryNameRemoved, {}, 'config');
  d.explanationExtra.push(`The change since the last healthy revision: ${config?.changesSinceHealthy?.summary ?? 'a new image'}.`);
  takeOver(d, failed);
  drafts.push(d);
}

/** A variable that holds an address (host, URL, URI, connection string), by its name. */
const ADDRESS_VAR = /HOST|URL|URI|SERVER|ADDR|ENDPOINT|CONNECTION|DSN/i;

/**
 * Why a client dialled the replica itself. "Unset or empty" only when the configuration does not show
 * the address set: a variable with a value or a secret reference holds this address (review v20 #12, #14).
 */
export function loopbackReason(host: string, config: AppConfig | undefined, port?: string): string {
  // A container of the app serves the port: the address is right, the sidecar was not listening yet.
  const sidecar = localSidecarFor(config, undefined, port);
  if (sidecar) return `${host} is the replica itself, and container ${sidecar} of this app serves port ${port} there: the address is right, and the app dialled before ${sidecar} accepted connections.`;
  const named = envOf(config).filter((e) => ADDRESS_VAR.test(e.name) && (e.hasValue === true || typeof e.secretRef === 'string'));
  // A connection string named only by its secret (PW_SINK reading sink-dsn) is the address too.
  const bySecret = named.length === 0 ? secretConnectionVar(config, undefined) : undefined;
  const set = bySecret ? [bySecret] : named;
  const lead = `${host} is the replica itself: unless a sidecar serves this port`;
  if (set.length === 1) {
    const e = set[0]!;
    const from = typeof e.secretRef === 'string' ? `reads secret ${e.secretRef}` : 'has a value';
    return `${lead}, ${e.name} (which ${from}) most likely holds this local address: set it to the service's real address.`;
  }
  if (set.length > 1) return `${lead}, the variable that names the service is set to a local address, or is not the one the app reads.`;
  return `${lead}, the app is using its library's default address because the setting that names the service is unset or empty.`;
}
