/*
 * check_trust.c: registries (rollback, freeze, revocation, suspension, key
 * windows), pins, and the verdicts of signed documents, with keys made for
 * each run.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/b64.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/jcs.h"
#include "core/jws.h"
#include "core/key.h"
#include "core/sig.h"
#include "core/trust.h"
#include "core/verdict.h"

#define MAXDOC (1024u * 1024u)

static struct core_key	*root, *root2, *bank, *bank_old, *stranger, *models;

/* 2026-06-01T00:00:00Z, when the checks are made. */
static time_t
at(const char *s)
{
	time_t	t = 0;

	ck_assert_int_eq(core_trust_time_parse(s, &t), 0);
	return t;
}

static const char *
tp(const struct core_key *k)
{
	static char	buf[4][CORE_THUMBPRINT_LEN];
	static int	next;
	char		*p = buf[next++ % 4];

	ck_assert_int_eq(core_key_thumbprint(k, p, NULL), CORE_OK);
	return p;
}

static void
setup(void)
{
	ck_assert_int_eq(core_key_generate(CORE_KEY_ED25519, &root, NULL), CORE_OK);
	ck_assert_int_eq(core_key_generate(CORE_KEY_ED25519, &root2, NULL), CORE_OK);
	ck_assert_int_eq(core_key_generate(CORE_KEY_P256, &bank, NULL), CORE_OK);
	ck_assert_int_eq(core_key_generate(CORE_KEY_ED25519, &bank_old, NULL),
	    CORE_OK);
	ck_assert_int_eq(core_key_generate(CORE_KEY_ED25519, &stranger, NULL),
	    CORE_OK);
	ck_assert_int_eq(core_key_generate(CORE_KEY_P256, &models, NULL), CORE_OK);
}

static void
teardown(void)
{
	core_key_free(&root);
	core_key_free(&root2);
	core_key_free(&bank);
	core_key_free(&bank_old);
	core_key_free(&stranger);
	core_key_free(&models);
}

/* Sign the canonical form of j (released) as typ with k under kid. */
static void
sign(json_t *j, const char *typ, const struct core_key *k, const char *kid,
    struct core_buf *out)
{
	struct core_buf	p;
	struct core_err	err;

	ck_assert_ptr_nonnull(j);
	core_buf_init(&p, MAXDOC);
	core_buf_init(out, MAXDOC);
	ck_assert_int_eq(core_jcs_serialize(j, &p, &err), CORE_OK);
	ck_assert_int_eq(core_jws_sign(p.data, p.len, typ, k, kid, out, &err),
	    CORE_OK);
	core_buf_free(&p);
	json_decref(j);
}

/* The services of the test registries. */
static json_t *
services(const char *bank_status)
{
	return json_pack("[{s:s,s:s,s:s,s:s,s:[{s:s,s:s,s:s},{s:s,s:s,s:s}]},"
	    "{s:s,s:s,s:s,s:s,s:[{s:s,s:s,s:s}]}]",
	    "service_id", "https://bank.example", "name", "Bank", "role",
	    "service", "status", bank_status, "keys",
	    "thumbprint", tp(bank), "not_before", "2026-01-01T00:00:00Z",
	    "not_after", "2026-12-31T23:59:59Z",
	    "thumbprint", tp(bank_old), "not_before", "2024-01-01T00:00:00Z",
	    "not_after", "2025-01-01T00:00:00Z",
	    "service_id", "https://models.example", "name", "Models", "role",
	    "provider", "status", "active", "keys",
	    "thumbprint", tp(models), "not_before", "2026-01-01T00:00:00Z",
	    "not_after", "2026-12-31T23:59:59Z");
}

static void
registry(const struct core_key *k, const char *id, int seq,
    const char *expires, json_t *svcs, struct core_buf *out)
{
	sign(json_pack("{s:s,s:i,s:s,s:s,s:o}", "registry", id, "sequence", seq,
	    "issued_at", "2026-01-01T00:00:00Z", "expires", expires, "services",
	    svcs), CORE_TYP_REGISTRY, k, NULL, out);
}

static struct core_trust *
store_with_root(void)
{
	struct core_trust	*t = NULL;

	ck_assert_int_eq(core_trust_new(&t), CORE_OK);
	ck_assert_int_eq(core_trust_add_root(t, root, NULL, NULL, NULL), CORE_OK);
	return t;
}

START_TEST(test_times)
{
	time_t	t;
	char	s[21];

	ck_assert_int_eq(core_trust_time_parse("1970-01-01T00:00:00Z", &t), 0);
	ck_assert_int_eq((long long)t, 0);
	ck_assert_int_eq(core_trust_time_parse("2026-11-26T10:00:00Z", &t), 0);
	ck_assert_int_eq((long long)t, 1795687200LL);
	ck_assert_int_eq(core_trust_time_parse("2024-02-29T23:59:59.123Z", &t), 0);
	core_trust_time_format(t, s);
	ck_assert_str_eq(s, "2024-02-29T23:59:59Z");
	ck_assert_int_eq(core_trust_time_parse("2026-02-29T00:00:00Z", &t), -1);
	ck_assert_int_eq(core_trust_time_parse("2026-11-26T24:00:00Z", &t), -1);
	ck_assert_int_eq(core_trust_time_parse("2026-11-26T10:00:00+01:00", &t), -1);
	ck_assert_int_eq(core_trust_time_parse("2026-11-26t10:00:00z", &t), -1);
	ck_assert_int_eq(core_trust_time_parse("2026-11-26T10:00:00.Z", &t), -1);
	ck_assert_int_eq(core_trust_time_parse("2026-11-26T10:00:00Zx", &t), -1);
	ck_assert_int_eq(core_trust_time_parse("2026-11-26", &t), -1);
	ck_assert_int_eq(core_trust_date_parse("2026-12-31", &t), 0);
	core_trust_time_format(t, s);
	ck_assert_str_eq(s, "2026-12-31T00:00:00Z");
	ck_assert_int_eq(core_trust_date_parse("2026-13-01", &t), -1);
	ck_assert_int_eq(core_trust_date_parse("2026-1-01", &t), -1);
}
END_TEST

START_TEST(test_origins)
{
	ck_assert(core_trust_origin_valid("https://bank.example"));
	ck_assert(core_trust_origin_valid("https://bank.example:8443"));
	ck_assert(core_trust_origin_valid("http://127.0.0.1:8080"));
	ck_assert(core_trust_origin_valid("http://[::1]"));
	ck_assert(!core_trust_origin_valid("http://bank.example"));
	ck_assert(!core_trust_origin_valid("https://bank.example/"));
	ck_assert(!core_trust_origin_valid("https://Bank.example"));
	ck_assert(!core_trust_origin_valid("https://-bank.example"));
	ck_assert(!core_trust_origin_valid("https://bank.example:123456"));
	ck_assert(!core_trust_origin_valid("https://user@bank.example"));
	ck_assert(!core_trust_origin_valid("http://127.0.0.1.evil.example"));
	ck_assert(core_trust_url_valid("https://bank.example/contests/C-1"));
	ck_assert(!core_trust_url_valid("https://bank.example/a b"));
	ck_assert(!core_trust_url_valid("https://bank.example?x"));
}
END_TEST

START_TEST(test_registry_parse)
{
	struct core_registry	*r = NULL;
	struct core_err		 err;
	static const char	 good[] =
	    "{\"registry\":\"demo\",\"sequence\":3,\"issued_at\":"
	    "\"2026-01-01T00:00:00Z\",\"expires\":\"2027-01-01T00:00:00Z\","
	    "\"services\":[{\"service_id\":\"https://a.example\",\"name\":"
	    "{\"en\":\"A\",\"cy\":\"A\"},\"role\":\"service\",\"status\":"
	    "\"suspended\",\"keys\":[{\"thumbprint\":"
	    "\"NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\",\"not_before\":"
	    "\"2026-01-01T00:00:00Z\",\"not_after\":\"2026-06-01T00:00:00Z\"}]}]}";
	static const char *const bad[] = {
		/* sequence negative */
		"{\"registry\":\"d\",\"sequence\":-1,\"issued_at\":\"2026-01-01T00:00:00Z\","
		"\"expires\":\"2027-01-01T00:00:00Z\",\"services\":[]}",
		/* expires before issued_at */
		"{\"registry\":\"d\",\"sequence\":1,\"issued_at\":\"2026-01-01T00:00:00Z\","
		"\"expires\":\"2025-01-01T00:00:00Z\",\"services\":[]}",
		/* status not of the protocol */
		"{\"registry\":\"d\",\"sequence\":1,\"issued_at\":\"2026-01-01T00:00:00Z\","
		"\"expires\":\"2027-01-01T00:00:00Z\",\"services\":[{\"service_id\":"
		"\"https://a.example\",\"role\":\"service\",\"status\":\"trusted\","
		"\"keys\":[]}]}",
		/* a thumbprint of the wrong length */
		"{\"registry\":\"d\",\"sequence\":1,\"issued_at\":\"2026-01-01T00:00:00Z\","
		"\"expires\":\"2027-01-01T00:00:00Z\",\"services\":[{\"service_id\":"
		"\"https://a.example\",\"role\":\"service\",\"status\":\"active\","
		"\"keys\":[{\"thumbprint\":\"abc\",\"not_before\":\"2026-01-01T00:00:00Z\","
		"\"not_after\":\"2027-01-01T00:00:00Z\"}]}]}",
		/* the same service twice in one role */
		"{\"registry\":\"d\",\"sequence\":1,\"issued_at\":\"2026-01-01T00:00:00Z\","
		"\"expires\":\"2027-01-01T00:00:00Z\",\"services\":[{\"service_id\":"
		"\"https://a.example\",\"role\":\"service\",\"status\":\"active\","
		"\"keys\":[]},{\"service_id\":\"https://a.example\",\"role\":"
		"\"service\",\"status\":\"revoked\",\"keys\":[]}]}",
		/* a service id that is not an origin */
		"{\"registry\":\"d\",\"sequence\":1,\"issued_at\":\"2026-01-01T00:00:00Z\","
		"\"expires\":\"2027-01-01T00:00:00Z\",\"services\":[{\"service_id\":"
		"\"http://a.example\",\"role\":\"service\",\"status\":\"active\","
		"\"keys\":[]}]}",
		/* a missing expiry */
		"{\"registry\":\"d\",\"sequence\":1,\"issued_at\":\"2026-01-01T00:00:00Z\","
		"\"services\":[]}",
		NULL
	};
	size_t	i;

	ck_assert_int_eq(core_registry_parse(good, strlen(good), &r, &err), CORE_OK);
	ck_assert_str_eq(r->id, "demo");
	ck_assert_int_eq(r->sequence, 3);
	ck_assert_uint_eq(r->n, 1);
	ck_assert_str_eq(r->entries[0].name, "A");
	ck_assert_int_eq(r->entries[0].status, CORE_STATUS_SUSPENDED);
	ck_assert_uint_eq(r->entries[0].nkeys, 1);
	ck_assert_int_eq((long long)r->entries[0].keys[0].not_after,
	    (long long)at("2026-06-01T00:00:00Z"));
	ck_assert_uint_eq(strlen(r->sha256), 64);
	core_registry_free(&r);
	ck_assert_ptr_null(r);
	for (i = 0; bad[i] != NULL; i++) {
		ck_assert_int_eq(core_registry_parse(bad[i], strlen(bad[i]), &r,
		    &err), CORE_E_REGISTRY);
		ck_assert_ptr_null(r);
	}
	/* Not JSON at all: the JSON reader's own error. */
	ck_assert_int_eq(core_registry_parse("{\"registry\":", 12, &r, &err),
	    CORE_E_JSON_SYNTAX);
}
END_TEST

START_TEST(test_registry_accept)
{
	struct core_trust	*t = store_with_root();
	struct core_trust_state	 st;
	struct core_buf		 r1;
	struct core_err		 err;

	core_trust_state_init(&st);
	registry(root, "demo", 1, "2027-01-01T00:00:00Z", services("active"), &r1);
	ck_assert_int_eq(core_trust_add_registry(t, r1.data, r1.len,
	    at("2026-06-01T00:00:00Z"), &st, &err), CORE_OK);
	ck_assert_uint_eq(core_trust_registry_count(t), 1);
	ck_assert_uint_eq(st.n, 1);
	ck_assert_str_eq(st.e[0].registry, "demo");
	ck_assert_int_eq(st.e[0].sequence, 1);
	/* The same bytes again are fine. */
	ck_assert_int_eq(core_trust_add_registry(t, r1.data, r1.len,
	    at("2026-06-01T00:00:00Z"), &st, &err), CORE_OK);
	ck_assert_uint_eq(core_trust_registry_count(t), 1);
	core_buf_free(&r1);
	core_trust_free(&t);
	ck_assert_ptr_null(t);
}
END_TEST

START_TEST(test_registry_expired)
{
	struct core_trust	*t = store_with_root();
	struct core_trust_state	 st;
	struct core_buf		 r;
	struct core_err		 err;

	core_trust_state_init(&st);
	registry(root, "demo", 1, "2026-03-01T00:00:00Z", services("active"), &r);
	ck_assert_int_eq(core_trust_add_registry(t, r.data, r.len,
	    at("2026-06-01T00:00:00Z"), &st, &err), CORE_E_REG_EXPIRED);
	ck_assert_ptr_nonnull(strstr(err.detail, "2026-03-01T00:00:00Z"));
	ck_assert_uint_eq(core_trust_registry_count(t), 0);
	ck_assert_uint_eq(st.n, 0);
	/* The very second of expiry is already too late. */
	ck_assert_int_eq(core_trust_add_registry(t, r.data, r.len,
	    at("2026-03-01T00:00:00Z"), &st, &err), CORE_E_REG_EXPIRED);
	ck_assert_int_eq(core_trust_add_registry(t, r.data, r.len,
	    at("2026-02-28T23:59:59Z"), &st, &err), CORE_OK);
	core_buf_free(&r);
	core_trust_free(&t);
}
END_TEST

START_TEST(test_registry_rollback)
{
	struct core_trust	*t = store_with_root(), *t2 = store_with_root();
	struct core_trust_state	 st, st2;
	struct core_buf		 r1, r2, r2b;
	struct core_err		 err;
	json_t			*j = NULL;
	time_t			 now = at("2026-06-01T00:00:00Z");

	core_trust_state_init(&st);
	registry(root, "demo", 1, "2027-01-01T00:00:00Z", services("active"), &r1);
	registry(root, "demo", 2, "2027-01-01T00:00:00Z", services("revoked"), &r2);
	registry(root, "demo", 2, "2027-01-01T00:00:00Z", services("active"), &r2b);
	/* In one store: the newer wins, the older is refused after it. */
	ck_assert_int_eq(core_trust_add_registry(t, r2.data, r2.len, now, &st,
	    &err), CORE_OK);
	ck_assert_int_eq(core_trust_add_registry(t, r1.data, r1.len, now, &st,
	    &err), CORE_E_REG_ROLLBACK);
	ck_assert_ptr_nonnull(strstr(err.detail, "lower than 2"));
	/* The same sequence with other content is refused too. */
	ck_assert_int_eq(core_trust_add_registry(t, r2b.data, r2b.len, now, &st,
	    &err), CORE_E_REG_ROLLBACK);
	ck_assert_int_eq(core_trust_check(t, tp(bank), "https://bank.example",
	    CORE_ROLE_SERVICE, now, NULL, &err), CORE_E_REVOKED);

	/* Across runs: the state, saved and loaded, remembers sequence 2. */
	ck_assert_int_eq(core_trust_state_to_json(&st, &j), CORE_OK);
	ck_assert_int_eq(core_trust_state_from_json(j, &st2, &err), CORE_OK);
	json_decref(j);
	ck_assert_int_eq(core_trust_add_registry(t2, r1.data, r1.len, now, &st2,
	    &err), CORE_E_REG_ROLLBACK);
	ck_assert_uint_eq(core_trust_registry_count(t2), 0);
	ck_assert_int_eq(core_trust_add_registry(t2, r2.data, r2.len, now, &st2,
	    &err), CORE_OK);
	/* Without a state only the store itself remembers. */
	core_trust_free(&t2);
	t2 = store_with_root();
	ck_assert_int_eq(core_trust_add_registry(t2, r1.data, r1.len, now, NULL,
	    &err), CORE_OK);
	core_buf_free(&r1);
	core_buf_free(&r2);
	core_buf_free(&r2b);
	core_trust_free(&t);
	core_trust_free(&t2);
}
END_TEST

START_TEST(test_registry_refused)
{
	struct core_trust	*t = store_with_root();
	struct core_buf		 r;
	struct core_err		 err;
	time_t			 now = at("2026-06-01T00:00:00Z");
	json_t			*bad;

	/* Signed by a key that is not a root. */
	registry(root2, "demo", 1, "2027-01-01T00:00:00Z", services("active"), &r);
	ck_assert_int_eq(core_trust_add_registry(t, r.data, r.len, now, NULL,
	    &err), CORE_E_JWS_KID);
	core_buf_free(&r);
	/* A registry payload signed as another type. */
	sign(json_pack("{s:s,s:i,s:s,s:s,s:o}", "registry", "demo", "sequence",
	    1, "issued_at", "2026-01-01T00:00:00Z", "expires",
	    "2027-01-01T00:00:00Z", "services", services("active")),
	    CORE_TYP_DECISION, root, NULL, &r);
	ck_assert_int_eq(core_trust_add_registry(t, r.data, r.len, now, NULL,
	    &err), CORE_E_JWS_TYP);
	core_buf_free(&r);
	/* A root bound to another registry id. */
	core_trust_free(&t);
	ck_assert_int_eq(core_trust_new(&t), CORE_OK);
	ck_assert_int_eq(core_trust_add_root(t, root, NULL, "other", NULL),
	    CORE_OK);
	registry(root, "demo", 1, "2027-01-01T00:00:00Z", services("active"), &r);
	ck_assert_int_eq(core_trust_add_registry(t, r.data, r.len, now, NULL,
	    &err), CORE_E_UNTRUSTED);
	core_buf_free(&r);
	/* A payload that breaks the protocol, though well signed. */
	bad = json_pack("{s:s,s:i,s:s,s:s,s:[]}", "registry", "demo",
	    "sequence", 1, "issued_at", "2026-01-01T00:00:00Z", "expires",
	    "not a time", "services");
	sign(bad, CORE_TYP_REGISTRY, root, NULL, &r);
	core_trust_free(&t);
	t = store_with_root();
	ck_assert_int_eq(core_trust_add_registry(t, r.data, r.len, now, NULL,
	    &err), CORE_E_REGISTRY);
	core_buf_free(&r);
	core_trust_free(&t);
}
END_TEST

START_TEST(test_check)
{
	struct core_trust	*t = store_with_root();
	struct core_trust_info	 ti;
	struct core_buf		 r;
	struct core_err		 err;
	time_t			 now = at("2026-06-01T00:00:00Z");

	registry(root, "demo", 4, "2027-01-01T00:00:00Z", services("active"), &r);
	ck_assert_int_eq(core_trust_add_registry(t, r.data, r.len, now, NULL,
	    &err), CORE_OK);
	core_buf_free(&r);
	/* Active, in its window. */
	ck_assert_int_eq(core_trust_check(t, tp(bank), "https://bank.example",
	    CORE_ROLE_SERVICE, now, &ti, &err), CORE_OK);
	ck_assert_int_eq(ti.source, CORE_TRUST_REGISTRY);
	ck_assert_str_eq(ti.registry, "demo");
	ck_assert_int_eq(ti.sequence, 4);
	/* The old key: listed, but its window closed in 2025. */
	ck_assert_int_eq(core_trust_check(t, tp(bank_old), "https://bank.example",
	    CORE_ROLE_SERVICE, now, &ti, &err), CORE_E_KEY_VALIDITY);
	ck_assert_ptr_nonnull(strstr(err.detail, "2025-01-01T00:00:00Z"));
	/* The current key before its window opens, and after it closes. */
	ck_assert_int_eq(core_trust_check(t, tp(bank), "https://bank.example",
	    CORE_ROLE_SERVICE, at("2025-12-31T23:59:59Z"), &ti, &err),
	    CORE_E_KEY_VALIDITY);
	ck_assert_int_eq(core_trust_check(t, tp(bank), "https://bank.example",
	    CORE_ROLE_SERVICE, at("2027-01-01T00:00:00Z"), &ti, &err),
	    CORE_E_KEY_VALIDITY);
	/* The service id must match the document's. */
	ck_assert_int_eq(core_trust_check(t, tp(bank), "https://evil.example",
	    CORE_ROLE_SERVICE, now, &ti, &err), CORE_E_UNTRUSTED);
	ck_assert_str_eq(ti.listed_for, "https://bank.example");
	/* A provider's key does not sign as a service, nor the reverse. */
	ck_assert_int_eq(core_trust_check(t, tp(models), "https://models.example",
	    CORE_ROLE_PROVIDER, now, &ti, &err), CORE_OK);
	ck_assert_int_eq(core_trust_check(t, tp(models), "https://models.example",
	    CORE_ROLE_SERVICE, now, &ti, &err), CORE_E_UNTRUSTED);
	ck_assert_int_eq(core_trust_check(t, tp(bank), "https://bank.example",
	    CORE_ROLE_PROVIDER, now, &ti, &err), CORE_E_UNTRUSTED);
	/* A key nobody lists. */
	ck_assert_int_eq(core_trust_check(t, tp(stranger), "https://bank.example",
	    CORE_ROLE_SERVICE, now, &ti, &err), CORE_E_UNTRUSTED);
	ck_assert_str_eq(ti.listed_for, "");
	core_trust_free(&t);
}
END_TEST

START_TEST(test_revoked_suspended)
{
	struct core_trust	*t;
	struct core_buf		 r;
	struct core_err		 err;
	time_t			 now = at("2026-06-01T00:00:00Z");

	t = store_with_root();
	registry(root, "demo", 1, "2027-01-01T00:00:00Z", services("revoked"), &r);
	ck_assert_int_eq(core_trust_add_registry(t, r.data, r.len, now, NULL,
	    &err), CORE_OK);
	core_buf_free(&r);
	ck_assert_int_eq(core_trust_check(t, tp(bank), "https://bank.example",
	    CORE_ROLE_SERVICE, now, NULL, &err), CORE_E_REVOKED);
	/* A pin does not override a revocation. */
	ck_assert_int_eq(core_trust_pin(t, bank, NULL, NULL, 0, 0, NULL), CORE_OK);
	ck_assert_int_eq(core_trust_check(t, tp(bank), "https://bank.example",
	    CORE_ROLE_SERVICE, now, NULL, &err), CORE_E_REVOKED);
	core_trust_free(&t);

	t = store_with_root();
	registry(root, "demo", 1, "2027-01-01T00:00:00Z", services("suspended"),
	    &r);
	ck_assert_int_eq(core_trust_add_registry(t, r.data, r.len, now, NULL,
	    &err), CORE_OK);
	core_buf_free(&r);
	ck_assert_int_eq(core_trust_check(t, tp(bank), "https://bank.example",
	    CORE_ROLE_SERVICE, now, NULL, &err), CORE_E_SUSPENDED);
	ck_assert_ptr_nonnull(strstr(err.detail, "suspended"));
	core_trust_free(&t);
}
END_TEST

START_TEST(test_pins)
{
	struct core_trust	*t = NULL;
	struct core_trust_info	 ti;
	struct core_err		 err;
	time_t			 now = at("2026-06-01T00:00:00Z");

	ck_assert_int_eq(core_trust_new(&t), CORE_OK);
	ck_assert_int_eq(core_trust_pin(t, stranger, "s1", NULL, 0, 0, NULL),
	    CORE_OK);
	ck_assert_int_eq(core_trust_pin(t, bank, NULL, "https://bank.example",
	    at("2026-01-01T00:00:00Z"), at("2026-03-01T00:00:00Z"), NULL),
	    CORE_OK);
	ck_assert_int_eq(core_trust_check(t, tp(stranger), "https://any.example",
	    CORE_ROLE_SERVICE, now, &ti, &err), CORE_OK);
	ck_assert_int_eq(ti.source, CORE_TRUST_PINNED);
	/* Pinned for one service only, and for a window. */
	ck_assert_int_eq(core_trust_check(t, tp(bank), "https://bank.example",
	    CORE_ROLE_SERVICE, at("2026-02-01T00:00:00Z"), &ti, &err), CORE_OK);
	ck_assert_int_eq(core_trust_check(t, tp(bank), "https://bank.example",
	    CORE_ROLE_SERVICE, now, &ti, &err), CORE_E_KEY_VALIDITY);
	ck_assert_int_eq(core_trust_check(t, tp(bank), "https://other.example",
	    CORE_ROLE_SERVICE, at("2026-02-01T00:00:00Z"), &ti, &err),
	    CORE_E_UNTRUSTED);
	core_trust_free(&t);
}
END_TEST

/* Verify doc in a store that holds the demo registry (sequence 2), with the
 * bank's and the stranger's keys known; returns the overall verdict. */
static enum core_verdict_overall
verdict_of(const struct core_buf *doc, const char *expect,
    struct core_verdict *v, struct core_doc_info *info)
{
	struct core_trust	*t = store_with_root();
	struct core_buf		 r;
	struct core_err		 err;
	time_t			 now = at("2026-06-01T00:00:00Z");

	registry(root, "demo", 2, "2027-01-01T00:00:00Z", services("active"), &r);
	ck_assert_int_eq(core_trust_add_registry(t, r.data, r.len, now, NULL,
	    &err), CORE_OK);
	ck_assert_int_eq(core_trust_add_known(t, bank, "bank-2026", NULL), CORE_OK);
	ck_assert_int_eq(core_trust_add_known(t, stranger, "stranger-1", NULL),
	    CORE_OK);
	ck_assert_int_eq(core_trust_add_known(t, bank_old, "bank-2024", NULL),
	    CORE_OK);
	ck_assert_int_eq(core_trust_verify_doc(t, doc->data, doc->len, expect,
	    NULL, NULL, now, NULL, 0, v, info), CORE_OK);
	core_buf_free(&r);
	core_trust_free(&t);
	return core_verdict_overall(v);
}

static json_t *
decision(const char *issuer)
{
	return json_pack("{s:s,s:s,s:s}", "recourse", "1", "id", "LN-1",
	    "issuer", issuer);
}

START_TEST(test_doc_verdicts)
{
	struct core_verdict	 v;
	struct core_doc_info	 info;
	struct core_buf		 d;
	const struct core_check	*c;

	/* Trusted: listed, active, in its window. */
	sign(decision("https://bank.example"), CORE_TYP_DECISION, bank,
	    "bank-2026", &d);
	ck_assert_int_eq(verdict_of(&d, NULL, &v, &info), CORE_VERDICT_TRUSTED);
	ck_assert_str_eq(info.service_id, "https://bank.example");
	ck_assert_str_eq(info.thumbprint, tp(bank));
	ck_assert_ptr_nonnull(json_object_get(info.payload, "id"));
	core_doc_info_free(&info);
	/* Swapped typ: a decision presented as a receipt. */
	ck_assert_int_eq(verdict_of(&d, CORE_TYP_RECEIPT, &v, &info),
	    CORE_VERDICT_INVALID);
	c = core_verdict_reason(&v);
	ck_assert_str_eq(c->id, "typ");
	ck_assert_int_eq(c->code, CORE_E_JWS_TYP);
	ck_assert_int_eq(core_verdict_find(&v, "signature")->result,
	    CORE_CHECK_NOT_CHECKED);
	core_doc_info_free(&info);
	core_buf_free(&d);

	/* Wrong key for the kid: invalid, and no other key is tried. */
	sign(decision("https://bank.example"), CORE_TYP_DECISION, stranger,
	    "bank-2026", &d);
	ck_assert_int_eq(verdict_of(&d, NULL, &v, &info), CORE_VERDICT_INVALID);
	c = core_verdict_reason(&v);
	ck_assert_str_eq(c->id, "signature");
	ck_assert_int_ne(c->code, CORE_E_JWS_KID);
	core_doc_info_free(&info);
	core_buf_free(&d);

	/* An unlisted signer: valid but untrusted. */
	sign(decision("https://bank.example"), CORE_TYP_DECISION, stranger,
	    "stranger-1", &d);
	ck_assert_int_eq(verdict_of(&d, NULL, &v, &info), CORE_VERDICT_UNTRUSTED);
	ck_assert_int_eq(core_verdict_reason(&v)->code, CORE_E_UNTRUSTED);
	core_doc_info_free(&info);
	core_buf_free(&d);

	/* An unknown kid: no key at hand, invalid. */
	sign(decision("https://bank.example"), CORE_TYP_DECISION, root2,
	    "who", &d);
	ck_assert_int_eq(verdict_of(&d, NULL, &v, &info), CORE_VERDICT_INVALID);
	ck_assert_int_eq(core_verdict_reason(&v)->code, CORE_E_JWS_KID);
	core_doc_info_free(&info);
	core_buf_free(&d);

	/* The old key: outside its window. */
	sign(decision("https://bank.example"), CORE_TYP_DECISION, bank_old,
	    "bank-2024", &d);
	ck_assert_int_eq(verdict_of(&d, NULL, &v, &info), CORE_VERDICT_UNTRUSTED);
	ck_assert_int_eq(core_verdict_reason(&v)->code, CORE_E_KEY_VALIDITY);
	core_doc_info_free(&info);
	core_buf_free(&d);

	/* Signed by the bank's key for another issuer. */
	sign(decision("https://evil.example"), CORE_TYP_DECISION, bank,
	    "bank-2026", &d);
	ck_assert_int_eq(verdict_of(&d, NULL, &v, &info), CORE_VERDICT_UNTRUSTED);
	ck_assert_str_eq(core_verdict_reason(&v)->params[1],
	    "https://bank.example");
	core_doc_info_free(&info);
	core_buf_free(&d);

	/* A decision without an issuer: the content check fails. */
	sign(json_pack("{s:s}", "id", "LN-1"), CORE_TYP_DECISION, bank,
	    "bank-2026", &d);
	ck_assert_int_eq(verdict_of(&d, NULL, &v, &info), CORE_VERDICT_INVALID);
	ck_assert_str_eq(core_verdict_reason(&v)->id, "content");
	core_doc_info_free(&info);
	core_buf_free(&d);
}
END_TEST

START_TEST(test_doc_tampered_and_unreadable)
{
	struct core_verdict	 v;
	struct core_doc_info	 info;
	struct core_buf		 d, pl, enc;
	json_t			*j;
	char			*s;

	sign(decision("https://bank.example"), CORE_TYP_DECISION, bank,
	    "bank-2026", &d);
	/* Change one letter of the payload; keep the signature. */
	j = json_loadb((const char *)d.data, d.len, 0, NULL);
	ck_assert_ptr_nonnull(j);
	core_buf_init(&pl, MAXDOC);
	core_buf_init(&enc, MAXDOC);
	s = (char *)json_string_value(json_object_get(j, "payload"));
	ck_assert_int_eq(core_b64url_decode(s, strlen(s), &pl, NULL), CORE_OK);
	s = strstr((char *)pl.data, "LN-1");
	ck_assert_ptr_nonnull(s);
	s[3] = '2';
	ck_assert_int_eq(core_b64url_encode(pl.data, pl.len, &enc), CORE_OK);
	json_object_set_new(j, "payload", json_string(core_buf_str(&enc)));
	core_buf_free(&d);
	core_buf_init(&d, MAXDOC);
	s = json_dumps(j, JSON_COMPACT);
	core_buf_adds(&d, s);
	free(s);
	json_decref(j);
	ck_assert_int_eq(verdict_of(&d, NULL, &v, &info), CORE_VERDICT_INVALID);
	ck_assert_str_eq(core_verdict_reason(&v)->id, "signature");
	ck_assert_int_eq(core_verdict_reason(&v)->code, CORE_E_SIG_INVALID);
	ck_assert_ptr_null(info.payload);
	core_doc_info_free(&info);
	core_buf_free(&d);
	core_buf_free(&pl);
	core_buf_free(&enc);

	core_buf_init(&d, MAXDOC);
	core_buf_adds(&d, "this is not a signed document\n");
	ck_assert_int_eq(verdict_of(&d, NULL, &v, &info), CORE_VERDICT_UNREADABLE);
	ck_assert_str_eq(core_verdict_reason(&v)->id, "format");
	core_doc_info_free(&info);
	core_buf_free(&d);
}
END_TEST

/* A flattened JWS with its kid in the unprotected header only. */
static void
sign_unprotected_kid(const char *kid, const struct core_key *k,
    struct core_buf *out)
{
	static const char	 hdr[] =
	    "{\"alg\":\"EdDSA\",\"typ\":\"recourse-decision+json\"}";
	static const char	 pl[] =
	    "{\"id\":\"LN-1\",\"issuer\":\"https://bank.example\"}";
	struct core_buf		 in, sig64;
	unsigned char		 sig[CORE_SIG_MAX];
	size_t			 siglen, protlen;

	core_buf_init(&in, MAXDOC);
	core_buf_init(&sig64, MAXDOC);
	core_buf_init(out, MAXDOC);
	ck_assert_int_eq(core_b64url_encode(hdr, strlen(hdr), &in), CORE_OK);
	protlen = in.len;
	core_buf_addc(&in, '.');
	ck_assert_int_eq(core_b64url_encode(pl, strlen(pl), &in), CORE_OK);
	ck_assert_int_eq(core_sig_sign(k, in.data, in.len, sig, &siglen, NULL),
	    CORE_OK);
	ck_assert_int_eq(core_b64url_encode(sig, siglen, &sig64), CORE_OK);
	core_buf_printf(out, "{\"protected\":\"%.*s\",\"header\":{\"kid\":"
	    "\"%s\"},\"payload\":\"%s\",\"signature\":\"%s\"}",
	    (int)protlen, (const char *)in.data, kid,
	    (const char *)in.data + protlen + 1, core_buf_str(&sig64));
	core_buf_free(&in);
	core_buf_free(&sig64);
}

START_TEST(test_doc_unprotected_kid)
{
	struct core_verdict	 v;
	struct core_doc_info	 info;
	struct core_buf		 d;

	/* Found by the kid of the unprotected header: valid, and untrusted
	 * since no registry lists the stranger. */
	sign_unprotected_kid("stranger-1", stranger, &d);
	ck_assert_int_eq(verdict_of(&d, NULL, &v, &info), CORE_VERDICT_UNTRUSTED);
	ck_assert_str_eq(info.kid, "stranger-1");
	core_doc_info_free(&info);
	core_buf_free(&d);
	/* The same kid, but another key signed: invalid. */
	sign_unprotected_kid("stranger-1", root2, &d);
	ck_assert_int_eq(verdict_of(&d, NULL, &v, &info), CORE_VERDICT_INVALID);
	ck_assert_str_eq(core_verdict_reason(&v)->id, "signature");
	core_doc_info_free(&info);
	core_buf_free(&d);
}
END_TEST

START_TEST(test_doc_registry)
{
	struct core_trust	*t = store_with_root();
	struct core_trust_state	 st;
	struct core_verdict	 v;
	struct core_doc_info	 info;
	struct core_buf		 r1, r2, rx, rf;
	struct core_err		 err;
	time_t			 now = at("2026-06-01T00:00:00Z");

	core_trust_state_init(&st);
	registry(root, "demo", 1, "2027-01-01T00:00:00Z", services("active"), &r1);
	registry(root, "demo", 2, "2027-01-01T00:00:00Z", services("active"), &r2);
	registry(root, "demo", 3, "2026-03-01T00:00:00Z", services("active"), &rx);
	registry(root2, "demo", 4, "2027-01-01T00:00:00Z", services("active"), &rf);
	ck_assert_int_eq(core_trust_verify_doc(t, r1.data, r1.len, NULL, NULL,
	    &st, now, NULL, 0, &v, &info), CORE_OK);
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_TRUSTED);
	ck_assert_str_eq(info.service_id, "demo");
	core_doc_info_free(&info);
	/* After sequence 2 was accepted, sequence 1 is a rollback. */
	ck_assert_int_eq(core_trust_add_registry(t, r2.data, r2.len, now, &st,
	    &err), CORE_OK);
	ck_assert_int_eq(core_trust_verify_doc(t, r1.data, r1.len,
	    CORE_TYP_REGISTRY, NULL, &st, now, NULL, 0, &v, &info), CORE_OK);
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_UNTRUSTED);
	ck_assert_int_eq(core_verdict_reason(&v)->code, CORE_E_REG_ROLLBACK);
	core_doc_info_free(&info);
	/* Expired. */
	ck_assert_int_eq(core_trust_verify_doc(t, rx.data, rx.len, NULL, NULL,
	    &st, now, NULL, 0, &v, &info), CORE_OK);
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_UNTRUSTED);
	ck_assert_int_eq(core_verdict_reason(&v)->code, CORE_E_REG_EXPIRED);
	core_doc_info_free(&info);
	/* Signed by a key that is known but not a root. */
	ck_assert_int_eq(core_trust_add_known(t, root2, NULL, NULL), CORE_OK);
	ck_assert_int_eq(core_trust_verify_doc(t, rf.data, rf.len, NULL, NULL,
	    &st, now, NULL, 0, &v, &info), CORE_OK);
	ck_assert_int_eq(core_verdict_overall(&v), CORE_VERDICT_UNTRUSTED);
	ck_assert_int_eq(core_verdict_reason(&v)->code, CORE_E_UNTRUSTED);
	core_doc_info_free(&info);
	core_buf_free(&r1);
	core_buf_free(&r2);
	core_buf_free(&rx);
	core_buf_free(&rf);
	core_trust_free(&t);
}
END_TEST

START_TEST(test_state_json)
{
	struct core_trust_state	 st;
	struct core_err		 err;
	json_t			*j;

	j = json_loads("{\"recourse_trust_state\":\"1\",\"registries\":[{"
	    "\"registry\":\"a\",\"sequence\":5,\"sha256\":\"" "0123456789abcdef"
	    "0123456789abcdef0123456789abcdef0123456789abcdef\"}]}", 0, NULL);
	ck_assert_int_eq(core_trust_state_from_json(j, &st, &err), CORE_OK);
	ck_assert_uint_eq(st.n, 1);
	ck_assert_int_eq(core_trust_state_get(&st, "a")->sequence, 5);
	ck_assert_ptr_null(core_trust_state_get(&st, "b"));
	json_decref(j);
	/* The same registry twice is refused, and leaves the state empty. */
	j = json_loads("{\"recourse_trust_state\":\"1\",\"registries\":["
	    "{\"registry\":\"a\",\"sequence\":5,\"sha256\":\"" "0123456789abcdef"
	    "0123456789abcdef0123456789abcdef0123456789abcdef\"},"
	    "{\"registry\":\"a\",\"sequence\":1,\"sha256\":\"" "0123456789abcdef"
	    "0123456789abcdef0123456789abcdef0123456789abcdef\"}]}", 0, NULL);
	ck_assert_int_eq(core_trust_state_from_json(j, &st, &err),
	    CORE_E_JSON_TYPE);
	ck_assert_uint_eq(st.n, 0);
	json_decref(j);
}
END_TEST

START_TEST(test_jwks_files)
{
	struct core_trust	*t = NULL;
	json_t			*a, *b, *set, *disc, *priv;
	struct core_buf		 pem;
	size_t			 n;

	ck_assert_int_eq(core_trust_new(&t), CORE_OK);
	ck_assert_int_eq(core_key_to_jwk(bank, 0, &a, NULL), CORE_OK);
	ck_assert_int_eq(core_key_to_jwk(stranger, 0, &b, NULL), CORE_OK);
	set = json_pack("{s:[O,O]}", "keys", a, b);
	disc = json_pack("{s:s,s:O}", "recourse", "1", "jwks", set);
	ck_assert_int_eq(core_trust_add_jwks(t, a, CORE_TRUST_AS_PIN,
	    &n, NULL), CORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(core_trust_add_jwks(t, set, CORE_TRUST_AS_KNOWN,
	    &n, NULL), CORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(core_trust_add_jwks(t, disc, CORE_TRUST_AS_ROOT,
	    &n, NULL), CORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(core_trust_add_jwks(t, json_object_get(disc,
	    "recourse"), CORE_TRUST_AS_KNOWN, &n, NULL), CORE_E_KEY);
	/* A private key where a public one belongs is refused. */
	ck_assert_int_eq(core_key_to_jwk(bank, 1, &priv, NULL), CORE_OK);
	ck_assert_int_eq(core_trust_add_jwks(t, priv, CORE_TRUST_AS_PIN,
	    &n, NULL), CORE_E_KEY);
	json_decref(priv);
	/* The pin from the JWK counts; the known keys do not. */
	ck_assert_int_eq(core_trust_check(t, tp(bank), "https://bank.example",
	    CORE_ROLE_SERVICE, 0, NULL, NULL), CORE_OK);
	ck_assert_int_eq(core_trust_check(t, tp(stranger), "https://bank.example",
	    CORE_ROLE_SERVICE, 0, NULL, NULL), CORE_E_UNTRUSTED);
	/* A PEM file pins its one key. */
	core_buf_init(&pem, 8192);
	ck_assert_int_eq(core_key_to_pem(stranger, 0, &pem, NULL), CORE_OK);
	ck_assert_int_eq(core_trust_add_pem(t, pem.data, pem.len,
	    CORE_TRUST_AS_PIN, NULL), CORE_OK);
	ck_assert_int_eq(core_trust_check(t, tp(stranger), "https://bank.example",
	    CORE_ROLE_SERVICE, 0, NULL, NULL), CORE_OK);
	core_buf_free(&pem);
	json_decref(a);
	json_decref(b);
	json_decref(set);
	json_decref(disc);
	core_trust_free(&t);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("trust");
	TCase	*tc = tcase_create("trust");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_times);
	tcase_add_test(tc, test_origins);
	tcase_add_test(tc, test_registry_parse);
	tcase_add_test(tc, test_registry_accept);
	tcase_add_test(tc, test_registry_expired);
	tcase_add_test(tc, test_registry_rollback);
	tcase_add_test(tc, test_registry_refused);
	tcase_add_test(tc, test_check);
	tcase_add_test(tc, test_revoked_suspended);
	tcase_add_test(tc, test_pins);
	tcase_add_test(tc, test_doc_verdicts);
	tcase_add_test(tc, test_doc_tampered_and_unreadable);
	tcase_add_test(tc, test_doc_unprotected_kid);
	tcase_add_test(tc, test_doc_registry);
	tcase_add_test(tc, test_state_json);
	tcase_add_test(tc, test_jwks_files);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
