#!/usr/bin/env python3
"""How long after launch perf's first request reaches a server: the start-up a short run pays.

Run through scripts/bench/first-request.sh, which installs perf into a temporary prefix and passes the
launchers to compare: each is run RUNS times (default 5), alternating, on a one-loop suite (100/s for 1 s,
no warm-up) against a small server in this process on 127.0.0.1 that notes when the first request's bytes
arrive; prints the median and range of launch -> first request, and of the whole run, per launcher.
"""
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

RUNS = int(os.environ.get("RUNS", "5"))
work = tempfile.mkdtemp()
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(64)
port = server.getsockname()[1]
first = []


def answer(conn):
    with conn:
        while True:
            data = conn.recv(4096)
            if not data:
                return
            if not first:
                first.append(time.monotonic())
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")


def accept():
    while True:
        conn, _ = server.accept()
        threading.Thread(target=answer, args=(conn,), daemon=True).start()


threading.Thread(target=accept, daemon=True).start()
suite = os.path.join(work, "perf.yaml")
with open(suite, "w") as f:
    f.write("name: first\nbenchmarks:\n  - load:\n      name: first\n"
            f"      target: {{ http: {{ url: \"http://127.0.0.1:{port}/\" }} }}\n"
            "      load: { rate: 100/s, duration: 1s, warmup: 0s, connections: 2 }\n")

launchers = [(name, cmd.split()) for name, cmd in (arg.split("=", 1) for arg in sys.argv[1:])]
seen = {name: ([], []) for name, _ in launchers}
for _ in range(RUNS):
    for name, cmd in launchers:
        first.clear()
        t0 = time.monotonic()
        subprocess.run(cmd + ["run", "-s", suite, "-o", os.path.join(work, "r.json"), "-q", "--no-progress"],
                       stdout=subprocess.DEVNULL, check=True)
        t1 = time.monotonic()
        seen[name][0].append(first[0] - t0)
        seen[name][1].append(t1 - t0)

print(f"launch -> first request at the server, s (median [min-max] of {RUNS}; goal: within 1 s through the "
      f"installed launcher)")
for name, (firsts, wholes) in seen.items():
    firsts.sort()
    wholes.sort()
    print(f"  {name:28s} first request {firsts[len(firsts) // 2]:.2f} [{firsts[0]:.2f}-{firsts[-1]:.2f}]   "
          f"whole 1 s run {wholes[len(wholes) // 2]:.2f} [{wholes[0]:.2f}-{wholes[-1]:.2f}]")
