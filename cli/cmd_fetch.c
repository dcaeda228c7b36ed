/*
 * cmd_fetch.c: recourse fetch [CASE] [--code CODE]
 *
 * Fetch the decision of a case again and verify it: a newer record replaces
 * the one kept, an older one (a replay) is refused, one that does not verify
 * never replaces one that did.  With no CASE, every case is refreshed (those
 * that remember their access code; the only case may ask for it).  Contests
 * waiting in the outbox are sent first.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/session.h"
#include "core/error.h"
#include "core/intl.h"
#include "net/case.h"
#include "net/flow.h"

struct fetch_result {
	int			done;
	struct net_outcome	out;
};

static void
fetch_done(struct net_flow *f, const struct net_outcome *o, void *arg)
{
	struct fetch_result	*r = arg;

	r->out = *o;
	r->done = 1;
}

/* Refresh one case; returns an exit code. */
static int
fetch_one(struct cli_session *s, const struct net_case *c, const char *given,
    int may_ask)
{
	struct fetch_result	 r;
	struct core_err		 err;
	char			*code = NULL;
	int			 ex;

	memset(&r, 0, sizeof r);
	if (given == NULL && c->access_code == NULL && !may_ask) {
		cli_warnx(_("case %s: skipped, it does not remember its access code "
		    "(recourse fetch %s --code CODE)"), c->id, c->id);
		return CLI_EXIT_USAGE;
	}
	if ((code = cli_code_get(given, c->access_code)) == NULL)
		return CLI_EXIT_USAGE;
	if (net_flow_fetch(&s->ctx, c->id, code, fetch_done, &r, NULL, &err) != CORE_OK) {
		cli_report(c->id, &err);
		ex = cli_exit_for(err.code, 0);
		goto out;
	}
	cli_session_run(s);
	ex = r.done ? cli_show_fetched(s, &r.out) : CLI_EXIT_SOFTWARE;
out:
	cli_code_free(&code);
	return ex;
}

int
cli_cmd_fetch(struct cli_opts *opts, int argc, char **argv)
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
	size_t			 n = 0, i;
	int			 ch, ex, r, outbox;

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
		cli_warnx("%s", _("usage: recourse fetch [CASE] [--code CODE]"));
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
		outbox = cli_send_outbox(&s, id, given, 0);
		if (net_case_load(s.store, id, &c, &err) != CORE_OK) {
			cli_report(id, &err);
			ex = cli_exit_for(err.code, 0);
			goto out;
		}
		ex = fetch_one(&s, &c, given, 1);
		if (ex == CLI_EXIT_OK)
			ex = outbox;
		goto out;
	}
	ex = cli_send_outbox(&s, NULL, NULL, 0);
	if (net_case_list(s.store, &v, &n, &err) != CORE_OK) {
		cli_report(_("the local store"), &err);
		ex = cli_exit_for(err.code, 0);
		goto out;
	}
	if (n == 0)
		printf("%s\n", _("There are no cases yet (see recourse open)."));
	for (i = 0; i < n; i++) {
		if (i > 0)
			putchar('\n');
		r = fetch_one(&s, &v[i], n == 1 ? given : NULL, n == 1);
		if (r != CLI_EXIT_OK)
			ex = r;
	}
out:
	net_case_list_free(&v, n);
	net_case_clear(&c);
	cli_session_close(&s);
	return ex;
}
