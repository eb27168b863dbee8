/* test_sync.c - the sync client's parts that run without a hub, on real SQLite files: a page of
 * changes of every kind applied to a kiosk database (and a bad page changing nothing), the JSON
 * a kiosk sends and the answers it reads (the hub's own reader checks what is sent), and the
 * backoff schedule. The client against a real hub is tests/integration/t_sync.sh. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client/backoff.h"
#include "client/changes.h"
#include "check.h"
#include "client/client.h"
#include "common/jsonr.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_rules.h"
#include "kioskdb/kioskdb_sync.h"
#include "rawsql.h"
#include "proto/pin.h"
#include "proto/wire.h"

static char dir[] = "/tmp/lanyard-sync-XXXXXX";
static int file_no;

static struct ly_kioskdb *fresh(char *path, size_t pathsz)
{
    struct ly_kioskdb *db = NULL;
    char err[256] = "";
    snprintf(path, pathsz, "%s/k%d.db", dir, file_no++);
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    return db;
}

/* The roots the pages' key 5 is one of (a key the roots do not vouch for: test_sync_keys). */
static const struct ly_kioskdb_roots roots = {
    .keys = {{.key_id = 5, .pk = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}}},
    .n = 1,
    .event_id = 77,
};

static bool page(struct ly_kioskdb *db, const char *json, int64_t since, int64_t through,
                 struct ly_changes_page *out, char *err, size_t errsz)
{
    return ly_changes_apply(db, json, strlen(json), since, through, &roots, out, err, errsz);
}

#define EVENT                                                                                      \
    "{\"seq\":1,\"kind\":\"event\",\"op\":\"put\",\"id\":77,\"data\":{\"id\":77,\"name\":"         \
    "\"Forum\",\"starts\":\"2026-06-01\",\"ends\":\"2026-06-03\",\"timezone\":\"UTC\"}}"
#define KEY                                                                                        \
    "{\"seq\":1,\"kind\":\"key\",\"op\":\"put\",\"id\":5,\"data\":{\"key_id\":5,\"public_key\":"   \
    "\"0101010101010101010101010101010101010101010101010101010101010101\"}}"
#define ROOM                                                                                       \
    "{\"seq\":2,\"kind\":\"room\",\"op\":\"put\",\"id\":3,\"data\":{\"id\":3,\"name\":\"Hall\","   \
    "\"capacity\":80,\"location\":\"Level 2\"}}"
#define SESSION                                                                                    \
    "{\"seq\":3,\"kind\":\"session\",\"op\":\"put\",\"id\":4,\"data\":{\"id\":4,\"ext_id\":"       \
    "\"WS-1\",\"title\":\"Workshop\",\"type\":\"workshop\",\"room_id\":3,\"starts\":"              \
    "\"2026-06-01T10:00\",\"ends\":\"2026-06-01T11:00\",\"capacity\":0,\"categories\":\"\","       \
    "\"slips\":false,\"overflow_room_id\":0,\"online_url\":\"https://live.example.org/ws-1\"}}"
#define ATTENDEE(seq, id, name, version, revoked)                                                  \
    "{\"seq\":" #seq ",\"kind\":\"attendee\",\"op\":\"put\",\"id\":" #id ",\"data\":{\"id\":" #id  \
    ",\"badge_version\":" #version ",\"badge_key\":0,\"revoked\":" #revoked                        \
    ",\"assistance\":true,\"name\":\"" name                                                        \
    "\",\"name_latin\":\"\",\"category\":\"participant\",\"country\":\"KE\",\"region\":"           \
    "\"african\",\"stakeholder\":\"civil_society\",\"attendance\":\"onsite\",\"language\":"        \
    "\"en\",\"picked_up\":false}}"

static void every_kind_applied(void)
{
    char path[256], err[256] = "";
    struct ly_changes_page p;
    struct ly_kiosk_attendee a;
    struct ly_kiosk_session s;
    struct ly_event ev;
    struct ly_kiosk_hours h;
    bool found = false, any = false;
    uint32_t id = 0;
    int64_t cursor = -1, n = -1;
    struct ly_kioskdb *db = fresh(path, sizeof path);
    if (!db)
        return;
    const char *first = "{\"changes\":[" EVENT "," KEY "," ROOM "," SESSION "," ATTENDEE(
        4, 42, "Wanjiru Kamau", 1,
        false) ",{\"seq\":4,\"kind\":\"alt_code\",\"op\":\"put\",\"id\":42,\"data\":"
               "{\"attendee_id\":42,\"code\":\"EB-1\"}},"
               "{\"seq\":5,\"kind\":\"rules\",\"op\":\"put\",\"id\":0,\"data\":{\"hours\":"
               "[{\"day\":\"2026-06-01\",\"opens\":\"08:00\",\"closes\":\"19:00\"}],"
               "\"notices\":[{\"id\":1,\"place\":\"venue\",\"category\":\"\",\"text\":"
               "\"Welcome\"}]}},"
               "{\"seq\":6,\"kind\":\"occupancy\",\"op\":\"put\",\"id\":0,\"data\":{"
               "\"place\":\"room:3\",\"inside\":12}},"
               "{\"seq\":6,\"kind\":\"hologram\",\"op\":\"put\",\"id\":1,\"data\":{}}"
               "],\"next\":6,\"more\":true}";
    CHECK(page(db, first, 0, 0, &p, err, sizeof err));
    if (err[0])
        fprintf(stderr, "page: %s\n", err);
    CHECK_INT(p.next, 6);
    CHECK(p.more);
    CHECK_INT(p.applied, 8);
    CHECK_INT(p.skipped, 1); /* a kind of a newer hub: skipped, the cursor moves past it */
    CHECK(p.gate_data);
    CHECK(ly_kioskdb_sync_cursor(db, &cursor, err, sizeof err));
    CHECK_INT(cursor, 6);
    CHECK(ly_kioskdb_event(db, &ev, &found, err, sizeof err) && found);
    CHECK_STR(ev.name, "Forum");
    CHECK(ly_kioskdb_attendee(db, 42, &a, &found, err, sizeof err) && found);
    CHECK_STR(a.name, "Wanjiru Kamau");
    CHECK(a.assistance);
    CHECK(ly_kioskdb_find_alt_code(db, "EB-1", &id, err, sizeof err));
    CHECK_INT(id, 42);
    CHECK(ly_kioskdb_session(db, 0, "WS-1", &s, &found, err, sizeof err) && found);
    CHECK_INT(s.room_id, 3);
    CHECK_STR(s.online_url, "https://live.example.org/ws-1"); /* fullness at the door */
    struct ly_kiosk_room room;
    CHECK(ly_kioskdb_room(db, 3, &room, &found, err, sizeof err) && found);
    CHECK_STR(room.location, "Level 2");
    CHECK(ly_kioskdb_hours(db, "2026-06-01", &h, &found, &any, err, sizeof err) && found);
    CHECK_STR(h.closes, "19:00");
    CHECK_INT(raw_int(path, "SELECT count(*) FROM public_keys WHERE key_id = 5"), 1);
    CHECK(ly_kioskdb_capacity_count(db, "room:3", &n, err, sizeof err));
    CHECK_INT(n, 12);

    /* a reissue and a revocation, a new ticket code replacing the old, the rules replaced,
     * the session and a key deleted */
    const char *second = "{\"changes\":[" ATTENDEE(
        7, 42, "Wanjiru Kamau", 2,
        true) ",{\"seq\":7,\"kind\":\"alt_code\",\"op\":\"put\",\"id\":42,\"data\":{"
              "\"attendee_id\":42,\"code\":\"EB-2\"}},"
              "{\"seq\":8,\"kind\":\"session\",\"op\":\"delete\",\"id\":4,\"data\":null},"
              "{\"seq\":9,\"kind\":\"key\",\"op\":\"delete\",\"id\":5,\"data\":null},"
              "{\"seq\":10,\"kind\":\"rules\",\"op\":\"put\",\"id\":0,\"data\":{\"hours\":"
              "[],\"notices\":[]}}],\"next\":10,\"more\":false}";
    CHECK(page(db, second, 6, 0, &p, err, sizeof err));
    CHECK_INT(p.applied, 5);
    CHECK(!p.more);
    CHECK(ly_kioskdb_attendee(db, 42, &a, &found, err, sizeof err) && found);
    CHECK_INT(a.badge_version, 2);
    CHECK(a.revoked);
    CHECK(ly_kioskdb_find_alt_code(db, "EB-1", &id, err, sizeof err));
    CHECK_INT(id, 0);
    CHECK(ly_kioskdb_find_alt_code(db, "EB-2", &id, err, sizeof err));
    CHECK_INT(id, 42);
    CHECK(ly_kioskdb_session(db, 4, NULL, &s, &found, err, sizeof err));
    CHECK(!found);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM public_keys"), 0);
    CHECK(ly_kioskdb_hours(db, "2026-06-01", &h, &found, &any, err, sizeof err));
    CHECK(!any);

    /* deletes of an attendee and of a ticket code */
    const char *third =
        "{\"changes\":[{\"seq\":11,\"kind\":\"alt_code\",\"op\":\"delete\",\"id\":42,\"data\":"
        "null},{\"seq\":12,\"kind\":\"attendee\",\"op\":\"delete\",\"id\":42,\"data\":null}],"
        "\"next\":12,\"more\":false}";
    CHECK(page(db, third, 10, 0, &p, err, sizeof err));
    CHECK(ly_kioskdb_find_alt_code(db, "EB-2", &id, err, sizeof err));
    CHECK_INT(id, 0);
    CHECK(ly_kioskdb_attendee(db, 42, &a, &found, err, sizeof err));
    CHECK(!found);

    /* an empty page (a long poll that timed out) writes nothing */
    CHECK(page(db, "{\"changes\":[],\"next\":12,\"more\":false}", 12, 0, &p, err, sizeof err));
    CHECK_INT(p.applied, 0);
    CHECK(!p.gate_data);
    ly_kioskdb_close(db);
}

static void bad_pages_change_nothing(void)
{
    char path[256], err[256] = "";
    struct ly_changes_page p;
    int64_t cursor = -1;
    struct ly_kioskdb *db = fresh(path, sizeof path);
    if (!db)
        return;
    CHECK(page(db, "{\"changes\":[" EVENT "," ROOM "],\"next\":2,\"more\":false}", 0, 0, &p, err,
               sizeof err));
    static const char *const bad[] = {
        /* the second change lacks a field: the first is rolled back with it */
        "{\"changes\":[" ATTENDEE(3, 9, "A", 1, false) ",{\"seq\":3,\"kind\":\"room\",\"op\":"
                                                       "\"put\",\"id\":4,\"data\":{\"id\":4,"
                                                       "\"name\":\"B\"}}],\"next\":3,\"more\":"
                                                       "false}",
        /* a name over its limit (built below) */
        "LONG",
        /* next going backwards */
        "{\"changes\":[],\"next\":1,\"more\":false}",
        /* seq out of order, or past next */
        "{\"changes\":[" ATTENDEE(5, 9, "A", 1, false) "," ATTENDEE(
            4, 10, "B", 1, false) "],\"next\":5,\"more\":false}",
        "{\"changes\":[" ATTENDEE(9, 9, "A", 1, false) "],\"next\":5,\"more\":false}",
        /* a wrong type, a bad key, an unknown op, not JSON, no more */
        "{\"changes\":[{\"seq\":3,\"kind\":\"attendee\",\"op\":\"put\",\"id\":9,\"data\":[]}],"
        "\"next\":3,\"more\":false}",
        "{\"changes\":[{\"seq\":3,\"kind\":\"key\",\"op\":\"put\",\"id\":1,\"data\":{\"key_id\":"
        "1,\"public_key\":\"zz\"}}],\"next\":3,\"more\":false}",
        "{\"changes\":[{\"seq\":3,\"kind\":\"room\",\"op\":\"merge\",\"id\":3,\"data\":null}],"
        "\"next\":3,\"more\":false}",
        "{\"changes\":[",
        "{\"changes\":[],\"next\":3}",
        /* a session in a room the kiosk does not have */
        "{\"changes\":[{\"seq\":3,\"kind\":\"session\",\"op\":\"put\",\"id\":4,\"data\":{"
        "\"id\":4,\"ext_id\":\"WS-1\",\"title\":\"W\",\"type\":\"workshop\",\"room_id\":99,"
        "\"starts\":\"2026-06-01T10:00\",\"ends\":\"2026-06-01T11:00\",\"capacity\":0,"
        "\"categories\":\"\",\"slips\":false,\"overflow_room_id\":0,\"online_url\":\"\"}}],"
        "\"next\":3,\"more\":false}",
    };
    char long_name[LY_ROOM_NAME_MAX + 2], text[1024];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (strcmp(bad[i], "LONG") == 0)
            snprintf(text, sizeof text,
                     "{\"changes\":[{\"seq\":3,\"kind\":\"room\",\"op\":\"put\",\"id\":4,"
                     "\"data\":{\"id\":4,\"name\":\"%s\",\"capacity\":3}}],\"next\":3,"
                     "\"more\":false}",
                     long_name);
        else
            snprintf(text, sizeof text, "%s", bad[i]);
        err[0] = '\0';
        bool ok = page(db, text, 2, 0, &p, err, sizeof err);
        CHECK(!ok);
        if (ok)
            fprintf(stderr, "accepted: %s\n", text);
        CHECK(err[0] != '\0');
        CHECK_INT(p.applied, 0);
    }
    CHECK(ly_kioskdb_sync_cursor(db, &cursor, err, sizeof err));
    CHECK_INT(cursor, 2);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM attendees"), 0);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM rooms"), 1);
    ly_kioskdb_close(db);
}

static void push_request_reads_back(void)
{
    char path[256], err[256] = "", *body = NULL;
    size_t len = 0;
    struct ly_checkin c[3];
    struct ly_kioskdb *db = fresh(path, sizeof path);
    if (!db)
        return;
    for (int i = 0; i < 3; i++) {
        struct ly_checkin in = {.attendee_id = i == 2 ? 0 : (uint32_t)(40 + i), .direction = 1};
        snprintf(in.gate, sizeof in.gate, "room:Salle \"Ubuntu\"");
        snprintf(in.code_kind, sizeof in.code_kind, i == 2 ? "unreadable" : "badge");
        snprintf(in.decision, sizeof in.decision, i == 2 ? "denied" : "granted");
        snprintf(in.reason_code, sizeof in.reason_code, i == 2 ? "malformed" : "");
        snprintf(in.place, sizeof in.place, "room:3");
        in.direction = i == 2 ? 0 : 1;
        CHECK(ly_kioskdb_journal(db, &in, &c[i], err, sizeof err));
    }
    CHECK(
        ly_wire_push_request(ly_kioskdb_kiosk_id(db), 7, c, 3, NULL, &body, &len, err, sizeof err));
    struct ly_jsonr *doc = body ? ly_jsonr_parse(body, len, err, sizeof err) : NULL;
    CHECK(doc != NULL);
    if (doc) {
        const struct ly_jsonr_val *root = ly_jsonr_root(doc), *list, *e;
        int64_t v = -1;
        CHECK_STR(ly_jsonr_get_str(root, "kiosk_id", 36), ly_kioskdb_kiosk_id(db));
        CHECK(ly_jsonr_get_int(root, "queue", 0, 100, &v) && v == 7);
        CHECK(ly_jsonr_get_int(root, "sent_ms", 1, INT64_MAX, &v));
        list = ly_jsonr_get(root, "checkins");
        CHECK_INT(ly_jsonr_len(list), 3);
        e = ly_jsonr_first(list);
        CHECK_STR(ly_jsonr_get_str(e, "uuid", 36), c[0].uuid);
        CHECK_STR(ly_jsonr_get_str(e, "gate", 160), "room:Salle \"Ubuntu\"");
        CHECK(ly_jsonr_get_int(e, "seq", 1, 10, &v) && v == 1);
        CHECK(ly_jsonr_get_int(e, "attendee_id", 0, 100, &v) && v == 40);
        CHECK(ly_jsonr_get_int(e, "wall_ms", 1, INT64_MAX, &v) && v == c[0].wall_ms);
        e = ly_jsonr_next(ly_jsonr_next(e));
        CHECK(ly_jsonr_get_int(e, "attendee_id", 0, 100, &v) && v == 0);
        CHECK_STR(ly_jsonr_get_str(e, "reason_code", 31), "malformed");
        CHECK(ly_jsonr_get_int(e, "direction", -1, 1, &v) && v == 0);
    }
    ly_jsonr_free(doc);
    free(body);

    /* the answer: stored, duplicate, rejected */
    char answer[1024];
    bool committed[3];
    struct ly_wire_push_result r;
    snprintf(answer, sizeof answer,
             "{\"results\":[{\"uuid\":\"%s\",\"status\":\"stored\"},{\"uuid\":\"%s\",\"status\":"
             "\"duplicate\"},{\"uuid\":\"%s\",\"status\":\"rejected\",\"error\":\"bad gate\"}],"
             "\"received_ms\":1}",
             c[0].uuid, c[1].uuid, c[2].uuid);
    CHECK(ly_wire_push_answer(answer, strlen(answer), c, 3, committed, NULL, &r, err, sizeof err));
    CHECK(committed[0] && committed[1] && !committed[2]);
    CHECK_INT(r.stored, 1);
    CHECK_INT(r.duplicate, 1);
    CHECK_INT(r.rejected, 1);
    CHECK(strstr(r.first_rejection, "bad gate") != NULL);
    /* an answer for other check-ins, or too few results, marks nothing */
    snprintf(answer, sizeof answer,
             "{\"results\":[{\"uuid\":\"%s\",\"status\":\"stored\"},{\"uuid\":\"%s\",\"status\":"
             "\"stored\"},{\"uuid\":\"%s\",\"status\":\"stored\"}]}",
             c[0].uuid, c[2].uuid, c[1].uuid);
    CHECK(!ly_wire_push_answer(answer, strlen(answer), c, 3, committed, NULL, &r, err, sizeof err));
    CHECK(!committed[0] && !committed[1] && !committed[2]);
    snprintf(answer, sizeof answer, "{\"results\":[{\"uuid\":\"%s\",\"status\":\"stored\"}]}",
             c[0].uuid);
    CHECK(!ly_wire_push_answer(answer, strlen(answer), c, 3, committed, NULL, &r, err, sizeof err));
    CHECK(!committed[0]);
    /* refused for good: not committed, its reason kept (docs/security.md); a refusal without a
     * reason code, or with one that is not a code, is not an answer */
    char refused[3][LY_WIRE_REASON_MAX + 1];
    snprintf(answer, sizeof answer,
             "{\"results\":[{\"uuid\":\"%s\",\"status\":\"stored\"},{\"uuid\":\"%s\",\"status\":"
             "\"refused\",\"reason\":\"unknown_attendee\",\"error\":\"no such person\"},"
             "{\"uuid\":\"%s\",\"status\":\"refused\",\"reason\":\"gate\"}]}",
             c[0].uuid, c[1].uuid, c[2].uuid);
    CHECK(
        ly_wire_push_answer(answer, strlen(answer), c, 3, committed, refused, &r, err, sizeof err));
    CHECK(committed[0] && !committed[1] && !committed[2]);
    CHECK(refused[0][0] == '\0');
    CHECK_STR(refused[1], "unknown_attendee");
    CHECK_STR(refused[2], "gate");
    CHECK(r.refused == 2 && r.rejected == 0 && strstr(r.first_refusal, "unknown_attendee"));
    snprintf(answer, sizeof answer,
             "{\"results\":[{\"uuid\":\"%s\",\"status\":\"refused\"},{\"uuid\":\"%s\",\"status\":"
             "\"stored\"},{\"uuid\":\"%s\",\"status\":\"stored\"}]}",
             c[0].uuid, c[1].uuid, c[2].uuid);
    CHECK(!ly_wire_push_answer(answer, strlen(answer), c, 3, committed, refused, &r, err,
                               sizeof err));
    CHECK(!committed[1] && refused[0][0] == '\0');
    snprintf(answer, sizeof answer,
             "{\"results\":[{\"uuid\":\"%s\",\"status\":\"refused\",\"reason\":\"No Way\"},"
             "{\"uuid\":\"%s\",\"status\":\"stored\"},{\"uuid\":\"%s\",\"status\":\"stored\"}]}",
             c[0].uuid, c[1].uuid, c[2].uuid);
    CHECK(!ly_wire_push_answer(answer, strlen(answer), c, 3, committed, refused, &r, err,
                               sizeof err));
    ly_kioskdb_close(db);
}

static void enrollment_and_errors(void)
{
    char err[256] = "", *body = NULL, code[64], msg[LY_WIRE_MESSAGE_MAX + 1];
    size_t len = 0;
    struct ly_wire_enrollment e;
    CHECK(ly_wire_enroll_request("7KQ2-MX4D-9RTA", "0f8fad5b-d9cb-469f-a165-70867728950e", NULL,
                                 &body, &len, err, sizeof err));
    CHECK(body && strstr(body, "\"code\":\"7KQ2-MX4D-9RTA\"") != NULL);
    free(body);
    /* the root key: 32 bytes of 1, whose key id is ly_badge_key_id of them */
    uint8_t pk[LY_BADGE_PK_BYTES];
    char good[512], bad_root[512];
    memset(pk, 1, sizeof pk);
    const char *hex = "0101010101010101010101010101010101010101010101010101010101010101";
    snprintf(good, sizeof good,
             "{\"token\":\"lyk_abc\",\"kiosk\":{\"name\":\"North door 1\",\"gate\":"
             "\"entrance\"},\"event_id\":3141592653,\"root_keys\":[{\"key_id\":%u,"
             "\"public_key\":\"%s\"}]}",
             (unsigned)ly_badge_key_id(pk), hex);
    CHECK(ly_wire_enroll_answer(good, strlen(good), &e, err, sizeof err));
    CHECK(e.nroots == 1 && e.roots[0].key_id == ly_badge_key_id(pk) &&
          memcmp(e.roots[0].pk, pk, sizeof pk) == 0);
    /* a root key whose id is not its key's, or no root keys at all: refused */
    snprintf(bad_root, sizeof bad_root,
             "{\"token\":\"lyk_abc\",\"kiosk\":{\"name\":\"N\",\"gate\":\"g\"},"
             "\"event_id\":1,\"root_keys\":[{\"key_id\":%u,\"public_key\":\"%s\"}]}",
             (unsigned)ly_badge_key_id(pk) + 1, hex);
    CHECK(!ly_wire_enroll_answer(bad_root, strlen(bad_root), &e, err, sizeof err));
    const char *no_roots = "{\"token\":\"lyk_abc\",\"kiosk\":{\"name\":\"N\",\"gate\":\"g\"},"
                           "\"event_id\":1}";
    CHECK(!ly_wire_enroll_answer(no_roots, strlen(no_roots), &e, err, sizeof err));
    CHECK(strstr(err, "root_keys") != NULL);
    CHECK(ly_wire_enroll_answer(good, strlen(good), &e, err, sizeof err));
    CHECK_STR(e.token, "lyk_abc");
    CHECK_STR(e.name, "North door 1");
    CHECK_STR(e.gate, "entrance");
    CHECK_INT(e.event_id, 3141592653LL);
    const char *no_gate = "{\"token\":\"lyk_abc\",\"kiosk\":{\"name\":\"N\"},\"event_id\":1}";
    CHECK(!ly_wire_enroll_answer(no_gate, strlen(no_gate), &e, err, sizeof err));
    CHECK(strstr(err, "gate") != NULL);
    const char *refusal = "{\"error\":\"kiosk_revoked\",\"message\":\"Revoked.\"}";
    ly_wire_error(refusal, strlen(refusal), code, sizeof code, msg, sizeof msg);
    CHECK_STR(code, "kiosk_revoked");
    CHECK_STR(msg, "Revoked.");
    ly_wire_error("<html>", 6, code, sizeof code, msg, sizeof msg);
    CHECK_STR(code, "");
}

static void backoff_schedule(void)
{
    struct ly_backoff b, same;
    int64_t ceilings[] = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    ly_backoff_init(&b, LY_BACKOFF_BASE_MS, LY_BACKOFF_CAP_MS, 42);
    ly_backoff_init(&same, LY_BACKOFF_BASE_MS, LY_BACKOFF_CAP_MS, 42);
    for (size_t i = 0; i < sizeof ceilings / sizeof ceilings[0]; i++) {
        CHECK_INT(ly_backoff_ceiling(&b), ceilings[i]);
        int64_t d = ly_backoff_fail(&b);
        CHECK(d >= 0 && d <= ceilings[i]);
        CHECK_INT(ly_backoff_fail(&same), d); /* repeatable from a seed */
    }
    ly_backoff_reset(&b);
    CHECK_INT(ly_backoff_ceiling(&b), 500);
    /* full jitter: waits spread over the whole range, not bunched at the ceiling */
    int64_t lo = 30000, hi = 0, sum = 0;
    for (int i = 0; i < 2000; i++) {
        struct ly_backoff k;
        ly_backoff_init(&k, 500, 30000, 0);
        for (int f = 0; f < 10; f++)
            (void)ly_backoff_fail(&k);
        int64_t d = ly_backoff_fail(&k);
        lo = d < lo ? d : lo;
        hi = d > hi ? d : hi;
        sum += d;
    }
    CHECK(lo < 3000);
    CHECK(hi > 27000 && hi <= 30000);
    CHECK(sum / 2000 > 12000 && sum / 2000 < 18000);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The client's lifecycle without a hub: refusals at init, a hub that refuses connections
 * (nothing listens on port 1 of loopback), a prompt stop. The client against a real hub is
 * t_sync.sh. */
static void client_lifecycle_without_hub(void)
{
    char path[256], err[256] = "";
    struct ly_sync *s = NULL;
    struct ly_sync_status st;
    struct ly_checkin c;
    struct ly_kioskdb *db = fresh(path, sizeof path);
    if (!db)
        return;
    struct ly_sync_config cfg = {.db = path};
    CHECK(!ly_sync_init(&cfg, &s, err, sizeof err));
    CHECK(strstr(err, "no hub") != NULL);
    CHECK(ly_kioskdb_set_meta_text(db, "hub_url", "http://127.0.0.1:1", err, sizeof err));
    CHECK(!ly_sync_init(&cfg, &s, err, sizeof err));
    CHECK(strstr(err, "no hub token") != NULL);
    CHECK(ly_kioskdb_set_meta_text(db, "hub_token", "lyk_test", err, sizeof err));
    cfg.hub_url = "ftp://127.0.0.1";
    CHECK(!ly_sync_init(&cfg, &s, err, sizeof err));
    CHECK(strstr(err, "https://") != NULL);
    cfg.hub_url = NULL;

    struct ly_checkin in = {.direction = 0};
    snprintf(in.gate, sizeof in.gate, "desk");
    snprintf(in.code_kind, sizeof in.code_kind, "badge");
    snprintf(in.decision, sizeof in.decision, "granted");
    CHECK(ly_kioskdb_journal(db, &in, &c, err, sizeof err));
    CHECK(ly_sync_init(&cfg, &s, err, sizeof err));
    if (!s) {
        fprintf(stderr, "init: %s\n", err);
        ly_kioskdb_close(db);
        return;
    }
    ly_sync_status(s, &st);
    CHECK_INT(st.state, LY_SYNC_CONNECTING);
    CHECK_INT(st.unsent, 1);
    double t0 = now_ms();
    CHECK(!ly_sync_once(s, 5000, &st, err, sizeof err));
    CHECK(now_ms() - t0 < 3000); /* refused at once: no waiting for the deadline */
    CHECK_INT(st.state, LY_SYNC_OFFLINE);
    CHECK(strstr(err, "onnect") != NULL);
    CHECK_INT(st.unsent, 1);
    CHECK(!ly_sync_flush(s, 1000, &st, err, sizeof err));

    /* the thread: offline, backing off, a kick, and a prompt stop */
    CHECK(ly_sync_start(s, err, sizeof err));
    usleep(300000);
    ly_sync_kick(s);
    ly_sync_status(s, &st);
    CHECK_INT(st.state, LY_SYNC_OFFLINE);
    CHECK(st.last_error[0] != '\0');
    char b;
    CHECK(read(ly_sync_fd(s), &b, 1) == 1); /* the screen was told */
    t0 = now_ms();
    ly_sync_stop(s);
    ly_sync_join(s);
    CHECK(now_ms() - t0 < 1000);
    ly_sync_destroy(s);

    /* a revoked kiosk is refused */
    CHECK(ly_kioskdb_set_meta_text(db, "revoked_ms", "1", err, sizeof err));
    s = NULL;
    CHECK(!ly_sync_init(&cfg, &s, err, sizeof err));
    CHECK(strstr(err, "revoked") != NULL);
    ly_kioskdb_close(db);
}

/* A page of one key change: a kiosk key with its certificate (cert NULL: none) and ids. */
static void key_page(char *json, size_t sz, uint32_t id, const char *pkhex, const char *cert,
                     uint32_t first, uint32_t last)
{
    char proof[300] = "";
    if (cert)
        snprintf(proof, sizeof proof, ",\"certificate\":\"%s\",\"id_first\":%u,\"id_last\":%u",
                 cert, first, last);
    snprintf(json, sz,
             "{\"changes\":[{\"seq\":2,\"kind\":\"key\",\"op\":\"put\",\"id\":%u,\"data\":"
             "{\"key_id\":%u,\"public_key\":\"%s\"%s}}],\"next\":2,\"more\":false}",
             id, id, pkhex, proof);
}

/* A key change is taken only when the roots vouch for it: a kiosk key with the root's
 * certificate of it (its walk-in ids bound in), not one a man in the middle adds, nor one whose
 * certificate was moved to another id range; the refused page changes nothing. */
static void keys_must_be_vouched(void)
{
    char path[256], err[256] = "", json[2048], hex[2 * LY_BADGE_CERT_BYTES + 1],
                    pkhex[2 * LY_BADGE_PK_BYTES + 1];
    uint8_t root_sk[LY_BADGE_SK_BYTES], kpk[LY_BADGE_PK_BYTES], ksk[LY_BADGE_SK_BYTES],
        cert[LY_BADGE_CERT_BYTES];
    struct ly_changes_page p;
    struct ly_kioskdb_roots r = {.n = 1, .event_id = 77};
    CHECK(sodium_init() >= 0);
    crypto_sign_keypair(r.keys[0].pk, root_sk);
    r.keys[0].key_id = ly_badge_key_id(r.keys[0].pk);
    crypto_sign_keypair(kpk, ksk);
    CHECK(ly_badge_certify(root_sk, 77, kpk, 0x80000000u, 0x8000ffffu, cert));
    sodium_bin2hex(hex, sizeof hex, cert, sizeof cert);
    sodium_bin2hex(pkhex, sizeof pkhex, kpk, sizeof kpk);
    uint32_t id = ly_badge_key_id(kpk);
    struct ly_kioskdb *db = fresh(path, sizeof path);
    /* no certificate: a key someone added */
    key_page(json, sizeof json, id, pkhex, NULL, 0, 0);
    CHECK(!ly_changes_apply(db, json, strlen(json), 0, 0, &r, &p, err, sizeof err));
    CHECK(strstr(err, "not vouched for") != NULL);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM public_keys"), 0);
    CHECK_INT(raw_int(path, "SELECT value FROM meta WHERE key = 'sync_cursor'"), 0);
    /* its certificate with another id range */
    key_page(json, sizeof json, id, pkhex, hex, 0x80010000u, 0x8001ffffu);
    CHECK(!ly_changes_apply(db, json, strlen(json), 0, 0, &r, &p, err, sizeof err));
    CHECK_INT(raw_int(path, "SELECT count(*) FROM public_keys"), 0);
    /* the right range: taken, with its proof */
    key_page(json, sizeof json, id, pkhex, hex, 0x80000000u, 0x8000ffffu);
    CHECK(ly_changes_apply(db, json, strlen(json), 0, 0, &r, &p, err, sizeof err));
    CHECK_INT(raw_int(path, "SELECT count(*) FROM public_keys WHERE length(certificate) = 64"), 1);
    /* a kiosk with no roots takes no key at all */
    struct ly_kioskdb_roots none = {.event_id = 77};
    CHECK(!ly_changes_apply(db, json, strlen(json), 2, 0, &none, &p, err, sizeof err));
    CHECK(strstr(err, "enroll it again") != NULL);
    sodium_memzero(root_sk, sizeof root_sk);
    sodium_memzero(ksk, sizeof ksk);
    ly_kioskdb_close(db);
}

/* Which hubs a kiosk speaks to without --insecure-http: https with a pin, plain http to a
 * loopback address; and the enrollment text that carries the pin. */
static void channel_rules(void)
{
    static const char *const loop[] = {"http://127.0.0.1:8080", "http://127.1.2.3",
                                       "http://localhost:9", "http://[::1]:80",
                                       "https://127.0.0.1/prefix"};
    static const char *const net[] = {
        "http://10.0.0.1:8080",      "http://128.0.0.1",   "http://127.0.0.1.evil.example",
        "http://localhost.evil:80",  "http://[::2]:80",    "http://[::ffff:127.0.0.1]:80",
        "http://1270.0.0.1",         "http://127.0.0.256", "http://127.0.0",
        "http://hub.venue.lan:8443", "http://0x7f.0.0.1",  "http://[::1"};
    char err[256];
    bool weak;
    for (size_t i = 0; i < sizeof loop / sizeof loop[0]; i++) {
        CHECK(ly_http_url_loopback(loop[i]));
        if (strncmp(loop[i], "http:", 5) == 0)
            CHECK(ly_http_channel_ok(loop[i], "", false, &weak, err, sizeof err) && !weak);
    }
    for (size_t i = 0; i < sizeof net / sizeof net[0]; i++) {
        CHECK(!ly_http_url_loopback(net[i]));
        bool refused = !ly_http_channel_ok(net[i], "", false, &weak, err, sizeof err);
        CHECK(refused || strchr(net[i], '[') != NULL); /* "[::1" is refused as a URL too */
        if (refused && strstr(err, "plain http://") == NULL && strstr(net[i], "[::1") == NULL)
            fprintf(stderr, "%s: %s\n", net[i], err);
    }
    CHECK(!ly_http_channel_ok("http://10.0.0.1:8080", "", false, &weak, err, sizeof err));
    CHECK(strstr(err, "--insecure-http") != NULL);
    CHECK(ly_http_channel_ok("http://10.0.0.1:8080", "", true, &weak, err, sizeof err) && weak);
    const char *pin = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    CHECK(!ly_http_channel_ok("https://hub.venue.lan", "", false, &weak, err, sizeof err));
    CHECK(strstr(err, "no pin") != NULL);
    CHECK(ly_http_channel_ok("https://hub.venue.lan", pin, false, &weak, err, sizeof err) && !weak);
    CHECK(ly_http_channel_ok("https://hub.venue.lan", "", true, &weak, err, sizeof err) && weak);
    /* pins: exact form, canonical base64, 1 to LY_PINS_MAX */
    char two[2 * LY_PIN_LEN + 2], five[5 * (LY_PIN_LEN + 1)];
    snprintf(two, sizeof two, "%s;%s", pin, pin);
    snprintf(five, sizeof five, "%s;%s;%s;%s;%s", pin, pin, pin, pin, pin);
    CHECK(ly_pins_valid(pin, strlen(pin)) && ly_pins_valid(two, strlen(two)));
    CHECK(!ly_pins_valid(five, strlen(five)));
    static const char *const bad_pins[] = {"",
                                           "sha256//",
                                           "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=",
                                           "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                           "SHA256//AAAAAAAAAAAAAAAAAAAAAAAA"
                                           "AAAAAAAAAAAAAAAAAAA=",
                                           "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=;",
                                           "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= "};
    for (size_t i = 0; i < sizeof bad_pins / sizeof bad_pins[0]; i++)
        CHECK(!ly_pins_valid(bad_pins[i], strlen(bad_pins[i])));
    CHECK(ly_pins_has(two, pin) && !ly_pins_has(two, "sha256//x"));
    /* the enrollment text */
    char text[LY_ENROLL_TEXT_MAX + 1], code[LY_ENROLL_CODE_MAX + 1], pins[LY_PINS_TEXT_MAX + 1];
    CHECK(ly_enroll_text_make("7KQ2-MX4D-9RTA", pin, text, sizeof text));
    CHECK_STR(text, "LYE1:7KQ2-MX4D-9RTA:sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    CHECK(ly_enroll_text_parse(text, strlen(text), code, sizeof code, pins, err, sizeof err));
    CHECK_STR(code, "7KQ2-MX4D-9RTA");
    CHECK_STR(pins, pin);
    CHECK(
        ly_enroll_text_parse(" 7KQ2-MX4D-9RTA\r\n", 17, code, sizeof code, pins, err, sizeof err));
    CHECK_STR(code, "7KQ2-MX4D-9RTA");
    CHECK_STR(pins, "");
    static const char *const bad_texts[] = {"",
                                            "LYE1:7KQ2-MX4D-9RTA",
                                            "LYE1::" /* no code */,
                                            "LYE1:7KQ2:sha256//short",
                                            "LYE2:7KQ2:x",
                                            "7KQ2\n7KQ2",
                                            "7KQ2\x01"};
    for (size_t i = 0; i < sizeof bad_texts / sizeof bad_texts[0]; i++)
        CHECK(!ly_enroll_text_parse(bad_texts[i], strlen(bad_texts[i]), code, sizeof code, pins,
                                    err, sizeof err));
    CHECK(!ly_enroll_text_make("7KQ2-MX4D-9RTA", "sha256//nope", text, sizeof text));
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(every_kind_applied);
    RUN(bad_pages_change_nothing);
    RUN(push_request_reads_back);
    RUN(enrollment_and_errors);
    RUN(keys_must_be_vouched);
    RUN(channel_rules);
    RUN(backoff_schedule);
    RUN(client_lifecycle_without_hub);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
