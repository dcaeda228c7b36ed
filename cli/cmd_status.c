/*
 * cmd_status.c: recourse status [CASE] [--code CODE]
 *
 * Send what waits in the outbox, then fetch, verify and show the status of
 * the contest of CASE (with no CASE: of every case that has one).  When the
 * service asks to wait (429 or 503 with Retry-After) the command waits, up
 * to retry-max-wait seconds, and tries again with a growing backoff.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/session.h"
#include "core/error.h"
#include "core/intl.h"
#include "core/verdict.h"
#include "net/case.h"
#include "net/flow.h"
#include "net/outbox.h"

struct status_result {
	int			done;
	struct net_outcome	out;
};

static void
status_done(struct net_flow *f, const struct net_outcome *o, void *arg)
{
	struct status_result	*r = arg;

	r->out = *o;
	r->done = 1;
}

/* Say what waits in the outbox for case id. */
static void
status_outbox(struct cli_session *s, const char *id)
{
	struct net_outbox_entry	*v = NULL;
	struct core_err		 err;
	size_t			 n = 0, i;

	if (net_outbox_list(s->store, &v, &n, &err) != CORE_OK)
		return;
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].case_id, id) != 0)
			continue;
		/* L10N: the state of a contest that has not reached the service. */
		printf("%s ", _("In the outbox:"));
		if (strcmp(v[i].state, NET_OUTBOX_CONFLICT) == 0)
			fputs(_("refused as a conflict, never resent"), stdout);
		else if (strcmp(v[i].state, NET_OUTBOX_REFUSED) == 0)
			fputs(_("refused by the service"), stdout);
		else
			fputs(_("waiting to be sent"), stdout);
		printf(P_(" (%lld attempt", " (%lld attempts", v[i].attempts),
		    v[i].attempts);
		if (v[i].last_error != NULL) {
			fputs("; ", stdout);
			cli_put_safe(stdout, v[i].last_error);
		}
		fputs(")\n", stdout);
	}
	net_outbox_list_free(&v, n);
}

/* Fetch the status of one case; returns an exit code. */
static int
status_one(struct cli_session *s, const struct net_case *c, const char *given,
    int may_ask)
{
	struct status_result	 r;
	struct net_case		 now;
	struct core_err		 err;
	char			*code = NULL;
	int			 ex = CLI_EXIT_OK;

	memset(&r, 0, sizeof r);
	net_case_init(&now);
	printf("%s %s\n", _("Case:"), c->id);
	status_outbox(s, c->id);
	if (c->status_url == NULL) {
		cli_print_contest(stdout, c);
		goto out;
	}
	if (given == NULL && c->access_code == NULL && !may_ask) {
		cli_print_contest(stdout, c);
		cli_warnx(_("case %s: not checked, it does not remember its access "
		    "code (recourse status %s --code CODE)"), c->id, c->id);
		goto out;
	}
	if ((code = cli_code_get(given, c->access_code)) == NULL) {
		ex = CLI_EXIT_USAGE;
		goto out;
	}
	if (net_flow_status(&s->ctx, c->id, code, status_done, &r, NULL, &err) != CORE_OK) {
		cli_report(c->id, &err);
		ex = cli_exit_for(err.code, 0);
		goto out;
	}
	cli_session_run(s);
	if (!r.done) {
		ex = CLI_EXIT_SOFTWARE;
		goto out;
	}
	if (r.out.code != CORE_OK) {
		cli_report_outcome(c->id, &r.out);
		ex = cli_exit_for(r.out.code, r.out.http_status);
		cli_print_contest(stdout, c);
		goto out;
	}
	if (r.out.have_verdict &&
	    core_verdict_overall(&r.out.verdict) != CORE_VERDICT_TRUSTED) {
		cli_print_verdict(stdout, &r.out.verdict);
		ex = cli_exit_verdict(&r.out.verdict);
	}
	if (net_case_load(s->store, c->id, &now, &err) == CORE_OK)
		cli_print_contest(stdout, &now);
out:
	cli_code_free(&code);
	net_case_clear(&now);
	return ex;
}

int
cli_cmd_status(struct cli_opts *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "code", required_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_session	 s;
	struct core_err		 err;
	struct net_case		*v = NULL, c;
	const char		*given = NULL;
	char			 id[NET_CASE_ID_MAX + 1];
	size_t			 n = 0, i, shown = 0;
	int			 ch, ex, r;

	/* 0, not 1: GNU getopt starts afresh and permutes again, so that
	 * options may follow the arguments. */
	optind = 0;
	while ((ch = getopt_long(argc, argv, "C:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'C':
			given = optarg;
			break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1) {
		cli_warnx("%s", _("usage: recourse status [CASE] [--code CODE]"));
		return CLI_EXIT_USAGE;
	}
	net_case_init(&c);
	if ((ex = cli_session_open(&s, opts, 1)) != CLI_EXIT_OK)
		goto out;
	if (argc == 1) {
		if (net_case_resolve(s.store, argv[0], id, &err) != CORE_OK) {
			cli_report(argv[0], &err);
			ex = cli_exit_for(err.code, 0);
			goto out;
		}
		ex = cli_send_outbox(&s, id, given, given != NULL);
		if (net_case_load(s.store, id, &c, &err) != CORE_OK) {
			cli_report(id, &err);
			ex = cli_exit_for(err.code, 0);
			goto out;
		}
		r = status_one(&s, &c, given, 1);
		if (r != CLI_EXIT_OK)
			ex = r;
		goto out;
	}
	ex = cli_send_outbox(&s, NULL, NULL, 0);
	if (net_case_list(s.store, &v, &n, &err) != CORE_OK) {
		cli_report(_("the local store"), &err);
		ex = cli_exit_for(err.code, 0);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (v[i].contest_status == NULL ||
		    strcmp(v[i].contest_status, NET_CONTEST_NONE) == 0)
			continue;
		if (shown++ > 0)
			putchar('\n');
		r = status_one(&s, &v[i], NULL, 0);
		if (r != CLI_EXIT_OK)
			ex = r;
	}
	if (shown == 0)
		printf("%s\n", _("No case has a contest yet (see recourse contest)."));
out:
	net_case_list_free(&v, n);
	net_case_clear(&c);
	cli_session_close(&s);
	return ex;
}
