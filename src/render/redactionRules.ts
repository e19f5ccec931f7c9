/**
 * The redaction rules, as data. `redact()` applies them in order, one global pass each.
 *
 * Every pattern is written so that V8's backtracking engine stays linear on any input:
 * - a rule that starts with a run of some character class has a negative lookbehind for that class,
 *   so each maximal run is tried once from its start, never from every position inside it;
 * - after the fixed prefix, values are greedy runs whose end needs nothing more (closing quotes and
 *   END lines are optional), so a match that has started never fails late and rescans;
 * - key names and other variable parts in front of a required separator are bounded (`{0,48}`).
 * Where the shape of a secret needs a check a regular expression would make expensive (two dots in a
 * JWT, entropy of a value), the pattern consumes greedily and the replacer decides.
 */

export const REDACTED = '[REDACTED]';

export interface RedactionRule {
  /** Stable name, for tests and for reading. */
  id: string;
  /** What it removes, in a few words. */
  description: string;
  /** Must carry the `g` flag. */
  pattern: RegExp;
  /** Gets the same arguments as a `String.prototype.replace` callback: the match, then the groups. */
  replace: (match: string, ...groups: any[]) => string; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Words that make a key name sensitive (as the last part of a name, e.g. `DB_PASSWORD`, `clientSecret`). */
const SENSITIVE_WORDS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'api[_-]?key',
  'access[_-]?key',
  'account[_-]?key',
  'private[_-]?key',
  'signing[_-]?key',
  'encryption[_-]?key',
  'master[_-]?key',
  'functions?[_-]?key',
  'subscription[_-]?key',
  'shared[_-]?access[_-]?key',
  'shared[_-]?access[_-]?signature',
  'credentials?',
  'connection[_-]?string',
  // Misspellings and spellings seen in real configs: a typo in a key does not make its value public.
  'pasword',
  'passowrd',
  'passwrod',
  'passwrd',
  'pssword',
  'paswd',
  'passwort',
  'secert',
  'sercet',
].join('|');

/**
 * Words that follow "password:", "credentials:" or "token:" in messages about them rather than in a
 * key and its value ("credentials: missing", "password: must be at least 8 characters"). A value that
 * is one of them is left alone; so is a lower-case word that starts a sentence of several words.
 */
const STATE_WORDS = new Set(
  (
    'missing expired invalid wrong required empty none null nil undefined unset not must is was are were has have ' +
    'had please should cannot failed rejected denied incorrect too unavailable mismatch changed rotated set ' +
    'provided true false redacted hidden masked absent needed ok okay found unknown error rejected supplied ' +
    'accepted valid will would may can could does did no yes the a an for from of in on to with without ' +
    'using use via by check see edit show diff new old permission access forbidden timeout'
  ).split(' '),
);

/** A key's value that is a word of a sentence, not a secret (see STATE_WORDS). */
export function isProse(value: string, rest: string): boolean {
  // MySQL's "(using password: YES)" says whether one was sent, not what it was.
  if (/^(?:YES|NO)\)?$/.test(value)) return true;
  if (!/^[a-z]{1,15}[.,;:!?`)\]]{0,2}$/.test(value)) return false;
  if (STATE_WORDS.has(value.replace(/[.,;:!?`)\]]+$/, ''))) return true;
  // Two more lower-case words after it: a sentence.
  return /^ [a-z]{1,20}[,.]? [a-z]{1,20}\b/.test(rest);
}

/** Optional tails after a sensitive word that keep the name sensitive (`SECRET_KEY`, `password_b64`). */
const SENSITIVE_TAILS = '(?:[_.-]?(?:key|value|b64|base64|hash))?';

/**
 * A value after `=` or `:`: a double-quoted string (closing quote optional), the same with escaped
 * quotes as it appears inside serialized JSON, a single-quoted string, or a bare run up to a delimiter.
 * The alternatives start with different characters, so at most one of them is ever tried to the end.
 */
const VALUE =
  '(\\\\"(?:[^"\\\\\\r\\n]|\\\\[^"\\r\\n])*(?:\\\\")?|"(?:[^"\\\\\\r\\n]|\\\\.)*"?|\'[^\'\\r\\n]*\'?|[^\\s;&,"\'<>]+)';

/** Re-quote a redacted value the way the original was quoted, so JSON and YAML stay well-formed. */
function quoted(value: string): string {
  // Already handled by an earlier rule (a URL's password inside `token:...@host`): keep what follows it.
  if (value.startsWith(REDACTED)) return value;
  if (value.startsWith('\\"')) return `\\"${REDACTED}${value.length > 2 && value.endsWith('\\"') ? '\\"' : ''}`;
  const q = value[0];
  if (q === '"' || q === "'") return `${q}${REDACTED}${value.length > 1 && value.endsWith(q) ? q : ''}`;
  return REDACTED;
}

/** Bits per character of a string's own character distribution. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Looks like generated key material rather than a word, a path or an id a person would want to read:
 * long, mixes letters and digits, and either uses a wide alphabet or is a long hex string.
 */
export function looksLikeKeyMaterial(value: string): boolean {
  if (value.length < 20) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  if (/^[0-9a-fA-F]{32,}$/.test(value)) return true;
  return shannonEntropy(value) >= 4;
}

/**
 * `ManagedIdentityCredential: Network unreachable`: the Azure identity SDKs start their error messages
 * with the credential's class name (PascalCase, ending in `Credential`) and a colon, followed by a
 * sentence. That is not a key and its value, and hiding the first word hides why a token could not be
 * had. Only a capitalised plain word is let through; anything with digits, symbols or quotes is still
 * treated as a value.
 */
function isCredentialClassPrefix(head: string, value: string): boolean {
  return /^(?:[A-Z][a-z0-9]*)+Credential:\s*$/.test(head) && /^[A-Za-z][a-z]+[.,]?$/.test(value);
}

export const REDACTION_RULES: readonly RedactionRule[] = [
  {
    id: 'private-key-block',
    description:
      'PEM / OpenSSH / PGP private key blocks, also with literal \\n separators; a block cut off before END loses its key lines',
    // The body is header lines (Proc-Type: ...) and full base64 lines of 64 to 80 characters, then one
    // shorter last line, which must end its row (a word that starts the next log line is not key
    // material). Matching lines rather than "anything up to END" keeps a block whose END line is
    // missing from swallowing the rest of a long log.
    pattern:
      /(-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----)((?:(?:\s|\\[rn])*[A-Za-z][A-Za-z-]{0,30}: [^\r\n\\]*)*(?:(?:\s|\\[rn])*[A-Za-z0-9+/=]{64,80}(?![A-Za-z0-9+/=]))*(?:(?:\s|\\[rn])*[A-Za-z0-9+/]{1,80}={0,2}(?![A-Za-z0-9+/=])(?=[ \t]{0,8}(?:[\r\n]|\\[rn]|$|-----END)))?)(?:(?:\s|\\[rn])*(-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----))?/g,
    replace: (m, begin, body, end) => (body === '' && end === undefined ? m : `${begin}${REDACTED}${end ?? ''}`),
  },
  {
    id: 'url-userinfo',
    description: 'password in scheme://user:password@host (Postgres, MySQL, Mongo, Redis, AMQP, HTTP basic), up to the last @',
    // The password runs to the last '@' before the host, so '#', '/', '?' and '@' inside it are covered;
    // it is bounded (256) so a run of scheme prefixes costs linear time.
    pattern: /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s/?#@:"'<>]{0,256}:)([^\s"'<>]{0,256})@(?=[A-Za-z0-9[])/g,
    replace: (m, head, password) => {
      // "http://host:8080/path/@me": a port, not a password.
      if (/^\d{1,5}(?:[/?#]|$)/.test(password) || password.startsWith(REDACTED)) return m;
      return `${head}${REDACTED}@`;
    },
  },
  {
    id: 'slack-webhook-url',
    description: 'Slack incoming webhook and workflow trigger paths',
    pattern: /(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]+/g,
    replace: (_m, head) => `${head}${REDACTED}`,
  },
  {
    id: 'teams-webhook-url',
    description: 'Office 365 connector (Teams incoming webhook) paths',
    pattern: /(https:\/\/[A-Za-z0-9.-]{0,100}\.webhook\.office\.com\/webhookb2\/)[^\s"'<>]+/g,
    replace: (_m, head) => `${head}${REDACTED}`,
  },
  {
    id: 'discord-webhook-url',
    description: 'Discord webhook tokens',
    pattern: /(https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/[0-9]{1,30}\/)[A-Za-z0-9_-]+/g,
    replace: (_m, head) => `${head}${REDACTED}`,
  },
  {
    id: 'jwt',
    description: 'JSON Web Tokens: eyJ… header, payload and signature separated by dots',
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)*/g,
    replace: (m) => {
      const core = m.replace(/\.+$/, '');
      if (core.split('.').length < 3) return m;
      return `${REDACTED}${m.slice(core.length)}`;
    },
  },
  {
    id: 'known-token-formats',
    description:
      'tokens with a recognisable prefix: GitHub, Slack, AWS access key ids, Google API keys, Stripe, npm, OpenAI',
    pattern:
      /(?<![A-Za-z0-9_-])(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{20,255}|xox[abposr]-[A-Za-z0-9-]{10,255}|xapp-[A-Za-z0-9-]{10,255}|(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}|AIza[0-9A-Za-z_-]{35}|(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,255}|npm_[A-Za-z0-9]{36}|sk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{32,255})(?![A-Za-z0-9_-])/g,
    replace: () => REDACTED,
  },
  {
    id: 'entra-client-secret',
    description: 'Microsoft Entra application client secrets (xxxN Q~ followed by 31 to 34 characters)',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    replace: () => REDACTED,
  },
  {
    id: 'azure-storage-key',
    description: 'Azure storage account keys: 88 base64 characters ending in ==',
    pattern: /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g,
    replace: () => REDACTED,
  },
  {
    id: 'connection-string-key',
    description:
      'secret parts of connection strings: AccountKey=, SharedAccessKey=, SharedAccessSignature=, Password=, Pwd=; a value with spaces runs to the next ;',
    pattern:
      /(?<![A-Za-z0-9_])(AccountKey|SharedAccessKey|SharedAccessSignature|AccessKey|Password|Pwd|ClientSecret|Secret)(\s{0,8}=\s{0,8})(?!\/)("[^"\r\n]*"?|'[^'\r\n]*'?|[^;\s"'<>][^;\r\n"'<>]{0,200}(?=;)|[^;\s"'<>]+)/gi,
    replace: (_m, key, sep, value) => `${key}${sep}${quoted(value)}`,
  },
  {
    id: 'authorization-header',
    description: 'Authorization header values, keeping the scheme (Basic, Bearer, SharedKey, ...)',
    pattern:
      /(?<![A-Za-z0-9_-])((?:proxy-)?authorization["']?\s{0,8}[:=]\s{0,8}["']?)((?:Basic|Bearer|Digest|SharedKey|SharedAccessSignature|SAS|Token|Negotiate|NTLM)\s+)?([^\s"',;]+)/gi,
    replace: (_m, head, scheme) => `${head}${scheme ?? ''}${REDACTED}`,
  },
  {
    id: 'bearer-token',
    description: 'Bearer tokens anywhere in text',
    pattern: /(?<![A-Za-z0-9_-])(bearer\s{1,8})[A-Za-z0-9._~+/-]{16,}=*/gi,
    replace: (_m, head) => `${head}${REDACTED}`,
  },
  {
    id: 'url-query-secret',
    description: 'secret query parameters in URLs: sig=, code= (Functions keys), key=, api_key=, access_token=, token=, ...',
    pattern:
      /([?&](?:amp;)?)(sig|signature|code|key|api[_-]?key|apikey|x-api-key|subscription-key|access[_-]?token|refresh[_-]?token|id[_-]?token|token|auth|password|pwd|secret|client[_-]?secret)=([^&#\s"'<>]*)/gi,
    replace: (m, lead, name, value) => (value === '' ? m : `${lead}${name}=${REDACTED}`),
  },
  {
    id: 'cli-flag-secret',
    description: 'command-line flags such as --password hunter2 or --client-secret=...',
    pattern: new RegExp(
      `(?<![A-Za-z0-9_-])(--?[A-Za-z0-9-]{0,32}?(?:${SENSITIVE_WORDS})${SENSITIVE_TAILS})(=|\\s{1,4})(?!-)${VALUE}`,
      'gi',
    ),
    replace: (_m, flag, sep, value) => `${flag}${sep}${quoted(value)}`,
  },
  {
    id: 'sensitive-key-value',
    description: 'password=, secret:, "token": "...", DB_PASSWORD=..., clientSecret: ... in text, YAML, JSON and env dumps',
    pattern: new RegExp(
      `(?<![A-Za-z0-9_.-])(\\\\?["']?[A-Za-z0-9_.-]{0,48}?(?:${SENSITIVE_WORDS})${SENSITIVE_TAILS}\\\\?["']?\\s{0,8}[:=]\\s{0,8})${VALUE}`,
      'gi',
    ),
    replace: (m, head, value, offset: unknown, whole: unknown) => {
      // `password: |` opens a YAML block scalar: the indicator is not the value (the rows under it are).
      if (isCredentialClassPrefix(head, value) || /^[|>][-+0-9]{0,3}$/.test(value)) return m;
      const rest = typeof whole === 'string' && typeof offset === 'number' ? whole.slice(offset + m.length, offset + m.length + 48) : '';
      // "credentials:edit" (a Rails command), "password: must be ...": words about the key, not its value.
      if (/^[:=]$/.test(head.trim().slice(-1)) && isProse(value, rest)) return m;
      return `${head}${quoted(value)}`;
    },
  },
  {
    id: 'xml-secret-element',
    description: '<password>...</password> and similar XML elements',
    pattern: new RegExp(`(<(?:[A-Za-z0-9_.-]{0,32}?(?:${SENSITIVE_WORDS}))>)[^<\\r\\n]*`, 'gi'),
    replace: (m, open) => (m.length === open.length ? m : `${open}${REDACTED}`),
  },
  {
    id: 'cli-short-password',
    description: '-p / -p<value> after docker, podman, helm or oras login, and after mysql clients',
    pattern:
      /(\b(?:(?:docker|podman|nerdctl|buildah|oras|helm(?: registry)?)\s{1,4}login|mysql(?:dump|admin)?)\b[^\r\n]{0,200}?\s-p\s{0,4})(?!-)([^\s"']+|"[^"\r\n]*"?|'[^'\r\n]*'?)/g,
    replace: (_m, head, value) => `${head}${quoted(value)}`,
  },
  {
    id: 'more-token-formats',
    description: 'SendGrid API keys (SG.x.y), Azure DevOps personal access tokens (52-character base32, or 84 characters with AZDO)',
    pattern:
      /(?<![A-Za-z0-9_.-])(?:SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{32,64}|[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}|(?=[a-z2-7]{0,51}[2-7])(?=[a-z2-7]{0,51}[a-z])[a-z2-7]{52})(?![A-Za-z0-9_-])/g,
    replace: () => REDACTED,
  },
  {
    id: 'cookie-header',
    description: 'Cookie and Set-Cookie header values (the whole header value: every cookie in it is a session)',
    pattern: /(?<![A-Za-z0-9_-])((?:set-)?cookie["']?\s{0,8}:\s{0,8})(?!\s)([^\r\n]{1,4000})/gi,
    replace: (m, head, value) => (value.startsWith(REDACTED) || isProse(value.split(' ')[0] ?? '', value.slice((value.split(' ')[0] ?? '').length)) ? m : `${head}${REDACTED}`),
  },
  {
    id: 'secret-phrase',
    description: "phrasings such as secret 'db' value: ..., token 'x' is set to ...",
    pattern:
      /(\b(?:secret|password|token|api key)\s{1,4}(?:'[^'\r\n]{1,64}'|"[^"\r\n]{1,64}"|[\w.-]{1,64})\s{1,4}(?:value\s{0,4}[:=]|value is|is set to|=)\s{0,4})(?!\[REDACTED)([^\s"']+|"[^"\r\n]*"?|'[^'\r\n]*'?)/gi,
    replace: (m, head, value) => (isProse(value, '') ? m : `${head}${quoted(value)}`),
  },
  {
    id: 'generic-key-material',
    description: 'long, high-entropy values after a name ending in "key" (signingKey: ..., key = ...)',
    pattern: /(?<![A-Za-z0-9_.-])(["']?[A-Za-z0-9_.-]{0,48}?key["']?\s{0,8}[:=]\s{0,8}["']?)([A-Za-z0-9+/_=-]+)/gi,
    replace: (m, head, value) => (looksLikeKeyMaterial(value) ? `${head}${REDACTED}` : m),
  },
];
