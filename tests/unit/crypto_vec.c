/* crypto_vec.c: reading test vectors for the unit tests. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/json.h"
#include "tests/unit/crypto_vec.h"

char *
cv_slurp(const char *rel, size_t *len)
{
	const char	*top = getenv("top_srcdir");
	char		 path[4096];
	char		*p = NULL;
	size_t		 n = 0, cap = 0, got;
	FILE		*f;

	if (top == NULL)
		top = ".";
	snprintf(path, sizeof path, "%s/%s", top, rel);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	for (;;) {
		if (n + 4097 > cap) {
			cap = cap == 0 ? 8192 : cap * 2;
			p = realloc(p, cap);
			ck_assert(p != NULL);
		}
		got = fread(p + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	p[n] = '\0';
	if (len != NULL)
		*len = n;
	return p;
}

json_t *
cv_json(const char *rel)
{
	struct core_err	 err;
	json_t		*v = NULL;
	size_t		 n;
	char		*text = cv_slurp(rel, &n);

	ck_assert_msg(core_json_parse(text, n, NULL, &v, &err) == CORE_OK,
	    "%s: %s", rel, err.detail);
	free(text);
	return v;
}

char *
cv_next(const char *text, const char **pos, const char *name)
{
	const char	*p = *pos == NULL ? text : *pos, *end;
	size_t		 nl = strlen(name);
	char		*v;

	for (;;) {
		if (strncmp(p, name, nl) == 0 && p[nl] == ':' &&
		    (p == text || p[-1] == '\n'))
			break;
		p = strchr(p, '\n');
		if (p == NULL)
			return NULL;
		p++;
	}
	p += nl + 1;
	if (*p == ' ')
		p++;
	end = strchr(p, '\n');
	if (end == NULL)
		end = p + strlen(p);
	v = malloc((size_t)(end - p) + 1);
	ck_assert(v != NULL);
	memcpy(v, p, (size_t)(end - p));
	v[end - p] = '\0';
	*pos = end;
	return v;
}

unsigned char *
cv_unhex(const char *hex, size_t *n)
{
	unsigned char	*p;

	*n = strlen(hex) / 2;
	p = malloc(*n + 1);
	ck_assert(p != NULL);
	ck_assert_msg(core_unhex(hex, p, *n) == 0, "bad hex %.40s", hex);
	return p;
}

struct core_key *
cv_key_jwk(const char *text)
{
	struct core_key	*k = NULL;
	struct core_err	 err;
	json_t		*j = NULL;

	ck_assert_msg(core_json_parse(text, strlen(text), NULL, &j, &err) ==
	    CORE_OK, "JWK: %s", err.detail);
	ck_assert_msg(core_key_from_jwk(j, &k, &err) == CORE_OK, "JWK: %s",
	    err.detail);
	json_decref(j);
	return k;
}
