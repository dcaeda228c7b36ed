/*
 * html-int.h: the state shared by the two halves of the letter layout:
 * html.c walks the parsed letter and gathers text; html-layout.c turns
 * gathered text into lines.  Internal to core/html*.c.
 */
#ifndef RECOURSE_CORE_HTML_INT_H
#define RECOURSE_CORE_HTML_INT_H

#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/html.h"

#define HTML_MAX_TEXT	(4 * 1024 * 1024)	/* bytes of laid-out text */
#define HTML_MAX_PARA	(4 * 1024 * 1024)	/* bytes of one block's text */
#define HTML_MAX_NODES	200000			/* nodes walked */
#define HTML_MAX_ROWS	500
#define HTML_MAX_COLS	32
#define HTML_MAX_CELL	4096			/* bytes of text per cell */
#define HTML_MAX_DEPTH	16			/* nested lists and quotes */
#define HTML_MAX_LINKS	1000
#define HTML_MAX_URL	2048
#define HTML_MAX_INDENT	64			/* columns of indentation */
#define HTML_MIN_WIDTH	10
#define HTML_SEP	" | "
#define HTML_SEP_W	3

/* Inline text being gathered for one block, with its attribute runs. */
struct html_inline {
	struct core_buf		 text;
	struct core_html_span	*spans;
	size_t			 nspans;
	size_t			 cap;
	int			 full;	/* text was dropped at the ceiling */
};

struct html_cell {
	struct html_inline	in;
	int			header;
};

/* A table being gathered; cells are kept row after row. */
struct html_table {
	struct html_cell	*cells;
	size_t			 ncells;
	size_t			 capcells;
	size_t			 rowstart[HTML_MAX_ROWS + 1];
	size_t			 nrows;
	struct html_inline	 caption;	/* and stray text */
	long			 cell;		/* current cell, or -1 */
	size_t			 nest;		/* tables inside cells */
};

enum html_ctx_kind { HTML_CTX_UL, HTML_CTX_OL, HTML_CTX_LI, HTML_CTX_QUOTE };

/* One level of indentation: a list, a list item, a quote. */
struct html_ctx {
	enum html_ctx_kind	kind;
	size_t			indent;		/* columns before content */
	long			counter;	/* next number of an ol */
};

struct html_st {
	size_t			 width;
	size_t			 max_lines;
	unsigned		 flags;
	const char		*(*tr)(const char *);
	struct core_html_doc	*doc;
	struct html_inline	 para;
	int			 pre;
	struct html_ctx		 ctx[HTML_MAX_DEPTH];
	size_t			 nctx;
	size_t			 ctx_total;	/* levels, counted past the cap */
	unsigned		 list_depth;
	unsigned		 n_strong, n_em, n_code, n_heading, n_th;
	unsigned		 heading_level;
	char			*link;		/* address of the open link */
	int			 in_link;
	char			**links;
	size_t			 nlinks;
	struct html_table	*table;
	char			 marker[24];	/* list marker waiting for text */
	size_t			 markerlen;
	size_t			 markerw;
	size_t			 marker_indent;
	int			 marker_pending;
	char			 pend[16];	/* opening marks waiting for text */
	size_t			 npend;
	int			 want_blank;
	int			 final;		/* adding the closing note */
	size_t			 nodes;
};

/* Layout (html-layout.c). */
const char	*html_tr(const struct html_st *, const char *);
void		 html_inline_init(struct html_inline *, size_t);
void		 html_inline_free(struct html_inline *);
void		 html_inline_reset(struct html_inline *);
enum core_code	 html_span(struct html_inline *, size_t, size_t, unsigned);
void		 html_inline_cut(struct html_inline *, size_t);
void		 html_inline_trim(struct html_inline *);
enum core_code	 html_line(struct html_st *, enum core_html_kind, unsigned,
		     const char *, size_t, size_t, const struct html_inline *,
		     size_t, size_t, size_t, size_t *);
size_t		 html_indent(const struct html_st *);
size_t		 html_spaces(char *, size_t, size_t);
enum core_code	 html_lines(struct html_st *, struct html_inline *,
		     enum core_html_kind, unsigned, const char *, size_t, size_t,
		     size_t);
void		 html_table_free(struct html_table **);
enum core_code	 html_table_end(struct html_st *);

#endif
