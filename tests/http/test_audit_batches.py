"""The audit events list and the bank batches list (issue 16). Seeds four
members with a stay each, approves their claims over HTTP as a reviewer,
builds a bank batch as finance and answers part of it with a bank result
file; then checks GET /audit/events (a claim's approval found by action,
object, actor and Beijing day; paging; exports of exactly the filtered rows)
and GET /payment-batches[/{no}] (counts and amounts against the payments,
the journal's bank account and `huzhu check`; the items), and that roles
without the right get 403. Run by tests/cli/test_audit_batches.sh."""
import csv, datetime, io, json, os, re, sys, urllib.error, urllib.request, zipfile

from common import check, finish, mkid
from listlib import cli, must, one, sql  # the CLI and SQL on either store, as the list tests use them

HUZHU, DBURL, T = os.environ["HUZHU"], os.environ["HZ_DBURL"], os.environ["HZ_T"]
BASE = os.environ["HZ_BASE"]
PW = "trail-pass-2026"


def req(path, token, raw=False, method="GET", body=None):
    headers = {"Authorization": "Bearer " + token}
    if body is not None:
        headers["Content-Type"] = "application/json"
    r = urllib.request.Request(BASE + "/api/v1" + path, headers=headers, method=method,
                               data=None if body is None else json.dumps(body).encode())
    try:
        with urllib.request.urlopen(r, timeout=60) as resp:
            data = resp.read()
            return resp.status, (data if raw else json.loads(data)), resp.headers
    except urllib.error.HTTPError as e:
        data = e.read()
        try:
            return e.code, json.loads(data), e.headers
        except ValueError:
            return e.code, data, e.headers


def luhn(b):
    d = [int(c) for c in b][::-1]
    s = sum(x if i % 2 else (2 * x if 2 * x < 10 else 2 * x - 9) for i, x in enumerate(d))
    return b + str((10 - s % 10) % 10)


def fen(s):
    whole, _, frac = s.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def beijing_day(ts):
    t = datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ") + datetime.timedelta(hours=8)
    return t.strftime("%Y-%m-%d")


def csv_rows(body):
    check(body[:3] == b"\xef\xbb\xbf", "CSV starts with a UTF-8 BOM")
    return list(csv.reader(io.StringIO(body[3:].decode("utf-8"))))


def xlsx_rows(body):
    """Rows of the first sheet of an XLSX answer (header included)."""
    z = zipfile.ZipFile(io.BytesIO(body))
    sheet = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")][0]
    return len(re.findall(rb"<row ", z.read(sheet)))


# --- the seed ---------------------------------------------------------------------
UNIT = "91610000MA6TG00007"
must("org", "add", "--code", "XA", "--name", "西安市总工会")
must("org", "add", "--code", "XA-BL", "--name", "碑林区总工会", "--parent", "XA", "--kind", "district")
must("unit", "add", "--code", UNIT, "--name", "西安电力机械厂", "--org", "XA-BL")
for login, role, scope in (("boss", "admin", None), ("rev", "reviewer", None), ("fin", "finance", None),
                           ("stf", "staff", None), ("cad", "cadre", "org:XA-BL"), ("sfin", "finance", "org:XA-BL")):
    must("user", "add", login, "--role", role, *(["--scope", scope] if scope else []), stdin=(PW + "\n").encode())
members = []
for i, name in enumerate(("甲一", "乙二", "丙三", "丁四")):
    idn = mkid("610102", "19850506", i + 1)
    must("member", "add", "--id-number", idn, "--name", name, "--unit", UNIT, "--bank-card",
         luhn("6217" + idn[6:17]), "--bank-name", "工商银行")
    must("enroll", "--id-number", idn, "--plan", "ZY", "--start", "2026-01-01")
    members.append(idn)
feed = os.path.join(T, "feed.csv")
with open(feed, "w", encoding="utf-8") as f:
    f.write("setl_id,certno,psn_name,gend,fixmedins_code,fixmedins_name,hosp_lv,med_type,adm_date,dscg_date,"
            "main_diag_code,diag_codes,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay,refd_setl_flag,setl_time\n")
    for i, idn in enumerate(members):
        # past the 5,000.00 a claim is approved without review: a reviewer decides
        f.write("S%d,%s,某某,1,H1,西京医院,3,21,2026-06-0%d,2026-06-1%d,K35.8,,60000.00,20000.00,%d.00,100.00,0,"
                "2026-06-1%d 10:00:00\n" % (i + 1, idn, i + 1, i + 1, 30000 + 1000 * i, i + 1))
must("import", "settlements", feed)
claims = []
for i, idn in enumerate(members):
    out = json.loads(must("--json", "claim", "submit", "--id-number", idn, "--settlement", "S%d" % (i + 1),
                          "--documents-complete"))
    claims.append(out["claim_no"])


def login(name):
    r = urllib.request.Request(BASE + "/api/v1/session", data=json.dumps({"login": name, "password": PW}).encode(),
                               headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(r, timeout=30) as resp:
        return json.loads(resp.read())["token"]


tok = {n: login(n) for n in ("boss", "rev", "fin", "stf", "cad", "sfin")}
for no in claims:
    st, d, _ = req("/claims/%s/approve" % no, tok["rev"], method="POST", body={})
    check(st == 200 and d.get("status") == "approved", "approve %s as the reviewer: %s %s" % (no, st, d))

# --- the audit events -------------------------------------------------------------
C1 = claims[0]
st, d, _ = req("/audit/events?action=claim.approve&object=" + C1, tok["boss"])
check(st == 200 and d["total"] == 1, "one approval of %s: %s %s" % (C1, st, d))
ev = d["items"][0] if st == 200 and d["items"] else {}
check(ev.get("actor") == "rev" and ev.get("object") == "claim:" + C1 and ev.get("action") == "claim.approve",
      "the event says who approved which claim: %s" % ev)
check("approved" in ev.get("summary", ""), "the summary says what happened: %s" % ev.get("summary"))
seq, at = ev.get("seq"), ev.get("at", "")
check(sql("SELECT action, object, actor FROM audit_event WHERE id = %s" % seq) ==
      [("claim.approve", "claim:" + C1, "rev")], "seq is the event's place in the chain")
day = beijing_day(at)
n_approvals = one("SELECT count(*) FROM audit_event WHERE action = 'claim.approve'")
check(n_approvals == 4, "four approvals recorded (%d)" % n_approvals)
st, d, _ = req("/audit/events?action=claim.approve&from=%s&to=%s" % (day, day), tok["boss"])
check(st == 200 and d["total"] == 4, "the approvals of the Beijing day %s: %s" % (day, d.get("total")))
prev = (datetime.date.fromisoformat(day) - datetime.timedelta(days=1)).isoformat()
st, d, _ = req("/audit/events?action=claim.approve&from=%s&to=%s" % (prev, prev), tok["boss"])
check(st == 200 and d["total"] == 0, "none the day before: %s" % d.get("total"))
st, d, _ = req("/audit/events?action=claim.approve&seq=%s" % seq, tok["boss"])
check(st == 200 and d["total"] == 1 and d["items"][0]["seq"] == seq, "one event by its seq")
st, d, _ = req("/audit/events?actor=rev&action=claim", tok["boss"])
check(st == 200 and d["total"] == 4 and {i["action"] for i in d["items"]} == {"claim.approve"},
      "an actor's claim events (action prefix): %s" % d.get("total"))
st, d, _ = req("/audit/events?object=claim:" + C1, tok["boss"])
n_c1 = one("SELECT count(*) FROM audit_event WHERE object = 'claim:%s'" % C1)
check(st == 200 and d["total"] == n_c1 and n_c1 >= 2, "a claim's whole story: %s of %d" % (d.get("total"), n_c1))
st, m, _ = req("/members?q=" + members[0], tok["boss"])
ref = m["items"][0]["ref"]
n_m1 = one("SELECT count(*) FROM audit_event WHERE object IN ('member:%s', 'member:%s')" % (members[0], ref))
st, d, _ = req("/audit/events?member=" + ref, tok["boss"])
check(st == 200 and d["total"] == n_m1 and n_m1 >= 1, "a member's events by ref: %s of %d" % (d.get("total"), n_m1))
# paging: newest first, pages disjoint and complete
want = [int(r[0]) for r in sql("SELECT id FROM audit_event WHERE action LIKE 'claim.%' ORDER BY id DESC")]
got, totals, page = [], set(), 1
while True:
    st, d, _ = req("/audit/events?action=claim&per_page=3&page=%d" % page, tok["boss"])
    if st != 200 or not d["items"]:
        break
    totals.add(d["total"])
    got += [i["seq"] for i in d["items"]]
    page += 1
check(got == want and totals == {len(want)}, "paging walks every claim event once, newest first (%d of %d)" %
      (len(got), len(want)))
st, d, _ = req("/audit/events?action=claim&sort=at&order=asc&per_page=500", tok["boss"])
check(st == 200 and [i["seq"] for i in d["items"]] == sorted(want), "sorted oldest first on request")
# exports: exactly the filtered rows
st, body, h = req("/audit/events?action=claim&format=csv", tok["boss"], raw=True)
rows = csv_rows(body) if st == 200 else []
check(st == 200 and len(rows) - 1 == len(want) and rows[0][:3] == ["序号", "时间", "操作人"],
      "the CSV has the filtered rows: %d of %d" % (len(rows) - 1, len(want)))
check(st == 200 and "audit_events.csv" in h.get("Content-Disposition", ""), "the CSV's file name")
first = [r for r in rows[1:] if r[0] == str(seq)]
check(first and first[0][1].startswith(day + " "), "the CSV's time is Beijing time: %s" % first)
st, body, _ = req("/audit/events?action=claim.approve&format=xlsx", tok["boss"], raw=True)
check(st == 200 and body[:2] == b"PK" and xlsx_rows(body) - 1 == 4, "the XLSX has the 4 approvals")
# who may read it: audit.verify (admin); bad values named
for who in ("rev", "fin", "stf", "cad"):
    st, d, _ = req("/audit/events", tok[who])
    check(st == 403, "%s may not read the audit events: %s" % (who, st))
    st, d, _ = req("/audit/events?format=csv", tok[who])
    check(st == 403, "%s may not export them: %s" % (who, st))
for q, name in (("action=claim%20approve", "action"), ("seq=x", "seq"), ("sort=hash", "sort"), ("from=2026-02-30", "from"),
                ("order=up", "order"), ("per_page=501", "per_page"), ("member=zz", "member"), ("actor=a%20b", "actor"),
                ("q=%D5%C5", "q")):
    st, d, _ = req("/audit/events?" + q, tok["boss"])
    check(st == 400 and d["error"]["message"].startswith(name + ":"), "400 naming %s: %s %s" % (name, st, d))

# --- the bank batches -------------------------------------------------------------
for who in ("rev", "stf", "cad"):
    st, d, _ = req("/payment-batches", tok[who])
    check(st == 403, "%s may not list the batches: %s" % (who, st))
st, d, _ = req("/payment-batches", tok["fin"])
check(st == 200 and d["total"] == 0 and d["items"] == [], "no batch yet")
st, b, _ = req("/payment-batches", tok["fin"], method="POST", body={})
check(st == 201 and b.get("count") == 4, "a batch of the four approved claims: %s %s" % (st, b))
BNO = b.get("batch_no", "")
created = sql("SELECT created_at FROM payment_batch WHERE batch_no = '%s'" % BNO)[0][0]
bj = datetime.datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ") + datetime.timedelta(hours=8)
check(BNO.startswith(bj.strftime("PB%Y%m%d-%H%M%S")), "the batch number reads Beijing time: %s at %s" % (BNO, created))
amount = {r[0]: int(r[1]) for r in sql("SELECT p.payable_no, y.amount FROM payment y JOIN payable p ON p.id = y.payable_id")}
result = os.path.join(T, "result1.csv")
with open(result, "w", encoding="utf-8") as f:
    f.write("业务编号,结果,失败原因,银行流水号\n%s,成功,,B-001\n%s,失败,账户已销户,B-002\n" % (claims[0], claims[1]))
must("pay", "confirm", result, as_="fin")


def bank_account():
    return [int(x) for x in sql("SELECT credits_posted, credits_pending FROM account WHERE code = 'bank'")[0]]


def check_batch(item, paid, returned, pending, status, what):
    paid_fen = sum(amount[c] for c in paid)
    check(item["count"] == 4 and fen(item["total"]) == sum(amount[c] for c in claims), what + ": count and total")
    check((item["paid"], item["returned"], item["pending"]) == (len(paid), len(returned), len(pending)),
          what + ": paid / returned / pending counted: %s" % item)
    check(fen(item["paid_amount"]) == paid_fen and fen(item["returned_amount"]) == sum(amount[c] for c in returned)
          and fen(item["pending_amount"]) == sum(amount[c] for c in pending), what + ": amounts: %s" % item)
    posted, pend = bank_account()
    check(posted == paid_fen and pend == fen(item["pending_amount"]),
          what + ": the journal's bank account agrees (posted %d, pending %d)" % (posted, pend))
    check(item["status"] == status, what + ": status %s" % item["status"])
    rc, out, err = cli("--json", "check")
    check(rc == 0 and json.loads(out).get("ok") is True, what + ": huzhu check passes: %s" % err)


st, d, _ = req("/payment-batches", tok["fin"])
check(st == 200 and d["total"] == 1 and d["items"][0]["batch_no"] == BNO, "the batch is listed")
if st == 200 and d["items"]:
    check_batch(d["items"][0], claims[:1], claims[1:2], claims[2:], "partial", "after part of the bank's answer")
# a finance account narrowed to a district builds, reads and confirms no bank batch: batches are the
# office's and pay the whole city (it read other districts' payees and card numbers, and paid them)
for path, method in (("/payment-batches", "GET"), ("/payment-batches/" + BNO, "GET"),
                     ("/payment-batches/" + BNO + "/file", "GET"), ("/payment-batches", "POST")):
    st, d, _ = req(path, tok["sfin"], method=method, body={} if method == "POST" else None)
    check(st == 403, "a district's finance account: %s %s refused (%s)" % (method, path, st))
st, me, _ = req("/me", tok["sfin"])
check(st == 200 and "payment.batch" not in me.get("actions", []), "... /me does not offer it payment.batch")
rc, out, err = cli("pay", "confirm", result, as_="sfin")
check(rc == 4, "... nor may it confirm a bank file on the command line (exit %s: %s)" % (rc, err.strip()))
st, dt, _ = req("/payment-batches/" + BNO, tok["fin"])
items = dt.get("items", []) if st == 200 else []
check(st == 200 and [i["ref"] for i in items] == claims, "the detail lists the four claims in batch order")
by_ref = {i["ref"]: i for i in items}
if len(by_ref) == 4:
    check(by_ref[claims[0]]["status"] == "paid" and by_ref[claims[0]]["bank_ref"] == "B-001", "item 1 paid")
    check(by_ref[claims[1]]["status"] == "returned" and by_ref[claims[1]]["return_reason"] == "账户已销户",
          "item 2 returned with the bank's reason")
    check(by_ref[claims[2]]["status"] == "pending" and by_ref[claims[2]]["settled_at"] is None, "item 3 pending")
    check(all(fen(i["amount"]) == amount[i["ref"]] for i in items), "item amounts as paid")
    check(by_ref[claims[0]]["payee"] == "甲一" and "*" in by_ref[claims[0]]["bank_card"]
          and by_ref[claims[0]]["source"] == "claim", "payee by name for finance, the card masked")
st, d, _ = req("/payment-batches/PB20000101-000000-99", tok["fin"])
check(st == 404, "an unknown batch: 404 (%s)" % st)
st, d, _ = req("/payment-batches/" + BNO, tok["stf"])
check(st == 403, "staff may not open a batch: %s" % st)
for q, n in (("status=partial", 1), ("status=settled", 0), ("returned=1", 1), ("q=" + claims[1], 1),
             ("q=" + BNO[2:10], 1), ("q=" + members[2], 1), ("q=LP999999999999", 0), ("by=fin", 1), ("by=boss", 0),
             ("from=%s&to=%s" % (bj.date(), bj.date()), 1),
             ("from=%s&to=%s" % (bj.date() - datetime.timedelta(days=1), bj.date() - datetime.timedelta(days=1)), 0)):
    st, d, _ = req("/payment-batches?" + q, tok["fin"])
    check(st == 200 and d["total"] == n, "batches with %s: %s (want %d)" % (q, d.get("total"), n))
for q, name in (("status=done", "status"), ("sort=payee", "sort"), ("returned=yes", "returned"), ("to=2026-1-1x", "to"),
                ("q=abc%FF", "q")):
    st, d, _ = req("/payment-batches?" + q, tok["fin"])
    check(st == 400 and d["error"]["message"].startswith(name + ":"), "400 naming %s: %s %s" % (name, st, d))
# the rest of the answer settles the batch; the returned claim goes into a second batch
result = os.path.join(T, "result2.csv")
with open(result, "w", encoding="utf-8") as f:
    f.write("业务编号,结果,失败原因,银行流水号\n%s,成功,,B-003\n%s,成功,,B-004\n" % (claims[2], claims[3]))
must("pay", "confirm", result, as_="fin")
st, d, _ = req("/payment-batches?status=settled", tok["fin"])
check(st == 200 and d["total"] == 1, "settled once the bank answered every line")
if st == 200 and d["items"]:
    check_batch(d["items"][0], [claims[0], claims[2], claims[3]], [claims[1]], [], "settled", "after the whole answer")
st, b2, _ = req("/payment-batches", tok["boss"], method="POST", body={})
check(st == 201 and b2.get("count") == 1, "the returned claim is paid in a second batch: %s" % b2)
st, d, _ = req("/payment-batches?sort=count&order=asc&per_page=1", tok["boss"])
check(st == 200 and d["total"] == 2 and d["items"][0]["batch_no"] == b2.get("batch_no") and d["items"][0]["status"] == "sent",
      "sorted by count, one per page: %s" % d)
st, d, _ = req("/payment-batches?per_page=1&page=2", tok["boss"])
check(st == 200 and d["items"] and d["items"][0]["batch_no"] == BNO, "newest first: the first batch on page 2")
st, body, h = req("/payment-batches?format=csv", tok["fin"], raw=True)
rows = csv_rows(body) if st == 200 else []
check(st == 200 and len(rows) == 3 and rows[0][0] == "批次号" and "payment_batches.csv" in h.get("Content-Disposition", ""),
      "the batches CSV: a header and the two batches (%d rows)" % len(rows))
st, body, _ = req("/payment-batches?status=sent&format=xlsx", tok["fin"], raw=True)
check(st == 200 and body[:2] == b"PK" and xlsx_rows(body) == 2, "the XLSX of the filtered batch")
st, d, _ = req("/audit/events?object=" + BNO, tok["boss"])
check(st == 200 and d["total"] >= 1 and d["items"][-1]["action"] == "payment.batch", "the batch's audit event by batch number")

finish()
