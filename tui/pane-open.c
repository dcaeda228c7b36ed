/*
 * pane-open.c: the Open dialog: the service's address, the decision's
 * reference and the access code (shown as stars) from the letter; or one of
 * the cases kept on this computer.  In kiosk mode the dialog has no
 * "remember the code" box and lists no saved cases.
 */
#include "config.h"

#include <string.h>

#include <curses.h>

#include "core/intl.h"
#include "tui/kiosk.h"
#include "tui/tui-int.h"

enum { OPEN_G_SERVICE = 1, OPEN_G_REF, OPEN_G_CODE, OPEN_G_REMEMBER,
	OPEN_A_OPEN = 10, OPEN_A_CASE = 11 };

#define OPEN_MAX_LISTED	20

/* The dialog's fields, empty or with what the case open says. */
void
tui_open_build(struct tui *t)
{
	struct tui_form		*f = &t->open;
	struct tui_fitem	*it;
	size_t			 i;

	tui_form_free(f);
	tui_form_init(f);
	tui_form_add(f, TUI_F_TEXT, _("Type what your letter gives. Tab or Enter "
	    "moves to the next field; Enter in the access code opens the "
	    "decision; Esc goes back."), NULL);
	it = tui_form_add(f, TUI_F_FIELD, _("Service address (https://...)"), NULL);
	it->group = OPEN_G_SERVICE;
	tui_ed_set(&it->ed, t->env->service != NULL ? t->env->service : "");
	it = tui_form_add(f, TUI_F_FIELD, _("Decision reference"), NULL);
	it->group = OPEN_G_REF;
	it = tui_form_add(f, TUI_F_FIELD, _("Access code (hidden as you type)"), NULL);
	it->group = OPEN_G_CODE;
	it->masked = 1;
	if (!t->env->kiosk) {
		it = tui_form_add(f, TUI_F_CHECK, _("Remember the access code on this "
		    "computer"), NULL);
		it->group = OPEN_G_REMEMBER;
		it->on = t->env->remember_code;
	}
	it = tui_form_add(f, TUI_F_BUTTON, _("Open"), NULL);
	it->action = OPEN_A_OPEN;
	if (!t->env->kiosk && t->ncases > 0) {
		tui_form_add(f, TUI_F_HEADING, _("Or a case kept on this computer"), NULL);
		for (i = 0; i < t->ncases && i < OPEN_MAX_LISTED; i++) {
			char label[300];

			snprintf(label, sizeof label, "%s, %s", t->cases[i].c.reference,
			    t->cases[i].c.service_id != NULL ? t->cases[i].c.service_id : "");
			it = tui_form_add(f, TUI_F_BUTTON, label, t->cases[i].c.id);
			it->action = OPEN_A_CASE;
		}
	}
	tui_form_focus_first(f);
	if (t->env->service != NULL) {
		f->focus = 2;	/* the reference */
	}
}

/* The dialog filled in for the case open, with the focus on the code. */
void
tui_open_prefill(struct tui *t, int code_only)
{
	struct tui_fitem	*it;
	size_t			 i;

	tui_open_build(t);
	if (!t->cur.have)
		return;
	if ((it = tui_form_find(&t->open, OPEN_G_SERVICE, NULL)) != NULL)
		tui_ed_set(&it->ed, t->cur.c.service != NULL ? t->cur.c.service : "");
	if ((it = tui_form_find(&t->open, OPEN_G_REF, NULL)) != NULL)
		tui_ed_set(&it->ed, t->cur.c.reference != NULL ? t->cur.c.reference : "");
	for (i = 0; i < t->open.n; i++)
		if (t->open.v[i].group == OPEN_G_CODE)
			t->open.focus = i;
	t->open_code_only = code_only;
	tui_show(t, TUI_S_OPEN);
}

/* The text of a field. */
static const char *
open_value(struct tui *t, int group)
{
	struct tui_fitem	*it = tui_form_find(&t->open, group, NULL);

	return it != NULL && it->ed.s != NULL ? it->ed.s : "";
}

/* Draw the dialog. */
static void
open_draw(struct tui *t, struct tui_pane *p, const struct tui_rect *r, int focused)
{
	struct tui_rect	in;

	tui_box(t, r, _("Open a decision"), 1);
	in = tui_inner(t, r);
	tui_form_draw(t, &t->open, p, &in);
}

/* Keys of the dialog. */
static int
open_key(struct tui *t, struct tui_pane *p, int key)
{
	struct tui_fitem	*it;
	const char		*svc, *ref, *code;
	int			 action = 0, rc;

	/* Enter in the access code, the last field, opens, as the key bar
	 * says; in the fields before it, it moves to the next. */
	it = t->open.n > 0 ? &t->open.v[t->open.focus] : NULL;
	if (it != NULL && it->group == OPEN_G_CODE && (key == '\r' ||
	    key == '\n' || key == TUI_KEY(KEY_ENTER)))
		action = OPEN_A_OPEN;
	else if ((rc = tui_form_key(t, &t->open, key, &action)) != 2)
		return rc != 0;
	if (action == OPEN_A_CASE) {
		it = &t->open.v[t->open.focus];
		tui_model_open(t, it->code);
		tui_show(t, TUI_S_MAIN);
		tui_focus(t, TUI_P_DECISION);
		return 1;
	}
	svc = open_value(t, OPEN_G_SERVICE);
	ref = open_value(t, OPEN_G_REF);
	code = open_value(t, OPEN_G_CODE);
	if (*svc == '\0' || *ref == '\0' || *code == '\0') {
		tui_say(t, TUI_R_ERROR, "%s", _("Fill in the service address, the "
		    "reference and the access code: your letter gives all three."));
		return 1;
	}
	/* A kiosk reaches only the services its registries list. */
	if (t->env->kiosk && !tui_kiosk_service_ok(t, svc))
		return 1;
	it = tui_form_find(&t->open, OPEN_G_REMEMBER, NULL);
	tui_net_open(t, svc, ref, code, it != NULL && it->on);
	return 1;
}

/* The dialog's memory (the code) is wiped when it closes. */
static void
open_free(struct tui *t, struct tui_pane *p)
{
	tui_form_free(&t->open);
}

const struct tui_pane_ops tui_pane_open_ops = {
	.title = N_("Open a decision"),
	.draw = open_draw,
	.key = open_key,
	.free = open_free,
};
