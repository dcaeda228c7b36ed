/*
 * editor.h: the text a person types, as a model with no terminal in it.
 *
 * UTF-8 text with a cursor (a byte offset on a character boundary), an
 * undo history and a ceiling counted in characters (code points, as the
 * service counts statement_max_chars).  Only characters that can be shown
 * are taken: controls, bidirectional controls and other invisible format
 * characters are refused, so the text needs no sanitising before display.
 * A single-line editor refuses line breaks.
 *
 * Undo: every change records the text before it; consecutive insertions of
 * word characters are one step, so undo takes back a word at a time.  The
 * history keeps at most TUI_EDITOR_UNDO steps and TUI_EDITOR_UNDO_BYTES
 * bytes, dropping the oldest first.
 */
#ifndef RECOURSE_TUI_EDITOR_H
#define RECOURSE_TUI_EDITOR_H

#include <stddef.h>
#include <stdint.h>

#define TUI_EDITOR_UNDO		200
#define TUI_EDITOR_UNDO_BYTES	(4u * 1024u * 1024u)

struct tui_undo {
	char	*text;
	size_t	 len;
	size_t	 cur;
};

struct tui_editor {
	char		*s;		/* NUL-terminated */
	size_t		 len;
	size_t		 cap;
	size_t		 cur;
	size_t		 nchars;
	size_t		 max_chars;	/* 0: no ceiling but max_bytes */
	size_t		 max_bytes;
	int		 single;	/* one line */
	struct tui_undo	 undo[TUI_EDITOR_UNDO];
	size_t		 nundo;
	size_t		 undo_bytes;
	int		 grouping;	/* the last change was a word insertion */
};

/* Results of changes. */
#define TUI_ED_OK	0
#define TUI_ED_FULL	1	/* the ceiling was reached: nothing changed */
#define TUI_ED_REFUSED	2	/* a character that is never taken */
#define TUI_ED_NOMEM	3
#define TUI_ED_NONE	4	/* nothing to do (no undo left, at the end) */

void	tui_ed_init(struct tui_editor *e, int single, size_t max_chars,
	    size_t max_bytes);
void	tui_ed_free(struct tui_editor *e);
/* Replace the text (no undo step); the cursor goes to the end.  Characters
 * that would be refused are dropped. */
int	tui_ed_set(struct tui_editor *e, const char *s);
int	tui_ed_insert(struct tui_editor *e, uint32_t cp);
int	tui_ed_backspace(struct tui_editor *e);
int	tui_ed_delete(struct tui_editor *e);
int	tui_ed_undo(struct tui_editor *e);
void	tui_ed_left(struct tui_editor *e);
void	tui_ed_right(struct tui_editor *e);
void	tui_ed_home(struct tui_editor *e);	/* start of the line */
void	tui_ed_end(struct tui_editor *e);	/* end of the line */
/* Is cp a character the editor takes? */
int	tui_ed_takes(const struct tui_editor *e, uint32_t cp);

/* Wrapped layout: line i covers s[off[i], off[i] + len[i]).  width >= 1. */
struct tui_ed_layout {
	size_t	*off;
	size_t	*len;
	size_t	 n;
	size_t	 cur_line;	/* where the cursor is */
	size_t	 cur_col;	/* its column */
};
int	tui_ed_layout(const struct tui_editor *e, size_t width,
	    struct tui_ed_layout *l);
void	tui_ed_layout_free(struct tui_ed_layout *l);
/* Move the cursor a line up (-1) or down (+1) in a layout, keeping the
 * column as well as the text allows. */
void	tui_ed_vertical(struct tui_editor *e, const struct tui_ed_layout *l,
	    int dir);

#endif
