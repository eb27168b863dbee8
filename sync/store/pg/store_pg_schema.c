/* store_pg_schema.c - the PostgreSQL backend's schema, as numbered migrations (applied by
 * store_pg.c in one transaction under an advisory lock, recorded in schema_version). The tables
 * are those of the organizer database's hub (hubdb_schema.c) with PostgreSQL types, so that the
 * shared readers (change_merge.c, counts_build.c) run the same SQL on both. Never edit a
 * released migration; append a new one. */
#include "store/pg/store_pg_schema.h"

const char *const ly_pg_migrations[] = {
    /* 1: the event as `lanyard load` copies it from an organizer database (ids kept: badges
     * carry them), the hub's own tables, and meta: change_seq (the cursor kiosks sync from; a
     * counter row rather than a SEQUENCE, see store_pg_int.h) and rules_seq. */
    "CREATE TABLE meta (key text PRIMARY KEY, value bigint NOT NULL);"
    "INSERT INTO meta VALUES ('change_seq', 0), ('rules_seq', 0);"
    "CREATE TABLE events ("
    "  id bigint PRIMARY KEY CHECK (id BETWEEN 1 AND 4294967295),"
    "  name text NOT NULL, starts text NOT NULL, ends text NOT NULL, timezone text NOT NULL,"
    "  created_at timestamptz NOT NULL DEFAULT now());"
    "CREATE TABLE signing_keys ("
    "  key_id bigint PRIMARY KEY,"
    "  event_id bigint NOT NULL REFERENCES events(id),"
    "  public_key bytea NOT NULL CHECK (length(public_key) = 32),"
    "  secret_key bytea CHECK (length(secret_key) = 64),"
    "  active boolean NOT NULL DEFAULT true,"
    "  seq bigint NOT NULL);"
    "CREATE TABLE registrations ("
    "  id bigint PRIMARY KEY CHECK (id BETWEEN 1 AND 4294967295),"
    "  ext_id text NOT NULL UNIQUE,"
    "  name text NOT NULL, name_latin text NOT NULL, affiliation text NOT NULL,"
    "  country text NOT NULL CHECK (length(country) = 2),"
    "  region text NOT NULL, stakeholder text NOT NULL, attendance text NOT NULL,"
    "  category text NOT NULL, language text NOT NULL, accessibility text NOT NULL,"
    "  email text NOT NULL, phone text NOT NULL, source text NOT NULL,"
    "  badge_version integer NOT NULL CHECK (badge_version BETWEEN 1 AND 65535),"
    "  revoked boolean NOT NULL DEFAULT false,"
    "  seq bigint NOT NULL,"
    "  updated_at timestamptz NOT NULL DEFAULT now());"
    "CREATE INDEX registrations_seq ON registrations(seq);"
    "CREATE TABLE alt_codes ("
    "  code text PRIMARY KEY,"
    "  registration_id bigint NOT NULL UNIQUE REFERENCES registrations(id) ON DELETE CASCADE,"
    "  seq bigint NOT NULL);"
    "CREATE INDEX alt_codes_seq ON alt_codes(seq);"
    "CREATE TABLE rooms ("
    "  id bigint PRIMARY KEY, name text NOT NULL UNIQUE,"
    "  capacity integer NOT NULL CHECK (capacity > 0), seq bigint NOT NULL);"
    "CREATE INDEX rooms_seq ON rooms(seq);"
    "CREATE TABLE sessions ("
    "  id bigint PRIMARY KEY, ext_id text NOT NULL UNIQUE,"
    "  title text NOT NULL, type text NOT NULL,"
    "  room_id bigint NOT NULL REFERENCES rooms(id),"
    "  starts text NOT NULL, ends text NOT NULL CHECK (ends > starts),"
    "  capacity integer NOT NULL DEFAULT 0 CHECK (capacity >= 0),"
    "  categories text NOT NULL, seq bigint NOT NULL);"
    "CREATE INDEX sessions_seq ON sessions(seq);"
    "CREATE TABLE opening_hours ("
    "  day text PRIMARY KEY CHECK (length(day) = 10),"
    "  opens text NOT NULL CHECK (length(opens) = 5),"
    "  closes text NOT NULL CHECK (length(closes) = 5 AND closes > opens),"
    "  seq bigint NOT NULL);"
    "CREATE TABLE notices ("
    "  id bigint PRIMARY KEY, place text NOT NULL, category text NOT NULL,"
    "  text text NOT NULL CHECK (text <> ''), seq bigint NOT NULL);"
    "CREATE TABLE kiosks ("
    "  id bigserial PRIMARY KEY,"
    "  uuid text NOT NULL UNIQUE CHECK (length(uuid) = 36),"
    "  name text NOT NULL, gate text NOT NULL, software text NOT NULL,"
    "  token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),"
    "  enrolled_ms bigint NOT NULL, revoked_ms bigint,"
    "  last_contact_ms bigint NOT NULL DEFAULT 0, queue bigint NOT NULL DEFAULT 0,"
    "  scans bigint NOT NULL DEFAULT 0, granted bigint NOT NULL DEFAULT 0);"
    "CREATE INDEX kiosks_name ON kiosks(name);"
    "CREATE TABLE enroll_codes ("
    "  code_hash bytea PRIMARY KEY CHECK (length(code_hash) = 32),"
    "  name text NOT NULL, gate text NOT NULL,"
    "  created_ms bigint NOT NULL, expires_ms bigint NOT NULL, used_ms bigint);"
    "CREATE TABLE read_tokens ("
    "  token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),"
    "  label text NOT NULL, created_ms bigint NOT NULL, revoked_ms bigint);"
    "CREATE TABLE checkins ("
    "  uuid text PRIMARY KEY CHECK (length(uuid) = 36),"
    "  kiosk bigint NOT NULL REFERENCES kiosks(id),"
    "  kiosk_seq bigint NOT NULL, wall_ms bigint NOT NULL, mono_ms bigint NOT NULL,"
    "  t_ms bigint NOT NULL, received_ms bigint NOT NULL,"
    "  gate text NOT NULL, attendee_id bigint NOT NULL, code_kind text NOT NULL,"
    "  decision text NOT NULL, reason_code text NOT NULL, place text NOT NULL,"
    "  direction smallint NOT NULL CHECK (direction BETWEEN -1 AND 1));"
    "CREATE INDEX checkins_kiosk ON checkins(kiosk, decision, reason_code);"
    "CREATE INDEX checkins_denied ON checkins(kiosk, reason_code) WHERE decision = 'denied';"
    "CREATE TABLE presence ("
    "  place text NOT NULL, attendee_id bigint NOT NULL,"
    "  direction smallint NOT NULL, t_ms bigint NOT NULL, entered boolean NOT NULL,"
    "  PRIMARY KEY (place, attendee_id));"
    "CREATE INDEX presence_inside ON presence(place, direction, t_ms);"
    "CREATE TABLE onsite (attendee_id bigint PRIMARY KEY, first_ms bigint NOT NULL);"
    "CREATE TABLE onsite_days ("
    "  day text NOT NULL, attendee_id bigint NOT NULL, PRIMARY KEY (day, attendee_id));"
    "CREATE TABLE entries (tick bigint PRIMARY KEY, n bigint NOT NULL);"
    "CREATE TABLE occupancy (place text PRIMARY KEY, inside bigint NOT NULL, seq bigint NOT NULL);"
    "CREATE INDEX occupancy_seq ON occupancy(seq);"
    "CREATE TABLE tombstones ("
    "  kind text NOT NULL, id bigint NOT NULL, seq bigint NOT NULL, PRIMARY KEY (kind, id));"
    "CREATE INDEX tombstones_seq ON tombstones(seq);",
    /* 2: printing at the kiosk, as migration 4 of the organizer database: kiosk keys, the key of
     * a reprinted badge, the badge a journal entry printed, sessions with access slips. */
    "ALTER TABLE kiosks ADD COLUMN key_id bigint;"
    "ALTER TABLE kiosks ADD COLUMN sign_pk bytea CHECK (sign_pk IS NULL OR length(sign_pk) = 32);"
    "ALTER TABLE kiosks ADD COLUMN certificate bytea;"
    "ALTER TABLE kiosks ADD COLUMN id_first bigint;"
    "ALTER TABLE kiosks ADD COLUMN key_seq bigint;"
    "CREATE INDEX kiosks_key_seq ON kiosks(key_seq) WHERE key_seq IS NOT NULL;"
    "ALTER TABLE registrations ADD COLUMN badge_key bigint NOT NULL DEFAULT 0;"
    "ALTER TABLE checkins ADD COLUMN badge_version integer NOT NULL DEFAULT 0;"
    "ALTER TABLE checkins ADD COLUMN badge_key bigint NOT NULL DEFAULT 0;"
    "ALTER TABLE sessions ADD COLUMN slips integer NOT NULL DEFAULT 0 CHECK (slips IN (0, 1));",
    /* 3: each kiosk's latest health report (proto/health.h) and the hub's clock when it came. */
    ("ALTER TABLE kiosks ADD COLUMN health text NOT NULL DEFAULT '';"
     "ALTER TABLE kiosks ADD COLUMN health_ms bigint NOT NULL DEFAULT 0;"),
    /* 4: as migration 6 of the organizer database: the kiosk a code replaces. */
    "ALTER TABLE enroll_codes ADD COLUMN replaces text;",
    /* 5: read tokens that expire (NULL: never), and an id for `lanyard read-token --revoke`, as
     * migration 7 of the organizer database. */
    ("ALTER TABLE read_tokens ADD COLUMN expires_ms bigint;"
     "ALTER TABLE read_tokens ADD COLUMN id bigserial;"
     "CREATE UNIQUE INDEX read_tokens_id ON read_tokens(id);"),
    /* 6: a registration whose badge a pickup point printed, as migration 8 of the organizer
     * database. */
    "ALTER TABLE registrations ADD COLUMN picked_up boolean NOT NULL DEFAULT false;",
    /* 7: fullness at the door, as migration 9 of the organizer database: where a room is, a
     * session's overflow room (0: none) and online link. */
    ("ALTER TABLE rooms ADD COLUMN location text NOT NULL DEFAULT '';"
     "ALTER TABLE sessions ADD COLUMN overflow_room_id bigint NOT NULL DEFAULT 0;"
     "ALTER TABLE sessions ADD COLUMN online_url text NOT NULL DEFAULT '';"),
    /* 8: occupancy that does not go stale, as migration 10 of the organizer database. */
    ("CREATE TABLE whereabouts ("
     "  attendee_id bigint PRIMARY KEY, place text NOT NULL,"
     "  direction smallint NOT NULL, t_ms bigint NOT NULL);"
     "CREATE INDEX whereabouts_inside ON whereabouts(place, direction, t_ms);"
     "INSERT INTO whereabouts SELECT DISTINCT ON (attendee_id) attendee_id, place, direction,"
     "  t_ms FROM presence WHERE place LIKE 'room:%' OR place LIKE 'session:%'"
     "  OR (place = 'venue' AND direction = -1) ORDER BY attendee_id, t_ms DESC, place DESC;"
     "CREATE TABLE place_moves (place text PRIMARY KEY, t_ms bigint NOT NULL);"
     "INSERT INTO place_moves SELECT place, max(t_ms) FROM presence GROUP BY place;"
     "ALTER TABLE occupancy ADD COLUMN as_of_ms bigint NOT NULL DEFAULT 0;"
     "INSERT INTO meta VALUES ('occupancy_grace_s', 900), ('attendance_names', 0);"),
    /* 9: the first part of migration 11 of the organizer database (10 has the rest): a kiosk's peer
     * address and the highest of its check-ins the hub committed, which go out with its key change
     * (docs/sync-protocol.md, "Peer exchange"). */
    ("ALTER TABLE kiosks ADD COLUMN peer_addr text NOT NULL DEFAULT '';"
     "ALTER TABLE kiosks ADD COLUMN acked_seq bigint NOT NULL DEFAULT 0;"),
    /* 10: the rest of migration 11 of the organizer database: the re-entry policy each
     * check-in applied, and the double admissions two doors made when they could not reach
     * each other (conflicts), recorded at ingest and shown to organizers. */
    ("ALTER TABLE checkins ADD COLUMN policy text NOT NULL DEFAULT '';"
     "CREATE INDEX checkins_attendee_place ON checkins(attendee_id, place);"
     "CREATE TABLE conflicts ("
     "  id bigserial PRIMARY KEY,"
     "  attendee_id bigint NOT NULL, place text NOT NULL, policy text NOT NULL,"
     "  first_uuid text NOT NULL, second_uuid text NOT NULL UNIQUE,"
     "  first_kiosk bigint NOT NULL, second_kiosk bigint NOT NULL,"
     "  first_ms bigint NOT NULL, second_ms bigint NOT NULL, detected_ms bigint NOT NULL);"),
};

const int ly_pg_nmigrations = (int)(sizeof ly_pg_migrations / sizeof ly_pg_migrations[0]);
