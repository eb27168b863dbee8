/* i18n.h - the kiosk's six languages (the working languages of the UN), from gettext catalogues
 * read at start (ui/i18n/mo.h), so that the screen can answer each attendee in their own language
 * without setlocale. English is the source language: its strings are the msgids themselves.
 * docs/kiosk.md, "Languages", says where the catalogues live and how to add a string or a
 * language. */
#ifndef LY_I18N_H
#define LY_I18N_H

#include <stdbool.h>
#include <stddef.h>

#define LY_LANG_TAG_MAX 35 /* bytes of a language tag ly_lang_from_tag reads (BCP 47's longest) */

enum ly_lang {
    LY_LANG_EN,
    LY_LANG_FR,
    LY_LANG_ES,
    LY_LANG_RU,
    LY_LANG_ZH,
    LY_LANG_AR,
    LY_LANG_COUNT
};

struct ly_i18n;

/* Loads LOCALEDIR/TAG/LC_MESSAGES/lanyard.mo for every language but English (TAG as
 * ly_lang_tag). A missing catalogue is not an error: that language shows English, and err
 * names the missing ones ("no catalogue for ar, zh: they show English"); err is "" when every
 * catalogue loaded. A damaged catalogue is an error naming the file. Returns true and *out
 * (free with ly_i18n_close), or false with a message in err. */
__attribute__((warn_unused_result)) bool ly_i18n_open(const char *localedir, struct ly_i18n **out,
                                                      char *err, size_t errsz);

/* Frees t and its catalogues. NULL is allowed. */
void ly_i18n_close(struct ly_i18n *t);

/* Returns the translation of msgid in lang, or msgid itself when there is none (English, a
 * missing catalogue or message, an unknown lang, t NULL). A translation stays valid while t is
 * open. */
const char *ly_i18n_get(const struct ly_i18n *t, enum ly_lang lang, const char *msgid);

/* Copies template tmpl (NULL is "") into out (outsz bytes, always NUL-terminated when outsz > 0),
 * replacing each {1} to {9} by args[0] to args[8]; a placeholder without an argument (past nargs,
 * or NULL) becomes "", and any other brace is copied as is. Returns false when out was too small:
 * the text is then cut at a character boundary. */
bool ly_i18n_format(char *out, size_t outsz, const char *tmpl, const char *const *args,
                    size_t nargs);

/* Reads a language tag or locale name ("fr", "fr-CA", "fr_FR.UTF-8", "zh-Hans", "ZH_tw", "ar",
 * or an ISO 639-2 code such as "fra", "chi") into *out. Chinese in any script or region is
 * LY_LANG_ZH (the catalogue is Simplified Chinese). Returns false for other languages, for NULL
 * and for tags longer than LY_LANG_TAG_MAX. */
bool ly_lang_from_tag(const char *tag, enum ly_lang *out);

/* Returns the two-letter tag of l ("en", "fr", ...), "en" for a value out of range. */
const char *ly_lang_tag(enum ly_lang l);

/* Returns the language's name in itself ("English", "Français", "Español", "Русский", "中文",
 * "العربية"), for a language menu; "English" for a value out of range. */
const char *ly_lang_native_name(enum ly_lang l);

/* Returns whether l is written right to left (Arabic). */
bool ly_lang_rtl(enum ly_lang l);

/* Marks a string for xgettext (keyword N_) without translating it, in tables of messages. */
#define N_(msgid) msgid

/* The screens translate with T(lang, "msgid"), which xgettext finds (keyword T:2). A file that
 * uses it first defines LY_I18N as its open catalogues, e.g. `#define LY_I18N (ui->i18n)`. */
#define T(lang, msgid) ly_i18n_get(LY_I18N, (lang), (msgid))

#endif
