/* import_sessions.c - the programme import: Lanyard's sessions CSV into rooms and sessions.
 * See import_sessions.h. */
#include "import/import_sessions.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/num.h"

enum {
    S_ID,
    S_TITLE,
    S_TYPE,
    S_ROOM,
    S_ROOM_CAPACITY,
    S_STARTS,
    S_ENDS,
    S_CAPACITY,
    S_CATEGORIES,
    S_SLIPS,
    S_ROOM_LOCATION,
    S_OVERFLOW,
    S_ONLINE_URL,
    S_COUNT
};

static const char *const session_columns[S_COUNT] = {
    "id",       "title",      "type",  "room",          "room_capacity", "starts",     "ends",
    "capacity", "categories", "slips", "room_location", "overflow",      "online_url",
};

/* What the check pass keeps beside the import's own sets: each room's location (as a hash, to
 * find rows that disagree) and the overflow rooms named, checked once every row is read. */
struct programme_check {
    struct ly_strset locations, overflows;
};

static long text_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s != '\0'; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return (long)(h >> 1);
}

/* An online link: http:// or https://, a host, then printable ASCII without spaces, quotes or
 * angle brackets (a link is shown as text and put in a QR code: an IRI must be percent-encoded
 * first). Returns NULL when good, else why not. */
static const char *url_problem(const char *u)
{
    size_t skip = strncasecmp(u, "https://", 8) == 0  ? 8
                  : strncasecmp(u, "http://", 7) == 0 ? 7
                                                      : 0;
    if (skip == 0)
        return "does not start with https:// or http://";
    const char *host = u + skip;
    size_t hl = strcspn(host, "/?#");
    if (hl == 0 || host[0] == '@' || host[0] == ':')
        return "has no host name after the scheme";
    for (const char *p = u; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`' ||
            c == '{' || c == '}' || c == '|' || c == '^')
            return "contains a space, a non-ASCII character or one of \" < > \\ ` { } | ^ "
                   "(percent-encode them)";
    }
    return NULL;
}

/* Sessions header: every column known, none twice, all before capacity present. */
static bool session_header(struct ly_import_ctx *x, const struct ly_csv *h, int col[S_COUNT])
{
    static const size_t required[] = {S_ID,     S_TITLE, S_TYPE, S_ROOM, S_ROOM_CAPACITY,
                                      S_STARTS, S_ENDS};
    return ly_import_header(x, h, session_columns, S_COUNT, required,
                            sizeof required / sizeof required[0], col);
}

static bool take_datetime(struct ly_import_ctx *x, const char *col, const char *in,
                          int64_t *minutes, char out[17])
{
    char text[32];
    if (!ly_import_text(x, col, in, text, sizeof text - 1, true))
        return false;
    if (!ly_num_datetime(text, minutes)) {
        ly_import_problem(x, "%s \"%s\" is not a date and time like 2025-06-23 09:30", col, text);
        return false;
    }
    ly_num_format_datetime(*minutes, out);
    return true;
}

/* Splits "speaker press" or "speaker|press" into category ids joined by spaces. */
static bool take_categories(struct ly_import_ctx *x, const char *in, char *out, size_t outsz)
{
    char text[LY_LABEL_MAX * 4];
    if (!ly_import_text(x, "categories", in, text, sizeof text - 1, false))
        return false;
    size_t len = 0;
    out[0] = '\0';
    char *p = text;
    while (*p != '\0') {
        size_t n = strcspn(p, " |");
        if (n == 0) {
            p++;
            continue;
        }
        char word[LY_LABEL_MAX + 1];
        if (n > LY_LABEL_MAX) {
            ly_import_problem(x, "categories has a word longer than %d bytes", LY_LABEL_MAX);
            return false;
        }
        memcpy(word, p, n);
        word[n] = '\0';
        p += n;
        const struct ly_vocab_entry *e = ly_vocab_find(LY_VOCAB_CATEGORY, word);
        if (e == NULL) {
            char words[600];
            ly_import_list_words(LY_VOCAB_CATEGORY, words, sizeof words);
            ly_import_problem(x, "categories: \"%s\" is not one of: %s", word, words);
            return false;
        }
        size_t idn = strlen(e->id);
        bool dup = false;
        for (const char *q = out; (q = strstr(q, e->id)) != NULL; q += idn) {
            if ((q == out || q[-1] == ' ') && (q[idn] == ' ' || q[idn] == '\0'))
                dup = true;
        }
        if (dup)
            continue;
        if (len + idn + 2 > outsz) {
            ly_import_problem(x, "categories is too long");
            return false;
        }
        if (len > 0)
            out[len++] = ' ';
        memcpy(out + len, e->id, idn + 1);
        len += idn;
    }
    return true;
}

static bool check_session(struct ly_import_ctx *x, const struct ly_csv *csv, const int col[S_COUNT],
                          struct ly_session *s, int *room_capacity,
                          char location[LY_ROOM_LOCATION_MAX + 1])
{
    const char *v[S_COUNT];
    for (size_t k = 0; k < S_COUNT; k++)
        v[k] = col[k] >= 0 ? ly_csv_field(csv, (size_t)col[k], NULL) : NULL;
    bool ok = true;
    memset(s, 0, sizeof(*s));
    ok &= ly_import_id(x, "id", v[S_ID], s->ext_id);
    ok &= ly_import_text(x, "title", v[S_TITLE], s->title, LY_TITLE_MAX, true);
    char type[LY_LABEL_MAX + 1];
    if (ly_import_text(x, "type", v[S_TYPE], type, LY_LABEL_MAX, true))
        ok &= ly_import_word(x, "type", type, LY_VOCAB_SESSION_TYPE, NULL, s->type);
    else
        ok = false;
    ok &= ly_import_text(x, "room", v[S_ROOM], s->room, LY_ROOM_NAME_MAX, true);

    char num[32];
    int64_t cap = 0, scap = 0;
    if (ly_import_text(x, "room_capacity", v[S_ROOM_CAPACITY], num, sizeof num - 1, true)) {
        if (!ly_num_int(num, 1, LY_CAPACITY_MAX, &cap)) {
            ly_import_problem(x, "room_capacity \"%s\" is not a whole number from 1 to %d", num,
                              LY_CAPACITY_MAX);
            ok = false;
        }
    } else {
        ok = false;
    }
    if (ly_import_text(x, "capacity", v[S_CAPACITY], num, sizeof num - 1, false)) {
        if (num[0] != '\0' && !ly_num_int(num, 0, LY_CAPACITY_MAX, &scap)) {
            ly_import_problem(x, "capacity \"%s\" is not a whole number from 0 to %d", num,
                              LY_CAPACITY_MAX);
            ok = false;
        } else if (cap > 0 && scap > cap) {
            ly_import_problem(x, "capacity %lld is more than the room's capacity %lld",
                              (long long)scap, (long long)cap);
            ok = false;
        }
    } else {
        ok = false;
    }
    s->capacity = (int)scap;
    *room_capacity = (int)cap;

    int64_t t0 = 0, t1 = 0;
    bool times = take_datetime(x, "starts", v[S_STARTS], &t0, s->starts);
    times &= take_datetime(x, "ends", v[S_ENDS], &t1, s->ends);
    if (times && t1 <= t0) {
        ly_import_problem(x, "ends (%s) is not after starts (%s)", s->ends, s->starts);
        times = false;
    }
    ok &= times;
    ok &= take_categories(x, v[S_CATEGORIES], s->categories, sizeof s->categories);
    /* slips (optional): "yes" when the session's door prints an access slip */
    char slips[8];
    if (ly_import_text(x, "slips", v[S_SLIPS], slips, sizeof slips - 1, false)) {
        if (strcmp(slips, "yes") == 0)
            s->slips = true;
        else if (slips[0] != '\0' && strcmp(slips, "no") != 0) {
            ly_import_problem(x, "slips \"%s\" is not yes or no", slips);
            ok = false;
        }
    } else {
        ok = false;
    }
    /* overflow (optional): a room of the programme to send people to when this one is full */
    if (ly_import_text(x, "overflow", v[S_OVERFLOW], s->overflow, LY_ROOM_NAME_MAX, false)) {
        if (s->overflow[0] != '\0' && strcmp(s->overflow, s->room) == 0) {
            ly_import_problem(x, "overflow \"%s\" is the session's own room", s->overflow);
            ok = false;
        }
    } else {
        ok = false;
    }
    /* online_url (optional): the session online */
    if (ly_import_text(x, "online_url", v[S_ONLINE_URL], s->online_url, LY_URL_MAX, false)) {
        const char *why = s->online_url[0] ? url_problem(s->online_url) : NULL;
        if (why) {
            ly_import_problem(x, "online_url %s", why);
            ok = false;
        }
    } else {
        ok = false;
    }
    ok &= ly_import_text(x, "room_location", v[S_ROOM_LOCATION], location, LY_ROOM_LOCATION_MAX,
                         false);
    return ok;
}

/* Check pass, a good row: its room's location agrees with the room's other rows, and its
 * overflow room is remembered for the end of the file. */
static void remember(struct ly_import_ctx *x, struct programme_check *pc,
                     const struct ly_session *s, const char *location)
{
    bool found, found_overflow;
    const struct ly_strset_entry *e, *o;
    if (!ly_strset_put(&pc->locations, s->room, x->line, text_hash(location), &found, &e) ||
        (s->overflow[0] &&
         !ly_strset_put(&pc->overflows, s->overflow, x->line, 0, &found_overflow, &o))) {
        ly_import_problem(x, "out of memory");
        x->fatal = true;
        return;
    }
    e = ly_strset_find(&pc->locations, s->room); /* (the overflow put may have moved it) */
    if (found && e && e->value != text_hash(location))
        ly_import_problem(x, "room \"%s\" has another room_location here than on line %ld", s->room,
                          e->line);
}

/* End of the check pass: every overflow room is a room of this file or of the database. */
static void check_overflows(struct ly_import_ctx *x, struct programme_check *pc)
{
    for (size_t i = 0; i < pc->overflows.n && !x->fatal; i++) {
        const char *name = ly_strset_key(&pc->overflows, i);
        bool found = ly_strset_find(&x->rooms, name) != NULL;
        char err[512];
        if (!found && !ly_hubdb_room_exists(x->db, name, &found, err, sizeof err)) {
            ly_import_problem(x, "database: %s", err);
            x->fatal = true;
            return;
        }
        if (!found) {
            ly_import_begin_row(x, pc->overflows.e[i].line);
            ly_import_problem(x,
                              "overflow \"%s\" is not a room of the programme (name a room of "
                              "this file or one imported before)",
                              name);
        }
    }
}

/* Write pass: the overflow room of s, when it is a room of a later row of the file, is made
 * now (with the file's capacity; its own row sets the rest), so that the session can name it. */
static bool make_overflow_room(struct ly_import_ctx *x, const struct ly_session *s, char *err,
                               size_t errsz)
{
    bool found;
    enum ly_upsert what;
    const struct ly_strset_entry *e = ly_strset_find(&x->rooms, s->overflow);
    if (!s->overflow[0] || !e)
        return true;
    if (!ly_hubdb_room_exists(x->db, s->overflow, &found, err, errsz))
        return false;
    return found || ly_hubdb_upsert_room(x->db, s->overflow, (int)e->value, &what, err, errsz);
}

void ly_import_sessions_pass(struct ly_import_ctx *x, const char *data, size_t len,
                             struct ly_import_result *res)
{
    struct ly_csv *csv = ly_csv_new(data, len, 0);
    struct ly_session *s = malloc(sizeof(*s));
    struct programme_check pc = {0};
    int col[S_COUNT];
    bool good;
    res->format = LY_IMPORT_SESSIONS;
    /* (no session buffer counts as no reader: out of memory) */
    if (!ly_import_read_header(x, s != NULL ? csv : NULL) || !session_header(x, csv, col)) {
        x->fatal = true;
        goto end;
    }
    size_t width = ly_csv_count(csv);
    while (ly_import_next_row(x, csv, width, res, &good)) {
        int room_cap;
        char location[LY_ROOM_LOCATION_MAX + 1] = "";
        if (!good || !check_session(x, csv, col, s, &room_cap, location))
            continue;
        char err[512];
        bool found;
        const struct ly_strset_entry *e;
        if (!x->writing) {
            if (!ly_strset_put(&x->ids, s->ext_id, x->line, 0, &found, &e)) {
                ly_import_problem(x, "out of memory");
                x->fatal = true;
            } else if (found) {
                ly_import_problem(x, "duplicate id \"%s\" (first on line %ld)", s->ext_id, e->line);
            }
            if (!ly_strset_put(&x->rooms, s->room, x->line, room_cap, &found, &e)) {
                ly_import_problem(x, "out of memory");
                x->fatal = true;
            } else if (found && e->value != room_cap) {
                ly_import_problem(x, "room \"%s\" has room_capacity %d here but %ld on line %ld",
                                  s->room, room_cap, e->value, e->line);
            }
            if (!x->fatal)
                remember(x, &pc, s, location);
            continue;
        }
        enum ly_upsert what;
        if (!ly_hubdb_upsert_room_at(x->db, s->room, room_cap, location, &what, err, sizeof err) ||
            !make_overflow_room(x, s, err, sizeof err) ||
            !ly_hubdb_upsert_session(x->db, s, &what, err, sizeof err)) {
            ly_import_problem(x, "database: %s", err);
            x->fatal = true;
            break;
        }
        ly_import_count_upsert(res, what);
    }
    if (!x->writing && !x->fatal)
        check_overflows(x, &pc);
    res->rooms = x->rooms.n;
end:
    ly_strset_free(&pc.locations);
    ly_strset_free(&pc.overflows);
    free(s);
    ly_csv_free(csv);
}
