/**
 * Issue #11, eleventh review: memory raised too little. When the rows print what the runtime itself asked
 * for (a JVM that could not map its heap, an -Xmx), the raise offered is the pair that holds it with its
 * overhead, not merely the next pair. Each incident is a public wording (source in a comment); near misses
 * keep the next pair.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';
import { fittingPair, memoryNeedGiB, raiseToNeed } from '../../src/classify/steps/memoryNeed';

const SUB = '5d2a8c41-7e3b-4f19-a6c2-9b0e1d3f7a54';
const shape = (memory: string) => appFixtures({
  app: 'kafka-dev', resourceGroup: 'rg-data', subscriptionId: SUB, t0: Date.parse('2026-12-14T03:00:00Z'),
  replica: 'kafka-dev--0000002-722700421-53tz0',
  container: { name: 'kafka-dev', image: 'docker.io/bitnami/kafka:3.7', cpu: 0.25, memory, env: [], probes: [] },
});
const cmd = (f: ReturnType<typeof primary>): string => commands(f).join('\n');

describe('a memory raise fits what the runtime asked for', () => {
  it('a JVM that could not map a 1 GiB heap in 0.5Gi gets 2Gi, not 1Gi', () => {
    // https://github.com/bitnami/containers/issues/33271 ("Native memory allocation (mmap) failed to map 1073741824 bytes for committing reserved memory")
    const { target, config, exit, line } = shape('0.5Gi');
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [
        line('# There is insufficient memory for the Java Runtime Environment to continue.'),
        line('# Native memory allocation (mmap) failed to map 1073741824 bytes for committing reserved memory.'),
        line("OpenJDK 64-Bit Server VM warning: INFO: os::commit_memory(0x00000000c0000000, 1073741824, 0) failed; error='Out of memory' (errno=12)"),
      ],
      target: target(), config: config(),
    });
    const raise = commands(f).find((c) => / --memory /.test(c));
    expect(raise).toContain('az containerapp update -n kafka-dev -g rg-data --container-name kafka-dev --cpu 1 --memory 2Gi');
    expect(cmd(f)).not.toContain('--memory 1Gi');
    expect(texts(f)).toContain('asking for 1 GiB');
    expectValidCommands(f);
  });

  it('the steps pass raises a too-small pair to the one that fits an -Xmx, and keeps one that already fits', () => {
    // https://github.com/elastic/elasticsearch/issues/44174 ("-Xms1g, -Xmx1g" in the JVM arguments)
    const step = { text: 'Raise the container to the next CPU/memory pair (0.5 CPU, 1Gi; the limit was 0.5Gi); this creates a new revision.', command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --cpu 0.5 --memory 1Gi' };
    const [out] = raiseToNeed([step], ['JVM arguments [-Xshare:auto, -Xms1g, -Xmx1g, -XX:+UseG1GC]'], '0.5Gi');
    expect(out!.command).toContain('--cpu 1 --memory 2Gi');
    expect(out!.text).toContain('(1 CPU, 2Gi');
    expect(out!.text).toContain('the CPU/memory pair that fits');
    // Near miss: a 256m heap fits the next pair; the step stays.
    expect(raiseToNeed([step], ['JVM arguments [-Xms256m, -Xmx256m]'], '0.5Gi')).toEqual([step]);
    // Near miss: a Python MemoryError prints no need; the step stays.
    expect(raiseToNeed([step], ['MemoryError: Unable to allocate 1.00 GiB for an array'], '0.5Gi')).toEqual([step]);
  });

  it('reads the need and picks the doubling that holds it, capped at 8Gi', () => {
    expect(memoryNeedGiB(['failed to map 1073741824 bytes for committing reserved memory'])).toBe(1);
    expect(memoryNeedGiB(['-Xmx4096m'])).toBe(4);
    expect(memoryNeedGiB(['-Xmx4096'])).toBeUndefined();
    expect(memoryNeedGiB(['Killed'])).toBeUndefined();
    expect(fittingPair('0.5Gi', 1)).toEqual({ cpu: '1', memory: '2Gi' });
    expect(fittingPair('1Gi', 4)).toEqual({ cpu: '4', memory: '8Gi' });
    expect(fittingPair('8Gi', 16)).toBeUndefined();
  });
});
