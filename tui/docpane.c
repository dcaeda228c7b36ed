/*
 * docpane.c: a pane that shows a document (doc.c) and moves a selection
 * over its items: Up and Down by item (by a page inside an item taller than
 * the pane), PgUp and PgDn by page, Home and End, Enter to act on an item.
 * In screen-reader mode Up and Down also stop on each line of an item that
 * wraps: a screen reader reads the row the cursor is on, so the rest of a
 * long item would not be heard.
 */
#include "config.h"

#include <string.h>

#include <curses.h>

#include "core/intl.h"
#include "tui/tui-int.h"

/* The document must be built again (the model changed). */
void
tui_pane_stale(struct tui_pane *p)
{
	p->stale = 1;
}

/* Build the document for width when it is stale or laid out for another. */
void
tui_docpane_ensure(struct tui *t, struct tui_pane *p, int width)
{
	if (width < 1)
		width = 1;
	if (!p->stale && p->doc.width == width && p->doc.nlines > 0)
		return;
	tui_doc_free(&p->doc);
	tui_doc_init(&p->doc, width);
	if (p->ops->build != NULL)
		p->ops->build(t, p, &p->doc);
	if (p->doc.nitems == 0)
		tui_doc_add(&p->doc, "", TUI_R_NORMAL, 0, TUI_DOC_ITEM);
	if (p->sel >= p->doc.nitems)
		p->sel = p->doc.nitems - 1;
	if (p->top >= p->doc.nlines)
		p->top = 0;
	p->stale = 0;
}

/* First and last line of an item. */
static void
doc_item_lines(const struct tui_doc *d, size_t item, size_t *first, size_t *last)
{
	*first = d->item_line[item];
	*last = item + 1 < d->nitems ? d->item_line[item + 1] : d->nlines;
	if (*last > *first)
		(*last)--;
	/* Blank lines that close an item are not part of what is selected. */
	while (*last > *first && d->lines[*last].len == 0)
		(*last)--;
}

/* The lines of an item with text, from the first that has some: a screen
 * reader would read an empty row as the focused item. */
static void
doc_item_text(const struct tui_doc *d, size_t item, size_t *first, size_t *last)
{
	doc_item_lines(d, item, first, last);
	while (*first < *last && *first < d->nlines && d->lines[*first].len == 0)
		(*first)++;
}

/* The line of the selected item the cursor is on: its first, or in
 * screen-reader mode the one being read. */
static size_t
doc_at(struct tui *t, const struct tui_pane *p)
{
	size_t	first, last;

	doc_item_text(&p->doc, p->sel, &first, &last);
	if (t->env->screen_reader && p->at > first && p->at <= last &&
	    p->at < p->doc.nlines && p->doc.lines[p->at].len > 0)
		return p->at;
	return first;
}

/* Screen-reader mode: move the line being read by dir (1 or -1) inside the
 * selected item, over empty lines, keeping it in h lines; 0 at the item's
 * end. */
static int
doc_step_line(struct tui *t, struct tui_pane *p, int dir, int h)
{
	size_t	first, last, at;

	doc_item_text(&p->doc, p->sel, &first, &last);
	at = doc_at(t, p);
	for (;;) {
		if (dir > 0 ? at >= last : at <= first)
			return 0;
		at = dir > 0 ? at + 1 : at - 1;
		if (p->doc.lines[at].len > 0)
			break;
	}
	p->at = at;
	if (at < p->top)
		p->top = at;
	else if (h > 0 && at >= p->top + (size_t)h)
		p->top = at - (size_t)h + 1;
	return 1;
}

/* Select item, scrolling so that it shows in h lines. */
void
tui_docpane_select(struct tui_pane *p, size_t item, int h)
{
	size_t	first, last;

	if (p->doc.nitems == 0)
		return;
	if (item >= p->doc.nitems)
		item = p->doc.nitems - 1;
	p->sel = item;
	p->at = 0;
	if (h <= 0)
		return;
	doc_item_lines(&p->doc, item, &first, &last);
	if (first < p->top)
		p->top = first;
	else if (last >= p->top + (size_t)h)
		p->top = last - (size_t)h + 1 > first ? first : last - (size_t)h + 1;
}

/* Draw the document in the pane's frame; the first line of the selected
 * item (in screen-reader mode the line being read) in reverse, where the
 * cursor also is.  Only that line changes when
 * the selection moves, so a move sends the terminal two short lines. */
void
tui_docpane_draw(struct tui *t, struct tui_pane *p, const struct tui_rect *r,
    int focused)
{
	struct tui_rect	 in;
	size_t		 i, first;
	int		 row, used;
	enum tui_role	 role;

	tui_box(t, r, _(p->ops->title), focused);
	in = tui_inner(t, r);
	tui_docpane_ensure(t, p, in.w);
	p->rect = *r;
	/* The line in reverse, where the cursor is: the item's first with
	 * text, or in screen-reader mode the one being read. */
	first = doc_at(t, p);
	for (row = 0; row < in.h; row++) {
		i = p->top + (size_t)row;
		if (i >= p->doc.nlines) {
			tui_fill(in.y + row, in.x, in.w, TUI_R_NORMAL);
			continue;
		}
		role = p->doc.lines[i].role;
		if (i == first && p->doc.lines[i].len > 0)
			role = focused ? TUI_R_SELECTED : TUI_R_SELECTED_DIM;
		tui_fill(in.y + row, in.x, p->doc.lines[i].indent, TUI_R_NORMAL);
		/* The rest of the row, outside the selection.  What tui_put
		 * says it used, not the cursor: a line that ends in the last
		 * column leaves the cursor on the next row. */
		used = p->doc.lines[i].indent + tui_put(in.y + row,
		    in.x + p->doc.lines[i].indent, in.w - p->doc.lines[i].indent,
		    tui_doc_line(&p->doc, i), p->doc.lines[i].len, role, 0);
		if (used < in.w)
			tui_fill(in.y + row, in.x + used, in.w - used, TUI_R_NORMAL);
	}
	i = first < p->top ? p->top : first;
	if (i >= p->top + (size_t)(in.h > 0 ? in.h : 1))
		i = p->top;
	p->cy = in.y + (int)(i - p->top);
	p->cx = in.x + (i < p->doc.nlines ? p->doc.lines[i].indent : 0);
	if (in.h <= 0) {
		p->cy = r->y;
		p->cx = r->x;
	}
}

/* Lines a page moves. */
static int
doc_page(struct tui *t, struct tui_pane *p)
{
	struct tui_rect	in = tui_inner(t, &p->rect);

	return in.h > 1 ? in.h : 1;
}

/* Keys of a document pane. */
int
tui_docpane_key(struct tui *t, struct tui_pane *p, int key)
{
	int	h = doc_page(t, p);
	size_t	first, last;

	if (p->doc.nitems == 0)
		return 0;
	doc_item_lines(&p->doc, p->sel, &first, &last);
	switch (key) {
	case TUI_KEY(KEY_DOWN):
		if (t->env->screen_reader && doc_step_line(t, p, 1, h))
			return 1;
		if (!t->env->screen_reader && last >= p->top + (size_t)h) {
			p->top += (size_t)(h > 1 ? h - 1 : 1);
			return 1;
		}
		if (p->sel + 1 < p->doc.nitems)
			tui_docpane_select(p, p->sel + 1, h);
		return 1;
	case TUI_KEY(KEY_UP):
		if (t->env->screen_reader && doc_step_line(t, p, -1, h))
			return 1;
		if (!t->env->screen_reader && first < p->top) {
			p->top = p->top > (size_t)(h - 1) && h > 1 ?
			    p->top - (size_t)(h - 1) : first;
			if (p->top < first)
				p->top = first;
			return 1;
		}
		if (p->sel > 0)
			tui_docpane_select(p, p->sel - 1, h);
		return 1;
	case TUI_KEY(KEY_NPAGE):
		p->at = 0;
		if (p->top + (size_t)h < p->doc.nlines)
			p->top += (size_t)h;
		/* select the first item that starts on the page */
		{
			size_t it = p->sel;

			while (it + 1 < p->doc.nitems &&
			    p->doc.item_line[it] < p->top)
				it++;
			p->sel = it;
		}
		return 1;
	case TUI_KEY(KEY_PPAGE):
		p->at = 0;
		p->top = p->top > (size_t)h ? p->top - (size_t)h : 0;
		{
			size_t it = p->sel;

			while (it > 0 && p->doc.item_line[it] >= p->top + (size_t)h)
				it--;
			while (it > 0 && p->doc.item_line[it] > p->top &&
			    p->doc.item_line[it - 1] >= p->top)
				it--;
			p->sel = it;
		}
		return 1;
	case TUI_KEY(KEY_HOME):
		p->top = 0;
		p->sel = 0;
		p->at = 0;
		return 1;
	case TUI_KEY(KEY_END):
		tui_docpane_select(p, p->doc.nitems - 1, h);
		return 1;
	case '\r':
	case '\n':
	case TUI_KEY(KEY_ENTER):
		if (p->ops->activate != NULL) {
			p->ops->activate(t, p, p->sel);
			return 1;
		}
		return 0;
	}
	return 0;
}

/* The pane's place changed: a new width means a new layout. */
void
tui_docpane_resize(struct tui *t, struct tui_pane *p, const struct tui_rect *r)
{
	struct tui_rect	in = tui_inner(t, r);

	p->rect = *r;
	if (in.w != p->doc.width)
		p->stale = 1;
}

/* Focus changes nothing in a document's model. */
void
tui_docpane_focus(struct tui *t, struct tui_pane *p, int on)
{
}

/* Release the document. */
void
tui_docpane_free(struct tui *t, struct tui_pane *p)
{
	tui_doc_free(&p->doc);
}
