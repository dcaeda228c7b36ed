/*
 * keys.c: the one dispatcher of keys, and the key bar.
 *
 * Keys go first to the search line when it is open, then by screen: on
 * the main screen to the focused pane and then to the bindings below; in
 * a form to the form; Esc always goes back.  Every binding is a plain
 * letter or Tab, Esc, Enter, arrows: no chord that a screen reader takes.
 * The kiosk column says which bindings a public terminal keeps.
 */
#include "config.h"

#include <string.h>

#include <curses.h>

#include "core/intl.h"
#include "core/safetext.h"
#include "tui/tui-int.h"

enum key_action {
	KA_QUIT = 1, KA_OPEN, KA_CONTEST, KA_VERIFY, KA_DECISION, KA_LABEL,
	KA_CASES, KA_HELP, KA_SEARCH, KA_NEXT_MATCH, KA_REFRESH, KA_STATUS,
	KA_THEME, KA_NEXT_PANE, KA_PREV_PANE, KA_LANG
};

struct key_binding {
	int		 key;
	enum key_action	 action;
	const char	*label;		/* N_(); NULL: not in the key bar */
	int		 kiosk;		/* kept in kiosk mode */
};

static const struct key_binding key_main[] = {
	{ 'o', KA_OPEN, N_("Open"), 1 },
	{ 'c', KA_CONTEST, N_("Contest"), 1 },
	{ 'v', KA_VERIFY, N_("Verify"), 1 },
	{ 'd', KA_DECISION, N_("Decision"), 1 },
	{ 'p', KA_LABEL, N_("Label"), 1 },
	{ '?', KA_HELP, N_("Help"), 1 },
	{ 'q', KA_QUIT, N_("Quit"), 1 },
	{ 'l', KA_CASES, N_("Cases"), 1 },
	{ 'r', KA_REFRESH, N_("Refresh"), 1 },
	{ 's', KA_STATUS, N_("Status"), 1 },
	{ '/', KA_SEARCH, N_("Search"), 1 },
	{ 'n', KA_NEXT_MATCH, NULL, 1 },
	{ 't', KA_THEME, NULL, 1 },
	/* g: not taken by a screen reader, and the same in every language. */
	{ 'g', KA_LANG, N_("Language"), 1 },
	{ '\t', KA_NEXT_PANE, NULL, 1 },
	{ TUI_KEY(KEY_BTAB), KA_PREV_PANE, NULL, 1 },
	{ 0, 0, NULL, 0 }
};

/* Move the focus to a pane of the main screen. */
void
tui_focus(struct tui *t, enum tui_pane_id id)
{
	if (id >= TUI_P_MAIN)
		return;
	if (t->focus != id && t->panes[t->focus].ops->focus != NULL)
		t->panes[t->focus].ops->focus(t, &t->panes[t->focus], 0);
	t->focus = id;
	if (id != TUI_P_CASES)
		t->detail = id;
	if (t->panes[id].ops->focus != NULL)
		t->panes[id].ops->focus(t, &t->panes[id], 1);
}

/* Search the focused pane for the last search, after the selection. */
static void
key_find(struct tui *t, size_t from)
{
	struct tui_pane	*p = &t->panes[t->screen == TUI_S_HELP ? TUI_P_HELP : t->focus];
	long		 it;

	if (t->last_search[0] == '\0')
		return;
	tui_docpane_ensure(t, p, p->rect.w > 0 ? tui_inner(t, &p->rect).w : t->cols / 2);
	it = tui_doc_find(&p->doc, t->last_search, from);
	if (it < 0) {
		tui_say(t, TUI_R_STATUS, _("\"%s\" is not in this pane."), t->last_search);
		return;
	}
	tui_docpane_select(p, (size_t)it, tui_inner(t, &p->rect).h);
	tui_say(t, TUI_R_STATUS, _("Found \"%s\"."), t->last_search);
}

/* A key typed into the search line. */
static void
key_search(struct tui *t, int key)
{
	struct tui_pane	*p = &t->panes[t->screen == TUI_S_HELP ? TUI_P_HELP : t->focus];

	switch (key) {
	case TUI_ESC:
		t->searching = 0;
		return;
	case '\r':
	case '\n':
	case TUI_KEY(KEY_ENTER):
		t->searching = 0;
		snprintf(t->last_search, sizeof t->last_search, "%s",
		    t->search.s != NULL ? t->search.s : "");
		key_find(t, p->sel);
		return;
	case TUI_KEY(KEY_BACKSPACE):
	case 127:
	case 8:
		tui_ed_backspace(&t->search);
		return;
	case TUI_KEY(KEY_LEFT):
		tui_ed_left(&t->search);
		return;
	case TUI_KEY(KEY_RIGHT):
		tui_ed_right(&t->search);
		return;
	}
	if (key < TUI_FN)
		tui_ed_insert(&t->search, (uint32_t)key);
}

/* Do what a binding of the main screen says. */
static void
key_action(struct tui *t, enum key_action a)
{
	switch (a) {
	case KA_QUIT:
		t->quit = 1;
		break;
	case KA_OPEN:
		tui_open_build(t);
		t->open_code_only = 0;
		tui_show(t, TUI_S_OPEN);
		break;
	case KA_CONTEST:
		tui_contest_start(t);
		break;
	case KA_VERIFY:
		tui_focus(t, TUI_P_VERIFY);
		break;
	case KA_DECISION:
		tui_focus(t, TUI_P_DECISION);
		break;
	case KA_LABEL:
		tui_focus(t, TUI_P_LABEL);
		break;
	case KA_CASES:
		tui_focus(t, TUI_P_CASES);
		break;
	case KA_HELP:
		t->back = t->screen;
		tui_show(t, TUI_S_HELP);
		break;
	case KA_SEARCH:
		t->searching = 1;
		tui_ed_set(&t->search, "");
		break;
	case KA_NEXT_MATCH:
		key_find(t, t->panes[t->focus].sel + 1);
		break;
	case KA_REFRESH:
		if (!t->cur.have)
			tui_say(t, TUI_R_STATUS, "%s", _("Open a case first."));
		tui_net_fetch(t);
		break;
	case KA_STATUS:
		if (!t->cur.have)
			tui_say(t, TUI_R_STATUS, "%s", _("Open a case first."));
		tui_net_status(t);
		break;
	case KA_THEME:
		tui_theme_next(t);
		tui_say(t, TUI_R_STATUS, _("Colours: %s."), tui_theme_name(t->theme));
		/* Colours are the roles' at each frame: only Help names the
		 * theme in its text. */
		tui_pane_stale(&t->panes[TUI_P_HELP]);
		break;
	case KA_NEXT_PANE:
		tui_focus(t, (enum tui_pane_id)((t->focus + 1) % TUI_P_MAIN));
		break;
	case KA_PREV_PANE:
		tui_focus(t, (enum tui_pane_id)((t->focus + TUI_P_MAIN - 1) % TUI_P_MAIN));
		break;
	case KA_LANG:
		tui_lang_open(t);
		break;
	}
}

/* Dispatch one key. */
void
tui_key(struct tui *t, int key)
{
	const struct key_binding	*b;
	struct tui_pane			*p;

	if (t->lang_menu) {
		tui_lang_key(t, key);
		return;
	}
	if (t->searching) {
		key_search(t, key);
		return;
	}
	if (key == TUI_ESC && t->flow != NULL) {
		tui_net_cancel(t);
		return;
	}
	switch (t->screen) {
	case TUI_S_MAIN:
		p = &t->panes[t->focus];
		if (p->ops->key != NULL && p->ops->key(t, p, key))
			return;
		for (b = key_main; b->key != 0; b++)
			if (b->key == key && (!t->env->kiosk || b->kiosk)) {
				key_action(t, b->action);
				return;
			}
		return;
	case TUI_S_HELP:
		if (key == TUI_ESC || key == 'q' || key == '?') {
			tui_show(t, t->back == TUI_S_HELP ? TUI_S_MAIN : t->back);
			return;
		}
		if (key == '/') {
			key_action(t, KA_SEARCH);
			return;
		}
		tui_docpane_key(t, &t->panes[TUI_P_HELP], key);
		return;
	case TUI_S_OPEN:
		if (key == TUI_ESC) {
			t->pending_send = 0;
			tui_form_free(&t->open);
			tui_show(t, TUI_S_MAIN);
			return;
		}
		t->panes[TUI_P_OPEN].ops->key(t, &t->panes[TUI_P_OPEN], key);
		return;
	case TUI_S_CONTEST:
		t->panes[TUI_P_CONTEST].ops->key(t, &t->panes[TUI_P_CONTEST], key);
		return;
	case TUI_S_REVIEW:
		t->panes[TUI_P_REVIEW].ops->key(t, &t->panes[TUI_P_REVIEW], key);
		return;
	case TUI_S_RECEIPT:
		if (key == TUI_ESC || key == 'q' || key == '\r' || key == '\n') {
			tui_show(t, TUI_S_MAIN);
			return;
		}
		tui_docpane_key(t, &t->panes[TUI_P_RECEIPT], key);
		return;
	}
}

/* The key bar of the screen shown, on row y. */
void
tui_keybar(struct tui *t, int y)
{
	const struct key_binding	*b;
	char				 buf[512], item[160];
	size_t				 len = 0, cols = 0, w;
	const char			*fixed = NULL;
	int				 n;

	switch (t->screen) {
	case TUI_S_MAIN:
		/* Whole keys only: one that would not fit, in the columns its
		 * words take, ends the bar rather than showing half a word. */
		for (b = key_main; b->key != 0; b++) {
			if (b->label == NULL || (t->env->kiosk && !b->kiosk))
				continue;
			n = snprintf(item, sizeof item, t->cols < 100 ? "%c %s " :
			    "%c %s  ", b->key, t->env->kiosk && b->action == KA_QUIT ?
			    /* L10N: kiosk mode: q ends the session and wipes it. */
			    _("Finish") : _(b->label));
			if (n < 0 || (size_t)n >= sizeof item)
				continue;
			w = core_text_width(item, (size_t)n - 1);	/* the last space may go */
			if (cols + w > (size_t)(t->cols > 0 ? t->cols : 0) ||
			    len + (size_t)n >= sizeof buf)
				break;
			memcpy(buf + len, item, (size_t)n);
			len += (size_t)n;
			cols += core_text_width(item, (size_t)n);
		}
		buf[len] = '\0';
		break;
	case TUI_S_HELP:
		fixed = _("Esc Back  / Search  Arrows Move");
		break;
	case TUI_S_OPEN:
		fixed = _("Tab Next field  Enter Open  Esc Back");
		break;
	case TUI_S_CONTEST:
		fixed = t->env->kiosk ? _("Tab Next  Space Tick  Ctrl-U Undo  Esc Back (draft kept)") :
		    _("Tab Next  Space Tick  Ctrl-U/Ctrl-Z Undo  Esc Back (draft kept)");
		break;
	case TUI_S_REVIEW:
		fixed = _("y Send  Esc Back to the form  Arrows Read");
		break;
	case TUI_S_RECEIPT:
		fixed = t->env->kiosk && t->env->print_command != NULL ?
		    _("Enter Done  g Take it away (QR code)  p Print  Arrows Read") :
		    t->env->kiosk ? _("Enter Done  g Take it away (QR code)  Arrows Read") :
		    _("Enter Done  Arrows Read");
		break;
	}
	if (fixed != NULL)
		len = (size_t)snprintf(buf, sizeof buf, "%s", fixed);
	tui_put(y, 0, t->cols, buf, len < sizeof buf ? len : sizeof buf - 1,
	    TUI_R_KEYBAR, 1);
}
