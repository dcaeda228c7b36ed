/*
 * poller.h: keep a contest's status fresh while the interface is open.
 *
 * A poller runs net_flow_status for one case now and then again and again
 * on the client's loop: after base_ms, doubling while nothing changes up to
 * max_ms, back to base_ms when the status changes; after a failure the wait
 * doubles too, and is never shorter than the Retry-After the service asked
 * for (even past max_ms).  Each status flow retries transient failures
 * itself (flow.h).  The poller calls back after every poll and stops by
 * itself once the contest is answered or withdrawn (the last call back
 * says so), or when net_poller_stop is called (no call back then).
 */
#ifndef RECOURSE_NET_POLLER_H
#define RECOURSE_NET_POLLER_H

#include "core/error.h"
#include "net/flow.h"

struct net_poller;

/* code NULL: the one the case remembers.  base_ms >= 1000 and
 * max_ms >= base_ms. */
enum core_code	net_poller_start(struct net_ctx *ctx, const char *case_id,
		    const char *code, long base_ms, long max_ms, net_flow_fn cb,
		    void *arg, struct net_poller **out, struct core_err *err);
/* Milliseconds until the next poll, or -1 while one runs or when stopped. */
long		net_poller_next(const struct net_poller *p);
/* 1 once the poller stopped by itself (answered or withdrawn). */
int		net_poller_done(const struct net_poller *p);
void		net_poller_stop(struct net_poller **p);

#endif
