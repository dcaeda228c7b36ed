/* outbox.c: the outbox and the receipt records (see outbox.h). */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/rand.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/json.h"
#include "net/jfile.h"
#include "net/outbox.h"
#include "net/store.h"

#define OF(name, member, type, req) \
	{ name, offsetof(struct net_outbox_entry, member), type, req }

static const struct net_jfield outbox_fields[] = {
	OF("key", key, NET_JF_STRING, 1),
	OF("case", case_id, NET_JF_STRING, 1),
	OF("service_id", service_id, NET_JF_STRING, 0),
	OF("contests_url", contests_url, NET_JF_STRING, 1),
	OF("decision_id", decision_id, NET_JF_STRING, 0),
	OF("body", body, NET_JF_STRING, 1),
	OF("body_sha256", body_sha256, NET_JF_STRING, 1),
	OF("created_at", created_at, NET_JF_STRING, 1),
	OF("attempts", attempts, NET_JF_INT, 0),
	OF("state", state, NET_JF_STRING, 1),
	OF("last_error", last_error, NET_JF_STRING, 0),
	OF("not_before", not_before, NET_JF_INT, 0),
};
#define NOUTBOX_FIELDS (sizeof outbox_fields / sizeof outbox_fields[0])

#define RF(name, member) \
	{ name, offsetof(struct net_receipt_rec, member), NET_JF_STRING, 0 }

static const struct net_jfield receipt_fields[] = {
	RF("case", case_id),
	RF("service_id", service_id),
	RF("decision_id", decision_id),
	RF("contest_id", contest_id),
	RF("receipt", receipt),
	RF("body", body),
	RF("idempotency_key", idempotency_key),
	RF("received_at", received_at),
	RF("answer_due", answer_due),
	RF("status_url", status_url),
};
#define NRECEIPT_FIELDS (sizeof receipt_fields / sizeof receipt_fields[0])

void
net_outbox_entry_init(struct net_outbox_entry *e)
{
	memset(e, 0, sizeof *e);
}

void
net_outbox_entry_clear(struct net_outbox_entry *e)
{
	net_jfile_clear(outbox_fields, NOUTBOX_FIELDS, e, NULL);
	memset(e, 0, sizeof *e);
}

/* outbox/<key>.json into out. */
static int
outbox_file(const char *key, char *out, size_t outsz)
{
	size_t	i;

	if (key == NULL || strlen(key) != NET_OUTBOX_KEY_LEN)
		return -1;
	for (i = 0; i < NET_OUTBOX_KEY_LEN; i++)
		if (!((key[i] >= '0' && key[i] <= '9') || (key[i] >= 'a' && key[i] <= 'f')))
			return -1;
	snprintf(out, outsz, "%s.json", key);
	return 0;
}

/* Body bytes fit for the outbox: UTF-8 text with no NUL. */
static int
outbox_body_ok(const void *body, size_t n)
{
	const unsigned char	*p = body;
	size_t			 i = 0, l;

	while (i < n) {
		if (p[i] == 0)
			return 0;
		if ((l = core_json_utf8_len(p + i, n - i)) == 0)
			return 0;
		i += l;
	}
	return 1;
}

enum core_code
net_outbox_add(struct net_store *st, const char *case_id, const char *service_id,
    const char *contests_url, const char *decision_id, const void *body,
    size_t body_len, struct net_outbox_entry *out, struct core_err *err)
{
	struct net_outbox_entry	 e;
	unsigned char		 raw[NET_OUTBOX_KEY_LEN / 2];
	char			 key[NET_OUTBOX_KEY_LEN + 1], name[NET_OUTBOX_KEY_LEN + 8];
	char			 hex[CORE_SHA256_HEX_LEN + 1], now[21];
	enum core_code		 rc;

	net_outbox_entry_init(&e);
	if (body_len == 0 || body_len > NET_OUTBOX_MAX_BODY)
		return core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "a contest body holds 1 to %u bytes", NET_OUTBOX_MAX_BODY);
	if (!outbox_body_ok(body, body_len))
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "a contest body must be UTF-8 text");
	if (RAND_bytes(raw, sizeof raw) != 1)
		return core_err_set(err, CORE_E_INTERNAL, CORE_NO_OFFSET,
		    "no random bytes for an idempotency key");
	core_hex(raw, sizeof raw, key);
	if ((rc = core_sha256_hex(body, body_len, hex)) != CORE_OK) {
		core_err_set(err, rc, CORE_NO_OFFSET, "SHA-256");
		goto out;
	}
	net_time_now(now);
	if ((e.body = core_malloc(body_len + 1)) == NULL) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
		goto out;
	}
	memcpy(e.body, body, body_len);
	e.body[body_len] = '\0';
	e.body_len = body_len;
	if ((rc = net_jfile_set(&e.key, key)) != CORE_OK ||
	    (rc = net_jfile_set(&e.case_id, case_id)) != CORE_OK ||
	    (rc = net_jfile_set(&e.service_id, service_id)) != CORE_OK ||
	    (rc = net_jfile_set(&e.contests_url, contests_url)) != CORE_OK ||
	    (rc = net_jfile_set(&e.decision_id, decision_id)) != CORE_OK ||
	    (rc = net_jfile_set(&e.body_sha256, hex)) != CORE_OK ||
	    (rc = net_jfile_set(&e.created_at, now)) != CORE_OK ||
	    (rc = net_jfile_set(&e.state, NET_OUTBOX_PENDING)) != CORE_OK) {
		core_err_set(err, rc, CORE_NO_OFFSET, NULL);
		goto out;
	}
	outbox_file(key, name, sizeof name);
	rc = net_jfile_save(st, NET_DIR_OUTBOX, name, outbox_fields, NOUTBOX_FIELDS,
	    &e, err);
out:
	OPENSSL_cleanse(raw, sizeof raw);
	if (rc == CORE_OK && out != NULL)
		*out = e;
	else
		net_outbox_entry_clear(&e);
	return rc;
}

enum core_code
net_outbox_load(struct net_store *st, const char *key,
    struct net_outbox_entry *e, struct core_err *err)
{
	char		name[NET_OUTBOX_KEY_LEN + 8], hex[CORE_SHA256_HEX_LEN + 1];
	enum core_code	rc;

	net_outbox_entry_clear(e);
	if (outbox_file(key, name, sizeof name) != 0)
		return core_err_set(err, CORE_E_NOT_FOUND, CORE_NO_OFFSET,
		    "not an outbox key");
	rc = net_jfile_load(st, NET_DIR_OUTBOX, name, outbox_fields, NOUTBOX_FIELDS,
	    e, err);
	if (rc != CORE_OK)
		return rc;
	e->body_len = strlen(e->body);
	if ((rc = core_sha256_hex(e->body, e->body_len, hex)) != CORE_OK) {
		core_err_set(err, rc, CORE_NO_OFFSET, "SHA-256");
		goto out;
	}
	if (strcmp(e->key, key) != 0)
		rc = net_store_quarantine(st, NET_DIR_OUTBOX, name,
		    "its key does not match its name", err);
	else if (strcmp(hex, e->body_sha256) != 0)
		rc = net_store_quarantine(st, NET_DIR_OUTBOX, name,
		    "its body does not match its SHA-256", err);
	else if (strcmp(e->state, NET_OUTBOX_PENDING) != 0 &&
	    strcmp(e->state, NET_OUTBOX_CONFLICT) != 0 &&
	    strcmp(e->state, NET_OUTBOX_REFUSED) != 0)
		rc = net_store_quarantine(st, NET_DIR_OUTBOX, name,
		    "unknown state", err);
out:
	if (rc != CORE_OK)
		net_outbox_entry_clear(e);
	return rc;
}

enum core_code
net_outbox_update(struct net_store *st, const struct net_outbox_entry *e,
    struct core_err *err)
{
	struct net_outbox_entry	 cur;
	char			 name[NET_OUTBOX_KEY_LEN + 8];
	enum core_code		 rc;

	net_outbox_entry_init(&cur);
	if (outbox_file(e->key, name, sizeof name) != 0)
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET, "not an outbox key");
	if ((rc = net_store_lock(st, err)) != CORE_OK)
		return rc;
	/* Never change the body under a key: compare with what is on disk. */
	if ((rc = net_outbox_load(st, e->key, &cur, err)) != CORE_OK)
		goto out;
	if (cur.body_len != e->body_len || memcmp(cur.body, e->body, e->body_len) != 0 ||
	    strcmp(cur.body_sha256, e->body_sha256) != 0) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "the body of an outbox entry cannot change");
		goto out;
	}
	rc = net_jfile_save(st, NET_DIR_OUTBOX, name, outbox_fields, NOUTBOX_FIELDS,
	    e, err);
out:
	net_outbox_entry_clear(&cur);
	net_store_unlock(st);
	return rc;
}

enum core_code
net_outbox_remove(struct net_store *st, const char *key, struct core_err *err)
{
	char	name[NET_OUTBOX_KEY_LEN + 8];

	if (outbox_file(key, name, sizeof name) != 0)
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET, "not an outbox key");
	return net_store_remove(st, NET_DIR_OUTBOX, name, err);
}

/* Oldest first, then by key. */
static int
outbox_cmp(const void *a, const void *b)
{
	const struct net_outbox_entry	*x = a, *y = b;
	int				 r = strcmp(x->created_at, y->created_at);

	return r != 0 ? r : strcmp(x->key, y->key);
}

enum core_code
net_outbox_list(struct net_store *st, struct net_outbox_entry **vp, size_t *np,
    struct core_err *err)
{
	struct net_outbox_entry	*v = NULL;
	struct core_err		 e2;
	char			**names = NULL, key[NET_OUTBOX_KEY_LEN + 1];
	size_t			 n = 0, i, cnt = 0;
	enum core_code		 rc;

	*vp = NULL;
	*np = 0;
	if ((rc = net_store_list(st, NET_DIR_OUTBOX, ".json", &names, &n, err)) != CORE_OK)
		return rc;
	if (n > 0 && (v = core_calloc(n, sizeof *v)) == NULL) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (strlen(names[i]) != NET_OUTBOX_KEY_LEN + 5) {
			net_store_quarantine(st, NET_DIR_OUTBOX, names[i],
			    "not named by an idempotency key", &e2);
			continue;
		}
		memcpy(key, names[i], NET_OUTBOX_KEY_LEN);
		key[NET_OUTBOX_KEY_LEN] = '\0';
		rc = net_outbox_load(st, key, &v[cnt], &e2);
		if (rc == CORE_OK)
			cnt++;
		else if (rc == CORE_E_NOMEM || rc == CORE_E_IO) {
			*err = e2;
			goto out;
		}
		rc = CORE_OK;
	}
	if (cnt > 0)
		qsort(v, cnt, sizeof *v, outbox_cmp);
	*vp = v;
	*np = cnt;
	v = NULL;
out:
	if (v != NULL)
		net_outbox_list_free(&v, cnt);
	net_store_names_free(&names, n);
	return rc;
}

void
net_outbox_list_free(struct net_outbox_entry **vp, size_t n)
{
	size_t	i;

	if (*vp == NULL)
		return;
	for (i = 0; i < n; i++)
		net_outbox_entry_clear(&(*vp)[i]);
	core_free(*vp);
	*vp = NULL;
}

void
net_receipt_rec_init(struct net_receipt_rec *r)
{
	memset(r, 0, sizeof *r);
}

void
net_receipt_rec_clear(struct net_receipt_rec *r)
{
	net_jfile_clear(receipt_fields, NRECEIPT_FIELDS, r, NULL);
}

enum core_code
net_receipt_rec_save(struct net_store *st, const struct net_receipt_rec *r,
    struct core_err *err)
{
	char	name[CORE_SHA256_HEX_LEN + 8];

	if (r->receipt == NULL || strlen(r->receipt) != CORE_SHA256_HEX_LEN)
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "a receipt record names its receipt object");
	snprintf(name, sizeof name, "%s.json", r->receipt);
	return net_jfile_save(st, NET_DIR_RECEIPTS, name, receipt_fields,
	    NRECEIPT_FIELDS, r, err);
}

/* Oldest first. */
static int
receipt_cmp(const void *a, const void *b)
{
	const struct net_receipt_rec	*x = a, *y = b;

	return strcmp(x->received_at != NULL ? x->received_at : "",
	    y->received_at != NULL ? y->received_at : "");
}

enum core_code
net_receipt_rec_list(struct net_store *st, struct net_receipt_rec **vp,
    size_t *np, struct core_err *err)
{
	struct net_receipt_rec	*v = NULL;
	struct core_err		 e2;
	char			**names = NULL;
	size_t			 n = 0, i, cnt = 0;
	enum core_code		 rc;

	*vp = NULL;
	*np = 0;
	if ((rc = net_store_list(st, NET_DIR_RECEIPTS, ".json", &names, &n,
	    err)) != CORE_OK)
		return rc;
	if (n > 0 && (v = core_calloc(n, sizeof *v)) == NULL) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
		goto out;
	}
	for (i = 0; i < n; i++) {
		rc = net_jfile_load(st, NET_DIR_RECEIPTS, names[i], receipt_fields,
		    NRECEIPT_FIELDS, &v[cnt], &e2);
		if (rc == CORE_OK)
			cnt++;
		else if (rc == CORE_E_NOMEM || rc == CORE_E_IO) {
			*err = e2;
			goto out;
		}
		rc = CORE_OK;
	}
	if (cnt > 0)
		qsort(v, cnt, sizeof *v, receipt_cmp);
	*vp = v;
	*np = cnt;
	v = NULL;
out:
	if (v != NULL)
		net_receipt_rec_list_free(&v, cnt);
	net_store_names_free(&names, n);
	return rc;
}

void
net_receipt_rec_list_free(struct net_receipt_rec **vp, size_t n)
{
	size_t	i;

	if (*vp == NULL)
		return;
	for (i = 0; i < n; i++)
		net_receipt_rec_clear(&(*vp)[i]);
	core_free(*vp);
	*vp = NULL;
}
