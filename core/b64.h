/*
 * b64.h: base64url (RFC 4648 section 5), base58btc and multibase.
 *
 * Decoding is strict: no padding, no white space, and non-canonical trailing
 * bits (bits set in the last character that encode no byte) are refused, so
 * that one byte string has exactly one encoding.
 */
#ifndef RECOURSE_CORE_B64_H
#define RECOURSE_CORE_B64_H

#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

enum core_code	core_b64url_encode(const void *p, size_t n, struct core_buf *out);
enum core_code	core_b64url_decode(const char *s, size_t n, struct core_buf *out,
		    struct core_err *err);
enum core_code	core_base58btc_encode(const void *p, size_t n, struct core_buf *out);
enum core_code	core_base58btc_decode(const char *s, size_t n, struct core_buf *out,
		    struct core_err *err);
/* Multibase: 'z' (base58btc) and 'u' (base64url, no padding). */
enum core_code	core_multibase_decode(const char *s, size_t n, struct core_buf *out,
		    struct core_err *err);

#endif
