/*
 * store.h: the contests a service has received, durable on disk.
 *
 * Each contest is one file STATE/contests/<contest_id>.json, written through a
 * temporary file, fsync'd, renamed into place and the folder fsync'd before
 * svc_store_add() returns; so once a receipt is sent, a crash (even kill -9)
 * loses nothing.  The file holds
 *   {"contest_id","reference","decision_id","idempotency_key","body_sha256",
 *    "body" (the exact request body),"receipt" (the signed receipt, exact),
 *    "received_at","answer_due","status","history":[{"at","status","note"}]}
 * and every such file is loaded at start.
 *
 * Threads: a submission reserves its (reference, key) first, so that two
 * with the same key never run at once while others are written side by
 * side; lookups may run in any thread at any time.  A contest, once added, is never changed or
 * freed before the store is, so the pointers handed out stay valid.
 */
#ifndef RECOURSE_SERVICE_STORE_H
#define RECOURSE_SERVICE_STORE_H

#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"

#define SVC_MIN_IDEM_KEY	16	/* bytes in an Idempotency-Key */
#define SVC_MAX_IDEM_KEY	128
#define SVC_MAX_CONTESTS	(1u << 20)

struct svc_contest {
	char		 contest_id[40];
	char		*reference;
	char		*decision_id;
	char		*idem_key;
	char		 body_sha256[CORE_SHA256_HEX_LEN + 1];
	struct core_buf	 body;
	struct core_buf	 receipt;
	char		 received_at[21];
	char		 answer_due[11];
	char		*status;
	json_t		*history;
};

struct svc_store;

/* Open (make) the folder dir/contests and load every contest in it. */
enum core_code	svc_store_open(const char *dir, struct svc_store **out,
		    struct core_err *err);
void		svc_store_free(struct svc_store **st);
size_t		svc_store_count(struct svc_store *st);

/* Reserve (reference, key) for a new contest, waiting while another
 * submission holds it.  When a contest already has the key, *old gets it
 * and nothing is reserved; otherwise room is made for the contest and the
 * caller must end with svc_store_release(), after svc_store_add() or not. */
enum core_code	svc_store_reserve(struct svc_store *st, const char *reference,
		    const char *key, const struct svc_contest **old);
void		svc_store_release(struct svc_store *st, const char *reference,
		    const char *key);

/* The contest under (reference, key), or NULL. */
const struct svc_contest *svc_store_by_key(struct svc_store *st,
		    const char *reference, const char *key);
/* The contest with this id, or NULL. */
const struct svc_contest *svc_store_by_id(struct svc_store *st, const char *id);

/* The file of contest id in the folder dir, parsed, with its status and
 * history checked to be there: *out is a new reference. */
enum core_code	svc_store_read_contest(const char *dir, const char *id,
		    json_t **out, struct core_err *err);
/* The status and history of c as its file holds them now: recourse-service
 * status changes them there while the service runs.  On success *status and
 * *history are new references. */
enum core_code	svc_store_status(struct svc_store *st, const struct svc_contest *c,
		    json_t **status, json_t **history, struct core_err *err);

/* Write c durably and add it; the store takes c (also on failure).  Its key
 * must be reserved. */
enum core_code	svc_store_add(struct svc_store *st, struct svc_contest *c,
		    struct core_err *err);

void		svc_contest_free(struct svc_contest **c);

#endif
