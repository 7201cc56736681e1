"""The real CLI and the database behind it, for the property tests
(property.py, aid_property.py). Env: HUZHU, HZ_DB, and for PostgreSQL
HZ_PG_PORT and HZ_PGDB."""
import os, sqlite3, subprocess

HUZHU, DB = os.environ["HUZHU"], os.environ["HZ_DB"]
ENV = dict(os.environ, HUZHU_TODAY="2026-11-29")
FEED_HEAD = ("setl_id,certno,psn_name,gend,fixmedins_code,fixmedins_name,hosp_lv,med_type,adm_date,dscg_date,"
             "main_diag_code,diag_codes,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay,refd_setl_flag,setl_time")


def hz(*args, want=None):
    p = subprocess.run([HUZHU, "--db", DB, "--json", *args], capture_output=True, text=True, env=ENV)
    if want is not None and p.returncode not in (want if isinstance(want, tuple) else (want,)):
        raise AssertionError("huzhu %s: exit %d\n%s%s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def sql(q):
    if DB.startswith("postgresql"):
        out = subprocess.run(["psql", "-q", "-At", "-h", "127.0.0.1", "-p", os.environ["HZ_PG_PORT"], "-U", "postgres",
                              "-d", os.environ["HZ_PGDB"], "-F", "|", "-c", q], capture_output=True, text=True, check=True)
        return [tuple(r.split("|")) for r in out.stdout.splitlines() if r]
    con = sqlite3.connect(DB[len("sqlite:"):])
    try:
        return [tuple(str(c) if c is not None else "" for c in r) for r in con.execute(q).fetchall()]
    finally:
        con.close()


def id_number(body):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * x for c, x in zip(body, w)) % 11]


def luhn(body):
    d = [int(c) for c in body][::-1]
    s = sum(x if i % 2 else (2 * x if 2 * x < 10 else 2 * x - 9) for i, x in enumerate(d))
    return body + str((10 - s % 10) % 10)


def yuan(v):
    """fen -> "1234.56" (v >= 0)"""
    return "%d.%02d" % (v // 100, v % 100)
