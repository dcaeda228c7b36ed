/*
 * plain.c: plain mode, the line-oriented interface (recourse --plain, and
 * recourse with no command when TERM is dumb or unset or standard output is
 * not a terminal).
 *
 * Numbered menus and prompts on standard input and output, for any
 * terminal, a braille display or a screen reader: short lines, no
 * decoration, no colour, nothing redrawn, and every prompt says what is
 * expected and what the choices are.  It does the whole job: open a
 * decision from a letter or a kept case, read it part by part, contest it
 * through the outbox, and see the receipt and the status.  The network runs
 * on the session's loop while the person waits for an answer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "cli/cli.h"
#include "cli/plain.h"
#include "cli/session.h"
#include "core/error.h"
#include "core/intl.h"
#include "core/verdict.h"
#include "net/case.h"
#include "net/flow.h"
#include "net/outbox.h"

#define PLAIN_LINE	1024

struct plain {
	struct plain_io		 io;
	struct cli_session	 s;
	char			*code;		/* given in this run, wiped at the end */
	char			 code_case[NET_CASE_ID_MAX + 1];
	int			 quit;
};

struct plain_wait {
	int			done;
	struct net_outcome	out;
};

/* A flow ended. */
static void
plain_done(struct net_flow *f, const struct net_outcome *o, void *arg)
{
	struct plain_wait	*w = arg;

	w->out = *o;
	w->done = 1;
}

int
cli_plain_ask(struct plain_io *io, const char *prompt, char *buf, size_t size)
{
	size_t	n;

	if (io->eof)
		return -1;
	cli_plain_say(io->out, io->width, NULL, prompt);
	fflush(io->out);
	if (fgets(buf, (int)size, io->in) == NULL) {
		io->eof = 1;
		cli_plain_say(io->out, io->width, NULL, _("End of input."));
		return -1;
	}
	n = strcspn(buf, "\r\n");
	if (buf[n] == '\0' && n + 1 == size) {
		/* The rest of an over-long line is dropped. */
		int ch;

		while ((ch = fgetc(io->in)) != EOF && ch != '\n')
			;
	}
	buf[n] = '\0';
	return 0;
}

char *
cli_plain_ask_secret(struct plain_io *io, const char *prompt)
{
	struct termios	 old, quiet;
	char		 line[256], *s = NULL, *b;
	int		 off = 0;
	size_t		 n;

	if (isatty(fileno(io->in)) && tcgetattr(fileno(io->in), &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		off = tcsetattr(fileno(io->in), TCSAFLUSH, &quiet) == 0;
	}
	if (cli_plain_ask(io, prompt, line, sizeof line) == 0) {
		b = line + strspn(line, " \t");
		n = strlen(b);
		while (n > 0 && (b[n - 1] == ' ' || b[n - 1] == '\t'))
			b[--n] = '\0';
		if (n > 0 && (s = strdup(b)) == NULL)
			abort();
	}
	if (off) {
		tcsetattr(fileno(io->in), TCSAFLUSH, &old);
		fputc('\n', io->out);
	}
	OPENSSL_cleanse(line, sizeof line);
	return s;
}

/* Ask until the answer is a number 1..n or one of the letters in keys;
 * returns the number, or the letter as a negative value, or 0 at the end
 * of input. */
static int
plain_choose(struct plain *p, const char *prompt, int n, const char *keys)
{
	char	line[64], *end;
	long	v;

	for (;;) {
		if (cli_plain_ask(&p->io, prompt, line, sizeof line) != 0)
			return 0;
		if (line[0] != '\0' && line[1] == '\0' && keys != NULL &&
		    strchr(keys, line[0]) != NULL)
			return -(int)(unsigned char)line[0];
		v = strtol(line, &end, 10);
		if (line[0] != '\0' && *end == '\0' && v >= 1 && v <= n)
			return (int)v;
		cli_plain_say(p->io.out, p->io.width, NULL, _("That is not one of the choices."));
	}
}

/* Print what a flow ended with. */
static void
plain_report(struct plain *p, const struct net_outcome *o)
{
	fflush(p->io.out);
	cli_report_outcome(o->case_id[0] != '\0' ? o->case_id : NULL, o);
	fflush(stderr);
}

/* Run the loop until the flow ends; 0 when it ended well. */
static int
plain_wait(struct plain *p, struct plain_wait *w)
{
	cli_plain_say(p->io.out, p->io.width, NULL, _("Working, please wait."));
	fflush(p->io.out);
	cli_session_run(&p->s);
	if (!w->done) {
		cli_warnx("%s", _("the network loop ended early"));
		return -1;
	}
	if (w->out.code != CORE_OK) {
		plain_report(p, &w->out);
		return -1;
	}
	return 0;
}

/* Keep the access code given in this run for the case it opened. */
static void
plain_keep_code(struct plain *p, char **code, const char *case_id)
{
	cli_code_free(&p->code);
	p->code = *code;
	*code = NULL;
	snprintf(p->code_case, sizeof p->code_case, "%s", case_id);
}

static void	plain_case(struct plain *p, const char *id);

/* Open a decision from a letter: service, reference, access code. */
static void
plain_open(struct plain *p)
{
	const struct cli_config_item	*it;
	struct plain_wait		 w;
	struct core_err			 err;
	char				 url[2048], ref[256], prompt[2200];
	char				*code = NULL;

	it = cli_config_get(&p->s.cfg, "service");
	if (it != NULL)
		/* L10N: %s is the service address from the configuration. */
		snprintf(prompt, sizeof prompt, _("Service address, as printed on your "
		    "letter (press Enter for %s):"), it->value);
	else
		snprintf(prompt, sizeof prompt, "%s", _("Service address, as printed "
		    "on your letter (for example https://bank.example):"));
	if (cli_plain_ask(&p->io, prompt, url, sizeof url) != 0)
		return;
	if (url[0] == '\0' && it != NULL)
		snprintf(url, sizeof url, "%s", it->value);
	if (url[0] == '\0') {
		cli_plain_say(p->io.out, p->io.width, NULL, _("No service address given."));
		return;
	}
	if (cli_plain_ask(&p->io, _("Decision reference, as printed on your letter "
	    "(for example LN-2026-004217):"), ref, sizeof ref) != 0)
		return;
	if (ref[0] == '\0') {
		cli_plain_say(p->io.out, p->io.width, NULL, _("No reference given."));
		return;
	}
	if ((code = cli_plain_ask_secret(&p->io, _("Access code, as printed on your letter "
	    "(it is not shown as you type):"))) == NULL) {
		cli_plain_say(p->io.out, p->io.width, NULL, _("No access code given."));
		return;
	}
	memset(&w, 0, sizeof w);
	if (net_flow_open(&p->s.ctx, url, ref, code, p->s.remember_code, plain_done,
	    &w, NULL, &err) != CORE_OK) {
		fflush(p->io.out);
		cli_report(url, &err);
		goto out;
	}
	if (plain_wait(p, &w) != 0)
		goto out;
	if (w.out.have_verdict) {
		enum core_verdict_overall o = core_verdict_overall(&w.out.verdict);

		/* L10N: followed by the verdict symbol and words. */
		fprintf(p->io.out, "%s %s %s\n", _("Fetched and checked:"),
		    core_verdict_symbol(o), _(core_verdict_text(o)));
	}
	if (w.out.kept_old)
		cli_plain_say(p->io.out, p->io.width, NULL, _("The record just received does not verify; "
		    "the case keeps the record that verified before."));
	plain_keep_code(p, &code, w.out.case_id);
	plain_case(p, w.out.case_id);
out:
	cli_code_free(&code);
}

/* Choose a kept case. */
static void
plain_pick(struct plain *p)
{
	struct net_case	*v = NULL;
	struct core_err	 err;
	struct core_buf	 b;
	char		 id[NET_CASE_ID_MAX + 1], pre[32];
	size_t		 n = 0, i;
	int		 k;

	if (net_case_list(p->s.store, &v, &n, &err) != CORE_OK) {
		fflush(p->io.out);
		cli_report(_("the local store"), &err);
		return;
	}
	if (n == 0) {
		cli_plain_say(p->io.out, p->io.width, NULL, _("No cases are kept on this computer yet."));
		goto out;
	}
	core_buf_init(&b, 1024);
	fprintf(p->io.out, P_("%zu case is kept:\n", "%zu cases are kept:\n", n), n);
	for (i = 0; i < n; i++) {
		core_buf_reset(&b);
		core_buf_printf(&b, "%s, ", v[i].reference != NULL ? v[i].reference : v[i].id);
		core_buf_adds(&b, v[i].service_id != NULL ? v[i].service_id :
		    v[i].service != NULL ? v[i].service : "");
		snprintf(pre, sizeof pre, "%zu.", i + 1);
		cli_plain_say(p->io.out, p->io.width, pre, core_buf_str(&b));
	}
	core_buf_free(&b);
	/* L10N: a prompt for a number from a list, or b to go back. */
	k = plain_choose(p, _("Type the number of a case, or b to go back:"), (int)n, "b");
	if (k > 0) {
		snprintf(id, sizeof id, "%s", v[k - 1].id);
		net_case_list_free(&v, n);
		plain_case(p, id);
		return;
	}
	if (k == 0)
		p->quit = 1;
out:
	net_case_list_free(&v, n);
}

/* The access code for the case: given in this run, remembered, or asked. */
static char *
plain_code(struct plain *p, const struct net_case *c)
{
	char	*s;

	if (p->code != NULL && strcmp(p->code_case, c->id) == 0) {
		if ((s = strdup(p->code)) == NULL)
			abort();
		return s;
	}
	if (c->access_code != NULL) {
		if ((s = strdup(c->access_code)) == NULL)
			abort();
		return s;
	}
	return cli_plain_ask_secret(&p->io, _("Access code, as printed on your letter "
	    "(it is not shown as you type):"));
}

/* Send what waits, fetch the status, and show the receipt and status. */
static void
plain_status(struct plain *p, struct cli_reading *r)
{
	struct net_receipt_rec	*rv = NULL;
	struct plain_wait	 w;
	struct net_case		 c;
	struct core_err		 err;
	char			*code = NULL;
	size_t			 rn = 0, i;
	int			 any = 0;

	net_case_init(&c);
	if (net_receipt_rec_list(p->s.store, &rv, &rn, &err) == CORE_OK) {
		for (i = 0; i < rn; i++) {
			if (rv[i].case_id == NULL || strcmp(rv[i].case_id, r->c.id) != 0)
				continue;
			any = 1;
			cli_plain_say(p->io.out, p->io.width, NULL, _("Receipt, signed by the service and "
			    "checked here:"));
			cli_plain_say(p->io.out, p->io.width, _("Contest:"), rv[i].contest_id);
			cli_plain_say(p->io.out, p->io.width, _("Received on:"),
			    rv[i].received_at);
			cli_plain_say(p->io.out, p->io.width, _("Answer due by:"),
			    rv[i].answer_due);
			cli_plain_say(p->io.out, p->io.width, _("Kept as:"), rv[i].receipt);
		}
		net_receipt_rec_list_free(&rv, rn);
	}
	if (!any && (r->c.contest_status == NULL ||
	    strcmp(r->c.contest_status, NET_CONTEST_NONE) == 0)) {
		cli_plain_say(p->io.out, p->io.width, NULL, _("No contest of this decision has been "
		    "filed yet."));
		return;
	}
	if ((code = plain_code(p, &r->c)) == NULL) {
		cli_plain_say(p->io.out, p->io.width, NULL, _("No access code given: the status was not "
		    "fetched."));
		return;
	}
	fflush(p->io.out);
	(void)cli_send_outbox(&p->s, r->c.id, code, 0);
	fflush(stdout);
	memset(&w, 0, sizeof w);
	if (r->c.status_url != NULL || any) {
		if (net_flow_status(&p->s.ctx, r->c.id, code, plain_done, &w, NULL,
		    &err) != CORE_OK) {
			fflush(p->io.out);
			cli_report(r->c.id, &err);
		} else
			(void)plain_wait(p, &w);
	}
	if (net_case_load(p->s.store, r->c.id, &c, &err) == CORE_OK) {
		if (c.contest_status == NULL || strcmp(c.contest_status, NET_CONTEST_NONE) == 0)
			cli_plain_say(p->io.out, p->io.width, NULL, _("No contest of this decision has "
			    "reached the service."));
		else
			cli_print_contest(p->io.out, &c);
		if (c.status_checked_at != NULL)
			cli_plain_say(p->io.out, p->io.width, _("Status checked:"),
			    c.status_checked_at);
	}
	net_case_clear(&c);
	cli_code_free(&code);
}

/* Read a case, part by part. */
static void
plain_case(struct plain *p, const char *id)
{
	static const unsigned parts[] = {
		CLI_READ_OUTCOME, CLI_READ_FACTORS, CLI_READ_CHANGE, CLI_READ_LABEL,
		CLI_READ_VERIFY, CLI_READ_LETTER, CLI_READ_CONTEST, CLI_READ_ALL
	};
	struct cli_reading	r;
	int			k;

	if (cli_reading_load(&r, &p->s, id) != 0) {
		fflush(stderr);
		cli_reading_clear(&r);
		return;
	}
	r.width = p->io.width;
	cli_reading_print(p->io.out, &r, CLI_READ_OUTCOME | CLI_READ_VERIFY);
	while (!p->quit) {
		cli_plain_say(p->io.out, p->io.width, NULL, _("Case menu:"));
		cli_plain_say(p->io.out, p->io.width, NULL, _("1. Outcome and principal reasons"));
		cli_plain_say(p->io.out, p->io.width, NULL, _("2. Factors and how much each counted"));
		cli_plain_say(p->io.out, p->io.width, NULL, _("3. What would have changed the outcome"));
		cli_plain_say(p->io.out, p->io.width, NULL, _("4. Provenance label"));
		cli_plain_say(p->io.out, p->io.width, NULL, _("5. Verification, each check"));
		cli_plain_say(p->io.out, p->io.width, NULL, _("6. The letter"));
		cli_plain_say(p->io.out, p->io.width, NULL, _("7. How to contest, and the deadline"));
		cli_plain_say(p->io.out, p->io.width, NULL, _("8. Everything, in reading order"));
		cli_plain_say(p->io.out, p->io.width, NULL, _("9. Contest this decision"));
		cli_plain_say(p->io.out, p->io.width, NULL, _("10. Receipt and status of the contest"));
		cli_plain_say(p->io.out, p->io.width, NULL, _("b. Back to the main menu"));
		cli_plain_say(p->io.out, p->io.width, NULL, _("q. Quit"));
		k = plain_choose(p, _("Choose 1 to 10, b or q:"), 10, "bq");
		if (k == 0 || k == -'q') {
			p->quit = 1;
			break;
		}
		if (k == -'b')
			break;
		if (k >= 1 && k <= 8)
			cli_reading_print(p->io.out, &r, parts[k - 1]);
		else if (k == 9) {
			char *code = NULL;

			if (p->code != NULL && strcmp(p->code_case, r.c.id) == 0)
				code = p->code;
			if (cli_plain_contest(&p->io, &r, code) != 0 && p->io.eof)
				p->quit = 1;
			/* The case changed: read it again. */
			cli_reading_clear(&r);
			if (cli_reading_load(&r, &p->s, id) != 0)
				break;
			r.width = p->io.width;
		} else if (k == 10)
			plain_status(p, &r);
		fflush(stdout);
		fflush(stderr);
	}
	cli_reading_clear(&r);
}

int
cli_plain_run(struct cli_opts *opts)
{
	struct plain	p;
	int		ex, k;

	memset(&p, 0, sizeof p);
	p.io.in = stdin;
	p.io.out = stdout;
	p.io.width = cli_plain_width();
	/* Lines reach a braille display or a pipe as soon as they are done. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if ((ex = cli_session_open(&p.s, opts, 1)) != CLI_EXIT_OK)
		goto out;
	cli_plain_say(p.io.out, p.io.width, NULL, _("recourse, plain mode."));
	cli_plain_say(p.io.out, p.io.width, NULL, _("Type the number of a choice "
	    "and press Enter. Type q and Enter to quit."));
	while (!p.quit) {
		cli_plain_say(p.io.out, p.io.width, NULL, _("Main menu:"));
		cli_plain_say(p.io.out, p.io.width, NULL, _("1. Open a decision from a letter"));
		cli_plain_say(p.io.out, p.io.width, NULL, _("2. Open a case kept on this computer"));
		cli_plain_say(p.io.out, p.io.width, NULL, _("3. Send contests waiting in the outbox"));
		cli_plain_say(p.io.out, p.io.width, NULL, _("q. Quit"));
		k = plain_choose(&p, _("Choose 1, 2, 3 or q:"), 3, "q");
		fflush(stderr);
		if (k == 0 || k == -'q')
			break;
		if (k == 1)
			plain_open(&p);
		else if (k == 2)
			plain_pick(&p);
		else if (k == 3) {
			fflush(p.io.out);
			if (cli_send_outbox(&p.s, NULL, NULL, 1) == CLI_EXIT_OK)
				cli_plain_say(p.io.out, p.io.width, NULL, _("The outbox is done."));
		}
		fflush(stdout);
		fflush(stderr);
	}
	cli_plain_say(p.io.out, p.io.width, NULL, _("Goodbye."));
	ex = CLI_EXIT_OK;
out:
	cli_code_free(&p.code);
	cli_session_close(&p.s);
	return ex;
}
