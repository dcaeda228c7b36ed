/*
 * check_allocfail_trust.c: along the acceptance of a signed registry and the
 * verdict on a signed decision and a receipt, make each allocation of core,
 * jansson and OpenSSL fail in turn; every run must end in CORE_E_NOMEM, but
 * for the few failures of OpenSSL's own that it works around (a cache left
 * unfilled), after which the run must give the verdicts of a run without
 * failures.  A failed allocation must never turn into a verdict.  Built in debug and
 * sanitizer builds (RECOURSE_ALLOCFAIL); under the sanitizers LeakSanitizer
 * shows that no failing run leaks.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/jcs.h"
#include "core/jws.h"
#include "core/key.h"
#include "core/trust.h"
#include "core/verdict.h"

#define MAXDOC (1024u * 1024u)

static struct core_key	*root, *bank;
static struct core_buf	 reg, dec, rcpt;
static const char	 body[] = "{\"decision_id\":\"LN-1\",\"statement\":\"x\"}";
static time_t		 now;

static void
sign(json_t *j, const char *typ, const struct core_key *k, const char *kid,
    struct core_buf *out)
{
	struct core_buf	p;

	ck_assert_ptr_nonnull(j);
	core_buf_init(&p, MAXDOC);
	core_buf_init(out, MAXDOC);
	ck_assert_int_eq(core_jcs_serialize(j, &p, NULL), CORE_OK);
	ck_assert_int_eq(core_jws_sign(p.data, p.len, typ, k, kid, out, NULL),
	    CORE_OK);
	core_buf_free(&p);
	json_decref(j);
}

static void
setup(void)
{
	char	tp[CORE_THUMBPRINT_LEN], hex[CORE_SHA256_HEX_LEN + 1];

	ck_assert_int_eq(core_key_generate(CORE_KEY_ED25519, &root, NULL), CORE_OK);
	ck_assert_int_eq(core_key_generate(CORE_KEY_ED25519, &bank, NULL), CORE_OK);
	ck_assert_int_eq(core_key_thumbprint(bank, tp, NULL), CORE_OK);
	ck_assert_int_eq(core_trust_time_parse("2026-06-01T00:00:00Z", &now), 0);
	sign(json_pack("{s:s,s:i,s:s,s:s,s:[{s:s,s:s,s:s,s:s,s:[{s:s,s:s,s:s}]},"
	    "{s:s,s:s,s:s,s:s,s:[]}]}", "registry", "demo", "sequence", 3,
	    "issued_at", "2026-01-01T00:00:00Z", "expires", "2027-01-01T00:00:00Z",
	    "services", "service_id", "https://bank.example", "name", "Bank",
	    "role", "service", "status", "active", "keys", "thumbprint", tp,
	    "not_before", "2026-01-01T00:00:00Z", "not_after",
	    "2026-12-31T23:59:59Z", "service_id", "https://other.example",
	    "name", "Other", "role", "provider", "status", "suspended", "keys"),
	    CORE_TYP_REGISTRY, root, NULL, &reg);
	sign(json_pack("{s:s,s:s,s:s}", "recourse", "1", "id", "LN-1", "issuer",
	    "https://bank.example"), CORE_TYP_DECISION, bank, "bank-1", &dec);
	ck_assert_int_eq(core_sha256_hex(body, strlen(body), hex), CORE_OK);
	sign(json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "receipt_id",
	    "R-1", "service_id", "https://bank.example", "decision_id", "LN-1",
	    "contest_id", "C-1", "idempotency_key",
	    "3f1c9a2e-5b7d-4e61-9a0b-6c2d8e4f1a37", "body_sha256", hex,
	    "received_at", "2026-05-10T14:02:11Z", "answer_due", "2026-06-09",
	    "status_url", "https://bank.example/c/C-1"), CORE_TYP_RECEIPT, bank,
	    "bank-1", &rcpt);
}

static void
teardown(void)
{
	core_buf_free(&reg);
	core_buf_free(&dec);
	core_buf_free(&rcpt);
	core_key_free(&root);
	core_key_free(&bank);
}

/* The whole path; *a and *b get the verdicts of the decision and receipt. */
static enum core_code
run(enum core_verdict_overall *a, enum core_verdict_overall *b)
{
	struct core_trust	*t = NULL;
	struct core_trust_state	 st;
	struct core_verdict	 v;
	struct core_doc_info	 info;
	struct core_err		 err;
	enum core_code		 rc;
	json_t			*sj = NULL;

	core_trust_state_init(&st);
	memset(&info, 0, sizeof info);
	if ((rc = core_trust_new(&t)) != CORE_OK ||
	    (rc = core_trust_add_root(t, root, NULL, NULL, &err)) != CORE_OK ||
	    (rc = core_trust_add_known(t, bank, "bank-1", &err)) != CORE_OK ||
	    (rc = core_trust_add_registry(t, reg.data, reg.len, now, &st,
	    &err)) != CORE_OK ||
	    (rc = core_trust_state_to_json(&st, &sj)) != CORE_OK)
		goto out;
	if ((rc = core_trust_verify_doc(t, dec.data, dec.len, NULL, NULL, &st,
	    now, NULL, 0, &v, &info)) != CORE_OK)
		goto out;
	*a = core_verdict_overall(&v);
	core_doc_info_free(&info);
	if ((rc = core_trust_verify_doc(t, rcpt.data, rcpt.len,
	    CORE_TYP_RECEIPT, NULL, &st, now, body, strlen(body), &v,
	    &info)) != CORE_OK)
		goto out;
	*b = core_verdict_overall(&v);
out:
	core_doc_info_free(&info);
	json_decref(sj);
	core_trust_free(&t);
	return rc;
}

START_TEST(test_every_allocation_fails_in_turn)
{
	enum core_verdict_overall	a, b;
	enum core_code			rc;
	unsigned long			n, made, nomem = 0, absorbed = 0;

	/* Twice without failures: OpenSSL sets up what it caches. */
	ck_assert_int_eq(run(&a, &b), CORE_OK);
	core_alloc_fail_at(0);
	ck_assert_int_eq(run(&a, &b), CORE_OK);
	ck_assert_int_eq(a, CORE_VERDICT_TRUSTED);
	ck_assert_int_eq(b, CORE_VERDICT_TRUSTED);
	made = core_alloc_fail_at(0);
	ck_assert_uint_ge(made, 40);

	for (n = 1; ; n++) {
		a = b = CORE_VERDICT_UNREADABLE;
		core_alloc_fail_at(n);
		rc = run(&a, &b);
		if (!core_alloc_failed()) {
			ck_assert_int_eq(rc, CORE_OK);
			break;
		}
		/* OpenSSL works around a failure to fill one of its caches:
		 * then, and only then, the run may end as without failures. */
		if (rc == CORE_OK && core_alloc_failed_in_openssl()) {
			ck_assert_int_eq(a, CORE_VERDICT_TRUSTED);
			ck_assert_int_eq(b, CORE_VERDICT_TRUSTED);
			absorbed++;
			continue;
		}
		ck_assert_msg(rc == CORE_E_NOMEM,
		    "allocation %lu failed: code %d, wanted CORE_E_NOMEM", n, rc);
		nomem++;
	}
	core_alloc_fail_at(0);
	ck_assert_uint_eq(n, made + 1);
	/* Most failures are ours to report, and each was reported. */
	ck_assert_uint_gt(nomem, 10 * absorbed);
	printf("allocfail_trust: %lu allocations, %lu ended in out of memory, "
	    "%lu worked around by OpenSSL\n", made, nomem, absorbed);
	ck_assert_int_eq(a, CORE_VERDICT_TRUSTED);
	ck_assert_int_eq(b, CORE_VERDICT_TRUSTED);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("allocfail_trust");
	TCase	*tc = tcase_create("allocfail_trust");
	SRunner	*sr;
	int	 failed;

	/* jansson's and OpenSSL's allocations too, before any jansson value
	 * or OpenSSL object exists. */
	core_alloc_hook_libraries();
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_every_allocation_fails_in_turn);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
