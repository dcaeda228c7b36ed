/* html-layout.c: the layout of a letter: lines with their runs, wrapped
 * blocks, and tables in columns or linearised. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/html.h"
#include "core/html-int.h"
#include "core/intl.h"
#include "core/safetext.h"

/* A word the layout adds, translated by the caller's function. */
const char *
html_tr(const struct html_st *st, const char *msgid)
{
	return st->tr != NULL ? st->tr(msgid) : msgid;
}

/* An empty inline text whose bytes may not pass max. */
void
html_inline_init(struct html_inline *in, size_t max)
{
	memset(in, 0, sizeof *in);
	core_buf_init(&in->text, max);
}

/* Release an inline text's memory. */
void
html_inline_free(struct html_inline *in)
{
	core_buf_free(&in->text);
	core_free(in->spans);
	in->spans = NULL;
	in->nspans = in->cap = 0;
}

/* Empty an inline text, keeping its memory. */
void
html_inline_reset(struct html_inline *in)
{
	core_buf_reset(&in->text);
	in->nspans = 0;
	in->full = 0;
}

/* Mark in[start..end) with attr, merging with the last run when it fits. */
enum core_code
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
void
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
void
html_inline_trim(struct html_inline *in)
{
	size_t	len = in->text.len;

	while (len > 0 && (in->text.data[len - 1] == ' ' ||
	    in->text.data[len - 1] == '\n'))
		len--;
	html_inline_cut(in, len);
}

/* Add a line to the document: prefix, then src[off..off+len) of an inline
 * text with its runs. */
enum core_code
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
size_t
html_indent(const struct html_st *st)
{
	size_t	i = st->nctx > 0 ? st->ctx[st->nctx - 1].indent : 0;

	if (i > HTML_MAX_INDENT)
		i = HTML_MAX_INDENT;
	return i > st->width / 2 ? st->width / 2 : i;
}

/* Fill buf with n spaces (n < size). */
size_t
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
enum core_code
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

/* Release a table and its cells; clears the pointer. */
void
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
enum core_code
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
