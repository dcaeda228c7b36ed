/* terms.c: the id and contest terms of a decision record. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/b64.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/record.h"
#include "service/service.h"
#include "service/site.h"
#include "service/terms.h"

/* A new array of the codes of a list of choices. */
static enum core_code
terms_codes(const struct core_rec_choice *ch, size_t n, json_t **out)
{
	size_t	i;

	if ((*out = json_array()) == NULL)
		return CORE_E_NOMEM;
	for (i = 0; i < n; i++)
		if (json_array_append_new(*out, json_string(ch[i].code)) != 0)
			return CORE_E_NOMEM;
	return CORE_OK;
}

/* A new array of n strings. */
static enum core_code
terms_strings(const char *const *s, size_t n, json_t **out)
{
	size_t	i;

	if ((*out = json_array()) == NULL)
		return CORE_E_NOMEM;
	for (i = 0; i < n; i++)
		if (json_array_append_new(*out, json_string(s[i])) != 0)
			return CORE_E_NOMEM;
	return CORE_OK;
}

enum core_code
svc_terms_from_record(const unsigned char *payload, size_t len,
    struct svc_case *c, struct core_err *err)
{
	enum core_code		 rc;
	const struct core_rec_contest *ct;
	struct core_record	*rec = NULL;
	json_t			*doc = NULL;
	size_t			 i;

	if ((rc = core_json_parse(payload, len, NULL, &doc, err)) != CORE_OK ||
	    (rc = core_record_parse(doc, &rec, err)) != CORE_OK)
		goto out;
	ct = &rec->contest;
	if (ct->deadline.text != NULL)
		snprintf(c->deadline, sizeof c->deadline, "%s", ct->deadline.text);
	if ((c->decision_id = core_strdup(rec->id)) == NULL ||
	    (rec->supersedes != NULL &&
	    (c->supersedes = core_strdup(rec->supersedes)) == NULL) ||
	    (ct->endpoint != NULL &&
	    (c->contest_path = core_strdup(ct->endpoint)) == NULL)) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if ((rc = terms_codes(ct->grounds, ct->ngrounds, &c->grounds)) != CORE_OK ||
	    (rc = terms_codes(ct->remedies, ct->nremedies, &c->remedies)) != CORE_OK ||
	    (rc = terms_strings(ct->languages, ct->nlanguages,
	    &c->languages)) != CORE_OK || (c->factors = json_array()) == NULL) {
		rc = rc != CORE_OK ? rc : CORE_E_NOMEM;
		goto out;
	}
	for (i = 0; i < rec->explanation.nfactors; i++)
		if (json_array_append_new(c->factors,
		    json_string(rec->explanation.factors[i].id)) != 0) {
			rc = CORE_E_NOMEM;
			goto out;
		}
	c->statement_max = ct->statement_max_chars;
	c->corrections_max = ct->corrections_max;
	c->answer_days = ct->answer_within_days > 0 ? ct->answer_within_days :
	    SVC_ANSWER_DAYS;
out:
	core_record_free(&rec);
	json_decref(doc);
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
