import { consoleFamily } from '../categoryText';
import { LINKS } from '../links';

/** Shells, entrypoint scripts and the container runtime's own start errors. */
export const SHELL_RULES = consoleFamily('shell', [
  {
    id: 'console.shell.exec-format',
    category: 'entrypoint-error',
    title: '{file|the start binary} was built for another CPU architecture (exec format error)',
    pattern: /(?:exec (?<file>\S+): )?exec format error/,
    keywords: ['exec format error'],
    // A library the loader refused (a Node.js addon, musl's dlopen of a .so) is not the start binary.
    unless: /\.node: Exec format error|Error loading shared library/,
    confidence: 0.95,
    explanation:
      'The kernel refused to run the binary because it was built for another CPU architecture, usually an arm64 image (built on an Apple silicon Mac) running on amd64 hosts. A script without a shebang line fails the same way.',
    actions: [
      'Build and push the image for linux/amd64: `docker buildx build --platform linux/amd64 ...`.',
      {
        needs: ['registry', 'repository'],
        text: 'Deploy the rebuilt image (replace <new-tag> with the tag you pushed); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image {registry}/{repository}:<new-tag>',
      },
      {
        absent: ['registry'],
        text: 'Deploy the rebuilt image (replace <rebuilt-image> with the reference you pushed); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <rebuilt-image>',
      },
      // Only a script can lack a shebang: for a compiled binary the hint is noise.
      { needs: ['scriptFile'], text: 'If {scriptFile} is a script (not an arm64 build), make its first line a shebang such as `#!/bin/sh` and save it with LF line endings.' },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.shell.crlf',
    category: 'entrypoint-error',
    title: '{file|a start script} has Windows (CRLF) line endings',
    // GNU env quotes the name with ‘ ’ in a UTF-8 locale (`/usr/bin/env: ‘bash\r’`), with ' ' otherwise.
    // A terminal or collector that honoured the carriage return shows the line rewritten from its start: the
    // error's tail first, then what is left of the head (`': No such file or directorycute 'sh`, or a bare
    // `: No such file or directory` after `/usr/bin/env: node\r`). No program writes a line starting that way.
    pattern: /\^M: bad interpreter|(?:\$'\\r'|['‘]\w+\\r['’]): (?:command not found|No such file or directory)|\r: (?:command not found|No such file or directory|not found)|^['‘’]?: No such file or directory/,
    keywords: ['^m: bad interpreter', "\\r'", '\\r’', '\r:', ': no such file or directory'],
    // The script the shell was running comes before the interpreter it could not find: `sh: /x.sh: /bin/bash^M:`.
    // Anchored at a line start or the shell's "sh: ", so a run of slashes is not rescanned from each one.
    context: /(?:^|sh: )(?<file>\.{0,2}\/[\w.\/-]{1,200}): \/[\w.\/-]{1,100}(?:\^M|\r): bad interpreter/m,
    confidence: 0.95,
    explanation:
      'A script saved with CRLF line endings ends its shebang (and every command) with a carriage return, so the shell looks for an interpreter or command whose name ends in \\r and does not find it.',
    actions: [
      'Convert {file|the script} to LF endings (`dos2unix`, or `* text=auto eol=lf` in .gitattributes) and rebuild.',
      'Add `RUN sed -i "s/\\r$//" {file|/path/to/script.sh}` to the Dockerfile as a safety net.',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.shell.bad-interpreter',
    category: 'entrypoint-error',
    title: 'the script interpreter {interpreter|} does not exist',
    pattern: /(?:^|[\s:'"=])(?<interpreter>\/\S+): bad interpreter: (?:No such file or directory|Permission denied)/,
    keywords: ['bad interpreter'],
    confidence: 0.86,
  },
  {
    id: 'console.shell.exec-not-found',
    category: 'entrypoint-error',
    title: 'the start command {file} does not exist in the image',
    // runc's `exec /x: no such file...`, Go's `exec: "/x": ...`, tini's `exec /x failed: No such file...`.
    pattern: /exec:? "?(?<file>[^\s"]{1,300})"?(?: failed)?: no such file or directory|^\[dumb-init\] (?<file_2>\S{1,300}): No such file or directory/,
    keywords: ['no such file or directory'],
    confidence: 0.92,
    explanation:
      'The runtime could not start the command: the path does not exist in the image, or it is a script whose shebang names a missing interpreter (including one with a trailing CRLF).',
  },
  {
    id: 'console.shell.executable-not-in-path',
    category: 'entrypoint-error',
    title: 'the command {command} is not in the image PATH',
    pattern: /exec: "(?<command>[^"]+)": (?:executable file not found in \$PATH|stat (?<file>\S+): no such file or directory)/,
    keywords: ['executable file not found', 'no such file or directory'],
    confidence: 0.95,
  },
  {
    id: 'console.shell.exec-permission',
    category: 'entrypoint-error',
    title: 'the start command {file} is not executable',
    // The same refusal from runc (its quotes escaped when the daemon quotes it), tini (`exec ./x failed: Permission
    // denied`), dumb-init and a shell (after a timestamp the collector kept).
    pattern:
      /exec:? {1,2}\\?"?(?<file>[^\s"\\]{1,300})\\?"?(?: failed)?: permission denied|(?:^|\s)(?:\/(?:usr\/)?bin\/)?(?:ba)?sh: (?:\d+: |line \d+: )?(?<file_2>\S{1,300}): Permission denied|^\[dumb-init\] (?<file_3>\S+): Permission denied/,
    keywords: ['permission denied'],
    confidence: 0.88,
    actions: ['Make {file} executable in the final image layer (`COPY --chmod=755`, or `RUN chmod +x {file}` after the COPY), or run it through its interpreter (`sh {file}`).'],
  },
  {
    id: 'console.shell.unexpanded-variable',
    category: 'entrypoint-error',
    title: 'the start command passed {variable} literally: an exec-form command does not expand variables',
    // A `$NAME` where a class, option, file or command belongs: nothing expanded it (exec form runs no shell).
    pattern:
      /(?:main class|option|argument|file|command|module|directory|executable)[:\s'"`]{1,4}(?<variable>\$\{?[A-Za-z_][A-Za-z0-9_]{0,60}\}?)|exec:? "?(?<variable_2>\$\{?[A-Za-z_][A-Za-z0-9_]{0,60}\}?)/i,
    keywords: ['$'],
    confidence: 0.93,
    explanation:
      'A command written in exec form (a JSON array in the Dockerfile, or the container\'s command and args) is run without a shell, so a variable in it reaches the program as the literal text {variable}, which it then reads as a class name, an option or a file.',
    actions: [
      'Run the command through a shell so {variable} is expanded, for example `["sh", "-c", "exec java $JAVA_OPTS -jar app.jar"]`, or drop the variable from the command and set what it held in a variable the runtime reads itself (JAVA_TOOL_OPTIONS for the JVM, NODE_OPTIONS for Node.js).',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.shell.missing-argument',
    category: 'entrypoint-error',
    title: 'the start script expects argument {variable} and was started without it',
    // `set -u` stops a script at a positional parameter ($1, $2) nobody passed: the container's args.
    pattern: /(?:^|\s)(?:line \d+: |\d+: )?(?<variable>\$\{?\d\}?|\d): (?:unbound variable|parameter not set)/,
    keywords: ['unbound variable', 'parameter not set'],
    confidence: 0.88,
    explanation:
      'The entrypoint script reads positional argument {variable}, which the container\'s command or args no longer pass, and `set -u` stops it there.',
    actions: ['Pass the argument the script expects in the container\'s args (or restore the args of the last healthy revision).'],
    links: [LINKS.containers],
  },
  {
    id: 'console.shell.command-not-found',
    category: 'entrypoint-error',
    title: 'command {command} was not found',
    // `exec cmd` in a script reports as "line N: exec: cmd: not found"; bash 5.1+ says "cmd: cannot execute:
    // required file not found" when the file exists but its #! interpreter (a venv's python) does not.
    pattern: /^(?:\S+: )?(?:\d+: |line \d+: )(?:exec: )?(?<command>[\w.\/-]+): (?:command )?not found|^(?:\S+: )?(?:\d+: |line \d+: )(?:exec: )?(?<command_3>[\w.\/-]+): cannot execute: required file not found|^(?:\/bin\/)?(?:ba)?sh: (?<command_2>[\w.\/-]+): (?:command )?not found/,
    keywords: ['not found'],
    confidence: 0.85,
  },
  {
    id: 'console.shell.syntax-error',
    category: 'entrypoint-error',
    title: 'syntax error in {file|the start script}',
    pattern: /(?:(?:^|\s)(?<file>\S+?): (?:line \d+: |\d+: )?)?[Ss]yntax error(?: near unexpected token|: unexpected (?:end of file|"[^"]*"|\S+)|: "[^"]*" unexpected)/,
    keywords: ['syntax error'],
    confidence: 0.86,
  },
  {
    id: 'console.shell.runtime-create-failed',
    category: 'entrypoint-error',
    title: 'the container runtime could not start the command',
    pattern: /OCI runtime (?:create|exec) failed|failed to create containerd task/,
    keywords: ['oci runtime', 'failed to create containerd task'],
    confidence: 0.62,
  },
  {
    id: 'console.shell.killed',
    category: 'out-of-memory',
    title: 'a process was killed, likely by the out-of-memory killer',
    pattern: /^\s*Killed\s*$|line \d+:\s+\d+ Killed\b/,
    keywords: ['killed'],
    confidence: 0.72,
    signal: 'memory',
    explanation:
      'A bare "Killed" is what a shell prints when a child process received SIGKILL; inside a container that is almost always the kernel OOM killer acting on the memory limit.',
  },
  {
    id: 'console.shell.unset-variable',
    category: 'missing-configuration',
    title: 'the start script stops at {envVar}: the variable is not set',
    // `set -u` in an entrypoint script reaching a variable the container does not define.
    pattern: /(?:^|\s)(?:line \d+: |\d+: )?\$?\{?(?<envVar>[A-Za-z_][A-Za-z0-9_]{1,80})\}?: (?:unbound variable|parameter not set)/,
    keywords: ['unbound variable', 'parameter not set'],
    confidence: 0.86,
    explanation: 'The entrypoint script runs with `set -u` and reads {envVar}, which the container does not define, so it stops before starting the app.',
    actions: ['Set {envVar} on the container (or give it a default in the script with ${envVar:-value}).'],
    links: [LINKS.containers],
  },
  {
    id: 'console.shell.s6-not-pid1',
    category: 'entrypoint-error',
    title: 's6-overlay must be the container\'s first process',
    // s6-overlay's init only runs as PID 1; a command override that wraps or replaces /init breaks it.
    pattern: /\bs6-overlay-suexec: fatal: can only run as pid 1|\bs6-svscan: fatal: .{0,80}?pid 1/,
    keywords: ['s6-overlay-suexec', 's6-svscan'],
    confidence: 0.9,
    explanation: 'The image uses s6-overlay, whose /init must be PID 1. A command or args override on the container (or a shell wrapper) started something else first.',
    actions: ['Remove the command override so the image\'s ENTRYPOINT (/init) runs first, and pass the app\'s own command as args if needed.'],
    links: [LINKS.containers],
  },
]);
