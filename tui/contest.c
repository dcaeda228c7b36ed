/*
 * contest.c: the contest form of the case open, its draft and its body.
 *
 * The form offers the grounds and remedies the record accepts (check
 * boxes), a correction per factor (the right value and a note), the
 * statement (a text area counted against the service's limit), the contact
 * and the language.  Every change schedules a save of the draft
 * (net_draft_save: atomic) 700 ms later; leaving the form or the program
 * saves at once.  The body is built as `recourse contest` builds it: the
 * members of the form, "recourse", the decision's id and the SHA-256 of its
 * payload, in canonical JSON (RFC 8785), so the bytes reviewed are the
 * bytes sent.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/intl.h"
#include "core/hash.h"
#include "core/jcs.h"
#include "core/json.h"
#include "core/record.h"
#include "net/store.h"
#include "tui/tui-int.h"

enum { G_GROUND = 1, G_REMEDY, G_VALUE, G_NOTE, G_STATEMENT, G_PREF, G_ADDRESS,
	G_LANG };
#define A_REVIEW	1
#define DRAFT_DELAY_MS	700


/* A factor's value as the record gives it, in words. */
static void
contest_value(const struct core_rec_factor *f, char *out, size_t n)
{
	switch (f->value.type) {
	case CORE_REC_VALUE_NUMBER:
		snprintf(out, n, "%.10g%s%s", f->value.num, f->unit != NULL ? " " : "",
		    f->unit != NULL ? f->unit : "");
		break;
	case CORE_REC_VALUE_STRING:
		snprintf(out, n, "%s", f->value.str);
		break;
	default:
		snprintf(out, n, "%s", f->value.boolean ? _("yes") : _("no"));
	}
}

/* Put the draft kept for the case into the form. */
static void
contest_apply_draft(struct tui *t)
{
	struct core_buf		 b;
	struct core_err		 err;
	struct tui_fitem	*it;
	json_t			*d = NULL, *v;
	const char		*s;
	size_t			 i, k;

	core_buf_init(&b, NET_DRAFT_MAX);
	if (net_draft_load(t->env->ctx->store, t->contest_case, &b, &err) != CORE_OK)
		goto out;
	if (core_json_parse(b.data, b.len, NULL, &d, &err) != CORE_OK || !json_is_object(d))
		goto out;
	json_array_foreach(json_object_get(d, "grounds"), i, v)
		if ((it = tui_form_find(&t->contest, G_GROUND, json_string_value(v))) != NULL)
			it->on = 1;
	json_array_foreach(json_object_get(d, "remedies"), i, v)
		if ((it = tui_form_find(&t->contest, G_REMEDY, json_string_value(v))) != NULL)
			it->on = 1;
	json_array_foreach(json_object_get(d, "corrections"), i, v) {
		s = json_string_value(json_object_get(v, "factor"));
		if (s == NULL)
			continue;
		if ((it = tui_form_find(&t->contest, G_VALUE, s)) != NULL &&
		    json_is_string(json_object_get(v, "claimed_value")))
			tui_ed_set(&it->ed, json_string_value(json_object_get(v, "claimed_value")));
		if ((it = tui_form_find(&t->contest, G_NOTE, s)) != NULL &&
		    json_is_string(json_object_get(v, "note")))
			tui_ed_set(&it->ed, json_string_value(json_object_get(v, "note")));
	}
	if ((it = tui_form_find(&t->contest, G_STATEMENT, NULL)) != NULL &&
	    (s = json_string_value(json_object_get(d, "statement"))) != NULL)
		tui_ed_set(&it->ed, s);
	v = json_object_get(d, "contact");
	if ((it = tui_form_find(&t->contest, G_ADDRESS, NULL)) != NULL &&
	    (s = json_string_value(json_object_get(v, "address"))) != NULL)
		tui_ed_set(&it->ed, s);
	for (k = 0; k < 2; k++) {
		it = tui_form_find(&t->contest, k == 0 ? G_PREF : G_LANG, NULL);
		s = json_string_value(k == 0 ? json_object_get(v, "preference") :
		    json_object_get(d, "language"));
		for (i = 0; it != NULL && s != NULL && i < it->nchoices; i++)
			if (strcmp(it->choices[i], s) == 0)
				it->choice = i;
	}
	tui_say(t, TUI_R_STATUS, "%s", _("Your draft is back as you left it."));
out:
	json_decref(d);
	core_buf_free(&b);
}

/* A radio item with choices. */
static struct tui_fitem *
contest_radio(struct tui_form *f, const char *label, int group, size_t n)
{
	struct tui_fitem	*it = tui_form_add(f, TUI_F_RADIO, label, NULL);

	it->group = group;
	it->choices = calloc(n > 0 ? n : 1, sizeof *it->choices);
	it->choice_labels = calloc(n > 0 ? n : 1, sizeof *it->choice_labels);
	if (it->choices == NULL || it->choice_labels == NULL)
		abort();
	return it;
}

/* Open the contest form for the case open. */
void
tui_contest_start(struct tui *t)
{
	const struct core_record	*r = t->cur.rec;
	struct tui_form			*f = &t->contest;
	struct tui_fitem		*it;
	char				 label[1200], val[300];
	size_t				 i, max;

	if (!t->cur.have || r == NULL) {
		tui_say(t, TUI_R_STATUS, "%s", _("Open a case with a readable decision "
		    "record first (choose it in Cases and press Enter)."));
		return;
	}
	if (strcmp(t->contest_case, t->cur.c.id) == 0 && f->n > 0) {
		tui_show(t, TUI_S_CONTEST);
		return;
	}
	tui_form_free(f);
	tui_form_init(f);
	snprintf(t->contest_case, sizeof t->contest_case, "%s", t->cur.c.id);
	tui_fmt_deadline(t, r->contest.deadline.text, val, sizeof val);
	snprintf(label, sizeof label, _("Contest decision %s. The last day to "
	    "contest is %s. Your draft is saved as you type."), r->id,
	    r->contest.deadline.text != NULL ? val : "?");
	tui_form_add(f, TUI_F_TEXT, label, NULL);
	tui_form_add(f, TUI_F_HEADING, _("Grounds: why the decision is wrong"), NULL);
	for (i = 0; i < r->contest.ngrounds; i++) {
		it = tui_form_add(f, TUI_F_CHECK, tui_lang_text(t, &r->contest.grounds[i].text),
		    r->contest.grounds[i].code);
		it->group = G_GROUND;
	}
	tui_form_add(f, TUI_F_HEADING, _("What you ask for"), NULL);
	for (i = 0; i < r->contest.nremedies; i++) {
		it = tui_form_add(f, TUI_F_CHECK, tui_lang_text(t, &r->contest.remedies[i].text),
		    r->contest.remedies[i].code);
		it->group = G_REMEDY;
	}
	tui_form_add(f, TUI_F_HEADING, _("Corrections to the data used"), NULL);
	tui_form_add(f, TUI_F_TEXT, _("Leave a value empty when the record has it right."),
	    NULL);
	max = r->contest.corrections_max;
	for (i = 0; i < r->explanation.nfactors && i < max; i++) {
		const struct core_rec_factor *fa = &r->explanation.factors[i];

		contest_value(fa, val, sizeof val);
		snprintf(label, sizeof label, _("%s (the record says %s): the right value"),
		    tui_lang_text(t, &fa->name), val);
		it = tui_form_add(f, TUI_F_FIELD, label, fa->id);
		it->group = G_VALUE;
		tui_ed_init(&it->ed, 1, CORE_REC_MAX_VALUE, 4 * CORE_REC_MAX_VALUE);
		snprintf(label, sizeof label, _("%s: a note (what shows the right value)"),
		    tui_lang_text(t, &fa->name));
		it = tui_form_add(f, TUI_F_FIELD, label, fa->id);
		it->group = G_NOTE;
		tui_ed_init(&it->ed, 1, 1000, 4000);
	}
	it = tui_form_add(f, TUI_F_AREA, _("Your statement"), NULL);
	it->group = G_STATEMENT;
	tui_ed_init(&it->ed, 0, r->contest.statement_max_chars > 0 ?
	    r->contest.statement_max_chars : CORE_REC_MAX_STATEMENT,
	    4 * CORE_REC_MAX_STATEMENT);
	tui_form_add(f, TUI_F_HEADING, _("How the service should answer you"), NULL);
	it = contest_radio(f, _("Answer by"), G_PREF, 3);
	it->nchoices = 3;
	it->choices[0] = strdup("email");
	it->choices[1] = strdup("post");
	it->choices[2] = strdup("phone");
	it->choice_labels[0] = strdup(_("e-mail"));
	it->choice_labels[1] = strdup(_("post"));
	it->choice_labels[2] = strdup(_("phone"));
	it = tui_form_add(f, TUI_F_FIELD, _("Your e-mail address, postal address or "
	    "phone number"), NULL);
	it->group = G_ADDRESS;
	tui_ed_init(&it->ed, 1, CORE_REC_MAX_CONTACT, 4 * CORE_REC_MAX_CONTACT);
	{
		const char **langs = r->contest.nlanguages > 0 ? r->contest.languages :
		    r->languages;
		size_t nl = r->contest.nlanguages > 0 ? r->contest.nlanguages :
		    r->nlanguages;

		it = contest_radio(f, _("Language of the contest"), G_LANG, nl);
		for (i = 0; i < nl; i++) {
			it->choices[i] = strdup(langs[i]);
			it->choice_labels[i] = strdup(langs[i]);
			if (t->env->nlangs > 0 && strncmp(langs[i], t->env->langs[0], 2) == 0)
				it->choice = i;
		}
		it->nchoices = nl;
	}
	it = tui_form_add(f, TUI_F_BUTTON, _("Review what will be sent"), NULL);
	it->action = A_REVIEW;
	tui_form_focus_first(f);
	contest_apply_draft(t);
	tui_show(t, TUI_S_CONTEST);
}

/* A text field's value. */
static const char *
contest_text(struct tui_fitem *it)
{
	return it != NULL && it->ed.s != NULL ? it->ed.s : "";
}

/* The draft: what the form holds, as JSON. */
static json_t *
contest_draft_json(struct tui *t)
{
	struct tui_form		*f = &t->contest;
	struct tui_fitem	*it, *note;
	json_t			*d, *g, *rm, *c;
	size_t			 i;

	d = json_object();
	g = json_array();
	rm = json_array();
	c = json_array();
	for (i = 0; i < f->n; i++) {
		it = &f->v[i];
		if (it->group == G_GROUND && it->on)
			json_array_append_new(g, json_string(it->code));
		else if (it->group == G_REMEDY && it->on)
			json_array_append_new(rm, json_string(it->code));
		else if (it->group == G_VALUE) {
			note = tui_form_find(f, G_NOTE, it->code);
			if (*contest_text(it) == '\0' && *contest_text(note) == '\0')
				continue;
			json_array_append_new(c, json_pack("{s:s, s:s, s:s}", "factor",
			    it->code, "claimed_value", contest_text(it), "note",
			    contest_text(note)));
		}
	}
	json_object_set_new(d, "grounds", g);
	json_object_set_new(d, "remedies", rm);
	json_object_set_new(d, "corrections", c);
	json_object_set_new(d, "statement", json_string(contest_text(
	    tui_form_find(f, G_STATEMENT, NULL))));
	it = tui_form_find(f, G_PREF, NULL);
	json_object_set_new(d, "contact", json_pack("{s:s, s:s}", "preference",
	    it != NULL ? it->choices[it->choice] : "email", "address",
	    contest_text(tui_form_find(f, G_ADDRESS, NULL))));
	it = tui_form_find(f, G_LANG, NULL);
	json_object_set_new(d, "language", json_string(it != NULL && it->nchoices > 0 ?
	    it->choices[it->choice] : "en"));
	return d;
}

/* Save the draft now. */
void
tui_contest_draft_save(struct tui *t)
{
	struct core_err	 err;
	json_t		*d;
	char		*s;

	t->draft_due = 0;
	if (!t->draft_dirty || t->contest.n == 0)
		return;
	d = contest_draft_json(t);
	s = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(d);
	if (s == NULL)
		return;
	if (net_draft_save(t->env->ctx->store, t->contest_case, s, strlen(s),
	    &err) != CORE_OK)
		tui_say(t, TUI_R_ERROR, _("The draft could not be saved: %s. Keep the "
		    "program open and free some disk space."), _(core_strerror(err.code)));
	else {
		t->draft_dirty = 0;
		if (t->status_role != TUI_R_ERROR)
			tui_say(t, TUI_R_STATUS, "%s", _("Draft saved."));
	}
	free(s);
}

/* The claimed value with the type of the factor's value. */
static json_t *
contest_claim(const struct core_record *r, const char *factor, const char *s)
{
	const struct core_rec_factor	*f = core_record_factor(r, factor);
	char				*end;
	double				 d;

	if (f != NULL && f->value.type == CORE_REC_VALUE_NUMBER) {
		d = strtod(s, &end);
		if (end != s && *end == '\0')
			return d == (double)(json_int_t)d && strchr(s, '.') == NULL &&
			    strchr(s, 'e') == NULL ? json_integer((json_int_t)d) :
			    json_real(d);
	}
	if (f != NULL && f->value.type == CORE_REC_VALUE_BOOL) {
		if (strcmp(s, "yes") == 0 || strcmp(s, "true") == 0)
			return json_true();
		if (strcmp(s, "no") == 0 || strcmp(s, "false") == 0)
			return json_false();
	}
	return json_string(s);
}

/* The exact body to send, or why it cannot be sent yet. */
int
tui_contest_body(struct tui *t, struct core_buf *out, char *why, size_t whysz)
{
	json_t		*d = contest_draft_json(t), *body, *c, *x;
	struct core_err	 err;
	size_t		 i;
	int		 rc = -1;

	body = json_object();
	json_object_set(body, "grounds", json_object_get(d, "grounds"));
	json_object_set(body, "remedies", json_object_get(d, "remedies"));
	c = json_array();
	json_array_foreach(json_object_get(d, "corrections"), i, x) {
		const char *v = json_string_value(json_object_get(x, "claimed_value"));
		const char *f = json_string_value(json_object_get(x, "factor"));
		json_t *o;

		if (*v == '\0') {
			snprintf(why, whysz, _("A correction has a note but no value (%s): "
			    "give the right value or clear the note."), f);
			goto out;
		}
		o = json_pack("{s:s, s:o}", "factor", f, "claimed_value",
		    contest_claim(t->cur.rec, f, v));
		if (*json_string_value(json_object_get(x, "note")) != '\0')
			json_object_set(o, "note", json_object_get(x, "note"));
		json_array_append_new(c, o);
	}
	json_object_set_new(body, "corrections", c);
	json_object_set(body, "statement", json_object_get(d, "statement"));
	json_object_set(body, "contact", json_object_get(d, "contact"));
	json_object_set(body, "language", json_object_get(d, "language"));
	json_object_set_new(body, "recourse", json_string("1"));
	json_object_set_new(body, "decision_id", json_string(t->cur.c.decision_id));
	json_object_set_new(body, "decision_sha256", json_string(t->cur.c.decision_sha256));
	if (json_array_size(json_object_get(d, "grounds")) == 0)
		snprintf(why, whysz, "%s", _("Tick at least one ground."));
	else if (json_array_size(json_object_get(d, "remedies")) == 0)
		snprintf(why, whysz, "%s", _("Tick at least one thing you ask for."));
	else if (*json_string_value(json_object_get(d, "statement")) == '\0')
		snprintf(why, whysz, "%s", _("Write a statement."));
	else if (*json_string_value(json_object_get(json_object_get(d, "contact"),
	    "address")) == '\0')
		snprintf(why, whysz, "%s", _("Say where the service should answer you."));
	else if (t->cur.c.decision_id == NULL || t->cur.c.decision_sha256 == NULL)
		snprintf(why, whysz, "%s", _("This case holds no decision to contest."));
	else {
		core_buf_reset(out);
		if (core_jcs_serialize(body, out, &err) != CORE_OK)
			snprintf(why, whysz, "%s", _(core_strerror(err.code)));
		else
			rc = 0;
	}
out:
	json_decref(body);
	json_decref(d);
	return rc;
}

/* Draw the form. */
static void
contest_draw(struct tui *t, struct tui_pane *p, const struct tui_rect *r,
    int focused)
{
	struct tui_rect	in;

	tui_box(t, r, _("Contest"), 1);
	in = tui_inner(t, r);
	tui_form_draw(t, &t->contest, p, &in);
}

/* Keys of the form. */
static int
contest_key(struct tui *t, struct tui_pane *p, int key)
{
	char	why[300];
	int	action = 0, rc;

	if (key == TUI_ESC) {
		tui_contest_draft_save(t);
		tui_show(t, TUI_S_MAIN);
		return 1;
	}
	rc = tui_form_key(t, &t->contest, key, &action);
	if (rc == 3) {
		t->draft_dirty = 1;
		t->draft_due = tui_now_ms() + DRAFT_DELAY_MS;
	}
	if (rc == 2 && action == A_REVIEW) {
		tui_contest_draft_save(t);
		if (tui_contest_body(t, &t->body, why, sizeof why) != 0) {
			tui_say(t, TUI_R_ERROR, "%s", why);
			return 1;
		}
		core_sha256_hex(t->body.data, t->body.len, t->body_sha);
		tui_pane_stale(&t->panes[TUI_P_REVIEW]);
		t->panes[TUI_P_REVIEW].top = t->panes[TUI_P_REVIEW].sel = 0;
		tui_say(t, TUI_R_STATUS, "%s", _("Read what will be sent; press y to "
		    "send it or Esc to change it."));
		tui_show(t, TUI_S_REVIEW);
	}
	return rc != 0;
}

const struct tui_pane_ops tui_pane_contest_ops = {
	.title = N_("Contest"),
	.draw = contest_draw,
	.key = contest_key,
};
