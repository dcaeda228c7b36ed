/* pane-help.c: the keys and the panes, in words (the ? key). */
#include "config.h"

#include "core/intl.h"
#include "tui/tui-int.h"

/* One item per key and per pane. */
static void
help_build(struct tui *t, struct tui_pane *p, struct tui_doc *d)
{
	static const char *const keys[][2] = {
		{ "Tab, Shift-Tab", N_("move to the next or the previous pane or field") },
		{ N_("Up, Down"), N_("move the selection") },
		{ "PgUp, PgDn, Home, End", N_("move by a page, to the start, to the end") },
		{ "Enter", N_("open the selected case, press a button, tick a box") },
		{ "Esc", N_("go back; leave a form (the draft is kept)") },
		{ "o", N_("open a decision from its letter, or a saved case") },
		{ "d, p, v, l", N_("show the decision, the provenance label, the verification, the list of cases") },
		{ "c", N_("contest the decision open (the draft is saved as you type)") },
		{ "r", N_("fetch the decision again and verify it") },
		{ "s", N_("fetch the status of the contest") },
		{ "/", N_("search the pane; n finds the next match") },
		{ "t", N_("change the colours: default, high contrast, monochrome") },
		{ "g", N_("change the language of the interface (each language is named in itself)") },
		{ "?", N_("this help") },
		{ "q", N_("quit (a draft is saved first)") },
		{ "Ctrl-U, Ctrl-Z", N_("in a text field: undo (Ctrl-Z is not used in kiosk mode)") },
		{ "Space", N_("tick or untick a box; change a choice") },
	};
	static const char *const panes[][2] = {
		{ N_("Cases"), N_("every decision kept on this computer: outcome, who decided, verification, days left to contest, contest") },
		{ N_("Decision"), N_("the outcome, the principal reasons, the factors and how much each counted, what would change the outcome, the letter") },
		{ N_("Provenance label"), N_("how the decision was made: automation, human review, system, provider, impact assessment, who is liable, AI-written text and its watermark") },
		{ N_("Verification"), N_("each check made on this computer, with its verdict in words and a symbol") },
	};
	size_t	i;

	tui_doc_add(d, _("Keys"), TUI_R_HEADING, 0, TUI_DOC_ITEM);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM, "%s: %s", _(keys[i][0]),
		    _(keys[i][1]));
	tui_doc_blank(d);
	tui_doc_add(d, _("Panes"), TUI_R_HEADING, 0, TUI_DOC_ITEM);
	for (i = 0; i < sizeof panes / sizeof panes[0]; i++)
		tui_doc_addf(d, TUI_R_NORMAL, 2, TUI_DOC_ITEM, "%s: %s", _(panes[i][0]),
		    _(panes[i][1]));
	tui_doc_blank(d);
	tui_doc_add(d, _("Symbols: [ok] passed, [FAIL] failed, [!] warning or not "
	    "trusted, [--] not checked. Colour is never the only sign."),
	    TUI_R_NORMAL, 0, TUI_DOC_ITEM);
	tui_doc_addf(d, TUI_R_NORMAL, 0, TUI_DOC_ITEM, _("Colours: %s (t changes them; "
	    "NO_COLOR starts in monochrome)."), tui_theme_name(t->theme));
	tui_doc_add(d, _("Press Esc to go back."), TUI_R_DIM, 0, TUI_DOC_ITEM);
}

const struct tui_pane_ops tui_pane_help_ops = {
	.title = N_("Help"),
	.build = help_build,
	.draw = tui_docpane_draw,
	.key = tui_docpane_key,
	.resize = tui_docpane_resize,
	.focus = tui_docpane_focus,
	.free = tui_docpane_free,
};
