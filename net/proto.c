/* proto.c: the requests of recourse/1 and the discovery document. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/b64.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "core/jws.h"
#include "net/client.h"
#include "net/proto.h"
#include "net/url.h"

void
net_discovery_init(struct net_discovery *d)
{
	memset(d, 0, sizeof *d);
}

void
net_discovery_clear(struct net_discovery *d)
{
	core_free(d->raw);
	json_decref(d->doc);
	core_keyset_free(&d->keys);
	memset(d, 0, sizeof *d);
}

int
net_same_origin(const char *url, const char *service_id)
{
	struct net_origin	a, b;

	return url != NULL && service_id != NULL &&
	    net_url_origin(url, &a, NULL) == CORE_OK &&
	    net_url_origin(service_id, &b, NULL) == CORE_OK && net_origin_eq(&a, &b);
}

/* Copy the string member name of o into out; -1 when absent or too long. */
static int
proto_str(const json_t *o, const char *name, char *out, size_t outsz)
{
	const json_t	*v = json_object_get(o, name);

	if (!json_is_string(v) || json_string_length(v) == 0 ||
	    json_string_length(v) >= outsz ||
	    strlen(json_string_value(v)) != json_string_length(v))
		return -1;
	memcpy(out, json_string_value(v), json_string_length(v) + 1);
	return 0;
}

enum core_code
net_discovery_parse(const void *p, size_t n, const char *base,
    struct net_discovery *d, struct core_err *err)
{
	const json_t		*ep, *v;
	struct net_origin	 from, sid;
	struct core_buf		 want;
	enum core_code		 rc;

	net_discovery_clear(d);
	core_buf_init(&want, 512);
	if ((rc = core_json_parse(p, n, NULL, &d->doc, err)) != CORE_OK)
		goto out;
	if (!json_is_object(d->doc)) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "discovery: not a JSON object");
		goto out;
	}
	v = json_object_get(d->doc, "recourse");
	if (!json_is_string(v) || strcmp(json_string_value(v), "1") != 0) {
		rc = core_err_set(err, CORE_E_UNSUPPORTED, CORE_NO_OFFSET,
		    "discovery: not recourse/1");
		goto out;
	}
	if (proto_str(d->doc, "service_id", d->service_id, sizeof d->service_id) != 0) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "discovery: \"service_id\" missing");
		goto out;
	}
	/* The service is the origin we asked, written as an origin. */
	if ((rc = net_url_origin(base, &from, err)) != CORE_OK)
		goto out;
	if (net_url_origin(d->service_id, &sid, NULL) != CORE_OK ||
	    !net_origin_eq(&from, &sid) ||
	    net_origin_format(&sid, &want) != CORE_OK ||
	    strcmp(core_buf_str(&want), d->service_id) != 0) {
		rc = core_err_set(err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    "discovery: service_id %.80s is not the origin asked", d->service_id);
		goto out;
	}
	ep = json_object_get(d->doc, "endpoints");
	if (!json_is_object(ep) ||
	    proto_str(ep, "decisions", d->decisions, sizeof d->decisions) != 0 ||
	    proto_str(ep, "contests", d->contests, sizeof d->contests) != 0) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "discovery: \"endpoints\" missing");
		goto out;
	}
	if (!net_same_origin(d->decisions, d->service_id) ||
	    !net_same_origin(d->contests, d->service_id)) {
		rc = core_err_set(err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    "discovery: an endpoint is on another origin");
		goto out;
	}
	v = json_object_get(d->doc, "jwks");
	if (!json_is_object(v)) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "discovery: \"jwks\" missing");
		goto out;
	}
	if ((rc = core_keyset_from_jwks(v, &d->keys, err)) != CORE_OK)
		goto out;
	if ((d->raw = core_malloc(n == 0 ? 1 : n)) == NULL) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
		goto out;
	}
	memcpy(d->raw, p, n);
	d->raw_len = n;
out:
	core_buf_free(&want);
	if (rc != CORE_OK)
		net_discovery_clear(d);
	return rc;
}

enum core_code
net_proto_discover(struct net_client *c, const char *base, net_done_fn done,
    void *arg, struct net_xfer **out, struct core_err *err)
{
	struct net_request	req;
	struct core_buf		url;
	enum core_code		rc;

	core_buf_init(&url, NET_URL_MAX);
	if ((rc = net_url_discovery(base, &url, err)) != CORE_OK)
		goto out;
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = core_buf_str(&url);
	req.accept = NET_MEDIA_JSON;
	rc = net_request_start(c, &req, done, arg, out, err);
out:
	core_buf_free(&url);
	return rc;
}

enum core_code
net_proto_get_decision(struct net_client *c, const char *decisions,
    const char *reference, const char *code, net_done_fn done, void *arg,
    struct net_xfer **out, struct core_err *err)
{
	struct net_request	req;
	struct core_buf		url;
	enum core_code		rc;

	core_buf_init(&url, NET_URL_MAX);
	if (reference == NULL || *reference == '\0' || strlen(reference) > 256) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "a reference holds 1 to 256 bytes");
		goto out;
	}
	if ((rc = net_url_append_segment(decisions, reference, &url)) != CORE_OK) {
		core_err_set(err, rc, CORE_NO_OFFSET, "decision URL");
		goto out;
	}
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = core_buf_str(&url);
	req.accept = NET_MEDIA_JOSE;
	req.bearer = code;
	rc = net_request_start(c, &req, done, arg, out, err);
out:
	core_buf_free(&url);
	return rc;
}

enum core_code
net_proto_get_signed(struct net_client *c, const char *url, const char *code,
    net_done_fn done, void *arg, struct net_xfer **out, struct core_err *err)
{
	struct net_request	req;

	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.url = url;
	req.accept = NET_MEDIA_JOSE;
	req.bearer = code;
	return net_request_start(c, &req, done, arg, out, err);
}

enum core_code
net_proto_post_contest(struct net_client *c, const char *contests,
    const char *code, const char *key, const void *body, size_t body_len,
    net_done_fn done, void *arg, struct net_xfer **out, struct core_err *err)
{
	struct net_request	req;

	memset(&req, 0, sizeof req);
	req.method = "POST";
	req.url = contests;
	req.accept = NET_MEDIA_JOSE;
	req.bearer = code;
	req.idempotency_key = key;
	req.body = body;
	req.body_len = body_len;
	req.body_type = NET_MEDIA_JSON;
	return net_request_start(c, &req, done, arg, out, err);
}

enum core_code
net_jws_payload(const void *jws, size_t len, struct core_buf *out,
    struct core_err *err)
{
	const char	*s = jws, *dot1, *dot2;
	json_t		*o = NULL;
	const json_t	*v;
	enum core_code	 rc;

	if (len > 0 && s[0] == '{') {
		if ((rc = core_json_parse(jws, len, NULL, &o, err)) != CORE_OK)
			goto out;
		v = json_object_get(o, "payload");
		if (!json_is_string(v)) {
			rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
			    "no payload");
			goto out;
		}
		rc = core_b64url_decode(json_string_value(v), json_string_length(v),
		    out, err);
		goto out;
	}
	dot1 = memchr(s, '.', len);
	dot2 = dot1 != NULL ? memchr(dot1 + 1, '.', len - (size_t)(dot1 + 1 - s)) : NULL;
	if (dot2 == NULL) {
		rc = core_err_set(err, CORE_E_JWS_FORMAT, CORE_NO_OFFSET,
		    "not a JWS");
		goto out;
	}
	rc = core_b64url_decode(dot1 + 1, (size_t)(dot2 - dot1 - 1), out, err);
out:
	json_decref(o);
	return rc;
}
