/* site.c: load a cases folder into what the server serves. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/jcs.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/key.h"
#include "service/keyfile.h"
#include "service/service.h"
#include "service/site.h"
#include "service/terms.h"

#define SITE_MAX_CASES	4096
#define SITE_MAX_DOCS	4096

/* A reference the service accepts (the protocol's id): [A-Za-z0-9._:-],
 * beginning with a letter or digit, at most SVC_MAX_REFERENCE bytes. */
static int
site_name_ok(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len > SVC_MAX_REFERENCE || s[0] == '.' || s[0] == '_' ||
	    s[0] == ':' || s[0] == '-')
		return 0;
	for (i = 0; i < len; i++) {
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '_' ||
		    s[i] == '-' || s[i] == ':'))
			return 0;
	}
	return 1;
}

/* Media type of a document by the end of its name. */
static const char *
site_doc_type(const char *name)
{
	static const struct {
		const char	*ext;
		const char	*type;
	} types[] = {
		{ ".json", "application/json" },
		{ ".jws", "application/jose+json" },
		{ ".html", "text/html; charset=utf-8" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".md", "text/markdown; charset=utf-8" },
		{ ".pdf", "application/pdf" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
	};
	size_t	i, n = strlen(name), e;

	for (i = 0; i < sizeof types / sizeof types[0]; i++) {
		e = strlen(types[i].ext);
		if (n > e && strcmp(name + n - e, types[i].ext) == 0)
			return types[i].type;
	}
	return "application/octet-stream";
}

/* Read dir/name with a ceiling. */
static enum core_code
site_read(const char *dir, const char *name, size_t max, struct core_buf *out,
    struct core_err *err)
{
	char	path[4096];

	if (svc_path(path, sizeof path, dir, name) != CORE_OK)
		return core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "%s/%s: path too long", dir, name);
	return svc_read_file(path, max, out, err);
}

/* Free what a case holds. */
static void
site_case_clear(struct svc_case *c)
{
	core_free(c->reference);
	core_free(c->decision_id);
	core_free(c->contest_path);
	core_free(c->supersedes);
	core_buf_free(&c->jws);
	json_decref(c->grounds);
	json_decref(c->remedies);
	json_decref(c->factors);
	json_decref(c->languages);
	while (c->nversions > 0) {
		c->nversions--;
		core_free(c->versions[c->nversions].decision_id);
		core_buf_free(&c->versions[c->nversions].jws);
	}
	core_free(c->versions);
	memset(c, 0, sizeof *c);
}

/* Keep of c->contest_path only the path, when the URL is on this service;
 * else drop it. */
static void
site_contest_path(struct svc_case *c, const char *service_id)
{
	size_t	n = strlen(service_id), len;

	if (c->contest_path == NULL)
		return;
	if (strncmp(c->contest_path, service_id, n) != 0 ||
	    c->contest_path[n] != '/' || strchr(c->contest_path + n, '?') != NULL) {
		core_free(c->contest_path);
		c->contest_path = NULL;
		return;
	}
	len = strlen(c->contest_path + n);
	memmove(c->contest_path, c->contest_path + n, len + 1);
}

/* Read, check and take the terms of one decision JWS, dir/name, into c. */
static enum core_code
site_load_jws(const char *dir, const char *name, const struct core_keyset *keys,
    struct svc_case *c, struct core_err *err)
{
	enum core_code		 rc;
	struct core_jws_result	 res;
	struct core_err		 verr;

	memset(&res, 0, sizeof res);
	if ((rc = site_read(dir, name, SVC_MAX_DOC, &c->jws, err)) != CORE_OK)
		goto out;
	if (c->jws.len > SVC_MAX_DECISION) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "%s/%s: the decision is %zu bytes, over the protocol's limit "
		    "of %u", dir, name, c->jws.len, SVC_MAX_DECISION);
		goto out;
	}
	/* The payload is checked whether or not the signature holds. */
	core_err_clear(&verr);
	if (core_jws_verify(c->jws.data, c->jws.len, CORE_TYP_DECISION, keys, &res,
	    &verr) != CORE_OK) {
		svc_warnx("%s/%s: the signature does not verify with the published "
		    "keys (%s); serving it as it is", dir, name, verr.detail);
		if ((rc = svc_jws_payload(c->jws.data, c->jws.len, &res, err)) != CORE_OK)
			goto out;
	}
	if ((rc = core_sha256_hex(res.payload, res.payload_len,
	    c->payload_sha256)) != CORE_OK)
		goto out;
	if ((rc = svc_terms_from_record(res.payload, res.payload_len, c,
	    err)) != CORE_OK)
		core_err_set(err, err->code, err->offset, "%s/%s: %s", dir,
		    name, err->detail[0] != '\0' ? err->detail :
		    "the record parser refuses it");
out:
	core_jws_result_free(&res);
	return rc;
}

/* The length of name when it names a signed document ("REF.jws", not
 * hidden), else 0. */
static size_t
site_jws_name(const char *name)
{
	size_t	len = strlen(name);

	if (len < 5 || strcmp(name + len - 4, ".jws") != 0 || name[0] == '.')
		return 0;
	return len;
}

/* Load the older versions of c from the folder decisions/REF, if any. */
static enum core_code
site_load_versions(const char *ddir, const struct core_keyset *keys,
    struct svc_case *c, struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	struct svc_case	 v;
	struct dirent	*de;
	char		 vdir[4096];
	size_t		 len, i;
	DIR		*d = NULL;

	memset(&v, 0, sizeof v);
	if (svc_path(vdir, sizeof vdir, ddir, c->reference) != CORE_OK ||
	    (d = opendir(vdir)) == NULL)
		goto out;
	while ((de = readdir(d)) != NULL) {
		if ((len = site_jws_name(de->d_name)) == 0)
			continue;
		if (c->versions == NULL && (c->versions = core_calloc(
		    SVC_MAX_VERSIONS, sizeof *c->versions)) == NULL) {
			rc = CORE_E_NOMEM;
			goto out;
		}
		if (c->nversions == SVC_MAX_VERSIONS) {
			rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
			    "%s: more than %d versions", vdir, SVC_MAX_VERSIONS);
			goto out;
		}
		if ((rc = site_load_jws(vdir, de->d_name, keys, &v, err)) != CORE_OK)
			goto out;
		if (strcmp(v.decision_id, c->decision_id) == 0)
			goto dup;
		for (i = 0; i < c->nversions; i++)
			if (strcmp(v.decision_id, c->versions[i].decision_id) == 0)
				goto dup;
		c->versions[c->nversions].decision_id = v.decision_id;
		c->versions[c->nversions].jws = v.jws;
		c->nversions++;
		v.decision_id = NULL;
		memset(&v.jws, 0, sizeof v.jws);
		site_case_clear(&v);
	}
	goto out;
dup:
	rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
	    "%s/%s: a second version with the record id %s", vdir, de->d_name,
	    v.decision_id);
out:
	site_case_clear(&v);
	if (d != NULL)
		closedir(d);
	return rc;
}

/* Load decisions/REF.jws, REF.code and the versions in REF/ into c. */
static enum core_code
site_load_case(const char *ddir, const char *jwsname, const struct core_keyset *keys,
    const char *service_id, struct svc_case *c, struct core_err *err)
{
	enum core_code		 rc;
	struct core_buf		 code;
	char			 codename[SVC_MAX_REFERENCE + 16];
	size_t			 reflen = strlen(jwsname) - 4;
	size_t			 n;

	core_buf_init(&code, SVC_MAX_CODE + 2);
	if ((c->reference = core_strndup(jwsname, reflen)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	snprintf(codename, sizeof codename, "%s.code", c->reference);
	if ((rc = site_read(ddir, codename, SVC_MAX_CODE + 1, &code, err)) != CORE_OK)
		goto out;
	n = code.len;
	while (n > 0 && (code.data[n - 1] == '\n' || code.data[n - 1] == '\r'))
		n--;
	if (n == 0) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "%s/%s: empty access code", ddir, codename);
		goto out;
	}
	if ((rc = core_sha256(code.data, n, c->code_hash)) != CORE_OK)
		goto out;
	if ((rc = site_load_jws(ddir, jwsname, keys, c, err)) != CORE_OK ||
	    (rc = site_load_versions(ddir, keys, c, err)) != CORE_OK)
		goto out;
	site_contest_path(c, service_id);
out:
	core_buf_free(&code);
	return rc;
}

/* Sort cases by reference for bsearch. */
static int
site_case_cmp(const void *a, const void *b)
{
	return strcmp(((const struct svc_case *)a)->reference,
	    ((const struct svc_case *)b)->reference);
}

/* Sort documents by digest for bsearch. */
static int
site_doc_cmp(const void *a, const void *b)
{
	return strcmp(((const struct svc_document *)a)->sha256,
	    ((const struct svc_document *)b)->sha256);
}

/* Load every decisions/REF.jws of the folder. */
static enum core_code
site_load_cases(struct svc_site *s, const char *dir,
    const struct core_keyset *keys, struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	struct dirent	*de;
	char		 ddir[4096];
	size_t		 len, i, j;
	DIR		*d = NULL;

	if (svc_path(ddir, sizeof ddir, dir, "decisions") != CORE_OK ||
	    (d = opendir(ddir)) == NULL) {
		rc = core_err_set(err, CORE_E_IO, CORE_NO_OFFSET,
		    "%s/decisions: cannot open the folder", dir);
		goto out;
	}
	if ((s->cases = core_calloc(SITE_MAX_CASES, sizeof *s->cases)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		if ((len = site_jws_name(de->d_name)) == 0)
			continue;
		if (!site_name_ok(de->d_name, len - 4)) {
			rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
			    "%s/%s: a reference may hold only letters, digits, "
			    "'.', '_', ':' and '-'", ddir, de->d_name);
			goto out;
		}
		if (s->ncases == SITE_MAX_CASES) {
			rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
			    "%s: more than %d decisions", ddir, SITE_MAX_CASES);
			goto out;
		}
		if ((rc = site_load_case(ddir, de->d_name, keys, s->service_id,
		    &s->cases[s->ncases], err)) != CORE_OK) {
			site_case_clear(&s->cases[s->ncases]);
			goto out;
		}
		s->ncases++;
	}
	qsort(s->cases, s->ncases, sizeof *s->cases, site_case_cmp);
	for (i = 0; i < s->ncases; i++) {
		for (j = 0; j < i; j++) {
			if (strcmp(s->cases[i].decision_id,
			    s->cases[j].decision_id) != 0)
				continue;
			rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
			    "%s and %s hold the same decision id",
			    s->cases[i].reference, s->cases[j].reference);
			goto out;
		}
	}
out:
	if (d != NULL)
		closedir(d);
	return rc;
}

/* Load every file of documents/ (the folder is optional). */
static enum core_code
site_load_docs(struct svc_site *s, const char *dir, struct core_err *err)
{
	enum core_code		 rc = CORE_OK;
	struct svc_document	*doc;
	struct dirent		*de;
	char			 ddir[4096];
	DIR			*d = NULL;

	if (svc_path(ddir, sizeof ddir, dir, "documents") != CORE_OK)
		goto out;
	if ((d = opendir(ddir)) == NULL)
		goto out;
	if ((s->docs = core_calloc(SITE_MAX_DOCS, sizeof *s->docs)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (s->ndocs == SITE_MAX_DOCS) {
			rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
			    "%s: more than %d documents", ddir, SITE_MAX_DOCS);
			goto out;
		}
		doc = &s->docs[s->ndocs];
		if ((doc->name = core_strdup(de->d_name)) == NULL) {
			rc = CORE_E_NOMEM;
			goto out;
		}
		if ((rc = site_read(ddir, de->d_name, SVC_MAX_FILE, &doc->data,
		    err)) != CORE_OK) {
			core_free(doc->name);
			goto out;
		}
		doc->type = site_doc_type(de->d_name);
		if ((rc = core_sha256_hex(doc->data.data, doc->data.len,
		    doc->sha256)) != CORE_OK) {
			core_buf_free(&doc->data);
			core_free(doc->name);
			goto out;
		}
		s->ndocs++;
	}
	qsort(s->docs, s->ndocs, sizeof *s->docs, site_doc_cmp);
out:
	if (d != NULL)
		closedir(d);
	return rc;
}

/* The JWKS of the discovery document: the signing key and the published ones;
 * the same keys go into keys, to check the decisions with. */
static enum core_code
site_jwks(struct svc_site *s, const char *dir, const json_t *conf,
    json_t **jwks, struct core_keyset *keys, struct core_err *err)
{
	enum core_code	 rc;
	struct core_buf	 src;
	struct core_key	*k = NULL;
	const json_t	*pub, *p;
	json_t		*arr = NULL, *jwk = NULL, *doc = NULL;
	size_t		 i;

	core_buf_init(&src, 0);
	if ((arr = json_array()) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if ((rc = svc_key_public_jwk(s->key, &jwk, err)) != CORE_OK)
		goto out;
	if (json_object_set_new(jwk, "kid", json_string(s->kid)) != 0 ||
	    json_array_append(arr, jwk) != 0 ||
	    (rc = core_keyset_add(keys, s->key, s->kid)) != CORE_OK) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	json_decref(jwk);
	jwk = NULL;
	pub = json_object_get(conf, "publish_keys");
	if (pub != NULL && !json_is_array(pub)) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "service.json: publish_keys is not an array of file names");
		goto out;
	}
	json_array_foreach(pub, i, p) {
		if (!json_is_string(p)) {
			rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
			    "service.json: publish_keys[%zu] is not a file name", i);
			goto out;
		}
		core_buf_free(&src);
		if ((rc = site_read(dir, json_string_value(p), 64u * 1024u, &src,
		    err)) != CORE_OK ||
		    (rc = core_json_parse(src.data, src.len, NULL, &doc, err)) != CORE_OK ||
		    (rc = core_key_from_jwk(doc, &k, err)) != CORE_OK ||
		    (rc = svc_key_public_jwk(k, &jwk, err)) != CORE_OK)
			goto out;
		if (json_is_string(json_object_get(doc, "kid")))
			json_object_set(jwk, "kid", json_object_get(doc, "kid"));
		if ((rc = core_keyset_add(keys, k, json_string_value(json_object_get(jwk,
		    "kid")))) != CORE_OK || json_array_append(arr, jwk) != 0) {
			rc = rc != CORE_OK ? rc : CORE_E_NOMEM;
			goto out;
		}
		json_decref(jwk);
		jwk = NULL;
		json_decref(doc);
		doc = NULL;
		core_key_free(&k);
	}
	if ((*jwks = json_pack("{s:O}", "keys", arr)) == NULL)
		rc = CORE_E_NOMEM;
out:
	core_buf_free(&src);
	core_key_free(&k);
	json_decref(doc);
	json_decref(jwk);
	json_decref(arr);
	return rc;
}

/* Build the discovery document from service.json. */
static enum core_code
site_discovery(struct svc_site *s, const char *dir, const json_t *conf,
    struct core_keyset *keys, struct core_err *err)
{
	enum core_code	 rc;
	const json_t	*names, *op, *langs, *wm;
	json_t		*jwks = NULL, *doc = NULL, *endpoints = NULL;
	char		 dec[1024], con[1024];

	names = json_object_get(conf, "names");
	op = json_object_get(conf, "operator");
	langs = json_object_get(conf, "languages");
	wm = json_object_get(conf, "watermark");
	if (!json_is_object(names) || !json_is_object(op) || !json_is_array(langs) ||
	    (wm != NULL && !json_is_object(wm))) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "service.json: wants names, operator and languages");
		goto out;
	}
	if ((rc = site_jwks(s, dir, conf, &jwks, keys, err)) != CORE_OK)
		goto out;
	snprintf(dec, sizeof dec, "%s/decisions", s->service_id);
	snprintf(con, sizeof con, "%s/contests", s->service_id);
	endpoints = json_pack("{s:s, s:s}", "decisions", dec, "contests", con);
	doc = json_pack("{s:s, s:s, s:O, s:O, s:O, s:O, s:O}", "recourse", "1",
	    "service_id", s->service_id, "names", names, "operator", op, "jwks",
	    jwks, "endpoints", endpoints, "languages", langs);
	if (doc == NULL || endpoints == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if (wm != NULL)
		json_object_set(doc, "watermark", (json_t *)wm);
	else
		json_object_set_new(doc, "watermark", json_pack("{s:s, s:i, s:f, s:i}",
		    "scheme", "WPG-1", "G", 16384, "alpha", 1e-5, "T_min", 50));
	core_buf_init(&s->discovery, SVC_MAX_DOC);
	if ((rc = core_jcs_serialize(doc, &s->discovery, err)) == CORE_OK &&
	    s->discovery.len > SVC_MAX_BUILT)
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "the discovery document is %zu bytes, over the protocol's "
		    "limit of %u", s->discovery.len, SVC_MAX_BUILT);
out:
	json_decref(jwks);
	json_decref(endpoints);
	json_decref(doc);
	return rc;
}

/* Read service.json and the signing key it names. */
static enum core_code
site_service(struct svc_site *s, const char *dir, const char *base_url,
    json_t **conf, struct core_err *err)
{
	enum core_code	 rc;
	struct core_buf	 src;
	const json_t	*sid, *keyname, *kid;
	char		 path[4096], tp[SVC_KID_LEN];
	size_t		 n;

	core_buf_init(&src, 0);
	if ((rc = site_read(dir, "service.json", SVC_MAX_DOC, &src, err)) != CORE_OK)
		goto out;
	if ((rc = core_json_parse(src.data, src.len, NULL, conf, err)) != CORE_OK) {
		core_err_set(err, rc, err->offset, "%s/service.json: %s", dir,
		    err->detail);
		goto out;
	}
	sid = json_object_get(*conf, "service_id");
	keyname = json_object_get(*conf, "signing_key");
	kid = json_object_get(*conf, "signing_kid");
	if (!json_is_object(*conf) || !json_is_string(keyname) ||
	    (sid != NULL && !json_is_string(sid)) ||
	    (kid != NULL && !json_is_string(kid))) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "%s/service.json: wants signing_key", dir);
		goto out;
	}
	s->service_id = core_strdup(sid != NULL ? json_string_value(sid) : base_url);
	if (s->service_id == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	n = strlen(s->service_id);
	while (n > 0 && s->service_id[n - 1] == '/')
		s->service_id[--n] = '\0';
	if (svc_path(path, sizeof path, dir, json_string_value(keyname)) != CORE_OK) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET, "path too long");
		goto out;
	}
	if ((rc = svc_key_load(path, &s->key, err)) != CORE_OK)
		goto out;
	if (kid == NULL) {
		if ((rc = svc_key_kid(s->key, tp, err)) != CORE_OK)
			goto out;
		s->kid = core_strdup(tp);
	} else
		s->kid = core_strdup(json_string_value(kid));
	if (s->kid == NULL)
		rc = CORE_E_NOMEM;
out:
	core_buf_free(&src);
	return rc;
}

enum core_code
svc_site_load(const char *dir, const char *base_url, struct svc_site **out,
    struct core_err *err)
{
	enum core_code		 rc;
	struct svc_site		*s;
	struct core_keyset	*keys = NULL;
	struct core_err		 rerr;
	json_t			*conf = NULL;

	*out = NULL;
	if ((s = core_calloc(1, sizeof *s)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	core_buf_init(&s->registry, SVC_MAX_DOC);
	if ((rc = core_keyset_new(&keys)) != CORE_OK)
		goto out;
	if ((rc = site_service(s, dir, base_url, &conf, err)) != CORE_OK)
		goto out;
	core_err_clear(&rerr);
	if (site_read(dir, "registry.jws", SVC_MAX_DOC, &s->registry, &rerr) != CORE_OK)
		core_buf_init(&s->registry, SVC_MAX_DOC);
	if ((rc = site_discovery(s, dir, conf, keys, err)) != CORE_OK)
		goto out;
	if ((rc = site_load_cases(s, dir, keys, err)) != CORE_OK)
		goto out;
	if ((rc = site_load_docs(s, dir, err)) != CORE_OK)
		goto out;
	*out = s;
	s = NULL;
out:
	json_decref(conf);
	core_keyset_free(&keys);
	svc_site_free(&s);
	return rc;
}

void
svc_site_free(struct svc_site **sp)
{
	struct svc_site	*s = *sp;
	size_t		 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ncases; i++)
		site_case_clear(&s->cases[i]);
	for (i = 0; i < s->ndocs; i++) {
		core_buf_free(&s->docs[i].data);
		core_free(s->docs[i].name);
	}
	core_free(s->cases);
	core_free(s->docs);
	core_free(s->service_id);
	core_free(s->kid);
	core_key_free(&s->key);
	core_buf_free(&s->discovery);
	core_buf_free(&s->registry);
	core_free(s);
	*sp = NULL;
}

const struct svc_case *
svc_site_case(const struct svc_site *site, const char *reference)
{
	struct svc_case	key;

	if (site->ncases == 0)
		return NULL;
	memset(&key, 0, sizeof key);
	key.reference = (char *)reference;
	return bsearch(&key, site->cases, site->ncases, sizeof key, site_case_cmp);
}

const struct svc_case *
svc_site_case_by_id(const struct svc_site *site, const char *decision_id)
{
	size_t	i, j;

	for (i = 0; i < site->ncases; i++)
		if (strcmp(site->cases[i].decision_id, decision_id) == 0)
			return &site->cases[i];
	for (i = 0; i < site->ncases; i++)
		for (j = 0; j < site->cases[i].nversions; j++)
			if (strcmp(site->cases[i].versions[j].decision_id,
			    decision_id) == 0)
				return &site->cases[i];
	for (i = 0; i < site->ncases; i++)
		if (site->cases[i].supersedes != NULL &&
		    strcmp(site->cases[i].supersedes, decision_id) == 0)
			return &site->cases[i];
	return NULL;
}

const struct core_buf *
svc_case_version(const struct svc_case *c, const char *id)
{
	size_t	i;

	if (strcmp(c->decision_id, id) == 0)
		return &c->jws;
	for (i = 0; i < c->nversions; i++)
		if (strcmp(c->versions[i].decision_id, id) == 0)
			return &c->versions[i].jws;
	return NULL;
}

const struct svc_document *
svc_site_document(const struct svc_site *site, const char *name)
{
	struct svc_document	 key;
	const struct svc_document *d;
	size_t			 i;

	if (site->ndocs == 0)
		return NULL;
	if (strlen(name) == CORE_SHA256_HEX_LEN) {
		memset(&key, 0, sizeof key);
		memcpy(key.sha256, name, sizeof key.sha256);
		d = bsearch(&key, site->docs, site->ndocs, sizeof key, site_doc_cmp);
		if (d != NULL)
			return d;
	}
	for (i = 0; i < site->ndocs; i++)
		if (strcmp(site->docs[i].name, name) == 0)
			return &site->docs[i];
	return NULL;
}

int
svc_site_contest_path(const struct svc_site *site, const char *path)
{
	size_t	i;

	if (strcmp(path, "/contests") == 0)
		return 1;
	for (i = 0; i < site->ncases; i++)
		if (site->cases[i].contest_path != NULL &&
		    strcmp(site->cases[i].contest_path, path) == 0)
			return 1;
	return 0;
}

int
svc_case_code_ok(const struct svc_case *c, const char *code, size_t len)
{
	static const unsigned char	zero[CORE_SHA256_LEN];
	unsigned char			h[CORE_SHA256_LEN];
	int				eq;

	if (core_sha256(code, len, h) != CORE_OK)
		return 0;
	eq = core_memeq(h, c != NULL ? c->code_hash : zero, sizeof h);
	return c != NULL && eq;
}
