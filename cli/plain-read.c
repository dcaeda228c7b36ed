/*
 * plain-read.c: a decision in reading order, as lines of text: outcome and
 * principal reasons, factors, what would have changed the outcome, the
 * provenance label, the verification verdict, the letter and how to
 * contest.  `recourse show` prints it all; plain mode prints it part by
 * part.  Nothing here moves the cursor, colours or draws.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/fmt.h"
#include "cli/plain.h"
#include "cli/session.h"
#include "core/alloc.h"
#include "core/analysis.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/fmt.h"
#include "core/html.h"
#include "core/intl.h"
#include "core/reasons.h"
#include "core/record.h"
#include "core/safetext.h"
#include "core/verdict.h"
#include "core/wpg1.h"
#include "net/case.h"
#include "net/flow.h"
#include "net/letterwm.h"
#include "net/proto.h"
#include "net/store.h"


size_t
cli_plain_width(void)
{
	const char	*e = getenv("COLUMNS");
	char		*end;
	long		 n;

	if (e == NULL || *e == '\0')
		return 72;
	n = strtol(e, &end, 10);
	if (*end != '\0' || n < 20 || n > 200)
		return 72;
	return (size_t)n;
}

void
cli_plain_say(FILE *fp, size_t width, const char *prefix, const char *text)
{
	struct core_buf		b;
	struct core_text_lines	l;
	size_t			i;

	memset(&l, 0, sizeof l);
	core_buf_init(&b, 4u * 1024u * 1024u);
	if (prefix != NULL && *prefix != '\0') {
		(void)core_buf_adds(&b, prefix);
		(void)core_buf_addc(&b, ' ');
	}
	if (text != NULL && core_safetext_append(&b, text, strlen(text),
	    CORE_SAFETEXT_ESCAPE | CORE_SAFETEXT_MULTILINE) != CORE_OK)
		(void)core_buf_adds(&b, "?");
	if (core_text_wrap(core_buf_str(&b), b.len, width, 0, &l) == CORE_OK) {
		for (i = 0; i < l.n; i++) {
			fwrite(core_buf_str(&b) + l.v[i].off, 1, l.v[i].len, fp);
			fputc('\n', fp);
		}
	} else {
		fputs(core_buf_str(&b), fp);
		fputc('\n', fp);
	}
	core_text_lines_free(&l);
	core_buf_free(&b);
}

/* gettext as a function, for the layout's and the analysis' words. */
static const char *
read_tr(const char *msgid)
{
	return _(msgid);
}

/* A text of the record in the person's language. */
static const char *
read_text(const struct cli_reading *r, const struct core_text *t)
{
	return core_text_choose(t, r->prefs, r->nprefs, NULL);
}

/* The language that dates and figures are written in. */
static const char *
read_lang(const struct cli_reading *r)
{
	return r->nprefs > 0 ? r->prefs[0] : NULL;
}

/* Append a value as people read it, a figure with its unit as the
 * language writes it ("£23,400 a year", "46 %"). */
static void
read_value(const struct cli_reading *r, struct core_buf *b,
    const struct core_rec_value *v, const char *unit)
{
	char	fig[200];

	switch (v->type) {
	case CORE_REC_VALUE_NUMBER:
		cli_fmt_quantity(read_lang(r), v->num, unit, 0, fig, sizeof fig);
		core_buf_adds(b, fig);
		break;
	case CORE_REC_VALUE_STRING:
		core_buf_adds(b, v->str != NULL ? v->str : "");
		break;
	case CORE_REC_VALUE_BOOL:
		core_buf_adds(b, v->boolean ? _("yes") : _("no"));
		break;
	}
}

/* The name of a factor by index, or its id. */
static const char *
read_factor_name(const struct cli_reading *r, size_t i, const char *id)
{
	if (i != CORE_REC_NONE && i < r->rec->explanation.nfactors)
		return read_text(r, &r->rec->explanation.factors[i].name);
	return id;
}

/* Test the letter for the watermark with the label's key and the keys the
 * service published; a letter the label calls human-written is tested too. */
static void
read_watermark(struct cli_reading *r, const json_t *disc)
{
	const struct core_rec_letter	*lt = &r->rec->explanation.letter;
	struct net_letterwm		 lw;

	net_letterwm_test(r->rec, lt->present ? read_text(r, &lt->content) : NULL,
	    disc, &lw);
	if (!lw.checked)
		return;
	r->wm = lw.verdict;
	r->wm_res = lw.res;
	r->wm_checked = 1;
}

int
cli_reading_load(struct cli_reading *r, struct cli_session *s, const char *id)
{
	struct net_discovery	 disc;
	struct core_buf		 jws, raw;
	struct core_err		 err;
	size_t			 i;
	int			 ret = -1;

	memset(r, 0, sizeof *r);
	r->s = s;
	r->width = cli_plain_width();
	net_case_init(&r->c);
	net_discovery_init(&disc);
	core_buf_init(&jws, NET_STORE_MAX_FILE);
	core_buf_init(&raw, NET_STORE_MAX_FILE);
	for (i = 0; i < s->nlangs && i < 8; i++)
		r->prefs[r->nprefs++] = s->langs[i];
	if (net_case_load(s->store, id, &r->c, &err) != CORE_OK) {
		cli_report(id, &err);
		goto out;
	}
	if ((r->rec = cli_case_record(s, &r->c, 1)) == NULL) {
		cli_warnx(_("case %s holds no readable decision record (try recourse "
		    "fetch %s)"), r->c.id, r->c.id);
		goto out;
	}
	if (r->c.discovery != NULL && net_store_get_object(s->store, r->c.discovery,
	    &raw, &err) == CORE_OK)
		(void)net_discovery_parse(raw.data, raw.len, r->c.service, &disc, &err);
	if (s->trust != NULL && net_store_get_object(s->store, r->c.decision, &jws,
	    &err) == CORE_OK && net_verify_decision(&s->ctx, jws.data, jws.len,
	    disc.keys, &r->v) == CORE_OK)
		r->have_v = 1;
	read_watermark(r, disc.doc);
	ret = 0;
out:
	core_buf_free(&jws);
	core_buf_free(&raw);
	net_discovery_clear(&disc);
	return ret;
}

void
cli_reading_clear(struct cli_reading *r)
{
	core_record_free(&r->rec);
	net_case_clear(&r->c);
}

/* Outcome and the principal reasons, most important first. */
static void
read_outcome(FILE *fp, struct cli_reading *r)
{
	const struct core_record	*rec = r->rec;
	const struct core_rec_outcome	*o = &rec->outcome;
	struct core_buf			 b;
	char				 pre[32], before[200], after[200];
	size_t				 i;

	core_buf_init(&b, 65536);
	/* L10N: followed by the outcome in a word ("declined") and the
	 * service's summary. */
	core_buf_printf(&b, "%s %s.", _("Outcome:"),
	    _(core_record_outcome_label(o->code)));
	cli_plain_say(fp, r->width, core_buf_str(&b), read_text(r, &o->summary));
	for (i = 0; i < o->namounts; i++) {
		core_buf_reset(&b);
		core_buf_adds(&b, read_text(r, &o->amounts[i].label));
		core_buf_adds(&b, ": ");
		cli_fmt_quantity(read_lang(r), o->amounts[i].after,
		    o->amounts[i].unit, 0, after, sizeof after);
		cli_fmt_quantity(read_lang(r), o->amounts[i].before,
		    o->amounts[i].unit, 0, before, sizeof before);
		if (o->amounts[i].has_before)
			/* L10N: an amount before and after the decision, each
			 * with its unit: "£112 a week before, £84 a week after". */
			core_buf_printf(&b, _("%s before, %s after"), before, after);
		else
			core_buf_adds(&b, after);
		cli_plain_say(fp, r->width, NULL, core_buf_str(&b));
	}
	if (o->effective_date.text != NULL) {
		cli_fmt_date(read_lang(r), o->effective_date.text, after, sizeof after);
		cli_plain_say(fp, r->width, _("Takes effect on:"), after);
	}
	fprintf(fp, P_("Principal reason (%zu):\n", "Principal reasons (%zu):\n",
	    rec->explanation.nreasons), rec->explanation.nreasons);
	for (i = 0; i < rec->explanation.nreasons; i++) {
		snprintf(pre, sizeof pre, "%zu.", i + 1);
		cli_plain_say(fp, r->width, pre,
		    core_reason_text(&rec->explanation.reasons[i], read_tr,
		    r->prefs, r->nprefs));
	}
	core_buf_free(&b);
}

/* Each factor: its value and how much it counted, for or against. */
static void
read_factors(FILE *fp, struct cli_reading *r)
{
	const struct core_rec_explanation	*e = &r->rec->explanation;
	const struct core_rec_factor		*f;
	struct core_scorecard_result		*sc;
	struct core_buf				 b;
	char					 fig[80], score[64], stated[64], thr[64];
	size_t					 i;

	core_buf_init(&b, 65536);
	fprintf(fp, P_("Factor (%zu):\n", "Factors (%zu):\n", e->nfactors), e->nfactors);
	for (i = 0; i < e->nfactors; i++) {
		f = &e->factors[i];
		core_buf_reset(&b);
		core_buf_printf(&b, "%zu. ", i + 1);
		core_buf_adds(&b, read_text(r, &f->name));
		core_buf_adds(&b, ": ");
		read_value(r, &b, &f->value, f->unit);
		/* L10N: "counted against you", "counted for you" or "did not
		 * move the result", then the contribution and its unit. */
		core_fmt_number(core_fmt_locale(read_lang(r)), f->contribution, 4,
		    CORE_FMT_SIGN, fig, sizeof fig);
		core_buf_printf(&b, "; %s (%s", _(core_record_direction_label(f->direction)),
		    fig);
		if (e->method.unit != NULL)
			core_buf_printf(&b, " %s", e->method.unit);
		core_buf_adds(&b, ")");
		if (f->actionable)
			core_buf_printf(&b, "; %s", _("you can change this"));
		core_buf_adds(&b, ".");
		cli_plain_say(fp, r->width, NULL, core_buf_str(&b));
	}
	if (e->method.type == CORE_REC_METHOD_SCORECARD &&
	    (sc = calloc(1, sizeof *sc)) != NULL) {
		if (core_scorecard_check(r->rec, sc, NULL) == CORE_OK && sc->applicable) {
			core_buf_reset(&b);
			/* L10N: the score as stated, the threshold, and whether the
			 * score computed here from the scorecard agrees. */
			core_fmt_number(core_fmt_locale(read_lang(r)), sc->stated, 6,
			    0, stated, sizeof stated);
			core_fmt_number(core_fmt_locale(read_lang(r)), sc->threshold, 6,
			    0, thr, sizeof thr);
			core_fmt_number(core_fmt_locale(read_lang(r)), sc->score, 6,
			    0, score, sizeof score);
			core_buf_printf(&b, _("Score %s, threshold %s. Computed again "
			    "here from the scorecard: %s, %s."), stated, thr,
			    score, sc->score_matches && sc->outcome_follows ?
			    _("it agrees with the decision") :
			    _("it does NOT agree with the decision"));
			cli_plain_say(fp, r->width, NULL, core_buf_str(&b));
		}
		free(sc);
	}
	core_buf_free(&b);
}

/* What would have changed the outcome: computed from the scorecard, as
 * the record states it, and where the two disagree. */
static void
read_change(FILE *fp, struct cli_reading *r)
{
	const struct core_rec_explanation	*e = &r->rec->explanation;
	const struct core_rec_counterfactual	*cf;
	struct core_cf_result			*res = NULL;
	struct core_buf				 b;
	const char				*t;
	size_t					 i, k;
	int					 found;

	core_buf_init(&b, 65536);
	/* Searched once for both the changes and the verdict on the record's. */
	found = core_counterfactual_search(r->rec, &res) == CORE_OK;
	cli_plain_say(fp, r->width, NULL, _("What would have changed the outcome:"));
	if (found)
		cli_print_cf(fp, r->width, r->rec, res, r->prefs, r->nprefs, 0);
	cli_plain_say(fp, r->width, NULL, _("As the record states it:"));
	if (e->ncounterfactuals == 0)
		cli_plain_say(fp, r->width, NULL, _("The record does not say."));
	for (i = 0; i < e->ncounterfactuals; i++) {
		cf = &e->counterfactuals[i];
		core_buf_reset(&b);
		core_buf_printf(&b, "%zu. ", i + 1);
		if ((t = read_text(r, &cf->text)) != NULL)
			core_buf_adds(&b, t);
		else {
			for (k = 0; k < cf->nchanges; k++) {
				if (k > 0)
					core_buf_adds(&b, "; ");
				core_buf_adds(&b, read_factor_name(r,
				    cf->changes[k].factor_index, cf->changes[k].factor));
				core_buf_adds(&b, ": ");
				read_value(r, &b, &cf->changes[k].value, NULL);
			}
			core_buf_printf(&b, " -> %s",
			    _(core_record_outcome_label(cf->outcome)));
		}
		cli_plain_say(fp, r->width, NULL, core_buf_str(&b));
	}
	if (found)
		cli_print_cf(fp, r->width, r->rec, res, r->prefs, r->nprefs, 1);
	core_cf_free(&res);
	core_buf_free(&b);
}

/* The watermark test of the letter against what the label says. */
static void
read_label_letter(FILE *fp, struct cli_reading *r)
{
	const struct core_rec_label	*l = &r->rec->label;
	struct core_buf			 b;
	const char			*sym;
	int				 says_ai = l->letter_ai_generated;

	cli_plain_say(fp, r->width, _("Letter written by an AI system, as the "
	    "label says:"), says_ai ? _("yes") : _("no"));
	if (!r->wm_checked) {
		cli_plain_say(fp, r->width, NULL, _("[--] Watermark: not checked (no letter, or no "
		    "key to test it with)."));
		return;
	}
	sym = r->wm == CORE_WPG1_TOO_SHORT ? "[--]" : "[ok]";
	if (!says_ai && r->wm == CORE_WPG1_CONSISTENT)
		sym = "[FAIL]";
	else if (says_ai && r->wm == CORE_WPG1_NOT_FOUND)
		sym = "[!]";
	core_buf_init(&b, 1024);
	/* L10N: symbol, verdict words, distinct word pairs, green pairs. */
	core_buf_printf(&b, _("%s Watermark: %s (%llu word pairs, %llu green)."), sym,
	    _(core_wpg1_verdict_words(r->wm)), (unsigned long long)r->wm_res.T,
	    (unsigned long long)r->wm_res.green);
	cli_plain_say(fp, r->width, NULL, core_buf_str(&b));
	if (!says_ai && r->wm == CORE_WPG1_CONSISTENT)
		cli_plain_say(fp, r->width, NULL, _("[FAIL] The label contradicts the "
		    "letter: it says a person wrote it, but the letter is consistent "
		    "with the service's watermark for AI-written letters. This label "
		    "is false."));
	else if (says_ai && r->wm == CORE_WPG1_NOT_FOUND)
		cli_plain_say(fp, r->width, NULL, _("[!] The label says an AI system "
		    "wrote the letter, but its watermark was not found."));
	cli_plain_say(fp, r->width, NULL, _("A published key lets anyone add or "
	    "remove the mark: \"consistent with the watermark\" is not proof."));
	core_buf_free(&b);
}

/* The provenance label, as the record states it. */
static void
read_label(FILE *fp, struct cli_reading *r)
{
	const struct core_rec_label	*l = &r->rec->label;
	struct core_buf			 b;
	char				 when[96];
	size_t				 i;

	core_buf_init(&b, 65536);
	cli_plain_say(fp, r->width, NULL, _("Provenance label (as the service states it):"));
	cli_plain_say(fp, r->width, _("Automation:"),
	    _(core_record_automation_label(l->automation)));
	if (l->review.present) {
		core_buf_adds(&b, read_text(r, &l->review.reviewer_role));
		if (l->review.reviewed_at.text != NULL) {
			cli_fmt_datetime(read_lang(r), l->review.reviewed_at.text,
			    when, sizeof when);
			core_buf_printf(&b, ", %s", when);
		}
		core_buf_printf(&b, ": %s", l->review.outcome == CORE_REC_REVIEW_UPHELD ?
		    _("upheld") : l->review.outcome == CORE_REC_REVIEW_VARIED ?
		    _("varied") : _("overturned"));
		cli_plain_say(fp, r->width, _("Human review by"), core_buf_str(&b));
	} else
		cli_plain_say(fp, r->width, _("Human review:"), _("none recorded"));
	if (l->system.present) {
		core_buf_reset(&b);
		core_buf_printf(&b, "%s %s", l->system.name != NULL ? l->system.name : "?",
		    l->system.version != NULL ? l->system.version : "");
		cli_plain_say(fp, r->width, _("System:"), core_buf_str(&b));
		cli_plain_say(fp, r->width, _("Provider:"), l->system.provider);
		if (l->system.model_digest != NULL)
			cli_plain_say(fp, r->width, _("Model digest:"), l->system.model_digest);
		if (l->system.attestation != NULL)
			cli_plain_say(fp, r->width, NULL, _("The provider's attestation of the model is "
			    "attached."));
	}
	if (l->impact.present) {
		cli_plain_say(fp, r->width, _("Impact assessment:"), l->impact.url);
		cli_plain_say(fp, r->width, _("Its SHA-256:"), l->impact.sha256);
	}
	if (l->transparency_url != NULL)
		cli_plain_say(fp, r->width, _("Transparency record:"), l->transparency_url);
	cli_print_chain(fp, r->width, r->s, &r->c, r->rec, r->have_v &&
	    core_verdict_overall(&r->v) == CORE_VERDICT_TRUSTED);
	for (i = 0; i < l->nsources; i++)
		cli_plain_say(fp, r->width, _("Data source:"),
		    read_text(r, &l->sources[i].name));
	read_label_letter(fp, r);
	core_buf_free(&b);
}

/* The verdict of the signed record, each check on a line. */
static void
read_verify(FILE *fp, struct cli_reading *r)
{
	enum core_verdict_overall	 o;
	const struct core_check		*c;
	struct core_buf			 b;
	size_t				 i;

	if (r->have_v) {
		o = core_verdict_overall(&r->v);
		/* L10N: followed by a symbol and a verdict, e.g. "[ok] valid and
		 * trusted". */
		fprintf(fp, "%s %s %s\n", _("Verification:"), core_verdict_symbol(o),
		    _(core_verdict_text(o)));
		core_buf_init(&b, 8192);
		for (i = 0; i < r->v.n; i++) {
			c = &r->v.checks[i];
			core_buf_reset(&b);
			if (cli_fmt_check(read_lang(r), c, &b) != CORE_OK)
				continue;
			if (c->result != CORE_CHECK_PASSED && c->detail[0] != '\0')
				core_buf_printf(&b, " (%s)", c->detail);
			cli_plain_say(fp, r->width, core_check_symbol(c->result),
			    core_buf_str(&b));
		}
		core_buf_free(&b);
		return;
	}
	/* Verified when it was fetched; no trust store to check it again. */
	for (o = CORE_VERDICT_TRUSTED; o <= CORE_VERDICT_UNREADABLE; o++) {
		if (r->c.verdict != NULL && strcmp(core_verdict_id(o), r->c.verdict) == 0) {
			fprintf(fp, "%s %s %s\n", _("Verification:"), core_verdict_symbol(o),
			    _(core_verdict_text(o)));
			break;
		}
	}
}

/* The letter, laid out for the reading width, tables linearised. */
static void
read_letter(FILE *fp, struct cli_reading *r)
{
	const struct core_rec_letter	*lt = &r->rec->explanation.letter;
	struct core_html_opts		 o;
	struct core_html_doc		*h = NULL;
	struct core_err			 err;
	const char			*text;

	cli_plain_say(fp, r->width, NULL, _("Letter:"));
	if (!lt->present || (text = read_text(r, &lt->content)) == NULL) {
		cli_plain_say(fp, r->width, NULL, _("The record holds no letter."));
		return;
	}
	memset(&o, 0, sizeof o);
	o.width = r->width;
	o.flags = CORE_HTML_SCREEN_READER | CORE_HTML_MARKS | CORE_HTML_ESCAPES;
	o.tr = read_tr;
	if ((lt->format == CORE_REC_LETTER_HTML ?
	    core_html_render(text, strlen(text), &o, &h, &err) :
	    core_html_render_plain(text, strlen(text), &o, &h, &err)) != CORE_OK)
		cli_report(_("the letter"), &err);
	else
		fputs(core_html_text(h), fp);	/* sanitised by the layout */
	cli_plain_say(fp, r->width, NULL, _("End of the letter."));
	core_html_free(&h);
}

/* How to contest: the deadline, the grounds and the remedies. */
static void
read_contest(FILE *fp, struct cli_reading *r)
{
	const struct core_rec_contest	*c = &r->rec->contest;
	char				 pre[32], when[128];
	size_t				 i;

	cli_plain_say(fp, r->width, NULL, _("How to contest:"));
	if (c->deadline.text != NULL)
		cli_fmt_deadline(read_lang(r), c->deadline.text, when, sizeof when);
	cli_plain_say(fp, r->width, _("Last day to contest:"),
	    c->deadline.text != NULL ? when : NULL);
	if (c->answer_within_days > 0)
		fprintf(fp, P_("The service must answer within %u day.\n",
		    "The service must answer within %u days.\n", c->answer_within_days),
		    c->answer_within_days);
	cli_plain_say(fp, r->width, NULL, _("Grounds you may give:"));
	for (i = 0; i < c->ngrounds; i++) {
		snprintf(pre, sizeof pre, "%zu.", i + 1);
		cli_plain_say(fp, r->width, pre, read_text(r, &c->grounds[i].text));
	}
	cli_plain_say(fp, r->width, NULL, _("Remedies you may ask for:"));
	for (i = 0; i < c->nremedies; i++) {
		snprintf(pre, sizeof pre, "%zu.", i + 1);
		cli_plain_say(fp, r->width, pre, read_text(r, &c->remedies[i].text));
	}
	cli_print_contest(fp, &r->c);
	fprintf(fp, _("To contest: recourse --plain, or recourse contest %s FILE.\n"),
	    r->c.id);
}

void
cli_reading_print(FILE *fp, struct cli_reading *r, unsigned parts)
{
	struct core_buf	b;

	if (r->rec == NULL)
		return;
	core_buf_init(&b, 4096);
	core_buf_printf(&b, "%s ", _("Decision"));
	core_buf_adds(&b, r->rec->id);
	cli_plain_say(fp, r->width, NULL, core_buf_str(&b));
	cli_plain_say(fp, r->width, _("From:"), r->rec->issuer);
	if (parts & CLI_READ_OUTCOME)
		read_outcome(fp, r);
	if (parts & CLI_READ_FACTORS)
		read_factors(fp, r);
	if (parts & CLI_READ_CHANGE)
		read_change(fp, r);
	if (parts & CLI_READ_LABEL)
		read_label(fp, r);
	if (parts & CLI_READ_VERIFY)
		read_verify(fp, r);
	if (parts & CLI_READ_LETTER)
		read_letter(fp, r);
	if (parts & CLI_READ_CONTEST)
		read_contest(fp, r);
	core_buf_free(&b);
}
