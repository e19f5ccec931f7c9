#!/usr/bin/env bash
# Builds the deployment package of the function app, for `azd package`/`azd deploy` (azure.yaml points the
# service's `dist` at the staging folder, with remoteBuild off) and for a manual zip deploy:
#   host.json       at the root, as the Functions host expects
#   package.json    name, version and "main" only: no dependencies and no scripts, so nothing is installed
#                   or built on the server, whatever a deploy tool decides
#   dist/index.js   the app and its SDKs in one file (esbuild), plus the bundled packages' licence notes
#   .funcignore     so Core Tools publishing from the staging folder ships the same files
# and zips it to <staging>.zip. Type-checking stays with tsc (npm run build).
# PACKAGE_OUTPUT_DIR moves the staging folder; PACKAGE_SKIP_INSTALL=1 skips the clean `npm ci` and
# PACKAGE_SKIP_BUILD=1 the type-checking build (tests: the bundle does not read its output, and the test
# run type-checks on its own with npm run typecheck).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${PACKAGE_OUTPUT_DIR:-$root/.tools/deploy/api}"
cd "$root"

for f in host.json package.json package-lock.json; do
  if [ ! -f "$f" ]; then
    echo "package-function: $f is missing at the repository root; the function app cannot start without it" >&2
    exit 1
  fi
done

# A clean install from the lock file (dev dependencies included: tsc and esbuild), so the package is what
# CI tested. Install scripts are skipped: esbuild's binary comes in an optional dependency, no script needed.
if [ "${PACKAGE_SKIP_INSTALL:-}" != "1" ]; then
  npm ci --ignore-scripts --no-audit --no-fund
fi
if [ "${PACKAGE_SKIP_BUILD:-}" != "1" ]; then
  npm run -s build
fi

rm -rf "$out" "$out.zip"
mkdir -p "$out"
cp host.json "$out/"
node infra/scripts/bundle.js "$out/dist"
node -e '
  const pkg = require("./package.json");
  const staged = { name: pkg.name, version: pkg.version, private: true, description: pkg.description, license: pkg.license, main: "dist/index.js" };
  process.stdout.write(JSON.stringify(staged, null, 2) + "\n");
' > "$out/package.json"
cp .funcignore.package "$out/.funcignore"

if command -v zip >/dev/null; then
  (cd "$out" && zip -qrX "../$(basename "$out").zip" .)
  echo "package-function: staged $(du -sh "$out" | cut -f1) in $out, zipped to $out.zip"
else
  echo "package-function: staged $(du -sh "$out" | cut -f1) in $out (zip not found: no .zip made)"
fi
