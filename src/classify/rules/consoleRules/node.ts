import { consoleFamily } from '../categoryText';
import { SHOW_ENV_NAMES } from '../commandTemplates';

/** Node.js runtime and its common libraries. */
/**
 * The package a path inside node_modules belongs to: the last node_modules entry (a nested dependency is
 * the one named), with its scope. Read by string search, not a regex that would rescan a long path.
 */
function withPackageOfPath(n: Record<string, string>): Record<string, string> {
  const file = n.file ?? '';
  const at = file.lastIndexOf('node_modules/');
  if (at < 0) return n;
  const parts = file.slice(at + 'node_modules/'.length).split('/');
  const name = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : parts[0];
  // Only a directory (followed by more path) is a package; a file directly under node_modules is not.
  return name && parts.length > (name.includes('/') ? 2 : 1) ? { ...n, module: name } : n;
}

export const NODE_RULES = consoleFamily('node', [
  {
    id: 'console.node.cannot-find-module',
    category: 'missing-module',
    title: 'Node.js module {module} is not installed',
    // Bare or relative specifiers: a package or a source file the app imports.
    // A path inside node_modules names its package (`/app/node_modules/@swc/helpers/esm/x.js`); Node's own
    // source line quoted above the error (`Cannot find module '${request}'`) names nothing.
    // An absolute path the entry imports (`Cannot find module '/usr/src/app/server/lib/x' imported from
    // /usr/src/app/server/bin/www.js`) is a module of the app's own missing from the image, not the entry.
    pattern:
      /Cannot find (?:module|package) '(?:\/[^'\n]{0,300}?\/node_modules\/(?<module_2>(?:@[\w.-]{1,100}\/)?[\w.-]{1,100})[^'\n]{0,300}|(?<module>[^'/$][^']*))'|Cannot find module '(?<module_3>\/[^'\n]{1,300})' imported from\b/,
    keywords: ['cannot find module', 'cannot find package'],
    confidence: 0.94,
  },
  {
    id: 'console.node.prisma-engine-missing',
    category: 'missing-module',
    title: 'Prisma\'s query engine {module} for {platform|this platform} is not in the image',
    // Prisma Client generated on another platform than the one it runs on (a Debian build stage, an Alpine
    // runtime): "Query engine library for current platform "linux-musl" could not be found." (Prisma 4),
    // "Prisma Client could not locate the Query Engine for runtime "linux-musl-openssl-3.0.x"." (Prisma 5+),
    // and where it looked: `(Prisma Client looked in "/app/libquery_engine-linux-musl.so.node")`.
    pattern:
      /\bQuery [Ee]ngine (?<engine>library|binary) for current platform \\?"(?<platform>[\w.-]{1,60})\\?" could not be found|\bPrisma Client could not locate the Query Engine for runtime \\?"(?<platform_2>[\w.-]{1,60})\\?"|\(Prisma Client looked in \\?"(?:[^"\n\\]{0,300}\/)?(?<module>(?:lib)?query[-_]engine[\w.-]{0,80})\\?"\)/,
    keywords: ['for current platform', 'could not locate the query engine', 'prisma client looked in'],
    // An error logged through JSON.stringify keeps its quotes escaped (`platform \\"linux-musl\\"`).
    context: /\(Prisma Client looked in \\?"(?:[^"\n\\]{0,300}\/)?(?<module>(?:lib)?query[-_]engine[\w.-]{0,80})\\?"\)/,
    confidence: 0.92,
    // Prisma names the engine file after the platform (libquery_engine-<platform>.so.node for the library,
    // query-engine-<platform> for the binary): the file it could not find, when the row says where it looked too.
    normalizeNames: ({ engine, ...n }) =>
      n.module || !n.platform ? n : { ...n, module: engine === 'binary' ? `query-engine-${n.platform}` : `libquery_engine-${n.platform}.so.node` },
    explanation:
      'Prisma Client loads a native query engine built for the platform it runs on ({platform|the runtime\'s OS, libc and OpenSSL}). The image holds only engines for another platform, because `prisma generate` ran on a different base image (a Debian build stage and an Alpine runtime, or the other way round) or the schema\'s binaryTargets do not list the runtime\'s platform.',
    actions: [
      'Add the runtime\'s platform to the generator\'s binaryTargets in schema.prisma (for example binaryTargets = ["native", "linux-musl-openssl-3.0.x"] for Alpine), or run `prisma generate` in a stage with the same base image as the runtime.',
      'Copy the generated client (node_modules/.prisma and node_modules/@prisma/client) into the final image stage, rebuild and deploy.',
    ],
  },
  {
    id: 'console.node.entry-file-missing',
    category: 'entrypoint-error',
    title: 'the start file {file} is not in the image',
    // An absolute path is what `node /app/x.js` asks for: the entry script itself is missing.
    pattern: /Cannot find module '(?<file>\/[^']+)'/,
    keywords: ['cannot find module'],
    unless: /' imported from /,
    confidence: 0.9,
    explanation:
      'node was started with a script path that does not exist in the image, often because the build output (dist/) was not copied into the final stage or the start command names the wrong file.',
  },
  {
    id: 'console.node.npm-missing-script',
    category: 'entrypoint-error',
    title: 'npm script "{script}" does not exist in package.json',
    pattern: /npm (?:ERR!|error) Missing script: "?(?<script>[\w:.-]+)/,
    keywords: ['missing script'],
    confidence: 0.93,
    explanation:
      'The container runs `npm run {script}` (or `npm {script}`) but the package.json in the image defines no such script, so npm exits before the app starts.',
    actions: [
      'Add the script to package.json, or change the container command to the script that exists (for example `node dist/server.js`).',
      'Check the final image stage copies the package.json that belongs to the app.',
    ],
  },
  {
    id: 'console.node.npm-no-package-json',
    category: 'entrypoint-error',
    title: 'npm found no package.json at {file}: the start command runs in the wrong directory',
    // npm reads package.json from its working directory: ENOENT there means the image's WORKDIR (or the
    // container's working directory) is not where the app was copied, or a volume mounted over it hides it.
    // npm 7+ says "enoent Could not read package.json: Error: ENOENT: ...", older npm "enoent ENOENT: ..."
    // or "enoent ENOENT, open '...'".
    pattern:
      /\bnpm (?:ERR!|error) enoent (?:Could not read package\.json: Error: )?ENOENT(?::|,)(?: no such file or directory,)? open '(?<file>[^'\n]{0,300}package\.json)'/,
    keywords: ['package.json'],
    confidence: 0.9,
    explanation:
      'npm looks for package.json in the directory the container starts in and found none: the Dockerfile copies the app to another directory than its WORKDIR, a relative WORKDIR was applied twice, or a volume mounted on the app directory hides what the image holds there.',
    actions: [
      'Make the image\'s WORKDIR the directory the Dockerfile copies the app into (an absolute path), or set the container\'s working directory to it, then rebuild.',
      'If a volume is mounted on that directory, mount it on a subfolder instead: a mount hides the image\'s files at its path.',
    ],
  },
  {
    id: 'console.node.node-modules-missing',
    category: 'missing-module',
    title: 'the image has no node_modules: {module|the start script\'s tool} is not installed',
    // npm's own diagnosis after a start script failed: the dependencies were never installed in this image.
    pattern: /\bnpm WARN Local package\.json exists, but node_modules missing/,
    keywords: ['node_modules missing'],
    // The command the script could not run (`sh: next: not found`, Windows' "'next' is not recognized").
    context: /(?:^|\n)(?:\/bin\/)?sh: (?:\d+: )?(?<module>[\w@.-]{1,100}): (?:command )?not found|'(?<module_2>[\w@.-]{1,100})' is not recognized as an internal or external command/,
    confidence: 0.92,
    explanation:
      'npm reports that package.json is there but node_modules is not: the image skipped `npm install`/`npm ci`, or the final stage did not copy node_modules, so the package binaries the scripts call do not exist.',
    actions: ['Install the dependencies in the final image stage (`npm ci --omit=dev`, or copy node_modules from the build stage), rebuild and deploy.'],
  },
  {
    id: 'console.deno.permission',
    category: 'permission-denied',
    title: 'Deno was not granted {permission|a} permission',
    // Deno 2 says NotCapable, Deno 1 PermissionDenied; both name the flag the start command lacks.
    // The row names what was asked for (`Requires env access to "DOTENV_KEY"`): the scoped flag takes that name.
    pattern: /(?:NotCapable|PermissionDenied): Requires (?<permission>\w+) access(?: to "(?<permissionTarget>[\w.:\/@-]{1,200})")?|run again with the --allow-(?<flag>[a-z-]+) flag/,
    keywords: ['notcapable', 'permissiondenied', '--allow-'],
    confidence: 0.9,
    explanation:
      'Deno runs with no access to the environment, network or files unless the start command grants it; the app needed a permission its command line does not give.',
    actions: [
      // Deno passes flags written after the module to the program, so the flag goes before it (v24 review, case 39).
      { needs: ['permission', 'permissionTarget'], text: 'Add `--allow-{permission}={permissionTarget}` (or `--allow-{permission}` for all) to the container\'s args after `run` and before the module, then create a new revision.' },
      { absent: ['permissionTarget'], text: 'Add the --allow-… flag the error names (scoped to what it asked for, such as --allow-env=<NAME>) to the container\'s args after `run` and before the module.' },
    ],
  },
  {
    id: 'console.node.econnrefused',
    category: 'dependency-unreachable',
    title: 'connection to {host}:{port} was refused',
    // The message may sit inside a JSON string: the host stops at a quote.
    pattern: /ECONNREFUSED (?<host>[^\s"',]+):(?<port>\d+)/,
    keywords: ['econnrefused'],
    confidence: 0.88,
  },
  {
    id: 'console.node.enotfound',
    category: 'dependency-unreachable',
    title: 'host name {host} does not resolve',
    pattern: /(?:ENOTFOUND|EAI_AGAIN) (?<host>[\w.-]+)/,
    keywords: ['enotfound', 'eai_again'],
    confidence: 0.9,
  },
  {
    id: 'console.node.etimedout',
    category: 'dependency-unreachable',
    title: 'connection to {host|a dependency}{:port} timed out',
    pattern: /ETIMEDOUT(?: (?<host>[^\s:]+):(?<port>\d+))?/,
    keywords: ['etimedout'],
    confidence: 0.8,
  },
  {
    id: 'console.node.eaddrinuse',
    category: 'port-misconfiguration',
    title: 'port {port} is already in use',
    pattern: /EADDRINUSE(?::? address already in use)? (?<address>\S*):(?<port>\d+)/,
    keywords: ['eaddrinuse'],
    confidence: 0.9,
  },
  {
    id: 'console.node.heap-oom',
    category: 'out-of-memory',
    title: 'Node.js ran out of heap memory',
    pattern: /JavaScript heap out of memory|Reached heap limit Allocation failed/,
    keywords: ['javascript heap out of memory', 'reached heap limit'],
    confidence: 0.95,
    signal: 'memory',
    explanation:
      'V8 could not grow its heap any further. Either the app needs more memory than its heap limit allows, or it leaks. The heap limit defaults to a share of the container memory.',
  },
  {
    id: 'console.node.unhandled-rejection',
    category: 'application-error',
    title: 'unhandled promise rejection',
    pattern: /(?<exception>UnhandledPromiseRejection(?:Warning)?)|[Uu]nhandled promise rejection|triggerUncaughtException/,
    keywords: ['unhandledpromiserejection', 'unhandled promise rejection', 'triggeruncaughtexception'],
    confidence: 0.52,
  },
  {
    id: 'console.node.env-undefined',
    category: 'missing-configuration',
    title: '{envVar} is not set',
    // A TypeError on undefined, in a frame that reads process.env.X: the variable is missing.
    pattern: /TypeError: Cannot read propert(?:y|ies) of undefined/,
    keywords: ['cannot read propert'],
    context: /process\.env\.(?<envVar>[A-Z_][A-Z0-9_]*)/,
    requireContext: true,
    confidence: 0.84,
  },
  {
    id: 'console.node.invalid-url-undefined',
    category: 'missing-configuration',
    title: 'a URL setting is empty or undefined',
    pattern: /ERR_INVALID_URL|TypeError: Invalid URL/,
    keywords: ['err_invalid_url', 'invalid url'],
    context: /input: '(?:undefined)?'/,
    requireContext: true,
    confidence: 0.78,
  },
  {
    id: 'console.node.uncaught-error',
    category: 'application-error',
    title: 'uncaught {exception}: {message|}',
    // The app's own error classes too (`MigrationsAreLockedError: ...`): the stack-frame context below is
    // what makes the line Node's.
    pattern: /^(?:Uncaught )?(?<exception>[A-Z][A-Za-z0-9]{0,60}Error|Error)(?: \[[A-Z_]+\])?: (?<message>.{1,160})$/,
    keywords: ['error'],
    context: /\n[ \t]+at [^\n(]*\([^\n)]*:\d+:\d+\)|node:internal/,
    requireContext: true,
    confidence: 0.55,
  },
  {
    id: 'console.node.config-key-undefined',
    category: 'missing-configuration',
    title: 'the app\'s configuration lacks {setting|a key its code reads}',
    // A TypeError whose first frame is the app's own configuration code (`ConfigService.getConfig`,
    // `config.js`, `settings.ts`): the code read a key of a section the loaded configuration does not have,
    // typically a config file from an older version or one the new release reorganised.
    pattern: /^(?:Uncaught )?TypeError: Cannot read propert(?:y|ies) of (?:undefined|null) \(reading '(?<setting>[^'\n]{1,80})'\)|^(?:Uncaught )?TypeError: Cannot read property '(?<setting_2>[^'\n]{1,80})' of (?:undefined|null)/,
    keywords: ['cannot read propert'],
    context: /TypeError: Cannot read propert[^\n]{0,300}\r?\n[ \t]{1,12}at [^\n]{0,200}?(?:[Cc]onfig|[Ss]ettings|[Ee]nvironment)/,
    requireContext: true,
    confidence: 0.72,
    explanation:
      'The app\'s configuration code read "{setting|a key}" from a section of its configuration that is not there, so the value was undefined and the app stopped. The configuration file or variables the app loads lack a section this version expects: after an upgrade, compare them with the new version\'s documented configuration.',
    actions: [
      {
        needs: ['setting'],
        decisive: true,
        text: 'Add the section that holds "{setting}" to the configuration the app loads (the mounted config file or its variables), as this version documents it; or roll back to the image that worked with the current file.',
      },
    ],
  },
  {
    id: 'console.node.auth-strategy-secret-missing',
    category: 'missing-configuration',
    title: 'the app\'s {strategy|authentication strategy} has no {setting|secret or key} to sign or verify tokens with',
    // Passport strategies check the options they are built with (passport-jwt's "JwtStrategy requires a
    // secret or key", passport-oauth2's "OAuth2Strategy requires a clientID option"), and jsonwebtoken
    // refuses to sign with an empty key ("secretOrPrivateKey must have a value"): the app read the
    // value from a variable this revision does not set.
    pattern:
      /\b(?<strategy>\w{1,40}Strategy) requires an? (?:(?<setting>\w{1,60}) option\b|secret or (?:public )?key\b)|\bsecretOrPrivateKey must have a value\b/,
    keywords: ['strategy requires', 'secretorprivatekey must have a value'],
    confidence: 0.87,
    explanation:
      'The app builds its authentication from a secret (a JWT signing key, an OAuth client id) that it reads from its environment, and the value is empty in this revision: the variable is missing, named differently, or a new version of the app reads new variables (Flowise 3 reads JWT_AUTH_TOKEN_SECRET and JWT_REFRESH_TOKEN_SECRET) that the old template does not set.',
    actions: [
      {
        decisive: true,
        text: 'Set the variable the app reads {setting|the secret or key} from (its documentation names it, for example JWT_SECRET), from a secret reference, then create a new revision; after an image upgrade, check the release notes for variables the new version requires.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars <VARIABLE>=secretref:<secret>',
      },
      { text: 'Check which variables and secrets the container has now.', command: SHOW_ENV_NAMES },
    ],
  },
  {
    id: 'console.node.native-addon-missing',
    category: 'missing-module',
    title: 'the native module {module|a package needs} has no build for {platform|this platform}',
    // A package whose compiled part is picked per platform at require time (sharp's @img/sharp-<platform>,
    // node-gyp-build's prebuilds) found none for the platform the container runs.
    pattern:
      /Could not load the "(?<module>[\w@\/.-]{1,100})" module using the (?<platform>[\w-]{1,40}) runtime|Something went wrong installing the "(?<module_2>[\w@\/.-]{1,100})" module|No native build was found for platform=(?<platform_2>\w{1,20})/,
    keywords: ['could not load the', 'something went wrong installing the', 'no native build was found'],
    context: /loaded from: [^\n]{0,200}?node_modules\/(?<module>(?:@[\w.-]{1,60}\/)?[\w.-]{1,100})/,
    confidence: 0.9,
    explanation:
      'The package {module|the app loads} has a compiled part built per platform, and node_modules in the image has none for the platform the container runs ({platform|linux}): the modules were installed on another OS, CPU or libc (copied from the build host, or a lock file that skips optional platform packages), or optional dependencies were left out.',
    actions: [
      'Install the dependencies inside the image, on the base it runs (`RUN npm ci` in the Dockerfile, node_modules in .dockerignore), with optional dependencies included; when installing for another platform, name it (`npm install --os=linux --cpu=x64 {module|<package>}`, plus --libc=musl on Alpine). Rebuild and start the image locally once.',
    ],
  },
  {
    id: 'console.node.require-esm',
    category: 'application-error',
    title: 'CommonJS code require()s the ES-module-only package {module|it depends on}',
    // Node.js refuses require() of a package that ships only as an ES module (got 12+, node-fetch 3,
    // parse5 7, chalk 5...): a dependency resolved to its ESM-only major under CommonJS code.
    // Node 12-16 word it "Must use import to load ES Module: <path>".
    pattern: /\[(?<exception>ERR_REQUIRE_ESM)\]: (?:require\(\) of ES Module|Must use import to load ES Module:) (?<file>\S{1,300})|\b(?<exception_2>ERR_REQUIRE_ESM)\b/,
    keywords: ['err_require_esm'],
    // The package is the last node_modules entry of the ES module's path.
    normalizeNames: (n) => withPackageOfPath(n),
    confidence: 0.82,
    explanation:
      'Node.js cannot require() a package published only as an ES module: {module|the package} resolved to a major version that dropped CommonJS (a caret range, a fresh lock file or a transitive upgrade), while the code that loads it still uses require().',
    actions: [
      'Pin {module|the package} to its last CommonJS major in package.json (or the parent that pulls it in to a version that matches it), or load it with a dynamic import(); commit the lock file, rebuild the image and start it locally once.',
    ],
  },
  {
    id: 'console.node.native-addon-foreign',
    category: 'missing-module',
    title: 'the native addon {module|in node_modules} was built for another platform or Node.js version',
    // The addon's .node file is in the image but the loader refuses it, in each loader's words: glibc's
    // "invalid ELF header" / "wrong ELF class", musl's "Error loading shared library ...: Exec format error"
    // (another CPU) and "Error relocating ...: <symbol>: symbol not found" (built against glibc), glibc's
    // "version `GLIBC_2.x' not found (required by ....node)" (built on a newer distribution), and Node.js's
    // own "compiled against a different Node.js version using NODE_MODULE_VERSION n" (another ABI), often
    // wrapped over several lines. The path starts a token, so a run of slashes is not rescanned from each one.
    pattern:
      /(?:^|[\s'"(])(?<file>\/[\w.\/@+-]{1,300}\.node): (?:invalid ELF header|wrong ELF class|Exec format error|(?<symbol>\w{1,120}): symbol not found)|The module '(?<file_2>[^'\n]{1,300}\.node)'\s{0,4}was compiled against a different Node\.js version|\bwas compiled against a different Node\.js version\b|This version of Node\.js requires NODE_MODULE_VERSION \d{1,4}|version `GLIBC_[\d.]{1,12}' not found \(required by (?<file_3>[^)\s]{1,300}\.node)\)/,
    keywords: ['invalid elf header', 'wrong elf class', 'exec format error', 'symbol not found', 'node_module_version', 'compiled against a different node', 'glibc_'],
    // The package is the last node_modules entry of the path (a nested dependency is the one that failed).
    normalizeNames: (n) => withPackageOfPath(n),
    confidence: 0.93,
    explanation:
      'The compiled part of {module|a package} (its .node file) is in the image, but the loader refused it: it was built for another CPU architecture, another libc (glibc on an Alpine/musl image, or the reverse), a newer glibc, or another Node.js version (NODE_MODULE_VERSION is the Node.js ABI). node_modules was copied from the build host or an earlier stage with another base or Node.js version instead of being installed in the image that runs it.',
  },
  {
    id: 'console.node.gc-trace-oom',
    category: 'out-of-memory',
    title: 'Node.js heap at its limit (V8 printed its last garbage collections)',
    // V8 prints "<--- Last few GCs --->" only on its fatal out-of-memory path; a container killed at its
    // memory limit often gets no further than this trace.
    pattern: /<--- Last few GCs --->/,
    keywords: ['last few gcs'],
    confidence: 0.85,
    signal: 'memory',
    explanation:
      'V8 was out of heap and printing its fatal out-of-memory report: the heap had grown to its limit. When that limit is near the container memory, the kernel kills the container (exit 137) before the report ends.',
  },
]);
