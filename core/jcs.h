/*
 * jcs.h: RFC 8785 JSON Canonicalization Scheme.
 *
 * Object members are sorted by their names as arrays of UTF-16 code units;
 * numbers are serialised as ECMAScript's Number.prototype.toString does
 * (shortest round-trip digits, exponent form outside 1e-7 <= |x| < 1e21, -0 as
 * 0); strings are escaped exactly as RFC 8785 section 3.2.2.2 says.  Values
 * that RFC 8785 cannot represent (NaN, infinities) are refused.
 */
#ifndef RECOURSE_CORE_JCS_H
#define RECOURSE_CORE_JCS_H

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"

/* Append the canonical form of v to out. */
enum core_code	core_jcs_serialize(const json_t *v, struct core_buf *out,
		    struct core_err *err);

/* Write the ECMAScript form of d into out (at least 32 bytes); refuses NaN and
 * infinities. */
enum core_code	core_jcs_number(double d, char *out, size_t outsz);

#endif
