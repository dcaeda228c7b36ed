/*
 * jws.h: JSON Web Signature (RFC 7515) as recourse/1 uses it.
 *
 * Accepted: flattened and general JSON serialisations and the compact one.
 * The algorithm comes from the key found for the signature (by kid in the key
 * set), never from the header alone: a header alg that does not match the
 * key's algorithm is refused.  Refused outright: alg "none", HMAC algorithms,
 * unknown names in "crit", the header parameters jwk, jku, x5u and x5c, a
 * missing typ, and a typ other than the expected one.  RFC 7797 "b64": false
 * (listed in crit) is supported.  Headers and payloads are parsed with the
 * strict JSON parser: the JSON serialisation and every protected header
 * while verifying, the payload once, on demand, by core_jws_result_json()
 * (callers that read the payload into their own structures parse the exact
 * bytes themselves, so verification does not parse it twice).
 *
 * Header rules, for every signature: the protected header is a strict JSON
 * object holding "alg" (EdDSA or Ed25519 for an Ed25519 key, ES256 for a
 * P-256 key) and "typ" (compared byte for byte with the expected type);
 * "crit" and "b64" are only accepted there; "kid" may be in either header;
 * a name may not appear in both headers; "crit" may only list "b64".
 *
 * Several signatures (general serialisation, at most 16): each is checked by
 * the header rules above, whoever made it.  A signature whose kid names a
 * key of the set must verify with that key (and its alg must be the key's);
 * a signature without a kid must verify with one of the set's keys of its
 * algorithm, when the set has any; a signature whose kid is not in the set
 * is another party's and is passed over.  The JWS is verified when at least
 * one signature verified and none of the set's failed: one bad signature by
 * a known key refuses the whole document.  The result describes the first
 * signature that verified.  A JWS whose only signatures are by unknown
 * keys is refused with CORE_E_JWS_KID.
 */
#ifndef RECOURSE_CORE_JWS_H
#define RECOURSE_CORE_JWS_H

#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/key.h"

/* Document types of recourse/1 (the protected header's "typ"). */
#define CORE_TYP_DECISION	"recourse-decision+json"
#define CORE_TYP_RECEIPT	"recourse-receipt+json"
#define CORE_TYP_STATUS		"recourse-status+json"
#define CORE_TYP_REGISTRY	"recourse-registry+json"
#define CORE_TYP_ATTESTATION	"recourse-attestation+json"

/* A set of public keys by kid; owns its keys. */
struct core_keyset;

enum core_code	core_keyset_new(struct core_keyset **out);
/* Keys of a JWKS ({"keys":[...]}); a key without kid gets its thumbprint. */
enum core_code	core_keyset_from_jwks(const json_t *jwks, struct core_keyset **out,
		    struct core_err *err);
/* Add k under kid (NULL: the thumbprint); takes a reference of its own. */
enum core_code	core_keyset_add(struct core_keyset *ks, struct core_key *k,
		    const char *kid);
const struct core_key *core_keyset_find(const struct core_keyset *ks, const char *kid);
size_t		core_keyset_count(const struct core_keyset *ks);
/* The i-th key (i < count) and, when kid is not NULL, its kid. */
const struct core_key *core_keyset_get(const struct core_keyset *ks, size_t i,
		    const char **kid);
void		core_keyset_free(struct core_keyset **ks);

/* What a verified JWS yields. */
struct core_jws_result {
	json_t		*header;	/* protected header of the verified signature */
	unsigned char	*payload;	/* exact payload bytes, NUL-terminated */
	size_t		 payload_len;
	char		 kid[128];	/* kid of the verifying key */
	char		 thumbprint[CORE_THUMBPRINT_LEN];
	char		 alg[16];
	json_t		*payload_json;	/* NULL until core_jws_result_json() */
};

/* Verify a JWS of document type typ (required) with a key from keys.
 * On success res holds the results; free them with core_jws_result_free().
 * On failure res is left empty (safe to free). */
enum core_code	core_jws_verify(const void *jws, size_t len, const char *typ,
		    const struct core_keyset *keys, struct core_jws_result *res,
		    struct core_err *err);

/* Read the protected header and the kid of the first signature without
 * verifying anything (to choose which keys to fetch).  *header is a new
 * reference. */
enum core_code	core_jws_peek(const void *jws, size_t len, json_t **header,
		    struct core_err *err);

/* A JWS taken apart once, for a caller that reads its header before it
 * knows which keys to try, and may try several: the serialisation and each
 * protected header are parsed once, however many keys are tried.  It points
 * into the bytes given to core_jws_open(), which must outlive it. */
struct core_jws;

/* Take jws apart and parse its first protected header; fails as
 * core_jws_peek() does.  Free with core_jws_close(). */
enum core_code	core_jws_open(const void *jws, size_t len, struct core_jws **out,
		    struct core_err *err);
/* The first signature's protected header, and its unprotected header
 * (NULL when none), borrowed from j. */
const json_t	*core_jws_header(const struct core_jws *j);
const json_t	*core_jws_unprotected(const struct core_jws *j);
/* core_jws_verify() of an opened JWS, with keys or with the one key k under
 * kid (NULL: its thumbprint). */
enum core_code	core_jws_verify_open(struct core_jws *j, const char *typ,
		    const struct core_keyset *keys, struct core_jws_result *res,
		    struct core_err *err);
enum core_code	core_jws_verify_key(struct core_jws *j, const char *typ,
		    const struct core_key *k, const char *kid,
		    struct core_jws_result *res, struct core_err *err);
void		core_jws_close(struct core_jws **j);

/* Sign payload as a flattened JSON serialisation, appended to out: the
 * protected header is the canonical (RFC 8785) {"alg","kid","typ"}, alg the
 * key's (EdDSA or ES256), kid NULL meaning the key's thumbprint. */
enum core_code	core_jws_sign(const void *payload, size_t len, const char *typ,
		    const struct core_key *k, const char *kid, struct core_buf *out,
		    struct core_err *err);

/* The verified payload parsed with the strict JSON parser (once; kept in
 * res->payload_json and borrowed by *out); a payload that is not strict
 * JSON fails with the parser's CORE_E_JSON_* code. */
enum core_code	core_jws_result_json(struct core_jws_result *res,
		    const json_t **out, struct core_err *err);

void		core_jws_result_free(struct core_jws_result *res);

#endif
