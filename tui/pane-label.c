/*
 * pane-label.c: the provenance label: automation, human review, system,
 * model and provider, attestation, impact assessment, transparency record,
 * liability chain, data sources, AI-written text and the watermark verdict.
 *
 * The label is a claim.  Where the letter's watermark test contradicts it,
 * that is said here in words with [FAIL].  Who is liable is the chain in
 * its order, operator, deployer, provider, each with its contact and what
 * backs it (core/analysis.h); after what the record says come the label's
 * consistency rules, each a check in words.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/analysis.h"
#include "core/intl.h"
#include "core/fmt.h"
#include "core/record.h"
#include "core/wpg1.h"
#include "net/flow.h"
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

/* The label's consistency rules and the liability chain, computed on this
 * computer (core/analysis.h); 0, or -1 when they could not be. */
static int
label_check(struct tui *t, const struct core_record *r, struct core_verdict *v,
    struct core_liability *chain)
{
	struct core_label_input	 in;

	core_label_input_init(&in, r, time(NULL));
	in.trust = t->env->ctx->trust;
	in.state = t->env->ctx->trust_state;
	/* The keys the service published (tui/model.c) may check the
	 * provider's attestation; they confer no trust. */
	in.keys = t->cur.disc.keys;
	in.newest_id = t->cur.c.decision_id;
	if (t->cur.wm_checked) {
		in.wm_checked = 1;
		in.wm = t->cur.wm;
		in.wm_T = t->cur.wm_res.T;
	}
	in.record_trusted = t->cur.have_v &&
	    core_verdict_overall(&t->cur.v) == CORE_VERDICT_TRUSTED;
	core_verdict_init(v);
	memset(chain, 0, sizeof *chain);
	return core_label_check(&in, v, chain) == CORE_OK ? 0 : -1;
}

/* Who is liable, in the order of the chain: operator, deployer, provider,
 * each with its contact and whether a signature backs it; then any other
 * party the record names for one of those roles. */
static void
label_chain(struct tui *t, const struct core_record *r,
    const struct core_liability *chain, struct tui_doc *d)
{
	const struct core_rec_label	*l = &r->label;
	const struct core_rec_party	*pa;
	size_t				 i, k;

	tui_doc_blank(d);
	tui_doc_add(d, _("The liability chain and what backs it"),
	    TUI_R_HEADING, 0, TUI_DOC_ITEM);
	for (i = 0; i < 3; i++) {
		const struct core_liability_link *lk = &chain->links[i];

		if ((pa = lk->party) == NULL) {
			/* L10N: symbol, role, then why nothing backs it. */
			tui_doc_addf(d, TUI_R_WARN, 2, TUI_DOC_ITEM, "%s %s: %s %s",
			    "[!]", _(core_record_role_label(lk->role)),
			    _("not named."), lk->backing != NULL ?
			    _(lk->backing) : "");
			continue;
		}
		/* L10N: symbol, role, party name, contact, registration, what
		 * backs it. */
		tui_doc_addf(d, lk->backed ? TUI_R_OK : TUI_R_WARN, 2, TUI_DOC_ITEM,
		    "%s %s: %s, %s%s%s. %s", lk->backed ? "[ok]" : "[!]",
		    _(core_record_role_label(lk->role)), pa->name,
		    pa->contact != NULL ? pa->contact : "",
		    pa->registration != NULL ? ", " : "",
		    pa->registration != NULL ? pa->registration : "",
		    lk->backing != NULL ? _(lk->backing) : "");
		for (k = 0; k < l->nparties; k++) {
			if (l->parties[k].role != lk->role || &l->parties[k] == pa)
				continue;
			tui_doc_addf(d, TUI_R_WARN, 2, TUI_DOC_ITEM,
			    "[!] %s: %s, %s. %s", _(core_record_role_label(
			    l->parties[k].role)), l->parties[k].name,
			    l->parties[k].contact != NULL ? l->parties[k].contact : "",
			    _("Named in the signed record; no signature of its "
			    "own."));
		}
	}
}

/* The whole label. */
static void
label_build(struct tui *t, struct tui_pane *p, struct tui_doc *d)
{
	const struct core_record	*r = t->cur.rec;
	const struct core_rec_label	*l;
	struct core_verdict		 v;
	struct core_liability		 chain;
	char				 completed[80], reviewed[96];
	size_t				 i;
	int				 checked;

	if (r == NULL) {
		tui_doc_add(d, t->cur.have ? t->cur.problem : _("No case is open."),
		    TUI_R_NORMAL, 0, TUI_DOC_ITEM);
		return;
	}
	l = &r->label;
	checked = label_check(t, r, &v, &chain) == 0;
	tui_fmt_date(t, l->impact.completed.text, completed, sizeof completed);
	tui_doc_addf(d, TUI_R_HEADING, 0, TUI_DOC_ITEM, _("Automation: %s"),
	    _(core_record_automation_label(l->automation)));
	core_fmt_datetime(tui_fmt_locale(t), l->review.reviewed_at.text,
	    reviewed, sizeof reviewed);
	if (l->review.present)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM,
		    _("Human review by %s at %s: %s. %s"),
		    tui_lang_text(t, &l->review.reviewer_role), reviewed,
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
		    "whether it verifies is said below, with the party it backs.") :
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
		    l->impact.completed.text != NULL ? completed : "",
		    l->impact.url, l->impact.sha256);
	else
		tui_doc_add(d, _("[!] No impact assessment is named."), TUI_R_WARN, 2,
		    TUI_DOC_ITEM);
	if (l->transparency_url != NULL)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM, _("Transparency record: %s"),
		    l->transparency_url);
	if (checked)
		label_chain(t, r, &chain, d);
	tui_doc_blank(d);
	tui_doc_add(d, _("Data used"), TUI_R_HEADING, 0, TUI_DOC_ITEM);
	for (i = 0; i < l->nsources; i++)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM, "%s%s%s",
		    tui_lang_text(t, &l->sources[i].name),
		    l->sources[i].supplier != NULL ? ", " : "",
		    l->sources[i].supplier != NULL ? l->sources[i].supplier : "");
	label_watermark(t, r, d);
	if (checked) {
		tui_doc_blank(d);
		tui_doc_add(d, _("The label checked against itself and the letter"),
		    TUI_R_HEADING, 0, TUI_DOC_ITEM);
		tui_checks_doc(t, &v, d);
	}
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
