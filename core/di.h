/*
 * di.h: W3C Data Integrity proofs (VC Data Integrity 1.0) with the JCS
 * cryptosuites eddsa-jcs-2022 (Ed25519) and ecdsa-jcs-2019 (ECDSA P-256
 * with SHA-256), and did:key verification methods.
 *
 * This lets the core check Verifiable Credentials from issuers outside
 * recourse/1.  For each proof: the document without "proof" and the proof
 * without "proofValue" (its "options") are canonicalised with RFC 8785;
 * hashData = SHA-256(canonical options) || SHA-256(canonical document);
 * proofValue is "z" + base58btc of the 64-byte signature of hashData (raw
 * r || s for ECDSA).  When the options carry "@context", the document's
 * "@context" must begin with the same values, and the options' "@context"
 * replaces the document's for hashing, as the suites' "Verify Proof"
 * algorithms say.
 *
 * Proof sets: "proof" may be an array (at most CORE_DI_MAX_PROOFS); each
 * proof is computed over the document without any proof, and the document
 * is verified only when every proof verifies.  Proof chains ("previousProof")
 * are refused with CORE_E_DI_PROOF rather than half-checked.
 *
 * Verification says nothing of whether the issuer is trusted: the result
 * names each proof's verification method and key thumbprint for the
 * caller's trust decision.
 *
 * Errors: CORE_E_DI_PROOF for a proof that is malformed, of another suite,
 * expired, or of another purpose than asked; CORE_E_DID for a verification
 * method that is not a usable did:key; CORE_E_SIG_LENGTH for a signature
 * that is not 64 bytes; CORE_E_SIG_INVALID when the signature does not
 * verify.
 */
#ifndef RECOURSE_CORE_DI_H
#define RECOURSE_CORE_DI_H

#include <stddef.h>

#include <jansson.h>

#include "core/error.h"
#include "core/key.h"

#define CORE_DI_MAX_PROOFS	16
#define CORE_DI_VM_MAX		256

enum core_di_suite {
	CORE_DI_EDDSA_JCS_2022 = 1,	/* "eddsa-jcs-2022", Ed25519 */
	CORE_DI_ECDSA_JCS_2019 = 2	/* "ecdsa-jcs-2019", P-256 */
};

/* What is known of one verified proof. */
struct core_di_proof_info {
	enum core_di_suite	 suite;
	char			 verification_method[CORE_DI_VM_MAX];
	char			 thumbprint[CORE_THUMBPRINT_LEN];
	char			 purpose[64];
	char			 created[40];	/* "" when the proof has none */
};

struct core_di_result {
	json_t			*document;	/* the document without "proof" */
	size_t			 nproofs;
	struct core_di_proof_info proofs[CORE_DI_MAX_PROOFS];
};

struct core_di_verify_opts {
	const char	*purpose;	/* required proofPurpose; NULL: any */
	long long	 now;		/* Unix time for "expires"; 0: not checked */
};

struct core_di_sign_opts {
	const char	*purpose;	/* NULL: "assertionMethod" */
	const char	*created;	/* xsd:dateTime, e.g. 2026-11-26T10:00:00Z;
					   NULL: none */
	const char	*expires;	/* NULL: none */
	const char	*id;		/* the proof's id; NULL: none */
	const char	*verification_method;	/* NULL: the key's did:key
						   with its fragment */
};

/* The suite's name ("eddsa-jcs-2022"), or NULL. */
const char	*core_di_suite_name(enum core_di_suite suite);

/* Verify every proof of doc (opts may be NULL).  On success res holds the
 * unsecured document and the proofs; free with core_di_result_free(). */
enum core_code	core_di_verify(const json_t *doc,
		    const struct core_di_verify_opts *opts,
		    struct core_di_result *res, struct core_err *err);
/* The same for len bytes of text, read with the strict JSON parser. */
enum core_code	core_di_verify_buf(const void *buf, size_t len,
		    const struct core_di_verify_opts *opts,
		    struct core_di_result *res, struct core_err *err);

/* A new document: doc with a proof by k (its suite from the key type:
 * Ed25519 eddsa-jcs-2022, P-256 ecdsa-jcs-2019) added; a document that
 * already holds proofs gets a proof set.  opts may be NULL. */
enum core_code	core_di_sign(const json_t *doc, const struct core_key *k,
		    const struct core_di_sign_opts *opts, json_t **out,
		    struct core_err *err);

void		core_di_result_free(struct core_di_result *res);

#endif
