/**
 * Where a command that is "not found" in the image comes from, by the ecosystem its name belongs to: a
 * Ruby image gets bundler and its gems, not requirements.txt; a Python one its requirements or its venv
 * on PATH; a Node one its package.json. The generic list is for a command no ecosystem claims.
 */
const ECOSYSTEMS: readonly { re: RegExp; hint: (cmd: string) => string }[] = [
  {
    re: /^(?:bundle|bundler|rails|rake|rackup|puma|unicorn|sidekiq|ruby|gem|irb|thin|foreman)$/,
    hint: (cmd) => `build the final stage FROM a Ruby image (ruby:<version>, which has gem and bundler), or install Ruby and bundler in it, and run \`bundle install\` there so ${cmd === 'bundle' || cmd === 'bundler' || cmd === 'ruby' || cmd === 'gem' ? 'the Gemfile\'s gems are' : `${cmd} (from the Gemfile) is`} in the image; binstubs such as bin/rails come from \`bundle binstubs\``,
  },
  {
    re: /^(?:python[23]?(?:\.\d{1,2})?|pip[23]?|gunicorn|uvicorn|hypercorn|daphne|celery|flask|django-admin|alembic|streamlit|waitress-serve|poetry|uv)$/,
    hint: (cmd) => `install ${cmd} in the final stage (requirements.txt or pyproject.toml, on a python base image), or put the virtual environment's bin directory on PATH when it is installed there (ENV PATH=/opt/venv/bin:$PATH)`,
  },
  {
    re: /^(?:node|npm|npx|yarn|pnpm|next|nest|ts-node|tsx|pm2|pm2-runtime|nodemon)$/,
    hint: (cmd) => `build the final stage FROM a Node.js image (node:<version>), and install package.json's dependencies there when ${cmd} is one of them (it is then in node_modules/.bin: start it through \`npx ${cmd}\` or an npm script)`,
  },
  {
    re: /^(?:php|php-fpm|composer|artisan|frankenphp)$/,
    hint: (cmd) => `build the final stage FROM a PHP image (php:<version>-fpm or -cli) and run \`composer install\` there${cmd === 'composer' ? ' (composer itself is copied in from the composer image)' : ''}`,
  },
  {
    re: /^(?:java|javac|mvn|gradle|catalina\.sh)$/,
    hint: () => 'build the final stage FROM a Java runtime image (eclipse-temurin:<version>-jre), or install a JRE in it',
  },
  {
    re: /^dotnet$/,
    hint: () => 'build the final stage FROM the .NET runtime image (mcr.microsoft.com/dotnet/aspnet or runtime at the app\'s version)',
  },
];

/** The install advice for a missing command, when its name belongs to an ecosystem. */
export function installHint(command: string | undefined): string | undefined {
  const name = (command ?? '').split('/').pop()?.trim() ?? '';
  if (!name || name.length > 60) return undefined;
  return ECOSYSTEMS.find((e) => e.re.test(name))?.hint(name);
}
