/* bench_ui_text - how long the kiosk screen's text takes: the first rendering of a script (its
 * face opened from disk) and then, warm, each result-screen text in each of the six languages
 * (a headline at 72 px, the reason wrapped at 900 px in 3 lines at 36 px) and an attendee's
 * name; measured over many rounds, printed as median and 99th percentile per text, and the
 * whole result screen's text per language. Exits non-zero when a rendering fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/text.h"
#include "bench/stats.h"

#define ROUNDS 200

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static const struct {
    const char *lang, *headline, *reason, *name;
} SCREENS[] = {
    {"en", "Not admitted",
     "This badge was replaced by a newer one. Please use the new badge or see the badge desk.",
     "Ada Lovelace"},
    {"fr", "Entrée refusée",
     "Ce badge a été remplacé par un badge plus récent. Veuillez utiliser le nouveau badge ou "
     "vous adresser au comptoir des badges.",
     "François Lefèvre-Dupont"},
    {"es", "Entrada denegada",
     "Esta credencial fue sustituida por otra más reciente. Utilice la nueva credencial o "
     "diríjase al mostrador de credenciales.",
     "José Ángel Núñez"},
    {"ru", "Вход не разрешён",
     "Этот пропуск заменён новым. Воспользуйтесь новым пропуском или обратитесь к стойке выдачи "
     "пропусков.",
     "Мария Кузнецова"},
    {"zh", "不予入场", "此证件已被新证件取代。请使用新证件，或前往证件办理处。", "王伟"},
    {"ar", "الدخول غير مسموح",
     "استُبدلت هذه الشارة بشارة أحدث. يرجى استخدام الشارة الجديدة أو التوجه إلى مكتب الشارات.",
     "محمد عبد الله (Mohammed Abdullah)"},
};

static bool draw(struct ly_text *t, const char *s, int px, int wrap, int lines, double *ms)
{
    char err[256];
    double t0 = bench_now_ms();
    SDL_Surface *out = ly_text_render(t, s, px, LY_TEXT_BOLD, (SDL_Color){255, 255, 255, 255}, wrap,
                                      lines, LY_TEXT_START, err, sizeof err);
    *ms = bench_now_ms() - t0;
    if (out == NULL) {
        fprintf(stderr, "bench_ui_text: %s\n", err);
        return false;
    }
    SDL_FreeSurface(out);
    return true;
}

int main(void)
{
    char err[256];
    struct ly_text *t;
    if (!ly_text_open(NULL, NULL, &t, err, sizeof err)) {
        fprintf(stderr, "bench_ui_text: %s\n", err);
        return 1;
    }
    size_t n = sizeof SCREENS / sizeof SCREENS[0];
    printf("%-4s %10s %10s %10s %10s %10s\n", "lang", "cold ms", "head p50", "reason p50",
           "screen p50", "screen p99");
    double *screen = malloc(ROUNDS * sizeof *screen), *head = malloc(ROUNDS * sizeof *head),
           *reason = malloc(ROUNDS * sizeof *reason);
    for (size_t i = 0; i < n; i++) {
        double cold = 0, ms;
        /* Cold: the first screen in this language opens its faces at these sizes. */
        bool ok = draw(t, SCREENS[i].headline, 72, 0, 1, &ms);
        cold += ms;
        ok = ok && draw(t, SCREENS[i].reason, 36, 900, 3, &ms);
        cold += ms;
        ok = ok && draw(t, SCREENS[i].name, 48, 900, 1, &ms);
        cold += ms;
        for (int r = 0; r < ROUNDS && ok; r++) {
            ok = draw(t, SCREENS[i].headline, 72, 0, 1, &head[r]);
            ok = ok && draw(t, SCREENS[i].reason, 36, 900, 3, &reason[r]);
            ok = ok && draw(t, SCREENS[i].name, 48, 900, 1, &ms);
            screen[r] = head[r] + reason[r] + ms;
        }
        if (!ok)
            return 1;
        qsort(head, ROUNDS, sizeof *head, by_value);
        qsort(reason, ROUNDS, sizeof *reason, by_value);
        qsort(screen, ROUNDS, sizeof *screen, by_value);
        printf("%-4s %10.2f %10.2f %10.2f %10.2f %10.2f\n", SCREENS[i].lang, cold, head[ROUNDS / 2],
               reason[ROUNDS / 2], screen[ROUNDS / 2], screen[ROUNDS * 99 / 100]);
    }
    free(screen);
    free(head);
    free(reason);
    ly_text_close(t);
    return 0;
}
