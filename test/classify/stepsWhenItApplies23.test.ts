/**
 * When a step applies (docs/steps-review-v21-fresh.md, "a category's template replaces this cause's fix"):
 * a mount-option step needs a volume and a refused path on it; a server's config on a volume is edited on
 * the share, not rebuilt into the image. Each wording is public, with its source; each class has a near
 * miss that must not change.
 */
import type { AppConfig } from '../../src/model';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const { target, config, sys, exit, line } = appFixtures({
  app: 'cache', resourceGroup: 'rg-cache', subscriptionId: SUB, t0: Date.parse('2026-12-21T09:00:00Z'),
  replica: 'cache--0000010-6a7b8c9d5-a3s4d', revision: 'cache--0000010',
  container: { name: 'cache', image: 'docker.io/bitnami/redis:latest', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const loop = [exit(1, 10), sys('BackOff', 'Back-off restarting failed container cache', 20), exit(1, 40)];

describe('mount options need a volume and a refused path on it', () => {
  // https://github.com/bitnami/containers/issues/94146 ("This occurs even without any mounted volumes")
  const bitnami = [
    line('redis 12:46:04.53 INFO  ==> Setting Redis config file', 4),
    line("chmod: changing permissions of '/opt/bitnami/redis/etc/redis.conf': Operation not permitted", 5),
  ];

  it('no volume: the public image\'s own setup failed; pin a tag instead of latest, no mountOptions', () => {
    const f = primary({ system: loop, console: bitnami, target: target(), config: config() });
    expect(texts(f)).not.toContain('mountOptions');
    expect(texts(f)).toContain('No volume is mounted in cache');
    expect(commands(f).some((c) => c.includes('--image docker.io/bitnami/redis:<tag>'))).toBe(true);
    expectValidCommands(f);
  });

  it('near miss: a pinned tag with no volume keeps its steps (no pin step)', () => {
    const f = primary({ system: loop, console: bitnami, target: target(), config: config({}, { image: 'docker.io/bitnami/redis:7.2.4' }) });
    expect(texts(f)).not.toContain('No volume is mounted');
  });

  it('near miss: the refused path on the mounted volume keeps the mount-option step', () => {
    const rows = [line("mkdir: cannot create directory '/bitnami/redis/data': Permission denied", 5)];
    const cfg = config({ volumes: [{ name: 'redis-data', storageType: 'AzureFile', storageName: 'redis-data' }] } as Partial<AppConfig>,
      { image: 'docker.io/bitnami/redis:7.2', volumeMounts: [{ volumeName: 'redis-data', mountPath: '/bitnami/redis/data' }] } as never);
    const f = primary({ system: loop, console: rows, target: target(), config: cfg });
    expect(texts(f)).toContain('mountOptions: uid=1001,gid=1001');
  });

  // https://github.com/frappe/frappe_docker/issues/575, https://github.com/ThalesGroup/fred/issues/540
  const bind = [
    line('2025/02/26 08:49:50 [emerg] 1#1: bind() to 0.0.0.0:80 failed (13: Permission denied)', 5),
    line('nginx: [emerg] bind() to 0.0.0.0:80 failed (13: Permission denied)', 5),
  ];
  const nginx = (mountPath: string) => config(
    { volumes: [{ name: 'site-conf', storageType: 'AzureFile', storageName: 'site-conf' }], ingress: { external: true, targetPort: 80 } } as Partial<AppConfig>,
    { name: 'cache', image: 'docker.io/nginxinc/nginx-unprivileged:1.27', volumeMounts: [{ volumeName: 'site-conf', mountPath }] } as never,
  );

  it('a port bind on an image with a config volume: no mount options; listen changes on the share, then a restart', () => {
    const f = primary({ system: loop, console: bind, target: target(), config: nginx('/etc/nginx/conf.d') });
    expect(texts(f)).not.toContain('mountOptions');
    expect(texts(f)).toContain('comes from volume site-conf');
    expect(texts(f)).toContain('`listen 80` to `listen 8080`');
    expect(commands(f).some((c) => c.includes('<new-tag>'))).toBe(false);
    expect(commands(f).some((c) => c.includes('revision restart') && c.includes('--revision cache--0000010'))).toBe(true);
    expect(commands(f).some((c) => c.includes('--target-port 8080'))).toBe(true);
    expectValidCommands(f);
  });

  it('near miss: a volume elsewhere leaves the listen change in the image (rebuild)', () => {
    const f = primary({ system: loop, console: bind, target: target(), config: nginx('/usr/share/nginx/html') });
    expect(texts(f)).not.toContain('mountOptions');
    expect(texts(f)).toContain('in the image and rebuild');
  });

  // WiredTiger's open wording (wiredtiger src/os_posix/os_fs.c: "%s: handle-open: open"), as mongod prints it
  it('mongod data on Azure Files: the server rule\'s "do not keep it on SMB" step stays first', () => {
    const rows = [line('/data/db/WiredTiger.wt: handle-open: open: Operation not permitted', 5)];
    const cfg = config({ volumes: [{ name: 'mongo-data', storageType: 'AzureFile', storageName: 'mongo-data' }] } as Partial<AppConfig>,
      { image: 'docker.io/library/mongo:4.4', volumeMounts: [{ volumeName: 'mongo-data', mountPath: '/data/db' }] } as never);
    const f = primary({ system: [exit(100, 10), exit(100, 40)], console: rows, target: target(), config: cfg });
    expect(f.steps?.[0]?.text ?? '').toMatch(/Do not keep mongod's data on an Azure Files/);
    expect(texts(f)).not.toContain('is the public mongo image');
  });
});

describe('a PHP class from a C extension installs with pecl or docker-php-ext-install, not composer', () => {
  const php = config({}, { name: 'cache', image: 'hdacr.azurecr.io/helpdesk-app:2.1.0' });
  // Laravel's wording when phpredis is missing (laravel/framework Illuminate/Redis/Connectors/PhpRedisConnector.php;
  // https://laravel.com/docs/redis: phpredis is a PECL extension, predis a Composer package)
  const laravel = [
    line('> @php artisan package:discover --ansi', 3),
    line('  Class "Redis" not found', 5),
    line('  at vendor/laravel/framework/src/Illuminate/Redis/Connectors/PhpRedisConnector.php:79', 5),
  ];

  it('Class "Redis": pecl install redis, the predis alternative with REDIS_CLIENT, no composer.json', () => {
    const f = primary({ system: loop, console: laravel, target: target(), config: php });
    expect(texts(f)).toContain('pecl install redis && docker-php-ext-enable redis');
    expect(texts(f)).toContain('REDIS_CLIENT=predis');
    expect(texts(f)).not.toContain('Declare the missing dependency in composer.json');
    expectValidCommands(f);
  });

  it('Class "ZipArchive": a bundled extension, docker-php-ext-install zip', () => {
    const f = primary({ system: loop, console: [line('PHP Fatal error:  Uncaught Error: Class "ZipArchive" not found in /var/www/app/Export.php:12', 5)], target: target(), config: php });
    expect(texts(f)).toContain('docker-php-ext-install zip');
    expect(texts(f)).not.toContain('REDIS_CLIENT');
  });

  it('near miss: a Composer package\'s class keeps the composer.json step', () => {
    const f = primary({ system: loop, console: [line('PHP Fatal error:  Uncaught Error: Class "Predis\\Client" not found in /var/www/app/Cache.php:20', 5)], target: target(), config: php });
    expect(texts(f)).toContain('composer.json');
    expect(texts(f)).not.toMatch(/pecl|docker-php-ext/);
  });
});
