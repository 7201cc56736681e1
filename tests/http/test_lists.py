"""The long lists (issue 16): paging, filters, sort and export of GET /members
and GET /claims, and the same exports through `huzhu member list` / `claim
list`. Seeds two districts: 甲区 with a generated roster of 300 members (some
model workers, some ID numbers ending in X) and their settled stays turned
into claims by 免申即享, 乙区 with 40; a few claims made by hand. Every
figure is checked against the database itself (SQL, either store), and a
cadre of 甲区 must see 甲区's rows only, in totals and exports too.
Run by tests/cli/test_lists.sh."""
import json, os, sys, urllib.parse

import listlib
from listlib import check, cli, two_districts, csv_rows, login, must, one, req, sql, walk, xlsx_rows, PW, T

# --- the seed ---------------------------------------------------------------------
UA, UB = two_districts()
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
for name, role, scope in (("boss", "admin", None), ("cadre-a", "cadre", "org:XA-JA")):
    must("user", "add", name, "--role", role, *(["--scope", scope] if scope else []), stdin=(PW + "\n").encode())


boss, cadre = login("boss"), login("cadre-a")
IN_A = "JOIN unit u ON u.id = m.unit_id WHERE u.credit_code = '%s'" % UA
n_members, n_members_a = one("SELECT count(*) FROM member"), one("SELECT count(*) FROM member m " + IN_A)
n_claims = one("SELECT count(*) FROM claim")
n_claims_a = one("SELECT count(*) FROM claim c JOIN member m ON m.id = c.member_id " + IN_A)
check(n_members == 340 and n_members_a == 300, "seed: 340 members, 300 in 甲区 (%d, %d)" % (n_members, n_members_a))
check(n_claims > 250 and 0 < n_claims_a < n_claims, "seed: more than 250 claims (%d, %d in 甲区)" % (n_claims, n_claims_a))


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
            "from=2026-11-02&to=2026-11-01", "q=%D5%C5"):
    st, d, _ = req("/api/v1/claims?" + bad, boss)
    check(st == 400 and d["error"]["code"] == "VALIDATION", "claims ?%s: 400 (%s)" % (bad, st))
for bad in ("sort=colour", "flag=hero", "covered=maybe", "format=pdf", "q=abc%FF", "q=%FF&format=csv"):
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

# --- the other lists of a member's records: LM subsidies and cases (same parameters, same helper) ----------
must("lm", "proactive")
KINDS = ("wage", "legal", "injury", "consult", "other")
ids_b = [r[0] for r in sql("SELECT m.id_number FROM member m JOIN unit u ON u.id = m.unit_id WHERE u.credit_code = '%s'"
                           " ORDER BY m.id" % UB)]
for i, idn in enumerate(ids_a[:24] + ids_b[:9]):
    must("case", "open", "--id-number", idn, "--kind", KINDS[i % 5], "--summary", "诉求 %d" % i)
must("user", "add", "unit-b", "--role", "unit", "--scope", "unit:" + UB, stdin=(PW + "\n").encode())
for no in [r[0] for r in sql("SELECT case_no FROM service_case ORDER BY id LIMIT 6")]:
    must("case", "assign", no, "--to", "cadre-a")
unit_b = login("unit-b")
LM_A = "FROM lm_subsidy l JOIN member m ON m.id = l.member_id " + IN_A
CASE_A = "FROM service_case c JOIN member m ON m.id = c.member_id " + IN_A
lists = {"/api/v1/lm/applications": ("lm_subsidy", one("SELECT count(*) FROM lm_subsidy"), one("SELECT count(*) " + LM_A)),
         "/api/v1/cases": ("service_case", one("SELECT count(*) FROM service_case"), one("SELECT count(*) " + CASE_A))}
check(lists["/api/v1/lm/applications"][1] > 5 and 0 < lists["/api/v1/lm/applications"][2] < lists["/api/v1/lm/applications"][1],
      "seed: LM subsidies in both districts (%s)" % (lists["/api/v1/lm/applications"],))
check(lists["/api/v1/cases"][1:] == (33, 24), "seed: 33 cases, 24 in 甲区 (%s)" % (lists["/api/v1/cases"],))


def nos(items):
    return [x["no"] for x in items]


for path, (table, n_all, n_a) in lists.items():
    no_col = "subsidy_no" if table == "lm_subsidy" else "case_no"
    a_nos = set(r[0] for r in sql("SELECT l.%s FROM %s l JOIN member m ON m.id = l.member_id %s" % (no_col, table, IN_A)))
    # paging: disjoint, complete, every page the same total; newest first by default
    for token, who, want in ((boss, "admin", n_all), (cadre, "cadre A", n_a)):
        items, totals = walk(path, token, 7)
        check(totals == {want} and len(nos(items)) == want == len(set(nos(items))),
              "%s %s: pages disjoint and complete, total %d (%s, %d)" % (who, path, want, totals, len(items)))
        if token == cadre:
            check(set(nos(items)) == a_nos, "%s: cadre A sees exactly 甲区's" % path)
    items, _ = walk(path, boss, 500)
    check(nos(items) == [r[0] for r in sql("SELECT %s FROM %s ORDER BY id DESC" % (no_col, table))], "%s: newest first" % path)
    # sort: stable, with the id breaking ties (many rows share a status): asc is desc reversed
    for key in ("status", "no", "name"):
        asc, _ = walk(path + "?sort=%s&order=asc" % key, boss, 5)
        desc, _ = walk(path + "?sort=%s&order=desc" % key, boss, 5)
        check(nos(asc) == nos(desc)[::-1] and len(asc) == n_all, "%s sort=%s: desc is asc reversed, across pages" % (path, key))
    st, d, _ = req(path + "?sort=name", cadre)
    check(st == 400 and "sort" in d["error"]["message"], "%s: cadre may not sort on masked names (%s)" % (path, st))
    # filters against the database
    statuses = [r[0] for r in sql("SELECT DISTINCT status FROM %s" % table)]
    for status in statuses:
        st, d, _ = req(path + "?per_page=500&status=" + status, boss)
        want = one("SELECT count(*) FROM %s WHERE status = '%s'" % (table, status))
        check(st == 200 and d["total"] == want and all(x["status"] == status for x in d["items"]),
              "%s status=%s: %d (%s)" % (path, status, want, d.get("total")))
    st, d, _ = req(path + "?per_page=500&unit=" + UB, boss)
    check(d["total"] == n_all - n_a, "%s unit=乙区纺织厂: %d (%s)" % (path, n_all - n_a, d["total"]))
    st, d, _ = req(path + "?per_page=500&unit=" + UB, cadre)
    check(st == 200 and d["total"] == 0, "%s: cadre A filtering on 乙区's unit: nothing" % path)
    st, d, _ = req(path + "?per_page=5&from=2019-01-01&to=2099-12-31", boss)
    check(d["total"] == n_all, "%s: from/to around everything" % path)
    st, d, _ = req(path + "?per_page=5&to=2000-01-01", boss)
    check(d["total"] == 0, "%s: to before everything: none" % path)
    first = items[-1]
    for q in (first["no"], first["no"].lower(), first["no"][-5:]):
        st, d, _ = req(path + "?per_page=500&q=" + q, boss)
        check(first["no"] in nos(d["items"]), "%s: number search %s" % (path, q))
    idn = first["id_number"]
    st, d, _ = req(path + "?per_page=500&q=" + idn.lower(), boss)
    want = one("SELECT count(*) FROM %s l JOIN member m ON m.id = l.member_id WHERE m.id_number = '%s'" % (table, idn))
    check(d["total"] == want >= 1, "%s: by ID number (%d, %s)" % (path, want, d["total"]))
    for bad, name in (("sort=colour", "sort"), ("order=sideways", "order"), ("status=lost", "status"),
                      ("from=2026-13-01", "from"), ("unit=123", "unit"), ("per_page=501", "per_page"),
                      ("page=0", "page"), ("format=pdf", "format"), ("from=2026-11-02&to=2026-11-01", "from")):
        st, d, _ = req(path + "?" + bad, boss)
        check(st == 400 and d["error"]["code"] == "VALIDATION" and d["error"]["message"].startswith(name),
              "%s ?%s: 400 naming %s (%s %s)" % (path, bad, name, st, d))
    # exports: exactly the filtered rows in scope, CSV with BOM and Chinese titles, XLSX, Beijing times
    for token, who in ((boss, "admin"), (cadre, "cadre A")):
        for q in ("", "status=" + statuses[0], "unit=" + UA + "&sort=no&order=desc"):
            st, d, _ = req(path + "?per_page=500&" + q, token)
            total = d["total"]
            st, blob, h = req(path + "?format=csv&" + q, token, raw=True)
            rows_ = csv_rows(blob) if st == 200 else []
            check(st == 200 and len(rows_) == total + 1, "%s %s ?%s csv: %d rows for total %d" % (who, path, q, len(rows_) - 1, total))
            if rows_:
                check(rows_[0][0] in ("补助编号", "案件编号") and "身份证号码" in rows_[0], "%s csv: Chinese titles" % path)
                check([r[0] for r in rows_[1:]] == nos(d["items"]), "%s %s ?%s csv: the list's rows in its order" % (who, path, q))
                if token == cadre:
                    check(set(r[0] for r in rows_[1:]) <= a_nos and all("*" in r[2] for r in rows_[1:]),
                          "%s: cadre A's export holds 甲区's only, ID numbers masked" % path)
                at = rows_[0].index("申请时间" if table == "lm_subsidy" else "受理时间")
                col = "created_at" if table == "lm_subsidy" else "opened_at"
                utc = dict(sql("SELECT %s, %s FROM %s" % (no_col, col, table)))
                r1 = rows_[1] if len(rows_) > 1 else None
                if r1:
                    import datetime
                    bj = (datetime.datetime.strptime(utc[r1[0]], "%Y-%m-%dT%H:%M:%SZ") + datetime.timedelta(hours=8)).strftime("%Y-%m-%d %H:%M:%S")
                    check(r1[at] == bj, "%s csv: time in Beijing time (%s, stored %s)" % (path, r1[at], utc[r1[0]]))
            st, blob, h = req(path + "?format=xlsx&" + q, token, raw=True)
            check(st == 200 and blob[:2] == b"PK" and xlsx_rows(blob) == total + 1, "%s %s ?%s xlsx: %d rows" % (who, path, q, total))

# a unit liaison: cases of its own unit only; the LM list is not theirs
st, d, _ = req("/api/v1/cases?per_page=500", unit_b)
b_cases = one("SELECT count(*) FROM service_case c JOIN member m ON m.id = c.member_id JOIN unit u ON u.id = m.unit_id"
              " WHERE u.credit_code = '%s'" % UB)
check(st == 200 and d["total"] == b_cases == 9, "unit liaison of 乙区纺织厂: its 9 cases (%s %s)" % (st, d.get("total")))
st, blob, _ = req("/api/v1/cases?format=csv", unit_b, raw=True)
check(st == 200 and len(csv_rows(blob)) == b_cases + 1, "unit liaison's cases export: its own")
st, d, _ = req("/api/v1/cases?per_page=500&unit=" + UA, unit_b)
check(st == 200 and d["total"] == 0, "unit liaison filtering on another unit: nothing")
st, d, _ = req("/api/v1/lm/applications", unit_b)
check(st == 403, "unit liaison: the LM list is refused (%s)" % st)
st, d, _ = req("/api/v1/cases?per_page=500&assignee=me", cadre)
check(st == 200 and d["total"] == 6 and all(x["assignee"] == "cadre-a" for x in d["items"]), "cadre A's queue: 6 (%s)" % d.get("total"))
st, d, _ = req("/api/v1/lm/applications?per_page=500&year=1999", boss)
check(st == 400 and d["error"]["message"].startswith("year"), "lm year=1999: 400 naming year")

# the CLI writes the same exports in the caller's scope; a bad parameter exits 2 naming it
for cmd, path in ((["lm", "list"], "/api/v1/lm/applications"), (["cases"], "/api/v1/cases")):
    for as_, token in ((None, boss), ("cadre-a", cadre)):
        rc, out, err = cli(*cmd, "--sort", "status", "--order", "desc", "--format", "csv", as_=as_)
        st, blob, _ = req(path + "?sort=status&order=desc&format=csv", token, raw=True)
        check(rc == 0 and out == blob, "huzhu %s --format csv as %s = the API's export (%s %s)" % (" ".join(cmd), as_, rc, err))
    for bad in (("--sort", "colour"), ("--status", "lost"), ("--from", "2026-02-30"), ("--order", "up")):
        rc, out, err = cli(*cmd, *bad)
        check(rc == 2 and bad[0][2:] + ":" in err, "huzhu %s %s %s: exit 2 naming it (%s %s)" % (" ".join(cmd), bad[0], bad[1], rc, err))
rc, out, err = cli("--json", "cases", "--unit", UB, as_="unit-b")
check(rc == 0 and json.loads(out)["total"] == 9, "huzhu cases as the unit liaison: its 9 (%s)" % err)

print("%d passed, %d failed" % (listlib.passed, listlib.failed))
sys.exit(1 if listlib.failed else 0)
