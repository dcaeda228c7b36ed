/* html.c: restricted-HTML and plain-text letters laid out as terminal lines. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "core/alloc.h"
#include "core/html.h"
#include "core/intl.h"
#include "core/safetext.h"

#define HTML_MAX_TEXT	(4 * 1024 * 1024)	/* bytes of laid-out text */
#define HTML_MAX_PARA	(4 * 1024 * 1024)	/* bytes of one block's text */
#define HTML_MAX_NODES	200000			/* nodes walked */
#define HTML_MAX_ROWS	500
#define HTML_MAX_COLS	32
#define HTML_MAX_CELL	4096			/* bytes of text per cell */
#define HTML_MAX_DEPTH	16			/* nested lists and quotes */
#define HTML_MAX_LINKS	1000
#define HTML_MAX_URL	2048
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

enum html_el {
	EL_INLINE = 0, EL_DROP, EL_BLOCK, EL_PARA, EL_HEADING, EL_UL, EL_OL,
	EL_LI, EL_DL, EL_DT, EL_DD, EL_TABLE, EL_CAPTION, EL_TR, EL_TD, EL_TH,
	EL_BR, EL_HR, EL_PRE, EL_QUOTE, EL_STRONG, EL_EM, EL_CODE, EL_A, EL_IMG
};

/*
 * Elements by name, sorted.  Elements that hold no text (embed, source,
 * track, wbr) are inline on purpose: libxml2 2.9 does not know them as
 * empty and would put everything after an unclosed one inside it.
 */
static const struct {
	const char	*name;
	enum html_el	 el;
} html_elements[] = {
	{ "a", EL_A }, { "address", EL_BLOCK }, { "applet", EL_DROP },
	{ "area", EL_DROP }, { "article", EL_BLOCK }, { "aside", EL_BLOCK },
	{ "audio", EL_DROP }, { "b", EL_STRONG }, { "base", EL_DROP },
	{ "blockquote", EL_QUOTE }, { "body", EL_BLOCK }, { "br", EL_BR },
	{ "button", EL_DROP }, { "canvas", EL_DROP }, { "caption", EL_CAPTION },
	{ "center", EL_BLOCK }, { "cite", EL_EM }, { "code", EL_CODE },
	{ "col", EL_DROP }, { "colgroup", EL_DROP }, { "datalist", EL_DROP },
	{ "dd", EL_DD }, { "details", EL_BLOCK }, { "dfn", EL_EM },
	{ "dialog", EL_BLOCK }, { "dir", EL_UL }, { "div", EL_BLOCK },
	{ "dl", EL_DL }, { "dt", EL_DT }, { "em", EL_EM },
	{ "fieldset", EL_BLOCK }, { "figcaption", EL_BLOCK },
	{ "figure", EL_BLOCK }, { "footer", EL_BLOCK }, { "form", EL_DROP },
	{ "frame", EL_DROP }, { "frameset", EL_DROP }, { "h1", EL_HEADING },
	{ "h2", EL_HEADING }, { "h3", EL_HEADING }, { "h4", EL_HEADING },
	{ "h5", EL_HEADING }, { "h6", EL_HEADING }, { "head", EL_DROP },
	{ "header", EL_BLOCK }, { "hgroup", EL_BLOCK }, { "hr", EL_HR },
	{ "html", EL_BLOCK }, { "i", EL_EM }, { "iframe", EL_DROP },
	{ "img", EL_IMG }, { "input", EL_DROP }, { "kbd", EL_CODE },
	{ "legend", EL_BLOCK }, { "li", EL_LI }, { "link", EL_DROP },
	{ "listing", EL_PRE }, { "main", EL_BLOCK }, { "map", EL_DROP },
	{ "math", EL_DROP }, { "menu", EL_UL }, { "meta", EL_DROP },
	{ "meter", EL_DROP }, { "nav", EL_BLOCK }, { "noembed", EL_DROP },
	{ "noframes", EL_DROP }, { "object", EL_DROP }, { "ol", EL_OL },
	{ "option", EL_DROP }, { "p", EL_PARA }, { "param", EL_DROP },
	{ "plaintext", EL_PRE }, { "pre", EL_PRE }, { "progress", EL_DROP },
	{ "samp", EL_CODE }, { "script", EL_DROP }, { "section", EL_BLOCK },
	{ "select", EL_DROP }, { "strong", EL_STRONG },
	{ "style", EL_DROP }, { "summary", EL_BLOCK }, { "svg", EL_DROP },
	{ "table", EL_TABLE }, { "td", EL_TD }, { "template", EL_DROP },
	{ "textarea", EL_DROP }, { "th", EL_TH }, { "title", EL_DROP },
	{ "tr", EL_TR }, { "tt", EL_CODE },
	{ "ul", EL_UL }, { "var", EL_EM }, { "video", EL_DROP },
	{ "xmp", EL_PRE },
};

/* The role of an element, by name. */
static enum html_el
html_element(const xmlChar *name)
{
	size_t	lo = 0, hi = sizeof html_elements / sizeof html_elements[0];
	size_t	mid;
	int	c;

	if (name == NULL)
		return EL_INLINE;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcasecmp((const char *)name, html_elements[mid].name);
		if (c == 0)
			return html_elements[mid].el;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return EL_INLINE;
}

static const char *
html_tr(const struct html_st *st, const char *msgid)
{
	return st->tr != NULL ? st->tr(msgid) : msgid;
}

static void
html_inline_init(struct html_inline *in, size_t max)
{
	memset(in, 0, sizeof *in);
	core_buf_init(&in->text, max);
}

static void
html_inline_free(struct html_inline *in)
{
	core_buf_free(&in->text);
	core_free(in->spans);
	in->spans = NULL;
	in->nspans = in->cap = 0;
}

static void
html_inline_reset(struct html_inline *in)
{
	core_buf_reset(&in->text);
	in->nspans = 0;
	in->full = 0;
}

/* Mark in[start..end) with attr, merging with the last run when it fits. */
static enum core_code
html_span(struct html_inline *in, size_t start, size_t end, unsigned attr)
{
	struct core_html_span	*s;
	size_t			 cap;

	if (attr == 0 || end <= start)
		return CORE_OK;
	if (in->nspans > 0) {
		s = &in->spans[in->nspans - 1];
		if (s->attr == attr && s->off + s->len == start) {
			s->len = end - s->off;
			return CORE_OK;
		}
	}
	if (in->nspans == in->cap) {
		cap = in->cap == 0 ? 8 : in->cap * 2;
		s = core_realloc(in->spans, cap * sizeof *s);
		if (s == NULL)
			return CORE_E_NOMEM;
		in->spans = s;
		in->cap = cap;
	}
	s = &in->spans[in->nspans++];
	s->off = start;
	s->len = end - start;
	s->attr = attr;
	return CORE_OK;
}

/* Cut the inline text back to len bytes, clipping its runs. */
static void
html_inline_cut(struct html_inline *in, size_t len)
{
	struct core_html_span	*s;

	if (len >= in->text.len)
		return;
	in->text.len = len;
	in->text.data[len] = '\0';
	while (in->nspans > 0) {
		s = &in->spans[in->nspans - 1];
		if (s->off >= len)
			in->nspans--;
		else {
			if (s->off + s->len > len)
				s->len = len - s->off;
			break;
		}
	}
}

/* Drop trailing spaces and line breaks. */
static void
html_inline_trim(struct html_inline *in)
{
	size_t	len = in->text.len;

	while (len > 0 && (in->text.data[len - 1] == ' ' ||
	    in->text.data[len - 1] == '\n'))
		len--;
	html_inline_cut(in, len);
}

/* The attributes of text at this point of the walk. */
static unsigned
html_attr(const struct html_st *st)
{
	unsigned	a = 0;

	if (st->n_strong > 0 || st->n_th > 0)
		a |= CORE_HTML_A_STRONG;
	if (st->n_em > 0)
		a |= CORE_HTML_A_EM;
	if (st->n_code > 0)
		a |= CORE_HTML_A_CODE;
	if (st->in_link)
		a |= CORE_HTML_A_LINK;
	if (st->n_heading > 0)
		a |= CORE_HTML_A_HEADING | CORE_HTML_A_STRONG;
	return a;
}

/* Where text goes now: a table's cell or caption, or the paragraph. */
static struct html_inline *
html_cur(struct html_st *st)
{
	struct html_table	*t = st->table;

	if (t == NULL)
		return &st->para;
	if (t->cell >= 0)
		return &t->cells[t->cell].in;
	return &t->caption;
}

/* Record that something was left out; an inline that is full takes no
 * more text. */
static enum core_code
html_cut(struct html_st *st, struct html_inline *in, enum core_code rc)
{
	if (rc == CORE_E_TOO_LARGE) {
		st->doc->truncated = 1;
		if (in != NULL)
			in->full = 1;
		return CORE_OK;
	}
	return rc;
}

/* Append sanitised text s to in, collapsing spaces unless pre. */
static enum core_code
html_put(struct html_st *st, struct html_inline *in, const char *s,
    size_t len, int pre)
{
	enum core_code	rc = CORE_OK;
	size_t		i, start = in->text.len;
	unsigned char	c, last;

	if (in->full)
		return CORE_OK;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		last = in->text.len > 0 ? in->text.data[in->text.len - 1] : '\n';
		if (c == ' ' && !pre && (last == ' ' || last == '\n'))
			continue;
		if (c != ' ' && st->npend > 0) {
			if ((rc = html_span(in, start, in->text.len,
			    html_attr(st))) != CORE_OK)
				goto out;
			if ((rc = core_buf_add(&in->text, st->pend,
			    st->npend)) != CORE_OK)
				goto out;
			st->npend = 0;
			start = in->text.len;
		}
		if ((rc = core_buf_addc(&in->text, c)) != CORE_OK)
			goto out;
	}
out:
	if (rc == CORE_OK || rc == CORE_E_TOO_LARGE)
		rc = html_span(in, start, in->text.len, html_attr(st)) ==
		    CORE_OK ? rc : CORE_E_NOMEM;
	return html_cut(st, in, rc);
}

/* Append text from the document: sanitised, then put. */
static enum core_code
html_text(struct html_st *st, const char *s, size_t len)
{
	struct html_inline	*in = html_cur(st);
	struct core_buf		 tmp, tabs;
	enum core_code		 rc = CORE_OK;
	unsigned		 fl = 0;
	size_t			 i, col = 0;
	int			 pre = st->pre && st->table == NULL;

	core_buf_init(&tmp, HTML_MAX_PARA);
	core_buf_init(&tabs, HTML_MAX_PARA);
	if (in->full || len == 0)
		goto out;
	if (st->flags & CORE_HTML_ESCAPES)
		fl |= CORE_SAFETEXT_ESCAPE;
	if (pre) {
		/* Expand tabs to the next multiple of 8 columns. */
		fl |= CORE_SAFETEXT_MULTILINE;
		for (i = 0; i < len && rc == CORE_OK; i++) {
			if (s[i] == '\t') {
				do
					rc = core_buf_addc(&tabs, ' ');
				while (rc == CORE_OK && ++col % 8 != 0);
				continue;
			}
			if (s[i] == '\n')
				col = 0;
			else if (((unsigned char)s[i] & 0xc0) != 0x80)
				col++;
			rc = core_buf_addc(&tabs, (unsigned char)s[i]);
		}
		if (rc != CORE_OK)
			goto out;
		s = (const char *)tabs.data;
		len = tabs.len;
	}
	if ((rc = core_safetext_append(&tmp, s, len, fl)) != CORE_OK)
		goto out;
	rc = html_put(st, in, (const char *)tmp.data, tmp.len, pre);
out:
	core_buf_free(&tmp);
	core_buf_free(&tabs);
	return html_cut(st, in, rc);
}

/* A hard line break inside the current block. */
static enum core_code
html_newline(struct html_st *st)
{
	struct html_inline	*in = html_cur(st);
	size_t			 len = in->text.len;

	if (in->full)
		return CORE_OK;
	while (len > 0 && in->text.data[len - 1] == ' ')
		len--;
	html_inline_cut(in, len);
	return html_cut(st, in, core_buf_addc(&in->text, '\n'));
}

/* Separate blocks inside a table cell. */
static enum core_code
html_cell_break(struct html_st *st)
{
	struct html_inline	*in = html_cur(st);

	if (in->text.len == 0 || in->text.data[in->text.len - 1] == '\n')
		return CORE_OK;
	return html_newline(st);
}

/* Add a line to the document: prefix, then src[off..off+len) of an inline
 * text with its runs. */
static enum core_code
html_line(struct html_st *st, enum core_html_kind kind, unsigned level,
    const char *prefix, size_t plen, size_t pw, const struct html_inline *src,
    size_t off, size_t len, size_t width, size_t *cur)
{
	struct core_html_doc	*d = st->doc;
	struct core_html_line	*l;
	struct core_html_span	*sp;
	const struct core_html_span *s;
	enum core_code		 rc;
	size_t			 i, a, b, cap, oldlen, oldspans;

	if (!st->final) {
		if (d->nlines + 2 >= st->max_lines ||
		    d->text.len + plen + len + 1 > HTML_MAX_TEXT)
			return CORE_E_TOO_LARGE;
		if (st->want_blank && kind != CORE_HTML_L_BLANK && d->nlines > 0 &&
		    d->lines[d->nlines - 1].kind != CORE_HTML_L_BLANK) {
			st->want_blank = 0;
			if ((rc = html_line(st, CORE_HTML_L_BLANK, 0, NULL, 0, 0,
			    NULL, 0, 0, 0, NULL)) != CORE_OK)
				return rc;
		}
		if (kind != CORE_HTML_L_BLANK)
			st->want_blank = 0;
	}
	oldlen = d->text.len;
	oldspans = d->nspans;
	if (d->nlines == d->cap_lines) {
		cap = d->cap_lines == 0 ? 64 : d->cap_lines * 2;
		l = core_realloc(d->lines, cap * sizeof *l);
		if (l == NULL)
			return CORE_E_NOMEM;
		d->lines = l;
		d->cap_lines = cap;
	}
	if ((rc = core_buf_add(&d->text, prefix, plen)) != CORE_OK ||
	    (src != NULL && (rc = core_buf_add(&d->text, src->text.data + off,
	    len)) != CORE_OK) ||
	    (rc = core_buf_addc(&d->text, '\n')) != CORE_OK)
		goto fail;
	/* Runs are in order: *cur skips those that ended before this line. */
	for (i = cur != NULL ? *cur : 0; src != NULL && i < src->nspans; i++) {
		s = &src->spans[i];
		if (s->off + s->len <= off) {
			if (cur != NULL)
				*cur = i + 1;
			continue;
		}
		if (s->off >= off + len)
			break;
		a = s->off > off ? s->off : off;
		b = s->off + s->len < off + len ? s->off + s->len : off + len;
		if (a >= b)
			continue;
		if (d->nspans == d->cap_spans) {
			cap = d->cap_spans == 0 ? 64 : d->cap_spans * 2;
			sp = core_realloc(d->spans, cap * sizeof *sp);
			if (sp == NULL) {
				rc = CORE_E_NOMEM;
				goto fail;
			}
			d->spans = sp;
			d->cap_spans = cap;
		}
		sp = &d->spans[d->nspans++];
		sp->off = plen + (a - off);
		sp->len = b - a;
		sp->attr = s->attr;
	}
	l = &d->lines[d->nlines++];
	l->off = oldlen;
	l->len = plen + len;
	l->width = pw + width;
	l->span = oldspans;
	l->nspan = d->nspans - oldspans;
	l->kind = kind;
	l->level = level;
	return CORE_OK;
fail:
	d->text.len = oldlen;
	if (d->text.data != NULL)
		d->text.data[oldlen] = '\0';
	d->nspans = oldspans;
	return rc;
}

/* Columns before content at this point (at most half the width). */
static size_t
html_indent(const struct html_st *st)
{
	size_t	i = st->nctx > 0 ? st->ctx[st->nctx - 1].indent : 0;

	return i > st->width / 2 ? st->width / 2 : i;
}

/* Fill buf with n spaces (n < size). */
static size_t
html_spaces(char *buf, size_t size, size_t n)
{
	if (n >= size)
		n = size - 1;
	memset(buf, ' ', n);
	buf[n] = '\0';
	return n;
}

/* Lay out an inline text as wrapped lines with prefixes.  first/firstw
 * prefix the first line, and every other line is indented by indent: the
 * first line is wrapped to what its prefix leaves, the rest to what the
 * indent leaves. */
static enum core_code
html_lines(struct html_st *st, struct html_inline *in, enum core_html_kind kind,
    unsigned level, const char *first, size_t firstlen, size_t firstw,
    size_t indent)
{
	struct core_text_lines	 tl;
	enum core_code		 rc, wrc;
	const char		*s = (const char *)in->text.data;
	char			 sp[128];
	size_t			 i, pos, n, splen, cur = 0;
	enum core_html_kind	 k;

	memset(&tl, 0, sizeof tl);
	wrc = core_text_wrap(s, in->text.len, st->width > firstw ?
	    st->width - firstw : 1, 1, &tl);
	if (wrc == CORE_E_TOO_LARGE) {
		/* More than one line: wrap the rest after the first. */
		pos = tl.v[0].off + tl.v[0].len;
		while (pos < in->text.len && s[pos] == ' ')
			pos++;
		if (pos < in->text.len && s[pos] == '\n')
			pos++;
		n = tl.n;
		wrc = core_text_wrap(s + pos, in->text.len - pos,
		    st->width > indent ? st->width - indent : 1, st->max_lines,
		    &tl);
		for (i = n; i < tl.n; i++)
			tl.v[i].off += pos;
	}
	if (wrc != CORE_OK && wrc != CORE_E_TOO_LARGE) {
		rc = wrc;
		goto out;
	}
	splen = html_spaces(sp, sizeof sp, indent);
	for (i = 0; i < tl.n; i++) {
		k = tl.v[i].len == 0 && kind == CORE_HTML_L_TEXT ?
		    CORE_HTML_L_BLANK : kind;
		if (i == 0)
			rc = html_line(st, k, level, first, firstlen, firstw, in,
			    tl.v[i].off, tl.v[i].len, tl.v[i].width, &cur);
		else
			rc = html_line(st, k, level, sp, tl.v[i].len ? splen : 0,
			    tl.v[i].len ? splen : 0, in, tl.v[i].off, tl.v[i].len,
			    tl.v[i].width, &cur);
		if (rc != CORE_OK)
			goto out;
	}
	rc = wrc;
out:
	core_text_lines_free(&tl);
	return rc;
}

/* The prefix of a block's first line: indentation, and a pending list
 * marker.  Returns its length; its width goes to *w. */
static size_t
html_first_prefix(struct html_st *st, char *buf, size_t size, size_t indent,
    size_t *w)
{
	size_t	n, mi;

	if (!st->marker_pending) {
		*w = html_spaces(buf, size, indent);
		return *w;
	}
	mi = st->marker_indent > st->width / 2 ? st->width / 2 : st->marker_indent;
	n = html_spaces(buf, size, mi);
	if (n + st->markerlen >= size)
		return n;
	memcpy(buf + n, st->marker, st->markerlen);
	n += st->markerlen;
	*w = mi + st->markerw;
	while (*w < indent && n + 1 < size) {
		buf[n++] = ' ';
		(*w)++;
	}
	buf[n] = '\0';
	st->marker_pending = 0;
	return n;
}

/* Lay out the gathered paragraph, if any. */
static enum core_code
html_flush(struct html_st *st)
{
	enum core_code		rc = CORE_OK;
	enum core_html_kind	kind = CORE_HTML_L_TEXT;
	unsigned		level = 0;
	char			pfx[160];
	size_t			plen, pw, indent;

	st->npend = 0;
	if (st->table != NULL)
		return CORE_OK;
	if (!st->pre)
		html_inline_trim(&st->para);
	else {
		/* Keep leading spaces; drop only trailing line breaks. */
		while (st->para.text.len > 0 &&
		    st->para.text.data[st->para.text.len - 1] == '\n')
			html_inline_cut(&st->para, st->para.text.len - 1);
	}
	if (st->para.text.len == 0)
		goto out;
	if (st->n_heading > 0) {
		kind = CORE_HTML_L_HEADING;
		level = st->heading_level;
	} else if (st->list_depth > 0) {
		kind = CORE_HTML_L_ITEM;
		level = st->list_depth;
	}
	indent = html_indent(st);
	plen = html_first_prefix(st, pfx, sizeof pfx, indent, &pw);
	rc = html_lines(st, &st->para, kind, level, pfx, plen, pw, indent);
out:
	html_inline_reset(&st->para);
	return rc;
}

/* A list marker that never got text (an empty item, or an item that starts
 * with a nested list) goes on a line of its own. */
static enum core_code
html_flush_marker(struct html_st *st)
{
	struct html_inline	empty;
	char			pfx[160];
	size_t			plen, pw;
	enum core_code		rc;

	if (!st->marker_pending || st->table != NULL)
		return CORE_OK;
	html_inline_init(&empty, 0);
	plen = html_first_prefix(st, pfx, sizeof pfx, 0, &pw);
	while (plen > 0 && pfx[plen - 1] == ' ') {
		plen--;
		pw--;
	}
	rc = html_line(st, CORE_HTML_L_ITEM, st->list_depth, pfx, plen, pw,
	    &empty, 0, 0, 0, NULL);
	html_inline_free(&empty);
	return rc;
}

static void
html_push(struct html_st *st, enum html_ctx_kind kind, size_t indent,
    long counter)
{
	st->ctx_total++;
	if (st->ctx_total > HTML_MAX_DEPTH)
		return;
	st->ctx[st->nctx].kind = kind;
	st->ctx[st->nctx].indent = indent;
	st->ctx[st->nctx].counter = counter;
	st->nctx++;
}

static void
html_pop(struct html_st *st)
{
	if (st->ctx_total <= HTML_MAX_DEPTH && st->nctx > 0)
		st->nctx--;
	if (st->ctx_total > 0)
		st->ctx_total--;
}

/* A small integer attribute (ol start, li value); 0 when absent. */
static int
html_attr_long(xmlNode *n, const char *name, long *v)
{
	xmlChar		*a;
	const xmlChar	*p;
	long		 r = 0;
	int		 neg = 0, ok = 0;

	a = xmlGetProp(n, (const xmlChar *)name);
	if (a == NULL)
		return 0;
	p = a;
	while (*p == ' ')
		p++;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	while (*p >= '0' && *p <= '9' && r < 100000000L) {
		r = r * 10 + (*p - '0');
		p++;
		ok = 1;
	}
	xmlFree(a);
	if (ok)
		*v = neg ? -r : r;
	return ok;
}

/* Start a list item: its marker waits for the item's first line. */
static enum core_code
html_li(struct html_st *st, xmlNode *n)
{
	static const char *const bullets[] = { "\xe2\x80\xa2", "\xe2\x97\xa6",
	    "\xe2\x96\xaa" };
	struct html_ctx	*list = NULL;
	enum core_code	 rc;
	size_t		 base;
	long		 v;
	int		 k;

	if ((rc = html_flush(st)) != CORE_OK ||
	    (rc = html_flush_marker(st)) != CORE_OK)
		return rc;
	if (st->nctx > 0 && (st->ctx[st->nctx - 1].kind == HTML_CTX_UL ||
	    st->ctx[st->nctx - 1].kind == HTML_CTX_OL))
		list = &st->ctx[st->nctx - 1];
	base = list != NULL ? list->indent : html_indent(st) + 2;
	if (list != NULL && list->kind == HTML_CTX_OL) {
		if (html_attr_long(n, "value", &v))
			list->counter = v;
		k = snprintf(st->marker, sizeof st->marker, "%ld. ",
		    list->counter);
		list->counter++;
	} else {
		k = snprintf(st->marker, sizeof st->marker, "%s ",
		    (st->flags & CORE_HTML_SCREEN_READER) ? bullets[0] :
		    bullets[(st->list_depth > 0 ? st->list_depth - 1 : 0) % 3]);
	}
	st->markerlen = k > 0 && (size_t)k < sizeof st->marker ? (size_t)k : 0;
	st->markerw = core_text_width(st->marker, st->markerlen);
	st->marker_indent = base;
	st->marker_pending = 1;
	html_push(st, HTML_CTX_LI, base + st->markerw, 0);
	return CORE_OK;
}

/* Number a link's address (the same address keeps its number). */
static enum core_code
html_link_number(struct html_st *st, const char *url, size_t *num)
{
	char	**v;
	size_t	  i;

	for (i = 0; i < st->nlinks; i++) {
		if (strcmp(st->links[i], url) == 0) {
			*num = i + 1;
			return CORE_OK;
		}
	}
	if (st->nlinks >= HTML_MAX_LINKS) {
		*num = 0;
		st->doc->truncated = 1;
		return CORE_OK;
	}
	v = core_realloc(st->links, (st->nlinks + 1) * sizeof *v);
	if (v == NULL)
		return CORE_E_NOMEM;
	st->links = v;
	if ((st->links[st->nlinks] = core_strdup(url)) == NULL)
		return CORE_E_NOMEM;
	*num = ++st->nlinks;
	return CORE_OK;
}

/* The address of a link, sanitised, when its scheme is one we list. */
static enum core_code
html_href(xmlNode *n, char **out)
{
	static const char *const schemes[] = { "http:", "https:", "mailto:",
	    "tel:" };
	xmlChar		*a;
	const char	*p;
	enum core_code	 rc = CORE_OK;
	size_t		 i, len;

	*out = NULL;
	a = xmlGetProp(n, (const xmlChar *)"href");
	if (a == NULL)
		return CORE_OK;
	p = (const char *)a;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	len = strlen(p);
	for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		if (strncasecmp(p, schemes[i], strlen(schemes[i])) == 0)
			break;
	}
	if (i < sizeof schemes / sizeof schemes[0] && len <= HTML_MAX_URL)
		rc = core_safetext(p, CORE_SAFETEXT_ESCAPE, HTML_MAX_URL * 10, out);
	xmlFree(a);
	return rc;
}

/* Emphasis marks (with CORE_HTML_MARKS): an opening mark waits for text. */
static void
html_mark_open(struct html_st *st, char m)
{
	if (!(st->flags & CORE_HTML_MARKS) || st->npend + 1 >= sizeof st->pend)
		return;
	st->pend[st->npend++] = m;
}

/* Close a mark: drop it if it never opened, else put it before any
 * trailing space. */
static enum core_code
html_mark_close(struct html_st *st, char m)
{
	struct html_inline	*in;
	enum core_code		 rc;
	int			 space = 0;

	if (!(st->flags & CORE_HTML_MARKS))
		return CORE_OK;
	if (st->npend > 0 && st->pend[st->npend - 1] == m) {
		st->npend--;
		return CORE_OK;
	}
	in = html_cur(st);
	if (in->full || in->text.len == 0)
		return CORE_OK;
	if (in->text.data[in->text.len - 1] == ' ') {
		html_inline_cut(in, in->text.len - 1);
		space = 1;
	}
	if ((rc = core_buf_addc(&in->text, (unsigned char)m)) == CORE_OK &&
	    space)
		rc = core_buf_addc(&in->text, ' ');
	return html_cut(st, in, rc);
}

static enum core_code	html_table_end(struct html_st *);

/* Enter a node: act on it, and say whether to walk its children. */
static enum core_code
html_enter(struct html_st *st, xmlNode *n, int *descend)
{
	struct html_table	*t = st->table;
	struct html_cell	*c;
	enum core_code		 rc = CORE_OK;
	xmlChar			*alt;
	size_t			 cap;
	long			 start;

	*descend = 0;
	if (++st->nodes > HTML_MAX_NODES)
		return CORE_E_TOO_LARGE;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content != NULL)
			rc = html_text(st, (const char *)n->content,
			    strlen((const char *)n->content));
		return rc;
	}
	if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) {
		*descend = 1;
		return CORE_OK;
	}
	if (n->type != XML_ELEMENT_NODE)
		return CORE_OK;
	*descend = 1;
	switch (html_element(n->name)) {
	case EL_DROP:
		*descend = 0;
		break;
	case EL_INLINE:
		break;
	case EL_STRONG:
		st->n_strong++;
		html_mark_open(st, '*');
		break;
	case EL_EM:
		st->n_em++;
		html_mark_open(st, '_');
		break;
	case EL_CODE:
		st->n_code++;
		break;
	case EL_A:
		if (st->in_link)
			break;
		if ((rc = html_href(n, &st->link)) != CORE_OK)
			break;
		st->in_link = 1;
		break;
	case EL_IMG:
		*descend = 0;
		alt = xmlGetProp(n, (const xmlChar *)"alt");
		if (alt != NULL) {
			rc = html_text(st, (const char *)alt,
			    strlen((const char *)alt));
			xmlFree(alt);
		}
		break;
	case EL_BR:
		rc = html_newline(st);
		break;
	case EL_BLOCK:
	case EL_DT:
		rc = t != NULL ? html_cell_break(st) : html_flush(st);
		break;
	case EL_PARA:
	case EL_DL:
		if (t != NULL)
			rc = html_cell_break(st);
		else if ((rc = html_flush(st)) == CORE_OK)
			st->want_blank = 1;
		break;
	case EL_HEADING:
		if (t != NULL)
			rc = html_cell_break(st);
		else if ((rc = html_flush(st)) == CORE_OK)
			st->want_blank = 1;
		st->n_heading++;
		st->heading_level = (unsigned)(n->name[1] - '0');
		break;
	case EL_PRE:
		if (t != NULL) {
			rc = html_cell_break(st);
			break;
		}
		if ((rc = html_flush(st)) == CORE_OK)
			st->want_blank = 1;
		st->pre++;
		break;
	case EL_QUOTE:
	case EL_DD:
		if (t != NULL) {
			rc = html_cell_break(st);
			break;
		}
		if ((rc = html_flush(st)) != CORE_OK)
			break;
		if (html_element(n->name) == EL_QUOTE)
			st->want_blank = 1;
		html_push(st, HTML_CTX_QUOTE, html_indent(st) +
		    (html_element(n->name) == EL_QUOTE ? 2 : 4), 0);
		break;
	case EL_HR:
		if (t != NULL) {
			rc = html_cell_break(st);
			break;
		}
		if ((rc = html_flush(st)) != CORE_OK)
			break;
		if (st->flags & CORE_HTML_SCREEN_READER)
			st->want_blank = 1;
		else {
			struct html_inline	rule;
			size_t			w = st->width - html_indent(st);
			char			sp[128];
			size_t			splen;

			html_inline_init(&rule, st->width);
			splen = html_spaces(sp, sizeof sp, html_indent(st));
			while (rc == CORE_OK && rule.text.len < w)
				rc = core_buf_addc(&rule.text, '-');
			if (rc == CORE_OK)
				rc = html_line(st, CORE_HTML_L_RULE, 0, sp, splen,
				    splen, &rule, 0, rule.text.len, rule.text.len, NULL);
			html_inline_free(&rule);
		}
		break;
	case EL_UL:
	case EL_OL:
		if (t != NULL) {
			rc = html_cell_break(st);
			break;
		}
		if ((rc = html_flush(st)) != CORE_OK ||
		    (rc = html_flush_marker(st)) != CORE_OK)
			break;
		if (st->list_depth == 0)
			st->want_blank = 1;
		start = 1;
		html_attr_long(n, "start", &start);
		html_push(st, html_element(n->name) == EL_OL ? HTML_CTX_OL :
		    HTML_CTX_UL, html_indent(st) + (st->nctx > 0 &&
		    st->ctx[st->nctx - 1].kind == HTML_CTX_LI ? 0 : 2), start);
		st->list_depth++;
		break;
	case EL_LI:
		if (t != NULL)
			rc = html_cell_break(st);
		else
			rc = html_li(st, n);
		break;
	case EL_TABLE:
		if (t != NULL) {
			t->nest++;
			rc = html_cell_break(st);
			break;
		}
		if ((rc = html_flush(st)) != CORE_OK ||
		    (rc = html_flush_marker(st)) != CORE_OK)
			break;
		st->want_blank = 1;
		if ((t = core_calloc(1, sizeof *t)) == NULL) {
			rc = CORE_E_NOMEM;
			break;
		}
		html_inline_init(&t->caption, HTML_MAX_CELL);
		t->cell = -1;
		st->table = t;
		break;
	case EL_CAPTION:
		break;
	case EL_TR:
		if (t == NULL)
			break;
		if (t->nest > 0) {
			rc = html_cell_break(st);
			break;
		}
		t->cell = -1;
		if (t->nrows >= HTML_MAX_ROWS) {
			st->doc->truncated = 1;
			*descend = 0;
			break;
		}
		t->rowstart[t->nrows++] = t->ncells;
		break;
	case EL_TD:
	case EL_TH:
		if (t == NULL)
			break;
		if (t->nest > 0) {
			rc = html_put(st, html_cur(st), " ", 1, 0);
			break;
		}
		if (t->nrows == 0)
			t->rowstart[t->nrows++] = t->ncells;
		if (t->ncells - t->rowstart[t->nrows - 1] >= HTML_MAX_COLS) {
			st->doc->truncated = 1;
			*descend = 0;
			break;
		}
		if (t->ncells == t->capcells) {
			cap = t->capcells == 0 ? 16 : t->capcells * 2;
			c = core_realloc(t->cells, cap * sizeof *c);
			if (c == NULL) {
				rc = CORE_E_NOMEM;
				break;
			}
			t->cells = c;
			t->capcells = cap;
		}
		c = &t->cells[t->ncells];
		html_inline_init(&c->in, HTML_MAX_CELL);
		c->header = html_element(n->name) == EL_TH;
		t->cell = (long)t->ncells++;
		if (c->header)
			st->n_th++;
		break;
	}
	return rc;
}

/* Leave an element whose children were walked. */
static enum core_code
html_leave(struct html_st *st, xmlNode *n)
{
	struct html_table	*t = st->table;
	enum core_code		 rc = CORE_OK;
	size_t			 i, w;
	struct html_inline	 rule;
	char			 sp[128];
	size_t			 splen;

	if (n->type != XML_ELEMENT_NODE)
		return CORE_OK;
	switch (html_element(n->name)) {
	case EL_STRONG:
		st->n_strong--;
		rc = html_mark_close(st, '*');
		break;
	case EL_EM:
		st->n_em--;
		rc = html_mark_close(st, '_');
		break;
	case EL_CODE:
		st->n_code--;
		break;
	case EL_A:
		if (!st->in_link)
			break;
		st->in_link = 0;
		if (st->link != NULL) {
			char	ref[32];
			size_t	num;

			rc = html_link_number(st, st->link, &num);
			core_free(st->link);
			st->link = NULL;
			if (rc == CORE_OK && num > 0) {
				/* A no-break space keeps [n] with its text. */
				snprintf(ref, sizeof ref, "\xc2\xa0[%zu]", num);
				rc = html_put(st, html_cur(st), ref,
				    strlen(ref), 0);
			}
		}
		break;
	case EL_BLOCK:
	case EL_DT:
		rc = t != NULL ? html_cell_break(st) : html_flush(st);
		break;
	case EL_PARA:
	case EL_DL:
		if (t != NULL)
			rc = html_cell_break(st);
		else if ((rc = html_flush(st)) == CORE_OK)
			st->want_blank = 1;
		break;
	case EL_HEADING:
		if (t != NULL) {
			st->n_heading--;
			rc = html_cell_break(st);
			break;
		}
		w = st->doc->nlines;
		rc = html_flush(st);
		st->n_heading--;
		if (rc == CORE_OK && (st->flags & CORE_HTML_MARKS) &&
		    !(st->flags & CORE_HTML_SCREEN_READER) &&
		    st->heading_level <= 2 && st->doc->nlines > w) {
			/* Underline the heading as wide as its widest line. */
			size_t	wide = 0;

			for (i = w; i < st->doc->nlines; i++)
				if (st->doc->lines[i].width > wide)
					wide = st->doc->lines[i].width;
			html_inline_init(&rule, st->width);
			splen = html_spaces(sp, sizeof sp, html_indent(st));
			wide = wide > splen ? wide - splen : 1;
			while (rc == CORE_OK && rule.text.len < wide)
				rc = core_buf_addc(&rule.text,
				    st->heading_level == 1 ? '=' : '-');
			if (rc == CORE_OK)
				rc = html_line(st, CORE_HTML_L_RULE, 0, sp, splen,
				    splen, &rule, 0, rule.text.len,
				    rule.text.len, NULL);
			html_inline_free(&rule);
		}
		st->want_blank = 1;
		break;
	case EL_PRE:
		if (t != NULL) {
			rc = html_cell_break(st);
			break;
		}
		rc = html_flush(st);
		st->pre--;
		st->want_blank = 1;
		break;
	case EL_QUOTE:
	case EL_DD:
		if (t != NULL) {
			rc = html_cell_break(st);
			break;
		}
		rc = html_flush(st);
		html_pop(st);
		if (html_element(n->name) == EL_QUOTE)
			st->want_blank = 1;
		break;
	case EL_UL:
	case EL_OL:
		if (t != NULL) {
			rc = html_cell_break(st);
			break;
		}
		if ((rc = html_flush(st)) == CORE_OK)
			rc = html_flush_marker(st);
		html_pop(st);
		st->list_depth--;
		if (st->list_depth == 0)
			st->want_blank = 1;
		break;
	case EL_LI:
		if (t != NULL) {
			rc = html_cell_break(st);
			break;
		}
		if ((rc = html_flush(st)) == CORE_OK)
			rc = html_flush_marker(st);
		html_pop(st);
		break;
	case EL_TABLE:
		if (t == NULL)
			break;
		if (t->nest > 0) {
			t->nest--;
			rc = html_cell_break(st);
			break;
		}
		rc = html_table_end(st);
		st->want_blank = 1;
		break;
	case EL_TD:
	case EL_TH:
		if (t == NULL)
			break;
		if (t->nest > 0)
			break;
		if (t->cell >= 0 && t->cells[t->cell].header && st->n_th > 0)
			st->n_th--;
		if (t->cell >= 0)
			html_inline_trim(&t->cells[t->cell].in);
		t->cell = -1;
		break;
	default:
		break;
	}
	return rc;
}

/* Widest hard line of a cell, and its longest word (at most 16). */
static void
html_measure(const struct html_inline *in, size_t *maxw, size_t *minw)
{
	const char	*s = (const char *)in->text.data;
	size_t		 i = 0, start = 0, line = 0, word = 0, w;

	*maxw = *minw = 0;
	if (s == NULL)
		return;
	for (i = 0; i <= in->text.len; i++) {
		if (i < in->text.len && s[i] != ' ' && s[i] != '\n')
			continue;
		w = core_text_width(s + start, i - start);
		word = w > word ? w : word;
		line += w;
		if (i == in->text.len || s[i] == '\n') {
			*maxw = line > *maxw ? line : *maxw;
			line = 0;
		} else
			line += 1;
		start = i + 1;
	}
	*minw = word > 16 ? 16 : word;
}

/* Column widths for ncols columns within avail; 0 when they cannot fit. */
static int
html_columns(const struct html_table *t, size_t ncols, size_t avail,
    size_t *cw)
{
	size_t	maxw[HTML_MAX_COLS], minw[HTML_MAX_COLS];
	size_t	r, j, a, b, sum = 0, want = 0, extra, share;

	if (avail < 3 * ncols)
		return 0;
	for (j = 0; j < ncols; j++)
		maxw[j] = minw[j] = 0;
	for (r = 0; r < t->nrows; r++) {
		size_t end = r + 1 < t->nrows ? t->rowstart[r + 1] : t->ncells;

		for (j = 0; t->rowstart[r] + j < end; j++) {
			html_measure(&t->cells[t->rowstart[r] + j].in, &a, &b);
			maxw[j] = a > maxw[j] ? a : maxw[j];
			minw[j] = b > minw[j] ? b : minw[j];
		}
	}
	for (j = 0; j < ncols; j++) {
		if (maxw[j] == 0)
			maxw[j] = 1;
		sum += maxw[j];
	}
	if (sum <= avail) {
		memcpy(cw, maxw, ncols * sizeof *cw);
		return 1;
	}
	sum = 0;
	for (j = 0; j < ncols; j++) {
		cw[j] = minw[j] < 1 ? 1 : minw[j];
		sum += cw[j];
	}
	if (sum > avail) {
		sum = 0;
		for (j = 0; j < ncols; j++) {
			cw[j] = maxw[j] < avail / ncols ? maxw[j] : avail / ncols;
			sum += cw[j];
		}
	}
	for (j = 0; j < ncols; j++)
		want += maxw[j] - cw[j];
	extra = avail - sum;
	if (want > 0) {
		for (j = 0; j < ncols; j++) {
			share = (maxw[j] - cw[j]) * extra / want;
			cw[j] += share;
			sum += share;
		}
	}
	/* What rounding left over, one column at a time. */
	for (j = 0; sum < avail && want > 0; j = (j + 1) % ncols) {
		if (cw[j] < maxw[j]) {
			cw[j]++;
			sum++;
		}
		if (j == ncols - 1) {
			for (a = 0, b = 0; a < ncols; a++)
				b += cw[a] < maxw[a];
			if (b == 0)
				break;
		}
	}
	return 1;
}

/* The cells of row r: first index and count. */
static size_t
html_row(const struct html_table *t, size_t r, size_t *first)
{
	size_t	end = r + 1 < t->nrows ? t->rowstart[r + 1] : t->ncells;

	*first = t->rowstart[r];
	return end - t->rowstart[r];
}

/* Is row 0 a header row (all its cells th)? */
static int
html_header_row(const struct html_table *t)
{
	size_t	first, n, j;

	if (t->nrows == 0)
		return 0;
	n = html_row(t, 0, &first);
	if (n == 0)
		return 0;
	for (j = 0; j < n; j++)
		if (!t->cells[first + j].header)
			return 0;
	return 1;
}

/* Append src's text (line breaks as spaces) and runs to dst. */
static enum core_code
html_inline_cat(struct html_inline *dst, const struct html_inline *src,
    unsigned extra)
{
	enum core_code	rc;
	size_t		base = dst->text.len, i;

	for (i = 0; i < src->text.len; i++) {
		if ((rc = core_buf_addc(&dst->text, src->text.data[i] == '\n' ?
		    ' ' : src->text.data[i])) != CORE_OK)
			return rc;
	}
	if (extra != 0 && (rc = html_span(dst, base, dst->text.len, extra)) !=
	    CORE_OK)
		return rc;
	for (i = 0; i < src->nspans; i++) {
		if ((rc = html_span(dst, base + src->spans[i].off,
		    base + src->spans[i].off + src->spans[i].len,
		    src->spans[i].attr | extra)) != CORE_OK)
			return rc;
	}
	return CORE_OK;
}

/* Linearise a table: "Header: value" for every cell of every data row. */
static enum core_code
html_table_linear(struct html_st *st, struct html_table *t, size_t ncols)
{
	struct html_inline	 line;
	enum core_code		 rc = CORE_OK;
	size_t			 r, j, first, n, hfirst = 0, indent;
	int			 head = html_header_row(t);
	char			 num[32], sp[128];
	size_t			 splen;

	(void)ncols;
	html_inline_init(&line, HTML_MAX_CELL * 2 + 256);
	if (head)
		html_row(t, 0, &hfirst);
	indent = html_indent(st);
	splen = html_spaces(sp, sizeof sp, indent);
	for (r = head && t->nrows > 1 ? 1 : 0; r < t->nrows; r++) {
		n = html_row(t, r, &first);
		if (n == 0)
			continue;
		if (r > (size_t)(head && t->nrows > 1))
			st->want_blank = 1;
		for (j = 0; j < n; j++) {
			html_inline_reset(&line);
			if (head && r > 0 && j < html_row(t, 0, &hfirst) &&
			    t->cells[hfirst + j].in.text.len > 0) {
				rc = html_inline_cat(&line, &t->cells[hfirst + j].in,
				    CORE_HTML_A_STRONG);
			} else if (!(head && r == 0)) {
				snprintf(num, sizeof num, "\xc2\xa0%zu", j + 1);
				if ((rc = core_buf_adds(&line.text,
				    html_tr(st, N_("Column")))) == CORE_OK &&
				    (rc = core_buf_adds(&line.text, num)) == CORE_OK)
					rc = html_span(&line, 0, line.text.len,
					    CORE_HTML_A_STRONG);
			}
			if (rc == CORE_OK && line.text.len > 0)
				rc = core_buf_adds(&line.text, ": ");
			if (rc == CORE_OK)
				rc = html_inline_cat(&line, &t->cells[first + j].in, 0);
			if (rc != CORE_OK)
				goto out;
			html_inline_trim(&line);
			if (line.text.len == 0)
				continue;
			if ((rc = html_lines(st, &line, CORE_HTML_L_TABLE, 0, sp,
			    splen, indent, indent + 2)) != CORE_OK)
				goto out;
		}
	}
out:
	html_inline_free(&line);
	return rc;
}

/* Lay a table out in aligned columns. */
static enum core_code
html_table_grid(struct html_st *st, struct html_table *t, size_t ncols,
    const size_t *cw)
{
	struct core_text_lines	 wl[HTML_MAX_COLS];
	struct html_inline	 line, *cell;
	enum core_code		 rc = CORE_OK;
	size_t			 r, j, k, first, n, height, lw, indent, pad;
	const struct core_text_line *tl;
	char			 sp[128];
	size_t			 splen;
	int			 head = html_header_row(t);

	memset(wl, 0, sizeof wl);
	html_inline_init(&line, HTML_MAX_TEXT);
	indent = html_indent(st);
	splen = html_spaces(sp, sizeof sp, indent);
	for (r = 0; r < t->nrows; r++) {
		n = html_row(t, r, &first);
		height = 0;
		for (j = 0; j < ncols; j++) {
			wl[j].n = 0;
			if (j >= n)
				continue;
			cell = &t->cells[first + j].in;
			rc = core_text_wrap((const char *)cell->text.data,
			    cell->text.len, cw[j], 0, &wl[j]);
			if (rc != CORE_OK)
				goto out;
			if (cell->text.len == 0)
				wl[j].n = 0;
			height = wl[j].n > height ? wl[j].n : height;
		}
		if (height == 0)
			height = 1;
		for (k = 0; k < height; k++) {
			html_inline_reset(&line);
			lw = 0;
			for (j = 0; j < ncols; j++) {
				if (j > 0) {
					rc = core_buf_adds(&line.text, HTML_SEP);
					lw += HTML_SEP_W;
				}
				pad = cw[j];
				if (rc == CORE_OK && j < n && k < wl[j].n) {
					struct html_inline	*src;
					size_t			 i, base;

					src = &t->cells[first + j].in;
					tl = &wl[j].v[k];
					base = line.text.len;
					rc = core_buf_add(&line.text,
					    src->text.data + tl->off, tl->len);
					for (i = 0; rc == CORE_OK &&
					    i < src->nspans; i++) {
						size_t a = src->spans[i].off;
						size_t b = a + src->spans[i].len;

						a = a > tl->off ? a : tl->off;
						b = b < tl->off + tl->len ? b :
						    tl->off + tl->len;
						if (a < b)
							rc = html_span(&line,
							    base + a - tl->off,
							    base + b - tl->off,
							    src->spans[i].attr);
					}
					lw += tl->width;
					pad = tl->width < cw[j] ? cw[j] - tl->width : 0;
				}
				if (j + 1 == ncols)
					pad = 0;
				lw += pad;
				while (rc == CORE_OK && pad-- > 0)
					rc = core_buf_addc(&line.text, ' ');
				if (rc != CORE_OK)
					goto out;
			}
			while (line.text.len > 0 &&
			    line.text.data[line.text.len - 1] == ' ') {
				html_inline_cut(&line, line.text.len - 1);
				lw--;
			}
			if ((rc = html_line(st, CORE_HTML_L_TABLE, 0, sp, splen,
			    splen, &line, 0, line.text.len, lw, NULL)) != CORE_OK)
				goto out;
		}
		if (r == 0 && head && t->nrows > 1) {
			/* A rule under the header row. */
			html_inline_reset(&line);
			lw = 0;
			for (j = 0; j < ncols && rc == CORE_OK; j++) {
				if (j > 0) {
					rc = core_buf_adds(&line.text, "-+-");
					lw += 3;
				}
				for (k = 0; k < cw[j] && rc == CORE_OK; k++, lw++)
					rc = core_buf_addc(&line.text, '-');
			}
			if (rc == CORE_OK)
				rc = html_line(st, CORE_HTML_L_TABLE, 0, sp,
				    splen, splen, &line, 0, line.text.len, lw, NULL);
			if (rc != CORE_OK)
				goto out;
		}
	}
out:
	for (j = 0; j < HTML_MAX_COLS; j++)
		core_text_lines_free(&wl[j]);
	html_inline_free(&line);
	return rc;
}

static void
html_table_free(struct html_table **tp)
{
	struct html_table	*t = *tp;
	size_t			 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ncells; i++)
		html_inline_free(&t->cells[i].in);
	core_free(t->cells);
	html_inline_free(&t->caption);
	core_free(t);
	*tp = NULL;
}

/* The table is complete: lay it out and let go of it. */
static enum core_code
html_table_end(struct html_st *st)
{
	struct html_table	*t = st->table;
	enum core_code		 rc = CORE_OK;
	size_t			 r, first, n, ncols = 0, avail, indent;
	size_t			 cw[HTML_MAX_COLS];
	char			 sp[128];
	size_t			 splen;

	st->table = NULL;
	st->n_th = 0;
	indent = html_indent(st);
	html_inline_trim(&t->caption);
	if (t->caption.text.len > 0) {
		size_t	i;

		for (i = 0; i < t->caption.text.len; i++)
			if (t->caption.text.data[i] == '\n')
				t->caption.text.data[i] = ' ';
		splen = html_spaces(sp, sizeof sp, indent);
		if ((rc = html_span(&t->caption, 0, t->caption.text.len,
		    CORE_HTML_A_STRONG)) != CORE_OK ||
		    (rc = html_lines(st, &t->caption, CORE_HTML_L_TEXT, 0, sp,
		    splen, indent, indent)) != CORE_OK)
			goto out;
	}
	for (r = 0; r < t->nrows; r++) {
		n = html_row(t, r, &first);
		ncols = n > ncols ? n : ncols;
	}
	if (ncols == 0)
		goto out;
	avail = st->width - indent;
	avail = avail > HTML_SEP_W * (ncols - 1) ? avail - HTML_SEP_W *
	    (ncols - 1) : 0;
	if ((st->flags & CORE_HTML_SCREEN_READER) ||
	    !html_columns(t, ncols, avail, cw))
		rc = html_table_linear(st, t, ncols);
	else
		rc = html_table_grid(st, t, ncols, cw);
out:
	html_table_free(&t);
	return rc;
}

/* The list of link addresses, at the end. */
static enum core_code
html_link_list(struct html_st *st)
{
	struct html_inline	in;
	enum core_code		rc = CORE_OK;
	size_t			i, refw;
	char			ref[32];
	int			k;

	if (st->nlinks == 0)
		return CORE_OK;
	html_inline_init(&in, HTML_MAX_URL * 10 + 64);
	st->want_blank = 1;
	if ((rc = core_buf_adds(&in.text, html_tr(st, N_("Links:")))) != CORE_OK ||
	    (rc = html_span(&in, 0, in.text.len, CORE_HTML_A_STRONG)) != CORE_OK ||
	    (rc = html_lines(st, &in, CORE_HTML_L_LINKS, 0, "", 0, 0, 0)) !=
	    CORE_OK)
		goto out;
	for (i = 0; i < st->nlinks; i++) {
		html_inline_reset(&in);
		k = snprintf(ref, sizeof ref, "[%zu] ", i + 1);
		refw = k > 0 ? (size_t)k : 0;
		if ((rc = core_buf_adds(&in.text, st->links[i])) != CORE_OK ||
		    (rc = html_span(&in, 0, in.text.len, CORE_HTML_A_LINK)) !=
		    CORE_OK ||
		    (rc = html_lines(st, &in, CORE_HTML_L_LINKS, 0, ref, refw,
		    refw, refw)) != CORE_OK)
			goto out;
	}
out:
	html_inline_free(&in);
	return rc;
}

/* Close the document: a note when something was left out. */
static enum core_code
html_finish(struct html_st *st, enum core_code rc)
{
	struct html_inline	in;

	if (rc == CORE_E_TOO_LARGE) {
		st->doc->truncated = 1;
		rc = CORE_OK;
	}
	if (rc != CORE_OK || !st->doc->truncated)
		return rc;
	st->final = 1;
	html_inline_init(&in, 1024);
	if ((rc = core_buf_adds(&in.text, html_tr(st, N_("[Part of this letter "
	    "was too large to show and has been left out.]")))) == CORE_OK) {
		if (st->doc->nlines > 0 &&
		    st->doc->lines[st->doc->nlines - 1].kind != CORE_HTML_L_BLANK)
			rc = html_line(st, CORE_HTML_L_BLANK, 0, NULL, 0, 0, NULL,
			    0, 0, 0, NULL);
		if (rc == CORE_OK)
			rc = html_lines(st, &in, CORE_HTML_L_NOTE, 0, "", 0, 0, 0);
	}
	html_inline_free(&in);
	return rc;
}

/* Set up a walk: options, limits and an empty document. */
static enum core_code
html_begin(struct html_st *st, const struct core_html_opts *opts,
    struct core_html_doc **out)
{
	memset(st, 0, sizeof *st);
	*out = NULL;
	st->width = opts != NULL && opts->width != 0 ? opts->width : 80;
	if (st->width < HTML_MIN_WIDTH)
		return CORE_E_ARG;
	st->max_lines = opts != NULL && opts->max_lines != 0 ?
	    opts->max_lines : 20000;
	if (st->max_lines < 4)
		st->max_lines = 4;
	st->flags = opts != NULL ? opts->flags : 0;
	st->tr = opts != NULL ? opts->tr : NULL;
	html_inline_init(&st->para, HTML_MAX_PARA);
	st->doc = core_calloc(1, sizeof *st->doc);
	if (st->doc == NULL)
		return CORE_E_NOMEM;
	core_buf_init(&st->doc->text, HTML_MAX_TEXT + 8192);
	return CORE_OK;
}

/* Release the walk's state; hand over the document when rc is CORE_OK. */
static enum core_code
html_end(struct html_st *st, enum core_code rc, struct core_html_doc **out)
{
	size_t	i;

	if (st->doc != NULL)
		st->doc->nlinks = st->nlinks;
	html_inline_free(&st->para);
	html_table_free(&st->table);
	core_free(st->link);
	for (i = 0; i < st->nlinks; i++)
		core_free(st->links[i]);
	core_free(st->links);
	if (rc == CORE_OK && st->doc != NULL && st->doc->text.data == NULL)
		rc = core_buf_add(&st->doc->text, "", 0);
	if (rc == CORE_OK)
		*out = st->doc;
	else
		core_html_free(&st->doc);
	return rc;
}

/* Walk the tree from root, without recursion. */
static enum core_code
html_walk(struct html_st *st, xmlNode *root)
{
	enum core_code	 rc;
	xmlNode		*n = root;
	int		 descend;

	for (;;) {
		if ((rc = html_enter(st, n, &descend)) != CORE_OK)
			return rc;
		if (descend && n->children != NULL) {
			n = n->children;
			continue;
		}
		if (descend && (rc = html_leave(st, n)) != CORE_OK)
			return rc;
		while (n != root && n->next == NULL) {
			n = n->parent;
			if (n == NULL)
				return CORE_OK;
			if ((rc = html_leave(st, n)) != CORE_OK)
				return rc;
		}
		if (n == root)
			return CORE_OK;
		n = n->next;
	}
}

enum core_code
core_html_render(const char *html, size_t len,
    const struct core_html_opts *opts, struct core_html_doc **out,
    struct core_err *err)
{
	struct html_st		 st;
	struct core_buf		 in;
	htmlDocPtr		 doc = NULL;
	htmlParserCtxtPtr	 ctxt;
	enum core_code		 rc;

	core_buf_init(&in, CORE_HTML_MAX_INPUT * 3 + 16);
	if ((rc = html_begin(&st, opts, out)) != CORE_OK) {
		core_err_set(err, rc, CORE_NO_OFFSET, "width %zu",
		    opts != NULL ? opts->width : 0);
		goto out;
	}
	if (len > CORE_HTML_MAX_INPUT) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "letter of %zu bytes", len);
		goto out;
	}
	if (len == 0)
		goto out;
	/* libxml2 would switch to Latin-1 at the first invalid byte. */
	if ((rc = core_utf8_repair(&in, html, len)) != CORE_OK)
		goto out;
	if ((ctxt = htmlNewParserCtxt()) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	doc = htmlCtxtReadMemory(ctxt, (const char *)in.data, (int)in.len, NULL,
	    "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS | HTML_PARSE_IGNORE_ENC |
	    HTML_PARSE_NODEFDTD);
	/* The parser stops at its own limits (nesting deeper than 256). */
	if (ctxt->disableSAX)
		st.doc->truncated = 1;
	htmlFreeParserCtxt(ctxt);
	if (doc == NULL) {
		rc = core_err_set(err, CORE_E_HTML, CORE_NO_OFFSET,
		    "the letter could not be parsed");
		goto out;
	}
	/* When the walk stops early (too many nodes or lines), what was
	 * gathered is still laid out, as far as the limits allow. */
	rc = html_walk(&st, (xmlNode *)doc);
	if (rc == CORE_E_TOO_LARGE) {
		st.doc->truncated = 1;
		rc = CORE_OK;
	}
	if (rc == CORE_OK && st.table != NULL)
		rc = html_table_end(&st);
	if (rc == CORE_OK)
		rc = html_flush(&st);
	if (rc == CORE_OK)
		rc = html_flush_marker(&st);
	if (rc == CORE_OK)
		rc = html_link_list(&st);
	rc = html_finish(&st, rc);
	if (rc != CORE_OK)
		core_err_set(err, rc, CORE_NO_OFFSET, "laying out the letter");
out:
	if (doc != NULL)
		xmlFreeDoc(doc);
	core_buf_free(&in);
	return html_end(&st, rc, out);
}

enum core_code
core_html_render_plain(const char *text, size_t len,
    const struct core_html_opts *opts, struct core_html_doc **out,
    struct core_err *err)
{
	struct html_st	st;
	enum core_code	rc;
	unsigned	fl = CORE_SAFETEXT_MULTILINE;

	if ((rc = html_begin(&st, opts, out)) != CORE_OK) {
		core_err_set(err, rc, CORE_NO_OFFSET, "width %zu",
		    opts != NULL ? opts->width : 0);
		goto out;
	}
	if (len > CORE_HTML_MAX_INPUT) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "letter of %zu bytes", len);
		goto out;
	}
	if (st.flags & CORE_HTML_ESCAPES)
		fl |= CORE_SAFETEXT_ESCAPE;
	st.pre = 1;
	if ((rc = core_safetext_append(&st.para.text, text, len, fl)) != CORE_OK)
		goto out;
	rc = html_finish(&st, html_flush(&st));
out:
	return html_end(&st, rc, out);
}

const char *
core_html_text(const struct core_html_doc *doc)
{
	return core_buf_str(&doc->text);
}

const char *
core_html_line_text(const struct core_html_doc *doc, size_t i)
{
	if (i >= doc->nlines)
		return "";
	return (const char *)doc->text.data + doc->lines[i].off;
}

void
core_html_free(struct core_html_doc **doc)
{
	if (doc == NULL || *doc == NULL)
		return;
	core_buf_free(&(*doc)->text);
	core_free((*doc)->lines);
	core_free((*doc)->spans);
	core_free(*doc);
	*doc = NULL;
}
