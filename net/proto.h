/*
 * proto.h: the requests of recourse/1 and the discovery document.
 *
 *   discovery  GET <origin>/.well-known/recourse       application/json
 *   decision   GET <decisions>/<reference>, Bearer     application/jose+json
 *   contest    POST <contests>, Bearer, Idempotency-Key application/jose+json
 *   status     GET <status_url>, Bearer                application/jose+json
 *   registry   GET <registry url>                      application/jose+json
 *
 * A discovery document is accepted only when its service_id is the origin it
 * was fetched from and both endpoints are on that origin: the access code is
 * never sent anywhere else.  Every request is one transfer of client.h and
 * completes through its net_done_fn.
 */
#ifndef RECOURSE_NET_PROTO_H
#define RECOURSE_NET_PROTO_H

#include <stddef.h>

#include <jansson.h>

#include "core/error.h"
#include "core/jws.h"
#include "net/client.h"

#define NET_URL_MAX	2048

/* A discovery document that passed the checks above. */
struct net_discovery {
	unsigned char		*raw;		/* the exact bytes */
	size_t			 raw_len;
	json_t			*doc;
	char			 service_id[257];
	char			 decisions[NET_URL_MAX + 1];
	char			 contests[NET_URL_MAX + 1];
	struct core_keyset	*keys;		/* its JWKS (confers no trust) */
};

void		net_discovery_init(struct net_discovery *d);
void		net_discovery_clear(struct net_discovery *d);
/* Check and take apart a discovery document fetched for base (the URL the
 * person gave). */
enum core_code	net_discovery_parse(const void *p, size_t n, const char *base,
		    struct net_discovery *d, struct core_err *err);
/* 1 when url is on the origin of service_id. */
int		net_same_origin(const char *url, const char *service_id);

enum core_code	net_proto_discover(struct net_client *c, const char *base,
		    net_done_fn done, void *arg, struct net_xfer **out,
		    struct core_err *err);
enum core_code	net_proto_get_decision(struct net_client *c, const char *decisions,
		    const char *reference, const char *code, net_done_fn done,
		    void *arg, struct net_xfer **out, struct core_err *err);
/* A signed document (status, registry); code may be NULL. */
enum core_code	net_proto_get_signed(struct net_client *c, const char *url,
		    const char *code, net_done_fn done, void *arg,
		    struct net_xfer **out, struct core_err *err);
enum core_code	net_proto_post_contest(struct net_client *c, const char *contests,
		    const char *code, const char *key, const void *body,
		    size_t body_len, net_done_fn done, void *arg,
		    struct net_xfer **out, struct core_err *err);

/* The payload bytes of a JWS (flattened or general JSON, or compact),
 * decoded but not verified, into out. */
enum core_code	net_jws_payload(const void *jws, size_t len, struct core_buf *out,
		    struct core_err *err);

#endif
