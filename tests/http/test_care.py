"""Care activities and service cases over the API, run by tests/cli/test_care.sh
on what its CLI part left: two districts (甲区 XA-JA with the walk, the run,
the screening, the check-up, the cool packs and a wage case; 乙区 XA-YI with a
lecture and a legal case). A cadre of either district sees none of the
other's activities or cases in any list or by name (404 as if missing); a
member sees their own; repeats answer 409, the capacity 409 naming it, a man
in a screening 400 naming the rule, bad inputs 400 naming the field; a case
is opened, assigned, noted and closed with the amount recovered."""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import check, finish, req

PW = os.environ["HZ_PW"]
CASE, CASEB, MINE = os.environ["HZ_CASE"], os.environ["HZ_CASEB"], os.environ["HZ_MINE"]
MAN1, MAN2, WOMAN1, WOMAN2, MODEL, OTHER = os.environ["HZ_IDS"].split()
UA, UB = os.environ["HZ_UA"], os.environ["HZ_UB"]
V = "/api/v1"

tok = {}
for login in ("clerk", "cadre-a", "cadre-b", "member-a", "unit-a"):
    st, d = req("POST", V + "/session", {"login": login, "password": PW})
    assert st == 200, (login, st, d)
    tok[login] = d["token"]

def codes(login, q=""):
    st, d = req("GET", V + "/activities" + q, token=tok[login])
    check(st == 200, "%s GET /activities%s: %s" % (login, q, st))
    return sorted(a["code"] for a in d["items"]) if st == 200 else []

def case_nos(login, q=""):
    st, d = req("GET", V + "/cases" + q, token=tok[login])
    check(st == 200, "%s GET /cases%s: %s" % (login, q, st))
    return sorted(c["no"] for c in d["items"]) if st == 200 else []

# ---- scope: each district's cadre, a member, a unit liaison -------------------------
a_codes = codes("cadre-a")
check("JZB" not in a_codes and "WALK" in a_codes and "QL" in a_codes and "CITY" in a_codes, "cadre-a's activities: %s" % a_codes)
b_codes = codes("cadre-b")
check(b_codes == ["CITY", "JZB"], "cadre-b sees its district's lecture and the city's activity: %s" % b_codes)
check(codes("member-a") == ["SCR", "WALK"], "a member sees what they took part in")
check("JZB" not in codes("unit-a"), "a unit liaison sees none of the other district's")
for login, code in (("cadre-a", "JZB"), ("cadre-b", "WALK"), ("cadre-b", "QL"), ("member-a", "RUN")):
    st, d = req("GET", V + "/activities/" + code, token=tok[login])
    check(st == 404, "%s GET /activities/%s: %s (want 404)" % (login, code, st))
    st, d = req("POST", V + "/activities/%s/participants" % code, {"id_number": OTHER}, token=tok[login])
    check(st in (403, 404), "%s joins someone to %s: %s" % (login, code, st))
check(case_nos("cadre-a") == sorted([CASE, MINE]), "cadre-a's cases: its district's")
check(case_nos("cadre-b") == [CASEB], "cadre-b's cases: its district's")
check(case_nos("member-a") == [MINE], "a member's cases: their own")
check(case_nos("clerk", "?status=closed") == [CASE], "cases by status")
for login, no in (("cadre-a", CASEB), ("cadre-b", CASE), ("member-a", CASE)):
    st, d = req("GET", V + "/cases/" + no, token=tok[login])
    check(st == 404, "%s GET /cases/%s: %s (want 404)" % (login, no, st))
st, d = req("POST", V + "/cases/%s/notes" % CASEB, {"text": "越权"}, token=tok["cadre-a"])
check(st == 404, "cadre-a notes on district B's case: %s" % st)
st, d = req("GET", V + "/activities/WALK", token=tok["cadre-a"])
check(st == 200 and sorted(d) == ["code", "items", "participants", "ranking"], "activity show: the interface's keys")
check(st == 200 and [r["rank"] for r in d["ranking"]] == [1, 1, 1, 4], "the walk's places: %s" % d)
check(st == 200 and all("*" in r["id_number"] for r in d["ranking"]), "a cadre sees ID numbers masked")
# a member's phone: their activities, what they received, their cases
st, d = req("GET", V + "/care", token=tok["member-a"])
check(st == 200 and sorted(p["code"] for p in d["activities"]) == ["SCR", "WALK"], "the member's activities: %s" % d)
st, d = req("GET", V + "/care?id_number=" + WOMAN2, token=tok["clerk"])
check(st == 200 and [(x["item"], x["count"]) for x in d["distributions"]] == [("防暑降温包", 1)],
      "what a member received: %s" % d)
st, d = req("GET", V + "/care?id_number=" + OTHER, token=tok["cadre-a"])
check(st == 404, "cadre-a reads district B's member's activities: %s" % st)

# ---- participation rules over the API -------------------------------------------------
st, d = req("POST", V + "/activities", {"code": "JZ2", "kind": "lecture", "name": "讲座", "org": "XA-JA",
                                        "date": "2026-11-20", "capacity": 1}, token=tok["cadre-a"])
check(st == 201 and d["capacity"] == 1, "a cadre adds its district's lecture: %s %s" % (st, d))
st, d = req("POST", V + "/activities", {"code": "JZ3", "kind": "lecture", "name": "讲座", "org": "XA-YI"},
            token=tok["cadre-a"])
check(st == 400 and "org" in d["error"]["message"], "a cadre adds nothing to the other district: %s %s" % (st, d))
st, d = req("POST", V + "/activities/JZ2/participants", {"id_number": MAN1}, token=tok["cadre-a"])
check(st == 201 and d["date"] == "2026-11-20", "joined on the lecture's day: %s %s" % (st, d))
st, d = req("POST", V + "/activities/JZ2/participants", {"id_number": MAN1}, token=tok["cadre-a"])
check(st == 409, "the same day again: 409 (%s)" % st)
st, d = req("POST", V + "/activities/JZ2/participants", {"id_number": MAN2}, token=tok["cadre-a"])
check(st == 409 and "容量 1" in d["error"]["message"], "past the capacity: 409 naming it (%s %s)" % (st, d))
st, d = req("POST", V + "/activities/SCR/participants", {"id_number": MAN2, "date": "2026-03-09"}, token=tok["clerk"])
check(st == 400 and "women only" in d["error"]["message"], "a man in a screening: 400 naming the rule (%s)" % st)
st, d = req("POST", V + "/activities/WALK/participants", {"id_number": WOMAN2, "steps": -5, "date": "2026-06-25"},
            token=tok["clerk"])
check(st == 400 and d["error"]["message"].startswith("steps"), "negative steps: 400 naming the field (%s)" % d)
st, d = req("POST", V + "/activities/WALK/participants", {"id_number": "61010219800101009", "date": "2026-06-25"},
            token=tok["clerk"])
check(st == 400 and d["error"]["message"].startswith("id_number"), "a bad ID check digit: 400 naming the field")
st, d = req("POST", V + "/activities/WALK/participants", {"id_number": WOMAN2, "date": "2026-13-01"}, token=tok["clerk"])
check(st == 400 and d["error"]["message"].startswith("date"), "a bad date: 400 naming the field")
st, d = req("POST", V + "/activities/WALK/participants", {"id_number": WOMAN2, "colour": "red"}, token=tok["clerk"])
check(st == 400 and "colour" in d["error"]["message"], "an unknown field: 400 naming it")
st, d = req("POST", V + "/activities/QL/distributions", {"unit": UA, "items": "防暑降温包:50", "date": "2026-08-01"},
            token=tok["cadre-a"])
check(st == 201 and d["items"]["防暑降温包"] == 251, "goods counted in items: %s %s" % (st, d))
st, d = req("POST", V + "/activities/QL/distributions", {"unit": UA, "id_number": MAN1, "items": "毛巾:1"},
            token=tok["cadre-a"])
check(st == 400 and d["error"]["message"].startswith("unit"), "a unit and a member at once: 400 (%s)" % d)
st, d = req("POST", V + "/activities/QL/distributions", {"unit": UB, "items": "毛巾:1", "date": "2026-08-01"},
            token=tok["cadre-a"])
check(st == 404, "goods to the other district's unit: as if missing (%s)" % st)
st, d = req("POST", V + "/activities/QL/distributions", {"unit": UA, "items": "毛巾:1"}, token=tok["member-a"])
check(st == 403, "a member hands out nothing (%s)" % st)

# ---- a case through the API ---------------------------------------------------------------
st, d = req("POST", V + "/cases", {"id_number": MAN1, "kind": "wage", "summary": "拖欠工资", "amount": "5000.00"},
            token=tok["cadre-a"])
check(st == 201 and d["status"] == "open" and d["claimed"] == "5000.00", "a cadre opens a wage case: %s %s" % (st, d))
no = d.get("no", "")
st, d = req("POST", V + "/cases", {"id_number": OTHER, "kind": "wage", "summary": "越权"}, token=tok["cadre-a"])
check(st == 404, "a cadre opens no case for the other district's member (%s)" % st)
st, d = req("POST", V + "/cases", {"id_number": MAN1, "kind": "wage", "summary": "x", "amount": "abc"},
            token=tok["cadre-a"])
check(st == 400 and d["error"]["message"].startswith("amount"), "a bad amount: 400 naming the field")
st, d = req("POST", V + "/cases/%s/assign" % no, {"to": "cadre-b"}, token=tok["clerk"])
check(st == 400 and d["error"]["message"].startswith("to"), "assignee who cannot see the member: 400 naming `to`")
st, d = req("POST", V + "/cases/%s/assign" % no, {"to": "cadre-a"}, token=tok["clerk"])
check(st == 200 and d["assignee"] == "cadre-a" and d["status"] == "assigned", "assigned: %s" % d)
st, d = req("GET", V + "/cases?assignee=me", token=tok["cadre-a"])
check(st == 200 and no in [c["no"] for c in d["items"]], "in the cadre's queue")
st, d = req("POST", V + "/cases/%s/notes" % no, {"text": "已约谈"}, token=tok["cadre-a"])
check(st == 201 and [n["text"] for n in d["notes"]] == ["已约谈"], "a note: %s" % d)
st, d = req("POST", V + "/cases/%s/close" % no, {"outcome": "resolved", "recovered": "5000.00"}, token=tok["cadre-a"])
check(st == 200 and d["status"] == "closed" and d["recovered"] == "5000.00", "closed with the amount recovered: %s" % d)
st, d = req("POST", V + "/cases/%s/close" % no, {"outcome": "resolved"}, token=tok["cadre-a"])
check(st == 409, "closing twice: 409 (%s)" % st)
st, d = req("POST", V + "/cases/%s/notes" % no, {"text": "再记"}, token=tok["cadre-a"])
check(st == 409, "a note on a closed case: 409 (%s)" % st)
st, d = req("GET", V + "/cases/" + MINE, token=tok["member-a"])
check(st == 200 and d["no"] == MINE and d["status"] == "open", "the member follows their case")
st, d = req("POST", V + "/cases/%s/close" % MINE, {"outcome": "resolved"}, token=tok["member-a"])
check(st == 403, "a member closes nothing (%s)" % st)
finish()
