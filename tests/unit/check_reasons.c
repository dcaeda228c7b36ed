/*
 * check_reasons.c: the standard reasons are Regulation B's, word for word
 * as data/cases/regb-reasons.json gives them; a record's reasons are
 * recognised by scheme and code, and a changed wording is noticed.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/reasons.h"
#include "tests/unit/analysis-test.h"

/* The table holds every reason of the file, with the file's English. */
START_TEST(regb_table)
{
	json_t				*j = at_load("data/cases/regb-reasons.json");
	json_t				*it;
	const struct core_std_reason	*std;
	size_t				 i, n = 0;

	ck_assert_str_eq(json_string_value(json_object_get(j, "scheme")),
	    "regb");
	json_array_foreach(json_object_get(j, "reasons"), i, it) {
		std = core_reason_lookup("regb", json_string_value(
		    json_object_get(it, "code")));
		ck_assert_msg(std != NULL, "%s not known", json_string_value(
		    json_object_get(it, "code")));
		ck_assert_str_eq(std->text, json_string_value(json_object_get(
		    json_object_get(it, "text"), "en")));
	}
	for (i = 0; i < core_reason_count(); i++)
		if (strcmp(core_reason_at(i)->scheme, "regb") == 0)
			n++;
	ck_assert_uint_eq(n, json_array_size(json_object_get(j, "reasons")));
	ck_assert_ptr_null(core_reason_at(core_reason_count()));
	json_decref(j);
}
END_TEST

START_TEST(lookup)
{
	ck_assert_str_eq(core_reason_lookup("regb",
	    "excessive_obligations")->text,
	    "Excessive obligations in relation to income");
	ck_assert_str_eq(core_reason_lookup("fcra", "number_of_inquiries")->text,
	    "Number of inquiries");
	ck_assert_ptr_null(core_reason_lookup("fcra", "excessive_obligations"));
	ck_assert_ptr_null(core_reason_lookup("service", "other"));
	ck_assert_ptr_null(core_reason_lookup(NULL, "other"));
	ck_assert_str_eq(core_reason_scheme_label("regb"),
	    "Regulation B sample reason");
	ck_assert_str_eq(core_reason_scheme_label("fcra"), "FCRA key factor");
	ck_assert_ptr_null(core_reason_scheme_label("gdpr"));
}
END_TEST

/* The demo loan's four reasons are Regulation B's, in its words; in Welsh
 * the record's own text is chosen. */
START_TEST(record_view)
{
	static const char *const cy[] = { "cy" };
	json_t			*j = at_load("data/cases/loan-denied/record.json");
	struct core_record	*r = at_parse(j);
	struct core_reason_view	 view;
	size_t			 i;

	ck_assert_uint_eq(r->explanation.nreasons, 4);
	for (i = 0; i < r->explanation.nreasons; i++) {
		ck_assert_int_eq(core_reason_view(&r->explanation.reasons[i],
		    cy, 1, &view), CORE_OK);
		ck_assert_ptr_nonnull(view.std);
		ck_assert(!view.wording_differs);
		ck_assert_str_eq(view.record_lang, "cy");
	}
	ck_assert_int_eq(core_reason_view(&r->explanation.reasons[0], cy, 1,
	    &view), CORE_OK);
	ck_assert_str_eq(view.record_text,
	    "Gormod o rwymedigaethau o'u cymharu ag incwm");
	core_record_free(&r);

	/* Another wording under a Regulation B code; an unknown code. */
	at_set(j, "/explanation/principal_reasons/0/text/en",
	    json_string("You owe too much"));
	at_set(j, "/explanation/principal_reasons/1/code",
	    json_string("late_with_us"));
	r = at_parse(j);
	ck_assert_int_eq(core_reason_view(&r->explanation.reasons[0], NULL, 0,
	    &view), CORE_OK);
	ck_assert(view.wording_differs);
	ck_assert_str_eq(view.record_text, "You owe too much");
	ck_assert_int_eq(core_reason_view(&r->explanation.reasons[1], NULL, 0,
	    &view), CORE_OK);
	ck_assert_ptr_null(view.std);
	ck_assert(!view.wording_differs);
	core_record_free(&r);
	json_decref(j);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("reasons");
	TCase	*tc = tcase_create("reasons");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, regb_table);
	tcase_add_test(tc, lookup);
	tcase_add_test(tc, record_view);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
