/*
 * key.h: public and private keys: Ed25519 and ECDSA P-256.
 *
 * A struct core_key wraps an OpenSSL EVP_PKEY and knows its type.  Keys come
 * from JWK (RFC 7517, RFC 8037 OKP), did:key (Ed25519 0xed01, compressed
 * P-256 0x1200 multicodec prefixes, base58btc multibase), or PEM (operators'
 * files); their identity is the RFC 7638 thumbprint (base64url of SHA-256 of
 * the canonical required members).
 */
#ifndef RECOURSE_CORE_KEY_H
#define RECOURSE_CORE_KEY_H

#include <stddef.h>

#include <jansson.h>

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
/* A new reference to the same key (keys are reference-counted). */
struct core_key	*core_key_ref(struct core_key *k);
void		core_key_free(struct core_key **k);

#endif
