/*
 * mouse.c: the mouse as a shortcut; every action also has its key.
 *
 *   a click on a pane's name in the strip of names focuses that pane, as
 *     its letter (d, p, v, l) does;
 *   a click in a pane focuses it; in Cases it also selects the case
 *     clicked (Enter opens it, as always);
 *   the wheel moves through the document under the pointer, three items
 *     a turn, as Up and Down do.
 *
 * The mouse is asked for with ncurses' mousemask() unless the
 * configuration says mouse = no; a kiosk never asks for it (its start
 * screen is driven by keys only).  While the program holds the mouse, the
 * terminal selects text with Shift held down.
 */
#include "config.h"

#include <string.h>

#include <curses.h>

#include "core/intl.h"
#include "core/safetext.h"
#include "tui/tui-int.h"

#define MOUSE_WHEEL_STEP	3

/* Ask the terminal for the mouse, where it is wanted. */
void
tui_mouse_begin(struct tui *t)
{
	if (t->env->kiosk || !t->env->mouse)
		return;
	mouseinterval(0);	/* a press acts at once, with no wait */
	(void)mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
}

/* The pane whose name in the strip of names is at column x, or -1.  The
 * strip is laid out as loop.c draws it: "[Name] " for the pane shown,
 * " Name  " for the others. */
static int
mouse_tab_at(struct tui *t, const struct tui_layout *l, int x)
{
	const char	*name;
	int		 i, at, w;

	at = l->tab_x;
	for (i = at > 0 ? TUI_P_DECISION : 0; i < TUI_P_MAIN; i++) {
		name = _(t->panes[i].ops->title);
		w = (int)core_text_width(name, strlen(name)) + 3;
		if (x >= at && x < at + w - 1)
			return i;
		at += w;
	}
	return -1;
}

/* The item of pane p drawn at screen row y, or -1. */
static long
mouse_item_at(struct tui *t, struct tui_pane *p, int y)
{
	struct tui_rect	 in = tui_inner(t, &p->rect);
	size_t		 line, k;

	if (y < in.y || y >= in.y + in.h || p->doc.nitems == 0)
		return -1;
	line = p->top + (size_t)(y - in.y);
	if (line >= p->doc.nlines)
		return -1;
	for (k = p->doc.nitems; k > 0; k--)
		if (p->doc.item_line[k - 1] <= line)
			return (long)(k - 1);
	return -1;
}

/* Is (y, x) inside r? */
static int
mouse_in(const struct tui_rect *r, int y, int x)
{
	return y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w;
}

/* The wheel over pane p: Up or Down, a few times. */
static void
mouse_wheel(struct tui *t, struct tui_pane *p, int down)
{
	int	i;

	if (p->ops->key == NULL)
		return;
	for (i = 0; i < MOUSE_WHEEL_STEP; i++)
		(void)p->ops->key(t, p, TUI_KEY(down ? KEY_DOWN : KEY_UP));
}

/* One mouse event, read after get_wch() gave KEY_MOUSE. */
void
tui_mouse_event(struct tui *t)
{
	struct tui_layout	 l;
	struct tui_pane		*p;
	MEVENT			 ev;
	long			 item;
	int			 i, wheel = 0;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		wheel = -1;
	else if (ev.bstate & BUTTON5_PRESSED)
		wheel = 1;
	else if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	if (t->lang_menu)
		return;		/* the list of languages: keys only */
	if (t->screen == TUI_S_HELP) {
		if (wheel != 0)
			mouse_wheel(t, &t->panes[TUI_P_HELP], wheel > 0);
		return;
	}
	if (t->screen != TUI_S_MAIN || t->searching)
		return;		/* forms and dialogs: keys only */
	tui_layout(t, &l);
	if (wheel == 0 && l.tab_row >= 0 && ev.y == l.tab_row) {
		if ((i = mouse_tab_at(t, &l, ev.x)) >= 0)
			tui_focus(t, (enum tui_pane_id)i);
		return;
	}
	for (i = 0; i < TUI_P_MAIN; i++) {
		if (!l.shown[i] || !mouse_in(&l.pane[i], ev.y, ev.x))
			continue;
		p = &t->panes[i];
		if (wheel != 0) {
			mouse_wheel(t, p, wheel > 0);
			return;
		}
		tui_focus(t, (enum tui_pane_id)i);
		if ((item = mouse_item_at(t, p, ev.y)) >= 0)
			tui_docpane_select(p, (size_t)item,
			    tui_inner(t, &p->rect).h);
		return;
	}
}
