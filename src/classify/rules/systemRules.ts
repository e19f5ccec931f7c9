import type { SystemRule } from '../types';
import { CATEGORY_TEXT, JOB_TIMEOUT_STEPS } from './categoryText';
import { LINKS } from './links';
import { CORE_QUOTA_STEPS, EPHEMERAL_STEPS, VOLUME_MOUNT_STEPS, IMAGE_NOT_FOUND_STEPS, PULL_KIND_STEPS, SCALE_METADATA_STEPS, NODE_CAPACITY_STEPS, PROBE_STEPS, listenOnSteps, PROVISIONING_REFUSED_STEPS, REFUSED_AT_PROVISIONING, REGISTRY_REFUSED_STEPS, REGISTRY_UNAVAILABLE_STEPS } from './platformSteps';

/** A pull row that says what the registry answered (rate limit, credentials refused). */
const PULL_ANSWER = /toomanyrequests|rate limit|unauthorized|authentication required|denied/i;

/**
 * Rules over platform events (ContainerAppSystemLogs). They key on message text more than on Reason,
 * because Reason values vary between environment types and over time (PodUnhealthy, PodUnhealhy,
 * ReplicaUnhealthy) while the messages are stable. Terminations ("Container 'x' was terminated with exit
 * code 'N'") are parsed by the engine itself and read through the exit-code table.
 */

type Entry = Omit<SystemRule, 'explanation' | 'actions' | 'links' | 'benign'> &
  Partial<Pick<SystemRule, 'explanation' | 'actions' | 'links' | 'benign'>>;

function withDefaults(entries: Entry[]): SystemRule[] {
  return entries.map((e) => ({
    ...e,
    benign: e.benign ?? false,
    explanation: e.explanation ?? CATEGORY_TEXT[e.category].explanation,
    actions: e.actions ?? CATEGORY_TEXT[e.category].actions,
    links: e.links ?? CATEGORY_TEXT[e.category].links,
  }));
}

/** The termination message, with or without quotes, with an optional reason; a job's row may omit the name. */
export const TERMINATION_PATTERN =
  /Container (?:'?(?<container>[^'\s]+)'? was )?terminated with exit code '?(?<code>-?\d*)'?(?: and reason '?(?<reason>[\w-]+)'?)?/;

/** A container start (the recovered-or-looping question needs them). */
export const START_PATTERN = /^Started container\b/;
/** A new revision being created: older revisions stopped after it were replaced, not scaled in. */
export const NEW_REVISION_PATTERN = /^Creating a new revision:? '?(?<revision>[\w.-]{1,120})'?/;

export const SYSTEM_RULES: readonly SystemRule[] = withDefaults([
  // Plumbing of the log stream itself: never a finding.
  {
    id: 'system.logstream-connection',
    category: 'unknown',
    title: 'log stream connection',
    reason: /^(?:StartingGettingEvents|ConnectedToEventsServer)$/,
    message: /^(?:Connecting to the events collector|Successfully connected to events server)/,
    confidence: 0,
    role: 'ignore',
  },
  {
    id: 'system.dapr-probe',
    category: 'probe-failure',
    title: 'Dapr sidecar probe on port 3501 failed (noise)',
    message: /probe failed:.*:3501\b/i,
    confidence: 0.2,
    benign: true,
    role: 'noise',
    explanation:
      'Port 3501 is the Dapr sidecar\'s own health endpoint. Its probe fails briefly while the sidecar starts or stops, and that says nothing about the app.',
    actions: ['No action needed unless the app itself also fails.'],
  },
  {
    id: 'system.image-reference-invalid',
    category: 'image-pull-failure',
    title: 'the revision was rejected: image {image} could not be resolved from {registry}',
    // At provisioning the platform checks the image against its registry; a refusal (the registry's name
    // not resolving, no credential, no such tag) comes back as an invalid template field quoting the image.
    message: /Field '?template\.containers\.[\w-]{1,80}\.image'? is invalid[^\n]{0,40}?Invalid value: "(?<image>(?<registry>[\w.-]{1,200})\/[^"\s]{1,300})"/,
    confidence: 0.88,
    explanation:
      'The platform could not confirm image {image} with registry {registry} while provisioning the revision, so the revision was never created. The details after the image say why: a registry name that does not resolve, a credential the registry refused, or a tag that does not exist.',
    actions: [
      {
        when: /no such host|could not resolve|Name or service not known/i,
        text: 'The registry {registry} does not resolve: it was deleted or the name is misspelled. Point the container at an image in a registry that exists (replace <image>); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <image>',
      },
      ...PROVISIONING_REFUSED_STEPS,
      {
        unless: new RegExp(`no such host|could not resolve|Name or service not known|${REFUSED_AT_PROVISIONING.source}`, 'i'),
        text: 'Read the details after the image in the error: check the registry name ({registry}) resolves, that the app has a registry credential or identity for it, and that the tag exists.',
      },
    ],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'system.image-pull-persistent',
    category: 'image-pull-failure',
    title: 'image {image|} keeps failing to pull (persistent image pull errors)',
    message: /Persistent Image Pull Errors? for image '?"?(?<image>[^"'\s]{1,300})/i,
    confidence: 0.86,
    explanation:
      'The platform has tried to pull the image many times and keeps failing. The pull rows before this one say why (unauthorized, not found, a registry firewall, a registry outage); this row only says it persists.',
    actions: [
      'Read the "Failed to pull image" rows of the same revision for the registry\'s answer.',
      'Check that the image name and tag exist in the registry and that the app\'s registry credentials or identity are still valid.',
    ],
    links: [LINKS.imagePull, LINKS.startFailures],
  },
  {
    id: 'system.image-pull-firewall',
    category: 'image-pull-failure',
    title: 'the registry firewall refused the pull of {image|the image} from client IP {clientIp|}',
    message: /(?:Failed to pull image "(?<image>[^"\s]{1,300})"[^\n]{0,600}?)?client with IP '?(?<clientIp>[\da-fA-F.:]{3,45})'? is not allowed access/i,
    confidence: 0.92,
    explanation:
      'The registry answered, but its network rules do not admit the address the environment pulls from. Credentials and AcrPull do not matter until the network lets the pull through.',
    actions: [
      'Allow the environment\'s outbound address ({clientIp|the IP in the message}) in the registry\'s firewall, or reach the registry over a private endpoint from the environment\'s virtual network.',
      {
        needs: ['acrName', 'clientIp'],
        text: 'Add {clientIp} to the network rules of {acrName} (then the next pull attempt goes through).',
        command: 'az acr network-rule add -n {acrName} --ip-address {clientIp}',
      },
      'With a private endpoint, check the private DNS zone for the registry is linked to the environment\'s virtual network.',
    ],
    links: [LINKS.imagePull, LINKS.networking],
  },
  {
    id: 'system.image-pull-unavailable',
    category: 'image-pull-failure',
    title: 'the registry (or its mirror) was unavailable while pulling {image|the image}',
    message:
      // The image must be closed by its quote (as the platform writes it), and the gap before the registry's
      // answer never passes over the start of one: each gap character either cannot begin an answer or is
      // checked not to, so no split between gap and answer is ever retried (a free gap was polynomial).
      /Failed to pull image "(?<image>[^"\s]{1,300})"(?:[^\n5bti4c]|5(?!0[23])|b(?!ad gateway)|t(?!oomanyrequests|ls handshake timeout)|4(?!29 too many requests)|i(?!\/o timeout)|c(?!onnection reset by peer)){0,800}(?:503 Service Unavailable|50[23]\b|Bad Gateway|toomanyrequests|429 Too Many Requests|i\/o timeout|TLS handshake timeout|connection reset by peer)/i,
    confidence: 0.88,
    explanation:
      'The pull failed on the registry side: it (or a mirror in front of it) was down, throttling, or did not answer in time. Neither the credentials nor the tag are in question.',
    actions: REGISTRY_UNAVAILABLE_STEPS,
    links: [LINKS.imagePull],
  },
  {
    id: 'system.create-failure',
    category: 'entrypoint-error',
    title: 'container {container|} could not be created (ContainerCreateFailure)',
    reason: /^ContainerCreateFailure$/,
    message: /reason '?ContainerCreateFailure'?|failed to create (?:containerd task|shim task)|OCI runtime create failed|CreateContainerError/,
    confidence: 0.6,
    role: 'create',
    explanation:
      'The platform could not create the container, so the app never ran and wrote no console output. The usual causes are in the configuration: a command or args override that names a program that does not exist (for example a whole command line written as one string), or a volume mount that cannot be set up.',
    actions: [
      'Check the container\'s command and args: the program first, each argument as its own list element.',
      'Check the volume mounts: the volume, its environment storage and the share must exist.',
    ],
    links: [LINKS.containers, LINKS.startFailures],
  },
  {
    id: 'system.revision-replaced',
    category: 'scale-in',
    title: 'older revisions were deactivated because a new revision replaced them',
    message: /Deactivating old revisions/i,
    confidence: 0.2,
    benign: true,
    role: 'stop',
    explanation: 'In single-revision mode a new deployment deactivates the previous revision; its replicas are stopped on purpose.',
    actions: ['No action needed: the old revision was replaced by a deployment.'],
    links: [LINKS.revisions],
  },
  {
    id: 'system.scale-down',
    category: 'scale-in',
    title: 'the revision was scaled in to fewer replicas',
    // The autoscaler words it "New size: N; reason: ... below target" or "Scale down to N as ... below target".
    message: /New size: \d{1,4}; reason: [^\n]{0,200}below target|Scale down to \d{1,4}\b.{0,80}below target|Deactivated apps\/v1\.Deployment \S{1,200} from \d{1,4} to [1-9]\d{0,3}\b/,
    confidence: 0.25,
    benign: true,
    role: 'scale-in',
    explanation: 'The scaler lowered the replica count because the load fell; surplus replicas are stopped (SIGTERM, then SIGKILL after the grace period).',
    actions: ['No action needed unless in-flight work is lost: then raise terminationGracePeriodSeconds or stop taking work on SIGTERM.'],
    links: [LINKS.scale, LINKS.lifecycle],
  },
  {
    id: 'system.keda-scaler-unauthorized',
    category: 'authentication-failure',
    title: 'KEDA\'s scaler was refused by {host|the service it watches} (401): the scale rule\'s credential is wrong',
    // The scaler's own call failed authentication: a status 401/403 or the service's "token is invalid" words.
    reason: /^KEDAScalerFailed$/,
    message:
      /(?:error code|status(?: code)?):? ?40[13]\b(?:[^\n]{0,300}?SystemTracker:(?<host>[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}))?|\b(?:unauthori[sz]ed|token is invalid|claim is empty|authentication failed)\b/i,
    both: true,
    confidence: 0.7,
    explanation:
      'The scaler behind a scale rule reached the service it watches, but the service refused its credential (the connection string or key in the rule\'s secret, or the identity it uses lacks the claim it needs, such as Listen or Manage on Service Bus). Without its metric the rule cannot start replicas or job executions.',
    actions: [
      {
        needs: ['secret'],
        text: 'Put a valid connection string for {host|the service} in secret {secret}, the one the scale rule authenticates with (replace <value>); on Service Bus its policy needs Manage rights, which the scaler uses to read the queue length.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {secret}=<value>',
      },
      {
        absent: ['secret'],
        text: 'Check the secret the scale rule authenticates with (its connection string or key) against the service, and the claims or role the credential grants (Service Bus needs Manage to read queue length).',
      },
      {
        absent: ['secret'],
        text: 'List the app\'s secrets to find the one the scale rule references.',
        command: 'az containerapp secret list -n {app} -g {resourceGroup} -o table',
      },
    ],
    links: [LINKS.scale],
  },
  {
    id: 'system.keda-scaler-unreachable',
    category: 'dependency-unreachable',
    title: 'KEDA cannot reach the service behind the scale rule{ scaler}',
    // The scaler's call failed on the network (a private endpoint, a firewall, a name that does not resolve).
    reason: /^KEDAScalerFailed$/,
    message: /\b(?:connection refused|no such host|i\/o timeout|dial tcp|context deadline exceeded|network is unreachable|run out of available brokers|connection reset)\b/i,
    both: true,
    confidence: 0.7,
    explanation:
      'The scaler behind a scale rule could not reach the service it watches. KEDA runs in the environment\'s infrastructure, not in the app\'s replica: a service reachable only through a private endpoint, a firewall that allows the app but not the environment, or an internal host name KEDA cannot resolve all fail this way, and the rule cannot add replicas or start job executions.',
    actions: [
      'Check that the host in the scale rule\'s metadata resolves and is reachable from the environment (its virtual network, private DNS zone and the service\'s firewall).',
      {
        text: 'Show the scale rules and their metadata.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.scale' -o json",
      },
    ],
    links: [LINKS.scale, LINKS.networking],
  },
  {
    id: 'system.keda-scaler-error',
    category: 'missing-configuration',
    title: 'KEDA could not read the scale rule{ scaler}: the app cannot scale on it',
    reason: /^KEDAScalerFailed$/,
    // `error getting scaler for trigger #0`: "for" is not a scaler's name.
    // The Service Bus scaler names the entity it could not find (`subscription x doesn't exist in topic y`).
    // A scaler's metadata parser names the key it needs (redis: `error parsing redis metadata: no address given
    // or host given`; others: `no queueName given`, `no host setting given`).
    message:
      /Error fetching scaler metrics|error (?:getting|creating) scaler(?: (?!for\b)(?<scaler>[\w-]{1,80}))?(?: for trigger #\d{1,3}: error parsing [\w ]{1,40}metadata: no (?<setting_3>\w{2,40}) (?:given|provided|setting given)\b)?|failed to (?:get|create) scaler|\b(?:subscription|queue|topic) (?<setting>[\w.-]{1,260}) (?:doesn't|does not) exist\b|\berror parsing [\w ]{1,40}metadata: [^\n]{0,120}?\b(?:from|in|for) (?<setting_2>[\w.-]{2,60})\s*$/i,
    confidence: 0.6,
    explanation:
      'The scaler behind a scale rule failed to read its metric (wrong connection string or secret, an identity without access, a queue or topic that does not exist), so the rule cannot add replicas.',
    actions: [
      ...SCALE_METADATA_STEPS,
      { fallback: true, text: 'Check the scale rule\'s metadata and its auth secret or identity against the service it watches (queue name, connection string, permissions).' },
    ],
    links: [LINKS.scale],
  },
  {
    id: 'system.operation-expired',
    category: 'unknown',
    title: 'revision {revision|} update timed out on the platform (Operation expired)',
    message: /Failed to provision revision for container app '?(?<app>[\w-]{1,64})'?\. Error details: Operation expired\.?\s*$|Operation expired\.?\s*$/,
    confidence: 0.45,
    explanation:
      'The platform gave up on the revision update before it completed. With no crash, probe or pull failure in the window, this points at the platform or at capacity (replicas that could not be placed), not at the app\'s logging.',
    actions: [
      'Check the revision\'s provisioning and running state (az containerapp revision show) and the environment\'s capacity (workload profile nodes, core quota).',
      'Retry the update; if it keeps expiring with no app-side failure, open a support request with the revision name and time.',
    ],
    links: [LINKS.quotas, LINKS.troubleshooting],
  },
  {
    id: 'system.target-port-mismatch',
    category: 'port-misconfiguration',
    title: 'the ingress target port {expectedPort} does not match the port the app listens on ({listenPort})',
    // The platform compares the target port with the ports it sees the container listening on.
    message: /TargetPort (?<expectedPort>\d{2,5}) does not match (?:the|any of the) listening ports?:? \[?(?<listenPort>\d{2,5})/i,
    confidence: 0.9,
    explanation:
      'Ingress sends traffic to port {expectedPort}, but the container listens on {listenPort}: requests and the default probes go to a port nobody answers, so the revision never activates.',
    actions: [
      {
        text: 'Set the ingress target port to {listenPort}, the port the app listens on.',
        command: 'az containerapp ingress update -n {app} -g {resourceGroup} --target-port {listenPort}',
      },
      ...listenOnSteps('expectedPort', 'portToExpected'),
    ],
    links: [LINKS.ingress],
  },
  {
    id: 'system.job-deadline',
    category: 'forced-kill',
    title: 'the job execution ran past its replica timeout and was stopped',
    // The job controller's deadline: Container Apps sets it from the job's replicaTimeout.
    reason: /^DeadlineExceeded$/,
    message: /active longer than specified deadline/i,
    confidence: 0.8,
    explanation:
      'The execution was still running when the job\'s replica timeout (replicaTimeout, in seconds) ran out, so the platform stopped it. Either the work takes longer than the timeout allows, or it hung.',
    actions: JOB_TIMEOUT_STEPS,
    links: [LINKS.troubleshooting],
  },
  {
    id: 'system.container-backoff',
    category: 'unknown',
    title: 'container {container|} keeps failing to start (back-off)',
    reason: /^(?:ContainerBackOff|BackOff|CrashLoopBackOff)$/,
    message: /Persistent Fail(?:i)?ure to start container|Back-off restarting failed container '?(?<container>[\w-]+)'?/,
    confidence: 0.3,
    role: 'backoff',
    explanation:
      'The container exits every time it starts, so the platform waits longer and longer between attempts (back-off). The back-off says that it crashes, not why: the exit code and the console output before each exit do.',
    // No logging advice here: the engine adds TURN_UP_LOGGING when the console is empty, once.
    actions: [
      {
        text: 'Watch the console of a fresh replica of {container|the container} as it starts: the log stream shows lines that have not reached Log Analytics yet, the last ones before each exit being the cause.',
        command: 'az containerapp logs show -n {app} -g {resourceGroup} --revision {revision} --container {container} --type console --follow',
      },
    ],
    links: [LINKS.startFailures, LINKS.logs],
  },
  {
    id: 'system.oom-killed',
    category: 'out-of-memory',
    title: 'container {container|} was killed for exceeding its memory limit (OOMKilled)',
    message: /OOMKilled|reason 'OOMKilled'|out of memory/i,
    reason: /^OOMKill(?:ed|ing)$/,
    confidence: 0.93,
    role: 'memory',
  },
  {
    id: 'system.provisioning-image-pull',
    category: 'image-pull-failure',
    title: 'revision {revision|} failed to provision: the image could not be pulled',
    message: /Error provisioning revision (?<revision>\S+?)\.? ErrorCode: \[ErrImagePull\]/,
    confidence: 0.88,
  },
  {
    id: 'system.image-pull-unauthorized',
    category: 'image-pull-failure',
    title: 'the registry refused to serve image {image|} (not authorized)',
    message:
      // As for the registry-unavailable rule: the image is closed by its quote, and no gap character can
      // start the registry's answer or the next "Failed to pull image" (a free gap was polynomial).
      /Failed to pull image "(?<image>[^"\s]{1,300})"(?:[^\n\r4UuFfad]|4(?!0[13])|[Uu](?!nauthorized)|F(?!orbidden|ailed to (?:authorize|pull image "))|f(?!orbidden|ailed to authorize)|a(?!uthentication required)|d(?!enied)){0,500}(?:40[13]|[Uu]nauthorized|[Ff]orbidden|failed to authorize|authentication required|denied)|unauthorized: authentication required|pull access denied/,
    confidence: 0.93,
    actions: REGISTRY_REFUSED_STEPS,
  },
  {
    id: 'system.image-pull-not-found',
    category: 'image-pull-failure',
    title: 'image {image|} does not exist in the registry',
    message: /(?:Failed to pull image "?(?<image>[^"\s]+)(?=["\s]|$)"?.{0,500}(?:not found|manifest unknown|NotFound|no such host)|manifest unknown)/,
    confidence: 0.93,
    actions: IMAGE_NOT_FOUND_STEPS,
  },
  {
    id: 'system.image-pull-failed',
    category: 'image-pull-failure',
    title: 'image {image|} could not be pulled',
    reason: /^(?:ErrImagePull|ImagePullBackOff|ImagePullFailure)$/,
    message: /Failed to pull image "?(?<image>[^"\s]+)"?|ErrImagePull|ImagePullBackOff|reason '?ImagePullFailure'?|Pending:ImagePullBackOff/,
    both: false,
    confidence: 0.85,
    actions: [
      ...PULL_KIND_STEPS,
      {
        when: /toomanyrequests|rate limit|429 Too Many/i,
        text: 'The registry is rate-limiting anonymous pulls: import {image|the image} into your own Azure Container Registry (`az acr import`) and point the app at that copy, or give the app credentials for {registry|the registry}.',
      },
      {
        when: /unauthorized|authentication required|denied/i,
        unless: /toomanyrequests|rate limit/i,
        text: 'The registry refused the pull credentials: check the identity or user the app pulls {image|the image} with has pull rights (AcrPull on Azure Container Registry) and that the registry entry on the app names it.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.configuration.registries' -o json",
      },
      {
        unless: PULL_ANSWER,
        fallback: true,
        text: 'Find the "Failed to pull image" row of the same revision for what the registry answered, and act on that: unauthorized means credentials or AcrPull; not found means the name or tag; 429/503 means the registry or a mirror; "client with IP ... not allowed" means the registry firewall; a timeout behind a private endpoint means its private DNS zone.',
        command: 'az containerapp logs show -n {app} -g {resourceGroup} --type system --tail 50',
      },
      // No row says what the registry answered: the usual causes with an Azure registry, each with its check.
      {
        unless: PULL_ANSWER,
        needs: ['acrName'],
        fallback: true,
        text: 'Check how the app authenticates to {registry}: with a managed identity it needs AcrPull on {acrName} (system-assigned identity shown; use the user-assigned one\'s principal id if the app pulls with that); with a user name and password, the password secret must be current.',
        command: 'az role assignment create --assignee-object-id {principalId} --assignee-principal-type ServicePrincipal --role AcrPull --scope {acrId}',
      },
      {
        unless: PULL_ANSWER,
        needs: ['acrName'],
        fallback: true,
        text: 'If {acrName} has a private endpoint or a firewall, check that {registry} resolves to its private address from the environment\'s VNet (the privatelink.azurecr.io private DNS zone linked to that VNet) and that the firewall admits the environment.',
      },
      {
        needs: ['acrName', 'repository'],
        unless: /toomanyrequests|rate limit|unauthorized|authentication required/i,
        fallback: true,
        text: 'Check that the tag of {image} exists in {acrName}.',
        command: 'az acr repository show-tags -n {acrName} --repository {repository} -o table',
      },
      { absent: ['acrName'], unless: /toomanyrequests|rate limit|unauthorized|authentication required/i, fallback: true, text: 'Check that {image|the image name and tag} exists in {registry|the registry}.' },
    ],
  },
  {
    id: 'system.max-cores',
    category: 'quota-exceeded',
    title: 'the environment reached its maximum allowed cores',
    message: /(?<setting>Maximum Allowed Cores) exceeded for the Managed Environment/,
    confidence: 0.93,
    role: 'capacity',
    actions: CORE_QUOTA_STEPS,
    explanation:
      'The sum of cores requested by all active replicas of all revisions in the environment hit its quota, so new replicas cannot be created. Deployments briefly double replicas, which makes them the usual moment to hit it.',
  },
  {
    id: 'system.exceeded-quota',
    category: 'quota-exceeded',
    title: 'replica creation was refused: quota exceeded',
    message: /is forbidden: exceeded quota|exceeded quota/,
    confidence: 0.9,
    role: 'capacity',
    actions: CORE_QUOTA_STEPS,
  },
  {
    id: 'system.node-group-max',
    category: 'quota-exceeded',
    title: 'no node could be added for the replica (max node group size reached)',
    message: /max node group size reached/,
    confidence: 0.86,
    role: 'capacity',
    actions: NODE_CAPACITY_STEPS,
  },
  {
    id: 'system.nodes-unavailable',
    category: 'quota-exceeded',
    title: 'no node was available for the replica',
    message: /0\/\d+ nodes are available/,
    reason: /^(?:AssigningReplicaFailed|FailedScheduling)$/,
    confidence: 0.7,
    role: 'capacity',
    actions: NODE_CAPACITY_STEPS,
    explanation:
      'The scheduler found no node with room for the replica. It is often transient (node movement during platform maintenance); when it persists, capacity or quota is the limit.',
  },
  {
    id: 'system.keyvault-secret-not-found',
    category: 'missing-configuration',
    title: 'Key Vault secret {secret|} referenced by the app does not exist',
    // Two anchored look-aheads (the vault, then the refusal, in either order): linear on any row, where
    // "vault .* refusal" restarts its scan at every mention of the vault.
    message: /^(?=[\s\S]*?(?:[Kk]ey ?[Vv]ault|vault\.azure\.net))(?=[\s\S]*?(?:SecretNotFound|not found|404))/,
    confidence: 0.9,
    explanation: 'The app references a Key Vault secret that the vault does not have (wrong name, deleted, or a version that is gone), so the platform cannot fill the app secret.',
    actions: ['Check the secret URL on the app against the vault: name, and version if one is pinned.'],
    links: [LINKS.secrets],
  },
  {
    id: 'system.keyvault-secret-forbidden',
    category: 'authentication-failure',
    title: 'the app identity may not read Key Vault secret {secret|}',
    message: /^(?=[\s\S]*?(?:[Kk]ey ?[Vv]ault|vault\.azure\.net))(?=[\s\S]*?(?:Forbidden|403|not authorized|does not have secrets get permission))/,
    confidence: 0.9,
    actions: [
      'Grant the identity named on the secret the Key Vault Secrets User role on the vault (or a get-secret access policy).',
      'Check that the identity on the secret reference is assigned to the app.',
    ],
    links: [LINKS.secrets, LINKS.identity],
  },
  {
    id: 'system.keyvault-reference-unreadable',
    category: 'authentication-failure',
    title: 'identity {identity|of the app} could not fetch Key Vault secret {secret|}',
    // The platform resolves Key Vault references itself, with the identity named on the secret.
    message:
      /Unable to get value using Managed identity '?(?<identity>[^\s']{1,200})'? for secret '?(?<secret>[\w-]{1,127})|unable to fetch secret '(?<secret_2>[\w-]{1,127})' using Managed identity/i,
    confidence: 0.82,
    explanation:
      'The app\'s secret {secret|} is a Key Vault reference, and the platform could not read it with the identity named on the reference ({identity|}). Most often that identity lacks the Key Vault Secrets User role (or a get-secret access policy) on the vault, or is not assigned to the app; a vault firewall that blocks the environment, or a secret name or version that no longer exists, fail the same way.',
    actions: [
      'Grant the identity {identity|named on the secret} the Key Vault Secrets User role on the vault, and check that it is assigned to the app.',
      {
        text: 'Check which vault URL and identity the secret reference uses.',
        command: 'az containerapp secret list -n {app} -g {resourceGroup} -o table',
      },
    ],
    links: [LINKS.secrets, LINKS.identity],
  },
  {
    id: 'system.volume-mount',
    category: 'storage-failure',
    title: 'volume {volume|} could not be mounted',
    reason: /^VolumeMountFailure$/,
    message:
      /Error mounting volume '?(?<volume>[\w-]+)'?|MountVolume\.\w{1,20} failed for volume "?(?<volume_2>[\w-]+)"?(?:[^\n]{0,400}? mount \/\/(?<host>[\w.-]{1,200})\/)?|access denied by server while mounting (?<host_2>[\w.-]{1,200}):|[Mm]ount error\(\d{1,4}\): (?<mountError>[\w ]{1,60})|[Mm]ount error\(\d{1,4}\)|Persistent storage (?:mount )?failure/,
    confidence: 0.9,
    actions: VOLUME_MOUNT_STEPS,
  },
  {
    id: 'system.ephemeral-storage',
    category: 'storage-failure',
    title: 'the replica exceeded its ephemeral storage',
    message: /ephemeral(?:[- ]local)?[- ]storage(?: usage exceeds the total limit of containers (?<ephemeralLimit>\d{1,6}(?:\.\d{1,3})?[KMGT]i?))?|[Ee]victed.*(?:disk|storage)|DiskPressure|No space left on device/,
    confidence: 0.88,
    role: 'storage',
    actions: EPHEMERAL_STEPS,
  },
  {
    id: 'system.provisioning-timeout',
    // A deadline alone does not say why the replicas never got ready: probe, crash and capacity rows do.
    category: 'unknown',
    title: 'revision {revision|} did not become ready in time',
    message: /Error provisioning revision (?<revision>\S+?)\.? ErrorCode: \[Time-?out\]|Deployment Progress Deadline Exceeded/,
    confidence: 0.5,
    explanation:
      'The revision\'s replicas never reported ready before the deadline. The deadline itself does not say why: the app kept crashing, started too slowly for its startup probe, did not answer on the probed port, or the replica was never started on a node (capacity or a platform problem). The rows around it and the replica list decide which.',
  },
  {
    id: 'system.provisioning-crashing',
    category: 'unknown',
    title: 'revision {revision|} failed to provision: its container keeps crashing',
    message: /Error provisioning revision (?<revision>\S+?)\.? ErrorCode: \[ContainerCrash(?:ing|ed)\]|Error: ContainerCrashed/,
    confidence: 0.3,
    role: 'backoff',
    explanation: 'The revision could not become ready because its container crashed on every start; the console output before the exits names the cause.',
    links: [LINKS.startFailures],
  },
  {
    id: 'system.probe-restart',
    category: 'probe-failure',
    title: 'container {container|} failed its {probe} probe and was restarted',
    message: /Container '?(?<container>[\w-]+)'? failed (?<probe>liveness|startup|readiness) probe, will be restarted/i,
    confidence: 0.62,
    role: 'probe',
    actions: PROBE_STEPS,
  },
  {
    id: 'system.probe-failed',
    category: 'probe-failure',
    title: '{probe|health} probe failed',
    reason: /^(?:ReplicaUnhealthy|PodUnhealthy|PodUnhealhy|ProbeFailed|Unhealthy)$/,
    message:
      /(?<probe>startup|liveness|readiness) probe failed(?::.{0,500}?(?:(?:https?:\/\/)?(?<![\d.])[\d.]+:(?<port>\d+)(?<path>\/\S*?)?"?:|statuscode: (?<status>\d+)))?|Probe of (?<probe_2>\w+) failed with status code: (?<status_2>\d+)/i,
    confidence: 0.6,
    role: 'probe',
    actions: PROBE_STEPS,
  },
  {
    id: 'system.keda-scale-to-zero',
    category: 'scale-in',
    title: 'scaled to zero by KEDA',
    reason: /^KEDAScaleTargetDeactivated$/,
    message: /Deactivated apps\/v1\.Deployment \S+ from \d+ to 0/,
    confidence: 0.3,
    benign: true,
    role: 'scale-to-zero',
    explanation: 'No scale rule asked for replicas any more, so KEDA scaled the revision to zero, as minReplicas 0 allows.',
    actions: ['No action needed. Set minReplicas to 1 or more if cold starts are a problem.'],
  },
  {
    id: 'system.stopping-container',
    category: 'scale-in',
    title: 'the platform stopped container {container|}',
    reason: /^(?:StoppingContainer|Killing)$/,
    message: /^Stopping container '?(?<container>[\w-]+)'?\s*$/,
    confidence: 0.25,
    benign: true,
    role: 'stop',
    explanation: 'The platform asked the container to stop (SIGTERM), as it does on scale-in and revision switches.',
    actions: ['No action needed unless the stop was unexpected.'],
  },
  {
    id: 'system.dapr-invalid-config',
    category: 'missing-configuration',
    title: 'the revision was rejected: its Dapr configuration is invalid',
    message: /invalid Dapr configuration/i,
    confidence: 0.75,
    explanation:
      'The platform refused to provision the revision because a Dapr component scoped to the app is invalid, most often a secret reference in its metadata that the app does not define.',
    actions: [
      'Check each Dapr component scoped to this app: every secretRef it uses must exist as a secret, and its metadata must be complete.',
    ],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'system.dapr-component',
    category: 'missing-configuration',
    title: 'Dapr component {component} could not be created',
    message: /Error creating dapr component '?(?<component>[\w-]+)'?/,
    confidence: 0.6,
  },
  {
    id: 'system.node-scale-down',
    category: 'scale-in',
    title: 'the replica was stopped because its node was removed (node scale-down or shutdown)',
    // The cluster autoscaler's event on each pod of a node it removes, and the kubelet's on a node shutting down.
    message: /\bdeleting pod for node scale down\b|\bterminated in response to imminent node shutdown\b/i,
    confidence: 0.25,
    benign: true,
    role: 'stop',
    explanation:
      'The node the replica ran on was taken away (the platform scaled its nodes down, or shut the node down for maintenance), so the replica was stopped and placed again on another node. An app with more than one replica, or one that starts quickly, rides through it; for a job, the run on that replica was cut short and only a retry finishes the work.',
    actions: [
      'No action needed for an app, unless in-flight work was lost: then stop taking work on SIGTERM and finish within the grace period.',
    ],
    links: [LINKS.lifecycle, LINKS.jobs],
  },
]);

