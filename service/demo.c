/* demo.c: build the demo cases folder from data/ with keys made at start. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/b64.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/jcs.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/key.h"
#include "core/wpg1.h"
#include "service/demo.h"
#include "service/keyfile.h"
#include "service/registry.h"
#include "service/service.h"
#include "service/terms.h"

/* The origin the sources use for the service; replaced by the real one. */
#define DEMO_ORIGIN		"https://decisions.example"
#define DEMO_REGISTRY_ID	"recourse-demo"
#define DEMO_MAX_CASES		64
#define DEMO_KEY_DAYS		365
#define DEMO_REGISTRY_DAYS	30

struct demo {
	const char		*data;		/* DATADIR */
	char			 state[PATH_MAX];
	char			 keys[PATH_MAX + 8];
	char			 site[PATH_MAX + 8];
	const char		*url;		/* the service's origin */
	struct core_key		*service;
	struct core_key		*provider;
	struct core_key		*unlisted;
	struct core_key		*root;
	char			 service_kid[SVC_KID_LEN];
	char			 provider_kid[SVC_KID_LEN];
	char			 unlisted_kid[SVC_KID_LEN];
	json_t			*languages;	/* of all cases */
	json_t			*wm_keys;	/* watermark keys of all cases */
	json_t			*providers;	/* provider_id -> name */
	json_t			*operator;	/* from the first record */
	json_t			*names;
};

/* snprintf that says when it cut: 0 when the whole text fit, else -1 (the
 * paths here are far below their buffers' sizes, so a cut means a broken
 * installation, and the file operation that follows fails visibly). */
static int __attribute__((format(printf, 3, 4)))
demo_fmt(char *out, size_t sz, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(out, sz, fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= sz ? -1 : 0;
}

/* Make a fresh key pair keys/NAME.pem (and .pub.jwk), removing an old one. */
static enum core_code
demo_key(struct demo *d, const char *name, enum core_key_type type,
    struct core_key **out, char kid[SVC_KID_LEN], struct core_err *err)
{
	enum core_code	rc;
	char		path[PATH_MAX + 64], pub[PATH_MAX + 80];

	demo_fmt(path, sizeof path, "%s/%s.pem", d->keys, name);
	demo_fmt(pub, sizeof pub, "%s.pub.jwk", path);
	if ((unlink(path) == -1 && errno != ENOENT) ||
	    (unlink(pub) == -1 && errno != ENOENT))
		return core_err_set(err, CORE_E_IO, CORE_NO_OFFSET, "%s: %s", path,
		    strerror(errno));
	if ((rc = svc_key_create(type, path, out, err)) != CORE_OK)
		return rc;
	return svc_key_kid(*out, kid, err);
}

/* Remove every file (not folders) in dir, which may not exist yet. */
static enum core_code
demo_empty_dir(const char *dir, struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	struct dirent	*de;
	char		 path[PATH_MAX + 300];
	DIR		*dp;

	if ((rc = svc_mkdirs(dir, 0700, err)) != CORE_OK)
		return rc;
	if ((dp = opendir(dir)) == NULL)
		return core_err_set(err, CORE_E_IO, CORE_NO_OFFSET, "%s: %s", dir,
		    strerror(errno));
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		demo_fmt(path, sizeof path, "%s/%s", dir, de->d_name);
		if (unlink(path) == -1 && errno != EISDIR) {
			rc = core_err_set(err, CORE_E_IO, CORE_NO_OFFSET, "%s: %s",
			    path, strerror(errno));
			break;
		}
	}
	closedir(dp);
	return rc;
}

/* Read and strictly parse a JSON file. */
static enum core_code
demo_read_json(const char *path, json_t **out, struct core_err *err)
{
	enum core_code	rc;
	struct core_buf	b;

	if ((rc = svc_read_file(path, SVC_MAX_FILE, &b, err)) != CORE_OK)
		return rc;
	rc = core_json_parse(b.data, b.len, NULL, out, err);
	if (rc != CORE_OK)
		core_err_set(err, rc, err->offset, "%s: %s", path, err->detail);
	core_buf_free(&b);
	return rc;
}

/* Write text to dir/name atomically. */
static enum core_code
demo_write(const char *dir, const char *name, const void *data, size_t len,
    struct core_err *err)
{
	return svc_write_atomic(dir, name, data, len, 0600, err);
}

/* Write a JSON value, indented, to dir/name. */
static enum core_code
demo_write_json(const char *dir, const char *name, const json_t *v,
    struct core_err *err)
{
	enum core_code	rc;
	struct core_buf	b;

	core_buf_init(&b, SVC_MAX_DOC);
	if ((rc = svc_json_dump(v, JSON_INDENT(2) | JSON_SORT_KEYS, &b)) == CORE_OK &&
	    (rc = core_buf_addc(&b, '\n')) == CORE_OK)
		rc = demo_write(dir, name, b.data, b.len, err);
	core_buf_free(&b);
	return rc;
}

/* Replace the demo origin by the service's at the start of every string in
 * v, recursively. */
static enum core_code
demo_origin(json_t *v, const char *url)
{
	enum core_code	 rc = CORE_OK;
	const char	*k, *s;
	struct core_buf	 b;
	json_t		*e;
	size_t		 i, n = strlen(DEMO_ORIGIN);

	if (json_is_object(v)) {
		json_object_foreach(v, k, e)
			if ((rc = demo_origin(e, url)) != CORE_OK)
				return rc;
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			if ((rc = demo_origin(e, url)) != CORE_OK)
				return rc;
	} else if (json_is_string(v)) {
		s = json_string_value(v);
		if (strncmp(s, DEMO_ORIGIN, n) != 0 || (s[n] != '\0' && s[n] != '/'))
			return CORE_OK;
		core_buf_init(&b, 64u * 1024u);
		if ((rc = core_buf_adds(&b, url)) == CORE_OK &&
		    (rc = core_buf_adds(&b, s + n)) == CORE_OK &&
		    json_string_set(v, core_buf_str(&b)) != 0)
			rc = CORE_E_NOMEM;
		core_buf_free(&b);
	}
	return rc;
}

/* The watermark parameters and key of a case. */
static enum core_code
demo_wm(const json_t *wm, unsigned char key[CORE_WPG1_KEY_LEN],
    struct core_wpg1_params *params, struct core_err *err)
{
	const json_t	*k = json_object_get(wm, "key");

	core_wpg1_params_default(params);
	if (!json_is_string(k) || json_string_length(k) != 2 * CORE_WPG1_KEY_LEN ||
	    core_unhex(json_string_value(k), key, CORE_WPG1_KEY_LEN) == -1)
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "watermark.key is not 64 hex digits");
	if (json_is_integer(json_object_get(wm, "G")))
		params->G = (unsigned)json_integer_value(json_object_get(wm, "G"));
	if (json_is_number(json_object_get(wm, "alpha")))
		params->alpha = json_number_value(json_object_get(wm, "alpha"));
	if (json_is_integer(json_object_get(wm, "T_min")))
		params->t_min = (unsigned long)json_integer_value(json_object_get(wm,
		    "T_min"));
	return core_wpg1_params_check(params, err);
}

/* Render every language of explanation.letter.content with the watermark. */
static enum core_code
demo_letter(json_t *rec, const json_t *wm, struct core_err *err)
{
	enum core_code		 rc = CORE_OK;
	struct core_wpg1_params	 params;
	struct core_buf		 out;
	unsigned char		 key[CORE_WPG1_KEY_LEN];
	const char		*lang;
	json_t			*content, *t;

	content = json_object_get(json_object_get(json_object_get(rec,
	    "explanation"), "letter"), "content");
	if (!json_is_object(content))
		return core_err_set(err, CORE_E_RECORD, CORE_NO_OFFSET,
		    "letter_template is set but the record has no "
		    "explanation.letter.content");
	if ((rc = demo_wm(wm, key, &params, err)) != CORE_OK)
		return rc;
	core_buf_init(&out, CORE_WPG1_MAX_TEMPLATE);
	json_object_foreach(content, lang, t) {
		if (!json_is_string(t)) {
			rc = core_err_set(err, CORE_E_RECORD, CORE_NO_OFFSET,
			    "explanation.letter.content.%s is not text", lang);
			break;
		}
		core_buf_reset(&out);
		if ((rc = core_wpg1_embed(key, &params, json_string_value(t),
		    json_string_length(t), &out, err)) != CORE_OK)
			break;
		if (json_string_setn(t, core_buf_str(&out), out.len) != 0) {
			rc = CORE_E_NOMEM;
			break;
		}
	}
	memset(key, 0, sizeof key);
	core_buf_free(&out);
	return rc;
}

/* Canonical JSON of v signed as typ with k into out. */
static enum core_code
demo_sign(const json_t *v, const char *typ, const struct core_key *k,
    const char *kid, struct core_buf *out, struct core_err *err)
{
	enum core_code	rc;
	struct core_buf	payload;

	core_buf_init(&payload, SVC_MAX_DOC);
	if ((rc = core_jcs_serialize(v, &payload, err)) == CORE_OK)
		rc = core_jws_sign(payload.data, payload.len, typ, k, kid, out, err);
	core_buf_free(&payload);
	return rc;
}

/* The provider's signed attestation of the model, put into the record. */
static enum core_code
demo_attest(struct demo *d, json_t *rec, struct core_err *err)
{
	enum core_code	 rc;
	struct core_buf	 jws;
	json_t		*sys, *att = NULL, *obj = NULL;
	const json_t	*pid, *name, *ver, *digest, *at;

	core_buf_init(&jws, SVC_MAX_DOC);
	sys = json_object_get(json_object_get(rec, "provenance"), "system");
	pid = json_object_get(sys, "provider_id");
	name = json_object_get(sys, "name");
	ver = json_object_get(sys, "version");
	digest = json_object_get(sys, "model_digest");
	at = json_object_get(rec, "decided_at");
	if (!json_is_string(pid) || !json_is_string(name) ||
	    !json_is_string(digest) || !json_is_string(at)) {
		rc = core_err_set(err, CORE_E_RECORD, CORE_NO_OFFSET,
		    "attestation is set but provenance.system lacks provider_id, "
		    "name or model_digest");
		goto out;
	}
	att = json_pack("{s:O, s:O, s:O, s:O}", "provider", pid, "model", name,
	    "model_digest", digest, "issued_at", at);
	if (att == NULL || (json_is_string(ver) &&
	    json_object_set(att, "version", (json_t *)ver) != 0)) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if ((rc = demo_sign(att, CORE_TYP_ATTESTATION, d->provider,
	    d->provider_kid, &jws, err)) != CORE_OK)
		goto out;
	if ((rc = core_json_parse(jws.data, jws.len, NULL, &obj, err)) != CORE_OK)
		goto out;
	if (json_object_set(sys, "attestation", obj) != 0 ||
	    json_object_set(d->providers, json_string_value(pid),
	    json_object_get(sys, "provider")) != 0)
		rc = CORE_E_NOMEM;
out:
	json_decref(obj);
	json_decref(att);
	core_buf_free(&jws);
	return rc;
}

/* Unescape one RFC 6901 reference token of len bytes into out. */
static int
demo_token(const char *s, size_t len, char *out, size_t outsz)
{
	size_t	i, o = 0;

	for (i = 0; i < len; i++) {
		if (o + 1 >= outsz)
			return -1;
		if (s[i] == '~' && i + 1 < len && (s[i + 1] == '0' || s[i + 1] == '1')) {
			out[o++] = s[i + 1] == '0' ? '~' : '/';
			i++;
		} else if (s[i] == '~')
			return -1;
		else
			out[o++] = s[i];
	}
	out[o] = '\0';
	return 0;
}

/* Set the value at JSON pointer ptr (which must exist) in doc to v. */
static enum core_code
demo_pointer_set(json_t *doc, const char *ptr, json_t *v, struct core_err *err)
{
	const char	*p = ptr, *next;
	char		 tok[256];
	json_t		*cur = doc, *child;
	unsigned long	 idx;
	size_t		 len;

	while (*p == '/') {
		next = strchr(p + 1, '/');
		len = next != NULL ? (size_t)(next - p - 1) : strlen(p + 1);
		if (demo_token(p + 1, len, tok, sizeof tok) == -1)
			goto bad;
		if (json_is_object(cur))
			child = json_object_get(cur, tok);
		else if (json_is_array(cur) && svc_parse_ulong(tok, 1000000, &idx) == 0)
			child = json_array_get(cur, idx);
		else
			child = NULL;
		if (child == NULL)
			goto bad;
		if (next == NULL) {
			if (json_is_object(cur) ? json_object_set(cur, tok, v) :
			    json_array_set(cur, idx, v))
				return CORE_E_NOMEM;
			return CORE_OK;
		}
		cur = child;
		p = next;
	}
bad:
	return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
	    "tamper.pointer %s names nothing in the record", ptr);
}

/* Change the signed payload of jws as tamper says, keeping the signature. */
static enum core_code
demo_tamper(struct core_buf *jws, const json_t *tamper, struct core_err *err)
{
	enum core_code		 rc;
	struct core_jws_result	 res;
	struct core_buf		 payload, b64, out;
	json_t			*doc = NULL, *rec = NULL;

	memset(&res, 0, sizeof res);
	core_buf_init(&payload, SVC_MAX_DOC);
	core_buf_init(&b64, 2 * SVC_MAX_DOC);
	core_buf_init(&out, 2 * SVC_MAX_DOC);
	if ((rc = core_json_parse(jws->data, jws->len, NULL, &doc, err)) != CORE_OK ||
	    (rc = svc_jws_payload(jws->data, jws->len, &res, err)) != CORE_OK ||
	    (rc = core_json_parse(res.payload, res.payload_len, NULL, &rec,
	    err)) != CORE_OK)
		goto out;
	if (!json_is_string(json_object_get(tamper, "pointer")) ||
	    json_object_get(tamper, "value") == NULL) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "tamper wants pointer and value");
		goto out;
	}
	if ((rc = demo_pointer_set(rec, json_string_value(json_object_get(tamper,
	    "pointer")), json_object_get(tamper, "value"), err)) != CORE_OK)
		goto out;
	if ((rc = core_jcs_serialize(rec, &payload, err)) != CORE_OK ||
	    (rc = core_b64url_encode(payload.data, payload.len, &b64)) != CORE_OK)
		goto out;
	if (json_object_set_new(doc, "payload", json_string(core_buf_str(&b64))) != 0) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if ((rc = core_jcs_serialize(doc, &out, err)) != CORE_OK)
		goto out;
	core_buf_reset(jws);
	rc = core_buf_add(jws, out.data, out.len);
out:
	core_jws_result_free(&res);
	json_decref(doc);
	json_decref(rec);
	core_buf_free(&payload);
	core_buf_free(&b64);
	core_buf_free(&out);
	return rc;
}

/* Add the strings of arr that set does not hold yet. */
static void
demo_union(json_t *set, const json_t *arr)
{
	const json_t	*v, *w;
	size_t		 i, j;
	int		 found;

	json_array_foreach(arr, i, v) {
		found = 0;
		json_array_foreach(set, j, w)
			if (json_equal(v, w))
				found = 1;
		if (!found)
			json_array_append(set, (json_t *)v);
	}
}

/* Build, check and sign one record of a case; the JWS goes to out. */
static enum core_code
demo_record(struct demo *d, const char *cdir, const char *file,
    const json_t *cs, struct core_buf *out, char **id, struct core_err *err)
{
	enum core_code		 rc;
	struct svc_case		 check;
	struct core_buf		 payload;
	const struct core_key	*k;
	const char		*kid;
	char			 path[PATH_MAX + 300];
	json_t			*rec = NULL, *wm, *op, *pair;
	const json_t		*lc, *e;
	size_t			 i;

	memset(&check, 0, sizeof check);
	core_buf_init(&payload, SVC_MAX_DOC);
	demo_fmt(path, sizeof path, "%s/%s", cdir, file);
	if ((rc = demo_read_json(path, &rec, err)) != CORE_OK)
		goto out;
	if ((rc = demo_origin(rec, d->url)) != CORE_OK)
		goto out;
	if (json_is_true(json_object_get(cs, "letter_template")) &&
	    (rc = demo_letter(rec, json_object_get(cs, "watermark"), err)) != CORE_OK)
		goto out;
	if (json_is_true(json_object_get(cs, "attestation")) &&
	    (rc = demo_attest(d, rec, err)) != CORE_OK)
		goto out;
	if ((rc = core_jcs_serialize(rec, &payload, err)) != CORE_OK)
		goto out;
	/* The service refuses to serve what the record checks refuse. */
	if ((rc = svc_terms_from_record(payload.data, payload.len, &check,
	    err)) != CORE_OK)
		goto out;
	demo_union(d->languages, json_object_get(rec, "languages"));
	wm = json_object_get(json_object_get(json_object_get(rec, "provenance"),
	    "ai_text"), "watermark");
	if (json_is_object(wm) && (pair = json_pack("[{s:O, s:O}]", "key_id",
	    json_object_get(wm, "key_id"), "key", json_object_get(wm, "key"))) != NULL) {
		demo_union(d->wm_keys, pair);
		json_decref(pair);
	}
	lc = json_object_get(json_object_get(rec, "provenance"), "liability_chain");
	json_array_foreach(lc, i, e) {
		if (d->operator != NULL || !json_is_string(json_object_get(e, "role")) ||
		    strcmp(json_string_value(json_object_get(e, "role")), "operator") != 0)
			continue;
		op = json_pack("{s:O, s:s, s:O, s:O, s:O}", "legal_name",
		    json_object_get(e, "name"), "jurisdiction", "GB", "registration",
		    json_object_get(e, "registration"), "contact",
		    json_object_get(e, "contact"), "dpo_contact",
		    json_object_get(e, "contact"));
		d->operator = op;
	}
	if (strcmp(json_string_value(json_object_get(cs, "signing_key")),
	    "unlisted") == 0) {
		k = d->unlisted;
		kid = d->unlisted_kid;
	} else {
		k = d->service;
		kid = d->service_kid;
	}
	rc = core_jws_sign(payload.data, payload.len, CORE_TYP_DECISION, k, kid,
	    out, err);
	*id = check.decision_id;
	check.decision_id = NULL;
out:
	if (rc != CORE_OK && err->detail[0] != '\0' && strstr(err->detail,
	    file) == NULL)
		core_err_set(err, err->code, err->offset, "%s: %.180s", path,
		    err->detail);
	core_free(check.decision_id);
	core_free(check.contest_path);
	core_free(check.supersedes);
	json_decref(check.grounds);
	json_decref(check.remedies);
	json_decref(check.factors);
	json_decref(check.languages);
	json_decref(rec);
	core_buf_free(&payload);
	return rc;
}

/* Copy the documents of a case to the site's documents/, under the last
 * part of their url's path (which must be /documents/NAME). */
static enum core_code
demo_documents(struct demo *d, const char *cdir, const json_t *docs,
    struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	struct core_buf	 b;
	const json_t	*doc;
	const char	*file, *url, *path;
	char		 src[PATH_MAX + 300], dst[PATH_MAX + 16];
	size_t		 i, n = strlen(DEMO_ORIGIN "/documents/");

	demo_fmt(dst, sizeof dst, "%s/documents", d->site);
	json_array_foreach(docs, i, doc) {
		file = json_string_value(json_object_get(doc, "file"));
		url = json_string_value(json_object_get(doc, "url"));
		if (file == NULL || url == NULL || strchr(file, '/') != NULL ||
		    strncmp(url, DEMO_ORIGIN "/documents/", n) != 0 ||
		    strchr(url + n, '/') != NULL || url[n] == '\0' || url[n] == '.') {
			rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
			    "%s: documents[%zu] wants a file and a url %s/documents/NAME",
			    cdir, i, DEMO_ORIGIN);
			break;
		}
		path = url + n;
		demo_fmt(src, sizeof src, "%s/%s", cdir, file);
		if ((rc = svc_read_file(src, SVC_MAX_FILE, &b, err)) != CORE_OK)
			break;
		rc = demo_write(dst, path, b.data, b.len, err);
		core_buf_free(&b);
		if (rc != CORE_OK)
			break;
	}
	return rc;
}

/* Build one case: data/cases/NAME/case.json. */
static enum core_code
demo_case(struct demo *d, const char *name, struct core_err *err)
{
	enum core_code	 rc;
	struct core_buf	 jws;
	char		 cdir[PATH_MAX + 300], path[PATH_MAX + 320];
	char		 ddir[PATH_MAX + 16], fname[300], vdir[PATH_MAX + 160];
	char		*id = NULL;
	const json_t	*ref, *code, *recs, *r, *sk;
	json_t		*cs = NULL;
	size_t		 i;

	core_buf_init(&jws, 2 * SVC_MAX_DOC);
	demo_fmt(cdir, sizeof cdir, "%s/cases/%s", d->data, name);
	demo_fmt(path, sizeof path, "%s/case.json", cdir);
	demo_fmt(ddir, sizeof ddir, "%s/decisions", d->site);
	if ((rc = demo_read_json(path, &cs, err)) != CORE_OK)
		goto out;
	ref = json_object_get(cs, "reference");
	code = json_object_get(cs, "access_code");
	recs = json_object_get(cs, "records");
	sk = json_object_get(cs, "signing_key");
	if (!json_is_string(ref) || !json_is_string(code) || !json_is_array(recs) ||
	    json_array_size(recs) == 0 || !json_is_string(sk) ||
	    (strcmp(json_string_value(sk), "service") != 0 &&
	    strcmp(json_string_value(sk), "unlisted") != 0) ||
	    json_string_length(ref) > 128 || strchr(json_string_value(ref), '/') ||
	    json_string_value(ref)[0] == '.') {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "%s: wants reference, access_code, records and signing_key", path);
		goto out;
	}
	/* Every version is built and checked; the last one is served. */
	json_array_foreach(recs, i, r) {
		if (!json_is_string(r) || strchr(json_string_value(r), '/') != NULL) {
			rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
			    "%s: records[%zu] is not a file name", path, i);
			goto out;
		}
		core_buf_reset(&jws);
		core_free(id);
		id = NULL;
		if ((rc = demo_record(d, cdir, json_string_value(r), cs, &jws,
		    &id, err)) != CORE_OK)
			goto out;
		/* An older version: kept in decisions/REF/ID.jws, served for
		 * ?record=ID. */
		if (i + 1 < json_array_size(recs)) {
			demo_fmt(vdir, sizeof vdir, "%s/%s", ddir,
			    json_string_value(ref));
			demo_fmt(fname, sizeof fname, "%s.jws", id);
			if ((rc = svc_mkdirs(vdir, 0700, err)) != CORE_OK ||
			    (rc = demo_write(vdir, fname, jws.data, jws.len,
			    err)) != CORE_OK)
				goto out;
		}
	}
	if (json_is_object(json_object_get(cs, "tamper")) &&
	    (rc = demo_tamper(&jws, json_object_get(cs, "tamper"), err)) != CORE_OK)
		goto out;
	demo_fmt(fname, sizeof fname, "%s.jws", json_string_value(ref));
	if ((rc = demo_write(ddir, fname, jws.data, jws.len, err)) != CORE_OK)
		goto out;
	demo_fmt(fname, sizeof fname, "%s.code", json_string_value(ref));
	if ((rc = demo_write(ddir, fname, json_string_value(code),
	    json_string_length(code), err)) != CORE_OK)
		goto out;
	rc = demo_documents(d, cdir, json_object_get(cs, "documents"), err);
out:
	core_free(id);
	json_decref(cs);
	core_buf_free(&jws);
	return rc;
}

/* Sort case folder names. */
static int
demo_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Build every case of data/cases/ in name order. */
static enum core_code
demo_cases(struct demo *d, struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	struct dirent	*de;
	char		 dir[PATH_MAX + 16], probe[PATH_MAX + 300];
	char		*names[DEMO_MAX_CASES];
	size_t		 n = 0, i;
	DIR		*dp;

	demo_fmt(dir, sizeof dir, "%s/cases", d->data);
	if ((dp = opendir(dir)) == NULL)
		return core_err_set(err, CORE_E_IO, CORE_NO_OFFSET, "%s: %s", dir,
		    strerror(errno));
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		demo_fmt(probe, sizeof probe, "%s/%s/case.json", dir, de->d_name);
		if (access(probe, F_OK) != 0)
			continue;
		if (n == DEMO_MAX_CASES) {
			rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
			    "%s: more than %d cases", dir, DEMO_MAX_CASES);
			break;
		}
		if ((names[n] = core_strdup(de->d_name)) == NULL) {
			rc = CORE_E_NOMEM;
			break;
		}
		n++;
	}
	closedir(dp);
	if (rc == CORE_OK && n == 0)
		rc = core_err_set(err, CORE_E_NOT_FOUND, CORE_NO_OFFSET,
		    "%s: no case folders with a case.json", dir);
	qsort(names, n, sizeof names[0], demo_name_cmp);
	for (i = 0; rc == CORE_OK && i < n; i++)
		rc = demo_case(d, names[i], err);
	for (i = 0; i < n; i++)
		core_free(names[i]);
	return rc;
}

/* The service description: DATADIR/service.json when there is one, else the
 * operator named in the records' liability chains. */
static enum core_code
demo_service_json(struct demo *d, struct core_err *err)
{
	enum core_code	 rc;
	char		 path[PATH_MAX + 32];
	const json_t	*names, *op, *lang;
	json_t		*given = NULL, *conf = NULL, *wm = NULL, *made;
	size_t		 i;

	demo_fmt(path, sizeof path, "%s/service.json", d->data);
	if (access(path, F_OK) == 0 &&
	    (rc = demo_read_json(path, &given, err)) != CORE_OK)
		return rc;
	names = json_object_get(given, "names");
	op = json_object_get(given, "operator");
	if (op == NULL)
		op = d->operator;
	if (names == NULL && op != NULL) {
		/* The operator's legal name, in every language of the cases:
		 * a legal name is not translated. */
		made = json_object();
		json_array_foreach(d->languages, i, lang)
			if (json_is_string(lang))
				json_object_set(made, json_string_value(lang),
				    json_object_get(op, "legal_name"));
		if (json_object_size(made) == 0)
			json_object_set(made, "en", json_object_get(op,
			    "legal_name"));
		names = made;
	} else
		json_incref((json_t *)names);
	d->names = (json_t *)names;
	if (!json_is_object(names) || !json_is_object(op)) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "%s: no service.json and no operator in the records' "
		    "liability chains", d->data);
		goto out;
	}
	wm = json_pack("{s:s, s:i, s:f, s:i, s:O}", "scheme", CORE_WPG1_SCHEME,
	    "G", (int)CORE_WPG1_G_DEFAULT, "alpha", CORE_WPG1_ALPHA_DEFAULT,
	    "T_min", (int)CORE_WPG1_TMIN_DEFAULT, "keys", d->wm_keys);
	conf = json_pack("{s:s, s:O, s:O, s:O, s:O, s:s, s:s, s:[ss]}",
	    "service_id", d->url, "names", names, "operator", op,
	    "languages", d->languages, "watermark", wm,
	    "signing_key", "../keys/service.pem", "signing_kid", d->service_kid,
	    "publish_keys", "../keys/unlisted.pem.pub.jwk",
	    "../keys/provider.pem.pub.jwk");
	if (wm == NULL || conf == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	rc = demo_write_json(d->site, "service.json", conf, err);
out:
	json_decref(wm);
	json_decref(conf);
	json_decref(given);
	return rc;
}

/* A registry entry with one key valid from a day ago for a year. */
static json_t *
demo_entry(const char *id, const json_t *name, const char *role,
    const struct core_key *k)
{
	char	 nb[21], na[21];
	json_t	*jwk = NULL, *e = NULL;
	time_t	 now = time(NULL);

	if (svc_key_public_jwk(k, &jwk, NULL) != CORE_OK)
		return NULL;
	svc_time_rfc3339(now - 86400, nb);
	svc_time_rfc3339(now + (time_t)DEMO_KEY_DAYS * 86400, na);
	e = json_pack("{s:s, s:O, s:s, s:s, s:[{s:O, s:s, s:s}]}", "service_id", id,
	    "name", name, "role", role, "status", "active", "keys", "jwk", jwk,
	    "not_before", nb, "not_after", na);
	json_decref(jwk);
	return e;
}

/* Sign the demo registry: the service and every provider that attested. */
static enum core_code
demo_registry(struct demo *d, struct svc_demo *out, struct core_err *err)
{
	enum core_code			 rc;
	struct svc_registry_args	 ra;
	struct core_buf			 jws;
	const char			*pid;
	json_t				*list = NULL, *e, *pname, *jwk = NULL;
	char				 path[PATH_MAX + 32];
	time_t				 now = time(NULL);

	core_buf_init(&jws, SVC_MAX_DOC);
	if ((list = json_array()) == NULL)
		return CORE_E_NOMEM;
	e = demo_entry(d->url, json_object_get(d->names, "en"), "service",
	    d->service);
	if (e == NULL || json_array_append_new(list, e) != 0) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	json_object_foreach(d->providers, pid, pname) {
		if ((e = demo_entry(pid, pname, "provider", d->provider)) == NULL ||
		    json_array_append_new(list, e) != 0) {
			rc = CORE_E_NOMEM;
			goto out;
		}
	}
	memset(&ra, 0, sizeof ra);
	ra.id = DEMO_REGISTRY_ID;
	/* The sequence grows with each start, so that a client that saw the
	 * last start's registry accepts this one. */
	ra.sequence = (unsigned long)now;
	ra.issued_at = now;
	ra.expires = now + (time_t)DEMO_REGISTRY_DAYS * 86400;
	if ((rc = svc_registry_build(&ra, list, d->root, &jws, err)) != CORE_OK)
		goto out;
	if ((rc = demo_write(d->site, "registry.jws", jws.data, jws.len, err)) != CORE_OK ||
	    (rc = demo_write(d->state, "registry.jws", jws.data, jws.len, err)) != CORE_OK)
		goto out;
	if ((rc = svc_key_public_jwk(d->root, &jwk, err)) != CORE_OK ||
	    (rc = demo_write_json(d->state, "registry-root.jwk", jwk, err)) != CORE_OK)
		goto out;
	demo_fmt(path, sizeof path, "%s/registry.jws", d->state);
	demo_fmt(out->registry, sizeof out->registry, "%s", path);
	demo_fmt(path, sizeof path, "%s/registry-root.jwk", d->state);
	demo_fmt(out->registry_root, sizeof out->registry_root, "%s", path);
out:
	json_decref(jwk);
	json_decref(list);
	core_buf_free(&jws);
	return rc;
}

enum core_code
svc_demo_build(const char *datadir, const char *state, const char *url,
    struct svc_demo *out, struct core_err *err)
{
	enum core_code	rc;
	struct demo	d;
	char		sub[PATH_MAX + 32];

	memset(&d, 0, sizeof d);
	memset(out, 0, sizeof *out);
	d.data = datadir;
	d.url = url;
	if (realpath(state, d.state) == NULL) {
		rc = core_err_set(err, CORE_E_IO, CORE_NO_OFFSET, "%s: %s", state,
		    strerror(errno));
		goto out;
	}
	demo_fmt(d.keys, sizeof d.keys, "%s/keys", d.state);
	demo_fmt(d.site, sizeof d.site, "%s/site", d.state);
	d.languages = json_array();
	d.wm_keys = json_array();
	d.providers = json_object();
	if (d.languages == NULL || d.wm_keys == NULL || d.providers == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if ((rc = demo_empty_dir(d.keys, err)) != CORE_OK ||
	    (rc = demo_empty_dir(d.site, err)) != CORE_OK)
		goto out;
	demo_fmt(sub, sizeof sub, "%s/decisions", d.site);
	if ((rc = demo_empty_dir(sub, err)) != CORE_OK)
		goto out;
	demo_fmt(sub, sizeof sub, "%s/documents", d.site);
	if ((rc = demo_empty_dir(sub, err)) != CORE_OK)
		goto out;
	if ((rc = demo_key(&d, "service", CORE_KEY_ED25519, &d.service,
	    d.service_kid, err)) != CORE_OK ||
	    (rc = demo_key(&d, "provider", CORE_KEY_P256, &d.provider,
	    d.provider_kid, err)) != CORE_OK ||
	    (rc = demo_key(&d, "unlisted", CORE_KEY_ED25519, &d.unlisted,
	    d.unlisted_kid, err)) != CORE_OK ||
	    (rc = demo_key(&d, "registry-root", CORE_KEY_ED25519, &d.root,
	    sub, err)) != CORE_OK)
		goto out;
	if ((rc = demo_cases(&d, err)) != CORE_OK ||
	    (rc = demo_service_json(&d, err)) != CORE_OK ||
	    (rc = demo_registry(&d, out, err)) != CORE_OK)
		goto out;
	demo_fmt(out->cases_dir, sizeof out->cases_dir, "%s", d.site);
out:
	core_key_free(&d.service);
	core_key_free(&d.provider);
	core_key_free(&d.unlisted);
	core_key_free(&d.root);
	json_decref(d.languages);
	json_decref(d.wm_keys);
	json_decref(d.providers);
	json_decref(d.operator);
	json_decref(d.names);
	return rc;
}
