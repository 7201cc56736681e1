#!/usr/bin/env python3
"""Replays the R4 bad-input corpus (cases/, made by make_corpus.py) against
a demo database and a running server: every case must fail with its exit
code or HTTP status and an error holding each of its substrings; the whole
database (every table, compared by content) must be what it was before the
case; after every HTTP case the server must still answer. Environment:
HUZHU, HZ_DB (the --db URL), HZ_BASE (server), HZ_DBFILE (SQLite) or
HZ_PGDB + HZ_TEST_PG_PORT (PostgreSQL), HZ_TMP (scratch directory)."""
import hashlib, http.client, json, os, sqlite3, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
HUZHU, DB, TMP = os.environ["HUZHU"], os.environ["HZ_DB"], os.environ["HZ_TMP"]
HOST, PORT = os.environ["HZ_BASE"].split("//")[1].split(":")
PORT = int(PORT)
PGDB = os.environ.get("HZ_PGDB")
ENV = dict(os.environ, HUZHU_TODAY="2026-11-29")
PW = "huzhu-demo-2026"
failed = passed = 0


def fail(what):
    global failed
    failed += 1
    print("FAIL:", what, file=sys.stderr)


def ok():
    global passed
    passed += 1


def psql(q):
    p = subprocess.run(["psql", "-q", "-At", "-h", "127.0.0.1", "-p", os.environ["HZ_TEST_PG_PORT"], "-U", "postgres",
                        "-d", PGDB, "-F", "\t", "-c", q], capture_output=True, text=True, check=True)
    return [r.split("\t") for r in p.stdout.splitlines() if r]


def sql(q):
    if PGDB:
        return psql(q)
    con = sqlite3.connect(os.environ["HZ_DBFILE"])
    try:
        return [[("" if c is None else str(c)) for c in r] for r in con.execute(q).fetchall()]
    finally:
        con.close()


def tables():
    if PGDB:
        return sorted(r[0] for r in psql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
    return sorted(r[0] for r in sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))


TABLES = None


def snapshot():
    """Every table's rows, order-free: {table: digest}."""
    if PGDB:
        q = " UNION ALL ".join("SELECT '%s', md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM %s t"
                               % (t, t) for t in TABLES)
        return {r[0]: r[1] for r in psql(q)}
    con = sqlite3.connect(os.environ["HZ_DBFILE"])
    try:
        out = {}
        for t in TABLES:
            rows = sorted(repr(r) for r in con.execute("SELECT * FROM %s" % t))
            out[t] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return out
    finally:
        con.close()


def request(method, path, body=None, token=None, headers=None):
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    c = http.client.HTTPConnection(HOST, PORT, timeout=60)
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data


def login(who):
    s, b = request("POST", "/api/v1/session", json.dumps({"login": who, "password": PW}).encode(),
                   headers={"Content-Type": "application/json"})
    if s != 200:
        raise SystemExit("login %s: %d %s" % (who, s, b[:200]))
    return json.loads(b)["token"]


def one(q):
    rows = sql(q)
    if not rows:
        raise SystemExit("the demo has no row for: " + q)
    return rows[0][0]


def resolve():
    """The demo's own numbers for the placeholders the cases use."""
    subprocess.run([HUZHU, "--db", DB, "pay", "batch", "--out", os.path.join(TMP, "r4-batch.csv")], env=ENV,
                   capture_output=True, check=True)
    v = {}
    v["MEMBER"] = one("SELECT m.id_number FROM member m JOIN coverage c ON c.member_id = m.id "
                      "WHERE c.status = 'active' ORDER BY m.id LIMIT 1")
    v["UNIT"] = one("SELECT credit_code FROM unit ORDER BY id LIMIT 1")
    v["SETL"], v["SETLCERT"] = sql("SELECT setl_id, certno FROM settlement WHERE refunded = 0 ORDER BY id LIMIT 1")[0]
    v["PAID"], v["PAIDREF"] = sql("SELECT p.payable_no, y.bank_ref FROM payment y JOIN payable p ON p.id = y.payable_id"
                                  " WHERE y.status = 'paid' ORDER BY y.id LIMIT 1")[0]
    v["PEND"], v["PENDBATCH"] = sql("SELECT p.payable_no, b.batch_no FROM payment y JOIN payable p ON p.id = "
                                    "y.payable_id JOIN payment_batch b ON b.id = y.batch_id WHERE y.status = 'pending'"
                                    " ORDER BY y.id LIMIT 1")[0]
    v["CLAIM"] = one("SELECT claim_no FROM claim WHERE status = 'adjudicated' ORDER BY id LIMIT 1")
    v["PROGRAM"] = one("SELECT code FROM relief_program WHERE kind = 'visit' ORDER BY id LIMIT 1")
    return v


def fill(x, v):
    if isinstance(x, bytes):
        for k, val in v.items():
            x = x.replace(("{{%s}}" % k).encode(), val.encode())
        return x
    for k, val in v.items():
        x = x.replace("{{%s}}" % k, val)
    return x


def run_case(c, v, tokens):
    """-> (problem or None, error text)"""
    data = None
    if c["input"]:
        with open(os.path.join(CASES, c["input"]), "rb") as f:
            data = fill(f.read(), v)
    want = [fill(s, v) for s in c["error"]]
    if c["via"] == "cli":
        args = [fill(a, v) for a in c["args"]]
        if data is not None:
            path = os.path.join(TMP, c["input"])
            with open(path, "wb") as f:
                f.write(data)
            args = [path if a == "{{INPUT}}" else a for a in args]
        p = subprocess.run([HUZHU, "--db", DB, *args], capture_output=True, env=ENV)
        text = (p.stdout + p.stderr).decode("utf-8", "replace")
        if p.returncode != c["exit"]:
            return "exit %d, want %d" % (p.returncode, c["exit"]), text
    else:
        status, body = request(c["method"], fill(c["path"], v), data, tokens.get(c.get("role")),
                               c.get("headers") or {"Content-Type": "text/csv"})
        text = body.decode("utf-8", "replace")
        if status != c["status"]:
            return "status %d, want %d" % (status, c["status"]), text
        try:
            doc = json.loads(body)
        except ValueError:
            return "the error is not JSON", text
        # the text as a person reads it: message, then each refused row
        err = doc.get("error", {}) if isinstance(doc, dict) else {}
        lines = ["%s: %s" % (err.get("code"), err.get("message"))]
        for d in err.get("details") or []:
            lines.append("第%s行 [%s] %s" % (d.get("row"), d.get("column"), d.get("reason")))
        text = "\n".join(lines)
    missing = [s for s in want if s not in text]
    if missing:
        return "error lacks %s" % missing, text
    return None, text


def main():
    global TABLES
    only = sys.argv[1:]  # case names to run (default: all)
    tokens = {r: login(r) for r in ["admin", "staff", "reviewer", "finance", "cadre"]}
    tokens[None] = None
    v = resolve()
    TABLES = tables()
    names = sorted(n[:-5] for n in os.listdir(CASES) if n.endswith(".json"))
    if only:
        names = [n for n in names if n in only]
    before = snapshot()
    n_cli = n_http = 0
    for name in names:
        with open(os.path.join(CASES, name + ".json"), encoding="utf-8") as f:
            c = json.load(f)
        problem, text = run_case(c, v, tokens)
        if problem:
            fail("%s (%s): %s\n    got: %s" % (name, c["what"], problem, text.strip()[:400]))
        else:
            ok()
        after = snapshot()
        changed = [t for t in TABLES if before[t] != after[t]]
        if changed:
            fail("%s (%s): wrote to %s" % (name, c["what"], ", ".join(changed)))
            before = after
        else:
            ok()
        if c["via"] == "http":
            n_http += 1
            s, _ = request("GET", "/api/v1/me", token=tokens["staff"])
            if s != 200:
                fail("%s: the server no longer answers (GET /me: %d)" % (name, s))
            else:
                ok()
        else:
            n_cli += 1
    check = subprocess.run([HUZHU, "--db", DB, "check"], capture_output=True, env=ENV)
    if check.returncode:
        fail("huzhu check after the corpus: %s" % check.stdout.decode()[-400:])
    else:
        ok()
    print("R4 corpus: %d cases (%d cli, %d http); %d passed, %d failed" % (len(names), n_cli, n_http, passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
