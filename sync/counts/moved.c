/* moved.c - the places a batch moved people through. See moved.h. */
#include "counts/moved.h"

#include <stdio.h>
#include <string.h>

bool ly_moved_add(struct ly_moved *m, const char *place, int64_t t_ms)
{
    for (size_t i = 0; i < m->n; i++) {
        if (strcmp(m->place[i], place) == 0) {
            if (t_ms > m->t_ms[i])
                m->t_ms[i] = t_ms;
            return true;
        }
    }
    if (m->n == LY_MOVED_MAX) {
        m->all = true;
        return false;
    }
    snprintf(m->place[m->n], sizeof m->place[0], "%s", place);
    m->t_ms[m->n++] = t_ms;
    return true;
}
