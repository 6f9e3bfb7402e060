#!/usr/bin/env bash
# The national-scale simulation: every LAA area negotiated at once on the Durable Task engine (DurableTask.AzureStorage)
# against a private Azurite, every negotiation a rehearsal on one shared calendar (--pace real seconds per business day),
# with simulated partners answering through the links in their emails when the calendar reaches the day they planned.
# Builds the host and the command in Release, installs Azurite if missing, then runs the command; options pass through:
#
#   bash scripts/simulate.sh [--areas 150] [--hosts 1|2|both] [--seed 2008] [--partitions 4] [--pace 20] [--out artifacts/simulation] [--azurite split|disk|memory]
#
# Prints the figures (with how late timers, events and the partners' actions were against their business instants) and writes report.md, report.html (charts) and report.json to the output folder. Exits non-zero
# when any negotiation is not final or does not end as the simulated answers imply.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/azurite.sh install
dotnet build functions/LaaWorkflow.LocalHost/LaaWorkflow.LocalHost.csproj -c Release --nologo -v quiet
dotnet build tests/LaaWorkflow.Simulation/LaaWorkflow.Simulation.csproj -c Release --nologo -v quiet
exec dotnet tests/LaaWorkflow.Simulation/bin/Release/net10.0/LaaWorkflow.Simulation.dll "$@"
