/*
 * model.c: what the panes show, computed in one place: the list of cases
 * (from the store, with outcome and issuer read lazily from each record),
 * and the case open in the panes: its record, its verification verdict
 * computed again offline from the stored bytes, and the watermark test of
 * its letter.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/intl.h"
#include "core/json.h"
#include "core/record.h"
#include "core/trust.h"
#include "core/wpg1.h"
#include "net/case.h"
#include "net/flow.h"
#include "net/letterwm.h"
#include "net/proto.h"
#include "net/store.h"
#include "tui/tui-int.h"

/* The text of a record in the person's language. */
const char *
tui_lang_text(struct tui *t, const struct core_text *x)
{
	const char	*s = core_text_choose(x, t->env->langs, t->env->nlangs, NULL);

	return s != NULL ? s : "";
}

/* The record a case points at, parsed; NULL with why in problem. */
static struct core_record *
model_record(struct tui *t, const struct net_case *c, struct core_buf *jws,
    char *problem, size_t psz)
{
	struct core_buf		 payload;
	struct core_err		 err;
	struct core_record	*rec = NULL;
	json_t			*doc = NULL;

	core_buf_init(&payload, NET_STORE_MAX_FILE);
	core_err_clear(&err);
	if (c->decision == NULL) {
		snprintf(problem, psz, "%s", _("No decision record has been fetched for this case."));
		goto out;
	}
	if (net_store_get_object(t->env->ctx->store, c->decision, jws, &err) != CORE_OK ||
	    net_jws_payload(jws->data, jws->len, &payload, &err) != CORE_OK ||
	    core_json_parse(payload.data, payload.len, NULL, &doc, &err) != CORE_OK ||
	    core_record_parse(doc, &rec, &err) != CORE_OK) {
		snprintf(problem, psz, _("The decision record cannot be read: %s (%s)."),
		    _(core_strerror(err.code)), err.detail);
		rec = NULL;
	}
out:
	json_decref(doc);
	core_buf_free(&payload);
	return rec;
}

/* The party that decided, by name, else the issuer's origin. */
static const char *
model_issuer(const struct core_record *r)
{
	size_t	i;

	for (i = 0; i < r->label.nparties; i++)
		if (r->label.parties[i].role == CORE_REC_ROLE_DEPLOYER)
			return r->label.parties[i].name;
	return r->issuer;
}

/* Read the cases of the store, most recently updated first. */
void
tui_model_load_cases(struct tui *t)
{
	struct net_case	*v = NULL;
	struct core_err	 err;
	size_t		 n = 0, i;

	tui_model_free_cases(t);
	if (net_case_list(t->env->ctx->store, &v, &n, &err) != CORE_OK) {
		tui_say(t, TUI_R_ERROR, _("The saved cases cannot be read: %s."),
		    _(core_strerror(err.code)));
		return;
	}
	if (n > 0 && (t->cases = calloc(n, sizeof *t->cases)) == NULL)
		abort();
	for (i = 0; i < n; i++) {
		t->cases[i].c = v[i];		/* the strings move */
		net_case_init(&v[i]);
	}
	t->ncases = n;
	t->summarised = 0;
	net_case_list_free(&v, n);
	tui_pane_stale(&t->panes[TUI_P_CASES]);
}

/* Outcome and issuer of up to n more cases. */
int
tui_model_summarise(struct tui *t, size_t n)
{
	struct tui_casesum	*s;
	struct core_record	*rec;
	struct core_buf		 jws;
	char			 problem[300];
	size_t			 end = t->summarised + n;

	if (end > t->ncases)
		end = t->ncases;
	core_buf_init(&jws, NET_STORE_MAX_FILE);
	for (; t->summarised < end; t->summarised++) {
		s = &t->cases[t->summarised];
		core_buf_reset(&jws);
		rec = model_record(t, &s->c, &jws, problem, sizeof problem);
		if (rec != NULL) {
			s->outcome = strdup(_(core_record_outcome_label(rec->outcome.code)));
			s->issuer = strdup(model_issuer(rec));
			core_record_free(&rec);
		}
		s->loaded = 1;
	}
	core_buf_free(&jws);
	if (end > 0)
		tui_pane_stale(&t->panes[TUI_P_CASES]);
	return t->summarised < t->ncases;
}

/* Forget the list of cases. */
void
tui_model_free_cases(struct tui *t)
{
	size_t	i;

	for (i = 0; i < t->ncases; i++) {
		net_case_clear(&t->cases[i].c);
		free(t->cases[i].outcome);
		free(t->cases[i].issuer);
	}
	free(t->cases);
	t->cases = NULL;
	t->ncases = t->summarised = 0;
}

/* Test the letter with the key its label gives and the keys its service
 * publishes (a letter said to be written by a person is tested too). */
static void
model_watermark(struct tui *t, struct tui_current *cur, const json_t *disc)
{
	const struct core_rec_letter	*lt = &cur->rec->explanation.letter;
	struct net_letterwm		 lw;

	net_letterwm_test(cur->rec, lt->present ?
	    tui_lang_text(t, &lt->content) : NULL, disc, &lw);
	cur->wm_checked = lw.checked;
	if (!lw.checked)
		return;
	cur->wm = lw.verdict;
	cur->wm_res = lw.res;
	cur->wm_label_key = lw.label_key;
}

/* Verify the stored decision again, offline, with the keys its service
 * published when it was fetched, and test its letter; what the service
 * published is kept for the label's checks (pane-label.c). */
static void
model_verify(struct tui *t, struct tui_current *cur, const struct core_buf *jws)
{
	struct core_buf		 raw;
	struct core_err		 err;

	core_buf_init(&raw, NET_STORE_MAX_FILE);
	cur->have_v = 0;
	if (cur->c.discovery != NULL &&
	    net_store_get_object(t->env->ctx->store, cur->c.discovery, &raw, &err) == CORE_OK)
		(void)net_discovery_parse(raw.data, raw.len, cur->c.service,
		    &cur->disc, &err);
	if (jws->len > 0 && net_verify_decision(t->env->ctx, jws->data, jws->len,
	    cur->disc.keys, &cur->v) == CORE_OK)
		cur->have_v = 1;
	if (cur->rec != NULL)
		model_watermark(t, cur, cur->disc.doc);
	core_buf_free(&raw);
}

/* Open a case in the panes. */
void
tui_model_open(struct tui *t, const char *case_id)
{
	struct tui_current	*cur = &t->cur;
	struct core_buf		 jws;
	struct core_err		 err;
	int			 i;

	tui_model_close(t);
	core_buf_init(&jws, NET_STORE_MAX_FILE);
	net_case_init(&cur->c);
	if (net_case_load(t->env->ctx->store, case_id, &cur->c, &err) != CORE_OK) {
		tui_say(t, TUI_R_ERROR, _("Case %s cannot be read: %s."), case_id,
		    _(core_strerror(err.code)));
		goto out;
	}
	cur->have = 1;
	cur->rec = model_record(t, &cur->c, &jws, cur->problem, sizeof cur->problem);
	model_verify(t, cur, &jws);
out:
	core_buf_free(&jws);
	for (i = TUI_P_DECISION; i < TUI_P_COUNT; i++) {
		tui_pane_stale(&t->panes[i]);
		t->panes[i].top = t->panes[i].sel = 0;
	}
}

/* Close the case open in the panes. */
void
tui_model_close(struct tui *t)
{
	if (t->cur.rec != NULL)
		core_record_free(&t->cur.rec);
	net_case_clear(&t->cur.c);
	net_discovery_clear(&t->cur.disc);
	memset(&t->cur, 0, sizeof t->cur);
	net_case_init(&t->cur.c);
}

/* Everything shown must be computed again (after a flow changed the store). */
void
tui_model_invalidate(struct tui *t)
{
	char	id[NET_CASE_ID_MAX + 1];

	snprintf(id, sizeof id, "%s", t->cur.c.id);
	tui_model_load_cases(t);
	if (t->cur.have)
		tui_model_open(t, id);
}

/* Days left to contest, in words. */
void
tui_model_days(const char *deadline, char *out, size_t outsz)
{
	time_t		dl, now = time(NULL);
	long long	days;

	out[0] = '\0';
	if (deadline == NULL || core_trust_date_parse(deadline, &dl) != 0)
		return;
	days = ((long long)dl - ((long long)now - (long long)now % 86400)) / 86400;
	if (days < 0)
		snprintf(out, outsz, "%s", _("contest period over"));
	else if (days == 0)
		snprintf(out, outsz, "%s", _("last day to contest is today"));
	else
		snprintf(out, outsz, P_("%lld day to contest", "%lld days to contest",
		    (unsigned long)days), days);
}

/* A stored verdict id in words, with its symbol. */
const char *
tui_verdict_words(const char *id, const char **sym)
{
	enum core_verdict_overall	v;

	*sym = "[--]";
	if (id == NULL)
		return _("not verified");
	for (v = CORE_VERDICT_TRUSTED; v <= CORE_VERDICT_UNREADABLE; v++)
		if (strcmp(core_verdict_id(v), id) == 0) {
			*sym = core_verdict_symbol(v);
			return v == CORE_VERDICT_TRUSTED ? _("verified") :
			    _(core_verdict_text(v));
		}
	return _("not verified");
}

/* Where a contest stands, in words. */
const char *
tui_contest_words(const char *st)
{
	if (st == NULL || strcmp(st, NET_CONTEST_NONE) == 0)
		return _("not contested");
	if (strcmp(st, NET_CONTEST_QUEUED) == 0)
		return _("contest waiting to be sent");
	if (strcmp(st, "received") == 0)
		return _("contest received");
	if (strcmp(st, "under_review") == 0)
		return _("contest under review");
	if (strcmp(st, "answered") == 0)
		return _("contest answered");
	if (strcmp(st, "withdrawn") == 0)
		return _("contest withdrawn");
	return _("contest status unknown");
}
