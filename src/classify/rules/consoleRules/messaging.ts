import { consoleFamily } from '../categoryText';
import { ROLE_STEPS } from './identity';
import { LINKS } from '../links';
import { RESTART_REVISION, SHOW_ENV_NAMES } from '../commandTemplates';

/** Message brokers: Azure Service Bus and Event Hubs (AMQP and their Kafka endpoint), RabbitMQ, Kafka. */
export const MESSAGING_RULES = consoleFamily('messaging', [
  {
    id: 'console.azure.messaging-claim',
    category: 'authentication-failure',
    title: 'Service Bus / Event Hubs refused the operation: the {claim} claim is missing',
    // Both brokers word a missing data-plane right the same way, whatever the SDK language, sometimes listing
    // several claims ('Listen,Manage,SubscriptionRuleRead'). The administration endpoint (creating or reading
    // queues, topics, subscriptions: what MassTransit and NServiceBus do at start) answers "Manage,EntityRead claims
    // required", and the .NET client's UnauthorizedAccessException names the operation it refused instead.
    pattern:
      /Unauthorized access\. '(?<claim>[A-Za-z]{2,30}(?:,[A-Za-z]{2,30}){0,5})' claim\(s\) (?:are|is) required|\b(?<claim_2>Manage)(?:,[A-Za-z]{2,30}){0,5} claims required for this operation|\bUnauthorized access for '(?<operation>\w{2,80})' operation on endpoint '/,
    keywords: ['claim(s)', 'claims required for this operation', 'unauthorized access for '],
    // The first claim listed is the right the credential lacks; creating or changing an entity needs Manage.
    // Operations named on the endpoint (CreateOrUpdateSubscription, GetQueue) are administration: Manage.
    normalizeNames: (n) => ({ ...n, claim: n.claim?.split(',')[0] ?? 'Manage' }),
    confidence: 0.93,
    explanation:
      'The broker accepted the connection but the credential lacks the right for this operation: a shared access policy without {claim}, or an identity without the matching data role (Azure Service Bus / Event Hubs Data Sender or Data Receiver).',
    actions: [
      ...ROLE_STEPS,
      { absent: ['dataRole'], text: 'Grant the app\'s managed identity the Data Sender (Send), Data Receiver (Listen) or Data Owner (Manage: creating queues, topics and subscriptions) role on the namespace or entity, or use a SAS policy that has the {claim} right.' },
      { needs: ['dataRole'], text: 'Or, with a connection string, use a shared access policy that has the {claim} right.' },
      'Check the connection string or identity points at the intended namespace and entity.',
      {
        when: /'Manage'|Manage,|operation on endpoint/,
        text: 'Manage is needed by a messaging library that creates its topology at start (NServiceBus installers, MassTransit topology configuration); to run least-privilege, create the queues, topics and subscriptions out of band and turn that provisioning off.',
      },
    ],
    links: [LINKS.identity],
  },
  {
    id: 'console.mq.rabbit-unreachable',
    category: 'dependency-unreachable',
    title: 'the RabbitMQ broker {host|} could not be reached',
    // The clients' own words when no broker endpoint answers: the .NET client (and MassTransit, which logs the
    // broker URI it tried) and pika; Bunny has its own rule. They retry in the background, so the app often keeps running (and
    // failing its readiness check) rather than exiting.
    pattern:
      /\bBrokerUnreachableException: None of the specified endpoints were reachable|\bConnection Failed: (?<host>rabbitmqs?:\/\/[\w.@:-]{1,200}\/?)|\bpika\.exceptions\.AMQPConnectionError\b|\bBunny::TCPConnectionFailed(?:ForAllHosts)?\b/,
    keywords: ['brokerunreachableexception', 'connection failed: rabbitmq', 'amqpconnectionerror'],
    confidence: 0.86,
    explanation:
      'The app could not open a connection to its RabbitMQ broker: the host it is given does not answer on the AMQP port (a wrong or missing host setting, localhost inside a container, the broker down or not reachable from the environment).',
    actions: [
      'Check the broker host and port the app is given (its RabbitMQ host setting or connection URI) and that the broker accepts connections on 5672 (5671 with TLS) from the environment; inside a container, localhost is the replica itself, not the broker.',
    ],
  },
  {
    id: 'console.mq.rabbit-access-refused',
    category: 'authentication-failure',
    title: 'RabbitMQ refused the login',
    // Go's amqp091-go (and streadway/amqp before it) words the broker's 403 on connection.start-ok as
    // `Exception (403) Reason: "username or password not allowed"` (its quotes escaped when a wrapper logs it as a value).
    pattern: /ACCESS_REFUSED - Login was refused|ACCESS_REFUSED.{0,40}authentication mechanism|\bException \(403\) Reason: \\?"username or password not allowed\b/,
    keywords: ['access_refused', 'username or password not allowed'],
    confidence: 0.93,
    explanation:
      'The RabbitMQ broker rejected the user name or password (or the user may not log in to that virtual host), so the app could not open its connection.',
    actions: [
      'Check the broker user and password the app is given (secret value, connection URI) and that the user has access to the virtual host.',
    ],
  },
  {
    id: 'console.mq.ibm-not-authorized',
    category: 'authentication-failure',
    title: 'the IBM MQ queue manager refused the credentials (MQRC_NOT_AUTHORIZED 2035)',
    // IBM MQ's JMS wording (JMSWMQ2013) and the reason code (2035 MQRC_NOT_AUTHORIZED) it carries: a refusal by
    // the queue manager, whatever Java wrapper or "Caused by" prints it.
    pattern: /\bJMSWMQ2013\b(?:.{0,200}?host name '(?<host>[\w.-]{1,120})(?:\(\d{1,5}\))?')?|\bMQRC_NOT_AUTHORIZED\b/,
    keywords: ['jmswmq2013', 'mqrc_not_authorized'],
    confidence: 0.93,
    explanation:
      'The queue manager refused the connection because the user, password or channel authentication rules do not admit the app (reason 2035, MQRC_NOT_AUTHORIZED).',
    actions: [
      'Check the MQ user and password the app is given (ibm.mq.user/password or the secret behind them) and the channel authentication records (CHLAUTH) on the server-connection channel it uses.',
    ],
  },
  {
    id: 'console.kafka.sasl-auth',
    category: 'authentication-failure',
    title: 'the Kafka broker rejected the SASL credentials',
    // Go's sarama: after the SASL handshake the broker (Event Hubs' Kafka endpoint among them) closes the
    // connection instead of answering a refused PLAIN/SCRAM exchange, so the client reads EOF while
    // authenticating. A timeout or reset there is the network's, not the credentials'.
    pattern:
      /SaslAuthenticationException|failed authentication due to: |Authentication failed during authentication due to invalid credentials|\bFailed to read response(?: header)? while authenticating with SASL to broker [\w.-]{1,200}:\d{2,5}: EOF\b/,
    keywords: ['saslauthenticationexception', 'failed authentication due to', 'authentication failed during authentication', 'while authenticating with sasl'],
    confidence: 0.92,
    explanation:
      'The Kafka client could not authenticate. Against the Event Hubs Kafka endpoint the user name must be $ConnectionString and the password a full connection string (or OAUTHBEARER with an identity that holds an Event Hubs data role).',
    actions: [
      'Check sasl.mechanism, sasl.jaas.config and security.protocol=SASL_SSL against the broker.',
      'For Event Hubs, use user $ConnectionString with the namespace connection string, or grant the identity a Data Sender/Receiver role.',
    ],
  },
  {
    id: 'console.kafka.broker-unavailable',
    category: 'dependency-unreachable',
    title: 'Kafka broker {host|}{:port} could not be reached',
    // The client prints the node as `host/ip:port`, or `/ip:port` when it was given an address, not a name.
    pattern:
      /Connection to node -?\d+ \((?:(?<host>[\w.-]+)(?:\/[\d.]+)?|\/(?<host_2>[\d.]{7,15}))?:(?<port>\d+)\) could not be established|Broker may not be available|Timed out waiting for a node assignment|\b(?<exception>kafka\.errors\.NoBrokersAvailable)\b|\bclient has run out of available brokers\b/,
    // kafka-python raises NoBrokersAvailable when no bootstrap server answers (only the raised class counts,
    // not an import of it); Go's sarama says it ran out of brokers.
    keywords: ['could not be established', 'broker may not be available', 'waiting for a node assignment', 'kafka.errors.nobrokersavailable', 'run out of available brokers'],
    confidence: 0.84,
    explanation:
      'The Kafka client could not open a connection to any bootstrap broker: the address or port is wrong, the broker is down, or the network path (firewall, private endpoint, TLS port 9093 vs plain 9092) is blocked.',
  },
  {
    id: 'console.azure.messaging-timeout',
    category: 'dependency-unreachable',
    title: 'the AMQP connection to Service Bus / Event Hubs {host|}{:port} timed out',
    // The .NET Azure.Messaging SDKs name a connection that never completed by its reason in parentheses
    // (ServiceTimeout, ServiceCommunicationProblem), the AMQP layer's "did not complete within the allocated
    // time ... for object <namespace>:5671" names the endpoint, "for object tls92030" (tcp, connection) its
    // transport that never opened (the same words "for object request16", a
    // single request, are not a connection), and the receive-link error (NServiceBus, Functions) names the link it
    // could not create. An unhandled exception and exit 134 follow: the broker's port is the cause.
    pattern:
      /\bThe operation did not complete within the allocated time [\d:.]{1,20} for object (?:(?<host>[\w-]{1,63}(?:\.[\w-]{1,63}){1,10}):(?<port>\d{2,5})|(?:tls|tcp|connection)\d{1,12}\b)|\b(?:ServiceBus|EventHubs)Exception: .{0,300}?\((?<reason>ServiceTimeout|ServiceCommunicationProblem)\)|\bwhile creating (?:receive|send) link for\b.{0,400}?(?:SocketException \((?:110|10060)\)|timed out)/,
    keywords: ['did not complete within the allocated time', 'servicetimeout', 'servicecommunicationproblem', 'creating receive link for', 'creating send link for'],
    confidence: 0.86,
    explanation:
      'The client could not open (or keep) its AMQP connection to the namespace within its timeout: outbound AMQP on port 5671/5672 is blocked from the environment (an NSG, a firewall, a route table that sends traffic through one), the namespace is reached through a private endpoint the VNet cannot route to, or the namespace firewall does not admit the environment\'s outbound address. The crash that follows is the SDK giving up.',
    actions: [
      {
        decisive: true,
        text: 'Allow outbound TCP 5671 and 5672 from the environment\'s subnet to {host|the namespace} (NSG rules, firewall, user-defined routes), or switch the client to AMQP over WebSockets (port 443: `TransportType = AmqpWebSockets`, or `TransportType=AmqpWebSockets` in the connection string), then restart.',
      },
      'With a private endpoint, check that {host|the namespace} resolves to its private address from a replica (`nslookup` in a console session) and that the namespace\'s networking admits the environment\'s subnet or outbound IP.',
      { text: 'Restart the revision once the path is open.', command: RESTART_REVISION },
    ],
    links: [LINKS.networking],
  },
  {
    id: 'console.azure.messaging-unreachable',
    category: 'dependency-unreachable',
    title: 'the Service Bus / Event Hubs namespace {host|} could not be reached',
    // The Python Service Bus and Event Hubs SDKs add this hint to a connection they could not open (uamqp), or
    // name the socket error behind it (pyamqp: `Failed to initiate the connection due to exception: [Errno ...]`).
    pattern:
      /[Pp]lease confirm target hostname exists:? b?['"]?(?<host>[\w.-]{1,253})|\bFailed to initiate the connection due to exception: .{0,200}?Error condition: (?:amqp:socket-error|ErrorCondition\.SocketError)/,
    keywords: ['confirm target hostname exists', 'failed to initiate the connection'],
    confidence: 0.86,
    explanation:
      'The SDK could not open an AMQP connection to the namespace: its name does not resolve from the environment (a typo, a deleted namespace, a private endpoint without its private DNS zone linked to the VNet), or outbound AMQP (5671) and AMQP over WebSockets (443) are blocked.',
    actions: [
      'Check the namespace host name the app is given, and resolve it from a replica (`nslookup {host|<namespace>.servicebus.windows.net}` in a console session).',
      'With a private endpoint, link the privatelink.servicebus.windows.net DNS zone to the environment\'s VNet; otherwise allow outbound 5671 and 443 to the namespace (or switch the client to AMQP over WebSockets).',
    ],
  },
  {
    id: 'console.pulsar.auth',
    category: 'authentication-failure',
    title: 'the Pulsar broker rejected the client\'s credentials',
    // The Java client (and the proxy, which relays it in a lookup's errorMsg) raises
    // PulsarClientException$AuthenticationException when the broker's provider refuses the token or certificate.
    pattern: /\b(?<exception>PulsarClientException\$AuthenticationException)\b/,
    keywords: ['pulsarclientexception$authenticationexception'],
    confidence: 0.9,
    explanation:
      'The Pulsar broker (or proxy) refused the client\'s authentication: the JWT is expired, signed with another key, or for a role the broker does not know, or the client sends no credentials while the broker requires them (authenticationEnabled with a token or TLS provider).',
    actions: [
      'Check the token or certificate the client is given against the broker\'s authentication provider (the signing key and the role it names), issue a current one, and restart the revision so the client reads it.',
    ],
  },
  {
    id: 'console.workflow.namespace-not-found',
    category: 'missing-configuration',
    title: 'the workflow namespace {entity|the worker names} does not exist on the server',
    // Temporal's frontend answers a namespace nobody registered ("Namespace default is not found."), Cadence
    // a domain ("EntityNotExistsError{Message: Domain samples-domain does not exist.}"). The server is
    // reachable; the name the worker is configured with is not there.
    pattern:
      /\bNamespace (?<entity>[\w.-]{1,100}) is not found\b|\bEntityNotExistsError\{Message: Domain:? (?<entity_2>[\w.-]{1,100}) does not exist\b/,
    keywords: ['namespace', 'entitynotexistserror'],
    confidence: 0.86,
    explanation:
      'The workflow server answered, but the namespace (domain in Cadence) the worker or client is configured with is not registered on it: the server was set up without it (only the auto-setup image and the dev server create "default"), the name is misspelt, or the client points at another cluster.',
    actions: [
      'Register namespace {entity|the worker uses} on the server (temporal operator namespace create, or cadence domain register), or point the worker\'s namespace setting at one that exists, then restart the revision.',
    ],
  },
  {
    id: 'console.erlang.own-node-name-unresolvable',
    category: 'missing-configuration',
    title: 'the node name host {host} does not resolve to this replica',
    // epmd (the Erlang port mapper) registers the node under its OWN name at boot: RabbitMQ's "ERROR: epmd
    // error for host rabbitmq-0.rabbitmq-headless.db.svc.cluster.local: nxdomain (non-existing domain)", or
    // "address (cannot connect to host/port)" when the name resolves to an address that is not this host.
    // The host is the server's node name (RABBITMQ_NODENAME with RABBITMQ_USE_LONGNAME, a Kubernetes headless
    // service name), not a dependency: the earlier corpora read it as configuration, and so does this rule.
    pattern: /\bepmd error for host (?<host>[\w.-]{1,253}): (?:nxdomain|address \(cannot connect to host\/port\))/,
    keywords: ['epmd error for host'],
    confidence: 0.9,
    explanation:
      'RabbitMQ (or another Erlang node) resolves the host part of its own node name at boot to register with epmd, and {host} does not resolve to this replica: the node name was set for another platform (a Kubernetes headless-service name, a corporate domain) or to a long name nothing in this environment serves. The broker never starts, so every restart fails the same way.',
    actions: [
      {
        decisive: true,
        text: 'Set {envVar|RABBITMQ_NODENAME} to a name the replica resolves itself (rabbit@localhost, or a short name without RABBITMQ_USE_LONGNAME), or remove it to take the default rabbit@<hostname>; then create a new revision.',
        command: SHOW_ENV_NAMES,
      },
      'Container Apps gives no per-replica DNS names like a Kubernetes StatefulSet: a clustered node name that relies on a headless service cannot resolve here; run a single node or use a managed broker.',
    ],
    links: [LINKS.containers],
  },
]);
