/* shot.h - screenshots of the kiosk screen: the renderer's picture, read back before it is
 * presented, written as a PNG file (through cairo, which the badge renderer links anyway). */
#ifndef LY_SHOT_H
#define LY_SHOT_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

/* Writes what r has drawn (w x h pixels) to path as a PNG, through path.part and a rename, so
 * that a reader never sees half a file. Returns false with a message in err. */
__attribute__((warn_unused_result)) bool ly_shot_save(SDL_Renderer *r, int w, int h,
                                                      const char *path, char *err, size_t errsz);

#endif
