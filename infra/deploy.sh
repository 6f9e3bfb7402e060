#!/usr/bin/env bash
# Creates or updates LaaWorkflow in Azure with the az CLI: the resource group, the Bicep deployment
# (infra/main.bicep with infra/main.parameters.json), then builds the package (scripts/publish.sh)
# and uploads it to the function app. Run it again to update; it is safe to repeat.
#
#   bash infra/deploy.sh <resource-group> <location>
#
# Environment (optional unless stated):
#   SENDGRID_API_KEY     the SendGrid key; required on the first deployment, given again only to rotate it
#   LAA_ROTATE_SECRETS   1 to generate new answer-token and Inbound Parse secrets (voids emailed links)
# See infra/README.md for what this creates and what it costs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
group=${1:?"usage: infra/deploy.sh <resource-group> <location>"}
location=${2:?"usage: infra/deploy.sh <resource-group> <location>"}
parameters="$root/infra/main.parameters.json"

command -v az >/dev/null || { echo "The Azure CLI (az) is required: https://learn.microsoft.com/cli/azure/install-azure-cli" >&2; exit 1; }
az account show -o none 2>/dev/null || { echo "Sign in first: az login" >&2; exit 1; }
if grep -q '"example.org"\|@example.org\|inbound.example.org' "$parameters"; then
  echo "warning: $parameters still names example.org; set emailFromAddress and inboundDomain to your own domain" >&2
fi

az group create --name "$group" --location "$location" --output none

base=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["parameters"]["baseName"]["value"])' "$parameters")
existing=$(az functionapp list --resource-group "$group" --query "[?starts_with(name, '${base}-func-')].name | [0]" --output tsv)

# Secrets go to the deployment in a private file, never on the command line where ps would show them.
secrets=$(mktemp)
trap 'rm -f "$secrets"' EXIT
chmod 600 "$secrets"
sendgrid=${SENDGRID_API_KEY:-}
token_key="" inbound_secret="" admin_keys=""
if [ -z "$existing" ] || [ "${LAA_ROTATE_SECRETS:-0}" = "1" ]; then
  if [ -z "$existing" ] && [ -z "$sendgrid" ]; then
    echo "First deployment: set SENDGRID_API_KEY to a SendGrid key with Mail Send permission." >&2
    exit 1
  fi
  token_key=$(openssl rand -base64 48)
  inbound_secret=$(openssl rand -hex 32)
  admin_keys=$(openssl rand -hex 32)
fi
deployer=$(az ad signed-in-user show --query id --output tsv 2>/dev/null || true)
SENDGRID="$sendgrid" TOKEN="$token_key" INBOUND="$inbound_secret" ADMIN="$admin_keys" DEPLOYER="$deployer" python3 - "$secrets" <<'PY'
import json, os, sys
values = {
    "sendGridApiKey": os.environ["SENDGRID"],
    "answerTokenKey": os.environ["TOKEN"],
    "inboundParseSecret": os.environ["INBOUND"],
    "adminKeys": os.environ["ADMIN"],
    "deployerPrincipalId": os.environ["DEPLOYER"],
}
with open(sys.argv[1], "w") as f:
    json.dump({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
               "contentVersion": "1.0.0.0",
               "parameters": {k: {"value": v} for k, v in values.items()}}, f)
PY

echo "Deploying infrastructure to $group ($location)..."
outputs=$(az deployment group create \
  --resource-group "$group" \
  --name laaworkflow \
  --template-file "$root/infra/main.bicep" \
  --parameters "@$parameters" \
  --parameters "@$secrets" \
  --query properties.outputs --output json)
rm -f "$secrets"
output() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]]["value"])' "$outputs" "$1"; }
app=$(output functionAppName)
url=$(output functionAppUrl)
vault=$(output keyVaultName)
storage=$(output storageAccountName)
hub=$(output taskHubName)

echo "Building the package..."
bash "$root/scripts/publish.sh" "$root/artifacts/functionapp"

# On a first deployment the app's new role on the package container can take a few minutes to apply,
# and the upload fails until it has; later deployments succeed at the first attempt.
echo "Uploading the package to $app..."
for attempt in 1 2 3 4 5; do
  if az functionapp deployment source config-zip \
    --resource-group "$group" \
    --name "$app" \
    --src "$root/artifacts/functionapp/laaworkflow-functionapp.zip" \
    --output none; then
    break
  fi
  if [ "$attempt" = 5 ]; then
    echo "The upload failed five times; run this script again once the app's role assignments have applied." >&2
    exit 1
  fi
  echo "Upload failed (attempt $attempt of 5); retrying in 60 seconds..." >&2
  sleep 60
done

# The admin key is one value in two places: the Functions host checks it as the host key "admins" on the
# admin routes, and the app checks it (Host__AdminKeys) on the Government Office decision, which a signed
# link also opens. az takes the value only as an argument, so it is on this machine's process list for the
# moment of the call; it is generated only on a first deployment or a rotation.
if [ -n "$admin_keys" ]; then
  echo "Setting the admins host key..."
  az functionapp keys set --resource-group "$group" --name "$app" --key-type functionKeys \
    --key-name admins --key-value "$admin_keys" --output none
fi

echo
echo "Deployed: $url"
echo "Health:   $url/api/health"
echo
# Keys are never printed here; these commands read them for whoever runs them (they need the listkeys
# permission on the app, e.g. Website Contributor). The host creates its keys when it first starts.
echo "Admins sign in to the dashboard ($url/) and call the admin API with the admin key"
echo "(x-functions-key header or code query parameter), the host key 'admins':"
echo "  az keyvault secret show --vault-name $vault --name admin-keys --query value --output tsv"
echo "Durable Functions management API ($url/runtime/webhooks/durabletask/instances?code=KEY), with the system key:"
echo "  az functionapp keys list --resource-group $group --name $app --query systemKeys.durabletask_extension --output tsv"
echo "SendGrid Inbound Parse URL: $url/api/email/inbound?secret=<az keyvault secret show --vault-name $vault --name inbound-parse-secret --query value --output tsv>"
echo "SendGrid Event Webhook URL: $url/api/email/events"
echo "Durable Functions Monitor: storage account $storage, task hub $hub (see infra/README.md)."
