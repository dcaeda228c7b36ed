/*
 * url.h: URLs as the transport policy sees them: origins, loopback hosts,
 * and the URLs the protocol builds (the discovery document, a decision by
 * its reference).
 */
#ifndef RECOURSE_NET_URL_H
#define RECOURSE_NET_URL_H

#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

/* The origin of a URL (RFC 6454): scheme, host and port. */
struct net_origin {
	char	scheme[8];	/* "https" or "http" */
	char	host[256];	/* lowercase; IPv6 without brackets */
	long	port;		/* explicit or the scheme's default */
};

/* Parse an absolute http(s) URL into its origin.  A URL with user
 * credentials, another scheme or no host is refused (CORE_E_NET_POLICY). */
enum core_code	net_url_origin(const char *url, struct net_origin *o,
		    struct core_err *err);
/* 1 when both are the same origin. */
int		net_origin_eq(const struct net_origin *a, const struct net_origin *b);
/* 1 for 127.0.0.0/8, ::1 and "localhost". */
int		net_host_is_loopback(const char *host);
/* The policy on one URL: https, or http to a loopback host when allowed. */
enum core_code	net_url_check(const char *url, int allow_http_loopback,
		    struct core_err *err);
/* Write the origin as "scheme://host[:port]" (the port only when it is not
 * the scheme's default). */
enum core_code	net_origin_format(const struct net_origin *o, struct core_buf *out);
/* "<origin of base>/.well-known/recourse" into out. */
enum core_code	net_url_discovery(const char *base, struct core_buf *out,
		    struct core_err *err);
/* base, a "/" unless base ends with one, and segment percent-encoded as one
 * path segment (RFC 3986 unreserved characters kept), into out. */
enum core_code	net_url_append_segment(const char *base, const char *segment,
		    struct core_buf *out);
/* Lowercase media type of a Content-Type value, parameters removed, into out
 * (outsz bytes); "" when v is NULL. */
void		net_media_type(const char *v, char *out, size_t outsz);

#endif
