import { isCredentialName, mayHoldCredential } from '../../src/classify/steps/credentialNames';
import { isPlainSetting } from '../../src/classify/steps/secretSteps';

/**
 * One answer to "is this variable a credential" for every step that writes --set-env-vars. The names are
 * from the corpora's configurations; the near misses are names that merely contain a credential word.
 */
describe('credential names', () => {
  const credentials = [
    'DB_PASSWORD', 'REDIS_PASS', 'PGPASSWORD', 'MYSQL_PWD', 'SMTP_PASSWD', 'GPG_PASSPHRASE', 'DJANGO_SECRET_KEY',
    'GITHUB_TOKEN', 'ACCESSTOKEN', 'HF_TOKEN_FILE', 'AZURE_CLIENT_SECRET', 'OPENAI_API_KEY', 'APIKEY', 'STRIPE_KEY', 'JWT_PRIVATE_KEY', 'AWS_ACCESS_KEY_ID',
    'TLS_KEY_PEM', 'ConnectionStrings__Default', 'SERVICEBUS_CONNECTION_STRING', 'MONGO_CONNSTR', 'MONGO_CONN',
    'SENTRY_DSN', 'STORAGE_SAS_TOKEN', 'BLOB_SAS', 'GOOGLE_APPLICATION_CREDENTIALS', 'webhook_signature', 'spring_datasource_password',
  ];
  const plain = [
    'KEY_VAULT_URL', 'KEYVAULT_URI', 'KEYCLOAK_URL', 'AUTHENTIK_POSTGRESQL__HOST', 'AUTH_URL', 'PASSENGER_COUNT', 'BYPASS_CACHE',
    'CONNECTION_TIMEOUT', 'DB_HOST', 'PORT', 'TOKENIZERS_PARALLELISM', 'SASL_MECHANISM', 'MONKEY_PATCH',
  ];
  it.each(credentials)('%s is a credential', (name) => {
    expect(isCredentialName(name)).toBe(true);
    expect(mayHoldCredential(name)).toBe(true);
    expect(isPlainSetting(name)).toBe(false);
  });
  it.each(plain)('%s is not', (name) => expect(isCredentialName(name)).toBe(false));

  it('counts an address or connection setting as one that may hold a refused login, not as a credential', () => {
    for (const name of ['DATABASE_URL', 'AMQP_URI', 'CosmosConnection']) {
      expect(isCredentialName(name)).toBe(false);
      expect(mayHoldCredential(name)).toBe(true);
    }
    expect(mayHoldCredential('LOG_LEVEL')).toBe(false);
  });

  it('keeps an address of a service without a login plain, and one that usually carries it secret', () => {
    expect(isPlainSetting('KEYVAULT_URI')).toBe(true);
    expect(isPlainSetting('AUTHENTIK_POSTGRESQL__HOST')).toBe(true);
    expect(isPlainSetting('DATABASE_URL')).toBe(false);
  });
});
