#!/usr/bin/env bash
# Builds the Azure Functions package: the app published self-contained for linux-x64 under app/,
# host.json and one folder per function (from functions/LaaWorkflow.Functions/FunctionApp) at the
# root, and the same tree zipped for deployment. Works from a clean clone; intermediate files stay
# under the output folder so a publish never disturbs the build the tests use.
#
#   bash scripts/publish.sh [output-folder]      (default: artifacts/functionapp)
#
# Output: <output>/package/ (the folder the Functions host runs) and <output>/laaworkflow-functionapp.zip.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/artifacts/functionapp"}
mkdir -p "$out"
out=$(cd "$out" && pwd)
project="$root/functions/LaaWorkflow.Functions/LaaWorkflow.Functions.csproj"
sources="$root/functions/LaaWorkflow.Functions/FunctionApp"
package="$out/package"
zip="$out/laaworkflow-functionapp.zip"

rm -rf "$package" "$zip"
mkdir -p "$package"

dotnet publish "$project" \
  --configuration Release \
  --runtime linux-x64 \
  --self-contained true \
  --artifacts-path "$out/build" \
  --output "$package/app" \
  --nologo \
  -p:DebugType=embedded \
  -p:GenerateDocumentationFile=false

# The executable host.json names must keep its execute bit inside the zip, or the host cannot start it.
chmod 755 "$package/app/LaaWorkflow.Functions"

cp "$sources/host.json" "$package/host.json"
for function in "$sources"/*/; do
  name=$(basename "$function")
  mkdir -p "$package/$name"
  cp "$function/function.json" "$package/$name/function.json"
done

# Same inputs, same zip: fixed timestamps, sorted entries, no extra attributes (unix modes stay).
find "$package" -exec touch -h -d "2008-06-30T17:00:00Z" {} +
(cd "$package" && find . -type f -o -type l | LC_ALL=C sort | sed 's|^\./||' | zip -q -X -@ "$zip")

echo "package: $package"
echo "zip:     $zip ($(du -h "$zip" | cut -f1))"
