/* printjob.c - prints test badges or slips through Lanyard's print worker, for the print tests
 * (t_print_cups.sh) and by hand against a real printer:
 *
 *   printjob --printer SPEC --label SIZE [--dpi N] [--slip] [--name NAME] [--attendee N]
 *            [--count N] [--timeout-s S]
 *   printjob --label SIZE [--dpi N] [--slip] [--name NAME] --raster OUT.pgm   (draw only)
 *   printjob --verify CODE                                          (exit 0 when it verifies)
 *
 * The badge code is a real signed code of the tests' key (tests/tools/printkit.h) for attendee N
 * (1042 by default); it is printed first as "code CODE". Then one line per job event:
 * "event ID STATE REASON maybe_printed=0|1 DETAIL". Exits 0 when every job is done, 1 when one
 * failed or timed out, 2 on a usage error. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/num.h"
#include "tools/printkit.h"

static int usage(void)
{
    fprintf(stderr, "usage: printjob --printer SPEC --label SIZE [--dpi N] [--slip] [--name NAME] "
                    "[--attendee N] [--count N] [--timeout-s S] | --raster OUT.pgm | --verify "
                    "CODE\n");
    return 2;
}

static int draw_only(enum ly_label_size size, int dpi, const struct ly_print_job *job,
                     const char *path)
{
    struct ly_label *l;
    char err[256];
    struct ly_bitmap b;
    if (!ly_label_open(&l, size, dpi != 0 ? dpi : 203, err, sizeof err) ||
        !ly_label_raster(l, job, &b, NULL, err, sizeof err)) {
        fprintf(stderr, "printjob: %s\n", err);
        return 1;
    }
    ly_label_close(l);
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        perror(path);
        ly_bitmap_free(&b);
        return 1;
    }
    fprintf(f, "P5\n%d %d\n255\n", b.width, b.height);
    for (int y = 0; y < b.height; y++) {
        for (int x = 0; x < b.width; x++)
            fputc(ly_bitmap_get(&b, x, y) ? 0 : 255, f);
    }
    ly_bitmap_free(&b);
    return fclose(f) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN); /* libcups writing to a cupsd that went away */
    const char *spec = NULL, *label = "4x6", *name = "فاطمة الزهراء بن علي", *raster = NULL;
    int64_t dpi = 0, attendee = 1042, count = 1, timeout_s = 60;
    bool slip = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--slip") == 0) {
            slip = true;
            continue;
        }
        if (v == NULL)
            return usage();
        i++;
        if (strcmp(a, "--verify") == 0)
            return pk_verify(v, NULL) ? 0 : 1;
        if (strcmp(a, "--printer") == 0)
            spec = v;
        else if (strcmp(a, "--label") == 0)
            label = v;
        else if (strcmp(a, "--name") == 0)
            name = v;
        else if (strcmp(a, "--raster") == 0)
            raster = v;
        else if (!(strcmp(a, "--dpi") == 0 && ly_num_int(v, 100, 600, &dpi)) &&
                 !(strcmp(a, "--attendee") == 0 && ly_num_int(v, 1, 1000000, &attendee)) &&
                 !(strcmp(a, "--count") == 0 && ly_num_int(v, 1, 1000, &count)) &&
                 !(strcmp(a, "--timeout-s") == 0 && ly_num_int(v, 1, 3600, &timeout_s)))
            return usage();
    }
    enum ly_label_size size;
    if (!ly_label_parse(label, &size) || (spec == NULL && raster == NULL))
        return usage();
    char code[LY_BADGE_CODE_LEN_MAX + 1];
    if (!pk_code((uint32_t)attendee, code))
        return 1;
    printf("code %s\n", code);
    struct ly_print_job job = {.kind = slip ? LY_JOB_SLIP : LY_JOB_BADGE};
    job.card = (struct ly_card){.name = name,
                                .affiliation = "Lanyard print test",
                                .country = "Egypt",
                                .category = "Participant",
                                .category_rgb = 0x1F4E9A,
                                .event_name = "Internet Governance Forum 2025",
                                .event_dates = "23-27 June 2025",
                                .reference = "print test",
                                .code = code};
    job.slip = (struct ly_slip){.name = name,
                                .session = "Main Session: Digital Public Infrastructure",
                                .room = "Plenary Hall",
                                .time = "Tue 24 June 10:00-11:30",
                                .event_name = "IGF 2025",
                                .code = code};
    if (raster != NULL)
        return draw_only(size, (int)dpi, &job, raster);

    struct ly_printer_config cfg = {.spec = spec,
                                    .label = size,
                                    .dpi = (int)dpi,
                                    .done_timeout_ms = (int)timeout_s * 1000,
                                    .idle_status_ms = -1};
    struct ly_printer *p;
    char err[256];
    if (!ly_printer_init(&p, &cfg, err, sizeof err) || !ly_printer_start(p, err, sizeof err)) {
        fprintf(stderr, "printjob: %s\n", err);
        return 1;
    }
    int rc = 0;
    for (int64_t n = 0; n < count; n++) {
        uint64_t id;
        if (!ly_printer_submit(p, &job, &id, err, sizeof err)) {
            fprintf(stderr, "printjob: %s\n", err);
            rc = 1;
            break;
        }
        struct pk_seen seen;
        bool ended = pk_wait(p, id, (int)timeout_s * 1000 + 5000, &seen);
        printf("event %llu %s %s maybe_printed=%d %s\n", (unsigned long long)id,
               ended ? ly_job_state_name(seen.last.state) : "timeout",
               ly_print_reason_name(seen.last.reason), seen.last.maybe_printed ? 1 : 0,
               seen.last.detail);
        fflush(stdout);
        if (!ended || seen.last.state != LY_JOB_DONE)
            rc = 1;
    }
    struct ly_printer_health h;
    ly_printer_health(p, &h);
    printf("health %s %s printed=%llu failed=%llu last_error=%s\n", ly_printer_state_name(h.state),
           ly_print_reason_name(h.reason), (unsigned long long)h.labels_printed,
           (unsigned long long)h.jobs_failed, h.last_error);
    ly_printer_destroy(p);
    return rc;
}
