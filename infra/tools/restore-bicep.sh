#!/usr/bin/env bash
# Fetches the pinned Bicep CLI from NuGet (package Azure.Bicep.CommandLine.linux-x64, which ships the
# self-contained `tools/bicep` executable) into .tools/nuget and prints the binary's path.
# Safe to run again: when the pinned version is already there it returns at once without touching the network.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
packages="$root/.tools/nuget"
project="$here/bicep.csproj"

# The version lives in one place, the csproj; read it from there so the two cannot drift apart.
version="$(sed -n 's/.*Azure\.Bicep\.CommandLine\.linux-x64" Version="\[\([0-9.]*\)\]".*/\1/p' "$project")"
if [ -z "$version" ]; then
  echo "restore-bicep: could not read the pinned Bicep version from $project" >&2
  exit 1
fi
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"

# An executable at the pinned version's path is that version: starting it (a .NET process, ~2 s) only to
# ask would cost every test run; the Bicep test runs `--version` itself and fails on a broken binary.
if [ ! -x "$bicep" ]; then
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "restore-bicep: the .NET SDK (dotnet) is needed to fetch Bicep from NuGet" >&2
    exit 1
  fi
  # obj/ and bin/ stay inside infra/tools (gitignored); packages go to the gitignored .tools folder.
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    dotnet restore "$project" --packages "$packages" --verbosity quiet >&2
  # NuGet extracts files without the execute bit.
  chmod +x "$bicep"
fi

# Tell the test (and people) where the binary is; a stable symlink saves them from knowing the version.
mkdir -p "$root/.tools/bin"
ln -sfn "$bicep" "$root/.tools/bin/bicep"
echo "$bicep"
