import { consoleFamily } from '../categoryText';

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
