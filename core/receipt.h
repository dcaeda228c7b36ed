/*
 * receipt.h: the signed receipt a service gives for a contest (typ
 * recourse-receipt+json), checked against what was sent.
 *
 * The payload is
 *   {"receipt_id","service_id","decision_id","contest_id","idempotency_key",
 *    "body_sha256":HEX,"received_at":RFC3339,"answer_due":"YYYY-MM-DD",
 *    "status_url"}
 * A receipt proves the date of a submission only when it is signed by the
 * service and names exactly the bytes that were sent: body_sha256 must be the
 * SHA-256 of the request body byte for byte, and idempotency_key and
 * decision_id must be those of the request.  Any difference is
 * CORE_E_RECEIPT_MISMATCH, with the field named in the error's detail.
 */
#ifndef RECOURSE_CORE_RECEIPT_H
#define RECOURSE_CORE_RECEIPT_H

#include <stddef.h>
#include <time.h>

#include "core/error.h"
#include "core/jws.h"
#include "core/key.h"

#define CORE_RECEIPT_ID_LEN	129	/* ids: up to 128 bytes and a NUL */
#define CORE_RECEIPT_URL_LEN	2049

struct core_receipt {
	char	receipt_id[CORE_RECEIPT_ID_LEN];
	char	service_id[257];
	char	decision_id[CORE_RECEIPT_ID_LEN];
	char	contest_id[CORE_RECEIPT_ID_LEN];
	char	idempotency_key[CORE_RECEIPT_ID_LEN];
	char	body_sha256[65];
	char	received_at[32];	/* as written */
	time_t	received;
	char	answer_due[11];		/* YYYY-MM-DD */
	time_t	due;			/* midnight UTC of answer_due */
	char	status_url[CORE_RECEIPT_URL_LEN];
	/* Set by core_receipt_verify(): the key that signed it. */
	char	kid[128];
	char	thumbprint[CORE_THUMBPRINT_LEN];
};

/* What the receipt must match.  Members that are NULL are not compared
 * (body NULL: body_sha256 is not checked). */
struct core_receipt_expect {
	const void	*body;		/* the exact bytes POSTed */
	size_t		 body_len;
	const char	*idempotency_key;
	const char	*decision_id;
	const char	*service_id;	/* the service the contest went to */
};

/* Parse and check the fields of a receipt payload (no signature). */
enum core_code	core_receipt_parse(const void *payload, size_t len,
		    struct core_receipt *out, struct core_err *err);

/* Compare a parsed receipt with what was sent. */
enum core_code	core_receipt_match(const struct core_receipt *r,
		    const struct core_receipt_expect *exp, struct core_err *err);

/*
 * Verify the receipt JWS with the service's keys (its typ must be
 * recourse-receipt+json), parse it, and compare it with exp.  Signature
 * errors come first: a mismatch is reported only for an authentic receipt.
 * Whether the signer is trusted is the caller's question
 * (core_trust_check() with out->thumbprint).
 */
enum core_code	core_receipt_verify(const void *jws, size_t len,
		    const struct core_keyset *keys,
		    const struct core_receipt_expect *exp,
		    struct core_receipt *out, struct core_err *err);

#endif
