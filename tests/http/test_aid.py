"""The aid modules over the API on the demo data (issue #13), run by
tests/cli/test_aid_http.sh: a member applies for student aid for their own
child and follows it, and nothing else (another member, another kind of
programme, a decision, the office's lists: refused, with row counts and the
audit length unchanged); a member's subsidies and grants by ref or ID number
in scope only; programmes with their totals; the LM queue and the
dashboard's aid figures within a district cadre's scope."""
import os, sys, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PW, check, finish, mkid, req, sql

YEAR = "2026"  # HUZHU_TODAY of the suite

TABLES = ("relief_grant", "lm_subsidy", "payable", "transfer", "donation", "relief_program", "audit_event")
def counts():
    return sql(" UNION ALL ".join("SELECT '%s', COUNT(*) FROM %s" % (t, t) for t in TABLES))

def refused(method, path, body, token, want, what):
    """A refused request: the status, and nothing written anywhere."""
    before = counts()
    st, d = req(method, path, body, token=token)
    after = counts()
    check(st == want and before == after, "%s: %s %s -> %s (want %s), %s %s" % (
        what, method, path, st, want, "nothing written" if before == after else "WROTE ROWS", d if st != want else ""))
    return d

tokens = {}
for u in ("admin", "staff", "reviewer", "finance", "cadre", "unit", "member"):
    st, d = req("POST", "/api/v1/session", {"login": u, "password": PW})
    assert st == 200, (u, st, d)
    tokens[u] = d["token"]
A, M, C = tokens["admin"], tokens["member"], tokens["cadre"]
st, me = req("GET", "/api/v1/me", token=M)
self_id = me["scope"].split(":", 1)[1]
SA, VISIT, SECOND = "JQZX" + YEAR, "SWKN" + YEAR, "ECJZ" + YEAR
# another member: 李秀兰 of 曲江 (a model worker of the demo)
st, d = req("GET", "/api/v1/members?q=" + urllib.parse.quote("李秀兰"), token=A)
li = d["items"][0]
other, other_ref = li["id_number"], li["ref"]
ghost = mkid("610102", "19800101", 917)
child = mkid("610102", "20070909", 31)

# --- the programmes: office-wide totals; a member sees only student aid -----
st, d = req("GET", "/api/v1/relief/programs", token=A)
progs = {p["code"]: p for p in d["items"]}
check(st == 200 and set(progs) >= {SA, VISIT, SECOND, "AXMJ" + YEAR}, "four programmes of the year (%s)" % list(progs))
sa = progs[SA]
check(sa["budget"] == "200000.00" and sa["committed"] == "14000.00" and sa["paid"] == "8000.00" and
      sa["left"] == "186000.00" and sa["counts"] == {"proposed": 0, "applied": 1, "approved": 2, "rejected": 1, "paid": 2},
      "student aid: budget, committed 5,000 + 3,000 + 4,000 + 2,000, paid, left, counts (%s)" % sa)
check(sa["objection_until"] == "2026-12-04", "the 公示 window: five working days from Sunday 29 November (%s)" % sa["objection_until"])
drive = progs["AXMJ" + YEAR]
check(drive["donated"] == "29850.50" and drive["left"] == "0.00", "the drive paid out what was donated (%s)" % drive)
st, d = req("GET", "/api/v1/relief/programs", token=M)
check(st == 200 and [p["kind"] for p in d["items"]] == ["student_aid"], "a member lists only what they may apply to (%s)" % d)
refused("GET", "/api/v1/relief/programs", None, tokens["unit"], 403, "a unit liaison does not read aid")

# --- a member's aid: themself only --------------------------------------------
st, d = req("GET", "/api/v1/aid?id_number=" + self_id, token=M)
check(st == 200 and d == {"lm": [], "grants": []}, "the member's own aid, none yet (%s %s)" % (st, d))
st1, d1 = req("GET", "/api/v1/aid?id_number=" + other, token=M)
st2, d2 = req("GET", "/api/v1/aid?id_number=" + ghost, token=M)
check(st1 == st2 == 404 and d1["error"]["message"].replace(other, "X") == d2["error"]["message"].replace(ghost, "X"),
      "another member's aid reads like a missing member's (%s / %s)" % (d1, d2))
st, d = req("GET", "/api/v1/aid?member=" + other_ref, token=M)
check(st == 404, "another member by ref: 404 (%s)" % st)
st, d = req("GET", "/api/v1/aid?member=" + other_ref, token=A)
check(st == 200 and len(d["lm"]) == 2 and {s["reason"] for s in d["lm"]} == {"OK", "CAPPED"} and d["lm"][0]["name"] == "李秀兰",
      "the office reads a member's subsidies by ref: 9,000.00 and the capped 1,000.00 (%s)" % d)
st, d = req("GET", "/api/v1/aid?member=" + other_ref, token=C)
check(st == 404, "李秀兰 is outside the 新城区 cadre's scope (%s)" % st)

# --- member self-application: only themself, only student aid -------------------
body = {"id_number": other, "student_name": "李小明", "student_id_number": child, "school": "西北大学",
        "level": "university", "reason": "家中困难"}
d = refused("POST", "/api/v1/relief/programs/%s/grants" % SA, body, M, 404, "a member applies for another member")
st2, d2 = req("POST", "/api/v1/relief/programs/%s/grants" % SA, dict(body, id_number=ghost), token=M)
check(st2 == 404 and d["error"]["message"].replace(other, "X") == d2["error"]["message"].replace(ghost, "X"),
      "... answered like a missing member (%s / %s)" % (d, d2))
own = dict(body, id_number=self_id)
refused("POST", "/api/v1/relief/programs/%s/grants" % VISIT, dict(own, items="大米:1"), M, 403, "a member applies for a visit")
refused("POST", "/api/v1/relief/programs/%s/grants" % SECOND, own, M, 403, "a member applies to second-round relief")
refused("POST", "/api/v1/relief/programs/%s/grants" % SA, dict(own, reason=""), M, 400,
        "without a hardship flag the need must be stated")
refused("POST", "/api/v1/relief/programs/%s/grants" % SA, own, tokens["unit"], 403, "a unit liaison may not apply")
refused("POST", "/api/v1/relief/programs/%s/grants" % SA, own, C, 403, "a cadre may not apply")
st, g = req("POST", "/api/v1/relief/programs/%s/grants" % SA, own, token=M)
check(st == 201 and g["status"] == "applied" and g["amount"] == "4000.00" and g["student_name"] == "李小明",
      "the member applies for their child: 4,000.00 (university, no hardship flag), pending (%s %s)" % (st, g))
check(sql("SELECT created_by FROM relief_grant WHERE grant_no = '%s'" % g["no"]) == "member", "the application is the member's")
# a masked role sees the student as it sees the parent: 刘*洋, never the child's whole name
st, cg = req("GET", "/api/v1/relief/programs/%s/grants?per_page=500" % SA, token=C)
students = [x["student_name"] for x in cg.get("items", []) if x.get("student_name")]
check(st == 200 and students and all("*" in n for n in students),
      "the cadre's grant list masks the students' names (%s %s)" % (st, students[:3]))
refused("POST", "/api/v1/relief/programs/%s/grants" % SA, own, M, 409, "one grant per student")
st, d = req("GET", "/api/v1/aid?id_number=" + self_id, token=M)
check(st == 200 and [x["no"] for x in d["grants"]] == [g["no"]] and d["grants"][0]["status"] == "applied",
      "the member follows it (%s)" % d)
# ... and decides nothing, reads no office list
for path in ("/api/v1/relief/grants/%s/approve" % g["no"], "/api/v1/relief/grants/%s/reject" % g["no"]):
    refused("POST", path, {"reason": "x"}, M, 403, "a member may not decide")
refused("POST", "/api/v1/relief/programs/%s/propose" % SECOND, None, M, 403, "a member may not propose")
refused("POST", "/api/v1/relief/programs/%s/publicity" % SA, None, M, 403, "a member may not publish")
refused("POST", "/api/v1/donations", {"program": "AXMJ" + YEAR, "donor": "x", "amount": "1.00"}, M, 403, "a member records no donation")
refused("GET", "/api/v1/relief/programs/%s/grants" % SA, None, M, 403, "a member reads no programme list")
refused("GET", "/api/v1/lm/applications", None, M, 403, "a member reads no LM queue")
st, d = req("GET", "/api/v1/lm/applications?status=applied", token=A)
refused("POST", "/api/v1/lm/applications/%s/approve" % d["items"][0]["no"], None, M, 403, "a member may not approve LM")
# the reviewer decides it
st, d = req("POST", "/api/v1/relief/grants/%s/approve" % g["no"], token=tokens["reviewer"])
check(st == 200 and d["status"] == "approved", "the reviewer approves it (%s %s)" % (st, d))
check(sql("SELECT due_on FROM payable WHERE payable_no = '%s'" % g["no"]) == "2026-12-04",
      "approved during the 公示 window: paid after it")

# --- the district cadre: the LM queue and the dashboard's aid, their district only --------
st, al = req("GET", "/api/v1/lm/applications", token=A)
st, cl = req("GET", "/api/v1/lm/applications", token=C)
names = {s["no"]: s["name"] for s in al["items"]}
check(st == 200 and cl["items"] and {s["no"] for s in cl["items"]} < set(names) and
      all(names[s["no"]] in ("王建国", "张志强", "陈玉芬") for s in cl["items"]),
      "the cadre lists 新城区's subsidies only (%s)" % [names.get(s["no"]) for s in cl["items"]])
check(all("*" in s["id_number"] and "*" in s["name"] for s in cl["items"]), "masked for the cadre")
st, rep = req("GET", "/api/v1/reports/aid", token=A)
def district_sum(prog, district, field):
    cents = sum(round(float(r[field]) * 100) for r in rep["items"] if (r["program"] == "LM") == (prog == "lm")
                and (district is None or r["district"] == district) and r["year"] == int(YEAR))
    return "%d.%02d" % (cents // 100, cents % 100)
st, da = req("GET", "/api/v1/reports/dashboard", token=A)
st, dc = req("GET", "/api/v1/reports/dashboard", token=C)
aid_a = {r["scheme"]: r for r in da["aid"]}
aid_c = {r["scheme"]: r for r in dc["aid"]}
for k in ("lm", "relief"):
    for f in ("committed", "paid"):
        check(aid_a[k][f] == district_sum(k, None, f), "dashboard %s %s = the aid report's total (%s)" % (k, f, aid_a[k]))
        check(aid_c[k][f] == district_sum(k, "新城区总工会", f),
              "the cadre's dashboard %s %s is 新城区's alone (%s)" % (k, f, aid_c[k]))
check(aid_c["lm"]["committed"] == "14240.00" and aid_a["lm"]["committed"] == "23240.00",
      "LM committed: 7,040 + 7,200 in 新城区; + 9,000 in 雁塔区 (%s / %s)" % (aid_c["lm"], aid_a["lm"]))
check(aid_c["relief"]["grants"] < aid_a["relief"]["grants"], "fewer grants in one district")

finish()
