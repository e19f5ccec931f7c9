/**
 * Eleventh steps review (docs/steps-review-v19-fresh.md): a category's template steps for another cause.
 * - Cases 34 and 70: a refused write to a file read as a refused low port, because a port named elsewhere in the
 *   rows (Redis' 6379, PostgreSQL's 5432) filled the privileged-port steps; they now need a refused bind.
 * - Case 58: a service's 429 given the environment's core-quota steps.
 * - Case 99: llama.cpp's GPU out-of-memory given the container's memory steps.
 * Near misses keep their steps.
 */
import { classifyAll } from '../../src/classify/withTeamRules';
import type { Finding } from '../../src/model';
import { appFixtures, commands, primary, texts } from './stepsFixtures';

const SUB = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
const { target, config, sys, exit, line } = appFixtures({
  app: 'media-worker', resourceGroup: 'rg-media', subscriptionId: SUB, t0: Date.parse('2026-11-20T08:00:00Z'),
  replica: 'media-worker--0000003-7a8b9c0d1-e2f3a',
  container: { name: 'media-worker', image: 'mediaacr.azurecr.io/media-worker:1.2.0', cpu: 0.5, memory: '1Gi', env: [{ name: 'PORT', hasValue: true }], probes: [] },
});
const loop = [exit(1, 10), sys('BackOff', 'Back-off restarting failed container media-worker', 20), exit(1, 40)];

describe('privileged-port steps need a refused bind', () => {
  it('a schedule file celery beat may not write, beside a Redis URL with its port: no PORT or target-port step', () => {
    // https://github.com/lardbit/nefarious/issues/81
    const f = primary({
      system: loop,
      console: [
        line('[2021-01-14 08:41:52,554: INFO/MainProcess] Connected to redis://redis:6379/0', 2),
        line("[2021-01-14 08:41:54,969: ERROR/Beat] Removing corrupted schedule file 'celerybeat-schedule': error(13, 'Permission denied')", 5),
        line('_gdbm.error: [Errno 13] Permission denied', 6),
      ],
      target: target(),
      config: config(),
    });
    expect(f.category).toBe('permission-denied');
    expect(texts(f)).not.toMatch(/may not listen on port/);
    expect(commands(f).join('\n')).not.toMatch(/--target-port|PORT=/);
  });

  it('a refused listen on port 80 keeps them (near miss)', () => {
    // https://github.com/nodejs/help/issues/1469 (Node's wording for a refused low port)
    const f = primary({
      system: loop,
      console: [line('Error: listen EACCES: permission denied 0.0.0.0:80', 5)],
      target: target(),
      config: config(),
    });
    expect(f.category).toBe('permission-denied');
    expect(commands(f).join('\n')).toMatch(/--set-env-vars PORT=8080|--target-port 8080/);
  });
});

/** A finding's steps, each with its command, as one text (texts() and commands() read only the primary). */
const stepsOf = (f: Finding): string => (f.steps ?? []).map((a) => `${a.text} ${a.command ?? ''}`).join('\n');

describe("a service's throttling is not the environment's quota", () => {
  it('a 429 from Azure OpenAI: retry and the service\'s limit, no core-quota steps', () => {
    // https://github.com/Azure-Samples/azure-search-openai-demo-csharp/issues/373
    const { findings } = classifyAll({
      system: loop,
      console: [
        line('Unhandled exception. Microsoft.SemanticKernel.HttpOperationException: Rate limit is exceeded. Try again in 2 seconds.', 5),
        line('Status: 429 (Too Many Requests)', 5.01),
      ],
      target: target(),
      config: config(),
    });
    const quota = findings.find((f) => f.category === 'quota-exceeded');
    expect(quota).toBeDefined();
    expect(stepsOf(quota!)).toMatch(/Retry-After/);
    expect(stepsOf(quota!)).not.toMatch(/environment's usage|hold cores/);
  });

  it("the environment's own core quota keeps its steps (near miss)", () => {
    // https://learn.microsoft.com/en-us/azure/container-apps/quotas (the platform's message)
    const f = primary({
      system: [sys('AssigningReplicaFailed', 'Maximum Allowed Cores exceeded for the Managed Environment. Please check https://learn.microsoft.com/en-us/azure/container-apps/quotas for resource limits', 5)],
      console: [],
      target: target(),
      config: config(),
    });
    expect(f.category).toBe('quota-exceeded');
    expect(stepsOf(f)).toMatch(/core usage|hold cores/);
  });
});

describe('llama.cpp out of GPU memory: the model and the context, not the container', () => {
  it("Ollama's runner: a smaller model or context, no container memory raise", () => {
    // https://github.com/ollama/ollama/issues/8447
    const f = primary({
      system: loop,
      console: [
        line('ggml_backend_cuda_buffer_type_alloc_buffer: allocating 35533.34 MiB on device 0: cudaMalloc failed: out of memory', 5),
        line('llama_model_load: error loading model: unable to allocate CUDA0 buffer', 5.01),
      ],
      target: target(),
      config: config(),
    });
    expect(f.category).toBe('out-of-memory');
    expect(stepsOf(f)).toMatch(/num_ctx/);
    expect(stepsOf(f)).not.toMatch(/--memory|WorkingSetBytes|batch size/);
  });

  it("PyTorch's CUDA out of memory keeps the batch-size step (near miss)", () => {
    // https://github.com/pytorch/pytorch/issues/16417
    const f = primary({
      system: loop,
      console: [line('torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 20.00 MiB (GPU 0; 7.79 GiB total capacity)', 5)],
      target: target(),
      config: config(),
    });
    expect(f.category).toBe('out-of-memory');
    expect(stepsOf(f)).toMatch(/batch size/);
    expect(stepsOf(f)).not.toMatch(/num_ctx/);
  });
});

