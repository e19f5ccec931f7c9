import { consoleFamily } from '../categoryText';
import { RESTART_REVISION } from '../commandTemplates';
import { LINKS } from '../links';
import type { RuleAction } from '../../types';

/**
 * Servers refusing the app's credentials in their own words, for servers without a client family of their
 * own here: NATS, ClickHouse, Snowflake, SSH/SFTP. The client library wraps the refusal in an exception
 * that ends the process (exit 134 on .NET, an uncaught Error in Node, a traceback in Python); the refusal is
 * the cause, the wrapper only carries it, so these rules sit well above the unhandled-exception readings.
 */
const SECRET_STEPS: RuleAction[] = [
  {
    needs: ['secret'],
    decisive: true,
    text: 'Put the credential the server accepts in secret {secret}, which {envVar|the app\'s variable} reads; replace <value>.',
    command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {secret}=<value>',
  },
  { needs: ['secret'], text: 'Restart the revision so the app reads it (a job reads it at its next execution).', command: RESTART_REVISION },
];

export const SERVER_LOGIN_RULES = consoleFamily('logins', [
  {
    id: 'console.nats.authorization-violation',
    category: 'authentication-failure',
    title: 'the NATS server refused the connection\'s credentials (Authorization Violation)',
    // Every NATS client relays the server's `-ERR 'Authorization Violation'`: NATS.Client (.NET)
    // NATSConnectionException, nats.go "nats: authorization violation", nats.js NatsError. The server's own
    // trace of a client it refused (`cid:5 - ->> [-ERR Authorization Violation]`) is not this app's failure.
    pattern: /\b[Aa]uthorization [Vv]iolation\b/,
    keywords: ['authorization violation'],
    unless: /\bcid:\d{1,10}\b/,
    confidence: 0.9,
    explanation:
      'The NATS server accepted the TCP connection and then refused the credentials the app sent (token, user and password, NKey or JWT): they are wrong, expired, or missing for a server that requires them, or the account does not allow this user.',
    actions: [
      ...SECRET_STEPS,
      { absent: ['secret'], text: 'Check the token or user credentials the app sends (its NATS URL or token variable and the secret behind it) against the server\'s authorization block, then restart the revision.' },
    ],
    links: [LINKS.secrets],
  },
  {
    id: 'console.clickhouse.auth-failed',
    category: 'authentication-failure',
    title: 'ClickHouse refused user {user|the app\'s user}: wrong password or no such user',
    // Code 516 AUTHENTICATION_FAILED, as every client relays it (ClickHouse.Client, clickhouse-driver, the
    // CLI): `DB::Exception: default: Authentication failed: password is incorrect, or there is no user...`.
    pattern:
      /\bDB::Exception: (?<user>[\w.@-]{1,64}): Authentication failed\b|\bAuthentication failed: password is incorrect,? or there is no user with such name\b|\(AUTHENTICATION_FAILED\)/,
    keywords: ['authentication failed', 'authentication_failed'],
    confidence: 0.92,
    explanation:
      'ClickHouse refused the login: the password is wrong for user {user|the user the app connects as}, or no such user exists. A connection string whose user key the client does not read (Username= for User=) logs in as `default`.',
    actions: [
      ...SECRET_STEPS,
      { absent: ['secret'], text: 'Check the user and password in the ClickHouse connection string the app reads (and the key names the client expects), then restart the revision.' },
    ],
    links: [LINKS.secrets],
  },
  {
    id: 'console.snowflake.auth-failed',
    category: 'authentication-failure',
    title: 'Snowflake{ host} refused the user name or password',
    // snowflake-connector-python (and dbt-snowflake over it), the JDBC and .NET drivers, code 390100:
    // `250001 (08001): Failed to connect to DB: <account>.snowflakecomputing.com:443. Incorrect username or password was specified.`
    pattern: /(?:Failed to connect to DB: (?<host>[\w.-]{1,253}):(?<port>\d{2,5})\. )?Incorrect username or password (?:was )?specified/i,
    keywords: ['incorrect username or password'],
    confidence: 0.92,
    explanation:
      'Snowflake reached the account and refused the login: the password was rotated or is wrong, the user name does not exist in that account, or the user is locked after repeated failures.',
    actions: [
      ...SECRET_STEPS,
      { absent: ['secret'], text: 'Check the Snowflake user and password the app reads (variable and secret) against the account, then restart the revision or rerun the job.' },
    ],
    links: [LINKS.secrets],
  },
  {
    id: 'console.ssh.auth-failed',
    category: 'authentication-failure',
    title: 'the SSH/SFTP server refused {user|the user}: all authentication methods failed',
    // ssh2 / ssh2-sftp-client (Node) "All configured authentication methods failed", paramiko (Python)
    // AuthenticationException "Authentication failed.", JSch (Java) "Auth fail".
    pattern:
      /\bAll configured authentication methods failed\b|\b(?<exception>(?:paramiko\.(?:ssh_exception\.)?)?AuthenticationException): Authentication failed\b|\bJSchException: Auth fail\b/,
    keywords: ['all configured authentication methods failed', 'authenticationexception', 'jschexception'],
    confidence: 0.93,
    explanation:
      'The SSH server accepted the connection and refused every method the client tried (password, private key, keyboard-interactive) for {user|the configured user}: the password or key is wrong or rotated, the server no longer has the public key authorised, or it expects another method.',
    actions: [
      ...SECRET_STEPS,
      { absent: ['secret'], text: 'Check the password or private key the app sends for {user|the user} (variable and secret) with the server\'s owner, and that the server still authorises that key.' },
    ],
    links: [LINKS.secrets],
  },
  {
    id: 'console.backup.repository-password',
    category: 'authentication-failure',
    title: 'the backup repository refused the password the job gave it ({tool|restic or borg}: wrong password or no key found)',
    // Encrypted backup repositories open only with a password that decrypts one of their keys: restic's
    // `Fatal: wrong password or no key found` (exit 12, also relayed by wrappers such as Velero, Kanister or a
    // Python subprocess.CalledProcessError), borg's `passphrase supplied in BORG_PASSPHRASE ... is incorrect`.
    // The wrapper's exception only carries it; the password is the cause.
    pattern:
      /\b(?<tool>restic)\b.{0,2000}?wrong password or no key found|\bFatal: wrong password or no key found\b|\bpassphrase supplied in (?<envVar>BORG_PASSPHRASE)\b.{0,120}?\bis incorrect\b/,
    keywords: ['wrong password or no key found', 'borg_passphrase'],
    confidence: 0.9,
    explanation:
      'The backup tool reached the repository and could not open it: the password it was given ({envVar|RESTIC_PASSWORD, RESTIC_PASSWORD_FILE or BORG_PASSPHRASE}) decrypts none of the repository\'s keys. The secret was changed or points at another repository\'s password, or the repository address now names a different repository.',
    actions: [
      ...SECRET_STEPS,
      { absent: ['secret'], text: 'Check the repository password the job reads (RESTIC_PASSWORD or RESTIC_PASSWORD_FILE, BORG_PASSPHRASE) against the one the repository was created with, and that the repository address is the intended one; then rerun the job.' },
    ],
    links: [LINKS.secrets],
  },
]);
