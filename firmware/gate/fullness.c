/* fullness.c - fullness levels. See fullness.h. */
#include "gate/fullness.h"

enum ly_fullness_level ly_fullness_level_of(int64_t inside, int capacity)
{
    if (capacity <= 0)
        return LY_FULLNESS_NONE;
    if (inside >= capacity)
        return LY_FULLNESS_FULL;
    if (inside * 100 >= (int64_t)capacity * LY_FULLNESS_NEARLY_PERCENT)
        return LY_FULLNESS_NEARLY;
    return LY_FULLNESS_SPACE;
}

const char *ly_fullness_level_name(enum ly_fullness_level level)
{
    switch (level) {
    case LY_FULLNESS_SPACE:
        return "space";
    case LY_FULLNESS_NEARLY:
        return "nearly_full";
    case LY_FULLNESS_FULL:
        return "full";
    case LY_FULLNESS_NONE:
        break;
    }
    return "none";
}
