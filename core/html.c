/* html.c: restricted-HTML and plain-text letters laid out as terminal lines:
 * the parse, the walk of the tree, and the text gathered for each block. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "core/alloc.h"
#include "core/html.h"
#include "core/html-int.h"
#include "core/intl.h"
#include "core/safetext.h"

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

/* The prefix of a block's first line: indentation, and a pending list
 * marker.  Returns its length; its width goes to *w. */
static size_t
html_first_prefix(struct html_st *st, char *buf, size_t size, size_t indent,
    size_t *w)
{
	size_t	n, mi, mlen = st->markerlen, mw = st->markerw;

	if (!st->marker_pending) {
		*w = html_spaces(buf, size, indent);
		return *w;
	}
	/* The marker moves left, or is left out, rather than pass the width. */
	mi = st->marker_indent > st->width / 2 ? st->width / 2 : st->marker_indent;
	if (mi > HTML_MAX_INDENT)
		mi = HTML_MAX_INDENT;
	if (mi + mw + 1 > st->width)
		mi = 0;
	if (mw + 1 > st->width || mi + mlen + 1 >= size)
		mlen = mw = 0;
	n = html_spaces(buf, size, mi);
	memcpy(buf + n, st->marker, mlen);
	n += mlen;
	*w = mi + mw;
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

/* Enter a level of indentation (levels past the cap are counted only). */
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

/* Leave a level of indentation. */
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

/* Parse a restricted-HTML letter and lay it out. */
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

/* Lay out a plain-text letter. */
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

/* The whole laid-out text. */
const char *
core_html_text(const struct core_html_doc *doc)
{
	return core_buf_str(&doc->text);
}

/* The start of one laid-out line. */
const char *
core_html_line_text(const struct core_html_doc *doc, size_t i)
{
	if (i >= doc->nlines)
		return "";
	return (const char *)doc->text.data + doc->lines[i].off;
}

/* Release a laid-out letter; clears the pointer. */
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
