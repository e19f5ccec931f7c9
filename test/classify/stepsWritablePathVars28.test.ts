/**
 * v24 review A 12 and 34: a refused path that a framework places from an environment variable gets that
 * variable set with `az containerapp update --set-env-vars` (no rebuild), before the image fix. Console
 * lines are public ones (huggingface_hub / sentence-transformers reports of `/root/.cache/huggingface/token`
 * under a non-root user; Laravel's Monolog "could not be opened in append mode", StackOverflow 23411520).
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';
import { writablePathVar } from '../../src/classify/steps/writablePathVars';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, sys, exit, line } = appFixtures({
  app: 'semantic-search', resourceGroup: 'rg-ml', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'semantic-search--0000010-59d7c8f6b-e4r5t',
  container: { name: 'semantic-search', image: 'contosoacr.azurecr.io/semantic-search:3.0.1', cpu: 1, memory: '2Gi', env: [], probes: [] },
});
const crashLoop = [exit(3, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(3, 60)];

describe('a refused path a framework places from a variable', () => {
  it('Hugging Face token under /root as a non-root user: HF_HOME=/tmp/huggingface, no rebuild, first', () => {
    const f = primary({ system: crashLoop, console: [line("PermissionError: [Errno 13] Permission denied: '/root/.cache/huggingface/token'", 15)], target: target(), config: config() });
    expect(f.category).toBe('permission-denied');
    const c = commands(f);
    expect(c[0]).toContain('az containerapp update -n semantic-search -g rg-ml --container-name semantic-search --set-env-vars HF_HOME=/tmp/huggingface');
    expect(texts(f)).toContain('No rebuild needed');
    expectValidCommands(f);
  });

  it('a job gets the job form', () => {
    const f = primary({ system: crashLoop, console: [line("PermissionError: [Errno 13] Permission denied: '/root/.cache/huggingface/hub'", 15)], target: target({ kind: 'job' } as never), config: config({ kind: 'job' } as never) });
    expect(commands(f).find((c) => c.includes('HF_HOME'))).toContain('az containerapp job update');
    expectValidCommands(f);
  });

  it('Laravel log not writable: LOG_CHANNEL=stderr', () => {
    const rows = ['The stream or file "/var/www/html/storage/logs/laravel.log" could not be opened in append mode: Failed to open stream: Permission denied'];
    expect(writablePathVar(rows)).toMatchObject({ variable: 'LOG_CHANNEL', value: 'stderr' });
    expect(writablePathVar(['The stream or file "storage/logs/laravel-2026-10-01.log" could not be opened in append mode: failed to open stream: Permission denied'])?.variable).toBe('LOG_CHANNEL');
  });

  it('other frameworks: matplotlib, torch hub, npm cache, a home .cache', () => {
    expect(writablePathVar(["PermissionError: [Errno 13] Permission denied: '/root/.config/matplotlib'"])?.variable).toBe('MPLCONFIGDIR');
    expect(writablePathVar(["PermissionError: [Errno 13] Permission denied: '/root/.cache/torch/hub'"])?.variable).toBe('TORCH_HOME');
    expect(writablePathVar(["npm ERR! Error: EACCES: permission denied, mkdir '/root/.npm'"])?.variable).toBe('npm_config_cache');
    expect(writablePathVar(["PermissionError: [Errno 13] Permission denied: '/home/app/.cache/pip'"])?.variable).toBe('XDG_CACHE_HOME');
  });

  it('near misses: a path no framework variable places, or the cache path without a refusal', () => {
    expect(writablePathVar(["PermissionError: [Errno 13] Permission denied: '/app/data/index.faiss'"])).toBeUndefined();
    expect(writablePathVar(['Downloading to /root/.cache/huggingface/hub/models--bert-base-uncased'])).toBeUndefined();
    expect(writablePathVar(["open /var/www/html/storage/framework/views/a.php: Permission denied"])).toBeUndefined();
    const f = primary({ system: crashLoop, console: [line("PermissionError: [Errno 13] Permission denied: '/app/data/index.faiss'", 15)], target: target(), config: config() });
    expect(commands(f).some((c) => c.includes('--set-env-vars'))).toBe(false);
  });
});
