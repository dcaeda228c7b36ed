/* sig.c: Ed25519 and ECDSA P-256 SHA-256 signatures through OpenSSL EVP. */
#include "config.h"

#include <string.h>

#include <openssl/evp.h>

#include "core/ossl.h"
#include "core/sig.h"

/* Append a DER INTEGER holding the 32-byte unsigned big-endian v at p. */
static size_t
sig_der_int(unsigned char *p, const unsigned char v[32])
{
	size_t	i = 0, n;

	while (i < 31 && v[i] == 0)
		i++;
	n = 32 - i;
	p[0] = 0x02;
	if (v[i] & 0x80) {
		p[1] = (unsigned char)(n + 1);
		p[2] = 0x00;
		memcpy(p + 3, v + i, n);
		return n + 3;
	}
	p[1] = (unsigned char)n;
	memcpy(p + 2, v + i, n);
	return n + 2;
}

/* The DER form (ECDSA-Sig-Value) of a raw r || s signature. */
enum core_code
core_sig_ecdsa_to_der(const unsigned char rs[64],
    unsigned char der[CORE_SIG_DER_MAX], size_t *derlen)
{
	size_t	n;

	n = sig_der_int(der + 2, rs);
	n += sig_der_int(der + 2 + n, rs + 32);
	der[0] = 0x30;
	der[1] = (unsigned char)n;
	*derlen = n + 2;
	return CORE_OK;
}

/* Read one strict DER INTEGER of at most 32 unsigned bytes at *p into v. */
static int
sig_der_read_int(const unsigned char **p, const unsigned char *end,
    unsigned char v[32])
{
	const unsigned char	*q = *p;
	size_t			 n;

	if (end - q < 3 || q[0] != 0x02)
		return -1;
	n = q[1];
	q += 2;
	if (n == 0 || n > (size_t)(end - q) || n > 33)
		return -1;
	if (q[0] & 0x80)
		return -1;		/* negative */
	if (n > 1 && q[0] == 0x00 && !(q[1] & 0x80))
		return -1;		/* not minimal */
	if (n == 33) {
		if (q[0] != 0x00)
			return -1;
		q++;
		n--;
	}
	memset(v, 0, 32);
	memcpy(v + 32 - n, q, n);
	*p = q + n;
	return 0;
}

/* The raw r || s form of a strict DER ECDSA-Sig-Value. */
enum core_code
core_sig_ecdsa_from_der(const unsigned char *der, size_t derlen,
    unsigned char rs[64], struct core_err *err)
{
	const unsigned char	*p = der, *end = der + derlen;
	enum core_code		 rc = CORE_OK;

	if (derlen < 8 || derlen > CORE_SIG_DER_MAX || der[0] != 0x30 ||
	    der[1] != derlen - 2) {
		rc = core_err_set(err, CORE_E_SIG_LENGTH, 0,
		    "not a DER ECDSA signature for P-256");
		goto out;
	}
	p += 2;
	if (sig_der_read_int(&p, end, rs) != 0 ||
	    sig_der_read_int(&p, end, rs + 32) != 0 || p != end) {
		rc = core_err_set(err, CORE_E_SIG_LENGTH, (size_t)(p - der),
		    "not a DER ECDSA signature for P-256");
		goto out;
	}
out:
	return rc;
}

/* Sign n bytes at msg with the private key k. */
enum core_code
core_sig_sign(const struct core_key *k, const void *msg, size_t n,
    unsigned char sig[CORE_SIG_MAX], size_t *siglen, struct core_err *err)
{
	EVP_MD_CTX	*ctx = NULL;
	unsigned char	 der[CORE_SIG_DER_MAX + 8];
	size_t		 len;
	int		 ed = core_key_type(k) == CORE_KEY_ED25519;
	enum core_code	 rc = CORE_OK;

	*siglen = 0;
	if (!core_key_has_private(k)) {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "signing needs a private key");
		goto out;
	}
	if ((ctx = EVP_MD_CTX_new()) == NULL) {
		rc = core_ossl_error(err, CORE_E_NOMEM, "signing");
		goto out;
	}
	if (EVP_DigestSignInit(ctx, NULL, ed ? NULL : EVP_sha256(), NULL,
	    core_key_evp(k)) != 1) {
		rc = core_ossl_error(err, CORE_E_INTERNAL, "signing");
		goto out;
	}
	if (ed) {
		len = CORE_SIG_MAX;
		if (EVP_DigestSign(ctx, sig, &len, msg, n) != 1 || len != 64) {
			rc = core_ossl_error(err, CORE_E_INTERNAL, "signing");
			goto out;
		}
	} else {
		len = sizeof der;
		if (EVP_DigestSign(ctx, der, &len, msg, n) != 1) {
			rc = core_ossl_error(err, CORE_E_INTERNAL, "signing");
			goto out;
		}
		if ((rc = core_sig_ecdsa_from_der(der, len, sig, err)) !=
		    CORE_OK) {
			rc = core_err_set(err, CORE_E_INTERNAL, CORE_NO_OFFSET,
			    "OpenSSL made an unexpected ECDSA signature");
			goto out;
		}
		len = 64;
	}
	*siglen = len;
out:
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* Verify a signature of n bytes at msg with k: CORE_OK only when it is
 * valid; CORE_E_SIG_LENGTH for a signature that is not 64 bytes. */
enum core_code
core_sig_verify(const struct core_key *k, const void *msg, size_t n,
    const unsigned char *sig, size_t siglen, struct core_err *err)
{
	EVP_MD_CTX	*ctx = NULL;
	unsigned char	 der[CORE_SIG_DER_MAX];
	const unsigned char *s = sig;
	size_t		 slen = siglen;
	int		 ed = core_key_type(k) == CORE_KEY_ED25519, v;
	enum core_code	 rc = CORE_OK;

	if (siglen != 64 || sig == NULL) {
		rc = core_err_set(err, CORE_E_SIG_LENGTH, CORE_NO_OFFSET,
		    "a %s signature is 64 bytes, not %zu",
		    ed ? "Ed25519" : "P-256", siglen);
		goto out;
	}
	if (!ed) {
		core_sig_ecdsa_to_der(sig, der, &slen);
		s = der;
	}
	if ((ctx = EVP_MD_CTX_new()) == NULL) {
		rc = core_ossl_error(err, CORE_E_NOMEM, "verifying");
		goto out;
	}
	if (EVP_DigestVerifyInit(ctx, NULL, ed ? NULL : EVP_sha256(), NULL,
	    core_key_evp(k)) != 1) {
		rc = core_ossl_error(err, CORE_E_INTERNAL, "verifying");
		goto out;
	}
	v = EVP_DigestVerify(ctx, s, slen, msg, n);
	if (v != 1) {
		rc = core_ossl_error(err, CORE_E_SIG_INVALID,
		    "the signature does not verify");
		goto out;
	}
out:
	EVP_MD_CTX_free(ctx);
	return rc;
}
