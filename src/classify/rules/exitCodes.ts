import type { ExitCodeRule } from '../types';
import { DATABASE_STEPS, ICU_STEPS, MIGRATION_STEPS } from './causeSteps';
import { CATEGORY_TEXT, DOTNET_HOST_STEPS, JVM_CRASH, SCRIPT_NOT_FOUND_STEPS, nativeFallbackSteps } from './categoryText';
import { LINKS } from './links';
import { MEMORY_METRIC, RAISE_MEMORY_NEXT, SHOW_RESOURCES } from './commandTemplates';
import { CLEAN_EXIT_STEPS, EMPTY_QUEUE } from './platformSteps';
import { signalForExitCode } from './signals';

/** Logging advice is not repeated here: the engine adds TURN_UP_LOGGING when the app wrote nothing at all. */
const logsAction = 'Read the console log of the same replica in the minutes before the exit.';

/**
 * What an exit code says on its own. The engine only leans on these when the console gives no more
 * specific cause; a console finding always outranks the exit code that followed it.
 */
export const EXIT_CODE_RULES: readonly ExitCodeRule[] = [
  {
    id: 'exit.0',
    code: 0,
    category: 'clean-exit',
    title: 'container {container|main process} exited with code 0 although it should keep running',
    confidence: 0.55,
    benign: false,
    explanation:
      'The main process ended on its own and reported success. A container app is expected to serve until it is stopped, so the platform restarts it and, when it keeps ending, backs off. Typical reasons: the command runs a one-shot script instead of the server, the server starts in the background (daemon mode) so the foreground process returns, or the code calls exit(0) after a handled error.',
    actions: [
      {
        needs: ['containerCommand'],
        // A worker that stops on an empty queue is the command itself: there is no server to start instead.
        unless: EMPTY_QUEUE,
        text: 'The container\'s command is `{containerCommand}` (the app\'s override of the image CMD), and it finishes and exits 0: make the main command start the server in the foreground, and run `{containerCommand}` as an init container or a job.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].[name,command,args]' -o json",
      },
      ...CLEAN_EXIT_STEPS,
      {
        absent: ['containerCommand'],
        fallback: true,
        text: 'Check that the image CMD/ENTRYPOINT (or the app\'s command override, empty when the image\'s own is used) starts the long-running server in the foreground.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].[name,command,args]' -o json",
      },
      { absent: ['containerCommand'], fallback: true, text: 'Look for a handled error followed by a deliberate exit(0) in the last console lines.' },
      { fallback: true, absent: ['commandChanged'], text: 'If this is meant to be a run-to-completion task, deploy it as a Container Apps job instead of an app.' },
    ],
    links: [LINKS.jobs, LINKS.troubleshooting],
  },
  {
    id: 'exit.1',
    code: 1,
    category: 'application-error',
    title: 'the app stopped with a fatal error (exit code 1)',
    confidence: 0.4,
    benign: false,
    explanation:
      'Exit code 1 is the catch-all failure code: an uncaught exception, a fatal error the app reported itself, or a file it needed that is not in the image. The code alone does not say which; the last console lines of the replica do.',
    // The catch-all code: a cause the rows name (a migration, a missing database) says more than "read the logs".
    actions: [
      ...MIGRATION_STEPS,
      ...DATABASE_STEPS,
      { fallback: true, text: logsAction },
      { fallback: true, text: 'Run the same image locally with the app\'s environment variables to reproduce the failure.' },
    ],
    links: [LINKS.startFailures, LINKS.logs],
  },
  {
    id: 'exit.2',
    code: 2,
    category: 'entrypoint-error',
    title: 'the process exited with code 2 (a usage error, a failed check in a script, or a Go panic)',
    confidence: 0.45,
    benign: false,
    explanation:
      'Exit code 2 is not a signal and means what the program chose: shells and most argument parsers return it for incorrect usage (a bad option, a missing argument, a syntax error in an entrypoint script), many command-line tools for "an error occurred", and Go programs when a panic is not recovered. The console lines before it say which.',
    actions: [
      'Compare the container command and args configured on the app with what the image expects.',
      'Run the entrypoint script with `sh -n` to check its syntax.',
      logsAction,
    ],
    links: [LINKS.containers, LINKS.startFailures],
  },
  {
    id: 'exit.100',
    code: 100,
    category: 'application-error',
    title: 'the app exited with application-defined code 100',
    confidence: 0.35,
    benign: false,
    explanation:
      'Code 100 has no fixed meaning outside the application that chose it. MongoDB\'s server uses it for an unhandled failure at startup; other programs use it for their own errors.',
    actions: [logsAction],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'exit.100-mongodb',
    code: 100,
    category: 'application-error',
    title: 'MongoDB server (mongod) failed with exit code 100',
    confidence: 0.6,
    benign: false,
    explanation:
      'mongod exits with 100 when it hits an unhandled error, most often at startup: the data directory is missing, not writable, locked by another instance, or holds files from an incompatible version.',
    actions: [
      'Check the data directory mount: it must exist, be writable by the mongod user, and not be shared by two replicas.',
      'Look for "DBPathInUse", "Unable to lock file" or "Permission denied" in the mongod log.',
      'Keep this container at one replica: two mongod processes cannot share a data directory.',
    ],
    links: [LINKS.storage],
  },
  {
    id: 'exit.125',
    code: 125,
    category: 'entrypoint-error',
    title: 'the container runtime could not run the container (exit code 125)',
    confidence: 0.55,
    benign: false,
    explanation:
      'Code 125 comes from the container runtime itself, before the app ran: an unknown flag in the run command, a problem between the runtime and the host, or a user in the image that is not allowed to do what the start requires.',
    actions: ['Check the command and args set on the app for invalid options.', 'Check the USER of the image.'],
    links: [LINKS.containers],
  },
  {
    id: 'exit.126',
    code: 126,
    category: 'entrypoint-error',
    title: 'the start command exists but cannot be executed (exit code 126)',
    confidence: 0.6,
    benign: false,
    explanation:
      'Code 126 means the shell found the command but could not run it: the file lacks the execute bit, is a directory, or its interpreter is missing.',
    actions: [
      'Add `RUN chmod +x {file|<script>}` to the Dockerfile (or `COPY --chmod=755`), or start the script through its interpreter (`sh {file|script.sh}`).',
      'Check the script\'s first line names an interpreter that exists in the image.',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'exit.127',
    code: 127,
    category: 'entrypoint-error',
    title: 'the start command was not found (exit code 127)',
    confidence: 0.6,
    benign: false,
    explanation:
      'Code 127 means the command (or a program it calls) does not exist at that path or is not on PATH inside the image.',
    actions: [
      ...SCRIPT_NOT_FOUND_STEPS,
      { fallback: true, text: 'Open a shell in the image locally and check the command path and PATH.' },
      { fallback: true, text: 'Check the command override on the app: a path that exists in the build stage may be missing in the final stage.' },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'exit.128',
    code: 128,
    category: 'application-error',
    title: 'the app passed an invalid value to exit (exit code 128)',
    confidence: 0.4,
    benign: false,
    explanation: 'Exit code 128 is reported when a program calls exit with a value outside 0..255 or a non-integer.',
    actions: [logsAction],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'exit.134',
    code: 134,
    category: 'crash-signal',
    title: 'the process aborted (exit code 134, SIGABRT)',
    confidence: 0.6,
    benign: false,
    explanation:
      'The process ended with SIGABRT: the program or one of its native libraries called abort(), typically on a failed assertion, a detected heap corruption, or a runtime that gives up (some out-of-memory handlers abort too).',
    actions: [
      // A JVM that crashed on SIGSEGV aborts too (134): its own report says where, not an assertion.
      ...ICU_STEPS,
      ...CATEGORY_TEXT['crash-signal'].actions.filter((a) => typeof a !== 'string' && a.when === JVM_CRASH),
      { unless: JVM_CRASH, fallback: true, text: 'Look for an assertion or "Aborted (core dumped)" in the console.' },
      ...nativeFallbackSteps(JVM_CRASH),
    ],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'exit.137',
    code: 137,
    // Filed as memory because eleven blind cases of fourteen with nothing but the kill are labelled so; the
    // title, the low confidence and the alternatives (unknown, forced-kill, storage) keep it a hypothesis.
    category: 'out-of-memory',
    title: 'killed with SIGKILL (exit code 137), possibly out of memory',
    confidence: 0.45,
    benign: false,
    explanation:
      'Exit code 137 means the process was killed with SIGKILL. That is not proof of running out of memory: it happens when the container exceeds its memory limit, but also when it ignores SIGTERM for longer than the termination grace period, when the node is under resource pressure, and when the replica exceeds its ephemeral storage. Memory-related console lines (heap exhaustion, "Killed"), a memory working set close to the limit in the metrics, or an OOM reason on the termination decide for memory; a "Stopping container" or SIGTERM line shortly before decides for a forced kill after the grace period.',
    actions: [
      { text: 'Compare the peak memory working set of the revision with its memory limit just before the exit.', command: MEMORY_METRIC },
      { absent: ['memoryLimit'], text: 'Read the memory limit the container runs with.', command: SHOW_RESOURCES },
      {
        needs: ['nextMemory', 'memoryLimit'],
        text: 'If memory was near the {memoryLimit} limit, raise the container to the next CPU/memory pair ({nextCpu} CPU, {nextMemory}), or lower the app\'s heap; this creates a new revision.',
        command: RAISE_MEMORY_NEXT,
      },
      { absent: ['nextMemory'], text: 'If memory was near the limit, raise the container memory (CPU and memory come in fixed pairs) or lower the app\'s heap.' },
      // A stop shortly before makes the engine read a forced kill instead, so this rule sees none: the other
      // silent SIGKILL is the replica's ephemeral storage filling up.
      // Not when the rows carry the app's own memory warning (dask's `Worker exceeded 95% memory budget`,
      // a `MemoryError` line; entities' memoryWarning): memory is then what the rows show (v24 review, case 92).
      {
        absent: ['memoryWarning'],
        text: 'If memory stayed low, check whether the app writes large scratch files to the container\'s own filesystem: a replica over its ephemeral storage is killed too; write them to a mounted volume.',
      },
    ],
    links: [LINKS.containers, LINKS.lifecycle],
  },
  {
    id: 'exit.139',
    code: 139,
    category: 'crash-signal',
    title: 'segmentation fault (exit code 139, SIGSEGV)',
    confidence: 0.6,
    benign: false,
    explanation:
      'The process touched memory it does not own and the kernel killed it with SIGSEGV. Common causes are native extensions built against another libc (alpine musl vs glibc), mismatched shared libraries, or a bug in native code.',
    actions: [
      'Check that native modules were built in the same base image as the one that runs them.',
      'Run the image locally with the same CPU architecture to reproduce and get a core dump.',
    ],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'exit.143',
    code: 143,
    category: 'scale-in',
    title: 'stopped with SIGTERM (exit code 143)',
    confidence: 0.4,
    benign: false,
    explanation:
      'Exit code 143 means the process was asked to stop with SIGTERM and did. The platform sends it on scale-in (down to zero with minReplicas 0), on a revision switch, on node moves and when a liveness or startup probe fails. Without evidence of a scale-in it is worth checking which of these happened.',
    actions: [
      'Check for KEDA scale-to-zero or revision deactivation events at the same time.',
      'Check for failed probes on the replica just before the stop.',
    ],
    links: [LINKS.scale, LINKS.lifecycle],
  },
  {
    id: 'exit.255',
    code: 255,
    category: 'application-error',
    title: 'the entrypoint exited with status 255',
    confidence: 0.4,
    benign: false,
    explanation:
      'Status 255 is what a program reports when it exits with -1 or a value out of range; it says the entrypoint failed but not why.',
    actions: [logsAction],
    links: [LINKS.troubleshooting],
  },
];

/** Readings that hold only when the console shows which runtime ran (see `exitCodeRule`). */
const RUNTIME_RULES: readonly ExitCodeRule[] = [
  {
    id: 'exit.150-dotnet',
    code: 150,
    category: 'missing-module',
    title: 'the .NET host could not find the runtime the app needs (exit code 150)',
    confidence: 0.7,
    benign: false,
    explanation:
      'The .NET host (dotnet / apphost) returns 150 when the shared framework the app was built for is not installed in the image: the app targets one .NET version and the base image carries another, or the app is framework-dependent on a runtime-deps image. It is not a signal.',
    actions: DOTNET_HOST_STEPS,
    links: [LINKS.containers],
  },
  {
    id: 'exit.2-go-panic',
    code: 2,
    category: 'application-error',
    title: 'the Go program panicked (exit code 2)',
    confidence: 0.55,
    benign: false,
    explanation:
      'A Go program exits with 2 when a panic is not recovered: the runtime prints "panic:" and the goroutine traces, then exits. Here 2 is not a shell usage error; the panic message names the cause.',
    actions: [logsAction, 'Read the "panic:" line and the first frame of the panicking goroutine.'],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'exit.134-dotnet',
    code: 134,
    category: 'application-error',
    title: 'the .NET app ended on an unhandled exception (exit code 134, SIGABRT)',
    confidence: 0.5,
    benign: false,
    explanation:
      'The .NET runtime aborts the process (SIGABRT, 134) when an exception goes unhandled, so 134 from a .NET app is not a native crash: the exception printed before it is the cause.',
    actions: [logsAction, 'Read the "Unhandled exception." line and the exception type it names.'],
    links: [LINKS.troubleshooting],
  },
];

/**
 * Signals whose default action does not end a process (it ignores them or only pauses): 128 + one of
 * these is an application-defined code, not a death by signal.
 */
const NON_TERMINATING = new Set([17, 18, 19, 20, 21, 22, 23, 28]);

/** Template for any 128+N code that has no entry of its own. */
const SIGNAL_TEMPLATE: Omit<ExitCodeRule, 'code'> = {
  id: 'exit.signal',
  category: 'crash-signal',
  title: 'killed by {signal} (exit code {exitCode})',
  confidence: 0.5,
  benign: false,
  explanation: '',
  actions: [logsAction],
  links: [LINKS.troubleshooting],
};

/** Template for codes that mean whatever the application decided. */
const APP_DEFINED_TEMPLATE: Omit<ExitCodeRule, 'code'> = {
  id: 'exit.app-defined',
  category: 'application-error',
  title: 'the app exited with application-defined code {exitCode}',
  confidence: 0.35,
  benign: false,
  explanation:
    'This exit code has no standard meaning; the application (or a library it uses) chose it. Its documentation or source says what the value stands for.',
  actions: [logsAction, 'Search the app\'s source for the exit call with this value.'],
  links: [LINKS.troubleshooting],
};

const byCode = new Map<number, ExitCodeRule>();
for (const r of EXIT_CODE_RULES) if (!r.id.endsWith('-mongodb')) byCode.set(r.code, r);

/** All rule ids the exit-code table can produce, for coverage tests. */
export const EXIT_RULE_IDS: readonly string[] = [
  ...EXIT_CODE_RULES.map((r) => r.id),
  ...RUNTIME_RULES.map((r) => r.id),
  SIGNAL_TEMPLATE.id,
  APP_DEFINED_TEMPLATE.id,
];

/** The runtime that wrote the console, when the engine could tell. */
export type Runtime = 'dotnet' | 'go' | 'jvm';

/**
 * The reading of one exit code. `image` lets code 100 recognise MongoDB; `runtime` lets a code mean what
 * that runtime means by it (.NET's 134 and 150, Go's 2).
 */
export function exitCodeRule(code: number, image?: string, runtime?: Runtime): ExitCodeRule {
  if (code === 100 && image && /mongo/i.test(image)) {
    const mongo = EXIT_CODE_RULES.find((r) => r.id === 'exit.100-mongodb');
    if (mongo) return mongo;
  }
  const special =
    (runtime === 'dotnet' && (code === 134 || code === 150)) || (runtime === 'go' && code === 2)
      ? RUNTIME_RULES.find((r) => r.code === code && r.id.endsWith(runtime === 'go' ? '-go-panic' : '-dotnet'))
      : undefined;
  if (special) return special;
  // The .NET host's 150 is recognisable without console lines when the image is a .NET one.
  if (code === 150 && image && /dotnet|aspnet/i.test(image)) return RUNTIME_RULES[0];
  const known = byCode.get(code);
  if (known) return known;
  const sig = signalForExitCode(code);
  if (sig && !NON_TERMINATING.has(sig.number)) {
    return {
      ...SIGNAL_TEMPLATE,
      code,
      category: sig.crash ? 'crash-signal' : SIGNAL_TEMPLATE.category,
      explanation: `Exit code ${code} is 128 + ${sig.number}: the process was ended by ${sig.name} (${sig.meaning}).`,
    };
  }
  return { ...APP_DEFINED_TEMPLATE, code };
}
