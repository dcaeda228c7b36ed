/* trust.c: the trust store: root, pinned and known keys, accepted
 * registries, and whether a key may sign for a service. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/key.h"
#include "core/trust-int.h"
#include "core/trust.h"

/* ---- the store ----------------------------------------------------------- */

enum core_code
core_trust_new(struct core_trust **out)
{
	*out = core_calloc(1, sizeof **out);
	return *out == NULL ? CORE_E_NOMEM : CORE_OK;
}

void
core_trust_free(struct core_trust **tp)
{
	struct core_trust	*t = *tp;
	size_t			 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nkeys; i++)
		core_key_free(&t->keys[i].key);
	core_free(t->keys);
	for (i = 0; i < t->nregs; i++)
		core_registry_free(&t->regs[i]);
	core_free(t->regs);
	core_free(t);
	*tp = NULL;
}

/* Add k in role to the store. */
static enum core_code
trust_add_key(struct core_trust *t, struct core_key *k, enum trust_role role,
    const char *kid, const char *scope, time_t nb, time_t na,
    struct core_err *err)
{
	enum core_code		 rc = CORE_OK;
	struct trust_key	*tk, *n;

	if (t->nkeys == TRUST_MAX_KEYS) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "more than %d keys", TRUST_MAX_KEYS);
		goto out;
	}
	if ((kid != NULL && strlen(kid) >= sizeof tk->kid) ||
	    (scope != NULL && strlen(scope) >= sizeof tk->scope)) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "key id or scope too long");
		goto out;
	}
	if ((n = core_realloc(t->keys, (t->nkeys + 1) * sizeof *n)) == NULL) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET,
		    "holding a trusted key");
		goto out;
	}
	t->keys = n;
	tk = &t->keys[t->nkeys];
	memset(tk, 0, sizeof *tk);
	if ((rc = core_key_thumbprint(k, tk->thumbprint, err)) != CORE_OK)
		goto out;
	memcpy(tk->kid, kid != NULL ? kid : tk->thumbprint,
	    strlen(kid != NULL ? kid : tk->thumbprint) + 1);
	if (scope != NULL)
		memcpy(tk->scope, scope, strlen(scope) + 1);
	tk->role = role;
	tk->not_before = nb;
	tk->not_after = na;
	tk->key = core_key_ref(k);
	t->nkeys++;
out:
	return rc;
}

enum core_code
core_trust_add_root(struct core_trust *t, struct core_key *k, const char *kid,
    const char *registry, struct core_err *err)
{
	return trust_add_key(t, k, TRUST_ROOT, kid, registry, 0, 0, err);
}

enum core_code
core_trust_pin(struct core_trust *t, struct core_key *k, const char *kid,
    const char *service_id, time_t not_before, time_t not_after,
    struct core_err *err)
{
	return trust_add_key(t, k, TRUST_PIN, kid, service_id, not_before,
	    not_after, err);
}

enum core_code
core_trust_add_known(struct core_trust *t, struct core_key *k, const char *kid,
    struct core_err *err)
{
	return trust_add_key(t, k, TRUST_KNOWN, kid, NULL, 0, 0, err);
}

/* Add k, under kid, in the part as. */
static enum core_code
trust_add_as(struct core_trust *t, struct core_key *k, const char *kid,
    enum core_trust_as as, struct core_err *err)
{
	enum core_code	rc;

	if (core_key_has_private(k))
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "a private key where a public key was expected");
	else if (as == CORE_TRUST_AS_ROOT)
		rc = core_trust_add_root(t, k, kid, NULL, err);
	else if (as == CORE_TRUST_AS_PIN)
		rc = core_trust_pin(t, k, kid, NULL, 0, 0, err);
	else
		rc = core_trust_add_known(t, k, kid, err);
	return rc;
}

/* Add one JWK object. */
static enum core_code
trust_add_jwk(struct core_trust *t, const json_t *jwk, enum core_trust_as as,
    struct core_err *err)
{
	enum core_code	 rc;
	struct core_key	*k = NULL;
	const char	*kid;

	if ((rc = core_key_from_jwk(jwk, &k, err)) != CORE_OK)
		goto out;
	kid = trust_str(jwk, "kid");
	if (kid != NULL && (*kid == '\0' || strlen(kid) >= 128)) {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "kid must be a string of 1 to 127 bytes");
		goto out;
	}
	rc = trust_add_as(t, k, kid, as, err);
out:
	core_key_free(&k);
	return rc;
}

enum core_code
core_trust_add_jwks(struct core_trust *t, const json_t *j,
    enum core_trust_as as, size_t *count, struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	const json_t	*keys, *k;
	size_t		 i, n = 0;

	if (json_is_object(json_object_get(j, "jwks")))
		j = json_object_get(j, "jwks");
	keys = json_object_get(j, "keys");
	if (json_is_object(j) && json_object_get(j, "kty") != NULL) {
		if ((rc = trust_add_jwk(t, j, as, err)) == CORE_OK)
			n++;
	} else if (json_is_array(keys) && json_array_size(keys) > 0) {
		json_array_foreach(keys, i, k) {
			if ((rc = trust_add_jwk(t, k, as, err)) != CORE_OK)
				break;
			n++;
		}
	} else {
		rc = core_err_set(err, CORE_E_KEY, CORE_NO_OFFSET,
		    "neither a JWK nor a key set with keys");
	}
	if (count != NULL)
		*count = n;
	return rc;
}

enum core_code
core_trust_add_pem(struct core_trust *t, const void *pem, size_t len,
    enum core_trust_as as, struct core_err *err)
{
	enum core_code	 rc;
	struct core_key	*k = NULL;

	if ((rc = core_key_from_pem(pem, len, &k, err)) == CORE_OK)
		rc = trust_add_as(t, k, NULL, as, err);
	core_key_free(&k);
	return rc;
}

/* Verify doc (of typ) with the key of tk, presented under kid. */
static enum core_code
trust_try_key(const struct trust_key *tk, const char *kid, struct core_jws *j,
    const char *typ, struct core_jws_result *res, struct core_err *err)
{
	enum core_code	rc;

	rc = core_jws_verify_key(j, typ, tk->key, kid != NULL && *kid != '\0' ?
	    kid : NULL, res, err);
	if (rc != CORE_OK)
		core_jws_result_free(res);
	return rc;
}

/*
 * Verify doc with a key of roles in the store or, by kid, with extra.  The
 * key named by kid is used when there is one (a wrong signature under a known
 * kid is final); when no key has that kid, every key of roles is tried.
 * *used gets the store's key (NULL for a key of extra).
 */
enum core_code
trust_verify_jws(const struct core_trust *t, unsigned roles,
    const struct core_keyset *extra, struct core_jws *j, const char *typ,
    const char *kid, struct core_jws_result *res, const struct trust_key **used,
    struct core_err *err)
{
	enum core_code	rc = CORE_E_JWS_KID, first = CORE_OK;
	struct core_err	e1;
	int		named = 0;
	size_t		i;

	*used = NULL;
	core_err_clear(&e1);
	for (i = 0; kid != NULL && i < t->nkeys; i++) {
		if ((t->keys[i].role & roles) == 0 ||
		    (strcmp(t->keys[i].kid, kid) != 0 &&
		    strcmp(t->keys[i].thumbprint, kid) != 0))
			continue;
		named = 1;
		if ((rc = trust_try_key(&t->keys[i], kid, j, typ, res,
		    err)) == CORE_OK) {
			*used = &t->keys[i];
			goto out;
		}
		if (first == CORE_OK) {
			first = rc;
			if (err != NULL)
				e1 = *err;
		}
	}
	if (kid != NULL && extra != NULL && core_keyset_find(extra, kid) != NULL) {
		named = 1;
		if ((rc = core_jws_verify_open(j, typ, extra, res, err)) ==
		    CORE_OK)
			goto out;
		core_jws_result_free(res);
		if (first == CORE_OK) {
			first = rc;
			if (err != NULL)
				e1 = *err;
		}
	}
	if (named) {
		rc = first;
		if (err != NULL)
			*err = e1;
		goto out;
	}
	for (i = 0; i < t->nkeys; i++) {
		if ((t->keys[i].role & roles) == 0)
			continue;
		if ((rc = trust_try_key(&t->keys[i], kid, j, typ, res,
		    err)) == CORE_OK) {
			*used = &t->keys[i];
			goto out;
		}
		/* A refusal that no key can change ends the search. */
		if (rc != CORE_E_SIG_INVALID && rc != CORE_E_JWS_ALG &&
		    rc != CORE_E_SIG_LENGTH && rc != CORE_E_JWS_KID)
			goto out;
	}
	rc = core_err_set(err, CORE_E_JWS_KID, CORE_NO_OFFSET,
	    "no key at hand verifies the signature of key id \"%.64s\"",
	    kid != NULL ? kid : "");
out:
	return rc;
}

/* The registry held under id, or NULL. */
static struct core_registry *
trust_find_registry(const struct core_trust *t, const char *id, size_t *idx)
{
	size_t	i;

	for (i = 0; i < t->nregs; i++) {
		if (strcmp(t->regs[i]->id, id) == 0) {
			if (idx != NULL)
				*idx = i;
			return t->regs[i];
		}
	}
	return NULL;
}

/*
 * Is r fresh at now, and not older than what state and t have seen?
 * CORE_OK, CORE_E_REG_EXPIRED or CORE_E_REG_ROLLBACK; *seen gets the highest
 * sequence seen before (-1: none).
 */
enum core_code
trust_registry_fresh(const struct core_trust *t,
    const struct core_trust_state *state, const struct core_registry *r,
    time_t now, int64_t *seen, struct core_err *err)
{
	const struct core_trust_state_entry	*se;
	const struct core_registry		*held;
	const char				*digest = NULL;
	char					 when[21];

	*seen = -1;
	if (now >= r->expires) {
		core_trust_time_format(r->expires, when);
		return core_err_set(err, CORE_E_REG_EXPIRED, CORE_NO_OFFSET,
		    "registry \"%s\" sequence %" PRId64 " expired at %s",
		    r->id, r->sequence, when);
	}
	if ((se = core_trust_state_get(state, r->id)) != NULL) {
		*seen = se->sequence;
		digest = se->sha256;
	}
	if ((held = trust_find_registry(t, r->id, NULL)) != NULL &&
	    held->sequence >= *seen) {
		*seen = held->sequence;
		digest = held->sha256;
	}
	if (r->sequence < *seen)
		return core_err_set(err, CORE_E_REG_ROLLBACK, CORE_NO_OFFSET,
		    "registry \"%s\" sequence %" PRId64 " is lower than %" PRId64
		    " already seen", r->id, r->sequence, *seen);
	if (r->sequence == *seen && digest != NULL &&
	    strcmp(digest, r->sha256) != 0)
		return core_err_set(err, CORE_E_REG_ROLLBACK, CORE_NO_OFFSET,
		    "registry \"%s\" sequence %" PRId64 " seen before with "
		    "other content", r->id, r->sequence);
	return CORE_OK;
}

/* Open doc once; the kid of its first signature (protected header, else
 * unprotected) and its typ into kid and typ (sizes sz, typsz); "" when
 * absent.  Verifying then reuses what was parsed here. */
enum core_code
trust_open_kid(const void *doc, size_t len, struct core_jws **j, char *kid,
    size_t sz, char *typ, size_t typsz, struct core_err *err)
{
	enum core_code	 rc;
	const char	*s;

	kid[0] = '\0';
	if (typ != NULL)
		typ[0] = '\0';
	if ((rc = core_jws_open(doc, len, j, err)) != CORE_OK)
		return rc;
	if ((s = trust_str(core_jws_header(*j), "kid")) != NULL)
		snprintf(kid, sz, "%s", s);
	if (typ != NULL && (s = trust_str(core_jws_header(*j), "typ")) != NULL)
		snprintf(typ, typsz, "%s", s);
	/* The kid may be in the unprotected header of the first signature
	 * (JSON serialisations). */
	if (kid[0] == '\0' &&
	    (s = trust_str(core_jws_unprotected(*j), "kid")) != NULL)
		snprintf(kid, sz, "%s", s);
	return CORE_OK;
}

enum core_code
core_trust_add_registry(struct core_trust *t, const void *jws, size_t len,
    time_t now, struct core_trust_state *state, struct core_err *err)
{
	enum core_code			 rc;
	struct core_jws_result		 res;
	struct core_jws			*j = NULL;
	struct core_registry		*r = NULL, **n;
	const struct trust_key		*used = NULL;
	char				 kid[128];
	int64_t				 seen;
	size_t				 idx;

	memset(&res, 0, sizeof res);
	if ((rc = trust_open_kid(jws, len, &j, kid, sizeof kid, NULL, 0,
	    err)) != CORE_OK)
		goto out;
	if ((rc = trust_verify_jws(t, TRUST_ROOT, NULL, j, CORE_TYP_REGISTRY,
	    kid[0] != '\0' ? kid : NULL, &res, &used, err)) != CORE_OK)
		goto out;
	if ((rc = core_registry_parse(res.payload, res.payload_len, &r,
	    err)) != CORE_OK)
		goto out;
	if (used != NULL && used->scope[0] != '\0' &&
	    strcmp(used->scope, r->id) != 0) {
		rc = core_err_set(err, CORE_E_UNTRUSTED, CORE_NO_OFFSET,
		    "the root key may sign registry \"%s\" only, not \"%s\"",
		    used->scope, r->id);
		goto out;
	}
	if ((rc = trust_registry_fresh(t, state, r, now, &seen, err)) != CORE_OK)
		goto out;
	if (trust_find_registry(t, r->id, &idx) != NULL) {
		core_registry_free(&t->regs[idx]);
		t->regs[idx] = r;
	} else {
		if (t->nregs == CORE_TRUST_STATE_MAX) {
			rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
			    "more than %d registries", CORE_TRUST_STATE_MAX);
			goto out;
		}
		if ((n = core_realloc(t->regs, (t->nregs + 1) * sizeof *n)) == NULL) {
			rc = CORE_E_NOMEM;
			goto out;
		}
		t->regs = n;
		t->regs[t->nregs++] = r;
	}
	if (state != NULL && (rc = trust_state_put(state, r, err)) != CORE_OK) {
		/* The store holds r now; the caller cannot keep its sequence. */
		r = NULL;
		goto out;
	}
	r = NULL;
out:
	core_registry_free(&r);
	core_jws_result_free(&res);
	core_jws_close(&j);
	return rc;
}

size_t
core_trust_registry_count(const struct core_trust *t)
{
	return t->nregs;
}

/* ---- trust decisions ------------------------------------------------------ */

static void
trust_info_registry(struct core_trust_info *info, const struct core_registry *r,
    const struct core_registry_key *k)
{
	if (info == NULL)
		return;
	memcpy(info->registry, r->id, sizeof info->registry);
	info->sequence = r->sequence;
	if (k != NULL) {
		info->not_before = k->not_before;
		info->not_after = k->not_after;
	}
}

enum core_code
core_trust_check(const struct core_trust *t, const char *thumbprint,
    const char *service_id, enum core_registry_role role, time_t now,
    struct core_trust_info *info, struct core_err *err)
{
	const struct core_registry_entry	*e;
	const struct core_registry_key		*k;
	const struct core_registry		*r;
	const struct trust_key			*tk;
	enum core_code				 rc = CORE_E_UNTRUSTED;
	char					 a[21], b[21];
	time_t					 nb = 0, na = 0;
	size_t					 i, j, m;
	int					 outside = 0;

	if (info != NULL)
		memset(info, 0, sizeof *info);
	/* A revocation or suspension in any registry is never overridden. */
	for (i = 0; i < t->nregs; i++) {
		r = t->regs[i];
		for (j = 0; j < r->n; j++) {
			e = &r->entries[j];
			if (e->role != role || strcmp(e->service_id, service_id) != 0)
				continue;
			if (e->status == CORE_STATUS_REVOKED) {
				trust_info_registry(info, r, NULL);
				rc = core_err_set(err, CORE_E_REVOKED, CORE_NO_OFFSET,
				    "registry \"%s\" lists %s as revoked", r->id,
				    service_id);
				goto out;
			}
			if (e->status == CORE_STATUS_SUSPENDED) {
				trust_info_registry(info, r, NULL);
				rc = core_err_set(err, CORE_E_SUSPENDED,
				    CORE_NO_OFFSET, "registry \"%s\" lists %s as "
				    "suspended", r->id, service_id);
				goto out;
			}
		}
	}
	for (i = 0; i < t->nkeys; i++) {
		tk = &t->keys[i];
		if (tk->role != TRUST_PIN || strcmp(tk->thumbprint, thumbprint) != 0 ||
		    (tk->scope[0] != '\0' && strcmp(tk->scope, service_id) != 0))
			continue;
		if ((tk->not_before != 0 && now < tk->not_before) ||
		    (tk->not_after != 0 && now > tk->not_after)) {
			if (!outside) {
				nb = tk->not_before;
				na = tk->not_after;
			}
			outside = 1;
			continue;
		}
		if (info != NULL) {
			info->source = CORE_TRUST_PINNED;
			info->not_before = tk->not_before;
			info->not_after = tk->not_after;
		}
		rc = CORE_OK;
		goto out;
	}
	for (i = 0; i < t->nregs; i++) {
		r = t->regs[i];
		for (j = 0; j < r->n; j++) {
			e = &r->entries[j];
			if (e->role != role || strcmp(e->service_id, service_id) != 0)
				continue;
			for (m = 0; m < e->nkeys; m++) {
				k = &e->keys[m];
				if (strcmp(k->thumbprint, thumbprint) != 0)
					continue;
				if (now < k->not_before || now > k->not_after) {
					if (!outside) {
						trust_info_registry(info, r, k);
						nb = k->not_before;
						na = k->not_after;
					}
					outside = 1;
					continue;
				}
				trust_info_registry(info, r, k);
				if (info != NULL)
					info->source = CORE_TRUST_REGISTRY;
				rc = CORE_OK;
				goto out;
			}
		}
	}
	if (outside) {
		if (info != NULL) {
			info->not_before = nb;
			info->not_after = na;
		}
		core_trust_time_format(nb, a);
		core_trust_time_format(na, b);
		rc = core_err_set(err, CORE_E_KEY_VALIDITY, CORE_NO_OFFSET,
		    "the key is valid from %s to %s",
		    nb != 0 ? a : "the beginning", na != 0 ? b : "the end");
		goto out;
	}
	/* Listed, but for another service or role? */
	for (i = 0; i < t->nregs; i++) {
		r = t->regs[i];
		for (j = 0; j < r->n; j++) {
			e = &r->entries[j];
			for (m = 0; m < e->nkeys; m++) {
				if (strcmp(e->keys[m].thumbprint, thumbprint) != 0)
					continue;
				if (info != NULL) {
					trust_info_registry(info, r, NULL);
					memcpy(info->listed_for, e->service_id,
					    sizeof info->listed_for);
				}
				rc = core_err_set(err, CORE_E_UNTRUSTED,
				    CORE_NO_OFFSET, "registry \"%s\" lists the key "
				    "for %s as %s", r->id, e->service_id,
				    e->role == CORE_ROLE_PROVIDER ? "provider" :
				    "service");
				goto out;
			}
		}
	}
	rc = core_err_set(err, CORE_E_UNTRUSTED, CORE_NO_OFFSET,
	    "key %s is not pinned and no accepted registry lists it for %s",
	    thumbprint, service_id);
out:
	return rc;
}
