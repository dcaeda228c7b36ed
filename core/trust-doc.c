/* trust-doc.c: the verdict on one signed document of recourse/1. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/error.h"
#include "core/intl.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/receipt.h"
#include "core/trust-int.h"
#include "core/trust.h"
#include "core/verdict.h"

/* ---- documents ------------------------------------------------------------ */

static const char *const trust_typs[][2] = {
	{ "decision", CORE_TYP_DECISION },
	{ "receipt", CORE_TYP_RECEIPT },
	{ "status", CORE_TYP_STATUS },
	{ "registry", CORE_TYP_REGISTRY },
	{ "attestation", CORE_TYP_ATTESTATION }
};

const char *
core_trust_typ(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof trust_typs / sizeof trust_typs[0]; i++) {
		if (strcmp(name, trust_typs[i][0]) == 0 ||
		    strcmp(name, trust_typs[i][1]) == 0)
			return trust_typs[i][1];
	}
	return NULL;
}

/* Is typ one of the protocol's document types (in full)? */
static int
trust_typ_known(const char *typ)
{
	size_t	i;

	for (i = 0; i < sizeof trust_typs / sizeof trust_typs[0]; i++) {
		if (strcmp(typ, trust_typs[i][1]) == 0)
			return 1;
	}
	return 0;
}

void
core_doc_info_free(struct core_doc_info *info)
{
	json_decref(info->payload);
	info->payload = NULL;
}

/* Add the checks that could not be made after a failure, from id on. */
static void
trust_not_checked(struct core_verdict *v, const char *from)
{
	static const struct {
		const char		*id;
		enum core_check_kind	 kind;
		const char		*msg;
	} rest[] = {
		{ "signature", CORE_CHECK_INTEGRITY,
		  N_("The signature was not checked.") },
		{ "content", CORE_CHECK_INTEGRITY,
		  N_("The signed content was not checked.") },
		{ "trust", CORE_CHECK_TRUST,
		  N_("Whether the signer is trusted was not checked.") }
	};
	size_t	i;
	int	on = 0;

	for (i = 0; i < sizeof rest / sizeof rest[0]; i++) {
		if (strcmp(rest[i].id, from) == 0)
			on = 1;
		if (on)
			core_verdict_add(v, rest[i].id, rest[i].kind,
			    CORE_CHECK_NOT_CHECKED, NULL, rest[i].msg, NULL);
	}
}

/* The origin a document of typ names as its signer, checked, into out. */
static enum core_code
trust_doc_service(const char *typ, const json_t *payload, char *out,
    size_t outsz, struct core_err *err)
{
	const char	*member, *s;

	if (strcmp(typ, CORE_TYP_DECISION) == 0)
		member = "issuer";
	else if (strcmp(typ, CORE_TYP_ATTESTATION) == 0)
		member = "provider";
	else
		member = "service_id";
	if (!json_is_object(payload))
		return core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "the payload is not a JSON object");
	s = trust_str(payload, member);
	if (s == NULL || !core_trust_origin_valid(s) || strlen(s) >= outsz)
		return core_err_set(err, CORE_E_JSON_TYPE, CORE_NO_OFFSET,
		    "\"%s\" missing or not an https origin", member);
	memcpy(out, s, strlen(s) + 1);
	return CORE_OK;
}

/* The receipt check: does the receipt name the body that was sent? */
static enum core_code
trust_receipt_check(const struct core_receipt *rcpt, const void *body,
    size_t body_len, struct core_verdict *v)
{
	enum core_code			 rc = CORE_OK;
	struct core_receipt_expect	 exp;
	struct core_err			 err;
	json_t				*b = NULL;

	core_err_clear(&err);
	if (body == NULL) {
		core_verdict_add(v, "receipt", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_NOT_CHECKED, NULL,
		    N_("The receipt was not compared with the contest that was "
		    "sent: no copy of it was given."), NULL);
		goto out;
	}
	memset(&exp, 0, sizeof exp);
	exp.body = body;
	exp.body_len = body_len;
	/* The decision contested is named in the body itself; a body that is
	 * not JSON is compared by its digest alone. */
	rc = core_json_parse(body, body_len, NULL, &b, NULL);
	if (rc == CORE_E_NOMEM)
		goto out;
	if (rc == CORE_OK)
		exp.decision_id = trust_str(b, "decision_id");
	rc = core_receipt_match(rcpt, &exp, &err);
	if (rc == CORE_E_NOMEM)
		goto out;
	if (rc != CORE_OK)
		core_verdict_add(v, "receipt", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, &err,
		    N_("The receipt does not match the contest that was sent."),
		    NULL);
	else
		core_verdict_add(v, "receipt", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL,
		    N_("The receipt names the exact bytes of the contest that "
		    "was sent, for decision %s."), rcpt->decision_id, NULL);
	rc = CORE_OK;
out:
	json_decref(b);
	return rc;
}

/* The trust check of a registry given as a document. */
static void
trust_registry_doc(const struct core_trust *t,
    const struct core_trust_state *state, const struct core_registry *r,
    const struct trust_key *used, const char *thumbprint, time_t now,
    struct core_verdict *v)
{
	struct core_err	err;
	enum core_code	rc;
	char		seq[24], seen_s[24], when[21];
	int64_t		seen;

	core_err_clear(&err);
	snprintf(seq, sizeof seq, "%" PRId64, r->sequence);
	if (used == NULL || used->role != TRUST_ROOT) {
		core_err_set(&err, CORE_E_UNTRUSTED, CORE_NO_OFFSET,
		    "signed by key %s", thumbprint);
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("The registry is not signed by a registry root key."),
		    NULL);
		return;
	}
	if (used->scope[0] != '\0' && strcmp(used->scope, r->id) != 0) {
		core_err_set(&err, CORE_E_UNTRUSTED, CORE_NO_OFFSET,
		    "the root key may sign registry \"%s\" only", used->scope);
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("The root key that signed it may not sign the "
		    "registry %s."), r->id, NULL);
		return;
	}
	rc = trust_registry_fresh(t, state, r, now, &seen, &err);
	snprintf(seen_s, sizeof seen_s, "%" PRId64, seen);
	if (rc == CORE_E_REG_EXPIRED) {
		core_trust_time_format(r->expires, when);
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("The registry %1$s expired at %2$s."), r->id, when,
		    NULL);
	} else if (rc == CORE_E_REG_ROLLBACK && r->sequence < seen) {
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("The registry %1$s has sequence %2$s, lower than "
		    "sequence %3$s already seen."), r->id, seq, seen_s, NULL);
	} else if (rc != CORE_OK) {
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("The registry %1$s repeats sequence %2$s with other "
		    "content."), r->id, seq, NULL);
	} else {
		core_trust_time_format(r->expires, when);
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_PASSED,
		    NULL, N_("The registry %1$s, sequence %2$s, is signed by a "
		    "root key and current until %3$s."), r->id, seq, when, NULL);
	}
}

/* The trust check of a document signed for a service or provider. */
enum core_code
core_trust_signer_check(const struct core_trust *t,
    const struct core_doc_info *info, enum core_registry_role role,
    time_t now, struct core_verdict *v)
{
	struct core_trust_info	ti;
	struct core_err		err;
	enum core_code		rc;
	char			seq[24], a[21], b[21], at[21];

	core_err_clear(&err);
	rc = core_trust_check(t, info->thumbprint, info->service_id, role, now,
	    &ti, &err);
	/* The numbers and times are written out only for the messages that
	 * show them, not for every pinned key that passes. */
	switch (rc) {
	case CORE_OK:
		if (ti.source == CORE_TRUST_PINNED) {
			core_verdict_add(v, "trust", CORE_CHECK_TRUST,
			    CORE_CHECK_PASSED, NULL,
			    N_("The signing key is pinned as trusted."), NULL);
			break;
		}
		snprintf(seq, sizeof seq, "%" PRId64, ti.sequence);
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_PASSED,
		    NULL, N_("Registry %1$s (sequence %2$s) lists %3$s as active "
		    "with this key."), ti.registry, seq, info->service_id, NULL);
		break;
	case CORE_E_REVOKED:
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("Registry %1$s lists %2$s as revoked."), ti.registry,
		    info->service_id, NULL);
		break;
	case CORE_E_SUSPENDED:
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("Registry %1$s lists %2$s as suspended."),
		    ti.registry, info->service_id, NULL);
		break;
	case CORE_E_KEY_VALIDITY:
		core_trust_time_format(ti.not_before, a);
		core_trust_time_format(ti.not_after, b);
		core_trust_time_format(now, at);
		core_verdict_add(v, "trust", CORE_CHECK_TRUST, CORE_CHECK_FAILED,
		    &err, N_("The signing key is valid from %1$s to %2$s, not at "
		    "%3$s."), ti.not_before != 0 ? a : "-",
		    ti.not_after != 0 ? b : "-", at, NULL);
		break;
	case CORE_E_UNTRUSTED:
		if (ti.listed_for[0] != '\0')
			core_verdict_add(v, "trust", CORE_CHECK_TRUST,
			    CORE_CHECK_FAILED, &err,
			    N_("Registry %1$s lists the signing key for %2$s, "
			    "not for %3$s."), ti.registry, ti.listed_for,
			    info->service_id, NULL);
		else
			core_verdict_add(v, "trust", CORE_CHECK_TRUST,
			    CORE_CHECK_FAILED, &err,
			    N_("No accepted registry lists the signing key for "
			    "%s, and the key is not pinned."), info->service_id,
			    NULL);
		break;
	default:
		goto out;
	}
	rc = CORE_OK;
out:
	return rc;
}

enum core_code
core_trust_verify_doc(const struct core_trust *t, const void *doc, size_t len,
    const char *expect_typ, const struct core_keyset *extra,
    const struct core_trust_state *state, time_t now, const void *body,
    size_t body_len, struct core_verdict *v, struct core_doc_info *info)
{
	enum core_code		 rc;
	struct core_err		 err;
	struct core_jws_result	 res;
	struct core_jws		*jws = NULL;
	struct core_registry	*reg = NULL;
	struct core_receipt	 rcpt;
	const struct trust_key	*used = NULL;
	json_t			*payload = NULL;
	unsigned		 roles;

	memset(&res, 0, sizeof res);
	memset(info, 0, sizeof *info);
	core_verdict_init(v);
	core_err_clear(&err);

	/* format */
	rc = trust_open_kid(doc, len, &jws, info->kid, sizeof info->kid,
	    info->typ, sizeof info->typ, &err);
	if (rc == CORE_E_NOMEM)
		goto out;
	if (rc != CORE_OK) {
		core_verdict_add(v, "format", CORE_CHECK_FORMAT, CORE_CHECK_FAILED,
		    &err, N_("The file is not a signed document that can be read."),
		    NULL);
		rc = CORE_OK;
		goto out;
	}
	core_verdict_add(v, "format", CORE_CHECK_FORMAT, CORE_CHECK_PASSED, NULL,
	    N_("The file is a signed document (JWS)."), NULL);

	/* typ */
	if (info->typ[0] == '\0') {
		core_err_set(&err, CORE_E_JWS_TYP, CORE_NO_OFFSET,
		    "no typ in the protected header");
		core_verdict_add(v, "typ", CORE_CHECK_INTEGRITY, CORE_CHECK_FAILED,
		    &err, N_("The document does not say what type it is."), NULL);
	} else if (expect_typ != NULL && strcmp(expect_typ, info->typ) != 0) {
		core_err_set(&err, CORE_E_JWS_TYP, CORE_NO_OFFSET,
		    "typ \"%.64s\", expected \"%s\"", info->typ, expect_typ);
		core_verdict_add(v, "typ", CORE_CHECK_INTEGRITY, CORE_CHECK_FAILED,
		    &err, N_("The document is of type %1$s, not of the expected "
		    "type %2$s."), info->typ, expect_typ, NULL);
	} else if (!trust_typ_known(info->typ)) {
		core_err_set(&err, CORE_E_JWS_TYP, CORE_NO_OFFSET,
		    "typ \"%.64s\"", info->typ);
		core_verdict_add(v, "typ", CORE_CHECK_INTEGRITY, CORE_CHECK_FAILED,
		    &err, N_("The document's type %s is not one of recourse/1."),
		    info->typ, NULL);
	} else {
		core_verdict_add(v, "typ", CORE_CHECK_INTEGRITY, CORE_CHECK_PASSED,
		    NULL, N_("The document is of type %s."), info->typ, NULL);
	}
	if (err.code != CORE_OK) {
		trust_not_checked(v, "signature");
		goto out;
	}

	/* signature */
	roles = TRUST_PIN | TRUST_KNOWN;
	if (strcmp(info->typ, CORE_TYP_REGISTRY) == 0)
		roles |= TRUST_ROOT;
	rc = trust_verify_jws(t, roles, extra, jws, info->typ,
	    info->kid[0] != '\0' ? info->kid : NULL, &res, &used, &err);
	if (rc == CORE_E_NOMEM)
		goto out;
	if (rc >= CORE_E_JSON_SYNTAX && rc <= CORE_E_JSON_TYPE) {
		/* The signature verified; what it signed is not JSON. */
		core_verdict_add(v, "signature", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL, N_("The signature by key %s is "
		    "valid."), info->kid, NULL);
		core_verdict_add(v, "content", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, &err, N_("The signed content is not "
		    "valid JSON."), NULL);
		rc = CORE_OK;
		trust_not_checked(v, "trust");
		goto out;
	} else if (rc == CORE_E_JWS_KID) {
		core_verdict_add(v, "signature", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, &err, N_("No key at hand matches the "
		    "signer (key id %s)."), info->kid, NULL);
	} else if (rc != CORE_OK) {
		core_verdict_add(v, "signature", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, &err, N_("The signature by key %s is not "
		    "valid."), info->kid, NULL);
	}
	if (rc != CORE_OK) {
		rc = CORE_OK;
		trust_not_checked(v, "content");
		goto out;
	}
	snprintf(info->kid, sizeof info->kid, "%s", res.kid);
	memcpy(info->thumbprint, res.thumbprint, sizeof info->thumbprint);
	info->thumbprint[sizeof info->thumbprint - 1] = '\0';
	snprintf(info->alg, sizeof info->alg, "%s", res.alg);
	core_verdict_add(v, "signature", CORE_CHECK_INTEGRITY, CORE_CHECK_PASSED,
	    NULL, N_("The signature by key %1$s (%2$s) is valid."), info->kid,
	    info->alg, NULL);

	/* content */
	if (res.payload_json != NULL)
		payload = json_incref(res.payload_json);
	else
		rc = core_json_parse(res.payload, res.payload_len, NULL,
		    &payload, &err);
	if (rc == CORE_OK && strcmp(info->typ, CORE_TYP_REGISTRY) == 0) {
		rc = core_registry_parse(res.payload, res.payload_len, &reg, &err);
		if (rc == CORE_OK)
			memcpy(info->service_id, reg->id, sizeof reg->id);
	} else if (rc == CORE_OK && strcmp(info->typ, CORE_TYP_RECEIPT) == 0) {
		rc = core_receipt_parse(res.payload, res.payload_len, &rcpt, &err);
		if (rc == CORE_OK)
			memcpy(info->service_id, rcpt.service_id,
			    sizeof rcpt.service_id);
	} else if (rc == CORE_OK) {
		rc = trust_doc_service(info->typ, payload, info->service_id,
		    sizeof info->service_id, &err);
	}
	if (rc == CORE_E_NOMEM)
		goto out;
	if (rc != CORE_OK) {
		core_verdict_add(v, "content", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, &err, N_("The signed content does not "
		    "follow the protocol."), NULL);
		rc = CORE_OK;
		trust_not_checked(v, "trust");
		goto out;
	}
	if (reg != NULL)
		core_verdict_add(v, "content", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL, N_("The signed content is a "
		    "well-formed registry, %s."), info->service_id, NULL);
	else
		core_verdict_add(v, "content", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL, N_("The signed content is "
		    "well-formed and names %s as its signer."), info->service_id,
		    NULL);
	if (strcmp(info->typ, CORE_TYP_RECEIPT) == 0 &&
	    (rc = trust_receipt_check(&rcpt, body, body_len, v)) != CORE_OK)
		goto out;

	/* trust */
	if (reg != NULL)
		trust_registry_doc(t, state, reg, used, info->thumbprint, now, v);
	else if ((rc = core_trust_signer_check(t, info,
	    strcmp(info->typ, CORE_TYP_ATTESTATION) == 0 ? CORE_ROLE_PROVIDER :
	    CORE_ROLE_SERVICE, now, v)) != CORE_OK)
		goto out;
	info->payload = payload;
	payload = NULL;
out:
	json_decref(payload);
	core_registry_free(&reg);
	core_jws_result_free(&res);
	core_jws_close(&jws);
	return rc;
}
