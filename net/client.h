/*
 * client.h: the HTTP client of recourse: one libcurl multi handle driven by
 * the caller's poll() loop.
 *
 * The program has one loop.  Each turn it asks the client which descriptors
 * to watch (net_client_fds) and for how long it may sleep
 * (net_client_timeout), adds its own (the terminal), calls poll(), and hands
 * the results back (net_client_perform).  perform never blocks: it moves
 * every transfer as far as it can and calls the completion callbacks of the
 * transfers that ended.  The interface therefore never waits on the network.
 * The script commands use the same loop with no terminal (net_client_run).
 *
 * Transport policy, applied to every request and not negotiable per call:
 *   - https only, certificate and host name verified, TLS 1.2 or later;
 *     a CA bundle and pinned public keys (CURLOPT_PINNEDPUBLICKEY) may be set;
 *   - plain http only to loopback hosts (127.0.0.0/8, ::1, "localhost") and
 *     only when the policy allows it (--allow-http-loopback); those requests
 *     never go through a proxy;
 *   - libcurl follows no redirect; the client follows a redirect only to the
 *     same origin (scheme, host and port) and at most NET_MAX_REDIRECTS times;
 *     one to another origin or to plain http is refused;
 *   - bodies are capped (max_response, enforced while receiving), and there
 *     are connect, total and low-speed time limits;
 *   - the proxy environment (https_proxy, no_proxy, ...) is honoured, as
 *     libcurl does by default: TLS runs end to end through the proxy;
 *   - the media type of a successful answer must be the one the request
 *     expects; application/problem+json error bodies are parsed for their
 *     title and detail (untrusted text: the front end sanitises it).
 *
 * Completion callbacks run from net_client_perform (or net_client_run), never
 * from inside a call that starts or cancels a transfer.  Cancelling a
 * transfer never calls its callback.
 */
#ifndef RECOURSE_NET_CLIENT_H
#define RECOURSE_NET_CLIENT_H

#include <poll.h>
#include <signal.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

#define NET_MAX_RESPONSE_DEFAULT	(4u * 1024u * 1024u)
#define NET_MAX_REDIRECTS		3
#define NET_MEDIA_JSON			"application/json"
#define NET_MEDIA_JOSE			"application/jose+json"
#define NET_MEDIA_PROBLEM		"application/problem+json"

/* How the client may use the network; strings are copied by net_client_new. */
struct net_policy {
	int		 allow_http_loopback;
	const char	*ca_bundle;		/* NULL: the system's */
	const char	*pinned_pubkey;		/* "sha256//...;sha256//..." or a file */
	long		 connect_timeout;	/* seconds */
	long		 timeout;		/* seconds for a whole transfer */
	long		 low_speed_limit;	/* bytes per second ... */
	long		 low_speed_time;	/* ... below which for this long fails */
	size_t		 max_response;		/* bytes of one answer body */
	const char	*accept_language;	/* value of Accept-Language, or NULL */
};

/* Fill p with the defaults: 10 s connect, 60 s total, 30 s under 16 B/s,
 * 4 MiB, no loopback http, system CA bundle, no pins. */
void		net_policy_default(struct net_policy *p);

/* What to send.  Header values are copied when the transfer starts. */
struct net_request {
	const char	*method;	/* "GET" or "POST" */
	const char	*url;
	const char	*accept;	/* media type a 2xx answer must have */
	const char	*bearer;	/* access code for Authorization, or NULL */
	const char	*idempotency_key; /* or NULL */
	const void	*body;		/* POST body (copied), or NULL */
	size_t		 body_len;
	const char	*body_type;	/* Content-Type of the body */
};

/* What came back.  Everything in it is untrusted. */
struct net_response {
	long		 status;	/* HTTP status, 0 when none arrived */
	char		 media_type[96];/* lowercase, parameters removed */
	struct core_buf	 body;		/* the body, at most max_response */
	long		 retry_after;	/* seconds asked by Retry-After, or -1 */
	char		 url[2048];	/* the URL that answered */
	char		 problem_title[256];	/* from problem+json, or "" */
	char		 problem_detail[512];	/* from problem+json, or "" */
	char		 problem_type[256];	/* from problem+json, or "" */
};

struct net_client;
struct net_xfer;
struct net_timer;

/*
 * Called once when a transfer ends.  err->code is CORE_OK for a 2xx answer of
 * the expected media type; otherwise it says what went wrong:
 * NET_CONNECT, NET_DNS, NET_TIMEOUT, NET_TLS, NET_BROKEN (transport);
 * NET_POLICY (a refused redirect or URL); TOO_LARGE; NET_CONTENT_TYPE;
 * NET_CONFLICT (409 about the idempotency key: a problem type naming
 * "idempotency", or none); NET_RETRY (429 or 503 with Retry-After); NET_HTTP
 * (any other status of 300 or more).  res is always valid; the callee may
 * take res->body's data (core_buf_take).  The transfer is freed after the
 * callback returns.
 */
typedef void	(*net_done_fn)(struct net_xfer *x, struct net_response *res,
		    const struct core_err *err, void *arg);
typedef void	(*net_timer_fn)(struct net_timer *t, void *arg);

enum core_code	net_client_new(const struct net_policy *p, struct net_client **out,
		    struct core_err *err);
/* Cancels every transfer and timer (no callbacks), then frees. */
void		net_client_free(struct net_client **c);
const struct net_policy *net_client_policy(const struct net_client *c);
/* Accept-Language of every request started from now on: the languages,
 * most wanted first, then English as the fallback when it is not among
 * them ("cy, en;q=0.5"); tags that are not letters, digits and hyphens are
 * left out.  n 0: no Accept-Language. */
enum core_code	net_client_set_languages(struct net_client *c,
		    const char *const *langs, size_t n);

/* Check a URL against the policy before anything is sent. */
enum core_code	net_client_check_url(const struct net_client *c, const char *url,
		    struct core_err *err);

/* Start a request; *out (may be NULL) names it for net_xfer_cancel. */
enum core_code	net_request_start(struct net_client *c, const struct net_request *req,
		    net_done_fn done, void *arg, struct net_xfer **out,
		    struct core_err *err);
/* Stop a transfer; its callback is not called.  Clears *x. */
void		net_xfer_cancel(struct net_xfer **x);

/* Call fn once, ms milliseconds from now, from net_client_perform. */
enum core_code	net_timer_add(struct net_client *c, long ms, net_timer_fn fn,
		    void *arg, struct net_timer **out);
void		net_timer_cancel(struct net_timer **t);

/* The loop.  net_client_fds writes up to max descriptors to watch into fds
 * and returns how many the client has (call again with more room when that
 * is larger than max).  net_client_timeout: milliseconds until the client
 * needs perform to run even with no activity, or -1.  net_client_perform:
 * give back the fds (with revents) after poll(). */
size_t		net_client_fds(const struct net_client *c, struct pollfd *fds,
		    size_t max);
int		net_client_timeout(const struct net_client *c);
void		net_client_perform(struct net_client *c, const struct pollfd *fds,
		    size_t n);
/* How far the transfers under way have got, for a progress line.  The
 * front end polls it each turn of its loop (nothing here draws or calls
 * back).  received counts the answer bytes of the transfers under way,
 * expected their announced sizes (Content-Length) added up, or -1 when
 * one of them has not announced its size yet; sent and to_send the same
 * for request bodies.  All zero when nothing is under way (between the
 * attempts of a retry, too). */
struct net_progress {
	int			 active;	/* transfers under way */
	unsigned long long	 received;
	long long		 expected;
	unsigned long long	 sent;
	unsigned long long	 to_send;
};
void		net_client_progress(const struct net_client *c,
		    struct net_progress *p);
/* Transfers and timers still pending. */
int		net_client_busy(const struct net_client *c);
/* Run the loop with no other descriptors until nothing is pending or *stop
 * (may be NULL) becomes non-zero; then cancel what is left.
 * Returns CORE_E_NET_CANCELLED when stopped, else CORE_OK. */
enum core_code	net_client_run(struct net_client *c, volatile sig_atomic_t *stop);

/* Free the body of a response (the rest holds no memory). */
void		net_response_clear(struct net_response *res);

#endif
