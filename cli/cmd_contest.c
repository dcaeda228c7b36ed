/*
 * cmd_contest.c: recourse contest CASE FILE [--code CODE]
 *
 * FILE holds the contest as JSON: grounds, statement, corrections, remedies,
 * contact and language (recourse-protocol(7), CONTEST).  The command adds
 * "recourse", the decision's id and the SHA-256 of the decision payload the
 * case holds, checks the contest against the record's contest terms, and
 * writes the body in its canonical form (RFC 8785) to the outbox with a new
 * idempotency key BEFORE anything is sent.  Then it sends it and checks the
 * receipt against the exact bytes sent.
 *
 * Running it again with the same FILE never makes a second contest: the
 * same contest is found in the receipts (already received) or in the outbox
 * (sent again with its first key and bytes).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/session.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/intl.h"
#include "core/jcs.h"
#include "core/json.h"
#include "core/record.h"
#include "net/case.h"
#include "net/outbox.h"
#include "net/store.h"

/* Members a contest file may hold; the command fills in the others. */
static const char *const contest_members[] = {
	"grounds", "statement", "corrections", "remedies", "contact", "language"
};

/* Read FILE ("-": standard input) into out. */
static int
contest_read(const char *path, struct core_buf *out)
{
	FILE	*fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char	 chunk[8192];
	size_t	 n;
	int	 rc = 0;

	if (fp == NULL) {
		cli_warnx(_("cannot read %s: %s"), path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (core_buf_add(out, chunk, n) != CORE_OK) {
			cli_warnx(_("%s: the contest is larger than %zu bytes"), path,
			    out->max);
			rc = -1;
			break;
		}
	}
	if (ferror(fp)) {
		cli_warnx(_("cannot read %s: %s"), path, strerror(errno));
		rc = -1;
	}
	if (fp != stdin)
		fclose(fp);
	return rc;
}

/* Is code one of the choices? */
static int
contest_choice(const struct core_rec_choice *v, size_t n, const char *code)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return 1;
	return 0;
}

size_t
cli_contest_chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Check the shape of the contest and, when the record can be read, its
 * terms; prints what is wrong.  Returns 0 when it may be sent. */
static int
contest_check(const char *path, json_t *o, const struct core_record *rec)
{
	const json_t	*v, *x;
	const char	*key, *pref;
	size_t		 i;
	int		 bad = 0;

	json_object_foreach(o, key, v) {
		for (i = 0; i < sizeof contest_members / sizeof contest_members[0]; i++)
			if (strcmp(key, contest_members[i]) == 0)
				break;
		if (i == sizeof contest_members / sizeof contest_members[0] &&
		    strncmp(key, "x_", 2) != 0) {
			cli_warnx(_("%s: \"%s\" is not part of a contest (the command "
			    "fills in recourse, decision_id and decision_sha256)"), path, key);
			bad = 1;
		}
	}
	v = json_object_get(o, "grounds");
	if (!json_is_array(v) || json_array_size(v) == 0) {
		cli_warnx(_("%s: \"grounds\" must list at least one ground"), path);
		bad = 1;
	} else json_array_foreach(v, i, x) {
		if (!json_is_string(x)) {
			cli_warnx(_("%s: each ground is a code (a string)"), path);
			bad = 1;
		} else if (rec != NULL && !contest_choice(rec->contest.grounds,
		    rec->contest.ngrounds, json_string_value(x))) {
			cli_warnx(_("%s: the decision does not accept the ground \"%s\""),
			    path, json_string_value(x));
			bad = 1;
		}
	}
	v = json_object_get(o, "remedies");
	if (!json_is_array(v) || json_array_size(v) == 0) {
		cli_warnx(_("%s: \"remedies\" must list at least one remedy"), path);
		bad = 1;
	} else json_array_foreach(v, i, x) {
		if (!json_is_string(x)) {
			cli_warnx(_("%s: each remedy is a code (a string)"), path);
			bad = 1;
		} else if (rec != NULL && !contest_choice(rec->contest.remedies,
		    rec->contest.nremedies, json_string_value(x))) {
			cli_warnx(_("%s: the decision does not offer the remedy \"%s\""),
			    path, json_string_value(x));
			bad = 1;
		}
	}
	v = json_object_get(o, "statement");
	if (!json_is_string(v)) {
		cli_warnx(_("%s: \"statement\" must be a string"), path);
		bad = 1;
	} else if (rec != NULL && rec->contest.statement_max_chars > 0 &&
	    cli_contest_chars(json_string_value(v)) > rec->contest.statement_max_chars) {
		cli_warnx(_("%s: the statement is longer than the %u characters the "
		    "service accepts"), path, rec->contest.statement_max_chars);
		bad = 1;
	}
	v = json_object_get(o, "corrections");
	if (!json_is_array(v)) {
		cli_warnx(_("%s: \"corrections\" must be a list (it may be empty)"), path);
		bad = 1;
	} else {
		if (rec != NULL && json_array_size(v) > rec->contest.corrections_max) {
			cli_warnx(_("%s: at most %u corrections are accepted"), path,
			    rec->contest.corrections_max);
			bad = 1;
		}
		json_array_foreach(v, i, x) {
			if (!json_is_object(x) ||
			    !json_is_string(json_object_get(x, "factor")) ||
			    json_object_get(x, "claimed_value") == NULL) {
				cli_warnx(_("%s: each correction names a factor and a "
				    "claimed_value"), path);
				bad = 1;
			} else if (rec != NULL && core_record_factor(rec,
			    json_string_value(json_object_get(x, "factor"))) == NULL) {
				cli_warnx(_("%s: the decision has no factor \"%s\""), path,
				    json_string_value(json_object_get(x, "factor")));
				bad = 1;
			}
		}
	}
	v = json_object_get(o, "contact");
	pref = json_string_value(json_object_get(v, "preference"));
	if (!json_is_object(v) || pref == NULL ||
	    (strcmp(pref, "email") != 0 && strcmp(pref, "post") != 0 &&
	    strcmp(pref, "phone") != 0) ||
	    !json_is_string(json_object_get(v, "address"))) {
		cli_warnx(_("%s: \"contact\" needs a preference (email, post or phone) "
		    "and an address"), path);
		bad = 1;
	}
	if (!json_is_string(json_object_get(o, "language"))) {
		cli_warnx(_("%s: \"language\" must name the language of the contest"),
		    path);
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* The exact bytes to send: the contest with the decision filled in, in its
 * canonical form, so that the same FILE always gives the same bytes. */
static int
contest_body(const char *path, const struct net_case *c, json_t *o,
    struct core_buf *body)
{
	struct core_err	err;

	if (json_object_set_new(o, "recourse", json_string("1")) != 0 ||
	    json_object_set_new(o, "decision_id", json_string(c->decision_id)) != 0 ||
	    json_object_set_new(o, "decision_sha256",
	    json_string(c->decision_sha256)) != 0) {
		cli_warnx("%s", _("out of memory"));
		return -1;
	}
	if (core_jcs_serialize(o, body, &err) != CORE_OK) {
		cli_report(path, &err);
		return -1;
	}
	return 0;
}

int
cli_contest_queue(struct cli_session *s, struct net_case *c,
    const struct core_buf *body, char *key, char *when, size_t whensz)
{
	struct net_receipt_rec	*rv = NULL;
	struct net_outbox_entry	*ov = NULL, e;
	struct core_err		 err;
	char			 hex[CORE_SHA256_HEX_LEN + 1];
	size_t			 rn = 0, on = 0, i;
	int			 ret = -1;

	net_outbox_entry_init(&e);
	core_sha256_hex(body->data, body->len, hex);
	if (net_store_lock(s->store, &err) != CORE_OK) {
		cli_report(_("the local store"), &err);
		return -1;
	}
	if (net_receipt_rec_list(s->store, &rv, &rn, &err) != CORE_OK ||
	    net_outbox_list(s->store, &ov, &on, &err) != CORE_OK) {
		cli_report(_("the local store"), &err);
		goto out;
	}
	for (i = 0; i < rn; i++) {
		if (rv[i].body != NULL && strcmp(rv[i].body, hex) == 0 &&
		    rv[i].case_id != NULL && strcmp(rv[i].case_id, c->id) == 0) {
			snprintf(when, whensz, "%s", rv[i].received_at != NULL ?
			    rv[i].received_at : "?");
			ret = 1;
			goto out;
		}
	}
	for (i = 0; i < on; i++) {
		if (strcmp(ov[i].body_sha256, hex) == 0 &&
		    strcmp(ov[i].case_id, c->id) == 0) {
			snprintf(key, NET_OUTBOX_KEY_LEN + 1, "%s", ov[i].key);
			ret = 2;
			goto out;
		}
	}
	if (net_outbox_add(s->store, c->id, c->service_id, c->contests_url,
	    c->decision_id, body->data, body->len, &e, &err) != CORE_OK) {
		cli_report(_("the outbox"), &err);
		goto out;
	}
	snprintf(key, NET_OUTBOX_KEY_LEN + 1, "%s", e.key);
	if (c->contest_status == NULL || strcmp(c->contest_status, NET_CONTEST_NONE) == 0) {
		if (net_case_set(&c->contest_status, NET_CONTEST_QUEUED) != CORE_OK ||
		    net_case_save(s->store, c, &err) != CORE_OK)
			cli_report(c->id, &err);	/* the outbox has it: go on */
	}
	printf("%s\n", _("The contest is saved in the outbox."));
	ret = 3;
out:
	net_store_unlock(s->store);
	net_receipt_rec_list_free(&rv, rn);
	net_outbox_list_free(&ov, on);
	net_outbox_entry_clear(&e);
	return ret;
}

int
cli_cmd_contest(struct cli_opts *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "code", required_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_session	 s;
	struct net_case		 c;
	struct core_record	*rec = NULL;
	struct core_buf		 in, body;
	struct core_err		 err;
	json_t			*o = NULL;
	const char		*given = NULL;
	char			 id[NET_CASE_ID_MAX + 1], key[NET_OUTBOX_KEY_LEN + 1];
	char			 when[64];
	char			*code = NULL;
	int			 ch, ex, q;

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
	if (argc != 2) {
		cli_warnx("%s", _("usage: recourse contest CASE FILE [--code CODE]"));
		return CLI_EXIT_USAGE;
	}
	net_case_init(&c);
	core_buf_init(&in, NET_OUTBOX_MAX_BODY / 2);
	core_buf_init(&body, NET_OUTBOX_MAX_BODY);
	if ((ex = cli_session_open(&s, opts, 1)) != CLI_EXIT_OK)
		goto out;
	if (net_case_resolve(s.store, argv[0], id, &err) != CORE_OK ||
	    net_case_load(s.store, id, &c, &err) != CORE_OK) {
		cli_report(argv[0], &err);
		ex = cli_exit_for(err.code, 0);
		goto out;
	}
	if (c.decision_id == NULL || c.decision_sha256 == NULL || c.contests_url == NULL) {
		cli_warnx(_("case %s holds no readable decision record to contest "
		    "(try recourse fetch %s)"), c.id, c.id);
		ex = CLI_EXIT_INVALID;
		goto out;
	}
	ex = CLI_EXIT_UNREADABLE;
	if (contest_read(argv[1], &in) != 0)
		goto out;
	if (core_json_parse(in.data, in.len, NULL, &o, &err) != CORE_OK) {
		cli_report(argv[1], &err);
		goto out;
	}
	if (!json_is_object(o)) {
		cli_warnx(_("%s: a contest is a JSON object"), argv[1]);
		goto out;
	}
	rec = cli_case_record(&s, &c, 0);
	if (contest_check(argv[1], o, rec) != 0) {
		ex = CLI_EXIT_USAGE;
		goto out;
	}
	if (rec != NULL && rec->contest.deadline.text != NULL &&
	    strcmp(rec->contest.deadline.text, "") != 0) {
		char today[21];

		net_time_now(today);
		if (strncmp(today, rec->contest.deadline.text, 10) > 0)
			cli_warnx(_("the last day to contest was %s; the service may "
			    "refuse the contest"), rec->contest.deadline.text);
	}
	if (contest_body(argv[1], &c, o, &body) != 0)
		goto out;
	q = cli_contest_queue(&s, &c, &body, key, when, sizeof when);
	if (q < 0) {
		ex = CLI_EXIT_STORE;
		goto out;
	}
	if (q == 2)
		printf("%s\n", _("This contest is already in the outbox; it is "
		    "sent again with the same key and bytes."));
	if (q == 1) {
		/* L10N: %s is a date and time. */
		printf(_("This contest was sent before and its receipt is kept "
		    "(received %s).\n"), when);
		cli_print_contest(stdout, &c);
		ex = CLI_EXIT_OK;
		goto out;
	}
	/* The contest is on disk: from here on nothing the person wrote is
	 * lost, whatever happens to the network or to this process. */
	if ((code = cli_code_get(given, c.access_code)) == NULL) {
		cli_warnx(_("the contest stays in the outbox until it is sent with "
		    "the access code"));
		ex = CLI_EXIT_USAGE;
		goto out;
	}
	ex = cli_send_outbox(&s, c.id, code, 1);
out:
	cli_code_free(&code);
	core_record_free(&rec);
	json_decref(o);
	core_buf_free(&in);
	core_buf_free(&body);
	net_case_clear(&c);
	cli_session_close(&s);
	return ex;
}
