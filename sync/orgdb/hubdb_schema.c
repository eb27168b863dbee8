/* hubdb_schema.c - the organizer database's schema, as numbered migrations. See hubdb_schema.h. */
#include "orgdb/hubdb_schema.h"

const char *const ly_hubdb_migrations[] = {
    /* 1: the first schema. */
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;"
    "INSERT INTO meta VALUES ('change_seq', 0);"
    "CREATE TABLE events ("
    "  id INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 4294967295),"
    "  name TEXT NOT NULL, starts TEXT NOT NULL, ends TEXT NOT NULL, timezone TEXT NOT NULL,"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))) STRICT;"
    "CREATE TABLE signing_keys ("
    "  key_id INTEGER PRIMARY KEY,"
    "  event_id INTEGER NOT NULL REFERENCES events(id),"
    "  public_key BLOB NOT NULL CHECK (length(public_key) = 32),"
    "  secret_key BLOB NOT NULL CHECK (length(secret_key) = 64),"
    "  active INTEGER NOT NULL DEFAULT 1,"
    "  seq INTEGER NOT NULL,"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))) STRICT;"
    "CREATE TABLE registrations ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  ext_id TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL, name_latin TEXT NOT NULL, affiliation TEXT NOT NULL,"
    "  country TEXT NOT NULL CHECK (length(country) = 2),"
    "  region TEXT NOT NULL, stakeholder TEXT NOT NULL, attendance TEXT NOT NULL,"
    "  category TEXT NOT NULL, language TEXT NOT NULL, accessibility TEXT NOT NULL,"
    "  email TEXT NOT NULL, phone TEXT NOT NULL, source TEXT NOT NULL,"
    "  badge_version INTEGER NOT NULL DEFAULT 1 CHECK (badge_version BETWEEN 1 AND 65535),"
    "  revoked INTEGER NOT NULL DEFAULT 0,"
    "  seq INTEGER NOT NULL,"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))) STRICT;"
    "CREATE INDEX registrations_seq ON registrations(seq);"
    "CREATE TABLE alt_codes ("
    "  code TEXT PRIMARY KEY,"
    "  registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL) STRICT;"
    "CREATE INDEX alt_codes_registration ON alt_codes(registration_id);"
    "CREATE TABLE rooms ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  name TEXT NOT NULL UNIQUE,"
    "  capacity INTEGER NOT NULL CHECK (capacity > 0),"
    "  seq INTEGER NOT NULL) STRICT;"
    "CREATE TABLE sessions ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  ext_id TEXT NOT NULL UNIQUE,"
    "  title TEXT NOT NULL, type TEXT NOT NULL,"
    "  room_id INTEGER NOT NULL REFERENCES rooms(id),"
    "  starts TEXT NOT NULL, ends TEXT NOT NULL CHECK (ends > starts),"
    "  capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),"
    "  categories TEXT NOT NULL,"
    "  seq INTEGER NOT NULL) STRICT;"
    "CREATE INDEX sessions_seq ON sessions(seq);",
    /* 2: gate rules, replaced as a whole: venue opening hours (event local time) and notices
     * shown with a grant. rules_seq is the change sequence the set last changed at. */
    "INSERT INTO meta VALUES ('rules_seq', 0);"
    "CREATE TABLE opening_hours ("
    "  day TEXT PRIMARY KEY CHECK (length(day) = 10),"
    "  opens TEXT NOT NULL CHECK (length(opens) = 5),"
    "  closes TEXT NOT NULL CHECK (length(closes) = 5 AND closes > opens),"
    "  seq INTEGER NOT NULL) STRICT;"
    "CREATE TABLE notices ("
    "  id INTEGER PRIMARY KEY,"
    "  place TEXT NOT NULL, category TEXT NOT NULL,"
    "  text TEXT NOT NULL CHECK (text <> ''),"
    "  seq INTEGER NOT NULL) STRICT;",
    /* 3: the hub: enrolled kiosks (only token hashes), single-use enrollment codes, read-only
     * tokens, the check-ins kiosks pushed (idempotent by uuid; t_ms is the hub's time for the
     * decision, received_ms its clock at commit), each attendee's latest movement through each
     * place (presence: who is inside, and who ever entered, are counted from it), the
     * occupancy of each place as the hub counts it (a change kiosks sync), and tombstones for
     * deleted rows kiosks must learn of. The counts are kept up to date at each push, so that
     * reading them never scans the check-ins: the attendees onsite (first grant), onsite per
     * event-local day, venue entries per 15 minutes, and each kiosk's scans and grants. */
    "CREATE TABLE kiosks ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  uuid TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),"
    "  name TEXT NOT NULL, gate TEXT NOT NULL, software TEXT NOT NULL,"
    "  token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),"
    "  enrolled_ms INTEGER NOT NULL, revoked_ms INTEGER,"
    "  last_contact_ms INTEGER NOT NULL DEFAULT 0,"
    "  queue INTEGER NOT NULL DEFAULT 0,"
    "  scans INTEGER NOT NULL DEFAULT 0, granted INTEGER NOT NULL DEFAULT 0) STRICT;"
    "CREATE INDEX kiosks_name ON kiosks(name);"
    "CREATE TABLE enroll_codes ("
    "  code_hash BLOB PRIMARY KEY CHECK (length(code_hash) = 32),"
    "  name TEXT NOT NULL, gate TEXT NOT NULL,"
    "  created_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL, used_ms INTEGER) STRICT;"
    "CREATE TABLE read_tokens ("
    "  token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),"
    "  label TEXT NOT NULL, created_ms INTEGER NOT NULL, revoked_ms INTEGER) STRICT;"
    "CREATE TABLE checkins ("
    "  uuid TEXT PRIMARY KEY CHECK (length(uuid) = 36),"
    "  kiosk INTEGER NOT NULL REFERENCES kiosks(id),"
    "  kiosk_seq INTEGER NOT NULL, wall_ms INTEGER NOT NULL, mono_ms INTEGER NOT NULL,"
    "  t_ms INTEGER NOT NULL, received_ms INTEGER NOT NULL,"
    "  gate TEXT NOT NULL, attendee_id INTEGER NOT NULL, code_kind TEXT NOT NULL,"
    "  decision TEXT NOT NULL, reason_code TEXT NOT NULL, place TEXT NOT NULL,"
    "  direction INTEGER NOT NULL CHECK (direction BETWEEN -1 AND 1)) STRICT;"
    "CREATE INDEX checkins_kiosk ON checkins(kiosk, decision, reason_code);"
    "CREATE TABLE presence ("
    "  place TEXT NOT NULL, attendee_id INTEGER NOT NULL,"
    "  direction INTEGER NOT NULL, t_ms INTEGER NOT NULL, entered INTEGER NOT NULL,"
    "  PRIMARY KEY (place, attendee_id)) STRICT, WITHOUT ROWID;"
    "CREATE INDEX presence_inside ON presence(place, direction, t_ms);"
    "CREATE TABLE onsite (attendee_id INTEGER PRIMARY KEY, first_ms INTEGER NOT NULL) STRICT;"
    "CREATE TABLE onsite_days ("
    "  day TEXT NOT NULL, attendee_id INTEGER NOT NULL,"
    "  PRIMARY KEY (day, attendee_id)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE entries (tick INTEGER PRIMARY KEY, n INTEGER NOT NULL) STRICT;"
    "CREATE TABLE occupancy ("
    "  place TEXT PRIMARY KEY, inside INTEGER NOT NULL, seq INTEGER NOT NULL) STRICT;"
    "CREATE INDEX occupancy_seq ON occupancy(seq);"
    "CREATE TABLE tombstones ("
    "  kind TEXT NOT NULL, id INTEGER NOT NULL, seq INTEGER NOT NULL,"
    "  PRIMARY KEY (kind, id)) STRICT;"
    "CREATE INDEX tombstones_seq ON tombstones(seq);"
    "CREATE INDEX alt_codes_seq ON alt_codes(seq);",
    /* 4: printing at the kiosk. A kiosk's own signing key, certified by the event's key at
     * enrollment, with its range of walk-in attendee ids; kiosks learn it as a key change
     * (key_seq), and forget it when the kiosk is revoked. The key that signed a registration's
     * current badge version when a kiosk reprinted it (0: any key). The badge a journal entry
     * printed. Sessions whose admitted people get an access slip. */
    "ALTER TABLE kiosks ADD COLUMN key_id INTEGER;"
    "ALTER TABLE kiosks ADD COLUMN sign_pk BLOB CHECK (sign_pk IS NULL OR length(sign_pk) = 32);"
    "ALTER TABLE kiosks ADD COLUMN certificate BLOB;"
    "ALTER TABLE kiosks ADD COLUMN id_first INTEGER;"
    "ALTER TABLE kiosks ADD COLUMN key_seq INTEGER;"
    "CREATE INDEX kiosks_key_seq ON kiosks(key_seq) WHERE key_seq IS NOT NULL;"
    "ALTER TABLE registrations ADD COLUMN badge_key INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE checkins ADD COLUMN badge_version INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE checkins ADD COLUMN badge_key INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE sessions ADD COLUMN slips INTEGER NOT NULL DEFAULT 0 CHECK (slips IN (0, 1));",
    /* 5: each kiosk's latest health report (proto/health.h), as the hub wrote it, and the hub's
     * clock when it came. */
    ("ALTER TABLE kiosks ADD COLUMN health TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE kiosks ADD COLUMN health_ms INTEGER NOT NULL DEFAULT 0;"),
    /* 6: a code made to replace an enrolled kiosk (`lanyard enroll --replace`) names its uuid;
     * no other code may take an enrolled kiosk's identity. */
    "ALTER TABLE enroll_codes ADD COLUMN replaces TEXT;",
    /* 7: read tokens that expire (NULL: never), and an id for `lanyard read-token --revoke`
     * (docs/security.md, "Read tokens"): a column of its own, since a VACUUM may renumber the
     * row ids of a table keyed by something else. */
    ("ALTER TABLE read_tokens ADD COLUMN expires_ms INTEGER;"
     "ALTER TABLE read_tokens ADD COLUMN id INTEGER;"
     "UPDATE read_tokens SET id = rowid;"
     "CREATE UNIQUE INDEX read_tokens_id ON read_tokens(id);"),
    /* 8: whether a pickup point printed the registration's badge (a kiosk's "picked_up" entry,
     * docs/gates.md "Badge pickup"): kiosks learn it with the registration, so that a second
     * pickup point refuses to print it again. */
    "ALTER TABLE registrations ADD COLUMN picked_up INTEGER NOT NULL DEFAULT 0 "
    "CHECK (picked_up IN (0, 1));",
    /* 9: fullness at the door (docs/gates.md, "Fullness at the door"): where a room is, and per
     * session the room to send people to when it is full (0: none) and its online link. */
    ("ALTER TABLE rooms ADD COLUMN location TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE sessions ADD COLUMN overflow_room_id INTEGER NOT NULL DEFAULT 0;"
     "ALTER TABLE sessions ADD COLUMN online_url TEXT NOT NULL DEFAULT '';"),
    /* 10: occupancy that does not go stale (docs/gates.md, "Occupancy"): each attendee's one
     * current place inside the venue (their latest movement through a room or session, or a
     * venue exit), the latest hub time a movement changed who is in each place, the hub time
     * of the freshest input of each occupancy count kiosks sync, and the grace after a
     * session's end at which its count ends (seconds; an event setting); and whether a
     * session's attendance export may name people (an event setting, off). */
    ("CREATE TABLE whereabouts ("
     "  attendee_id INTEGER PRIMARY KEY, place TEXT NOT NULL,"
     "  direction INTEGER NOT NULL, t_ms INTEGER NOT NULL) STRICT;"
     "CREATE INDEX whereabouts_inside ON whereabouts(place, direction, t_ms);"
     "INSERT INTO whereabouts SELECT attendee_id, place, direction, t_ms FROM ("
     "  SELECT attendee_id, place, direction, t_ms, row_number() OVER (PARTITION BY attendee_id"
     "  ORDER BY t_ms DESC, place DESC) AS r FROM presence WHERE place LIKE 'room:%'"
     "  OR place LIKE 'session:%' OR (place = 'venue' AND direction = -1)) WHERE r = 1;"
     "CREATE TABLE place_moves (place TEXT PRIMARY KEY, t_ms INTEGER NOT NULL) STRICT;"
     "INSERT INTO place_moves SELECT place, max(t_ms) FROM presence GROUP BY place;"
     "ALTER TABLE occupancy ADD COLUMN as_of_ms INTEGER NOT NULL DEFAULT 0;"
     "INSERT INTO meta VALUES ('occupancy_grace_s', 900), ('attendance_names', 0);"),
};

const int ly_hubdb_nmigrations = (int)(sizeof ly_hubdb_migrations / sizeof ly_hubdb_migrations[0]);
