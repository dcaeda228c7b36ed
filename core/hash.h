/* hash.h: SHA-256, HMAC-SHA-256 and hex, through OpenSSL EVP. */
#ifndef RECOURSE_CORE_HASH_H
#define RECOURSE_CORE_HASH_H

#include <stddef.h>

#include "core/error.h"

#define CORE_SHA256_LEN		32
#define CORE_SHA256_HEX_LEN	64

enum core_code	core_sha256(const void *p, size_t n, unsigned char out[CORE_SHA256_LEN]);
/* out gets 64 lowercase hex digits and a NUL. */
enum core_code	core_sha256_hex(const void *p, size_t n, char out[CORE_SHA256_HEX_LEN + 1]);
enum core_code	core_hmac_sha256(const void *key, size_t keylen, const void *msg,
		    size_t n, unsigned char out[CORE_SHA256_LEN]);
/* out gets 2n lowercase hex digits and a NUL. */
void		core_hex(const unsigned char *p, size_t n, char *out);
/* Decode exactly 2n hex digits into n bytes; -1 on a bad digit or length. */
int		core_unhex(const char *hex, unsigned char *out, size_t n);
/* Constant-time comparison of n bytes: 1 when equal. */
int		core_memeq(const void *a, const void *b, size_t n);

#endif
