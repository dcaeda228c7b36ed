/*
 * terms.h: what the service takes from a decision record: its id and the
 * contest terms that a contest about it is checked against.
 */
#ifndef RECOURSE_SERVICE_TERMS_H
#define RECOURSE_SERVICE_TERMS_H

#include <stddef.h>

#include "core/error.h"
#include "core/jws.h"
#include "service/site.h"

/* Default where a record gives no answer_within_days. */
#define SVC_ANSWER_DAYS		30

/* Run the record parser on payload and fill the id and terms of c. */
enum core_code	svc_terms_from_record(const unsigned char *payload, size_t len,
		    struct svc_case *c, struct core_err *err);

/* The payload of a flattened JWS without checking its signature (for a case
 * served although its signature fails); fills res->payload and payload_len. */
enum core_code	svc_jws_payload(const void *jws, size_t len,
		    struct core_jws_result *res, struct core_err *err);

#endif
