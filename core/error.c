/* error.c: messages for the error enum of error.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "core/intl.h"

static const struct {
	enum core_code	 code;
	const char	*msg;
} core_messages[] = {
	{ CORE_OK, N_("no error") },
	{ CORE_E_NOMEM, N_("out of memory") },
	{ CORE_E_IO, N_("the file could not be read or written") },
	{ CORE_E_ARG, N_("invalid argument") },
	{ CORE_E_TOO_LARGE, N_("the input is larger than allowed") },
	{ CORE_E_UNSUPPORTED, N_("not supported") },
	{ CORE_E_INTERNAL, N_("internal error in a library") },
	{ CORE_E_JSON_SYNTAX, N_("the document is not valid JSON") },
	{ CORE_E_JSON_DUPLICATE, N_("the document repeats a member name") },
	{ CORE_E_JSON_UTF8, N_("the document is not valid UTF-8") },
	{ CORE_E_JSON_SURROGATE, N_("the document holds a lone surrogate") },
	{ CORE_E_JSON_DEPTH, N_("the document is nested too deeply") },
	{ CORE_E_JSON_STRING, N_("the document holds a string that is too long") },
	{ CORE_E_JSON_NUMBER, N_("the document holds a number outside the safe range") },
	{ CORE_E_JSON_TYPE, N_("a field is missing or has the wrong type") },
	{ CORE_E_BASE64, N_("invalid base64url data") },
	{ CORE_E_BASE58, N_("invalid base58 or multibase data") },
	{ CORE_E_KEY, N_("the key is malformed or of an unsupported type") },
	{ CORE_E_DID, N_("the did:key identifier is malformed or unsupported") },
	{ CORE_E_PEM, N_("the PEM file holds no usable key") },
	{ CORE_E_SIG_INVALID, N_("the signature is invalid") },
	{ CORE_E_SIG_LENGTH, N_("the signature has the wrong length") },
	{ CORE_E_JWS_FORMAT, N_("the signed document is not in an accepted form") },
	{ CORE_E_JWS_ALG, N_("the signature algorithm is refused") },
	{ CORE_E_JWS_CRIT, N_("the signed document needs an extension that is not understood") },
	{ CORE_E_JWS_HEADER, N_("the signed document carries a refused header parameter") },
	{ CORE_E_JWS_TYP, N_("the signed document is not of the expected type") },
	{ CORE_E_JWS_KID, N_("no known key matches the signer") },
	{ CORE_E_DI_PROOF, N_("the Data Integrity proof is malformed or unsupported") },
	{ CORE_E_UNTRUSTED, N_("no trusted registry lists the signer") },
	{ CORE_E_REG_ROLLBACK, N_("the registry is older than one already seen") },
	{ CORE_E_REG_EXPIRED, N_("the registry has expired") },
	{ CORE_E_KEY_VALIDITY, N_("the signing key was not valid at that time") },
	{ CORE_E_REVOKED, N_("the service has been revoked") },
	{ CORE_E_SUSPENDED, N_("the service is suspended") },
	{ CORE_E_RECEIPT_MISMATCH, N_("the receipt does not match what was sent") },
	{ CORE_E_REGISTRY, N_("the registry does not follow the protocol") },
	{ CORE_E_RECORD, N_("the decision record does not follow the protocol") },
	{ CORE_E_SUPERSEDED, N_("the decision record has been replaced by a newer one") },
	{ CORE_E_LABEL, N_("the provenance label contradicts itself") },
	{ CORE_E_HTML, N_("the letter cannot be shown") },
	{ CORE_E_XMP, N_("the media metadata cannot be read") },
	{ CORE_E_NET_CONNECT, N_("could not connect to the service") },
	{ CORE_E_NET_DNS, N_("the service's host name was not found") },
	{ CORE_E_NET_TIMEOUT, N_("the service did not answer in time") },
	{ CORE_E_NET_TLS, N_("the secure connection failed or its certificate was refused") },
	{ CORE_E_NET_POLICY, N_("the connection was refused by the security policy") },
	{ CORE_E_NET_HTTP, N_("the service answered with an error") },
	{ CORE_E_NET_CONTENT_TYPE, N_("the service answered with the wrong kind of data") },
	{ CORE_E_NET_CONFLICT, N_("the service already holds a different contest under this key") },
	{ CORE_E_NET_CANCELLED, N_("cancelled") },
	{ CORE_E_NET_RETRY, N_("the service asked to try again later") },
	{ CORE_E_NET_BROKEN, N_("the connection to the service broke off before the answer was complete") },
	{ CORE_E_STORE_LOCKED, N_("the local store is in use by another recourse") },
	{ CORE_E_STORE_CORRUPT, N_("a stored file was damaged and has been set aside") },
	{ CORE_E_NOSPACE, N_("the disk is full") },
	{ CORE_E_NOT_FOUND, N_("not found") },
};

const char *
core_strerror(enum core_code code)
{
	size_t	i;

	for (i = 0; i < sizeof core_messages / sizeof core_messages[0]; i++) {
		if (core_messages[i].code == code)
			return core_messages[i].msg;
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

/* Stable names of the codes for machines (recourse verify --json): the
 * enum's name without CORE_E_, in lower case.  Never changed once given. */
static const struct {
	enum core_code	 code;
	const char	*name;
} core_names[] = {
	{ CORE_OK, "ok" },
	{ CORE_E_NOMEM, "nomem" },
	{ CORE_E_IO, "io" },
	{ CORE_E_ARG, "arg" },
	{ CORE_E_TOO_LARGE, "too_large" },
	{ CORE_E_UNSUPPORTED, "unsupported" },
	{ CORE_E_INTERNAL, "internal" },
	{ CORE_E_JSON_SYNTAX, "json_syntax" },
	{ CORE_E_JSON_DUPLICATE, "json_duplicate" },
	{ CORE_E_JSON_UTF8, "json_utf8" },
	{ CORE_E_JSON_SURROGATE, "json_surrogate" },
	{ CORE_E_JSON_DEPTH, "json_depth" },
	{ CORE_E_JSON_STRING, "json_string" },
	{ CORE_E_JSON_NUMBER, "json_number" },
	{ CORE_E_JSON_TYPE, "json_type" },
	{ CORE_E_BASE64, "base64" },
	{ CORE_E_BASE58, "base58" },
	{ CORE_E_KEY, "key" },
	{ CORE_E_DID, "did" },
	{ CORE_E_PEM, "pem" },
	{ CORE_E_SIG_INVALID, "sig_invalid" },
	{ CORE_E_SIG_LENGTH, "sig_length" },
	{ CORE_E_JWS_FORMAT, "jws_format" },
	{ CORE_E_JWS_ALG, "jws_alg" },
	{ CORE_E_JWS_CRIT, "jws_crit" },
	{ CORE_E_JWS_HEADER, "jws_header" },
	{ CORE_E_JWS_TYP, "jws_typ" },
	{ CORE_E_JWS_KID, "jws_kid" },
	{ CORE_E_DI_PROOF, "di_proof" },
	{ CORE_E_UNTRUSTED, "untrusted" },
	{ CORE_E_REG_ROLLBACK, "reg_rollback" },
	{ CORE_E_REG_EXPIRED, "reg_expired" },
	{ CORE_E_KEY_VALIDITY, "key_validity" },
	{ CORE_E_REVOKED, "revoked" },
	{ CORE_E_SUSPENDED, "suspended" },
	{ CORE_E_RECEIPT_MISMATCH, "receipt_mismatch" },
	{ CORE_E_REGISTRY, "registry" },
	{ CORE_E_RECORD, "record" },
	{ CORE_E_SUPERSEDED, "superseded" },
	{ CORE_E_LABEL, "label" },
	{ CORE_E_HTML, "html" },
	{ CORE_E_XMP, "xmp" },
	{ CORE_E_NET_CONNECT, "net_connect" },
	{ CORE_E_NET_DNS, "net_dns" },
	{ CORE_E_NET_TIMEOUT, "net_timeout" },
	{ CORE_E_NET_TLS, "net_tls" },
	{ CORE_E_NET_POLICY, "net_policy" },
	{ CORE_E_NET_HTTP, "net_http" },
	{ CORE_E_NET_CONTENT_TYPE, "net_content_type" },
	{ CORE_E_NET_CONFLICT, "net_conflict" },
	{ CORE_E_NET_CANCELLED, "net_cancelled" },
	{ CORE_E_NET_RETRY, "net_retry" },
	{ CORE_E_NET_BROKEN, "net_broken" },
	{ CORE_E_STORE_LOCKED, "store_locked" },
	{ CORE_E_STORE_CORRUPT, "store_corrupt" },
	{ CORE_E_NOSPACE, "nospace" },
	{ CORE_E_NOT_FOUND, "not_found" },
};

const char *
core_errname(enum core_code code)
{
	size_t	i;

	for (i = 0; i < sizeof core_names / sizeof core_names[0]; i++) {
		if (core_names[i].code == code)
			return core_names[i].name;
	}
	return "unknown";
}
