/* trust-registry.c: registry payloads, the state that remembers them, and
 * the times and origins they are written with. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/json.h"
#include "core/key.h"
#include "core/trust-int.h"
#include "core/trust.h"

/* ---- times ---------------------------------------------------------------- */

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar. */
static int64_t
trust_days(int64_t y, unsigned m, unsigned d)
{
	int64_t		era;
	unsigned	yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* n decimal digits at s; -1 when one is not a digit. */
static int
trust_digits(const char *s, int n)
{
	int	v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Parse "YYYY-MM-DD" at s into days since the epoch; -1 when malformed. */
static int
trust_date(const char *s, int64_t *days)
{
	static const unsigned char mdays[] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	y, m, d;

	y = trust_digits(s, 4);
	m = trust_digits(s + 5, 2);
	d = trust_digits(s + 8, 2);
	if (y < 0 || s[4] != '-' || m < 1 || m > 12 || s[7] != '-' || d < 1 ||
	    d > mdays[m - 1])
		return -1;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return -1;
	*days = trust_days(y, (unsigned)m, (unsigned)d);
	return 0;
}

int
core_trust_date_parse(const char *s, time_t *out)
{
	int64_t	days;

	if (s == NULL || strlen(s) != 10 || trust_date(s, &days) != 0)
		return -1;
	*out = (time_t)(days * 86400);
	return 0;
}

int
core_trust_time_parse(const char *s, time_t *out)
{
	int64_t	days;
	int	hh, mm, ss;
	size_t	i, n;

	if (s == NULL)
		return -1;
	n = strlen(s);
	if (n < 20 || trust_date(s, &days) != 0 || s[10] != 'T')
		return -1;
	hh = trust_digits(s + 11, 2);
	mm = trust_digits(s + 14, 2);
	ss = trust_digits(s + 17, 2);
	if (hh < 0 || hh > 23 || s[13] != ':' || mm < 0 || mm > 59 ||
	    s[16] != ':' || ss < 0 || ss > 60)
		return -1;
	i = 19;
	if (s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == 20 || i > 29)
			return -1;
	}
	if (s[i] != 'Z' || i + 1 != n)
		return -1;
	*out = (time_t)(days * 86400 + hh * 3600 + mm * 60 + ss);
	return 0;
}

void
core_trust_time_format(time_t t, char out[21])
{
	struct tm	tm;
	char		tmp[80];

	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 > 9999 ||
	    tm.tm_year + 1900 < 0) {
		snprintf(out, 21, "%s", "(out of range)");
		return;
	}
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec);
	memcpy(out, tmp, 20);
	out[20] = '\0';
}

/* ---- origins and URLs ------------------------------------------------------ */

/* Length of the origin at the start of s, or 0 when s does not start with
 * one (see core_trust_origin_valid()). */
static size_t
trust_origin_len(const char *s)
{
	static const char *const loop[] = {
		"http://127.0.0.1", "http://localhost", "http://[::1]"
	};
	size_t	i, n = 0, start;

	for (i = 0; i < sizeof loop / sizeof loop[0] && n == 0; i++) {
		if (strncmp(s, loop[i], strlen(loop[i])) == 0)
			n = strlen(loop[i]);
	}
	if (n == 0) {
		if (strncmp(s, "https://", 8) != 0)
			return 0;
		start = n = 8;
		while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') ||
		    s[n] == '.' || s[n] == '-')
			n++;
		/* A host starts and ends with a letter or digit. */
		if (n == start || s[start] == '.' || s[start] == '-' ||
		    s[n - 1] == '.' || s[n - 1] == '-')
			return 0;
	}
	if (s[n] == ':') {
		for (i = 1; i <= 5 && s[n + i] >= '0' && s[n + i] <= '9'; i++)
			;
		if (i == 1 || (s[n + i] >= '0' && s[n + i] <= '9'))
			return 0;
		n += i;
	}
	return n;
}

int
core_trust_origin_valid(const char *s)
{
	size_t	n;

	if (s == NULL || strlen(s) > 256)
		return 0;
	n = trust_origin_len(s);
	return n > 0 && s[n] == '\0';
}

int
core_trust_url_valid(const char *s)
{
	size_t	n;

	if (s == NULL || strlen(s) > 2048)
		return 0;
	n = trust_origin_len(s);
	if (n == 0)
		return 0;
	if (s[n] == '\0')
		return 1;
	if (s[n] != '/')
		return 0;
	for (; s[n] != '\0'; n++) {
		/* No white space, no controls (UTF-8 beyond ASCII is allowed). */
		if ((unsigned char)s[n] <= 0x20 || s[n] == 0x7f)
			return 0;
	}
	return 1;
}

/* ---- registries ------------------------------------------------------------ */

/* A registry id: 1 to 127 of [A-Za-z0-9._:-] (a root's thumbprint fits). */
static int
trust_registry_id_ok(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '_' ||
		    s[i] == ':' || s[i] == '-'))
			return 0;
	}
	return i >= 1 && i < CORE_REGISTRY_ID_LEN;
}

/* 43 base64url characters. */
static int
trust_thumbprint_ok(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return 0;
	}
	return i == CORE_THUMBPRINT_LEN - 1;
}

/* A string member that holds no NUL; NULL when missing or of another type. */
const char *
trust_str(const json_t *o, const char *name)
{
	const json_t	*v = json_object_get(o, name);

	if (!json_is_string(v) ||
	    strlen(json_string_value(v)) != json_string_length(v))
		return NULL;
	return json_string_value(v);
}

/* The time member name of o into *t. */
static enum core_code
trust_time_member(const json_t *o, const char *name, const char *where,
    time_t *t, struct core_err *err)
{
	const char	*s = trust_str(o, name);

	if (s == NULL || core_trust_time_parse(s, t) != 0)
		return core_err_set(err, CORE_E_REGISTRY, CORE_NO_OFFSET,
		    "%s\"%s\": wants an RFC 3339 UTC time", where, name);
	return CORE_OK;
}

/* Parse one entry of "services" into e. */
static enum core_code
trust_parse_entry(const json_t *o, size_t si, struct core_registry_entry *e,
    struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	const json_t	*keys, *k, *name;
	const char	*id, *role, *status, *tp;
	char		 where[64];
	size_t		 i;

	snprintf(where, sizeof where, "services[%zu].", si);
	id = trust_str(o, "service_id");
	role = trust_str(o, "role");
	status = trust_str(o, "status");
	keys = json_object_get(o, "keys");
	name = json_object_get(o, "name");
	if (!json_is_object(o) || id == NULL || role == NULL || status == NULL ||
	    !json_is_array(keys)) {
		rc = core_err_set(err, CORE_E_REGISTRY, CORE_NO_OFFSET,
		    "services[%zu]: wants service_id, role, status and keys", si);
		goto out;
	}
	if (!core_trust_origin_valid(id)) {
		rc = core_err_set(err, CORE_E_REGISTRY, CORE_NO_OFFSET,
		    "services[%zu].service_id: not an https origin", si);
		goto out;
	}
	memcpy(e->service_id, id, strlen(id) + 1);
	if (strcmp(role, "service") == 0)
		e->role = CORE_ROLE_SERVICE;
	else if (strcmp(role, "provider") == 0)
		e->role = CORE_ROLE_PROVIDER;
	if (strcmp(status, "active") == 0)
		e->status = CORE_STATUS_ACTIVE;
	else if (strcmp(status, "suspended") == 0)
		e->status = CORE_STATUS_SUSPENDED;
	else if (strcmp(status, "revoked") == 0)
		e->status = CORE_STATUS_REVOKED;
	if (e->role == 0 || e->status == 0) {
		rc = core_err_set(err, CORE_E_REGISTRY, CORE_NO_OFFSET,
		    "services[%zu]: role or status not one of the protocol's", si);
		goto out;
	}
	if (json_is_object(name))
		name = json_object_get(name, "en");
	if (json_is_string(name) && json_string_length(name) > 0 &&
	    json_string_length(name) <= 512 &&
	    strlen(json_string_value(name)) == json_string_length(name) &&
	    (e->name = core_strdup(json_string_value(name))) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if (json_array_size(keys) > CORE_REGISTRY_MAX_KEYS) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "services[%zu].keys: more than %d keys", si,
		    CORE_REGISTRY_MAX_KEYS);
		goto out;
	}
	if (json_array_size(keys) > 0 &&
	    (e->keys = core_calloc(json_array_size(keys), sizeof *e->keys)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	json_array_foreach(keys, i, k) {
		snprintf(where, sizeof where, "services[%zu].keys[%zu].", si, i);
		tp = trust_str(k, "thumbprint");
		if (!json_is_object(k) || tp == NULL || !trust_thumbprint_ok(tp)) {
			rc = core_err_set(err, CORE_E_REGISTRY, CORE_NO_OFFSET,
			    "%sthumbprint: not an RFC 7638 thumbprint", where);
			goto out;
		}
		memcpy(e->keys[i].thumbprint, tp, CORE_THUMBPRINT_LEN);
		if ((rc = trust_time_member(k, "not_before", where,
		    &e->keys[i].not_before, err)) != CORE_OK ||
		    (rc = trust_time_member(k, "not_after", where,
		    &e->keys[i].not_after, err)) != CORE_OK)
			goto out;
		if (e->keys[i].not_after < e->keys[i].not_before) {
			rc = core_err_set(err, CORE_E_REGISTRY, CORE_NO_OFFSET,
			    "%snot_after: before not_before", where);
			goto out;
		}
		e->nkeys++;
	}
out:
	return rc;
}

enum core_code
core_registry_parse(const void *payload, size_t len, struct core_registry **out,
    struct core_err *err)
{
	enum core_code		 rc;
	struct core_registry	*r = NULL;
	json_t			*o = NULL;
	const json_t		*services, *seq, *s;
	const char		*id;
	size_t			 i, j;

	*out = NULL;
	if ((rc = core_json_parse(payload, len, NULL, &o, err)) != CORE_OK)
		goto out;
	if ((r = core_calloc(1, sizeof *r)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if ((rc = core_sha256_hex(payload, len, r->sha256)) != CORE_OK)
		goto out;
	id = trust_str(o, "registry");
	seq = json_object_get(o, "sequence");
	services = json_object_get(o, "services");
	if (!json_is_object(o) || id == NULL || !json_is_integer(seq) ||
	    !json_is_array(services)) {
		rc = core_err_set(err, CORE_E_REGISTRY, CORE_NO_OFFSET,
		    "wants registry, sequence, issued_at, expires and services");
		goto out;
	}
	if (!trust_registry_id_ok(id)) {
		rc = core_err_set(err, CORE_E_REGISTRY, CORE_NO_OFFSET,
		    "registry: not an identifier of 1 to 127 characters");
		goto out;
	}
	memcpy(r->id, id, strlen(id) + 1);
	if (json_integer_value(seq) < 0) {
		rc = core_err_set(err, CORE_E_REGISTRY, CORE_NO_OFFSET,
		    "sequence: negative");
		goto out;
	}
	r->sequence = (int64_t)json_integer_value(seq);
	if ((rc = trust_time_member(o, "issued_at", "", &r->issued_at,
	    err)) != CORE_OK ||
	    (rc = trust_time_member(o, "expires", "", &r->expires, err)) != CORE_OK)
		goto out;
	if (r->expires <= r->issued_at) {
		rc = core_err_set(err, CORE_E_REGISTRY, CORE_NO_OFFSET,
		    "expires: not after issued_at");
		goto out;
	}
	if (json_array_size(services) > CORE_REGISTRY_MAX_SERVICES) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "services: more than %d entries", CORE_REGISTRY_MAX_SERVICES);
		goto out;
	}
	if (json_array_size(services) > 0 && (r->entries = core_calloc(
	    json_array_size(services), sizeof *r->entries)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	json_array_foreach(services, i, s) {
		r->n++;
		if ((rc = trust_parse_entry(s, i, &r->entries[i], err)) != CORE_OK)
			goto out;
		/* One entry per service and role: two could disagree. */
		for (j = 0; j < i; j++) {
			if (r->entries[j].role == r->entries[i].role &&
			    strcmp(r->entries[j].service_id,
			    r->entries[i].service_id) == 0) {
				rc = core_err_set(err, CORE_E_REGISTRY,
				    CORE_NO_OFFSET, "services[%zu]: %s listed "
				    "twice in one role", i, r->entries[i].service_id);
				goto out;
			}
		}
	}
	*out = r;
	r = NULL;
out:
	core_registry_free(&r);
	json_decref(o);
	return rc;
}

void
core_registry_free(struct core_registry **rp)
{
	struct core_registry	*r = *rp;
	size_t			 i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		core_free(r->entries[i].name);
		core_free(r->entries[i].keys);
	}
	core_free(r->entries);
	core_free(r);
	*rp = NULL;
}

/* ---- state ------------------------------------------------------------------ */

void
core_trust_state_init(struct core_trust_state *st)
{
	memset(st, 0, sizeof *st);
}

const struct core_trust_state_entry *
core_trust_state_get(const struct core_trust_state *st, const char *registry)
{
	size_t	i;

	if (st == NULL)
		return NULL;
	for (i = 0; i < st->n; i++) {
		if (strcmp(st->e[i].registry, registry) == 0)
			return &st->e[i];
	}
	return NULL;
}

/* Record that registry r was accepted. */
enum core_code
trust_state_put(struct core_trust_state *st, const struct core_registry *r,
    struct core_err *err)
{
	struct core_trust_state_entry	*e;
	size_t				 i;

	for (i = 0; i < st->n; i++) {
		if (strcmp(st->e[i].registry, r->id) == 0)
			break;
	}
	if (i == st->n) {
		if (st->n == CORE_TRUST_STATE_MAX)
			return core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
			    "more than %d registries", CORE_TRUST_STATE_MAX);
		st->n++;
	}
	e = &st->e[i];
	memcpy(e->registry, r->id, sizeof e->registry);
	e->sequence = r->sequence;
	memcpy(e->sha256, r->sha256, sizeof e->sha256);
	return CORE_OK;
}

enum core_code
core_trust_state_to_json(const struct core_trust_state *st, json_t **out)
{
	enum core_code	 rc = CORE_OK;
	json_t		*o = NULL, *a, *e;
	size_t		 i;

	*out = NULL;
	if ((o = json_object()) == NULL ||
	    json_object_set_new(o, "recourse_trust_state", json_string("1")) != 0 ||
	    (a = json_array()) == NULL ||
	    json_object_set_new(o, "registries", a) != 0) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	for (i = 0; i < st->n; i++) {
		e = json_pack("{s:s, s:I, s:s}", "registry", st->e[i].registry,
		    "sequence", (json_int_t)st->e[i].sequence, "sha256",
		    st->e[i].sha256);
		if (e == NULL || json_array_append_new(a, e) != 0) {
			rc = CORE_E_NOMEM;
			goto out;
		}
	}
	*out = o;
	o = NULL;
out:
	json_decref(o);
	return rc;
}

enum core_code
core_trust_state_from_json(const json_t *j, struct core_trust_state *st,
    struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	const json_t	*a, *e, *seq;
	const char	*id, *hex, *ver;
	size_t		 i;

	core_trust_state_init(st);
	ver = trust_str(j, "recourse_trust_state");
	a = json_object_get(j, "registries");
	if (ver == NULL || strcmp(ver, "1") != 0 || !json_is_array(a)) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "not a trust state of version 1");
		goto out;
	}
	if (json_array_size(a) > CORE_TRUST_STATE_MAX) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "more than %d registries", CORE_TRUST_STATE_MAX);
		goto out;
	}
	json_array_foreach(a, i, e) {
		id = trust_str(e, "registry");
		hex = trust_str(e, "sha256");
		seq = json_object_get(e, "sequence");
		if (id == NULL || !trust_registry_id_ok(id) || hex == NULL ||
		    strlen(hex) != 64 || !json_is_integer(seq) ||
		    json_integer_value(seq) < 0 ||
		    core_trust_state_get(st, id) != NULL) {
			rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
			    "registries[%zu]: wants a registry id, sequence and "
			    "sha256, once each", i);
			core_trust_state_init(st);
			goto out;
		}
		memcpy(st->e[st->n].registry, id, strlen(id) + 1);
		st->e[st->n].sequence = (int64_t)json_integer_value(seq);
		memcpy(st->e[st->n].sha256, hex, 65);
		st->n++;
	}
out:
	return rc;
}
