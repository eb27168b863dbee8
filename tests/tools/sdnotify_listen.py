#!/usr/bin/env python3
"""sdnotify_listen.py - what systemd's notify socket is, for tests: binds a Unix datagram socket
at PATH (the NOTIFY_SOCKET a service is given) and writes each message it receives to LOG as one
line, "MS FIELD=VALUE|FIELD=VALUE", MS being the monotonic clock (CLOCK_MONOTONIC) in milliseconds,
which a test reads too (time.monotonic()). Runs until it is sent SIGTERM or for --seconds at most (bounded).

    sdnotify_listen.py PATH LOG [--seconds N]

The line "MS LISTENING" is written once the socket is bound, so a test knows when to start the
service."""
import argparse
import os
import select
import signal
import socket
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("log")
    ap.add_argument("--seconds", type=float, default=300)
    a = ap.parse_args()
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(a.path)
    t0 = time.monotonic()
    with open(a.log, "w", buffering=1) as log:
        log.write(f"{int(t0 * 1000)} LISTENING\n")
        while not stop and time.monotonic() - t0 < a.seconds:
            r, _, _ = select.select([s], [], [], 0.1)
            if not r:
                continue
            msg = s.recv(4096).decode("utf-8", "replace")
            ms = int(time.monotonic() * 1000)
            fields = "|".join(x for x in msg.split("\n") if x)
            log.write(f"{ms} {fields}\n")
    s.close()
    os.unlink(a.path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
