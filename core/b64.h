/*
 * b64.h: base64url (RFC 4648 section 5), base58btc and multibase.
 *
 * Decoding is strict: no padding, no white space, and non-canonical trailing
 * bits (bits set in the last character that encode no byte) are refused, so
 * that one byte string has exactly one encoding.
 *
 * Encoders and decoders append to out; on an error out is left as it was.
 * base58btc is quadratic in its length, so its input is capped (keys and
 * signatures are well under the caps).
 */
#ifndef RECOURSE_CORE_B64_H
#define RECOURSE_CORE_B64_H

#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

#define CORE_BASE58_MAX_BYTES	1024
#define CORE_BASE58_MAX_CHARS	1400

enum core_code	core_b64url_encode(const void *p, size_t n, struct core_buf *out);
enum core_code	core_b64url_decode(const char *s, size_t n, struct core_buf *out,
		    struct core_err *err);
/* The most bytes n base64url characters can decode to. */
size_t		core_b64url_decoded_max(size_t n);
/* Decode into a caller's array of outsz >= core_b64url_decoded_max(n) bytes;
 * *outlen gets the count.  Same strictness as core_b64url_decode(). */
enum core_code	core_b64url_decode_to(const char *s, size_t n, unsigned char *out,
		    size_t outsz, size_t *outlen, struct core_err *err);
/* How many of the n bytes at s, from the first, are base64url characters. */
size_t		core_b64url_span(const char *s, size_t n);
enum core_code	core_base58btc_encode(const void *p, size_t n, struct core_buf *out);
enum core_code	core_base58btc_decode(const char *s, size_t n, struct core_buf *out,
		    struct core_err *err);
/* Multibase: 'z' (base58btc) and 'u' (base64url, no padding). */
enum core_code	core_multibase_decode(const char *s, size_t n, struct core_buf *out,
		    struct core_err *err);
/* Append base ('z' or 'u') and the encoding of n bytes at p. */
enum core_code	core_multibase_encode(char base, const void *p, size_t n,
		    struct core_buf *out);

#endif
