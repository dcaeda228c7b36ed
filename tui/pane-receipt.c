/*
 * pane-receipt.c: the receipt of a contest: its verification verdict with
 * every check (the receipt is checked against the exact bytes sent), the
 * receipt id, when the service received the contest, when the answer is
 * due and where its status is.  The receipt is kept in the store as proof
 * of the date of submission.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/intl.h"
#include "core/json.h"
#include "net/flow.h"
#include "net/proto.h"
#include "net/store.h"
#include "tui/tui-int.h"

/* A member of the receipt, or "?". */
static const char *
receipt_get(json_t *r, const char *k)
{
	const char	*s = json_string_value(json_object_get(r, k));

	return s != NULL ? s : "?";
}

/* The receipt document. */
static void
receipt_build(struct tui *t, struct tui_pane *p, struct tui_doc *d)
{
	json_t		*r = NULL;
	struct core_err	 err;
	char		 due[128];

	tui_doc_add(d, _("The service received your contest."), TUI_R_HEADING, 0,
	    TUI_DOC_ITEM);
	if (t->have_receipt_v)
		tui_verdict_doc(t, &t->receipt_v, d);
	if (t->receipt_text != NULL)
		(void)core_json_parse(t->receipt_text, strlen(t->receipt_text), NULL,
		    &r, &err);
	tui_doc_blank(d);
	tui_doc_addf(d, TUI_R_NORMAL, 0, TUI_DOC_ITEM, _("Receipt: %s"),
	    receipt_get(r, "receipt_id"));
	tui_doc_addf(d, TUI_R_NORMAL, 0, TUI_DOC_ITEM, _("Contest: %s"),
	    receipt_get(r, "contest_id"));
	tui_doc_addf(d, TUI_R_NORMAL, 0, TUI_DOC_ITEM, _("Received at: %s"),
	    receipt_get(r, "received_at"));
	tui_fmt_deadline(t, receipt_get(r, "answer_due"), due, sizeof due);
	tui_doc_addf(d, TUI_R_NORMAL, 0, TUI_DOC_ITEM, _("Answer due by: %s"), due);
	tui_doc_addf(d, TUI_R_NORMAL, 0, TUI_DOC_ITEM, _("Status: %s"),
	    receipt_get(r, "status_url"));
	tui_doc_blank(d);
	tui_doc_add(d, _("The signed receipt is kept on this computer as proof of "
	    "the date you contested. Press s later to see the status."),
	    TUI_R_DIM, 0, TUI_DOC_ITEM);
	json_decref(r);
}

/* A contest was sent and its receipt verified: show it. */
void
tui_contest_sent(struct tui *t, const struct net_outcome *o)
{
	struct core_buf	 jws, payload;
	struct core_err	 err;
	char		 id[NET_CASE_ID_MAX + 1];

	core_buf_init(&jws, NET_STORE_MAX_FILE);
	core_buf_init(&payload, NET_STORE_MAX_FILE);
	snprintf(id, sizeof id, "%s", t->contest_case[0] != '\0' ? t->contest_case :
	    t->cur.c.id);
	(void)net_draft_remove(t->env->ctx->store, id, &err);
	t->draft_dirty = 0;
	t->draft_due = 0;
	tui_form_free(&t->contest);
	t->contest_case[0] = '\0';
	tui_model_invalidate(t);
	free(t->receipt_text);
	t->receipt_text = NULL;
	if (t->cur.c.receipt != NULL &&
	    net_store_get_object(t->env->ctx->store, t->cur.c.receipt, &jws, &err) == CORE_OK &&
	    net_jws_payload(jws.data, jws.len, &payload, &err) == CORE_OK)
		t->receipt_text = strdup(core_buf_str(&payload));
	tui_pane_stale(&t->panes[TUI_P_RECEIPT]);
	t->panes[TUI_P_RECEIPT].top = t->panes[TUI_P_RECEIPT].sel = 0;
	tui_say(t, TUI_R_STATUS, "%s", o->duplicate ? _("The service already had "
	    "this contest; its receipt is shown.") : _("Contest received; the "
	    "receipt matches what was sent."));
	tui_show(t, TUI_S_RECEIPT);
	core_buf_free(&jws);
	core_buf_free(&payload);
}

const struct tui_pane_ops tui_pane_receipt_ops = {
	.title = N_("Receipt"),
	.build = receipt_build,
	.draw = tui_docpane_draw,
	.key = tui_docpane_key,
	.resize = tui_docpane_resize,
	.focus = tui_docpane_focus,
	.free = tui_docpane_free,
};
