/*
 * cmd_show.c: recourse show [CASE] [--plain]
 *
 * Print a kept decision in reading order: outcome and principal reasons,
 * factors, what would have changed the outcome, the provenance label, the
 * verification verdict (computed again here, offline, from the stored
 * bytes), the letter with its tables linearised, and how to contest by
 * when.  Output is lines of text with no decoration, for a screen reader,
 * a braille display or a pipe; --plain says so explicitly (it is also the
 * only form).  The exit code is the verdict's, as for open.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/plain.h"
#include "cli/session.h"
#include "core/error.h"
#include "core/intl.h"
#include "net/case.h"

int
cli_cmd_show(struct cli_opts *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "plain", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_session	s;
	struct cli_reading	r;
	struct core_err		err;
	char			id[NET_CASE_ID_MAX + 1];
	int			ch, ex;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "p", longopts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			opts->plain = 1;
			break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1) {
		cli_warnx("%s", _("usage: recourse show [CASE] [--plain]"));
		return CLI_EXIT_USAGE;
	}
	if ((ex = cli_session_open(&s, opts, 1)) != CLI_EXIT_OK)
		goto out;
	if (net_case_resolve(s.store, argc == 1 ? argv[0] : NULL, id, &err) != CORE_OK) {
		cli_report(argc == 1 ? argv[0] : _("no case named"), &err);
		ex = cli_exit_for(err.code, 0);
		goto out;
	}
	if (cli_reading_load(&r, &s, id) != 0) {
		ex = CLI_EXIT_UNREADABLE;
		cli_reading_clear(&r);
		goto out;
	}
	cli_reading_print(stdout, &r, CLI_READ_ALL);
	ex = r.have_v ? cli_exit_verdict(&r.v) : CLI_EXIT_OK;
	cli_reading_clear(&r);
out:
	cli_session_close(&s);
	return ex;
}
