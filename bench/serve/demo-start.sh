#!/usr/bin/env bash
# How soon `tandem serve --demo` answers: seconds from starting the process to the first 200 on /health, and to the
# first 200 on /plan (the live loop's first step done). A fresh database each run; five runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PORT:-5097}
dotnet build src/Tandem.Cli -c Release -v q -nologo >/dev/null
tandem=src/Tandem.Cli/bin/Release/net10.0/Tandem.Cli
work=$(mktemp -d)
for run in 1 2 3 4 5; do
  db=$work/demo-$run.db
  start=$(date +%s.%N)
  "$tandem" serve --demo --db "$db" --urls "http://127.0.0.1:$port" > "$work/out-$run.txt" 2>&1 &
  server=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; do sleep 0.02; done
  health=$(date +%s.%N)
  key=$(grep -o 'key=tdm_[A-Za-z0-9_-]*' "$work/out-$run.txt" | cut -d= -f2)
  until curl -sf -H "X-Api-Key: $key" "http://127.0.0.1:$port/plan" >/dev/null 2>&1; do sleep 0.02; done
  plan=$(date +%s.%N)
  kill $server; wait $server 2>/dev/null || true
  echo "run $run: /health after $(echo "$health - $start" | bc) s, /plan after $(echo "$plan - $start" | bc) s"
done
rm -rf "$work"
