/**
 * Steps for a failure the app has already recovered from (state `recovered`): nothing needs doing now,
 * and of the usual steps only the one that keeps it from happening again is worth an engineer's time.
 * Steps that act on the running app (a secret set, a restart, a job run, a rollback, a port change)
 * would disturb what now works, so none of them is kept.
 */
import type { AppConfig, Finding, FindingStep } from '../../model';

/**
 * Causes that can pass by themselves: a network or DNS blip, a burst of memory, a role assignment still
 * propagating (a 403 that stopped), a credential rotated while the old client ran, a single slow answer
 * to a probe (a GC pause).
 */
const TRANSIENT = new Set(['dependency-unreachable', 'out-of-memory', 'authentication-failure', 'probe-failure']);

/**
 * A crash in the app's own code or runtime that one start hit and the next did not (a nil pointer on one
 * request, a native crash): the code fix still matters, the way back to an older revision does not.
 */
const ONE_OFF = new Set(['application-error', 'crash-signal']);

/** Failures before the container starts (a pull, a mount) that a later attempt got past. */
const START = new Set(['image-pull-failure', 'storage-failure']);

/** The app's words about a volume that did not mount (kubelet's, mount's): the rest of its storage words are not a mount. */
const MOUNT_RULE = /\bvolume|mount/;

/** The pull was refused (401/403) and a later one went through: the registry role was still applying. */
const PULL_REFUSED = /unauthorized|authentication required|\b40[13]\b|Forbidden|denied/i;

/**
 * A pull or a mount that failed once and then went through: the lead says so, then what keeps the next
 * start from failing the same way (the pull's own prevention steps, or creating the storage first).
 */
function startSteps(f: Finding, steps: readonly FindingStep[], lead: string): FindingStep[] {
  // A storage failure of a running app (a database file it could not lock on a share, a full disk) is not a
  // mount: the rule's own prevention steps, without those that act on the running app, say what keeps it away.
  if (f.category === 'storage-failure' && f.ruleId.startsWith('console.') && !MOUNT_RULE.test(f.ruleId)) {
    const kept = steps.filter((s) => !acting(s)).slice(0, 2);
    return [{ text: `${lead} The storage failure happened once and the restart got past it.${kept.length > 0 ? ' What follows keeps it from coming back.' : ''}` }, ...kept];
  }
  if (f.category === 'storage-failure') {
    return [
      { text: `${lead} The volume failed to mount once and mounted on the next attempt, so the storage definition and its access are right.` },
      { text: 'To keep the first start from failing, create the share (and the environment storage that names it) before deploying the revision that mounts it, in the same pipeline, rather than alongside it. If it recurs and stays, check the environment storage definition and the share.' },
    ];
  }
  if (PULL_REFUSED.test(rows(f))) {
    return [
      { text: `${lead} The registry refused the first pull and served a later one, so the credential is right: a role assignment (AcrPull) takes a few minutes to apply after it is granted.` },
      { text: 'To ride out that delay, grant AcrPull (and create the registry entry) before the revision that pulls with it is created; if the refusal comes back and stays, the role itself is missing.' },
    ];
  }
  // A pull that went through on its own needs no new grant: a role assignment is a write to fix nothing.
  const kept = steps.filter((s) => !acting(s) && !/^Then point /.test(s.text) && !/^az role assignment create /.test(s.command ?? '')).slice(0, 2);
  const first = { text: `${lead} The image pull failed once and a later pull succeeded.${kept.length > 0 ? ' What follows keeps the next cold start from failing the same way.' : ''}` };
  return [first, ...kept];
}

/** A refusal for a missing permission: after a recovery, a role assignment that had not applied yet. */
const PERMISSION = /\b403\b|Forbidden|AuthorizationPermissionMismatch|not authorized to perform|does not have (?:\w+ ){0,3}permissions?/i;
/** A broker's refused login (RabbitMQ's 403 ACCESS_REFUSED) is a user name or password, not a role. */
const LOGIN_REFUSED = /ACCESS[_-]REFUSED|Login was refused/i;

/** Commands that change the running app or start work: after a recovery they undo nothing and risk much. */
const ACTING = /^az containerapp (?:(?:job )?secret set|revision (?:restart|copy|activate)|ingress (?:update|traffic set)|job start|(?:job )?registry set)\b/;
/** Step texts that roll back or restart without a command of their own. */
const ACTING_TEXT = /^(?:Roll back|Until a fixed build ships, go back|A new secret value reaches|Restart the revision)/;

function rows(f: Finding): string {
  return (Array.isArray(f.evidence) ? f.evidence : []).map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : '')).join('\n');
}

/** Clients with a setting that turns a failed first connection into background retries: the one-line fix. */
const CLIENT_RETRY: readonly { client: RegExp; service: string; fix: string }[] = [
  { client: /StackExchange\.Redis/, service: 'Redis', fix: 'add abortConnect=false to the Redis connection string (StackExchange.Redis then keeps reconnecting in the background instead of failing the start)' },
  { client: /\bspring\.cloud\.config\b|ConfigClientFailFastException|Could not locate PropertySource/, service: 'the config server', fix: 'turn on spring.cloud.config.retry (with spring-retry on the classpath) so startup retries the config server' },
];
/** The service a finding's title names (Redis, the database, RabbitMQ), when it names one. */
const SERVICE = /\b(Redis|RabbitMQ|Kafka|MongoDB|PostgreSQL|MySQL|SQL Server|Elasticsearch|the database|the message broker)\b/;

function retry(host: string | undefined, f?: Finding): string {
  const text = f ? rows(f) : '';
  const known = CLIENT_RETRY.find((c) => c.client.test(text));
  const to = host ? ` to ${host}` : known ? ` to ${known.service}` : (f && SERVICE.exec(f.title ?? '')?.[1] ? ` to ${SERVICE.exec(f.title ?? '')![1]}` : '');
  if (known) return `To keep a blip from failing a start again, make the connection${to} retry instead of ending the app on the first failure: ${known.fix}.`;
  return `To keep a blip from failing a start again, make startup retry the connection${to} with a back-off instead of exiting on the first failure.`;
}

function clock(iso: string | undefined): string | undefined {
  const m = iso ? /T(\d\d:\d\d:\d\d)/.exec(iso) : null;
  return m ? `${m[1]} UTC` : undefined;
}

/** The failure came back after the restart the state counts from: it persists, it is not a blip. */
function persists(f: Finding, since: string | undefined): boolean {
  const last = f.lastSeen ? Date.parse(f.lastSeen) : Number.NaN;
  const start = since ? Date.parse(since) : Number.NaN;
  return Number.isFinite(last) && Number.isFinite(start) && last > start;
}

function acting(s: FindingStep): boolean {
  return (!!s.command && ACTING.test(s.command)) || ACTING_TEXT.test(s.text);
}

/** The secret the refused credential came from, and whether Key Vault holds its value. */
function credentialSecret(names: Record<string, string>, config: AppConfig | undefined): { name?: string; keyVault: boolean } {
  const secrets = Array.isArray(config?.secrets) ? config.secrets : [];
  const referenced = (Array.isArray(config?.containers) ? config.containers : []).flatMap((c) => (Array.isArray(c?.env) ? c.env : [])).map((e) => e?.secretRef).filter((s): s is string => !!s);
  // The secret the steps named, else the only one a variable reads.
  const name = names.secret ?? (new Set(referenced).size === 1 ? referenced[0] : undefined);
  return { name, keyVault: !!secrets.find((s) => s?.name === name)?.keyVaultUrl };
}

/** A credential the app now accepts again was rotated while it ran: the prevention is a rotation with overlap. */
function rotationStep(names: Record<string, string>, config: AppConfig | undefined, job: boolean): FindingStep {
  const { name, keyVault } = credentialSecret(names, config);
  const where = name ? `secret ${name}` : 'the secret that holds it';
  const vault = keyVault ? ` ${name} is a Key Vault reference: change the value in Key Vault (never with \`secret set\`, which would replace the reference); Container Apps picks up a new version within about 30 minutes or at the next restart.` : '';
  return {
    text: `To keep the next rotation from failing a ${job ? 'run' : 'start'}, rotate with overlap: make the new credential valid alongside the old one (a second key or password; for account keys, move the app to the secondary key before regenerating the primary), update ${where}, and retire the old one only after every ${job ? 'execution' : 'replica'} uses the new value; track the credential's expiry so it is renewed before it lapses.${vault}`,
  };
}

/** From this many failures in the window, a recovery is a pause between failures, not the end of one. */
const RECURRING = 3;

/**
 * A recovered app that had already gone down several times in the window: running again is the pause
 * between two failures, so the lead says so and the steps that prevent the failure come now (a change
 * that creates a new revision included). The rollback and the restart stay out: the app runs.
 */
function recurringSteps(f: Finding, steps: readonly FindingStep[], at: string | undefined, failures: number, job: boolean): FindingStep[] {
  const who = job ? 'The job runs again' : 'The app runs again';
  const kept = steps.filter((s) => !(s.command && /^az containerapp (?:(?:job )?secret set|revision (?:restart|copy|activate)|job start)\b/.test(s.command)) && !ACTING_TEXT.test(s.text));
  const lead: FindingStep = {
    text: `${who}${at ? ` (since ${at})` : ''}, but this failure already happened ${failures} times in the window${f.firstSeen ? ` (first at ${clock(f.firstSeen)})` : ''}: it will happen again, so act now${kept.length > 0 ? ' with the steps below' : ''} rather than waiting for the next one.`,
  };
  return [lead, ...kept];
}

function leadText(at: string | undefined, job: boolean): string {
  return job
    ? `No action needed now: the job recovered${at ? ` (it ran again since ${at})` : ''}.`
    : `No action needed now: the app recovered${at ? ` (running again since ${at})` : ''}.`;
}

/** The rule's nginx step: `nginx resolves <upstream>, named in <file:line>, when it starts`. */
const NGINX_STEP = /^nginx resolves (\S{1,200}), named in (\S{1,200}), when it starts/;

/** nginx resolving its upstream at start: the prevention is its resolver, not a retry the app cannot make. */
function nginxStep(steps: readonly FindingStep[]): FindingStep | undefined {
  const m = steps.map((s) => NGINX_STEP.exec(s.text)).find(Boolean);
  if (!m) return undefined;
  return {
    text: `To keep it from failing a start again, make nginx resolve ${m[1]} at request time: a \`resolver\` directive and the upstream in a variable in proxy_pass (${m[2]}), so nginx starts while the backend is down or still being created.`,
  };
}

/** A broker's refused login that the next start got through: a node that did not know the user, not a rotation. */
function loginStep(lead: string): FindingStep[] {
  return [
    { text: `${lead} The broker refused the login once and accepted it on the next start, so the user name and password are right.` },
    { text: 'If it recurs, check that the user exists with the same password and virtual-host permissions on every node of the broker cluster (a node that does not know the user refuses it), and make the client retry the connection with a back-off.' },
  ];
}

/**
 * The steps for the primary finding of a recovered app, or undefined when they stay as they are: a cause
 * that does not pass by itself (a localhost default, a missing setting) is not called recovered here, and
 * neither is a failure that came back after the restart.
 */
export function recoveredSteps(
  f: Finding,
  steps: FindingStep[],
  names: Record<string, string>,
  since: string | undefined,
  config?: AppConfig,
  job = false,
  failures?: number,
): FindingStep[] | undefined {
  if (f.benign || names.loopback || !(TRANSIENT.has(f.category) || ONE_OFF.has(f.category) || START.has(f.category)) || persists(f, since)) return undefined;
  const at = clock(since);
  if (START.has(f.category)) return startSteps(f, steps, leadText(at, job));
  // Down several times before this start: it will go down again, so what prevents it is for now.
  if ((failures ?? 0) >= RECURRING) return recurringSteps(f, steps, at, failures!, job);
  const lead = leadText(at, job);
  const once: FindingStep = { text: `${lead} If it happens again, the next step is the one that prevents it.` };
  if (ONE_OFF.has(f.category)) {
    const kept = steps.filter((s) => !acting(s)).slice(0, 2);
    return [{ text: `${lead} ${kept.length > 0 ? 'What follows keeps it from happening again.' : 'If it happens again, read the console log of the replica in the minutes before the exit.'}` }, ...kept];
  }
  if (f.category === 'dependency-unreachable') return [once, nginxStep(steps) ?? { text: retry(names.host, f) }];
  if (f.category === 'authentication-failure') {
    const refused = rows(f);
    // A role granted minutes before the start applies by itself; a rotated credential was replaced meanwhile.
    if (PERMISSION.test(refused) && !LOGIN_REFUSED.test(refused)) {
      return [
        { text: `${lead} A role assignment takes a few minutes to apply, so a start right after it was granted is refused and the next one succeeds.` },
        { text: 'To ride out that delay, make startup retry a 403 with a back-off instead of exiting; if the refusal comes back and stays, the role itself is missing: grant it as the error names.' },
      ];
    }
    if (LOGIN_REFUSED.test(refused)) return loginStep(lead);
    return [{ text: `${lead} The credential it reads now is accepted, so the one refused was replaced meanwhile (a rotation): nothing needs setting again.` }, rotationStep(names, config, job)];
  }
  if (f.category === 'probe-failure') {
    // One missed probe on an app that answered before and after: a pause (GC, a burst), not a wrong probe.
    if ((f.occurrences ?? 1) > 1) return undefined;
    const check = steps.find((s) => s.command && /probes/.test(s.command));
    // A startup probe missed once: every cold start meets it again, so its budget is the step, not a pause.
    if (/Startup probe failed|failed startup probe/i.test(rows(f))) {
      return [once, { text: 'Cold starts will meet the startup probe again: raise its failureThreshold (or initialDelaySeconds) so that initialDelaySeconds + failureThreshold × periodSeconds is longer than the slowest start, in the app\'s YAML (`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`, edit the probe, apply with `az containerapp update --yaml app.yaml`).', ...(check?.command ? { command: check.command } : {}) }];
    }
    return [
      once,
      { text: 'If it recurs, give the probe room for a pause (a longer timeoutSeconds or a higher failureThreshold) and look for long GC pauses or blocking work at that time.', ...(check?.command ? { command: check.command } : {}) },
    ];
  }
  const keep = steps.find((s) => !s.command && !acting(s)) ?? steps.find((s) => !acting(s));
  return keep ? [once, keep] : [once];
}

/** The finding the engine makes when no rule matched anything in the window. */
const NO_EVIDENCE = 'engine.no-evidence';
/** What the engine adds to that finding's explanation when the app wrote nothing either. */
const SILENT = /no console output in the window/i;

/**
 * Steps when nothing failed: the app wrote output and neither it nor the platform recorded a failure.
 * Debugging (more logging, a reproduction) has nothing to find then; what is left is to see what the
 * alert itself measured. A silent app keeps its steps: there, more logging is the way to see anything.
 */
export function nothingFailedSteps(f: Finding, steps: FindingStep[]): FindingStep[] {
  if (f.ruleId !== NO_EVIDENCE || SILENT.test(f.explanation ?? '')) return steps;
  const platform = steps.find((s) => s.command && / --type system /.test(s.command));
  return [
    {
      text: 'No action needed from what the logs show: the app wrote output in the window and neither it nor the platform recorded a failure (no exit, restart, failed probe or error the rules know). If the alert fired on something else (a metric such as requests, latency or CPU), check what it measured.',
    },
    ...(platform ? [{ ...platform, text: 'To confirm, read what the platform recorded for the revision (create, pull, probe and exit events).' }] : []),
  ];
}
