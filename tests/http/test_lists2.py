"""The other long lists (issue 16): GET /users, GET /activities, GET
/relief/programs/:code/grants and GET /settlements page, filter, sort,
search and export like the claims list. Seeds two districts (甲区 with 40
members, 乙区 with 20), a feed with rows of people who are no members,
student-aid grants in both districts, care activities of the city and of
each district before, around and after today, and accounts of every role
(one disabled, one locked). Every figure is checked against the database
(SQL, either store); a cadre of 甲区 sees 甲区's rows only, in totals and
exports, and may not sort or partly search on the names it sees masked.
Run by tests/cli/test_lists2.sh."""
import datetime, json, os, sys, urllib.error, urllib.request

import listlib
from listlib import check, two_districts, csv_rows, login, must, one, req, sql, walk, xlsx_rows, PW, T

BASE = os.environ["HZ_BASE"]
TODAY = os.environ.get("HUZHU_TODAY", "2026-11-29")

# --- the seed ---------------------------------------------------------------------
UA, UB = two_districts()
roster = os.path.join(T, "all.csv")
must("gen", "roster", "70", "--out", roster, "--seed", "21")
lines = open(roster, encoding="utf-8-sig").read().splitlines()
head, rows = lines[0], lines[1:]
for name, part, unit in (("a.csv", rows[:40], UA), ("b.csv", rows[40:60], UB), ("x.csv", rows[60:], None)):
    path = os.path.join(T, name)
    open(path, "w", encoding="utf-8").write(head + "\n" + "\n".join(part) + "\n")
    if unit:
        must("import", "roster", path, "--unit", unit, "--plan", "ZY", "--start", "2026-01-01", "--skip-invalid")
    feed = os.path.join(T, name + ".feed")
    must("gen", "settlements", str(len(part) * 2), "--out", feed, "--roster", path, "--seed", str(len(name) + len(part)))
    must("import", "settlements", feed)
IN = "JOIN unit u ON u.id = m.unit_id WHERE u.credit_code = '%s'"
ids_a = [r[0] for r in sql("SELECT m.id_number FROM member m " + IN % UA + " ORDER BY m.id")]
ids_b = [r[0] for r in sql("SELECT m.id_number FROM member m " + IN % UB + " ORDER BY m.id")]


def student_id(n):
    body = "6101022008%02d%02d%03d" % (1 + n // 28 % 12, 1 + n % 28, 100 + n)
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * k for c, k in zip(body, w)) % 11]


must("relief", "program", "add", "--code", "ZX", "--kind", "student_aid", "--year", "2026", "--budget", "900000.00",
     "--name", "金秋助学")
for i, idn in enumerate(ids_a[:16] + ids_b[:8]):
    must("relief", "apply", "--program", "ZX", "--id-number", idn, "--student-name", "学生%d" % i, "--student-id-number",
         student_id(i), "--school", "西北大学", "--level", "university" if i % 3 else "high_school", "--reason", "家庭困难")
grant_nos = [r[0] for r in sql("SELECT grant_no FROM relief_grant ORDER BY id")]
for no in grant_nos[:6]:
    must("relief", "approve", no)
for no in grant_nos[6:9]:
    must("relief", "reject", no, "--reason", "材料不全")
KINDS = ("lecture", "walk", "cool", "checkup", "training")
for i, (org, start, days) in enumerate((("XA", "2025-06-01", 0), ("XA", "2026-11-20", 20), ("XA-JA", "2026-03-08", 0),
                                        ("XA-JA", "2026-11-29", 0), ("XA-JA", "2026-12-15", 1), ("XA-JA", "2025-12-31", 1),
                                        ("XA-YI", "2026-05-01", 3), ("XA-YI", "2027-01-05", 0), ("XA-YI", "2026-11-01", 60),
                                        ("XA-JA", "2026-07-01", 0), ("XA-YI", "2026-02-14", 0))):
    end = (datetime.date.fromisoformat(start) + datetime.timedelta(days=days)).isoformat()
    must("activity", "add", "--code", "HD%02d" % (i + 1), "--kind", KINDS[i % 5], "--name", "活动%s%d" % ("甲乙"[i % 2], i),
         "--org", org, "--date", start, "--to", end)
ACCOUNTS = (("boss", "admin", None), ("cadre-a", "cadre", "org:XA-JA"), ("cadre-b", "cadre", "org:XA-YI"),
            ("clerk", "staff", None), ("checker", "reviewer", None), ("cashier", "finance", None),
            ("unit-b", "unit", "unit:" + UB), ("unit-a", "unit", "unit:" + UA), ("member-a", "member", "member:" + ids_a[0]),
            ("city", "cadre", "org:XA"), ("gone", "staff", None), ("stuck", "staff", None))
for name, role, scope in ACCOUNTS:
    must("user", "add", name, "--role", role, *(["--scope", scope] if scope else []), stdin=(PW + "\n").encode())
boss, cadre = login("boss"), login("cadre-a")
for who in ("clerk", "checker", "unit-a"):
    login(who)


def post(path, token, body=None):
    r = urllib.request.Request(BASE + path, data=json.dumps(body or {}).encode(), method="POST",
                               headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(r, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code


check(post("/api/v1/users/gone/disable", boss) == 200, "seed: gone disabled")
for _ in range(int(os.environ.get("HUZHU_LOCK_AFTER", "3"))):
    r = urllib.request.Request(BASE + "/api/v1/session", data=json.dumps({"login": "stuck", "password": "wrong-pass-1"}).encode(),
                               headers={"Content-Type": "application/json"}, method="POST")
    try:
        urllib.request.urlopen(r, timeout=30)
    except urllib.error.HTTPError:
        pass
check(one("SELECT count(*) FROM app_user WHERE locked_at IS NOT NULL") == 1, "seed: stuck locked")


def ids(items, key):
    return [x[key] for x in items]


def same_rows(path, token, key, want_sql, what):
    """Every page of path: disjoint, complete, each page's total = the rows of want_sql (their keys)."""
    items, totals = walk(path, token, 7)
    want = [r[0] for r in sql(want_sql)]
    got = ids(items, key)
    check(totals == {len(want)} and len(got) == len(set(got)) and sorted(got) == sorted(want),
          "%s: pages disjoint and complete, total %d (%s, %d rows)" % (what, len(want), totals, len(got)))
    return items


def sorts_stable(path, token, key, keys, n):
    for k in keys:
        asc, _ = walk(path + "%ssort=%s&order=asc" % ("&" if "?" in path else "?", k), token, 6)
        desc, _ = walk(path + "%ssort=%s&order=desc" % ("&" if "?" in path else "?", k), token, 6)
        check(ids(asc, key) == ids(desc, key)[::-1] and len(asc) == n, "%s sort=%s: desc is asc reversed (%d)" % (path, k, len(asc)))


def exports(path, token, who, first_title, count=None):
    sep = "&" if "?" in path else "?"
    st, d, _ = req(path + sep + "per_page=1", token)
    total = d["total"]
    st, blob, h = req(path + sep + "format=csv", token, raw=True)
    rows_ = csv_rows(blob) if st == 200 else []
    check(st == 200 and "attachment" in h.get("Content-Disposition", "") and len(rows_) == total + 1,
          "%s %s csv: %d rows for total %d" % (who, path, len(rows_) - 1, total))
    check(bool(rows_) and rows_[0][0] == first_title, "%s csv: Chinese titles (%s)" % (path, rows_[0] if rows_ else None))
    st, blob, _ = req(path + sep + "format=xlsx", token, raw=True)
    check(st == 200 and blob[:2] == b"PK" and xlsx_rows(blob) == total + 1, "%s %s xlsx: %d rows" % (who, path, total))
    if count is not None:
        check(total == count, "%s %s: total %d = the database's %d" % (who, path, total, count))
    return rows_


def bad_params(path, token, params):
    for bad, name in params:
        st, d, _ = req(path + ("&" if "?" in path else "?") + bad, token)
        check(st == 400 and d["error"]["code"] == "VALIDATION" and d["error"]["message"].startswith(name),
              "%s ?%s: 400 naming %s (%s %s)" % (path, bad, name, st, d))


COMMON_BAD = (("sort=colour", "sort"), ("order=sideways", "order"), ("status=lost", "status"), ("per_page=501", "per_page"),
              ("page=0", "page"), ("format=pdf", "format"), ("from=2026-13-01", "from"), ("from=2026-11-02&to=2026-11-01", "from"),
              # a search the server cannot read (GB18030 张, a stray byte) is refused, never widened to every row
              ("q=%D5%C5", "q"), ("q=abc%FF", "q"))

# --- users ------------------------------------------------------------------------------
n_users = one("SELECT count(*) FROM app_user")
items = same_rows("/api/v1/users", boss, "login", "SELECT login FROM app_user", "users")
check(ids(items, "login") == [r[0] for r in sql("SELECT login FROM app_user ORDER BY login")], "users: by login by default")
check(all("last_login_at" in u and "locked" in u and "scope_name" in u for u in items), "users: the older fields and last_login_at")
sorts_stable("/api/v1/users", boss, "login", ("login", "role", "last_login", "created_at"), n_users)
items, _ = walk("/api/v1/users?sort=last_login&order=desc", boss, 5)
logged = [u["login"] for u in items if u["last_login_at"]]
check(set(logged) == {"boss", "cadre-a", "clerk", "checker", "unit-a"} and items[0]["login"] in logged,
      "users by last login: those who logged in first (%s)" % logged)
for state, cond in (("enabled", "disabled = 0 AND locked_at IS NULL"), ("disabled", "disabled <> 0"),
                    ("locked", "disabled = 0 AND locked_at IS NOT NULL")):
    same_rows("/api/v1/users?status=" + state, boss, "login", "SELECT login FROM app_user WHERE " + cond, "users status=" + state)
same_rows("/api/v1/users?role=cadre", boss, "login", "SELECT login FROM app_user WHERE role = 'cadre'", "users role=cadre")
same_rows("/api/v1/users?org=xa-ja", boss, "login", "SELECT 'cadre-a' UNION SELECT 'unit-a' UNION SELECT 'member-a'",
          "users org=XA-JA (its cadre, its unit's liaison, its member)")
same_rows("/api/v1/users?org=XA&role=unit", boss, "login", "SELECT 'unit-a' UNION SELECT 'unit-b'", "users under XA, role unit")
same_rows("/api/v1/users?unit=" + UB, boss, "login", "SELECT 'unit-b'", "users of 乙区纺织厂")
same_rows("/api/v1/users?q=CADRE", boss, "login", "SELECT login FROM app_user WHERE login LIKE '%cadre%'", "users q=CADRE")
st, d, _ = req("/api/v1/users?q=" + urllib.request.quote("甲区") + "&per_page=50", boss)
check(sorted(ids(d["items"], "login")) == ["cadre-a", "unit-a"], "users q=甲区: by the scope's name (%s)" % ids(d["items"], "login"))
st, d, _ = req("/api/v1/users?from=%s&to=%s" % (TODAY, TODAY), boss)
check(d["total"] == n_users, "users created today: all (%s)" % d["total"])
rows_ = exports("/api/v1/users?status=enabled&sort=role", boss, "admin", "登录名",
                one("SELECT count(*) FROM app_user WHERE disabled = 0 AND locked_at IS NULL"))
items, _ = walk("/api/v1/users?status=enabled&sort=role", boss, 100)
check([r[0] for r in rows_[1:]] == ids(items, "login"), "users csv: the list's rows in its order")
check(exports("/api/v1/users?status=locked", boss, "admin", "登录名")[1][4] == "锁定", "users csv: 锁定 state")
bad_params("/api/v1/users", boss, COMMON_BAD + (("role=king", "role"), ("org=NOPE", "org"), ("unit=123", "unit")))
st, d, _ = req("/api/v1/users", cadre)
check(st == 403, "users: a cadre is refused (%s)" % st)

# --- care activities -----------------------------------------------------------------------
ACT_A = ("SELECT a.code FROM activity a JOIN org o ON o.id = a.org_id WHERE o.code IN ('XA', 'XA-JA')")
n_act = one("SELECT count(*) FROM activity")
items = same_rows("/api/v1/activities", boss, "code", "SELECT code FROM activity", "activities (admin)")
check(ids(items, "code") == [r[0] for r in sql("SELECT code FROM activity ORDER BY date_from DESC, id DESC")],
      "activities: latest first by default")
same_rows("/api/v1/activities", cadre, "code", ACT_A, "activities (cadre A: 甲区's and the city's)")
sorts_stable("/api/v1/activities", boss, "code", ("code", "name", "date", "status", "org"), n_act)
for status, cond in (("upcoming", "date_from > '%s'" % TODAY), ("ended", "date_to < '%s'" % TODAY),
                     ("ongoing", "date_from <= '%s' AND date_to >= '%s'" % (TODAY, TODAY))):
    items = same_rows("/api/v1/activities?status=" + status, boss, "code", "SELECT code FROM activity WHERE " + cond,
                      "activities status=" + status)
    check(len(items) > 0 and all(a["status"] == status for a in items), "activities status=%s: some, each says so" % status)
same_rows("/api/v1/activities?year=2026", boss, "code", "SELECT code FROM activity WHERE date_from LIKE '2026%'", "activities 2026")
same_rows("/api/v1/activities?from=2026-03-08&to=2026-07-01", boss, "code",
          "SELECT code FROM activity WHERE date_from >= '2026-03-08' AND date_from <= '2026-07-01'", "activities between two days")
same_rows("/api/v1/activities?year=2026&to=2026-03-08", boss, "code",
          "SELECT code FROM activity WHERE date_from >= '2026-01-01' AND date_from <= '2026-03-08'", "activities 2026 up to a day")
same_rows("/api/v1/activities?org=XA-YI", boss, "code",
          "SELECT a.code FROM activity a JOIN org o ON o.id = a.org_id WHERE o.code = 'XA-YI'", "activities of 乙区")
same_rows("/api/v1/activities?org=XA-YI", cadre, "code", "SELECT code FROM activity WHERE 1 = 0", "cadre A asking for 乙区's: none")
same_rows("/api/v1/activities?kind=walk", boss, "code", "SELECT code FROM activity WHERE kind = 'walk'", "activities kind=walk")
same_rows("/api/v1/activities?q=hd0", boss, "code", "SELECT code FROM activity WHERE code LIKE 'HD0%'", "activities by a part of the code")
same_rows("/api/v1/activities?q=" + urllib.request.quote("乙"), cadre, "code",
          ACT_A + " AND a.name LIKE '%乙%'", "cadre A: activities by a part of the title")
exports("/api/v1/activities?year=2026&sort=date", boss, "admin", "活动编号", one("SELECT count(*) FROM activity WHERE date_from LIKE '2026%'"))
rows_ = exports("/api/v1/activities", cadre, "cadre A", "活动编号", len(sql(ACT_A)))
check({r[0] for r in rows_[1:]} == {r[0] for r in sql(ACT_A)}, "cadre A's activities export: 甲区's and the city's only")
bad_params("/api/v1/activities", boss, COMMON_BAD + (("year=1999", "year"), ("kind=party", "kind"), ("org=NOPE", "org")))

# --- relief grants -----------------------------------------------------------------------
G = "/api/v1/relief/programs/ZX/grants"
GA = "SELECT g.grant_no FROM relief_grant g JOIN member m ON m.id = g.member_id " + IN % UA
n_grants = one("SELECT count(*) FROM relief_grant")
items = same_rows(G, boss, "no", "SELECT grant_no FROM relief_grant", "grants (admin)")
check(ids(items, "no") == grant_nos, "grants: oldest first by default (the older order)")
same_rows(G, cadre, "no", GA, "grants (cadre A: 甲区's)")
sorts_stable(G, boss, "no", ("no", "name", "status", "amount", "created_at"), n_grants)
items, _ = walk(G + "?sort=amount&order=desc", boss, 5)
amounts = [int(g["amount"].replace(".", "")) for g in items]
check(amounts == sorted(amounts, reverse=True) and len(set(amounts)) > 1, "grants by amount, descending (%s)" % sorted(set(amounts)))
for status in ("applied", "approved", "rejected"):
    same_rows(G + "?status=" + status, boss, "no", "SELECT grant_no FROM relief_grant WHERE status = '%s'" % status,
              "grants status=" + status)
same_rows(G + "?unit=" + UB, boss, "no", "SELECT g.grant_no FROM relief_grant g JOIN member m ON m.id = g.member_id " + IN % UB,
          "grants of 乙区纺织厂")
same_rows(G + "?unit=" + UB, cadre, "no", "SELECT 'x' WHERE 1 = 0", "cadre A asking for 乙区's unit: none")
no = grant_nos[3]
for q in (no, no.lower(), no[-5:]):
    st, d, _ = req(G + "?per_page=500&q=" + q, boss)
    check(no in ids(d["items"], "no"), "grants: number search %s" % q)
idn = ids_a[2]
same_rows(G + "?q=" + idn.lower(), cadre, "no",
          "SELECT g.grant_no FROM relief_grant g JOIN member m ON m.id = g.member_id WHERE m.id_number = '%s'" % idn,
          "cadre A: grants by a whole ID number")
name = sql("SELECT m.name FROM relief_grant g JOIN member m ON m.id = g.member_id " + IN % UA + " ORDER BY g.id LIMIT 1")[0][0]
st, d, _ = req(G + "?q=" + urllib.request.quote(name[1:]), boss)
check(d["total"] >= 1, "admin: grants by a part of a name (%s)" % d["total"])
st, d, _ = req(G + "?q=" + urllib.request.quote(name[1:]), cadre)
check(st == 200 and (d["total"] == 0 or name[1:] == name), "cadre A: a part of a masked name finds nothing (%s)" % d.get("total"))
st, d, _ = req(G + "?q=" + urllib.request.quote(name), cadre)
check(st == 200 and d["total"] >= 1 and all("*" in g["name"] or len(g["name"]) < 2 for g in d["items"]),
      "cadre A: a whole name finds, names masked (%s)" % d.get("total"))
st, d, _ = req(G + "?sort=name", cadre)
check(st == 400 and d["error"]["message"].startswith("sort"), "cadre A may not sort grants on masked names (%s)" % st)
exports(G + "?status=approved&sort=amount", boss, "admin", "救助编号", one("SELECT count(*) FROM relief_grant WHERE status = 'approved'"))
rows_ = exports(G, cadre, "cadre A", "救助编号", len(sql(GA)))
check({r[0] for r in rows_[1:]} == {r[0] for r in sql(GA)} and all("*" in r[2] for r in rows_[1:]),
      "cadre A's grants export: 甲区's only, ID numbers masked")
bad_params(G, boss, COMMON_BAD + (("unit=123", "unit"),))
st, d, _ = req("/api/v1/relief/programs/NOPE/grants", boss)
check(st == 404, "grants of an unknown programme: 404 (%s)" % st)

# --- settlements --------------------------------------------------------------------------
S = "/api/v1/settlements"
n_setl, n_unmatched = one("SELECT count(*) FROM settlement"), one("SELECT count(*) FROM settlement WHERE member_id IS NULL")
check(n_unmatched > 0 and n_setl > n_unmatched, "seed: %d settlements, %d matched to no member" % (n_setl, n_unmatched))
items = same_rows(S, boss, "setl_id", "SELECT setl_id FROM settlement", "settlements")
check(ids(items, "setl_id") == [r[0] for r in sql("SELECT setl_id FROM settlement ORDER BY id DESC")], "settlements: newest first")
check(all("settled_on" in s and "linkable" in s for s in items), "settlements: the older fields and settled_on")
sorts_stable(S, boss, "setl_id", ("setl_id", "name", "settled_on", "adm_date", "total", "hospital"), n_setl)
items, _ = walk(S + "?sort=total&order=desc", boss, 50)
totals_ = [int(s["total"].replace(".", "")) for s in items]
check(totals_ == sorted(totals_, reverse=True), "settlements by total, descending")
UNM = "SELECT setl_id FROM settlement WHERE member_id IS NULL"
same_rows(S + "?status=unmatched", boss, "setl_id", UNM, "settlements status=unmatched (one filter)")
same_rows(S + "?unmatched=1", boss, "setl_id", UNM, "settlements unmatched=1 (the older form)")
same_rows(S + "?status=matched", boss, "setl_id", "SELECT setl_id FROM settlement WHERE member_id IS NOT NULL", "settlements matched")
days = sorted(r[0][:10] for r in sql("SELECT setl_time FROM settlement"))
lo, hi = days[len(days) // 4], days[len(days) // 2]
same_rows(S + "?from=%s&to=%s" % (lo, hi), boss, "setl_id",
          "SELECT setl_id FROM settlement WHERE substr(setl_time, 1, 10) >= '%s' AND substr(setl_time, 1, 10) <= '%s'" % (lo, hi),
          "settlements settled between two days")
hosp = sql("SELECT fixmedins_name, fixmedins_code FROM settlement ORDER BY id LIMIT 1")[0]
for h in hosp:
    same_rows(S + "?hospital=" + urllib.request.quote(h), boss, "setl_id",
              "SELECT setl_id FROM settlement WHERE fixmedins_name = '%s'" % hosp[0], "settlements of hospital %s" % h)
same_rows(S + "?unit=" + UA, boss, "setl_id", "SELECT s.setl_id FROM settlement s JOIN member m ON m.id = s.member_id " + IN % UA,
          "settlements of 甲区机械厂's members")
sid = sql(UNM + " ORDER BY id LIMIT 1")[0][0]
for q in (sid, sid.lower(), sid[-6:]):
    st, d, _ = req(S + "?per_page=500&q=" + q, boss)
    check(sid in ids(d["items"], "setl_id"), "settlements: by settlement id %s" % q)
cert = sql("SELECT certno FROM settlement WHERE member_id IS NULL ORDER BY id LIMIT 1")[0][0]
same_rows(S + "?status=unmatched&q=" + cert.lower(), boss, "setl_id",
          "SELECT setl_id FROM settlement WHERE member_id IS NULL AND certno = '%s'" % cert, "unmatched rows of one ID number")
rows_ = exports(S + "?status=unmatched", boss, "admin", "结算号", n_unmatched)
check(all(r[3].startswith("未匹配") for r in rows_[1:]), "settlements csv: the unmatched rows only")
exports(S + "?sort=total&order=desc&from=" + lo, boss, "admin", "结算号")
bad_params(S, boss, COMMON_BAD + (("refunded=2", "refunded"), ("unmatched=1&status=matched", "unmatched")))
for who in ("cadre-a",):
    st, d, _ = req(S, cadre)
    check(st == 403, "settlements: the cadre is refused (%s)" % st)

print("%d passed, %d failed" % (listlib.passed, listlib.failed))
sys.exit(1 if listlib.failed else 0)
