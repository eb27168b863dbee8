/* preview.c - the camera's latest frame for a screen's preview. See preview.h. */
#include "kiosk/preview.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct ly_preview {
    pthread_mutex_t lock; /* guards the copy */
    uint8_t *pixels;
    int w, h;
    uint64_t seq;
    atomic_bool told; /* the consumer was told and has not taken it yet */
};

bool ly_preview_init(struct ly_preview **out)
{
    struct ly_preview *p = calloc(1, sizeof *p);
    *out = p;
    if (!p)
        return false;
    pthread_mutex_init(&p->lock, NULL);
    return true;
}

void ly_preview_destroy(struct ly_preview *p)
{
    if (!p)
        return;
    pthread_mutex_destroy(&p->lock);
    free(p->pixels);
    free(p);
}

bool ly_preview_keep(struct ly_preview *p, const struct ly_frame *f)
{
    int step = (f->width + LY_PREVIEW_MAX_W - 1) / LY_PREVIEW_MAX_W;
    if (step < 1)
        step = 1;
    int w = f->width / step, h = f->height / step;
    pthread_mutex_lock(&p->lock);
    if (!p->pixels || p->w != w || p->h != h) {
        free(p->pixels);
        p->pixels = malloc((size_t)w * (size_t)h);
        p->w = p->pixels ? w : 0;
        p->h = p->pixels ? h : 0;
    }
    if (p->pixels) {
        for (int y = 0; y < h; y++) {
            const uint8_t *row = f->data + (size_t)(y * step) * (size_t)f->stride;
            uint8_t *out = p->pixels + (size_t)y * (size_t)w;
            for (int x = 0; x < w; x++)
                out[x] = row[(w - 1 - x) * step];
        }
        p->seq++;
    }
    pthread_mutex_unlock(&p->lock);
    return !atomic_exchange(&p->told, true);
}

bool ly_preview_take(struct ly_preview *p, uint8_t *buf, size_t bufsz, int *w, int *h,
                     uint64_t *seq)
{
    bool fresh = false;
    atomic_store(&p->told, false);
    pthread_mutex_lock(&p->lock);
    size_t need = (size_t)p->w * (size_t)p->h;
    if (p->pixels && p->seq != *seq && need <= bufsz) {
        memcpy(buf, p->pixels, need);
        *w = p->w;
        *h = p->h;
        *seq = p->seq;
        fresh = true;
    }
    pthread_mutex_unlock(&p->lock);
    return fresh;
}
