/*
 * netops.c: the network work the interface starts: open a decision, fetch
 * it again, send a contest from the outbox, fetch a contest's status.  Each
 * is a flow on the client (net/flow.h) that runs from the poll loop; what it
 * is doing is said in words in the status line, with the bytes received
 * (and the total, once the service has announced it) or sent so far, no
 * spinner; how it ended is announced with what the person can do next.
 * One flow runs at a time.
 *
 * Access codes given in the Open dialog are kept in memory for the session
 * (and in the case only when the configuration asks for remember-code); the
 * memory is wiped when another code replaces it and at exit.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/verdict.h"
#include "net/flow.h"
#include "tui/tui-int.h"

/* Keep the code given for a case. */
void
tui_code_set(struct tui *t, const char *case_id, const char *code)
{
	if (t->code != NULL) {
		memset(t->code, 0, strlen(t->code));
		free(t->code);
		t->code = NULL;
	}
	if (code == NULL)
		return;
	t->code = strdup(code);
	snprintf(t->code_case, sizeof t->code_case, "%s", case_id);
}

/* The code for a case: remembered by the case, or given in this session. */
const char *
tui_code_for(struct tui *t, const struct net_case *c)
{
	if (c->access_code != NULL)
		return c->access_code;
	if (t->code != NULL && strcmp(t->code_case, c->id) == 0)
		return t->code;
	return NULL;
}

/* What went wrong, in plain words, with what to do next. */
static void
net_say_error(struct tui *t, const char *what, const struct net_outcome *o)
{
	const char	*next;

	switch (o->code) {
	case CORE_E_NET_CONNECT:
	case CORE_E_NET_DNS:
	case CORE_E_NET_TIMEOUT:
	case CORE_E_NET_BROKEN:
		next = _("Check the service address and the connection, then try again.");
		break;
	case CORE_E_NET_TLS:
	case CORE_E_NET_POLICY:
		next = _("The connection was not safe enough to use; nothing was sent.");
		break;
	case CORE_E_NET_RETRY:
		next = _("The service is busy; try again in a while.");
		break;
	case CORE_E_NET_HTTP:
		next = o->http_status == 401 || o->http_status == 403 ?
		    _("Check the reference and the access code in your letter.") :
		    _("The service refused the request.");
		break;
	case CORE_E_SUPERSEDED:
		next = _("The service sent an older record; the newer one is kept.");
		break;
	default:
		next = _("Nothing you typed is lost.");
	}
	tui_say(t, TUI_R_ERROR, "%s: %s%s%s%s. %s", what, _(core_strerror(o->code)),
	    o->problem_title[0] != '\0' ? " (" : "", o->problem_title,
	    o->problem_title[0] != '\0' ? ")" : "", next);
}

/* An open or fetch ended. */
static void
net_fetched(struct net_flow *f, const struct net_outcome *o, void *arg)
{
	struct tui	*t = arg;
	enum core_verdict_overall v;

	t->flow = NULL;
	t->progress[0] = '\0';
	if (o->code != CORE_OK && o->case_id[0] == '\0') {
		net_say_error(t, _("The decision could not be fetched"), o);
		t->pending_send = 0;
		return;
	}
	if (t->flow_kind == TUI_FLOW_OPEN && t->pending_code != NULL)
		tui_code_set(t, o->case_id, t->pending_code);
	tui_model_load_cases(t);
	tui_model_open(t, o->case_id);
	if (o->code != CORE_OK)
		net_say_error(t, _("The decision could not be fetched"), o);
	else if (o->have_verdict) {
		v = core_verdict_overall(&o->verdict);
		tui_say(t, v == CORE_VERDICT_TRUSTED ? TUI_R_STATUS : TUI_R_ERROR,
		    _("Decision %s fetched and checked: %s %s%s."), t->cur.c.reference,
		    core_verdict_symbol(v), _(core_verdict_text(v)),
		    o->unchanged ? _(", the same record as before") :
		    o->replaced ? _(", a newer record replaces the one kept") : "");
	}
	tui_focus(t, TUI_P_DECISION);
	tui_show(t, TUI_S_MAIN);
	if (t->pending_send && t->outbox_key[0] != '\0') {
		t->pending_send = 0;
		tui_net_send(t, t->outbox_key);
	}
}

/* Forget the code waiting for an open to succeed. */
static void
net_pending_clear(struct tui *t)
{
	if (t->pending_code != NULL) {
		memset(t->pending_code, 0, strlen(t->pending_code));
		free(t->pending_code);
		t->pending_code = NULL;
	}
}

/* Open a decision (or refresh its case) from the Open dialog. */
void
tui_net_open(struct tui *t, const char *service, const char *ref,
    const char *code, int remember)
{
	struct core_err	err;

	if (t->flow != NULL) {
		tui_say(t, TUI_R_ERROR, "%s", _("Wait for the work under way to end, "
		    "or press Esc to stop it."));
		return;
	}
	net_pending_clear(t);
	t->pending_code = strdup(code);
	t->flow_kind = TUI_FLOW_OPEN;
	if (net_flow_open(t->env->ctx, service, ref, code, remember, net_fetched, t,
	    &t->flow, &err) != CORE_OK) {
		t->flow = NULL;
		tui_say(t, TUI_R_ERROR, _("The decision cannot be asked for: %s (%s)."),
		    _(core_strerror(err.code)), err.detail);
		return;
	}
	snprintf(t->progress, sizeof t->progress,
	    _("Fetching decision %s from %s"), ref, service);
}

/* Fetch the open case again. */
void
tui_net_fetch(struct tui *t)
{
	struct core_err	err;

	if (!t->cur.have || t->flow != NULL)
		return;
	if (tui_code_for(t, &t->cur.c) == NULL) {
		tui_say(t, TUI_R_STATUS, "%s", _("Give the access code from your "
		    "letter to fetch the decision again."));
		tui_open_prefill(t, 0);
		return;
	}
	t->flow_kind = TUI_FLOW_FETCH;
	if (net_flow_fetch(t->env->ctx, t->cur.c.id, tui_code_for(t, &t->cur.c),
	    net_fetched, t, &t->flow, &err) != CORE_OK) {
		t->flow = NULL;
		tui_say(t, TUI_R_ERROR, _("The decision cannot be fetched: %s."),
		    _(core_strerror(err.code)));
		return;
	}
	snprintf(t->progress, sizeof t->progress, _("Fetching decision %s again"),
	    t->cur.c.reference);
}

/* A contest was sent (or not). */
static void
net_sent(struct net_flow *f, const struct net_outcome *o, void *arg)
{
	struct tui	*t = arg;

	t->flow = NULL;
	t->progress[0] = '\0';
	if (o->code != CORE_OK) {
		net_say_error(t, _("The contest is kept in the outbox and was not "
		    "received yet"), o);
		return;
	}
	t->have_receipt_v = o->have_verdict;
	if (o->have_verdict)
		t->receipt_v = o->verdict;
	tui_contest_sent(t, o);
}

/* Send an outbox entry. */
void
tui_net_send(struct tui *t, const char *key)
{
	struct core_err	 err;
	const char	*code = t->cur.have ? tui_code_for(t, &t->cur.c) : NULL;

	if (t->flow != NULL)
		return;
	if (code == NULL) {
		t->pending_send = 1;
		tui_say(t, TUI_R_STATUS, "%s", _("The contest is saved in the outbox. "
		    "Give the access code from your letter to send it."));
		tui_open_prefill(t, 1);
		return;
	}
	t->flow_kind = TUI_FLOW_SEND;
	if (net_flow_send(t->env->ctx, key, code, net_sent, t, &t->flow, &err) != CORE_OK) {
		t->flow = NULL;
		tui_say(t, TUI_R_ERROR, _("The contest is in the outbox but cannot be "
		    "sent now: %s."), _(core_strerror(err.code)));
		return;
	}
	snprintf(t->progress, sizeof t->progress, "%s", _("Sending the contest"));
}

/* A status came back. */
static void
net_status_done(struct net_flow *f, const struct net_outcome *o, void *arg)
{
	struct tui	*t = arg;

	t->flow = NULL;
	t->progress[0] = '\0';
	if (o->code != CORE_OK) {
		net_say_error(t, _("The status could not be fetched"), o);
		return;
	}
	tui_model_invalidate(t);
	tui_say(t, TUI_R_STATUS, _("Status of the contest: %s."),
	    tui_contest_words(o->status));
}

/* Fetch the status of the open case's contest. */
void
tui_net_status(struct tui *t)
{
	struct core_err	err;

	if (!t->cur.have || t->flow != NULL)
		return;
	if (t->cur.c.status_url == NULL) {
		tui_say(t, TUI_R_STATUS, "%s", _("This case has no contest with a "
		    "receipt yet."));
		return;
	}
	t->flow_kind = TUI_FLOW_STATUS;
	if (net_flow_status(t->env->ctx, t->cur.c.id, tui_code_for(t, &t->cur.c),
	    net_status_done, t, &t->flow, &err) != CORE_OK) {
		t->flow = NULL;
		tui_say(t, TUI_R_ERROR, _("The status cannot be fetched: %s."),
		    _(core_strerror(err.code)));
		return;
	}
	snprintf(t->progress, sizeof t->progress, "%s",
	    _("Fetching the status of the contest"));
}

/* Stop the work under way (Esc). */
void
tui_net_cancel(struct tui *t)
{
	if (t->flow == NULL)
		return;
	net_flow_cancel(&t->flow);
	t->progress[0] = '\0';
	t->pending_send = 0;
	tui_say(t, TUI_R_STATUS, "%s", _("Stopped. Nothing you typed is lost."));
}

/* A size in bytes as a person reads it: "512 bytes", "12 KB", "1.5 MB". */
static void
net_size(char *buf, size_t len, unsigned long long n)
{
	if (n < 1024)
		/* L10N: a size in bytes. */
		snprintf(buf, len, P_("%llu byte", "%llu bytes", (unsigned long)n), n);
	else if (n < 1024ull * 1024)
		/* L10N: a size in kilobytes (1024 bytes). */
		snprintf(buf, len, _("%llu KB"), (n + 512) / 1024);
	else
		/* L10N: a size in megabytes (1024 KB). */
		snprintf(buf, len, _("%.1f MB"), (double)n / (1024.0 * 1024.0));
}

void
tui_net_progress_text(struct tui *t, char *buf, size_t len)
{
	struct net_progress	 p;
	char			 a[64], b[64];

	net_client_progress(t->env->ctx->client, &p);
	if (p.to_send > 0 && p.sent < p.to_send && p.received == 0) {
		net_size(a, sizeof a, p.sent);
		net_size(b, sizeof b, p.to_send);
		/* L10N: the work under way, then sizes: "Sending the contest:
		 * 2 KB of 3 KB sent". */
		snprintf(buf, len, _("%s: %s of %s sent"), t->progress, a, b);
	} else if (p.active > 0 && p.expected > 0) {
		net_size(a, sizeof a, p.received);
		net_size(b, sizeof b, (unsigned long long)p.expected);
		/* L10N: the work under way, then sizes: "Fetching decision
		 * LN-2026-004217 from https://bank.example: 12 KB of 40 KB". */
		snprintf(buf, len, _("%s: %s of %s"), t->progress, a, b);
	} else if (p.active > 0 && p.received > 0) {
		net_size(a, sizeof a, p.received);
		/* L10N: the work under way, then a size: "...: 12 KB received". */
		snprintf(buf, len, _("%s: %s received"), t->progress, a);
	} else
		/* L10N: the work under way, before any byte has come back. */
		snprintf(buf, len, _("%s: waiting for the service"), t->progress);
}

/* Release what the session kept in memory. */
void
tui_net_free(struct tui *t)
{
	if (t->flow != NULL)
		net_flow_cancel(&t->flow);
	tui_code_set(t, "", NULL);
	net_pending_clear(t);
}
