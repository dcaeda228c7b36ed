/* registry.c: check an operator's list of services and sign it as a registry. */
#include "config.h"

#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/jcs.h"
#include "core/jws.h"
#include "core/key.h"
#include "service/keyfile.h"
#include "service/registry.h"
#include "service/service.h"

/* Is s one of the NULL-terminated words? */
static int
reg_one_of(const char *s, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strcmp(s, *words) == 0)
			return 1;
	return 0;
}

/* A time member that must be RFC 3339 UTC. */
static int
reg_time_ok(const json_t *v)
{
	time_t	t;

	return json_is_string(v) && svc_time_parse(json_string_value(v), &t) == 0;
}

/* Check one key entry and copy it, as a thumbprint, into keys. */
static enum core_code
reg_key(const json_t *in, size_t si, size_t ki, json_t *keys, struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	struct core_key	*k = NULL;
	const json_t	*tp, *jwk, *nb, *na;
	char		 buf[CORE_THUMBPRINT_LEN];
	json_t		*o = NULL;

	tp = json_object_get(in, "thumbprint");
	jwk = json_object_get(in, "jwk");
	nb = json_object_get(in, "not_before");
	na = json_object_get(in, "not_after");
	if (!json_is_object(in) || (tp == NULL) == (jwk == NULL) ||
	    !reg_time_ok(nb) || !reg_time_ok(na)) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "services[%zu].keys[%zu]: wants thumbprint or jwk, "
		    "not_before and not_after", si, ki);
		goto out;
	}
	if (jwk != NULL) {
		if ((rc = core_key_from_jwk(jwk, &k, err)) != CORE_OK ||
		    (rc = core_key_thumbprint(k, buf, err)) != CORE_OK)
			goto out;
	} else {
		if (!json_is_string(tp) || json_string_length(tp) != 43) {
			rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
			    "services[%zu].keys[%zu].thumbprint: not an RFC 7638 "
			    "thumbprint", si, ki);
			goto out;
		}
		memcpy(buf, json_string_value(tp), 44);
	}
	if ((o = json_pack("{s:s, s:O, s:O}", "thumbprint", buf, "not_before",
	    nb, "not_after", na)) == NULL || json_array_append_new(keys, o) != 0) {
		rc = CORE_E_NOMEM;
		goto out;
	}
out:
	core_key_free(&k);
	return rc;
}

/* Check one service entry and append its registry form to services. */
static enum core_code
reg_service(const json_t *in, size_t si, json_t *services, struct core_err *err)
{
	static const char *const roles[] = { "service", "provider", NULL };
	static const char *const states[] = { "active", "suspended", "revoked", NULL };
	enum core_code	 rc = CORE_OK;
	const json_t	*id, *name, *role, *status, *keys, *k;
	json_t		*o = NULL, *outkeys = NULL;
	size_t		 i;

	id = json_object_get(in, "service_id");
	name = json_object_get(in, "name");
	role = json_object_get(in, "role");
	status = json_object_get(in, "status");
	keys = json_object_get(in, "keys");
	if (!json_is_object(in) || !json_is_string(id) ||
	    (!json_is_string(name) && !json_is_object(name)) ||
	    !json_is_string(role) || !json_is_string(status) ||
	    !json_is_array(keys)) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "services[%zu]: wants service_id, name, role, status and keys",
		    si);
		goto out;
	}
	if (strncmp(json_string_value(id), "https://", 8) != 0 &&
	    strncmp(json_string_value(id), "http://127.0.0.1", 16) != 0 &&
	    strncmp(json_string_value(id), "http://[::1]", 12) != 0 &&
	    strncmp(json_string_value(id), "http://localhost", 16) != 0) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "services[%zu].service_id: not an https origin", si);
		goto out;
	}
	if (!reg_one_of(json_string_value(role), roles) ||
	    !reg_one_of(json_string_value(status), states)) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "services[%zu]: role or status not one of the protocol's", si);
		goto out;
	}
	if ((outkeys = json_array()) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	json_array_foreach(keys, i, k) {
		if ((rc = reg_key(k, si, i, outkeys, err)) != CORE_OK)
			goto out;
	}
	if ((o = json_pack("{s:O, s:O, s:O, s:O, s:O}", "service_id", id, "name",
	    name, "role", role, "status", status, "keys", outkeys)) == NULL ||
	    json_array_append_new(services, o) != 0) {
		rc = CORE_E_NOMEM;
		goto out;
	}
out:
	json_decref(outkeys);
	return rc;
}

enum core_code
svc_registry_build(const struct svc_registry_args *ra, const json_t *list,
    const struct core_key *root, struct core_buf *out, struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	struct core_buf	 payload;
	const json_t	*s;
	json_t		*services = NULL, *doc = NULL;
	char		 tp[CORE_THUMBPRINT_LEN], kid[SVC_KID_LEN], issued[21],
			 expires[21];
	size_t		 i;

	core_buf_init(&payload, SVC_MAX_DOC);
	if (json_is_object(list))
		list = json_object_get(list, "services");
	if (!json_is_array(list)) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "wants an array of services");
		goto out;
	}
	if ((services = json_array()) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	json_array_foreach(list, i, s) {
		if ((rc = reg_service(s, i, services, err)) != CORE_OK)
			goto out;
	}
	if ((rc = core_key_thumbprint(root, tp, err)) != CORE_OK ||
	    (rc = svc_key_kid(root, kid, err)) != CORE_OK)
		goto out;
	svc_time_rfc3339(ra->issued_at, issued);
	svc_time_rfc3339(ra->expires, expires);
	doc = json_pack("{s:s, s:I, s:s, s:s, s:O}", "registry",
	    ra->id != NULL ? ra->id : tp, "sequence", (json_int_t)ra->sequence,
	    "issued_at",
	    issued, "expires", expires, "services", services);
	if (doc == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if ((rc = core_jcs_serialize(doc, &payload, err)) != CORE_OK)
		goto out;
	rc = core_jws_sign(payload.data, payload.len, CORE_TYP_REGISTRY, root,
	    kid, out, err);
out:
	json_decref(doc);
	json_decref(services);
	core_buf_free(&payload);
	return rc;
}
