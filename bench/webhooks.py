#!/usr/bin/env python3
"""Webhook delivery benchmark (issue 14, "Benchmark"): see bench/README.md, "Webhooks".

    python3 bench/webhooks.py [--contacts N] [--jar target/parley.jar]

Starts parley on a fresh SQLite data dir under /var/tmp with an operator token, and a local
receiver (Python's threading HTTP server, answering 204 at once). Then, for 1 and for 100
subscriptions to contact.user.created, creates N contacts from 8 client threads and prints the
notifications delivered per second (from the first request to the last arrival) and, with 1
subscription and one client, the latency from the API's answer to the notification's arrival
(p50, p99; same machine clock). Everything runs on 127.0.0.1; the server is killed on exit.
"""
import argparse, http.server, json, os, shutil, socket, subprocess, sys, tempfile, threading, time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

arrivals = []  # (time, topic, item id)
lock = threading.Lock()


class Receiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        now = time.monotonic()
        doc = json.loads(body)
        with lock:
            arrivals.append((now, doc["topic"], doc["data"]["item"].get("id")))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, token, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + token)
    req.add_header("Content-Type", "application/json")
    req.add_header("Accept", "application/json")
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b"{}")


def wait_for(count, topic, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with lock:
            got = [a for a in arrivals if a[1] == topic]
        if len(got) >= count:
            return got
        time.sleep(0.01)
    raise SystemExit(f"only {len(got)} of {count} {topic} notifications arrived")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--contacts", type=int, default=300)
    ap.add_argument("--jar", default=os.path.join(os.path.dirname(__file__), "..", "target", "parley.jar"))
    args = ap.parse_args()
    receiver_port, port = free_port(), free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", receiver_port), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    data = tempfile.mkdtemp(prefix="parley-webhook-bench-", dir="/var/tmp")
    op, ws = "bench-operator-" + "0" * 32, "bench-workspace-" + "1" * 32
    env = dict(os.environ, PARLEY_OPERATOR_TOKEN=op, PARLEY_BOOTSTRAP_TOKEN=ws)
    log = open(os.path.join(data, "server.log"), "w")
    proc = subprocess.Popen(
        ["java", "-Xmx256m", "-jar", args.jar, "serve", "--data-dir", data + "/d", "--port", str(port),
         "--rate-limit-per-minute", "0", "--webhook-poll-ms", "200"], env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        hook = f"http://127.0.0.1:{receiver_port}/hook"
        subs = []
        print(f"{'subscriptions':>13} {'contacts':>8} {'notifications':>13} {'seconds':>8} {'per second':>10}")
        for count in (1, 100):
            for s in subs:
                call(base, op, "DELETE", f"/_parley/workspaces/default/webhooks/{s}")
            subs = [call(base, op, "POST", "/_parley/workspaces/default/webhooks",
                         {"url": hook, "topics": ["contact.user.created"]})["id"] for _ in range(count)]
            wait_for(len(subs), "ping")
            with lock:
                arrivals.clear()
            start = time.monotonic()
            with ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda i: call(base, ws, "POST", "/contacts",
                                             {"email": f"b{count}-{i}@example.com"}), range(args.contacts)))
            got = wait_for(args.contacts * count, "contact.user.created", timeout=600)
            seconds = max(a[0] for a in got) - start
            print(f"{count:>13} {args.contacts:>8} {len(got):>13} {seconds:>8.2f} {len(got) / seconds:>10.0f}")
        for s in subs[1:]:
            call(base, op, "DELETE", f"/_parley/workspaces/default/webhooks/{s}")
        with lock:
            arrivals.clear()
        latencies = []
        for i in range(200):
            answered = time.monotonic()
            cid = call(base, ws, "POST", "/contacts", {"email": f"lat-{i}@example.com"})["id"]
            answered = time.monotonic()
            deadline = answered + 10
            while time.monotonic() < deadline:
                with lock:
                    hit = [a[0] for a in arrivals if a[2] == cid]
                if hit:
                    latencies.append(max(0.0, hit[0] - answered) * 1000)
                    break
                time.sleep(0.0005)
        latencies.sort()
        p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
        print(f"latency from the API's answer to arrival, 1 subscription, {len(latencies)} notifications:"
              f" p50 {p(0.50):.1f} ms, p99 {p(0.99):.1f} ms")
    finally:
        proc.kill()
        server.shutdown()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
