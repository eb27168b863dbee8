/* ly_limits.h - every bound Lanyard puts on untrusted input, in one place.
 * Each limit is a named constant with the reason for its value. Parsers check against these and
 * reject (never truncate) input that exceeds them. */
#ifndef LY_LIMITS_H
#define LY_LIMITS_H

/* Badge codes. A QR of version 7 at error correction M holds 178 alphanumeric characters, the
 * most a badge may need; a valid Lanyard code is at most 144 (version 6-M). Anything longer is
 * refused before it is decoded. */
#define LY_BADGE_CODE_MAX 178

/* Codes imported from other ticketing systems (pretix secrets, Eventbrite barcodes, Indico
 * ticket UUIDs) are 8 to 40 characters; 128 leaves room without inviting abuse. */
#define LY_ALT_CODE_MAX 128

/* CSV files. A 100,000-row registration export is about 40 MiB; a programme far less. */
#define LY_CSV_FILE_MAX   (256L * 1024 * 1024) /* bytes in one imported file */
#define LY_CSV_FIELD_MAX  4096                 /* bytes in one field, before per-column limits */
#define LY_CSV_FIELDS_MAX 512                  /* columns in one row (Indico exports are wide) */
#define LY_CSV_ROWS_MAX   1000000              /* data rows in one file */
#define LY_CSV_ERRORS_MAX 1000                 /* bad rows reported before the report is cut */
/* The import's sets of ids, ticket codes and rooms (strset.h) hold at most one key per row, made
 * of that row's fields: never more keys than rows, nor more bytes than the file and a separator
 * and a NUL per row. */
#define LY_STRSET_KEYS_MAX  LY_CSV_ROWS_MAX
#define LY_STRSET_BYTES_MAX ((size_t)LY_CSV_FILE_MAX + 2 * (size_t)LY_CSV_ROWS_MAX)

/* Registration fields, in bytes of UTF-8. Names: the longest names in real registration lists
 * are about 100 characters; 4 bytes per character in the worst script gives 400. */
#define LY_EXT_ID_MAX        64   /* an attendee's id in the source system */
#define LY_NAME_MAX          400  /* a name as the person writes it */
#define LY_AFFILIATION_MAX   400  /* organization */
#define LY_ACCESSIBILITY_MAX 1000 /* free-text accessibility notes */
#define LY_EMAIL_MAX         254  /* RFC 5321 path limit */
#define LY_PHONE_MAX         40   /* E.164 plus formatting */
#define LY_LABEL_MAX         64   /* a vocabulary word: category, stakeholder group, language */

/* Programme fields. */
#define LY_TITLE_MAX     400    /* a session title */
#define LY_ROOM_NAME_MAX 120    /* a room name */
#define LY_CAPACITY_MAX  100000 /* seats in one room: larger than any venue hall */
/* Where a room is ("Level 2, east wing"): read at a door by someone sent there. */
#define LY_ROOM_LOCATION_MAX 120
/* A session's online link (http or https): shown as text and as a QR code on a kiosk's screen,
 * which a phone must read from a step away; 300 bytes is a QR code of version 10 at level M. */
#define LY_URL_MAX 300

/* Attendee details sealed per badge (kioskdb_sealed.h): a format byte and a wrap count, one
 * wrapped data key (nonce, key, tag: 72 bytes) per key that opens it (a badge and a ticket
 * code: at most LY_SEALED_WRAPS_MAX), the details' nonce and tag, and the details themselves
 * (a flag byte, six fields with a 2-byte length each: two names, a country, three labels).
 * Carried and stored as unpadded URL-safe base64. */
#define LY_SEALED_WRAPS_MAX 4
#define LY_SEALED_MAX                                                                              \
    (2 + LY_SEALED_WRAPS_MAX * 72 + 40 + 1 + 6 * 2 + 2 * LY_NAME_MAX + 2 + 3 * LY_LABEL_MAX)
#define LY_SEALED_TEXT_MAX ((LY_SEALED_MAX * 4 + 2) / 3) /* its base64, without the NUL */

/* Frames and frame sources. A frame or image is at most 8K wide and high (larger ones are
 * refused before any allocation); a scanner's working copy of one holds its pixels and one
 * spare row. A dir: source holds an hour of frames at 30 FPS. */
#define LY_FRAME_DIM_MAX   8192
#define LY_FRAME_BYTES_MAX ((size_t)LY_FRAME_DIM_MAX * (LY_FRAME_DIM_MAX + 1))
#define LY_IMAGE_FILE_MAX  (64L * 1024 * 1024) /* an image file read: an 8K grayscale PGM */
#define LY_DIR_FILES_MAX   108000              /* images in one dir: source */
#define LY_SOURCE_PATH_MAX 4096                /* a path in a frame-source spec */
#define LY_WEDGE_LINE_MAX                                                                          \
    LY_BADGE_CODE_MAX /* a line a keyboard-wedge scanner types: a badge                            \
                         code; longer lines are dropped whole */

/* Events. */
#define LY_EVENT_NAME_MAX 200 /* an event's name */
#define LY_EVENT_DAYS_MAX 60  /* an event longer than two months is a typo */

/* Gate rules. Opening hours may start LY_RULE_DAYS_BEFORE days before the event's first day
 * (Day 0 events, badge collection, set-up); a rule set holds at most LY_NOTICES_MAX notices, one
 * for every session of a large programme and more, since a kiosk searches them at every grant. */
#define LY_RULE_DAYS_BEFORE 7
#define LY_NOTICES_MAX      1000
/* Opening hours are one row per day, at most LY_RULE_DAYS_BEFORE + LY_EVENT_DAYS_MAX of them;
 * the bound read back from a database is wider, for an event whose dates moved after its hours
 * were set. */
#define LY_RULE_HOURS_MAX 1000

/* Staff mode. A staff PIN is 4 to 12 digits: 4 is what a door team remembers, more than 12 is
 * a password, not a PIN. The reason a staff member gives for a manual check-in is one sentence
 * typed on the screen's keyboard. A name search is what fits in the search box: two or three
 * names, with room for long ones in scripts of 3 bytes per character. */
#define LY_PIN_DIGITS_MIN     4
#define LY_PIN_DIGITS_MAX     12
#define LY_STAFF_REASON_MAX   200 /* bytes of UTF-8 */
#define LY_SEARCH_QUERY_MAX   200 /* bytes of UTF-8 */
#define LY_SEARCH_WORDS_MAX   8   /* words in one query */
#define LY_SEARCH_RESULTS_MAX 200 /* results one search returns at most */

/* JSON read from the network (sync requests at the hub, hub answers at a kiosk). The hub refuses
 * request bodies above LY_HTTP_BODY_MAX before parsing; LY_JSON_TEXT_MAX is the reader's own cap,
 * large enough for a page of changes (LY_SYNC_PAGE_BYTES_MAX below). Depth counts nested arrays
 * and objects; 16 is far more than any message of the protocol needs (4). Strings: the longest
 * field of the protocol is a notice or a title (400 bytes); 4 KiB is the CSV field cap too. */
#define LY_JSON_TEXT_MAX    (8L * 1024 * 1024) /* bytes of JSON text in one document */
#define LY_JSON_DEPTH_MAX   16                 /* nested arrays and objects */
#define LY_JSON_STRING_MAX  4096               /* bytes of one decoded string or key */
#define LY_JSON_MEMBERS_MAX 4096               /* members of one array or object */
#define LY_JSON_NODES_MAX   200000             /* values in one document (a page of changes) */
#define LY_JSON_NUMBER_MAX  32                 /* characters of one number literal */

/* Sync protocol (docs/sync-protocol.md). A batch of 500 check-ins is about 150 KiB of JSON, so
 * 1 MiB leaves room while keeping a hostile body cheap to refuse. A page of changes stops at
 * LY_SYNC_PAGE_MAX changes or LY_SYNC_PAGE_BYTES_MAX bytes of JSON, whichever comes first, so a
 * kiosk's reader (LY_JSON_TEXT_MAX) always takes it. A long poll waits at most 25 s, below the
 * 30 s idle timeout of common proxies. */
#define LY_HTTP_BODY_MAX       (1024L * 1024)     /* bytes of one request body */
#define LY_SYNC_BATCH_MAX      500                /* check-ins in one push */
#define LY_SYNC_PAGE_MAX       2000               /* changes in one page */
#define LY_SYNC_PAGE_BYTES_MAX (4L * 1024 * 1024) /* bytes of one page of changes */
#define LY_SYNC_WAIT_MAX       25                 /* seconds a long poll may wait */

/* A column of a check-in batch as one PostgreSQL array literal (store_pg_ingest.c): its text
 * comes from one request body, every byte at most doubled by escaping, plus quotes, a comma and
 * at most a 20-digit number or a day per element. */
#define LY_PG_ARRAY_MAX (2 * (size_t)LY_HTTP_BODY_MAX + 32 * (size_t)LY_SYNC_BATCH_MAX)

/* Peer exchange between the kiosks of one event (docs/sync-protocol.md, "Peer exchange"). A
 * message carries at most 64 signed check-ins (about 40 KiB of JSON with long gate names), so a
 * kiosk that catches up 10,000 entries needs 157 requests; anything larger is refused before it
 * is parsed. A kiosk listens to at most 16 connections at a time (an event has a few doors per
 * room) and answers at most 200 requests a second in all, so a hostile device on the venue
 * network costs it little. A peer address is "HOST:PORT" with an IPv4, a bracketed IPv6 or a
 * DNS name. */
#define LY_PEER_BATCH_MAX 64           /* signed check-ins in one peer message */
#define LY_PEER_BODY_MAX  (64L * 1024) /* bytes of one peer message */
#define LY_PEER_CONNS_MAX 16           /* connections a kiosk's peer listener holds */
#define LY_PEER_RATE_MAX  200          /* peer requests a kiosk answers per second */
#define LY_PEER_ADDR_MAX  63           /* bytes of a peer address, HOST:PORT */

/* The hub's counts: each row of a counts table (a day, a place, a session, a kiosk, a category)
 * stands for something imported or enrolled, so no table has more rows than an import has. */
#define LY_COUNTS_ROWS_MAX LY_CSV_ROWS_MAX

#endif
