/**
 * A rebuilt image goes to the team's own registry, never to a public publisher's namespace, and a tag a
 * public registry does not have is not "never published: push it" (v23 review: 9, 25, 88). Lines are the
 * public containerd pull error and the kernel's exec format error as Docker prints it.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const make = (image: string) =>
  appFixtures({
    app: 'cache', resourceGroup: 'rg-cache', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
    replica: 'cache--0000005-6d9f7c-abcde',
    container: { name: 'cache', image, cpu: 0.5, memory: '1Gi', env: [], probes: [] },
  });

describe('a rebuilt public image is deployed from the team registry', () => {
  // https://github.com/docker/buildx/issues (exec format error of an arm64 image on amd64)
  const run = (image: string, registries?: { server: string; identity?: string }[]) => {
    const { target, config, exit, line } = make(image);
    return primary({ system: [exit(1, 20), exit(1, 60)], console: [line('exec /usr/local/bin/docker-entrypoint.sh: exec format error', 10)], target: target(), config: config(registries ? { registries } : {}) });
  };

  it('Docker Hub library image: <your-registry>, never docker.io/library', () => {
    const f = run('docker.io/library/redis:7.2');
    const deploy = commands(f).find((c) => c.includes('<new-tag>'))!;
    expect(deploy).toContain('--image <your-registry>/redis:<new-tag>');
    expect(commands(f).join('\n')).not.toContain('docker.io/library/redis:<new-tag>');
    expect(texts(f)).toContain('takes no push');
    expectValidCommands(f);
  });

  it("the app's own registry from the configuration", () => {
    const f = run('docker.io/bitnami/redis:7.2', [{ server: 'contosoacr.azurecr.io', identity: 'system' }]);
    expect(commands(f).find((c) => c.includes('<new-tag>'))).toContain('--image contosoacr.azurecr.io/redis:<new-tag>');
  });

  it('near miss: an image in the team registry keeps its repository', () => {
    const f = run('contosoacr.azurecr.io/platform/cache:1.0.0', [{ server: 'contosoacr.azurecr.io', identity: 'system' }]);
    expect(commands(f).find((c) => c.includes('<new-tag>'))).toContain('--image contosoacr.azurecr.io/platform/cache:<new-tag>');
    expect(texts(f)).not.toContain('takes no push');
  });
});

describe('a tag a public registry does not have', () => {
  it('is not called never published, and push is only for your own repository', () => {
    const { target, config, sys } = make('docker.io/bitnami/kafka:3.9.0');
    const pull = 'Failed to pull image "docker.io/bitnami/kafka:3.9.0": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/bitnami/kafka:3.9.0": manifest for bitnami/kafka:3.9.0 not found: manifest unknown: manifest unknown';
    const f = primary({ system: [sys('ImagePullFailure', pull, 10), sys('ImagePullFailure', pull, 70)], console: [], target: target(), config: config() });
    expect(texts(f)).not.toContain('never published');
    expect(texts(f)).toMatch(/withdrew or deleted/);
    expect(texts(f)).toMatch(/only when the repository is your own/);
  });
});

describe('near misses: the team namespace on a public host', () => {
  const run = (image: string, registries?: { server: string; username?: string; passwordSecretRef?: string }[]) => {
    const { target, config, exit, line } = make(image);
    return primary({ system: [exit(1, 20), exit(1, 60)], console: [line('exec /usr/local/bin/docker-entrypoint.sh: exec format error', 10)], target: target(), config: config(registries ? { registries } : {}) });
  };
  it('ghcr.io/<org>/<app> keeps its repository', () => {
    expect(commands(run('ghcr.io/fin/cache:1.0')).find((c) => c.includes('<new-tag>'))).toContain('--image ghcr.io/fin/cache:<new-tag>');
  });
  it('a Docker Hub namespace the app signs in to keeps its repository', () => {
    const f = run('docker.io/bitnami/redis:7.2', [{ server: 'docker.io', username: 'ci', passwordSecretRef: 'hub-pass' }]);
    expect(commands(f).find((c) => c.includes('<new-tag>'))).toContain('--image docker.io/bitnami/redis:<new-tag>');
  });
});
