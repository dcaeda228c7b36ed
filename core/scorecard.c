/*
 * scorecard.c: the score of a points scorecard computed again from the
 * record's table and values, and whether the outcome follows from it.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/analysis.h"
#include "core/intl.h"

/* Scores are sums of a few hundred table entries: compare them with a
 * tolerance that forgives rounding but not a changed point. */
#define SC_EPS	1e-6

/* Is a equal to b, as values of a factor? */
static int
sc_value_eq(const struct core_rec_value *a, const struct core_rec_value *b)
{
	if (a->type != b->type)
		return 0;
	switch (a->type) {
	case CORE_REC_VALUE_NUMBER:
		return a->num == b->num;
	case CORE_REC_VALUE_STRING:
		return a->str != NULL && b->str != NULL &&
		    strcmp(a->str, b->str) == 0;
	case CORE_REC_VALUE_BOOL:
		return a->boolean == b->boolean;
	}
	return 0;
}

/* Does value fall in bin? */
static int
sc_in_bin(const struct core_rec_bin *bin, const struct core_rec_value *value)
{
	size_t	i;

	if (bin->categorical) {
		for (i = 0; i < bin->nvalues; i++)
			if (sc_value_eq(&bin->values[i], value))
				return 1;
		return 0;
	}
	if (value->type != CORE_REC_VALUE_NUMBER)
		return 0;
	if (bin->has_min && value->num < bin->min)
		return 0;
	if (bin->has_max && !(value->num < bin->max))
		return 0;
	return 1;
}

size_t
core_scorecard_bin(const struct core_rec_row *row,
    const struct core_rec_value *value, size_t *nmatch)
{
	size_t	i, first = CORE_REC_NONE, n = 0;

	for (i = 0; i < row->nbins; i++) {
		if (!sc_in_bin(&row->bins[i], value))
			continue;
		if (first == CORE_REC_NONE)
			first = i;
		n++;
	}
	if (nmatch != NULL)
		*nmatch = n;
	return first;
}

/* A number as people read it: no exponent, no trailing zeros. */
static void
sc_num(char *buf, size_t len, double x)
{
	char	*p;

	if (fabs(x) < 1e15 && x == floor(x))
		snprintf(buf, len, "%.0f", x);
	else {
		snprintf(buf, len, "%.6f", x);
		if (strchr(buf, '.') != NULL) {
			p = buf + strlen(buf) - 1;
			while (*p == '0')
				*p-- = '\0';
			if (*p == '.')
				*p = '\0';
		}
	}
}

/* A factor's value as text, for a message. */
static void
sc_value_text(char *buf, size_t len, const struct core_rec_value *v)
{
	switch (v->type) {
	case CORE_REC_VALUE_NUMBER:
		sc_num(buf, len, v->num);
		break;
	case CORE_REC_VALUE_STRING:
		snprintf(buf, len, "%s", v->str != NULL ? v->str : "");
		break;
	case CORE_REC_VALUE_BOOL:
		snprintf(buf, len, "%s", v->boolean ? "true" : "false");
		break;
	default:
		buf[0] = '\0';
	}
}

/* A favourable outcome: what the scorecard's threshold grants. */
static int
sc_favourable(const struct core_record *r)
{
	return !r->outcome.adverse &&
	    (r->outcome.code == CORE_REC_OUTCOME_APPROVED ||
	    r->outcome.code == CORE_REC_OUTCOME_APPROVED_WITH_CONDITIONS);
}

/* Add the check on the bands: the first row whose value falls in no bin,
 * or in more than one. */
static void
sc_check_bands(const struct core_record *r,
    const struct core_scorecard_result *res, struct core_verdict *v)
{
	const struct core_sc_line	*l;
	const struct core_rec_factor	*f;
	char				 val[64];
	size_t				 i;

	for (i = 0; i < res->nlines; i++) {
		l = &res->lines[i];
		if (l->nmatch == 1)
			continue;
		f = &r->explanation.factors[l->factor_index];
		sc_value_text(val, sizeof val, &f->value);
		if (l->nmatch == 0)
			core_verdict_add(v, "scorecard.bands",
			    CORE_CHECK_INTEGRITY, CORE_CHECK_FAILED, NULL,
			    /* L10N: %1$s is a value, %2$s a factor's id. */
			    N_("The value %1$s of %2$s falls in no band of the "
			    "scorecard, so the score cannot be computed from "
			    "the table."), val, f->id, NULL);
		else
			core_verdict_add(v, "scorecard.bands",
			    CORE_CHECK_INTEGRITY, CORE_CHECK_FAILED, NULL,
			    N_("The value %1$s of %2$s falls in more than one "
			    "band of the scorecard, so its points are "
			    "ambiguous."), val, f->id, NULL);
		return;
	}
	core_verdict_add(v, "scorecard.bands", CORE_CHECK_INTEGRITY,
	    CORE_CHECK_PASSED, NULL,
	    N_("Every value falls in exactly one band of the scorecard."),
	    NULL);
}

/* Add the checks on the score and the outcome. */
static void
sc_check_score(const struct core_record *r,
    const struct core_scorecard_result *res, struct core_verdict *v)
{
	char	 computed[64], stated[64], thr[64];
	int	 fav = sc_favourable(r);

	sc_num(computed, sizeof computed, res->score);
	sc_num(stated, sizeof stated, res->stated);
	sc_num(thr, sizeof thr, res->threshold);
	if (!res->complete)
		core_verdict_add(v, "scorecard.score", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_NOT_CHECKED, NULL,
		    N_("The score could not be computed again, because a "
		    "value falls in no single band."), NULL);
	else if (res->score_matches)
		core_verdict_add(v, "scorecard.score", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    /* L10N: %1$s is a score. */
		    N_("The scorecard and your values add up to %1$s, the "
		    "score the record states."), computed, NULL);
	else
		core_verdict_add(v, "scorecard.score", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, NULL,
		    /* L10N: %1$s is the score stated, %2$s the score
		     * computed. */
		    N_("The record states a score of %1$s, but its scorecard "
		    "and your values add up to %2$s."), stated, computed, NULL);

	if (!res->complete)
		core_verdict_add(v, "scorecard.outcome", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_NOT_CHECKED, NULL,
		    N_("Whether the outcome follows from the score could not "
		    "be checked."), NULL);
	else if (res->outcome_follows && res->reached)
		core_verdict_add(v, "scorecard.outcome", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    /* L10N: %1$s is the score, %2$s the threshold. */
		    N_("A score of %1$s reaches the threshold of %2$s, and "
		    "the outcome agrees."), computed, thr, NULL);
	else if (res->outcome_follows)
		core_verdict_add(v, "scorecard.outcome", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    N_("A score of %1$s is below the threshold of %2$s, and "
		    "the outcome agrees."), computed, thr, NULL);
	else if (res->reached && !fav)
		core_verdict_add(v, "scorecard.outcome", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, NULL,
		    N_("A score of %1$s reaches the threshold of %2$s, yet "
		    "the outcome is not the one the threshold grants."),
		    computed, thr, NULL);
	else
		core_verdict_add(v, "scorecard.outcome", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, NULL,
		    N_("A score of %1$s is below the threshold of %2$s, yet "
		    "the outcome is the one the threshold grants."),
		    computed, thr, NULL);
}

/* Add the check on the factors' contributions. */
static void
sc_check_contrib(const struct core_record *r,
    const struct core_scorecard_result *res, struct core_verdict *v)
{
	const struct core_sc_line	*l;
	const struct core_rec_factor	*f;
	char				 want[64], got[64];
	size_t				 i;

	for (i = 0; i < res->nlines; i++) {
		l = &res->lines[i];
		f = &r->explanation.factors[l->factor_index];
		if (l->nmatch == 0 ||
		    fabs(f->contribution - (l->points - l->best)) <= SC_EPS)
			continue;
		sc_num(got, sizeof got, f->contribution);
		sc_num(want, sizeof want, l->points - l->best);
		core_verdict_add(v, "scorecard.contributions",
		    CORE_CHECK_INTEGRITY, CORE_CHECK_WARNING, NULL,
		    /* L10N: %1$s is a factor's id, %2$s and %3$s are
		     * numbers of points. */
		    N_("The record says %1$s counted %2$s points, but by the "
		    "scorecard it counted %3$s (its points less the best of "
		    "its row)."), f->id, got, want, NULL);
		return;
	}
	core_verdict_add(v, "scorecard.contributions", CORE_CHECK_INTEGRITY,
	    CORE_CHECK_PASSED, NULL,
	    N_("How much each factor counted agrees with the scorecard."),
	    NULL);
}

enum core_code
core_scorecard_check(const struct core_record *r,
    struct core_scorecard_result *res, struct core_verdict *v)
{
	const struct core_rec_scorecard	*sc;
	const struct core_rec_row	*row;
	struct core_sc_line		*l;
	enum core_code			 rc = CORE_OK;
	size_t				 i, j;
	int				 fav;

	if (r == NULL || res == NULL) {
		rc = CORE_E_ARG;
		goto out;
	}
	memset(res, 0, sizeof *res);
	if (r->explanation.method.type != CORE_REC_METHOD_SCORECARD)
		goto out;
	sc = &r->explanation.method.scorecard;
	res->applicable = 1;
	res->complete = 1;
	res->stated = sc->score;
	res->threshold = sc->threshold;
	res->score = sc->base_points;
	for (i = 0; i < sc->nrows && i < CORE_REC_MAX_FACTORS; i++) {
		row = &sc->rows[i];
		l = &res->lines[res->nlines++];
		l->factor_index = row->factor_index;
		l->bin = core_scorecard_bin(row,
		    &r->explanation.factors[row->factor_index].value,
		    &l->nmatch);
		for (j = 0; j < row->nbins; j++)
			if (j == 0 || row->bins[j].points > l->best)
				l->best = row->bins[j].points;
		if (l->bin != CORE_REC_NONE)
			l->points = row->bins[l->bin].points;
		if (l->nmatch != 1)
			res->complete = 0;
		res->score += l->points;
		if (l->nmatch != 0 && fabs(r->explanation.factors[
		    row->factor_index].contribution - (l->points - l->best)) >
		    SC_EPS)
			res->ncontrib_wrong++;
	}
	res->reached = res->score >= res->threshold - SC_EPS * 1e-3;
	res->score_matches = fabs(res->score - res->stated) <= SC_EPS;
	fav = sc_favourable(r);
	res->outcome_follows = res->reached ? fav : !fav;
	if (v != NULL) {
		sc_check_bands(r, res, v);
		sc_check_score(r, res, v);
		sc_check_contrib(r, res, v);
	}
out:
	return rc;
}
