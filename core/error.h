/*
 * error.h: the one error enum of recourse.
 *
 * Codes are numbered, never reused and never renumbered; a code that goes out
 * of use keeps its number and its message.  Each code has one message in
 * error.c (marked N_() for translation) and a line in recourse(1), section
 * ERRORS.  Keep "the signature is invalid" apart from "the file could not be
 * read": callers decide exit codes from the code alone.
 *
 * Human detail travels beside the code in struct core_err: a byte offset where
 * one applies and a short detail string (never translated: it names bytes,
 * fields and values).
 */
#ifndef RECOURSE_CORE_ERROR_H
#define RECOURSE_CORE_ERROR_H

#include <stddef.h>

enum core_code {
	CORE_OK = 0,
	/* general, 1-19 */
	CORE_E_NOMEM = 1,		/* out of memory */
	CORE_E_IO = 2,			/* a file could not be read or written */
	CORE_E_ARG = 3,			/* a caller passed something invalid */
	CORE_E_TOO_LARGE = 4,		/* input over a configured size cap */
	CORE_E_UNSUPPORTED = 5,		/* a feature or algorithm not supported */
	CORE_E_INTERNAL = 6,		/* a library failed in an unexpected way */
	/* strict JSON, 20-39 */
	CORE_E_JSON_SYNTAX = 20,	/* not JSON */
	CORE_E_JSON_DUPLICATE = 21,	/* an object repeats a member name */
	CORE_E_JSON_UTF8 = 22,		/* invalid UTF-8 */
	CORE_E_JSON_SURROGATE = 23,	/* a lone surrogate in a \u escape */
	CORE_E_JSON_DEPTH = 24,		/* nesting too deep */
	CORE_E_JSON_STRING = 25,	/* a string too long */
	CORE_E_JSON_NUMBER = 26,	/* a number outside the I-JSON range */
	CORE_E_JSON_TYPE = 27,		/* a member of the wrong type or missing */
	/* encodings and keys, 40-59 */
	CORE_E_BASE64 = 40,		/* invalid base64url */
	CORE_E_BASE58 = 41,		/* invalid base58btc or multibase */
	CORE_E_KEY = 42,		/* a malformed or unsupported key */
	CORE_E_DID = 43,		/* a malformed or unsupported did:key */
	CORE_E_PEM = 44,		/* a PEM file that holds no usable key */
	/* signatures and JWS, 60-89 */
	CORE_E_SIG_INVALID = 60,	/* the signature does not verify */
	CORE_E_SIG_LENGTH = 61,		/* a signature of the wrong length */
	CORE_E_JWS_FORMAT = 62,		/* not a JWS in an accepted serialisation */
	CORE_E_JWS_ALG = 63,		/* algorithm refused or not the key's */
	CORE_E_JWS_CRIT = 64,		/* an unknown critical header */
	CORE_E_JWS_HEADER = 65,		/* a refused header parameter (jwk, jku, x5u, x5c) */
	CORE_E_JWS_TYP = 66,		/* missing or unexpected document type */
	CORE_E_JWS_KID = 67,		/* no key for this kid */
	CORE_E_DI_PROOF = 68,		/* a Data Integrity proof malformed or unsupported */
	/* trust, 90-109 */
	CORE_E_UNTRUSTED = 90,		/* no registry lists the signer, no pin */
	CORE_E_REG_ROLLBACK = 91,	/* registry sequence lower than last seen */
	CORE_E_REG_EXPIRED = 92,	/* registry past its expiry */
	CORE_E_KEY_VALIDITY = 93,	/* key outside its validity window */
	CORE_E_REVOKED = 94,		/* service revoked */
	CORE_E_SUSPENDED = 95,		/* service suspended */
	CORE_E_RECEIPT_MISMATCH = 96,	/* receipt digest does not match the bytes sent */
	CORE_E_REGISTRY = 97,		/* a registry that breaks the protocol */
	/* records and labels, 110-129 */
	CORE_E_RECORD = 110,		/* a decision record that breaks the protocol */
	CORE_E_SUPERSEDED = 111,	/* a newer record replaces this one */
	CORE_E_LABEL = 112,		/* a provenance label that contradicts itself */
	CORE_E_HTML = 113,		/* a letter that cannot be rendered */
	CORE_E_XMP = 114,		/* media metadata that cannot be parsed */
	/* network and store, 130-159 (net/ uses the same enum) */
	CORE_E_NET_CONNECT = 130,	/* could not connect */
	CORE_E_NET_DNS = 131,		/* host name not found */
	CORE_E_NET_TIMEOUT = 132,	/* timed out */
	CORE_E_NET_TLS = 133,		/* TLS failed or certificate refused */
	CORE_E_NET_POLICY = 134,	/* refused by transport policy */
	CORE_E_NET_HTTP = 135,		/* an HTTP status that is an error */
	CORE_E_NET_CONTENT_TYPE = 136,	/* a response of the wrong media type */
	CORE_E_NET_CONFLICT = 137,	/* 409: same key, another body */
	CORE_E_NET_CANCELLED = 138,	/* cancelled by the person */
	CORE_E_NET_RETRY = 139,		/* the service asked to try later */
	CORE_E_NET_BROKEN = 140,	/* the connection broke off mid-answer */
	CORE_E_STORE_LOCKED = 150,	/* the store is in use by another instance */
	CORE_E_STORE_CORRUPT = 151,	/* a stored file was corrupt and set aside */
	CORE_E_NOSPACE = 152,		/* the disk is full */
	CORE_E_NOT_FOUND = 153,		/* no such case, draft or file */
	CORE_E__MAX = 160
};

struct core_err {
	enum core_code	code;
	size_t		offset;		/* byte offset, or (size_t)-1 */
	char		detail[240];
};

#define CORE_NO_OFFSET ((size_t)-1)

/* Message id (untranslated, marked N_()) for a code; never NULL. */
const char	*core_strerror(enum core_code code);
/* Stable name of a code for machines: "sig_invalid" for CORE_E_SIG_INVALID,
 * "ok" for CORE_OK, "unknown" for a number that is no code. */
const char	*core_errname(enum core_code code);

/* Record code, offset and a printf-style detail in err (which may be NULL);
 * returns code so that callers can write `return core_err_set(...)`. */
enum core_code	 core_err_set(struct core_err *err, enum core_code code,
		     size_t offset, const char *fmt, ...)
		     __attribute__((format(printf, 4, 5)));

/* Clear err to CORE_OK. */
void		 core_err_clear(struct core_err *err);

#endif
