/*
 * record.h: the recourse/1 decision record as a C model.
 *
 * core_record_parse() reads the payload of a verified decision JWS (typ
 * recourse-decision+json), as a json_t from the strict parser, into a struct
 * core_record.  It refuses, with CORE_E_RECORD and the path of the field in
 * err.detail ("explanation.factors[2].value: must be a number, a string or a
 * boolean"), any record that breaks recourse-protocol(7): a required member
 * missing, a member of the wrong type, a value out of range or not of the
 * form the protocol gives it, a text not given in every language the record
 * lists, a reference to a factor or data source that the record does not
 * define, an adverse decision without a reason, a contest endpoint on
 * another origin than the issuer.  Members the
 * protocol does not define are ignored.  What the parser does not judge is
 * whether the record is consistent with itself (the label against the
 * letter, the scorecard against the score, the counterfactuals against the
 * method): those checks work on this model.
 *
 * Everything the record holds is kept, in its order: the interface draws
 * from this model alone.  Strings are NUL-terminated UTF-8 exactly as the
 * service sent them; they are untrusted and must pass the display
 * sanitiser before they reach a terminal.  The record owns all its memory;
 * core_record_free() releases it.  Pointers into a record stay valid until
 * then.  An optional string member that is absent is NULL; an optional
 * array that is absent has a count of 0; an optional object that is absent
 * has its "present" flag clear.
 */
#ifndef RECOURSE_CORE_RECORD_H
#define RECOURSE_CORE_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/error.h"

/* Ceilings of recourse/1 (recourse-protocol(7), LIMITS); characters are
 * Unicode code points. */
#define CORE_REC_MAX_LANGUAGES		16
#define CORE_REC_MAX_TEXT		65536	/* one language of a text */
#define CORE_REC_MAX_LETTER		262144	/* one language of a letter */
#define CORE_REC_MAX_NAME		200	/* names, instruments, provisions */
#define CORE_REC_MAX_CONTACT		400
#define CORE_REC_MAX_VALUE		256	/* a string value of a factor */
#define CORE_REC_MAX_URL		2048
#define CORE_REC_MAX_REASONS		16
#define CORE_REC_MAX_FACTORS		256
#define CORE_REC_MAX_BINS		64
#define CORE_REC_MAX_RULES		256
#define CORE_REC_MAX_COUNTERFACTUALS	32
#define CORE_REC_MAX_CHANGES		8
#define CORE_REC_MAX_PARTIES		8
#define CORE_REC_MAX_SOURCES		32
#define CORE_REC_MAX_LEGAL		16
#define CORE_REC_MAX_GROUNDS		32
#define CORE_REC_MAX_REMEDIES		16
#define CORE_REC_MAX_STATEMENT		20000	/* contest.limits.statement_max_chars */
#define CORE_REC_MAX_CORRECTIONS	50	/* contest.limits.corrections_max */
#define CORE_REC_MAX_VERSION		1000

/* "No such index", for references that are absent. */
#define CORE_REC_NONE	((size_t)-1)

/* A text in several languages: {"en": "...", "cy": "..."}, items in the
 * order of the record.  n is 0 when an optional text is absent. */
struct core_text_item {
	const char	*lang;		/* BCP 47 tag: "en", "cy", "en-GB" */
	const char	*text;
};
struct core_text {
	struct core_text_item	*items;
	size_t			 n;
};

/* A time (RFC 3339 UTC) or a date (YYYY-MM-DD): text as sent (NULL when an
 * optional one is absent) and seconds since 1970-01-01T00:00:00Z (a date is
 * its midnight UTC). */
struct core_rec_time {
	const char	*text;
	int64_t		 epoch;
};

/* A value of a factor, a bin or a counterfactual change. */
enum core_rec_value_type {
	CORE_REC_VALUE_NUMBER = 1,
	CORE_REC_VALUE_STRING,
	CORE_REC_VALUE_BOOL
};
struct core_rec_value {
	enum core_rec_value_type type;
	double		 num;		/* NUMBER */
	int		 is_integer;	/* NUMBER written without fraction or exponent */
	const char	*str;		/* STRING */
	int		 boolean;	/* BOOL: 0 or 1 */
};

enum core_rec_domain {
	CORE_REC_DOMAIN_CREDIT = 1,
	CORE_REC_DOMAIN_INSURANCE,
	CORE_REC_DOMAIN_HOUSING,
	CORE_REC_DOMAIN_EMPLOYMENT,
	CORE_REC_DOMAIN_SOCIAL_SECURITY,
	CORE_REC_DOMAIN_EDUCATION,
	CORE_REC_DOMAIN_HEALTH,
	CORE_REC_DOMAIN_OTHER
};

enum core_rec_outcome_code {
	CORE_REC_OUTCOME_APPROVED = 1,
	CORE_REC_OUTCOME_APPROVED_WITH_CONDITIONS,
	CORE_REC_OUTCOME_DENIED,
	CORE_REC_OUTCOME_REDUCED,
	CORE_REC_OUTCOME_TERMINATED,
	CORE_REC_OUTCOME_TERMS_CHANGED,
	CORE_REC_OUTCOME_OTHER
};

/* outcome.amounts[]: a figure the decision changed. */
struct core_rec_amount {
	struct core_text label;
	int		 has_before;
	double		 before;
	double		 after;
	const char	*unit;		/* "GBP/week" */
};

struct core_rec_outcome {
	enum core_rec_outcome_code code;
	int		 adverse;	/* an adverse action for the person */
	struct core_text summary;
	struct core_rec_time effective_date;	/* optional */
	struct core_rec_amount *amounts;
	size_t		 namounts;
};

/* explanation.principal_reasons[], most important first. */
struct core_rec_reason {
	const char	*code;		/* "excessive_obligations" */
	const char	*scheme;	/* "regb", "fcra", "service", ... */
	struct core_text text;
	const char	**factors;	/* ids of the factors behind the reason */
	size_t		*factor_index;	/* their indices in explanation.factors */
	size_t		 nfactors;
};

enum core_rec_direction {
	CORE_REC_ADVERSE = 1,		/* counted against the person */
	CORE_REC_FAVOURABLE,		/* counted for the person */
	CORE_REC_NEUTRAL		/* did not move the result */
};

/* feasible_range of a factor: numeric bounds, or a list of values. */
enum core_rec_range_kind {
	CORE_REC_RANGE_NONE = 0,	/* absent */
	CORE_REC_RANGE_NUMERIC,
	CORE_REC_RANGE_VALUES
};
struct core_rec_range {
	enum core_rec_range_kind kind;
	int		 has_min, has_max, has_step;
	double		 min, max, step;	/* min <= max; step > 0 */
	struct core_rec_value *values;
	size_t		 nvalues;
};

/* explanation.factors[]: an input of the decision and how much it counted. */
struct core_rec_factor {
	const char	*id;		/* unique in the record */
	struct core_text name;
	struct core_rec_value value;
	const char	*unit;		/* optional: "%", "months", "GBP/year" */
	double		 contribution;	/* in method.unit (see the protocol) */
	enum core_rec_direction direction;
	int		 actionable;	/* the person can change it by acting */
	struct core_rec_range feasible;
	const char	*source;	/* optional id in provenance.data_sources */
	size_t		 source_index;	/* its index there, or CORE_REC_NONE */
	struct core_text description;	/* optional */
};

enum core_rec_method_type {
	CORE_REC_METHOD_SCORECARD = 1,
	CORE_REC_METHOD_RULES,
	CORE_REC_METHOD_MODEL_ATTRIBUTION
};

/* A band of a scorecard row: min <= value < max (either bound may be
 * absent), or one of a list of values; a value in it scores points. */
struct core_rec_bin {
	int		 categorical;	/* values[] rather than min/max */
	int		 has_min, has_max;
	double		 min, max;
	struct core_rec_value *values;
	size_t		 nvalues;
	double		 points;
};
struct core_rec_row {
	const char	*factor;
	size_t		 factor_index;
	struct core_rec_bin *bins;
	size_t		 nbins;
};
/* The score is base_points plus the points of each row's bin; the outcome
 * sought is reached when score >= threshold. */
struct core_rec_scorecard {
	double		 base_points;
	double		 threshold;
	double		 score;		/* as the service states it */
	struct core_rec_row *rows;
	size_t		 nrows;
};

/* method.rules[]: a rule and whether it fired. */
struct core_rec_rule {
	const char	*id;
	struct core_text text;
	int		 fired;
	struct core_text effect;	/* optional */
	int		 has_amount;
	double		 amount;	/* in method.unit */
	const char	**factors;
	size_t		*factor_index;
	size_t		 nfactors;
};

enum core_rec_algorithm {
	CORE_REC_ALG_SHAP = 1,
	CORE_REC_ALG_INTEGRATED_GRADIENTS,
	CORE_REC_ALG_LIME,
	CORE_REC_ALG_OTHER
};
enum core_rec_favourable {
	CORE_REC_FAVOURABLE_UNSTATED = 0,
	CORE_REC_FAVOURABLE_ABOVE,	/* an output above the threshold is favourable */
	CORE_REC_FAVOURABLE_BELOW
};
/* method.attribution: output = baseline + the factors' contributions. */
struct core_rec_attribution {
	enum core_rec_algorithm algorithm;
	struct core_text output_name;
	double		 baseline;
	double		 output;
	int		 has_threshold;
	double		 threshold;
	enum core_rec_favourable favourable;
};

struct core_rec_method {
	enum core_rec_method_type type;
	struct core_text description;
	const char	*unit;		/* unit of contributions, amounts, points */
	struct core_rec_scorecard scorecard;	/* SCORECARD */
	struct core_rec_rule *rules;		/* RULES */
	size_t		 nrules;
	struct core_rec_attribution attribution; /* MODEL_ATTRIBUTION */
};

/* explanation.counterfactuals[]: changes that would have led to outcome. */
struct core_rec_change {
	const char	*factor;
	size_t		 factor_index;
	struct core_rec_value value;
};
struct core_rec_counterfactual {
	struct core_rec_change *changes;
	size_t		 nchanges;
	enum core_rec_outcome_code outcome;
	struct core_text text;
};

enum core_rec_letter_format {
	CORE_REC_LETTER_HTML = 1,	/* restricted HTML */
	CORE_REC_LETTER_TEXT
};
struct core_rec_letter {
	int		 present;
	enum core_rec_letter_format format;
	struct core_text content;
	int		 ai_generated;
};

struct core_rec_explanation {
	struct core_rec_reason *reasons;
	size_t		 nreasons;
	struct core_rec_factor *factors;
	size_t		 nfactors;
	struct core_rec_method method;
	struct core_rec_counterfactual *counterfactuals;
	size_t		 ncounterfactuals;
	struct core_rec_letter letter;
};

enum core_rec_automation {
	CORE_REC_SOLELY_AUTOMATED = 1,
	CORE_REC_AUTOMATED_WITH_HUMAN_REVIEW,
	CORE_REC_HUMAN_WITH_AUTOMATED_SUPPORT,
	CORE_REC_HUMAN
};

enum core_rec_review_outcome {
	CORE_REC_REVIEW_UPHELD = 1,
	CORE_REC_REVIEW_VARIED,
	CORE_REC_REVIEW_OVERTURNED
};
struct core_rec_review {
	int		 present;
	struct core_text reviewer_role;
	struct core_rec_time reviewed_at;
	enum core_rec_review_outcome outcome;
	struct core_text note;		/* optional */
};

struct core_rec_system {
	int		 present;	/* optional only when automation is HUMAN */
	const char	*name;
	const char	*version;
	const char	*provider;	/* the provider's name */
	const char	*provider_id;	/* optional: the provider's https origin */
	const char	*model_digest;	/* optional: 64 lowercase hex digits */
	/* optional: the provider's attestation, a JWS of typ
	 * recourse-attestation+json, compact (a JSON string) or flattened (a
	 * JSON object); a reference the record holds, not verified here. */
	json_t		*attestation;
};

struct core_rec_impact {
	int		 present;
	const char	*url;
	const char	*sha256;	/* 64 lowercase hex digits */
	const char	*kind;		/* optional: "dpia", "fria", ... */
	struct core_rec_time completed;	/* optional date */
};

enum core_rec_role {
	CORE_REC_ROLE_OPERATOR = 1,
	CORE_REC_ROLE_DEPLOYER,
	CORE_REC_ROLE_PROVIDER
};
struct core_rec_party {
	enum core_rec_role role;
	const char	*name;
	const char	*contact;
	const char	*registration;	/* optional */
	int		 has_signed;
	int		 is_signed;	/* "signed": its signature is in the record */
};

enum core_rec_source_kind {
	CORE_REC_SOURCE_APPLICANT = 1,
	CORE_REC_SOURCE_INTERNAL,
	CORE_REC_SOURCE_CREDIT_REFERENCE_AGENCY,
	CORE_REC_SOURCE_PUBLIC_RECORD,
	CORE_REC_SOURCE_EMPLOYER,
	CORE_REC_SOURCE_THIRD_PARTY,
	CORE_REC_SOURCE_OTHER
};
struct core_rec_source {
	const char	*id;
	struct core_text name;
	enum core_rec_source_kind kind;
	const char	*supplier;	/* optional */
	struct core_rec_time retrieved_at; /* optional */
};

/* provenance.ai_text.watermark: WPG-1 detection parameters. */
struct core_rec_watermark {
	int		 present;
	const char	*key_id;
	unsigned char	 key[32];
	unsigned	 G;		/* 1..65535 */
	double		 alpha;		/* 0 < alpha < 1 */
	unsigned	 T_min;
};

/* The provenance label. */
struct core_rec_label {
	enum core_rec_automation automation;
	struct core_rec_review review;
	struct core_rec_system system;
	struct core_rec_impact impact;
	const char	*transparency_url;	/* optional */
	struct core_rec_party *parties;		/* liability chain, in order */
	size_t		 nparties;
	struct core_rec_source *sources;
	size_t		 nsources;
	int		 letter_ai_generated;
	struct core_rec_watermark watermark;
};

/* legal_basis[] (code NULL) and rights[]. */
struct core_rec_legal {
	const char	*code;
	const char	*instrument;
	const char	*provision;
	struct core_text text;
};

/* contest.grounds[] and contest.remedies[]. */
struct core_rec_choice {
	const char	*code;
	struct core_text text;
};

struct core_rec_contest {
	const char	*endpoint;	/* on the issuer's origin */
	struct core_rec_time deadline;	/* a date */
	struct core_rec_choice *grounds;
	size_t		 ngrounds;
	struct core_rec_choice *remedies;
	size_t		 nremedies;
	unsigned	 statement_max_chars;
	unsigned	 corrections_max;
	const char	**languages;
	size_t		 nlanguages;
	unsigned	 answer_within_days;	/* 0 when not stated */
};

struct core_rec_mem;

struct core_record {
	const char	*id;
	const char	*issuer;	/* the service's origin */
	struct core_rec_time issued_at;
	struct core_rec_time decided_at;
	unsigned	 version;	/* 1 for a first record */
	const char	*supersedes;	/* id of the record replaced, or NULL */
	struct core_text supersedes_reason;
	const char	*subject_reference;
	const char	*subject_name;	/* optional */
	enum core_rec_domain domain;
	const char	**languages;	/* every text is given in each */
	size_t		 nlanguages;
	struct core_rec_outcome outcome;
	struct core_rec_explanation explanation;
	struct core_rec_label label;
	struct core_rec_legal *legal_basis;
	size_t		 nlegal_basis;
	struct core_rec_legal *rights;
	size_t		 nrights;
	struct core_rec_contest contest;
	struct core_rec_mem *mem;	/* private: what the record owns */
};

/* Parse a decision payload into *out; on refusal *out is NULL and err names
 * the field.  payload is not changed and may be released afterwards. */
enum core_code	core_record_parse(const json_t *payload, struct core_record **out,
		    struct core_err *err);

/* Release a record and set *r to NULL; NULL and *r == NULL are allowed. */
void		core_record_free(struct core_record **r);

/* The text to show: the first of prefs (nprefs tags, most wanted first)
 * that the text has (exact tag, else same primary language: "cy-GB" finds
 * "cy" and "en" finds "en-GB"), else "en", else the first the text gives.
 * *lang (may be NULL) gets the tag chosen.  NULL only for an absent text. */
const char	*core_text_choose(const struct core_text *t,
		    const char *const *prefs, size_t nprefs, const char **lang);

/* The factor with this id, or NULL. */
const struct core_rec_factor *core_record_factor(const struct core_record *r,
		    const char *id);

/* Protocol names of the enumerations ("denied", "solely_automated", ...). */
const char	*core_record_outcome_name(enum core_rec_outcome_code c);
const char	*core_record_automation_name(enum core_rec_automation a);
const char	*core_record_direction_name(enum core_rec_direction d);
const char	*core_record_method_name(enum core_rec_method_type m);
const char	*core_record_domain_name(enum core_rec_domain d);
const char	*core_record_role_name(enum core_rec_role r);

/* Words for people (untranslated message ids, marked N_(): translate them
 * when shown). */
const char	*core_record_outcome_label(enum core_rec_outcome_code c);
const char	*core_record_automation_label(enum core_rec_automation a);
const char	*core_record_direction_label(enum core_rec_direction d);
const char	*core_record_role_label(enum core_rec_role r);

/* RFC 3339 UTC time "YYYY-MM-DDTHH:MM:SS[.fraction]Z" and date
 * "YYYY-MM-DD" to seconds since the epoch; -1 when malformed. */
int		core_record_parse_time(const char *s, int64_t *epoch);
int		core_record_parse_date(const char *s, int64_t *epoch);

#endif
