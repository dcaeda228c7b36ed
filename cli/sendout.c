/* sendout.c: send the contests that wait in the outbox, one after another. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/session.h"
#include "core/error.h"
#include "core/intl.h"
#include "core/verdict.h"
#include "net/case.h"
#include "net/flow.h"
#include "net/outbox.h"

struct sendout {
	int			done;
	struct net_outcome	out;
};

/* A send flow ended. */
static void
sendout_done(struct net_flow *f, const struct net_outcome *o, void *arg)
{
	struct sendout	*so = arg;

	so->out = *o;
	so->done = 1;
}

/* Send one entry and say how it went; returns an exit code.  mine: the
 * person asked for this case (else a missing access code is only noted). */
static int
sendout_one(struct cli_session *s, const struct net_outbox_entry *e,
    const char *code, int mine)
{
	struct sendout	so;
	struct core_err	err;
	struct net_case	c;
	enum core_code	rc;
	int		ex;

	memset(&so, 0, sizeof so);
	net_case_init(&c);
	rc = net_flow_send(&s->ctx, e->key, code, sendout_done, &so, NULL, &err);
	if (rc == CORE_E_ARG) {
		cli_warnx(_("the contest for case %s waits in the outbox: give its "
		    "access code (recourse status %s --code CODE) to send it"),
		    e->case_id, e->case_id);
		return mine ? CLI_EXIT_USAGE : CLI_EXIT_OK;
	}
	if (rc != CORE_OK) {
		cli_report(e->case_id, &err);
		return cli_exit_for(rc, 0);
	}
	cli_session_run(s);
	if (!so.done) {
		cli_warnx("%s", _("the network loop ended early"));
		return CLI_EXIT_SOFTWARE;
	}
	if (so.out.code != CORE_OK) {
		cli_report_outcome(e->case_id, &so.out);
		if (so.out.have_verdict && so.out.code == CORE_E_RECEIPT_MISMATCH)
			cli_print_verdict(stderr, &so.out.verdict);
		ex = cli_exit_for(so.out.code, so.out.http_status);
		if (so.out.code == CORE_E_NET_CONFLICT)
			cli_warnx(_("the service holds another contest under the same "
			    "key; this one is kept in the outbox and never resent"));
		else
			cli_warnx(_("the contest for case %s is kept in the outbox and "
			    "is sent again the next time recourse contest, fetch or "
			    "status runs"), e->case_id);
		return ex;
	}
	/* L10N: %s is a case name. */
	printf(_("Contest for case %s sent; the service's receipt matches what "
	    "was sent.\n"), so.out.case_id);
	if (so.out.have_verdict &&
	    core_verdict_overall(&so.out.verdict) != CORE_VERDICT_TRUSTED)
		cli_warnx(_("the receipt is authentic, but its signer is not trusted: %s"),
		    _(core_verdict_text(core_verdict_overall(&so.out.verdict))));
	if (net_case_load(s->store, so.out.case_id, &c, &err) == CORE_OK)
		cli_print_contest(stdout, &c);
	net_case_clear(&c);
	return CLI_EXIT_OK;
}

int
cli_send_outbox(struct cli_session *s, const char *case_id, const char *code,
    int force)
{
	struct net_outbox_entry	*v = NULL;
	struct core_err		 err;
	size_t			 n = 0, i;
	time_t			 now = time(NULL);
	int			 ex = CLI_EXIT_OK, r, mine;

	if (net_outbox_list(s->store, &v, &n, &err) != CORE_OK) {
		cli_report(_("the outbox"), &err);
		return cli_exit_for(err.code, 0);
	}
	for (i = 0; i < n; i++) {
		mine = case_id != NULL && strcmp(v[i].case_id, case_id) == 0;
		if (case_id != NULL && !mine)
			continue;
		if (strcmp(v[i].state, NET_OUTBOX_CONFLICT) == 0) {
			if (mine) {
				cli_warnx(_("a contest for case %s was refused as a "
				    "conflict and is kept in the outbox"), v[i].case_id);
				ex = CLI_EXIT_REFUSED;
			}
			continue;
		}
		if (!force && (strcmp(v[i].state, NET_OUTBOX_REFUSED) == 0 ||
		    v[i].not_before > (long long)now))
			continue;
		r = sendout_one(s, &v[i], mine ? code : NULL, mine);
		if (r != CLI_EXIT_OK)
			ex = r;
	}
	net_outbox_list_free(&v, n);
	return ex;
}
