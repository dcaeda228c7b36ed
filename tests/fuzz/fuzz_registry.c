/*
 * fuzz_registry.c: libFuzzer target for the registry payload reader and the
 * trust state reader, which take the bytes of a registry that a root key
 * signed and of a state file that the person's machine kept.  Neither may
 * crash, leak or read out of bounds on any input; a registry that parses
 * must hold what its checks promise.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/error.h"
#include "core/json.h"
#include "core/trust.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct core_registry	*r = NULL;
	struct core_trust_state	 st;
	struct core_err		 err;
	json_t			*j = NULL, *back = NULL;
	size_t			 i, k;

	if (core_registry_parse(data, size, &r, &err) == CORE_OK) {
		if (r->expires <= r->issued_at || r->sequence < 0 ||
		    strlen(r->sha256) != 64)
			abort();
		for (i = 0; i < r->n; i++) {
			if (!core_trust_origin_valid(r->entries[i].service_id))
				abort();
			for (k = 0; k < r->entries[i].nkeys; k++) {
				if (r->entries[i].keys[k].not_after <
				    r->entries[i].keys[k].not_before)
					abort();
			}
		}
		core_registry_free(&r);
	}
	if (core_json_parse(data, size, NULL, &j, &err) == CORE_OK &&
	    core_trust_state_from_json(j, &st, &err) == CORE_OK) {
		/* What was read must survive a round trip. */
		if (core_trust_state_to_json(&st, &back) == CORE_OK &&
		    core_trust_state_from_json(back, &st, &err) != CORE_OK)
			abort();
	}
	json_decref(back);
	json_decref(j);
	return 0;
}
