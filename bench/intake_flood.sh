#!/usr/bin/env bash
# Issue 14's intake figure: one sender floods POST /api/v1/applications from one address for a minute (wrk,
# 2 threads, 16 connections) while 600 citizens each file once from their own address (ten a second) and a visitor reads the
# portal home page every 0.2 s. Run from the repository root after `cargo build --release -p gongkai-cli`;
# needs wrk and python3. Prints the flood's rate and statuses and what the others got.
set -euo pipefail
bin="${GONGKAI_BIN:-target/release/gongkai}"
seconds="${SECONDS_OF_FLOOD:-60}"
port="${PORT:-8790}"
data="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
# As deployed behind a reverse proxy on this machine: each client is told apart by X-Forwarded-For.
GONGKAI_BEHIND_PROXY=true "$bin" demo --data-dir "$data" --listen "127.0.0.1:$port" >"$data/demo.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done
python3 bench/citizens.py "http://127.0.0.1:$port" "$seconds" &
others=$!
wrk -t 2 -c 16 -d "${seconds}s" -s bench/intake_flood.lua "http://127.0.0.1:$port" | sed -n '/Requests\/sec/p;/flood/p;/Latency/p'
wait "$others"
# After the flood: a citizen who files now gets a receipt (nothing ran out).
after=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -H 'X-Forwarded-For: 10.250.0.1' "http://127.0.0.1:$port/api/v1/applications" \
    -d '{"agency":"孟州市公共资源交易中心","applicant":{"kind":"np","name":"晚到的市民","id_type":"resident_id","id_number":"110105198001019993","phone":"13700000000"},"description":"洪峰过后的申请","form":"electronic","delivery":"online"}')
echo "an application after the flood: $after"
echo "server peak memory: $(grep VmHWM /proc/$server/status | awk '{print $2, $3}')"
