/*
 * check_allocfail_analysis.c: every allocation along the analysis of the
 * demo loan (counterfactual search, its checks, the label rules with the
 * letter's watermark and the provider's attestation) fails in turn, and
 * each failure ends in CORE_E_NOMEM, without a crash or a leak; with no
 * failure the answers are those of a normal run.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/analysis.h"
#include "core/buf.h"
#include "core/hash.h"
#include "core/jws.h"
#include "core/key.h"
#include "core/trust.h"
#include "core/wpg1.h"
#include "tests/unit/analysis-test.h"

#define PROVIDER "https://ardal.example"

static struct core_record	*rec;
static struct core_trust	*trust;
static struct core_key		*key;
static time_t			 now;

/* The demo loan as served: its letter rendered with the label's key and
 * the provider's attestation, which a pin trusts. */
static void
setup(void)
{
	json_t		*j, *content, *t, *p, *a;
	const char	*lang;
	unsigned char	 k[CORE_WPG1_KEY_LEN];
	struct core_buf	 out;
	char		 ptr[128], *s;

	ck_assert_int_eq(core_trust_time_parse("2026-11-27T10:00:00Z", &now),
	    0);
	ck_assert_int_eq(core_key_generate(CORE_KEY_ED25519, &key, NULL),
	    CORE_OK);
	ck_assert_int_eq(core_trust_new(&trust), CORE_OK);
	ck_assert_int_eq(core_trust_pin(trust, key, "ardal-1", PROVIDER, 0, 0,
	    NULL), CORE_OK);
	j = at_load("data/cases/loan-denied/record.json");
	ck_assert_int_eq(core_unhex("9080c7f398ca313fda23ca6be7031b999e2d0926"
	    "4a3a41aaeca2aa0395b1b493", k, sizeof k), 0);
	content = json_object_get(json_object_get(json_object_get(j,
	    "explanation"), "letter"), "content");
	json_object_foreach(content, lang, t) {
		core_buf_init(&out, 1 << 20);
		ck_assert_int_eq(core_wpg1_embed(k, NULL, json_string_value(t),
		    strlen(json_string_value(t)), &out, NULL), CORE_OK);
		snprintf(ptr, sizeof ptr, "/explanation/letter/content/%s",
		    lang);
		at_set(j, ptr, json_string(core_buf_str(&out)));
		core_buf_free(&out);
	}
	p = json_pack("{s:s,s:s,s:s,s:s}", "provider", PROVIDER, "model",
	    "CreditLens", "model_digest", "76ba8d430f68e005d6ddb6c0ea76a7262a"
	    "b210535988fff2c6d583f59f9c5c49", "issued_at",
	    "2026-11-20T09:14:07Z");
	s = json_dumps(p, JSON_COMPACT);
	core_buf_init(&out, 1 << 16);
	ck_assert_int_eq(core_jws_sign(s, strlen(s), CORE_TYP_ATTESTATION, key,
	    "ardal-1", &out, NULL), CORE_OK);
	a = json_loads(core_buf_str(&out), 0, NULL);
	at_set(j, "/provenance/system/attestation", a);
	core_buf_free(&out);
	json_decref(p);
	core_free(s);
	rec = at_parse(j);
	json_decref(j);
}

static void
teardown(void)
{
	core_record_free(&rec);
	core_trust_free(&trust);
	core_key_free(&key);
}

/* A line of core_cf_explain(), not kept. */
static void
ignore_line(void *arg, enum core_cf_line kind, const char *text)
{
	(void)arg;
	(void)kind;
	(void)text;
}

/* The whole analysis; *nsets and *failed report what it found. */
static enum core_code
run(size_t *nsets, size_t *bad)
{
	struct core_cf_result	*cf = NULL;
	struct core_label_input	 in;
	struct core_verdict	 v;
	struct core_liability	 chain;
	struct core_buf		 line;
	enum core_code		 rc;
	size_t			 i;

	*nsets = 0;
	*bad = 0;
	core_buf_init(&line, 4096);
	core_verdict_init(&v);
	if ((rc = core_counterfactual_search(rec, &cf)) != CORE_OK)
		goto out;
	*nsets = cf->nsets;
	if ((rc = core_cf_verdict(rec, cf, &v)) != CORE_OK)
		goto out;
	for (i = 0; i < cf->nsets; i++)
		if ((rc = core_cf_sentence(rec, &cf->sets[i], NULL, NULL, 0,
		    &line)) != CORE_OK)
			goto out;
	if ((rc = core_cf_explain(rec, cf, NULL, NULL, 0, ignore_line,
	    NULL)) != CORE_OK)
		goto out;
	core_label_input_init(&in, rec, now);
	in.trust = trust;
	in.record_trusted = 1;
	if ((rc = core_label_check(&in, &v, &chain)) != CORE_OK)
		goto out;
	for (i = 0; i < v.n; i++)
		if (v.checks[i].result != CORE_CHECK_PASSED &&
		    v.checks[i].result != CORE_CHECK_NOT_CHECKED)
			(*bad)++;
out:
	core_cf_free(&cf);
	core_buf_free(&line);
	return rc;
}

START_TEST(every_allocation_fails_in_turn)
{
	enum core_code	rc;
	unsigned long	n, made;
	size_t		nsets, bad;

	core_alloc_fail_at(0);
	ck_assert_int_eq(run(&nsets, &bad), CORE_OK);
	ck_assert_uint_eq(nsets, 3);
	ck_assert_uint_eq(bad, 0);
	made = core_alloc_fail_at(0);
	ck_assert_uint_ge(made, 10);
	for (n = 1; ; n++) {
		core_alloc_fail_at(n);
		rc = run(&nsets, &bad);
		if (!core_alloc_failed()) {
			ck_assert_int_eq(rc, CORE_OK);
			break;
		}
		ck_assert_msg(rc == CORE_E_NOMEM, "allocation %lu failed: code "
		    "%d, wanted CORE_E_NOMEM", n, rc);
	}
	core_alloc_fail_at(0);
	ck_assert_uint_eq(n, made + 1);
	ck_assert_uint_eq(nsets, 3);
	ck_assert_uint_eq(bad, 0);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("allocfail_analysis");
	TCase	*tc = tcase_create("allocfail_analysis");
	SRunner	*sr;
	int	 failed;

	/* jansson's allocations too, before any jansson value exists
	 * (OpenSSL's own lazy set-up swallows its failures). */
	json_set_alloc_funcs(core_malloc, core_free);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, every_allocation_fails_in_turn);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
