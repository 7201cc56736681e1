"""Shared helpers of the list tests (tests/http/test_lists*.py): checks
counted in passed / failed, the CLI, SQL on either store, the API, paging
and the exports' rows."""
import csv, io, json, os, re, sqlite3, subprocess, sys, urllib.error, urllib.parse, urllib.request, zipfile

BASE, HUZHU, DBURL, T = os.environ["HZ_BASE"], os.environ["HUZHU"], os.environ["HZ_DBURL"], os.environ["HZ_T"]
PW = "lists-pass-2026"
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, file=sys.stderr)


def cli(*args, as_=None, stdin=None):
    cmd = [HUZHU, "--db", DBURL] + (["--as", as_] if as_ else []) + list(args)
    p = subprocess.run(cmd, input=stdin, capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode(errors="replace")


def must(*args, **kw):
    rc, out, err = cli(*args, **kw)
    if rc != 0:
        print("seed failed:", args, err, file=sys.stderr)
        sys.exit(1)
    return out


def sql(q):
    """Rows of a query on the test database, whichever store it is."""
    if DBURL.startswith("sqlite:"):
        con = sqlite3.connect(DBURL[len("sqlite:"):])
        rows = con.execute(q).fetchall()
        con.close()
        return [tuple(str(c) for c in r) for r in rows]
    out = subprocess.run(["psql", "-q", "-At", "-F", "\t", DBURL, "-c", q], capture_output=True, check=True).stdout
    return [tuple(line.split("\t")) for line in out.decode().splitlines() if line]


def one(q):
    return int(sql(q)[0][0])


def req(path, token, raw=False):
    r = urllib.request.Request(BASE + path, headers={"Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(r, timeout=60) as resp:
            body = resp.read()
            return resp.status, (body if raw else json.loads(body)), resp.headers
    except urllib.error.HTTPError as e:
        body = e.read()
        try:
            return e.code, json.loads(body), e.headers
        except ValueError:
            return e.code, body, e.headers


def credit(body17):
    al = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    c = 31 - sum(al.index(ch) * k for ch, k in zip(body17, w)) % 31
    return body17 + al[0 if c == 31 else c]


def login(name):
    r = urllib.request.Request(BASE + "/api/v1/session", data=json.dumps({"login": name, "password": PW}).encode(),
                               headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(r, timeout=30) as resp:
        return json.loads(resp.read())["token"]


def walk(path, token, per_page):
    """Every page of a list: the rows in order and the totals each page said."""
    got, totals, page = [], set(), 1
    while True:
        st, d, _ = req("%s%spage=%d&per_page=%d" % (path, "&" if "?" in path else "?", page, per_page), token)
        if st != 200:
            check(False, "GET %s page %d: %s %s" % (path, page, st, d))
            return got, totals
        totals.add(d["total"])
        got += d["items"]
        if len(d["items"]) < per_page:
            return got, totals
        page += 1


def csv_rows(blob):
    check(blob[:3] == b"\xef\xbb\xbf", "CSV starts with a UTF-8 BOM")
    return list(csv.reader(io.StringIO(blob[3:].decode("utf-8"))))


def xlsx_rows(blob):
    z = zipfile.ZipFile(io.BytesIO(blob))
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    return len(re.findall(r"<row ", sheet))




def two_districts():
    """The city XA with 甲区 (XA-JA) and 乙区 (XA-YI), a unit in each: their credit codes."""
    ua, ub = credit("91610102MA6TG1234"), credit("91610113MA6TH5678")
    must("org", "add", "--code", "XA", "--name", "西安市总工会", "--kind", "federation")
    must("org", "add", "--code", "XA-JA", "--name", "甲区总工会", "--parent", "XA", "--kind", "district")
    must("org", "add", "--code", "XA-YI", "--name", "乙区总工会", "--parent", "XA", "--kind", "district")
    must("unit", "add", "--code", ua, "--name", "甲区机械厂", "--org", "XA-JA")
    must("unit", "add", "--code", ub, "--name", "乙区纺织厂", "--org", "XA-YI")
    return ua, ub
