/* check_verdict.c: how checks add up to a verdict, and how they read. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/verdict.h"

/* A verdict with format, signature and trust checks of the given results. */
static void
make(struct core_verdict *v, enum core_check_result fmt,
    enum core_check_result sig, enum core_check_result trust)
{
	core_verdict_init(v);
	core_verdict_add(v, "format", CORE_CHECK_FORMAT, fmt, NULL, "f", NULL);
	core_verdict_add(v, "signature", CORE_CHECK_INTEGRITY, sig, NULL, "s",
	    NULL);
	core_verdict_add(v, "trust", CORE_CHECK_TRUST, trust, NULL, "t", NULL);
}

START_TEST(test_overall)
{
	struct core_verdict	v;

	core_verdict_init(&v);
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_UNREADABLE);
	make(&v, CORE_CHECK_PASSED, CORE_CHECK_PASSED, CORE_CHECK_PASSED);
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_TRUSTED);
	ck_assert_ptr_null(core_verdict_reason(&v));
	make(&v, CORE_CHECK_FAILED, CORE_CHECK_NOT_CHECKED,
	    CORE_CHECK_NOT_CHECKED);
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_UNREADABLE);
	ck_assert_str_eq(core_verdict_reason(&v)->id, "format");
	make(&v, CORE_CHECK_PASSED, CORE_CHECK_FAILED, CORE_CHECK_PASSED);
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_INVALID);
	ck_assert_str_eq(core_verdict_reason(&v)->id, "signature");
	make(&v, CORE_CHECK_PASSED, CORE_CHECK_PASSED, CORE_CHECK_FAILED);
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_UNTRUSTED);
	ck_assert_str_eq(core_verdict_reason(&v)->id, "trust");
	/* A trust check that could not be made is no trust. */
	make(&v, CORE_CHECK_PASSED, CORE_CHECK_PASSED, CORE_CHECK_NOT_CHECKED);
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_UNTRUSTED);
	/* A signature that was never checked does not make a valid document. */
	make(&v, CORE_CHECK_PASSED, CORE_CHECK_NOT_CHECKED, CORE_CHECK_PASSED);
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_INVALID);
	/* Warnings are shown but do not fail. */
	make(&v, CORE_CHECK_PASSED, CORE_CHECK_WARNING, CORE_CHECK_WARNING);
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_TRUSTED);
}
END_TEST

START_TEST(test_missing_trust_and_overflow)
{
	struct core_verdict	v;
	int			i;

	core_verdict_init(&v);
	core_verdict_add(&v, "format", CORE_CHECK_FORMAT, CORE_CHECK_PASSED,
	    NULL, "f", NULL);
	core_verdict_add(&v, "signature", CORE_CHECK_INTEGRITY,
	    CORE_CHECK_PASSED, NULL, "s", NULL);
	/* No trust check at all: never "trusted". */
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_UNTRUSTED);
	core_verdict_add(&v, "trust", CORE_CHECK_TRUST, CORE_CHECK_PASSED, NULL,
	    "t", NULL);
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_TRUSTED);
	/* A check that does not fit could have been a failure. */
	for (i = 0; i < CORE_VERDICT_MAX_CHECKS; i++)
		core_verdict_add(&v, "extra", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL, "x", NULL);
	ck_assert_int_eq(v.overflow, 1);
	ck_assert_ptr_null(core_verdict_add(&v, "late", CORE_CHECK_INTEGRITY,
	    CORE_CHECK_FAILED, NULL, "x", NULL));
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_INVALID);
}
END_TEST

START_TEST(test_error_and_find)
{
	struct core_verdict	 v;
	struct core_err		 err;
	const struct core_check	*c;

	core_verdict_init(&v);
	core_err_set(&err, CORE_E_REVOKED, CORE_NO_OFFSET, "registry \"%s\"", "r1");
	core_verdict_add(&v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED, &err,
	    "Registry %1$s lists %2$s as revoked.", "r1", "https://a.example",
	    NULL);
	c = core_verdict_find(&v, "trust");
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->code, CORE_E_REVOKED);
	ck_assert_str_eq(c->detail, "registry \"r1\"");
	ck_assert_uint_eq(c->nparams, 2);
	ck_assert_ptr_null(core_verdict_find(&v, "signature"));
}
END_TEST

START_TEST(test_expand)
{
	struct core_verdict	 v;
	struct core_check	*c;
	struct core_buf		 b;

	core_verdict_init(&v);
	c = core_verdict_add(&v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
	    NULL, "Registry %1$s lists %2$s as revoked.", "demo",
	    "https://bank.example", NULL);
	core_buf_init(&b, 1024);
	ck_assert_int_eq(core_check_expand(c->msg, c, &b), CORE_OK);
	ck_assert_str_eq(core_buf_str(&b),
	    "Registry demo lists https://bank.example as revoked.");
	/* A translation may reorder the parameters. */
	core_buf_reset(&b);
	ck_assert_int_eq(core_check_expand("%2$s: %1$s, 100%%", c, &b), CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), "https://bank.example: demo, 100%");
	/* Plain %s in order; a missing parameter is empty; others copied. */
	core_buf_reset(&b);
	ck_assert_int_eq(core_check_expand("%s/%s/%s %d%", c, &b), CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), "demo/https://bank.example/ %d%");
	core_buf_free(&b);
}
END_TEST

START_TEST(test_param_cut)
{
	struct core_verdict	 v;
	struct core_check	*c;
	char			 big[400];
	size_t			 n;

	/* "ab" then two-byte characters: the cut at 159 bytes falls inside
	 * one, which must be dropped whole. */
	memset(big, 0, sizeof big);
	big[0] = 'a';
	big[1] = 'b';
	for (n = 2; n + 2 < sizeof big - 1; n += 2) {
		big[n] = (char)0xc3;
		big[n + 1] = (char)0xa9;
	}
	core_verdict_init(&v);
	c = core_verdict_add(&v, "x", CORE_CHECK_INTEGRITY, CORE_CHECK_PASSED,
	    NULL, "%s", big, "p2", "p3", "p4", NULL);
	n = strlen(c->params[0]);
	ck_assert_uint_lt(n, CORE_CHECK_PARAM_LEN);
	ck_assert_uint_eq(n, CORE_CHECK_PARAM_LEN - 2);	/* "ab", whole characters */
	ck_assert_int_eq((unsigned char)c->params[0][n - 1], 0xa9);
	/* Only CORE_CHECK_MAX_PARAMS are kept. */
	ck_assert_uint_eq(c->nparams, CORE_CHECK_MAX_PARAMS);
	ck_assert_str_eq(c->params[2], "p3");
}
END_TEST

START_TEST(test_words_and_symbols)
{
	static const enum core_check_result rs[] = {
		CORE_CHECK_PASSED, CORE_CHECK_FAILED, CORE_CHECK_NOT_CHECKED,
		CORE_CHECK_WARNING
	};
	size_t	i, j;

	ck_assert_str_eq(core_check_symbol(CORE_CHECK_PASSED), "[ok]");
	ck_assert_str_eq(core_check_symbol(CORE_CHECK_FAILED), "[FAIL]");
	ck_assert_str_eq(core_check_symbol(CORE_CHECK_NOT_CHECKED), "[--]");
	ck_assert_str_eq(core_check_symbol(CORE_CHECK_WARNING), "[!]");
	for (i = 0; i < 4; i++) {
		/* Plain ASCII: no colour escapes, readable in braille. */
		ck_assert_ptr_null(strchr(core_check_symbol(rs[i]), '\033'));
		for (j = 0; j < i; j++) {
			ck_assert_str_ne(core_check_symbol(rs[i]),
			    core_check_symbol(rs[j]));
			ck_assert_str_ne(core_check_result_text(rs[i]),
			    core_check_result_text(rs[j]));
		}
	}
	ck_assert_str_eq(core_check_result_text(CORE_CHECK_NOT_CHECKED),
	    "not checked");
	ck_assert_str_eq(core_check_result_id(CORE_CHECK_NOT_CHECKED),
	    "not_checked");
	ck_assert_str_eq(core_verdict_text(CORE_VERDICT_TRUSTED),
	    "valid and trusted");
	ck_assert_str_eq(core_verdict_text(CORE_VERDICT_UNTRUSTED),
	    "valid but untrusted");
	ck_assert_str_eq(core_verdict_text(CORE_VERDICT_INVALID), "invalid");
	ck_assert_str_eq(core_verdict_text(CORE_VERDICT_UNREADABLE), "unreadable");
	ck_assert_str_eq(core_verdict_id(CORE_VERDICT_UNTRUSTED),
	    "valid_but_untrusted");
	/* The verdicts are numbered as the exit codes of verify. */
	ck_assert_int_eq(CORE_VERDICT_TRUSTED, 0);
	ck_assert_int_eq(CORE_VERDICT_UNTRUSTED, 1);
	ck_assert_int_eq(CORE_VERDICT_INVALID, 2);
	ck_assert_int_eq(CORE_VERDICT_UNREADABLE, 3);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("verdict");
	TCase	*tc = tcase_create("verdict");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_overall);
	tcase_add_test(tc, test_missing_trust_and_overflow);
	tcase_add_test(tc, test_error_and_find);
	tcase_add_test(tc, test_expand);
	tcase_add_test(tc, test_param_cut);
	tcase_add_test(tc, test_words_and_symbols);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
