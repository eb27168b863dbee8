#!/usr/bin/env python3
"""rawhttp.py - sends bytes to an HTTP server over a raw socket and reports what came back:
the status codes of every answer in the reply stream, whether the server closed the
connection, and how long it took. The hostile-request suite (t_hub_hostile.sh, hub_hostile.py)
uses it for requests that curl will not send: both lengths, NUL bytes, folded headers.

As a program: rawhttp.py PORT FILE|- [WAIT_S] prints "STATUSES CLOSED SECONDS"."""
import re
import socket
import sys
import time

STATUS = re.compile(rb"HTTP/1\.[01] (\d{3}) ")


class Reply:
    def __init__(self, data, closed, seconds):
        self.data = data
        self.closed = closed  # the server closed (or reset) the connection
        self.seconds = seconds
        # the status of every answer: a smuggled request shows up as a second one
        self.statuses = [int(m) for m in STATUS.findall(data)]

    @property
    def status(self):
        return self.statuses[0] if self.statuses else 0

    def __repr__(self):
        return "statuses=%s closed=%s %.1fs" % (self.statuses, self.closed, self.seconds)


def connect(port, host="127.0.0.1", source=None, timeout=5):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if source:
        s.bind((source, 0))
    s.settimeout(timeout)
    s.connect((host, port))
    return s


def read_until_closed(s, wait):
    """Reads until the peer closes or wait seconds pass without a close."""
    data = b""
    closed = False
    end = time.monotonic() + wait
    while True:
        left = end - time.monotonic()
        if left <= 0:
            break
        s.settimeout(left)
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            break
        except (ConnectionResetError, BrokenPipeError):
            closed = True
            break
        if not chunk:
            closed = True
            break
        data += chunk
    return data, closed


def send(port, payload, wait=3.0, source=None):
    """Sends payload at once and waits up to wait seconds for the server to close."""
    t0 = time.monotonic()
    s = connect(port, source=source)
    try:
        try:
            s.sendall(payload)
        except (ConnectionResetError, BrokenPipeError):
            pass
        data, closed = read_until_closed(s, wait)
    finally:
        s.close()
    return Reply(data, closed, time.monotonic() - t0)


def trickle(port, payload, every, limit, source=None):
    """Sends payload one byte every `every` seconds until the server closes or limit seconds
    pass. Returns the Reply; closed is True when the server cut the connection."""
    t0 = time.monotonic()
    s = connect(port, source=source)
    data = b""
    closed = False
    try:
        for b in payload:
            if time.monotonic() - t0 > limit:
                break
            try:
                s.sendall(bytes([b]))
            except (ConnectionResetError, BrokenPipeError):
                closed = True
                break
            more, closed = read_until_closed(s, every)
            data += more
            if closed:
                break
        if not closed:
            more, closed = read_until_closed(s, max(0.0, limit - (time.monotonic() - t0)))
            data += more
    finally:
        s.close()
    return Reply(data, closed, time.monotonic() - t0)


def main():
    port = int(sys.argv[1])
    payload = sys.stdin.buffer.read() if sys.argv[2] == "-" else open(sys.argv[2], "rb").read()
    wait = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
    r = send(port, payload, wait)
    print(",".join(str(x) for x in r.statuses) or "0", "closed" if r.closed else "open",
          "%.1f" % r.seconds)


if __name__ == "__main__":
    main()
