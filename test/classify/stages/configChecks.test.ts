import type { AppConfig } from '../../../src/model';
import { crossCheckConfig } from '../../../src/classify/stages/configChecks';
import { draft, type Draft } from '../../../src/classify/stages/draft';
import { CONSOLE_RULES } from '../../../src/classify';

const base = (extra: Partial<AppConfig['containers'][number]> = {}, more: Partial<AppConfig> = {}): AppConfig => ({
  kind: 'containerApp',
  name: 'app',
  containers: [{ name: 'app', env: [], probes: [], memory: '2Gi', ...extra }],
  initContainers: [],
  secrets: [],
  ...more,
});
const check = (config: AppConfig, drafts: Draft[] = [], heapFlags: string[] = [], createFailed = false) => {
  crossCheckConfig(config, { drafts, probes: [], listens: [], anyProbe: false, createFailed, heapFlags });
  return drafts;
};

describe('stage 5: configuration cross-checks', () => {
  it('reads mistakes the template shows on its own', () => {
    const ids = check(base({ command: ['python app.py'], env: [{ name: 'A', hasValue: true }, { name: 'A', hasValue: true }] })).map((d) => d.rule.id);
    expect(ids).toEqual(expect.arrayContaining(['config.command-one-string', 'config.duplicate-env']));
    expect(check(base({ command: ['python', 'app.py'] }))).toEqual([]);
  });

  it('compares a volume\'s protocol with its share', () => {
    const config = base({ volumeMounts: [{ volumeName: 'v' }] }, { volumes: [{ name: 'v', storageType: 'AzureFile', storageName: 's' }], environment: { storages: [{ name: 's', kind: 'NfsAzureFile' }] } });
    expect(check(config).map((d) => d.names)).toEqual([expect.objectContaining({ volume: 'v', shareKind: 'NfsAzureFile' })]);
  });

  it('sets the JVM heap cap against the container memory', () => {
    const oom = draft(CONSOLE_RULES.find((r) => r.id === 'console.java.out-of-memory')!, { kind: 'Java heap space' }, 'console');
    check(base(), [oom], ['Picked up JAVA_TOOL_OPTIONS: -Xmx256m']);
    expect(oom.names).toMatchObject({ heapCap: '-Xmx256m', memoryLimit: '2Gi' });
  });

  it('tells a platform-injected probe from a configured one', () => {
    const probe = draft({ ...CONSOLE_RULES[0], category: 'probe-failure', benign: false }, { probe: 'Startup' }, 'system');
    check(base({}, { ingress: { targetPort: 8080 } }), [probe]);
    expect(probe.names.probeOrigin).toBe('platform-default');
    const configured = draft({ ...CONSOLE_RULES[0], category: 'probe-failure', benign: false }, { probe: 'Liveness' }, 'system');
    check(base({ probes: [{ type: 'Liveness', transport: 'http', port: 8080 }] }), [configured]);
    expect(configured.names.probeOrigin).toBe('configured');
  });
});
