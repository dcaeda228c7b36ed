/* terms.c: the id and contest terms of a decision record. */
#include "config.h"

#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/b64.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "core/jws.h"
#include "service/service.h"
#include "service/site.h"
#include "service/terms.h"

/* A new array of the "code" members of the objects in arr. */
static enum core_code
terms_codes(const json_t *arr, const char *what, json_t **out,
    struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	const json_t	*v, *code;
	size_t		 i;

	if ((*out = json_array()) == NULL)
		return CORE_E_NOMEM;
	json_array_foreach(arr, i, v) {
		code = json_object_get(v, "code");
		if (!json_is_string(code)) {
			rc = core_err_set(err, CORE_E_RECORD, CORE_NO_OFFSET,
			    "contest.%s[%zu] has no code", what, i);
			goto out;
		}
		if (json_array_append(*out, (json_t *)code) != 0) {
			rc = CORE_E_NOMEM;
			goto out;
		}
	}
	if (json_array_size(*out) == 0)
		rc = core_err_set(err, CORE_E_RECORD, CORE_NO_OFFSET,
		    "contest.%s is empty", what);
out:
	return rc;
}

/* The contest terms of a record the record parser accepted. */
static enum core_code
terms_extract(const json_t *rec, struct svc_case *c, struct core_err *err)
{
	enum core_code	 rc;
	const json_t	*contest, *limits, *v, *f;
	size_t		 i;

	contest = json_object_get(rec, "contest");
	limits = json_object_get(contest, "limits");
	v = json_object_get(rec, "id");
	if (!json_is_string(v) || !json_is_object(contest)) {
		rc = core_err_set(err, CORE_E_RECORD, CORE_NO_OFFSET,
		    "the record has no id or no contest terms");
		goto out;
	}
	if ((c->decision_id = core_strdup(json_string_value(v))) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if ((rc = terms_codes(json_object_get(contest, "grounds"), "grounds",
	    &c->grounds, err)) != CORE_OK ||
	    (rc = terms_codes(json_object_get(contest, "remedies"), "remedies",
	    &c->remedies, err)) != CORE_OK)
		goto out;
	v = json_object_get(contest, "languages");
	if (!json_is_array(v) || json_array_size(v) == 0) {
		rc = core_err_set(err, CORE_E_RECORD, CORE_NO_OFFSET,
		    "contest.languages is missing");
		goto out;
	}
	c->languages = json_incref((json_t *)v);
	v = json_object_get(limits, "statement_max_chars");
	f = json_object_get(limits, "corrections_max");
	if (!json_is_integer(v) || json_integer_value(v) < 1 ||
	    !json_is_integer(f) || json_integer_value(f) < 0) {
		rc = core_err_set(err, CORE_E_RECORD, CORE_NO_OFFSET,
		    "contest.limits is missing or out of range");
		goto out;
	}
	c->statement_max = (size_t)json_integer_value(v);
	c->corrections_max = (size_t)json_integer_value(f);
	v = json_object_get(contest, "endpoint");
	if (json_is_string(v) && (c->contest_path = core_strdup(json_string_value(v))) ==
	    NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	c->answer_days = SVC_ANSWER_DAYS;
	v = json_object_get(contest, "answer_within_days");
	if (json_is_integer(v) && json_integer_value(v) > 0 &&
	    json_integer_value(v) <= 366)
		c->answer_days = (unsigned)json_integer_value(v);
	if ((c->factors = json_array()) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	json_array_foreach(json_object_get(json_object_get(rec, "explanation"),
	    "factors"), i, f) {
		v = json_object_get(f, "id");
		if (json_is_string(v) && json_array_append(c->factors,
		    (json_t *)v) != 0) {
			rc = CORE_E_NOMEM;
			goto out;
		}
	}
out:
	return rc;
}

enum core_code
svc_terms_from_record(const unsigned char *payload, size_t len,
    struct svc_case *c, struct core_err *err)
{
	enum core_code	 rc;
	json_t		*rec = NULL;

	if ((rc = core_json_parse(payload, len, NULL, &rec, err)) != CORE_OK)
		goto out;
	rc = terms_extract(rec, c, err);
out:
	json_decref(rec);
	return rc;
}

enum core_code
svc_jws_payload(const void *jws, size_t len, struct core_jws_result *res,
    struct core_err *err)
{
	enum core_code	 rc;
	struct core_buf	 b;
	const json_t	*p;
	json_t		*doc = NULL;

	core_buf_init(&b, SVC_MAX_DOC);
	if ((rc = core_json_parse(jws, len, NULL, &doc, err)) != CORE_OK)
		goto out;
	p = json_object_get(doc, "payload");
	if (!json_is_string(p)) {
		rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
		    "not a flattened JWS");
		goto out;
	}
	if ((rc = core_b64url_decode(json_string_value(p), json_string_length(p),
	    &b, err)) != CORE_OK)
		goto out;
	if ((rc = core_buf_add(&b, "", 0)) != CORE_OK)
		goto out;
	res->payload = core_buf_take(&b, &res->payload_len);
out:
	json_decref(doc);
	core_buf_free(&b);
	return rc;
}
