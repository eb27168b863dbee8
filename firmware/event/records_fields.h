/* records_fields.h - the records of records.h as field tables (common/fields.h), in the order
 * the sync protocol's change data (docs/sync-protocol.md, "changes") and the hub's queries list
 * their members, with the ranges the protocol allows: the hub writes changes with them and reads
 * its rows with them, a kiosk reads the changes back with them. */
#ifndef LY_RECORDS_FIELDS_H
#define LY_RECORDS_FIELDS_H

#include "common/fields.h"

/* id, name, starts, ends, timezone (struct ly_event) */
extern const struct ly_field ly_records_event_fields[];
/* id, name, capacity, location (struct ly_kiosk_room) */
extern const struct ly_field ly_records_room_fields[];
/* id, ext_id, title, type, room_id, starts, ends, capacity, categories, slips, overflow_room_id,
 * online_url (struct ly_kiosk_session) */
extern const struct ly_field ly_records_session_fields[];
/* id, badge_version, revoked, assistance, name, name_latin, category, country, region,
 * stakeholder, attendance, language (struct ly_kiosk_attendee) */
extern const struct ly_field ly_records_attendee_fields[];
/* day, opens, closes (struct ly_kiosk_hours) */
extern const struct ly_field ly_records_hours_fields[];
/* id, place, category, text (struct ly_kiosk_notice) */
extern const struct ly_field ly_records_notice_fields[];

#endif
