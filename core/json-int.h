/*
 * json-int.h: the strict JSON reader of json.c, for the core's own use.
 *
 * core_json_read() checks a document against every rule of json.h and
 * reports what it holds, in document order, to a sink: core_json_parse()
 * builds jansson values from the events, core_jcs_canonicalize() a compact
 * tree that it writes out in canonical form.  The reader owns the checks
 * that do not depend on what is built (syntax, UTF-8, surrogates, depth,
 * string length, number range); a sink checks duplicate names, since only
 * it holds the names seen.
 *
 * Every callback returns CORE_OK or an error already recorded in err, which
 * ends the reading.  Offsets are byte offsets in the document.
 */
#ifndef RECOURSE_CORE_JSON_INT_H
#define RECOURSE_CORE_JSON_INT_H

#include <stddef.h>

#include "core/error.h"
#include "core/json.h"

enum core_json_literal {
	CORE_JSON_TRUE,
	CORE_JSON_FALSE,
	CORE_JSON_NULL
};

struct core_json_sink {
	/* An array (object 0) or object (object 1) opens at off. */
	enum core_code	(*open)(void *ctx, int object, size_t off,
			    struct core_err *err);
	/* The innermost array or object closes; off is its last byte. */
	enum core_code	(*close)(void *ctx, size_t off, struct core_err *err);
	/* A member name or a string value whose quote is at off: n decoded
	 * bytes at s, valid UTF-8 with no NUL.  raw says that s points into
	 * the document itself (the string had no escapes); otherwise s is
	 * valid only during the call. */
	enum core_code	(*key)(void *ctx, const char *s, size_t n, int raw,
			    size_t off, struct core_err *err);
	enum core_code	(*string)(void *ctx, const char *s, size_t n, int raw,
			    size_t off, struct core_err *err);
	/* A number: its n bytes of text at off in the document.  real when it
	 * has a fraction or an exponent (then it is finite as a double);
	 * otherwise an integer within +-(2^53 - 1). */
	enum core_code	(*number)(void *ctx, const char *text, size_t n,
			    int real, size_t off, struct core_err *err);
	enum core_code	(*literal)(void *ctx, enum core_json_literal which,
			    size_t off, struct core_err *err);
};

/* Read len bytes at buf against lim (NULL for the defaults), reporting to
 * sink with ctx. */
enum core_code	core_json_read(const void *buf, size_t len,
		    const struct core_json_limits *lim,
		    const struct core_json_sink *sink, void *ctx,
		    struct core_err *err);

/* The value of a number's text (JSON grammar, already checked) as the C
 * library reads it, whatever the locale's decimal point; CORE_E_NOMEM when
 * a very long literal cannot be copied. */
enum core_code	core_json_strtod(const char *text, size_t n, double *out);

/* The integer value of an integer's text already checked by the reader. */
long long	core_json_strtoll(const char *text, size_t n);

/* Whether d lies in [2^53, 1e21) in magnitude: RFC 8785 writes it as an
 * integer beyond 2^53 - 1, which core_json_parse() refuses, so the reader
 * refuses such a real too and the serialiser never writes one. */
int		core_json_real_unsafe(double d);

/* Encode the scalar value cp (not a surrogate, at most U+10FFFF) as UTF-8
 * into out (4 bytes); returns the length. */
size_t		core_json_utf8_encode(unsigned cp, unsigned char *out);

/* Quote up to 48 bytes of untrusted text into dst (dstsz >= 200) as
 * printable ASCII, other bytes as \xNN, for an error detail. */
void		core_json_quote(char *dst, size_t dstsz, const char *s, size_t n);

#endif
