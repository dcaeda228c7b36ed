/*
 * layout.c: where the panes of the main screen go.
 *
 *   160 columns or more (and 20 body rows): Cases | Decision | Label over
 *     Verification: every pane at once;
 *   80 columns or more (and 12 rows): Cases on the left, one of the other
 *     panes on the right under a strip of their names;
 *   smaller, and in screen-reader mode at any size: the panes are stacked:
 *     one at a time, full width, under the strip of names; Tab moves
 *     through them.  A screen reader reads a whole row, so two panes side
 *     by side would be heard mixed, and a narrow pane wraps an item that
 *     would fit on one row.
 * Row 0 is the title, the last two rows the status line and the key bar.
 */
#include "config.h"

#include <string.h>

#include "tui/tui-int.h"

/* Compute the layout for t->rows x t->cols. */
void
tui_layout(struct tui *t, struct tui_layout *l)
{
	struct tui_rect	b;
	int		cw, mw, i, detail;

	memset(l, 0, sizeof *l);
	b.y = 1;
	b.x = 0;
	b.w = t->cols;
	b.h = t->rows - 3;
	if (b.h < 1)
		b.h = 1;
	l->body = b;
	l->tab_row = -1;
	detail = t->focus != TUI_P_CASES ? (int)t->focus : (int)t->detail;
	if (t->env->screen_reader)
		goto stacked;
	if (t->cols >= 160 && b.h >= 20) {
		cw = t->cols / 4 > 50 ? 50 : t->cols / 4;
		mw = (t->cols - cw) / 2;
		l->pane[TUI_P_CASES] = (struct tui_rect){ b.y, 0, b.h, cw };
		l->pane[TUI_P_DECISION] = (struct tui_rect){ b.y, cw, b.h, mw };
		l->pane[TUI_P_LABEL] = (struct tui_rect){ b.y, cw + mw, b.h / 2,
		    t->cols - cw - mw };
		l->pane[TUI_P_VERIFY] = (struct tui_rect){ b.y + b.h / 2, cw + mw,
		    b.h - b.h / 2, t->cols - cw - mw };
		for (i = 0; i < TUI_P_MAIN; i++)
			l->shown[i] = 1;
		return;
	}
	l->tabs = 1;
	if (t->cols >= 80 && b.h >= 12) {
		cw = t->cols * 3 / 8 > 40 ? 40 : t->cols * 3 / 8;
		l->pane[TUI_P_CASES] = (struct tui_rect){ b.y, 0, b.h, cw };
		l->shown[TUI_P_CASES] = 1;
		l->tab_row = b.y;
		l->tab_x = cw;
		l->pane[detail] = (struct tui_rect){ b.y + 1, cw, b.h - 1, t->cols - cw };
		l->shown[detail] = 1;
		return;
	}
stacked:
	l->tabs = 1;
	l->tab_row = b.y;
	l->pane[t->focus] = (struct tui_rect){ b.y + 1, 0, b.h - 1, t->cols };
	l->shown[t->focus] = 1;
}
