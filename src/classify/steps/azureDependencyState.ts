/**
 * A managed dependency on an Azure host (Cache for Redis, PostgreSQL or MySQL flexible server) that refused
 * the connection or got no answer, where the steps only say in words "check its firewall, that it runs"
 * (review v24 B 55, 58: `*.redis.cache.windows.net` refused on 6380; B 74: a flexible server an init
 * container could not reach). Azure holds both answers: the resource's state and network access
 * (`az redis show`, `az postgres flexible-server show`) and its firewall rules (`... firewall-rule(s) list`),
 * read against the app's outbound addresses; the rule that admits an address missing from the list is
 * the service's own create command. Names come from the host the rows give; the resource group is read
 * when pasted (azureServices' lookup).
 */
import type { FindingStep } from '../../model';
import { OUTBOUND_ADDRESSES, RESTART_REVISION } from '../rules/commandTemplates';
import { azureResourceOf, firewallNames } from './azureServices';
import type { FixInput } from './fixCommands';
import { rowsOf } from './evidenceRows';

interface StateCheck {
  label: string;
  /** What the state read shows and what each value means. */
  show: string;
  showCommand: string;
  listCommand: string;
}

const CHECKS: Readonly<Record<string, StateCheck>> = {
  redis: {
    label: 'Azure Cache for Redis',
    show: 'provisioningState should be Succeeded (Updating or Scaling during maintenance or a scale operation drops connections); publicNetworkAccess Disabled means only a private endpoint reaches it; the TLS port is 6380 and the plain port 6379 is closed unless enableNonSslPort is true',
    showCommand: "az redis show -n {svcName} -g {svcGroup} --query '{state:provisioningState,publicNetworkAccess:publicNetworkAccess,sslPort:sslPort,nonSslPort:enableNonSslPort,privateEndpoints:privateEndpointConnections[].id}' -o json",
    listCommand: 'az redis firewall-rules list -n {svcName} -g {svcGroup} -o table',
  },
  postgres: {
    label: 'Azure Database for PostgreSQL flexible server',
    show: 'state should be Ready (Stopped, Starting or Updating refuses connections); network.publicNetworkAccess Disabled or a delegated subnet means only that VNet reaches it',
    showCommand: "az postgres flexible-server show -n {svcName} -g {svcGroup} --query '{state:state,network:network}' -o json",
    listCommand: 'az postgres flexible-server firewall-rule list -n {svcName} -g {svcGroup} -o table',
  },
  mysql: {
    label: 'Azure Database for MySQL flexible server',
    show: 'state should be Ready (Stopped, Starting or Updating refuses connections); network.publicNetworkAccess Disabled or a delegated subnet means only that VNet reaches it',
    showCommand: "az mysql flexible-server show -n {svcName} -g {svcGroup} --query '{state:state,network:network}' -o json",
    listCommand: 'az mysql flexible-server firewall-rule list -n {svcName} -g {svcGroup} -o table',
  },
};

/** A refusal or no answer at all, as clients word it (PgJDBC's and Connector/J's say neither outright). */
const NOT_REACHED = /ECONNREFUSED|Connection refused|refused the connection|timed? ?out|ETIMEDOUT|EHOSTUNREACH|No route to host|could not connect to server|Connection to [\w.-]{1,200}:\d{1,5} refused|Is the server running|The connection attempt failed|Communications link failure/i;
/** A name that does not resolve or a certificate not trusted: the server's state and firewall are not the lead. */
const NOT_NETWORK = /could not translate host name|Name or service not known|getaddrinfo|ENOTFOUND|no such host|UnknownHostException|Temporary failure in name resolution|x509|certificate verify failed|PKIX path building failed|self[- ]signed certificate|WRONGPASS|password authentication failed|NOAUTH/i;
const THEN_RESTART = /[;,] then restart the revision\.?$/;
const RESTART = /^az containerapp (?:revision restart|job start) /;
/** The command-less step that asks for this check in words. */
const ASKS = /firewall|reachable|is running|runs there|private endpoint/i;

function fill(command: string, names: Record<string, string>): string {
  return command.replace(/\{(svcName|svcGroup|fwRule|fwRuleAlnum)\}/g, (m, k: string) => names[k] ?? m);
}

function dependencyState(input: FixInput): FindingStep[] {
  const { f, steps } = input;
  if (f.benign || f.category !== 'dependency-unreachable') return steps;
  const rows = rowsOf(f).join('\n');
  if (!NOT_REACHED.test(rows) || NOT_NETWORK.test(rows)) return steps;
  const r = azureResourceOf(input.names.host, rows);
  const check = r ? CHECKS[r.service.key] : undefined;
  if (!r || !check) return steps;
  // The firewall steps (serviceSteps) or another pass already carry this service's commands.
  if (steps.some((s) => /^az (?:redis|postgres|mysql) /.test(s.command ?? ''))) return steps;
  // The ask may carry the restart that follows the fix (review B 74): the reads then come before it.
  const at = steps.findIndex((s) => ASKS.test(s.text) && (!s.command || RESTART.test(s.command)));
  if (at < 0) return steps;
  const names = firewallNames(r, input.target.app, rows);
  const what = `${check.label} ${r.name}`;
  const made: FindingStep[] = [
    input.make({ text: `Read ${what}'s state and network access: ${check.show}.`, command: fill(check.showCommand, names) }),
    input.make({ text: `List ${what}'s firewall rules, to compare with the app's outbound addresses (next command).`, command: fill(check.listCommand, names) }),
  ];
  if (!steps.some((s) => s.command?.includes('properties.outboundIpAddresses'))) made.push(input.make({ text: "The app's outbound addresses, the ones the firewall must admit.", command: OUTBOUND_ADDRESSES }));
  if (names.firewallCommand) {
    made.push(input.make({ text: `If an outbound address is not in the list, admit it (replace <outbound-ip>, once per address)${names.cliNote ? ` (${names.cliNote})` : ''}; a Consumption environment's outbound addresses can change, so for a fixed path reach it through a private endpoint from the environment's VNet instead.`, command: fill(names.firewallCommand, names) }));
  }
  // An ask that ends "then restart the revision" gets its restart after the reads and the rule (a later
  // pass would hang it on the ask, before the fix): a restart before the fix changes nothing.
  const ask = steps[at]!;
  const text = ask.text.replace(THEN_RESTART, '.');
  const restarts = ask.command ? ask.command : text !== ask.text ? RESTART_REVISION : undefined;
  const restart = restarts ? [input.make({ text: 'After changing the server (started, a rule added), restart the revision so the app connects again.', command: restarts })] : [];
  return [...steps.slice(0, at), { ...ask, text, command: undefined }, ...made, ...restart, ...steps.slice(at + 1)];
}

export const AZURE_DEPENDENCY_STATE_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [dependencyState];
