/* check_allocfail_json.c: along strict parsing and canonicalisation of a
 * sample document, by jansson values and by the compact path, make each
 * allocation fail in turn (jansson's included);
 * every run must end in CORE_E_NOMEM, or complete with the right bytes.
 * Built in debug builds only (--enable-debug), where failures can be
 * injected; the sanitizer build shows that no failing run leaks. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/jcs.h"
#include "core/json.h"

/* A decision-like document: nesting deeper than the reader's first stack,
 * many members, escapes, non-ASCII text, integers and reals. */
static const char sample[] =
    "{\"id\":\"LN-2026-004217\",\"issued_at\":\"2026-11-26T10:00:00Z\","
    "\"outcome\":{\"code\":\"denied\",\"summary\":\"Cr\\u00e9dit refus\xc3\xa9 "
    "\\\"\\u2014\\\" \xf0\x9f\x98\x80\\n\"},"
    "\"factors\":[{\"id\":\"income\",\"value\":28500,\"unit\":\"GBP\","
    "\"contribution\":-0.125,\"direction\":\"against\"},"
    "{\"id\":\"history\",\"value\":3.5e1,\"contribution\":1e-7},"
    "{\"id\":\"\\ud83d\\ude02\",\"value\":null,\"ok\":true,\"no\":false}],"
    "\"deep\":[[[[[[[[[[[[[[[[[[[[{\"k\":[1,2,3]}]]]]]]]]]]]]]]]]]]]],"
    "\"z\":{},\"y\":[],\"x\":\"\",\"\\u00e9\":1,\"\\ue000\":2,\"b\":-3}";

/* Parse and canonicalise sample, through jansson values (tree) or the
 * compact path; on success the bytes go to *out. */
static enum core_code
run(int tree, char **out, size_t *outlen)
{
	struct core_buf	 b;
	struct core_err	 err;
	enum core_code	 rc;
	json_t		*v = NULL;

	core_buf_init(&b, 1 << 20);
	if (!tree) {
		rc = core_jcs_canonicalize(sample, sizeof sample - 1, NULL, &b,
		    &err);
		if (rc == CORE_OK)
			*out = (char *)core_buf_take(&b, outlen);
		else
			ck_assert_uint_eq(b.len, 0);
		goto out;
	}
	if ((rc = core_json_parse(sample, sizeof sample - 1, NULL, &v,
	    &err)) != CORE_OK)
		goto out;
	ck_assert_int_eq(err.code, CORE_OK);
	if ((rc = core_jcs_serialize(v, &b, &err)) != CORE_OK)
		goto out;
	*out = (char *)core_buf_take(&b, outlen);
out:
	if (rc != CORE_OK)
		ck_assert_int_eq(err.code, rc);
	json_decref(v);
	core_buf_free(&b);
	return rc;
}

START_TEST(test_every_allocation_fails_in_turn)
{
	enum core_code	 rc;
	unsigned long	 n, made;
	char		*want = NULL, *got;
	size_t		 wantlen = 0, gotlen;

	core_alloc_fail_at(0);
	ck_assert_int_eq(run(_i, &want, &wantlen), CORE_OK);
	made = core_alloc_fail_at(0);
	/* The document needs a fair number of allocations to be a test. */
	ck_assert_uint_ge(made, _i ? 40 : 4);

	for (n = 1; ; n++) {
		got = NULL;
		core_alloc_fail_at(n);
		rc = run(_i, &got, &gotlen);
		if (!core_alloc_failed()) {
			/* Past the last allocation: the whole run succeeds. */
			ck_assert_int_eq(rc, CORE_OK);
			ck_assert(gotlen == wantlen && memcmp(got, want, wantlen) == 0);
			core_free(got);
			break;
		}
		ck_assert_msg(rc == CORE_E_NOMEM,
		    "allocation %lu failed: code %d, wanted CORE_E_NOMEM", n, rc);
		ck_assert_ptr_null(got);
	}
	core_alloc_fail_at(0);
	ck_assert_uint_eq(n, made + 1);
	ck_assert_ptr_nonnull(strstr(want, "\"deep\":[[[[[[[[[[[[[[[[[[[[{\"k\":[1,2,3]}"));
	core_free(want);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("allocfail_json");
	TCase	*tc = tcase_create("allocfail_json");
	SRunner	*sr;
	int	 failed;

	/* Before any jansson value exists. */
	core_alloc_hook_libraries();
	tcase_set_timeout(tc, 120);
	/* 1: jansson values then core_jcs_serialize(); 0: the compact path. */
	tcase_add_loop_test(tc, test_every_allocation_fails_in_turn, 0, 2);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
