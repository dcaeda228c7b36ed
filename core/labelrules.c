/*
 * labelrules.c: the consistency rules of the provenance label, each a
 * verdict check with an id and a severity, and the liability chain.
 *
 * The label is a claim that the service makes about itself; these rules
 * test it against the letter (its watermark), against the record (the
 * review, the reasons, the contest terms), against documents the caller
 * holds (the impact assessment) and against the provider's signature (the
 * attestation).  A rule that holds is a passed check; one that does not is
 * a failed check (severity error) or a warning; one the caller cannot test
 * for want of something is "not checked".  recourse(1), LABEL CHECKS,
 * documents the rules for people.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/analysis.h"
#include "core/hash.h"
#include "core/html.h"
#include "core/intl.h"
#include "core/reasons.h"
#include "core/trust.h"

#define LR_AI		"label.ai-undeclared"
#define LR_WM		"label.watermark-missing"
#define LR_REVIEW	"label.review"
#define LR_IMPACT	"label.impact-digest"
#define LR_ATTEST	"label.attestation"
#define LR_REASONS	"label.reasons"
#define LR_DEADLINE	"label.deadline"
#define LR_SUPERSEDED	"label.superseded"

/* Regulation B's official commentary (12 CFR 1002, Supp. I, 9(b)(2)-1)
 * finds more than four reasons unlikely to help the applicant, and FCRA
 * key-factor disclosures stop at four. */
#define LR_MAX_REASONS	4

static const struct core_label_rule lr_rules[] = {
	{ LR_AI, CORE_LABEL_ERROR,
	  N_("The letter carries the watermark of AI-written text, or the "
	  "record says it was written by AI, while the label says a person "
	  "wrote it or made the decision.") },
	{ LR_WM, CORE_LABEL_ERROR,
	  N_("The label says the letter was written by AI and gives its "
	  "watermark, but a letter long enough to tell does not carry it.") },
	{ LR_REVIEW, CORE_LABEL_ERROR,
	  N_("The level of automation and the record of a human review "
	  "disagree: a reviewed or human decision without a review, or a "
	  "solely automated one with a review.") },
	{ LR_IMPACT, CORE_LABEL_ERROR,
	  N_("The impact assessment document is not the one the label "
	  "names: its SHA-256 differs.") },
	{ LR_ATTEST, CORE_LABEL_ERROR,
	  N_("The provider's attestation of the model is missing (a "
	  "warning), does not verify, is not signed by a key a trusted "
	  "registry lists for the named provider, or attests another "
	  "provider or model digest.") },
	{ LR_REASONS, CORE_LABEL_WARNING,
	  N_("An adverse decision gives no principal reason, or more than "
	  "the customary four; or a reason given as one of Regulation B's "
	  "sample reasons has a code that is not one of them, or not the "
	  "form's words in English.") },
	{ LR_DEADLINE, CORE_LABEL_WARNING,
	  N_("The deadline to contest the decision has passed.") },
	{ LR_SUPERSEDED, CORE_LABEL_WARNING,
	  N_("A newer record of the same decision replaces this one.") }
};

#define LR_NRULES	(sizeof lr_rules / sizeof lr_rules[0])

size_t
core_label_rule_count(void)
{
	return LR_NRULES;
}

const struct core_label_rule *
core_label_rule_at(size_t i)
{
	return i < LR_NRULES ? &lr_rules[i] : NULL;
}

const struct core_label_rule *
core_label_rule_find(const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < LR_NRULES; i++)
		if (strcmp(lr_rules[i].id, id) == 0)
			return &lr_rules[i];
	return NULL;
}

const char *
core_label_severity_text(enum core_label_severity s)
{
	return s == CORE_LABEL_ERROR ? N_("error") : N_("warning");
}

void
core_label_input_init(struct core_label_input *in,
    const struct core_record *rec, time_t now)
{
	memset(in, 0, sizeof *in);
	in->rec = rec;
	in->now = now;
}

/* What the watermark test of the letter found. */
struct lr_wm {
	int			checked;
	enum core_wpg1_verdict	verdict;
};

/* Test one language of the letter with the label's key; *best keeps the
 * strongest verdict so far and *any says whether one was reached. */
static enum core_code
lr_wm_one(const struct core_rec_letter *lt, const struct core_rec_watermark *w,
    const char *text, enum core_wpg1_verdict *best, int *any)
{
	struct core_wpg1_params	 prm;
	struct core_wpg1_result	 res;
	struct core_wpg1	*d = NULL;
	struct core_html_doc	*doc = NULL;
	struct core_html_opts	 opts;
	struct core_err		 err;
	enum core_code		 rc = CORE_OK;
	const char		*plain = text;

	core_wpg1_params_default(&prm);
	prm.G = w->G;
	prm.alpha = w->alpha;
	prm.t_min = w->T_min;
	if (core_wpg1_params_check(&prm, &err) != CORE_OK)
		goto out;
	if (lt->format == CORE_REC_LETTER_HTML) {
		memset(&opts, 0, sizeof opts);
		rc = core_html_render(text, strlen(text), &opts, &doc, &err);
		if (rc == CORE_E_NOMEM)
			goto out;
		rc = CORE_OK;
		if (doc == NULL)
			goto out;
		plain = core_html_text(doc);
	}
	if ((rc = core_wpg1_new(&d, &prm,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])w->key, 1, &err)) !=
	    CORE_OK)
		goto out;
	if ((rc = core_wpg1_feed(d, plain, strlen(plain), &err)) != CORE_OK ||
	    (rc = core_wpg1_finish(d, &res, &err)) != CORE_OK) {
		/* A letter that cannot be tested (a word too long) says
		 * nothing either way. */
		if (rc != CORE_E_NOMEM)
			rc = CORE_OK;
		goto out;
	}
	/* Consistent beats not found beats too short. */
	if (!*any || res.verdict == CORE_WPG1_CONSISTENT ||
	    (res.verdict == CORE_WPG1_NOT_FOUND &&
	    *best == CORE_WPG1_TOO_SHORT))
		*best = res.verdict;
	*any = 1;
out:
	core_wpg1_free(&d);
	core_html_free(&doc);
	return rc;
}

/* The watermark of the letter: the caller's test, or one with the label's
 * key over every language of the letter. */
static enum core_code
lr_watermark(const struct core_label_input *in, struct lr_wm *wm)
{
	const struct core_record	*r = in->rec;
	const struct core_rec_letter	*lt = &r->explanation.letter;
	enum core_code			 rc = CORE_OK;
	size_t				 i;
	int				 any = 0;

	memset(wm, 0, sizeof *wm);
	if (!lt->present)
		goto out;
	if (in->wm_checked) {
		wm->checked = 1;
		wm->verdict = in->wm;
		goto out;
	}
	if (!r->label.watermark.present)
		goto out;
	for (i = 0; i < lt->content.n; i++)
		if ((rc = lr_wm_one(lt, &r->label.watermark,
		    lt->content.items[i].text, &wm->verdict, &any)) != CORE_OK)
			goto out;
	wm->checked = any;
out:
	return rc;
}

/* label.ai-undeclared */
static void
lr_ai(const struct core_record *r, const struct lr_wm *wm,
    struct core_verdict *v)
{
	const struct core_rec_letter	*lt = &r->explanation.letter;
	int				 human = r->label.automation ==
					    CORE_REC_HUMAN;
	int				 declared;

	declared = r->label.letter_ai_generated && (!lt->present ||
	    lt->ai_generated);
	if (lt->present && lt->ai_generated != r->label.letter_ai_generated)
		core_verdict_add(v, LR_AI, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, NULL,
		    N_("The letter and the label disagree on whether the "
		    "letter was written by AI."), NULL);
	else if (wm->checked && wm->verdict == CORE_WPG1_CONSISTENT &&
	    human)
		core_verdict_add(v, LR_AI, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, NULL,
		    N_("The letter is consistent with the watermark of "
		    "AI-written text, but the label says a person made the "
		    "decision."), NULL);
	else if (wm->checked && wm->verdict == CORE_WPG1_CONSISTENT &&
	    !declared)
		core_verdict_add(v, LR_AI, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, NULL,
		    N_("The letter is consistent with the watermark of "
		    "AI-written text, but the label says it was not written "
		    "by AI."), NULL);
	else if (declared && human)
		core_verdict_add(v, LR_AI, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, NULL,
		    N_("The label says the letter was written by AI, yet that "
		    "a person made the decision alone."), NULL);
	else if (!lt->present)
		core_verdict_add(v, LR_AI, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_NOT_CHECKED, NULL,
		    N_("The record holds no letter to test."), NULL);
	else if (!wm->checked && !declared)
		core_verdict_add(v, LR_AI, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_NOT_CHECKED, NULL,
		    N_("The label says the letter was not written by AI; no "
		    "watermark key was at hand to test it."), NULL);
	else if (declared)
		core_verdict_add(v, LR_AI, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    N_("The label says the letter was written by AI."), NULL);
	else
		core_verdict_add(v, LR_AI, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    N_("The label says a person wrote the letter, and the "
		    "letter carries no watermark of AI-written text."), NULL);
}

/* label.watermark-missing */
static void
lr_wm_missing(const struct core_record *r, const struct lr_wm *wm,
    struct core_verdict *v)
{
	const struct core_rec_letter	*lt = &r->explanation.letter;
	int				 declared = r->label.letter_ai_generated ||
					    (lt->present && lt->ai_generated);

	if (!lt->present || !declared)
		core_verdict_add(v, LR_WM, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    N_("The label declares no AI-written letter that should "
		    "carry a watermark."), NULL);
	else if (!r->label.watermark.present)
		core_verdict_add(v, LR_WM, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_WARNING, NULL,
		    N_("The label says the letter was written by AI but gives "
		    "no watermark to test it with."), NULL);
	else if (!wm->checked)
		core_verdict_add(v, LR_WM, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_NOT_CHECKED, NULL,
		    N_("The letter could not be tested for its watermark."),
		    NULL);
	else if (wm->verdict == CORE_WPG1_CONSISTENT)
		core_verdict_add(v, LR_WM, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    N_("The letter is consistent with the watermark its label "
		    "declares."), NULL);
	else if (wm->verdict == CORE_WPG1_TOO_SHORT)
		core_verdict_add(v, LR_WM, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_NOT_CHECKED, NULL,
		    N_("The letter is too short to tell whether it carries "
		    "the watermark its label declares."), NULL);
	else
		core_verdict_add(v, LR_WM, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, NULL,
		    N_("The label says the letter was written by AI with a "
		    "watermark, but the letter, long enough to tell, does not "
		    "carry it."), NULL);
}

/* label.review */
static void
lr_review(const struct core_record *r, struct core_verdict *v)
{
	const struct core_rec_label	*l = &r->label;
	const char			*level;

	level = core_record_automation_name(l->automation);
	if (level == NULL)
		level = "";
	if ((l->automation == CORE_REC_HUMAN ||
	    l->automation == CORE_REC_AUTOMATED_WITH_HUMAN_REVIEW) &&
	    !l->review.present)
		core_verdict_add(v, LR_REVIEW, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, NULL,
		    /* L10N: %1$s is a level of automation as the protocol
		     * names it ("human"). */
		    N_("The label gives the level of automation as \"%1$s\" "
		    "but holds no record of a human review."), level, NULL);
	else if (l->automation == CORE_REC_SOLELY_AUTOMATED &&
	    l->review.present)
		core_verdict_add(v, LR_REVIEW, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, NULL,
		    N_("The label says the decision was solely automated, yet "
		    "holds the record of a human review."), NULL);
	else if (l->review.present)
		core_verdict_add(v, LR_REVIEW, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    N_("The label holds the record of the human review its "
		    "level of automation calls for."), NULL);
	else
		core_verdict_add(v, LR_REVIEW, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    N_("The label claims no human review, and its level of "
		    "automation needs none."), NULL);
}

/* label.impact-digest */
static enum core_code
lr_impact(const struct core_label_input *in, struct core_verdict *v)
{
	const struct core_rec_impact	*ia = &in->rec->label.impact;
	char				 hex[CORE_SHA256_HEX_LEN + 1];
	enum core_code			 rc = CORE_OK;

	if (!ia->present) {
		core_verdict_add(v, LR_IMPACT, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_NOT_CHECKED, NULL,
		    N_("The label names no impact assessment."), NULL);
		goto out;
	}
	if (in->impact_doc == NULL) {
		core_verdict_add(v, LR_IMPACT, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_NOT_CHECKED, NULL,
		    N_("The impact assessment was not checked: its document "
		    "is not at hand."), NULL);
		goto out;
	}
	if ((rc = core_sha256_hex(in->impact_doc, in->impact_len, hex)) !=
	    CORE_OK)
		goto out;
	if (ia->sha256 != NULL && strcmp(hex, ia->sha256) == 0)
		core_verdict_add(v, LR_IMPACT, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    N_("The impact assessment document is the one the label "
		    "names."), NULL);
	else
		core_verdict_add(v, LR_IMPACT, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, NULL,
		    /* L10N: %1$s and %2$s are SHA-256 digests in hex. */
		    N_("The impact assessment document is not the one the "
		    "label names: its SHA-256 is %1$s, the label's %2$s."),
		    hex, ia->sha256 != NULL ? ia->sha256 : "", NULL);
out:
	return rc;
}

/* The attestation's bytes: a compact JWS as it stands, a flattened one
 * serialised; NULL when it is neither (or out of memory: *rc). */
static char *
lr_attest_bytes(const json_t *a, enum core_code *rc)
{
	char	*s = NULL;

	size_t	 n;

	*rc = CORE_OK;
	if (json_is_string(a))
		s = core_strdup(json_string_value(a));
	else if (json_is_object(a)) {
		/* Into a buffer of ours: jansson's own allocations may go
		 * through another allocator. */
		n = json_dumpb(a, NULL, 0, JSON_COMPACT);
		if (n > 0 && (s = core_malloc(n + 1)) != NULL) {
			if (json_dumpb(a, s, n, JSON_COMPACT) != n) {
				core_free(s);
				s = NULL;
			} else
				s[n] = '\0';
		}
	} else
		return NULL;
	if (s == NULL)
		*rc = CORE_E_NOMEM;
	return s;
}

/* label.attestation; *verified is set when it verifies in full. */
static enum core_code
lr_attestation(const struct core_label_input *in, struct core_verdict *v,
    int *verified)
{
	const struct core_rec_system	*sys = &in->rec->label.system;
	const struct core_check		*why;
	struct core_verdict		 av;
	struct core_doc_info		 info;
	struct core_err			 err;
	enum core_verdict_overall	 o;
	enum core_code			 rc = CORE_OK;
	const char			*prov, *dig;
	char				*bytes = NULL;

	memset(&info, 0, sizeof info);
	*verified = 0;
	if (!sys->present) {
		core_verdict_add(v, LR_ATTEST, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    N_("The label names no automated system, so no "
		    "attestation is due."), NULL);
		goto out;
	}
	if (sys->attestation == NULL) {
		core_verdict_add(v, LR_ATTEST, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_WARNING, NULL,
		    /* L10N: %1$s is the name of the system's provider. */
		    N_("The label holds no attestation from %1$s, the "
		    "system's provider: nothing the provider signed backs the "
		    "model named."), sys->provider != NULL ? sys->provider : "",
		    NULL);
		goto out;
	}
	if (in->trust == NULL) {
		core_verdict_add(v, LR_ATTEST, CORE_CHECK_TRUST,
		    CORE_CHECK_NOT_CHECKED, NULL,
		    N_("The provider's attestation was not checked: no trust "
		    "store was given."), NULL);
		goto out;
	}
	if ((bytes = lr_attest_bytes(sys->attestation, &rc)) == NULL) {
		if (rc != CORE_OK)
			goto out;
		core_verdict_add(v, LR_ATTEST, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, NULL,
		    N_("The provider's attestation is not a signed document."),
		    NULL);
		goto out;
	}
	core_verdict_init(&av);
	if ((rc = core_trust_verify_doc(in->trust, bytes, strlen(bytes),
	    CORE_TYP_ATTESTATION, in->keys, in->state, in->now, NULL, 0, &av,
	    &info)) != CORE_OK)
		goto out;
	o = core_verdict_overall(&av);
	why = core_verdict_reason(&av);
	if (o == CORE_VERDICT_UNREADABLE || o == CORE_VERDICT_INVALID) {
		core_err_clear(&err);
		if (why != NULL && why->code != CORE_OK)
			core_err_set(&err, why->code, CORE_NO_OFFSET, "%s",
			    why->detail);
		core_verdict_add(v, LR_ATTEST, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, &err,
		    /* L10N: %1$s is the id of a check: "signature", "typ",
		     * "content". */
		    N_("The provider's attestation does not verify: its "
		    "\"%1$s\" check failed."), why != NULL ? why->id : "",
		    NULL);
		goto out;
	}
	prov = json_string_value(json_object_get(info.payload, "provider"));
	dig = json_string_value(json_object_get(info.payload, "model_digest"));
	if (prov == NULL || sys->provider_id == NULL ||
	    strcmp(prov, sys->provider_id) != 0)
		core_verdict_add(v, LR_ATTEST, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, NULL,
		    /* L10N: %1$s is the provider the attestation names, %2$s
		     * the one the label names (origins). */
		    N_("The attestation was signed for %1$s, not for %2$s, "
		    "the provider the label names."), prov != NULL ? prov : "",
		    sys->provider_id != NULL ? sys->provider_id : "", NULL);
	else if (dig == NULL || sys->model_digest == NULL ||
	    strcmp(dig, sys->model_digest) != 0)
		core_verdict_add(v, LR_ATTEST, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, NULL,
		    /* L10N: %1$s and %2$s are SHA-256 digests in hex. */
		    N_("The attestation is for another model: its digest is "
		    "%1$s, the label's %2$s."), dig != NULL ? dig : "",
		    sys->model_digest != NULL ? sys->model_digest : "", NULL);
	else if (o != CORE_VERDICT_TRUSTED)
		core_verdict_add(v, LR_ATTEST, CORE_CHECK_TRUST,
		    CORE_CHECK_FAILED, NULL,
		    /* L10N: %1$s is the provider's origin. */
		    N_("The attestation verifies, but no trusted registry "
		    "lists its key for the provider %1$s."), prov, NULL);
	else {
		core_verdict_add(v, LR_ATTEST, CORE_CHECK_TRUST,
		    CORE_CHECK_PASSED, NULL,
		    N_("The provider %1$s signed an attestation of this model "
		    "with a key a trusted registry lists."), prov, NULL);
		*verified = 1;
	}
out:
	core_doc_info_free(&info);
	core_free(bytes);
	return rc;
}

/* The first reason given under Regulation B's scheme with a code it does
 * not have, or not in the form's English words (core/reasons.h): a warning,
 * and 1; else 0. */
static int
lr_reasons_regb(const struct core_record *r, struct core_verdict *v)
{
	struct core_reason_view	 view;
	const struct core_rec_reason *x;
	char			 n[32];
	size_t			 i;

	for (i = 0; i < r->explanation.nreasons; i++) {
		x = &r->explanation.reasons[i];
		if (x->scheme == NULL || strcmp(x->scheme, "regb") != 0 ||
		    core_reason_view(x, NULL, 0, &view) != CORE_OK)
			continue;
		snprintf(n, sizeof n, "%zu", i + 1);
		if (view.std == NULL) {
			core_verdict_add(v, LR_REASONS, CORE_CHECK_INTEGRITY,
			    CORE_CHECK_WARNING, NULL,
			    /* L10N: %1$s is the reason's number, %2$s its code. */
			    N_("Reason %1$s is given as one of Regulation B's "
			    "sample reasons, with the code %2$s, which is not "
			    "one of them."), n, x->code != NULL ? x->code : "",
			    NULL);
			return 1;
		}
		if (view.wording_differs) {
			core_verdict_add(v, LR_REASONS, CORE_CHECK_INTEGRITY,
			    CORE_CHECK_WARNING, NULL,
			    /* L10N: %1$s is the reason's number, %2$s the
			     * sample reason's English words (Regulation B,
			     * form C-1), %3$s the record's. */
			    N_("Reason %1$s is given as Regulation B's sample "
			    "reason \"%2$s\", but in other words: \"%3$s\"."), n,
			    view.std->text, view.record_text != NULL ?
			    view.record_text : "", NULL);
			return 1;
		}
	}
	return 0;
}

/* label.reasons */
static void
lr_reasons(const struct core_record *r, struct core_verdict *v)
{
	char	n[32];

	snprintf(n, sizeof n, "%zu", r->explanation.nreasons);
	if (r->outcome.adverse && r->explanation.nreasons == 0)
		core_verdict_add(v, LR_REASONS, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_WARNING, NULL,
		    N_("The decision goes against you but gives no principal "
		    "reason."), NULL);
	else if (r->explanation.nreasons > LR_MAX_REASONS)
		core_verdict_add(v, LR_REASONS, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_WARNING, NULL,
		    /* L10N: %1$s is a number above four. */
		    N_("The record gives %1$s principal reasons; more than "
		    "the customary four rarely helps you see what counted."),
		    n, NULL);
	else if (lr_reasons_regb(r, v) == 0)
		core_verdict_add(v, LR_REASONS, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    N_("The record gives %1$s principal reasons."), n, NULL);
}

/* label.deadline: the deadline is a date, open to its end (UTC). */
static void
lr_deadline(const struct core_label_input *in, struct core_verdict *v)
{
	const struct core_rec_time	*d = &in->rec->contest.deadline;
	const char			*t = d->text != NULL ? d->text : "";

	if (d->text == NULL)
		core_verdict_add(v, LR_DEADLINE, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_NOT_CHECKED, NULL,
		    N_("The record gives no deadline to contest."), NULL);
	else if ((int64_t)in->now >= d->epoch + 86400)
		core_verdict_add(v, LR_DEADLINE, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_WARNING, NULL,
		    /* L10N: %1$s is a date, YYYY-MM-DD. */
		    N_("The deadline to contest this decision, %1$s, has "
		    "passed."), t, NULL);
	else
		core_verdict_add(v, LR_DEADLINE, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    N_("You can contest this decision until %1$s."), t, NULL);
}

/* label.superseded */
static void
lr_superseded(const struct core_label_input *in, struct core_verdict *v)
{
	if (in->newest_id == NULL)
		core_verdict_add(v, LR_SUPERSEDED, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_NOT_CHECKED, NULL,
		    N_("Whether a newer record replaces this one is not "
		    "known."), NULL);
	else if (strcmp(in->newest_id, in->rec->id) != 0)
		core_verdict_add(v, LR_SUPERSEDED, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_WARNING, NULL,
		    /* L10N: %1$s is the id of a decision record. */
		    N_("A newer record, %1$s, replaces this one."),
		    in->newest_id, NULL);
	else
		core_verdict_add(v, LR_SUPERSEDED, CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    N_("This is the newest record of the decision known."),
		    NULL);
}

/* The first party of the chain with this role, or NULL. */
static const struct core_rec_party *
lr_party(const struct core_record *r, enum core_rec_role role)
{
	size_t	i;

	for (i = 0; i < r->label.nparties; i++)
		if (r->label.parties[i].role == role)
			return &r->label.parties[i];
	return NULL;
}

/* Fill the liability chain: operator, deployer, provider. */
static void
lr_chain(const struct core_label_input *in, int attested,
    struct core_liability *chain)
{
	static const enum core_rec_role order[3] = {
		CORE_REC_ROLE_OPERATOR, CORE_REC_ROLE_DEPLOYER,
		CORE_REC_ROLE_PROVIDER
	};
	struct core_liability_link	*l;
	size_t				 i;
	int				 signer;

	memset(chain, 0, sizeof *chain);
	chain->attestation_verified = attested;
	for (i = 0; i < 3; i++) {
		l = &chain->links[i];
		l->role = order[i];
		l->party = lr_party(in->rec, order[i]);
		l->claims_signed = l->party != NULL && l->party->has_signed &&
		    l->party->is_signed;
		if (l->party == NULL) {
			l->backing = N_("The record names no such party.");
			continue;
		}
		switch (order[i]) {
		case CORE_REC_ROLE_PROVIDER:
			l->backed = attested;
			l->backing = attested ?
			    N_("Backed by the provider's attestation, which "
			    "verifies.") :
			    N_("No verified signature of the provider backs "
			    "this.");
			break;
		default:
			/* The service that signs the record is its operator;
			 * without one, the deployer runs it. */
			signer = order[i] == CORE_REC_ROLE_OPERATOR ||
			    lr_party(in->rec, CORE_REC_ROLE_OPERATOR) == NULL;
			l->backed = signer && in->record_trusted;
			if (l->backed)
				l->backing = N_("Backed by the record's "
				    "signature, made with a trusted key.");
			else if (signer)
				l->backing = N_("The record's signature was "
				    "not verified with a trusted key.");
			else
				l->backing = N_("Named in the signed record; "
				    "no signature of its own.");
			break;
		}
	}
}

enum core_code
core_label_check(const struct core_label_input *in, struct core_verdict *v,
    struct core_liability *chain)
{
	struct lr_wm	 wm;
	enum core_code	 rc = CORE_OK;
	int		 attested = 0;

	if (in == NULL || in->rec == NULL || v == NULL) {
		rc = CORE_E_ARG;
		goto out;
	}
	if ((rc = lr_watermark(in, &wm)) != CORE_OK)
		goto out;
	lr_ai(in->rec, &wm, v);
	lr_wm_missing(in->rec, &wm, v);
	lr_review(in->rec, v);
	if ((rc = lr_impact(in, v)) != CORE_OK)
		goto out;
	if ((rc = lr_attestation(in, v, &attested)) != CORE_OK)
		goto out;
	lr_reasons(in->rec, v);
	lr_deadline(in, v);
	lr_superseded(in, v);
	if (chain != NULL)
		lr_chain(in, attested, chain);
out:
	return rc;
}
