"""GET /members/{id} and /members/ref/{ref} (tests/cli/test_member_view.sh):
the record written as text is byte for byte the CLI's jansson view without
its claims; masked roles get the same record with ID number and card
masked; a session the server keeps per worker thread is refused as soon as
it is logged out, disabled or ended, here or by another process.
Arguments: a member with a pending card change, two with empty fields."""
import http.client, json, os, subprocess, sys
sys.path.insert(0, os.path.dirname(__file__))
from common import HOST, PORT, PW, check, finish, req, sql

CARD, BARE1, BARE2 = sys.argv[1:4]
HUZHU, DB = os.environ["HUZHU"], os.environ["HZ_DBURL"]

def login(user):
    st, b = req("POST", "/api/v1/session", body={"login": user, "password": PW})
    check(st == 200, "login %s: %s %s" % (user, st, b))
    return b["token"]

def raw(path, token, conn=None):
    c = conn or http.client.HTTPConnection(HOST, PORT, timeout=30)
    c.request("GET", path, headers={"Authorization": "Bearer " + token})
    r = c.getresponse()
    body = r.read()
    if not conn:
        c.close()
    return r.status, body, r.getheader("Content-Type")

def cli_view(id_number):
    """The CLI's `--json member show` (jansson, compact) without "claims"."""
    out = subprocess.run([HUZHU, "--db", DB, "--json", "member", "show", id_number], capture_output=True, check=True).stdout
    out = out.rstrip(b"\n")
    cut = out.rindex(b',"claims":')
    return out[:cut] + b"}"

admin = login("admin")
cadre = login("cadre")

# --- the record, byte for byte ---------------------------------------------------
picked = [CARD, BARE1, BARE2]
# members with flags, with several coverages, without coverage, of the cadre's district
for q in ["SELECT m.id_number FROM member m WHERE EXISTS (SELECT 1 FROM member_flag f WHERE f.member_id = m.id) ORDER BY m.id LIMIT 8",
          "SELECT m.id_number FROM member m WHERE (SELECT count(*) FROM coverage c WHERE c.member_id = m.id) >= 2 ORDER BY m.id LIMIT 8",
          "SELECT m.id_number FROM member m WHERE NOT EXISTS (SELECT 1 FROM coverage c WHERE c.member_id = m.id) ORDER BY m.id LIMIT 4",
          "SELECT m.id_number FROM member m JOIN unit u ON u.id = m.unit_id JOIN org o ON o.id = u.org_id WHERE o.code = 'XA-XC' ORDER BY m.id LIMIT 8",
          "SELECT id_number FROM member ORDER BY id DESC LIMIT 6"]:
    picked += [x for x in sql(q).split("\n") if x and x not in picked]
check(len(picked) >= 20, "enough members picked: %d" % len(picked))
seen = {"flags": 0, "coverages": 0, "card_change": 0, "null_unit": 0, "null_phone": 0, "null_card": 0, "chinese": 0}
for idn in picked:
    st, body, ctype = raw("/api/v1/members/" + idn, admin)
    check(st == 200 and ctype == "application/json; charset=utf-8", "GET member %s: %s %s" % (idn, st, ctype))
    want = cli_view(idn)
    check(body == want, "member %s: the text is the jansson view\n got %s\nwant %s" % (idn, body[:300], want[:300]))
    d = json.loads(body)
    seen["flags"] += bool(d["flags"])
    seen["coverages"] += len(d["coverages"]) >= 2
    seen["card_change"] += d["card_change"] is not None
    seen["null_unit"] += d["unit"] is None
    seen["null_phone"] += d["phone"] is None
    seen["null_card"] += d["bank_card"] is None
    seen["chinese"] += any(ord(ch) > 0x4e00 for ch in d["name"])
    # the same record by its ref
    st, body2, _ = raw("/api/v1/members/ref/" + d["ref"], admin)
    check(st == 200 and body2 == body, "member %s by ref is the same bytes" % idn)
    # a masked role: the same record, ID number and card masked
    st, mbody, _ = raw("/api/v1/members/ref/" + d["ref"], cadre)
    if st == 200:
        m = json.loads(mbody, object_pairs_hook=list)
        a = json.loads(body, object_pairs_hook=list)
        check([k for k, _ in m] == [k for k, _ in a], "member %s: a cadre sees the same fields in the same order" % idn)
        for (k, mv), (_, av) in zip(m, a):
            if k == "id_number":
                check(mv != av and "*" in mv and len(mv) == len(av), "member %s: ID number masked for a cadre: %s" % (idn, mv))
            elif k == "bank_card" and av is not None:
                check(mv != av and "*" in mv, "member %s: card masked for a cadre: %s" % (idn, mv))
            elif k == "card_change" and av is not None:
                for (ck, cm), (_, ca) in zip(mv, av):
                    if ck in ("old_card", "new_card") and ca:
                        check(cm != ca and "*" in cm, "member %s: %s masked for a cadre: %s" % (idn, ck, cm))
                    else:
                        check(cm == ca, "member %s: card_change %s the same for a cadre" % (idn, ck))
            else:
                check(mv == av, "member %s: %s the same for a cadre" % (idn, k))
        seen.setdefault("masked", 0)
        seen["masked"] += 1
    else:
        check(st == 404, "a member outside the cadre's district is not found: %s" % st)
check(all(v > 0 for v in seen.values()) and seen.get("masked", 0) >= 5, "the members cover every case: %s" % seen)
st, b = req("GET", "/api/v1/members/110101190001010000", token=admin)
check(st in (400, 404) and "error" in b, "a bad or unknown ID number still answers an error: %s %s" % (st, b))

# --- sessions kept per worker thread ---------------------------------------------------
# one kept-alive connection stays on one worker thread, so its requests meet
# the session the thread remembers
K = http.client.HTTPConnection(HOST, PORT, timeout=30)
path = "/api/v1/members/" + CARD

def on_k(token):
    return raw(path, token, K)[0]

def warm(token, what):
    check([on_k(token) for _ in range(3)] == [200] * 3, "%s: served while valid" % what)

t = login("staff")
warm(t, "staff")
st, _ = req("DELETE", "/api/v1/session", token=t)
check(st in (200, 204), "logout on another connection: %s" % st)
check(on_k(t) == 401, "a session logged out on another connection is refused at once")

t = login("staff")
warm(t, "staff again")
K.request("DELETE", "/api/v1/session", headers={"Authorization": "Bearer " + t})
r = K.getresponse()
r.read()
check(r.status in (200, 204), "logout on the same connection: %s" % r.status)
check(on_k(t) == 401, "a session logged out on the thread's own connection is refused at once")

t = login("staff")
warm(t, "staff, before the admin disables the account")
st, b = req("POST", "/api/v1/users/staff/disable", token=admin)
check(st == 200, "admin disables staff: %s %s" % (st, b))
check(on_k(t) == 401, "a disabled account's session is refused at once")
st, b = req("POST", "/api/v1/users/staff/enable", token=admin)
check(st == 200, "admin enables staff: %s %s" % (st, b))

# changes made by another process, straight in the database
t = login("staff")
warm(t, "staff, before another process disables the account")
sql("UPDATE app_user SET disabled = 1 WHERE login = 'staff'")
check(on_k(t) == 401, "an account disabled by another process is refused at once")
sql("UPDATE app_user SET disabled = 0 WHERE login = 'staff'")
check(on_k(t) == 200, "and served again once enabled (the session was not ended)")
sql("UPDATE session SET expires_at = '2000-01-01T00:00:00Z' WHERE user_id = (SELECT id FROM app_user WHERE login = 'staff')")
check(on_k(t) == 401, "a session expired by another process is refused at once")
t = login("staff")
warm(t, "staff, before another process ends the session")
sql("DELETE FROM session WHERE user_id = (SELECT id FROM app_user WHERE login = 'staff')")
check(on_k(t) == 401, "a session deleted by another process is refused at once")
# a role changed elsewhere takes effect at once: a member account sees only itself
t = login("staff")
warm(t, "staff, before the role changes")
sql("UPDATE app_user SET role = 'unit', scope_kind = 'unit', scope_ref = (SELECT credit_code FROM unit ORDER BY id DESC LIMIT 1) WHERE login = 'staff'")
st, body, _ = raw(path, t, K)
check(st == 200 and "*" in json.loads(body)["id_number"] or st in (403, 404),
      "a role changed by another process applies at once: %s %s" % (st, body[:80]))
# two sessions on one connection, in turns, each its own user
t2 = login("admin")
check([on_k(x) for x in (t2, t2, admin, t2)] == [200] * 4, "two sessions in turns on one thread")
K.close()
finish()
