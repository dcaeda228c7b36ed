/*
 * fuzz_jws.c: libFuzzer target for JWS verification and the encodings and
 * key formats under it.
 *
 * The input is tried as a JWS of type recourse-decision+json against a key
 * set of the RFC 8037 Ed25519 key ("ed-1") and the RFC 7515 A.3 P-256 key
 * ("p256-1"), which signed the seed corpus; as base64url and base58btc
 * text; as a JWK; and as a did:key.  Besides not crashing, leaking or
 * overrunning: a verified JWS names a key of the set whose algorithm fits
 * its header, with the expected typ, and verifies again; a refusal carries
 * its code in err; text that decodes strictly encodes back to the same
 * text (one encoding per byte string); a key read from a JWK or a did:key
 * writes back to an equal key with the same thumbprint.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/b64.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/key.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct core_keyset	*fuzz_keys;

/* The key set of the corpus, made once. */
static void
fuzz_init(void)
{
	static const char *const jwks =
	    "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"ed-1\","
	    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"},"
	    "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"p256-1\","
	    "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
	    "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";
	struct core_err	 err;
	json_t		*j = NULL;

	if (fuzz_keys != NULL)
		return;
	if (core_json_parse(jwks, strlen(jwks), NULL, &j, &err) != CORE_OK ||
	    core_keyset_from_jwks(j, &fuzz_keys, &err) != CORE_OK)
		abort();
	json_decref(j);
}

/* The JWS checks. */
static void
fuzz_jws(const uint8_t *data, size_t size)
{
	struct core_jws_result	 res, again;
	struct core_err		 err;
	const struct core_key	*k;
	const json_t		*pj;
	json_t			*hdr = NULL;
	const char		*typ;
	enum core_code		 rc;

	rc = core_jws_verify(data, size, CORE_TYP_DECISION, fuzz_keys, &res,
	    &err);
	if (rc != CORE_OK) {
		if (err.code != rc || res.payload != NULL || res.header != NULL)
			abort();
	} else {
		k = core_keyset_find(fuzz_keys, res.kid);
		typ = json_string_value(json_object_get(res.header, "typ"));
		if (k == NULL || res.payload == NULL || typ == NULL ||
		    strcmp(typ, CORE_TYP_DECISION) != 0 ||
		    strcmp(res.thumbprint, core_key_thumbprint_str(k)) != 0 ||
		    (core_key_type(k) == CORE_KEY_P256) !=
		    (strcmp(res.alg, "ES256") == 0) ||
		    res.payload[res.payload_len] != '\0')
			abort();
		if (core_jws_verify(data, size, CORE_TYP_DECISION, fuzz_keys,
		    &again, &err) != CORE_OK ||
		    again.payload_len != res.payload_len ||
		    memcmp(again.payload, res.payload, res.payload_len) != 0)
			abort();
		/* Read as JSON, or refused with a code of its own. */
		rc = core_jws_result_json(&res, &pj, &err);
		if ((rc == CORE_OK) != (pj != NULL))
			abort();
		/* Never accepted as another document type. */
		core_jws_result_free(&again);
		if (core_jws_verify(data, size, CORE_TYP_RECEIPT, fuzz_keys,
		    &again, &err) != CORE_E_JWS_TYP)
			abort();
	}
	core_jws_result_free(&res);
	if (core_jws_peek(data, size, &hdr, &err) == CORE_OK && hdr == NULL)
		abort();
	json_decref(hdr);
}

/* Strict decoding means one text per byte string. */
static void
fuzz_encodings(const uint8_t *data, size_t size)
{
	struct core_buf	 dec, enc;
	struct core_err	 err;

	core_buf_init(&dec, 1 << 20);
	core_buf_init(&enc, 1 << 21);
	if (core_b64url_decode((const char *)data, size, &dec, &err) ==
	    CORE_OK) {
		if (core_b64url_encode(dec.data, dec.len, &enc) != CORE_OK ||
		    enc.len != size || (size > 0 && memcmp(enc.data, data,
		    size) != 0))
			abort();
	} else if (dec.len != 0)
		abort();
	core_buf_reset(&dec);
	core_buf_reset(&enc);
	if (size <= 256 && core_base58btc_decode((const char *)data, size,
	    &dec, &err) == CORE_OK) {
		if (core_base58btc_encode(dec.data, dec.len, &enc) != CORE_OK ||
		    enc.len != size || (size > 0 && memcmp(enc.data, data,
		    size) != 0))
			abort();
	}
	core_buf_free(&dec);
	core_buf_free(&enc);
}

/* Keys read back as they were written. */
static void
fuzz_keys_formats(const uint8_t *data, size_t size)
{
	struct core_key	*k = NULL, *back = NULL;
	struct core_buf	 b;
	struct core_err	 err;
	json_t		*j = NULL, *out = NULL;
	char		 tp[CORE_THUMBPRINT_LEN], *s;

	core_buf_init(&b, 4096);
	if (core_json_parse(data, size, NULL, &j, &err) == CORE_OK) {
		if (core_key_from_jwk(j, &k, &err) == CORE_OK) {
			if (core_key_to_jwk(k, 1, &out, &err) != CORE_OK ||
			    core_key_from_jwk(out, &back, &err) != CORE_OK ||
			    !core_key_equal(k, back) ||
			    core_key_has_private(k) != core_key_has_private(back) ||
			    core_jwk_thumbprint(j, tp, &err) != CORE_OK ||
			    strcmp(tp, core_key_thumbprint_str(k)) != 0)
				abort();
		} else if (k != NULL)
			abort();
		core_key_free(&k);
		core_key_free(&back);
		json_decref(out);
		json_decref(j);
	}
	if (size >= 8 && size < 300 && memcmp(data, "did:key:", 8) == 0 &&
	    memchr(data, '\0', size) == NULL) {
		if ((s = malloc(size + 1)) == NULL)
			abort();
		memcpy(s, data, size);
		s[size] = '\0';
		if (core_key_from_did(s, &k, &err) == CORE_OK) {
			if (core_key_to_did(k, &b, &err) != CORE_OK ||
			    strncmp(core_buf_str(&b), s, b.len) != 0 ||
			    (s[b.len] != '\0' && s[b.len] != '#'))
				abort();
		}
		core_key_free(&k);
		free(s);
	}
	core_buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	fuzz_jws(data, size);
	fuzz_encodings(data, size);
	fuzz_keys_formats(data, size);
	return 0;
}
