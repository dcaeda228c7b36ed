/*
 * json.h: strict JSON over jansson (I-JSON, RFC 7493).
 *
 * core_json_parse() refuses what jansson alone would accept or what two
 * readers could read differently: duplicate member names, invalid UTF-8, lone
 * surrogates in \u escapes, nesting deeper than max_depth, strings longer than
 * max_string bytes, documents longer than max_doc bytes, and integers whose
 * magnitude exceeds 2^53 - 1 (I-JSON section 2.2: not interoperable; protocols
 * carry such values as strings).  An integer literal past 2^53 - 1 is refused
 * even when a double holds it exactly (9007199254740992): a reader cannot
 * tell it from the neighbours that round to it.  A real (with a fraction or
 * an exponent) whose double lies from 2^53 up to 1e21 in magnitude is refused
 * too: RFC 8785 writes such a double in integer form (1e20 is
 * 100000000000000000000), so its canonical form would be an integer this
 * reader refuses.  Reals from 1e21 up are written with an exponent and read
 * again.  So whatever this reader accepts canonicalises to a document it
 * accepts.  Every error names the byte offset and the reason in err.
 */
#ifndef RECOURSE_CORE_JSON_H
#define RECOURSE_CORE_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "core/error.h"

#define CORE_JSON_MAX_DEPTH	64
#define CORE_JSON_MAX_STRING	(1024u * 1024u)
#define CORE_JSON_MAX_DOC	(4u * 1024u * 1024u)

struct core_json_limits {
	size_t		max_doc;	/* bytes in the whole document */
	size_t		max_string;	/* bytes in one decoded string */
	unsigned	max_depth;	/* arrays and objects nested */
};

/* Fill lim with the defaults above. */
void		core_json_limits_default(struct core_json_limits *lim);

/* Parse len bytes at buf (any JSON value at the top); lim may be NULL for the
 * defaults.  On success *out holds a new reference. */
enum core_code	core_json_parse(const void *buf, size_t len,
		    const struct core_json_limits *lim, json_t **out,
		    struct core_err *err);

/* Length (1 to 4) of the well-formed UTF-8 sequence (RFC 3629) that starts at
 * s, which holds n > 0 bytes; 0 when it is not well-formed (overlong forms,
 * encoded surrogates and values past U+10FFFF are not). */
size_t		core_json_utf8_len(const unsigned char *s, size_t n);

#endif
