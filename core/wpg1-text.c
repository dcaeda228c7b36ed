/*
 * wpg1-text.c: steps 1 to 3 of WPG-1 detection, streaming: UTF-8 decoding
 * with U+FFFD, NFKC + full case folding + NFKC, deletion of Cf and variation
 * selectors, and the split into words.
 *
 * Normalisation works on short segments.  A segment ends just before a code
 * point that is a starter (canonical combining class 0), not a mark and not
 * a Hangul jamo: whatever precedes such a code point can neither compose
 * with it nor be reordered across it, before or after case folding, so each
 * segment normalises exactly as it would in the whole text.  ASCII text is
 * one code point per segment and takes a short path.
 */
#include "config.h"

#include <string.h>

#include <utf8proc.h>

#include "core/alloc.h"
#include "core/wpg1.h"
#include "core/wpg1-int.h"

#define TOK_FFFD	0xFFFD
#define TOK_NF_SLACK	64	/* room kept free before each decomposition */

/* An empty tokenizer that passes words to emit. */
enum core_code
core_wpg1_tok_init(struct core_wpg1_tok *t, core_wpg1_word_fn emit, void *arg)
{
	memset(t, 0, sizeof *t);
	t->emit = emit;
	t->arg = arg;
	t->u_lo = 0x80;
	t->u_hi = 0xBF;
	t->seg_ascii = 1;
	t->seg_cap = 16;
	t->seg = core_malloc(t->seg_cap * sizeof *t->seg);
	t->word_cap = 64;
	t->word = core_malloc(t->word_cap);
	if (t->seg == NULL || t->word == NULL) {
		core_wpg1_tok_free(t);
		return CORE_E_NOMEM;
	}
	return CORE_OK;
}

/* Free a tokenizer's buffers. */
void
core_wpg1_tok_free(struct core_wpg1_tok *t)
{
	core_free(t->seg);
	core_free(t->nf[0]);
	core_free(t->nf[1]);
	core_free(t->word);
	memset(t, 0, sizeof *t);
}

/* Grow a code-point array to hold at least need entries. */
static enum core_code
tok_grow32(int32_t **a, size_t *cap, size_t need)
{
	int32_t	*p;
	size_t	 n;

	if (need <= *cap)
		return CORE_OK;
	n = *cap < 64 ? 64 : *cap;
	while (n < need)
		n *= 2;
	p = core_realloc(*a, n * sizeof *p);
	if (p == NULL)
		return CORE_E_NOMEM;
	*a = p;
	*cap = n;
	return CORE_OK;
}

/* Grow the word buffer to hold need bytes, within CORE_WPG1_MAX_WORD. */
static enum core_code
tok_grow_word(struct core_wpg1_tok *t, size_t need, struct core_err *err)
{
	unsigned char	*p;
	size_t		 n;

	if (need <= t->word_cap)
		return CORE_OK;
	if (need > CORE_WPG1_MAX_WORD)
		return core_err_set(err, CORE_E_TOO_LARGE, (size_t)t->pos,
		    "a word longer than %u bytes", CORE_WPG1_MAX_WORD);
	n = t->word_cap;
	while (n < need)
		n *= 2;
	if (n > CORE_WPG1_MAX_WORD)
		n = CORE_WPG1_MAX_WORD;
	p = core_realloc(t->word, n);
	if (p == NULL)
		return CORE_E_NOMEM;
	t->word = p;
	t->word_cap = n;
	return CORE_OK;
}

/* Copy the reading state of src into dst. */
enum core_code
core_wpg1_tok_copy(struct core_wpg1_tok *dst, const struct core_wpg1_tok *src)
{
	enum core_code	rc;

	if ((rc = tok_grow32(&dst->seg, &dst->seg_cap, src->seg_len)) != CORE_OK)
		goto out;
	if ((rc = tok_grow_word(dst, src->word_len, NULL)) != CORE_OK)
		goto out;
	dst->u_cp = src->u_cp;
	dst->u_need = src->u_need;
	dst->u_lo = src->u_lo;
	dst->u_hi = src->u_hi;
	if (src->seg_len > 0)
		memcpy(dst->seg, src->seg, src->seg_len * sizeof *src->seg);
	dst->seg_len = src->seg_len;
	dst->seg_ascii = src->seg_ascii;
	if (src->word_len > 0)
		memcpy(dst->word, src->word, src->word_len);
	dst->word_len = src->word_len;
	dst->pos = src->pos;
out:
	return rc;
}

/* Pass the current word on, if there is one. */
static enum core_code
tok_end_word(struct core_wpg1_tok *t)
{
	enum core_code	rc = CORE_OK;

	if (t->word_len > 0) {
		rc = t->emit(t->arg, t->word, t->word_len);
		t->word_len = 0;
	}
	return rc;
}

/* Add a normalised code point to the current word, in UTF-8. */
static enum core_code
tok_word_add(struct core_wpg1_tok *t, uint32_t cp, struct core_err *err)
{
	unsigned char	*w;
	size_t		 n;
	enum core_code	 rc;

	n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	if ((rc = tok_grow_word(t, t->word_len + n, err)) != CORE_OK)
		return rc;
	w = t->word + t->word_len;
	if (cp < 0x80) {
		w[0] = (unsigned char)cp;
		t->word_len += 1;
	} else if (cp < 0x800) {
		w[0] = (unsigned char)(0xC0 | (cp >> 6));
		w[1] = (unsigned char)(0x80 | (cp & 0x3F));
		t->word_len += 2;
	} else if (cp < 0x10000) {
		w[0] = (unsigned char)(0xE0 | (cp >> 12));
		w[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		w[2] = (unsigned char)(0x80 | (cp & 0x3F));
		t->word_len += 3;
	} else {
		w[0] = (unsigned char)(0xF0 | (cp >> 18));
		w[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		w[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		w[3] = (unsigned char)(0x80 | (cp & 0x3F));
		t->word_len += 4;
	}
	return CORE_OK;
}

/* Is cp in the scripts written without spaces, where each code point is a
 * word by itself (step 3)?  Every code point in these ranges is, whatever
 * its category. */
static int
tok_is_single(uint32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) ||
	    (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0x20000 && cp <= 0x3134F) ||
	    (cp >= 0x0E00 && cp <= 0x0EFF) ||
	    (cp >= 0x1000 && cp <= 0x109F) ||
	    (cp >= 0x1780 && cp <= 0x17FF);
}

/* An ASCII code point of the source text (it normalises to itself, or to
 * its lower case). */
static enum core_code
tok_ascii(struct core_wpg1_tok *t, uint32_t c, struct core_err *err)
{
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
		if (t->word_len < t->word_cap) {
			t->word[t->word_len++] = (unsigned char)c;
			return CORE_OK;
		}
		return tok_word_add(t, c, err);
	}
	return tok_end_word(t);
}

/* A normalised code point: delete, separate, or add to a word. */
static enum core_code
tok_normalised(struct core_wpg1_tok *t, uint32_t cp, struct core_err *err)
{
	enum core_code	rc;

	if (cp < 0x80)
		return tok_ascii(t, cp, err);
	if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF))
		return CORE_OK;
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_CF:
		return CORE_OK;
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		if (!tok_is_single(cp))
			return tok_word_add(t, cp, err);
		break;
	default:
		if (!tok_is_single(cp))
			return tok_end_word(t);
		break;
	}
	if ((rc = tok_end_word(t)) != CORE_OK)
		return rc;
	if ((rc = tok_word_add(t, cp, err)) != CORE_OK)
		return rc;
	return tok_end_word(t);
}

/* Map n code points of in into nf[which] with utf8proc options opts; with
 * UTF8PROC_DECOMPOSE, put the marks in canonical order and compose. */
static enum core_code
tok_map(struct core_wpg1_tok *t, const int32_t *in, size_t n, int which,
    utf8proc_option_t opts, size_t *outlen)
{
	int32_t			*out;
	const utf8proc_property_t *p1, *p2;
	utf8proc_ssize_t	 r;
	size_t			 i, len = 0, room;
	int			 bc = 0;
	int32_t			 c;
	enum core_code		 rc = CORE_OK;

	for (i = 0; i < n; i++) {
		if ((rc = tok_grow32(&t->nf[which], &t->nf_cap[which],
		    len + TOK_NF_SLACK)) != CORE_OK)
			goto out;
		room = t->nf_cap[which] - len;
		r = utf8proc_decompose_char(in[i], t->nf[which] + len,
		    (utf8proc_ssize_t)room, opts, &bc);
		if (r < 0) {
			rc = CORE_E_INTERNAL;
			goto out;
		}
		if ((size_t)r > room) {
			if ((rc = tok_grow32(&t->nf[which], &t->nf_cap[which],
			    len + (size_t)r)) != CORE_OK)
				goto out;
			room = t->nf_cap[which] - len;
			r = utf8proc_decompose_char(in[i], t->nf[which] + len,
			    (utf8proc_ssize_t)room, opts, &bc);
			if (r < 0 || (size_t)r > room) {
				rc = CORE_E_INTERNAL;
				goto out;
			}
		}
		len += (size_t)r;
	}
	out = t->nf[which];
	if (opts & UTF8PROC_DECOMPOSE) {
		/* Canonical ordering: a stable sort of each run of non-starters
		 * by combining class. */
		i = 0;
		while (len > 0 && i < len - 1) {
			p1 = utf8proc_get_property(out[i]);
			p2 = utf8proc_get_property(out[i + 1]);
			if (p2->combining_class > 0 &&
			    p1->combining_class > p2->combining_class) {
				c = out[i];
				out[i] = out[i + 1];
				out[i + 1] = c;
				if (i > 0)
					i--;
			} else
				i++;
		}
		/* UTF8PROC_STABLE: composition exclusions stay apart. */
		r = utf8proc_normalize_utf32(out, (utf8proc_ssize_t)len,
		    UTF8PROC_COMPOSE | UTF8PROC_STABLE);
		if (r < 0) {
			rc = CORE_E_INTERNAL;
			goto out;
		}
		len = (size_t)r;
	}
out:
	*outlen = len;
	return rc;
}

/* Normalise the pending segment and pass its code points on. */
static enum core_code
tok_flush(struct core_wpg1_tok *t, struct core_err *err)
{
	const utf8proc_option_t nfk = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
	size_t			 i, n;
	enum core_code		 rc = CORE_OK;

	if (t->seg_ascii) {
		for (i = 0; i < t->seg_len && rc == CORE_OK; i++)
			rc = tok_ascii(t, (uint32_t)t->seg[i], err);
		goto out;
	}
	if ((rc = tok_map(t, t->seg, t->seg_len, 0, nfk, &n)) != CORE_OK)
		goto out;
	if ((rc = tok_map(t, t->nf[0], n, 1, UTF8PROC_CASEFOLD, &n)) != CORE_OK)
		goto out;
	if ((rc = tok_map(t, t->nf[1], n, 0, nfk, &n)) != CORE_OK)
		goto out;
	for (i = 0; i < n && rc == CORE_OK; i++)
		rc = tok_normalised(t, (uint32_t)t->nf[0][i], err);
out:
	t->seg_len = 0;
	t->seg_ascii = 1;
	return rc;
}

/* May a segment end just before cp?  Yes when cp is a starter that is not a
 * mark and not a Hangul jamo (conjoining, compatibility or halfwidth), nor a
 * halfwidth voiced sound mark: then, in any text, nothing before cp composes
 * with what cp normalises to, or is reordered past it. */
static int
tok_is_break(uint32_t cp)
{
	const utf8proc_property_t	*pr;

	if (cp < 0x300)
		return 1;
	if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
	    (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xD7B0 && cp <= 0xD7FF) ||
	    (cp >= 0xFF9E && cp <= 0xFFDF))
		return 0;
	pr = utf8proc_get_property((utf8proc_int32_t)cp);
	if (pr->combining_class != 0)
		return 0;
	return pr->category != UTF8PROC_CATEGORY_MN &&
	    pr->category != UTF8PROC_CATEGORY_MC &&
	    pr->category != UTF8PROC_CATEGORY_ME;
}

/* A decoded code point of the source text. */
static enum core_code
tok_cp(struct core_wpg1_tok *t, uint32_t cp, struct core_err *err)
{
	enum core_code	rc = CORE_OK;

	if (cp < 0x80 && t->seg_ascii) {
		/* The short path: the segment is one ASCII code point. */
		if (t->seg_len > 0)
			rc = tok_ascii(t, (uint32_t)t->seg[0], err);
		t->seg[0] = (int32_t)cp;
		t->seg_len = 1;
		return rc;
	}
	if (t->seg_len > 0 &&
	    (tok_is_break(cp) || t->seg_len >= CORE_WPG1_SEG_MAX)) {
		if ((rc = tok_flush(t, err)) != CORE_OK)
			return rc;
	}
	if (t->seg_len == t->seg_cap &&
	    (rc = tok_grow32(&t->seg, &t->seg_cap, t->seg_len + 1)) != CORE_OK)
		return rc;
	t->seg[t->seg_len++] = (int32_t)cp;
	if (cp >= 0x80)
		t->seg_ascii = 0;
	return CORE_OK;
}

/* ASCII as detection sees it: the lower-case letter or digit, or 0 for a
 * separator. */
static const unsigned char tok_ascii_class[128] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e',
	['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j',
	['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o',
	['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't',
	['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
	['Z'] = 'z',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e',
	['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j',
	['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n', ['o'] = 'o',
	['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
	['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y',
	['z'] = 'z'
};

/*
 * A run of ASCII bytes while the pending segment is one ASCII code point
 * (or none): each byte ends the segment before it, whose code point goes
 * straight to the word.  Returns how many bytes were taken.
 */
static size_t
tok_ascii_run(struct core_wpg1_tok *t, const unsigned char *p, size_t len,
    enum core_code *rc, struct core_err *err)
{
	uint64_t	start = t->pos;
	size_t		i;
	unsigned	c;

	for (i = 0; i < len && p[i] < 0x80; i++) {
		if (t->seg_len > 0) {
			c = tok_ascii_class[t->seg[0]];
			if (c != 0 && t->word_len < t->word_cap)
				t->word[t->word_len++] = (unsigned char)c;
			else {
				t->pos = start + i;
				if ((*rc = tok_ascii(t, (uint32_t)t->seg[0], err)) != CORE_OK)
					return i;
			}
		}
		t->seg[0] = p[i];
		t->seg_len = 1;
	}
	t->pos = start + i;
	return i;
}

/* Decode len bytes and pass on the words they complete. */
enum core_code
core_wpg1_tok_feed(struct core_wpg1_tok *t, const unsigned char *p, size_t len,
    struct core_err *err)
{
	size_t		i, n;
	unsigned	c;
	enum core_code	rc = CORE_OK;

	for (i = 0; i < len; i++, t->pos++) {
		if (t->u_need == 0 && t->seg_ascii && p[i] < 0x80) {
			n = tok_ascii_run(t, p + i, len - i, &rc, err);
			if (rc != CORE_OK)
				goto out;
			i += n;
			if (i == len)
				break;
		}
		c = p[i];
		if (t->u_need > 0) {
			if (c >= t->u_lo && c <= t->u_hi) {
				t->u_cp = (t->u_cp << 6) | (c & 0x3F);
				t->u_lo = 0x80;
				t->u_hi = 0xBF;
				if (--t->u_need == 0 &&
				    (rc = tok_cp(t, t->u_cp, err)) != CORE_OK)
					goto out;
				continue;
			}
			/* A maximal invalid subsequence ends before c. */
			t->u_need = 0;
			t->u_lo = 0x80;
			t->u_hi = 0xBF;
			if ((rc = tok_cp(t, TOK_FFFD, err)) != CORE_OK)
				goto out;
		}
		if (c < 0x80) {
			rc = tok_cp(t, c, err);
		} else if (c >= 0xC2 && c <= 0xDF) {
			t->u_cp = c & 0x1F;
			t->u_need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			t->u_cp = c & 0x0F;
			t->u_need = 2;
			if (c == 0xE0)
				t->u_lo = 0xA0;		/* no overlong forms */
			else if (c == 0xED)
				t->u_hi = 0x9F;		/* no surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			t->u_cp = c & 0x07;
			t->u_need = 3;
			if (c == 0xF0)
				t->u_lo = 0x90;
			else if (c == 0xF4)
				t->u_hi = 0x8F;		/* nothing past U+10FFFF */
		} else
			rc = tok_cp(t, TOK_FFFD, err);
		if (rc != CORE_OK)
			goto out;
	}
out:
	return rc;
}

/* End of text: pass on what is pending. */
enum core_code
core_wpg1_tok_end(struct core_wpg1_tok *t, struct core_err *err)
{
	enum core_code	rc = CORE_OK;

	if (t->u_need > 0) {
		t->u_need = 0;
		t->u_lo = 0x80;
		t->u_hi = 0xBF;
		if ((rc = tok_cp(t, TOK_FFFD, err)) != CORE_OK)
			goto out;
	}
	if (t->seg_len > 0 && (rc = tok_flush(t, err)) != CORE_OK)
		goto out;
	rc = tok_end_word(t);
out:
	t->seg_len = 0;
	t->seg_ascii = 1;
	t->word_len = 0;
	return rc;
}

/* Split a whole text into words. */
enum core_code
core_wpg1_words(const void *text, size_t len,
    enum core_code (*word)(void *arg, const unsigned char *w, size_t n),
    void *arg, struct core_err *err)
{
	struct core_wpg1_tok	t;
	enum core_code		rc;

	if ((rc = core_wpg1_tok_init(&t, word, arg)) != CORE_OK)
		return core_err_set(err, rc, CORE_NO_OFFSET, NULL);
	if ((rc = core_wpg1_tok_feed(&t, text, len, err)) != CORE_OK)
		goto out;
	rc = core_wpg1_tok_end(&t, err);
out:
	core_wpg1_tok_free(&t);
	return rc;
}
