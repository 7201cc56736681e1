"""The insight and notices routes by role over HTTP, run by
tests/cli/test_insight_http.sh on the demo (issue 18). Each role is allowed
or refused (403, nothing written) as the action tables say
(insight.simulate / publish / lookback / forecast, notices.read / retry);
the cadre (org:XA-XC) sees only its district's look-back items and notices;
a bad plan file is 400 naming the field; the API's what-if equals the CLI's
(HZ_T/cli_simulate.json, the same window); publishing makes a new version
that no existing coverage takes, audited; a failed notice is sent again by
staff, audited, and a second retry is 409."""
import json, os, sys, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PW, check, finish, req, sql

V = "/api/v1"
T = os.environ["HZ_T"]
ROLES = ("admin", "staff", "reviewer", "finance", "cadre", "unit", "member")
tok = {}
for login in ROLES:
    st, d = req("POST", V + "/session", {"login": login, "password": PW})
    assert st == 200, (login, st, d)
    tok[login] = d["token"]

ZY = open(os.path.join(os.environ["HZ_CATALOGUE"], "ZY.json"), encoding="utf-8").read()
ZY30 = open(os.path.join(T, "ZY30.json"), encoding="utf-8").read().encode()
WINDOW = "?from=2026-01-01&to=2026-11-29"

def allowed(action, who, method, path, ok, raw=None, body=None):
    """every role in `who` gets `ok`, every other role 403"""
    answers = {}
    for login in ROLES:
        st, d = req(method, V + path, token=tok[login], raw=raw, body=body)
        want = ok if login in who else 403
        check(st == want, "%s %s %s as %s: %s (want %s) %s" % (action, method, path, login, st, want,
                                                              d if st != want else ""))
        answers[login] = d
    return answers

# ---- simulate: admin staff reviewer finance --------------------------------------------
sim = allowed("insight.simulate", ("admin", "staff", "reviewer", "finance"), "POST", "/simulate" + WINDOW, 200, raw=ZY30)
cli = json.load(open(os.path.join(T, "cli_simulate.json"), encoding="utf-8"))
a = sim["admin"]
for k in ("claims", "current", "proposed", "difference", "members_worse_off", "loss_ratio_current", "loss_ratio_proposed"):
    check(a.get(k) == cli.get(k), "the API's what-if equals the CLI's: %s %r vs %r" % (k, a.get(k), cli.get(k)))
check(a.get("by_plan") == cli.get("by_plan") and a.get("by_district") == cli.get("by_district"),
      "by plan and by district as the CLI")
check(a["difference"] != "0.00" and a["difference"][0] != "-", "ZY at 30%% costs more: %s" % a["difference"])
check(all(k in a for k in ("by_district", "by_plan", "by_unit", "worse_off", "contributions")), "the keys the console shows")
check(all("*" not in m["id_number"] for m in a["worse_off"]), "admin sees worse-off members' ID numbers whole")
check(sim["reviewer"].get("difference") == a["difference"], "reviewer: the same figures")

# ---- the plan file for the console: whoever simulates --------------------------------
pf = allowed("plan file", ("admin", "staff", "reviewer", "finance"), "GET", "/plans/ZY/file", 200)
f = pf["staff"]
check(f.get("code") == "ZY" and f.get("version", 0) >= 1 and f.get("file", {}).get("benefits", [{}])[0].get("ratio_pct") == 20,
      "the ZY file: version and ratio 20: %s" % f)
st, d = req("GET", V + "/plans/NOPE/file", token=tok["staff"])
check(st == 404, "an unknown plan's file: %s" % st)
# the file as served simulates to nothing changed
st, d = req("POST", V + "/simulate" + WINDOW, token=tok["staff"], raw=json.dumps(f["file"]).encode())
check(st == 200 and d["difference"] == "0.00", "the served file as proposal: no difference: %s" % (d if st != 200 else d["difference"]))

# ---- bad input: 400 naming the field ---------------------------------------------------
def bad(what, path, raw, names):
    st, d = req("POST", V + path, token=tok["admin"], raw=raw)
    msg = d.get("error", {}).get("message", "") if isinstance(d, dict) else ""
    check(st == 400 and all(n in msg for n in names), "%s: %s %s (want 400 naming %s)" % (what, st, msg, names))

bad("ratio as text", "/simulate" + WINDOW, ZY.replace('"ratio_pct": 20', '"ratio_pct": "abc"').encode(), ["ratio_pct"])
bad("negative cap", "/simulate" + WINDOW, ZY.replace('"cap": "20000.00"', '"cap": "-5.00"').encode(), ["cap"])
bad("not JSON", "/simulate" + WINDOW, b'{"code": "ZY", ', [])
bad("unknown plan code", "/simulate" + WINDOW, ZY.replace('"code": "ZY"', '"code": "QQ"').encode(), ["QQ"])
bad("a bad date", "/simulate?from=2026-13-01", ZY30, ["from"])
bad("publish a bad file", "/plans/publish", ZY.replace('"waiting_days": 90', '"waiting_days": "x"').encode(), ["waiting_days"])
for path in ("/lookback?year=1999", "/forecast?year=abc"):
    st, d = req("GET", V + path, token=tok["admin"])
    check(st == 400 and "year" in d["error"]["message"], "%s: %s" % (path, st))

# ---- lookback: admin staff reviewer cadre; the cadre's only its district --------------
lb = allowed("insight.lookback", ("admin", "staff", "reviewer", "cadre"), "GET", "/lookback?year=2026", 200)
clb = json.load(open(os.path.join(T, "cli_lookback.json"), encoding="utf-8"))
check(lb["admin"]["counts"] == clb["counts"], "the API's look-back counts equal the CLI's: %s vs %s" % (lb["admin"]["counts"], clb["counts"]))
check(sum(lb["admin"]["counts"].values()) > 0, "the demo's look-back has items: %s" % lb["admin"]["counts"])

def district(member_ref):
    return sql("SELECT o.path FROM member m LEFT JOIN unit u ON u.id = m.unit_id"
               " JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE m.id = %d" % int(member_ref))

cad = lb["cadre"]
paths = {i["member"]["ref"]: district(i["member"]["ref"]) for i in cad["items"]}
check(cad["items"] and all("/XA-XC/" in p for p in paths.values()),
      "the cadre's look-back: only 新城区 members (%d items): %s" % (len(cad["items"]), sorted(set(paths.values()))))
mine = [i for i in lb["admin"]["items"] if "/XA-XC/" in district(i["member"]["ref"])]
key = lambda i: (i["kind"], i["ref"], i["member"]["ref"])
check(sorted(map(key, cad["items"])) == sorted(map(key, mine)),
      "the cadre's look-back is exactly the office's items of its district (%d of %d)" % (len(mine), len(lb["admin"]["items"])))
check(all("*" in i["member"]["id_number"] for i in cad["items"]), "a cadre sees ID numbers masked")
check(len(lb["admin"]["items"]) > len(cad["items"]), "the office sees more than one district")

# ---- forecast: admin staff reviewer finance cadre --------------------------------------
fc = allowed("insight.forecast", ("admin", "staff", "reviewer", "finance", "cadre"), "GET", "/forecast?year=2026", 200)
plans = {p["plan"]: p for p in fc["admin"]["plans"]}
check("ZY" in plans and all(k in plans["ZY"] for k in ("loss_ratio", "loss_ratio_low", "loss_ratio_high")),
      "the forecast per plan with its band: %s" % list(plans))

# ---- the outbox: notices.read; retry: admin staff --------------------------------------
ob = allowed("notices.read", ("admin", "staff", "reviewer", "finance", "cadre"), "GET", "/notices?per_page=100", 200)
check(ob["admin"]["total"] > 0 and all("next_at" in n and "attempts" in n for n in ob["admin"]["items"]),
      "the outbox: attempts and next retry on every notice")
for n in ob["cadre"]["items"]:
    p = sql("SELECT o.path FROM member m LEFT JOIN unit u ON u.id = m.unit_id JOIN org o ON o.id = COALESCE(u.org_id, m.org_id)"
            " WHERE m.id = (SELECT member_id FROM notice WHERE notice_no = '%s')" % n["no"])
    if "/XA-XC/" not in p:
        check(False, "the cadre's outbox holds %s of %s" % (n["no"], p))
        break
else:
    check(True, "the cadre's outbox: only its district")
check(ob["cadre"]["total"] < ob["admin"]["total"], "the cadre sees fewer notices than the office: %s of %s" %
      (ob["cadre"]["total"], ob["admin"]["total"]))
st, d = req("GET", V + "/notices?status=failed", token=tok["staff"])
failed = [n["no"] for n in d["items"]]
check(st == 200 and len(failed) == 2, "two failed notices: %s" % failed)
if len(failed) == 2:
    for login in ("reviewer", "finance", "cadre", "unit", "member"):
        st, d = req("POST", V + "/notices/%s/retry" % failed[0], token=tok[login])
        check(st in (403, 404), "notices.retry as %s: %s (want 403)" % (login, st))
    check(sql("SELECT status FROM notice WHERE notice_no = '%s'" % failed[0]) == "failed", "refused retries wrote nothing")
    for login, no in (("staff", failed[0]), ("admin", failed[1])):
        st, d = req("POST", V + "/notices/%s/retry" % no, token=tok[login])
        check(st == 200 and d["status"] == "pending" and d["attempts"] == 0 and d["next_at"],
              "%s retries %s: %s %s" % (login, no, st, d))
        st, d = req("POST", V + "/notices/%s/retry" % no, token=tok[login])
        check(st == 409, "a pending notice retried again: %s" % st)
    check(sql("SELECT COUNT(*) FROM audit_event WHERE action = 'notices.retry'") == "2", "both retries audited")

# ---- publish: admin only; a new version no existing coverage takes --------------------
before = sql("SELECT MAX(version) FROM plan WHERE code = 'ZY'")
covs = sql("SELECT COUNT(*) FROM coverage")
pub = allowed("insight.publish", ("admin",), "POST", "/plans/publish?why=" + urllib.parse.quote("测算后提高比例"), 201, raw=ZY30)
check(pub["admin"].get("version") == int(before) + 1, "published as version %s+1: %s" % (before, pub["admin"]))
check(sql("SELECT MAX(version) FROM plan WHERE code = 'ZY'") == str(int(before) + 1), "one version added, by admin alone")
check(sql("SELECT COUNT(*) FROM coverage c JOIN plan p ON p.id = c.plan_id WHERE p.code = 'ZY' AND p.version = %d"
          % (int(before) + 1)) == "0" and sql("SELECT COUNT(*) FROM coverage") == covs,
      "existing coverages keep their version")
check(sql("SELECT COUNT(*) FROM audit_event WHERE action = 'plan.publish'") == "1", "the publish audited once")
st, d = req("POST", V + "/plans/publish", token=tok["admin"], raw=ZY30)
check(st == 409, "the same file again: %s" % st)
st, d = req("GET", V + "/plans/ZY/file", token=tok["staff"])
check(st == 200 and d["version"] == int(before) + 1 and d["file"]["benefits"][0]["ratio_pct"] == 30,
      "the plan file is now the published version")
finish()
