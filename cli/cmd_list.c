/*
 * cmd_list.c: recourse list [--json]
 *
 * Every case in the local store, most recently changed first, one line
 * each: its name, the verdict of its last verification, the last day to
 * contest and where a contest stands; then what waits in the outbox.  No
 * network is used.  Damaged files are set aside and named on stderr.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/fmt.h"
#include "cli/session.h"
#include "core/error.h"
#include "core/intl.h"
#include "core/verdict.h"
#include "net/case.h"
#include "net/outbox.h"

/* The symbol and words of a stored verdict id. */
static void
list_verdict(const char *id, const char **sym, const char **words)
{
	enum core_verdict_overall	v;

	*sym = "[--]";
	*words = N_("not verified");
	for (v = CORE_VERDICT_TRUSTED; id != NULL && v <= CORE_VERDICT_UNREADABLE; v++) {
		if (strcmp(core_verdict_id(v), id) == 0) {
			*sym = core_verdict_symbol(v);
			*words = core_verdict_text(v);
		}
	}
}

/* Words for where a contest stands. */
static const char *
list_contest(const char *st)
{
	if (st == NULL || strcmp(st, NET_CONTEST_NONE) == 0)
		return N_("no contest sent");
	if (strcmp(st, NET_CONTEST_QUEUED) == 0)
		return N_("contest waiting in the outbox");
	if (strcmp(st, "received") == 0)
		return N_("contest received");
	if (strcmp(st, "under_review") == 0)
		return N_("contest under review");
	if (strcmp(st, "answered") == 0)
		return N_("contest answered");
	if (strcmp(st, "withdrawn") == 0)
		return N_("contest withdrawn");
	return N_("contest in an unknown state");
}

/* One case as a JSON object for --json. */
static json_t *
list_json(const struct net_case *c)
{
	json_t	*o = json_object();

	if (o == NULL)
		return NULL;
	json_object_set_new(o, "case", json_string(c->id));
	if (c->service_id != NULL)
		json_object_set_new(o, "service_id", json_string(c->service_id));
	json_object_set_new(o, "reference", json_string(c->reference));
	if (c->decision_id != NULL)
		json_object_set_new(o, "decision_id", json_string(c->decision_id));
	json_object_set_new(o, "verdict", json_string(c->verdict != NULL ?
	    c->verdict : "not_verified"));
	if (c->deadline != NULL)
		json_object_set_new(o, "deadline", json_string(c->deadline));
	json_object_set_new(o, "contest_status", json_string(c->contest_status != NULL ?
	    c->contest_status : NET_CONTEST_NONE));
	if (c->answer_due != NULL)
		json_object_set_new(o, "answer_due", json_string(c->answer_due));
	if (c->updated_at != NULL)
		json_object_set_new(o, "updated_at", json_string(c->updated_at));
	return o;
}

int
cli_cmd_list(struct cli_opts *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_session	 s;
	struct core_err		 err;
	struct net_case		*v = NULL;
	struct net_outbox_entry	*ov = NULL;
	json_t			*arr = NULL;
	const char		*sym, *words, *lang;
	char			 when[128];
	size_t			 n = 0, on = 0, i;
	int			 ch, ex, json = opts->json;

	/* 0, not 1: GNU getopt starts afresh and permutes again, so that
	 * options may follow the arguments. */
	optind = 0;
	while ((ch = getopt_long(argc, argv, "j", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		cli_warnx("%s", _("usage: recourse list [--json]"));
		return CLI_EXIT_USAGE;
	}
	if ((ex = cli_session_open(&s, opts, 0)) != CLI_EXIT_OK)
		goto out;
	if (net_case_list(s.store, &v, &n, &err) != CORE_OK ||
	    net_outbox_list(s.store, &ov, &on, &err) != CORE_OK) {
		cli_report(_("the local store"), &err);
		ex = cli_exit_for(err.code, 0);
		goto out;
	}
	if (json) {
		if ((arr = json_array()) == NULL) {
			ex = CLI_EXIT_SOFTWARE;
			goto out;
		}
		for (i = 0; i < n; i++)
			json_array_append_new(arr, list_json(&v[i]));
		json_dumpf(arr, stdout, JSON_INDENT(2));
		putchar('\n');
		goto out;
	}
	lang = s.nlangs > 0 ? s.langs[0] : NULL;
	if (n == 0)
		printf("%s\n", _("There are no cases yet (see recourse open)."));
	for (i = 0; i < n; i++) {
		list_verdict(v[i].verdict, &sym, &words);
		printf("%s: %s %s; ", v[i].id, sym, _(words));
		if (v[i].deadline != NULL) {
			/* L10N: followed by the last day to contest and the days
			 * left: "19 January 2027, in 61 days". */
			printf("%s ", _("contest by"));
			cli_fmt_deadline(lang, v[i].deadline, when, sizeof when);
			cli_put_safe(stdout, when);
			fputs("; ", stdout);
		}
		fputs(_(list_contest(v[i].contest_status)), stdout);
		if (v[i].answer_due != NULL) {
			printf(", %s ", _("answer due by"));
			cli_fmt_deadline(lang, v[i].answer_due, when, sizeof when);
			cli_put_safe(stdout, when);
		}
		fputs(" (", stdout);
		cli_put_safe(stdout, v[i].service_id != NULL ? v[i].service_id :
		    v[i].service);
		fputs(")\n", stdout);
	}
	if (on > 0)
		printf(P_("%zu contest waits in the outbox (recourse status sends it).\n",
		    "%zu contests wait in the outbox (recourse status sends them).\n",
		    on), on);
out:
	json_decref(arr);
	net_case_list_free(&v, n);
	net_outbox_list_free(&ov, on);
	cli_session_close(&s);
	return ex;
}
