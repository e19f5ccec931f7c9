import { consoleFamily } from '../categoryText';
import { LINKS } from '../links';
import { EPHEMERAL_STEPS, PROBE_STEPS, VOLUME_MOUNT_STEPS } from '../platformSteps';

/** A probe's own answer on the line: the HTTP status its request got. */
const PROBE_404 = /" 404\b/;

/**
 * Platform and orchestrator reports that reach an app's console: a probe's, a mount's or a quota's
 * failure as the kubelet, the Container Apps controller, Azure Resource Manager or a deployment tool words
 * it (a script that deploys, a sidecar that relays events, a log a user pasted). Each report quotes the
 * error behind it (a dial error, an HTTP status, an errno): that quotation is the report's detail, not a
 * cause of its own, so the probe and mount rules claim their line (`quotes`).
 */
export const PLATFORM_RULES = consoleFamily('platform', [
  {
    id: 'console.gpu.no-device',
    category: 'missing-configuration',
    title: 'the app needs a GPU and the replica has none',
    // GPU inference servers and frameworks started where no GPU is attached: vLLM's "Failed to infer device
    // type" (after "No platform detected"), PyTorch's "Found no NVIDIA driver on your system" and "No CUDA
    // GPUs are available", and CUDA's "you might not have a CUDA gpu".
    pattern:
      /\bFailed to infer device type\b|\bFound no NVIDIA driver on your system\b|\bNo CUDA GPUs are available\b|\bCUDA driver initialization failed, you might not have a CUDA gpu\b/i,
    keywords: ['failed to infer device type', 'found no nvidia driver', 'no cuda gpus are available', 'you might not have a cuda gpu'],
    confidence: 0.87,
    explanation:
      'The app looks for a GPU at start and finds none: the container app runs on the Consumption profile or a workload profile without GPUs, so no NVIDIA device or driver is attached to the replica. Nothing in the image can fix that; the app has to run where a GPU is.',
    actions: [
      {
        text: 'Check which workload profile the app runs on.',
        command: 'az containerapp show -n {app} -g {resourceGroup} --query properties.workloadProfileName -o tsv',
      },
      {
        decisive: true,
        text: 'Run the app on a GPU workload profile (serverless GPU such as Consumption-GPU-NC8as-T4 or Consumption-GPU-NC24-A100, or a dedicated GPU profile) in an environment that offers it, or use a CPU build of the server.',
      },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.probe.failed',
    category: 'probe-failure',
    title: 'the {probe|health} probe failed{: status}',
    // The kubelet's "<kind> probe failed|errored: <result>", its kill row, the Container Apps controller's
    // "<Kind> Probe with executor X reached failure threshold" and "Probe of <kind> failed with status code".
    pattern:
      /\b(?<probe>startup|liveness|readiness) probe (?:failed|errored)\b(?::? {0,4}(?:HTTP probe failed with statuscode: (?<status>\d{3})|Get "?https?:\/\/[^\/\s":]{1,253}(?::(?<port>\d{1,5}))?(?<path>\/[^\s"?:]{0,300})?|stat: cannot statx? '(?<file>[^'\n]{1,300})'))?|\bContainer '?(?<container>[\w.-]{1,120})'? failed (?<probe_2>startup|liveness|readiness) probe\b|\b(?<probe_3>startup|liveness|readiness) probe with executor \w{1,40} reached failure threshold\b|\bProbe of (?<probe_4>startup|liveness|readiness) failed with status code: (?<status_2>\d{1,3})\b/i,
    keywords: ['probe failed', 'probe errored', 'failed startup probe', 'failed liveness probe', 'failed readiness probe', 'probe with executor', 'probe of '],
    // An exec probe that could not run names its command in the runtime's words further down the block.
    context: /\bexec: \\?"(?<command>[^"\\\n]{1,200})\\?": executable file not found/i,
    quotes: true,
    confidence: 0.8,
    explanation:
      'The {probe|health} probe reported a failure: the line is the probe\'s own report, and what it quotes (a refused or reset connection, an HTTP status, a command that could not run) is how the probe failed, not a dependency of the app. A refused or reset connection means nothing listens on the probed port yet (the app starts slower than the probe allows, or listens on another port or on 127.0.0.1); a status means the app answered but its health route did not say healthy; an exec probe\'s error means its command is wrong for the image.',
    actions: PROBE_STEPS,
    links: [LINKS.probes],
  },
  {
    id: 'console.probe.access-log',
    category: 'probe-failure',
    title: 'the app answers the health probe\'s request for {path} with {status}',
    // The app's own access log of the probe's request (user agent kube-probe): a health-like path, or the root.
    pattern:
      /"(?:GET|HEAD) (?<path>\/(?:[\w.\/-]{0,120}?(?:health|live|ready|status|ping|alive)[\w.\/-]{0,60})?)(?:\?[^\s"]{0,200})? HTTP\/[\d.]{1,3}" (?<status>[45]\d\d)\b[^\n]{0,300}?\bkube-probe\//i,
    keywords: ['kube-probe/'],
    confidence: 0.55,
    explanation:
      'The app\'s access log shows the platform\'s health probe (user agent kube-probe) asking for {path} and getting {status}: the app is up and answering, but not with success on the path the probe checks, so the probe fails and the replica is restarted or kept out of rotation.',
    actions: [
      {
        when: PROBE_404,
        decisive: true,
        text: 'The app has no route {path}: point the probe at the health route the app serves (such as /healthz), or add {path} to the app. To change it, save the app\'s YAML with `az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`, edit the container\'s probes and apply the file with this command (or use the portal\'s Containers > Health probes); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
      {
        unless: PROBE_404,
        text: 'The health route {path} answers {status}: a 401 or 403 means authentication middleware covers it (exempt the health route), a 5xx that a check behind it fails (a dependency the health check calls); read the app\'s lines around the probe\'s requests.',
      },
      {
        text: 'Compare the probe\'s path, port and scheme with what the app serves.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].probes' -o json",
      },
    ],
    links: [LINKS.probes],
  },
  {
    id: 'console.auth.forward-refused',
    category: 'port-misconfiguration',
    title: 'built-in authentication forwards requests to the app on port {port} and nothing listens there',
    // Container Apps' authentication sidecar (Easy Auth, container http-auth) forwards each signed-in request
    // to the app on localhost at the ingress target port: "Failed to forward request to http://127.0.0.1:23040.
    // Encountered a System.Net.Http.HttpRequestException ... Connection refused (127.0.0.1:23040)". The refusal
    // it quotes is the app not listening on that port, not a dependency of the app.
    pattern:
      /\bFailed to forward request to https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):(?<port>\d{2,5})\b.{0,300}?(?:Connection refused|actively refused|No connection could be made)/i,
    keywords: ['failed to forward request'],
    quotes: true,
    confidence: 0.84,
    explanation:
      'The built-in authentication sidecar received requests from ingress and forwarded them to the app on localhost port {port}, where nothing accepted the connection. The sidecar forwards to the ingress target port: the target port is not set (the platform then picks a port the app never opened) or it is not the port the app listens on, so every request fails after sign-in.',
    actions: [
      {
        needs: ['listenPort'],
        decisive: true,
        text: 'Set the ingress target port to {listenPort}, where the app says it listens; the authentication sidecar forwards there.',
        command: 'az containerapp ingress update -n {app} -g {resourceGroup} --target-port {listenPort}',
      },
      {
        absent: ['listenPort'],
        text: 'Set the ingress target port to the port the app listens on (its startup line names it), so the authentication sidecar forwards there.',
        command: 'az containerapp ingress update -n {app} -g {resourceGroup} --target-port <port>',
      },
      {
        text: 'Show the ingress settings as deployed (targetPort empty or another port than the app\'s).',
        command: 'az containerapp ingress show -n {app} -g {resourceGroup}',
      },
    ],
    links: [LINKS.ingress],
  },
  {
    id: 'console.storage.mount-failed',
    category: 'storage-failure',
    title: 'volume {volume|} could not be mounted',
    // The kubelet's MountVolume rows, the mount helper's exit status, Service Fabric's and cifs's own errors.
    pattern:
      /\bMountVolume\.\w{1,20} failed for volume "?(?<volume>[\w.-]{1,200})"?|\berror (?:while )?mounting volume '?(?<volume_2>[\w.-]{0,200})'?|\bUnable to (?:attach or )?mount volumes: unmounted volumes=\[(?<volume_3>[\w.-]{1,200})|\bmount error\(\d{1,4}\)|\bmount failed: exit status \d{1,3}/i,
    keywords: ['mountvolume', 'mounting volume', 'mount volumes', 'mount error(', 'mount failed'],
    // The share an SMB mount names (`//account.file.core.windows.net/share`).
    context: /(?:^|\s)\/\/(?<host>[\w-]{1,63}(?:\.[\w-]{1,63}){1,6})\//,
    quotes: true,
    confidence: 0.88,
    explanation:
      'The volume {volume|} could not be mounted, so the container could not start with it. The errno the mount quotes says why: 13 (permission denied) is a refused account key or share access, 2 (no such file) a share name that does not exist, 112 or a timeout a share the environment cannot reach over SMB (port 445).',
    actions: VOLUME_MOUNT_STEPS,
    links: [LINKS.storage],
  },
  {
    id: 'console.storage.ephemeral-limit',
    category: 'storage-failure',
    title: 'the replica used more {resource|ephemeral storage} than its limit{ ephemeralLimit}',
    // The kubelet's eviction messages for a pod or a container over its ephemeral storage limit.
    pattern:
      /\b(?<resource>ephemeral local storage) usage exceeds the total limit of containers (?<ephemeralLimit>\d{1,12}(?:\.\d{1,3})?(?:[KMGTE]i?)?)\b|\bexceeded its (?<resource_2>local ephemeral storage) limit "?(?<ephemeralLimit_2>\d{1,12}(?:\.\d{1,3})?(?:[KMGTE]i?)?)\b/i,
    keywords: ['ephemeral local storage', 'local ephemeral storage'],
    signal: 'storage',
    confidence: 0.88,
    explanation:
      'The replica wrote more to its own disk (its ephemeral storage) than the limit{ ephemeralLimit} allows, and was evicted. Everything written outside a mounted volume counts: temp files, caches, logs written to files.',
    actions: EPHEMERAL_STEPS,
    links: [LINKS.storage],
  },
  {
    id: 'console.quota.azure-limit',
    category: 'quota-exceeded',
    title: 'an Azure limit was reached{: quota}{, region}',
    // Azure Resource Manager's core quotas, the Container Apps environment limits per subscription and
    // region (the service's words, which the SDKs, Terraform and the CLI relay), and a namespace's resource
    // quota. The az CLI's own client-side check ("You have more than N environments in location X") is a
    // developer's terminal, not an app's console, and is left out.
    pattern:
      /\bresults? in exceeding (?:approved )?(?:(?<quota>[\w ]{1,60}?) )?quota(?: limits?)?(?: of (?<quota_2>\w{1,40}))?\b|\bcannot have more than \d{1,6} (?:Container Apps? )?(?:Managed )?environments\b(?: in (?<region>[\w ]{1,40}?)\.)?(?:[^\n]{0,300}?\(Code: (?<quota_3>\w{1,80})\))?|\bis forbidden: exceeded quota: (?<quota_4>[\w.-]{1,120})/i,
    keywords: ['results in exceeding', 'result in exceeding', 'cannot have more than', 'exceeded quota:'],
    // The error code and location the same message carries around the sentence (ARM's JSON, the SDK's details).
    context: /\b(?<quota>MaxNumberOf\w{1,80}Exceeded)\b|\bLocation: (?<region>[a-z][\w-]{1,40})\b/,
    confidence: 0.88,
    explanation:
      'Azure refused to create or grow a resource because a limit of the subscription, the region or the environment is reached: {quota|the quota the message names}. Nothing in the app changes that: the limit must be raised or the usage lowered.',
    actions: [
      {
        when: /environments/i,
        text: 'The subscription has as many Container Apps environments as it may have (in all, or in region {region|the message names}): reuse an existing environment, delete unused ones (`az containerapp env list -o table` lists them), or request a higher limit (Azure portal > Quotas > Azure Container Apps, or a support request of type "Service and subscription limits (quotas)").',
      },
      {
        when: /\bcores?\b/i,
        text: 'The subscription\'s core quota (in region {region|the message names}) is used up: request a higher limit for that quota (Azure portal > Quotas, or a support request of type "Service and subscription limits (quotas)"), or free cores held by other resources in the region.',
      },
      {
        when: /is forbidden: exceeded quota/i,
        text: 'The namespace\'s resource quota {quota|} has no room for another replica of this size: lower the CPU and memory the app requests or its replica count, or raise the quota.',
      },
      { unless: /environments|\bcores?\b|is forbidden: exceeded quota/i, text: 'Raise the limit the message names, or lower the usage that fills it.' },
    ],
    links: [LINKS.quotas],
  },
  {
    id: 'console.quota.service',
    category: 'quota-exceeded',
    title: 'a service the app calls has no quota left for it{: code}{: quota}{: tier}',
    // An AI API's plan or tier (OpenAI's insufficient_quota, Azure OpenAI's pricing-tier rate limit) and a
    // broker's entity or connection quota, in the services' own words.
    pattern:
      /\byou exceeded your current quota\b(?:[^\n]{0,400}?\b(?<code>insufficient_quota)\b)?|\b(?<code_2>insufficient_quota)\b|\bexceeded (?:the )?(?:token )?rate limit of your current (?<tier>[\w ]{1,40}?) pricing tier\b|\bQuotaExceededException: (?<quota>\w{1,80})|\bQuotaType: (?<quota_2>\w{1,60})/i,
    keywords: ['exceeded your current quota', 'insufficient_quota', 'pricing tier', 'quotaexceededexception', 'quotatype:'],
    confidence: 0.84,
    explanation:
      'A service the app depends on refused its requests because the account, plan or tier has used up its quota{: quota}{: tier}. Retrying does not help until the quota resets or is raised, and the app stops when it cannot do without those calls.',
    actions: [
      {
        when: /insufficient_quota|exceeded your current quota/i,
        text: 'The OpenAI account behind the app\'s API key has no credit or quota left: check its billing and usage limits, or use a key of an account that has them.',
      },
      {
        when: /pricing tier/i,
        text: 'The Azure OpenAI deployment the app calls (on the account\'s{ tier} pricing tier) allows fewer tokens or calls per minute than the app uses: raise the deployment\'s rate limit (tokens-per-minute quota) or move it to a higher tier, and make the app back off on 429 and retry after the time the answer gives.',
      },
      {
        when: /QuotaExceededException|QuotaType/i,
        text: 'The messaging namespace reached a quota ({quota|its limit}): drain or delete what fills the entity (messages, sessions), close connections the app leaks, or move to a tier with higher limits.',
      },
      'Handle the refusal in the app (back off and retry, or degrade) instead of exiting, so a spent quota does not stop the app or fail the job execution.',
    ],
    links: [LINKS.troubleshooting],
  },
]);
