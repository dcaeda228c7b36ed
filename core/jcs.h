/*
 * jcs.h: RFC 8785 JSON Canonicalization Scheme.
 *
 * Object members are sorted by their names as arrays of UTF-16 code units;
 * numbers are serialised as ECMAScript's Number.prototype.toString does
 * (shortest round-trip digits, exponent form outside 1e-7 <= |x| < 1e21, -0 as
 * 0); strings are escaped exactly as RFC 8785 section 3.2.2.2 says.  Values
 * that RFC 8785 cannot represent (NaN, infinities) are refused, and so are
 * jansson integers beyond +-(2^53 - 1), which have no form every
 * implementation agrees on (core_json_parse() never makes one).
 *
 * A real of 2^53 or more with no fraction is written as an integer, as the
 * RFC requires (1e20 is 100000000000000000000); core_json_parse() refuses
 * such an integer literal, so the canonical form of a document holding one
 * cannot be read back strictly.  Protocol documents carry such values as
 * strings.
 */
#ifndef RECOURSE_CORE_JCS_H
#define RECOURSE_CORE_JCS_H

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"

/* Append the canonical form of v to out. */
enum core_code	core_jcs_serialize(const json_t *v, struct core_buf *out,
		    struct core_err *err);

struct core_json_limits;

/* Read len bytes at buf as strict JSON, by the rules and limits of json.h
 * (lim NULL for the defaults; max_depth is held to 2048), and append their
 * canonical form to out without building jansson values: the same bytes as
 * core_json_parse() then core_jcs_serialize(), several times faster and in
 * a fraction of the memory.  A document that breaks more than one rule may
 * be refused for another of them than core_json_parse() names: repeated
 * member names are found when their object closes.  On failure out is left
 * as it was. */
enum core_code	core_jcs_canonicalize(const void *buf, size_t len,
		    const struct core_json_limits *lim, struct core_buf *out,
		    struct core_err *err);

/* Write the ECMAScript form of d into out (at least 32 bytes); refuses NaN and
 * infinities. */
enum core_code	core_jcs_number(double d, char *out, size_t outsz);

#endif
