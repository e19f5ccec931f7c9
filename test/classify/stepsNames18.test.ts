/**
 * Names and state the v18 first run asked for, each from a public wording (source on each case): the
 * password variable a Redis NOAUTH leaves empty, the variable that sets where a server binds, the cache
 * directory a model download filled, the token variable of a gated Hugging Face repo, and a replica that
 * the probe restarts and then fails again (not recovered). Near misses beside each.
 */
import { classifyAll } from '../../src/classify/withTeamRules';
import { appFixtures, primary, texts } from './stepsFixtures';

const { target, config, sys, exit, line } = appFixtures({
  app: 'paste',
  resourceGroup: 'rg-paste',
  subscriptionId: '0b6f2f4e-71c4-4d0a-9a55-3c1d2e8f7a10',
  t0: Date.parse('2026-11-02T08:00:00Z'),
  container: { name: 'paste', image: 'crpaste.azurecr.io/haste-server:1.4', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const crashLoop = [sys('ContainerStarted', 'Started container paste', -60), exit(1, -5), sys('BackOff', 'Back-off restarting failed container', -1)];
// https://github.com/toptal/haste-server/issues/213 ("Error: Ready check failed: Error: NOAUTH Authentication required.")
const NOAUTH = 'Error: Ready check failed: Error: NOAUTH Authentication required.';

describe('Redis NOAUTH names the password variable that carries nothing', () => {
  it('the one empty password variable beside a host variable the service table does not know', () => {
    const f = primary({
      system: crashLoop,
      console: [line(NOAUTH, -6)],
      target: target(),
      config: config({}, { env: [{ name: 'STORAGE_HOST', hasValue: true }, { name: 'STORAGE_PASSWORD', hasValue: false }] }),
    });
    expect(f.category).toBe('authentication-failure');
    expect(f.names).toMatchObject({ envVar: 'STORAGE_PASSWORD', passwordVar: 'STORAGE_PASSWORD', exception: 'NOAUTH Authentication required.' });
    expect(texts(f)).toContain('STORAGE_PASSWORD holds no password');
  });

  it('a password variable read from a secret is named, but not called empty', () => {
    const f = primary({
      system: crashLoop,
      console: [line(NOAUTH, -6)],
      target: target(),
      config: config({ secrets: [{ name: 'store-pass' }] }, { env: [{ name: 'STORAGE_PASSWORD', secretRef: 'store-pass', hasValue: false }] }),
    });
    expect(f.names?.envVar).toBe('STORAGE_PASSWORD');
    expect(f.names?.passwordVar).toBeUndefined();
  });

  it('two password variables, both set: none is a guess worth naming', () => {
    const f = primary({
      system: crashLoop,
      console: [line(NOAUTH, -6)],
      target: target(),
      config: config({}, { env: [{ name: 'STORAGE_PASSWORD', hasValue: true }, { name: 'ADMIN_PASSWORD', hasValue: true }] }),
    });
    expect(f.names?.envVar).toBeUndefined();
    expect(f.names?.exception).toBe('NOAUTH Authentication required.');
  });
});

describe('a bind that collides names the variable that sets the listen address', () => {
  // https://github.com/matrix-construct/tuwunel (its TUWUNEL_ADDRESS setting); the panic row is Rust's std::io::Error Debug form for EADDRINUSE
  const rows = [line("thread 'main' panicked at src/router/serve.rs:43:18:", -6), line('Failed to bind configured TcpListener: Os { code: 98, kind: AddrInUse, message: "Address already in use" }', -6)];
  it("the app's own address variable, in the image's settings prefix", () => {
    const f = primary({
      system: crashLoop,
      console: rows,
      target: target(),
      config: config({ ingress: { external: true, targetPort: 8008 } }, { image: 'ghcr.io/matrix-construct/tuwunel:main', env: [{ name: 'TUWUNEL_SERVER_NAME', hasValue: true }, { name: 'TUWUNEL_ADDRESS', hasValue: true }] }),
    });
    expect(f.category).toBe('port-misconfiguration');
    expect(f.names?.envVar).toBe('TUWUNEL_ADDRESS');
    expect(texts(f)).toContain('Set TUWUNEL_ADDRESS to a single address');
  });

  it('an address the app dials (REDIS_ADDR) is not where it listens', () => {
    const f = primary({
      system: crashLoop,
      console: rows,
      target: target(),
      config: config({}, { image: 'ghcr.io/matrix-construct/tuwunel:main', env: [{ name: 'REDIS_ADDR', hasValue: true }] }),
    });
    expect(f.names?.envVar).toBeUndefined();
  });
});

describe('a full disk names the directory a download warning gave', () => {
  it('the ENOSPC without a path takes the cache directory of the free-space warning', () => {
    // https://github.com/xai-org/grok-1/issues/263 (the warning), https://github.com/huggingface/huggingface_hub/issues/1551 (then ENOSPC)
    const f = primary({
      system: crashLoop,
      console: [
        line('/usr/local/lib/python3.11/dist-packages/huggingface_hub/file_download.py:1006: UserWarning: Not enough free disk space to download the file. The expected file size is: 1611.40 MB. The target location /root/.cache/huggingface/hub/models--xai-org--grok-1/blobs only has 0.00 MB free disk space.', -30),
        line('OSError: [Errno 28] No space left on device', -6),
      ],
      target: target(),
      config: config(),
    });
    expect(f.category).toBe('storage-failure');
    expect(f.names?.file).toBe('/root/.cache/huggingface/hub/models--xai-org--grok-1/blobs');
  });

  it('a path the failing write names itself is kept', () => {
    const f = primary({
      system: crashLoop,
      console: [
        line('UserWarning: Not enough free disk space to download the file. The expected file size is: 6.29 MB. The target location checkpoints only has 0.00 MB free disk space.', -30),
        line("OSError: [Errno 28] No space left on device: '/data/out.bin'", -6),
      ],
      target: target(),
      config: config(),
    });
    expect(f.names?.file).toBe('/data/out.bin');
  });
});

describe('a gated Hugging Face repo names its token variable and the repo', () => {
  it('HF_TOKEN from a secret', () => {
    // https://github.com/ml-explore/mlx-examples/issues/759
    const f = primary({
      system: crashLoop,
      console: [
        line('GatedRepoError: 401 Client Error. (Request ID: Root=1-66389f5d-0f09a9387397c642253a3cab;07f44087-7a0e-4f26-a444-29193404cbc8)', -7),
        line('Cannot access gated repo for url https://huggingface.co/api/models/mistralai/Mistral-7B-Instruct-v0.2/revision/main.', -7),
        line('Access to model mistralai/Mistral-7B-Instruct-v0.2 is restricted. You must be authenticated to access it.', -7),
      ],
      target: target(),
      config: config({ secrets: [{ name: 'hf-token' }] }, { env: [{ name: 'HF_TOKEN', secretRef: 'hf-token', hasValue: false }, { name: 'MODEL_DIR', hasValue: true }] }),
    });
    expect(f.category).toBe('authentication-failure');
    expect(f.names).toMatchObject({ repo: 'mistralai/Mistral-7B-Instruct-v0.2', envVar: 'HF_TOKEN', secret: 'hf-token' });
  });
});

describe('a replica the probe restarts and then fails again has not recovered', () => {
  // https://azureossd.github.io/2023/08/23/Container-Apps-Troubleshooting-and-configuration-with-Health-Probes/ (startup probe refused, restarted)
  // https://github.com/domoritz/streamlit-docker/issues/2 (Streamlit's Network URL)
  const refused = (s: number) => ({ ...sys('ReplicaUnhealthy', 'Startup probe failed: dial tcp 100.100.0.18:8080: connect: connection refused', s), count: 120 });
  const base = [sys('ContainerStarted', 'Started container paste', -600), refused(-590), sys('StoppingContainer', 'Container paste failed startup probe, will be restarted', -300), sys('ContainerStarted', 'Started container paste', -290)];
  const input = (system: ReturnType<typeof sys>[]) => ({
    system,
    console: [line('  Network URL: http://100.100.0.18:8501', -595), line('  Network URL: http://100.100.0.21:8501', -285)],
    target: target(),
    config: config({ ingress: { external: true, targetPort: 8080 } }),
  });

  it('the same startup probe failing after the restart: crash-looping, and the port mismatch leads', () => {
    const { findings, state } = classifyAll(input([...base, refused(-280)]));
    expect(findings[0]?.ruleId).toBe('config.port-mismatch');
    expect(findings[0]?.names).toMatchObject({ listenPort: '8501', expectedPort: '8080' });
    expect(state.state).toBe('crash-looping');
  });

  it('no probe failure after the restart: recovered, as before', () => {
    const { state } = classifyAll(input(base));
    expect(state.state).toBe('recovered');
  });
});
