/* hub_reply.c - what every endpoint file (hub_api.c, hub_enroll.c) answers with: an error
 * reply, a JSON reply, a database failure, a busy hub; and the write lock of a single-writer
 * backend. See hub.h. */
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>

#include "common/json.h"
#include "hub/hub.h"
#include "hub/hub_log.h"

/* Set once at start, before any thread (ly_hub_set_clock_shift). */
static int64_t clock_shift_ms;

void ly_hub_set_clock_shift(int64_t ms)
{
    clock_shift_ms = ms;
}

int64_t ly_hub_wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + clock_shift_ms;
}

void ly_hub_error(struct ly_hub_call *c, int status, const char *error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->message, sizeof c->message, fmt, ap);
    va_end(ap);
    c->status = status;
    c->error = error;
    free(c->out);
    c->out = NULL;
    c->out_len = 0;
    FILE *f = open_memstream(&c->out, &c->out_len);
    if (f == NULL)
        return;
    int first = 1;
    fputc('{', f);
    ly_json_kv_str(f, &first, "error", error);
    ly_json_kv_str(f, &first, "message", c->message);
    fputs("}\n", f);
    fclose(f);
    c->type = "application/json";
}

void ly_hub_req_error(struct ly_hub_call *c, enum ly_req_status st, const char *err)
{
    if (st == LY_REQ_TOO_LARGE)
        ly_hub_error(c, 413, "too_large", "%s", err);
    else if (st == LY_REQ_NOMEM)
        ly_hub_error(c, 503, "unavailable", "The hub is short of memory; try again.");
    else
        ly_hub_error(c, 400, "bad_request", "%s", err);
}

void ly_hub_internal(struct ly_hub_call *c, const char *err)
{
    struct ly_logline l;
    ly_log_begin(&l, "error", "database");
    ly_log_str(&l, "path", c->path);
    ly_log_str(&l, "err", err);
    ly_log_end(&l);
    ly_hub_error(c, 500, "internal", "The hub could not complete the request; try again.");
}

void ly_hub_busy(struct ly_hub_call *c)
{
    ly_hub_error(c, 503, "unavailable", "The hub is busy or shutting down; try again.");
}

FILE *ly_hub_reply_json(struct ly_hub_call *c, int status)
{
    free(c->out);
    c->out = NULL;
    c->out_len = 0;
    c->status = status;
    c->type = "application/json";
    return open_memstream(&c->out, &c->out_len);
}

bool ly_hub_write_begin(struct ly_hub *hub, struct ly_store **stp, struct ly_hub_call *c)
{
    if (!hub->single_writer)
        return true;
    ly_hub_release(hub, *stp);
    pthread_mutex_lock(&hub->write_mu);
    *stp = ly_hub_acquire(hub);
    if (*stp == NULL) {
        pthread_mutex_unlock(&hub->write_mu);
        ly_hub_busy(c);
        return false;
    }
    return true;
}

void ly_hub_write_end(struct ly_hub *hub)
{
    if (hub->single_writer)
        pthread_mutex_unlock(&hub->write_mu);
}
