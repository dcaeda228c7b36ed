/* check_json.c: strict JSON reads what it must and refuses, with the right
 * code and byte offset, everything I-JSON forbids; the compact canonicaliser,
 * which reads with the same reader, refuses the same way. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/jcs.h"
#include "core/json.h"

/* Parse a NUL-terminated document with the default limits. */
static enum core_code
parse(const char *doc, json_t **out, struct core_err *err)
{
	return core_json_parse(doc, strlen(doc), NULL, out, err);
}

/* Assert that doc is refused with code at offset, and its detail holds
 * needle (when not NULL). */
static void
refused(const char *doc, size_t len, const struct core_json_limits *lim,
    enum core_code code, size_t offset, const char *needle)
{
	struct core_buf	 b;
	struct core_err	 err;
	json_t		*v = (json_t *)1;

	ck_assert_int_eq(core_json_parse(doc, len, lim, &v, &err), code);
	ck_assert_msg(v == NULL, "no value on failure");
	ck_assert_int_eq(err.code, code);
	ck_assert_msg(err.offset == offset, "offset %zu, wanted %zu (%s)",
	    err.offset, offset, err.detail);
	if (needle != NULL)
		ck_assert_msg(strstr(err.detail, needle) != NULL,
		    "detail \"%s\" lacks \"%s\"", err.detail, needle);

	/* The compact canonicaliser reads with the same rules: the same
	 * refusal at the same place, and nothing written. */
	core_buf_init(&b, 64 * 1024 * 1024);
	ck_assert_int_eq(core_jcs_canonicalize(doc, len, lim, &b, &err), code);
	ck_assert_msg(err.offset == offset, "canonicalize: offset %zu, wanted %zu "
	    "(%s)", err.offset, offset, err.detail);
	if (needle != NULL)
		ck_assert_msg(strstr(err.detail, needle) != NULL,
		    "canonicalize: detail \"%s\" lacks \"%s\"", err.detail, needle);
	ck_assert_uint_eq(b.len, 0);
	core_buf_free(&b);
}

#define REFUSED(doc, code, offset, needle) \
	refused((doc), sizeof(doc) - 1, NULL, (code), (offset), (needle))

START_TEST(test_values)
{
	struct core_err	 err;
	json_t		*v = NULL, *a;

	ck_assert_int_eq(parse(" {\"a\": [1, -2.5, true, false, null, \"x\"],"
	    "\n\t\"b\" : {}, \"c\": [], \"\": 0}\r\n", &v, &err), CORE_OK);
	ck_assert_int_eq(err.code, CORE_OK);
	ck_assert(json_is_object(v));
	ck_assert_uint_eq(json_object_size(v), 4);
	a = json_object_get(v, "a");
	ck_assert_uint_eq(json_array_size(a), 6);
	ck_assert(json_is_integer(json_array_get(a, 0)));
	ck_assert_int_eq(json_integer_value(json_array_get(a, 0)), 1);
	ck_assert(json_is_real(json_array_get(a, 1)));
	ck_assert(json_real_value(json_array_get(a, 1)) == -2.5);
	ck_assert(json_is_true(json_array_get(a, 2)));
	ck_assert(json_is_false(json_array_get(a, 3)));
	ck_assert(json_is_null(json_array_get(a, 4)));
	ck_assert_str_eq(json_string_value(json_array_get(a, 5)), "x");
	ck_assert(json_is_object(json_object_get(v, "b")));
	ck_assert(json_is_array(json_object_get(v, "c")));
	ck_assert_int_eq(json_integer_value(json_object_get(v, "")), 0);
	json_decref(v);

	/* Any value at the top. */
	ck_assert_int_eq(parse("\"top\"", &v, &err), CORE_OK);
	ck_assert_str_eq(json_string_value(v), "top");
	json_decref(v);
	ck_assert_int_eq(parse("-0", &v, &err), CORE_OK);
	ck_assert_int_eq(json_integer_value(v), 0);
	json_decref(v);
	ck_assert_int_eq(parse("1E2", &v, &err), CORE_OK);
	ck_assert(json_is_real(v) && json_real_value(v) == 100.0);
	json_decref(v);
	ck_assert_int_eq(parse("0.1e-2", &v, &err), CORE_OK);
	ck_assert(json_real_value(v) == 0.001);
	json_decref(v);
}
END_TEST

START_TEST(test_escapes)
{
	struct core_err	 err;
	json_t		*v = NULL;

	ck_assert_int_eq(parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC"
	    "\\ud83d\\ude02\"", &v, &err), CORE_OK);
	ck_assert_uint_eq(json_string_length(v), 8 + 2 + 3 + 4);
	ck_assert(memcmp(json_string_value(v),
	    "\"\\/\b\f\n\r\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x82", 17) == 0);
	json_decref(v);
	/* Escaped and literal spellings of one name are one name. */
	REFUSED("{\"a\":1,\"\\u0061\":2}", CORE_E_JSON_DUPLICATE, 7, "\"a\"");
	/* UTF-8 as it is. */
	ck_assert_int_eq(parse("{\"\xc3\xa9t\xc3\xa9\":\"\xe6\x9d\xb1\xf0\x9f\x98\x80\"}",
	    &v, &err), CORE_OK);
	ck_assert_str_eq(json_string_value(json_object_get(v, "\xc3\xa9t\xc3\xa9")),
	    "\xe6\x9d\xb1\xf0\x9f\x98\x80");
	json_decref(v);
}
END_TEST

START_TEST(test_duplicate)
{
	REFUSED("{\"a\":1,\"a\":2}", CORE_E_JSON_DUPLICATE, 7, "\"a\"");
	REFUSED("{\"x\":{\"id\":1,\"b\":[],\"id\":3}}", CORE_E_JSON_DUPLICATE, 20,
	    "\"id\"");
	REFUSED("[{\"a\":1},{\"b\":{\"c\":1,\"c\":1}}]", CORE_E_JSON_DUPLICATE, 21,
	    "\"c\"");
	/* A name with control bytes is quoted safely in the detail. */
	REFUSED("{\"\\u001b[2J\":1,\"\\u001b[2J\":2}", CORE_E_JSON_DUPLICATE, 15,
	    "\\x1b[2J");
}
END_TEST

START_TEST(test_utf8)
{
	REFUSED("\"\xff\"", CORE_E_JSON_UTF8, 1, "0xff");
	REFUSED("[\"ok\",\"a\x80\"]", CORE_E_JSON_UTF8, 8, "0x80");
	/* Overlong "/", an encoded surrogate, past U+10FFFF, truncated. */
	REFUSED("\"\xc0\xaf\"", CORE_E_JSON_UTF8, 1, NULL);
	REFUSED("\"\xe0\x80\xaf\"", CORE_E_JSON_UTF8, 1, NULL);
	REFUSED("\"\xed\xa0\x80\"", CORE_E_JSON_UTF8, 1, NULL);
	REFUSED("\"\xf4\x90\x80\x80\"", CORE_E_JSON_UTF8, 1, NULL);
	REFUSED("\"ab\xe2\x82\"", CORE_E_JSON_UTF8, 3, NULL);
	REFUSED("{\"k\xfe\":1}", CORE_E_JSON_UTF8, 3, NULL);
	/* Outside strings a non-ASCII byte is not JSON; a BOM neither. */
	REFUSED("\xef\xbb\xbf{}", CORE_E_JSON_SYNTAX, 0, "0xef");
}
END_TEST

START_TEST(test_surrogate)
{
	REFUSED("\"\\ud800\"", CORE_E_JSON_SURROGATE, 1, "\\ud800");
	REFUSED("[\"x\",\"\\uDC00\"]", CORE_E_JSON_SURROGATE, 6, "dc00");
	REFUSED("\"\\ud83d\\u0041\"", CORE_E_JSON_SURROGATE, 1, NULL);
	REFUSED("\"\\ud83d\\ud83d\"", CORE_E_JSON_SURROGATE, 1, NULL);
	REFUSED("\"a\\ud83d\"", CORE_E_JSON_SURROGATE, 2, NULL);
	REFUSED("\"\\ud83d", CORE_E_JSON_SURROGATE, 1, NULL);
}
END_TEST

START_TEST(test_depth)
{
	struct core_json_limits	 lim;
	struct core_err		 err;
	char			 doc[2 * 66 + 1];
	json_t			*v = NULL;
	int			 i;

	/* 64 arrays nested: accepted. */
	for (i = 0; i < 64; i++) {
		doc[i] = '[';
		doc[64 + i] = ']';
	}
	ck_assert_int_eq(core_json_parse(doc, 128, NULL, &v, &err), CORE_OK);
	json_decref(v);
	/* 65: refused at the 65th bracket. */
	for (i = 0; i < 65; i++) {
		doc[i] = '[';
		doc[65 + i] = ']';
	}
	refused(doc, 130, NULL, CORE_E_JSON_DEPTH, 64, "64");
	/* Objects count too. */
	core_json_limits_default(&lim);
	lim.max_depth = 2;
	refused("{\"a\":{\"b\":{}}}", 14, &lim, CORE_E_JSON_DEPTH, 10, NULL);
	ck_assert_int_eq(core_json_parse("{\"a\":{\"b\":1}}", 13, &lim, &v, &err),
	    CORE_OK);
	json_decref(v);
}
END_TEST

START_TEST(test_string_cap)
{
	struct core_err	 err;
	size_t		 n = CORE_JSON_MAX_STRING + 1, len;
	char		*doc;
	json_t		*v = NULL;

	doc = malloc(n + 8);
	ck_assert_ptr_nonnull(doc);
	/* Exactly 1 MiB: accepted. */
	doc[0] = '"';
	memset(doc + 1, 'a', n - 1);
	doc[n] = '"';
	ck_assert_int_eq(core_json_parse(doc, n + 1, NULL, &v, &err), CORE_OK);
	ck_assert_uint_eq(json_string_length(v), CORE_JSON_MAX_STRING);
	json_decref(v);
	/* 1 MiB + 1 in an array: refused at the string's opening quote. */
	doc[0] = '[';
	doc[1] = '"';
	memset(doc + 2, 'a', n);
	doc[n + 2] = '"';
	doc[n + 3] = ']';
	len = n + 4;
	refused(doc, len, NULL, CORE_E_JSON_STRING, 1, "1048576");
	/* Escapes count as the bytes they decode to: 1 MiB + 1 of them. */
	free(doc);
	doc = malloc(6 * n + 8);
	ck_assert_ptr_nonnull(doc);
	doc[0] = '"';
	for (len = 0; len < n; len++)
		memcpy(doc + 1 + 6 * len, "\\u0041", 6);
	doc[1 + 6 * n] = '"';
	refused(doc, 6 * n + 2, NULL, CORE_E_TOO_LARGE, CORE_JSON_MAX_DOC, NULL);
	{
		struct core_json_limits	lim;

		core_json_limits_default(&lim);
		lim.max_doc = 8 * n;
		refused(doc, 6 * n + 2, &lim, CORE_E_JSON_STRING, 0, NULL);
		/* And member names. */
		lim.max_string = 3;
		refused("{\"abcd\":1}", 10, &lim, CORE_E_JSON_STRING, 1, NULL);
		refused("[\"abc\",\"abc\\n\"]", 15, &lim, CORE_E_JSON_STRING, 7,
		    NULL);
	}
	free(doc);
}
END_TEST

START_TEST(test_numbers)
{
	struct core_err	 err;
	json_t		*v = NULL;

	ck_assert_int_eq(parse("[9007199254740991,-9007199254740991]", &v, &err),
	    CORE_OK);
	ck_assert_int_eq(json_integer_value(json_array_get(v, 0)),
	    9007199254740991LL);
	ck_assert_int_eq(json_integer_value(json_array_get(v, 1)),
	    -9007199254740991LL);
	json_decref(v);
	REFUSED("9007199254740992", CORE_E_JSON_NUMBER, 0, "9007199254740992");
	REFUSED("[1,-9007199254740992]", CORE_E_JSON_NUMBER, 3, NULL);
	REFUSED("{\"n\":123456789012345678901234567890}", CORE_E_JSON_NUMBER, 5,
	    NULL);
	/* Written as reals they are doubles, and the I-JSON range is theirs. */
	ck_assert_int_eq(parse("9007199254740990.5", &v, &err), CORE_OK);
	ck_assert(json_is_real(v));
	json_decref(v);
	/* But a real from 2^53 up to 1e21 is refused: its canonical form is an
	 * integer literal past 2^53 - 1 (1e20 is 100000000000000000000), which
	 * is refused above, and canonical output must read again. */
	REFUSED("9007199254740993.0", CORE_E_JSON_NUMBER, 0, "2^53");
	REFUSED("{\"n\":1e20}", CORE_E_JSON_NUMBER, 5, "1e20");
	REFUSED("[-9.007199254740992e15]", CORE_E_JSON_NUMBER, 1, NULL);
	REFUSED("[9.9e20]", CORE_E_JSON_NUMBER, 1, NULL);
	REFUSED("0.0001e24", CORE_E_JSON_NUMBER, 0, NULL);
	/* Just below 2^53, and from 1e21 up (written 1e+21), they pass. */
	ck_assert_int_eq(parse("[9007199254740991.0,1e21,-1.5e300,0.5e16]", &v,
	    &err), CORE_OK);
	ck_assert(json_real_value(json_array_get(v, 0)) == 9007199254740991.0);
	ck_assert(json_real_value(json_array_get(v, 1)) == 1e21);
	ck_assert(json_real_value(json_array_get(v, 3)) == 5e15);
	json_decref(v);
	REFUSED("[1e400]", CORE_E_JSON_NUMBER, 1, "1e400");
	REFUSED("-1.5E+309", CORE_E_JSON_NUMBER, 0, NULL);
	/* The range of a double is judged on the value, not the exponent. */
	{
		char	big[420];

		big[0] = '1';
		memset(big + 1, '0', 400);
		memcpy(big + 401, "e-50", 5);
		refused(big, 405, NULL, CORE_E_JSON_NUMBER, 0, "too large");
		memcpy(big + 401, "e-100", 6);
		ck_assert_int_eq(core_json_parse(big, 406, NULL, &v, &err),
		    CORE_OK);
		ck_assert(json_real_value(v) == 1e300);
		json_decref(v);
	}
	REFUSED("1e99999999999999999999999", CORE_E_JSON_NUMBER, 0, NULL);
	ck_assert_int_eq(parse("1e-99999999999999999999999", &v, &err), CORE_OK);
	ck_assert(json_real_value(v) == 0.0);
	json_decref(v);
	/* Underflow reads as zero. */
	ck_assert_int_eq(parse("1e-400", &v, &err), CORE_OK);
	ck_assert(json_real_value(v) == 0.0);
	json_decref(v);
	/* Grammar. */
	REFUSED("01", CORE_E_JSON_SYNTAX, 1, "after the end");
	REFUSED("1.", CORE_E_JSON_SYNTAX, 2, "decimal point");
	REFUSED(".5", CORE_E_JSON_SYNTAX, 0, NULL);
	REFUSED("+1", CORE_E_JSON_SYNTAX, 0, NULL);
	REFUSED("-", CORE_E_JSON_SYNTAX, 1, NULL);
	REFUSED("1e", CORE_E_JSON_SYNTAX, 2, "exponent");
	REFUSED("[1e+]", CORE_E_JSON_SYNTAX, 4, "exponent");
	REFUSED("NaN", CORE_E_JSON_SYNTAX, 0, NULL);
	REFUSED("[Infinity]", CORE_E_JSON_SYNTAX, 1, NULL);
}
END_TEST

START_TEST(test_syntax)
{
	REFUSED("", CORE_E_JSON_SYNTAX, 0, "empty");
	REFUSED(" \n ", CORE_E_JSON_SYNTAX, 3, "empty");
	REFUSED("[1] x", CORE_E_JSON_SYNTAX, 4, "after the end");
	REFUSED("{}{}", CORE_E_JSON_SYNTAX, 2, "after the end");
	REFUSED("\"a\" \"b\"", CORE_E_JSON_SYNTAX, 4, NULL);
	REFUSED("[1,]", CORE_E_JSON_SYNTAX, 3, "']'");
	REFUSED("[1 2]", CORE_E_JSON_SYNTAX, 3, "','");
	REFUSED("{\"a\":1,}", CORE_E_JSON_SYNTAX, 7, "member name");
	REFUSED("{\"a\" 1}", CORE_E_JSON_SYNTAX, 5, "':'");
	REFUSED("{'a':1}", CORE_E_JSON_SYNTAX, 1, NULL);
	REFUSED("{a:1}", CORE_E_JSON_SYNTAX, 1, NULL);
	REFUSED("[", CORE_E_JSON_SYNTAX, 1, "ends");
	REFUSED("{\"a\":[1,{\"b\":2}", CORE_E_JSON_SYNTAX, 15, "ends");
	REFUSED("[tru]", CORE_E_JSON_SYNTAX, 1, NULL);
	REFUSED("nul", CORE_E_JSON_SYNTAX, 0, NULL);
	REFUSED("[true false]", CORE_E_JSON_SYNTAX, 6, NULL);
	REFUSED("\"abc", CORE_E_JSON_SYNTAX, 4, "starts at byte 0");
	REFUSED("\"a\\", CORE_E_JSON_SYNTAX, 3, NULL);
	REFUSED("\"\\x41\"", CORE_E_JSON_SYNTAX, 1, "escape");
	REFUSED("\"\\u12G4\"", CORE_E_JSON_SYNTAX, 1, "hexadecimal");
	REFUSED("\"\\u004\"", CORE_E_JSON_SYNTAX, 1, "hexadecimal");
	/* Controls must be escaped; NUL is refused even escaped. */
	REFUSED("\"a\tb\"", CORE_E_JSON_SYNTAX, 2, "0x09");
	REFUSED("[\"a\\u0000\"]", CORE_E_JSON_SYNTAX, 3, "NUL");
	refused("\"a\0\"", 4, NULL, CORE_E_JSON_SYNTAX, 2, "0x00");
	refused("[1]\0", 4, NULL, CORE_E_JSON_SYNTAX, 3, "after the end");
	/* Comments are not JSON. */
	REFUSED("[1 /* one */]", CORE_E_JSON_SYNTAX, 3, NULL);
}
END_TEST

START_TEST(test_limits_and_args)
{
	struct core_json_limits	 lim;
	struct core_err		 err;
	json_t			*v = NULL;

	core_json_limits_default(&lim);
	ck_assert_uint_eq(lim.max_doc, 4u * 1024u * 1024u);
	ck_assert_uint_eq(lim.max_string, 1024u * 1024u);
	ck_assert_uint_eq(lim.max_depth, 64);
	lim.max_doc = 10;
	refused("[1,2,3,4,5]", 11, &lim, CORE_E_TOO_LARGE, 10, "limit of 10");
	ck_assert_int_eq(core_json_parse("[1,2,3,4]", 9, &lim, &v, &err), CORE_OK);
	json_decref(v);
	ck_assert_int_eq(core_json_parse("1", 1, NULL, NULL, &err), CORE_E_ARG);
	ck_assert_int_eq(core_json_parse(NULL, 1, NULL, &v, &err), CORE_E_ARG);
	/* err may be NULL. */
	ck_assert_int_eq(core_json_parse("[", 1, NULL, &v, NULL),
	    CORE_E_JSON_SYNTAX);
	ck_assert_ptr_null(v);
}
END_TEST

START_TEST(test_utf8_len)
{
	ck_assert_uint_eq(core_json_utf8_len((const unsigned char *)"a", 1), 1);
	ck_assert_uint_eq(core_json_utf8_len((const unsigned char *)"\xc3\xa9", 2), 2);
	ck_assert_uint_eq(core_json_utf8_len((const unsigned char *)"\xc3\xa9", 1), 0);
	ck_assert_uint_eq(core_json_utf8_len((const unsigned char *)"\xef\xbf\xbf", 3), 3);
	ck_assert_uint_eq(core_json_utf8_len((const unsigned char *)"\xf4\x8f\xbf\xbf", 4), 4);
	ck_assert_uint_eq(core_json_utf8_len((const unsigned char *)"\xf0\x8f\xbf\xbf", 4), 0);
	ck_assert_uint_eq(core_json_utf8_len((const unsigned char *)"\xc1\xbf", 2), 0);
	ck_assert_uint_eq(core_json_utf8_len((const unsigned char *)"\xed\xbf\xbf", 3), 0);
	ck_assert_uint_eq(core_json_utf8_len((const unsigned char *)"\xf5\x80\x80\x80", 4), 0);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("json");
	TCase	*tc = tcase_create("json");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_escapes);
	tcase_add_test(tc, test_duplicate);
	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_surrogate);
	tcase_add_test(tc, test_depth);
	tcase_add_test(tc, test_string_cap);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_syntax);
	tcase_add_test(tc, test_limits_and_args);
	tcase_add_test(tc, test_utf8_len);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
