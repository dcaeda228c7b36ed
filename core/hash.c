/* hash.c: SHA-256, HMAC-SHA-256, hex and constant-time comparison. */
#include "config.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/hash.h"
#include "core/ossl.h"

/* SHA-256 of n bytes at p. */
enum core_code
core_sha256(const void *p, size_t n, unsigned char out[CORE_SHA256_LEN])
{
	unsigned int	len = 0;

	if (p == NULL && n != 0)
		return CORE_E_ARG;
	if (EVP_Digest(n == 0 ? "" : p, n, out, &len, EVP_sha256(), NULL) != 1 ||
	    len != CORE_SHA256_LEN)
		return core_ossl_error(NULL, CORE_E_INTERNAL, "SHA-256");
	return CORE_OK;
}

/* SHA-256 of n bytes at p as 64 lowercase hex digits. */
enum core_code
core_sha256_hex(const void *p, size_t n, char out[CORE_SHA256_HEX_LEN + 1])
{
	unsigned char	md[CORE_SHA256_LEN];
	enum core_code	rc;

	if ((rc = core_sha256(p, n, md)) != CORE_OK)
		goto out;
	core_hex(md, sizeof md, out);
out:
	return rc;
}

/* HMAC-SHA-256 of msg under key. */
enum core_code
core_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t n,
    unsigned char out[CORE_SHA256_LEN])
{
	unsigned int	len = 0;

	if ((key == NULL && keylen != 0) || (msg == NULL && n != 0) ||
	    keylen > (size_t)0x7fffffff)
		return CORE_E_ARG;
	if (HMAC(EVP_sha256(), keylen == 0 ? "" : key, (int)keylen,
	    n == 0 ? (const unsigned char *)"" : msg, n, out, &len) == NULL ||
	    len != CORE_SHA256_LEN)
		return core_ossl_error(NULL, CORE_E_INTERNAL, "HMAC-SHA-256");
	return CORE_OK;
}

/* Lowercase hex of n bytes, NUL-terminated. */
void
core_hex(const unsigned char *p, size_t n, char *out)
{
	static const char	digits[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0x0f];
	}
	out[2 * n] = '\0';
}

/* Value of one hex digit (either case), or -1. */
static int
hash_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Exactly 2n hex digits into n bytes; -1 on a bad digit or length. */
int
core_unhex(const char *hex, unsigned char *out, size_t n)
{
	size_t	i;
	int	hi, lo;

	if (hex == NULL || strlen(hex) != 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		hi = hash_hexval(hex[2 * i]);
		lo = hash_hexval(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/* Constant-time comparison: 1 when the n bytes are equal. */
int
core_memeq(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}
