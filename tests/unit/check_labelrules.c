/*
 * check_labelrules.c: each rule of the provenance label is silent on the
 * demo records as the service serves them and fires on a record crafted to
 * break it; the liability chain in order with what backs each link.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/analysis.h"
#include "core/buf.h"
#include "core/hash.h"
#include "core/jws.h"
#include "core/key.h"
#include "core/trust.h"
#include "core/wpg1.h"
#include "tests/unit/analysis-test.h"

#define LOAN		"data/cases/loan-denied/record.json"
#define PROVIDER	"https://ardal.example"

static time_t		 now;		/* 2026-11-27T10:00:00Z */
static struct core_key	*prov_key;	/* the provider's, pinned */
static struct core_key	*other_key;	/* known, not trusted */
static struct core_trust *trust;

static void
setup(void)
{
	ck_assert_int_eq(core_trust_time_parse("2026-11-27T10:00:00Z", &now),
	    0);
	ck_assert_int_eq(core_key_generate(CORE_KEY_ED25519, &prov_key, NULL),
	    CORE_OK);
	ck_assert_int_eq(core_key_generate(CORE_KEY_ED25519, &other_key, NULL),
	    CORE_OK);
	ck_assert_int_eq(core_trust_new(&trust), CORE_OK);
	ck_assert_int_eq(core_trust_pin(trust, prov_key, "ardal-1", PROVIDER,
	    0, 0, NULL), CORE_OK);
	ck_assert_int_eq(core_trust_add_known(trust, other_key, "other-1",
	    NULL), CORE_OK);
}

static void
teardown(void)
{
	core_trust_free(&trust);
	core_key_free(&prov_key);
	core_key_free(&other_key);
}

/* Render the letter templates of j in every language with WPG-1 key hex,
 * as the reference service does. */
static void
render_letter(json_t *j, const char *hex)
{
	json_t			*content;
	const char		*lang;
	json_t			*t;
	unsigned char		 key[CORE_WPG1_KEY_LEN];
	struct core_buf		 out;
	char			 ptr[128];

	ck_assert_int_eq(core_unhex(hex, key, sizeof key), 0);
	content = json_object_get(json_object_get(json_object_get(j,
	    "explanation"), "letter"), "content");
	json_object_foreach(content, lang, t) {
		core_buf_init(&out, 1 << 20);
		ck_assert_int_eq(core_wpg1_embed(key, NULL, json_string_value(t),
		    strlen(json_string_value(t)), &out, NULL), CORE_OK);
		snprintf(ptr, sizeof ptr, "/explanation/letter/content/%s",
		    lang);
		at_set(j, ptr, json_string(core_buf_str(&out)));
		core_buf_free(&out);
	}
}


/* An attestation of model digest dig by provider prov, signed by k, as a
 * flattened JWS object. */
static json_t *
attestation(const char *prov, const char *dig, const struct core_key *k,
    const char *kid)
{
	struct core_buf	 out;
	json_t		*p, *a;
	char		*s;

	p = json_pack("{s:s,s:s,s:s,s:s,s:s}", "provider", prov, "model",
	    "CreditLens Personal Lending Scorecard", "version", "4.2.0",
	    "model_digest", dig, "issued_at", "2026-11-20T09:14:07Z");
	s = json_dumps(p, JSON_COMPACT);
	core_buf_init(&out, 1 << 16);
	ck_assert_int_eq(core_jws_sign(s, strlen(s), CORE_TYP_ATTESTATION, k,
	    kid, &out, NULL), CORE_OK);
	a = json_loads(core_buf_str(&out), 0, NULL);
	ck_assert_ptr_nonnull(a);
	free(s);
	json_decref(p);
	core_buf_free(&out);
	return a;
}

#define DIGEST "76ba8d430f68e005d6ddb6c0ea76a7262ab210535988fff2c6d583f59f9c5c49"
#define DIGEST2 "00ba8d430f68e005d6ddb6c0ea76a7262ab210535988fff2c6d583f59f9c5c49"

/* The demo loan as the service serves it: its letter rendered with the
 * label's key, and the provider's attestation. */
static json_t *
loan(void)
{
	json_t	*j = at_load(LOAN);

	render_letter(j, json_string_value(json_object_get(json_object_get(
	    json_object_get(json_object_get(j, "provenance"), "ai_text"),
	    "watermark"), "key")));
	at_set(j, "/provenance/system/attestation", attestation(PROVIDER,
	    DIGEST, prov_key, "ardal-1"));
	return j;
}

/* Run the rules on j with the trust store, a trusted record signature and
 * the watermark verdict given (when wm_checked); v gets the checks. */
static void
run(const json_t *j, const char *newest, int wm_checked,
    enum core_wpg1_verdict wm, struct core_verdict *v,
    struct core_liability *chain)
{
	struct core_record	*r = at_parse(j);
	struct core_label_input	 in;

	core_label_input_init(&in, r, now);
	in.trust = trust;
	in.newest_id = newest;
	in.wm_checked = wm_checked;
	in.wm = wm;
	in.record_trusted = 1;
	core_verdict_init(v);
	ck_assert_int_eq(core_label_check(&in, v, chain), CORE_OK);
	core_record_free(&r);
}

/* Every rule is present, none failed nor warned. */
static void
assert_clean(const struct core_verdict *v, const char *what)
{
	size_t	i;

	ck_assert_uint_eq(v->n, core_label_rule_count());
	for (i = 0; i < v->n; i++) {
		ck_assert_str_eq(v->checks[i].id, core_label_rule_at(i)->id);
		ck_assert_msg(v->checks[i].result == CORE_CHECK_PASSED ||
		    v->checks[i].result == CORE_CHECK_NOT_CHECKED,
		    "%s: %s is %s", what, v->checks[i].id,
		    core_check_result_id(v->checks[i].result));
	}
}

/* Exactly rule id fires, with result res; the others stay quiet. */
static void
assert_only(const struct core_verdict *v, const char *id,
    enum core_check_result res)
{
	size_t	i;

	for (i = 0; i < v->n; i++) {
		if (strcmp(v->checks[i].id, id) == 0)
			ck_assert_msg(v->checks[i].result == res,
			    "%s is %s", id,
			    core_check_result_id(v->checks[i].result));
		else
			ck_assert_msg(v->checks[i].result == CORE_CHECK_PASSED ||
			    v->checks[i].result == CORE_CHECK_NOT_CHECKED,
			    "%s also fired (%s)", v->checks[i].id,
			    core_check_result_id(v->checks[i].result));
	}
}

/* The sentence of check id, filled in. */
static const char *
sentence(const struct core_verdict *v, const char *id)
{
	static char		 s[1024];
	const struct core_check	*c = core_verdict_find(v, id);
	struct core_buf		 b;

	ck_assert_ptr_nonnull(c);
	core_buf_init(&b, sizeof s);
	core_check_expand(c->msg, c, &b);
	snprintf(s, sizeof s, "%s", core_buf_str(&b));
	core_buf_free(&b);
	return s;
}

START_TEST(clean_records)
{
	static const char *const demo[] = {
		"data/cases/housing-benefit/record.json",
		"data/cases/insurance-premium/record.json",
		"data/cases/credit-limit/record-2.json",
		"data/cases/job-screening/record.json"
	};
	struct core_verdict	 v;
	json_t			*j;
	size_t			 i;

	j = loan();
	run(j, "LN-2026-004217-r1", 0, 0, &v, NULL);
	assert_clean(&v, "loan-denied");
	/* Tested here, with the label's key: consistent. */
	ck_assert_int_eq(at_result(&v, "label.watermark-missing"),
	    CORE_CHECK_PASSED);
	ck_assert_int_eq(at_result(&v, "label.attestation"), CORE_CHECK_PASSED);
	ck_assert_str_eq(sentence(&v, "label.deadline"),
	    "You can contest this decision until 2027-01-19.");
	json_decref(j);
	for (i = 0; i < sizeof demo / sizeof demo[0]; i++) {
		j = at_load(demo[i]);
		/* Records whose attestation the service makes at start. */
		json_object_del(json_object_get(json_object_get(j,
		    "provenance"), "system"), "attestation");
		run(j, NULL, 0, 0, &v, NULL);
		json_decref(j);
		/* Without an attestation the rule warns; every other rule
		 * is quiet. */
		assert_only(&v, "label.attestation", CORE_CHECK_WARNING);
	}
}
END_TEST

/* The tenant-screening case: the label says a person decided and wrote,
 * the letter carries the service's watermark. */
START_TEST(ai_undeclared)
{
	struct core_verdict	 v;
	json_t			*j;

	j = at_load("data/cases/tenant-screening/record.json");
	run(j, NULL, 1, CORE_WPG1_CONSISTENT, &v, NULL);
	ck_assert_int_eq(at_result(&v, "label.ai-undeclared"),
	    CORE_CHECK_FAILED);
	ck_assert_str_eq(sentence(&v, "label.ai-undeclared"), "The letter is "
	    "consistent with the watermark of AI-written text, but the label "
	    "says a person made the decision.");
	run(j, NULL, 1, CORE_WPG1_NOT_FOUND, &v, NULL);
	ck_assert_int_eq(at_result(&v, "label.ai-undeclared"),
	    CORE_CHECK_PASSED);
	json_decref(j);

	/* The loan's watermarked letter, declared not AI-written: found with
	 * the label's own key. */
	j = loan();
	at_set(j, "/provenance/ai_text/letter_ai_generated", json_false());
	at_set(j, "/explanation/letter/ai_generated", json_false());
	run(j, NULL, 0, 0, &v, NULL);
	assert_only(&v, "label.ai-undeclared", CORE_CHECK_FAILED);
	ck_assert_str_eq(sentence(&v, "label.ai-undeclared"), "The letter is "
	    "consistent with the watermark of AI-written text, but the label "
	    "says it was not written by AI.");
	/* The letter and the label disagree with each other. */
	at_set(j, "/explanation/letter/ai_generated", json_true());
	run(j, NULL, 0, 0, &v, NULL);
	ck_assert_int_eq(at_result(&v, "label.ai-undeclared"),
	    CORE_CHECK_FAILED);
	json_decref(j);
}
END_TEST

/* Declared AI-written with a watermark, but the letter does not carry it:
 * rendered with another key. */
START_TEST(watermark_missing)
{
	struct core_verdict	 v;
	json_t			*j;

	j = at_load(LOAN);
	render_letter(j, "000102030405060708090a0b0c0d0e0f"
	    "101112131415161718191a1b1c1d1e1f");
	run(j, NULL, 0, 0, &v, NULL);
	ck_assert_int_eq(at_result(&v, "label.watermark-missing"),
	    CORE_CHECK_FAILED);
	ck_assert_int_eq(at_result(&v, "label.ai-undeclared"),
	    CORE_CHECK_PASSED);
	/* Too short to tell is not a failure. */
	at_set(j, "/explanation/letter/content/en",
	    json_string("Dear Ms Morgan, we cannot lend."));
	at_set(j, "/explanation/letter/content/cy",
	    json_string("Annwyl Ms Morgan, ni allwn fenthyca."));
	run(j, NULL, 0, 0, &v, NULL);
	ck_assert_int_eq(at_result(&v, "label.watermark-missing"),
	    CORE_CHECK_NOT_CHECKED);
	json_decref(j);
}
END_TEST

START_TEST(review)
{
	struct core_verdict	 v;
	struct core_record	*r;
	struct core_label_input	 in;
	json_t			*j;

	/* A reviewed decision without its review; a human one without. */
	j = at_load(LOAN);
	r = at_parse(j);
	core_label_input_init(&in, r, now);
	r->label.automation = CORE_REC_AUTOMATED_WITH_HUMAN_REVIEW;
	core_verdict_init(&v);
	ck_assert_int_eq(core_label_check(&in, &v, NULL), CORE_OK);
	ck_assert_int_eq(at_result(&v, "label.review"), CORE_CHECK_FAILED);
	ck_assert_str_eq(sentence(&v, "label.review"), "The label gives the "
	    "level of automation as \"automated_with_human_review\" but holds "
	    "no record of a human review.");
	core_record_free(&r);
	json_decref(j);

	j = at_load("data/cases/tenant-screening/record.json");
	run(j, NULL, 1, CORE_WPG1_NOT_FOUND, &v, NULL);
	ck_assert_int_eq(at_result(&v, "label.review"), CORE_CHECK_FAILED);
	json_decref(j);

	/* A solely automated decision with a review. */
	j = at_load("data/cases/housing-benefit/record.json");
	at_set(j, "/provenance/automation_level",
	    json_string("solely_automated"));
	json_object_del(json_object_get(json_object_get(j, "provenance"),
	    "system"), "attestation");
	r = at_parse(j);
	core_label_input_init(&in, r, now);
	core_verdict_init(&v);
	ck_assert_int_eq(core_label_check(&in, &v, NULL), CORE_OK);
	ck_assert_int_eq(at_result(&v, "label.review"), CORE_CHECK_FAILED);
	core_record_free(&r);
	json_decref(j);
}
END_TEST

START_TEST(impact)
{
	struct core_verdict	 v;
	struct core_record	*r;
	struct core_label_input	 in;
	json_t			*j = loan();
	const char		*src = getenv("top_srcdir");
	char			 path[1024], doc[65536];
	FILE			*fp;
	size_t			 n;

	snprintf(path, sizeof path, "%s/data/cases/loan-denied/"
	    "impact-assessment.html", src ? src : ".");
	ck_assert_ptr_nonnull(fp = fopen(path, "rb"));
	n = fread(doc, 1, sizeof doc, fp);
	fclose(fp);
	r = at_parse(j);
	core_label_input_init(&in, r, now);
	in.impact_doc = doc;
	in.impact_len = n;
	core_verdict_init(&v);
	ck_assert_int_eq(core_label_check(&in, &v, NULL), CORE_OK);
	ck_assert_int_eq(at_result(&v, "label.impact-digest"),
	    CORE_CHECK_PASSED);
	/* One byte changed. */
	doc[n / 2] ^= 1;
	core_verdict_init(&v);
	ck_assert_int_eq(core_label_check(&in, &v, NULL), CORE_OK);
	ck_assert_int_eq(at_result(&v, "label.impact-digest"),
	    CORE_CHECK_FAILED);
	ck_assert_ptr_nonnull(strstr(sentence(&v, "label.impact-digest"),
	    "the label's 01db96ad0e317e760b5bd79e16569ba9d7806c9aafd75468d8c0"
	    "abea1ecb6ccf."));
	/* No document: not checked. */
	in.impact_doc = NULL;
	core_verdict_init(&v);
	ck_assert_int_eq(core_label_check(&in, &v, NULL), CORE_OK);
	ck_assert_int_eq(at_result(&v, "label.impact-digest"),
	    CORE_CHECK_NOT_CHECKED);
	core_record_free(&r);
	json_decref(j);
}
END_TEST

START_TEST(attest)
{
	struct core_verdict	 v;
	struct core_liability	 chain;
	const struct core_check	*c;
	json_t			*j = loan(), *a;

	/* Missing: a warning, and the provider link is not backed. */
	json_object_del(json_object_get(json_object_get(j, "provenance"),
	    "system"), "attestation");
	run(j, NULL, 0, 0, &v, &chain);
	assert_only(&v, "label.attestation", CORE_CHECK_WARNING);
	ck_assert(!chain.links[2].backed);
	ck_assert(!chain.attestation_verified);

	/* Another model's digest. */
	at_set(j, "/provenance/system/attestation", attestation(PROVIDER,
	    DIGEST2, prov_key, "ardal-1"));
	run(j, NULL, 0, 0, &v, &chain);
	assert_only(&v, "label.attestation", CORE_CHECK_FAILED);
	ck_assert_ptr_nonnull(strstr(sentence(&v, "label.attestation"),
	    "another model"));
	ck_assert(!chain.links[2].backed);

	/* Another provider. */
	at_set(j, "/provenance/system/attestation", attestation(
	    "https://elsewhere.example", DIGEST, prov_key, "ardal-1"));
	run(j, NULL, 0, 0, &v, NULL);
	ck_assert_int_eq(at_result(&v, "label.attestation"), CORE_CHECK_FAILED);
	ck_assert_str_eq(sentence(&v, "label.attestation"), "The attestation "
	    "was signed for https://elsewhere.example, not for "
	    "https://ardal.example, the provider the label names.");

	/* Signed by a key that checks but is not the provider's. */
	at_set(j, "/provenance/system/attestation", attestation(PROVIDER,
	    DIGEST, other_key, "other-1"));
	run(j, NULL, 0, 0, &v, NULL);
	c = core_verdict_find(&v, "label.attestation");
	ck_assert_int_eq(c->result, CORE_CHECK_FAILED);
	ck_assert_int_eq(c->kind, CORE_CHECK_TRUST);

	/* A signature that does not verify. */
	a = attestation(PROVIDER, DIGEST, prov_key, "ardal-1");
	{
		char	sig[512];

		snprintf(sig, sizeof sig, "%s", json_string_value(
		    json_object_get(a, "signature")));
		sig[3] = sig[3] == 'A' ? 'B' : 'A';
		json_object_set_new(a, "signature", json_string(sig));
	}
	at_set(j, "/provenance/system/attestation", a);
	run(j, NULL, 0, 0, &v, NULL);
	c = core_verdict_find(&v, "label.attestation");
	ck_assert_int_eq(c->result, CORE_CHECK_FAILED);
	ck_assert_int_eq(c->kind, CORE_CHECK_INTEGRITY);

	/* The provider's own, for this digest: verified, the link backed. */
	at_set(j, "/provenance/system/attestation", attestation(PROVIDER,
	    DIGEST, prov_key, "ardal-1"));
	run(j, NULL, 0, 0, &v, &chain);
	assert_clean(&v, "attested");
	ck_assert(chain.attestation_verified);
	json_decref(j);
}
END_TEST

START_TEST(liability)
{
	struct core_verdict	 v;
	struct core_liability	 chain;
	struct core_record	*r;
	struct core_label_input	 in;
	json_t			*j = loan();

	/* The chain points into the record: keep it while it is read. */
	r = at_parse(j);
	core_label_input_init(&in, r, now);
	in.trust = trust;
	in.record_trusted = 1;
	core_verdict_init(&v);
	ck_assert_int_eq(core_label_check(&in, &v, &chain), CORE_OK);
	/* The record lists deployer, provider, operator; the chain is
	 * operator, deployer, provider. */
	ck_assert_int_eq(chain.links[0].role, CORE_REC_ROLE_OPERATOR);
	ck_assert_str_eq(chain.links[0].party->name,
	    "Llwybr Decision Services Ltd");
	ck_assert_str_eq(chain.links[0].party->contact,
	    "accountability@llwybr.example");
	ck_assert(chain.links[0].backed);
	ck_assert_int_eq(chain.links[1].role, CORE_REC_ROLE_DEPLOYER);
	ck_assert_str_eq(chain.links[1].party->name, "Dyffryn Bank plc");
	ck_assert(!chain.links[1].backed);
	ck_assert_int_eq(chain.links[2].role, CORE_REC_ROLE_PROVIDER);
	ck_assert_str_eq(chain.links[2].party->contact,
	    "model.accountability@ardal.example");
	ck_assert(chain.links[2].backed);
	ck_assert(chain.links[2].claims_signed);
	core_record_free(&r);

	/* An untrusted record backs no one. */
	r = at_parse(j);
	core_label_input_init(&in, r, now);
	core_verdict_init(&v);
	ck_assert_int_eq(core_label_check(&in, &v, &chain), CORE_OK);
	ck_assert(!chain.links[0].backed);
	ck_assert(!chain.links[2].backed);
	core_record_free(&r);
	json_decref(j);
}
END_TEST

START_TEST(reasons)
{
	struct core_verdict	 v;
	struct core_record	*r;
	struct core_label_input	 in;
	json_t			*j = loan(), *extra;

	extra = json_deep_copy(json_array_get(json_object_get(json_object_get(
	    j, "explanation"), "principal_reasons"), 0));
	at_set(j, "/explanation/principal_reasons/-", extra);
	run(j, NULL, 0, 0, &v, NULL);
	assert_only(&v, "label.reasons", CORE_CHECK_WARNING);
	ck_assert_str_eq(sentence(&v, "label.reasons"), "The record gives 5 "
	    "principal reasons; more than the customary four rarely helps "
	    "you see what counted.");
	/* None at all for an adverse decision. */
	r = at_parse(j);
	r->explanation.nreasons = 0;
	core_label_input_init(&in, r, now);
	core_verdict_init(&v);
	ck_assert_int_eq(core_label_check(&in, &v, NULL), CORE_OK);
	ck_assert_int_eq(at_result(&v, "label.reasons"), CORE_CHECK_WARNING);
	core_record_free(&r);
	json_decref(j);

	/* A Regulation B reason in other words than the form's; in Welsh
	 * the record's own words are its own. */
	j = loan();
	at_set(j, "/explanation/principal_reasons/3/text/cy",
	    json_string("Dim ond saith mis yn y cyfeiriad"));
	run(j, NULL, 0, 0, &v, NULL);
	ck_assert_int_eq(at_result(&v, "label.reasons"), CORE_CHECK_PASSED);
	at_set(j, "/explanation/principal_reasons/3/text/en",
	    json_string("Too short a period of residence"));
	run(j, NULL, 0, 0, &v, NULL);
	assert_only(&v, "label.reasons", CORE_CHECK_WARNING);
	ck_assert_str_eq(sentence(&v, "label.reasons"), "Reason 4 is given as "
	    "Regulation B's sample reason \"Length of residence\", but in "
	    "other words: \"Too short a period of residence\".");
	/* A code Regulation B's form does not have. */
	at_set(j, "/explanation/principal_reasons/1/code",
	    json_string("late_with_us"));
	run(j, NULL, 0, 0, &v, NULL);
	assert_only(&v, "label.reasons", CORE_CHECK_WARNING);
	ck_assert_str_eq(sentence(&v, "label.reasons"), "Reason 2 is given as "
	    "one of Regulation B's sample reasons, with the code late_with_us, "
	    "which is not one of them.");
	/* The service's own reason may say what it likes. */
	at_set(j, "/explanation/principal_reasons/1/scheme",
	    json_string("service"));
	at_set(j, "/explanation/principal_reasons/3/scheme",
	    json_string("service"));
	run(j, NULL, 0, 0, &v, NULL);
	ck_assert_int_eq(at_result(&v, "label.reasons"), CORE_CHECK_PASSED);
	json_decref(j);
}
END_TEST

START_TEST(deadline)
{
	struct core_verdict	 v;
	struct core_record	*r;
	struct core_label_input	 in;
	json_t			*j = loan();

	r = at_parse(j);
	/* The deadline's own day is still open. */
	ck_assert_int_eq(core_trust_time_parse("2027-01-19T23:59:59Z",
	    &in.now), 0);
	core_label_input_init(&in, r, in.now);
	core_verdict_init(&v);
	ck_assert_int_eq(core_label_check(&in, &v, NULL), CORE_OK);
	ck_assert_int_eq(at_result(&v, "label.deadline"), CORE_CHECK_PASSED);
	ck_assert_int_eq(core_trust_time_parse("2027-01-20T00:00:00Z",
	    &in.now), 0);
	core_verdict_init(&v);
	ck_assert_int_eq(core_label_check(&in, &v, NULL), CORE_OK);
	assert_only(&v, "label.deadline", CORE_CHECK_WARNING);
	ck_assert_str_eq(sentence(&v, "label.deadline"), "The deadline to "
	    "contest this decision, 2027-01-19, has passed.");
	core_record_free(&r);
	json_decref(j);
}
END_TEST

START_TEST(superseded)
{
	struct core_verdict	 v;
	json_t			*j;

	j = at_load("data/cases/credit-limit/record-1.json");
	run(j, "CC-2026-020931-r2", 0, 0, &v, NULL);
	ck_assert_int_eq(at_result(&v, "label.superseded"), CORE_CHECK_WARNING);
	ck_assert_str_eq(sentence(&v, "label.superseded"),
	    "A newer record, CC-2026-020931-r2, replaces this one.");
	run(j, "CC-2026-020931-r1", 0, 0, &v, NULL);
	ck_assert_int_eq(at_result(&v, "label.superseded"), CORE_CHECK_PASSED);
	run(j, NULL, 0, 0, &v, NULL);
	ck_assert_int_eq(at_result(&v, "label.superseded"),
	    CORE_CHECK_NOT_CHECKED);
	json_decref(j);
}
END_TEST

START_TEST(rule_table)
{
	size_t	i;

	ck_assert_uint_eq(core_label_rule_count(), 8);
	for (i = 0; i < core_label_rule_count(); i++) {
		ck_assert_ptr_eq(core_label_rule_find(core_label_rule_at(i)->id),
		    core_label_rule_at(i));
		ck_assert_uint_gt(strlen(core_label_rule_at(i)->meaning), 20);
	}
	ck_assert_ptr_null(core_label_rule_at(i));
	ck_assert_ptr_null(core_label_rule_find("label.nope"));
	ck_assert_int_eq(core_label_rule_find("label.deadline")->severity,
	    CORE_LABEL_WARNING);
	ck_assert_int_eq(core_label_rule_find("label.ai-undeclared")->severity,
	    CORE_LABEL_ERROR);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("labelrules");
	TCase	*tc = tcase_create("labelrules");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, clean_records);
	tcase_add_test(tc, ai_undeclared);
	tcase_add_test(tc, watermark_missing);
	tcase_add_test(tc, review);
	tcase_add_test(tc, impact);
	tcase_add_test(tc, attest);
	tcase_add_test(tc, liability);
	tcase_add_test(tc, reasons);
	tcase_add_test(tc, deadline);
	tcase_add_test(tc, superseded);
	tcase_add_test(tc, rule_table);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
