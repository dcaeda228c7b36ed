/*
 * jws-check.c: verify a signed document with the core, for the service
 * tests.
 *
 *   jws-check TYP KEYS JWS
 *
 * KEYS is a JWKS ({"keys":[...]}), a discovery document (its "jwks"), or one
 * JWK.  On success the exact payload bytes go to stdout and the exit status
 * is 0; otherwise the core's message goes to stderr and the status is 1.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/key.h"

/* Read a whole file into b. */
static int
read_all(const char *path, struct core_buf *b)
{
	unsigned char	 chunk[4096];
	size_t		 n;
	FILE		*fp;
	int		 ret = 0;

	if ((fp = fopen(path, "rb")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		if (core_buf_add(b, chunk, n) != CORE_OK)
			ret = -1;
	if (ferror(fp))
		ret = -1;
	fclose(fp);
	return ret;
}

int
main(int argc, char **argv)
{
	struct core_jws_result	 res;
	struct core_keyset	*ks = NULL;
	struct core_key		*k = NULL;
	struct core_buf		 keys, jws;
	struct core_err		 err;
	json_t			*doc = NULL, *set;
	int			 ret = 1;

	memset(&res, 0, sizeof res);
	core_err_clear(&err);
	core_buf_init(&keys, 1u << 20);
	core_buf_init(&jws, 8u << 20);
	if (argc != 4) {
		fprintf(stderr, "usage: jws-check TYP KEYS JWS\n");
		goto out;
	}
	if (read_all(argv[2], &keys) == -1 || read_all(argv[3], &jws) == -1) {
		fprintf(stderr, "jws-check: cannot read the files\n");
		goto out;
	}
	if (core_json_parse(keys.data, keys.len, NULL, &doc, &err) != CORE_OK)
		goto fail;
	set = json_object_get(doc, "jwks") != NULL ? json_object_get(doc, "jwks") : doc;
	if (json_object_get(set, "keys") != NULL) {
		if (core_keyset_from_jwks(set, &ks, &err) != CORE_OK)
			goto fail;
	} else {
		if (core_keyset_new(&ks) != CORE_OK ||
		    core_key_from_jwk(set, &k, &err) != CORE_OK ||
		    core_keyset_add(ks, k, json_string_value(json_object_get(set,
		    "kid"))) != CORE_OK)
			goto fail;
	}
	if (core_jws_verify(jws.data, jws.len, argv[1], ks, &res, &err) != CORE_OK)
		goto fail;
	fwrite(res.payload, 1, res.payload_len, stdout);
	ret = 0;
	goto out;
fail:
	fprintf(stderr, "jws-check: %s%s%s\n", core_strerror(err.code),
	    err.detail[0] != '\0' ? ": " : "", err.detail);
out:
	core_jws_result_free(&res);
	core_keyset_free(&ks);
	core_key_free(&k);
	json_decref(doc);
	core_buf_free(&keys);
	core_buf_free(&jws);
	return ret;
}
