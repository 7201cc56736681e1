"""Role x scope over every list, report and export (issue 10), through the
CLI (`huzhu --as LOGIN`) and the API. Seeds two districts (甲区, 乙区), each
with a unit, three members, three claims (two paid, one at the bank); then a
cadre of either district, a unit liaison and a member must see no claim,
member, figure or row of the other district in every list, every report in
every format, the dashboard and every export, while seeing their own.
Run by tests/cli/test_scope.sh."""
import io, json, os, subprocess, sys, urllib.error, urllib.parse, urllib.request, zipfile

BASE, HUZHU, DBURL, T = os.environ["HZ_BASE"], os.environ["HUZHU"], os.environ["HZ_DBURL"], os.environ["HZ_T"]
PW = "scope-pass-2026"
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

def req(method, path, token=None, body=None):
    h = {"Authorization": "Bearer " + token} if token else {}
    data = None
    if body is not None:
        data, h["Content-Type"] = json.dumps(body).encode(), "application/json"
    r = urllib.request.Request(BASE + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(r, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()

def id_number(region, birth, seq):
    s17 = region + birth + "%03d" % seq
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return s17 + "10X98765432"[sum(int(a) * b for a, b in zip(s17, w)) % 11]

def credit(body17):
    al = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    c = 31 - sum(al.index(ch) * k for ch, k in zip(body17, w)) % 31
    return body17 + al[0 if c == 31 else c]

def luhn(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)

# --- the seed: two districts ----------------------------------------------------
D = {
    "A": {"org": "XA-JA", "org_name": "甲区总工会", "unit": credit("91610102MA6TG1234"), "unit_name": "甲区机械厂",
          "names": ["司马春华", "司马夏雨", "司马秋月"], "region": "610102"},
    "B": {"org": "XA-YI", "org_name": "乙区总工会", "unit": credit("91610113MA6TH5678"), "unit_name": "乙区纺织厂",
          "names": ["欧阳春华", "欧阳夏雨", "欧阳秋月"], "region": "610113"},
}
must("org", "add", "--code", "XA", "--name", "西安市总工会", "--kind", "federation")
for k, d in D.items():
    must("org", "add", "--code", d["org"], "--name", d["org_name"], "--parent", "XA", "--kind", "district")
    must("unit", "add", "--code", d["unit"], "--name", d["unit_name"], "--org", d["org"])
    d["ids"], d["cards"], d["setl"] = [], [], []
    for i, name in enumerate(d["names"]):
        idn = id_number(d["region"], "1985%02d15" % (i + 3), 11 + i + (10 if k == "B" else 0))
        card = luhn("621700%012d" % (int(idn[-8:-1]) + (1 if k == "A" else 2)))
        must("member", "add", "--id-number", idn, "--name", name, "--unit", d["unit"], "--bank-card", card,
             "--bank-name", "中国工商银行西安分行")
        must("enroll", "--id-number", idn, "--plan", "ZY", "--start", "2026-01-01")
        d["ids"].append(idn)
        d["cards"].append(card)
        d["setl"].append("SCOPE-%s%d" % (k, i + 1))
feed = "setl_id,certno,psn_name,med_type,adm_date,dscg_date,main_diag_code,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay\n"
for k, d in D.items():
    for i in range(3):
        feed += "%s,%s,%s,21,2026-06-%02d,2026-06-%02d,J18.9,%d.00,5000.00,%d.00,0\n" % (
            d["setl"][i], d["ids"][i], d["names"][i], 1 + i, 10 + i, 10000 + 1000 * i + (500 if k == "B" else 0),
            3300 + 1000 * i + (500 if k == "B" else 0))
open(os.path.join(T, "feed.csv"), "w").write(feed)
must("import", "settlements", os.path.join(T, "feed.csv"))
for k, d in D.items():
    d["claims"] = []
    for i in range(3):
        c = json.loads(must("--json", "claim", "submit", "--id-number", d["ids"][i], "--settlement", d["setl"][i],
                            "--documents-complete"))
        if c["status"] == "adjudicated":
            must("claim", "approve", c["claim_no"])
        d["claims"].append(c["claim_no"])
must("pay", "batch", "--out", os.path.join(T, "bank.csv"))
paid = [d["claims"][i] for d in D.values() for i in (0, 1)]
open(os.path.join(T, "result.csv"), "w").write(
    "业务编号,结果,失败原因,银行流水号\n" + "".join("%s,成功,,SC%d\n" % (no, n) for n, no in enumerate(paid)))
must("pay", "confirm", os.path.join(T, "result.csv"))
# joining online (issue 15): a joint union in each district, an application to it, a sponsorship of it
for k, d in D.items():
    must("org", "add", "--code", d["org"] + "-XYT", "--name", d["org_name"][:2] + "骑手联合工会", "--parent", d["org"],
         "--kind", "joint")
    d["applicant"] = "上官" + d["names"][0][2:] if k == "A" else "慕容" + d["names"][0][2:]
    d["app_id"] = id_number(d["region"], "1995%02d20" % (5 if k == "A" else 6), 61)
    must("application", "submit", "--name", d["applicant"], "--id-number", d["app_id"], "--phone", "13900001111",
         "--occupation", "外卖骑手", "--org", d["org"] + "-XYT")
    must("sponsorship", "add", "--org", d["org"] + "-XYT", "--plan", "XYT", "--months", "12", "--from", "2026-01-01",
         "--to", "2026-12-31")
for login, role, scope in (("boss", "admin", None), ("cadre-a", "cadre", "org:XA-JA"), ("cadre-b", "cadre", "org:XA-YI"),
                           ("unit-a", "unit", "unit:" + D["A"]["unit"]), ("member-a", "member", "member:" + D["A"]["ids"][0])):
    must("user", "add", login, "--role", role, *(["--scope", scope] if scope else []), stdin=(PW + "\n").encode())

def markers(k, only=None):
    """What identifies district k's people and money in any output (only:
    those members' alone, not their unit's and district's)."""
    d = D[k]
    idx = range(3) if only is None else only
    m = [d["org_name"], d["unit_name"], d["unit"], d["applicant"], d["app_id"], d["org"] + "-XYT"] if only is None else []
    for i in idx:
        m += [d["names"][i], d["ids"][i], d["cards"][i], d["claims"][i], d["setl"][i]]
    return m

def text_of(blob):
    """Every string an output holds: XLSX is unzipped, the rest is text."""
    if blob[:2] == b"PK":
        z = zipfile.ZipFile(io.BytesIO(blob))
        return "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
    return blob.decode(errors="replace")

def no_leak(blob, hidden, what):
    t = text_of(blob)
    leaked = [m for m in hidden if m in t]
    check(not leaked, "%s: shows %s" % (what, leaked))

# who sees what: (login, API token, markers that must not show, markers that must, may read reports)
tokens = {}
for login in ("boss", "cadre-a", "cadre-b", "unit-a", "member-a"):
    st, b = req("POST", "/api/v1/session", body={"login": login, "password": PW})
    assert st == 200, (login, st, b)
    tokens[login] = json.loads(b)["token"]
viewers = [
    ("cadre-a", markers("B"), [D["A"]["names"][0], D["A"]["claims"][0]], True),
    ("cadre-b", markers("A"), [D["B"]["names"][0], D["B"]["claims"][0]], True),
    ("unit-a", markers("B"), [D["A"]["names"][0], D["A"]["claims"][0]], False),
    ("member-a", markers("B") + markers("A", only=(1, 2)), [D["A"]["names"][0], D["A"]["claims"][0]], False),
]

st, b = req("GET", "/api/v1/reports", tokens["boss"])
REPORTS = [r["name"] for r in json.loads(b)["items"]]
check(len(REPORTS) >= 8 and "overdue" in REPORTS, "the registry's reports: %s" % REPORTS)
LISTS = ["/api/v1/members?per_page=500", "/api/v1/units?per_page=500", "/api/v1/orgs?per_page=500",
         "/api/v1/claims?per_page=500", "/api/v1/applications?per_page=500", "/api/v1/sponsorships"] + [
         "/api/v1/%s?format=%s%s" % (what, fmt, q) for what in ("claims", "members") for fmt in ("csv", "xlsx")
         for q in ("", "&q=" + urllib.parse.quote("欧阳"), "&q=" + D["B"]["ids"][0].lower())] + ["/api/v1/members?per_page=500&q=" + urllib.parse.quote(q)
                                          for q in ("欧阳", "司马", D["B"]["ids"][0], D["A"]["ids"][1])]

refs = {}
st, b = req("GET", "/api/v1/members?per_page=500", tokens["boss"])
for m in json.loads(b)["items"]:
    refs[m["id_number"]] = m["ref"]

for login, hidden, own, reads_reports in viewers:
    t = tokens[login]
    # every list
    for path in LISTS:
        st, b = req("GET", path, t)
        check(st in (200, 403), "%s %s answers (%s)" % (login, path, st))
        no_leak(b, hidden, "%s GET %s" % (login, path))
    st, b = req("GET", "/api/v1/claims?per_page=500", t)
    body = b.decode()
    check(all(o in body for o in own[1:]), "%s sees its own claims in the list" % login)
    st, b = req("GET", "/api/v1/members?per_page=500", t)
    check(own[0] in b.decode(), "%s sees its own members in the list" % login)
    if login.startswith("cadre"):
        mine = D["A" if login == "cadre-a" else "B"]["applicant"]
        st, b = req("GET", "/api/v1/applications", t)
        check(st == 200 and mine in b.decode() and json.loads(b)["total"] == 1, "%s sees its own application" % login)
        rc, out, err = cli("--json", "application", "list", as_=login)
        check(rc == 0 and mine in out.decode() and json.loads(out)["total"] == 1, "%s CLI: its own application" % login)
        no_leak(out, hidden, "%s CLI application list" % login)
        rc, out, err = cli("--json", "sponsorship", "list", as_=login)
        check(rc == 0 and json.loads(out)["total"] == 1, "%s CLI: its own sponsorship" % login)
        no_leak(out, hidden, "%s CLI sponsorship list" % login)
    # every report, every format, API and CLI
    for name in REPORTS:
        for fmt in ("json", "csv", "xlsx"):
            st, b = req("GET", "/api/v1/reports/%s?from=2019-01-01&format=%s" % (name, fmt), t)
            check(st == (200 if reads_reports else 403), "%s API report %s %s: %s" % (login, name, fmt, st))
            no_leak(b, hidden, "%s API report %s %s" % (login, name, fmt))
        for fmt in ("table", "csv", "json"):
            rc, out, err = cli("report", name, "--from", "2019-01-01", "--format", fmt, as_=login)
            check((rc == 0) == reads_reports, "%s CLI report %s %s: exit %s %s" % (login, name, fmt, rc, err))
            no_leak(out + err.encode(), hidden, "%s CLI report %s %s" % (login, name, fmt))
        xlsx = os.path.join(T, "r.xlsx")
        rc, out, err = cli("report", name, "--from", "2019-01-01", "--format", "xlsx", "--out", xlsx, as_=login)
        if rc == 0:
            no_leak(open(xlsx, "rb").read(), hidden, "%s CLI report %s xlsx" % (login, name))
            os.unlink(xlsx)
    if reads_reports:
        st, b = req("GET", "/api/v1/reports/claims?from=2019-01-01", t)
        body = b.decode()
        check(all(o in body for o in own[1:]), "%s's claims report holds its own claims" % login)
    # the other district's objects, one by one: 404 as if missing
    other = "B" if login != "cadre-b" else "A"
    for i in range(3):
        idn, no = D[other]["ids"][i], D[other]["claims"][i]
        for path in ("/api/v1/members/" + idn, "/api/v1/members/ref/" + refs[idn], "/api/v1/claims/" + no,
                     "/api/v1/claims?id_number=" + idn, "/api/v1/claims?member=" + refs[idn]):
            st, b = req("GET", path, t)
            check(st == 404, "%s GET %s: %s" % (login, path, st))
            # the answer may repeat what was asked, nothing more
            no_leak(b, [m for m in hidden if m not in path], "%s GET %s" % (login, path))
        rc, out, err = cli("member", "show", idn, as_=login)
        check(rc == 4, "%s CLI member show of the other district: exit %s" % (login, rc))
        rc, out, err = cli("claim", "show", no, as_=login)
        check(rc == 4, "%s CLI claim show of the other district: exit %s" % (login, rc))
    st, b = req("GET", "/api/v1/orgs/%s/stats" % D[other]["org"], t)
    check(st in (403, 404), "%s GET the other district's org stats: %s" % (login, st))
    # its own member, opened by the handle even when the ID number is masked
    own_id = D["A" if login != "cadre-b" else "B"]["ids"][0]
    st, b = req("GET", "/api/v1/members/ref/" + refs[own_id], t)
    m = json.loads(b) if st == 200 else {}
    check(st == 200 and m.get("ref") == refs[own_id] and m["id_number"][-4:] == own_id[-4:],
          "%s opens its own member by ref (%s)" % (login, st))
    if login in ("cadre-a", "unit-a"):
        check("*" in m.get("id_number", ""), "%s sees the member's ID number masked" % login)
    st, b = req("GET", "/api/v1/claims?member=" + refs[own_id], t)
    check(st == 200 and json.loads(b)["total"] == 1, "%s lists its member's claims by ref (%s)" % (login, st))
    # exports that are not reports: the bank file is the office's
    st, b = req("POST", "/api/v1/payment-batches", t)
    check(st in (403, 404), "%s may not make a bank batch (%s)" % (login, st))

# --- figures: each cadre's are its district's, and the two make the city -------------
def dash(login, api=True):
    if api:
        st, b = req("GET", "/api/v1/reports/dashboard?from=2019-01-01", tokens[login])
        return json.loads(b)
    rc, out, err = cli("--json", "report", "dashboard", "--from", "2019-01-01", as_=login)
    return json.loads(out)
city, a, b_ = dash("boss"), dash("cadre-a"), dash("cadre-b")
check(dash("cadre-a", api=False) == a, "the CLI and the API give a cadre the same dashboard")
check(a["members"] == 3 and a["claims"] == 3 and b_["members"] == 3 and b_["claims"] == 3,
      "each cadre counts its 3 members and 3 claims (%s %s)" % (a["members"], a["claims"]))
cents = lambda s: int(s.replace(".", ""))
for key in ("members", "covered", "claims"):
    check(a[key] + b_[key] == city[key], "dashboard %s: A + B = city (%s + %s vs %s)" % (key, a[key], b_[key], city[key]))
for key in ("contributions", "paid"):
    check(cents(a[key]) + cents(b_[key]) == cents(city[key]), "dashboard %s: A + B = city" % key)
for key in ("paid_out", "pending"):
    check(cents(a["money"][key]) + cents(b_["money"][key]) == cents(city["money"][key]) and cents(a["money"][key]) > 0,
          "dashboard money.%s: A + B = city, A > 0 (%s %s %s)" % (key, a["money"][key], b_["money"][key], city["money"][key]))
# the district chart lists districts and joint unions (f7142d8): A's own two
check(sorted(x["name"] for x in a["districts"]) == sorted(["甲区总工会", "甲区骑手联合工会"]),
      "cadre A's districts: its own district and joint union (%s)" % a["districts"])
st, b = req("GET", "/api/v1/reports/claims?from=2019-01-01", tokens["cadre-a"])
rows = json.loads(b)["items"]
check(sorted(r["claim_no"] for r in rows) == sorted(D["A"]["claims"]) and all("*" in r["id_number"] for r in rows),
      "cadre A's claims report: its 3 claims, ID numbers masked")
check(cents(a["paid"]) == sum(cents(r["total"]) for r in rows if r["status"] == "paid") > 0,
      "cadre A's paid figure is the sum of its paid claims")
st, b = req("GET", "/api/v1/reports/stats", tokens["cadre-a"])
check(st == 200 and json.loads(b)["members"] == 3, "stats default to the cadre's own org")
st, b = req("GET", "/api/v1/reports/stats?org=XA-YI", tokens["cadre-a"])
check(st == 404, "stats of the other district: 404 (%s)" % st)
rc, out, err = cli("report", "stats", "--org", "XA-YI", as_="cadre-a")
check(rc == 4, "CLI stats of the other district: exit 4 (%s)" % rc)
rc, out, err = cli("report", "dashboard", as_="nobody")
check(rc == 4 and "nobody" in err, "--as an unknown login: exit 4 (%s %s)" % (rc, err))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
