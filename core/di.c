/* di.c: W3C Data Integrity proofs with eddsa-jcs-2022 and ecdsa-jcs-2019. */
#include "config.h"

#include <string.h>

#include "core/alloc.h"
#include "core/b64.h"
#include "core/buf.h"
#include "core/di.h"
#include "core/hash.h"
#include "core/jcs.h"
#include "core/json.h"
#include "core/sig.h"

/* Ceiling on a canonical form: the largest document, escaped. */
#define DI_CANON_MAX	(8u * CORE_JSON_MAX_DOC)

static const struct {
	enum core_di_suite	 suite;
	const char		*name;
	enum core_key_type	 key;
} di_suites[] = {
	{ CORE_DI_EDDSA_JCS_2022, "eddsa-jcs-2022", CORE_KEY_ED25519 },
	{ CORE_DI_ECDSA_JCS_2019, "ecdsa-jcs-2019", CORE_KEY_P256 },
};

/* The name of a suite as proofs spell it. */
const char *
core_di_suite_name(enum core_di_suite suite)
{
	size_t	i;

	for (i = 0; i < sizeof di_suites / sizeof di_suites[0]; i++) {
		if (di_suites[i].suite == suite)
			return di_suites[i].name;
	}
	return NULL;
}

/* Read n decimal digits at s into *v; -1 unless all are digits. */
static int
di_digits(const char *s, size_t n, int *v)
{
	size_t	i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
static long long
di_days(int y, int m, int d)
{
	long long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Parse an xsd:dateTime with a four-digit year (YYYY-MM-DDThh:mm:ss, an
 * optional fraction, and an optional Z or +hh:mm / -hh:mm; no zone is read
 * as UTC) into Unix seconds; -1 when it is not one. */
static int
di_datetime(const char *s, long long *out)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int		 y, mo, d, h, mi, se, zh = 0, zm = 0, sign = 0;
	size_t		 n = strlen(s), i = 19;

	if (n < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' ||
	    di_digits(s, 4, &y) != 0 || di_digits(s + 5, 2, &mo) != 0 ||
	    di_digits(s + 8, 2, &d) != 0 || di_digits(s + 11, 2, &h) != 0 ||
	    di_digits(s + 14, 2, &mi) != 0 || di_digits(s + 17, 2, &se) != 0)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0)) || h > 23 || mi > 59 || se > 59)
		return -1;
	if (i < n && s[i] == '.') {
		i++;
		if (i == n || s[i] < '0' || s[i] > '9')
			return -1;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < n && s[i] == 'Z')
		i++;
	else if (i < n && (s[i] == '+' || s[i] == '-')) {
		sign = s[i] == '+' ? 1 : -1;
		if (n - i != 6 || s[i + 3] != ':' ||
		    di_digits(s + i + 1, 2, &zh) != 0 ||
		    di_digits(s + i + 4, 2, &zm) != 0 || zh > 14 || zm > 59)
			return -1;
		i += 6;
	}
	if (i != n)
		return -1;
	*out = di_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + se -
	    sign * (zh * 3600 + zm * 60);
	return 0;
}

/* 1 when the "@context" values of the proof begin the document's. */
static int
di_context_prefix(const json_t *doc_ctx, const json_t *proof_ctx)
{
	size_t	i, nd, np;

	nd = json_is_array(doc_ctx) ? json_array_size(doc_ctx) :
	    doc_ctx != NULL ? 1 : 0;
	np = json_is_array(proof_ctx) ? json_array_size(proof_ctx) : 1;
	if (np > nd)
		return 0;
	for (i = 0; i < np; i++) {
		if (!json_equal(json_is_array(doc_ctx) ?
		    json_array_get(doc_ctx, i) : (json_t *)doc_ctx,
		    json_is_array(proof_ctx) ? json_array_get(proof_ctx, i) :
		    (json_t *)proof_ctx))
			return 0;
	}
	return 1;
}

/* hashData of a document (without proofs) and proof options: SHA-256 of
 * each canonical form, the options' first. */
static enum core_code
di_hash_data(const json_t *unsecured, const json_t *options,
    unsigned char out[2 * CORE_SHA256_LEN], struct core_err *err)
{
	struct core_buf	b;
	enum core_code	rc;

	core_buf_init(&b, DI_CANON_MAX);
	if ((rc = core_jcs_serialize(options, &b, err)) != CORE_OK ||
	    (rc = core_sha256(b.data, b.len, out)) != CORE_OK)
		goto out;
	core_buf_reset(&b);
	if ((rc = core_jcs_serialize(unsecured, &b, err)) != CORE_OK ||
	    (rc = core_sha256(b.data, b.len, out + CORE_SHA256_LEN)) !=
	    CORE_OK)
		goto out;
out:
	core_buf_free(&b);
	return rc;
}

/* The string member name of o, or NULL (and *bad set) when present but not
 * a string; required members that are missing set *bad too. */
static const char *
di_str(const json_t *o, const char *name, int required, int *bad)
{
	const json_t	*v = json_object_get(o, name);

	if (v == NULL) {
		if (required)
			*bad = 1;
		return NULL;
	}
	if (!json_is_string(v) ||
	    strlen(json_string_value(v)) != json_string_length(v)) {
		*bad = 1;
		return NULL;
	}
	return json_string_value(v);
}

/* Copy s into a fixed field, refusing what does not fit. */
static int
di_copy(char *dst, size_t dstsz, const char *s)
{
	size_t	n = strlen(s);

	if (n >= dstsz)
		return -1;
	memcpy(dst, s, n + 1);
	return 0;
}

/* Verify one proof of doc; unsecured is doc without "proof". */
static enum core_code
di_verify_one(const json_t *doc, const json_t *unsecured, const json_t *proof,
    size_t idx, const struct core_di_verify_opts *opts,
    struct core_di_proof_info *info, struct core_err *err)
{
	unsigned char	 hash[2 * CORE_SHA256_LEN];
	struct core_buf	 sig;
	struct core_key	*k = NULL;
	json_t		*options = NULL, *input = NULL;
	const json_t	*pctx;
	const char	*type, *suite, *vm, *purpose, *value, *created,
			*expires;
	long long	 t;
	size_t		 i;
	int		 bad = 0;
	enum core_code	 rc = CORE_OK;

	core_buf_init(&sig, 256);
	memset(info, 0, sizeof *info);
	if (!json_is_object(proof)) {
		rc = core_err_set(err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
		    "proof %zu is not an object", idx);
		goto out;
	}
	type = di_str(proof, "type", 1, &bad);
	suite = di_str(proof, "cryptosuite", 1, &bad);
	vm = di_str(proof, "verificationMethod", 1, &bad);
	purpose = di_str(proof, "proofPurpose", 1, &bad);
	value = di_str(proof, "proofValue", 1, &bad);
	created = di_str(proof, "created", 0, &bad);
	expires = di_str(proof, "expires", 0, &bad);
	if (bad) {
		rc = core_err_set(err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
		    "proof %zu needs strings type, cryptosuite, "
		    "verificationMethod, proofPurpose and proofValue", idx);
		goto out;
	}
	if (strcmp(type, "DataIntegrityProof") != 0) {
		rc = core_err_set(err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
		    "proof %zu: type \"%.64s\" is not DataIntegrityProof",
		    idx, type);
		goto out;
	}
	for (i = 0; i < sizeof di_suites / sizeof di_suites[0]; i++) {
		if (strcmp(suite, di_suites[i].name) == 0)
			break;
	}
	if (i == sizeof di_suites / sizeof di_suites[0]) {
		rc = core_err_set(err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
		    "proof %zu: cryptosuite \"%.64s\" is not supported", idx,
		    suite);
		goto out;
	}
	info->suite = di_suites[i].suite;
	if (json_object_get(proof, "previousProof") != NULL) {
		rc = core_err_set(err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
		    "proof %zu: proof chains (previousProof) are not "
		    "supported", idx);
		goto out;
	}
	if ((created != NULL && di_datetime(created, &t) != 0) ||
	    (expires != NULL && di_datetime(expires, &t) != 0)) {
		rc = core_err_set(err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
		    "proof %zu: created or expires is not a date and time",
		    idx);
		goto out;
	}
	if (expires != NULL && opts != NULL && opts->now != 0 &&
	    di_datetime(expires, &t) == 0 && t < opts->now) {
		rc = core_err_set(err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
		    "proof %zu expired at %.40s", idx, expires);
		goto out;
	}
	if (opts != NULL && opts->purpose != NULL &&
	    strcmp(opts->purpose, purpose) != 0) {
		rc = core_err_set(err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
		    "proof %zu: purpose \"%.64s\", expected \"%.64s\"", idx,
		    purpose, opts->purpose);
		goto out;
	}
	if (di_copy(info->verification_method,
	    sizeof info->verification_method, vm) != 0 ||
	    di_copy(info->purpose, sizeof info->purpose, purpose) != 0 ||
	    di_copy(info->created, sizeof info->created,
	    created == NULL ? "" : created) != 0) {
		rc = core_err_set(err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
		    "proof %zu: a member is too long", idx);
		goto out;
	}
	if ((rc = core_key_from_did(vm, &k, err)) != CORE_OK)
		goto out;
	if (core_key_type(k) != di_suites[i].key) {
		rc = core_err_set(err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
		    "proof %zu: the key of %s is of the wrong type", idx,
		    suite);
		goto out;
	}
	memcpy(info->thumbprint, core_key_thumbprint_str(k),
	    CORE_THUMBPRINT_LEN);
	if (value[0] != 'z' || (rc = core_multibase_decode(value,
	    strlen(value), &sig, NULL)) != CORE_OK) {
		rc = core_err_set(err, rc == CORE_E_NOMEM ? rc :
		    CORE_E_DI_PROOF, CORE_NO_OFFSET, "proof %zu: proofValue is "
		    "not base58btc multibase", idx);
		goto out;
	}
	/* The options are the proof without its value. */
	if ((options = json_copy((json_t *)proof)) == NULL ||
	    json_object_del(options, "proofValue") != 0) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	pctx = json_object_get(options, "@context");
	if (pctx != NULL) {
		if (!di_context_prefix(json_object_get(doc, "@context"),
		    pctx)) {
			rc = core_err_set(err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
			    "proof %zu: the document's @context does not "
			    "begin with the proof's", idx);
			goto out;
		}
		if ((input = json_copy((json_t *)unsecured)) == NULL ||
		    json_object_set(input, "@context", (json_t *)pctx) != 0) {
			rc = CORE_E_NOMEM;
			goto out;
		}
	}
	if ((rc = di_hash_data(input != NULL ? input : unsecured, options, hash,
	    err)) != CORE_OK)
		goto out;
	rc = core_sig_verify(k, hash, sizeof hash, sig.data, sig.len, err);
out:
	if (rc == CORE_E_NOMEM)
		core_err_set(err, rc, CORE_NO_OFFSET, "verifying a proof");
	json_decref(options);
	json_decref(input);
	core_key_free(&k);
	core_buf_free(&sig);
	return rc;
}

/* Verify every proof of doc. */
enum core_code
core_di_verify(const json_t *doc, const struct core_di_verify_opts *opts,
    struct core_di_result *res, struct core_err *err)
{
	json_t		*unsecured = NULL;
	const json_t	*proof;
	size_t		 i, n;
	enum core_code	 rc = CORE_OK;

	memset(res, 0, sizeof *res);
	if (!json_is_object(doc)) {
		rc = core_err_set(err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
		    "a secured document is a JSON object");
		goto out;
	}
	proof = json_object_get(doc, "proof");
	n = json_is_array(proof) ? json_array_size(proof) : 1;
	if (proof == NULL || n == 0 || n > CORE_DI_MAX_PROOFS) {
		rc = core_err_set(err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
		    "the document needs 1 to %d proofs", CORE_DI_MAX_PROOFS);
		goto out;
	}
	if ((unsecured = json_copy((json_t *)doc)) == NULL ||
	    json_object_del(unsecured, "proof") != 0) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET,
		    "verifying a proof");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((rc = di_verify_one(doc, unsecured, json_is_array(proof) ?
		    json_array_get(proof, i) : proof, i, opts, &res->proofs[i],
		    err)) != CORE_OK)
			goto out;
	}
	res->nproofs = n;
	res->document = unsecured;
	unsecured = NULL;
	core_err_clear(err);
out:
	if (rc != CORE_OK)
		memset(res, 0, sizeof *res);
	json_decref(unsecured);
	return rc;
}

/* Verify a document given as text. */
enum core_code
core_di_verify_buf(const void *buf, size_t len,
    const struct core_di_verify_opts *opts, struct core_di_result *res,
    struct core_err *err)
{
	json_t		*doc = NULL;
	enum core_code	 rc;

	memset(res, 0, sizeof *res);
	if ((rc = core_json_parse(buf, len, NULL, &doc, err)) != CORE_OK)
		goto out;
	rc = core_di_verify(doc, opts, res, err);
out:
	json_decref(doc);
	return rc;
}

/* Set name in o to a new string s (when s is not NULL). */
static int
di_set(json_t *o, const char *name, const char *s)
{
	if (s == NULL)
		return 0;
	return json_object_set_new(o, name, json_string(s));
}

/* Add a proof by k to a copy of doc. */
enum core_code
core_di_sign(const json_t *doc, const struct core_key *k,
    const struct core_di_sign_opts *opts, json_t **out, struct core_err *err)
{
	static const struct core_di_sign_opts defaults;
	unsigned char	 hash[2 * CORE_SHA256_LEN], sig[CORE_SIG_MAX];
	struct core_buf	 vm, value;
	json_t		*secured = NULL, *unsecured = NULL, *proof = NULL,
			*set = NULL;
	const json_t	*old, *ctx;
	const char	*suite;
	size_t		 siglen = 0;
	long long	 t;
	enum core_code	 rc = CORE_OK;

	*out = NULL;
	core_buf_init(&vm, CORE_DI_VM_MAX);
	core_buf_init(&value, 256);
	if (opts == NULL)
		opts = &defaults;
	if (!json_is_object(doc) || !core_key_has_private(k)) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "signing needs a JSON object and a private key");
		goto out;
	}
	if ((opts->created != NULL && di_datetime(opts->created, &t) != 0) ||
	    (opts->expires != NULL && di_datetime(opts->expires, &t) != 0)) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "created and expires must be dates and times");
		goto out;
	}
	old = json_object_get(doc, "proof");
	if (old != NULL && !json_is_object(old) && !(json_is_array(old) &&
	    json_array_size(old) < CORE_DI_MAX_PROOFS)) {
		rc = core_err_set(err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
		    "the document's proofs cannot take another");
		goto out;
	}
	suite = core_di_suite_name(core_key_type(k) == CORE_KEY_ED25519 ?
	    CORE_DI_EDDSA_JCS_2022 : CORE_DI_ECDSA_JCS_2019);
	if (opts->verification_method != NULL)
		rc = core_buf_adds(&vm, opts->verification_method);
	else if ((rc = core_key_to_did(k, &vm, err)) == CORE_OK &&
	    (rc = core_buf_addc(&vm, '#')) == CORE_OK)
		rc = core_key_to_multikey(k, &vm, err);
	if (rc != CORE_OK)
		goto out;
	if ((unsecured = json_copy((json_t *)doc)) == NULL ||
	    (old != NULL && json_object_del(unsecured, "proof") != 0) ||
	    (proof = json_object()) == NULL ||
	    di_set(proof, "type", "DataIntegrityProof") != 0 ||
	    di_set(proof, "cryptosuite", suite) != 0 ||
	    di_set(proof, "created", opts->created) != 0 ||
	    di_set(proof, "expires", opts->expires) != 0 ||
	    di_set(proof, "verificationMethod", core_buf_str(&vm)) != 0 ||
	    di_set(proof, "proofPurpose", opts->purpose != NULL ?
	    opts->purpose : "assertionMethod") != 0 ||
	    di_set(proof, "id", opts->id) != 0) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if ((ctx = json_object_get(unsecured, "@context")) != NULL &&
	    json_object_set_new(proof, "@context", json_deep_copy(ctx)) != 0) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if ((rc = di_hash_data(unsecured, proof, hash, err)) != CORE_OK ||
	    (rc = core_sig_sign(k, hash, sizeof hash, sig, &siglen, err)) !=
	    CORE_OK ||
	    (rc = core_multibase_encode('z', sig, siglen, &value)) != CORE_OK)
		goto out;
	if (di_set(proof, "proofValue", core_buf_str(&value)) != 0 ||
	    (secured = json_deep_copy(doc)) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	if (old == NULL)
		rc = json_object_set(secured, "proof", proof) == 0 ? CORE_OK :
		    CORE_E_NOMEM;
	else {
		if (json_is_array(old))
			set = json_deep_copy(old);
		else if ((set = json_array()) != NULL &&
		    json_array_append_new(set, json_deep_copy(old)) != 0) {
			json_decref(set);
			set = NULL;
		}
		rc = set != NULL && json_array_append(set, proof) == 0 &&
		    json_object_set(secured, "proof", set) == 0 ? CORE_OK :
		    CORE_E_NOMEM;
	}
	if (rc != CORE_OK)
		goto out;
	*out = secured;
	secured = NULL;
out:
	if (rc == CORE_E_NOMEM || rc == CORE_E_TOO_LARGE)
		core_err_set(err, rc, CORE_NO_OFFSET, "adding a proof");
	json_decref(secured);
	json_decref(unsecured);
	json_decref(proof);
	json_decref(set);
	core_buf_free(&vm);
	core_buf_free(&value);
	return rc;
}

/* Release what core_di_verify() put in res. */
void
core_di_result_free(struct core_di_result *res)
{
	if (res == NULL)
		return;
	json_decref(res->document);
	memset(res, 0, sizeof *res);
}
