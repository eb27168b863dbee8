/* sound.h - the kiosk's sounds: one short, distinct tone pattern for each kind of result, made
 * in code (no sound files to ship), played through SDL's audio queue. A kiosk without a sound
 * device stays silent and says so once. Main thread only; SDL's audio subsystem must be
 * initialised. */
#ifndef LY_SOUND_H
#define LY_SOUND_H

#include <stdbool.h>

enum ly_sound {
    LY_SOUND_GRANTED, /* two rising notes */
    LY_SOUND_NOTICE,  /* three rising notes: granted, and there is something to read */
    LY_SOUND_ALREADY, /* one middle note, twice */
    LY_SOUND_DENIED,  /* two low notes, falling */
    LY_SOUND_KEY,     /* a short click for a touch */
};

struct ly_sound_player;

/* Opens the default audio device. Returns NULL (and logs why) when there is none: every other
 * function then does nothing. */
struct ly_sound_player *ly_sound_open(void);
/* Replaces whatever is playing with sound s. */
void ly_sound_play(struct ly_sound_player *p, enum ly_sound s);
/* Samples queued so far, for tests and the log. */
unsigned long ly_sound_played(const struct ly_sound_player *p);
void ly_sound_close(struct ly_sound_player *p);

#endif
