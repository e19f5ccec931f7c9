#!/usr/bin/env bash
# Builds the app and stages what the Flex Consumption function app runs, for `azd package`/`azd deploy`
# (azure.yaml points its `dist` at the staging folder):
#   host.json, package.json, package-lock.json   at the root, as the Functions host expects
#   dist/                                        the compiled JavaScript (package.json "main" points into it)
#   node_modules/                                production dependencies only
# Tests, TypeScript sources and dev dependencies stay behind, which keeps the package small and cold starts short.
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

# A clean install and build from the lock file, so the package is what CI tested.
npm ci --no-audit --no-fund
npm run build

rm -rf "$out"
mkdir -p "$out"
cp host.json package.json package-lock.json "$out/"
cp -R dist "$out/dist"
# Install scripts are skipped: production dependencies here are plain JavaScript.
(cd "$out" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund)

main="$(node -p "require('./package.json').main")"
if [ ! -f "$out/$main" ]; then
  echo "package-function: package.json main ($main) is not in the staged package; did the build succeed?" >&2
  exit 1
fi
echo "package-function: staged $(du -sh "$out" | cut -f1) in $out"
