#!/usr/bin/env bash
# Installs the pinned Azurite (npm ci against package-lock.json) and, with "start", runs it
# on 127.0.0.1 without telemetry.
#   scripts/azurite.sh install
#   scripts/azurite.sh start [--blob-port N] [--queue-port N] [--table-port N] [--data DIR]
# "start" stays in the foreground; the caller owns the process and stops it by its id.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

install() {
  # Reinstall only when the lockfile changed since the last install, so repeated runs are quick.
  local stamp="$root/node_modules/.laaworkflow-lock"
  if [ -x "$root/node_modules/.bin/azurite" ] && [ -f "$stamp" ] && cmp -s "$stamp" "$root/package-lock.json"; then
    return 0
  fi
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$root/package-lock.json" "$stamp"
}

start() {
  local blob=10000 queue=10001 table=10002 data="$root/.azurite"
  while [ $# -gt 0 ]; do
    case "$1" in
      --blob-port) blob=$2; shift 2 ;;
      --queue-port) queue=$2; shift 2 ;;
      --table-port) table=$2; shift 2 ;;
      --data) data=$2; shift 2 ;;
      *) echo "azurite.sh: unknown option $1" >&2; exit 2 ;;
    esac
  done
  install
  mkdir -p "$data"
  exec "$root/node_modules/.bin/azurite" --silent --disableTelemetry --skipApiVersionCheck --loose \
    --location "$data" \
    --blobHost 127.0.0.1 --blobPort "$blob" \
    --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table"
}

case "${1:-}" in
  install) install ;;
  start) shift; start "$@" ;;
  *) echo "usage: scripts/azurite.sh install | start [--blob-port N] [--queue-port N] [--table-port N] [--data DIR]" >&2; exit 2 ;;
esac
