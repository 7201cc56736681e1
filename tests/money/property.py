"""R10: a property test over money's life. Random sequences of feeds
(new stays, duplicate stays under another setl_id, refunds, re-settlements),
claims, proactive runs, approvals, rejections, resubmissions, bank batches
and bank results (successes, failures, re-imported files, contradictory
rows) and recoveries, driven through the real CLI. After every step:
`huzhu check` passes (debits = credits, every balance and posting agrees);
no stay is paid twice; no cap is passed; money out of the bank equals the
sum of the successes this test itself told the bank to report.

Usage: property.py SEED STEPS (env: HUZHU, HZ_DB, HZ_PG_PORT, HZ_PGDB, T)."""
import json, os, random, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hzcli import FEED_HEAD, hz, sql, id_number, luhn  # noqa: E402

T = os.environ["T"]
SEED, STEPS = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(SEED)
UNIT = "91610000MA6TG00007"


# --- the world ---------------------------------------------------------
hz("init", want=0)
hz("org", "add", "--code", "XA", "--name", "西安市总工会", want=0)
hz("unit", "add", "--code", UNIT, "--name", "纺织厂", "--org", "XA", want=0)
members = []
for i in range(6):
    m = id_number("610102198%d0%d0%d00%d" % (i % 10, 1 + i % 9, 1 + i % 9, i % 10))
    hz("member", "add", "--id-number", m, "--name", "会员%s" % "甲乙丙丁戊己"[i], "--unit", UNIT,
       "--bank-card", luhn("62170000000%05d" % i), "--bank-name", "工商银行", want=0)
    hz("enroll", "--id-number", m, "--plan", "ZY", "--start", "2026-01-01", want=0)
    if i % 2 == 0:
        hz("enroll", "--id-number", m, "--plan", "JT", "--start", "2026-01-01", want=0)
    members.append(m)

settlements = {}   # setl_id -> dict(member, stay, refunded)
next_setl = [0]
paid_told = [0]    # fen the bank was told to report as paid, by this test
results_sent = []  # result files already applied (to re-import)
serial = [0]


def feed(rows):
    with open(T + "/pfeed.csv", "w") as f:
        f.write(FEED_HEAD + "\n" + "\n".join(rows) + "\n")
    hz("import", "settlements", T + "/pfeed.csv", want=0)


def stay_row(sid, m, stay, refund=False):
    adm, dscg, hosp, selfpay = stay
    s = "-" if refund else ""
    return "%s,%s,某某,1,%s,医院%s,3,21,%s,%s,K35.8,,%s30000.00,%s10000.00,%s%d.%02d,%s100.00,%d,%s 10:00:00" % (
        sid, m, hosp, hosp, adm, dscg, s, s, s, selfpay // 100, selfpay % 100, s, 1 if refund else 0, dscg)


def op_new_stay():
    m = rnd.choice(members)
    live = [s for s in settlements.values() if s["member"] == m]
    next_setl[0] += 1
    sid = "P%04d" % next_setl[0]
    if live and rnd.random() < 0.3:  # the same stay again under another setl_id (duplicate or re-settlement)
        stay = rnd.choice(live)["stay"]
    else:
        month = rnd.randint(4, 11)
        day = rnd.randint(1, 18)
        stay = ("2026-%02d-%02d" % (month, day), "2026-%02d-%02d" % (month, day + rnd.randint(1, 9)),
                "H%d" % rnd.randint(1, 3), rnd.randint(100000, 1500000))
    settlements[sid] = {"member": m, "stay": stay, "refunded": False}
    feed([stay_row(sid, m, stay)])


def op_refund():
    live = [k for k, s in settlements.items() if not s["refunded"]]
    if not live:
        return
    sid = rnd.choice(live)
    s = settlements[sid]
    s["refunded"] = True
    feed([stay_row(sid, s["member"], s["stay"], refund=True)])


def claims(where="1=1"):
    return sql("SELECT c.claim_no, c.status, c.total, COALESCE(c.hold_reason, ''), s.setl_id FROM claim c"
               " JOIN claim_line l ON l.claim_id = c.id JOIN settlement s ON s.id = l.settlement_id WHERE %s"
               " GROUP BY c.claim_no, c.status, c.total, c.hold_reason, s.setl_id" % where)


def op_submit():
    free = [k for k, s in settlements.items() if not s["refunded"] and not sql(
        "SELECT 1 FROM claim_settlement cs JOIN settlement s ON s.id = cs.settlement_id WHERE s.setl_id = '%s'"
        " AND cs.active = 1" % k)]
    if not free:
        return
    sid = rnd.choice(free)
    rejected = sql("SELECT c.claim_no FROM claim_settlement cs JOIN claim c ON c.id = cs.claim_id JOIN settlement s"
                   " ON s.id = cs.settlement_id WHERE s.setl_id = '%s' AND c.status = 'rejected' ORDER BY c.id DESC"
                   % sid)
    args = ["claim", "submit", "--id-number", settlements[sid]["member"], "--settlement", sid, "--documents-complete"]
    if rejected:
        p = hz(*args)
        assert p.returncode == 3 and rejected[0][0] in p.stderr, "a rejected settlement needs --resubmit-of: %s" % p.stderr
        args += ["--resubmit-of", rejected[0][0]]
    hz(*args, want=(0, 3))  # 3: a concurrent rule (e.g. waiting) is not an error here


def op_proactive():
    hz("claims", "proactive", want=0)


def same_stay_active(claim_no, sid):
    s = settlements[sid]
    others = [k for k, o in settlements.items() if k != sid and o["member"] == s["member"] and not o["refunded"]
              and o["stay"][:3] == s["stay"][:3]]
    for k in others:
        for c in claims("s.setl_id = '%s'" % k):
            if c[1] not in ("rejected",) and int(c[2]) > 0:
                return True
    return False


def op_review():
    waiting = claims("c.status = 'adjudicated'")
    if not waiting:
        return
    no, _, total, hold, sid = rnd.choice(waiting)
    if "DUPLICATE_STAY" in hold and same_stay_active(no, sid):
        hz("claim", "reject", no, "--reason", "重复住院结算", want=0)  # a careful reviewer
    elif rnd.random() < 0.8:
        hz("claim", "approve", no, want=0)
    else:
        hz("claim", "reject", no, "--reason", "材料不实", want=0)


def op_reject():
    c = claims("c.status = 'approved'")
    if c:
        no = rnd.choice(c)[0]
        hz("claim", "reject", no, "--reason", "复核不符", want=(0, 3))  # 3: in a batch or paid


def op_batch():
    p = hz("pay", "batch", "--out", T + "/pbatch.csv", want=0)


def op_result():
    pend = sql("SELECT p.payable_no, y.amount FROM payment y JOIN payable p ON p.id = y.payable_id"
               " WHERE y.status = 'pending'")
    if rnd.random() < 0.15 and results_sent:  # the bank's old file again
        p = hz("pay", "confirm", rnd.choice(results_sent), want=0)
        assert json.loads(p.stdout)["file_seen"], "a re-imported file changes nothing"
        return
    if rnd.random() < 0.1:  # a contradictory row: a second success with another serial
        paid = sql("SELECT p.payable_no FROM payment y JOIN payable p ON p.id = y.payable_id WHERE y.status = 'paid'"
                   " AND NOT EXISTS (SELECT 1 FROM payment z WHERE z.payable_id = p.id AND z.status = 'pending')")
        if paid:
            serial[0] += 1
            path = "%s/bad%d.csv" % (T, serial[0])
            with open(path, "w") as f:
                f.write("业务编号,结果,失败原因,银行流水号\n%s,成功,,X%06d\n" % (rnd.choice(paid)[0], serial[0]))
            hz("pay", "confirm", path, want=3)
            return
    if not pend:
        return
    rows = []
    for no, amount in pend:
        if rnd.random() < 0.3:
            continue  # the bank has not answered this one yet
        serial[0] += 1
        if rnd.random() < 0.75:
            rows.append("%s,成功,,S%06d" % (no, serial[0]))
            paid_told[0] += int(amount)
        else:
            rows.append("%s,失败,户名不符,F%06d" % (no, serial[0]))
    if not rows:
        return
    path = "%s/result%d.csv" % (T, serial[0])
    with open(path, "w") as f:
        f.write("业务编号,结果,失败原因,银行流水号\n" + "\n".join(rows) + "\n")
    hz("pay", "confirm", path, want=0)
    results_sent.append(path)


def op_recovery():
    p = hz("recovery", "list", want=0)
    owing = [r for r in json.loads(p.stdout)["recoveries"] if r["owes"] != "0.00"]
    if not owing:
        return
    r = rnd.choice(owing)
    fen = int(r["owes"].replace(".", ""))
    part = rnd.randint(1, fen)
    amount = "%d.%02d" % (part // 100, part % 100)
    if rnd.random() < 0.7:
        hz("recovery", "repay", "--id-number", r["id_number"], "--amount", amount, "--reason", "会员退回", want=0)
    else:
        hz("recovery", "writeoff", "--id-number", r["id_number"], "--amount", amount, "--reason", "无法追回", want=0)


OPS = [(op_new_stay, 5), (op_refund, 2), (op_submit, 3), (op_proactive, 2), (op_review, 3), (op_reject, 1),
       (op_batch, 3), (op_result, 3), (op_recovery, 1)]


def invariants(step, name):
    p = hz("check")
    assert p.returncode == 0, "step %d (%s): huzhu check: %s%s" % (step, name, p.stdout, p.stderr)
    # no stay paid twice: per identical stay, at most one approved or paid
    # claim with money (a held duplicate reserves but is not payable)
    groups = {}
    for sid, s in settlements.items():
        if not s["refunded"]:
            groups.setdefault((s["member"],) + s["stay"][:3], []).append(sid)
    for key, sids in groups.items():
        live = [c for sid in sids for c in claims("s.setl_id = '%s'" % sid) if c[1] in ("approved", "paid") and int(c[2]) > 0]
        assert len(live) <= 1, "step %d (%s): stay %s paid by %s" % (step, name, key, live)
    # no cap passed
    over = sql("SELECT c.plan_code, g.paid FROM ledger g JOIN coverage c ON c.id = g.coverage_id WHERE"
               " (c.plan_code = 'ZY' AND g.paid > 2000000) OR (c.plan_code = 'JT' AND g.paid > 450000 * c.shares)")
    assert not over, "step %d (%s): cap passed %s" % (step, name, over)
    # money out of the bank = the successes the bank reported
    out = int(sql("SELECT COALESCE(SUM(amount), 0) FROM payment WHERE status = 'paid'")[0][0])
    assert out == paid_told[0], "step %d (%s): bank out %d, successes reported %d" % (step, name, out, paid_told[0])


total_w = sum(w for _, w in OPS)
for step in range(STEPS):
    x = rnd.uniform(0, total_w)
    for fn, w in OPS:
        x -= w
        if x <= 0:
            break
    fn()
    invariants(step, fn.__name__)
n_paid = sql("SELECT COUNT(*) FROM payment WHERE status = 'paid'")[0][0]
n_recv = sql("SELECT COUNT(*) FROM transfer WHERE tkey LIKE 'recover:%'")[0][0]
print("seed %d: %d steps, %d settlements, %d payments paid, %d recoveries booked" % (SEED, STEPS, len(settlements), int(n_paid), int(n_recv)))
