/* error.c: the names and messages of the error enum of error.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "core/intl.h"

/* Each code with its stable name for machines (recourse verify --json: the
 * enum's name without CORE_E_, in lower case, never changed once given) and
 * its message for people. */
static const struct {
	enum core_code	 code;
	const char	*name;
	const char	*msg;
} core_codes[] = {
	{ CORE_OK, "ok", N_("no error") },
	{ CORE_E_NOMEM, "nomem", N_("out of memory") },
	{ CORE_E_IO, "io", N_("the file could not be read or written") },
	{ CORE_E_ARG, "arg", N_("invalid argument") },
	{ CORE_E_TOO_LARGE, "too_large",
	    N_("the input is larger than allowed") },
	{ CORE_E_UNSUPPORTED, "unsupported", N_("not supported") },
	{ CORE_E_INTERNAL, "internal", N_("internal error in a library") },
	{ CORE_E_JSON_SYNTAX, "json_syntax",
	    N_("the document is not valid JSON") },
	{ CORE_E_JSON_DUPLICATE, "json_duplicate",
	    N_("the document repeats a member name") },
	{ CORE_E_JSON_UTF8, "json_utf8",
	    N_("the document is not valid UTF-8") },
	{ CORE_E_JSON_SURROGATE, "json_surrogate",
	    N_("the document holds a lone surrogate") },
	{ CORE_E_JSON_DEPTH, "json_depth",
	    N_("the document is nested too deeply") },
	{ CORE_E_JSON_STRING, "json_string",
	    N_("the document holds a string that is too long") },
	{ CORE_E_JSON_NUMBER, "json_number",
	    N_("the document holds a number outside the safe range") },
	{ CORE_E_JSON_TYPE, "json_type",
	    N_("a field is missing or has the wrong type") },
	{ CORE_E_BASE64, "base64", N_("invalid base64url data") },
	{ CORE_E_BASE58, "base58", N_("invalid base58 or multibase data") },
	{ CORE_E_KEY, "key",
	    N_("the key is malformed or of an unsupported type") },
	{ CORE_E_DID, "did",
	    N_("the did:key identifier is malformed or unsupported") },
	{ CORE_E_PEM, "pem", N_("the PEM file holds no usable key") },
	{ CORE_E_SIG_INVALID, "sig_invalid", N_("the signature is invalid") },
	{ CORE_E_SIG_LENGTH, "sig_length",
	    N_("the signature has the wrong length") },
	{ CORE_E_JWS_FORMAT, "jws_format",
	    N_("the signed document is not in an accepted form") },
	{ CORE_E_JWS_ALG, "jws_alg", N_("the signature algorithm is refused") },
	{ CORE_E_JWS_CRIT, "jws_crit",
	    N_("the signed document needs an extension that is not understood") },
	{ CORE_E_JWS_HEADER, "jws_header",
	    N_("the signed document carries a refused header parameter") },
	{ CORE_E_JWS_TYP, "jws_typ",
	    N_("the signed document is not of the expected type") },
	{ CORE_E_JWS_KID, "jws_kid", N_("no known key matches the signer") },
	{ CORE_E_DI_PROOF, "di_proof",
	    N_("the Data Integrity proof is malformed or unsupported") },
	{ CORE_E_UNTRUSTED, "untrusted",
	    N_("no trusted registry lists the signer") },
	{ CORE_E_REG_ROLLBACK, "reg_rollback",
	    N_("the registry is older than one already seen") },
	{ CORE_E_REG_EXPIRED, "reg_expired", N_("the registry has expired") },
	{ CORE_E_KEY_VALIDITY, "key_validity",
	    N_("the signing key was not valid at that time") },
	{ CORE_E_REVOKED, "revoked", N_("the service has been revoked") },
	{ CORE_E_SUSPENDED, "suspended", N_("the service is suspended") },
	{ CORE_E_RECEIPT_MISMATCH, "receipt_mismatch",
	    N_("the receipt does not match what was sent") },
	{ CORE_E_REGISTRY, "registry",
	    N_("the registry does not follow the protocol") },
	{ CORE_E_RECORD, "record",
	    N_("the decision record does not follow the protocol") },
	{ CORE_E_SUPERSEDED, "superseded",
	    N_("the decision record has been replaced by a newer one") },
	{ CORE_E_LABEL, "label",
	    N_("the provenance label contradicts itself") },
	{ CORE_E_HTML, "html", N_("the letter cannot be shown") },
	{ CORE_E_XMP, "xmp", N_("the media metadata cannot be read") },
	{ CORE_E_NET_CONNECT, "net_connect",
	    N_("could not connect to the service") },
	{ CORE_E_NET_DNS, "net_dns",
	    N_("the service's host name was not found") },
	{ CORE_E_NET_TIMEOUT, "net_timeout",
	    N_("the service did not answer in time") },
	{ CORE_E_NET_TLS, "net_tls",
	    N_("the secure connection failed or its certificate was refused") },
	{ CORE_E_NET_POLICY, "net_policy",
	    N_("the connection was refused by the security policy") },
	{ CORE_E_NET_HTTP, "net_http",
	    N_("the service answered with an error") },
	{ CORE_E_NET_CONTENT_TYPE, "net_content_type",
	    N_("the service answered with the wrong kind of data") },
	{ CORE_E_NET_CONFLICT, "net_conflict",
	    N_("the service already holds a different contest under this key") },
	{ CORE_E_NET_CANCELLED, "net_cancelled", N_("cancelled") },
	{ CORE_E_NET_RETRY, "net_retry",
	    N_("the service asked to try again later") },
	{ CORE_E_NET_BROKEN, "net_broken",
	    N_("the connection to the service broke off before the answer was complete") },
	{ CORE_E_STORE_LOCKED, "store_locked",
	    N_("the local store is in use by another recourse") },
	{ CORE_E_STORE_CORRUPT, "store_corrupt",
	    N_("a stored file was damaged and has been set aside") },
	{ CORE_E_NOSPACE, "nospace", N_("the disk is full") },
	{ CORE_E_NOT_FOUND, "not_found", N_("not found") },
};

const char *
core_strerror(enum core_code code)
{
	size_t	i;

	for (i = 0; i < sizeof core_codes / sizeof core_codes[0]; i++) {
		if (core_codes[i].code == code)
			return core_codes[i].msg;
	}
	return N_("unknown error");
}

enum core_code
core_err_set(struct core_err *err, enum core_code code, size_t offset,
    const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL)
		return code;
	err->code = code;
	err->offset = offset;
	err->detail[0] = '\0';
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(err->detail, sizeof err->detail, fmt, ap);
		va_end(ap);
	}
	return code;
}

void
core_err_clear(struct core_err *err)
{
	if (err == NULL)
		return;
	memset(err, 0, sizeof *err);
	err->offset = CORE_NO_OFFSET;
}

const char *
core_errname(enum core_code code)
{
	size_t	i;

	for (i = 0; i < sizeof core_codes / sizeof core_codes[0]; i++) {
		if (core_codes[i].code == code)
			return core_codes[i].name;
	}
	return "unknown";
}
