/* receipt.c: signed contest receipts, checked against the bytes that were sent. */
#include "config.h"

#include <string.h>

#include <jansson.h>

#include "core/error.h"
#include "core/hash.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/receipt.h"
#include "core/trust.h"

/* An id of the protocol: [A-Za-z0-9][A-Za-z0-9._:-]{0,127}. */
static int
receipt_id_ok(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9'))
			continue;
		if (i > 0 && (s[i] == '.' || s[i] == '_' || s[i] == ':' ||
		    s[i] == '-'))
			continue;
		return 0;
	}
	return i >= 1 && i <= 128;
}

/* An idempotency key: 16 to 128 printable ASCII characters. */
static int
receipt_key_ok(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < 0x21 || s[i] > 0x7e)
			return 0;
	}
	return i >= 16 && i <= 128;
}

/* 64 lowercase hex digits. */
static int
receipt_hex_ok(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	}
	return i == 64;
}

/* Copy the string member name of o into dst (size sz) after checking it
 * with ok (may be NULL). */
static enum core_code
receipt_str(const json_t *o, const char *name, char *dst, size_t sz,
    int (*ok)(const char *), struct core_err *err)
{
	const json_t	*v;
	const char	*s;

	v = json_object_get(o, name);
	if (!json_is_string(v))
		return core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "receipt: \"%s\" missing or not a string", name);
	s = json_string_value(v);
	if (strlen(s) != json_string_length(v) || strlen(s) >= sz ||
	    (ok != NULL && !ok(s)))
		return core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "receipt: \"%s\" is not of the protocol's form", name);
	memcpy(dst, s, strlen(s) + 1);
	return CORE_OK;
}

enum core_code
core_receipt_parse(const void *payload, size_t len, struct core_receipt *out,
    struct core_err *err)
{
	enum core_code	 rc;
	json_t		*o = NULL;

	memset(out, 0, sizeof *out);
	if ((rc = core_json_parse(payload, len, NULL, &o, err)) != CORE_OK)
		goto out;
	if (!json_is_object(o)) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "receipt: not a JSON object");
		goto out;
	}
	if ((rc = receipt_str(o, "receipt_id", out->receipt_id,
	    sizeof out->receipt_id, receipt_id_ok, err)) != CORE_OK ||
	    (rc = receipt_str(o, "service_id", out->service_id,
	    sizeof out->service_id, core_trust_origin_valid, err)) != CORE_OK ||
	    (rc = receipt_str(o, "decision_id", out->decision_id,
	    sizeof out->decision_id, receipt_id_ok, err)) != CORE_OK ||
	    (rc = receipt_str(o, "contest_id", out->contest_id,
	    sizeof out->contest_id, receipt_id_ok, err)) != CORE_OK ||
	    (rc = receipt_str(o, "idempotency_key", out->idempotency_key,
	    sizeof out->idempotency_key, receipt_key_ok, err)) != CORE_OK ||
	    (rc = receipt_str(o, "body_sha256", out->body_sha256,
	    sizeof out->body_sha256, receipt_hex_ok, err)) != CORE_OK ||
	    (rc = receipt_str(o, "received_at", out->received_at,
	    sizeof out->received_at, NULL, err)) != CORE_OK ||
	    (rc = receipt_str(o, "answer_due", out->answer_due,
	    sizeof out->answer_due, NULL, err)) != CORE_OK ||
	    (rc = receipt_str(o, "status_url", out->status_url,
	    sizeof out->status_url, core_trust_url_valid, err)) != CORE_OK)
		goto out;
	if (core_trust_time_parse(out->received_at, &out->received) != 0) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "receipt: \"received_at\" is not an RFC 3339 UTC time");
		goto out;
	}
	if (core_trust_date_parse(out->answer_due, &out->due) != 0) {
		rc = core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "receipt: \"answer_due\" is not a date YYYY-MM-DD");
		goto out;
	}
out:
	json_decref(o);
	return rc;
}

enum core_code
core_receipt_match(const struct core_receipt *r,
    const struct core_receipt_expect *exp, struct core_err *err)
{
	enum core_code	rc = CORE_OK;
	char		hex[CORE_SHA256_HEX_LEN + 1];

	if (exp == NULL)
		goto out;
	if (exp->body != NULL) {
		if ((rc = core_sha256_hex(exp->body, exp->body_len, hex)) != CORE_OK)
			goto out;
		if (!core_memeq(hex, r->body_sha256, CORE_SHA256_HEX_LEN)) {
			rc = core_err_set(err, CORE_E_RECEIPT_MISMATCH,
			    CORE_NO_OFFSET, "body_sha256 %s, but the body sent "
			    "has %s", r->body_sha256, hex);
			goto out;
		}
	}
	if (exp->idempotency_key != NULL &&
	    strcmp(exp->idempotency_key, r->idempotency_key) != 0) {
		rc = core_err_set(err, CORE_E_RECEIPT_MISMATCH, CORE_NO_OFFSET,
		    "idempotency_key differs from the one sent");
		goto out;
	}
	if (exp->decision_id != NULL &&
	    strcmp(exp->decision_id, r->decision_id) != 0) {
		rc = core_err_set(err, CORE_E_RECEIPT_MISMATCH, CORE_NO_OFFSET,
		    "decision_id differs from the decision contested");
		goto out;
	}
	if (exp->service_id != NULL &&
	    strcmp(exp->service_id, r->service_id) != 0) {
		rc = core_err_set(err, CORE_E_RECEIPT_MISMATCH, CORE_NO_OFFSET,
		    "service_id differs from the service the contest went to");
		goto out;
	}
out:
	return rc;
}

enum core_code
core_receipt_verify(const void *jws, size_t len, const struct core_keyset *keys,
    const struct core_receipt_expect *exp, struct core_receipt *out,
    struct core_err *err)
{
	enum core_code		rc;
	struct core_jws_result	res;

	memset(&res, 0, sizeof res);
	memset(out, 0, sizeof *out);
	if ((rc = core_jws_verify(jws, len, CORE_TYP_RECEIPT, keys, &res,
	    err)) != CORE_OK)
		goto out;
	if ((rc = core_receipt_parse(res.payload, res.payload_len, out,
	    err)) != CORE_OK)
		goto out;
	memcpy(out->kid, res.kid, sizeof out->kid);
	out->kid[sizeof out->kid - 1] = '\0';
	memcpy(out->thumbprint, res.thumbprint, sizeof out->thumbprint);
	out->thumbprint[sizeof out->thumbprint - 1] = '\0';
	rc = core_receipt_match(out, exp, err);
out:
	core_jws_result_free(&res);
	return rc;
}
