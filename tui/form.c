/*
 * form.c: forms made of headings, words, check boxes, choices, one-line
 * fields, multi-line text areas and buttons (the contest form and the Open
 * dialog).  Tab and Shift-Tab move between fields, as do Up and Down
 * outside a text area; Space or Enter ticks a box and presses a button;
 * Left and Right change a choice; Ctrl-U (and Ctrl-Z outside kiosk mode)
 * undoes typing.  A check box shows its state as "[x]" or "[ ]" and a
 * choice as "< value >", so nothing rests on colour.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/alloc.h"
#include "core/intl.h"
#include "core/safetext.h"
#include "tui/tui-int.h"

/* An empty form. */
void
tui_form_init(struct tui_form *f)
{
	memset(f, 0, sizeof *f);
}

/* Release every item. */
void
tui_form_free(struct tui_form *f)
{
	size_t	i, k;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].label);
		free(f->v[i].code);
		for (k = 0; k < f->v[i].nchoices; k++) {
			free(f->v[i].choices[k]);
			free(f->v[i].choice_labels[k]);
		}
		free(f->v[i].choices);
		free(f->v[i].choice_labels);
		tui_ed_free(&f->v[i].ed);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}

/* Append an item; its label is made safe when drawn. */
struct tui_fitem *
tui_form_add(struct tui_form *f, enum tui_fkind kind, const char *label,
    const char *code)
{
	struct tui_fitem	*it;
	void			*p;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		if ((p = realloc(f->v, f->cap * sizeof *f->v)) == NULL)
			abort();
		f->v = p;
	}
	it = &f->v[f->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	if (core_safetext(label != NULL ? label : "", CORE_SAFETEXT_ESCAPE, 65536,
	    &it->label) != CORE_OK)
		abort();
	it->code = code != NULL ? strdup(code) : NULL;
	tui_ed_init(&it->ed, kind != TUI_F_AREA, 0, 4096);
	it->area_rows = 6;
	return it;
}

/* Can the item take the focus? */
static int
form_focusable(const struct tui_fitem *it)
{
	return it->kind != TUI_F_TEXT && it->kind != TUI_F_HEADING;
}

/* Focus the first item that can take it. */
void
tui_form_focus_first(struct tui_form *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++)
		if (form_focusable(&f->v[i])) {
			f->focus = i;
			return;
		}
}

/* The item of a group with a code. */
struct tui_fitem *
tui_form_find(struct tui_form *f, int group, const char *code)
{
	size_t	i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].group == group && (code == NULL ||
		    (f->v[i].code != NULL && strcmp(f->v[i].code, code) == 0)))
			return &f->v[i];
	return NULL;
}

/* Rows a label takes at width w. */
static int
form_label_rows(const char *s, int w)
{
	struct core_text_lines	l;
	int			n;

	memset(&l, 0, sizeof l);
	if (core_text_wrap(s, strlen(s), (size_t)(w > 0 ? w : 1), 1000, &l) != CORE_OK &&
	    l.n == 0)
		return 1;
	n = (int)l.n;
	core_text_lines_free(&l);
	return n > 0 ? n : 1;
}

/* Draw a wrapped label from row y (rows < top or >= bottom are skipped). */
static void
form_label(const char *s, int y, int x, int w, int top, int bottom,
    enum tui_role r, int *rows)
{
	struct core_text_lines	l;
	size_t			i;

	memset(&l, 0, sizeof l);
	(void)core_text_wrap(s, strlen(s), (size_t)(w > 0 ? w : 1), 1000, &l);
	for (i = 0; i < l.n; i++) {
		int row = y + (int)i;

		if (row >= top && row < bottom)
			tui_put(row, x, w, s + l.v[i].off, l.v[i].len, r, 1);
	}
	*rows = l.n > 0 ? (int)l.n : 1;
	core_text_lines_free(&l);
}

/* Lay the items out for width w. */
static void
form_layout(struct tui_form *f, int w)
{
	struct tui_fitem	*it;
	size_t			 i;
	int			 row = 0;

	for (i = 0; i < f->n; i++) {
		it = &f->v[i];
		it->top = row;
		switch (it->kind) {
		case TUI_F_CHECK:
			it->rows = form_label_rows(it->label, w - 4);
			break;
		case TUI_F_FIELD:
			it->rows = 2;
			break;
		case TUI_F_AREA:
			it->rows = 2 + it->area_rows;
			break;
		case TUI_F_RADIO:
		case TUI_F_BUTTON:
			it->rows = 1;
			break;
		default:
			it->rows = form_label_rows(it->label, w);
		}
		row += it->rows;
	}
	f->nrows = row;
	f->width = w;
}

/* A one-line field: its tail around the cursor, after "> " or, in
 * screen-reader mode, after its label: a screen reader reads the row the
 * cursor is on, and "> " alone says nothing of what to type. */
static void
form_field(struct tui_fitem *it, int y, int x, int w, int focused, int *cx,
    int sr)
{
	struct tui_editor	*e = &it->ed;
	char			 stars[512], label[512];
	const char		*s = e->s != NULL ? e->s : "";
	int			 pre;
	size_t			 len = e->len, cur = e->cur, skip, i, n;
	size_t			 col;

	if (it->masked) {
		n = e->nchars < sizeof stars - 1 ? e->nchars : sizeof stars - 1;
		for (i = 0; i < n; i++)
			stars[i] = '*';
		stars[n] = '\0';
		s = stars;
		len = n;
		for (cur = 0, i = 0; i < e->cur; i++)
			if (((unsigned char)e->s[i] & 0xc0) != 0x80)
				cur++;
		if (cur > len)
			cur = len;
	}
	pre = 2;
	if (sr && w >= 32) {
		/* L10N: a field's label before what is typed in it, in
		 * screen-reader mode. */
		snprintf(label, sizeof label, _("%s: "), it->label);
		pre = tui_put(y, x, w - 16, label, strlen(label), TUI_R_NORMAL, 0);
	} else
		tui_put(y, x, 2, "> ", 2, TUI_R_NORMAL, 1);
	col = core_text_width(s, cur);
	skip = 0;
	if (w - pre > 0 && col >= (size_t)(w - pre) - 1)
		skip = core_text_fit(s, len, col - ((size_t)(w - pre) - 1), NULL);
	tui_put(y, x + pre, w - pre, s + skip, len - skip, TUI_R_INPUT, 1);
	if (focused)
		*cx = x + pre + (int)core_text_width(s + skip, cur - skip);
}

/* A text area: its lines around the cursor, and the count.  In
 * screen-reader mode an empty area shows its label where the cursor is, so
 * that the row read when it gets the focus says what to write. */
static void
form_area(struct tui_fitem *it, int y, int x, int w, int top, int bottom,
    int focused, int *cy, int *cx, int sr)
{
	struct tui_editor	*e = &it->ed;
	struct tui_ed_layout	 l;
	char			 count[120];
	int			 r, rows = it->area_rows;
	size_t			 line;

	if (tui_ed_layout(e, (size_t)(w > 1 ? w : 1), &l) != 0)
		return;
	if ((int)l.cur_line < it->scroll)
		it->scroll = (int)l.cur_line;
	if ((int)l.cur_line >= it->scroll + rows)
		it->scroll = (int)l.cur_line - rows + 1;
	for (r = 0; r < rows; r++) {
		line = (size_t)(it->scroll + r);
		if (y + r < top || y + r >= bottom)
			continue;
		if (sr && focused && e->len == 0 && r == 0)
			tui_put(y + r, x, w, it->label, strlen(it->label),
			    TUI_R_DIM, 1);
		else if (line < l.n)
			tui_put(y + r, x, w, e->s + l.off[line], l.len[line],
			    TUI_R_INPUT, 1);
		else
			tui_fill(y + r, x, w, TUI_R_INPUT);
	}
	if (focused) {
		*cy = y + (int)l.cur_line - it->scroll;
		*cx = x + (int)l.cur_col;
		if (*cx >= x + w)
			*cx = x + w - 1;
	}
	if (e->max_chars > 0)
		/* L10N: characters typed and the service's limit. */
		snprintf(count, sizeof count, _("%zu of %zu characters"), e->nchars,
		    e->max_chars);
	else
		snprintf(count, sizeof count, _("%zu characters"), e->nchars);
	if (y + rows >= top && y + rows < bottom)
		tui_put(y + rows, x, w, count, strlen(count), TUI_R_DIM, 1);
	tui_ed_layout_free(&l);
}

/* Draw the form in r, scrolled so that the focused item shows. */
void
tui_form_draw(struct tui *t, struct tui_form *f, struct tui_pane *p,
    const struct tui_rect *r)
{
	struct tui_fitem	*it, *fo;
	char			 buf[1024];
	size_t			 i;
	int			 y, bottom = r->y + r->h, rows, focused, cy, cx;

	form_layout(f, r->w);
	if (f->n == 0)
		return;
	fo = &f->v[f->focus];
	if (fo->top < f->top)
		f->top = fo->top > 0 && f->v[f->focus > 0 ? f->focus - 1 : 0].kind ==
		    TUI_F_HEADING ? f->v[f->focus - 1].top : fo->top;
	if (fo->top + fo->rows > f->top + r->h)
		f->top = fo->top + fo->rows - r->h;
	if (f->top < 0)
		f->top = 0;
	cy = r->y;
	cx = r->x;
	for (y = r->y; y < bottom; y++)
		tui_fill(y, r->x, r->w, TUI_R_NORMAL);
	for (i = 0; i < f->n; i++) {
		it = &f->v[i];
		y = r->y + it->top - f->top;
		if (y + it->rows <= r->y || y >= bottom)
			continue;
		focused = i == f->focus;
		if (focused) {
			cy = y;
			cx = r->x;
		}
		switch (it->kind) {
		case TUI_F_HEADING:
			form_label(it->label, y, r->x, r->w, r->y, bottom, TUI_R_HEADING,
			    &rows);
			break;
		case TUI_F_TEXT:
			form_label(it->label, y, r->x, r->w, r->y, bottom, TUI_R_NORMAL,
			    &rows);
			break;
		case TUI_F_CHECK:
			if (y >= r->y)
				tui_put(y, r->x, 4, it->on ? "[x] " : "[ ] ", 4,
				    focused ? TUI_R_SELECTED : TUI_R_NORMAL, 1);
			form_label(it->label, y, r->x + 4, r->w - 4, r->y, bottom,
			    focused ? TUI_R_SELECTED : TUI_R_NORMAL, &rows);
			if (focused)
				cx = r->x + 1;
			break;
		case TUI_F_RADIO:
			snprintf(buf, sizeof buf, "%s: < %s >", it->label,
			    it->nchoices > 0 ? it->choice_labels[it->choice] : "");
			tui_put(y, r->x, r->w, buf, strlen(buf),
			    focused ? TUI_R_SELECTED : TUI_R_NORMAL, 1);
			break;
		case TUI_F_BUTTON:
			snprintf(buf, sizeof buf, "< %s >", it->label);
			tui_put(y, r->x, r->w, buf, strlen(buf),
			    focused ? TUI_R_SELECTED : TUI_R_STRONG, 1);
			if (focused)
				cx = r->x + 2;
			break;
		case TUI_F_FIELD:
			if (y >= r->y)
				tui_put(y, r->x, r->w, it->label, strlen(it->label),
				    focused ? TUI_R_HEADING : TUI_R_NORMAL, 1);
			if (y + 1 >= r->y && y + 1 < bottom) {
				form_field(it, y + 1, r->x, r->w, focused, &cx,
				    t->env->screen_reader);
				if (focused)
					cy = y + 1;
			}
			break;
		case TUI_F_AREA:
			if (y >= r->y)
				tui_put(y, r->x, r->w, it->label, strlen(it->label),
				    focused ? TUI_R_HEADING : TUI_R_NORMAL, 1);
			form_area(it, y + 1, r->x, r->w, r->y, bottom, focused, &cy, &cx,
			    t->env->screen_reader);
			break;
		}
	}
	if (cy < r->y)
		cy = r->y;
	if (cy >= bottom)
		cy = bottom - 1;
	p->cy = cy;
	p->cx = cx;
}

/* Move the focus by dir focusable items. */
static void
form_move(struct tui_form *f, int dir)
{
	size_t	i = f->focus;

	for (;;) {
		if (dir > 0 && i + 1 >= f->n)
			return;
		if (dir < 0 && i == 0)
			return;
		i = dir > 0 ? i + 1 : i - 1;
		if (form_focusable(&f->v[i])) {
			f->focus = i;
			return;
		}
	}
}

/* Keys of a form. */
int
tui_form_key(struct tui *t, struct tui_form *f, int key, int *action)
{
	struct tui_fitem	*it;
	struct tui_ed_layout	 l;
	int			 rc = 1, text, k;

	if (f->n == 0)
		return 0;
	it = &f->v[f->focus];
	text = it->kind == TUI_F_FIELD || it->kind == TUI_F_AREA;
	switch (key) {
	case '\t':
		form_move(f, 1);
		return 1;
	case TUI_KEY(KEY_BTAB):
		form_move(f, -1);
		return 1;
	case TUI_KEY(KEY_DOWN):
	case TUI_KEY(KEY_UP):
		if (it->kind == TUI_F_AREA && tui_ed_layout(&it->ed,
		    (size_t)(f->width > 0 ? f->width : 1), &l) == 0) {
			size_t before = it->ed.cur;

			tui_ed_vertical(&it->ed, &l, key == TUI_KEY(KEY_DOWN) ? 1 : -1);
			tui_ed_layout_free(&l);
			if (it->ed.cur != before)
				return 1;
		}
		form_move(f, key == TUI_KEY(KEY_DOWN) ? 1 : -1);
		return 1;
	case TUI_KEY(KEY_NPAGE):
	case TUI_KEY(KEY_PPAGE):
		for (k = 0; k < 5; k++)
			form_move(f, key == TUI_KEY(KEY_NPAGE) ? 1 : -1);
		return 1;
	case TUI_KEY(KEY_LEFT):
		if (text)
			tui_ed_left(&it->ed);
		else if (it->kind == TUI_F_RADIO && it->nchoices > 0) {
			it->choice = (it->choice + it->nchoices - 1) % it->nchoices;
			return 3;
		}
		return 1;
	case TUI_KEY(KEY_RIGHT):
		if (text)
			tui_ed_right(&it->ed);
		else if (it->kind == TUI_F_RADIO && it->nchoices > 0) {
			it->choice = (it->choice + 1) % it->nchoices;
			return 3;
		}
		return 1;
	case TUI_KEY(KEY_HOME):
		if (text)
			tui_ed_home(&it->ed);
		else {
			f->focus = 0;
			tui_form_focus_first(f);
		}
		return 1;
	case TUI_KEY(KEY_END):
		if (text)
			tui_ed_end(&it->ed);
		else
			while (f->focus + 1 < f->n)
				form_move(f, 1);
		return 1;
	case TUI_KEY(KEY_BACKSPACE):
	case 127:
	case 8:
		return text && tui_ed_backspace(&it->ed) == TUI_ED_OK ? 3 : 1;
	case TUI_KEY(KEY_DC):
		return text && tui_ed_delete(&it->ed) == TUI_ED_OK ? 3 : 1;
	case TUI_CTRL('z'):
		if (t->env->kiosk)
			return 1;
		/* FALLTHROUGH */
	case TUI_CTRL('u'):
		if (text && tui_ed_undo(&it->ed) == TUI_ED_OK)
			return 3;
		tui_say(t, TUI_R_STATUS, "%s", _("Nothing to undo."));
		return 1;
	case '\r':
	case '\n':
	case TUI_KEY(KEY_ENTER):
		if (it->kind == TUI_F_AREA)
			key = '\n';
		else if (it->kind == TUI_F_FIELD) {
			form_move(f, 1);
			return 1;
		} else if (it->kind == TUI_F_BUTTON) {
			*action = it->action;
			return 2;
		} else if (it->kind == TUI_F_CHECK) {
			it->on = !it->on;
			return 3;
		} else if (it->kind == TUI_F_RADIO && it->nchoices > 0) {
			it->choice = (it->choice + 1) % it->nchoices;
			return 3;
		}
		break;
	case ' ':
		if (it->kind == TUI_F_CHECK) {
			it->on = !it->on;
			return 3;
		}
		if (it->kind == TUI_F_RADIO && it->nchoices > 0) {
			it->choice = (it->choice + 1) % it->nchoices;
			return 3;
		}
		if (it->kind == TUI_F_BUTTON) {
			*action = it->action;
			return 2;
		}
		break;
	}
	if (!text || key >= TUI_FN || key < 0)
		return 0;
	switch (tui_ed_insert(&it->ed, (uint32_t)key)) {
	case TUI_ED_OK:
		rc = 3;
		break;
	case TUI_ED_FULL:
		if (it->ed.max_chars > 0)
			tui_say(t, TUI_R_ERROR, _("This field holds at most %zu characters, "
			    "the service's limit."), it->ed.max_chars);
		else
			tui_say(t, TUI_R_ERROR, "%s", _("This field is full."));
		break;
	default:
		break;
	}
	return rc;
}
