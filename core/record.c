/*
 * record.c: read a recourse/1 decision payload into struct core_record.
 *
 * The parser walks the JSON with a path of member names and indices
 * ("explanation.factors[2].value") that names the field in every refusal.
 * All memory of a record comes from a list of blocks that the record owns,
 * so that a refusal half-way releases everything with one call.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/intl.h"
#include "core/record.h"

/* ---- memory owned by a record ------------------------------------------ */

union rec_block {
	union rec_block	*next;
	max_align_t	 align;
};

struct core_rec_mem {
	union rec_block	*blocks;
	json_t		*attestation;
};

struct pctx {
	struct core_err		*err;
	struct core_rec_mem	*mem;
	char			 path[256];
	size_t			 len;
	const char		**langs;	/* the record's languages */
	size_t			 nlangs;
	int			 lang_check;	/* texts must hold every language */
};

/* Zeroed memory that the record owns, n items of size bytes. */
static void *
rec_alloc(struct pctx *c, size_t n, size_t size)
{
	union rec_block	*b;
	size_t		 total;

	if (n == 0)
		n = 1;
	if (size != 0 && n > (SIZE_MAX - sizeof *b) / size)
		return NULL;
	total = sizeof *b + n * size;
	if ((b = core_calloc(1, total)) == NULL)
		return NULL;
	b->next = c->mem->blocks;
	c->mem->blocks = b;
	return b + 1;
}

/* A copy of n bytes at s, NUL-terminated, owned by the record. */
static const char *
rec_strdup(struct pctx *c, const char *s, size_t n)
{
	char	*d;

	if ((d = rec_alloc(c, n + 1, 1)) == NULL)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* ---- paths and refusals ------------------------------------------------- */

/* Append ".name" (or "name" at the top) to the path; returns the old length. */
static size_t
push(struct pctx *c, const char *name)
{
	size_t	old = c->len;
	int	n;

	n = snprintf(c->path + c->len, sizeof c->path - c->len, "%s%s",
	    c->len ? "." : "", name);
	if (n > 0)
		c->len += (size_t)n < sizeof c->path - c->len ? (size_t)n :
		    sizeof c->path - c->len - 1;
	return old;
}

/* Append "[i]" to the path; returns the old length. */
static size_t
push_index(struct pctx *c, size_t i)
{
	size_t	old = c->len;
	int	n;

	n = snprintf(c->path + c->len, sizeof c->path - c->len, "[%zu]", i);
	if (n > 0)
		c->len += (size_t)n < sizeof c->path - c->len ? (size_t)n :
		    sizeof c->path - c->len - 1;
	return old;
}

/* Cut the path back to a length push() returned. */
static void
pop(struct pctx *c, size_t old)
{
	c->len = old;
	c->path[old] = '\0';
}

/* Refuse the record at the current path. */
static enum core_code
refuse(struct pctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static enum core_code
refuse(struct pctx *c, const char *fmt, ...)
{
	char	msg[160];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return core_err_set(c->err, CORE_E_RECORD, CORE_NO_OFFSET, "%s: %s",
	    c->len ? c->path : "record", msg);
}

/* Out of memory at the current path. */
static enum core_code
nomem(struct pctx *c)
{
	return core_err_set(c->err, CORE_E_NOMEM, CORE_NO_OFFSET, "%s",
	    c->len ? c->path : "record");
}

/* ---- forms of strings ---------------------------------------------------- */

enum form {
	F_ANY,		/* any text without NUL */
	F_ID,		/* [A-Za-z0-9][A-Za-z0-9._:-]{0,127} */
	F_CODE,		/* [a-z][a-z0-9_]{0,63} */
	F_LANG,		/* [a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3} */
	F_ORIGIN,	/* https origin, or http on loopback */
	F_URL,		/* origin, then nothing or a path */
	F_SHA256,	/* 64 lowercase hex digits */
	F_TIME,		/* RFC 3339 UTC */
	F_DATE		/* YYYY-MM-DD */
};

/* 1 for an ASCII letter or digit. */
static int
is_alnum(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9');
}

/* Unicode code points in n bytes of valid UTF-8. */
static size_t
utf8_chars(const char *s, size_t n)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			k++;
	return k;
}

/* 1 when n bytes at s are an identifier. */
static int
form_id(const char *s, size_t n)
{
	size_t	i;

	if (n < 1 || n > 128 || !is_alnum((unsigned char)s[0]))
		return 0;
	for (i = 1; i < n; i++)
		if (!is_alnum((unsigned char)s[i]) && strchr("._:-", s[i]) == NULL)
			return 0;
	return 1;
}

/* 1 when n bytes at s are a code word. */
static int
form_code(const char *s, size_t n)
{
	size_t	i;

	if (n < 1 || n > 64 || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '_'))
			return 0;
	return 1;
}

/* 1 when n bytes at s are a short BCP 47 language tag. */
static int
form_lang(const char *s, size_t n)
{
	size_t	i = 0, k, subtags = 0;

	while (i < n && s[i] >= 'a' && s[i] <= 'z')
		i++;
	if (i < 2 || i > 3)
		return 0;
	while (i < n) {
		if (s[i] != '-' || ++subtags > 3)
			return 0;
		i++;
		for (k = 0; i < n && is_alnum((unsigned char)s[i]); i++)
			k++;
		if (k < 1 || k > 8)
			return 0;
	}
	return 1;
}

/* Length of the origin at the start of s (0 when there is none). */
static size_t
origin_len(const char *s, size_t n)
{
	static const char *const loop[] = {
		"http://127.0.0.1", "http://localhost", "http://[::1]"
	};
	size_t	i, h, k;

	for (i = 0; i < sizeof loop / sizeof loop[0]; i++) {
		k = strlen(loop[i]);
		if (n >= k && memcmp(s, loop[i], k) == 0) {
			h = k;
			goto port;
		}
	}
	if (n < 9 || memcmp(s, "https://", 8) != 0)
		return 0;
	for (h = 8; h < n && ((s[h] >= 'a' && s[h] <= 'z') ||
	    (s[h] >= '0' && s[h] <= '9') || s[h] == '.' || s[h] == '-'); h++)
		;
	if (h == 8 || s[8] == '.' || s[8] == '-' || s[h - 1] == '.' ||
	    s[h - 1] == '-')
		return 0;
port:
	if (h < n && s[h] == ':') {
		for (k = h + 1; k < n && s[k] >= '0' && s[k] <= '9'; k++)
			;
		if (k == h + 1 || k - h - 1 > 5)
			return 0;
		h = k;
	}
	if (h < n && s[h] != '/')
		return 0;
	return h;
}

/* 1 when n bytes at s are an allowed URL (with origin_only, an origin). */
static int
form_url(const char *s, size_t n, int origin_only)
{
	size_t	o, i;

	if (n > CORE_REC_MAX_URL || (o = origin_len(s, n)) == 0)
		return 0;
	if (origin_only)
		return o == n;
	for (i = o; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/* 1 when n bytes at s are 64 lowercase hex digits. */
static int
form_sha256(const char *s, size_t n)
{
	size_t	i;

	if (n != 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t		era;
	unsigned	yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* n decimal digits at s into *v; 0 when one is not a digit. */
static int
digits(const char *s, size_t n, unsigned *v)
{
	size_t	i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return 1;
}

/* "YYYY-MM-DD" at s (10 bytes) into days since the epoch. */
static int
parse_ymd(const char *s, int64_t *days)
{
	static const unsigned mdays[] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	unsigned	y, m, d;
	int		leap;

	if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) ||
	    s[7] != '-' || !digits(s + 8, 2, &d))
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return -1;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m == 2 && d == 29 && !leap)
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

/* "YYYY-MM-DD" to seconds since the epoch (see record.h). */
int
core_record_parse_date(const char *s, int64_t *epoch)
{
	int64_t	days;

	if (s == NULL || strlen(s) != 10 || parse_ymd(s, &days) != 0)
		return -1;
	*epoch = days * 86400;
	return 0;
}

/* RFC 3339 UTC time to seconds since the epoch (see record.h). */
int
core_record_parse_time(const char *s, int64_t *epoch)
{
	unsigned	hh, mm, ss;
	int64_t		days;
	size_t		n, i;

	if (s == NULL || (n = strlen(s)) < 20 || parse_ymd(s, &days) != 0)
		return -1;
	if (s[10] != 'T' || !digits(s + 11, 2, &hh) || s[13] != ':' ||
	    !digits(s + 14, 2, &mm) || s[16] != ':' || !digits(s + 17, 2, &ss))
		return -1;
	if (hh > 23 || mm > 59 || ss > 60)
		return -1;
	i = 19;
	if (s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == 20 || i - 20 > 9)
			return -1;
	}
	if (i != n - 1 || s[i] != 'Z')
		return -1;
	*epoch = days * 86400 + (int64_t)hh * 3600 + (int64_t)mm * 60 + ss;
	return 0;
}

/* What a form is, for a refusal. */
static const char *
form_what(enum form f)
{
	switch (f) {
	case F_ID: return "an identifier (letters, digits and . _ : -, at most 128)";
	case F_CODE: return "a code word (a-z, 0-9 and _, at most 64)";
	case F_LANG: return "a language tag";
	case F_ORIGIN: return "an https origin";
	case F_URL: return "an https URL";
	case F_SHA256: return "64 lowercase hexadecimal digits";
	case F_TIME: return "an RFC 3339 UTC time";
	case F_DATE: return "a date YYYY-MM-DD";
	default: return "text";
	}
}

/* 1 when n bytes at s have form f. */
static int
form_ok(enum form f, const char *s, size_t n)
{
	int64_t	t;

	switch (f) {
	case F_ID: return form_id(s, n);
	case F_CODE: return form_code(s, n);
	case F_LANG: return form_lang(s, n);
	case F_ORIGIN: return form_url(s, n, 1);
	case F_URL: return form_url(s, n, 0);
	case F_SHA256: return form_sha256(s, n);
	case F_TIME: return core_record_parse_time(s, &t) == 0;
	case F_DATE: return core_record_parse_date(s, &t) == 0;
	default: return 1;
	}
}

/* ---- members ------------------------------------------------------------- */

#define REQ 1
#define OPT 0

/* Member name of obj, or NULL; refuses a missing required member. */
static enum core_code
member(struct pctx *c, const json_t *obj, const char *name, int req,
    json_t **out)
{
	enum core_code	rc;

	*out = json_object_get(obj, name);
	if (*out == NULL && req) {
		rc = refuse(c, "required member \"%s\" is missing", name);
		goto out;
	}
	rc = CORE_OK;
out:
	return rc;
}

/* A string value v at the current path, of form f, 1..maxc characters. */
static enum core_code
val_str(struct pctx *c, const json_t *v, enum form f, size_t maxc,
    const char **out)
{
	enum core_code	rc;
	const char	*s;
	size_t		 n;

	if (!json_is_string(v)) {
		rc = refuse(c, "must be a string");
		goto out;
	}
	s = json_string_value(v);
	n = json_string_length(v);
	if (memchr(s, '\0', n) != NULL) {
		rc = refuse(c, "must not contain a NUL character");
		goto out;
	}
	if (n == 0) {
		rc = refuse(c, "must not be empty");
		goto out;
	}
	if (maxc != 0 && utf8_chars(s, n) > maxc) {
		rc = refuse(c, "longer than %zu characters", maxc);
		goto out;
	}
	if (!form_ok(f, s, n)) {
		rc = refuse(c, "must be %s", form_what(f));
		goto out;
	}
	if ((*out = rec_strdup(c, s, n)) == NULL) {
		rc = nomem(c);
		goto out;
	}
	rc = CORE_OK;
out:
	return rc;
}

/* A string member of form f, at most maxc characters (0: no limit). */
static enum core_code
m_str(struct pctx *c, const json_t *obj, const char *name, int req,
    enum form f, size_t maxc, const char **out)
{
	enum core_code	 rc;
	json_t		*v;
	size_t		 old;

	*out = NULL;
	if ((rc = member(c, obj, name, req, &v)) != CORE_OK || v == NULL)
		goto out;
	old = push(c, name);
	rc = val_str(c, v, f, maxc, out);
	if (rc == CORE_OK)
		pop(c, old);
out:
	return rc;
}

/* A time member, or with date set a date member, with its epoch value. */
static enum core_code
m_time(struct pctx *c, const json_t *obj, const char *name, int req, int date,
    struct core_rec_time *out)
{
	enum core_code	rc;

	memset(out, 0, sizeof *out);
	if ((rc = m_str(c, obj, name, req, date ? F_DATE : F_TIME, 40,
	    &out->text)) != CORE_OK || out->text == NULL)
		goto out;
	if (date)
		core_record_parse_date(out->text, &out->epoch);
	else
		core_record_parse_time(out->text, &out->epoch);
	rc = CORE_OK;
out:
	return rc;
}

/* A number member; *present says whether an optional one was there. */
static enum core_code
m_num(struct pctx *c, const json_t *obj, const char *name, int req,
    double *out, int *present)
{
	enum core_code	 rc;
	json_t		*v;

	*out = 0;
	if (present != NULL)
		*present = 0;
	if ((rc = member(c, obj, name, req, &v)) != CORE_OK || v == NULL)
		goto out;
	if (!json_is_number(v)) {
		push(c, name);
		rc = refuse(c, "must be a number");
		goto out;
	}
	*out = json_number_value(v);
	if (present != NULL)
		*present = 1;
	rc = CORE_OK;
out:
	return rc;
}

/* An integer member from lo to hi. */
static enum core_code
m_int(struct pctx *c, const json_t *obj, const char *name, int req,
    long long lo, long long hi, unsigned *out)
{
	enum core_code	 rc;
	json_t		*v;
	json_int_t	 i;
	size_t		 old;

	*out = 0;
	if ((rc = member(c, obj, name, req, &v)) != CORE_OK || v == NULL)
		goto out;
	old = push(c, name);
	if (!json_is_integer(v)) {
		rc = refuse(c, "must be an integer");
		goto out;
	}
	i = json_integer_value(v);
	if (i < lo || i > hi) {
		rc = refuse(c, "must be from %lld to %lld", lo, hi);
		goto out;
	}
	*out = (unsigned)i;
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* A boolean member; *present says whether an optional one was there. */
static enum core_code
m_bool(struct pctx *c, const json_t *obj, const char *name, int req, int *out,
    int *present)
{
	enum core_code	 rc;
	json_t		*v;

	*out = 0;
	if (present != NULL)
		*present = 0;
	if ((rc = member(c, obj, name, req, &v)) != CORE_OK || v == NULL)
		goto out;
	if (!json_is_boolean(v)) {
		push(c, name);
		rc = refuse(c, "must be true or false");
		goto out;
	}
	*out = json_is_true(v);
	if (present != NULL)
		*present = 1;
	rc = CORE_OK;
out:
	return rc;
}

/* One of names[] (NULL-terminated); *out gets its index + 1. */
static enum core_code
m_enum(struct pctx *c, const json_t *obj, const char *name, int req,
    const char *const *names, int *out)
{
	enum core_code	 rc;
	json_t		*v;
	const char	*s;
	size_t		 i, old;

	*out = 0;
	if ((rc = member(c, obj, name, req, &v)) != CORE_OK || v == NULL)
		goto out;
	old = push(c, name);
	if (!json_is_string(v)) {
		rc = refuse(c, "must be a string");
		goto out;
	}
	s = json_string_value(v);
	for (i = 0; names[i] != NULL; i++) {
		if (strlen(names[i]) == json_string_length(v) &&
		    strcmp(names[i], s) == 0) {
			*out = (int)i + 1;
			pop(c, old);
			rc = CORE_OK;
			goto out;
		}
	}
	rc = refuse(c, "\"%.40s\" is not one of the values allowed", s);
out:
	return rc;
}

/* An object member; *out NULL when an optional one is absent. */
static enum core_code
m_obj(struct pctx *c, const json_t *obj, const char *name, int req,
    json_t **out)
{
	enum core_code	rc;

	if ((rc = member(c, obj, name, req, out)) != CORE_OK || *out == NULL)
		goto out;
	if (!json_is_object(*out)) {
		push(c, name);
		rc = refuse(c, "must be an object");
		goto out;
	}
	rc = CORE_OK;
out:
	return rc;
}

/* An array member of lo..hi items; *out NULL when an optional one is absent. */
static enum core_code
m_arr(struct pctx *c, const json_t *obj, const char *name, int req,
    size_t lo, size_t hi, json_t **out)
{
	enum core_code	rc;
	size_t		n;

	if ((rc = member(c, obj, name, req, out)) != CORE_OK || *out == NULL)
		goto out;
	if (!json_is_array(*out)) {
		push(c, name);
		rc = refuse(c, "must be an array");
		goto out;
	}
	n = json_array_size(*out);
	if (n < lo || n > hi) {
		push(c, name);
		rc = refuse(c, "must have from %zu to %zu items", lo, hi);
		goto out;
	}
	rc = CORE_OK;
out:
	return rc;
}

/* A text value v: {"lang": "text", ...} with every record language. */
static enum core_code
val_text(struct pctx *c, const json_t *v, size_t maxc, struct core_text *out)
{
	enum core_code	 rc = CORE_OK;
	const char	*k;
	json_t		*s;
	size_t		 i, n, old;

	memset(out, 0, sizeof *out);
	if (!json_is_object(v)) {
		rc = refuse(c, "must be an object of texts by language");
		goto out;
	}
	n = json_object_size(v);
	if (n < 1 || n > CORE_REC_MAX_LANGUAGES) {
		rc = refuse(c, "must give from 1 to %d languages",
		    CORE_REC_MAX_LANGUAGES);
		goto out;
	}
	if ((out->items = rec_alloc(c, n, sizeof *out->items)) == NULL) {
		rc = nomem(c);
		goto out;
	}
	json_object_foreach((json_t *)v, k, s) {
		old = push(c, k);
		if (!form_lang(k, strlen(k))) {
			rc = refuse(c, "is not a language tag");
			goto out;
		}
		if ((rc = val_str(c, s, F_ANY, maxc, &out->items[out->n].text)) != CORE_OK)
			goto out;
		if ((out->items[out->n].lang = rec_strdup(c, k, strlen(k))) == NULL) {
			rc = nomem(c);
			goto out;
		}
		out->n++;
		pop(c, old);
	}
	if (!c->lang_check) {
		rc = CORE_OK;
		goto out;
	}
	for (i = 0; i < c->nlangs; i++) {
		if (json_object_get(v, c->langs[i]) == NULL) {
			rc = refuse(c, "has no text in \"%s\", a language of the record",
			    c->langs[i]);
			goto out;
		}
	}
	rc = CORE_OK;
out:
	return rc;
}

/* A text member: an object of texts by language. */
static enum core_code
m_text(struct pctx *c, const json_t *obj, const char *name, int req,
    size_t maxc, struct core_text *out)
{
	enum core_code	 rc;
	json_t		*v;
	size_t		 old;

	memset(out, 0, sizeof *out);
	if ((rc = member(c, obj, name, req, &v)) != CORE_OK || v == NULL)
		goto out;
	old = push(c, name);
	if ((rc = val_text(c, v, maxc, out)) == CORE_OK)
		pop(c, old);
out:
	return rc;
}

/* A value: number, string or boolean. */
static enum core_code
val_value(struct pctx *c, const json_t *v, struct core_rec_value *out)
{
	enum core_code	rc;

	memset(out, 0, sizeof *out);
	if (json_is_number(v)) {
		out->type = CORE_REC_VALUE_NUMBER;
		out->num = json_number_value(v);
		out->is_integer = json_is_integer(v);
		rc = CORE_OK;
		goto out;
	}
	if (json_is_boolean(v)) {
		out->type = CORE_REC_VALUE_BOOL;
		out->boolean = json_is_true(v);
		rc = CORE_OK;
		goto out;
	}
	if (json_is_string(v)) {
		out->type = CORE_REC_VALUE_STRING;
		rc = val_str(c, v, F_ANY, CORE_REC_MAX_VALUE, &out->str);
		goto out;
	}
	rc = refuse(c, "must be a number, a string or a boolean");
out:
	return rc;
}

/* A value member: a number, a string or a boolean. */
static enum core_code
m_value(struct pctx *c, const json_t *obj, const char *name,
    struct core_rec_value *out)
{
	enum core_code	 rc;
	json_t		*v;
	size_t		 old;

	if ((rc = member(c, obj, name, REQ, &v)) != CORE_OK)
		goto out;
	old = push(c, name);
	if ((rc = val_value(c, v, out)) == CORE_OK)
		pop(c, old);
out:
	return rc;
}

/* An array of values (1..hi). */
static enum core_code
m_values(struct pctx *c, const json_t *obj, const char *name, size_t hi,
    struct core_rec_value **out, size_t *n)
{
	enum core_code	 rc;
	json_t		*a, *v;
	size_t		 i, old, o2;

	if ((rc = m_arr(c, obj, name, REQ, 1, hi, &a)) != CORE_OK)
		goto out;
	if ((*out = rec_alloc(c, json_array_size(a), sizeof **out)) == NULL) {
		rc = nomem(c);
		goto out;
	}
	*n = json_array_size(a);
	old = push(c, name);
	json_array_foreach(a, i, v) {
		o2 = push_index(c, i);
		if ((rc = val_value(c, v, &(*out)[i])) != CORE_OK)
			goto out;
		pop(c, o2);
	}
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* Ids of factors: the array name of obj, resolved against the factors. */
static enum core_code
m_factor_refs(struct pctx *c, const json_t *obj, const char *name,
    const struct core_rec_explanation *ex, const char ***ids, size_t **idx,
    size_t *n)
{
	enum core_code	 rc;
	json_t		*a, *v;
	size_t		 i, k, old, o2;

	*n = 0;
	if ((rc = m_arr(c, obj, name, OPT, 0, 16, &a)) != CORE_OK || a == NULL)
		goto out;
	*n = json_array_size(a);
	if ((*ids = rec_alloc(c, *n, sizeof **ids)) == NULL ||
	    (*idx = rec_alloc(c, *n, sizeof **idx)) == NULL) {
		rc = nomem(c);
		goto out;
	}
	old = push(c, name);
	json_array_foreach(a, i, v) {
		o2 = push_index(c, i);
		if ((rc = val_str(c, v, F_ID, 0, &(*ids)[i])) != CORE_OK)
			goto out;
		for (k = 0; k < ex->nfactors; k++)
			if (strcmp(ex->factors[k].id, (*ids)[i]) == 0)
				break;
		if (k == ex->nfactors) {
			rc = refuse(c, "names no factor of the record");
			goto out;
		}
		(*idx)[i] = k;
		pop(c, o2);
	}
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* Index of the factor named by obj.name, or a refusal. */
static enum core_code
m_factor_ref(struct pctx *c, const json_t *obj, const char *name,
    const struct core_rec_explanation *ex, const char **id, size_t *idx)
{
	enum core_code	rc;
	size_t		k;

	if ((rc = m_str(c, obj, name, REQ, F_ID, 0, id)) != CORE_OK)
		goto out;
	for (k = 0; k < ex->nfactors; k++) {
		if (strcmp(ex->factors[k].id, *id) == 0) {
			*idx = k;
			rc = CORE_OK;
			goto out;
		}
	}
	push(c, name);
	rc = refuse(c, "names no factor of the record");
out:
	return rc;
}

/* ---- the parts of a record ---------------------------------------------- */

static const char *const outcome_names[] = {
	"approved", "approved_with_conditions", "denied", "reduced",
	"terminated", "terms_changed", "other", NULL
};
static const char *const domain_names[] = {
	"credit", "insurance", "housing", "employment", "social_security",
	"education", "health", "other", NULL
};
static const char *const direction_names[] = {
	"adverse", "favourable", "neutral", NULL
};
static const char *const method_names[] = {
	"scorecard", "rules", "model_attribution", NULL
};
static const char *const algorithm_names[] = {
	"shap", "integrated_gradients", "lime", "other", NULL
};
static const char *const favourable_names[] = { "above", "below", NULL };
static const char *const format_names[] = { "html", "text", NULL };
static const char *const automation_names[] = {
	"solely_automated", "automated_with_human_review",
	"human_with_automated_support", "human", NULL
};
static const char *const review_names[] = {
	"upheld", "varied", "overturned", NULL
};
static const char *const role_names[] = {
	"operator", "deployer", "provider", NULL
};
static const char *const source_names[] = {
	"applicant", "internal", "credit_reference_agency", "public_record",
	"employer", "third_party", "other", NULL
};
static const char *const ia_kind_names[] = {
	"dpia", "fria", "equality", "algorithmic", "other", NULL
};

/* A list of language tags: 1..16, distinct. */
static enum core_code
p_languages(struct pctx *c, const json_t *obj, const char *name,
    const char ***out, size_t *n)
{
	enum core_code	 rc;
	json_t		*a, *v;
	size_t		 i, k, old, o2;

	if ((rc = m_arr(c, obj, name, REQ, 1, CORE_REC_MAX_LANGUAGES, &a)) != CORE_OK)
		goto out;
	*n = json_array_size(a);
	if ((*out = rec_alloc(c, *n, sizeof **out)) == NULL) {
		rc = nomem(c);
		goto out;
	}
	old = push(c, name);
	json_array_foreach(a, i, v) {
		o2 = push_index(c, i);
		if ((rc = val_str(c, v, F_LANG, 0, &(*out)[i])) != CORE_OK)
			goto out;
		for (k = 0; k < i; k++)
			if (strcmp((*out)[k], (*out)[i]) == 0) {
				rc = refuse(c, "repeats \"%s\"", (*out)[i]);
				goto out;
			}
		pop(c, o2);
	}
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* outcome: code, adverse, summary, effective date, amounts. */
static enum core_code
p_outcome(struct pctx *c, const json_t *top, struct core_rec_outcome *o)
{
	enum core_code	 rc;
	json_t		*obj, *a, *v;
	size_t		 i, old, o2;
	int		 e;

	if ((rc = m_obj(c, top, "outcome", REQ, &obj)) != CORE_OK)
		goto out;
	old = push(c, "outcome");
	if ((rc = m_enum(c, obj, "code", REQ, outcome_names, &e)) != CORE_OK ||
	    (rc = m_bool(c, obj, "adverse", REQ, &o->adverse, NULL)) != CORE_OK ||
	    (rc = m_text(c, obj, "summary", REQ, CORE_REC_MAX_TEXT, &o->summary)) != CORE_OK ||
	    (rc = m_time(c, obj, "effective_date", OPT, 1, &o->effective_date)) != CORE_OK ||
	    (rc = m_arr(c, obj, "amounts", OPT, 0, 8, &a)) != CORE_OK)
		goto out;
	o->code = (enum core_rec_outcome_code)e;
	if (a != NULL) {
		o->namounts = json_array_size(a);
		if ((o->amounts = rec_alloc(c, o->namounts, sizeof *o->amounts)) == NULL) {
			rc = nomem(c);
			goto out;
		}
		push(c, "amounts");
		json_array_foreach(a, i, v) {
			struct core_rec_amount *am = &o->amounts[i];

			o2 = push_index(c, i);
			if (!json_is_object(v)) {
				rc = refuse(c, "must be an object");
				goto out;
			}
			if ((rc = m_text(c, v, "label", REQ, CORE_REC_MAX_TEXT, &am->label)) != CORE_OK ||
			    (rc = m_num(c, v, "before", OPT, &am->before, &am->has_before)) != CORE_OK ||
			    (rc = m_num(c, v, "after", REQ, &am->after, NULL)) != CORE_OK ||
			    (rc = m_str(c, v, "unit", REQ, F_ANY, 32, &am->unit)) != CORE_OK)
				goto out;
			pop(c, o2);
		}
	}
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* feasible_range of a factor: numeric bounds or a list of values. */
static enum core_code
p_range(struct pctx *c, const json_t *f, struct core_rec_range *r)
{
	enum core_code	 rc;
	json_t		*obj;
	size_t		 old;

	if ((rc = m_obj(c, f, "feasible_range", OPT, &obj)) != CORE_OK || obj == NULL)
		goto out;
	old = push(c, "feasible_range");
	if (json_object_get(obj, "values") != NULL) {
		r->kind = CORE_REC_RANGE_VALUES;
		if ((rc = m_values(c, obj, "values", 64, &r->values, &r->nvalues)) != CORE_OK)
			goto out;
	} else {
		r->kind = CORE_REC_RANGE_NUMERIC;
		if ((rc = m_num(c, obj, "min", OPT, &r->min, &r->has_min)) != CORE_OK ||
		    (rc = m_num(c, obj, "max", OPT, &r->max, &r->has_max)) != CORE_OK ||
		    (rc = m_num(c, obj, "step", OPT, &r->step, &r->has_step)) != CORE_OK)
			goto out;
		if (!r->has_min && !r->has_max && !r->has_step) {
			rc = refuse(c, "must give min, max, step or values");
			goto out;
		}
		if (r->has_min && r->has_max && r->min > r->max) {
			rc = refuse(c, "min is above max");
			goto out;
		}
		if (r->has_step && !(r->step > 0)) {
			rc = refuse(c, "step must be above 0");
			goto out;
		}
	}
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* One factor of explanation.factors. */
static enum core_code
p_factor(struct pctx *c, const json_t *v, struct core_rec_factor *f)
{
	enum core_code	rc;
	int		e;

	if (!json_is_object(v)) {
		rc = refuse(c, "must be an object");
		goto out;
	}
	f->source_index = CORE_REC_NONE;
	if ((rc = m_str(c, v, "id", REQ, F_ID, 0, &f->id)) != CORE_OK ||
	    (rc = m_text(c, v, "name", REQ, CORE_REC_MAX_NAME, &f->name)) != CORE_OK ||
	    (rc = m_value(c, v, "value", &f->value)) != CORE_OK ||
	    (rc = m_str(c, v, "unit", OPT, F_ANY, 32, &f->unit)) != CORE_OK ||
	    (rc = m_num(c, v, "contribution", REQ, &f->contribution, NULL)) != CORE_OK ||
	    (rc = m_enum(c, v, "direction", REQ, direction_names, &e)) != CORE_OK ||
	    (rc = m_bool(c, v, "actionable", REQ, &f->actionable, NULL)) != CORE_OK ||
	    (rc = p_range(c, v, &f->feasible)) != CORE_OK ||
	    (rc = m_str(c, v, "source", OPT, F_ID, 0, &f->source)) != CORE_OK ||
	    (rc = m_text(c, v, "description", OPT, CORE_REC_MAX_TEXT, &f->description)) != CORE_OK)
		goto out;
	f->direction = (enum core_rec_direction)e;
	rc = CORE_OK;
out:
	return rc;
}

/* One bin of a scorecard row: a numeric band or a list of values. */
static enum core_code
p_bin(struct pctx *c, const json_t *v, struct core_rec_bin *b)
{
	enum core_code	rc;

	if (!json_is_object(v)) {
		rc = refuse(c, "must be an object");
		goto out;
	}
	if ((rc = m_num(c, v, "points", REQ, &b->points, NULL)) != CORE_OK)
		goto out;
	if (json_object_get(v, "values") != NULL) {
		b->categorical = 1;
		if (json_object_get(v, "min") != NULL || json_object_get(v, "max") != NULL) {
			rc = refuse(c, "gives both values and min or max");
			goto out;
		}
		rc = m_values(c, v, "values", 64, &b->values, &b->nvalues);
		goto out;
	}
	if ((rc = m_num(c, v, "min", OPT, &b->min, &b->has_min)) != CORE_OK ||
	    (rc = m_num(c, v, "max", OPT, &b->max, &b->has_max)) != CORE_OK)
		goto out;
	if (b->has_min && b->has_max && !(b->min < b->max)) {
		rc = refuse(c, "min must be below max");
		goto out;
	}
	rc = CORE_OK;
out:
	return rc;
}

/* method.scorecard, whose rows name factors. */
static enum core_code
p_scorecard(struct pctx *c, const json_t *m, struct core_rec_explanation *ex)
{
	struct core_rec_scorecard *sc = &ex->method.scorecard;
	enum core_code	 rc;
	json_t		*obj, *rows, *v, *bins, *b;
	size_t		 i, j, old, o2, o3, o4;

	if ((rc = m_obj(c, m, "scorecard", REQ, &obj)) != CORE_OK)
		goto out;
	old = push(c, "scorecard");
	if ((rc = m_num(c, obj, "base_points", REQ, &sc->base_points, NULL)) != CORE_OK ||
	    (rc = m_num(c, obj, "threshold", REQ, &sc->threshold, NULL)) != CORE_OK ||
	    (rc = m_num(c, obj, "score", REQ, &sc->score, NULL)) != CORE_OK ||
	    (rc = m_arr(c, obj, "rows", REQ, 1, CORE_REC_MAX_FACTORS, &rows)) != CORE_OK)
		goto out;
	sc->nrows = json_array_size(rows);
	if ((sc->rows = rec_alloc(c, sc->nrows, sizeof *sc->rows)) == NULL) {
		rc = nomem(c);
		goto out;
	}
	o2 = push(c, "rows");
	json_array_foreach(rows, i, v) {
		struct core_rec_row *row = &sc->rows[i];

		o3 = push_index(c, i);
		if (!json_is_object(v)) {
			rc = refuse(c, "must be an object");
			goto out;
		}
		if ((rc = m_factor_ref(c, v, "factor", ex, &row->factor,
		    &row->factor_index)) != CORE_OK)
			goto out;
		for (j = 0; j < i; j++)
			if (sc->rows[j].factor_index == row->factor_index) {
				rc = refuse(c, "a second row for factor \"%s\"", row->factor);
				goto out;
			}
		if ((rc = m_arr(c, v, "bins", REQ, 1, CORE_REC_MAX_BINS, &bins)) != CORE_OK)
			goto out;
		row->nbins = json_array_size(bins);
		if ((row->bins = rec_alloc(c, row->nbins, sizeof *row->bins)) == NULL) {
			rc = nomem(c);
			goto out;
		}
		push(c, "bins");
		json_array_foreach(bins, j, b) {
			o4 = push_index(c, j);
			if ((rc = p_bin(c, b, &row->bins[j])) != CORE_OK)
				goto out;
			pop(c, o4);
		}
		pop(c, o3);
	}
	pop(c, o2);
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* method.rules, whose rules name factors. */
static enum core_code
p_rules(struct pctx *c, const json_t *m, struct core_rec_explanation *ex)
{
	struct core_rec_method *me = &ex->method;
	enum core_code	 rc;
	json_t		*a, *v;
	size_t		 i, j, old, o2;

	if ((rc = m_arr(c, m, "rules", REQ, 1, CORE_REC_MAX_RULES, &a)) != CORE_OK)
		goto out;
	me->nrules = json_array_size(a);
	if ((me->rules = rec_alloc(c, me->nrules, sizeof *me->rules)) == NULL) {
		rc = nomem(c);
		goto out;
	}
	old = push(c, "rules");
	json_array_foreach(a, i, v) {
		struct core_rec_rule *r = &me->rules[i];

		o2 = push_index(c, i);
		if (!json_is_object(v)) {
			rc = refuse(c, "must be an object");
			goto out;
		}
		if ((rc = m_str(c, v, "id", REQ, F_ID, 0, &r->id)) != CORE_OK ||
		    (rc = m_text(c, v, "text", REQ, CORE_REC_MAX_TEXT, &r->text)) != CORE_OK ||
		    (rc = m_bool(c, v, "fired", REQ, &r->fired, NULL)) != CORE_OK ||
		    (rc = m_text(c, v, "effect", OPT, CORE_REC_MAX_TEXT, &r->effect)) != CORE_OK ||
		    (rc = m_num(c, v, "amount", OPT, &r->amount, &r->has_amount)) != CORE_OK ||
		    (rc = m_factor_refs(c, v, "factors", ex, &r->factors,
		    &r->factor_index, &r->nfactors)) != CORE_OK)
			goto out;
		for (j = 0; j < i; j++)
			if (strcmp(me->rules[j].id, r->id) == 0) {
				rc = refuse(c, "repeats the rule id \"%s\"", r->id);
				goto out;
			}
		pop(c, o2);
	}
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* method.attribution. */
static enum core_code
p_attribution(struct pctx *c, const json_t *m, struct core_rec_attribution *at)
{
	enum core_code	 rc;
	json_t		*obj;
	size_t		 old;
	int		 e, f;

	if ((rc = m_obj(c, m, "attribution", REQ, &obj)) != CORE_OK)
		goto out;
	old = push(c, "attribution");
	if ((rc = m_enum(c, obj, "algorithm", REQ, algorithm_names, &e)) != CORE_OK ||
	    (rc = m_text(c, obj, "output_name", REQ, CORE_REC_MAX_NAME, &at->output_name)) != CORE_OK ||
	    (rc = m_num(c, obj, "baseline", REQ, &at->baseline, NULL)) != CORE_OK ||
	    (rc = m_num(c, obj, "output", REQ, &at->output, NULL)) != CORE_OK ||
	    (rc = m_num(c, obj, "threshold", OPT, &at->threshold, &at->has_threshold)) != CORE_OK ||
	    (rc = m_enum(c, obj, "favourable", OPT, favourable_names, &f)) != CORE_OK)
		goto out;
	at->algorithm = (enum core_rec_algorithm)e;
	at->favourable = (enum core_rec_favourable)f;
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* explanation.method and the part its type asks for. */
static enum core_code
p_method(struct pctx *c, const json_t *obj, struct core_rec_explanation *ex)
{
	struct core_rec_method *me = &ex->method;
	enum core_code	 rc;
	json_t		*m;
	size_t		 old;
	int		 e;

	if ((rc = m_obj(c, obj, "method", REQ, &m)) != CORE_OK)
		goto out;
	old = push(c, "method");
	if ((rc = m_enum(c, m, "type", REQ, method_names, &e)) != CORE_OK ||
	    (rc = m_text(c, m, "description", REQ, CORE_REC_MAX_TEXT, &me->description)) != CORE_OK ||
	    (rc = m_str(c, m, "unit", REQ, F_ANY, 32, &me->unit)) != CORE_OK)
		goto out;
	me->type = (enum core_rec_method_type)e;
	switch (me->type) {
	case CORE_REC_METHOD_SCORECARD:
		rc = p_scorecard(c, m, ex);
		break;
	case CORE_REC_METHOD_RULES:
		rc = p_rules(c, m, ex);
		break;
	default:
		rc = p_attribution(c, m, &me->attribution);
		break;
	}
	if (rc == CORE_OK)
		pop(c, old);
out:
	return rc;
}

/* explanation.counterfactuals, whose changes name factors. */
static enum core_code
p_counterfactuals(struct pctx *c, const json_t *obj, struct core_rec_explanation *ex)
{
	enum core_code	 rc;
	json_t		*a, *v, *ch, *w;
	size_t		 i, j, old, o2, o3;
	int		 e;

	if ((rc = m_arr(c, obj, "counterfactuals", OPT, 0,
	    CORE_REC_MAX_COUNTERFACTUALS, &a)) != CORE_OK || a == NULL)
		goto out;
	ex->ncounterfactuals = json_array_size(a);
	if ((ex->counterfactuals = rec_alloc(c, ex->ncounterfactuals,
	    sizeof *ex->counterfactuals)) == NULL) {
		rc = nomem(c);
		goto out;
	}
	old = push(c, "counterfactuals");
	json_array_foreach(a, i, v) {
		struct core_rec_counterfactual *cf = &ex->counterfactuals[i];

		o2 = push_index(c, i);
		if (!json_is_object(v)) {
			rc = refuse(c, "must be an object");
			goto out;
		}
		if ((rc = m_arr(c, v, "changes", REQ, 1, CORE_REC_MAX_CHANGES, &ch)) != CORE_OK)
			goto out;
		cf->nchanges = json_array_size(ch);
		if ((cf->changes = rec_alloc(c, cf->nchanges, sizeof *cf->changes)) == NULL) {
			rc = nomem(c);
			goto out;
		}
		push(c, "changes");
		json_array_foreach(ch, j, w) {
			o3 = push_index(c, j);
			if (!json_is_object(w)) {
				rc = refuse(c, "must be an object");
				goto out;
			}
			if ((rc = m_factor_ref(c, w, "factor", ex, &cf->changes[j].factor,
			    &cf->changes[j].factor_index)) != CORE_OK ||
			    (rc = m_value(c, w, "value", &cf->changes[j].value)) != CORE_OK)
				goto out;
			pop(c, o3);
		}
		pop(c, o2);
		push_index(c, i);
		if ((rc = m_enum(c, v, "outcome", REQ, outcome_names, &e)) != CORE_OK ||
		    (rc = m_text(c, v, "text", REQ, CORE_REC_MAX_TEXT, &cf->text)) != CORE_OK)
			goto out;
		cf->outcome = (enum core_rec_outcome_code)e;
		pop(c, o2);
	}
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* explanation.letter. */
static enum core_code
p_letter(struct pctx *c, const json_t *obj, struct core_rec_letter *l)
{
	enum core_code	 rc;
	json_t		*v;
	size_t		 old;
	int		 e;

	if ((rc = m_obj(c, obj, "letter", OPT, &v)) != CORE_OK || v == NULL)
		goto out;
	old = push(c, "letter");
	if ((rc = m_enum(c, v, "format", REQ, format_names, &e)) != CORE_OK ||
	    (rc = m_text(c, v, "content", REQ, CORE_REC_MAX_LETTER, &l->content)) != CORE_OK ||
	    (rc = m_bool(c, v, "ai_generated", REQ, &l->ai_generated, NULL)) != CORE_OK)
		goto out;
	l->format = (enum core_rec_letter_format)e;
	l->present = 1;
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* explanation: factors first, then what refers to them. */
static enum core_code
p_explanation(struct pctx *c, const json_t *top, struct core_rec_explanation *ex)
{
	enum core_code	 rc;
	json_t		*obj, *a, *v;
	size_t		 i, j, old, o2;

	if ((rc = m_obj(c, top, "explanation", REQ, &obj)) != CORE_OK)
		goto out;
	old = push(c, "explanation");
	/* Factors first: the other parts refer to them. */
	if ((rc = m_arr(c, obj, "factors", REQ, 0, CORE_REC_MAX_FACTORS, &a)) != CORE_OK)
		goto out;
	ex->nfactors = json_array_size(a);
	if ((ex->factors = rec_alloc(c, ex->nfactors, sizeof *ex->factors)) == NULL) {
		rc = nomem(c);
		goto out;
	}
	o2 = push(c, "factors");
	json_array_foreach(a, i, v) {
		size_t o3 = push_index(c, i);

		if ((rc = p_factor(c, v, &ex->factors[i])) != CORE_OK)
			goto out;
		for (j = 0; j < i; j++)
			if (strcmp(ex->factors[j].id, ex->factors[i].id) == 0) {
				rc = refuse(c, "repeats the factor id \"%s\"",
				    ex->factors[i].id);
				goto out;
			}
		pop(c, o3);
	}
	pop(c, o2);

	if ((rc = m_arr(c, obj, "principal_reasons", REQ, 0, CORE_REC_MAX_REASONS,
	    &a)) != CORE_OK)
		goto out;
	ex->nreasons = json_array_size(a);
	if ((ex->reasons = rec_alloc(c, ex->nreasons, sizeof *ex->reasons)) == NULL) {
		rc = nomem(c);
		goto out;
	}
	o2 = push(c, "principal_reasons");
	json_array_foreach(a, i, v) {
		struct core_rec_reason *r = &ex->reasons[i];
		size_t o3 = push_index(c, i);

		if (!json_is_object(v)) {
			rc = refuse(c, "must be an object");
			goto out;
		}
		if ((rc = m_str(c, v, "code", REQ, F_CODE, 0, &r->code)) != CORE_OK ||
		    (rc = m_str(c, v, "scheme", REQ, F_CODE, 0, &r->scheme)) != CORE_OK ||
		    (rc = m_text(c, v, "text", REQ, CORE_REC_MAX_TEXT, &r->text)) != CORE_OK ||
		    (rc = m_factor_refs(c, v, "factors", ex, &r->factors,
		    &r->factor_index, &r->nfactors)) != CORE_OK)
			goto out;
		pop(c, o3);
	}
	pop(c, o2);

	if ((rc = p_method(c, obj, ex)) != CORE_OK ||
	    (rc = p_counterfactuals(c, obj, ex)) != CORE_OK ||
	    (rc = p_letter(c, obj, &ex->letter)) != CORE_OK)
		goto out;
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* A compact JWS (string of three base64url parts) or a flattened one. */
static int
jws_form(const json_t *v)
{
	const char	*s, *names[] = { "protected", "payload", "signature" };
	size_t		 i, n, dots = 0, part = 0;
	json_t		*m;

	if (json_is_string(v)) {
		s = json_string_value(v);
		n = json_string_length(v);
		if (n > 65536)
			return 0;
		for (i = 0; i < n; i++) {
			if (s[i] == '.') {
				if (part == 0 && dots != 1)
					return 0;
				dots++;
				part = 0;
			} else if (is_alnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '_') {
				part++;
			} else
				return 0;
		}
		return dots == 2 && part > 0 && s[0] != '.';
	}
	if (!json_is_object(v))
		return 0;
	for (i = 0; i < 3; i++) {
		if ((m = json_object_get(v, names[i])) == NULL || !json_is_string(m))
			return 0;
		s = json_string_value(m);
		for (n = 0; s[n] != '\0'; n++)
			if (!is_alnum((unsigned char)s[n]) && s[n] != '-' && s[n] != '_')
				return 0;
		if (n == 0 && i != 1)
			return 0;
	}
	return 1;
}

/* provenance.system, required unless the decision was a person's. */
static enum core_code
p_system(struct pctx *c, const json_t *prov, struct core_rec_label *l)
{
	struct core_rec_system *s = &l->system;
	enum core_code	 rc;
	json_t		*obj, *att;
	size_t		 old, o2;

	if ((rc = m_obj(c, prov, "system", l->automation != CORE_REC_HUMAN,
	    &obj)) != CORE_OK || obj == NULL)
		goto out;
	old = push(c, "system");
	if ((rc = m_str(c, obj, "name", REQ, F_ANY, CORE_REC_MAX_NAME, &s->name)) != CORE_OK ||
	    (rc = m_str(c, obj, "version", REQ, F_ANY, 64, &s->version)) != CORE_OK ||
	    (rc = m_str(c, obj, "provider", REQ, F_ANY, CORE_REC_MAX_NAME, &s->provider)) != CORE_OK ||
	    (rc = m_str(c, obj, "provider_id", OPT, F_ORIGIN, 0, &s->provider_id)) != CORE_OK ||
	    (rc = m_str(c, obj, "model_digest", OPT, F_SHA256, 0, &s->model_digest)) != CORE_OK)
		goto out;
	if ((att = json_object_get(obj, "attestation")) != NULL) {
		o2 = push(c, "attestation");
		if (!jws_form(att)) {
			rc = refuse(c, "must be a compact or flattened JWS");
			goto out;
		}
		c->mem->attestation = json_deep_copy(att);
		if (c->mem->attestation == NULL) {
			rc = nomem(c);
			goto out;
		}
		s->attestation = c->mem->attestation;
		pop(c, o2);
	}
	s->present = 1;
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* provenance.human_review. */
static enum core_code
p_review(struct pctx *c, const json_t *prov, struct core_rec_review *r)
{
	enum core_code	 rc;
	json_t		*obj;
	size_t		 old;
	int		 e;

	if ((rc = m_obj(c, prov, "human_review", OPT, &obj)) != CORE_OK || obj == NULL)
		goto out;
	old = push(c, "human_review");
	if ((rc = m_text(c, obj, "reviewer_role", REQ, CORE_REC_MAX_NAME, &r->reviewer_role)) != CORE_OK ||
	    (rc = m_time(c, obj, "reviewed_at", REQ, 0, &r->reviewed_at)) != CORE_OK ||
	    (rc = m_enum(c, obj, "outcome", REQ, review_names, &e)) != CORE_OK ||
	    (rc = m_text(c, obj, "note", OPT, CORE_REC_MAX_TEXT, &r->note)) != CORE_OK)
		goto out;
	r->outcome = (enum core_rec_review_outcome)e;
	r->present = 1;
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* provenance.impact_assessment and provenance.transparency_record. */
static enum core_code
p_links(struct pctx *c, const json_t *prov, struct core_rec_label *l)
{
	struct core_rec_impact *ia = &l->impact;
	enum core_code	 rc;
	json_t		*obj;
	size_t		 old;
	int		 e;

	if ((rc = m_obj(c, prov, "impact_assessment", OPT, &obj)) != CORE_OK)
		goto out;
	if (obj != NULL) {
		old = push(c, "impact_assessment");
		if ((rc = m_str(c, obj, "url", REQ, F_URL, 0, &ia->url)) != CORE_OK ||
		    (rc = m_str(c, obj, "sha256", REQ, F_SHA256, 0, &ia->sha256)) != CORE_OK ||
		    (rc = m_enum(c, obj, "kind", OPT, ia_kind_names, &e)) != CORE_OK ||
		    (rc = m_time(c, obj, "completed", OPT, 1, &ia->completed)) != CORE_OK)
			goto out;
		if (e != 0)
			ia->kind = ia_kind_names[e - 1];
		ia->present = 1;
		pop(c, old);
	}
	if ((rc = m_obj(c, prov, "transparency_record", OPT, &obj)) != CORE_OK)
		goto out;
	if (obj != NULL) {
		old = push(c, "transparency_record");
		if ((rc = m_str(c, obj, "url", REQ, F_URL, 0, &l->transparency_url)) != CORE_OK)
			goto out;
		pop(c, old);
	}
	rc = CORE_OK;
out:
	return rc;
}

/* provenance.liability_chain. */
static enum core_code
p_parties(struct pctx *c, const json_t *prov, struct core_rec_label *l)
{
	enum core_code	 rc;
	json_t		*a, *v;
	size_t		 i, old, o2;
	int		 e;

	if ((rc = m_arr(c, prov, "liability_chain", REQ, 1, CORE_REC_MAX_PARTIES,
	    &a)) != CORE_OK)
		goto out;
	l->nparties = json_array_size(a);
	if ((l->parties = rec_alloc(c, l->nparties, sizeof *l->parties)) == NULL) {
		rc = nomem(c);
		goto out;
	}
	old = push(c, "liability_chain");
	json_array_foreach(a, i, v) {
		struct core_rec_party *p = &l->parties[i];

		o2 = push_index(c, i);
		if (!json_is_object(v)) {
			rc = refuse(c, "must be an object");
			goto out;
		}
		if ((rc = m_enum(c, v, "role", REQ, role_names, &e)) != CORE_OK ||
		    (rc = m_str(c, v, "name", REQ, F_ANY, CORE_REC_MAX_NAME, &p->name)) != CORE_OK ||
		    (rc = m_str(c, v, "contact", REQ, F_ANY, CORE_REC_MAX_CONTACT, &p->contact)) != CORE_OK ||
		    (rc = m_str(c, v, "registration", OPT, F_ANY, CORE_REC_MAX_NAME, &p->registration)) != CORE_OK ||
		    (rc = m_bool(c, v, "signed", OPT, &p->is_signed, &p->has_signed)) != CORE_OK)
			goto out;
		p->role = (enum core_rec_role)e;
		pop(c, o2);
	}
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* provenance.data_sources, with distinct ids. */
static enum core_code
p_sources(struct pctx *c, const json_t *prov, struct core_rec_label *l)
{
	enum core_code	 rc;
	json_t		*a, *v;
	size_t		 i, j, old, o2;
	int		 e;

	if ((rc = m_arr(c, prov, "data_sources", REQ, 0, CORE_REC_MAX_SOURCES,
	    &a)) != CORE_OK)
		goto out;
	l->nsources = json_array_size(a);
	if ((l->sources = rec_alloc(c, l->nsources, sizeof *l->sources)) == NULL) {
		rc = nomem(c);
		goto out;
	}
	old = push(c, "data_sources");
	json_array_foreach(a, i, v) {
		struct core_rec_source *s = &l->sources[i];

		o2 = push_index(c, i);
		if (!json_is_object(v)) {
			rc = refuse(c, "must be an object");
			goto out;
		}
		if ((rc = m_str(c, v, "id", REQ, F_ID, 0, &s->id)) != CORE_OK ||
		    (rc = m_text(c, v, "name", REQ, CORE_REC_MAX_NAME, &s->name)) != CORE_OK ||
		    (rc = m_enum(c, v, "kind", REQ, source_names, &e)) != CORE_OK ||
		    (rc = m_str(c, v, "supplier", OPT, F_ANY, CORE_REC_MAX_NAME, &s->supplier)) != CORE_OK ||
		    (rc = m_time(c, v, "retrieved_at", OPT, 0, &s->retrieved_at)) != CORE_OK)
			goto out;
		s->kind = (enum core_rec_source_kind)e;
		for (j = 0; j < i; j++)
			if (strcmp(l->sources[j].id, s->id) == 0) {
				rc = refuse(c, "repeats the source id \"%s\"", s->id);
				goto out;
			}
		pop(c, o2);
	}
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* Value of a lowercase hex digit (the form is checked before). */
static unsigned
hexval(char ch)
{
	return ch <= '9' ? (unsigned)(ch - '0') : (unsigned)(ch - 'a' + 10);
}

/* provenance.ai_text and its WPG-1 watermark parameters. */
static enum core_code
p_ai_text(struct pctx *c, const json_t *prov, struct core_rec_label *l)
{
	struct core_rec_watermark *w = &l->watermark;
	enum core_code	 rc;
	json_t		*obj, *wm;
	const char	*key = NULL, *scheme = NULL;
	size_t		 old, o2, i;

	if ((rc = m_obj(c, prov, "ai_text", REQ, &obj)) != CORE_OK)
		goto out;
	old = push(c, "ai_text");
	if ((rc = m_bool(c, obj, "letter_ai_generated", REQ,
	    &l->letter_ai_generated, NULL)) != CORE_OK ||
	    (rc = m_obj(c, obj, "watermark", OPT, &wm)) != CORE_OK)
		goto out;
	if (wm != NULL) {
		o2 = push(c, "watermark");
		if ((rc = m_str(c, wm, "scheme", REQ, F_ANY, 16, &scheme)) != CORE_OK)
			goto out;
		if (strcmp(scheme, "WPG-1") != 0) {
			push(c, "scheme");
			rc = refuse(c, "\"%s\" is not a known watermark scheme", scheme);
			goto out;
		}
		if ((rc = m_str(c, wm, "key_id", REQ, F_ID, 0, &w->key_id)) != CORE_OK ||
		    (rc = m_str(c, wm, "key", REQ, F_SHA256, 0, &key)) != CORE_OK ||
		    (rc = m_int(c, wm, "G", REQ, 1, 65535, &w->G)) != CORE_OK ||
		    (rc = m_num(c, wm, "alpha", REQ, &w->alpha, NULL)) != CORE_OK ||
		    (rc = m_int(c, wm, "T_min", REQ, 1, 100000, &w->T_min)) != CORE_OK)
			goto out;
		if (!(w->alpha > 0 && w->alpha < 1)) {
			push(c, "alpha");
			rc = refuse(c, "must be above 0 and below 1");
			goto out;
		}
		for (i = 0; i < 32; i++)
			w->key[i] = (unsigned char)(hexval(key[2 * i]) << 4 |
			    hexval(key[2 * i + 1]));
		w->present = 1;
		pop(c, o2);
	}
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* The provenance label, then the factors' references to its sources. */
static enum core_code
p_provenance(struct pctx *c, const json_t *top, struct core_record *r)
{
	struct core_rec_label *l = &r->label;
	enum core_code	 rc;
	json_t		*prov;
	size_t		 old, i, k;
	int		 e;

	if ((rc = m_obj(c, top, "provenance", REQ, &prov)) != CORE_OK)
		goto out;
	old = push(c, "provenance");
	if ((rc = m_enum(c, prov, "automation_level", REQ, automation_names, &e)) != CORE_OK)
		goto out;
	l->automation = (enum core_rec_automation)e;
	if ((rc = p_review(c, prov, &l->review)) != CORE_OK ||
	    (rc = p_system(c, prov, l)) != CORE_OK ||
	    (rc = p_links(c, prov, l)) != CORE_OK ||
	    (rc = p_parties(c, prov, l)) != CORE_OK ||
	    (rc = p_sources(c, prov, l)) != CORE_OK ||
	    (rc = p_ai_text(c, prov, l)) != CORE_OK)
		goto out;
	pop(c, old);

	/* Factors name their sources among the data sources. */
	for (i = 0; i < r->explanation.nfactors; i++) {
		struct core_rec_factor *f = &r->explanation.factors[i];

		if (f->source == NULL)
			continue;
		for (k = 0; k < l->nsources; k++)
			if (strcmp(l->sources[k].id, f->source) == 0)
				break;
		if (k == l->nsources) {
			push(c, "explanation.factors");
			push_index(c, i);
			push(c, "source");
			rc = refuse(c, "names no entry of provenance.data_sources");
			goto out;
		}
		f->source_index = k;
	}
	rc = CORE_OK;
out:
	return rc;
}

/* legal_basis (with_code 0) or rights (with_code 1). */
static enum core_code
p_legal(struct pctx *c, const json_t *top, const char *name, int with_code,
    size_t lo, struct core_rec_legal **out, size_t *n)
{
	enum core_code	 rc;
	json_t		*a, *v;
	size_t		 i, old, o2;

	if ((rc = m_arr(c, top, name, REQ, lo, CORE_REC_MAX_LEGAL, &a)) != CORE_OK)
		goto out;
	*n = json_array_size(a);
	if ((*out = rec_alloc(c, *n, sizeof **out)) == NULL) {
		rc = nomem(c);
		goto out;
	}
	old = push(c, name);
	json_array_foreach(a, i, v) {
		struct core_rec_legal *g = &(*out)[i];

		o2 = push_index(c, i);
		if (!json_is_object(v)) {
			rc = refuse(c, "must be an object");
			goto out;
		}
		if ((with_code &&
		    (rc = m_str(c, v, "code", REQ, F_CODE, 0, &g->code)) != CORE_OK) ||
		    (rc = m_str(c, v, "instrument", REQ, F_ANY, CORE_REC_MAX_NAME, &g->instrument)) != CORE_OK ||
		    (rc = m_str(c, v, "provision", REQ, F_ANY, CORE_REC_MAX_NAME, &g->provision)) != CORE_OK ||
		    (rc = m_text(c, v, "text", REQ, CORE_REC_MAX_TEXT, &g->text)) != CORE_OK)
			goto out;
		pop(c, o2);
	}
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* contest.grounds or contest.remedies: {code, text} with distinct codes. */
static enum core_code
p_choices(struct pctx *c, const json_t *obj, const char *name, size_t hi,
    struct core_rec_choice **out, size_t *n)
{
	enum core_code	 rc;
	json_t		*a, *v;
	size_t		 i, j, old, o2;

	if ((rc = m_arr(c, obj, name, REQ, 1, hi, &a)) != CORE_OK)
		goto out;
	*n = json_array_size(a);
	if ((*out = rec_alloc(c, *n, sizeof **out)) == NULL) {
		rc = nomem(c);
		goto out;
	}
	old = push(c, name);
	json_array_foreach(a, i, v) {
		o2 = push_index(c, i);
		if (!json_is_object(v)) {
			rc = refuse(c, "must be an object");
			goto out;
		}
		if ((rc = m_str(c, v, "code", REQ, F_CODE, 0, &(*out)[i].code)) != CORE_OK ||
		    (rc = m_text(c, v, "text", REQ, CORE_REC_MAX_TEXT, &(*out)[i].text)) != CORE_OK)
			goto out;
		for (j = 0; j < i; j++)
			if (strcmp((*out)[j].code, (*out)[i].code) == 0) {
				rc = refuse(c, "repeats the code \"%s\"", (*out)[i].code);
				goto out;
			}
		pop(c, o2);
	}
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* The contest terms; the endpoint must be on the issuer's origin. */
static enum core_code
p_contest(struct pctx *c, const json_t *top, struct core_record *r)
{
	struct core_rec_contest *ct = &r->contest;
	enum core_code	 rc;
	json_t		*obj, *lim;
	size_t		 old, o2, n;

	if ((rc = m_obj(c, top, "contest", REQ, &obj)) != CORE_OK)
		goto out;
	old = push(c, "contest");
	if ((rc = m_str(c, obj, "endpoint", REQ, F_URL, 0, &ct->endpoint)) != CORE_OK)
		goto out;
	n = strlen(r->issuer);
	if (strncmp(ct->endpoint, r->issuer, n) != 0 ||
	    (ct->endpoint[n] != '\0' && ct->endpoint[n] != '/')) {
		push(c, "endpoint");
		rc = refuse(c, "is not on the issuer's origin %s", r->issuer);
		goto out;
	}
	if ((rc = m_time(c, obj, "deadline", REQ, 1, &ct->deadline)) != CORE_OK ||
	    (rc = p_choices(c, obj, "grounds", CORE_REC_MAX_GROUNDS, &ct->grounds,
	    &ct->ngrounds)) != CORE_OK ||
	    (rc = p_choices(c, obj, "remedies", CORE_REC_MAX_REMEDIES, &ct->remedies,
	    &ct->nremedies)) != CORE_OK ||
	    (rc = m_obj(c, obj, "limits", REQ, &lim)) != CORE_OK)
		goto out;
	o2 = push(c, "limits");
	if ((rc = m_int(c, lim, "statement_max_chars", REQ, 1, CORE_REC_MAX_STATEMENT,
	    &ct->statement_max_chars)) != CORE_OK ||
	    (rc = m_int(c, lim, "corrections_max", REQ, 0, CORE_REC_MAX_CORRECTIONS,
	    &ct->corrections_max)) != CORE_OK)
		goto out;
	pop(c, o2);
	if ((rc = p_languages(c, obj, "languages", &ct->languages,
	    &ct->nlanguages)) != CORE_OK ||
	    (rc = m_int(c, obj, "answer_within_days", OPT, 1, 366,
	    &ct->answer_within_days)) != CORE_OK)
		goto out;
	pop(c, old);
	rc = CORE_OK;
out:
	return rc;
}

/* The top of the record, in the order recourse-protocol(7) gives it. */
static enum core_code
p_record(struct pctx *c, const json_t *top, struct core_record *r)
{
	enum core_code	 rc;
	json_t		*subj;
	const char	*ver;
	size_t		 old;
	int		 e;

	if (!json_is_object(top)) {
		rc = refuse(c, "must be a JSON object");
		goto out;
	}
	if ((rc = m_str(c, top, "recourse", REQ, F_ANY, 8, &ver)) != CORE_OK)
		goto out;
	if (strcmp(ver, "1") != 0) {
		push(c, "recourse");
		rc = refuse(c, "protocol version \"%s\" is not recourse/1", ver);
		goto out;
	}
	/* Languages first: every text is checked against them. */
	if ((rc = p_languages(c, top, "languages", &r->languages,
	    &r->nlanguages)) != CORE_OK)
		goto out;
	c->langs = r->languages;
	c->nlangs = r->nlanguages;
	c->lang_check = 1;
	if ((rc = m_str(c, top, "id", REQ, F_ID, 0, &r->id)) != CORE_OK ||
	    (rc = m_str(c, top, "issuer", REQ, F_ORIGIN, 0, &r->issuer)) != CORE_OK ||
	    (rc = m_time(c, top, "issued_at", REQ, 0, &r->issued_at)) != CORE_OK ||
	    (rc = m_time(c, top, "decided_at", REQ, 0, &r->decided_at)) != CORE_OK ||
	    (rc = m_int(c, top, "version", REQ, 1, CORE_REC_MAX_VERSION,
	    &r->version)) != CORE_OK ||
	    (rc = m_str(c, top, "supersedes", OPT, F_ID, 0, &r->supersedes)) != CORE_OK ||
	    (rc = m_text(c, top, "supersedes_reason", OPT, CORE_REC_MAX_TEXT,
	    &r->supersedes_reason)) != CORE_OK)
		goto out;
	if (r->version > 1 && r->supersedes == NULL) {
		rc = refuse(c, "a record of version %u must name the record it supersedes",
		    r->version);
		goto out;
	}
	if (r->version == 1 && r->supersedes != NULL) {
		push(c, "supersedes");
		rc = refuse(c, "a record of version 1 supersedes nothing");
		goto out;
	}
	if (r->supersedes != NULL && strcmp(r->supersedes, r->id) == 0) {
		push(c, "supersedes");
		rc = refuse(c, "a record cannot supersede itself");
		goto out;
	}
	if ((r->supersedes != NULL) != (r->supersedes_reason.n != 0)) {
		push(c, "supersedes_reason");
		rc = refuse(c, "must be given exactly when supersedes is");
		goto out;
	}
	if ((rc = m_obj(c, top, "subject", REQ, &subj)) != CORE_OK)
		goto out;
	old = push(c, "subject");
	if ((rc = m_str(c, subj, "reference", REQ, F_ID, 0,
	    &r->subject_reference)) != CORE_OK ||
	    (rc = m_str(c, subj, "name", OPT, F_ANY, CORE_REC_MAX_NAME,
	    &r->subject_name)) != CORE_OK)
		goto out;
	pop(c, old);
	if ((rc = m_enum(c, top, "domain", REQ, domain_names, &e)) != CORE_OK)
		goto out;
	r->domain = (enum core_rec_domain)e;
	if ((rc = p_outcome(c, top, &r->outcome)) != CORE_OK ||
	    (rc = p_explanation(c, top, &r->explanation)) != CORE_OK)
		goto out;
	if (r->outcome.adverse && r->explanation.nreasons == 0) {
		push(c, "explanation.principal_reasons");
		rc = refuse(c, "an adverse decision must give at least one reason");
		goto out;
	}
	if ((rc = p_provenance(c, top, r)) != CORE_OK ||
	    (rc = p_legal(c, top, "legal_basis", 0, 1, &r->legal_basis,
	    &r->nlegal_basis)) != CORE_OK ||
	    (rc = p_legal(c, top, "rights", 1, 0, &r->rights, &r->nrights)) != CORE_OK ||
	    (rc = p_contest(c, top, r)) != CORE_OK)
		goto out;
	rc = CORE_OK;
out:
	return rc;
}

/* Read a decision payload into a new record (see record.h). */
enum core_code
core_record_parse(const json_t *payload, struct core_record **out,
    struct core_err *err)
{
	struct core_record	*r = NULL;
	struct pctx		 c;
	enum core_code		 rc;

	core_err_clear(err);
	memset(&c, 0, sizeof c);
	c.err = err;
	if (out == NULL || payload == NULL) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET, "no record");
		goto out;
	}
	*out = NULL;
	if ((r = core_calloc(1, sizeof *r)) == NULL ||
	    (r->mem = core_calloc(1, sizeof *r->mem)) == NULL) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, "record");
		goto out;
	}
	c.mem = r->mem;
	if ((rc = p_record(&c, payload, r)) != CORE_OK)
		goto out;
	*out = r;
	r = NULL;
out:
	core_record_free(&r);
	return rc;
}

/* Release a record and everything it owns. */
void
core_record_free(struct core_record **rp)
{
	struct core_record	*r;
	union rec_block		*b, *next;

	if (rp == NULL || (r = *rp) == NULL)
		return;
	if (r->mem != NULL) {
		for (b = r->mem->blocks; b != NULL; b = next) {
			next = b->next;
			core_free(b);
		}
		if (r->mem->attestation != NULL)
			json_decref(r->mem->attestation);
		core_free(r->mem);
	}
	core_free(r);
	*rp = NULL;
}

/* ---- reading a record ---------------------------------------------------- */

/* ASCII case-insensitive comparison of n bytes. */
static int
tag_eq(const char *a, const char *b, size_t n)
{
	size_t	i;
	int	x, y;

	for (i = 0; i < n; i++) {
		x = (unsigned char)a[i];
		y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return 0;
	}
	return 1;
}

/* Length of the primary language subtag of tag. */
static size_t
primary_len(const char *tag)
{
	const char	*dash = strchr(tag, '-');

	return dash != NULL ? (size_t)(dash - tag) : strlen(tag);
}

/* Index of the item for tag in t: exact, else same primary subtag. */
static size_t
text_find(const struct core_text *t, const char *tag)
{
	size_t	i, n = strlen(tag), p = primary_len(tag);

	for (i = 0; i < t->n; i++)
		if (strlen(t->items[i].lang) == n && tag_eq(t->items[i].lang, tag, n))
			return i;
	for (i = 0; i < t->n; i++)
		if (primary_len(t->items[i].lang) == p && tag_eq(t->items[i].lang, tag, p))
			return i;
	return CORE_REC_NONE;
}

/* The text in the language wanted most (see record.h). */
const char *
core_text_choose(const struct core_text *t, const char *const *prefs,
    size_t nprefs, const char **lang)
{
	size_t	i, k = CORE_REC_NONE;

	if (lang != NULL)
		*lang = NULL;
	if (t == NULL || t->n == 0)
		return NULL;
	for (i = 0; i < nprefs && k == CORE_REC_NONE; i++)
		if (prefs[i] != NULL && prefs[i][0] != '\0')
			k = text_find(t, prefs[i]);
	if (k == CORE_REC_NONE)
		k = text_find(t, "en");
	if (k == CORE_REC_NONE)
		k = 0;
	if (lang != NULL)
		*lang = t->items[k].lang;
	return t->items[k].text;
}

/* The factor with this id, or NULL. */
const struct core_rec_factor *
core_record_factor(const struct core_record *r, const char *id)
{
	size_t	i;

	if (r == NULL || id == NULL)
		return NULL;
	for (i = 0; i < r->explanation.nfactors; i++)
		if (strcmp(r->explanation.factors[i].id, id) == 0)
			return &r->explanation.factors[i];
	return NULL;
}

/* names[v - 1], or "?" when v is out of range. */
static const char *
enum_name(const char *const *names, size_t n, int v)
{
	return v >= 1 && (size_t)v <= n ? names[v - 1] : "?";
}

#define NAMES(a) (sizeof (a) / sizeof (a)[0] - 1)

const char *
core_record_outcome_name(enum core_rec_outcome_code v)
{
	return enum_name(outcome_names, NAMES(outcome_names), (int)v);
}

const char *
core_record_automation_name(enum core_rec_automation v)
{
	return enum_name(automation_names, NAMES(automation_names), (int)v);
}

const char *
core_record_direction_name(enum core_rec_direction v)
{
	return enum_name(direction_names, NAMES(direction_names), (int)v);
}

const char *
core_record_method_name(enum core_rec_method_type v)
{
	return enum_name(method_names, NAMES(method_names), (int)v);
}

const char *
core_record_domain_name(enum core_rec_domain v)
{
	return enum_name(domain_names, NAMES(domain_names), (int)v);
}

const char *
core_record_role_name(enum core_rec_role v)
{
	return enum_name(role_names, NAMES(role_names), (int)v);
}

static const char *const outcome_labels[] = {
	/* L10N: outcome of a decision */
	N_("approved"),
	/* L10N: outcome of a decision */
	N_("approved with conditions"),
	/* L10N: outcome of a decision */
	N_("refused"),
	/* L10N: outcome of a decision: a benefit or limit reduced */
	N_("reduced"),
	/* L10N: outcome of a decision: a service or contract ended */
	N_("ended"),
	/* L10N: outcome of a decision: a price or terms changed */
	N_("terms changed"),
	/* L10N: outcome of a decision */
	N_("other outcome"),
	NULL
};
static const char *const automation_labels[] = {
	/* L10N: provenance label: how a decision was made */
	N_("made by machine alone"),
	/* L10N: provenance label: how a decision was made */
	N_("made by machine, reviewed by a person"),
	/* L10N: provenance label: how a decision was made */
	N_("made by a person helped by a machine"),
	/* L10N: provenance label: how a decision was made */
	N_("made by a person"),
	NULL
};
static const char *const direction_labels[] = {
	/* L10N: how a factor counted in a decision */
	N_("counted against you"),
	/* L10N: how a factor counted in a decision */
	N_("counted for you"),
	/* L10N: how a factor counted in a decision */
	N_("made no difference"),
	NULL
};
static const char *const role_labels[] = {
	/* L10N: liability chain: who runs the system */
	N_("operator"),
	/* L10N: liability chain: the organisation that made the decision */
	N_("deployer"),
	/* L10N: liability chain: who built the system */
	N_("provider"),
	NULL
};

const char *
core_record_outcome_label(enum core_rec_outcome_code v)
{
	return enum_name(outcome_labels, NAMES(outcome_labels), (int)v);
}

const char *
core_record_automation_label(enum core_rec_automation v)
{
	return enum_name(automation_labels, NAMES(automation_labels), (int)v);
}

const char *
core_record_direction_label(enum core_rec_direction v)
{
	return enum_name(direction_labels, NAMES(direction_labels), (int)v);
}

const char *
core_record_role_label(enum core_rec_role v)
{
	return enum_name(role_labels, NAMES(role_labels), (int)v);
}
