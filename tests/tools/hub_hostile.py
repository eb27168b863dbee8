#!/usr/bin/env python3
"""hub_hostile.py - hostile requests over raw sockets against a real lanyard-hub on loopback
(t_hub_hostile.sh starts it with small limits). Prints one TAP-style line per check.

For every request: the status, that the connection is closed, that a request smuggled behind
it is never answered, that the hub still answers a plain request afterwards, and that the
database (every table, a kiosk's last contact aside) is unchanged. Then the slow senders
(bounded in time), the connection budgets (bounded in count: a kiosk still syncs while
attackers hold their maximum) and the live stream's peer and token checks.

usage: hub_hostile.py PORT DB KIOSK_TOKEN READ_TOKEN HEADER_TIMEOUT_S REQUEST_TIMEOUT_S PER_IP
       UNAUTH READ_MAX LANYARD_BIN SPARE_KIOSK_TOKEN SPARE_KIOSK_NAME"""
import os
import socket
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rawhttp  # noqa: E402

(PORT, DB, TOK, RT, HDR_S, REQ_S, PER_IP, UNAUTH, READ_MAX, LY, SPARE_TOK,
 SPARE_NAME) = sys.argv[1:13]
PORT, HDR_S, REQ_S = int(PORT), float(HDR_S), float(REQ_S)
PER_IP, UNAUTH, READ_MAX = int(PER_IP), int(UNAUTH), int(READ_MAX)
failed = 0


def ok(cond, name, detail=""):
    global failed
    if cond:
        print("ok - " + name)
    else:
        failed += 1
        print("not ok - %s %s" % (name, detail))
    sys.stdout.flush()


def state():
    """Every row of every table, a kiosk's last contact left out (a kiosk's own sync moves it)."""
    con = sqlite3.connect("file:%s?mode=ro" % DB, uri=True, timeout=10)
    out = []
    for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        cols = [r[1] for r in con.execute("PRAGMA table_info(%s)" % t)
                if r[1] not in ("last_contact_ms",)]
        rows = con.execute("SELECT %s FROM %s ORDER BY 1" % (",".join(cols), t)).fetchall()
        out.append((t, rows))
    con.close()
    return out


def alive():
    r = rawhttp.send(PORT, b"GET /api/v1/health HTTP/1.1\r\nHost: h\r\n\r\n", 5)
    return r.status == 200 and b'"ok":true' in r.data


def metric(name):
    r = rawhttp.send(PORT, b"GET /metrics HTTP/1.1\r\nHost: h\r\n\r\n", 5)
    for line in r.data.decode("utf-8", "replace").splitlines():
        if line.startswith(name + " "):
            return float(line.split()[-1])
    return -1


SMUGGLED = b"GET /api/v1/health HTTP/1.1\r\nHost: h\r\n\r\n"
AUTH = b"Authorization: Bearer " + TOK.encode() + b"\r\n"
JSON = b"Content-Type: application/json\r\n"
BATCH = b'{"kiosk_id":"00000000-0000-4000-8000-000000000000","queue":0,"checkins":[]}'


def post(path, headers, body=BATCH):
    return b"POST " + path + b" HTTP/1.1\r\nHost: h\r\n" + headers + b"\r\n" + body


def get(target, headers=b"", line_end=b"\r\n"):
    return (b"GET " + target + b" HTTP/1.1" + line_end + b"Host: h" + line_end + headers
            + line_end)


def chunked(body):
    return b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"


CL = b"Content-Length: %d\r\n" % len(BATCH)
# name, request, expected statuses (the first answer), whether a smuggled request follows
FRAMING = []
for ep, hdr in ((b"/api/v1/checkins", AUTH + JSON), (b"/api/v1/enroll", JSON)):
    n = ep.decode()
    FRAMING += [
        ("%s: Content-Length and chunked, a request hidden after" % n,
         post(ep, hdr + CL + b"Transfer-Encoding: chunked\r\n", b"0\r\n\r\n" + SMUGGLED),
         {400}),
        ("%s: chunked then Content-Length (TE.CL), a request hidden after" % n,
         post(ep, hdr + b"Transfer-Encoding: chunked\r\nContent-Length: 4\r\n",
              chunked(BATCH) + SMUGGLED), {400}),
        ("%s: two equal Content-Length" % n, post(ep, hdr + CL + CL), {400}),
        ("%s: conflicting Content-Length, a request hidden after" % n,
         post(ep, hdr + CL + b"Content-Length: 0\r\n", BATCH + SMUGGLED), {400}),
        ("%s: Content-Length +N" % n, post(ep, hdr + b"Content-Length: +%d\r\n" % len(BATCH)),
         {400}),
        ("%s: Content-Length in hex" % n, post(ep, hdr + b"Content-Length: 0x4a\r\n"), {400}),
        ("%s: Content-Length with a list" % n,
         post(ep, hdr + b"Content-Length: %d, %d\r\n" % (len(BATCH), len(BATCH))), {400}),
        ("%s: negative Content-Length" % n, post(ep, hdr + b"Content-Length: -1\r\n"), {400}),
        ("%s: an unknown transfer coding" % n,
         post(ep, hdr + b"Transfer-Encoding: gzip\r\n", chunked(BATCH)), {400}),
        ("%s: stacked transfer codings" % n,
         post(ep, hdr + b"Transfer-Encoding: gzip, chunked\r\n", chunked(BATCH)), {400}),
        ("%s: chunked twice" % n,
         post(ep, hdr + b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
              chunked(BATCH)), {400}),
        ("%s: a misspelt coding (xchunked)" % n,
         post(ep, hdr + b"Transfer-Encoding: xchunked\r\n", chunked(BATCH) + SMUGGLED), {400}),
        ("%s: a folded Content-Length" % n,
         post(ep, hdr + b"Content-Length: 1\r\n %d\r\n" % len(BATCH)), {400}),
        ("%s: HTTP/1.0 with chunked" % n,
         post(ep, hdr + b"Transfer-Encoding: chunked\r\n", chunked(BATCH)).replace(
             b"HTTP/1.1", b"HTTP/1.0", 1), {400}),
    ]
CTL = [
    ("a NUL in the last header value", get(b"/api/v1/health", b"X-A: a\0b\r\n")),
    ("a NUL in the first header value",
     b"GET /api/v1/health HTTP/1.1\r\nX-A: a\0b\r\nHost: h\r\n\r\n"),
    ("two NUL in a middle header value", get(b"/api/v1/health", b"X-A: a\0\0b\r\nX-B: c\r\n")),
    ("a NUL in a header name", get(b"/api/v1/health", b"X-\0A: b\r\n")),
    ("a NUL in the request line", b"GET /api/v1/health\0.txt HTTP/1.1\r\nHost: h\r\n\r\n"),
    ("a NUL in the token header", get(b"/api/v1/changes", AUTH[:-2] + b"\0x\r\n")),
    ("a control byte in a header value", get(b"/api/v1/health", b"X-A: a\x01b\r\n")),
    ("DEL in a header value", get(b"/api/v1/health", b"X-A: a\x7fb\r\n")),
    ("a bare CR in a header", get(b"/api/v1/health", b"X-A: a\rX-B: b\r\n")),
    ("an escape in the request line", b"GET /api/v1/health\x1b HTTP/1.1\r\nHost: h\r\n\r\n"),
    ("%00 in the path", get(b"/dashboard/index.html%00.txt")),
    ("%00 in a query value", get(b"/api/v1/changes?since=0%00&limit=1", AUTH)),
    ("%0d%0a in a query value", get(b"/api/v1/changes?since=0%0d%0aX:%20y", AUTH)),
    ("a malformed escape", get(b"/api/v1/changes?since=%zz", AUTH)),
    ("a folded header (space)", get(b"/api/v1/health", b"X-A: a\r\n b\r\n")),
    ("a folded header (tab)", get(b"/api/v1/changes", AUTH + b"X-A: a\r\n\tb\r\n")),
    ("a folded Authorization", get(b"/api/v1/changes",
                                    b"Authorization: Bearer\r\n " + TOK.encode() + b"\r\n")),
    ("a space before the colon", get(b"/api/v1/health", b"Host : h\r\n")),
    ("a header without a colon", get(b"/api/v1/health", b"X-A b\r\n")),
    ("HTTP/1.1 without Host", b"GET /api/v1/health HTTP/1.1\r\n\r\n"),
]
LONG = [
    ("a request line of 70 KiB", b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: h\r\n\r\n",
     {414}),
    ("a header of 70 KiB", get(b"/api/v1/health", b"X-A: " + b"a" * 70000 + b"\r\n"), {431}),
    ("3000 headers", get(b"/api/v1/health", b"X-A: a\r\n" * 3000), {431}),
    ("HTTP/2.0 on the request line", get(b"/api/v1/health").replace(b"HTTP/1.1", b"HTTP/2.0", 1),
     {505}),
    ("HTTP/1.x", get(b"/api/v1/health").replace(b"HTTP/1.1", b"HTTP/1.x", 1), {400, 505}),
]


def hostile(name, payload, want, before):
    r = rawhttp.send(PORT, payload, 4)
    smuggled = b'"ok":true' in r.data or r.statuses.count(200) > 0
    ok(r.status in want and r.closed and not smuggled, name + ": %s, closed" % r.status,
       repr(r) + " " + repr(r.data[:200]))
    ok(alive(), name + ": the hub answers afterwards")
    ok(state() == before, name + ": the database is unchanged")


RAUTH = b"Authorization: Bearer " + RT.encode() + b"\r\n"
# every GET endpoint with the token it takes, each sent the classes above once more
ENDPOINTS = [(b"/api/v1/health", b""), (b"/api/v1/snapshot", AUTH),
             (b"/api/v1/changes?since=0", AUTH), (b"/api/v1/counts", RAUTH),
             (b"/api/v1/counts/stream", RAUTH), (b"/metrics", b""), (b"/dashboard/", b"")]
for ep, hdr in ENDPOINTS:
    n = ep.decode()
    q = b"&" if b"?" in ep else b"?"
    CTL += [
        ("GET %s: Content-Length and chunked, a request hidden after" % n,
         get(ep, hdr + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n") + b"0\r\n\r\n"
         + SMUGGLED),
        ("GET %s: a NUL in a header" % n, get(ep, hdr + b"X-A: a\0b\r\n")),
        ("GET %s: %%00 in the query" % n, get(ep + q + b"x=%00", hdr)),
        ("GET %s: a folded header" % n, get(ep, b"X-A: a\r\n b\r\n" + hdr)),
        ("GET %s: a control byte in a header" % n, get(ep, hdr + b"X-A: \x08\r\n")),
    ]

LEGIT = [
    ("LF line ends", get(b"/api/v1/health", b"X-A: a\n", b"\n")),
    ("trailing spaces and tabs in values", get(b"/api/v1/health", b"X-A: a \t\r\nX-B:b\r\n")),
    ("30 KiB of headers", get(b"/api/v1/health", b"".join(
        b"X-H%d: %s\r\n" % (i, b"v" * 100) for i in range(300)))),
    ("a 20 KiB header last", get(b"/api/v1/health", b"X-A: " + b"a" * 20000 + b"\r\n")),
    ("UTF-8 in a header value", get(b"/api/v1/health", b"X-A: caf\xc3\xa9\r\n")),
    ("an escaped query", get(b"/api/v1/health?x=a%20b+c&y=%7e")),
    ("empty header values", get(b"/api/v1/health", b"X-A:\r\nX-B:   \r\n")),
    ("a cookie", get(b"/dashboard/", b"Cookie: a=b; c=d\r\n")),
    ("HEAD", get(b"/api/v1/health").replace(b"GET", b"HEAD", 1)),
]


def framing(before):
    for name, payload in LEGIT:
        r = rawhttp.send(PORT, payload, 4)
        ok(r.status == 200, "well-formed, answered 200: " + name, repr(r))
    for name, payload, want in FRAMING:
        hostile(name, payload, want, before)
    for name, payload in CTL:
        hostile(name, payload, {400}, before)
    for name, payload, want in LONG:
        hostile(name, payload, want, before)


def keep_alive(before):
    """HTTP/1.0 closes after its answer; HTTP/1.1 with Connection: close too; a request behind an
    answered one on a 1.0 connection is never read."""
    body = b'{"code":"AAAA-AAAA-AAAA","kiosk_id":"00000000-0000-4000-8000-000000000000"}'
    req = post(b"/api/v1/enroll", JSON + b"Content-Length: %d\r\n" % len(body), body)
    r = rawhttp.send(PORT, req.replace(b"HTTP/1.1", b"HTTP/1.0", 1) + SMUGGLED, 4)
    ok(r.statuses == [401] and r.closed, "HTTP/1.0: answered once and closed", repr(r))
    r = rawhttp.send(PORT, req.replace(b"Host: h\r\n", b"Host: h\r\nConnection: close\r\n", 1)
                     + SMUGGLED, 4)
    ok(r.statuses == [401] and r.closed, "Connection: close: answered once and closed", repr(r))
    r = rawhttp.send(PORT, req + SMUGGLED, 4)
    ok(r.statuses == [401, 200], "HTTP/1.1 keep-alive: a well-framed second request is answered",
       repr(r))
    ok(state() == before, "keep-alive: the database is unchanged")


def slow(before):
    head = get(b"/api/v1/health")
    r = rawhttp.trickle(PORT, head, 1.0, HDR_S + 8)
    ok(r.closed and r.status == 0 and HDR_S - 0.5 < r.seconds < HDR_S + 2.5,
       "headers trickled a byte a second: cut off after %.1f s (header-timeout %g s)"
       % (r.seconds, HDR_S), repr(r))
    # headers at once, then the body a byte a second
    s = rawhttp.connect(PORT)
    t0 = time.monotonic()
    s.sendall(post(b"/api/v1/checkins", AUTH + JSON + CL, b""))
    closed = False
    for b in BATCH:
        if time.monotonic() - t0 > REQ_S + 8:
            break
        try:
            s.sendall(bytes([b]))
        except OSError:
            closed = True
            break
        data, closed = rawhttp.read_until_closed(s, 1.0)
        if closed:
            break
    took = time.monotonic() - t0
    s.close()
    ok(closed and REQ_S - 0.5 < took < REQ_S + 2.5,
       "a body trickled a byte a second: cut off after %.1f s (request-timeout %g s)"
       % (took, REQ_S))
    # an idle connection that never sends a byte
    r = rawhttp.send(PORT, b"", HDR_S + 8)
    ok(r.closed and HDR_S - 0.5 < r.seconds < HDR_S + 2.5,
       "a connection that sends nothing: closed after %.1f s" % r.seconds, repr(r))
    ok(metric('lanyard_hub_connections_total{event="header_timeout"}') >= 2,
       "/metrics counts the header timeouts")
    ok(metric('lanyard_hub_connections_total{event="request_timeout"}') >= 1,
       "/metrics counts the request timeout")
    ok(alive() and state() == before, "slow senders: the hub answers, the database is unchanged")


def kiosk_sync(source):
    """A kiosk's sync from address source: GET /changes with its token, on a fresh connection."""
    try:
        r = rawhttp.send(PORT, get(b"/api/v1/changes?since=0&limit=5", AUTH), 5, source=source)
    except OSError as e:
        return "connect: %s" % e
    return r


def hold(source, n):
    """Opens n connections from source that send half a request and wait."""
    socks = []
    for _ in range(n):
        try:
            s = rawhttp.connect(PORT, source=source)
            socks.append(s)
            s.sendall(b"GET /api/v1/health HTTP/1.1\r\n")
        except OSError:
            pass  # refused: the hub closed it at once
    time.sleep(0.3)
    return socks


def open_count(socks):
    """How many of socks the hub has not closed."""
    n = 0
    for s in socks:
        s.setblocking(False)
        try:
            n += s.recv(1) != b""
        except BlockingIOError:
            n += 1
        except OSError:
            pass
    return n


def exhaustion(before):
    t0 = time.monotonic()
    a = hold("127.0.0.3", PER_IP)
    extra = rawhttp.send(PORT, b"GET /api/v1/health HTTP/1.1\r\nHost: h\r\n\r\n", 2,
                         source="127.0.0.3")
    ok(extra.status == 0 and extra.closed,
       "one address at its per-ip budget (%d): the next connection is closed unanswered"
       % PER_IP, repr(extra))
    r = kiosk_sync("127.0.0.2")
    ok(not isinstance(r, str) and r.status == 200,
       "meanwhile a kiosk from another address syncs", repr(r))
    # attackers from more addresses: more than every unauthenticated slot
    socks = a
    for src in ("127.0.0.4", "127.0.0.5", "127.0.0.6"):
        socks += hold(src, PER_IP)
    wait_until(lambda: open_count(socks) <= UNAUTH, 3)  # the hub's closes take a moment to arrive
    held = open_count(socks)
    ok(held <= UNAUTH, "attackers opened %d connections, the hub keeps %d (unauth-connections %d)"
       % (len(socks), held, UNAUTH))
    synced = 0
    for i in range(3):
        r = kiosk_sync("127.0.0.2")
        synced += not isinstance(r, str) and r.status == 200
        socks += hold("127.0.0.%d" % (7 + i), PER_IP)  # and the attackers keep opening
    ok(synced == 3, "a kiosk syncs 3 times of 3 while attackers hold every unauthenticated slot")
    ok(metric('lanyard_hub_connections_total{event="refused_address"}') >= 1,
       "/metrics counts the refusal per address")
    ok(metric('lanyard_hub_connections_total{event="evicted"}') >= 1,
       "/metrics counts the evictions")
    for s in socks:
        s.close()
    ok(time.monotonic() - t0 < 30, "the exhaustion case took %.1f s" % (time.monotonic() - t0))
    ok(alive() and state() == before, "exhaustion: the hub answers, the database is unchanged")


def opened(data):
    return b" 200 " in data.split(b"\r\n", 1)[0] and b"event: counts" in data


def stream_open(token, source=None):
    s = rawhttp.connect(PORT, source=source)
    s.sendall(get(b"/api/v1/counts/stream", b"Authorization: Bearer " + token.encode() + b"\r\n"))
    s.settimeout(10)
    data = b""
    try:
        while b"\n\n" not in data.split(b"\r\n\r\n", 1)[-1] and len(data) < 1 << 20:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    return s, data


def wait_until(cond, limit):
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        if cond():
            return time.monotonic() - t0
        time.sleep(0.2)
    return None


def ended(s, limit, t0=None):
    """Seconds from t0 (default: now) until the hub closes stream socket s (None: still open
    limit seconds after t0)."""
    t0 = time.monotonic() if t0 is None else t0
    s.settimeout(0.5)
    while time.monotonic() - t0 < limit:
        try:
            if s.recv(65536) == b"":
                return time.monotonic() - t0
        except socket.timeout:
            pass
        except OSError:
            return time.monotonic() - t0
    return None


def streams(before):
    base = metric("lanyard_hub_streams")
    s, data = stream_open(RT)
    ok(opened(data), "a read token opens a counts stream", repr(data[:200]))
    s.close()
    took = wait_until(lambda: metric("lanyard_hub_streams") == base, 6)
    ok(took is not None, "a closed stream frees its slot within 6 s (%s s)" %
       ("%.1f" % took if took is not None else "not"))
    ok(metric('lanyard_hub_streams_ended_total{reason="peer_closed"}') >= 1,
       "/metrics counts the stream whose peer closed")
    held = [stream_open(RT) for _ in range(READ_MAX)]
    ok(all(opened(d) for _, d in held), "%d streams of the read token open" % READ_MAX)
    held = [x for x, _ in held]
    r = rawhttp.send(PORT, get(b"/api/v1/counts/stream", b"Authorization: Bearer " +
                               RT.encode() + b"\r\n"), 3)
    ok(r.status == 503, "read tokens at read-connections (%d): the next stream is 503" % READ_MAX,
       repr(r))
    ok(metric('lanyard_hub_connections_total{event="refused_read"}') >= 1,
       "/metrics counts the refusal for read tokens")
    r = kiosk_sync(None)
    ok(not isinstance(r, str) and r.status == 200, "a kiosk still syncs meanwhile", repr(r))
    # the read token is withdrawn: its open streams end
    con = sqlite3.connect(DB, timeout=10)
    con.execute("DELETE FROM read_tokens")
    con.commit()
    con.close()
    t0 = time.monotonic()
    took = [ended(x, 9, t0) for x in held]
    ok(all(t is not None for t in took),
       "a withdrawn read token's open streams end within 9 s (%s)"
       % ", ".join("%.1f" % t if t is not None else "no" for t in took))
    # a revoked kiosk's open stream ends
    s, data = stream_open(SPARE_TOK)
    ok(opened(data), "a kiosk token opens a counts stream", repr(data[:200]))
    subprocess.run([LY, "kiosks", "--db", DB, "--revoke", SPARE_NAME], check=True,
                   stdout=subprocess.DEVNULL)
    took = ended(s, 9)
    ok(opened(data) and took is not None,
       "a revoked kiosk's open stream ends within 9 s (%s)"
       % ("%.1f" % took if took is not None else "no"))
    s.close()
    ok(metric('lanyard_hub_streams_ended_total{reason="token_invalid"}') >= READ_MAX + 1,
       "/metrics counts the streams whose token no longer holds")
    ok(alive(), "streams: the hub answers afterwards")


def main():
    ok(alive(), "the hub answers a plain request")
    before = state()
    only = os.environ.get("LY_HOSTILE_ONLY", "framing keep_alive slow exhaustion streams").split()
    for part in only:
        globals()[part](before)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
