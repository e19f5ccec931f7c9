#!/usr/bin/env bash
# azd postdeploy hook: wires the alert side (infra/wiring.bicep: action group + log search alert rules) once
# the code is deployed. The action group's webhook URL carries the host's function key, which a brand-new
# Flex Consumption app may not serve before its code has started; so this waits for the key, then deploys.
# Reads from the azd environment: AZURE_RESOURCE_GROUP and the ALERT_WIRING_PARAMETERS output of main.bicep
# (empty when deployAlertWiring is false). Needs the Azure CLI (`az`), signed in to the same subscription.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
params_json="${ALERT_WIRING_PARAMETERS:-}"
if [ -z "$params_json" ]; then
  echo "wire-alerts: deployAlertWiring is off (no ALERT_WIRING_PARAMETERS); nothing to do"
  exit 0
fi
: "${AZURE_RESOURCE_GROUP:?wire-alerts: AZURE_RESOURCE_GROUP is not set in the azd environment}"
command -v az >/dev/null || { echo "wire-alerts: the Azure CLI (az) is needed to wire the action group" >&2; exit 1; }
if [ -n "${AZURE_SUBSCRIPTION_ID:-}" ]; then az account set --subscription "$AZURE_SUBSCRIPTION_ID"; fi

params_file="$(mktemp)"
trap 'rm -f "$params_file"' EXIT
# An ARM parameters file from the output's JSON object.
node -e '
  const p = JSON.parse(process.argv[1]);
  const parameters = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, { value: v }]));
  process.stdout.write(JSON.stringify({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", contentVersion: "1.0.0.0", parameters }));
' "$params_json" > "$params_file"
app="$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).functionAppName)' "$params_json")"

# The host lists its keys once it has started with the deployed code; give it a few minutes.
tries="${WIRE_ALERTS_TRIES:-30}"
for i in $(seq 1 "$tries"); do
  if az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$app" --query "functionKeys.default" -o tsv >/dev/null 2>&1; then
    break
  fi
  if [ "$i" = "$tries" ]; then
    echo "wire-alerts: the host of $app did not serve its keys; run 'azd hooks run postdeploy' later" >&2
    exit 1
  fi
  sleep 10
done

az deployment group create -g "$AZURE_RESOURCE_GROUP" -n alert-wiring \
  -f "$root/infra/wiring.bicep" -p "@$params_file" --only-show-errors -o none
echo "wire-alerts: action group and alert rules point at $app"
