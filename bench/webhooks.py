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
import argparse, asyncio, json, signal, os, shutil, socket, subprocess, sys, tempfile, threading, time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

arrivals = []  # (time, topic, item id)
lock = threading.Lock()


class Receiver(asyncio.Protocol):
    """A minimal HTTP/1.1 endpoint on asyncio: reads each request by its Content-Length, records
    it, answers 204 at once. (http.server costs a Python thread and far more CPU per request, and
    on this 2-core machine the receiver shares the cores with parley.)"""

    def connection_made(self, transport):
        self.transport, self.buffer = transport, b""

    def data_received(self, data):
        self.buffer += data
        while True:
            head_end = self.buffer.find(b"\r\n\r\n")
            if head_end < 0:
                return
            length = 0
            for line in self.buffer[:head_end].split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if len(self.buffer) < head_end + 4 + length:
                return
            is_get = self.buffer.startswith(b"GET ")
            body = self.buffer[head_end + 4:head_end + 4 + length]
            self.buffer = self.buffer[head_end + 4 + length:]
            if is_get:  # how many arrived so far (bench/run.sh waits for the backlog to settle)
                with lock:
                    count = str(len(arrivals)).encode()
                self.transport.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(count), count))
                continue
            now = time.monotonic()
            doc = json.loads(body)
            with lock:
                arrivals.append((now, doc["topic"], doc["data"]["item"].get("id")))
            self.transport.write(b"HTTP/1.1 204 No Content\r\n\r\n")


def start_receiver(port):
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    async def serve():
        await loop.create_server(Receiver, "127.0.0.1", port, backlog=1024)
        ready.set()

    threading.Thread(target=lambda: (loop.run_until_complete(serve()), loop.run_forever()),
                     daemon=True).start()
    ready.wait(10)
    return loop


def cpu_seconds(pid):
    """User + system CPU of a process so far, seconds (/proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
    ap.add_argument("--receiver-only", action="store_true",
                    help="only run the receiver: print its port, count arrivals until killed (bench/run.sh)")
    ap.add_argument("--serve-opts", default="", help="extra serve options, e.g. --webhook-workers=128")
    ap.add_argument("--java-opts", default="", help="extra JVM options, e.g. a flight recording")
    ap.add_argument("--jar", default=os.path.join(os.path.dirname(__file__), "..", "target", "parley.jar"))
    args = ap.parse_args()
    receiver_port, port = free_port(), free_port()
    if args.receiver_only:
        start_receiver(receiver_port)
        print(receiver_port, flush=True)
        # SIGTERM (bench/run.sh's cleanup) prints how many notifications arrived, then exits.
        signal.signal(signal.SIGTERM, lambda *_: (print(f"received={len(arrivals)}", flush=True), os._exit(0)))
        while True:
            time.sleep(3600)
    receiver = start_receiver(receiver_port)
    data = tempfile.mkdtemp(prefix="parley-webhook-bench-", dir="/var/tmp")
    op, ws = "bench-operator-" + "0" * 32, "bench-workspace-" + "1" * 32
    env = dict(os.environ, PARLEY_OPERATOR_TOKEN=op, PARLEY_BOOTSTRAP_TOKEN=ws)
    log = open(os.environ.get("BENCH_LOG", os.path.join(data, "server.log")), "w")
    proc = subprocess.Popen(
        ["java", "-Xmx256m", *args.java_opts.split(), "-jar", args.jar, "serve", "--data-dir", data + "/d", "--port", str(port),
         "--rate-limit-per-minute", "0", "--webhook-poll-ms", "200", *args.serve_opts.split()], env=env, stdout=log, stderr=log)
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
        print(f"{'subscriptions':>13} {'contacts':>8} {'notifications':>13} {'seconds':>8}"
              f" {'per second':>10} {'steady/s':>8} {'server CPU/notif':>16}")
        # The 100-subscription round runs twice: the first warms the JIT up and is marked so.
        for round_no, count in enumerate((1, 100, 100)):
            for s in subs:
                call(base, op, "DELETE", f"/_parley/workspaces/default/webhooks/{s}")
            subs = [call(base, op, "POST", "/_parley/workspaces/default/webhooks",
                         {"url": hook, "topics": ["contact.user.created"]})["id"] for _ in range(count)]
            wait_for(len(subs), "ping")
            with lock:
                arrivals.clear()
            cpu_before = cpu_seconds(proc.pid)
            start = time.monotonic()
            with ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda i: call(base, ws, "POST", "/contacts",
                                             {"email": f"b{round_no}-{i}@example.com"}), range(args.contacts)))
            got = wait_for(args.contacts * count, "contact.user.created", timeout=600)
            cpu = cpu_seconds(proc.pid) - cpu_before
            times = sorted(a[0] for a in got)
            seconds = times[-1] - start
            # Steady: the middle 60 % of arrivals over the time they took (no start, no tail).
            lo, hi = int(len(times) * 0.2), int(len(times) * 0.8)
            steady = (hi - lo) / max(1e-9, times[hi] - times[lo]) if hi > lo else float("nan")
            label = f"{count}{' (warm-up)' if round_no == 1 else ''}"
            print(f"{label:>13} {args.contacts:>8} {len(got):>13} {seconds:>8.2f} {len(got) / seconds:>10.0f}"
                  f" {steady:>8.0f} {cpu / len(got) * 1e6:>13.0f} µs", flush=True)
        for s in subs[1:]:
            call(base, op, "DELETE", f"/_parley/workspaces/default/webhooks/{s}")
        with lock:
            arrivals.clear()
        # The round above kept the API busy (8 concurrent clients): delivery yields to a busy API
        # until it has been quiet for a second (docs/webhooks.md, "Delivery yields to a busy API"),
        # so a notification raised within that second waits for it. The latency measured here is
        # that of a healthy server at rest, as a test that writes one request at a time sees it.
        time.sleep(1.5)
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
        receiver.call_soon_threadsafe(receiver.stop)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
