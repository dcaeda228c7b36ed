/*
 * client.c: one libcurl multi handle driven by the caller's poll() loop
 * (curl_multi_socket_action with socket and timer callbacks), the transport
 * policy of client.h, and simple one-shot timers on the same loop.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "net/client.h"
#include "net/curlso.h"
#include "net/url.h"

struct net_sock {
	curl_socket_t	fd;
	short		events;
};

enum xfer_state {
	XFER_RUNNING,
	XFER_DONE		/* ended; waiting for its callback */
};

struct net_xfer {
	struct net_client	*client;
	CURL			*easy;
	struct curl_slist	*headers;
	struct net_response	 res;
	char			 accept[64];
	int			 is_get;
	unsigned char		*body;
	size_t			 body_len;
	net_done_fn		 done;
	void			*arg;
	enum xfer_state		 state;
	CURLcode		 result;
	int			 too_large;
	int			 redirects;
	int			 in_callback;
	char			 errbuf[CURL_ERROR_SIZE];
	struct net_xfer		*next;
};

struct net_timer {
	struct net_client	*client;
	long long		 due;		/* monotonic milliseconds */
	net_timer_fn		 fn;
	void			*arg;
	int			 firing;
	struct net_timer	*next;
};

struct net_client {
	CURLM			*multi;
	struct net_policy	 policy;
	char			*ca_bundle;
	char			*pinned;
	char			*accept_language;
	struct net_sock		*socks;
	size_t			 nsocks;
	size_t			 socks_cap;
	long long		 curl_due;	/* -1: no timer */
	struct net_xfer		*xfers;
	struct net_timer	*timers;
};

/* Milliseconds on the monotonic clock. */
static long long
client_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
net_policy_default(struct net_policy *p)
{
	memset(p, 0, sizeof *p);
	p->connect_timeout = 10;
	p->timeout = 60;
	p->low_speed_limit = 16;
	p->low_speed_time = 30;
	p->max_response = NET_MAX_RESPONSE_DEFAULT;
}

/* libcurl tells which sockets to watch for what. */
static int
client_sock_cb(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp)
{
	struct net_client	*c = userp;
	struct net_sock		*ns;
	size_t			 i;
	short			 ev = 0;

	for (i = 0; i < c->nsocks; i++)
		if (c->socks[i].fd == s)
			break;
	if (what == CURL_POLL_REMOVE) {
		if (i < c->nsocks) {
			c->socks[i] = c->socks[c->nsocks - 1];
			c->nsocks--;
		}
		return 0;
	}
	if (what == CURL_POLL_IN || what == CURL_POLL_INOUT)
		ev |= POLLIN;
	if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT)
		ev |= POLLOUT;
	if (i == c->nsocks) {
		if (c->nsocks == c->socks_cap) {
			ns = core_realloc(c->socks, (c->socks_cap + 8) * sizeof *ns);
			if (ns == NULL)
				return -1;	/* libcurl fails the transfer */
			c->socks = ns;
			c->socks_cap += 8;
		}
		c->socks[c->nsocks].fd = s;
		c->nsocks++;
	}
	c->socks[i].events = ev;
	return 0;
}

/* libcurl asks to be called back after timeout_ms (-1: never). */
static int
client_timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	struct net_client	*c = userp;

	c->curl_due = timeout_ms < 0 ? -1 : client_now() + timeout_ms;
	return 0;
}

/* Copy a policy string; NULL and "" stay NULL. */
static enum core_code
client_dup(const char *s, char **out)
{
	*out = NULL;
	if (s == NULL || *s == '\0')
		return CORE_OK;
	if ((*out = core_strdup(s)) == NULL)
		return CORE_E_NOMEM;
	return CORE_OK;
}

enum core_code
net_client_new(const struct net_policy *p, struct net_client **out,
    struct core_err *err)
{
	struct net_client	*c;
	enum core_code		 rc = CORE_OK;

	*out = NULL;
	if ((c = core_calloc(1, sizeof *c)) == NULL)
		return core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
	c->curl_due = -1;
	/* libcurl is opened here, not at start-up (net/curlso.h). */
	if (net_curl_load(err) != CORE_OK) {
		core_free(c);
		return CORE_E_INTERNAL;
	}
	if (net_curl()->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		core_free(c);
		return core_err_set(err, CORE_E_INTERNAL, CORE_NO_OFFSET,
		    "libcurl could not start");
	}
	c->policy = *p;
	if ((rc = client_dup(p->ca_bundle, &c->ca_bundle)) != CORE_OK ||
	    (rc = client_dup(p->pinned_pubkey, &c->pinned)) != CORE_OK ||
	    (rc = client_dup(p->accept_language, &c->accept_language)) != CORE_OK)
		goto out;
	c->policy.ca_bundle = c->ca_bundle;
	c->policy.pinned_pubkey = c->pinned;
	c->policy.accept_language = c->accept_language;
	if (c->policy.max_response == 0)
		c->policy.max_response = NET_MAX_RESPONSE_DEFAULT;
	if ((c->multi = net_curl()->multi_init()) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	net_curl()->multi_setopt(c->multi, CURLMOPT_SOCKETFUNCTION, client_sock_cb);
	net_curl()->multi_setopt(c->multi, CURLMOPT_SOCKETDATA, c);
	net_curl()->multi_setopt(c->multi, CURLMOPT_TIMERFUNCTION, client_timer_cb);
	net_curl()->multi_setopt(c->multi, CURLMOPT_TIMERDATA, c);
	*out = c;
	c = NULL;
out:
	if (c != NULL)
		net_client_free(&c);
	if (rc != CORE_OK)
		core_err_set(err, rc, CORE_NO_OFFSET, NULL);
	return rc;
}

const struct net_policy *
net_client_policy(const struct net_client *c)
{
	return &c->policy;
}

/* Unlink x from the client and free it. */
static void
xfer_free(struct net_xfer *x)
{
	struct net_client	*c = x->client;
	struct net_xfer		**pp;
	struct curl_slist	*h;

	for (pp = &c->xfers; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == x) {
			*pp = x->next;
			break;
		}
	}
	if (x->easy != NULL) {
		net_curl()->multi_remove_handle(c->multi, x->easy);
		net_curl()->easy_cleanup(x->easy);
	}
	/* The header list holds the access code: wipe it before freeing. */
	for (h = x->headers; h != NULL; h = h->next)
		if (h->data != NULL)
			memset(h->data, 0, strlen(h->data));
	net_curl()->slist_free_all(x->headers);
	net_response_clear(&x->res);
	core_free(x->body);
	core_free(x);
}

void
net_client_free(struct net_client **cp)
{
	struct net_client	*c = *cp;
	struct net_timer	*t;

	if (c == NULL)
		return;
	while (c->xfers != NULL)
		xfer_free(c->xfers);
	while ((t = c->timers) != NULL) {
		c->timers = t->next;
		core_free(t);
	}
	if (c->multi != NULL)
		net_curl()->multi_cleanup(c->multi);
	net_curl()->global_cleanup();	/* net_client_new initialised it */
	core_free(c->socks);
	core_free(c->ca_bundle);
	core_free(c->pinned);
	core_free(c->accept_language);
	core_free(c);
	*cp = NULL;
}

enum core_code
net_client_check_url(const struct net_client *c, const char *url,
    struct core_err *err)
{
	return net_url_check(url, c->policy.allow_http_loopback, err);
}

/* libcurl hands over body bytes; refuse past the cap. */
static size_t
xfer_write_cb(char *p, size_t size, size_t nmemb, void *userp)
{
	struct net_xfer	*x = userp;
	size_t		 n = size * nmemb;

	if (core_buf_add(&x->res.body, p, n) != CORE_OK) {
		x->too_large = 1;
		return 0;	/* CURLE_WRITE_ERROR ends the transfer */
	}
	return n;
}

/* Is tag a language tag made of letters, digits and hyphens? */
static int
client_tag_ok(const char *tag)
{
	size_t	i;

	if (tag == NULL || tag[0] == '\0' || strlen(tag) > 35)
		return 0;
	for (i = 0; tag[i] != '\0'; i++)
		if (!((tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= 'A' &&
		    tag[i] <= 'Z') || (tag[i] >= '0' && tag[i] <= '9') ||
		    tag[i] == '-'))
			return 0;
	return 1;
}

/* Languages one after another with falling weights (1, 0.9 ... 0.6), then
 * English at 0.5 unless it was named. */
enum core_code
net_client_set_languages(struct net_client *c, const char *const *langs,
    size_t n)
{
	struct core_buf	 b;
	enum core_code	 rc = CORE_OK;
	char		*v = NULL;
	size_t		 i, k = 0;
	int		 english = 0;

	core_buf_init(&b, 1024);
	for (i = 0; i < n && rc == CORE_OK; i++) {
		if (!client_tag_ok(langs[i]))
			continue;
		if (strcasecmp(langs[i], "en") == 0)
			english = 1;
		if (k == 0)
			rc = core_buf_printf(&b, "%s", langs[i]);
		else
			rc = core_buf_printf(&b, ", %s;q=0.%d", langs[i],
			    k < 4 ? 10 - (int)k : 6);
		k++;
	}
	if (rc == CORE_OK && k > 0 && !english)
		rc = core_buf_printf(&b, ", en;q=0.5");
	if (rc == CORE_OK && k > 0)
		rc = client_dup(core_buf_str(&b), &v);
	if (rc != CORE_OK)
		goto out;
	core_free(c->accept_language);
	c->accept_language = v;
	c->policy.accept_language = v;
out:
	core_buf_free(&b);
	return rc;
}

/* A header value that cannot smuggle another header: printable ASCII. */
static int
xfer_header_value_ok(const char *v)
{
	const unsigned char	*p;

	if (*v == '\0' || strlen(v) > 1024)
		return 0;
	for (p = (const unsigned char *)v; *p != '\0'; p++)
		if (*p < 0x21 || *p > 0x7e)
			return 0;
	return 1;
}

/* Append "name: prefix value" to the header list. */
static enum core_code
xfer_header(struct net_xfer *x, const char *name, const char *prefix,
    const char *value)
{
	struct core_buf		 b;
	struct curl_slist	*l;
	enum core_code		 rc;

	core_buf_init(&b, 2048);
	if ((rc = core_buf_printf(&b, "%s: %s%s", name, prefix, value)) == CORE_OK) {
		if ((l = net_curl()->slist_append(x->headers, core_buf_str(&b))) == NULL)
			rc = CORE_E_NOMEM;
		else
			x->headers = l;
	}
	/* The buffer may hold the access code: wipe it. */
	if (b.data != NULL)
		memset(b.data, 0, b.cap);
	core_buf_free(&b);
	return rc;
}

/* Set the URL of x, and the protocols the policy allows for it. */
static enum core_code
xfer_set_url(struct net_xfer *x, const char *url, struct core_err *err)
{
	struct net_client	*c = x->client;
	struct net_origin	 o;
	enum core_code		 rc;
	int			 loopback_http;

	if ((rc = net_url_check(url, c->policy.allow_http_loopback, err)) != CORE_OK)
		return rc;
	if ((rc = net_url_origin(url, &o, err)) != CORE_OK)
		return rc;
	loopback_http = strcmp(o.scheme, "http") == 0;
	snprintf(x->res.url, sizeof x->res.url, "%s", url);
	if (net_curl()->easy_setopt(x->easy, CURLOPT_URL, url) != CURLE_OK)
		return core_err_set(err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    "the URL is refused");
#if LIBCURL_VERSION_NUM >= 0x075500
	net_curl()->easy_setopt(x->easy, CURLOPT_PROTOCOLS_STR, loopback_http ? "http" : "https");
	net_curl()->easy_setopt(x->easy, CURLOPT_REDIR_PROTOCOLS_STR, "https");
#else
	net_curl()->easy_setopt(x->easy, CURLOPT_PROTOCOLS,
	    loopback_http ? CURLPROTO_HTTP : CURLPROTO_HTTPS);
	net_curl()->easy_setopt(x->easy, CURLOPT_REDIR_PROTOCOLS, CURLPROTO_HTTPS);
#endif
	/* Loopback traffic never goes through a proxy: "" disables the
	 * environment's proxy for this transfer.  Otherwise NULL leaves
	 * libcurl to honour https_proxy and no_proxy. */
	net_curl()->easy_setopt(x->easy, CURLOPT_PROXY,
	    net_host_is_loopback(o.host) ? "" : NULL);
	return CORE_OK;
}

/* Every option of the transport policy. */
static enum core_code
xfer_setup(struct net_xfer *x, const struct net_request *req, struct core_err *err)
{
	struct net_client	*c = x->client;
	const struct net_policy	*p = &c->policy;
	const struct net_curl	*cu = net_curl();
	CURL			*e = x->easy;
	struct core_buf		 acc;
	enum core_code		 rc;

	cu->easy_setopt(e, CURLOPT_PRIVATE, x);
	cu->easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	cu->easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	cu->easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	cu->easy_setopt(e, CURLOPT_MAXREDIRS, 0L);
	cu->easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	cu->easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	cu->easy_setopt(e, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	if (p->ca_bundle != NULL &&
	    cu->easy_setopt(e, CURLOPT_CAINFO, p->ca_bundle) != CURLE_OK)
		return core_err_set(err, CORE_E_NET_TLS, CORE_NO_OFFSET,
		    "the CA bundle cannot be used");
	if (p->pinned_pubkey != NULL &&
	    cu->easy_setopt(e, CURLOPT_PINNEDPUBLICKEY, p->pinned_pubkey) != CURLE_OK)
		return core_err_set(err, CORE_E_NET_TLS, CORE_NO_OFFSET,
		    "public-key pinning is not available in this libcurl");
	cu->easy_setopt(e, CURLOPT_CONNECTTIMEOUT, p->connect_timeout);
	cu->easy_setopt(e, CURLOPT_TIMEOUT, p->timeout);
	cu->easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, p->low_speed_limit);
	cu->easy_setopt(e, CURLOPT_LOW_SPEED_TIME, p->low_speed_time);
	cu->easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)p->max_response);
	cu->easy_setopt(e, CURLOPT_WRITEFUNCTION, xfer_write_cb);
	cu->easy_setopt(e, CURLOPT_WRITEDATA, x);
	cu->easy_setopt(e, CURLOPT_USERAGENT, PACKAGE "/" VERSION);
	cu->easy_setopt(e, CURLOPT_NETRC, (long)CURL_NETRC_IGNORED);
	if ((rc = xfer_set_url(x, req->url, err)) != CORE_OK)
		return rc;

	core_buf_init(&acc, 256);
	rc = core_buf_printf(&acc, "%s, %s;q=0.5", x->accept, NET_MEDIA_PROBLEM);
	if (rc == CORE_OK)
		rc = xfer_header(x, "Accept", "", core_buf_str(&acc));
	core_buf_free(&acc);
	if (rc == CORE_OK && p->accept_language != NULL)
		rc = xfer_header(x, "Accept-Language", "", p->accept_language);
	if (rc == CORE_OK && req->bearer != NULL) {
		if (!xfer_header_value_ok(req->bearer))
			return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
			    "the access code holds characters that cannot be sent");
		rc = xfer_header(x, "Authorization", "Bearer ", req->bearer);
	}
	if (rc == CORE_OK && req->idempotency_key != NULL) {
		if (!xfer_header_value_ok(req->idempotency_key))
			return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
			    "unusable idempotency key");
		rc = xfer_header(x, "Idempotency-Key", "", req->idempotency_key);
	}
	if (rc == CORE_OK && req->body != NULL) {
		if ((x->body = core_malloc(req->body_len)) == NULL)
			rc = CORE_E_NOMEM;
		else {
			memcpy(x->body, req->body, req->body_len);
			x->body_len = req->body_len;
			rc = xfer_header(x, "Content-Type", "",
			    req->body_type != NULL ? req->body_type : NET_MEDIA_JSON);
		}
	}
	/* No "Expect: 100-continue" round trip. */
	if (rc == CORE_OK && req->body != NULL) {
		struct curl_slist *l = cu->slist_append(x->headers, "Expect:");
		if (l == NULL)
			rc = CORE_E_NOMEM;
		else
			x->headers = l;
	}
	if (rc != CORE_OK)
		return core_err_set(err, rc, CORE_NO_OFFSET, NULL);
	cu->easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
	if (req->body != NULL) {
		cu->easy_setopt(e, CURLOPT_POST, 1L);
		cu->easy_setopt(e, CURLOPT_POSTFIELDS, (const char *)x->body);
		cu->easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)x->body_len);
	}
	return CORE_OK;
}

enum core_code
net_request_start(struct net_client *c, const struct net_request *req,
    net_done_fn done, void *arg, struct net_xfer **out, struct core_err *err)
{
	struct net_xfer	*x;
	enum core_code	 rc;

	if (out != NULL)
		*out = NULL;
	if (req->url == NULL || req->accept == NULL || req->method == NULL ||
	    (strcmp(req->method, "GET") != 0 && strcmp(req->method, "POST") != 0) ||
	    (strcmp(req->method, "POST") == 0) != (req->body != NULL))
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET, "bad request");
	if ((x = core_calloc(1, sizeof *x)) == NULL)
		return core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
	x->client = c;
	x->done = done;
	x->arg = arg;
	x->is_get = strcmp(req->method, "GET") == 0;
	x->res.retry_after = -1;
	snprintf(x->accept, sizeof x->accept, "%s", req->accept);
	core_buf_init(&x->res.body, c->policy.max_response);
	x->next = c->xfers;
	c->xfers = x;
	if ((x->easy = net_curl()->easy_init()) == NULL) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
		goto out;
	}
	if ((rc = xfer_setup(x, req, err)) != CORE_OK)
		goto out;
	if (net_curl()->multi_add_handle(c->multi, x->easy) != CURLM_OK) {
		rc = core_err_set(err, CORE_E_INTERNAL, CORE_NO_OFFSET,
		    "libcurl refused the transfer");
		goto out;
	}
	if (out != NULL)
		*out = x;
	x = NULL;
out:
	if (x != NULL)
		xfer_free(x);
	return rc;
}

void
net_xfer_cancel(struct net_xfer **xp)
{
	struct net_xfer	*x = *xp;

	*xp = NULL;
	if (x == NULL || x->in_callback)
		return;		/* freed when its callback returns */
	xfer_free(x);
}

/* The error a failed transfer maps to. */
static enum core_code
xfer_curl_code(CURLcode cc, int too_large)
{
	if (too_large)
		return CORE_E_TOO_LARGE;
	switch (cc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return CORE_E_NET_DNS;
	case CURLE_COULDNT_CONNECT:
		return CORE_E_NET_CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return CORE_E_NET_TIMEOUT;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_USE_SSL_FAILED:
	case CURLE_SSL_SHUTDOWN_FAILED:
		return CORE_E_NET_TLS;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_TOO_MANY_REDIRECTS:
		return CORE_E_NET_POLICY;
	case CURLE_FILESIZE_EXCEEDED:
		return CORE_E_TOO_LARGE;
	case CURLE_OUT_OF_MEMORY:
		return CORE_E_NOMEM;
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_BAD_CONTENT_ENCODING:
		return CORE_E_NET_BROKEN;
	default:
		return CORE_E_NET_CONNECT;
	}
}

/* Read title and detail from an RFC 9457 problem document, if it is one. */
static void
xfer_problem(struct net_response *res)
{
	json_t		*doc = NULL, *v;
	struct core_err	 err;

	if (strcmp(res->media_type, NET_MEDIA_PROBLEM) != 0 || res->body.len == 0)
		return;
	if (core_json_parse(res->body.data, res->body.len, NULL, &doc, &err) != CORE_OK)
		return;
	if (json_is_object(doc)) {
		if (json_is_string(v = json_object_get(doc, "title")))
			snprintf(res->problem_title, sizeof res->problem_title,
			    "%s", json_string_value(v));
		if (json_is_string(v = json_object_get(doc, "detail")))
			snprintf(res->problem_detail, sizeof res->problem_detail,
			    "%s", json_string_value(v));
		if (json_is_string(v = json_object_get(doc, "type")))
			snprintf(res->problem_type, sizeof res->problem_type,
			    "%s", json_string_value(v));
	}
	json_decref(doc);
}

/* A short line for err->detail from an HTTP error. */
static void
xfer_http_detail(const struct net_response *res, struct core_err *err)
{
	if (res->problem_title[0] != '\0' || res->problem_detail[0] != '\0')
		snprintf(err->detail, sizeof err->detail, "HTTP %ld: %.80s%s%.120s",
		    res->status, res->problem_title,
		    res->problem_title[0] != '\0' && res->problem_detail[0] != '\0' ?
		    ": " : "", res->problem_detail);
	else
		snprintf(err->detail, sizeof err->detail, "HTTP %ld", res->status);
}

/* Try to follow a redirect within the origin; 1 when the transfer restarted. */
static int
xfer_redirect(struct net_xfer *x, struct core_err *err)
{
	struct net_origin	 from, to;
	struct core_err		 e2;
	char			*loc = NULL;
	char			 target[2048];

	if (net_curl()->easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc) != CURLE_OK ||
	    loc == NULL) {
		core_err_set(err, CORE_E_NET_HTTP, CORE_NO_OFFSET,
		    "HTTP %ld without a usable Location", x->res.status);
		return 0;
	}
	snprintf(target, sizeof target, "%s", loc);
	if (net_url_origin(x->res.url, &from, &e2) != CORE_OK ||
	    net_url_origin(target, &to, &e2) != CORE_OK ||
	    !net_origin_eq(&from, &to)) {
		core_err_set(err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    "redirect to another origin refused: %.160s", target);
		return 0;
	}
	if (!x->is_get || x->redirects >= NET_MAX_REDIRECTS) {
		core_err_set(err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    x->is_get ? "too many redirects" : "a submission is never redirected");
		return 0;
	}
	net_curl()->multi_remove_handle(x->client->multi, x->easy);
	if (xfer_set_url(x, target, err) != CORE_OK)
		return 0;
	x->redirects++;
	core_buf_reset(&x->res.body);
	x->res.status = 0;
	x->res.media_type[0] = '\0';
	x->res.retry_after = -1;
	x->errbuf[0] = '\0';
	if (net_curl()->multi_add_handle(x->client->multi, x->easy) != CURLM_OK) {
		core_err_set(err, CORE_E_INTERNAL, CORE_NO_OFFSET,
		    "libcurl refused the transfer");
		return 0;
	}
	x->state = XFER_RUNNING;
	return 1;
}

/* A transfer ended: classify it, follow a redirect or call back. */
static void
xfer_finish(struct net_xfer *x)
{
	struct net_response	*res = &x->res;
	struct core_err		 err;
	char			*ct = NULL;
	curl_off_t		 ra = -1;
	enum core_code		 rc;

	core_err_clear(&err);
	net_curl()->easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &res->status);
	if (net_curl()->easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK)
		net_media_type(ct, res->media_type, sizeof res->media_type);
	if (net_curl()->easy_getinfo(x->easy, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK && ra > 0)
		res->retry_after = ra > 86400 * 7 ? 86400 * 7 : (long)ra;
	if (x->result != CURLE_OK) {
		rc = xfer_curl_code(x->result, x->too_large);
		if (rc == CORE_E_TOO_LARGE)
			core_err_set(&err, rc, CORE_NO_OFFSET,
			    "the answer is larger than %zu bytes",
			    x->client->policy.max_response);
		else
			core_err_set(&err, rc, CORE_NO_OFFSET, "%s",
			    x->errbuf[0] != '\0' ? x->errbuf :
			    net_curl()->easy_strerror(x->result));
	} else if (res->status >= 300 && res->status < 400) {
		if (xfer_redirect(x, &err))
			return;
	} else if (res->status >= 200 && res->status < 300) {
		if (strcmp(res->media_type, x->accept) != 0)
			core_err_set(&err, CORE_E_NET_CONTENT_TYPE, CORE_NO_OFFSET,
			    "expected %s, got %.60s", x->accept,
			    res->media_type[0] != '\0' ? res->media_type : "none");
	} else {
		xfer_problem(res);
		if (res->status == 409 && (res->problem_type[0] == '\0' ||
		    strcmp(res->problem_type, "about:blank") == 0 ||
		    strstr(res->problem_type, "idempotency") != NULL))
			core_err_set(&err, CORE_E_NET_CONFLICT, CORE_NO_OFFSET, NULL);
		else if ((res->status == 429 || res->status == 503) &&
		    res->retry_after >= 0)
			core_err_set(&err, CORE_E_NET_RETRY, CORE_NO_OFFSET, NULL);
		else
			core_err_set(&err, CORE_E_NET_HTTP, CORE_NO_OFFSET, NULL);
		xfer_http_detail(res, &err);
		if (err.code == CORE_E_NET_RETRY)
			snprintf(err.detail + strlen(err.detail),
			    sizeof err.detail - strlen(err.detail),
			    " (retry after %ld s)", res->retry_after);
	}
	x->in_callback = 1;
	if (x->done != NULL)
		x->done(x, res, &err, x->arg);
	x->in_callback = 0;
	xfer_free(x);
}

/* Collect ended transfers, then finish them one by one. */
static void
client_check_done(struct net_client *c)
{
	struct net_xfer	*x;
	CURLMsg		*m;
	int		 left;

	while ((m = net_curl()->multi_info_read(c->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		x = NULL;
		net_curl()->easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		if (x == NULL)
			continue;
		x->state = XFER_DONE;
		x->result = m->data.result;
	}
	/* A callback may start or cancel transfers: look again each time. */
	for (;;) {
		for (x = c->xfers; x != NULL; x = x->next)
			if (x->state == XFER_DONE && !x->in_callback)
				break;
		if (x == NULL)
			break;
		x->state = XFER_RUNNING;
		xfer_finish(x);
	}
}

enum core_code
net_timer_add(struct net_client *c, long ms, net_timer_fn fn, void *arg,
    struct net_timer **out)
{
	struct net_timer	*t, **pp;

	if (out != NULL)
		*out = NULL;
	if ((t = core_calloc(1, sizeof *t)) == NULL)
		return CORE_E_NOMEM;
	t->client = c;
	t->due = client_now() + (ms < 0 ? 0 : ms);
	t->fn = fn;
	t->arg = arg;
	/* Keep the list ordered by due time. */
	for (pp = &c->timers; *pp != NULL && (*pp)->due <= t->due; pp = &(*pp)->next)
		;
	t->next = *pp;
	*pp = t;
	if (out != NULL)
		*out = t;
	return CORE_OK;
}

void
net_timer_cancel(struct net_timer **tp)
{
	struct net_timer	*t = *tp, **pp;

	*tp = NULL;
	if (t == NULL || t->firing)
		return;
	for (pp = &t->client->timers; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	core_free(t);
}

size_t
net_client_fds(const struct net_client *c, struct pollfd *fds, size_t max)
{
	size_t	i;

	for (i = 0; i < c->nsocks && i < max; i++) {
		fds[i].fd = c->socks[i].fd;
		fds[i].events = c->socks[i].events;
		fds[i].revents = 0;
	}
	return c->nsocks;
}

int
net_client_timeout(const struct net_client *c)
{
	long long	due = c->curl_due, now;

	if (c->timers != NULL && (due < 0 || c->timers->due < due))
		due = c->timers->due;
	if (due < 0)
		return -1;
	now = client_now();
	if (due <= now)
		return 0;
	return due - now > 3600000 ? 3600000 : (int)(due - now);
}

/* Fire every timer that is due. */
static void
client_fire_timers(struct net_client *c)
{
	struct net_timer	*t;
	long long		 now = client_now();

	while ((t = c->timers) != NULL && t->due <= now) {
		c->timers = t->next;
		t->firing = 1;
		t->fn(t, t->arg);
		core_free(t);
	}
}

/* Is fd one of libcurl's sockets? */
static int
client_owns(const struct net_client *c, int fd)
{
	size_t	i;

	for (i = 0; i < c->nsocks; i++)
		if (c->socks[i].fd == fd)
			return 1;
	return 0;
}

void
net_client_perform(struct net_client *c, const struct pollfd *fds, size_t n)
{
	size_t	i;
	int	running, flags;

	for (i = 0; i < n; i++) {
		if (fds[i].revents == 0 || !client_owns(c, fds[i].fd))
			continue;
		flags = 0;
		if (fds[i].revents & (POLLIN | POLLHUP))
			flags |= CURL_CSELECT_IN;
		if (fds[i].revents & POLLOUT)
			flags |= CURL_CSELECT_OUT;
		if (fds[i].revents & (POLLERR | POLLNVAL))
			flags |= CURL_CSELECT_ERR;
		net_curl()->multi_socket_action(c->multi, fds[i].fd, flags, &running);
	}
	if (c->curl_due >= 0 && c->curl_due <= client_now()) {
		c->curl_due = -1;
		net_curl()->multi_socket_action(c->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	}
	client_check_done(c);
	client_fire_timers(c);
}

void
net_client_progress(const struct net_client *c, struct net_progress *p)
{
	const struct net_xfer	*x;
	curl_off_t		 len, up;

	memset(p, 0, sizeof *p);
	for (x = c->xfers; x != NULL; x = x->next) {
		if (x->state != XFER_RUNNING)
			continue;
		p->active++;
		p->received += x->res.body.len;
		if (net_curl()->easy_getinfo(x->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T,
		    &len) != CURLE_OK || len < 0)
			p->expected = -1;
		else if (p->expected >= 0)
			p->expected += (long long)len;
		if (x->body_len > 0) {
			p->to_send += x->body_len;
			if (net_curl()->easy_getinfo(x->easy, CURLINFO_SIZE_UPLOAD_T,
			    &up) == CURLE_OK && up > 0)
				p->sent += (unsigned long long)up;
		}
	}
}

int
net_client_busy(const struct net_client *c)
{
	return c->xfers != NULL || c->timers != NULL;
}

enum core_code
net_client_run(struct net_client *c, volatile sig_atomic_t *stop)
{
	struct pollfd	 fds[64];
	size_t		 n;
	int		 t;

	while (net_client_busy(c) && (stop == NULL || !*stop)) {
		n = net_client_fds(c, fds, 64);
		if (n > 64)
			n = 64;	/* libcurl keeps few sockets per transfer */
		t = net_client_timeout(c);
		if (poll(fds, n, t) < 0 && errno != EINTR)
			break;
		net_client_perform(c, fds, n);
	}
	if (stop != NULL && *stop) {
		while (c->xfers != NULL)
			xfer_free(c->xfers);
		while (c->timers != NULL) {
			struct net_timer *tm = c->timers;
			c->timers = tm->next;
			core_free(tm);
		}
		return CORE_E_NET_CANCELLED;
	}
	return CORE_OK;
}

void
net_response_clear(struct net_response *res)
{
	core_buf_free(&res->body);
}
