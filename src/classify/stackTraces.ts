/**
 * Console rows arrive one line per row, interleaved across replicas and sometimes out of order. This
 * module puts each replica's rows back in time order and joins the rows of one stack trace (or one
 * multi-row message) into a block, so rules can read a trace as a whole and the engine can pick its
 * final, most telling line.
 */

export interface TimedLine {
  /** Milliseconds since the epoch; NaN when the row had no usable time. */
  ms: number;
  text: string;
  replica?: string;
  revision?: string;
  container?: string;
  image?: string;
  /** Position in the input, which breaks ties between rows with the same time. */
  index: number;
}

export interface Block {
  key: string;
  lines: TimedLine[];
  /** The lines joined with newlines (capped), what `context` patterns run on. */
  text: string;
}

/** Rows further apart than this are separate messages even when they look like a continuation. */
const MAX_GAP_MS = 5_000;
/** A block longer than this is cut: a runaway log is not one trace. */
const MAX_BLOCK_LINES = 200;
const MAX_BLOCK_CHARS = 40_000;

/**
 * Lines that continue a trace or message started on an earlier row. Ruby and rake print their backtrace rows
 * unindented (`/rails/config/environment.rb:5:in '<main>'`, then `Tasks: TOP => db:prepare => environment`).
 * npm reports a failed script in `npm ERR!` rows after the script's own last line (`sh: next: not found`),
 * closing with a `npm WARN` diagnosis (node_modules missing): one message.
 */
const CONTINUATION =
  /^(?:\s*$|\s+\S|\s*at [\w$.<>\[\]/]|\s*File "|Caused by:|\s*\.\.\. \d+ (?:more|common frames)|During handling of the above exception|The above exception was the direct cause|\s*--- End of|\s*\^+\s*$|goroutine \d+ \[|\s*\}|\s*\{|\s*\]|\s*[a-zA-Z_$][\w$]*: .*,$|\s*(?:code|errno|syscall|address|port|hostname|requireStack|input|reason|type): |(?:App|Architecture|Framework|\.NET location|Host version|Reason|Action): |\/?[\w.\/-]{1,300}\.rb:\d{1,6}:in [`'‘]|Tasks: TOP => |npm (?:ERR!|error|WARN|warn) )/;

/**
 * Lines after which the next row almost always belongs to the same message. Redis reports a configuration
 * error in rows of its own (`*** FATAL CONFIG FILE ERROR ***`, `Reading the configuration file, at line 13`,
 * `>>> 'logfile /var/log/redis/redis-server.log'`, then the reason): each opens the next. Helidon's config
 * finder names the meta-configuration file it is about to read; a failure to read it comes on the next row.
 */
const OPENER =
  /(?:\*\*\* FATAL CONFIG FILE ERROR\b|Found meta configuration file: |\bReading the configuration file, at line \d|^>>> '|^\/\S+:\d+$|Traceback \(most recent call last\):|Exception in thread|Unhandled [Ee]xception|^panic: |validation errors? for|APPLICATION FAILED TO START|^Description:|^Caused by:|thread '.+' panicked at|:\s*$)/;

export function groupKey(line: { replica?: string; revision?: string; container?: string }): string {
  return line.replica ?? line.revision ?? line.container ?? '';
}

/** Splits every replica's rows into blocks, in time order. */
export function buildBlocks(lines: TimedLine[]): Block[] {
  const byKey = new Map<string, TimedLine[]>();
  for (const line of lines) {
    const key = groupKey(line);
    const list = byKey.get(key);
    if (list) list.push(line);
    else byKey.set(key, [line]);
  }
  const blocks: Block[] = [];
  for (const [key, list] of [...byKey.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    list.sort((a, b) => (a.ms - b.ms) || (a.index - b.index) || 0);
    let current: TimedLine[] = [];
    let chars = 0;
    const flush = (): void => {
      if (current.length > 0) blocks.push({ key, lines: current, text: current.map((l) => l.text).join('\n') });
      current = [];
      chars = 0;
    };
    for (const line of list) {
      const prev = current[current.length - 1];
      const joins =
        prev !== undefined &&
        current.length < MAX_BLOCK_LINES &&
        chars + line.text.length < MAX_BLOCK_CHARS &&
        !(Math.abs(line.ms - prev.ms) > MAX_GAP_MS) &&
        (CONTINUATION.test(line.text) || CONTINUATION.test(prev.text) || OPENER.test(prev.text));
      if (!joins) flush();
      current.push(line);
      chars += line.text.length + 1;
    }
    flush();
  }
  return blocks;
}
