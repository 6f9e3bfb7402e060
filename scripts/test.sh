#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need (Azurite from the
# lockfile, Debian's chromium for the browser tests), checks formatting, builds with warnings
# as errors, runs every test project, and ends with one line "N passed, M failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/azurite.sh install || { echo "Azurite install failed"; exit 1; }
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || { echo "chromium install failed"; exit 1; }
fi

dotnet restore LaaWorkflow.sln --nologo -v quiet || exit 1
dotnet format LaaWorkflow.sln --verify-no-changes --no-restore || { echo "dotnet format found unformatted code (run: dotnet format LaaWorkflow.sln)"; exit 1; }
# Every warning is an error but NU1603 (a dependency's wanted version not served, the next one taken: see
# Directory.Build.props), which the command-line switch would otherwise turn back into one.
dotnet build LaaWorkflow.sln --no-restore --nologo -c Release -warnaserror -warnnotaserror:NU1603 || exit 1

results="$root/tests/TestResults"
rm -rf "$results"
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" --no-build -c Release --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$failed" -gt 0 ]; then
  status=1
  echo "== Failed tests, earliest first"
  bash scripts/failures.sh "$results"/*.trx
fi
echo "$passed passed, $failed failed"
exit $status
