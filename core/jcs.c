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
 * and core_json_parse() never produces one.  Strings that are not valid UTF-8
 * (possible in values built with jansson's *_nocheck functions) are refused
 * with CORE_E_JSON_UTF8.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/jcs.h"
#include "core/json.h"

#define JCS_SAFE_INT	9007199254740991LL
/* Values nested deeper than this are refused (the serialiser recurses). */
#define JCS_MAX_DEPTH	(CORE_JSON_MAX_DEPTH * 32)

struct jcs_member {
	const char	*key;
	size_t		 len;
	json_t		*value;
};

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

/* Append s (n bytes of UTF-8) as a JSON string escaped per RFC 8785. */
static enum core_code
jcs_string(const char *str, size_t n, struct core_buf *out,
    struct core_err *err)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*s = (const unsigned char *)str;
	enum core_code		 rc;
	unsigned char		 esc[6];
	size_t			 i = 0, run, k, elen;

	if ((rc = core_buf_addc(out, '"')) != CORE_OK)
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
		if (i > run && (rc = core_buf_add(out, s + run, i - run)) != CORE_OK)
			goto fail;
		if (i >= n)
			break;
		esc[0] = '\\';
		elen = 2;
		switch (s[i]) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\t': esc[1] = 't'; break;
		case '\n': esc[1] = 'n'; break;
		case '\f': esc[1] = 'f'; break;
		case '\r': esc[1] = 'r'; break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = (unsigned char)hex[s[i] >> 4];
			esc[5] = (unsigned char)hex[s[i] & 0xf];
			elen = 6;
			break;
		}
		if ((rc = core_buf_add(out, esc, elen)) != CORE_OK)
			goto fail;
		i++;
	}
	if ((rc = core_buf_addc(out, '"')) != CORE_OK)
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
	if ((rc = core_buf_addc(out, '{')) != CORE_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		if (i > 0 && (rc = core_buf_addc(out, ',')) != CORE_OK)
			goto fail;
		if ((rc = jcs_string(m[i].key, m[i].len, out, err)) != CORE_OK)
			goto out;
		if ((rc = core_buf_addc(out, ':')) != CORE_OK)
			goto fail;
		if ((rc = jcs_value(m[i].value, out, depth + 1, err)) != CORE_OK)
			goto out;
	}
	if ((rc = core_buf_addc(out, '}')) != CORE_OK)
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
		if ((rc = core_buf_addc(out, '[')) != CORE_OK)
			goto fail;
		n = json_array_size(v);
		for (i = 0; i < n; i++) {
			if (i > 0 && (rc = core_buf_addc(out, ',')) != CORE_OK)
				goto fail;
			if ((rc = jcs_value(json_array_get(v, i), out, depth + 1,
			    err)) != CORE_OK)
				goto out;
		}
		if ((rc = core_buf_addc(out, ']')) != CORE_OK)
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
		if ((rc = core_buf_adds(out, num)) != CORE_OK)
			goto fail;
		goto out;
	case JSON_REAL:
		if ((rc = core_jcs_number(json_real_value(v), num,
		    sizeof num)) != CORE_OK) {
			rc = core_err_set(err, rc, CORE_NO_OFFSET,
			    "a number that RFC 8785 cannot represent");
			goto out;
		}
		if ((rc = core_buf_adds(out, num)) != CORE_OK)
			goto fail;
		goto out;
	case JSON_TRUE:
		rc = core_buf_add(out, "true", 4);
		break;
	case JSON_FALSE:
		rc = core_buf_add(out, "false", 5);
		break;
	case JSON_NULL:
		rc = core_buf_add(out, "null", 4);
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

/* Shortest decimal digits of d > 0 that read back as d, and its exponent:
 * d = 0.DIGITS * 10^n.  Returns the number of digits. */
static int
jcs_shortest(double d, char *digits, int *n)
{
	char	tmp[48];
	int	p, k = 0, i, e2, pow2;
	long	e;
	char	*end;

	(void)frexp(d, &e2);
	pow2 = ldexp(1.0, e2 - 1) == d;
	for (p = 1; p <= 17; p++) {
		snprintf(tmp, sizeof tmp, "%.*e", p - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
		/* At a power of two the next double down is half as far as the
		 * next one up, so the nearest p digits may fall just below the
		 * interval that reads back as d while the p digits one unit
		 * higher fall inside it: ECMAScript takes those. */
		if (pow2 && jcs_digit_up(tmp) && strtod(tmp, NULL) == d)
			break;
	}
	/* "D.DDDDe+XX" with whatever decimal point the locale uses. */
	for (i = 0; tmp[i] != '\0' && tmp[i] != 'e'; i++) {
		if (tmp[i] >= '0' && tmp[i] <= '9')
			digits[k++] = tmp[i];
	}
	e = tmp[i] == 'e' ? strtol(tmp + i + 1, &end, 10) : 0;
	while (k > 1 && digits[k - 1] == '0')
		k--;
	digits[k] = '\0';
	*n = (int)e + 1;
	return k;
}

enum core_code
core_jcs_number(double d, char *out, size_t outsz)
{
	char	digits[24];
	size_t	o = 0;
	int	k, n, i, e;

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
		out[o++] = '-';
		d = -d;
	}
	if (d < 9007199254740992.0 && d == floor(d)) {
		snprintf(out + o, outsz - o, "%.0f", d);
		return CORE_OK;
	}
	k = jcs_shortest(d, digits, &n);
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
		snprintf(out + o, outsz - o, "%d", e < 0 ? -e : e);
		return CORE_OK;
	}
	out[o] = '\0';
	return CORE_OK;
}
