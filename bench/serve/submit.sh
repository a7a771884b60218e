#!/usr/bin/env bash
# Job submission: POST /jobs with a new Idempotency-Key each time, sustained with wrk (32 connections, 2 threads) into a
# fresh SQLite database, then the jobs stored are listed through the API and compared with the ids wrk was answered
# 201 with: none lost (every answered id is stored), none twice (distinct ids; the pair tenant and key is unique).
# Usage: bench/serve/submit.sh [seconds]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
work=${WORK:-/tmp/tandem-bench-submit}
port=${PORT:-5098}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
dotnet build src/Tandem.Cli -c Release -v q -nologo >/dev/null
tandem=src/Tandem.Cli/bin/Release/net10.0/Tandem.Cli
rm -rf "$work"; mkdir -p "$work"
db=$work/submit.db
KEY=$("$tandem" keys add --name bench --role tenant --tenant bench --db "$db" | tail -1)
admin=$("$tandem" keys add --name ops --role admin --db "$db" | tail -1)
export KEY DEADLINE=$(date -u -d '+30 days' +%Y-%m-%dT00:00:00Z) IDS=$work/created
"$tandem" serve --db "$db" --urls "http://127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
wrk -t2 -c32 -d"${seconds}s" --latency -s bench/serve/submit.lua "http://127.0.0.1:$port"
curl -s -H "X-Api-Key: $admin" "http://127.0.0.1:$port/jobs?tenant=bench" > "$work/jobs.json"
grep -o '"id":"[^"]*"' "$work/jobs.json" | cut -d'"' -f4 | sort > "$work/stored.txt"
cat "$work"/created.* | sort > "$work/created.txt"
echo "stored: $(wc -l < "$work/stored.txt") jobs, $(sort -u "$work/stored.txt" | wc -l) distinct ids"
echo "answered 201: $(wc -l < "$work/created.txt"), $(sort -u "$work/created.txt" | wc -l) distinct"
echo "answered 201 but not stored (lost): $(comm -23 "$work/created.txt" "$work/stored.txt" | wc -l)"
echo "stored but not answered before wrk stopped (in flight at the end): $(comm -13 "$work/created.txt" "$work/stored.txt" | wc -l)"
