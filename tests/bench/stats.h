/* stats.h - what the benchmarks share to print their figures: a monotonic clock and the quantiles
 * of a set of samples. */
#ifndef LY_BENCH_STATS_H
#define LY_BENCH_STATS_H

#include <stdlib.h>
#include <time.h>

/* Seconds on the monotonic clock. */
static inline double bench_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Milliseconds on the monotonic clock. */
static inline double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The q-quantile (0 to 1) of n values, which it sorts in place, by nearest rank: the smallest
 * value with at least q of the values at or below it (q = 1: the largest). 0 for no values. */
static inline double bench_quantile(double *v, size_t n, double q)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, bench_cmp_double);
    double rank = q * (double)n; /* 1-based rank, rounded up below */
    size_t i = (size_t)rank;
    if ((double)i < rank)
        i++;
    return v[i == 0 ? 0 : i > n ? n - 1 : i - 1];
}

#endif
