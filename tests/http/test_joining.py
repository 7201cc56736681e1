"""Joining online and standing sponsorships (issue 15), through the CLI and
the API on a fresh database: two districts, each with a joint union; a
sponsorship of XYT for whoever joins the first district's union in 2026.
An application made on the public endpoint and approved becomes a member
with the new-form flag and XYT from the day of joining, paid by the union
(contribution posted); bad input, duplicates, the rate limit, scope, a
rejection without a reason, a second decision, a roster and `member add`
into the sponsored union, joining outside the window or elsewhere.
Run by tests/cli/test_joining.sh (HUZHU, HZ_DBURL, HZ_T as well)."""
import json, os, subprocess, sys, time

sys.path.insert(0, os.path.dirname(__file__))
from common import check, finish, mkid, req, sql  # noqa: E402

HUZHU, DBURL, T = os.environ["HUZHU"], os.environ["HZ_DBURL"], os.environ["HZ_T"]
PW = "joining-pass-2026"
TODAY = os.environ["HUZHU_TODAY"]

def cli(*args, as_=None, stdin=None, today=None):
    env = dict(os.environ)
    if today:
        env["HUZHU_TODAY"] = today
    cmd = [HUZHU, "--db", DBURL] + (["--as", as_] if as_ else []) + list(args)
    p = subprocess.run(cmd, input=stdin, capture_output=True, env=env)
    return p.returncode, p.stdout.decode(), p.stderr.decode(errors="replace")

def must(*args, **kw):
    rc, out, err = cli(*args, **kw)
    if rc != 0:
        print("seed failed:", args, err, file=sys.stderr)
        sys.exit(1)
    return out

def member(idn):
    return json.loads(must("--json", "member", "show", idn))

def xyt(m):
    return [c for c in m["coverages"] if c["plan"] == "XYT"]

# --- the seed -------------------------------------------------------------------
must("org", "add", "--code", "XA", "--name", "西安市总工会", "--kind", "federation")
for code, name in (("XA-XC", "新城区总工会"), ("XA-YT", "雁塔区总工会")):
    must("org", "add", "--code", code, "--name", name, "--parent", "XA", "--kind", "district")
    must("org", "add", "--code", code + "-XYT", "--name", name[:3] + "新就业形态劳动者联合工会", "--parent", code,
         "--kind", "joint")
for login, role, scope in (("cadre-xc", "cadre", "org:XA-XC"), ("cadre-yt", "cadre", "org:XA-YT"),
                           ("staff1", "staff", None)):
    must("user", "add", login, "--role", role, *(["--scope", scope] if scope else []), stdin=(PW + "\n").encode())
tokens = {}
for login in ("cadre-xc", "cadre-yt", "staff1"):
    st, b = req("POST", "/api/v1/session", body={"login": login, "password": PW})
    assert st == 200, (login, st, b)
    tokens[login] = b["token"]

# the standing gift: XYT for 12 months to whoever joins 新城区's joint union in 2026
rc, out, err = cli("--json", "sponsorship", "add", "--org", "XA-XC-XYT", "--plan", "XYT", "--months", "12",
                   "--from", "2026-01-01", "--to", "2026-12-31")
check(rc == 0, "sponsorship add: %s" % err)
sp = json.loads(out) if rc == 0 else {}
check(sp.get("plan") == "XYT" and sp.get("from") == "2026-01-01" and sp.get("granted") == 0, "sponsorship: %s" % sp)
rc, _, err = cli("sponsorship", "add", "--org", "XA-XC-XYT", "--plan", "XYT", "--months", "12", "--from", "2026-06-01",
                 "--to", "2027-03-31")
check(rc == 3 and "重叠" in err, "an overlapping sponsorship of the same org and plan: exit 3 (%d %s)" % (rc, err))
rc, _, err = cli("sponsorship", "add", "--org", "XA-XC-XYT", "--plan", "XYT", "--months", "7", "--from", "2027-01-01",
                 "--to", "2027-12-31")
check(rc == 2 and "months" in err, "a term XYT does not offer: exit 2 naming months (%d %s)" % (rc, err))
rc, _, err = cli("sponsorship", "add", "--org", "XA-YT-XYT", "--plan", "XYT", "--months", "12", "--from", "2026-01-01",
                 "--to", "2026-12-31", as_="cadre-yt")
check(rc != 0, "a cadre sets up no sponsorship (the office does): exit %d" % rc)
st, b = req("POST", "/api/v1/sponsorships", token=tokens["staff1"],
            body={"org": "XA-YT-XYT", "plan": "XYT", "months": 24, "from": "2027-01-01", "to": "2027-06-30"})
check(st == 201 and b.get("months") == 24 and b.get("org") == "XA-YT-XYT", "POST /sponsorships: %s %s" % (st, b))

# --- the public form ----------------------------------------------------------
worker = mkid("610102", "19900315", 21)
form = {"name": "王小骑", "id_number": worker, "phone": "13912345678", "occupation": "外卖骑手", "org": "XA-XC-XYT"}
st, b = req("GET", "/api/v1/applications/orgs")
check(st == 200 and [o["code"] for o in b.get("items", [])] == ["XA-XC-XYT", "XA-YT-XYT"],
      "the joint unions a worker may apply to, no login: %s %s" % (st, b))
bad = dict(form, id_number=worker[:17] + ("0" if worker[17] != "0" else "1"))
st, b = req("POST", "/api/v1/applications", body=bad, src="127.0.0.2")
check(st == 400 and b["error"]["message"].startswith("id_number"), "a bad check digit: 400 naming id_number (%s %s)" % (st, b))
for field, value in (("phone", "1391234"), ("name", "X"), ("occupation", "程序员"), ("org", "XA-XC"), ("org", "NOPE")):
    st, b = req("POST", "/api/v1/applications", body=dict(form, **{field: value}), src="127.0.0.2")
    check(st == 400 and b["error"]["message"].startswith(field), "%s=%s: 400 naming %s (%s %s)" % (field, value, field, st, b))
st, b = req("POST", "/api/v1/applications", body=dict(form, extra="x"), src="127.0.0.2")
check(st == 400, "an unknown key: 400 (%s)" % st)
st, b = req("POST", "/api/v1/applications", body=dict(form, phone=None), src="127.0.0.2")
check(st == 400, "a phone that is not a string: 400 (%s)" % st)
check(sql("SELECT count(*) FROM join_application") == "0", "nothing written for bad input")
st, b = req("POST", "/api/v1/applications", body=form, src="127.0.0.2")
check(st == 201 and b.get("status") == "pending" and b.get("no", "").startswith("RH2026"), "applied: %s %s" % (st, b))
no = b.get("no", "")
st, b = req("POST", "/api/v1/applications", body=dict(form, name="王小骑"), src="127.0.0.2")
check(st == 409 and "待审批" in b["error"]["message"], "the same person again while pending: 409 (%s %s)" % (st, b))
check(sql("SELECT count(*) FROM join_application") == "1", "one application")
# a second worker applies to 雁塔区's union, through the office (paper form)
w2 = mkid("610113", "19880620", 31)
rc, out, err = cli("--json", "application", "submit", "--name", "李快递", "--id-number", w2, "--phone", "13700001111",
                   "--occupation", "快递员", "--org", "XA-YT-XYT")
check(rc == 0, "application submit: %s" % err)
no_yt = json.loads(out)["no"] if rc == 0 else ""

# --- the queue, in scope ----------------------------------------------------------
st, b = req("GET", "/api/v1/applications", token=tokens["cadre-yt"])
check(st == 200 and [a["no"] for a in b["items"]] == [no_yt] and worker not in json.dumps(b),
      "雁塔区's cadre sees only 雁塔区's application: %s" % b)
st, b = req("GET", "/api/v1/applications?status=pending", token=tokens["cadre-xc"])
check(st == 200 and [a["no"] for a in b["items"]] == [no] and b["items"][0]["id_number"] != worker
      and b["items"][0]["occupation"] == "delivery", "新城区's cadre sees theirs, ID number masked: %s" % b)
rc, out, _ = cli("--json", "application", "list", as_="cadre-yt")
check(rc == 0 and json.loads(out)["total"] == 1 and no not in out, "CLI list as 雁塔区's cadre: %s" % out)
rc, _, err = cli("application", "approve", no, as_="cadre-yt")
check(rc == 4, "雁塔区's cadre cannot approve 新城区's application (not found): exit %d %s" % (rc, err))
st, b = req("POST", "/api/v1/applications/%s/approve" % no, token=tokens["cadre-yt"])
check(st == 404, "nor through the API: %s" % st)
rc, _, err = cli("application", "approve", no_yt, "--org", "XA-XC-XYT", as_="cadre-yt")
check(rc == 4, "nor move one into 新城区's union: exit %d %s" % (rc, err))

# --- rejection needs a reason; a decision is final ----------------------------
st, b = req("POST", "/api/v1/applications/%s/reject" % no_yt, token=tokens["cadre-yt"], body={})
check(st == 400 and "reason" in b["error"]["message"], "reject without a reason: 400 (%s %s)" % (st, b))
rc, _, err = cli("application", "reject", no_yt, "--reason", "  ", as_="cadre-yt")
check(rc == 2 and "reason" in err, "a blank reason: exit 2 (%d %s)" % (rc, err))
st, b = req("POST", "/api/v1/applications/%s/reject" % no_yt, token=tokens["cadre-yt"],
            body={"reason": "所在单位已建工会, 请通过单位工会入会"})
check(st == 200 and b.get("status") == "rejected" and b.get("reason", "").startswith("所在单位"), "rejected: %s" % b)
rc, _, err = cli("application", "approve", no_yt)
check(rc == 3 and "已拒绝" in err, "approving a rejected application: exit 3 (%d %s)" % (rc, err))
check(sql("SELECT count(*) FROM member WHERE id_number = '%s'" % w2) == "0", "a rejected applicant is no member")

# --- approval: the member, the flag, the gift from the day of joining -----------
st, b = req("POST", "/api/v1/applications/%s/approve" % no, token=tokens["cadre-xc"])
check(st == 200 and b.get("status") == "approved" and b.get("member_ref"), "approved by 新城区's cadre: %s %s" % (st, b))
m = member(worker)
check(m["org"] == "XA-XC-XYT" and m["name"] == "王小骑", "the member under the joint union: %s" % m.get("org"))
check([f for f in m["flags"] if f["kind"] == "newform" and f["level"] == "delivery"], "new-form flag: %s" % m["flags"])
cov = xyt(m)
check(len(cov) == 1 and cov[0]["start"] == TODAY and cov[0]["end"] == "2027-11-28",
      "XYT from the day of joining for 12 months: %s" % cov)
check(sql("SELECT c.payer_kind || ':' || c.payer_ref || ':' || k.amount || ':' || k.paid_on FROM coverage c"
          " JOIN contribution k ON k.coverage_id = c.id JOIN member m ON m.id = c.member_id WHERE m.id_number = '%s'"
          % worker) == "org:XA-XC-XYT:2500:%s" % TODAY, "the union pays the premium, posted on the day of joining")
st, b = req("POST", "/api/v1/applications/%s/approve" % no, token=tokens["cadre-xc"])
check(st == 409, "approving twice: 409 (%s %s)" % (st, b))
rc, _, err = cli("application", "approve", no)
check(rc == 3, "approving twice through the CLI: exit 3 (%d %s)" % (rc, err))
st, b = req("POST", "/api/v1/applications", body=form, src="127.0.0.3")
check(st == 409 and "已是工会会员" in b["error"]["message"], "a member applies again: 409 (%s %s)" % (st, b))
check(sql("SELECT count(*) FROM audit_event WHERE action IN ('application.submit', 'application.approve',"
          " 'application.reject', 'sponsorship.add', 'sponsorship.grant')") == "7",
      "audited: two submissions, an approval, a rejection, two sponsorships, a grant")

# --- a roster and `member add` into the sponsored union ---------------------------
unit = "91610102MA6TJ0001"
al = "0123456789ABCDEFGHJKLMNPQRTUWXY"
wts = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
c = 31 - sum(al.index(ch) * k for ch, k in zip(unit[:17], wts)) % 31
unit = unit[:17] + al[0 if c == 31 else c]
must("unit", "add", "--code", unit, "--name", "新城区快递服务站", "--org", "XA-XC-XYT")
r1, r2, r3 = mkid("610102", "19920101", 41), mkid("610102", "19930202", 42), mkid("610102", "19940303", 43)
roster = os.path.join(T, "roster.csv")
with open(roster, "w") as f:
    f.write("姓名,身份证号码,手机号码,人员类别,职业\n张快递,%s,13800000001,新业态,快递员\n"
            "赵骑手,%s,13800000002,新业态,外卖骑手\n钱文员,%s,13800000003,普通,\n" % (r1, r2, r3))
rc, out, err = cli("--json", "import", "roster", roster, "--unit", unit, "--plan", "ZY", "--start", "2026-12-01")
check(rc == 0 and json.loads(out)["imported"] == 3, "roster imported: %s %s" % (out, err))
for idn in (r1, r2):
    cov = xyt(member(idn))
    check(len(cov) == 1 and cov[0]["start"] == TODAY, "a roster's new-form worker gets XYT from joining: %s" % cov)
check(xyt(member(r3)) == [] and [c for c in member(r3)["coverages"] if c["plan"] == "ZY"],
      "not new-form: no XYT, the roster's own ZY kept")
check(sql("SELECT count(*) FROM sponsorship_grant WHERE coverage_id IS NULL AND note LIKE '%新就业形态%'") == "1",
      "the one not eligible is noted")
rc, out, err = cli("--json", "import", "roster", roster, "--unit", unit, "--plan", "ZY", "--start", "2026-12-01")
check(rc == 0 and json.loads(out)["updated"] == 3, "the same roster again: updated")
check(len(xyt(member(r1))) == 1, "a re-import is no second joining")
a1 = mkid("610102", "19950404", 51)
must("member", "add", "--id-number", a1, "--name", "孙网约", "--org", "XA-XC-XYT", "--flag", "newform:ridehail")
check([c["start"] for c in xyt(member(a1))] == [TODAY], "member add into the union: XYT from joining")

# --- outside the window, or another org: nothing ------------------------------------
late = mkid("610102", "19960505", 61)
rc, out, err = cli("--json", "application", "submit", "--name", "周晚到", "--id-number", late, "--phone", "13600002222",
                   "--occupation", "货车司机", "--org", "XA-XC-XYT", today="2027-01-05")
check(rc == 0, "a later application: %s" % err)
rc, out, err = cli("--json", "application", "approve", json.loads(out)["no"] if rc == 0 else "x", today="2027-01-05")
check(rc == 0, "approved in 2027: %s" % err)
check(xyt(member(late)) == [], "joined after the window: no gift")
other = mkid("610113", "19970606", 71)
must("member", "add", "--id-number", other, "--name", "吴雁塔", "--org", "XA-YT-XYT", "--flag", "newform:courier")
check(xyt(member(other)) == [], "joined 雁塔区's union in 2026 (its gift starts in 2027): nothing")

rc, out, _ = cli("--json", "sponsorship", "list", as_="cadre-xc")
sps = json.loads(out)["items"] if rc == 0 else []
check(len(sps) == 1 and sps[0]["granted"] == 4 and sps[0]["not_eligible"] == 1 and sps[0]["premium"] == "100.00",
      "新城区's cadre sees their sponsorship: 4 given, 1 not eligible, 100.00 (%s)" % sps)

# --- the growth report, scoped ---------------------------------------------------
rc, out, err = cli("--json", "report", "growth", "--from", "2026-01-01", "--to", "2027-12-31", as_="cadre-xc")
rows = json.loads(out)["items"] if rc == 0 else []
# members are stamped on the app's clock (HUZHU_TODAY's day): the one approved
# on 2027-01-05 joined in January 2027
check([(r["district"], r["month"], r["new_members"], r["new_newform"]) for r in rows]
      == [("新城区总工会", TODAY[:7], 5, 4), ("新城区总工会", "2027-01", 1, 1)],
      "growth as 新城区's cadre: six joined 新城区 (one in 2027), five new-form, nothing of 雁塔区 (%s %s)" % (out, err))
st, b = req("GET", "/api/v1/reports/growth?from=2026-01-01&to=2027-12-31&format=csv", token=tokens["cadre-yt"])
text = b if isinstance(b, (bytes, bytearray)) else json.dumps(b).encode()
check(st == 200 and text.startswith(b"\xef\xbb\xbf") and "新城区".encode() not in text, "CSV with BOM, scoped: %s" % text[:200])

# --- the rate limit: 20 an hour from one address, every attempt counted -----------
codes = []
for i in range(21):
    st, b = req("POST", "/api/v1/applications", body=dict(form, id_number=mkid("610104", "19800101", 100 + i),
                                                            phone="1390000%04d" % i), src="127.0.0.9")
    codes.append(st)
check(codes[:20] == [201] * 20 and codes[20] == 429, "20 applications then 429: %s" % codes)
st, b = req("POST", "/api/v1/applications", body=dict(form, id_number="bad"), src="127.0.0.9")
check(st == 429 and "RATE_LIMITED" == b["error"]["code"], "bad input from that address: 429 too (%s)" % st)
st, b = req("POST", "/api/v1/applications", body=dict(form, id_number=mkid("610104", "19800101", 200)), src="127.0.0.10")
check(st == 201, "another address still may (%s)" % st)
finish()
