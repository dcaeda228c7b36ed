/*
 * pane-label.c: the provenance label: automation, human review, system,
 * model and provider, attestation, impact assessment, transparency record,
 * liability chain, data sources, AI-written text and the watermark verdict.
 *
 * The label is a claim.  Where the letter's watermark test contradicts it,
 * that is said here in words with [FAIL].  Further consistency rules of the
 * label (core/analysis.h) are added at the ANALYSIS HOOK when that module
 * is part of the build; until then the pane shows what the record says.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

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
	/* ANALYSIS HOOK: the label's consistency rules (core/analysis.h). */
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
