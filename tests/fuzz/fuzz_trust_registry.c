/*
 * fuzz_trust_registry.c: libFuzzer target for the acceptance of a signed
 * registry (core_trust_add_registry: the JWS, its root binding, the expiry
 * and the rollback check against a kept state), with a root key made at
 * start and a state that has seen demo-registry at sequence 2, checked on
 * 2026-06-01.
 *
 * An input that starts with 'S' is a payload: the rest is signed by the
 * root key as a registry JWS first, so that the fuzzer explores everything
 * past the signature (ids, dates, sequences, services).  Any other input is
 * given as the JWS itself.  Nothing may crash, leak or read out of bounds;
 * an accepted registry is counted, and the state never goes back.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/key.h"
#include "core/trust.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct core_key		*fz_root;
static struct core_trust_state	 fz_state;
static time_t			 fz_now;

/* The root key, the kept state and the time, once. */
static void
fz_setup(void)
{
	static const char	 state[] = "{\"recourse_trust_state\":\"1\","
	    "\"registries\":[{\"registry\":\"demo-registry\",\"sequence\":2,"
	    "\"sha256\":\"0000000000000000000000000000000000000000000000000000"
	    "000000000000\"}]}";
	struct core_err		 err;
	json_t			*j = NULL;

	if (core_key_generate(CORE_KEY_ED25519, &fz_root, &err) != CORE_OK ||
	    core_json_parse(state, sizeof state - 1, NULL, &j, &err) !=
	    CORE_OK || core_trust_state_from_json(j, &fz_state, &err) !=
	    CORE_OK || core_trust_time_parse("2026-06-01T00:00:00Z",
	    &fz_now) != 0)
		abort();
	json_decref(j);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct core_trust_state_entry	*e;
	struct core_trust_state			 st;
	struct core_trust			*t = NULL;
	struct core_buf				 jws;
	struct core_err				 err;
	const void				*doc = data;
	size_t					 len = size;
	enum core_code				 rc;

	if (fz_root == NULL)
		fz_setup();
	core_buf_init(&jws, 1024 * 1024);
	st = fz_state;
	if (size > 0 && data[0] == 'S') {
		if (core_jws_sign(data + 1, size - 1, CORE_TYP_REGISTRY, fz_root,
		    NULL, &jws, &err) != CORE_OK)
			goto out;
		doc = jws.data;
		len = jws.len;
	}
	if (core_trust_new(&t) != CORE_OK ||
	    core_trust_add_root(t, fz_root, NULL, NULL, &err) != CORE_OK)
		abort();
	rc = core_trust_add_registry(t, doc, len, fz_now, &st, &err);
	if (rc == CORE_OK && core_trust_registry_count(t) != 1)
		abort();
	if (rc != CORE_OK && core_trust_registry_count(t) != 0)
		abort();
	/* Rollback: what was seen is never forgotten or lowered. */
	if ((e = core_trust_state_get(&st, "demo-registry")) == NULL ||
	    e->sequence < 2)
		abort();
out:
	core_trust_free(&t);
	core_buf_free(&jws);
	return 0;
}
