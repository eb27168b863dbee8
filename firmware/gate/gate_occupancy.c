/* gate_occupancy.c - the occupancy model's rules. See gate_occupancy.h. */
#include "gate/gate_occupancy.h"

#include <string.h>

#include "common/num.h"
#include "gate/gate_time.h"

bool ly_occupancy_inner(const char *place)
{
    return strncmp(place, "room:", 5) == 0 || strncmp(place, "session:", 8) == 0;
}

bool ly_occupancy_moves(const char *place, int direction)
{
    if (direction == 0)
        return false;
    return ly_occupancy_inner(place) || (direction < 0 && strcmp(place, "venue") == 0);
}

int64_t ly_occupancy_until_ms(const char *ends, int64_t grace_s)
{
    int64_t end = ly_gate_local_ms(ends);
    return end < 0 ? 0 : end + grace_s * 1000;
}

bool ly_occupancy_parse_grace(const char *text, int64_t *seconds)
{
    char num[16];
    size_t n = strlen(text);
    int64_t unit = 60, v;
    if (n == 0 || n >= sizeof num)
        return false;
    memcpy(num, text, n + 1);
    if (num[n - 1] == 's' || num[n - 1] == 'm' || num[n - 1] == 'h') {
        unit = num[n - 1] == 's' ? 1 : num[n - 1] == 'm' ? 60 : 3600;
        num[--n] = '\0';
    }
    if (!ly_num_int(num, 0, LY_OCCUPANCY_GRACE_MAX_S, &v) || v * unit > LY_OCCUPANCY_GRACE_MAX_S)
        return false;
    *seconds = v * unit;
    return true;
}
