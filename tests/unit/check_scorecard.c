/*
 * check_scorecard.c: the score of a points scorecard computed again, on the
 * vectors of tests/vectors/scorecard (the demo loan, changed one member at
 * a time), bin bounds, and the sentences a person reads.
 */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/analysis.h"
#include "core/buf.h"
#include "tests/unit/analysis-test.h"

/* The record a vector describes: its base with its patches applied. */
static struct core_record *
vector_record(const json_t *vec)
{
	struct core_record	*r;
	json_t			*base, *p;
	size_t			 i;

	base = at_load(json_string_value(json_object_get(vec, "base")));
	json_array_foreach(json_object_get(vec, "patch"), i, p) {
		json_t *val = json_object_get(p, "value");

		at_set(base, json_string_value(json_object_get(p, "pointer")),
		    json_is_null(val) ? NULL : json_incref(val));
	}
	r = at_parse(base);
	json_decref(base);
	return r;
}

/* Run one vector file. */
static void
run_vector(const char *name)
{
	char				 rel[512];
	json_t				*vec, *exp, *checks, *want;
	struct core_record		*r;
	struct core_scorecard_result	 res;
	struct core_verdict		 v;
	const struct core_check		*c;
	const char			*id;
	size_t				 nchecks = 0;

	snprintf(rel, sizeof rel, "tests/vectors/scorecard/%s", name);
	vec = at_load(rel);
	r = vector_record(vec);
	exp = json_object_get(vec, "expect");
	core_verdict_init(&v);
	ck_assert_int_eq(core_scorecard_check(r, &res, &v), CORE_OK);
	ck_assert_msg(res.applicable == json_is_true(json_object_get(exp,
	    "applicable")), "%s: applicable", name);
	if (res.applicable) {
		ck_assert_msg(res.score == json_number_value(json_object_get(exp,
		    "score")), "%s: score %g", name, res.score);
		ck_assert_msg(res.reached == json_is_true(json_object_get(exp,
		    "reached")), "%s: reached", name);
	}
	checks = json_object_get(exp, "checks");
	json_object_foreach(checks, id, want) {
		c = core_verdict_find(&v, id);
		ck_assert_msg(c != NULL, "%s: no check %s", name, id);
		ck_assert_msg(strcmp(core_check_result_id(c->result),
		    json_string_value(want)) == 0, "%s: %s is %s, not %s", name,
		    id, core_check_result_id(c->result), json_string_value(want));
		nchecks++;
	}
	ck_assert_msg(v.n == nchecks, "%s: %zu checks, %zu expected", name,
	    v.n, nchecks);
	core_record_free(&r);
	json_decref(vec);
}

START_TEST(vectors)
{
	const char	*src = getenv("top_srcdir");
	char		 dir[1024];
	DIR		*d;
	struct dirent	*e;
	size_t		 n = 0, len;

	snprintf(dir, sizeof dir, "%s/tests/vectors/scorecard",
	    src ? src : ".");
	ck_assert_ptr_nonnull(d = opendir(dir));
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		run_vector(e->d_name);
		n++;
	}
	closedir(d);
	ck_assert_uint_ge(n, 8);
}
END_TEST

/* The sentence of check id in v, filled in. */
static void
sentence(const struct core_verdict *v, const char *id, char *out, size_t len)
{
	const struct core_check	*c = core_verdict_find(v, id);
	struct core_buf		 b;

	ck_assert_ptr_nonnull(c);
	core_buf_init(&b, 4096);
	ck_assert_int_eq(core_check_expand(c->msg, c, &b), CORE_OK);
	snprintf(out, len, "%s", core_buf_str(&b));
	core_buf_free(&b);
}

START_TEST(sentences)
{
	json_t				*j;
	struct core_record		*r;
	struct core_scorecard_result	 res;
	struct core_verdict		 v;
	char				 s[1024];

	j = at_load("data/cases/loan-denied/record.json");
	at_set(j, "/explanation/method/scorecard/score", json_integer(470));
	r = at_parse(j);
	core_verdict_init(&v);
	core_scorecard_check(r, &res, &v);
	sentence(&v, "scorecard.score", s, sizeof s);
	ck_assert_str_eq(s, "The record states a score of 470, but its "
	    "scorecard and your values add up to 440.");
	sentence(&v, "scorecard.outcome", s, sizeof s);
	ck_assert_str_eq(s, "A score of 440 is below the threshold of 520, "
	    "and the outcome agrees.");
	core_record_free(&r);

	at_set(j, "/explanation/method/scorecard/score", json_integer(440));
	at_set(j, "/explanation/factors/0/contribution", json_integer(-50));
	r = at_parse(j);
	core_verdict_init(&v);
	core_scorecard_check(r, &res, &v);
	ck_assert_uint_eq(res.ncontrib_wrong, 1);
	sentence(&v, "scorecard.contributions", s, sizeof s);
	ck_assert_str_eq(s, "The record says debt_to_income counted -50 "
	    "points, but by the scorecard it counted -60 (its points less "
	    "the best of its row).");
	core_record_free(&r);
	json_decref(j);
}
END_TEST

/* Bins: min is inside, max outside; a missing bound is open. */
START_TEST(bin_bounds)
{
	struct core_rec_bin	 bins[3];
	struct core_rec_row	 row;
	struct core_rec_value	 val;
	size_t			 n;

	memset(bins, 0, sizeof bins);
	bins[0].has_max = 1, bins[0].max = 20, bins[0].points = 90;
	bins[1].has_min = 1, bins[1].min = 20, bins[1].has_max = 1;
	bins[1].max = 30, bins[1].points = 75;
	bins[2].has_min = 1, bins[2].min = 30, bins[2].points = 55;
	row.factor = "x", row.factor_index = 0, row.bins = bins, row.nbins = 3;
	memset(&val, 0, sizeof val);
	val.type = CORE_REC_VALUE_NUMBER;
	val.num = 19.999;
	ck_assert_uint_eq(core_scorecard_bin(&row, &val, &n), 0);
	val.num = 20;
	ck_assert_uint_eq(core_scorecard_bin(&row, &val, &n), 1);
	ck_assert_uint_eq(n, 1);
	val.num = 30;
	ck_assert_uint_eq(core_scorecard_bin(&row, &val, &n), 2);
	val.num = -1e300;
	ck_assert_uint_eq(core_scorecard_bin(&row, &val, &n), 0);
	val.type = CORE_REC_VALUE_STRING;
	val.str = "20";
	ck_assert_uint_eq(core_scorecard_bin(&row, &val, &n), CORE_REC_NONE);
	ck_assert_uint_eq(n, 0);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("scorecard");
	TCase	*tc = tcase_create("scorecard");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, vectors);
	tcase_add_test(tc, sentences);
	tcase_add_test(tc, bin_bounds);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
