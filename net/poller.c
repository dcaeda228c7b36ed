/* poller.c: a contest's status polled with backoff (see poller.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "core/alloc.h"
#include "core/error.h"
#include "net/case.h"
#include "net/client.h"
#include "net/flow.h"
#include "net/poller.h"

struct net_poller {
	struct net_ctx		*ctx;
	char			 case_id[NET_CASE_ID_MAX + 1];
	char			*code;
	long			 base_ms;
	long			 max_ms;
	long			 wait_ms;	/* the next wait */
	long long		 due;		/* monotonic ms of the next poll */
	char			 last[32];	/* the last status seen */
	int			 done;
	struct net_flow		*flow;
	struct net_timer	*timer;
	net_flow_fn		 cb;
	void			*arg;
};

static long long
poller_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void	poller_poll(struct net_poller *p);

/* The wait is over. */
static void
poller_timer_cb(struct net_timer *t, void *arg)
{
	struct net_poller	*p = arg;

	p->timer = NULL;
	poller_poll(p);
}

/* Wait, then poll again. */
static void
poller_schedule(struct net_poller *p, long ms)
{
	p->due = poller_now() + ms;
	if (net_timer_add(p->ctx->client, ms, poller_timer_cb, p, &p->timer) != CORE_OK)
		p->done = 1;	/* out of memory: stop rather than spin */
}

/* One status flow ended: call back and choose the next wait. */
static void
poller_flow_done(struct net_flow *f, const struct net_outcome *o, void *arg)
{
	struct net_poller	*p = arg;
	long			 next;

	p->flow = NULL;
	next = p->wait_ms * 2 > p->max_ms ? p->max_ms : p->wait_ms * 2;
	if (o->code == CORE_OK && o->status[0] != '\0') {
		if (strcmp(o->status, p->last) != 0)
			next = p->base_ms;
		snprintf(p->last, sizeof p->last, "%s", o->status);
		if (strcmp(o->status, "answered") == 0 ||
		    strcmp(o->status, "withdrawn") == 0)
			p->done = 1;
	} else if (o->retry_after > 0 && o->retry_after * 1000 > next)
		next = o->retry_after * 1000;
	p->wait_ms = next;
	if (!p->done)
		poller_schedule(p, next);
	if (p->cb != NULL)
		p->cb(f, o, p->arg);
}

/* Start one status flow; a failure to start counts as a failed poll. */
static void
poller_poll(struct net_poller *p)
{
	struct net_outcome	o;
	struct core_err		err;
	enum core_code		rc;

	p->due = -1;
	core_err_clear(&err);
	rc = net_flow_status(p->ctx, p->case_id, p->code, poller_flow_done, p,
	    &p->flow, &err);
	if (rc == CORE_OK)
		return;
	memset(&o, 0, sizeof o);
	o.code = rc;
	o.err = err;
	o.retry_after = -1;
	snprintf(o.case_id, sizeof o.case_id, "%s", p->case_id);
	poller_flow_done(NULL, &o, p);
}

enum core_code
net_poller_start(struct net_ctx *ctx, const char *case_id, const char *code,
    long base_ms, long max_ms, net_flow_fn cb, void *arg,
    struct net_poller **out, struct core_err *err)
{
	struct net_poller	*p;
	enum core_code		 rc;

	*out = NULL;
	if (base_ms < 1000 || max_ms < base_ms || case_id == NULL ||
	    strlen(case_id) > NET_CASE_ID_MAX)
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "a poll interval of at least a second");
	if ((p = core_calloc(1, sizeof *p)) == NULL)
		return core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
	p->ctx = ctx;
	snprintf(p->case_id, sizeof p->case_id, "%s", case_id);
	p->base_ms = p->wait_ms = base_ms;
	p->max_ms = max_ms;
	p->cb = cb;
	p->arg = arg;
	p->due = -1;
	if (code != NULL && (p->code = core_strdup(code)) == NULL) {
		core_free(p);
		return core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
	}
	/* The first poll now: what stops it (no such case, no access code,
	 * no contest) is returned rather than called back. */
	if ((rc = net_flow_status(ctx, p->case_id, p->code, poller_flow_done, p,
	    &p->flow, err)) != CORE_OK) {
		net_poller_stop(&p);
		return rc;
	}
	*out = p;
	return CORE_OK;
}

long
net_poller_next(const struct net_poller *p)
{
	long long	now;

	if (p == NULL || p->done || p->due < 0)
		return -1;
	now = poller_now();
	return p->due <= now ? 0 : (long)(p->due - now);
}

int
net_poller_done(const struct net_poller *p)
{
	return p != NULL && p->done;
}

void
net_poller_stop(struct net_poller **pp)
{
	struct net_poller	*p = *pp;

	*pp = NULL;
	if (p == NULL)
		return;
	net_flow_cancel(&p->flow);
	net_timer_cancel(&p->timer);
	if (p->code != NULL) {
		OPENSSL_cleanse(p->code, strlen(p->code));
		core_free(p->code);
	}
	core_free(p);
}
