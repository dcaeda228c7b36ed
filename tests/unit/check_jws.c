/* check_jws.c: JWS signing and verification: the RFC 7515 A.3 and RFC 8037
 * A.4 examples, the three serialisations, several signatures, RFC 7797
 * unencoded payloads, and every header and signature that must be
 * refused. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/b64.h"
#include "core/hash.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/sig.h"
#include "tests/unit/crypto_vec.h"

#define PAYLOAD "{\"id\":\"LN-2026-004217\",\"outcome\":\"denied\"}"

static struct core_key	*ed, *p256, *other;
static struct core_keyset *keys;

/* Two keys in the set (kids "ed-1" and "p256-1") and one outside it. */
static void
jws_setup(void)
{
	struct core_err	err;

	ck_assert_int_eq(core_key_generate(CORE_KEY_ED25519, &ed, &err),
	    CORE_OK);
	ck_assert_int_eq(core_key_generate(CORE_KEY_P256, &p256, &err),
	    CORE_OK);
	ck_assert_int_eq(core_key_generate(CORE_KEY_ED25519, &other, &err),
	    CORE_OK);
	ck_assert_int_eq(core_keyset_new(&keys), CORE_OK);
	ck_assert_int_eq(core_keyset_add(keys, ed, "ed-1"), CORE_OK);
	ck_assert_int_eq(core_keyset_add(keys, p256, "p256-1"), CORE_OK);
}

static void
jws_teardown(void)
{
	core_keyset_free(&keys);
	core_key_free(&ed);
	core_key_free(&p256);
	core_key_free(&other);
}

/* Append the base64url of a C string to b. */
static void
b64s(struct core_buf *b, const char *s)
{
	ck_assert_int_eq(core_b64url_encode(s, strlen(s), b), CORE_OK);
}

/* A flattened JWS signed by k over protected header prot (JSON text) and
 * payload; unprot is the unprotected header (JSON text or NULL); with b64
 * zero the payload goes unencoded (RFC 7797). */
static char *
jws_make(const char *prot, const char *payload, const struct core_key *k,
    const char *unprot, int b64)
{
	struct core_buf	 in, out;
	unsigned char	 sig[CORE_SIG_MAX];
	size_t		 siglen, plen;
	struct core_err	 err;
	json_t		*ps;
	char		*s;

	core_buf_init(&in, 1 << 20);
	core_buf_init(&out, 1 << 20);
	b64s(&in, prot);
	plen = in.len;
	ck_assert_int_eq(core_buf_addc(&in, '.'), CORE_OK);
	if (b64)
		b64s(&in, payload);
	else
		ck_assert_int_eq(core_buf_adds(&in, payload), CORE_OK);
	ck_assert_int_eq(core_sig_sign(k, in.data, in.len, sig, &siglen, &err),
	    CORE_OK);
	ck_assert_int_eq(core_buf_adds(&out, "{\"payload\":"), CORE_OK);
	ps = json_stringn((const char *)in.data + plen + 1, in.len - plen - 1);
	s = json_dumps(ps, JSON_ENCODE_ANY);
	ck_assert_int_eq(core_buf_adds(&out, s), CORE_OK);
	free(s);
	json_decref(ps);
	ck_assert_int_eq(core_buf_adds(&out, ",\"protected\":\""), CORE_OK);
	ck_assert_int_eq(core_buf_add(&out, in.data, plen), CORE_OK);
	ck_assert_int_eq(core_buf_adds(&out, "\""), CORE_OK);
	if (unprot != NULL) {
		ck_assert_int_eq(core_buf_printf(&out, ",\"header\":%s", unprot),
		    CORE_OK);
	}
	ck_assert_int_eq(core_buf_adds(&out, ",\"signature\":\""), CORE_OK);
	ck_assert_int_eq(core_b64url_encode(sig, siglen, &out), CORE_OK);
	ck_assert_int_eq(core_buf_adds(&out, "\"}"), CORE_OK);
	core_buf_free(&in);
	return (char *)core_buf_take(&out, NULL);
}

/* Verify text as a decision; returns the code and frees the result. */
static enum core_code
jws_check(const char *text, const char *typ, const struct core_keyset *ks)
{
	struct core_jws_result	res;
	struct core_err		err;
	enum core_code		rc;

	core_err_clear(&err);
	rc = core_jws_verify(text, strlen(text), typ, ks, &res, &err);
	if (rc != CORE_OK) {
		ck_assert_int_eq(err.code, rc);
		ck_assert(res.payload == NULL && res.header == NULL);
	}
	core_jws_result_free(&res);
	return rc;
}

/* The compact form of a flattened JWS without unprotected header. */
static char *
jws_compact(const char *flat)
{
	json_t		*j;
	struct core_err	 err;
	char		*s;
	size_t		 n;

	ck_assert_int_eq(core_json_parse(flat, strlen(flat), NULL, &j, &err),
	    CORE_OK);
	n = strlen(flat) + 4;
	s = malloc(n);
	ck_assert(s != NULL);
	snprintf(s, n, "%s.%s.%s",
	    json_string_value(json_object_get(j, "protected")),
	    json_string_value(json_object_get(j, "payload")),
	    json_string_value(json_object_get(j, "signature")));
	json_decref(j);
	return s;
}

START_TEST(test_rfc8037_a4)
{
	struct core_key		*k;
	json_t			*jwk, *hdr = NULL;
	char			*jws, *payload, *dot2;
	unsigned char		 sig[CORE_SIG_MAX], want[CORE_SIG_MAX];
	size_t			 siglen = 0, n = 0;
	struct core_keyset	*ks;
	struct core_err		 err;

	jwk = cv_json("tests/vectors/rfc8037/private.jwk");
	ck_assert_int_eq(core_key_from_jwk(jwk, &k, &err), CORE_OK);
	jws = cv_slurp("tests/vectors/rfc8037/a4.jws", NULL);
	payload = cv_slurp("tests/vectors/rfc8037/a4.payload", NULL);
	/* The header reads as {"alg":"EdDSA"}. */
	ck_assert_int_eq(core_jws_peek(jws, strlen(jws), &hdr, &err), CORE_OK);
	ck_assert_str_eq(json_string_value(json_object_get(hdr, "alg")),
	    "EdDSA");
	ck_assert_uint_eq(json_object_size(hdr), 1);
	json_decref(hdr);
	/* The signature over the signing input is the RFC's, byte for byte. */
	dot2 = strrchr(jws, '.');
	ck_assert_int_eq(core_sig_sign(k, jws, (size_t)(dot2 - jws), sig,
	    &siglen, &err), CORE_OK);
	ck_assert_int_eq(core_b64url_decode_to(dot2 + 1, strlen(dot2 + 1),
	    want, sizeof want, &n, &err), CORE_OK);
	ck_assert_uint_eq(n, 64);
	ck_assert(memcmp(sig, want, 64) == 0);
	ck_assert_int_eq(core_sig_verify(k, jws, (size_t)(dot2 - jws), want,
	    64, &err), CORE_OK);
	/* recourse needs an explicit typ: the example, which has none, is
	 * refused for that reason and no other. */
	ck_assert_int_eq(core_keyset_new(&ks), CORE_OK);
	ck_assert_int_eq(core_keyset_add(ks, k, NULL), CORE_OK);
	ck_assert_int_eq(jws_check(jws, CORE_TYP_DECISION, ks), CORE_E_JWS_TYP);
	/* With a typ, the same key and payload verify (A.4 payload is not
	 * JSON, so it is wrapped as a JSON string). */
	{
		struct core_buf	b;
		json_t		*ps = json_string(payload);
		char		*pj = json_dumps(ps, JSON_ENCODE_ANY);

		core_buf_init(&b, 4096);
		ck_assert_int_eq(core_jws_sign(pj, strlen(pj),
		    CORE_TYP_DECISION, k, NULL, &b, &err), CORE_OK);
		ck_assert_int_eq(jws_check(core_buf_str(&b), CORE_TYP_DECISION,
		    ks), CORE_OK);
		core_buf_free(&b);
		free(pj);
		json_decref(ps);
	}
	core_keyset_free(&ks);
	core_key_free(&k);
	json_decref(jwk);
	free(jws);
	free(payload);
}
END_TEST

/* The octets of the array after label in text, as in RFC 7515. */
static unsigned char *
jws_octets(const char *text, const char *label, size_t *n)
{
	const char	*p = strstr(text, label);
	unsigned char	*out;
	char		*end;
	long		 v;

	ck_assert(p != NULL);
	p = strchr(p, '[');
	ck_assert(p != NULL);
	out = malloc(4096);
	ck_assert(out != NULL);
	*n = 0;
	p++;
	while (*p != ']') {
		v = strtol(p, &end, 10);
		ck_assert(end != p && v >= 0 && v <= 255 && *n < 4096);
		out[(*n)++] = (unsigned char)v;
		p = end;
		while (*p == ',' || *p == ' ' || *p == '\n')
			p++;
	}
	return out;
}

START_TEST(test_rfc7515_a3)
{
	char		*text, *eh, *ep, *jwk, *sig;
	const char	*pos = NULL;
	unsigned char	*h, *p, raw[CORE_SIG_MAX];
	size_t		 hn, pn, n;
	struct core_buf	 in;
	struct core_key	*k;
	struct core_keyset *ks;
	struct core_err	 err;

	text = cv_slurp("tests/vectors/rfc7515/a3.txt", NULL);
	h = jws_octets(text, "header-octets:", &hn);
	p = jws_octets(text, "payload-octets:", &pn);
	eh = cv_next(text, &pos, "encoded-header");
	ep = cv_next(text, &pos, "encoded-payload");
	jwk = cv_next(text, &pos, "jwk");
	sig = cv_next(text, &pos, "signature");
	ck_assert_uint_eq(hn, 15);
	ck_assert_uint_eq(pn, 70);
	/* The encodings of the octets are the RFC's. */
	core_buf_init(&in, 4096);
	ck_assert_int_eq(core_b64url_encode(h, hn, &in), CORE_OK);
	ck_assert_str_eq(core_buf_str(&in), eh);
	ck_assert_int_eq(core_buf_addc(&in, '.'), CORE_OK);
	ck_assert_int_eq(core_b64url_encode(p, pn, &in), CORE_OK);
	ck_assert_str_eq(core_buf_str(&in) + strlen(eh) + 1, ep);
	/* The RFC's signature verifies over that input with its key. */
	k = cv_key_jwk(jwk);
	ck_assert_int_eq(core_b64url_decode_to(sig, strlen(sig), raw,
	    sizeof raw, &n, &err), CORE_OK);
	ck_assert_int_eq(core_sig_verify(k, in.data, in.len, raw, n, &err),
	    CORE_OK);
	/* As a compact JWS it fails only for want of a typ. */
	ck_assert_int_eq(core_buf_addc(&in, '.'), CORE_OK);
	ck_assert_int_eq(core_buf_adds(&in, sig), CORE_OK);
	ck_assert_int_eq(core_keyset_new(&ks), CORE_OK);
	ck_assert_int_eq(core_keyset_add(ks, k, "a3"), CORE_OK);
	ck_assert_int_eq(jws_check(core_buf_str(&in), CORE_TYP_DECISION, ks),
	    CORE_E_JWS_TYP);
	core_keyset_free(&ks);
	core_key_free(&k);
	core_buf_free(&in);
	free(h);
	free(p);
	free(eh);
	free(ep);
	free(jwk);
	free(sig);
	free(text);
}
END_TEST

/* A JWS opened once answers every key tried as core_jws_verify() would. */
START_TEST(test_open_verify_key)
{
	struct core_jws_result	 res;
	struct core_jws		*j = NULL;
	struct core_buf		 b;
	struct core_err		 err;

	core_buf_init(&b, 1 << 20);
	ck_assert_int_eq(core_jws_sign(PAYLOAD, strlen(PAYLOAD),
	    CORE_TYP_DECISION, ed, "ed-1", &b, &err), CORE_OK);
	ck_assert_int_eq(core_jws_open(b.data, b.len, &j, &err), CORE_OK);
	ck_assert_str_eq(json_string_value(json_object_get(core_jws_header(j),
	    "kid")), "ed-1");
	ck_assert(core_jws_unprotected(j) == NULL);
	/* The wrong key under the document's kid, the right one, twice. */
	ck_assert_int_eq(core_jws_verify_key(j, CORE_TYP_DECISION, p256,
	    "ed-1", &res, &err), CORE_E_JWS_ALG);
	core_jws_result_free(&res);
	ck_assert_int_eq(core_jws_verify_key(j, CORE_TYP_DECISION, ed, "ed-1",
	    &res, &err), CORE_OK);
	ck_assert_str_eq((char *)res.payload, PAYLOAD);
	ck_assert_str_eq(res.kid, "ed-1");
	core_jws_result_free(&res);
	ck_assert_int_eq(core_jws_verify_open(j, CORE_TYP_DECISION, keys, &res,
	    &err), CORE_OK);
	ck_assert_str_eq(res.thumbprint, core_key_thumbprint_str(ed));
	core_jws_result_free(&res);
	/* Another key id: not this signer's; another type: refused. */
	ck_assert_int_eq(core_jws_verify_key(j, CORE_TYP_DECISION, ed, NULL,
	    &res, &err), CORE_E_JWS_KID);
	ck_assert_int_eq(core_jws_verify_key(j, CORE_TYP_RECEIPT, ed, "ed-1",
	    &res, &err), CORE_E_JWS_TYP);
	core_jws_close(&j);
	ck_assert(j == NULL);
	/* Not a JWS: refused as core_jws_peek() refuses it. */
	ck_assert_int_eq(core_jws_open("{}", 2, &j, &err), CORE_E_JWS_FORMAT);
	ck_assert(j == NULL);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_sign_verify)
{
	const struct core_key	*k[2] = { ed, p256 };
	static const char *const kid[2] = { "ed-1", "p256-1" };
	static const char *const alg[2] = { "EdDSA", "ES256" };
	struct core_jws_result	 res;
	struct core_buf		 b;
	struct core_err		 err;
	json_t			*hdr;
	char			*compact;
	size_t			 i;

	core_buf_init(&b, 1 << 20);
	for (i = 0; i < 2; i++) {
		core_buf_reset(&b);
		ck_assert_int_eq(core_jws_sign(PAYLOAD, strlen(PAYLOAD),
		    CORE_TYP_DECISION, k[i], kid[i], &b, &err), CORE_OK);
		ck_assert_int_eq(core_jws_verify(b.data, b.len,
		    CORE_TYP_DECISION, keys, &res, &err), CORE_OK);
		ck_assert_uint_eq(res.payload_len, strlen(PAYLOAD));
		ck_assert_str_eq((char *)res.payload, PAYLOAD);
		ck_assert_str_eq(res.kid, kid[i]);
		ck_assert_str_eq(res.alg, alg[i]);
		ck_assert_str_eq(res.thumbprint, core_key_thumbprint_str(k[i]));
		ck_assert(res.payload_json == NULL);
		{
			const json_t	*pj, *again;

			ck_assert_int_eq(core_jws_result_json(&res, &pj, &err),
			    CORE_OK);
			ck_assert_str_eq(json_string_value(json_object_get(pj,
			    "outcome")), "denied");
			ck_assert_int_eq(core_jws_result_json(&res, &again,
			    &err), CORE_OK);
			ck_assert_ptr_eq(pj, again);
		}
		ck_assert_str_eq(json_string_value(json_object_get(res.header,
		    "typ")), CORE_TYP_DECISION);
		core_jws_result_free(&res);
		/* The protected header is canonical JSON. */
		ck_assert_int_eq(core_jws_peek(b.data, b.len, &hdr, &err),
		    CORE_OK);
		ck_assert_str_eq(json_string_value(json_object_get(hdr, "kid")),
		    kid[i]);
		json_decref(hdr);
		/* The same signature in the compact serialisation. */
		compact = jws_compact(core_buf_str(&b));
		ck_assert_int_eq(jws_check(compact, CORE_TYP_DECISION, keys),
		    CORE_OK);
		free(compact);
		/* Another document type: refused. */
		ck_assert_int_eq(jws_check(core_buf_str(&b), CORE_TYP_RECEIPT,
		    keys), CORE_E_JWS_TYP);
	}
	/* Without a kid the thumbprint is the kid: not in this set. */
	core_buf_reset(&b);
	ck_assert_int_eq(core_jws_sign(PAYLOAD, strlen(PAYLOAD),
	    CORE_TYP_STATUS, ed, NULL, &b, &err), CORE_OK);
	ck_assert_int_eq(jws_check(core_buf_str(&b), CORE_TYP_STATUS, keys),
	    CORE_E_JWS_KID);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_refused)
{
	struct core_buf	 b;
	struct core_err	 err;
	char		*j, *p;
	unsigned char	 mac[CORE_SHA256_LEN];
	const unsigned char *pub;
	size_t		 publen, len;

	/* Tampered payload. */
	core_buf_init(&b, 1 << 20);
	ck_assert_int_eq(core_jws_sign(PAYLOAD, strlen(PAYLOAD),
	    CORE_TYP_DECISION, ed, "ed-1", &b, &err), CORE_OK);
	p = strstr((char *)b.data, "\"payload\":\"") + 11;
	p[3] = p[3] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(jws_check(core_buf_str(&b), CORE_TYP_DECISION, keys),
	    CORE_E_SIG_INVALID);
	/* Swapped typ: a receipt presented as a decision. */
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-receipt+json\","
	    "\"kid\":\"ed-1\"}", PAYLOAD, ed, NULL, 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys), CORE_E_JWS_TYP);
	ck_assert_int_eq(jws_check(j, CORE_TYP_RECEIPT, keys), CORE_OK);
	free(j);
	/* No typ; typ in the unprotected header only. */
	j = jws_make("{\"alg\":\"EdDSA\",\"kid\":\"ed-1\"}", PAYLOAD, ed, NULL,
	    1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys), CORE_E_JWS_TYP);
	free(j);
	j = jws_make("{\"alg\":\"EdDSA\",\"kid\":\"ed-1\"}", PAYLOAD, ed,
	    "{\"typ\":\"recourse-decision+json\"}", 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys),
	    CORE_E_JWS_FORMAT);
	free(j);
	/* alg none, with an empty signature. */
	core_buf_reset(&b);
	b64s(&b, "{\"alg\":\"none\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\"}");
	ck_assert_int_eq(core_buf_addc(&b, '.'), CORE_OK);
	b64s(&b, PAYLOAD);
	ck_assert_int_eq(core_buf_addc(&b, '.'), CORE_OK);
	ck_assert_int_eq(jws_check(core_buf_str(&b), CORE_TYP_DECISION, keys),
	    CORE_E_JWS_ALG);
	/* HS256 keyed with the public key: a valid MAC that must not count. */
	core_buf_reset(&b);
	b64s(&b, "{\"alg\":\"HS256\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\"}");
	ck_assert_int_eq(core_buf_addc(&b, '.'), CORE_OK);
	b64s(&b, PAYLOAD);
	pub = core_key_public_raw(ed, &publen);
	ck_assert_int_eq(core_hmac_sha256(pub, publen, b.data, b.len, mac),
	    CORE_OK);
	ck_assert_int_eq(core_buf_addc(&b, '.'), CORE_OK);
	ck_assert_int_eq(core_b64url_encode(mac, sizeof mac, &b), CORE_OK);
	ck_assert_int_eq(jws_check(core_buf_str(&b), CORE_TYP_DECISION, keys),
	    CORE_E_JWS_ALG);
	/* Header alg not the key's: ES256 claimed for the Ed25519 key. */
	j = jws_make("{\"alg\":\"ES256\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\"}", PAYLOAD, ed, NULL, 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys), CORE_E_JWS_ALG);
	free(j);
	/* "Ed25519" is a name of the same algorithm. */
	j = jws_make("{\"alg\":\"Ed25519\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\"}", PAYLOAD, ed, NULL, 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys), CORE_OK);
	free(j);
	/* Unknown crit; crit naming b64 that is absent; crit not an array. */
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\",\"crit\":[\"exp\"],\"exp\":1}", PAYLOAD, ed,
	    NULL, 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys), CORE_E_JWS_CRIT);
	free(j);
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\",\"crit\":[\"b64\"]}", PAYLOAD, ed, NULL, 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys), CORE_E_JWS_CRIT);
	free(j);
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\",\"crit\":\"b64\",\"b64\":false}", PAYLOAD, ed,
	    NULL, 0);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys), CORE_E_JWS_CRIT);
	free(j);
	/* An embedded jwk (here the signer's own key, not in the set) and the
	 * other refused header parameters, protected or not. */
	{
		json_t	*jwk;
		char	*js, prot[1024];

		ck_assert_int_eq(core_key_to_jwk(other, 0, &jwk, &err),
		    CORE_OK);
		js = json_dumps(jwk, JSON_COMPACT);
		snprintf(prot, sizeof prot, "{\"alg\":\"EdDSA\","
		    "\"typ\":\"recourse-decision+json\",\"jwk\":%s}", js);
		j = jws_make(prot, PAYLOAD, other, NULL, 1);
		ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys),
		    CORE_E_JWS_HEADER);
		free(j);
		free(js);
		json_decref(jwk);
	}
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\",\"jku\":\"https://evil.example/jwks\"}", PAYLOAD,
	    ed, NULL, 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys),
	    CORE_E_JWS_HEADER);
	free(j);
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\"}", PAYLOAD, ed, "{\"x5u\":\"https://e.example\"}",
	    1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys),
	    CORE_E_JWS_HEADER);
	free(j);
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\",\"x5c\":[\"MIIB\"]}", PAYLOAD, ed, NULL, 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys),
	    CORE_E_JWS_HEADER);
	free(j);
	/* Wrong key for the kid: signed by another key under kid ed-1. */
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\"}", PAYLOAD, other, NULL, 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys),
	    CORE_E_SIG_INVALID);
	free(j);
	/* A kid that is not in the set. */
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-9\"}", PAYLOAD, ed, NULL, 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys), CORE_E_JWS_KID);
	free(j);
	/* No kid at all: tried with the set's Ed25519 key. */
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\"}",
	    PAYLOAD, ed, NULL, 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys), CORE_OK);
	free(j);
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\"}",
	    PAYLOAD, other, NULL, 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys),
	    CORE_E_SIG_INVALID);
	free(j);
	/* A name in both headers; a duplicate name in the protected one. */
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\"}", PAYLOAD, ed, "{\"kid\":\"ed-1\"}", 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys),
	    CORE_E_JWS_FORMAT);
	free(j);
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\",\"kid\":\"p256-1\"}", PAYLOAD, ed, NULL, 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys),
	    CORE_E_JWS_FORMAT);
	free(j);
	/* Signatures of the wrong length, and with bad trailing bits. */
	core_buf_reset(&b);
	ck_assert_int_eq(core_jws_sign(PAYLOAD, strlen(PAYLOAD),
	    CORE_TYP_DECISION, ed, "ed-1", &b, &err), CORE_OK);
	j = (char *)b.data;
	p = strstr(j, "\"signature\":\"") + 13;
	len = strlen(p) - 2;			/* 86 characters */
	ck_assert_uint_eq(len, 86);
	memmove(p + 84, p + 86, 3);		/* 84: 63 bytes */
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys),
	    CORE_E_SIG_LENGTH);
	core_buf_reset(&b);
	ck_assert_int_eq(core_jws_sign(PAYLOAD, strlen(PAYLOAD),
	    CORE_TYP_DECISION, ed, "ed-1", &b, &err), CORE_OK);
	j = (char *)b.data;
	p = strstr(j, "\"signature\":\"") + 13;
	/* 86 characters carry 516 bits: the last 4 must be zero. */
	{
		static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789-_";
		size_t	v = (size_t)(strchr(alpha, p[85]) - alpha);

		ck_assert_uint_eq(v & 0x0f, 0);
		p[85] = alpha[v | 0x01];
	}
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys),
	    CORE_E_BASE64);
	/* The P-256 signature converted to DER is the wrong length. */
	{
		json_t		*jj;
		struct core_buf	 o;
		unsigned char	 rs[64], der[CORE_SIG_DER_MAX];
		size_t		 n, dl;

		core_buf_reset(&b);
		ck_assert_int_eq(core_jws_sign(PAYLOAD, strlen(PAYLOAD),
		    CORE_TYP_DECISION, p256, "p256-1", &b, &err), CORE_OK);
		ck_assert_int_eq(core_json_parse(b.data, b.len, NULL, &jj,
		    &err), CORE_OK);
		p = (char *)json_string_value(json_object_get(jj,
		    "signature"));
		ck_assert_int_eq(core_b64url_decode_to(p, strlen(p), rs,
		    sizeof rs, &n, &err), CORE_OK);
		core_sig_ecdsa_to_der(rs, der, &dl);
		core_buf_init(&o, 1024);
		ck_assert_int_eq(core_b64url_encode(der, dl, &o), CORE_OK);
		json_object_set_new(jj, "signature", json_string(
		    core_buf_str(&o)));
		j = json_dumps(jj, JSON_COMPACT);
		ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys),
		    CORE_E_SIG_LENGTH);
		free(j);
		core_buf_free(&o);
		json_decref(jj);
	}
	/* Not a JWS. */
	ck_assert_int_eq(jws_check("", CORE_TYP_DECISION, keys),
	    CORE_E_JWS_FORMAT);
	ck_assert_int_eq(jws_check("a.b", CORE_TYP_DECISION, keys),
	    CORE_E_JWS_FORMAT);
	ck_assert_int_eq(jws_check("a.b.c.d", CORE_TYP_DECISION, keys),
	    CORE_E_JWS_FORMAT);
	ck_assert_int_eq(jws_check("{\"payload\":\"\"}", CORE_TYP_DECISION,
	    keys), CORE_E_JWS_FORMAT);
	ck_assert_int_eq(jws_check("[1,2]", CORE_TYP_DECISION, keys),
	    CORE_E_JWS_FORMAT);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_json_forms)
{
	struct core_jws_result	 res;
	struct core_buf		 b;
	struct core_err		 err;
	const json_t		*pj;
	json_t			*j;
	char			*s, *t;

	/* The same flattened JWS with white space, another member order and
	 * an escaped character reads the same. */
	core_buf_init(&b, 1 << 20);
	ck_assert_int_eq(core_jws_sign(PAYLOAD, strlen(PAYLOAD),
	    CORE_TYP_DECISION, ed, "ed-1", &b, &err), CORE_OK);
	ck_assert_int_eq(core_json_parse(b.data, b.len, NULL, &j, &err),
	    CORE_OK);
	s = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
	ck_assert_int_eq(jws_check(s, CORE_TYP_DECISION, keys), CORE_OK);
	free(s);
	s = json_dumps(j, JSON_COMPACT);
	t = strstr(s, "\"protected\":\"e") + 13;
	ck_assert_int_eq(*t, 'e');
	{
		struct core_buf	e;

		core_buf_init(&e, 1 << 20);
		ck_assert_int_eq(core_buf_add(&e, s, (size_t)(t - s)), CORE_OK);
		ck_assert_int_eq(core_buf_adds(&e, "\\u0065"), CORE_OK);
		ck_assert_int_eq(core_buf_adds(&e, t + 1), CORE_OK);
		ck_assert_int_eq(jws_check(core_buf_str(&e), CORE_TYP_DECISION,
		    keys), CORE_OK);
		core_buf_free(&e);
	}
	free(s);
	/* A repeated member, an unknown member, trailing bytes. */
	s = json_dumps(j, JSON_COMPACT);
	s[strlen(s) - 1] = '\0';
	{
		char	dup[8192];

		snprintf(dup, sizeof dup, "%s,\"signature\":\"AAAA\"}", s);
		ck_assert_int_eq(jws_check(dup, CORE_TYP_DECISION, keys),
		    CORE_E_JWS_FORMAT);
		snprintf(dup, sizeof dup, "%s,\"extra\":\"AAAA\"}", s);
		ck_assert_int_eq(jws_check(dup, CORE_TYP_DECISION, keys),
		    CORE_E_JWS_FORMAT);
		snprintf(dup, sizeof dup, "%s}x", s);
		ck_assert_int_eq(jws_check(dup, CORE_TYP_DECISION, keys),
		    CORE_E_JWS_FORMAT);
		snprintf(dup, sizeof dup, "%s", s);
		ck_assert_int_eq(jws_check(dup, CORE_TYP_DECISION, keys),
		    CORE_E_JWS_FORMAT);
	}
	free(s);
	json_decref(j);
	/* A payload that is not strict JSON verifies as bytes and fails when
	 * read as JSON. */
	core_buf_reset(&b);
	ck_assert_int_eq(core_jws_sign("{\"a\":1,\"a\":2}", 13,
	    CORE_TYP_DECISION, ed, "ed-1", &b, &err), CORE_OK);
	ck_assert_int_eq(core_jws_verify(b.data, b.len, CORE_TYP_DECISION, keys,
	    &res, &err), CORE_OK);
	ck_assert_int_eq(core_jws_result_json(&res, &pj, &err),
	    CORE_E_JSON_DUPLICATE);
	ck_assert(pj == NULL);
	core_jws_result_free(&res);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_unencoded_payload)
{
	char	*j;

	/* RFC 7797: b64 false, listed in crit. */
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\",\"b64\":false,\"crit\":[\"b64\"]}", PAYLOAD, ed,
	    NULL, 0);
	{
		struct core_jws_result	res;
		struct core_err		err;

		ck_assert_int_eq(core_jws_verify(j, strlen(j), CORE_TYP_DECISION,
		    keys, &res, &err), CORE_OK);
		ck_assert_str_eq((char *)res.payload, PAYLOAD);
		core_jws_result_free(&res);
	}
	free(j);
	/* b64 false outside crit is refused. */
	j = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\",\"b64\":false}", PAYLOAD, ed, NULL, 0);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys), CORE_E_JWS_CRIT);
	free(j);
	/* b64 true listed in crit is the ordinary encoding. */
	j = jws_make("{\"alg\":\"ES256\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"p256-1\",\"b64\":true,\"crit\":[\"b64\"]}", PAYLOAD,
	    p256, NULL, 1);
	ck_assert_int_eq(jws_check(j, CORE_TYP_DECISION, keys), CORE_OK);
	free(j);
}
END_TEST

/* A general JWS from flattened ones over the same payload. */
static char *
jws_general(char **flat, size_t n)
{
	json_t		*g, *sigs, *f;
	struct core_err	 err;
	size_t		 i;
	char		*s;

	g = json_object();
	sigs = json_array();
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(core_json_parse(flat[i], strlen(flat[i]), NULL,
		    &f, &err), CORE_OK);
		if (i == 0)
			json_object_set(g, "payload", json_object_get(f,
			    "payload"));
		json_object_del(f, "payload");
		json_array_append_new(sigs, f);
	}
	json_object_set_new(g, "signatures", sigs);
	s = json_dumps(g, JSON_COMPACT);
	json_decref(g);
	return s;
}

START_TEST(test_general)
{
	char	*f[3], *g;

	f[0] = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\"}", PAYLOAD, ed, NULL, 1);
	f[1] = jws_make("{\"alg\":\"ES256\",\"typ\":\"recourse-decision+json\"}",
	    PAYLOAD, p256, "{\"kid\":\"p256-1\"}", 1);
	/* Both by keys of the set: verified. */
	g = jws_general(f, 2);
	ck_assert_int_eq(jws_check(g, CORE_TYP_DECISION, keys), CORE_OK);
	free(g);
	/* A third by a party outside the set is passed over. */
	f[2] = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"someone-else\"}", "{\"other\":1}", other, NULL, 1);
	g = jws_general(f, 3);
	ck_assert_int_eq(jws_check(g, CORE_TYP_DECISION, keys), CORE_OK);
	free(g);
	free(f[2]);
	/* One bad signature by a key of the set refuses the document, even
	 * though the other verifies. */
	f[2] = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"p256-1\"}", PAYLOAD, ed, NULL, 1);
	g = jws_general(f + 1, 2);
	ck_assert_int_eq(jws_check(g, CORE_TYP_DECISION, keys), CORE_E_JWS_ALG);
	free(g);
	free(f[2]);
	f[2] = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"ed-1\"}", PAYLOAD, other, NULL, 1);
	g = jws_general(f + 1, 2);
	ck_assert_int_eq(jws_check(g, CORE_TYP_DECISION, keys),
	    CORE_E_SIG_INVALID);
	free(g);
	free(f[2]);
	/* Every signature must carry the expected typ. */
	f[2] = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-receipt+json\","
	    "\"kid\":\"someone-else\"}", PAYLOAD, other, NULL, 1);
	g = jws_general(f, 3);
	ck_assert_int_eq(jws_check(g, CORE_TYP_DECISION, keys), CORE_E_JWS_TYP);
	free(g);
	free(f[2]);
	/* Only signatures by unknown keys: no known signer. */
	f[2] = jws_make("{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\","
	    "\"kid\":\"someone-else\"}", PAYLOAD, other, NULL, 1);
	g = jws_general(f + 2, 1);
	ck_assert_int_eq(jws_check(g, CORE_TYP_DECISION, keys), CORE_E_JWS_KID);
	free(g);
	free(f[2]);
	free(f[0]);
	free(f[1]);
}
END_TEST

START_TEST(test_keyset_jwks)
{
	struct core_keyset	*ks = NULL;
	struct core_err		 err;
	json_t			*jwks;
	const char		*kid;
	char			 text[1024];

	snprintf(text, sizeof text, "{\"keys\":[%s,%s]}",
	    "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k1\","
	    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
	    "{\"kty\":\"EC\",\"crv\":\"P-256\","
	    "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
	    "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}");
	ck_assert_int_eq(core_json_parse(text, strlen(text), NULL, &jwks, &err),
	    CORE_OK);
	ck_assert_int_eq(core_keyset_from_jwks(jwks, &ks, &err), CORE_OK);
	ck_assert_uint_eq(core_keyset_count(ks), 2);
	ck_assert(core_keyset_find(ks, "k1") != NULL);
	ck_assert(core_keyset_get(ks, 1, &kid) != NULL);
	/* A key without kid goes under its thumbprint. */
	ck_assert_str_eq(kid, core_key_thumbprint_str(core_keyset_get(ks, 1,
	    NULL)));
	ck_assert(core_keyset_find(ks, "k2") == NULL);
	core_keyset_free(&ks);
	json_decref(jwks);
	/* A repeated kid, or an unusable key, spoils the set. */
	snprintf(text, sizeof text, "{\"keys\":[%s,%s]}",
	    "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k1\","
	    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
	    "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k1\","
	    "\"x\":\"PUAXw-hDiVqStwqnTRt-vJyYLM8uxJaMwM1V8Sr0Zgw\"}");
	ck_assert_int_eq(core_json_parse(text, strlen(text), NULL, &jwks, &err),
	    CORE_OK);
	ck_assert_int_eq(core_keyset_from_jwks(jwks, &ks, &err), CORE_E_KEY);
	ck_assert(ks == NULL);
	json_decref(jwks);
	snprintf(text, sizeof text, "{\"keys\":[{\"kty\":\"oct\",\"k\":\"AA\"}]}");
	ck_assert_int_eq(core_json_parse(text, strlen(text), NULL, &jwks, &err),
	    CORE_OK);
	ck_assert_int_eq(core_keyset_from_jwks(jwks, &ks, &err), CORE_E_KEY);
	json_decref(jwks);
	ck_assert_int_eq(core_keyset_add(keys, ed, "ed-1"), CORE_E_ARG);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("jws");
	TCase	*tc = tcase_create("jws");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, jws_setup, jws_teardown);
	tcase_add_test(tc, test_rfc8037_a4);
	tcase_add_test(tc, test_rfc7515_a3);
	tcase_add_test(tc, test_sign_verify);
	tcase_add_test(tc, test_open_verify_key);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_json_forms);
	tcase_add_test(tc, test_unencoded_payload);
	tcase_add_test(tc, test_general);
	tcase_add_test(tc, test_keyset_jwks);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
