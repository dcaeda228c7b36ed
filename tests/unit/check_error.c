/* check_error.c: the error enum has a message and a name for every code it
 * defines. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"

START_TEST(test_messages_distinct)
{
	static const enum core_code codes[] = {
		CORE_E_NOMEM, CORE_E_IO, CORE_E_JSON_SYNTAX, CORE_E_JSON_DUPLICATE,
		CORE_E_SIG_INVALID, CORE_E_JWS_TYP, CORE_E_UNTRUSTED,
		CORE_E_REG_ROLLBACK, CORE_E_NET_CONNECT, CORE_E_NOT_FOUND
	};
	size_t	i, j;

	for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		ck_assert_str_ne(core_strerror(codes[i]), "unknown error");
		for (j = 0; j < i; j++)
			ck_assert_str_ne(core_strerror(codes[i]), core_strerror(codes[j]));
	}
	ck_assert_str_eq(core_strerror(CORE_E_SIG_INVALID), "the signature is invalid");
	ck_assert_str_eq(core_strerror((enum core_code)9999), "unknown error");
}
END_TEST

/* Every code with a message has a stable name of its own; the names that
 * recourse verify --json prints are fixed. */
START_TEST(test_names)
{
	int	i, j;

	for (i = 0; i < CORE_E__MAX; i++) {
		if (strcmp(core_strerror((enum core_code)i), "unknown error") == 0)
			continue;
		ck_assert_str_ne(core_errname((enum core_code)i), "unknown");
		for (j = 0; j < i; j++)
			ck_assert_str_ne(core_errname((enum core_code)i),
			    core_errname((enum core_code)j));
	}
	ck_assert_str_eq(core_errname(CORE_OK), "ok");
	ck_assert_str_eq(core_errname(CORE_E_SIG_INVALID), "sig_invalid");
	ck_assert_str_eq(core_errname(CORE_E_DI_PROOF), "di_proof");
	ck_assert_str_eq(core_errname(CORE_E_REG_ROLLBACK), "reg_rollback");
	ck_assert_str_eq(core_errname((enum core_code)9999), "unknown");
}
END_TEST

START_TEST(test_err_set_detail)
{
	struct core_err	err;

	core_err_clear(&err);
	ck_assert_int_eq(err.code, CORE_OK);
	ck_assert(err.offset == CORE_NO_OFFSET);
	ck_assert_int_eq(core_err_set(&err, CORE_E_JSON_DUPLICATE, 17,
	    "member \"%s\" repeated", "id"), CORE_E_JSON_DUPLICATE);
	ck_assert_int_eq(err.code, CORE_E_JSON_DUPLICATE);
	ck_assert_uint_eq(err.offset, 17);
	ck_assert_str_eq(err.detail, "member \"id\" repeated");
	/* NULL err is allowed and only returns the code. */
	ck_assert_int_eq(core_err_set(NULL, CORE_E_IO, 0, NULL), CORE_E_IO);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("error");
	TCase	*tc = tcase_create("error");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_messages_distinct);
	tcase_add_test(tc, test_err_set_detail);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
