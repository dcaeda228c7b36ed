/*
 * tui-int.h: what the files of the interface share.
 *
 * The interface is a set of panes behind struct tui_pane_ops.  A pane
 * computes a model (most build a struct tui_doc: sanitised, wrapped lines
 * grouped into items) and the few files that call curses draw it: draw.c
 * (text in a rectangle), theme.c (attributes), docpane.c (a scrolling
 * document with a selected item), form.c (fields and check boxes) and
 * loop.c (the frame, the cursor and the keyboard).  keys.c is the one
 * dispatcher of keys for every screen.
 *
 * Cursor rule: after every frame the hardware cursor is on the focused item
 * (pane->cy, pane->cx), so that screen readers and magnifiers follow it.
 */
#ifndef RECOURSE_TUI_INT_H
#define RECOURSE_TUI_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/record.h"
#include "core/verdict.h"
#include "core/wpg1.h"
#include "net/case.h"
#include "net/flow.h"
#include "net/proto.h"
#include "tui/editor.h"
#include "tui/tui.h"

/* Keys: characters are their code points; function keys are TUI_FN + the
 * curses key code. */
#define TUI_FN		0x200000
#define TUI_KEY(k)	(TUI_FN + (k))
#define TUI_CTRL(c)	((c) & 0x1f)
#define TUI_ESC		27

/* What a piece of text means; theme.c gives each role its attributes. */
enum tui_role {
	TUI_R_NORMAL = 0,
	TUI_R_TITLE,		/* the top line */
	TUI_R_HEADING,		/* a heading inside a pane */
	TUI_R_SELECTED,		/* the selected item of the focused pane */
	TUI_R_SELECTED_DIM,	/* the selected item of another pane */
	TUI_R_BORDER,
	TUI_R_BORDER_FOCUS,
	TUI_R_OK,		/* a passed check: always with its symbol */
	TUI_R_FAIL,
	TUI_R_WARN,
	TUI_R_DIM,
	TUI_R_STATUS,
	TUI_R_ERROR,		/* an error in the status line */
	TUI_R_KEYBAR,
	TUI_R_KEY,		/* the key letter in the key bar */
	TUI_R_INPUT,		/* a text field */
	TUI_R_ADVERSE,		/* a contribution against the person */
	TUI_R_FAVOURABLE,
	TUI_R_STRONG,
	TUI_R_LINK,
	TUI_R_COUNT
};

struct tui_rect {
	int	y, x, h, w;
};

/* doc.c: a document of sanitised, wrapped lines grouped into items. */
struct tui_dline {
	size_t		off;		/* into text */
	size_t		len;
	int		indent;
	enum tui_role	role;
	size_t		item;
};
struct tui_doc {
	struct core_buf	 text;
	struct tui_dline *lines;
	size_t		 nlines;
	size_t		 cap;
	size_t		*item_line;	/* first line of each item */
	size_t		 nitems;
	size_t		 cap_items;
	int		 width;
};

#define TUI_DOC_ITEM	0x01	/* start a new item (else: part of the last) */
#define TUI_DOC_PRE	0x02	/* keep spaces (no re-flow) */

void	tui_doc_init(struct tui_doc *d, int width);
void	tui_doc_free(struct tui_doc *d);
/* Sanitise s (untrusted or not: everything passes core_safetext), wrap it to
 * the width less indent and append it. */
void	tui_doc_add(struct tui_doc *d, const char *s, enum tui_role role,
	    int indent, unsigned flags);
void	tui_doc_addf(struct tui_doc *d, enum tui_role role, int indent,
	    unsigned flags, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void	tui_doc_blank(struct tui_doc *d);
const char *tui_doc_line(const struct tui_doc *d, size_t i);
/* The item whose text holds needle (ASCII case folded), searching forward
 * from item from (wrapping); -1 when none. */
long	tui_doc_find(const struct tui_doc *d, const char *needle, size_t from);

struct tui;
struct tui_pane;

struct tui_pane_ops {
	const char	*title;		/* N_() */
	/* Document panes: fill d from the model (d is empty, of the width). */
	void	(*build)(struct tui *, struct tui_pane *, struct tui_doc *d);
	void	(*draw)(struct tui *, struct tui_pane *, const struct tui_rect *,
		    int focused);
	/* 1 when the key was used. */
	int	(*key)(struct tui *, struct tui_pane *, int key);
	void	(*resize)(struct tui *, struct tui_pane *, const struct tui_rect *);
	void	(*focus)(struct tui *, struct tui_pane *, int on);
	void	(*free)(struct tui *, struct tui_pane *);
	/* Enter on an item of a document pane. */
	void	(*activate)(struct tui *, struct tui_pane *, size_t item);
};

struct tui_pane {
	const struct tui_pane_ops *ops;
	struct tui_doc	 doc;
	int		 stale;		/* rebuild the document before drawing */
	size_t		 top;		/* first line shown */
	size_t		 sel;		/* selected item */
	struct tui_rect	 rect;		/* where it was last laid out */
	int		 cy, cx;	/* the cursor, when it has focus */
	size_t		 at;		/* screen-reader mode: the line of the
					   selected item being read */
};

enum tui_pane_id {
	TUI_P_CASES = 0,
	TUI_P_DECISION,
	TUI_P_LABEL,
	TUI_P_VERIFY,
	TUI_P_MAIN,		/* panes above: the main screen, in Tab order */
	TUI_P_HELP = TUI_P_MAIN,
	TUI_P_CONTEST,
	TUI_P_REVIEW,
	TUI_P_RECEIPT,
	TUI_P_OPEN,
	TUI_P_COUNT
};

enum tui_screen {
	TUI_S_MAIN = 0,
	TUI_S_HELP,
	TUI_S_OPEN,
	TUI_S_CONTEST,
	TUI_S_REVIEW,
	TUI_S_RECEIPT
};

/* A case in the list, with what the list says about it. */
struct tui_casesum {
	struct net_case	 c;
	int		 loaded;	/* outcome and issuer read from the record */
	char		*outcome;	/* words, translated */
	char		*issuer;	/* a name, untrusted */
};

/* The case open in the panes. */
struct tui_current {
	int			 have;
	struct net_case		 c;
	struct core_record	*rec;
	int			 have_v;
	struct core_verdict	 v;
	int			 wm_checked;	/* the letter was tested */
	enum core_wpg1_verdict	 wm;
	struct core_wpg1_result	 wm_res;
	int			 wm_label_key;	/* the label gave a key */
	struct net_discovery	 disc;		/* what its service published when
						   it was fetched (no trust) */
	char			 problem[300];	/* why the record could not be read */
};

/* form.c: fields of a form (contest, open dialog). */
enum tui_fkind {
	TUI_F_TEXT = 0,		/* words, not focusable */
	TUI_F_HEADING,
	TUI_F_CHECK,
	TUI_F_RADIO,		/* one of choices; Space or arrows change it */
	TUI_F_FIELD,		/* one line of text */
	TUI_F_AREA,		/* several lines of text */
	TUI_F_BUTTON
};
struct tui_fitem {
	enum tui_fkind	 kind;
	char		*label;		/* sanitised on display */
	char		*code;		/* protocol code of a check, factor id ... */
	int		 on;		/* check */
	char		**choices;	/* radio: codes */
	char		**choice_labels;
	size_t		 nchoices;
	size_t		 choice;
	struct tui_editor ed;		/* field, area */
	int		 masked;	/* field: show * */
	int		 area_rows;
	int		 action;	/* button: what Enter does */
	int		 group;		/* what part of the contest it fills */
	int		 top, rows;	/* laid out: first row and rows */
	int		 scroll;	/* area: first line shown */
};
struct tui_form {
	struct tui_fitem *v;
	size_t		 n;
	size_t		 cap;
	size_t		 focus;
	int		 top;		/* first row shown */
	int		 width;		/* laid out for */
	int		 nrows;
};

#define TUI_LANG_MAX	16

/* The state of the whole interface. */
struct tui {
	const struct tui_env	*env;
	int			 quit;
	enum tui_screen		 screen;
	enum tui_screen		 back;		/* where Esc returns from help */
	enum tui_pane_id	 focus;		/* on the main screen */
	enum tui_pane_id	 detail;	/* the detail pane shown beside Cases */
	struct tui_pane		 panes[TUI_P_COUNT];
	int			 rows, cols;
	int			 utf8;		/* the terminal takes UTF-8 */
	int			 theme;
	struct tui_casesum	*cases;
	size_t			 ncases;
	size_t			 summarised;	/* cases[0..summarised) loaded */
	struct tui_current	 cur;
	struct tui_form		 contest;
	struct tui_form		 open;
	char			 status[512];	/* the announcement */
	enum tui_role		 status_role;
	char			 progress[160];	/* network work, in words */
	struct net_flow		*flow;
	int			 flow_kind;
	char			 flow_case[NET_CASE_ID_MAX + 1];
	char			*code;		/* access code given in this session */
	char			 code_case[NET_CASE_ID_MAX + 1];
	int			 searching;	/* typing a search */
	struct tui_editor	 search;
	char			 last_search[128];
	long long		 draft_due;	/* ms on the monotonic clock, or 0 */
	int			 draft_dirty;
	struct core_buf		 body;		/* the contest body, exactly */
	char			 body_sha[65];
	char			 outbox_key[40];
	struct core_verdict	 receipt_v;
	int			 have_receipt_v;
	char			*receipt_text;	/* payload of the receipt, JSON */
	char			*pending_code;	/* given to an open under way */
	int			 pending_send;	/* send the outbox entry after it */
	int			 open_code_only;
	char			 contest_case[NET_CASE_ID_MAX + 1];
	int			 relayout;	/* erase and lay out again (resize, new screen) */
	struct tui_kiosk	*kiosk;		/* kiosk mode's state (kiosk.c) */
	struct tui_env		 lang_env;	/* the caller's, languages reordered */
	const char		*lang_order[TUI_LANG_MAX];
	int			 lang_menu;	/* the list of languages is open */
	size_t			 lang_sel;
};

/* theme.c */
enum { TUI_THEME_DEFAULT = 0, TUI_THEME_CONTRAST, TUI_THEME_MONO, TUI_THEME_COUNT };
void	tui_theme_init(struct tui *t, const char *name);
void	tui_theme_next(struct tui *t);
const char *tui_theme_name(int theme);
int	tui_attr(enum tui_role r);

/* draw.c: the only drawing primitives. */
/* Put safe text s[0..len) at (y, x), at most w columns, filling the rest
 * of the w columns with spaces when fill is set; returns columns used. */
int	tui_put(int y, int x, int w, const char *s, size_t len, enum tui_role r,
	    int fill);
void	tui_fill(int y, int x, int w, enum tui_role r);
void	tui_box(struct tui *t, const struct tui_rect *r, const char *title,
	    int focused);
/* The inside of a pane's box (the whole rect in screen-reader mode, where a
 * title line replaces the box). */
struct tui_rect tui_inner(struct tui *t, const struct tui_rect *r);

/* docpane.c: panes that show a document. */
void	tui_docpane_draw(struct tui *, struct tui_pane *, const struct tui_rect *,
	    int focused);
int	tui_docpane_key(struct tui *, struct tui_pane *, int key);
void	tui_docpane_resize(struct tui *, struct tui_pane *, const struct tui_rect *);
void	tui_docpane_focus(struct tui *, struct tui_pane *, int on);
void	tui_docpane_free(struct tui *, struct tui_pane *);
void	tui_pane_stale(struct tui_pane *p);
/* Build the document when stale; laid out for width. */
void	tui_docpane_ensure(struct tui *t, struct tui_pane *p, int width);
void	tui_docpane_select(struct tui_pane *p, size_t item, int h);

/* Panes. */
extern const struct tui_pane_ops tui_pane_cases_ops;
extern const struct tui_pane_ops tui_pane_decision_ops;
extern const struct tui_pane_ops tui_pane_label_ops;
extern const struct tui_pane_ops tui_pane_verify_ops;
extern const struct tui_pane_ops tui_pane_help_ops;
extern const struct tui_pane_ops tui_pane_contest_ops;
extern const struct tui_pane_ops tui_pane_review_ops;
extern const struct tui_pane_ops tui_pane_receipt_ops;
extern const struct tui_pane_ops tui_pane_open_ops;

/* pane-verify.c: a verdict with every check, into a document; the checks
 * alone (those of core/analysis.h). */
void	tui_verdict_doc(struct tui *t, const struct core_verdict *v, struct tui_doc *d);
void	tui_checks_doc(struct tui *t, const struct core_verdict *v, struct tui_doc *d);

/* model.c: cases and the case open. */
void	tui_model_load_cases(struct tui *t);
/* Read outcome and issuer of up to n more cases; 1 when some are left. */
int	tui_model_summarise(struct tui *t, size_t n);
void	tui_model_free_cases(struct tui *t);
void	tui_model_open(struct tui *t, const char *case_id);
void	tui_model_close(struct tui *t);
const char *tui_lang_text(struct tui *t, const struct core_text *x);
/* "12 days to contest", "last day to contest today", "contest period over". */
void	tui_model_days(const char *deadline, char *out, size_t outsz);
const char *tui_verdict_words(const char *verdict_id, const char **sym);
const char *tui_contest_words(const char *status);
void	tui_model_invalidate(struct tui *t);

/* form.c */
void	tui_form_init(struct tui_form *f);
void	tui_form_free(struct tui_form *f);
struct tui_fitem *tui_form_add(struct tui_form *f, enum tui_fkind kind,
	    const char *label, const char *code);
void	tui_form_draw(struct tui *t, struct tui_form *f, struct tui_pane *p,
	    const struct tui_rect *r);
/* 1: used; 2: a button was pressed (its action in *action); 3: text changed. */
int	tui_form_key(struct tui *t, struct tui_form *f, int key, int *action);
struct tui_fitem *tui_form_find(struct tui_form *f, int group, const char *code);
void	tui_form_focus_first(struct tui_form *f);

/* contest.c: the contest form, its draft and its body. */
void	tui_contest_start(struct tui *t);
void	tui_contest_draft_save(struct tui *t);
int	tui_contest_body(struct tui *t, struct core_buf *out, char *why,
	    size_t whysz);
void	tui_contest_submit(struct tui *t);
struct net_outcome;
void	tui_contest_sent(struct tui *t, const struct net_outcome *o);

/* netops.c: flows started from the interface. */
enum { TUI_FLOW_NONE = 0, TUI_FLOW_OPEN, TUI_FLOW_FETCH, TUI_FLOW_SEND,
	TUI_FLOW_STATUS };
void	tui_net_open(struct tui *t, const char *service, const char *ref,
	    const char *code, int remember);
void	tui_net_fetch(struct tui *t);
void	tui_net_status(struct tui *t);
void	tui_net_send(struct tui *t, const char *key);
void	tui_net_cancel(struct tui *t);
/* mouse.c: ask for the mouse (unless a kiosk or mouse = no); handle one
 * event after get_wch() gave KEY_MOUSE. */
void	tui_mouse_begin(struct tui *t);
void	tui_mouse_event(struct tui *t);
/* The status line while network work runs: t->progress and how far it has
 * got, "Fetching decision X from Y: 12 KB of 40 KB" (net_client_progress). */
void	tui_net_progress_text(struct tui *t, char *buf, size_t len);
void	tui_net_free(struct tui *t);
/* pane-open.c: the Open dialog filled in for the case open; code_only:
 * the code is all that is missing (to send a contest). */
void	tui_open_prefill(struct tui *t, int code_only);
void	tui_open_build(struct tui *t);
void	tui_code_set(struct tui *t, const char *case_id, const char *code);
const char *tui_code_for(struct tui *t, const struct net_case *c);

/* keys.c: the one dispatcher. */
void	tui_key(struct tui *t, int key);
void	tui_keybar(struct tui *t, int y);
void	tui_focus(struct tui *t, enum tui_pane_id id);

/* loop.c */
void	tui_say(struct tui *t, enum tui_role r, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
long long tui_now_ms(void);
void	tui_show(struct tui *t, enum tui_screen s);

/* lang.c: the language of the interface, changed while it runs (g), and
 * figures written as that language writes them. */
struct core_fmt_locale;
/* The name of a language in that language ("Cymraeg"), else the tag. */
const char *tui_lang_name(const char *tag);
/* Switch messages, the texts of records, Accept-Language and every pane to
 * the language tag (a string that outlives the interface). */
void	tui_lang_set(struct tui *t, const char *tag);
void	tui_lang_open(struct tui *t);
/* 1 when the list of languages took the key. */
int	tui_lang_key(struct tui *t, int key);
/* Draw the list over the panes; the cursor goes on the selected one. */
void	tui_lang_draw(struct tui *t, int *cy, int *cx);
const struct core_fmt_locale *tui_fmt_locale(struct tui *t);
void	tui_fmt_date(struct tui *t, const char *iso, char *out, size_t outsz);
/* A figure with its unit: "£23,400 a year", "46%", "7 months". */
void	tui_fmt_quantity(struct tui *t, double v, const char *unit,
	    unsigned flags, char *out, size_t outsz);
/* A deadline: "19 January 2027, in 61 days". */
void	tui_fmt_deadline(struct tui *t, const char *iso, char *out, size_t outsz);

/* layout.c: where the panes go for the terminal's size. */
struct tui_layout {
	struct tui_rect	pane[TUI_P_MAIN];
	int		shown[TUI_P_MAIN];
	int		tabs;		/* one detail pane at a time, with tabs */
	int		tab_row;	/* row of the tab strip, or -1 */
	int		tab_x;		/* its first column: right of Cases when
					   Cases shows beside it */
	struct tui_rect	body;
};
void	tui_layout(struct tui *t, struct tui_layout *l);

#endif
