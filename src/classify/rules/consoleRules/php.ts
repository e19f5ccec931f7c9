import type { RuleAction } from '../../types';
import { consoleFamily, moduleSteps } from '../categoryText';
import { PHP_WRITE_STEPS } from '../mountSteps';

/**
 * Classes a PHP C extension defines, with the extension and how an official php image installs it
 * (https://github.com/docker-library/docs/tree/master/php#how-to-install-more-php-extensions: bundled ones
 * with docker-php-ext-install, PECL ones with `pecl install` then docker-php-ext-enable). Composer cannot
 * install these (docs/steps-review-v21-fresh.md, cases 39 and 61: Class "Redis" is phpredis).
 */
const PHP_EXTENSION_CLASSES: readonly { classes: RegExp; extension: string; install: string; alternative?: string }[] = [
  // Laravel's default client is phpredis; REDIS_CLIENT=predis uses the pure-PHP package instead (laravel.com/docs/redis).
  {
    classes: /^Redis(?:Cluster|Sentinel|Array|Exception)?$/, extension: 'redis (phpredis)', install: 'pecl install redis && docker-php-ext-enable redis',
    alternative: 'Or, in a Laravel app, use the pure-PHP client instead: `composer require predis/predis` (in the same rebuild) and set REDIS_CLIENT=predis.',
  },
  { classes: /^Memcached$/, extension: 'memcached', install: 'pecl install memcached && docker-php-ext-enable memcached' },
  { classes: /^Imagick(?:Draw|Pixel)?$/, extension: 'imagick', install: 'pecl install imagick && docker-php-ext-enable imagick' },
  { classes: /^AMQP(?:Connection|Channel|Exchange|Queue)$/, extension: 'amqp', install: 'pecl install amqp && docker-php-ext-enable amqp' },
  { classes: /^MongoDB\\Driver\\/, extension: 'mongodb', install: 'pecl install mongodb && docker-php-ext-enable mongodb' },
  { classes: /^ZipArchive$/, extension: 'zip', install: 'docker-php-ext-install zip' },
  { classes: /^(?:IntlDateFormatter|NumberFormatter|Collator|Normalizer|Locale|Transliterator)$/, extension: 'intl', install: 'docker-php-ext-install intl' },
  { classes: /^Soap(?:Client|Server|Fault)$/, extension: 'soap', install: 'docker-php-ext-install soap' },
  { classes: /^XSLTProcessor$/, extension: 'xsl', install: 'docker-php-ext-install xsl' },
];

/** The extension behind a missing class, as names for the steps (none for a Composer package's class). */
function extensionOf(names: Record<string, string>): Record<string, string> {
  const cls = (names.class ?? '').replace(/^\\/, '');
  const hit = PHP_EXTENSION_CLASSES.find((e) => e.classes.test(cls));
  if (!hit) return names;
  return { ...names, phpExtension: hit.extension, phpInstall: hit.install, ...(hit.alternative ? { phpAlternative: hit.alternative } : {}) };
}

const CLASS_NOT_FOUND_STEPS: RuleAction[] = [
  {
    needs: ['phpExtension'],
    text: 'Class {class} comes from the PHP C extension {phpExtension}, not from a Composer package (composer.json cannot install it): add `RUN {phpInstall}` to the Dockerfile (official php images; a distribution image has a php-<extension> package), rebuild the image and check `php -m` lists it.',
  },
  { needs: ['phpAlternative'], text: '{phpAlternative}' },
  ...moduleSteps('php').map((a) => (typeof a === 'string' ? { text: a, absent: ['phpExtension'] } : { ...a, absent: [...(a.absent ?? []), 'phpExtension'] })),
];

/** PHP (CLI, php-fpm, Laravel/Symfony through PDO). */
export const PHP_RULES = consoleFamily('php', [
  {
    id: 'console.php.console-config-owner',
    category: 'permission-denied',
    title: 'the ownCloud/Nextcloud console refuses to run: {file} is owned by another user',
    // occ and cron.php compare the running user with the owner of config/config.php and stop when they differ
    // ("Console has to be executed with the user that owns the file config/config.php", then "Current user:
    // daemon" and "Owner of config.php: root"). On an SMB Azure Files share every file shows as root.
    pattern: /\bConsole has to be executed with the user that owns the file (?<file>config\/config\.php)\b/,
    keywords: ['console has to be executed'],
    context: /\bCurrent user(?: id)?: (?<user>[\w.-]{1,40})/,
    confidence: 0.88,
    explanation:
      'The console (occ, cron.php) runs only as the owner of {file}; it runs as {user|another user}. Where config.php lives on an SMB Azure Files share, the share reports every file as owned by root whatever the container does (chown cannot change it), so the check fails on every start.',
    actions: [
      {
        decisive: true,
        text: 'Make the owner of {file} and the user the container runs as the same: keep config/ on an NFS Azure Files share (which keeps real ownership) or in the container\'s own storage, or mount the SMB share with uid/gid mount options set to the web server\'s user; then restart the revision.',
      },
    ],
  },
  {
    id: 'console.php.memory-exhausted',
    category: 'out-of-memory',
    title: 'PHP memory_limit of {limit} bytes was exhausted',
    pattern: /Allowed memory size of (?<limit>\d+) bytes exhausted/,
    keywords: ['allowed memory size of'],
    confidence: 0.93,
    signal: 'memory',
  },
  {
    id: 'console.php.laravel-app-key',
    category: 'missing-configuration',
    title: 'APP_KEY is not set (Laravel encryption key)',
    pattern: /No application encryption key has been specified|MissingAppKeyException/,
    keywords: ['no application encryption key', 'missingappkeyexception'],
    confidence: 0.9,
    normalizeNames: (n) => ({ ...n, envVar: 'APP_KEY' }),
    explanation: 'Laravel cannot encrypt sessions or cookies without APP_KEY, and this revision does not provide one.',
    actions: [
      // A new key cannot read what the old one encrypted (sessions, cookies, Crypt values): restore, never regenerate.
      {
        absent: ['lastHealthy'],
        text: 'Set APP_KEY from the secret that holds the key this app already uses: sessions, encrypted cookies and anything stored with Crypt can only be read with that key. Generate a new one (`php artisan key:generate --show`, stored as a secret) only for a new deployment with nothing encrypted yet.',
      },
    ],
  },
  {
    id: 'console.php.laravel-app-key-invalid',
    category: 'missing-configuration',
    title: 'APP_KEY is empty or not a valid key for the cipher (Laravel encryption key)',
    // Laravel's encrypter refuses a key of the wrong length for its cipher; an empty APP_KEY on older versions says the same.
    pattern:
      /The only supported ciphers are [\w-]{1,20} and [\w-]{1,20} with the correct key lengths|No supported encrypter found\. The cipher and \/ or key length are invalid|Unsupported cipher or incorrect key length/i,
    keywords: ['supported ciphers', 'no supported encrypter found', 'unsupported cipher or incorrect key length'],
    confidence: 0.9,
    normalizeNames: (n) => ({ ...n, envVar: 'APP_KEY' }),
    explanation:
      'Laravel builds its encrypter from APP_KEY and the cipher in config/app.php, and the key does not fit: APP_KEY is empty in this revision, lost its "base64:" prefix, or has the wrong length for the cipher (32 bytes for AES-256-CBC).',
    actions: [
      {
        absent: ['lastHealthy'],
        text: 'Set APP_KEY, with its "base64:" prefix, from the secret that holds the key this app already uses: sessions, encrypted cookies and anything stored with Crypt can only be read with that key. Generate a new one (`php artisan key:generate --show`, stored as a secret) only for a new deployment with nothing encrypted yet.',
      },
    ],
  },
  {
    id: 'console.php.pdo-connection',
    category: 'dependency-unreachable',
    title: 'the database could not be reached ({message})',
    pattern: /SQLSTATE\[HY000\] \[2002\] (?<message>Connection refused|No such file or directory|Connection timed out|php_network_getaddresses[^\n]{0,120}|Name or service not known)/,
    keywords: ['sqlstate[hy000] [2002]'],
    // Laravel's console prints the exception it threw (`Illuminate\Database\QueryException  : SQLSTATE...`, or
    // on its own row above the message) and then the trace, whose first frame is the driver's PDOException
    // constructor: the namespaced class the framework raised is the exception the app saw.
    context: /(?:^|\s)(?<exception>(?:[A-Z]\w{0,40}\\){1,8}[A-Z]\w{0,60}Exception)\b/,
    confidence: 0.9,
  },
  {
    id: 'console.php.stream-permission',
    category: 'permission-denied',
    title: 'PHP could not open {file|a file} (permission denied)',
    // Bounded paths, and the second form's path ends at any parenthesis: a row of repeated openers is one scan.
    pattern:
      /The stream or file "(?<file>[^"]{1,300})" could not be opened in \w+ mode: [Ff]ailed to open stream: Permission denied|\((?<file_2>\/[^()\s]{1,300})\): [Ff]ailed to open stream: Permission denied/,
    keywords: ['failed to open stream'],
    confidence: 0.88,
    explanation:
      'PHP could not write a file because the PHP-FPM user does not own the directory; with Laravel that is usually storage/ or bootstrap/cache, whose ownership the image did not set for www-data.',
    actions: PHP_WRITE_STEPS,
  },
  {
    id: 'console.php.symfony-dir-unwritable',
    category: 'permission-denied',
    title: 'Symfony cannot create or write its {kind|cache} directory {file}',
    // Symfony's Kernel (and HttpCache's Store) say so in their own words: `Unable to create the cache directory
    // (/var/www/html/var/cache/prod)` (3.x), `Unable to create the "cache" directory (...)` / `Unable to write in
    // the "logs" directory (...)` (4+). The runtime user cannot write var/ in the image.
    pattern: /\bUnable to (?:create|write in) the "?(?<kind>cache|logs|build|store)"? directory \((?<file>\/[^()\s]{1,300})\)/,
    keywords: ['unable to create the', 'unable to write in the'],
    confidence: 0.88,
    explanation:
      'Symfony could not create or write its {kind|cache} directory {file}: the user the PHP process runs as does not own var/ in the image (it was built as root), or var/ sits on a read-only or foreign-owned mount.',
    actions: PHP_WRITE_STEPS,
  },
  {
    id: 'console.php.class-not-found',
    category: 'missing-module',
    title: 'PHP class {class} not found',
    pattern: /Class ["'](?<class>[\w\\]+)["'] not found/,
    keywords: ['not found'],
    confidence: 0.86,
    normalizeNames: extensionOf,
    actions: CLASS_NOT_FOUND_STEPS,
  },
  {
    id: 'console.php.require-failed',
    category: 'missing-module',
    title: 'PHP could not open required file {file}',
    pattern: /Failed opening required '(?<file>[^']+)'/,
    keywords: ['failed opening required'],
    confidence: 0.88,
  },
  {
    id: 'console.php.uncaught',
    category: 'application-error',
    title: 'uncaught PHP {exception}: {message|}',
    pattern: /PHP Fatal error:\s+Uncaught (?<exception>[\w\\]+)(?::\s*(?<message>.{0,160}?))?(?: in (?<file>\/\S+?):\d+)?$/,
    keywords: ['php fatal error'],
    confidence: 0.6,
  },
  {
    id: 'console.php.fatal',
    category: 'application-error',
    title: 'PHP fatal error: {message}',
    pattern: /PHP Fatal error:\s+(?<message>.{1,160})/,
    keywords: ['php fatal error'],
    confidence: 0.55,
  },
  {
    id: 'console.php.extension-missing',
    category: 'missing-module',
    title: 'the PHP extension {module|the app needs} is not in the image',
    // PHP's startup warning for an extension ini asks for but the image lacks, and PDO's answer when the
    // driver's extension is not loaded; calls into the extension then fail as "undefined function".
    pattern:
      /PHP Startup: Unable to load dynamic library '(?:[^']{0,300}\/)?(?<module>[\w.-]{1,80})'|(?:PDOException|QueryException|SQLSTATE\[\w{0,5}\]|occurred in driver).{0,80}?could not find driver|could not find driver \((?:Connection: (?<driver>\w{1,30})|SQL:)/,
    keywords: ['unable to load dynamic library', 'could not find driver'],
    confidence: 0.9,
    normalizeNames: (n) => (n.module === undefined && n.driver ? { ...n, module: `pdo_${n.driver}` } : n),
    explanation:
      'PHP runs without an extension the app uses: the image does not have it installed (or php.ini points at a path where it is not), so the functions or the PDO driver it provides do not exist and the pages that need them fail.',
    actions: [
      'Install the extension in the image (official php images: `docker-php-ext-install pgsql pdo_pgsql` with the library\'s -dev package, such as libpq-dev, installed first; distribution images: the php-<extension> package), remove any extension= line that points at a missing file, then rebuild and check `php -m` lists it.',
    ],
  },
]);
