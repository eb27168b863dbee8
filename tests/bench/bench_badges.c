/* bench_badges - how fast badges are issued: a temporary organizer database filled by
 * `bin/lanyard demo-data` (or, when that is missing, 2,500 synthetic registrations in six
 * scripts), then the time to sign every onsite badge, to render them all with `lanyard badges`
 * into an A6 PDF and a 4-up A4 PDF, and to write 100 of them as 150 dpi PNGs. Prints one line per
 * measure; exits non-zero when a step fails. */
#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "event/country.h"
#include "orgdb/hubdb.h"
#include "orgdb/issue.h"
#include "print/render.h"
#include "event/vocab.h"
#include "bench/stats.h"

#define SYNTHETIC_COUNT 2500
#define PNG_COUNT       100

/* Runs `bin/lanyard --db PATH demo-data`; returns whether it exists and succeeded. */
static bool run_demo_data(const char *db_path)
{
    const char *lanyard = "bin/lanyard";
    if (access(lanyard, X_OK) != 0)
        return false;
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
        char *argv[] = {(char *)lanyard, "--db", (char *)db_path, "demo-data", NULL};
        if (freopen("/dev/null", "w", stdout) == NULL)
            _exit(127);
        execv(lanyard, argv);
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid)
        return false;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

struct person {
    const char *name, *latin;
};

/* A few names per script; combined with a counter they make distinct registrations. */
static const struct person people[] = {
    {"فاطمة الزهراء بن علي", "Fatima Al-Zahraa Ben Ali"},
    {"محمد عبد الله العتيبي", "Mohammed Abdullah Al-Otaibi"},
    {"王小明", "Wang Xiaoming"},
    {"李秀英", "Li Xiuying"},
    {"Екатерина Смирнова", "Ekaterina Smirnova"},
    {"Дмитрий Иванович Козлов", "Dmitry Ivanovich Kozlov"},
    {"अनुराधा रामकृष्णन", "Anuradha Ramakrishnan"},
    {"राजेश कुमार", "Rajesh Kumar"},
    {"María José Fernández", ""},
    {"Jean-Baptiste Nkurunziza", ""},
    {"Ngozi Okonjo", ""},
    {"Maria del Carmen Fernández de Córdoba y Bohórquez", ""},
};

static bool fill_synthetic(struct ly_hubdb *db, char *err, size_t errsz)
{
    struct ly_event ev;
    if (!ly_hubdb_event(db, &ev, err, errsz) &&
        !ly_hubdb_create_event(db, "Synthetic Forum 2025", "2025-06-23", "2025-06-27", "UTC", NULL,
                               err, errsz))
        return false;
    size_t ncat, ncountries;
    const struct ly_vocab_entry *cat = ly_vocab_list(LY_VOCAB_CATEGORY, &ncat);
    const struct ly_country *countries = ly_country_list(&ncountries);
    static const char *const affiliations[] = {
        "Ministry of Communication and Information Technology",
        "Tsinghua University",
        "Internet Society",
        "Coordination Center for TLD RU",
        "中国互联网络信息中心",
        "Asociación Latinoamericana de Organizaciones de Promoción",
        ""};
    if (!ly_hubdb_begin(db, err, errsz))
        return false;
    static struct ly_registration r;
    for (int i = 0; i < SYNTHETIC_COUNT; i++) {
        memset(&r, 0, sizeof r);
        const struct person *p = &people[(size_t)i % (sizeof people / sizeof people[0])];
        snprintf(r.ext_id, sizeof r.ext_id, "S%05d", i + 1);
        snprintf(r.name, sizeof r.name, "%s %d", p->name, i + 1);
        if (p->latin[0] != '\0')
            snprintf(r.name_latin, sizeof r.name_latin, "%s %d", p->latin, i + 1);
        snprintf(r.affiliation, sizeof r.affiliation, "%s", affiliations[(size_t)i % 7]);
        snprintf(r.country, sizeof r.country, "%s", countries[(size_t)i % ncountries].alpha2);
        snprintf(r.attendance, sizeof r.attendance, "%s", i % 5 == 4 ? "online" : "onsite");
        snprintf(r.category, sizeof r.category, "%s", cat[(size_t)(i * 7 / 11) % ncat].id);
        snprintf(r.source, sizeof r.source, "demo");
        enum ly_upsert what;
        if (!ly_hubdb_upsert_registration(db, &r, &what, err, errsz)) {
            ly_hubdb_rollback(db);
            return false;
        }
    }
    return ly_hubdb_commit(db, err, errsz);
}

struct collect {
    struct ly_issuer *issuer;
    size_t onsite;
    bool sign;                /* sign each onsite badge */
    struct ly_attendee *keep; /* the first PNG_COUNT onsite attendees, when not NULL */
    size_t kept;
};

static bool visit(void *ctx, const struct ly_attendee *a)
{
    struct collect *c = ctx;
    const struct ly_vocab_entry *mode = ly_vocab_find(LY_VOCAB_ATTENDANCE, a->reg.attendance);
    if (a->revoked || (mode != NULL && strcmp(mode->id, "online") == 0))
        return true;
    c->onsite++;
    if (c->sign) {
        char code[LY_BADGE_CODE_LEN_MAX + 1];
        if (!ly_issuer_code(c->issuer, a, NULL, code, sizeof code))
            return false;
    }
    if (c->keep != NULL && c->kept < PNG_COUNT)
        c->keep[c->kept++] = *a;
    return true;
}

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    char path[512];
    for (struct dirent *e = readdir(d); e != NULL; e = readdir(d)) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        int n = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (n > 0 && (size_t)n < sizeof path)
            unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* Renders the kept attendees as PNGs with one renderer; returns the QR version of the last. */
static bool bench_png(struct collect *c, const char *dir, int *qr_version, char *err, size_t errsz)
{
    struct ly_render *r;
    if (!ly_render_open(&r, err, errsz))
        return false;
    char path[512], code[LY_BADGE_CODE_LEN_MAX + 1];
    bool ok = true;
    for (size_t i = 0; ok && i < c->kept; i++) {
        const struct ly_attendee *a = &c->keep[i];
        const struct ly_vocab_entry *cat = ly_vocab_find(LY_VOCAB_CATEGORY, a->reg.category);
        const struct ly_country *country = ly_country_find(a->reg.country);
        ok = ly_issuer_code(c->issuer, a, NULL, code, sizeof code);
        struct ly_card card = {.name = a->reg.name,
                               .name_latin = a->reg.name_latin,
                               .name_lang = a->reg.language,
                               .affiliation = a->reg.affiliation,
                               .country = country ? country->name : a->reg.country,
                               .category = cat ? cat->label : "Participant",
                               .category_rgb = cat ? cat->rgb : 0x1F4E9A,
                               .event_name = c->issuer->event.name,
                               .event_dates = c->issuer->event.starts,
                               .code = code};
        int n = snprintf(path, sizeof path, "%s/badge-%zu.png", dir, i);
        ok = ok && n > 0 && (size_t)n < sizeof path &&
             ly_render_png(r, LY_RENDER_A6, &card, 1, path, 150, qr_version, err, errsz);
    }
    return ly_render_close(r, NULL, 0) && ok;
}

int main(void)
{
    char dir[] = "/tmp/ly-bench-badges.XXXXXX", db_path[256], pdf[256], png_dir[256], err[512] = "";
    struct ly_hubdb *db = NULL;
    struct ly_issuer issuer;
    struct ly_attendee *keep = NULL;
    bool issuer_loaded = false;
    struct collect c = {.issuer = &issuer, .sign = true};
    double t0, t;
    int qr = 0, rc = 1;

    memset(&issuer, 0, sizeof issuer);
    if (sodium_init() < 0 || mkdtemp(dir) == NULL) {
        fprintf(stderr, "bench_badges: cannot set up\n");
        return 1;
    }
    snprintf(db_path, sizeof db_path, "%s/hub.db", dir);
    snprintf(pdf, sizeof pdf, "%s/badges.pdf", dir);
    snprintf(png_dir, sizeof png_dir, "%s/png", dir);

    t0 = bench_now_s();
    bool demo = run_demo_data(db_path);
    if (!ly_hubdb_open(db_path, &db, err, sizeof err))
        goto end;
    if (!demo && !fill_synthetic(db, err, sizeof err))
        goto end;
    printf("setup: %s in %.2f s\n",
           demo ? "bin/lanyard demo-data" : "2500 synthetic registrations (no demo-data)",
           bench_now_s() - t0);

    if (!ly_issuer_load(&issuer, db, err, sizeof err))
        goto end;
    issuer_loaded = true;
    keep = calloc(PNG_COUNT, sizeof *keep);
    c.keep = keep;
    t0 = bench_now_s();
    if (!ly_hubdb_foreach_attendee(db, NULL, 0, visit, &c, err, sizeof err))
        goto end;
    t = bench_now_s() - t0;
    printf("signing: %zu codes in %.3f s = %.0f codes/s (Ed25519, database read included)\n",
           c.onsite, t, (double)c.onsite / t);

    t0 = bench_now_s();
    if (mkdir(png_dir, 0755) != 0 || !bench_png(&c, png_dir, &qr, err, sizeof err))
        goto end;
    t = bench_now_s() - t0;
    printf("png: %zu in %.2f s = %.0f badges/s (150 dpi, A6)\n", c.kept, t, (double)c.kept / t);

    static const char *const layouts[2][2] = {{"A6", "a6"}, {"A4 4-up", "a4"}};
    for (int l = 0; l < 2; l++) {
        char *argv[] = {"badges", "--out", pdf, "--sheet", (char *)layouts[l][1], NULL};
        t0 = bench_now_s();
        if (ly_cmd_badges.run(db, 5, argv) != 0) {
            snprintf(err, sizeof err, "lanyard badges failed");
            goto end;
        }
        t = bench_now_s() - t0;
        printf("badges: %zu in %.2f s = %.0f badges/s (PDF, %s, QR version %d at EC M; %.1f MB)\n",
               c.onsite, t, (double)c.onsite / t, layouts[l][0], qr, (double)file_size(pdf) / 1e6);
        fflush(stdout);
    }

    /* Every registration of the demo event, online ones included: the figure. */
    struct ly_hubdb_stats st;
    char *all_argv[] = {"badges", "--out", pdf, "--online", NULL};
    if (!ly_hubdb_stats(db, &st, err, sizeof err))
        goto end;
    t0 = bench_now_s();
    if (ly_cmd_badges.run(db, 4, all_argv) != 0) {
        snprintf(err, sizeof err, "lanyard badges --online failed");
        goto end;
    }
    t = bench_now_s() - t0;
    printf("badges: %lld in %.2f s = %.0f badges/s (PDF, A6, every registration); 2,000 badges "
           "take %.2f s (target: under 10 s)\n",
           (long long)st.registrations, t, (double)st.registrations / t,
           2000.0 * t / (double)st.registrations);
    rc = 0;

end:
    if (rc != 0)
        fprintf(stderr, "bench_badges: %s\n", err);
    if (issuer_loaded)
        ly_issuer_wipe(&issuer);
    free(keep);
    if (db != NULL)
        ly_hubdb_close(db);
    remove_dir(png_dir);
    remove_dir(dir);
    return rc;
}
