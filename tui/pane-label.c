/*
 * pane-label.c: the provenance label: automation, human review, system,
 * model and provider, attestation, impact assessment, transparency record,
 * liability chain, data sources, AI-written text and the watermark verdict.
 *
 * The label is a claim.  Where the letter's watermark test contradicts it,
 * that is said here in words with [FAIL].  After what the record says
 * come the label's consistency rules, each a check in words, and the
 * liability chain with what backs each link (core/analysis.h).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/analysis.h"
#include "core/intl.h"
#include "core/record.h"
#include "core/wpg1.h"
#include "tui/tui-int.h"

/* The watermark test of the letter, and what it means for the label. */
static void
label_watermark(struct tui *t, const struct core_record *r, struct tui_doc *d)
{
	const struct tui_current	*cur = &t->cur;
	const char			*sym;
	int				 says_ai = r->label.letter_ai_generated;

	tui_doc_blank(d);
	tui_doc_add(d, _("AI-written text"), TUI_R_HEADING, 0, TUI_DOC_ITEM);
	tui_doc_add(d, says_ai ? _("The label says the letter was written by an AI "
	    "system.") : _("The label says the letter was not written by an AI system."),
	    TUI_R_NORMAL, 2, TUI_DOC_ITEM);
	if (r->label.watermark.present)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM,
		    _("Watermark WPG-1, key %s, published in the label."),
		    r->label.watermark.key_id);
	if (!cur->wm_checked) {
		tui_doc_add(d, _("[--] Watermark: not checked (no letter, or no key "
		    "to test it with)."), TUI_R_DIM, 2, TUI_DOC_ITEM);
		return;
	}
	sym = cur->wm == CORE_WPG1_CONSISTENT ? "[ok]" :
	    cur->wm == CORE_WPG1_TOO_SHORT ? "[--]" : "[ok]";
	if (!says_ai && cur->wm == CORE_WPG1_CONSISTENT)
		sym = "[FAIL]";
	if (says_ai && cur->wm == CORE_WPG1_NOT_FOUND)
		sym = "[!]";
	tui_doc_addf(d, strcmp(sym, "[FAIL]") == 0 ? TUI_R_FAIL :
	    strcmp(sym, "[!]") == 0 ? TUI_R_WARN : TUI_R_OK, 2, TUI_DOC_ITEM,
	    /* L10N: symbol, verdict words, distinct word pairs, green pairs. */
	    _("%s Watermark: %s (%llu word pairs, %llu green)."), sym,
	    _(core_wpg1_verdict_words(cur->wm)),
	    (unsigned long long)cur->wm_res.T, (unsigned long long)cur->wm_res.green);
	if (!says_ai && cur->wm == CORE_WPG1_CONSISTENT)
		tui_doc_add(d, _("[FAIL] The label contradicts the letter: it says a "
		    "person wrote it, but the letter is consistent with the service's "
		    "watermark for AI-written letters. This label is false."),
		    TUI_R_FAIL, 2, TUI_DOC_ITEM);
	tui_doc_add(d, _("A published key lets anyone add or remove the mark: "
	    "\"consistent with the watermark\" is not proof."), TUI_R_DIM, 2,
	    TUI_DOC_ITEM);
}

/* The label's consistency rules and the liability chain with what backs
 * each link, computed on this computer (core/analysis.h). */
static void
label_rules(struct tui *t, const struct core_record *r, struct tui_doc *d)
{
	struct core_label_input	 in;
	struct core_liability	 chain;
	struct core_verdict	 v;
	size_t			 i;

	core_label_input_init(&in, r, time(NULL));
	if (t->cur.wm_checked) {
		in.wm_checked = 1;
		in.wm = t->cur.wm;
		in.wm_T = t->cur.wm_res.T;
	}
	in.record_trusted = t->cur.have_v &&
	    core_verdict_overall(&t->cur.v) == CORE_VERDICT_TRUSTED;
	core_verdict_init(&v);
	memset(&chain, 0, sizeof chain);
	if (core_label_check(&in, &v, &chain) != CORE_OK)
		return;
	tui_doc_blank(d);
	tui_doc_add(d, _("The label checked against itself and the letter"),
	    TUI_R_HEADING, 0, TUI_DOC_ITEM);
	tui_checks_doc(t, &v, d);
	tui_doc_blank(d);
	tui_doc_add(d, _("The liability chain and what backs it"), TUI_R_HEADING,
	    0, TUI_DOC_ITEM);
	for (i = 0; i < 3; i++) {
		const struct core_liability_link *k = &chain.links[i];

		/* L10N: symbol, role, party name, what backs it. */
		tui_doc_addf(d, k->backed ? TUI_R_OK : TUI_R_WARN, 2, TUI_DOC_ITEM,
		    "%s %s: %s. %s", k->backed ? "[ok]" : "[!]",
		    _(core_record_role_label(k->role)), k->party != NULL ?
		    k->party->name : _("not named"),
		    k->backing != NULL ? _(k->backing) : "");
	}
}

/* The whole label. */
static void
label_build(struct tui *t, struct tui_pane *p, struct tui_doc *d)
{
	const struct core_record	*r = t->cur.rec;
	const struct core_rec_label	*l;
	size_t				 i;

	if (r == NULL) {
		tui_doc_add(d, t->cur.have ? t->cur.problem : _("No case is open."),
		    TUI_R_NORMAL, 0, TUI_DOC_ITEM);
		return;
	}
	l = &r->label;
	tui_doc_addf(d, TUI_R_HEADING, 0, TUI_DOC_ITEM, _("Automation: %s"),
	    _(core_record_automation_label(l->automation)));
	if (l->review.present)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM,
		    _("Human review by %s at %s: %s. %s"),
		    tui_lang_text(t, &l->review.reviewer_role), l->review.reviewed_at.text,
		    l->review.outcome == CORE_REC_REVIEW_UPHELD ? _("upheld") :
		    l->review.outcome == CORE_REC_REVIEW_VARIED ? _("varied") :
		    _("overturned"), tui_lang_text(t, &l->review.note));
	else
		tui_doc_add(d, _("No human reviewed this decision before it was sent."),
		    TUI_R_NORMAL, 2, TUI_DOC_ITEM);
	tui_doc_blank(d);
	tui_doc_add(d, _("System"), TUI_R_HEADING, 0, TUI_DOC_ITEM);
	if (l->system.present) {
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM, _("%s, version %s, from %s"),
		    l->system.name, l->system.version, l->system.provider);
		if (l->system.model_digest != NULL)
			tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM,
			    _("Model digest (SHA-256): %s"), l->system.model_digest);
		tui_doc_add(d, l->system.attestation != NULL ?
		    _("[--] The provider's attestation of the model is in the record; "
		    "it is not checked in this view.") :
		    _("[!] The provider has not attested the model."),
		    l->system.attestation != NULL ? TUI_R_DIM : TUI_R_WARN, 2,
		    TUI_DOC_ITEM);
	} else
		tui_doc_add(d, _("The record names no automated system."), TUI_R_NORMAL,
		    2, TUI_DOC_ITEM);
	tui_doc_blank(d);
	tui_doc_add(d, _("Impact assessment and transparency"), TUI_R_HEADING, 0,
	    TUI_DOC_ITEM);
	if (l->impact.present)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM,
		    _("Impact assessment (%s, %s): %s, SHA-256 %s"),
		    l->impact.kind != NULL ? l->impact.kind : _("kind not stated"),
		    l->impact.completed.text != NULL ? l->impact.completed.text : "",
		    l->impact.url, l->impact.sha256);
	else
		tui_doc_add(d, _("[!] No impact assessment is named."), TUI_R_WARN, 2,
		    TUI_DOC_ITEM);
	if (l->transparency_url != NULL)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM, _("Transparency record: %s"),
		    l->transparency_url);
	tui_doc_blank(d);
	tui_doc_add(d, _("Who is liable"), TUI_R_HEADING, 0, TUI_DOC_ITEM);
	for (i = 0; i < l->nparties; i++)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM, "%s: %s, %s%s%s",
		    _(core_record_role_label(l->parties[i].role)), l->parties[i].name,
		    l->parties[i].contact, l->parties[i].registration != NULL ? ", " : "",
		    l->parties[i].registration != NULL ? l->parties[i].registration : "");
	tui_doc_blank(d);
	tui_doc_add(d, _("Data used"), TUI_R_HEADING, 0, TUI_DOC_ITEM);
	for (i = 0; i < l->nsources; i++)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM, "%s%s%s",
		    tui_lang_text(t, &l->sources[i].name),
		    l->sources[i].supplier != NULL ? ", " : "",
		    l->sources[i].supplier != NULL ? l->sources[i].supplier : "");
	label_watermark(t, r, d);
	label_rules(t, r, d);
}

const struct tui_pane_ops tui_pane_label_ops = {
	.title = N_("Provenance label"),
	.build = label_build,
	.draw = tui_docpane_draw,
	.key = tui_docpane_key,
	.resize = tui_docpane_resize,
	.focus = tui_docpane_focus,
	.free = tui_docpane_free,
};
