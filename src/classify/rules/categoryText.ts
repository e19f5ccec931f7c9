import type { Category, DocLink } from '../../model';
import type { ConsoleRule, RuleAction } from '../types';
import { ARG_AS_PROGRAM_STEPS } from './argSteps';
import { AZURE_FILES_OWNER_STEPS, DATABASE_STEPS, HISTORY_BLOCKS_ROLLBACK, ICU_STEPS, MIGRATION_STEPS, NO_DATABASE } from './causeSteps';
import { LINKS } from './links';
import { METASPACE_STEPS } from './metaspaceSteps';
import { JAR_STEPS, MISSING_JAR } from './jarSteps';
import { CRASH_SITE_STEPS, NATIVE_HEAP_STEP } from './crashSiteSteps';
import { DEPENDENCY_FRAME_STEPS } from './dependencyFrameSteps';
import { MEMORY_METRIC, OUTBOUND_ADDRESSES, RAISE_MEMORY_BLANK, RAISE_MEMORY_NEXT, RESTART_REVISION, SHOW_PROBES, SHOW_RESOURCES, CONSOLE_TAIL } from './commandTemplates';

/**
 * Default explanation, actions and links per category. A rule that has nothing more precise to say
 * inherits these, so every finding carries advice even when the rule entry is one line long.
 */
/** Commands the defaults share (placeholders: docs/az-commands.md). */
const CHECK_REVISIONS = 'az containerapp revision list -n {app} -g {resourceGroup} -o table';
const SET_FROM_SECRET = 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {setVar}=secretref:{setSecret}';
/**
 * The one logging step, for an app that said nothing: the engine adds it when no console line was found,
 * and the few rules that give it use this same text, so it is listed once (steps are de-duplicated by text).
 */
export const TURN_UP_LOGGING =
  'Turn up logging: make the app write its startup errors to stderr and raise its log level, check that the environment sends console logs to Log Analytics, then reproduce.';
/** Pulling from Azure Container Registry with the app's identity: the role, then the app's registry setting. */
export const ACR_PULL_STEPS: RuleAction[] = [
  {
    needs: ['acrName'],
    text: 'Let the app pull with its managed identity: grant it AcrPull on {acrName} (system-assigned identity shown; use the user-assigned one\'s principal id if the app pulls with that).',
    command: 'az role assignment create --assignee-object-id {principalId} --assignee-principal-type ServicePrincipal --role AcrPull --scope {acrId}',
  },
  {
    needs: ['registry', 'acrName'],
    text: 'Tell the app to use that identity for {registry}.',
    command: 'az containerapp registry set -n {app} -g {resourceGroup} --server {registry} --identity system',
  },
];
/** A job stopped at its replica timeout: raise it (the command doubles the current one), or find the hang. */
export const JOB_TIMEOUT_STEPS: RuleAction[] = [
  {
    needs: ['timeoutHit', 'nextReplicaTimeout', 'progressTotal'],
    text: 'The execution was still making progress when its replica timeout ({replicaTimeout}s) killed it: {progressDone} of {progressTotal} done in {progressSeconds}s, so the whole run needs about {progressWhole}s at that pace. Raise the replica timeout to {nextReplicaTimeout}s (that plus a fifth as margin), or split the work into smaller executions.',
    command: 'az containerapp job update -n {app} -g {resourceGroup} --replica-timeout {nextReplicaTimeout}',
  },
  {
    needs: ['timeoutHit', 'nextReplicaTimeout'],
    absent: ['progressTotal'],
    text: 'The execution ran for the whole replica timeout ({replicaTimeout}s): if the work legitimately takes longer, raise it (the command doubles it) or split the work into smaller executions; if the run hung, find where.',
    command: 'az containerapp job update -n {app} -g {resourceGroup} --replica-timeout {nextReplicaTimeout}',
  },
  {
    needs: ['timeoutHit'],
    absent: ['nextReplicaTimeout'],
    text: 'Compare the execution\'s running time with the job\'s replica timeout; raise it if the work legitimately takes longer (replace <seconds>), or find where the run hung.',
    command: 'az containerapp job update -n {app} -g {resourceGroup} --replica-timeout <seconds>',
  },
];
/** A stack trace in the rows: frames of Python, JVM, .NET, Node, Go, Ruby or PHP. */
const STACK_TRACE = /Traceback \(most recent call last\)|^\s*at \S|\.(?:java|kt|cs|js|ts|py|rb|php|go|rs):\d+|goroutine \d+ \[|^\s*File "/;
/** A runtime's own heap cap, as opposed to the container's limit. */
const HEAP_CAP = /heap|Xmx|max-old-space-size|GC overhead|OutOfMemoryError|MemoryError|Allowed memory size|Allocation failed - process out of memory/i;
/** V8's abort when an allocation fails (older Node wording): the heap cap and the container go up together. */
const V8_ABORT = /Allocation failed - process out of memory/;
const NODE_HEAP = /JavaScript heap|Mark-?sweep|Mark-compact|max-old-space-size/i;
const JVM_HEAP = /java[./]lang[./]OutOfMemoryError|Java heap space|GC overhead limit|JVMDUMP|Xmx/;
const PHP_LIMIT = /Allowed memory size of \d+ bytes exhausted/;
/**
 * Runtimes with no heap cap to raise, or with a knob of their own: the Erlang VM (it asks the OS and
 * dies), Go (GOMEMLIMIT), .NET (a GC heap limit at 75% of the container by default) and Python.
 */
const BEAM_MEMORY = /eheap_alloc|binary_alloc|erl_crash\.dump|Crash dump is being written/;
const GO_MEMORY = /fatal error: runtime: out of memory|runtime: cannot allocate memory/;
const DOTNET_MEMORY = /System\.OutOfMemoryException/;
const PYTHON_MEMORY = /(?:^|[\s.])_?(?:Array)?MemoryError\b(?:: Unable to allocate (?<allocation>[\d.]{1,12} [KMGTP]i?B))?|Unable to allocate (?<allocation_2>[\d.]{1,12} [KMGTP]i?B) for an array/;
const RUNTIME_HEAP = new RegExp(
  `${V8_ABORT.source}|${NODE_HEAP.source}|${JVM_HEAP.source}|${PHP_LIMIT.source}|${BEAM_MEMORY.source}|${GO_MEMORY.source}|${DOTNET_MEMORY.source}|${PYTHON_MEMORY.source}`,
  'i',
);
/** GPU memory, which no heap or container setting gives more of. */
/** llama.cpp's own wording (Ollama, llama-cpp-python and other servers built on it): its knobs are the model and the context. */
const LLAMA_GPU_MEMORY = /CUDA error \d{1,3} at \S{1,300}: out of memory|cudaMalloc failed: out of memory/i;
const GPU_MEMORY = new RegExp(
  `(?:CUDA|HIP) out of memory|torch\\.cuda\\.OutOfMemoryError|CUDA error: out of memory|cudaErrorMemoryAllocation|CUBLAS_STATUS_ALLOC_FAILED|${LLAMA_GPU_MEMORY.source}`,
  'i',
);
/** A cap that is not the container's memory limit: the runtime's heap, or the GPU's memory. */
const NOT_THE_CONTAINER = new RegExp(`${HEAP_CAP.source}|${GPU_MEMORY.source}`, 'i');
/** A native crash whose own rows name the GPU stack (CUDA kernels, NCCL, the torch build). */
const GPU_STACK = /\bCUDA\b|cuDNN|cuBLAS|\bNCCL\b|libtorch|torch\/lib|\bc10::|sglang|vllm/i;
/** PyTorch's DataLoader worker killed by a signal: the message itself says how to get the trace. */
const DATALOADER_WORKER = /DataLoader worker \(pid \d{1,10}\) is killed by signal/;
/** glibc's heap-corruption checks, which abort the process (free(): invalid pointer, double free). */
const HEAP_CORRUPTION = /(?<heapCheck>free\(\): invalid (?:pointer|size)|double free or corruption|malloc\(\): (?:corrupted|memory corruption|unaligned)|corrupted size vs\. prev_size|munmap_chunk\(\): invalid pointer)/;
/** A faulthandler frame in an installed package: the compiled package the crash is in. */
const NATIVE_PACKAGE = /File "[^"]{0,300}?(?:site|dist)-packages\/(?<nativePackage>[A-Za-z_][\w.-]{0,60})\//;
/** Celery's main process reporting a pool child killed by a signal (`Process 'ForkPoolWorker-6' pid:53022 exited with 'signal 11 (SIGSEGV)'`). */
const CELERY_CHILD_CRASH = /Process '(?<poolChild>ForkPoolWorker-\d{1,5})' pid:\d{1,10} exited with 'signal \d{1,2}/;
const PYTHON_FATAL = /Fatal Python error: (?:Segmentation fault|Aborted|Bus error|Floating point exception)/;
/** The native crashes whose own lead beats the generic native-dependency check. */
const NATIVE_LEAD = new RegExp(`${DATALOADER_WORKER.source}|${GPU_STACK.source}|${HEAP_CORRUPTION.source}|${PYTHON_FATAL.source}`, 'i');
/** The JVM's own fatal-error report, and an illegal-instruction crash. */
export const JVM_CRASH = /A fatal error has been detected by the Java Runtime|hs_err_pid|Problematic frame/;
const ILLEGAL_INSTRUCTION = /Illegal instruction|SIGILL/;
/** A certificate the client does not trust: no network check or retry helps with that. */
const TLS_TRUST = /x509|certificate (?:signed by unknown authority|verify failed)|unable to (?:get local issuer|verify the first) certificate|self[- ]signed certificate|PKIX path building failed/i;
/** An app's managed identity rejected by Azure SQL: a missing database user, not a password. */
const ENTRA_SQL_LOGIN = /token-identified principal/i;
/**
 * A refusal of the operation, not of the credential: a 403, a missing RBAC action or data role, a
 * Listen/Manage claim, key (shared key / local) auth switched off, Key Vault's "Access denied" and vault-policy
 * refusals, Service Bus's SubCode=40100 (the namespace refused the operation to a signed-in caller). Rotating a
 * secret never fixes these.
 */
export const PERMISSION_REFUSED =
  /\b403\b|Forbidden|KeyVaultErrorException: Access denied|is not allowed by vault policy|SubCode=40100\b|not authorized to perform|AuthorizationPermissionMismatch|AuthorizationFailure|does not have (?:\w+ ){0,3}permissions?|does not have authorization|'(?:Send|Listen|Manage)' claim|claim is empty|Key based authentication is not permitted|KeyBasedAuthenticationNotPermitted|local authentication (?:is )?disabled|LocalAuthDisabled|AuthorizationRequestDenied|RBAC/i;
/**
 * A permission refusal: the identity needs a role (named when the rows name the service and resource),
 * granted with its principal id; with key auth disabled, switching to the identity is the fix.
 */
/**
 * A stored token past its expiry (a Cosmos resource token, a SAS): the service refused it for its time, not
 * for a missing role, so it is renewed, not granted (docs/steps-review-v21-fresh.md, case 3). Inbound JWT
 * validation (IDX10223) is the caller's token, not the app's, and is not here.
 */
const EXPIRED_TOKEN = /token is not valid at the current time|\btoken (?:has |is )?expired\b|\bExpiredToken\b|Signature not valid in the specified time frame|SAS token.{0,40}expired/i;
export const PERMISSION_STEPS: RuleAction[] = [
  {
    when: EXPIRED_TOKEN,
    needs: ['secret'],
    decisive: true,
    text: 'The token the app sends has expired (its expiry time is in the past): it is a credential to renew, not a missing role, and no role assignment helps. Put a fresh token in secret {secret} (replace <value>) and restart the revision so the app reads it; a stored token expires again, so to stop renewing by hand switch to a credential that renews itself (the account key, or the app\'s managed identity with a data role).',
    command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {secret}=<value>',
  },
  {
    when: EXPIRED_TOKEN,
    absent: ['secret'],
    decisive: true,
    text: 'The token the app sends has expired (its expiry time is in the past): it is a credential to renew, not a missing role, and no role assignment helps. Put a fresh token in the app secret that holds it and restart the revision; a stored token expires again, so to stop renewing by hand switch to a credential that renews itself (the account key, or the app\'s managed identity with a data role).',
    command: 'az containerapp secret list -n {app} -g {resourceGroup} -o table',
  },
  {
    when: PERMISSION_REFUSED,
    unless: EXPIRED_TOKEN,
    needs: ['dataRole', 'roleScope'],
    text: 'The request was refused for a missing permission, not a wrong credential: grant the app\'s identity {dataRole} on {roleResource} (system-assigned identity shown; use the user-assigned one\'s principal id if the app uses that). A new role assignment can take a few minutes to apply; start the app again after it.',
    command: 'az role assignment create --assignee-object-id {principalId} --assignee-principal-type ServicePrincipal --role {dataRole} --scope {roleScope}',
  },
  {
    when: PERMISSION_REFUSED,
    unless: EXPIRED_TOKEN,
    absent: ['dataRole'],
    text: 'The request was refused for a missing permission, not a wrong credential: grant the app\'s identity the role that includes the action the error names, scoped to that resource (replace <role> and <resource-id>).',
    command: "az role assignment create --assignee-object-id {principalId} --assignee-principal-type ServicePrincipal --role '<role>' --scope <resource-id>",
  },
  // A vault the rows do not name may use access policies, where a role assignment does nothing.
  ...(['secret', 'key', 'certificate'] as const).map((kind): RuleAction => ({
    when: PERMISSION_REFUSED,
    needs: [`vault_${kind}_policy`, 'roleScope'],
    text: 'Or, if that vault uses access policies (`az keyvault show -n <vault-name> --query properties.enableRbacAuthorization` prints false), a role does nothing there: give the identity an access policy instead.',
    command: `az keyvault set-policy -n <vault-name> --object-id {principalId} --${kind}-permissions get list`,
  })),
  {
    when: /Key based authentication is not permitted|KeyBasedAuthenticationNotPermitted|local authentication (?:is )?disabled|LocalAuthDisabled/i,
    text: 'Key (shared key or SAS) authentication is disabled on the resource: connect with the app\'s managed identity instead of a key, with the role above.',
  },
];
/** nginx's own paths refused to a non-root user: its cache/temp directories or its pid file. */
const NGINX_WRITES = /\/var\/cache\/nginx|nginx\.pid|\[emerg\].{0,80}(?:Permission denied|failed \(13)/;
/** s6-overlay's init refused as a non-root user (linuxserver.io images): it must start as root and drops privileges itself. */
const S6_NOT_ROOT = /\bs6-overlay-(?:preinit|suexec)\b|\bs6-overlay\b.{0,80}(?:must be run as root|unable to chown|Operation not permitted)/;
/** Writes the image's ownership does not explain: another step says what to change. */
const OWN_STEP_WRITES = new RegExp(`${NGINX_WRITES.source}|${S6_NOT_ROOT.source}`);
/**
 * A server configured by a file (nginx, Apache) that may not bind a low port: the directive to change, as
 * no PORT variable moves it. The ingress target port is app-wide, so moving it breaks a rollback to an
 * image that still listens on the old port: with a healthy revision to go back to, the two are either-or.
 */
/** A refused listen in the rows: the words of a bind (bind, listen, make_sock) or an address with its port. */
// Kestrel says only "Unable to start Kestrel" with libuv's EACCES: starting Kestrel is binding its endpoints.
const BIND_REFUSED = /\bbind\b|\blisten\b|\bmake_sock\b|\bport \d{1,5}\b|:\d{1,5}\b.{0,80}(?:EACCES|permission denied)|\bUnable to start Kestrel\b/i;
/** A dependency's throttling in its own words (HTTP 429, a rate limit), which the environment's quota does not explain. */
const SERVICE_RATE_LIMIT = /\brate limit\b|\bRateLimitError\b|\b429\b|\bToo Many Requests\b|\bTooManyRequests\b|\brate_limit_exceeded\b/i;
/** Rows that rule out the environment's core quota as the step to take: a full node pool, or a service's throttling. */
const ENV_CAPACITY_NOT_IT = new RegExp(`max node group size reached|${SERVICE_RATE_LIMIT.source}`, 'i');
const TO_8080 = 'az containerapp ingress update -n {app} -g {resourceGroup} --target-port 8080';
export const PRIVILEGED_PORT_STEPS: RuleAction[] = [
  {
    needs: ['portDirective'],
    text: '{portServer} runs as a non-root user, which may not listen on port {port|80}: change `{portDirective} {port|80}` to `{portDirective} 8080` in {portConfig} in the image and rebuild ({portServer} reads no PORT variable).',
  },
  {
    needs: ['portFileFix'],
    text: '{portServer} runs as a non-root user, which may not listen on port {port|80}: {portFileFix}, in the image and rebuild, or in the file mounted for it ({portServer} reads no PORT variable).',
  },
  {
    absent: ['portVar', 'portDirective', 'portFileFix'],
    text: 'Make the app listen on a port above 1024 (for example 8080) instead of {port|the low port}, in its settings or start command; this creates a new revision.',
  },
  {
    absent: ['lastHealthy'],
    text: 'Then point the ingress target port at 8080.',
    command: TO_8080,
  },
  {
    needs: ['lastHealthy'],
    text: 'Move the ingress target port to 8080 only together with the change that makes the app listen there (the rebuilt image or the new setting): the target port is app-wide, and {lastHealthy} still listens on {port|the old port}, so if you roll back instead, leave the target port where it is.',
    command: TO_8080,
  },
];
/**
 * Native crashes that say where to look: each follows its own lead (the DataLoader's hint, the GPU stack,
 * glibc's heap check, the package in Python's faulthandler trace) rather than the libc/CPU check.
 */
/**
 * The native-dependency check when nothing names the crashing code, in the app's runtime's words: Python's
 * wheels, Node's addons, or (for a compiled binary, or a runtime nothing shows) the binary and libraries
 * built for another libc or CPU. Another runtime's package names would send the engineer the wrong way.
 */
export function nativeFallbackSteps(unless: RegExp): RuleAction[] {
  // Fallbacks: a decisive lead (a named library, an HTTPS call on musl) drops them.
  const base = { unless, fallback: true } as const;
  return [
    {
      ...base,
      needs: ['pythonApp'],
      absent: ['gpuImage'],
      text: 'Check that the compiled Python packages the app imports (numpy, pyarrow, grpcio and the like) are wheels built for this image\'s Python, libc (manylinux on Debian or Ubuntu, musllinux on Alpine) and CPU; pin the versions the last image that ran had, then rebuild.',
    },
    {
      ...base,
      needs: ['nodeApp'],
      absent: ['gpuImage'],
      text: 'Check that native addons (for example sharp/libvips, bcrypt, canvas) were installed inside this image (`npm ci` in the Dockerfile, not node_modules copied from the build host), for its libc (glibc or musl) and CPU; prefer their prebuilt binaries over a system copy, then rebuild.',
    },
    {
      ...base,
      absent: ['gpuImage', 'pythonApp', 'nodeApp'],
      text: 'Check that the program and its native dependencies (the compiled libraries it loads) were built for this base image (glibc or musl) and CPU architecture: a binary built on another image, for another libc or for a newer CPU crashes this way. Build it on the image that runs it (or statically), or run it on the base it was built for, then rebuild.',
    },
  ];
}

/** A JVM crash in the garbage collector's code: another collector is the workaround until the JDK moves. */
export const JVM_GC_STEP: RuleAction = {
  needs: ['jvmFrame', 'jvmGc', 'jvmGcSwitch'],
  // After a move to a musl base the libc is the lead (MUSL_BASE_STEP).
  absent: ['muslBase'],
  text: 'The frame is in the garbage collector ({jvmGc}): until the JDK moves, switch collector with {jvmGcSwitch} (or -XX:+UseSerialGC on a container with one CPU), in the JVM options variable the app starts with (JAVA_TOOL_OPTIONS, read by every JVM, unless the start command passes its own collector flag); this creates a new revision.',
};
/** A JVM crash whose "Problematic frame" the rows show: quoted, with the collector to switch from when it is a GC frame. */
const JVM_FRAME_STEPS: RuleAction[] = [
  {
    when: JVM_CRASH,
    needs: ['jvmFrame'],
    decisive: true,
    text: 'The JVM itself crashed; the problematic frame is `{jvmFrame}`: a frame in libjvm.so (V) is a JVM bug, which the latest patch release of the same JDK line (it ran on {jdkBuild|this build}) usually fixes: move the base image to a newer tag of it and rebuild. A frame in another library (C) points at that native library (JNI), to update or remove.',
  },
  JVM_GC_STEP,
];
/**
 * Bun's own binary crashed ("Bun has crashed. This indicates a bug in Bun, not your code"): the runtime
 * and its base image are what to change, not the app's native addons. On an Alpine image, Bun's musl build.
 */
export const BUN_CRASH_STEPS: RuleAction[] = [
  {
    needs: ['bunVersion'],
    absent: ['muslImage'],
    decisive: true,
    text: 'Bun itself crashed (Bun v{bunVersion}, its crash banner in the evidence), before the app\'s code ran: the fault is in the runtime, not in the app or its packages. Pin the image to another Bun release (the oven/bun tag the last image that ran had, or a newer patch release whose notes fix the crash) and rebuild.',
  },
  {
    needs: ['bunVersion', 'muslImage'],
    decisive: true,
    text: 'Bun itself crashed (Bun v{bunVersion}) at start on an Alpine (musl) image, {muslImage}: the fault is in Bun\'s musl build, not in the app\'s packages. Build from the Debian-based oven/bun image (oven/bun:{bunVersion}-debian or -slim), or pin another Bun release, and rebuild.',
  },
  {
    needs: ['bunVersion', 'bunBaseline', 'bunCpu'],
    when: ILLEGAL_INSTRUCTION,
    text: 'The exit reads as an illegal instruction, but the report shows Bun\'s baseline build (made for CPUs without AVX2) on a CPU that has {bunCpu}: no instruction is missing, so another workload profile would not help.',
  },
];

/** The crash's lead the app's own rows give: a library it names with its version, an HTTPS call on a musl image. */
const NAMED_NATIVE_STEPS: RuleAction[] = [
  {
    needs: ['nativeLib'],
    absent: ['nativePackage', 'crashImport', 'gpuImage'],
    decisive: true,
    text: 'The app names {nativeLib} before the crash, a library with native code: the segfault is in that code. Pin {nativeLibName} to another release (the version the last image that ran had, or a later patch release whose notes fix the crash) and rebuild.',
  },
  {
    needs: ['nativeLib', 'crashThreads'],
    absent: ['nativePackage', 'crashImport', 'gpuImage'],
    decisive: true,
    text: 'It ran that work in {crashThreads} threads: a crash in a native library that only happens in parallel goes away with one thread (max_workers=1 or the app\'s thread setting), which is the workaround to confirm it while the version changes.',
  },
  {
    needs: ['muslImage', 'crashAfterTls'],
    absent: ['nativeLib', 'nativePackage', 'crashImport', 'gpuImage', 'pythonApp', 'nodeApp'],
    decisive: true,
    text: 'The program crashes right after starting an HTTPS call ("{crashAfterTls}") on a musl (Alpine) image, {muslImage}: the TLS library it loads (an OpenSSL built for glibc, or the libssl of another Alpine release) fails as it initialises. Build the binary with a TLS stack compiled in (rustls in Rust, Go\'s crypto/tls with CGO_ENABLED=0), or build it on the same Alpine release against that libssl, or run it on a glibc base (a Debian slim or distroless/cc image); then rebuild.',
  },
];

const NATIVE_CRASH_STEPS: RuleAction[] = [
  ...NAMED_NATIVE_STEPS,
  {
    when: DATALOADER_WORKER,
    decisive: true,
    text: 'A PyTorch DataLoader worker process crashed and multiprocessing lost its trace: rerun once with num_workers=0 (the error\'s own hint) so the crash happens in the main process with its full trace. Workers also die when shared memory (/dev/shm, small in a container) runs out, as they pass batches through it: try fewer workers or smaller batches, and check that torch, numpy and the image libraries the dataset code loads (opencv, Pillow) are versions built for each other.',
  },
  {
    when: GPU_STACK,
    unless: DATALOADER_WORKER,
    decisive: true,
    text: 'The crash is in the GPU stack\'s native code (CUDA kernels, NCCL, the torch build): pin the image to versions known to work together (the torch/CUDA build, the CUDA runtime against the GPU driver of the workload profile), for example the last image that ran, instead of a moving tag; report the fault with the native trace to the project.',
  },
  // Python's faulthandler dump exists only when Python crashed ("Fatal Python error"); a C++ server's
  // crash (Triton's backends) prints its own native backtrace.
  {
    needs: ['gpuImage'],
    when: PYTHON_FATAL,
    unless: new RegExp(`${DATALOADER_WORKER.source}|${GPU_STACK.source}`, 'i'),
    decisive: true,
    text: 'The crash is in the native code of {gpuImage}, a GPU inference or training image (CUDA kernels, the torch build): pin a version known to work on this GPU and driver (the previous tag that ran, not a moving one), and report the fault with the faulthandler dump (the lines after "Fatal Python error") to the project.',
  },
  {
    needs: ['gpuImage'],
    unless: new RegExp(`${DATALOADER_WORKER.source}|${GPU_STACK.source}|${PYTHON_FATAL.source}`, 'i'),
    decisive: true,
    text: 'The crash is in the native code of {gpuImage}, a GPU inference or training image (CUDA kernels, its backends and libraries): pin a version known to work on this GPU and driver (the previous tag that ran, not a moving one), check that any custom backend or plugin in it was built for this server release, and report the fault with the native backtrace the crash printed to the project.',
  },
  {
    when: HEAP_CORRUPTION,
    needs: ['pythonApp'],
    unless: DATALOADER_WORKER,
    decisive: true,
    text: 'glibc stopped the process on heap corruption ("{heapCheck|free(): invalid pointer}") in native code: usually two compiled packages built against different versions of a shared library (for ML images: torch with tokenizers, sentencepiece or a CUDA build that does not match). Pin the versions the last image that ran had, then rerun with the same input and seed to reproduce it.',
  },
  {
    when: HEAP_CORRUPTION,
    needs: ['gpuImage'],
    unless: DATALOADER_WORKER,
    decisive: true,
    text: 'glibc stopped the process on heap corruption ("{heapCheck|free(): invalid pointer}") in native code: usually two compiled packages built against different versions of a shared library (for ML images: torch with tokenizers, sentencepiece or a CUDA build that does not match). Pin the versions the last image that ran had, then rerun with the same input and seed to reproduce it.',
  },
  // Without Python or a GPU image the ML-library lead does not apply: a C/C++ program's own memory bug.
  {
    when: HEAP_CORRUPTION,
    absent: ['pythonApp', 'gpuImage'],
    unless: DATALOADER_WORKER,
    decisive: true,
    text: NATIVE_HEAP_STEP,
  },
  {
    when: NATIVE_PACKAGE,
    unless: new RegExp(`${DATALOADER_WORKER.source}|${HEAP_CORRUPTION.source}`),
    decisive: true,
    text: 'Python\'s fault handler puts the crash in {nativePackage}, a compiled package: pin it to the version the last image that ran had, or reinstall it built for this image\'s Python and libc (a manylinux wheel on Debian, musllinux on Alpine), then rebuild.',
  },
  // The start command imports one module before the app (`python -c "import torch"`): that import is what crashed.
  {
    needs: ['crashImport'],
    absent: ['nativePackage', 'gpuImage'],
    unless: new RegExp(`${DATALOADER_WORKER.source}|${GPU_STACK.source}|${HEAP_CORRUPTION.source}`, 'i'),
    decisive: true,
    text: 'The container\'s command imports {crashImport} before the app starts (`python -c "import {crashImport}"`), and that import is what crashes: {crashImport}\'s compiled build does not fit this image (its Python, libc or CPU). Pin a {crashImport} wheel built for the image\'s Python version and CPU (for torch, the CPU wheel from https://download.pytorch.org/whl/cpu, or the version the last image that ran had), then rebuild.',
  },
  // Chromium under Playwright or Puppeteer: a container's /dev/shm is 64 MB, which the renderer outgrows.
  {
    needs: ['crashBrowser'],
    unless: GPU_STACK,
    decisive: true,
    text: 'The crash is Chromium\'s, launched by {crashBrowser} (its renderer died: "Page crashed"): a container\'s /dev/shm is small (64 MB) and Chromium\'s shared memory outgrows it. Launch the browser with `--disable-dev-shm-usage` (in the launch options\' args) so it uses /tmp instead, and run the browser build this {crashBrowser} version expects (its own image, such as {playwrightImage|mcr.microsoft.com/playwright:<version>}, or `{playwrightInstall|npx playwright install chromium}` at build time); then rebuild.',
  },
  // Celery's pool children die while the main process lives: native code the task runs, in the forked child.
  {
    when: CELERY_CHILD_CRASH,
    unless: new RegExp(`${DATALOADER_WORKER.source}|${GPU_STACK.source}`, 'i'),
    decisive: true,
    text: 'Only Celery\'s pool children ({poolChild|ForkPoolWorker}) die on the signal, while the main process lives and forks new ones: the crash is in native code a task runs in the child, usually a C extension the task module imports (a database driver such as pymongo/bson, or a client created before the fork and reused in it). Set PYTHONFAULTHANDLER=1 so the next child crash prints its Python frames (the package under site-packages there is the one to pin or reinstall), and create clients inside the task or in worker_process_init, not at import; this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars PYTHONFAULTHANDLER=1',
  },
  {
    when: PYTHON_FATAL,
    absent: ['gpuImage', 'crashImport'],
    unless: new RegExp(`${DATALOADER_WORKER.source}|${GPU_STACK.source}|${HEAP_CORRUPTION.source}|site-packages\\/|dist-packages\\/`, 'i'),
    decisive: true,
    text: 'Python\'s fault handler caught a crash in native code: the "Current thread" frames printed after "Fatal Python error" name the module; the deepest one under site-packages is the compiled package that crashed. Pin that package to the version the last image that ran had (or go back to that image).',
  },
];
/** java -jar on a jar without Main-Class: built as a plain library jar, not an executable one. */
const NOT_EXECUTABLE_JAR = /no main manifest attribute/;
/** The same, for a jar the row itself shows to be Spring Boot's (its name): then its repackage goal is the fix. */
const SPRING_JAR_TEXT =
  '{file|The jar} is in the image but is not an executable jar: its manifest has no Main-Class. Build it with Spring Boot\'s repackage goal (spring-boot-maven-plugin with its repackage execution, or `bootJar` in Gradle; the plain jar beside it has no Main-Class) or set Main-Class in the manifest (maven-jar-plugin\'s manifest, or the Gradle jar task), copy that jar into the image, and rebuild; no chmod or path change helps.';
const NOT_EXECUTABLE_SPRING_JAR = /no main manifest attribute.{0,300}spring|spring.{0,300}no main manifest attribute/i;
/**
 * Gunicorn's worker class (`-k uvicorn.workers.UvicornWorker`) that cannot be imported: the package the
 * class path starts with is not installed. The rows' other paths (gunicorn's own util.py) are not it.
 */
const WORKER_CLASS = /class uri '(?<workerClass>(?<workerPackage>[A-Za-z_]\w{0,60})(?:\.\w{1,60}){1,6})' invalid or not found/;
const WORKER_CLASS_STEP: RuleAction = {
  when: WORKER_CLASS,
  decisive: true,
  text: 'Gunicorn could not load its worker class {workerClass}: the Python package {workerPackage} that provides it is not installed in the image. Add {workerPackage} to requirements.txt (or pyproject.toml) so pip installs it into the final stage, then rebuild and start the image locally once; check the class\'s spelling in the -k / worker_class setting too.',
};
/** A native addon that is in the image but was built elsewhere (another OS, CPU, libc or Node.js ABI); the path names the package. */
const FOREIGN_ADDON = /(?:node_modules\/(?<addon>(?:@[\w.-]{1,60}\/)?[\w.-]{1,100})\/[\w.\/-]{0,200}\.node: )?(?:invalid ELF header|wrong ELF class|was compiled against a different Node\.js version|NODE_MODULE_VERSION \d{1,4})|node_modules\/(?<addon_2>(?:@[\w.-]{1,60}\/)?[\w.-]{1,100})\/[\w.\/-]{0,200}\.node: (?:Exec format error|\w{1,120}: symbol not found)|required by [^)\s]{1,300}\.node\)/i;
/**
 * The names the rows give for a foreign addon (platformNames.ts: foreignAddon): a tag built for another CPU
 * architecture, and the two Node.js versions of an ABI mismatch. Each says what the generic step guesses.
 */
const FOREIGN_ARCH_STEP: RuleAction = {
  when: FOREIGN_ADDON,
  needs: ['archTag', 'amd64Image'],
  decisive: true,
  text: 'The image tag {archTag} names another CPU architecture ({tagArch}), and the addon {addon|in node_modules} fails with "Exec format error": Container Apps runs linux/amd64 images. Build the image for amd64 (`docker buildx build --platform linux/amd64`, which installs the dependencies for that platform) and deploy that tag ({amd64Image} here; replace it with the tag your pipeline gives the amd64 build); this creates a new revision.',
  command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image {amd64Image}',
};
const NODE_ABI_STEP: RuleAction = {
  when: FOREIGN_ADDON,
  needs: ['abiAddon', 'builtNode', 'runNode'],
  absent: ['archTag'],
  decisive: true,
  text: 'The native addon {abiAddon} was compiled for NODE_MODULE_VERSION {builtAbi} (Node.js {builtNode}), and the image runs NODE_MODULE_VERSION {runAbi} (Node.js {runNode}): its node_modules were installed under another Node.js version. Install them with the Node.js {runNode} that runs the app (`npm ci`, or `npm rebuild {abiAddon}`, in the final stage or a builder on the same node:{runNode} base), keep node_modules out of the build context (.dockerignore), then rebuild.',
};
/** Installing the package again in the image is the fix, never declaring it: it is declared and present. */
const FOREIGN_ADDON_STEP: RuleAction = {
  when: FOREIGN_ADDON,
  absent: ['archTag', 'abiAddon'],
  decisive: true,
  text: 'The native addon {addon|in node_modules} is in the image but was built for another platform (node_modules copied from a Mac or Windows build host, or built on another libc or Node.js version): add node_modules to .dockerignore so the host\'s copy is never copied in, and install the dependencies inside the image (`RUN npm ci`, or `npm rebuild {addon|<package>}` after the COPY) on the same base image and Node.js version that runs it; then rebuild.',
};
/** A missing module that another step explains: a foreign native addon, or a gunicorn worker class. */
const NOT_INSTALLABLE = new RegExp(`${FOREIGN_ADDON.source}|class uri '[\\w.]{1,200}' invalid or not found`, 'i');
/** A native crash right after the base image moved to Alpine: musl libc, not the code, is the lead. */
export const MUSL_BASE_STEP: RuleAction = {
  needs: ['muslBase'],
  text: 'The image changed since the last healthy revision to an Alpine (musl libc) base, {muslBase}: a runtime or native library built for glibc can crash on musl at start. Go back to a glibc-based image ({glibcBase|the same runtime on a Debian or Ubuntu tag}, or the previous image), then look at the crash report only if it still happens there.',
};
/** Redis asking for a password the client never sent: nothing was rotated, the password is missing. */
const NO_PASSWORD_SENT = /NOAUTH|called without any password/i;
/** Two listeners on one port: where the app listens (0.0.0.0) is not the question then. */
const PORT_IN_USE = /address already in use|EADDRINUSE|Address in use|already in use|bind\(2\)/i;
/** Kestrel ignoring ASPNETCORE_URLS for endpoints the app configures itself (code or appsettings). */
const KESTREL_OVERRIDE = /Overriding address\(es\)/;
/** The name did not resolve: firewalls, a running server and retries do not help until it does. */
const DNS_FAILURE = /could not translate host name|Name or service not known|getaddrinfo|no such host|ENOTFOUND|UnknownHostException|Temporary failure in name resolution|nodename nor servname|server misbehaving|lookup \S{1,200} on \S{1,60}:53\b|Host not found|No such host is known|\(11001\)|EAI_AGAIN/i;
/** nginx resolves its upstreams once, at start: a name it cannot resolve then stops it ("[emerg]"). */
const NGINX_UPSTREAM = /host not found in upstream/;
const NGINX_UPSTREAM_AT = /host not found in upstream "?(?<upstream>[\w.-]{1,200})(?::\d{1,5})?"?(?: in (?<nginxConf>\/[\w./-]{1,200}):(?<nginxLine>\d{1,6}))?/;
/** A name that resolved to an address in the environment, which then refused: the peer is there, not listening. */
const RESOLVED_REFUSED = /(?:ECONNREFUSED|Connection refused)\D{0,20}(?!127\.)\d{1,3}(?:\.\d{1,3}){3}:\d{2,5}/i;
/** NATS's client when no server in its list answered. */
const NATS_NONE = /nats: no servers available/i;
/** The host answered and refused: the service is not running, or listens elsewhere. */
export const REFUSED = /refused|ECONNREFUSED|Connection reset/i;
/** No answer at all (a timeout, an unreachable network, a firewall's own message): the path is blocked. */
export const NO_ANSWER = /timed? ?out|ETIMEDOUT|EHOSTUNREACH|No route to host|network is unreachable|firewall|is not allowed to access|Client with IP address|server selection|network-related|Communications link failure|Can't reach database server/i;
/** A Dapr sidecar port on the replica's own loopback: the "dependency" is the sidecar, not a server. */
const DAPR_LOCAL = /(?:127\.0\.0\.1|localhost):(?:3500|50001)\b/;
/** A probe the app answered with an HTTP status: it is up, so start-up time is not the question. */
const PROBE_ANSWERED = /probe failed with statuscode|failed with status code/i;
const PROBE_NOT_FOUND = /statuscode: 404|status code: 404/i;

/**
 * Default explanation, steps and links per category. A rule that has nothing more precise to say
 * inherits these, so the steps are written to adapt: a step naming a variable, host or image appears
 * only when the rule extracted it (`needs`), its generic form only when it did not (`absent`), and a
 * step that needs evidence (a carriage return, an architecture error, a heap cap) only when the rows show it.
 */
/** The Erlang VM's allocator failure: no heap cap to raise, a process to find (the category's and the BEAM rule's step). */
export const BEAM_MEMORY_STEP: RuleAction = {
  when: BEAM_MEMORY,
  decisive: true,
  text: 'The Erlang VM has no heap cap to raise: a process asked for more memory than the container\'s {memoryLimit|memory} had left. Find the process that grew (erl_crash.dump lists each process\'s memory and message queue: a mailbox that never drains or a large binary is the usual cause) and bound it; give the container more memory only if the working set really needs it.',
};

/** GPU memory in PyTorch's and llama.cpp's words: the model, batch and context, or a larger GPU; never the container. */
export const GPU_MEMORY_STEPS: RuleAction[] = [
  {
    when: GPU_MEMORY,
    unless: LLAMA_GPU_MEMORY,
    decisive: true,
    text: 'The GPU ran out of memory, not the container\'s {memoryLimit|memory}: no heap setting or container memory change gives it more. Lower the batch size (or the input resolution or sequence length), run inference under torch.no_grad()/inference_mode() in fp16 or bf16, handle fewer requests at once per replica, or move the workload to a profile with a larger GPU. When the message reports much memory "reserved by PyTorch but unallocated", PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True reduces fragmentation.',
  },
  {
    when: LLAMA_GPU_MEMORY,
    decisive: true,
    text: 'The GPU ran out of memory loading the model, not the container\'s {memoryLimit|memory}: no container memory change gives it more. Use a smaller or more quantised model (a Q4 rather than a Q8 or f16 file), lower the context length (num_ctx for Ollama, --ctx-size for llama.cpp) or the layers offloaded to the GPU (num_gpu, --n-gpu-layers), or move the app to a workload profile with a larger GPU.',
  },
];

export const CATEGORY_TEXT: Record<Category, { explanation: string; actions: RuleAction[]; links: DocLink[] }> = {
  'missing-configuration': {
    explanation:
      'The app looked for a setting (an environment variable, a secret, a configuration file) that is absent or empty in this revision, and stopped because it cannot run without it.',
    actions: [
      {
        needs: ['envVar', 'healthySecret'],
        text: 'Set {envVar} back to secret {healthySecret}, as healthy revision {healthyRevision} had it; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {envVar}=secretref:{healthySecret}',
      },
      {
        needs: ['envVar'],
        absent: ['healthySecret'],
        text: 'Store the value of {envVar} as an app secret (skip this when the value is not sensitive and set it directly instead); replace <value> with it.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {envSecret}=<value>',
      },
      {
        needs: ['envVar'],
        absent: ['healthySecret'],
        text: 'Set {envVar} on the container from that secret; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {envVar}=secretref:{envSecret}',
      },
      {
        needs: ['setting'],
        absent: ['envVar'],
        text: 'Supply {setting}: store its value as an app secret (replace <value>), then set the variable the app\'s settings read it from on the container. The commands assume the variable is named {setting}; use the name the settings code reads if it differs (DJANGO_{setting}, say).',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {settingSecret}=<value>',
      },
      {
        needs: ['setting'],
        absent: ['envVar'],
        text: 'Set {setting} on the container from that secret; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {setting}=secretref:{settingSecret}',
      },
      {
        absent: ['envVar', 'setting'],
        text: 'Find the setting the app asks for in the lines above the error and add it to the container\'s environment variables (from a secret when it is sensitive).',
      },
      { text: 'Check that the new revision starts and becomes healthy.', command: CHECK_REVISIONS },
    ],
    links: [LINKS.envVars, LINKS.secrets],
  },
  'dependency-unreachable': {
    explanation:
      'The app tried to reach a service it depends on (database, cache, queue, API) at startup and could not: the name did not resolve, nothing listened on the port, the network path is blocked, or TLS failed.',
    actions: [
      {
        needs: ['daprPortVar'],
        text: '{host}:{port} is the Dapr sidecar\'s {daprPortProtocol} port, and the client calls it with the other protocol: {daprPortVar} on the container points the client there. Remove it (the sidecar listens on {daprRightPort} for that protocol, the default) so the client uses the right port; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --remove-env-vars {daprPortVar}',
      },
      {
        needs: ['host'],
        absent: ['daprPortVar'],
        when: DAPR_LOCAL,
        text: '{host}:{port} is the Dapr sidecar in the same replica (3500 HTTP, 50001 gRPC): check that Dapr is enabled on the app, and that the client uses the sidecar port for its protocol (DAPR_HTTP_PORT, DAPR_GRPC_PORT).',
      },
      // The replica's own loopback: nothing else listens there, so the address is a library default.
      // The configuration sets that variable from a secret: it is not unset, its value points here.
      {
        needs: ['loopback', 'serviceSecret'],
        absent: ['localSidecar'],
        unless: DAPR_LOCAL,
        text: '{loopback} is the replica itself, and nothing in it listens on {port|that port}: {serviceSetting} is set from secret {serviceSecret}, so the address in that secret is empty or points at the replica itself (a local default or a development value). Put the real address of {service|the service} in the secret.',
      },
      // Another container of the app serves this port on the shared loopback: the address is right, it was not up yet.
      {
        needs: ['loopback', 'localSidecar'],
        unless: DAPR_LOCAL,
        text: '{loopback}:{port|its port} is right: container {localSidecar} of this app serves it on the replica\'s shared loopback, and the app dialled before {localSidecar} accepted connections (containers of a replica start together, in no order). Keep the address; make the app wait for {localSidecar} at startup (retry the first connection with a back-off, or a start script that waits for the port) instead of exiting.',
      },
      // The configuration gives the variable a plain value: that value is the local address, not a missing one.
      {
        needs: ['loopback', 'serviceValue'],
        absent: ['serviceSecret', 'localSidecar'],
        unless: DAPR_LOCAL,
        text: '{loopback} is the replica itself, and nothing in it listens on {port|that port}: {serviceSetting} has a value in this revision, and that value (or the client default it leaves in place) points at the replica itself, a development or docker-compose value. Set it to the real address of {service|the service}.',
      },
      {
        needs: ['loopback'],
        absent: ['serviceSecret', 'serviceValue', 'localSidecar'],
        unless: DAPR_LOCAL,
        text: '{loopback} is the replica itself, and nothing in it listens on {port|that port}: the app fell back to its client library\'s default address because {serviceSetting} is unset or empty in this revision. Set it to the real address of {service|the service}, from an app secret when it holds a password.',
      },
      // A short name that did not resolve: a docker-compose service name, which Azure never resolves.
      {
        needs: ['shortHost'],
        when: DNS_FAILURE,
        unless: NGINX_UPSTREAM,
        text: '{shortHost} is a bare name that does not resolve here: a docker-compose service name does not exist in Container Apps. Another container app in this environment is reached by its app name, an Azure service by its full host name; set {serviceSetting} to that address.',
      },
      {
        when: NGINX_UPSTREAM_AT,
        text: 'nginx resolves {upstream|the upstream}, named in {nginxConf|its configuration}{:nginxLine}, when it starts, and stops when the name does not resolve: use the name another container app has in this environment (its app name, or the FQDN ingress shows, with http:// and no port for HTTP ingress), or make nginx resolve at request time (a `resolver` directive and the upstream in a variable in proxy_pass) so it starts while the backend is down. Then rebuild the image or update the file it comes from.',
      },
      {
        needs: ['shortHost'],
        when: NGINX_UPSTREAM,
        text: 'Check that {shortHost} is the name of a container app in this environment, and read its address (an error here means no app has that name).',
        command: 'az containerapp ingress show -n {shortHost} -g {resourceGroup} --query fqdn -o tsv',
      },
      // The name did not resolve and the rows do not print it: the setting that holds it is the lead.
      {
        absent: ['host'],
        when: DNS_FAILURE,
        text: 'The server name in {serviceSetting} does not resolve from the environment: check the name in it (a typo, a deleted server); for a private endpoint, check that the service\'s private DNS zone (privatelink.database.windows.net for Azure SQL, privatelink.postgres.database.azure.com for PostgreSQL, ...) is linked to the environment\'s VNet, or that the VNet\'s custom DNS forwards to Azure DNS (168.63.129.16). A firewall rule does not help until the name resolves.',
      },
      {
        needs: ['host'],
        absent: ['shortHost', 'loopback'],
        when: DNS_FAILURE,
        text: '{host} does not resolve from the environment: check the name in {serviceSetting}; for a private endpoint, check that the private DNS zone {privateZone|for the service (privatelink.*)} is linked to the environment\'s VNet, or that the VNet\'s custom DNS forwards to Azure DNS.',
      },
      {
        needs: ['privateZone'],
        when: DNS_FAILURE,
        text: 'List the VNets linked to {privateZone} (replace <zone-resource-group> with the zone\'s resource group); the environment\'s VNet should be among them.',
        command: 'az network private-dns link vnet list -g <zone-resource-group> -z {privateZone} -o table',
      },
      {
        needs: ['privateZone'],
        when: DNS_FAILURE,
        text: 'If it is missing, link {privateZone} to the environment\'s VNet (replace <environment-vnet-id> with the VNet\'s resource id); the name then resolves to the private endpoint.',
        command: 'az network private-dns link vnet create -g <zone-resource-group> -z {privateZone} -n {environment|<environment-name>}-link -v <environment-vnet-id> -e false',
      },
      {
        needs: ['azureRedisPlain'],
        text: 'Azure Cache for Redis turns off the plain port 6379 by default, so nothing answers there: connect with TLS on port 6380 (rediss://{azureRedisPlain}:6380, or ssl=True with port 6380 in the client\'s settings, as in `{azureRedisPlain}:6380,password=<access-key>,ssl=True,abortConnect=False` for StackExchange.Redis). No firewall change is needed for this.',
      },
      {
        needs: ['azureRedisPlain', 'setSecret'],
        text: 'Put the TLS connection string in secret {setSecret}, which {setVar} reads (replace <connection-string> with it).',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {setSecret}=<connection-string>',
      },
      {
        needs: ['azureRedisPlain', 'setSecret'],
        text: 'A new secret value reaches the app only when the revision restarts: restart it after the change.',
        command: RESTART_REVISION,
      },
      {
        absent: ['host'],
        unless: new RegExp(`${TLS_TRUST.source}|${DNS_FAILURE.source}|${NATS_NONE.source}`, 'i'),
        text: 'Check the server name and port in {serviceSetting}.',
      },
      {
        when: TLS_TRUST,
        text: 'The app does not trust the certificate {host|the dependency} presented: install the CA bundle in the image (the ca-certificates package, or the provider\'s root CA; a scratch or distroless image has no package manager, so `COPY --from=<build-stage> /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/`) and remove any stale pinned root certificate the client is given.',
      },
      // Refused: the address resolved and something answered "nobody here".
      {
        needs: ['host'],
        absent: ['loopback', 'azureRedisPlain', 'outsideHost', 'ipHost'],
        when: REFUSED,
        unless: new RegExp(`${TLS_TRUST.source}|${DAPR_LOCAL.source}|${DNS_FAILURE.source}`, 'i'),
        text: 'Check that {host} is running and listens on {port|its port}: another container app is reached on its ingress, which for a plain TCP service (a database, a cache, a broker) must be TCP ingress exposing that port, with at least one replica running (minReplicas 1).',
      },
      // An address given as such refused: the host answered, so the server there is down or not listening
      // on that port. A security group or route that blocks the path drops packets (a timeout), not this.
      {
        needs: ['ipHost'],
        absent: ['azureRedisPlain'],
        when: REFUSED,
        unless: new RegExp(`${TLS_TRUST.source}|${DAPR_LOCAL.source}|${DNS_FAILURE.source}|${NO_ANSWER.source}`, 'i'),
        text: '{ipHost} answered and refused the connection on port {port|the service\'s port}: the address is reachable, but nothing listens there. Check that {service|the service} at {ipHost} is running (not stopped, restarting or moved to another address) and listens on {port|that port} on that address, not only on its loopback (127.0.0.1); if it moved, point {serviceSetting} at its current address. A network security group or route that blocked the path would drop the connection and time out, not refuse it, so the network is not the lead.',
      },
      {
        needs: ['privateIp'],
        absent: ['azureRedisPlain'],
        when: REFUSED,
        unless: new RegExp(`${TLS_TRUST.source}|${DAPR_LOCAL.source}|${DNS_FAILURE.source}|${NO_ANSWER.source}`, 'i'),
        text: 'Find what holds {privateIp}: a VM or a private endpoint shows its network interface here (a server in a delegated subnet, such as a flexible server, does not; look it up by its address in the portal then).',
        command: "az network nic list --query '[?ipConfigurations[?privateIPAddress==`\"{privateIp}\"`]].{nic:name,vm:virtualMachine.id,endpoint:privateEndpoint.id}' -o table",
      },
      {
        needs: ['shortHost'],
        when: REFUSED,
        unless: new RegExp(`${TLS_TRUST.source}|${DAPR_LOCAL.source}|${DNS_FAILURE.source}`, 'i'),
        text: 'Read {shortHost}\'s ingress: transport should be tcp, with targetPort {port|the port the service listens on} and exposedPort {port|the port clients use}; if it is not, or the app has no replica running, set TCP ingress on that port and minReplicas 1 on {shortHost}.',
        command: "az containerapp ingress show -n {shortHost} -g {resourceGroup} --query '{transport:transport,targetPort:targetPort,exposedPort:exposedPort}' -o json",
      },
      {
        needs: ['outsideHost'],
        absent: ['azureRedisPlain'],
        when: REFUSED,
        unless: new RegExp(`${TLS_TRUST.source}|${DAPR_LOCAL.source}|${DNS_FAILURE.source}`, 'i'),
        text: '{outsideHost} resolved and refused the connection on {port|its port}: check that the service runs there and listens on that port, and that its firewall or security group admits the environment\'s outbound IP addresses (a reject rule answers like a closed port).',
      },
      {
        needs: ['shortHost'],
        when: REFUSED,
        unless: new RegExp(`${TLS_TRUST.source}|${DAPR_LOCAL.source}|${DNS_FAILURE.source}|${RESOLVED_REFUSED.source}`, 'i'),
        text: 'If {shortHost} is not a container app in this environment (a docker-compose service name, say), set {serviceSetting} to the real address of {service|the service} instead.',
      },
      {
        when: NATS_NONE,
        absent: ['host'],
        text: 'No NATS server in the client\'s list accepted a connection: check the NATS URL the app is given (nats://<host>:4222). When NATS runs as another container app in this environment, it needs TCP ingress exposing 4222 (HTTP ingress does not carry the NATS protocol) and at least one replica running (minReplicas 1); replace <nats-app> with its name.',
        command: "az containerapp ingress show -n <nats-app> -g {resourceGroup} --query '{transport:transport,targetPort:targetPort,exposedPort:exposedPort}' -o json",
      },
      // Rows that say neither: the plain check, so the finding still has a step.
      {
        needs: ['host'],
        absent: ['loopback', 'azureRedisPlain'],
        unless: new RegExp(`${REFUSED.source}|${NO_ANSWER.source}|${TLS_TRUST.source}|${DAPR_LOCAL.source}|${DNS_FAILURE.source}`, 'i'),
        text: 'Check that {host}{:port} is the address of {service|the service} this environment should use, and that it is running.',
      },
      // A bare name that got no answer: only a container app of that name in this environment answers to it,
      // over the environment's own network, so no firewall or outbound address is on the path (review v23 #28).
      {
        needs: ['shortHost'],
        absent: ['resolvedHost'],
        when: NO_ANSWER,
        unless: new RegExp(`${TLS_TRUST.source}|${DAPR_LOCAL.source}|${DNS_FAILURE.source}|${REFUSED.source}`, 'i'),
        text: '{shortHost} is a bare name (a docker-compose service name, say): in Container Apps it reaches only a container app of that name in this environment, and no firewall or outbound address is on that path. Unless such an app runs, the name does not resolve here: set {serviceSetting} to the real host of {service|the service} (its full name, such as an Azure server\'s FQDN).',
      },
      // No answer at all: a firewall or a network rule drops the connection.
      {
        absent: ['loopback', 'azureRedisPlain', 'shortHost'],
        when: NO_ANSWER,
        unless: new RegExp(`${TLS_TRUST.source}|${DAPR_LOCAL.source}|${DNS_FAILURE.source}`, 'i'),
        text: 'The connection got no answer: check that {host|the dependency}\'s firewall or private endpoint admits the environment\'s outbound addresses (listed by this command) or its subnet.',
        command: OUTBOUND_ADDRESSES,
      },
      {
        needs: ['setVar', 'wrongAddress', 'serviceSecret'],
        unless: new RegExp(`${TLS_TRUST.source}|${DAPR_LOCAL.source}|${RESOLVED_REFUSED.source}|${NGINX_UPSTREAM.source}`, 'i'),
        text: 'Put the right address of {service|the service} (the full connection string {setVar} expects, with its login) in secret {serviceSecret}; replace <value> with it.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {serviceSecret}=<value>',
      },
      {
        needs: ['setVar', 'wrongAddress'],
        absent: ['serviceSecret'],
        unless: new RegExp(`${TLS_TRUST.source}|${DAPR_LOCAL.source}|${RESOLVED_REFUSED.source}|${NGINX_UPSTREAM.source}`, 'i'),
        text: 'Store the right address of {service|the service} (the full connection string when it carries a password) as an app secret; replace <value> with it.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {setSecret}=<value>',
      },
      {
        needs: ['setVar', 'wrongAddress'],
        absent: ['guessedVar'],
        unless: new RegExp(`${TLS_TRUST.source}|${DAPR_LOCAL.source}|${RESOLVED_REFUSED.source}|${NGINX_UPSTREAM.source}`, 'i'),
        text: 'Point {setVar} at that secret; this creates a new revision.',
        command: SET_FROM_SECRET,
      },
      {
        needs: ['guessedVar', 'wrongAddress'],
        unless: new RegExp(`${TLS_TRUST.source}|${DAPR_LOCAL.source}|${RESOLVED_REFUSED.source}|${NGINX_UPSTREAM.source}`, 'i'),
        text: 'Point the variable at that secret; this creates a new revision. The command assumes the app reads {guessedVar}; use the name it reads if it differs.',
        command: SET_FROM_SECRET,
      },
    ],
    links: [LINKS.networking, LINKS.troubleshooting],
  },
  'authentication-failure': {
    explanation:
      'A dependency rejected the app\'s credentials: a wrong or rotated password, an expired secret, a token for the wrong audience, or a managed identity that is not assigned or lacks a role.',
    actions: [
      ...DATABASE_STEPS,
      {
        when: ENTRA_SQL_LOGIN,
        text: 'The database has no user for the app\'s Entra identity (or it lost its roles): as the server\'s Entra admin, run CREATE USER [<identity name>] FROM EXTERNAL PROVIDER and grant it the roles it needs (db_datareader, db_datawriter); check AZURE_CLIENT_ID names that identity.',
        command: 'az containerapp show -n {app} -g {resourceGroup} --query identity -o json',
      },
      {
        when: NO_PASSWORD_SENT,
        needs: ['passwordVar'],
        text: 'The server requires a password and the app sent none (NOAUTH): {passwordVar} holds no password. Store the server\'s password as an app secret and point {passwordVar} at it; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {passwordVar}=secretref:<secret>',
      },
      {
        when: NO_PASSWORD_SENT,
        absent: ['passwordVar'],
        text: 'The server requires a password and the app sent none (NOAUTH): add it to the connection the app makes (a password setting beside {envVar|the host setting}, or the URL form redis://:<password>@host:port with rediss:// on port 6380 for Azure Cache for Redis), read from an app secret.',
      },
      {
        needs: ['secret'],
        unless: new RegExp(`${ENTRA_SQL_LOGIN.source}|${NO_PASSWORD_SENT.source}|${PERMISSION_REFUSED.source}|${NO_DATABASE.source}`, 'i'),
        text: 'Check the credential in secret {secret} against the dependency{ host}; if it was rotated or is wrong, set the current value (replace <value>).',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {secret}=<value>',
      },
      {
        needs: ['user'],
        absent: ['secret'],
        unless: new RegExp(`${ENTRA_SQL_LOGIN.source}|${NO_PASSWORD_SENT.source}|${PERMISSION_REFUSED.source}|${NO_DATABASE.source}`, 'i'),
        text: 'Check the password the app sends for {user} against the dependency{ host}; if it was rotated, put the new value in the app secret that holds it.',
        command: 'az containerapp secret list -n {app} -g {resourceGroup} -o table',
      },
      {
        absent: ['user', 'secret'],
        unless: new RegExp(`${ENTRA_SQL_LOGIN.source}|${NO_PASSWORD_SENT.source}|${PERMISSION_REFUSED.source}|${NO_DATABASE.source}`, 'i'),
        text: 'Check the credential the app uses (the secret value or connection string) against the dependency; if it was rotated or expired, put the new value in the app secret that holds it.',
        command: 'az containerapp secret list -n {app} -g {resourceGroup} -o table',
      },
      {
        when: /Access denied for user '[\w.$-]{1,80}'@'/,
        needs: ['user'],
        unless: NO_DATABASE,
        text: 'MySQL matches a login by user and by the address it comes from ({address|the app\'s own address}, not the server\'s): when the password is right, check that {user} may connect from the environment\'s addresses (`SHOW GRANTS FOR \'{user}\'@\'%\'`; a grant for one host or localhost does not cover it).',
      },
      ...PERMISSION_STEPS,
      {
        unless: new RegExp(`${ENTRA_SQL_LOGIN.source}|${PERMISSION_REFUSED.source}|${NO_DATABASE.source}`, 'i'),
        text: 'A new secret value reaches the app only when the revision restarts: restart it after the change.',
        command: RESTART_REVISION,
      },
    ],
    links: [LINKS.identity, LINKS.secrets],
  },
  'application-error': {
    explanation:
      'The application raised an error it did not handle and the process ended. The exception and the lines around it in the console log say where.',
    actions: [
      ...MIGRATION_STEPS,
      ...DATABASE_STEPS,
      ...DEPENDENCY_FRAME_STEPS,
      {
        needs: ['codeLocation'],
        absent: ['dependencyPackage'],
        fallback: true,
        text: 'The failure is raised at {codeLocation} in the app\'s own code: fix it there (a value used before it is set, a missing guard for an empty or failed result), then ship the fix.',
      },
      { needs: ['exception'], absent: ['codeLocation', 'dependencyPackage'], fallback: true, text: 'Fix or handle the failure that raised {exception}; the evidence shows the message it ended with.' },
      { when: STACK_TRACE, absent: ['codeLocation', 'dependencyPackage'], fallback: true, text: 'Follow the stack trace in the evidence down to the first frame in your own code.' },
      // The rows already say where it was raised: the lines before it are for when they do not.
      { absent: ['codeLocation', 'dependencyPackage'], fallback: true, text: 'Read the app\'s last console lines on the failing revision for what led up to it.', command: CONSOLE_TAIL },
      // An unhandled error at startup is a defect of this release: the previous one is the way back.
      {
        absent: ['lastHealthy'],
        unless: HISTORY_BLOCKS_ROLLBACK,
        text: 'Until a fixed build ships, go back to the previous image or revision; the list shows which revision last ran healthy.',
        command: CHECK_REVISIONS,
      },
    ],
    links: [LINKS.startFailures, LINKS.logs],
  },
  'missing-module': {
    explanation:
      'Code the app needs at runtime (a package, module, class, assembly or shared library) is not in the image: it was not installed, installed in a build stage only, or installed for another runtime version.',
    actions: [
      FOREIGN_ARCH_STEP,
      NODE_ABI_STEP,
      FOREIGN_ADDON_STEP,
      WORKER_CLASS_STEP,
      { needs: ['module'], unless: NOT_INSTALLABLE, text: 'Install {module} in the image\'s final stage (a multi-stage build must copy it into the runtime stage), then rebuild and run the image locally once.' },
      { absent: ['module'], unless: NOT_INSTALLABLE, text: 'Install the missing dependency in the image\'s final stage, then rebuild and run the image locally once.' },
    ],
    links: [LINKS.startFailures],
  },
  'entrypoint-error': {
    explanation:
      'The container could not start its command: the file does not exist, is not executable, was built for another CPU architecture, has Windows line endings in its shebang, or the script or arguments are malformed.',
    actions: [
      {
        decisive: true,
        needs: ['commandWords'],
        text: 'The command "{command}" was given as one word, so the runtime looks for a program with a space in its name: write it as separate exec-form words, {commandWords}, in the Dockerfile CMD/ENTRYPOINT or the app\'s command override, then redeploy.',
      },
      // Each cause has its own fix; the existence check is for the file the rows name without saying why.
      {
        decisive: true,
        needs: ['scriptFile'],
        when: /no such file or directory/i,
        text: 'When {scriptFile} is in the image, "no such file" is about the interpreter its first line names: a shebang ending in a Windows line ending (#!/bin/sh followed by CR) or a shell the image lacks (bash on Alpine). Convert the script to LF (`sed -i \'s/\\r$//\' {scriptFile}` in the Dockerfile, or `*.sh text eol=lf` in .gitattributes) or change the shebang to a shell the image has. If it is not in the image at all, fix the COPY line that should bring it.',
      },
      ...ARG_AS_PROGRAM_STEPS,
      {
        decisive: true,
        needs: ['notOnPath'],
        absent: ['argAsProgram'],
        text: '{notOnPath} is not on the image\'s PATH: start it by its absolute path (for example /usr/local/bin/{notOnPath}) in the Dockerfile or the app\'s command override, and make it executable (`COPY --chmod=755` or `chmod +x`).',
      },
      {
        decisive: true,
        needs: ['buildOutput'],
        text: '{file} is build output: run the build (npm run build, tsc) in the Dockerfile and copy {buildOutput} into the final stage; the start command then finds it.',
      },
      {
        decisive: true,
        needs: ['missingCommand'],
        text: '{missingCommand} is not installed in the final image, or not on its PATH: {installHint|add it to the dependencies the final stage installs (requirements.txt, package.json, the package list), or put the virtual environment\'s bin directory on PATH (ENV PATH=/opt/venv/bin:$PATH)}.',
      },
      {
        decisive: true,
        needs: ['module'],
        text: 'Uvicorn could not import {module}: start it from the directory that holds the package (WORKDIR in the Dockerfile, or --app-dir), and check that the package\'s files, with its __init__.py, are copied into the image.',
      },
      // The jar is there: its manifest names no class to run, which no chmod or path changes.
      {
        when: NOT_EXECUTABLE_SPRING_JAR,
        decisive: true,
        text: SPRING_JAR_TEXT,
      },
      {
        when: NOT_EXECUTABLE_JAR,
        needs: ['springApp'],
        unless: NOT_EXECUTABLE_SPRING_JAR,
        decisive: true,
        text: SPRING_JAR_TEXT,
      },
      // No framework in the rows: the build tool's runnable (fat) jar, not one framework's plugin.
      {
        when: NOT_EXECUTABLE_JAR,
        unless: NOT_EXECUTABLE_SPRING_JAR,
        absent: ['springApp'],
        decisive: true,
        text: '{file|The jar} is in the image but is not an executable jar: its manifest has no Main-Class (a thin jar, built without the step that makes the runnable one). Build the runnable jar the project\'s build defines (Gradle\'s shadowJar, or Maven\'s shade or assembly plugin with a Main-Class, or the framework\'s own packaging task) and copy that jar, not the plain one beside it, into the image; setting Main-Class on a thin jar only moves the failure to its missing classes. No chmod or path change helps.',
      },
      {
        when: NOT_EXECUTABLE_JAR,
        text: 'Deploy the rebuilt image (replace <new-tag> with the tag you pushed); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image {registry|<registry>}/{repository|<repository>}:<new-tag>',
      },
      ...JAR_STEPS,
      {
        fallback: true,
        needs: ['file'],
        absent: ['notOnPath', 'buildOutput'],
        unless: MISSING_JAR,
        text: 'Check that {file} exists at that path in the image and is executable (`docker run --rm --entrypoint ls <image> -l {file}`); if it is there but not executable, `chmod +x` it in the Dockerfile (or `COPY --chmod=755`).',
      },
      {
        fallback: true,
        text: 'Compare the image\'s ENTRYPOINT/CMD with the command and args set on the container app (the app\'s override wins).',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].[name,command,args]' -o json",
      },
      { when: /exec format error/i, decisive: true, text: 'Build and push the image for linux/amd64 (`docker buildx build --platform linux/amd64 ...`).' },
      {
        when: /exec format error/i,
        text: 'Deploy the rebuilt image (replace <new-tag> with the tag you pushed); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image {registry|<registry>}/{repository|<repository>}:<new-tag>',
      },
      { when: /\r|\\r|\^M|\$'\\r'/, absent: ['scriptFile'], decisive: true, text: 'Convert the scripts to LF line endings (a .gitattributes rule `*.sh text eol=lf`, or `sed -i \'s/\\r$//\'` in the Dockerfile).' },
    ],
    links: [LINKS.containers, LINKS.startFailures],
  },
  'permission-denied': {
    explanation:
      'The process was not allowed to do something at startup: write to a path owned by another user, or bind a port below 1024 as a non-root user.',
    actions: [
      {
        needs: ['port', 'portVar'],
        when: BIND_REFUSED,
        text: 'A non-root user may not listen on port {port}: move the app to 8080 through {portVar} ({portVarNote|the setting it reads for its port}); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {portVar}={portTo8080}',
      },
      // A write to a path is refused the same way: these steps are for a refused bind only. A port named
      // elsewhere in the rows (the database's 5432, Redis' 6379) says nothing about the app's own listener.
      ...PRIVILEGED_PORT_STEPS.map((a) => (typeof a === 'string' ? a : { ...a, needs: [...(a.needs ?? []), 'port'], when: BIND_REFUSED })),

      ...AZURE_FILES_OWNER_STEPS,
      {
        when: S6_NOT_ROOT,
        absent: ['port'],
        text: 's6-overlay\'s init (the image\'s /init, as linuxserver.io images use it) must start as root: it prepares its run directory ({file|/var/run/s6}) and then drops to the user that PUID and PGID name. Run the image as its publisher built it: no USER override in a derived build (nor a runAsUser that forces a user), /init kept as the entrypoint, and the user chosen through PUID/PGID. A chown at build time does not help, and the public registry is not yours to push to.',
      },
      {
        when: NGINX_WRITES,
        absent: ['port', 'volume'],
        text: 'nginx runs as a non-root user here and cannot create its temp and cache paths ({file|/var/cache/nginx/client_temp}; it also writes /var/run/nginx.pid): base the image on nginxinc/nginx-unprivileged (pid and temp paths in /tmp, listens on 8080), or set client_body_temp_path, proxy_temp_path, fastcgi_temp_path, uwsgi_temp_path, scgi_temp_path and pid under /tmp in nginx.conf, or `chown -R` /var/cache/nginx and /var/run to the image\'s USER in the Dockerfile.',
      },
      {
        needs: ['fileDir'],
        absent: ['port', 'volume'],
        unless: OWN_STEP_WRITES,
        text: 'The user the app runs as may not write {file} in {fileDir}, which the image left to another owner (root, usually): give that user the directory in the Dockerfile (`RUN chown -R <user> {fileDir}` after the COPY, or `COPY --chown`) and rebuild, or run the container as the image\'s own user when a different one was set; or write to a mounted volume.',
      },
      { absent: ['port', 'volume', 'fileDir'], unless: OWN_STEP_WRITES, text: 'Give the image\'s USER ownership of {path|the paths it writes} (chown in the Dockerfile) or write to a mounted volume.' },
    ],
    links: [LINKS.containers, LINKS.ingress],
  },
  'out-of-memory': {
    explanation:
      'The process ran out of memory: either its runtime hit its own heap limit, or the container exceeded its memory limit and the kernel killed it.',
    actions: [
      // Each runtime's own cap has its own knob; the generic wording is for the runtimes not named here.
      {
        when: V8_ABORT,
        unless: NODE_HEAP,
        needs: ['nextMemory', 'nextNodeHeapMb'],
        text: 'V8 could not allocate within its heap cap ("Allocation failed - process out of memory") at the container\'s {memoryLimit|memory}: raise both together, the container to {nextCpu} CPU/{nextMemory} and --max-old-space-size in NODE_OPTIONS to {nextNodeHeapMb} (three quarters of {nextMemory}; keep the other flags NODE_OPTIONS has), or process the work in smaller batches; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --cpu {nextCpu} --memory {nextMemory} --set-env-vars NODE_OPTIONS=--max-old-space-size={nextNodeHeapMb}',
      },
      // A cap the start command already sets wins over NODE_OPTIONS: it is raised where it is, with the memory.
      {
        when: NODE_HEAP,
        needs: ['nodeHeapSet', 'nodeHeapRaiseMb', 'nextMemory'],
        text: 'The start command already caps the heap at {nodeHeapSet} MB (`--max-old-space-size={nodeHeapSet}`, which wins over NODE_OPTIONS), about three quarters of the container\'s {memoryLimit|memory}: a NODE_OPTIONS cap would change nothing, and a higher cap alone would run into the container\'s limit. Raise both together: export the template (`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`), set the container\'s resources to cpu {nextCpu} and memory {nextMemory} and the flag in its command to `--max-old-space-size={nodeHeapRaiseMb}` (the CLI\'s --command would read a word starting with -- as its own flag), and apply it; this creates a new revision. Or make it need less: fewer jobs or requests in flight at once, or find what keeps growing.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
      {
        when: NODE_HEAP,
        needs: ['nodeHeapSet'],
        absent: ['nodeHeapRaiseMb'],
        text: 'The start command already caps the heap at {nodeHeapSet} MB (`--max-old-space-size={nodeHeapSet}`, which wins over NODE_OPTIONS): a cap at or below it changes nothing. Make the app need less (fewer jobs or requests in flight at once) or find what keeps growing; a higher cap only helps with more container memory.',
      },
      {
        when: NODE_HEAP,
        needs: ['heapInUse', 'nodeHeapRaiseMb', 'nextMemory'],
        absent: ['nodeHeapSet'],
        text: 'Node.js hit its heap cap with {heapInUse} MB already in use, about all the container\'s {memoryLimit|memory} allows: a smaller --max-old-space-size would fail sooner, and a larger one alone would run into the container\'s limit. Raise both together, the container to {nextCpu} CPU/{nextMemory} and --max-old-space-size in NODE_OPTIONS to {nodeHeapRaiseMb} (three quarters of it); this creates a new revision. Then find what keeps growing (a build step such as `next build` run at start belongs in the image build).',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --cpu {nextCpu} --memory {nextMemory} --set-env-vars NODE_OPTIONS=--max-old-space-size={nodeHeapRaiseMb}',
      },
      {
        when: NODE_HEAP,
        needs: ['heapInUse'],
        absent: ['nodeHeapSet', 'nodeHeapRaiseMb'],
        text: 'Node.js hit its heap cap with {heapInUse} MB already in use, about all the container\'s {memoryLimit|memory} allows: a smaller --max-old-space-size would fail sooner. Find what needs that much at start (a build step such as `next build` run at start belongs in the image build) or what keeps growing; if the app really needs it, give the container more memory and set the heap to three quarters of it.',
        command: RAISE_MEMORY_NEXT,
      },
      {
        when: NODE_HEAP,
        absent: ['heapInUse', 'nodeHeapSet'],
        text: 'Node.js hit its heap cap, not the container\'s {memoryLimit|memory} limit: raise --max-old-space-size in NODE_OPTIONS to {nodeHeapMb|about three quarters of the container memory, in} MB (keep any other flags NODE_OPTIONS already has), or find what keeps growing; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars NODE_OPTIONS=--max-old-space-size={nodeHeapMb}',
      },
      ...METASPACE_STEPS,
      // Elasticsearch and OpenSearch set the heap from their own variable and ignore JAVA_TOOL_OPTIONS (jvmOptionsVar.ts).
      {
        when: JVM_HEAP,
        needs: ['jvmOptsVar', 'jvmHeapNextOpts', 'nextMemory'],
        absent: ['metaspace'],
        text: '{jvmServer} sets its heap from {jvmOptsVar} (its launcher ignores JAVA_TOOL_OPTIONS){jvmOptsSetNote}. Raise the container to {nextCpu} CPU/{nextMemory} and the heap with it to about half (-Xms equal to -Xmx, {jvmHeapNextOpts}; the other half is the file cache), or make the requests smaller; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --cpu {nextCpu} --memory {nextMemory} --set-env-vars {jvmOptsVar}={jvmHeapNextOpts}',
      },
      {
        when: JVM_HEAP,
        needs: ['jvmOptsVar', 'jvmHeapOpts'],
        absent: ['metaspace', 'nextMemory'],
        text: '{jvmServer} sets its heap from {jvmOptsVar} (its launcher ignores JAVA_TOOL_OPTIONS){jvmOptsSetNote}. Set it to about half the container\'s {memoryLimit|memory} ({jvmHeapOpts}, -Xms equal to -Xmx), or make the requests smaller; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {jvmOptsVar}={jvmHeapOpts}',
      },
      {
        when: JVM_HEAP,
        absent: ['heapCap', 'metaspace', 'jvmOptsVar'],
        text: 'The JVM hit its heap cap, not the container\'s {memoryLimit|memory} limit: size the heap from the container (-XX:MaxRAMPercentage=75, or an -Xmx about three quarters of it, through JAVA_TOOL_OPTIONS, which the JVM reads at start) and exit on the first OutOfMemoryError so the replica restarts cleanly; then look for what keeps growing. This creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars JAVA_TOOL_OPTIONS={javaToolOptions}',
      },
      {
        when: JVM_HEAP,
        needs: ['heapCap'],
        absent: ['metaspace', 'jvmOptsVar'],
        text: 'The heap is capped by {heapCap} on the java command line, which wins over JAVA_TOOL_OPTIONS: raise it where it is set (the start command, or the app\'s own options variable such as JAVA_OPTS or OPENSEARCH_JAVA_OPTS) towards 75% of the container\'s {memoryLimit|memory}{heapTarget}, or process the work in smaller batches; MaxRAMPercentage has no effect while -Xmx is set.',
      },
      // The image sets memory_limit from a variable the configuration sets (phpLimitVar.ts): that variable is the fix.
      {
        when: PHP_LIMIT,
        needs: ['phpLimitVar', 'phpUnitless'],
        text: 'PHP refused {phpLimitVar} ("Failed to set memory limit to {phpUnitless} bytes"): its value has no unit, so PHP reads it as bytes and kept its default memory_limit{ phpCurrent}, which the app then exhausted. Set {phpLimitVar} with its unit, {phpLimit|512M}; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {phpLimitVar}={phpLimit|512M}',
      },
      {
        when: PHP_LIMIT,
        needs: ['phpLimitVar', 'phpLimit'],
        absent: ['phpUnitless'],
        text: 'PHP\'s own memory_limit{ phpCurrent} was hit, not the container\'s {memoryLimit|memory} limit: the image sets it from {phpLimitVar}, so raise that to {phpLimit}, or process the work in smaller batches; this creates a new revision.{phpDefaultNote}',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {phpLimitVar}={phpLimit}',
      },
      {
        when: PHP_LIMIT,
        needs: ['phpLimit'],
        absent: ['phpLimitVar'],
        text: 'PHP\'s own memory_limit{ phpCurrent} was hit, not the container\'s {memoryLimit|memory} limit: raise it to {phpLimit} (`php -d memory_limit={phpLimit}`, or memory_limit in the ini file), or process the work in smaller batches.',
      },
      {
        when: PHP_LIMIT,
        absent: ['phpLimit', 'phpUnitless'],
        text: 'PHP\'s own memory_limit{ phpCurrent} was hit and already uses most of the container\'s {memoryLimit|memory}: process the work in smaller batches (or free what the script holds), or raise the container memory before raising memory_limit.',
      },
      BEAM_MEMORY_STEP,
      {
        when: GO_MEMORY,
        needs: ['goMemLimit'],
        decisive: true,
        text: 'The Go runtime could not get more memory within the container\'s {memoryLimit} limit: set GOMEMLIMIT to {goMemLimit} (a tenth below the limit) so the garbage collector works harder before the limit, and find what grows with a heap profile (pprof); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars GOMEMLIMIT={goMemLimit}',
      },
      {
        when: GO_MEMORY,
        absent: ['goMemLimit'],
        decisive: true,
        text: 'The Go runtime could not get more memory within the container\'s limit: set GOMEMLIMIT a tenth below it (1843MiB for 2Gi) so the garbage collector works harder before the limit, and find what grows with a heap profile (pprof).',
      },
      {
        when: DOTNET_MEMORY,
        decisive: true,
        text: '.NET caps its GC heap at 75% of the container\'s {memoryLimit|memory} by default, and the app reached it (or asked for one object too large to fit): find what grows (dotnet-counters, a dotnet-gcdump of the running app; a list or cache with no bound is the usual cause); only when the app\'s memory outside the GC heap is small, raise the cap with DOTNET_GCHeapHardLimitPercent (hexadecimal: 0x55 is 85%).',
      },
      {
        when: PYTHON_MEMORY,
        decisive: true,
        text: 'Python has no heap cap to raise: {allocation|an allocation} did not fit in the container\'s {memoryLimit|memory}. Process the data in smaller batches (chunks, a generator, a smaller dtype such as float32), and run fewer worker processes (gunicorn --workers, celery --concurrency: each holds its own copy).',
      },
      {
        when: PYTHON_MEMORY,
        needs: ['nextMemory'],
        text: 'If one batch really needs more, raise the container to the next CPU/memory pair ({nextCpu} CPU, {nextMemory}); this creates a new revision.',
        command: RAISE_MEMORY_NEXT,
      },
      ...GPU_MEMORY_STEPS,
      {
        when: HEAP_CAP,
        unless: new RegExp(`${RUNTIME_HEAP.source}|${GPU_MEMORY.source}`, 'i'),
        text: 'The runtime hit its own heap cap: raise it towards 75% of the container\'s {memoryLimit|memory}, or find what keeps growing.',
      },
      // The container's metric says nothing about a runtime's own cap: only when no such cap was hit.
      { unless: NOT_THE_CONTAINER, fallback: true, text: 'Compare the peak memory working set with the limit just before the exits.', command: MEMORY_METRIC },
      {
        unless: NOT_THE_CONTAINER,
        needs: ['nextMemory'],
        text: 'Raise the container to the next CPU/memory pair ({nextCpu} CPU, {nextMemory}; the limit was {memoryLimit}); this creates a new revision.',
        command: RAISE_MEMORY_NEXT,
      },
      {
        unless: NOT_THE_CONTAINER,
        absent: ['nextMemory'],
        text: 'Read the container\'s current CPU and memory (the configuration was not read).',
        command: SHOW_RESOURCES,
      },
      {
        unless: NOT_THE_CONTAINER,
        absent: ['nextMemory'],
        text: 'Raise it to the next CPU/memory pair (0.5 CPU/1Gi, 1 CPU/2Gi, 2 CPU/4Gi, ...) or reduce what the app holds in memory; this creates a new revision.',
        command: RAISE_MEMORY_BLANK,
      },
    ],
    links: [LINKS.containers],
  },
  'crash-signal': {
    explanation:
      'The process was ended by a fatal signal it raised itself (segmentation fault, abort, bus error), which points at native code or a library mismatch.',
    actions: [
      ...ICU_STEPS,
      MUSL_BASE_STEP,
      {
        when: JVM_CRASH,
        absent: ['jvmFrame'],
        text: 'The JVM itself crashed: read the "Problematic frame" line and the hs_err_pid file it names; a frame in libjvm.so means a JVM bug (move to the latest patch of the JDK), a frame in another library points at that native library (JNI).',
      },
      // The rows carry the frame (stages/crashModule.ts): quote it rather than send anyone to read it.
      ...JVM_FRAME_STEPS,
      ...BUN_CRASH_STEPS,
      {
        when: ILLEGAL_INSTRUCTION,
        // A start-up command the rows name gets this with its name (crashSiteSteps.ts); Bun's own crash
        // report, when it lists AVX among the CPU's features, rules it out (BUN_CRASH_STEPS).
        absent: ['crashScript', 'bunCpu'],
        text: 'The CPU lacks an instruction the binary was built for (often AVX in a prebuilt ML or math library): deploy a build without it (replace <image> with the project\'s tag built for CPUs without AVX, or an older release that predates the requirement); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <image>',
      },
      ...NATIVE_CRASH_STEPS,
      ...CRASH_SITE_STEPS,
      ...nativeFallbackSteps(new RegExp(`${JVM_CRASH.source}|${ILLEGAL_INSTRUCTION.source}|${NATIVE_LEAD.source}`, 'i')),
    ],
    links: [LINKS.troubleshooting],
  },
  'port-misconfiguration': {
    explanation:
      'The app and the platform disagree on the port: the app could not bind its port, or it listens on a port or address (127.0.0.1) that the ingress and the health probes do not use.',
    actions: [
      {
        when: KESTREL_OVERRIDE,
        text: 'Kestrel ignored ASPNETCORE_URLS ("Overriding address(es)") and bound {address|the endpoint}{:port} that the app configures itself (UseKestrel/Listen in code, or Kestrel:Endpoints in appsettings): remove that endpoint so Kestrel listens where ASPNETCORE_URLS says, on the ingress target port.',
        command: "az containerapp ingress show -n {app} -g {resourceGroup} --query targetPort -o tsv",
      },
      {
        // A server configured with two listen addresses on one port: [::] already takes IPv4 on Linux, so
        // binding 0.0.0.0 as well collides with the app's own first listener.
        when: PORT_IN_USE,
        unless: KESTREL_OVERRIDE,
        needs: ['envVar'],
        text: 'The app binds the address(es) {envVar} gives it: if that lists two addresses on the same port (0.0.0.0 and ::, where [::] already takes IPv4 on Linux), the second bind collides with the first. Set {envVar} to a single address (0.0.0.0, or [::] alone); this creates a new revision.',
      },
      {
        when: PORT_IN_USE,
        unless: KESTREL_OVERRIDE,
        absent: ['sidecars'],
        text: 'Two listeners in one container want the same port{ port} (the app has no sidecar): find the second one (a control or metrics server, a background process the entrypoint starts, the server started twice) and move it to another port, or drop it.',
      },
      {
        needs: ['sidecars'],
        when: PORT_IN_USE,
        unless: KESTREL_OVERRIDE,
        text: 'Other containers share this replica\'s network ({sidecars}): find which one (or a second server in the app\'s own image) listens on{ port} and move it to another port.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].{name:name,image:image,args:args}' -o table",
      },
      {
        unless: new RegExp(`${PORT_IN_USE.source}|${KESTREL_OVERRIDE.source}`, 'i'),
        text: 'Make the app listen on 0.0.0.0 (all interfaces) on the ingress target port, or change the target port to the one the app uses.',
        command: "az containerapp ingress show -n {app} -g {resourceGroup} --query targetPort -o tsv",
      },
      {
        needs: ['listenAddress'],
        when: PORT_IN_USE,
        text: 'Drop the hard-coded listen address {listenAddress}{:listenPort} (code or settings file) so the app listens on all interfaces on the ingress target port.',
        command: "az containerapp ingress show -n {app} -g {resourceGroup} --query targetPort -o tsv",
      },
    ],
    links: [LINKS.ingress, LINKS.probes],
  },
  'probe-failure': {
    explanation:
      'Health probes failed: the app did not answer on the probed port and path in time, so the platform restarted it or kept it out of rotation.',
    actions: [
      {
        when: PROBE_NOT_FOUND,
        needs: ['path'],
        text: 'The app is up but answers 404 on {path}, the path the {probe|} probe asks for: point the probe at a path the app serves (its health route), or add {path} to the app; this creates a new revision.',
        command: SHOW_PROBES,
      },
      {
        unless: PROBE_NOT_FOUND,
        text: 'Check that the {probe|} probe\'s port{ port}, path{ path} and scheme (HTTP or HTTPS) match what the app serves, and that it answers within the probe timeout.',
        command: SHOW_PROBES,
      },
      // A liveness probe fails on an app that was up: start-up time is not the question then.
      { unless: new RegExp(`${PROBE_ANSWERED.source}|Liveness probe failed|failed liveness probe`, 'i'), text: 'Give a slow starter a startup probe with a longer failure threshold or initial delay.' },
    ],
    links: [LINKS.probes],
  },
  'image-pull-failure': {
    explanation: 'The platform could not pull the container image, so the container never started.',
    actions: [
      {
        needs: ['acrName', 'repository'],
        text: 'Check that the tag of {image} exists in {acrName}.',
        command: 'az acr repository show-tags -n {acrName} --repository {repository} -o table',
      },
      { absent: ['acrName'], text: 'Check that {image|the image name and tag} exists in the registry.' },
      ...ACR_PULL_STEPS,
      { absent: ['acrName'], text: 'Check the registry credentials on the app (user name and password secret) against the registry.' },
    ],
    links: [LINKS.imagePull, LINKS.containers],
  },
  'quota-exceeded': {
    explanation:
      'The environment ran out of capacity for new replicas: its core quota was reached, or no node could take the replica.',
    actions: [
      // A service the app calls throttled it (429, its own rate limit): the environment's cores are not involved.
      {
        when: SERVICE_RATE_LIMIT,
        decisive: true,
        text: 'A service the app calls throttled it ("{message|rate limit exceeded}"): that is the service\'s limit, not the environment\'s capacity. Make the app retry after the delay the answer gives (Retry-After) with back-off instead of ending on the error, send fewer requests at once (worker concurrency, replicas), or raise the service\'s own limit (for Azure OpenAI, the deployment\'s tokens-per-minute quota).',
      },
      {
        when: /max node group size reached/,
        text: 'The dedicated workload profile {workloadProfile|the app runs on} is at its maximum node count, so no node can be added for the replica: raise the profile\'s maximum nodes (in the command, replace <n> with the new maximum), or move the app to a profile with room. The environment\'s core quota is a separate limit.',
        command: 'az containerapp env workload-profile update -n {environment|<environment-name>} -g {resourceGroup} --workload-profile-name {workloadProfile|<profile-name>} --max-nodes <n>',
      },
      {
        needs: ['dedicatedProfile'],
        unless: /max node group size reached/,
        text: 'The app runs on dedicated workload profile {dedicatedProfile}, whose nodes are full: raise its maximum node count (replace <n> with more than its current maximum), or move the app to the Consumption profile.',
        command: 'az containerapp env workload-profile update -n {environment|<environment-name>} -g {resourceGroup} --workload-profile-name {dedicatedProfile} --max-nodes <n>',
      },
      {
        unless: ENV_CAPACITY_NOT_IT,
        text: 'Compare the environment\'s usage with its quota and request more if needed.',
      },
      {
        unless: ENV_CAPACITY_NOT_IT,
        text: 'Lower the CPU or replica count of apps and old revisions that hold cores; inactive revisions hold none.',
      },
    ],
    links: [LINKS.quotas],
  },
  'storage-failure': {
    explanation: 'A disk problem stopped the app: a volume could not be mounted, or the disk or ephemeral storage filled up.',
    actions: [
      { needs: ['volume'], text: 'Check the definition of volume {volume}: the storage account key or share name in the environment\'s storage, and network access to the share.' },
      { absent: ['volume'], text: 'Write large or growing files to a mounted volume instead of the container\'s ephemeral storage.' },
    ],
    links: [LINKS.storage],
  },
  'forced-kill': {
    explanation:
      'The platform asked the process to stop (SIGTERM) and killed it (SIGKILL, exit 137) because it did not exit within the termination grace period.',
    // A job stopped at its replica timeout is a deadline question, not a shutdown one.
    actions: [
      ...JOB_TIMEOUT_STEPS,
      { absent: ['timeoutHit', 'shutdownLogged'], text: 'Handle SIGTERM: stop accepting work, finish in-flight requests and exit promptly.' },
      // The app logged its shutdown, so SIGTERM reached it: what ran past the grace period is its work.
      {
        needs: ['shutdownLogged'],
        absent: ['timeoutHit'],
        text: 'The app logged its shutdown ("{shutdownLogged}"), so it received SIGTERM: signal forwarding and PID 1 are not the problem. The work it was doing did not stop within {graceText|the grace period}: make the work loop check the stop request (the cancellation or stopping token the host passes, or a flag the SIGTERM handler sets) between units of work, and save its progress (a checkpoint) so the next replica resumes instead of starting over.',
      },
      {
        needs: ['command'],
        absent: ['timeoutHit', 'shutdownLogged'],
        decisive: true,
        text: 'The container starts its program through the shell {command} (`{command} -c ...`): unless the shell replaces itself with the program, the shell is PID 1 and does not pass SIGTERM on, so the program runs on until SIGKILL. Put `exec` before the program in the -c string (or make the program itself the container\'s command) so it receives SIGTERM, and handle it there.',
      },
      // A package manager's script runner as the command (`npm start`): npm does not pass SIGTERM to the
      // script's process (v24 review, case 95). With the script's command line from the rows, the command to run it directly.
      {
        needs: ['packageRunner', 'runnerProgram', 'runnerArgs'],
        absent: ['timeoutHit', 'command', 'shutdownLogged'],
        decisive: true,
        text: 'The container starts the app with `{packageRunner}`: the package manager runs the start script (`{runnerProgram} {runnerArgs}`) as its child and does not pass SIGTERM on, so the app runs on until SIGKILL. Make the program itself the container\'s command so it receives SIGTERM, and handle it there; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --command {runnerProgram} --args {runnerArgs}',
      },
      {
        needs: ['packageRunner'],
        absent: ['timeoutHit', 'command', 'shutdownLogged', 'runnerProgram'],
        decisive: true,
        text: 'The container starts the app with `{packageRunner}`: the package manager runs the start script as its child and does not pass SIGTERM on, so the app runs on until SIGKILL. Make the program the script runs (the start script in package.json, for example `node app.js`) the container\'s command so it receives SIGTERM, and handle it there.',
      },
      { absent: ['timeoutHit', 'command', 'shutdownLogged', 'packageRunner'], text: 'Make sure the app is PID 1 or that the entrypoint forwards signals (use `exec` in shell scripts, or an init like tini).' },
      // A longer grace period helps only an app that received SIGTERM and was still draining when it ran out:
      // one that never heard the signal (or ignores it) is killed just as surely later (v24 review, 95/96/100).
      { needs: ['shutdownLogged'], absent: ['timeoutHit'], text: 'Raise terminationGracePeriodSeconds if shutdown genuinely needs longer.' },
    ],
    links: [LINKS.lifecycle],
  },
  'scale-in': {
    explanation: 'The platform stopped the replica on purpose (scale-in, revision switch); the app shut down as asked.',
    actions: ['No action needed unless the stop was unexpected; check the scale rules and minReplicas if it was.'],
    links: [LINKS.scale],
  },
  'clean-exit': {
    explanation: 'The main process exited with success although an app is expected to keep running.',
    actions: ['Run the server in the foreground as the container\'s main process.'],
    links: [LINKS.troubleshooting],
  },
  'configuration-change': {
    explanation: 'The app\'s configuration changed since the last healthy revision; the change may explain the failure.',
    actions: ['Compare the failing revision with the last healthy one and revert the change to confirm.'],
    links: [LINKS.revisions],
  },
  unknown: {
    explanation: 'The evidence does not show a recognisable cause.',
    actions: [
      { quiet: true, text: TURN_UP_LOGGING },
      {
        text: 'Read what the platform recorded for the revision (create, pull, probe and exit events).',
        command: 'az containerapp logs show -n {app} -g {resourceGroup} --type system --tail 50',
      },
    ],
    links: [LINKS.troubleshooting, LINKS.logs],
  },
};

/** Where each runtime declares what its image must hold, for a missing module. */
const MANIFESTS: Record<string, string> = {
  python: 'requirements.txt or pyproject.toml, installed with pip into the final stage',
  node: 'package.json `dependencies` (not devDependencies), installed with `npm ci --omit=dev` in the final stage',
  java: 'pom.xml or build.gradle, packaged into the jar (or on the runtime classpath)',
  dotnet: 'the .csproj, published with `dotnet publish`',
  ruby: 'the Gemfile, bundled into the final stage (without the group that holds it excluded)',
  php: 'composer.json, installed with `composer install --no-dev` into the final stage',
};

/**
 * Missing things that no package manifest fixes, told apart by the rows: a file of the app's own
 * (a relative or absolute path, the main class, the uvicorn/gunicorn app module), an OS shared library,
 * a .NET shared framework. Each gets its own fix; the manifest step is for packages only.
 */
const OWN_FILE = /Cannot find module '\.{0,2}\/|Could not find or load main class|Error loading ASGI app|Failed to find (?:application|attribute)/;
const SHARED_LIB = /cannot open shared object file|\blib[\w+-]{1,80}\.so\b/;
const DOTNET_FRAMEWORK = /compatible framework version|framework:? '?Microsoft\.(?:AspNetCore|NETCore|WindowsDesktop)\.App|\bMicrosoft\.(?:AspNetCore|NETCore|WindowsDesktop)\.App'?,? version/i;
/** OpenSSL 1.1, gone from the current distributions: installing a package does not bring it back. */
const OPENSSL_1_1 = /lib(?:ssl|crypto)\.so\.1\.1/;
/**
 * A CUDA runtime library with its CUDA major in the name (libcudart.so.11.0, libcublasLt.so.11, libcudnn.so.8):
 * a Python wheel built for that major (onnxruntime-gpu, mmcv, a torch or TensorFlow build) runs in an image of
 * another CUDA. No OS package "named after the library" fixes it: the wheel and the image's CUDA must match.
 */
const CUDA_LIB = /\b(?<cudaLibrary>lib(?:cudart|cublasLt|cublas|cudnn(?:_[a-z_]{1,30})?|cufft|curand|cusparse|cusolver|nvrtc|nvJitLink|nvinfer|nccl)\.so\.(?<cudaMajor>\d{1,2})(?:\.\d{1,3}){0,2})(?![\w.])/;
/** Libraries no OS package of the image's distribution brings back (the generic install steps stay silent). */
const NO_OS_PACKAGE = new RegExp(`${OPENSSL_1_1.source}|${CUDA_LIB.source.replace(/\?<\w+>/g, '')}`);
const NOT_A_PACKAGE = new RegExp(`${OWN_FILE.source}|${SHARED_LIB.source}|${DOTNET_FRAMEWORK.source}|class uri '[\\w.]{1,200}' invalid or not found|${FOREIGN_ADDON.source}`, 'i');
const FRAMEWORK_STEP =
  'Build the final stage FROM the runtime image that carries {module|the framework} (mcr.microsoft.com/dotnet/aspnet:<version> for Microsoft.AspNetCore.App, dotnet/runtime for Microsoft.NETCore.App) at the version the app targets{: version}, or retarget the app to the runtime the image has.';
const SPECIAL_MODULE_STEPS: RuleAction[] = [
  FOREIGN_ARCH_STEP,
  NODE_ABI_STEP,
  FOREIGN_ADDON_STEP,
  WORKER_CLASS_STEP,
  {
    when: OWN_FILE,
    text: 'The missing {module|file} is part of the app, not a package: check the image\'s COPY lines, the build output they copy and .dockerignore, and the working directory or module path in the start command; then rebuild.',
  },
  // The package is named from the table when the library is in it: the name is not always the library's.
  // The image's name says its base (an -alpine tag, a -slim or codename tag): one package manager, one package.
  {
    when: SHARED_LIB,
    needs: ['apkPackage', 'muslImage'],
    unless: NO_OS_PACKAGE,
    decisive: true,
    text: '{library} comes from the Alpine package {apkPackage} (the image {muslImage} is Alpine): add `apk add --no-cache {apkPackage}` to the final stage, then rebuild the image.',
  },
  {
    when: SHARED_LIB,
    needs: ['osPackage', 'debianImage'],
    unless: NO_OS_PACKAGE,
    decisive: true,
    text: '{library} comes from the Debian/Ubuntu package {osPackage}: add `apt-get install -y --no-install-recommends {osPackage}` to the final stage, then rebuild the image.',
  },
  // Chrome links against dozens of libraries a slim image lacks: one package only moves the error to the next.
  {
    when: SHARED_LIB,
    needs: ['chromeLibrary'],
    decisive: true,
    text: '{chromeLibrary} is one of the many libraries Chrome/Chromium links against, and an image without one usually lacks the rest: install the browser\'s whole runtime set (on Debian/Ubuntu `npx playwright install-deps chromium`, or the list in Puppeteer\'s troubleshooting guide: libnss3 libatk1.0-0 libatk-bridge2.0-0 libcups2 libdrm2 libxkbcommon0 libxcomposite1 libxdamage1 libxfixes3 libxrandr2 libgbm1 libasound2 libpango-1.0-0 libcairo2 libx11-6 ...; on Alpine `apk add --no-cache chromium`, which pulls them), or build on an image that ships them (mcr.microsoft.com/playwright, ghcr.io/puppeteer/puppeteer).',
  },
  {
    when: SHARED_LIB,
    needs: ['osPackage', 'apkPackage'],
    absent: ['muslImage', 'debianImage'],
    unless: NO_OS_PACKAGE,
    decisive: true,
    text: '{library} comes from the OS package {osPackage} on Debian/Ubuntu and {apkPackage} on Alpine: install it in the final stage (`apt-get install -y --no-install-recommends {osPackage}`, or `apk add --no-cache {apkPackage}`), then rebuild the image.',
  },
  {
    when: SHARED_LIB,
    needs: ['osPackage'],
    absent: ['apkPackage', 'debianImage'],
    unless: NO_OS_PACKAGE,
    decisive: true,
    text: '{library} comes from the OS package {osPackage} on Debian/Ubuntu: install it in the final stage (`apt-get install -y --no-install-recommends {osPackage}`), then rebuild the image.',
  },
  {
    when: SHARED_LIB,
    absent: ['osPackage'],
    unless: NO_OS_PACKAGE,
    decisive: true,
    text: 'Install the OS package that provides {library|the shared library} in the final stage (apt-get or apk; the package is usually named after the library, as libpq5 provides libpq.so.5), then rebuild the image.',
  },
  {
    when: CUDA_LIB,
    decisive: true,
    text: '{cudaLibrary} is a CUDA {cudaMajor} library: the package that loads it (a Python wheel such as onnxruntime-gpu, mmcv, bitsandbytes, or a torch/TensorFlow build) was built for CUDA {cudaMajor}, and the image ships another CUDA (or none). Install the build of that package made for the image\'s CUDA (its cu12 wheel, or the one from the framework\'s index for the image\'s CUDA and torch pair), or build FROM a base image of CUDA {cudaMajor} (an nvidia/cuda {cudaMajor}.x runtime tag); then rebuild. An OS package named after the library does not fix a CUDA mismatch.',
  },
  {
    when: OPENSSL_1_1,
    text: '{library|OpenSSL 1.1} is not packaged in current base images (Debian 12, Ubuntu 22.04 and later ship OpenSSL 3): rebuild the app or its native module against OpenSSL 3, or pin a base image that still ships libssl1.1 (Debian 11 bullseye).',
  },
  {
    when: DOTNET_FRAMEWORK,
    text: FRAMEWORK_STEP,
  },
  // The rows may show only "You must install or update .NET": the framework the rule named says the same.
  { needs: ['dotnetFramework'], text: FRAMEWORK_STEP },
];

/**
 * The .NET host's exit 150 with the framework it named: the base image, and why roll-forward is no way out
 * (it picks a newer version of a framework the image has; it cannot supply one the image lacks).
 */
export const DOTNET_HOST_STEPS: RuleAction[] = [
  {
    needs: ['dotnetFramework'],
    text: `${FRAMEWORK_STEP} DOTNET_ROLL_FORWARD does not help here: it only lets the app run on a newer version of a framework the image already has, and this image has no {dotnetFramework}{: version} (a dotnet/runtime or runtime-deps image has no Microsoft.AspNetCore.App).`,
  },
  { absent: ['dotnetFramework'], text: 'Use a base image with the runtime the app targets (the same major version as TargetFramework, aspnet for web apps).' },
  { absent: ['dotnetFramework'], text: 'Or publish the app self-contained, or allow roll-forward (DOTNET_ROLL_FORWARD=Major) if a newer runtime of the same framework is in the image.' },
];

/**
 * Exit 127 for a script in the image: the interpreter its first line names was not found (a CRLF shebang
 * looks for "bash\r", or the shell is not in the image); the PATH checks are for a command, not a script.
 */
export const SCRIPT_NOT_FOUND_STEPS: RuleAction[] = [
  {
    needs: ['scriptFile'],
    decisive: true,
    text: 'If {scriptFile} is in the image, exit 127 means the interpreter its first line (the shebang) names was not found: a shebang ending in a Windows line ending (a CRLF file makes the kernel look for "bash\\r") or a shell the image lacks (bash on Alpine). Convert it to LF (`sed -i \'s/\\r$//\' {scriptFile}` in the Dockerfile, or `*.sh text eol=lf` in .gitattributes, then rebuild) or change the shebang to a shell the image has; if it is not in the image, fix the COPY line that should bring it.',
  },
];

export function moduleSteps(family: string): RuleAction[] {
  const manifest = MANIFESTS[family];
  if (!manifest) return [...SPECIAL_MODULE_STEPS, ...CATEGORY_TEXT['missing-module'].actions.map((a) => (typeof a === 'string' ? a : { ...a, absent: [...(a.absent ?? []), 'dotnetFramework'], unless: NOT_A_PACKAGE }))];
  return [
    ...SPECIAL_MODULE_STEPS,
    { needs: ['module'], absent: ['dotnetFramework'], unless: NOT_A_PACKAGE, text: `Declare {module} in ${manifest}, then rebuild the image and run it locally once.` },
    { absent: ['module'], unless: NOT_A_PACKAGE, text: `Declare the missing dependency in ${manifest}, then rebuild the image and run it locally once.` },
  ];
}

/** A console rule as written in the tables: explanation, actions and links may be left to the category. */
export type ConsoleRuleEntry = Omit<ConsoleRule, 'family' | 'explanation' | 'actions' | 'benign' | 'links'> &
  Partial<Pick<ConsoleRule, 'explanation' | 'actions' | 'benign' | 'links'>>;

/** Fills category defaults into a family's table. */
export function consoleFamily(family: string, entries: ConsoleRuleEntry[]): ConsoleRule[] {
  return entries.map((e) => {
    const text = CATEGORY_TEXT[e.category];
    return {
      ...e,
      family,
      benign: e.benign ?? false,
      explanation: e.explanation ?? text.explanation,
      actions: e.actions ?? (e.category === 'missing-module' ? moduleSteps(family) : text.actions),
      links: e.links ?? text.links,
    };
  });
}
