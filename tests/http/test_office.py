"""The office's pages' API (issue 16), against a demo server: units edited
and moved (their members with them), members edited (flags, a bank card
change held and audited), users added, disabled, enabled and their
passwords reset, plan versions, a unit's renewal and a sponsorship counted
by a dry run that writes nothing, contributions by unit and month, the
settlement feed's unmatched rows matched after the member is registered,
the overdue board and the audit verification; each with its role refusals
(403) and scope (a cadre sees only 新城区, a unit liaison only its unit).
Run by tests/cli/test_office.sh."""
import json, os, sys, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PW, check, finish, mkid, req, sql

def login(u, pw=PW):
    st, d = req("POST", "/api/v1/session", {"login": u, "password": pw})
    return d.get("token") if st == 200 else None

T = {u: login(u) for u in ("admin", "staff", "reviewer", "finance", "cadre", "unit", "member")}
A, S, C, U = T["admin"], T["staff"], T["cadre"], T["unit"]
q = urllib.parse.quote

def audit_count(action):
    return int(sql("SELECT COUNT(*) FROM audit_event WHERE action = '%s'" % action))

def luhn(prefix):
    for d in range(10):
        n = prefix + str(d)
        s = sum((lambda v: v - 9 if v > 9 else v)(int(c) * (2 if i % 2 else 1)) for i, c in enumerate(reversed(n)))
        if s % 10 == 0:
            return n

# --- the objects: 何秀英 of 五环 (新城区, the cadre's); 曲江 (the liaison's unit) --------------
st, d = req("GET", "/api/v1/members?q=" + q("何秀英"), token=A)
he = d["items"][0]
st, units = req("GET", "/api/v1/units?per_page=500", token=A)
qj = [u for u in units["items"] if u["name"] == "西安曲江建设集团有限公司"][0]
wh = [u for u in units["items"] if u["code"] == he["unit"]][0]
st, d = req("GET", "/api/v1/members?unit=" + qj["code"] + "&per_page=2", token=A)
qm = d["items"][0]

# --- units: edit, move with the members, refusals and scope ---------------------------------
st, orgs = req("GET", "/api/v1/orgs?per_page=500", token=A)
codes = [o["code"] for o in orgs["items"]]
n = audit_count("unit.update")
st, d = req("PUT", "/api/v1/units/" + qj["code"], {"name": qj["name"] + "（更名）"}, token=S)
check(st == 200 and d["name"] == qj["name"] + "（更名）" and d["org"] == qj["org"], "staff rename a unit: %s %s" % (st, d))
check(audit_count("unit.update") == n + 1, "the rename is audited")
other = [c for c in codes if c != qj["org"] and c.startswith("XA-") and c.count("-") == 1][0]
st, d = req("PUT", "/api/v1/units/" + qj["code"], {"org": other}, token=A)
check(st == 200 and d["org"] == other, "admin moves a unit to %s: %s %s" % (other, st, d))
moved = sql("SELECT COUNT(*) FROM member m JOIN unit u ON u.id = m.unit_id WHERE u.credit_code = '%s' AND m.org_id <> u.org_id"
            % qj["code"])
check(moved == "0", "the unit's members moved with it (%s left behind)" % moved)
st, d = req("PUT", "/api/v1/units/" + qj["code"], {"org": qj["org"], "name": qj["name"]}, token=A)
check(st == 200 and d["org"] == qj["org"], "moved back")
for who in ("reviewer", "finance", "cadre", "unit", "member"):
    st, d = req("PUT", "/api/v1/units/" + wh["code"], {"name": "不应改名"}, token=T[who])
    check(st == 403, "%s may not edit a unit: %s" % (who, st))
st, d = req("PUT", "/api/v1/units/" + wh["code"], {"org": "NOPE"}, token=S)
check(st == 404, "a unit moved to no org: %s" % st)
st, d = req("PUT", "/api/v1/units/" + wh["code"], {"bogus": 1}, token=S)
check(st == 400, "an unknown field: %s" % st)
st, d = req("POST", "/api/v1/units", {"code": "91610102MA6TG77012", "name": "新单位", "org": "XA-XC"}, token=C)
check(st == 403, "a cadre may not add a unit: %s" % st)

# scope: the cadre sees only 新城区's orgs and units, the liaison only its unit
st, d = req("GET", "/api/v1/orgs?per_page=500", token=C)
check(st == 200 and d["items"] and all(o["path"].startswith("/XA/XA-XC/") for o in d["items"]),
      "the cadre's org tree is 新城区's subtree: %s" % [o["code"] for o in d["items"]][:5])
st, d = req("GET", "/api/v1/units?per_page=500", token=C)
cadre_orgs = {o["code"] for o in req("GET", "/api/v1/orgs?per_page=500", token=C)[1]["items"]}
check(st == 200 and d["items"] and all(u["org"] in cadre_orgs for u in d["items"]), "the cadre's units are its district's")
st, d = req("GET", "/api/v1/units?per_page=500", token=U)
check(st == 200 and [u["code"] for u in d["items"]] == [qj["code"]], "the liaison sees only its unit: %s" % d)

# --- members: edit fields and flags, a bank card change held and audited --------------------
ref = he["ref"]
n_upd, n_card = audit_count("member.update"), audit_count("member.card_change")
st, d = req("PUT", "/api/v1/members/ref/" + ref, {"phone": "13900001234", "flags": ["model:city"]}, token=S)
check(st == 200 and d["phone"] == "13900001234" and any(f["code"] == "model:city" for f in d["flags"]),
      "staff set a phone and the model-worker flag: %s %s" % (st, d.get("flags") if isinstance(d, dict) else d))
check(audit_count("member.update") == n_upd + 1, "the edit is audited")
st, d = req("PUT", "/api/v1/members/ref/" + ref, {"end_flags": ["model"]}, token=S)
today = sql("SELECT MAX(substr(at, 1, 10)) FROM audit_event")
check(st == 200 and not any(f["kind"] == "model" and f["to"] >= today for f in d["flags"]),
      "the model-worker flag ended: %s" % d.get("flags"))
card = luhn("621700000000012345")
st, d = req("PUT", "/api/v1/members/ref/" + ref, {"bank_card": card, "bank_name": "长安银行"}, token=S)
check(st == 200 and d["card_change"] and d["card_change"]["new_card"] == card and d["card_change"]["changed_by"] == "staff",
      "a new card waits for confirmation: %s" % (d.get("card_change") if isinstance(d, dict) else d))
check(audit_count("member.card_change") == n_card + 1, "the card change is audited")
st, d = req("POST", "/api/v1/members/%s/confirm-card" % he["id_number"], token=A)
check(st == 200 and d["new_card"] == card, "another confirms it: %s %s" % (st, d))
st, d = req("PUT", "/api/v1/members/ref/" + ref, {}, token=S)
check(st == 400, "an edit changing nothing: %s" % st)
st, d = req("PUT", "/api/v1/members/ref/" + ref, {"flags": ["model:emperor"]}, token=S)
check(st == 400, "an unknown flag level: %s" % st)
st, d = req("PUT", "/api/v1/members/" + he["id_number"], {"phone": "13900004321"}, token=A)
check(st == 200 and d["phone"] == "13900004321", "by ID number too")
for who in ("reviewer", "finance", "cadre", "member"):
    st, d = req("PUT", "/api/v1/members/ref/" + ref, {"phone": "13900000000"}, token=T[who])
    check(st == 403, "%s may not edit a member: %s" % (who, st))
st, d = req("PUT", "/api/v1/members/ref/" + ref, {"phone": "13900000000"}, token=U)
check(st == 404, "the liaison may not edit a member of another unit (as if missing): %s" % st)
st, d = req("PUT", "/api/v1/members/ref/" + qm["ref"], {"phone": "13900005678"}, token=U)
check(st == 200 and d["phone"] == "13900005678", "the liaison edits a member of its unit: %s" % st)

# --- users: add, disable (sessions end), enable, reset a password -----------------------------
NEWPW = "Office-Test-Pass-2026!"
st, d = req("POST", "/api/v1/users", {"login": "clerk2", "role": "cadre", "scope": "org:XA-XC", "password": NEWPW}, token=A)
check(st == 201 and d["scope"] == "org:XA-XC", "admin adds a cadre: %s %s" % (st, d))
for who in ("staff", "cadre", "unit", "member"):
    st, d = req("POST", "/api/v1/users", {"login": "x" + who, "role": "staff", "password": NEWPW}, token=T[who])
    check(st == 403, "%s may not add users: %s" % (who, st))
    st, d = req("POST", "/api/v1/users/clerk2/disable", token=T[who])
    check(st == 403, "%s may not disable users: %s" % (who, st))
    st, d = req("POST", "/api/v1/users/clerk2/password", {"password": NEWPW + "x"}, token=T[who])
    check(st == 403, "%s may not reset passwords: %s" % (who, st))
st, d = req("POST", "/api/v1/users", {"login": "clerk2", "role": "staff", "password": NEWPW}, token=A)
check(st == 409, "a login taken: %s" % st)
st, d = req("POST", "/api/v1/users", {"login": "clerk3", "role": "cadre", "password": NEWPW}, token=A)
check(st == 400, "a cadre without an org scope: %s" % st)
tok = login("clerk2", NEWPW)
check(tok is not None, "the new cadre logs in")
st, d = req("GET", "/api/v1/units?per_page=500", token=tok)
check(st == 200 and all(u["org"] in cadre_orgs for u in d["items"]), "and sees 新城区's units only")
st, d = req("POST", "/api/v1/users/clerk2/disable", token=A)
check(st == 200 and d["disabled"], "admin disables it")
st, d = req("GET", "/api/v1/me", token=tok)
check(st == 401, "its session ended at once: %s" % st)
check(login("clerk2", NEWPW) is None, "and it cannot log in")
st, d = req("POST", "/api/v1/users/admin/disable", token=A)
check(st == 409, "an admin cannot disable their own account: %s" % st)
st, d = req("POST", "/api/v1/users/clerk2/enable", token=A)
check(st == 200 and login("clerk2", NEWPW) is not None, "enabled again, it logs in")
st, d = req("POST", "/api/v1/users/clerk2/password", {"password": "short"}, token=A)
check(st == 400, "the password policy applies to a reset: %s" % st)
tok = login("clerk2", NEWPW)
st, d = req("POST", "/api/v1/users/clerk2/password", {"password": "Another-Pass-2026#"}, token=A)
check(st == 200, "admin resets the password")
check(req("GET", "/api/v1/me", token=tok)[0] == 401, "the reset ends the old sessions")
check(login("clerk2", NEWPW) is None and login("clerk2", "Another-Pass-2026#") is not None, "the new password works, the old not")
check(audit_count("user.disable") == 1 and audit_count("user.enable") == 1 and audit_count("user.password_reset") == 1,
      "disable, enable and reset are audited")
st, d = req("POST", "/api/v1/users/nobody/disable", token=A)
check(st == 404, "an unknown login: %s" % st)

# --- plans: versions ------------------------------------------------------------------------------
st, d = req("GET", "/api/v1/plans/ZY/versions", token=C)
check(st == 200 and d["items"] and d["items"][0]["code"] == "ZY" and isinstance(d["items"][0]["params"], dict)
      and d["items"][0]["coverages"] > 0, "ZY's versions with parameters and coverages sold")
st, d = req("GET", "/api/v1/plans/NOPE/versions", token=C)
check(st == 404, "an unknown plan: %s" % st)

# --- renewal and sponsorship: a dry run writes nothing ---------------------------------------
def money_rows():
    return sql("SELECT (SELECT COUNT(*) FROM coverage), (SELECT COUNT(*) FROM contribution), (SELECT COUNT(*) FROM audit_event)")
y = int(today[:4])
before = money_rows()
st, pre = req("POST", "/api/v1/coverages/renew", {"unit": wh["code"], "from": "%d-01-01" % y, "to": "%d-12-31" % y,
                                                   "dry_run": True}, token=S)
check(st == 200 and pre["dry_run"] and money_rows() == before, "a renewal's dry run counts and writes nothing: %s" % pre)
st, d = req("POST", "/api/v1/coverages/renew", {"unit": wh["code"], "from": "%d-01-01" % y, "to": "%d-12-31" % y}, token=S)
check(st == 200 and d["enrolled"] == pre["enrolled"] and d["premium_total"] == pre["premium_total"],
      "the renewal does what the dry run said: %s vs %s" % (d, pre))
st, d = req("POST", "/api/v1/coverages/renew", {"unit": wh["code"], "from": "%d-01-01" % y, "to": "%d-12-31" % y,
                                                 "dry_run": True}, token=C)
check(st == 403, "a cadre may not renew: %s" % st)
before = money_rows()
st, pre = req("POST", "/api/v1/coverages/sponsored", {"org": "XA-XC", "plan": "NG", "start": "%d-12-01" % y, "months": 12,
                                                      "dry_run": True}, token=A)
check(st == 200 and pre["selected"] > 0 and money_rows() == before, "a sponsorship's dry run: %s" % pre)
for who in ("cadre", "unit", "finance"):
    st, d = req("POST", "/api/v1/coverages/sponsored", {"org": "XA-XC", "plan": "NG", "start": "%d-12-01" % y, "dry_run": True},
                token=T[who])
    check(st == 403, "%s may not sponsor: %s" % (who, st))

# --- contributions by unit and month, in scope ------------------------------------------------
st, d = req("GET", "/api/v1/reports/contributions?format=json&from=%d-01-01&to=%s" % (y - 1, today), token=A)
check(st == 200 and d["items"] and all(k in d["items"][0] for k in ("month", "unit", "unit_code", "payer", "coverages", "amount")),
      "contributions by unit and month: %s" % (d["items"][:1] if st == 200 else d))
names = {u["name"] for u in req("GET", "/api/v1/units?per_page=500", token=C)[1]["items"]}
st, d = req("GET", "/api/v1/reports/contributions?format=json&from=%d-01-01&to=%s" % (y - 1, today), token=C)
check(st == 200 and d["items"] and all(r["unit"] in names or r["unit_code"] == "" for r in d["items"]),
      "the cadre's contributions are 新城区's units only")
st, d = req("GET", "/api/v1/reports/contributions?format=json&org=XA-YT", token=C)
check(st == 404, "a cadre naming another district: %s" % st)
st, d = req("GET", "/api/v1/reports/contributions?format=json", token=U)
check(st == 403, "reports are not the liaison's: %s" % st)

# --- settlements: the unmatched rows, matched once the member is registered -----------------
newid = mkid("610102", "19900101", 731)
feed = ("setl_id,certno,psn_name,gend,fixmedins_code,fixmedins_name,hosp_lv,med_type,adm_date,dscg_date,main_diag_code,"
        "diag_codes,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay,refd_setl_flag,setl_time\n"
        "OFFICE-T1,%s,新会员,1,H001,西安市第一医院,3,21,%d-10-01,%d-10-05,J18.9,,5000.00,3000.00,1500.00,500.00,0,%d-10-05 10:00:00\n"
        % (newid, y, y, y))
st, d = req("POST", "/api/v1/settlements", raw=feed.encode(), token=S)
check(st == 200 and d["unmatched"] == 1, "a feed row of nobody registered: %s" % d)
st, d = req("GET", "/api/v1/settlements?unmatched=1&per_page=500", token=S)
assert st == 200, (st, d)
row = [r for r in d["items"] if r["setl_id"] == "OFFICE-T1"]
check(st == 200 and row and not row[0]["matched"] and not row[0]["linkable"] and row[0]["total"] == "5000.00",
      "listed unmatched: %s" % row)
st, d = req("GET", "/api/v1/settlements?per_page=5", token=S)
check(st == 200 and d["total"] > 5 and len(d["items"]) == 5, "the whole feed, paginated: %s" % d.get("total"))
for who in ("reviewer", "finance", "cadre", "unit", "member"):
    st, d = req("GET", "/api/v1/settlements?unmatched=1", token=T[who])
    check(st == 403, "%s may not read the feed: %s" % (who, st))
    st, d = req("POST", "/api/v1/settlements/relink", token=T[who])
    check(st == 403, "%s may not relink: %s" % (who, st))
st, d = req("POST", "/api/v1/members", {"id_number": newid, "name": "新会员", "unit": wh["code"]}, token=S)
check(st == 201, "the person is registered: %s" % st)
st, d = req("GET", "/api/v1/settlements?unmatched=1&per_page=500", token=S)
check([r["linkable"] for r in d["items"] if r["setl_id"] == "OFFICE-T1"] == [True], "now linkable")
st, d = req("POST", "/api/v1/settlements/relink", token=S)
check(st == 200 and d["linked"] >= 1, "relinked: %s" % d)
check(sql("SELECT m.id_number FROM settlement s JOIN member m ON m.id = s.member_id WHERE s.setl_id = 'OFFICE-T1'") == newid,
      "the row belongs to the member now")
st, d = req("GET", "/api/v1/settlements?unmatched=1&per_page=500", token=S)
check(not [r for r in d["items"] if r["setl_id"] == "OFFICE-T1"], "and is no longer unmatched")

# --- the overdue board and the audit chain ------------------------------------------------------
st, d = req("GET", "/api/v1/reports/overdue?format=json", token=S)
check(st == 200 and "items" in d, "the overdue report")
st, d = req("GET", "/api/v1/reports/overdue?format=json", token=C)
check(st == 200 and all(r["id_number"].count("*") > 0 for r in d["items"]), "the cadre's overdue rows, ID numbers masked")
st, d = req("GET", "/api/v1/audit/verify", token=A)
check(st == 200 and d["ok"] and d["events"] > 0, "the audit chain verifies: %s" % d)
for who in ("staff", "cadre", "unit"):
    st, d = req("GET", "/api/v1/audit/verify", token=T[who])
    check(st == 403, "%s may not verify the audit: %s" % (who, st))
finish()
