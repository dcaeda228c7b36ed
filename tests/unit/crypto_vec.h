/* crypto_vec.h: reading test vectors for the unit tests of keys,
 * signatures, JWS and Data Integrity. */
#ifndef RECOURSE_TESTS_CRYPTO_VEC_H
#define RECOURSE_TESTS_CRYPTO_VEC_H

#include <stddef.h>

#include <jansson.h>

#include "core/key.h"

/* The bytes of $top_srcdir/rel, NUL-terminated (free with free()); the test
 * fails when the file cannot be read. */
char		*cv_slurp(const char *rel, size_t *len);
/* A file of the source tree parsed with the strict JSON parser. */
json_t		*cv_json(const char *rel);
/* The value of the "name: value" line that follows *pos in text (the rest of
 * that line, copied; free with free()), or NULL; *pos moves past it. */
char		*cv_next(const char *text, const char **pos, const char *name);
/* Hex text of exactly 2n digits into a new array of n bytes. */
unsigned char	*cv_unhex(const char *hex, size_t *n);
/* A key from JWK text, or the test fails. */
struct core_key	*cv_key_jwk(const char *text);

#endif
