/**
 * A dependency that the app cannot reach at a private address (10/8, 172.16/12, 192.168/16) or through a
 * privatelink host sits in a VNet: the path runs from the Container Apps environment's subnet to the
 * target's subnet, so a public firewall rule for the app's outbound addresses does not apply. The steps
 * lead with the network security groups and route tables on that path and the private DNS zone link.
 */
import type { Finding, FindingStep } from '../../model';
import { NO_ANSWER, REFUSED } from '../rules/categoryText';

type Make = (step: FindingStep) => FindingStep;

/** An RFC 1918 address. */
export function isPrivateAddress(address: string | undefined): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(address ?? '');
  if (!m) return false;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** A private endpoint's host name: `<name>.privatelink.<service zone>`. */
const PRIVATELINK_HOST = /^[\w-]{1,63}\.(privatelink\.[\w.-]{3,200})$/i;

/** The private DNS zone a private endpoint of each service resolves through. */
const ZONES: readonly [RegExp, string][] = [
  [/\.postgres\.database\.azure\.com$/i, 'privatelink.postgres.database.azure.com'],
  [/\.mysql\.database\.azure\.com$/i, 'privatelink.mysql.database.azure.com'],
  [/\.database\.windows\.net$/i, 'privatelink.database.windows.net'],
  [/\.redis\.cache\.windows\.net$/i, 'privatelink.redis.cache.windows.net'],
  [/\.servicebus\.windows\.net$/i, 'privatelink.servicebus.windows.net'],
  [/\.vault\.azure\.net$/i, 'privatelink.vaultcore.azure.net'],
  [/\.documents\.azure\.com$/i, 'privatelink.documents.azure.com'],
  [/\.blob\.core\.windows\.net$/i, 'privatelink.blob.core.windows.net'],
];

/** A flexible server in a delegated subnet (VNet integration) resolves through the zone it was created with. */
function flexible(host: string | undefined): string {
  const m = host ? /^([\w-]{1,63})\.(postgres|mysql)\.database\.azure\.com$/i.exec(host) : null;
  return m ? ` A flexible server in a delegated subnet (not a private endpoint) uses the zone it was created with instead, often ${m[1]}.private.${m[2]}.database.azure.com.` : '';
}

/** The commands that open a public path: the outbound addresses and a service's IP firewall rule. */
// A job reads its outbound addresses with `containerapp job show` (review v23 #23): the same public path.
export const PUBLIC_PATH = /^az (?:containerapp (?:job )?show .*--query properties\.outboundIpAddresses|\S+(?: \S+)? (?:flexible-server )?firewall-rules? (?:rule )?create|(?:acr|storage account|keyvault) network-rule add|\S+ namespace network-rule-set ip-rule add|cosmosdb show .*ipRules)/;
/** Commandless advice about a public firewall for the outbound addresses. */
const PUBLIC_TEXT = /outbound (?:IP )?address/i;

/** The private address or privatelink host, and the DNS zone to check, when the rows show one. */
export function privateTarget(names: Record<string, string>): { address?: string; host?: string; zone?: string } | undefined {
  const host = names.host && !/^\d/.test(names.host) ? names.host : undefined;
  const address = [names.address, names.host].find(isPrivateAddress);
  const privatelink = host ? PRIVATELINK_HOST.exec(host)?.[1] : undefined;
  if (!address && !privatelink) return undefined;
  const zone = privatelink ?? (host ? ZONES.find(([re]) => re.test(host))?.[1] : undefined);
  return { ...(address ? { address } : {}), ...(host ? { host } : {}), ...(zone ? { zone } : {}) };
}

/**
 * The VNet steps in place of the public firewall ones, for an unreachable dependency at a private address.
 * A name that did not resolve is DNS (serviceSteps' dnsInsteadOfFirewall), not this.
 */
export function privateNetworkSteps(f: Finding, steps: FindingStep[], names: Record<string, string>, make: Make, recovered = false): FindingStep[] {
  if (f.benign || f.category !== 'dependency-unreachable') return steps;
  // A one-off the next start got past: the path works, so there is nothing in the network to check.
  if (recovered) return steps;
  const t = privateTarget(names);
  if (!t) return steps;
  // Refused means the host answered: the path is open and the server is down or not listening there
  // (the category's steps say so). Security groups and routes drop packets, which times out instead.
  if (refusedNotDropped(f)) return steps;
  const where = t.host && t.address ? `${t.host} (${t.address})` : (t.address ?? t.host!);
  const port = names.port ? ` on port ${names.port}` : '';
  const made: FindingStep[] = [
    make({
      text: `${where} is a private address: the path runs inside the VNet, from the Container Apps environment's subnet to the target's subnet, so a public firewall rule for the app's outbound addresses does not apply. Read the environment's infrastructure subnet.`,
      command: 'az containerapp env show -n {environment|<environment-name>} -g {resourceGroup} --query properties.vnetConfiguration.infrastructureSubnetId -o tsv',
    }),
    make({
      text: `Check the network security group and route table on that subnet (replace <infrastructure-subnet-id> with the id above), and on the target's subnet: the rules must allow TCP${port} from the environment's subnet to ${t.address ?? 'the target'} (outbound here, inbound there), and a route that sends traffic to a firewall appliance must let it through.`,
      command: "az network vnet subnet show --ids <infrastructure-subnet-id> --query '[networkSecurityGroup.id,routeTable.id]' -o tsv",
    }),
  ];
  if (t.zone) {
    made.push(make({
      text: `Check that the private DNS zone ${t.zone} is linked to the environment's VNet (replace <zone-resource-group> with the zone's resource group), so the name resolves to the private address from the replicas.${flexible(t.host)}`,
      command: `az network private-dns link vnet list -g <zone-resource-group> -z ${t.zone} -o table`,
    }));
  }
  const rest = steps.filter((s) => !PUBLIC_PATH.test(s.command ?? '') && !(!s.command && PUBLIC_TEXT.test(s.text) && /firewall/i.test(s.text)));
  // A DNS-zone step already there for the same zone stays; ours would repeat it.
  const fresh = made.filter((m) => !rest.some((s) => s.command && s.command === m.command));
  const at = rest.findIndex((s) => !/^Roll back/.test(s.text));
  return at < 0 ? [...rest, ...fresh] : [...rest.slice(0, at), ...fresh, ...rest.slice(at)];
}

/** The rows say the connection was refused (or reset) and never that it timed out or found no route. */
export function refusedNotDropped(f: Finding): boolean {
  const rows = (Array.isArray(f.evidence) ? f.evidence : []).map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : ''));
  return rows.some((r) => REFUSED.test(r)) && !rows.some((r) => NO_ANSWER.test(r));
}
