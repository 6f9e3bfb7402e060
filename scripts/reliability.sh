#!/usr/bin/env bash
# The fault suite: builds Release, installs Azurite if missing, runs every reliability scenario against the real
# host binary, prints the table and writes RELIABILITY.md at the repository root. Exit code 1 if any row failed.
#   scripts/reliability.sh [--only crashes,two-hosts,storage-outage] [--crash-points N] [--seed N]
# Run logs go to artifacts/reliability/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/azurite.sh install
dotnet build tests/LaaWorkflow.Reliability -c Release --nologo -v quiet
exec dotnet tests/LaaWorkflow.Reliability/bin/Release/net10.0/LaaWorkflow.Reliability.dll "$@"
