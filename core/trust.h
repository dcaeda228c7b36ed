/*
 * trust.h: the trust store, signed registries, and the verification of a
 * signed document down to a verdict.
 *
 * A trust store holds
 *   - registry root keys: the anchors that sign registries;
 *   - pinned keys: keys the person (or a kiosk's administrator) trusts
 *     directly, optionally for one service only and within a validity window;
 *   - known keys: keys that can check a signature but confer no trust (a
 *     service's published JWKS): a document they verify is "valid but
 *     untrusted" until a registry lists the key or it is pinned;
 *   - the registries accepted so far.
 *
 * A registry (typ recourse-registry+json, data/schema/registry.schema.json)
 * is accepted when a root key signs it, it has not expired (freeze
 * protection), and its sequence is not lower than the one last seen for the
 * same registry id (rollback protection, as in TUF); the same sequence is
 * accepted again only with the same payload bytes.  The last seen sequence of
 * each registry is kept in a struct core_trust_state which the caller loads
 * and saves (core has no files): core_trust_state_to_json() and
 * core_trust_state_from_json() give it a stable JSON form.
 *
 * A document is trusted when its signing key
 *   - is pinned (for any service, or for the document's service), within the
 *     pin's window; or
 *   - is listed, by RFC 7638 thumbprint, in an accepted registry under the
 *     document's service (the receipt's or status's "service_id", the
 *     decision's "issuer", the attestation's "provider"), with the role the
 *     document needs ("service", or "provider" for attestations), status
 *     "active", and the time given inside the key's not_before..not_after.
 * A service listed as revoked or suspended in any accepted registry is
 * refused even when its key is pinned: a revocation is never overridden.
 *
 * core reads no clock: every function that needs the time takes `now`.
 * Times are RFC 3339 UTC with "Z", as the protocol writes them.
 */
#ifndef RECOURSE_CORE_TRUST_H
#define RECOURSE_CORE_TRUST_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "core/error.h"
#include "core/jws.h"
#include "core/key.h"
#include "core/verdict.h"

/* Ceilings on what a registry may hold. */
#define CORE_REGISTRY_MAX_SERVICES	10000
#define CORE_REGISTRY_MAX_KEYS		32	/* per service */
#define CORE_REGISTRY_ID_LEN		128	/* registry id, with its NUL */
#define CORE_SERVICE_ID_LEN		257	/* an origin (256) and a NUL */
#define CORE_TRUST_STATE_MAX		64	/* registries remembered */

enum core_registry_role {
	CORE_ROLE_SERVICE = 1,
	CORE_ROLE_PROVIDER = 2
};

enum core_registry_status {
	CORE_STATUS_ACTIVE = 1,
	CORE_STATUS_SUSPENDED = 2,
	CORE_STATUS_REVOKED = 3
};

struct core_registry_key {
	char		thumbprint[CORE_THUMBPRINT_LEN];
	time_t		not_before;
	time_t		not_after;
};

struct core_registry_entry {
	char				 service_id[CORE_SERVICE_ID_LEN];
	char				*name;	/* "name", or its "en" text; may be NULL */
	enum core_registry_role		 role;
	enum core_registry_status	 status;
	struct core_registry_key	*keys;
	size_t				 nkeys;
};

/* A parsed registry payload. */
struct core_registry {
	char				 id[CORE_REGISTRY_ID_LEN];
	int64_t				 sequence;
	time_t				 issued_at;
	time_t				 expires;
	char				 sha256[65];	/* hex of the payload bytes */
	struct core_registry_entry	*entries;
	size_t				 n;
};

/* Parse and check a registry payload (the bytes a JWS signed); nothing about
 * its signature, expiry or sequence is checked here. */
enum core_code	core_registry_parse(const void *payload, size_t len,
		    struct core_registry **out, struct core_err *err);
void		core_registry_free(struct core_registry **r);

/* Last seen sequence per registry id, kept by the caller between runs. */
struct core_trust_state_entry {
	char		registry[CORE_REGISTRY_ID_LEN];
	int64_t		sequence;
	char		sha256[65];	/* payload digest at that sequence */
};

struct core_trust_state {
	struct core_trust_state_entry	e[CORE_TRUST_STATE_MAX];
	size_t				n;
};

void		core_trust_state_init(struct core_trust_state *st);
/* {"recourse_trust_state":"1","registries":[{"registry":ID,"sequence":N,
 * "sha256":HEX},...]}; *out is a new reference. */
enum core_code	core_trust_state_to_json(const struct core_trust_state *st,
		    json_t **out);
enum core_code	core_trust_state_from_json(const json_t *j,
		    struct core_trust_state *st, struct core_err *err);
const struct core_trust_state_entry *core_trust_state_get(
		    const struct core_trust_state *st, const char *registry);

struct core_trust;

enum core_code	core_trust_new(struct core_trust **out);
void		core_trust_free(struct core_trust **t);

/* A registry root key; kid NULL: the key's thumbprint; registry NULL: it may
 * sign any registry, else only the registry with that id. */
enum core_code	core_trust_add_root(struct core_trust *t, struct core_key *k,
		    const char *kid, const char *registry, struct core_err *err);
/* A pinned key; service_id NULL: for any service; not_before and not_after
 * 0: no bound on that side. */
enum core_code	core_trust_pin(struct core_trust *t, struct core_key *k,
		    const char *kid, const char *service_id, time_t not_before,
		    time_t not_after, struct core_err *err);
/* A key that may check signatures but confers no trust. */
enum core_code	core_trust_add_known(struct core_trust *t, struct core_key *k,
		    const char *kid, struct core_err *err);
/* The part a key plays in the store. */
enum core_trust_as {
	CORE_TRUST_AS_ROOT = 1,
	CORE_TRUST_AS_PIN = 2,
	CORE_TRUST_AS_KNOWN = 3
};

/* Every key of a JSON key file, in the part as: a JWK, a JWKS
 * {"keys":[...]}, or a discovery document holding "jwks".  Each key keeps
 * its "kid" (or gets its thumbprint); roots and pins bind to no registry
 * or service.  A private key is refused.  *count (may be NULL) gets the
 * number of keys added. */
enum core_code	core_trust_add_jwks(struct core_trust *t, const json_t *j,
		    enum core_trust_as as, size_t *count, struct core_err *err);
/* The one key of a PEM file (SubjectPublicKeyInfo), in the part as. */
enum core_code	core_trust_add_pem(struct core_trust *t, const void *pem,
		    size_t len, enum core_trust_as as, struct core_err *err);

/*
 * Verify a signed registry with the root keys and accept it: not expired at
 * now, sequence not below the state's (state may be NULL: then only the
 * registries already in the store count), and update state.  A registry
 * replaces an accepted one with the same id.
 */
enum core_code	core_trust_add_registry(struct core_trust *t, const void *jws,
		    size_t len, time_t now, struct core_trust_state *state,
		    struct core_err *err);
size_t		core_trust_registry_count(const struct core_trust *t);

/* What core_trust_check found. */
enum core_trust_source {
	CORE_TRUST_NONE = 0,
	CORE_TRUST_PINNED = 1,
	CORE_TRUST_REGISTRY = 2
};

struct core_trust_info {
	enum core_trust_source	source;
	char			registry[CORE_REGISTRY_ID_LEN];	/* deciding registry */
	int64_t			sequence;
	char			listed_for[CORE_SERVICE_ID_LEN]; /* another service listing the key */
	time_t			not_before;	/* window of the deciding key */
	time_t			not_after;
};

/*
 * Is the key with this thumbprint trusted to sign for service_id in role at
 * now?  CORE_OK (info says how), or CORE_E_REVOKED, CORE_E_SUSPENDED,
 * CORE_E_KEY_VALIDITY, CORE_E_UNTRUSTED; info (may be NULL) tells which
 * registry decided.
 */
enum core_code	core_trust_check(const struct core_trust *t,
		    const char *thumbprint, const char *service_id,
		    enum core_registry_role role, time_t now,
		    struct core_trust_info *info, struct core_err *err);

/* What core_trust_verify_doc learnt about a document. */
struct core_doc_info {
	char		 typ[64];
	char		 kid[128];
	char		 thumbprint[CORE_THUMBPRINT_LEN];
	char		 alg[16];
	char		 service_id[CORE_SERVICE_ID_LEN];
	json_t		*payload;	/* the verified payload, or NULL */
};

void		core_doc_info_free(struct core_doc_info *info);

/*
 * Verify a signed document of recourse/1 and fill v with its checks:
 *   format     it is a JWS whose header can be read ("unreadable" if not);
 *   typ        its typ is expect_typ (NULL: any type of recourse/1);
 *   signature  a key of the store (or of extra, which may be NULL) verifies
 *              it: the key named by its kid, or when no key has that kid,
 *              any root, pinned or known key that verifies it;
 *   content    the payload is well-formed for its type and names the
 *              service (a registry: parses as a registry);
 *   trust      core_trust_check() for its service; for a registry: a root
 *              key signed it, it has not expired, and its sequence is not
 *              below state's (state may be NULL);
 * and, for receipts when body is not NULL, receipt: the body_sha256 and
 * decision_id of the receipt match the body bytes that were sent.
 * Returns CORE_OK whenever v was filled (read the verdict from v), or
 * CORE_E_NOMEM.
 */
enum core_code	core_trust_verify_doc(const struct core_trust *t,
		    const void *doc, size_t len, const char *expect_typ,
		    const struct core_keyset *extra,
		    const struct core_trust_state *state, time_t now,
		    const void *body, size_t body_len,
		    struct core_verdict *v, struct core_doc_info *info);

/* Append the "trust" check of a document whose signature verified with the
 * key info->thumbprint, for info->service_id in role, to v: pinned, listed
 * by a registry, revoked, suspended, outside its window or untrusted, as
 * core_trust_verify_doc words it.  CORE_OK, or CORE_E_NOMEM. */
enum core_code	core_trust_signer_check(const struct core_trust *t,
		    const struct core_doc_info *info,
		    enum core_registry_role role, time_t now,
		    struct core_verdict *v);

/* The recourse/1 typ for a short name ("decision", "receipt", "status",
 * "registry", "attestation") or for a typ itself; NULL when unknown. */
const char	*core_trust_typ(const char *name);

/* An origin of the protocol: https://host[:port] in lower case, or plain
 * http to a loopback host (127.0.0.1, localhost, [::1]); at most 256 bytes. */
int		core_trust_origin_valid(const char *s);
/* An absolute URL: such an origin, then an optional path with no white
 * space or control characters; at most 2048 bytes. */
int		core_trust_url_valid(const char *s);

/* Parse RFC 3339 UTC "YYYY-MM-DDTHH:MM:SS[.frac]Z" (the fraction is
 * dropped); -1 when malformed or out of range. */
int		core_trust_time_parse(const char *s, time_t *out);
/* Parse "YYYY-MM-DD" to its midnight UTC; -1 when malformed. */
int		core_trust_date_parse(const char *s, time_t *out);
/* Write t as "YYYY-MM-DDTHH:MM:SSZ" (out needs 21 bytes). */
void		core_trust_time_format(time_t t, char out[21]);

#endif
