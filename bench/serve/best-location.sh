#!/usr/bin/env bash
# Throughput of the Carbon-Aware-SDK route GET /emissions/bylocations/best (3 locations, one day) with 55 zones × 3
# years of hourly carbon intensity stored, measured with wrk (32 connections, 2 threads) on loopback; server and wrk
# share this machine's cores. Data: the 11 Electricity Maps zones of ../shared/data with 2021–2023 files, each stored
# under 5 names (AU-NSW-1 … AU-NSW-5): real values, 55 zones' worth of rows and index entries.
# Two runs: one query repeated, and random zones and days (bench/serve/random-best.lua).
# Usage: bench/serve/best-location.sh [seconds]   (default 30; WORK=/tmp/tandem-bench-serve keeps the database)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
data=${TANDEM_SHARED_DATA:-../shared/data}/carbon_intensity/electricitymaps
work=${WORK:-/tmp/tandem-bench-serve}
db=$work/serve.db
port=${PORT:-5099}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
dotnet build src/Tandem.Cli -c Release -v q -nologo >/dev/null
tandem=src/Tandem.Cli/bin/Release/net10.0/Tandem.Cli
mkdir -p "$work"
if [ ! -f "$db" ]; then
  echo "Importing 55 zones × 3 years into $db ..."
  for zone in AU-NSW AU-VIC BR-SP CA-ON CL-SIC DE-LU GB US-CAL-CISO US-MIDA-PJM US-NY-NYIS US-TEX-ERCO; do
    for copy in 1 2 3 4 5; do
      for year in 2021 2022 2023; do
        "$tandem" signals import --file "$data/${zone}_${year}_hourly.csv.gz" --format electricitymaps --zone "$zone-$copy" --column carbon_intensity_g_per_kwh --db "$db" >/dev/null
      done
    done
  done
fi
"$tandem" serve --db "$db" --urls "http://127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port/emissions/bylocations/best?location=AU-NSW-1&location=DE-LU-3&location=US-CAL-CISO-5&time=2022-06-01T00:00:00Z&toTime=2022-06-02T00:00:00Z"
echo "Zones stored: $(curl -s "http://127.0.0.1:$port/locations" | grep -o '"name"' | wc -l)"
echo "Answer: $(curl -s "$url" | head -c 300)"
wrk -t2 -c32 -d5s "$url" >/dev/null
echo "== the same 3 zones and day each time"
wrk -t2 -c32 -d"${seconds}s" --latency "$url"
echo "== 3 random zones of the 55 and a random day of 2021-2023 (bench/serve/random-best.lua)"
wrk -t2 -c32 -d"${seconds}s" --latency -s bench/serve/random-best.lua "http://127.0.0.1:$port"
