/*
 * fuzz_di.c: libFuzzer target for W3C Data Integrity verification.
 *
 * The input is read as a secured document (the seeds are the W3C
 * eddsa-jcs-2022 and ecdsa-jcs-2019 examples and proof sets) and as
 * Multikey text.  Besides not crashing, leaking or overrunning: a verified
 * document has between one and CORE_DI_MAX_PROOFS proofs, each with a
 * did:key verification method whose key has the thumbprint reported, and
 * the unsecured document holds no "proof"; a refusal carries its code.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/di.h"
#include "core/key.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct core_di_verify_opts opts;
	struct core_di_result	 res;
	struct core_key		*k = NULL;
	struct core_err		 err;
	enum core_code		 rc;
	size_t			 i;

	memset(&opts, 0, sizeof opts);
	opts.now = 1798275600LL;
	rc = core_di_verify_buf(data, size, &opts, &res, &err);
	if (rc != CORE_OK) {
		if (err.code != rc || res.document != NULL || res.nproofs != 0)
			abort();
	} else {
		if (res.nproofs == 0 || res.nproofs > CORE_DI_MAX_PROOFS ||
		    res.document == NULL ||
		    json_object_get(res.document, "proof") != NULL)
			abort();
		for (i = 0; i < res.nproofs; i++) {
			if (core_key_from_did(res.proofs[i].verification_method,
			    &k, &err) != CORE_OK ||
			    strcmp(core_key_thumbprint_str(k),
			    res.proofs[i].thumbprint) != 0 ||
			    core_di_suite_name(res.proofs[i].suite) == NULL)
				abort();
			core_key_free(&k);
		}
	}
	core_di_result_free(&res);
	if (core_key_from_multikey((const char *)data, size, &k, &err) ==
	    CORE_OK && k == NULL)
		abort();
	core_key_free(&k);
	return 0;
}
