#!/usr/bin/env python3
"""fake_zpl.py - a Zebra ZPL printer on loopback for the kiosk's printing tests: takes raw ZPL
on a TCP socket (port chosen by the system, written to PORTFILE), keeps each label (^XA...^XZ)
as a numbered file in OUTDIR, and answers ~HS with the three status strings of the ZPL guide.
The file OUTDIR/state says what the printer reports: "ok" (the default), "paper_out" or
"head_open"; "refuse" closes every connection at once (a printer gone offline); "hang" takes
bytes and never answers (a printer stuck mid-job).

A label takes PRINT_S seconds to come out (0 by default): meanwhile ~HS reports a format in
the buffer, as a printer that is still printing does.

usage: fake_zpl.py PORTFILE OUTDIR [SECONDS [PRINT_S]]   (exits after SECONDS, 600 by default)"""
import os
import socket
import sys
import threading
import time

STX, ETX = b"\x02", b"\x03"


def state(outdir):
    try:
        with open(os.path.join(outdir, "state")) as f:
            return f.read().strip() or "ok"
    except OSError:
        return "ok"


def status(outdir):
    s = state(outdir)
    paper = "1" if s == "paper_out" else "0"
    head = "1" if s == "head_open" else "0"
    waiting = 1 if time.time() < busy_until[0] else 0
    one = "030,%s,0,1245,%03d,0,0,0,000,0,0,0" % (paper, waiting)
    two = "001,0,%s,0,1,2,6,0,00000000,1,000" % head
    three = "1234,0"
    return b"".join(STX + x.encode() + ETX + b"\r\n" for x in (one, two, three))


lock = threading.Lock()
busy_until = [0.0]
print_s = [0.0]


def serve(conn, outdir):
    buf = b""
    with conn:
        conn.settimeout(10)
        while True:
            if state(outdir) == "refuse":
                return
            try:
                data = conn.recv(65536)
            except OSError:
                return
            if not data:
                return
            if state(outdir) == "hang":
                continue
            buf += data
            while True:
                hs = buf.find(b"~HS")
                xa = buf.find(b"^XA")
                if hs >= 0 and (xa < 0 or hs < xa):
                    buf = buf[hs + 3:]
                    conn.sendall(status(outdir))
                    continue
                if xa >= 0:
                    xz = buf.find(b"^XZ", xa)
                    if xz < 0:
                        break
                    label = buf[xa:xz + 3]
                    buf = buf[xz + 3:]
                    if state(outdir) == "ok":
                        busy_until[0] = max(busy_until[0], time.time()) + print_s[0]
                        with lock:
                            n = len([f for f in os.listdir(outdir) if f.startswith("label-")])
                            with open(os.path.join(outdir, "label-%03d.zpl" % (n + 1)), "wb") as f:
                                f.write(label)
                    continue
                break


def main():
    portfile, outdir = sys.argv[1], sys.argv[2]
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 600
    print_s[0] = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    os.makedirs(outdir, exist_ok=True)
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(0.5)
    with open(portfile + ".part", "w") as f:
        f.write(str(srv.getsockname()[1]))
    os.rename(portfile + ".part", portfile)
    end = time.time() + seconds
    while time.time() < end:
        try:
            conn, _ = srv.accept()
        except socket.timeout:
            continue
        if state(outdir) == "refuse":
            conn.close()
            continue
        threading.Thread(target=serve, args=(conn, outdir), daemon=True).start()


if __name__ == "__main__":
    main()
