/*
 * counterfactual.c: what would have changed the outcome of a points
 * scorecard, and the record's own counterfactuals checked against it.
 *
 * A scorecard scores each factor by the bin its value falls in, so the
 * only changes worth making to a factor are moves into another bin, and of
 * those only the nearest value of each bin matters.  Each actionable factor
 * gets its options (a value, the points it gains, its size: the distance
 * over the width of the feasible range, or 1 for a category), less those a
 * smaller option beats; the search then tries sets of one factor, then
 * two, ..., and for each set of factors the cheapest choice of options
 * whose gains cover the points missing, pruning a branch as soon as the
 * best gains left cannot cover them.  The first size of set that works
 * gives the answer.  Work is bounded by CORE_CF_MAX_WORK.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/analysis.h"
#include "core/intl.h"

#define CF_EPS		1e-9
#define CF_MAX_OPTS	(2 * CORE_REC_MAX_BINS + 2)

/* One way to change a factor. */
struct cf_opt {
	struct core_rec_value	 to;
	enum core_cf_bound	 bound;
	double			 gain;
	double			 size;
};

/* An actionable factor with its options, best gain first known. */
struct cf_fac {
	size_t		 factor_index;
	size_t		 row;
	struct cf_opt	 opts[CF_MAX_OPTS];
	size_t		 nopts;
	double		 maxgain;
};

/* The state of one search. */
struct cf_search {
	struct cf_fac	*facs;
	size_t		 nfacs;
	double		 need;		/* points missing */
	unsigned long	 work;
	int		 truncated;
	size_t		 pick[CORE_REC_MAX_CHANGES];	/* factors of the set */
	size_t		 cur[CORE_REC_MAX_CHANGES];	/* option of each */
	size_t		 best[CORE_REC_MAX_CHANGES];
	double		 best_size;
	int		 found;
};

void
core_cf_free(struct core_cf_result **res)
{
	if (res == NULL || *res == NULL)
		return;
	core_free(*res);
	*res = NULL;
}

/* The row of the scorecard that scores factor fi, or CORE_REC_NONE. */
static size_t
cf_row_of(const struct core_rec_scorecard *sc, size_t fi)
{
	size_t	i;

	for (i = 0; i < sc->nrows; i++)
		if (sc->rows[i].factor_index == fi)
			return i;
	return CORE_REC_NONE;
}

/* Points of value in row (0 when it falls in no bin). */
static double
cf_points(const struct core_rec_row *row, const struct core_rec_value *value)
{
	size_t	b = core_scorecard_bin(row, value, NULL);

	return b == CORE_REC_NONE ? 0 : row->bins[b].points;
}

/* The width against which a numeric change is measured. */
static double
cf_width(const struct core_rec_factor *f)
{
	const struct core_rec_range	*fr = &f->feasible;
	double				 lo, hi;
	size_t				 i;

	if (fr->kind == CORE_REC_RANGE_NUMERIC && fr->has_min && fr->has_max &&
	    fr->max > fr->min)
		return fr->max - fr->min;
	if (fr->kind == CORE_REC_RANGE_VALUES && fr->nvalues > 1) {
		lo = hi = NAN;
		for (i = 0; i < fr->nvalues; i++) {
			if (fr->values[i].type != CORE_REC_VALUE_NUMBER)
				continue;
			if (isnan(lo) || fr->values[i].num < lo)
				lo = fr->values[i].num;
			if (isnan(hi) || fr->values[i].num > hi)
				hi = fr->values[i].num;
		}
		if (!isnan(lo) && hi > lo)
			return hi - lo;
	}
	return fabs(f->value.num) > 1 ? fabs(f->value.num) : 1;
}

/* Add an option to fac unless it gains nothing. */
static void
cf_add_opt(struct cf_fac *fac, const struct core_rec_value *to,
    enum core_cf_bound bound, double gain, double size)
{
	struct cf_opt	*o;

	if (gain <= CF_EPS || fac->nopts >= CF_MAX_OPTS)
		return;
	o = &fac->opts[fac->nopts++];
	o->to = *to;
	o->bound = bound;
	o->gain = gain;
	o->size = size;
}

/* Does every bin of row that meets [lo, hi] (hi itself left out when
 * open) score at least pts, so that "t or less" or "t or more" holds over
 * the whole of that span? */
static int
cf_monotone(const struct core_rec_row *row, double lo, double hi, int open,
    double pts)
{
	const struct core_rec_bin	*b;
	double				 blo, bhi;
	size_t				 i;

	for (i = 0; i < row->nbins; i++) {
		b = &row->bins[i];
		if (b->categorical || b->points >= pts)
			continue;
		blo = b->has_min ? b->min : -HUGE_VAL;
		bhi = b->has_max ? b->max : HUGE_VAL;
		if (bhi > lo && (open ? blo < hi : blo <= hi))
			return 0;
	}
	return 1;
}

/* The options of a numeric factor with a numeric (or absent) range: the
 * nearest feasible value of each other bin. */
static void
cf_numeric_opts(const struct core_rec_factor *f, const struct core_rec_row *row,
    struct cf_fac *fac)
{
	const struct core_rec_range	*fr = &f->feasible;
	const struct core_rec_bin	*b;
	struct core_rec_value		 to;
	double				 x = f->value.num, lo, hi, fmin, fmax;
	double				 a, t, cur, w = cf_width(f);
	int				 has_step, strict;
	size_t				 i;
	enum core_cf_bound		 bound;

	fmin = fr->kind == CORE_REC_RANGE_NUMERIC && fr->has_min ? fr->min :
	    -HUGE_VAL;
	fmax = fr->kind == CORE_REC_RANGE_NUMERIC && fr->has_max ? fr->max :
	    HUGE_VAL;
	has_step = fr->kind == CORE_REC_RANGE_NUMERIC && fr->has_step;
	a = fr->has_min ? fr->min : 0;
	cur = cf_points(row, &f->value);
	for (i = 0; i < row->nbins; i++) {
		b = &row->bins[i];
		if (b->categorical)
			continue;
		lo = b->has_min ? b->min : -HUGE_VAL;
		hi = b->has_max ? b->max : HUGE_VAL;
		if (x >= lo && x < hi)
			continue;	/* the bin it is in */
		strict = 0;
		if (x < lo) {
			/* Up to the bin's lower bound. */
			t = lo > fmin ? lo : fmin;
			if (has_step)
				t = a + ceil((t - a) / fr->step - CF_EPS) *
				    fr->step;
			if (!(t < hi) || t > fmax)
				continue;
			bound = cf_monotone(row, t, fmax, 0, b->points) ?
			    CORE_CF_AT_LEAST : CORE_CF_EXACT;
		} else {
			/* Down below the bin's upper bound. */
			if (has_step) {
				t = a + (ceil((hi - a) / fr->step - CF_EPS) - 1) *
				    fr->step;
				if (t > fmax)
					t = a + floor((fmax - a) / fr->step +
					    CF_EPS) * fr->step;
			} else if (fmax < hi)
				t = fmax;
			else {
				t = hi;
				strict = 1;
			}
			if (strict ? !(lo < hi && fmin < hi) :
			    (t < lo || t < fmin || !(t < hi)))
				continue;
			if (strict)
				bound = cf_monotone(row, fmin, hi, 1,
				    b->points) ? CORE_CF_BELOW : CORE_CF_EXACT;
			else
				bound = cf_monotone(row, fmin, t, 0,
				    b->points) ? CORE_CF_AT_MOST : CORE_CF_EXACT;
			if (strict && bound == CORE_CF_EXACT)
				continue;	/* no value to name */
		}
		memset(&to, 0, sizeof to);
		to.type = CORE_REC_VALUE_NUMBER;
		to.num = t;
		to.is_integer = t == floor(t);
		cf_add_opt(fac, &to, bound, b->points - cur, fabs(t - x) / w);
	}
}

/* Is v one of the record's feasible values of f (or has f none)? */
static int
cf_feasible(const struct core_rec_factor *f, const struct core_rec_value *v)
{
	const struct core_rec_range	*fr = &f->feasible;
	size_t				 i;

	switch (fr->kind) {
	case CORE_REC_RANGE_NONE:
		return 1;
	case CORE_REC_RANGE_NUMERIC:
		if (v->type != CORE_REC_VALUE_NUMBER)
			return 0;
		if ((fr->has_min && v->num < fr->min - CF_EPS) ||
		    (fr->has_max && v->num > fr->max + CF_EPS))
			return 0;
		return 1;
	case CORE_REC_RANGE_VALUES:
		for (i = 0; i < fr->nvalues; i++) {
			const struct core_rec_value *w = &fr->values[i];

			if (w->type != v->type)
				continue;
			if ((v->type == CORE_REC_VALUE_NUMBER &&
			    w->num == v->num) ||
			    (v->type == CORE_REC_VALUE_STRING &&
			    strcmp(w->str, v->str) == 0) ||
			    (v->type == CORE_REC_VALUE_BOOL &&
			    w->boolean == v->boolean))
				return 1;
		}
		return 0;
	}
	return 0;
}

/* Are two values the same? */
static int
cf_same(const struct core_rec_value *a, const struct core_rec_value *b)
{
	if (a->type != b->type)
		return 0;
	if (a->type == CORE_REC_VALUE_NUMBER)
		return a->num == b->num;
	if (a->type == CORE_REC_VALUE_STRING)
		return strcmp(a->str, b->str) == 0;
	return a->boolean == b->boolean;
}

/* The options of a factor whose values are listed: the feasible values,
 * else those the row's bins name. */
static void
cf_listed_opts(const struct core_rec_factor *f, const struct core_rec_row *row,
    struct cf_fac *fac)
{
	const struct core_rec_range	*fr = &f->feasible;
	const struct core_rec_value	*cand;
	double				 cur = cf_points(row, &f->value), size;
	size_t				 i, j;

	if (fr->kind == CORE_REC_RANGE_VALUES) {
		for (i = 0; i < fr->nvalues; i++) {
			cand = &fr->values[i];
			if (cf_same(cand, &f->value))
				continue;
			size = cand->type == CORE_REC_VALUE_NUMBER &&
			    f->value.type == CORE_REC_VALUE_NUMBER ?
			    fabs(cand->num - f->value.num) / cf_width(f) : 1;
			cf_add_opt(fac, cand, CORE_CF_EXACT,
			    cf_points(row, cand) - cur, size);
		}
		return;
	}
	for (i = 0; i < row->nbins; i++) {
		if (!row->bins[i].categorical)
			continue;
		for (j = 0; j < row->bins[i].nvalues; j++) {
			cand = &row->bins[i].values[j];
			if (cf_same(cand, &f->value) || !cf_feasible(f, cand))
				continue;
			cf_add_opt(fac, cand, CORE_CF_EXACT,
			    cf_points(row, cand) - cur, 1);
		}
	}
}

/* Order options by size, then by gain, the larger first. */
static int
cf_opt_cmp(const void *a, const void *b)
{
	const struct cf_opt	*x = a, *y = b;

	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	if (x->gain != y->gain)
		return x->gain > y->gain ? -1 : 1;
	return 0;
}

/* Keep only the options no smaller one beats. */
static void
cf_prune(struct cf_fac *fac)
{
	size_t	i, n = 0;
	double	best = 0;

	qsort(fac->opts, fac->nopts, sizeof fac->opts[0], cf_opt_cmp);
	for (i = 0; i < fac->nopts; i++) {
		if (fac->opts[i].gain <= best + CF_EPS)
			continue;
		best = fac->opts[i].gain;
		fac->opts[n++] = fac->opts[i];
	}
	fac->nopts = n;
	fac->maxgain = best;
}

/* Choose options for pick[d..k) given gain and size so far; keep the
 * cheapest choice that covers s->need. */
static void
cf_choose(struct cf_search *s, size_t d, size_t k, double gain, double size,
    const double *rest)
{
	const struct cf_fac	*fac;
	size_t			 i;

	if (s->work++ >= CORE_CF_MAX_WORK) {
		s->truncated = 1;
		return;
	}
	if (d == k) {
		if (gain + CF_EPS >= s->need && (!s->found ||
		    size < s->best_size - CF_EPS)) {
			s->found = 1;
			s->best_size = size;
			memcpy(s->best, s->cur, sizeof s->best);
		}
		return;
	}
	if (gain + rest[d] + CF_EPS < s->need)
		return;
	fac = &s->facs[s->pick[d]];
	for (i = 0; i < fac->nopts && !s->truncated; i++) {
		if (s->found && size + fac->opts[i].size >= s->best_size - CF_EPS)
			break;	/* sorted by size: the rest cost more */
		s->cur[d] = i;
		cf_choose(s, d + 1, k, gain + fac->opts[i].gain,
		    size + fac->opts[i].size, rest);
	}
}

/* Keep set in res->sets, best first, at most CORE_CF_MAX_SETS. */
static void
cf_keep(struct core_cf_result *res, const struct core_cf_set *set)
{
	size_t	i, at;

	for (at = 0; at < res->nsets; at++)
		if (set->size < res->sets[at].size - CF_EPS)
			break;
	if (at >= CORE_CF_MAX_SETS)
		return;
	if (res->nsets < CORE_CF_MAX_SETS)
		res->nsets++;
	for (i = res->nsets - 1; i > at; i--)
		res->sets[i] = res->sets[i - 1];
	res->sets[at] = *set;
}

/* Try every set of k factors; returns whether one worked. */
static int
cf_try_k(struct cf_search *s, struct core_cf_result *res, size_t k)
{
	struct core_cf_set	 set;
	const struct cf_opt	*o;
	double			 rest[CORE_REC_MAX_CHANGES + 1];
	size_t			 i, j;
	int			 any = 0;

	for (i = 0; i < k; i++)
		s->pick[i] = i;
	for (;;) {
		rest[k] = 0;
		for (i = k; i-- > 0;)
			rest[i] = rest[i + 1] + s->facs[s->pick[i]].maxgain;
		s->found = 0;
		if (rest[0] + CF_EPS >= s->need)
			cf_choose(s, 0, k, 0, 0, rest);
		if (s->found) {
			memset(&set, 0, sizeof set);
			set.n = k;
			set.size = s->best_size;
			set.score = res->score;
			for (j = 0; j < k; j++) {
				o = &s->facs[s->pick[j]].opts[s->best[j]];
				set.changes[j].factor_index =
				    s->facs[s->pick[j]].factor_index;
				set.changes[j].to = o->to;
				set.changes[j].bound = o->bound;
				set.changes[j].gain = o->gain;
				set.changes[j].size = o->size;
				set.score += o->gain;
			}
			cf_keep(res, &set);
			any = 1;
		}
		if (s->truncated)
			break;
		/* The next combination of k out of nfacs. */
		for (i = k; i-- > 0;)
			if (s->pick[i] < s->nfacs - k + i)
				break;
		if (i == (size_t)-1)
			break;
		s->pick[i]++;
		for (j = i + 1; j < k; j++)
			s->pick[j] = s->pick[j - 1] + 1;
	}
	return any;
}

/* The score the scorecard gives with the changes of cf applied; *scored
 * is cleared when a value falls in no bin. */
static double
cf_score_with(const struct core_record *r, const struct core_rec_change *ch,
    size_t nch, int *scored)
{
	const struct core_rec_scorecard	*sc = &r->explanation.method.scorecard;
	const struct core_rec_value	*val;
	double				 score = sc->base_points;
	size_t				 i, j, b;

	*scored = 1;
	for (i = 0; i < sc->nrows; i++) {
		val = &r->explanation.factors[sc->rows[i].factor_index].value;
		for (j = 0; j < nch; j++)
			if (ch[j].factor_index == sc->rows[i].factor_index)
				val = &ch[j].value;
		b = core_scorecard_bin(&sc->rows[i], val, NULL);
		if (b == CORE_REC_NONE)
			*scored = 0;
		else
			score += sc->rows[i].bins[b].points;
	}
	return score;
}

/* Check the record's counterfactuals against the scorecard. */
static void
cf_check_record(const struct core_record *r, struct core_cf_result *res)
{
	const struct core_rec_counterfactual	*cf;
	const struct core_rec_factor		*f;
	struct core_cf_check			*c;
	struct core_rec_change			 sub[CORE_REC_MAX_CHANGES];
	size_t					 i, j, n, mask, min_reach = 0;
	int					 scored;

	for (i = 0; i < r->explanation.ncounterfactuals &&
	    i < CORE_REC_MAX_COUNTERFACTUALS; i++) {
		cf = &r->explanation.counterfactuals[i];
		c = &res->record[res->nrecord++];
		c->score = cf_score_with(r, cf->changes, cf->nchanges,
		    &c->scored);
		c->reaches = c->scored && c->score + CF_EPS >= res->threshold;
		c->claims_favourable =
		    cf->outcome == CORE_REC_OUTCOME_APPROVED ||
		    cf->outcome == CORE_REC_OUTCOME_APPROVED_WITH_CONDITIONS;
		for (j = 0; j < cf->nchanges; j++) {
			f = &r->explanation.factors[cf->changes[j].factor_index];
			if (!f->actionable)
				c->not_actionable = 1;
			if (!cf_feasible(f, &cf->changes[j].value))
				c->out_of_range = 1;
		}
		/* Would fewer of its changes do? */
		for (mask = 1; c->reaches && cf->nchanges > 1 &&
		    mask + 1 < ((size_t)1 << cf->nchanges); mask++) {
			for (n = 0, j = 0; j < cf->nchanges; j++)
				if (mask & ((size_t)1 << j))
					sub[n++] = cf->changes[j];
			if (cf_score_with(r, sub, n, &scored) + CF_EPS >=
			    res->threshold && scored) {
				c->fewer = 1;
				break;
			}
		}
		if (c->reaches && (min_reach == 0 || cf->nchanges < min_reach))
			min_reach = cf->nchanges;
	}
	if (res->nrecord > 0 && res->nsets > 0 && !res->already &&
	    (min_reach == 0 || res->min_changes < min_reach))
		res->record_omits = 1;
}

enum core_code
core_counterfactual_search(const struct core_record *r,
    struct core_cf_result **out)
{
	const struct core_rec_scorecard	*sc;
	const struct core_rec_factor	*f;
	struct core_scorecard_result	*scr = NULL;
	struct core_cf_result		*res = NULL;
	struct cf_search		 s;
	struct cf_fac			*fac;
	enum core_code			 rc = CORE_OK;
	size_t				 i, k, row;

	memset(&s, 0, sizeof s);
	if (r == NULL || out == NULL) {
		rc = CORE_E_ARG;
		goto out;
	}
	*out = NULL;
	if ((res = core_calloc(1, sizeof *res)) == NULL ||
	    (scr = core_malloc(sizeof *scr)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if ((rc = core_scorecard_check(r, scr, NULL)) != CORE_OK ||
	    !scr->applicable)
		goto done;
	sc = &r->explanation.method.scorecard;
	res->applicable = 1;
	res->score = scr->score;
	res->threshold = sc->threshold;
	if (scr->reached) {
		res->already = 1;
		goto check;
	}
	if ((s.facs = core_calloc(r->explanation.nfactors + 1,
	    sizeof *s.facs)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	for (i = 0; i < r->explanation.nfactors; i++) {
		f = &r->explanation.factors[i];
		if (!f->actionable || (row = cf_row_of(sc, i)) == CORE_REC_NONE)
			continue;
		fac = &s.facs[s.nfacs];
		fac->factor_index = i;
		fac->row = row;
		if (f->value.type == CORE_REC_VALUE_NUMBER &&
		    f->feasible.kind != CORE_REC_RANGE_VALUES)
			cf_numeric_opts(f, &sc->rows[row], fac);
		else
			cf_listed_opts(f, &sc->rows[row], fac);
		cf_prune(fac);
		if (fac->nopts > 0)
			s.nfacs++;
	}
	s.need = res->threshold - res->score;
	for (k = 1; k <= s.nfacs && k <= CORE_REC_MAX_CHANGES; k++) {
		if (cf_try_k(&s, res, k)) {
			res->min_changes = k;
			break;
		}
		if (s.truncated)
			break;
	}
	res->truncated = s.truncated;
	res->unreachable = res->nsets == 0 && !s.truncated;
check:
	cf_check_record(r, res);
done:
	*out = res;
	res = NULL;
out:
	core_free(s.facs);
	core_free(scr);
	core_free(res);
	return rc;
}

/* A number as people read it. */
static void
cf_num(char *buf, size_t len, double x)
{
	char	*p;

	if (fabs(x) < 1e15 && x == floor(x))
		snprintf(buf, len, "%.0f", x);
	else {
		snprintf(buf, len, "%.4f", x);
		p = buf + strlen(buf) - 1;
		while (*p == '0')
			*p-- = '\0';
		if (*p == '.')
			*p = '\0';
	}
}

enum core_code
core_cf_verdict(const struct core_record *r, const struct core_cf_result *res,
    struct core_verdict *v)
{
	const struct core_cf_check	*c;
	char				 n[32], s[64], t[64];
	size_t				 i;
	int				 done = 0;

	if (r == NULL || res == NULL || v == NULL)
		return CORE_E_ARG;
	if (!res->applicable)
		return CORE_OK;
	cf_num(t, sizeof t, res->threshold);
	if (res->nrecord == 0) {
		core_verdict_add(v, "counterfactual.record",
		    CORE_CHECK_INTEGRITY, CORE_CHECK_NOT_CHECKED, NULL,
		    N_("The record states no change that would have altered "
		    "the outcome."), NULL);
		done = 1;
	}
	for (i = 0; !done && i < res->nrecord; i++) {
		c = &res->record[i];
		snprintf(n, sizeof n, "%zu", i + 1);
		cf_num(s, sizeof s, c->score);
		if (c->claims_favourable && !c->reaches) {
			core_verdict_add(v, "counterfactual.record",
			    CORE_CHECK_INTEGRITY, CORE_CHECK_FAILED, NULL,
			    /* L10N: %1$s is the number of a counterfactual
			     * in the record, %2$s a score, %3$s the
			     * threshold. */
			    N_("The record's counterfactual %1$s would give a "
			    "score of %2$s, below the threshold of %3$s: it "
			    "would not have changed the outcome."), n, s, t,
			    NULL);
			done = 1;
		}
	}
	for (i = 0; !done && i < res->nrecord; i++) {
		c = &res->record[i];
		snprintf(n, sizeof n, "%zu", i + 1);
		if (c->not_actionable)
			core_verdict_add(v, "counterfactual.record",
			    CORE_CHECK_INTEGRITY, CORE_CHECK_WARNING, NULL,
			    N_("The record's counterfactual %1$s changes "
			    "something the record says you cannot change by "
			    "acting."), n, NULL);
		else if (c->out_of_range)
			core_verdict_add(v, "counterfactual.record",
			    CORE_CHECK_INTEGRITY, CORE_CHECK_WARNING, NULL,
			    N_("The record's counterfactual %1$s needs a value "
			    "outside the range the record says you could "
			    "reach."), n, NULL);
		else if (c->fewer)
			core_verdict_add(v, "counterfactual.record",
			    CORE_CHECK_INTEGRITY, CORE_CHECK_WARNING, NULL,
			    N_("The record's counterfactual %1$s would reach "
			    "the threshold with fewer of its changes."), n,
			    NULL);
		else
			continue;
		done = 1;
	}
	if (!done) {
		snprintf(n, sizeof n, "%zu", res->nrecord);
		core_verdict_add(v, "counterfactual.record",
		    CORE_CHECK_INTEGRITY, CORE_CHECK_PASSED, NULL,
		    /* L10N: %1$s is a number of counterfactuals. */
		    N_("The record's counterfactuals (%1$s) agree with the "
		    "scorecard."), n, NULL);
	}

	if (res->already || res->nrecord == 0)
		core_verdict_add(v, "counterfactual.smallest",
		    CORE_CHECK_INTEGRITY, CORE_CHECK_NOT_CHECKED, NULL,
		    N_("There is no counterfactual of the record to compare "
		    "with the smallest change."), NULL);
	else if (res->record_omits) {
		snprintf(n, sizeof n, "%zu", res->min_changes);
		core_verdict_add(v, "counterfactual.smallest",
		    CORE_CHECK_INTEGRITY, CORE_CHECK_WARNING, NULL,
		    /* L10N: %1$s is a number of factors. */
		    N_("Changing %1$s factor(s) would have reached the "
		    "threshold, fewer than any change the record states."), n,
		    NULL);
	} else
		core_verdict_add(v, "counterfactual.smallest",
		    CORE_CHECK_INTEGRITY, CORE_CHECK_PASSED, NULL,
		    N_("No smaller change than the record's would have "
		    "reached the threshold."), NULL);
	return CORE_OK;
}

/* Append fmt to out with "%s", "%N$s" and "%%" filled from p[0..n). */
static enum core_code
cf_expand(const char *fmt, const char *const *p, size_t n,
    struct core_buf *out)
{
	enum core_code	 rc = CORE_OK;
	size_t		 next = 0, idx;
	const char	*s = fmt, *q;

	while (*s != '\0' && rc == CORE_OK) {
		if (*s != '%') {
			q = strchr(s, '%');
			if (q == NULL)
				q = s + strlen(s);
			rc = core_buf_add(out, s, (size_t)(q - s));
			s = q;
			continue;
		}
		if (s[1] == '%') {
			rc = core_buf_addc(out, '%');
			s += 2;
		} else if (s[1] == 's') {
			if (next < n)
				rc = core_buf_adds(out, p[next]);
			next++;
			s += 2;
		} else if (s[1] >= '1' && s[1] <= '9' && s[2] == '$' &&
		    s[3] == 's') {
			idx = (size_t)(s[1] - '1');
			if (idx < n)
				rc = core_buf_adds(out, p[idx]);
			s += 4;
		} else {
			rc = core_buf_addc(out, '%');
			s++;
		}
	}
	return rc;
}

/* A value with its unit, for a sentence. */
static void
cf_value_text(char *buf, size_t len, const struct core_rec_value *v,
    const char *unit)
{
	char	num[64];

	switch (v->type) {
	case CORE_REC_VALUE_NUMBER:
		cf_num(num, sizeof num, v->num);
		if (unit == NULL || *unit == '\0' || strcmp(unit, "count") == 0)
			snprintf(buf, len, "%s", num);
		else
			snprintf(buf, len, "%s %s", num, unit);
		break;
	case CORE_REC_VALUE_STRING:
		snprintf(buf, len, "%s", v->str);
		break;
	default:
		snprintf(buf, len, "%s", v->boolean ? "true" : "false");
		break;
	}
}

/* The factor's name in the sentence: its first letter in lower case
 * unless the name starts with an abbreviation. */
static void
cf_name(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s", name != NULL ? name : "");
	if (buf[0] >= 'A' && buf[0] <= 'Z' && buf[1] >= 'a' && buf[1] <= 'z')
		buf[0] = (char)(buf[0] - 'A' + 'a');
}

/* tr(s), or s. */
static const char *
cf_tr(const char *(*tr)(const char *), const char *s)
{
	return tr != NULL ? tr(s) : s;
}

enum core_code
core_cf_sentence(const struct core_record *r, const struct core_cf_set *s,
    const char *(*tr)(const char *), const char *const *prefs, size_t nprefs,
    struct core_buf *out)
{
	static const char *const clause[] = {
		/* L10N: %1$s is a factor's name, %2$s the value it would
		 * need, %3$s its value. */
		[CORE_CF_EXACT] = N_("your %1$s were %2$s instead of %3$s"),
		[CORE_CF_AT_MOST] = N_("your %1$s were %2$s or less instead "
		    "of %3$s"),
		[CORE_CF_BELOW] = N_("your %1$s were below %2$s instead of "
		    "%3$s"),
		[CORE_CF_AT_LEAST] = N_("your %1$s were %2$s or more instead "
		    "of %3$s")
	};
	const struct core_rec_factor	*f;
	struct core_buf			 cl, all, tmp;
	enum core_code			 rc = CORE_OK;
	char				 name[CORE_REC_MAX_NAME * 4 + 1];
	char				 to[CORE_REC_MAX_VALUE * 4 + 64];
	char				 from[CORE_REC_MAX_VALUE * 4 + 64];
	char				 score[64], thr[64];
	const char			*p[3];
	size_t				 i;

	core_buf_init(&cl, 4096);
	core_buf_init(&all, 16384);
	core_buf_init(&tmp, 16384);
	if (r == NULL || s == NULL || out == NULL) {
		rc = CORE_E_ARG;
		goto out;
	}
	for (i = 0; i < s->n; i++) {
		f = &r->explanation.factors[s->changes[i].factor_index];
		cf_name(name, sizeof name, core_text_choose(&f->name, prefs,
		    nprefs, NULL));
		cf_value_text(to, sizeof to, &s->changes[i].to, f->unit);
		cf_value_text(from, sizeof from, &f->value, f->unit);
		p[0] = name, p[1] = to, p[2] = from;
		core_buf_reset(&cl);
		if ((rc = cf_expand(cf_tr(tr, clause[s->changes[i].bound]), p,
		    3, &cl)) != CORE_OK)
			goto out;
		if (i == 0) {
			rc = core_buf_adds(&all, core_buf_str(&cl));
		} else {
			p[0] = core_buf_str(&all), p[1] = core_buf_str(&cl);
			core_buf_reset(&tmp);
			rc = cf_expand(i + 1 == s->n ?
			    /* L10N: the last of several changes. */
			    cf_tr(tr, N_("%1$s, and %2$s")) :
			    cf_tr(tr, N_("%1$s, %2$s")), p, 2, &tmp);
			if (rc == CORE_OK) {
				core_buf_reset(&all);
				rc = core_buf_adds(&all, core_buf_str(&tmp));
			}
		}
		if (rc != CORE_OK)
			goto out;
	}
	cf_num(score, sizeof score, s->score);
	cf_num(thr, sizeof thr, r->explanation.method.scorecard.threshold);
	p[0] = core_buf_str(&all), p[1] = score, p[2] = thr;
	rc = cf_expand(cf_tr(tr, N_("If %1$s, the score would have been %2$s, "
	    "reaching the threshold of %3$s.")), p, 3, out);
out:
	core_buf_free(&cl);
	core_buf_free(&all);
	core_buf_free(&tmp);
	return rc;
}

const char *
core_cf_line_symbol(enum core_cf_line kind)
{
	switch (kind) {
	case CORE_CF_L_AGREE:
		return "[ok]";
	case CORE_CF_L_FLAG:
		return "[!]";
	default:
		return "";
	}
}

/* Fill fmt from p[0..n) into b and hand it to emit. */
static enum core_code
cf_emit(struct core_buf *b, const char *(*tr)(const char *), const char *fmt,
    const char *const *p, size_t n, enum core_cf_line kind,
    void (*emit)(void *, enum core_cf_line, const char *), void *arg)
{
	enum core_code	rc;

	core_buf_reset(b);
	if ((rc = cf_expand(cf_tr(tr, fmt), p, n, b)) == CORE_OK)
		emit(arg, kind, core_buf_str(b));
	return rc;
}

/* The flags of the record's counterfactual i, one per problem; *flags
 * counts them. */
static enum core_code
cf_explain_record(const struct core_record *r, const struct core_cf_result *res,
    size_t i, const char *(*tr)(const char *), const char *const *prefs,
    size_t nprefs, void (*emit)(void *, enum core_cf_line, const char *),
    void *arg, struct core_buf *b, size_t *flags)
{
	const struct core_rec_counterfactual	*cf;
	const struct core_cf_check		*c = &res->record[i];
	const struct core_rec_factor		*f;
	enum core_code				 rc = CORE_OK;
	char					 n[32], s[64], t[64];
	char					 name[CORE_REC_MAX_NAME * 4 + 1];
	char					 val[CORE_REC_MAX_VALUE * 4 + 64];
	const char				*p[3];
	size_t					 j;

	cf = &r->explanation.counterfactuals[i];
	snprintf(n, sizeof n, "%zu", i + 1);
	cf_num(s, sizeof s, c->score);
	cf_num(t, sizeof t, res->threshold);
	p[0] = n, p[1] = s, p[2] = t;
	if (!c->scored) {
		rc = cf_emit(b, tr, N_("The record's counterfactual %1$s gives "
		    "a value the scorecard has no band for: it cannot be "
		    "scored."), p, 1, CORE_CF_L_FLAG, emit, arg);
		++*flags;
	} else if (c->claims_favourable && !c->reaches) {
		/* L10N: %1$s is the number of a counterfactual in the record,
		 * %2$s a score, %3$s the threshold. */
		rc = cf_emit(b, tr, N_("The record's counterfactual %1$s would "
		    "give a score of %2$s by the scorecard, below the threshold "
		    "of %3$s: it would not have changed the outcome."), p, 3,
		    CORE_CF_L_FLAG, emit, arg);
		++*flags;
	}
	for (j = 0; rc == CORE_OK && j < cf->nchanges; j++) {
		f = &r->explanation.factors[cf->changes[j].factor_index];
		cf_name(name, sizeof name, core_text_choose(&f->name, prefs,
		    nprefs, NULL));
		cf_value_text(val, sizeof val, &cf->changes[j].value, f->unit);
		p[1] = name, p[2] = val;
		if (!f->actionable) {
			/* L10N: %1$s is the number of a counterfactual, %2$s
			 * a factor's name. */
			rc = cf_emit(b, tr, N_("The record's counterfactual %1$s "
			    "changes your %2$s, which the record says you "
			    "cannot change by acting."), p, 2, CORE_CF_L_FLAG,
			    emit, arg);
			++*flags;
		} else if (!cf_feasible(f, &cf->changes[j].value)) {
			/* L10N: %1$s is the number of a counterfactual, %2$s
			 * a factor's name, %3$s a value. */
			rc = cf_emit(b, tr, N_("The record's counterfactual %1$s "
			    "needs your %2$s to be %3$s, outside the range the "
			    "record says you could reach."), p, 3, CORE_CF_L_FLAG,
			    emit, arg);
			++*flags;
		}
	}
	if (rc == CORE_OK && c->fewer) {
		rc = cf_emit(b, tr, N_("The record's counterfactual %1$s would "
		    "reach the threshold with fewer of its changes."), p, 1,
		    CORE_CF_L_FLAG, emit, arg);
		++*flags;
	}
	return rc;
}

enum core_code
core_cf_explain(const struct core_record *r, const struct core_cf_result *res,
    const char *(*tr)(const char *), const char *const *prefs, size_t nprefs,
    void (*emit)(void *arg, enum core_cf_line kind, const char *text),
    void *arg)
{
	struct core_buf	 b;
	enum core_code	 rc = CORE_OK;
	char		 s[64], t[64], n[32];
	const char	*p[2];
	size_t		 i, flags = 0;

	core_buf_init(&b, 65536);
	if (r == NULL || res == NULL || emit == NULL) {
		rc = CORE_E_ARG;
		goto out;
	}
	if (!res->applicable) {
		rc = cf_emit(&b, tr, N_("The decision was not made with a "
		    "scorecard, so the changes that would have altered it cannot "
		    "be computed here; the record's own statements below are "
		    "not checked."), NULL, 0, CORE_CF_L_NOTE, emit, arg);
		goto out;
	}
	cf_num(s, sizeof s, res->score);
	cf_num(t, sizeof t, res->threshold);
	p[0] = s, p[1] = t;
	if (res->already)
		/* L10N: %1$s is the score computed again, %2$s the
		 * threshold. */
		rc = cf_emit(&b, tr, N_("The score computed again, %1$s, already "
		    "reaches the threshold of %2$s: no change was needed."), p, 2,
		    CORE_CF_L_NOTE, emit, arg);
	for (i = 0; rc == CORE_OK && i < res->nsets; i++) {
		core_buf_reset(&b);
		if ((rc = core_cf_sentence(r, &res->sets[i], tr, prefs, nprefs,
		    &b)) == CORE_OK)
			emit(arg, CORE_CF_L_SET, core_buf_str(&b));
	}
	if (rc == CORE_OK && res->unreachable && !res->already)
		/* L10N: %1$s is the score computed again, %2$s the
		 * threshold. */
		rc = cf_emit(&b, tr, N_("No change to the factors you can act "
		    "on, within the ranges the record gives, would have raised "
		    "the score of %1$s to the threshold of %2$s."), p, 2,
		    CORE_CF_L_NOTE, emit, arg);
	if (rc == CORE_OK && res->truncated)
		rc = cf_emit(&b, tr, N_("The search stopped before it had tried "
		    "every combination: smaller changes may exist."), NULL, 0,
		    CORE_CF_L_NOTE, emit, arg);
	for (i = 0; rc == CORE_OK && i < res->nrecord; i++)
		rc = cf_explain_record(r, res, i, tr, prefs, nprefs, emit, arg,
		    &b, &flags);
	if (rc == CORE_OK && res->record_omits) {
		snprintf(n, sizeof n, "%zu", res->min_changes);
		p[0] = n;
		/* L10N: %1$s is a number of factors. */
		rc = cf_emit(&b, tr, N_("Changing %1$s factor(s) would have "
		    "reached the threshold, fewer than any change the record "
		    "states."), p, 1, CORE_CF_L_FLAG, emit, arg);
		flags++;
	}
	if (rc == CORE_OK && flags == 0 && res->nrecord > 0) {
		snprintf(n, sizeof n, "%zu", res->nrecord);
		p[0] = n;
		/* L10N: %1$s is a number of counterfactuals. */
		rc = cf_emit(&b, tr, N_("The record's own counterfactuals (%1$s) "
		    "agree with the scorecard."), p, 1, CORE_CF_L_AGREE, emit,
		    arg);
	}
out:
	core_buf_free(&b);
	return rc;
}
