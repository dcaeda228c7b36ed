/*
 * json.c: strict JSON (RFC 8259 with the I-JSON rules of RFC 7493), read
 * into jansson values.
 *
 * The reader is our own single pass over the bytes rather than json_loadb():
 * it knows the byte offset of every refusal (duplicate names included), it
 * enforces depth, string and number limits before anything is built, and it
 * allocates only through core/alloc.h paths (its own buffers, and jansson's
 * allocator when core_alloc_hook_libraries() was called), so every
 * allocation failure ends in CORE_E_NOMEM with nothing leaked.  The values
 * are built with jansson's own constructors.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"

/* 2^53 - 1, the largest integer that every I-JSON reader holds exactly. */
#define JR_SAFE_INT		9007199254740991LL
#define JR_SAFE_INT_DIGITS	16
/* Number literals up to this length are converted without allocating. */
#define JR_NUM_INLINE		128
/* Bytes of untrusted text quoted in an error detail. */
#define JR_QUOTE_MAX		48

/* One open array or object; an object's pending member name lives in the
 * parser's key stack at [koff, koff + klen). */
struct jr_frame {
	json_t	*c;
	size_t	 koff;
	size_t	 klen;
};

struct jr_parser {
	const unsigned char	*p;
	size_t			 len;
	size_t			 pos;
	struct core_json_limits	 lim;
	struct core_buf		 sbuf;		/* the string being decoded */
	struct core_buf		 keys;		/* pending member names, LIFO */
	struct jr_frame	*stack;
	size_t			 depth;
	size_t			 cap;
	struct core_err		*err;
};

size_t
core_json_utf8_len(const unsigned char *s, size_t n)
{
	unsigned char	lo = 0x80, hi = 0xbf;
	size_t		need, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 3;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 4;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < need || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < need; i++) {
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	}
	return need;
}

/* Encode the scalar value cp (not a surrogate, at most U+10FFFF) as UTF-8. */
static size_t
jr_utf8_encode(unsigned cp, unsigned char *out)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xe0 | (cp >> 12));
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (unsigned char)(0xf0 | (cp >> 18));
	out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Fill lim with the default limits. */
void
core_json_limits_default(struct core_json_limits *lim)
{
	lim->max_doc = CORE_JSON_MAX_DOC;
	lim->max_string = CORE_JSON_MAX_STRING;
	lim->max_depth = CORE_JSON_MAX_DEPTH;
}

/* Quote up to JR_QUOTE_MAX bytes of untrusted text into dst as printable
 * ASCII: other bytes become \xNN, so that a detail is safe on any terminal. */
static void
jr_quote(char *dst, size_t dstsz, const unsigned char *s, size_t n)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 i, o = 0;

	for (i = 0; i < n && i < JR_QUOTE_MAX && o + 5 < dstsz; i++) {
		if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '\\') {
			dst[o++] = (char)s[i];
		} else {
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[s[i] >> 4];
			dst[o++] = hex[s[i] & 0xf];
		}
	}
	if (i < n && o + 4 < dstsz) {
		dst[o++] = '.';
		dst[o++] = '.';
		dst[o++] = '.';
	}
	dst[o] = '\0';
}

static void
jr_skip_ws(struct jr_parser *ps)
{
	while (ps->pos < ps->len) {
		switch (ps->p[ps->pos]) {
		case ' ':
		case '\t':
		case '\n':
		case '\r':
			ps->pos++;
			break;
		default:
			return;
		}
	}
}

/* A syntax error at the current position, naming what was found. */
static enum core_code
jr_unexpected(struct jr_parser *ps, const char *wanted)
{
	if (ps->pos >= ps->len)
		return core_err_set(ps->err, CORE_E_JSON_SYNTAX, ps->pos,
		    "the document ends where %s was expected", wanted);
	if (ps->p[ps->pos] >= 0x20 && ps->p[ps->pos] < 0x7f)
		return core_err_set(ps->err, CORE_E_JSON_SYNTAX, ps->pos,
		    "'%c' found where %s was expected", ps->p[ps->pos], wanted);
	return core_err_set(ps->err, CORE_E_JSON_SYNTAX, ps->pos,
	    "byte 0x%02x found where %s was expected", ps->p[ps->pos], wanted);
}

static int
jr_hex4(const unsigned char *s, unsigned *out)
{
	unsigned	v = 0;
	int		i;

	for (i = 0; i < 4; i++) {
		v <<= 4;
		if (s[i] >= '0' && s[i] <= '9')
			v |= (unsigned)(s[i] - '0');
		else if (s[i] >= 'a' && s[i] <= 'f')
			v |= (unsigned)(s[i] - 'a' + 10);
		else if (s[i] >= 'A' && s[i] <= 'F')
			v |= (unsigned)(s[i] - 'A' + 10);
		else
			return 0;
	}
	*out = v;
	return 1;
}

/* Append to the decoded string, turning the ceiling into a string error. */
static enum core_code
jr_sadd(struct jr_parser *ps, const void *s, size_t n, size_t start)
{
	enum core_code	rc;

	rc = core_buf_add(&ps->sbuf, s, n);
	if (rc == CORE_E_TOO_LARGE)
		return core_err_set(ps->err, CORE_E_JSON_STRING, start,
		    "a string longer than %zu bytes", ps->lim.max_string);
	if (rc != CORE_OK)
		return core_err_set(ps->err, rc, start, "decoding a string");
	return CORE_OK;
}

/* Decode the escape at ps->pos (the backslash) into the string. */
static enum core_code
jr_escape(struct jr_parser *ps, size_t start)
{
	const unsigned char	*p = ps->p;
	unsigned char		 enc[4];
	unsigned		 cp, lo;
	size_t			 at = ps->pos, n;
	char			 c;

	if (at + 1 >= ps->len)
		return core_err_set(ps->err, CORE_E_JSON_SYNTAX, ps->len,
		    "the document ends inside the string that starts at byte %zu",
		    start);
	switch (p[at + 1]) {
	case '"': c = '"'; break;
	case '\\': c = '\\'; break;
	case '/': c = '/'; break;
	case 'b': c = '\b'; break;
	case 'f': c = '\f'; break;
	case 'n': c = '\n'; break;
	case 'r': c = '\r'; break;
	case 't': c = '\t'; break;
	case 'u':
		if (at + 6 > ps->len || !jr_hex4(p + at + 2, &cp))
			return core_err_set(ps->err, CORE_E_JSON_SYNTAX, at,
			    "\\u not followed by four hexadecimal digits");
		if (cp == 0)
			return core_err_set(ps->err, CORE_E_JSON_SYNTAX, at,
			    "\\u0000 (NUL) is refused in strings");
		if (cp >= 0xdc00 && cp <= 0xdfff)
			return core_err_set(ps->err, CORE_E_JSON_SURROGATE, at,
			    "lone low surrogate \\u%04x", cp);
		ps->pos = at + 6;
		if (cp >= 0xd800 && cp <= 0xdbff) {
			if (at + 12 > ps->len || p[at + 6] != '\\' ||
			    p[at + 7] != 'u' || !jr_hex4(p + at + 8, &lo) ||
			    lo < 0xdc00 || lo > 0xdfff)
				return core_err_set(ps->err,
				    CORE_E_JSON_SURROGATE, at,
				    "lone high surrogate \\u%04x", cp);
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			ps->pos = at + 12;
		}
		n = jr_utf8_encode(cp, enc);
		return jr_sadd(ps, enc, n, start);
	default:
		return core_err_set(ps->err, CORE_E_JSON_SYNTAX, at,
		    "unknown escape \\%c", p[at + 1] >= 0x20 && p[at + 1] < 0x7f ?
		    p[at + 1] : '?');
	}
	ps->pos = at + 2;
	return jr_sadd(ps, &c, 1, start);
}

/* Decode the string whose opening quote is at ps->pos into ps->sbuf. */
static enum core_code
jr_string(struct jr_parser *ps)
{
	const unsigned char	*p = ps->p;
	enum core_code		 rc = CORE_OK;
	size_t			 start = ps->pos, run, n;

	core_buf_reset(&ps->sbuf);
	ps->pos++;
	for (;;) {
		run = ps->pos;
		while (ps->pos < ps->len && p[ps->pos] >= 0x20 &&
		    p[ps->pos] < 0x80 && p[ps->pos] != '"' && p[ps->pos] != '\\')
			ps->pos++;
		while (ps->pos < ps->len && p[ps->pos] >= 0x80) {
			n = core_json_utf8_len(p + ps->pos, ps->len - ps->pos);
			if (n == 0) {
				rc = core_err_set(ps->err, CORE_E_JSON_UTF8, ps->pos,
				    "invalid UTF-8 sequence starting with byte 0x%02x",
				    p[ps->pos]);
				goto out;
			}
			ps->pos += n;
			while (ps->pos < ps->len && p[ps->pos] >= 0x20 &&
			    p[ps->pos] < 0x80 && p[ps->pos] != '"' &&
			    p[ps->pos] != '\\')
				ps->pos++;
		}
		if (ps->pos > run &&
		    (rc = jr_sadd(ps, p + run, ps->pos - run, start)) != CORE_OK)
			goto out;
		if (ps->pos >= ps->len) {
			rc = core_err_set(ps->err, CORE_E_JSON_SYNTAX, ps->len,
			    "the document ends inside the string that starts at byte %zu",
			    start);
			goto out;
		}
		if (p[ps->pos] == '"') {
			ps->pos++;
			break;
		}
		if (p[ps->pos] == '\\') {
			if ((rc = jr_escape(ps, start)) != CORE_OK)
				goto out;
			continue;
		}
		if (p[ps->pos] < 0x20) {
			rc = core_err_set(ps->err, CORE_E_JSON_SYNTAX, ps->pos,
			    "control character 0x%02x in a string (it must be escaped)",
			    p[ps->pos]);
			goto out;
		}
	}
out:
	return rc;
}

/* Convert a real literal with strtod in the current locale's notation. */
static enum core_code
jr_real(struct jr_parser *ps, size_t start, size_t end, json_t **out)
{
	char		 inl[JR_NUM_INLINE], *s = inl, qt[JR_QUOTE_MAX * 4 + 8];
	const char	*point;
	enum core_code	 rc = CORE_OK;
	size_t		 plen, need, i, o;
	double		 d;

	point = localeconv()->decimal_point;
	if (point == NULL || *point == '\0')
		point = ".";
	plen = strlen(point);
	need = (end - start) + plen + 1;
	if (need > sizeof inl && (s = core_malloc(need)) == NULL) {
		rc = core_err_set(ps->err, CORE_E_NOMEM, start, "reading a number");
		goto out;
	}
	for (i = start, o = 0; i < end; i++) {
		if (ps->p[i] == '.') {
			memcpy(s + o, point, plen);
			o += plen;
		} else
			s[o++] = (char)ps->p[i];
	}
	s[o] = '\0';
	d = strtod(s, NULL);
	if (!isfinite(d)) {
		jr_quote(qt, sizeof qt, ps->p + start, end - start);
		rc = core_err_set(ps->err, CORE_E_JSON_NUMBER, start,
		    "number %s is too large for a double", qt);
		goto out;
	}
	if ((*out = json_real(d)) == NULL)
		rc = core_err_set(ps->err, CORE_E_NOMEM, start, "building a number");
out:
	if (s != inl)
		core_free(s);
	return rc;
}

/* Read the number at ps->pos into *out. */
static enum core_code
jr_number(struct jr_parser *ps, json_t **out)
{
	const unsigned char	*p = ps->p;
	char			 qt[JR_QUOTE_MAX * 4 + 8];
	enum core_code		 rc = CORE_OK;
	size_t			 start = ps->pos, digits;
	long long		 v = 0;
	int			 neg = 0, real = 0;

	if (p[ps->pos] == '-') {
		neg = 1;
		ps->pos++;
	}
	digits = ps->pos;
	if (ps->pos < ps->len && p[ps->pos] == '0')
		ps->pos++;
	else if (ps->pos < ps->len && p[ps->pos] >= '1' && p[ps->pos] <= '9') {
		while (ps->pos < ps->len && p[ps->pos] >= '0' && p[ps->pos] <= '9')
			ps->pos++;
	} else {
		rc = jr_unexpected(ps, "a digit");
		goto out;
	}
	digits = ps->pos - digits;
	if (ps->pos < ps->len && p[ps->pos] == '.') {
		real = 1;
		ps->pos++;
		if (ps->pos >= ps->len || p[ps->pos] < '0' || p[ps->pos] > '9') {
			rc = jr_unexpected(ps, "a digit after the decimal point");
			goto out;
		}
		while (ps->pos < ps->len && p[ps->pos] >= '0' && p[ps->pos] <= '9')
			ps->pos++;
	}
	if (ps->pos < ps->len && (p[ps->pos] == 'e' || p[ps->pos] == 'E')) {
		real = 1;
		ps->pos++;
		if (ps->pos < ps->len && (p[ps->pos] == '+' || p[ps->pos] == '-'))
			ps->pos++;
		if (ps->pos >= ps->len || p[ps->pos] < '0' || p[ps->pos] > '9') {
			rc = jr_unexpected(ps, "a digit in the exponent");
			goto out;
		}
		while (ps->pos < ps->len && p[ps->pos] >= '0' && p[ps->pos] <= '9')
			ps->pos++;
	}
	if (real) {
		rc = jr_real(ps, start, ps->pos, out);
		goto out;
	}
	if (digits <= JR_SAFE_INT_DIGITS) {
		size_t	i;

		for (i = ps->pos - digits; i < ps->pos; i++)
			v = v * 10 + (p[i] - '0');
	}
	if (digits > JR_SAFE_INT_DIGITS || v > JR_SAFE_INT) {
		jr_quote(qt, sizeof qt, p + start, ps->pos - start);
		rc = core_err_set(ps->err, CORE_E_JSON_NUMBER, start,
		    "integer %s is outside the I-JSON range of +-(2^53 - 1)", qt);
		goto out;
	}
	if ((*out = json_integer(neg ? -v : v)) == NULL)
		rc = core_err_set(ps->err, CORE_E_NOMEM, start, "building a number");
out:
	return rc;
}

/* Read true, false or null at ps->pos. */
static enum core_code
jr_literal(struct jr_parser *ps, json_t **out)
{
	static const struct {
		const char	*word;
		size_t		 len;
	} words[] = { { "true", 4 }, { "false", 5 }, { "null", 4 } };
	size_t	i;

	for (i = 0; i < 3; i++) {
		if (ps->len - ps->pos >= words[i].len &&
		    memcmp(ps->p + ps->pos, words[i].word, words[i].len) == 0) {
			ps->pos += words[i].len;
			*out = i == 0 ? json_true() : i == 1 ? json_false() :
			    json_null();
			return CORE_OK;
		}
	}
	return jr_unexpected(ps, "a value");
}

/* Open an array or object at ps->pos. */
static enum core_code
jr_push(struct jr_parser *ps, int object)
{
	struct jr_frame	*ns;
	enum core_code		 rc = CORE_OK;
	size_t			 ncap;
	json_t			*c;

	if (ps->depth >= ps->lim.max_depth) {
		rc = core_err_set(ps->err, CORE_E_JSON_DEPTH, ps->pos,
		    "arrays and objects nested deeper than %u", ps->lim.max_depth);
		goto out;
	}
	if (ps->depth == ps->cap) {
		ncap = ps->cap == 0 ? 16 : ps->cap * 2;
		ns = core_realloc(ps->stack, ncap * sizeof *ns);
		if (ns == NULL) {
			rc = core_err_set(ps->err, CORE_E_NOMEM, ps->pos,
			    "nesting an array or object");
			goto out;
		}
		ps->stack = ns;
		ps->cap = ncap;
	}
	c = object ? json_object() : json_array();
	if (c == NULL) {
		rc = core_err_set(ps->err, CORE_E_NOMEM, ps->pos,
		    "building an array or object");
		goto out;
	}
	ps->stack[ps->depth].c = c;
	ps->stack[ps->depth].koff = ps->keys.len;
	ps->stack[ps->depth].klen = 0;
	ps->depth++;
	ps->pos++;
out:
	return rc;
}

/* Read a member name and its colon into the key stack of the open object. */
static enum core_code
jr_key(struct jr_parser *ps)
{
	struct jr_frame	*f = &ps->stack[ps->depth - 1];
	char			 qt[JR_QUOTE_MAX * 4 + 8];
	enum core_code		 rc;
	size_t			 at;

	jr_skip_ws(ps);
	if (ps->pos >= ps->len || ps->p[ps->pos] != '"') {
		rc = jr_unexpected(ps, "a member name in double quotes");
		goto out;
	}
	at = ps->pos;
	if ((rc = jr_string(ps)) != CORE_OK)
		goto out;
	if (json_object_getn(f->c, core_buf_str(&ps->sbuf), ps->sbuf.len) != NULL) {
		jr_quote(qt, sizeof qt, ps->sbuf.data, ps->sbuf.len);
		rc = core_err_set(ps->err, CORE_E_JSON_DUPLICATE, at,
		    "member name \"%s\" repeated", qt);
		goto out;
	}
	ps->keys.len = f->koff;
	if ((rc = core_buf_add(&ps->keys, core_buf_str(&ps->sbuf),
	    ps->sbuf.len)) != CORE_OK) {
		rc = core_err_set(ps->err, CORE_E_NOMEM, at, "keeping a member name");
		goto out;
	}
	f->klen = ps->sbuf.len;
	jr_skip_ws(ps);
	if (ps->pos >= ps->len || ps->p[ps->pos] != ':') {
		rc = jr_unexpected(ps, "':' after a member name");
		goto out;
	}
	ps->pos++;
out:
	return rc;
}

/* Add v (a new reference, always consumed) to the innermost open container. */
static enum core_code
jr_attach(struct jr_parser *ps, json_t *v, size_t at)
{
	struct jr_frame	*f = &ps->stack[ps->depth - 1];
	int			 bad;

	if (json_is_array(f->c))
		bad = json_array_append_new(f->c, v);
	else
		bad = json_object_setn_new_nocheck(f->c,
		    (const char *)ps->keys.data + f->koff, f->klen, v);
	if (bad)
		return core_err_set(ps->err, CORE_E_NOMEM, at, "adding a value");
	return CORE_OK;
}

/* The whole document: values, with open containers on the parser's stack. */
static enum core_code
jr_document(struct jr_parser *ps, json_t **out)
{
	enum core_code	 rc = CORE_OK;
	json_t		*v;
	size_t		 at;
	unsigned char	 c;

	jr_skip_ws(ps);
	if (ps->pos >= ps->len) {
		rc = core_err_set(ps->err, CORE_E_JSON_SYNTAX, ps->pos,
		    "the document is empty");
		goto out;
	}
	for (;;) {
		/* A value starts here. */
		jr_skip_ws(ps);
		at = ps->pos;
		v = NULL;
		c = ps->pos < ps->len ? ps->p[ps->pos] : 0;
		if (c == '{' || c == '[') {
			if ((rc = jr_push(ps, c == '{')) != CORE_OK)
				goto out;
			jr_skip_ws(ps);
			if (ps->pos < ps->len && ps->p[ps->pos] == (c == '{' ? '}' : ']')) {
				ps->pos++;
				ps->depth--;
				v = ps->stack[ps->depth].c;
			} else if (c == '{') {
				if ((rc = jr_key(ps)) != CORE_OK)
					goto out;
				continue;
			} else
				continue;
		} else if (c == '"') {
			if ((rc = jr_string(ps)) != CORE_OK)
				goto out;
			v = json_stringn_nocheck(core_buf_str(&ps->sbuf), ps->sbuf.len);
			if (v == NULL) {
				rc = core_err_set(ps->err, CORE_E_NOMEM, at,
				    "building a string");
				goto out;
			}
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			if ((rc = jr_number(ps, &v)) != CORE_OK)
				goto out;
		} else if ((rc = jr_literal(ps, &v)) != CORE_OK)
			goto out;

		/* Attach the value; close what it completes. */
		for (;;) {
			if (ps->depth == 0) {
				*out = v;
				jr_skip_ws(ps);
				if (ps->pos < ps->len) {
					json_decref(*out);
					*out = NULL;
					rc = core_err_set(ps->err, CORE_E_JSON_SYNTAX,
					    ps->pos, "data after the end of the document");
				}
				goto out;
			}
			if ((rc = jr_attach(ps, v, at)) != CORE_OK)
				goto out;
			jr_skip_ws(ps);
			c = ps->pos < ps->len ? ps->p[ps->pos] : 0;
			if (c == ',') {
				ps->pos++;
				if (json_is_object(ps->stack[ps->depth - 1].c) &&
				    (rc = jr_key(ps)) != CORE_OK)
					goto out;
				break;
			}
			if (c != (json_is_object(ps->stack[ps->depth - 1].c) ? '}' : ']')) {
				rc = jr_unexpected(ps,
				    json_is_object(ps->stack[ps->depth - 1].c) ?
				    "',' or '}'" : "',' or ']'");
				goto out;
			}
			ps->pos++;
			ps->depth--;
			ps->keys.len = ps->stack[ps->depth].koff;
			v = ps->stack[ps->depth].c;
			at = ps->pos - 1;
		}
	}
out:
	return rc;
}

enum core_code
core_json_parse(const void *buf, size_t len, const struct core_json_limits *lim,
    json_t **out, struct core_err *err)
{
	struct jr_parser	ps;
	enum core_code		rc = CORE_OK;

	memset(&ps, 0, sizeof ps);
	ps.p = buf;
	ps.len = len;
	ps.err = err;
	if (lim != NULL)
		ps.lim = *lim;
	else
		core_json_limits_default(&ps.lim);
	core_buf_init(&ps.sbuf, ps.lim.max_string);
	core_buf_init(&ps.keys, len);
	if (out == NULL || (buf == NULL && len > 0)) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "no buffer or no place for the result");
		goto out;
	}
	*out = NULL;
	if (len > ps.lim.max_doc) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, ps.lim.max_doc,
		    "a document of %zu bytes, over the limit of %zu", len,
		    ps.lim.max_doc);
		goto out;
	}
	rc = jr_document(&ps, out);
out:
	while (ps.depth > 0)
		json_decref(ps.stack[--ps.depth].c);
	core_free(ps.stack);
	core_buf_free(&ps.sbuf);
	core_buf_free(&ps.keys);
	if (rc == CORE_OK)
		core_err_clear(err);
	return rc;
}
