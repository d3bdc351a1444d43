#!/usr/bin/env python3
"""How long parley takes to erase a contact with 1,000 notes and 10,000 data events (issue 15:
under 250 ms).

    python3 bench/contact-erasure.py [--contacts N] [--notes N] [--events N] [--jar target/parley.jar]
                                      [--serve-opts=...]

Starts parley on a fresh SQLite data dir under /var/tmp (or on --serve-opts' --database-url),
creates a workspace with POST /_parley/workspaces, then for each of --contacts contacts (default
3): creates a user, gives it --notes notes (POST /contacts/{id}/notes, default 1,000) and --events
data events with metadata (POST /events, default 10,000), 8 requests in flight on keep-alive
connections, and erases it with DELETE /contacts/{id}. It prints, per contact, the DELETE's time at
the server (duration_ms of its request log line: from the request's arrival to its answer, the
commit included) and at the client, and checks that the contact, its notes and its events answer
404 afterwards. Python's standard library only; stops the server on exit.
"""
import argparse, http.client, json, os, re, shutil, socket, subprocess, tempfile, threading, time
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One keep-alive connection per thread."""

    def __init__(self, port, token):
        self.port, self.token, self.local = port, token, threading.local()

    def call(self, method, path, body=None):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Authorization": "Bearer " + self.token, "Content-Type": "application/json",
                   "Accept": "application/json"}
        try:
            conn.request(method, path, None if body is None else json.dumps(body), headers)
            r = conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closed a connection that sat idle (while the other threads loaded).
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            conn.request(method, path, None if body is None else json.dumps(body), headers)
            r = conn.getresponse()
        return r.status, json.loads(r.read() or b"{}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--contacts", type=int, default=3)
    ap.add_argument("--notes", type=int, default=1000)
    ap.add_argument("--events", type=int, default=10000)
    ap.add_argument("--jar", default="target/parley.jar")
    ap.add_argument("--serve-opts", default="")
    args = ap.parse_args()
    port, op = free_port(), "bench-operator-" + "0" * 32
    data = tempfile.mkdtemp(prefix="parley-contact-erasure-bench-", dir="/var/tmp")
    log_path = os.path.join(data, "server.log")
    log = open(log_path, "w")
    proc = subprocess.Popen(
        ["java", "-Xmx256m", "-jar", args.jar, "serve", "--data-dir", data + "/d", "--port", str(port),
         "--rate-limit-per-minute", "0", *args.serve_opts.split()],
        env=dict(os.environ, PARLEY_OPERATOR_TOKEN=op), stdout=log, stderr=log)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        status, ws = Client(port, op).call("POST", "/_parley/workspaces", {"name": f"erasure-{int(time.time())}"})
        assert status == 200, (status, ws)
        api = Client(port, ws["token"])
        admin_id = api.call("GET", "/me")[1]["id"]
        pool = ThreadPoolExecutor(8)
        print(f"{'contact':>8} {'notes':>6} {'events':>7} {'load s':>7} {'DELETE server ms':>17} {'client ms':>10}")
        for n in range(args.contacts):
            started = time.time()
            status, contact = api.call("POST", "/contacts", {"role": "user", "external_id": f"u{n}-{started}",
                                                            "email": f"u{n}-{int(started)}@example.com"})
            assert status == 200, (status, contact)
            cid, external = contact["id"], contact["external_id"]

            def note(i):
                s, b = api.call("POST", f"/contacts/{cid}/notes",
                                {"body": f"<p>note {i} about the customer</p>", "admin_id": admin_id})
                assert s == 200, (s, b)

            def event(i):
                s, b = api.call("POST", "/events", {"event_name": f"ordered-item-{i % 20}", "user_id": external,
                                                    "created_at": int(started) - i,
                                                    "metadata": {"order": f"o{i}", "price": i % 100}})
                assert s in (200, 202), (s, b)

            list(pool.map(note, range(args.notes)))
            list(pool.map(event, range(args.events)))
            loaded = time.time() - started
            t = time.perf_counter()
            status, body = api.call("DELETE", f"/contacts/{cid}")
            client_ms = (time.perf_counter() - t) * 1000
            assert status == 200 and body.get("deleted") is True, (status, body)
            for path in (f"/contacts/{cid}", f"/contacts/{cid}/notes"):
                assert api.call("GET", path)[0] == 404, path
            time.sleep(0.3)  # the request log line is written after the answer
            log.flush()
            server_ms = [float(m.group(1)) for l in open(log_path).read().splitlines()
                         if "operation=DeleteContact status=200" in l for m in [re.search(r"duration_ms=([0-9.]+)", l)] if m]
            print(f"{n + 1:>8} {args.notes:>6} {args.events:>7} {loaded:>7.1f} {server_ms[-1]:>17.1f} {client_ms:>10.1f}")
        pool.shutdown()
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
