/*
 * ossl.h: how an OpenSSL failure becomes an error code (keys, signatures,
 * hashes).
 *
 * OpenSSL reports out of memory in its error queue only on some paths; an
 * allocation that fails elsewhere can surface as "the signature does not
 * verify" or "not a key".  Verdicts stay on the safe side either way (a
 * failure never verifies), but the code should say what happened: a
 * failure is out of memory when the queue says so or, in debug builds, when
 * an injected allocation failure happened (core/alloc.h).
 */
#ifndef RECOURSE_CORE_OSSL_H
#define RECOURSE_CORE_OSSL_H

#include "core/error.h"

/* Empty OpenSSL's error queue and return CORE_E_NOMEM when the failure was
 * one of memory, else code; records what in err (which may be NULL). */
enum core_code	core_ossl_error(struct core_err *err, enum core_code code,
		    const char *what);

#endif
