/* board.c - the public room board. See board.h. */
#include "counts/board.h"

#include <string.h>
#include <time.h>

#include "common/json.h"
#include "gate/fullness.h"

/* The session of room on at now (the latest started, of two that overlap), or NULL. */
static const struct ly_count_session *session_now(const struct ly_counts *c, const char *room,
                                                  const char *now)
{
    const struct ly_count_session *best = NULL;
    for (size_t i = 0; i < c->nsessions; i++) {
        const struct ly_count_session *s = &c->sessions[i];
        if (strcmp(s->room, room) != 0 || strcmp(s->starts, now) > 0 || strcmp(s->ends, now) <= 0)
            continue;
        if (best == NULL || strcmp(s->starts, best->starts) > 0)
            best = s;
    }
    return best;
}

/* The first session of room starting after now on now's day, or NULL. */
static const struct ly_count_session *session_next(const struct ly_counts *c, const char *room,
                                                   const char *now)
{
    const struct ly_count_session *best = NULL;
    for (size_t i = 0; i < c->nsessions; i++) {
        const struct ly_count_session *s = &c->sessions[i];
        if (strcmp(s->room, room) != 0 || strcmp(s->starts, now) <= 0 ||
            strncmp(s->starts, now, 10) != 0)
            continue;
        if (best == NULL || strcmp(s->starts, best->starts) < 0)
            best = s;
    }
    return best;
}

static bool room_has_sessions(const struct ly_counts *c, const char *room)
{
    for (size_t i = 0; i < c->nsessions; i++)
        if (strcmp(c->sessions[i].room, room) == 0)
            return true;
    return false;
}

/* A session as the board shows it: its title (none when restricted) and its times of day. */
static void session_json(FILE *f, int *first, const char *key, const struct ly_count_session *s)
{
    if (!*first)
        fputc(',', f);
    *first = 0;
    ly_json_str(f, key);
    fputc(':', f);
    if (s == NULL) {
        fputs("null", f);
        return;
    }
    int in = 1;
    fputc('{', f);
    ly_json_kv_str(f, &in, "title", s->restricted ? "" : s->title);
    ly_json_kv_bool(f, &in, "restricted", s->restricted);
    ly_json_kv_str(f, &in, "starts", strlen(s->starts) >= 16 ? s->starts + 11 : "");
    ly_json_kv_str(f, &in, "ends", strlen(s->ends) >= 16 ? s->ends + 11 : "");
    fputc('}', f);
}

void ly_board_json(FILE *f, const struct ly_counts *c)
{
    char now[17] = "";
    time_t t = (time_t)(c->generated_ms / 1000);
    struct tm tm;
    if (localtime_r(&t, &tm) != NULL)
        strftime(now, sizeof now, "%Y-%m-%dT%H:%M", &tm);
    int first = 1;
    fputc('{', f);
    ly_json_kv_str(f, &first, "event", c->event_name);
    ly_json_kv_int(f, &first, "generated_ms", c->generated_ms);
    ly_json_kv_str(f, &first, "now", now);
    fputs(",\"rooms\":[", f);
    int firstroom = 1;
    for (size_t i = 0; i < c->nplaces; i++) {
        const struct ly_count_place *p = &c->places[i];
        if (strncmp(p->place, "room:", 5) != 0)
            continue;
        const struct ly_count_session *sn = session_now(c, p->name, now);
        const struct ly_count_session *sx = session_next(c, p->name, now);
        if (sn == NULL && sx == NULL && room_has_sessions(c, p->name))
            continue; /* nothing on in it for the rest of the day */
        int64_t capacity = sn && sn->capacity > 0 ? sn->capacity : p->capacity;
        int64_t inside = sn ? sn->inside : p->inside;
        enum ly_fullness_level level = ly_fullness_level_of(inside, (int)capacity);
        if (!firstroom)
            fputc(',', f);
        firstroom = 0;
        int in = 1;
        fputc('{', f);
        ly_json_kv_str(f, &in, "room", p->name);
        ly_json_kv_str(f, &in, "location", p->location);
        ly_json_kv_int(f, &in, "capacity", capacity);
        ly_json_kv_int(f, &in, "inside", inside);
        ly_json_kv_str(f, &in, "level", ly_fullness_level_name(level));
        session_json(f, &in, "now", sn);
        session_json(f, &in, "next", sx);
        ly_json_kv_str(f, &in, "overflow", sn ? sn->overflow : "");
        ly_json_kv_str(f, &in, "overflow_location", sn ? sn->overflow_location : "");
        ly_json_kv_str(f, &in, "online_url", sn ? sn->online_url : "");
        fputc('}', f);
    }
    fputs("]}", f);
}
