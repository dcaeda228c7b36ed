/*
 * sig.h: signatures through OpenSSL EVP.
 *
 * Ed25519 (RFC 8032) and ECDSA P-256 with SHA-256.  ECDSA signatures are in
 * the JWS form, raw r||s of 64 bytes (RFC 7518 section 3.4); any other length
 * is refused with CORE_E_SIG_LENGTH, as are Ed25519 signatures that are not
 * 64 bytes.
 */
#ifndef RECOURSE_CORE_SIG_H
#define RECOURSE_CORE_SIG_H

#include <stddef.h>

#include "core/error.h"
#include "core/key.h"

#define CORE_SIG_MAX 64
/* The longest DER ECDSA-Sig-Value for P-256. */
#define CORE_SIG_DER_MAX 72

/* Sign n bytes; *siglen gets the length (64). */
enum core_code	core_sig_sign(const struct core_key *k, const void *msg, size_t n,
		    unsigned char sig[CORE_SIG_MAX], size_t *siglen,
		    struct core_err *err);
enum core_code	core_sig_verify(const struct core_key *k, const void *msg, size_t n,
		    const unsigned char *sig, size_t siglen, struct core_err *err);

/* ECDSA P-256: raw r || s (64 bytes) to DER, and strict DER (minimal
 * positive INTEGERs of at most 32 bytes) back to raw. */
enum core_code	core_sig_ecdsa_to_der(const unsigned char rs[64],
		    unsigned char der[CORE_SIG_DER_MAX], size_t *derlen);
enum core_code	core_sig_ecdsa_from_der(const unsigned char *der, size_t derlen,
		    unsigned char rs[64], struct core_err *err);

#endif
