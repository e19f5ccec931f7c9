import type { RuleAction } from '../types';

/**
 * Native crashes whose rows say where they happened, each with the fix for that place instead of the
 * generic "check your native dependencies (sharp, numpy, grpc)": a start-up script of the image
 * (stages/crashSite.ts names it), or Ruby's own crash report ("[BUG] Segmentation fault") in a gem's frame.
 */
/** Ruby's crash report, with the gem whose frame it was in (`gems/puma-4.1.0/lib/puma/cluster.rb:166: [BUG] ...`). */
const RUBY_GEM_BUG = /\/gems\/(?<crashGem>[A-Za-z][\w-]{0,60}?-\d[\w.]{0,30})\/\S{0,300}: \[BUG\] /;
export const RUBY_BUG = /\[BUG\] (?:Segmentation fault|Bus Error|Illegal instruction|Aborted|SIG[A-Z]{3,6})/i;
/** Puma's cluster mode, where the master forks the workers: the frame or the start banner. */
const PUMA_CLUSTER = /\/lib\/puma\/cluster\.rb:\d{1,6}: \[BUG\] /;

/** An illegal instruction: the platform's exit code 132 (128 + SIGILL) or the shell's and kernel's words. */
const ILLEGAL_INSTRUCTION = /Illegal instruction|\bSIGILL\b|exit code '?132\b/i;
/**
 * glibc's heap-corruption checks (free(): invalid pointer, double free): a memory bug in the program that
 * ran until it freed a bad pointer, not a binary built for another libc or CPU, which fails at its first call
 * (docs/steps-review-v21-fresh.md, cases 43 and 59).
 */
export const HEAP_CORRUPTION_ROWS = /free\(\): invalid (?:pointer|size)|double free or corruption|malloc\(\): (?:corrupted|memory corruption|unaligned)|corrupted size vs\. prev_size|munmap_chunk\(\): invalid pointer/;
/** Heap corruption in native code the rows do not tie to Python or a GPU stack: debug the program, not its build. */
export const NATIVE_HEAP_STEP = 'glibc stopped the process on heap corruption ("{heapCheck|free(): invalid pointer}"): a memory bug in the program\'s native code or a library it loads (a double free, a use after free, a buffer overrun), not a build for the wrong libc or CPU, since it ran before it failed. Go back to the image that ran before (or to a release that fixes the crash), and find the bad free with a core dump (gdb `bt` on it) or an AddressSanitizer build (-fsanitize=address); for a vendor\'s program, send the core dump and version to the vendor.';
/** Rows that put the C library in play: musl or Alpine by name, or the dynamic loader's own errors (the image's name counts too: muslImage). */
const LIBC_IN_ROWS = /\bmusl\b|\balpine\b|ld-musl|ld-linux|error while loading shared libraries|Error relocating|symbol not found|\bGLIBC_\d/i;
/** The libc and CPU check of a start-up command: for any crash but an illegal instruction, or with a libc in the rows (one text, listed once). */
const CRASH_SCRIPT_BINARY = 'The crash happened in a command that {crashScript} runs (its line in the evidence names it), before or instead of the app: check that command\'s binary against the image (its libc, musl or glibc, and CPU architecture), or go back to the image that ran before (the steps below find it).';

export const CRASH_SITE_STEPS: RuleAction[] = [
  {
    needs: ['crashScript', 'crashHook'],
    decisive: true,
    text: 'The crash is in {crashScript}, a start-up hook of the image that runs before the app: nothing in the app\'s code or settings reaches it. Go back to the image that ran before (the steps below find it), and report the crash in that hook to the image\'s maintainers; when the hook checks the hardware (a GPU or CPU probe), check that this image supports the CPU and GPU of the workload profile the app runs on.',
  },
  // The libc is a lead only when the rows show one in play (musl, Alpine, the loader's words): an
  // illegal instruction is the CPU's, and the binary's build for it is the whole question.
  {
    needs: ['crashScript'],
    absent: ['crashHook', 'muslImage', 'muslBase'],
    when: ILLEGAL_INSTRUCTION,
    unless: LIBC_IN_ROWS,
    decisive: true,
    text: 'The illegal instruction is in a command that {crashScript} runs (its line in the evidence names it), before or instead of the app: that binary was built for a CPU instruction this host lacks (often AVX2 or AVX-512 in an optimised ML or math build). Use a build of it for a baseline CPU (the project\'s generic image or a build without those flags), a workload profile whose CPUs have the instruction, or go back to the image that ran before (the steps below find it).',
  },
  { needs: ['crashScript'], absent: ['crashHook'], unless: new RegExp(`${ILLEGAL_INSTRUCTION.source}|${HEAP_CORRUPTION_ROWS.source}`, 'i'), decisive: true, text: CRASH_SCRIPT_BINARY },
  { needs: ['crashScript'], absent: ['crashHook'], when: LIBC_IN_ROWS, decisive: true, text: CRASH_SCRIPT_BINARY },
  // The image is built on musl (its tag or repository says Alpine or musl), or moved to it since healthy.
  { needs: ['crashScript', 'muslImage'], absent: ['crashHook'], decisive: true, text: CRASH_SCRIPT_BINARY },
  { needs: ['crashScript', 'muslBase'], absent: ['crashHook'], decisive: true, text: CRASH_SCRIPT_BINARY },
  {
    when: RUBY_GEM_BUG,
    decisive: true,
    text: 'Ruby crashed in native code ("[BUG]") in a frame of gem {crashGem|the gem}: a C extension, or the interpreter under it, has a bug for this combination. Upgrade {crashGem|that gem} (and Ruby, which the report\'s second line names) to releases that fix it, in the Gemfile and the base image, and rebuild; or go back to the last image that ran. The "C level backtrace" below the [BUG] line names the native extension (.so) that faulted.',
  },
  {
    when: RUBY_BUG,
    unless: RUBY_GEM_BUG,
    decisive: true,
    text: 'Ruby crashed in native code ("[BUG]"): the "C level backtrace" below that line names the native extension (.so) that faulted; upgrade the gem it belongs to (and Ruby, which the report\'s second line names) and rebuild, or go back to the last image that ran.',
  },
  {
    when: PUMA_CLUSTER,
    text: 'The crash is in Puma\'s cluster mode, where the master forks its workers: as a stopgap, run Puma in single mode, without the fork, with WEB_CONCURRENCY=0 (when config/puma.rb reads it, as Rails\' default does); this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars WEB_CONCURRENCY=0',
  },
];
