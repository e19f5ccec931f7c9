import { consoleFamily } from '../categoryText';
import { RESTART_REVISION } from '../commandTemplates';
import { LINKS } from '../links';
import type { RuleAction } from '../../types';

/** Storing the master key as a secret behind RAILS_MASTER_KEY, the fix of both credential readings below. */
const MASTER_KEY_STEPS: RuleAction[] = [
  {
    needs: ['secret'],
    decisive: true,
    text: 'Put the key from config/master.key (the one that encrypted config/credentials.yml.enc in this image) into secret {secret}, which RAILS_MASTER_KEY reads; replace <value>.',
    command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets {secret}=<value>',
  },
  { needs: ['secret'], text: 'Restart the revision so Rails reads it.', command: RESTART_REVISION },
  {
    absent: ['secret'],
    decisive: true,
    text: 'Store the key from config/master.key as a secret (replace <value>); the file is not in the image, by design.',
    command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets rails-master-key=<value>',
  },
  {
    absent: ['secret'],
    text: 'Give it to the container as RAILS_MASTER_KEY; this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars RAILS_MASTER_KEY=secretref:rails-master-key',
  },
];

/** Ruby and Rails. */
export const RUBY_RULES = consoleFamily('ruby', [
  {
    id: 'console.ruby.keyerror-env',
    category: 'missing-configuration',
    title: '{envVar} is not set',
    pattern: /key not found: "(?<envVar>[A-Z][A-Z0-9_]*)"/,
    keywords: ['key not found'],
    confidence: 0.9,
    explanation: 'ENV.fetch("{envVar}") raised KeyError because the variable is not defined in this revision.',
  },
  {
    id: 'console.ruby.secret-key-base',
    category: 'missing-configuration',
    title: 'SECRET_KEY_BASE is not set for the {environment|production} environment',
    // Rails 4 to 7 quote the names with backticks, Rails 8 with single quotes; Rails 5.0 also names secret_token.
    // Rails 4 and 5 name the file to set them in: "..., set these values in `config/secrets.yml`".
    pattern: /Missing [`'](?:secret_token[`'] and [`'])?secret_key_base[`'] for '(?<environment>\w+)' environment(?:, set (?:these values|this value) in [`'](?<file>[^`'\n]{1,200})[`'])?/,
    keywords: ['secret_key_base'],
    confidence: 0.9,
    normalizeNames: (n) => ({ ...n, envVar: 'SECRET_KEY_BASE' }),
    explanation:
      'Rails needs secret_key_base in production and found it neither in the SECRET_KEY_BASE variable nor in encrypted credentials (whose RAILS_MASTER_KEY is then usually missing too).',
    actions: ['Set SECRET_KEY_BASE (as a secret reference), or provide RAILS_MASTER_KEY so Rails can read its encrypted credentials.'],
  },
  {
    id: 'console.ruby.master-key-missing',
    category: 'missing-configuration',
    title: 'Rails has no master key to decrypt its credentials (RAILS_MASTER_KEY)',
    // ActiveSupport::EncryptedFile::MissingKeyError, raised when config.require_master_key is set (or
    // credentials are read) and neither config/master.key nor ENV['RAILS_MASTER_KEY'] holds a key. Printed
    // bare by `rails server` before "Exiting", or after "bin/rails aborted!" by rake tasks (db:migrate).
    pattern: /\bMissing encryption key to decrypt file with\b|\bEncryptedFile::MissingKeyError\b/,
    keywords: ['missing encryption key to decrypt', 'missingkeyerror'],
    confidence: 0.92,
    normalizeNames: (n) => ({ ...n, envVar: 'RAILS_MASTER_KEY' }),
    explanation:
      'Rails needs the master key to decrypt config/credentials.yml.enc and found none: config/master.key is kept out of the image (as it should be) and RAILS_MASTER_KEY is not set, or is set from an empty secret, in this revision.',
    actions: MASTER_KEY_STEPS,
    links: [LINKS.secrets],
  },
  {
    id: 'console.ruby.credentials-undecryptable',
    category: 'missing-configuration',
    title: 'RAILS_MASTER_KEY does not decrypt the credentials in the image',
    // A key that is there but is not the one that encrypted the file: "Couldn't decrypt
    // config/credentials.yml.enc. Perhaps you passed the wrong key?" from the credentials commands, and
    // ActiveSupport::MessageEncryptor::InvalidMessage raised under EncryptedFile#read at boot. The same
    // exception from a cookie or a message verifier is a request's problem: the trace must pass through the
    // encrypted file or the credentials.
    pattern: /\bCouldn't decrypt (?<file>[\w.\/-]{1,200}\.yml\.enc)\. Perhaps you passed the wrong key\?|\bActiveSupport::MessageEncryptor::InvalidMessage\b/,
    keywords: ["couldn't decrypt", 'messageencryptor::invalidmessage'],
    // Raised while the app boots (config/environment.rb, a rake task's `=> environment` prerequisite, Puma's
    // "=> Booting") it is the credentials Rails reads at start, not a request's cookie.
    context: /active_support\/encrypted_(?:file|configuration)\.rb|\bcredentials(?:\.yml\.enc|:edit)\b|\bPerhaps you passed the wrong key\b|config\/environment\.rb:\d|=> environment\b|^=> Booting (?:Puma|WEBrick|Thin|Falcon)\b|^=> Rails [\d.]{1,20} application starting\b|message_encryptor\.rb:\d{1,5}:in [`'](?:rescue in )?_decrypt': ActiveSupport::MessageEncryptor::InvalidMessage \(/m,
    requireContext: true,
    confidence: 0.88,
    normalizeNames: (n) => ({ ...n, envVar: 'RAILS_MASTER_KEY' }),
    explanation:
      'Rails found a master key and it does not decrypt {file|config/credentials.yml.enc}: the key is from another project or environment, or the credentials file was re-created with a new key that the secret behind RAILS_MASTER_KEY does not hold. Per-environment credentials (config/credentials/production.yml.enc) are read with their own key.',
    actions: MASTER_KEY_STEPS,
    links: [LINKS.secrets],
  },
  {
    id: 'console.ruby.load-error',
    category: 'missing-module',
    title: 'Ruby library {module|} could not be loaded',
    pattern: /cannot load such file -- (?<module>[\w/.-]+)|\(LoadError\)/,
    keywords: ['cannot load such file', '(loaderror)'],
    confidence: 0.88,
  },
  {
    id: 'console.ruby.gem-missing',
    category: 'missing-module',
    title: 'gem {module} is not installed',
    pattern: /Could not find (?<module>[\w.-]+?)(?:-[\d.]+)? in (?:any of the sources?|locally installed gems)/,
    keywords: ['could not find'],
    confidence: 0.9,
  },
  {
    id: 'console.ruby.bundler-command-not-found',
    category: 'missing-module',
    title: 'no gem in the bundle provides the {module} executable',
    // `bundle exec sidekiq` where the Gemfile (or the groups the image installed) has no gem with that
    // executable: Bundler's own words, followed by "Install missing gem executables with `bundle install`".
    pattern: /\bbundler: command not found: (?<module>[\w.-]{1,100})/,
    keywords: ['bundler: command not found'],
    confidence: 0.93,
    explanation:
      'The container runs `bundle exec {module}`, and no gem in the image\'s bundle provides that executable: the gem is missing from the Gemfile, or sits in a group the image\'s `bundle install` left out (BUNDLE_WITHOUT, `bundle config set without`).',
    actions: [
      'Add the gem that provides {module} to the Gemfile (outside the development and test groups), run `bundle install` so Gemfile.lock records it, rebuild the image and deploy it.',
      'If the gem is already in the Gemfile, check the Dockerfile\'s BUNDLE_WITHOUT or `bundle config set without` excludes no group that holds it.',
    ],
  },
  {
    id: 'console.ruby.uninitialized-constant',
    category: 'application-error',
    title: 'Ruby NameError at boot: {exception}',
    // Ruby's NameError for a class or module no loaded file defines; under Rails (Zeitwerk) the file whose
    // path matches the constant is missing or defines another name. Printed bare by Sidekiq and rake, or
    // with the raising frame and "(NameError)".
    pattern: /(?:^|: )(?<exception>uninitialized constant (?:[A-Z]\w{0,80}::){0,6}[A-Z]\w{0,80})\b/,
    keywords: ['uninitialized constant'],
    confidence: 0.87,
    normalizeNames: (n) => (n.exception ? { ...n, constant: n.exception.replace(/^uninitialized constant /, '') } : n),
    explanation:
      'Ruby raised NameError: {exception}. The code refers to a class or module that no file defines: under Rails, Zeitwerk loads a constant such as Billing::InvoiceSync from billing/invoice_sync.rb under an autoload directory (app/models, app/services, ...), so a missing file, a misspelt class name or a file in the wrong directory ends the boot here. A gem that should define it and is not in the bundle reads the same way.',
    actions: [
      'Find where {constant|the constant} should be defined: the file at the path Zeitwerk expects (the constant\'s name in snake_case under app/) must exist in the image and define exactly that name; `bin/rails zeitwerk:check` reports every mismatch. Fix it, rebuild the image and deploy it.',
      'If a gem defines the constant, check it is in the Gemfile and required (not only in the development or test group).',
    ],
  },
  {
    id: 'console.ruby.econnrefused',
    category: 'dependency-unreachable',
    title: 'connection to {host|a dependency}{:port} was refused',
    pattern: /(?:TCP connection to (?<host>[\w.-]+):(?<port>\d+)\D.{0,300}?)?Errno::ECONNREFUSED/,
    keywords: ['errno::econnrefused'],
    confidence: 0.89,
  },
  {
    id: 'console.ruby.amqp-connect-failed',
    category: 'dependency-unreachable',
    title: 'RabbitMQ at {host|the configured broker}{:port} could not be reached (Bunny)',
    // Bunny, the Ruby AMQP client, raises TCPConnectionFailed for one address and
    // TCPConnectionFailedForAllHosts when every configured address failed; its WARN line before names the
    // address and the socket error.
    pattern:
      /\bCould not establish TCP connection to (?:(?<host>\[[0-9A-Fa-f:.]{2,45}\]|[\w.-]{1,200}):(?<port>\d{2,5})\b|any of the configured hosts)|\bBunny::TCPConnectionFailed(?:ForAllHosts)?\b/,
    keywords: ['could not establish tcp connection to', 'bunny::tcpconnectionfailed'],
    confidence: 0.88,
    explanation:
      'The worker could not open a TCP connection to RabbitMQ at {host|the broker}{:port}: nothing accepted it there. A broker in the same replica (a sidecar) may still be starting when the app connects, since containers start together; a remote broker may be down, or the address unreachable from the environment.',
    actions: [
      'Check the AMQP URL the app reads (host and port) in this revision; inside a replica, 127.0.0.1 reaches a sidecar, not another app.',
      'Let the client wait for the broker instead of exiting: retry the first connect (Bunny.new(..., recover_from_connection_close: true, network_recovery_interval: 5) and a retry around #start), so start-up order does not kill the worker.',
    ],
  },
  {
    id: 'console.ruby.uncaught',
    category: 'application-error',
    title: 'uncaught {exception}: {message|}',
    pattern: /^\S+:\d+:in [`'][^']+': (?<message>.{0,160}) \((?<exception>[A-Z][\w:]+)\)\s*$/,
    keywords: [':in '],
    confidence: 0.55,
  },
  {
    id: 'console.ruby.connect-failed',
    category: 'dependency-unreachable',
    title: 'connection to {host|a dependency}{:port} failed ({reason})',
    // Ruby's Errno messages for a failed connect(2), whichever client raised them (redis-rb, net/http,
    // pg through Ruby sockets): `Cannot assign requested address - connect(2) for [::1]:6379`.
    pattern:
      /\b(?<reason>Connection refused|Can(?:'t|not) assign requested address|No route to host|Network is unreachable|Connection timed out|Operation timed out) - connect\(2\) for (?:"(?<host>[^"\s]{1,200})" port (?<port>\d{2,5})|(?<host_2>\[[0-9A-Fa-f:.]{2,45}\]|[\w.-]{1,200})(?::(?<port_2>\d{2,5}))?)/,
    keywords: ['connect(2)'],
    confidence: 0.86,
    explanation:
      'The app could not open a connection to {host|the dependency}{:port}: nothing listens there, or the address is not one the replica can reach. A loopback address (127.0.0.1, ::1, localhost) is the client library\'s default, used when the setting that names the service is unset.',
    actions: [
      'Check the address the app uses for this service (its URL or host variable) in this revision; inside a replica, localhost is the app itself.',
    ],
  },
  {
    id: 'console.ruby.gem-spec-missing',
    category: 'missing-module',
    title: 'gem {module} {version|} is not installed in the image',
    // RubyGems' own words when a binstub or Gemfile.lock asks for a gem version the image lacks
    // (Gem::GemNotFoundException / Gem::MissingSpecError), e.g. the bundler version in BUNDLED WITH.
    pattern: /Could not find '(?<module>[\w.-]{1,100})' \((?<version>[^()\n]{1,40})\) (?:required by your|among \d{1,7} total gem)/,
    keywords: ['could not find'],
    confidence: 0.88,
    explanation:
      'RubyGems could not find gem {module} in version {version|the one required}: the image was built without it (for bundler, the version recorded under BUNDLED WITH in Gemfile.lock).',
    actions: [
      'Install the required version in the image (`gem install {module}:{version|<version>}` in the Dockerfile, or update the lockfile\'s BUNDLED WITH to the installed bundler) and rebuild.',
    ],
  },
  {
    id: 'console.ruby.server-config-missing',
    category: 'entrypoint-error',
    title: 'the start command names {file}, which does not exist from the working directory',
    // A Ruby app server's launcher (puma -C, unicorn -c, rackup) reading the config file the command names:
    // the path does not exist where the process runs (a command override run from another directory).
    pattern:
      /\/gems\/(?:puma|unicorn|thin|falcon|rack|rackup)-[\w.]{1,30}\/lib\/\S{0,200}:in [`'][^'\n]{0,80}': No such file or directory @ rb_sysopen - (?<file>[^\s()]{1,200}) \(Errno::ENOENT\)/,
    keywords: ['rb_sysopen'],
    confidence: 0.86,
    explanation:
      'The app server could not open {file}, the file its start command points at. A relative path is read from the working directory, so a command override that runs outside the app directory (or a path that is not in the image) stops the server before it boots.',
    actions: [
      'Run the command from the app directory (the image\'s own entrypoint or working directory) or give {file} as an absolute path inside the image; check the container\'s command and args.',
    ],
  },
]);
