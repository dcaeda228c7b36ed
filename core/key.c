/* key.c: Ed25519 and P-256 keys: JWK, did:key, Multikey, PEM, thumbprints. */
#include "config.h"

#include <string.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include "core/alloc.h"
#include "core/b64.h"
#include "core/hash.h"
#include "core/jcs.h"
#include "core/key.h"
#include "core/ossl.h"

#define KEY_ED25519_LEN	32
#define KEY_P256_LEN	32
#define KEY_PEM_MAX	(64u * 1024u)
#define KEY_DID_MAX	256

struct core_key {
	int			 refs;
	enum core_key_type	 type;
	int			 has_private;
	EVP_PKEY		*pkey;
	/* Ed25519: the 32 raw bytes; P-256: 0x04 || x || y. */
	unsigned char		 pub[1 + 2 * KEY_P256_LEN];
	size_t			 publen;
	char			 thumb[CORE_THUMBPRINT_LEN];
};

static enum core_code key_thumbprint_compute(const struct core_key *,
		    char [CORE_THUMBPRINT_LEN], struct core_err *);

/* Multicodec prefixes (unsigned varints) of did:key and Multikey:
 * ed25519-pub 0xed, p256-pub 0x1200 (compressed point), ed25519-priv 0x1300
 * and p256-priv 0x1306. */
static const unsigned char key_mc_ed25519[] = { 0xed, 0x01 };
static const unsigned char key_mc_p256[] = { 0x80, 0x24 };
static const unsigned char key_mc_ed25519_priv[] = { 0x80, 0x26 };
static const unsigned char key_mc_p256_priv[] = { 0x86, 0x26 };

/* Fill pub and thumb of k from its EVP_PKEY. */
static enum core_code
key_fill_public(struct core_key *k, struct core_err *err)
{
	BIGNUM		*x = NULL, *y = NULL;
	size_t		 len = 0;
	enum core_code	 rc = CORE_OK;

	if (k->type == CORE_KEY_ED25519) {
		len = sizeof k->pub;
		if (EVP_PKEY_get_raw_public_key(k->pkey, k->pub, &len) != 1 ||
		    len != KEY_ED25519_LEN) {
			rc = core_ossl_error(err, CORE_E_KEY,
			    "cannot read the Ed25519 public key");
			goto out;
		}
		k->publen = len;
	} else {
		if (EVP_PKEY_get_bn_param(k->pkey, OSSL_PKEY_PARAM_EC_PUB_X,
		    &x) != 1 ||
		    EVP_PKEY_get_bn_param(k->pkey, OSSL_PKEY_PARAM_EC_PUB_Y,
		    &y) != 1 ||
		    BN_bn2binpad(x, k->pub + 1, KEY_P256_LEN) != KEY_P256_LEN ||
		    BN_bn2binpad(y, k->pub + 1 + KEY_P256_LEN,
		    KEY_P256_LEN) != KEY_P256_LEN) {
			rc = core_ossl_error(err, CORE_E_KEY,
			    "cannot read the P-256 public key");
			goto out;
		}
		k->pub[0] = 0x04;
		k->publen = 1 + 2 * KEY_P256_LEN;
	}
	rc = key_thumbprint_compute(k, k->thumb, err);
out:
	BN_free(x);
	BN_free(y);
	return rc;
}

/* Wrap pkey (taking it over, even on failure) after checking that it is an
 * Ed25519 or P-256 key whose public point, and private scalar if any, are
 * valid. */
static enum core_code
key_wrap(EVP_PKEY *pkey, int has_private, struct core_key **out,
    struct core_err *err)
{
	struct core_key	*k = NULL;
	EVP_PKEY_CTX	*ctx = NULL;
	char		 group[32];
	size_t		 glen = 0;
	enum core_code	 rc = CORE_OK;

	if ((k = core_calloc(1, sizeof *k)) == NULL) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET,
		    "holding a key");
		goto out;
	}
	k->refs = 1;
	k->pkey = pkey;
	pkey = NULL;
	k->has_private = has_private;
	if (EVP_PKEY_is_a(k->pkey, "ED25519"))
		k->type = CORE_KEY_ED25519;
	else if (EVP_PKEY_is_a(k->pkey, "EC")) {
		if (EVP_PKEY_get_utf8_string_param(k->pkey,
		    OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
		    &glen) != 1 || (strcmp(group, "prime256v1") != 0 &&
		    strcmp(group, "P-256") != 0)) {
			rc = core_ossl_error(err, CORE_E_KEY,
			    "EC key not on the curve P-256");
			goto out;
		}
		k->type = CORE_KEY_P256;
		if ((ctx = EVP_PKEY_CTX_new_from_pkey(NULL, k->pkey,
		    NULL)) == NULL) {
			rc = core_ossl_error(err, CORE_E_INTERNAL,
			    "cannot check the key");
			goto out;
		}
		if (EVP_PKEY_public_check(ctx) != 1) {
			rc = core_ossl_error(err, CORE_E_KEY,
			    "the public key is not a point on P-256");
			goto out;
		}
		if (has_private && (EVP_PKEY_private_check(ctx) != 1 ||
		    EVP_PKEY_pairwise_check(ctx) != 1)) {
			rc = core_ossl_error(err, CORE_E_KEY,
			    "the private key does not match the public key");
			goto out;
		}
	} else {
		if ((rc = core_ossl_error(err, CORE_E_KEY, "")) == CORE_E_KEY)
			core_err_set(err, rc, CORE_NO_OFFSET,
			    "key type %s is not supported",
			    EVP_PKEY_get0_type_name(k->pkey) == NULL ? "?" :
			    EVP_PKEY_get0_type_name(k->pkey));
		goto out;
	}
	if ((rc = key_fill_public(k, err)) != CORE_OK)
		goto out;
	*out = k;
	k = NULL;
out:
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(pkey);
	core_key_free(&k);
	return rc;
}

/* An Ed25519 key from raw bytes: public (32) and, if priv, private (32). */
static enum core_code
key_ed25519_raw(const unsigned char *pub, const unsigned char *priv,
    struct core_key **out, struct core_err *err)
{
	EVP_PKEY	*pkey = NULL;
	struct core_key	*k = NULL;
	enum core_code	 rc;

	if (priv != NULL)
		pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, priv,
		    KEY_ED25519_LEN);
	else
		pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub,
		    KEY_ED25519_LEN);
	if (pkey == NULL) {
		rc = core_ossl_error(err, CORE_E_KEY, "not an Ed25519 key");
		goto out;
	}
	if ((rc = key_wrap(pkey, priv != NULL, &k, err)) != CORE_OK)
		goto out;
	if (priv != NULL && pub != NULL &&
	    memcmp(k->pub, pub, KEY_ED25519_LEN) != 0) {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "the private key does not match the public key");
		goto out;
	}
	*out = k;
	k = NULL;
out:
	core_key_free(&k);
	return rc;
}

/* A P-256 key from an encoded point (compressed or not) and, if priv, the
 * 32-byte private scalar. */
static enum core_code
key_p256_raw(const unsigned char *pub, size_t publen, const unsigned char *priv,
    struct core_key **out, struct core_err *err)
{
	OSSL_PARAM_BLD	*bld = NULL;
	OSSL_PARAM	*params = NULL;
	EVP_PKEY_CTX	*ctx = NULL;
	EVP_PKEY	*pkey = NULL;
	BIGNUM		*d = NULL;
	enum core_code	 rc = CORE_OK;

	if ((bld = OSSL_PARAM_BLD_new()) == NULL ||
	    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
	    "prime256v1", 0) != 1 ||
	    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub,
	    publen) != 1) {
		rc = core_ossl_error(err, CORE_E_NOMEM, "cannot build parameters");
		goto out;
	}
	if (priv != NULL) {
		if ((d = BN_secure_new()) == NULL ||
		    BN_bin2bn(priv, KEY_P256_LEN, d) == NULL ||
		    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY,
		    d) != 1) {
			rc = core_ossl_error(err, CORE_E_NOMEM,
			    "cannot build parameters");
			goto out;
		}
	}
	if ((params = OSSL_PARAM_BLD_to_param(bld)) == NULL ||
	    (ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL)) == NULL ||
	    EVP_PKEY_fromdata_init(ctx) != 1) {
		rc = core_ossl_error(err, CORE_E_INTERNAL,
		    "cannot make a P-256 key");
		goto out;
	}
	if (EVP_PKEY_fromdata(ctx, &pkey, priv != NULL ? EVP_PKEY_KEYPAIR :
	    EVP_PKEY_PUBLIC_KEY, params) != 1) {
		rc = core_ossl_error(err, CORE_E_KEY,
		    "the public key is not a point on P-256");
		goto out;
	}
	rc = key_wrap(pkey, priv != NULL, out, err);
	pkey = NULL;
out:
	EVP_PKEY_free(pkey);
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_clear_free(d);
	return rc;
}

/* A P-256 key pair from its 32-byte private scalar alone. */
static enum core_code
key_p256_from_scalar(const unsigned char *priv, struct core_key **out,
    struct core_err *err)
{
	EC_GROUP	*group = NULL;
	EC_POINT	*pt = NULL;
	BIGNUM		*d = NULL;
	unsigned char	 pub[1 + 2 * KEY_P256_LEN];
	enum core_code	 rc;

	if ((group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1)) ==
	    NULL || (pt = EC_POINT_new(group)) == NULL ||
	    (d = BN_secure_new()) == NULL ||
	    BN_bin2bn(priv, KEY_P256_LEN, d) == NULL) {
		rc = core_ossl_error(err, CORE_E_INTERNAL, "P-256 arithmetic");
		goto out;
	}
	if (BN_is_zero(d) || BN_cmp(d, EC_GROUP_get0_order(group)) >= 0) {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "the P-256 private scalar is out of range");
		goto out;
	}
	if (EC_POINT_mul(group, pt, d, NULL, NULL, NULL) != 1 ||
	    EC_POINT_point2oct(group, pt, POINT_CONVERSION_UNCOMPRESSED, pub,
	    sizeof pub, NULL) != sizeof pub) {
		rc = core_ossl_error(err, CORE_E_INTERNAL, "P-256 arithmetic");
		goto out;
	}
	rc = key_p256_raw(pub, sizeof pub, priv, out, err);
out:
	BN_clear_free(d);
	EC_POINT_free(pt);
	EC_GROUP_free(group);
	OPENSSL_cleanse(pub, sizeof pub);
	return rc;
}

/* A new key pair of the given type. */
enum core_code
core_key_generate(enum core_key_type type, struct core_key **out,
    struct core_err *err)
{
	EVP_PKEY	*pkey = NULL;
	enum core_code	 rc;

	*out = NULL;
	if (type == CORE_KEY_ED25519)
		pkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	else if (type == CORE_KEY_P256)
		pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	else {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "unknown key type %d", (int)type);
		goto out;
	}
	if (pkey == NULL) {
		rc = core_ossl_error(err, CORE_E_INTERNAL,
		    "key generation failed");
		goto out;
	}
	rc = key_wrap(pkey, 1, out, err);
out:
	return rc;
}

/* The string member name of a JWK, or NULL when absent; *bad set when it is
 * present but not a string. */
static const char *
key_jwk_str(const json_t *jwk, const char *name, size_t *len, int *bad)
{
	const json_t	*v = json_object_get(jwk, name);

	if (v == NULL)
		return NULL;
	if (!json_is_string(v)) {
		*bad = 1;
		return NULL;
	}
	if (len != NULL)
		*len = json_string_length(v);
	return json_string_value(v);
}

/* Decode the base64url member name of a JWK into exactly n bytes. */
static enum core_code
key_jwk_bytes(const json_t *jwk, const char *name, unsigned char *out,
    size_t n, int required, int *present, struct core_err *err)
{
	unsigned char	 tmp[64];
	const char	*s;
	size_t		 len = 0, got = 0;
	int		 bad = 0;
	enum core_code	 rc = CORE_OK;

	*present = 0;
	s = key_jwk_str(jwk, name, &len, &bad);
	if (bad || (s == NULL && required)) {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "JWK member \"%s\" %s", name, bad ? "is not a string" :
		    "is missing");
		goto out;
	}
	if (s == NULL)
		goto out;
	if (core_b64url_decoded_max(len) > sizeof tmp ||
	    core_b64url_decode_to(s, len, tmp, sizeof tmp, &got, NULL) !=
	    CORE_OK || got != n) {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "JWK member \"%s\" is not base64url of %zu bytes", name, n);
		goto out;
	}
	memcpy(out, tmp, n);
	*present = 1;
out:
	OPENSSL_cleanse(tmp, sizeof tmp);
	return rc;
}

/* A key from a JWK: OKP Ed25519 or EC P-256, public or private. */
enum core_code
core_key_from_jwk(const json_t *jwk, struct core_key **out,
    struct core_err *err)
{
	unsigned char	 pub[1 + 2 * KEY_P256_LEN], d[KEY_P256_LEN];
	const char	*kty, *crv, *alg, *use;
	int		 bad = 0, have_d = 0, have = 0;
	enum core_code	 rc = CORE_OK;

	*out = NULL;
	if (!json_is_object(jwk)) {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "a JWK must be a JSON object");
		goto out;
	}
	kty = key_jwk_str(jwk, "kty", NULL, &bad);
	crv = key_jwk_str(jwk, "crv", NULL, &bad);
	alg = key_jwk_str(jwk, "alg", NULL, &bad);
	use = key_jwk_str(jwk, "use", NULL, &bad);
	if (bad || kty == NULL) {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "JWK members kty, crv, alg and use must be strings");
		goto out;
	}
	if (use != NULL && strcmp(use, "sig") != 0) {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "JWK \"use\" is \"%.32s\", not \"sig\"", use);
		goto out;
	}
	if (strcmp(kty, "OKP") == 0) {
		if (crv == NULL || strcmp(crv, "Ed25519") != 0) {
			rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
			    "OKP curve \"%.32s\" is not supported",
			    crv == NULL ? "" : crv);
			goto out;
		}
		if (alg != NULL && strcmp(alg, "EdDSA") != 0 &&
		    strcmp(alg, "Ed25519") != 0) {
			rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
			    "JWK alg \"%.32s\" does not fit an Ed25519 key",
			    alg);
			goto out;
		}
		if ((rc = key_jwk_bytes(jwk, "x", pub, KEY_ED25519_LEN, 1,
		    &have, err)) != CORE_OK ||
		    (rc = key_jwk_bytes(jwk, "d", d, KEY_ED25519_LEN, 0,
		    &have_d, err)) != CORE_OK)
			goto out;
		rc = key_ed25519_raw(pub, have_d ? d : NULL, out, err);
	} else if (strcmp(kty, "EC") == 0) {
		if (crv == NULL || strcmp(crv, "P-256") != 0) {
			rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
			    "EC curve \"%.32s\" is not supported",
			    crv == NULL ? "" : crv);
			goto out;
		}
		if (alg != NULL && strcmp(alg, "ES256") != 0) {
			rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
			    "JWK alg \"%.32s\" does not fit a P-256 key", alg);
			goto out;
		}
		pub[0] = 0x04;
		if ((rc = key_jwk_bytes(jwk, "x", pub + 1, KEY_P256_LEN, 1,
		    &have, err)) != CORE_OK ||
		    (rc = key_jwk_bytes(jwk, "y", pub + 1 + KEY_P256_LEN,
		    KEY_P256_LEN, 1, &have, err)) != CORE_OK ||
		    (rc = key_jwk_bytes(jwk, "d", d, KEY_P256_LEN, 0,
		    &have_d, err)) != CORE_OK)
			goto out;
		rc = key_p256_raw(pub, sizeof pub, have_d ? d : NULL, out, err);
	} else {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "JWK kty \"%.32s\" is not supported", kty);
	}
out:
	OPENSSL_cleanse(d, sizeof d);
	return rc;
}

/* Set member name of obj to the base64url of n bytes. */
static enum core_code
key_jwk_set(json_t *obj, const char *name, const unsigned char *p, size_t n)
{
	struct core_buf	 b;
	enum core_code	 rc;

	core_buf_init(&b, 128);
	if ((rc = core_b64url_encode(p, n, &b)) != CORE_OK)
		goto out;
	if (json_object_set_new(obj, name, json_stringn(core_buf_str(&b),
	    b.len)) != 0)
		rc = CORE_E_NOMEM;
out:
	if (b.data != NULL)
		OPENSSL_cleanse(b.data, b.len);
	core_buf_free(&b);
	return rc;
}

/* The private scalar or seed of k, 32 bytes. */
static enum core_code
key_private_bytes(const struct core_key *k, unsigned char out[32],
    struct core_err *err)
{
	BIGNUM		*d = NULL;
	size_t		 len = 32;
	enum core_code	 rc = CORE_OK;

	if (!k->has_private) {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "the key has no private part");
		goto out;
	}
	if (k->type == CORE_KEY_ED25519) {
		if (EVP_PKEY_get_raw_private_key(k->pkey, out, &len) != 1 ||
		    len != 32)
			rc = core_ossl_error(err, CORE_E_INTERNAL,
			    "cannot read the private key");
	} else {
		if (EVP_PKEY_get_bn_param(k->pkey, OSSL_PKEY_PARAM_PRIV_KEY,
		    &d) != 1 || BN_bn2binpad(d, out, 32) != 32)
			rc = core_ossl_error(err, CORE_E_INTERNAL,
			    "cannot read the private key");
	}
out:
	BN_clear_free(d);
	return rc;
}

/* A new JWK object for k (with "d" when private is set and k has it). */
enum core_code
core_key_to_jwk(const struct core_key *k, int private, json_t **out,
    struct core_err *err)
{
	unsigned char	 d[32];
	json_t		*o = NULL;
	enum core_code	 rc = CORE_OK;

	*out = NULL;
	if (k->type == CORE_KEY_ED25519)
		o = json_pack("{s:s, s:s}", "kty", "OKP", "crv", "Ed25519");
	else
		o = json_pack("{s:s, s:s}", "kty", "EC", "crv", "P-256");
	if (o == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if (k->type == CORE_KEY_ED25519)
		rc = key_jwk_set(o, "x", k->pub, KEY_ED25519_LEN);
	else if ((rc = key_jwk_set(o, "x", k->pub + 1, KEY_P256_LEN)) ==
	    CORE_OK)
		rc = key_jwk_set(o, "y", k->pub + 1 + KEY_P256_LEN,
		    KEY_P256_LEN);
	if (rc != CORE_OK)
		goto out;
	if (private && k->has_private) {
		if ((rc = key_private_bytes(k, d, err)) != CORE_OK ||
		    (rc = key_jwk_set(o, "d", d, sizeof d)) != CORE_OK)
			goto out;
	}
	*out = o;
	o = NULL;
out:
	OPENSSL_cleanse(d, sizeof d);
	json_decref(o);
	if (rc == CORE_E_NOMEM)
		core_err_set(err, rc, CORE_NO_OFFSET, "building a JWK");
	return rc;
}

/* Compute the RFC 7638 thumbprint of k (its public members in canonical
 * order, hashed with SHA-256, in base64url). */
static enum core_code
key_thumbprint_compute(const struct core_key *k,
    char out[CORE_THUMBPRINT_LEN], struct core_err *err)
{
	unsigned char	 md[CORE_SHA256_LEN];
	struct core_buf	 b;
	enum core_code	 rc;

	core_buf_init(&b, 256);
	if (k->type == CORE_KEY_ED25519) {
		if ((rc = core_buf_adds(&b,
		    "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"")) !=
		    CORE_OK ||
		    (rc = core_b64url_encode(k->pub, KEY_ED25519_LEN, &b)) !=
		    CORE_OK ||
		    (rc = core_buf_adds(&b, "\"}")) != CORE_OK)
			goto out;
	} else {
		if ((rc = core_buf_adds(&b,
		    "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"")) != CORE_OK ||
		    (rc = core_b64url_encode(k->pub + 1, KEY_P256_LEN, &b)) !=
		    CORE_OK ||
		    (rc = core_buf_adds(&b, "\",\"y\":\"")) != CORE_OK ||
		    (rc = core_b64url_encode(k->pub + 1 + KEY_P256_LEN,
		    KEY_P256_LEN, &b)) != CORE_OK ||
		    (rc = core_buf_adds(&b, "\"}")) != CORE_OK)
			goto out;
	}
	if ((rc = core_sha256(b.data, b.len, md)) != CORE_OK)
		goto out;
	core_buf_reset(&b);
	if ((rc = core_b64url_encode(md, sizeof md, &b)) != CORE_OK)
		goto out;
	if (b.len != CORE_THUMBPRINT_LEN - 1) {
		rc = CORE_E_INTERNAL;
		goto out;
	}
	memcpy(out, b.data, b.len + 1);
out:
	core_buf_free(&b);
	if (rc != CORE_OK)
		core_err_set(err, rc, CORE_NO_OFFSET, "computing a thumbprint");
	return rc;
}

/* The RFC 7638 thumbprint of any JWK (RSA, EC, OKP or oct): SHA-256 of the
 * canonical JSON of its required members. */
enum core_code
core_jwk_thumbprint(const json_t *jwk, char out[CORE_THUMBPRINT_LEN],
    struct core_err *err)
{
	static const struct {
		const char	*kty;
		const char	*members[4];
	} req[] = {
		{ "RSA", { "e", "n", NULL } },
		{ "EC", { "crv", "x", "y", NULL } },
		{ "OKP", { "crv", "x", NULL } },
		{ "oct", { "k", NULL } },
	};
	unsigned char	 md[CORE_SHA256_LEN];
	struct core_buf	 b;
	json_t		*canon = NULL;
	const json_t	*v;
	const char	*kty;
	size_t		 i, j;
	enum core_code	 rc;

	core_buf_init(&b, 64 * 1024);
	kty = json_string_value(json_object_get(jwk, "kty"));
	for (i = 0; kty != NULL && i < sizeof req / sizeof req[0]; i++) {
		if (strcmp(kty, req[i].kty) == 0)
			break;
	}
	if (kty == NULL || i == sizeof req / sizeof req[0]) {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "a JWK thumbprint needs a known kty");
		goto out;
	}
	if ((canon = json_pack("{s:s}", "kty", kty)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	for (j = 0; req[i].members[j] != NULL; j++) {
		v = json_object_get(jwk, req[i].members[j]);
		if (!json_is_string(v)) {
			rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
			    "JWK member \"%s\" is missing or not a string",
			    req[i].members[j]);
			goto out;
		}
		if (json_object_set(canon, req[i].members[j], (json_t *)v) !=
		    0) {
			rc = CORE_E_NOMEM;
			goto out;
		}
	}
	if ((rc = core_jcs_serialize(canon, &b, err)) != CORE_OK ||
	    (rc = core_sha256(b.data, b.len, md)) != CORE_OK)
		goto out;
	core_buf_reset(&b);
	if ((rc = core_b64url_encode(md, sizeof md, &b)) != CORE_OK)
		goto out;
	memcpy(out, b.data, CORE_THUMBPRINT_LEN);
out:
	json_decref(canon);
	core_buf_free(&b);
	return rc;
}

/* The RFC 7638 thumbprint of k. */
enum core_code
core_key_thumbprint(const struct core_key *k, char out[CORE_THUMBPRINT_LEN],
    struct core_err *err)
{
	(void)err;
	memcpy(out, k->thumb, CORE_THUMBPRINT_LEN);
	return CORE_OK;
}

/* The thumbprint of k, kept since the key was made. */
const char *
core_key_thumbprint_str(const struct core_key *k)
{
	return k->thumb;
}

/* Append the multicodec-prefixed public key of k in base58btc multibase. */
enum core_code
core_key_to_multikey(const struct core_key *k, struct core_buf *out,
    struct core_err *err)
{
	unsigned char	 raw[2 + 1 + KEY_P256_LEN];
	size_t		 n;
	enum core_code	 rc;

	if (k->type == CORE_KEY_ED25519) {
		memcpy(raw, key_mc_ed25519, 2);
		memcpy(raw + 2, k->pub, KEY_ED25519_LEN);
		n = 2 + KEY_ED25519_LEN;
	} else {
		memcpy(raw, key_mc_p256, 2);
		raw[2] = (unsigned char)(0x02 | (k->pub[2 * KEY_P256_LEN] & 1));
		memcpy(raw + 3, k->pub + 1, KEY_P256_LEN);
		n = 3 + KEY_P256_LEN;
	}
	if ((rc = core_multibase_encode('z', raw, n, out)) != CORE_OK)
		core_err_set(err, rc, CORE_NO_OFFSET, "encoding a Multikey");
	return rc;
}

/* A public key from Multikey text ("z" base58btc of a multicodec-prefixed
 * Ed25519 or compressed P-256 public key); errors carry code. */
static enum core_code
key_from_multikey(const char *s, size_t n, enum core_code code,
    struct core_key **out, struct core_err *err)
{
	struct core_buf	 b;
	enum core_code	 rc;

	core_buf_init(&b, 128);
	if (n == 0 || s[0] != 'z') {
		rc = core_err_set(err, code, 0,
		    "the key is not base58btc multibase ('z')");
		goto out;
	}
	if ((rc = core_multibase_decode(s, n, &b, err)) != CORE_OK) {
		if (rc != CORE_E_NOMEM)
			rc = core_err_set(err, code, CORE_NO_OFFSET,
			    "the key is not valid base58btc");
		goto out;
	}
	if (b.len == 2 + KEY_ED25519_LEN &&
	    memcmp(b.data, key_mc_ed25519, 2) == 0)
		rc = key_ed25519_raw(b.data + 2, NULL, out, err);
	else if (code == CORE_E_KEY && b.len == 2 + KEY_ED25519_LEN &&
	    memcmp(b.data, key_mc_ed25519_priv, 2) == 0)
		rc = key_ed25519_raw(NULL, b.data + 2, out, err);
	else if (code == CORE_E_KEY && b.len == 2 + KEY_P256_LEN &&
	    memcmp(b.data, key_mc_p256_priv, 2) == 0)
		rc = key_p256_from_scalar(b.data + 2, out, err);
	else if (b.len == 3 + KEY_P256_LEN &&
	    memcmp(b.data, key_mc_p256, 2) == 0 &&
	    (b.data[2] == 0x02 || b.data[2] == 0x03))
		rc = key_p256_raw(b.data + 2, 1 + KEY_P256_LEN, NULL, out, err);
	else {
		rc = core_err_set(err, code, CORE_NO_OFFSET,
		    "not an Ed25519 or compressed P-256 public key "
		    "(multicodec 0xed or 0x1200)");
		goto out;
	}
	if (rc == CORE_E_KEY)
		rc = core_err_set(err, code, CORE_NO_OFFSET,
		    "the public key is not a valid point");
out:
	if (b.data != NULL)
		OPENSSL_cleanse(b.data, b.len);
	core_buf_free(&b);
	return rc;
}

/* A key from Multikey text: publicKeyMultibase, or secretKeyMultibase
 * (ed25519-priv, p256-priv), which gives the whole key pair. */
enum core_code
core_key_from_multikey(const char *s, size_t n, struct core_key **out,
    struct core_err *err)
{
	*out = NULL;
	return key_from_multikey(s, n, CORE_E_KEY, out, err);
}

/* A public key from "did:key:z..." (a fragment, if any, must repeat the
 * method-specific identifier, as in a verification method). */
enum core_code
core_key_from_did(const char *did, struct core_key **out,
    struct core_err *err)
{
	const char	*id, *frag;
	size_t		 idlen, len;
	enum core_code	 rc;

	*out = NULL;
	len = did == NULL ? 0 : strnlen(did, KEY_DID_MAX + 1);
	if (len == 0 || len > KEY_DID_MAX || strncmp(did, "did:key:", 8) != 0) {
		rc = core_err_set(err, CORE_E_DID, 0, "not a did:key identifier");
		goto out;
	}
	id = did + 8;
	frag = strchr(id, '#');
	idlen = frag == NULL ? strlen(id) : (size_t)(frag - id);
	if (frag != NULL && (strlen(frag + 1) != idlen ||
	    memcmp(frag + 1, id, idlen) != 0)) {
		rc = core_err_set(err, CORE_E_DID, (size_t)(frag - did),
		    "the fragment does not repeat the key identifier");
		goto out;
	}
	rc = key_from_multikey(id, idlen, CORE_E_DID, out, err);
	if (rc != CORE_OK && err != NULL && err->offset != CORE_NO_OFFSET)
		err->offset += 8;
out:
	return rc;
}

/* Append "did:key:z..." for k to out. */
enum core_code
core_key_to_did(const struct core_key *k, struct core_buf *out,
    struct core_err *err)
{
	size_t		start = out->len;
	enum core_code	rc;

	if ((rc = core_buf_adds(out, "did:key:")) != CORE_OK ||
	    (rc = core_key_to_multikey(k, out, err)) != CORE_OK) {
		if (out->data != NULL) {
			out->len = start;
			out->data[start] = '\0';
		}
		core_err_set(err, rc, CORE_NO_OFFSET, "encoding a did:key");
	}
	return rc;
}

/* Password callback that refuses encrypted PEM. */
static int
key_no_password(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

/* A key from PEM: a private key (PKCS#8, or SEC 1 "EC PRIVATE KEY") or a
 * public key (SubjectPublicKeyInfo).  Encrypted PEM is refused. */
enum core_code
core_key_from_pem(const void *pem, size_t len, struct core_key **out,
    struct core_err *err)
{
	BIO		*bio = NULL;
	EVP_PKEY	*pkey = NULL;
	int		 priv = 1;
	enum core_code	 rc = CORE_OK;

	*out = NULL;
	if (pem == NULL || len == 0 || len > KEY_PEM_MAX) {
		rc = core_err_set(err, len > KEY_PEM_MAX ? CORE_E_TOO_LARGE :
		    CORE_E_PEM, CORE_NO_OFFSET, "PEM of %zu bytes", len);
		goto out;
	}
	if ((bio = BIO_new_mem_buf(pem, (int)len)) == NULL) {
		rc = core_ossl_error(err, CORE_E_NOMEM, "reading PEM");
		goto out;
	}
	pkey = PEM_read_bio_PrivateKey_ex(bio, NULL, key_no_password, NULL,
	    NULL, NULL);
	if (pkey == NULL) {
		ERR_clear_error();
		priv = 0;
		BIO_free(bio);
		if ((bio = BIO_new_mem_buf(pem, (int)len)) == NULL) {
			rc = core_ossl_error(err, CORE_E_NOMEM, "reading PEM");
			goto out;
		}
		pkey = PEM_read_bio_PUBKEY_ex(bio, NULL, key_no_password, NULL,
		    NULL, NULL);
	}
	if (pkey == NULL) {
		rc = core_ossl_error(err, CORE_E_PEM,
		    "no unencrypted private or public key in the PEM text");
		goto out;
	}
	if ((rc = key_wrap(pkey, priv, out, err)) == CORE_E_KEY) {
		rc = CORE_E_PEM;
		if (err != NULL)
			err->code = rc;
	}
out:
	BIO_free(bio);
	return rc;
}

/* Append the PEM form of k: PKCS#8 with private set (the key must have its
 * private part), else SubjectPublicKeyInfo. */
enum core_code
core_key_to_pem(const struct core_key *k, int private, struct core_buf *out,
    struct core_err *err)
{
	BIO		*bio = NULL;
	char		*p = NULL;
	long		 n;
	enum core_code	 rc = CORE_OK;

	if (private && !k->has_private) {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "the key has no private part");
		goto out;
	}
	if ((bio = BIO_new(BIO_s_mem())) == NULL) {
		rc = core_ossl_error(err, CORE_E_NOMEM, "writing PEM");
		goto out;
	}
	if ((private ? PEM_write_bio_PrivateKey(bio, k->pkey, NULL, NULL, 0,
	    NULL, NULL) : PEM_write_bio_PUBKEY(bio, k->pkey)) != 1) {
		rc = core_ossl_error(err, CORE_E_INTERNAL, "writing PEM");
		goto out;
	}
	n = BIO_get_mem_data(bio, &p);
	if (n <= 0 || p == NULL) {
		rc = core_ossl_error(err, CORE_E_INTERNAL, "writing PEM");
		goto out;
	}
	if ((rc = core_buf_add(out, p, (size_t)n)) != CORE_OK)
		core_err_set(err, rc, CORE_NO_OFFSET, "writing PEM");
	if (private)
		OPENSSL_cleanse(p, (size_t)n);
out:
	BIO_free(bio);
	return rc;
}

/* The type of k. */
enum core_key_type
core_key_type(const struct core_key *k)
{
	return k->type;
}

/* 1 when k holds its private part. */
int
core_key_has_private(const struct core_key *k)
{
	return k->has_private;
}

/* The JWS alg of k: "EdDSA" (RFC 8037; "Ed25519" is accepted as well when
 * verifying) or "ES256". */
const char *
core_key_alg(const struct core_key *k)
{
	return k->type == CORE_KEY_ED25519 ? "EdDSA" : "ES256";
}

/* The raw public key: 32 bytes for Ed25519, 65 (0x04 || x || y) for P-256. */
const unsigned char *
core_key_public_raw(const struct core_key *k, size_t *len)
{
	*len = k->publen;
	return k->pub;
}

/* 1 when a and b are the same public key. */
int
core_key_equal(const struct core_key *a, const struct core_key *b)
{
	return a->type == b->type && a->publen == b->publen &&
	    memcmp(a->pub, b->pub, a->publen) == 0;
}

/* The OpenSSL key inside k (owned by k). */
struct evp_pkey_st *
core_key_evp(const struct core_key *k)
{
	return k->pkey;
}

/* A new reference to k. */
struct core_key *
core_key_ref(struct core_key *k)
{
	if (k != NULL)
		k->refs++;
	return k;
}

/* Drop a reference; the key goes with the last one. */
void
core_key_free(struct core_key **kp)
{
	struct core_key	*k;

	if (kp == NULL || (k = *kp) == NULL)
		return;
	*kp = NULL;
	if (--k->refs > 0)
		return;
	EVP_PKEY_free(k->pkey);
	core_free(k);
}
