/* store.c: contests on disk, indexed by id and by idempotency key. */
#include "config.h"

#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "service/service.h"
#include "service/store.h"

/* A submission under way: its key is taken until it is stored or fails. */
struct store_pending {
	char			*reference;
	char			*key;
	struct store_pending	*next;
};

struct svc_store {
	char			 dir[4096];	/* STATE/contests */
	pthread_mutex_t		 submit;	/* guards pending */
	pthread_cond_t		 done;		/* a pending submission ended */
	struct store_pending	*pending;
	size_t			 npending;
	pthread_rwlock_t	 lock;		/* guards the tables */
	struct svc_contest	**all;		/* in the order added */
	size_t			 n, cap;
	struct svc_contest	**by_id;	/* open addressing, size slots */
	struct svc_contest	**by_key;
	size_t			 slots;		/* a power of two */
};

/* FNV-1a over one or two strings (b may be NULL). */
static uint64_t
store_hash(const char *a, const char *b)
{
	uint64_t	h = 1469598103934665603ULL;

	for (; *a != '\0'; a++)
		h = (h ^ (unsigned char)*a) * 1099511628211ULL;
	if (b != NULL) {
		h = (h ^ 0xffu) * 1099511628211ULL;
		for (; *b != '\0'; b++)
			h = (h ^ (unsigned char)*b) * 1099511628211ULL;
	}
	return h;
}

/* Put c in both tables (which have room). */
static void
store_index(struct svc_store *st, struct svc_contest *c)
{
	size_t	mask = st->slots - 1, i;

	i = (size_t)store_hash(c->contest_id, NULL) & mask;
	while (st->by_id[i] != NULL)
		i = (i + 1) & mask;
	st->by_id[i] = c;
	i = (size_t)store_hash(c->reference, c->idem_key) & mask;
	while (st->by_key[i] != NULL)
		i = (i + 1) & mask;
	st->by_key[i] = c;
}

/* Make room for more more contests: the list and tables under half full. */
static enum core_code
store_grow(struct svc_store *st, size_t more)
{
	struct svc_contest	**all, **id, **key;
	size_t			  slots, i;

	if (st->n + more > SVC_MAX_CONTESTS)
		return CORE_E_TOO_LARGE;
	if (st->n + more > st->cap) {
		i = st->cap == 0 ? 256 : st->cap;
		while (i < st->n + more)
			i *= 2;
		if ((all = core_realloc(st->all, i * sizeof *all)) == NULL)
			return CORE_E_NOMEM;
		st->all = all;
		st->cap = i;
	}
	if ((st->n + more) * 2 <= st->slots)
		return CORE_OK;
	slots = st->slots == 0 ? 512 : st->slots * 2;
	while (slots < (st->n + more) * 2)
		slots *= 2;
	id = core_calloc(slots, sizeof *id);
	key = core_calloc(slots, sizeof *key);
	if (id == NULL || key == NULL) {
		core_free(id);
		core_free(key);
		return CORE_E_NOMEM;
	}
	core_free(st->by_id);
	core_free(st->by_key);
	st->by_id = id;
	st->by_key = key;
	st->slots = slots;
	for (i = 0; i < st->n; i++)
		store_index(st, st->all[i]);
	return CORE_OK;
}

/* Add c to the list and tables (the caller holds the write lock). */
static enum core_code
store_insert(struct svc_store *st, struct svc_contest *c)
{
	enum core_code	rc;

	if ((rc = store_grow(st, 1)) != CORE_OK)
		return rc;
	st->all[st->n++] = c;
	store_index(st, c);
	return CORE_OK;
}

void
svc_contest_free(struct svc_contest **cp)
{
	struct svc_contest	*c = *cp;

	if (c == NULL)
		return;
	core_free(c->reference);
	core_free(c->decision_id);
	core_free(c->idem_key);
	core_free(c->status);
	core_buf_free(&c->body);
	core_buf_free(&c->receipt);
	json_decref(c->history);
	core_free(c);
	*cp = NULL;
}

/* Copy the string member name of o into a new string. */
static int
store_str(const json_t *o, const char *name, char **out)
{
	const json_t	*v = json_object_get(o, name);

	if (!json_is_string(v))
		return -1;
	*out = core_strndup(json_string_value(v), json_string_length(v));
	return *out == NULL ? -1 : 0;
}

/* Copy the string member name of o into a fixed buffer of exactly len. */
static int
store_fixed(const json_t *o, const char *name, char *out, size_t max)
{
	const json_t	*v = json_object_get(o, name);

	if (!json_is_string(v) || json_string_length(v) >= max ||
	    json_string_length(v) == 0)
		return -1;
	memcpy(out, json_string_value(v), json_string_length(v) + 1);
	return 0;
}

/* Build a contest from its file's JSON. */
static enum core_code
store_from_json(const json_t *o, struct svc_contest **out, struct core_err *err)
{
	enum core_code		 rc = CORE_OK;
	struct svc_contest	*c;
	const json_t		*body, *receipt, *hist;

	*out = NULL;
	if ((c = core_calloc(1, sizeof *c)) == NULL)
		return CORE_E_NOMEM;
	core_buf_init(&c->body, SVC_MAX_DOC);
	core_buf_init(&c->receipt, SVC_MAX_DOC);
	body = json_object_get(o, "body");
	receipt = json_object_get(o, "receipt");
	hist = json_object_get(o, "history");
	if (store_fixed(o, "contest_id", c->contest_id, sizeof c->contest_id) ||
	    store_fixed(o, "body_sha256", c->body_sha256, sizeof c->body_sha256) ||
	    store_fixed(o, "received_at", c->received_at, sizeof c->received_at) ||
	    store_fixed(o, "answer_due", c->answer_due, sizeof c->answer_due) ||
	    store_str(o, "reference", &c->reference) ||
	    store_str(o, "decision_id", &c->decision_id) ||
	    store_str(o, "idempotency_key", &c->idem_key) ||
	    store_str(o, "status", &c->status) ||
	    !json_is_string(body) || !json_is_string(receipt) ||
	    !json_is_array(hist)) {
		rc = core_err_set(err, CORE_E_STORE_CORRUPT, CORE_NO_OFFSET,
		    "a member is missing or of the wrong type");
		goto out;
	}
	if ((rc = core_buf_add(&c->body, json_string_value(body),
	    json_string_length(body))) != CORE_OK ||
	    (rc = core_buf_add(&c->receipt, json_string_value(receipt),
	    json_string_length(receipt))) != CORE_OK)
		goto out;
	c->history = json_incref((json_t *)hist);
	*out = c;
	c = NULL;
out:
	svc_contest_free(&c);
	return rc;
}

/* The file form of c. */
static enum core_code
store_to_json(const struct svc_contest *c, struct core_buf *out)
{
	enum core_code	 rc;
	json_t		*o;

	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s%, s:s%, s:s, s:s, s:s, s:O}",
	    "contest_id", c->contest_id, "reference", c->reference,
	    "decision_id", c->decision_id, "idempotency_key", c->idem_key,
	    "body_sha256", c->body_sha256,
	    "body", core_buf_str(&c->body), c->body.len,
	    "receipt", core_buf_str(&c->receipt), c->receipt.len,
	    "received_at", c->received_at, "answer_due", c->answer_due,
	    "status", c->status, "history", c->history);
	if (o == NULL)
		return CORE_E_NOMEM;
	rc = svc_json_dump(o, JSON_INDENT(1) | JSON_SORT_KEYS, out);
	if (rc == CORE_OK)
		rc = core_buf_addc(out, '\n');
	json_decref(o);
	return rc;
}

/* Load one contest file. */
static enum core_code
store_load_one(struct svc_store *st, const char *name, struct core_err *err)
{
	enum core_code		 rc;
	struct svc_contest	*c = NULL;
	struct core_buf		 src;
	char			 path[4096];
	json_t			*o = NULL;

	core_buf_init(&src, 0);
	if (svc_path(path, sizeof path, st->dir, name) != CORE_OK) {
		rc = CORE_E_TOO_LARGE;
		goto out;
	}
	if ((rc = svc_read_file(path, 4 * SVC_MAX_DOC, &src, err)) != CORE_OK)
		goto out;
	if ((rc = core_json_parse(src.data, src.len, NULL, &o, err)) != CORE_OK ||
	    (rc = store_from_json(o, &c, err)) != CORE_OK) {
		core_err_set(err, CORE_E_STORE_CORRUPT, CORE_NO_OFFSET, "%s: %s",
		    path, err->detail);
		rc = CORE_E_STORE_CORRUPT;
		goto out;
	}
	if (svc_store_by_id(st, c->contest_id) != NULL ||
	    svc_store_by_key(st, c->reference, c->idem_key) != NULL) {
		rc = core_err_set(err, CORE_E_STORE_CORRUPT, CORE_NO_OFFSET,
		    "%s: a second contest with the same id or key", path);
		goto out;
	}
	if ((rc = store_insert(st, c)) != CORE_OK)
		goto out;
	c = NULL;
out:
	svc_contest_free(&c);
	json_decref(o);
	core_buf_free(&src);
	return rc;
}

enum core_code
svc_store_open(const char *dir, struct svc_store **out, struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	struct svc_store *st;
	struct dirent	*de;
	char		 path[4096];
	size_t		 len;
	DIR		*d = NULL;

	*out = NULL;
	if ((st = core_calloc(1, sizeof *st)) == NULL)
		return CORE_E_NOMEM;
	pthread_mutex_init(&st->submit, NULL);
	pthread_cond_init(&st->done, NULL);
	pthread_rwlock_init(&st->lock, NULL);
	if (svc_path(st->dir, sizeof st->dir, dir, "contests") != CORE_OK) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "%s: path too long", dir);
		goto out;
	}
	if ((rc = svc_mkdirs(st->dir, 0700, err)) != CORE_OK)
		goto out;
	if ((d = opendir(st->dir)) == NULL) {
		rc = core_err_set(err, CORE_E_IO, CORE_NO_OFFSET, "%s: cannot open",
		    st->dir);
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.') {
			/* A temporary file left by a crash before its rename: the
			 * contest was never acknowledged, so it is dropped. */
			if (len > 4 && strcmp(de->d_name + len - 4, ".tmp") == 0 &&
			    svc_path(path, sizeof path, st->dir, de->d_name) == CORE_OK)
				unlink(path);
			continue;
		}
		if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		if ((rc = store_load_one(st, de->d_name, err)) != CORE_OK)
			goto out;
	}
	*out = st;
	st = NULL;
out:
	if (d != NULL)
		closedir(d);
	svc_store_free(&st);
	return rc;
}

void
svc_store_free(struct svc_store **stp)
{
	struct svc_store	*st = *stp;
	size_t			 i;

	if (st == NULL)
		return;
	for (i = 0; i < st->n; i++)
		svc_contest_free(&st->all[i]);
	core_free(st->all);
	core_free(st->by_id);
	core_free(st->by_key);
	pthread_mutex_destroy(&st->submit);
	pthread_cond_destroy(&st->done);
	pthread_rwlock_destroy(&st->lock);
	core_free(st);
	*stp = NULL;
}

size_t
svc_store_count(struct svc_store *st)
{
	size_t	n;

	pthread_rwlock_rdlock(&st->lock);
	n = st->n;
	pthread_rwlock_unlock(&st->lock);
	return n;
}

/* The pending submission under (reference, key), or NULL (st->submit held). */
static struct store_pending *
store_pending_find(struct svc_store *st, const char *reference, const char *key)
{
	struct store_pending	*p;

	for (p = st->pending; p != NULL; p = p->next)
		if (strcmp(p->reference, reference) == 0 && strcmp(p->key, key) == 0)
			return p;
	return NULL;
}

enum core_code
svc_store_reserve(struct svc_store *st, const char *reference, const char *key,
    const struct svc_contest **old)
{
	enum core_code		 rc = CORE_OK;
	struct store_pending	*p = NULL;

	*old = NULL;
	pthread_mutex_lock(&st->submit);
	/* A submission with the same key under way: wait for its end. */
	while (store_pending_find(st, reference, key) != NULL)
		pthread_cond_wait(&st->done, &st->submit);
	if ((*old = svc_store_by_key(st, reference, key)) != NULL)
		goto out;
	/* Room for every submission under way, made before any is written, so
	 * that a contest on disk is always one in memory. */
	pthread_rwlock_wrlock(&st->lock);
	rc = store_grow(st, st->npending + 1);
	pthread_rwlock_unlock(&st->lock);
	if (rc != CORE_OK)
		goto out;
	if ((p = core_calloc(1, sizeof *p)) == NULL ||
	    (p->reference = core_strdup(reference)) == NULL ||
	    (p->key = core_strdup(key)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	p->next = st->pending;
	st->pending = p;
	st->npending++;
	p = NULL;
out:
	pthread_mutex_unlock(&st->submit);
	if (p != NULL) {
		core_free(p->reference);
		core_free(p->key);
		core_free(p);
	}
	return rc;
}

void
svc_store_release(struct svc_store *st, const char *reference, const char *key)
{
	struct store_pending	**pp, *p;

	pthread_mutex_lock(&st->submit);
	for (pp = &st->pending; (p = *pp) != NULL; pp = &p->next) {
		if (strcmp(p->reference, reference) == 0 && strcmp(p->key, key) == 0) {
			*pp = p->next;
			st->npending--;
			core_free(p->reference);
			core_free(p->key);
			core_free(p);
			break;
		}
	}
	pthread_cond_broadcast(&st->done);
	pthread_mutex_unlock(&st->submit);
}

const struct svc_contest *
svc_store_by_key(struct svc_store *st, const char *reference, const char *key)
{
	struct svc_contest	*c, *found = NULL;
	size_t			 i, mask;

	pthread_rwlock_rdlock(&st->lock);
	if (st->slots == 0)
		goto out;
	mask = st->slots - 1;
	i = (size_t)store_hash(reference, key) & mask;
	while ((c = st->by_key[i]) != NULL) {
		if (strcmp(c->reference, reference) == 0 &&
		    strcmp(c->idem_key, key) == 0) {
			found = c;
			break;
		}
		i = (i + 1) & mask;
	}
out:
	pthread_rwlock_unlock(&st->lock);
	return found;
}

const struct svc_contest *
svc_store_by_id(struct svc_store *st, const char *id)
{
	struct svc_contest	*c, *found = NULL;
	size_t			 i, mask;

	pthread_rwlock_rdlock(&st->lock);
	if (st->slots == 0)
		goto out;
	mask = st->slots - 1;
	i = (size_t)store_hash(id, NULL) & mask;
	while ((c = st->by_id[i]) != NULL) {
		if (strcmp(c->contest_id, id) == 0) {
			found = c;
			break;
		}
		i = (i + 1) & mask;
	}
out:
	pthread_rwlock_unlock(&st->lock);
	return found;
}

enum core_code
svc_store_read_contest(const char *dir, const char *id, json_t **out,
    struct core_err *err)
{
	enum core_code	 rc;
	struct core_buf	 src;
	char		 name[64], path[4096];
	json_t		*o = NULL;
	const json_t	*cid;

	*out = NULL;
	core_buf_init(&src, 0);
	snprintf(name, sizeof name, "%s.json", id);
	if (svc_path(path, sizeof path, dir, name) != CORE_OK) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "%s/%s: the path is too long", dir, name);
		goto out;
	}
	if ((rc = svc_read_file(path, 4 * SVC_MAX_DOC, &src, err)) != CORE_OK ||
	    (rc = core_json_parse(src.data, src.len, NULL, &o, err)) != CORE_OK)
		goto out;
	cid = json_object_get(o, "contest_id");
	if (!json_is_string(json_object_get(o, "status")) ||
	    !json_is_array(json_object_get(o, "history")) ||
	    json_array_size(json_object_get(o, "history")) == 0 ||
	    !json_is_string(cid) || strcmp(json_string_value(cid), id) != 0) {
		rc = core_err_set(err, CORE_E_STORE_CORRUPT, CORE_NO_OFFSET,
		    "%s: status or history missing", path);
		goto out;
	}
	*out = o;
	o = NULL;
out:
	json_decref(o);
	core_buf_free(&src);
	return rc;
}

enum core_code
svc_store_status(struct svc_store *st, const struct svc_contest *c,
    json_t **status, json_t **history, struct core_err *err)
{
	enum core_code	 rc;
	json_t		*o = NULL;

	*status = *history = NULL;
	if ((rc = svc_store_read_contest(st->dir, c->contest_id, &o,
	    err)) != CORE_OK)
		return rc;
	*status = json_incref(json_object_get(o, "status"));
	*history = json_incref(json_object_get(o, "history"));
	json_decref(o);
	return CORE_OK;
}

enum core_code
svc_store_add(struct svc_store *st, struct svc_contest *c, struct core_err *err)
{
	enum core_code	rc;
	struct core_buf	file;
	char		name[64];

	core_buf_init(&file, 8 * SVC_MAX_DOC);
	if ((rc = store_to_json(c, &file)) != CORE_OK) {
		core_err_set(err, rc, CORE_NO_OFFSET, "contest %s", c->contest_id);
		goto out;
	}
	snprintf(name, sizeof name, "%s.json", c->contest_id);
	if ((rc = svc_write_atomic(st->dir, name, file.data, file.len, 0600,
	    err)) != CORE_OK)
		goto out;
	pthread_rwlock_wrlock(&st->lock);
	rc = store_insert(st, c);
	pthread_rwlock_unlock(&st->lock);
	if (rc == CORE_OK)
		c = NULL;
out:
	svc_contest_free(&c);
	core_buf_free(&file);
	return rc;
}
