"""A stand-in for the notices gateway (tests/cli/test_notices.sh): an HTTP
server on a free loopback port that checks each POST's HMAC-SHA256
signature, keeps every message it accepts ONCE per Idempotency-Key (a
repeat is answered 200 and logged as a duplicate, as a real receiver that
deduplicates would), and can misbehave on request.

  notice_receiver.py DIR KEYFILE [--fail N] [--hold]

DIR/port         the port, written once listening
DIR/recorded     one JSON line per message recorded (first time its key came)
DIR/duplicates   one JSON line per repeated key
DIR/attempts     one JSON line per request: key, status answered, monotonic ms
DIR/held         written when --hold holds the first request (recorded, then
                 no answer until the sender is gone)
--fail N         answer 500 to the first N requests of each key
"""
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIR, KEYFILE = sys.argv[1], sys.argv[2]
FAIL = int(sys.argv[sys.argv.index("--fail") + 1]) if "--fail" in sys.argv else 0
HOLD = "--hold" in sys.argv
KEY = open(KEYFILE, "rb").read().split(b"\n")[0]
lock = threading.Lock()
seen = {}  # key -> requests so far
recorded = set()
held = [False]


def log(name, obj):
    with open(os.path.join(DIR, name), "a", encoding="utf-8") as f:
        f.write(json.dumps(obj, ensure_ascii=False) + "\n")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def answer(self, status, key):
        log("attempts", {"key": key, "status": status, "ms": time.monotonic() * 1000})
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        key = self.headers.get("Idempotency-Key", "")
        sig = self.headers.get("X-Huzhu-Signature", "")
        want = "sha256=" + hmac.new(KEY, body, hashlib.sha256).hexdigest()
        if not key or not hmac.compare_digest(sig, want):
            return self.answer(401, key)
        with lock:
            seen[key] = seen.get(key, 0) + 1
            n = seen[key]
            if n <= FAIL:
                status = 500
            elif key in recorded:
                log("duplicates", {"key": key})
                status = 200
            else:
                recorded.add(key)
                log("recorded", {"key": key, "body": json.loads(body)})
                status = 200
            hold = HOLD and not held[0] and status == 200
            if hold:
                held[0] = True
        if hold:
            # recorded, but the sender never hears so: it is killed meanwhile
            open(os.path.join(DIR, "held"), "w").write(key)
            threading.Event().wait()
        self.answer(status, key)


srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
srv.daemon_threads = True
with open(os.path.join(DIR, "port.tmp"), "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(os.path.join(DIR, "port.tmp"), os.path.join(DIR, "port"))
srv.serve_forever()
