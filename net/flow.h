/*
 * flow.h: what the person asks of the network, as flows that run on the
 * client's loop: open a case, refresh it, send a contest from the outbox,
 * fetch a contest's status, refresh a registry.
 *
 * A flow is a short chain of requests (discovery first, for the service's
 * keys) followed by local verification and durable storage.  It never
 * blocks: it starts, runs from net_client_perform, and ends by calling its
 * net_flow_fn once (never from inside the call that started it).  Cancelling
 * a flow stops its requests and timers, does not call its callback, and
 * leaves the store as it was after the last completed write.
 *
 * Transient failures (connection refused or reset, time-outs, 5xx, 429/503
 * with Retry-After) are retried inside the flow up to ctx->max_attempts
 * times, waiting an exponential backoff with jitter or the Retry-After the
 * service asked for, whichever is longer, as long as the wait is at most
 * ctx->max_wait seconds; otherwise the flow ends with the error and
 * outcome.retry_after says how long the service asked to wait.
 *
 * Verdicts are computed here, offline, from the bytes received
 * (core_trust_verify_doc and core_record_parse); a document is stored byte
 * for byte in objects/ whatever its verdict, as evidence, but a case points
 * at it only as the description above each function says.
 */
#ifndef RECOURSE_NET_FLOW_H
#define RECOURSE_NET_FLOW_H

#include <stddef.h>

#include "core/error.h"
#include "core/trust.h"
#include "core/verdict.h"
#include "net/case.h"
#include "net/client.h"
#include "net/store.h"

/* What every flow needs; owned by the caller, alive while flows run. */
struct net_ctx {
	struct net_client	*client;
	struct net_store	*store;
	struct core_trust	*trust;
	struct core_trust_state	*trust_state;	/* saved to state/ on change */
	int			 max_attempts;	/* per request, >= 1 */
	long			 max_wait;	/* seconds one wait may last */
};

/* How a flow ended. */
struct net_outcome {
	enum core_code		code;		/* CORE_OK, or why it failed */
	struct core_err		err;
	char			case_id[NET_CASE_ID_MAX + 1];
	int			have_verdict;	/* verdict below is filled */
	struct core_verdict	verdict;	/* of the document received */
	long			http_status;	/* of the last answer, or 0 */
	long			retry_after;	/* seconds asked, or -1 */
	char			problem_title[256];	/* untrusted */
	char			problem_detail[512];	/* untrusted */
	int			attempts;	/* requests made for the last step */
	/* open and fetch */
	int			unchanged;	/* the record kept was sent again */
	int			replaced;	/* a newer record replaced the kept one */
	int			kept_old;	/* the record received did not verify;
						   the case keeps the one that did */
	/* send */
	int			duplicate;	/* the service had it already */
	/* status */
	char			status[32];	/* "received", "under_review", ... */
};

struct net_flow;
typedef void	(*net_flow_fn)(struct net_flow *f, const struct net_outcome *o,
		    void *arg);

/*
 * Open a case: discover the service at service (its URL), fetch decision
 * reference with the access code, verify it, and store the document, the
 * discovery document and the case.  When a case for the same service and
 * reference exists, this refreshes it (net_flow_fetch).  With remember, the
 * case keeps the access code.
 *
 * A record older than the one the case holds (issued_at earlier, or the same
 * issued_at with other bytes) is a replay: it is kept in objects/ but the
 * case is not changed and the flow ends with CORE_E_SUPERSEDED.
 */
enum core_code	net_flow_open(struct net_ctx *ctx, const char *service,
		    const char *reference, const char *code, int remember,
		    net_flow_fn done, void *arg, struct net_flow **out,
		    struct core_err *err);
/* Refresh a case; code NULL: the one the case remembers. */
enum core_code	net_flow_fetch(struct net_ctx *ctx, const char *case_id,
		    const char *code, net_flow_fn done, void *arg,
		    struct net_flow **out, struct core_err *err);

/*
 * Send one outbox entry (its stored key and body, byte for byte) and check
 * the receipt against those bytes.  With a verified receipt the receipt and
 * the body go to objects/, a record to receipts/, the case gets the contest
 * id, status URL and answer date, and only then is the entry removed.  A
 * receipt that does not verify leaves the entry pending.  409 marks the
 * entry "conflict" (never resent), another 4xx "refused"; transient failures
 * leave it pending with attempts, last_error and not_before updated.
 * code NULL: the one the case remembers (CORE_E_ARG when there is none).
 */
enum core_code	net_flow_send(struct net_ctx *ctx, const char *key,
		    const char *code, net_flow_fn done, void *arg,
		    struct net_flow **out, struct core_err *err);

/* Fetch, verify and store the status of the contest of a case. */
enum core_code	net_flow_status(struct net_ctx *ctx, const char *case_id,
		    const char *code, net_flow_fn done, void *arg,
		    struct net_flow **out, struct core_err *err);

/* Fetch a registry from url and accept it into ctx->trust (rollback and
 * freeze protection through ctx->trust_state, which is then saved). */
enum core_code	net_flow_registry(struct net_ctx *ctx, const char *url,
		    net_flow_fn done, void *arg, struct net_flow **out,
		    struct core_err *err);

/* Accept the registry last fetched from url (kept in the store), offline;
 * CORE_E_NOT_FOUND when none was kept. */
enum core_code	net_registry_load_kept(struct net_ctx *ctx, const char *url,
		    struct core_err *err);

void		net_flow_cancel(struct net_flow **f);

/*
 * Verify a decision offline: core_trust_verify_doc with keys (the service's
 * published keys; may be NULL) and, when its payload can be read, a
 * "record" check that it follows recourse/1 (core_record_parse).
 */
enum core_code	net_verify_decision(struct net_ctx *ctx, const void *jws,
		    size_t len, const struct core_keyset *keys,
		    struct core_verdict *v);

/* Save ctx->trust_state to state/trust.json; load it (absent: empty). */
enum core_code	net_trust_state_save(struct net_ctx *ctx, struct core_err *err);
enum core_code	net_trust_state_load(struct net_store *st,
		    struct core_trust_state *ts, struct core_err *err);

/* Milliseconds to wait before attempt number attempt (1 = the first retry):
 * an exponential backoff from base_ms with jitter, capped at cap_ms, and at
 * least retry_after seconds when that is >= 0. */
long		net_backoff_ms(int attempt, long retry_after, long base_ms,
		    long cap_ms);

#endif
