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

export const CRASH_SITE_STEPS: RuleAction[] = [
  {
    needs: ['crashScript', 'crashHook'],
    decisive: true,
    text: 'The crash is in {crashScript}, a start-up hook of the image that runs before the app: nothing in the app\'s code or settings reaches it. Go back to the image that ran before (the steps below find it), and report the crash in that hook to the image\'s maintainers; when the hook checks the hardware (a GPU or CPU probe), check that this image supports the CPU and GPU of the workload profile the app runs on.',
  },
  {
    needs: ['crashScript'],
    absent: ['crashHook'],
    decisive: true,
    text: 'The crash happened in a command that {crashScript} runs (its line in the evidence names it), before or instead of the app: check that command\'s binary against the image (its libc, musl or glibc, and CPU architecture), or go back to the image that ran before (the steps below find it).',
  },
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
