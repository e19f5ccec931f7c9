import type { TimedLine } from '../stackTraces';
import { addEvidence, type Draft } from './draft';
import { consoleEvidence } from './evidence';

/**
 * A native crash whose rows say which script it ended: a startup hook of the image (s6-overlay's
 * "fatal: hook /etc/s6-overlay/scripts/x.sh exited 139") or a shell script whose line ran the crashing
 * command (bash's "/entrypoint.sh: line 12:    7 Segmentation fault      ./server"). The script is
 * named for the steps (`crashScript`), and its line joins the evidence: the crash is in the image's own
 * start-up, before the app, so the way out is the image that ran before, not a library of the app.
 */
const HOOK_EXIT = /\bhook (?<script>\/[\w./-]{1,200}) exited (?<code>1(?:3[2-9]|[4-5]\d))\b/;
const SHELL_CRASH = /^(?<script>\/?[\w./-]{1,200}\.(?:sh|bash)): line \d{1,6}: {0,8}\d{1,9} (?:Segmentation fault|Aborted|Illegal instruction|Bus error)/;

export function crashSite(drafts: Draft[], consoleLines: readonly TimedLine[]): void {
  const d = drafts.find((x) => x.category === 'crash-signal' && x.source === 'console');
  if (!d || d.names.crashScript) return;
  for (const l of consoleLines) {
    const text = l.text.slice(0, 2000);
    const m = HOOK_EXIT.exec(text) ?? SHELL_CRASH.exec(text);
    if (!m?.groups?.script) continue;
    d.names.crashScript = m.groups.script;
    if (HOOK_EXIT.test(text)) d.names.crashHook = 'yes';
    addEvidence(d, [consoleEvidence(l)]);
    return;
  }
}
