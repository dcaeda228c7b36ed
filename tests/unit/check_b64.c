/* check_b64.c: strict base64url, base58btc, multibase and hex. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/b64.h"
#include "core/hash.h"

/* Encode s and compare with want; decode want and compare with s. */
static void
b64_roundtrip(const char *s, size_t n, const char *want)
{
	struct core_buf	b;
	struct core_err	err;

	core_buf_init(&b, 4096);
	ck_assert_int_eq(core_b64url_encode(s, n, &b), CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), want);
	core_buf_reset(&b);
	ck_assert_int_eq(core_b64url_decode(want, strlen(want), &b, &err),
	    CORE_OK);
	ck_assert_uint_eq(b.len, n);
	ck_assert(n == 0 || memcmp(b.data, s, n) == 0);
	core_buf_free(&b);
}

/* Decoding s fails with code at offset. */
static void
b64_refused(const char *s, enum core_code code, size_t offset)
{
	struct core_buf	b;
	struct core_err	err;

	core_buf_init(&b, 4096);
	ck_assert_int_eq(core_buf_adds(&b, "kept"), CORE_OK);
	ck_assert_int_eq(core_b64url_decode(s, strlen(s), &b, &err), code);
	ck_assert_int_eq(err.code, code);
	if (offset != CORE_NO_OFFSET)
		ck_assert_uint_eq(err.offset, offset);
	/* An error leaves what was in the buffer as it was. */
	ck_assert_str_eq(core_buf_str(&b), "kept");
	core_buf_free(&b);
}

START_TEST(test_b64url_rfc4648)
{
	/* RFC 4648 section 10, in the URL alphabet without padding. */
	b64_roundtrip("", 0, "");
	b64_roundtrip("f", 1, "Zg");
	b64_roundtrip("fo", 2, "Zm8");
	b64_roundtrip("foo", 3, "Zm9v");
	b64_roundtrip("foob", 4, "Zm9vYg");
	b64_roundtrip("fooba", 5, "Zm9vYmE");
	b64_roundtrip("foobar", 6, "Zm9vYmFy");
	/* The two characters that differ from standard base64. */
	b64_roundtrip("\xfb\xff\xbf", 3, "-_-_");
	b64_roundtrip("\x00\x00", 2, "AAA");
}
END_TEST

START_TEST(test_b64url_strict)
{
	b64_refused("Zg==", CORE_E_BASE64, 2);		/* padding */
	b64_refused("Zm9v YmFy", CORE_E_BASE64, 4);	/* white space */
	b64_refused("Zm9v\nYmFy", CORE_E_BASE64, 4);
	b64_refused("Zm9v+mFy", CORE_E_BASE64, 4);	/* standard alphabet */
	b64_refused("Zm9v/mFy", CORE_E_BASE64, 4);
	b64_refused("Z", CORE_E_BASE64, CORE_NO_OFFSET);	/* lone char */
	b64_refused("Zm9vY", CORE_E_BASE64, CORE_NO_OFFSET);
	/* Non-canonical trailing bits: "Zh" and "Zg" would both mean "f". */
	b64_refused("Zh", CORE_E_BASE64, 1);
	b64_refused("Zm9", CORE_E_BASE64, 2);
	b64_refused("Zm_", CORE_E_BASE64, 2);
	b64_refused("AAB", CORE_E_BASE64, 2);
	/* A long input reports the offset of the bad byte in the whole text. */
	{
		char	long_s[700];

		memset(long_s, 'A', sizeof long_s - 1);
		long_s[sizeof long_s - 1] = '\0';
		long_s[600] = '=';
		b64_refused(long_s, CORE_E_BASE64, 600);
	}
}
END_TEST

START_TEST(test_b64url_decode_to)
{
	unsigned char	out[4];
	size_t		n = 0;
	struct core_err	err;

	ck_assert_uint_eq(core_b64url_decoded_max(86), 64);
	ck_assert_uint_eq(core_b64url_decoded_max(4), 3);
	ck_assert_uint_eq(core_b64url_decoded_max(6), 4);
	ck_assert_int_eq(core_b64url_decode_to("Zm9vYg", 6, out, sizeof out,
	    &n, &err), CORE_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert(memcmp(out, "foob", 4) == 0);
	/* Too small a target is refused, not overrun. */
	ck_assert_int_eq(core_b64url_decode_to("Zm9vYmE", 7, out, sizeof out,
	    &n, &err), CORE_E_TOO_LARGE);
}
END_TEST

START_TEST(test_b64url_ceiling)
{
	struct core_buf	b;
	struct core_err	err;

	core_buf_init(&b, 3);
	ck_assert_int_eq(core_b64url_decode("Zm9vYg", 6, &b, &err),
	    CORE_E_TOO_LARGE);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(core_b64url_encode("ab", 2, &b), CORE_OK);
	ck_assert_int_eq(core_b64url_encode("ab", 2, &b), CORE_E_TOO_LARGE);
	ck_assert_str_eq(core_buf_str(&b), "YWI");
	core_buf_free(&b);
}
END_TEST

START_TEST(test_base58btc)
{
	/* Examples of the base58 encoding draft (draft-msporny-base58). */
	static const struct {
		const char	*bytes;
		size_t		 n;
		const char	*text;
	} v[] = {
		{ "Hello World!", 12, "2NEpo7TZRRrLZSi2U" },
		{ "The quick brown fox jumps over the lazy dog.", 44,
		  "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z" },
		{ "\x00\x00\x28\x7f\xb4\xcd", 6, "11233QC4" },
		{ "", 0, "" },
		{ "\x00", 1, "1" },
	};
	struct core_buf	b;
	struct core_err	err;
	size_t		i;

	core_buf_init(&b, 4096);
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		core_buf_reset(&b);
		ck_assert_int_eq(core_base58btc_encode(v[i].bytes, v[i].n, &b),
		    CORE_OK);
		ck_assert_str_eq(core_buf_str(&b), v[i].text);
		core_buf_reset(&b);
		ck_assert_int_eq(core_base58btc_decode(v[i].text,
		    strlen(v[i].text), &b, &err), CORE_OK);
		ck_assert_uint_eq(b.len, v[i].n);
		ck_assert(v[i].n == 0 || memcmp(b.data, v[i].bytes, v[i].n) == 0);
	}
	/* 0, O, I and l are not in the alphabet. */
	core_buf_reset(&b);
	ck_assert_int_eq(core_base58btc_decode("2NEpo0TZ", 8, &b, &err),
	    CORE_E_BASE58);
	ck_assert_uint_eq(err.offset, 5);
	ck_assert_int_eq(core_base58btc_decode("Il", 2, &b, &err),
	    CORE_E_BASE58);
	ck_assert_uint_eq(b.len, 0);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_multibase)
{
	struct core_buf	b;
	struct core_err	err;

	core_buf_init(&b, 4096);
	ck_assert_int_eq(core_multibase_decode("z2NEpo7TZRRrLZSi2U", 18, &b,
	    &err), CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), "Hello World!");
	core_buf_reset(&b);
	ck_assert_int_eq(core_multibase_decode("uSGVsbG8", 8, &b, &err),
	    CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), "Hello");
	core_buf_reset(&b);
	/* base16 'f' and base64 'm' are not accepted. */
	ck_assert_int_eq(core_multibase_decode("f48656c6c6f", 11, &b, &err),
	    CORE_E_BASE58);
	ck_assert_int_eq(core_multibase_decode("mSGVsbG8", 8, &b, &err),
	    CORE_E_BASE58);
	ck_assert_int_eq(core_multibase_decode("", 0, &b, &err),
	    CORE_E_BASE58);
	/* A bad base64url tail is a multibase error at its place. */
	ck_assert_int_eq(core_multibase_decode("uSGVsbG9", 8, &b, &err),
	    CORE_E_BASE58);
	ck_assert_uint_eq(err.offset, 7);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(core_multibase_encode('z', "Hello World!", 12, &b),
	    CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), "z2NEpo7TZRRrLZSi2U");
	core_buf_reset(&b);
	ck_assert_int_eq(core_multibase_encode('u', "Hello", 5, &b), CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), "uSGVsbG8");
	ck_assert_int_eq(core_multibase_encode('f', "Hello", 5, &b), CORE_E_ARG);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_hash_hex)
{
	char		hex[CORE_SHA256_HEX_LEN + 1];
	unsigned char	mac[CORE_SHA256_LEN], back[3];

	/* FIPS 180-2 "abc" and the empty string. */
	ck_assert_int_eq(core_sha256_hex("abc", 3, hex), CORE_OK);
	ck_assert_str_eq(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	ck_assert_int_eq(core_sha256_hex("", 0, hex), CORE_OK);
	ck_assert_str_eq(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	/* RFC 4231 test case 2. */
	ck_assert_int_eq(core_hmac_sha256("Jefe", 4,
	    "what do ya want for nothing?", 28, mac), CORE_OK);
	core_hex(mac, sizeof mac, hex);
	ck_assert_str_eq(hex,
	    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	ck_assert_int_eq(core_unhex("0aFf10", back, 3), 0);
	ck_assert(memcmp(back, "\x0a\xff\x10", 3) == 0);
	ck_assert_int_eq(core_unhex("0aFf1", back, 3), -1);
	ck_assert_int_eq(core_unhex("0aFg10", back, 3), -1);
	ck_assert(core_memeq("abc", "abc", 3));
	ck_assert(!core_memeq("abc", "abd", 3));
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("b64");
	TCase	*tc = tcase_create("b64");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_b64url_rfc4648);
	tcase_add_test(tc, test_b64url_strict);
	tcase_add_test(tc, test_b64url_decode_to);
	tcase_add_test(tc, test_b64url_ceiling);
	tcase_add_test(tc, test_base58btc);
	tcase_add_test(tc, test_multibase);
	tcase_add_test(tc, test_hash_hex);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
