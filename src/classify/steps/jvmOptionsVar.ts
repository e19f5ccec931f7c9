/**
 * Servers whose launcher sets the JVM's heap from its own options variable and ignores JAVA_TOOL_OPTIONS:
 * Elasticsearch's launcher unsets it ("warning: ignoring JAVA_TOOL_OPTIONS", review v23 #18) and reads
 * ES_JAVA_OPTS; OpenSearch reads OPENSEARCH_JAVA_OPTS the same way. Their guidance is a heap of about half
 * the container's memory, -Xms equal to -Xmx, the rest being the file cache Lucene lives on
 * (https://www.elastic.co/guide/en/elasticsearch/reference/current/advanced-configuration.html#set-jvm-heap-size).
 */
import { memoryGiB } from '../memorySize';

const SERVERS: readonly { name: string; variable: string; image: RegExp; rows: RegExp }[] = [
  { name: 'OpenSearch', variable: 'OPENSEARCH_JAVA_OPTS', image: /(?:^|\/)opensearch(?:[:@]|$)/i, rows: /\borg\.opensearch\.|\[o\.o\.[a-z]\.|\bOPENSEARCH_JAVA_OPTS\b/ },
  { name: 'Elasticsearch', variable: 'ES_JAVA_OPTS', image: /(?:^|\/)elasticsearch(?:[:@]|$)/i, rows: /\borg\.elasticsearch\.|\[o\.e\.[a-z]\.|\bES_JAVA_OPTS\b/ },
];

/** -Xms and -Xmx at half of a memory size, in MiB rounded down to 64. */
function halfHeap(memory: string | undefined): string | undefined {
  const gi = memoryGiB(memory);
  if (!gi) return undefined;
  const mb = Math.floor((gi * 1024) / 2 / 64) * 64;
  return mb > 0 ? `-Xms${mb}m -Xmx${mb}m` : undefined;
}

/**
 * The server, its options variable, whether the configuration already sets it, and the heap to set at
 * half the container's memory now (`jvmHeapOpts`) and at half the next memory pair (`jvmHeapNextOpts`).
 */
export function jvmOptionsNames(image: string | undefined, envNames: readonly string[], rows: string, memory: string | undefined, nextMemory: string | undefined): Record<string, string> {
  const s = SERVERS.find((x) => x.image.test(image ?? '') || x.rows.test(rows) || envNames.includes(x.variable));
  if (!s) return {};
  const out: Record<string, string> = { jvmServer: s.name, jvmOptsVar: s.variable };
  if (envNames.includes(s.variable)) out.jvmOptsSetNote = `; this revision sets ${s.variable}, and the heap it gives is the cap that was hit`;
  const now = halfHeap(memory);
  if (now) out.jvmHeapOpts = now;
  const next = halfHeap(nextMemory);
  if (next) out.jvmHeapNextOpts = next;
  return out;
}
