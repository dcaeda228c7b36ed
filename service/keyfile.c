/* keyfile.c: operators' key files: a private PEM and its public JWK. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/key.h"
#include "service/keyfile.h"
#include "service/service.h"

enum core_code
svc_key_load(const char *path, struct core_key **out, struct core_err *err)
{
	enum core_code	rc;
	struct core_buf	pem;

	*out = NULL;
	if ((rc = svc_read_file(path, 64u * 1024u, &pem, err)) != CORE_OK)
		goto out;
	rc = core_key_from_pem(pem.data, pem.len, out, err);
	if (rc == CORE_OK && !core_key_has_private(*out)) {
		core_key_free(out);
		rc = core_err_set(err, CORE_E_PEM, CORE_NO_OFFSET,
		    "%s: no private key", path);
	}
	core_buf_free(&pem);
out:
	return rc;
}

enum core_code
svc_key_kid(const struct core_key *k, char out[SVC_KID_LEN], struct core_err *err)
{
	enum core_code	rc;
	char		tp[CORE_THUMBPRINT_LEN];

	if ((rc = core_key_thumbprint(k, tp, err)) != CORE_OK)
		return rc;
	if ((tp[0] >= 'A' && tp[0] <= 'Z') || (tp[0] >= 'a' && tp[0] <= 'z') ||
	    (tp[0] >= '0' && tp[0] <= '9'))
		snprintf(out, SVC_KID_LEN, "%s", tp);
	else
		snprintf(out, SVC_KID_LEN, "k%s", tp);
	return CORE_OK;
}

enum core_code
svc_key_public_jwk(const struct core_key *k, json_t **out, struct core_err *err)
{
	enum core_code	 rc;
	char		 tp[SVC_KID_LEN];
	json_t		*jwk = NULL;

	*out = NULL;
	if ((rc = svc_key_kid(k, tp, err)) != CORE_OK)
		goto out;
	if ((rc = core_key_to_jwk(k, 0, &jwk, err)) != CORE_OK)
		goto out;
	if (json_object_set_new(jwk, "kid", json_string(tp)) != 0 ||
	    json_object_set_new(jwk, "use", json_string("sig")) != 0 ||
	    json_object_set_new(jwk, "alg", json_string(core_key_alg(k))) != 0) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	*out = jwk;
	jwk = NULL;
out:
	json_decref(jwk);
	return rc;
}

enum core_code
svc_key_create(enum core_key_type type, const char *path, struct core_key **out,
    struct core_err *err)
{
	enum core_code	 rc;
	struct core_key	*k = NULL;
	struct core_buf	 pem;
	struct core_buf	 text;
	char		 pub[4096];
	json_t		*jwk = NULL;
	int		 n;

	core_buf_init(&pem, 64u * 1024u);
	core_buf_init(&text, 64u * 1024u);
	n = snprintf(pub, sizeof pub, "%s.pub.jwk", path);
	if (n < 0 || (size_t)n >= sizeof pub) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "%s: name too long", path);
		goto out;
	}
	if ((rc = core_key_generate(type, &k, err)) != CORE_OK)
		goto out;
	if ((rc = core_key_to_pem(k, 1, &pem, err)) != CORE_OK)
		goto out;
	if ((rc = svc_key_public_jwk(k, &jwk, err)) != CORE_OK)
		goto out;
	if ((rc = svc_json_dump(jwk, JSON_INDENT(2) | JSON_SORT_KEYS,
	    &text)) != CORE_OK || (rc = core_buf_addc(&text, '\n')) != CORE_OK)
		goto out;
	if ((rc = svc_write_new(path, pem.data, pem.len, err)) != CORE_OK)
		goto out;
	/* The public half is no secret, but is written the same careful way. */
	if ((rc = svc_write_new(pub, text.data, text.len, err)) != CORE_OK)
		goto out;
	if (out != NULL) {
		*out = k;
		k = NULL;
	}
out:
	/* Wipe the private key's text before the memory is given back. */
	if (pem.data != NULL)
		memset(pem.data, 0, pem.cap);
	core_buf_free(&pem);
	core_buf_free(&text);
	json_decref(jwk);
	core_key_free(&k);
	return rc;
}
