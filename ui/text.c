/* text.c - shaped, bidirectional, multi-script text. See text.h.
 *
 * One call: decode the UTF-8 into characters; split paragraphs at line breaks; per paragraph,
 * FriBidi's embedding levels, each character's script (Common and Inherited characters take the
 * script around them) and face (the first of the script's fallback chain with a glyph for it);
 * break lines in logical order, greedily, measuring candidate lines exactly; per line, runs of
 * one face, script and level, put in visual order by rule L2 and shaped by HarfBuzz through
 * SDL_ttf with the run's script and direction; the runs drawn side by side on one baseline. */
#include "text.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

#include "fail.h"
#include "fontset.h"
#include "unichar.h"
#include "utf8.h"

#define ELLIPSIS 0x2026u

struct ly_text {
    struct ly_fontset *fonts;
};

/* Character flags. */
enum {
    CH_HIDDEN = 1,  /* not drawn: bidi controls, zero-width space, soft hyphen, BOM */
    CH_SPACE = 2,   /* a space a line may break after; not drawn at a line's end */
    CH_BREAK = 4,   /* a line may start at this character */
    CH_CONT = 8,    /* belongs to the previous character's cluster: never break before it */
    CH_COMMON = 16, /* its own script is Common or Inherited */
};

struct ch {
    uint32_t off; /* of its UTF-8 in layout.u8 */
    uint8_t len;  /* UTF-8 bytes */
    uint8_t flags;
    uint8_t script; /* resolved */
    uint8_t base;   /* its paragraph's embedding level: 0 left-to-right, 1 right-to-left */
    int16_t face;
};

struct line {
    size_t a, b; /* characters [a, b), trailing spaces left out */
    FriBidiLevel base;
    bool ellipsis;
    int w;
};

struct run {
    size_t a, b; /* characters [a, b); a == b for the ellipsis */
    int face;
    uint8_t script;
    FriBidiLevel level;
};

struct layout {
    struct ly_text *t;
    int px;
    bool bold;
    size_t n; /* characters */
    struct ch *c;
    FriBidiChar *cp;
    FriBidiCharType *bt;
    FriBidiBracketType *bk;
    FriBidiLevel *lv;
    size_t *cand;    /* scratch: candidate line ends */
    struct run *run; /* scratch: one line's runs */
    char *u8;        /* the characters, encoded again */
    char *buf;       /* scratch: one run's UTF-8 */
    struct line line[LY_TEXT_LINES_MAX];
    int nlines, maxlines;
    int wrap;    /* width a line must fit in */
    bool nowrap; /* wrap_w 0: one line per paragraph, cut with an ellipsis past LY_TEXT_DIM_MAX */
    int asc, desc, lineh;
    int ell_face, ell_w;
    char *err;
    size_t errsz;
};

/* --- characters ------------------------------------------------------------------------------ */

/* Reads the character at s[*i] (n bytes), normalized: CR LF, CR, NEL and the Unicode line and
 * paragraph separators become "\n", a tab a space; other control characters give nothing.
 * Returns false when there is no character to keep (*i still advances). */
static bool next_char(const char *s, size_t n, size_t *i, uint32_t *out)
{
    unsigned long cp;
    size_t len = ly_utf8_decode(s + *i, n - *i, &cp);
    if (len == 0) {
        cp = 0xFFFD;
        len = 1;
    }
    *i += len;
    if (cp == '\r') {
        if (*i < n && s[*i] == '\n')
            return false;
        cp = '\n';
    }
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
        cp = '\n';
    if (cp == '\t')
        cp = ' ';
    if ((cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp <= 0x9F))
        return false;
    *out = (uint32_t)cp;
    return true;
}

/* --- layout ---------------------------------------------------------------------------------- */

static void layout_free(struct layout *L)
{
    free(L->c);
    free(L->cp);
    free(L->bt);
    free(L->bk);
    free(L->lv);
    free(L->cand);
    free(L->run);
    free(L->u8);
    free(L->buf);
}

/* Decodes s (n bytes) into L's characters, without the line breaks at the end. */
static bool decode(struct layout *L, const char *s, size_t n)
{
    size_t cap = n + 1; /* characters are never more than bytes (+ the ellipsis) */
    L->c = calloc(cap, sizeof *L->c);
    L->cp = calloc(cap, sizeof *L->cp);
    L->bt = calloc(cap, sizeof *L->bt);
    L->bk = calloc(cap, sizeof *L->bk);
    L->lv = calloc(cap, sizeof *L->lv);
    L->cand = calloc(cap + 1, sizeof *L->cand);
    L->run = calloc(cap + 1, sizeof *L->run);
    L->u8 = malloc(3 * n + 8); /* a byte becomes at most 3 (U+FFFD) */
    L->buf = malloc(3 * n + 8);
    if (!L->c || !L->cp || !L->bt || !L->bk || !L->lv || !L->cand || !L->run || !L->u8 || !L->buf)
        return ly_fail(L->err, L->errsz, "out of memory");
    size_t i = 0, k = 0, off = 0;
    while (i < n) {
        uint32_t cp;
        if (!next_char(s, n, &i, &cp))
            continue;
        L->cp[k] = cp;
        L->c[k].off = (uint32_t)off;
        L->c[k].len = (uint8_t)ly_utf8_encode(cp, L->u8 + off);
        off += L->c[k].len;
        k++;
    }
    while (k > 0 && L->cp[k - 1] == '\n')
        k--;
    L->n = k;
    return true;
}

/* Puts run r's characters (the ellipsis for an empty run), without hidden ones, into L->buf as
 * UTF-8. Returns their length in bytes. */
static size_t run_text(struct layout *L, const struct run *r)
{
    size_t len = 0;
    if (r->a == r->b) {
        len = ly_utf8_encode(ELLIPSIS, L->buf);
    } else {
        for (size_t i = r->a; i < r->b; i++) {
            if (L->c[i].flags & CH_HIDDEN)
                continue;
            memcpy(L->buf + len, L->u8 + L->c[i].off, L->c[i].len);
            len += L->c[i].len;
        }
    }
    L->buf[len] = '\0';
    return len;
}

/* Width in pixels of run r, shaped; -1 with a message on error. */
static int run_width(struct layout *L, const struct run *r, const char **text)
{
    size_t len = run_text(L, r);
    if (text)
        *text = L->buf;
    if (len == 0)
        return 0;
    TTF_Font *f = ly_fontset_font(L->t->fonts, r->face, L->px);
    if (f == NULL) {
        ly_fail(L->err, L->errsz, "cannot open font %s",
                ly_fontset_face_name(L->t->fonts, r->face));
        return -1;
    }
    TTF_SetFontDirection(f, (r->level & 1) ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(f, ly_script_tag((enum ly_script)r->script));
    int w = 0, h = 0;
    if (TTF_SizeUTF8(f, L->buf, &w, &h) != 0) {
        ly_fail(L->err, L->errsz, "cannot measure text: %s", TTF_GetError());
        return -1;
    }
    return w;
}

/* Splits characters [a, b) into runs of one face, script and level, in logical order; the
 * ellipsis, when asked, is a last run at level base. Returns the number of runs. */
static size_t make_runs(struct layout *L, size_t a, size_t b, bool ellipsis, FriBidiLevel base)
{
    size_t nr = 0;
    for (size_t i = a; i < b; i++) {
        const struct ch *c = &L->c[i];
        if (c->flags & CH_HIDDEN)
            continue;
        struct run *last = nr ? &L->run[nr - 1] : NULL;
        if (last && last->face == c->face && last->script == c->script && last->level == L->lv[i]) {
            last->b = i + 1;
            continue;
        }
        L->run[nr++] = (struct run){i, i + 1, c->face, c->script, L->lv[i]};
    }
    if (ellipsis) {
        uint8_t script = nr ? L->run[nr - 1].script : LY_SCRIPT_COMMON;
        L->run[nr++] = (struct run){b, b, L->ell_face, script, base};
    }
    return nr;
}

/* Width of characters [a, b) as one line; -1 on error. */
static int measure(struct layout *L, size_t a, size_t b)
{
    size_t nr = make_runs(L, a, b, false, 0);
    int w = 0;
    for (size_t i = 0; i < nr; i++) {
        int rw = run_width(L, &L->run[i], NULL);
        if (rw < 0)
            return -1;
        w += rw;
    }
    return w;
}

/* End of a line that would end before q: without its trailing spaces and hidden characters. */
static size_t trim(const struct layout *L, size_t a, size_t q)
{
    while (q > a && (L->c[q - 1].flags & (CH_SPACE | CH_HIDDEN)))
        q--;
    return q;
}

/* 1 when [a, trim(q)) plus extra pixels fits the line width, 0 when not, -1 on error. */
static int fits(struct layout *L, size_t a, size_t q, int extra)
{
    int w = measure(L, a, trim(L, a, q));
    return w < 0 ? -1 : w + extra <= L->wrap;
}

/* The largest k in [0, count) with cand[k] fitting (starting at a), found by galloping then
 * bisecting (widths grow with the end); -1 when not even cand[0] fits, -2 on error. */
static long last_fitting(struct layout *L, size_t a, size_t count, int extra)
{
    int ok = fits(L, a, L->cand[0], extra);
    if (ok <= 0)
        return ok < 0 ? -2 : -1;
    size_t lo = 0, hi = count; /* cand[lo] fits; cand[hi] does not (or is past the end) */
    for (size_t step = 1; lo + step < count; step *= 2) {
        ok = fits(L, a, L->cand[lo + step], extra);
        if (ok < 0)
            return -2;
        if (!ok) {
            hi = lo + step;
            break;
        }
        lo += step;
    }
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        ok = fits(L, a, L->cand[mid], extra);
        if (ok < 0)
            return -2;
        if (ok)
            lo = mid;
        else
            hi = mid;
    }
    return (long)lo;
}

/* Cluster boundaries in (a, b] into cand; returns how many. */
static size_t cluster_ends(struct layout *L, size_t a, size_t b)
{
    size_t k = 0;
    for (size_t q = a + 1; q <= b; q++)
        if (q == b || !(L->c[q].flags & CH_CONT))
            L->cand[k++] = q;
    return k;
}

/* Chooses where the line starting at a (in a paragraph ending at pe) ends, into *end. */
static bool line_end(struct layout *L, size_t a, size_t pe, size_t *end)
{
    size_t k = 0;
    for (size_t q = a + 1; q <= pe; q++)
        if ((q == pe || (L->c[q].flags & CH_BREAK)) && trim(L, a, q) > a)
            L->cand[k++] = q;
    if (k == 0) { /* only spaces and hidden characters are left */
        *end = pe;
        return true;
    }
    size_t first = L->cand[0];
    long best = last_fitting(L, a, k, 0);
    if (best == -2)
        return false;
    if (best >= 0) {
        *end = L->cand[best];
        return true;
    }
    /* The first word is wider than the line: break it between clusters, at least one. */
    k = cluster_ends(L, a, first);
    best = last_fitting(L, a, k, 0);
    if (best == -2)
        return false;
    *end = L->cand[best < 0 ? 0 : best];
    return true;
}

static bool add_line(struct layout *L, size_t a, size_t b, FriBidiLevel base, bool ellipsis)
{
    L->line[L->nlines++] = (struct line){a, b, base, ellipsis, 0};
    return true;
}

/* Breaks paragraph [ps, pe) into lines. Sets *cut when max_lines stops it. */
static bool break_paragraph(struct layout *L, size_t ps, size_t pe, bool *cut)
{
    FriBidiLevel base = pe > ps ? L->c[ps].base : 0;
    size_t pos = ps;
    for (bool first = true;; first = false) {
        if (!first) {
            while (pos < pe && (L->c[pos].flags & (CH_SPACE | CH_HIDDEN)))
                pos++;
            if (pos >= pe)
                return true;
        }
        if (L->nlines == L->maxlines) {
            *cut = true;
            return true;
        }
        if (pos >= pe)
            return add_line(L, pos, pos, base, false);
        size_t end = pe;
        if (L->nowrap) {
            int ok = fits(L, pos, pe, 0);
            if (ok < 0)
                return false;
            return add_line(L, pos, trim(L, pos, pe), base, !ok);
        }
        if (!line_end(L, pos, pe, &end))
            return false;
        add_line(L, pos, trim(L, pos, end), base, false);
        pos = end;
    }
}

/* Rules P2 and P3: whether the first L, R or AL character outside isolates (LRI, RLI or FSI up
 * to the matching PDI) is right-to-left; false when there is none. (FriBidi 1.0.8's
 * fribidi_get_par_direction does not skip isolates.) */
static bool base_direction(const FriBidiCharType *bt, size_t n)
{
    size_t isolates = 0;
    for (size_t i = 0; i < n; i++) {
        FriBidiCharType t = bt[i];
        if (t == FRIBIDI_TYPE_LRI || t == FRIBIDI_TYPE_RLI || t == FRIBIDI_TYPE_FSI)
            isolates++;
        else if (t == FRIBIDI_TYPE_PDI && isolates > 0)
            isolates--;
        else if (isolates == 0 && t == FRIBIDI_TYPE_LTR)
            return false;
        else if (isolates == 0 && (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL))
            return true;
    }
    return false;
}

/* Bidi levels, scripts, faces and break flags of paragraph [ps, pe). */
static bool analyse_paragraph(struct layout *L, size_t ps, size_t pe, bool used[])
{
    size_t len = pe - ps;
    if (len == 0)
        return true;
    fribidi_get_bidi_types(L->cp + ps, (FriBidiStrIndex)len, L->bt + ps);
    fribidi_get_bracket_types(L->cp + ps, (FriBidiStrIndex)len, L->bt + ps, L->bk + ps);
    FriBidiParType dir = base_direction(L->bt + ps, len) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    if (fribidi_get_par_embedding_levels_ex(L->bt + ps, L->bk + ps, (FriBidiStrIndex)len, &dir,
                                            L->lv + ps) == 0)
        return ly_fail(L->err, L->errsz, "bidi: out of memory");
    uint8_t base = dir == FRIBIDI_PAR_RTL ? 1 : 0;

    /* Scripts: Common and Inherited characters take the script before them, or at the start of
     * the paragraph the first one after them. */
    int last = -1, first = -1;
    for (size_t i = ps; i < pe; i++) {
        struct ch *c = &L->c[i];
        uint32_t cp = L->cp[i];
        c->base = base;
        if (ly_char_hidden(cp))
            c->flags |= CH_HIDDEN;
        if (ly_char_space(cp))
            c->flags |= CH_SPACE;
        if (i > ps && (ly_char_cluster_mark(cp, L->bt[i] == FRIBIDI_TYPE_NSM) ||
                       ly_char_joins_next(L->cp[i - 1])))
            c->flags |= CH_CONT;
        enum ly_script s = ly_script_of(cp);
        if (s == LY_SCRIPT_COMMON || s == LY_SCRIPT_INHERITED) {
            c->flags |= CH_COMMON;
            c->script = last < 0 ? LY_SCRIPT_COUNT : (uint8_t)last;
        } else {
            c->script = (uint8_t)s;
            last = s;
            if (first < 0)
                first = s;
        }
    }
    for (size_t i = ps; i < pe && L->c[i].script == LY_SCRIPT_COUNT; i++)
        L->c[i].script = first < 0 ? LY_SCRIPT_COMMON : (uint8_t)first;

    /* Break opportunities: after spaces and a zero-width space, around ideographs. */
    for (size_t i = ps + 1; i < pe; i++) {
        struct ch *c = &L->c[i];
        uint32_t cp = L->cp[i], prev = L->cp[i - 1];
        if (c->flags & (CH_CONT | CH_SPACE))
            continue;
        if ((L->c[i - 1].flags & CH_SPACE) || prev == 0x200B ||
            ((ly_char_ideographic(prev) || ly_char_ideographic(cp)) &&
             !ly_char_no_break_after(prev) && !ly_char_no_break_before(cp)))
            c->flags |= CH_BREAK;
    }

    /* Faces: a mark stays with its base; a Common character stays in the face before it when
     * that face has it (so that spaces and digits do not split a shaped run); anything else
     * takes the first face of its script's chain with a glyph. */
    int prev = -1;
    for (size_t i = ps; i < pe; i++) {
        struct ch *c = &L->c[i];
        uint32_t cp = L->cp[i];
        if (c->flags & CH_HIDDEN) {
            c->face = -1;
            continue;
        }
        int face;
        if (prev >= 0 && ((c->flags & CH_CONT) || ly_script_of(cp) == LY_SCRIPT_INHERITED))
            face = prev;
        else if (prev >= 0 && (c->flags & CH_COMMON) &&
                 ly_fontset_has(L->t->fonts, prev, cp, L->px))
            face = prev;
        else
            face = ly_fontset_pick(L->t->fonts, (enum ly_script)c->script, L->bold, cp, L->px);
        if (face < 0)
            return ly_fail(L->err, L->errsz, "no font opens for U+%04X", (unsigned)cp);
        c->face = (int16_t)face;
        used[face] = true;
        prev = face;
    }
    return true;
}

/* Line height: the tallest ascent and descent of the faces in use. */
static bool metrics(struct layout *L, const bool used[], int nfaces)
{
    L->asc = L->desc = 0;
    for (int f = 0; f < nfaces; f++) {
        if (!used[f])
            continue;
        TTF_Font *font = ly_fontset_font(L->t->fonts, f, L->px);
        if (font == NULL)
            return ly_fail(L->err, L->errsz, "cannot open font %s",
                           ly_fontset_face_name(L->t->fonts, f));
        int asc = TTF_FontAscent(font), desc = TTF_FontHeight(font) - asc;
        L->asc = asc > L->asc ? asc : L->asc;
        L->desc = desc > L->desc ? desc : L->desc;
    }
    L->lineh = L->asc + L->desc;
    if (L->lineh < 1)
        L->lineh = 1;
    return true;
}

/* Shortens line ln until it fits with the ellipsis after it: at the end of a word when one
 * fits, else between clusters. */
static bool fit_ellipsis(struct layout *L, struct line *ln)
{
    int ok = fits(L, ln->a, ln->b, L->ell_w);
    if (ok != 0)
        return ok > 0;
    if (ln->b == ln->a)
        return true;
    size_t k = 0;
    for (size_t q = ln->a + 1; q < ln->b; q++)
        if ((L->c[q].flags & CH_BREAK) && trim(L, ln->a, q) > ln->a)
            L->cand[k++] = q;
    long best = k ? last_fitting(L, ln->a, k, L->ell_w) : -1;
    if (best == -2)
        return false;
    if (best >= 0) {
        ln->b = trim(L, ln->a, L->cand[best]);
        return true;
    }
    k = cluster_ends(L, ln->a, ln->b);
    best = last_fitting(L, ln->a, k, L->ell_w);
    if (best == -2)
        return false;
    ln->b = best < 0 ? ln->a : trim(L, ln->a, L->cand[best]);
    return true;
}

/* Lays out text s (n bytes) into L->line; validates every argument first. */
static bool layout(struct layout *L, struct ly_text *t, const char *s, int px,
                   enum ly_text_weight w, int wrap_w, int max_lines, char *err, size_t errsz)
{
    memset(L, 0, sizeof *L);
    L->err = err;
    L->errsz = errsz;
    if (t == NULL || s == NULL)
        return ly_fail(err, errsz, "no text");
    size_t n = strnlen(s, LY_TEXT_BYTES_MAX + 1);
    if (n > LY_TEXT_BYTES_MAX)
        return ly_fail(err, errsz, "text longer than %d bytes", LY_TEXT_BYTES_MAX);
    if (px < LY_TEXT_PX_MIN || px > LY_TEXT_PX_MAX)
        return ly_fail(err, errsz, "text size %d px is not in %d..%d", px, LY_TEXT_PX_MIN,
                       LY_TEXT_PX_MAX);
    if (wrap_w < 0 || wrap_w > LY_TEXT_DIM_MAX)
        return ly_fail(err, errsz, "wrap width %d is not in 0..%d", wrap_w, LY_TEXT_DIM_MAX);
    if (max_lines < 0 || max_lines > LY_TEXT_LINES_MAX)
        return ly_fail(err, errsz, "max_lines %d is not in 0..%d", max_lines, LY_TEXT_LINES_MAX);
    if (w != LY_TEXT_REGULAR && w != LY_TEXT_BOLD)
        return ly_fail(err, errsz, "unknown weight %d", (int)w);
    L->t = t;
    L->px = px;
    L->bold = w == LY_TEXT_BOLD;
    L->nowrap = wrap_w == 0;
    L->wrap = wrap_w ? wrap_w : LY_TEXT_DIM_MAX;
    if (!decode(L, s, n))
        return false;

    bool used[LY_FONTSET_FACES_MAX] = {false};
    for (size_t ps = 0, pe; ps <= L->n; ps = pe + 1) {
        for (pe = ps; pe < L->n && L->cp[pe] != '\n'; pe++)
            ;
        if (!analyse_paragraph(L, ps, pe, used))
            return false;
    }
    /* The plain face of the weight gives the height of a Latin (or empty) line. */
    int plain = ly_fontset_pick(t->fonts, LY_SCRIPT_LATIN, L->bold, ' ', px);
    L->ell_face = ly_fontset_pick(t->fonts, LY_SCRIPT_COMMON, L->bold, ELLIPSIS, px);
    if (plain < 0 || L->ell_face < 0)
        return ly_fail(err, errsz, "no font opens");
    used[plain] = true;
    if (!metrics(L, used, (int)(sizeof used / sizeof used[0])))
        return false;
    struct run ell = {0, 0, L->ell_face, LY_SCRIPT_COMMON, 0};
    L->ell_w = run_width(L, &ell, NULL);
    if (L->ell_w < 0)
        return false;

    L->maxlines = max_lines ? max_lines : LY_TEXT_LINES_MAX;
    if (L->maxlines > LY_TEXT_DIM_MAX / L->lineh)
        L->maxlines = LY_TEXT_DIM_MAX / L->lineh > 0 ? LY_TEXT_DIM_MAX / L->lineh : 1;
    bool cut = false;
    for (size_t ps = 0, pe; ps <= L->n && !cut; ps = pe + 1) {
        for (pe = ps; pe < L->n && L->cp[pe] != '\n'; pe++)
            ;
        if (!break_paragraph(L, ps, pe, &cut))
            return false;
    }
    if (cut)
        L->line[L->nlines - 1].ellipsis = true;
    for (int i = 0; i < L->nlines; i++) {
        struct line *ln = &L->line[i];
        if (ln->ellipsis && !fit_ellipsis(L, ln))
            return false;
        ln->w = measure(L, ln->a, ln->b);
        if (ln->w < 0)
            return false;
        if (ln->ellipsis)
            ln->w += L->ell_w;
    }
    return true;
}

static void layout_size(const struct layout *L, int wrap_w, int *wout, int *hout)
{
    int w = wrap_w;
    if (w == 0) {
        w = 1;
        for (int i = 0; i < L->nlines; i++)
            w = L->line[i].w > w ? L->line[i].w : w;
        w = w > LY_TEXT_DIM_MAX ? LY_TEXT_DIM_MAX : w;
    }
    *wout = w;
    *hout = L->nlines * L->lineh;
}

/* --- drawing --------------------------------------------------------------------------------- */

/* Puts runs [0, nr) in visual order: rule L2, reversing every sequence at each level from the
 * highest down to the lowest odd one. */
static void reorder(struct run *r, size_t nr)
{
    int hi = 0, lo_odd = FRIBIDI_BIDI_MAX_EXPLICIT_LEVEL + 2;
    for (size_t i = 0; i < nr; i++) {
        hi = r[i].level > hi ? r[i].level : hi;
        if ((r[i].level & 1) && r[i].level < lo_odd)
            lo_odd = r[i].level;
    }
    for (int lvl = hi; lvl >= lo_odd && lvl > 0; lvl--) {
        for (size_t i = 0; i < nr;) {
            if (r[i].level < lvl) {
                i++;
                continue;
            }
            size_t j = i;
            while (j < nr && r[j].level >= lvl)
                j++;
            for (size_t a = i, b = j - 1; a < b; a++, b--) {
                struct run tmp = r[a];
                r[a] = r[b];
                r[b] = tmp;
            }
            i = j;
        }
    }
}

static bool draw_line(struct layout *L, const struct line *ln, SDL_Surface *out, int y,
                      enum ly_text_align align, SDL_Color fg)
{
    bool rtl = ln->base & 1;
    int x;
    if (align == LY_TEXT_CENTER)
        x = (out->w - ln->w) / 2;
    else if ((align == LY_TEXT_START) == rtl)
        x = out->w - ln->w;
    else
        x = 0;
    size_t nr = make_runs(L, ln->a, ln->b, ln->ellipsis, ln->base);
    reorder(L->run, nr);
    for (size_t i = 0; i < nr; i++) {
        const char *text;
        int rw = run_width(L, &L->run[i], &text);
        if (rw < 0)
            return false;
        if (rw == 0)
            continue;
        TTF_Font *f = ly_fontset_font(L->t->fonts, L->run[i].face, L->px);
        SDL_Surface *s = f ? TTF_RenderUTF8_Blended(f, text, fg) : NULL;
        if (s == NULL)
            return ly_fail(L->err, L->errsz, "cannot draw text: %s", TTF_GetError());
        /* SDL_ttf grows a run's surface for marks stacked above the font's ascent and moves
         * the baseline down by as much; stacking below the descent is rare in the Noto UI
         * faces, so the extra height is taken as being above. */
        int above = s->h - TTF_FontHeight(f);
        SDL_Rect at = {x, y + L->asc - TTF_FontAscent(f) - (above > 0 ? above : 0), 0, 0};
        SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
        int rc = SDL_BlitSurface(s, NULL, out, &at);
        SDL_FreeSurface(s);
        if (rc != 0)
            return ly_fail(L->err, L->errsz, "cannot draw text: %s", SDL_GetError());
        x += rw;
    }
    return true;
}

/* --- API ------------------------------------------------------------------------------------- */

bool ly_text_open(const char *font_dirs, const char *prefer, struct ly_text **out, char *err,
                  size_t errsz)
{
    struct ly_text *t = calloc(1, sizeof *t);
    if (t == NULL)
        return ly_fail(err, errsz, "out of memory");
    if (!ly_fontset_open(font_dirs, prefer, &t->fonts, err, errsz)) {
        free(t);
        return false;
    }
    *out = t;
    return true;
}

void ly_text_close(struct ly_text *t)
{
    if (t == NULL)
        return;
    ly_fontset_close(t->fonts);
    free(t);
}

SDL_Surface *ly_text_render(struct ly_text *t, const char *utf8, int px, enum ly_text_weight w,
                            SDL_Color fg, int wrap_w, int max_lines, enum ly_text_align align,
                            char *err, size_t errsz)
{
    struct layout L;
    SDL_Surface *out = NULL;
    if (align != LY_TEXT_START && align != LY_TEXT_CENTER && align != LY_TEXT_END) {
        ly_fail(err, errsz, "unknown alignment %d", (int)align);
        return NULL;
    }
    if (!layout(&L, t, utf8, px, w, wrap_w, max_lines, err, errsz))
        goto end;
    int ow, oh;
    layout_size(&L, wrap_w, &ow, &oh);
    out = SDL_CreateRGBSurfaceWithFormat(0, ow, oh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (out == NULL) {
        ly_fail(err, errsz, "cannot make a %dx%d surface: %s", ow, oh, SDL_GetError());
        goto end;
    }
    /* Transparent, in the text's colour, so that blending the runs over it keeps the colour. */
    SDL_FillRect(out, NULL, SDL_MapRGBA(out->format, fg.r, fg.g, fg.b, 0));
    for (int i = 0; i < L.nlines; i++) {
        if (!draw_line(&L, &L.line[i], out, i * L.lineh, align, fg)) {
            SDL_FreeSurface(out);
            out = NULL;
            goto end;
        }
    }
end:
    layout_free(&L);
    return out;
}

const char *ly_text_missing_scripts(const struct ly_text *t)
{
    return ly_fontset_missing(t->fonts);
}

bool ly_text_runs(struct ly_text *t, const char *utf8, int px, enum ly_text_weight w,
                  void (*fn)(void *ctx, const struct ly_text_run *run), void *ctx, char *err,
                  size_t errsz)
{
    struct layout L;
    bool ok = layout(&L, t, utf8, px, w, 0, 0, err, errsz);
    for (int i = 0; ok && i < L.nlines; i++) {
        const struct line *ln = &L.line[i];
        size_t nr = make_runs(&L, ln->a, ln->b, ln->ellipsis, ln->base);
        reorder(L.run, nr);
        for (size_t k = 0; k < nr; k++) {
            const struct run *r = &L.run[k];
            if (run_text(&L, r) == 0)
                continue;
            struct ly_text_run out = {.utf8 = L.buf,
                                      .script = ly_script_tag((enum ly_script)r->script),
                                      .rtl = (r->level & 1) != 0};
            out.file = ly_fontset_face_file(t->fonts, r->face, &out.index);
            fn(ctx, &out);
        }
    }
    layout_free(&L);
    return ok;
}

bool ly_text_size(struct ly_text *t, const char *utf8, int px, enum ly_text_weight w, int wrap_w,
                  int max_lines, int *wout, int *hout)
{
    struct layout L;
    char err[8];
    bool ok = layout(&L, t, utf8, px, w, wrap_w, max_lines, err, sizeof err);
    if (ok)
        layout_size(&L, wrap_w, wout, hout);
    layout_free(&L);
    return ok;
}

bool ly_text_is_rtl(const char *utf8)
{
    if (utf8 == NULL)
        return false;
    size_t n = strnlen(utf8, LY_TEXT_BYTES_MAX);
    FriBidiChar *cp = malloc((n + 1) * sizeof *cp);
    FriBidiCharType *bt = malloc((n + 1) * sizeof *bt);
    bool rtl = false;
    if (cp && bt) {
        size_t i = 0, k = 0;
        while (i < n) {
            uint32_t c;
            if (!next_char(utf8, n, &i, &c))
                continue;
            if (c == '\n')
                break;
            cp[k++] = c;
        }
        fribidi_get_bidi_types(cp, (FriBidiStrIndex)k, bt);
        rtl = base_direction(bt, k);
    }
    free(cp);
    free(bt);
    return rtl;
}
