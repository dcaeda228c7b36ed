/*
 * html.h: letters in restricted HTML (or plain text), laid out as terminal
 * lines.
 *
 * A decision record may carry its letter as restricted HTML.  The letter is
 * parsed with libxml2's HTML parser (UTF-8 forced, HTML_PARSE_NONET,
 * no errors reported, blank nodes removed; HTML has no entity declarations,
 * so nothing is ever expanded from outside and nothing is fetched) and laid
 * out for a given width as a list of lines, each with attribute spans.  The
 * model is the same for the two renderers: the full-screen interface draws
 * each line and turns the spans into curses attributes; the plain renderer
 * is the text itself (lines joined by LF, core_html_text()).
 *
 * What is shown:
 *  - headings (a line of their own, attribute HEADING, kind HEADING with the
 *    level); paragraphs, divisions, block quotes (indented) and preformatted
 *    text (spacing kept);
 *  - lists with bullets and numbers (ol start= honoured), nested, with
 *    hanging indents; definition lists;
 *  - tables aligned in columns within the width, a rule under the header
 *    row; in screen-reader mode, or when the columns cannot fit, each data
 *    row is linearised as "Header: value" lines (or "Column N: value") with
 *    a blank line between rows;
 *  - emphasis: <strong>/<b> as STRONG, <em>/<i> as EM, <code> as CODE,
 *    link text as LINK; with CORE_HTML_MARKS also as *strong* and _em_ in
 *    the text (for terminals that cannot show attributes);
 *  - links as a reference "[n]" after their text (joined to it by a no-break
 *    space, U+00A0), and the numbered list of
 *    their addresses at the end ("Links:"); only http, https, mailto and tel
 *    addresses are listed, others keep their text and lose the address;
 *  - images as their alt text;
 *  - script, style, form and its controls, iframe, frame, object, applet,
 *    template, svg, math, canvas, audio, video and head are dropped with
 *    everything in them.
 *
 * All text passes the display sanitiser (core/safetext.h), with
 * CORE_SAFETEXT_ESCAPE when CORE_HTML_ESCAPES is set.  Output is bounded:
 * at most max_lines lines and 4 MiB of text, tables of at most 500 rows and
 * 32 columns, 4 KiB of text per cell, input of at most 1 MiB; what is cut
 * is said in a last line.  The layout is linear in the size of the input.
 *
 * Words the layout adds ("Links:", "Column", the truncation notes) are
 * message ids marked N_(); opts->tr translates them (NULL: as they are).
 */
#ifndef RECOURSE_CORE_HTML_H
#define RECOURSE_CORE_HTML_H

#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

/* Largest letter accepted, in bytes. */
#define CORE_HTML_MAX_INPUT	(1024 * 1024)

/* Flags of struct core_html_opts. */
#define CORE_HTML_SCREEN_READER	0x01	/* linear tables, no drawn rules */
#define CORE_HTML_MARKS		0x02	/* *strong*, _em_, underlined headings */
#define CORE_HTML_ESCAPES	0x04	/* show removed characters as <U+XXXX> */

struct core_html_opts {
	size_t		 width;		/* columns; 0 means 80; at least 10 */
	unsigned	 flags;
	size_t		 max_lines;	/* 0 means 20000 */
	const char	*(*tr)(const char *msgid);
};

/* Attributes of a span. */
#define CORE_HTML_A_STRONG	0x01
#define CORE_HTML_A_EM		0x02
#define CORE_HTML_A_CODE	0x04
#define CORE_HTML_A_LINK	0x08
#define CORE_HTML_A_HEADING	0x10

/* What a line is. */
enum core_html_kind {
	CORE_HTML_L_TEXT = 0,	/* paragraph text, quotes, preformatted */
	CORE_HTML_L_BLANK,	/* space between blocks */
	CORE_HTML_L_HEADING,	/* level: 1-6 */
	CORE_HTML_L_RULE,	/* a horizontal rule, or a heading's underline */
	CORE_HTML_L_ITEM,	/* a list item's text; level: list depth */
	CORE_HTML_L_TABLE,	/* a table row, rule or linearised cell */
	CORE_HTML_L_LINKS,	/* the list of link addresses */
	CORE_HTML_L_NOTE	/* a note added by the layout (truncation) */
};

/* A run of a line's bytes with attributes. */
struct core_html_span {
	size_t		off;	/* from the start of the line */
	size_t		len;
	unsigned	attr;
};

struct core_html_line {
	size_t			off;	/* into the document's text */
	size_t			len;
	size_t			width;	/* columns, at most opts->width */
	size_t			span;	/* first span, index into spans */
	size_t			nspan;
	enum core_html_kind	kind;
	unsigned		level;
};

/* A laid-out letter.  text holds every line, each followed by LF. */
struct core_html_doc {
	struct core_buf		 text;
	struct core_html_line	*lines;
	size_t			 nlines;
	struct core_html_span	*spans;
	size_t			 nspans;
	size_t			 nlinks;	/* numbered links */
	int			 truncated;	/* something was left out */
	size_t			 cap_lines;	/* allocation bookkeeping */
	size_t			 cap_spans;
};

/*
 * Lay out the restricted-HTML letter html[0..len) (UTF-8; invalid bytes are
 * shown as U+FFFD).  *out receives a document to free with core_html_free().
 * Errors: CORE_E_TOO_LARGE (input over CORE_HTML_MAX_INPUT), CORE_E_HTML
 * (nothing could be parsed), CORE_E_ARG, CORE_E_NOMEM.
 */
enum core_code	 core_html_render(const char *html, size_t len,
		     const struct core_html_opts *opts,
		     struct core_html_doc **out, struct core_err *err);

/*
 * Lay out a plain-text letter: sanitised (line breaks kept), each line
 * wrapped to the width, with the same bounds and the same model.
 */
enum core_code	 core_html_render_plain(const char *text, size_t len,
		     const struct core_html_opts *opts,
		     struct core_html_doc **out, struct core_err *err);

/* The plain rendering: every line followed by LF, NUL-terminated. */
const char	*core_html_text(const struct core_html_doc *doc);

/* The bytes of line i (not NUL-terminated; length doc->lines[i].len). */
const char	*core_html_line_text(const struct core_html_doc *doc, size_t i);

void		 core_html_free(struct core_html_doc **doc);

#endif
