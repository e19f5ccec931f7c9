/**
 * v24 review classes: a model too large for one GPU (cases 1, 29), a CUDA library of another major than
 * the image's (cases 6, 30), and no step that turns a server's TLS enforcement off (case 63). Console lines
 * are public ones: vllm-project/vllm issues, microsoft/onnxruntime issues, open-mmlab/mmcv issues, PHP PDO.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';
import { largestModel, modelTooLargeForGpu } from '../../src/classify/steps/modelFit';
import { noSecurityOff } from '../../src/classify/steps/unsafeAlternatives';
import type { FixInput } from '../../src/classify/steps/fixCommands';
import type { Finding, FindingStep } from '../../src/model';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, sys, exit, line } = appFixtures({
  app: 'llm', resourceGroup: 'rg-ml', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'llm--0000004-6a5b4c3d2e-mm7kd',
  container: { name: 'llm', image: 'contosoacr.azurecr.io/llm:1.0.3', cpu: 24, memory: '220Gi', env: [], probes: [] },
});
const crashLoop = [exit(1, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(1, 60)];
const OOM = 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 896.00 MiB. GPU 0 has a total capacity of 79.15 GiB of which 512.00 MiB is free.';

describe('a model too large for one GPU', () => {
  it('vLLM serving a 70B model at --tensor-parallel-size 1: tensor parallelism or a quantized variant, never batch size', () => {
    const args = ['--model', 'meta-llama/Meta-Llama-3-70B-Instruct', '--tensor-parallel-size', '1'];
    const f = primary({ system: crashLoop, console: [line(OOM, 15)], target: target(), config: config({}, { args }) });
    expect(texts(f)).toContain('meta-llama/Meta-Llama-3-70B-Instruct has about 70B parameters');
    expect(texts(f)).toContain('tensor parallelism');
    expect(texts(f)).toContain('quantized variant');
    expect(texts(f)).not.toMatch(/Lower the batch size|no_grad\(\)/);
    expect(texts(f)).toContain('"--tensor-parallel-size", "<gpu-count>"');
    expect(commands(f).some((c) => c.includes('--yaml app.yaml'))).toBe(true);
    expectValidCommands(f);
  });

  it('near miss: a 7B model out of GPU memory keeps the batch-size step', () => {
    const args = ['--model', 'Qwen/Qwen2-7B-Instruct'];
    const f = primary({ system: crashLoop, console: [line(OOM, 15)], target: target(), config: config({}, { args }) });
    expect(texts(f)).toContain('Lower the batch size');
    expect(texts(f)).not.toContain('tensor parallelism');
  });

  it('a 72B model in the image tag: the "recovered, no action" lead goes, a load-time OOM comes back', () => {
    const steps: FindingStep[] = [
      { text: 'No action needed now: the app recovered (running again since 00:54:18 UTC). If it happens again, the next step is the one that prevents it.' },
      { text: 'The GPU ran out of memory, not the container\'s 220Gi: Lower the batch size.' },
    ];
    const f = { category: 'out-of-memory', evidence: [{ text: 'torch.OutOfMemoryError: CUDA out of memory.' }] } as unknown as Finding;
    const input = { f, steps, names: {}, config: config({}, { image: 'acrml.azurecr.io/vision-llm:qwen2vl-72b' }), target: { job: false }, make: (s: FindingStep) => s, all: [] } as unknown as FixInput;
    const out = modelTooLargeForGpu(input).map((s) => s.text).join('\n');
    expect(out).not.toContain('No action needed now');
    expect(out).toContain('vision-llm:qwen2vl-72b has about 72B parameters');
    expect(out).toContain('fails the same way at every start');
  });

  it('parameter counts: names and tags, never a MiB size or a mixture-of-experts count', () => {
    expect(largestModel(['Qwen/Qwen2-VL-72B-Instruct'])?.billions).toBe(72);
    expect(largestModel(['Tried to allocate 20.00 MiB', 'mistralai/Mixtral-8x7B-v0.1'])).toBeUndefined();
  });
});

describe('a CUDA library of another major than the image ships', () => {
  it('onnxruntime-gpu (microsoft/onnxruntime issues): libcublasLt.so.11, the wheel for the image\'s CUDA, no apt-get', () => {
    const f = primary({
      system: crashLoop,
      console: [line('[E:onnxruntime:Default, provider_bridge_ort.cc:1548 TryGetProviderInfo_CUDA] Failed to load library libonnxruntime_providers_cuda.so with error: libcublasLt.so.11: cannot open shared object file: No such file or directory', 15)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('libcublasLt.so.11 is a CUDA 11 library');
    expect(texts(f)).toContain('made for the image\'s CUDA');
    expect(texts(f)).not.toContain('usually named after the library');
    expectValidCommands(f);
  });

  it('mmcv (open-mmlab/mmcv issues): ImportError libcudart.so.11.0', () => {
    const f = primary({ system: crashLoop, console: [line('ImportError: libcudart.so.11.0: cannot open shared object file: No such file or directory', 15)], target: target(), config: config() });
    expect(texts(f)).toContain('libcudart.so.11.0 is a CUDA 11 library');
    expect(texts(f)).not.toContain('usually named after the library');
  });

  it('near miss: libpq.so.5 keeps the OS package step', () => {
    const f = primary({ system: crashLoop, console: [line('./server: error while loading shared libraries: libpq.so.5: cannot open shared object file: No such file or directory', 15)], target: target(), config: config() });
    expect(texts(f)).not.toContain('CUDA');
    expect(texts(f)).toMatch(/libpq/);
  });
});

describe('no step turns a server\'s TLS enforcement off', () => {
  it('MySQL 3159 from PDO: the client\'s TLS setting, never require_secure_transport OFF', () => {
    const f = primary({
      system: crashLoop,
      console: [line('Connection to mysql failed with message: SQLSTATE[HY000] [3159] Connections using insecure transport are prohibited while --require_secure_transport=ON.', 15)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('Turn TLS on in the app\'s database client settings');
    expect(texts(f)).not.toMatch(/require_secure_transport OFF/i);
    expectValidCommands(f);
  });

  it('offers go, warnings and client-side fixes stay', () => {
    const steps: FindingStep[] = [
      { text: 'Set PDO::MYSQL_ATTR_SSL_CA. Turning require_secure_transport OFF on the server also lets the app in.' },
      { text: 'Or set NODE_TLS_REJECT_UNAUTHORIZED=0 in the app.' },
      { text: 'Never set NODE_TLS_REJECT_UNAUTHORIZED=0 to get past it.' },
      { text: 'The connection string sets sslmode=disable: remove it.' },
    ];
    const out = noSecurityOff({ steps } as unknown as FixInput).map((s) => s.text);
    expect(out).toEqual(['Set PDO::MYSQL_ATTR_SSL_CA.', 'Never set NODE_TLS_REJECT_UNAUTHORIZED=0 to get past it.', 'The connection string sets sslmode=disable: remove it.']);
  });
});
