"""What the API tests that run against a demo server share: counted checks,
requests (JSON or raw, with a bearer token), SQL on the test's database
(SQLite file or PostgreSQL) and valid ID numbers. Environment: HZ_BASE,
HZ_DBFILE, HZ_PGDB and HZ_TEST_PG_PORT (PostgreSQL)."""
import http.client, json, os, sqlite3, subprocess, sys

BASE = os.environ["HZ_BASE"]
HOST, PORT = BASE.split("//")[1].split(":")
PORT = int(PORT)
PW = "huzhu-demo-2026"
_counts = {"passed": 0, "failed": 0}

def check(cond, what):
    if cond:
        _counts["passed"] += 1
    else:
        _counts["failed"] += 1
        print("FAIL:", what, file=sys.stderr)

def finish():
    print("%d passed, %d failed" % (_counts["passed"], _counts["failed"]))
    sys.exit(1 if _counts["failed"] else 0)

def req(method, path, body=None, token=None, raw=None, src="127.0.0.1", headers=None):
    h = dict(headers or {})
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    if token:
        h["Authorization"] = "Bearer " + token
    c = http.client.HTTPConnection(HOST, PORT, timeout=30, source_address=(src, 0))
    c.request(method, path, body=data, headers=h)
    r = c.getresponse()
    b = r.read()
    c.close()
    try:
        return r.status, json.loads(b)
    except ValueError:
        return r.status, b

def sql(q):
    if os.environ.get("HZ_PGDB"):
        p = subprocess.run(["psql", "-q", "-At", "-h", "127.0.0.1", "-p", os.environ["HZ_TEST_PG_PORT"], "-U", "postgres",
                            "-d", os.environ["HZ_PGDB"], "-c", q], capture_output=True, text=True, check=True)
        return p.stdout.strip()
    c = sqlite3.connect(os.environ["HZ_DBFILE"])
    try:
        rows = c.execute(q).fetchall()
        c.commit()
        return "\n".join("|".join(str(x) for x in r) for r in rows)
    finally:
        c.close()

def mkid(region, birth, seq):
    body = "%s%s%03d" % (region, birth, seq)
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * k for c, k in zip(body, w)) % 11]
