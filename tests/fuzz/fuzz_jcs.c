/*
 * fuzz_jcs.c: libFuzzer target for RFC 8785 canonicalisation.
 *
 * The first eight bytes, as a double, must print in a form that reads back
 * as the same double and is no longer than ECMAScript's longest.  The whole
 * input, when it is strict JSON, must canonicalise to strict JSON of the
 * same value, whose canonical form is itself, with the members of every
 * object in strictly increasing order of UTF-16 code units (checked here
 * with a comparison written independently of core/jcs.c).  The compact
 * path, core_jcs_canonicalize(), must refuse what the jansson path refuses
 * and give the same bytes for the rest.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/jcs.h"
#include "core/json.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Name as UTF-16 code units; returns the count (names are valid UTF-8). */
static size_t
to_utf16(const char *s, size_t n, uint16_t *u)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, k = 0, len;
	uint32_t		 cp;

	while (i < n) {
		len = core_json_utf8_len(p + i, n - i);
		if (len == 0)
			abort();
		cp = len == 1 ? p[i] : len == 2 ? p[i] & 0x1f :
		    len == 3 ? p[i] & 0x0f : p[i] & 0x07;
		for (size_t j = 1; j < len; j++)
			cp = (cp << 6) | (p[i + j] & 0x3f);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			u[k++] = (uint16_t)(0xd800 + (cp >> 10));
			u[k++] = (uint16_t)(0xdc00 + (cp & 0x3ff));
		} else
			u[k++] = (uint16_t)cp;
		i += len;
	}
	return k;
}

/* Is a strictly before b, as arrays of UTF-16 code units? */
static int
utf16_before(const char *a, size_t alen, const char *b, size_t blen)
{
	uint16_t	*ua, *ub;
	size_t		 na, nb, i;
	int		 before;

	ua = malloc((alen + 1) * sizeof *ua);
	ub = malloc((blen + 1) * sizeof *ub);
	if (ua == NULL || ub == NULL)
		abort();
	na = to_utf16(a, alen, ua);
	nb = to_utf16(b, blen, ub);
	for (i = 0; i < na && i < nb && ua[i] == ub[i]; i++)
		;
	before = i < na && i < nb ? ua[i] < ub[i] : na < nb;
	free(ua);
	free(ub);
	return before;
}

/* Same value, numbers compared by value: the canonical form of the real
 * -0.0 or 1E2 reads back as an integer. */
static int
same(json_t *a, json_t *b)
{
	const char	*key;
	size_t		 i;
	json_t		*va;

	if (a == NULL || b == NULL)
		return 0;
	if (json_is_number(a) && json_is_number(b))
		return json_number_value(a) == json_number_value(b);
	if (json_typeof(a) != json_typeof(b))
		return 0;
	if (json_is_array(a)) {
		if (json_array_size(a) != json_array_size(b))
			return 0;
		for (i = 0; i < json_array_size(a); i++) {
			if (!same(json_array_get(a, i), json_array_get(b, i)))
				return 0;
		}
		return 1;
	}
	if (json_is_object(a)) {
		if (json_object_size(a) != json_object_size(b))
			return 0;
		json_object_foreach(a, key, va) {
			if (!same(va, json_object_getn(b, key,
			    json_object_iter_key_len(json_object_key_to_iter(key)))))
				return 0;
		}
		return 1;
	}
	return json_equal(a, b);
}

/* Members of every object, in the order read, are strictly increasing. */
static void
check_order(json_t *v)
{
	const char	*prev = NULL, *key;
	size_t		 prevlen = 0, keylen, i;
	void		*it;

	if (json_is_array(v)) {
		for (i = 0; i < json_array_size(v); i++)
			check_order(json_array_get(v, i));
		return;
	}
	if (!json_is_object(v))
		return;
	for (it = json_object_iter(v); it != NULL;
	    it = json_object_iter_next(v, it)) {
		key = json_object_iter_key(it);
		keylen = json_object_iter_key_len(it);
		if (prev != NULL && !utf16_before(prev, prevlen, key, keylen))
			abort();
		check_order(json_object_iter_value(it));
		prev = key;
		prevlen = keylen;
	}
}

static void
check_number(const uint8_t *data)
{
	char	out[32];
	double	d, back;

	memcpy(&d, data, sizeof d);
	if (!isfinite(d)) {
		if (core_jcs_number(d, out, sizeof out) != CORE_E_JSON_NUMBER)
			abort();
		return;
	}
	if (core_jcs_number(d, out, sizeof out) != CORE_OK)
		abort();
	if (strlen(out) > 25 || out[0] == '+' || strchr(out, 'E') != NULL)
		abort();
	back = strtod(out, NULL);
	if (back != d)
		abort();
	if (d == 0 && strcmp(out, "0") != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct core_buf	 c1, c2;
	struct core_err	 err;
	enum core_code	 direct;
	json_t		*v = NULL, *w = NULL;

	if (size >= 8)
		check_number(data);
	core_buf_init(&c1, 64 * 1024 * 1024);
	core_buf_init(&c2, 64 * 1024 * 1024);
	/* The compact path and the jansson path agree: both refuse, or both
	 * give the same bytes. */
	direct = core_jcs_canonicalize(data, size, NULL, &c2, &err);
	if (direct != CORE_OK && (c2.len != 0 || err.code != direct))
		abort();
	if (core_json_parse(data, size, NULL, &v, &err) != CORE_OK) {
		if (direct == CORE_OK)
			abort();
		goto out;
	}
	if (direct != CORE_OK)
		abort();
	if (core_jcs_serialize(v, &c1, &err) != CORE_OK)
		abort();
	if (c1.len != c2.len || memcmp(c1.data, c2.data, c1.len) != 0)
		abort();
	core_buf_reset(&c2);
	/* Canonical output always reads again: the reader refuses on input
	 * the reals that would be written as integers past 2^53 - 1. */
	if (core_json_parse(c1.data, c1.len, NULL, &w, &err) != CORE_OK)
		abort();
	if (!same(v, w))
		abort();
	check_order(w);
	if (core_jcs_serialize(w, &c2, &err) != CORE_OK)
		abort();
	if (c1.len != c2.len || memcmp(c1.data, c2.data, c1.len) != 0)
		abort();
out:
	json_decref(v);
	json_decref(w);
	core_buf_free(&c1);
	core_buf_free(&c2);
	return 0;
}
