#!/usr/bin/env python3
"""chaosproxy.py - a TCP proxy on loopback between a kiosk and its hub that misbehaves on demand,
as a venue network does: it forwards connections to the hub's port, and what it does with each
new connection and each chunk depends on DIR/mode (one word, re-read all the time):

  pass    forward both ways (the default when DIR/mode is missing)
  stall   accept, then send and forward nothing until the mode changes (a dead link that still
          answers at the TCP level); held at most 60 s
  reset   new connections are reset at once (RST); open ones are reset at their next chunk
  drop    forward, but cut each connection (close both sides) after a random 200 to 4,000
          bytes from the hub, mid-answer

The listening port (chosen by the system) is written to DIR/port. DIR/log counts connections
per mode. Stops on SIGTERM or when DIR/stop appears.
usage: chaosproxy.py --dir DIR --to PORT"""
import argparse
import os
import random
import select
import signal
import socket
import struct
import sys
import threading
import time


def mode(d):
    try:
        with open(os.path.join(d, "mode")) as f:
            return f.read().strip() or "pass"
    except OSError:
        return "pass"


def reset(sock):
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


class Proxy:
    def __init__(self, d, to):
        self.dir, self.to = d, to
        self.lock = threading.Lock()
        self.counts = {}

    def count(self, m):
        with self.lock:
            self.counts[m] = self.counts.get(m, 0) + 1
            with open(os.path.join(self.dir, "log"), "w") as f:
                for k, v in sorted(self.counts.items()):
                    f.write("%s %d\n" % (k, v))

    def serve(self, client):
        m = mode(self.dir)
        self.count(m)
        if m == "reset":
            reset(client)
            return
        if m == "stall":
            deadline = time.time() + 60
            while mode(self.dir) == "stall" and time.time() < deadline:
                time.sleep(0.05)
            reset(client)
            return
        try:
            hub = socket.create_connection(("127.0.0.1", self.to), timeout=5)
        except OSError:
            reset(client)
            return
        budget = random.randint(200, 4000) if m == "drop" else -1
        socks = [client, hub]
        try:
            while True:
                r, _, _ = select.select(socks, [], [], 0.5)
                now = mode(self.dir)
                if now in ("reset", "stall"):
                    reset(client)
                    reset(hub)
                    return
                for s in r:
                    data = s.recv(65536)
                    if not data:
                        client.close()
                        hub.close()
                        return
                    other = hub if s is client else client
                    if s is hub and budget >= 0:
                        if len(data) >= budget:
                            other.sendall(data[:budget])
                            client.close()
                            hub.close()
                            return
                        budget -= len(data)
                    other.sendall(data)
        except OSError:
            client.close()
            hub.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--to", type=int, required=True)
    a = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    p = Proxy(a.dir, a.to)
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", 0))
    ls.listen(64)
    ls.settimeout(0.5)
    tmp = os.path.join(a.dir, "port.tmp")
    with open(tmp, "w") as f:
        f.write(str(ls.getsockname()[1]))
    os.rename(tmp, os.path.join(a.dir, "port"))
    while not os.path.exists(os.path.join(a.dir, "stop")):
        try:
            c, _ = ls.accept()
        except socket.timeout:
            continue
        threading.Thread(target=p.serve, args=(c,), daemon=True).start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
