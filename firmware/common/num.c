/* num.c - checked number and date parsing. See num.h. */
#include "common/num.h"

#include <stddef.h>

bool ly_num_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
    bool neg = false;
    uint64_t v = 0;
    size_t i = 0;

    if (s[0] == '-') {
        neg = true;
        i = 1;
    }
    if (s[i] == '\0')
        return false;
    for (; s[i] != '\0'; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        if (v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
        if (v > (uint64_t)INT64_MAX + 1)
            return false;
    }
    int64_t r;
    if (neg)
        r = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
    else if (v > (uint64_t)INT64_MAX)
        return false;
    else
        r = (int64_t)v;
    if (r < min || r > max)
        return false;
    *out = r;
    return true;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static bool parse_date_prefix(const char *s, int64_t *days)
{
    int y, m, d;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' ||
        !digits(s + 8, 2, &d))
        return false;
    if (y < 2000 || y > 2199 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return false;
    *days = days_from_civil(y, m, d);
    return true;
}

bool ly_num_date(const char *s, int64_t *days)
{
    int64_t v;
    if (!parse_date_prefix(s, &v) || s[10] != '\0')
        return false;
    *days = v;
    return true;
}

bool ly_num_datetime(const char *s, int64_t *minutes)
{
    int64_t days;
    int hh, mm, ss = 0;
    if (!parse_date_prefix(s, &days) || (s[10] != 'T' && s[10] != ' '))
        return false;
    if (!digits(s + 11, 2, &hh) || s[13] != ':' || !digits(s + 14, 2, &mm))
        return false;
    const char *rest = s + 16;
    if (*rest == ':') {
        if (!digits(rest + 1, 2, &ss))
            return false;
        rest += 3;
    }
    if (*rest != '\0' || hh > 23 || mm > 59 || ss > 59)
        return false;
    *minutes = days * 1440 + hh * 60 + mm;
    return true;
}

bool ly_num_time(const char *s, int *minutes)
{
    int hh, mm;
    int h = s[0] != '\0' && s[1] == ':' ? 1 : 2; /* spreadsheets write 8:00 */
    if (!digits(s, h, &hh) || s[h] != ':' || !digits(s + h + 1, 2, &mm) || s[h + 3] != '\0' ||
        hh > 23 || mm > 59)
        return false;
    *minutes = hh * 60 + mm;
    return true;
}

/* Writes v as exactly n decimal digits (v is reduced modulo 10^n). */
static void put_digits(char *p, unsigned v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

void ly_num_format_date(int64_t days, char out[11])
{
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    put_digits(out, (unsigned)y, 4);
    out[4] = '-';
    put_digits(out + 5, (unsigned)m, 2);
    out[7] = '-';
    put_digits(out + 8, (unsigned)d, 2);
    out[10] = '\0';
}

void ly_num_format_datetime(int64_t minutes, char out[17])
{
    int64_t days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
    int64_t rem = minutes - days * 1440;
    ly_num_format_date(days, out);
    out[10] = 'T';
    put_digits(out + 11, (unsigned)(rem / 60), 2);
    out[13] = ':';
    put_digits(out + 14, (unsigned)(rem % 60), 2);
    out[16] = '\0';
}

int ly_num_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
