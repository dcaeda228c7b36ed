/*
 * theme.c: every colour and attribute of the interface, in one table.
 *
 * Three themes: "default" keeps the terminal's own colours (-1, through
 * use_default_colors) and adds a colour only to the symbols' words; "high
 * contrast" uses bold white and yellow on black; "mono" uses attributes
 * alone.  NO_COLOR (https://no-color.org), set to anything, starts in mono.
 * Meaning is never carried by colour alone: every verdict also has its
 * symbol and its words, and the selected item is in reverse video.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/intl.h"
#include "tui/tui-int.h"

struct theme_entry {
	short	fg, bg;		/* -1: the terminal's own */
	int	attr;
};

#define D	(-1)

/* [theme][role] */
static const struct theme_entry theme_table[TUI_THEME_COUNT][TUI_R_COUNT] = {
	[TUI_THEME_DEFAULT] = {
		[TUI_R_NORMAL] =	{ D, D, A_NORMAL },
		[TUI_R_TITLE] =		{ D, D, A_BOLD | A_REVERSE },
		[TUI_R_HEADING] =	{ D, D, A_BOLD },
		[TUI_R_SELECTED] =	{ D, D, A_REVERSE },
		[TUI_R_SELECTED_DIM] =	{ D, D, A_UNDERLINE },
		[TUI_R_BORDER] =	{ D, D, A_NORMAL },
		[TUI_R_BORDER_FOCUS] =	{ COLOR_CYAN, D, A_BOLD },
		[TUI_R_OK] =		{ COLOR_GREEN, D, A_NORMAL },
		[TUI_R_FAIL] =		{ COLOR_RED, D, A_BOLD },
		[TUI_R_WARN] =		{ COLOR_YELLOW, D, A_NORMAL },
		[TUI_R_DIM] =		{ D, D, A_DIM },
		[TUI_R_STATUS] =	{ D, D, A_NORMAL },
		[TUI_R_ERROR] =		{ COLOR_RED, D, A_BOLD },
		[TUI_R_KEYBAR] =	{ D, D, A_REVERSE },
		[TUI_R_KEY] =		{ D, D, A_REVERSE | A_BOLD },
		[TUI_R_INPUT] =		{ D, D, A_UNDERLINE },
		[TUI_R_ADVERSE] =	{ COLOR_RED, D, A_NORMAL },
		[TUI_R_FAVOURABLE] =	{ COLOR_GREEN, D, A_NORMAL },
		[TUI_R_STRONG] =	{ D, D, A_BOLD },
		[TUI_R_LINK] =		{ COLOR_BLUE, D, A_UNDERLINE },
	},
	[TUI_THEME_CONTRAST] = {
		[TUI_R_NORMAL] =	{ COLOR_WHITE, COLOR_BLACK, A_BOLD },
		[TUI_R_TITLE] =		{ COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		[TUI_R_HEADING] =	{ COLOR_YELLOW, COLOR_BLACK, A_BOLD },
		[TUI_R_SELECTED] =	{ COLOR_BLACK, COLOR_WHITE, A_BOLD },
		[TUI_R_SELECTED_DIM] =	{ COLOR_WHITE, COLOR_BLACK, A_BOLD | A_UNDERLINE },
		[TUI_R_BORDER] =	{ COLOR_WHITE, COLOR_BLACK, A_BOLD },
		[TUI_R_BORDER_FOCUS] =	{ COLOR_YELLOW, COLOR_BLACK, A_BOLD },
		[TUI_R_OK] =		{ COLOR_WHITE, COLOR_BLACK, A_BOLD },
		[TUI_R_FAIL] =		{ COLOR_YELLOW, COLOR_BLACK, A_BOLD | A_UNDERLINE },
		[TUI_R_WARN] =		{ COLOR_YELLOW, COLOR_BLACK, A_BOLD },
		[TUI_R_DIM] =		{ COLOR_WHITE, COLOR_BLACK, A_NORMAL },
		[TUI_R_STATUS] =	{ COLOR_WHITE, COLOR_BLACK, A_BOLD },
		[TUI_R_ERROR] =		{ COLOR_YELLOW, COLOR_BLACK, A_BOLD },
		[TUI_R_KEYBAR] =	{ COLOR_BLACK, COLOR_WHITE, A_NORMAL },
		[TUI_R_KEY] =		{ COLOR_BLACK, COLOR_WHITE, A_BOLD },
		[TUI_R_INPUT] =		{ COLOR_WHITE, COLOR_BLACK, A_BOLD | A_UNDERLINE },
		[TUI_R_ADVERSE] =	{ COLOR_YELLOW, COLOR_BLACK, A_BOLD },
		[TUI_R_FAVOURABLE] =	{ COLOR_WHITE, COLOR_BLACK, A_BOLD },
		[TUI_R_STRONG] =	{ COLOR_WHITE, COLOR_BLACK, A_BOLD },
		[TUI_R_LINK] =		{ COLOR_WHITE, COLOR_BLACK, A_BOLD | A_UNDERLINE },
	},
	[TUI_THEME_MONO] = {
		[TUI_R_NORMAL] =	{ D, D, A_NORMAL },
		[TUI_R_TITLE] =		{ D, D, A_REVERSE },
		[TUI_R_HEADING] =	{ D, D, A_BOLD },
		[TUI_R_SELECTED] =	{ D, D, A_REVERSE },
		[TUI_R_SELECTED_DIM] =	{ D, D, A_UNDERLINE },
		[TUI_R_BORDER] =	{ D, D, A_NORMAL },
		[TUI_R_BORDER_FOCUS] =	{ D, D, A_BOLD },
		[TUI_R_OK] =		{ D, D, A_NORMAL },
		[TUI_R_FAIL] =		{ D, D, A_BOLD },
		[TUI_R_WARN] =		{ D, D, A_BOLD },
		[TUI_R_DIM] =		{ D, D, A_NORMAL },
		[TUI_R_STATUS] =	{ D, D, A_NORMAL },
		[TUI_R_ERROR] =		{ D, D, A_BOLD },
		[TUI_R_KEYBAR] =	{ D, D, A_REVERSE },
		[TUI_R_KEY] =		{ D, D, A_REVERSE | A_BOLD },
		[TUI_R_INPUT] =		{ D, D, A_UNDERLINE },
		[TUI_R_ADVERSE] =	{ D, D, A_NORMAL },
		[TUI_R_FAVOURABLE] =	{ D, D, A_NORMAL },
		[TUI_R_STRONG] =	{ D, D, A_BOLD },
		[TUI_R_LINK] =		{ D, D, A_UNDERLINE },
	},
};

static const char *const theme_names[TUI_THEME_COUNT] = {
	"default", "high-contrast", "mono"
};

/* The theme in use: the interface draws one screen at a time. */
static int	theme_current = TUI_THEME_MONO;
static int	theme_colours;		/* colour pairs are set up */

/* Set up the colour pairs of a theme. */
static void
theme_apply(int theme)
{
	int	r;

	theme_current = theme;
	if (!theme_colours)
		return;
	for (r = 0; r < TUI_R_COUNT; r++)
		init_pair((short)(r + 1), theme_table[theme][r].fg,
		    theme_table[theme][r].bg);
	bkgdset((chtype)tui_attr(TUI_R_NORMAL) | ' ');
}

/* Choose the theme: by name, else mono under NO_COLOR or on a terminal
 * without colours, else the default. */
void
tui_theme_init(struct tui *t, const char *name)
{
	const char	*nc = getenv("NO_COLOR");
	int		 i, theme = TUI_THEME_DEFAULT;

	if (nc != NULL && *nc != '\0')
		theme = TUI_THEME_MONO;
	for (i = 0; name != NULL && i < TUI_THEME_COUNT; i++)
		if (strcmp(name, theme_names[i]) == 0)
			theme = i;
	if (has_colors() && start_color() == OK) {
		use_default_colors();
		theme_colours = 1;
	} else if (theme != TUI_THEME_MONO)
		theme = TUI_THEME_MONO;
	t->theme = theme;
	theme_apply(theme);
}

/* The next theme (the t key). */
void
tui_theme_next(struct tui *t)
{
	t->theme = (t->theme + 1) % TUI_THEME_COUNT;
	if (!theme_colours && t->theme != TUI_THEME_MONO)
		t->theme = TUI_THEME_MONO;
	theme_apply(t->theme);
}

/* The name of a theme, as recourse(1) gives it. */
const char *
tui_theme_name(int theme)
{
	return theme >= 0 && theme < TUI_THEME_COUNT ? theme_names[theme] : "";
}

/* Attributes of a role in the current theme. */
int
tui_attr(enum tui_role r)
{
	const struct theme_entry	*e = &theme_table[theme_current][r];
	int				 a = e->attr;

	if (theme_colours && (e->fg != D || e->bg != D || theme_current != TUI_THEME_MONO))
		a |= (int)COLOR_PAIR(r + 1);
	return a;
}
