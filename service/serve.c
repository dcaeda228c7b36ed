/* serve.c: recourse-service serve: options, socket, start-up and shutdown. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/intl.h"
#include "service/demo.h"
#include "service/http.h"
#include "service/service.h"
#include "service/site.h"
#include "service/store.h"

#define SERVE_MAX_BODY_DEFAULT	(64u * 1024u)
#define SERVE_RATE_DEFAULT	20.0
#define SERVE_CODE_TRIES	10	/* refused codes per reference ... */
#define SERVE_CODE_WINDOW	900	/* ... within this many seconds */
#define SERVE_GRACE		10	/* seconds for requests under way */

struct serve_opts {
	const char	*listen;
	const char	*port_file;
	const char	*cert;
	const char	*privkey;
	const char	*cases;
	const char	*demo;
	const char	*state;
	const char	*client_config;
	const char	*access_log;
	double		 rate;
	unsigned long	 code_tries;
	unsigned long	 code_window;
	unsigned long	 max_body;
	unsigned long	 threads;
};

/* Split "ADDR:PORT" or "[ADDR6]:PORT" into a socket address. */
static int
serve_parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in	*in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6	*in6 = (struct sockaddr_in6 *)ss;
	char			 host[INET6_ADDRSTRLEN + 2];
	const char		*colon;
	unsigned long		 port;
	size_t			 n;

	memset(ss, 0, sizeof *ss);
	if ((colon = strrchr(s, ':')) == NULL ||
	    svc_parse_ulong(colon + 1, 65535, &port) == -1)
		return -1;
	n = (size_t)(colon - s);
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	if (n == 0 || n >= sizeof host)
		return -1;
	memcpy(host, s, n);
	host[n] = '\0';
	if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((unsigned short)port);
		*len = sizeof *in4;
		return 0;
	}
	if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((unsigned short)port);
		*len = sizeof *in6;
		return 0;
	}
	return -1;
}

/* Is the address a loopback one (127.0.0.0/8 or ::1)? */
static int
serve_is_loopback(const struct sockaddr_storage *ss)
{
	const struct sockaddr_in	*in4 = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6	*in6 = (const struct sockaddr_in6 *)ss;

	if (ss->ss_family == AF_INET)
		return (ntohl(in4->sin_addr.s_addr) >> 24) == 127;
	return ss->ss_family == AF_INET6 && IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
}

/* Bind and listen; url gets the service's own URL with the real port. */
static int
serve_listen(const char *spec, int tls, char *url, size_t urlsz)
{
	struct sockaddr_storage	 ss;
	socklen_t		 len;
	char			 host[INET6_ADDRSTRLEN];
	int			 fd = -1, on = 1;
	unsigned		 port;

	if (serve_parse_listen(spec, &ss, &len) == -1) {
		svc_warnx(_("--listen wants ADDRESS:PORT, e.g. 127.0.0.1:0, not '%s'"),
		    spec);
		goto fail;
	}
	if (!tls && !serve_is_loopback(&ss)) {
		svc_warnx(_("plain HTTP is served only on a loopback address; give "
		    "--cert and --privkey to listen on %s"), spec);
		goto fail;
	}
	if ((fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == -1 ||
	    bind(fd, (struct sockaddr *)&ss, len) == -1 ||
	    listen(fd, SOMAXCONN) == -1 ||
	    getsockname(fd, (struct sockaddr *)&ss, &len) == -1) {
		svc_warnx(_("cannot listen on %s: %s"), spec, strerror(errno));
		goto fail;
	}
	if (ss.ss_family == AF_INET) {
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host,
		    sizeof host);
		port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
		snprintf(url, urlsz, "%s://%s:%u", tls ? "https" : "http", host, port);
	} else {
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host,
		    sizeof host);
		port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
		snprintf(url, urlsz, "%s://[%s]:%u", tls ? "https" : "http", host,
		    port);
	}
	return fd;
fail:
	if (fd != -1)
		close(fd);
	return -1;
}

/* The port of a URL made by serve_listen. */
static const char *
serve_port_of(const char *url)
{
	const char	*p = strrchr(url, ':');

	return p != NULL ? p + 1 : "0";
}

/* Write text to path atomically (folder of path, base name). */
static int
serve_write_file(const char *path, const char *text, int mode)
{
	struct core_err	 err;
	char		 dir[4096];
	const char	*slash, *name;
	size_t		 n;

	core_err_clear(&err);
	slash = strrchr(path, '/');
	if (slash == NULL) {
		snprintf(dir, sizeof dir, ".");
		name = path;
	} else {
		n = (size_t)(slash - path);
		if (n >= sizeof dir)
			return -1;
		memcpy(dir, path, n);
		dir[n] = '\0';
		if (n == 0)
			snprintf(dir, sizeof dir, "/");
		name = slash + 1;
	}
	if (svc_write_atomic(dir, name, text, strlen(text), mode, &err) != CORE_OK) {
		svc_warn_core(path, &err);
		return -1;
	}
	return 0;
}

/* Read a whole PEM file into a string for libmicrohttpd. */
static int
serve_read_pem(const char *path, struct core_buf *out)
{
	struct core_err	err;

	core_err_clear(&err);
	if (svc_read_file(path, 1024u * 1024u, out, &err) != CORE_OK) {
		svc_warn_core(path, &err);
		return -1;
	}
	return 0;
}

/* Parse the options of serve into o; -1 on a usage error. */
static int
serve_options(int argc, char **argv, struct serve_opts *o)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "port-file", required_argument, NULL, 'p' },
		{ "cert", required_argument, NULL, 'c' },
		{ "privkey", required_argument, NULL, 'k' },
		{ "cases", required_argument, NULL, 'C' },
		{ "demo", required_argument, NULL, 'd' },
		{ "state", required_argument, NULL, 's' },
		{ "client-config", required_argument, NULL, 'g' },
		{ "rate", required_argument, NULL, 'r' },
		{ "max-body", required_argument, NULL, 'm' },
		{ "access-log", required_argument, NULL, 'a' },
		{ "threads", required_argument, NULL, 't' },
		{ "code-tries", required_argument, NULL, 'T' },
		{ "code-window", required_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	unsigned long	 v;
	char		 num[32];
	size_t		 n;
	int		 ch;

	memset(o, 0, sizeof *o);
	o->listen = "127.0.0.1:0";
	o->rate = SERVE_RATE_DEFAULT;
	o->max_body = SERVE_MAX_BODY_DEFAULT;
	o->access_log = "-";
	o->threads = 0;
	o->code_tries = SERVE_CODE_TRIES;
	o->code_window = SERVE_CODE_WINDOW;
	while ((ch = getopt_long(argc, argv, "l:p:c:k:C:d:s:g:r:m:a:t:T:W:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'l': o->listen = optarg; break;
		case 'p': o->port_file = optarg; break;
		case 'c': o->cert = optarg; break;
		case 'k': o->privkey = optarg; break;
		case 'C': o->cases = optarg; break;
		case 'd': o->demo = optarg; break;
		case 's': o->state = optarg; break;
		case 'g': o->client_config = optarg; break;
		case 'a': o->access_log = optarg; break;
		case 'r':
			/* "N" or "N/s" */
			n = strlen(optarg);
			if (n > 2 && strcmp(optarg + n - 2, "/s") == 0)
				n -= 2;
			if (n == 0 || n >= sizeof num)
				goto bad;
			memcpy(num, optarg, n);
			num[n] = '\0';
			if (svc_parse_ulong(num, 1000000, &v) == -1)
				goto bad;
			o->rate = (double)v;
			break;
		case 'm':
			if (svc_parse_ulong(optarg, 16ul * 1024 * 1024, &o->max_body) == -1 ||
			    o->max_body < 256)
				goto bad;
			break;
		case 't':
			if (svc_parse_ulong(optarg, 64, &o->threads) == -1 ||
			    o->threads == 0)
				goto bad;
			break;
		case 'T':
			if (svc_parse_ulong(optarg, 1000000, &o->code_tries) == -1)
				goto bad;
			break;
		case 'W':
			if (svc_parse_ulong(optarg, 86400, &o->code_window) == -1 ||
			    o->code_window == 0)
				goto bad;
			break;
		default:
			return -1;
		}
	}
	if (optind != argc || o->state == NULL ||
	    (o->cases == NULL) == (o->demo == NULL) ||
	    (o->cert == NULL) != (o->privkey == NULL)) {
		svc_warnx(_("usage: recourse-service serve --state DIR (--cases DIR | "
		    "--demo DATADIR) [--listen ADDR:PORT] [--port-file FILE] "
		    "[--cert PEM --privkey PEM] [--client-config FILE] [--rate N/s] "
		    "[--max-body BYTES] [--access-log FILE] [--threads N]"));
		return -1;
	}
	return 0;
bad:
	svc_warnx(_("invalid value '%s' for --%s"), optarg,
	    ch == 'r' ? "rate" : ch == 'm' ? "max-body" : ch == 'T' ? "code-tries" :
	    ch == 'W' ? "code-window" : "threads");
	return -1;
}

/* The number of server threads: four per processor, within reason, since a
 * thread waits on the disk while a contest is flushed. */
static unsigned
serve_threads(unsigned long asked)
{
	long	n;

	if (asked > 0)
		return (unsigned)asked;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	n *= 4;
	if (n > 32)
		n = 32;
	return (unsigned)n;
}

int
svc_cmd_serve(int argc, char **argv)
{
	struct serve_opts	 o;
	struct svc_http_config	 hc;
	struct svc_demo		 demo;
	struct core_err		 err;
	struct core_buf		 cert, key;
	struct svc_site		*site = NULL;
	struct svc_store	*store = NULL;
	struct svc_http		*http = NULL;
	sigset_t		 sigs;
	const char		*cases;
	char			 url[256], casebuf[4096];
	FILE			*log = NULL;
	int			 fd = -1, sig, ret = SVC_EXIT_FAIL;

	core_err_clear(&err);
	core_buf_init(&cert, 0);
	core_buf_init(&key, 0);
	memset(&demo, 0, sizeof demo);
	/* The signals are taken by sigwait() below, never by a handler; they
	 * are blocked from the start, so that one that comes while the service
	 * starts stops it as soon as it serves, and the server threads inherit
	 * the mask. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (serve_options(argc, argv, &o) == -1) {
		ret = SVC_EXIT_USAGE;
		goto out;
	}
	if (o.cert != NULL && (serve_read_pem(o.cert, &cert) == -1 ||
	    serve_read_pem(o.privkey, &key) == -1))
		goto out;
	if ((fd = serve_listen(o.listen, o.cert != NULL, url, sizeof url)) == -1)
		goto out;
	if (svc_mkdirs(o.state, 0700, &err) != CORE_OK) {
		svc_warn_core(o.state, &err);
		goto out;
	}
	cases = o.cases;
	if (o.demo != NULL) {
		if (svc_demo_build(o.demo, o.state, url, &demo, &err) != CORE_OK) {
			svc_warn_core(_("cannot build the demo cases"), &err);
			goto out;
		}
		snprintf(casebuf, sizeof casebuf, "%s", demo.cases_dir);
		cases = casebuf;
	}
	if (svc_site_load(cases, url, &site, &err) != CORE_OK) {
		svc_warn_core(cases, &err);
		goto out;
	}
	if (svc_store_open(o.state, &store, &err) != CORE_OK) {
		svc_warn_core(o.state, &err);
		goto out;
	}
	if (o.client_config != NULL &&
	    svc_demo_client_config(o.client_config, site->service_id, o.state,
	    o.demo != NULL ? &demo : NULL, &err) != CORE_OK) {
		svc_warn_core(o.client_config, &err);
		goto out;
	}
	if (strcmp(o.access_log, "-") == 0)
		log = stderr;
	else if (strcmp(o.access_log, "none") != 0 &&
	    (log = fopen(o.access_log, "ae")) == NULL) {
		svc_warnx("%s: %s", o.access_log, strerror(errno));
		goto out;
	}
	memset(&hc, 0, sizeof hc);
	hc.listen_fd = fd;
	hc.cert_pem = o.cert != NULL ? core_buf_str(&cert) : NULL;
	hc.key_pem = o.cert != NULL ? core_buf_str(&key) : NULL;
	hc.max_body = o.max_body;
	hc.rate = o.rate;
	hc.code_tries = (unsigned)o.code_tries;
	hc.code_window = (unsigned)o.code_window;
	hc.access_log = log;
	hc.threads = serve_threads(o.threads);
	if (svc_http_start(&hc, site, store, &http, &err) != CORE_OK) {
		svc_warn_core(_("cannot start the server"), &err);
		goto out;
	}
	fd = -1;	/* the server's now */
	svc_warnx(_("serving %zu decisions and %zu contests on %s"), site->ncases,
	    svc_store_count(store), url);
	if (o.port_file != NULL) {
		char	text[16];

		snprintf(text, sizeof text, "%s\n", serve_port_of(url));
		if (serve_write_file(o.port_file, text, 0644) == -1)
			goto out;
	}
	for (;;) {
		if (sigwait(&sigs, &sig) != 0)
			continue;
		if (sig == SIGTERM || sig == SIGINT)
			break;
	}
	svc_warnx(_("stopping on signal %d"), sig);
	svc_http_stop(&http, SERVE_GRACE);
	ret = SVC_EXIT_OK;
out:
	svc_http_stop(&http, 0);
	if (fd != -1)
		close(fd);
	if (log != NULL && log != stderr)
		fclose(log);
	svc_store_free(&store);
	svc_site_free(&site);
	svc_demo_clear(&demo);
	core_buf_free(&cert);
	core_buf_free(&key);
	return ret;
}
