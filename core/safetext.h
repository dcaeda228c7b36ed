/*
 * safetext.h: text that is safe to put on a terminal, its width, and wrapping.
 *
 * Every string that comes from a service or from a file passes
 * core_safetext() before it reaches a terminal.  The sanitiser:
 *
 *  - decodes UTF-8 strictly; each maximal invalid subsequence (stray
 *    continuation bytes, overlong forms, encoded surrogates, values past
 *    U+10FFFF, a truncated sequence) becomes one U+FFFD;
 *  - removes C0 controls (U+0000-001F), DEL (U+007F) and C1 controls
 *    (U+0080-009F); a tab becomes a space;
 *  - removes whole escape sequences, not just their ESC: CSI (ESC [ or
 *    U+009B ... final byte), OSC (ESC ] or U+009D ... BEL or ST, which
 *    includes window-title changes), DCS, SOS, PM and APC strings (up to ST),
 *    and two- and three-character escapes (ESC c, ESC ( B, ...);
 *  - removes bidirectional embeddings, overrides and isolates (U+202A-202E,
 *    U+2066-2069) and marks (U+200E, U+200F, U+061C), every other character
 *    of general category Cf (U+200B, U+2060, U+FEFF, U+00AD, tag
 *    characters, ...), the invisible Hangul fillers U+115F, U+1160, U+3164,
 *    U+FFA0, and noncharacters (U+FDD0-FDEF, U+xxFFFE, U+xxFFFF);
 *  - keeps U+200C and U+200D (joiners) only between two characters at or
 *    above U+0590, where Arabic, Indic and other scripts and emoji need them,
 *    and tag characters only in an emoji subdivision flag (U+1F3F4, 1-6 tag
 *    letters or digits, U+E007F: the flags of Wales, Scotland and England);
 *  - keeps at most 16 combining marks on one base character (a longer stack
 *    draws over neighbouring lines);
 *  - turns line breaks (LF, CR LF, CR, U+0085, U+2028, U+2029) into LF with
 *    CORE_SAFETEXT_MULTILINE, otherwise into one space;
 *  - normalises the result to NFC (utf8proc).
 *
 * With CORE_SAFETEXT_ESCAPE, a removed character is shown instead as a
 * visible escape "<U+XXXX>" (four to six upper-case hex digits, e.g.
 * "<U+202E>", "<U+001B>"), and an escape sequence shows its ESC as
 * "<U+001B>" followed by its printable bytes as ordinary text, so that
 * "\033[2J" reads "<U+001B>[2J".  Nothing that reaches the output can move
 * the cursor, change the title, reorder text or hide text.
 *
 * Width and wrapping work on sanitised text.  Width is the sum of
 * utf8proc_charwidth() over the code points (CJK and most emoji 2, combining
 * marks 0); nothing here consults the locale or the C library's wcwidth().
 * Wrapping breaks at spaces, before and after wide characters, and inside a
 * word that is longer than a line, never inside a grapheme cluster.
 */
#ifndef RECOURSE_CORE_SAFETEXT_H
#define RECOURSE_CORE_SAFETEXT_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"

#define CORE_SAFETEXT_MULTILINE	0x01	/* keep line breaks, as LF */
#define CORE_SAFETEXT_ESCAPE	0x02	/* show removed characters as <U+XXXX> */

/* Most combining marks kept after one base character. */
#define CORE_SAFETEXT_MAX_MARKS	16

/*
 * Decode one code point from s[0..len) (len >= 1).  Invalid UTF-8 gives
 * U+FFFD and consumes its maximal invalid subpart (at least one byte).
 * Returns the number of bytes consumed, 0 only when len is 0.
 */
size_t		 core_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Append the UTF-8 encoding of cp (at most U+10FFFF) to out. */
enum core_code	 core_utf8_put(struct core_buf *out, uint32_t cp);

/* Append s[0..len) to out with invalid UTF-8 replaced by U+FFFD and NUL
 * bytes replaced by U+FFFD; nothing else is changed. */
enum core_code	 core_utf8_repair(struct core_buf *out, const char *s, size_t len);

/*
 * Append the sanitised form of s[0..len) to out (see above).  On error
 * (CORE_E_TOO_LARGE when out's ceiling would be passed, CORE_E_NOMEM) out is
 * left as it was.
 */
enum core_code	 core_safetext_append(struct core_buf *out, const char *s,
		     size_t len, unsigned flags);

/*
 * The sanitised form of the NUL-terminated s as a new string (free with
 * core_free()), at most max bytes long; NULL s gives "".
 */
enum core_code	 core_safetext(const char *s, unsigned flags, size_t max,
		     char **out);

/* Columns that s[0..len) takes on a terminal. */
size_t		 core_text_width(const char *s, size_t len);

/*
 * The length in bytes of the longest prefix of s[0..len) that ends on a
 * grapheme-cluster boundary and is at most width columns wide; its width is
 * stored in *used when used is not NULL.
 */
size_t		 core_text_fit(const char *s, size_t len, size_t width,
		     size_t *used);

/* One line of wrapped text: a byte range of the wrapped string. */
struct core_text_line {
	size_t	off;
	size_t	len;
	size_t	width;
};

/* The lines of a wrap; the array is owned by the struct. */
struct core_text_lines {
	struct core_text_line	*v;
	size_t			 n;
	size_t			 cap;
};

/*
 * Wrap the sanitised s[0..len) to lines of at most width columns, appending
 * to lines (which starts zeroed, or holds lines of an earlier call).  A LF
 * ends a line; an empty input gives one empty line, and each LF one more
 * line.  Spaces at a soft break are dropped; spaces at the start of the text
 * and after a LF are kept.  A word longer than a line is broken between
 * grapheme clusters.  Only a single grapheme cluster wider than width (a
 * wide character when width is 1) makes a line wider than width.  width 0 is
 * CORE_E_ARG.  At most max_lines lines are added (0: no limit); when the
 * text needs more, CORE_E_TOO_LARGE is returned with the first max_lines
 * lines in place.
 */
enum core_code	 core_text_wrap(const char *s, size_t len, size_t width,
		     size_t max_lines, struct core_text_lines *lines);

/* Release the lines' array and zero the struct. */
void		 core_text_lines_free(struct core_text_lines *lines);

#endif
