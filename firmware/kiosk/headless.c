/* headless.c - the kiosk loop without a screen. See headless.h. */
#include "kiosk/headless.h"

#include "kiosk/jsonl.h"
#include "kiosk/loop.h"

#define STOP_POLL_MS 100 /* how soon a stop request (a signal's flag) is seen */

int ly_headless_run(const struct ly_kiosk_config *cfg, struct ly_hublink *hub,
                    volatile sig_atomic_t *stop, FILE *out)
{
    struct ly_jsonl_sink sink;
    struct ly_loop *loop = NULL;
    char err[512] = "out of memory";
    int rc = 0;

    ly_jsonl_sink_init(&sink, out, cfg->output_names);
    if (!ly_loop_init(&loop, cfg, hub, &sink.sink) || !ly_loop_start(loop, err, sizeof err)) {
        fprintf(stderr, "lanyard-kiosk: %s\n", err);
        rc = 1;
        goto end;
    }
    while (!*stop && !ly_loop_wait(loop, STOP_POLL_MS))
        continue;
    ly_loop_stop(loop);
    ly_loop_join(loop);
    struct ly_loop_outcome o = ly_loop_outcome(loop);
    fprintf(stderr, "lanyard-kiosk: %s after %lu decisions%s\n",
            o.revoked ? "revoked"
            : *stop   ? "stopped"
                      : "source ended",
            o.decisions, o.failures ? " (some could not be journaled)" : "");
    if (o.revoked || o.failed || o.failures)
        rc = 1;
end:
    ly_loop_destroy(loop);
    return rc;
}
