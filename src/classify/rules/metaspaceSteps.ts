import { RAISE_MEMORY_NEXT } from './commandTemplates';
import type { RuleAction } from '../types';

/**
 * The JVM's class-metadata space ran out (OutOfMemoryError: Metaspace, or Compressed class space): its
 * cap is -XX:MaxMetaspaceSize, not the heap, so heap sizing (MaxRAMPercentage, -Xmx) does not help. A
 * buildpack image's memory calculator sets that cap from the classes it expects (stages/jvmMetaspace.ts
 * names it); its class-count estimate is the knob, and a flag set in JAVA_TOOL_OPTIONS wins over it.
 */
export const METASPACE_STEPS: RuleAction[] = [
  {
    needs: ['metaspace', 'memoryCalculator', 'metaspaceCap'],
    decisive: true,
    text: 'The JVM ran out of {metaspace} (class metadata), not heap: the buildpack\'s memory calculator capped it at -XX:MaxMetaspaceSize={metaspaceCap} from its estimate of {classCount|the} loaded classes, and the app loads more. Raise the estimate with BPL_JVM_CLASS_ADJUSTMENT (150% plans for half as many classes again), or set -XX:MaxMetaspaceSize={metaspaceTarget|256m} in JAVA_TOOL_OPTIONS, which the calculator keeps; either way the calculator takes the room from the heap. This creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars BPL_JVM_CLASS_ADJUSTMENT=150%',
  },
  {
    needs: ['metaspace'],
    absent: ['memoryCalculator'],
    decisive: true,
    text: 'The JVM ran out of {metaspace} (class metadata), not heap: heap settings (-Xmx, MaxRAMPercentage) do not change it. Its cap is -XX:MaxMetaspaceSize{=metaspaceCap} (unlimited by default, so a cap set in JAVA_OPTS, JAVA_TOOL_OPTIONS or the start command is the usual cause): raise it to {metaspaceTarget|256m} where it is set (JAVA_TOOL_OPTIONS, which the JVM reads at start, shown; keep its other flags). If it fills again whatever the cap, look for classes generated at run time or a class loader that is never released. This creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars JAVA_TOOL_OPTIONS=-XX:MaxMetaspaceSize={metaspaceTarget|256m}',
  },
  {
    needs: ['metaspace', 'memoryCalculator', 'nextMemory'],
    text: 'If the heap left after that is too small (the calculator then stops at start, or heap errors follow), give the container the next CPU/memory pair ({nextCpu} CPU, {nextMemory}; it has {memoryLimit}); this creates a new revision.',
    command: RAISE_MEMORY_NEXT,
  },
];
