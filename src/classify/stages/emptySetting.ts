import type { AppConfig } from '../../model';
import { DERIVED_RULES } from '../rules/configRules';
import { localSidecarFor } from '../steps/configuredAddress';
import { containersOf, removedVariables } from './configChecks';
import { addEvidence, draft, type Draft } from './draft';
import { SIDECAR_PORTS as DAPR_PORTS } from './localDefaults';
import { SERVICES, type KnownService } from './serviceTable';

/**
 * Stage 5d, an empty setting's fallback: a variable the change since the healthy revision removed or
 * cleared, or one the template defines with no value and no secret, leaves the client with its library's
 * default, and the refusal that follows reads as the dependency down or the login refused. The rows show
 * the default itself: a unix socket instead of a host (`host=/tmp`), an empty host (`dial tcp :0`), the
 * loopback (`ECONNREFUSED ::1:3306`), an empty user (`Login failed for user ''`), or the client saying its
 * credential must not be empty. With the variable whose name fits that default (an address variable for an
 * address, a user variable for the user, a secret for the credential), the missing setting is the cause.
 * A removed variable that names the refused service (DRUPAL_DB_HOST, PAPERLESS_REDIS) is enough without a
 * default in the rows: a refusal, not a time-out, is what the app's own replica answers.
 * An empty value used as it is reads the same way: a path the app opened or created with nothing in it
 * (Go's `mkdir : no such file or directory`, Node's `open ''`)
 * with a directory or file variable emptied, or a framework refusing to start without its secret
 * (Payload's `missing secret key`) with a secret variable emptied.
 * Never when the variable is set (the service may really be down) or a sidecar serves the loopback port.
 */

type Fallback = 'address' | 'user' | 'credential' | 'path' | 'required';

/** A unix socket in place of a host: libpq/pgx's `/tmp` or `/var/run/postgresql`, MySQL's `mysqld.sock`. */
const UNIX_SOCKET = /\bhost=\/(?:tmp|var\/run\/postgresql|run\/postgresql)\b|\/\.s\.PGSQL\.\d{2,5}\b|\/run\/mysqld\/mysqld\.sock\b/;
/** Go's dialer with no host before the port (`dial tcp :0`, `dial tcp :3306`). */
const EMPTY_HOST = /\bdial (?:tcp|udp)[46]? :\d{1,5}\b/;
/** A refused or failed connection to the replica itself, with the port when printed. */
const LOOPBACK = /\b(?:ECONNREFUSED|[Cc]onnection refused|connect: connection refused|[Ff]ailed to connect to|dial tcp|Can't connect to)\b.{0,80}?(?:127\.0\.0\.1|\[?::1\]?|localhost)(?::(\d{2,5}))?\b/;
/** A login with an empty user name. */
const EMPTY_USER = /\bfor user (?:''|"")|\bAccess denied for user ''@|\buser=(?:''|"")(?:\s|$)/;
/** A client refusing to be built without its credential. */
const EMPTY_CREDENTIAL = /\b(?:credential|secret|password|api ?key|token)\b.{0,60}?\b(?:must not|cannot|can't|should not) be (?:empty|blank|null)\b/i;

/**
 * An empty path used as it is: Go's PathError with nothing between the operation and the colon, Node's
 * ENOENT with `''`, coreutils' empty quotes.
 */
const EMPTY_PATH = /\b(?:mkdir|mkdirall|open|stat|lstat|chdir|readdir|scandir|access|remove) : no such file or directory\b|\bno such file or directory, (?:open|stat|lstat|mkdir|scandir|access|readdir) ''|\bcannot create directory (?:''|‘’)/i;
/** A framework refusing to start without its secret (Payload); the wordings naming a variable are console rules'. */
const REQUIRED_SECRET = /\bmissing secret key\b/i;

/** Names a variable carries, by the default the rows show. */
const VARIABLE_FOR: Record<Fallback, RegExp> = {
  address: /HOST|URL|URI|SERVER|ADDR|ENDPOINT|CONN|DSN|REDIS|BROKER/i,
  user: /USER|LOGIN|UID/i,
  credential: /SECRET|PASS|PWD|KEY|TOKEN|CREDENTIAL/i,
  path: /DIR|PATH|FILE|FOLDER|ROOT|LOCATION|STORAGE|VOLUME|MOUNT/i,
  required: /SECRET|KEY|TOKEN|PASS/i,
};

/** Kinds where the app used the empty value itself rather than a library default in its place. */
const USED_AS_IS: ReadonlySet<Fallback> = new Set(['path', 'required']);

/** Words of a refusal: an answer from an address where nothing listens, not a time-out on the way. */
const REFUSED = /\b(?:ECONNREFUSED|Connection refused|ConnectionRefusedError|\[2002\])/i;

/** Ports the platform's sidecars serve on the loopback (Dapr's HTTP and gRPC, an OpenTelemetry collector's). */
const SIDECAR_PORTS = new Set([...DAPR_PORTS, '4317', '4318']);

interface Seen { kind: Fallback; line: string; port?: string }

export function emptySettingFallback(drafts: Draft[], config: AppConfig | undefined, consoleLines: readonly { text: string }[]): void {
  if (drafts.some((d) => d.category === 'missing-configuration' && !d.benign && d.confidence >= 0.6)) return;
  const removed = removedVariables(config);
  const candidates = [...new Set([...removed, ...emptyVariables(config)])];
  if (candidates.length === 0) return;
  if (consoleLines.length === 0) return silentExit(drafts, config);
  const seen = fallbackSeen(consoleLines);
  const usedAsIs = !!seen && USED_AS_IS.has(seen.kind);
  const seenPort = seen && !usedAsIs ? (seen.port ?? portOf(seen.line)) : undefined;
  // The loopback is right for a sidecar of the app, and for the platform's own (Dapr, an OTel collector).
  if (seen?.kind === 'address' && (localSidecarFor(config, undefined, seenPort) || SIDECAR_PORTS.has(seenPort ?? ''))) return;
  const failing = drafts.filter((d) => !d.benign && d.source !== 'config' && /dependency-unreachable|authentication-failure|application-error|unknown/.test(d.category));
  if (failing.length === 0) return;
  if (seen && usedAsIs) return usedEmpty(drafts, failing, seen, candidates, removed, config);
  const text = seen?.line ?? failing.flatMap((d) => d.evidence.map((e) => e.text.slice(0, 2000))).join('\n');
  const service = SERVICES.find((s) => s.port === seenPort) ?? SERVICES.find((s) => s.words.test(text));
  if (seen) {
    const fits = candidates.filter((v) => VARIABLE_FOR[seen.kind].test(v) && namesNoOtherService(v, service));
    const pick = pickOne(fits, removed, service);
    if (pick) return push(drafts, failing, pick, seen.line, config);
  }
  // No default in the rows: a refused connection to the service a removed variable named.
  if (!service || !failing.some((d) => d.evidence.some((e) => REFUSED.test(e.text.slice(0, 2000))))) return;
  const named = removed.filter((v) => service.variable.test(v) && !VARIABLE_FOR.credential.test(v) && !VARIABLE_FOR.user.test(v));
  if (named.length === 1) push(drafts, failing, named[0]!, undefined, config);
}

/**
 * An empty path or a missing secret: the variable the line names when it is one of the candidates, else the
 * one candidate whose name fits (a directory or file for a path, a secret for a secret), preferring the one
 * the change emptied. Silent when none fits: an empty path in the rows with only a log level cleared is
 * another fault.
 */
function usedEmpty(drafts: Draft[], failing: Draft[], seen: Seen, candidates: string[], removed: string[], config: AppConfig | undefined): void {
  const named = candidates.filter((v) => seen.line.includes(v));
  const fits = named.length === 1 ? named : candidates.filter((v) => VARIABLE_FOR[seen.kind].test(v));
  const pick = pickOne(fits, removed, undefined);
  if (pick) push(drafts, failing, pick, seen.line, config, DERIVED_RULES.emptySettingUsed);
}

/**
 * No console line at all, the app exited with an error, and the template defines one connection string or
 * credential with neither value nor secret: the app failed on it before it could log (a blob or queue
 * client built from an empty connection string throws at start-up).
 */
function silentExit(drafts: Draft[], config: AppConfig | undefined): void {
  const exit = drafts.find((d) => !d.benign && d.source === 'exit' && d.exitCode !== undefined && d.exitCode !== 0);
  if (!exit) return;
  const empty = emptyVariables(config).filter((v) => /CONN|DSN|URL|URI|SECRET|PASS|KEY|TOKEN/i.test(v));
  if (empty.length === 1) push(drafts, [exit], empty[0]!, undefined, config);
}

/** Variables of the app's containers defined with neither a value nor a secret. */
function emptyVariables(config: AppConfig | undefined): string[] {
  return containersOf(config).flatMap((c) =>
    (Array.isArray(c.env) ? c.env : []).filter((e) => typeof e?.name === 'string' && e.hasValue === false && !e.secretRef).map((e) => e.name),
  );
}

/** The first console line (of the last two hundred) that shows a client's default in use. */
function fallbackSeen(lines: readonly { text: string }[]): Seen | undefined {
  for (const l of lines.slice(-200)) {
    const text = l.text.slice(0, 2000);
    if (UNIX_SOCKET.test(text) || EMPTY_HOST.test(text)) return { kind: 'address', line: text };
    const loop = LOOPBACK.exec(text);
    if (loop) return { kind: 'address', line: text, port: loop[1] };
    if (EMPTY_USER.test(text)) return { kind: 'user', line: text };
    if (EMPTY_CREDENTIAL.test(text)) return { kind: 'credential', line: text };
  }
  return usedAsIsSeen(lines);
}

/** Read after the defaults, so an empty path on the way never hides a refusal from a default address. */
function usedAsIsSeen(lines: readonly { text: string }[]): Seen | undefined {
  for (const l of lines.slice(-200)) {
    const text = l.text.slice(0, 2000);
    if (EMPTY_PATH.test(text)) return { kind: 'path', line: text };
    if (REQUIRED_SECRET.test(text)) return { kind: 'required', line: text };
  }
  return undefined;
}

function portOf(line: string): string | undefined {
  return /:(\d{2,5})\b/.exec(line)?.[1];
}

/** A variable naming a different service than the refused one (REDIS_URL for a Postgres refusal) is not its setting. */
function namesNoOtherService(variable: string, service: KnownService | undefined): boolean {
  if (!service) return true;
  return service.variable.test(variable) || !SERVICES.some((s) => s !== service && s.variable.test(variable) && !/DB|DATABASE/i.test(variable));
}

/** One variable: the only fit, else the only one the change removed, else the only one naming the service. */
function pickOne(fits: string[], removed: string[], service: KnownService | undefined): string | undefined {
  if (fits.length === 1) return fits[0];
  const byChange = fits.filter((v) => removed.includes(v));
  if (byChange.length === 1) return byChange[0];
  const byService = service ? fits.filter((v) => service.variable.test(v)) : [];
  return byService.length === 1 ? byService[0] : undefined;
}

function push(drafts: Draft[], failing: Draft[], variable: string, line: string | undefined, config: AppConfig | undefined, rule = DERIVED_RULES.emptySettingFallback): void {
  const d = draft(rule, { envVar: variable }, 'config');
  const how = removedVariables(config).includes(variable) ? 'was removed or cleared since the last healthy revision' : 'is defined with no value and no secret';
  d.explanationExtra.push(`${variable} ${how}.`);
  addEvidence(d, [{ source: 'config', text: `env ${variable}: ${how}` }, ...(line ? [{ source: 'console' as const, text: line.slice(0, 500) }] : [])]);
  const lead = failing.reduce((a, b) => (b.confidence > a.confidence ? b : a));
  addEvidence(d, lead.evidence.slice(0, 2));
  d.times.push(...lead.times);
  for (const r of lead.replicas) d.replicas.add(r);
  d.lastWords = lead.lastWords;
  d.alternatives = [lead.category];
  d.confidence = Math.max(d.confidence, lead.confidence + 0.02);
  for (const f of failing) if (f.category !== 'application-error' && f.category !== 'unknown') {
    f.confidence = Math.min(f.confidence, 0.5);
    f.consequenceOf = d.rule.id;
  }
  drafts.push(d);
}
