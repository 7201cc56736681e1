"""Issue 13: no budget or cap is ever passed under concurrent work. Random
model workers (levels, stays, burdens), applications made all at once, a
random yearly budget, approvals and rejections racing each other, refunds
racing approvals; then student aid with students applied for twice at the
same moment and approvals racing for a programme's budget. Driven through
the real CLI, one process per request. After every round:
- each member's subsidies in a year add up to exactly min(cap, the sum of
  the level's share of each burden) (the cap cuts, whatever the order);
- what is approved never passes the budget, and every approval refused for
  the budget asked for more than is left at the end (the budget only fills);
- one grant per student, however many asked at once;
- `huzhu check` passes.

Usage: aid_property.py SEED (env: HUZHU, HZ_DB, HZ_PG_PORT, HZ_PGDB, T)."""
import os, random, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hzcli import DB, ENV, FEED_HEAD, HUZHU, hz, id_number as id_check, luhn, sql, yuan  # noqa: E402

SEED = int(sys.argv[1])
rnd = random.Random(SEED * 7919)
T = os.environ["T"]
UNIT = "91610000MA6TG00007"
LEVELS = {"national": (80, 3000000), "provincial": (70, 2000000), "city": (60, 1000000)}


def at_once(argvs):
    """Starts every command before waiting for any; returns their exit codes."""
    procs = [subprocess.Popen([HUZHU, "--db", DB, "--json", *a], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env=ENV) for a in argvs]
    codes = []
    for p in procs:
        _, err = p.communicate()
        if p.returncode not in (0, 2, 3):
            raise AssertionError("exit %d: %s" % (p.returncode, err))
        codes.append(p.returncode)
    return codes


def feed(rows, name):
    path = os.path.join(T, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(FEED_HEAD + "\n" + "\n".join(rows) + "\n")
    hz("import", "settlements", path, want=0)


def stay_row(setl, idn, month, day, selfpay, refund=False):
    s = "-" if refund else ""
    adm = "2025-%02d-%02d" % (month, day)
    dscg = "2025-%02d-%02d" % (month, day + 4)
    medfee = 2000000 + selfpay + 10000
    return "%s,%s,某某,1,H1,西京医院,3,21,%s,%s,I63.9,,%s%s,%s20000.00,%s%s,%s100.00,%d,%s 10:00:00" % (
        setl, idn, adm, dscg, s, yuan(medfee), s, s, yuan(selfpay), s, 1 if refund else 0, dscg)


def check():
    p = hz("check")
    if p.returncode != 0:
        raise AssertionError("huzhu check: %s%s" % (p.stdout, p.stderr))


def half_up_pct(pct, v):
    return (pct * v * 2 + 100) // 200


def lm_invariants(members, budget, exact=False):
    for idn, (level, own) in members.items():
        pct, cap = LEVELS[level]
        got = int(sql("SELECT COALESCE(SUM(l.amount), 0) FROM lm_subsidy l JOIN member m ON m.id = l.member_id"
                      " WHERE m.id_number = '%s' AND l.status <> 'rejected' AND l.reversed = 0" % idn)[0][0])
        want = min(cap, sum(half_up_pct(pct, b) for s, b in own.items() if s not in refunded))
        if got > cap:
            raise AssertionError("%s: %s subsidies pass the %s cap" % (idn, yuan(got), yuan(cap)))
        # before any rejection or refund the cut is exact; after, a rejected
        # or refunded subsidy gives back its part and nothing is recomputed
        if got > want or (exact and got != want):
            raise AssertionError("%s: subsidies %s, want min(cap, shares) = %s" % (idn, yuan(got), yuan(want)))
    approved = int(sql("SELECT COALESCE(SUM(amount), 0) FROM lm_subsidy WHERE year = 2025"
                       " AND (status = 'approved' OR status = 'paid')")[0][0])
    if approved > budget:
        raise AssertionError("approved %s passes the budget %s" % (yuan(approved), yuan(budget)))
    return approved


refunded = set()


def main():
    hz("init", want=0)
    hz("org", "add", "--code", "XA", "--name", "西安市总工会", want=0)
    hz("unit", "add", "--code", UNIT, "--name", "西安电力机械厂", "--org", "XA", want=0)
    # ---- model workers and their stays, applied for all at once
    members, rows, applies, n = {}, [], [], 0
    for i in range(rnd.randint(3, 6)):
        level = rnd.choice(list(LEVELS))
        idn = id_check("6101021970%02d%02d%03d" % (rnd.randint(1, 12), rnd.randint(1, 28), 100 + i))
        card = luhn("6217%014d" % (SEED * 1000 + i))
        hz("member", "add", "--id-number", idn, "--name", "劳模" + "甲乙丙丁戊己庚辛壬癸"[i], "--unit", UNIT, "--bank-card", card,
           "--bank-name", "工商银行", "--flag", "model:" + level, want=0)
        own = {}
        for k in range(rnd.randint(1, 5)):
            n += 1
            setl = "S%d-%d" % (SEED, n)
            burden = rnd.randint(100000, 3000000)
            own[setl] = burden
            rows.append(stay_row(setl, idn, 1 + 2 * k, 1 + i, burden))
            applies.append(["lm", "apply", "--id-number", idn, "--settlement", setl])
        members[idn] = (level, own)
    feed(rows, "stays.csv")
    rnd.shuffle(applies)
    at_once(applies)
    lm_invariants(members, 1 << 62, exact=True)
    check()
    # ---- a random budget; approvals and rejections race
    total = int(sql("SELECT COALESCE(SUM(amount), 0) FROM lm_subsidy WHERE year = 2025")[0][0])
    budget = rnd.randint(total // 4, total + total // 5)
    hz("lm", "budget", "--year", "2025", "--amount", yuan(budget), want=0)
    subs = [r[0] for r in sql("SELECT subsidy_no FROM lm_subsidy WHERE year = 2025 AND amount > 0 ORDER BY id")]
    rejected = set(rnd.sample(subs, len(subs) // 4))
    work = [["lm", "reject", s, "--reason", "材料不全"] if s in rejected else ["lm", "approve", s] for s in subs]
    rnd.shuffle(work)
    at_once(work)
    approved = lm_invariants(members, budget)
    for no, amount in sql("SELECT subsidy_no, amount FROM lm_subsidy WHERE year = 2025 AND status = 'applied'"
                          " AND amount > 0"):
        if int(amount) <= budget - approved:
            raise AssertionError("%s (%s) was refused but fits in what is left (%s)" % (no, yuan(int(amount)),
                                                                                        yuan(budget - approved)))
    check()
    # ---- refunds of approved stays race the approvals still waiting
    approved_setl = [r[0] for r in sql("SELECT s.setl_id FROM lm_subsidy l JOIN settlement s ON s.id = l.settlement_id"
                                       " WHERE l.status = 'approved' ORDER BY l.id")]
    back = rnd.sample(approved_setl, min(len(approved_setl), rnd.randint(1, 3))) if approved_setl else []
    refund_rows = []
    for setl in back:
        idn = next(i for i, (_, own) in members.items() if setl in own)
        refunded.add(setl)
        month = int(sql("SELECT substr(adm_date, 6, 2) FROM settlement WHERE setl_id = '%s'" % setl)[0][0])
        day = int(sql("SELECT substr(adm_date, 9, 2) FROM settlement WHERE setl_id = '%s'" % setl)[0][0])
        refund_rows.append(stay_row(setl, idn, month, day, members[idn][1][setl], refund=True))
    waiting = [r[0] for r in sql("SELECT subsidy_no FROM lm_subsidy WHERE status = 'applied' AND amount > 0")]
    path = os.path.join(T, "refunds.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(FEED_HEAD + "\n" + "\n".join(refund_rows) + "\n")
    work = [["lm", "approve", s] for s in waiting] + ([["import", "settlements", path]] if refund_rows else [])
    rnd.shuffle(work)
    at_once(work)
    approved = lm_invariants(members, budget)
    check()
    # ---- student aid: a student asked for twice at once; approvals race
    budget2 = rnd.randint(2, 8) * 500000
    hz("relief", "program", "add", "--code", "JQ%d" % SEED, "--kind", "student_aid", "--year", "2026", "--budget",
       yuan(budget2), "--name", "金秋助学", want=0)
    applies, students = [], []
    for i in range(rnd.randint(4, 9)):
        idn = id_check("6101021980%02d%02d%03d" % (rnd.randint(1, 12), rnd.randint(1, 28), 500 + i))
        poor = rnd.random() < 0.5
        args = ["member", "add", "--id-number", idn, "--name", "职工" + "甲乙丙丁戊己庚辛壬癸"[i], "--unit", UNIT, "--bank-card",
                luhn("6217%014d" % (SEED * 1000 + 500 + i)), "--bank-name", "工商银行"]
        if poor:
            args += ["--flag", "hardship:deep:2026-01-01:2026-12-31"]
        hz(*args, want=0)
        student = id_check("6101022008%02d%02d%03d" % (1 + i % 12, 1 + i, 700 + i))
        students.append(student)
        ask = ["relief", "apply", "--program", "JQ%d" % SEED, "--id-number", idn, "--student-name", "学生" + "甲乙丙丁戊己庚辛壬癸"[i],
               "--student-id-number", student, "--school", "西北大学", "--level",
               rnd.choice(["university", "high_school"]), "--reason", "家庭困难"]
        applies += [ask] * rnd.randint(1, 3)
    rnd.shuffle(applies)
    at_once(applies)
    for s in students:
        got = int(sql("SELECT COUNT(*) FROM relief_grant WHERE student_id_number = '%s' AND status <> 'rejected'"
                      % s)[0][0])
        if got != 1:
            raise AssertionError("student %s has %d grants, want one" % (s, got))
    grants = [r[0] for r in sql("SELECT grant_no FROM relief_grant g JOIN relief_program p ON p.id = g.program_id"
                                " WHERE p.code = 'JQ%d'" % SEED)]
    at_once([["relief", "approve", g] for g in grants])
    approved2 = int(sql("SELECT COALESCE(SUM(g.amount), 0) FROM relief_grant g JOIN relief_program p ON p.id ="
                        " g.program_id WHERE p.code = 'JQ%d' AND g.status IN ('approved', 'paid')" % SEED)[0][0])
    if approved2 > budget2:
        raise AssertionError("student aid approved %s passes %s" % (yuan(approved2), yuan(budget2)))
    for no, amount in sql("SELECT g.grant_no, g.amount FROM relief_grant g JOIN relief_program p ON p.id ="
                          " g.program_id WHERE p.code = 'JQ%d' AND g.status = 'applied'" % SEED):
        if int(amount) <= budget2 - approved2:
            raise AssertionError("grant %s refused but fits" % no)
    check()
    print("seed %d: %d members, %s of %s LM budget approved, %s of %s student aid" % (
        SEED, len(members), yuan(approved), yuan(budget), yuan(approved2), yuan(budget2)))


if __name__ == "__main__":
    main()
