/*
 * case.h: a case is one decision the person is looking at: where it came
 * from, what was fetched and how it verified, and where a contest stands.
 *
 * Stored as cases/<id>.json.  The id is short and typed by people
 * (`recourse status LN-2026-004217`): the decision's reference with every
 * character outside [A-Za-z0-9._-] turned into "-", and "-2", "-3", ... when
 * another service already used the same reference.
 *
 * The signed documents themselves live in objects/; the case names them by
 * their SHA-256 ("decision", "discovery", "receipt", "status").
 *
 * The access code is a secret.  It is kept in the case ("access_code") only
 * when the person asked for it (--remember-code); the file is 0600 in a 0700
 * folder, and the code is never logged or put in a URL.
 */
#ifndef RECOURSE_NET_CASE_H
#define RECOURSE_NET_CASE_H

#include <stddef.h>

#include "core/error.h"
#include "net/store.h"

#define NET_CASE_ID_MAX		64

/* Where a contest stands, in the case. */
#define NET_CONTEST_NONE	"none"		/* nothing sent */
#define NET_CONTEST_QUEUED	"queued"	/* in the outbox, no receipt yet */

struct net_case {
	char	 id[NET_CASE_ID_MAX + 1];
	char	*service;	/* the URL the person gave */
	char	*service_id;	/* the service's origin, from discovery */
	char	*reference;	/* the decision's reference (from the letter) */
	char	*decisions_url;	/* endpoints, from discovery */
	char	*contests_url;
	char	*decision_id;	/* the record's "id" */
	char	*decision;	/* object: the signed decision, as fetched */
	char	*decision_sha256; /* hex SHA-256 of its payload bytes */
	char	*discovery;	/* object: the discovery document */
	char	*issued_at;	/* the record's issued_at */
	char	*verdict;	/* core_verdict_id() of the last verification */
	char	*verdict_reason; /* message id of the deciding check, or NULL */
	char	*verdict_detail; /* its detail (untrusted text) */
	char	*checked_at;
	char	*deadline;	/* last day to contest (YYYY-MM-DD), or NULL */
	char	*contest_status; /* NET_CONTEST_*, or a status of recourse/1 */
	char	*contest_id;
	char	*receipt;	/* object: the signed receipt */
	char	*status_url;
	char	*answer_due;	/* YYYY-MM-DD */
	char	*status;	/* object: the last signed status */
	char	*status_checked_at;
	char	*opened_at;
	char	*updated_at;
	char	*access_code;	/* only with --remember-code */
};

void		net_case_init(struct net_case *c);
/* Free the strings (the access code is wiped first). */
void		net_case_clear(struct net_case *c);
/* Set a string member (slot points into c) to a copy of v. */
enum core_code	net_case_set(char **slot, const char *v);

enum core_code	net_case_load(struct net_store *st, const char *id,
		    struct net_case *c, struct core_err *err);
/* Write the case (updated_at is set to now). */
enum core_code	net_case_save(struct net_store *st, struct net_case *c,
		    struct core_err *err);
enum core_code	net_case_remove(struct net_store *st, const char *id,
		    struct core_err *err);

/*
 * Every case, most recently updated first.  A damaged file is set aside
 * (see net_store_quarantined) and the others are listed; *v is an array of
 * *n cases to free with net_case_list_free.
 */
enum core_code	net_case_list(struct net_store *st, struct net_case **v,
		    size_t *n, struct core_err *err);
void		net_case_list_free(struct net_case **v, size_t n);

/*
 * The id for a case of (service_id, reference): the id of the case that
 * already has them, else a new unused id.  *existing says which.
 */
enum core_code	net_case_id_for(struct net_store *st, const char *service_id,
		    const char *reference, char id[NET_CASE_ID_MAX + 1],
		    int *existing, struct core_err *err);

/*
 * The case a person named: its id, or the reference of exactly one case, or
 * (name NULL) the only case there is.  CORE_E_NOT_FOUND when none matches;
 * CORE_E_ARG (with the candidates in err's detail) when several do.
 */
enum core_code	net_case_resolve(struct net_store *st, const char *name,
		    char id[NET_CASE_ID_MAX + 1], struct core_err *err);

#endif
