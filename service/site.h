/*
 * site.h: what a running service serves, loaded from a cases folder.
 *
 * A cases folder (recourse-service(8), section CASES FOLDER) holds:
 *
 *   service.json           {"service_id":ORIGIN (optional: the listening URL),
 *                           "names":{"en":..,"cy":..},"operator":{..},
 *                           "languages":["en",..],"watermark":{..} (optional),
 *                           "signing_key":"FILE.pem","signing_kid":KID (optional),
 *                           "publish_keys":["FILE.pub.jwk",..] (optional)}
 *   registry.jws           a signed registry served at /registry (optional)
 *   decisions/REF.jws      the signed decision served for reference REF
 *   decisions/REF.code     its access code (one line)
 *   decisions/REF/ID.jws   an older version of REF, served for
 *                          ?record=ID (optional; ID is the record's id)
 *   documents/NAME         files served at /documents/NAME and at
 *                          /documents/<sha256 of the bytes>
 *
 * Paths in service.json are relative to the folder.  Every decision payload
 * must pass the record parser of the core, or loading fails; a decision whose
 * signature does not verify with the published keys is served as it is (the
 * demo serves such a case on purpose) and a warning says so.
 *
 * Contests are taken at /contests and at the path of every record's
 * contest.endpoint that lies on this service.
 *
 * A loaded site is read-only: the server threads share it without locks.
 */
#ifndef RECOURSE_SERVICE_SITE_H
#define RECOURSE_SERVICE_SITE_H

#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/key.h"

/* Longest reference and access code accepted, in bytes. */
#define SVC_MAX_REFERENCE	128
#define SVC_MAX_CODE		128
/* The protocol's limits: a decision JWS, and what the service builds itself
 * (discovery, receipt, status). */
#define SVC_MAX_DECISION	(1u << 20)
#define SVC_MAX_BUILT		(64u * 1024u)
/* Older versions kept for one reference. */
#define SVC_MAX_VERSIONS	64

/* An older version of a reference's record. */
struct svc_version {
	char		*decision_id;
	struct core_buf	 jws;
};

struct svc_case {
	char		*reference;
	unsigned char	 code_hash[CORE_SHA256_LEN];	/* SHA-256 of the access code */
	struct core_buf	 jws;				/* the bytes served */
	char		 payload_sha256[CORE_SHA256_HEX_LEN + 1];
	char		*decision_id;
	char		*supersedes;	/* id of the record this one replaced */
	char		 deadline[11];	/* contest.deadline, "YYYY-MM-DD" */
	char		*contest_path;	/* path of contest.endpoint on this
					 * service, or NULL */
	json_t		*grounds;	/* accepted grounds (strings) */
	json_t		*remedies;	/* accepted remedies (strings) */
	json_t		*factors;	/* factor ids that corrections may name */
	json_t		*languages;	/* languages a contest may be written in */
	size_t		 statement_max;	/* characters (code points) */
	size_t		 corrections_max;
	unsigned	 answer_days;	/* days until the answer is due */
	struct svc_version *versions;	/* older versions, any order */
	size_t		 nversions;
};

struct svc_document {
	char		*name;		/* served at /documents/NAME too */
	char		 sha256[CORE_SHA256_HEX_LEN + 1];
	const char	*type;		/* media type, static */
	struct core_buf	 data;
};

struct svc_site {
	char			*service_id;	/* origin, no trailing slash */
	struct core_key		*key;		/* signs receipts and status */
	char			*kid;
	struct core_buf		 discovery;	/* JSON served at /.well-known */
	struct core_buf		 registry;	/* JWS, len 0 when none */
	struct svc_case		*cases;
	size_t			 ncases;
	struct svc_document	*docs;
	size_t			 ndocs;
};

/* Load the cases folder dir; base_url is the service's own URL, used when
 * service.json names no service_id. */
enum core_code	svc_site_load(const char *dir, const char *base_url,
		    struct svc_site **out, struct core_err *err);
void		svc_site_free(struct svc_site **site);

const struct svc_case *svc_site_case(const struct svc_site *site,
		    const char *reference);
/* The case whose record has this id, or one of whose older versions (kept
 * or named by supersedes) has it. */
const struct svc_case *svc_site_case_by_id(const struct svc_site *site,
		    const char *decision_id);
/* The JWS of the version of c whose record id is id (the newest too), or
 * NULL. */
const struct core_buf *svc_case_version(const struct svc_case *c,
		    const char *id);
/* A document by its SHA-256 (64 hex digits) or by its name. */
const struct svc_document *svc_site_document(const struct svc_site *site,
		    const char *name_or_sha256);
/* Is path one where contests are taken? */
int		svc_site_contest_path(const struct svc_site *site, const char *path);
/* Constant-time check of an access code against a case (c may be NULL: the
 * same work is done and 0 returned). */
int		svc_case_code_ok(const struct svc_case *c, const char *code,
		    size_t len);

#endif
