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
	/* In the file's order, which is the form's. */
	for (i = 0; i < core_reason_count(); i++)
		if (strcmp(core_reason_at(i)->scheme, "regb") == 0) {
			it = json_array_get(json_object_get(j, "reasons"), n++);
			ck_assert_ptr_nonnull(it);
			ck_assert_str_eq(core_reason_at(i)->code,
			    json_string_value(json_object_get(it, "code")));
		}
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

/* Form C-1 of Regulation B, part I, in its order and words (12 CFR part
 * 1002, Appendix C); its last line, "Other, specify:", is code "other". */
START_TEST(regb_form_words)
{
	static const char *const form[] = {
		"Credit application incomplete",
		"Insufficient number of credit references provided",
		"Unacceptable type of credit references provided",
		"Unable to verify credit references",
		"Temporary or irregular employment",
		"Unable to verify employment",
		"Length of employment",
		"Income insufficient for amount of credit requested",
		"Excessive obligations in relation to income",
		"Unable to verify income",
		"Length of residence",
		"Temporary residence",
		"Unable to verify residence",
		"No credit file",
		"Limited credit experience",
		"Poor credit performance with us",
		"Delinquent past or present credit obligations with others",
		"Collection action or judgment",
		"Garnishment or attachment",
		"Foreclosure or repossession",
		"Bankruptcy",
		"Number of recent inquiries on credit bureau report",
		"Value or type of collateral not sufficient"
	};
	const struct core_std_reason	*std;
	size_t				 i, n = 0;

	for (i = 0; i < core_reason_count(); i++) {
		std = core_reason_at(i);
		if (strcmp(std->scheme, "regb") != 0)
			continue;
		if (n < sizeof form / sizeof form[0])
			ck_assert_str_eq(std->text, form[n]);
		else
			ck_assert_str_eq(std->code, "other");
		n++;
	}
	ck_assert_uint_eq(n, sizeof form / sizeof form[0] + 1);
}
END_TEST

/* A catalogue of two messages, as gettext would give them in French. */
static const char *
fr_tr(const char *msgid)
{
	if (strcmp(msgid, "Number of recent inquiries on credit bureau report") == 0)
		return "Nombre de consultations r\u00e9centes du fichier de cr\u00e9dit";
	if (strcmp(msgid, "Serious delinquency") == 0)
		return "Retard de paiement grave";
	return msgid;
}

/* The text shown: the record's in the first language wanted; else the
 * standard wording as translated; else the record's own. */
START_TEST(reason_text)
{
	static const char *const cy[] = { "cy", "en" };
	static const char *const fr[] = { "fr", "en" };
	static const char *const en[] = { "en" };
	json_t			*j = at_load("data/cases/loan-denied/record.json");
	struct core_record	*r = at_parse(j);
	const struct core_rec_reason *x = r->explanation.reasons;

	/* Welsh: the record has it. */
	ck_assert_str_eq(core_reason_text(&x[3], fr_tr, cy, 2),
	    "Hyd y cyfnod preswylio");
	/* French: the catalogue's, where it has the message. */
	ck_assert_str_eq(core_reason_text(&x[2], fr_tr, fr, 2),
	    "Nombre de consultations r\u00e9centes du fichier de cr\u00e9dit");
	ck_assert_str_eq(core_reason_text(&x[3], fr_tr, fr, 2),
	    "Length of residence");
	ck_assert_str_eq(core_reason_text(&x[2], NULL, fr, 2),
	    "Number of recent inquiries on credit bureau report");
	/* English: the record's, whatever the translator says. */
	ck_assert_str_eq(core_reason_text(&x[2], fr_tr, en, 1),
	    "Number of recent inquiries on credit bureau report");
	ck_assert_str_eq(core_reason_text(&x[3], NULL, NULL, 0),
	    "Length of residence");
	ck_assert_ptr_null(core_reason_text(NULL, fr_tr, fr, 2));
	core_record_free(&r);

	/* A reason of the service's own and Regulation B's "other": their
	 * text, whatever the language. */
	at_set(j, "/explanation/principal_reasons/2/scheme",
	    json_string("service"));
	at_set(j, "/explanation/principal_reasons/1/code", json_string("other"));
	/* An FCRA key factor, in the record's own English words. */
	at_set(j, "/explanation/principal_reasons/0/scheme", json_string("fcra"));
	at_set(j, "/explanation/principal_reasons/0/code",
	    json_string("serious_delinquency"));
	at_set(j, "/explanation/principal_reasons/0/text",
	    json_pack("{s:s,s:s}", "en", "Two accounts 90 days late", "cy",
	    "Dau gyfrif 90 diwrnod yn hwyr"));
	r = at_parse(j);
	x = r->explanation.reasons;
	ck_assert_str_eq(core_reason_text(&x[2], fr_tr, fr, 2),
	    "Number of recent inquiries on credit bureau report");
	ck_assert_str_eq(core_reason_text(&x[1], fr_tr, fr, 2),
	    "Delinquent past or present credit obligations with others");
	ck_assert_str_eq(core_reason_text(&x[0], fr_tr, fr, 2),
	    "Retard de paiement grave");
	ck_assert_str_eq(core_reason_text(&x[0], fr_tr, en, 1),
	    "Two accounts 90 days late");
	core_record_free(&r);

	json_decref(j);
}
END_TEST

/* A record in Welsh alone, read in English: the form's English; read in
 * French with no French wording at hand: the record's own. */
START_TEST(reason_text_one_language)
{
	static const char *const cy[] = { "cy", "en" };
	static const char *const fr[] = { "fr", "en" };
	static const char *const en[] = { "en" };
	struct core_text_item	 cyonly = { "cy", "Hyd y cyfnod preswylio" };
	struct core_rec_reason	 w;

	memset(&w, 0, sizeof w);
	w.scheme = "regb";
	w.code = "length_of_residence";
	w.text.items = &cyonly;
	w.text.n = 1;
	ck_assert_str_eq(core_reason_text(&w, NULL, en, 1),
	    "Length of residence");
	ck_assert_str_eq(core_reason_text(&w, fr_tr, en, 1),
	    "Length of residence");
	ck_assert_str_eq(core_reason_text(&w, NULL, fr, 2),
	    "Hyd y cyfnod preswylio");
	ck_assert_str_eq(core_reason_text(&w, fr_tr, cy, 2),
	    "Hyd y cyfnod preswylio");
}
END_TEST

/*
 * recourse-protocol(7) lists every code of the table with its wording, in
 * the table's order, under "Standard reasons", so that a service can use
 * them: ".It Li CODE" then the text on the next line.
 */
START_TEST(protocol_page)
{
	const char			*src = getenv("top_srcdir");
	char				 path[1024], line[512], code[128];
	const struct core_std_reason	*std;
	FILE				*fp;
	size_t				 n = 0, len;
	int				 in = 0;

	snprintf(path, sizeof path, "%s/man/recourse-protocol.7.in",
	    src != NULL ? src : ".");
	fp = fopen(path, "r");
	ck_assert_msg(fp != NULL, "%s", path);
	while (fgets(line, sizeof line, fp) != NULL) {
		if (strncmp(line, ".Ss Standard reasons", 20) == 0) {
			in = 1;
			continue;
		}
		if (in && (strncmp(line, ".Ss ", 4) == 0 ||
		    strncmp(line, ".Sh ", 4) == 0))
			break;
		if (!in || strncmp(line, ".It Li ", 7) != 0)
			continue;
		len = strcspn(line + 7, " \n");
		ck_assert_uint_lt(len, sizeof code);
		memcpy(code, line + 7, len);
		code[len] = '\0';
		std = core_reason_at(n++);
		ck_assert_msg(std != NULL, "%s: extra code %s", path, code);
		ck_assert_str_eq(code, std->code);
		ck_assert_ptr_nonnull(fgets(line, sizeof line, fp));
		line[strcspn(line, "\n")] = '\0';
		ck_assert_str_eq(line, std->text);
	}
	fclose(fp);
	ck_assert_int_eq(in, 1);
	ck_assert_uint_eq(n, core_reason_count());
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
	tcase_add_test(tc, regb_form_words);
	tcase_add_test(tc, reason_text);
	tcase_add_test(tc, reason_text_one_language);
	tcase_add_test(tc, protocol_page);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
