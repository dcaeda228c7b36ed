/*
 * key.h: public and private keys: Ed25519 and ECDSA P-256.
 *
 * A struct core_key wraps an OpenSSL EVP_PKEY and knows its type.  Keys come
 * from JWK (RFC 7517, RFC 8037 OKP), did:key (Ed25519 0xed01, compressed
 * P-256 0x1200 multicodec prefixes, base58btc multibase), or PEM (operators'
 * files); their identity is the RFC 7638 thumbprint (base64url of SHA-256 of
 * the canonical required members).
 *
 * Every key is checked when it is made: Ed25519 keys are 32 bytes, P-256
 * points must lie on the curve, a private part must match the public one;
 * other curves and key types, and a JWK whose "alg" or "use" does not fit
 * the key, are refused with CORE_E_KEY (CORE_E_DID for did:key, CORE_E_PEM
 * for PEM).  Keys are reference-counted without locks: a key shared between
 * threads needs the caller's lock around core_key_ref() and core_key_free().
 */
#ifndef RECOURSE_CORE_KEY_H
#define RECOURSE_CORE_KEY_H

#include <stddef.h>

#include <jansson.h>

struct evp_pkey_st;	/* OpenSSL's EVP_PKEY */

#include "core/buf.h"
#include "core/error.h"

enum core_key_type {
	CORE_KEY_ED25519 = 1,
	CORE_KEY_P256 = 2
};

/* base64url of a SHA-256: 43 characters and a NUL. */
#define CORE_THUMBPRINT_LEN 44

struct core_key;

enum core_code	core_key_generate(enum core_key_type type, struct core_key **out,
		    struct core_err *err);
enum core_code	core_key_from_jwk(const json_t *jwk, struct core_key **out,
		    struct core_err *err);
/* A new JWK object; with private, "d" too (when the key has it). */
enum core_code	core_key_to_jwk(const struct core_key *k, int private,
		    json_t **out, struct core_err *err);
enum core_code	core_key_thumbprint(const struct core_key *k,
		    char out[CORE_THUMBPRINT_LEN], struct core_err *err);
enum core_code	core_key_from_did(const char *did, struct core_key **out,
		    struct core_err *err);
/* "did:key:z..." into out. */
enum core_code	core_key_to_did(const struct core_key *k, struct core_buf *out,
		    struct core_err *err);
enum core_code	core_key_from_pem(const void *pem, size_t len, struct core_key **out,
		    struct core_err *err);
enum core_code	core_key_to_pem(const struct core_key *k, int private,
		    struct core_buf *out, struct core_err *err);
enum core_key_type core_key_type(const struct core_key *k);
int		core_key_has_private(const struct core_key *k);
/* The JWS algorithm this key verifies: "EdDSA"-family or "ES256". */
const char	*core_key_alg(const struct core_key *k);
/* Multikey (publicKeyMultibase): "z" + base58btc of the multicodec-prefixed
 * public key, the identifier part of did:key; appended to out. */
enum core_code	core_key_to_multikey(const struct core_key *k,
		    struct core_buf *out, struct core_err *err);
/* A key from publicKeyMultibase, or from secretKeyMultibase (multicodec
 * ed25519-priv 0x1300 or p256-priv 0x1306), which gives the key pair. */
enum core_code	core_key_from_multikey(const char *s, size_t n,
		    struct core_key **out, struct core_err *err);
/* The RFC 7638 thumbprint of any JWK object (kty RSA, EC, OKP or oct),
 * whether or not recourse can use the key. */
enum core_code	core_jwk_thumbprint(const json_t *jwk,
		    char out[CORE_THUMBPRINT_LEN], struct core_err *err);
/* The thumbprint, computed when the key was made (43 characters). */
const char	*core_key_thumbprint_str(const struct core_key *k);
/* Raw public key: 32 bytes (Ed25519) or 65, 0x04 || x || y (P-256). */
const unsigned char *core_key_public_raw(const struct core_key *k, size_t *len);
/* 1 when a and b hold the same public key. */
int		core_key_equal(const struct core_key *a, const struct core_key *b);
/* The EVP_PKEY inside (still owned by k). */
struct evp_pkey_st *core_key_evp(const struct core_key *k);
/* A new reference to the same key (keys are reference-counted). */
struct core_key	*core_key_ref(struct core_key *k);
void		core_key_free(struct core_key **k);

#endif
