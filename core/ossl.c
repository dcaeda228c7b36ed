/* ossl.c: OpenSSL failures as error codes. */
#include "config.h"

#include <openssl/err.h>

#include "core/alloc.h"
#include "core/ossl.h"

/* The code for an OpenSSL failure: out of memory when it was one. */
enum core_code
core_ossl_error(struct core_err *err, enum core_code code, const char *what)
{
	unsigned long	e;

	while ((e = ERR_get_error()) != 0) {
		if (ERR_GET_REASON(e) == ERR_R_MALLOC_FAILURE)
			code = CORE_E_NOMEM;
	}
	if (core_alloc_failed())
		code = CORE_E_NOMEM;
	return core_err_set(err, code, CORE_NO_OFFSET, "%s", what);
}
