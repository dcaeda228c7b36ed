/*
 * plain-contest.c: filing a contest in plain mode.
 *
 * The person answers one question at a time: grounds, corrections to the
 * data the decision used, a statement over several lines ended by a line
 * holding a single ".", the remedies asked for, and how to be contacted.
 * The draft is saved after each answer (the same draft the full-screen form
 * keeps).  The person then sees exactly the bytes that will be sent (the
 * canonical JSON, RFC 8785), confirms, and the contest goes into the outbox
 * on disk before it is sent; the service's signed receipt is checked
 * against those bytes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/fmt.h"
#include "cli/plain.h"
#include "cli/session.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/intl.h"
#include "core/jcs.h"
#include "core/record.h"
#include "net/case.h"
#include "net/outbox.h"
#include "net/store.h"

#define CONTEST_LINE	4096

/* Ask for several numbers from a list of n; at least one.  Fills pick[]
 * with 0/1; -1 at the end of input. */
static int
contest_pick(struct plain_io *io, const char *what, const struct cli_reading *r,
    const struct core_rec_choice *v, size_t n, char *pick)
{
	char	line[CONTEST_LINE], pre[32], prompt[256], *p, *end;
	size_t	i;
	long	k;
	int	bad, any;

	cli_plain_say(io->out, io->width, NULL, what);
	for (i = 0; i < n; i++) {
		snprintf(pre, sizeof pre, "%zu.", i + 1);
		cli_plain_say(io->out, io->width, pre,
		    core_text_choose(&v[i].text, r->prefs, r->nprefs, NULL));
	}
	/* L10N: %zu is the number of the last choice. */
	snprintf(prompt, sizeof prompt, _("Type the numbers that apply, 1 to %zu, "
	    "separated by spaces (for example: 1 3):"), n);
	for (;;) {
		if (cli_plain_ask(io, prompt, line, sizeof line) != 0)
			return -1;
		memset(pick, 0, n);
		bad = any = 0;
		for (p = line; *p != '\0';) {
			p += strspn(p, " ,\t");
			if (*p == '\0')
				break;
			k = strtol(p, &end, 10);
			if (end == p || k < 1 || (size_t)k > n) {
				bad = 1;
				break;
			}
			pick[k - 1] = 1;
			any = 1;
			p = end;
		}
		if (!bad && any)
			return 0;
		cli_plain_say(io->out, io->width, NULL, _("Give at least one number from the list."));
	}
}

/* A claimed value: a number when the factor's value is a number and the
 * answer reads as one, else the text. */
static json_t *
contest_value(const struct core_rec_factor *f, const char *s)
{
	char	*end;
	double	 d;

	if (f->value.type == CORE_REC_VALUE_NUMBER && *s != '\0') {
		d = strtod(s, &end);
		if (*end == '\0')
			return d == (double)(long long)d ? json_integer((long long)d) :
			    json_real(d);
	}
	if (f->value.type == CORE_REC_VALUE_BOOL) {
		if (strcmp(s, _("yes")) == 0 || strcmp(s, "true") == 0)
			return json_true();
		if (strcmp(s, _("no")) == 0 || strcmp(s, "false") == 0)
			return json_false();
	}
	return json_string(s);
}

/* Save the draft as the full-screen form keeps it. */
static void
contest_draft(struct cli_reading *r, json_t *o)
{
	struct core_err	 err;
	char		*s;

	if ((s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS)) == NULL)
		return;
	if (net_draft_save(r->s->store, r->c.id, s, strlen(s), &err) != CORE_OK)
		cli_report(_("the draft"), &err);
	free(s);
}

/* The corrections, one factor at a time. */
static int
contest_corrections(struct plain_io *io, struct cli_reading *r, json_t *arr)
{
	const struct core_rec_explanation	*e = &r->rec->explanation;
	const struct core_rec_factor		*f;
	struct core_buf				 b;
	char					 line[CONTEST_LINE], note[CONTEST_LINE];
	char					 pre[32], prompt[256], *end;
	char					 fig[200];
	size_t					 i;
	long					 k;
	int					 ret = -1;

	core_buf_init(&b, 65536);
	cli_plain_say(io->out, io->width, NULL, _("Corrections: the data the "
	    "decision used, with the values it used:"));
	for (i = 0; i < e->nfactors; i++) {
		f = &e->factors[i];
		core_buf_reset(&b);
		core_buf_printf(&b, "%s: ", core_text_choose(&f->name, r->prefs,
		    r->nprefs, NULL));
		if (f->value.type == CORE_REC_VALUE_NUMBER) {
			/* As the language writes it, with its unit: "£23,400 a
			 * year". */
			cli_fmt_quantity(r->nprefs > 0 ? r->prefs[0] : NULL,
			    f->value.num, f->unit, 0, fig, sizeof fig);
			core_buf_adds(&b, fig);
		} else {
			if (f->value.type == CORE_REC_VALUE_STRING)
				core_buf_adds(&b, f->value.str);
			else
				core_buf_adds(&b, f->value.boolean ? _("yes") : _("no"));
			if (f->unit != NULL)
				core_buf_printf(&b, " %s", f->unit);
		}
		snprintf(pre, sizeof pre, "%zu.", i + 1);
		cli_plain_say(io->out, io->width, pre, core_buf_str(&b));
	}
	snprintf(prompt, sizeof prompt, _("To correct a value, type the number of "
	    "its factor, 1 to %zu; press Enter when there is nothing more to "
	    "correct:"), e->nfactors);
	while (json_array_size(arr) < r->rec->contest.corrections_max) {
		if (cli_plain_ask(io, prompt, line, sizeof line) != 0)
			goto out;
		if (line[0] == '\0')
			break;
		k = strtol(line, &end, 10);
		if (*end != '\0' || k < 1 || (size_t)k > e->nfactors) {
			cli_plain_say(io->out, io->width, NULL, _("That is not one of the factors."));
			continue;
		}
		f = &e->factors[k - 1];
		if (cli_plain_ask(io, _("The correct value:"), line, sizeof line) != 0 ||
		    cli_plain_ask(io, _("A note, for example how you can show it "
		    "(press Enter for none):"), note, sizeof note) != 0)
			goto out;
		if (line[0] == '\0') {
			cli_plain_say(io->out, io->width, NULL, _("No value given: nothing corrected."));
			continue;
		}
		json_array_append_new(arr, note[0] != '\0' ?
		    json_pack("{s:s, s:o, s:s}", "factor", f->id, "claimed_value",
		    contest_value(f, line), "note", note) :
		    json_pack("{s:s, s:o}", "factor", f->id, "claimed_value",
		    contest_value(f, line)));
		cli_plain_say(io->out, io->width, NULL, _("Correction noted."));
	}
	ret = 0;
out:
	core_buf_free(&b);
	return ret;
}

/* The statement, over lines up to one holding a single ".". */
static int
contest_statement(struct plain_io *io, struct cli_reading *r, struct core_buf *st)
{
	char	line[CONTEST_LINE];
	int	first = 1;

	cli_plain_say(io->out, io->width, NULL, _("Your statement: say in your own "
	    "words why the decision is wrong. Type as many lines as you need, then "
	    "a line holding only a full stop (.) to end it."));
	if (r->rec->contest.statement_max_chars > 0)
		fprintf(io->out, _("At most %u characters.\n"),
		    r->rec->contest.statement_max_chars);
	for (;;) {
		if (cli_plain_ask(io, first ? _("Statement, first line:") :
		    _("Next line, or . alone to end:"), line, sizeof line) != 0)
			return -1;
		if (strcmp(line, ".") == 0)
			break;
		if (!first && core_buf_addc(st, '\n') != CORE_OK)
			return -1;
		if (core_buf_adds(st, line) != CORE_OK) {
			cli_plain_say(io->out, io->width, NULL, _("The statement is too long."));
			return -1;
		}
		first = 0;
	}
	return 0;
}

/* The language of the contest: the person's first that the service takes. */
static const char *
contest_language(const struct cli_reading *r)
{
	const struct core_rec_contest	*c = &r->rec->contest;
	size_t				 i, k;

	for (i = 0; i < r->nprefs; i++)
		for (k = 0; k < c->nlanguages; k++)
			if (strncmp(r->prefs[i], c->languages[k], 2) == 0)
				return c->languages[k];
	return c->nlanguages > 0 ? c->languages[0] : "en";
}

/* Queue the exact bytes in the outbox, unless the same contest is there or
 * was received already.  1: received before; 0: in the outbox; -1: error. */
static int
contest_queue(struct cli_reading *r, const struct core_buf *body)
{
	char	key[NET_OUTBOX_KEY_LEN + 1], when[64];
	int	q;

	if ((q = cli_contest_queue(r->s, &r->c, body, key, when, sizeof when)) < 0)
		return -1;
	if (q == 1)
		printf("%s\n", _("This contest was sent before and its receipt "
		    "is kept."));
	else if (q == 2)
		printf("%s\n", _("This contest is already in the outbox."));
	return q == 1 ? 1 : 0;
}

/* Ask how the service should answer. */
static int
contest_contact(struct plain_io *io, json_t *o)
{
	static const char *const prefs[] = { "email", "post", "phone" };
	char	line[CONTEST_LINE];
	int	k;

	cli_plain_say(io->out, io->width, NULL, _("How should the service answer "
	    "you? 1. by e-mail, 2. by post, 3. by phone."));
	for (;;) {
		if (cli_plain_ask(io, _("Type 1, 2 or 3:"), line, sizeof line) != 0)
			return -1;
		k = line[0] - '0';
		if (line[1] == '\0' && k >= 1 && k <= 3)
			break;
		cli_plain_say(io->out, io->width, NULL, _("That is not one of the choices."));
	}
	for (;;) {
		if (cli_plain_ask(io, k == 1 ? _("Your e-mail address:") : k == 2 ?
		    _("Your postal address, on one line:") : _("Your phone number:"),
		    line, sizeof line) != 0)
			return -1;
		if (line[0] != '\0')
			break;
		cli_plain_say(io->out, io->width, NULL, _("The service needs it to answer you."));
	}
	json_object_set_new(o, "contact", json_pack("{s:s, s:s}", "preference",
	    prefs[k - 1], "address", line));
	return 0;
}

int
cli_plain_contest(struct plain_io *io, struct cli_reading *r, const char *code)
{
	const struct core_rec_contest	*ct;
	struct core_buf			 st, body;
	struct core_err			 err;
	json_t				*o = NULL, *g, *rm, *cor;
	char				 pick[CORE_REC_MAX_GROUNDS + CORE_REC_MAX_REMEDIES];
	char				 line[64], today[21], when[128], *mine = NULL;
	size_t				 i;
	int				 ret = -1, q;

	core_buf_init(&st, 4u * CORE_REC_MAX_STATEMENT + 16);
	core_buf_init(&body, NET_OUTBOX_MAX_BODY);
	if (r->rec == NULL || r->c.decision_sha256 == NULL || r->c.contests_url == NULL) {
		cli_plain_say(io->out, io->width, NULL, _("This case holds no decision that can be "
		    "contested."));
		goto out;
	}
	ct = &r->rec->contest;
	cli_plain_say(io->out, io->width, NULL, _("Contest this decision."));
	if (ct->deadline.text != NULL)
		cli_fmt_deadline(r->nprefs > 0 ? r->prefs[0] : NULL,
		    ct->deadline.text, when, sizeof when);
	cli_plain_say(io->out, io->width, _("Last day to contest:"),
	    ct->deadline.text != NULL ? when : NULL);
	net_time_now(today);
	if (ct->deadline.text != NULL && strncmp(today, ct->deadline.text, 10) > 0)
		cli_plain_say(io->out, io->width, NULL, _("That day has passed; the "
		    "service may refuse the contest."));
	o = json_object();
	g = json_array();
	rm = json_array();
	cor = json_array();
	json_object_set_new(o, "recourse", json_string("1"));
	json_object_set_new(o, "decision_id", json_string(r->c.decision_id));
	json_object_set_new(o, "decision_sha256", json_string(r->c.decision_sha256));
	json_object_set_new(o, "grounds", g);
	json_object_set_new(o, "remedies", rm);
	json_object_set_new(o, "corrections", cor);
	if (contest_pick(io, _("Grounds: why you contest the decision."), r,
	    ct->grounds, ct->ngrounds, pick) != 0)
		goto out;
	for (i = 0; i < ct->ngrounds; i++)
		if (pick[i])
			json_array_append_new(g, json_string(ct->grounds[i].code));
	contest_draft(r, o);
	if (contest_corrections(io, r, cor) != 0)
		goto out;
	contest_draft(r, o);
	for (;;) {
		core_buf_reset(&st);
		if (contest_statement(io, r, &st) != 0)
			goto out;
		if (ct->statement_max_chars == 0 ||
		    cli_contest_chars(core_buf_str(&st)) <= ct->statement_max_chars)
			break;
		fprintf(io->out, _("The statement has %zu characters; the service "
		    "accepts at most %u. Type it again, shorter.\n"),
		    cli_contest_chars(core_buf_str(&st)), ct->statement_max_chars);
	}
	json_object_set_new(o, "statement", json_string(core_buf_str(&st)));
	contest_draft(r, o);
	if (contest_pick(io, _("Remedies: what you ask the service to do."), r,
	    ct->remedies, ct->nremedies, pick) != 0)
		goto out;
	for (i = 0; i < ct->nremedies; i++)
		if (pick[i])
			json_array_append_new(rm, json_string(ct->remedies[i].code));
	if (contest_contact(io, o) != 0)
		goto out;
	json_object_set_new(o, "language", json_string(contest_language(r)));
	contest_draft(r, o);
	if (core_jcs_serialize(o, &body, &err) != CORE_OK) {
		cli_report(_("the contest"), &err);
		goto out;
	}
	/* L10N: %zu is a number of bytes. */
	fprintf(io->out, _("Review: this is exactly what will be sent, %zu bytes:\n"),
	    body.len);
	fwrite(body.data, 1, body.len, io->out);
	fputc('\n', io->out);
	cli_plain_say(io->out, io->width, NULL, _("End of what will be sent."));
	for (;;) {
		if (cli_plain_ask(io, _("Send it now? Type y to send, or n not to send "
		    "(the draft is kept):"), line, sizeof line) != 0)
			goto out;
		if (strcmp(line, "y") == 0 || strcmp(line, "n") == 0)
			break;
		cli_plain_say(io->out, io->width, NULL, _("Type y or n."));
	}
	if (line[0] == 'n') {
		cli_plain_say(io->out, io->width, NULL, _("Not sent. Your draft is kept."));
		ret = 0;
		goto out;
	}
	fflush(io->out);
	if ((q = contest_queue(r, &body)) < 0)
		goto out;
	if (q == 1) {
		(void)net_draft_remove(r->s->store, r->c.id, &err);
		ret = 0;
		goto out;
	}
	if (code == NULL && r->c.access_code == NULL) {
		if ((mine = cli_plain_ask_secret(io, _("Access code, as printed on "
		    "your letter (it is not shown as you type):"))) == NULL) {
			cli_plain_say(io->out, io->width, NULL, _("No access code: the contest stays in "
			    "the outbox until it is sent."));
			goto out;
		}
		code = mine;
	}
	fflush(io->out);
	if (cli_send_outbox(r->s, r->c.id, code != NULL ? code : r->c.access_code,
	    1) == CLI_EXIT_OK) {
		(void)net_draft_remove(r->s->store, r->c.id, &err);
		cli_plain_say(io->out, io->width, NULL, _("Your receipt is kept; "
		    "choose 10 in the case menu to see it and the status."));
	}
	fflush(stdout);
	fflush(stderr);
	ret = 0;
out:
	cli_code_free(&mine);
	json_decref(o);
	core_buf_free(&st);
	core_buf_free(&body);
	return ret;
}
