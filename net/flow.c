/*
 * flow.c: open, fetch, send, status and registry flows on the client's loop
 * (see flow.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/intl.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/receipt.h"
#include "core/record.h"
#include "core/trust.h"
#include "core/verdict.h"
#include "net/case.h"
#include "net/client.h"
#include "net/flow.h"
#include "net/jfile.h"
#include "net/outbox.h"
#include "net/proto.h"
#include "net/store.h"

#define FLOW_BACKOFF_BASE_MS	500
#define FLOW_BACKOFF_CAP_MS	30000
#define FLOW_TRUST_STATE	"trust.json"

enum flow_kind {
	FLOW_OPEN,
	FLOW_FETCH,
	FLOW_SEND,
	FLOW_STATUS,
	FLOW_REGISTRY
};

enum flow_step {
	STEP_DISCOVER,
	STEP_MAIN
};

struct net_flow {
	enum flow_kind		 kind;
	enum flow_step		 step;
	struct net_ctx		*ctx;
	net_flow_fn		 done;
	void			*arg;
	struct net_xfer		*xfer;
	struct net_timer	*timer;
	int			 in_callback;
	char			*base;		/* URL to discover from */
	char			*reference;
	char			*code;		/* the access code: wiped */
	int			 remember;
	char			*url;		/* of the main request */
	struct net_case		 kase;
	int			 have_case;
	struct net_outbox_entry	 entry;
	struct net_discovery	 disc;
	struct net_outcome	 out;
};

static void	flow_request(struct net_flow *f);

long
net_backoff_ms(int attempt, long retry_after, long base_ms, long cap_ms)
{
	unsigned char	r[2] = { 0, 0 };
	long		b = base_ms, wait;
	int		i;

	for (i = 1; i < attempt && b < cap_ms; i++)
		b *= 2;
	if (b > cap_ms)
		b = cap_ms;
	/* Equal jitter: half fixed, half random, so that clients spread out. */
	if (RAND_bytes(r, sizeof r) != 1)
		r[0] = r[1] = 0x80;
	wait = b / 2 + (b / 2) * ((long)r[0] << 8 | r[1]) / 65535;
	if (retry_after >= 0 && retry_after * 1000 > wait)
		wait = retry_after * 1000;
	return wait;
}

/* Free a flow and everything it holds. */
static void
flow_free(struct net_flow *f)
{
	net_xfer_cancel(&f->xfer);
	net_timer_cancel(&f->timer);
	if (f->code != NULL) {
		OPENSSL_cleanse(f->code, strlen(f->code));
		core_free(f->code);
	}
	core_free(f->base);
	core_free(f->reference);
	core_free(f->url);
	net_case_clear(&f->kase);
	net_outbox_entry_clear(&f->entry);
	net_discovery_clear(&f->disc);
	core_free(f);
}

void
net_flow_cancel(struct net_flow **fp)
{
	struct net_flow	*f = *fp;

	*fp = NULL;
	if (f == NULL || f->in_callback)
		return;
	flow_free(f);
}

/* Call back once and free the flow. */
static void
flow_finish(struct net_flow *f)
{
	f->in_callback = 1;
	if (f->done != NULL)
		f->done(f, &f->out, f->arg);
	f->in_callback = 0;
	flow_free(f);
}

/* End with an error. */
static void
flow_fail(struct net_flow *f, enum core_code code, const struct core_err *err)
{
	f->out.code = code;
	if (err != NULL && err != &f->out.err)
		f->out.err = *err;
	f->out.err.code = code;
	flow_finish(f);
}

/* A new flow of kind. */
static enum core_code
flow_new(struct net_ctx *ctx, enum flow_kind kind, net_flow_fn done, void *arg,
    struct net_flow **out, struct core_err *err)
{
	struct net_flow	*f;

	*out = NULL;
	if ((f = core_calloc(1, sizeof *f)) == NULL)
		return core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
	f->kind = kind;
	f->ctx = ctx;
	f->done = done;
	f->arg = arg;
	f->out.retry_after = -1;
	core_err_clear(&f->out.err);
	net_case_init(&f->kase);
	net_outbox_entry_init(&f->entry);
	net_discovery_init(&f->disc);
	*out = f;
	return CORE_OK;
}

/* Copy a string member of the flow. */
static enum core_code
flow_dup(char **slot, const char *v, struct core_err *err)
{
	if (v == NULL)
		return CORE_OK;
	if ((*slot = core_strdup(v)) == NULL)
		return core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
	return CORE_OK;
}

/* Is this a failure worth trying again? */
static int
flow_transient(enum core_code code, long status)
{
	switch (code) {
	case CORE_E_NET_CONNECT:
	case CORE_E_NET_TIMEOUT:
	case CORE_E_NET_BROKEN:
	case CORE_E_NET_RETRY:
		return 1;
	case CORE_E_NET_HTTP:
		return status >= 500;
	default:
		return 0;
	}
}

/* The retry timer fired: send the request again. */
static void
flow_retry_cb(struct net_timer *t, void *arg)
{
	struct net_flow	*f = arg;

	f->timer = NULL;
	flow_request(f);
}

/* Bookkeeping in the outbox entry after a failed send. */
static void
flow_send_failed(struct net_flow *f, enum core_code code, const char *msg,
    const char *detail, long wait_s)
{
	struct core_err	e2;
	char		line[512];

	if (f->entry.key == NULL)
		return;
	snprintf(line, sizeof line, "%s%s%s", msg, detail[0] != '\0' ? ": " : "",
	    detail);
	f->entry.attempts++;
	if (net_jfile_set(&f->entry.last_error, line) != CORE_OK)
		return;
	if (code == CORE_E_NET_CONFLICT)
		net_jfile_set(&f->entry.state, NET_OUTBOX_CONFLICT);
	else if (code == CORE_E_NET_HTTP && f->out.http_status >= 400 &&
	    f->out.http_status < 500)
		net_jfile_set(&f->entry.state, NET_OUTBOX_REFUSED);
	f->entry.not_before = wait_s > 0 ? (long long)time(NULL) + wait_s : 0;
	/* Losing this note loses nothing: the entry and its body stay. */
	net_outbox_update(f->ctx->store, &f->entry, &e2);
}

/* A request of the flow failed. */
static void
flow_xfer_failed(struct net_flow *f, const struct net_response *res,
    const struct core_err *err)
{
	long	wait;

	f->out.attempts++;
	if (flow_transient(err->code, res->status) &&
	    f->out.attempts < f->ctx->max_attempts) {
		wait = net_backoff_ms(f->out.attempts, res->retry_after,
		    FLOW_BACKOFF_BASE_MS, FLOW_BACKOFF_CAP_MS);
		if (wait <= f->ctx->max_wait * 1000 &&
		    net_timer_add(f->ctx->client, wait, flow_retry_cb, f,
		    &f->timer) == CORE_OK)
			return;
	}
	if (f->kind == FLOW_SEND && f->step == STEP_MAIN)
		flow_send_failed(f, err->code, core_strerror(err->code), err->detail,
		    res->retry_after > 0 ? res->retry_after : 0);
	flow_fail(f, err->code, err);
}

/* The discovery document arrived. */
static void
flow_discovered(struct net_flow *f, struct net_response *res)
{
	struct core_err	err;
	enum core_code	rc;

	rc = net_discovery_parse(res->body.data, res->body.len, f->base, &f->disc, &err);
	if (rc != CORE_OK) {
		flow_fail(f, rc, &err);
		return;
	}
	if (f->kind == FLOW_SEND && !net_same_origin(f->entry.contests_url,
	    f->disc.service_id)) {
		flow_fail(f, core_err_set(&err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    "the contest address is not on the service's origin"), &err);
		return;
	}
	if (f->kind == FLOW_STATUS && !net_same_origin(f->url, f->disc.service_id)) {
		flow_fail(f, core_err_set(&err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    "the status address is not on the service's origin"), &err);
		return;
	}
	f->step = STEP_MAIN;
	f->out.attempts = 0;
	flow_request(f);
}

/* A string member of a JSON object, or NULL. */
static const char *
flow_jstr(const json_t *o, const char *name)
{
	const json_t	*v = json_object_get(o, name);

	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return NULL;
	return json_string_value(v);
}

enum core_code
net_verify_decision(struct net_ctx *ctx, const void *jws, size_t len,
    const struct core_keyset *keys, struct core_verdict *v)
{
	struct core_doc_info	 info;
	struct core_record	*rec = NULL;
	struct core_err		 err;
	enum core_code		 rc;

	memset(&info, 0, sizeof info);
	core_verdict_init(v);
	rc = core_trust_verify_doc(ctx->trust, jws, len, CORE_TYP_DECISION, keys,
	    ctx->trust_state, time(NULL), NULL, 0, v, &info);
	if (rc != CORE_OK)
		goto out;
	if (info.payload == NULL) {
		core_verdict_add(v, "record", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_NOT_CHECKED, NULL,
		    N_("The decision record was not checked."), NULL);
		goto out;
	}
	rc = core_record_parse(info.payload, &rec, &err);
	if (rc == CORE_E_NOMEM)
		goto out;
	if (rc == CORE_OK)
		core_verdict_add(v, "record", CORE_CHECK_INTEGRITY, CORE_CHECK_PASSED,
		    NULL, N_("The decision record follows recourse/1."), NULL);
	else
		core_verdict_add(v, "record", CORE_CHECK_INTEGRITY, CORE_CHECK_FAILED,
		    &err, N_("The decision record breaks recourse/1: %s."),
		    err.detail, NULL);
	rc = CORE_OK;
out:
	core_record_free(&rec);
	core_doc_info_free(&info);
	return rc;
}

/* Put the result of a verification into the case. */
static enum core_code
flow_case_verdict(struct net_case *c, const struct core_verdict *v)
{
	const struct core_check	*why = core_verdict_reason(v);
	char			 now[21];
	enum core_code		 rc;

	net_time_now(now);
	if ((rc = net_case_set(&c->verdict,
	    core_verdict_id(core_verdict_overall(v)))) != CORE_OK ||
	    (rc = net_case_set(&c->verdict_reason, why != NULL ? why->msg : NULL)) != CORE_OK ||
	    (rc = net_case_set(&c->verdict_detail,
	    why != NULL && why->detail[0] != '\0' ? why->detail : NULL)) != CORE_OK)
		return rc;
	return net_case_set(&c->checked_at, now);
}

/* Compare two RFC 3339 times: <0, 0, >0; unreadable ones sort first. */
static int
flow_time_cmp(const char *a, const char *b)
{
	time_t	ta = 0, tb = 0;

	if (a == NULL || core_trust_time_parse(a, &ta) != 0)
		ta = 0;
	if (b == NULL || core_trust_time_parse(b, &tb) != 0)
		tb = 0;
	return ta < tb ? -1 : ta > tb;
}

/* The decision arrived: verify, store, update the case. */
static void
flow_decision(struct net_flow *f, struct net_response *res)
{
	struct net_ctx		*ctx = f->ctx;
	struct net_case		*c = &f->kase;
	struct core_buf		 payload;
	struct core_err		 err;
	json_t			*doc = NULL;
	const json_t		*contest;
	const char		*id = NULL, *issued = NULL, *deadline = NULL, *endpoint = NULL;
	char			 obj[CORE_SHA256_HEX_LEN + 1], disc[CORE_SHA256_HEX_LEN + 1];
	char			 psha[CORE_SHA256_HEX_LEN + 1], cid[NET_CASE_ID_MAX + 1];
	enum core_verdict_overall verdict;
	int			 existing = 0, locked = 0, keep_old = 0;
	enum core_code		 rc;

	core_err_clear(&err);
	core_buf_init(&payload, NET_MAX_RESPONSE_DEFAULT);
	psha[0] = '\0';
	/* Evidence first: the bytes as received, whatever they verify to. */
	if ((rc = net_store_put_object(ctx->store, res->body.data, res->body.len,
	    obj, &err)) != CORE_OK ||
	    (rc = net_store_put_object(ctx->store, f->disc.raw, f->disc.raw_len,
	    disc, &err)) != CORE_OK)
		goto out;
	if ((rc = net_verify_decision(ctx, res->body.data, res->body.len,
	    f->disc.keys, &f->out.verdict)) != CORE_OK) {
		core_err_set(&err, rc, CORE_NO_OFFSET, NULL);
		goto out;
	}
	f->out.have_verdict = 1;
	verdict = core_verdict_overall(&f->out.verdict);
	if (net_jws_payload(res->body.data, res->body.len, &payload, &err) == CORE_OK) {
		core_sha256_hex(payload.data != NULL ? payload.data : (unsigned char *)"",
		    payload.len, psha);
		if (core_json_parse(payload.data != NULL ? payload.data :
		    (unsigned char *)"", payload.len, NULL, &doc, &err) == CORE_OK &&
		    json_is_object(doc)) {
			id = flow_jstr(doc, "id");
			issued = flow_jstr(doc, "issued_at");
			contest = json_object_get(doc, "contest");
			deadline = flow_jstr(contest, "deadline");
			endpoint = flow_jstr(contest, "endpoint");
		}
	}
	core_err_clear(&err);

	if ((rc = net_store_lock(ctx->store, &err)) != CORE_OK)
		goto out;
	locked = 1;
	if (f->kind == FLOW_OPEN) {
		if ((rc = net_case_id_for(ctx->store, f->disc.service_id, f->reference,
		    cid, &existing, &err)) != CORE_OK)
			goto out;
		if (existing && (rc = net_case_load(ctx->store, cid, c, &err)) != CORE_OK)
			goto out;
		snprintf(c->id, sizeof c->id, "%s", cid);
	} else {
		/* Reload under the lock: another recourse may have changed it. */
		snprintf(cid, sizeof cid, "%s", c->id);
		if ((rc = net_case_load(ctx->store, cid, c, &err)) != CORE_OK)
			goto out;
	}
	snprintf(f->out.case_id, sizeof f->out.case_id, "%s", c->id);

	/* A replayed record never replaces the one kept. */
	if (c->decision_sha256 != NULL && psha[0] != '\0') {
		if (strcmp(c->decision_sha256, psha) == 0)
			f->out.unchanged = 1;
		else if (c->issued_at != NULL && issued != NULL &&
		    flow_time_cmp(issued, c->issued_at) <= 0) {
			rc = core_err_set(&err, CORE_E_SUPERSEDED, CORE_NO_OFFSET,
			    "the service sent a record issued %.32s; the one kept "
			    "was issued %.32s", issued, c->issued_at);
			goto out;
		} else
			f->out.replaced = 1;
	}
	/* A record that does not verify never replaces one that did. */
	if (c->decision != NULL && !f->out.unchanged && c->verdict != NULL &&
	    (verdict == CORE_VERDICT_INVALID || verdict == CORE_VERDICT_UNREADABLE) &&
	    (strcmp(c->verdict, core_verdict_id(CORE_VERDICT_TRUSTED)) == 0 ||
	    strcmp(c->verdict, core_verdict_id(CORE_VERDICT_UNTRUSTED)) == 0)) {
		keep_old = 1;
		f->out.replaced = 0;
		f->out.kept_old = 1;
	}
	if (!keep_old) {
		if ((endpoint == NULL || !net_same_origin(endpoint, f->disc.service_id)))
			endpoint = f->disc.contests;
		if ((rc = net_case_set(&c->service, f->base)) != CORE_OK ||
		    (rc = net_case_set(&c->service_id, f->disc.service_id)) != CORE_OK ||
		    (rc = net_case_set(&c->reference, f->reference != NULL ?
		    f->reference : c->reference)) != CORE_OK ||
		    (rc = net_case_set(&c->decisions_url, f->disc.decisions)) != CORE_OK ||
		    (rc = net_case_set(&c->contests_url, endpoint)) != CORE_OK ||
		    (rc = net_case_set(&c->decision_id, id)) != CORE_OK ||
		    (rc = net_case_set(&c->decision, obj)) != CORE_OK ||
		    (rc = net_case_set(&c->decision_sha256,
		    psha[0] != '\0' ? psha : NULL)) != CORE_OK ||
		    (rc = net_case_set(&c->discovery, disc)) != CORE_OK ||
		    (rc = net_case_set(&c->issued_at, issued)) != CORE_OK ||
		    (rc = net_case_set(&c->deadline, deadline)) != CORE_OK ||
		    (rc = flow_case_verdict(c, &f->out.verdict)) != CORE_OK) {
			core_err_set(&err, rc, CORE_NO_OFFSET, NULL);
			goto out;
		}
	}
	if (c->contest_status == NULL &&
	    (rc = net_case_set(&c->contest_status, NET_CONTEST_NONE)) != CORE_OK) {
		core_err_set(&err, rc, CORE_NO_OFFSET, NULL);
		goto out;
	}
	if (f->remember && f->code != NULL &&
	    (rc = net_case_set(&c->access_code, f->code)) != CORE_OK) {
		core_err_set(&err, rc, CORE_NO_OFFSET, NULL);
		goto out;
	}
	rc = net_case_save(ctx->store, c, &err);
out:
	if (locked)
		net_store_unlock(ctx->store);
	json_decref(doc);
	core_buf_free(&payload);
	if (rc != CORE_OK)
		flow_fail(f, rc, &err);
	else
		flow_finish(f);
}

/* Is the check with this id passed in v? */
static int
flow_passed(const struct core_verdict *v, const char *id)
{
	const struct core_check	*c = core_verdict_find(v, id);

	return c != NULL && c->result == CORE_CHECK_PASSED;
}

/* The receipt arrived: check it against the bytes sent, keep it, and only
 * then let go of the outbox entry. */
static void
flow_receipt(struct net_flow *f, struct net_response *res)
{
	struct net_ctx			*ctx = f->ctx;
	struct net_outbox_entry		*e = &f->entry;
	struct core_receipt_expect	 exp;
	struct core_receipt		 r;
	struct core_doc_info		 info;
	struct net_receipt_rec		 rec;
	struct net_case			 c;
	struct core_err			 err, e2;
	char				 obj[CORE_SHA256_HEX_LEN + 1], body[CORE_SHA256_HEX_LEN + 1];
	int				 locked = 0;
	enum core_code			 rc;

	memset(&info, 0, sizeof info);
	net_receipt_rec_init(&rec);
	net_case_init(&c);
	core_err_clear(&err);
	f->out.duplicate = res->status == 200;
	if ((rc = net_store_put_object(ctx->store, res->body.data, res->body.len,
	    obj, &err)) != CORE_OK)
		goto out;
	memset(&exp, 0, sizeof exp);
	exp.body = e->body;
	exp.body_len = e->body_len;
	exp.idempotency_key = e->key;
	exp.decision_id = e->decision_id;
	exp.service_id = f->disc.service_id;
	if ((rc = core_trust_verify_doc(ctx->trust, res->body.data, res->body.len,
	    CORE_TYP_RECEIPT, f->disc.keys, ctx->trust_state, time(NULL), e->body,
	    e->body_len, &f->out.verdict, &info)) != CORE_OK) {
		core_err_set(&err, rc, CORE_NO_OFFSET, NULL);
		goto out;
	}
	f->out.have_verdict = 1;
	rc = core_receipt_verify(res->body.data, res->body.len, f->disc.keys, &exp,
	    &r, &err);
	if (rc == CORE_OK && (!flow_passed(&f->out.verdict, "signature") ||
	    !flow_passed(&f->out.verdict, "receipt")))
		rc = core_err_set(&err, CORE_E_RECEIPT_MISMATCH, CORE_NO_OFFSET,
		    "the receipt does not verify");
	if (rc != CORE_OK) {
		flow_send_failed(f, rc, core_strerror(rc), err.detail, 0);
		goto out;
	}
	if ((rc = net_store_lock(ctx->store, &err)) != CORE_OK)
		goto out;
	locked = 1;
	if ((rc = net_store_put_object(ctx->store, e->body, e->body_len, body,
	    &err)) != CORE_OK)
		goto out;
	if ((rc = net_jfile_set(&rec.case_id, e->case_id)) != CORE_OK ||
	    (rc = net_jfile_set(&rec.service_id, r.service_id)) != CORE_OK ||
	    (rc = net_jfile_set(&rec.decision_id, r.decision_id)) != CORE_OK ||
	    (rc = net_jfile_set(&rec.contest_id, r.contest_id)) != CORE_OK ||
	    (rc = net_jfile_set(&rec.receipt, obj)) != CORE_OK ||
	    (rc = net_jfile_set(&rec.body, body)) != CORE_OK ||
	    (rc = net_jfile_set(&rec.idempotency_key, e->key)) != CORE_OK ||
	    (rc = net_jfile_set(&rec.received_at, r.received_at)) != CORE_OK ||
	    (rc = net_jfile_set(&rec.answer_due, r.answer_due)) != CORE_OK ||
	    (rc = net_jfile_set(&rec.status_url,
	    net_same_origin(r.status_url, f->disc.service_id) ?
	    r.status_url : NULL)) != CORE_OK) {
		core_err_set(&err, rc, CORE_NO_OFFSET, NULL);
		goto out;
	}
	if ((rc = net_receipt_rec_save(ctx->store, &rec, &err)) != CORE_OK)
		goto out;
	rc = net_case_load(ctx->store, e->case_id, &c, &e2);
	if (rc == CORE_OK) {
		if (c.contest_status == NULL ||
		    strcmp(c.contest_status, NET_CONTEST_NONE) == 0 ||
		    strcmp(c.contest_status, NET_CONTEST_QUEUED) == 0)
			rc = net_case_set(&c.contest_status, "received");
		if (rc == CORE_OK)
			rc = net_case_set(&c.contest_id, r.contest_id);
		if (rc == CORE_OK)
			rc = net_case_set(&c.receipt, obj);
		if (rc == CORE_OK)
			rc = net_case_set(&c.status_url, rec.status_url);
		if (rc == CORE_OK)
			rc = net_case_set(&c.answer_due, r.answer_due);
		if (rc != CORE_OK) {
			core_err_set(&err, rc, CORE_NO_OFFSET, NULL);
			goto out;
		}
		if ((rc = net_case_save(ctx->store, &c, &err)) != CORE_OK)
			goto out;
		snprintf(f->out.case_id, sizeof f->out.case_id, "%s", c.id);
	} else if (rc != CORE_E_NOT_FOUND && rc != CORE_E_STORE_CORRUPT) {
		err = e2;
		goto out;
	}
	/* Proof kept: now the entry may go. */
	rc = net_outbox_remove(ctx->store, e->key, &err);
out:
	if (locked)
		net_store_unlock(ctx->store);
	core_doc_info_free(&info);
	net_receipt_rec_clear(&rec);
	net_case_clear(&c);
	if (rc != CORE_OK)
		flow_fail(f, rc, &err);
	else
		flow_finish(f);
}

/* The status arrived: verify it and note it in the case. */
static void
flow_status_doc(struct net_flow *f, struct net_response *res)
{
	struct net_ctx		*ctx = f->ctx;
	struct net_case		*c = &f->kase;
	struct core_doc_info	 info;
	struct core_err		 err;
	const char		*st, *cid, *did, *due;
	char			 obj[CORE_SHA256_HEX_LEN + 1], now[21];
	char			 cid_buf[NET_CASE_ID_MAX + 1];
	enum core_verdict_overall verdict;
	int			 locked = 0;
	enum core_code		 rc;

	memset(&info, 0, sizeof info);
	core_err_clear(&err);
	if ((rc = net_store_put_object(ctx->store, res->body.data, res->body.len,
	    obj, &err)) != CORE_OK)
		goto out;
	if ((rc = core_trust_verify_doc(ctx->trust, res->body.data, res->body.len,
	    CORE_TYP_STATUS, f->disc.keys, ctx->trust_state, time(NULL), NULL, 0,
	    &f->out.verdict, &info)) != CORE_OK) {
		core_err_set(&err, rc, CORE_NO_OFFSET, NULL);
		goto out;
	}
	f->out.have_verdict = 1;
	verdict = core_verdict_overall(&f->out.verdict);
	if (verdict == CORE_VERDICT_INVALID || verdict == CORE_VERDICT_UNREADABLE ||
	    info.payload == NULL)
		goto out;	/* the verdict says why; the case stays */
	st = flow_jstr(info.payload, "status");
	cid = flow_jstr(info.payload, "contest_id");
	did = flow_jstr(info.payload, "decision_id");
	due = flow_jstr(info.payload, "answer_due");
	if (st == NULL || (strcmp(st, "received") != 0 &&
	    strcmp(st, "under_review") != 0 && strcmp(st, "answered") != 0 &&
	    strcmp(st, "withdrawn") != 0)) {
		rc = core_err_set(&err, CORE_E_RECORD, CORE_NO_OFFSET,
		    "the status document names no known status");
		goto out;
	}
	if ((rc = net_store_lock(ctx->store, &err)) != CORE_OK)
		goto out;
	locked = 1;
	snprintf(cid_buf, sizeof cid_buf, "%s", c->id);
	if ((rc = net_case_load(ctx->store, cid_buf, c, &err)) != CORE_OK)
		goto out;
	if ((c->contest_id != NULL && (cid == NULL || strcmp(cid, c->contest_id) != 0)) ||
	    (c->decision_id != NULL && did != NULL && strcmp(did, c->decision_id) != 0)) {
		rc = core_err_set(&err, CORE_E_RECORD, CORE_NO_OFFSET,
		    "the status is for another contest");
		goto out;
	}
	snprintf(f->out.status, sizeof f->out.status, "%s", st);
	net_time_now(now);
	if ((rc = net_case_set(&c->contest_status, st)) != CORE_OK ||
	    (rc = net_case_set(&c->status, obj)) != CORE_OK ||
	    (due != NULL && (rc = net_case_set(&c->answer_due, due)) != CORE_OK) ||
	    (rc = net_case_set(&c->status_checked_at, now)) != CORE_OK) {
		core_err_set(&err, rc, CORE_NO_OFFSET, NULL);
		goto out;
	}
	rc = net_case_save(ctx->store, c, &err);
out:
	if (locked)
		net_store_unlock(ctx->store);
	core_doc_info_free(&info);
	if (rc != CORE_OK)
		flow_fail(f, rc, &err);
	else
		flow_finish(f);
}

enum core_code
net_trust_state_save(struct net_ctx *ctx, struct core_err *err)
{
	json_t		*j = NULL;
	char		*text = NULL;
	enum core_code	 rc;

	if (ctx->trust_state == NULL)
		return CORE_OK;
	if ((rc = core_trust_state_to_json(ctx->trust_state, &j)) != CORE_OK ||
	    (text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS)) == NULL) {
		rc = core_err_set(err, rc != CORE_OK ? rc : CORE_E_NOMEM,
		    CORE_NO_OFFSET, NULL);
		goto out;
	}
	rc = net_store_write(ctx->store, NET_DIR_STATE, FLOW_TRUST_STATE, text,
	    strlen(text), err);
out:
	free(text);
	json_decref(j);
	return rc;
}

enum core_code
net_trust_state_load(struct net_store *st, struct core_trust_state *ts,
    struct core_err *err)
{
	struct core_buf	 b;
	json_t		*j = NULL;
	enum core_code	 rc;

	core_trust_state_init(ts);
	core_buf_init(&b, 1024 * 1024);
	rc = net_store_read(st, NET_DIR_STATE, FLOW_TRUST_STATE, b.max, &b, err);
	if (rc == CORE_E_NOT_FOUND) {
		core_err_clear(err);
		rc = CORE_OK;
		goto out;
	}
	if (rc != CORE_OK)
		goto out;
	if ((rc = core_json_parse(b.data, b.len, NULL, &j, err)) != CORE_OK ||
	    (rc = core_trust_state_from_json(j, ts, err)) != CORE_OK) {
		if (rc != CORE_E_NOMEM)
			rc = net_store_quarantine(st, NET_DIR_STATE, FLOW_TRUST_STATE,
			    "not a trust state", err);
		core_trust_state_init(ts);
	}
out:
	json_decref(j);
	core_buf_free(&b);
	return rc;
}

/* The state file that names the registry last accepted from url. */
static enum core_code
flow_registry_name(const char *url, char name[48])
{
	char		hex[CORE_SHA256_HEX_LEN + 1];
	enum core_code	rc;

	if ((rc = core_sha256_hex(url, strlen(url), hex)) != CORE_OK)
		return rc;
	snprintf(name, 48, "registry-%.16s", hex);
	return CORE_OK;
}

enum core_code
net_registry_load_kept(struct net_ctx *ctx, const char *url, struct core_err *err)
{
	struct core_buf	hex, doc;
	char		name[48];
	enum core_code	rc;

	core_buf_init(&hex, 128);
	core_buf_init(&doc, NET_STORE_MAX_FILE);
	if ((rc = flow_registry_name(url, name)) != CORE_OK) {
		core_err_set(err, rc, CORE_NO_OFFSET, NULL);
		goto out;
	}
	if ((rc = net_store_read(ctx->store, NET_DIR_STATE, name, 128, &hex,
	    err)) != CORE_OK ||
	    (rc = net_store_get_object(ctx->store, core_buf_str(&hex), &doc,
	    err)) != CORE_OK)
		goto out;
	rc = core_trust_add_registry(ctx->trust, doc.data, doc.len, time(NULL),
	    ctx->trust_state, err);
out:
	core_buf_free(&hex);
	core_buf_free(&doc);
	return rc;
}

/* The registry arrived: accept it if it may replace what was seen. */
static void
flow_registry_doc(struct net_flow *f, struct net_response *res)
{
	struct core_err	err;
	char		obj[CORE_SHA256_HEX_LEN + 1], name[48];
	enum core_code	rc;

	core_err_clear(&err);
	if ((rc = net_store_put_object(f->ctx->store, res->body.data, res->body.len,
	    obj, &err)) != CORE_OK)
		goto out;
	if ((rc = core_trust_add_registry(f->ctx->trust, res->body.data, res->body.len,
	    time(NULL), f->ctx->trust_state, &err)) != CORE_OK)
		goto out;
	if ((rc = net_trust_state_save(f->ctx, &err)) != CORE_OK)
		goto out;
	/* Remember which registry this URL gave, for runs without network. */
	if ((rc = flow_registry_name(f->url, name)) != CORE_OK) {
		core_err_set(&err, rc, CORE_NO_OFFSET, NULL);
		goto out;
	}
	rc = net_store_write(f->ctx->store, NET_DIR_STATE, name, obj, strlen(obj), &err);
out:
	if (rc != CORE_OK)
		flow_fail(f, rc, &err);
	else
		flow_finish(f);
}

/* A request of the flow ended. */
static void
flow_xfer_done(struct net_xfer *x, struct net_response *res,
    const struct core_err *err, void *arg)
{
	struct net_flow	*f = arg;

	f->xfer = NULL;
	f->out.http_status = res->status;
	f->out.retry_after = res->retry_after;
	snprintf(f->out.problem_title, sizeof f->out.problem_title, "%s",
	    res->problem_title);
	snprintf(f->out.problem_detail, sizeof f->out.problem_detail, "%s",
	    res->problem_detail);
	if (err->code != CORE_OK) {
		flow_xfer_failed(f, res, err);
		return;
	}
	f->out.attempts++;
	if (f->step == STEP_DISCOVER) {
		flow_discovered(f, res);
		return;
	}
	switch (f->kind) {
	case FLOW_OPEN:
	case FLOW_FETCH:
		flow_decision(f, res);
		break;
	case FLOW_SEND:
		flow_receipt(f, res);
		break;
	case FLOW_STATUS:
		flow_status_doc(f, res);
		break;
	case FLOW_REGISTRY:
		flow_registry_doc(f, res);
		break;
	}
}

/* Start the request of the current step; on failure, end the flow. */
static void
flow_request(struct net_flow *f)
{
	struct net_client	*c = f->ctx->client;
	struct core_err		 err;
	enum core_code		 rc;

	core_err_clear(&err);
	if (f->step == STEP_DISCOVER)
		rc = net_proto_discover(c, f->base, flow_xfer_done, f, &f->xfer, &err);
	else switch (f->kind) {
	case FLOW_OPEN:
	case FLOW_FETCH:
		rc = net_proto_get_decision(c, f->disc.decisions, f->reference,
		    f->code, flow_xfer_done, f, &f->xfer, &err);
		break;
	case FLOW_SEND:
		rc = net_proto_post_contest(c, f->entry.contests_url, f->code,
		    f->entry.key, f->entry.body, f->entry.body_len, flow_xfer_done, f,
		    &f->xfer, &err);
		break;
	case FLOW_STATUS:
	case FLOW_REGISTRY:
	default:
		rc = net_proto_get_signed(c, f->url, f->code, flow_xfer_done, f,
		    &f->xfer, &err);
		break;
	}
	if (rc != CORE_OK)
		flow_fail(f, rc, &err);
}

/* Start the first request; a failure here is returned, with no callback. */
static enum core_code
flow_start(struct net_flow *f, struct net_flow **out, struct core_err *err)
{
	struct net_client	*c = f->ctx->client;
	enum core_code		 rc;

	if (f->kind == FLOW_REGISTRY) {
		f->step = STEP_MAIN;
		rc = net_proto_get_signed(c, f->url, NULL, flow_xfer_done, f,
		    &f->xfer, err);
	} else
		rc = net_proto_discover(c, f->base, flow_xfer_done, f, &f->xfer, err);
	if (rc != CORE_OK) {
		flow_free(f);
		return rc;
	}
	if (out != NULL)
		*out = f;
	return CORE_OK;
}

enum core_code
net_flow_open(struct net_ctx *ctx, const char *service, const char *reference,
    const char *code, int remember, net_flow_fn done, void *arg,
    struct net_flow **out, struct core_err *err)
{
	struct net_flow	*f;
	enum core_code	 rc;

	if (out != NULL)
		*out = NULL;
	if ((rc = net_client_check_url(ctx->client, service, err)) != CORE_OK)
		return rc;
	if (reference == NULL || *reference == '\0' || strlen(reference) > 256)
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "a reference holds 1 to 256 bytes");
	if ((rc = flow_new(ctx, FLOW_OPEN, done, arg, &f, err)) != CORE_OK)
		return rc;
	f->remember = remember;
	if ((rc = flow_dup(&f->base, service, err)) != CORE_OK ||
	    (rc = flow_dup(&f->reference, reference, err)) != CORE_OK ||
	    (rc = flow_dup(&f->code, code, err)) != CORE_OK) {
		flow_free(f);
		return rc;
	}
	return flow_start(f, out, err);
}

/* A flow about an existing case: load it and take its code when none given. */
static enum core_code
flow_for_case(struct net_ctx *ctx, enum flow_kind kind, const char *case_id,
    const char *code, net_flow_fn done, void *arg, struct net_flow **fp,
    struct core_err *err)
{
	struct net_flow	*f;
	enum core_code	 rc;

	*fp = NULL;
	if ((rc = flow_new(ctx, kind, done, arg, &f, err)) != CORE_OK)
		return rc;
	if ((rc = net_case_load(ctx->store, case_id, &f->kase, err)) != CORE_OK)
		goto out;
	snprintf(f->out.case_id, sizeof f->out.case_id, "%s", f->kase.id);
	if (code == NULL)
		code = f->kase.access_code;
	if (code == NULL) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "no access code for case %s", f->kase.id);
		goto out;
	}
	if ((rc = flow_dup(&f->code, code, err)) != CORE_OK ||
	    (rc = flow_dup(&f->base, f->kase.service_id != NULL ?
	    f->kase.service_id : f->kase.service, err)) != CORE_OK ||
	    (rc = flow_dup(&f->reference, f->kase.reference, err)) != CORE_OK)
		goto out;
	*fp = f;
	f = NULL;
out:
	if (f != NULL)
		flow_free(f);
	return rc;
}

enum core_code
net_flow_fetch(struct net_ctx *ctx, const char *case_id, const char *code,
    net_flow_fn done, void *arg, struct net_flow **out, struct core_err *err)
{
	struct net_flow	*f;
	enum core_code	 rc;

	if (out != NULL)
		*out = NULL;
	if ((rc = flow_for_case(ctx, FLOW_FETCH, case_id, code, done, arg, &f,
	    err)) != CORE_OK)
		return rc;
	return flow_start(f, out, err);
}

enum core_code
net_flow_status(struct net_ctx *ctx, const char *case_id, const char *code,
    net_flow_fn done, void *arg, struct net_flow **out, struct core_err *err)
{
	struct net_flow	*f;
	enum core_code	 rc;

	if (out != NULL)
		*out = NULL;
	if ((rc = flow_for_case(ctx, FLOW_STATUS, case_id, code, done, arg, &f,
	    err)) != CORE_OK)
		return rc;
	if (f->kase.status_url == NULL) {
		flow_free(f);
		return core_err_set(err, CORE_E_NOT_FOUND, CORE_NO_OFFSET,
		    "case %s has no contest with a receipt", case_id);
	}
	if ((rc = flow_dup(&f->url, f->kase.status_url, err)) != CORE_OK) {
		flow_free(f);
		return rc;
	}
	return flow_start(f, out, err);
}

enum core_code
net_flow_send(struct net_ctx *ctx, const char *key, const char *code,
    net_flow_fn done, void *arg, struct net_flow **out, struct core_err *err)
{
	struct net_flow	*f;
	struct net_case	 c;
	enum core_code	 rc;

	if (out != NULL)
		*out = NULL;
	net_case_init(&c);
	if ((rc = flow_new(ctx, FLOW_SEND, done, arg, &f, err)) != CORE_OK)
		return rc;
	if ((rc = net_outbox_load(ctx->store, key, &f->entry, err)) != CORE_OK)
		goto fail;
	if (strcmp(f->entry.state, NET_OUTBOX_CONFLICT) == 0) {
		rc = core_err_set(err, CORE_E_NET_CONFLICT, CORE_NO_OFFSET,
		    "never sent again under the same key");
		goto fail;
	}
	snprintf(f->out.case_id, sizeof f->out.case_id, "%s", f->entry.case_id);
	if (code == NULL && net_case_load(ctx->store, f->entry.case_id, &c,
	    err) == CORE_OK)
		code = c.access_code;
	if (code == NULL) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "no access code for case %s", f->entry.case_id);
		goto fail;
	}
	if ((rc = flow_dup(&f->code, code, err)) != CORE_OK ||
	    (rc = flow_dup(&f->base, f->entry.service_id != NULL ?
	    f->entry.service_id : f->entry.contests_url, err)) != CORE_OK)
		goto fail;
	net_case_clear(&c);
	return flow_start(f, out, err);
fail:
	net_case_clear(&c);
	flow_free(f);
	return rc;
}

enum core_code
net_flow_registry(struct net_ctx *ctx, const char *url, net_flow_fn done,
    void *arg, struct net_flow **out, struct core_err *err)
{
	struct net_flow	*f;
	enum core_code	 rc;

	if (out != NULL)
		*out = NULL;
	if ((rc = net_client_check_url(ctx->client, url, err)) != CORE_OK)
		return rc;
	if ((rc = flow_new(ctx, FLOW_REGISTRY, done, arg, &f, err)) != CORE_OK)
		return rc;
	if ((rc = flow_dup(&f->url, url, err)) != CORE_OK) {
		flow_free(f);
		return rc;
	}
	return flow_start(f, out, err);
}
