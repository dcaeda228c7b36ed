/*
 * check_record.c: the decision-record parser reads every demo case into the
 * model, refuses each required member's removal and values of the wrong type
 * or out of range with the field's path, and chooses texts by language.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/record.h"

/* A demo record, read with jansson (duplicates refused). */
static json_t *
load(const char *rel)
{
	const char	*src = getenv("top_srcdir");
	char		 path[1024];
	json_error_t	 jerr;
	json_t		*j;

	snprintf(path, sizeof path, "%s/%s%s", src ? src : ".",
	    strncmp(rel, "data/", 5) == 0 ? "" : "data/cases/", rel);
	j = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (j == NULL)
		ck_abort_msg("%s: %s", path, jerr.text);
	return j;
}

/* Parse rel; the record must be accepted. */
static struct core_record *
parse_ok(const char *rel)
{
	struct core_record	*r = NULL;
	struct core_err		 err;
	json_t			*j = load(rel);
	enum core_code		 rc;

	rc = core_record_parse(j, &r, &err);
	json_decref(j);
	ck_assert_msg(rc == CORE_OK, "%s refused: %s", rel, err.detail);
	ck_assert_ptr_nonnull(r);
	return r;
}

/* The member at JSON pointer ptr of j ("/a/0/b") or NULL, with its parent
 * (which must exist) and its last name. */
static json_t *
at(json_t *j, const char *ptr, json_t **parent, char *last, size_t lastsz)
{
	char	 buf[256], *tok, *save = NULL;

	snprintf(buf, sizeof buf, "%s", ptr);
	*parent = NULL;
	for (tok = strtok_r(buf, "/", &save); tok != NULL;
	    tok = strtok_r(NULL, "/", &save)) {
		ck_assert_msg(j != NULL, "%s: nothing before %s", ptr, tok);
		*parent = j;
		snprintf(last, lastsz, "%s", tok);
		if (json_is_array(j))
			j = json_array_get(j, strtoul(tok, NULL, 10));
		else
			j = json_object_get(j, tok);
	}
	return j;
}

/* Parse j, which must be refused with CORE_E_RECORD and a detail that
 * begins with want. */
static void
refused(json_t *j, const char *what, const char *want)
{
	struct core_record	*r = NULL;
	struct core_err		 err;
	enum core_code		 rc;

	rc = core_record_parse(j, &r, &err);
	ck_assert_msg(rc == CORE_E_RECORD, "%s: accepted (rc %d)", what, rc);
	ck_assert_ptr_null(r);
	ck_assert_msg(strncmp(err.detail, want, strlen(want)) == 0,
	    "%s: detail \"%s\", wanted \"%s...\"", what, err.detail, want);
}

START_TEST(test_demo_cases_parse)
{
	static const char *const all[] = {
		"loan-denied/record.json", "housing-benefit/record.json",
		"tenant-screening/record.json", "insurance-premium/record.json",
		"job-screening/record.json", "credit-limit/record-1.json",
		"credit-limit/record-2.json"
	};
	struct core_record		*r;
	const struct core_rec_factor	*f;
	size_t				 i;

	for (i = 0; i < sizeof all / sizeof all[0]; i++) {
		r = parse_ok(all[i]);
		ck_assert_uint_eq(r->nlanguages, 2);
		ck_assert_str_eq(r->languages[0], "en");
		ck_assert_str_eq(r->issuer, "https://decisions.example");
		ck_assert(r->contest.deadline.epoch > r->decided_at.epoch);
		core_record_free(&r);
		ck_assert_ptr_null(r);
	}

	/* The loan: a scorecard, four Regulation B reasons, a watermark. */
	r = parse_ok("loan-denied/record.json");
	ck_assert_str_eq(r->id, "LN-2026-004217-r1");
	ck_assert_str_eq(r->subject_reference, "LN-2026-004217");
	ck_assert_int_eq(r->outcome.code, CORE_REC_OUTCOME_DENIED);
	ck_assert_int_eq(r->outcome.adverse, 1);
	ck_assert_uint_eq(r->explanation.nreasons, 4);
	ck_assert_str_eq(r->explanation.reasons[0].scheme, "regb");
	ck_assert_str_eq(r->explanation.reasons[0].code, "excessive_obligations");
	ck_assert_uint_eq(r->explanation.reasons[1].factor_index[0], 1);
	ck_assert_int_eq(r->explanation.method.type, CORE_REC_METHOD_SCORECARD);
	ck_assert(r->explanation.method.scorecard.threshold == 520);
	ck_assert(r->explanation.method.scorecard.score == 440);
	ck_assert_uint_eq(r->explanation.method.scorecard.nrows, 8);
	ck_assert_uint_eq(r->explanation.method.scorecard.rows[5].factor_index, 5);
	ck_assert_int_eq(r->explanation.method.scorecard.rows[5].bins[1].categorical, 1);
	ck_assert_str_eq(r->explanation.method.scorecard.rows[5].bins[1].values[0].str,
	    "renting");
	ck_assert_int_eq(r->explanation.method.scorecard.rows[0].bins[0].has_min, 0);
	ck_assert(r->explanation.method.scorecard.rows[0].bins[1].min == 20);
	f = core_record_factor(r, "debt_to_income");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->value.type, CORE_REC_VALUE_NUMBER);
	ck_assert(f->value.num == 46 && f->value.is_integer);
	ck_assert(f->contribution == -60);
	ck_assert_int_eq(f->direction, CORE_REC_ADVERSE);
	ck_assert_int_eq(f->feasible.kind, CORE_REC_RANGE_NUMERIC);
	ck_assert_str_eq(r->label.sources[f->source_index].id, "derived");
	ck_assert_ptr_null(core_record_factor(r, "no_such_factor"));
	ck_assert_uint_eq(r->explanation.ncounterfactuals, 2);
	ck_assert_uint_eq(r->explanation.counterfactuals[0].changes[1].factor_index, 2);
	ck_assert_int_eq(r->explanation.letter.format, CORE_REC_LETTER_TEXT);
	ck_assert_int_eq(r->explanation.letter.ai_generated, 1);
	ck_assert_int_eq(r->label.automation, CORE_REC_SOLELY_AUTOMATED);
	ck_assert_int_eq(r->label.system.present, 1);
	ck_assert_str_eq(r->label.system.provider, "Ardal Analytics Ltd");
	ck_assert_int_eq(r->label.impact.present, 1);
	ck_assert_uint_eq(strlen(r->label.impact.sha256), 64);
	ck_assert_uint_eq(r->label.nparties, 3);
	ck_assert_int_eq(r->label.parties[0].role, CORE_REC_ROLE_DEPLOYER);
	ck_assert_int_eq(r->label.watermark.present, 1);
	ck_assert_uint_eq(r->label.watermark.key[0], 0x90);
	ck_assert_uint_eq(r->label.watermark.key[31], 0x93);
	ck_assert_uint_eq(r->label.watermark.G, 16384);
	ck_assert_uint_eq(r->label.watermark.T_min, 50);
	ck_assert_uint_eq(r->contest.statement_max_chars, 5000);
	ck_assert_str_eq(r->contest.deadline.text, "2027-01-19");
	ck_assert_str_eq(core_record_outcome_name(r->outcome.code), "denied");
	ck_assert_str_eq(core_record_automation_label(r->label.automation),
	    "made by machine alone");
	core_record_free(&r);

	/* The benefit: rules, and an officer's review. */
	r = parse_ok("housing-benefit/record.json");
	ck_assert_int_eq(r->explanation.method.type, CORE_REC_METHOD_RULES);
	ck_assert_uint_eq(r->explanation.method.nrules, 4);
	ck_assert_int_eq(r->explanation.method.rules[3].fired, 0);
	ck_assert(r->explanation.method.rules[2].amount == -51.94);
	ck_assert_int_eq(r->label.review.present, 1);
	ck_assert_int_eq(r->label.review.outcome, CORE_REC_REVIEW_UPHELD);
	ck_assert(r->outcome.amounts[0].before == 88.18 && r->outcome.amounts[0].after == 49.51);
	ck_assert_int_eq(r->explanation.letter.format, CORE_REC_LETTER_HTML);
	ck_assert_int_eq(r->explanation.factors[2].value.type, CORE_REC_VALUE_BOOL);
	core_record_free(&r);

	/* Labelled human: no system, no watermark declared. */
	r = parse_ok("tenant-screening/record.json");
	ck_assert_int_eq(r->label.automation, CORE_REC_HUMAN);
	ck_assert_int_eq(r->label.system.present, 0);
	ck_assert_int_eq(r->label.watermark.present, 0);
	core_record_free(&r);

	/* Model attribution. */
	r = parse_ok("job-screening/record.json");
	ck_assert_int_eq(r->explanation.method.type, CORE_REC_METHOD_MODEL_ATTRIBUTION);
	ck_assert(r->explanation.method.attribution.threshold == 0.5);
	ck_assert_int_eq(r->explanation.method.attribution.favourable,
	    CORE_REC_FAVOURABLE_ABOVE);
	ck_assert_int_eq(r->explanation.method.attribution.algorithm, CORE_REC_ALG_SHAP);
	core_record_free(&r);

	/* The example of recourse-protocol(7), with a provider's attestation. */
	r = parse_ok("data/schema/examples/decision.json");
	ck_assert_int_eq(r->label.review.present, 1);
	ck_assert_ptr_nonnull(r->label.system.attestation);
	ck_assert(json_is_string(r->label.system.attestation));
	core_record_free(&r);

	/* The correction names the record it replaces. */
	r = parse_ok("credit-limit/record-2.json");
	ck_assert_uint_eq(r->version, 2);
	ck_assert_str_eq(r->supersedes, "CC-2026-020931-r1");
	ck_assert_uint_eq(r->supersedes_reason.n, 2);
	core_record_free(&r);
	core_record_free(&r);
	core_record_free(NULL);
}
END_TEST

/* Every member the protocol requires, as JSON pointers into a demo record. */
static const struct {
	const char	*file;
	const char	*ptr;
} required[] = {
	{ "loan-denied/record.json", "/recourse" },
	{ "loan-denied/record.json", "/id" },
	{ "loan-denied/record.json", "/issuer" },
	{ "loan-denied/record.json", "/issued_at" },
	{ "loan-denied/record.json", "/decided_at" },
	{ "loan-denied/record.json", "/version" },
	{ "loan-denied/record.json", "/subject" },
	{ "loan-denied/record.json", "/subject/reference" },
	{ "loan-denied/record.json", "/domain" },
	{ "loan-denied/record.json", "/languages" },
	{ "loan-denied/record.json", "/outcome" },
	{ "loan-denied/record.json", "/outcome/code" },
	{ "loan-denied/record.json", "/outcome/adverse" },
	{ "loan-denied/record.json", "/outcome/summary" },
	{ "housing-benefit/record.json", "/outcome/amounts/0/label" },
	{ "housing-benefit/record.json", "/outcome/amounts/0/after" },
	{ "housing-benefit/record.json", "/outcome/amounts/0/unit" },
	{ "loan-denied/record.json", "/explanation" },
	{ "loan-denied/record.json", "/explanation/principal_reasons" },
	{ "loan-denied/record.json", "/explanation/principal_reasons/0/code" },
	{ "loan-denied/record.json", "/explanation/principal_reasons/0/scheme" },
	{ "loan-denied/record.json", "/explanation/principal_reasons/0/text" },
	{ "loan-denied/record.json", "/explanation/factors" },
	{ "loan-denied/record.json", "/explanation/factors/0/id" },
	{ "loan-denied/record.json", "/explanation/factors/0/name" },
	{ "loan-denied/record.json", "/explanation/factors/0/value" },
	{ "loan-denied/record.json", "/explanation/factors/0/contribution" },
	{ "loan-denied/record.json", "/explanation/factors/0/direction" },
	{ "loan-denied/record.json", "/explanation/factors/0/actionable" },
	{ "loan-denied/record.json", "/explanation/method" },
	{ "loan-denied/record.json", "/explanation/method/type" },
	{ "loan-denied/record.json", "/explanation/method/description" },
	{ "loan-denied/record.json", "/explanation/method/unit" },
	{ "loan-denied/record.json", "/explanation/method/scorecard" },
	{ "loan-denied/record.json", "/explanation/method/scorecard/base_points" },
	{ "loan-denied/record.json", "/explanation/method/scorecard/threshold" },
	{ "loan-denied/record.json", "/explanation/method/scorecard/score" },
	{ "loan-denied/record.json", "/explanation/method/scorecard/rows" },
	{ "loan-denied/record.json", "/explanation/method/scorecard/rows/0/factor" },
	{ "loan-denied/record.json", "/explanation/method/scorecard/rows/0/bins" },
	{ "loan-denied/record.json", "/explanation/method/scorecard/rows/0/bins/0/points" },
	{ "housing-benefit/record.json", "/explanation/method/rules" },
	{ "housing-benefit/record.json", "/explanation/method/rules/0/id" },
	{ "housing-benefit/record.json", "/explanation/method/rules/0/text" },
	{ "housing-benefit/record.json", "/explanation/method/rules/0/fired" },
	{ "insurance-premium/record.json", "/explanation/method/attribution" },
	{ "insurance-premium/record.json", "/explanation/method/attribution/algorithm" },
	{ "insurance-premium/record.json", "/explanation/method/attribution/output_name" },
	{ "insurance-premium/record.json", "/explanation/method/attribution/baseline" },
	{ "insurance-premium/record.json", "/explanation/method/attribution/output" },
	{ "loan-denied/record.json", "/explanation/counterfactuals/0/changes" },
	{ "loan-denied/record.json", "/explanation/counterfactuals/0/changes/0/factor" },
	{ "loan-denied/record.json", "/explanation/counterfactuals/0/changes/0/value" },
	{ "loan-denied/record.json", "/explanation/counterfactuals/0/outcome" },
	{ "loan-denied/record.json", "/explanation/counterfactuals/0/text" },
	{ "loan-denied/record.json", "/explanation/letter/format" },
	{ "loan-denied/record.json", "/explanation/letter/content" },
	{ "loan-denied/record.json", "/explanation/letter/ai_generated" },
	{ "loan-denied/record.json", "/provenance" },
	{ "loan-denied/record.json", "/provenance/automation_level" },
	{ "loan-denied/record.json", "/provenance/system" },
	{ "loan-denied/record.json", "/provenance/system/name" },
	{ "loan-denied/record.json", "/provenance/system/version" },
	{ "loan-denied/record.json", "/provenance/system/provider" },
	{ "housing-benefit/record.json", "/provenance/human_review/reviewer_role" },
	{ "housing-benefit/record.json", "/provenance/human_review/reviewed_at" },
	{ "housing-benefit/record.json", "/provenance/human_review/outcome" },
	{ "loan-denied/record.json", "/provenance/impact_assessment/url" },
	{ "loan-denied/record.json", "/provenance/impact_assessment/sha256" },
	{ "loan-denied/record.json", "/provenance/transparency_record/url" },
	{ "loan-denied/record.json", "/provenance/liability_chain" },
	{ "loan-denied/record.json", "/provenance/liability_chain/0/role" },
	{ "loan-denied/record.json", "/provenance/liability_chain/0/name" },
	{ "loan-denied/record.json", "/provenance/liability_chain/0/contact" },
	{ "loan-denied/record.json", "/provenance/data_sources" },
	{ "loan-denied/record.json", "/provenance/data_sources/0/id" },
	{ "loan-denied/record.json", "/provenance/data_sources/0/name" },
	{ "loan-denied/record.json", "/provenance/data_sources/0/kind" },
	{ "loan-denied/record.json", "/provenance/ai_text" },
	{ "loan-denied/record.json", "/provenance/ai_text/letter_ai_generated" },
	{ "loan-denied/record.json", "/provenance/ai_text/watermark/scheme" },
	{ "loan-denied/record.json", "/provenance/ai_text/watermark/key_id" },
	{ "loan-denied/record.json", "/provenance/ai_text/watermark/key" },
	{ "loan-denied/record.json", "/provenance/ai_text/watermark/G" },
	{ "loan-denied/record.json", "/provenance/ai_text/watermark/alpha" },
	{ "loan-denied/record.json", "/provenance/ai_text/watermark/T_min" },
	{ "loan-denied/record.json", "/legal_basis" },
	{ "loan-denied/record.json", "/legal_basis/0/instrument" },
	{ "loan-denied/record.json", "/legal_basis/0/provision" },
	{ "loan-denied/record.json", "/legal_basis/0/text" },
	{ "loan-denied/record.json", "/rights" },
	{ "loan-denied/record.json", "/rights/0/code" },
	{ "loan-denied/record.json", "/rights/0/instrument" },
	{ "loan-denied/record.json", "/rights/0/provision" },
	{ "loan-denied/record.json", "/rights/0/text" },
	{ "loan-denied/record.json", "/contest" },
	{ "loan-denied/record.json", "/contest/endpoint" },
	{ "loan-denied/record.json", "/contest/deadline" },
	{ "loan-denied/record.json", "/contest/grounds" },
	{ "loan-denied/record.json", "/contest/grounds/0/code" },
	{ "loan-denied/record.json", "/contest/grounds/0/text" },
	{ "loan-denied/record.json", "/contest/remedies" },
	{ "loan-denied/record.json", "/contest/remedies/0/code" },
	{ "loan-denied/record.json", "/contest/remedies/0/text" },
	{ "loan-denied/record.json", "/contest/limits" },
	{ "loan-denied/record.json", "/contest/limits/statement_max_chars" },
	{ "loan-denied/record.json", "/contest/limits/corrections_max" },
	{ "loan-denied/record.json", "/contest/languages" },
};

/* "explanation.factors[0]" from the parent part of "/explanation/factors/0/x". */
static void
parent_path(const char *ptr, char *out, size_t outsz)
{
	char	 buf[256], *tok, *save = NULL, *p;
	size_t	 len = 0;

	snprintf(buf, sizeof buf, "%s", ptr);
	if ((p = strrchr(buf, '/')) != NULL)
		*p = '\0';
	out[0] = '\0';
	for (tok = strtok_r(buf, "/", &save); tok != NULL;
	    tok = strtok_r(NULL, "/", &save)) {
		if (tok[0] >= '0' && tok[0] <= '9')
			len += (size_t)snprintf(out + len, outsz - len, "[%s]", tok);
		else
			len += (size_t)snprintf(out + len, outsz - len, "%s%s",
			    len ? "." : "", tok);
	}
	if (len == 0)
		snprintf(out, outsz, "record");
}

START_TEST(test_required_members)
{
	json_t	*j, *parent;
	char	 last[64], path[256], want[400];

	j = load(required[_i].file);
	ck_assert_ptr_nonnull(at(j, required[_i].ptr, &parent, last, sizeof last));
	ck_assert(json_is_object(parent));
	ck_assert_int_eq(json_object_del(parent, last), 0);
	parent_path(required[_i].ptr, path, sizeof path);
	snprintf(want, sizeof want, "%s: required member \"%s\" is missing", path, last);
	refused(j, required[_i].ptr, want);
	json_decref(j);
}
END_TEST

/* Values of the wrong type, out of range or of the wrong form. */
static const struct {
	const char	*file;
	const char	*ptr;
	const char	*json;		/* the value put there */
	const char	*want;		/* start of err.detail */
} wrong[] = {
	{ "loan-denied/record.json", "/version", "\"1\"", "version: must be an integer" },
	{ "loan-denied/record.json", "/version", "0", "version: must be from 1 to 1000" },
	{ "loan-denied/record.json", "/recourse", "\"2\"", "recourse: protocol version \"2\"" },
	{ "loan-denied/record.json", "/languages", "\"en\"", "languages: must be an array" },
	{ "loan-denied/record.json", "/languages", "[\"en\",\"en\"]", "languages[1]: repeats \"en\"" },
	{ "loan-denied/record.json", "/languages", "[\"en\",\"cy\",\"fr\"]",
	  "outcome.summary: has no text in \"fr\"" },
	{ "loan-denied/record.json", "/issuer", "\"http://decisions.example\"", "issuer: must be an https origin" },
	{ "loan-denied/record.json", "/issued_at", "\"2026-11-20 09:14:09\"", "issued_at: must be an RFC 3339 UTC time" },
	{ "loan-denied/record.json", "/issued_at", "\"2026-02-30T09:14:09Z\"", "issued_at: must be an RFC 3339 UTC time" },
	{ "loan-denied/record.json", "/id", "\"LN 2026\"", "id: must be an identifier" },
	{ "loan-denied/record.json", "/supersedes", "\"LN-2026-004217-r0\"", "supersedes: a record of version 1 supersedes nothing" },
	{ "loan-denied/record.json", "/domain", "\"banking\"", "domain: \"banking\" is not one of the values allowed" },
	{ "loan-denied/record.json", "/outcome/adverse", "\"yes\"", "outcome.adverse: must be true or false" },
	{ "loan-denied/record.json", "/outcome/summary", "\"declined\"", "outcome.summary: must be an object of texts by language" },
	{ "loan-denied/record.json", "/outcome/summary", "{\"en\":\"declined\"}", "outcome.summary: has no text in \"cy\"" },
	{ "loan-denied/record.json", "/outcome/summary/cy", "\"\"", "outcome.summary.cy: must not be empty" },
	{ "loan-denied/record.json", "/explanation/factors/0/value", "{\"v\":46}",
	  "explanation.factors[0].value: must be a number, a string or a boolean" },
	{ "loan-denied/record.json", "/explanation/factors/1/id", "\"debt_to_income\"",
	  "explanation.factors[1]: repeats the factor id \"debt_to_income\"" },
	{ "loan-denied/record.json", "/explanation/factors/0/source", "\"bank_statements\"",
	  "explanation.factors[0].source: names no entry of provenance.data_sources" },
	{ "loan-denied/record.json", "/explanation/factors/0/feasible_range", "{\"min\":50,\"max\":10}",
	  "explanation.factors[0].feasible_range: min is above max" },
	{ "loan-denied/record.json", "/explanation/principal_reasons/0/factors/0", "\"income\"",
	  "explanation.principal_reasons[0].factors[0]: names no factor of the record" },
	{ "loan-denied/record.json", "/explanation/principal_reasons/0/code", "\"Excessive obligations\"",
	  "explanation.principal_reasons[0].code: must be a code word" },
	{ "loan-denied/record.json", "/explanation/method/scorecard/threshold", "\"520\"",
	  "explanation.method.scorecard.threshold: must be a number" },
	{ "loan-denied/record.json", "/explanation/method/scorecard/rows/1/factor", "\"debt_to_income\"",
	  "explanation.method.scorecard.rows[1]: a second row for factor \"debt_to_income\"" },
	{ "loan-denied/record.json", "/explanation/method/scorecard/rows/0/bins/1/max", "20",
	  "explanation.method.scorecard.rows[0].bins[1]: min must be below max" },
	{ "loan-denied/record.json", "/explanation/method/type", "\"rules\"",
	  "explanation.method: required member \"rules\" is missing" },
	{ "loan-denied/record.json", "/explanation/counterfactuals/0/changes/0/factor", "\"age\"",
	  "explanation.counterfactuals[0].changes[0].factor: names no factor of the record" },
	{ "loan-denied/record.json", "/explanation/letter/format", "\"pdf\"",
	  "explanation.letter.format: \"pdf\" is not one of the values allowed" },
	{ "loan-denied/record.json", "/provenance/automation_level", "\"mostly_automated\"",
	  "provenance.automation_level: \"mostly_automated\" is not one of the values allowed" },
	{ "loan-denied/record.json", "/provenance/system/model_digest", "\"76BA8D43\"",
	  "provenance.system.model_digest: must be 64 lowercase hexadecimal digits" },
	{ "loan-denied/record.json", "/provenance/system/attestation", "\"not.a jws\"",
	  "provenance.system.attestation: must be a compact or flattened JWS" },
	{ "loan-denied/record.json", "/provenance/ai_text/watermark/G", "70000",
	  "provenance.ai_text.watermark.G: must be from 1 to 65535" },
	{ "loan-denied/record.json", "/provenance/ai_text/watermark/alpha", "1",
	  "provenance.ai_text.watermark.alpha: must be above 0 and below 1" },
	{ "loan-denied/record.json", "/provenance/ai_text/watermark/scheme", "\"WPG-2\"",
	  "provenance.ai_text.watermark.scheme: \"WPG-2\" is not a known watermark scheme" },
	{ "loan-denied/record.json", "/provenance/liability_chain", "[]",
	  "provenance.liability_chain: must have from 1 to 8 items" },
	{ "loan-denied/record.json", "/contest/endpoint", "\"https://elsewhere.example/contests\"",
	  "contest.endpoint: is not on the issuer's origin" },
	{ "loan-denied/record.json", "/contest/endpoint", "\"https://decisions.example.evil/x\"",
	  "contest.endpoint: is not on the issuer's origin" },
	{ "loan-denied/record.json", "/contest/deadline", "\"19 January 2027\"",
	  "contest.deadline: must be a date YYYY-MM-DD" },
	{ "loan-denied/record.json", "/contest/limits/statement_max_chars", "50000",
	  "contest.limits.statement_max_chars: must be from 1 to 20000" },
	{ "loan-denied/record.json", "/contest/grounds/1/code", "\"inaccurate_data\"",
	  "contest.grounds[1]: repeats the code \"inaccurate_data\"" },
	{ "loan-denied/record.json", "/explanation/principal_reasons", "[]",
	  "explanation.principal_reasons: an adverse decision must give at least one reason" },
	{ "credit-limit/record-2.json", "/supersedes", "\"CC-2026-020931-r2\"",
	  "supersedes: a record cannot supersede itself" },
};

START_TEST(test_wrong_values)
{
	json_t		*j, *parent, *v;
	json_error_t	 jerr;
	char		 last[64];

	j = load(wrong[_i].file);
	v = json_loads(wrong[_i].json, JSON_DECODE_ANY, &jerr);
	ck_assert_ptr_nonnull(v);
	at(j, wrong[_i].ptr, &parent, last, sizeof last);
	if (json_is_array(parent))
		ck_assert_int_eq(json_array_set_new(parent, strtoul(last, NULL, 10), v), 0);
	else
		ck_assert_int_eq(json_object_set_new(parent, last, v), 0);
	refused(j, wrong[_i].ptr, wrong[_i].want);
	json_decref(j);
}
END_TEST

START_TEST(test_supersession_rules)
{
	json_t	*j;

	/* A second version that names nothing it replaces. */
	j = load("credit-limit/record-2.json");
	json_object_del(j, "supersedes");
	refused(j, "no supersedes", "record: a record of version 2 must name");
	json_decref(j);
	/* A replacement without its reason. */
	j = load("credit-limit/record-2.json");
	json_object_del(j, "supersedes_reason");
	refused(j, "no reason", "supersedes_reason: must be given exactly when");
	json_decref(j);
	/* Not an object at all. */
	j = json_array();
	refused(j, "array", "record: must be a JSON object");
	json_decref(j);
}
END_TEST

START_TEST(test_unknown_members_ignored)
{
	struct core_record	*r = NULL;
	struct core_err		 err;
	json_t			*j;

	j = load("loan-denied/record.json");
	json_object_set_new(j, "x_internal_ref", json_string("A-17"));
	json_object_set_new(json_object_get(j, "outcome"), "colour", json_string("red"));
	ck_assert_int_eq(core_record_parse(j, &r, &err), CORE_OK);
	core_record_free(&r);
	json_decref(j);
}
END_TEST

START_TEST(test_language_choice)
{
	static const char *const cy[] = { "cy" };
	static const char *const cy_gb[] = { "cy-GB" };
	static const char *const fr_cy[] = { "fr", "cy" };
	static const char *const fr[] = { "fr" };
	static const char *const upper[] = { "CY" };
	struct core_text_item	 two[] = { { "en", "declined" }, { "cy", "gwrthodwyd" } };
	struct core_text_item	 no_en[] = { { "cy", "gwrthodwyd" }, { "de", "abgelehnt" } };
	struct core_text_item	 en_gb[] = { { "cy", "gwrthodwyd" }, { "en-GB", "declined" } };
	struct core_text	 t = { two, 2 }, u = { no_en, 2 }, g = { en_gb, 2 };
	struct core_text	 none = { NULL, 0 };
	struct core_record	*r;
	const char		*lang;

	ck_assert_str_eq(core_text_choose(&t, cy, 1, &lang), "gwrthodwyd");
	ck_assert_str_eq(lang, "cy");
	ck_assert_str_eq(core_text_choose(&t, cy_gb, 1, &lang), "gwrthodwyd");
	ck_assert_str_eq(core_text_choose(&t, upper, 1, NULL), "gwrthodwyd");
	ck_assert_str_eq(core_text_choose(&t, fr_cy, 2, &lang), "gwrthodwyd");
	/* Nothing wanted is there: English. */
	ck_assert_str_eq(core_text_choose(&t, fr, 1, &lang), "declined");
	ck_assert_str_eq(lang, "en");
	ck_assert_str_eq(core_text_choose(&t, NULL, 0, &lang), "declined");
	/* "en" finds a regional English. */
	ck_assert_str_eq(core_text_choose(&g, fr, 1, &lang), "declined");
	ck_assert_str_eq(lang, "en-GB");
	/* No English either: the first the text gives. */
	ck_assert_str_eq(core_text_choose(&u, fr, 1, &lang), "gwrthodwyd");
	ck_assert_str_eq(lang, "cy");
	ck_assert_ptr_null(core_text_choose(&none, cy, 1, &lang));
	ck_assert_ptr_null(lang);

	/* On a real record. */
	r = parse_ok("loan-denied/record.json");
	ck_assert_str_eq(core_text_choose(&r->outcome.summary, cy, 1, NULL),
	    "Mae eich cais am fenthyciad personol o £12,000 dros 48 mis wedi'i wrthod.");
	ck_assert_str_eq(core_text_choose(&r->outcome.summary, fr, 1, NULL),
	    "Your application for a personal loan of £12,000 over 48 months has been declined.");
	core_record_free(&r);
}
END_TEST

START_TEST(test_times)
{
	int64_t	t;

	ck_assert_int_eq(core_record_parse_time("1970-01-01T00:00:00Z", &t), 0);
	ck_assert_int_eq(t, 0);
	ck_assert_int_eq(core_record_parse_time("2026-11-26T10:00:00Z", &t), 0);
	ck_assert_int_eq(t, 1795687200);
	ck_assert_int_eq(core_record_parse_time("2024-02-29T23:59:59.125Z", &t), 0);
	ck_assert_int_eq(core_record_parse_time("2023-02-29T00:00:00Z", &t), -1);
	ck_assert_int_eq(core_record_parse_time("2026-11-26T10:00:00+01:00", &t), -1);
	ck_assert_int_eq(core_record_parse_time("2026-11-26T24:00:00Z", &t), -1);
	ck_assert_int_eq(core_record_parse_date("2027-01-19", &t), 0);
	ck_assert_int_eq(t, 1800316800);
	ck_assert_int_eq(core_record_parse_date("2027-1-19", &t), -1);
}
END_TEST

#ifdef RECOURSE_ALLOCFAIL
/* Each allocation of a parse fails in turn: out of memory, nothing left. */
START_TEST(test_allocation_failures)
{
	struct core_record	*r;
	struct core_err		 err;
	json_t			*j = load("housing-benefit/record.json");
	enum core_code		 rc;
	unsigned long		 n;

	for (n = 1; n < 100000; n++) {
		r = NULL;
		core_alloc_fail_at(n);
		rc = core_record_parse(j, &r, &err);
		if (!core_alloc_failed()) {
			core_alloc_fail_at(0);
			ck_assert_int_eq(rc, CORE_OK);
			core_record_free(&r);
			break;
		}
		core_alloc_fail_at(0);
		ck_assert_int_eq(rc, CORE_E_NOMEM);
		ck_assert_ptr_null(r);
	}
	ck_assert(n > 50);
	json_decref(j);
}
END_TEST
#endif

int
main(void)
{
	Suite	*s = suite_create("record");
	TCase	*tc = tcase_create("record");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_demo_cases_parse);
	tcase_add_loop_test(tc, test_required_members, 0,
	    (int)(sizeof required / sizeof required[0]));
	tcase_add_loop_test(tc, test_wrong_values, 0,
	    (int)(sizeof wrong / sizeof wrong[0]));
	tcase_add_test(tc, test_supersession_rules);
	tcase_add_test(tc, test_unknown_members_ignored);
	tcase_add_test(tc, test_language_choice);
	tcase_add_test(tc, test_times);
#ifdef RECOURSE_ALLOCFAIL
	tcase_add_test(tc, test_allocation_failures);
#endif
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
