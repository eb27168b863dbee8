/* jsonr.c - bounded JSON reader. See jsonr.h. A recursive-descent parser (recursion is bounded by
 * LY_JSON_DEPTH_MAX) that appends values to one growing array of nodes, linking the members of a
 * container by index while parsing and turning the indices into pointers once the array stops
 * moving. Decoded strings go into one buffer of the input's size: a decoded string with its NUL
 * never takes more bytes than its literal with quotes, nor a number than its text and the byte
 * after it. */
#include "common/jsonr.h"

#include <stdlib.h>
#include <string.h>

#include "common/dynbuf.h"
#include "common/fail.h"
#include "common/ly_limits.h"
#include "common/num.h"
#include "common/utf8.h"

struct ly_jsonr_val {
    enum ly_jsonr_type type;
    size_t count;                     /* members of a container */
    size_t len;                       /* bytes of a string */
    const char *s;                    /* string or number text */
    const char *key;                  /* key when a member of an object */
    const struct ly_jsonr_val *first; /* first member of a container */
    const struct ly_jsonr_val *next;  /* next member of the same container */
    size_t first_i, next_i;           /* the same as index + 1 (0: none), while parsing */
};

struct ly_jsonr {
    struct ly_jsonr_val *nodes;
    size_t n, cap;
    char *strs;
    size_t strs_used, strs_cap;
};

struct parser {
    struct ly_jsonr *doc;
    const char *p, *end, *start;
    char *err;
    size_t errsz;
    bool nomem; /* the failure was an allocation's, not the text's */
};

static bool fail_at(struct parser *ps, const char *what)
{
    return ly_fail(ps->err, ps->errsz, "JSON: %s at byte %zu", what, (size_t)(ps->p - ps->start));
}

static bool fail_nomem(struct parser *ps)
{
    ps->nomem = true;
    return fail_at(ps, "out of memory");
}

static void skip_ws(struct parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

/* Appends a node; stores its index in *idx. */
static bool new_node(struct parser *ps, enum ly_jsonr_type type, size_t *idx)
{
    struct ly_jsonr *d = ps->doc;
    if (d->n >= LY_JSON_NODES_MAX)
        return fail_at(ps, "too many values");
    struct ly_jsonr_val *v =
        ly_array_push((void **)&d->nodes, &d->n, &d->cap, sizeof *d->nodes, LY_JSON_NODES_MAX);
    if (v == NULL)
        return fail_nomem(ps);
    v->type = type;
    *idx = d->n - 1;
    return true;
}

static bool hex4(struct parser *ps, unsigned long *out)
{
    if (ps->end - ps->p < 4)
        return fail_at(ps, "truncated \\u escape");
    unsigned long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = ly_num_hex_digit(ps->p[i]);
        if (h < 0)
            return fail_at(ps, "bad \\u escape");
        v = v << 4 | (unsigned long)h;
    }
    ps->p += 4;
    *out = v;
    return true;
}

static size_t put_utf8(char *o, unsigned long cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Reads an escape after its backslash into o; returns the bytes written or 0 on error. */
static size_t escape(struct parser *ps, char *o)
{
    char c = *ps->p++;
    switch (c) {
    case '"':
    case '\\':
    case '/':
        o[0] = c;
        return 1;
    case 'b':
        o[0] = '\b';
        return 1;
    case 'f':
        o[0] = '\f';
        return 1;
    case 'n':
        o[0] = '\n';
        return 1;
    case 'r':
        o[0] = '\r';
        return 1;
    case 't':
        o[0] = '\t';
        return 1;
    case 'u':
        break;
    default:
        ps->p--;
        fail_at(ps, "bad escape");
        return 0;
    }
    unsigned long cp, lo;
    if (!hex4(ps, &cp))
        return 0;
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
        fail_at(ps, "lone low surrogate");
        return 0;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u') {
            fail_at(ps, "lone high surrogate");
            return 0;
        }
        ps->p += 2;
        if (!hex4(ps, &lo))
            return 0;
        if (lo < 0xDC00 || lo > 0xDFFF) {
            fail_at(ps, "lone high surrogate");
            return 0;
        }
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    if (cp == 0) {
        fail_at(ps, "\\u0000 in a string");
        return 0;
    }
    return put_utf8(o, cp);
}

/* Parses a string literal (at its opening quote) into the string buffer. */
static bool string(struct parser *ps, const char **out, size_t *outlen)
{
    struct ly_jsonr *d = ps->doc;
    char *o = d->strs + d->strs_used, *o0 = o;
    ps->p++; /* the quote */
    for (;;) {
        if (ps->p >= ps->end)
            return fail_at(ps, "unterminated string");
        if ((size_t)(o - o0) > LY_JSON_STRING_MAX)
            return fail_at(ps, "string too long");
        unsigned char c = (unsigned char)*ps->p;
        if (c == '"') {
            ps->p++;
            break;
        }
        if (c < 0x20)
            return fail_at(ps, "control character in a string");
        if (c == '\\') {
            ps->p++;
            if (ps->p >= ps->end)
                return fail_at(ps, "unterminated string");
            size_t k = escape(ps, o);
            if (k == 0)
                return false;
            o += k;
            continue;
        }
        unsigned long cp;
        size_t k = ly_utf8_decode(ps->p, (size_t)(ps->end - ps->p), &cp);
        if (k == 0)
            return fail_at(ps, "invalid UTF-8");
        memcpy(o, ps->p, k);
        o += k;
        ps->p += k;
    }
    size_t len = (size_t)(o - o0);
    if (len > LY_JSON_STRING_MAX)
        return fail_at(ps, "string too long");
    *o++ = '\0';
    d->strs_used += (size_t)(o - o0);
    *out = o0;
    *outlen = len;
    return true;
}

static bool is_digit(const struct parser *ps)
{
    return ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9';
}

/* Checks the number grammar of RFC 8259 and copies the literal. */
static bool number(struct parser *ps, struct ly_jsonr_val *v)
{
    const char *s = ps->p;
    if (ps->p < ps->end && *ps->p == '-')
        ps->p++;
    if (!is_digit(ps))
        return fail_at(ps, "bad number");
    if (*ps->p == '0')
        ps->p++;
    else
        while (is_digit(ps))
            ps->p++;
    if (ps->p < ps->end && *ps->p == '.') {
        ps->p++;
        if (!is_digit(ps))
            return fail_at(ps, "bad number");
        while (is_digit(ps))
            ps->p++;
    }
    if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
        ps->p++;
        if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
            ps->p++;
        if (!is_digit(ps))
            return fail_at(ps, "bad number");
        while (is_digit(ps))
            ps->p++;
    }
    size_t len = (size_t)(ps->p - s);
    if (len > LY_JSON_NUMBER_MAX)
        return fail_at(ps, "number too long");
    struct ly_jsonr *d = ps->doc;
    char *o = d->strs + d->strs_used;
    memcpy(o, s, len);
    o[len] = '\0';
    d->strs_used += len + 1;
    v->s = o;
    v->len = len;
    return true;
}

static bool literal(struct parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return fail_at(ps, "unexpected character");
    ps->p += n;
    return true;
}

static int key_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Refuses an object whose members (indices first..) repeat a key. */
static bool unique_keys(struct parser *ps, size_t first, size_t count)
{
    struct ly_jsonr_val *nodes = ps->doc->nodes;
    if (count < 2)
        return true;
    const char **keys = malloc(count * sizeof *keys);
    if (keys == NULL)
        return fail_nomem(ps);
    size_t k = 0;
    for (size_t i = first; i != 0; i = nodes[i - 1].next_i)
        keys[k++] = nodes[i - 1].key;
    qsort(keys, k, sizeof *keys, key_cmp);
    bool ok = true;
    for (size_t i = 1; i < k && ok; i++)
        ok = strcmp(keys[i - 1], keys[i]) != 0;
    free(keys);
    return ok || fail_at(ps, "duplicate key");
}

static bool value(struct parser *ps, int depth, size_t *idx);

/* Parses an array or object (at its opening bracket) into node idx. */
static bool container(struct parser *ps, int depth, size_t idx, bool object)
{
    char close = object ? '}' : ']';
    size_t count = 0, last = 0;
    if (depth > LY_JSON_DEPTH_MAX)
        return fail_at(ps, "nested too deeply");
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return true;
    }
    for (;;) {
        const char *key = NULL;
        size_t keylen, child;
        skip_ws(ps);
        if (object) {
            if (ps->p >= ps->end || *ps->p != '"')
                return fail_at(ps, "expected a key");
            if (!string(ps, &key, &keylen))
                return false;
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':')
                return fail_at(ps, "expected ':'");
            ps->p++;
        }
        if (++count > LY_JSON_MEMBERS_MAX)
            return fail_at(ps, "too many members");
        if (!value(ps, depth, &child))
            return false;
        struct ly_jsonr_val *nodes = ps->doc->nodes;
        nodes[child].key = key;
        if (last == 0)
            nodes[idx].first_i = child + 1;
        else
            nodes[last - 1].next_i = child + 1;
        last = child + 1;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            break;
        }
        return fail_at(ps, object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
    ps->doc->nodes[idx].count = count;
    return !object || unique_keys(ps, ps->doc->nodes[idx].first_i, count);
}

static bool value(struct parser *ps, int depth, size_t *idx)
{
    skip_ws(ps);
    if (ps->p >= ps->end)
        return fail_at(ps, "unexpected end");
    char c = *ps->p;
    enum ly_jsonr_type t;
    if (c == '{')
        t = LY_JSONR_OBJECT;
    else if (c == '[')
        t = LY_JSONR_ARRAY;
    else if (c == '"')
        t = LY_JSONR_STRING;
    else if (c == 't')
        t = LY_JSONR_TRUE;
    else if (c == 'f')
        t = LY_JSONR_FALSE;
    else if (c == 'n')
        t = LY_JSONR_NULL;
    else if (c == '-' || (c >= '0' && c <= '9'))
        t = LY_JSONR_NUMBER;
    else
        return fail_at(ps, "unexpected character");
    if (!new_node(ps, t, idx))
        return false;
    switch (t) {
    case LY_JSONR_OBJECT:
    case LY_JSONR_ARRAY:
        return container(ps, depth + 1, *idx, t == LY_JSONR_OBJECT);
    case LY_JSONR_STRING: {
        const char *s;
        size_t len;
        if (!string(ps, &s, &len))
            return false;
        ps->doc->nodes[*idx].s = s;
        ps->doc->nodes[*idx].len = len;
        return true;
    }
    case LY_JSONR_TRUE:
        return literal(ps, "true");
    case LY_JSONR_FALSE:
        return literal(ps, "false");
    case LY_JSONR_NULL:
        return literal(ps, "null");
    case LY_JSONR_NUMBER:
        return number(ps, &ps->doc->nodes[*idx]);
    }
    return false;
}

struct ly_jsonr *ly_jsonr_parse(const char *text, size_t n, char *err, size_t errsz)
{
    bool nomem;
    return ly_jsonr_read(text, n, &nomem, err, errsz);
}

struct ly_jsonr *ly_jsonr_read(const char *text, size_t n, bool *nomem, char *err, size_t errsz)
{
    *nomem = false;
    if (n > (size_t)LY_JSON_TEXT_MAX) {
        ly_fail(err, errsz, "JSON: document of %zu bytes is over the limit of %ld", n,
                LY_JSON_TEXT_MAX);
        return NULL;
    }
    struct ly_jsonr *d = calloc(1, sizeof *d);
    if (d == NULL) {
        *nomem = true;
        ly_fail(err, errsz, "JSON: out of memory");
        return NULL;
    }
    d->strs_cap = n + 1;
    d->strs = malloc(d->strs_cap);
    struct parser ps = {d, text, text + n, text, err, errsz};
    size_t root;
    if (d->strs == NULL) {
        ps.nomem = true;
        ly_fail(err, errsz, "JSON: out of memory");
        goto fail;
    }
    if (!value(&ps, 0, &root))
        goto fail;
    skip_ws(&ps);
    if (ps.p != ps.end) {
        fail_at(&ps, "text after the value");
        goto fail;
    }
    for (size_t i = 0; i < d->n; i++) {
        struct ly_jsonr_val *v = &d->nodes[i];
        v->first = v->first_i ? &d->nodes[v->first_i - 1] : NULL;
        v->next = v->next_i ? &d->nodes[v->next_i - 1] : NULL;
    }
    return d;
fail:
    *nomem = ps.nomem;
    ly_jsonr_free(d);
    return NULL;
}

void ly_jsonr_free(struct ly_jsonr *doc)
{
    if (doc == NULL)
        return;
    free(doc->nodes);
    free(doc->strs);
    free(doc);
}

const struct ly_jsonr_val *ly_jsonr_root(const struct ly_jsonr *doc)
{
    return &doc->nodes[0];
}

enum ly_jsonr_type ly_jsonr_type(const struct ly_jsonr_val *v)
{
    return v ? v->type : LY_JSONR_NULL;
}

size_t ly_jsonr_len(const struct ly_jsonr_val *v)
{
    return v && (v->type == LY_JSONR_ARRAY || v->type == LY_JSONR_OBJECT) ? v->count : 0;
}

const struct ly_jsonr_val *ly_jsonr_first(const struct ly_jsonr_val *v)
{
    return v ? v->first : NULL;
}

const struct ly_jsonr_val *ly_jsonr_next(const struct ly_jsonr_val *m)
{
    return m ? m->next : NULL;
}

const char *ly_jsonr_key(const struct ly_jsonr_val *m)
{
    return m ? m->key : NULL;
}

const struct ly_jsonr_val *ly_jsonr_get(const struct ly_jsonr_val *v, const char *key)
{
    if (v == NULL || v->type != LY_JSONR_OBJECT)
        return NULL;
    for (const struct ly_jsonr_val *m = v->first; m; m = m->next)
        if (strcmp(m->key, key) == 0)
            return m;
    return NULL;
}

const char *ly_jsonr_str(const struct ly_jsonr_val *v, size_t *len)
{
    if (v == NULL || v->type != LY_JSONR_STRING)
        return NULL;
    if (len)
        *len = v->len;
    return v->s;
}

const char *ly_jsonr_num_text(const struct ly_jsonr_val *v)
{
    return v && v->type == LY_JSONR_NUMBER ? v->s : NULL;
}

bool ly_jsonr_int(const struct ly_jsonr_val *v, int64_t min, int64_t max, int64_t *out)
{
    if (v == NULL || v->type != LY_JSONR_NUMBER)
        return false;
    return ly_num_int(v->s, min, max, out); /* refuses a fraction or exponent as a non-digit */
}

bool ly_jsonr_bool(const struct ly_jsonr_val *v, bool *out)
{
    if (v == NULL || (v->type != LY_JSONR_TRUE && v->type != LY_JSONR_FALSE))
        return false;
    *out = v->type == LY_JSONR_TRUE;
    return true;
}

const char *ly_jsonr_get_str(const struct ly_jsonr_val *v, const char *key, size_t maxlen)
{
    size_t len;
    const char *s = ly_jsonr_str(ly_jsonr_get(v, key), &len);
    return s && len <= maxlen ? s : NULL;
}

bool ly_jsonr_get_int(const struct ly_jsonr_val *v, const char *key, int64_t min, int64_t max,
                      int64_t *out)
{
    return ly_jsonr_int(ly_jsonr_get(v, key), min, max, out);
}

bool ly_jsonr_fields(const struct ly_jsonr_val *v, const struct ly_field *fields, void *obj,
                     char *err, size_t errsz)
{
    for (const struct ly_field *f = fields; f->name != NULL; f++) {
        const struct ly_jsonr_val *m = ly_jsonr_get(v, f->name);
        int64_t n = 0, min, max;
        bool b = false;
        size_t len;
        const char *s;
        switch (f->type) {
        case LY_FIELD_TEXT:
            s = ly_jsonr_str(m, &len);
            if (s == NULL || len >= f->size)
                return ly_fail(err, errsz, "%s: not a string of at most %zu bytes", f->name,
                               f->size - 1);
            ly_field_set_text(f, obj, s);
            break;
        case LY_FIELD_BOOL:
            if (!ly_jsonr_bool(m, &b))
                return ly_fail(err, errsz, "%s: not true or false", f->name);
            ly_field_set_int(f, obj, b);
            break;
        default:
            ly_field_range(f, &min, &max);
            if (!ly_jsonr_int(m, min, max, &n))
                return ly_fail(err, errsz, "%s: not an integer from %lld to %lld", f->name,
                               (long long)min, (long long)max);
            ly_field_set_int(f, obj, n);
            break;
        }
    }
    return true;
}

void ly_jsonr_fields_lenient(const struct ly_jsonr_val *v, const struct ly_field *fields, void *obj)
{
    for (const struct ly_field *f = fields; f->name != NULL; f++) {
        const struct ly_jsonr_val *m = ly_jsonr_get(v, f->name);
        int64_t n = 0, min, max;
        bool b = false;
        const char *s;
        switch (f->type) {
        case LY_FIELD_TEXT:
            s = ly_jsonr_str(m, NULL);
            ly_field_set_text(f, obj, s ? s : "");
            break;
        case LY_FIELD_BOOL:
            ly_field_set_int(f, obj, ly_jsonr_bool(m, &b) && b);
            break;
        default:
            ly_field_range(f, &min, &max);
            ly_field_set_int(f, obj, ly_jsonr_int(m, min, max, &n) ? n : 0);
            break;
        }
    }
}
