import type { RuleBase } from '../types';
import { CATEGORY_TEXT } from './categoryText';
import { LINKS } from './links';

/**
 * Findings the engine derives by weighing several pieces of evidence together (an exit against the app's
 * configuration, a probe failure against the port the app says it listens on). The conditions live in
 * the engine because they join rows; their wording and advice live here, as data.
 */
export const DERIVED_RULES = {
  memoryLimit: {
    id: 'config.memory-limit',
    category: 'out-of-memory',
    title: 'memory limit {memoryLimit} likely exceeded',
    confidence: 0.6,
    benign: false,
    explanation:
      'The container was killed with SIGKILL (exit 137) and its memory limit is {memoryLimit}. When the working set reaches the limit the kernel kills the process, which is the most common reason for 137 in Container Apps. Without memory lines in the console this remains likely rather than certain: a forced kill after SIGTERM, node pressure or exhausted ephemeral storage end the same way.',
    actions: [
      'Check the Memory Working Set Bytes metric against {memoryLimit} just before the exit.',
      {
        needs: ['nextMemory'],
        text: 'Raise {container|the container} to the next CPU/memory pair ({nextCpu} CPU, {nextMemory}); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --cpu {nextCpu} --memory {nextMemory}',
      },
      { absent: ['nextMemory'], text: 'Raise the memory (CPU and memory come in fixed pairs, e.g. 0.5 CPU/1Gi, 1 CPU/2Gi).' },
      {
        when: /heap|Xmx|max-old-space-size|MaxRAMPercentage/i,
        text: "Keep the runtime's heap cap below {memoryLimit} (about 75%), so the runtime reports its own out-of-memory error instead of being killed.",
      },
    ],
    links: [LINKS.containers],
  },
  forcedKill: {
    id: 'config.forced-kill',
    category: 'forced-kill',
    title: 'did not stop within the {gracePeriod}s grace period after SIGTERM and was killed',
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
      'The replica exited (with {exitCode|143}) after the platform asked it to stop. With minReplicas 0 (or a KEDA scale-to-zero event) this is the normal end of an idle replica, not a crash.',
    actions: ['No action needed. Set minReplicas to 1 or more if the app must stay warm.'],
    links: [LINKS.scale],
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
        text: 'Point ingress (and the default probes) at port {listenPort}, where the app listens; or make the app listen on {expectedPort} instead (many frameworks read PORT).',
        command: 'az containerapp ingress update -n {app} -g {resourceGroup} --target-port {listenPort}',
      },
      {
        text: 'If the container defines its own probes, point them at the same port.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].probes' -o json",
      },
    ],
    links: [LINKS.ingress, LINKS.probes],
  },
  loopbackListen: {
    id: 'config.loopback-listen',
    category: 'port-misconfiguration',
    title: 'app listens only on {listenAddress}:{listenPort}, unreachable from ingress and probes',
    confidence: 0.9,
    benign: false,
    explanation:
      'The app bound the loopback address, which only the replica itself can reach. Ingress and health probes connect from outside the container and are refused.',
    actions: [
      'Bind 0.0.0.0 (or [::]) on port {listenPort} instead of {listenAddress}: for example `--host 0.0.0.0`, `-b 0.0.0.0:{listenPort}`, or ASPNETCORE_URLS=http://+:{listenPort}.',
    ],
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
        command: 'az containerapp revision restart -n {app} -g {resourceGroup} --revision {revision}',
      },
    ],
    links: [LINKS.secrets],
  },
  configChange: {
    id: 'config.change-since-healthy',
    category: 'configuration-change',
    title: 'revision {toRevision|the failing revision} changed since healthy revision {fromRevision|}: {summary|see changes}',
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
    confidence: 0.3,
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
} satisfies Record<string, RuleBase>;

/**
 * Lines in which an app says where it listens, to compare with the ingress target port and probes. A
 * bracketed address is an IPv6 literal (at most 45 characters): bounded, so a row of "Running on [" repeats
 * does not rescan the rest of the row from each bracket.
 */
export const LISTEN_PATTERNS: readonly RegExp[] = [
  /[Ll]istening (?:on|at)(?: port)?:?\s+(?:(?:https?:\/\/)?(?<address>\[[^\]\s]{0,64}\]|[\w.*+-]+)?:)?(?<port>\d{2,5})\b/,
  /[Rr]unning (?:on|at) (?:https?:\/\/)?(?<address>\[[^\]\s]{0,64}\]|[\w.*+-]+):(?<port>\d{2,5})/,
  /(?:Tomcat|Netty|Jetty|Undertow) (?:started|initialized) (?:on|with) port(?:\(s\))?:? (?<port>\d{2,5})/,
  /[Ss]erver (?:running|started|listening) (?:on|at) (?:port )?(?:https?:\/\/)?(?:(?<address>\[[^\]\s]{0,64}\]|[\w.-]+):)?(?<port>\d{2,5})/,
  // Go's gin and friends: "Listening and serving HTTP on :8080".
  /[Ss]erving HTTPS? on (?:https?:\/\/)?(?<address>\[[^\]\s]{0,64}\]|[\w.*+-]+)?:(?<port>\d{2,5})\b/,
  // JSON and logfmt loggers (slog, zap, tracing): a "listening" message with the address in its own field.
  /[Ll]istening\b[^\n]{0,80}?\b(?:addr|address|listen)"?\s*[:=]\s*"?(?:https?:\/\/)?(?<address>\[[^\]"\s]{0,64}\]|[\w.*+-]+)?:(?<port>\d{2,5})\b/,
];

/** Addresses nothing outside the replica can reach. */
export const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\]|::1)$/i;
