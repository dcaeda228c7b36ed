/*
 * trust-int.h: what trust.c, trust-registry.c and trust-doc.c share; not an
 * interface for other modules (see trust.h).
 */
#ifndef RECOURSE_CORE_TRUST_INT_H
#define RECOURSE_CORE_TRUST_INT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "core/error.h"
#include "core/jws.h"
#include "core/key.h"
#include "core/trust.h"

#define TRUST_MAX_KEYS	1024

enum trust_role {
	TRUST_ROOT = 0x01,
	TRUST_PIN = 0x02,
	TRUST_KNOWN = 0x04
};

struct trust_key {
	struct core_key	*key;
	enum trust_role	 role;
	char		 kid[128];
	char		 thumbprint[CORE_THUMBPRINT_LEN];
	char		 scope[CORE_SERVICE_ID_LEN];	/* root: registry id; pin: service */
	time_t		 not_before;	/* pins; 0: open */
	time_t		 not_after;
};

struct core_trust {
	struct trust_key	 *keys;
	size_t			  nkeys;
	struct core_registry	**regs;
	size_t			  nregs;
};

/* A string member that holds no NUL; NULL when missing or of another type. */
const char	*trust_str(const json_t *o, const char *name);
/* Record in st that registry r was accepted. */
enum core_code	 trust_state_put(struct core_trust_state *st,
		     const struct core_registry *r, struct core_err *err);
/* Verify the opened JWS j with a key of roles (TRUST_*) in t or, by kid,
 * with extra; *used gets the store's key (NULL for a key of extra). */
enum core_code	 trust_verify_jws(const struct core_trust *t, unsigned roles,
		     const struct core_keyset *extra, struct core_jws *j,
		     const char *typ, const char *kid,
		     struct core_jws_result *res, const struct trust_key **used,
		     struct core_err *err);
/* Is r fresh at now and not older than what state and t have seen? */
enum core_code	 trust_registry_fresh(const struct core_trust *t,
		     const struct core_trust_state *state,
		     const struct core_registry *r, time_t now, int64_t *seen,
		     struct core_err *err);
/* Open doc as a JWS into *j (close it with core_jws_close()) and give the
 * kid and typ of its first signature ("" when absent). */
enum core_code	 trust_open_kid(const void *doc, size_t len, struct core_jws **j,
		     char *kid, size_t sz, char *typ, size_t typsz,
		     struct core_err *err);

#endif
