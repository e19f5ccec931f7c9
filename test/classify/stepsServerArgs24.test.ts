/**
 * Fixes said in prose given their change command, with the numbers the rows and configuration print
 * (v21 review B 66, 72, 76, 88, 96, 78). Console lines are public ones: text-generation-inference's
 * shard error (huggingface/text-generation-inference#1349), vLLM's KV-cache refusal (vllm-project/vllm#2248),
 * Ollama's listen line (ollama/ollama#703), Rust's allocator abort (rust-lang/rust#43596).
 */
import { raiseToNeed } from '../../src/classify/steps/memoryNeed';
import { shardsThatDivide } from '../../src/classify/steps/serverArgValues';
import { truncateAtSentence } from '../../src/render/text';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const fixtures = (app: string, image: string) => appFixtures({
  app, resourceGroup: 'rg-ml', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'), replica: `${app}--0000004-6c7d8e9f5-rj2qa`,
  container: { name: app, image, cpu: 8, memory: '56Gi', env: [], probes: [] },
});

describe('tensor parallelism that does not divide the heads', () => {
  const { target, config, sys, exit, line } = fixtures('tgi-falcon', 'ghcr.io/huggingface/text-generation-inference:1.3');
  const run = (heads: number, shards: number, args: string[]) => primary({
    system: [exit(1, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(1, 60)],
    console: [line(`ValueError: \`num_heads\` must be divisible by \`num_shards\` (got \`num_heads\`: ${heads} and \`num_shards\`: ${shards}`, 10), line('Error: ShardCannotStart', 12)],
    target: target(), config: config({ ingress: { external: true, targetPort: 80 } }, { args }),
  });

  it('71 heads (prime): the flag goes, through the YAML, and the read of the args goes', () => {
    const f = run(71, 2, ['--model-id', 'tiiuae/falcon-7b-instruct', '--num-shard', '2']);
    expect(texts(f)).toContain('(71 is prime): remove --num-shard');
    expect(texts(f)).toContain('args to ["--model-id", "tiiuae/falcon-7b-instruct"]');
    expect(commands(f).some((c) => c.includes('--yaml app.yaml'))).toBe(true);
    expect(commands(f).some((c) => c.includes("containers[].args'"))).toBe(false);
    expectValidCommands(f);
  });

  it('a head count with a smaller divisor gets that count', () => {
    expect(shardsThatDivide(71, 2)).toBe(1);
    expect(shardsThatDivide(40, 3)).toBe(2);
    expect(shardsThatDivide(36, 8)).toBe(6);
    const f = run(40, 3, ['--model-id', 'x/y', '--num-shard=3']);
    expect(texts(f)).toContain('set it to 2');
    expect(texts(f)).toContain('"--num-shard=2"');
  });

  it('near miss: args without the flag (set by NUM_SHARD) keep the prose step', () => {
    const f = run(71, 2, ['--model-id', 'tiiuae/falcon-7b-instruct']);
    expect(texts(f)).toContain('Set --num-shard to a number that divides');
    expect(texts(f)).not.toContain('is prime');
  });
});

describe("vLLM's share of the GPU set low", () => {
  const { target, config, sys, exit, line } = fixtures('qwen-serve', 'docker.io/vllm/vllm-openai:v0.6.4.post1');
  const run = (share: string) => primary({
    system: [exit(1, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(1, 60)],
    console: [line('ERROR 11-18 18:07:28 engine.py:366] ValueError: No available memory for the cache blocks. Try increasing `gpu_memory_utilization` when initializing the engine.', 10)],
    target: target(), config: config({ ingress: { external: true, targetPort: 8000 } }, { args: ['--model', 'Qwen/Qwen2.5-0.5B-Instruct', '--gpu-memory-utilization', share] }),
  });

  it('0.1 in the args is cited and raised to 0.9; the larger-GPU move goes', () => {
    const f = run('0.1');
    expect(f.steps![0]!.text).toContain('The args set --gpu-memory-utilization 0.1');
    expect(texts(f)).toContain('"--gpu-memory-utilization", "0.9"');
    expect(texts(f)).not.toContain('Consumption-GPU-NC24-A100');
    expect(commands(f).some((c) => c.includes("containers[].args'"))).toBe(false);
    expectValidCommands(f);
  });

  it('near miss: a share already at 0.9 keeps the category steps', () => {
    const f = run('0.9');
    expect(texts(f)).not.toContain('The args set --gpu-memory-utilization');
    expect(texts(f)).toContain('Consumption-GPU-NC24-A100');
  });
});

describe('a listen variable the configuration sets', () => {
  const { target, config, sys, line } = fixtures('ollama-api', 'docker.io/ollama/ollama:0.1.30');
  const run = (env: { name: string; hasValue: boolean }[]) => primary({
    system: [sys('ReplicaUnhealthy', 'Startup probe failed: dial tcp 100.100.0.23:11434: connect: connection refused', 30), sys('StoppingContainer', 'Container ollama-api failed startup probe, will be restarted', 60)],
    console: [line('time=2024-04-05T07:13:53.852-05:00 level=INFO source=routes.go:1118 msg="Listening on 127.0.0.1:11434 (version 0.1.30)"', 10)],
    target: target(), config: config({ ingress: { external: true, targetPort: 11434 } }, { env }),
  });

  it('OLLAMA_HOST gets 0.0.0.0 and the port', () => {
    const f = run([{ name: 'OLLAMA_HOST', hasValue: true }]);
    // Ollama reads a bare host with its default port 11434; one step sets it (stepsConfigValues24 owns the wording).
    const set = commands(f).filter((c) => /--set-env-vars OLLAMA_HOST=0\.0\.0\.0(?::11434)? --subscription/.test(c));
    expect(set).toEqual([expect.stringMatching(/^az containerapp update -n ollama-api -g rg-ml --container-name ollama-api /)]);
    expect(texts(f)).not.toMatch(/^Bind 0\.0\.0\.0 \(or/m);
    expectValidCommands(f);
  });

  it('near miss: no listen variable in the configuration, the prose stays', () => {
    const f = run([]);
    expect(commands(f).join('\n')).not.toContain('OLLAMA_HOST');
  });
});

describe("a program's one-shot subcommand as an app's command", () => {
  const { target, config, sys, exit, line } = fixtures('ollama-svc', 'docker.io/ollama/ollama:0.1.29');
  const run = (args: string[], ingress = true) => primary({
    system: [exit(0, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(0, 80), exit(0, 140)],
    console: [line('pulling manifest', 5), line('writing manifest', 10), line('success', 12)],
    target: target(), config: config(ingress ? { ingress: { external: true, targetPort: 11434 } } : {}, { command: ['ollama'], args }),
  });

  it('ollama pull: ollama serve started, the job alternative goes', () => {
    const f = run(['pull', 'mistral']);
    expect(commands(f)).toContain(`az containerapp update -n ollama-svc -g rg-ml --container-name ollama-svc --command ollama --args serve --subscription ${SUB}`);
    expect(texts(f)).not.toContain('deploy it as a Container Apps job');
    expectValidCommands(f);
  });

  it('near miss: already serving, nothing added', () => {
    const f = run(['serve']);
    expect(commands(f).join('\n')).not.toContain('--args serve');
  });
});

describe('an allocation above what the Consumption profile holds', () => {
  const step = { text: 'Raise the container to the next CPU/memory pair (4 CPU, 8Gi; the limit was 4Gi); the next execution of the job uses it.', command: 'az containerapp job update -n chain-indexer -g {resourceGroup} --container-name chain-indexer --cpu 4 --memory 8Gi' };
  const rows = ['memory allocation of 23400000000 bytes failedAborted'];

  it('the raise is replaced by chunking or a dedicated profile, with the number', () => {
    const [out] = raiseToNeed([step], rows, '4Gi');
    expect(out!.command).toBeUndefined();
    expect(out!.text).toContain('21.79 GiB (23.4 GB)');
    expect(out!.text).toContain('dedicated workload profile');
  });

  it('near misses: a dedicated profile, and an allocation a pair holds', () => {
    expect(raiseToNeed([step], rows, '4Gi', 'E16')).toEqual([step]);
    const small = raiseToNeed([{ ...step, command: step.command.replace('--cpu 4 --memory 8Gi', '--cpu 1 --memory 2Gi') }], ['memory allocation of 2147483648 bytes failed'], '1Gi');
    expect(small[0]!.command).toContain('--cpu 2 --memory 4Gi');
  });
});

describe('a step cut to length', () => {
  it('is not cut at a "; " inside parentheses or inline code', () => {
    const text = 'Mount it as the container\'s user: find the uid (the USER line, or what `docker run --rm --entrypoint id img` prints; an entrypoint that switches user runs as that user), set `mountOptions: uid=<uid>,gid=<gid>` on volume data, and apply it. Or write elsewhere.';
    const cut = truncateAtSentence(text, text.length - 8);
    expect(cut).toContain('and apply it.');
    expect(cut).not.toContain('prints; …');
    // Near miss: a sentence end outside any span is still where it cuts.
    expect(truncateAtSentence('First part ends here. Second part is longer than the limit allows.', 40)).toBe('First part ends here. …');
  });
});
