#!/usr/bin/env bash
# The one-command local run: installs what is missing, builds, starts Azurite and the function
# app host (the Durable Task engine on Azurite, outbox email, dev routes, rehearsals allowed, a local
# admin key), then plays the 2008 round for the eleven demonstration areas and the Tees Valley MAA as a rehearsal and leaves
# the dashboard running until Ctrl+C.
#   scripts/run.sh              app + demo rehearsal (November 2007 to July 2008 in about two minutes)
#   scripts/run.sh --no-demo    app only (start negotiations, rehearsals with a "pace", through the API)
#   scripts/run.sh --real-time  app + demo rehearsal at real speed (a business day a day)
# Ports: LAA_PORT (host, default 7071); Azurite on 10000-10002 unless LAA_AZURITE_PORTS="b q t".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

demo=1
realtime=0
for arg in "$@"; do
  case "$arg" in
    --no-demo) demo=0 ;;
    --real-time) realtime=1 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $arg (use --no-demo, --real-time)" >&2; exit 2 ;;
  esac
done

port=${LAA_PORT:-7071}
read -r blob_port queue_port table_port <<< "${LAA_AZURITE_PORTS:-10000 10001 10002}"
url="http://127.0.0.1:$port"
run_dir="$root/.azurite/run"
logs="$root/artifacts/run"
mkdir -p "$logs"

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "run.sh: '$tool' is required but not installed." >&2; exit 1; }
done

echo "== Installing Azurite (pinned in package-lock.json) if missing"
bash scripts/azurite.sh install

echo "== Building the local host (the same orchestrations and routes as the Functions app)"
dotnet build functions/LaaWorkflow.LocalHost/LaaWorkflow.LocalHost.csproj -c Release --nologo -v quiet -clp:ErrorsOnly -o "$root/artifacts/bin"

pids=()
cleanup() {
  trap - EXIT INT TERM
  echo
  echo "== Stopping"
  for ((i=${#pids[@]}-1; i>=0; i--)); do
    kill "${pids[$i]}" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # description, deadline seconds, command...
  local what=$1 seconds=$2
  shift 2
  local until=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $until ]; then
      echo "run.sh: $what did not come up within ${seconds}s; see $logs" >&2
      exit 1
    fi
    sleep 0.3
  done
}

# A rehearsal runs on a calendar anchored at the moment it starts, so an earlier run's task hub and
# read models would only replay a round that has already ended: every run starts from empty storage.
rm -rf "$run_dir"
echo "== Starting Azurite on 127.0.0.1:$blob_port/$queue_port/$table_port (data in .azurite/run)"
bash scripts/azurite.sh start --data "$run_dir" --blob-port "$blob_port" --queue-port "$queue_port" --table-port "$table_port" > "$logs/azurite.log" 2>&1 &
pids+=($!)
wait_for "Azurite" 60 bash -c "exec 3<>/dev/tcp/127.0.0.1/$table_port"

admin_key=${LAA_ADMIN_KEY:-local-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}
account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

echo "== Starting the host at $url (logs in artifacts/run/host.log)"
env ASPNETCORE_ENVIRONMENT=Development \
  ASPNETCORE_URLS="$url" \
  AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$account_key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;" \
  Host__AdminKeys="$admin_key" \
  Host__DevRoutes=true \
  Host__AnswerRequestsPerMinute=100000 \
  Rehearsals__Enabled=true \
  Email__Transport=Outbox \
  Email__PublicBaseUrl="$url" \
  Email__Tokens__ActiveKeyId=local \
  Email__Tokens__Keys__local="$(head -c 32 /dev/urandom | base64)" \
  Logging__LogLevel__Default=Warning \
  dotnet "$root/artifacts/bin/LaaWorkflow.LocalHost.dll" --contentRoot "$root/functions/LaaWorkflow.LocalHost" > "$logs/host.log" 2>&1 &
pids+=($!)
wait_for "The host" 90 curl -fsS "$url/api/health"

echo
echo "   Dashboard:  $url/   (admin key: $admin_key)"
echo "   API:        $url/api/openapi.json"
echo

if [ "$demo" = 1 ]; then
  demo_args=(--demo --url "$url" --key "$admin_key")
  [ "$realtime" = 1 ] && demo_args+=(--real-time)
  dotnet "$root/artifacts/bin/LaaWorkflow.LocalHost.dll" "${demo_args[@]}" || echo "The demo ended with an error (exit $?); the app keeps running."
  echo
  echo "   Dashboard:  $url/   (admin key: $admin_key)"
fi
echo "The app is running. Press Ctrl+C to stop Azurite and the host."
wait "${pids[1]}"
