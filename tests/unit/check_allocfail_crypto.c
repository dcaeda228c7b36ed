/* check_allocfail_crypto.c: along key import, JWS signing and verification
 * (the in-place flattened reading and the general JSON one) and Data
 * Integrity signing and verification, make each allocation fail in turn,
 * jansson's and OpenSSL's included; every run must end in CORE_E_NOMEM, or
 * complete with the right result.  Built in debug builds only
 * (--enable-debug), where failures can be injected; the sanitizer build
 * shows that no failing run leaks. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/di.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/key.h"

#define ED_JWK "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"ed-1\"," \
	"\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"," \
	"\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}"
#define EC_JWK "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"p256-1\"," \
	"\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\"," \
	"\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}"
#define PAYLOAD "{\"id\":\"LN-2026-004217\",\"outcome\":{\"code\":\"denied\"}}"

static struct core_key		*ed;
static struct core_keyset	*keys;
static char			*flat;		/* flattened, by ed */
static char			*general;	/* the same, general */
static json_t			*vc;		/* a credential with a proof */

/* Steps that are run with failures injected; each returns its code and a
 * short fingerprint of a successful result in *out. */
enum step { STEP_JWK, STEP_KEYSET, STEP_SIGN, STEP_VERIFY_FLAT,
    STEP_VERIFY_GENERAL, STEP_DI_SIGN, STEP_DI_VERIFY, STEP__MAX };

static enum core_code
run(enum step step, char **out)
{
	struct core_jws_result	 res;
	struct core_di_result	 dres;
	struct core_keyset	*ks = NULL;
	struct core_key		*k = NULL;
	struct core_buf		 b;
	struct core_err		 err;
	const json_t		*pj;
	json_t			*j = NULL, *signed_doc = NULL;
	enum core_code		 rc = CORE_E_ARG;

	core_buf_init(&b, 1 << 20);
	core_err_clear(&err);
	switch (step) {
	case STEP_JWK:
		if ((rc = core_json_parse(EC_JWK, strlen(EC_JWK), NULL, &j,
		    &err)) == CORE_OK &&
		    (rc = core_key_from_jwk(j, &k, &err)) == CORE_OK)
			*out = core_strdup(core_key_thumbprint_str(k));
		break;
	case STEP_KEYSET:
		if ((rc = core_json_parse("{\"keys\":[" ED_JWK "," EC_JWK "]}",
		    strlen("{\"keys\":[" ED_JWK "," EC_JWK "]}"), NULL, &j,
		    &err)) == CORE_OK &&
		    (rc = core_keyset_from_jwks(j, &ks, &err)) == CORE_OK)
			*out = core_strdup(core_keyset_find(ks, "p256-1") !=
			    NULL ? "two keys" : "");
		break;
	case STEP_SIGN:
		if ((rc = core_jws_sign(PAYLOAD, strlen(PAYLOAD),
		    CORE_TYP_DECISION, ed, "ed-1", &b, &err)) == CORE_OK)
			*out = (char *)core_buf_take(&b, NULL);
		break;
	case STEP_VERIFY_FLAT:
	case STEP_VERIFY_GENERAL:
		rc = core_jws_verify(step == STEP_VERIFY_FLAT ? flat : general,
		    strlen(step == STEP_VERIFY_FLAT ? flat : general),
		    CORE_TYP_DECISION, keys, &res, &err);
		if (rc == CORE_OK && (rc = core_jws_result_json(&res, &pj,
		    &err)) == CORE_OK)
			*out = core_strdup(json_string_value(json_object_get(pj,
			    "id")));
		core_jws_result_free(&res);
		break;
	case STEP_DI_SIGN:
		rc = core_di_sign(vc, ed, NULL, &signed_doc, &err);
		if (rc == CORE_OK)
			*out = core_strdup(json_is_array(json_object_get(
			    signed_doc, "proof")) ? "proof set" : "");
		break;
	case STEP_DI_VERIFY:
		rc = core_di_verify(vc, NULL, &dres, &err);
		if (rc == CORE_OK)
			*out = core_strdup(dres.proofs[0].thumbprint);
		core_di_result_free(&dres);
		break;
	case STEP__MAX:
		break;
	}
	if (rc == CORE_OK && *out == NULL)
		rc = CORE_E_NOMEM;	/* core_strdup() failed */
	if (rc != CORE_OK && rc != CORE_E_NOMEM)
		ck_abort_msg("step %d: code %d: %s", step, rc, err.detail);
	json_decref(j);
	json_decref(signed_doc);
	core_keyset_free(&ks);
	core_key_free(&k);
	core_buf_free(&b);
	return rc;
}

/* The fixtures, made before any failure is injected. */
static void
setup(void)
{
	struct core_buf	 b;
	struct core_err	 err;
	json_t		*j, *g, *sigs;

	core_alloc_fail_at(0);
	ck_assert_int_eq(core_json_parse(ED_JWK, strlen(ED_JWK), NULL, &j,
	    &err), CORE_OK);
	ck_assert_int_eq(core_key_from_jwk(j, &ed, &err), CORE_OK);
	json_decref(j);
	ck_assert_int_eq(core_keyset_new(&keys), CORE_OK);
	ck_assert_int_eq(core_keyset_add(keys, ed, "ed-1"), CORE_OK);
	core_buf_init(&b, 1 << 20);
	ck_assert_int_eq(core_jws_sign(PAYLOAD, strlen(PAYLOAD),
	    CORE_TYP_DECISION, ed, "ed-1", &b, &err), CORE_OK);
	flat = (char *)core_buf_take(&b, NULL);
	ck_assert_int_eq(core_json_parse(flat, strlen(flat), NULL, &j, &err),
	    CORE_OK);
	g = json_object();
	json_object_set(g, "payload", json_object_get(j, "payload"));
	json_object_del(j, "payload");
	sigs = json_array();
	json_array_append_new(sigs, j);
	json_object_set_new(g, "signatures", sigs);
	general = json_dumps(g, JSON_COMPACT);
	json_decref(g);
	j = json_pack("{s:[s], s:s, s:{s:s}}", "@context",
	    "https://www.w3.org/ns/credentials/v2", "issuer",
	    "did:example:issuer", "credentialSubject", "name", "Example");
	ck_assert_int_eq(core_di_sign(j, ed, NULL, &vc, &err), CORE_OK);
	json_decref(j);
}

static void
teardown(void)
{
	core_alloc_fail_at(0);
	json_decref(vc);
	core_free(flat);
	free(general);
	core_keyset_free(&keys);
	core_key_free(&ed);
}

START_TEST(test_every_allocation_fails_in_turn)
{
	enum core_code	 rc;
	unsigned long	 n, made;
	char		*want = NULL, *got;

	/* Twice without failures: OpenSSL sets up what it caches. */
	ck_assert_int_eq(run(_i, &want), CORE_OK);
	core_free(want);
	want = NULL;
	core_alloc_fail_at(0);
	ck_assert_int_eq(run(_i, &want), CORE_OK);
	made = core_alloc_fail_at(0);
	ck_assert_uint_ge(made, 2);
	for (n = 1; ; n++) {
		got = NULL;
		core_alloc_fail_at(n);
		rc = run(_i, &got);
		if (rc == CORE_OK) {
			/* Past the last allocation, or a failure OpenSSL
			 * works around (a cache left unfilled): the whole
			 * result, the same (Ed25519 is deterministic). */
			ck_assert_str_eq(got, want);
			core_free(got);
			if (!core_alloc_failed())
				break;
			continue;
		}
		ck_assert_msg(rc == CORE_E_NOMEM, "step %d, allocation %lu: "
		    "code %d, wanted CORE_E_NOMEM", _i, n, rc);
		ck_assert(core_alloc_failed());
		ck_assert_ptr_null(got);
	}
	core_alloc_fail_at(0);
	core_free(want);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("allocfail_crypto");
	TCase	*tc = tcase_create("allocfail_crypto");
	SRunner	*sr;
	int	 failed;

	/* Before any jansson value or OpenSSL object exists. */
	core_alloc_hook_libraries();
	tcase_set_timeout(tc, 300);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_every_allocation_fails_in_turn, 0,
	    STEP__MAX);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
