/*
 * cmd_open.c: recourse open [URL] REF [--code CODE] [--remember-code]
 *
 * Discover the service, fetch the decision with the access code, verify it
 * here, store it as a case, and print a short summary with the verdict.  The
 * exit code is the verdict's (0 valid and trusted, 1 valid but untrusted,
 * 2 invalid, 3 unreadable), or that of what went wrong.
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

struct open_result {
	int			done;
	struct net_outcome	out;
};

/* The flow ended. */
static void
open_done(struct net_flow *f, const struct net_outcome *o, void *arg)
{
	struct open_result	*r = arg;

	r->out = *o;
	r->done = 1;
}

/* Print the result of an open or fetch flow; returns the exit code. */
int
cli_show_fetched(struct cli_session *s, const struct net_outcome *o)
{
	struct net_case	c;
	struct core_err	err;
	int		ex;

	net_case_init(&c);
	if (o->code != CORE_OK) {
		cli_report_outcome(o->case_id[0] != '\0' ? o->case_id : NULL, o);
		if (o->code == CORE_E_SUPERSEDED)
			cli_warnx("%s", _("the record kept in the case is unchanged"));
		return cli_exit_for(o->code, o->http_status);
	}
	if (net_case_load(s->store, o->case_id, &c, &err) != CORE_OK) {
		cli_report(o->case_id, &err);
		return cli_exit_for(err.code, 0);
	}
	cli_print_case(stdout, s, &c, !o->have_verdict || o->kept_old);
	if (o->unchanged)
		printf("%s\n", _("The service sent the same record as before."));
	if (o->replaced)
		printf("%s\n", _("A newer record from the service replaced the one kept."));
	if (o->kept_old)
		printf("%s\n", _("The record just received does not verify; the case "
		    "keeps the record that verified before."));
	ex = CLI_EXIT_OK;
	if (o->have_verdict) {
		cli_print_verdict(stdout, &o->verdict);
		ex = cli_exit_verdict(&o->verdict);
		/* Only a record that is authentic is worth checking further. */
		if (!o->kept_old && (ex == CLI_EXIT_OK || ex == CLI_EXIT_UNTRUSTED))
			cli_print_label_checks(stdout, s, &c, ex == CLI_EXIT_OK);
	}
	net_case_clear(&c);
	return ex;
}

int
cli_cmd_open(struct cli_opts *opts, int argc, char **argv)
{
	enum { OPT_REMEMBER = 256 };
	static const struct option longopts[] = {
		{ "code", required_argument, NULL, 'C' },
		{ "remember-code", no_argument, NULL, OPT_REMEMBER },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_session		 s;
	struct open_result		 r;
	struct core_err			 err;
	const struct cli_config_item	*it;
	const char			*given = NULL, *url, *ref;
	char				*code = NULL;
	int				 ch, remember = -1, ex;

	/* 0, not 1: GNU getopt starts afresh and permutes again, so that
	 * options may follow the arguments. */
	optind = 0;
	while ((ch = getopt_long(argc, argv, "C:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'C':
			given = optarg;
			break;
		case OPT_REMEMBER:
			remember = 1;
			break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	memset(&r, 0, sizeof r);
	if ((ex = cli_session_open(&s, opts, 1)) != CLI_EXIT_OK)
		goto out;
	if (argc == 2) {
		url = argv[0];
		ref = argv[1];
	} else if (argc == 1 && (it = cli_config_get(&s.cfg, "service")) != NULL) {
		url = it->value;
		ref = argv[0];
	} else {
		cli_warnx("%s", _("usage: recourse open [URL] REFERENCE [--code CODE] "
		    "[--remember-code]"));
		ex = CLI_EXIT_USAGE;
		goto out;
	}
	if (remember < 0)
		remember = s.remember_code;
	if ((code = cli_code_get(given, NULL)) == NULL) {
		ex = CLI_EXIT_USAGE;
		goto out;
	}
	if (net_flow_open(&s.ctx, url, ref, code, remember, open_done, &r, NULL,
	    &err) != CORE_OK) {
		cli_report(url, &err);
		ex = cli_exit_for(err.code, 0);
		goto out;
	}
	cli_session_run(&s);
	ex = r.done ? cli_show_fetched(&s, &r.out) : CLI_EXIT_SOFTWARE;
out:
	cli_code_free(&code);
	cli_session_close(&s);
	return ex;
}
