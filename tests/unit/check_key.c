/* check_key.c: JWK, thumbprints, did:key, Multikey and PEM for Ed25519 and
 * P-256 keys, and the keys that must be refused. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "core/b64.h"
#include "core/json.h"
#include "core/key.h"
#include "tests/unit/crypto_vec.h"

#define RFC7515_A3_JWK "{\"kty\":\"EC\",\"crv\":\"P-256\"," \
	"\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\"," \
	"\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"," \
	"\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"}"

/* Importing the JWK text fails with code. */
static void
key_refused(const char *text, enum core_code code)
{
	struct core_key	*k = NULL;
	struct core_err	 err;
	json_t		*j = NULL;

	ck_assert_int_eq(core_json_parse(text, strlen(text), NULL, &j, &err),
	    CORE_OK);
	ck_assert_int_eq(core_key_from_jwk(j, &k, &err), code);
	ck_assert(k == NULL);
	ck_assert(err.detail[0] != '\0');
	json_decref(j);
}

/* The string member name of a JWK object. */
static const char *
key_member(const json_t *j, const char *name)
{
	return json_string_value(json_object_get(j, name));
}

START_TEST(test_rfc8037_okp)
{
	struct core_key	*priv, *pub;
	json_t		*want, *got = NULL;
	char		 tp[CORE_THUMBPRINT_LEN], *tpfile;
	struct core_err	 err;

	want = cv_json("tests/vectors/rfc8037/private.jwk");
	ck_assert_int_eq(core_key_from_jwk(want, &priv, &err), CORE_OK);
	ck_assert_int_eq(core_key_type(priv), CORE_KEY_ED25519);
	ck_assert(core_key_has_private(priv));
	ck_assert_str_eq(core_key_alg(priv), "EdDSA");
	/* A.1 round trip, with and without the private part. */
	ck_assert_int_eq(core_key_to_jwk(priv, 1, &got, &err), CORE_OK);
	ck_assert_str_eq(key_member(got, "kty"), "OKP");
	ck_assert_str_eq(key_member(got, "crv"), "Ed25519");
	ck_assert_str_eq(key_member(got, "x"), key_member(want, "x"));
	ck_assert_str_eq(key_member(got, "d"), key_member(want, "d"));
	json_decref(got);
	ck_assert_int_eq(core_key_to_jwk(priv, 0, &got, &err), CORE_OK);
	ck_assert(json_object_get(got, "d") == NULL);
	json_decref(got);
	json_decref(want);
	/* A.2 public key and A.3 thumbprint. */
	want = cv_json("tests/vectors/rfc8037/public.jwk");
	ck_assert_int_eq(core_key_from_jwk(want, &pub, &err), CORE_OK);
	ck_assert(!core_key_has_private(pub));
	ck_assert(core_key_equal(pub, priv));
	tpfile = cv_slurp("tests/vectors/rfc8037/public.thumbprint", NULL);
	tpfile[strcspn(tpfile, "\n")] = '\0';
	ck_assert_int_eq(core_key_thumbprint(pub, tp, &err), CORE_OK);
	ck_assert_str_eq(tp, tpfile);
	ck_assert_str_eq(core_key_thumbprint_str(priv), tpfile);
	ck_assert_int_eq(core_jwk_thumbprint(want, tp, &err), CORE_OK);
	ck_assert_str_eq(tp, tpfile);
	free(tpfile);
	json_decref(want);
	/* Signing needs the private part; the public key has none. */
	ck_assert_int_eq(core_key_to_jwk(pub, 1, &got, &err), CORE_OK);
	ck_assert(json_object_get(got, "d") == NULL);
	json_decref(got);
	core_key_free(&pub);
	core_key_free(&priv);
	ck_assert(priv == NULL);
}
END_TEST

START_TEST(test_rfc7638_thumbprint)
{
	json_t		*jwk;
	char		 tp[CORE_THUMBPRINT_LEN], *want;
	struct core_err	 err;

	/* RFC 7638 section 3.1: an RSA key, which only the JWK-level
	 * thumbprint handles (recourse does not verify with RSA). */
	jwk = cv_json("tests/vectors/rfc7638/rsa.jwk");
	want = cv_slurp("tests/vectors/rfc7638/rsa.thumbprint", NULL);
	want[strcspn(want, "\n")] = '\0';
	ck_assert_int_eq(core_jwk_thumbprint(jwk, tp, &err), CORE_OK);
	ck_assert_str_eq(tp, want);
	/* The optional members alg and kid do not count; a missing
	 * required member is an error. */
	json_object_del(jwk, "alg");
	json_object_set_new(jwk, "kid", json_string("another"));
	ck_assert_int_eq(core_jwk_thumbprint(jwk, tp, &err), CORE_OK);
	ck_assert_str_eq(tp, want);
	json_object_del(jwk, "e");
	ck_assert_int_eq(core_jwk_thumbprint(jwk, tp, &err), CORE_E_KEY);
	free(want);
	json_decref(jwk);
}
END_TEST

START_TEST(test_p256_jwk)
{
	struct core_key	*k, *pub;
	json_t		*got = NULL, *want;
	char		 tp[CORE_THUMBPRINT_LEN];
	struct core_err	 err;

	k = cv_key_jwk(RFC7515_A3_JWK);
	ck_assert_int_eq(core_key_type(k), CORE_KEY_P256);
	ck_assert_str_eq(core_key_alg(k), "ES256");
	ck_assert(core_key_has_private(k));
	ck_assert_int_eq(core_key_to_jwk(k, 1, &got, &err), CORE_OK);
	ck_assert_int_eq(core_json_parse(RFC7515_A3_JWK,
	    strlen(RFC7515_A3_JWK), NULL, &want, &err), CORE_OK);
	ck_assert(json_equal(got, want));
	/* The thumbprint of the key equals that of its JWK. */
	ck_assert_int_eq(core_jwk_thumbprint(want, tp, &err), CORE_OK);
	ck_assert_str_eq(core_key_thumbprint_str(k), tp);
	json_object_del(got, "d");
	ck_assert_int_eq(core_key_from_jwk(got, &pub, &err), CORE_OK);
	ck_assert(core_key_equal(pub, k));
	ck_assert(!core_key_has_private(pub));
	core_key_free(&pub);
	json_decref(got);
	json_decref(want);
	core_key_free(&k);
}
END_TEST

START_TEST(test_jwk_refused)
{
	/* A point off the curve: the y of RFC 7515 A.3 with its last bit
	 * flipped. */
	key_refused("{\"kty\":\"EC\",\"crv\":\"P-256\","
	    "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
	    "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a4\"}",
	    CORE_E_KEY);
	/* Other curves and key types. */
	key_refused("{\"kty\":\"EC\",\"crv\":\"P-384\","
	    "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
	    "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}",
	    CORE_E_KEY);
	key_refused("{\"kty\":\"OKP\",\"crv\":\"X25519\","
	    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
	    CORE_E_KEY);
	key_refused("{\"kty\":\"OKP\",\"crv\":\"Ed448\","
	    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
	    CORE_E_KEY);
	key_refused("{\"kty\":\"RSA\",\"n\":\"0vx7\",\"e\":\"AQAB\"}",
	    CORE_E_KEY);
	key_refused("{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMko\"}",
	    CORE_E_KEY);
	key_refused("{\"crv\":\"Ed25519\","
	    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
	    CORE_E_KEY);
	/* kty and alg that do not go together. */
	key_refused("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"alg\":\"ES256\","
	    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
	    CORE_E_KEY);
	key_refused("{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"EdDSA\","
	    "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
	    "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}",
	    CORE_E_KEY);
	key_refused("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"alg\":\"HS256\","
	    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
	    CORE_E_KEY);
	key_refused("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"use\":\"enc\","
	    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
	    CORE_E_KEY);
	/* Wrong lengths, bad base64url, wrong member types. */
	key_refused("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
	    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUQ\"}",
	    CORE_E_KEY);
	key_refused("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
	    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURp\"}",
	    CORE_E_KEY);
	key_refused("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
	    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"}",
	    CORE_E_KEY);
	key_refused("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":42}",
	    CORE_E_KEY);
	key_refused("{\"kty\":\"EC\",\"crv\":\"P-256\","
	    "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\"}",
	    CORE_E_KEY);
	/* A private part that belongs to another public key. */
	key_refused("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
	    "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
	    "\"x\":\"PUAXw-hDiVqStwqnTRt-vJyYLM8uxJaMwM1V8Sr0Zgw\"}",
	    CORE_E_KEY);
	key_refused("{\"kty\":\"EC\",\"crv\":\"P-256\","
	    "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
	    "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\","
	    "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"}",
	    CORE_E_KEY);
}
END_TEST

START_TEST(test_did_key)
{
	/* The did:key and Multikey of the W3C vc-di-eddsa and vc-di-ecdsa
	 * test vectors. */
	static const char *const dids[] = {
		"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
		"did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP",
	};
	struct core_key	*k, *k2;
	struct core_buf	 b;
	struct core_err	 err;
	size_t		 i;
	char		 vm[256];

	core_buf_init(&b, 1024);
	for (i = 0; i < sizeof dids / sizeof dids[0]; i++) {
		ck_assert_int_eq(core_key_from_did(dids[i], &k, &err), CORE_OK);
		ck_assert_int_eq(core_key_type(k), i == 0 ? CORE_KEY_ED25519 :
		    CORE_KEY_P256);
		core_buf_reset(&b);
		ck_assert_int_eq(core_key_to_did(k, &b, &err), CORE_OK);
		ck_assert_str_eq(core_buf_str(&b), dids[i]);
		core_buf_reset(&b);
		ck_assert_int_eq(core_key_to_multikey(k, &b, &err), CORE_OK);
		ck_assert_str_eq(core_buf_str(&b), dids[i] + 8);
		ck_assert_int_eq(core_key_from_multikey(dids[i] + 8,
		    strlen(dids[i] + 8), &k2, &err), CORE_OK);
		ck_assert(core_key_equal(k, k2));
		core_key_free(&k2);
		/* The verification method form: did#identifier. */
		snprintf(vm, sizeof vm, "%s#%s", dids[i], dids[i] + 8);
		ck_assert_int_eq(core_key_from_did(vm, &k2, &err), CORE_OK);
		ck_assert(core_key_equal(k, k2));
		core_key_free(&k2);
		core_key_free(&k);
	}
	/* A P-256 key from JWK gives the compressed did:key and back. */
	k = cv_key_jwk(RFC7515_A3_JWK);
	core_buf_reset(&b);
	ck_assert_int_eq(core_key_to_did(k, &b, &err), CORE_OK);
	ck_assert(strncmp(core_buf_str(&b), "did:key:zDn", 11) == 0);
	ck_assert_uint_eq(b.len, strlen(dids[1]));
	ck_assert_int_eq(core_key_from_did(core_buf_str(&b), &k2, &err),
	    CORE_OK);
	ck_assert(core_key_equal(k, k2));
	core_key_free(&k2);
	core_key_free(&k);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_did_key_refused)
{
	static const struct {
		const char	*did;
		enum core_code	 code;
	} bad[] = {
		{ "did:web:example.com", CORE_E_DID },
		{ "did:key:", CORE_E_DID },
		{ "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", CORE_E_DID },
		/* base64url multibase is not a did:key */
		{ "did:key:u7QE", CORE_E_DID },
		/* a character outside base58 */
		{ "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ0",
		  CORE_E_DID },
		/* one character short: wrong length */
		{ "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ",
		  CORE_E_DID },
		/* a fragment that names another key */
		{ "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
		  "#z6MktgKTsu1QhX6QPbyqG6geXdw6FQCZBPq7uQpieWbiQiG7",
		  CORE_E_DID },
		/* X25519 (0xec) keys do not sign */
		{ "did:key:z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F",
		  CORE_E_DID },
		/* P-384 (0x1201) is not supported */
		{ "did:key:z82LkvCwHNreneWpsgPEbV3gu1C6NFJEBg4srfJ5gdxEsMGRJ"
		  "Uz2sCh3Y9bN88Py7h2zHn", CORE_E_DID },
	};
	struct core_key	*k = NULL;
	struct core_err	 err;
	size_t		 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(core_key_from_did(bad[i].did, &k, &err) ==
		    bad[i].code, "%s accepted", bad[i].did);
		ck_assert(k == NULL);
	}
}
END_TEST

START_TEST(test_multikey_secret)
{
	struct core_key	*sec, *pub;
	struct core_err	 err;
	json_t		*kp;
	const char	*s;

	/* The key pairs of the W3C test vectors: the secret key gives the
	 * public one. */
	kp = cv_json("tests/vectors/vc-di-eddsa/keyPair.json");
	s = key_member(kp, "privateKeyMultibase");
	ck_assert_int_eq(core_key_from_multikey(s, strlen(s), &sec, &err),
	    CORE_OK);
	ck_assert(core_key_has_private(sec));
	s = key_member(kp, "publicKeyMultibase");
	ck_assert_int_eq(core_key_from_multikey(s, strlen(s), &pub, &err),
	    CORE_OK);
	ck_assert(core_key_equal(sec, pub));
	core_key_free(&sec);
	core_key_free(&pub);
	json_decref(kp);
	kp = cv_json("tests/vectors/vc-di-ecdsa/p256KeyPair.json");
	s = key_member(kp, "secretKeyMultibase");
	ck_assert_int_eq(core_key_from_multikey(s, strlen(s), &sec, &err),
	    CORE_OK);
	ck_assert_int_eq(core_key_type(sec), CORE_KEY_P256);
	ck_assert(core_key_has_private(sec));
	s = key_member(kp, "publicKeyMultibase");
	ck_assert_int_eq(core_key_from_multikey(s, strlen(s), &pub, &err),
	    CORE_OK);
	ck_assert(core_key_equal(sec, pub));
	core_key_free(&sec);
	core_key_free(&pub);
	json_decref(kp);
}
END_TEST

START_TEST(test_pem)
{
	static const enum core_key_type types[] = {
		CORE_KEY_ED25519, CORE_KEY_P256
	};
	struct core_key	*k, *back, *pub;
	struct core_buf	 b;
	struct core_err	 err;
	size_t		 i;

	core_buf_init(&b, 16384);
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(core_key_generate(types[i], &k, &err), CORE_OK);
		ck_assert(core_key_has_private(k));
		core_buf_reset(&b);
		ck_assert_int_eq(core_key_to_pem(k, 1, &b, &err), CORE_OK);
		ck_assert(strstr(core_buf_str(&b),
		    "-----BEGIN PRIVATE KEY-----") != NULL);
		ck_assert_int_eq(core_key_from_pem(b.data, b.len, &back, &err),
		    CORE_OK);
		ck_assert(core_key_has_private(back));
		ck_assert(core_key_equal(k, back));
		ck_assert_int_eq(core_key_type(back), types[i]);
		core_buf_reset(&b);
		ck_assert_int_eq(core_key_to_pem(k, 0, &b, &err), CORE_OK);
		ck_assert(strstr(core_buf_str(&b),
		    "-----BEGIN PUBLIC KEY-----") != NULL);
		ck_assert(strstr(core_buf_str(&b), "PRIVATE") == NULL);
		ck_assert_int_eq(core_key_from_pem(b.data, b.len, &pub, &err),
		    CORE_OK);
		ck_assert(!core_key_has_private(pub));
		ck_assert(core_key_equal(k, pub));
		/* A public key cannot be written as a private one. */
		ck_assert_int_eq(core_key_to_pem(pub, 1, &b, &err), CORE_E_KEY);
		core_key_free(&pub);
		core_key_free(&back);
		core_key_free(&k);
	}
	/* Not PEM, and a P-384 key, which recourse does not use. */
	ck_assert_int_eq(core_key_from_pem("hello", 5, &k, &err), CORE_E_PEM);
	{
		EVP_PKEY	*p384;
		BIO		*bio;
		char		*pem;
		long		 n;

		p384 = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-384");
		ck_assert(p384 != NULL);
		bio = BIO_new(BIO_s_mem());
		ck_assert(PEM_write_bio_PrivateKey(bio, p384, NULL, NULL, 0,
		    NULL, NULL) == 1);
		n = BIO_get_mem_data(bio, &pem);
		ck_assert_int_eq(core_key_from_pem(pem, (size_t)n, &k, &err),
		    CORE_E_PEM);
		ck_assert(k == NULL);
		ck_assert(strstr(err.detail, "P-256") != NULL);
		BIO_free(bio);
		EVP_PKEY_free(p384);
	}
	/* An encrypted private key is refused without asking for a
	 * password; a SEC 1 "EC PRIVATE KEY" is read. */
	ck_assert_int_eq(core_key_generate(CORE_KEY_P256, &k, &err), CORE_OK);
	{
		BIO	*bio;
		char	*pem;
		long	 n;

		bio = BIO_new(BIO_s_mem());
		ck_assert(PEM_write_bio_PrivateKey(bio, core_key_evp(k),
		    EVP_aes_256_cbc(), NULL, 0, NULL, (void *)"secret") == 1);
		n = BIO_get_mem_data(bio, &pem);
		ck_assert(strstr(pem, "ENCRYPTED") != NULL);
		ck_assert_int_eq(core_key_from_pem(pem, (size_t)n, &back, &err),
		    CORE_E_PEM);
		BIO_free(bio);
		bio = BIO_new(BIO_s_mem());
		ck_assert(PEM_write_bio_PrivateKey_traditional(bio,
		    core_key_evp(k), NULL, NULL, 0, NULL, NULL) == 1);
		n = BIO_get_mem_data(bio, &pem);
		ck_assert(strstr(pem, "BEGIN EC PRIVATE KEY") != NULL);
		ck_assert_int_eq(core_key_from_pem(pem, (size_t)n, &back, &err),
		    CORE_OK);
		ck_assert(core_key_has_private(back));
		ck_assert(core_key_equal(k, back));
		core_key_free(&back);
		BIO_free(bio);
	}
	core_key_free(&k);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_refcount)
{
	struct core_key	*k, *r;
	struct core_err	 err;

	ck_assert_int_eq(core_key_generate(CORE_KEY_ED25519, &k, &err),
	    CORE_OK);
	r = core_key_ref(k);
	ck_assert_ptr_eq(r, k);
	core_key_free(&k);
	ck_assert(k == NULL);
	/* Still usable through the other reference. */
	ck_assert_int_eq(core_key_type(r), CORE_KEY_ED25519);
	core_key_free(&r);
	core_key_free(&r);
	ck_assert_int_eq(core_key_generate((enum core_key_type)7, &k, &err),
	    CORE_E_ARG);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("key");
	TCase	*tc = tcase_create("key");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_rfc8037_okp);
	tcase_add_test(tc, test_rfc7638_thumbprint);
	tcase_add_test(tc, test_p256_jwk);
	tcase_add_test(tc, test_jwk_refused);
	tcase_add_test(tc, test_did_key);
	tcase_add_test(tc, test_did_key_refused);
	tcase_add_test(tc, test_multikey_secret);
	tcase_add_test(tc, test_pem);
	tcase_add_test(tc, test_refcount);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
