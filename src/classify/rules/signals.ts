/**
 * Linux signal numbers (x86-64 and arm64 agree on these) and what receiving each one usually means for a
 * container. A process killed by signal N exits with 128+N, so this table decodes 129..159.
 */
export interface SignalInfo {
  number: number;
  name: string;
  meaning: string;
  /** Signals that indicate the process itself crashed (bad memory access, abort, illegal instruction). */
  crash: boolean;
}

export const SIGNALS: readonly SignalInfo[] = [
  { number: 1, name: 'SIGHUP', meaning: 'hang-up: the controlling terminal or parent went away', crash: false },
  { number: 2, name: 'SIGINT', meaning: 'interrupt, the signal Ctrl+C sends', crash: false },
  { number: 3, name: 'SIGQUIT', meaning: 'quit request, often with a core dump', crash: false },
  { number: 4, name: 'SIGILL', meaning: 'illegal instruction: a binary built for another CPU feature set, or corrupted code', crash: true },
  { number: 5, name: 'SIGTRAP', meaning: 'trace or breakpoint trap', crash: true },
  { number: 6, name: 'SIGABRT', meaning: 'abort: the process or a library called abort(), for example on a failed assertion or heap corruption', crash: true },
  { number: 7, name: 'SIGBUS', meaning: 'bus error: misaligned or unmapped memory access, often a memory-mapped file that shrank', crash: true },
  { number: 8, name: 'SIGFPE', meaning: 'arithmetic fault such as an integer division by zero', crash: true },
  { number: 9, name: 'SIGKILL', meaning: 'kill that cannot be caught: the kernel out-of-memory killer, or the runtime after the grace period', crash: false },
  { number: 10, name: 'SIGUSR1', meaning: 'user-defined signal 1 that the process did not handle', crash: false },
  { number: 11, name: 'SIGSEGV', meaning: 'segmentation fault: access to memory the process does not own', crash: true },
  { number: 12, name: 'SIGUSR2', meaning: 'user-defined signal 2 that the process did not handle', crash: false },
  { number: 13, name: 'SIGPIPE', meaning: 'write to a pipe or socket whose reader is gone', crash: false },
  { number: 14, name: 'SIGALRM', meaning: 'timer alarm that the process did not handle', crash: false },
  { number: 15, name: 'SIGTERM', meaning: 'polite request to stop: scale-in, a revision switch, a restart', crash: false },
  { number: 16, name: 'SIGSTKFLT', meaning: 'coprocessor stack fault', crash: true },
  { number: 17, name: 'SIGCHLD', meaning: 'child process state change', crash: false },
  { number: 18, name: 'SIGCONT', meaning: 'continue after a stop', crash: false },
  { number: 19, name: 'SIGSTOP', meaning: 'stop (pause) that cannot be caught', crash: false },
  { number: 20, name: 'SIGTSTP', meaning: 'terminal stop request', crash: false },
  { number: 21, name: 'SIGTTIN', meaning: 'background read from the terminal', crash: false },
  { number: 22, name: 'SIGTTOU', meaning: 'background write to the terminal', crash: false },
  { number: 23, name: 'SIGURG', meaning: 'urgent data on a socket', crash: false },
  { number: 24, name: 'SIGXCPU', meaning: 'CPU time limit exceeded', crash: false },
  { number: 25, name: 'SIGXFSZ', meaning: 'file size limit exceeded', crash: false },
  { number: 26, name: 'SIGVTALRM', meaning: 'virtual timer alarm', crash: false },
  { number: 27, name: 'SIGPROF', meaning: 'profiling timer alarm', crash: false },
  { number: 28, name: 'SIGWINCH', meaning: 'terminal window size change', crash: false },
  { number: 29, name: 'SIGIO', meaning: 'I/O now possible', crash: false },
  { number: 30, name: 'SIGPWR', meaning: 'power failure', crash: false },
  { number: 31, name: 'SIGSYS', meaning: 'bad system call: a syscall blocked by seccomp or unknown to the kernel', crash: true },
];

const byNumber = new Map(SIGNALS.map((s) => [s.number, s]));

/** The signal behind an exit code of 128+N, or undefined for codes outside 129..159. */
export function signalForExitCode(code: number): SignalInfo | undefined {
  if (!Number.isInteger(code) || code <= 128 || code > 128 + 31) return undefined;
  return byNumber.get(code - 128);
}

/**
 * Signals a container is killed or crashes by. An app's own exit code above 128 that maps to another one
 * (the .NET host's 150 would be SIGTTOU) is the app's code, not a signal, and is never named as one.
 */
const IN_CONTEXT = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 14, 15, 24, 25, 31]);

/** The signal behind an exit code when that signal is one a container plausibly received. */
export function plausibleSignal(code: number): SignalInfo | undefined {
  const sig = signalForExitCode(code);
  return sig && IN_CONTEXT.has(sig.number) ? sig : undefined;
}
