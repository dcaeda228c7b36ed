/*
 * outbox.h: contests waiting for their receipt, and the receipts kept.
 *
 * A contest goes into the outbox, with its idempotency key (128 random bits
 * from the system's CSPRNG, as 32 hex digits) and the exact bytes of its
 * body, and is written to disk (atomically, fsync'd) BEFORE it is sent.  It
 * is sent, with that key and those bytes, until a verified receipt arrives;
 * only then is the entry removed.  Because one file holds key and body
 * together, and the file is checked against the body's SHA-256 each time it
 * is read, the service can never see two bodies under one key from us.  After
 * a crash or kill -9 at any moment the entry is still there (or was never
 * written, and nothing was sent) and the next start sends it again; the
 * service answers a repeated key and body with the same receipt.
 *
 * The access code is not written into the outbox: an entry is sent with the
 * code the person gives (or the case remembers, --remember-code).
 *
 * outbox/<key>.json:
 *   {"version":1,"key","case","service_id","contests_url","decision_id",
 *    "body","body_sha256","created_at","attempts","state","last_error",
 *    "not_before"}
 * state is "pending" (to be sent), "conflict" (the service holds another
 * body under this key: 409; never resent) or "refused" (the service refused
 * it, e.g. 400 or 403; kept until the person resends or discards it).
 *
 * receipts/<sha256 of the receipt>.json records one verified receipt: the
 * case, the objects of the receipt and of the body (both kept byte for byte
 * in objects/), and the fields people look for.
 */
#ifndef RECOURSE_NET_OUTBOX_H
#define RECOURSE_NET_OUTBOX_H

#include <stddef.h>

#include "core/error.h"
#include "core/hash.h"
#include "net/store.h"

#define NET_OUTBOX_KEY_LEN	32		/* hex digits */
#define NET_OUTBOX_MAX_BODY	(512u * 1024u)

#define NET_OUTBOX_PENDING	"pending"
#define NET_OUTBOX_CONFLICT	"conflict"
#define NET_OUTBOX_REFUSED	"refused"

struct net_outbox_entry {
	char		*key;
	char		*case_id;
	char		*service_id;
	char		*contests_url;
	char		*decision_id;
	char		*body;		/* the exact bytes to send (UTF-8 JSON) */
	size_t		 body_len;
	char		*body_sha256;
	char		*created_at;
	long long	 attempts;
	char		*state;		/* NET_OUTBOX_* */
	char		*last_error;	/* untrusted text may be in it */
	long long	 not_before;	/* do not send before (Unix time), or 0 */
};

void		net_outbox_entry_init(struct net_outbox_entry *e);
void		net_outbox_entry_clear(struct net_outbox_entry *e);

/* Generate a key and write the entry (state pending) before anything is
 * sent.  body must be UTF-8 with no NUL, at most NET_OUTBOX_MAX_BODY. */
enum core_code	net_outbox_add(struct net_store *st, const char *case_id,
		    const char *service_id, const char *contests_url,
		    const char *decision_id, const void *body, size_t body_len,
		    struct net_outbox_entry *out, struct core_err *err);
/* Read one entry; a file whose body does not match its body_sha256, or that
 * is otherwise damaged, is set aside (CORE_E_STORE_CORRUPT). */
enum core_code	net_outbox_load(struct net_store *st, const char *key,
		    struct net_outbox_entry *e, struct core_err *err);
/* Rewrite an entry's bookkeeping (attempts, state, last_error, not_before);
 * the body must still be the one of the file. */
enum core_code	net_outbox_update(struct net_store *st,
		    const struct net_outbox_entry *e, struct core_err *err);
enum core_code	net_outbox_remove(struct net_store *st, const char *key,
		    struct core_err *err);
/* Every entry, oldest first; damaged ones are set aside and skipped. */
enum core_code	net_outbox_list(struct net_store *st, struct net_outbox_entry **v,
		    size_t *n, struct core_err *err);
void		net_outbox_list_free(struct net_outbox_entry **v, size_t n);

/* One verified receipt, as kept in receipts/. */
struct net_receipt_rec {
	char		*case_id;
	char		*service_id;
	char		*decision_id;
	char		*contest_id;
	char		*receipt;	/* object: the signed receipt */
	char		*body;		/* object: the body sent (= body_sha256) */
	char		*idempotency_key;
	char		*received_at;
	char		*answer_due;
	char		*status_url;
};

void		net_receipt_rec_init(struct net_receipt_rec *r);
void		net_receipt_rec_clear(struct net_receipt_rec *r);
enum core_code	net_receipt_rec_save(struct net_store *st,
		    const struct net_receipt_rec *r, struct core_err *err);
/* Every receipt record (damaged ones set aside), oldest first. */
enum core_code	net_receipt_rec_list(struct net_store *st,
		    struct net_receipt_rec **v, size_t *n, struct core_err *err);
void		net_receipt_rec_list_free(struct net_receipt_rec **v, size_t n);

#endif
