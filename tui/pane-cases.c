/*
 * pane-cases.c: the cases kept on this computer, one item each, beginning
 * with its meaning: "Declined, Northbank Loans, [ok] verified, 12 days to
 * contest, not contested", then the reference.  Enter opens the case in
 * the other panes; moving the selection changes only the two items.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/intl.h"
#include "tui/tui-int.h"

/* One item per case. */
static void
cases_build(struct tui *t, struct tui_pane *p, struct tui_doc *d)
{
	const struct tui_casesum	*s;
	const char			*words, *sym;
	char				 days[80], outcome[200];
	size_t				 i;

	if (t->ncases == 0) {
		tui_doc_add(d, _("No cases yet. Press o to open a decision with the "
		    "service address, reference and access code from its letter."),
		    TUI_R_NORMAL, 0, TUI_DOC_ITEM);
		return;
	}
	for (i = 0; i < t->ncases; i++) {
		s = &t->cases[i];
		words = tui_verdict_words(s->c.verdict, &sym);
		tui_model_days(s->c.deadline, days, sizeof days);
		snprintf(outcome, sizeof outcome, "%s", s->outcome != NULL ?
		    s->outcome : s->c.reference);
		if (outcome[0] >= 'a' && outcome[0] <= 'z')
			outcome[0] = (char)(outcome[0] - 'a' + 'A');
		tui_doc_addf(d, TUI_R_NORMAL, 0, TUI_DOC_ITEM, "%s, %s, %s %s%s%s, %s",
		    outcome,
		    s->issuer != NULL ? s->issuer :
		    (s->c.service_id != NULL ? s->c.service_id : ""),
		    t->env->screen_reader ? "" : sym, words,
		    days[0] != '\0' ? ", " : "", days,
		    tui_contest_words(s->c.contest_status));
		tui_doc_addf(d, TUI_R_DIM, 2, 0, "%s%s", s->c.reference,
		    t->cur.have && strcmp(t->cur.c.id, s->c.id) == 0 ?
		    _(" (open)") : "");
	}
}

/* Enter: open the case. */
static void
cases_activate(struct tui *t, struct tui_pane *p, size_t item)
{
	const char	*sym, *words;

	if (item >= t->ncases)
		return;
	tui_model_open(t, t->cases[item].c.id);
	if (!t->cur.have)
		return;
	tui_pane_stale(p);
	words = tui_verdict_words(t->cur.c.verdict, &sym);
	tui_say(t, TUI_R_STATUS, _("Opened %s: %s."), t->cur.c.reference, words);
	tui_focus(t, TUI_P_DECISION);
}

const struct tui_pane_ops tui_pane_cases_ops = {
	.title = N_("Cases"),
	.build = cases_build,
	.draw = tui_docpane_draw,
	.key = tui_docpane_key,
	.resize = tui_docpane_resize,
	.focus = tui_docpane_focus,
	.free = tui_docpane_free,
	.activate = cases_activate,
};
