/* draw.c - shapes, icons, cached text and buttons for the kiosk's screens. See draw.h. */
#include "screens/draw.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_KEY_MAX 512 /* bytes of a string compared in the cache; longer ones are hashed */

struct slot {
    uint64_t hash;
    char text[TEXT_KEY_MAX];
    int px, weight, wrap_w, max_lines, align;
    unsigned rgb;
    SDL_Texture *tex;
    int w, h;
    uint64_t used;
};

struct ly_textcache {
    SDL_Renderer *r;
    uint64_t clock;
    struct slot slots[LY_TEXTCACHE_SLOTS];
};

struct ly_textcache *ly_textcache_new(SDL_Renderer *r)
{
    struct ly_textcache *c = calloc(1, sizeof *c);
    if (c)
        c->r = r;
    return c;
}

void ly_textcache_free(struct ly_textcache *c)
{
    if (!c)
        return;
    for (int i = 0; i < LY_TEXTCACHE_SLOTS; i++)
        if (c->slots[i].tex)
            SDL_DestroyTexture(c->slots[i].tex);
    free(c);
}

SDL_Color ly_rgb(unsigned rgb)
{
    SDL_Color c = {(Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255};
    return c;
}

static void set_colour(struct ly_dc *dc, unsigned rgb)
{
    SDL_SetRenderDrawColor(dc->r, (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255);
}

void ly_fill(struct ly_dc *dc, SDL_Rect r, unsigned rgb)
{
    set_colour(dc, rgb);
    SDL_RenderFillRect(dc->r, &r);
}

void ly_fill_convex(struct ly_dc *dc, const float *xy, int n, unsigned rgb)
{
    enum { MAXPTS = 96 };
    SDL_Vertex v[MAXPTS];
    int idx[(MAXPTS - 2) * 3];
    if (n < 3 || n > MAXPTS)
        return;
    for (int i = 0; i < n; i++) {
        v[i].position.x = xy[2 * i];
        v[i].position.y = xy[2 * i + 1];
        v[i].color = ly_rgb(rgb);
        v[i].tex_coord.x = v[i].tex_coord.y = 0;
    }
    for (int i = 0; i < n - 2; i++) {
        idx[3 * i] = 0;
        idx[3 * i + 1] = i + 1;
        idx[3 * i + 2] = i + 2;
    }
    SDL_RenderGeometry(dc->r, NULL, v, n, idx, (n - 2) * 3);
}

void ly_fill_circle(struct ly_dc *dc, float cx, float cy, float radius, unsigned rgb)
{
    enum { SEGS = 64 };
    float xy[SEGS * 2];
    for (int i = 0; i < SEGS; i++) {
        double a = 2 * M_PI * i / SEGS;
        xy[2 * i] = cx + radius * (float)cos(a);
        xy[2 * i + 1] = cy + radius * (float)sin(a);
    }
    ly_fill_convex(dc, xy, SEGS, rgb);
}

void ly_fill_round(struct ly_dc *dc, SDL_Rect r, int radius, unsigned rgb)
{
    enum { PER_CORNER = 10 };
    float xy[4 * PER_CORNER * 2];
    int k = 0;
    if (radius * 2 > r.w)
        radius = r.w / 2;
    if (radius * 2 > r.h)
        radius = r.h / 2;
    const float cx[4] = {(float)(r.x + r.w - radius), (float)(r.x + radius), (float)(r.x + radius),
                         (float)(r.x + r.w - radius)};
    const float cy[4] = {(float)(r.y + r.h - radius), (float)(r.y + r.h - radius),
                         (float)(r.y + radius), (float)(r.y + radius)};
    for (int c = 0; c < 4; c++) {
        for (int i = 0; i < PER_CORNER; i++) {
            double a = (c + (double)i / (PER_CORNER - 1)) * M_PI / 2;
            xy[k++] = cx[c] + (float)radius * (float)cos(a);
            xy[k++] = cy[c] + (float)radius * (float)sin(a);
        }
    }
    ly_fill_convex(dc, xy, 4 * PER_CORNER, rgb);
}

void ly_line(struct ly_dc *dc, float x0, float y0, float x1, float y1, float width, unsigned rgb)
{
    float dx = x1 - x0, dy = y1 - y0;
    float len = sqrtf(dx * dx + dy * dy);
    if (len <= 0)
        return;
    float nx = -dy / len * width / 2, ny = dx / len * width / 2;
    const float xy[8] = {x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny};
    ly_fill_convex(dc, xy, 4, rgb);
    ly_fill_circle(dc, x0, y0, width / 2, rgb); /* round caps and joins */
    ly_fill_circle(dc, x1, y1, width / 2, rgb);
}

void ly_frame_rect(struct ly_dc *dc, SDL_Rect r, int width, unsigned rgb)
{
    ly_fill(dc, (SDL_Rect){r.x, r.y, r.w, width}, rgb);
    ly_fill(dc, (SDL_Rect){r.x, r.y + r.h - width, r.w, width}, rgb);
    ly_fill(dc, (SDL_Rect){r.x, r.y, width, r.h}, rgb);
    ly_fill(dc, (SDL_Rect){r.x + r.w - width, r.y, width, r.h}, rgb);
}

static void tick(struct ly_dc *dc, float cx, float cy, float s, float stroke, unsigned fg)
{
    ly_line(dc, cx - 0.26f * s, cy + 0.02f * s, cx - 0.08f * s, cy + 0.2f * s, stroke, fg);
    ly_line(dc, cx - 0.08f * s, cy + 0.2f * s, cx + 0.28f * s, cy - 0.2f * s, stroke, fg);
}

void ly_icon(struct ly_dc *dc, enum ly_icon icon, float cx, float cy, float size, unsigned bg,
             unsigned fg)
{
    float r = size / 2, stroke = size * 0.11f;
    switch (icon) {
    case LY_ICON_GRANTED:
        ly_fill_circle(dc, cx, cy, r, bg);
        tick(dc, cx, cy, size, stroke, fg);
        break;
    case LY_ICON_ALREADY: {
        /* A square, where granted is a circle: the same tick, a different shape. */
        SDL_Rect sq = {(int)(cx - r * 0.9f), (int)(cy - r * 0.9f), (int)(size * 0.9f),
                       (int)(size * 0.9f)};
        ly_fill_round(dc, sq, (int)(size * 0.1f), bg);
        tick(dc, cx, cy, size * 0.9f, stroke, fg);
        break;
    }
    case LY_ICON_DENIED: {
        float xy[16];
        for (int i = 0; i < 8; i++) {
            double a = M_PI / 8 + i * M_PI / 4;
            xy[2 * i] = cx + r * (float)cos(a);
            xy[2 * i + 1] = cy + r * (float)sin(a);
        }
        ly_fill_convex(dc, xy, 8, bg);
        ly_line(dc, cx - r * 0.42f, cy - r * 0.42f, cx + r * 0.42f, cy + r * 0.42f, stroke, fg);
        ly_line(dc, cx + r * 0.42f, cy - r * 0.42f, cx - r * 0.42f, cy + r * 0.42f, stroke, fg);
        break;
    }
    case LY_ICON_NOTICE: {
        const float xy[6] = {
            cx, cy - r, cx + r * 1.05f, cy + r * 0.85f, cx - r * 1.05f, cy + r * 0.85f};
        ly_fill_convex(dc, xy, 3, bg);
        ly_line(dc, cx, cy - r * 0.4f, cx, cy + r * 0.25f, stroke * 0.9f, fg);
        ly_fill_circle(dc, cx, cy + r * 0.55f, stroke * 0.55f, fg);
        break;
    }
    }
}

/* --- text ---------------------------------------------------------------------------------- */

static uint64_t fnv(const char *s, uint64_t h)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

/* The cached texture of one string in one style, rendered on a miss. NULL when nothing could
 * be rendered (the reason is logged once per string). */
static struct slot *lookup(struct ly_dc *dc, const char *utf8, int px, int weight, unsigned rgb,
                           int wrap_w, int max_lines, int align)
{
    struct ly_textcache *c = dc->cache;
    uint64_t h = fnv(utf8, 1469598103934665603ULL);
    h = h * 31 + (uint64_t)px * 7919 + (uint64_t)weight * 104729 + rgb + (uint64_t)wrap_w * 131 +
        (uint64_t)max_lines * 17 + (uint64_t)align;
    struct slot *victim = &c->slots[0];
    c->clock++;
    for (int i = 0; i < LY_TEXTCACHE_SLOTS; i++) {
        struct slot *s = &c->slots[i];
        if (s->tex && s->hash == h && s->px == px && s->weight == weight && s->rgb == rgb &&
            s->wrap_w == wrap_w && s->max_lines == max_lines && s->align == align &&
            strncmp(s->text, utf8, TEXT_KEY_MAX - 1) == 0) {
            s->used = c->clock;
            return s;
        }
        if (s->used < victim->used)
            victim = s;
    }
    char err[256];
    SDL_Surface *surf =
        ly_text_render(dc->text, utf8, px, (enum ly_text_weight)weight, ly_rgb(rgb), wrap_w,
                       max_lines, (enum ly_text_align)align, err, sizeof err);
    if (!surf) {
        fprintf(stderr, "lanyard-kiosk: text not drawn: %s\n", err);
        return NULL;
    }
    SDL_Texture *tex = SDL_CreateTextureFromSurface(c->r, surf);
    int w = surf->w, hgt = surf->h;
    SDL_FreeSurface(surf);
    if (!tex)
        return NULL;
    if (victim->tex)
        SDL_DestroyTexture(victim->tex);
    *victim = (struct slot){.hash = h,
                            .px = px,
                            .weight = weight,
                            .rgb = rgb,
                            .wrap_w = wrap_w,
                            .max_lines = max_lines,
                            .align = align,
                            .tex = tex,
                            .w = w,
                            .h = hgt,
                            .used = c->clock};
    snprintf(victim->text, sizeof victim->text, "%s", utf8);
    return victim;
}

SDL_Rect ly_text(struct ly_dc *dc, const char *utf8, float px, enum ly_text_weight weight,
                 unsigned rgb, int x, int y, int wrap_w, int max_lines, enum ly_text_align align)
{
    SDL_Rect box = {x, y, 0, 0};
    /* START and END are the interface's sides: a left-to-right name in an Arabic screen lines
     * up on the right like the Arabic text around it, and the other way round. */
    if (dc->texts && utf8 && ly_dynbuf_add(dc->texts, utf8, strlen(utf8) + 1) != LY_DYN_OK)
        ly_dynbuf_reset(dc->texts); /* a trace past its cap starts over */
    enum ly_text_align para = align;
    if (align != LY_TEXT_CENTER && wrap_w > 0 && ly_text_is_rtl(utf8) != dc->rtl)
        para = align == LY_TEXT_START ? LY_TEXT_END : LY_TEXT_START;
    struct slot *s = lookup(dc, utf8, (int)(px + 0.5f), weight, rgb, wrap_w, max_lines, para);
    if (!s)
        return box;
    box.w = s->w;
    box.h = s->h;
    if (align == LY_TEXT_CENTER)
        box.x = x - s->w / 2;
    else if ((align == LY_TEXT_START) == dc->rtl)
        box.x = x - s->w;
    SDL_RenderCopy(dc->r, s->tex, NULL, &box);
    return box;
}

SDL_Point ly_text_extent(struct ly_dc *dc, const char *utf8, float px, enum ly_text_weight weight,
                         int wrap_w, int max_lines)
{
    SDL_Point p = {0, 0};
    if (!ly_text_size(dc->text, utf8, (int)(px + 0.5f), weight, wrap_w, max_lines, &p.x, &p.y))
        p.x = p.y = 0;
    return p;
}

/* --- widgets ----------------------------------------------------------------------------- */

void ly_widget_add(struct ly_dc *dc, const char *id, SDL_Rect r)
{
    if (dc->nwidgets >= LY_WIDGETS_MAX)
        return;
    struct ly_widget *w = &dc->widgets[dc->nwidgets++];
    snprintf(w->id, sizeof w->id, "%s", id);
    w->r = r;
}

void ly_button(struct ly_dc *dc, const char *id, SDL_Rect r, const char *label, unsigned bg,
               unsigned fg)
{
    ly_fill_round(dc, r, (int)(dc->u * 1.6f), bg);
    float px = dc->u * 4.2f;
    if (px > r.h * 0.42f)
        px = r.h * 0.42f;
    int pad = (int)(dc->u * 1.5f);
    SDL_Point ext = ly_text_extent(dc, label, px, LY_TEXT_BOLD, r.w - 2 * pad, 2);
    ly_text(dc, label, px, LY_TEXT_BOLD, fg, r.x + r.w / 2, r.y + (r.h - ext.y) / 2, r.w - 2 * pad,
            2, LY_TEXT_CENTER);
    ly_widget_add(dc, id, r);
}

const struct ly_widget *ly_widget_at(const struct ly_dc *dc, int x, int y)
{
    for (int i = dc->nwidgets - 1; i >= 0; i--) {
        const SDL_Rect *r = &dc->widgets[i].r;
        if (x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h)
            return &dc->widgets[i];
    }
    return NULL;
}

const struct ly_widget *ly_widget_find(const struct ly_dc *dc, const char *id)
{
    for (int i = 0; i < dc->nwidgets; i++)
        if (strcmp(dc->widgets[i].id, id) == 0)
            return &dc->widgets[i];
    return NULL;
}

SDL_Rect ly_mirror(const struct ly_dc *dc, SDL_Rect r)
{
    if (dc->rtl)
        r.x = dc->w - r.x - r.w;
    return r;
}
