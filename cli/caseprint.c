/* caseprint.c: a case in a few lines, for open, fetch, status and list. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/fmt.h"
#include "cli/plain.h"
#include "cli/session.h"
#include "core/analysis.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/intl.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/record.h"
#include "core/verdict.h"
#include "net/case.h"
#include "net/outbox.h"
#include "net/proto.h"
#include "net/store.h"

struct core_record *
cli_case_record(struct cli_session *s, const struct net_case *c, int complain)
{
	struct core_buf		 jws, payload;
	struct core_err		 err;
	struct core_record	*rec = NULL;
	json_t			*doc = NULL;

	core_buf_init(&jws, NET_STORE_MAX_FILE);
	core_buf_init(&payload, NET_STORE_MAX_FILE);
	core_err_clear(&err);
	if (c->decision == NULL)
		goto out;
	if (net_store_get_object(s->store, c->decision, &jws, &err) != CORE_OK ||
	    net_jws_payload(jws.data, jws.len, &payload, &err) != CORE_OK ||
	    core_json_parse(payload.data, payload.len, NULL, &doc, &err) != CORE_OK ||
	    core_record_parse(doc, &rec, &err) != CORE_OK) {
		if (complain)
			cli_report(c->id, &err);
		rec = NULL;
	}
out:
	json_decref(doc);
	core_buf_free(&jws);
	core_buf_free(&payload);
	return rec;
}

/* The keys the service published with the case's discovery document (they
 * may check a provider's attestation; they confer no trust), or NULL. */
static struct core_keyset *
caseprint_keys(struct cli_session *s, const struct net_case *c)
{
	struct core_keyset	*ks = NULL;
	struct core_buf		 b;
	struct core_err		 err;
	json_t			*doc = NULL;

	core_buf_init(&b, NET_STORE_MAX_FILE);
	if (c->discovery != NULL &&
	    net_store_get_object(s->store, c->discovery, &b, &err) == CORE_OK &&
	    core_json_parse(b.data, b.len, NULL, &doc, &err) == CORE_OK &&
	    core_keyset_from_jwks(json_object_get(doc, "jwks"), &ks, &err) != CORE_OK)
		ks = NULL;
	json_decref(doc);
	core_buf_free(&b);
	return ks;
}

/* The input of the label's checks on rec, the record of case c; returns
 * the service's published keys it uses, for core_keyset_free(). */
static struct core_keyset *
caseprint_label_input(struct core_label_input *in, struct cli_session *s,
    const struct net_case *c, const struct core_record *rec, int record_trusted)
{
	struct core_keyset	*keys = caseprint_keys(s, c);

	core_label_input_init(in, rec, time(NULL));
	in->trust = s->trust;
	in->state = &s->tstate;
	in->keys = keys;
	in->newest_id = c->decision_id;
	in->record_trusted = record_trusted;
	return keys;
}

void
cli_label_verdict(const struct core_label_input *in, struct core_verdict *v)
{
	struct core_scorecard_result	*sc;
	struct core_cf_result		*cf = NULL;

	if ((sc = malloc(sizeof *sc)) == NULL ||
	    core_scorecard_check(in->rec, sc, v) != CORE_OK ||
	    core_counterfactual_search(in->rec, &cf) != CORE_OK ||
	    core_cf_verdict(in->rec, cf, v) != CORE_OK ||
	    core_label_check(in, v, NULL) != CORE_OK) {
		cli_warnx("%s", _(core_strerror(CORE_E_NOMEM)));
		exit(CLI_EXIT_SOFTWARE);
	}
	core_cf_free(&cf);
	free(sc);
}

int
cli_print_label_checks(FILE *fp, struct cli_session *s, const struct net_case *c,
    int record_trusted)
{
	struct core_keyset		*keys = NULL;
	struct core_record		*rec;
	struct core_label_input		 in;
	struct core_verdict		 v;
	struct core_buf			 line;
	size_t				 i;
	int				 failed = 0;

	if ((rec = cli_case_record(s, c, 0)) == NULL)
		return 0;
	core_verdict_init(&v);
	core_buf_init(&line, 8192);
	keys = caseprint_label_input(&in, s, c, rec, record_trusted);
	cli_label_verdict(&in, &v);
	/* L10N: a heading above the checks of a decision's label. */
	fprintf(fp, "%s\n", _("Label checks:"));
	for (i = 0; i < v.n; i++) {
		core_buf_reset(&line);
		fprintf(fp, "  %-6s ", core_check_symbol(v.checks[i].result));
		if (cli_fmt_check(NULL, &v.checks[i], &line) == CORE_OK)
			cli_put_safe(fp, core_buf_str(&line));
		if (v.checks[i].result == CORE_CHECK_FAILED) {
			failed++;
			if (v.checks[i].detail[0] != '\0') {
				fputs(" (", fp);
				cli_put_safe(fp, v.checks[i].detail);
				fputc(')', fp);
			}
		}
		fputc('\n', fp);
	}
	core_keyset_free(&keys);
	core_record_free(&rec);
	core_buf_free(&line);
	return failed;
}

/* Translate the words core adds. */
static const char *
caseprint_tr(const char *msgid)
{
	return _(msgid);
}

/* Where the lines of core_cf_explain() go. */
struct caseprint_cf {
	FILE	*fp;
	size_t	 width;
	int	 flags;		/* 0: the sets and notes; 1: the verdict on the
				   record's own */
};

/* One line of what would change the outcome, with its symbol. */
static void
caseprint_cf_line(void *arg, enum core_cf_line kind, const char *text)
{
	struct caseprint_cf	*c = arg;
	int			 flag = kind == CORE_CF_L_AGREE ||
				    kind == CORE_CF_L_FLAG;

	if (flag == c->flags)
		cli_plain_say(c->fp, c->width, flag ? core_cf_line_symbol(kind) :
		    NULL, text);
}

void
cli_print_cf(FILE *fp, size_t width, const struct core_record *rec,
    const struct core_cf_result *cf, const char *const *prefs, size_t nprefs,
    int flags)
{
	struct caseprint_cf	 c;

	c.fp = fp;
	c.width = width;
	c.flags = flags;
	if (!flags)
		cli_plain_say(fp, width, NULL, _("Computed on this computer from "
		    "the scorecard:"));
	(void)core_cf_explain(rec, cf, caseprint_tr, prefs, nprefs,
	    caseprint_cf_line, &c);
}

void
cli_print_chain(FILE *fp, size_t width, struct cli_session *s,
    const struct net_case *c, const struct core_record *rec, int record_trusted)
{
	struct core_keyset		*keys = NULL;
	struct core_label_input		 in;
	struct core_liability		 chain;
	struct core_verdict		 v;
	struct core_buf			 b;
	const struct core_liability_link *lk;
	char				 role[128];
	size_t				 i;

	core_verdict_init(&v);
	core_buf_init(&b, 8192);
	keys = caseprint_label_input(&in, s, c, rec, record_trusted);
	if (core_label_check(&in, &v, &chain) != CORE_OK)
		goto out;
	for (i = 0; i < 3; i++) {
		lk = &chain.links[i];
		core_buf_reset(&b);
		if (lk->party != NULL)
			core_buf_printf(&b, "%s, %s. ", lk->party->name != NULL ?
			    lk->party->name : "?", lk->party->contact != NULL ?
			    lk->party->contact : "");
		else
			core_buf_printf(&b, "%s ", _("not named."));
		core_buf_printf(&b, "%s %s", lk->backed ? "[ok]" : "[!]",
		    lk->backing != NULL ? _(lk->backing) : "");
		/* L10N: a role in the liability chain (operator, deployer,
		 * provider) followed by a colon. */
		snprintf(role, sizeof role, _("Liable as %s:"),
		    _(core_record_role_label(lk->role)));
		cli_plain_say(fp, width, role, core_buf_str(&b));
	}
out:
	core_keyset_free(&keys);
	core_buf_free(&b);
}

/* The verdict a case recorded, from its stable id. */
static int
caseprint_verdict(const char *id, enum core_verdict_overall *o)
{
	enum core_verdict_overall	v;

	if (id == NULL)
		return -1;
	for (v = CORE_VERDICT_TRUSTED; v <= CORE_VERDICT_UNREADABLE; v++) {
		if (strcmp(core_verdict_id(v), id) == 0) {
			*o = v;
			return 0;
		}
	}
	return -1;
}

/* "Label: value" with the value made safe. */
static void
caseprint_line(FILE *fp, const char *label, const char *value)
{
	if (value == NULL)
		return;
	fprintf(fp, "%s ", label);
	cli_put_safe(fp, value);
	fputc('\n', fp);
}

void
cli_print_contest(FILE *fp, const struct net_case *c)
{
	const char	*st = c->contest_status;
	char		 when[128];

	if (st == NULL || strcmp(st, NET_CONTEST_NONE) == 0)
		return;
	/* L10N: "Contest:" is followed by its state, e.g. "under review". */
	fprintf(fp, "%s ", _("Contest:"));
	if (strcmp(st, NET_CONTEST_QUEUED) == 0)
		fputs(_("waiting in the outbox to be sent"), fp);
	else if (strcmp(st, "received") == 0)
		fputs(_("received by the service"), fp);
	else if (strcmp(st, "under_review") == 0)
		fputs(_("under review"), fp);
	else if (strcmp(st, "answered") == 0)
		fputs(_("answered"), fp);
	else if (strcmp(st, "withdrawn") == 0)
		fputs(_("withdrawn"), fp);
	else
		cli_put_safe(fp, st);
	if (c->contest_id != NULL) {
		fprintf(fp, "; %s ", _("contest"));
		cli_put_safe(fp, c->contest_id);
	}
	if (c->answer_due != NULL) {
		/* L10N: followed by a date and the days left: "19 January
		 * 2027, in 30 days". */
		fprintf(fp, "; %s ", _("answer due by"));
		cli_fmt_deadline(NULL, c->answer_due, when, sizeof when);
		cli_put_safe(fp, when);
	}
	fputc('\n', fp);
}

void
cli_print_case(FILE *fp, struct cli_session *s, const struct net_case *c,
    int with_verdict)
{
	struct core_record		*rec;
	enum core_verdict_overall	 o;
	const char			*prefs[CLI_MAX_LANGS], *summary = NULL;
	const char			*lang = s->nlangs > 0 ? s->langs[0] : NULL;
	char				 when[128];
	size_t				 i;

	for (i = 0; i < s->nlangs; i++)
		prefs[i] = s->langs[i];
	rec = cli_case_record(s, c, 0);
	fprintf(fp, "%s %s\n", _("Case:"), c->id);
	caseprint_line(fp, _("Service:"), c->service_id != NULL ? c->service_id : c->service);
	caseprint_line(fp, _("Reference:"), c->reference);
	if (c->decision_id != NULL) {
		fprintf(fp, "%s ", _("Decision:"));
		cli_put_safe(fp, c->decision_id);
		if (c->issued_at != NULL) {
			/* L10N: followed by a date. */
			fprintf(fp, ", %s ", _("issued"));
			cli_fmt_date(lang, c->issued_at, when, sizeof when);
			cli_put_safe(fp, when);
		}
		fputc('\n', fp);
	}
	if (rec != NULL)
		summary = core_text_choose(&rec->outcome.summary, prefs, s->nlangs, NULL);
	caseprint_line(fp, _("Outcome:"), summary);
	if (with_verdict && caseprint_verdict(c->verdict, &o) == 0) {
		fprintf(fp, "%s %s %s", _("Verification:"), core_verdict_symbol(o),
		    _(core_verdict_text(o)));
		if (c->checked_at != NULL) {
			/* L10N: followed by the date and time of the last check. */
			fprintf(fp, " (%s ", _("checked"));
			cli_put_safe(fp, c->checked_at);
			fputc(')', fp);
		}
		fputc('\n', fp);
	}
	/* L10N: followed by the last day to contest and the days left:
	 * "19 January 2027, in 61 days". */
	if (c->deadline != NULL)
		cli_fmt_deadline(lang, c->deadline, when, sizeof when);
	caseprint_line(fp, _("Contest by:"), c->deadline != NULL ? when : NULL);
	cli_print_contest(fp, c);
	core_record_free(&rec);
}
