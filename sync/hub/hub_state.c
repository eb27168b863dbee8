/* hub_state.c - the hub's database connection pool and its metrics. See hub.h. */
#include <inttypes.h>
#include <time.h>

#include "hub/hub.h"
#include "store/validate.h"

struct ly_store *ly_hub_acquire(struct ly_hub *hub)
{
    int64_t deadline = ly_mono_ms() + LY_HUB_POOL_WAIT_MS;
    struct timespec ts = {.tv_sec = deadline / 1000, .tv_nsec = (deadline % 1000) * 1000000};
    struct ly_store *st = NULL;
    pthread_mutex_lock(&hub->pool_mu);
    while (hub->nidle == 0) {
        if (pthread_cond_timedwait(&hub->pool_cv, &hub->pool_mu, &ts) != 0 &&
            ly_mono_ms() >= deadline)
            break;
    }
    if (hub->nidle > 0)
        st = hub->idle[--hub->nidle];
    pthread_mutex_unlock(&hub->pool_mu);
    return st;
}

void ly_hub_release(struct ly_hub *hub, struct ly_store *st)
{
    pthread_mutex_lock(&hub->pool_mu);
    hub->idle[hub->nidle++] = st;
    pthread_cond_signal(&hub->pool_cv);
    pthread_mutex_unlock(&hub->pool_mu);
}

static const int statuses[LY_HUB_STATUSES - 1] = {200, 304, 400, 401, 403, 404,
                                                  405, 409, 413, 415, 500, 503};
static const int64_t bucket_us[LY_HUB_BUCKETS - 1] = {5000, 25000, 100000, 500000, 2500000};
static const char *const bucket_le[LY_HUB_BUCKETS] = {"0.005", "0.025", "0.1",
                                                      "0.5",   "2.5",   "+Inf"};

void ly_hub_metrics_request(struct ly_hub *hub, enum ly_route route, int status, int64_t us)
{
    size_t s = LY_HUB_STATUSES - 1, b = LY_HUB_BUCKETS - 1;
    for (size_t i = 0; i < LY_HUB_STATUSES - 1; i++)
        if (statuses[i] == status)
            s = i;
    for (size_t i = LY_HUB_BUCKETS - 1; i-- > 0;)
        if (us <= bucket_us[i])
            b = i;
    atomic_fetch_add(&hub->m.requests[route][s], 1);
    atomic_fetch_add(&hub->m.duration[route][b], 1);
    atomic_fetch_add(&hub->m.duration_us[route], (uint64_t)(us > 0 ? us : 0));
}

void ly_hub_metrics_text(struct ly_hub *hub, FILE *f, const char *(*route_name)(enum ly_route))
{
    struct ly_hub_metrics *m = &hub->m;
    fputs("# HELP lanyard_hub_requests_total HTTP requests answered, by endpoint and status.\n"
          "# TYPE lanyard_hub_requests_total counter\n",
          f);
    for (int r = 0; r < LY_HUB_ROUTES; r++)
        for (int s = 0; s < LY_HUB_STATUSES; s++) {
            uint64_t n = atomic_load(&m->requests[r][s]);
            if (n == 0)
                continue;
            if (s < LY_HUB_STATUSES - 1)
                fprintf(f,
                        "lanyard_hub_requests_total{endpoint=\"%s\",status=\"%d\"} %" PRIu64 "\n",
                        route_name((enum ly_route)r), statuses[s], n);
            else
                fprintf(
                    f, "lanyard_hub_requests_total{endpoint=\"%s\",status=\"other\"} %" PRIu64 "\n",
                    route_name((enum ly_route)r), n);
        }
    fputs("# HELP lanyard_hub_request_duration_seconds Time from request to answer (streams: "
          "their whole life).\n# TYPE lanyard_hub_request_duration_seconds histogram\n",
          f);
    for (int r = 0; r < LY_HUB_ROUTES; r++) {
        uint64_t total = 0;
        for (int b = 0; b < LY_HUB_BUCKETS; b++)
            total += atomic_load(&m->duration[r][b]);
        if (total == 0)
            continue;
        const char *name = route_name((enum ly_route)r);
        uint64_t cum = 0;
        for (int b = 0; b < LY_HUB_BUCKETS; b++) {
            cum += atomic_load(&m->duration[r][b]);
            fprintf(f,
                    "lanyard_hub_request_duration_seconds_bucket{endpoint=\"%s\",le=\"%s\"} "
                    "%" PRIu64 "\n",
                    name, bucket_le[b], cum);
        }
        fprintf(f, "lanyard_hub_request_duration_seconds_sum{endpoint=\"%s\"} %.6f\n", name,
                (double)atomic_load(&m->duration_us[r]) / 1e6);
        fprintf(f, "lanyard_hub_request_duration_seconds_count{endpoint=\"%s\"} %" PRIu64 "\n",
                name, cum);
    }
    static const char *const results[LY_ITEM_RESULTS] = {"stored", "duplicate", "rejected",
                                                         "refused"};
    fputs("# HELP lanyard_hub_checkins_total Check-ins pushed by kiosks, by result.\n"
          "# TYPE lanyard_hub_checkins_total counter\n",
          f);
    for (int i = 0; i < LY_ITEM_RESULTS; i++)
        fprintf(f, "lanyard_hub_checkins_total{result=\"%s\"} %" PRIu64 "\n", results[i],
                atomic_load(&m->checkins[i]));
    fputs("# HELP lanyard_hub_checkins_refused_total Check-ins the hub refused, by reason "
          "(docs/security.md).\n"
          "# TYPE lanyard_hub_checkins_refused_total counter\n",
          f);
    for (int i = LY_REFUSE_NONE + 1; i < LY_REFUSE_COUNT; i++)
        fprintf(f, "lanyard_hub_checkins_refused_total{reason=\"%s\"} %" PRIu64 "\n",
                ly_refusal_name((enum ly_refusal)i), atomic_load(&m->refused[i]));
    static const char *const conn_events[LY_CONN_EVENTS] = {"refused_address", "refused_total",
                                                            "refused_read",    "evicted",
                                                            "header_timeout",  "request_timeout"};
    fputs("# HELP lanyard_hub_connections_total Connections refused at their budget (per address, "
          "in all, read tokens), evicted to make room for a new one, or cut off "
          "at a deadline (headers, or a kept-alive connection idle that long; headers and body).\n"
          "# TYPE lanyard_hub_connections_total counter\n",
          f);
    for (int i = 0; i < LY_CONN_EVENTS; i++)
        fprintf(f, "lanyard_hub_connections_total{event=\"%s\"} %" PRIu64 "\n", conn_events[i],
                atomic_load(&m->conn_events[i]));
    fprintf(f,
            "# HELP lanyard_hub_framing_refused_total Requests answered 400 and closed for their "
            "framing (both lengths, duplicate lengths, an unknown coding, a control byte).\n"
            "# TYPE lanyard_hub_framing_refused_total counter\n"
            "lanyard_hub_framing_refused_total %" PRIu64 "\n"
            "# HELP lanyard_hub_streams_ended_total Live counts streams ended by the hub, by why.\n"
            "# TYPE lanyard_hub_streams_ended_total counter\n"
            "lanyard_hub_streams_ended_total{reason=\"peer_closed\"} %" PRIu64 "\n"
            "lanyard_hub_streams_ended_total{reason=\"token_invalid\"} %" PRIu64 "\n",
            atomic_load(&m->framing_refused), atomic_load(&m->streams_ended[0]),
            atomic_load(&m->streams_ended[1]));
    pthread_mutex_lock(&hub->notify.mu);
    int64_t seq = hub->notify.seq;
    pthread_mutex_unlock(&hub->notify.mu);
    fprintf(f,
            "# HELP lanyard_hub_long_polls Long polls waiting for a change.\n"
            "# TYPE lanyard_hub_long_polls gauge\nlanyard_hub_long_polls %" PRId64 "\n"
            "# HELP lanyard_hub_streams Live counts streams open.\n"
            "# TYPE lanyard_hub_streams gauge\nlanyard_hub_streams %" PRId64 "\n"
            "# HELP lanyard_hub_requests_in_flight Requests being answered.\n"
            "# TYPE lanyard_hub_requests_in_flight gauge\nlanyard_hub_requests_in_flight %" PRId64
            "\n"
            "# HELP lanyard_hub_change_seq The latest change sequence the hub has seen.\n"
            "# TYPE lanyard_hub_change_seq gauge\nlanyard_hub_change_seq %" PRId64 "\n",
            atomic_load(&m->long_polls), atomic_load(&m->streams), atomic_load(&m->in_flight), seq);
}
