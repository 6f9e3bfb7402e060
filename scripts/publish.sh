#!/usr/bin/env bash
# Builds the Azure Functions deployment package: the isolated worker app (functions/LaaWorkflow.Functions) as
# `dotnet publish` lays it out (host.json, functions.metadata, extensions.json, worker.config.json, the app and its
# .azurefunctions/ extension bundle), and the same tree zipped for deployment. Works from a clean clone; intermediate
# files stay under the output folder so a publish never disturbs the build the tests use.
#
#   bash scripts/publish.sh [output-folder]      (default: artifacts/functionapp)
#
# Output: <output>/package/ (the folder the Functions host runs) and <output>/laaworkflow-functionapp.zip.
# NU1603 stays a warning: the Worker SDK restores a hidden WorkerExtensions project whose wanted versions are not all
# served (Directory.Build.props, README).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/artifacts/functionapp"}
mkdir -p "$out"
out=$(cd "$out" && pwd)
project="$root/functions/LaaWorkflow.Functions/LaaWorkflow.Functions.csproj"
package="$out/package"
zip="$out/laaworkflow-functionapp.zip"

rm -rf "$package" "$zip"
mkdir -p "$package"

dotnet publish "$project" \
  --configuration Release \
  --artifacts-path "$out/build" \
  --output "$package" \
  --nologo \
  -warnaserror -warnnotaserror:NU1603 \
  -p:DebugType=embedded \
  -p:GenerateDocumentationFile=false

# Same inputs, same zip: fixed timestamps, sorted entries, no extra attributes.
find "$package" -exec touch -h -d "2008-06-30T17:00:00Z" {} +
(cd "$package" && find . -type f -o -type l | LC_ALL=C sort | sed 's|^\./||' | zip -q -X -@ "$zip")

echo "package: $package"
echo "zip:     $zip ($(du -h "$zip" | cut -f1))"
