/* safetext.c: the display sanitiser, display width and word wrap. */
#include "config.h"

#include <string.h>

#include <utf8proc.h>

#include "core/alloc.h"
#include "core/safetext.h"

#define ST_ESC	0x1b
#define ST_BEL	0x07
#define ST_ST	0x9c	/* C1 string terminator */

/* The state of one sanitising pass. */
struct st_pass {
	const char	*s;
	size_t		 len;
	size_t		 pos;
	unsigned	 flags;
	struct core_buf	*out;
	uint32_t	 prev;	/* last code point written, 0 at the start */
	unsigned	 marks;	/* combining marks written after prev's base */
	int		 ascii;	/* nothing but ASCII written so far */
};

/* One code point of UTF-8, strictly; U+FFFD for a maximal invalid part. */
size_t
core_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned char		 lo = 0x80, hi = 0xbf;
	uint32_t		 v;
	size_t			 need, i;

	*cp = 0;
	if (len == 0)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		need = 1;
		v = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		need = 2;
		v = p[0] & 0x0f;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;	/* no surrogates */
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		need = 3;
		v = p[0] & 0x07;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;	/* nothing past U+10FFFF */
	} else {
		*cp = 0xfffd;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= len || p[i] < lo || p[i] > hi) {
			*cp = 0xfffd;
			return i;
		}
		v = (v << 6) | (p[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*cp = v;
	return need + 1;
}

/* Append one code point as UTF-8. */
enum core_code
core_utf8_put(struct core_buf *out, uint32_t cp)
{
	unsigned char	b[4];
	size_t		n;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return core_buf_add(out, b, n);
}

/* Cut b back to len bytes (undo a partial append). */
static void
st_truncate(struct core_buf *b, size_t len)
{
	if (b->data == NULL || len > b->len)
		return;
	b->len = len;
	b->data[len] = '\0';
}

/* Copy UTF-8 with invalid sequences and NULs as U+FFFD. */
enum core_code
core_utf8_repair(struct core_buf *out, const char *s, size_t len)
{
	enum core_code	rc = CORE_OK;
	size_t		old = out->len, pos = 0, n, run = 0;
	uint32_t	cp;

	while (pos < len) {
		n = core_utf8_decode(s + pos, len - pos, &cp);
		if (cp != 0 && (cp != 0xfffd ||
		    (n == 3 && memcmp(s + pos, "\xef\xbf\xbd", 3) == 0))) {
			pos += n;
			run += n;
			continue;
		}
		/* Flush the valid run, then the replacement. */
		if ((rc = core_buf_add(out, s + pos - run, run)) != CORE_OK)
			goto out;
		run = 0;
		if ((rc = core_utf8_put(out, 0xfffd)) != CORE_OK)
			goto out;
		pos += n;
	}
	rc = core_buf_add(out, s + pos - run, run);
out:
	if (rc != CORE_OK)
		st_truncate(out, old);
	return rc;
}

/* Is c shown as it is?  (Controls, format characters and the like are not.) */
static int
st_hidden(uint32_t c)
{
	if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
		return 1;
	if ((c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 1;
	if ((c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
		return 1;
	if (c == 0x115f || c == 0x1160 || c == 0x3164 || c == 0xffa0)
		return 1;
	return utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_CF;
}

/* The code point at the pass's position, without consuming it (0 at end). */
static uint32_t
st_peek(const struct st_pass *p, size_t *n)
{
	uint32_t	c = 0;
	size_t		k;

	k = core_utf8_decode(p->s + p->pos, p->len - p->pos, &c);
	if (n != NULL)
		*n = k;
	return c;
}

/* Write c as it is. */
static enum core_code
st_put(struct st_pass *p, uint32_t c)
{
	utf8proc_category_t	cat;

	cat = utf8proc_category((utf8proc_int32_t)c);
	if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME) {
		if (p->marks >= CORE_SAFETEXT_MAX_MARKS)
			return CORE_OK;
		p->marks++;
	} else
		p->marks = 0;
	if (c >= 0x80)
		p->ascii = 0;
	p->prev = c;
	return core_utf8_put(p->out, c);
}

/* Remove c, or show it as <U+XXXX>. */
static enum core_code
st_hide(struct st_pass *p, uint32_t c)
{
	if (!(p->flags & CORE_SAFETEXT_ESCAPE))
		return CORE_OK;
	p->marks = 0;
	p->prev = '>';
	return core_buf_printf(p->out, "<U+%04X>", (unsigned)c);
}

/* Skip the body of a control string (OSC, DCS, SOS, PM, APC) up to and
 * including its terminator: BEL, ESC \ or ST.  Another ESC ends it too,
 * and starts a sequence of its own. */
static void
st_skip_string(struct st_pass *p)
{
	uint32_t	c;
	size_t		n;

	while (p->pos < p->len) {
		c = st_peek(p, &n);
		if (c == ST_ESC) {
			if (p->pos + n < p->len && p->s[p->pos + n] == '\\')
				p->pos += n + 1;
			return;
		}
		p->pos += n;
		if (c == ST_BEL || c == ST_ST)
			return;
	}
}

/* Skip the body of a CSI sequence: parameter and intermediate bytes and
 * the final byte.  Anything else ends it and is left to be read. */
static void
st_skip_csi(struct st_pass *p)
{
	uint32_t	c;
	size_t		n;

	while (p->pos < p->len) {
		c = st_peek(p, &n);
		if (c >= 0x20 && c <= 0x3f) {
			p->pos += n;
			continue;
		}
		if (c >= 0x40 && c <= 0x7e)
			p->pos += n;
		return;
	}
}

/* Skip what follows an ESC: the rest of its escape sequence. */
static void
st_skip_escape(struct st_pass *p)
{
	uint32_t	c;
	size_t		n;

	if (p->pos >= p->len)
		return;
	c = st_peek(p, &n);
	if (c == '[') {
		p->pos += n;
		st_skip_csi(p);
	} else if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
		p->pos += n;
		st_skip_string(p);
	} else if (c >= 0x20 && c <= 0x2f) {
		/* nF: intermediates, then one final byte. */
		while (p->pos < p->len && (c = st_peek(p, &n)) >= 0x20 &&
		    c <= 0x2f)
			p->pos += n;
		if (p->pos < p->len && c >= 0x30 && c <= 0x7e)
			p->pos += n;
	} else if (c >= 0x30 && c <= 0x7e)
		p->pos += n;
}

/* Does the text at the position hold the rest of an emoji subdivision flag
 * (1-6 tag letters or digits, then CANCEL TAG)?  Returns its byte length. */
static size_t
st_flag_tags(const struct st_pass *p)
{
	size_t		pos = p->pos, n, count = 0;
	uint32_t	c;

	while (pos < p->len && count <= 6) {
		n = core_utf8_decode(p->s + pos, p->len - pos, &c);
		if (c == 0xe007f)
			return count > 0 ? pos + n - p->pos : 0;
		if (!((c >= 0xe0030 && c <= 0xe0039) ||
		    (c >= 0xe0061 && c <= 0xe007a)))
			return 0;
		pos += n;
		count++;
	}
	return 0;
}

/* Write a line break: LF when lines are kept, otherwise a space. */
static enum core_code
st_break(struct st_pass *p)
{
	p->marks = 0;
	if (p->flags & CORE_SAFETEXT_MULTILINE) {
		p->prev = '\n';
		return core_buf_addc(p->out, '\n');
	}
	p->prev = ' ';
	return core_buf_addc(p->out, ' ');
}

/* Handle one code point c, already consumed. */
static enum core_code
st_one(struct st_pass *p, uint32_t c)
{
	int		escape = (p->flags & CORE_SAFETEXT_ESCAPE) != 0;
	uint32_t	next;
	size_t		n;

	switch (c) {
	case '\n':
	case 0x85:
	case 0x2028:
	case 0x2029:
		return st_break(p);
	case '\r':
		if (p->pos < p->len && p->s[p->pos] == '\n')
			p->pos++;
		return st_break(p);
	case '\t':
		p->marks = 0;
		p->prev = ' ';
		return core_buf_addc(p->out, ' ');
	case ST_ESC:
		if (!escape)
			st_skip_escape(p);
		return st_hide(p, c);
	case 0x9b:		/* CSI */
		if (!escape)
			st_skip_csi(p);
		return st_hide(p, c);
	case 0x9d:		/* OSC */
	case 0x90:		/* DCS */
	case 0x98:		/* SOS */
	case 0x9e:		/* PM */
	case 0x9f:		/* APC */
		if (!escape)
			st_skip_string(p);
		return st_hide(p, c);
	case 0x200c:
	case 0x200d:
		next = st_peek(p, NULL);
		if (p->prev >= 0x590 && next >= 0x590 && !st_hidden(next) &&
		    !st_hidden(p->prev))
			return st_put(p, c);
		return st_hide(p, c);
	default:
		break;
	}
	if (c >= 0xe0030 && c <= 0xe007a && p->prev == 0x1f3f4) {
		/* c is already consumed: look from its start. */
		p->pos -= 4;
		n = st_flag_tags(p);
		if (n > 0) {
			p->ascii = 0;
			p->pos += n;
			p->prev = 0xe007f;
			return core_buf_add(p->out, p->s + p->pos - n, n);
		}
		p->pos += 4;
	}
	if (st_hidden(c))
		return st_hide(p, c);
	return st_put(p, c);
}

/* Normalise the UTF-8 in p[0..n) to NFC and append it to out. */
static enum core_code
st_nfc(struct core_buf *out, const unsigned char *p, size_t n)
{
	const utf8proc_option_t	 opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
	utf8proc_int32_t	*cps = NULL;
	utf8proc_ssize_t	 ncp, r;
	enum core_code		 rc;

	ncp = utf8proc_decompose(p, (utf8proc_ssize_t)n, NULL, 0, opt);
	if (ncp < 0) {
		rc = CORE_E_INTERNAL;
		goto out;
	}
	cps = core_calloc((size_t)ncp + 1, sizeof *cps);
	if (cps == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	r = utf8proc_decompose(p, (utf8proc_ssize_t)n, cps, ncp, opt);
	if (r != ncp) {
		rc = CORE_E_INTERNAL;
		goto out;
	}
	r = utf8proc_reencode(cps, ncp, opt);
	if (r < 0) {
		rc = CORE_E_INTERNAL;
		goto out;
	}
	rc = core_buf_add(out, cps, (size_t)r);
out:
	core_free(cps);
	return rc;
}

/* The display sanitiser: filter into a scratch buffer, then NFC. */
enum core_code
core_safetext_append(struct core_buf *out, const char *s, size_t len,
    unsigned flags)
{
	struct core_buf	tmp;
	struct st_pass	p;
	enum core_code	rc = CORE_OK;
	uint32_t	c;

	core_buf_init(&tmp, out->max);
	memset(&p, 0, sizeof p);
	p.s = s;
	p.len = len;
	p.flags = flags;
	p.out = &tmp;
	p.ascii = 1;
	while (p.pos < p.len) {
		p.pos += core_utf8_decode(s + p.pos, len - p.pos, &c);
		if ((rc = st_one(&p, c)) != CORE_OK)
			goto out;
	}
	if (tmp.len == 0)
		goto out;
	if (p.ascii)
		rc = core_buf_add(out, tmp.data, tmp.len);
	else
		rc = st_nfc(out, tmp.data, tmp.len);
out:
	core_buf_free(&tmp);
	return rc;
}

/* The sanitiser into a new string. */
enum core_code
core_safetext(const char *s, unsigned flags, size_t max, char **out)
{
	struct core_buf	b;
	enum core_code	rc;

	*out = NULL;
	core_buf_init(&b, max);
	if (s != NULL &&
	    (rc = core_safetext_append(&b, s, strlen(s), flags)) != CORE_OK)
		goto out;
	if (b.data == NULL)
		rc = core_buf_add(&b, "", 0);
	else
		rc = CORE_OK;
	if (rc == CORE_OK)
		*out = (char *)core_buf_take(&b, NULL);
out:
	core_buf_free(&b);
	return rc;
}

/* Columns of one code point (never negative). */
static size_t
st_cpwidth(uint32_t c)
{
	int	w;

	w = utf8proc_charwidth((utf8proc_int32_t)c);
	return w > 0 ? (size_t)w : 0;
}

/* Terminal columns of a string: the sum of its code points' widths. */
size_t
core_text_width(const char *s, size_t len)
{
	size_t		pos = 0, w = 0;
	uint32_t	c;

	while (pos < len) {
		pos += core_utf8_decode(s + pos, len - pos, &c);
		w += st_cpwidth(c);
	}
	return w;
}

/* The grapheme cluster at s[0..len) (len >= 1): its length, and its width
 * in *width. */
static size_t
st_cluster(const char *s, size_t len, size_t *width)
{
	utf8proc_int32_t	state = 0;
	uint32_t		c1, c2;
	size_t			pos, n;

	pos = core_utf8_decode(s, len, &c1);
	*width = st_cpwidth(c1);
	while (pos < len) {
		n = core_utf8_decode(s + pos, len - pos, &c2);
		if (utf8proc_grapheme_break_stateful((utf8proc_int32_t)c1,
		    (utf8proc_int32_t)c2, &state))
			break;
		*width += st_cpwidth(c2);
		pos += n;
		c1 = c2;
	}
	return pos;
}

/* The longest prefix of whole grapheme clusters within a width. */
size_t
core_text_fit(const char *s, size_t len, size_t width, size_t *used)
{
	size_t	pos = 0, w = 0, cl, cw;

	while (pos < len) {
		cl = st_cluster(s + pos, len - pos, &cw);
		if (w + cw > width)
			break;
		w += cw;
		pos += cl;
	}
	if (used != NULL)
		*used = w;
	return pos;
}

/* Release the lines of a wrap. */
void
core_text_lines_free(struct core_text_lines *lines)
{
	core_free(lines->v);
	lines->v = NULL;
	lines->n = 0;
	lines->cap = 0;
}

/* The state of one wrap. */
struct st_wrap {
	const char		*s;
	size_t			 width;
	size_t			 max;	/* lines this call may add, 0: any */
	size_t			 added;
	struct core_text_lines	*lines;
};

/* Add a line; with trim, drop its trailing spaces first. */
static enum core_code
st_line(struct st_wrap *w, size_t off, size_t len, size_t width, int trim)
{
	struct core_text_line	*v;
	size_t			 cap;

	while (trim && len > 0 && w->s[off + len - 1] == ' ') {
		len--;
		width--;
	}
	if (w->max != 0 && w->added >= w->max)
		return CORE_E_TOO_LARGE;
	if (w->lines->n == w->lines->cap) {
		cap = w->lines->cap == 0 ? 16 : w->lines->cap * 2;
		if (cap > ((size_t)-1) / sizeof *v)
			return CORE_E_NOMEM;
		v = core_realloc(w->lines->v, cap * sizeof *v);
		if (v == NULL)
			return CORE_E_NOMEM;
		w->lines->v = v;
		w->lines->cap = cap;
	}
	v = &w->lines->v[w->lines->n++];
	v->off = off;
	v->len = len;
	v->width = width;
	w->added++;
	return CORE_OK;
}

/* Wrap one hard line, s[start..end), which holds no LF. */
static enum core_code
st_wrap_hard(struct st_wrap *w, size_t start, size_t end)
{
	enum core_code	rc = CORE_OK;
	size_t		p = start, q, ls, cl, cw, cur, brk, brkw;
	int		first = 1, space, wide;

	if (start == end)
		return st_line(w, start, 0, 0, 0);
	while (p < end) {
		if (!first) {
			while (p < end && w->s[p] == ' ')
				p++;
			if (p == end)
				break;
		}
		first = 0;
		ls = q = p;
		cur = 0;
		brk = 0;	/* 0: no break opportunity on this line yet */
		brkw = 0;
		for (;;) {
			if (q >= end) {
				rc = st_line(w, ls, q - ls, cur, 1);
				goto out;
			}
			cl = st_cluster(w->s + q, end - q, &cw);
			space = cl == 1 && w->s[q] == ' ';
			wide = cw >= 2;
			if ((space || wide) && q > ls && w->s[q - 1] != ' ') {
				brk = q;
				brkw = cur;
			}
			if (cur + cw > w->width) {
				if (space || q == ls) {
					/* End at the space, or a cluster that
					 * is wider than a line goes alone. */
					if (q == ls && !space) {
						q += cl;
						cur = cw;
					}
					rc = st_line(w, ls, q - ls, cur, 1);
					p = q;
				} else if (brk > ls) {
					rc = st_line(w, ls, brk - ls, brkw, 1);
					p = brk;
				} else {
					rc = st_line(w, ls, q - ls, cur, 1);
					p = q;
				}
				if (rc != CORE_OK)
					goto out;
				break;
			}
			cur += cw;
			q += cl;
			if (wide) {
				brk = q;
				brkw = cur;
			}
		}
	}
out:
	return rc;
}

/* Wrap text to a width, hard line by hard line. */
enum core_code
core_text_wrap(const char *s, size_t len, size_t width, size_t max_lines,
    struct core_text_lines *lines)
{
	struct st_wrap	 w;
	enum core_code	 rc = CORE_OK;
	const char	*nl;
	size_t		 pos = 0, end;

	if (width == 0)
		return CORE_E_ARG;
	w.s = s;
	w.width = width;
	w.max = max_lines;
	w.added = 0;
	w.lines = lines;
	for (;;) {
		nl = len > pos ? memchr(s + pos, '\n', len - pos) : NULL;
		end = nl != NULL ? (size_t)(nl - s) : len;
		if ((rc = st_wrap_hard(&w, pos, end)) != CORE_OK)
			goto out;
		if (nl == NULL)
			break;
		pos = end + 1;
	}
out:
	return rc;
}
