/*
 * check_counterfactual.c: the smallest changes that reach a scorecard's
 * threshold, on the demo loan (by hand) and on random small scorecards
 * against a brute-force search of every value of every actionable factor;
 * the record's own counterfactuals checked; the sentences a person reads.
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/analysis.h"
#include "core/buf.h"
#include "tests/unit/analysis-test.h"

#define LOAN	"data/cases/loan-denied/record.json"

/* The sentence of set s in English. */
static const char *
sentence_of(const struct core_record *r, const struct core_cf_set *s)
{
	static char		 buf[2048];
	static const char *const prefs[] = { "en" };
	struct core_buf		 b;

	core_buf_init(&b, sizeof buf);
	ck_assert_int_eq(core_cf_sentence(r, s, NULL, prefs, 1, &b), CORE_OK);
	snprintf(buf, sizeof buf, "%s", core_buf_str(&b));
	core_buf_free(&b);
	return buf;
}

/* The demo loan: 440 against 520; debt-to-income (0..100), searches (0..5
 * by 1) and income (0..250000) can change. */
START_TEST(loan)
{
	json_t			*j = at_load(LOAN);
	struct core_record	*r = at_parse(j);
	struct core_cf_result	*res = NULL;
	struct core_verdict	 v;

	ck_assert_int_eq(core_counterfactual_search(r, &res), CORE_OK);
	ck_assert(res->applicable);
	ck_assert(!res->already);
	ck_assert_double_eq(res->score, 440);
	/* No one change is enough; three pairs are. */
	ck_assert_uint_eq(res->min_changes, 2);
	ck_assert_uint_eq(res->nsets, 3);
	ck_assert_str_eq(sentence_of(r, &res->sets[0]), "If your debt-to-income "
	    "ratio were below 30 % instead of 46 %, and your gross annual "
	    "income were 40000 GBP/year or more instead of 23400 GBP/year, "
	    "the score would have been 520, reaching the threshold of 520.");
	ck_assert_str_eq(sentence_of(r, &res->sets[1]), "If your debt-to-income "
	    "ratio were below 20 % instead of 46 %, and your credit searches "
	    "in the last six months were 3 or less instead of 5, the score "
	    "would have been 525, reaching the threshold of 520.");
	ck_assert_str_eq(sentence_of(r, &res->sets[2]), "If your credit "
	    "searches in the last six months were 1 or less instead of 5, and "
	    "your gross annual income were 40000 GBP/year or more instead of "
	    "23400 GBP/year, the score would have been 520, reaching the "
	    "threshold of 520.");
	ck_assert(res->sets[0].size < res->sets[1].size);
	ck_assert(res->sets[1].size < res->sets[2].size);
	/* Its two counterfactuals reach 530 and 520, need both changes, and
	 * no smaller change was left out. */
	ck_assert_uint_eq(res->nrecord, 2);
	ck_assert_double_eq(res->record[0].score, 530);
	ck_assert_double_eq(res->record[1].score, 520);
	ck_assert(res->record[0].reaches && res->record[1].reaches);
	ck_assert(!res->record[0].fewer && !res->record[1].fewer);
	ck_assert(!res->record_omits);
	core_verdict_init(&v);
	ck_assert_int_eq(core_cf_verdict(r, res, &v), CORE_OK);
	ck_assert_int_eq(at_result(&v, "counterfactual.record"),
	    CORE_CHECK_PASSED);
	ck_assert_int_eq(at_result(&v, "counterfactual.smallest"),
	    CORE_CHECK_PASSED);
	core_cf_free(&res);
	ck_assert_ptr_null(res);
	core_record_free(&r);
	json_decref(j);
}
END_TEST

/* The record's counterfactuals, crafted wrong. */
START_TEST(record_checks)
{
	json_t			*j = at_load(LOAN);
	struct core_record	*r;
	struct core_cf_result	*res = NULL;
	struct core_verdict	 v;
	struct core_buf		 b;
	const struct core_check	*c;

	/* Three searches instead of one: 510, short of 520. */
	at_set(j, "/explanation/counterfactuals/0/changes/1/value",
	    json_integer(3));
	r = at_parse(j);
	ck_assert_int_eq(core_counterfactual_search(r, &res), CORE_OK);
	ck_assert_double_eq(res->record[0].score, 510);
	ck_assert(!res->record[0].reaches);
	core_verdict_init(&v);
	core_cf_verdict(r, res, &v);
	ck_assert_ptr_nonnull(c = core_verdict_find(&v,
	    "counterfactual.record"));
	ck_assert_int_eq(c->result, CORE_CHECK_FAILED);
	core_buf_init(&b, 1024);
	core_check_expand(c->msg, c, &b);
	ck_assert_str_eq(core_buf_str(&b), "The record's counterfactual 1 "
	    "would give a score of 510, below the threshold of 520: it would "
	    "not have changed the outcome.");
	core_buf_free(&b);
	core_cf_free(&res);
	core_record_free(&r);

	/* One counterfactual of three changes, where two do. */
	at_set(j, "/explanation/counterfactuals/1", NULL);
	at_set(j, "/explanation/counterfactuals/0/changes/1/value",
	    json_integer(1));
	at_set(j, "/explanation/counterfactuals/0/changes/-", json_pack(
	    "{s:s,s:i}", "factor", "gross_income", "value", 45000));
	r = at_parse(j);
	ck_assert_int_eq(core_counterfactual_search(r, &res), CORE_OK);
	ck_assert(res->record[0].reaches);
	ck_assert(res->record[0].fewer);
	ck_assert(res->record_omits);
	core_verdict_init(&v);
	core_cf_verdict(r, res, &v);
	ck_assert_int_eq(at_result(&v, "counterfactual.record"),
	    CORE_CHECK_WARNING);
	ck_assert_int_eq(at_result(&v, "counterfactual.smallest"),
	    CORE_CHECK_WARNING);
	core_cf_free(&res);
	core_record_free(&r);

	/* A change to something the person cannot change. */
	at_set(j, "/explanation/counterfactuals/0/changes/2", json_pack(
	    "{s:s,s:i}", "factor", "missed_payments_12m", "value", 0));
	r = at_parse(j);
	ck_assert_int_eq(core_counterfactual_search(r, &res), CORE_OK);
	ck_assert(res->record[0].not_actionable);
	core_cf_free(&res);
	core_record_free(&r);

	/* Out of the feasible range: six searches of at most five. */
	at_set(j, "/explanation/counterfactuals/0/changes/2", NULL);
	at_set(j, "/explanation/counterfactuals/0/changes/0/value",
	    json_integer(-5));
	r = at_parse(j);
	ck_assert_int_eq(core_counterfactual_search(r, &res), CORE_OK);
	ck_assert(res->record[0].out_of_range);
	core_verdict_init(&v);
	core_cf_verdict(r, res, &v);
	ck_assert_int_eq(at_result(&v, "counterfactual.record"),
	    CORE_CHECK_WARNING);
	core_cf_free(&res);
	core_record_free(&r);
	json_decref(j);
}
END_TEST

/* Not a scorecard, or already reached. */
START_TEST(not_applicable)
{
	json_t			*j = at_load("data/cases/housing-benefit/record.json");
	struct core_record	*r = at_parse(j);
	struct core_cf_result	*res = NULL;
	struct core_verdict	 v;

	ck_assert_int_eq(core_counterfactual_search(r, &res), CORE_OK);
	ck_assert(!res->applicable);
	core_verdict_init(&v);
	core_cf_verdict(r, res, &v);
	ck_assert_uint_eq(v.n, 0);
	core_cf_free(&res);
	core_record_free(&r);
	json_decref(j);

	j = at_load(LOAN);
	at_set(j, "/explanation/method/scorecard/threshold", json_integer(440));
	r = at_parse(j);
	ck_assert_int_eq(core_counterfactual_search(r, &res), CORE_OK);
	ck_assert(res->already);
	ck_assert_uint_eq(res->nsets, 0);
	core_cf_free(&res);
	core_record_free(&r);
	json_decref(j);
}
END_TEST

/* ---- the lines every front end shows ------------------------------- */

struct ex_lines {
	char	text[12][1024];
	int	kind[12];
	size_t	n;
};

/* Keep each line core_cf_explain() gives. */
static void
ex_emit(void *arg, enum core_cf_line kind, const char *text)
{
	struct ex_lines	*l = arg;

	ck_assert_uint_lt(l->n, 12);
	snprintf(l->text[l->n], sizeof l->text[l->n], "%s", text);
	l->kind[l->n++] = (int)kind;
}

/* The lines of record j, with every counterfactual searched. */
static void
ex_run(json_t *j, struct ex_lines *l)
{
	static const char *const prefs[] = { "en" };
	struct core_record	*r = at_parse(j);
	struct core_cf_result	*res = NULL;

	memset(l, 0, sizeof *l);
	ck_assert_int_eq(core_counterfactual_search(r, &res), CORE_OK);
	ck_assert_int_eq(core_cf_explain(r, res, NULL, prefs, 1, ex_emit, l),
	    CORE_OK);
	core_cf_free(&res);
	core_record_free(&r);
}

/* The sentences, the agreement, each disagreement flagged, and the notes. */
START_TEST(explain)
{
	json_t		*j = at_load(LOAN);
	struct ex_lines	 l;

	ex_run(j, &l);
	ck_assert_uint_eq(l.n, 4);
	ck_assert_int_eq(l.kind[0], CORE_CF_L_SET);
	ck_assert(strncmp(l.text[0], "If your debt-to-income ratio were below "
	    "30 % instead of 46 %", 60) == 0);
	ck_assert_int_eq(l.kind[2], CORE_CF_L_SET);
	ck_assert_int_eq(l.kind[3], CORE_CF_L_AGREE);
	ck_assert_str_eq(l.text[3], "The record's own counterfactuals (2) agree "
	    "with the scorecard.");
	ck_assert_str_eq(core_cf_line_symbol(CORE_CF_L_AGREE), "[ok]");
	ck_assert_str_eq(core_cf_line_symbol(CORE_CF_L_FLAG), "[!]");

	/* Short of the threshold, and a change the person cannot make. */
	at_set(j, "/explanation/counterfactuals/0/changes/1/value",
	    json_integer(3));
	at_set(j, "/explanation/counterfactuals/1/changes/-", json_pack(
	    "{s:s,s:i}", "factor", "missed_payments_12m", "value", 0));
	at_set(j, "/explanation/counterfactuals/1/changes/0/value",
	    json_integer(-5));
	ex_run(j, &l);
	ck_assert_uint_eq(l.n, 8);
	ck_assert_int_eq(l.kind[3], CORE_CF_L_FLAG);
	ck_assert_str_eq(l.text[3], "The record's counterfactual 1 would give a "
	    "score of 510 by the scorecard, below the threshold of 520: it "
	    "would not have changed the outcome.");
	ck_assert_int_eq(l.kind[4], CORE_CF_L_FLAG);
	ck_assert_str_eq(l.text[4], "The record's counterfactual 2 needs your "
	    "debt-to-income ratio to be -5 %, outside the range the record "
	    "says you could reach.");
	ck_assert(strstr(l.text[5], "changes your missed payments") != NULL);
	ck_assert(strstr(l.text[5], "cannot change by acting") != NULL);
	ck_assert_int_eq(l.kind[6], CORE_CF_L_FLAG);
	ck_assert(strstr(l.text[6], "would reach the threshold with fewer") !=
	    NULL);
	ck_assert_int_eq(l.kind[7], CORE_CF_L_FLAG);
	ck_assert_str_eq(l.text[7], "Changing 2 factor(s) would have reached the "
	    "threshold, fewer than any change the record states.");
	json_decref(j);

	/* Not a scorecard: a note, and no check of the record's own. */
	j = at_load("data/cases/housing-benefit/record.json");
	ex_run(j, &l);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_int_eq(l.kind[0], CORE_CF_L_NOTE);
	ck_assert(strstr(l.text[0], "not made with a scorecard") != NULL);
	json_decref(j);

	/* Already reached. */
	j = at_load(LOAN);
	at_set(j, "/explanation/method/scorecard/threshold", json_integer(440));
	ex_run(j, &l);
	ck_assert_int_eq(l.kind[0], CORE_CF_L_NOTE);
	ck_assert_str_eq(l.text[0], "The score computed again, 440, already "
	    "reaches the threshold of 440: no change was needed.");
	json_decref(j);
}
END_TEST

/* ---- brute force ---------------------------------------------------- */

#define BF_MAXF	5
#define BF_MAXB	5

struct bf {
	struct core_record	 rec;
	struct core_rec_factor	 f[BF_MAXF];
	struct core_rec_row	 rows[BF_MAXF];
	struct core_rec_bin	 bins[BF_MAXF][BF_MAXB];
	struct core_rec_value	 catvals[3];
	struct core_rec_value	 binvals[BF_MAXF][3];
	int			 cat[BF_MAXF];
	int			 width[BF_MAXF];	/* numeric: 0..width */
	size_t			 n;
};

static const char *const bf_names[3] = { "a", "b", "c" };

/* Points of value x (numeric) or category c of factor i, by the test's
 * own reading of the table. */
static double
bf_points(const struct bf *t, size_t i, int x)
{
	const struct core_rec_bin	*b;
	size_t				 k;

	for (k = 0; k < t->rows[i].nbins; k++) {
		b = &t->bins[i][k];
		if (t->cat[i]) {
			if (b->nvalues == 1 && strcmp(b->values[0].str,
			    bf_names[x]) == 0)
				return b->points;
			continue;
		}
		if ((!b->has_min || x >= b->min) && (!b->has_max || x < b->max))
			return b->points;
	}
	return 0;
}

/* A random small scorecard. */
static void
bf_make(struct bf *t, unsigned *seed)
{
	size_t	i, k, nb;
	int	cuts[BF_MAXB], c, prev;
	double	score = 0;

	memset(t, 0, sizeof *t);
	t->n = 1 + (size_t)(rand_r(seed) % BF_MAXF);
	for (k = 0; k < 3; k++) {
		t->catvals[k].type = CORE_REC_VALUE_STRING;
		t->catvals[k].str = bf_names[k];
	}
	for (i = 0; i < t->n; i++) {
		struct core_rec_factor *f = &t->f[i];

		f->id = "x";
		f->actionable = rand_r(seed) % 10 < 7;
		t->rows[i].factor_index = i;
		t->rows[i].bins = t->bins[i];
		t->cat[i] = rand_r(seed) % 10 < 3;
		if (t->cat[i]) {
			f->value = t->catvals[rand_r(seed) % 3];
			f->feasible.kind = CORE_REC_RANGE_VALUES;
			f->feasible.values = t->catvals;
			f->feasible.nvalues = 3;
			for (k = 0; k < 3; k++) {
				t->binvals[i][k] = t->catvals[k];
				t->bins[i][k].categorical = 1;
				t->bins[i][k].values = &t->binvals[i][k];
				t->bins[i][k].nvalues = 1;
				t->bins[i][k].points = rand_r(seed) % 50;
			}
			t->rows[i].nbins = 3;
			for (k = 0; k < 3; k++)
				if (strcmp(f->value.str, bf_names[k]) == 0)
					score += bf_points(t, i, (int)k);
			continue;
		}
		t->width[i] = 3 + rand_r(seed) % 8;
		f->value.type = CORE_REC_VALUE_NUMBER;
		f->value.num = rand_r(seed) % (t->width[i] + 1);
		f->feasible.kind = CORE_REC_RANGE_NUMERIC;
		f->feasible.has_min = f->feasible.has_max = 1;
		f->feasible.min = 0;
		f->feasible.max = t->width[i];
		/* A step of 1: the brute force walks the same grid.  (A
		 * range without a step is the demo loan's, above.) */
		f->feasible.has_step = 1;
		f->feasible.step = 1;
		nb = 1 + (size_t)(rand_r(seed) % (BF_MAXB - 1));
		prev = 0;
		for (k = 0; k + 1 < nb; k++) {
			c = prev + 1 + rand_r(seed) % 3;
			cuts[k] = c;
			prev = c;
		}
		for (k = 0; k < nb; k++) {
			struct core_rec_bin *b = &t->bins[i][k];

			b->has_min = k > 0;
			b->min = k > 0 ? cuts[k - 1] : 0;
			b->has_max = k + 1 < nb;
			b->max = k + 1 < nb ? cuts[k] : 0;
			b->points = rand_r(seed) % 50;
		}
		t->rows[i].nbins = nb;
		score += bf_points(t, i, (int)f->value.num);
	}
	t->rec.explanation.factors = t->f;
	t->rec.explanation.nfactors = t->n;
	t->rec.explanation.method.type = CORE_REC_METHOD_SCORECARD;
	t->rec.explanation.method.scorecard.rows = t->rows;
	t->rec.explanation.method.scorecard.nrows = t->n;
	t->rec.explanation.method.scorecard.base_points = 0;
	t->rec.explanation.method.scorecard.threshold = score + 1 +
	    rand_r(seed) % 60;
	t->rec.explanation.method.scorecard.score = score;
	t->rec.outcome.code = CORE_REC_OUTCOME_DENIED;
	t->rec.outcome.adverse = 1;
}

/* Brute force: every value of every actionable factor on its grid; *bestk
 * the fewest factors changed that reach the threshold and *bestsize the
 * least size with that many; 0 when none. */
static void
bf_search(const struct bf *t, size_t *bestk, double *bestsize)
{
	int	val[BF_MAXF], cur[BF_MAXF];
	size_t	i, k;
	double	score, size;
	int	done = 0;

	*bestk = 0;
	*bestsize = 0;
	for (i = 0; i < t->n; i++) {
		if (t->cat[i]) {
			for (k = 0; k < 3; k++)
				if (strcmp(t->f[i].value.str, bf_names[k]) == 0)
					cur[i] = (int)k;
		} else
			cur[i] = (int)t->f[i].value.num;
		val[i] = t->f[i].actionable ? 0 : cur[i];
	}
	while (!done) {
		score = 0, size = 0, k = 0;
		for (i = 0; i < t->n; i++) {
			score += bf_points(t, i, val[i]);
			if (val[i] == cur[i])
				continue;
			k++;
			if (t->cat[i])
				size += 1;
			else
				size += fabs((double)(val[i] - cur[i])) /
				    t->width[i];
		}
		if (k > 0 && score >= t->rec.explanation.method.scorecard.
		    threshold && (*bestk == 0 || k < *bestk ||
		    (k == *bestk && size < *bestsize - 1e-12))) {
			*bestk = k;
			*bestsize = size;
		}
		/* The next assignment. */
		for (i = 0; i < t->n; i++) {
			if (!t->f[i].actionable)
				continue;
			if (val[i] < (t->cat[i] ? 2 : t->width[i])) {
				val[i]++;
				break;
			}
			val[i] = 0;
		}
		if (i == t->n)
			done = 1;
	}
}

/* Does set s reach the threshold, by the test's own reading? */
static int
bf_reaches(const struct bf *t, const struct core_cf_set *s, double *size)
{
	int	val[BF_MAXF];
	size_t	i, j, k;
	double	score = 0;

	*size = 0;
	for (i = 0; i < t->n; i++) {
		if (t->cat[i]) {
			for (k = 0; k < 3; k++)
				if (strcmp(t->f[i].value.str, bf_names[k]) == 0)
					val[i] = (int)k;
		} else
			val[i] = (int)t->f[i].value.num;
	}
	for (j = 0; j < s->n; j++) {
		i = s->changes[j].factor_index;
		ck_assert(t->f[i].actionable);
		if (t->cat[i]) {
			for (k = 0; k < 3; k++)
				if (strcmp(s->changes[j].to.str, bf_names[k]) == 0)
					val[i] = (int)k;
			*size += 1;
			continue;
		}
		ck_assert(s->changes[j].bound != CORE_CF_BELOW);
		val[i] = (int)s->changes[j].to.num;
		ck_assert_double_eq(val[i], s->changes[j].to.num);
		ck_assert(val[i] >= 0 && val[i] <= t->width[i]);
		*size += fabs(s->changes[j].to.num - t->f[i].value.num) /
		    t->width[i];
	}
	for (i = 0; i < t->n; i++)
		score += bf_points(t, i, val[i]);
	return score >= t->rec.explanation.method.scorecard.threshold;
}

START_TEST(brute_force)
{
	struct bf		*t = malloc(sizeof *t);
	struct core_cf_result	*res = NULL;
	unsigned		 seed = 20261127;
	size_t			 iter, k, i, found = 0;
	double			 size, sz;

	ck_assert_ptr_nonnull(t);
	for (iter = 0; iter < 400; iter++) {
		bf_make(t, &seed);
		bf_search(t, &k, &size);
		ck_assert_int_eq(core_counterfactual_search(&t->rec, &res),
		    CORE_OK);
		ck_assert(res->applicable && !res->already && !res->truncated);
		if (k == 0) {
			ck_assert_msg(res->nsets == 0 && res->unreachable,
			    "iteration %zu: a set found where none works",
			    iter);
			core_cf_free(&res);
			continue;
		}
		found++;
		ck_assert_msg(res->min_changes == k, "iteration %zu: %zu "
		    "factors, brute force %zu", iter, res->min_changes, k);
		for (i = 0; i < res->nsets; i++) {
			ck_assert_uint_eq(res->sets[i].n, k);
			ck_assert_msg(bf_reaches(t, &res->sets[i], &sz),
			    "iteration %zu: set %zu does not reach", iter, i);
			ck_assert(fabs(sz - res->sets[i].size) < 1e-9);
			if (i > 0)
				ck_assert(res->sets[i].size >=
				    res->sets[i - 1].size - 1e-12);
		}
		ck_assert_msg(fabs(res->sets[0].size - size) < 1e-9,
		    "iteration %zu: size %g, brute force %g", iter,
		    res->sets[0].size, size);
		core_cf_free(&res);
	}
	ck_assert_uint_gt(found, 100);
	free(t);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("counterfactual");
	TCase	*tc = tcase_create("counterfactual");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, loan);
	tcase_add_test(tc, record_checks);
	tcase_add_test(tc, not_applicable);
	tcase_add_test(tc, explain);
	tcase_add_test(tc, brute_force);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
