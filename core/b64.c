/* b64.c: strict base64url, base58btc and multibase. */
#include "config.h"

#include <string.h>

#include "core/alloc.h"
#include "core/b64.h"

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static const char b58_alphabet[] =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/* Values of the base64url characters; 0xff for every other byte (padding
 * and white space included). */
#define X 0xff
static const unsigned char b64_table[256] = {
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, 62, X, X,
	52, 53, 54, 55, 56, 57, 58, 59, 60, 61, X, X, X, X, X, X,
	X, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
	15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, X, X, X, X, 63,
	X, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
	41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
};
#undef X

/* Value of a base64url character, or -1 (padding and white space too). */
static int
b64_val(unsigned char c)
{
	return b64_table[c] == 0xff ? -1 : b64_table[c];
}

/* How many of the n bytes at s, from the first, are base64url characters. */
size_t
core_b64url_span(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i < n && b64_table[p[i]] != 0xff; i++)
		;
	return i;
}

/* Value of a base58btc character, or -1. */
static int
b58_val(unsigned char c)
{
	const char	*p;

	if (c == '\0')
		return -1;
	p = strchr(b58_alphabet, c);
	return p == NULL ? -1 : (int)(p - b58_alphabet);
}

/* Drop what an unfinished operation appended to out. */
static void
b64_undo(struct core_buf *out, size_t start)
{
	if (out->data != NULL && out->len > start) {
		out->len = start;
		out->data[start] = '\0';
	}
}

/* Bytes that n base64url characters decode to at most. */
size_t
core_b64url_decoded_max(size_t n)
{
	return n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1);
}

/* Append the base64url form (no padding) of n bytes at p to out. */
enum core_code
core_b64url_encode(const void *p, size_t n, struct core_buf *out)
{
	const unsigned char	*in = p;
	char			 chunk[256];
	size_t			 i, k = 0, olen, start = out->len;
	unsigned long		 v;
	enum core_code		 rc = CORE_OK;

	if (in == NULL && n != 0)
		return CORE_E_ARG;
	olen = n / 3 * 4 + (n % 3 == 0 ? 0 : n % 3 + 1);
	if (olen > out->max || out->len > out->max - olen)
		return CORE_E_TOO_LARGE;
	for (i = 0; i + 3 <= n; i += 3) {
		v = (unsigned long)in[i] << 16 | (unsigned long)in[i + 1] << 8 | in[i + 2];
		chunk[k++] = b64_alphabet[v >> 18 & 63];
		chunk[k++] = b64_alphabet[v >> 12 & 63];
		chunk[k++] = b64_alphabet[v >> 6 & 63];
		chunk[k++] = b64_alphabet[v & 63];
		if (k == sizeof chunk) {
			if ((rc = core_buf_add(out, chunk, k)) != CORE_OK)
				goto out;
			k = 0;
		}
	}
	if (n - i == 1) {
		v = (unsigned long)in[i] << 16;
		chunk[k++] = b64_alphabet[v >> 18 & 63];
		chunk[k++] = b64_alphabet[v >> 12 & 63];
	} else if (n - i == 2) {
		v = (unsigned long)in[i] << 16 | (unsigned long)in[i + 1] << 8;
		chunk[k++] = b64_alphabet[v >> 18 & 63];
		chunk[k++] = b64_alphabet[v >> 12 & 63];
		chunk[k++] = b64_alphabet[v >> 6 & 63];
	}
	rc = core_buf_add(out, chunk, k);
out:
	if (rc != CORE_OK)
		b64_undo(out, start);
	return rc;
}

/* Strictly decode n base64url characters into out (outsz bytes at least
 * core_b64url_decoded_max(n)); *outlen gets the byte count. */
enum core_code
core_b64url_decode_to(const char *s, size_t n, unsigned char *out,
    size_t outsz, size_t *outlen, struct core_err *err)
{
	const unsigned char	*in = (const unsigned char *)s;
	size_t			 i, o = 0, rest;
	unsigned long		 v;
	int			 a, b, c, d;
	enum core_code		 rc = CORE_OK;

	if (outsz < core_b64url_decoded_max(n)) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, 0,
		    "decoded base64url does not fit in %zu bytes", outsz);
		goto out;
	}
	rest = n % 4;
	for (i = 0; i + 4 <= n; i += 4) {
		a = b64_table[in[i]];
		b = b64_table[in[i + 1]];
		c = b64_table[in[i + 2]];
		d = b64_table[in[i + 3]];
		if ((a | b | c | d) & 0x80)
			goto bad;
		v = (unsigned long)a << 18 | (unsigned long)b << 12 |
		    (unsigned long)c << 6 | (unsigned long)d;
		out[o++] = (unsigned char)(v >> 16);
		out[o++] = (unsigned char)(v >> 8);
		out[o++] = (unsigned char)v;
	}
	if (rest == 1) {
		if (b64_val(in[i]) < 0)
			goto bad;
		rc = core_err_set(err, CORE_E_BASE64, i,
		    "base64url length %zu leaves a lone character", n);
		goto out;
	} else if (rest == 2) {
		a = b64_val(in[i]);
		b = b64_val(in[i + 1]);
		if ((a | b) < 0)
			goto bad;
		if ((b & 0x0f) != 0) {
			rc = core_err_set(err, CORE_E_BASE64, i + 1,
			    "non-zero trailing bits in base64url");
			goto out;
		}
		out[o++] = (unsigned char)(a << 2 | b >> 4);
	} else if (rest == 3) {
		a = b64_val(in[i]);
		b = b64_val(in[i + 1]);
		c = b64_val(in[i + 2]);
		if ((a | b | c) < 0)
			goto bad;
		if ((c & 0x03) != 0) {
			rc = core_err_set(err, CORE_E_BASE64, i + 2,
			    "non-zero trailing bits in base64url");
			goto out;
		}
		out[o++] = (unsigned char)(a << 2 | b >> 4);
		out[o++] = (unsigned char)((b & 0x0f) << 4 | c >> 2);
	}
	*outlen = o;
	goto out;
bad:
	/* Find the offending character for the message. */
	while (i < n && b64_val(in[i]) >= 0)
		i++;
	rc = core_err_set(err, CORE_E_BASE64, i,
	    "byte 0x%02x is not a base64url character", i < n ? in[i] : 0);
out:
	return rc;
}

/* Strictly decode n base64url characters and append the bytes to out. */
enum core_code
core_b64url_decode(const char *s, size_t n, struct core_buf *out,
    struct core_err *err)
{
	unsigned char	 chunk[192];
	size_t		 start = out->len, need, i, k, got;
	enum core_code	 rc = CORE_OK;

	if (s == NULL && n != 0) {
		rc = core_err_set(err, CORE_E_ARG, 0, "no input");
		goto out;
	}
	need = core_b64url_decoded_max(n);
	if (need > out->max || out->len > out->max - need) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, 0,
		    "decoded base64url is over %zu bytes", out->max);
		goto out;
	}
	/* 256 characters make 192 bytes; the remainder goes last. */
	for (i = 0; i < n; i += k) {
		k = n - i > 256 ? 256 : n - i;
		if ((rc = core_b64url_decode_to(s + i, k, chunk, sizeof chunk,
		    &got, err)) != CORE_OK) {
			if (err != NULL && err->offset != CORE_NO_OFFSET)
				err->offset += i;
			goto out;
		}
		if ((rc = core_buf_add(out, chunk, got)) != CORE_OK)
			goto out;
	}
out:
	if (rc != CORE_OK)
		b64_undo(out, start);
	return rc;
}

/* Append the base58btc form of n bytes at p to out. */
enum core_code
core_base58btc_encode(const void *p, size_t n, struct core_buf *out)
{
	const unsigned char	*in = p;
	unsigned char		*digits = NULL;
	size_t			 zeros = 0, size, len = 0, i, j, start = out->len;
	unsigned int		 carry;
	enum core_code		 rc = CORE_OK;

	if (in == NULL && n != 0)
		return CORE_E_ARG;
	if (n > CORE_BASE58_MAX_BYTES)
		return CORE_E_TOO_LARGE;
	while (zeros < n && in[zeros] == 0)
		zeros++;
	/* log(256) / log(58) < 1.37 */
	size = (n - zeros) * 137 / 100 + 1;
	if ((digits = core_calloc(size, 1)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	for (i = zeros; i < n; i++) {
		carry = in[i];
		for (j = 0; j < len || carry != 0; j++) {
			carry += 256u * digits[j];
			digits[j] = (unsigned char)(carry % 58);
			carry /= 58;
		}
		len = j;
	}
	for (i = 0; i < zeros; i++) {
		if ((rc = core_buf_addc(out, '1')) != CORE_OK)
			goto out;
	}
	for (i = len; i > 0; i--) {
		if ((rc = core_buf_addc(out,
		    (unsigned char)b58_alphabet[digits[i - 1]])) != CORE_OK)
			goto out;
	}
out:
	if (rc != CORE_OK)
		b64_undo(out, start);
	core_free(digits);
	return rc;
}

/* Decode n base58btc characters and append the bytes to out. */
enum core_code
core_base58btc_decode(const char *s, size_t n, struct core_buf *out,
    struct core_err *err)
{
	const unsigned char	*in = (const unsigned char *)s;
	unsigned char		*bytes = NULL;
	size_t			 ones = 0, size, len = 0, i, j, start = out->len;
	unsigned int		 carry;
	int			 v;
	enum core_code		 rc = CORE_OK;

	if (in == NULL && n != 0) {
		rc = core_err_set(err, CORE_E_ARG, 0, "no input");
		goto out;
	}
	if (n > CORE_BASE58_MAX_CHARS) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, 0,
		    "base58btc text of %zu characters is too long", n);
		goto out;
	}
	while (ones < n && in[ones] == '1')
		ones++;
	/* log(58) / log(256) < 0.733 */
	size = (n - ones) * 733 / 1000 + 1;
	if ((bytes = core_calloc(size, 1)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	for (i = ones; i < n; i++) {
		if ((v = b58_val(in[i])) < 0) {
			rc = core_err_set(err, CORE_E_BASE58, i,
			    "byte 0x%02x is not a base58btc character", in[i]);
			goto out;
		}
		carry = (unsigned int)v;
		for (j = 0; j < len || carry != 0; j++) {
			carry += 58u * bytes[j];
			bytes[j] = (unsigned char)(carry & 0xff);
			carry >>= 8;
		}
		len = j;
	}
	for (i = 0; i < ones; i++) {
		if ((rc = core_buf_addc(out, 0)) != CORE_OK)
			goto out;
	}
	for (i = len; i > 0; i--) {
		if ((rc = core_buf_addc(out, bytes[i - 1])) != CORE_OK)
			goto out;
	}
out:
	if (rc != CORE_OK)
		b64_undo(out, start);
	core_free(bytes);
	return rc;
}

/* Decode multibase 'z' (base58btc) or 'u' (base64url) and append to out. */
enum core_code
core_multibase_decode(const char *s, size_t n, struct core_buf *out,
    struct core_err *err)
{
	enum core_code	rc;

	if (s == NULL || n == 0) {
		rc = core_err_set(err, CORE_E_BASE58, 0, "empty multibase text");
		goto out;
	}
	switch (s[0]) {
	case 'z':
		rc = core_base58btc_decode(s + 1, n - 1, out, err);
		break;
	case 'u':
		rc = core_b64url_decode(s + 1, n - 1, out, err);
		if (rc == CORE_E_BASE64) {
			rc = CORE_E_BASE58;
			if (err != NULL)
				err->code = rc;
		}
		break;
	default:
		rc = core_err_set(err, CORE_E_BASE58, 0,
		    "multibase prefix 0x%02x is not supported",
		    (unsigned char)s[0]);
		break;
	}
	if (rc != CORE_OK && err != NULL && err->offset != CORE_NO_OFFSET &&
	    n > 0 && (s[0] == 'z' || s[0] == 'u'))
		err->offset += 1;
out:
	return rc;
}

/* Append multibase text with prefix base ('z' or 'u') of n bytes to out. */
enum core_code
core_multibase_encode(char base, const void *p, size_t n, struct core_buf *out)
{
	enum core_code	rc;
	size_t		start = out->len;

	if (base != 'z' && base != 'u')
		return CORE_E_ARG;
	if ((rc = core_buf_addc(out, (unsigned char)base)) != CORE_OK)
		goto out;
	if (base == 'z')
		rc = core_base58btc_encode(p, n, out);
	else
		rc = core_b64url_encode(p, n, out);
out:
	if (rc != CORE_OK)
		b64_undo(out, start);
	return rc;
}
