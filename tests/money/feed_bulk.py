"""P2 (issue 19): the feed's bulk path writes what the one-by-one path writes.

One world (members with and without coverage, people who are no members),
one random feed from `huzhu gen settlements` (many stays per member, so caps
are crossed by a member's later stays within one batch) with duplicate stays
under another setl_id, rows sent twice in the file, and refunds. Four copies
of the world take the feed:

  A  the bulk path: the whole file, then `claims proactive` (5,000 claims per
     transaction, the bulk writer on SQLite); the same file again and
     proactive again make nothing new.
  B  one by one: the whole file, then `claims proactive --batch 1` (each claim
     its own transaction): compared with A table by table, row by row, every
     column but the clock's (VOLATILE).
  D  the whole file, then `claims proactive --per-claim` (5,000 claims per
     transaction, each through the submission use case, the bulk writer's
     fallback): compared with B the same way.
  C  a stream: the file in chunks (a refund in its settlement's chunk), each
     followed by proactive with a random batch size, an earlier chunk sent
     again now and then: the money of every stay compared with A (claim
     total, lines, the coverages' ledgers, every benefit account's balance).

`huzhu check` passes after every step.

Usage: feed_bulk.py SEED MEMBERS STAYS [ab] (env: HUZHU, HZ_DB, T;
PostgreSQL: HZ_PG_PORT, HZ_PGDB); "ab" leaves C out (the large feed)."""
import json, os, random, shutil, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hzcli  # noqa: E402
from hzcli import hz, sql  # noqa: E402

T = os.environ["T"]
SEED, MEMBERS, STAYS = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
STREAM = len(sys.argv) < 5 or sys.argv[4] != "ab"
rnd = random.Random(SEED)
# one audit key for the three copies of one world
hzcli.ENV["HUZHU_AUDIT_KEY"] = T + "/fb.audit-key"
UNIT = "91610000MA6TG00007"
PG = hzcli.DB.startswith("postgresql")
# the clock's columns (these and every *_at): when a row was written, and the
# audit chain's hashes over those times
VOLATILE = {"at", "created_at", "updated_at", "submitted_at", "documents_complete_at", "decided_at", "imported_at",
            "paid_at", "settled_at", "next_at", "lease_until", "prev_hash", "hash"}
SKIP_TABLES = {"session", "schema_migration", "module_migration"}


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def use(name):
    """Points hz() and sql() at copy NAME ('a', 'b', 'c', 'd')."""
    if PG:
        hzcli.DB = "postgresql://postgres@127.0.0.1:%s/%s_%s" % (os.environ["HZ_PG_PORT"], os.environ["HZ_PGDB"], name)
        os.environ["HZ_PGDB_NOW"] = "%s_%s" % (os.environ["HZ_PGDB"], name)
    else:
        hzcli.DB = "sqlite:%s/fb_%s.db" % (T, name)


def psql(db, q):
    subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-p", os.environ["HZ_PG_PORT"], "-U", "postgres", "-d", db,
                    "-c", q], check=True, capture_output=True)


def query(q):
    if not PG:
        return sql(q)
    saved = os.environ["HZ_PGDB"]
    os.environ["HZ_PGDB"] = os.environ["HZ_PGDB_NOW"]
    try:
        return sql(q)
    finally:
        os.environ["HZ_PGDB"] = saved


def check(what):
    p = hz("check")
    if p.returncode != 0:
        fail("huzhu check after %s:\n%s%s" % (what, p.stdout, p.stderr))


# --- the world, in copy a ----------------------------------------------
if os.path.exists(T + "/fb.audit-key"):
    os.remove(T + "/fb.audit-key")
if PG:
    for name in "abcd":
        psql("postgres", "DROP DATABASE IF EXISTS %s_%s WITH (FORCE)" % (os.environ["HZ_PGDB"], name))
    psql("postgres", "CREATE DATABASE %s_a" % os.environ["HZ_PGDB"])
else:
    for name in "abcd":
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists("%s/fb_%s.db%s" % (T, name, suffix)):
                os.remove("%s/fb_%s.db%s" % (T, name, suffix))
use("a")
hz("init", want=0)
hz("org", "add", "--code", "XA", "--name", "西安市总工会", want=0)
hz("unit", "add", "--code", UNIT, "--name", "基准单位", "--org", "XA", want=0)
hz("gen", "roster", str(MEMBERS), "--out", T + "/fb_r.csv", "--seed", str(SEED), want=0)
rows = open(T + "/fb_r.csv", encoding="utf-8").read().splitlines()
head, people = rows[0], rows[1:]
# 45 % with three plans, 35 % with two, 10 % a member with an accident plan
# only (stays of illness: no coverage that pays), 10 % no member at all
cuts = [0, len(people) * 45 // 100, len(people) * 80 // 100, len(people) * 90 // 100]
for k, plans in enumerate((["ZY", "ZJ", "YW"], ["ZY", "ZJ"], ["JT"])):
    with open(T + "/fb_part.csv", "w", encoding="utf-8") as f:
        f.write(head + "\n" + "\n".join(people[cuts[k]:cuts[k + 1]]) + "\n")
    args = ["import", "roster", T + "/fb_part.csv", "--unit", UNIT, "--start", "2026-01-01"]
    for p in plans:
        args += ["--plan", p]
    hz(*args, want=0)
check("the world")

# --- the feed -------------------------------------------------------------
hz("gen", "settlements", str(STAYS), "--roster", T + "/fb_r.csv", "--out", T + "/fb_gen.csv", "--seed", str(SEED),
   want=0)
lines = open(T + "/fb_gen.csv", encoding="utf-8").read().splitlines()
feed_head, stays = lines[0], lines[1:]
feed = []  # (group, row): a refund travels in its settlement's group
for i, row in enumerate(stays):
    f = row.split(",")
    feed.append((i, row))
    r = rnd.random()
    if r < 0.04:  # the same stay again under another setl_id (a duplicate stay)
        g = list(f)
        g[0] = f[0] + "D"
        feed.append((i, ",".join(g)))
    elif r < 0.07:  # the same row twice in the file
        feed.append((i, row))
    elif r < 0.10:  # refunded in the same file: never claimed
        g = list(f)
        for k in (12, 13, 14, 15):
            g[k] = "-" + g[k]
        g[16] = "1"
        feed.append((i, ",".join(g)))


def write_feed(path, part):
    with open(path, "w", encoding="utf-8") as f:
        f.write(feed_head + "\n" + "\n".join(r for _, r in part) + "\n")


write_feed(T + "/fb_feed.csv", feed)

# --- copies b, c and d of the world ----------------------------------------
if PG:
    for name in "bcd":
        psql("postgres", "CREATE DATABASE %s_%s TEMPLATE %s_a" % (os.environ["HZ_PGDB"], name, os.environ["HZ_PGDB"]))
else:
    for name in "bcd":
        for suffix in ("", "-wal"):
            if os.path.exists(T + "/fb_a.db" + suffix):
                shutil.copy(T + "/fb_a.db" + suffix, "%s/fb_%s.db%s" % (T, name, suffix))

# --- A: the bulk path --------------------------------------------------------
hz("import", "settlements", T + "/fb_feed.csv", want=0)
made = len(json.loads(hz("claims", "proactive", want=0).stdout)["created"])
if made == 0:
    fail("the bulk path made no claim")
check("A: proactive")
print("A: %d stays, %d feed rows, %d claims" % (len(stays), len(feed), made))


def tables():
    if PG:
        q = ("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
             " AND table_type = 'BASE TABLE' ORDER BY 1")
    else:
        q = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
    return [r[0] for r in query(q) if r[0] not in SKIP_TABLES]


def columns(t):
    if PG:
        q = ("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '%s'"
             " ORDER BY ordinal_position" % t)
    else:
        q = "SELECT name FROM pragma_table_info('%s') ORDER BY cid" % t
    return [r[0] for r in query(q)]


def dump():
    out = {}
    for t in tables():
        cols = [c for c in columns(t) if c not in VOLATILE and not c.endswith("_at")]
        out[t] = (cols, sorted(query("SELECT %s FROM %s" % (", ".join(cols), t))))
    return out


dump_a = dump()
hz("import", "settlements", T + "/fb_feed.csv", want=0)
again = json.loads(hz("claims", "proactive", want=0).stdout)["created"]
if again:
    fail("A: the feed sent again made %d more claims" % len(again))
check("A: the feed again")

# --- B: one by one -----------------------------------------------------------
use("b")
hz("import", "settlements", T + "/fb_feed.csv", want=0)
hz("claims", "proactive", "--batch", "1", want=0)
check("B: proactive one by one")
dump_b = dump()


def same(dump_x, name):
    """Every table of dump_x equal to B's, row by row."""
    if set(dump_x) != set(dump_b):
        fail("tables differ: %s" % sorted(set(dump_x) ^ set(dump_b)))
    compared = 0
    for t in sorted(dump_x):
        cols, ra = dump_x[t]
        _, rb = dump_b[t]
        if ra != rb:
            extra_a = [r for r in ra if r not in set(rb)][:3]
            extra_b = [r for r in rb if r not in set(ra)][:3]
            fail("table %s (%s): %s %d rows, one by one %d rows; only in %s %s; only one by one %s" %
                 (t, ",".join(cols), name, len(ra), len(rb), name, extra_a, extra_b))
        compared += len(ra)
    return compared


print("B: %d tables, %d rows equal to A" % (len(dump_a), same(dump_a, "bulk")))

# --- D: batches through the submission use case (the bulk writer's fallback)
use("d")
hz("import", "settlements", T + "/fb_feed.csv", want=0)
made_d = len(json.loads(hz("claims", "proactive", "--per-claim", want=0).stdout)["created"])
check("D: proactive --per-claim")
if made_d != made:
    fail("D: %d claims, A made %d" % (made_d, made))
print("D: %d rows equal to B" % same(dump(), "per-claim"))


# --- C: a stream of chunks -----------------------------------------------
def money():
    claims = {}
    for setl, total in query("SELECT s.setl_id, c.total FROM claim_settlement cs JOIN claim c ON c.id = cs.claim_id"
                             " JOIN settlement s ON s.id = cs.settlement_id WHERE cs.active = 1"):
        claims[setl] = [total]
    for row in query("SELECT s.setl_id, l.coverage_id, l.plan_code, l.component, l.period, l.amount, l.lump_pct,"
                     " l.counted_stay, l.reason, l.explain, l.reversed FROM claim_line l"
                     " JOIN claim_settlement cs ON cs.claim_id = l.claim_id AND cs.active = 1"
                     " JOIN settlement s ON s.id = cs.settlement_id"):
        claims.setdefault(row[0], []).append(row[1:])
    for v in claims.values():
        v[1:] = sorted(v[1:])
    ledger = sorted(query("SELECT * FROM ledger"))
    benefit = sorted(query("SELECT code, debits_posted, credits_posted, debits_pending, credits_pending FROM account"
                           " WHERE kind = 'benefit'"))
    return claims, ledger, benefit


if not STREAM:
    sys.exit(0)
use("a")
money_a = money()
use("c")
groups = sorted({g for g, _ in feed})
n_chunks = rnd.randint(3, 6)
bounds = sorted(rnd.sample(range(1, len(groups)), n_chunks - 1)) if len(groups) > n_chunks else []
edges = [0] + bounds + [len(groups)]
chunks = []
for k in range(len(edges) - 1):
    keep = set(groups[edges[k]:edges[k + 1]])
    chunks.append([(g, r) for g, r in feed if g in keep])
for k, part in enumerate(chunks):
    write_feed("%s/fb_chunk%d.csv" % (T, k), part)
    hz("import", "settlements", "%s/fb_chunk%d.csv" % (T, k), want=0)
    hz("claims", "proactive", "--batch", str(rnd.choice([1, 7, 50, 5000])), want=0)
    check("C: chunk %d" % k)
    if k and rnd.random() < 0.7:  # an earlier chunk sent again: nothing new
        j = rnd.randrange(k)
        hz("import", "settlements", "%s/fb_chunk%d.csv" % (T, j), want=0)
        again = json.loads(hz("claims", "proactive", want=0).stdout)["created"]
        if again:
            fail("C: chunk %d sent again made %d claims" % (j, len(again)))
        check("C: chunk %d again" % j)
claims_a, ledger_a, benefit_a = money_a
claims_c, ledger_c, benefit_c = money()
if set(claims_a) != set(claims_c):
    fail("C: stays with a claim differ: only bulk %s, only stream %s" %
         (sorted(set(claims_a) - set(claims_c))[:5], sorted(set(claims_c) - set(claims_a))[:5]))
for setl in sorted(claims_a):
    if claims_a[setl] != claims_c[setl]:
        fail("C: the claim on %s differs:\n bulk   %s\n stream %s" % (setl, claims_a[setl], claims_c[setl]))
if ledger_a != ledger_c:
    fail("C: the coverages' ledgers differ")
if benefit_a != benefit_c:
    fail("C: benefit account balances differ")
print("C: %d chunks, %d claims with the same money as A" % (len(chunks), len(claims_c)))
