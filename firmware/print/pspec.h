/* pspec.h - what printing is described with: the printer spec string from the kiosk's
 * configuration, label sizes, the two kinds of job (badge card, session access slip), job states
 * and the reasons a printer gives for not printing. Shared by the print worker (printer.h), the
 * label layout (label.h) and the paths; callers get it through printer.h. */
#ifndef LY_PSPEC_H
#define LY_PSPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "print/render.h"

/* Bounds (the spec and the tag come from configuration and callers; replies from printers are
 * bounded where they are parsed). */
#define LY_PRINT_SPEC_MAX   1100 /* bytes of a spec string, NUL included */
#define LY_PRINT_TAG_MAX    63   /* bytes of a job's tag (a UUID is 36) */
#define LY_PRINT_DETAIL_MAX 200  /* bytes of an event's or the health's detail, NUL included */
#define LY_PRINT_QUEUE_MAX                                                                         \
    64                          /* jobs queued and not yet finished: a kiosk prints one at a       \
                                   time; 64 is minutes of labels */
#define LY_PRINT_EVENTS_MAX 256 /* state changes held for poll */
#define LY_PRINT_KEEP_MAX   32  /* failed jobs kept for retry */

/* --- where and how to print ------------------------------------------------------------------ */

/* The printer's language (the part of the spec before the first ':'). */
enum ly_print_lang {
    LY_PRINT_ZPL,    /* Zebra ZPL II; the label as one ^GF bitmap, status by ~HS */
    LY_PRINT_QL,     /* Brother QL raster; status by its 32-byte reply */
    LY_PRINT_IPP,    /* a CUPS destination through libcups; the job is a PDF */
    LY_PRINT_ESCPOS, /* ESC/POS receipt printer; raster by GS v 0, status by DLE EOT */
};

/* How the bytes travel (ZPL, QL and ESC/POS; IPP always goes through libcups). */
enum ly_print_link {
    LY_PRINT_TCP,  /* a raw socket, usually port 9100 (JetDirect/AppSocket) */
    LY_PRINT_DEV,  /* a printer device file, e.g. /dev/usb/lp0, opened read-write */
    LY_PRINT_CUPS, /* libcups (IPP only) */
};

/* A parsed spec string. Accepted forms (docs/printing.md "Spec strings"):
 *   zpl:tcp:HOST[:PORT]     zpl:dev:/dev/usb/lp0
 *   ql:tcp:HOST[:PORT]      ql:dev:/dev/usb/lp0
 *   escpos:tcp:HOST[:PORT]  escpos:dev:/dev/usb/lp0
 *   ipp                     (the CUPS default destination)
 *   ipp:QUEUE               (a named CUPS queue; lpstat -p lists them)
 * HOST is a name, an IPv4 address or [an IPv6 address]; PORT defaults to 9100. */
struct ly_print_spec {
    enum ly_print_lang lang;
    enum ly_print_link link;
    char host[256];  /* LY_PRINT_TCP */
    uint16_t port;   /* LY_PRINT_TCP */
    char path[1024]; /* LY_PRINT_DEV: the device file; LY_PRINT_CUPS: the queue, "" = default */
};

/* Parses spec into *out. Returns false with a message in err on anything else (an unknown
 * language or link, an empty host, a port out of range, a relative device path, a string longer
 * than LY_PRINT_SPEC_MAX). */
__attribute__((warn_unused_result)) bool
ly_print_spec_parse(const char *spec, struct ly_print_spec *out, char *err, size_t errsz);

/* Writes spec back as a string (the same form ly_print_spec_parse takes) into buf. Returns
 * false when buf is too small. Specs carry no secrets: safe for logs and the health screen. */
bool ly_print_spec_format(const struct ly_print_spec *spec, char *buf, size_t bufsz);

/* Label (media) sizes. A badge card is drawn to fill the label, keeping its proportions, turned
 * a quarter when that makes it larger (4x3 in); a slip is drawn at the media's width. */
enum ly_label_size {
    LY_LABEL_4X6,       /* "4x6": 4 x 6 in die-cut (101.6 x 152.4 mm), portrait */
    LY_LABEL_4X3,       /* "4x3": 4 x 3 in die-cut (101.6 x 76.2 mm), the card turned */
    LY_LABEL_62MM,      /* "62mm": 62 mm continuous (Brother DK-22205); length follows content */
    LY_LABEL_A6,        /* "a6": A6 (105 x 148 mm): IPP printers with A6 cards or sheets */
    LY_LABEL_RECEIPT80, /* "80mm": 80 mm receipt roll, 72 mm printable (ESC/POS) */
    LY_LABEL_RECEIPT58, /* "58mm": 58 mm receipt roll, 48 mm printable (ESC/POS) */
    LY_LABEL_COUNT,
};

/* Parses a label size name ("4x6", "4x3", "62mm", "a6", "80mm", "58mm"; case-insensitive).
 * Returns false for anything else. */
__attribute__((warn_unused_result)) bool ly_label_parse(const char *name, enum ly_label_size *out);

/* Returns the size's name as ly_label_parse takes it. */
const char *ly_label_name(enum ly_label_size size);

/* The printable area of a label in millimetres; height 0 means continuous (the job's length
 * follows its content). */
void ly_label_mm(enum ly_label_size size, double *width_mm, double *height_mm);

/* --- jobs ------------------------------------------------------------------------------------ */

/* A session access slip: what a session gate prints for an admitted person. Strings are UTF-8
 * owned by the caller (copied at submit); name and code are required, the rest may be NULL. */
struct ly_slip {
    const char *name;      /* the person's name, any script */
    const char *name_lang; /* optional language tag for CJK glyph forms, as in struct ly_card */
    const char *session;   /* the session's title */
    const char *room;      /* its room */
    const char *time;      /* when, as the kiosk shows it, e.g. "Tue 24 June 10:00-11:30" */
    const char *event_name;
    const char *code; /* the QR payload (ASCII, at most LY_BADGE_CODE_MAX) */
};

enum ly_print_kind {
    LY_JOB_BADGE, /* job.card */
    LY_JOB_SLIP,  /* job.slip */
};

/* One thing to print. submit copies every string; nothing is kept after it returns. */
struct ly_print_job {
    enum ly_print_kind kind;
    struct ly_card card; /* LY_JOB_BADGE */
    struct ly_slip slip; /* LY_JOB_SLIP */
    /* The caller's own reference, echoed in every event of this job (e.g. the journal entry's
     * UUID); NULL or up to LY_PRINT_TAG_MAX bytes. */
    const char *tag;
};

/* Where a job is. A job moves QUEUED -> SENDING -> SENT -> DONE, or to FAILED from any state
 * before DONE; retry moves a FAILED job back to QUEUED. */
enum ly_job_state {
    LY_JOB_QUEUED,  /* accepted, waiting for the worker */
    LY_JOB_SENDING, /* the worker took it: it is being drawn, the printer asked for its
                       status, the bytes sent */
    LY_JOB_SENT,    /* every byte reached the printer (socket, device or CUPS accepted it) */
    LY_JOB_DONE,    /* the printer said it printed: status after the job is clean, or CUPS
                       reported the job completed */
    LY_JOB_FAILED,  /* see the event's reason and detail; nothing more happens unless retried */
};

/* Why a printer or a job is not well, as far as the printer says. */
enum ly_print_reason {
    LY_PR_NONE,        /* all well */
    LY_PR_MEDIA_OUT,   /* out of labels or paper (ZPL paper out, QL media empty, ESC/POS paper
                          end, IPP media-empty/media-needed) */
    LY_PR_COVER_OPEN,  /* cover or print head open */
    LY_PR_PAUSED,      /* paused at the printer, or the CUPS queue is stopped */
    LY_PR_OFFLINE,     /* cannot connect, device missing, connection lost, no answer in time */
    LY_PR_JAMMED,      /* media jam */
    LY_PR_CUTTER_JAM,  /* cutter error */
    LY_PR_WRONG_MEDIA, /* the loaded media is not the configured label size (QL reports it) */
    LY_PR_BAD_JOB,     /* the job itself cannot be printed (no name, a code too long for a QR);
                          retrying does not help */
    LY_PR_UNKNOWN,     /* the printer reports an error Lanyard does not know; see detail */
    LY_PR_COUNT,
};

/* Returns a short English name for reason ("media-out", "cover-open", ...), stable for logs,
 * metrics and the JSON health report; the screens translate from the enum, not from this. */
const char *ly_print_reason_name(enum ly_print_reason reason);

/* Returns the state's name: "queued", "sending", "sent", "done", "failed". */
const char *ly_job_state_name(enum ly_job_state state);

/* One state change of one job, as poll hands it out. */
struct ly_print_event {
    uint64_t job_id;
    char tag[LY_PRINT_TAG_MAX + 1]; /* the job's tag, "" when none */
    enum ly_job_state state;
    enum ly_print_reason reason; /* LY_JOB_FAILED: why; otherwise LY_PR_NONE */
    /* True when some of the job's bytes may have reached the printer: a FAILED job with this set
     * may have printed (e.g. the connection closed mid-job); retrying may print it twice. */
    bool maybe_printed;
    char detail[LY_PRINT_DETAIL_MAX]; /* English, for the log; no personal data */
};

#endif
