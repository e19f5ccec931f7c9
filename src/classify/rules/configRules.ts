import type { RuleAction, RuleBase } from '../types';
import { LOOPBACK_LISTEN_STEPS } from './causeSteps';
import { CATEGORY_TEXT } from './categoryText';
import { LINKS } from './links';
import { listenOnSteps, MANAGEMENT_PORT_STEP, MANAGEMENT_PROBES_STEP } from './platformSteps';
import { MEMORY_METRIC, RAISE_MEMORY_NEXT, RESTART_REVISION, SHOW_ENV_NAMES, SHOW_PROBES } from './commandTemplates';

/** The JVM's TLS stack in the rows (PKIX, javax.net.ssl, sun.security): its trust store is the JDK's. */
const JVM_TLS = /PKIX path building failed|SunCertPathBuilderException|javax\.net\.ssl\.|sun\.security\.(?:validator|provider\.certpath)/;

/**
 * The kill at the limit after the JVM's "OutOfMemoryError: Metaspace" (stages/jvmMetaspace.ts): the cap to
 * raise is -XX:MaxMetaspaceSize, in the options variable the configuration sets (configSafety keeps its
 * other flags), or the Cloud Foundry buildpack's calculator; more container memory alone leaves that cap.
 */
const METASPACE_LIMIT_STEPS: RuleAction[] = [
  {
    needs: ['metaspace'],
    absent: ['memoryCut'],
    text: 'The JVM ran out of {metaspace} (class metadata, "OutOfMemoryError: {metaspace}"), not heap, and was killed for it: more container memory or a larger heap does not move its cap, -XX:MaxMetaspaceSize. Raise it to {metaspaceTarget} in {metaspaceVar}{ metaspaceVarNote}; this creates a new revision. If it fills again whatever the cap, look for a class-loader leak (classes generated at run time, a class loader never released on redeploy): `jcmd <pid> VM.classloader_stats` names it.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {metaspaceVar}=-XX:MaxMetaspaceSize={metaspaceTarget}',
  },
  {
    needs: ['metaspace', 'cfBuildpack'],
    absent: ['memoryCut'],
    text: 'The image runs the Cloud Foundry Java buildpack (.java-buildpack, killjava.sh), whose memory calculator sizes Metaspace from its count of loaded classes and takes the rest for the heap: an -XX:MaxMetaspaceSize in JAVA_OPTS overrides its estimate, or raise class_count under memory_calculator in JBP_CONFIG_OPEN_JDK_JRE.',
  },
];

/**
 * Findings the engine derives by weighing several pieces of evidence together (an exit against the app's
 * configuration, a probe failure against the port the app says it listens on). The conditions live in
 * the engine because they join rows; their wording and advice live here, as data.
 */
export const DERIVED_RULES = {
  memoryLimit: {
    id: 'config.memory-limit',
    category: 'out-of-memory',
    title: 'out of memory at the {memoryLimit} limit: memory lines, then SIGKILL (exit 137)',
    confidence: 0.6,
    benign: false,
    explanation:
      'The container was killed with SIGKILL (exit 137) right after the app reported memory exhaustion, and its memory limit is {memoryLimit}. When the working set reaches the limit the kernel kills the process.',
    // After a change that cut memory, the first step sets the old size back: a metric check or a size
    // between the two would only contradict it.
    actions: [
      ...METASPACE_LIMIT_STEPS,
      { absent: ['memoryCut', 'metaspace'], text: 'Check the peak memory working set against {memoryLimit} just before the exit.', command: MEMORY_METRIC },
      {
        needs: ['nextMemory'],
        absent: ['memoryCut'],
        text: 'Raise {container|the container} to the next CPU/memory pair ({nextCpu} CPU, {nextMemory}); this creates a new revision.',
        command: RAISE_MEMORY_NEXT,
      },
      { absent: ['nextMemory', 'memoryCut'], text: 'Raise the memory (CPU and memory come in fixed pairs, e.g. 0.5 CPU/1Gi, 1 CPU/2Gi).' },
      {
        when: /heap|Xmx|max-old-space-size|MaxRAMPercentage/i,
        absent: ['metaspace'],
        text: "Keep the runtime's heap cap below {memoryLimit} (about 75%), so the runtime reports its own out-of-memory error instead of being killed.",
      },
    ],
    links: [LINKS.containers],
  },
  forcedKill: {
    id: 'config.forced-kill',
    category: 'forced-kill',
    title: 'did not stop within {graceText|its grace period} after SIGTERM and was killed',
    confidence: 0.85,
    benign: false,
    explanation: CATEGORY_TEXT['forced-kill'].explanation,
    actions: CATEGORY_TEXT['forced-kill'].actions,
    links: [LINKS.lifecycle],
  },
  scaleToZero: {
    id: 'config.scale-to-zero',
    category: 'scale-in',
    title: 'replica stopped by scale-in (SIGTERM, exit {exitCode|143})',
    confidence: 0.7,
    benign: true,
    explanation:
      'The replica exited (with {exitCode|143}) after the platform asked it to stop. {stopContext|With minReplicas 0 (or a KEDA scale-to-zero event) this is the normal end of an idle replica, not a crash.}',
    // A floor above zero means the app never scales to zero: the replica was surplus, and the hint is moot.
    // So is a scale-in that left replicas running (`from 3 to 1`): nothing went cold.
    actions: [
      { absent: ['minReplicas', 'scaledTo'], text: 'No action needed. Set minReplicas to 1 or more if the app must stay warm.' },
      { needs: ['scaledTo'], absent: ['minReplicas'], text: 'No action needed: the scaler stopped surplus replicas as the load fell, and {scaledTo} kept running; the revision did not scale to zero.' },
      { needs: ['minReplicas'], text: 'No action needed: the scaler stopped a surplus replica as the load fell. minReplicas is {minReplicas}, so at least that many keep running.' },
    ],
    links: [LINKS.scale],
  },
  scaleInKill: {
    id: 'config.scale-in-kill',
    category: 'scale-in',
    title: 'replica removed by scale-in and killed after {graceText|its grace period} (exit 137): a grace-period question, not a crash',
    confidence: 0.72,
    benign: true,
    explanation:
      'The platform scaled the revision in and stopped this replica; it was still busy when the grace period ran out, so it was killed (SIGKILL, 137). That is the normal end of a surplus replica, not a crash.',
    actions: [
      'No action needed for the app\'s health.',
      'If in-flight work must finish, raise terminationGracePeriodSeconds above the longest shutdown, or make the app stop accepting work on SIGTERM.',
    ],
    links: [LINKS.scale, LINKS.lifecycle],
  },
  revisionReplaced: {
    id: 'config.revision-replaced',
    category: 'scale-in',
    title: 'revision {revision|} was replaced by a new deployment and its replica stopped (exit {exitCode|143})',
    confidence: 0.72,
    benign: true,
    explanation:
      'A newer revision was deployed and this one was deactivated, so the platform stopped its replicas. That is a deployment doing its job, not a failure and not a scale rule to change.',
    // A deployment, not a scale rule: the one thing to check is that the revision that took over is healthy.
    actions: [
      {
        needs: ['newRevision'],
        text: 'No action needed: {newRevision} replaced this revision. Check that {newRevision} is running, healthy and takes the traffic.',
        command: 'az containerapp revision list -n {app} -g {resourceGroup} -o table',
      },
      {
        absent: ['newRevision'],
        text: 'No action needed. Check that the new revision is running, healthy and takes the traffic.',
        command: 'az containerapp revision list -n {app} -g {resourceGroup} -o table',
      },
    ],
    links: [LINKS.revisions],
  },
  probeKill: {
    id: 'config.probe-kill',
    category: 'probe-failure',
    title: 'container {container|} stopped answering its probe and the platform killed it (exit {exitCode})',
    confidence: 0.66,
    benign: false,
    explanation:
      'The replica failed its liveness (or startup) probe just before it was killed, so the platform ended a container that no longer answered. This is not evidence of running out of memory: a hung process, a blocked event loop, a deadlock, or a probe path that is too slow end the same way.',
    // A probe aimed at the main port of an app whose health endpoints are on its management port: that step alone.
    actions: [
      { fallback: true, text: 'Check what the app was doing in its last console lines before the probe failures (a long request, a lock, a blocking call).' },
      {
        fallback: true,
        text: 'Check the probe\'s path, port and timeout against how fast the app answers under load; raise timeoutSeconds or failureThreshold if the app is merely slow.',
        command: SHOW_PROBES,
      },
      MANAGEMENT_PROBES_STEP,
      MANAGEMENT_PORT_STEP,
    ],
    links: [LINKS.probes, LINKS.lifecycle],
  },
  duplicateEnv: {
    id: 'config.duplicate-env',
    category: 'missing-configuration',
    title: 'environment variable {envVar} is listed twice in container {container}',
    confidence: 0.7,
    benign: false,
    explanation:
      'The container template lists the same environment variable name more than once. Container Apps can fail to activate such a revision, sometimes without a clear error, and which value the app sees is undefined.',
    actions: ['Remove the duplicate {envVar} entry from the container\'s env list and deploy a new revision.'],
    links: [LINKS.containers],
  },
  commandOneString: {
    id: 'config.command-one-string',
    category: 'entrypoint-error',
    title: 'container {container} command is one string ("{command}"), so the runtime looks for an executable of that name',
    confidence: 0.85,
    benign: false,
    explanation:
      'The command override is a list whose first element is the program. Written as one string ("python app.py", or comma-separated values) the whole string is taken as the program name, which does not exist, so the container cannot be created.',
    actions: [
      {
        needs: ['commandProgram', 'commandArgs'],
        // The YAML, not --args: the CLI would read an argument such as --since as its own flag.
        text: 'Split it: command {commandProgram} and args {commandArgs}, each word its own element. Save the YAML (`az containerapp show`, or `az containerapp job show` for a job, with `-o yaml > app.yaml`), set these two lists on the container and apply the file with this command; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
      {
        absent: ['commandProgram'],
        text: 'Split the command into a list: the program first, each argument as its own element (with the CLI: --command "python" --args "app.py").',
      },
      'Or drop the override and let the image\'s ENTRYPOINT/CMD start the app.',
    ],
    links: [LINKS.containers],
  },
  appModuleArg: {
    id: 'config.app-module-arg',
    category: 'entrypoint-error',
    title: 'the start command points the server at {command}, but module {module} is not in the image',
    confidence: 0.9,
    benign: false,
    explanation:
      'The container\'s command or arguments name the application as `{command}` (module:object, as gunicorn and uvicorn take it), and Python cannot import module {module}: the path in the command is wrong for this image (the module lives in a package or another directory), not a library to install.',
    actions: [
      {
        decisive: true,
        text: 'Point the command at the module that holds the app object (for a package, `package.module:app`, or add `--chdir <dir>` for gunicorn / `--app-dir <dir>` for uvicorn), or restore the arguments of the last healthy revision. Arguments that start with dashes are read by the CLI itself, so set the args list in the app\'s YAML (`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`) and apply it; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
      {
        text: 'See the command and arguments each container runs now.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].[name,command,args]' -o json",
      },
    ],
    links: [LINKS.containers],
  },
  changedValueBreaksStart: {
    id: 'config.changed-value-breaks-start',
    category: 'missing-configuration',
    title: 'the new value of {envVar} breaks the app at start ({exception|an unhandled error})',
    confidence: 0.62,
    benign: false,
    explanation:
      'The only change since the last healthy revision is the value of {envVar}, and the new revision fails at start with an error the old one did not have. The new value is the lead: the app accepts it as a setting but cannot work with it (a release, language, region or name that does not exist, a malformed list).',
    actions: [
      {
        decisive: true,
        text: 'Compare the value of {envVar} with the one in {fromRevision|the last healthy revision} and with what the app documents for it; set a valid one (this creates a new revision).',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {envVar}=<value>',
      },
      {
        needs: ['fromRevision'],
        text: 'Or send traffic back to {fromRevision} while you check (in single-revision mode, re-activate it by copying it: `az containerapp revision copy --from-revision {fromRevision}`).',
        command: 'az containerapp revision activate -n {app} -g {resourceGroup} --revision {fromRevision}',
      },
    ],
    links: [LINKS.envVars],
  },
  commandDaemonizes: {
    id: 'config.command-daemonizes',
    category: 'entrypoint-error',
    title: 'the command `{command}` starts the server in the background, so the main process exits 0',
    confidence: 0.8,
    benign: false,
    explanation:
      'The container\'s command starts a server that forks into the background by default ({daemonizer|a daemon}: nginx without `daemon off;`, httpd or apachectl without -DFOREGROUND, sshd without -D, cron without -f, a `service x start`), so the process the platform started returns with code 0 at once. Container Apps sees the main process end, restarts it and backs off; the server never stays up. The image\'s own CMD usually runs it in the foreground: the override lost that.',
    actions: [
      {
        text: 'Run the server in the foreground: for nginx `nginx -g "daemon off;"`, for httpd `httpd -DFOREGROUND`, for sshd `sshd -D`, for cron `cron -f`; or remove the command override so the image\'s CMD (which already does) runs. Then create a new revision.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].[name,command,args]' -o json",
      },
      'If the override exists to run a setup step first, end the script with `exec` and the server\'s foreground command, so the server becomes the main process.',
    ],
    links: [LINKS.containers, LINKS.startFailures],
  },
  volumeMissing: {
    id: 'config.volume-missing',
    category: 'storage-failure',
    title: 'volume {volume} refers to something that does not exist ({storage|its volume definition})',
    confidence: 0.8,
    benign: false,
    explanation:
      'A container mounts a volume whose definition, or whose environment storage, is missing, so the replica cannot be created with its mounts.',
    actions: [
      'Define the storage on the environment (az containerapp env storage set) with the account, share name and access mode, or fix the storage name on the volume.',
    ],
    links: [LINKS.storage],
  },
  volumeProtocol: {
    id: 'config.volume-protocol',
    category: 'storage-failure',
    title: 'volume {volume} is mounted as {storageType} but storage {storage} is {shareKind}',
    confidence: 0.82,
    benign: false,
    explanation:
      'The volume\'s storage type and the environment storage\'s kind disagree (SMB AzureFile against an NFS share, or the reverse), so the mount is attempted with the wrong protocol and fails.',
    actions: ['Make the volume\'s storageType match the environment storage: AzureFile for SMB shares, NfsAzureFile for NFS shares.'],
    links: [LINKS.storage],
  },
  daprAppPort: {
    id: 'config.dapr-app-port',
    category: 'port-misconfiguration',
    title: 'Dapr sidecar waits for the app on port {appPort} but the app listens on {listenPort}',
    confidence: 0.88,
    benign: false,
    explanation:
      'The Dapr sidecar (daprd) blocks until the app opens the port set as Dapr\'s app port. The app opened another one, so daprd never becomes ready and the replica is restarted.',
    actions: [
      {
        text: 'Set the Dapr app port to {listenPort}, where the app listens (an app setting: it applies without a new revision).',
        command: 'az containerapp dapr enable -n {app} -g {resourceGroup} --dapr-app-port {listenPort}',
      },
      ...listenOnSteps('appPort', 'portToApp', ', and keep the ingress target port on the same port'),
    ],
    links: [LINKS.probes],
  },
  daprSidecarFailing: {
    id: 'system.dapr-sidecar-failing',
    category: 'probe-failure',
    title: 'the Dapr sidecar (daprd) keeps failing and restarting',
    confidence: 0.7,
    benign: false,
    explanation:
      'The sidecar itself exits or fails its own health endpoint (port 3501) again and again. That is the sidecar\'s failure, not the app\'s probe: daprd waits for its components and for the app port before it reports healthy.',
    actions: [
      'Read the daprd console lines (container daprd) just before each restart: a component that cannot initialise or an app port it waits for.',
      'Check the Dapr components scoped to this app (their secrets and reachability) and the app port set for Dapr.',
    ],
    links: [LINKS.probes],
  },
  daprSidecarSilentStop: {
    id: 'system.dapr-sidecar-silent-stop',
    category: 'unknown',
    title: 'the Dapr sidecar (daprd) shuts component {component} down and stops without logging why',
    confidence: 0.45,
    benign: false,
    explanation:
      'daprd keeps stopping: it tears component {component} down and exits, and its log holds no error, fatal line or stop signal that says why. Its failed health checks (port 3501) are the sidecar having stopped, not the app\'s probe. The cause is not in these rows; the component\'s access (identity, vault name, network) is the first suspect.',
    actions: [
      {
        text: 'Raise the sidecar\'s log level to debug so the next stop says why.',
        command: 'az containerapp dapr enable -n {app} -g {resourceGroup} --dapr-log-level debug',
      },
      {
        text: 'Read component {component}\'s metadata as deployed: the vault or store name, the managed identity (azureClientId) it uses, and the app scopes.',
        command: 'az containerapp env dapr-component show -n {environment|<environment-name>} -g {resourceGroup} --dapr-component-name {component}',
      },
      'Read the daprd console lines (container daprd) just before each restart.',
    ],
    links: [LINKS.troubleshooting],
  },
  provisioningScaleAuth: {
    id: 'config.provisioning-scale-rule-auth',
    category: 'missing-configuration',
    title: 'revision {revision} failed to provision: scale rule {scaleRule} has no authentication',
    confidence: 0.85,
    benign: false,
    explanation:
      'The platform refused the revision because scale rule {scaleRule} needs credentials to read its queue or topic and has none: no auth secret and no managed identity. A deployment that sets the app\'s own connection by identity does not give the scaler one.',
    actions: [
      {
        decisive: true,
        text: 'Give scale rule {scaleRule} an identity (a managed identity with the queue\'s data-reader role, set as the rule\'s identity) or an auth entry from a secret holding the connection string, in the app\'s YAML or Bicep, and deploy again.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
      { text: 'The scale rules as deployed:', command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.scale.rules' -o json" },
    ],
    links: [LINKS.scale],
  },
  registryWithoutCredentials: {
    id: 'config.registry-without-credentials',
    category: 'image-pull-failure',
    title: 'registry {registry} is listed with neither an identity nor a password, so the image cannot be pulled',
    confidence: 0.84,
    benign: false,
    explanation:
      'The image comes from the private registry {registry}, and the app\'s registry entry carries no managed identity and no password secret: the pull is anonymous and the registry refuses it, so revision {revision} never provisions.',
    actions: [
      {
        decisive: true,
        text: 'Pull with a managed identity: give the app an identity with AcrPull on {registry} and set it on the registry entry (system is the app\'s system-assigned identity).',
        command: 'az containerapp registry set -n {app} -g {resourceGroup} --server {registry} --identity system',
      },
      { text: 'The app\'s registry entries as deployed:', command: 'az containerapp registry list -n {app} -g {resourceGroup} -o table' },
    ],
    links: [LINKS.imagePull],
  },
  keyVaultReferenceUnresolved: {
    id: 'config.key-vault-reference-unresolved',
    category: 'missing-configuration',
    title: 'revision {revision} failed to provision: secret {secret} is a Key Vault reference the platform could not resolve',
    confidence: 0.7,
    benign: false,
    explanation:
      'The revision failed before any container started, and secret {secret} is read from Key Vault ({keyVaultUrl}). The platform resolves such secrets when it provisions the revision: a vault secret that does not exist under that URL, or an identity ({identity|the one given}) without the Key Vault Secrets User role, fails the revision without a line in the logs.',
    actions: [
      {
        decisive: true,
        text: 'Check that the vault secret exists at {keyVaultUrl} (the name and, if given, the version), and that {identity|the identity the reference uses} has Key Vault Secrets User on the vault; then create a new revision.',
        command: 'az keyvault secret show --id {keyVaultUrl}',
      },
      { text: 'The app\'s secrets as deployed, with their Key Vault URLs and identities:', command: 'az containerapp secret list -n {app} -g {resourceGroup} -o table' },
    ],
    links: [LINKS.secrets],
  },
  commandFileMissing: {
    id: 'config.command-file-missing',
    category: 'entrypoint-error',
    title: 'the container\'s command runs {file}, which is not in the image',
    confidence: 0.9,
    benign: false,
    explanation:
      'The command or arguments of the container name {file}, and the runtime says that file does not exist: the path in the command is wrong for this image (the app is published elsewhere, for example under /app), so the process cannot start.',
    actions: [
      {
        decisive: true,
        text: 'Fix the path in the container\'s command (the file the image really has, e.g. under its WORKDIR), or remove the command override so the image\'s own ENTRYPOINT runs; this creates a new revision.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].[name,command,args]' -o json",
      },
      { text: 'Then apply the corrected command and arguments from the app\'s YAML.', command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml' },
    ],
    links: [LINKS.containers, LINKS.startFailures],
  },
  mountPathMismatch: {
    id: 'config.mount-path-mismatch',
    category: 'missing-configuration',
    title: 'the app reads {file}, but volume {volume} is mounted at {mountPath}',
    confidence: 0.82,
    benign: false,
    explanation:
      'The app looks for files under {file} and finds nothing there, while the volume that holds them ({volume}) is mounted at {mountPath}: the mount path and the path the app (or its entrypoint) reads disagree, so the files exist but not where they are read.',
    actions: [
      {
        decisive: true,
        text: 'Mount volume {volume} at {file} (the container\'s volumeMounts in the app\'s YAML: `az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`, change mountPath, apply it), or point the app at {mountPath}; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
    ],
    links: [LINKS.storage],
  },
  clientIdEmpty: {
    id: 'config.client-id-empty',
    category: 'missing-configuration',
    title: '{envVar} is defined but empty, so the Azure credential looks for an identity that is not there',
    confidence: 0.88,
    benign: false,
    explanation:
      'The container defines {envVar} with an empty value. The Azure SDK\'s credential reads the variable as "use the user-assigned identity with this client id" (or fails on the empty id), so it never falls back to the app\'s system-assigned identity and the token request fails.',
    actions: [
      {
        decisive: true,
        text: 'Remove {envVar} from the container when the app uses its system-assigned identity, or set it to the client id of the user-assigned identity it should use; either way a new revision is created.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --remove-env-vars {envVar}',
      },
      {
        text: 'The identities the app has, with their client ids:',
        command: 'az containerapp identity show -n {app} -g {resourceGroup}',
      },
    ],
    links: [LINKS.identity],
  },
  secretNotWired: {
    id: 'config.secret-not-wired',
    category: 'missing-configuration',
    title: 'the app holds secret {secret}, but no variable reads it: the request went out without a credential',
    confidence: 0.9,
    benign: false,
    explanation:
      'The service answered that the request carried no credential at all (an anonymous request), and the app defines secret {secret}, which no environment variable, secret volume or registry of the template references. The credential exists but is not wired to the container, so the client never sees it: a setting to add, not a credential to rotate.',
    actions: [
      {
        decisive: true,
        text: 'Add {tokenVar|the variable the client reads for its credential} to the container with secretref {secret}; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {tokenVar|<VARIABLE>}=secretref:{secret}',
      },
    ],
    links: [LINKS.secrets],
  },
  daprSidecarCrash: {
    id: 'engine.dapr-sidecar-crash',
    category: 'crash-signal',
    title: 'the Dapr sidecar (daprd) crashed: {message|a Go runtime panic}',
    confidence: 0.8,
    benign: false,
    explanation:
      'The panic was printed by the Dapr sidecar, not by the app: daprd itself dereferenced a nil pointer (SIGSEGV in its Go runtime) and exited, so the platform restarts it and the replica cannot become healthy. Nothing in the app\'s code causes this; it is a defect of that Dapr runtime version, usually in a feature the app turned on (actors, API logging, service invocation to an app that is down).',
    actions: [
      {
        decisive: true,
        text: 'Turn off the Dapr feature the panic\'s first frames name while the sidecar\'s version carries the defect (here its API logging: set `enableApiLogging: false` under the app\'s dapr settings in its YAML and apply it); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
        when: /getGRPCAPILoggingInfo|APILogging/,
      },
      'The managed Dapr version is the environment\'s: it moves forward with platform upgrades. Open a support case quoting the panic and its first dapr frame if it persists; nothing in the app\'s code causes it.',
      {
        text: 'Read the sidecar\'s own log around the panic (container daprd): the first dapr frame names the feature that crashed.',
        command: 'az containerapp logs show -n {app} -g {resourceGroup} --revision {revision} --container daprd --tail 200',
      },
      'Search the Dapr issue tracker (github.com/dapr/dapr/issues) for the panic\'s first frame and the version the sidecar image names.',
    ],
    links: [LINKS.troubleshooting],
  },
  neverStarted: {
    id: 'system.replica-never-started',
    category: 'quota-exceeded',
    title: 'replicas were scheduled {attempts} times but never started',
    confidence: 0.6,
    benign: false,
    explanation:
      'The platform kept placing replicas on nodes, yet no container started and none exited: the replicas never got as far as running the app. That points at the platform or at capacity (nodes, cores, a workload profile at its limit), not at the app or its logging.',
    actions: [
      'Check the replicas\' state (az containerapp replica list) and the environment\'s capacity: workload profile node counts and the core quota (az containerapp env list-usages).',
      'If capacity is fine and it persists, open a support request with the revision and the times.',
    ],
    links: [LINKS.quotas, LINKS.troubleshooting],
  },
  vocabulary: {
    id: 'engine.vocabulary',
    category: 'unknown',
    title: 'the last lines read as a known kind of failure: {terms|see evidence}',
    confidence: 0.4,
    benign: false,
    explanation:
      'No specific rule recognised these lines, but their words belong to this kind of failure. Treat it as a lead, not a verdict: the evidence lines are the ones that carried those words.',
    // No step of its own ("read the evidence" says nothing an engineer would not do anyway): the reading
    // takes its category's steps (src/classify/stages/generalise.ts), which name what the rows name.
    actions: [],
  },
  platformWarning: {
    id: 'system.unrecognised-warning',
    category: 'unknown',
    title: 'the platform reported {reason}: {message}',
    confidence: 0.35,
    benign: false,
    explanation:
      'The platform logged a warning that no rule recognises. It is the only failure evidence in the window, so it is reported as it is rather than as "no failure evidence".',
    actions: ['Read the warning in the system log together with the revision and replica state (az containerapp revision show, az containerapp replica list).'],
    links: [LINKS.troubleshooting],
  },
  portMismatch: {
    id: 'config.port-mismatch',
    category: 'port-misconfiguration',
    title: 'app listens on port {listenPort} but ingress/probes use port {expectedPort}',
    confidence: 0.9,
    benign: false,
    explanation:
      'The app reports listening on port {listenPort} while the ingress target port (and the default probes that follow it) is {expectedPort}, so probes get "connection refused" and the replica is restarted even though the app is up.',
    actions: [
      {
        text: 'Point ingress (and the default probes) at port {listenPort}, where the app listens.',
        command: 'az containerapp ingress update -n {app} -g {resourceGroup} --target-port {listenPort}',
      },
      ...listenOnSteps('expectedPort', 'portToExpected'),
      {
        text: 'If the container defines its own probes, point them at the same port.',
        command: SHOW_PROBES,
      },
    ],
    links: [LINKS.ingress, LINKS.probes],
  },
  targetPortRefused: {
    id: 'config.target-port-refused',
    category: 'port-misconfiguration',
    title: 'nothing accepts connections on the ingress target port {expectedPort}',
    confidence: 0.72,
    benign: false,
    explanation:
      'No probe is configured, so the failing probe is the check the platform adds on the ingress target port ({expectedPort}), and its connections were refused: no process listens on that port. The app most likely listens on another port (an image that moved off port 80 to run as non-root, a framework default such as 3000, 5000, 8000 or 8080), or only on localhost.',
    actions: [
      // The platform itself names the ports it saw the container open (a revision's running state).
      {
        needs: ['listenPorts', 'listenPort'],
        decisive: true,
        text: 'The platform reports the container listening on {listenPorts}, not on the ingress target port {expectedPort} (its running state says so): set the target port to the one that serves HTTP ({listenPort}, the first listed; the other may be a status or admin port).',
        command: 'az containerapp ingress update -n {app} -g {resourceGroup} --target-port {listenPort}',
      },
      {
        absent: ['listenPorts'],
        text: 'Find the port the app listens on (its start-up lines, the image\'s EXPOSE or documentation) and set the ingress target port to it, or make the app listen on {expectedPort}.',
      },
      ...listenOnSteps('expectedPort', 'portToExpected'),
      {
        absent: ['listenPorts'],
        text: 'Check the ingress settings the revision runs with.',
        command: "az containerapp ingress show -n {app} -g {resourceGroup} -o json",
      },
    ],
    links: [LINKS.ingress, LINKS.probes],
  },
  localDefaultHost: {
    id: 'config.local-default-host',
    category: 'missing-configuration',
    title: 'the app dials {host}{:port} inside its own replica: the setting that names the service ({envVar|its address}) is missing',
    confidence: 0.8,
    benign: false,
    explanation:
      'Nothing but the app and its sidecars listens inside a replica, so a client connecting to {host}{:port} is using its library\'s default address: the variable or setting that should carry the real host (a broker URL, a connection string) is unset or empty.',
    // With the variable named, the engine adds the commands that set it from a secret (attachCommands).
    actions: [
      { needs: ['envVar'], text: '{host} is the replica itself: set {envVar} back to the real address of the service, from a secret when it holds a credential.' },
      {
        needs: ['siblingVar', 'service'],
        absent: ['envVar'],
        text: '{host} is the replica itself, and nothing in it listens on {port|that port}: the app fell back to its client library\'s default address because the variable that names {service} (most likely {siblingVar}, beside the {siblingVars} the app sets) is unset or empty in this revision. Set {siblingVar} to the real address of {service} (a plain host name, not a credential: no secret needed; replace <value>); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {siblingVar}=<value>',
      },
      {
        needs: ['likelyVar'],
        absent: ['envVar', 'siblingVar'],
        text: 'Set {likelyVar} ({likelyWhy}) to the real address of the service (replace {likelyValue}), from a secret reference when it holds a credential; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --set-env-vars {likelyVar}={likelyValue}',
      },
      {
        absent: ['envVar', 'siblingVar', 'likelyVar'],
        text: 'Set the variable the app reads for this service (its URL or connection string), from a secret reference when it holds a credential, and create a new revision; the list shows what the revision has.',
        command: SHOW_ENV_NAMES,
      },
    ],
    links: [LINKS.containers],
  },
  removedVariableCrash: {
    id: 'config.removed-variable-crash',
    category: 'missing-configuration',
    title: 'the app fails since {envVar} was removed or emptied',
    confidence: 0.78,
    benign: false,
    explanation:
      'The only kind of change since the last healthy revision removed or emptied {envVar}, and the app now fails on a value that is not there (a None, nil or undefined, an empty connection string). The crash is the missing setting, not a bug in the code.',
    actions: [
      { text: 'Set {envVar} again (from its secret when it holds a credential) or roll back to the last healthy revision, which still has it.' },
    ],
    links: [LINKS.containers],
  },
  emptySettingFallback: {
    id: 'config.empty-setting-fallback',
    category: 'missing-configuration',
    title: '{envVar} is missing or empty: the client fell back to its default and was refused',
    confidence: 0.8,
    benign: false,
    explanation:
      'A variable removed, cleared or defined with no value leaves the client with its library\'s default (a unix socket, the replica\'s own loopback, an empty host or user, no credential): the refusal that follows is that default\'s, not the dependency\'s or the login\'s. The missing setting is the cause.',
    actions: [
      { text: 'Set {envVar} to the real value (from a secret when it holds a credential), or roll back to the last healthy revision that still had it.' },
    ],
    links: [LINKS.containers],
  },
  emptySettingUsed: {
    id: 'config.empty-setting-used',
    category: 'missing-configuration',
    title: '{envVar} is empty: the app used the empty value',
    confidence: 0.8,
    benign: false,
    explanation:
      'A variable removed, cleared or defined with no value reached the app as an empty string, and the app used it as it is: it opened or created an empty path (`mkdir : no such file or directory`, `open \'\'`) or refused to start without its secret. The missing setting is the cause, not the file system or the code.',
    actions: [
      { text: 'Set {envVar} to the real value (a path on a mounted, writable volume for a directory or file, a secret reference for a key), or roll back to the last healthy revision that still had it.' },
    ],
    links: [LINKS.containers],
  },
  daprWrongPort: {
    id: 'config.dapr-client-port',
    category: 'missing-configuration',
    title: "the app's Dapr gRPC client dials the sidecar's HTTP port {port}",
    confidence: 0.82,
    benign: false,
    explanation:
      "Dapr's sidecar answers HTTP on 3500 and gRPC on 50001 inside the replica. A gRPC client sent to 3500 is refused: the setting that tells the SDK the sidecar's gRPC port ({envVar|DAPR_GRPC_PORT}) points at the HTTP port.",
    actions: [
      {
        needs: ['envVar'],
        text: '{host|127.0.0.1}:{port} is the Dapr sidecar\'s HTTP port and {envVar} sends the gRPC client there. Remove it (the sidecar serves gRPC on 50001, the default) so the client uses the right port; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --remove-env-vars {envVar}',
      },
      {
        absent: ['envVar'],
        text: 'The gRPC client is configured with the sidecar\'s HTTP port: point it at 50001 (DAPR_GRPC_PORT, or the endpoint set in code) and keep 3500 for HTTP calls.',
      },
    ],
    links: [LINKS.containers],
  },
  caBundleMissing: {
    id: 'config.ca-bundle-missing',
    category: 'missing-module',
    title: 'the image cannot verify {host}\'s certificate: its trusted CA certificates are missing',
    confidence: 0.8,
    benign: false,
    explanation:
      '{host} presents a certificate from a public certificate authority, which every standard trust store holds. "Signed by unknown authority" for such a host means the image has no CA bundle (a scratch or distroless image, or a slim image without the ca-certificates package), not that the service is wrong.',
    actions: [
      { text: 'Add the CA certificates to the image: `apt-get install -y ca-certificates` (Debian/Ubuntu), `apk add ca-certificates` (Alpine), or for a scratch image `COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/`; then rebuild and deploy.' },
    ],
    links: [LINKS.containers],
  },
  privateCaUntrusted: {
    id: 'config.private-ca-untrusted',
    category: 'missing-configuration',
    title: 'the app does not trust the certificate authority that signed {host|its dependency}\'s certificate',
    confidence: 0.8,
    benign: false,
    explanation:
      'The client reached {host|the dependency} but could not build a chain to a CA it trusts (Java\'s "PKIX path building failed", OpenSSL\'s "unable to get local issuer certificate" or "self-signed certificate in certificate chain"). For a service with an internal or private CA, or behind a TLS-inspecting proxy, the trust store the app is configured with lacks that CA: a setting to supply, not an outage.',
    actions: [
      // The JVM reads its own trust store, never SSL_CERT_FILE or REQUESTS_CA_BUNDLE: each runtime gets its own
      // (docs/steps-review-v22-fresh.md, 39 and 49).
      {
        when: JVM_TLS,
        text: 'Give the JVM the CA that signed {host|the service}\'s certificate: import it into the JDK\'s trust store in the image (`keytool -importcert -cacerts -storepass changeit -noprompt -alias internal-ca -file ca.crt` in the Dockerfile), or point the JVM at a truststore that holds it (-Djavax.net.ssl.trustStore in JAVA_TOOL_OPTIONS, or the product\'s own truststore setting), mounted from a secret volume if it must not be baked in; then redeploy. Do not turn verification off.',
      },
      {
        unless: JVM_TLS,
        text: 'Give the app the CA that signed {host|the service}\'s certificate: add it to the image\'s trust store (`update-ca-certificates` after copying it to /usr/local/share/ca-certificates), or name a CA file the client reads (its CA-file setting; SSL_CERT_FILE for OpenSSL, REQUESTS_CA_BUNDLE for Python requests, NODE_EXTRA_CA_CERTS for Node.js), mounted from a secret volume if it must not be baked in; then redeploy. Do not turn verification off.',
      },
    ],
    links: [LINKS.containers],
  },
  loopbackListen: {
    id: 'config.loopback-listen',
    category: 'port-misconfiguration',
    title: 'app listens only on {listenAddress}:{listenPort}, unreachable from ingress and probes',
    confidence: 0.9,
    benign: false,
    explanation:
      'The app bound the loopback address, which only the replica itself can reach. Ingress and health probes connect from outside the container and are refused.',
    actions: LOOPBACK_LISTEN_STEPS,
    links: [LINKS.ingress, LINKS.probes],
  },
  secretRefMissing: {
    id: 'config.secret-ref-missing',
    category: 'missing-configuration',
    title: '{envVar} references secret {secret}, which the app does not define',
    confidence: 0.8,
    benign: false,
    explanation:
      'An environment variable reads its value from an app secret (secretRef) that is not in the app\'s secret list, so the variable cannot be filled.',
    actions: [
      {
        text: 'Create the secret {secret} that {envVar} reads (or fix the secretRef name); replace <value> with the value.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {secret}=<value>',
      },
      {
        text: 'Restart the revision so {envVar} is filled from the new secret.',
        command: RESTART_REVISION,
      },
    ],
    links: [LINKS.secrets],
  },
  configChange: {
    id: 'config.change-since-healthy',
    category: 'configuration-change',
    title: 'the revision{ toRevision} changed since healthy revision {fromRevision|}: {summary|see changes}',
    confidence: 0.35,
    benign: false,
    explanation: CATEGORY_TEXT['configuration-change'].explanation,
    actions: CATEGORY_TEXT['configuration-change'].actions,
    links: [LINKS.revisions],
  },
  sidecarExit: {
    id: 'system.envoy-sidecar-exit',
    category: 'clean-exit',
    title: 'platform sidecar {container} exited cleanly (revision switch)',
    confidence: 0.1,
    benign: true,
    explanation:
      'k8se-envoysc is the platform\'s own proxy sidecar. It exits with 0 whenever its replica is replaced, for example during a revision switch; it is not part of the app.',
    actions: ['No action needed.'],
    links: [LINKS.revisions],
  },
  jobCompleted: {
    id: 'exit.0-job-completed',
    category: 'clean-exit',
    title: 'job container {container|} completed (exit code 0)',
    // A job's exit 0 is its normal end: it outranks the shutdown lines the runtime prints on the way out.
    confidence: 0.5,
    benign: true,
    explanation: 'A job replica ending with 0 finished its work successfully.',
    actions: ['No action needed.'],
    links: [LINKS.jobs],
  },
  oldRevisionProbe: {
    id: 'system.probe-old-revision',
    category: 'probe-failure',
    title: 'probe failures on revision {revision} while it was being replaced (noise)',
    confidence: 0.15,
    benign: true,
    explanation:
      'The failing probes belong to a revision that is no longer the latest or active one; replicas being torn down during a switch often fail a probe or two on the way out.',
    actions: ['No action needed unless the latest revision also fails its probes.'],
    links: [LINKS.revisions],
  },
  noEvidence: {
    id: 'engine.no-evidence',
    category: 'unknown',
    title: 'no failure evidence in the window',
    confidence: 0.1,
    benign: false,
    explanation:
      'Neither the platform events nor the console output in the window show a failure the classifier recognises.',
    actions: CATEGORY_TEXT.unknown.actions,
    links: CATEGORY_TEXT.unknown.links,
  },
  internalError: {
    id: 'engine.internal-error',
    category: 'unknown',
    title: 'the evidence could not be classified',
    confidence: 0.05,
    benign: false,
    explanation: 'The classifier hit an unexpected shape in the evidence and could not finish reading it.',
    actions: CATEGORY_TEXT.unknown.actions,
    links: CATEGORY_TEXT.unknown.links,
  },
  jobInterrupted: {
    id: 'system.job-replica-interrupted',
    category: 'forced-kill',
    title: 'a job replica was stopped by the platform before it finished{: stopReason}',
    // A job's run ends by itself; one the platform stopped did not complete, whatever a retry did next.
    confidence: 0.6,
    benign: false,
    explanation:
      'The platform stopped a replica of the job while it was still running ({stopReason|a stop the job did not ask for}), so that run of the job did not complete: whatever it had done so far is lost unless the job saved it. A job execution ends by itself; a stop from outside is an interruption, even when a retry later finished the work.',
    actions: [
      {
        text: 'Check that the execution was retried and completed (the status of each execution).',
        command: 'az containerapp job execution list -n {app} -g {resourceGroup} -o table',
      },
      'Keep the job\'s replica retry limit above 0 so an interrupted run is retried, and make the work safe to run again (idempotent, or resuming from a checkpoint).',
      'Handle SIGTERM in the job: save progress and exit within the grace period, so an interrupted run can resume rather than start over.',
    ],
    links: [LINKS.jobs, LINKS.lifecycle],
  },
  libraryNameRemoved: {
    id: 'config.library-name-removed',
    category: 'application-error',
    title: 'the app imports {symbol|a name} from {module|a library}, which the new image\'s version of the library no longer has',
    confidence: 0.9,
    benign: false,
    explanation:
      'The image changed since the last healthy revision, and the app\'s own code now fails to import {symbol|a name} from {module|an installed library}: the library is installed (Python printed its file), but the version the new build resolved (an unpinned dependency, a new major version) removed or renamed that name. The code and the dependency no longer agree; nothing is missing from the image.',
    actions: [
      { text: 'Pin the library to the last version that has {symbol|the name} (in requirements.txt, the lock file the Docker build must honour) and rebuild, or roll back to the last healthy revision\'s image.' },
      { text: 'Or update the app\'s code to the library\'s new API (its changelog names what replaced {symbol|the name}) and rebuild.' },
    ],
    links: [LINKS.containers, LINKS.revisions],
  },
} satisfies Record<string, RuleBase>;

/**
 * Lines in which an app says where it listens, to compare with the ingress target port and probes. A
 * bracketed address is an IPv6 literal (at most 45 characters): bounded, so a row of "Running on [" repeats
 * does not rescan the rest of the row from each bracket.
 */
export const LISTEN_PATTERNS: readonly RegExp[] = [
  /[Ll]istening (?:on|at)(?: port)?:?\s+(?:(?:https?:\/\/)?(?<address>\[[^\]\s]{0,64}\]|[\w.*+-]+)?:)?(?<port>\d{2,5})\b/,
  // Twisted/daphne: "Listening on TCP address 0.0.0.0:7000".
  /\bListening on (?:TCP|HTTP|tcp|http) (?:address|port) (?<address>\[[^\]\s]{0,64}\]|[\w.*+-]+):(?<port>\d{2,5})\b/,
  /[Rr]unning (?:on|at) (?:https?:\/\/)?(?<address>\[[^\]\s]{0,64}\]|[\w.*+-]+):(?<port>\d{2,5})/,
  /(?:Tomcat|Netty|Jetty|Undertow) (?:started|initialized) (?:on|with) port(?:\(s\))?:? (?<port>\d{2,5})/,
  /[Ss]erver (?:running|started|listening) (?:on|at) (?:port )?(?:https?:\/\/)?(?:(?<address>\[[^\]\s]{0,64}\]|[\w.-]+):)?(?<port>\d{2,5})/,
  // Next.js and others: "ready - started server on 0.0.0.0:3000".
  /\b[Ss]tarted server on (?:https?:\/\/)?(?<address>\[[^\]\s]{0,64}\]|[\w.*+-]+):(?<port>\d{2,5})/,
  // Go's gin and friends: "Listening and serving HTTP on :8080".
  /[Ss]erving HTTPS? on (?:https?:\/\/)?(?<address>\[[^\]\s]{0,64}\]|[\w.*+-]+)?:(?<port>\d{2,5})\b/,
  // JSON and logfmt loggers (slog, zap, tracing, Grafana's "Initializing HTTP Server ... address=0.0.0.0:3000"):
  // a "listening" or HTTP-server message with the address in its own field.
  // Gitea and other Go servers: "Listen: http://0.0.0.0:3000".
  /\bListen:\s{1,3}(?:https?:\/\/)?(?<address>\[[^\]\s]{0,64}\]|[\w.*+-]+)?:(?<port>\d{2,5})\b/,
  // "serving" too: connect-go and gRPC services log `"msg":"serving connect-rpc","addr":":8080"`.
  /(?:[Ll]istening|HTTP [Ss]erver|[Ss]erver (?:started|starting)|\b[Ss]erving)\b[^\n]{0,80}?\b(?:addr|address|listen)"?\s*[:=]\s*"?(?:https?:\/\/)?(?<address>\[[^\]"\s]{0,64}\]|[\w.*+-]+)?:(?<port>\d{2,5})\b/,
  // Servers that start each endpoint as a service (Triton: "Started HTTPService at 0.0.0.0:8000", "Starting
  // HTTPService at ..." in older releases, beside its
  // GRPCInferenceService and Metrics Service rows): the HTTP one is what ingress sends traffic to.
  /\bStart(?:ed|ing) HTTPS? ?(?:[Ss]ervice|[Ss]erver|[Ll]istener) (?:at|on) (?:https?:\/\/)?(?<address>\[[^\]\s]{0,64}\]|[\w.*+-]+)?:(?<port>\d{2,5})\b/,
  // Clojure servers (Metabase, ring-jetty) print the options map they start Jetty with: `{:port 3000, :host "0.0.0.0"}`.
  /^\s{0,8}\{:port (?<port>\d{2,5}),? :host "(?<address>[^"\s]{0,64})"/,
  // Jetty's own connector line: "Started ServerConnector@1c7fd41f{HTTP/1.1, (http/1.1)}{0.0.0.0:8080}".
  /\bStarted (?:Network\w{0,30})?ServerConnector@\w{1,16}\{[^{}\n]{0,80}\}\{(?<address>[\w.*-]{0,64}):(?<port>\d{2,5})\}/,
  // Servers that print each endpoint's address as a setting at start (TorchServe's "Inference address:
  // http://127.0.0.1:8080", "Management address: ..."): the setting's name is what to change.
  /^\s{0,8}(?<setting>(?:Inference|Management|Metrics|HTTP|HTTPS|gRPC|GRPC|REST|API|Admin|Server|Listen|Bind) [Aa]ddress):\s{0,4}(?:https?|grpc):\/\/(?<address>\[[^\]\s]{0,64}\]|[\w.*+-]+):(?<port>\d{2,5})\b/,  // Dev servers that print links rather than a "listening" line. Streamlit binds every interface and prints
  // "Network URL: http://10.0.0.4:8501" ("URL: http://0.0.0.0:8501" with server.address set); its "Local URL"
  // is a link for a browser on the same machine, so that line gives the port only, never a loopback address.
  /^\s{0,8}(?:(?:Network|External) )?URL:\s{1,4}https?:\/\/(?<address>\[[^\]\s]{0,64}\]|[\w.-]+):(?<port>\d{2,5})\b/,
  /^\s{0,8}Local URL:\s{1,4}https?:\/\/(?:\[[^\]\s]{0,64}\]|[\w.-]+):(?<port>\d{2,5})\b/,
  // Jupyter: "The Jupyter Notebook is running at: http://0.0.0.0:8888/" (the address is its --ip), or the
  // header followed by link rows "[I 17:49:11 NotebookApp] http://(81dd24e2a351 or 127.0.0.1):8888/?token=..."
  // and "[I ... ServerApp]     http://127.0.0.1:8888/lab": those links name the port, not the bound address.
  /\bis running at:\s{1,3}https?:\/\/(?<address>\[[^\]\s]{0,64}\]|[\w.-]+):(?<port>\d{2,5})\b/,
  /\b(?:NotebookApp|ServerApp|LabApp)\]\s{1,8}(?:or\s{1,4})?https?:\/\/(?:\([\w.-]{1,64} or [\w.-]{1,64}\)|[\w.-]{1,64}):(?<port>\d{2,5})\b/,
  // Gradio: "Running on local URL:  http://127.0.0.1:7860" (it binds 127.0.0.1 unless GRADIO_SERVER_NAME says otherwise).
  /\bRunning on local URL:\s{1,4}https?:\/\/(?<address>\[[^\]\s]{0,64}\]|[\w.-]+):(?<port>\d{2,5})\b/,
  // Vite's dev and preview servers: "➜  Local:   http://localhost:5173/" (bound to localhost unless --host),
  // "➜  Network: http://172.17.0.2:5173/" once --host opens it.
  /➜\s{1,4}(?:Local|Network):\s{1,6}https?:\/\/(?<address>\[[^\]\s]{0,64}\]|[\w.-]+):(?<port>\d{2,5})\b/,
  // Next.js 13.4 and later: "  - Local:        http://localhost:3000" (a link for a browser on the same machine:
  // the port only) and "  - Network:      http://0.0.0.0:3000" (the address it bound, HOSTNAME).
  /^\s{0,8}- Network:\s{1,12}https?:\/\/(?<address>\[[^\]\s]{0,64}\]|[\w.-]{1,64}):(?<port>\d{2,5})\b/,
  /^\s{0,8}- Local:\s{1,12}https?:\/\/(?:\[[^\]\s]{0,64}\]|[\w.-]{1,64}):(?<port>\d{2,5})\b/,
  // Ktor's engine: "Application - Responding at http://0.0.0.0:8080" (one row per connector).
  /\bResponding at https?:\/\/(?<address>\[[^\]\s]{0,64}\]|[\w.-]+):(?<port>\d{2,5})\b/,
  // Phoenix and Plug: "Running MyAppWeb.Endpoint with Bandit 1.6.11 at 0.0.0.0:4000 (http)" (cowboy alike,
  // ":::4000" when bound to IPv6). Its next row, "Access MyAppWeb.Endpoint at http://localhost:4000", is a link.
  /\bRunning [\w.]{1,120} with (?:[Bb]andit|[Cc]owboy) [\d.]{1,20} at (?<address>::|\[[^\]\s]{0,64}\]|[\w.-]{1,64})?:(?<port>\d{2,5}) \(https?\)/,
];

/** Addresses nothing outside the replica can reach. */
export const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\]|::1)$/i;
