import fc from 'fast-check';
import corpus from '../fixtures/render/redaction-corpus.json';
import { REDACTION_RULES } from '../../src/render/redactionRules';
import {
  isSensitivePropertyName,
  REDACTED,
  redact,
  redactDiagnosis,
  redactLogProperties,
} from '../../src/render/redact';
import { diagnosisCarrying, enrichedDiagnosis } from './fixtures';

interface SecretSample {
  id: string;
  text: string;
  secret: string;
}
const secrets = corpus.secrets as SecretSample[];
const ordinary = corpus.ordinary as string[];

describe('redaction corpus', () => {
  it('is big enough to mean something', () => {
    expect(secrets.length).toBeGreaterThanOrEqual(70);
    expect(ordinary.length).toBeGreaterThanOrEqual(90);
    for (const s of secrets) expect(s.text).toContain(s.secret);
  });

  it.each(secrets.map((s) => [s.id, s] as const))('removes %s', (_id, s) => {
    const out = redact(s.text);
    expect(out).not.toContain(s.secret);
    expect(out).toContain(REDACTED);
  });

  it.each(ordinary.map((l) => [l] as const))('leaves ordinary text alone: %s', (line) => {
    expect(redact(line)).toBe(line);
  });
});

describe('redaction corpus as one log', () => {
  it('removes every secret and keeps every ordinary line when all of them share one text', () => {
    const n = Math.max(secrets.length, ordinary.length);
    const lines = Array.from({ length: n }, (_, i) => [secrets[i % secrets.length]!.text, ordinary[i % ordinary.length]!]).flat();
    const out = redact(lines.join('\n'));
    for (const s of secrets) expect(out).not.toContain(s.secret);
    const outLines = out.split('\n');
    for (const l of ordinary) expect(outLines).toContain(l);
  });
});

describe('redact', () => {
  it.each([
    ['Server=tcp:db,1433;User ID=app;Password=abc123xyz;', 'Password=[REDACTED];'],
    ['AccountName=x;AccountKey=QUJD+ZGVm/Z2hp==;EndpointSuffix=core.windows.net', 'AccountKey=[REDACTED];'],
    ['{"password": "pa55w0rd-value"}', '{"password": "[REDACTED]"}'],
    ['https://fn.azurewebsites.net/api/x?code=abcDEF123&name=y', '?code=[REDACTED]&name=y'],
    ['postgres://orders:s3cr3tpw@db:5432/orders', 'postgres://orders:[REDACTED]@db:5432/orders'],
    ['Authorization: Bearer abcdefghijklmnop1234', 'Authorization: Bearer [REDACTED]'],
  ])('keeps the key name so the reader knows what was there: %s', (input, expected) => {
    expect(redact(input)).toContain(expected);
  });

  it('keeps the text around a private key block and its BEGIN/END lines', () => {
    const text = 'before\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\nafter';
    expect(redact(text)).toBe('before\n-----BEGIN PRIVATE KEY-----[REDACTED]-----END PRIVATE KEY-----\nafter');
  });

  it('removes key lines of a block cut off before END without swallowing the rest of a long log', () => {
    const keyLines = ['QUFBQUI0NzY1NDMyMTBhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3', 'ODlBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWmFiY2RlZmdoaWprbG1ub3BxcnN0'];
    const log = ['start', '-----BEGIN EC PRIVATE KEY-----', ...keyLines, "2025-01-10 ERROR Container 'orders-api' restarted", 'end'].join('\n');
    const out = redact(log);
    for (const l of keyLines) expect(out).not.toContain(l);
    expect(out).toContain("ERROR Container 'orders-api' restarted\nend");
    expect(out.startsWith('start\n-----BEGIN EC PRIVATE KEY-----[REDACTED]')).toBe(true);
  });

  it('removes a key stored with literal \\n separators, as in an env dump', () => {
    const body = 'TUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lC';
    const line = `PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\n${body}\\nAQAB\\n-----END PRIVATE KEY-----\\n" loaded`;
    const out = redact(line);
    expect(out).not.toContain(body);
    expect(out).toContain('loaded');
  });

  it('does not treat a JWT-looking word without three parts as a token', () => {
    expect(redact('header eyJhbGciOiJIUzI1NiJ9 only')).toBe('header eyJhbGciOiJIUzI1NiJ9 only');
  });

  it('leaves low-entropy values after "key:" alone but removes key material', () => {
    expect(redact('partitionKey: tenant-id-for-orders')).toBe('partitionKey: tenant-id-for-orders');
    expect(redact('cacheKey=9fK2qL8xZ3vB7nM1pR4tW6yH0jD5sA')).toBe('cacheKey=[REDACTED]');
  });

  it('leaves a secret\'s name (secretRef, secret name) readable', () => {
    const line = "env DATABASE_URL reads secretRef 'db-url'; secretName=db-url";
    expect(redact(line)).toBe(line);
  });

  it('is idempotent on the corpus and on arbitrary text', () => {
    for (const s of secrets) expect(redact(redact(s.text))).toBe(redact(s.text));
    const pieces = ['password', '=', ':', ' ', '"', "'", 'eyJ', '.', '-', 'key', 'token', '://', '@', '&sig=', 'AKIA', 'x', '0', 'Q~', ';', '[REDACTED]'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const once = redact(parts.join(''));
        expect(redact(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('never changes text made only of characters no rule can match', () => {
    // No ':', '=', '<', '-', '_', '~', upper case, and no 'e' (which rules out "bearer <token>").
    fc.assert(
      fc.property(fc.stringMatching(/^[a-df-z0-9 ,()#|!]{0,200}$/), (s) => {
        expect(redact(s)).toBe(s);
      }),
    );
  });

  it('uses global patterns only (one pass per rule)', () => {
    for (const rule of REDACTION_RULES) expect(rule.pattern.global).toBe(true);
  });

  // No timing assertion: the point is that each of these finishes at all (a quadratic or exponential
  // pattern would not finish on a megabyte within the test timeout).
  const MB = 1 << 20;
  const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  it.each([
    ['letters', fill('a')],
    ['JWT starts without dots', fill('eyJ-')],
    ['JWT starts with one dot', fill('eyJa.')],
    ['unterminated private keys', fill('-----BEGIN RSA PRIVATE KEY-----')],
    ['private key without END', '-----BEGIN RSA PRIVATE KEY-----' + fill('A-')],
    ['scheme prefixes', fill('a://x:')],
    ['userinfo without @', 'http://' + fill('x:')],
    ['password= repeated', fill('password=')],
    ['open quotes after keys', fill('password="')],
    ['escaped JSON keys', fill('\\"token\\":\\"')],
    ['key: prefixes', fill('key: Ab1')],
    ['base64 runs', fill('ABCDEFGHabcdefgh0123+/')],
    ['query params', fill('&sig=')],
    ['bearer words', fill('Bearer ')],
    ['dotted words', fill('a.b-c_')],
    ['userinfo with @ and no host', fill('a://u:p@')],
    ['connection-string keys without ;', fill('Password=a b ')],
    ['percent escapes', fill('password%3D%')],
    ['docker login without -p', fill('docker login x ')],
    ['base32 runs', fill('abcdefghijklmnopqrstuvwxyz234567')],
    ['cookie headers', fill('Cookie: ')],
    ['secret phrases', fill("secret 'x' value ")],
    ['key-only rows', fill('password:\n')],
    ['block scalars', fill('secret: |\n  ')],
    ['PEM rows', '-----BEGIN PRIVATE KEY-----\n' + fill('QUJD\n')],
  ])('finishes on 1 MB of %s', (_name, input) => {
    const out = redact(input);
    expect(typeof out).toBe('string');
    expect(redact(out)).toBe(out);
  });
});

describe('redactDiagnosis', () => {
  it('redacts every string in the tree and leaves the input untouched', () => {
    const secret = 'Password=Sup3r-S3cret-Value';
    const d = diagnosisCarrying(secret);
    const before = JSON.stringify(d);
    const r = redactDiagnosis(d);
    expect(JSON.stringify(d)).toBe(before);
    const text = JSON.stringify(r);
    expect(text).not.toContain('Sup3r-S3cret-Value');
    expect(text).not.toContain('fnKey99');
    expect(text).not.toContain('Zq9Zq9');
    expect(r.findings[0]!.names!.connectionString).toBe(REDACTED);
    expect(r.findings[0]!.names!.detail).toBe('Password=[REDACTED]');
    expect(r.alert!.description).toBe('Alert text Password=[REDACTED]');
  });

  it('returns a secret-free diagnosis unchanged', () => {
    const d = enrichedDiagnosis();
    expect(redactDiagnosis(d)).toEqual(d);
  });

  it('keeps names that are names of secrets', () => {
    const r = redactDiagnosis(enrichedDiagnosis());
    expect(r.findings[0]!.names).toEqual({ envVar: 'DATABASE_URL', secret: 'db-url' });
  });
});

describe('redactLogProperties', () => {
  it('drops values of sensitive properties and redacts the rest as text', () => {
    const out = redactLogProperties({
      clientSecret: 'abc',
      connectionString: 'Endpoint=sb://x/;SharedAccessKey=zzz',
      url: 'https://hooks.slack.com/services/T1/B2/C3secret',
      attempt: 2,
      ok: true,
      destination: 'ops-teams',
      secretName: 'db-url',
      empty: undefined,
    });
    expect(out).toEqual({
      clientSecret: REDACTED,
      connectionString: REDACTED,
      url: 'https://hooks.slack.com/services/[REDACTED]',
      attempt: 2,
      ok: true,
      destination: 'ops-teams',
      secretName: 'db-url',
      empty: undefined,
    });
  });

  it('classifies property names', () => {
    expect(['password', 'DB_PASSWORD', 'apiKey', 'accessToken', 'authorization', 'storageConnectionString'].every(isSensitivePropertyName)).toBe(true);
    expect(['secret', 'secretRef', 'secretName', 'tokenCount', 'keyVaultUrl', 'url', 'alertId'].some(isSensitivePropertyName)).toBe(false);
  });
});

describe('Azure SDK error messages', () => {
  // The identity SDK prefixes its messages with the credential's class name and a colon. That is a
  // class name and the start of a sentence, not a key and its value: redacting it hid the very reason
  // ("Network unreachable") a not-enriched diagnosis gives.
  it.each([
    'CredentialUnavailableError: ManagedIdentityCredential: Network unreachable. Message: network_error',
    'EnvironmentCredential: Environment variables are not fully configured.',
    'AuthenticationError: ClientSecretCredential: The client secret is invalid.',
    'DefaultAzureCredential: Failed to retrieve a token from the included credentials.',
  ])('leaves "%s" readable', (line) => {
    expect(redact(line)).toBe(line);
  });

  it.each([
    ['credentials: Summer2024!', 'Summer2024!'],
    ['AZURE_CREDENTIALS=hunter2hunter2', 'hunter2hunter2'],
    ['ManagedIdentityCredential: p4ssw0rd-value', 'p4ssw0rd-value'],
    ['"storageCredential": "Tr0ub4dor"', 'Tr0ub4dor'],
  ])('still removes the value in %s', (line, secret) => {
    expect(redact(line)).not.toContain(secret);
  });
});
