#!/usr/bin/env bash
# Runs the README's start command (`npm start`) on a fresh embedded data folder, checks that the API
# is healthy and the page is served, then stops it with SIGTERM and checks it shut down cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir=$(mktemp -d)
log="$data_dir/start.log"
port=${SMOKE_PORT:-3917}
trap 'kill -9 -- -"${pid:-0}" 2>/dev/null || true; rm -rf "$data_dir"' EXIT

started=$(date +%s%N)
DATA_DIR="$data_dir/data" PORT=$port setsid npm start >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "npm start exited early"; exit 1; fi
  sleep 0.25
done
ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
curl -fsS "http://127.0.0.1:$port/api/health" | grep -q '"database":"ok"' || { cat "$log"; echo "health check failed"; exit 1; }
curl -fsS -H 'Accept: text/html' "http://127.0.0.1:$port/" | grep -q '<rh-app' || { cat "$log"; echo "page not served"; exit 1; }
grep -q "Rehearse is ready at" "$log" || { cat "$log"; echo "no ready line"; exit 1; }
echo "npm start answered its first request after ${ready_ms} ms (build included)"

kill -TERM -- -"$pid"
for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
if kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "did not shut down within 15 s"; exit 1; fi
wait "$pid" && status=0 || status=$?
grep -q "SIGTERM received" "$log" || { cat "$log"; echo "no graceful shutdown logged"; exit 1; }
echo "shut down cleanly (exit status $status)"
pid=
