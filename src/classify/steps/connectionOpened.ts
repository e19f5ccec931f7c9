/**
 * A dependency the rows show the app connected to, and that then closed the connection at the first
 * request (EOF, a reset, a failed handshake): the network path works, since a security group, a route or
 * a firewall that blocks it drops the connection before it opens. Checking them chases a block that does
 * not exist (review v23 #2: Sarama "Connected to broker at 10.0.0.10:8725", then "EOF" on the metadata
 * request). What closes an open connection at once is a protocol mismatch: a client speaking plaintext to
 * a TLS or SASL listener, or TLS to a plaintext one.
 */
import type { Finding, FindingStep } from '../../model';
import { PUBLIC_PATH } from './privateNetwork';
import { rowsOf } from './evidenceRows';

/** The client's own line that the TCP connection opened (Sarama, librdkafka, Go and JVM clients). */
const OPENED = /\bConnected to (?:broker )?(?:at )?[\w.-]{1,200}:\d{2,5}\b|\bconnection established\b|\bconnected to [\w.-]{1,200}:\d{2,5}\b/i;
/** The server closed it at the first exchange. */
const CLOSED = /(?:^|[\s:"'])EOF\b|\bConnection reset by peer\b|\bECONNRESET\b|\bunexpected EOF\b|\bhandshake (?:failed|failure)\b|\bSSL_connect\b|\bwrong version number\b|\bdisconnected while requesting\b/i;
/** The rows also show a name that did not resolve or a connection that got no answer: then the path is in doubt. */
const NOT_OPENED = /timed? ?out|ETIMEDOUT|EHOSTUNREACH|No route to host|network is unreachable|ECONNREFUSED|Connection refused|no such host|ENOTFOUND|Name or service not known/i;

/** Network-path steps: the VNet subnet and its security groups, the private DNS link, the public firewall. */
const NETWORK_PATH = /^az (?:containerapp env show .*vnetConfiguration|network (?:vnet subnet show|private-dns link))/;

/** The rows show a connection that opened and was then closed, and nothing that says the path is blocked. */
export function openedThenClosed(f: Finding): boolean {
  const rows = rowsOf(f);
  return rows.some((r) => OPENED.test(r)) && rows.some((r) => CLOSED.test(r)) && !rows.some((r) => NOT_OPENED.test(r));
}

/** What a client of each kind sets for its protocol, for the step's wording. */
function protocolSetting(rows: string): string {
  if (/sarama|kafka|broker/i.test(rows)) return "the client's security protocol (security.protocol SSL, SASL_SSL or SASL_PLAINTEXT in librdkafka and Java clients; Net.TLS.Enable and Net.SASL.Enable in Sarama)";
  return "the client's TLS setting (a tls=true or sslmode option, or an https/rediss/amqps scheme in the URL)";
}

/**
 * In place of the network-path steps: the protocol check, since the rows show the path works.
 * Near misses: rows that also time out or are refused keep their steps.
 */
export function protocolMismatchSteps(f: Finding, steps: FindingStep[], names: Record<string, string>): FindingStep[] {
  if (f.benign || f.category !== 'dependency-unreachable' || !openedThenClosed(f)) return steps;
  const rows = rowsOf(f).join('\n');
  const where = names.address ?? names.host;
  const target = where ? `${where}${names.port ? `:${names.port}` : ''}` : 'the dependency';
  const lead: FindingStep = {
    text: `The app connected to ${target} and the server closed the connection at the first request: the network path works (security groups, routes and firewalls drop a connection before it opens), so they are not the lead. A server closes an open connection at once when the client speaks another protocol than its listener: plaintext to a TLS or SASL listener, or TLS to a plaintext one. Check which protocol the listener on ${names.port ? `port ${names.port}` : 'that port'} expects, and set ${protocolSetting(rows)} to match; check too that the server is healthy.`,
  };
  const rest = steps.filter((s) => !NETWORK_PATH.test(s.command ?? '') && !PUBLIC_PATH.test(s.command ?? '') && !(!s.command && /firewall|network security group|route table/i.test(s.text)));
  const at = rest.findIndex((s) => !/^Roll back/.test(s.text));
  return at < 0 ? [...rest, lead] : [...rest.slice(0, at), lead, ...rest.slice(at)];
}
