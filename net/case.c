/* case.c: case files of the store (see case.h). */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "net/case.h"
#include "net/jfile.h"
#include "net/store.h"

#define CF(name, member, req) \
	{ name, offsetof(struct net_case, member), NET_JF_STRING, req }

static const struct net_jfield case_fields[] = {
	CF("service", service, 1),
	CF("service_id", service_id, 0),
	CF("reference", reference, 1),
	CF("decisions_url", decisions_url, 0),
	CF("contests_url", contests_url, 0),
	CF("decision_id", decision_id, 0),
	CF("decision", decision, 0),
	CF("decision_sha256", decision_sha256, 0),
	CF("discovery", discovery, 0),
	CF("issued_at", issued_at, 0),
	CF("verdict", verdict, 0),
	CF("verdict_reason", verdict_reason, 0),
	CF("verdict_detail", verdict_detail, 0),
	CF("checked_at", checked_at, 0),
	CF("deadline", deadline, 0),
	CF("contest_status", contest_status, 0),
	CF("contest_id", contest_id, 0),
	CF("receipt", receipt, 0),
	CF("status_url", status_url, 0),
	CF("answer_due", answer_due, 0),
	CF("status", status, 0),
	CF("status_checked_at", status_checked_at, 0),
	CF("opened_at", opened_at, 0),
	CF("updated_at", updated_at, 0),
	CF("access_code", access_code, 0),
};
#define NCASE_FIELDS (sizeof case_fields / sizeof case_fields[0])

void
net_case_init(struct net_case *c)
{
	memset(c, 0, sizeof *c);
}

void
net_case_clear(struct net_case *c)
{
	net_jfile_clear(case_fields, NCASE_FIELDS, c, "access_code");
	c->id[0] = '\0';
}

enum core_code
net_case_set(char **slot, const char *v)
{
	return net_jfile_set(slot, v);
}

/* cases/<id>.json into out. */
static enum core_code
case_file(const char *id, char *out, size_t outsz, struct core_err *err)
{
	if (!net_store_name_ok(id) || strlen(id) > NET_CASE_ID_MAX)
		return core_err_set(err, CORE_E_NOT_FOUND, CORE_NO_OFFSET,
		    "no case is named so");
	snprintf(out, outsz, "%s.json", id);
	return CORE_OK;
}

enum core_code
net_case_load(struct net_store *st, const char *id, struct net_case *c,
    struct core_err *err)
{
	char		name[NET_CASE_ID_MAX + 8];
	enum core_code	rc;

	net_case_clear(c);
	if ((rc = case_file(id, name, sizeof name, err)) != CORE_OK)
		return rc;
	rc = net_jfile_load(st, NET_DIR_CASES, name, case_fields, NCASE_FIELDS, c, err);
	if (rc == CORE_OK)
		snprintf(c->id, sizeof c->id, "%s", id);
	return rc;
}

enum core_code
net_case_save(struct net_store *st, struct net_case *c, struct core_err *err)
{
	char		name[NET_CASE_ID_MAX + 8], now[21];
	enum core_code	rc;

	if ((rc = case_file(c->id, name, sizeof name, err)) != CORE_OK)
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET, "unusable case id");
	net_time_now(now);
	if ((rc = net_case_set(&c->updated_at, now)) != CORE_OK ||
	    (c->opened_at == NULL && (rc = net_case_set(&c->opened_at, now)) != CORE_OK))
		return core_err_set(err, rc, CORE_NO_OFFSET, NULL);
	return net_jfile_save(st, NET_DIR_CASES, name, case_fields, NCASE_FIELDS, c, err);
}

enum core_code
net_case_remove(struct net_store *st, const char *id, struct core_err *err)
{
	char		name[NET_CASE_ID_MAX + 8];
	enum core_code	rc;

	if ((rc = case_file(id, name, sizeof name, err)) != CORE_OK)
		return rc;
	return net_store_remove(st, NET_DIR_CASES, name, err);
}

/* Most recently updated first, then by id. */
static int
case_cmp(const void *a, const void *b)
{
	const struct net_case	*x = a, *y = b;
	int			 r;

	r = strcmp(y->updated_at != NULL ? y->updated_at : "",
	    x->updated_at != NULL ? x->updated_at : "");
	return r != 0 ? r : strcmp(x->id, y->id);
}

enum core_code
net_case_list(struct net_store *st, struct net_case **vp, size_t *np,
    struct core_err *err)
{
	struct net_case	*v = NULL;
	struct core_err	 e2;
	char		**names = NULL, id[NET_CASE_ID_MAX + 1];
	size_t		 n = 0, i, cnt = 0, len;
	enum core_code	 rc;

	*vp = NULL;
	*np = 0;
	if ((rc = net_store_list(st, NET_DIR_CASES, ".json", &names, &n, err)) != CORE_OK)
		return rc;
	if (n > 0 && (v = core_calloc(n, sizeof *v)) == NULL) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
		goto out;
	}
	for (i = 0; i < n; i++) {
		len = strlen(names[i]) - 5;
		if (len == 0 || len > NET_CASE_ID_MAX)
			continue;
		memcpy(id, names[i], len);
		id[len] = '\0';
		rc = net_case_load(st, id, &v[cnt], &e2);
		if (rc == CORE_OK)
			cnt++;
		else if (rc == CORE_E_NOMEM || rc == CORE_E_IO) {
			*err = e2;
			goto out;
		}
		/* Damaged (now set aside) or gone meanwhile: skip it. */
		rc = CORE_OK;
	}
	if (cnt > 0)
		qsort(v, cnt, sizeof *v, case_cmp);
	*vp = v;
	*np = cnt;
	v = NULL;
out:
	if (v != NULL)
		net_case_list_free(&v, cnt);
	net_store_names_free(&names, n);
	return rc;
}

void
net_case_list_free(struct net_case **vp, size_t n)
{
	size_t	i;

	if (*vp == NULL)
		return;
	for (i = 0; i < n; i++)
		net_case_clear(&(*vp)[i]);
	core_free(*vp);
	*vp = NULL;
}

/* The reference turned into an id stem. */
static void
case_slug(const char *ref, char *out, size_t outsz)
{
	size_t	i, n = 0;

	for (i = 0; ref[i] != '\0' && n + 1 < outsz; i++) {
		char ch = ref[i];

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-')
			out[n++] = ch;
		else if (n > 0 && out[n - 1] != '-')
			out[n++] = '-';
	}
	out[n] = '\0';
	while (out[0] == '.' || out[0] == '-')
		memmove(out, out + 1, strlen(out));
	if (out[0] == '\0')
		snprintf(out, outsz, "case");
}

enum core_code
net_case_id_for(struct net_store *st, const char *service_id,
    const char *reference, char id[NET_CASE_ID_MAX + 1], int *existing,
    struct core_err *err)
{
	struct net_case	c;
	char		stem[NET_CASE_ID_MAX - 3];
	int		i;
	enum core_code	rc;

	*existing = 0;
	net_case_init(&c);
	case_slug(reference, stem, sizeof stem);
	for (i = 1; i < 1000; i++) {
		if (i == 1)
			snprintf(id, NET_CASE_ID_MAX + 1, "%s", stem);
		else
			snprintf(id, NET_CASE_ID_MAX + 1, "%s-%d", stem, i);
		rc = net_case_load(st, id, &c, err);
		if (rc == CORE_E_NOT_FOUND || rc == CORE_E_STORE_CORRUPT) {
			core_err_clear(err);
			rc = CORE_OK;
			break;		/* free (a damaged file was set aside) */
		}
		if (rc != CORE_OK)
			break;
		if (strcmp(c.reference, reference) == 0 && c.service_id != NULL &&
		    strcmp(c.service_id, service_id) == 0) {
			*existing = 1;
			break;
		}
		net_case_clear(&c);
	}
	if (i == 1000)
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "too many cases with this reference");
	net_case_clear(&c);
	return rc;
}

enum core_code
net_case_resolve(struct net_store *st, const char *name,
    char id[NET_CASE_ID_MAX + 1], struct core_err *err)
{
	struct net_case	*v = NULL, c;
	size_t		 n = 0, i, hits = 0;
	enum core_code	 rc;

	id[0] = '\0';
	if (name != NULL) {
		net_case_init(&c);
		rc = net_case_load(st, name, &c, err);
		net_case_clear(&c);
		if (rc == CORE_OK) {
			snprintf(id, NET_CASE_ID_MAX + 1, "%s", name);
			return CORE_OK;
		}
		if (rc != CORE_E_NOT_FOUND)
			return rc;
	}
	if ((rc = net_case_list(st, &v, &n, err)) != CORE_OK)
		return rc;
	core_err_clear(err);
	for (i = 0; i < n; i++) {
		if (name != NULL && strcmp(v[i].reference, name) != 0)
			continue;
		if (hits++ == 0)
			snprintf(id, NET_CASE_ID_MAX + 1, "%s", v[i].id);
		snprintf(err->detail + strlen(err->detail),
		    sizeof err->detail - strlen(err->detail), "%s%s",
		    hits > 1 ? ", " : "", v[i].id);
	}
	if (hits == 0)
		rc = core_err_set(err, CORE_E_NOT_FOUND, CORE_NO_OFFSET, "%s",
		    name != NULL ? name : "");
	else if (hits > 1) {
		id[0] = '\0';
		rc = CORE_E_ARG;
		err->code = rc;
	}
	net_case_list_free(&v, n);
	return rc;
}
