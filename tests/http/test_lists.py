"""The long lists (issue 16): paging, filters, sort and export of GET /members
and GET /claims, and the same exports through `huzhu member list` / `claim
list`. Seeds two districts: 甲区 with a generated roster of 300 members (some
model workers, some ID numbers ending in X) and their settled stays turned
into claims by 免申即享, 乙区 with 40; a few claims made by hand. Every
figure is checked against the database itself (SQL, either store), and a
cadre of 甲区 must see 甲区's rows only, in totals and exports too.
Run by tests/cli/test_lists.sh."""
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


# --- the seed ---------------------------------------------------------------------
UA, UB = credit("91610102MA6TG1234"), credit("91610113MA6TH5678")
must("org", "add", "--code", "XA", "--name", "西安市总工会", "--kind", "federation")
must("org", "add", "--code", "XA-JA", "--name", "甲区总工会", "--parent", "XA", "--kind", "district")
must("org", "add", "--code", "XA-YI", "--name", "乙区总工会", "--parent", "XA", "--kind", "district")
must("unit", "add", "--code", UA, "--name", "甲区机械厂", "--org", "XA-JA")
must("unit", "add", "--code", UB, "--name", "乙区纺织厂", "--org", "XA-YI")
roster = os.path.join(T, "all.csv")
must("gen", "roster", "340", "--out", roster, "--seed", "16")
lines = open(roster, encoding="utf-8-sig").read().splitlines()
head, rows = lines[0], lines[1:]
for name, part, unit, seed in (("a.csv", rows[:300], UA, "7"), ("b.csv", rows[300:], UB, "8")):
    path = os.path.join(T, name)
    open(path, "w", encoding="utf-8").write(head + "\n" + "\n".join(part) + "\n")
    must("import", "roster", path, "--unit", unit, "--plan", "ZY", "--start", "2026-01-01", "--skip-invalid")
    feed = os.path.join(T, name + ".feed")
    must("gen", "settlements", str(len(part) * 2), "--out", feed, "--roster", path, "--seed", seed)
    must("import", "settlements", feed)
must("claims", "proactive")
# a few claims by hand (source: application), one of them approved
ids_a = [r[0] for r in sql("SELECT m.id_number FROM member m JOIN unit u ON u.id = m.unit_id WHERE u.credit_code = '%s'"
                           " ORDER BY m.id" % UA)]
for idn in ids_a[:3]:
    must("claim", "submit", "--id-number", idn, "--diagnosis", "C50.9", "--date", "2026-10-01")
for login, role, scope in (("boss", "admin", None), ("cadre-a", "cadre", "org:XA-JA")):
    must("user", "add", login, "--role", role, *(["--scope", scope] if scope else []), stdin=(PW + "\n").encode())


def login(name):
    r = urllib.request.Request(BASE + "/api/v1/session", data=json.dumps({"login": name, "password": PW}).encode(),
                               headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(r, timeout=30) as resp:
        return json.loads(resp.read())["token"]


boss, cadre = login("boss"), login("cadre-a")
IN_A = "JOIN unit u ON u.id = m.unit_id WHERE u.credit_code = '%s'" % UA
n_members, n_members_a = one("SELECT count(*) FROM member"), one("SELECT count(*) FROM member m " + IN_A)
n_claims = one("SELECT count(*) FROM claim")
n_claims_a = one("SELECT count(*) FROM claim c JOIN member m ON m.id = c.member_id " + IN_A)
check(n_members == 340 and n_members_a == 300, "seed: 340 members, 300 in 甲区 (%d, %d)" % (n_members, n_members_a))
check(n_claims > 250 and 0 < n_claims_a < n_claims, "seed: more than 250 claims (%d, %d in 甲区)" % (n_claims, n_claims_a))


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


def claim_nos(items):
    return [c["claim_no"] for c in items]


# --- paging: disjoint, complete, total right ----------------------------------------
for token, who, want in ((boss, "admin", n_claims), (cadre, "cadre A", n_claims_a)):
    items, totals = walk("/api/v1/claims", token, 37)
    nos = claim_nos(items)
    check(totals == {want}, "%s claims: every page says total %d (%s)" % (who, want, totals))
    check(len(nos) == want and len(set(nos)) == want, "%s claims: pages disjoint and complete (%d rows, %d distinct)"
          % (who, len(nos), len(set(nos))))
for token, who, want in ((boss, "admin", n_members), (cadre, "cadre A", n_members_a)):
    items, totals = walk("/api/v1/members?sort=name", token, 45)
    refs = [m["ref"] for m in items]
    check(totals == {want} and len(refs) == want and len(set(refs)) == want,
          "%s members by name: pages disjoint and complete, total %d (%s, %d, %d)" % (who, want, totals, len(refs),
                                                                                      len(set(refs))))
all_a = set(r[0] for r in sql("SELECT c.claim_no FROM claim c JOIN member m ON m.id = c.member_id " + IN_A))
items, _ = walk("/api/v1/claims", cadre, 100)
check(set(claim_nos(items)) == all_a, "cadre A's claims are exactly 甲区's")
st, d, _ = req("/api/v1/claims?per_page=501", boss)
check(st == 400, "per_page 501: 400 (%s)" % st)

# --- sort -------------------------------------------------------------------------
for order in ("asc", "desc"):
    items, _ = walk("/api/v1/claims?sort=total&order=" + order, boss, 200)
    cents = [int(c["total"].replace(".", "")) for c in items]
    check(cents == sorted(cents, reverse=order == "desc") and len(cents) == n_claims,
          "claims sorted by total %s across pages" % order)
items, _ = walk("/api/v1/claims?sort=claim_no&order=asc", boss, 200)
check(claim_nos(items) == sorted(claim_nos(items)), "claims sorted by number")
st, d, _ = req("/api/v1/claims?per_page=500", boss)
check([c["claim_no"] for c in d["items"]][:5] == [r[0] for r in sql("SELECT claim_no FROM claim ORDER BY id DESC LIMIT 5")],
      "claims: newest first by default")
items, _ = walk("/api/v1/members?sort=birth_date&order=desc", boss, 200)
births = [m["birth_date"] for m in items]
check(births == sorted(births, reverse=True), "members sorted by birth date, descending")
asc, _ = walk("/api/v1/members?sort=name&order=asc", boss, 500)
desc, _ = walk("/api/v1/members?sort=name&order=desc", boss, 500)
check([m["ref"] for m in asc] == [m["ref"] for m in desc][::-1], "members by name: desc is asc reversed")
for bad in ("sort=colour", "order=sideways", "status=lost", "source=mail", "from=2026-13-01", "plan=Z%20Y",
            "from=2026-11-02&to=2026-11-01"):
    st, d, _ = req("/api/v1/claims?" + bad, boss)
    check(st == 400 and d["error"]["code"] == "VALIDATION", "claims ?%s: 400 (%s)" % (bad, st))
for bad in ("sort=colour", "flag=hero", "covered=maybe", "format=pdf"):
    st, d, _ = req("/api/v1/members?" + bad, boss)
    check(st == 400, "members ?%s: 400 (%s)" % (bad, st))

# --- filters against the database ---------------------------------------------------
# a claim approved with nothing to pay is closed, stored as approved with a total of 0 (docs/decisions.md)
stored = {"approved": "status = 'approved' AND total > 0", "closed": "status = 'approved' AND total = 0"}
for status in ("received", "adjudicated", "approved", "rejected", "paid", "closed"):
    st, d, _ = req("/api/v1/claims?per_page=500&status=" + status, boss)
    want = one("SELECT count(*) FROM claim WHERE " + stored.get(status, "status = '%s'" % status))
    check(d["total"] == want and all(c["status"] == status for c in d["items"]), "status %s: %d" % (status, want))
for source, flag in (("proactive", 1), ("application", 0)):
    st, d, _ = req("/api/v1/claims?per_page=10&source=" + source, boss)
    want = one("SELECT count(*) FROM claim WHERE proactive = %d" % flag)
    check(d["total"] == want and want > 0 and all(c["proactive"] == bool(flag) for c in d["items"]),
          "source %s: %d (%s)" % (source, want, d["total"]))
st, d, _ = req("/api/v1/claims?per_page=10&unit=" + UB, boss)
check(d["total"] == n_claims - n_claims_a, "unit filter: 乙区纺织厂's claims (%s)" % d["total"])
st, d, _ = req("/api/v1/claims?per_page=10&unit=" + UB, cadre)
check(st == 200 and d["total"] == 0 and d["items"] == [], "cadre A filtering on 乙区's unit: nothing (%s %s)" % (st, d))
st, d, _ = req("/api/v1/claims?per_page=10&plan=zy", boss)
want = one("SELECT count(DISTINCT claim_id) FROM claim_line WHERE plan_code = 'ZY'")
check(d["total"] == want and want > 0, "plan ZY (typed zy): %d (%s)" % (want, d["total"]))
# submitted on a Beijing day: stored UTC times from 16:00 the day before
days = sorted(set(r[0][:10] for r in sql("SELECT submitted_at FROM claim")))
st, d, _ = req("/api/v1/claims?per_page=10&from=2019-01-01&to=2099-12-31", boss)
check(d["total"] == n_claims, "from/to around everything: all claims")
st, d, _ = req("/api/v1/claims?per_page=10&to=2000-01-01", boss)
check(d["total"] == 0, "to before every claim: none")
st, d, _ = req("/api/v1/claims?per_page=10&from=" + days[-1] + "&to=" + days[-1], boss)
want = one("SELECT count(*) FROM claim WHERE submitted_at >= '%sT16:00:00Z' AND submitted_at < '%sT16:00:00Z'" % (
    __import__("datetime").date.fromisoformat(days[-1]).fromordinal(
        __import__("datetime").date.fromisoformat(days[-1]).toordinal() - 1).isoformat(), days[-1]))
check(d["total"] == want, "one Beijing day: %d (%s)" % (want, d["total"]))

# --- search -------------------------------------------------------------------------
x_ids = [r[0] for r in sql("SELECT m.id_number FROM member m %s AND m.id_number LIKE '%%X'" % IN_A)]
check(len(x_ids) > 0, "the roster has ID numbers ending in X (%d)" % len(x_ids))
xid = x_ids[0]
for token, who in ((boss, "admin"), (cadre, "cadre A")):
    st, d, _ = req("/api/v1/members?q=" + xid.lower(), token)
    check(d["total"] == 1 and d["items"][0]["id_number"][-1] == "X", "%s: a lowercase x finds %s (%s)" % (who, xid, d))
    st, d, _ = req("/api/v1/claims?per_page=500&q=" + xid.lower(), token)
    want = one("SELECT count(*) FROM claim c JOIN member m ON m.id = c.member_id WHERE m.id_number = '%s'" % xid)
    check(d["total"] == want, "%s: claims of %s by its lowercase x (%d, %s)" % (who, xid, want, d["total"]))
part = xid[6:14]  # the birth date
st, d, _ = req("/api/v1/members?per_page=500&q=" + part, boss)
want = one("SELECT count(*) FROM member WHERE id_number LIKE '%%%s%%'" % part)
check(d["total"] == want >= 1 and xid in [m["id_number"] for m in d["items"]], "admin: a part of an ID number (%s)" % part)
st, d, _ = req("/api/v1/members?sort=id_number", cadre)
check(st == 400 and "sort" in d["error"]["message"], "cadre: masked ID numbers are not sorted on (%s)" % st)
st, d, _ = req("/api/v1/members?per_page=500&q=" + part, cadre)
check(d["total"] == 0, "cadre: a part of an ID number finds nothing (masked roles type the whole number)")
name = sql("SELECT m.name FROM member m %s ORDER BY m.id LIMIT 1" % IN_A)[0][0]
st, d, _ = req("/api/v1/members?per_page=500&q=" + urllib.parse.quote(name[1:]), boss)
want = one("SELECT count(*) FROM member WHERE name LIKE '%%%s%%'" % name[1:])
check(d["total"] == want >= 1 and name in [m["name"] for m in d["items"]], "a part of a name: %s (%d)" % (name[1:], want))
st, d, _ = req("/api/v1/members?per_page=500&q=%25", boss)
check(d["total"] == 0, "a %% is searched for, not a wildcard (%s)" % d["total"])
no = sql("SELECT claim_no FROM claim ORDER BY id LIMIT 1")[0][0]
for q in (no, no.lower(), no[-6:]):
    st, d, _ = req("/api/v1/claims?per_page=500&q=" + q, boss)
    check(no in claim_nos(d["items"]), "claim number search %s" % q)
st, d, _ = req("/api/v1/claims?per_page=500&q=" + no, boss)
check(d["total"] == 1, "a whole claim number: one claim (%s)" % d["total"])
b_no = sql("SELECT c.claim_no FROM claim c JOIN member m ON m.id = c.member_id JOIN unit u ON u.id = m.unit_id"
           " WHERE u.credit_code = '%s' LIMIT 1" % UB)[0][0]
st, d, _ = req("/api/v1/claims?q=" + b_no, cadre)
check(st == 200 and d["total"] == 0, "cadre A searching 乙区's claim number: nothing")

# --- members: flags, plan, coverage ------------------------------------------------------
st, d, _ = req("/api/v1/members?per_page=500&flag=model", boss)
want = one("SELECT count(DISTINCT member_id) FROM member_flag WHERE kind = 'model'")
check(d["total"] == want > 0, "flag model: %d (%s)" % (want, d["total"]))
st, d, _ = req("/api/v1/members?per_page=500&flag=model", cadre)
want_a = one("SELECT count(DISTINCT f.member_id) FROM member_flag f JOIN member m ON m.id = f.member_id " + IN_A
                 + " AND f.kind = 'model'")
check(d["total"] == want_a < want, "cadre A, flag model: 甲区's %d (%s)" % (want_a, d["total"]))
st, d, _ = req("/api/v1/members?per_page=10&plan=ZY&covered=active", boss)
check(d["total"] == n_members, "covered by ZY today: every member (%s)" % d["total"])
for cov in ("expired", "none"):
    st, d, _ = req("/api/v1/members?per_page=10&covered=" + cov, boss)
    check(d["total"] == 0, "covered=%s: none (%s)" % (cov, d["total"]))
st, d, _ = req("/api/v1/members?per_page=10&plan=NG&covered=none", boss)
check(d["total"] == n_members, "no NG coverage: every member (%s)" % d["total"])
st, d, _ = req("/api/v1/members?per_page=10&unit=" + UA, boss)
check(d["total"] == n_members_a, "unit filter: 甲区机械厂's members")


# --- exports: exactly the filtered rows, in scope, CSV with BOM, XLSX -------------------------
def csv_rows(blob):
    check(blob[:3] == b"\xef\xbb\xbf", "CSV starts with a UTF-8 BOM")
    return list(csv.reader(io.StringIO(blob[3:].decode("utf-8"))))


def xlsx_rows(blob):
    z = zipfile.ZipFile(io.BytesIO(blob))
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    return len(re.findall(r"<row ", sheet))


for token, who in ((boss, "admin"), (cadre, "cadre A")):
    for path in ("/api/v1/claims?source=proactive&sort=total&order=desc", "/api/v1/claims?status=adjudicated",
                 "/api/v1/members?flag=model&sort=name", "/api/v1/members"):
        st, d, _ = req(path + "&per_page=1" if "?" in path else path + "?per_page=1", token)
        total = d["total"]
        st, blob, h = req(path + ("&" if "?" in path else "?") + "format=csv", token, raw=True)
        rows_ = csv_rows(blob) if st == 200 else []
        check(st == 200 and "attachment" in h.get("Content-Disposition", ""), "%s %s csv: %s" % (who, path, st))
        check(len(rows_) == total + 1, "%s %s csv: %d rows for total %d" % (who, path, len(rows_) - 1, total))
        if rows_:
            check(rows_[0][0] in ("理赔编号", "姓名") and "身份证号码" in rows_[0], "%s csv: Chinese titles %s" % (who, rows_[0]))
            if "claims" in path:
                nos = [r[0] for r in rows_[1:]]
                items, _ = walk(path, token, 500)
                check(nos == claim_nos(items), "%s %s csv: the list's rows in the list's order" % (who, path))
                if token == cadre:
                    check(set(nos) <= all_a, "cadre A's claims export holds 甲区's claims only")
                    check(all("*" in r[2] for r in rows_[1:]), "cadre A's export masks ID numbers")
            if "members" in path and token == cadre:
                check(all(r[4] == "甲区机械厂" for r in rows_[1:]), "cadre A's members export: 甲区 only")
        st, blob, h = req(path + ("&" if "?" in path else "?") + "format=xlsx", token, raw=True)
        check(st == 200 and blob[:2] == b"PK" and xlsx_rows(blob) == total + 1,
              "%s %s xlsx: %d rows" % (who, path, total))

# the CLI writes the same exports, in the caller's scope
for who, as_ in (("admin", None), ("cadre A", "cadre-a")):
    rc, out, err = cli("claim", "list", "--source", "proactive", "--sort", "total", "--order", "desc", "--format", "csv",
                       as_=as_)
    st, blob, _ = req("/api/v1/claims?source=proactive&sort=total&order=desc&format=csv", boss if as_ is None else cadre,
                      raw=True)
    check(rc == 0 and out == blob, "%s: huzhu claim list --format csv = the API's export (%s %s)" % (who, rc, err))
    rc, out, err = cli("--json", "member", "list", "--q", xid.lower(), as_=as_)
    check(rc == 0 and json.loads(out)["total"] == 1, "%s: huzhu member list --q lowercase x (%s %s)" % (who, rc, err))
rc, out, err = cli("member", "list", "--flag", "hero")
check(rc == 2 and "flag" in err, "huzhu member list --flag hero: exit 2 naming the flag (%s %s)" % (rc, err))
xlsx = os.path.join(T, "claims.xlsx")
rc, out, err = cli("claim", "list", "--status", "adjudicated", "--format", "xlsx", "--out", xlsx, as_="cadre-a")
st, d, _ = req("/api/v1/claims?per_page=1&status=adjudicated", cadre)
check(rc == 0 and xlsx_rows(open(xlsx, "rb").read()) == d["total"] + 1, "CLI xlsx as cadre A: its rows (%s)" % err)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
