/* records_fields.c - the records' field tables. See records_fields.h. */
#include "event/records_fields.h"

#include "event/records.h"

const struct ly_field ly_records_event_fields[] = {
    LY_FIELD_RANGE(struct ly_event, id, 1, UINT32_MAX),
    LY_FIELD(struct ly_event, name),
    LY_FIELD(struct ly_event, starts),
    LY_FIELD(struct ly_event, ends),
    LY_FIELD(struct ly_event, timezone),
    LY_FIELD_END,
};

const struct ly_field ly_records_room_fields[] = {
    LY_FIELD_RANGE(struct ly_kiosk_room, id, 1, INT64_MAX),
    LY_FIELD(struct ly_kiosk_room, name),
    LY_FIELD_RANGE(struct ly_kiosk_room, capacity, 0, LY_CAPACITY_MAX),
    LY_FIELD(struct ly_kiosk_room, location),
    LY_FIELD_END,
};

const struct ly_field ly_records_session_fields[] = {
    LY_FIELD_RANGE(struct ly_kiosk_session, id, 1, INT64_MAX),
    LY_FIELD(struct ly_kiosk_session, ext_id),
    LY_FIELD(struct ly_kiosk_session, title),
    LY_FIELD(struct ly_kiosk_session, type),
    LY_FIELD_RANGE(struct ly_kiosk_session, room_id, 1, INT64_MAX),
    LY_FIELD(struct ly_kiosk_session, starts),
    LY_FIELD(struct ly_kiosk_session, ends),
    LY_FIELD_RANGE(struct ly_kiosk_session, capacity, 0, LY_CAPACITY_MAX),
    LY_FIELD(struct ly_kiosk_session, categories),
    LY_FIELD(struct ly_kiosk_session, slips),
    LY_FIELD_RANGE(struct ly_kiosk_session, overflow_room_id, 0, INT64_MAX),
    LY_FIELD(struct ly_kiosk_session, online_url),
    LY_FIELD_END,
};

const struct ly_field ly_records_attendee_fields[] = {
    LY_FIELD_RANGE(struct ly_kiosk_attendee, id, 1, UINT32_MAX),
    LY_FIELD_RANGE(struct ly_kiosk_attendee, badge_version, 1, UINT16_MAX),
    LY_FIELD(struct ly_kiosk_attendee, badge_key),
    LY_FIELD(struct ly_kiosk_attendee, revoked),
    LY_FIELD(struct ly_kiosk_attendee, assistance),
    LY_FIELD(struct ly_kiosk_attendee, name),
    LY_FIELD(struct ly_kiosk_attendee, name_latin),
    LY_FIELD(struct ly_kiosk_attendee, category),
    LY_FIELD(struct ly_kiosk_attendee, country),
    LY_FIELD(struct ly_kiosk_attendee, region),
    LY_FIELD(struct ly_kiosk_attendee, stakeholder),
    LY_FIELD(struct ly_kiosk_attendee, attendance),
    LY_FIELD(struct ly_kiosk_attendee, language),
    LY_FIELD(struct ly_kiosk_attendee, picked_up),
    LY_FIELD_END,
};

const struct ly_field ly_records_hours_fields[] = {
    LY_FIELD(struct ly_kiosk_hours, day),
    LY_FIELD(struct ly_kiosk_hours, opens),
    LY_FIELD(struct ly_kiosk_hours, closes),
    LY_FIELD_END,
};

const struct ly_field ly_records_notice_fields[] = {
    LY_FIELD_RANGE(struct ly_kiosk_notice, id, 0, INT64_MAX),
    LY_FIELD(struct ly_kiosk_notice, place),
    LY_FIELD(struct ly_kiosk_notice, category),
    LY_FIELD(struct ly_kiosk_notice, text),
    LY_FIELD_END,
};
