/**
 * Model servers on GPU profiles and runtime memory/CPU-feature failures (v21 first run): GPU memory is not
 * the container's, so its steps never raise container memory; a model split across GPUs names the setting;
 * the Erlang VM's allocator failure is memory, not a native abort; a binary built for AVX on a node without
 * it is SIGILL. Each console line is a public one, with its source.
 */
import type { AppConfig } from '../../src/model';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const { target, config, sys, exit, line } = appFixtures({
  app: 'llm', resourceGroup: 'rg-llm', subscriptionId: SUB, t0: Date.parse('2026-12-21T09:00:00Z'),
  replica: 'llm--0000003-5e6f7a8b9-c1d2e',
  container: { name: 'llm', image: 'docker.io/vllm/vllm-openai:v0.6.4.post1', cpu: 8, memory: '56Gi', env: [], probes: [] },
});
const gpuProfile = { workloadProfileName: 'gpu-t4', ingress: { external: true, targetPort: 8000 } } as Partial<AppConfig>;
const crashLoop = [exit(1, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(1, 60)];
/** Container memory steps: a CPU/memory pair or a --memory flag. */
const CONTAINER_MEMORY = /next CPU\/memory pair|raise the container|--memory\b/;

describe('GPU memory: the model, its context or the GPU profile, never the container memory', () => {
  it('vLLM KV cache blocks (QwenLM/Qwen3#12): the server arguments and --gpu-memory-utilization', () => {
    const f = primary({
      system: crashLoop,
      console: [line('ValueError: No available memory for the cache blocks. Try increasing `gpu_memory_utilization` when initializing the engine.', 18)],
      target: target(),
      config: config(gpuProfile, { args: ['--model', 'Qwen/Qwen2.5-0.5B-Instruct', '--gpu-memory-utilization', '0.1'] }),
    });
    expect([f.category, f.ruleId]).toEqual(['out-of-memory', 'console.gpu.out-of-memory']);
    expect(texts(f)).toContain('--gpu-memory-utilization');
    // The args set 0.1 (v21 review B 76): that value is cited and raised, and the args are not read again.
    expect(texts(f)).toContain('The args set --gpu-memory-utilization 0.1');
    expect(texts(f)).not.toContain('larger GPU');
    expect(texts(f) + commands(f).join('\n')).not.toMatch(CONTAINER_MEMORY);
    expect(commands(f).some((c) => c.includes('--yaml app.yaml'))).toBe(true);
    expectValidCommands(f);
  });

  it('PyTorch CUDA out of memory (YingqianWang/iPASSR#9): the batch and a larger GPU, with the profile shown', () => {
    const f = primary({
      system: crashLoop,
      console: [line('torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 10.73 GiB (GPU 0; 8.00 GiB total capacity; 17.20 GiB already allocated; 0 bytes free; 19.15 GiB reserved in total by PyTorch)', 18)],
      target: target(),
      config: config(gpuProfile),
    });
    expect(f.ruleId).toBe('console.gpu.out-of-memory');
    expect(texts(f)).toContain('batch size');
    expect(texts(f)).toContain('larger GPU');
    expect(commands(f).some((c) => c.includes('workloadProfileName'))).toBe(true);
    expect(texts(f) + commands(f).join('\n')).not.toMatch(CONTAINER_MEMORY);
    expectValidCommands(f);
  });

  it('near miss: a server that caught the error and recovered (bigscience-workshop/petals#413) is not the GPU rule', () => {
    const f = primary({
      system: crashLoop,
      console: [line('Jul 23 14:53:46.280 [ERROR] [hivemind.moe.server.runtime.run:104] Caught CUDA out of memory. Tried to allocate 128.00 MiB (GPU 0; 7.78 GiB total capacity), attempting to recover', 18)],
      target: target(),
      config: config(gpuProfile),
    });
    expect(f.ruleId).not.toBe('console.gpu.out-of-memory');
  });
});

describe('a model split across GPUs it cannot divide into', () => {
  it('vLLM tensor parallel size (vllm-project/vllm#414): the setting is named', () => {
    const f = primary({
      system: crashLoop,
      console: [line('ValueError: Total number of attention heads (52) must be divisible by tensor parallel size (3).', 18)],
      target: target(),
      config: config(gpuProfile, { args: ['--model', 'huggyllama/llama-30b', '--tensor-parallel-size', '3'] }),
    });
    expect([f.category, f.names?.setting, f.names?.shards]).toEqual(['missing-configuration', '--tensor-parallel-size', '3']);
    // The args hold the count (v21 review B 72): the largest count below 3 that divides 52 heads.
    expect(texts(f)).toContain('does not divide the model\'s 52 attention heads: set it to 2');
    expectValidCommands(f);
  });
});

describe('runtime memory and CPU features', () => {
  it('an Ollama runner killed by SIGKILL (ollama/ollama#8571): the model does not fit, not the worker count', () => {
    const f = primary({ system: [exit(1, 20)], console: [line('Error: llama runner process has terminated: signal: killed', 19)], target: target(), config: config({}, { memory: '8Gi', cpu: 4 }) });
    expect(f.category).toBe('out-of-memory');
    expect(texts(f)).toContain('smaller or more quantised model');
    expect(texts(f)).not.toContain('number of workers');
  });

  it('an Ollama runner aborting (OpenBMB/MiniCPM-V#418) names the signal', () => {
    const f = primary({ system: [], console: [line('Error: llama runner process has terminated: signal: aborted (core dumped)', 19)], target: target(), config: config(gpuProfile) });
    expect([f.category, f.names?.signal, f.names?.printed]).toEqual(['crash-signal', 'SIGABRT', 'aborted']);
  });

  it('the Erlang VM refused an allocation (emqx/emqx#1493) then aborted: memory, with the next pair', () => {
    const f = primary({
      system: [exit(134, 20), exit(134, 60)],
      console: [line('eheap_alloc: Cannot allocate 441485240 bytes of memory (of type "heap").', 19), line('Aborted', 19.1)],
      target: target(),
      config: config({}, { image: 'emqx/emqx:5.8.0', memory: '1Gi', cpu: 0.5 }),
    });
    expect([f.category, f.ruleId]).toEqual(['out-of-memory', 'console.beam.alloc-failed']);
    expect(texts(f)).toContain('erl_crash.dump');
    expect(commands(f).some((c) => c.includes('--memory 2Gi'))).toBe(true);
    expectValidCommands(f);
  });

  it('Bun on a CPU without AVX (oven-sh/bun#19027): SIGILL, not a Go panic', () => {
    const f = primary({
      system: [exit(132, 20)],
      console: [line('CPU lacks AVX support. Please consider upgrading to a newer CPU.', 19), line('panic: Illegal instruction at address 0x3E16819', 19.1)],
      target: target(),
      config: config({}, { image: 'oven/bun:1.2.9', memory: '1Gi', cpu: 0.5 }),
    });
    expect([f.category, f.ruleId, f.names?.signal]).toEqual(['crash-signal', 'console.cpu.instruction-set-missing', 'SIGILL']);
    expect(texts(f)).toContain('baseline');
  });
});
