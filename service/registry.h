/*
 * registry.h: building and signing a registry (typ recourse-registry+json).
 *
 * The payload, serialised canonically (RFC 8785), is
 *   {"registry":ID,"sequence":N,"issued_at":T,"expires":T,
 *    "services":[{"service_id":ORIGIN,"name":..,"role":"service"|"provider",
 *                 "status":"active"|"suspended"|"revoked",
 *                 "keys":[{"thumbprint":TP,"not_before":T,"not_after":T}]}]}
 * The operator's list may give a key as "jwk" (a public JWK) instead of its
 * "thumbprint"; the thumbprint is computed here.
 */
#ifndef RECOURSE_SERVICE_REGISTRY_H
#define RECOURSE_SERVICE_REGISTRY_H

#include <time.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/key.h"

struct svc_registry_args {
	const char	*id;		/* NULL: the root key's thumbprint */
	unsigned long	 sequence;
	time_t		 issued_at;
	time_t		 expires;
};

/* Check list (an array of services, or an object holding "services"), build
 * the payload and sign it with root into out. */
enum core_code	svc_registry_build(const struct svc_registry_args *ra,
		    const json_t *list, const struct core_key *root,
		    struct core_buf *out, struct core_err *err);

#endif
