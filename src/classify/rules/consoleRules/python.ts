import { CATEGORY_TEXT, consoleFamily } from '../categoryText';
import { LINKS } from '../links';
import { RESTART_REVISION } from '../commandTemplates';

/**
 * A schema error carried by OperationalError (sqlite3, pymysql, MySQLdb; SQLAlchemy repeats the driver's class in
 * parentheses): a duplicate or missing column, table or index, or MySQL's numbered form of the same.
 */
const SQL_SCHEMA_ERROR =
  /(?<exception>(?:\w{1,30}\.){0,3}OperationalError):? (?:\((?:\w{1,30}\.){0,3}OperationalError\) )?(?<message>duplicate column name: \S{1,120}|no such (?:table|column): \S{1,120}|(?:table|index) \S{1,120} already exists|\((?:1050|1054|1060|1061|1091|1146), "[^"\n]{1,160}")/;

/** Python interpreters, gunicorn, uvicorn, pydantic settings, Django. */
export const PYTHON_RULES = consoleFamily('python', [
  {
    id: 'console.python.keyerror-env',
    category: 'missing-configuration',
    title: '{envVar} is not set',
    // A KeyError on an upper-case key is almost always os.environ['X']; the traceback confirms it.
    pattern: /^\s*KeyError: ['"](?<envVar>[A-Z][A-Z0-9_]*)['"]\s*$/,
    keywords: ['keyerror'],
    context: /os\.environ|<frozen os>|os\.py|environ\[/,
    contextBoost: 0.07,
    confidence: 0.86,
    explanation:
      'The code read os.environ["{envVar}"] and the variable is not defined in this revision, so Python raised KeyError and the process ended.',
  },
  {
    id: 'console.python.module-not-found',
    category: 'missing-module',
    title: 'Python module {module} is not installed',
    // A name that starts with a dot was built from an empty setting (console.python.empty-module-name).
    pattern: /ModuleNotFoundError: No module named ['"](?<module>\w[\w.]*)['"]/,
    keywords: ['modulenotfounderror'],
    confidence: 0.94,
  },
  {
    id: 'console.python.env-command-not-found',
    category: 'missing-module',
    title: 'the {module} executable is not installed in the project environment',
    // `poetry run gunicorn ...` / `uv run uvicorn ...` looks the executable up in the project's virtual
    // environment: Poetry says "Command not found: gunicorn", uv "error: Failed to spawn: `uvicorn`" with
    // "Caused by: No such file or directory (os error 2)" (or "program not found") on the next row. The
    // package that ships it is not installed there (a dev-only group, a `--no-root`/`--only main` install).
    pattern: /^\s{0,4}(?:Command not found: (?<module>[\w.-]{1,100})\s*$|error: Failed to spawn: `(?<module_2>[\w.-]{1,100})`)/,
    keywords: ['command not found: ', 'failed to spawn'],
    context: /Command not found: [\w.-]{1,100}\s*(?:\n|$)|Failed to spawn: `[\w.-]{1,100}`\s{1,20}Caused by: (?:No such file or directory|program not found)/,
    requireContext: true,
    confidence: 0.86,
    explanation:
      'The start command runs {module} through the project\'s environment manager (poetry run, uv run), and that environment has no {module} executable: the package that provides it is not among the dependencies the image installed.',
    actions: [
      'Add the package that provides {module} to the project\'s main dependencies (`poetry add` or `uv add`, not a dev-only group), make the image\'s install step include it, rebuild and deploy.',
    ],
  },
  {
    id: 'console.python.backend-library-missing',
    category: 'missing-module',
    title: '{symbol} needs the {module} library, which is not installed',
    // transformers' requires_backends: an optional backend a class needs is not installed ("LlamaTokenizer
    // requires the SentencePiece library but it was not found in your environment", protobuf, PyTorch alike).
    pattern: /\b(?<symbol>\w{1,80}) requires the (?<module>[\w.-]{1,40}) library but it was not found in your environment\b/,
    keywords: ['library but it was not found in your environment'],
    confidence: 0.92,
    explanation:
      'The class {symbol} loads an optional library, {module}, that the image does not have: transformers installs without its optional backends, and the requirements never listed it.',
    actions: [
      'Add the package that provides {module} (pip name in lower case, for example sentencepiece or protobuf) to the image\'s requirements, rebuild and deploy.',
    ],
  },
  {
    id: 'console.python.hf-hub-unreachable',
    category: 'dependency-unreachable',
    title: 'the Hugging Face Hub could not be reached and the model is not cached',
    // huggingface_hub's LocalEntryNotFoundError after a failed HEAD call to the Hub with nothing in the local
    // cache, and transformers' "We couldn't connect to 'https://huggingface.co' to load this file".
    pattern:
      /\bLocalEntryNotFoundError: An error happened while trying to locate the file on the Hub\b|\bWe couldn't connect to 'https:\/\/huggingface\.co' to load this (?:file|model)\b/,
    keywords: ['localentrynotfounderror: an error happened', "we couldn't connect to 'https://huggingface.co'"],
    normalizeNames: (n) => ({ ...n, host: 'huggingface.co' }),
    confidence: 0.86,
    explanation:
      'The app downloads its model from the Hugging Face Hub at start; the Hub did not answer (outbound network, DNS, proxy or a Hub outage) and the replica has no cached copy, so loading failed.',
    actions: [
      'Check the environment can reach huggingface.co on 443 (NSG, firewall, NAT gateway, proxy).',
      'Bake the model into the image or a mounted volume (HF_HOME) and set HF_HUB_OFFLINE=1, so a start no longer depends on the Hub.',
    ],
  },
  {
    id: 'console.python.hf-gated-repo',
    category: 'authentication-failure',
    title: 'Hugging Face refused the token for the gated repo {repo|}',
    // huggingface_hub and transformers on a gated or private model: GatedRepoError ("Cannot access gated
    // repo for url https://huggingface.co/<repo>/resolve/..."), "Access to model <repo> is restricted",
    // "You are trying to access a gated repo." (the URL may be the API's: huggingface.co/api/models/<repo>/...).
    // The 401/403 is the Hub's answer to the token (or its absence).
    pattern:
      /\bCannot access gated repo for url https:\/\/huggingface\.co\/(?:api\/(?:models|datasets)\/)?(?<repo>[\w.-]{1,96}\/[\w.-]{1,96})\/|\bAccess to model (?<repo_2>[\w.-]{1,96}\/[\w.-]{1,96}) is restricted\b|\bYou are trying to access a gated repo\b|\bGatedRepoError\b/,
    keywords: ['gated repo', 'access to model', 'gatedrepoerror'],
    context: /\bhuggingface\.co\/(?:api\/(?:models|datasets)\/)?(?<repo>[\w.-]{1,96}\/[\w.-]{1,96}?)(?:\/|\.?\s|\.$|$)/,
    confidence: 0.9,
    explanation:
      'The model {repo|the app downloads} is gated on the Hugging Face Hub: only accounts that accepted its terms may download it, with a token of such an account. The Hub answered 401 or 403, because the app sent no token, a token of an account without access, or an expired or revoked one.',
    actions: [
      {
        needs: ['secret'],
        decisive: true,
        text: 'Accept the model\'s terms on its Hugging Face page with the account the token belongs to, then put a valid read token of that account in secret {secret}, which {envVar|the token variable} reads; replace <value>.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {secret}=<value>',
      },
      { needs: ['secret'], text: 'Restart the revision so the app reads it.', command: RESTART_REVISION },
      {
        absent: ['secret'],
        text: 'Accept the model\'s terms with a Hugging Face account, create a read token for it and give it to the app as HF_TOKEN from a secret; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars HF_TOKEN=secretref:<secret>',
      },
    ],
  },
  {
    id: 'console.jupyter.root-refused',
    category: 'entrypoint-error',
    title: 'Jupyter refuses to run as root without --allow-root',
    // Notebook and Jupyter Server stop at start when the user is root and the command lacks the flag.
    pattern: /\bRunning as root is not recommended\. Use --allow-root to bypass\./,
    keywords: ['--allow-root'],
    confidence: 0.92,
    explanation:
      'The container runs as root and Jupyter will not start a server as root unless its command says --allow-root, so it exits as soon as it starts.',
    actions: [
      {
        decisive: true,
        text: 'Add --allow-root to the container\'s args (after the other Jupyter flags), or better, run the image as a non-root user (USER in the Dockerfile, as the Jupyter Docker Stacks do with jovyan) and rebuild; a change of args creates a new revision.',
      },
    ],
  },
  {
    id: 'console.python.optional-dependency-missing',
    category: 'missing-module',
    title: 'Python package {module} is not installed (an optional dependency the code uses)',
    // pandas and libraries built on its import_optional_dependency: "Missing optional dependency 'pyarrow'.
    // pyarrow is required for parquet support", "Unable to find a usable engine; tried using: 'pyarrow',
    // 'fastparquet'", "Pandas requires version '10.0.1' or newer of 'pyarrow'". The package is optional for
    // the library, not for this code path: the image's requirements lack it (or pin it too old).
    pattern:
      /\bMissing optional dependency '(?<module>[\w.-]{1,100})'|\bUnable to find a usable engine; tried using: '(?<module_2>[\w.-]{1,100})'|\brequires version '[\w.]{1,40}' or newer of '(?<module_3>[\w.-]{1,100})'/,
    keywords: ['missing optional dependency', 'unable to find a usable engine', 'or newer of'],
    confidence: 0.9,
    explanation:
      'The code called a feature (parquet I/O, Excel, a compression codec) that needs {module}, a package its library treats as optional and does not install itself; the image does not have it, or has a version older than the library accepts.',
    actions: [
      {
        decisive: true,
        text: 'Add {module} (at the version the message asks for, if it names one) to the app\'s requirements, rebuild the image and deploy it; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <registry>/<image>:<new-tag>',
      },
    ],
  },
  {
    id: 'console.python.import-error',
    category: 'missing-module',
    title: 'Python import of {module|a module} failed',
    pattern:
      /ImportError: (?:cannot import name ['"](?<symbol>\w+)['"](?: from ['"](?<module>[\w.]+)['"])?|(?<library>lib[\w.+-]+\.so[\w.]*): cannot open shared object file|No module named ['"]?(?<module_2>[\w.]+))/,
    keywords: ['importerror'],
    confidence: 0.9,
  },
  {
    id: 'console.python.asgi-import',
    // The module is the one the start command names (`uvicorn main:app`): a wrong path in the command
    // or a file not copied, both fixed where the entrypoint is defined. Three blind authors read it so.
    category: 'entrypoint-error',
    title: 'uvicorn could not load the app module {module}',
    pattern:
      /Error loading ASGI app\. (?:Could not import module "(?<module>[\w.]+)"|Attribute "(?<attribute>\w+)" not found in module "(?<module_2>[\w.]+)")/,
    keywords: ['error loading asgi app'],
    confidence: 0.9,
    explanation:
      'uvicorn was told to load module:attribute and the module (or the attribute in it) does not exist in the image or working directory.',
    actions: [
      {
        needs: ['volume'],
        decisive: true,
        text: 'Volume {volume} is mounted over the directory the image keeps its code in, so the image\'s {module|module} is hidden behind the share\'s contents: mount the volume at another path (a data directory such as /data or /config) in the app\'s YAML and apply it; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
      },
      // Without such a mount, the category's own steps (the start command, the image's files).
      ...CATEGORY_TEXT['entrypoint-error'].actions,
    ],
  },
  {
    id: 'console.python.gunicorn-app-not-found',
    // The module:callable the start command gives gunicorn names nothing it can call: a module without the
    // attribute, or a bare module name (gunicorn 19 evaluates it and prints `Failed to find application:
    // 'quotes'`). Fixed where the command is defined, like uvicorn's and flask's; two blind authors read it so.
    category: 'entrypoint-error',
    title: 'gunicorn could not find the application {attribute|object} in {module|the module}',
    pattern:
      /Failed to find (?:application object|attribute) '(?<attribute>\w{1,120}(?:\(\))?)' in '(?<module>[\w.]+)'|Failed to find application: '(?<module_2>[\w.:()]{1,120})'|Application object must be callable\./,
    keywords: ['failed to find', 'application object must be callable'],
    confidence: 0.88,
  },
  {
    id: 'console.python.gunicorn-privileged-port',
    category: 'permission-denied',
    title: 'gunicorn could not bind port {port} (below 1024, not permitted for a non-root user)',
    // gunicorn hides the errno; on a port below 1024 the usual reason is a non-root user.
    pattern: /Can't connect to \('(?<address>[^']*)', (?<port>\d{1,3}|10[01]\d|102[0-3])\)/,
    keywords: ["can't connect to ("],
    confidence: 0.84,
    explanation:
      'gunicorn tried to bind a port below 1024 and gave up after retrying. Only root may bind those ports, and the image runs as a non-root user.',
    actions: [
      {
        text: 'Bind a port above 1024 (for example `--bind 0.0.0.0:8000`) instead of {port|the low port}, and set the ingress target port to it.',
        command: 'az containerapp ingress update -n {app} -g {resourceGroup} --target-port 8000',
      },
    ],
    links: [LINKS.ingress],
  },
  {
    id: 'console.python.gunicorn-worker-boot',
    category: 'application-error',
    title: 'gunicorn workers failed to boot',
    // Only a summary: the worker's own traceback just above usually names the real cause.
    pattern: /Worker failed to boot/,
    keywords: ['worker failed to boot'],
    confidence: 0.5,
  },
  {
    id: 'console.python.uvicorn-startup-failed',
    category: 'application-error',
    title: 'the ASGI app failed during startup',
    pattern: /Application startup failed\. Exiting/,
    keywords: ['application startup failed'],
    confidence: 0.5,
  },
  {
    id: 'console.python.pydantic-missing-field',
    category: 'missing-configuration',
    title: '{envVar|a required setting} is not set',
    pattern: /^\s*[Ff]ield required\b/,
    keywords: ['field required'],
    context: /(?:^|\n)(?<setting>[A-Za-z_]\w*)\r?\n\s*[Ff]ield required/,
    contextBoost: 0.05,
    confidence: 0.84,
    normalizeNames: (n) => (n.setting ? { ...n, envVar: n.setting.toUpperCase() } : n),
    explanation:
      'A pydantic settings class declares a field without a default and no environment variable provided it, so validation failed when the settings were loaded.',
  },
  {
    id: 'console.python.operational-error',
    category: 'dependency-unreachable',
    title: 'the database connection failed (OperationalError)',
    pattern: /\b(?:sqlalchemy\.exc\.|psycopg2?\.|psycopg\.|pymysql\.err\.|MySQLdb\.)?OperationalError\b/,
    keywords: ['operationalerror'],
    // SQLite and MySQL drivers raise OperationalError for statements the schema refuses too (a column or
    // table that already exists or is missing): the database answered, so it is console.python.sql-schema-error.
    unless: SQL_SCHEMA_ERROR,
    confidence: 0.72,
  },
  {
    id: 'console.python.sql-schema-error',
    category: 'application-error',
    title: 'a statement failed against the database schema: {message}',
    // sqlite3's and pymysql's OperationalError also carry schema errors: a migration that adds a column or
    // table already there (drift, create_all ran first) or a query on one not created yet.
    pattern: SQL_SCHEMA_ERROR,
    keywords: ['operationalerror'],
    confidence: 0.8,
    explanation:
      'The database answered, and refused the statement: the schema is not the one the code or migration expects. A migration that adds what already exists means the schema drifted from the migration history (tables made by create_all or by hand, a migration run twice); a missing table or column means the migrations did not run before the app.',
    actions: [
      'Compare the database schema with the migration history: make the migration idempotent, or mark it applied (`alembic stamp <revision>`, `python manage.py migrate <app> <migration> --fake`) when the change is already in the database; run the migrations before the app when a table is missing.',
    ],
  },
  {
    id: 'console.python.connection-pool',
    category: 'dependency-unreachable',
    title: 'HTTP calls to {host}:{port} failed (max retries exceeded)',
    pattern: /HTTPS?ConnectionPool\(host='(?<host>[^']+)', port=(?<port>\d+)\): Max retries exceeded/,
    keywords: ['connectionpool'],
    confidence: 0.87,
  },
  {
    id: 'console.python.memory-error',
    category: 'out-of-memory',
    title: 'Python ran out of memory (MemoryError)',
    // numpy raises a MemoryError subclass (_ArrayMemoryError) that names the allocation it could not make.
    pattern: /^\s*(?:[\w.]+\.)?_?(?:Array)?MemoryError\b|Unable to allocate [\d.]+ [KMGTP]i?B for an array/,
    keywords: ['memoryerror', 'unable to allocate'],
    confidence: 0.85,
    signal: 'memory',
  },
  {
    id: 'console.python.file-not-found',
    category: 'missing-configuration',
    actions: [
      'Check that {file} is in the image (COPY in the Dockerfile, relative to WORKDIR) or mounted from a volume or secret at that path.',
    ],
    title: 'file {file} does not exist',
    pattern: /FileNotFoundError: \[Errno 2\] No such file or directory: '(?<file>[^']+)'/,
    keywords: ['filenotfounderror'],
    confidence: 0.8,
  },
  {
    id: 'console.python.permission-error',
    category: 'permission-denied',
    title: 'permission denied on {file}',
    // Loggers that print the error's message without its type (celery beat's "ERROR/MainProcess] Permission
    // denied: 'celerybeat-schedule'"): the quoted name is the file, relative to the working directory or not.
    pattern: /PermissionError: \[Errno 13\] Permission denied: '(?<file>[^']+)'|\bPermission denied: '(?<file_2>[^'\n]{1,300})'/,
    keywords: ['permissionerror', 'permission denied: \''],
    confidence: 0.86,
  },
  {
    id: 'console.python.decouple-undefined',
    category: 'missing-configuration',
    title: '{envVar} is not set',
    // python-decouple's config("X") with no default, when neither the environment nor .env/settings.ini has X.
    pattern: /\bUndefinedValueError: (?<envVar>\w{1,120}) not found\. Declare it as envvar or define a default value/i,
    keywords: ['undefinedvalueerror'],
    confidence: 0.9,
    explanation:
      'The settings module reads {envVar} with python-decouple\'s config() and no default; neither the environment nor a .env or settings.ini file in the image provides it, so the app stopped while loading its settings.',
  },
  {
    id: 'console.python.django-improperly-configured',
    category: 'missing-configuration',
    title: 'Django is not configured: {envVar|a required setting is missing}',
    pattern: /(?<exception>(?:\w{1,60}\.){0,4}ImproperlyConfigured): (?:.*?(?:[Ss]et the |variable )(?<envVar>[A-Z][A-Z0-9_]+))?/,
    // Django names the empty setting itself ("The SECRET_KEY setting must not be empty"); the variable it
    // is read from is up to settings.py, so this is a setting, not an envVar.
    context: /The (?<setting>[A-Z][A-Z0-9_]{1,60}) setting must not be empty/,
    keywords: ['improperlyconfigured'],
    confidence: 0.82,
  },
  {
    id: 'console.python.uncaught-exception',
    category: 'application-error',
    title: 'uncaught {exception}: {message|}',
    // The last line of a Python traceback; the context makes sure this is one.
    pattern:
      /^(?<exception>(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Failure|Fault))(?::\s?(?<message>.{0,160}))?\s*$/,
    keywords: ['error', 'exception', 'exit', 'interrupt', 'failure', 'fault'],
    context: /Traceback \(most recent call last\)/,
    requireContext: true,
    confidence: 0.6,
  },
  {
    id: 'console.python.empty-module-name',
    category: 'missing-configuration',
    title: 'the app module name {module|\'\'} is incomplete: the setting it is built from is empty',
    // `gunicorn ${APP}.wsgi` with APP empty imports '.wsgi': the module path lost the part a variable held.
    pattern: /ModuleNotFoundError: No module named ['"](?<module>\.[\w.]{0,200})?['"]/,
    keywords: ['modulenotfounderror'],
    confidence: 0.9,
    explanation:
      'The server was told to import a module whose name starts with a dot or is empty ({module|\'\'}): the start command builds it from a variable (APP, MODULE_NAME, the project package) that is unset or empty, so only the fixed suffix is left. Nothing is missing from the image; the setting is.',
    actions: [
      'Set {envVar|the variable the start command builds the module name from} to the app\'s package name (the directory that holds wsgi.py or the ASGI app), then create a new revision.',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.python.django-disallowed-host',
    category: 'missing-configuration',
    title: 'Django rejects the host {host|of the request}: it is not in ALLOWED_HOSTS',
    // Django answers 400 to a Host header its ALLOWED_HOSTS does not list; probes call the replica's IP.
    pattern:
      /Invalid HTTP_HOST header: '(?<host>[^'\s]{1,255})'\. You may need to add '[^'\s]{1,255}' to ALLOWED_HOSTS|Invalid HTTP_HOST header \(you may need to set ALLOWED_HOSTS\)/,
    keywords: ['invalid http_host header'],
    normalizeNames: (n) => ({ ...n, setting: 'ALLOWED_HOSTS' }),
    confidence: 0.88,
    explanation:
      'Django answers 400 Bad Request to any request whose Host header is not in ALLOWED_HOSTS. Health probes (and the platform\'s own checks) call the replica by its IP address, which the setting does not list, so every probe fails and the replica is restarted, though the app itself is up.',
    actions: [
      'Allow the host in ALLOWED_HOSTS through the variable the settings read it from (the replica IPs change: allow the environment\'s subnet with a CIDR-aware setting, or `*` behind the ingress), or give the probe a path or transport that bypasses the host check (a TCP probe).',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.python.settings-validation',
    category: 'missing-configuration',
    title: 'the settings class {settingsClass} cannot be built{: setting}',
    // pydantic (v1 and v2) refusing a Settings/Config class: whatever the message under the field, the
    // environment the settings are read from does not make a valid configuration.
    pattern: /\bValidationError: \d{1,3} validation errors? for (?<settingsClass>\w{0,60}(?:Settings|Config))\b/,
    keywords: ['validation error'],
    context: /validation errors? for \w{1,80}\r?\n(?<setting>[A-Za-z_][\w.]{0,80})\r?\n/,
    confidence: 0.8,
    explanation:
      'The app builds its settings class from the environment at startup and validation failed: a variable it needs (or one a computed field such as a database URI is assembled from) is unset, empty or of the wrong shape. The field under the error names the setting.',
    actions: [
      'Read the field named under the validation error and set the variables it is built from (from a secret when they hold credentials), then create a new revision.',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.python.django-db-driver-missing',
    category: 'missing-module',
    title: 'the database driver {module} is not installed',
    // Django raises ImproperlyConfigured when the database backend's driver cannot be imported: a package
    // missing from the image, not a setting ("Error loading psycopg2 module", "Error loading MySQLdb module").
    pattern: /Error loading (?<module>[\w.]{1,60}) (?:or [\w.]{1,60} )?module\b/,
    keywords: ['error loading'],
    confidence: 0.9,
  },
  {
    id: 'console.python.psycopg-no-pq-wrapper',
    category: 'missing-module',
    title: 'psycopg 3 has no libpq to use: neither {module|psycopg_binary} nor the system libpq is installed',
    // psycopg 3 tries its C, binary and pure-Python implementations in turn; the last needs the system's
    // libpq. A slim image with plain `psycopg` and no libpq5 fails all three at import.
    pattern: /ImportError: no pq wrapper available\b/,
    keywords: ['no pq wrapper available'],
    context: /No module named '(?<module>psycopg_binary)'/,
    normalizeNames: (n) => ({ ...n, module: n.module ?? 'psycopg_binary' }),
    confidence: 0.93,
    explanation:
      'psycopg 3 needs a libpq: its bundled one (the psycopg[binary] extra, module psycopg_binary) or the system library (libpq5). The image has neither, so importing psycopg fails before the app starts.',
    actions: [
      {
        decisive: true,
        text: 'Install psycopg[binary] in the image (pip install "psycopg[binary]") or the system libpq (apt-get install libpq5 on Debian slim images), rebuild and deploy the new image.',
      },
    ],
  },
  {
    id: 'console.python.flask-app-not-located',
    // `flask run` with no --app, no FLASK_APP and no app.py/wsgi.py in the working directory: the start
    // command does not say which app to run, fixed where the command or the image's WORKDIR is defined.
    category: 'entrypoint-error',
    title: 'flask could not locate the application {module|to run}',
    pattern:
      /\bCould not locate (?:a )?Flask application\b|\bFailed to find (?:Flask )?application (?:or factory )?in module ['"](?<module>[\w.]{1,120})['"]/,
    keywords: ['could not locate', 'failed to find'],
    confidence: 0.9,
    explanation:
      'The flask command started but was not told which application to run (no --app option, no FLASK_APP variable) and found no app.py or wsgi.py in its working directory, or the module it was given holds no Flask application.',
    actions: [
      {
        decisive: true,
        text: 'Name the app in the start command (flask --app <module> run) or set FLASK_APP to the module that creates it (app:create_app for a factory), or fix the image\'s working directory so app.py is in it; setting the variable creates a new revision.',
        // flask reads FLASK_APP from the environment: the app's settings fix it without a rebuild.
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars FLASK_APP=<module>',
      },
    ],
  },
  {
    id: 'console.python.django-migration-graph',
    category: 'application-error',
    title: 'Django\'s migration history is inconsistent: {exception}',
    // The migration graph the image holds disagrees with the django_migrations table (or with itself):
    // a migration recorded before its dependency, a dependency no file provides, two leaf nodes. `migrate`
    // raises it with or without a traceback (an init script may print only the last line).
    pattern:
      /(?:django\.db\.migrations\.exceptions\.)?(?<exception>InconsistentMigrationHistory|NodeNotFoundError|CircularDependencyError)(?::\s?(?<message>.{0,200}))?|(?<message_2>Conflicting migrations detected; multiple leaf nodes in the migration graph)/,
    keywords: ['inconsistentmigrationhistory', 'nodenotfounderror', 'circulardependencyerror', 'conflicting migrations detected'],
    confidence: 0.86,
    explanation:
      'Django checks the migration files in the image against the django_migrations table before it migrates: {message|the error names the migrations involved}. The release reordered or removed migrations the database already recorded, or two branches added migrations that were never merged.',
  },
  {
    id: 'console.python.alembic-revision-missing',
    category: 'application-error',
    title: 'Alembic cannot find the database\'s revision {revision} in the image\'s migrations',
    // The database's alembic_version names a revision this image's migration scripts do not hold: an image
    // older than the database (a rollback, a pinned tag) or a migration file left out of the build.
    pattern: /(?<message>Can't locate revision identified by '(?<revision>[\w-]{1,64})')/,
    keywords: ["can't locate revision"],
    confidence: 0.86,
    explanation:
      'Alembic read revision {revision|its current revision} from the database\'s alembic_version table and found no migration script with that id in the image. The database was migrated by a newer build (this image is older, after a rollback or a pinned tag), or the build left that migration file out.',
    actions: [
      'Deploy the image whose migrations include the database\'s revision (the release that wrote it, or a newer one), or add the missing migration file to the build; do not stamp the database back unless the schema really is the older one.',
      {
        text: 'Deploy that image (replace <new-image>); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <new-image>',
      },
    ],
  },
]);
