/*
 * check_receipt.c: a receipt proves a submission only when it is signed by
 * the service and names exactly the bytes, key and decision that were sent.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/jcs.h"
#include "core/jws.h"
#include "core/key.h"
#include "core/receipt.h"

#define MAXDOC (1024u * 1024u)

static const char body[] =
    "{\"recourse\":\"1\",\"decision_id\":\"LN-2026-004217\",\"statement\":"
    "\"My income was recorded wrongly.\"}";
static const char ikey[] = "3f1c9a2e-5b7d-4e61-9a0b-6c2d8e4f1a37";

static struct core_key		*svc, *other;
static struct core_keyset	*keys;

static void
setup(void)
{
	ck_assert_int_eq(core_key_generate(CORE_KEY_ED25519, &svc, NULL), CORE_OK);
	ck_assert_int_eq(core_key_generate(CORE_KEY_P256, &other, NULL), CORE_OK);
	ck_assert_int_eq(core_keyset_new(&keys), CORE_OK);
	ck_assert_int_eq(core_keyset_add(keys, svc, "svc-1"), CORE_OK);
}

static void
teardown(void)
{
	core_keyset_free(&keys);
	core_key_free(&svc);
	core_key_free(&other);
}

/* A receipt payload for body b; member name (if not NULL) set to value. */
static json_t *
payload(const char *b, const char *name, const char *value)
{
	char	 hex[CORE_SHA256_HEX_LEN + 1];
	json_t	*j;

	ck_assert_int_eq(core_sha256_hex(b, strlen(b), hex), CORE_OK);
	j = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}",
	    "receipt_id", "R-2026-000123", "service_id", "https://bank.example",
	    "decision_id", "LN-2026-004217", "contest_id", "C-2026-000042",
	    "idempotency_key", ikey, "body_sha256", hex,
	    "received_at", "2026-05-10T14:02:11Z", "answer_due", "2026-06-09",
	    "status_url", "https://bank.example/contests/C-2026-000042");
	ck_assert_ptr_nonnull(j);
	if (name != NULL)
		json_object_set_new(j, name, json_string(value));
	return j;
}

static void
sign(json_t *j, const char *typ, const struct core_key *k, const char *kid,
    struct core_buf *out)
{
	struct core_buf	p;

	core_buf_init(&p, MAXDOC);
	core_buf_init(out, MAXDOC);
	ck_assert_int_eq(core_jcs_serialize(j, &p, NULL), CORE_OK);
	ck_assert_int_eq(core_jws_sign(p.data, p.len, typ, k, kid, out, NULL),
	    CORE_OK);
	core_buf_free(&p);
	json_decref(j);
}

static void
expect(struct core_receipt_expect *e, const char *b)
{
	memset(e, 0, sizeof *e);
	e->body = b;
	e->body_len = strlen(b);
	e->idempotency_key = ikey;
	e->decision_id = "LN-2026-004217";
	e->service_id = "https://bank.example";
}

START_TEST(test_good)
{
	struct core_receipt		r;
	struct core_receipt_expect	e;
	struct core_buf			jws;
	struct core_err			err;
	char				tp[CORE_THUMBPRINT_LEN];

	sign(payload(body, NULL, NULL), CORE_TYP_RECEIPT, svc, "svc-1", &jws);
	expect(&e, body);
	ck_assert_int_eq(core_receipt_verify(jws.data, jws.len, keys, &e, &r,
	    &err), CORE_OK);
	ck_assert_str_eq(r.contest_id, "C-2026-000042");
	ck_assert_str_eq(r.answer_due, "2026-06-09");
	ck_assert_str_eq(r.status_url,
	    "https://bank.example/contests/C-2026-000042");
	ck_assert_str_eq(r.kid, "svc-1");
	ck_assert_int_eq(core_key_thumbprint(svc, tp, NULL), CORE_OK);
	ck_assert_str_eq(r.thumbprint, tp);
	/* 2026-06-09 is 20613 days after 1970-01-01. */
	ck_assert_int_eq((long long)r.due, 20613LL * 86400);
	core_buf_free(&jws);
}
END_TEST

START_TEST(test_mismatch)
{
	struct core_receipt		r;
	struct core_receipt_expect	e;
	struct core_buf			jws;
	struct core_err			err;
	char				changed[sizeof body];

	sign(payload(body, NULL, NULL), CORE_TYP_RECEIPT, svc, "svc-1", &jws);
	/* One byte of the body differs: the receipt is not proof of it. */
	memcpy(changed, body, sizeof body);
	changed[sizeof body - 4] = '!';
	expect(&e, changed);
	ck_assert_int_eq(core_receipt_verify(jws.data, jws.len, keys, &e, &r,
	    &err), CORE_E_RECEIPT_MISMATCH);
	ck_assert_ptr_nonnull(strstr(err.detail, "body_sha256"));
	/* A body one byte shorter is another body too. */
	expect(&e, body);
	e.body_len = strlen(body) - 1;
	ck_assert_int_eq(core_receipt_verify(jws.data, jws.len, keys, &e, &r,
	    &err), CORE_E_RECEIPT_MISMATCH);
	/* Another idempotency key, decision or service. */
	expect(&e, body);
	e.idempotency_key = "00000000-0000-0000-0000-000000000000";
	ck_assert_int_eq(core_receipt_verify(jws.data, jws.len, keys, &e, &r,
	    &err), CORE_E_RECEIPT_MISMATCH);
	ck_assert_ptr_nonnull(strstr(err.detail, "idempotency_key"));
	expect(&e, body);
	e.decision_id = "LN-2026-000001";
	ck_assert_int_eq(core_receipt_verify(jws.data, jws.len, keys, &e, &r,
	    &err), CORE_E_RECEIPT_MISMATCH);
	ck_assert_ptr_nonnull(strstr(err.detail, "decision_id"));
	expect(&e, body);
	e.service_id = "https://other.example";
	ck_assert_int_eq(core_receipt_verify(jws.data, jws.len, keys, &e, &r,
	    &err), CORE_E_RECEIPT_MISMATCH);
	ck_assert_ptr_nonnull(strstr(err.detail, "service_id"));
	/* With nothing to compare, only the signature and form count. */
	ck_assert_int_eq(core_receipt_verify(jws.data, jws.len, keys, NULL, &r,
	    &err), CORE_OK);
	core_buf_free(&jws);
}
END_TEST

START_TEST(test_signature_first)
{
	struct core_receipt		r;
	struct core_receipt_expect	e;
	struct core_buf			jws;
	struct core_err			err;
	enum core_code			rc;

	/* A receipt for another body, signed by a key that is not the
	 * service's under the service's kid: the signature fails first. */
	sign(payload("{}", NULL, NULL), CORE_TYP_RECEIPT, other, "svc-1", &jws);
	expect(&e, body);
	rc = core_receipt_verify(jws.data, jws.len, keys, &e, &r, &err);
	ck_assert_int_ne(rc, CORE_OK);
	ck_assert_int_ne(rc, CORE_E_RECEIPT_MISMATCH);
	core_buf_free(&jws);
	/* A status record is not a receipt, even with a receipt's fields. */
	sign(payload(body, NULL, NULL), CORE_TYP_STATUS, svc, "svc-1", &jws);
	ck_assert_int_eq(core_receipt_verify(jws.data, jws.len, keys, &e, &r,
	    &err), CORE_E_JWS_TYP);
	core_buf_free(&jws);
}
END_TEST

START_TEST(test_fields)
{
	static const char *const bad[][2] = {
		{ "body_sha256", "ABCDEF" },
		{ "body_sha256", "0123456789ABCDEF0123456789abcdef"
		    "0123456789abcdef0123456789abcdef" },
		{ "answer_due", "2026-6-9" },
		{ "received_at", "2026-05-10 14:02:11" },
		{ "status_url", "ftp://bank.example/x" },
		{ "service_id", "https://bank.example/" },
		{ "idempotency_key", "short" },
		{ "contest_id", "-starts-with-a-dash" },
	};
	struct core_receipt	 r;
	struct core_buf		 p;
	struct core_err		 err;
	json_t			*j;
	size_t			 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		j = payload(body, bad[i][0], bad[i][1]);
		core_buf_init(&p, MAXDOC);
		ck_assert_int_eq(core_jcs_serialize(j, &p, NULL), CORE_OK);
		ck_assert_msg(core_receipt_parse(p.data, p.len, &r, &err) ==
		    CORE_E_JSON_TYPE, "%s accepted as %s", bad[i][1], bad[i][0]);
		ck_assert_ptr_nonnull(strstr(err.detail, bad[i][0]));
		core_buf_free(&p);
		json_decref(j);
	}
	j = payload(body, NULL, NULL);
	json_object_del(j, "contest_id");
	core_buf_init(&p, MAXDOC);
	ck_assert_int_eq(core_jcs_serialize(j, &p, NULL), CORE_OK);
	ck_assert_int_eq(core_receipt_parse(p.data, p.len, &r, &err),
	    CORE_E_JSON_TYPE);
	core_buf_free(&p);
	json_decref(j);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("receipt");
	TCase	*tc = tcase_create("receipt");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_good);
	tcase_add_test(tc, test_mismatch);
	tcase_add_test(tc, test_signature_first);
	tcase_add_test(tc, test_fields);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
