/* contest.c: taking a contest, signing its receipt, and answering status. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/intl.h"
#include "core/jcs.h"
#include "core/json.h"
#include "core/jws.h"
#include "service/proto.h"
#include "service/reflimit.h"
#include "service/service.h"
#include "service/site.h"
#include "service/store.h"

/* Ceilings of data/schema/contest.schema.json (lengths in characters). */
#define CONTEST_MAX_GROUNDS	32
#define CONTEST_MAX_REMEDIES	16
#define CONTEST_MAX_VALUE	256
#define CONTEST_MAX_NOTE	2000
#define CONTEST_MAX_ADDRESS	400

void
svc_reply_init(struct svc_reply *r)
{
	memset(r, 0, sizeof *r);
	core_buf_init(&r->body, 2 * SVC_MAX_DOC);
}

void
svc_reply_free(struct svc_reply *r)
{
	core_buf_free(&r->body);
}

void
svc_reply_problem(struct svc_reply *r, unsigned status, const char *slug,
    const char *title, const char *detail)
{
	json_t	*o;
	char	 type[96];

	if (slug != NULL)
		snprintf(type, sizeof type, "%s%s", SVC_PROBLEM_BASE, slug);
	else
		snprintf(type, sizeof type, "about:blank");
	core_buf_reset(&r->body);
	r->status = status;
	r->type = SVC_TYPE_PROBLEM;
	o = json_pack("{s:s, s:s, s:i, s:s}", "type", type, "title", title,
	    "status", (int)status, "detail", detail);
	if (o == NULL || core_jcs_serialize(o, &r->body, NULL) != CORE_OK) {
		/* Out of memory: an answer with no body still says the status. */
		core_buf_reset(&r->body);
	}
	json_decref(o);
}

void
svc_reply_locked(struct svc_reply *r, unsigned wait)
{
	svc_reply_problem(r, 429, "rate-limited", N_("Too many requests"),
	    "Too many access codes were refused for this reference; wait "
	    "and try again.");
	r->retry_after = wait;
}

const char *
svc_bearer(const char *h, size_t *len)
{
	const char	*code;
	size_t		 n;

	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return NULL;
	for (code = h + 7; *code == ' '; code++)
		;
	n = strlen(code);
	while (n > 0 && code[n - 1] == ' ')
		n--;
	if (n == 0 || n > SVC_MAX_CODE)
		return NULL;
	*len = n;
	return code;
}

/* An Idempotency-Key: 16 to 128 visible ASCII characters. */
static int
contest_key_ok(const char *k)
{
	size_t	i, n;

	if (k == NULL || (n = strlen(k)) < SVC_MIN_IDEM_KEY || n > SVC_MAX_IDEM_KEY)
		return 0;
	for (i = 0; i < n; i++)
		if (k[i] < 0x21 || k[i] > 0x7e)
			return 0;
	return 1;
}

/* Is Content-Type application/json, with parameters or none? */
static int
contest_type_ok(const char *t)
{
	size_t	n = strlen("application/json");

	if (t == NULL || strncasecmp(t, "application/json", n) != 0)
		return 0;
	return t[n] == '\0' || t[n] == ';' || t[n] == ' ';
}

/* The number of characters (code points) of a string jansson has checked
 * as UTF-8. */
static size_t
contest_chars(const json_t *v)
{
	return svc_utf8_chars(json_string_value(v), json_string_length(v));
}

/* Is the string s in the array of strings arr? */
static int
contest_in(const json_t *arr, const char *s)
{
	const json_t	*v;
	size_t		 i;

	json_array_foreach(arr, i, v)
		if (strcmp(json_string_value(v), s) == 0)
			return 1;
	return 0;
}

/* A list of 1..max distinct strings, each one of allowed. */
static int
contest_choice(const json_t *v, const json_t *allowed, size_t max,
    const char *name, char *why, size_t whysz)
{
	const json_t	*e, *f;
	size_t		 i, j;

	if (!json_is_array(v) || json_array_size(v) == 0 ||
	    json_array_size(v) > max) {
		snprintf(why, whysz, "%s must list 1 to %zu choices", name, max);
		return 0;
	}
	json_array_foreach(v, i, e) {
		if (!json_is_string(e) || !contest_in(allowed, json_string_value(e))) {
			snprintf(why, whysz, "%s[%zu] is not one this decision "
			    "accepts", name, i);
			return 0;
		}
		for (j = 0; j < i; j++) {
			f = json_array_get(v, j);
			if (strcmp(json_string_value(f), json_string_value(e)) == 0) {
				snprintf(why, whysz, "%s[%zu] repeats a choice", name, i);
				return 0;
			}
		}
	}
	return 1;
}

/* Does object o hold only members named in names (and, when ext, members
 * whose names begin with "x_", the protocol's extensions)? */
static int
contest_only(const json_t *o, const char *const *names, int ext,
    const char **bad)
{
	const char		*k;
	const char *const	*n;
	json_t			*v;

	json_object_foreach((json_t *)o, k, v) {
		for (n = names; *n != NULL; n++)
			if (strcmp(*n, k) == 0)
				break;
		if (*n == NULL && !(ext && strncmp(k, "x_", 2) == 0)) {
			*bad = k;
			return 0;
		}
	}
	return 1;
}

/* One correction: factor, claimed_value, optional note. */
static int
contest_correction(const json_t *c, size_t i, const struct svc_case *cs,
    char *why, size_t whysz)
{
	static const char *const names[] = { "factor", "claimed_value", "note", NULL };
	const json_t	*factor, *value, *note;
	const char	*bad;

	factor = json_object_get(c, "factor");
	value = json_object_get(c, "claimed_value");
	note = json_object_get(c, "note");
	if (!json_is_object(c) || !contest_only(c, names, 0, &bad)) {
		snprintf(why, whysz, "corrections[%zu] must hold only factor, "
		    "claimed_value and note", i);
		return 0;
	}
	if (!json_is_string(factor) || (json_array_size(cs->factors) > 0 &&
	    !contest_in(cs->factors, json_string_value(factor)))) {
		snprintf(why, whysz, "corrections[%zu].factor is not a factor of "
		    "this decision", i);
		return 0;
	}
	if (value == NULL || json_is_object(value) || json_is_array(value) ||
	    json_is_null(value) || (json_is_string(value) &&
	    contest_chars(value) > CONTEST_MAX_VALUE)) {
		snprintf(why, whysz, "corrections[%zu].claimed_value must be a "
		    "number, true/false or text of at most %d characters", i,
		    CONTEST_MAX_VALUE);
		return 0;
	}
	if (note != NULL && (!json_is_string(note) ||
	    contest_chars(note) > CONTEST_MAX_NOTE)) {
		snprintf(why, whysz, "corrections[%zu].note must be text of at "
		    "most %d characters", i, CONTEST_MAX_NOTE);
		return 0;
	}
	return 1;
}

/* Check a contest body against the protocol and the decision's terms; why
 * gets the reason when it fails. */
static int
contest_valid(const json_t *b, const struct svc_case *cs, char *why, size_t whysz,
    const char **slug)
{
	static const char *const names[] = { "recourse", "decision_id",
	    "decision_sha256", "grounds", "statement", "corrections", "remedies",
	    "contact", "language", NULL };
	static const char *const cnames[] = { "preference", "address", NULL };
	const json_t	*v, *c, *pref, *addr;
	const char	*bad;
	size_t		 i;

	if (!contest_only(b, names, 1, &bad)) {
		snprintf(why, whysz, "unknown member \"%.40s\"", bad);
		return 0;
	}
	v = json_object_get(b, "recourse");
	if (!json_is_string(v) || strcmp(json_string_value(v), "1") != 0) {
		snprintf(why, whysz, "recourse must be \"1\"");
		return 0;
	}
	v = json_object_get(b, "decision_sha256");
	if (!json_is_string(v) ||
	    strcmp(json_string_value(v), cs->payload_sha256) != 0) {
		snprintf(why, whysz, "decision_sha256 is not the SHA-256 of the "
		    "decision this service serves");
		*slug = "decision-mismatch";
		return 0;
	}
	if (!contest_choice(json_object_get(b, "grounds"), cs->grounds,
	    CONTEST_MAX_GROUNDS, "grounds", why, whysz) ||
	    !contest_choice(json_object_get(b, "remedies"), cs->remedies,
	    CONTEST_MAX_REMEDIES, "remedies", why, whysz))
		return 0;
	v = json_object_get(b, "statement");
	if (!json_is_string(v) || contest_chars(v) > cs->statement_max) {
		snprintf(why, whysz, "statement must be text of at most %zu "
		    "characters", cs->statement_max);
		return 0;
	}
	v = json_object_get(b, "corrections");
	if (!json_is_array(v) || json_array_size(v) > cs->corrections_max) {
		snprintf(why, whysz, "corrections must be a list of at most %zu",
		    cs->corrections_max);
		return 0;
	}
	json_array_foreach(v, i, c)
		if (!contest_correction(c, i, cs, why, whysz))
			return 0;
	c = json_object_get(b, "contact");
	pref = json_object_get(c, "preference");
	addr = json_object_get(c, "address");
	if (!json_is_object(c) || !contest_only(c, cnames, 0, &bad) ||
	    !json_is_string(pref) || !json_is_string(addr) ||
	    json_string_length(addr) == 0 ||
	    contest_chars(addr) > CONTEST_MAX_ADDRESS ||
	    (strcmp(json_string_value(pref), "email") != 0 &&
	    strcmp(json_string_value(pref), "post") != 0 &&
	    strcmp(json_string_value(pref), "phone") != 0)) {
		snprintf(why, whysz, "contact must be {\"preference\": email, post "
		    "or phone, \"address\": text}");
		return 0;
	}
	v = json_object_get(b, "language");
	if (!json_is_string(v) || !contest_in(cs->languages, json_string_value(v))) {
		snprintf(why, whysz, "language is not one this decision accepts");
		return 0;
	}
	return 1;
}

/* Sign doc (canonical JSON) as typ with the site's key into out. */
static enum core_code
contest_sign(const struct svc_site *site, const json_t *doc, const char *typ,
    struct core_buf *out, struct core_err *err)
{
	enum core_code	rc;
	struct core_buf	payload;

	core_buf_init(&payload, SVC_MAX_DOC);
	if ((rc = core_jcs_serialize(doc, &payload, err)) == CORE_OK)
		rc = core_jws_sign(payload.data, payload.len, typ, site->key,
		    site->kid, out, err);
	/* The protocol's limit for a receipt and a status. */
	if (rc == CORE_OK && out->len > SVC_MAX_BUILT)
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "the signed %s is %zu bytes, over the protocol's limit of %u",
		    typ, out->len, SVC_MAX_BUILT);
	core_buf_free(&payload);
	return rc;
}

/* A new contest with its signed receipt. */
static enum core_code
contest_make(const struct svc_proto *p, const struct svc_case *cs,
    const struct svc_request *rq, const char *body_sha256,
    struct svc_contest **out, struct core_err *err)
{
	enum core_code		 rc;
	struct svc_contest	*c;
	char			 rid[40], hex[33], status_url[1024];
	time_t			 now = time(NULL);
	json_t			*receipt = NULL;

	*out = NULL;
	if ((c = core_calloc(1, sizeof *c)) == NULL)
		return CORE_E_NOMEM;
	core_buf_init(&c->body, SVC_MAX_DOC);
	core_buf_init(&c->receipt, SVC_MAX_DOC);
	if ((rc = svc_random_hex(16, hex)) != CORE_OK)
		goto out;
	snprintf(c->contest_id, sizeof c->contest_id, "C-%s", hex);
	if ((rc = svc_random_hex(16, hex)) != CORE_OK)
		goto out;
	snprintf(rid, sizeof rid, "R-%s", hex);
	memcpy(c->body_sha256, body_sha256, sizeof c->body_sha256);
	svc_time_rfc3339(now, c->received_at);
	svc_time_date(now + (time_t)cs->answer_days * 86400, c->answer_due);
	snprintf(status_url, sizeof status_url, "%s/status/%s",
	    p->site->service_id, c->contest_id);
	c->reference = core_strdup(cs->reference);
	c->decision_id = core_strdup(cs->decision_id);
	c->idem_key = core_strdup(rq->idempotency_key);
	c->status = core_strdup("received");
	c->history = json_pack("[{s:s, s:s, s:s}]", "at", c->received_at,
	    "status", "received", "note", "The contest was received.");
	receipt = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "receipt_id", rid, "service_id", p->site->service_id,
	    "decision_id", cs->decision_id, "contest_id", c->contest_id,
	    "idempotency_key", rq->idempotency_key, "body_sha256", body_sha256,
	    "received_at", c->received_at, "answer_due", c->answer_due,
	    "status_url", status_url);
	if (c->reference == NULL || c->decision_id == NULL || c->idem_key == NULL ||
	    c->status == NULL || c->history == NULL || receipt == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if ((rc = core_buf_add(&c->body, rq->body, rq->body_len)) != CORE_OK)
		goto out;
	if ((rc = contest_sign(p->site, receipt, CORE_TYP_RECEIPT, &c->receipt,
	    err)) != CORE_OK)
		goto out;
	*out = c;
	c = NULL;
out:
	json_decref(receipt);
	svc_contest_free(&c);
	return rc;
}

/* The answer for a key already used: the same receipt, or a conflict. */
static void
contest_replay(const struct svc_contest *c, const char *body_sha256,
    struct svc_reply *r)
{
	if (strcmp(c->body_sha256, body_sha256) != 0) {
		svc_reply_problem(r, 409, "idempotency-conflict",
		    N_("Idempotency key already used"),
		    "This Idempotency-Key was used for a contest with another body; "
		    "use a new key for a new contest.");
		return;
	}
	core_buf_reset(&r->body);
	if (core_buf_add(&r->body, c->receipt.data, c->receipt.len) != CORE_OK) {
		svc_reply_problem(r, 500, NULL, N_("Internal error"),
		    "The receipt could not be sent; try again.");
		return;
	}
	r->status = 201;
	r->type = SVC_TYPE_JOSE;
}

void
svc_contest_post(const struct svc_proto *p, const struct svc_request *rq,
    struct svc_reply *r)
{
	struct core_json_limits	 lim;
	const struct svc_case	*cs;
	const struct svc_contest *old;
	struct svc_contest	*c = NULL;
	struct core_err		 err;
	const json_t		*did;
	const char		*code, *slug, *key;
	json_t			*b = NULL;
	char			 sha[CORE_SHA256_HEX_LEN + 1], why[512], today[11];
	size_t			 codelen = 0;
	unsigned		 wait;
	int			 reserved = 0;

	core_err_clear(&err);
	if (!contest_key_ok(rq->idempotency_key)) {
		svc_reply_problem(r, 400, "bad-request",
		    N_("Idempotency-Key missing or malformed"),
		    "A contest needs an Idempotency-Key header of 16 to 128 visible "
		    "ASCII characters.");
		goto out;
	}
	if (!contest_type_ok(rq->content_type)) {
		svc_reply_problem(r, 415, NULL, N_("Unsupported media type"),
		    "A contest is sent as application/json.");
		goto out;
	}
	if ((code = svc_bearer(rq->authorization, &codelen)) == NULL) {
		svc_reply_problem(r, 401, "unauthorized", N_("Access code needed"),
		    "Send the access code from the letter as Authorization: Bearer.");
		r->challenge = 1;
		goto out;
	}
	core_json_limits_default(&lim);
	lim.max_doc = rq->body_len;
	lim.max_depth = 8;
	if (core_json_parse(rq->body, rq->body_len, &lim, &b, &err) != CORE_OK ||
	    !json_is_object(b)) {
		snprintf(why, sizeof why, "The body is not a strict JSON object (%s%s%.200s).",
		    core_strerror(err.code), err.detail[0] != '\0' ? ": " : "",
		    err.detail);
		svc_reply_problem(r, 400, "bad-request", N_("Malformed contest"), why);
		goto out;
	}
	did = json_object_get(b, "decision_id");
	/* The case whose record this is, or whose record replaced it. */
	cs = json_is_string(did) ? svc_site_case_by_id(p->site,
	    json_string_value(did)) : NULL;
	/* Refused codes count towards the reference's limit here as they do
	 * on GET /decisions; an id no case has counts under its own name, so
	 * the answers do not tell which ids exist. */
	key = cs != NULL ? cs->reference :
	    json_is_string(did) ? json_string_value(did) : "";
	if ((wait = svc_reflimit_check(p->refl, key)) > 0) {
		svc_reply_locked(r, wait);
		goto out;
	}
	if (!svc_case_code_ok(cs, code, codelen)) {
		svc_reflimit_fail(p->refl, key);
		svc_reply_problem(r, 401, "unauthorized", N_("Access code refused"),
		    "The access code does not open the decision this contest names.");
		r->challenge = 1;
		goto out;
	}
	if (core_sha256_hex(rq->body, rq->body_len, sha) != CORE_OK)
		goto fail;
	if ((old = svc_store_by_key(p->store, cs->reference,
	    rq->idempotency_key)) != NULL) {
		contest_replay(old, sha, r);
		goto out;
	}
	if (strcmp(cs->decision_id, json_string_value(did)) != 0) {
		svc_reply_problem(r, 409, "superseded", N_("Decision replaced"),
		    "The decision contested has been replaced by a newer record; "
		    "fetch it and contest that one.");
		goto out;
	}
	svc_time_date(time(NULL), today);
	if (cs->deadline[0] != '\0' && strcmp(today, cs->deadline) > 0) {
		svc_reply_problem(r, 422, "deadline-passed", N_("Deadline passed"),
		    "The deadline for contesting this decision has passed.");
		goto out;
	}
	slug = "invalid-contest";
	if (!contest_valid(b, cs, why, sizeof why, &slug)) {
		svc_reply_problem(r, 422, slug, N_("Contest not accepted"), why);
		goto out;
	}
	/* Another request with the same key may have won the race. */
	if (svc_store_reserve(p->store, cs->reference, rq->idempotency_key,
	    &old) != CORE_OK) {
		svc_reply_problem(r, 503, NULL, N_("Contest not stored"),
		    "The service holds too many contests to take more now.");
		r->retry_after = 60;
		goto out;
	}
	if (old != NULL) {
		contest_replay(old, sha, r);
		goto out;
	}
	reserved = 1;
	if (contest_make(p, cs, rq, sha, &c, &err) != CORE_OK)
		goto fail;
	core_buf_reset(&r->body);
	if (core_buf_add(&r->body, c->receipt.data, c->receipt.len) != CORE_OK)
		goto fail;
	/* Durable before the answer: the store fsyncs file and folder. */
	if (svc_store_add(p->store, c, &err) != CORE_OK) {
		c = NULL;
		svc_warn_core("cannot store a contest", &err);
		svc_reply_problem(r, 503, NULL, N_("Contest not stored"),
		    "The contest could not be stored; nothing was kept. Try again "
		    "later with the same Idempotency-Key.");
		r->retry_after = 30;
		goto out;
	}
	c = NULL;
	r->status = 201;
	r->type = SVC_TYPE_JOSE;
	goto out;
fail:
	svc_reply_problem(r, 500, NULL, N_("Internal error"),
	    "The contest could not be taken; nothing was kept. Try again.");
out:
	if (reserved)
		svc_store_release(p->store, cs->reference, rq->idempotency_key);
	svc_contest_free(&c);
	json_decref(b);
}

void
svc_status_get(const struct svc_proto *p, const struct svc_request *rq,
    const char *contest_id, struct svc_reply *r)
{
	const struct svc_contest *c;
	const struct svc_case	*cs;
	const json_t		*last;
	struct core_err		 err;
	const char		*code, *key;
	json_t			*doc = NULL, *status = NULL, *history = NULL;
	size_t			 codelen = 0;
	unsigned		 wait;

	core_err_clear(&err);
	if ((code = svc_bearer(rq->authorization, &codelen)) == NULL) {
		svc_reply_problem(r, 401, "unauthorized", N_("Access code needed"),
		    "Send the access code from the letter as Authorization: Bearer.");
		r->challenge = 1;
		goto out;
	}
	/* Refused codes count towards the contest's reference, or towards the
	 * id of a contest there is not. */
	c = svc_store_by_id(p->store, contest_id);
	key = c != NULL ? c->reference : contest_id;
	if ((wait = svc_reflimit_check(p->refl, key)) > 0) {
		svc_reply_locked(r, wait);
		goto out;
	}
	if (c == NULL) {
		(void)svc_case_code_ok(NULL, code, codelen);
		svc_reflimit_fail(p->refl, key);
		svc_reply_problem(r, 404, "not-found", N_("No such contest"),
		    "No contest has this id.");
		goto out;
	}
	cs = svc_site_case(p->site, c->reference);
	if (!svc_case_code_ok(cs, code, codelen)) {
		svc_reflimit_fail(p->refl, key);
		svc_reply_problem(r, 401, "unauthorized", N_("Access code refused"),
		    "The access code does not open this contest.");
		r->challenge = 1;
		goto out;
	}
	/* The file, not memory: recourse-service status may have changed it. */
	if (svc_store_status(p->store, c, &status, &history, &err) != CORE_OK) {
		svc_warn_core("cannot read a contest's status", &err);
		status = json_string(c->status);
		history = json_incref(c->history);
	}
	last = json_array_get(history, json_array_size(history) - 1);
	doc = json_pack("{s:s, s:s, s:s, s:O, s:O, s:s, s:O}", "contest_id",
	    c->contest_id, "decision_id", c->decision_id, "service_id",
	    p->site->service_id, "status", status, "updated_at",
	    json_object_get(last, "at"), "answer_due", c->answer_due,
	    "history", history);
	core_buf_reset(&r->body);
	if (doc == NULL || contest_sign(p->site, doc, CORE_TYP_STATUS, &r->body,
	    &err) != CORE_OK) {
		svc_reply_problem(r, 500, NULL, N_("Internal error"),
		    "The status could not be signed.");
		goto out;
	}
	r->status = 200;
	r->type = SVC_TYPE_JOSE;
out:
	json_decref(status);
	json_decref(history);
	json_decref(doc);
}
