/**
 * Reads an `az` command line the way a POSIX shell would split it (quotes, `$( ... )`), so tests and the
 * builder can check that every command names a known command and only its flags.
 */
import { AZ_COMMANDS, GLOBAL_FLAGS, commandSpec } from './azCommands';

export interface AzInvocation {
  /** Command path after `az`, e.g. `containerapp update`; undefined when no known command matched. */
  path?: string;
  flags: string[];
  words: string[];
}

/** Splits a line into words and the `$( ... )` substitutions inside it (parsed separately). */
function split(line: string): { words: string[]; nested: string[] } {
  const words: string[] = [];
  const nested: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      const stop = end < 0 ? line.length : end;
      word += line.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (ch === '\\' && i + 1 < line.length) {
      // An escaped character outside quotes is itself (shellQuote writes a quote as '\'').
      word += line[i + 1];
      inWord = true;
      i++;
    } else if (ch === '$' && line[i + 1] === '(') {
      let depth = 1;
      let j = i + 2;
      for (; j < line.length && depth > 0; j++) {
        if (line[j] === '(') depth++;
        else if (line[j] === ')') depth--;
      }
      nested.push(line.slice(i + 2, j - 1));
      word += '$SUBST';
      inWord = true;
      i = j - 1;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return { words, nested };
}

/** Every `az` invocation in a command line, the outer one first. */
export function parseAzCommand(line: string): AzInvocation[] {
  const { words, nested } = split(line);
  const out: AzInvocation[] = [];
  if (words[0] === 'az') {
    const positional: string[] = [];
    for (const w of words.slice(1)) {
      if (w.startsWith('-')) break;
      positional.push(w);
    }
    let path: string | undefined;
    for (let n = positional.length; n > 0 && !path; n--) {
      const candidate = positional.slice(0, n).join(' ');
      if (commandSpec(candidate)) path = candidate;
    }
    out.push({ path, flags: words.filter((w) => /^--?[A-Za-z]/.test(w)), words });
  } else {
    out.push({ path: undefined, flags: [], words });
  }
  for (const inner of nested) out.push(...parseAzCommand(inner));
  return out;
}

/** What is wrong with a command line: unknown commands and flags the command does not take. Empty when valid. */
export function commandProblems(line: string): string[] {
  const problems: string[] = [];
  for (const inv of parseAzCommand(line)) {
    if (inv.words[0] !== 'az') {
      problems.push(`not an az command: ${inv.words.slice(0, 3).join(' ')}`);
      continue;
    }
    if (!inv.path) {
      problems.push(`unknown az command: ${inv.words.slice(0, 4).join(' ')}`);
      continue;
    }
    const spec = commandSpec(inv.path)!;
    for (const flag of inv.flags) {
      const name = flag.split('=')[0]!;
      if (!spec.flags.includes(name) && !GLOBAL_FLAGS.includes(name)) problems.push(`az ${inv.path} has no flag ${name}`);
    }
  }
  return problems;
}

export { AZ_COMMANDS };
