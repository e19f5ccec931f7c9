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
    // Rails 4 and 5 asked for both secrets at once: "Missing `secret_token` and `secret_key_base` for 'production' environment".
    pattern: /Missing (?:`secret_token` and )?`secret_key_base` for '(?<environment>\w+)' environment(?:, set (?:these values|this value) in `(?<file>[^`\n]{1,200})`)?/,
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
    pattern: /Could not find (?<module>[\w.-]+?)(?:-[\d.]+)? in (?:any of the sources|locally installed gems)/,
    keywords: ['could not find'],
    confidence: 0.9,
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
]);
