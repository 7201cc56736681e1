"""Limits before work (issue 14, R6) against a server started by
tests/cli/test_limits.sh with --header-timeout 2 --body-timeout 2
--max-per-ip 64 --max-upload-per-ip 8M --max-upload-total 12M and an access
log file. Every wait is on a condition (a socket closing, a response
arriving); the only pauses are the attacker's own pacing between header
lines, and each loop has a bound that fails the test instead of hanging it.
Environment: HZ_BASE, HZ_PID, HZ_ACCESS_LOG (and common.py's)."""
import json, os, re, select, socket, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HOST, PORT, PW, check, finish, req

PID = int(os.environ["HZ_PID"])
MB = 1 << 20


def status_kib(field):
    with open("/proc/%d/status" % PID) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def under_asan():
    with open("/proc/%d/maps" % PID) as f:
        return "libasan" in f.read()


def login(user):
    st, d = req("POST", "/api/v1/session", {"login": user, "password": PW})
    assert st == 200, (user, st, d)
    return d["token"]


def raw_conn(src="127.0.0.1"):
    return socket.create_connection((HOST, PORT), timeout=30, source_address=(src, 0))


def read_response(s):
    """(status, JSON body or bytes) of the response on s; (None, b"") when
    the server closed without one."""
    data = b""
    try:
        while True:
            head, sep, body = data.partition(b"\r\n\r\n")
            if sep:
                m = re.search(rb"(?i)content-length: *(\d+)", head)
                if len(body) >= (int(m.group(1)) if m else 0):
                    break
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, socket.timeout):
        pass
    m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    if not m:
        return None, b""
    body = data.partition(b"\r\n\r\n")[2]
    try:
        return int(m.group(1)), json.loads(body)
    except ValueError:
        return int(m.group(1)), body


def read_status(s):
    return read_response(s)[0]


def upload(path, length, token=None, src="127.0.0.1", out=None, answer=None, expect=False):
    """Sends headers of an upload of `length` bytes, then streams the body
    until the server answers or closes. Returns (status, bytes sent); the
    answer's body goes to answer[0] when given. With expect, the client
    asks "Expect: 100-continue" and sends the body only when told to, as
    curl does: a refusal then always reaches it. Without, it sends blindly,
    as an attacker does, and a refusal may be lost to the reset of the
    connection closed with its body unread (status None)."""
    s = raw_conn(src)
    head = "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: %d\r\n" % (path, length)
    if token:
        head += "Authorization: Bearer %s\r\n" % token
    if expect:
        head += "Expect: 100-continue\r\n"
    sent, status, chunk = 0, None, b"0" * 65536
    try:
        s.sendall((head + "\r\n").encode())
        if expect:
            status, body = read_response(s)
            if status != 100:
                if answer is not None:
                    answer.append(body)
                s.close()
                if out is not None:
                    out.append((status, sent))
                return status, sent
            status = None
        while sent < length:
            readable, writable, _ = select.select([s], [s], [], 30)
            if readable:
                status, body = read_response(s)
                if answer is not None:
                    answer.append(body)
                break
            if not writable:
                break  # neither in 30 s: reported as no answer
            sent += s.send(chunk[: min(len(chunk), length - sent)])
        if status is None and sent >= length:
            status, body = read_response(s)
            if answer is not None:
                answer.append(body)
    except (BrokenPipeError, ConnectionResetError):
        pass
    s.close()
    if out is not None:
        out.append((status, sent))
    return status, sent


ADMIN = login("admin")
CADRE = login("cadre")

# warm the server: every thread opened its store connection, so the baseline is the steady state
for _ in range(8):
    req("GET", "/api/v1/members?per_page=5", token=ADMIN)
baseline = status_kib("VmRSS")
# the peak from here on is the uploads': a login's Argon2id hash (64 MiB,
# libsodium's interactive limit) above set the peak before any upload
with open("/proc/%s/clear_refs" % os.environ["HZ_PID"], "w") as f:
    f.write("5")

# --- 20 unauthenticated 60 MB uploads at once: refused before the body is read -----
results = []
threads = []
for i in range(20):
    token = None if i % 2 else "f" * 64  # no token, or a token that is no session
    path = ["/api/v1/settlements", "/api/v1/rosters?unit=x", "/api/v1/payment-batches/confirm"][i % 3]
    t = threading.Thread(target=upload, args=(path, 60 * MB, token, "127.0.0.%d" % (10 + i), results, None, i % 4 < 2))
    t.start()
    threads.append(t)
for t in threads:
    t.join()
check(len(results) == 20, "20 uploads ran")
check(all(st in (401, None) for st, _ in results), "every unauthenticated upload refused: %s" % [r[0] for r in results])
check(sum(1 for st, _ in results if st == 401) >= 10, "those that asked to continue saw the 401: %s" % [r[0] for r in results])
check(all(sent < 30 * MB for _, sent in results), "the server stopped reading each body: %s" % [r[1] // MB for r in results])
hwm = status_kib("VmHWM")
rss = status_kib("VmRSS")
print("20 refused 60 MB uploads: RSS %d -> %d KiB, peak %d KiB" % (baseline, rss, hwm))
check(rss - baseline < 16 * 1024, "RSS did not grow with the refused uploads: %d -> %d KiB" % (baseline, rss))
if not under_asan():  # AddressSanitizer's shadow and quarantine are not the server's memory
    check(hwm < 64 * 1024, "peak RSS under 64 MiB while the uploads were refused: %d KiB" % hwm)
# a role that may not import is refused alike, before its body
st, sent = upload("/api/v1/settlements", 60 * MB, CADRE, expect=True)
check(st == 403 and sent == 0, "a cadre's upload refused before the body: %s" % st)
# an over-long body is refused from its Content-Length
st, sent = upload("/api/v1/settlements", 65 * MB, ADMIN, expect=True)
check(st == 413 and sent == 0, "65 MB over the 64 MiB cap: 413 from the headers (%s)" % st)
# and the server still serves an authenticated client, upload included
st, d = req("GET", "/api/v1/me", token=ADMIN)
check(st == 200 and d["user"]["login"] == "admin" if isinstance(d, dict) and "user" in d else st == 200,
      "an authenticated request succeeds after the attack: %s" % st)
st, d = req("POST", "/api/v1/settlements", raw=b"setl_id\nX1\n", token=ADMIN, headers={"Content-Type": "text/csv"})
check(st == 400 and "certno" in json.dumps(d, ensure_ascii=False), "an authenticated upload is read and parsed: %s %s" % (st, d))

# --- upload bytes in flight: per address (429) and in total (503), named -------------
ans = []
st, sent = upload("/api/v1/settlements", 9 * MB, ADMIN, "127.0.0.40", answer=ans, expect=True)
check(st == 429 and ans and "8388608" in ans[0]["error"]["message"],
      "9 MB from one address over its 8 MiB: 429 naming it (%s %s)" % (st, ans))
holders = []
for src in ("127.0.0.41", "127.0.0.42"):
    s = raw_conn(src)
    s.sendall(("POST /api/v1/settlements HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Length: %d\r\n\r\n"
               % (ADMIN, 5 * MB)).encode())
    holders.append(s)
# the two holders reserve 10 MiB of the 12 MiB only once their headers are in: wait for /metrics to say so
deadline = time.monotonic() + 20
while time.monotonic() < deadline:
    st, b = req("GET", "/metrics")
    m = re.search(rb"huzhu_http_upload_bytes_in_flight (\d+)", b if isinstance(b, bytes) else b"")
    if m and int(m.group(1)) == 10 * MB:  # (and earlier requests' reservations released)
        break
check(m and int(m.group(1)) == 10 * MB, "two uploads hold 10 MiB in flight")
ans = []
st, sent = upload("/api/v1/settlements", 3 * MB, ADMIN, "127.0.0.43", answer=ans, expect=True)
check(st == 503 and ans and "12582912" in ans[0]["error"]["message"],
      "3 MB more than 12 MiB in flight: 503 naming it (%s %s)" % (st, ans))
for s in holders:
    s.close()

# --- slowloris: a header line every half second, closed at the 2 s header deadline ------
N = 40
slow = []
for i in range(N):
    s = raw_conn("127.0.0.%d" % (50 + i % 4))
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
    slow.append(s)
opened = time.monotonic()
open_ = set(range(N))
got_response = 0
served = failed_requests = 0
while open_ and time.monotonic() - opened < 30:
    # another client is answered all along
    st, d = req("GET", "/healthz", src="127.0.0.99")
    if st == 200:
        served += 1
    else:
        failed_requests += 1
    readable, _, _ = select.select([slow[i] for i in open_], [], [], 0.5)  # the attacker's pacing
    for s in readable:
        i = slow.index(s)
        try:
            data = s.recv(64)
        except ConnectionResetError:
            data = b""
        if data.startswith(b"HTTP/"):
            got_response += 1
        open_.discard(i)
    for i in list(open_):
        try:
            slow[i].sendall(b"X-Slow-%d: %d\r\n" % (i, int(time.monotonic() * 1000)))
        except (BrokenPipeError, ConnectionResetError):
            open_.discard(i)
elapsed = time.monotonic() - opened
check(not open_, "every slowloris connection closed by the header deadline (%d left)" % len(open_))
check(got_response == 0, "none of them got an answer to its unfinished request")
check(elapsed >= 1.5, "closed by the deadline, not at once (%.1f s)" % elapsed)
check(served > 0 and failed_requests == 0, "another client served throughout: %d ok, %d failed" % (served, failed_requests))
for s in slow:
    s.close()

# --- a slow body: closed at the body deadline -----------------------------------------
s = raw_conn("127.0.0.60")
s.sendall(("POST /api/v1/claims HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\n"
           "Content-Length: 1000\r\n\r\n{" % ADMIN).encode())
opened = time.monotonic()
closed = False
while not closed and time.monotonic() - opened < 30:
    readable, _, _ = select.select([s], [], [], 0.5)
    if readable:
        try:
            closed = s.recv(64) == b""
        except ConnectionResetError:
            closed = True
        break
    try:
        s.sendall(b" ")
    except (BrokenPipeError, ConnectionResetError):
        closed = True
check(closed, "a slow body closed by the body deadline (%.1f s)" % (time.monotonic() - opened))
s.close()

# --- per-address connection cap: 64, the 65th refused; another address still served -----
held = [raw_conn("127.0.0.70") for _ in range(72)]
st, d = req("GET", "/healthz", src="127.0.0.71")
check(st == 200, "another address is served while one holds its 64")
codes = []
for s in held:
    try:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        codes.append(read_status(s))
    except (BrokenPipeError, ConnectionResetError):
        codes.append(None)
    s.close()
served = codes.count(200)
check(served == 64 and codes.count(None) == 8, "64 of 72 connections from one address served: %d" % served)

# --- the access log: one JSON line per request, no query, ID numbers masked --------------
st, d = req("GET", "/api/v1/members?per_page=1", token=ADMIN)
idn = d["items"][0]["id_number"]
st, d = req("GET", "/api/v1/members/%s?secret=hunter2" % idn, token=ADMIN)
check(st == 200, "a member read")
want = "/api/v1/members/%s" % (idn[:4] + "*" * (len(idn) - 8) + idn[-4:])
lines = []
deadline = time.monotonic() + 20
while time.monotonic() < deadline:  # the line is written when the request completes
    with open(os.environ["HZ_ACCESS_LOG"]) as f:
        lines = [json.loads(line) for line in f]
    if any(l["path"] == want for l in lines):
        break
check(all(set(l) == {"time", "remote", "method", "path", "status", "bytes", "duration_us", "user"} for l in lines),
      "every line has the fields")
check(all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", l["time"]) for l in lines), "ISO times in UTC")
mine = [l for l in lines if l["path"] == want]
check(len(mine) == 1 and mine[0]["user"] == "admin" and mine[0]["status"] == 200 and mine[0]["method"] == "GET"
      and mine[0]["bytes"] > 0 and isinstance(mine[0]["duration_us"], int), "the member read logged: %s" % mine)
text = open(os.environ["HZ_ACCESS_LOG"]).read()
check(idn not in text and "hunter2" not in text, "no whole ID number and no query in the log")
refused = [l for l in lines if l["status"] == 401 and l["method"] == "POST" and l["user"] is None]
check(len(refused) >= 10, "the refused uploads are logged as 401s (%d)" % len(refused))
check(any(l["remote"] == "127.0.0.40" and l["status"] == 429 for l in lines), "the 429 logged with its address")

# --- /metrics: histograms, connections, refusals, business figures ----------------------
st, b = req("GET", "/metrics")
text = b.decode() if isinstance(b, bytes) else ""
check(st == 200, "metrics from loopback without a login")
check(re.search(r'huzhu_http_request_duration_seconds_bucket\{class="read",status="200",le="\+Inf"\} [1-9]', text),
      "a latency histogram for reads")
check(re.search(r'huzhu_http_request_duration_seconds_count\{class="upload",status="401"\} [1-9]', text),
      "refused uploads counted by class and status")
check(re.search(r"^huzhu_http_connections [1-9]", text, re.M), "open connections")
for name, least in (("unauthenticated_body", 11), ("header_deadline", N), ("body_deadline", 1),
                    ("upload_per_ip", 1), ("upload_total", 1), ("body_too_large", 1)):
    m = re.search(r'huzhu_http_refused_total\{limit="%s"\} (\d+)' % name, text)
    check(m and int(m.group(1)) >= least, "refused by %s: %s" % (name, m and m.group(1)))
m = re.findall(r'^huzhu_claims\{status="(\w+)"\} (\d+)', text, re.M)
check(m and sum(int(n) for _, n in m) > 0, "claims by status: %s" % m)
check(re.search(r"^huzhu_paid_out_fen_total \d+$", text, re.M), "money paid out in fen")
check("6101" not in text, "no ID number in the metrics")

finish()
