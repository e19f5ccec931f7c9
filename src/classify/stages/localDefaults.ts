import type { AppConfig } from '../../model';
import { DERIVED_RULES } from '../rules/configRules';
import { removedVariable } from './configChecks';
import { addEvidence, draft, type Draft } from './draft';

/**
 * Stage 5c, local defaults: a dependency "unreachable" at localhost is rarely a network problem.
 *
 * Nothing but the app (and its sidecars) listens inside a replica, so a client that dials 127.0.0.1 or
 * localhost on a broker's or a database's port is using its library's default: the setting that should
 * name the real host is missing or empty (`ENOTFOUND undefined` is the same failure with no default).
 * The finding says so, names the variable a change since the healthy revision removed when there is
 * one, and keeps the refused connection as its evidence.
 */

const LOCAL_HOST = /^(?:127\.0\.0\.1|localhost|::1|\[::1\]|0\.0\.0\.0|undefined|null)$/i;
/** Ports sidecars listen on inside the replica (Dapr's HTTP and gRPC ports): dialling them locally is right. */
const SIDECAR_PORTS = new Set(['3500', '3501', '50001', '50002']);

export function localDefaults(drafts: Draft[], config: AppConfig | undefined): void {
  const local = drafts.find(
    (d) => d.category === 'dependency-unreachable' && !d.benign && LOCAL_HOST.test(d.names.host ?? '') && !SIDECAR_PORTS.has(d.names.port ?? ''),
  );
  if (!local) return;
  // Without a variable the change removed, a local address can also be a sidecar or a peer in the same
  // replica: say what localhost means, but keep the unreachable reading.
  const variable = removedVariable(config);
  if (!variable) {
    local.explanationExtra.push(`${local.names.host ?? 'localhost'} is the replica itself: unless a sidecar serves this port, the app is using its library's default address because the setting that names the service is unset or empty.`);
    return;
  }
  const names: Record<string, string> = { host: local.names.host ?? 'localhost' };
  if (local.names.port) names.port = local.names.port;
  names.envVar = variable;
  const d = draft(DERIVED_RULES.localDefaultHost, names, 'config');
  d.explanationExtra.push(`The change since the last healthy revision removed ${variable}.`);
  addEvidence(d, local.evidence.slice(0, 3));
  d.times.push(...local.times);
  for (const r of local.replicas) d.replicas.add(r);
  d.lastWords = local.lastWords;
  d.alternatives = ['dependency-unreachable'];
  local.confidence = Math.min(local.confidence, 0.5);
  local.consequenceOf = d.rule.id;
  drafts.push(d);
}
