/*
 * keyfile.h: operators' key files.
 *
 * A key pair is a private key in PEM (PKCS#8), created with mode 0600 and
 * never over an existing file, and beside it FILE.pub.jwk, the public JWK
 * with "kid" set to its key id.
 *
 * A key id is the key's RFC 7638 thumbprint when that begins with a letter
 * or digit, else "k" and the thumbprint: the protocol's ids may not begin
 * with "-" or "_", which base64url may.
 */
#ifndef RECOURSE_SERVICE_KEYFILE_H
#define RECOURSE_SERVICE_KEYFILE_H

#include <jansson.h>

#include "core/error.h"
#include "core/key.h"

#define SVC_KID_LEN	(CORE_THUMBPRINT_LEN + 1)

/* The key id of k. */
enum core_code	svc_key_kid(const struct core_key *k, char out[SVC_KID_LEN],
		    struct core_err *err);
/* Load a private key from a PEM file. */
enum core_code	svc_key_load(const char *path, struct core_key **out,
		    struct core_err *err);
/* Make a key of type, write path and path.pub.jwk; *out (may be NULL) gets
 * the key. */
enum core_code	svc_key_create(enum core_key_type type, const char *path,
		    struct core_key **out, struct core_err *err);
/* The public JWK of k with kid (its thumbprint), use and alg. */
enum core_code	svc_key_public_jwk(const struct core_key *k, json_t **out,
		    struct core_err *err);

#endif
