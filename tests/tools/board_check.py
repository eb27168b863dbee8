"""board_check.py - the public room board (/board and /api/v1/board) against a real hub that
tests/integration/t_room_board.sh started with a programme of rooms on now: the JSON without a
token (room fullness, overflow and links; no name, no restricted title, nothing of the counts'
kiosks or groups), hostile requests to the new endpoint, then the page and the organizer's
dashboard in real headless Chromium. Prints one TAP-style line per check, exits 1 on a failure.

    board_check.py --hub URL --db HUB.db --token lyr_... --code ENROLL_CODE --shots DIR
                   --hub-stop CMD
"""
import argparse
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402
import hubkit  # noqa: E402

failed = 0
URL1 = "https://live.example.org/fl-1"
BOARD_KEYS = {"event", "generated_ms", "now", "rooms"}
ROOM_KEYS = {"room", "location", "capacity", "inside", "level", "now", "next", "overflow",
             "overflow_location", "online_url"}
SESSION_KEYS = {"title", "restricted", "starts", "ends"}


def check(name, cond, detail=""):
    global failed
    print(f"{'ok' if cond else 'not ok'} - {name}", flush=True)
    if not cond:
        failed += 1
        if detail:
            print("    " + str(detail)[:800], file=sys.stderr, flush=True)
    return cond


def raw(port, payload, wait=3.0):
    """The hub's whole answer to payload (bytes) on a fresh connection."""
    s = socket.create_connection(("127.0.0.1", port), timeout=wait)
    s.sendall(payload)
    out = b""
    try:
        while True:
            b = s.recv(65536)
            if not b:
                break
            out += b
    except socket.timeout:
        pass
    s.close()
    return out


def get(url, headers=None):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def board(hub):
    status, headers, body = get(hub + "/api/v1/board")
    return status, headers, body, (json.loads(body) if status == 200 else None)


def room(b, name):
    return next((r for r in b["rooms"] if r["room"] == name), None)


def db_state(db):
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out = {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
           for t in ("checkins", "registrations", "kiosks", "read_tokens", "sessions", "rooms")}
    c.close()
    return out


def json_checks(hub, db, names):
    status, headers, body, b = board(hub)
    check("GET /api/v1/board without a token: 200 JSON, no-store",
          status == 200 and headers.get("Content-Type", "").startswith("application/json")
          and headers.get("Cache-Control") == "no-store", (status, headers))
    if b is None:
        return None
    check("the board holds only its own members",
          set(b) == BOARD_KEYS and all(set(r) == ROOM_KEYS for r in b["rooms"])
          and all(set(r[k]) == SESSION_KEYS for r in b["rooms"] for k in ("now", "next") if r[k]),
          json.dumps(b)[:400])
    text = body.decode()
    leaked = [n for n in names if n and n in text]
    check(f"no attendee's name in the board ({len(names)} names looked for)", not leaked, leaked[:5])
    check("no kiosk, country or group in the board",
          all(w not in text for w in ("kiosk", "by_country", "stakeholder", "onsite", "Board kiosk")))
    r1 = room(b, "Room F1")
    check("a full room: level full, 2 / 2, its overflow room and where, its online link",
          r1 is not None and r1["level"] == "full" and (r1["inside"], r1["capacity"]) == (2, 2)
          and r1["overflow"] == "Overflow Hall" and r1["overflow_location"] == "Level 0, west wing"
          and r1["online_url"] == URL1 and r1["now"]["title"] == "Fullness at the door"
          and r1["location"] == "Level 1, east wing", r1)
    r4 = room(b, "Room F4")
    check("a room at 90 %: nearly_full, 9 / 10", r4 is not None and r4["level"] == "nearly_full"
          and (r4["inside"], r4["capacity"]) == (9, 10), r4)
    oh = room(b, "Overflow Hall")
    check("a room with space: level space", oh is not None and oh["level"] == "space", oh)
    r2 = room(b, "Room F2")
    check("a session for some categories only: no title, marked restricted",
          r2 is not None and r2["now"]["restricted"] and r2["now"]["title"] == ""
          and "secret" not in text, r2)
    r5 = room(b, "Room F5")
    check("the next session today", r5 is not None and r5["now"] is None
          and r5["next"] and r5["next"]["title"] == "Later today", r5)
    check("a room with nothing more today is left out", room(b, "Room F6") is None,
          [r["room"] for r in b["rooms"]])
    return b


def hostile(hub, port, db, rt):
    before = db_state(db)
    cases = [
        ("POST /api/v1/board", b"POST /api/v1/board HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
         b"Content-Type: application/json\r\nConnection: close\r\n\r\n{}", b" 405 "),
        ("DELETE /board", b"DELETE /board HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b" 405 "),
        ("/board/../hub.db", b"GET /board/../hub.db HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
         b" 400 "),
        ("/api/v1/board/../counts", b"GET /api/v1/board/../counts HTTP/1.1\r\nHost: x\r\n"
         b"Connection: close\r\n\r\n", b" 400 "),
        ("/board%00", b"GET /board%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b" 400 "),
        ("/api/v1/board/x", b"GET /api/v1/board/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
         b" 404 "),
        ("/board.html", b"GET /board.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b" 404 "),
        ("a 100 KiB query", b"GET /api/v1/board?" + b"a" * 100000 + b" HTTP/1.1\r\nHost: x\r\n"
         b"Connection: close\r\n\r\n", b" 414 "),
        ("two Content-Lengths", b"GET /api/v1/board HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
         b"Content-Length: 2\r\nConnection: close\r\n\r\n", b" 400 "),
    ]
    for name, payload, want in cases:
        out = raw(port, payload)
        check(f"hostile {name}: {want.decode().strip()}", want in out.split(b"\r\n", 1)[0],
              out[:200])
    # a token, good or bad, neither opens nor closes more: the board is the same
    s1, _, b1 = get(hub + "/api/v1/board", {"Authorization": "Bearer " + rt})
    s2, _, b2 = get(hub + "/api/v1/board", {"Authorization": "Bearer lyr_nonsense"})
    strip = lambda b: json.loads(b) | {"generated_ms": 0}  # noqa: E731
    check("a read token or a bad one changes nothing in the board",
          s1 == 200 and s2 == 200 and strip(b1)["rooms"] == strip(b2)["rooms"], (s1, s2))
    s3, _, _ = get(hub + "/api/v1/counts")
    check("the counts still need a read token: 401", s3 == 401, s3)
    # many at once, bounded: each answered 200 (or 503 when the hub is busy), quickly
    results, lock = [], threading.Lock()

    def one():
        try:
            st, _, _ = get(hub + "/api/v1/board")
        except Exception as e:  # noqa: BLE001
            st = str(e)
        with lock:
            results.append(st)
    t0 = time.time()
    threads = [threading.Thread(target=one) for _ in range(200)]
    for i in range(0, 200, 20):
        for t in threads[i:i + 20]:
            t.start()
        for t in threads[i:i + 20]:
            t.join(15)
    took = time.time() - t0
    check(f"200 board requests, 20 at a time, answered in {took:.1f} s",
          len(results) == 200 and all(r in (200, 503) for r in results) and results.count(200) >= 180
          and took < 30, sorted(set(map(str, results))))
    check("the database is unchanged by the hostile requests", db_state(db) == before,
          (before, db_state(db)))


CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""

CARDS = """Array.prototype.map.call(document.querySelectorAll('#rooms > li.room'), function (li) {
  return {room: li.dataset.room, level: li.dataset.level, cls: li.className,
          mark: (li.querySelector('.mark') || {}).textContent,
          shape: getComputedStyle(li.querySelector('.mark'), '::before').content,
          fig: (li.querySelector('.fig') || {}).textContent,
          go: (li.querySelector('.go') || {textContent: ''}).textContent,
          text: li.textContent};
})"""


def page_checks(hub, db, rt, kiosk, attendees, shots, stop):
    try:
        browser = cdp.Browser()
    except cdp.CDPError as e:
        print(f"skip - chromium cannot start here: {e}")
        return
    with browser:
        p = browser.page(1920, 1080)
        p.before_load(CSP_WATCH)
        p.goto(hub + "/board")
        live = p.wait("document.getElementById('status').textContent === 'Live'", 10)
        check("the board page goes live without a token", live,
              p.eval("document.getElementById('status').textContent"))
        cards = {c["room"]: c for c in p.eval(CARDS)}
        f1 = cards.get("Room F1", {})
        check("Room F1: full, ■, 2 / 2, go to the overflow room and where, the link",
              f1.get("level") == "full" and f1.get("mark") == "Full" and "\u25a0" in f1.get("shape", "")
              and f1.get("fig") == "2 / 2" and "Overflow Hall" in f1.get("go", "")
              and "Level 0, west wing" in f1.get("go", "") and URL1 in f1.get("go", ""), f1)
        f4 = cards.get("Room F4", {})
        check("Room F4: nearly full, ▲, 9 / 10, nowhere else to go",
              f4.get("level") == "nearly_full" and f4.get("mark") == "Nearly full"
              and "\u25b2" in f4.get("shape", "") and f4.get("fig") == "9 / 10" and not f4.get("go"), f4)
        oh = cards.get("Overflow Hall", {})
        check("Overflow Hall: space, ●", oh.get("level") == "space" and "\u25cf" in oh.get("shape", ""),
              oh)
        f2 = cards.get("Room F2", {})
        check("the restricted session shows no title",
              "(restricted session)" in f2.get("text", "") and "secret" not in f2.get("text", ""), f2)
        check("the page names nobody",
              not any(n in p.eval("document.body.textContent") for n in attendees["names"]))
        check("no Content-Security-Policy violation", p.eval("window.__csp") == [],
              p.eval("window.__csp"))
        p.screenshot(os.path.join(shots, "board-1920x1080.png"))
        # one leaves Room F4... no: one more enters it, and the page follows without a reload
        before = p.eval("document.body.dataset.updated")
        kiosk.push([kiosk.item(attendees["spare"], hubkit.now_ms(), place="session:FL-4",
                               gate="room:Room F4")])
        moved = p.wait("(function(){var li=document.querySelector('#rooms li[data-room=\"Room F4\"]');"
                       "return li && li.dataset.level === 'full';})()", 12)
        check("a check-in after load: Room F4 turns full within one poll, no reload", moved,
              (before, p.eval(CARDS)))
        p.resize(720, 1280)
        time.sleep(0.5)
        p.screenshot(os.path.join(shots, "board-portrait.png"))

        d = browser.page(1920, 1080)
        d.goto(hub + "/dashboard/#token=" + rt)
        d.wait("document.getElementById('status').className.indexOf('live') >= 0", 10)
        row = d.eval("""(function(){var r=null;document.querySelectorAll('#rooms > li.row').forEach(
            function(li){if(li.querySelector('.name').textContent==='Room F1')r={cls:li.className,
            away:(li.querySelector('.away')||{textContent:''}).textContent,
            fig:li.querySelector('.fig').textContent};});return r;})()""")
        check("the dashboard's Room F1: full, 2 / 2, and where to go instead",
              row is not None and "full" in row["cls"] and row["fig"] == "2 / 2"
              and "Overflow Hall" in row["away"] and "Level 0, west wing" in row["away"]
              and URL1 in row["away"], row)
        d.screenshot(os.path.join(shots, "dashboard-fullness.png"))

        subprocess.run(stop, shell=True, check=False)
        down = p.wait("document.getElementById('status').textContent.indexOf('Reconnecting') === 0", 15)
        check("the hub away: the board says Reconnecting…", down,
              p.eval("document.getElementById('status').textContent"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hub", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--code", required=True)
    ap.add_argument("--shots", required=True)
    ap.add_argument("--hub-stop", required=True)
    a = ap.parse_args()
    port = int(a.hub.rsplit(":", 1)[1])
    c = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    onsite = [r[0] for r in c.execute(
        "SELECT id FROM registrations WHERE attendance = 'onsite' AND revoked = 0 ORDER BY id")]
    names = [r[0] for r in c.execute("SELECT name FROM registrations WHERE length(name) >= 6")]
    c.close()
    kiosk = hubkit.Kiosk(a.hub, a.code, "Board kiosk")
    now = hubkit.now_ms()
    items = [kiosk.item(onsite[i], now, place="session:FL-1", gate="room:Room F1") for i in range(2)]
    items += [kiosk.item(onsite[2 + i], now, place="session:FL-4", gate="room:Room F4")
              for i in range(9)]
    res = kiosk.push(items)
    check("pushed 2 entries into FL-1 and 9 into FL-4", res.count("stored") == 11, res)
    time.sleep(2.2)  # past the hub's counts cache
    json_checks(a.hub, a.db, names)
    hostile(a.hub, port, a.db, a.token)
    page_checks(a.hub, a.db, a.token, kiosk, {"names": names[:300], "spare": onsite[20]}, a.shots,
                a.hub_stop)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
