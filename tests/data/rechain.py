"""An attacker's tool for tests/cli/test_security.sh: rewrites one audit
event's detail and recomputes the chain from there on, as huzhu did before
the chain was keyed (BLAKE2b-256 over length-prefixed fields) or with a
stolen key. Usage: rechain.py EVENT_ID NEW_DETAIL [KEYFILE]; the database
is HZ_DBFILE (SQLite) or HZ_PGDB on HZ_TEST_PG_PORT."""
import hashlib, os, sqlite3, subprocess, sys

victim, new_detail = int(sys.argv[1]), sys.argv[2]
key = bytes.fromhex(open(sys.argv[3]).read().strip()) if len(sys.argv) > 3 else b""

def q(sql, params=()):
    if os.environ.get("HZ_PGDB"):
        parts = sql.split("?")
        sql = parts[0] + "".join("'" + str(p).replace("'", "''") + "'" + rest for p, rest in zip(params, parts[1:]))
        out = subprocess.run(["psql", "-q", "-At", "-F", "\x1f", "-R", "\x1e", "-h", "127.0.0.1", "-p",
                              os.environ["HZ_TEST_PG_PORT"], "-U", "postgres", "-d", os.environ["HZ_PGDB"], "-c", sql],
                             capture_output=True, text=True, check=True).stdout
        return [r.strip("\n").split("\x1f") for r in out.split("\x1e") if r.strip("\n")]
    c = sqlite3.connect(os.environ["HZ_DBFILE"])
    try:
        rows = c.execute(sql, params).fetchall()
        c.commit()
        return rows
    finally:
        c.close()

def link(prev, at, actor, action, obj, detail):
    h = hashlib.blake2b(digest_size=32, key=key)
    for f in (prev, at, actor, action, obj, detail):
        b = f.encode()
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()

rows = q("SELECT id, at, actor, action, object, detail, prev_hash FROM audit_event WHERE id >= ? ORDER BY id", (victim,))
prev = rows[0][6]
for r in rows:
    i, at, actor, action, obj, detail = int(r[0]), r[1], r[2], r[3], r[4], r[5]
    if i == victim:
        detail = new_detail
    h = link(prev, at, actor, action, obj, detail)
    q("UPDATE audit_event SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?", (detail, prev, h, i))
    prev = h
