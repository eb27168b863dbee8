/* demo_programme.c - the demo event's programme: 18 rooms of fixed capacity and, over Day 0 and
 * the main days, ceremonies, main and high-level sessions, workshops, open forums, best practice
 * forums, dynamic coalitions, lightning talks, unconference slots, networking, launches, press
 * conferences and VIP bilaterals. Each room holds one session per time slot by construction.
 * Then the gate rules that go with it: opening hours that cover each day's programme, and
 * notices for interpretation headsets, speakers, the press and particular places. See
 * demo_programme.h. */
#include "demo/demo_programme.h"

#include <stdio.h>
#include <string.h>

#include "demo/demo_data.h"
#include "common/ly_limits.h"
#include "common/num.h"
#include "event/vocab.h"

#define SESSION_HEADER "id,title,type,room,room_capacity,starts,ends,capacity,categories\n"
#define RULES_HEADER   "rule,place,category,day,opens,closes,text\n"

enum room_id {
    PLENARY,
    CONF1,
    CONF2,
    CONF3,
    PARLIAMENT,
    WS1,
    WS2,
    WS3,
    WS4,
    WS5,
    WS6,
    LOUNGE,
    STAGE,
    OPEN_SPACE,
    PRESS_ROOM,
    BILATERAL,
    VILLAGE,
    FOYER,
    NROOMS
};

static const struct {
    const char *name;
    int capacity;
} rooms[NROOMS] = {
    [PLENARY] = {"Plenary Hall", 2000},
    [CONF1] = {"Conference Room 1", 600},
    [CONF2] = {"Conference Room 2", 400},
    [CONF3] = {"Conference Room 3", 250},
    [PARLIAMENT] = {"Parliamentary Room", 200},
    [WS1] = {"Workshop Room 1", 120},
    [WS2] = {"Workshop Room 2", 120},
    [WS3] = {"Workshop Room 3", 100},
    [WS4] = {"Workshop Room 4", 100},
    [WS5] = {"Workshop Room 5", 80},
    [WS6] = {"Workshop Room 6", 80},
    [LOUNGE] = {"Networking Lounge", 150},
    [STAGE] = {"Lightning Talk Stage", 40},
    [OPEN_SPACE] = {"Unconference Space", 60},
    [PRESS_ROOM] = {"Press Briefing Room", 60},
    [BILATERAL] = {"Bilateral Meeting Room", 40},
    [VILLAGE] = {"Exhibition Village", 800},
    [FOYER] = {"Registration Foyer", 500},
};

/* The four long slots of a day, in minutes after midnight. */
static const int slot_start[4] = {9 * 60, 11 * 60, 14 * 60, 16 * 60};
#define SLOT_MINUTES 90

static const char *const topics[] = {
    "Meaningful Connectivity",
    "Artificial Intelligence Governance",
    "Data Protection and Privacy",
    "Cybersecurity and Trust",
    "Digital Public Infrastructure",
    "Platform Accountability",
    "Community Networks",
    "Internet Fragmentation",
    "Digital Skills for All",
    "Children's Rights Online",
    "Gender and the Digital Divide",
    "Sustainable Digital Technologies",
    "Cross-Border Data Flows",
    "Digital Identity",
    "Open Source Software",
    "Information Integrity",
    "Multilingual Domain Names",
    "Internet Shutdowns",
    "Digital Trade",
    "Satellite Broadband",
    "Accessibility for Persons with Disabilities",
    "Indigenous Languages Online",
    "Quantum-Safe Cryptography",
    "Routing Security",
    "E-Government Services",
    "Digital Health",
    "Financial Inclusion",
    "Youth Participation in Policy-Making",
    "Human Rights Online",
    "Encryption",
    "Local Content and Creative Industries",
    "Digital Public Goods",
    "Smart Cities",
    "Online Safety",
    "Open Data",
    "Emerging Technologies",
};

static const char *const workshop_angles[] = {
    "Lessons from the Global South", "From Principles to Practice",
    "What Works and What Doesn't",   "A Multistakeholder Dialogue",
    "Building Local Capacity",       "Youth Perspectives",
    "Tools for Policymakers",        "Measuring Impact",
    "Gender-Responsive Approaches",  "Regional Experiences",
    "Bridging Research and Policy",  "The Role of Parliaments",
    "Small Island Perspectives",     "Partnerships That Scale",
    "Rights-Based Approaches",       "Next Steps",
};

static const char *const forum_regions[] = {
    "Africa",
    "Latin America and the Caribbean",
    "the Asia-Pacific",
    "Small Island Developing States",
    "Least Developed Countries",
    "the Arab Region",
    "Eastern Europe and Central Asia",
    "Landlocked Developing Countries",
};

static const char *const bpf_topics[] = {
    "Cybersecurity",      "Gender and Digital Rights", "Local Content",
    "Internet of Things", "Artificial Intelligence",   "Data Governance",
};

static const char *const dc_topics[] = {
    "Accessibility and Disability",
    "Child Online Safety",
    "Community Connectivity",
    "Internet Standards, Security and Safety",
    "Public Access in Libraries",
    "Data and Trust",
    "Core Internet Values",
    "Gender and Internet Governance",
    "Small Island Developing States",
    "Schools on Internet Governance",
    "Digital Health",
    "Environment",
    "Platform Responsibility",
    "Youth Engagement",
};

static const char *const lightning_angles[] = {
    "A Case Study", "Five Lessons Learned", "A Startup's View",
    "A Toolkit",    "Early Results",        "A Youth Project",
};

static const char *const day0_formats[] = {
    "Youth Summit on",
    "Regional Preparatory Meeting on",
    "Capacity-Building Workshop on",
    "Academic Symposium on",
    "Civil Society Coordination Meeting on",
    "Government Roundtable on",
    "Newcomers' Track:",
    "Hackathon on",
    "Research Network Meeting on",
    "Private Sector Dialogue on",
};

static const char *const launches[] = {
    "Annual Digital Inclusion Index",        "Regional Cybersecurity Capacity Report",
    "Guidelines on Meaningful Connectivity", "Youth Charter for a Safe Internet",
    "Toolkit on AI in Public Services",      "Handbook on Community Networks",
    "Atlas of Internet Exchange Points",     "Open Dataset on Internet Resilience",
    "Declaration on Digital Public Goods",   "Award for Local Content Innovation",
};

static const char *const high_level_themes[] = {
    "Building Digital Trust",
    "Financing Universal Connectivity",
    "AI Governance for All",
    "Digital Public Infrastructure for Development",
    "The Future of the Multistakeholder Model",
    "Human Rights in the Digital Age",
    "Climate and Digital Transformation",
    "Leaving No One Offline",
};

static const char *const networking_themes[] = {
    "Women in Digital Policy",  "Youth and Newcomers",          "Small Island States",
    "Researchers and Academia", "Regional and National Forums", "Technical Community",
};

struct programme {
    struct demo_rng rng;
    struct demo_buf *out;
    struct ly_demo_summary *sum;
    const struct ly_demo_params *p;
    int next_id;
    bool room_used[NROOMS];
    int day_end[LY_EVENT_DAYS_MAX]; /* minutes after midnight the day's last session ends */
    char opening_id[16];            /* the Opening Ceremony's session id */
    /* per title table: which combinations were used */
    unsigned char used_workshop[DEMO_COUNT(topics) * DEMO_COUNT(workshop_angles)];
    unsigned char used_forum[DEMO_COUNT(topics) * DEMO_COUNT(forum_regions)];
    unsigned char used_lightning[DEMO_COUNT(topics) * DEMO_COUNT(lightning_angles)];
    unsigned char used_day0[DEMO_COUNT(topics) * DEMO_COUNT(day0_formats)];
    unsigned char used_main[DEMO_COUNT(topics)];
    unsigned next_bpf, next_dc, next_launch, next_high, next_networking, next_parliament;
};

/* Picks a combination not used yet (or, once all are, any) out of n. */
static size_t fresh(struct programme *g, unsigned char *used, size_t n)
{
    size_t k = demo_rng_below(&g->rng, n);
    for (size_t i = 0; i < n; i++, k = (k + 1) % n) {
        if (!used[k]) {
            used[k] = 1;
            return k;
        }
    }
    return k;
}

/* Writes a title into out from a fresh combination of a topic and a suffix: "prefix topic sep
 * suffix", or "prefix suffix topic" when suffix_first. */
static void combo_title(struct programme *g, unsigned char *used, const char *const *suffixes,
                        size_t nsuffixes, const char *prefix, const char *sep, bool suffix_first,
                        char *out, size_t outsz)
{
    size_t k = fresh(g, used, DEMO_COUNT(topics) * nsuffixes);
    const char *topic = topics[k % DEMO_COUNT(topics)];
    const char *suffix = suffixes[k / DEMO_COUNT(topics)];
    if (suffix_first)
        snprintf(out, outsz, "%s%s %s", prefix, suffix, topic);
    else
        snprintf(out, outsz, "%s%s%s%s", prefix, topic, sep, suffix);
}

/* Writes "name" or, from the second round of a list on, "name (II)" and so on. */
static void numbered(char *out, size_t outsz, const char *prefix, const char *const *list, size_t n,
                     unsigned *next)
{
    static const char *const rounds[] = {"", " (II)", " (III)", " (IV)", " (V)"};
    unsigned k = (*next)++;
    snprintf(out, outsz, "%s%s%s", prefix, list[k % n], rounds[(k / n) % DEMO_COUNT(rounds)]);
}

static void emit(struct programme *g, int day, int start, int minutes, enum room_id room,
                 const char *type, const char *title, int capacity, const char *categories)
{
    char id[16], starts[17], ends[17], cap[16], room_cap[16], date[11];
    int64_t first = g->p->first_day + day;

    snprintf(id, sizeof id, "S%03d", ++g->next_id);
    if (strcmp(type, "opening_ceremony") == 0)
        snprintf(g->opening_id, sizeof g->opening_id, "%s", id);
    if (day < LY_EVENT_DAYS_MAX && start + minutes > g->day_end[day])
        g->day_end[day] = start + minutes;
    ly_num_format_date(first, date);
    unsigned from = (unsigned)start, to = (unsigned)(start + minutes); /* within the day */
    snprintf(starts, sizeof starts, "%s %02u:%02u", date, from / 60 % 24, from % 60);
    snprintf(ends, sizeof ends, "%s %02u:%02u", date, to / 60 % 24, to % 60);
    snprintf(room_cap, sizeof room_cap, "%d", rooms[room].capacity);
    cap[0] = '\0';
    if (capacity > 0)
        snprintf(cap, sizeof cap, "%d", capacity);

    demo_buf_field(g->out, id, ',');
    demo_buf_field(g->out, title, ',');
    demo_buf_field(g->out, type, ',');
    demo_buf_field(g->out, rooms[room].name, ',');
    demo_buf_field(g->out, room_cap, ',');
    demo_buf_field(g->out, starts, ',');
    demo_buf_field(g->out, ends, ',');
    demo_buf_field(g->out, cap, ',');
    demo_buf_field(g->out, categories, '\n');

    size_t n;
    const struct ly_vocab_entry *types = ly_vocab_list(LY_VOCAB_SESSION_TYPE, &n);
    for (size_t i = 0; i < n && i < LY_DEMO_SLOTS; i++) {
        if (strcmp(types[i].id, type) == 0)
            g->sum->session_types[i]++;
    }
    g->sum->sessions++;
    if (!g->room_used[room]) {
        g->room_used[room] = true;
        g->sum->rooms++;
    }
}

static void slot(struct programme *g, int day, int s, enum room_id room, const char *type,
                 const char *title, int capacity, const char *categories)
{
    emit(g, day, slot_start[s], SLOT_MINUTES, room, type, title, capacity, categories);
}

static void day_zero(struct programme *g, int day)
{
    static const enum room_id day0_rooms[] = {CONF1, CONF2, CONF3, WS1, WS2, WS3, WS4, WS5, WS6};
    char title[LY_TITLE_MAX + 1];

    emit(g, day, 8 * 60, 11 * 60, FOYER, "other", "Registration and Badge Collection", 0, "");
    for (int s = 0; s < 4; s++) {
        for (size_t r = 0; r < DEMO_COUNT(day0_rooms); r++) {
            if (s == 0 && day0_rooms[r] == CONF1) {
                slot(g, day, s, CONF1, "other", "Newcomers' Orientation Session", 0, "");
                continue;
            }
            combo_title(g, g->used_day0, day0_formats, DEMO_COUNT(day0_formats), "", "", true,
                        title, sizeof title);
            slot(g, day, s, day0_rooms[r], "day0_event", title, 0, "");
        }
    }
    slot(g, day, 1, PARLIAMENT, "parliamentary", "Parliamentary Track: Opening Roundtable", 0, "");
    slot(g, day, 3, PARLIAMENT, "parliamentary", "Parliamentary Track: Briefing on the Forum", 0,
         "");
    slot(g, day, 2, PRESS_ROOM, "other", "Press Accreditation Briefing", 0, "press staff");
    emit(g, day, 14 * 60, 3 * 60, VILLAGE, "other", "Exhibitor Set-Up and Briefing", 0,
         "exhibitor staff");
    emit(g, day, 18 * 60, 2 * 60, LOUNGE, "networking", "Welcome Reception", 0, "");
}

/* A long slot in one of the three conference rooms. */
static void conference_slot(struct programme *g, int day, int s, enum room_id room)
{
    char title[LY_TITLE_MAX + 1];
    unsigned x = (unsigned)demo_rng_below(&g->rng, 100);
    if (room == CONF1 && x < 20) {
        numbered(title, sizeof title, "Launch: ", launches, DEMO_COUNT(launches), &g->next_launch);
        slot(g, day, s, room, "launch", title, 0, "");
    } else if (room == CONF3 && x < 40) {
        numbered(title, sizeof title, "Dynamic Coalition on ", dc_topics, DEMO_COUNT(dc_topics),
                 &g->next_dc);
        slot(g, day, s, room, "dynamic_coalition", title, 0, "");
    } else if ((room == CONF2 && x < 20) || (room == CONF3 && x < 55)) {
        numbered(title, sizeof title, "Best Practice Forum on ", bpf_topics, DEMO_COUNT(bpf_topics),
                 &g->next_bpf);
        slot(g, day, s, room, "best_practice_forum", title, 0, "");
    } else {
        combo_title(g, g->used_forum, forum_regions, DEMO_COUNT(forum_regions),
                    "Open Forum: ", " in ", false, title, sizeof title);
        slot(g, day, s, room, "open_forum", title, 0, "");
    }
}

static void main_day(struct programme *g, int day, bool opening, bool closing, int nth)
{
    static const enum room_id workshop_rooms[] = {WS1, WS2, WS3, WS4, WS5, WS6};
    char title[LY_TITLE_MAX + 1];

    emit(g, day, 9 * 60, 9 * 60, VILLAGE, "other", "Exhibition Village", 0, "");
    for (int s = 0; s < 4; s++) {
        bool ceremony = (opening && s == 0) || (closing && s == 3);
        if (opening && s == 0) {
            slot(g, day, s, PLENARY, "opening_ceremony", "Opening Ceremony", 0, "");
        } else if (closing && s == 3) {
            slot(g, day, s, PLENARY, "closing_ceremony", "Closing Ceremony", 0, "");
        } else if (s == 1) {
            numbered(title, sizeof title, "High-Level Session: ", high_level_themes,
                     DEMO_COUNT(high_level_themes), &g->next_high);
            slot(g, day, s, PLENARY, "high_level", title, 0, "");
        } else {
            size_t k = fresh(g, g->used_main, DEMO_COUNT(topics));
            snprintf(title, sizeof title, "Main Session: %s", topics[k]);
            slot(g, day, s, PLENARY, "main_session", title, 0, "");
        }
        if (ceremony)
            continue; /* everyone is in the plenary */

        conference_slot(g, day, s, CONF1);
        conference_slot(g, day, s, CONF2);
        conference_slot(g, day, s, CONF3);
        for (size_t r = 0; r < DEMO_COUNT(workshop_rooms); r++) {
            if (r == 5 && demo_rng_pct(&g->rng, 15)) {
                numbered(title, sizeof title, "Dynamic Coalition on ", dc_topics,
                         DEMO_COUNT(dc_topics), &g->next_dc);
                slot(g, day, s, workshop_rooms[r], "dynamic_coalition", title, 0, "");
                continue;
            }
            combo_title(g, g->used_workshop, workshop_angles, DEMO_COUNT(workshop_angles), "", ": ",
                        false, title, sizeof title);
            /* hands-on workshops take fewer people than the room seats */
            int cap = demo_rng_pct(&g->rng, 12) ? rooms[workshop_rooms[r]].capacity * 6 / 10 : 0;
            slot(g, day, s, workshop_rooms[r], "workshop", title, cap, "");
        }
        if (s < 2) {
            static const char *const parl[] = {
                "Parliamentary Roundtable: ", "Parliamentary Session: ", "Parliamentary Dialogue: ",
                "Parliamentary Workshop: "};
            size_t k = fresh(g, g->used_main, DEMO_COUNT(topics));
            snprintf(title, sizeof title, "%s%s", parl[g->next_parliament++ % 4], topics[k]);
            slot(g, day, s, PARLIAMENT, "parliamentary", title, 0, "");
        }
        if (s == 1 || s == 2) {
            snprintf(title, sizeof title, "Unconference Slot %d.%d (topics chosen on the day)", nth,
                     s);
            slot(g, day, s, OPEN_SPACE, "unconference", title, 0, "");
        }
        if (s == 0 || s == 2) {
            snprintf(title, sizeof title, "VIP Bilateral Meeting %d.%d", nth, s / 2 + 1);
            slot(g, day, s, BILATERAL, "other", title, 12, "vip host_country staff");
        }
        if (s == 2) {
            snprintf(title, sizeof title, "Press Conference: Day %d Highlights", nth);
            slot(g, day, s, PRESS_ROOM, "other", title, 0, "press speaker staff");
        }
    }
    /* lunch break: three lightning talks on the small stage and a networking lunch */
    for (int t = 0; t < 3; t++) {
        combo_title(g, g->used_lightning, lightning_angles, DEMO_COUNT(lightning_angles),
                    "Lightning Talk: ", ": ", false, title, sizeof title);
        emit(g, day, 12 * 60 + 40 + t * 25, 20, STAGE, "lightning_talk", title, 0, "");
    }
    numbered(title, sizeof title, "Networking Lunch: ", networking_themes,
             DEMO_COUNT(networking_themes), &g->next_networking);
    emit(g, day, 12 * 60 + 40, 70, LOUNGE, "networking", title, 0, "");
    if (opening)
        emit(g, day, 18 * 60, 2 * 60, LOUNGE, "networking", "Host Country Reception", 0,
             "vip host_country speaker staff");
    else if (!closing)
        emit(g, day, 18 * 60, 90, LOUNGE, "networking", "Evening Networking Reception", 0, "");
}

/* The doors open at 08:00 (badge collection on Day 0 starts then) and close at 19:00, or when
 * the day's last session ends if that is later (the evening receptions). */
#define DOORS_OPEN  (8 * 60)
#define DOORS_CLOSE (19 * 60)

static const char headset_notice[] = "Collect an interpretation headset at the door";

static void notice(struct demo_buf *b, const char *place, const char *category, const char *text,
                   struct ly_demo_summary *sum)
{
    demo_buf_field(b, "notice", ',');
    demo_buf_field(b, place, ',');
    demo_buf_field(b, category, ',');
    demo_buf_str(b, ",,,");
    demo_buf_field(b, text, '\n');
    sum->notices++;
}

static void demo_rules(const struct programme *g, struct demo_buf *b, struct ly_demo_summary *sum)
{
    static const char *const headset_types[] = {"opening_ceremony", "closing_ceremony",
                                                "high_level", "main_session"};
    char date[11], opens[6], closes[6], place[LY_ROOM_NAME_MAX + 16], text[LY_TITLE_MAX + 1];

    demo_buf_str(b, RULES_HEADER);
    for (int d = 0; d < g->p->days && d < LY_EVENT_DAYS_MAX; d++) {
        unsigned close = (unsigned)(g->day_end[d] > DOORS_CLOSE ? g->day_end[d] : DOORS_CLOSE);
        if (close > 23 * 60 + 59)
            close = 23 * 60 + 59;
        ly_num_format_date(g->p->first_day + d, date);
        snprintf(opens, sizeof opens, "%02u:%02u", DOORS_OPEN / 60u, DOORS_OPEN % 60u);
        snprintf(closes, sizeof closes, "%02u:%02u", close / 60 % 24, close % 60);
        demo_buf_str(b, "hours,venue,,");
        demo_buf_field(b, date, ',');
        demo_buf_field(b, opens, ',');
        demo_buf_field(b, closes, ',');
        demo_buf_str(b, "\n");
        sum->opening_days++;
    }
    for (size_t i = 0; i < DEMO_COUNT(headset_types); i++) {
        snprintf(place, sizeof place, "type:%s", headset_types[i]);
        notice(b, place, "", headset_notice, sum);
    }
    snprintf(text, sizeof text,
             "Speakers: please check in at the speaker desk in the %s before your session",
             rooms[LOUNGE].name);
    notice(b, "venue", "speaker", text, sum);
    snprintf(text, sizeof text, "Press: collect your press kit at the media centre in the %s",
             rooms[PRESS_ROOM].name);
    notice(b, "venue", "press", text, sum);
    snprintf(place, sizeof place, "session:%s", g->opening_id);
    unsigned seated = (unsigned)slot_start[0] - 15;
    snprintf(text, sizeof text,
             "Opening Ceremony: please be seated by %02u:%02u; bags are screened at the doors",
             seated / 60 % 24, seated % 60);
    notice(b, place, "", text, sum);
    snprintf(place, sizeof place, "room:%s", rooms[BILATERAL].name);
    notice(b, place, "", "Bilateral meetings: no photography, please", sum);
}

void demo_programme(const struct ly_demo_params *p, struct demo_buf *b, struct demo_buf *rules,
                    struct ly_demo_summary *sum)
{
    static struct programme zero;
    struct programme g = zero;
    g.out = b;
    g.sum = sum;
    g.p = p;
    demo_rng_seed(&g.rng, p->seed, 2);
    demo_buf_str(b, SESSION_HEADER);

    int first_main = p->days > 1 ? 1 : 0;
    if (p->days > 1)
        day_zero(&g, 0);
    for (int d = first_main; d < p->days; d++)
        main_day(&g, d, d == first_main, d == p->days - 1, d - first_main + 1);
    demo_rules(&g, rules, sum);
}
