/* check_fmt.c: dates, numbers and amounts in each shipped language. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fmt.h"

#define L(tag)	core_fmt_locale(tag)

START_TEST(test_fmt_dates)
{
	static const struct { const char *tag, *want; } v[] = {
		{ "en", "20 November 2026" },
		{ "en-GB", "20 November 2026" },
		{ "en-US", "November 20, 2026" },
		{ "cy", "20 Tachwedd 2026" },
		{ "fr", "20 novembre 2026" },
		{ "fr-CA", "20 novembre 2026" },
		{ "de", "20. November 2026" },
		{ "es", "20 de noviembre de 2026" },
		{ "pl", "20 listopada 2026" },
		{ "ja", "2026年11月20日" },
		{ "xx", "20 November 2026" },
		{ NULL, "20 November 2026" },
	};
	char	buf[64];
	size_t	i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		ck_assert_int_eq(core_fmt_date(L(v[i].tag), "2026-11-20", buf,
		    sizeof buf), 0);
		ck_assert_str_eq(buf, v[i].want);
		ck_assert_int_eq(core_fmt_date(L(v[i].tag), "2026-11-20T09:14:09Z",
		    buf, sizeof buf), 0);
		ck_assert_str_eq(buf, v[i].want);
	}
	core_fmt_ymd(L("pl"), 2027, 1, 19, buf, sizeof buf);
	ck_assert_str_eq(buf, "19 stycznia 2027");
	core_fmt_ymd(L("de"), 2027, 3, 1, buf, sizeof buf);
	ck_assert_str_eq(buf, "1. März 2027");
	/* Not a date: shown as it came. */
	ck_assert_int_eq(core_fmt_date(L("fr"), "soon", buf, sizeof buf), -1);
	ck_assert_str_eq(buf, "soon");
	ck_assert_int_eq(core_fmt_date(L("fr"), "2026-02-30", buf, sizeof buf), -1);
	ck_assert_int_eq(core_fmt_date(L("fr"), "2026-11-20x", buf, sizeof buf), -1);
	ck_assert_int_eq(core_fmt_date(L("fr"), NULL, buf, sizeof buf), -1);
	ck_assert_str_eq(buf, "");
	/* Cut on a character boundary. */
	core_fmt_ymd(L("ja"), 2026, 11, 20, buf, 9);
	ck_assert_str_eq(buf, "2026年1");
}
END_TEST

START_TEST(test_fmt_datetimes)
{
	char	buf[64], p[24];

	ck_assert_int_eq(core_fmt_datetime(L("en"), "2026-11-18T10:02:00Z", buf,
	    sizeof buf), 0);
	ck_assert_str_eq(buf, "18 November 2026 10:02 UTC");
	ck_assert_int_eq(core_fmt_datetime(L("ja"), "2026-11-18T10:02:59.25+01:00",
	    buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "2026年11月18日 10:02 UTC+01:00");
	ck_assert_int_eq(core_fmt_datetime(L("de"), "2026-11-18T10:02-00:00",
	    buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "18. November 2026 10:02 UTC");
	/* A date alone stays a date. */
	ck_assert_int_eq(core_fmt_datetime(L("cy"), "2027-01-19", buf,
	    sizeof buf), 0);
	ck_assert_str_eq(buf, "19 Ionawr 2027");
	/* Not a time: shown as it came. */
	ck_assert_int_eq(core_fmt_datetime(L("en"), "2026-11-18T25:00Z", buf,
	    sizeof buf), -1);
	ck_assert_str_eq(buf, "2026-11-18T25:00Z");
	ck_assert_int_eq(core_fmt_datetime(L("en"), "2026-11-18T10:02Z junk", buf,
	    sizeof buf), -1);
	ck_assert_int_eq(core_fmt_datetime(L("en"), "later", buf, sizeof buf), -1);
	ck_assert_str_eq(buf, "later");

	/* The parameters of a check: only those wholly a date change. */
	snprintf(p, sizeof p, "%s", "2027-01-19");
	core_fmt_param(L("fr"), p, sizeof p);
	ck_assert_str_eq(p, "19 janvier 2027");
	snprintf(p, sizeof p, "%s", "2027-01-19 or so");
	core_fmt_param(L("fr"), p, sizeof p);
	ck_assert_str_eq(p, "2027-01-19 or so");
	snprintf(p, sizeof p, "%s", "440");
	core_fmt_param(L("fr"), p, sizeof p);
	ck_assert_str_eq(p, "440");
	/* Cut on a character boundary when the room is short. */
	snprintf(p, 12, "%s", "2026-11-20");
	core_fmt_param(L("ja"), p, 12);
	ck_assert_str_eq(p, "2026年11");
}
END_TEST

START_TEST(test_fmt_numbers)
{
	static const struct { const char *tag; double v; int frac; const char *want; } v[] = {
		{ "en", 1234567.5, 2, "1,234,567.5" },
		{ "cy", 23400, 0, "23,400" },
		{ "en", 1234, 0, "1,234" },
		{ "de", 1234567.25, 2, "1.234.567,25" },
		{ "fr", 1234567.25, 2, "1\u202f234\u202f567,25" },
		{ "es", 1234, 0, "1234" },
		{ "es", 12345, 0, "12.345" },
		{ "pl", 1234, 0, "1234" },
		{ "pl", 12345.5, 1, "12\u00a0345,5" },
		{ "ja", 1234567, 0, "1,234,567" },
		{ "en", 0.1 + 0.2, 4, "0.3" },
		{ "en", -0.0001, 2, "0" },
		{ "de", -3.5, 2, "-3,5" },
		{ "en", 999, 0, "999" },
	};
	char	buf[64];
	size_t	i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		core_fmt_number(L(v[i].tag), v[i].v, v[i].frac, 0, buf, sizeof buf);
		ck_assert_str_eq(buf, v[i].want);
	}
	core_fmt_number(L("en"), 12, 0, CORE_FMT_SIGN, buf, sizeof buf);
	ck_assert_str_eq(buf, "+12");
	core_fmt_number(L("en"), 0, 0, CORE_FMT_SIGN, buf, sizeof buf);
	ck_assert_str_eq(buf, "0");
	core_fmt_number(L("en"), -40, 0, CORE_FMT_SIGN, buf, sizeof buf);
	ck_assert_str_eq(buf, "-40");
	core_fmt_percent(L("en"), 46, buf, sizeof buf);
	ck_assert_str_eq(buf, "46%");
	core_fmt_percent(L("fr"), 46, buf, sizeof buf);
	ck_assert_str_eq(buf, "46\u202f%");
	core_fmt_percent(L("de"), 12.5, buf, sizeof buf);
	ck_assert_str_eq(buf, "12,5\u00a0%");
	/* Too big for grouping to mean anything: as C writes it. */
	core_fmt_number(L("en"), 1e300, 0, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "1e+300");
	/* A small buffer is cut, never overrun. */
	core_fmt_number(L("fr"), 1234567, 0, 0, buf, 4);
	ck_assert_str_eq(buf, "1");
}
END_TEST

START_TEST(test_fmt_money)
{
	static const struct { const char *tag; double v; const char *cur, *want; } v[] = {
		{ "en", 12000, "GBP", "£12,000" },
		{ "cy", 12000, "GBP", "£12,000" },
		{ "fr", 12000, "GBP", "12\u202f000\u00a0£GB" },
		{ "de", 12000, "GBP", "12.000\u00a0£" },
		{ "es", 12000, "GBP", "12.000\u00a0GBP" },
		{ "pl", 12000, "GBP", "12\u00a0000\u00a0GBP" },
		{ "ja", 12000, "GBP", "£12,000" },
		{ "en", 84.5, "GBP", "£84.50" },
		{ "de", 84.5, "EUR", "84,50\u00a0€" },
		{ "ja", 1200, "JPY", "￥1,200" },
		{ "en", 10, "CHF", "CHF10" },
		{ "en", -12.25, "GBP", "-£12.25" },
	};
	char		 buf[64];
	const char	*per;
	size_t		 i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		core_fmt_money(L(v[i].tag), v[i].v, v[i].cur, 0, buf, sizeof buf);
		ck_assert_str_eq(buf, v[i].want);
	}
	core_fmt_quantity(L("en"), 23400, "GBP/year", 0, buf, sizeof buf, &per);
	ck_assert_str_eq(buf, "£23,400");
	ck_assert_str_eq(per, "%s a year");
	core_fmt_quantity(L("en"), 84, "GBP/week", 0, buf, sizeof buf, &per);
	ck_assert_str_eq(per, "%s a week");
	core_fmt_quantity(L("en"), 12000, "GBP", 0, buf, sizeof buf, &per);
	ck_assert_str_eq(buf, "£12,000");
	ck_assert_ptr_null(per);
	core_fmt_quantity(L("fr"), 46, "%", 0, buf, sizeof buf, &per);
	ck_assert_str_eq(buf, "46\u202f%");
	core_fmt_quantity(L("en"), 5, "count", 0, buf, sizeof buf, &per);
	ck_assert_str_eq(buf, "5");
	core_fmt_quantity(L("de"), 7.5, "months", 0, buf, sizeof buf, &per);
	ck_assert_str_eq(buf, "7,5 months");
	/* A period this file does not know is a unit like any other. */
	core_fmt_quantity(L("en"), 3, "GBP/fortnight", 0, buf, sizeof buf, &per);
	ck_assert_str_eq(buf, "3 GBP/fortnight");
	ck_assert_ptr_null(per);
	core_fmt_quantity(L("en"), 40, "points", CORE_FMT_SIGN, buf, sizeof buf, &per);
	ck_assert_str_eq(buf, "+40 points");
}
END_TEST

START_TEST(test_fmt_days)
{
	long	d;
	time_t	now = 1795046400;	/* 2026-11-19T00:00:00Z */

	ck_assert_int_eq(core_fmt_days_until("2026-11-20", now, &d), 0);
	ck_assert_int_eq(d, 1);
	ck_assert_int_eq(core_fmt_days_until("2026-11-19", now + 86399, &d), 0);
	ck_assert_int_eq(d, 0);
	ck_assert_int_eq(core_fmt_days_until("2026-11-17T10:00:00Z", now, &d), 0);
	ck_assert_int_eq(d, -2);
	ck_assert_int_eq(core_fmt_days_until("2027-01-19", now, &d), 0);
	ck_assert_int_eq(d, 61);
	ck_assert_int_eq(core_fmt_days_until("next week", now, &d), -1);
}
END_TEST

static Suite *
fmt_suite(void)
{
	Suite	*s = suite_create("fmt");
	TCase	*tc = tcase_create("fmt");

	tcase_add_test(tc, test_fmt_dates);
	tcase_add_test(tc, test_fmt_datetimes);
	tcase_add_test(tc, test_fmt_numbers);
	tcase_add_test(tc, test_fmt_money);
	tcase_add_test(tc, test_fmt_days);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(fmt_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
