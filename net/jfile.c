/* jfile.c: table-driven JSON files of the store (see jfile.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "net/jfile.h"
#include "net/store.h"

/* The member of obj that field f describes. */
#define JF_STR(obj, f)	((char **)(void *)((char *)(obj) + (f)->offset))
#define JF_INT(obj, f)	((long long *)(void *)((char *)(obj) + (f)->offset))

enum core_code
net_jfile_set(char **slot, const char *v)
{
	char	*p = NULL;

	if (v != NULL && (p = core_strdup(v)) == NULL)
		return CORE_E_NOMEM;
	core_free(*slot);
	*slot = p;
	return CORE_OK;
}

void
net_jfile_clear(const struct net_jfield *f, size_t nf, void *obj, const char *wipe)
{
	size_t	 i;
	char	**s;

	for (i = 0; i < nf; i++) {
		if (f[i].type != NET_JF_STRING)
			continue;
		s = JF_STR(obj, &f[i]);
		if (*s != NULL && wipe != NULL && strcmp(f[i].name, wipe) == 0)
			memset(*s, 0, strlen(*s));
		core_free(*s);
		*s = NULL;
	}
}

/* Fill obj from the parsed object; a short reason on failure. */
static enum core_code
jfile_fill(const json_t *o, const struct net_jfield *f, size_t nf, void *obj,
    char *why, size_t whysz)
{
	const json_t	*v;
	size_t		 i;

	if (!json_is_object(o)) {
		snprintf(why, whysz, "not a JSON object");
		return CORE_E_STORE_CORRUPT;
	}
	v = json_object_get(o, "version");
	if (!json_is_integer(v) || json_integer_value(v) != 1) {
		snprintf(why, whysz, "unknown version");
		return CORE_E_STORE_CORRUPT;
	}
	for (i = 0; i < nf; i++) {
		v = json_object_get(o, f[i].name);
		if (v == NULL || json_is_null(v)) {
			if (f[i].required) {
				snprintf(why, whysz, "\"%s\" is missing", f[i].name);
				return CORE_E_STORE_CORRUPT;
			}
			continue;
		}
		if (f[i].type == NET_JF_STRING) {
			if (!json_is_string(v) ||
			    strlen(json_string_value(v)) != json_string_length(v)) {
				snprintf(why, whysz, "\"%s\" is not a string", f[i].name);
				return CORE_E_STORE_CORRUPT;
			}
			if (net_jfile_set(JF_STR(obj, &f[i]), json_string_value(v)) != CORE_OK)
				return CORE_E_NOMEM;
		} else {
			if (!json_is_integer(v)) {
				snprintf(why, whysz, "\"%s\" is not an integer", f[i].name);
				return CORE_E_STORE_CORRUPT;
			}
			*JF_INT(obj, &f[i]) = (long long)json_integer_value(v);
		}
	}
	return CORE_OK;
}

enum core_code
net_jfile_load(struct net_store *st, enum net_store_dir d, const char *name,
    const struct net_jfield *f, size_t nf, void *obj, struct core_err *err)
{
	struct core_json_limits	 lim;
	struct core_buf		 b;
	struct core_err		 perr;
	json_t			*o = NULL;
	char			 why[160];
	enum core_code		 rc;

	core_buf_init(&b, NET_JFILE_MAX);
	core_json_limits_default(&lim);
	lim.max_doc = NET_JFILE_MAX;
	lim.max_string = NET_JFILE_MAX_STRING;
	lim.max_depth = 8;
	if ((rc = net_store_read(st, d, name, NET_JFILE_MAX, &b, err)) != CORE_OK) {
		if (rc == CORE_E_TOO_LARGE)
			rc = net_store_quarantine(st, d, name, "too large", err);
		goto out;
	}
	rc = core_json_parse(b.data != NULL ? b.data : (unsigned char *)"", b.len,
	    &lim, &o, &perr);
	if (rc == CORE_E_NOMEM) {
		core_err_set(err, rc, CORE_NO_OFFSET, NULL);
		goto out;
	}
	if (rc != CORE_OK) {
		snprintf(why, sizeof why, "not valid JSON (%.100s)", perr.detail);
		rc = net_store_quarantine(st, d, name, why, err);
		goto out;
	}
	rc = jfile_fill(o, f, nf, obj, why, sizeof why);
	if (rc == CORE_E_NOMEM)
		core_err_set(err, rc, CORE_NO_OFFSET, NULL);
	else if (rc != CORE_OK)
		rc = net_store_quarantine(st, d, name, why, err);
out:
	if (rc != CORE_OK && rc != CORE_E_NOT_FOUND && rc != CORE_E_STORE_LOCKED)
		net_jfile_clear(f, nf, obj, NULL);
	json_decref(o);
	/* The file may hold a secret (an access code): wipe the copy. */
	if (b.data != NULL)
		memset(b.data, 0, b.cap);
	core_buf_free(&b);
	return rc;
}

/* jansson writes the text in pieces. */
static int
jfile_dump_cb(const char *p, size_t n, void *arg)
{
	return core_buf_add(arg, p, n) == CORE_OK ? 0 : -1;
}

enum core_code
net_jfile_save(struct net_store *st, enum net_store_dir d, const char *name,
    const struct net_jfield *f, size_t nf, const void *obj, struct core_err *err)
{
	json_t		*o, *v;
	struct core_buf	 text;
	const char	*s;
	size_t		 i;
	enum core_code	 rc = CORE_OK;

	core_buf_init(&text, NET_JFILE_MAX);
	if ((o = json_object()) == NULL)
		return core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
	if (json_object_set_new(o, "version", json_integer(1)) != 0) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	for (i = 0; i < nf; i++) {
		if (f[i].type == NET_JF_STRING) {
			if ((s = *JF_STR(obj, &f[i])) == NULL)
				continue;
			if ((v = json_string(s)) == NULL) {
				/* Not UTF-8: a caller's bug, never written. */
				rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
				    "\"%s\" is not UTF-8", f[i].name);
				goto out;
			}
		} else
			v = json_integer(*JF_INT(obj, &f[i]));
		if (v == NULL || json_object_set_new(o, f[i].name, v) != 0) {
			rc = CORE_E_NOMEM;
			goto out;
		}
	}
	if (json_dump_callback(o, jfile_dump_cb, &text,
	    JSON_INDENT(2) | JSON_SORT_KEYS) != 0 ||
	    core_buf_addc(&text, '\n') != CORE_OK) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	rc = net_store_write(st, d, name, text.data, text.len, err);
out:
	if (rc == CORE_E_NOMEM)
		core_err_set(err, rc, CORE_NO_OFFSET, NULL);
	/* The text may hold a secret (an access code): wipe it. */
	if (text.data != NULL)
		memset(text.data, 0, text.cap);
	core_buf_free(&text);
	json_decref(o);
	return rc;
}
