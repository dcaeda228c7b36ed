/*
 * fake_service.c: a small, purpose-built, misbehaving recourse/1 service on
 * loopback, for the network tests (tests/net-*.sh).
 *
 *   fake_service --mode MODE --port-file FILE [--jwk-out FILE]
 *       [--record FILE]... [--tls-cert FILE --tls-key FILE]
 *       [--redirect-to URL] [--log FILE]
 *
 * It makes an Ed25519 key at start (its public JWK goes to --jwk-out, for a
 * client to pin), serves a discovery document whose origin is its own, and
 * signs the records given with --record (the origin
 * https://decisions.example in them becomes its own, as the reference service
 * does).  One connection at a time, "Connection: close".  MODE chooses the
 * misbehaviour:
 *
 *   ok          everything as it should be (the last record)
 *   replay      the last record once, then the first (older) one
 *   hang        read the request, never answer
 *   drip        answer the decision one byte a second
 *   reset       promise 100000 bytes of decision, send 100, reset
 *   big         a decision of 5 MiB
 *   ctype       the decision as text/html
 *   badjson     a discovery document that is not JSON
 *   badsig      a decision whose signature is altered
 *   wrongtyp    a decision signed as a receipt
 *   retry       503 with Retry-After: 1 for the first two decision requests
 *   retrylong   503 with Retry-After: 3600 for every decision request
 *   redirect    302 from the discovery document to --redirect-to
 *   conflict    409 problem+json for every contest
 *   contest503  503 with Retry-After: 1 for every contest
 *   badreceipt  a receipt signed right but for other body bytes
 *   status503   503 with Retry-After: 1 for the first two status requests
 *   statuslong  503 with Retry-After: 3600 for every status request
 *
 * The log gets one line per request: "METHOD PATH KEY BODY-SHA256 LANGS"
 * (KEY the Idempotency-Key, LANGS the Accept-Language; "-" when absent).
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/jcs.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/key.h"

#define FAKE_MAX_RECORDS	4
#define FAKE_MAX_REQUEST	(1024 * 1024)
#define FAKE_ORIGIN		"https://decisions.example"

struct fake {
	const char	*mode;
	char		 origin[128];
	struct core_key	*key;
	struct core_buf	 records[FAKE_MAX_RECORDS];	/* signed */
	int		 nrecords;
	const char	*redirect_to;
	FILE		*log;
	SSL_CTX		*tls;
	int		 decision_requests;
	int		 status_requests;
	char		 decision_id[128];	/* of the last contest */
};

struct conn {
	int		 fd;
	SSL		*ssl;
};

struct request {
	char		 method[8];
	char		 path[512];
	char		 key[160];
	char		 auth[200];
	char		 langs[200];
	struct core_buf	 body;
};

static void
die(const char *what)
{
	fprintf(stderr, "fake_service: %s\n", what);
	exit(1);
}

static ssize_t
conn_write(struct conn *c, const void *p, size_t n)
{
	if (c->ssl != NULL)
		return SSL_write(c->ssl, p, (int)n);
	return send(c->fd, p, n, MSG_NOSIGNAL);
}

static ssize_t
conn_read(struct conn *c, void *p, size_t n)
{
	if (c->ssl != NULL)
		return SSL_read(c->ssl, p, (int)n);
	return recv(c->fd, p, n, 0);
}

static int
conn_write_all(struct conn *c, const void *p, size_t n)
{
	const char	*b = p;
	ssize_t		 w;

	while (n > 0) {
		if ((w = conn_write(c, b, n)) <= 0)
			return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Write an answer with a body. */
static void
reply(struct conn *c, int status, const char *type, const char *extra,
    const void *body, size_t len)
{
	char	head[1024];
	int	n;

	n = snprintf(head, sizeof head, "HTTP/1.1 %d X\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\nConnection: close\r\n%s\r\n", status, type, len,
	    extra != NULL ? extra : "");
	if (conn_write_all(c, head, (size_t)n) == 0 && len > 0)
		conn_write_all(c, body, len);
}

static void
reply_problem(struct conn *c, int status, const char *title, const char *detail,
    const char *extra)
{
	char	body[1024];
	int	n;

	n = snprintf(body, sizeof body, "{\"type\":\"about:blank\",\"title\":\"%s\","
	    "\"status\":%d,\"detail\":\"%s\"}", title, status, detail);
	reply(c, status, "application/problem+json", extra, body, (size_t)n);
}

/* Read one request: head and body. */
static int
read_request(struct conn *c, struct request *rq)
{
	struct core_buf	 b;
	char		 chunk[4096], *end, *line, *next, *v;
	size_t		 head, clen = 0;
	ssize_t		 r;
	int		 rc = -1;

	core_buf_init(&b, FAKE_MAX_REQUEST);
	memset(rq, 0, sizeof *rq);
	core_buf_init(&rq->body, FAKE_MAX_REQUEST);
	for (;;) {
		if (b.len > 0 && (end = strstr((char *)b.data, "\r\n\r\n")) != NULL)
			break;
		if ((r = conn_read(c, chunk, sizeof chunk)) <= 0)
			goto out;
		if (core_buf_add(&b, chunk, (size_t)r) != CORE_OK)
			goto out;
	}
	head = (size_t)(end - (char *)b.data) + 4;
	*end = '\0';
	line = (char *)b.data;
	next = strstr(line, "\r\n");
	if (next != NULL)
		*next = '\0';
	if (sscanf(line, "%7s %511s", rq->method, rq->path) != 2)
		goto out;
	while (next != NULL) {
		line = next + 2;
		if ((next = strstr(line, "\r\n")) != NULL)
			*next = '\0';
		if ((v = strchr(line, ':')) == NULL)
			continue;
		*v++ = '\0';
		while (*v == ' ')
			v++;
		if (strcasecmp(line, "Content-Length") == 0)
			clen = strtoul(v, NULL, 10);
		else if (strcasecmp(line, "Idempotency-Key") == 0)
			snprintf(rq->key, sizeof rq->key, "%s", v);
		else if (strcasecmp(line, "Authorization") == 0)
			snprintf(rq->auth, sizeof rq->auth, "%s", v);
		else if (strcasecmp(line, "Accept-Language") == 0) {
			char *sp;

			snprintf(rq->langs, sizeof rq->langs, "%s", v);
			while ((sp = strchr(rq->langs, ' ')) != NULL)
				memmove(sp, sp + 1, strlen(sp));
		}
	}
	if (clen > FAKE_MAX_REQUEST)
		goto out;
	if (core_buf_add(&rq->body, b.data + head, b.len - head) != CORE_OK)
		goto out;
	while (rq->body.len < clen) {
		if ((r = conn_read(c, chunk, sizeof chunk)) <= 0)
			goto out;
		if (core_buf_add(&rq->body, chunk, (size_t)r) != CORE_OK)
			goto out;
	}
	rc = 0;
out:
	core_buf_free(&b);
	return rc;
}

/* Sign a JSON object (canonical form) as typ. */
static void
sign_json(struct fake *f, json_t *o, const char *typ, struct core_buf *out)
{
	struct core_buf	p;
	struct core_err	err;

	core_buf_init(&p, 8u * 1024u * 1024u);
	if (core_jcs_serialize(o, &p, &err) != CORE_OK ||
	    core_jws_sign(p.data, p.len, typ, f->key, "fake-1", out, &err) != CORE_OK)
		die(err.detail);
	core_buf_free(&p);
}

/* Read a record file, put our origin in it, sign it. */
static void
load_record(struct fake *f, const char *path, const char *typ, struct core_buf *out)
{
	struct core_buf	 raw, text;
	struct core_err	 err;
	json_t		*o = NULL;
	FILE		*fp;
	char		 chunk[8192], *p, *q;
	size_t		 n;

	core_buf_init(&raw, 4u * 1024u * 1024u);
	core_buf_init(&text, 4u * 1024u * 1024u);
	if ((fp = fopen(path, "r")) == NULL)
		die("cannot read a record");
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		core_buf_add(&raw, chunk, n);
	fclose(fp);
	p = (char *)raw.data;
	while ((q = strstr(p, FAKE_ORIGIN)) != NULL) {
		core_buf_add(&text, p, (size_t)(q - p));
		core_buf_adds(&text, f->origin);
		p = q + strlen(FAKE_ORIGIN);
	}
	core_buf_adds(&text, p);
	if (core_json_parse(text.data, text.len, NULL, &o, &err) != CORE_OK)
		die(err.detail);
	/* Until a contest names one, the status is about the first record. */
	if (f->decision_id[0] == '\0' && json_string_value(json_object_get(o, "id")) != NULL)
		snprintf(f->decision_id, sizeof f->decision_id, "%s",
		    json_string_value(json_object_get(o, "id")));
	core_buf_init(out, 8u * 1024u * 1024u);
	sign_json(f, o, typ, out);
	json_decref(o);
	core_buf_free(&raw);
	core_buf_free(&text);
}

static void
serve_discovery(struct fake *f, struct conn *c)
{
	json_t		*jwk = NULL, *doc;
	struct core_err	 err;
	char		 dec[256], con[256], *text;
	static const char bad[] = "{\"recourse\":\"1\",\"service_id\":";

	if (strcmp(f->mode, "badjson") == 0) {
		reply(c, 200, "application/json", NULL, bad, sizeof bad - 1);
		return;
	}
	if (strcmp(f->mode, "redirect") == 0) {
		char hdr[600];

		snprintf(hdr, sizeof hdr, "Location: %s\r\n", f->redirect_to);
		reply(c, 302, "text/plain", hdr, "", 0);
		return;
	}
	if (core_key_to_jwk(f->key, 0, &jwk, &err) != CORE_OK)
		die(err.detail);
	json_object_set_new(jwk, "kid", json_string("fake-1"));
	snprintf(dec, sizeof dec, "%s/decisions", f->origin);
	snprintf(con, sizeof con, "%s/contests", f->origin);
	doc = json_pack("{s:s, s:s, s:{s:s}, s:{s:s, s:s, s:s, s:s, s:s}, "
	    "s:{s:[o]}, s:{s:s, s:s}, s:[s]}",
	    "recourse", "1", "service_id", f->origin, "names", "en", "Fake service",
	    "operator", "legal_name", "Fake Ltd", "jurisdiction", "GB",
	    "registration", "000", "contact", "fake@example.org",
	    "dpo_contact", "dpo@example.org", "jwks", "keys", jwk,
	    "endpoints", "decisions", dec, "contests", con, "languages", "en");
	text = json_dumps(doc, JSON_COMPACT);
	reply(c, 200, "application/json", NULL, text, strlen(text));
	free(text);
	json_decref(doc);
}

static void
serve_decision(struct fake *f, struct conn *c)
{
	const struct core_buf	*rec;
	struct core_buf		 b;
	char			 head[256], *big;
	int			 n, i;
	struct linger		 lg = { 1, 0 };

	f->decision_requests++;
	rec = &f->records[f->nrecords - 1];
	if (strcmp(f->mode, "replay") == 0 && f->decision_requests > 1)
		rec = &f->records[0];
	if (strcmp(f->mode, "hang") == 0) {
		sleep(30);
		return;
	}
	if (strcmp(f->mode, "drip") == 0) {
		n = snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Type: "
		    "application/jose+json\r\nContent-Length: %zu\r\n\r\n", rec->len);
		conn_write_all(c, head, (size_t)n);
		for (i = 0; i < (int)rec->len; i++) {
			if (conn_write_all(c, rec->data + i, 1) != 0)
				break;
			sleep(1);
		}
		return;
	}
	if (strcmp(f->mode, "reset") == 0) {
		n = snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Type: "
		    "application/jose+json\r\nContent-Length: 100000\r\n\r\n");
		conn_write_all(c, head, (size_t)n);
		conn_write_all(c, rec->data, rec->len < 100 ? rec->len : 100);
		usleep(100000);
		setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
		return;
	}
	if (strcmp(f->mode, "big") == 0) {
		if ((big = malloc(5u * 1024u * 1024u)) == NULL)
			die("out of memory");
		memset(big, 'A', 5u * 1024u * 1024u);
		reply(c, 200, "application/jose+json", NULL, big, 5u * 1024u * 1024u);
		free(big);
		return;
	}
	if (strcmp(f->mode, "ctype") == 0) {
		reply(c, 200, "text/html", NULL, rec->data, rec->len);
		return;
	}
	if ((strcmp(f->mode, "retry") == 0 && f->decision_requests <= 2) ||
	    strcmp(f->mode, "retrylong") == 0) {
		reply_problem(c, 503, "Busy", "Try again later.",
		    strcmp(f->mode, "retry") == 0 ? "Retry-After: 1\r\n" :
		    "Retry-After: 3600\r\n");
		return;
	}
	if (strcmp(f->mode, "badsig") == 0) {
		core_buf_init(&b, rec->len + 1);
		core_buf_add(&b, rec->data, rec->len);
		/* Change one character of the signature. */
		{
			char *s = strstr((char *)b.data, "\"signature\":\"");

			if (s != NULL) {
				s += 13;
				*s = *s == 'A' ? 'B' : 'A';
			}
		}
		reply(c, 200, "application/jose+json", NULL, b.data, b.len);
		core_buf_free(&b);
		return;
	}
	reply(c, 200, "application/jose+json", NULL, rec->data, rec->len);
}

static void
serve_contest(struct fake *f, struct conn *c, struct request *rq)
{
	json_t		*body = NULL, *doc;
	struct core_buf	 out;
	struct core_err	 err;
	char		 sha[65], url[256], now[32];
	time_t		 t = time(NULL);
	struct tm	 tm;

	if (strcmp(f->mode, "conflict") == 0) {
		reply_problem(c, 409, "Idempotency key already used",
		    "This key was used for a contest with another body.", NULL);
		return;
	}
	if (strcmp(f->mode, "contest503") == 0) {
		reply_problem(c, 503, "Busy", "Try again later.", "Retry-After: 1\r\n");
		return;
	}
	if (core_json_parse(rq->body.data, rq->body.len, NULL, &body, &err) != CORE_OK) {
		reply_problem(c, 400, "Bad contest", "Not JSON.", NULL);
		return;
	}
	if (strcmp(f->mode, "badreceipt") == 0)
		core_sha256_hex("other bytes", 11, sha);
	else
		core_sha256_hex(rq->body.data, rq->body.len, sha);
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(url, sizeof url, "%s/status/C-1", f->origin);
	snprintf(f->decision_id, sizeof f->decision_id, "%s",
	    json_string_value(json_object_get(body, "decision_id")) != NULL ?
	    json_string_value(json_object_get(body, "decision_id")) : "?");
	doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "receipt_id", "R-1", "service_id", f->origin, "decision_id",
	    json_string_value(json_object_get(body, "decision_id")) != NULL ?
	    json_string_value(json_object_get(body, "decision_id")) : "?",
	    "contest_id", "C-1", "idempotency_key", rq->key, "body_sha256", sha,
	    "received_at", now, "answer_due", "2027-01-08", "status_url", url);
	core_buf_init(&out, 1024 * 1024);
	sign_json(f, doc, CORE_TYP_RECEIPT, &out);
	reply(c, 201, "application/jose+json", NULL, out.data, out.len);
	core_buf_free(&out);
	json_decref(doc);
	json_decref(body);
}

static void
serve_status(struct fake *f, struct conn *c)
{
	json_t		*doc;
	struct core_buf	 out;
	char		 now[32];
	time_t		 t = time(NULL);
	struct tm	 tm;

	f->status_requests++;
	if ((strcmp(f->mode, "status503") == 0 && f->status_requests <= 2) ||
	    strcmp(f->mode, "statuslong") == 0) {
		reply_problem(c, 503, "Busy", "Try again later.",
		    strcmp(f->mode, "statuslong") == 0 ? "Retry-After: 3600\r\n" :
		    "Retry-After: 1\r\n");
		return;
	}
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:s, s:s}, "
	    "{s:s, s:s, s:s}]}", "contest_id", "C-1", "decision_id", f->decision_id,
	    "service_id", f->origin, "status", "under_review", "updated_at", now,
	    "answer_due", "2027-01-08", "history",
	    "at", now, "status", "received", "note", "The contest was received.",
	    "at", now, "status", "under_review", "note", "A person is reviewing it.");
	core_buf_init(&out, 1024 * 1024);
	sign_json(f, doc, CORE_TYP_STATUS, &out);
	reply(c, 200, "application/jose+json", NULL, out.data, out.len);
	core_buf_free(&out);
	json_decref(doc);
}

static void
handle(struct fake *f, struct conn *c)
{
	struct request	rq;
	char		sha[65];

	if (read_request(c, &rq) != 0) {
		core_buf_free(&rq.body);
		return;
	}
	if (f->log != NULL) {
		core_sha256_hex(rq.body.data != NULL ? rq.body.data : (unsigned char *)"",
		    rq.body.len, sha);
		fprintf(f->log, "%s %s %s %s %s\n", rq.method, rq.path,
		    rq.key[0] != '\0' ? rq.key : "-", sha,
		    rq.langs[0] != '\0' ? rq.langs : "-");
		fflush(f->log);
	}
	if (strcmp(rq.path, "/.well-known/recourse") == 0)
		serve_discovery(f, c);
	else if (strncmp(rq.path, "/decisions/", 11) == 0)
		serve_decision(f, c);
	else if (strcmp(rq.path, "/status/C-1") == 0)
		serve_status(f, c);
	else if (strlen(rq.path) >= 9 && strcmp(rq.method, "POST") == 0 &&
	    strcmp(rq.path + strlen(rq.path) - 9, "/contests") == 0)
		serve_contest(f, c, &rq);
	else
		reply_problem(c, 404, "Not found", "Nothing here.", NULL);
	core_buf_free(&rq.body);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "port-file", required_argument, NULL, 'p' },
		{ "jwk-out", required_argument, NULL, 'j' },
		{ "record", required_argument, NULL, 'r' },
		{ "tls-cert", required_argument, NULL, 'c' },
		{ "tls-key", required_argument, NULL, 'k' },
		{ "redirect-to", required_argument, NULL, 'R' },
		{ "log", required_argument, NULL, 'l' },
		{ "host", required_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct fake		 f;
	struct sockaddr_in	 sin;
	socklen_t		 sl = sizeof sin;
	struct core_err		 err;
	struct timeval		 tv = { 10, 0 };
	struct conn		 c;
	json_t			*jwk;
	const char		*portfile = NULL, *jwkout = NULL, *cert = NULL;
	const char		*keyfile = NULL, *host = "127.0.0.1";
	const char		*recpaths[FAKE_MAX_RECORDS];
	FILE			*fp;
	int			 ch, s, one = 1, i;

	memset(&f, 0, sizeof f);
	f.mode = "ok";
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'm': f.mode = optarg; break;
		case 'p': portfile = optarg; break;
		case 'j': jwkout = optarg; break;
		case 'r':
			if (f.nrecords == FAKE_MAX_RECORDS)
				die("too many records");
			recpaths[f.nrecords++] = optarg;
			break;
		case 'c': cert = optarg; break;
		case 'k': keyfile = optarg; break;
		case 'R': f.redirect_to = optarg; break;
		case 'l':
			if ((f.log = fopen(optarg, "a")) == NULL)
				die("cannot open the log");
			break;
		case 'h': host = optarg; break;
		default: die("usage");
		}
	}
	if (portfile == NULL || f.nrecords == 0)
		die("--port-file and --record are needed");
	signal(SIGPIPE, SIG_IGN);
	/* SIGTERM keeps its default action: the tests stop a fake that may be
	 * blocked in accept(), sleep() or a write. */
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		die("socket");
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	inet_pton(AF_INET, host, &sin.sin_addr);
	if (bind(s, (struct sockaddr *)&sin, sizeof sin) != 0 || listen(s, 16) != 0 ||
	    getsockname(s, (struct sockaddr *)&sin, &sl) != 0)
		die("cannot listen");
	if (cert != NULL) {
		if ((f.tls = SSL_CTX_new(TLS_server_method())) == NULL ||
		    SSL_CTX_use_certificate_chain_file(f.tls, cert) != 1 ||
		    SSL_CTX_use_PrivateKey_file(f.tls, keyfile, SSL_FILETYPE_PEM) != 1)
			die("cannot use the certificate");
		snprintf(f.origin, sizeof f.origin, "https://localhost:%d",
		    ntohs(sin.sin_port));
	} else
		snprintf(f.origin, sizeof f.origin, "http://127.0.0.1:%d",
		    ntohs(sin.sin_port));
	if (core_key_generate(CORE_KEY_ED25519, &f.key, &err) != CORE_OK)
		die(err.detail);
	for (i = 0; i < f.nrecords; i++)
		load_record(&f, recpaths[i], strcmp(f.mode, "wrongtyp") == 0 ?
		    CORE_TYP_RECEIPT : CORE_TYP_DECISION, &f.records[i]);
	if (jwkout != NULL) {
		if (core_key_to_jwk(f.key, 0, &jwk, &err) != CORE_OK ||
		    json_dump_file(jwk, jwkout, JSON_COMPACT) != 0)
			die("cannot write the JWK");
		json_decref(jwk);
	}
	/* The port file last: when it exists, the service is ready. */
	if ((fp = fopen(portfile, "w")) == NULL)
		die("cannot write the port file");
	fprintf(fp, "%d\n", ntohs(sin.sin_port));
	fclose(fp);
	for (;;) {
		memset(&c, 0, sizeof c);
		if ((c.fd = accept(s, NULL, NULL)) < 0) {
			if (errno == EINTR)
				continue;
			die("accept");
		}
		setsockopt(c.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		setsockopt(c.fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
		if (f.tls != NULL) {
			c.ssl = SSL_new(f.tls);
			SSL_set_fd(c.ssl, c.fd);
			if (SSL_accept(c.ssl) != 1) {
				/* The client refused our certificate: as it should. */
				ERR_clear_error();
				SSL_free(c.ssl);
				close(c.fd);
				continue;
			}
		}
		handle(&f, &c);
		if (c.ssl != NULL) {
			SSL_shutdown(c.ssl);
			SSL_free(c.ssl);
		}
		close(c.fd);
	}
}
