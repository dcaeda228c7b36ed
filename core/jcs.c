/*
 * jcs.c: RFC 8785 JSON Canonicalization Scheme over jansson values.
 *
 * Members are sorted by their names compared as UTF-16 code units (RFC 8785
 * section 3.2.3): for names in UTF-8 that is byte order, except that a
 * character past U+FFFF (a surrogate pair, 0xD800-0xDBFF first) sorts before
 * one in U+E000-U+FFFF.  Numbers follow ECMAScript's Number::toString.
 *
 * Integers are written as integers.  An integer outside +-(2^53 - 1) is
 * refused with CORE_E_JSON_NUMBER: RFC 8785 works on IEEE 754 doubles, such
 * an integer has no one canonical form that every implementation agrees on,
 * and core_json_parse() never produces one.  A real from 2^53 up to 1e21
 * is refused the same way: Number::toString writes it as such an integer
 * (1e20 is 100000000000000000000), which the strict reader would refuse, and
 * the reader refuses it on input, so canonical output always reads again.  Strings that are not valid UTF-8
 * (possible in values built with jansson's *_nocheck functions) are refused
 * with CORE_E_JSON_UTF8.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/jcs.h"
#include "core/json-int.h"
#include "core/json.h"

#define JCS_SAFE_INT	9007199254740991LL
/* Values nested deeper than this are refused (the serialiser recurses). */
#define JCS_MAX_DEPTH	(CORE_JSON_MAX_DEPTH * 32)

struct jcs_member {
	const char	*key;
	size_t		 len;
	json_t		*value;
};

/* Append n bytes to out, in place when they fit. */
static inline enum core_code
jcs_put(struct core_buf *out, const void *p, size_t n)
{
	if (out->data != NULL && out->len + n < out->cap) {
		memcpy(out->data + out->len, p, n);
		out->len += n;
		out->data[out->len] = '\0';
		return CORE_OK;
	}
	return core_buf_add(out, p, n);
}

/* Append one byte to out. */
static inline enum core_code
jcs_putc(struct core_buf *out, unsigned char c)
{
	if (out->data != NULL && out->len + 1 < out->cap) {
		out->data[out->len++] = c;
		out->data[out->len] = '\0';
		return CORE_OK;
	}
	return core_buf_addc(out, c);
}

/* First UTF-16 code unit (high 16 bits) and second, or 0 (low 16 bits), of
 * the well-formed UTF-8 character at s of n > 0 bytes. */
static unsigned long
jcs_utf16_key(const unsigned char *s, size_t n)
{
	unsigned long	cp;
	size_t		len;

	len = core_json_utf8_len(s, n);
	switch (len) {
	case 2:
		cp = ((s[0] & 0x1fUL) << 6) | (s[1] & 0x3fUL);
		break;
	case 3:
		cp = ((s[0] & 0x0fUL) << 12) | ((s[1] & 0x3fUL) << 6) |
		    (s[2] & 0x3fUL);
		break;
	case 4:
		cp = ((s[0] & 0x07UL) << 18) | ((s[1] & 0x3fUL) << 12) |
		    ((s[2] & 0x3fUL) << 6) | (s[3] & 0x3fUL);
		cp -= 0x10000;
		return ((0xd800UL + (cp >> 10)) << 16) | (0xdc00UL + (cp & 0x3ff));
	default:
		cp = s[0];
		break;
	}
	return cp << 16;
}

/* Refuse a member name that is not well-formed UTF-8. */
static enum core_code
jcs_check_utf8(const char *str, size_t n, struct core_err *err)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, k;

	while (i < n) {
		if ((k = core_json_utf8_len(s + i, n - i)) == 0)
			return core_err_set(err, CORE_E_JSON_UTF8, CORE_NO_OFFSET,
			    "a member name holds invalid UTF-8 (byte 0x%02x at %zu)",
			    s[i], i);
		i += k;
	}
	return CORE_OK;
}

/* qsort order of members: names as arrays of UTF-16 code units. */
static int
jcs_member_cmp(const void *pa, const void *pb)
{
	const struct jcs_member	*a = pa, *b = pb;
	const unsigned char	*ka = (const unsigned char *)a->key;
	const unsigned char	*kb = (const unsigned char *)b->key;
	unsigned long		 ua, ub;
	size_t			 i, n;

	n = a->len < b->len ? a->len : b->len;
	for (i = 0; i < n && ka[i] == kb[i]; i++)
		;
	if (i == n)
		return a->len < b->len ? -1 : a->len > b->len;
	/* Back to the first byte of the character where they differ. */
	while (i > 0 && (ka[i] & 0xc0) == 0x80)
		i--;
	ua = jcs_utf16_key(ka + i, a->len - i);
	ub = jcs_utf16_key(kb + i, b->len - i);
	return ua < ub ? -1 : ua > ub;
}

/* The RFC 8785 escape of a control character, '"' or '\\' into esc;
 * returns its length. */
static size_t
jcs_escape(unsigned c, unsigned char *esc)
{
	static const char	hex[] = "0123456789abcdef";

	esc[0] = '\\';
	switch (c) {
	case '"': esc[1] = '"'; return 2;
	case '\\': esc[1] = '\\'; return 2;
	case '\b': esc[1] = 'b'; return 2;
	case '\t': esc[1] = 't'; return 2;
	case '\n': esc[1] = 'n'; return 2;
	case '\f': esc[1] = 'f'; return 2;
	case '\r': esc[1] = 'r'; return 2;
	default:
		esc[1] = 'u';
		esc[2] = '0';
		esc[3] = '0';
		esc[4] = (unsigned char)hex[(c >> 4) & 0xf];
		esc[5] = (unsigned char)hex[c & 0xf];
		return 6;
	}
}

/* Append s (n bytes of UTF-8) as a JSON string escaped per RFC 8785. */
static enum core_code
jcs_string(const char *str, size_t n, struct core_buf *out,
    struct core_err *err)
{
	const unsigned char	*s = (const unsigned char *)str;
	enum core_code		 rc;
	unsigned char		 esc[6];
	size_t			 i = 0, run, k, elen;

	if ((rc = jcs_putc(out, '"')) != CORE_OK)
		goto fail;
	while (i < n) {
		run = i;
		while (i < n && s[i] >= 0x20 && s[i] != '"' && s[i] != '\\') {
			if (s[i] < 0x80) {
				i++;
				continue;
			}
			if ((k = core_json_utf8_len(s + i, n - i)) == 0) {
				rc = core_err_set(err, CORE_E_JSON_UTF8,
				    CORE_NO_OFFSET, "a string holds invalid UTF-8 "
				    "(byte 0x%02x at %zu)", s[i], i);
				goto out;
			}
			i += k;
		}
		if (i > run && (rc = jcs_put(out, s + run, i - run)) != CORE_OK)
			goto fail;
		if (i >= n)
			break;
		elen = jcs_escape(s[i], esc);
		if ((rc = jcs_put(out, esc, elen)) != CORE_OK)
			goto fail;
		i++;
	}
	if ((rc = jcs_putc(out, '"')) != CORE_OK)
		goto fail;
	goto out;
fail:
	rc = core_err_set(err, rc, CORE_NO_OFFSET, "writing the canonical form");
out:
	return rc;
}

static enum core_code	jcs_value(const json_t *, struct core_buf *, unsigned,
			    struct core_err *);

/* Append an object with its members sorted. */
static enum core_code
jcs_object(const json_t *v, struct core_buf *out, unsigned depth,
    struct core_err *err)
{
	struct jcs_member	*m = NULL;
	enum core_code		 rc = CORE_OK;
	void			*it;
	size_t			 n, i;

	n = json_object_size(v);
	if (n > 0 && (m = core_calloc(n, sizeof *m)) == NULL) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET,
		    "sorting an object's members");
		goto out;
	}
	i = 0;
	for (it = json_object_iter((json_t *)v); it != NULL && i < n;
	    it = json_object_iter_next((json_t *)v, it)) {
		m[i].key = json_object_iter_key(it);
		m[i].len = json_object_iter_key_len(it);
		m[i].value = json_object_iter_value(it);
		/* Sorting decodes names: they must be UTF-8 first. */
		if (m[i].len > 0 && (rc = jcs_check_utf8(m[i].key, m[i].len,
		    err)) != CORE_OK)
			goto out;
		i++;
	}
	n = i;
	if (n > 1)
		qsort(m, n, sizeof *m, jcs_member_cmp);
	if ((rc = jcs_putc(out, '{')) != CORE_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		if (i > 0 && (rc = jcs_putc(out, ',')) != CORE_OK)
			goto fail;
		if ((rc = jcs_string(m[i].key, m[i].len, out, err)) != CORE_OK)
			goto out;
		if ((rc = jcs_putc(out, ':')) != CORE_OK)
			goto fail;
		if ((rc = jcs_value(m[i].value, out, depth + 1, err)) != CORE_OK)
			goto out;
	}
	if ((rc = jcs_putc(out, '}')) != CORE_OK)
		goto fail;
	goto out;
fail:
	rc = core_err_set(err, rc, CORE_NO_OFFSET, "writing the canonical form");
out:
	core_free(m);
	return rc;
}

/* Append one value of any type. */
static enum core_code
jcs_value(const json_t *v, struct core_buf *out, unsigned depth,
    struct core_err *err)
{
	enum core_code	rc = CORE_OK;
	char		num[40];
	json_int_t	iv;
	size_t		i, n;

	if (depth > JCS_MAX_DEPTH) {
		rc = core_err_set(err, CORE_E_JSON_DEPTH, CORE_NO_OFFSET,
		    "values nested deeper than %d", JCS_MAX_DEPTH);
		goto out;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		rc = jcs_object(v, out, depth, err);
		goto out;
	case JSON_ARRAY:
		if ((rc = jcs_putc(out, '[')) != CORE_OK)
			goto fail;
		n = json_array_size(v);
		for (i = 0; i < n; i++) {
			if (i > 0 && (rc = jcs_putc(out, ',')) != CORE_OK)
				goto fail;
			if ((rc = jcs_value(json_array_get(v, i), out, depth + 1,
			    err)) != CORE_OK)
				goto out;
		}
		if ((rc = jcs_putc(out, ']')) != CORE_OK)
			goto fail;
		goto out;
	case JSON_STRING:
		rc = jcs_string(json_string_value(v), json_string_length(v), out,
		    err);
		goto out;
	case JSON_INTEGER:
		iv = json_integer_value(v);
		if (iv > JCS_SAFE_INT || iv < -JCS_SAFE_INT) {
			rc = core_err_set(err, CORE_E_JSON_NUMBER, CORE_NO_OFFSET,
			    "integer %" JSON_INTEGER_FORMAT " is outside the "
			    "I-JSON range of +-(2^53 - 1)", iv);
			goto out;
		}
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, iv);
		if ((rc = jcs_put(out, num, strlen(num))) != CORE_OK)
			goto fail;
		goto out;
	case JSON_REAL:
		if (core_json_real_unsafe(json_real_value(v))) {
			rc = core_err_set(err, CORE_E_JSON_NUMBER, CORE_NO_OFFSET,
			    "number %.17g is at least 2^53 and below 1e21, which "
			    "would be written as an integer outside the I-JSON "
			    "range of +-(2^53 - 1)", json_real_value(v));
			goto out;
		}
		if ((rc = core_jcs_number(json_real_value(v), num,
		    sizeof num)) != CORE_OK) {
			rc = core_err_set(err, rc, CORE_NO_OFFSET,
			    "a number that RFC 8785 cannot represent");
			goto out;
		}
		if ((rc = jcs_put(out, num, strlen(num))) != CORE_OK)
			goto fail;
		goto out;
	case JSON_TRUE:
		rc = jcs_put(out, "true", 4);
		break;
	case JSON_FALSE:
		rc = jcs_put(out, "false", 5);
		break;
	case JSON_NULL:
		rc = jcs_put(out, "null", 4);
		break;
	default:
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "a value of unknown type");
		goto out;
	}
	if (rc == CORE_OK)
		goto out;
fail:
	rc = core_err_set(err, rc, CORE_NO_OFFSET, "writing the canonical form");
out:
	return rc;
}

/* Canonical form of a jansson value. */
enum core_code
core_jcs_serialize(const json_t *v, struct core_buf *out, struct core_err *err)
{
	enum core_code	rc;
	size_t		len0;

	if (v == NULL || out == NULL)
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "no value or no buffer");
	len0 = out->len;
	rc = jcs_value(v, out, 0, err);
	if (rc != CORE_OK) {
		/* Leave the buffer as it was. */
		out->len = len0;
		if (out->data != NULL)
			out->data[len0] = '\0';
	} else
		core_err_clear(err);
	return rc;
}

/* Add one unit in the last digit of the mantissa of "D.DDDe+XX" in place;
 * returns 0 when that would carry out of the first digit. */
static int
jcs_digit_up(char *tmp)
{
	char	*e = strchr(tmp, 'e');

	if (e == NULL)
		return 0;
	while (--e >= tmp) {
		if (*e < '0' || *e > '9')
			continue;
		if (*e != '9') {
			(*e)++;
			return 1;
		}
		*e = '0';
	}
	return 0;
}

/* Digits and exponent of "D.DDDe+XX" as printed with whatever decimal point
 * the locale uses: d = 0.DIGITS * 10^n, trailing zeros dropped.  Returns
 * the number of digits. */
static int
jcs_digits(const char *tmp, char *digits, int *n)
{
	int	i, k = 0;
	long	e = 0;

	for (i = 0; tmp[i] != '\0' && tmp[i] != 'e'; i++) {
		if (tmp[i] >= '0' && tmp[i] <= '9' && k < 17)
			digits[k++] = tmp[i];
	}
	if (tmp[i] == 'e')
		e = strtol(tmp + i + 1, NULL, 10);
	while (k > 1 && digits[k - 1] == '0')
		k--;
	digits[k] = '\0';
	*n = (int)e + 1;
	return k;
}

/*
 * Shortest decimal digits of d > 0 that read back as d (d = 0.DIGITS *
 * 10^n); returns their count.
 *
 * For a normal double, a decimal of 15 digits or fewer that reads back as d
 * is the one nearest d of 15 digits: 15 digits are spaced at least 5e-16
 * apart relative to d, while reading back allows 2^-53 (1.1e-16).  So the
 * 15 digits printf gives either read back, and with their trailing zeros
 * dropped are the shortest, or the shortest has 16 or 17 digits.  Past 15,
 * the nearest digits are the answer unless d is a power of two, where the
 * next double down is half as far as the next one up, so the nearest
 * digits may fall just below the interval that reads back as d while those
 * one unit higher fall inside it: ECMAScript takes those.  Subnormal
 * doubles have fewer bits, so every length is tried.
 */
static int
jcs_shortest(double d, char *digits, int *n)
{
	char	tmp[48];
	int	p, first, e2, pow2;

	(void)frexp(d, &e2);
	pow2 = ldexp(1.0, e2 - 1) == d;
	first = d >= DBL_MIN ? 15 : 1;
	for (p = first; p < 17; p++) {
		snprintf(tmp, sizeof tmp, "%.*e", p - 1, d);
		if (strtod(tmp, NULL) == d)
			return jcs_digits(tmp, digits, n);
		if (p >= 16 && pow2 && jcs_digit_up(tmp) &&
		    strtod(tmp, NULL) == d)
			return jcs_digits(tmp, digits, n);
	}
	snprintf(tmp, sizeof tmp, "%.16e", d);
	return jcs_digits(tmp, digits, n);
}

/* Lay out k digits (d = 0.DIGITS * 10^n) as ECMAScript's Number::toString
 * does, after a '-' when neg; out holds at least 32 bytes. */
static void
jcs_layout(int neg, const char *digits, int k, int n, char *out)
{
	size_t	o = 0;
	int	i, e;

	if (neg)
		out[o++] = '-';
	if (k <= n && n <= 21) {
		/* An integer: the digits, then zeros. */
		memcpy(out + o, digits, (size_t)k);
		o += (size_t)k;
		for (i = k; i < n; i++)
			out[o++] = '0';
	} else if (0 < n && n <= 21) {
		memcpy(out + o, digits, (size_t)n);
		o += (size_t)n;
		out[o++] = '.';
		memcpy(out + o, digits + n, (size_t)(k - n));
		o += (size_t)(k - n);
	} else if (-6 < n && n <= 0) {
		out[o++] = '0';
		out[o++] = '.';
		for (i = 0; i < -n; i++)
			out[o++] = '0';
		memcpy(out + o, digits, (size_t)k);
		o += (size_t)k;
	} else {
		out[o++] = digits[0];
		if (k > 1) {
			out[o++] = '.';
			memcpy(out + o, digits + 1, (size_t)(k - 1));
			o += (size_t)(k - 1);
		}
		e = n - 1;
		out[o++] = 'e';
		out[o++] = e < 0 ? '-' : '+';
		if (e < 0)
			e = -e;
		if (e >= 100)
			out[o++] = (char)('0' + e / 100);
		if (e >= 10)
			out[o++] = (char)('0' + e / 10 % 10);
		out[o++] = (char)('0' + e % 10);
	}
	out[o] = '\0';
}

/* ECMAScript form of a double. */
enum core_code
core_jcs_number(double d, char *out, size_t outsz)
{
	char	digits[24];
	int	k, n, neg = 0;

	if (out == NULL || outsz < 32)
		return CORE_E_ARG;
	if (!isfinite(d))
		return CORE_E_JSON_NUMBER;
	if (d == 0) {
		/* 0 and -0 alike. */
		out[0] = '0';
		out[1] = '\0';
		return CORE_OK;
	}
	if (d < 0) {
		neg = 1;
		d = -d;
	}
	if (d < 9007199254740992.0 && d == floor(d)) {
		snprintf(out, outsz, "%s%.0f", neg ? "-" : "", d);
		return CORE_OK;
	}
	k = jcs_shortest(d, digits, &n);
	jcs_layout(neg, digits, k, n, out);
	return CORE_OK;
}

/*
 * The canonical form of a real straight from its text, when that is sure:
 * a literal of at most 15 significant digits whose value is a normal double
 * reads as the double whose shortest digits are its own (see jcs_shortest),
 * so only the layout changes.  Returns 0 when the double must be read.
 */
static int
jcs_real_text(const char *t, size_t len, char *out)
{
	char		 digits[16];
	long long	 e = 0;
	size_t		 i = 0;
	int		 k = 0, neg = 0, n = 0, frac = 0, eneg = 0;

	if (t[i] == '-') {
		neg = 1;
		i++;
	}
	for (; i < len && (t[i] == '.' || (t[i] >= '0' && t[i] <= '9')); i++) {
		if (t[i] == '.') {
			frac = 1;
			continue;
		}
		if (k == 0 && t[i] == '0') {
			/* A leading zero: after the point it moves the value. */
			if (frac)
				n--;
			continue;
		}
		if (k < 15)
			digits[k++] = t[i];
		else if (t[i] != '0')
			return 0;
		if (!frac)
			n++;
	}
	if (i < len) {
		/* 'e' or 'E', then the exponent, held past any n. */
		i++;
		if (t[i] == '+' || t[i] == '-')
			eneg = t[i++] == '-';
		for (; i < len && e < 1000000000; i++)
			e = e * 10 + (t[i] - '0');
	}
	if (k == 0) {
		out[0] = '0';
		out[1] = '\0';
		return 1;
	}
	e = eneg ? n - e : n + e;
	if (e < -306 || e > 308)
		return 0;
	while (k > 1 && digits[k - 1] == '0')
		k--;
	jcs_layout(neg, digits, k, (int)e, out);
	return 1;
}

/*
 * core_jcs_canonicalize(): the strict reader (json-int.h) builds a compact
 * tree of 32-bit words that point into the document: one word, the offset
 * of its first byte, for a string, number, literal or member name; two for
 * an array (offset, index of the word after it); four for an object
 * (offset, end, member count, first of its members in the member list).
 * What a value is, and its text, is read again from the document when it
 * is written.  Each object's member names are sorted, and checked for
 * repeats, when it closes.  At 10 MiB of typical records the tree takes
 * under 1x the document; jansson values take about 8x.
 */
struct jn_open {
	uint32_t	word;	/* the container's first word */
	uint32_t	first;	/* its first member name in pending */
};

struct jn_tree {
	const unsigned char	*doc;
	size_t			 len;
	uint32_t		*w;
	size_t			 nw, wcap;
	uint32_t		*members;	/* member name words, sorted */
	size_t			 nm, mcap;
	uint32_t		*pending;	/* names of objects still open */
	size_t			 np, pcap;
	struct jn_open		*open;
	size_t			 depth, ocap;
};

/* Make room for more items in a growing array. */
static int
jn_grow(void **arr, size_t *cap, size_t want, size_t size)
{
	size_t	 ncap;
	void	*p;

	if (want <= *cap)
		return 1;
	ncap = *cap == 0 ? 1024 : *cap * 2;
	while (ncap < want)
		ncap *= 2;
	if ((p = core_realloc(*arr, ncap * size)) == NULL)
		return 0;
	*arr = p;
	*cap = ncap;
	return 1;
}

/* Add n words, the first the document offset off (the others are set when
 * the container closes). */
static enum core_code
jn_words(struct jn_tree *t, size_t n, size_t off, struct core_err *err)
{
	if (t->nw + n > t->wcap &&
	    !jn_grow((void **)&t->w, &t->wcap, t->nw + n, sizeof *t->w))
		return core_err_set(err, CORE_E_NOMEM, off, "building the tree");
	t->w[t->nw] = (uint32_t)off;
	t->nw += n;
	return CORE_OK;
}

/* Sink: an array or object opens. */
static enum core_code
jn_open(void *ctx, int object, size_t off, struct core_err *err)
{
	struct jn_tree	*t = ctx;
	enum core_code	 rc;

	if (!jn_grow((void **)&t->open, &t->ocap, t->depth + 1, sizeof *t->open))
		return core_err_set(err, CORE_E_NOMEM, off, "building the tree");
	if ((rc = jn_words(t, object ? 4 : 2, off, err)) != CORE_OK)
		return rc;
	t->open[t->depth].word = (uint32_t)(t->nw - (object ? 4 : 2));
	t->open[t->depth].first = (uint32_t)t->np;
	t->depth++;
	return CORE_OK;
}

/* Sink: a member name, kept for sorting when its object closes. */
static enum core_code
jn_key(void *ctx, const char *s, size_t n, int raw, size_t off,
    struct core_err *err)
{
	struct jn_tree	*t = ctx;

	(void)s;
	(void)n;
	(void)raw;
	if (!jn_grow((void **)&t->pending, &t->pcap, t->np + 1,
	    sizeof *t->pending))
		return core_err_set(err, CORE_E_NOMEM, off, "building the tree");
	t->pending[t->np++] = (uint32_t)t->nw;
	return jn_words(t, 1, off, err);
}

/* Sink: a string value. */
static enum core_code
jn_string(void *ctx, const char *s, size_t n, int raw, size_t off,
    struct core_err *err)
{
	(void)s;
	(void)n;
	(void)raw;
	return jn_words(ctx, 1, off, err);
}

/* Sink: a number. */
static enum core_code
jn_number(void *ctx, const char *text, size_t n, int real, size_t off,
    struct core_err *err)
{
	(void)text;
	(void)n;
	(void)real;
	return jn_words(ctx, 1, off, err);
}

/* Sink: true, false or null. */
static enum core_code
jn_literal(void *ctx, enum core_json_literal which, size_t off,
    struct core_err *err)
{
	(void)which;
	return jn_words(ctx, 1, off, err);
}

/* Reads the UTF-16 code units of a JSON string already checked by the
 * reader, from its opening quote. */
struct jn_units {
	const unsigned char	*p;
	unsigned		 low;	/* second unit of a pair, or 0 */
};

/* Four hexadecimal digits already checked by the reader. */
static unsigned
jn_hex4(const unsigned char *s)
{
	unsigned	v = 0;
	int		i;

	for (i = 0; i < 4; i++)
		v = (v << 4) | (unsigned)(s[i] <= '9' ? s[i] - '0' :
		    (s[i] | 0x20) - 'a' + 10);
	return v;
}

/* The next code unit, or -1 at the closing quote. */
static long
jn_unit(struct jn_units *u)
{
	const unsigned char	*p = u->p;
	unsigned long		 cp;
	unsigned		 c;

	if (u->low != 0) {
		c = u->low;
		u->low = 0;
		return c;
	}
	if (*p == '"')
		return -1;
	if (*p == '\\') {
		u->p = p + 2;
		switch (p[1]) {
		case 'b': return '\b';
		case 'f': return '\f';
		case 'n': return '\n';
		case 'r': return '\r';
		case 't': return '\t';
		case 'u':
			u->p = p + 6;
			return (long)jn_hex4(p + 2);
		default: return p[1];
		}
	}
	if (*p < 0x80) {
		u->p = p + 1;
		return *p;
	}
	if (*p < 0xe0) {
		cp = ((p[0] & 0x1fUL) << 6) | (p[1] & 0x3fUL);
		u->p = p + 2;
	} else if (*p < 0xf0) {
		cp = ((p[0] & 0x0fUL) << 12) | ((p[1] & 0x3fUL) << 6) |
		    (p[2] & 0x3fUL);
		u->p = p + 3;
	} else {
		cp = ((p[0] & 0x07UL) << 18) | ((p[1] & 0x3fUL) << 12) |
		    ((p[2] & 0x3fUL) << 6) | (p[3] & 0x3fUL);
		u->p = p + 4;
		cp -= 0x10000;
		u->low = (unsigned)(0xdc00 + (cp & 0x3ff));
		return (long)(0xd800 + (cp >> 10));
	}
	return (long)cp;
}

/* Compare the member names at document offsets a and b (their quotes) as
 * UTF-16 code units; 0 when they are the same name. */
static int
jn_name_cmp(const unsigned char *doc, uint32_t a, uint32_t b)
{
	struct jn_units	ua = { doc + a + 1, 0 }, ub = { doc + b + 1, 0 };
	long		ca, cb;

	do {
		ca = jn_unit(&ua);
		cb = jn_unit(&ub);
	} while (ca == cb && ca != -1);
	return ca < cb ? -1 : ca > cb;
}

/* Order of member name words: by name, then by place in the document. */
static int
jn_key_cmp(const struct jn_tree *t, uint32_t a, uint32_t b)
{
	int	c;

	if ((c = jn_name_cmp(t->doc, t->w[a], t->w[b])) != 0)
		return c;
	return t->w[a] < t->w[b] ? -1 : t->w[a] > t->w[b];
}

/* Sort n member name words: insertion sort for the usual few, else merge
 * sort through tmp (C11 qsort takes no context). */
static void
jn_sort(const struct jn_tree *t, uint32_t *v, uint32_t *tmp, size_t n)
{
	uint32_t	x;
	size_t		i, j, h, l, r, o;

	if (n <= 16) {
		for (i = 1; i < n; i++) {
			x = v[i];
			for (j = i; j > 0 && jn_key_cmp(t, v[j - 1], x) > 0; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	h = n / 2;
	jn_sort(t, v, tmp, h);
	jn_sort(t, v + h, tmp, n - h);
	for (l = 0, r = h, o = 0; l < h || r < n; o++) {
		if (r >= n || (l < h && jn_key_cmp(t, v[l], v[r]) <= 0))
			tmp[o] = v[l++];
		else
			tmp[o] = v[r++];
	}
	memcpy(v, tmp, n * sizeof *v);
}

/* Decode the start of the member name at s (its quote) into buf, for an
 * error detail; returns the bytes written, at most size. */
static size_t
jn_name_decode(const unsigned char *s, unsigned char *buf, size_t size)
{
	struct jn_units	u = { s + 1, 0 };
	unsigned char	enc[4];
	size_t		o = 0, n;
	long		c, lo;

	while ((c = jn_unit(&u)) != -1) {
		if (c >= 0xd800 && c <= 0xdbff) {
			lo = jn_unit(&u);
			c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
		}
		n = core_json_utf8_encode((unsigned)c, enc);
		if (o + n > size)
			break;
		memcpy(buf + o, enc, n);
		o += n;
	}
	return o;
}

/* Sink: a container closes; an object's names are sorted and checked. */
static enum core_code
jn_close(void *ctx, size_t off, struct core_err *err)
{
	struct jn_tree	*t = ctx;
	struct jn_open	*op = &t->open[--t->depth];
	uint32_t	*v, *tmp = NULL, word = op->word;
	enum core_code	 rc = CORE_OK;
	unsigned char	 name[64];
	char		 qt[200];
	size_t		 n, i, dup = (size_t)-1, k;

	t->w[word + 1] = (uint32_t)t->nw;
	if (t->doc[t->w[word]] != '{')
		goto out;
	v = t->pending + op->first;
	n = t->np - op->first;
	if (n > 16 && (tmp = core_calloc(n, sizeof *tmp)) == NULL) {
		rc = core_err_set(err, CORE_E_NOMEM, off, "sorting members");
		goto out;
	}
	jn_sort(t, v, tmp, n);
	/* Equal names are now side by side, in document order. */
	for (i = 1; i < n; i++) {
		if (t->w[v[i]] < dup &&
		    jn_name_cmp(t->doc, t->w[v[i - 1]], t->w[v[i]]) == 0)
			dup = t->w[v[i]];
	}
	if (dup != (size_t)-1) {
		k = jn_name_decode(t->doc + dup, name, sizeof name);
		core_json_quote(qt, sizeof qt, (const char *)name, k);
		rc = core_err_set(err, CORE_E_JSON_DUPLICATE, dup,
		    "member name \"%s\" repeated", qt);
		goto out;
	}
	if (!jn_grow((void **)&t->members, &t->mcap, t->nm + n,
	    sizeof *t->members)) {
		rc = core_err_set(err, CORE_E_NOMEM, off, "sorting members");
		goto out;
	}
	t->w[word + 2] = (uint32_t)n;
	t->w[word + 3] = (uint32_t)t->nm;
	if (n > 0)
		memcpy(t->members + t->nm, v, n * sizeof *v);
	t->nm += n;
	t->np = op->first;
out:
	core_free(tmp);
	return rc;
}

static const struct core_json_sink jn_sink = {
	jn_open, jn_close, jn_key, jn_string, jn_number, jn_literal
};

/* Write the JSON string literal at s in canonical form: escapes decoded,
 * then escaped again as RFC 8785 says. */
static enum core_code
jn_write_string(const unsigned char *s, struct core_buf *out)
{
	enum core_code	 rc;
	unsigned char	 enc[6];
	size_t		 i = 1, run, n;
	unsigned	 cp, lo;

	if ((rc = jcs_putc(out, '"')) != CORE_OK)
		return rc;
	for (;;) {
		run = i;
		while (s[i] != '"' && s[i] != '\\')
			i++;
		if (i > run && (rc = jcs_put(out, s + run, i - run)) != CORE_OK)
			return rc;
		if (s[i] == '"')
			break;
		switch (s[i + 1]) {
		case 'u':
			cp = jn_hex4(s + i + 2);
			i += 6;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				lo = jn_hex4(s + i + 2);
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				i += 6;
			}
			if (cp < 0x20 || cp == '"' || cp == '\\')
				n = jcs_escape(cp, enc);
			else
				n = core_json_utf8_encode(cp, enc);
			break;
		case '/':
			enc[0] = '/';
			n = 1;
			i += 2;
			break;
		default:
			/* \" \\ \b \f \n \r \t are already canonical. */
			enc[0] = '\\';
			enc[1] = s[i + 1];
			n = 2;
			i += 2;
			break;
		}
		if ((rc = jcs_put(out, enc, n)) != CORE_OK)
			return rc;
	}
	return jcs_putc(out, '"');
}

/* Write the number whose text starts at s, before lim, in canonical form. */
static enum core_code
jn_write_number(const unsigned char *s, const unsigned char *lim,
    struct core_buf *out)
{
	const char	*t = (const char *)s;
	enum core_code	 rc;
	char		 num[40];
	size_t		 n = 0;
	double		 d;
	int		 real = 0;

	for (; s + n < lim; n++) {
		if (s[n] == '.' || s[n] == 'e' || s[n] == 'E')
			real = 1;
		else if (s[n] != '-' && s[n] != '+' && (s[n] < '0' || s[n] > '9'))
			break;
	}
	if (!real) {
		if (n == 2 && t[0] == '-' && t[1] == '0')
			return jcs_putc(out, '0');
		return jcs_put(out, t, n);
	}
	if (!jcs_real_text(t, n, num)) {
		if ((rc = core_json_strtod(t, n, &d)) != CORE_OK ||
		    (rc = core_jcs_number(d, num, sizeof num)) != CORE_OK)
			return rc;
	}
	return jcs_put(out, num, strlen(num));
}

/* Write the value whose first word is i, and what it holds. */
static enum core_code
jn_write(const struct jn_tree *t, uint32_t i, struct core_buf *out)
{
	const unsigned char	*s = t->doc + t->w[i];
	enum core_code		 rc;
	uint32_t		 k, c, m, n, end;

	switch (*s) {
	case '{':
		if ((rc = jcs_putc(out, '{')) != CORE_OK)
			return rc;
		n = t->w[i + 2];
		for (k = 0; k < n; k++) {
			m = t->members[t->w[i + 3] + k];
			if ((k > 0 && (rc = jcs_putc(out, ',')) != CORE_OK) ||
			    (rc = jn_write_string(t->doc + t->w[m], out)) !=
			    CORE_OK ||
			    (rc = jcs_putc(out, ':')) != CORE_OK ||
			    (rc = jn_write(t, m + 1, out)) != CORE_OK)
				return rc;
		}
		return jcs_putc(out, '}');
	case '[':
		if ((rc = jcs_putc(out, '[')) != CORE_OK)
			return rc;
		end = t->w[i + 1];
		for (c = i + 2; c < end; ) {
			if ((c > i + 2 && (rc = jcs_putc(out, ',')) !=
			    CORE_OK) || (rc = jn_write(t, c, out)) != CORE_OK)
				return rc;
			s = t->doc + t->w[c];
			c = *s == '{' || *s == '[' ? t->w[c + 1] : c + 1;
		}
		return jcs_putc(out, ']');
	case '"':
		return jn_write_string(s, out);
	case 't':
		return jcs_put(out, "true", 4);
	case 'f':
		return jcs_put(out, "false", 5);
	case 'n':
		return jcs_put(out, "null", 4);
	default:
		return jn_write_number(s, t->doc + t->len, out);
	}
}

/* Canonical form of a document, through the compact tree. */
enum core_code
core_jcs_canonicalize(const void *buf, size_t len,
    const struct core_json_limits *lim, struct core_buf *out,
    struct core_err *err)
{
	struct core_json_limits	 l;
	struct jn_tree		 t;
	enum core_code		 rc;
	size_t			 len0 = out != NULL ? out->len : 0;

	memset(&t, 0, sizeof t);
	t.doc = buf;
	t.len = len;
	if (lim != NULL)
		l = *lim;
	else
		core_json_limits_default(&l);
	if (l.max_depth > JCS_MAX_DEPTH)
		l.max_depth = JCS_MAX_DEPTH;
	if (out == NULL) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET, "no buffer");
		goto out;
	}
	if (len >= UINT32_MAX && len <= l.max_doc) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, UINT32_MAX - 1,
		    "a document of 4 GiB or more");
		goto out;
	}
	/* Typical documents need a word for every 8 to 10 bytes. */
	if (!jn_grow((void **)&t.w, &t.wcap, len / 8 + 64, sizeof *t.w)) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET,
		    "building the tree");
		goto out;
	}
	if ((rc = core_json_read(buf, len, &l, &jn_sink, &t, err)) != CORE_OK)
		goto out;
	if ((rc = jn_write(&t, 0, out)) != CORE_OK)
		rc = core_err_set(err, rc, CORE_NO_OFFSET,
		    "writing the canonical form");
out:
	if (rc != CORE_OK && out != NULL) {
		out->len = len0;
		if (out->data != NULL)
			out->data[len0] = '\0';
	} else if (rc == CORE_OK)
		core_err_clear(err);
	core_free(t.w);
	core_free(t.members);
	core_free(t.pending);
	core_free(t.open);
	return rc;
}
