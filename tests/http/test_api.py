"""HTTP API integration tests against a server on a random loopback port:
endpoints' success and error paths, the authorization matrix (R7), abuse
(R6), audit tampering (R8). Run by tests/cli/test_http.sh."""
import json, os, socket, sqlite3, subprocess, sys, time, urllib.request, urllib.error

BASE = os.environ["HZ_BASE"]
DB = os.environ["HZ_DBFILE"]
HUZHU = os.environ["HUZHU"]
PW = "huzhu-demo-2026"
passed = failed = 0

def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, file=sys.stderr)

def req(method, path, body=None, token=None, headers=None, raw=None):
    h = dict(headers or {})
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    if token:
        h["Authorization"] = "Bearer " + token
    r = urllib.request.Request(BASE + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(r, timeout=30) as resp:
            return resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)

def jreq(*a, **k):
    st, b, h = req(*a, **k)
    try:
        return st, json.loads(b)
    except ValueError:
        return st, b

def login(user):
    st, d = jreq("POST", "/api/v1/session", {"login": user, "password": PW})
    assert st == 200, (user, st, d)
    return d["token"]

# --- basics -------------------------------------------------------------
st, d = jreq("GET", "/healthz")
check(st == 200 and d["status"] == "ok", "healthz")
st, b, h = req("GET", "/metrics")
check(st == 200 and b"huzhu_http_requests_total" in b, "metrics text")
st, api = jreq("GET", "/api/v1/openapi.json")
check(st == 200 and api["openapi"].startswith("3."), "openapi document")
check("/claims/{claim_no}/approve" in api["paths"] and "post" in api["paths"]["/claims/{claim_no}/approve"], "openapi lists routes")
st, d = jreq("GET", "/api/v1/members")
check(st == 401 and d["error"]["code"] == "UNAUTHORIZED", "401 without a session")
st, b, h = req("GET", "/api/v1/members")
for k in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
    check(k in h, "security header " + k)
st, d = jreq("POST", "/api/v1/session", {"login": "admin", "password": "wrong-password"})
check(st == 401, "wrong password 401")
st, d = jreq("GET", "/api/v1/nothing-here", token=None)
check(st in (401, 404), "unknown endpoint")

tokens = {u: login(u) for u in ("admin", "staff", "reviewer", "finance", "cadre", "unit", "member")}
A = tokens["admin"]
st, me = jreq("GET", "/api/v1/me", token=tokens["cadre"])
check(st == 200 and me["role"] == "cadre" and me["scope"] == "org:XA-XC", "me")

# --- cookie sessions need the CSRF header for unsafe methods ---------------
st, b, h = req("POST", "/api/v1/session", {"login": "staff", "password": PW})
cookie = h.get("Set-Cookie", "")
check("HttpOnly" in cookie and "SameSite=Strict" in cookie, "session cookie flags")
csrf = json.loads(b)["csrf"]
ck = cookie.split(";")[0]
st, d = jreq("POST", "/api/v1/claims/proactive", headers={"Cookie": ck})
check(st == 403, "cookie POST without CSRF refused")
st, d = jreq("POST", "/api/v1/claims/proactive", headers={"Cookie": ck, "X-CSRF-Token": csrf})
check(st == 200, "cookie POST with CSRF accepted")
st, d = jreq("GET", "/api/v1/me", headers={"Cookie": ck})
check(st == 200 and d["login"] == "staff", "cookie GET")

# --- objects for the matrix ----------------------------------------------------
st, d = jreq("GET", "/api/v1/members?q=%E4%BD%95%E7%A7%80%E8%8B%B1", token=A)   # 何秀英
he = d["items"][0]["id_number"]
st, units = jreq("GET", "/api/v1/units?per_page=500", token=A)
qj = [u for u in units["items"] if u["name"] == "西安曲江建设集团有限公司"][0]["code"]
st, d = jreq("GET", "/api/v1/members?unit=" + qj + "&per_page=1", token=A)
qm = d["items"][0]["id_number"]
st, d = jreq("GET", "/api/v1/claims?per_page=500", token=A)
claims = d["items"]
he_claim = [c for c in claims if c["member"]["id_number"] == he][0]["claim_no"]
qj_claims = [c for c in claims if c["member"]["id_number"] == qm]

# who may see whom: 何秀英 is in 五环 (新城区); the 曲江 member is in 雁塔区
visible = {
    "admin": (True, True), "staff": (True, True), "reviewer": (True, True), "finance": (True, True),
    "cadre": (True, False), "unit": (False, True), "member": (True, False),
}
scoped_figures = {}
for role, (see_he, see_qm) in visible.items():
    t = tokens[role]
    st, d = jreq("GET", "/api/v1/members/" + he, token=t)
    check(st == (200 if see_he else 404), f"R7 {role} member in/out of scope ({st})")
    st, d = jreq("GET", "/api/v1/members/" + qm, token=t)
    check(st == (200 if see_qm else 404), f"R7 {role} other unit's member ({st})")
    st, d = jreq("GET", "/api/v1/claims/" + he_claim, token=t)
    check(st == (200 if see_he else 404), f"R7 {role} claim visibility ({st})")
    # lists never leak objects out of scope
    st, d = jreq("GET", "/api/v1/members?per_page=500", token=t)
    ids = {m["id_number"] for m in d["items"]}
    if role == "unit":
        check(all(m["unit"] == qj for m in d["items"]) and d["total"] > 0, "R7 unit list is its own unit")
    if role == "member":
        check(d["total"] == 1, "R7 member sees only themself")
    if role == "cadre":
        check(all(m["org"] == "XA-XC" for m in d["items"]), "R7 cadre list is the district")
    st, d = jreq("GET", "/api/v1/claims?per_page=500", token=t)
    if not see_he:
        check(all(c["claim_no"] != he_claim for c in d["items"]), f"R7 {role} claim list hides out-of-scope claims")
    # reports take the same scope as lists (hz_scope_filter): figures and rows
    if role in ("admin", "cadre"):
        mine = {c["claim_no"] for c in d["items"]}
        n_claims = d["total"]
        st, dash = jreq("GET", "/api/v1/reports/dashboard?from=1900-01-01", token=t)
        check(st == 200 and dash["claims"] == n_claims, f"scope: {role} dashboard counts its own claims ({dash.get('claims')} vs {n_claims})")
        st, od = jreq("GET", "/api/v1/reports/overdue", token=t)
        check(st == 200 and all(i["claim_no"] in mine for i in od["items"]), f"scope: {role} overdue rows are its own claims")
        st, sla = jreq("GET", "/api/v1/reports/sla", token=t)
        check(st == 200 and sla["complete"] <= n_claims, f"scope: {role} SLA counts only its own claims")
        scoped_figures[role] = (dash["claims"], dash["paid"], sla["complete"])

check(scoped_figures["cadre"][0] < scoped_figures["admin"][0] and scoped_figures["cadre"][2] < scoped_figures["admin"][2],
      f"scope: a district cadre's figures are smaller than the city's {scoped_figures}")

# one registry of reports: the API offers what the CLI offers, in every format
st, reps = jreq("GET", "/api/v1/reports", token=A)
names = [x["name"] for x in reps["items"]]
p = subprocess.run([HUZHU, "--db", os.environ["HZ_DBURL"], "report"], capture_output=True, text=True)
check(st == 200 and p.returncode == 1 and all(n in p.stderr for n in names) and
      set(names) >= {"dashboard", "districts", "stats", "coverage", "claims", "sla", "overdue", "payouts"},
      "the API and the CLI offer the same reports (%s)" % names)
for n in names:
    st, d = jreq("GET", "/api/v1/reports/%s?from=2019-01-01&org=XA" % n, token=A)
    check(st == 200 and d["report"] == n, "API report %s json (%s)" % (n, st))
    st, b, h = req("GET", "/api/v1/reports/%s?from=2019-01-01&org=XA&format=csv" % n, token=A)
    check(st == 200 and b.startswith(b"\xef\xbb\xbf") and "text/csv" in h.get("Content-Type", ""), "API report %s csv" % n)
    st, b, h = req("GET", "/api/v1/reports/%s?from=2019-01-01&org=XA&format=xlsx" % n, token=A)
    check(st == 200 and b.startswith(b"PK") and n in h.get("Content-Disposition", ""), "API report %s xlsx" % n)
st, d = jreq("GET", "/api/v1/reports/dashboard?format=pdf", token=A)
check(st == 400 and "format" in d["error"]["message"], "API report: unknown format 400")
st, d = jreq("GET", "/api/v1/reports/nope", token=A)
check(st == 404 and "dashboard" in d["error"]["message"], "API report: unknown name 404 naming the reports")

# masking: cadre and unit see masked ID numbers and cards; staff sees them in full
st, d = jreq("GET", "/api/v1/members/" + he, token=tokens["cadre"])
check("*" in d["id_number"] and d["id_number"].startswith(he[:4]) and d["id_number"].endswith(he[-4:]), "cadre sees masked ID")
check(d["bank_card"] is None or "*" in d["bank_card"], "cadre sees masked card")
st, d = jreq("GET", "/api/v1/members/" + he, token=tokens["staff"])
check(d["id_number"] == he, "staff sees the full ID")

# role matrix for actions (in scope): approve, pay, import, add users, audit
actions = [
    ("POST", "/api/v1/claims/%s/approve" % he_claim, None, {"admin", "reviewer"}),
    ("POST", "/api/v1/payment-batches", None, {"admin", "finance"}),
    ("POST", "/api/v1/claims/proactive", None, {"admin", "staff"}),
    ("GET", "/api/v1/audit/verify", None, {"admin"}),
    ("POST", "/api/v1/orgs", {"code": "T-ORG", "name": "测试工会", "parent": "XA-XC", "kind": "grassroots"}, {"admin", "staff"}),
    ("GET", "/api/v1/reports/sla", None, {"admin", "staff", "reviewer", "finance", "cadre"}),
]
for method, path, body, allowed in actions:
    for role, t in tokens.items():
        st, d = jreq(method, path, body, token=t)
        if role in allowed:
            check(st not in (401, 403), f"R7 {role} may {method} {path} ({st})")
        else:
            check(st in (403, 404), f"R7 {role} may not {method} {path} ({st})")

# --- a claim over HTTP: feed, submit, review, pay, confirm ------------------------
feed = ("setl_id,certno,med_type,adm_date,dscg_date,main_diag_code,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay\n"
        "HTTP0001,%s,21,2026-09-01,2026-09-10,I21.0,30000.00,15000.00,11300.00,0\n" % qm).encode()
st, d = jreq("POST", "/api/v1/settlements", token=tokens["staff"], raw=feed, headers={"Content-Type": "text/csv"})
check(st == 200 and d["new"] == 1, "feed upload")
st, d = jreq("POST", "/api/v1/settlements", token=tokens["staff"], raw=feed, headers={"Content-Type": "text/csv"})
check(st == 200 and d["duplicate"] == 1, "feed upload idempotent")
st, c = jreq("POST", "/api/v1/claims", {"id_number": qm, "settlements": ["HTTP0001"], "documents_complete": True}, token=tokens["staff"])
check(st == 201 and c["status"] in ("adjudicated", "approved") and c["lines"], "claim created")
st, d = jreq("POST", "/api/v1/claims", {"id_number": qm, "settlements": ["HTTP0001"]}, token=tokens["staff"])
check(st == 409 and c["claim_no"] in d["error"]["message"], "R2: duplicate settlement 409 naming the claim")
if c["status"] == "adjudicated":
    st, c = jreq("POST", "/api/v1/claims/%s/approve" % c["claim_no"], token=tokens["reviewer"])
    check(st == 200 and c["status"] == "approved", "approve")
st, b = jreq("POST", "/api/v1/payment-batches", token=tokens["finance"])
check(st == 201 and b["count"] >= 1, "payment batch")
st, raw, h = req("GET", b["file"], token=tokens["finance"])
check(st == 200 and raw.startswith(b"\xef\xbb\xbf") and c["claim_no"].encode() in raw, "bank file download")
result = ("业务编号,结果,失败原因,银行流水号\n%s,成功,,B1\n" % c["claim_no"]).encode()
st, d = jreq("POST", "/api/v1/payment-batches/confirm", token=tokens["finance"], raw=result)
check(st == 200 and d["paid"] == 1, "bank result upload")
st, c2 = jreq("GET", "/api/v1/claims/" + c["claim_no"], token=tokens["unit"])
check(st == 200 and c2["status"] == "paid" and c2["sla_days"] == 0, "unit sees its member's claim paid")
st, d = jreq("POST", "/api/v1/claims/%s/reject" % c["claim_no"], {"reason": "测试"}, token=tokens["reviewer"])
check(st == 409, "a paid claim cannot be rejected")

# --- input normalised at every entry point (issue 10) --------------------------------
import urllib.parse
def id_check(s17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(a) * b for a, b in zip(s17, w)) % 11]
def ids_with(prefix14, last):
    return [prefix14 + "%03d" % n + last for n in range(1000) if id_check(prefix14 + "%03d" % n) == last]
wide = lambda s: "".join(chr(ord(c) + 0xFEE0) for c in s)
ST = tokens["staff"]
nid = [i for i in ids_with("61011319900312", "X") if jreq("GET", "/api/v1/members/" + i, token=ST)[0] == 404][0]
other = [i for i in ids_with("61011319850506", "4") if jreq("GET", "/api/v1/members/" + i, token=ST)[0] == 404][0]
variants = {"lower": nid[:-1] + "x", "wide": wide(nid[:-1] + "x"), "nbsp": nid + "\u00a0", "zwsp": nid[:10] + "\u200b" + nid[10:]}
too_long, bad_check = wide(nid[:-1] + "11"), nid[:-1] + ("1" if nid[-1] != "1" else "2")
def bad_id(st, d, needle, what):
    check(st == 400 and d["error"]["code"] == "VALIDATION" and needle in d["error"]["message"], what + " (%s %s)" % (st, d))
st, d = jreq("POST", "/api/v1/members", {"id_number": variants["lower"], "name": "阿依古丽•买买提", "unit": qj.lower(),
                                         "phone": "138 1234-5678", "bank_card": "6217 0000 0000 0000 004"}, token=ST)
check(st in (200, 201) and d["id_number"] == nid and d["name"] == "阿依古丽·买买提" and d["phone"] == "13812345678",
      "API member add: lower-case x, look-alike dot, spaced phone (%s %s)" % (st, d))
st, d = jreq("POST", "/api/v1/members", {"id_number": variants["wide"], "name": "王芳", "unit": qj}, token=ST)
check(st == 409, "API member add: the same person in full-width is a duplicate")
for k, v in variants.items():
    st, d = jreq("GET", "/api/v1/members/" + urllib.parse.quote(v), token=ST)
    check(st == 200 and d["id_number"] == nid, "API path parameter, %s (%s)" % (k, st))
st, d = jreq("GET", "/api/v1/members/" + urllib.parse.quote(too_long), token=ST)
bad_id(st, d, "got 19 characters", "API path parameter: length in characters")
st, d = jreq("GET", "/api/v1/members/" + bad_check, token=ST)
bad_id(st, d, "校验位", "API path parameter: check digit")
for (k, v), plan in zip(variants.items(), ("ZY", "ZJ", "NG", "YW")):
    st, d = jreq("POST", "/api/v1/coverages", {"id_number": v, "plan": plan, "start": "2026-01-01"}, token=ST)
    check(st in (200, 201), "API enroll, %s (%s %s)" % (k, st, d))
for body_id, needle in ((too_long, "got 19 characters"), (bad_check, "校验位")):
    st, d = jreq("POST", "/api/v1/coverages", {"id_number": body_id, "plan": "JT", "start": "2026-01-01"}, token=ST)
    bad_id(st, d, needle, "API enroll refuses: " + needle)
# the feed over HTTP
F = "setl_id,certno,med_type,adm_date,dscg_date,main_diag_code,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay\n"
rows = "".join("NORM%s,%s,21,2026-0%d-01,2026-0%d-05,j18.9,5000.00,3000.00,1800.00,0\n" % (k, v, 5 + i, 5 + i)
               for i, (k, v) in enumerate(variants.items()))
badrows = "NORMLONG,%s,21,2026-09-01,2026-09-05,J18.9,5000.00,3000.00,1800.00,0\nNORMBAD,%s,21,2026-09-01,2026-09-05,J18.9,5000.00,3000.00,1800.00,0\n" % (too_long, bad_check)
st, d = jreq("POST", "/api/v1/settlements", token=ST, raw=(F + rows + badrows).encode(), headers={"Content-Type": "text/csv"})
details = (d.get("error") or {}).get("details") or []
check(st == 400 and [(r["row"], r["column"]) for r in details] == [(6, "certno"), (7, "certno")]
      and "got 19 characters" in details[0]["reason"] and "校验位" in details[1]["reason"], "API feed: bad certno rows only (%s %s)" % (st, d))
st, d = jreq("POST", "/api/v1/settlements", token=ST, raw=(F + rows).encode(), headers={"Content-Type": "text/csv"})
check(st == 200 and d["new"] == 4 and d["unmatched"] == 0, "API feed: four spellings match the member (%s %s)" % (st, d))
# claims: the handler normalises before the use case
for i, (k, v) in enumerate(variants.items()):
    st, d = jreq("POST", "/api/v1/claims", {"id_number": v, "settlements": ["NORM" + k], "documents_complete": True}, token=ST)
    check(st == 201 and d["member"]["id_number"] == nid, "API claim submit, %s (%s %s)" % (k, st, d))
for body_id, needle in ((too_long, "got 19 characters"), (bad_check, "校验位")):
    st, d = jreq("POST", "/api/v1/claims", {"id_number": body_id, "diagnosis": "C50.9", "date": "2026-10-01"}, token=ST)
    bad_id(st, d, needle, "API claim submit refuses: " + needle)
# search: the query is normalised; a fragment finds the member for those who see numbers in full
for q in (nid[-6:-1] + "x", variants["wide"], variants["nbsp"], nid[:10], "阿依古丽・买"):
    st, d = jreq("GET", "/api/v1/members?per_page=500&q=" + urllib.parse.quote(q), token=ST)
    check(st == 200 and nid in [m["id_number"] for m in d["items"]], "API search finds %r (%s)" % (q, d.get("total")))
st, d = jreq("GET", "/api/v1/members?q=" + urllib.parse.quote(nid[-6:]), token=tokens["unit"])
check(st == 200 and d["total"] == 0, "a masked caller cannot probe digits with a fragment")
st, d = jreq("GET", "/api/v1/members?q=" + urllib.parse.quote(variants["lower"]), token=tokens["unit"])
check(st == 200 and d["total"] == 1 and "*" in d["items"][0]["id_number"], "a masked caller finds the whole number")
# the roster over HTTP, CSV and XLSX: the known member by a lower-case x, a new one in full-width
H = "姓名,身份证号码,手机号码,人员类别,劳模级别,职业,银行卡号,开户行\n"
good = "阿依古丽·买买提,%s,,普通,,,,\n李娜,%s\u00a0,,普通,,,,\n" % (variants["lower"], wide(other))
badr = "错一,%s,,普通,,,,\n错二,%s,,普通,,,,\n" % (too_long, bad_check)
def xlsx(text):
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "r.xlsx")
        subprocess.run([sys.executable, os.path.join(os.environ["HZ_SRC"], "tests/data/make_xlsx.py"), path],
                       input=text.encode(), check=True)
        return open(path, "rb").read()
qs = "/api/v1/rosters?unit=%s&start=2026-01-01&plan=ZY" % urllib.parse.quote(qj.lower())
for kind, body in (("csv", (H + good + badr).encode()), ("xlsx", xlsx(H + good + badr))):
    st, d = jreq("POST", qs, token=ST, raw=body)
    details = (d.get("error") or {}).get("details") or []
    check(st == 400 and [(r["row"], r["field"], r["column"]) for r in details] == [(4, "id_number", "身份证号码"), (5, "id_number", "身份证号码")]
          and "got 19 characters" in details[0]["reason"] and "校验位" in details[1]["reason"] and d["report"]["rejected"],
          "API roster %s: the bad rows named by the file's column (%s %s)" % (kind, st, d))
st, d = jreq("POST", qs, token=ST, raw=xlsx(H + good))
check(st == 200 and d["updated"] == 1 and d["imported"] == 1, "API roster xlsx: known member updated, new one added (%s %s)" % (st, d))
st, d = jreq("POST", qs, token=ST, raw=(H + good).encode())
check(st == 200 and d["updated"] == 2 and d["imported"] == 0, "API roster csv: both known now (%s %s)" % (st, d))
st, d = jreq("GET", "/api/v1/members/" + other, token=ST)
check(st == 200 and d["name"] == "李娜", "API roster stored the full-width ID in ASCII")

# --- validation (R4) --------------------------------------------------------------
bad = [
    ({"id_number": "610102199001011232", "name": "张三", "unit": qj}, "id_number", "bad check digit"),
    ({"id_number": qm, "name": "张三", "unit": qj, "shoe": 42}, "shoe", "unknown field"),
    ({"id_number": 12345, "name": "张三", "unit": qj}, "id_number", "wrong type"),
    ({"id_number": "610102199001011231", "name": "'; DROP TABLE member; --", "unit": qj}, "name", "SQL metacharacters"),
]
for body, field, what in bad:
    st, d = jreq("POST", "/api/v1/members", body, token=tokens["staff"])
    check(st == 400 and d["error"]["code"] == "VALIDATION" and field in d["error"]["message"], "R4 " + what)
st, d = jreq("POST", "/api/v1/claims", raw=b"{not json", token=A, headers={"Content-Type": "application/json"})
check(st == 400, "malformed JSON 400")
st, d = jreq("POST", "/api/v1/claims", raw=b'{"id_number":"\xff\xfe"}', token=A, headers={"Content-Type": "application/json"})
check(st == 400 and "UTF-8" in d["error"]["message"], "bad UTF-8 400")
st, d = jreq("GET", "/api/v1/members?per_page=501", token=A)
check(st == 400 and "per_page" in d["error"]["message"], "per_page over 500")
st, d = jreq("DELETE", "/api/v1/members", token=A)
check(st == 405, "method not allowed")
def sql(q):
    """A query on the test database, SQLite or PostgreSQL."""
    if os.environ.get("HZ_PGDB"):
        p = subprocess.run(["psql", "-q", "-At", "-h", "127.0.0.1", "-p", os.environ["HZ_TEST_PG_PORT"], "-U", "postgres",
                            "-d", os.environ["HZ_PGDB"], "-c", q], capture_output=True, text=True, check=True)
        return p.stdout.strip()
    c = sqlite3.connect(DB)
    try:
        rows = c.execute(q).fetchall()
        c.commit()
        return "\n".join("|".join(str(x) for x in r) for r in rows)
    finally:
        c.close()

check(sql("select count(*) from member where name like '%DROP%'") == "0", "nothing partial written")

# --- abuse (R6) ---------------------------------------------------------------------
port = int(BASE.rsplit(":", 1)[1])
s = socket.create_connection(("127.0.0.1", port))
s.sendall(("POST /api/v1/claims HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
           "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (A, 2 << 20)).encode())
head = s.recv(64)
s.close()
check(head.startswith(b"HTTP/1.1 413"), "declared body over 1 MiB -> 413 before reading it (%r)" % head[:20])
s = socket.create_connection(("127.0.0.1", port))
s.sendall(("POST /api/v1/claims HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
           "Transfer-Encoding: chunked\r\n\r\n" % A).encode())
chunk = b"x" * 65536
for _ in range(20):
    s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
s.sendall(b"0\r\n\r\n")
head = s.recv(64)
s.close()
check(head.startswith(b"HTTP/1.1 413"), "chunked body over 1 MiB -> 413 (%r)" % head[:20])
s = socket.create_connection(("127.0.0.1", int(BASE.rsplit(":", 1)[1])))
s.sendall(b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200000 + b"\r\n\r\n")
try:
    head = s.recv(64)
except ConnectionResetError:
    head = b"reset"
s.close()
check(not head.startswith(b"HTTP/1.1 200"), "oversized headers refused (%r)" % head[:20])
slow = [socket.create_connection(("127.0.0.1", int(BASE.rsplit(":", 1)[1]))) for _ in range(50)]
for sk in slow:
    sk.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # never finished: slowloris
st, d = jreq("GET", "/healthz")
check(st == 200, "other clients served while slow clients hang")
time.sleep(float(os.environ.get("HUZHU_HTTP_TIMEOUT", "2")) + 1.5)
closed = 0
for sk in slow:
    sk.settimeout(1)
    try:
        closed += sk.recv(16) == b""
    except (ConnectionResetError, socket.timeout):
        closed += 1
    sk.close()
check(closed == 50, "slow connections timed out (%d/50)" % closed)
for i in range(12):
    st, d = jreq("POST", "/api/v1/session", {"login": "admin", "password": "nope-%d" % i})
check(st == 429, "login rate limit 429")
st, d = jreq("GET", "/healthz")
check(st == 200, "still serving after abuse")

# --- a visit programme's stock of goods: staff receive, cadres read, visits take -------
S, R = tokens["staff"], tokens["reviewer"]
st, d = jreq("POST", "/api/v1/relief/programs", {"code": "WWAPI", "kind": "visit", "year": 2026, "budget": "5000.00",
                                                  "name": "慰问"}, token=S)
check(st == 201, "staff set up a visit programme: %s %s" % (st, d))
st, d = jreq("POST", "/api/v1/relief/programs/WWAPI/goods", {"items": "大米:5,食用油:2"}, token=S)
check(st == 201 and {"item": "大米", "received": 5, "issued": 0, "left": 5} in d["items"], "goods received: %s" % d)
st, d = jreq("POST", "/api/v1/relief/programs/WWAPI/goods", {"items": "大米:5"}, token=tokens["cadre"])
check(st == 403, "a cadre cannot receive goods: %s" % st)
st, d = jreq("POST", "/api/v1/relief/programs/WWAPI/goods", {"items": "大米"}, token=S)
check(st == 400 and "items" in d["error"]["message"], "goods without a count name the field: %s" % d)
st, d = jreq("POST", "/api/v1/relief/programs/WWAPI/goods", {"items": "大米:1", "extra": 1}, token=S)
check(st == 400, "unknown fields refused")
st, d = jreq("GET", "/api/v1/relief/programs/WWAPI/goods", token=R)
check(st == 200 and len(d["items"]) == 2, "a reviewer reads the stock")
st, d = jreq("GET", "/api/v1/relief/programs/NOPE/goods", token=R)
check(st == 404, "an unknown programme is 404")

# --- the money journal after the demo and everything above -------------------------
p = subprocess.run([HUZHU, "--db", os.environ["HZ_DBURL"], "--json", "check"], capture_output=True, text=True)
check(p.returncode == 0 and json.loads(p.stdout)["ok"] is True, "huzhu check passes on the demo and the API's writes: %s%s" % (p.stdout, p.stderr))

# --- tampering (R8) -----------------------------------------------------------------
st, d = jreq("GET", "/api/v1/audit/verify", token=A)
check(st == 200 and d["ok"] is True, "audit chain intact")
victim = int(sql("select id from audit_event order by id limit 1 offset 5"))
sql("update audit_event set detail = detail || ' ' where id = %d" % victim)
st, d = jreq("GET", "/api/v1/audit/verify", token=A)
check(st == 200 and d["ok"] is False and d["broken_event"] == victim, "tampering found at event %d" % victim)
p = subprocess.run([HUZHU, "--db", os.environ["HZ_DBURL"], "audit", "verify"], capture_output=True, text=True)
check(p.returncode == 3 and str(victim) in p.stderr, "CLI audit verify names the broken event")
p = subprocess.run([HUZHU, "--db", os.environ["HZ_DBURL"], "check"], capture_output=True, text=True)
check(p.returncode == 3 and "audit_event:%d" % victim in p.stderr, "huzhu check names the broken event")
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
