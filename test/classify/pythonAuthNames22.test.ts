/**
 * Blind v22 (ha: Python) classes: S3-compatible stores and the Azure identity endpoint refusing a credential,
 * a retried port clash that a process manager's child exit must not supersede, and names read from the right
 * rows (a libpq host on its wrapped row, the secret behind a refused Redis password, the volume hiding /app,
 * the start script that keeps SIGTERM from the server). Public wording, each with its source; near misses keep
 * their reading.
 */
import { appFixtures, expectValidCommands, primary, texts } from './stepsFixtures';
import type { EnvVarSpec } from '../../src/model';

const app = appFixtures({
  app: 'media', resourceGroup: 'rg-media', subscriptionId: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e', t0: Date.parse('2026-12-03T09:00:00Z'),
  revision: 'media--0000004', replica: 'media--0000004-6f7d8c9b5-d4k8w',
  container: { name: 'media', image: 'mediaacr.azurecr.io/media:2.0.1', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const { target, config, sys, exit, line } = app;
const loop = [exit(1, 10), exit(1, 200), sys('ContainerBackOff', 'Persistent Failure to start container', 210)];
const secretEnv = (name: string, secretRef: string): EnvVarSpec => ({ name, secretRef, hasValue: false }) as EnvVarSpec;

describe('an S3-compatible store refusing the key pair', () => {
  const env = [secretEnv('AWS_ACCESS_KEY_ID', 'store-key-id'), secretEnv('AWS_SECRET_ACCESS_KEY', 'store-secret'), { name: 'S3_ENDPOINT_URL', hasValue: true } as EnvVarSpec];
  const cfg = config({ secrets: [{ name: 'store-key-id' }, { name: 'store-secret' }] }, { env });

  it('names the key id variable and its secret for InvalidAccessKeyId', () => {
    // https://github.com/minio/minio-py/issues/1171
    const f = primary({ system: loop, console: [line('minio.error.S3Error: S3 operation failed; code: InvalidAccessKeyId, message: The Access Key Id you provided does not exist in our records., resource: /bucket', 8)], target: target(), config: cfg });
    expect(f.category).toBe('authentication-failure');
    expect(f.names).toMatchObject({ envVar: 'AWS_ACCESS_KEY_ID', secret: 'store-key-id' });
    expectValidCommands(f);
  });

  it('names the secret key for SignatureDoesNotMatch', () => {
    // The same protocol's code for a key id whose secret key signs wrong (boto3's ClientError wording).
    const f = primary({ system: loop, console: [line('botocore.exceptions.ClientError: An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match the signature you provided. Check your key and signing method.', 8)], target: target(), config: cfg });
    expect(f.names).toMatchObject({ envVar: 'AWS_SECRET_ACCESS_KEY', secret: 'store-secret' });
  });

  it('near miss: AccessDenied is not read as an unknown key', () => {
    const f = primary({ system: loop, console: [line('botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied', 8)], target: target(), config: cfg });
    expect(f.ruleId).not.toBe('console.s3.access-key-refused');
  });
});

describe('the identity endpoint cannot load the requested managed identity', () => {
  const cfg = config({}, { env: [{ name: 'AZURE_CLIENT_ID', hasValue: true } as EnvVarSpec] });

  it('reads az login --identity as the identity, not the legacy protocol', () => {
    // https://github.com/Azure/azure-cli/issues/20196
    const f = primary({
      system: [exit(1, 10)],
      console: [line(`MSI: Failed to retrieve a token from 'http://172.16.5.3:8081/msi/token/?resource=https://management.core.windows.net/&api-version=2017-09-01' with an error of '{"statusCode":400,"message":"Unable to load requested managed identity.","correlationId":"52079882"}'.`, 8)],
      target: target(),
      config: cfg,
    });
    expect(f.category).toBe('authentication-failure');
    expect(f.names?.envVar).toBe('AZURE_CLIENT_ID');
    expect(texts(f)).not.toMatch(/legacy MSI protocol/);
  });

  it("reads Python's get_token failure at startup as the identity", () => {
    // https://github.com/Azure/azure-sdk-for-python/issues/33858
    const f = primary({
      system: loop,
      console: [
        line('ManagedIdentityCredential.get_token failed: (None) An unexpected error occured while fetching the AAD Token.', 8),
        line('ERROR:    Application startup failed. Exiting.', 8.1),
      ],
      target: target(),
      config: cfg,
    });
    expect(f.category).toBe('authentication-failure');
    expect(f.names?.envVar).toBe('AZURE_CLIENT_ID');
  });
});

describe('a port clash gunicorn retried before supervisord saw it exit', () => {
  // https://github.com/jonaswinkler/paperless-ng/issues/230
  const rows = [
    "[2020-12-31 08:34:00 +0100] [132] [ERROR] Connection in use: ('localhost', 8000)",
    '[2020-12-31 08:34:00 +0100] [132] [ERROR] Retrying in 1 second.',
    "[2020-12-31 08:34:05 +0100] [132] [ERROR] Can't connect to ('localhost', 8000)",
    '2020-12-31 08:34:05,914 INFO exited: gunicorn (exit status 1; not expected)',
  ];
  const probes = [30, 40].map((s) => sys('ReplicaUnhealthy', 'Startup probe failed: HTTP probe failed with statuscode: 502', s));

  it('leads with the port, not the child exit', () => {
    const f = primary({ system: probes, console: rows.map((t, i) => line(t, 5 + i)), target: target(), config: config({ ingress: { external: true, targetPort: 8000 } }) });
    expect(f.category).toBe('port-misconfiguration');
    expect(f.names?.port).toBe('8000');
  });

  it('near miss: a child that exits with nothing else said stays the process-manager reading', () => {
    const f = primary({ system: probes, console: [line(rows[3]!, 5)], target: target(), config: config({ ingress: { external: true, targetPort: 8000 } }) });
    expect(f.ruleId).toBe('console.process-manager.child-exits');
  });
});

describe('names read from the right rows', () => {
  it("takes libpq's host from its wrapped row", () => {
    // https://github.com/GoogleCloudPlatform/composer-local-dev/pull/143 (the message split after "host name")
    const f = primary({
      system: loop,
      console: [
        line('sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not translate host name', 8),
        line('"airflow-db" to address: Name or service not known', 8.001),
      ],
      target: target(),
      config: config({ secrets: [{ name: 'sql-conn' }] }, { env: [secretEnv('AIRFLOW__DATABASE__SQL_ALCHEMY_CONN', 'sql-conn')] }),
    });
    expect(f.category).toBe('dependency-unreachable');
    expect(f.names?.host).toBe('airflow-db');
  });

  it('names the secret behind a refused Redis password from the secret name', () => {
    // https://github.com/jhao104/proxy_pool/issues/677 (redis-py's AuthenticationError)
    const f = primary({
      system: loop,
      console: [line('Traceback (most recent call last):', 7.9), line('redis.exceptions.AuthenticationError: invalid password', 8)],
      target: target(),
      config: config({ secrets: [{ name: 'redis-cache' }] }, { env: [secretEnv('CACHE_URL', 'redis-cache')] }),
    });
    expect(f.category).toBe('authentication-failure');
    expect(f.names?.secret).toBe('redis-cache');
  });

  const volumeAt = (mountPath: string) =>
    config({ volumes: [{ name: 'appdata', storageType: 'AzureFile', storageName: 'share' }] }, { volumeMounts: [{ volumeName: 'appdata', mountPath }] });
  const asgi = [line('ERROR:    Error loading ASGI app. Could not import module "main".', 8)];

  it('names a volume mounted over the code directory when the app module is gone', () => {
    // https://github.com/DroppedNeedle/DroppedNeedle/issues/267
    const f = primary({ system: loop, console: asgi, target: target(), config: volumeAt('/app') });
    expect(f.names).toMatchObject({ module: 'main', volume: 'appdata' });
    expect(texts(f)).toMatch(/mounted over the directory the image keeps its code in/);
    expectValidCommands(f);
  });

  it('near miss: a volume at a data path is not blamed', () => {
    const f = primary({ system: loop, console: asgi, target: target(), config: volumeAt('/data') });
    expect(f.names?.volume).toBeUndefined();
  });

  it('names the start script a stop ran into SIGKILL behind', () => {
    // https://docs.docker.com/reference/dockerfile/#entrypoint (a shell as PID 1 does not pass SIGTERM on; the script must exec its server).
    const f = primary({
      system: [sys('StoppingContainer', 'Stopping container media', 10), exit(137, 40)],
      console: [],
      target: target(),
      config: config({}, { command: ['/bin/bash', 'entrypoint.sh'] }),
    });
    expect(f.category).toBe('forced-kill');
    expect(f.names?.file).toBe('entrypoint.sh');
  });
});
