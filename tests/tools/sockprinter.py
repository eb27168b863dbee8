#!/usr/bin/env python3
"""sockprinter.py - a raw socket printer on loopback for the print tests and benchmarks.

Speaks enough of one printer language to be printed to by Lanyard's print worker, and keeps what
it was sent:

  zpl     answers ~HS (three framed strings); a job ends at ^XZ
  ql      answers ESC i S with a 32-byte status; a job ends at its print command (0x1A); sends
          "printing" (phase change) at once and "printing completed" when the label is out
  escpos  answers DLE EOT 1-4 (one byte each) and GS r 1 (once the slip is out); a job ends at
          its cut (GS V)
  raw     answers nothing; a job is everything one connection sent (a CUPS raw queue's socket
          backend sends the document as it is)

Every job is written to DIR/job-N.bin (N from 1); a job cut off by a fault to DIR/partial-N.bin.
DIR/log gets one line per status request and job, and "first-byte T" when a job's first byte
arrives (T: CLOCK_MONOTONIC seconds, as the benchmark's clock). The port (chosen by the system) is written to
DIR/port once listening. The mode is read from DIR/mode (one word, re-read at every request):

  ok             all well (the default when DIR/mode is missing)
  paper-out      status says out of labels / paper
  cover-open     status says head / cover open
  paused         status says paused (zpl) or offline (escpos)
  cutter-jam     status says cutter jam (ql, escpos)
  wrong-media    ql: 29 mm tape loaded
  refuse         stop listening: connections are refused until the mode changes
  close-mid-job  close the connection after the first 2000 bytes of a job (an unplugged printer)
  silent         read everything, answer nothing
  out-after-job  status is clean until a job arrived on the connection, then out of paper (the
                 roll ran out during the label); a cancel (zpl ~JA, escpos DLE ENQ 2) is logged

Each label takes --label-seconds to come out (0 by default); the printer is busy until then.
With --pty the printer is a device file instead of a socket: a pseudo-terminal whose path is
written to DIR/dev (as a USB printer's /dev/usb/lp0 is opened), modes as above but refuse.
Stops on SIGTERM or when DIR/stop appears. Usage:
  sockprinter.py --lang zpl|ql|escpos|raw --dir DIR [--label-seconds S] [--pty]
"""
import argparse
import os
import select
import signal
import socket
import struct
import sys
import time
import tty


def mode(d):
    try:
        with open(os.path.join(d, "mode")) as f:
            return f.read().strip() or "ok"
    except OSError:
        return "ok"


class Printer:
    def __init__(self, lang, d, label_seconds):
        self.lang, self.dir, self.label_seconds = lang, d, label_seconds
        self.jobs = 0
        self.busy_until = 0.0
        self.scheduled = []  # (time, conn, bytes)

    def log(self, line):
        with open(os.path.join(self.dir, "log"), "a") as f:
            f.write(line + "\n")

    def save(self, data, partial=False):
        self.jobs += 1
        name = "%s-%d.bin" % ("partial" if partial else "job", self.jobs)
        tmp = os.path.join(self.dir, name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.rename(tmp, os.path.join(self.dir, name))
        self.log("%s %d bytes" % (name, len(data)))
        if not partial:
            self.busy_until = time.monotonic() + self.label_seconds

    def busy(self):
        return time.monotonic() < self.busy_until

    # --- status replies -------------------------------------------------------------------
    def zpl_hs(self, after_job=False):
        m = mode(self.dir)
        if m == "out-after-job" and after_job:
            m = "paper-out"
        paper = 1 if m == "paper-out" else 0
        pause = 1 if m in ("paused", "paper-out") else 0
        head = 1 if m == "cover-open" else 0
        busy = 1 if self.busy() else 0
        s1 = "030,%d,%d,1218,%03d,0,0,0,000,0,0,0" % (paper, pause, busy)
        s2 = "001,0,%d,0,0,2,6,0,%08d,1,000" % (head, busy)
        s3 = "1234,0"
        return b"".join(b"\x02" + s.encode() + b"\x03\r\n" for s in (s1, s2, s3))

    def ql_status(self, status_type=0, phase=0):
        m = mode(self.dir)
        e1 = e2 = 0
        width, mtype = 62, 0x0A
        if m == "paper-out":
            e1 |= 0x01
            width, mtype = 0, 0
        if m == "cutter-jam":
            e1 |= 0x04
        if m == "cover-open":
            e2 |= 0x10
        if m == "wrong-media":
            width = 29
        if (e1 or e2) and status_type == 0:
            status_type = 0x02
        b = bytearray(32)
        b[0:8] = bytes([0x80, 0x20, 0x42, 0x34, 0x38, 0x30, 0x00, 0x00])
        b[8], b[9], b[10], b[11] = e1, e2, width, mtype
        b[18], b[19] = status_type, phase
        return bytes(b)

    def escpos_eot(self, n, after_job=False):
        m = mode(self.dir)
        if m == "out-after-job" and after_job:
            m = "paper-out"
        v = 0x12
        if n == 1 and m in ("paused", "cover-open", "paper-out"):
            v |= 0x08
        if n == 2 and m == "cover-open":
            v |= 0x04
        if n == 2 and m == "paper-out":
            v |= 0x20
        if n == 3 and m == "cutter-jam":
            v |= 0x08
        if n == 4 and m == "paper-out":
            v |= 0x60
        return bytes([v])


class Conn:
    """One client connection and the parse state of its byte stream."""

    def __init__(self, sock, printer):
        self.sock, self.p = sock, printer
        self.buf = b""
        self.job = bytearray()  # bytes of the job being received
        self.in_job = False
        self.closed = False
        self.had_job = False

    def send(self, data):
        if mode(self.p.dir) == "silent":
            return
        try:
            self.sock.sendall(data)
        except OSError:
            self.closed = True

    def job_bytes(self, data):
        if not self.in_job:
            self.p.log("first-byte %.6f" % time.monotonic())
        self.in_job = True
        self.job += data
        if mode(self.p.dir) == "close-mid-job" and len(self.job) >= 2000:
            self.p.save(bytes(self.job), partial=True)
            self.p.log("closed mid-job")
            self.job = bytearray()
            self.in_job = False
            self.closed = True

    def end_job(self):
        self.had_job = True
        self.p.save(bytes(self.job))
        self.job = bytearray()
        self.in_job = False

    # Each parser consumes what it can of self.buf and returns when it needs more bytes.
    def feed(self, data):
        self.buf += data
        getattr(self, "parse_" + self.p.lang)()

    def parse_raw(self):
        self.job_bytes(self.buf)
        self.buf = b""

    def parse_zpl(self):
        while not self.closed:
            k = self.buf.find(b"~JA")
            if k >= 0:
                self.buf = self.buf[:k] + self.buf[k + 3 :]
                self.p.log("cancel ~JA")
                continue
            i = self.buf.find(b"~HS")
            j = self.buf.find(b"^XZ")
            if i >= 0 and (j < 0 or i < j):
                self.job_bytes(self.buf[:i]) if self.in_job else None
                self.buf = self.buf[i + 3 :]
                self.p.log("status ~HS")
                self.send(self.p.zpl_hs(self.had_job))
                continue
            if j >= 0:
                self.job_bytes(self.buf[: j + 3])
                self.buf = self.buf[j + 3 :]
                if not self.closed:
                    self.end_job()
                continue
            start = self.buf.find(b"^XA")
            if start >= 0 or self.in_job:
                keep = 2  # a marker split across reads
                if len(self.buf) > keep:
                    self.job_bytes(self.buf[:-keep])
                    self.buf = self.buf[-keep:]
            else:
                self.buf = self.buf[-2:]
            return

    def parse_ql(self):
        b = self.buf
        i = 0
        fixed = {b"\x1bia": 4, b"\x1biM": 4, b"\x1biA": 4, b"\x1biK": 4, b"\x1bid": 5, b"\x1biz": 13}
        while not self.closed and i < len(b):
            c = b[i]
            start = i
            if c == 0x00:
                i += 1
                continue
            if b[i : i + 2] == b"\x1b@":
                i += 2
            elif b[i : i + 3] == b"\x1biS":
                i += 3
                self.p.log("status ESC i S")
                self.send(self.p.ql_status())
                continue
            elif b[i : i + 3] in fixed:
                n = fixed[b[i : i + 3]]
                if len(b) - i < n:
                    break
                i += n
            elif c == ord("M"):
                if len(b) - i < 2:
                    break
                i += 2
            elif c == ord("Z"):
                i += 1
            elif c == ord("g"):
                if len(b) - i < 3 or len(b) - i < 3 + b[i + 2]:
                    break
                i += 3 + b[i + 2]
            elif c in (0x1A, 0x0C):
                i += 1
                self.job_bytes(b[start:i])
                if self.closed:
                    break
                self.end_job()
                self.send(self.p.ql_status(status_type=0x06, phase=0x01))
                when = time.monotonic() + self.p.label_seconds
                self.p.scheduled.append((when, self, "ql-done"))
                continue
            elif len(b) - i < 3:
                break
            else:  # not a QL command: keep it so the decoder sees it and fails
                i += 1
            if i > start and b[start : start + 2] != b"\x1b@":
                self.job_bytes(b[start:i])
        self.buf = b[i:]

    def parse_escpos(self):
        b = self.buf
        i = 0
        while not self.closed and i < len(b):
            start = i
            if b[i : i + 2] == b"\x10\x04":
                if len(b) - i < 3:
                    break
                self.p.log("status DLE EOT %d" % b[i + 2])
                self.send(self.p.escpos_eot(b[i + 2], self.had_job))
                i += 3
                continue
            if b[i : i + 2] == b"\x10\x05":
                if len(b) - i < 3:
                    break
                self.p.log("cancel DLE ENQ %d" % b[i + 2])
                i += 3
                continue
            if b[i : i + 2] == b"\x1dr":
                if len(b) - i < 3:
                    break
                i += 3
                self.p.log("status GS r")
                self.p.scheduled.append((self.p.busy_until, self, "gs-r"))
                continue
            if b[i : i + 2] == b"\x1b@":
                i += 2
            elif b[i : i + 3] == b"\x1dv0":
                if len(b) - i < 8:
                    break
                x, y = struct.unpack("<HH", b[i + 4 : i + 8])
                if len(b) - i < 8 + x * y:
                    # take the band as it comes, so a cut-off job is seen
                    self.job_bytes(b[i:])
                    self.buf = b""
                    self.pending_band = 8 + x * y - (len(b) - i)
                    return
                i += 8 + x * y
            elif b[i : i + 2] == b"\x1bd":
                if len(b) - i < 3:
                    break
                i += 3
            elif b[i : i + 2] == b"\x1dV":
                if len(b) - i < 3:
                    break
                i += 4 if b[i + 2] in (65, 66) else 3
                if len(b) < i:
                    i = start
                    break
                self.job_bytes(b[start:i])
                if not self.closed:
                    self.end_job()
                continue
            elif len(b) - i < 3:
                break
            else:
                i += 1
            self.job_bytes(b[start:i])
        self.buf = b[i:]

    pending_band = 0

    def feed_escpos_band(self, data):
        """Bytes that complete a GS v 0 band started in an earlier read."""
        take = min(self.pending_band, len(data))
        self.job_bytes(data[:take])
        self.pending_band -= take
        return data[take:]


class PtyEnd:
    """The printer's end of a pseudo-terminal, used like a connected socket."""

    def __init__(self, fd):
        self.fd = fd

    def fileno(self):
        return self.fd

    def sendall(self, data):
        while data:
            data = data[os.write(self.fd, data) :]

    def recv(self, n):
        return os.read(self.fd, n)

    def close(self):
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", required=True, choices=["zpl", "ql", "escpos", "raw"])
    ap.add_argument("--dir", required=True)
    ap.add_argument("--label-seconds", type=float, default=0.0)
    ap.add_argument("--max-seconds", type=float, default=600.0)
    ap.add_argument("--pty", action="store_true")
    a = ap.parse_args()
    p = Printer(a.lang, a.dir, a.label_seconds)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))

    def listen(port=0):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        s.listen(8)
        return s

    conns = []
    if a.pty:
        master, slave = os.openpty()
        tty.setraw(slave)  # held open, so the device stays whole between the client's opens
        with open(os.path.join(a.dir, "dev.tmp"), "w") as f:
            f.write(os.ttyname(slave) + "\n")
        os.rename(os.path.join(a.dir, "dev.tmp"), os.path.join(a.dir, "dev"))
        conns.append(Conn(PtyEnd(master), p))
        lsock = None
    else:
        lsock = listen()
        port = lsock.getsockname()[1]
        with open(os.path.join(a.dir, "port.tmp"), "w") as f:
            f.write("%d\n" % port)
        os.rename(os.path.join(a.dir, "port.tmp"), os.path.join(a.dir, "port"))
    end = time.monotonic() + a.max_seconds
    while not stop and time.monotonic() < end and not os.path.exists(os.path.join(a.dir, "stop")):
        m = mode(a.dir)
        if a.pty:
            pass
        elif m == "refuse" and lsock is not None:
            lsock.close()
            lsock = None
            for c in conns:
                c.sock.close()
            conns = []
        elif m != "refuse" and lsock is None:
            lsock = listen(port)
        now = time.monotonic()
        for item in [s for s in p.scheduled if s[0] <= now]:
            p.scheduled.remove(item)
            _, c, what = item
            if c.closed:
                continue
            if what == "ql-done":
                c.send(p.ql_status(status_type=0x01, phase=0x00))
            elif what == "gs-r":
                c.send(b"\x00")
        rl = [c.sock for c in conns] + ([lsock] if lsock is not None else [])
        r, _, _ = select.select(rl, [], [], 0.02)
        for s in r:
            if s is lsock:
                cs, _ = lsock.accept()
                conns.append(Conn(cs, p))
                continue
            c = next(c for c in conns if c.sock is s)
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            if not data:
                c.closed = True
            else:
                if a.lang == "escpos" and c.pending_band > 0:
                    data = c.feed_escpos_band(data)
                if data:
                    c.feed(data)
        for c in [c for c in conns if c.closed]:
            if c.in_job and c.job:
                p.save(bytes(c.job), partial=a.lang != "raw")
            c.sock.close()
            conns.remove(c)
    return 0


if __name__ == "__main__":
    sys.exit(main())
