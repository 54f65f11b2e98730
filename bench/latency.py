#!/usr/bin/env python3
"""Catalogue search side by side (issue 15): the same queries, on the same rows, through gongkai's API, through
SQLite `LIKE` on gongkai's own database file, and through PostgreSQL `pg_trgm` (GIN) on a copy of the same rows.
Each query asks what a search page shows: the first 20 published items, newest first, and how many match.

    python3 bench/latency.py api BASE_URL REPS
    python3 bench/latency.py like SQLITE_FILE REPS
    python3 bench/latency.py trgm DATABASE_NAME REPS        # psql on 127.0.0.1 as postgres
    python3 bench/latency.py queries SQLITE_FILE            # prints the query set chosen from the data

Prints one JSON line per query type: {"system", "query", "p50_ms", "p99_ms", "max_ms", "n", "hits"}.
"""
import http.client, json, sqlite3, subprocess, sys, time, urllib.parse


def query_set(sqlite_file):
    """The query types of the issue, with a 文号 and a rare word taken from the data itself."""
    db = sqlite3.connect(f"file:{sqlite_file}?mode=ro", uri=True)
    doc_no = db.execute(
        "SELECT doc_no FROM catalog_items WHERE doc_no IS NOT NULL AND state = 'published' ORDER BY id LIMIT 1 OFFSET 777"
    ).fetchone()[0]
    # A township's name: a few items in a million hold it.
    township = db.execute(
        "SELECT issuer FROM catalog_items WHERE issuer LIKE '%镇人民政府' ORDER BY id LIMIT 1"
    ).fetchone()
    rare = township[0].replace("人民政府", "")[-6:] if township else "白沙镇"
    db.close()
    return [
        # (type, text typed, words every match holds, category filter)
        ("common word", "通知", ["通知"], None),
        ("two words", "安全 检查", ["安全", "检查"], None),
        ("rare word", rare, [rare], None),
        ("phrase", '"加强耕地保护"', ["加强耕地保护"], None),
        ("文号", doc_no, None, None),
        ("word + filter", "防汛", ["防汛"], "a21_02"),
    ], doc_no


def timed(run, reps):
    samples, hits = [], None
    run()  # warm
    for _ in range(reps):
        t = time.perf_counter()
        hits = run()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    pick = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))]
    return {"p50_ms": round(pick(0.5), 2), "p99_ms": round(pick(0.99), 2), "max_ms": round(samples[-1], 2),
            "n": reps, "hits": hits}


def api(base, reps, queries):
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    for kind, text, _, category in queries:
        params = {"q": text} if kind != "文号" else {"doc_no": text}
        if category:
            params["category"] = category
        path = "/api/v1/catalog?" + urllib.parse.urlencode(params)

        def run():
            conn.request("GET", path)
            r = conn.getresponse()
            body = r.read()
            if r.status != 200:
                raise SystemExit(f"{path}: {r.status} {body[:200]!r}")
            return json.loads(body)["total"]

        print(json.dumps({"system": "gongkai API", "query": kind, **timed(run, reps)}, ensure_ascii=False))


def where_of(kind, text, words, category, placeholder):
    if kind == "文号":
        return "doc_no = " + placeholder, [text]
    clauses, args = [], []
    for w in words:
        clauses.append(f"(title LIKE {placeholder} OR body LIKE {placeholder})")
        args += [f"%{w}%", f"%{w}%"]
    if category:
        clauses.append(f"category = {placeholder}")
        args.append(category)
    return " AND ".join(clauses), args


def like(sqlite_file, reps, queries):
    db = sqlite3.connect(f"file:{sqlite_file}?mode=ro", uri=True)
    for kind, text, words, category in queries:
        where, args = where_of(kind, text, words, category, "?")
        page = f"SELECT id, title FROM catalog_items WHERE state = 'published' AND {where} ORDER BY published_on DESC LIMIT 20"
        count = f"SELECT COUNT(*) FROM catalog_items WHERE state = 'published' AND {where}"

        def run():
            db.execute(page, args).fetchall()
            return db.execute(count, args).fetchone()[0]

        print(json.dumps({"system": "SQLite LIKE", "query": kind, **timed(run, reps)}, ensure_ascii=False))


def trgm(database, reps, queries):
    """pg_trgm two ways: through psycopg on one kept connection, the same kind of client (Python, one
    connection, the answer read and decoded) as gongkai's API is measured with; and psql's `\\timing`, which
    leaves out the client's own work (what PostgreSQL alone takes, round trip included)."""
    import psycopg  # pip install psycopg (uses Debian's libpq)

    # No server-side prepared statements: each query is planned with its own words, as psql's are.
    conn = psycopg.connect(f"host=127.0.0.1 user=postgres dbname={database}", autocommit=True,
                           prepare_threshold=None)
    for kind, text, words, category in queries:
        where, args = where_of(kind, text, words, category, "%s")
        page = f"SELECT id, title FROM bench_items WHERE {where} ORDER BY published_on DESC LIMIT 20"
        count = f"SELECT COUNT(*) FROM bench_items WHERE {where}"

        def run():
            conn.execute(page, args).fetchall()
            return conn.execute(count, args).fetchone()[0]

        print(json.dumps({"system": "pg_trgm (psycopg)", "query": kind, **timed(run, reps)}, ensure_ascii=False))
    conn.close()
    # One psql session per query type; \timing gives the time psql sees for each statement.
    for kind, text, words, category in queries:
        where, args = where_of(kind, text, words, category, "%s")
        quoted = [("'" + a.replace("'", "''") + "'") for a in args]
        where_sql = where % tuple(quoted)
        page = f"SELECT id, title FROM bench_items WHERE {where_sql} ORDER BY published_on DESC LIMIT 20;"
        count = f"SELECT COUNT(*) FROM bench_items WHERE {where_sql};"
        script = "\\timing on\n" + (page + "\n" + count + "\n") * (reps + 1)
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-At", "-f", "-"],
                             input=script, capture_output=True, text=True, check=True).stdout
        times = [float(l.split()[1]) for l in out.splitlines() if l.startswith("Time: ")]
        counts = [l for l in out.splitlines() if l.isdigit()]
        pairs = [times[i] + times[i + 1] for i in range(2, len(times) - 1, 2)]  # first pair warms
        pairs.sort()
        pick = lambda q: pairs[min(len(pairs) - 1, int(q * len(pairs)))]
        print(json.dumps({"system": "pg_trgm (psql timing)", "query": kind, "p50_ms": round(pick(0.5), 2),
                          "p99_ms": round(pick(0.99), 2), "max_ms": round(pairs[-1], 2), "n": len(pairs),
                          "hits": int(counts[-1]) if counts else None}, ensure_ascii=False))


if __name__ == "__main__":
    mode, target = sys.argv[1], sys.argv[2]
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    if mode == "queries":
        print(json.dumps(query_set(target)[0], ensure_ascii=False))
        sys.exit(0)
    source = sys.argv[4] if len(sys.argv) > 4 else target
    queries = query_set(source)[0]
    {"api": api, "like": like, "trgm": trgm}[mode](target, reps, queries)
