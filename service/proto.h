/*
 * proto.h: the protocol answers of recourse-service that are computed per
 * request (contests and status), kept apart from the HTTP library so that
 * http.c only carries bytes.
 *
 * Answers:
 *   POST /contests
 *     400 no or malformed Idempotency-Key, or a body that is not strict JSON
 *     401 no access code, or one that does not open the decision named
 *     409 the key was used before with another body (idempotency-conflict),
 *         or the decision named has been replaced by a newer record
 *         (superseded)
 *     413 the body is over the limit (decided in http.c)
 *     415 Content-Type is not application/json
 *     429 too many codes were refused for the reference of the decision
 *         named (an unknown decision_id counts under its own name), even
 *         when this one is right
 *     422 the body breaks the protocol or the decision's contest terms
 *         (invalid-contest), names another payload than the one served
 *         (decision-mismatch), or comes after contest.deadline
 *         (deadline-passed)
 *     201 a new contest, with the signed receipt; the same key with the same
 *         body again gets 201 and the very same receipt bytes (a client whose
 *         first answer was lost cannot tell the difference, and need not)
 *   GET /status/<contest_id>
 *     401 no access code or the wrong one; 404 no such contest;
 *     429 too many codes were refused for the contest's reference (or, for
 *         an unknown contest, for its id); 200 the signed status record
 */
#ifndef RECOURSE_SERVICE_PROTO_H
#define RECOURSE_SERVICE_PROTO_H

#include <stddef.h>

#include "core/buf.h"
#include "service/reflimit.h"
#include "service/site.h"
#include "service/store.h"

#define SVC_TYPE_JSON		"application/json"
#define SVC_TYPE_JOSE		"application/jose+json"
#define SVC_TYPE_PROBLEM	"application/problem+json"
/* Problem types of recourse-protocol(7), ERROR ANSWERS: this and a name. */
#define SVC_PROBLEM_BASE	"https://recourse.example/problems/"

struct svc_reply {
	unsigned	 status;
	const char	*type;
	struct core_buf	 body;
	const char	*allow;		/* Allow header for 405, or NULL */
	unsigned	 retry_after;	/* seconds for 429, or 0 */
	int		 challenge;	/* send WWW-Authenticate: Bearer */
};

struct svc_proto {
	const struct svc_site	*site;
	struct svc_store	*store;
	struct svc_reflimit	*refl;	/* refused codes per reference, or NULL */
};

/* What a request brought: header values may be NULL when absent. */
struct svc_request {
	const char	*authorization;
	const char	*idempotency_key;
	const char	*content_type;
	const unsigned char *body;
	size_t		 body_len;
};

void	svc_reply_init(struct svc_reply *r);
void	svc_reply_free(struct svc_reply *r);
/* An RFC 9457 problem of type SVC_PROBLEM_BASE<slug>, or about:blank when
 * slug is NULL (a status the protocol gives no type of its own). */
void	svc_reply_problem(struct svc_reply *r, unsigned status, const char *slug,
	    const char *title, const char *detail);

/* The access code of an Authorization: Bearer header; NULL when absent or
 * malformed, else the code with its length in *len. */
const char *svc_bearer(const char *authorization, size_t *len);
/* 429 for a reference past its limit of refused codes, to wait seconds. */
void	svc_reply_locked(struct svc_reply *r, unsigned wait);

void	svc_contest_post(const struct svc_proto *p, const struct svc_request *rq,
	    struct svc_reply *r);
void	svc_status_get(const struct svc_proto *p, const struct svc_request *rq,
	    const char *contest_id, struct svc_reply *r);

#endif
