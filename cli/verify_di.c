/*
 * verify_di.c: `recourse verify` on a credential secured with W3C Data
 * Integrity proofs (eddsa-jcs-2022, ecdsa-jcs-2019, did:key keys) rather
 * than a JWS of recourse/1.  core_di_verify checks the proofs; the trust
 * store decides whether a proof's key is trusted, by its RFC 7638
 * thumbprint, as for a JWS: pinned with --trust (a did:key, a JWK or a PEM
 * file of the same key), or listed by an accepted registry for the
 * credential's issuer.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/verify.h"
#include "core/di.h"
#include "core/error.h"
#include "core/intl.h"
#include "core/json.h"

/* An object with "proof" (object or array) and no member of a JWS. */
static int
vdi_is_di(const json_t *j)
{
	const json_t	*p;

	if (!json_is_object(j))
		return 0;
	p = json_object_get(j, "proof");
	if (!json_is_object(p) && !json_is_array(p))
		return 0;
	return json_object_get(j, "payload") == NULL &&
	    json_object_get(j, "signatures") == NULL &&
	    json_object_get(j, "protected") == NULL;
}

/* s into out of size n, cut when longer. */
static void
vdi_copy(char *out, size_t n, const char *s)
{
	size_t	len = strnlen(s, n - 1);

	memcpy(out, s, len);
	out[len] = '\0';
}

/* "METHOD (SUITE)" of a proof that did not verify, into out. */
static void
vdi_proof_name(const json_t *p, char *out, size_t n)
{
	const char	*vm, *cs;

	vm = json_string_value(json_object_get(p, "verificationMethod"));
	cs = json_string_value(json_object_get(p, "cryptosuite"));
	snprintf(out, n, "%s (%s)", vm != NULL ? vm : "-", cs != NULL ? cs : "-");
}

/* The credential's issuer ("issuer", or its "id"), else the verification
 * method's DID, into out. */
static void
vdi_issuer(const json_t *doc, const char *vm, char *out, size_t n)
{
	const json_t	*is = json_object_get(doc, "issuer");
	const char	*s = json_string_value(is);
	size_t		 len;

	if (s == NULL && json_is_object(is))
		s = json_string_value(json_object_get(is, "id"));
	if (s != NULL) {
		snprintf(out, n, "%s", s);
		return;
	}
	len = strcspn(vm, "#");
	snprintf(out, n, "%.*s", (int)(len < n ? len : n - 1), vm);
}

int
cli_verify_di(const struct core_trust *t, const void *doc, size_t len,
    time_t now, struct core_verdict *v, struct core_doc_info *info)
{
	struct core_json_limits		 lim;
	struct core_di_verify_opts	 o = { NULL, (long long)now };
	struct core_di_result		 res;
	struct core_doc_info		 pi;
	struct core_err			 err;
	json_t				*j = NULL, *one = NULL, *proofs;
	const json_t			*p;
	char				 name[CORE_CHECK_PARAM_LEN];
	char				 tps[CORE_DI_MAX_PROOFS][CORE_THUMBPRINT_LEN];
	enum core_code			 rc;
	size_t				 i, n, good = 0;
	int				 ret = 0, failed = 0, chosen = -1;

	core_json_limits_default(&lim);
	lim.max_doc = len + 1;
	memset(&res, 0, sizeof res);
	if (core_json_parse(doc, len, &lim, &j, NULL) != CORE_OK ||
	    !vdi_is_di(j))
		goto out;
	ret = -1;
	memset(info, 0, sizeof *info);
	core_verdict_init(v);
	core_verdict_add(v, "format", CORE_CHECK_FORMAT, CORE_CHECK_PASSED, NULL,
	    N_("The file is a credential with a Data Integrity proof."), NULL);
	proofs = json_object_get(j, "proof");
	n = json_is_array(proofs) ? json_array_size(proofs) : 1;
	if (n == 0 || n > CORE_DI_MAX_PROOFS) {
		core_err_clear(&err);
		core_err_set(&err, CORE_E_DI_PROOF, CORE_NO_OFFSET,
		    "a proof set of %zu proofs", n);
		core_verdict_add(v, "signature", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_FAILED, &err, N_("The signature by key %s is not "
		    "valid."), "-", NULL);
		failed = 1;
		n = 0;
	}
	for (i = 0; i < n; i++) {
		p = json_is_array(proofs) ? json_array_get(proofs, i) : proofs;
		/* Each proof of a set is made over the document without any
		 * proof: check each on its own to say which one fails. */
		if ((one = json_copy(j)) == NULL ||
		    json_object_set(one, "proof", (json_t *)p) != 0)
			goto out;
		core_err_clear(&err);
		rc = core_di_verify(one, &o, &res, &err);
		json_decref(one);
		one = NULL;
		if (rc == CORE_E_NOMEM)
			goto out;
		if (rc != CORE_OK) {
			vdi_proof_name(p, name, sizeof name);
			core_verdict_add(v, "signature", CORE_CHECK_INTEGRITY,
			    CORE_CHECK_FAILED, &err, N_("The signature by key %s "
			    "is not valid."), name, NULL);
			failed = 1;
			continue;
		}
		core_verdict_add(v, "signature", CORE_CHECK_INTEGRITY,
		    CORE_CHECK_PASSED, NULL, N_("The signature by key %1$s (%2$s) "
		    "is valid."), res.proofs[0].verification_method,
		    core_di_suite_name(res.proofs[0].suite), NULL);
		memcpy(tps[good], res.proofs[0].thumbprint, CORE_THUMBPRINT_LEN);
		tps[good][CORE_THUMBPRINT_LEN - 1] = '\0';
		if (good++ == 0) {
			vdi_copy(info->kid, sizeof info->kid,
			    res.proofs[0].verification_method);
			snprintf(info->alg, sizeof info->alg, "%s",
			    core_di_suite_name(res.proofs[0].suite));
			memcpy(info->thumbprint, tps[0], CORE_THUMBPRINT_LEN);
			vdi_issuer(j, info->kid, info->service_id,
			    sizeof info->service_id);
		}
		core_di_result_free(&res);
	}
	if (failed || good == 0) {
		core_verdict_add(v, "trust", CORE_CHECK_TRUST,
		    CORE_CHECK_NOT_CHECKED, NULL, N_("Whether the signer is "
		    "trusted was not checked."), NULL);
		ret = 1;
		goto out;
	}
	/* The first proof whose key is trusted decides; else the first. */
	pi = *info;
	for (i = 0; i < good && chosen < 0; i++) {
		if (core_trust_check(t, tps[i], info->service_id,
		    CORE_ROLE_SERVICE, now, NULL, NULL) == CORE_OK)
			chosen = (int)i;
	}
	if (chosen > 0)
		memcpy(pi.thumbprint, tps[chosen], CORE_THUMBPRINT_LEN);
	if (core_trust_signer_check(t, &pi, CORE_ROLE_SERVICE, now, v) !=
	    CORE_OK)
		goto out;
	ret = 1;
out:
	core_di_result_free(&res);
	json_decref(one);
	json_decref(j);
	return ret;
}
