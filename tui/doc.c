/*
 * doc.c: a pane's document: paragraphs made safe, wrapped to the pane's
 * width and grouped into items (what the selection moves over and what a
 * screen reader reads as one).  No curses here.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/safetext.h"
#include "tui/tui-int.h"

#define DOC_MAX_TEXT	(16u * 1024u * 1024u)
#define DOC_MAX_LINES	200000u
#define DOC_MAX_PARA	(1024u * 1024u)

/* An empty document for a width. */
void
tui_doc_init(struct tui_doc *d, int width)
{
	memset(d, 0, sizeof *d);
	core_buf_init(&d->text, DOC_MAX_TEXT);
	d->width = width > 0 ? width : 1;
}

/* Release a document. */
void
tui_doc_free(struct tui_doc *d)
{
	core_buf_free(&d->text);
	free(d->lines);
	free(d->item_line);
	memset(d, 0, sizeof *d);
}

/* Append one line. */
static int
doc_line(struct tui_doc *d, const char *s, size_t len, int indent,
    enum tui_role role)
{
	struct tui_dline	*l;
	void			*p;

	if (d->nlines >= DOC_MAX_LINES)
		return -1;
	if (d->nlines == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		if ((p = realloc(d->lines, d->cap * sizeof *d->lines)) == NULL)
			abort();
		d->lines = p;
	}
	l = &d->lines[d->nlines];
	l->off = d->text.len;
	l->len = len;
	l->indent = indent;
	l->role = role;
	l->item = d->nitems > 0 ? d->nitems - 1 : 0;
	if (core_buf_add(&d->text, s, len) != CORE_OK)
		return -1;
	d->nlines++;
	return 0;
}

/* Start a new item at the next line. */
static void
doc_item(struct tui_doc *d)
{
	void	*p;

	if (d->nitems == d->cap_items) {
		d->cap_items = d->cap_items ? d->cap_items * 2 : 32;
		if ((p = realloc(d->item_line, d->cap_items * sizeof *d->item_line)) == NULL)
			abort();
		d->item_line = p;
	}
	d->item_line[d->nitems++] = d->nlines;
}

/* Sanitise, wrap and append a paragraph. */
void
tui_doc_add(struct tui_doc *d, const char *s, enum tui_role role, int indent,
    unsigned flags)
{
	struct core_text_lines	 w;
	char			*safe = NULL;
	size_t			 i, room;
	int			 width;

	memset(&w, 0, sizeof w);
	if (d->nitems == 0 || (flags & TUI_DOC_ITEM))
		doc_item(d);
	if (s == NULL)
		s = "";
	if (core_safetext(s, CORE_SAFETEXT_MULTILINE | CORE_SAFETEXT_ESCAPE,
	    DOC_MAX_PARA, &safe) != CORE_OK)
		goto out;
	if (indent > d->width / 2)
		indent = d->width / 2;
	width = d->width - indent;
	room = DOC_MAX_LINES - d->nlines;
	if (room == 0)
		goto out;
	if (core_text_wrap(safe, strlen(safe), (size_t)(width > 0 ? width : 1),
	    room, &w) != CORE_OK && w.n == 0)
		goto out;
	for (i = 0; i < w.n; i++)
		if (doc_line(d, safe + w.v[i].off, w.v[i].len, indent, role) != 0)
			break;
out:
	core_text_lines_free(&w);
	core_free(safe);
}

/* A formatted paragraph; the arguments are made safe with the rest. */
void
tui_doc_addf(struct tui_doc *d, enum tui_role role, int indent, unsigned flags,
    const char *fmt, ...)
{
	char	buf[4096];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	tui_doc_add(d, buf, role, indent, flags);
}

/* An empty line, part of the last item. */
void
tui_doc_blank(struct tui_doc *d)
{
	if (d->nitems == 0)
		doc_item(d);
	doc_line(d, "", 0, 0, TUI_R_NORMAL);
}

/* The bytes of line i (length d->lines[i].len). */
const char *
tui_doc_line(const struct tui_doc *d, size_t i)
{
	return (const char *)d->text.data + d->lines[i].off;
}

/* Does s[0..len) hold needle, ASCII letters folded? */
static int
doc_has(const char *s, size_t len, const char *needle)
{
	size_t	n = strlen(needle), i, j;

	for (i = 0; n > 0 && i + n <= len; i++) {
		for (j = 0; j < n; j++)
			if (tolower((unsigned char)s[i + j]) !=
			    tolower((unsigned char)needle[j]))
				break;
		if (j == n)
			return 1;
	}
	return 0;
}

/* The next item, from from on and wrapping, that holds needle. */
long
tui_doc_find(const struct tui_doc *d, const char *needle, size_t from)
{
	size_t	k, it, l, end;

	for (k = 0; k < d->nitems; k++) {
		it = (from + k) % d->nitems;
		end = it + 1 < d->nitems ? d->item_line[it + 1] : d->nlines;
		for (l = d->item_line[it]; l < end; l++)
			if (doc_has(tui_doc_line(d, l), d->lines[l].len, needle))
				return (long)it;
	}
	return -1;
}
