/* url.c: origins, loopback hosts and the URLs of the protocol. */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "core/error.h"
#include "net/curlso.h"
#include "net/url.h"

/* Copy a CURLU part into out; -1 when absent or too long. */
static int
url_part(CURLU *u, CURLUPart what, unsigned flags, char *out, size_t outsz)
{
	char	*p = NULL;
	int	 rc = -1;

	if (net_curl()->url_get(u, what, &p, flags) != CURLUE_OK || p == NULL)
		goto out;
	if (strlen(p) >= outsz)
		goto out;
	memcpy(out, p, strlen(p) + 1);
	rc = 0;
out:
	net_curl()->free(p);
	return rc;
}

/* 1 when the URL has this part. */
static int
url_has(CURLU *u, CURLUPart what)
{
	char	*p = NULL;
	int	 has;

	has = net_curl()->url_get(u, what, &p, 0) == CURLUE_OK && p != NULL;
	net_curl()->free(p);
	return has;
}

/* Parse an absolute URL into its origin. */
enum core_code
net_url_origin(const char *url, struct net_origin *o, struct core_err *err)
{
	CURLU		*u;
	char		 port[16];
	char		*end;
	size_t		 i, n;
	enum core_code	 rc = CORE_OK;

	memset(o, 0, sizeof *o);
	/* libcurl's parser, opened on first use (net/curlso.h). */
	if ((rc = net_curl_load(err)) != CORE_OK)
		return rc;
	if ((u = net_curl()->url()) == NULL)
		return core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
	if (url == NULL || strlen(url) > 2000 ||
	    net_curl()->url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) {
		rc = core_err_set(err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    "not an absolute URL");
		goto out;
	}
	if (url_part(u, CURLUPART_SCHEME, 0, o->scheme, sizeof o->scheme) != 0 ||
	    (strcmp(o->scheme, "https") != 0 && strcmp(o->scheme, "http") != 0)) {
		rc = core_err_set(err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    "only https URLs are accepted");
		goto out;
	}
	if (url_has(u, CURLUPART_USER) || url_has(u, CURLUPART_PASSWORD)) {
		rc = core_err_set(err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    "a URL with a user name or password is refused");
		goto out;
	}
	if (url_part(u, CURLUPART_HOST, 0, o->host, sizeof o->host) != 0 ||
	    o->host[0] == '\0') {
		rc = core_err_set(err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    "the URL names no host");
		goto out;
	}
	n = strlen(o->host);
	if (o->host[0] == '[' && n >= 2 && o->host[n - 1] == ']') {
		memmove(o->host, o->host + 1, n - 2);
		o->host[n - 2] = '\0';
	}
	for (i = 0; o->host[i] != '\0'; i++)
		o->host[i] = (char)tolower((unsigned char)o->host[i]);
	if (url_part(u, CURLUPART_PORT, CURLU_DEFAULT_PORT, port, sizeof port) != 0) {
		rc = core_err_set(err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    "the URL has no usable port");
		goto out;
	}
	o->port = strtol(port, &end, 10);
	if (*end != '\0' || o->port <= 0 || o->port > 65535)
		rc = core_err_set(err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    "the URL has no usable port");
out:
	net_curl()->url_cleanup(u);
	return rc;
}

/* 1 when both are the same origin. */
int
net_origin_eq(const struct net_origin *a, const struct net_origin *b)
{
	return strcmp(a->scheme, b->scheme) == 0 &&
	    strcmp(a->host, b->host) == 0 && a->port == b->port;
}

/* 1 for loopback hosts. */
int
net_host_is_loopback(const char *host)
{
	struct in_addr	 a4;
	struct in6_addr	 a6;

	if (strcasecmp(host, "localhost") == 0 ||
	    strcasecmp(host, "localhost.") == 0)
		return 1;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return 0;
}

/* The transport policy on one URL. */
enum core_code
net_url_check(const char *url, int allow_http_loopback, struct core_err *err)
{
	struct net_origin	o;
	enum core_code		rc;

	if ((rc = net_url_origin(url, &o, err)) != CORE_OK)
		return rc;
	if (strcmp(o.scheme, "https") == 0)
		return CORE_OK;
	if (!net_host_is_loopback(o.host))
		return core_err_set(err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    "plain http is refused (only https)");
	if (!allow_http_loopback)
		return core_err_set(err, CORE_E_NET_POLICY, CORE_NO_OFFSET,
		    "plain http to this machine needs --allow-http-loopback");
	return CORE_OK;
}

/* Write an origin as a URL prefix. */
enum core_code
net_origin_format(const struct net_origin *o, struct core_buf *out)
{
	long	defport = strcmp(o->scheme, "https") == 0 ? 443 : 80;
	int	v6 = strchr(o->host, ':') != NULL;

	if (o->port == defport)
		return core_buf_printf(out, "%s://%s%s%s", o->scheme,
		    v6 ? "[" : "", o->host, v6 ? "]" : "");
	return core_buf_printf(out, "%s://%s%s%s:%ld", o->scheme,
	    v6 ? "[" : "", o->host, v6 ? "]" : "", o->port);
}

/* The discovery URL of a service. */
enum core_code
net_url_discovery(const char *base, struct core_buf *out, struct core_err *err)
{
	struct net_origin	o;
	enum core_code		rc;

	if ((rc = net_url_origin(base, &o, err)) != CORE_OK)
		return rc;
	if ((rc = net_origin_format(&o, out)) == CORE_OK)
		rc = core_buf_adds(out, "/.well-known/recourse");
	if (rc != CORE_OK)
		core_err_set(err, rc, CORE_NO_OFFSET, NULL);
	return rc;
}

/* Append a percent-encoded path segment. */
enum core_code
net_url_append_segment(const char *base, const char *segment, struct core_buf *out)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	size_t			 n = strlen(base);
	enum core_code		 rc;

	if ((rc = core_buf_adds(out, base)) != CORE_OK)
		return rc;
	if ((n == 0 || base[n - 1] != '/') && (rc = core_buf_addc(out, '/')) != CORE_OK)
		return rc;
	for (p = (const unsigned char *)segment; *p != '\0' && rc == CORE_OK; p++) {
		if (isalnum(*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~')
			rc = core_buf_addc(out, *p);
		else if ((rc = core_buf_addc(out, '%')) == CORE_OK &&
		    (rc = core_buf_addc(out, (unsigned char)hex[*p >> 4])) == CORE_OK)
			rc = core_buf_addc(out, (unsigned char)hex[*p & 15]);
	}
	return rc;
}

/* The media type of a Content-Type header value. */
void
net_media_type(const char *v, char *out, size_t outsz)
{
	size_t	n = 0;

	if (outsz == 0)
		return;
	if (v != NULL) {
		while (*v == ' ' || *v == '\t')
			v++;
		for (; *v != '\0' && *v != ';' && *v != ' ' && *v != '\t' &&
		    n + 1 < outsz; v++)
			out[n++] = (char)tolower((unsigned char)*v);
	}
	out[n] = '\0';
}
