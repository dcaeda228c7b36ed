/*
 * fuzz_json.c: libFuzzer target for the strict JSON reader.
 *
 * Besides not crashing, leaking or overrunning, the reader must agree with
 * jansson: what it accepts, jansson accepts as the same value; what jansson
 * accepts (with duplicates refused), it refuses only for an I-JSON limit,
 * never as bad syntax, bad UTF-8, a surrogate or a repeated name (unless
 * the document holds a NUL byte, where jansson stops reading).  Every
 * refusal names an offset inside the document (or just past its end).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/json.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct core_err	 err;
	json_error_t	 jerr;
	enum core_code	 rc;
	json_t		*v = NULL, *j;

	rc = core_json_parse(data, size, NULL, &v, &err);
	j = json_loadb((const char *)data, size,
	    JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
	if (rc == CORE_OK) {
		if (v == NULL || err.code != CORE_OK)
			abort();
		if (j == NULL || !json_equal(v, j))
			abort();
	} else {
		if (v != NULL || err.code != rc)
			abort();
		if (err.offset > size && err.offset != CORE_NO_OFFSET)
			abort();
		/* jansson stops reading at a NUL byte ("9\0x" is 9 to it),
		 * so only documents without one are compared this way. */
		if (j != NULL && memchr(data, '\0', size) == NULL &&
		    (rc == CORE_E_JSON_SYNTAX ||
		    rc == CORE_E_JSON_UTF8 || rc == CORE_E_JSON_SURROGATE ||
		    rc == CORE_E_JSON_DUPLICATE))
			abort();
	}
	json_decref(v);
	json_decref(j);
	return 0;
}
