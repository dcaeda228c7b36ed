/*
 * http.h: the HTTP side of recourse-service, over libmicrohttpd.
 *
 * Routes (anything else: 404, or 405 with Allow for a known path; both as
 * application/problem+json):
 *   GET  /.well-known/recourse      discovery (application/json)
 *   GET  /decisions/<reference>     the signed decision (Bearer access code);
 *                                   ?record=<id>: that version of it
 *   POST /contests                  a contest (proto.h)
 *   GET  /status/<contest_id>       the signed status (Bearer access code)
 *   GET  /registry                  the signed registry
 *   GET  /documents/<sha256>        a document a record refers to
 *
 * Answers that never change (discovery, decisions, registry, documents) are
 * built once at start and shared by every thread.  Each request makes one
 * line in the access log (time, client address, method, path, status, body
 * bytes, milliseconds); headers, and so the access code, are never logged.
 */
#ifndef RECOURSE_SERVICE_HTTP_H
#define RECOURSE_SERVICE_HTTP_H

#include <stddef.h>
#include <stdio.h>

#include "core/error.h"
#include "service/site.h"
#include "service/store.h"

struct svc_http_config {
	int		 listen_fd;	/* bound and listening */
	const char	*cert_pem;	/* TLS certificate chain (PEM text) or NULL */
	const char	*key_pem;	/* its private key (PEM text) */
	size_t		 max_body;	/* bytes */
	double		 rate;		/* requests a second per address, 0: none */
	unsigned	 code_tries;	/* refused codes per reference, 0: any */
	unsigned	 code_window;	/* ... within this many seconds */
	FILE		*access_log;	/* NULL: none */
	unsigned	 threads;
};

struct svc_http;

enum core_code	svc_http_start(const struct svc_http_config *cfg,
		    const struct svc_site *site, struct svc_store *store,
		    struct svc_http **out, struct core_err *err);
/* Stop accepting, let requests under way finish (up to grace seconds), stop. */
void		svc_http_stop(struct svc_http **h, unsigned grace);

#endif
