/*
 * verify.h: the parts of `recourse verify` kept in their own files.
 */
#ifndef RECOURSE_CLI_VERIFY_H
#define RECOURSE_CLI_VERIFY_H

#include <stddef.h>
#include <time.h>

#include "core/trust.h"
#include "core/verdict.h"

/*
 * When the len bytes of doc are a JSON object holding "proof" (an object or
 * an array) and none of the members of a JWS, verify its W3C Data Integrity
 * proofs into v and info and return 1: a "format" check, one "signature"
 * check per proof naming its verification method and cryptosuite, and a
 * "trust" check of the first proof whose key is pinned in t or listed by an
 * accepted registry for the credential's issuer.  info gets the first
 * proof's verification method (kid), key thumbprint, cryptosuite (alg) and
 * the issuer (service_id).  0 when doc is not such a document (v and info
 * are untouched); -1 when out of memory.
 */
int	cli_verify_di(const struct core_trust *t, const void *doc, size_t len,
	    time_t now, struct core_verdict *v, struct core_doc_info *info);

#endif
