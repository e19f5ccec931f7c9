import { consoleFamily } from '../categoryText';
import { MIGRATION_STEPS } from '../causeSteps';
import { LINKS } from '../links';
import { RESTART_REVISION } from '../commandTemplates';

/**
 * unixODBC's refusal of a SQL Server driver name that is not Microsoft's exact "ODBC Driver NN for SQL Server":
 * a misspelt or Windows-only name in the settings.
 */
const ODBC_DRIVER_NAME_WRONG =
  /\[Driver Manager\]Can'?t open lib '(?<setting>(?!ODBC Driver \d{2}(?:\.\d)? for SQL Server')ODBC Driver[^'\n/]{0,120}|SQL Server)' ?: ?file not found/;

/** Database and cache clients: SQL Server, PostgreSQL, MySQL, MongoDB, Redis. */
export const DATABASE_RULES = consoleFamily('databases', [
  {
    id: 'console.db.schema-needs-init-command',
    category: 'application-error',
    title: 'the server\'s database schema is not initialised: it asks for {command|its migration command}',
    // A server that keeps its state in a database refuses to start until its own migration command has run
    // once: Kong ("Database needs bootstrapping ...", then "run 'kong migrations bootstrap'" on the next row;
    // "New migrations available; run 'kong migrations up'"), Airflow ("DB needs to be initialized, run
    // 'airflow db init'"). The command is the server's remedy, printed by the server: name it (Kong prints it
    // on the row after the error, which the pattern reads too).
    pattern:
      /\b(?:Database needs bootstrapping|DB needs to be initiali[sz]ed|New migrations available|To start a new installation from scratch)\b(?:.{0,20}?\brun '(?<command>[a-z][\w.-]{1,30}(?: [a-z][\w:.-]{1,30}){1,3})')?/i,
    keywords: ['needs bootstrapping', 'needs to be initiali', 'new migrations available', 'new installation from scratch'],
    context: /\brun '(?<command>[a-z][\w.-]{1,30}(?: [a-z][\w:.-]{1,30}){1,3})'/i,
    contextBoost: 0.03,
    confidence: 0.85,
    explanation:
      'The server reached its database, but the schema it needs is missing or older than the server: its own migration command ({command|named in the error}) has never run against this database, or not since the image was upgraded.',
    // No actions of its own: the printed-remedy pass (steps/printedRemedy.ts) leads with the command the
    // server printed, run the Container Apps way (an init container or a Manual job).
    links: [LINKS.containers],
  },
  {
    id: 'console.postgres.client-version-mismatch',
    category: 'application-error',
    title: '{command|pg_dump} is older than the PostgreSQL server and refuses to dump it',
    // pg_dump, pg_dumpall (and tools that run them: pgsync, postgres-backup-s3) refuse a server of a newer
    // major version: `pg_dump: error: aborting because of server version mismatch` with `pg_dump: detail:
    // server version: 16.2; pg_dump version: 15.4` (14 and older print the versions first, without
    // "error:"/"detail:"). The server was upgraded; the client in the image was not.
    pattern: /\b(?<command>pg_dump(?:all)?): (?:error: )?aborting because of server version mismatch\b/,
    keywords: ['server version mismatch'],
    context: /server version: (?<serverVersion>\d{1,2}(?:\.\d{1,3}){0,2})\b.{0,40}?; pg_dump(?:all)? version: (?<clientVersion>\d{1,2}(?:\.\d{1,3}){0,2})/,
    confidence: 0.88,
    explanation:
      '{command|pg_dump} only dumps servers of its own major version or older. The server runs {serverVersion|a newer major version} and the client in the image is {clientVersion|older}: the database was upgraded and the backup image was not.',
    actions: [
      {
        needs: ['image'],
        absent: ['latestImage'],
        decisive: true,
        text: 'Use an image whose {command|pg_dump} is at least the server\'s major version {serverVersion|} (a newer tag of {image}, or postgres:<major> with the same script), then run the job again.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <registry>/<image>:<new-tag>',
      },
      // Already on :latest, the repository's newest client is the one that failed: another image it must be (v23 review B 75).
      {
        needs: ['image', 'latestImage'],
        decisive: true,
        text: '{latestImage} already is the newest build of its repository and still ships the older {command|pg_dump}: use another image whose client is at least the server\'s major version {serverVersion|} (postgres:<major> with the same backup script, or a backup image that publishes a tag per PostgreSQL major version; replace the <...> blanks), then run the job again.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <image>',
      },
      { absent: ['image'], text: 'Install a {command|pg_dump} client of the server\'s major version in the image (postgresql-client-<major>) and redeploy.' },
    ],
    links: [],
  },
  {
    id: 'console.db.table-missing',
    category: 'application-error',
    title: 'table {table} does not exist in the database (migrations not applied)',
    // Each server's words for a table the query names and the schema lacks: PostgreSQL ("relation"), SQLite,
    // MySQL/MariaDB, SQL Server. At start that is a schema behind the code, whatever client or ORM asked.
    pattern:
      /\brelation "(?<table>[\w.]{1,120})" does not exist\b|\bno such table: (?<table_2>[\w.]{1,120})|\bTable '(?<table_3>[\w.$]{1,120})' doesn't exist\b|\bInvalid object name '(?<table_4>[\w.\[\]]{1,128})'/i,
    keywords: ['does not exist', 'no such table', "doesn't exist", 'invalid object name'],
    confidence: 0.82,
    explanation:
      'The app queried table {table}, which the database it connects to does not have: the schema migrations were not applied to this database (a new or re-created database, a migration step that did not run before the app started, or a connection string pointing at another database).',
  },
  {
    id: 'console.db.mssql-login-failed',
    category: 'authentication-failure',
    title: 'SQL Server login failed for user {user}',
    pattern: /Login failed for user '(?<user>[^']*)'/,
    keywords: ['login failed for user'],
    confidence: 0.95,
  },
  {
    id: 'console.db.mssql-tcp-failed',
    category: 'dependency-unreachable',
    title: 'SQL Server at {host}:{port} could not be reached',
    pattern: /The TCP\/IP connection to the host (?<host>[\w.-]+), port (?<port>\d+) has failed/,
    keywords: ['the tcp/ip connection to the host'],
    confidence: 0.9,
  },
  {
    id: 'console.db.mssql-firewall',
    category: 'dependency-unreachable',
    title: 'the Azure SQL firewall does not admit the app\'s outbound address {address|}',
    // Some relays print the message's long-standing misspelling "IP Adress" (older gateways, ODBC wrappers).
    pattern: /Client with IP [Aa]dd?ress '(?<address>[\d.:a-fA-Fx]+)' is not allowed to access the server/,
    keywords: ['is not allowed to access the server'],
    confidence: 0.93,
    explanation:
      'Azure SQL refused the connection before the login because the address the app connects from is not in the server\'s firewall rules. Container Apps connect from the environment\'s outbound addresses, which can change unless the environment uses a virtual network with a NAT gateway or a private endpoint.',
    actions: [
      'Add a firewall rule for the environment\'s outbound IP address, or better, reach the server through a private endpoint from the environment\'s virtual network.',
      'Alternatively allow Azure services to access the server (broad: it admits every Azure tenant).',
    ],
  },
  {
    id: 'console.db.mssql-18456',
    category: 'authentication-failure',
    title: 'SQL Server rejected the login (error 18456)',
    pattern: /(?:Error Number|error|Msg):? ?18456\b/,
    keywords: ['18456'],
    confidence: 0.88,
  },
  {
    id: 'console.db.oracle-logon-denied',
    category: 'authentication-failure',
    title: 'Oracle rejected the user name or password (ORA-01017)',
    // Oracle's own code for a refused logon, whichever client printed it (JDBC inside a Java trace, SQL*Plus,
    // cx_Oracle/python-oracledb): the code is the cause, not the wrapper exception or the exit that follows.
    pattern: /\bORA-01017\b|invalid username\/password; logon denied/,
    keywords: ['ora-01017', 'logon denied'],
    confidence: 0.94,
    explanation:
      'The Oracle database refused the logon: the user name or password the app sends is wrong, the account is locked or expired, or the user belongs to another PDB/service than the one in the connection string.',
    actions: [
      'Check the Oracle user and password the app is given (the secret behind the variable, the JDBC or DSN settings) against the database account, and that the account is open in the service the connection names.',
    ],
  },
  {
    id: 'console.db.oracle-no-listener',
    category: 'dependency-unreachable',
    title: 'no Oracle listener answers at {host|the configured host}{:port} (ORA-12541)',
    // ORA-12541 is the client finding nothing listening at the address it was given; the newer wording names it.
    pattern: /\bORA-12541: (?:Cannot connect\. No listener at host (?<host>[\w.-]{1,200}) port (?<port>\d{1,5})|TNS:no listener)|\bTNS:no listener\b/,
    keywords: ['ora-12541', 'tns:no listener'],
    confidence: 0.9,
    explanation:
      'The Oracle client reached no listener at the host and port in its connection string: the host or port is wrong, the database listener is down, or the network path from the environment to the database is blocked.',
    actions: [
      'Check the database host and port in the app\'s connection settings and that the Oracle listener is up and reachable from the environment (firewall, private endpoint, VNet routing).',
    ],
  },
  {
    id: 'console.db.pg-password',
    category: 'authentication-failure',
    title: 'PostgreSQL password authentication failed for user {user}',
    // The quotes may arrive escaped when the message sits inside a JSON log line.
    pattern: /password authentication failed for user \\?"?(?<user>[^"\s\\]+)/,
    keywords: ['password authentication failed'],
    confidence: 0.95,
  },
  {
    id: 'console.db.pg-ident',
    category: 'authentication-failure',
    title: 'PostgreSQL refused user {user}: {method|ident} authentication failed',
    // A self-hosted server whose pg_hba.conf line for the client says ident or peer: the password is never
    // checked, and a container's connection can never pass those methods.
    pattern: /\b(?<method>Ident|Peer) authentication failed for user \\?"?(?<user>[^"\s\\]+)/,
    keywords: ['ident authentication failed', 'peer authentication failed'],
    confidence: 0.93,
    explanation:
      'The PostgreSQL server matched the connection to a pg_hba.conf line with {method|ident} authentication, which asks the client host who the user is instead of checking a password; from a container that check always fails.',
    actions: [
      {
        decisive: true,
        text: 'On the PostgreSQL server, change the pg_hba.conf line that matches the app\'s addresses to scram-sha-256 (or md5) and reload, then restart the revision; or connect as a role that the server authenticates by password.',
        command: RESTART_REVISION,
      },
    ],
  },
  {
    id: 'console.db.pg-hba-no-tls',
    category: 'missing-configuration',
    title: 'PostgreSQL refused an unencrypted connection for user {user}: the connection string turns TLS off',
    // The server's rules admit this host only over TLS (Azure's servers require it by default); "no
    // encryption" / "SSL off" says the client did not use it, so the fix is the client's sslmode.
    pattern: /no pg_hba\.conf entry for host "(?<address>[^"]{1,100})", user "(?<user>[^"]{1,100})", database "(?<database>[^"]{1,100})", (?:no encryption|SSL off)/,
    keywords: ['no pg_hba.conf entry'],
    confidence: 0.92,
    explanation:
      'The server refused the connection because it arrived without TLS: no rule in its pg_hba.conf admits an unencrypted connection from this address, and Azure Database for PostgreSQL requires TLS by default. The client was told not to use it (sslmode=disable, or a driver default).',
    actions: [
      'Set sslmode=require (or verify-full with the server\'s CA) in the connection string or the client\'s TLS option, in the variable or secret that holds it, and create a new revision.',
    ],
  },
  {
    id: 'console.db.pg-hba',
    category: 'authentication-failure',
    title: 'PostgreSQL rejected the connection from {address} for user {user} (pg_hba / firewall)',
    pattern: /no pg_hba\.conf entry for host "(?<address>[^"]+)", user "(?<user>[^"]+)"/,
    keywords: ['no pg_hba.conf entry'],
    confidence: 0.9,
  },
  {
    id: 'console.db.pg-database-missing',
    category: 'missing-configuration',
    actions: [
      'Create database {database} on the server{ host}, or point the connection string at the database that exists (PostgreSQL names are case-sensitive when quoted).',
    ],
    title: 'database {database} does not exist',
    pattern: /database "(?<database>[^"]+)" does not exist/,
    keywords: ['does not exist'],
    confidence: 0.9,
  },
  {
    id: 'console.db.pg-connect-failed',
    category: 'dependency-unreachable',
    title: 'PostgreSQL at {host|the configured server}{:port} could not be reached',
    pattern:
      /connection to server at "(?<host>[^"]+)"(?: \([^)]*\))?, port (?<port>\d+) failed|could not connect to server: (?<message>[^\n]{0,120})|Connection to (?<host_2>[\w.-]+):(?<port_2>\d+) refused\. Check that the hostname and port are correct/,
    keywords: ['connection to server at', 'could not connect to server', 'refused. check that the hostname'],
    confidence: 0.88,
  },
  {
    id: 'console.db.jdbc-connect-failed',
    category: 'dependency-unreachable',
    title: 'the PostgreSQL JDBC driver could not connect to {host|the database}{:port}',
    // PgJDBC's own words when no connection opened (SQL state 08001: timeout, refused, firewall, DNS), as
    // Flyway, Spring's flywayInitializer, Quarkus' agroal pool print them: `Unable to obtain connection from
    // database (jdbc:postgresql://db:5432/x) for user 'u': The connection attempt failed.` The JDBC URL, when
    // the line gives it, names the server.
    pattern: /\bThe connection attempt failed\./,
    keywords: ['the connection attempt failed'],
    context: /\bjdbc:[a-z]{2,20}:\/\/(?<host>[\w-]{1,63}(?:\.[\w-]{1,63}){0,8})(?::(?<port>\d{2,5}))?/,
    confidence: 0.86,
    explanation:
      'The JDBC driver opened no connection to the database server (SQL state 08001): the server\'s firewall or private endpoint does not admit the environment, the host name does not resolve from its network, or the server is stopped. A wrong password would say so instead.',
    actions: [
      {
        decisive: true,
        text: 'Check that {host|the database server in the JDBC URL} is reachable from the Container Apps environment: its firewall rules or private endpoint, the VNet\'s private DNS zone, and that the server is running; then restart the revision.',
      },
    ],
    links: [LINKS.networking],
  },
  {
    id: 'console.db.pg-translate-host',
    category: 'dependency-unreachable',
    title: 'database host name {host} does not resolve',
    pattern: /could not translate host name "(?<host>[^"]+)" to address/,
    keywords: ['could not translate host name'],
    confidence: 0.92,
  },
  {
    id: 'console.db.pool-timeout',
    category: 'dependency-unreachable',
    title: 'no database connection could be opened before the pool timed out',
    // sqlx and HikariCP: the pool waited for a connection that never opened (at startup: the server is unreachable).
    // sqlx's error variant is printed by name too (`Database connection failed: PoolTimedOut`). Node's ORMs
    // word it their way: Knex "Timeout acquiring a connection. The pool is probably full", Sequelize's
    // ConnectionAcquireTimeoutError, Prisma's P2024 "Timed out fetching a new connection from the connection pool".
    pattern: /pool timed out while waiting for an open connection|Connection is not available, request timed out after \d+ ?ms|\bPoolTimedOut\b|Timeout acquiring a connection|\bConnectionAcquireTimeoutError\b|Timed out fetching a new connection from the connection pool/,
    keywords: ['pool timed out', 'connection is not available', 'pooltimedout', 'timeout acquiring a connection', 'connectionacquiretimeouterror', 'timed out fetching a new connection'],
    confidence: 0.76,
    explanation:
      'The connection pool waited for a database connection and none opened in time. At startup that means the server is unreachable or slow to accept connections; under load it can also mean the pool is exhausted by connections that are never returned.',
  },
  {
    id: 'console.db.prisma-unreachable',
    category: 'dependency-unreachable',
    title: 'Prisma could not reach the database server {host|}{:port}',
    // Prisma prints the address as `host`:`port` or `host:port` depending on its version.
    pattern: /P1001: Can't reach database server(?: at `(?<host>[^`:]+)(?:`:`|:)(?<port>\d+)`)?|P1002: The database server at `(?<host_2>[^`:]+)/,
    keywords: ['p1001', 'p1002'],
    confidence: 0.9,
  },
  {
    id: 'console.db.prisma-auth',
    category: 'authentication-failure',
    title: 'Prisma: the database rejected the credentials',
    pattern: /P1000: Authentication failed against database server/,
    keywords: ['p1000'],
    confidence: 0.93,
  },
  {
    id: 'console.db.mysql-access-denied',
    category: 'authentication-failure',
    title: 'MySQL denied access for user {user}',
    pattern: /Access denied for user '(?<user>[^']*)'(?:@'(?<address>[^']*)')?|ER_ACCESS_DENIED_ERROR/,
    keywords: ['access denied for user', 'er_access_denied_error'],
    confidence: 0.94,
  },
  {
    id: 'console.db.mysql-host-not-allowed',
    category: 'authentication-failure',
    title: 'MySQL refuses logins from {host|the app\'s address}: no user is granted from that host',
    // Error 1130 (ER_HOST_NOT_PRIVILEGED), as every client relays it: mysqli and PDO
    // (`SQLSTATE[HY000] [1130] Host '172.19.0.2' is not allowed ...`), mysql2 in Node, the mysql CLI; MariaDB
    // says the same of itself. The server answered, so the network path is fine: its grant tables hold no
    // account for the client's host. Azure Database for MySQL's firewall words it "Client with IP address".
    pattern: /\bHost '(?<host>[^'\s]{1,255})' is not allowed to connect to this (?:MySQL|MariaDB) server\b|\bER_HOST_NOT_PRIVILEGED\b/,
    keywords: ['is not allowed to connect to this', 'er_host_not_privileged'],
    confidence: 0.92,
    explanation:
      'The MySQL server accepted the TCP connection and refused it at login with error 1130: no account matches the user at the address it sees the replica coming from ({host|the replica\'s address}). Accounts created for \'localhost\' (or for one fixed address) do not match a container whose address changes with every replica.',
    actions: [
      {
        decisive: true,
        text: 'On the MySQL server, create or grant the app\'s user from any host (\'%\') or from the environment\'s subnet (e.g. CREATE USER \'<user>\'@\'10.0.%\' ...; GRANT ... ON <db>.* TO that user), then restart the revision.',
        command: RESTART_REVISION,
      },
      'If the server is a sidecar or another app of this environment running the official mysql or mariadb image, its MYSQL_USER (MARIADB_USER) is created for \'%\' on first start only: an existing data directory keeps the old grants.',
    ],
  },
  {
    id: 'console.db.mysql-insecure-transport',
    category: 'missing-configuration',
    title: 'MySQL refused a connection without TLS ({setting|require_secure_transport} is ON)',
    // Error 3159 (ER_SECURE_TRANSPORT_REQUIRED) as every client relays it: the mysql CLI (`ERROR 3159 (HY000):`),
    // PDO/mysqli (`SQLSTATE[HY000] [3159]`), Go's driver (`Error 3159:`), PyMySQL (`(3159, '...')`). Azure Database
    // for MySQL flexible server turns it on by default: the server is reachable, the client was not told to use TLS.
    pattern: /Connections using insecure transport are prohibited while --(?<setting>require_secure_transport)=ON/,
    keywords: ['insecure transport'],
    confidence: 0.92,
    explanation:
      'The MySQL server answered and refused the connection because it arrived in plain text while the server requires TLS ({setting|require_secure_transport}=ON, the default on Azure Database for MySQL flexible server). The client\'s settings do not turn TLS on.',
    actions: [
      'Turn TLS on in the app\'s database client settings (an ssl-mode / sslmode=REQUIRED option in the connection string, PDO::MYSQL_ATTR_SSL_CA or the image\'s DATABASE_ENABLE_SSL-style variable pointing at the server\'s CA bundle), then create a new revision.',
      // Never the server's enforcement turned OFF as an alternative: the client's TLS setting is the fix (v24 review, case 63).
    ],
  },
  {
    id: 'console.db.pg-insufficient-privilege',
    category: 'authentication-failure',
    title: 'the database role lacks privileges on {object|a schema object} (PostgreSQL 42501)',
    // SQLSTATE 42501 in each client's words: `permission denied for schema public` (PostgreSQL 15 revoked CREATE
    // on public from ordinary roles), `... for relation|table|sequence <name>`, `must be owner of table <name>`,
    // with the client's own class: Postgrex's `ERROR 42501 (insufficient_privilege)`, PG::InsufficientPrivilege,
    // psycopg2.errors.InsufficientPrivilege. The login worked; the role the app connects as is not granted.
    pattern:
      /\bpermission denied for (?:schema|relation|table|sequence|database|view|function) "?(?<object>[\w.$-]{1,120})|\bmust be owner of (?:table|schema|relation|sequence|database|extension) "?(?<object_2>[\w.$-]{1,120})/,
    keywords: ['permission denied for', 'must be owner of'],
    // A file or socket the OS refused ("permission denied for /path") is not a database grant.
    unless: /permission denied for (?:schema|relation|table|sequence|database|view|function) \//,
    // The schema the row names (`permission denied for schema _supavisor`) goes into the GRANT in place of a
    // placeholder (v24 review, cases 41 and 61).
    context: /permission denied for schema "?(?<schema>[\w$-]{1,120})/,
    confidence: 0.88,
    explanation:
      'The database accepted the login, then refused a statement on {object|the object} because the role the app connects as has no privilege on it (PostgreSQL 15 and later no longer let every role create in schema public; tables created by another role belong to that role). Migrations that create or alter tables need CREATE on the schema or ownership of the tables.',
    actions: [
      'On the database, as the server admin, grant the app\'s role what the statement needs (GRANT USAGE, CREATE ON SCHEMA {schema|<schema>} TO <role>; or make the role owner of the database or tables: ALTER DATABASE <db> OWNER TO <role>).',
      { text: 'Restart the revision once the grant is in place.', command: RESTART_REVISION },
    ],
  },
  {
    id: 'console.db.mysql-cant-connect',
    category: 'dependency-unreachable',
    title: 'MySQL at {host|the configured server}{:port} could not be reached',
    pattern: /Can't connect to (?:local )?MySQL server(?: on '?(?<host>[\w.-]+)'?(?::(?<port>\d+))?)?/,
    keywords: ["can't connect to"],
    confidence: 0.88,
  },
  {
    id: 'console.db.mongo-server-selection',
    category: 'dependency-unreachable',
    title: 'MongoDB at {host|the configured server}{:port} could not be reached',
    pattern:
      /(?:MongoServerSelectionError|ServerSelectionTimeoutError|MongoTimeoutException)(?::\s*(?:connect ECONNREFUSED (?<host>[^\s"',]+):(?<port>\d+)|getaddrinfo ENOTFOUND (?<host_2>\S+)|(?<message>.{0,120})))?/,
    keywords: ['mongoserverselectionerror', 'serverselectiontimeouterror', 'mongotimeoutexception'],
    confidence: 0.9,
  },
  {
    id: 'console.db.mongo-auth',
    category: 'authentication-failure',
    title: 'MongoDB authentication failed',
    // Atlas words it "bad auth : authentication failed" (code 8000, AtlasError).
    pattern: /(?<exception>MongoServerError): (?:bad auth ?:? ?)?[Aa]uthentication failed|MongoSecurityException|OperationFailure: (?:bad auth ?:? ?)?[Aa]uthentication failed|Authentication failed\.|\bbad auth ?: ?[Aa]uthentication failed/,
    keywords: ['authentication failed', 'mongosecurityexception'],
    // Other servers' refusals end with the same words: an SSH client's (paramiko), ClickHouse's code 516,
    // and the AMQP claims-based-security handshake of Service Bus and Event Hubs ("CBS Token authentication
    // failed", "Token authentication failed:"), whose status line (404, 401) says what the broker refused.
    unless: /\bparamiko\b|\bssh_exception\b|\bDB::Exception\b|AUTHENTICATION_FAILED|\b(?:CBS )?[Tt]oken authentication failed\b/,
    confidence: 0.9,
  },
  {
    id: 'console.db.redis-refused',
    category: 'dependency-unreachable',
    title: 'Redis at {host}:{port} refused the connection',
    pattern: /ECONNREFUSED (?<host>[^\s"',]+):(?<port>6379|6380)\b|Error 111 connecting to (?<host_2>[\w.-]+):(?<port_2>\d+)\. Connection refused/,
    keywords: ['econnrefused', 'error 111 connecting to'],
    confidence: 0.91,
  },
  {
    id: 'console.db.redis-unable-to-connect',
    category: 'dependency-unreachable',
    title: 'Redis at {host|the configured server}{:port} could not be reached',
    // StackExchange.Redis (.NET) names the endpoint after UnableToConnect / SocketFailure when it has one.
    pattern: /It was not possible to connect to the redis server\(s\)(?:.{0,200}?(?:UnableToConnect|SocketFailure) on (?<host>[\w.-]+):(?<port>\d+))?/,
    keywords: ['it was not possible to connect to the redis server'],
    confidence: 0.86,
    explanation:
      'The Redis client could not open a connection: the host or port is wrong, the cache is not reachable from the environment (firewall, private endpoint), or TLS settings do not match the port (Azure Cache for Redis takes TLS on 6380; 6379 is plain and usually disabled).',
  },
  {
    id: 'console.db.redis-retries-exhausted',
    category: 'dependency-unreachable',
    title: 'Redis commands failed after repeated reconnects',
    pattern: /Reached the max retries per request limit/,
    keywords: ['max retries per request'],
    confidence: 0.8,
    explanation:
      'The Redis client kept losing its connection and gave up on the queued commands. A reset connection on Azure Cache for Redis often means TLS is off while talking to the TLS port 6380 (or the reverse), or the cache\'s firewall drops the environment\'s address.',
  },
  {
    id: 'console.db.redis-timeout',
    category: 'dependency-unreachable',
    title: 'Redis at {host|the configured server}{:port} does not answer in time',
    // StackExchange.Redis names the endpoint in its timeout report (`serverEndpoint: Unspecified/host:6380`)
    // and in its socket failures; redis-py prints the errno of the failed connect (`Error 110 connecting to
    // host:6379. Connection timed out.`). Commands that time out against a cache that accepted no connection
    // are the network's doing (firewall, private endpoint, TLS port), not the app's code.
    pattern:
      /\bRedisTimeoutException: Timeout (?:performing|awaiting)\b(?:.{0,400}?serverEndpoint: (?:Unspecified\/)?(?<host>[\w.-]{1,200}):(?<port>\d{2,5}))?|\bRedisConnectionException: (?:SocketFailure|UnableToConnect|ConnectionFailure)\b(?: on (?:(?:Unspecified\/)?(?<host_2>[\w.-]{1,200}):(?<port_2>\d{2,5}))?)?|\bError (?:110|113|-2|-3|-5) connecting to (?<host_3>[\w.-]{1,200}):(?<port_3>\d{2,5})\b|\bTimeout connecting to server\b/,
    keywords: ['redistimeoutexception', 'redisconnectionexception', 'connecting to', 'timeout connecting to server'],
    confidence: 0.84,
    explanation:
      'The Redis client could not get answers from the server: connections were never established or stopped answering. The usual causes are a cache the environment cannot reach (its firewall, a private endpoint without DNS in the environment\'s network), the wrong port for the TLS setting (Azure Cache for Redis takes TLS on 6380), or a cache that is down or overloaded. When the app\'s health endpoint checks Redis, the failing probes follow from this.',
  },
  {
    id: 'console.db.redis-auth',
    category: 'authentication-failure',
    title: 'Redis rejected the credentials',
    // The server's reply is the thing to quote (`NOAUTH Authentication required.`): the exception class
    // around it (Predis ServerException, ReplyError) says only that Redis answered with an error.
    pattern:
      /(?<exception>NOAUTH Authentication required\.?|WRONGPASS invalid username-password pair|ERR invalid password|ERR AUTH <password> called without any password)|There was an authentication failure; check that passwords|(?<exception_2>(?:redis\.exceptions\.)?AuthenticationError)(?::\s?|\(['"])(?:invalid username-password pair|invalid password\b|Authentication required\.)/,
    // redis-py drops the reply's WRONGPASS / ERR prefix and raises AuthenticationError with the rest, printed
    // as a traceback's last line or as its repr (`AuthenticationError('invalid username-password pair')`).
    keywords: ['noauth', 'wrongpass', 'invalid password', 'without any password', 'there was an authentication failure', 'invalid username-password pair', 'authentication required'],
    confidence: 0.93,
  },
  {
    id: 'console.db.redis-readonly',
    category: 'dependency-unreachable',
    title: 'Redis answered from a read-only replica',
    pattern: /READONLY You can't write against a read only (?:replica|slave)/,
    keywords: ["readonly you can't write"],
    confidence: 0.86,
    explanation:
      'The Redis node the app is connected to is a read-only replica, so writes fail: a failover promoted another node and the client kept its old connection, or the app points at a replica endpoint.',
    actions: [
      'Point the app at the primary endpoint and let the client reconnect after failovers (Azure Cache for Redis: use the cache host name, not a node address).',
      'Check whether a failover or patching happened at that time.',
    ],
  },
  {
    id: 'console.db.redis-connect-failed',
    category: 'dependency-unreachable',
    title: 'Redis at {host|the configured server}{:port} could not be reached',
    // redis-py's words: "Error <errno> connecting to <host>:<port>. <reason>." and its connect timeout.
    pattern: /\bError -?\d{1,5} connecting to (?<host>[\w.-]{1,200}):(?<port>\d{2,5})\.|\bTimeout connecting to server\b/,
    keywords: ['connecting to'],
    confidence: 0.86,
    explanation:
      'The Redis client could not open a connection: the host or port is wrong, the cache is not reachable from the environment (firewall, private endpoint, DNS), or TLS settings do not match the port (Azure Cache for Redis takes TLS on 6380; 6379 is plain and usually disabled).',
  },
  {
    id: 'console.db.redis-no-connection',
    category: 'dependency-unreachable',
    title: 'the Redis client has no connection to {host|the cache}{:port}',
    // The clients' own words for a cache they hold no usable connection to: StackExchange.Redis's
    // "No connection is (active/)available to service this operation" and its per-endpoint state
    // ("SocketClosed on host:6380/Interactive"), Lettuce's "Unable to connect to host:port" and Jedis's
    // connect failures (not its "Could not get a resource from the pool", which an exhausted pool says too).
    // The process that dies on it (.NET's exit 134) is the consequence.
    pattern:
      /\bRedisConnectionException: No connection is (?:active\/)?available to service this operation\b|\b(?:SocketClosed|UnableToConnect|SocketFailure|ConnectionFailure|InternalFailure)(?: \([^)]{1,80}\))? on (?:Unspecified\/)?(?<host>[\w.-]{1,200}):(?<port>\d{2,5})\/(?:Interactive|Subscription)\b|\bio\.lettuce\.core\.RedisConnectionException: Unable to connect to\s{1,3}(?:(?<host_2>[\w.-]{1,200})(?:\/[\d.]{7,15})?:(?<port_2>\d{2,5}))?|\bJedisConnectionException: (?:Failed to connect to any host resolved for DNS name|Failed connecting to (?:host )?(?<host_3>[\w.-]{1,200}):(?<port_3>\d{2,5})|Failed connecting to host\b)/,
    keywords: ['no connection is', 'socketclosed', 'unabletoconnect', 'socketfailure', 'connectionfailure', 'internalfailure', 'unable to connect to', 'jedisconnectionexception'],
    // The endpoint StackExchange.Redis names on the next row of the same report.
    context: /\b(?:SocketClosed|UnableToConnect|SocketFailure|ConnectionFailure|InternalFailure)(?: \([^)]{1,80}\))? on (?:Unspecified\/)?(?<host>[\w.-]{1,200}):(?<port>\d{2,5})/,
    confidence: 0.85,
    explanation:
      'The Redis client holds no working connection to the cache: it never connected (a cache whose public network access is disabled and is reachable only through a private endpoint the environment\'s network cannot route to or resolve, a firewall, the wrong port for TLS: Azure Cache for Redis takes TLS on 6380), or the connection closed under it (a cache failover or patching: when the restarted replica is healthy, it was transient, and the app should handle RedisConnectionException instead of ending on it).',
  },
  {
    id: 'console.db.php-redis-connection',
    category: 'dependency-unreachable',
    title: 'Redis at {host|the configured server}{:port} could not be reached or dropped the connection',
    // PHP's Redis clients: Predis (`Connection refused [tcp://10.0.0.5:6379]`, `Error while reading line from
    // the server. [tcp://...]`), phpredis (`RedisException: Connection refused`, `read error on connection to
    // host:6379`) and php-resque (`Connection to Redis tcp://redis:6379 failed`), under Laravel Horizon,
    // queue workers and Appwrite's workers. The worker exits with the error; Redis is the cause.
    pattern:
      /\b(?:Connection refused|Connection timed out|Operation timed out|Error while reading line from the server\.?|Error while writing bytes to the server\.?) \[(?:tcp|tls|redis|rediss):\/\/(?<host>[\w.-]{1,200}):(?<port>\d{2,5})\]|\bRedisException(?:\(code: \d{1,5}\))?: (?:Connection refused|Connection lost|Connection timed out|Operation timed out|read error on connection(?: to (?<host_2>[\w.-]{1,200}):(?<port_2>\d{2,5}))?)|\bConnection to Redis (?:tcp|tls|redis):\/\/(?<host_3>[\w.-]{1,200}):(?<port_3>\d{2,5}) failed\b/,
    keywords: ['[tcp://', '[tls://', '[redis://', '[rediss://', 'redisexception', 'connection to redis'],
    confidence: 0.88,
    explanation:
      'The PHP worker lost or could not open its Redis connection: the host or port is wrong, Redis is down or failing over, or the network path (firewall, private endpoint, TLS port 6380 on Azure Cache for Redis) is blocked. A queue worker such as Horizon exits on it and comes back when Redis answers again.',
    actions: [
      'Check that {host|the Redis host}{:port} is the address this environment should use (the Redis host and port variables) and that Redis is running and reachable from the environment.',
      'If it happened once during a Redis failover or maintenance and the restarted replica is processing jobs again, nothing needs fixing; check Redis maintenance events if it repeats.',
    ],
  },
  {
    id: 'console.db.odbc-driver-missing',
    category: 'missing-module',
    title: 'the ODBC driver {module} is not installed in the image',
    // unixODBC's driver manager, whichever binding called it (pyodbc, PHP's pdo_sqlsrv, Node's odbc): the driver
    // the connection string names has no library in the image, or odbcinst.ini points at a file that is gone.
    pattern: /\[Driver Manager\]Can't open lib '(?<module>[^'\n]{1,200})' : file not found/,
    keywords: ["can't open lib"],
    unless: ODBC_DRIVER_NAME_WRONG,
    confidence: 0.92,
    explanation:
      'The connection string asks unixODBC for driver {module}, and the driver manager found no library for it: the image does not install that driver (Microsoft\'s msodbcsql18 / msodbcsql17 packages for "ODBC Driver 18/17 for SQL Server"), installs another version than the one named, or a slim base image dropped it.',
    actions: [
      'Install the driver in the image (Debian/Ubuntu: add Microsoft\'s package repository, then `ACCEPT_EULA=Y apt-get install -y msodbcsql18 unixodbc`), rebuild and deploy the new image.',
      'Or change the Driver= name in the connection string to the driver the image has (`odbcinst -q -d` lists them).',
    ],
  },
  {
    id: 'console.db.odbc-driver-name-wrong',
    category: 'missing-configuration',
    title: 'the ODBC driver name {setting} in the settings is not a driver name',
    // Microsoft's Linux drivers are named "ODBC Driver NN for SQL Server" exactly; an "ODBC Driver ..." name in
    // any other shape (words swapped, a stray space) or Windows' bare "SQL Server" is a wrong setting, not a
    // driver missing from the image (console.db.odbc-driver-missing).
    pattern: ODBC_DRIVER_NAME_WRONG,
    // unixODBC's own words carry the apostrophe; a log retyped by hand may not (`Cant open lib`).
    keywords: ['t open lib'],
    confidence: 0.9,
    explanation:
      'unixODBC looked up driver {setting} by name and no driver is registered under it: Microsoft\'s drivers on Linux are registered as "ODBC Driver 18 for SQL Server" (or 17), so the name in the connection string or driver setting is misspelt or a Windows driver name.',
    actions: [
      'Set the Driver= name in the connection string (or the setting the app builds it from) to the registered name, such as ODBC Driver 18 for SQL Server (`odbcinst -q -d` in the image lists them), then create a new revision.',
    ],
  },
  {
    id: 'console.db.pg-entra-principal-type',
    category: 'authentication-failure',
    title: 'PostgreSQL refused the Entra token for role {user}: the role was made for another kind of principal',
    // Azure Database for PostgreSQL ties each Entra role to a principal type (user, group, service principal):
    // an app's token (managed identity, service principal) presented for a role made for a user, or the reverse.
    pattern:
      /\b(?:Service Principals|Users|Groups) cannot generate AAD_AUTH_TOKENTYPE_\w{1,40} tokens for role\s?\\?["[](?<user>[^\]"\\\n]{1,128})|\b(?:Azure AD|Microsoft Entra) user token for role\s?\\?["[](?<user_2>[^\]"\\\n]{1,128})\\?["\]] is neither an AAD_AUTH_TOKENTYPE_APP_USER or an AAD_AUTH_TOKENTYPE_APP_OBO token/i,
    keywords: ['aad_auth_tokentype'],
    confidence: 0.93,
    explanation:
      'The server accepted the Entra token as genuine but not for role {user}: Azure Database for PostgreSQL maps each Entra role to one principal type, and this role was created for another one (a user or a group, while the app signs in with a managed identity or service principal, or the reverse), or the app connects with the role name of a different principal, such as the Entra administrator\'s.',
    actions: [
      'As the Entra administrator, list the Entra roles and their types: `SELECT * FROM pgaadauth_list_principals(false);`.',
      'Recreate role {user|the app\'s role} for the app\'s identity by its object id with type service: `SELECT * FROM pgaadauth_create_principal_with_oid(\'{user|role-name}\', \'<principal-id>\', \'service\', false, false);` (the principal id is in `az containerapp identity show`), then grant it its privileges.',
      'Or set the user name the app connects with to the role that was made for its identity.',
    ],
  },
  {
    id: 'console.db.sqlite-locked',
    category: 'storage-failure',
    title: 'SQLite could not lock its database file (database is locked){: volume}',
    // SQLite's SQLITE_BUSY in each binding's words: node-sqlite3 ("SQLITE_BUSY: database is locked"),
    // sqlite-jdbc ("[SQLITE_BUSY] The database file is locked"), PDO ("General error: 5 database is
    // locked"), Python, Go and .NET ("database is locked"). In a container app another process can hold
    // the file only through a shared volume: an Azure Files (SMB) share, whose locking SQLite cannot rely on.
    pattern: /\bSQLITE_BUSY\b|\bThe database file is locked\b|\bdatabase is locked\b/i,
    keywords: ['sqlite_busy', 'database file is locked', 'database is locked'],
    confidence: 0.84,
    explanation:
      'SQLite could not take the lock on its database file. Inside one replica nothing else holds that file, so the file is on a shared volume: an Azure Files (SMB) share, where another replica or the previous revision still has it open during a revision switch, or where the share\'s byte-range locks (which SQLite needs) fail or lag. SQLite is not meant for network file shares.',
    actions: [
      'Keep a single writer: maxReplicas 1 and single revision mode, so no second replica or old revision holds the file while the new one starts.',
      {
        needs: ['volume'],
        text: 'The database is on volume {volume}: move it off the SMB share (a local or ephemeral path, copied to the share on a schedule), to an NFS Azure Files share, or to a server database; or mount the share with `mountOptions: nobrl` (no byte-range locks) when only one process ever writes. Set mount options in the YAML (`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`, edit properties.template.volumes) and apply it; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
      {
        absent: ['volume'],
        text: 'Find where the database file lives: on an Azure Files (SMB) mount, move it to local storage or a server database, or mount the share with `mountOptions: nobrl` when only one process writes.',
      },
      { absent: ['repeatedFailure'], text: 'If it happened once at a revision switch and the restart recovered, the old revision held the file: single revision mode (or a short overlap) avoids a repeat.' },
    ],
    links: [LINKS.storage, LINKS.revisions],
  },
  {
    id: 'console.db.prisma-failed-migration',
    category: 'application-error',
    title: 'a migration is recorded as failed in the database ({exception|Prisma}): new migrations are not applied',
    // Prisma migrate deploy refuses to run while a migration is marked failed in _prisma_migrations
    // (P3009), or stops when one fails to apply (P3018); the app's start script exits with it.
    pattern: /\bError: (?<exception>P3009|P3018)\b|\bmigrate found failed migrations in the target database\b|\bA migration failed to apply\. New migrations cannot be applied\b|^The `(?<migration>\w{1,120})` migration started at [^\n]{1,60} failed$/i,
    keywords: ['p3009', 'p3018', 'migrate found failed migrations', 'a migration failed to apply', 'migration started at'],
    confidence: 0.8,
    // The migration steps read the failed migration's name from the rows that follow (`The `x` migration ... failed`).
    actions: [...MIGRATION_STEPS],
    explanation:
      'The migration tool found a migration recorded as failed in the database (or one failed now) and refuses to apply any further migrations; the start command that runs the migrations exits, so the app never starts. Restarting does not help until the failed migration is resolved in the database.',
  },
  {
    id: 'console.db.object-already-exists',
    category: 'application-error',
    title: 'a schema migration creates {object|a table} that the database already has',
    // Each server's words for a CREATE whose object exists: MySQL/MariaDB (SQLSTATE 42S01, error 1050),
    // PostgreSQL (42P07, `relation "x" already exists`), SQL Server (error 2714). At start that is a migration
    // run against a schema its history table does not describe.
    pattern:
      /(?<exception>SQLSTATE\[42S01\]|SQLSTATE\[42P07\]): (?:Base table or view already exists|Duplicate table)|\bBase table or view already exists: 1050 Table '(?<object>[\w.$]{1,128})'|\bThere is already an object named '(?<object_2>[\w.\[\]]{1,128})' in the database|\brelation "(?<object_3>[\w.]{1,120})" already exists\b/,
    keywords: ['sqlstate[42s01]', 'sqlstate[42p07]', 'already exists: 1050', 'there is already an object named', 'already exists'],
    confidence: 0.8,
    actions: [...MIGRATION_STEPS],
    explanation:
      'The migration the app runs at start tries to create {object|a table} that already exists: the migrations table does not record what was applied to this database (a restore, a half-applied earlier run, a second app sharing the schema), so the same migration runs again and fails on every start.',
  },
  {
    id: 'console.db.extension-not-installed',
    category: 'missing-module',
    title: 'PostgreSQL extension {module} is not installed in the server\'s image',
    // CREATE EXTENSION for an extension the server's files lack: `extension "vector" is not available`,
    // `could not open extension control file ".../vector.control"`. The image needs the extension's package.
    pattern: /\bextension "(?<module>[\w-]{1,60})" is not available\b|\b[Cc]ould not open extension control file "(?<file>\/[^"\n]{1,200}\/(?<module_2>[\w-]{1,60})\.control)"/,
    keywords: ['is not available', 'extension control file'],
    confidence: 0.88,
    explanation:
      'The database runs CREATE EXTENSION {module|for an extension} whose files the PostgreSQL server does not have: the server\'s image lacks the extension (pgvector, PostGIS and others are separate packages).',
    actions: [
      {
        decisive: true,
        text: 'Run PostgreSQL from an image that includes {module|the extension} (for pgvector, `pgvector/pgvector:pg<version>`; or install its package in your own image), or on Azure Database for PostgreSQL allow-list it (azure.extensions); then deploy the image.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <registry>/<image>:<tag-with-extension>',
      },
    ],
  },
  {
    id: 'console.db.npgsql-connect-timeout',
    category: 'dependency-unreachable',
    title: 'PostgreSQL did not answer before Npgsql\'s connection timeout',
    // Npgsql wraps the socket timeout as `NpgsqlException ---> System.TimeoutException: Timeout during
    // connection attempt`: no TCP connection to the server at all (network path, firewall, NSG, private DNS).
    pattern: /\bTimeout during connection attempt\b/,
    keywords: ['timeout during connection attempt'],
    confidence: 0.86,
    explanation:
      'Npgsql could not open a TCP connection to the PostgreSQL server within its timeout: nothing answered on the server\'s port from the environment. The usual causes are the network path (an NSG or route table on the environment\'s subnet, a firewall), a private endpoint without the private DNS zone linked to the environment\'s VNet, or a server that is stopped.',
  },
  {
    id: 'console.db.metadata-file-unreadable',
    category: 'application-error',
    title: 'the server cannot load the table metadata file {file}',
    // ClickHouse reads one .sql file per table at start and stops on one it cannot parse ("Cannot create
    // table from metadata file /var/lib/clickhouse/metadata/db/t.sql, error: ... Attempt to read after eof",
    // "Cannot attach table `db`.`t` from metadata file /x.sql from query ATTACH TABLE ..."): a truncated or
    // empty file left by an unclean stop or a full volume. The table name is one token of word characters,
    // dots and backquotes; the path ends at a space or a comma.
    pattern:
      /\bCannot (?:create|attach) table (?:[\w.`]{1,200} )?from metadata file (?<file>\/[^\s,]{1,300})|\b(?:Cannot|Failed to) (?:parse|load|read) metadata file (?<file_2>\/[^\s,]{1,300})/i,
    keywords: ['metadata file'],
    confidence: 0.84,
    explanation:
      'The server stopped while loading its tables because the metadata file {file} is broken (often truncated or empty after an unclean stop or a full volume). It fails the same way on every start until the file is repaired.',
    actions: [
      {
        decisive: true,
        text: 'Repair or move aside {file} on the data volume ({volume|the volume that holds the server\'s data}): restore it from a replica or backup, or move it out of the metadata directory and re-create the table afterwards; then restart the revision.',
        command: RESTART_REVISION,
      },
      'Check the volume for a full disk or an interrupted write around the last stop: the cause of the truncation may repeat.',
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.db.bigquery-not-found',
    category: 'application-error',
    title: 'BigQuery {kind|object} {object} does not exist in location {region|the job reads}',
    // BigQuery's 404 in the client libraries' and dbt's words: "404 Not found: Table proj:ds.t was not found in
    // location US", "Not found: Dataset proj:ds was not found in location EU". The job reads a table or dataset
    // that was never built (a seed or upstream model not run) or lives in another project or location.
    pattern: /\bNot found: (?<kind>Table|Dataset) (?<object>[\w.:-]{1,300}) was not found in location (?<region>[\w-]{1,40})/,
    keywords: ['was not found in location'],
    normalizeNames: (n) => ({ ...n, kind: n.kind.toLowerCase() }),
    confidence: 0.82,
    explanation:
      'The query reads {object}, which BigQuery does not have in location {region|the job runs in}: the table was never built (a seed or an upstream model that did not run first), was dropped, or lives in another project, dataset or location than the job\'s settings point to.',
    actions: [
      'Build what the query depends on first (dbt: `dbt seed` or `dbt build` so seeds and upstream models exist before these models run), or correct the project, dataset or location the job\'s profile or settings name.',
      { text: 'Run the job again once the table exists.', command: 'az containerapp job start -n {app} -g {resourceGroup}' },
    ],
  },
  {
    id: 'console.db.sqlite-cannot-open',
    category: 'storage-failure',
    title: 'SQLite cannot open its database file{ file}',
    // SQLITE_CANTOPEN (error 14) in each binding's words: the directory is missing, not writable, or on a
    // network share that does not support SQLite's locking (Azure Files SMB).
    pattern: /\bSQLite Error 14: 'unable to open database file'|\bsqlite3\.OperationalError: unable to open database file\b|\bSQLITE_CANTOPEN\b/,
    keywords: ['sqlite error 14', 'unable to open database file', 'sqlite_cantopen'],
    context: /\bon server '(?<file>\/[^'\n]{1,200})'/,
    confidence: 0.8,
    explanation:
      'SQLite could not open or create its database file{ file}: the directory does not exist or is not writable for the app\'s user, or it is on an Azure Files (SMB) share, which does not support the byte-range locks SQLite needs.',
    actions: [
      {
        decisive: true,
        text: 'Keep the SQLite file on the replica\'s own disk (or an Azure Files NFS share), or move the data to a server database; on an SMB share, mountOptions `nobrl` (in the app\'s YAML) lets SQLite open it, at the cost of locking. Then create a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
    ],
  },
  {
    id: 'console.db.mongod-data-open-denied',
    category: 'permission-denied',
    title: 'mongod may not open its data files{ file}',
    // WiredTiger's own report of a refused open(2) on the data directory (`/data/db/WiredTiger.wt: handle-open:
    // open: Operation not permitted`, bare or inside a 4.4+ JSON "WiredTiger error" record), and the 3.x form
    // that ends initAndListen (`exception in initAndListen: 28595 1: Operation not permitted, terminating`).
    // mongod then exits 100; the refused open is the cause, the exit code only says mongod gave up. The path may
    // start only where a path-like run starts (look-behind), so a long run of path characters is scanned once.
    pattern:
      /(?<![\w.@\/-])(?<file>\/[\w.@\/-]{1,200}): handle-open: open: (?:Operation not permitted|Permission denied)|\bexception in initAndListen: \d{1,6} (?:1: Operation not permitted|13: Permission denied)/,
    keywords: ['handle-open: open:', 'exception in initandlisten'],
    confidence: 0.88,
    explanation:
      'mongod\'s storage engine (WiredTiger) was refused when it opened{ file} in its data directory, so mongod stopped before serving. The data directory belongs to another user than the one mongod runs as (uid 999 in the official image), or it is on a mount that refuses the operation: an Azure Files (SMB) share is owned by root, ignores chown and does not give WiredTiger the file semantics it needs.',
    actions: [
      {
        needs: ['volume'],
        decisive: true,
        text: '{file|The data directory} is on volume {volume}. Do not keep mongod\'s data on an Azure Files (SMB) share: use a managed database (Azure Cosmos DB for MongoDB) or a store on a disk. For a test instance only, mount the share as the mongo user (`mountOptions: uid=999,gid=999` on volume {volume} under properties.template.volumes in the app\'s YAML) and apply it; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
      { absent: ['volume'], text: 'Give the user mongod runs as (uid 999 in the official image) ownership of its data directory (--dbpath, /data/db by default) in the image, or point --dbpath at a directory that user owns.' },
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.db.redis-config-path-denied',
    category: 'permission-denied',
    title: 'redis-server may not write {file|the path its configuration names}',
    // Redis reads its configuration file and stops at the directive it cannot apply, in a fixed block:
    // `*** FATAL CONFIG FILE ERROR ***`, `Reading the configuration file, at line 13`, `>>> 'logfile /var/log/redis/redis-server.log'`,
    // then the reason. A log file or working directory (`dir`) the redis user may not write is refused here.
    pattern: /\bCan't open the log file: (?:Permission denied|Operation not permitted|Read-only file system)|\bCan't chdir to '(?<file>[^'\n]{1,200})': (?:Permission denied|Operation not permitted)/,
    keywords: ["can't open the log file", "can't chdir to"],
    context: />>> '(?:logfile|dir) "?(?<file>[^'"\s]{1,200})"?'/,
    confidence: 0.88,
    explanation:
      'redis-server stops at start-up because the configuration names a path ({file|a log file or working directory}) that the user it runs as (redis, uid 999 in the official image) may not create or write: a directory in the image owned by root, or a mount owned by another user.',
    actions: [
      {
        decisive: true,
        text: 'Log to stdout instead: set `logfile ""` in redis.conf (Container Apps collects stdout), or create {file|the path} in the image owned by the redis user (chown in the Dockerfile); for `dir`, use a directory the redis user owns (/data in the official image). Then rebuild the image or update the mounted configuration and create a new revision.',
      },
    ],
  },
  {
    id: 'console.db.redis-config-directive',
    category: 'missing-configuration',
    title: 'redis-server rejects a line of its configuration: {setting|a directive}',
    // The same FATAL CONFIG FILE ERROR block with Redis's parse errors: an option this version does not know
    // (a redis.conf from a newer release), or arguments that are not one value each (a whole command line
    // passed as one argument: `>>> 'port 6379 "--appendonly no"'`).
    pattern: /^\s{0,8}(?:Bad directive or wrong number of arguments|wrong number of arguments|Bad directive)\s{0,4}$/,
    keywords: ['bad directive', 'wrong number of arguments'],
    context: />>> '(?<setting>[^'\n]{1,200})'/,
    requireContext: true,
    confidence: 0.86,
    explanation:
      'redis-server read its configuration and stopped at a line it cannot parse ({setting|the line after >>>}): a directive this Redis version does not know (a redis.conf copied from a newer release), or options passed as one argument ("--appendonly no" as a single word in the container\'s command), which Redis reads as extra arguments of the previous directive.',
    actions: [
      {
        decisive: true,
        text: 'Fix that line: use the redis.conf that ships with the image\'s Redis version (or drop the directive it does not know), and give each option and its value as separate words in the container\'s args (`--appendonly`, `no`); then create a new revision.',
      },
    ],
  },
]);
