/* http.c: requests in, answers out, through libmicrohttpd. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/intl.h"
#include "service/http.h"
#include "service/proto.h"
#include "service/ratelimit.h"
#include "service/reflimit.h"
#include "service/service.h"
#include "service/site.h"
#include "service/store.h"

#if MHD_VERSION < 0x00097002
typedef int MHD_Result_t;
#else
typedef enum MHD_Result MHD_Result_t;
#endif

struct svc_http {
	struct MHD_Daemon	 *daemon;
	int			  listen_fd;
	struct svc_proto	  proto;
	const struct svc_site	 *site;
	size_t			  max_body;
	struct svc_ratelimit	 *rl;
	struct svc_reflimit	 *refl;	/* refused codes per reference */
	FILE			 *log;
	pthread_mutex_t		  log_lock;
	struct MHD_Response	 *discovery;
	struct MHD_Response	 *registry;
	struct MHD_Response	**cases;	/* parallel to site->cases */
	struct MHD_Response	**docs;		/* parallel to site->docs */
	atomic_uint		  inflight;	/* requests begun, not ended */
};

/* What one request carries between the calls of the access handler. */
struct http_req {
	struct timespec	 start;
	int		 seen;		/* the handler ran once already */
	int		 answered;	/* an answer is queued */
	int		 too_large;
	unsigned	 status;
	size_t		 bytes;
	char		 method[12];
	char		 path[160];
	struct core_buf	 body;
};

#define HTTP_PATH_DECISIONS	"/decisions/"
#define HTTP_PATH_STATUS	"/status/"
#define HTTP_PATH_DOCUMENTS	"/documents/"

/* Headers every answer carries. */
static void
http_common_headers(struct MHD_Response *resp, const char *type, int no_store)
{
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
	    no_store ? "no-store" : "no-cache");
}

/* A shared answer over bytes that live as long as the server. */
static struct MHD_Response *
http_static(const void *data, size_t len, const char *type, int no_store)
{
	struct MHD_Response	*resp;

	resp = MHD_create_response_from_buffer(len, (void *)data,
	    MHD_RESPMEM_PERSISTENT);
	if (resp != NULL)
		http_common_headers(resp, type, no_store);
	return resp;
}

/* Queue a shared answer. */
static MHD_Result_t
http_queue(struct MHD_Connection *conn, struct http_req *rq, unsigned status,
    struct MHD_Response *resp, size_t len)
{
	rq->answered = 1;
	rq->status = status;
	rq->bytes = len;
	return MHD_queue_response(conn, status, resp);
}

/* Queue a computed answer. */
static MHD_Result_t
http_reply(struct MHD_Connection *conn, struct http_req *rq,
    const struct svc_reply *r)
{
	struct MHD_Response	*resp;
	MHD_Result_t		 ret;
	char			 num[24];

	resp = MHD_create_response_from_buffer(r->body.len,
	    r->body.data != NULL ? r->body.data : (void *)"", MHD_RESPMEM_MUST_COPY);
	if (resp == NULL)
		return MHD_NO;
	http_common_headers(resp, r->type != NULL ? r->type : SVC_TYPE_PROBLEM, 1);
	if (r->allow != NULL)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
	if (r->retry_after > 0) {
		snprintf(num, sizeof num, "%u", r->retry_after);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, num);
	}
	if (r->challenge)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
		    "Bearer realm=\"recourse\"");
	rq->answered = 1;
	rq->status = r->status;
	rq->bytes = r->body.len;
	ret = MHD_queue_response(conn, r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Queue a problem answer. */
static MHD_Result_t
http_problem(struct MHD_Connection *conn, struct http_req *rq, unsigned status,
    const char *slug, const char *title, const char *detail)
{
	struct svc_reply	r;
	MHD_Result_t		ret;

	svc_reply_init(&r);
	svc_reply_problem(&r, status, slug, title, detail);
	if (status == 401)
		r.challenge = 1;
	ret = http_reply(conn, rq, &r);
	svc_reply_free(&r);
	return ret;
}

/* 405 with the methods the path allows. */
static MHD_Result_t
http_not_allowed(struct MHD_Connection *conn, struct http_req *rq,
    const char *allow)
{
	struct svc_reply	r;
	MHD_Result_t		ret;

	svc_reply_init(&r);
	svc_reply_problem(&r, 405, NULL, N_("Method not allowed"),
	    "This path does not answer that method.");
	r.allow = allow;
	ret = http_reply(conn, rq, &r);
	svc_reply_free(&r);
	return ret;
}

/* GET /decisions/<reference>[?record=<id>].  An unknown reference and a
 * wrong code get the same answer, byte for byte, and count alike towards the
 * reference's limit of refused codes. */
static MHD_Result_t
http_decision(struct svc_http *h, struct MHD_Connection *conn,
    struct http_req *rq, const char *ref)
{
	const struct svc_case	*c;
	const struct core_buf	*v;
	struct MHD_Response	*resp;
	struct svc_reply	 r;
	const char		*code, *record;
	size_t			 len = 0;
	unsigned		 wait;
	MHD_Result_t		 ret;
	int			 ok;

	code = svc_bearer(MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION), &len);
	if (code == NULL)
		return http_problem(conn, rq, 401, "unauthorized",
		    N_("Access code needed"),
		    "Send the access code from the letter as Authorization: Bearer.");
	if ((wait = svc_reflimit_check(h->refl, ref)) > 0) {
		svc_reply_init(&r);
		svc_reply_locked(&r, wait);
		ret = http_reply(conn, rq, &r);
		svc_reply_free(&r);
		return ret;
	}
	/* The same work whether the reference is known or not, so that
	 * timing tells nothing either. */
	c = svc_site_case(h->site, ref);
	ok = svc_case_code_ok(c, code, len);
	if (!ok) {
		svc_reflimit_fail(h->refl, ref);
		return http_problem(conn, rq, 401, "unauthorized",
		    N_("Access code refused"),
		    "The reference and access code do not open a decision.");
	}
	record = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "record");
	if (record == NULL || strcmp(record, c->decision_id) == 0)
		return http_queue(conn, rq, 200, h->cases[c - h->site->cases],
		    c->jws.len);
	if ((v = svc_case_version(c, record)) == NULL)
		return http_problem(conn, rq, 404, "not-found",
		    N_("No such decision"),
		    "This reference has no record with that id.");
	if ((resp = http_static(v->data, v->len, SVC_TYPE_JOSE, 1)) == NULL)
		return MHD_NO;
	ret = http_queue(conn, rq, 200, resp, v->len);
	MHD_destroy_response(resp);
	return ret;
}

/* GET /documents/<sha256> */
static MHD_Result_t
http_document(struct svc_http *h, struct MHD_Connection *conn,
    struct http_req *rq, const char *sha)
{
	const struct svc_document	*d;

	if ((d = svc_site_document(h->site, sha)) == NULL)
		return http_problem(conn, rq, 404, "not-found", N_("No such document"),
		    "No document has this name or SHA-256.");
	return http_queue(conn, rq, 200, h->docs[d - h->site->docs], d->data.len);
}

/* Route a request that needs no body. */
static MHD_Result_t
http_route_get(struct svc_http *h, struct MHD_Connection *conn,
    struct http_req *rq, const char *url, int get)
{
	struct svc_request	 req;
	struct svc_reply	 r;
	MHD_Result_t		 ret;

	if (strcmp(url, "/.well-known/recourse") == 0) {
		if (!get)
			return http_not_allowed(conn, rq, "GET, HEAD");
		return http_queue(conn, rq, 200, h->discovery, h->site->discovery.len);
	}
	if (strcmp(url, "/registry") == 0) {
		if (!get)
			return http_not_allowed(conn, rq, "GET, HEAD");
		if (h->registry == NULL)
			return http_problem(conn, rq, 404, "not-found",
			    N_("No registry"), "This service publishes no registry.");
		return http_queue(conn, rq, 200, h->registry, h->site->registry.len);
	}
	if (svc_site_contest_path(h->site, url))
		return http_not_allowed(conn, rq, "POST");
	if (strncmp(url, HTTP_PATH_DECISIONS, strlen(HTTP_PATH_DECISIONS)) == 0 &&
	    url[strlen(HTTP_PATH_DECISIONS)] != '\0') {
		if (!get)
			return http_not_allowed(conn, rq, "GET, HEAD");
		return http_decision(h, conn, rq, url + strlen(HTTP_PATH_DECISIONS));
	}
	if (strncmp(url, HTTP_PATH_DOCUMENTS, strlen(HTTP_PATH_DOCUMENTS)) == 0 &&
	    url[strlen(HTTP_PATH_DOCUMENTS)] != '\0') {
		if (!get)
			return http_not_allowed(conn, rq, "GET, HEAD");
		return http_document(h, conn, rq, url + strlen(HTTP_PATH_DOCUMENTS));
	}
	if (strncmp(url, HTTP_PATH_STATUS, strlen(HTTP_PATH_STATUS)) == 0 &&
	    url[strlen(HTTP_PATH_STATUS)] != '\0') {
		if (!get)
			return http_not_allowed(conn, rq, "GET, HEAD");
		memset(&req, 0, sizeof req);
		req.authorization = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_AUTHORIZATION);
		svc_reply_init(&r);
		svc_status_get(&h->proto, &req, url + strlen(HTTP_PATH_STATUS), &r);
		ret = http_reply(conn, rq, &r);
		svc_reply_free(&r);
		return ret;
	}
	return http_problem(conn, rq, 404, "not-found", N_("Not found"),
	    "Nothing is served at this path.");
}

/* POST /contests, once the whole body is in. */
static MHD_Result_t
http_contest(struct svc_http *h, struct MHD_Connection *conn,
    struct http_req *rq)
{
	struct svc_request	req;
	struct svc_reply	r;
	MHD_Result_t		ret;

	memset(&req, 0, sizeof req);
	req.authorization = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION);
	req.idempotency_key = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    "Idempotency-Key");
	req.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_TYPE);
	req.body = rq->body.data != NULL ? rq->body.data : (const unsigned char *)"";
	req.body_len = rq->body.len;
	svc_reply_init(&r);
	svc_contest_post(&h->proto, &req, &r);
	ret = http_reply(conn, rq, &r);
	svc_reply_free(&r);
	return ret;
}

/* Is this method one that carries no body? */
static int
http_is_get(const char *method)
{
	return strcmp(method, MHD_HTTP_METHOD_GET) == 0 ||
	    strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
}

/* The access handler: called once with the headers, then for each piece of
 * the body, then once more with none. */
static MHD_Result_t
http_handler(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **req_cls)
{
	struct svc_http			*h = cls;
	struct http_req			*rq = *req_cls;
	const union MHD_ConnectionInfo	*ci;
	const char			*clen;
	unsigned			 wait;
	unsigned long			 n;
	struct svc_reply		 r;
	MHD_Result_t			 ret;

	if (rq == NULL)
		return MHD_NO;
	if (rq->answered) {
		/* An early answer (413, 429) is queued: drop the rest of the body. */
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (!rq->seen) {
		rq->seen = 1;
		snprintf(rq->method, sizeof rq->method, "%s", method);
		ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		wait = svc_ratelimit_take(h->rl, ci != NULL ? ci->client_addr : NULL);
		if (wait > 0) {
			svc_reply_init(&r);
			svc_reply_problem(&r, 429, "rate-limited", N_("Too many requests"),
			    "This address sent too many requests; wait and try again.");
			r.retry_after = wait;
			ret = http_reply(conn, rq, &r);
			svc_reply_free(&r);
			return ret;
		}
		if (!svc_site_contest_path(h->site, url) ||
		    strcmp(method, MHD_HTTP_METHOD_POST) != 0)
			return MHD_YES;
		clen = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (clen != NULL && (svc_parse_ulong(clen, (unsigned long)-1, &n) == -1 ||
		    n > h->max_body))
			return http_problem(conn, rq, 413, "too-large",
			    N_("Contest too large"), "The body is over the size limit.");
		core_buf_init(&rq->body, h->max_body);
		return MHD_YES;
	}
	/* Answers are queued once the whole request is in, so that the
	 * connection can be kept open for the next one. */
	if (!svc_site_contest_path(h->site, url) ||
	    strcmp(method, MHD_HTTP_METHOD_POST) != 0) {
		/* A body where none belongs is read and dropped. */
		if (*upload_data_size > 0) {
			*upload_data_size = 0;
			return MHD_YES;
		}
		return http_route_get(h, conn, rq, url, http_is_get(method));
	}
	if (*upload_data_size > 0) {
		if (!rq->too_large && core_buf_add(&rq->body, upload_data,
		    *upload_data_size) != CORE_OK)
			rq->too_large = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	(void)version;
	if (rq->too_large)
		return http_problem(conn, rq, 413, "too-large", N_("Contest too large"),
		    "The body is over the size limit.");
	return http_contest(h, conn, rq);
}

/* A new request: its context, made before anything else (MHD's URI log
 * callback), so that even a refused request is logged. */
static void *
http_begin(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct svc_http	*h = cls;
	struct http_req	*rq;
	size_t		 i;

	(void)conn;
	if ((rq = core_calloc(1, sizeof *rq)) == NULL)
		return NULL;
	atomic_fetch_add(&h->inflight, 1);
	clock_gettime(CLOCK_MONOTONIC, &rq->start);
	core_buf_init(&rq->body, 0);
	/* The path as sent, cut at the query and at a safe length, with every
	 * byte that is not visible ASCII shown as '?'. */
	for (i = 0; uri != NULL && uri[i] != '\0' && uri[i] != '?' &&
	    i < sizeof rq->path - 1; i++)
		rq->path[i] = (uri[i] > 0x20 && uri[i] < 0x7f) ? uri[i] : '?';
	rq->path[i] = '\0';
	return rq;
}

/* The request is over: log it and free its context. */
static void
http_end(void *cls, struct MHD_Connection *conn, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct svc_http			*h = cls;
	struct http_req			*rq = *req_cls;
	const union MHD_ConnectionInfo	*ci;
	const struct sockaddr		*sa;
	struct timespec			 now;
	char				 addr[INET6_ADDRSTRLEN], when[21];
	double				 ms;

	if (rq == NULL)
		return;
	if (h->log != NULL) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (double)(now.tv_sec - rq->start.tv_sec) * 1e3 +
		    (double)(now.tv_nsec - rq->start.tv_nsec) / 1e6;
		snprintf(addr, sizeof addr, "-");
		ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		sa = ci != NULL ? ci->client_addr : NULL;
		if (sa != NULL && sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)
			    sa)->sin_addr, addr, sizeof addr);
		else if (sa != NULL && sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)
			    sa)->sin6_addr, addr, sizeof addr);
		svc_time_rfc3339(time(NULL), when);
		pthread_mutex_lock(&h->log_lock);
		fprintf(h->log, "%s %s %s %s %u %zu %.3fms%s\n", when, addr,
		    rq->method[0] != '\0' ? rq->method : "-",
		    rq->path[0] != '\0' ? rq->path : "-",
		    rq->status, rq->bytes, ms,
		    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
		fflush(h->log);
		pthread_mutex_unlock(&h->log_lock);
	}
	core_buf_free(&rq->body);
	core_free(rq);
	*req_cls = NULL;
	atomic_fetch_sub(&h->inflight, 1);
}

/* libmicrohttpd's own errors go to stderr through the usual prefix. */
static void
http_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char	msg[512];

	(void)cls;
	vsnprintf(msg, sizeof msg, fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	svc_warnx("%s", msg);
}

/* Build the answers that never change. */
static enum core_code
http_build_static(struct svc_http *h)
{
	const struct svc_site	*s = h->site;
	size_t			 i;

	h->discovery = http_static(s->discovery.data, s->discovery.len,
	    SVC_TYPE_JSON, 0);
	if (h->discovery == NULL)
		return CORE_E_NOMEM;
	if (s->registry.len > 0 && (h->registry = http_static(s->registry.data,
	    s->registry.len, SVC_TYPE_JOSE, 0)) == NULL)
		return CORE_E_NOMEM;
	h->cases = core_calloc(s->ncases + 1, sizeof *h->cases);
	h->docs = core_calloc(s->ndocs + 1, sizeof *h->docs);
	if (h->cases == NULL || h->docs == NULL)
		return CORE_E_NOMEM;
	for (i = 0; i < s->ncases; i++)
		if ((h->cases[i] = http_static(s->cases[i].jws.data,
		    s->cases[i].jws.len, SVC_TYPE_JOSE, 1)) == NULL)
			return CORE_E_NOMEM;
	for (i = 0; i < s->ndocs; i++)
		if ((h->docs[i] = http_static(s->docs[i].data.data,
		    s->docs[i].data.len, s->docs[i].type, 0)) == NULL)
			return CORE_E_NOMEM;
	return CORE_OK;
}

/* Free the server and its answers (the daemon is stopped already). */
static void
http_free(struct svc_http *h)
{
	size_t	i;

	if (h->discovery != NULL)
		MHD_destroy_response(h->discovery);
	if (h->registry != NULL)
		MHD_destroy_response(h->registry);
	for (i = 0; h->cases != NULL && i < h->site->ncases; i++)
		if (h->cases[i] != NULL)
			MHD_destroy_response(h->cases[i]);
	for (i = 0; h->docs != NULL && i < h->site->ndocs; i++)
		if (h->docs[i] != NULL)
			MHD_destroy_response(h->docs[i]);
	core_free(h->cases);
	core_free(h->docs);
	svc_ratelimit_free(&h->rl);
	svc_reflimit_free(&h->refl);
	pthread_mutex_destroy(&h->log_lock);
	core_free(h);
}

enum core_code
svc_http_start(const struct svc_http_config *cfg, const struct svc_site *site,
    struct svc_store *store, struct svc_http **out, struct core_err *err)
{
	enum core_code	 rc;
	struct svc_http	*h;
	unsigned int	 flags;

	*out = NULL;
	if ((h = core_calloc(1, sizeof *h)) == NULL)
		return CORE_E_NOMEM;
	pthread_mutex_init(&h->log_lock, NULL);
	atomic_init(&h->inflight, 0);
	h->site = site;
	h->proto.site = site;
	h->proto.store = store;
	h->max_body = cfg->max_body;
	h->log = cfg->access_log;
	h->listen_fd = cfg->listen_fd;
	if ((rc = svc_ratelimit_new(cfg->rate, cfg->rate * 2, &h->rl)) != CORE_OK ||
	    (rc = svc_reflimit_new(cfg->code_tries, cfg->code_window,
	    &h->refl)) != CORE_OK ||
	    (rc = http_build_static(h)) != CORE_OK)
		goto out;
	/* The contest and status answers count refused codes in the same
	 * table, so that no endpoint is a way round the limit. */
	h->proto.refl = h->refl;
	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO |
	    MHD_USE_ERROR_LOG | MHD_USE_ITC;
	if (cfg->cert_pem != NULL) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			rc = core_err_set(err, CORE_E_UNSUPPORTED, CORE_NO_OFFSET,
			    "this libmicrohttpd has no TLS");
			goto out;
		}
		flags |= MHD_USE_TLS;
		h->daemon = MHD_start_daemon(flags, 0, NULL, NULL, http_handler, h,
		    MHD_OPTION_EXTERNAL_LOGGER, http_mhd_log, h,
		    MHD_OPTION_LISTEN_SOCKET, cfg->listen_fd,
		    MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
		    MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
		    MHD_OPTION_CONNECTION_LIMIT, 1024u,
		    MHD_OPTION_URI_LOG_CALLBACK, http_begin, h,
		    MHD_OPTION_NOTIFY_COMPLETED, http_end, h,
		    MHD_OPTION_HTTPS_MEM_CERT, cfg->cert_pem,
		    MHD_OPTION_HTTPS_MEM_KEY, cfg->key_pem,
		    MHD_OPTION_END);
	} else {
		h->daemon = MHD_start_daemon(flags, 0, NULL, NULL, http_handler, h,
		    MHD_OPTION_EXTERNAL_LOGGER, http_mhd_log, h,
		    MHD_OPTION_LISTEN_SOCKET, cfg->listen_fd,
		    MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
		    MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
		    MHD_OPTION_CONNECTION_LIMIT, 1024u,
		    MHD_OPTION_URI_LOG_CALLBACK, http_begin, h,
		    MHD_OPTION_NOTIFY_COMPLETED, http_end, h,
		    MHD_OPTION_END);
	}
	if (h->daemon == NULL) {
		rc = core_err_set(err, CORE_E_INTERNAL, CORE_NO_OFFSET,
		    "libmicrohttpd did not start");
		goto out;
	}
	*out = h;
	h = NULL;
out:
	if (h != NULL)
		http_free(h);
	return rc;
}

void
svc_http_stop(struct svc_http **hp, unsigned grace)
{
	struct svc_http			*h = *hp;
	struct timespec			 ts = { 0, 20 * 1000 * 1000 };
	unsigned			 i;
	int				 fd;

	if (h == NULL)
		return;
	/* Stop accepting; the listening socket is ours to close. */
	fd = MHD_quiesce_daemon(h->daemon);
	if (fd != -1)
		close(fd);
	/* Requests under way finish; idle kept-alive connections are not
	 * waited for. */
	for (i = 0; i < grace * 50 && atomic_load(&h->inflight) > 0; i++)
		nanosleep(&ts, NULL);
	MHD_stop_daemon(h->daemon);
	http_free(h);
	*hp = NULL;
}
