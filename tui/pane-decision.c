/*
 * pane-decision.c: the decision: outcome, principal reasons, the factors
 * with a chart of how much each counted (drawn in text, each bar with its
 * figure and its direction in words), what would change the outcome, the
 * method, the letter (core/html.h), rights and the terms of contest.
 *
 * What the record says is shown as it says it.  Checks of the record
 * against itself follow it: the scorecard computed again on this computer
 * and each of its checks, and the smallest changes that would have
 * reached the threshold with the record's own counterfactuals checked
 * against them (core/analysis.h, core_cf_explain(): the same lines as
 * `recourse show` and plain mode).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/html.h"
#include "core/analysis.h"
#include "core/fmt.h"
#include "core/intl.h"
#include "core/reasons.h"
#include "core/record.h"
#include "tui/tui-int.h"

/* A value of a factor in words, figures as the language writes them. */
static void
dec_value(struct tui *t, const struct core_rec_value *v, const char *unit,
    char *out, size_t n)
{
	switch (v->type) {
	case CORE_REC_VALUE_NUMBER:
		tui_fmt_quantity(t, v->num, unit, 0, out, n);
		break;
	case CORE_REC_VALUE_STRING:
		snprintf(out, n, "%s", v->str);
		break;
	case CORE_REC_VALUE_BOOL:
		snprintf(out, n, "%s", v->boolean ? _("yes") : _("no"));
		break;
	default:
		snprintf(out, n, "?");
	}
}

/* Larger contributions first, for or against; equal ones in the record's
 * order (the factors lie in one array). */
static int
dec_factor_cmp(const void *a, const void *b)
{
	const struct core_rec_factor	*fa = *(const struct core_rec_factor *const *)a;
	const struct core_rec_factor	*fb = *(const struct core_rec_factor *const *)b;
	double				 wa = fabs(fa->contribution);
	double				 wb = fabs(fb->contribution);

	if (wa != wb)
		return wa > wb ? -1 : 1;
	return fa < fb ? -1 : fa > fb;
}

/* The factors, with a bar per contribution, the largest first. */
static void
dec_factors(struct tui *t, const struct core_record *r, struct tui_doc *d)
{
	const struct core_rec_explanation	*x = &r->explanation;
	const struct core_rec_factor		*ord[CORE_REC_MAX_FACTORS];
	const char				*unit = x->method.unit != NULL ?
						    x->method.unit : "";
	char					 val[300], bar[400], fig[80];
	double					 max = 0;
	size_t					 i, k, len, cells, n;
	int					 room;

	tui_doc_blank(d);
	tui_doc_add(d, _("Factors and how much each counted"), TUI_R_HEADING, 0,
	    TUI_DOC_ITEM);
	for (i = 0; i < x->nfactors; i++)
		if (fabs(x->factors[i].contribution) > max)
			max = fabs(x->factors[i].contribution);
	room = d->width / 3 < 30 ? d->width / 3 : 30;
	n = x->nfactors < CORE_REC_MAX_FACTORS ? x->nfactors : CORE_REC_MAX_FACTORS;
	for (i = 0; i < n; i++)
		ord[i] = &x->factors[i];
	qsort(ord, n, sizeof ord[0], dec_factor_cmp);
	for (i = 0; i < n; i++) {
		const struct core_rec_factor *f = ord[i];
		enum tui_role role = f->direction == CORE_REC_ADVERSE ? TUI_R_ADVERSE :
		    f->direction == CORE_REC_FAVOURABLE ? TUI_R_FAVOURABLE : TUI_R_NORMAL;

		dec_value(t, &f->value, f->unit, val, sizeof val);
		tui_doc_addf(d, TUI_R_STRONG, 0, TUI_DOC_ITEM, "%s: %s",
		    tui_lang_text(t, &f->name), val);
		len = 0;
		bar[0] = '\0';
		cells = max > 0 && room > 0 ?
		    (size_t)lround(fabs(f->contribution) / max * room) : 0;
		if (!t->env->screen_reader) {
			for (k = 0; k < cells && len + 4 < sizeof bar; k++) {
				const char *g = !t->utf8 ? "#" :
				    f->direction == CORE_REC_ADVERSE ? "\u2593" : "\u2591";

				memcpy(bar + len, g, strlen(g));
				len += strlen(g);
			}
			bar[len] = '\0';
		}
		core_fmt_number(tui_fmt_locale(t), f->contribution, 4, CORE_FMT_SIGN,
		    fig, sizeof fig);
		tui_doc_addf(d, role, 2, 0, "%s%s%s %s, %s", bar, len > 0 ? " " : "",
		    fig, unit, _(core_record_direction_label(f->direction)));
		if (f->description.n > 0)
			tui_doc_add(d, tui_lang_text(t, &f->description), TUI_R_DIM, 2, 0);
	}
}

/* The scorecard computed again on this computer (core/analysis.h): the
 * score, whether the outcome follows, and each check in words. */
static void
dec_scorecard(struct tui *t, const struct core_record *r, struct tui_doc *d)
{
	struct core_verdict		 v;
	struct core_scorecard_result	*sc;
	char				 score[64], stated[64], thr[64];

	if ((sc = calloc(1, sizeof *sc)) == NULL)
		abort();
	core_verdict_init(&v);
	if (core_scorecard_check(r, sc, &v) != CORE_OK || !sc->applicable)
		goto out;
	tui_doc_blank(d);
	tui_doc_add(d, _("The scorecard computed again on this computer"),
	    TUI_R_HEADING, 0, TUI_DOC_ITEM);
	/* L10N: the score computed again, the score the record states, the
	 * threshold. */
	core_fmt_number(tui_fmt_locale(t), sc->score, 6, 0, score, sizeof score);
	core_fmt_number(tui_fmt_locale(t), sc->stated, 6, 0, stated, sizeof stated);
	core_fmt_number(tui_fmt_locale(t), sc->threshold, 6, 0, thr, sizeof thr);
	tui_doc_addf(d, sc->score_matches && sc->outcome_follows ? TUI_R_OK :
	    TUI_R_FAIL, 2, TUI_DOC_ITEM, _("%s Score %s (the record states %s; "
	    "the threshold is %s): %s"),
	    sc->score_matches && sc->outcome_follows ? "[ok]" : "[FAIL]",
	    score, stated, thr, sc->outcome_follows ?
	    _("the outcome follows from it.") :
	    _("the outcome does not follow from it."));
	tui_checks_doc(t, &v, d);
out:
	free(sc);
}

/* Translate the words core adds. */
static const char *
dec_tr(const char *msgid)
{
	return _(msgid);
}

/* Where the lines of core_cf_explain() go. */
struct dec_cf {
	struct tui_doc	*d;
	int		 flags;		/* 0: the sets and notes; 1: the verdict
					   on the record's own */
};

/* One line of what would change the outcome, with its symbol. */
static void
dec_cf_line(void *arg, enum core_cf_line kind, const char *text)
{
	struct dec_cf	*c = arg;
	int		 flag = kind == CORE_CF_L_AGREE || kind == CORE_CF_L_FLAG;

	if (flag != c->flags)
		return;
	if (!flag)
		tui_doc_add(c->d, text, kind == CORE_CF_L_SET ? TUI_R_NORMAL :
		    TUI_R_DIM, 4, TUI_DOC_ITEM);
	else
		tui_doc_addf(c->d, kind == CORE_CF_L_FLAG ? TUI_R_WARN : TUI_R_OK,
		    2, TUI_DOC_ITEM, "%s %s", core_cf_line_symbol(kind), text);
}

/* Counterfactuals: what would have changed the outcome, computed from the
 * scorecard (the same lines as `recourse show`), then as the record states
 * it, then where the two disagree. */
static void
dec_counterfactuals(struct tui *t, const struct core_record *r, struct tui_doc *d)
{
	const struct core_rec_explanation	*x = &r->explanation;
	struct core_cf_result			*cf = NULL;
	struct dec_cf				 c;
	char					 val[300], line[1200];
	size_t					 i, k, len;

	tui_doc_blank(d);
	tui_doc_add(d, _("What would change the outcome"), TUI_R_HEADING, 0,
	    TUI_DOC_ITEM);
	if (core_counterfactual_search(r, &cf) != CORE_OK)
		cf = NULL;
	c.d = d;
	c.flags = 0;
	if (cf != NULL) {
		tui_doc_add(d, _("Computed on this computer from the scorecard:"),
		    TUI_R_STRONG, 2, TUI_DOC_ITEM);
		(void)core_cf_explain(r, cf, dec_tr, t->env->langs,
		    t->env->nlangs, dec_cf_line, &c);
	}
	tui_doc_add(d, _("As the record states it:"), TUI_R_STRONG, 2,
	    TUI_DOC_ITEM);
	if (x->ncounterfactuals == 0)
		tui_doc_add(d, _("The record does not say what would change the outcome."),
		    TUI_R_DIM, 4, TUI_DOC_ITEM);
	for (i = 0; i < x->ncounterfactuals; i++) {
		const struct core_rec_counterfactual *cr = &x->counterfactuals[i];

		len = 0;
		line[0] = '\0';
		for (k = 0; k < cr->nchanges; k++) {
			const struct core_rec_factor *f =
			    cr->changes[k].factor_index != CORE_REC_NONE ?
			    &x->factors[cr->changes[k].factor_index] : NULL;

			dec_value(t, &cr->changes[k].value, f != NULL ? f->unit : NULL, val,
			    sizeof val);
			len += (size_t)snprintf(line + len, len < sizeof line ?
			    sizeof line - len : 0, "%s%s %s", k > 0 ? "; " : "",
			    f != NULL ? tui_lang_text(t, &f->name) : cr->changes[k].factor,
			    val);
			if (len >= sizeof line)
				break;
		}
		/* L10N: the number of a counterfactual in the record, then
		 * "If income were 41000 GBP: approved". */
		tui_doc_addf(d, TUI_R_NORMAL, 4, TUI_DOC_ITEM, _("%zu. If %s: %s"),
		    i + 1, line, _(core_record_outcome_label(cr->outcome)));
		if (cr->text.n > 0)
			tui_doc_add(d, tui_lang_text(t, &cr->text), TUI_R_DIM, 7, 0);
	}
	if (cf != NULL) {
		c.flags = 1;
		(void)core_cf_explain(r, cf, dec_tr, t->env->langs,
		    t->env->nlangs, dec_cf_line, &c);
		core_cf_free(&cf);
	}
	dec_scorecard(t, r, d);
}

/* The method in a few lines. */
static void
dec_method(struct tui *t, const struct core_record *r, struct tui_doc *d)
{
	const struct core_rec_method	*m = &r->explanation.method;
	char				 score[64], thr[64];
	size_t				 i;

	tui_doc_blank(d);
	tui_doc_addf(d, TUI_R_HEADING, 0, TUI_DOC_ITEM, _("Method: %s"),
	    core_record_method_name(m->type));
	if (m->description.n > 0)
		tui_doc_add(d, tui_lang_text(t, &m->description), TUI_R_NORMAL, 2, 0);
	if (m->type == CORE_REC_METHOD_SCORECARD) {
		core_fmt_number(tui_fmt_locale(t), m->scorecard.score, 6, 0,
		    score, sizeof score);
		core_fmt_number(tui_fmt_locale(t), m->scorecard.threshold, 6, 0,
		    thr, sizeof thr);
		/* L10N: the score, its unit (may be empty), the threshold. */
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM,
		    _("Score %s %s; the outcome sought needed %s."),
		    score, m->unit != NULL ? m->unit : "", thr);
	}
	for (i = 0; m->type == CORE_REC_METHOD_RULES && i < m->nrules; i++)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM, "%s %s",
		    m->rules[i].fired ? _("[fired]") : _("[not fired]"),
		    tui_lang_text(t, &m->rules[i].text));
	if (m->type == CORE_REC_METHOD_MODEL_ATTRIBUTION)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM,
		    _("%s: %.10g from a baseline of %.10g."),
		    tui_lang_text(t, &m->attribution.output_name),
		    m->attribution.output, m->attribution.baseline);
}

/* The letter, laid out for the pane. */
static void
dec_letter(struct tui *t, const struct core_record *r, struct tui_doc *d)
{
	const struct core_rec_letter	*lt = &r->explanation.letter;
	struct core_html_opts		 o;
	struct core_html_doc		*h = NULL;
	struct core_err			 err;
	const char			*text;
	char				*line;
	size_t				 i, n;

	if (!lt->present)
		return;
	tui_doc_blank(d);
	tui_doc_add(d, lt->ai_generated ? _("Letter (the label says AI wrote it)") :
	    _("Letter"), TUI_R_HEADING, 0, TUI_DOC_ITEM);
	memset(&o, 0, sizeof o);
	o.width = d->width - 2 >= 10 ? (size_t)d->width - 2 : 10;
	o.flags = t->env->screen_reader ? CORE_HTML_SCREEN_READER : 0;
	o.tr = dec_tr;
	text = tui_lang_text(t, &lt->content);
	if ((lt->format == CORE_REC_LETTER_HTML ?
	    core_html_render(text, strlen(text), &o, &h, &err) :
	    core_html_render_plain(text, strlen(text), &o, &h, &err)) != CORE_OK) {
		tui_doc_addf(d, TUI_R_WARN, 2, TUI_DOC_ITEM,
		    _("[!] The letter cannot be shown: %s."), _(core_strerror(err.code)));
		return;
	}
	for (i = 0; i < h->nlines; i++) {
		n = h->lines[i].len;
		if ((line = strndup(core_html_line_text(h, i), n)) == NULL)
			break;
		tui_doc_add(d, line, h->lines[i].kind == CORE_HTML_L_HEADING ?
		    TUI_R_HEADING : TUI_R_NORMAL, 2,
		    h->lines[i].kind == CORE_HTML_L_BLANK ? 0 : TUI_DOC_ITEM);
		free(line);
	}
	core_html_free(&h);
}

/* A principal reason in the person's language (core_reason_text()). */
static const char *
dec_reason(struct tui *t, const struct core_rec_reason *x)
{
	const char	*s = core_reason_text(x, dec_tr, t->env->langs,
			    t->env->nlangs);

	return s != NULL ? s : "";
}

/* The whole decision. */
static void
dec_build(struct tui *t, struct tui_pane *p, struct tui_doc *d)
{
	const struct core_record	*r = t->cur.rec;
	const char			*sym, *words;
	char				 days[80], when[80];
	size_t				 i;

	if (!t->cur.have) {
		tui_doc_add(d, _("No case is open. Choose one in Cases and press "
		    "Enter, or press o to open a decision from its letter."),
		    TUI_R_NORMAL, 0, TUI_DOC_ITEM);
		return;
	}
	words = tui_verdict_words(t->cur.c.verdict, &sym);
	if (t->cur.have_v && core_verdict_overall(&t->cur.v) != CORE_VERDICT_TRUSTED) {
		sym = core_verdict_symbol(core_verdict_overall(&t->cur.v));
		words = _(core_verdict_text(core_verdict_overall(&t->cur.v)));
		tui_doc_addf(d, TUI_R_FAIL, 0, TUI_DOC_ITEM, _("%s This record is %s: "
		    "nothing in it is shown as verified. See Verification (v)."),
		    sym, words);
	}
	if (r == NULL) {
		tui_doc_add(d, t->cur.problem, TUI_R_WARN, 0, TUI_DOC_ITEM);
		return;
	}
	tui_doc_addf(d, TUI_R_HEADING, 0, TUI_DOC_ITEM, "%s: %s",
	    _(core_record_outcome_label(r->outcome.code)),
	    tui_lang_text(t, &r->outcome.summary));
	tui_fmt_date(t, r->issued_at.text, when, sizeof when);
	tui_doc_addf(d, TUI_R_NORMAL, 0, TUI_DOC_ITEM, _("Decision %s, issued %s by %s."),
	    r->id, when, r->issuer);
	if (r->supersedes != NULL)
		tui_doc_addf(d, TUI_R_WARN, 0, TUI_DOC_ITEM,
		    _("[!] Version %u: this record replaces %s. Why: %s"), r->version,
		    r->supersedes, tui_lang_text(t, &r->supersedes_reason));
	for (i = 0; i < r->outcome.namounts; i++) {
		const struct core_rec_amount *a = &r->outcome.amounts[i];

		char amt[160], was[160];

		tui_fmt_quantity(t, a->after, a->unit, 0, amt, sizeof amt);
		tui_fmt_quantity(t, a->before, a->unit, 0, was, sizeof was);
		if (a->has_before)
			/* L10N: an amount of the decision and what it was:
			 * "Weekly benefit: £84 a week, was £112 a week". */
			tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM, _("%s: %s, was %s"),
			    tui_lang_text(t, &a->label), amt, was);
		else
			tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM, "%s: %s",
			    tui_lang_text(t, &a->label), amt);
	}
	tui_model_days(r->contest.deadline.text, days, sizeof days);
	tui_fmt_date(t, r->contest.deadline.text, when, sizeof when);
	tui_doc_addf(d, TUI_R_NORMAL, 0, TUI_DOC_ITEM, _("Contest by %s (%s); %s."),
	    r->contest.deadline.text != NULL ? when : "?", days,
	    tui_contest_words(t->cur.c.contest_status));
	tui_doc_blank(d);
	tui_doc_add(d, _("Principal reasons"), TUI_R_HEADING, 0, TUI_DOC_ITEM);
	for (i = 0; i < r->explanation.nreasons; i++)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM, "%zu. %s", i + 1,
		    dec_reason(t, &r->explanation.reasons[i]));
	dec_factors(t, r, d);
	dec_counterfactuals(t, r, d);
	dec_method(t, r, d);
	dec_letter(t, r, d);
	tui_doc_blank(d);
	tui_doc_add(d, _("Your rights"), TUI_R_HEADING, 0, TUI_DOC_ITEM);
	for (i = 0; i < r->nrights; i++)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM, "%s %s: %s",
		    r->rights[i].instrument, r->rights[i].provision,
		    tui_lang_text(t, &r->rights[i].text));
	for (i = 0; i < r->nlegal_basis; i++)
		tui_doc_addf(d, TUI_R_DIM, 2, TUI_DOC_ITEM, _("Legal basis: %s %s: %s"),
		    r->legal_basis[i].instrument, r->legal_basis[i].provision,
		    tui_lang_text(t, &r->legal_basis[i].text));
}

const struct tui_pane_ops tui_pane_decision_ops = {
	.title = N_("Decision"),
	.build = dec_build,
	.draw = tui_docpane_draw,
	.key = tui_docpane_key,
	.resize = tui_docpane_resize,
	.focus = tui_docpane_focus,
	.free = tui_docpane_free,
};
