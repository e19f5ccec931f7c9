/**
 * The script a container's command starts, when the configuration names one (`bin/rails`, `./start.sh`,
 * `/docker-entrypoint.sh`). A CRLF row (`/usr/bin/env: 'ruby\r'`) often names only the interpreter: the
 * file with the Windows line endings is then the script the command runs, and a step can name it instead
 * of a placeholder path (v24 review, case 40).
 */
import type { ContainerSpec } from '../../model';

/** Launchers and interpreters that run the script after them, not scripts themselves. */
const LAUNCHER = /^(?:env|sh|bash|dash|ash|zsh|tini|dumb-init|exec|node|python[\d.]{0,5}|ruby|perl|php)$/;

function strings(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string') : [];
}

/**
 * Only a configured `command` counts: args alone follow the image's own ENTRYPOINT, which the configuration
 * does not show. A shell given `-c` runs a command line, not a file, so there is no script to name.
 */
export function startScript(spec: ContainerSpec | undefined): string | undefined {
  const command = strings(spec?.command);
  if (command.length === 0) return undefined;
  for (const word of [...command, ...strings(spec?.args)]) {
    if (word === '-c') return undefined;
    if (word.startsWith('-')) continue;
    if (LAUNCHER.test(word.split('/').pop() ?? '')) continue;
    return /\/|\.(?:sh|bash)$/.test(word) && !/\s/.test(word) ? word : undefined;
  }
  return undefined;
}
