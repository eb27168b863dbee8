/* records.h - the records a kiosk decides with, as the hub sends them and the kiosk keeps them:
 * the event, attendees (without contact data), rooms, sessions, the gate rules, and the check-in
 * a kiosk journals and pushes back. Types and their bounds only; the kiosk database
 * (kioskdb/) stores them, the hub (store/, orgdb/, proto/) reads, writes and sends them. */
#ifndef LY_RECORDS_H
#define LY_RECORDS_H

#include <stdbool.h>
#include <stdint.h>

#include "common/ly_limits.h"
#include "common/uuid.h" /* LY_UUID_LEN */

#define LY_EVENT_KEYS_MAX 16  /* public keys a kiosk holds: one per key rotation */
#define LY_KIOSK_KEYS_MAX 512 /* certified kiosk keys a kiosk holds besides: one per kiosk */
/* Walk-in attendee ids: each kiosk (by its row id at the hub, 1 to LY_WALKIN_KIOSKS_MAX) gives
 * ids from its own range of LY_WALKIN_IDS_PER_KIOSK above LY_WALKIN_ID_BASE, so two kiosks never
 * give the same id; the organizer's registrations stay below the base. */
#define LY_WALKIN_ID_BASE       0x80000000u
#define LY_WALKIN_IDS_PER_KIOSK 65536u
#define LY_WALKIN_KIOSKS_MAX    32768
#define LY_WALKIN_FIRST(kiosk)                                                                     \
    (LY_WALKIN_ID_BASE + ((uint32_t)(kiosk)-1u) * LY_WALKIN_IDS_PER_KIOSK)
#define LY_WALKIN_LAST(kiosk) (LY_WALKIN_FIRST(kiosk) + (LY_WALKIN_IDS_PER_KIOSK - 1u))
#define LY_GATE_MAX           160 /* a gate spec: "entrance", "session:ID", "room:ID" */
#define LY_REASON_MAX         200 /* a denial reason, one sentence */
#define LY_NOTICE_MAX         200 /* a notice shown with a grant, one sentence */
/* A manual check-in's note: the staff's reason and, for an override, the denial it overrode
 * (" [overrode CODE: SENTENCE]"). */
#define LY_STAFF_NOTE_MAX (LY_STAFF_REASON_MAX + LY_REASON_MAX + 48)

/* The event: the organizer database's, the hub's and the kiosk's. */
struct ly_event {
    uint32_t id; /* random, non-zero; carried in every badge */
    char name[LY_EVENT_NAME_MAX + 1];
    char starts[11]; /* YYYY-MM-DD, first day */
    char ends[11];   /* YYYY-MM-DD, last day */
    char timezone[64];
};

/* An attendee as a kiosk knows them. Vocabulary fields hold vocab.h ids; "" means absent. */
struct ly_kiosk_attendee {
    uint32_t id;
    uint16_t badge_version; /* older versions are superseded */
    uint32_t badge_key;     /* the key that signed the current version when a kiosk reprinted it
                               (of two badges of one version, the other is superseded); 0: any */
    bool revoked;
    bool assistance; /* registered an accessibility need (the notes stay at the hub) */
    char name[LY_NAME_MAX + 1];
    char name_latin[LY_NAME_MAX + 1];
    char category[LY_LABEL_MAX + 1];
    char country[3];
    char region[LY_LABEL_MAX + 1];
    char stakeholder[LY_LABEL_MAX + 1];
    char attendance[LY_LABEL_MAX + 1];
    char language[LY_LABEL_MAX + 1];
    bool picked_up; /* a pickup point printed the badge (as the hub heard it from any kiosk) */
    /* An event whose kiosks keep details sealed (docs/security.md): name, name_latin, country,
     * region, stakeholder, language and assistance sealed under keys only the attendee's badge
     * or ticket code gives (kioskdb_sealed.h), as base64; those fields are then empty until a
     * scan opens them. "": the details are in clear. */
    char sealed[LY_SEALED_TEXT_MAX + 1];
};

struct ly_kiosk_room {
    int64_t id; /* the hub's room id */
    char name[LY_ROOM_NAME_MAX + 1];
    int capacity;
    char location[LY_ROOM_LOCATION_MAX + 1]; /* where it is ("Level 2, east wing"); "" unknown */
};

struct ly_kiosk_session {
    int64_t id; /* the hub's session id */
    char ext_id[LY_EXT_ID_MAX + 1];
    char title[LY_TITLE_MAX + 1];
    char type[LY_LABEL_MAX + 1];
    int64_t room_id;
    char starts[17];                   /* YYYY-MM-DDTHH:MM, event local time */
    char ends[17];                     /* YYYY-MM-DDTHH:MM */
    int capacity;                      /* 0: the room's capacity */
    char categories[LY_LABEL_MAX * 4]; /* space-separated category ids; "" = all */
    bool slips;                        /* admitted people get an access slip (kiosk printing) */
    int64_t overflow_room_id;          /* the room to go to when this one is full; 0: none */
    char online_url[LY_URL_MAX + 1];   /* the session online (http or https); "" none */
};

/* The venue's opening hours on one day, event local time. When a kiosk holds any, a day
 * without a row is closed; when it holds none, every event day is open all day. */
struct ly_kiosk_hours {
    char day[11];   /* YYYY-MM-DD */
    char opens[6];  /* HH:MM */
    char closes[6]; /* HH:MM, after opens */
};

/* A notice shown with a grant: text for everyone granted at a gate matching place, whose
 * category matches. place is "" (every gate), "venue" (entrance), "session:EXT_ID",
 * "room:ROOM NAME" or "type:SESSION_TYPE"; category is "" (everyone) or a category id. */
struct ly_kiosk_notice {
    int64_t id; /* order of display */
    char place[LY_GATE_MAX + 1];
    char category[LY_LABEL_MAX + 1];
    char text[LY_NOTICE_MAX + 1];
};

/* A walk-in's registration, made at a badge desk in staff mode and carried to the hub by its
 * journal entry (decision "registered"). Vocabulary fields hold vocab.h ids. */
struct ly_walkin {
    char name[LY_NAME_MAX + 1]; /* as the person writes it, any script */
    char affiliation[LY_AFFILIATION_MAX + 1];
    char country[3];                    /* ISO 3166-1 alpha-2 */
    char stakeholder[LY_LABEL_MAX + 1]; /* a stakeholder group id */
    char category[LY_LABEL_MAX + 1];    /* a registration category id */
    char language[LY_LABEL_MAX + 1];    /* the screen language it was made in, "" for none */
};

/* One journaled decision. The kiosk fills the decision fields; its journal fills uuid, seq and
 * kiosk_id (and the times when left 0); the hub stores what kiosks push. */
/* Another kiosk of the event as the hub lists it with its key (docs/sync-protocol.md, "Peer
 * exchange"): where it listens for its peers, and the highest of its check-ins the hub had
 * committed when it sent this (the hub's counts include those). */
struct ly_peer_info {
    char kiosk_id[LY_UUID_LEN + 1];
    char addr[LY_PEER_ADDR_MAX + 1]; /* "" = it does not listen */
    int64_t acked_seq;
};

#define LY_POLICY_MAX 15 /* bytes of a re-entry policy's name ("once_per_day") */

struct ly_checkin {
    char uuid[LY_UUID_LEN + 1];     /* UUIDv4 drawn by the kiosk */
    int64_t seq;                    /* per-kiosk sequence number, 1, 2, ... */
    char kiosk_id[LY_UUID_LEN + 1]; /* the kiosk's UUID */
    int64_t wall_ms;                /* Unix time, ms (CLOCK_REALTIME) */
    int64_t mono_ms;                /* CLOCK_MONOTONIC, ms: orders decisions across clock steps */
    char gate[LY_GATE_MAX + 1];     /* the gate as configured */
    uint32_t attendee_id;           /* 0: nobody identified */
    char code_kind[16];             /* "badge", "alt_code", "manual", "unreadable", ... */
    char decision[24];              /* "granted", "already_inside", "denied", ... */
    char reason[LY_REASON_MAX + 1]; /* the sentence shown; "" when granted */
    char reason_code[32];           /* its stable identifier ("room_full"); "" when granted */
    char place[LY_GATE_MAX + 1];    /* the space this moves someone in or out of: "venue",
                                       "room:ID"; "" for none */
    int direction;                  /* +1 entered place, -1 left it, 0 neither (denied, desk) */
    bool sent;                      /* the hub committed it */
    char staff_note[LY_STAFF_NOTE_MAX + 1]; /* code_kind "manual": the staff's reason, and the
                                               denial an override overrode; a reprint's "who: why";
                                               "" otherwise */
    /* The badge a journal entry printed or issued (decisions "picked_up", "reprinted",
     * "registered"): its version and the id of the key that signed it; 0 for other entries. */
    uint16_t badge_version;
    uint32_t badge_key;
    struct ly_walkin walkin; /* decision "registered": the registration; zeros otherwise */
    /* The re-entry policy the decision applied ("allowed", "once_per_day", "never"; "" when
     * none did): the hub tells a double admission by two doors from it (a conflict). */
    char policy[LY_POLICY_MAX + 1];
};

#endif
