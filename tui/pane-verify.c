/*
 * pane-verify.c: every check behind the verdict of the case open, computed
 * again on this computer from the stored bytes, each with its symbol and
 * its verdict in words (core/verdict.h).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/fmt.h"
#include "core/intl.h"
#include "core/verdict.h"
#include "tui/tui-int.h"

/* Role of a check's result. */
static enum tui_role
verify_role(enum core_check_result r)
{
	switch (r) {
	case CORE_CHECK_PASSED:
		return TUI_R_OK;
	case CORE_CHECK_FAILED:
		return TUI_R_FAIL;
	case CORE_CHECK_WARNING:
		return TUI_R_WARN;
	default:
		return TUI_R_DIM;
	}
}

/* Every check of a verdict, one item each, into d. */
void
tui_checks_doc(struct tui *t, const struct core_verdict *v, struct tui_doc *d)
{
	struct core_buf		msg;
	struct core_check	lc;
	size_t			i, j;

	core_buf_init(&msg, 4096);
	for (i = 0; i < v->n; i++) {
		const struct core_check *c = &v->checks[i];

		core_buf_reset(&msg);
		lc = *c;
		for (j = 0; j < lc.nparams && j < CORE_CHECK_MAX_PARAMS; j++)
			core_fmt_param(tui_fmt_locale(t), lc.params[j],
			    sizeof lc.params[j]);
		(void)core_check_expand(_(c->msg), &lc, &msg);
		/* L10N: symbol, check id, result in words, the sentence. */
		tui_doc_addf(d, verify_role(c->result), 2, TUI_DOC_ITEM, "%s %s: %s. %s",
		    core_check_symbol(c->result), c->id,
		    _(core_check_result_text(c->result)), core_buf_str(&msg));
		if (c->result != CORE_CHECK_PASSED && c->detail[0] != '\0')
			tui_doc_add(d, c->detail, TUI_R_DIM, 4, 0);
	}
	core_buf_free(&msg);
}

/* A verdict in words with every check, into d. */
void
tui_verdict_doc(struct tui *t, const struct core_verdict *v, struct tui_doc *d)
{
	enum core_verdict_overall	o = core_verdict_overall(v);

	tui_doc_addf(d, o == CORE_VERDICT_TRUSTED ? TUI_R_OK :
	    o == CORE_VERDICT_UNTRUSTED ? TUI_R_WARN : TUI_R_FAIL, 0, TUI_DOC_ITEM,
	    "%s %s", core_verdict_symbol(o), _(core_verdict_text(o)));
	tui_checks_doc(t, v, d);
}

/* The checks of the case open. */
static void
verify_build(struct tui *t, struct tui_pane *p, struct tui_doc *d)
{
	if (!t->cur.have) {
		tui_doc_add(d, _("No case is open."), TUI_R_NORMAL, 0, TUI_DOC_ITEM);
		return;
	}
	tui_doc_addf(d, TUI_R_HEADING, 0, TUI_DOC_ITEM,
	    _("Decision %s, checked now on this computer"), t->cur.c.reference);
	if (!t->cur.have_v) {
		tui_doc_add(d, _("[--] not verified: no signed record is kept for "
		    "this case."), TUI_R_DIM, 0, TUI_DOC_ITEM);
		return;
	}
	tui_verdict_doc(t, &t->cur.v, d);
	if (t->cur.c.checked_at != NULL)
		tui_doc_addf(d, TUI_R_DIM, 0, TUI_DOC_ITEM,
		    _("When it was fetched (%s) it was %s."), t->cur.c.checked_at,
		    t->cur.c.verdict != NULL ? t->cur.c.verdict : "?");
}

const struct tui_pane_ops tui_pane_verify_ops = {
	.title = N_("Verification"),
	.build = verify_build,
	.draw = tui_docpane_draw,
	.key = tui_docpane_key,
	.resize = tui_docpane_resize,
	.focus = tui_docpane_focus,
	.free = tui_docpane_free,
};
