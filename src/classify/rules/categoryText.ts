import type { Category, DocLink } from '../../model';
import type { ConsoleRule } from '../types';
import { LINKS } from './links';

/**
 * Default explanation, actions and links per category. A rule that has nothing more precise to say
 * inherits these, so every finding carries advice even when the rule entry is one line long.
 */
export const CATEGORY_TEXT: Record<Category, { explanation: string; actions: string[]; links: DocLink[] }> = {
  'missing-configuration': {
    explanation:
      'The app looked for a setting (an environment variable, a secret, a configuration file) that is absent or empty in this revision, and stopped because it cannot run without it.',
    actions: [
      'Add the setting to the container\'s environment variables; for sensitive values store a secret and reference it with secretRef.',
      'Check the name for typos and case: environment variable names are case-sensitive on Linux.',
      'Deploying the change creates a new revision; confirm that revision becomes healthy.',
    ],
    links: [LINKS.envVars, LINKS.secrets],
  },
  'dependency-unreachable': {
    explanation:
      'The app tried to reach a service it depends on (database, cache, queue, API) at startup and could not: the name did not resolve, nothing listened on the port, the network path is blocked, or TLS failed.',
    actions: [
      'Check the host name and port the app is configured with; inside Container Apps, "localhost" is the replica itself, not another app.',
      'Check that the dependency is running and that its firewall or private endpoint admits the environment\'s outbound addresses or subnet.',
      'Make startup retry the connection with a back-off instead of exiting on the first failure.',
    ],
    links: [LINKS.networking, LINKS.troubleshooting],
  },
  'authentication-failure': {
    explanation:
      'A dependency rejected the app\'s credentials: a wrong or rotated password, an expired secret, a token for the wrong audience, or a managed identity that is not assigned or lacks a role.',
    actions: [
      'Check the credential the app uses (secret value, connection string) against the dependency; rotate it if it expired.',
      'When using managed identity, check the identity is assigned to the app, AZURE_CLIENT_ID names it for user-assigned identities, and it holds the needed role on the target.',
    ],
    links: [LINKS.identity, LINKS.secrets],
  },
  'application-error': {
    explanation:
      'The application raised an error it did not handle and the process ended. The exception and the lines around it in the console log say where.',
    actions: [
      'Read the full stack trace in the console log and fix the failing code path.',
      'Run the same image locally with the app\'s environment to reproduce.',
    ],
    links: [LINKS.startFailures, LINKS.logs],
  },
  'missing-module': {
    explanation:
      'Code the app needs at runtime (a package, module, class, assembly or shared library) is not in the image: it was not installed, installed in a build stage only, or installed for another runtime version.',
    actions: [
      'Check the dependency is declared (requirements.txt, package.json dependencies, pom.xml, .csproj, Gemfile) and installed in the final image stage.',
      'Rebuild the image and run it locally before deploying.',
    ],
    links: [LINKS.startFailures],
  },
  'entrypoint-error': {
    explanation:
      'The container could not start its command: the file does not exist, is not executable, was built for another CPU architecture, has Windows line endings in its shebang, or the script or arguments are malformed.',
    actions: [
      'Check the image\'s ENTRYPOINT/CMD and the command and args set on the container app.',
      'Build the image for linux/amd64 (`docker build --platform linux/amd64`).',
      'Convert scripts to LF line endings and mark them executable in the Dockerfile.',
    ],
    links: [LINKS.containers, LINKS.startFailures],
  },
  'permission-denied': {
    explanation:
      'The process was not allowed to do something at startup: write to a path owned by another user, or bind a port below 1024 as a non-root user.',
    actions: [
      'Give the image\'s USER ownership of the paths it writes (chown in the Dockerfile) or write to a mounted volume.',
      'Listen on a port above 1024 and set the ingress target port to it.',
    ],
    links: [LINKS.containers, LINKS.ingress],
  },
  'out-of-memory': {
    explanation:
      'The process ran out of memory: either its runtime hit its own heap limit, or the container exceeded its memory limit and the kernel killed it.',
    actions: [
      'Raise the container\'s memory (CPU and memory are allocated in fixed pairs) or reduce what the app holds in memory.',
      'Align the runtime\'s heap limit with the container limit (for example -XX:MaxRAMPercentage, --max-old-space-size).',
      'Watch the Memory Working Set Bytes metric to see how close to the limit the app runs.',
    ],
    links: [LINKS.containers],
  },
  'crash-signal': {
    explanation:
      'The process was ended by a fatal signal it raised itself (segmentation fault, abort, bus error), which points at native code or a library mismatch.',
    actions: [
      'Check that native dependencies were built for the base image and CPU architecture that run them.',
      'Reproduce locally with the same image and collect a core dump.',
    ],
    links: [LINKS.troubleshooting],
  },
  'port-misconfiguration': {
    explanation:
      'The app and the platform disagree on the port: the app could not bind its port, or it listens on a port or address (127.0.0.1) that the ingress and the health probes do not use.',
    actions: [
      'Make the app listen on 0.0.0.0 (all interfaces) on the ingress target port, or change the target port to the one the app uses.',
      'Make sure only one process in the container binds that port.',
    ],
    links: [LINKS.ingress, LINKS.probes],
  },
  'probe-failure': {
    explanation:
      'Health probes failed: the app did not answer on the probed port and path in time, so the platform restarted it or kept it out of rotation.',
    actions: [
      'Check that the probe port and path match what the app serves, and that the app answers within the probe timeout.',
      'Give slow starters a startup probe with a longer failure threshold or initial delay.',
    ],
    links: [LINKS.probes],
  },
  'image-pull-failure': {
    explanation: 'The platform could not pull the container image, so the container never started.',
    actions: [
      'Check the image name and tag exist in the registry.',
      'Check the registry credentials on the app, or that its managed identity has AcrPull on the registry.',
    ],
    links: [LINKS.imagePull, LINKS.containers],
  },
  'quota-exceeded': {
    explanation:
      'The environment ran out of capacity for new replicas: its core quota was reached, or no node could take the replica.',
    actions: [
      'Compare the environment\'s usage with its quota (`az containerapp env list-usages`) and request more if needed.',
      'Lower the CPU or replica count of apps and old revisions that hold cores.',
    ],
    links: [LINKS.quotas],
  },
  'storage-failure': {
    explanation: 'A disk problem stopped the app: a volume could not be mounted, or the disk or ephemeral storage filled up.',
    actions: [
      'Check the volume definition, the storage account key or share name, and network access to the share.',
      'Write large or growing files to a mounted volume instead of the container\'s ephemeral storage.',
    ],
    links: [LINKS.storage],
  },
  'forced-kill': {
    explanation:
      'The platform asked the process to stop (SIGTERM) and killed it (SIGKILL, exit 137) because it did not exit within the termination grace period.',
    actions: [
      'Handle SIGTERM: stop accepting work, finish in-flight requests and exit promptly.',
      'Make sure the app is PID 1 or that the entrypoint forwards signals (use `exec` in shell scripts, or an init like tini).',
      'Raise terminationGracePeriodSeconds if shutdown genuinely needs longer.',
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
      'Make the app write its startup errors to stderr and raise its log level, then reproduce.',
      'Check the console log of the failing replica in the Log stream blade.',
    ],
    links: [LINKS.troubleshooting, LINKS.logs],
  },
};

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
      actions: e.actions ?? text.actions,
      links: e.links ?? text.links,
    };
  });
}
