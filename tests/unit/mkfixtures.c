/*
 * mkfixtures.c: write the signed documents that the verify cases
 * (tests/cases/verify-*.case) and the verify benchmark read, with keys made
 * afresh on every run.  Only public keys and signed documents are written;
 * the private keys never leave this process.
 *
 * Usage: mkfixtures DIR
 *
 * Registries are issued 2026-01-01 and expire 2027-01-01; the cases check at
 * 2026-06-01 (--at).  See tests/vectors/trust/README for what each file is.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "core/b64.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/jcs.h"
#include "core/jws.h"
#include "core/key.h"

#define FIX_MAX (1024u * 1024u)

static const char	*fix_dir;

static void
fix_die(const char *what, const struct core_err *err)
{
	fprintf(stderr, "mkfixtures: %s: %s%s%s\n", what,
	    core_strerror(err != NULL ? err->code : CORE_E_INTERNAL),
	    err != NULL && err->detail[0] != '\0' ? ": " : "",
	    err != NULL ? err->detail : "");
	exit(1);
}

static void
fix_write(const char *name, const void *p, size_t n)
{
	char	 path[4096];
	FILE	*fp;

	snprintf(path, sizeof path, "%s/%s", fix_dir, name);
	if ((fp = fopen(path, "wb")) == NULL || fwrite(p, 1, n, fp) != n ||
	    fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
}

/* Copy file from to to (a path under the folder, made as needed). */
static void
fix_copy(const char *from, const char *to)
{
	char		 path[4096], *slash;
	struct core_buf	 b;
	FILE		*fp;
	size_t		 n;
	unsigned char	 chunk[4096];

	snprintf(path, sizeof path, "%s/%s", fix_dir, to);
	for (slash = strchr(path + strlen(fix_dir) + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			perror(path);
			exit(1);
		}
		*slash = '/';
	}
	snprintf(path, sizeof path, "%s/%s", fix_dir, from);
	core_buf_init(&b, FIX_MAX);
	if ((fp = fopen(path, "rb")) == NULL) {
		perror(path);
		exit(1);
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		core_buf_add(&b, chunk, n);
	fclose(fp);
	fix_write(to, b.data, b.len);
	core_buf_free(&b);
}

static struct core_key *
fix_key(enum core_key_type type)
{
	struct core_key	*k = NULL;
	struct core_err	 err;

	core_err_clear(&err);
	if (core_key_generate(type, &k, &err) != CORE_OK)
		fix_die("key", &err);
	return k;
}

static const char *
fix_tp(const struct core_key *k)
{
	static char	tp[8][CORE_THUMBPRINT_LEN];
	static int	next;
	struct core_err	err;
	char		*p = tp[next++ % 8];

	core_err_clear(&err);
	if (core_key_thumbprint(k, p, &err) != CORE_OK)
		fix_die("thumbprint", &err);
	return p;
}

/* The public JWK of k, with kid when not NULL. */
static json_t *
fix_jwk(const struct core_key *k, const char *kid)
{
	json_t		*j = NULL;
	struct core_err	 err;

	core_err_clear(&err);
	if (core_key_to_jwk(k, 0, &j, &err) != CORE_OK)
		fix_die("jwk", &err);
	if (kid != NULL)
		json_object_set_new(j, "kid", json_string(kid));
	return j;
}

static void
fix_write_json(const char *name, const json_t *j)
{
	char	*s;

	if ((s = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS)) == NULL)
		fix_die(name, NULL);
	fix_write(name, s, strlen(s));
	free(s);
}

/* Write the public JWK of k. */
static void
fix_write_jwk(const char *name, const struct core_key *k, const char *kid)
{
	json_t	*j = fix_jwk(k, kid);

	fix_write_json(name, j);
	json_decref(j);
}

static void
fix_write_pem(const char *name, const struct core_key *k)
{
	struct core_buf	b;
	struct core_err	err;

	core_buf_init(&b, FIX_MAX);
	core_err_clear(&err);
	if (core_key_to_pem(k, 0, &b, &err) != CORE_OK)
		fix_die(name, &err);
	fix_write(name, b.data, b.len);
	core_buf_free(&b);
}

/* The canonical bytes of j (which is released). */
static void
fix_canon(json_t *j, struct core_buf *out)
{
	struct core_err	err;

	core_err_clear(&err);
	if (j == NULL || core_jcs_serialize(j, out, &err) != CORE_OK)
		fix_die("payload", &err);
	json_decref(j);
}

/* Sign payload as typ with k under kid and write it to name. */
static void
fix_sign(const char *name, const struct core_buf *payload, const char *typ,
    const struct core_key *k, const char *kid)
{
	struct core_buf	out;
	struct core_err	err;

	core_buf_init(&out, FIX_MAX);
	core_err_clear(&err);
	if (core_jws_sign(payload->data, payload->len, typ, k, kid, &out,
	    &err) != CORE_OK)
		fix_die(name, &err);
	fix_write(name, out.data, out.len);
	core_buf_free(&out);
}

/* A service entry of a registry with one or two keys. */
static json_t *
fix_service(const char *id, const char *role, const char *status,
    const struct core_key *k1, const char *nb1, const char *na1,
    const struct core_key *k2, const char *nb2, const char *na2)
{
	json_t	*keys;

	keys = json_pack("[{s:s, s:s, s:s}]", "thumbprint", fix_tp(k1),
	    "not_before", nb1, "not_after", na1);
	if (k2 != NULL)
		json_array_append_new(keys, json_pack("{s:s, s:s, s:s}",
		    "thumbprint", fix_tp(k2), "not_before", nb2, "not_after", na2));
	return json_pack("{s:s, s:s, s:s, s:s, s:o}", "service_id", id, "name",
	    id + 8, "role", role, "status", status, "keys", keys);
}

static json_t *
fix_decision(const char *issuer)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s}}", "recourse", "1",
	    "id", "LN-2026-004217", "issuer", issuer, "issued_at",
	    "2026-05-02T09:30:00Z", "outcome", "code", "denied", "summary",
	    "The loan application was declined.");
}

/* Replace the payload of the flattened JWS in file name by one whose text
 * has from replaced by to, keeping the signature. */
static void
fix_tamper(const char *src, const char *name, const char *from, const char *to)
{
	char		 path[4096], *s, *at;
	json_t		*j;
	json_error_t	 jerr;
	struct core_buf	 pl, enc, text;
	struct core_err	 err;
	const char	*b64;

	snprintf(path, sizeof path, "%s/%s", fix_dir, src);
	if ((j = json_load_file(path, 0, &jerr)) == NULL)
		fix_die(src, NULL);
	b64 = json_string_value(json_object_get(j, "payload"));
	core_buf_init(&pl, FIX_MAX);
	core_buf_init(&enc, FIX_MAX);
	core_buf_init(&text, FIX_MAX);
	core_err_clear(&err);
	if (b64 == NULL || core_b64url_decode(b64, strlen(b64), &pl, &err) != CORE_OK)
		fix_die(src, &err);
	s = (char *)pl.data;
	if ((at = strstr(s, from)) == NULL)
		fix_die(src, NULL);
	core_buf_add(&text, s, (size_t)(at - s));
	core_buf_adds(&text, to);
	core_buf_adds(&text, at + strlen(from));
	core_b64url_encode(text.data, text.len, &enc);
	json_object_set_new(j, "payload", json_string(core_buf_str(&enc)));
	fix_write_json(name, j);
	json_decref(j);
	core_buf_free(&pl);
	core_buf_free(&enc);
	core_buf_free(&text);
}

int
main(int argc, char **argv)
{
	struct core_key	*root, *root2, *bank, *bank_old, *revoked, *suspended;
	struct core_key	*stranger, *models;
	struct core_buf	 p, reg2;
	json_t		*keys, *services, *state;
	char		 hex[CORE_SHA256_HEX_LEN + 1];
	static const char contest[] =
	    "{\"recourse\":\"1\",\"decision_id\":\"LN-2026-004217\","
	    "\"statement\":\"My income was recorded wrongly.\"}\n";
	static const char contest_other[] =
	    "{\"recourse\":\"1\",\"decision_id\":\"LN-2026-004217\","
	    "\"statement\":\"My income was recorded wrongly!\"}\n";

	if (argc != 2) {
		fprintf(stderr, "usage: mkfixtures DIR\n");
		return 64;
	}
	fix_dir = argv[1];
	root = fix_key(CORE_KEY_ED25519);
	root2 = fix_key(CORE_KEY_ED25519);
	bank = fix_key(CORE_KEY_P256);
	bank_old = fix_key(CORE_KEY_ED25519);
	revoked = fix_key(CORE_KEY_ED25519);
	suspended = fix_key(CORE_KEY_ED25519);
	stranger = fix_key(CORE_KEY_ED25519);
	models = fix_key(CORE_KEY_P256);

	/* Public keys. */
	fix_write_jwk("root.jwk", root, NULL);
	fix_write_jwk("other-root.jwk", root2, NULL);
	fix_write_jwk("bank.jwk", bank, "bank-2026");
	fix_write_pem("bank.pem", bank);
	fix_write_jwk("stranger.jwk", stranger, "stranger-1");
	fix_write_jwk("revoked.jwk", revoked, "revoked-1");
	keys = json_pack("{s:[o,o,o,o,o,o]}", "keys",
	    fix_jwk(bank, "bank-2026"), fix_jwk(bank_old, "bank-2024"),
	    fix_jwk(revoked, "revoked-1"), fix_jwk(suspended, "suspended-1"),
	    fix_jwk(stranger, "stranger-1"), fix_jwk(models, "models-1"));
	fix_write_json("keys.json", keys);
	json_decref(keys);

	/* Registries. */
	core_buf_init(&p, FIX_MAX);
	core_buf_init(&reg2, FIX_MAX);
	services = json_pack("[o,o,o,o]",
	    fix_service("https://bank.example", "service", "active",
		bank, "2026-01-01T00:00:00Z", "2026-12-31T23:59:59Z",
		bank_old, "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
	    fix_service("https://revoked.example", "service", "revoked",
		revoked, "2026-01-01T00:00:00Z", "2026-12-31T23:59:59Z",
		NULL, NULL, NULL),
	    fix_service("https://suspended.example", "service", "suspended",
		suspended, "2026-01-01T00:00:00Z", "2026-12-31T23:59:59Z",
		NULL, NULL, NULL),
	    fix_service("https://models.example", "provider", "active",
		models, "2026-01-01T00:00:00Z", "2026-12-31T23:59:59Z",
		NULL, NULL, NULL));
	fix_canon(json_pack("{s:s, s:i, s:s, s:s, s:O}", "registry",
	    "demo-registry", "sequence", 1, "issued_at", "2026-01-01T00:00:00Z",
	    "expires", "2027-01-01T00:00:00Z", "services", services), &p);
	fix_sign("registry-1.jws", &p, CORE_TYP_REGISTRY, root, NULL);
	core_buf_reset(&p);
	fix_canon(json_pack("{s:s, s:i, s:s, s:s, s:O}", "registry",
	    "demo-registry", "sequence", 2, "issued_at", "2026-02-01T00:00:00Z",
	    "expires", "2027-02-01T00:00:00Z", "services", services), &reg2);
	fix_sign("registry-2.jws", &reg2, CORE_TYP_REGISTRY, root, NULL);
	fix_canon(json_pack("{s:s, s:i, s:s, s:s, s:O}", "registry",
	    "old-registry", "sequence", 7, "issued_at", "2025-01-01T00:00:00Z",
	    "expires", "2026-03-01T00:00:00Z", "services", services), &p);
	fix_sign("registry-expired.jws", &p, CORE_TYP_REGISTRY, root, NULL);
	core_buf_reset(&p);
	fix_canon(json_pack("{s:s, s:i, s:s, s:s, s:O}", "registry",
	    "demo-registry", "sequence", 9, "issued_at", "2026-03-01T00:00:00Z",
	    "expires", "2027-03-01T00:00:00Z", "services", services), &p);
	fix_sign("registry-forged.jws", &p, CORE_TYP_REGISTRY, root2, NULL);
	core_buf_reset(&p);
	json_decref(services);

	/* A state that has seen registry-2. */
	core_sha256_hex(reg2.data, reg2.len, hex);
	state = json_pack("{s:s, s:[{s:s, s:i, s:s}]}", "recourse_trust_state",
	    "1", "registries", "registry", "demo-registry", "sequence", 2,
	    "sha256", hex);
	fix_write_json("state-seen-2.json", state);
	json_decref(state);

	/* Decisions. */
	fix_canon(fix_decision("https://bank.example"), &p);
	fix_sign("decision.jws", &p, CORE_TYP_DECISION, bank, "bank-2026");
	fix_sign("decision-wrong-key.jws", &p, CORE_TYP_DECISION, stranger,
	    "bank-2026");
	fix_sign("decision-stranger.jws", &p, CORE_TYP_DECISION, stranger,
	    "stranger-1");
	fix_sign("decision-old-key.jws", &p, CORE_TYP_DECISION, bank_old,
	    "bank-2024");
	fix_sign("decision-unknown-typ.jws", &p, "application/example+json",
	    bank, "bank-2026");
	fix_tamper("decision.jws", "decision-tampered.jws", "denied", "granted");
	core_buf_reset(&p);
	fix_canon(fix_decision("https://evil.example"), &p);
	fix_sign("decision-other-issuer.jws", &p, CORE_TYP_DECISION, bank,
	    "bank-2026");
	core_buf_reset(&p);
	fix_canon(fix_decision("https://revoked.example"), &p);
	fix_sign("decision-revoked.jws", &p, CORE_TYP_DECISION, revoked,
	    "revoked-1");
	core_buf_reset(&p);
	fix_canon(fix_decision("https://suspended.example"), &p);
	fix_sign("decision-suspended.jws", &p, CORE_TYP_DECISION, suspended,
	    "suspended-1");
	core_buf_reset(&p);

	/* A contest, its receipt and its status. */
	fix_write("contest.json", contest, strlen(contest));
	fix_write("contest-other.json", contest_other, strlen(contest_other));
	core_sha256_hex(contest, strlen(contest), hex);
	fix_canon(json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "receipt_id", "R-2026-000123", "service_id", "https://bank.example",
	    "decision_id", "LN-2026-004217", "contest_id", "C-2026-000042",
	    "idempotency_key", "3f1c9a2e-5b7d-4e61-9a0b-6c2d8e4f1a37",
	    "body_sha256", hex, "received_at", "2026-05-10T14:02:11Z",
	    "answer_due", "2026-06-09", "status_url",
	    "https://bank.example/recourse/contests/C-2026-000042"), &p);
	fix_sign("receipt.jws", &p, CORE_TYP_RECEIPT, bank, "bank-2026");
	core_buf_reset(&p);
	fix_canon(json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:s}]}",
	    "contest_id", "C-2026-000042", "decision_id", "LN-2026-004217",
	    "service_id", "https://bank.example", "status", "received",
	    "updated_at", "2026-05-10T14:02:11Z", "answer_due", "2026-06-09",
	    "history", "at", "2026-05-10T14:02:11Z", "status", "received"), &p);
	fix_sign("status.jws", &p, CORE_TYP_STATUS, bank, "bank-2026");
	core_buf_reset(&p);
	fix_canon(json_pack("{s:s, s:s, s:s, s:s}", "provider",
	    "https://models.example", "model", "credit-scorer", "model_digest",
	    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
	    "issued_at", "2026-01-15T00:00:00Z"), &p);
	fix_sign("attestation.jws", &p, CORE_TYP_ATTESTATION, models, "models-1");
	core_buf_reset(&p);

	fix_write("garbage.txt", "this is not a signed document\n", 30);

	/* A registry folder as $XDG_CONFIG_HOME/recourse/registries/. */
	fix_copy("root.jwk", "config/recourse/registries/root.jwk");
	fix_copy("registry-1.jws", "config/recourse/registries/demo.jws");

	core_buf_free(&p);
	core_buf_free(&reg2);
	core_key_free(&root);
	core_key_free(&root2);
	core_key_free(&bank);
	core_key_free(&bank_old);
	core_key_free(&revoked);
	core_key_free(&suspended);
	core_key_free(&stranger);
	core_key_free(&models);
	return 0;
}
