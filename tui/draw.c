/*
 * draw.c: the drawing primitives every pane uses: text cut to a width, a
 * filled run, a pane's frame.  Text given here is already safe (it went
 * through core_safetext, or was typed into the editor, which takes only
 * printable characters); widths follow core/safetext.h.
 */
#include "config.h"

#include <string.h>

#include <curses.h>

#include "core/intl.h"
#include "core/safetext.h"
#include "tui/tui-int.h"

/* Text at (y, x), cut to w columns on a grapheme boundary. */
int
tui_put(int y, int x, int w, const char *s, size_t len, enum tui_role r,
    int fill)
{
	size_t	used = 0, n;

	if (w <= 0)
		return 0;
	n = core_text_fit(s, len, (size_t)w, &used);
	attrset(tui_attr(r));
	move(y, x);
	if (n > 0)
		addnstr(s, (int)n);
	if (fill && (int)used < w)
		mvhline(y, x + (int)used, ' ', w - (int)used);
	attrset(A_NORMAL);
	return (int)used;
}

/* w blank columns at (y, x). */
void
tui_fill(int y, int x, int w, enum tui_role r)
{
	if (w <= 0)
		return;
	attrset(tui_attr(r));
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

/* The frame of a pane with its title.  The focused pane's title is in
 * brackets as well as bold, so focus does not rest on colour.  In
 * screen-reader mode there is no frame: one title line. */
void
tui_box(struct tui *t, const struct tui_rect *r, const char *title, int focused)
{
	enum tui_role	role = focused ? TUI_R_BORDER_FOCUS : TUI_R_BORDER;
	char		head[160];
	int		i;

	if (r->h <= 0 || r->w <= 0)
		return;
	if (focused)
		snprintf(head, sizeof head, "[ %s ]", title);
	else
		snprintf(head, sizeof head, "  %s  ", title);
	if (t->env->screen_reader || r->h < 3 || r->w < 6) {
		tui_put(r->y, r->x, r->w, head, strlen(head),
		    focused ? TUI_R_HEADING : TUI_R_DIM, 1);
		return;
	}
	attrset(tui_attr(role));
	mvaddch(r->y, r->x, ACS_ULCORNER);
	mvhline(r->y, r->x + 1, ACS_HLINE, r->w - 2);
	mvaddch(r->y, r->x + r->w - 1, ACS_URCORNER);
	for (i = 1; i < r->h - 1; i++) {
		mvaddch(r->y + i, r->x, ACS_VLINE);
		mvaddch(r->y + i, r->x + r->w - 1, ACS_VLINE);
	}
	mvaddch(r->y + r->h - 1, r->x, ACS_LLCORNER);
	mvhline(r->y + r->h - 1, r->x + 1, ACS_HLINE, r->w - 2);
	mvaddch(r->y + r->h - 1, r->x + r->w - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
	tui_put(r->y, r->x + 1, r->w - 2, head, strlen(head),
	    focused ? TUI_R_BORDER_FOCUS : TUI_R_HEADING, 0);
}

/* The inside of a pane. */
struct tui_rect
tui_inner(struct tui *t, const struct tui_rect *r)
{
	struct tui_rect	in = *r;

	if (t->env->screen_reader || r->h < 3 || r->w < 6) {
		in.y += 1;
		in.h -= 1;
	} else {
		in.y += 1;
		in.x += 1;
		in.h -= 2;
		in.w -= 2;
	}
	if (in.h < 0)
		in.h = 0;
	if (in.w < 0)
		in.w = 0;
	return in;
}
