/*
 * lang.c: the language of the interface, changed while it runs, and the
 * figures it shows written as that language writes them.
 *
 * The g key opens a list of languages, each named in itself; Enter on one
 * switches at once: gettext reads LANGUAGE again (setlocale of
 * LC_MESSAGES, and glibc's catalogue counter moved on so that no
 * translation is served from its cache), the chosen language goes first
 * in the list that picks the texts of a record, Accept-Language follows,
 * and every pane builds its document again.  The kiosk's start screen
 * switches through the same function as the person moves along its list.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curses.h>

#include "core/fmt.h"
#include "core/intl.h"
#include "net/client.h"
#include "net/flow.h"
#include "tui/kiosk.h"
#include "tui/tui-int.h"

#if defined(ENABLE_NLS) && defined(__GLIBC__)
extern int	_nl_msg_cat_cntr;
#endif

/* The shipped languages, named in themselves, in the order of those names. */
static const struct { const char *tag, *name; } lang_names[] = {
	{ "cy", "Cymraeg" }, { "de", "Deutsch" }, { "en", "English" },
	{ "es", "Español" }, { "fr", "Français" }, { "pl", "Polski" },
	{ "ja", "日本語" },
};
#define LANG_N	(sizeof lang_names / sizeof lang_names[0])
#define LANG_MAX	9	/* in the list of g, each with its digit */

/* The name of a language in itself. */
const char *
tui_lang_name(const char *tag)
{
	size_t	i;

	for (i = 0; i < LANG_N; i++)
		if (strncasecmp(tag, lang_names[i].tag, 2) == 0 &&
		    (tag[2] == '\0' || tag[2] == '-' || tag[2] == '_'))
			return lang_names[i].name;
	return tag;
}

/* The languages g offers, as tags: at a kiosk those its administrator
 * configured, in the order of its start screen; elsewhere every shipped
 * language. */
static size_t
lang_list(struct tui *t, const char **tags, size_t max)
{
	size_t	i, n;

	if (t->kiosk != NULL && (n = tui_kiosk_langs(t, tags, max)) > 0)
		return n;
	for (i = 0; i < LANG_N && i < max; i++)
		tags[i] = lang_names[i].tag;
	return i;
}

/* The language tag most wanted now, or "en". */
static const char *
lang_current(struct tui *t)
{
	return t->env->nlangs > 0 ? t->env->langs[0] : "en";
}

/* Switch the whole interface to a language, at once. */
void
tui_lang_set(struct tui *t, const char *tag)
{
	const char	*loc, *prev[TUI_LANG_MAX];
	char		 cur[64];
	size_t		 i, n = 0, np;

	setenv("LANGUAGE", tag, 1);
	/* gettext ignores LANGUAGE in the C locale: C.UTF-8 then. */
	loc = setlocale(LC_MESSAGES, NULL);
	snprintf(cur, sizeof cur, "%s", loc != NULL ? loc : "C.UTF-8");
	if (strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		snprintf(cur, sizeof cur, "%s", "C.UTF-8");
	setlocale(LC_MESSAGES, cur);
#if defined(ENABLE_NLS) && defined(__GLIBC__)
	++_nl_msg_cat_cntr;
#endif
	/* The chosen language first, then the others as they were. */
	np = t->env->nlangs < TUI_LANG_MAX ? t->env->nlangs : TUI_LANG_MAX;
	for (i = 0; i < np; i++)
		prev[i] = t->env->langs[i];
	if (t->env != &t->lang_env)
		t->lang_env = *t->env;
	t->lang_order[n++] = tag;
	for (i = 0; i < np && n < TUI_LANG_MAX; i++)
		if (strcasecmp(prev[i], tag) != 0)
			t->lang_order[n++] = prev[i];
	t->lang_env.langs = t->lang_order;
	t->lang_env.nlangs = n;
	t->env = &t->lang_env;
	if (t->env->ctx != NULL && t->env->ctx->client != NULL)
		(void)net_client_set_languages(t->env->ctx->client,
		    t->lang_order, n);
	/* The contest form is built again in the new language from its
	 * draft, once the draft is safe on disk. */
	if (t->contest.n > 0) {
		if (t->draft_dirty)
			tui_contest_draft_save(t);
		if (!t->draft_dirty) {
			tui_form_free(&t->contest);
			tui_form_init(&t->contest);
			t->contest_case[0] = '\0';
		}
	}
	/* Every text again: words of the cases, the record's texts, panes. */
	tui_model_invalidate(t);
	for (i = 0; i < TUI_P_COUNT; i++)
		tui_pane_stale(&t->panes[i]);
	t->relayout = 1;
}

/* Open the list of languages on the one in use. */
void
tui_lang_open(struct tui *t)
{
	const char	*cur = lang_current(t), *tags[LANG_MAX];
	size_t		 i, n;

	t->lang_menu = 1;
	t->lang_sel = 0;
	n = lang_list(t, tags, LANG_MAX);
	for (i = 0; i < n; i++)
		if (strncasecmp(cur, tags[i], 2) == 0)
			t->lang_sel = i;
	tui_say(t, TUI_R_STATUS, "%s", _("Choose a language with the arrows and "
	    "press Enter; Esc keeps this one."));
	t->relayout = 1;
}

/* A key while the list of languages is open. */
int
tui_lang_key(struct tui *t, int key)
{
	const char	*tags[LANG_MAX];
	size_t		 n;

	if (!t->lang_menu)
		return 0;
	n = lang_list(t, tags, LANG_MAX);
	if (t->lang_sel >= n)
		t->lang_sel = 0;
	switch (key) {
	case TUI_ESC:
	case 'q':
		t->lang_menu = 0;
		tui_say(t, TUI_R_STATUS, _("Language: %s."),
		    tui_lang_name(lang_current(t)));
		t->relayout = 1;
		break;
	case TUI_KEY(KEY_UP):
	case TUI_KEY(KEY_BTAB):
		t->lang_sel = t->lang_sel > 0 ? t->lang_sel - 1 : n - 1;
		break;
	case TUI_KEY(KEY_DOWN):
	case '\t':
		t->lang_sel = (t->lang_sel + 1) % n;
		break;
	case TUI_KEY(KEY_HOME):
		t->lang_sel = 0;
		break;
	case TUI_KEY(KEY_END):
		t->lang_sel = n - 1;
		break;
	case '\r':
	case '\n':
	case ' ':
	case TUI_KEY(KEY_ENTER):
		t->lang_menu = 0;
		tui_lang_set(t, tags[t->lang_sel]);
		/* L10N: said once the interface has changed language, in the
		 * new language: "Language: Cymraeg." */
		tui_say(t, TUI_R_STATUS, _("Language: %s."),
		    tui_lang_name(tags[t->lang_sel]));
		break;
	default:
		if (key >= '1' && key < '1' + (int)n)
			t->lang_sel = (size_t)(key - '1');
		break;
	}
	return 1;
}

/* The list of languages in a box over the panes. */
void
tui_lang_draw(struct tui *t, int *cy, int *cx)
{
	struct tui_rect	 r, in;
	char		 line[80];
	const char	*title = _("Language"), *tags[LANG_MAX];
	size_t		 i, nl;
	int		 n;

	nl = lang_list(t, tags, LANG_MAX);
	r.h = (int)nl + 2;
	r.w = 24;
	if (r.w > t->cols)
		r.w = t->cols;
	r.y = (t->rows - r.h) / 2 > 1 ? (t->rows - r.h) / 2 : 1;
	r.x = (t->cols - r.w) / 2 > 0 ? (t->cols - r.w) / 2 : 0;
	for (i = 0; i < (size_t)r.h && r.y + (int)i < t->rows - 2; i++)
		tui_fill(r.y + (int)i, r.x, r.w, TUI_R_NORMAL);
	tui_box(t, &r, title, 1);
	in = tui_inner(t, &r);
	for (i = 0; i < nl && (int)i < in.h; i++) {
		n = snprintf(line, sizeof line, "%s %zu %s", i == t->lang_sel ?
		    "(*)" : "( )", i + 1, tui_lang_name(tags[i]));
		tui_put(in.y + (int)i, in.x, in.w, line, (size_t)n,
		    i == t->lang_sel ? TUI_R_SELECTED : TUI_R_NORMAL, 1);
		if (i == t->lang_sel) {
			*cy = in.y + (int)i;
			*cx = in.x + 1;
		}
	}
}

/* The formats of the language in use. */
const struct core_fmt_locale *
tui_fmt_locale(struct tui *t)
{
	return core_fmt_locale(lang_current(t));
}

/* A date as the language in use writes it. */
void
tui_fmt_date(struct tui *t, const char *iso, char *out, size_t outsz)
{
	core_fmt_date(tui_fmt_locale(t), iso, out, outsz);
}

/* A figure with its unit, its period in words, as loc writes them. */
void
tui_fmt_quantity_at(const struct core_fmt_locale *loc, double v,
    const char *unit, unsigned flags, char *out, size_t outsz)
{
	char		 fig[160];
	const char	*per, *at;

	core_fmt_quantity(loc, v, unit, flags, fig, sizeof fig, &per);
	/* The figure where the translation puts its %s. */
	if (per != NULL && (per = _(per)) != NULL && (at = strstr(per, "%s")) != NULL)
		snprintf(out, outsz, "%.*s%s%s", (int)(at - per), per, fig, at + 2);
	else
		snprintf(out, outsz, "%s", fig);
}

/* A figure with its unit in the language in use. */
void
tui_fmt_quantity(struct tui *t, double v, const char *unit, unsigned flags,
    char *out, size_t outsz)
{
	tui_fmt_quantity_at(tui_fmt_locale(t), v, unit, flags, out, outsz);
}

/* A deadline: its date and the days left or gone, as loc writes them. */
void
tui_fmt_deadline_at(const struct core_fmt_locale *loc, const char *iso,
    char *out, size_t outsz)
{
	char	date[80];
	long	days;

	core_fmt_date(loc, iso, date, sizeof date);
	if (core_fmt_days_until(iso, time(NULL), &days) != 0)
		snprintf(out, outsz, "%s", date);
	else if (days == 0)
		/* L10N: a deadline that is today: "19 January 2027, today". */
		snprintf(out, outsz, _("%s, today"), date);
	else if (days > 0)
		/* L10N: a deadline to come: "19 January 2027, in 61 days". */
		snprintf(out, outsz, P_("%s, in %ld day", "%s, in %ld days",
		    (unsigned long)days), date, days);
	else
		/* L10N: a deadline gone by: "19 January 2027, 3 days ago". */
		snprintf(out, outsz, P_("%s, %ld day ago", "%s, %ld days ago",
		    (unsigned long)-days), date, -days);
}

/* A deadline in the language in use. */
void
tui_fmt_deadline(struct tui *t, const char *iso, char *out, size_t outsz)
{
	tui_fmt_deadline_at(tui_fmt_locale(t), iso, out, outsz);
}
