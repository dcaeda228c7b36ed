/* check_jcs.c: RFC 8785 canonical JSON gives the bytes of the RFC's test
 * data and of its number samples, sorts by UTF-16 code units, and refuses
 * what it cannot represent. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/jcs.h"
#include "core/json.h"

#define VEC_MAX	(64 * 1024)

/* Read a file of the source tree into a malloc'd buffer. */
static char *
slurp(const char *rel, size_t *len)
{
	const char	*top = getenv("top_srcdir");
	char		 path[4096], *data;
	FILE		*fp;
	size_t		 n;

	snprintf(path, sizeof path, "%s/%s", top != NULL ? top : ".", rel);
	fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
	data = malloc(VEC_MAX);
	ck_assert_ptr_nonnull(data);
	n = fread(data, 1, VEC_MAX - 1, fp);
	ck_assert(ferror(fp) == 0);
	fclose(fp);
	data[n] = '\0';
	*len = n;
	return data;
}

/* Canonical form of a document, as a malloc'd string. */
static char *
canon(const char *doc, size_t len, size_t *outlen)
{
	struct core_buf	 b;
	struct core_err	 err;
	json_t		*v = NULL;
	char		*s;

	ck_assert_msg(core_json_parse(doc, len, NULL, &v, &err) == CORE_OK,
	    "parse: %s at %zu", err.detail, err.offset);
	core_buf_init(&b, 1024 * 1024);
	ck_assert_msg(core_jcs_serialize(v, &b, &err) == CORE_OK, "jcs: %s",
	    err.detail);
	json_decref(v);
	s = (char *)core_buf_take(&b, outlen);
	ck_assert_ptr_nonnull(s);
	return s;
}

static const char *const vectors[] = {
	"arrays", "french", "structures", "unicode", "values", "weird"
};

START_TEST(test_rfc8785_files)
{
	char	 rel[256], *in, *want, *got, *again;
	size_t	 inlen, wantlen, gotlen, againlen;

	snprintf(rel, sizeof rel, "tests/vectors/rfc8785/input/%s.json",
	    vectors[_i]);
	in = slurp(rel, &inlen);
	snprintf(rel, sizeof rel, "tests/vectors/rfc8785/output/%s.json",
	    vectors[_i]);
	want = slurp(rel, &wantlen);
	got = canon(in, inlen, &gotlen);
	ck_assert_msg(gotlen == wantlen && memcmp(got, want, wantlen) == 0,
	    "%s: got %s, wanted %s", vectors[_i], got, want);
	/* The compact path gives the same bytes. */
	{
		struct core_buf	b;
		struct core_err	err;

		core_buf_init(&b, 1024 * 1024);
		ck_assert_int_eq(core_jcs_canonicalize(in, inlen, NULL, &b, &err),
		    CORE_OK);
		ck_assert(b.len == wantlen && memcmp(b.data, want, wantlen) == 0);
		core_buf_free(&b);
	}
	/* The canonical form is its own canonical form. */
	again = canon(got, gotlen, &againlen);
	ck_assert(againlen == gotlen && memcmp(again, got, gotlen) == 0);
	free(again);
	free(got);
	free(in);
	free(want);
}
END_TEST

START_TEST(test_rfc8785_numbers)
{
	char		*text, *line, *save = NULL, *comma, out[32];
	size_t		 len;
	uint64_t	 bits;
	double		 d;
	int		 rows = 0;

	text = slurp("tests/vectors/rfc8785/numbers.txt", &len);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		comma = strchr(line, ',');
		ck_assert_ptr_nonnull(comma);
		*comma = '\0';
		bits = strtoull(line, NULL, 16);
		memcpy(&d, &bits, sizeof d);
		if (strcmp(comma + 1, "-") == 0) {
			ck_assert_int_eq(core_jcs_number(d, out, sizeof out),
			    CORE_E_JSON_NUMBER);
		} else {
			ck_assert_int_eq(core_jcs_number(d, out, sizeof out),
			    CORE_OK);
			ck_assert_msg(strcmp(out, comma + 1) == 0,
			    "%s: got %s, wanted %s", line, out, comma + 1);
		}
		rows++;
	}
	ck_assert_int_eq(rows, 28);
	free(text);
}
END_TEST

START_TEST(test_numbers_more)
{
	static const struct {
		double		 d;
		const char	*want;
	} cases[] = {
		{ 1.0, "1" }, { -1.5, "-1.5" }, { 0.1, "0.1" }, { 100.0, "100" },
		{ 1e20, "100000000000000000000" }, { 1e21, "1e+21" },
		{ 1.5e21, "1.5e+21" }, { 1e-6, "0.000001" }, { 1e-7, "1e-7" },
		{ 1.25e-7, "1.25e-7" }, { 123e-20, "1.23e-18" },
		{ 0.000001234, "0.000001234" }, { 5e-324, "5e-324" },
		{ -0.0, "0" }, { 4.5, "4.5" }, { 2e-3, "0.002" },
		/* 2^-1017: at a power of two the shortest digits lie above the
		 * nearest ones (String(2 ** -1017) in ECMAScript). */
		{ 0x1p-1017, "7.120236347223045e-307" },
		{ 0x1p-1007, "7.291122019556398e-304" },
		{ 0x1p60, "1152921504606847000" }, { 0x1p70, "1.1805916207174113e+21" },
	};
	char	out[32];
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_eq(core_jcs_number(cases[i].d, out, sizeof out),
		    CORE_OK);
		ck_assert_msg(strcmp(out, cases[i].want) == 0, "got %s, wanted %s",
		    out, cases[i].want);
	}
	ck_assert_int_eq(core_jcs_number(NAN, out, sizeof out), CORE_E_JSON_NUMBER);
	ck_assert_int_eq(core_jcs_number(-INFINITY, out, sizeof out),
	    CORE_E_JSON_NUMBER);
	ck_assert_int_eq(core_jcs_number(1.0, out, 31), CORE_E_ARG);
	ck_assert_int_eq(core_jcs_number(1.0, NULL, 32), CORE_E_ARG);
}
END_TEST

/* Canonical form of a value built in code. */
static void
assert_canon(json_t *v, const char *want, size_t wantlen)
{
	struct core_buf	b;
	struct core_err	err;

	core_buf_init(&b, 4096);
	ck_assert_int_eq(core_jcs_serialize(v, &b, &err), CORE_OK);
	ck_assert_msg(b.len == wantlen && memcmp(b.data, want, wantlen) == 0,
	    "got %s, wanted %s", core_buf_str(&b), want);
	core_buf_free(&b);
	json_decref(v);
}

START_TEST(test_strings)
{
	char	raw[34], want[512];
	size_t	i, o = 0;
	json_t	*v;

	/* Every control character, then '"', '\\', '/' and DEL. */
	for (i = 0; i < 32; i++)
		raw[i] = (char)i;
	raw[32] = '"';
	raw[33] = '\\';
	v = json_pack("[s#,s]", raw, (int)sizeof raw, "/\x7f\xe2\x80\xa8\xf0\x9f\x98\x80");
	ck_assert_ptr_nonnull(v);
	o += (size_t)snprintf(want + o, sizeof want - o, "[\"");
	o += (size_t)snprintf(want + o, sizeof want - o,
	    "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
	    "\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
	    "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
	    "\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"
	    "\\\"\\\\\",\"/\x7f\xe2\x80\xa8\xf0\x9f\x98\x80\"]");
	assert_canon(v, want, o);
}
END_TEST

START_TEST(test_sort_utf16)
{
	struct core_err	 err;
	json_t		*v = NULL;
	static const char doc[] =
	    "{\"\\ue000\":1,\"\\ud83d\\ude00\":2,\"b\":3,\"\":4,\"ab\":5,\"a\":6,"
	    "\"\\u20ac\":7,\"\\u00e9\":8,\"\\uffff\":9,\"\\ud800\\udc00\":10,"
	    "\"B\":11,\"\\u007f\":12}";
	static const char want[] =
	    "{\"\":4,\"B\":11,\"a\":6,\"ab\":5,\"b\":3,\"\x7f\":12,\"\xc3\xa9\":8,"
	    "\"\xe2\x82\xac\":7,\"\xf0\x90\x80\x80\":10,\"\xf0\x9f\x98\x80\":2,"
	    "\"\xee\x80\x80\":1,\"\xef\xbf\xbf\":9}";

	ck_assert_int_eq(core_json_parse(doc, sizeof doc - 1, NULL, &v, &err),
	    CORE_OK);
	assert_canon(v, want, sizeof want - 1);
}
END_TEST

START_TEST(test_integers)
{
	struct core_buf	 b;
	struct core_err	 err;
	json_t		*v;

	assert_canon(json_pack("[I,I,I,f]", (json_int_t)-5,
	    (json_int_t)9007199254740991LL, (json_int_t)-9007199254740991LL, 1e300),
	    "[-5,9007199254740991,-9007199254740991,1e+300]", 46);
	core_buf_init(&b, 4096);
	core_buf_adds(&b, "kept");
	v = json_pack("{s:[I]}", "n", (json_int_t)9007199254740992LL);
	ck_assert_int_eq(core_jcs_serialize(v, &b, &err), CORE_E_JSON_NUMBER);
	ck_assert_int_eq(err.code, CORE_E_JSON_NUMBER);
	ck_assert_ptr_nonnull(strstr(err.detail, "9007199254740992"));
	/* A failure leaves the buffer as it was. */
	ck_assert_str_eq(core_buf_str(&b), "kept");
	json_decref(v);
	/* So is a real that would be written as such an integer; from 1e21 up
	 * it has an exponent and is written. */
	v = json_pack("[f]", 1e20);
	ck_assert_int_eq(core_jcs_serialize(v, &b, &err), CORE_E_JSON_NUMBER);
	ck_assert_ptr_nonnull(strstr(err.detail, "2^53"));
	ck_assert_str_eq(core_buf_str(&b), "kept");
	json_decref(v);
	assert_canon(json_pack("[f,f]", -9007199254740990.0, 1e21),
	    "[-9007199254740990,1e+21]", 25);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_refusals)
{
	struct core_buf	 b;
	struct core_err	 err;
	json_t		*v;

	core_buf_init(&b, 4096);
	v = json_stringn_nocheck("a\xff", 2);
	ck_assert_int_eq(core_jcs_serialize(v, &b, &err), CORE_E_JSON_UTF8);
	json_decref(v);
	v = json_object();
	json_object_setn_new_nocheck(v, "\xed\xa0\x80", 3, json_true());
	json_object_setn_new_nocheck(v, "a", 1, json_true());
	ck_assert_int_eq(core_jcs_serialize(v, &b, &err), CORE_E_JSON_UTF8);
	ck_assert_uint_eq(b.len, 0);
	json_decref(v);
	ck_assert_int_eq(core_jcs_serialize(NULL, &b, &err), CORE_E_ARG);
	core_buf_free(&b);

	/* Over the buffer's ceiling: CORE_E_TOO_LARGE, buffer unchanged. */
	core_buf_init(&b, 8);
	core_buf_adds(&b, "ab");
	v = json_pack("{s:s}", "key", "value");
	ck_assert_int_eq(core_jcs_serialize(v, &b, &err), CORE_E_TOO_LARGE);
	ck_assert_str_eq(core_buf_str(&b), "ab");
	json_decref(v);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_appends)
{
	struct core_buf	 b;
	struct core_err	 err;
	json_t		*v;

	core_buf_init(&b, 4096);
	core_buf_adds(&b, "x=");
	v = json_pack("{s:b,s:n,s:{}}", "z", 0, "y", "x");
	ck_assert_int_eq(core_jcs_serialize(v, &b, &err), CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), "x={\"x\":{},\"y\":null,\"z\":false}");
	json_decref(v);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_compact_matches_tree)
{
	static const char prefix[] = "{\"\\u001f\\n\":"
	    "\"/\xc3\xa9\xf0\x9f\x98\x82\\u0001x\",\"a\":[1,";
	struct core_buf	 a, b;
	struct core_err	 err;
	char		 doc[4096];
	size_t		 o = 0;
	json_t		*v = NULL;
	int		 i;

	/* Names that sort differently once decoded, more members than the
	 * small sort handles, numbers on both the text and the double path. */
	o += (size_t)snprintf(doc + o, sizeof doc - o, "{\"\\u0062\":1,\"a\":"
	    "[1.0,-0,-0.0,1E2,0.1e1,123456789012345678e-3,5e-324,"
	    "1.7976931348623157e308,2.2250738585072014e-308,0.000001,1e-7,"
	    "100e-2,0.5E+1,1234567890123456789012.5,1e21,999999999999999999999.0],"
	    "\"\\u001f\\n\":\"\\/\\u00e9\\ud83d\\ude02\\u0001x\","
	    "\"\\ud83d\\ude00\":{},\"\\ue000\":[]");
	for (i = 40; i > 0; i--)
		o += (size_t)snprintf(doc + o, sizeof doc - o,
		    ",\"k%02d\":{\"z\":%d,\"y\":[%d.25]}", i, i, i);
	o += (size_t)snprintf(doc + o, sizeof doc - o, "}");
	ck_assert_uint_lt(o, sizeof doc - 1);

	core_buf_init(&a, 65536);
	core_buf_init(&b, 65536);
	ck_assert_msg(core_json_parse(doc, o, NULL, &v, &err) == CORE_OK,
	    "byte %zu: %s", err.offset, err.detail);
	ck_assert_int_eq(core_jcs_serialize(v, &a, &err), CORE_OK);
	json_decref(v);
	ck_assert_int_eq(core_jcs_canonicalize(doc, o, NULL, &b, &err), CORE_OK);
	ck_assert_msg(a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
	    "tree %s\ncompact %s", core_buf_str(&a), core_buf_str(&b));
	ck_assert_ptr_nonnull(strstr(core_buf_str(&b), "\"a\":[1,0,0,100,1,"
	    "123456789012345.67,5e-324,1.7976931348623157e+308,"
	    "2.2250738585072014e-308,0.000001,1e-7,1,5,1.2345678901234568e+21,"
	    "1e+21,1e+21],\"b\":1,\"k01\":{\"y\":[1.25],\"z\":1},"));
	ck_assert_ptr_nonnull(strstr(core_buf_str(&b), "\"k40\":{\"y\":[40.25],"
	    "\"z\":40},\"\xf0\x9f\x98\x80\":{},\"\xee\x80\x80\":[]}"));
	ck_assert(strncmp(core_buf_str(&b), prefix, strlen(prefix)) == 0);
	core_buf_free(&a);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_compact_buffer)
{
	struct core_buf	b;
	struct core_err	err;

	/* Appends after what the buffer holds. */
	core_buf_init(&b, 20);
	core_buf_adds(&b, "x=");
	ck_assert_int_eq(core_jcs_canonicalize("{\"b\":2, \"a\":1}", 14, NULL, &b,
	    &err), CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), "x={\"a\":1,\"b\":2}");
	/* Over the ceiling: refused, the buffer as it was. */
	ck_assert_int_eq(core_jcs_canonicalize("[\"abcdefghij\"]", 14, NULL, &b,
	    &err), CORE_E_TOO_LARGE);
	ck_assert_str_eq(core_buf_str(&b), "x={\"a\":1,\"b\":2}");
	ck_assert_int_eq(core_jcs_canonicalize("[1]", 3, NULL, NULL, &err),
	    CORE_E_ARG);
	core_buf_free(&b);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("jcs");
	TCase	*tc = tcase_create("jcs");
	SRunner	*sr;
	int	 failed;

	tcase_add_loop_test(tc, test_rfc8785_files, 0,
	    (int)(sizeof vectors / sizeof vectors[0]));
	tcase_add_test(tc, test_rfc8785_numbers);
	tcase_add_test(tc, test_numbers_more);
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_sort_utf16);
	tcase_add_test(tc, test_integers);
	tcase_add_test(tc, test_refusals);
	tcase_add_test(tc, test_appends);
	tcase_add_test(tc, test_compact_matches_tree);
	tcase_add_test(tc, test_compact_buffer);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
