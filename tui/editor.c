/* editor.c: the text a person types, its cursor and its undo history. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/alloc.h"
#include "core/safetext.h"
#include "tui/editor.h"

/* Start an empty editor. */
void
tui_ed_init(struct tui_editor *e, int single, size_t max_chars, size_t max_bytes)
{
	memset(e, 0, sizeof *e);
	e->single = single;
	e->max_chars = max_chars;
	e->max_bytes = max_bytes > 0 ? max_bytes : 1024 * 1024;
}

/* Drop one undo step, the oldest. */
static void
ed_undo_drop_oldest(struct tui_editor *e)
{
	if (e->nundo == 0)
		return;
	e->undo_bytes -= e->undo[0].len;
	core_free(e->undo[0].text);
	memmove(&e->undo[0], &e->undo[1], (e->nundo - 1) * sizeof e->undo[0]);
	e->nundo--;
}

/* Release the text and the history. */
void
tui_ed_free(struct tui_editor *e)
{
	while (e->nundo > 0)
		ed_undo_drop_oldest(e);
	if (e->s != NULL)
		memset(e->s, 0, e->cap);	/* access codes pass through here */
	core_free(e->s);
	e->s = NULL;
	e->len = e->cap = e->cur = e->nchars = 0;
}

/* Is cp a character the editor takes? */
int
tui_ed_takes(const struct tui_editor *e, uint32_t cp)
{
	utf8proc_category_t	cat;

	if (cp == '\n')
		return !e->single;
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	cat = utf8proc_category((utf8proc_int32_t)cp);
	if (cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_CC ||
	    cat == UTF8PROC_CATEGORY_CS || cat == UTF8PROC_CATEGORY_CN ||
	    cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP)
		return 0;
	return 1;
}

/* Make room for n more bytes. */
static int
ed_room(struct tui_editor *e, size_t n)
{
	size_t	 want = e->len + n + 1, ncap;
	char	*p;

	if (want <= e->cap)
		return 0;
	ncap = e->cap < 64 ? 64 : e->cap;
	while (ncap < want)
		ncap *= 2;
	if ((p = core_malloc(ncap)) == NULL)
		return -1;
	if (e->s != NULL) {
		memcpy(p, e->s, e->len + 1);
		memset(e->s, 0, e->cap);
		core_free(e->s);
	} else
		p[0] = '\0';
	e->s = p;
	e->cap = ncap;
	return 0;
}

/* Record the text as it is now as one undo step. */
static void
ed_snapshot(struct tui_editor *e)
{
	struct tui_undo	*u;
	char		*copy;

	copy = core_malloc(e->len + 1);
	if (copy == NULL)
		return;
	memcpy(copy, e->s != NULL ? e->s : "", e->len);
	copy[e->len] = '\0';
	if (e->nundo == TUI_EDITOR_UNDO)
		ed_undo_drop_oldest(e);
	while (e->nundo > 0 && e->undo_bytes + e->len > TUI_EDITOR_UNDO_BYTES)
		ed_undo_drop_oldest(e);
	u = &e->undo[e->nundo++];
	u->text = copy;
	u->len = e->len;
	u->cur = e->cur;
	e->undo_bytes += e->len;
}

/* Count code points. */
static size_t
ed_count(const char *s, size_t len)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/* Replace the text without an undo step; refused characters are dropped. */
int
tui_ed_set(struct tui_editor *e, const char *s)
{
	size_t		 i = 0, n = strlen(s), k, used;
	uint32_t	 cp;
	int		 rc = TUI_ED_OK;

	e->len = e->cur = e->nchars = 0;
	if (ed_room(e, 0) != 0)
		return TUI_ED_NOMEM;
	e->s[0] = '\0';
	while (i < n) {
		k = used = core_utf8_decode(s + i, n - i, &cp);
		if (tui_ed_takes(e, cp)) {
			if ((e->max_chars > 0 && e->nchars >= e->max_chars) ||
			    e->len + k > e->max_bytes) {
				rc = TUI_ED_FULL;
				break;
			}
			if (ed_room(e, 4) != 0)
				return TUI_ED_NOMEM;
			if (cp == 0xfffd)
				k = 3;
			memcpy(e->s + e->len, cp == 0xfffd ? "\xef\xbf\xbd" : s + i, k);
			e->len += k;
			e->s[e->len] = '\0';
			e->nchars++;
		}
		i += used;
	}
	e->cur = e->len;
	return rc;
}

/* Insert one character at the cursor. */
int
tui_ed_insert(struct tui_editor *e, uint32_t cp)
{
	char	 enc[4];
	size_t	 n;
	int	 word;

	if (!tui_ed_takes(e, cp))
		return TUI_ED_REFUSED;
	if (cp < 0x80) {
		enc[0] = (char)cp;
		n = 1;
	} else
		n = (size_t)utf8proc_encode_char((utf8proc_int32_t)cp,
		    (utf8proc_uint8_t *)enc);
	if ((e->max_chars > 0 && e->nchars >= e->max_chars) ||
	    e->len + n > e->max_bytes)
		return TUI_ED_FULL;
	if (ed_room(e, n) != 0)
		return TUI_ED_NOMEM;
	word = cp != ' ' && cp != '\n';
	if (!(word && e->grouping))
		ed_snapshot(e);
	e->grouping = word;
	memmove(e->s + e->cur + n, e->s + e->cur, e->len - e->cur + 1);
	memcpy(e->s + e->cur, enc, n);
	e->len += n;
	e->cur += n;
	e->nchars++;
	return TUI_ED_OK;
}

/* Offset of the character before off. */
static size_t
ed_prev(const struct tui_editor *e, size_t off)
{
	if (off == 0)
		return 0;
	off--;
	while (off > 0 && ((unsigned char)e->s[off] & 0xc0) == 0x80)
		off--;
	return off;
}

/* The end of the grapheme cluster (UAX #29, as utf8proc tells) that
 * starts at off. */
static size_t
ed_gnext(const struct tui_editor *e, size_t off)
{
	utf8proc_int32_t	state = 0;
	uint32_t		cp, next;
	size_t			n;

	if (off >= e->len)
		return e->len;
	off += core_utf8_decode(e->s + off, e->len - off, &cp);
	while (off < e->len) {
		n = core_utf8_decode(e->s + off, e->len - off, &next);
		if (utf8proc_grapheme_break_stateful((utf8proc_int32_t)cp,
		    (utf8proc_int32_t)next, &state))
			break;
		off += n;
		cp = next;
	}
	return off;
}

/* The start of the grapheme cluster that ends at off: clusters are walked
 * from the start of the line, since a line break always ends one. */
static size_t
ed_gprev(const struct tui_editor *e, size_t off)
{
	size_t	from, at, next;

	if (off == 0)
		return 0;
	from = ed_prev(e, off);
	while (from > 0 && e->s[from - 1] != '\n')
		from--;
	at = from;
	while ((next = ed_gnext(e, at)) < off)
		at = next;
	return at;
}

/* Remove s[from, to). */
static void
ed_cut(struct tui_editor *e, size_t from, size_t to)
{
	e->nchars -= ed_count(e->s + from, to - from);
	memmove(e->s + from, e->s + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
}

/* Remove the grapheme cluster before the cursor. */
int
tui_ed_backspace(struct tui_editor *e)
{
	size_t	from;

	if (e->cur == 0)
		return TUI_ED_NONE;
	from = ed_gprev(e, e->cur);
	ed_snapshot(e);
	e->grouping = 0;
	ed_cut(e, from, e->cur);
	return TUI_ED_OK;
}

/* Remove the grapheme cluster under the cursor. */
int
tui_ed_delete(struct tui_editor *e)
{
	size_t	to;

	if (e->cur >= e->len)
		return TUI_ED_NONE;
	to = ed_gnext(e, e->cur);
	ed_snapshot(e);
	e->grouping = 0;
	ed_cut(e, e->cur, to);
	return TUI_ED_OK;
}

/* Take back the last step. */
int
tui_ed_undo(struct tui_editor *e)
{
	struct tui_undo	*u;

	if (e->nundo == 0)
		return TUI_ED_NONE;
	u = &e->undo[e->nundo - 1];
	if (ed_room(e, u->len > e->len ? u->len - e->len : 0) != 0)
		return TUI_ED_NOMEM;
	memcpy(e->s, u->text, u->len + 1);
	e->len = u->len;
	e->cur = u->cur <= e->len ? u->cur : e->len;
	e->nchars = ed_count(e->s, e->len);
	e->undo_bytes -= u->len;
	core_free(u->text);
	e->nundo--;
	e->grouping = 0;
	return TUI_ED_OK;
}

/* One grapheme cluster left. */
void
tui_ed_left(struct tui_editor *e)
{
	e->cur = ed_gprev(e, e->cur);
	e->grouping = 0;
}

/* One grapheme cluster right. */
void
tui_ed_right(struct tui_editor *e)
{
	e->cur = ed_gnext(e, e->cur);
	e->grouping = 0;
}

/* Start of the (hard) line. */
void
tui_ed_home(struct tui_editor *e)
{
	while (e->cur > 0 && e->s[e->cur - 1] != '\n')
		e->cur--;
	e->grouping = 0;
}

/* End of the (hard) line. */
void
tui_ed_end(struct tui_editor *e)
{
	while (e->cur < e->len && e->s[e->cur] != '\n')
		e->cur++;
	e->grouping = 0;
}

/* Lay the text out in lines of width columns. */
int
tui_ed_layout(const struct tui_editor *e, size_t width, struct tui_ed_layout *l)
{
	struct core_text_lines	 w;
	size_t			 i;
	int			 rc = -1;

	memset(l, 0, sizeof *l);
	memset(&w, 0, sizeof w);
	if (core_text_wrap(e->s != NULL ? e->s : "", e->len, width ? width : 1, 0,
	    &w) != CORE_OK)
		goto out;
	l->off = core_calloc(w.n, sizeof *l->off);
	l->len = core_calloc(w.n, sizeof *l->len);
	if (l->off == NULL || l->len == NULL)
		goto out;
	l->n = w.n;
	for (i = 0; i < w.n; i++) {
		l->off[i] = w.v[i].off;
		l->len[i] = w.v[i].len;
		if (l->off[i] <= e->cur)
			l->cur_line = i;
	}
	/* A cursor right after a LF sits on the next line; one at the end of
	 * a soft-wrapped line stays at that line's end. */
	i = l->cur_line;
	if (e->cur > l->off[i] + l->len[i])
		l->cur_col = core_text_width(e->s + l->off[i], l->len[i]);
	else
		l->cur_col = core_text_width(e->s + l->off[i], e->cur - l->off[i]);
	rc = 0;
out:
	core_text_lines_free(&w);
	if (rc != 0)
		tui_ed_layout_free(l);
	return rc;
}

/* Release a layout. */
void
tui_ed_layout_free(struct tui_ed_layout *l)
{
	core_free(l->off);
	core_free(l->len);
	memset(l, 0, sizeof *l);
}

/* A line up or down, at the same column when the line is long enough. */
void
tui_ed_vertical(struct tui_editor *e, const struct tui_ed_layout *l, int dir)
{
	size_t	j, fit;

	if (l->n == 0 || (dir < 0 && l->cur_line == 0) ||
	    (dir > 0 && l->cur_line + 1 >= l->n))
		return;
	j = dir < 0 ? l->cur_line - 1 : l->cur_line + 1;
	fit = core_text_fit(e->s + l->off[j], l->len[j], l->cur_col, NULL);
	e->cur = l->off[j] + fit;
	e->grouping = 0;
}
