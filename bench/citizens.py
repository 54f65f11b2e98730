#!/usr/bin/env python3
"""The other citizens of bench/intake_flood.sh: while the flood runs, 600 citizens each file one application
from their own address with their own identity (ten a second), and a visitor reads the portal; prints how many got receipts and
how long they waited (p50, p99, max)."""
import json, sys, threading, time, urllib.request, urllib.error

base, seconds = sys.argv[1], float(sys.argv[2])
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"

def resident_id(n):
    # GB 11643: a 110105 (Beijing) person born 1980-01-01, sequence n, with its check character.
    body = "11010519800101" + f"{n % 1000:03d}"
    return body + CHECK[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]

def timed(req):
    start = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status = r.status
            r.read()
    except urllib.error.HTTPError as e:
        status = e.code
    except Exception:
        status = 0
    return status, time.monotonic() - start

filings, reads = [], []

def citizen(worker, workers, total):
    # Citizens worker, worker + workers, ...: each files once, from its own address, spread over the run.
    start = time.monotonic()
    for i in range(worker, total, workers):
        due = start + seconds * i / total
        time.sleep(max(0.0, due - time.monotonic()))
        body = {"agency": "孟州市公共资源交易中心",
                "applicant": {"kind": "np", "name": f"市民{i}", "id_type": "resident_id",
                              "id_number": resident_id(i), "phone": "13900000000"},
                "description": f"市民{i}的申请", "form": "electronic", "delivery": "online"}
        req = urllib.request.Request(base + "/api/v1/applications", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json",
                                              "X-Forwarded-For": f"10.{i // 250}.{i % 250}.1"})
        filings.append(timed(req))

def visitor():
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        reads.append(timed(urllib.request.Request(base + "/", headers={"X-Forwarded-For": "10.200.0.1"})))
        time.sleep(0.2)

# 600 citizens (ten a second), each filing once; 20 of them at a time at most.
threads = [threading.Thread(target=citizen, args=(w, 20, 600)) for w in range(20)]
threads.append(threading.Thread(target=visitor))
for t in threads:
    t.start()
for t in threads:
    t.join()

def report(name, results, ok):
    waits = sorted(w for _, w in results)
    good = sum(1 for s, _ in results if s in ok)
    counts = {}
    for s, _ in results:
        counts[s] = counts.get(s, 0) + 1
    pick = lambda q: waits[min(len(waits) - 1, int(q * len(waits)))] * 1000 if waits else 0
    print(f"{name}: {good} of {len(results)} answered {sorted(ok)}; wait p50 {pick(0.5):.1f} ms, "
          f"p99 {pick(0.99):.1f} ms, max {pick(1.0):.1f} ms; statuses {dict(sorted(counts.items()))}")

report("citizens' applications", filings, {201})
report("portal home page", reads, {200})
