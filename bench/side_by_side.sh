#!/usr/bin/env bash
# Issue 15's benchmarks, side by side in one run on one machine (figures go to BENCHMARKS.md):
#   1. a province's data set with `gongkai bench-data` (import rates);
#   2. `gongkai serve` on it: the search index built from the store (time), peak memory (VmHWM);
#   3. catalogue search, the same queries on the same rows: gongkai's API, SQLite LIKE on gongkai's database
#      file, PostgreSQL pg_trgm (GIN, its build time and size) on a copy of the rows;
#   4. portal throughput with wrk: item page, agency column, category list, search page, each next to nginx
#      serving the same bytes from files (the ceiling);
#   5. compiling one agency-year of 100,000 applications, and a roll-up over 1,000 agencies.
#
#   bench/side_by_side.sh                       # 1,000,000 items (about 15 minutes on 2 cores)
#   ITEMS=100000 bench/side_by_side.sh          # a first look
#
# Needs: a release build (made here), python3 with psycopg (pip install psycopg), psql on 127.0.0.1 (trust), nginx and wrk (apt: nginx-light wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

ITEMS=${ITEMS:-1000000}
AGENCIES=${AGENCIES:-2000}
REPS=${REPS:-300}
LIKE_REPS=${LIKE_REPS:-20}
WRK_SECONDS=${WRK_SECONDS:-10}
WORK=${WORK:-/tmp/gongkai-side-by-side}
PORT=18080
NGINX_PORT=18081
PG_DB=gongkai_trgm_bench
BIN="${CARGO_TARGET_DIR:-target}/release/gongkai"

say() { printf '\n==> %s\n' "$*" >&2; }
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$(now)"; }

cleanup() {
    [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

say "release build"
cargo build --release -p gongkai-cli >&2
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); $(date -u +%F)"

rm -rf "$WORK"
mkdir -p "$WORK"
STORE="$WORK/store"
DB="$STORE/gongkai.sqlite3"

say "1. bench-data: $AGENCIES agencies, $ITEMS items"
"$BIN" bench-data --data-dir "$STORE" --agencies "$AGENCIES" --items "$ITEMS" --applications 20000 --seed 1
echo "database file: $(du -m "$DB" | cut -f1) MB"

say "2. gongkai serve: the search index built from the store"
started=$(now)
"$BIN" serve --data-dir "$STORE" --listen "127.0.0.1:$PORT" >"$WORK/serve.out" 2>"$WORK/serve.log" &
SERVER=$!
# Peak anonymous memory (the server's own; VmHWM also counts the index files' pages the kernel maps in).
(peak=0; while kill -0 "$SERVER" 2>/dev/null; do
    anon=$(awk '/^RssAnon/ {print $2}' "/proc/$SERVER/status" 2>/dev/null || echo 0)
    if [ "${anon:-0}" -gt "$peak" ]; then peak=$anon; echo "$peak" >"$WORK/anon-peak-kb"; fi
    sleep 0.5
done) &
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do sleep 0.5; done
echo "index built and serving after $(since "$started") s; search index $(du -sm "$STORE/search" | cut -f1) MB"
grep VmHWM "/proc/$SERVER/status" | sed 's/^/after the index build: /'

say "3. search, side by side"
python3 bench/latency.py api "http://127.0.0.1:$PORT" "$REPS" "$DB"
python3 bench/latency.py like "$DB" "$LIKE_REPS"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $PG_DB" -c "CREATE DATABASE $PG_DB"
psql -h 127.0.0.1 -U postgres -d "$PG_DB" -qc "CREATE EXTENSION pg_trgm" -c "CREATE TABLE bench_items (
    id BIGINT PRIMARY KEY, title TEXT NOT NULL, doc_no TEXT, category TEXT NOT NULL, published_on DATE, body TEXT NOT NULL)"
started=$(now)
python3 - "$DB" <<'EOF' | psql -h 127.0.0.1 -U postgres -d "$PG_DB" -qc "\copy bench_items FROM STDIN"
import sqlite3, sys
esc = lambda v: "\\N" if v is None else str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
for row in db.execute("SELECT id, title, doc_no, category, published_on, body FROM catalog_items WHERE state = 'published'"):
    sys.stdout.write("\t".join(esc(v) for v in row) + "\n")
EOF
echo "rows copied into PostgreSQL in $(since "$started") s"
started=$(now)
psql -h 127.0.0.1 -U postgres -d "$PG_DB" -qc "CREATE INDEX bench_title_trgm ON bench_items USING gin (title gin_trgm_ops)" \
    -c "CREATE INDEX bench_body_trgm ON bench_items USING gin (body gin_trgm_ops)" \
    -c "CREATE INDEX bench_doc_no ON bench_items (doc_no)" -c "ANALYZE bench_items"
echo "pg_trgm GIN indexes built in $(since "$started") s, size $(psql -h 127.0.0.1 -U postgres -d "$PG_DB" -Atc \
    "SELECT pg_size_pretty(pg_relation_size('bench_title_trgm') + pg_relation_size('bench_body_trgm'))")"
python3 bench/latency.py trgm "$PG_DB" "$LIKE_REPS" "$DB"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $PG_DB"

say "4. portal throughput next to nginx"
read -r AGENCY INDEX_NO < <(python3 - "$DB" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(*db.execute("SELECT agency_id, index_no FROM catalog_items WHERE state = 'published' AND index_no IS NOT NULL ORDER BY id LIMIT 1 OFFSET 1000").fetchone())
EOF
)
mkdir -p "$WORK/www"
cat >"$WORK/nginx.conf" <<EOF
user root;
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx.err;
events { worker_connections 1024; }
http {
    access_log off;
    server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; default_type "text/html; charset=utf-8"; }
}
EOF
nginx -c "$WORK/nginx.conf" -p "$WORK"
wrk_rate() { wrk -t2 -c64 -d"${WRK_SECONDS}s" --latency "$1" | awk '/Requests\/sec/ {print $2} / 99%/ {p99=$2} END {print p99}' | paste -sd' '; }
for page in "item /items/$INDEX_NO" "column /agencies/$AGENCY" "category /agencies/$AGENCY/category/a21_02" \
            "search /search?q=%E9%80%9A%E7%9F%A5"; do
    set -- $page
    name=$1 path=$2
    curl -sf "http://127.0.0.1:$PORT$path" >"$WORK/www/$name.html"
    size=$(stat -c %s "$WORK/www/$name.html")
    read -r ours ours_p99 < <(wrk_rate "http://127.0.0.1:$PORT$path")
    read -r theirs theirs_p99 < <(wrk_rate "http://127.0.0.1:$NGINX_PORT/$name.html")
    python3 -c "import sys; n, s, a, ap, b, bp = sys.argv[1:]; print(f'{n}: {s} bytes; gongkai {float(a):,.0f} req/s (p99 {ap}), nginx {float(b):,.0f} req/s (p99 {bp}): {float(a)/float(b):.2f} of nginx')" \
        "$name" "$size" "$ours" "$ours_p99" "$theirs" "$theirs_p99"
done
# The search page with a different query on nearly every request (up to 5,000 words and word pairs cut from
# titles and bodies), so that the page cache rarely holds the answer: the figure of real, varied traffic.
python3 - "$DB" "$WORK/queries.lua" <<'EOF'
import random, sqlite3, sys, urllib.parse
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
# Titles and the openings of bodies: generated titles repeat their words, so titles alone hold too few pairs.
texts = [t for (t, b) in db.execute("SELECT title, substr(body, 1, 300) FROM catalog_items WHERE state = 'published' ORDER BY id LIMIT 20000") for t in (t, b)]
rng, words = random.Random(7), set()
for _ in range(500000):
    if len(words) >= 5000:
        break
    t = rng.choice(texts)
    i = rng.randrange(max(1, len(t) - 4))
    w = t[i:i + 2] if rng.random() < 0.6 else t[i:i + 2] + " " + t[i + 2:i + 4]
    if len(w.replace(" ", "")) >= 2 and not any(c in w for c in "（）()《》〔〕，。、\"'"):
        words.add(w)
with open(sys.argv[2], "w") as out:
    out.write("local paths = {\n")
    for w in sorted(words):
        out.write('  "/search?q=%s",\n' % urllib.parse.quote(w))
    # Each wrk thread starts at its own place in the list, so no query is asked twice in a short run.
    out.write("}\nlocal threads = 0\nfunction setup(thread)\n  threads = threads + 1\n  thread:set(\"id\", threads)\nend\n"
              "local n = 0\nfunction init(args)\n  n = id * 2500\nend\n"
              "function request()\n  n = n + 1\n  return wrk.format(nil, paths[n % #paths + 1])\nend\n")
EOF
read -r varied varied_p99 < <(wrk -t2 -c64 -d"${WRK_SECONDS}s" --latency -s "$WORK/queries.lua" "http://127.0.0.1:$PORT" \
    | awk '/Requests\/sec/ {print $2} / 99%/ {p99=$2} END {print p99}' | paste -sd' ')
echo "search page, $(grep -c '/search' "$WORK/queries.lua") different queries: gongkai $varied req/s (p99 $varied_p99)"
grep VmHWM "/proc/$SERVER/status" | sed "s/^/gongkai serve at $ITEMS items, after all of the above: /"
echo "gongkai serve at $ITEMS items, peak RssAnon: $(cat "$WORK/anon-peak-kb") kB"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=

say "5. compile one agency-year of 100,000 applications; a roll-up over 1,000 agencies"
"$BIN" bench-data --data-dir "$WORK/one" --agencies 1 --items 1000 --applications 100000 --years 1 --last-year 2025 --seed 2
for run in 1 2 3; do
    started=$(now)
    "$BIN" report compile --data-dir "$WORK/one" --agency 河南省人民政府 --year 2025 -o /dev/null 2>/dev/null || true
    echo "compile, 100,000 applications, run $run: $(since "$started") s (the whole command)"
done
"$BIN" bench-data --data-dir "$WORK/tree" --agencies 1000 --items 100000 --applications 100000 --seed 3
for run in 1 2 3; do
    started=$(now)
    "$BIN" report compile --data-dir "$WORK/tree" --agency 河南省人民政府 --year 2025 --rollup -o /dev/null 2>/dev/null || true
    echo "roll-up over 1,000 agencies, run $run: $(since "$started") s (the whole command)"
done
