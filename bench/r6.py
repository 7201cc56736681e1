"""R6 load scenario (quality.md): 10,000 idle connections and 12,500 slowloris
connections (a header line every 8 s) from several loopback addresses, kept
up for the whole run (closed ones reopened), while another client on
127.0.0.1 makes requests on fresh connections and measures their latency.
The same client first runs alone: the ratio of the two p99s is the figure.
Prints one line: key=value pairs. Environment: R6_PORT, R6_SECONDS (default
30), R6_IDLE (10000), R6_SLOW (12500), R6_PATH (default /healthz)."""
import http.client, multiprocessing as mp, os, resource, select, socket, sys, time

PORT = int(os.environ["R6_PORT"])
SECONDS = float(os.environ.get("R6_SECONDS", "30"))
IDLE = int(os.environ.get("R6_IDLE", "10000"))
SLOW = int(os.environ.get("R6_SLOW", "12500"))
PATH = os.environ.get("R6_PATH", "/healthz")
PER_ADDR = 250  # under the server's default --max-per-ip 256


def attacker(kind, addrs, count, stop, opened):
    """Holds `count` connections spread over addrs until stop is set."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    socks = {}  # socket -> (address, next header time)
    by_fd = {}
    ep = select.epoll()  # select() stops at descriptor 1024
    reopened = 0

    def open_one(addr):
        nonlocal reopened
        try:
            s = socket.create_connection(("127.0.0.1", PORT), timeout=2, source_address=(addr, 0))
            s.setblocking(False)
            if kind == "slow":
                s.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            socks[s] = (addr, time.monotonic() + 8)
            by_fd[s.fileno()] = s
            ep.register(s.fileno(), select.EPOLLIN)
            reopened += 1
        except OSError:
            pass

    per = max(1, count // len(addrs))
    while not stop.is_set():
        want = {a: per for a in addrs}
        for a, _ in socks.values():
            want[a] -= 1
        for a, n in want.items():
            for _ in range(max(0, n)):
                open_one(a)
        opened.value = len(socks)
        for fd, _ in ep.poll(0.5):  # the server closed it (a deadline, a cap)
            s = by_fd.pop(fd, None)
            if s is None:
                continue
            try:
                s.recv(4096)
            except OSError:
                pass
            ep.unregister(fd)
            s.close()
            socks.pop(s, None)
        now = time.monotonic()
        if kind == "slow":
            for s, (a, t) in list(socks.items()):
                if now >= t:
                    try:
                        s.send(b"X-a: b\r\n")
                        socks[s] = (a, now + 8)
                    except OSError:
                        by_fd.pop(s.fileno(), None)
                        ep.unregister(s.fileno())
                        s.close()
                        socks.pop(s)
    for s in socks:
        s.close()


def measure(seconds):
    lat, fails = [], 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        t0 = time.perf_counter()
        try:
            c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
            c.request("GET", PATH)
            r = c.getresponse()
            r.read()
            c.close()
            ok = r.status == 200
        except OSError:
            ok = False
        dt = time.perf_counter() - t0
        if ok:
            lat.append(dt)
        else:
            fails += 1
    lat.sort()
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else float("nan")
    return p(0.5), p(0.99), len(lat), fails


def metric(name):
    try:
        c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        c.request("GET", "/metrics")
        text = c.getresponse().read().decode()
        c.close()
    except OSError:
        return -1
    total = 0
    for line in text.splitlines():
        if line.startswith(name):
            total += int(float(line.rsplit(" ", 1)[1]))
    return total


def main():
    base50, base99, base_n, base_fail = measure(min(10.0, SECONDS))
    stop = mp.Event()
    procs, counters = [], []
    idle_addrs = ["127.0.%d.%d" % (2 + i // 250, 2 + i % 250) for i in range((IDLE + PER_ADDR - 1) // PER_ADDR)]
    slow_addrs = ["127.1.%d.%d" % (i // 250, 2 + i % 250) for i in range((SLOW + PER_ADDR - 1) // PER_ADDR)]
    # several processes, each under its own open-file limit
    for kind, addrs, count in (("idle", idle_addrs, IDLE), ("slow", slow_addrs, SLOW)):
        groups = max(1, (count + 4999) // 5000)
        for g in range(groups):
            part = addrs[g::groups]
            n = count // groups
            v = mp.Value("i", 0)
            p = mp.Process(target=attacker, args=(kind, part, n, stop, v))
            p.start()
            procs.append(p)
            counters.append((kind, v))
    # the attack is up when the attackers hold what the server lets them (or 60 s pass)
    t0 = time.monotonic()
    held = 0
    while time.monotonic() - t0 < 60:
        now_held = sum(v.value for _, v in counters)
        if now_held >= 0.9 * min(IDLE + SLOW, 16000) or (now_held == held and now_held > 0 and time.monotonic() - t0 > 20):
            break
        held = now_held
        time.sleep(1)
    conns_before = metric("huzhu_http_connections ")
    a50, a99, a_n, a_fail = measure(SECONDS)
    conns_after = metric("huzhu_http_connections ")
    refused = metric("huzhu_http_refused_total")
    stop.set()
    for p in procs:
        p.join(30)
    print("base_p50_ms=%.2f base_p99_ms=%.2f base_n=%d base_fail=%d attack_p50_ms=%.2f attack_p99_ms=%.2f attack_n=%d "
          "attack_fail=%d held_by_attackers=%d server_conns=%d/%d refused_or_closed=%d ratio=%.2f"
          % (base50, base99, base_n, base_fail, a50, a99, a_n, a_fail, sum(v.value for _, v in counters), conns_before,
             conns_after, refused, a99 / base99 if base99 else float("nan")))


if __name__ == "__main__":
    main()
