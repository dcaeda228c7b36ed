/* trust.c: trust store, signed registries, and document verdicts. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/intl.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/key.h"
#include "core/receipt.h"
#include "core/trust.h"
#include "core/verdict.h"

#define TRUST_MAX_KEYS	1024

enum trust_role {
	TRUST_ROOT = 0x01,
	TRUST_PIN = 0x02,
	TRUST_KNOWN = 0x04
};

struct trust_key {
	struct core_key	*key;
	enum trust_role	 role;
	char		 kid[128];
	char		 thumbprint[CORE_THUMBPRINT_LEN];
	char		 scope[CORE_SERVICE_ID_LEN];	/* root: registry id; pin: service */
	time_t		 not_before;	/* pins; 0: open */
	time_t		 not_after;
};

struct core_trust {
	struct trust_key	 *keys;
	size_t			  nkeys;
	struct core_registry	**regs;
	size_t			  nregs;
};

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
static const char *
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
static enum core_code
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

/* ---- the store ----------------------------------------------------------- */

enum core_code
core_trust_new(struct core_trust **out)
{
	*out = core_calloc(1, sizeof **out);
	return *out == NULL ? CORE_E_NOMEM : CORE_OK;
}

void
core_trust_free(struct core_trust **tp)
{
	struct core_trust	*t = *tp;
	size_t			 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nkeys; i++)
		core_key_free(&t->keys[i].key);
	core_free(t->keys);
	for (i = 0; i < t->nregs; i++)
		core_registry_free(&t->regs[i]);
	core_free(t->regs);
	core_free(t);
	*tp = NULL;
}

/* Add k in role to the store. */
static enum core_code
trust_add_key(struct core_trust *t, struct core_key *k, enum trust_role role,
    const char *kid, const char *scope, time_t nb, time_t na,
    struct core_err *err)
{
	enum core_code		 rc = CORE_OK;
	struct trust_key	*tk, *n;

	if (t->nkeys == TRUST_MAX_KEYS) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "more than %d keys", TRUST_MAX_KEYS);
		goto out;
	}
	if ((kid != NULL && strlen(kid) >= sizeof tk->kid) ||
	    (scope != NULL && strlen(scope) >= sizeof tk->scope)) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "key id or scope too long");
		goto out;
	}
	if ((n = core_realloc(t->keys, (t->nkeys + 1) * sizeof *n)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	t->keys = n;
	tk = &t->keys[t->nkeys];
	memset(tk, 0, sizeof *tk);
	if ((rc = core_key_thumbprint(k, tk->thumbprint, err)) != CORE_OK)
		goto out;
	memcpy(tk->kid, kid != NULL ? kid : tk->thumbprint,
	    strlen(kid != NULL ? kid : tk->thumbprint) + 1);
	if (scope != NULL)
		memcpy(tk->scope, scope, strlen(scope) + 1);
	tk->role = role;
	tk->not_before = nb;
	tk->not_after = na;
	tk->key = core_key_ref(k);
	t->nkeys++;
out:
	return rc;
}

enum core_code
core_trust_add_root(struct core_trust *t, struct core_key *k, const char *kid,
    const char *registry, struct core_err *err)
{
	return trust_add_key(t, k, TRUST_ROOT, kid, registry, 0, 0, err);
}

enum core_code
core_trust_pin(struct core_trust *t, struct core_key *k, const char *kid,
    const char *service_id, time_t not_before, time_t not_after,
    struct core_err *err)
{
	return trust_add_key(t, k, TRUST_PIN, kid, service_id, not_before,
	    not_after, err);
}

enum core_code
core_trust_add_known(struct core_trust *t, struct core_key *k, const char *kid,
    struct core_err *err)
{
	return trust_add_key(t, k, TRUST_KNOWN, kid, NULL, 0, 0, err);
}

/* Add k, under kid, in the part as. */
static enum core_code
trust_add_as(struct core_trust *t, struct core_key *k, const char *kid,
    enum core_trust_as as, struct core_err *err)
{
	enum core_code	rc;

	if (core_key_has_private(k))
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "a private key where a public key was expected");
	else if (as == CORE_TRUST_AS_ROOT)
		rc = core_trust_add_root(t, k, kid, NULL, err);
	else if (as == CORE_TRUST_AS_PIN)
		rc = core_trust_pin(t, k, kid, NULL, 0, 0, err);
	else
		rc = core_trust_add_known(t, k, kid, err);
	return rc;
}

/* Add one JWK object. */
static enum core_code
trust_add_jwk(struct core_trust *t, const json_t *jwk, enum core_trust_as as,
    struct core_err *err)
{
	enum core_code	 rc;
	struct core_key	*k = NULL;
	const char	*kid;

	if ((rc = core_key_from_jwk(jwk, &k, err)) != CORE_OK)
		goto out;
	kid = trust_str(jwk, "kid");
	if (kid != NULL && (*kid == '\0' || strlen(kid) >= 128)) {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "kid must be a string of 1 to 127 bytes");
		goto out;
	}
	rc = trust_add_as(t, k, kid, as, err);
out:
	core_key_free(&k);
	return rc;
}

enum core_code
core_trust_add_jwks(struct core_trust *t, const json_t *j,
    enum core_trust_as as, size_t *count, struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	const json_t	*keys, *k;
	size_t		 i, n = 0;

	if (json_is_object(json_object_get(j, "jwks")))
		j = json_object_get(j, "jwks");
	keys = json_object_get(j, "keys");
	if (json_is_object(j) && json_object_get(j, "kty") != NULL) {
		if ((rc = trust_add_jwk(t, j, as, err)) == CORE_OK)
			n++;
	} else if (json_is_array(keys) && json_array_size(keys) > 0) {
		json_array_foreach(keys, i, k) {
			if ((rc = trust_add_jwk(t, k, as, err)) != CORE_OK)
				break;
			n++;
		}
	} else {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "neither a JWK nor a key set with keys");
	}
	if (count != NULL)
		*count = n;
	return rc;
}

enum core_code
core_trust_add_pem(struct core_trust *t, const void *pem, size_t len,
    enum core_trust_as as, struct core_err *err)
{
	enum core_code	 rc;
	struct core_key	*k = NULL;

	if ((rc = core_key_from_pem(pem, len, &k, err)) == CORE_OK)
		rc = trust_add_as(t, k, NULL, as, err);
	core_key_free(&k);
	return rc;
}

/* Verify doc (of typ) with the key of tk, presented under kid. */
static enum core_code
trust_try_key(const struct trust_key *tk, const char *kid, const void *doc,
    size_t len, const char *typ, struct core_jws_result *res,
    struct core_err *err)
{
	enum core_code		 rc;
	struct core_keyset	*ks = NULL;

	if ((rc = core_keyset_new(&ks)) != CORE_OK ||
	    (rc = core_keyset_add(ks, tk->key, kid != NULL && *kid != '\0' ?
	    kid : NULL)) != CORE_OK)
		goto out;
	memset(res, 0, sizeof *res);
	rc = core_jws_verify(doc, len, typ, ks, res, err);
	if (rc != CORE_OK)
		core_jws_result_free(res);
out:
	core_keyset_free(&ks);
	return rc;
}

/*
 * Verify doc with a key of roles in the store or, by kid, with extra.  The
 * key named by kid is used when there is one (a wrong signature under a known
 * kid is final); when no key has that kid, every key of roles is tried.
 * *used gets the store's key (NULL for a key of extra).
 */
static enum core_code
trust_verify_jws(const struct core_trust *t, unsigned roles,
    const struct core_keyset *extra, const void *doc, size_t len,
    const char *typ, const char *kid, struct core_jws_result *res,
    const struct trust_key **used, struct core_err *err)
{
	enum core_code	rc = CORE_E_JWS_KID, first = CORE_OK;
	struct core_err	e1;
	int		named = 0;
	size_t		i;

	*used = NULL;
	core_err_clear(&e1);
	for (i = 0; kid != NULL && i < t->nkeys; i++) {
		if ((t->keys[i].role & roles) == 0 ||
		    (strcmp(t->keys[i].kid, kid) != 0 &&
		    strcmp(t->keys[i].thumbprint, kid) != 0))
			continue;
		named = 1;
		if ((rc = trust_try_key(&t->keys[i], kid, doc, len, typ, res,
		    err)) == CORE_OK) {
			*used = &t->keys[i];
			goto out;
		}
		if (first == CORE_OK) {
			first = rc;
			if (err != NULL)
				e1 = *err;
		}
	}
	if (kid != NULL && extra != NULL && core_keyset_find(extra, kid) != NULL) {
		named = 1;
		memset(res, 0, sizeof *res);
		if ((rc = core_jws_verify(doc, len, typ, extra, res, err)) == CORE_OK)
			goto out;
		core_jws_result_free(res);
		if (first == CORE_OK) {
			first = rc;
			if (err != NULL)
				e1 = *err;
		}
	}
	if (named) {
		rc = first;
		if (err != NULL)
			*err = e1;
		goto out;
	}
	for (i = 0; i < t->nkeys; i++) {
		if ((t->keys[i].role & roles) == 0)
			continue;
		if ((rc = trust_try_key(&t->keys[i], kid, doc, len, typ, res,
		    err)) == CORE_OK) {
			*used = &t->keys[i];
			goto out;
		}
		/* A refusal that no key can change ends the search. */
		if (rc != CORE_E_SIG_INVALID && rc != CORE_E_JWS_ALG &&
		    rc != CORE_E_SIG_LENGTH && rc != CORE_E_JWS_KID)
			goto out;
	}
	rc = core_err_set(err, CORE_E_JWS_KID, CORE_NO_OFFSET,
	    "no key at hand verifies the signature of key id \"%.64s\"",
	    kid != NULL ? kid : "");
out:
	return rc;
}

/* The registry held under id, or NULL. */
static struct core_registry *
trust_find_registry(const struct core_trust *t, const char *id, size_t *idx)
{
	size_t	i;

	for (i = 0; i < t->nregs; i++) {
		if (strcmp(t->regs[i]->id, id) == 0) {
			if (idx != NULL)
				*idx = i;
			return t->regs[i];
		}
	}
	return NULL;
}

/*
 * Is r fresh at now, and not older than what state and t have seen?
 * CORE_OK, CORE_E_REG_EXPIRED or CORE_E_REG_ROLLBACK; *seen gets the highest
 * sequence seen before (-1: none).
 */
static enum core_code
trust_registry_fresh(const struct core_trust *t,
    const struct core_trust_state *state, const struct core_registry *r,
    time_t now, int64_t *seen, struct core_err *err)
{
	const struct core_trust_state_entry	*se;
	const struct core_registry		*held;
	const char				*digest = NULL;
	char					 when[21];

	*seen = -1;
	if (now >= r->expires) {
		core_trust_time_format(r->expires, when);
		return core_err_set(err, CORE_E_REG_EXPIRED, CORE_NO_OFFSET,
		    "registry \"%s\" sequence %" PRId64 " expired at %s",
		    r->id, r->sequence, when);
	}
	if ((se = core_trust_state_get(state, r->id)) != NULL) {
		*seen = se->sequence;
		digest = se->sha256;
	}
	if ((held = trust_find_registry(t, r->id, NULL)) != NULL &&
	    held->sequence >= *seen) {
		*seen = held->sequence;
		digest = held->sha256;
	}
	if (r->sequence < *seen)
		return core_err_set(err, CORE_E_REG_ROLLBACK, CORE_NO_OFFSET,
		    "registry \"%s\" sequence %" PRId64 " is lower than %" PRId64
		    " already seen", r->id, r->sequence, *seen);
	if (r->sequence == *seen && digest != NULL &&
	    strcmp(digest, r->sha256) != 0)
		return core_err_set(err, CORE_E_REG_ROLLBACK, CORE_NO_OFFSET,
		    "registry \"%s\" sequence %" PRId64 " seen before with "
		    "other content", r->id, r->sequence);
	return CORE_OK;
}

/* The "kid" of a JWS's protected header into kid (size sz); "" if none. */
static enum core_code
trust_peek_kid(const void *doc, size_t len, char *kid, size_t sz,
    char *typ, size_t typsz, struct core_err *err)
{
	enum core_code	 rc;
	json_t		*h = NULL;
	const char	*s;

	kid[0] = '\0';
	if (typ != NULL)
		typ[0] = '\0';
	if ((rc = core_jws_peek(doc, len, &h, err)) != CORE_OK)
		goto out;
	if ((s = trust_str(h, "kid")) != NULL)
		snprintf(kid, sz, "%s", s);
	if (typ != NULL && (s = trust_str(h, "typ")) != NULL)
		snprintf(typ, typsz, "%s", s);
out:
	json_decref(h);
	return rc;
}

enum core_code
core_trust_add_registry(struct core_trust *t, const void *jws, size_t len,
    time_t now, struct core_trust_state *state, struct core_err *err)
{
	enum core_code			 rc;
	struct core_jws_result		 res;
	struct core_registry		*r = NULL, **n;
	const struct trust_key		*used = NULL;
	char				 kid[128];
	int64_t				 seen;
	size_t				 idx;

	memset(&res, 0, sizeof res);
	if ((rc = trust_peek_kid(jws, len, kid, sizeof kid, NULL, 0,
	    err)) != CORE_OK)
		goto out;
	if ((rc = trust_verify_jws(t, TRUST_ROOT, NULL, jws, len,
	    CORE_TYP_REGISTRY, kid[0] != '\0' ? kid : NULL, &res, &used,
	    err)) != CORE_OK)
		goto out;
	if ((rc = core_registry_parse(res.payload, res.payload_len, &r,
	    err)) != CORE_OK)
		goto out;
	if (used != NULL && used->scope[0] != '\0' &&
	    strcmp(used->scope, r->id) != 0) {
		rc = core_err_set(err, CORE_E_UNTRUSTED, CORE_NO_OFFSET,
		    "the root key may sign registry \"%s\" only, not \"%s\"",
		    used->scope, r->id);
		goto out;
	}
	if ((rc = trust_registry_fresh(t, state, r, now, &seen, err)) != CORE_OK)
		goto out;
	if (trust_find_registry(t, r->id, &idx) != NULL) {
		core_registry_free(&t->regs[idx]);
		t->regs[idx] = r;
	} else {
		if (t->nregs == CORE_TRUST_STATE_MAX) {
			rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
			    "more than %d registries", CORE_TRUST_STATE_MAX);
			goto out;
		}
		if ((n = core_realloc(t->regs, (t->nregs + 1) * sizeof *n)) == NULL) {
			rc = CORE_E_NOMEM;
			goto out;
		}
		t->regs = n;
		t->regs[t->nregs++] = r;
	}
	if (state != NULL && (rc = trust_state_put(state, r, err)) != CORE_OK) {
		/* The store holds r now; the caller cannot keep its sequence. */
		r = NULL;
		goto out;
	}
	r = NULL;
out:
	core_registry_free(&r);
	core_jws_result_free(&res);
	return rc;
}

size_t
core_trust_registry_count(const struct core_trust *t)
{
	return t->nregs;
}

/* ---- trust decisions ------------------------------------------------------ */

static void
trust_info_registry(struct core_trust_info *info, const struct core_registry *r,
    const struct core_registry_key *k)
{
	if (info == NULL)
		return;
	memcpy(info->registry, r->id, sizeof info->registry);
	info->sequence = r->sequence;
	if (k != NULL) {
		info->not_before = k->not_before;
		info->not_after = k->not_after;
	}
}

enum core_code
core_trust_check(const struct core_trust *t, const char *thumbprint,
    const char *service_id, enum core_registry_role role, time_t now,
    struct core_trust_info *info, struct core_err *err)
{
	const struct core_registry_entry	*e;
	const struct core_registry_key		*k;
	const struct core_registry		*r;
	const struct trust_key			*tk;
	enum core_code				 rc = CORE_E_UNTRUSTED;
	char					 a[21], b[21];
	time_t					 nb = 0, na = 0;
	size_t					 i, j, m;
	int					 outside = 0;

	if (info != NULL)
		memset(info, 0, sizeof *info);
	/* A revocation or suspension in any registry is never overridden. */
	for (i = 0; i < t->nregs; i++) {
		r = t->regs[i];
		for (j = 0; j < r->n; j++) {
			e = &r->entries[j];
			if (e->role != role || strcmp(e->service_id, service_id) != 0)
				continue;
			if (e->status == CORE_STATUS_REVOKED) {
				trust_info_registry(info, r, NULL);
				rc = core_err_set(err, CORE_E_REVOKED, CORE_NO_OFFSET,
				    "registry \"%s\" lists %s as revoked", r->id,
				    service_id);
				goto out;
			}
			if (e->status == CORE_STATUS_SUSPENDED) {
				trust_info_registry(info, r, NULL);
				rc = core_err_set(err, CORE_E_SUSPENDED,
				    CORE_NO_OFFSET, "registry \"%s\" lists %s as "
				    "suspended", r->id, service_id);
				goto out;
			}
		}
	}
	for (i = 0; i < t->nkeys; i++) {
		tk = &t->keys[i];
		if (tk->role != TRUST_PIN || strcmp(tk->thumbprint, thumbprint) != 0 ||
		    (tk->scope[0] != '\0' && strcmp(tk->scope, service_id) != 0))
			continue;
		if ((tk->not_before != 0 && now < tk->not_before) ||
		    (tk->not_after != 0 && now > tk->not_after)) {
			if (!outside) {
				nb = tk->not_before;
				na = tk->not_after;
			}
			outside = 1;
			continue;
		}
		if (info != NULL) {
			info->source = CORE_TRUST_PINNED;
			info->not_before = tk->not_before;
			info->not_after = tk->not_after;
		}
		rc = CORE_OK;
		goto out;
	}
	for (i = 0; i < t->nregs; i++) {
		r = t->regs[i];
		for (j = 0; j < r->n; j++) {
			e = &r->entries[j];
			if (e->role != role || strcmp(e->service_id, service_id) != 0)
				continue;
			for (m = 0; m < e->nkeys; m++) {
				k = &e->keys[m];
				if (strcmp(k->thumbprint, thumbprint) != 0)
					continue;
				if (now < k->not_before || now > k->not_after) {
					if (!outside) {
						trust_info_registry(info, r, k);
						nb = k->not_before;
						na = k->not_after;
					}
					outside = 1;
					continue;
				}
				trust_info_registry(info, r, k);
				if (info != NULL)
					info->source = CORE_TRUST_REGISTRY;
				rc = CORE_OK;
				goto out;
			}
		}
	}
	if (outside) {
		if (info != NULL) {
			info->not_before = nb;
			info->not_after = na;
		}
		core_trust_time_format(nb, a);
		core_trust_time_format(na, b);
		rc = core_err_set(err, CORE_E_KEY_VALIDITY, CORE_NO_OFFSET,
		    "the key is valid from %s to %s",
		    nb != 0 ? a : "the beginning", na != 0 ? b : "the end");
		goto out;
	}
	/* Listed, but for another service or role? */
	for (i = 0; i < t->nregs; i++) {
		r = t->regs[i];
		for (j = 0; j < r->n; j++) {
			e = &r->entries[j];
			for (m = 0; m < e->nkeys; m++) {
				if (strcmp(e->keys[m].thumbprint, thumbprint) != 0)
					continue;
				if (info != NULL) {
					trust_info_registry(info, r, NULL);
					memcpy(info->listed_for, e->service_id,
					    sizeof info->listed_for);
				}
				rc = core_err_set(err, CORE_E_UNTRUSTED,
				    CORE_NO_OFFSET, "registry \"%s\" lists the key "
				    "for %s as %s", r->id, e->service_id,
				    e->role == CORE_ROLE_PROVIDER ? "provider" :
				    "service");
				goto out;
			}
		}
	}
	rc = core_err_set(err, CORE_E_UNTRUSTED, CORE_NO_OFFSET,
	    "key %s is not pinned and no accepted registry lists it for %s",
	    thumbprint, service_id);
out:
	return rc;
}

/* ---- documents ------------------------------------------------------------ */

static const char *const trust_typs[][2] = {
	{ "decision", CORE_TYP_DECISION },
	{ "receipt", CORE_TYP_RECEIPT },
	{ "status", CORE_TYP_STATUS },
	{ "registry", CORE_TYP_REGISTRY },
	{ "attestation", CORE_TYP_ATTESTATION }
};

const char *
core_trust_typ(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof trust_typs / sizeof trust_typs[0]; i++) {
		if (strcmp(name, trust_typs[i][0]) == 0 ||
		    strcmp(name, trust_typs[i][1]) == 0)
			return trust_typs[i][1];
	}
	return NULL;
}

/* Is typ one of the protocol's document types (in full)? */
static int
trust_typ_known(const char *typ)
{
	size_t	i;

	for (i = 0; i < sizeof trust_typs / sizeof trust_typs[0]; i++) {
		if (strcmp(typ, trust_typs[i][1]) == 0)
			return 1;
	}
	return 0;
}

void
core_doc_info_free(struct core_doc_info *info)
{
	json_decref(info->payload);
	info->payload = NULL;
}

/* Add the checks that could not be made after a failure, from id on. */
static void
trust_not_checked(struct core_verdict *v, const char *from)
{
	static const struct {
		const char		*id;
		enum core_check_kind	 kind;
		const char		*msg;
	} rest[] = {
		{ "signature", CORE_CHECK_INTEGRITY,
		  N_("The signature was not checked.") },
		{ "content", CORE_CHECK_INTEGRITY,
		  N_("The signed content was not checked.") },
		{ "trust", CORE_CHECK_TRUST,
		  N_("Whether the signer is trusted was not checked.") }
	};
	size_t	i;
	int	on = 0;

	for (i = 0; i < sizeof rest / sizeof rest[0]; i++) {
		if (strcmp(rest[i].id, from) == 0)
			on = 1;
		if (on)
			core_verdict_add(v, rest[i].id, rest[i].kind,
			    CORE_CHECK_NOT_CHECKED, NULL, rest[i].msg, NULL);
	}
}

/* The origin a document of typ names as its signer, checked, into out. */
static enum core_code
trust_doc_service(const char *typ, const json_t *payload, char *out,
    size_t outsz, struct core_err *err)
{
	const char	*member, *s;

	if (strcmp(typ, CORE_TYP_DECISION) == 0)
		member = "issuer";
	else if (strcmp(typ, CORE_TYP_ATTESTATION) == 0)
		member = "provider";
	else
		member = "service_id";
	if (!json_is_object(payload))
		return core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "the payload is not a JSON object");
	s = trust_str(payload, member);
	if (s == NULL || !core_trust_origin_valid(s) || strlen(s) >= outsz)
		return core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "\"%s\" missing or not an https origin", member);
	memcpy(out, s, strlen(s) + 1);
	return CORE_OK;
}

/* The receipt check: does the receipt name the body that was sent? */
static enum core_code
trust_receipt_check(const struct core_receipt *rcpt, const void *body,
    size_t body_len, struct core_verdict *v)
{
	enum core_code			 rc = CORE_OK;
	struct core_receipt_expect	 exp;
	struct core_err			 err;
	json_t				*b = NULL;

	core_err_clear(&err);
	if (body == NULL) {
		core_verdict_add(v, "receipt", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_NOT_CHECKED, NULL,
		    N_("The receipt was not compared with the contest that was "
		    "sent: no copy of it was given."), NULL);
		goto out;
	}
	memset(&exp, 0, sizeof exp);
	exp.body = body;
	exp.body_len = body_len;
	/* The decision contested is named in the body itself. */
	if (core_json_parse(body, body_len, NULL, &b, NULL) == CORE_OK)
		exp.decision_id = trust_str(b, "decision_id");
	rc = core_receipt_match(rcpt, &exp, &err);
	if (rc == CORE_E_NOMEM)
		goto out;
	if (rc != CORE_OK)
		core_verdict_add(v, "receipt", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, &err,
		    N_("The receipt does not match the contest that was sent."),
		    NULL);
	else
		core_verdict_add(v, "receipt", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    N_("The receipt names the exact bytes of the contest that "
		    "was sent, for decision %s."), rcpt->decision_id, NULL);
	rc = CORE_OK;
out:
	json_decref(b);
	return rc;
}

/* The trust check of a registry given as a document. */
static void
trust_registry_doc(const struct core_trust *t,
    const struct core_trust_state *state, const struct core_registry *r,
    const struct trust_key *used, const char *thumbprint, time_t now,
    struct core_verdict *v)
{
	struct core_err	err;
	enum core_code	rc;
	char		seq[24], seen_s[24], when[21];
	int64_t		seen;

	core_err_clear(&err);
	snprintf(seq, sizeof seq, "%" PRId64, r->sequence);
	if (used == NULL || used->role != TRUST_ROOT) {
		core_err_set(&err, CORE_E_UNTRUSTED, CORE_NO_OFFSET,
		    "signed by key %s", thumbprint);
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("The registry is not signed by a registry root key."),
		    NULL);
		return;
	}
	if (used->scope[0] != '\0' && strcmp(used->scope, r->id) != 0) {
		core_err_set(&err, CORE_E_UNTRUSTED, CORE_NO_OFFSET,
		    "the root key may sign registry \"%s\" only", used->scope);
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("The root key that signed it may not sign the "
		    "registry %s."), r->id, NULL);
		return;
	}
	rc = trust_registry_fresh(t, state, r, now, &seen, &err);
	snprintf(seen_s, sizeof seen_s, "%" PRId64, seen);
	if (rc == CORE_E_REG_EXPIRED) {
		core_trust_time_format(r->expires, when);
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("The registry %1$s expired at %2$s."), r->id, when,
		    NULL);
	} else if (rc == CORE_E_REG_ROLLBACK && r->sequence < seen) {
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("The registry %1$s has sequence %2$s, lower than "
		    "sequence %3$s already seen."), r->id, seq, seen_s, NULL);
	} else if (rc != CORE_OK) {
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("The registry %1$s repeats sequence %2$s with other "
		    "content."), r->id, seq, NULL);
	} else {
		core_trust_time_format(r->expires, when);
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_PASSED,
		    NULL, N_("The registry %1$s, sequence %2$s, is signed by a "
		    "root key and current until %3$s."), r->id, seq, when, NULL);
	}
}

/* The trust check of a document signed for a service or provider. */
static enum core_code
trust_signer_doc(const struct core_trust *t, const struct core_doc_info *info,
    enum core_registry_role role, time_t now, struct core_verdict *v)
{
	struct core_trust_info	ti;
	struct core_err		err;
	enum core_code		rc;
	char			seq[24], a[21], b[21], at[21];

	core_err_clear(&err);
	rc = core_trust_check(t, info->thumbprint, info->service_id, role, now,
	    &ti, &err);
	snprintf(seq, sizeof seq, "%" PRId64, ti.sequence);
	core_trust_time_format(ti.not_before, a);
	core_trust_time_format(ti.not_after, b);
	core_trust_time_format(now, at);
	switch (rc) {
	case CORE_OK:
		if (ti.source == CORE_TRUST_PINNED)
			core_verdict_add(v, "trust", CORE_CHECK_TRUST,
			    CORE_CHECK_PASSED, NULL,
			    N_("The signing key is pinned as trusted."), NULL);
		else
			core_verdict_add(v, "trust", CORE_CHECK_TRUST,
			    CORE_CHECK_PASSED, NULL,
			    N_("Registry %1$s (sequence %2$s) lists %3$s as active "
			    "with this key."), ti.registry, seq, info->service_id,
			    NULL);
		break;
	case CORE_E_REVOKED:
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("Registry %1$s lists %2$s as revoked."), ti.registry,
		    info->service_id, NULL);
		break;
	case CORE_E_SUSPENDED:
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("Registry %1$s lists %2$s as suspended."),
		    ti.registry, info->service_id, NULL);
		break;
	case CORE_E_KEY_VALIDITY:
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("The signing key is valid from %1$s to %2$s, not at "
		    "%3$s."), ti.not_before != 0 ? a : "-",
		    ti.not_after != 0 ? b : "-", at, NULL);
		break;
	case CORE_E_UNTRUSTED:
		if (ti.listed_for[0] != '\0')
			core_verdict_add(v, "trust", CORE_CHECK_TRUST,
			    CORE_CHECK_FAILED, &err,
			    N_("Registry %1$s lists the signing key for %2$s, "
			    "not for %3$s."), ti.registry, ti.listed_for,
			    info->service_id, NULL);
		else
			core_verdict_add(v, "trust", CORE_CHECK_TRUST,
			    CORE_CHECK_FAILED, &err,
			    N_("No accepted registry lists the signing key for "
			    "%s, and the key is not pinned."), info->service_id,
			    NULL);
		break;
	default:
		goto out;
	}
	rc = CORE_OK;
out:
	return rc;
}

enum core_code
core_trust_verify_doc(const struct core_trust *t, const void *doc, size_t len,
    const char *expect_typ, const struct core_keyset *extra,
    const struct core_trust_state *state, time_t now, const void *body,
    size_t body_len, struct core_verdict *v, struct core_doc_info *info)
{
	enum core_code		 rc;
	struct core_err		 err;
	struct core_jws_result	 res;
	struct core_registry	*reg = NULL;
	struct core_receipt	 rcpt;
	const struct trust_key	*used = NULL;
	json_t			*payload = NULL;
	unsigned		 roles;

	memset(&res, 0, sizeof res);
	memset(info, 0, sizeof *info);
	core_verdict_init(v);
	core_err_clear(&err);

	/* format */
	rc = trust_peek_kid(doc, len, info->kid, sizeof info->kid, info->typ,
	    sizeof info->typ, &err);
	if (rc == CORE_E_NOMEM)
		goto out;
	if (rc != CORE_OK) {
		core_verdict_add(v, "format", CORE_CHECK_FORMAT, CORE_CHECK_FAILED,
		    &err, N_("The file is not a signed document that can be read."),
		    NULL);
		rc = CORE_OK;
		goto out;
	}
	core_verdict_add(v, "format", CORE_CHECK_FORMAT, CORE_CHECK_PASSED, NULL,
	    N_("The file is a signed document (JWS)."), NULL);

	/* typ */
	if (info->typ[0] == '\0') {
		core_err_set(&err, CORE_E_JWS_TYP, CORE_NO_OFFSET,
		    "no typ in the protected header");
		core_verdict_add(v, "typ", CORE_CHECK_INTEGRITY, CORE_CHECK_FAILED,
		    &err, N_("The document does not say what type it is."), NULL);
	} else if (expect_typ != NULL && strcmp(expect_typ, info->typ) != 0) {
		core_err_set(&err, CORE_E_JWS_TYP, CORE_NO_OFFSET,
		    "typ \"%.64s\", expected \"%s\"", info->typ, expect_typ);
		core_verdict_add(v, "typ", CORE_CHECK_INTEGRITY, CORE_CHECK_FAILED,
		    &err, N_("The document is of type %1$s, not of the expected "
		    "type %2$s."), info->typ, expect_typ, NULL);
	} else if (!trust_typ_known(info->typ)) {
		core_err_set(&err, CORE_E_JWS_TYP, CORE_NO_OFFSET,
		    "typ \"%.64s\"", info->typ);
		core_verdict_add(v, "typ", CORE_CHECK_INTEGRITY, CORE_CHECK_FAILED,
		    &err, N_("The document's type %s is not one of recourse/1."),
		    info->typ, NULL);
	} else {
		core_verdict_add(v, "typ", CORE_CHECK_INTEGRITY, CORE_CHECK_PASSED,
		    NULL, N_("The document is of type %s."), info->typ, NULL);
	}
	if (err.code != CORE_OK) {
		trust_not_checked(v, "signature");
		goto out;
	}

	/* signature */
	roles = TRUST_PIN | TRUST_KNOWN;
	if (strcmp(info->typ, CORE_TYP_REGISTRY) == 0)
		roles |= TRUST_ROOT;
	rc = trust_verify_jws(t, roles, extra, doc, len, info->typ,
	    info->kid[0] != '\0' ? info->kid : NULL, &res, &used, &err);
	if (rc == CORE_E_NOMEM)
		goto out;
	if (rc >= CORE_E_JSON_SYNTAX && rc <= CORE_E_JSON_TYPE) {
		/* The signature verified; what it signed is not JSON. */
		core_verdict_add(v, "signature", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL, N_("The signature by key %s is "
		    "valid."), info->kid, NULL);
		core_verdict_add(v, "content", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, &err, N_("The signed content is not "
		    "valid JSON."), NULL);
		rc = CORE_OK;
		trust_not_checked(v, "trust");
		goto out;
	} else if (rc == CORE_E_JWS_KID) {
		core_verdict_add(v, "signature", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, &err, N_("No key at hand matches the "
		    "signer (key id %s)."), info->kid, NULL);
	} else if (rc != CORE_OK) {
		core_verdict_add(v, "signature", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, &err, N_("The signature by key %s is not "
		    "valid."), info->kid, NULL);
	}
	if (rc != CORE_OK) {
		rc = CORE_OK;
		trust_not_checked(v, "content");
		goto out;
	}
	snprintf(info->kid, sizeof info->kid, "%s", res.kid);
	memcpy(info->thumbprint, res.thumbprint, sizeof info->thumbprint);
	info->thumbprint[sizeof info->thumbprint - 1] = '\0';
	snprintf(info->alg, sizeof info->alg, "%s", res.alg);
	core_verdict_add(v, "signature", CORE_CHECK_INTEGRITY, CORE_CHECK_PASSED,
	    NULL, N_("The signature by key %1$s (%2$s) is valid."), info->kid,
	    info->alg, NULL);

	/* content */
	if (res.payload_json != NULL)
		payload = json_incref(res.payload_json);
	else
		rc = core_json_parse(res.payload, res.payload_len, NULL,
		    &payload, &err);
	if (rc == CORE_OK && strcmp(info->typ, CORE_TYP_REGISTRY) == 0) {
		rc = core_registry_parse(res.payload, res.payload_len, &reg, &err);
		if (rc == CORE_OK)
			memcpy(info->service_id, reg->id, sizeof reg->id);
	} else if (rc == CORE_OK && strcmp(info->typ, CORE_TYP_RECEIPT) == 0) {
		rc = core_receipt_parse(res.payload, res.payload_len, &rcpt, &err);
		if (rc == CORE_OK)
			memcpy(info->service_id, rcpt.service_id,
			    sizeof rcpt.service_id);
	} else if (rc == CORE_OK) {
		rc = trust_doc_service(info->typ, payload, info->service_id,
		    sizeof info->service_id, &err);
	}
	if (rc == CORE_E_NOMEM)
		goto out;
	if (rc != CORE_OK) {
		core_verdict_add(v, "content", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, &err, N_("The signed content does not "
		    "follow the protocol."), NULL);
		rc = CORE_OK;
		trust_not_checked(v, "trust");
		goto out;
	}
	if (reg != NULL)
		core_verdict_add(v, "content", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL, N_("The signed content is a "
		    "well-formed registry, %s."), info->service_id, NULL);
	else
		core_verdict_add(v, "content", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL, N_("The signed content is "
		    "well-formed and names %s as its signer."), info->service_id,
		    NULL);
	if (strcmp(info->typ, CORE_TYP_RECEIPT) == 0 &&
	    (rc = trust_receipt_check(&rcpt, body, body_len, v)) != CORE_OK)
		goto out;

	/* trust */
	if (reg != NULL)
		trust_registry_doc(t, state, reg, used, info->thumbprint, now, v);
	else if ((rc = trust_signer_doc(t, info,
	    strcmp(info->typ, CORE_TYP_ATTESTATION) == 0 ? CORE_ROLE_PROVIDER :
	    CORE_ROLE_SERVICE, now, v)) != CORE_OK)
		goto out;
	info->payload = payload;
	payload = NULL;
out:
	json_decref(payload);
	core_registry_free(&reg);
	core_jws_result_free(&res);
	return rc;
}
