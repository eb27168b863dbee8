/* hub_frame.h - the hub's checks of a request's framing, made on what the HTTP library parsed
 * before any body is read: one way to find where the body ends (never both Content-Length and
 * Transfer-Encoding, one Content-Length of plain digits, no coding but "chunked"), header names
 * that are tokens, no control byte or NUL in the request line, a header or a percent-decoded
 * path or query. A request that fails is answered 400 and its connection closed, so that a
 * proxy in front and the hub can never disagree on where the next request begins. Pure code,
 * no I/O (fuzzed by tests/fuzz/fuzz_hub_frame.c). */
#ifndef LY_HUB_FRAME_H
#define LY_HUB_FRAME_H

#include <stdbool.h>
#include <stddef.h>

/* What the headers of one request said about framing, gathered header by header. */
struct ly_frame {
    int content_length;    /* Content-Length headers seen */
    int transfer_encoding; /* Transfer-Encoding headers seen */
    bool http10;           /* the request line said HTTP/1.0: no transfer coding at all */
    bool bad;              /* the first problem found, in why */
    const char *why;       /* a constant sentence, or NULL */
};

void ly_frame_init(struct ly_frame *f);

/* Adds one header: name (nlen bytes) and value (vlen bytes), as the library kept them; a NUL
 * inside either (nlen or vlen past the first NUL) is a problem. Returns false once f is bad. */
bool ly_frame_header(struct ly_frame *f, const char *name, size_t nlen, const char *value,
                     size_t vlen);

/* Checks the request line: the method is a token, the version HTTP/1.0 or HTTP/1.1, the
 * (decoded) url and every byte printable. Returns false with f->why set. Call it before the
 * headers: HTTP/1.0 has no Transfer-Encoding (RFC 9112 6.1). */
bool ly_frame_line(struct ly_frame *f, const char *method, const char *url, const char *version);

/* Percent-decodes s in place (the library's unescape callback) and returns the new length.
 * Sets *bad when a decoded byte is a control byte or NUL, or an escape is malformed; s then
 * holds what was decoded up to there and must not be used. */
size_t ly_frame_unescape(char *s, bool *bad);

#endif
