/**
 * Whether a variable's name says its value is a credential. Every step that writes `--set-env-vars` asks
 * this one question before it pastes a value: a credential goes into a secret and the variable references
 * it, anything else is set as it is. One definition, so two steps of one diagnosis never disagree about
 * the same variable (one storing `REDIS_PASSWORD` as a secret, the next pasting it in plain text).
 *
 * Names are matched without regard to case: frameworks read `Spring_Datasource_Password` and
 * `ConnectionStrings__Default` as readily as upper-case names.
 */

/**
 * Words that make a name a credential. `KEY` only at the end (or before a suffix that still means the key:
 * `_ID`, `_B64`, `_PEM`, `_FILE`), so `KEY_VAULT_URL` and `KEYCLOAK_URL` stay addresses; `PASS` only as
 * its own word, so `PASSENGER_COUNT` and `BYPASS_CACHE` stay plain; `TOKEN` as a word's end, so
 * `TOKENIZERS_PARALLELISM` stays a switch.
 */
const CREDENTIAL = new RegExp(
  [
    'PASSWORD',
    'PASSWD',
    'PASSPHRASE',
    'PWD',
    '(?:^|_)PASS(?:_|$)',
    'SECRET',
    'TOKENS?(?:_|$)',
    'CREDENTIAL',
    'SIGNATURE',
    'PRIVATE_?KEY',
    'KEY(?:_(?:ID|B64|BASE64|PEM|FILE|DATA|VALUE))?$',
    'CONNECTION_?STRING',
    'CONN_?STR',
    '(?:^|_)CONN$',
    '(?:^|_)DSN$',
    '(?:^|_)SAS(?:_|$)',
  ].join('|'),
  'i',
);

/** An address that usually carries its login in it: a database or broker URL, a connection setting. */
const CARRIES_LOGIN_IN_VALUE = /(?:^|_)(?:URL|URI|DATA_?SOURCE)$|CONNECTION/i;

/** The variable's value is a credential: it belongs in a secret, never in a pasted command. */
export function isCredentialName(name: string): boolean {
  return CREDENTIAL.test(name);
}

/**
 * The variable may hold the credential a server refused: a credential itself, or an address whose value
 * usually embeds one (`DATABASE_URL=postgres://user:password@...`).
 */
export function mayHoldCredential(name: string): boolean {
  return isCredentialName(name) || CARRIES_LOGIN_IN_VALUE.test(name);
}
