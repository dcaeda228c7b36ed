/*
 * json.c: strict JSON (RFC 8259 with the I-JSON rules of RFC 7493).
 *
 * The reader is our own single pass over the bytes rather than json_loadb():
 * it knows the byte offset of every refusal (duplicate names included), it
 * enforces depth, string and number limits before anything is built, and it
 * allocates only through core/alloc.h (its own buffers, and jansson's
 * allocator when core_alloc_hook_libraries() was called), so every
 * allocation failure ends in CORE_E_NOMEM with nothing leaked.  It reports
 * what it reads to a sink (json-int.h); core_json_parse() is the sink that
 * builds jansson values.
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
#include "core/json-int.h"
#include "core/json.h"

/* 2^53 - 1, the largest integer that every I-JSON reader holds exactly. */
#define JR_SAFE_INT		9007199254740991LL
#define JR_SAFE_INT_DIGITS	16
/* Number literals up to this length are converted without allocating. */
#define JR_NUM_INLINE		128
/* Bytes of untrusted text quoted in an error detail. */
#define JR_QUOTE_MAX		48
/* A real whose decimal exponent may pass this is read to check its range. */
#define JR_EXP_SAFE		300

struct jr_parser {
	const unsigned char		*p;
	size_t				 len;
	size_t				 pos;
	struct core_json_limits		 lim;
	struct core_buf			 sbuf;	/* a string with escapes, decoded */
	unsigned char			*kinds;	/* 1 object, 0 array, per level */
	size_t				 depth;
	size_t				 cap;
	const struct core_json_sink	*sink;
	void				*ctx;
	struct core_err			*err;
};

/* Length of the well-formed UTF-8 sequence at s, or 0. */
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

/* Encode cp as UTF-8. */
size_t
core_json_utf8_encode(unsigned cp, unsigned char *out)
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
void
core_json_quote(char *dst, size_t dstsz, const char *str, size_t n)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*s = (const unsigned char *)str;
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

/* Step over whitespace. */
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

/* Read four hexadecimal digits; 0 when they are not. */
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
		n = core_json_utf8_encode(cp, enc);
		return jr_sadd(ps, enc, n, start);
	default:
		return core_err_set(ps->err, CORE_E_JSON_SYNTAX, at,
		    "unknown escape \\%c", p[at + 1] >= 0x20 && p[at + 1] < 0x7f ?
		    p[at + 1] : '?');
	}
	ps->pos = at + 2;
	return jr_sadd(ps, &c, 1, start);
}

/* 1 for the bytes a string holds as they are: ASCII from 0x20 but the
 * quote and the backslash. */
static const unsigned char jr_plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Read the string whose opening quote is at ps->pos.  Without escapes the
 * bytes are the document's own (*raw = 1); with escapes they are decoded
 * into ps->sbuf. */
static enum core_code
jr_string(struct jr_parser *ps, const char **out, size_t *outlen, int *raw)
{
	const unsigned char	*p = ps->p;
	enum core_code		 rc = CORE_OK;
	size_t			 start = ps->pos, run, n, i, len = ps->len;
	int			 copying = 0;

	ps->pos++;
	for (;;) {
		run = ps->pos;
		for (;;) {
			/* The run of plain ASCII, with the position in a local:
			 * a store to ps->pos at each byte could alias p. */
			for (i = ps->pos; i < len && jr_plain[p[i]]; i++)
				;
			ps->pos = i;
			if (ps->pos >= ps->len || p[ps->pos] < 0x80)
				break;
			n = core_json_utf8_len(p + ps->pos, ps->len - ps->pos);
			if (n == 0) {
				rc = core_err_set(ps->err, CORE_E_JSON_UTF8, ps->pos,
				    "invalid UTF-8 sequence starting with byte 0x%02x",
				    p[ps->pos]);
				goto out;
			}
			ps->pos += n;
		}
		if (ps->pos >= ps->len) {
			rc = core_err_set(ps->err, CORE_E_JSON_SYNTAX, ps->len,
			    "the document ends inside the string that starts at byte %zu",
			    start);
			goto out;
		}
		if (p[ps->pos] < 0x20) {
			rc = core_err_set(ps->err, CORE_E_JSON_SYNTAX, ps->pos,
			    "control character 0x%02x in a string (it must be escaped)",
			    p[ps->pos]);
			goto out;
		}
		if (p[ps->pos] == '"' && !copying) {
			if (ps->pos - run > ps->lim.max_string) {
				rc = core_err_set(ps->err, CORE_E_JSON_STRING, start,
				    "a string longer than %zu bytes",
				    ps->lim.max_string);
				goto out;
			}
			*out = (const char *)p + run;
			*outlen = ps->pos - run;
			*raw = 1;
			ps->pos++;
			goto out;
		}
		if (!copying) {
			/* The first escape: decode from here on. */
			copying = 1;
			core_buf_reset(&ps->sbuf);
		}
		if (ps->pos > run &&
		    (rc = jr_sadd(ps, p + run, ps->pos - run, start)) != CORE_OK)
			goto out;
		if (p[ps->pos] == '"') {
			ps->pos++;
			break;
		}
		if ((rc = jr_escape(ps, start)) != CORE_OK)
			goto out;
	}
	*out = core_buf_str(&ps->sbuf);
	*outlen = ps->sbuf.len;
	*raw = 0;
out:
	return rc;
}

/* The double a number's text stands for, in any locale. */
enum core_code
core_json_strtod(const char *text, size_t n, double *out)
{
	char		 inl[JR_NUM_INLINE], *s = inl;
	const char	*point;
	enum core_code	 rc = CORE_OK;
	size_t		 plen, need, i, o;

	point = localeconv()->decimal_point;
	if (point == NULL || *point == '\0')
		point = ".";
	plen = strlen(point);
	need = n + plen + 1;
	if (need > sizeof inl && (s = core_malloc(need)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	for (i = 0, o = 0; i < n; i++) {
		if (text[i] == '.') {
			memcpy(s + o, point, plen);
			o += plen;
		} else
			s[o++] = text[i];
	}
	s[o] = '\0';
	*out = strtod(s, NULL);
out:
	if (s != inl)
		core_free(s);
	return rc;
}

/* The value of an integer's text. */
long long
core_json_strtoll(const char *text, size_t n)
{
	long long	v = 0;
	size_t		i = 0;
	int		neg = 0;

	if (n > 0 && text[0] == '-') {
		neg = 1;
		i++;
	}
	for (; i < n; i++)
		v = v * 10 + (text[i] - '0');
	return neg ? -v : v;
}

/* Is d a double that RFC 8785 writes in integer form (no exponent, no
 * fraction) although it is beyond 2^53 - 1?  ECMAScript's Number::toString
 * does so from 2^53 up to 1e21, and the reader refuses such an integer. */
int
core_json_real_unsafe(double d)
{
	d = fabs(d);
	return d > (double)JR_SAFE_INT && d < 1e21;
}

/* Could the real at [start, end) pass the range of a double, or stand for
 * one that would be written as an unsafe integer?  Only when its decimal
 * exponent is large enough; then read it to know. */
static enum core_code
jr_real_range(struct jr_parser *ps, size_t start, size_t end, size_t intdigits,
    size_t expat)
{
	const unsigned char	*p = ps->p;
	char			 qt[JR_QUOTE_MAX * 4 + 8];
	enum core_code		 rc = CORE_OK;
	long long		 e = 0;
	size_t			 i;
	double			 d;

	/* The exponent, held well beyond any count of digits. */
	if (expat != 0) {
		i = expat + 1;
		if (p[i] == '+' || p[i] == '-')
			i++;
		for (; i < end && e < 100000000000000000LL; i++)
			e = e * 10 + (p[i] - '0');
		if (p[expat + 1] == '-')
			e = -e;
	}
	if ((long long)intdigits + e < JR_SAFE_INT_DIGITS)
		goto out;
	if ((rc = core_json_strtod((const char *)p + start, end - start,
	    &d)) != CORE_OK) {
		rc = core_err_set(ps->err, rc, start, "reading a number");
		goto out;
	}
	core_json_quote(qt, sizeof qt, (const char *)p + start, end - start);
	if (!isfinite(d))
		rc = core_err_set(ps->err, CORE_E_JSON_NUMBER, start,
		    "number %s is too large for a double", qt);
	else if (core_json_real_unsafe(d))
		rc = core_err_set(ps->err, CORE_E_JSON_NUMBER, start,
		    "number %s is at least 2^53 and below 1e21, which the "
		    "canonical form writes as an integer outside the I-JSON "
		    "range of +-(2^53 - 1)", qt);
out:
	return rc;
}

/* Read the number at ps->pos and report it. */
static enum core_code
jr_number(struct jr_parser *ps)
{
	const unsigned char	*p = ps->p;
	char			 qt[JR_QUOTE_MAX * 4 + 8];
	enum core_code		 rc = CORE_OK;
	size_t			 start = ps->pos, digits, expat = 0;
	long long		 v = 0;
	int			 real = 0;

	if (p[ps->pos] == '-')
		ps->pos++;
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
		expat = ps->pos;
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
		if ((rc = jr_real_range(ps, start, ps->pos, digits, expat)) !=
		    CORE_OK)
			goto out;
	} else {
		if (digits <= JR_SAFE_INT_DIGITS)
			v = core_json_strtoll((const char *)p + start, ps->pos - start);
		if (digits > JR_SAFE_INT_DIGITS || v > JR_SAFE_INT || v < -JR_SAFE_INT) {
			core_json_quote(qt, sizeof qt, (const char *)p + start,
			    ps->pos - start);
			rc = core_err_set(ps->err, CORE_E_JSON_NUMBER, start,
			    "integer %s is outside the I-JSON range of +-(2^53 - 1)",
			    qt);
			goto out;
		}
	}
	rc = ps->sink->number(ps->ctx, (const char *)p + start, ps->pos - start,
	    real, start, ps->err);
out:
	return rc;
}

/* Read true, false or null at ps->pos and report it. */
static enum core_code
jr_literal(struct jr_parser *ps)
{
	static const struct {
		const char		*word;
		size_t			 len;
		enum core_json_literal	 which;
	} words[] = {
		{ "true", 4, CORE_JSON_TRUE },
		{ "false", 5, CORE_JSON_FALSE },
		{ "null", 4, CORE_JSON_NULL }
	};
	size_t	i, at = ps->pos;

	for (i = 0; i < 3; i++) {
		if (ps->len - ps->pos >= words[i].len &&
		    memcmp(ps->p + ps->pos, words[i].word, words[i].len) == 0) {
			ps->pos += words[i].len;
			return ps->sink->literal(ps->ctx, words[i].which, at,
			    ps->err);
		}
	}
	return jr_unexpected(ps, "a value");
}

/* Open an array or object at ps->pos. */
static enum core_code
jr_push(struct jr_parser *ps, int object)
{
	enum core_code	 rc = CORE_OK;
	unsigned char	*nk;
	size_t		 ncap;

	if (ps->depth >= ps->lim.max_depth) {
		rc = core_err_set(ps->err, CORE_E_JSON_DEPTH, ps->pos,
		    "arrays and objects nested deeper than %u", ps->lim.max_depth);
		goto out;
	}
	if (ps->depth == ps->cap) {
		ncap = ps->cap == 0 ? 64 : ps->cap * 2;
		if ((nk = core_realloc(ps->kinds, ncap)) == NULL) {
			rc = core_err_set(ps->err, CORE_E_NOMEM, ps->pos,
			    "nesting an array or object");
			goto out;
		}
		ps->kinds = nk;
		ps->cap = ncap;
	}
	if ((rc = ps->sink->open(ps->ctx, object, ps->pos, ps->err)) != CORE_OK)
		goto out;
	ps->kinds[ps->depth++] = (unsigned char)object;
	ps->pos++;
out:
	return rc;
}

/* Read a member name and its colon. */
static enum core_code
jr_key(struct jr_parser *ps)
{
	enum core_code	 rc;
	const char	*s;
	size_t		 at, n;
	int		 raw;

	jr_skip_ws(ps);
	if (ps->pos >= ps->len || ps->p[ps->pos] != '"') {
		rc = jr_unexpected(ps, "a member name in double quotes");
		goto out;
	}
	at = ps->pos;
	if ((rc = jr_string(ps, &s, &n, &raw)) != CORE_OK)
		goto out;
	if ((rc = ps->sink->key(ps->ctx, s, n, raw, at, ps->err)) != CORE_OK)
		goto out;
	jr_skip_ws(ps);
	if (ps->pos >= ps->len || ps->p[ps->pos] != ':') {
		rc = jr_unexpected(ps, "':' after a member name");
		goto out;
	}
	ps->pos++;
out:
	return rc;
}

/* The whole document, one value after another, with open containers on the
 * parser's stack. */
static enum core_code
jr_document(struct jr_parser *ps)
{
	enum core_code	 rc = CORE_OK;
	const char	*s;
	size_t		 n, at;
	unsigned char	 c;
	int		 raw, obj;

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
		c = ps->pos < ps->len ? ps->p[ps->pos] : 0;
		if (c == '{' || c == '[') {
			if ((rc = jr_push(ps, c == '{')) != CORE_OK)
				goto out;
			jr_skip_ws(ps);
			if (ps->pos < ps->len &&
			    ps->p[ps->pos] == (c == '{' ? '}' : ']')) {
				/* Empty: closed below. */
			} else if (c == '{') {
				if ((rc = jr_key(ps)) != CORE_OK)
					goto out;
				continue;
			} else
				continue;
		} else if (c == '"') {
			if ((rc = jr_string(ps, &s, &n, &raw)) != CORE_OK ||
			    (rc = ps->sink->string(ps->ctx, s, n, raw, at,
			    ps->err)) != CORE_OK)
				goto out;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			if ((rc = jr_number(ps)) != CORE_OK)
				goto out;
		} else if ((rc = jr_literal(ps)) != CORE_OK)
			goto out;

		/* After a value: a comma, or the end of what it completes. */
		for (;;) {
			if (ps->depth == 0) {
				jr_skip_ws(ps);
				if (ps->pos < ps->len)
					rc = core_err_set(ps->err, CORE_E_JSON_SYNTAX,
					    ps->pos, "data after the end of the document");
				goto out;
			}
			jr_skip_ws(ps);
			obj = ps->kinds[ps->depth - 1];
			c = ps->pos < ps->len ? ps->p[ps->pos] : 0;
			if (c == ',') {
				ps->pos++;
				if (obj && (rc = jr_key(ps)) != CORE_OK)
					goto out;
				break;
			}
			if (c != (obj ? '}' : ']')) {
				rc = jr_unexpected(ps, obj ? "',' or '}'" : "',' or ']'");
				goto out;
			}
			if ((rc = ps->sink->close(ps->ctx, ps->pos, ps->err)) !=
			    CORE_OK)
				goto out;
			ps->pos++;
			ps->depth--;
		}
	}
out:
	return rc;
}

/* Check a whole document and report it to sink. */
enum core_code
core_json_read(const void *buf, size_t len, const struct core_json_limits *lim,
    const struct core_json_sink *sink, void *ctx, struct core_err *err)
{
	struct jr_parser	ps;
	enum core_code		rc = CORE_OK;

	memset(&ps, 0, sizeof ps);
	ps.p = buf;
	ps.len = len;
	ps.sink = sink;
	ps.ctx = ctx;
	ps.err = err;
	if (lim != NULL)
		ps.lim = *lim;
	else
		core_json_limits_default(&ps.lim);
	core_buf_init(&ps.sbuf, ps.lim.max_string);
	if (sink == NULL || (buf == NULL && len > 0)) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "no document or no sink");
		goto out;
	}
	if (len > ps.lim.max_doc) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, ps.lim.max_doc,
		    "a document of %zu bytes, over the limit of %zu", len,
		    ps.lim.max_doc);
		goto out;
	}
	rc = jr_document(&ps);
out:
	core_free(ps.kinds);
	core_buf_free(&ps.sbuf);
	return rc;
}

/*
 * The sink that builds jansson values.  Each open array or object is on a
 * stack with the name of its pending member, kept in a LIFO buffer of
 * names; a value is attached to its parent as soon as it is complete.
 */
struct jb_frame {
	json_t		*c;
	const char	*kraw;	/* pending name in the document, or NULL */
	size_t		 koff;	/* else its offset in the builder's keys */
	size_t		 klen;
};

struct jb_builder {
	struct jb_frame	*st;
	size_t		 depth;
	size_t		 cap;
	struct core_buf	 keys;
	json_t		*root;
};

/* Attach v (a new reference, always consumed) where it belongs. */
static enum core_code
jb_attach(struct jb_builder *b, json_t *v, size_t off, struct core_err *err)
{
	struct jb_frame	*f;
	int		 bad;

	if (v == NULL)
		return core_err_set(err, CORE_E_NOMEM, off, "building a value");
	if (b->depth == 0) {
		b->root = v;
		return CORE_OK;
	}
	f = &b->st[b->depth - 1];
	if (json_is_array(f->c))
		bad = json_array_append_new(f->c, v);
	else
		bad = json_object_setn_new_nocheck(f->c, f->kraw != NULL ?
		    f->kraw : (const char *)b->keys.data + f->koff, f->klen, v);
	if (bad)
		return core_err_set(err, CORE_E_NOMEM, off, "adding a value");
	return CORE_OK;
}

/* Sink: a new array or object, on the stack until it closes. */
static enum core_code
jb_open(void *ctx, int object, size_t off, struct core_err *err)
{
	struct jb_builder	*b = ctx;
	struct jb_frame		*ns;
	size_t			 ncap;
	json_t			*c;

	if (b->depth == b->cap) {
		ncap = b->cap == 0 ? 16 : b->cap * 2;
		if ((ns = core_realloc(b->st, ncap * sizeof *ns)) == NULL)
			return core_err_set(err, CORE_E_NOMEM, off,
			    "nesting an array or object");
		b->st = ns;
		b->cap = ncap;
	}
	if ((c = object ? json_object() : json_array()) == NULL)
		return core_err_set(err, CORE_E_NOMEM, off,
		    "building an array or object");
	b->st[b->depth].c = c;
	b->st[b->depth].kraw = NULL;
	b->st[b->depth].koff = b->keys.len;
	b->st[b->depth].klen = 0;
	b->depth++;
	return CORE_OK;
}

/* Sink: the innermost container is complete. */
static enum core_code
jb_close(void *ctx, size_t off, struct core_err *err)
{
	struct jb_builder	*b = ctx;
	json_t			*c;

	c = b->st[--b->depth].c;
	/* Drop the pending names of the closed object. */
	b->keys.len = b->st[b->depth].koff;
	return jb_attach(b, c, off, err);
}

/* Sink: a member name, refused when the object has it already. */
static enum core_code
jb_key(void *ctx, const char *s, size_t n, int raw, size_t off,
    struct core_err *err)
{
	struct jb_builder	*b = ctx;
	struct jb_frame		*f = &b->st[b->depth - 1];
	char			 qt[JR_QUOTE_MAX * 4 + 8];

	if (json_object_getn(f->c, s, n) != NULL) {
		core_json_quote(qt, sizeof qt, s, n);
		return core_err_set(err, CORE_E_JSON_DUPLICATE, off,
		    "member name \"%s\" repeated", qt);
	}
	b->keys.len = f->koff;
	/* A name without escapes stays in the document, which outlives the
	 * parse; a decoded one is overwritten by the next string, so it is
	 * kept. */
	if (raw) {
		f->kraw = s;
		f->klen = n;
		return CORE_OK;
	}
	f->kraw = NULL;
	if (core_buf_add(&b->keys, s, n) != CORE_OK)
		return core_err_set(err, CORE_E_NOMEM, off,
		    "keeping a member name");
	f->klen = n;
	return CORE_OK;
}

/* Sink: a string value. */
static enum core_code
jb_string(void *ctx, const char *s, size_t n, int raw, size_t off,
    struct core_err *err)
{
	(void)raw;
	return jb_attach(ctx, json_stringn_nocheck(s, n), off, err);
}

/* Sink: an integer or a real. */
static enum core_code
jb_number(void *ctx, const char *text, size_t n, int real, size_t off,
    struct core_err *err)
{
	double	d;

	if (!real)
		return jb_attach(ctx, json_integer(core_json_strtoll(text, n)), off,
		    err);
	if (core_json_strtod(text, n, &d) != CORE_OK)
		return core_err_set(err, CORE_E_NOMEM, off, "reading a number");
	return jb_attach(ctx, json_real(d), off, err);
}

/* Sink: true, false or null. */
static enum core_code
jb_literal(void *ctx, enum core_json_literal which, size_t off,
    struct core_err *err)
{
	json_t	*v;

	v = which == CORE_JSON_TRUE ? json_true() :
	    which == CORE_JSON_FALSE ? json_false() : json_null();
	return jb_attach(ctx, v, off, err);
}

static const struct core_json_sink jb_sink = {
	jb_open, jb_close, jb_key, jb_string, jb_number, jb_literal
};

/* Strict parse into jansson values. */
enum core_code
core_json_parse(const void *buf, size_t len, const struct core_json_limits *lim,
    json_t **out, struct core_err *err)
{
	struct jb_builder	b;
	enum core_code		rc = CORE_OK;

	memset(&b, 0, sizeof b);
	core_buf_init(&b.keys, len);
	if (out == NULL) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "no place for the result");
		goto out;
	}
	*out = NULL;
	if ((rc = core_json_read(buf, len, lim, &jb_sink, &b, err)) != CORE_OK)
		goto out;
	*out = b.root;
	b.root = NULL;
	core_err_clear(err);
out:
	while (b.depth > 0)
		json_decref(b.st[--b.depth].c);
	json_decref(b.root);
	core_free(b.st);
	core_buf_free(&b.keys);
	return rc;
}
