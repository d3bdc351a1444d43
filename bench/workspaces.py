#!/usr/bin/env python3
"""How long parley takes to create a workspace with its token (issue 17: under 20 ms at the server).

    python3 bench/workspaces.py [--count N] [--jar target/parley.jar] [--serve-opts=...]

Starts parley on a fresh SQLite data dir under /var/tmp (or on --serve-opts' --database-url),
creates N workspaces (default 300) one after the other with POST /_parley/workspaces, checks each
token with one GET /me, and prints the server's own time per creation (duration_ms of its request
log line: from the request's arrival to its answer, the commit included), p50, p90, p99 and max,
after a warm-up of 50 creations that are not counted. Then, for comparison, the same for GET /me.
Python's standard library only; stops the server on exit.
"""
import argparse, json, os, re, shutil, socket, subprocess, tempfile, time, urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, token, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + token)
    req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b"{}")


def percentiles(values):
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    return pick(0.5), pick(0.9), pick(0.99), values[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--jar", default="target/parley.jar")
    ap.add_argument("--serve-opts", default="")
    args = ap.parse_args()
    port, op = free_port(), "bench-operator-" + "0" * 32
    data = tempfile.mkdtemp(prefix="parley-workspace-bench-", dir="/var/tmp")
    log_path = os.path.join(data, "server.log")
    log = open(log_path, "w")
    proc = subprocess.Popen(
        ["java", "-Xmx256m", "-jar", args.jar, "serve", "--data-dir", data + "/d", "--port", str(port),
         "--rate-limit-per-minute", "0", *args.serve_opts.split()],
        env=dict(os.environ, PARLEY_OPERATOR_TOKEN=op), stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        warmup, stamp = 50, str(int(time.time()))
        for i in range(warmup + args.count):
            created = call(base, op, "POST", "/_parley/workspaces", {"name": f"w{stamp}-{i}"})
            me = call(base, created["token"], "GET", "/me")
            assert me["type"] == "admin", me
        time.sleep(0.5)  # the request log line is written after the answer
        log.flush()
        lines = open(log_path).read().splitlines()
        def durations(pattern):
            found = [float(m.group(1)) for l in lines if pattern in l
                     for m in [re.search(r"duration_ms=([0-9.]+)", l)] if m]
            return found[warmup:]
        print(f"{'request':<32} {'count':>6} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        for label, pattern in (("POST /_parley/workspaces", "operation=createWorkspace status=200"),
                               ("GET /me (the new token)", "operation=identifyAdmin status=200")):
            d = durations(pattern)
            p50, p90, p99, mx = percentiles(d)
            print(f"{label:<32} {len(d):>6} {p50:>8.1f} {p90:>8.1f} {p99:>8.1f} {mx:>8.1f}")
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
