#!/usr/bin/env bash
# Runs the README's start command (`npm start`) on a fresh embedded data folder: checks that the API
# is healthy and the page is served, stops it with SIGTERM and checks it shut down gracefully, then
# starts it again on the same folder and checks that nothing was migrated twice.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
port=${SMOKE_PORT:-3917}
pid=
cleanup() {
  if [ -n "$pid" ]; then kill -9 -- "-$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Starts a command in its own process group (so SIGTERM reaches the whole tree) and waits for health.
start() {
  local log=$1; shift
  local started; started=$(date +%s%N)
  DATA_DIR="$work/data" PORT=$port setsid "$@" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 480); do
    if curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; then
      echo "$* answered its first request after $(( ($(date +%s%N) - started) / 1000000 )) ms"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "$* exited early"; exit 1; fi
    sleep 0.25
  done
  cat "$log"; echo "$* did not answer within 120 s"; exit 1
}

stop() {
  local log=$1
  kill -TERM -- "-$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "did not shut down within 15 s"; exit 1; fi
  pid=
  grep -q "SIGTERM received" "$log" || { cat "$log"; echo "no graceful shutdown logged"; exit 1; }
}

start "$work/first.log" npm start
curl -fsS "http://127.0.0.1:$port/api/health" | grep -q '"database":"ok"' || { echo "health check failed"; exit 1; }
curl -fsS -H 'Accept: text/html' "http://127.0.0.1:$port/" | grep -q '<rh-app' || { echo "page not served"; exit 1; }
grep -q "Rehearse is ready at" "$work/first.log" || { cat "$work/first.log"; echo "no ready line"; exit 1; }
# A new folder comes from the build's template: migrated and holding the shipped packs already.
grep -q "Demo content created" "$work/first.log" || { cat "$work/first.log"; echo "first start made no demo content"; exit 1; }
stop "$work/first.log"
echo "first start: healthy, page served, shut down gracefully on SIGTERM"

start "$work/second.log" npm run serve
if grep -q "Database migrated" "$work/second.log"; then cat "$work/second.log"; echo "second start migrated again"; exit 1; fi
stop "$work/second.log"
echo "second start on the same data folder: no migrations re-run, shut down gracefully"
