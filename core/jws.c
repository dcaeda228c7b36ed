/*
 * jws.c: JSON Web Signature (RFC 7515, RFC 7797) as recourse/1 uses it.
 *
 * Verification reads the serialisation in place (compact, or the strings of
 * the parsed JSON one), checks every signature's headers before any
 * cryptography, builds the signing input once, decodes each signature into
 * a 64-byte array and verifies it; only then is the payload decoded, once,
 * into the result.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "core/b64.h"
#include "core/jcs.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/sig.h"

/* Most signatures in a general JSON serialisation. */
#define JWS_MAX_SIGS		16
/* Longest protected header (encoded) and kid we accept. */
#define JWS_MAX_HEADER		8192
#define JWS_MAX_KID		127
/* 64 signature bytes are 86 base64url characters. */
#define JWS_SIG_B64_LEN		86

struct jws_key {
	char		*kid;
	struct core_key	*key;
};

struct core_keyset {
	struct jws_key	*keys;
	size_t		 n;
	size_t		 cap;
};

/* One signature of a JWS, pointing into the input or into its parsed JSON. */
struct jws_sig {
	const char	*prot;		/* base64url protected header */
	size_t		 protlen;
	const json_t	*unprot;	/* unprotected header or NULL */
	const char	*sig;		/* base64url signature */
	size_t		 siglen;
	json_t		*header;	/* parsed protected header */
	const char	*alg;
	const char	*kid;		/* from either header, or NULL */
	int		 b64;		/* payload base64url-encoded */
};

/* A JWS taken apart. */
struct jws_parts {
	json_t		*root;		/* parsed JSON serialisations */
	int		 compact;	/* compact serialisation */
	const char	*payload;	/* as it appears: encoded unless b64 false */
	size_t		 payloadlen;
	struct jws_sig	 sigs[JWS_MAX_SIGS];
	size_t		 nsigs;
};

/* A new empty key set. */
enum core_code
core_keyset_new(struct core_keyset **out)
{
	if ((*out = core_calloc(1, sizeof **out)) == NULL)
		return CORE_E_NOMEM;
	return CORE_OK;
}

/* Add k under kid (NULL: its thumbprint); a kid already in the set is
 * refused with CORE_E_ARG. */
enum core_code
core_keyset_add(struct core_keyset *ks, struct core_key *k, const char *kid)
{
	struct jws_key	*p;
	char		*copy = NULL;
	size_t		 cap;
	enum core_code	 rc = CORE_OK;

	if (ks == NULL || k == NULL) {
		rc = CORE_E_ARG;
		goto out;
	}
	if (kid == NULL)
		kid = core_key_thumbprint_str(k);
	if (strlen(kid) > JWS_MAX_KID || core_keyset_find(ks, kid) != NULL) {
		rc = CORE_E_ARG;
		goto out;
	}
	if ((copy = core_strdup(kid)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if (ks->n == ks->cap) {
		cap = ks->cap == 0 ? 4 : ks->cap * 2;
		if ((p = core_realloc(ks->keys, cap * sizeof *p)) == NULL) {
			rc = CORE_E_NOMEM;
			goto out;
		}
		ks->keys = p;
		ks->cap = cap;
	}
	ks->keys[ks->n].kid = copy;
	ks->keys[ks->n].key = core_key_ref(k);
	ks->n++;
	copy = NULL;
out:
	core_free(copy);
	return rc;
}

/* The keys of a JWKS, {"keys": [...]}; every key must be usable and kids
 * must not repeat. */
enum core_code
core_keyset_from_jwks(const json_t *jwks, struct core_keyset **out,
    struct core_err *err)
{
	struct core_keyset	*ks = NULL;
	struct core_key		*k = NULL;
	const json_t		*keys, *kid;
	size_t			 i;
	enum core_code		 rc;

	*out = NULL;
	keys = json_object_get(jwks, "keys");
	if (!json_is_array(keys)) {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "a JWKS needs an array \"keys\"");
		goto out;
	}
	if ((rc = core_keyset_new(&ks)) != CORE_OK)
		goto out;
	for (i = 0; i < json_array_size(keys); i++) {
		kid = json_object_get(json_array_get(keys, i), "kid");
		if (kid != NULL && (!json_is_string(kid) ||
		    json_string_length(kid) == 0 ||
		    json_string_length(kid) > JWS_MAX_KID ||
		    strlen(json_string_value(kid)) != json_string_length(kid))) {
			rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
			    "key %zu: kid must be a string of 1 to %d bytes", i,
			    JWS_MAX_KID);
			goto out;
		}
		if ((rc = core_key_from_jwk(json_array_get(keys, i), &k,
		    err)) != CORE_OK)
			goto out;
		rc = core_keyset_add(ks, k, kid == NULL ? NULL :
		    json_string_value(kid));
		core_key_free(&k);
		if (rc == CORE_E_ARG) {
			rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
			    "key %zu: kid \"%.64s\" repeated", i, kid == NULL ?
			    "(thumbprint)" : json_string_value(kid));
			goto out;
		}
		if (rc != CORE_OK)
			goto out;
	}
	*out = ks;
	ks = NULL;
out:
	core_keyset_free(&ks);
	return rc;
}

/* The key stored under kid, or NULL. */
const struct core_key *
core_keyset_find(const struct core_keyset *ks, const char *kid)
{
	size_t	i;

	if (ks == NULL || kid == NULL)
		return NULL;
	for (i = 0; i < ks->n; i++) {
		if (strcmp(ks->keys[i].kid, kid) == 0)
			return ks->keys[i].key;
	}
	return NULL;
}

/* How many keys ks holds. */
size_t
core_keyset_count(const struct core_keyset *ks)
{
	return ks == NULL ? 0 : ks->n;
}

/* The kid and key at index i (i < core_keyset_count()). */
const struct core_key *
core_keyset_get(const struct core_keyset *ks, size_t i, const char **kid)
{
	if (ks == NULL || i >= ks->n)
		return NULL;
	if (kid != NULL)
		*kid = ks->keys[i].kid;
	return ks->keys[i].key;
}

/* Free ks and drop its references to its keys. */
void
core_keyset_free(struct core_keyset **ksp)
{
	struct core_keyset	*ks;
	size_t			 i;

	if (ksp == NULL || (ks = *ksp) == NULL)
		return;
	*ksp = NULL;
	for (i = 0; i < ks->n; i++) {
		core_free(ks->keys[i].kid);
		core_key_free(&ks->keys[i].key);
	}
	core_free(ks->keys);
	core_free(ks);
}

/* The string member name of obj as pointer and length; -1 when present but
 * not a string (or missing while required). */
static int
jws_member_str(const json_t *obj, const char *name, int required,
    const char **s, size_t *len)
{
	const json_t	*v = json_object_get(obj, name);

	*s = NULL;
	*len = 0;
	if (v == NULL)
		return required ? -1 : 0;
	if (!json_is_string(v))
		return -1;
	*s = json_string_value(v);
	*len = json_string_length(v);
	return 0;
}

/* Take one JSON signature object (flattened top level or an element of
 * "signatures") into sig. */
static enum core_code
jws_json_sig(const json_t *o, int top, struct jws_sig *sig,
    struct core_err *err)
{
	const char	*name;
	json_t		*v;
	enum core_code	 rc = CORE_OK;

	json_object_foreach((json_t *)o, name, v) {
		if (strcmp(name, "protected") == 0 ||
		    strcmp(name, "header") == 0 ||
		    strcmp(name, "signature") == 0)
			continue;
		if (top && strcmp(name, "payload") == 0)
			continue;
		rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
		    "unexpected member \"%.64s\" in a JWS", name);
		goto out;
	}
	if (jws_member_str(o, "protected", 1, &sig->prot, &sig->protlen) != 0 ||
	    jws_member_str(o, "signature", 1, &sig->sig, &sig->siglen) != 0) {
		rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
		    "a JWS signature needs strings \"protected\" and "
		    "\"signature\"");
		goto out;
	}
	sig->unprot = json_object_get(o, "header");
	if (sig->unprot != NULL && !json_is_object(sig->unprot)) {
		rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
		    "the unprotected \"header\" must be an object");
		goto out;
	}
out:
	return rc;
}

/* Skip JSON white space from *i. */
static void
jws_ws(const char *s, size_t len, size_t *i)
{
	while (*i < len && (s[*i] == ' ' || s[*i] == '\t' || s[*i] == '\n' ||
	    s[*i] == '\r'))
		(*i)++;
}

/* Read a JSON string of base64url characters at *i (no escapes); its
 * contents in *v, *vlen.  0 on success, -1 when it is anything else. */
static int
jws_scan_str(const char *s, size_t len, size_t *i, const char **v,
    size_t *vlen)
{
	size_t	j;

	if (*i >= len || s[*i] != '"')
		return -1;
	j = *i + 1 + core_b64url_span(s + *i + 1, len - *i - 1);
	if (j >= len || s[j] != '"')
		return -1;
	*v = s + *i + 1;
	*vlen = j - *i - 1;
	*i = j + 1;
	return 0;
}

/* The common flattened JWS read in place: an object of exactly "payload",
 * "protected" and "signature", each a string of base64url characters.
 * Such text is strict JSON and means the same to the full parser; anything
 * else (escapes, other members, repeats, an unencoded payload) returns 0 and
 * is left to the full parser, whose verdict then stands. */
static int
jws_scan_flat(const char *s, size_t len, struct jws_parts *jp)
{
	static const char *const names[] = { "payload", "protected",
	    "signature" };
	const char	*k, *v;
	size_t		 i = 0, klen, vlen, m;
	unsigned	 seen = 0;

	jws_ws(s, len, &i);
	if (i >= len || s[i++] != '{')
		return 0;
	for (;;) {
		jws_ws(s, len, &i);
		if (jws_scan_str(s, len, &i, &k, &klen) != 0)
			return 0;
		for (m = 0; m < 3; m++) {
			if (klen == strlen(names[m]) &&
			    memcmp(k, names[m], klen) == 0)
				break;
		}
		if (m == 3 || (seen & (1u << m)))
			return 0;
		seen |= 1u << m;
		jws_ws(s, len, &i);
		if (i >= len || s[i++] != ':')
			return 0;
		jws_ws(s, len, &i);
		if (jws_scan_str(s, len, &i, &v, &vlen) != 0)
			return 0;
		if (m == 0) {
			jp->payload = v;
			jp->payloadlen = vlen;
		} else if (m == 1) {
			jp->sigs[0].prot = v;
			jp->sigs[0].protlen = vlen;
		} else {
			jp->sigs[0].sig = v;
			jp->sigs[0].siglen = vlen;
		}
		jws_ws(s, len, &i);
		if (i < len && s[i] == ',') {
			i++;
			continue;
		}
		if (i >= len || s[i++] != '}')
			return 0;
		break;
	}
	jws_ws(s, len, &i);
	if (i != len || seen != 7)
		return 0;
	jp->nsigs = 1;
	return 1;
}

/* Take a JWS apart: compact (three dot-separated parts) or JSON, flattened
 * or general. */
static enum core_code
jws_split(const void *jws, size_t len, struct jws_parts *jp,
    struct core_err *err)
{
	const char	*s = jws, *d1, *d2;
	const json_t	*sigs;
	size_t		 i;
	enum core_code	 rc = CORE_OK;

	memset(jp, 0, sizeof *jp);
	if (s == NULL || len == 0) {
		rc = core_err_set(err, CORE_E_JWS_FORMAT, 0, "empty JWS");
		goto out;
	}
	if (len > CORE_JSON_MAX_DOC) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "a JWS of %zu bytes is over the limit", len);
		goto out;
	}
	for (i = 0; i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
	    s[i] == '\n'); i++)
		;
	if (i < len && s[i] == '{') {
		if (jws_scan_flat(s, len, jp))
			goto out;
		memset(jp, 0, sizeof *jp);
		if ((rc = core_json_parse(s, len, NULL, &jp->root, err)) !=
		    CORE_OK) {
			if (rc != CORE_E_NOMEM && rc != CORE_E_TOO_LARGE)
				rc = core_err_set(err, CORE_E_JWS_FORMAT,
				    err != NULL ? err->offset : CORE_NO_OFFSET,
				    "the JWS is not strict JSON");
			goto out;
		}
		if (jws_member_str(jp->root, "payload", 1, &jp->payload,
		    &jp->payloadlen) != 0) {
			rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
			    "a JWS needs a string \"payload\"");
			goto out;
		}
		sigs = json_object_get(jp->root, "signatures");
		if (sigs == NULL) {
			jp->nsigs = 1;
			rc = jws_json_sig(jp->root, 1, &jp->sigs[0], err);
			goto out;
		}
		if (!json_is_array(sigs) || json_array_size(sigs) == 0 ||
		    json_array_size(sigs) > JWS_MAX_SIGS ||
		    json_object_size(jp->root) != 2) {
			rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
			    "a general JWS holds only \"payload\" and 1 to %d "
			    "\"signatures\"", JWS_MAX_SIGS);
			goto out;
		}
		for (i = 0; i < json_array_size(sigs); i++) {
			if (!json_is_object(json_array_get(sigs, i))) {
				rc = core_err_set(err, CORE_E_JWS_FORMAT,
				    CORE_NO_OFFSET, "signature %zu is not an "
				    "object", i);
				goto out;
			}
			if ((rc = jws_json_sig(json_array_get(sigs, i), 0,
			    &jp->sigs[i], err)) != CORE_OK)
				goto out;
			jp->nsigs++;
		}
		goto out;
	}
	/* Compact: BASE64URL(header) '.' payload '.' BASE64URL(signature). */
	d1 = memchr(s, '.', len);
	d2 = d1 == NULL ? NULL : memchr(d1 + 1, '.', len - (size_t)(d1 + 1 - s));
	if (d1 == NULL || d2 == NULL ||
	    memchr(d2 + 1, '.', len - (size_t)(d2 + 1 - s)) != NULL) {
		rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
		    "neither JSON nor three dot-separated parts");
		goto out;
	}
	jp->compact = 1;
	jp->nsigs = 1;
	jp->sigs[0].prot = s;
	jp->sigs[0].protlen = (size_t)(d1 - s);
	jp->payload = d1 + 1;
	jp->payloadlen = (size_t)(d2 - d1 - 1);
	jp->sigs[0].sig = d2 + 1;
	jp->sigs[0].siglen = len - (size_t)(d2 + 1 - s);
out:
	return rc;
}

/* Decode and parse the protected header of sig. */
static enum core_code
jws_parse_header(struct jws_sig *sig, size_t idx, struct core_err *err)
{
	unsigned char	 stackbuf[512], *p = stackbuf;
	size_t		 max, n = 0;
	enum core_code	 rc;

	if (sig->protlen == 0 || sig->protlen > JWS_MAX_HEADER) {
		rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
		    "signature %zu: protected header missing or too long", idx);
		goto out;
	}
	max = core_b64url_decoded_max(sig->protlen);
	if (max > sizeof stackbuf && (p = core_malloc(max)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if ((rc = core_b64url_decode_to(sig->prot, sig->protlen, p, max, &n,
	    err)) != CORE_OK) {
		rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
		    "signature %zu: protected header is not base64url", idx);
		goto out;
	}
	if ((rc = core_json_parse(p, n, NULL, &sig->header, err)) != CORE_OK) {
		if (rc != CORE_E_NOMEM)
			rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
			    "signature %zu: protected header is not strict "
			    "JSON", idx);
		goto out;
	}
	if (!json_is_object(sig->header)) {
		rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
		    "signature %zu: protected header is not an object", idx);
		goto out;
	}
out:
	if (p != stackbuf)
		core_free(p);
	return rc;
}

/* 1 when alg names an HMAC algorithm. */
static int
jws_alg_is_hmac(const char *alg)
{
	return strncmp(alg, "HS", 2) == 0;
}

/* Check the headers of sig against the rules of jws.h; sets alg, kid, b64. */
static enum core_code
jws_check_header(struct jws_sig *sig, size_t idx, const char *typ,
    struct core_err *err)
{
	static const char *const refused[] = { "jwk", "jku", "x5u", "x5c" };
	const json_t	*v, *crit, *b64;
	const char	*name;
	json_t		*val;
	size_t		 i, j;
	int		 b64crit = 0;
	enum core_code	 rc = CORE_OK;

	for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		if (json_object_get(sig->header, refused[i]) != NULL ||
		    json_object_get(sig->unprot, refused[i]) != NULL) {
			rc = core_err_set(err, CORE_E_JWS_HEADER, CORE_NO_OFFSET,
			    "signature %zu: header parameter \"%s\" is refused",
			    idx, refused[i]);
			goto out;
		}
	}
	if (sig->unprot != NULL) {
		json_object_foreach((json_t *)sig->unprot, name, val) {
			if (json_object_get(sig->header, name) != NULL) {
				rc = core_err_set(err, CORE_E_JWS_FORMAT,
				    CORE_NO_OFFSET, "signature %zu: \"%.64s\" "
				    "is in both headers", idx, name);
				goto out;
			}
			if (strcmp(name, "alg") == 0 || strcmp(name, "typ") == 0 ||
			    strcmp(name, "crit") == 0 || strcmp(name, "b64") == 0) {
				rc = core_err_set(err, CORE_E_JWS_FORMAT,
				    CORE_NO_OFFSET, "signature %zu: \"%s\" must "
				    "be in the protected header", idx, name);
				goto out;
			}
		}
	}
	v = json_object_get(sig->header, "alg");
	if (!json_is_string(v)) {
		rc = core_err_set(err, CORE_E_JWS_ALG, CORE_NO_OFFSET,
		    "signature %zu: no \"alg\" in the protected header", idx);
		goto out;
	}
	sig->alg = json_string_value(v);
	if (strcmp(sig->alg, "none") == 0 || jws_alg_is_hmac(sig->alg) ||
	    (strcmp(sig->alg, "EdDSA") != 0 && strcmp(sig->alg, "Ed25519") != 0 &&
	    strcmp(sig->alg, "ES256") != 0)) {
		rc = core_err_set(err, CORE_E_JWS_ALG, CORE_NO_OFFSET,
		    "signature %zu: algorithm \"%.32s\" is refused", idx,
		    sig->alg);
		goto out;
	}
	crit = json_object_get(sig->header, "crit");
	if (crit != NULL) {
		if (!json_is_array(crit) || json_array_size(crit) == 0) {
			rc = core_err_set(err, CORE_E_JWS_CRIT, CORE_NO_OFFSET,
			    "signature %zu: \"crit\" must be a non-empty array",
			    idx);
			goto out;
		}
		for (i = 0; i < json_array_size(crit); i++) {
			v = json_array_get(crit, i);
			if (!json_is_string(v) ||
			    strcmp(json_string_value(v), "b64") != 0 ||
			    json_object_get(sig->header, "b64") == NULL) {
				rc = core_err_set(err, CORE_E_JWS_CRIT,
				    CORE_NO_OFFSET, "signature %zu: critical "
				    "header \"%.64s\" is not understood", idx,
				    json_is_string(v) ? json_string_value(v) :
				    "(not a string)");
				goto out;
			}
			for (j = 0; j < i; j++) {
				if (json_equal(v, json_array_get(crit, j))) {
					rc = core_err_set(err, CORE_E_JWS_CRIT,
					    CORE_NO_OFFSET, "signature %zu: "
					    "\"crit\" repeats a name", idx);
					goto out;
				}
			}
			b64crit = 1;
		}
	}
	sig->b64 = 1;
	b64 = json_object_get(sig->header, "b64");
	if (b64 != NULL) {
		if (!json_is_boolean(b64) || !b64crit) {
			rc = core_err_set(err, CORE_E_JWS_CRIT, CORE_NO_OFFSET,
			    "signature %zu: \"b64\" must be a boolean listed in "
			    "\"crit\"", idx);
			goto out;
		}
		sig->b64 = json_is_true(b64);
	}
	v = json_object_get(sig->header, "typ");
	if (v == NULL || !json_is_string(v) || typ == NULL ||
	    strcmp(json_string_value(v), typ) != 0 ||
	    strlen(json_string_value(v)) != json_string_length(v)) {
		rc = core_err_set(err, CORE_E_JWS_TYP, CORE_NO_OFFSET,
		    "signature %zu: document type \"%.64s\", expected \"%.64s\"",
		    idx, json_is_string(v) ? json_string_value(v) : "(none)",
		    typ == NULL ? "(none)" : typ);
		goto out;
	}
	v = json_object_get(sig->header, "kid");
	if (v == NULL)
		v = json_object_get(sig->unprot, "kid");
	if (v != NULL) {
		if (!json_is_string(v) || json_string_length(v) == 0 ||
		    json_string_length(v) > JWS_MAX_KID ||
		    strlen(json_string_value(v)) != json_string_length(v)) {
			rc = core_err_set(err, CORE_E_JWS_KID, CORE_NO_OFFSET,
			    "signature %zu: kid must be a string of 1 to %d "
			    "bytes", idx, JWS_MAX_KID);
			goto out;
		}
		sig->kid = json_string_value(v);
	}
out:
	return rc;
}

/* 1 when the header alg fits key k. */
static int
jws_alg_fits(const char *alg, const struct core_key *k)
{
	if (core_key_type(k) == CORE_KEY_ED25519)
		return strcmp(alg, "EdDSA") == 0 || strcmp(alg, "Ed25519") == 0;
	return strcmp(alg, "ES256") == 0;
}

/* Verify one signature over the signing input with k. */
static enum core_code
jws_verify_one(const struct jws_sig *sig, const struct core_key *k,
    const unsigned char *input, size_t inlen, struct core_err *err)
{
	unsigned char	 raw[64];
	size_t		 n = 0;
	enum core_code	 rc;

	if (!jws_alg_fits(sig->alg, k)) {
		rc = core_err_set(err, CORE_E_JWS_ALG, CORE_NO_OFFSET,
		    "header alg \"%s\" is not the key's algorithm (%s)",
		    sig->alg, core_key_alg(k));
		goto out;
	}
	if (sig->siglen != JWS_SIG_B64_LEN) {
		rc = core_err_set(err, CORE_E_SIG_LENGTH, CORE_NO_OFFSET,
		    "a signature of %zu base64url characters, not %d",
		    sig->siglen, JWS_SIG_B64_LEN);
		goto out;
	}
	if ((rc = core_b64url_decode_to(sig->sig, sig->siglen, raw, sizeof raw,
	    &n, err)) != CORE_OK)
		goto out;
	rc = core_sig_verify(k, input, inlen, raw, n, err);
out:
	return rc;
}

/* Free what jws_split and the header checks made. */
static void
jws_parts_free(struct jws_parts *jp)
{
	size_t	i;

	for (i = 0; i < jp->nsigs; i++)
		json_decref(jp->sigs[i].header);
	json_decref(jp->root);
	memset(jp, 0, sizeof *jp);
}

/* Parse the protected headers of every signature not parsed yet, and check
 * them against typ. */
static enum core_code
jws_check_parts(struct jws_parts *jp, const char *typ, struct core_err *err)
{
	size_t		i;
	enum core_code	rc = CORE_OK;

	for (i = 0; i < jp->nsigs; i++) {
		if ((jp->sigs[i].header == NULL &&
		    (rc = jws_parse_header(&jp->sigs[i], i, err)) != CORE_OK) ||
		    (rc = jws_check_header(&jp->sigs[i], i, typ, err)) !=
		    CORE_OK)
			goto out;
		if (jp->sigs[i].b64 != jp->sigs[0].b64) {
			rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
			    "signatures disagree on \"b64\"");
			goto out;
		}
	}
	if (!jp->sigs[0].b64 && jp->compact &&
	    memchr(jp->payload, '.', jp->payloadlen) != NULL) {
		rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
		    "an unencoded compact payload holds a '.'");
		goto out;
	}
out:
	return rc;
}

/* A JWS taken apart by core_jws_open(). */
struct core_jws {
	struct jws_parts	jp;
};

/* Verify a JWS of type typ with a key of keys (see jws.h for the policy on
 * several signatures). */
static enum core_code
jws_verify_parts(struct jws_parts *jp, const char *typ,
    const struct core_keyset *keys, struct core_jws_result *res,
    struct core_err *err)
{
	const struct core_key	*k, *goodkey = NULL;
	const char		*kid, *goodkid = NULL;
	struct jws_sig		*sig, *good = NULL;
	const unsigned char	*in;
	unsigned char		*payload = NULL, *input = NULL;
	size_t			 i, j, inlen, inmax, plen = 0;
	int			 tried;
	enum core_code		 rc = CORE_OK;

	memset(res, 0, sizeof *res);
	if (typ == NULL || keys == NULL) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "a document type and a key set are required");
		goto out;
	}
	if ((rc = jws_check_parts(jp, typ, err)) != CORE_OK)
		goto out;
	for (i = 0; i < jp->nsigs; i++) {
		sig = &jp->sigs[i];
		/* The signing input: in a compact JWS it is already there;
		 * otherwise it is put together once per signature in one
		 * buffer of the largest size needed. */
		if (jp->compact) {
			in = (const unsigned char *)sig->prot;
			inlen = sig->protlen + 1 + jp->payloadlen;
		} else {
			if (input == NULL) {
				for (j = 0, inmax = 0; j < jp->nsigs; j++) {
					if (jp->sigs[j].protlen > inmax)
						inmax = jp->sigs[j].protlen;
				}
				inmax += 1 + jp->payloadlen;
				if ((input = core_malloc(inmax)) == NULL) {
					rc = CORE_E_NOMEM;
					goto out;
				}
			}
			memcpy(input, sig->prot, sig->protlen);
			input[sig->protlen] = '.';
			memcpy(input + sig->protlen + 1, jp->payload,
			    jp->payloadlen);
			in = input;
			inlen = sig->protlen + 1 + jp->payloadlen;
		}
		if (sig->kid != NULL) {
			/* Named key: ignored when not ours, else it must hold. */
			if ((k = core_keyset_find(keys, sig->kid)) == NULL)
				continue;
			if ((rc = jws_verify_one(sig, k, in, inlen, err)) !=
			    CORE_OK)
				goto out;
			if (good == NULL) {
				good = sig;
				goodkid = sig->kid;
				goodkey = k;
			}
			continue;
		}
		/* No kid: try every key whose algorithm fits. */
		tried = 0;
		for (j = 0; j < core_keyset_count(keys); j++) {
			k = core_keyset_get(keys, j, &kid);
			if (!jws_alg_fits(sig->alg, k))
				continue;
			tried = 1;
			rc = jws_verify_one(sig, k, in, inlen, err);
			if (rc == CORE_OK) {
				if (good == NULL) {
					good = sig;
					goodkid = kid;
					goodkey = k;
				}
				break;
			}
			if (rc != CORE_E_SIG_INVALID)
				goto out;
		}
		if (tried && rc != CORE_OK)
			goto out;
	}
	if (good == NULL) {
		rc = core_err_set(err, CORE_E_JWS_KID, CORE_NO_OFFSET,
		    "no signature by a known key%s%.64s", jp->sigs[0].kid ==
		    NULL ? "" : "; kid ", jp->sigs[0].kid == NULL ? "" :
		    jp->sigs[0].kid);
		goto out;
	}
	/* The payload, decoded once. */
	if (good->b64) {
		if ((payload = core_malloc(core_b64url_decoded_max(
		    jp->payloadlen) + 1)) == NULL) {
			rc = CORE_E_NOMEM;
			goto out;
		}
		if ((rc = core_b64url_decode_to(jp->payload, jp->payloadlen,
		    payload, core_b64url_decoded_max(jp->payloadlen), &plen,
		    err)) != CORE_OK) {
			rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
			    "the payload is not base64url");
			goto out;
		}
	} else {
		if ((payload = core_malloc(jp->payloadlen + 1)) == NULL) {
			rc = CORE_E_NOMEM;
			goto out;
		}
		memcpy(payload, jp->payload, jp->payloadlen);
		plen = jp->payloadlen;
	}
	payload[plen] = '\0';
	res->header = json_incref(good->header);
	res->payload = payload;
	res->payload_len = plen;
	payload = NULL;
	memcpy(res->kid, goodkid, strlen(goodkid) + 1);
	memcpy(res->thumbprint, core_key_thumbprint_str(goodkey),
	    CORE_THUMBPRINT_LEN);
	memcpy(res->alg, good->alg, strlen(good->alg) + 1);
	core_err_clear(err);
out:
	core_free(input);
	core_free(payload);
	return rc;
}

enum core_code
core_jws_verify(const void *jws, size_t len, const char *typ,
    const struct core_keyset *keys, struct core_jws_result *res,
    struct core_err *err)
{
	struct jws_parts	jp;
	enum core_code		rc;

	memset(res, 0, sizeof *res);
	memset(&jp, 0, sizeof jp);
	if (typ == NULL || keys == NULL) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "a document type and a key set are required");
		goto out;
	}
	if ((rc = jws_split(jws, len, &jp, err)) != CORE_OK)
		goto out;
	rc = jws_verify_parts(&jp, typ, keys, res, err);
out:
	jws_parts_free(&jp);
	return rc;
}

/* Take jws apart and parse the protected header of its first signature,
 * as core_jws_peek() does; the other headers are parsed when verifying. */
enum core_code
core_jws_open(const void *jws, size_t len, struct core_jws **out,
    struct core_err *err)
{
	struct core_jws	*j;
	enum core_code	 rc;

	*out = NULL;
	if ((j = core_calloc(1, sizeof *j)) == NULL)
		return core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET,
		    "reading a JWS");
	if ((rc = jws_split(jws, len, &j->jp, err)) != CORE_OK ||
	    (rc = jws_parse_header(&j->jp.sigs[0], 0, err)) != CORE_OK) {
		core_jws_close(&j);
		return rc;
	}
	*out = j;
	return CORE_OK;
}

const json_t *
core_jws_header(const struct core_jws *j)
{
	return j->jp.sigs[0].header;
}

const json_t *
core_jws_unprotected(const struct core_jws *j)
{
	return j->jp.sigs[0].unprot;
}

enum core_code
core_jws_verify_open(struct core_jws *j, const char *typ,
    const struct core_keyset *keys, struct core_jws_result *res,
    struct core_err *err)
{
	return jws_verify_parts(&j->jp, typ, keys, res, err);
}

/* As core_jws_verify_open() with a set of one key, made on the stack: the
 * set is only read, never changed, so neither k nor kid is written. */
enum core_code
core_jws_verify_key(struct core_jws *j, const char *typ,
    const struct core_key *k, const char *kid, struct core_jws_result *res,
    struct core_err *err)
{
	struct jws_key		one;
	struct core_keyset	ks;

	memset(res, 0, sizeof *res);
	if (k == NULL)
		return CORE_E_ARG;
	if (kid == NULL)
		kid = core_key_thumbprint_str(k);
	if (strlen(kid) > JWS_MAX_KID)
		return CORE_E_ARG;
	one.kid = (char *)(uintptr_t)kid;
	one.key = (struct core_key *)(uintptr_t)k;
	ks.keys = &one;
	ks.n = ks.cap = 1;
	return jws_verify_parts(&j->jp, typ, &ks, res, err);
}

void
core_jws_close(struct core_jws **jp)
{
	if (jp == NULL || *jp == NULL)
		return;
	jws_parts_free(&(*jp)->jp);
	core_free(*jp);
	*jp = NULL;
}

/* The protected header of the first signature, unverified. */
enum core_code
core_jws_peek(const void *jws, size_t len, json_t **header,
    struct core_err *err)
{
	struct core_jws	*j = NULL;
	enum core_code	 rc;

	*header = NULL;
	if ((rc = core_jws_open(jws, len, &j, err)) != CORE_OK)
		return rc;
	*header = json_incref(j->jp.sigs[0].header);
	core_jws_close(&j);
	return CORE_OK;
}

/* 1 when the C string s is well-formed UTF-8. */
static int
jws_utf8(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), i = 0, l;

	while (i < n) {
		if ((l = core_json_utf8_len(p + i, n - i)) == 0)
			return 0;
		i += l;
	}
	return 1;
}

/* Sign payload as a flattened JWS with {"alg","kid","typ"} protected. */
enum core_code
core_jws_sign(const void *payload, size_t len, const char *typ,
    const struct core_key *k, const char *kid, struct core_buf *out,
    struct core_err *err)
{
	struct core_buf	 hdr, input;
	json_t		*h = NULL;
	unsigned char	 sig[CORE_SIG_MAX];
	size_t		 siglen = 0, protlen, start = out->len;
	enum core_code	 rc;

	core_buf_init(&hdr, JWS_MAX_HEADER);
	core_buf_init(&input, 2 * CORE_JSON_MAX_DOC);
	if (typ == NULL || k == NULL || (payload == NULL && len != 0)) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "signing needs a payload, a document type and a key");
		goto out;
	}
	if (kid == NULL)
		kid = core_key_thumbprint_str(k);
	if (strlen(kid) == 0 || strlen(kid) > JWS_MAX_KID) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "a kid is 1 to %d bytes", JWS_MAX_KID);
		goto out;
	}
	if (!jws_utf8(typ) || !jws_utf8(kid)) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "typ and kid must be UTF-8 text");
		goto out;
	}
	if ((h = json_pack("{s:s, s:s, s:s}", "alg", core_key_alg(k), "typ",
	    typ, "kid", kid)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if ((rc = core_jcs_serialize(h, &hdr, err)) != CORE_OK)
		goto out;
	if ((rc = core_b64url_encode(hdr.data, hdr.len, &input)) != CORE_OK)
		goto out;
	protlen = input.len;
	if ((rc = core_buf_addc(&input, '.')) != CORE_OK ||
	    (rc = core_b64url_encode(payload, len, &input)) != CORE_OK)
		goto out;
	if ((rc = core_sig_sign(k, input.data, input.len, sig, &siglen,
	    err)) != CORE_OK)
		goto out;
	if ((rc = core_buf_adds(out, "{\"payload\":\"")) != CORE_OK ||
	    (rc = core_buf_add(out, input.data + protlen + 1,
	    input.len - protlen - 1)) != CORE_OK ||
	    (rc = core_buf_adds(out, "\",\"protected\":\"")) != CORE_OK ||
	    (rc = core_buf_add(out, input.data, protlen)) != CORE_OK ||
	    (rc = core_buf_adds(out, "\",\"signature\":\"")) != CORE_OK ||
	    (rc = core_b64url_encode(sig, siglen, out)) != CORE_OK ||
	    (rc = core_buf_adds(out, "\"}")) != CORE_OK) {
		if (out->data != NULL) {
			out->len = start;
			out->data[start] = '\0';
		}
		goto out;
	}
out:
	if (rc == CORE_E_NOMEM || rc == CORE_E_TOO_LARGE)
		core_err_set(err, rc, CORE_NO_OFFSET, "signing a JWS");
	json_decref(h);
	core_buf_free(&hdr);
	core_buf_free(&input);
	return rc;
}

/* The payload of a verified JWS parsed with the strict JSON parser, once:
 * later calls return the same value.  *out is borrowed from res. */
enum core_code
core_jws_result_json(struct core_jws_result *res, const json_t **out,
    struct core_err *err)
{
	enum core_code	rc = CORE_OK;

	*out = NULL;
	if (res->payload == NULL) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "no verified payload");
		goto out;
	}
	if (res->payload_json == NULL &&
	    (rc = core_json_parse(res->payload, res->payload_len, NULL,
	    &res->payload_json, err)) != CORE_OK)
		goto out;
	*out = res->payload_json;
out:
	return rc;
}

/* Release what core_jws_verify() put in res. */
void
core_jws_result_free(struct core_jws_result *res)
{
	if (res == NULL)
		return;
	json_decref(res->header);
	json_decref(res->payload_json);
	core_free(res->payload);
	memset(res, 0, sizeof *res);
}
