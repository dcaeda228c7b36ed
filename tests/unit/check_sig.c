/* check_sig.c: Ed25519 (RFC 8032 section 7.1) and ECDSA P-256 signatures,
 * raw and DER forms, and the signatures that must fail. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/b64.h"
#include "core/hash.h"
#include "core/sig.h"
#include "tests/unit/crypto_vec.h"

#define A3_INPUT "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4" \
	"MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
#define A3_JWK "{\"kty\":\"EC\",\"crv\":\"P-256\"," \
	"\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\"," \
	"\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"," \
	"\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"}"
#define A3_SIG "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djx" \
	"La8ISlSApmWQxfKTUJqPP3-Kg6NU1Q"

/* An Ed25519 key from hex of its 32-byte secret, through a JWK. */
static struct core_key *
sig_ed25519_key(const char *secret_hex, const char *public_hex)
{
	struct core_buf	 b;
	unsigned char	*sk, *pk;
	size_t		 n;
	struct core_key	*k;

	sk = cv_unhex(secret_hex, &n);
	ck_assert_uint_eq(n, 32);
	pk = cv_unhex(public_hex, &n);
	ck_assert_uint_eq(n, 32);
	core_buf_init(&b, 1024);
	ck_assert_int_eq(core_buf_adds(&b,
	    "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\""), CORE_OK);
	ck_assert_int_eq(core_b64url_encode(sk, 32, &b), CORE_OK);
	ck_assert_int_eq(core_buf_adds(&b, "\",\"x\":\""), CORE_OK);
	ck_assert_int_eq(core_b64url_encode(pk, 32, &b), CORE_OK);
	ck_assert_int_eq(core_buf_adds(&b, "\"}"), CORE_OK);
	k = cv_key_jwk(core_buf_str(&b));
	core_buf_free(&b);
	free(sk);
	free(pk);
	return k;
}

START_TEST(test_rfc8032)
{
	const char	*pos = NULL;
	char		*text, *name, *sk, *pk, *msg, *sigx;
	unsigned char	*m, *want, sig[CORE_SIG_MAX];
	size_t		 mlen, wlen, siglen, count = 0;
	struct core_key	*k;
	struct core_err	 err;

	text = cv_slurp("tests/vectors/rfc8032/ed25519.txt", NULL);
	while ((name = cv_next(text, &pos, "name")) != NULL) {
		sk = cv_next(text, &pos, "secret");
		pk = cv_next(text, &pos, "public");
		msg = cv_next(text, &pos, "message");
		sigx = cv_next(text, &pos, "signature");
		ck_assert(sk != NULL && pk != NULL && msg != NULL &&
		    sigx != NULL);
		k = sig_ed25519_key(sk, pk);
		m = cv_unhex(msg, &mlen);
		want = cv_unhex(sigx, &wlen);
		/* Ed25519 is deterministic: the same signature, byte for
		 * byte. */
		ck_assert_int_eq(core_sig_sign(k, m, mlen, sig, &siglen, &err),
		    CORE_OK);
		ck_assert_uint_eq(siglen, 64);
		ck_assert_msg(memcmp(sig, want, 64) == 0, "%s: signature", name);
		ck_assert_int_eq(core_sig_verify(k, m, mlen, want, 64, &err),
		    CORE_OK);
		/* Tampered message, tampered signature, wrong lengths. */
		if (mlen > 0) {
			m[mlen - 1] ^= 0x01;
			ck_assert_int_eq(core_sig_verify(k, m, mlen, want, 64,
			    &err), CORE_E_SIG_INVALID);
			m[mlen - 1] ^= 0x01;
		}
		want[10] ^= 0x80;
		ck_assert_int_eq(core_sig_verify(k, m, mlen, want, 64, &err),
		    CORE_E_SIG_INVALID);
		want[10] ^= 0x80;
		ck_assert_int_eq(core_sig_verify(k, m, mlen, want, 63, &err),
		    CORE_E_SIG_LENGTH);
		ck_assert_int_eq(core_sig_verify(k, m, mlen, want, 0, &err),
		    CORE_E_SIG_LENGTH);
		count++;
		core_key_free(&k);
		free(m);
		free(want);
		free(name);
		free(sk);
		free(pk);
		free(msg);
		free(sigx);
	}
	ck_assert_uint_eq(count, 5);
	free(text);
}
END_TEST

START_TEST(test_rfc7515_a3_es256)
{
	struct core_key	*k, *other;
	unsigned char	 sig[CORE_SIG_MAX], sig2[CORE_SIG_MAX];
	size_t		 n = 0, siglen = 0;
	struct core_err	 err;

	k = cv_key_jwk(A3_JWK);
	ck_assert_int_eq(core_b64url_decode_to(A3_SIG, strlen(A3_SIG), sig,
	    sizeof sig, &n, &err), CORE_OK);
	ck_assert_uint_eq(n, 64);
	ck_assert_int_eq(core_sig_verify(k, A3_INPUT, strlen(A3_INPUT), sig, 64,
	    &err), CORE_OK);
	/* ECDSA is randomised: a new signature differs and verifies. */
	ck_assert_int_eq(core_sig_sign(k, A3_INPUT, strlen(A3_INPUT), sig2,
	    &siglen, &err), CORE_OK);
	ck_assert_uint_eq(siglen, 64);
	ck_assert(memcmp(sig, sig2, 64) != 0);
	ck_assert_int_eq(core_sig_verify(k, A3_INPUT, strlen(A3_INPUT), sig2,
	    64, &err), CORE_OK);
	/* Tampered input; another key; wrong lengths. */
	ck_assert_int_eq(core_sig_verify(k, A3_INPUT, strlen(A3_INPUT) - 1, sig,
	    64, &err), CORE_E_SIG_INVALID);
	ck_assert_int_eq(core_key_generate(CORE_KEY_P256, &other, &err),
	    CORE_OK);
	ck_assert_int_eq(core_sig_verify(other, A3_INPUT, strlen(A3_INPUT),
	    sig, 64, &err), CORE_E_SIG_INVALID);
	ck_assert_int_eq(core_sig_verify(k, A3_INPUT, strlen(A3_INPUT), sig,
	    65, &err), CORE_E_SIG_LENGTH);
	ck_assert_int_eq(core_sig_verify(k, A3_INPUT, strlen(A3_INPUT), sig,
	    32, &err), CORE_E_SIG_LENGTH);
	/* r = 0 and s = 0 never verify. */
	memset(sig2, 0, sizeof sig2);
	ck_assert_int_eq(core_sig_verify(k, A3_INPUT, strlen(A3_INPUT), sig2,
	    64, &err), CORE_E_SIG_INVALID);
	core_key_free(&other);
	core_key_free(&k);
}
END_TEST

START_TEST(test_ecdsa_der)
{
	unsigned char	 rs[64], back[64], der[CORE_SIG_DER_MAX];
	size_t		 n = 0, derlen = 0, i;
	struct core_err	 err;
	/* r with its top bit set (needs a 0x00), s with leading zero bytes. */
	static const unsigned char bad_nonminimal[] = {
		0x30, 0x08, 0x02, 0x02, 0x00, 0x01, 0x02, 0x02, 0x00, 0x01
	};
	static const unsigned char bad_negative[] = {
		0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01
	};
	static const unsigned char bad_trailing[] = {
		0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00
	};
	static const unsigned char good_small[] = {
		0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02
	};

	ck_assert_int_eq(core_b64url_decode_to(A3_SIG, strlen(A3_SIG), rs,
	    sizeof rs, &n, &err), CORE_OK);
	ck_assert_int_eq(core_sig_ecdsa_to_der(rs, der, &derlen), CORE_OK);
	ck_assert_int_eq(der[0], 0x30);
	ck_assert_uint_eq(der[1], derlen - 2);
	ck_assert_int_eq(core_sig_ecdsa_from_der(der, derlen, back, &err),
	    CORE_OK);
	ck_assert(memcmp(rs, back, 64) == 0);
	/* High bits and leading zeros. */
	memset(rs, 0, sizeof rs);
	rs[0] = 0xff;
	rs[63] = 0x05;
	ck_assert_int_eq(core_sig_ecdsa_to_der(rs, der, &derlen), CORE_OK);
	ck_assert_uint_eq(derlen, 2 + 35 + 3);
	ck_assert_int_eq(der[3], 33);
	ck_assert_int_eq(der[4], 0x00);
	ck_assert_int_eq(core_sig_ecdsa_from_der(der, derlen, back, &err),
	    CORE_OK);
	ck_assert(memcmp(rs, back, 64) == 0);
	ck_assert_int_eq(core_sig_ecdsa_from_der(good_small,
	    sizeof good_small, back, &err), CORE_OK);
	for (i = 0; i < 31; i++)
		ck_assert_int_eq(back[i] | back[32 + i], 0);
	ck_assert_int_eq(back[31], 1);
	ck_assert_int_eq(back[63], 2);
	ck_assert_int_eq(core_sig_ecdsa_from_der(bad_nonminimal,
	    sizeof bad_nonminimal, back, &err), CORE_E_SIG_LENGTH);
	ck_assert_int_eq(core_sig_ecdsa_from_der(bad_negative,
	    sizeof bad_negative, back, &err), CORE_E_SIG_LENGTH);
	ck_assert_int_eq(core_sig_ecdsa_from_der(bad_trailing,
	    sizeof bad_trailing, back, &err), CORE_E_SIG_LENGTH);
}
END_TEST

START_TEST(test_sign_needs_private)
{
	struct core_key	*k;
	unsigned char	 sig[CORE_SIG_MAX];
	size_t		 siglen;
	struct core_err	 err;

	k = cv_key_jwk("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
	    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
	ck_assert_int_eq(core_sig_sign(k, "x", 1, sig, &siglen, &err),
	    CORE_E_KEY);
	core_key_free(&k);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("sig");
	TCase	*tc = tcase_create("sig");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_rfc8032);
	tcase_add_test(tc, test_rfc7515_a3_es256);
	tcase_add_test(tc, test_ecdsa_der);
	tcase_add_test(tc, test_sign_needs_private);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
