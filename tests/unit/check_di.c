/* check_di.c: W3C Data Integrity with eddsa-jcs-2022 and ecdsa-jcs-2019:
 * the W3C test vectors step by step, proof creation, proof sets, and the
 * proofs that must be refused. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/b64.h"
#include "core/di.h"
#include "core/hash.h"
#include "core/jcs.h"
#include "core/json.h"
#include "core/key.h"
#include "tests/unit/crypto_vec.h"

#define ED_DIR "tests/vectors/vc-di-eddsa/"
#define EC_DIR "tests/vectors/vc-di-ecdsa/"
#define ED_VM "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2" \
	"#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"

/* The first line of a text file of the vectors. */
static char *
di_line(const char *rel)
{
	char	*s = cv_slurp(rel, NULL);

	s[strcspn(s, "\r\n")] = '\0';
	return s;
}

/* A key from the member name (a Multikey) of a key-pair file. */
static struct core_key *
di_key(const char *rel, const char *outer, const char *name)
{
	struct core_key	*k = NULL;
	struct core_err	 err;
	json_t		*kp = cv_json(rel), *o = kp;
	const char	*s;

	if (outer != NULL)
		o = json_object_get(kp, outer);
	s = json_string_value(json_object_get(o, name));
	ck_assert(s != NULL);
	ck_assert_int_eq(core_key_from_multikey(s, strlen(s), &k, &err),
	    CORE_OK);
	json_decref(kp);
	return k;
}

/* Verify doc and return the code (the result is freed). */
static enum core_code
di_check(const json_t *doc, const struct core_di_verify_opts *opts)
{
	struct core_di_result	res;
	struct core_err		err;
	enum core_code		rc;

	rc = core_di_verify(doc, opts, &res, &err);
	if (rc != CORE_OK) {
		ck_assert_int_eq(err.code, rc);
		ck_assert(res.document == NULL && res.nproofs == 0);
	}
	core_di_result_free(&res);
	return rc;
}

/* Canonical form of v as a new C string. */
static char *
di_canon(const json_t *v)
{
	struct core_buf	b;
	struct core_err	err;

	core_buf_init(&b, 1 << 20);
	ck_assert_int_eq(core_jcs_serialize(v, &b, &err), CORE_OK);
	return (char *)core_buf_take(&b, NULL);
}

START_TEST(test_eddsa_vector_steps)
{
	json_t		*unsigned_doc, *config;
	char		*canon, *want, hex[2 * CORE_SHA256_LEN + 1];
	unsigned char	 h[CORE_SHA256_LEN];
	struct core_buf	 b;
	struct core_err	 err;
	char		*value;

	/* The document and proof configuration canonicalise and hash to the
	 * values of the specification's example. */
	unsigned_doc = cv_json(ED_DIR "unsigned.json");
	canon = di_canon(unsigned_doc);
	want = di_line(ED_DIR "eddsa-jcs-2022/canonDocJCS.txt");
	ck_assert_str_eq(canon, want);
	free(want);
	ck_assert_int_eq(core_sha256_hex(canon, strlen(canon), hex), CORE_OK);
	want = di_line(ED_DIR "eddsa-jcs-2022/docHashJCS.txt");
	ck_assert_str_eq(hex, want);
	free(want);
	free(canon);
	config = cv_json(ED_DIR "eddsa-jcs-2022/proofConfigJCS.json");
	canon = di_canon(config);
	want = di_line(ED_DIR "eddsa-jcs-2022/proofCanonJCS.txt");
	ck_assert_str_eq(canon, want);
	free(want);
	ck_assert_int_eq(core_sha256(canon, strlen(canon), h), CORE_OK);
	core_hex(h, sizeof h, hex);
	want = di_line(ED_DIR "eddsa-jcs-2022/proofHashJCS.txt");
	ck_assert_str_eq(hex, want);
	free(want);
	free(canon);
	/* The proof value is the base58btc of the signature's hex. */
	value = di_line(ED_DIR "eddsa-jcs-2022/sigBTC58JCS.txt");
	want = di_line(ED_DIR "eddsa-jcs-2022/sigHexJCS.txt");
	core_buf_init(&b, 1024);
	ck_assert_int_eq(core_multibase_decode(value, strlen(value), &b, &err),
	    CORE_OK);
	ck_assert_uint_eq(b.len, 64);
	{
		char	sighex[129];

		core_hex(b.data, 64, sighex);
		ck_assert_str_eq(sighex, want);
	}
	core_buf_free(&b);
	free(value);
	free(want);
	json_decref(config);
	json_decref(unsigned_doc);
}
END_TEST

START_TEST(test_eddsa_vector_verify)
{
	struct core_di_result	res;
	struct core_err		err;
	json_t			*doc, *unsigned_doc;

	doc = cv_json(ED_DIR "eddsa-jcs-2022/signedJCS.json");
	ck_assert_int_eq(core_di_verify(doc, NULL, &res, &err), CORE_OK);
	ck_assert_uint_eq(res.nproofs, 1);
	ck_assert_int_eq(res.proofs[0].suite, CORE_DI_EDDSA_JCS_2022);
	ck_assert_str_eq(res.proofs[0].verification_method, ED_VM);
	ck_assert_str_eq(res.proofs[0].purpose, "assertionMethod");
	ck_assert_str_eq(res.proofs[0].created, "2023-02-24T23:36:38Z");
	unsigned_doc = cv_json(ED_DIR "unsigned.json");
	ck_assert(json_equal(res.document, unsigned_doc));
	core_di_result_free(&res);
	json_decref(unsigned_doc);
	json_decref(doc);
}
END_TEST

START_TEST(test_eddsa_vector_create)
{
	struct core_di_sign_opts opts;
	struct core_key	*k;
	struct core_err	 err;
	json_t		*doc, *signed_doc, *want;

	/* Ed25519 is deterministic: the same proof as the W3C example. */
	k = di_key(ED_DIR "keyPair.json", NULL, "privateKeyMultibase");
	doc = cv_json(ED_DIR "unsigned.json");
	memset(&opts, 0, sizeof opts);
	opts.created = "2023-02-24T23:36:38Z";
	ck_assert_int_eq(core_di_sign(doc, k, &opts, &signed_doc, &err),
	    CORE_OK);
	want = cv_json(ED_DIR "eddsa-jcs-2022/signedJCS.json");
	ck_assert(json_equal(signed_doc, want));
	ck_assert_int_eq(di_check(signed_doc, NULL), CORE_OK);
	json_decref(want);
	json_decref(signed_doc);
	json_decref(doc);
	core_key_free(&k);
}
END_TEST

START_TEST(test_ecdsa_vector)
{
	struct core_di_result	 res;
	struct core_di_sign_opts opts;
	struct core_key		*k;
	struct core_err		 err;
	json_t			*doc, *unsigned_doc, *mine, *config;
	char			*canon, *want, hex[2 * CORE_SHA256_LEN + 1];

	/* The steps of the specification's example. */
	unsigned_doc = cv_json(EC_DIR "unsigned.json");
	canon = di_canon(unsigned_doc);
	want = di_line(EC_DIR "ecdsa-jcs-2019-p256/canonDocJCSECDSAP256.txt");
	ck_assert_str_eq(canon, want);
	free(want);
	free(canon);
	config = cv_json(EC_DIR "ecdsa-jcs-2019-p256/proofConfigJCSECDSAP256.json");
	canon = di_canon(config);
	want = di_line(EC_DIR "ecdsa-jcs-2019-p256/proofCanonJCSECDSAP256.txt");
	ck_assert_str_eq(canon, want);
	free(want);
	ck_assert_int_eq(core_sha256_hex(canon, strlen(canon), hex), CORE_OK);
	want = di_line(EC_DIR "ecdsa-jcs-2019-p256/proofHashJCSECDSAP256.txt");
	ck_assert_str_eq(hex, want);
	free(want);
	free(canon);
	json_decref(config);
	/* The signed example verifies. */
	doc = cv_json(EC_DIR "ecdsa-jcs-2019-p256/signedJCSECDSAP256.json");
	ck_assert_int_eq(core_di_verify(doc, NULL, &res, &err), CORE_OK);
	ck_assert_int_eq(res.proofs[0].suite, CORE_DI_ECDSA_JCS_2019);
	ck_assert(json_equal(res.document, unsigned_doc));
	core_di_result_free(&res);
	/* A new proof with the example's key (ECDSA is randomised) verifies
	 * and differs only in its value. */
	k = di_key(EC_DIR "p256KeyPair.json", NULL, "secretKeyMultibase");
	memset(&opts, 0, sizeof opts);
	opts.created = "2023-02-24T23:36:38Z";
	ck_assert_int_eq(core_di_sign(unsigned_doc, k, &opts, &mine, &err),
	    CORE_OK);
	ck_assert_int_eq(di_check(mine, NULL), CORE_OK);
	ck_assert(!json_equal(mine, doc));
	json_object_del(json_object_get(mine, "proof"), "proofValue");
	json_object_del(json_object_get(doc, "proof"), "proofValue");
	ck_assert(json_equal(mine, doc));
	json_decref(mine);
	core_key_free(&k);
	json_decref(doc);
	json_decref(unsigned_doc);
}
END_TEST

/* A copy of the signed eddsa example with proof member name set to v. */
static json_t *
di_with(const char *name, json_t *v)
{
	json_t	*doc = cv_json(ED_DIR "eddsa-jcs-2022/signedJCS.json");
	json_t	*proof = json_object_get(doc, "proof");

	if (v == NULL)
		json_object_del(proof, name);
	else
		json_object_set_new(proof, name, v);
	return doc;
}

START_TEST(test_refused)
{
	struct core_di_verify_opts opts;
	json_t	*doc;

	/* A changed credential; a changed proof option. */
	doc = cv_json(ED_DIR "eddsa-jcs-2022/signedJCS.json");
	json_object_set_new(doc, "name", json_string("Alumni Credentia1"));
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_SIG_INVALID);
	json_decref(doc);
	doc = di_with("created", json_string("2023-02-24T23:36:39Z"));
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_SIG_INVALID);
	json_decref(doc);
	/* The signature of another document. */
	doc = di_with("proofValue", json_string("z5ptCet75SaEgzG4v4zJhbJtfNi74W"
	    "v7Fq15hhKouJQQjEPQvPZKaYxcMXAMLPQS2FXrkCWokNJkFVkwxNzZfD5oT"));
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_SIG_INVALID);
	json_decref(doc);
	/* Proof values: not base58btc, not 64 bytes. */
	doc = di_with("proofValue", json_string("uAAAA"));
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DI_PROOF);
	json_decref(doc);
	doc = di_with("proofValue", json_string("z2HnFSSPPBzR36zdDgK8PbEHeX0"));
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DI_PROOF);
	json_decref(doc);
	doc = di_with("proofValue", json_string("z2HnFSSPPBzR36zdDgK8PbEHeXbR56Y"
	    "F24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTM"));
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_SIG_LENGTH);
	json_decref(doc);
	/* Suites, types and members. */
	doc = di_with("cryptosuite", json_string("eddsa-rdfc-2022"));
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DI_PROOF);
	json_decref(doc);
	doc = di_with("cryptosuite", json_string("ecdsa-jcs-2019"));
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DI_PROOF);
	json_decref(doc);
	doc = di_with("type", json_string("Ed25519Signature2020"));
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DI_PROOF);
	json_decref(doc);
	doc = di_with("proofPurpose", NULL);
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DI_PROOF);
	json_decref(doc);
	doc = di_with("created", json_string("24 February 2023"));
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DI_PROOF);
	json_decref(doc);
	doc = di_with("previousProof", json_string("urn:uuid:1"));
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DI_PROOF);
	json_decref(doc);
	/* Verification methods that are not usable did:key. */
	doc = di_with("verificationMethod",
	    json_string("https://vc.example/issuers/5678#key-1"));
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DID);
	json_decref(doc);
	doc = di_with("verificationMethod", json_string("did:key:zDnaepBuvsQ8"
	    "cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP#zDnaepBuvsQ8cpsWrVKw8fbpGp"
	    "vPeNSjVPTWoq6cRqaYzBKVP"));
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DI_PROOF);
	json_decref(doc);
	/* The proof's @context must begin the document's. */
	doc = cv_json(ED_DIR "eddsa-jcs-2022/signedJCS.json");
	json_array_remove(json_object_get(doc, "@context"), 1);
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DI_PROOF);
	json_decref(doc);
	/* Purpose asked for, and expiry. */
	doc = cv_json(ED_DIR "eddsa-jcs-2022/signedJCS.json");
	memset(&opts, 0, sizeof opts);
	opts.purpose = "authentication";
	ck_assert_int_eq(di_check(doc, &opts), CORE_E_DI_PROOF);
	opts.purpose = "assertionMethod";
	ck_assert_int_eq(di_check(doc, &opts), CORE_OK);
	json_decref(doc);
	/* No proof at all; not an object. */
	doc = cv_json(ED_DIR "unsigned.json");
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DI_PROOF);
	json_object_set_new(doc, "proof", json_array());
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DI_PROOF);
	json_object_set_new(doc, "proof", json_string("z2Hn"));
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DI_PROOF);
	json_decref(doc);
	doc = json_array();
	ck_assert_int_eq(di_check(doc, NULL), CORE_E_DI_PROOF);
	json_decref(doc);
}
END_TEST

START_TEST(test_expires)
{
	struct core_di_verify_opts vopts;
	struct core_di_sign_opts sopts;
	struct core_key	*k;
	struct core_err	 err;
	json_t		*doc, *signed_doc;

	k = di_key(ED_DIR "keyPair.json", NULL, "privateKeyMultibase");
	doc = cv_json(ED_DIR "unsigned.json");
	memset(&sopts, 0, sizeof sopts);
	sopts.created = "2026-11-26T10:00:00Z";
	sopts.expires = "2026-12-26T10:00:00+01:00";
	ck_assert_int_eq(core_di_sign(doc, k, &sopts, &signed_doc, &err),
	    CORE_OK);
	memset(&vopts, 0, sizeof vopts);
	/* 2026-12-26T09:00:00Z is 1798275600. */
	vopts.now = 1798275600LL - 1;
	ck_assert_int_eq(di_check(signed_doc, &vopts), CORE_OK);
	vopts.now = 1798275600LL + 1;
	ck_assert_int_eq(di_check(signed_doc, &vopts), CORE_E_DI_PROOF);
	vopts.now = 0;
	ck_assert_int_eq(di_check(signed_doc, &vopts), CORE_OK);
	json_decref(signed_doc);
	/* Dates are checked when signing too. */
	sopts.expires = "2026-02-30T10:00:00Z";
	ck_assert_int_eq(core_di_sign(doc, k, &sopts, &signed_doc, &err),
	    CORE_E_ARG);
	json_decref(doc);
	core_key_free(&k);
}
END_TEST

START_TEST(test_proof_set)
{
	struct core_di_result	res;
	struct core_key		*k1, *k2, *p256;
	struct core_err		 err;
	json_t			*doc, *one, *two, *three, *proofs;
	const char		*v;
	char			*bad;

	k1 = di_key(ED_DIR "multiKeyPairs.json", "keyPair1",
	    "privateKeyMultibase");
	k2 = di_key(ED_DIR "multiKeyPairs.json", "keyPair2",
	    "privateKeyMultibase");
	ck_assert_int_eq(core_key_generate(CORE_KEY_P256, &p256, &err),
	    CORE_OK);
	doc = cv_json(ED_DIR "unsigned.json");
	ck_assert_int_eq(core_di_sign(doc, k1, NULL, &one, &err), CORE_OK);
	ck_assert_int_eq(core_di_sign(one, k2, NULL, &two, &err), CORE_OK);
	ck_assert_int_eq(core_di_sign(two, p256, NULL, &three, &err), CORE_OK);
	proofs = json_object_get(three, "proof");
	ck_assert(json_is_array(proofs));
	ck_assert_uint_eq(json_array_size(proofs), 3);
	ck_assert_int_eq(core_di_verify(three, NULL, &res, &err), CORE_OK);
	ck_assert_uint_eq(res.nproofs, 3);
	ck_assert_str_eq(res.proofs[0].thumbprint, core_key_thumbprint_str(k1));
	ck_assert_str_eq(res.proofs[1].thumbprint, core_key_thumbprint_str(k2));
	ck_assert_int_eq(res.proofs[2].suite, CORE_DI_ECDSA_JCS_2019);
	ck_assert(json_equal(res.document, doc));
	core_di_result_free(&res);
	/* Every proof must verify: spoil the second. */
	v = json_string_value(json_object_get(json_array_get(proofs, 1),
	    "proofValue"));
	bad = strdup(v);
	bad[5] = bad[5] == '2' ? '3' : '2';
	json_object_set_new(json_array_get(proofs, 1), "proofValue",
	    json_string(bad));
	free(bad);
	ck_assert_int_eq(di_check(three, NULL), CORE_E_SIG_INVALID);
	/* A set reduced to its first proof still verifies. */
	json_array_remove(proofs, 2);
	json_array_remove(proofs, 1);
	ck_assert_int_eq(di_check(three, NULL), CORE_OK);
	json_decref(one);
	json_decref(two);
	json_decref(three);
	json_decref(doc);
	core_key_free(&k1);
	core_key_free(&k2);
	core_key_free(&p256);
}
END_TEST

START_TEST(test_verify_buf)
{
	struct core_di_result	res;
	struct core_err		err;
	char			*text;
	size_t			 n;

	text = cv_slurp(ED_DIR "eddsa-jcs-2022/signedJCS.json", &n);
	ck_assert_int_eq(core_di_verify_buf(text, n, NULL, &res, &err),
	    CORE_OK);
	core_di_result_free(&res);
	/* A repeated member name is refused before any cryptography. */
	ck_assert_int_eq(core_di_verify_buf("{\"proof\":1,\"proof\":2}", 21,
	    NULL, &res, &err), CORE_E_JSON_DUPLICATE);
	free(text);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("di");
	TCase	*tc = tcase_create("di");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_eddsa_vector_steps);
	tcase_add_test(tc, test_eddsa_vector_verify);
	tcase_add_test(tc, test_eddsa_vector_create);
	tcase_add_test(tc, test_ecdsa_vector);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_expires);
	tcase_add_test(tc, test_proof_set);
	tcase_add_test(tc, test_verify_buf);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
