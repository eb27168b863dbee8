"""hubkit.py - a kiosk's side of the sync protocol for tests and benchmarks, in plain Python:
enroll with a code, push batches of check-ins (docs/sync-protocol.md), read the counts, and
seed a demo event's hub with a morning of realistic check-ins (venue entries spread over the
last hours, exits, denials, rooms and sessions up to and over their capacity) so that every
part of the dashboard has something to show.
"""
import json
import sqlite3
import time
import urllib.error
import urllib.request
import uuid


def now_ms():
    return int(time.time() * 1000)


def request(url, body=None, token=None, timeout=30):
    """(status, decoded JSON or None) of one request; a body is sent as JSON with POST."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, None


class Kiosk:
    """An enrolled kiosk: its UUID, token and journal sequence."""

    def __init__(self, hub, code, name=""):
        self.hub, self.name = hub, name
        self.id = str(uuid.uuid4())
        status, body = request(hub + "/api/v1/enroll", {"code": code, "kiosk_id": self.id,
                                                        "software": "hubkit"})
        if status != 200:
            raise RuntimeError(f"enroll {name}: {status} {body}")
        self.token = body["token"]
        self.seq = 0

    def item(self, attendee, wall_ms, decision="granted", place="venue", direction=1,
             reason="", gate="entrance"):
        self.seq += 1
        return {"uuid": str(uuid.uuid4()), "seq": self.seq, "wall_ms": wall_ms,
                "mono_ms": self.seq, "gate": gate, "attendee_id": attendee,
                "code_kind": "badge" if attendee else "unreadable", "decision": decision,
                "reason_code": reason, "place": place if decision != "denied" else "",
                "direction": direction if decision == "granted" else 0}

    def push(self, items, queue=0, timeout=30):
        """Pushes items in batches of at most 500; returns the statuses of all of them."""
        out = []
        for i in range(0, max(1, len(items)), 500):
            batch = {"kiosk_id": self.id, "queue": queue, "sent_ms": now_ms(),
                     "checkins": items[i:i + 500]}
            status, body = request(self.hub + "/api/v1/checkins", batch, self.token, timeout)
            if status != 200:
                raise RuntimeError(f"push from {self.name}: {status} {body}")
            out += [r["status"] for r in body["results"]]
        return out


def counts(hub, token):
    status, body = request(hub + "/api/v1/counts", token=token)
    if status != 200:
        raise RuntimeError(f"counts: {status} {body}")
    return body


class Event:
    """What a seed needs from the organizer database: onsite attendees, rooms, sessions."""

    def __init__(self, db):
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        self.onsite = [r[0] for r in c.execute(
            "SELECT id FROM registrations WHERE attendance = 'onsite' ORDER BY id")]
        self.rooms = {name: (rid, cap) for rid, name, cap in c.execute(
            "SELECT id, name, capacity FROM rooms")}
        self.sessions = list(c.execute(
            "SELECT s.ext_id, r.name, r.capacity FROM sessions s JOIN rooms r ON r.id = s.room_id "
            "ORDER BY s.starts, s.ext_id"))
        # (ext_id, room name, ends) for a seed: a session's count ends at its end plus the grace
        self.session_ends = list(c.execute(
            "SELECT s.ext_id, r.name, s.ends FROM sessions s JOIN rooms r ON r.id = s.room_id "
            "ORDER BY s.ends DESC, s.ext_id"))
        self.names = [r[0] for r in c.execute("SELECT name FROM registrations LIMIT 50")]
        c.close()


def day_start_ms(offset_min, t_ms):
    """The start of the local day of t_ms, for a zone offset_min minutes east of UTC."""
    off = offset_min * 60000
    return (t_ms + off) // 86400000 * 86400000 - off


def seed(hub, ev, kiosks, offset_min=0, hours=5):
    """A morning at the venue. kiosks: four Kiosk objects (two doors, a room door, a spare).
    Spreads 80 % of the onsite attendees' entries over the last hours of today (never before the
    local midnight), lets some leave, denies a few, fills rooms and sessions to chosen levels.
    Returns the attendees left unused, for live pushes."""
    north, south, rooms_door, spare = kiosks
    now = now_ms()
    start = max(now - hours * 3600000, day_start_ms(offset_min, now) + 60000)
    people = list(ev.onsite)
    n_in = int(len(people) * 0.8)
    entered, rest = people[:n_in], people[n_in:]
    north_items, south_items = [], []
    for i, a in enumerate(entered):
        # a morning rush: more entries early, fewer later
        frac = (i / max(1, n_in - 1)) ** 1.6
        t = int(start + frac * (now - start - 120000))
        (north_items if i % 3 else south_items).append(
            (north if i % 3 else south).item(a, t))
    left = entered[::9]
    for a in left:  # some went out again
        south_items.append(south.item(a, now - 90000, place="venue", direction=-1, gate="exit"))
    for i, reason in enumerate(["unknown_code"] * 9 + ["not_event_day"] * 3 + ["revoked"] * 2):
        north_items.append(north.item(0 if reason == "unknown_code" else entered[i], now - 600000 * (i % 5 + 1),
                                      decision="denied", reason=reason))
    north.push(north_items)
    south.push(south_items, queue=3)

    inside = [a for a in entered if a not in set(left)]
    pos = 0

    def take(n):
        nonlocal pos
        out = inside[pos:pos + n]
        pos += n
        return out

    # rooms: one over capacity, one full, one nearly full, others less; sessions likewise
    room_items = []
    for name, level in [("Bilateral Meeting Room", 1.05), ("Lightning Talk Stage", 1.0),
                        ("Press Briefing Room", 0.92), ("Workshop Room 5", 0.6),
                        ("Unconference Space", 0.3), ("Workshop Room 1", 0.25)]:
        if name in ev.rooms:
            rid, cap = ev.rooms[name]
            for a in take(int(cap * level)):
                room_items.append(rooms_door.item(a, now - 300000, place=f"room:{rid}",
                                                  gate=f"room:{rid}"))
    for name, level in [("Workshop Room 6", 0.95), ("Workshop Room 3", 0.7),
                        ("Parliamentary Room", 0.3), ("Conference Room 3", 0.15),
                        ("Networking Lounge", 0.1)]:
        # the room's session that ends last today: its count lasts longest (docs/gates.md,
        # "Occupancy"; the tests set a long occupancy grace), else its first
        today = time.strftime("%Y-%m-%d", time.gmtime((now + offset_min * 60000) / 1000))
        ext = next((e for e, room, ends in ev.session_ends if room == name and ends[:10] == today),
                   None) or next((e for e, room, _ in ev.sessions if room == name), None)
        if ext and name in ev.rooms:
            for a in take(int(ev.rooms[name][1] * level)):
                # a room's door admits to the session on in the room (the hub accepts a room
                # door a staff member can switch to, not a session door the kiosk was not
                # enrolled at)
                room_items.append(rooms_door.item(a, now - 240000, place=f"session:{ext}",
                                                  gate=f"room:{ev.rooms[name][0]}"))
    rooms_door.push(room_items)
    spare.push([], queue=12)
    return rest
