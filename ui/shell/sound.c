/* sound.c - tones for the kiosk's results. See sound.h. */
#include "shell/sound.h"

#include <SDL.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define RATE      22050 /* samples per second: plenty for tones, light on a small board */
#define NOTES_MAX 3
#define TONE_MAX  (RATE / 2) /* samples in the longest pattern */

struct ly_sound_player {
    SDL_AudioDeviceID dev;
    unsigned long played;
    int16_t buf[TONE_MAX];
};

struct note {
    float hz;
    int ms;
};

/* The patterns: pitch carries the meaning for those who cannot see the screen, rhythm for
 * those who cannot tell pitches apart. */
static const struct note patterns[][NOTES_MAX] = {
    [LY_SOUND_GRANTED] = {{660, 90}, {990, 140}, {0, 0}},
    [LY_SOUND_NOTICE] = {{660, 90}, {880, 90}, {1100, 140}},
    [LY_SOUND_ALREADY] = {{784, 110}, {0, 60}, {784, 110}},
    [LY_SOUND_DENIED] = {{330, 200}, {0, 40}, {247, 260}},
    [LY_SOUND_KEY] = {{1500, 12}, {0, 0}, {0, 0}},
};

struct ly_sound_player *ly_sound_open(void)
{
    SDL_AudioSpec want, have;
    SDL_zero(want);
    want.freq = RATE;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    SDL_AudioDeviceID dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (dev == 0) {
        fprintf(stderr, "lanyard-kiosk: no sound: %s\n", SDL_GetError());
        return NULL;
    }
    struct ly_sound_player *p = calloc(1, sizeof *p);
    if (!p) {
        SDL_CloseAudioDevice(dev);
        return NULL;
    }
    p->dev = dev;
    SDL_PauseAudioDevice(dev, 0);
    return p;
}

void ly_sound_play(struct ly_sound_player *p, enum ly_sound s)
{
    if (!p || (unsigned)s >= sizeof patterns / sizeof patterns[0])
        return;
    size_t n = 0;
    for (int i = 0; i < NOTES_MAX; i++) {
        const struct note *nt = &patterns[s][i];
        size_t len = (size_t)nt->ms * RATE / 1000;
        for (size_t k = 0; k < len && n < TONE_MAX; k++, n++) {
            /* A 5 ms fade at both ends keeps the notes free of clicks. */
            double env = fmin(1.0, fmin((double)k, (double)(len - k)) / (RATE * 0.005));
            double v = nt->hz > 0 ? sin(2 * M_PI * nt->hz * (double)k / RATE) : 0;
            p->buf[n] = (int16_t)(v * env * 9000);
        }
    }
    SDL_ClearQueuedAudio(p->dev);
    if (SDL_QueueAudio(p->dev, p->buf, (Uint32)(n * sizeof p->buf[0])) == 0)
        p->played += n;
}

unsigned long ly_sound_played(const struct ly_sound_player *p)
{
    return p ? p->played : 0;
}

void ly_sound_close(struct ly_sound_player *p)
{
    if (!p)
        return;
    SDL_CloseAudioDevice(p->dev);
    free(p);
}
