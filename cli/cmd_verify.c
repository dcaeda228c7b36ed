/*
 * cmd_verify.c: `recourse verify`, the offline verdict on signed documents.
 *
 *   recourse verify [--json] [--trust KEYFILE]... [--keys KEYFILE]...
 *       [--registry FILE]... [--root KEYFILE]... [--state FILE | --no-state]
 *       [--max-size BYTES] [--type TYP] [--at TIME] [--body FILE]
 *       [--no-default-registries] [FILE]...
 *
 * Each FILE (standard input when there is none, or for "-") is a signed
 * document of recourse/1; its type comes from its header, or must be --type.
 * Keys come from the command line: --trust pins a key (JWK, JWKS or PEM),
 * --keys gives keys that check signatures but confer no trust (a service's
 * JWKS or discovery document), --root gives registry root keys and
 * --registry signed registries; --trust, --keys and --root also take a
 * did:key.  The registry folders SYSCONFDIR/recourse/
 * registries/ and $XDG_CONFIG_HOME/recourse/registries/ are read too (unless
 * --no-default-registries): *.jwk and *.pem files there are root keys, *.jws
 * files signed registries.  The last seen sequence of each registry is kept
 * between runs (rollback protection) in the person's store, as net/ keeps
 * it (state/trust.json under data-dir), read when the first registry is
 * met and written when a newer one is accepted; --state FILE keeps it in
 * FILE instead, --no-state not at all.
 *
 * A FILE that is a JSON object with a "proof" member and no JWS members is
 * a W3C Data Integrity credential, checked by verify_di.c.  --max-size (or
 * max-size in recourse.conf) caps each FILE, 4 MiB by default.
 *
 * One verdict per file, in words with each check and the failing check's
 * reason, or with --json one JSON object per line.  The exit status is the
 * worst verdict: 0 valid and trusted, 1 valid but untrusted, 2 invalid,
 * 3 unreadable; 64 for a usage error, and 3 when a key, state or body file
 * named on the command line cannot be read.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/conf.h"
#include "cli/verify.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/intl.h"
#include "core/analysis.h"
#include "core/di.h"
#include "core/json.h"
#include "core/key.h"
#include "core/record.h"
#include "core/safetext.h"
#include "core/trust.h"
#include "core/verdict.h"
#include "net/flow.h"
#include "net/store.h"

#define VERIFY_MAX_FILE		CORE_JSON_MAX_DOC
#define VERIFY_MAX_SIZE		((size_t)1 << 30)	/* --max-size at most */
#define VERIFY_MAX_LINE		8192
#define VERIFY_MAX_DIRFILES	256

struct verify_ctx {
	struct core_trust	*trust;
	struct core_trust_state	 state;
	const char		*typ;		/* --type, in full; or NULL */
	time_t			 now;
	struct core_buf		 body;		/* --body */
	int			 have_body;
	int			 json;
	int			 changed;	/* state to be saved */
	size_t			 max;		/* --max-size */
	int			 state_mode;	/* VERIFY_STATE_* */
	int			 state_loaded;	/* the store's state is read */
	char			 data_dir[4096];/* data-dir, or "" */
	struct net_store	*store;		/* VERIFY_STATE_STORE, once read */
};

enum {
	VERIFY_STATE_STORE = 0,	/* the person's store, as net/ keeps it */
	VERIFY_STATE_FILE = 1,	/* --state FILE */
	VERIFY_STATE_NONE = 2	/* --no-state */
};

/* Say that memory ran out and end with the documented status. */
static void
verify_nomem(void)
{
	cli_warnx("%s", _(core_strerror(CORE_E_NOMEM)));
	exit(CLI_EXIT_SOFTWARE);
}

/* Append check c's sentence fmt to out; a line longer than out's bound is
 * cut there, but running out of memory ends the run, so that no shortened
 * sentence is ever printed as if it were whole. */
static void
verify_expand(const char *fmt, const struct core_check *c,
    struct core_buf *out)
{
	if (core_check_expand(fmt, c, out) == CORE_E_NOMEM)
		verify_nomem();
}

/* Append s to out, as verify_expand does. */
static void
verify_adds(struct core_buf *out, const char *s)
{
	if (core_buf_adds(out, s) == CORE_E_NOMEM)
		verify_nomem();
}

/* s made safe for a terminal, as a new string (the caller frees it). */
static char *
verify_safe(const char *s)
{
	char	*out = NULL;

	if (core_safetext(s, CORE_SAFETEXT_ESCAPE, VERIFY_MAX_LINE, &out) !=
	    CORE_OK)
		verify_nomem();
	return out;
}

/* Read the whole of path ("-": standard input) into b; on failure err says
 * why. */
static enum core_code
verify_read(const char *path, struct core_buf *b, struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	FILE		*fp = stdin;
	unsigned char	 chunk[65536];
	size_t		 n;

	if (strcmp(path, "-") != 0 && (fp = fopen(path, "rb")) == NULL) {
		rc = core_err_set(err, CORE_E_IO, CORE_NO_OFFSET, "%s",
		    strerror(errno));
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if ((rc = core_buf_add(b, chunk, n)) != CORE_OK) {
			if (rc == CORE_E_TOO_LARGE)
				core_err_set(err, rc, CORE_NO_OFFSET,
				    "more than %zu bytes", b->max);
			else
				core_err_set(err, rc, CORE_NO_OFFSET, NULL);
			goto out;
		}
	}
	if (ferror(fp))
		rc = core_err_set(err, CORE_E_IO, CORE_NO_OFFSET, "%s",
		    strerror(errno));
out:
	if (fp != NULL && fp != stdin)
		fclose(fp);
	return rc;
}

/* Warn "NAME: message (detail)" with the name and detail made safe. */
static void
verify_warn(const char *name, const char *what, const struct core_err *err)
{
	char	*n = verify_safe(name), *d = verify_safe(err->detail);

	if (*d != '\0')
		/* L10N: FILE: what happened: the reason (an untranslated
		 * detail). */
		cli_warnx(_("%s: %s: %s (%s)"), n, what,
		    _(core_strerror(err->code)), d);
	else
		cli_warnx(_("%s: %s: %s"), n, what, _(core_strerror(err->code)));
	free(n);
	free(d);
}

/* The key of a did:key (with or without its "#" fragment), in the part as. */
static enum core_code
verify_add_did(struct verify_ctx *ctx, const char *did, enum core_trust_as as,
    struct core_err *err)
{
	struct core_key	*k = NULL;
	char		 buf[CORE_DI_VM_MAX];
	enum core_code	 rc;

	snprintf(buf, sizeof buf, "%.*s", (int)strcspn(did, "#"), did);
	if ((rc = core_key_from_did(buf, &k, err)) != CORE_OK)
		goto out;
	rc = as == CORE_TRUST_AS_PIN ? core_trust_pin(ctx->trust, k, NULL, NULL,
	    0, 0, err) : as == CORE_TRUST_AS_KNOWN ?
	    core_trust_add_known(ctx->trust, k, NULL, err) :
	    core_trust_add_root(ctx->trust, k, NULL, NULL, err);
out:
	core_key_free(&k);
	return rc;
}

/* Load the keys of a key file (JWK, JWKS, discovery document or PEM), or
 * of a did:key. */
static enum core_code
verify_load_keys(struct verify_ctx *ctx, const char *path,
    enum core_trust_as as, struct core_err *err)
{
	enum core_code	 rc;
	struct core_buf	 b;
	json_t		*j = NULL;
	const char	*s;

	core_buf_init(&b, VERIFY_MAX_FILE);
	if (strncmp(path, "did:key:", 8) == 0) {
		rc = verify_add_did(ctx, path, as, err);
		goto out;
	}
	if ((rc = verify_read(path, &b, err)) != CORE_OK)
		goto out;
	s = core_buf_str(&b);
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (strncmp(s, "-----BEGIN", 10) == 0) {
		rc = core_trust_add_pem(ctx->trust, b.data, b.len, as, err);
		goto out;
	}
	if ((rc = core_json_parse(b.data, b.len, NULL, &j, err)) != CORE_OK)
		goto out;
	rc = core_trust_add_jwks(ctx->trust, j, as, NULL, err);
out:
	json_decref(j);
	core_buf_free(&b);
	return rc;
}

/* Read the registry state of the person's store, once, before the first
 * registry is accepted, so that a registry older than one seen in an
 * earlier run (by any command) is refused.  A store that cannot be used
 * leaves an empty state, with a warning. */
static void
verify_store_state(struct verify_ctx *ctx)
{
	struct core_err	 err;

	if (ctx->state_mode != VERIFY_STATE_STORE || ctx->state_loaded)
		return;
	ctx->state_loaded = 1;
	core_err_clear(&err);
	if (net_store_open(ctx->data_dir[0] != '\0' ? ctx->data_dir : NULL,
	    &ctx->store, &err) != CORE_OK ||
	    net_trust_state_load(ctx->store, &ctx->state, &err) != CORE_OK) {
		if (err.code == CORE_E_NOMEM)
			verify_nomem();
		verify_warn(ctx->store != NULL ? net_store_path(ctx->store) :
		    _("the local store"), _("registry state not read"), &err);
		net_store_free(&ctx->store);
		core_trust_state_init(&ctx->state);
	}
}

/* Save the state in the person's store. */
static void
verify_store_save(struct verify_ctx *ctx)
{
	struct net_ctx	 nc;
	struct core_err	 err;
	char		*n;

	if (ctx->store == NULL)
		return;
	memset(&nc, 0, sizeof nc);
	nc.store = ctx->store;
	nc.trust_state = &ctx->state;
	core_err_clear(&err);
	if (net_trust_state_save(&nc, &err) != CORE_OK) {
		n = verify_safe(net_store_path(ctx->store));
		cli_warnx(_("%s: registry state not saved: %s"), n,
		    _(core_strerror(err.code)));
		free(n);
	}
}

/* Accept the signed registry in path; a refusal is only a warning. */
static enum core_code
verify_load_registry(struct verify_ctx *ctx, const char *path)
{
	enum core_code	 rc;
	struct core_buf	 b;
	struct core_err	 err;
	size_t		 before = ctx->state.n;
	int64_t		 seqs[CORE_TRUST_STATE_MAX];
	size_t		 i;

	core_err_clear(&err);
	core_buf_init(&b, VERIFY_MAX_FILE);
	verify_store_state(ctx);
	for (i = 0; i < ctx->state.n; i++)
		seqs[i] = ctx->state.e[i].sequence;
	if ((rc = verify_read(path, &b, &err)) == CORE_OK)
		rc = core_trust_add_registry(ctx->trust, b.data, b.len, ctx->now,
		    &ctx->state, &err);
	if (rc == CORE_E_NOMEM)
		goto out;
	if (rc != CORE_OK) {
		verify_warn(path, _("registry refused"), &err);
		rc = CORE_OK;
		goto out;
	}
	if (ctx->state.n != before)
		ctx->changed = 1;
	for (i = 0; i < before; i++) {
		if (ctx->state.e[i].sequence != seqs[i])
			ctx->changed = 1;
	}
out:
	core_buf_free(&b);
	return rc;
}

/* Root keys and registries of the registry folders; problems there are
 * warnings, since the person did not name those files. */
static enum core_code
verify_load_dirs(struct verify_ctx *ctx, int roots)
{
	static const char *const root_suffixes[] = { ".jwk", ".pem" };
	enum core_code	 rc = CORE_OK;
	struct core_err	 err;
	char		*dirs[2], *names[VERIFY_MAX_DIRFILES];
	size_t		 nd, n, i, j, s;

	nd = cli_registry_dirs(dirs);
	for (i = 0; i < nd; i++) {
		for (s = 0; roots && s < 2; s++) {
			n = cli_registry_files(dirs[i], root_suffixes[s], names,
			    VERIFY_MAX_DIRFILES);
			for (j = 0; j < n; j++) {
				core_err_clear(&err);
				if (verify_load_keys(ctx, names[j],
				    CORE_TRUST_AS_ROOT, &err) != CORE_OK)
					verify_warn(names[j],
					    _("root key not used"), &err);
				free(names[j]);
			}
		}
		n = roots ? 0 : cli_registry_files(dirs[i], ".jws", names,
		    VERIFY_MAX_DIRFILES);
		for (j = 0; j < n; j++) {
			if (rc == CORE_OK)
				rc = verify_load_registry(ctx, names[j]);
			free(names[j]);
		}
	}
	for (i = 0; i < nd; i++)
		free(dirs[i]);
	return rc;
}

/* Load the state file, if there is one; a missing file is an empty state. */
static int
verify_load_state(struct verify_ctx *ctx, const char *path)
{
	struct core_buf	 b;
	struct core_err	 err;
	json_t		*j = NULL;
	int		 ok = 0;

	core_err_clear(&err);
	core_buf_init(&b, VERIFY_MAX_FILE);
	if (access(path, F_OK) != 0 && errno == ENOENT) {
		ok = 1;
		goto out;
	}
	if (verify_read(path, &b, &err) != CORE_OK ||
	    core_json_parse(b.data, b.len, NULL, &j, &err) != CORE_OK ||
	    core_trust_state_from_json(j, &ctx->state, &err) != CORE_OK) {
		verify_warn(path, _("registry state not read"), &err);
		goto out;
	}
	ok = 1;
out:
	json_decref(j);
	core_buf_free(&b);
	return ok;
}

/* Write the state to path: a temporary file, fsync, rename, fsync the
 * folder, so that a crash leaves the old state or the new one. */
static int
verify_save_state(struct verify_ctx *ctx, const char *path)
{
	json_t		*j = NULL;
	char		*text = NULL, *dir = NULL, *slash;
	struct core_buf	 tmp;
	int		 fd = -1, ok = 0;
	size_t		 len;

	core_buf_init(&tmp, 8192);
	if (core_trust_state_to_json(&ctx->state, &j) != CORE_OK ||
	    (text = json_dumps(j, JSON_INDENT(2))) == NULL ||
	    core_buf_printf(&tmp, "%s.tmp%ld", path, (long)getpid()) != CORE_OK) {
		errno = ENOMEM;
		goto out;
	}
	len = strlen(text);
	if ((fd = open(core_buf_str(&tmp), O_WRONLY | O_CREAT | O_TRUNC |
	    O_CLOEXEC, 0600)) == -1)
		goto out;
	if (write(fd, text, len) != (ssize_t)len || write(fd, "\n", 1) != 1 ||
	    fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		unlink(core_buf_str(&tmp));
		goto out;
	}
	fd = -1;
	if (rename(core_buf_str(&tmp), path) != 0) {
		unlink(core_buf_str(&tmp));
		goto out;
	}
	if ((dir = strdup(path)) != NULL) {
		slash = strrchr(dir, '/');
		if (slash == NULL)
			dir[0] = '.', dir[1] = '\0';
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
		if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
			fsync(fd);
			close(fd);
			fd = -1;
		}
	}
	ok = 1;
out:
	if (!ok) {
		char *n = verify_safe(path);

		/* L10N: FILE: registry state not saved: REASON. */
		cli_warnx(_("%s: registry state not saved: %s"), n,
		    strerror(errno));
		free(n);
	}
	if (fd != -1)
		close(fd);
	free(dir);
	free(text);
	json_decref(j);
	core_buf_free(&tmp);
	return ok;
}

/* The sentence of check c, translated, with its reason when it failed or
 * warned, into out (cleared first). */
static void
verify_sentence(const struct core_check *c, struct core_buf *out)
{
	core_buf_reset(out);
	verify_expand(_(c->msg), c, out);
	if (c->code != CORE_OK &&
	    (c->result == CORE_CHECK_FAILED || c->result == CORE_CHECK_WARNING)) {
		verify_adds(out, " (");
		verify_adds(out, _(core_strerror(c->code)));
		if (c->detail[0] != '\0') {
			verify_adds(out, ": ");
			verify_adds(out, c->detail);
		}
		verify_adds(out, ")");
	}
}

/* Print the verdict on name in words. */
static void
verify_print_text(const char *name, const struct core_verdict *v)
{
	enum core_verdict_overall o = core_verdict_overall(v);
	const struct core_check	*why = core_verdict_reason(v);
	struct core_buf		 line;
	char			*safe, *n;
	size_t			 i;

	core_buf_init(&line, VERIFY_MAX_LINE);
	n = verify_safe(name);
	if (why != NULL) {
		verify_expand(_(why->msg), why, &line);
		safe = verify_safe(core_buf_str(&line));
		/* L10N: FILE: SYMBOL VERDICT: the reason.  The symbol is
		 * [ok], [!] or [FAIL]. */
		printf(_("%s: %s %s: %s\n"), n, core_verdict_symbol(o),
		    _(core_verdict_text(o)), safe);
		free(safe);
	} else
		/* L10N: FILE: SYMBOL VERDICT. */
		printf(_("%s: %s %s\n"), n, core_verdict_symbol(o),
		    _(core_verdict_text(o)));
	for (i = 0; i < v->n; i++) {
		verify_sentence(&v->checks[i], &line);
		safe = verify_safe(core_buf_str(&line));
		printf("  %-6s %s: %s\n", core_check_symbol(v->checks[i].result),
		    v->checks[i].id, safe);
		free(safe);
	}
	free(n);
	core_buf_free(&line);
}

/* Set name in o to a safe copy of s (when s is not empty). */
static void
verify_json_set(json_t *o, const char *name, const char *s)
{
	char	*safe;

	if (s == NULL || *s == '\0')
		return;
	safe = verify_safe(s);
	json_object_set_new(o, name, json_string(safe));
	free(safe);
}

/* The checks of v as a JSON array, each {id, result, symbol, message}. */
static json_t *
verify_checks_json(const struct core_verdict *v, struct core_buf *line)
{
	const struct core_check	*c;
	json_t			*a, *cj;
	size_t			 i;

	if ((a = json_array()) == NULL)
		goto nomem;
	for (i = 0; i < v->n; i++) {
		c = &v->checks[i];
		if ((cj = json_object()) == NULL)
			goto nomem;
		json_object_set_new(cj, "id", json_string(c->id));
		json_object_set_new(cj, "result",
		    json_string(core_check_result_id(c->result)));
		json_object_set_new(cj, "symbol",
		    json_string(core_check_symbol(c->result)));
		core_buf_reset(line);
		verify_expand(_(c->msg), c, line);
		verify_json_set(cj, "message", core_buf_str(line));
		json_array_append_new(a, cj);
	}
	return a;
nomem:
	cli_warnx("%s", _(core_strerror(CORE_E_NOMEM)));
	exit(CLI_EXIT_SOFTWARE);
}

/*
 * The label checks of a decision whose signature verified (recourse(1),
 * LABEL CHECKS): the scorecard computed again, the record's
 * counterfactuals, and the label's rules, with the registries and pins
 * given for the provider's attestation.  They are printed under the
 * document's verdict and do not change it.  Returns 0 when the document
 * is not a decision that verified, or its record cannot be read.
 */
static int
verify_label(struct verify_ctx *ctx, const struct core_verdict *v,
    const struct core_doc_info *info, struct core_verdict *label)
{
	struct core_record		*rec = NULL;
	struct core_label_input		 in;
	struct core_err			 err;
	enum core_verdict_overall	 o = core_verdict_overall(v);
	int				 ok = 0;

	core_verdict_init(label);
	if (info->payload == NULL || strcmp(info->typ, CORE_TYP_DECISION) != 0 ||
	    (o != CORE_VERDICT_TRUSTED && o != CORE_VERDICT_UNTRUSTED) ||
	    core_record_parse(info->payload, &rec, &err) != CORE_OK)
		goto out;
	core_label_input_init(&in, rec, ctx->now);
	in.trust = ctx->trust;
	in.state = &ctx->state;
	in.record_trusted = o == CORE_VERDICT_TRUSTED;
	cli_label_verdict(&in, label);
	ok = 1;
out:
	core_record_free(&rec);
	return ok;
}

/* Print the label checks under a verdict in words. */
static void
verify_print_label(const struct core_verdict *label)
{
	struct core_buf	 line;
	char		*safe;
	size_t		 i;

	core_buf_init(&line, VERIFY_MAX_LINE);
	/* L10N: a heading above the checks of a decision's label. */
	printf("  %s\n", _("label checks:"));
	for (i = 0; i < label->n; i++) {
		verify_sentence(&label->checks[i], &line);
		safe = verify_safe(core_buf_str(&line));
		printf("  %-6s %s: %s\n",
		    core_check_symbol(label->checks[i].result),
		    label->checks[i].id, safe);
		free(safe);
	}
	core_buf_free(&line);
}

/* Print the verdict on name as one line of JSON. */
static void
verify_print_json(const char *name, const struct core_verdict *v,
    const struct core_doc_info *info, const struct core_verdict *label)
{
	enum core_verdict_overall o = core_verdict_overall(v);
	const struct core_check	*why = core_verdict_reason(v), *c;
	struct core_buf		 line;
	json_t			*j, *checks, *cj;
	char			*s;
	size_t			 i;

	core_buf_init(&line, VERIFY_MAX_LINE);
	j = json_object();
	checks = json_array();
	if (j == NULL || checks == NULL)
		verify_nomem();
	verify_json_set(j, "file", name);
	json_object_set_new(j, "verdict", json_string(core_verdict_id(o)));
	json_object_set_new(j, "symbol", json_string(core_verdict_symbol(o)));
	verify_json_set(j, "verdict_text", _(core_verdict_text(o)));
	if (why != NULL) {
		verify_sentence(why, &line);
		verify_json_set(j, "reason", core_buf_str(&line));
	}
	if (info != NULL) {
		verify_json_set(j, "typ", info->typ);
		verify_json_set(j, "kid", info->kid);
		verify_json_set(j, "thumbprint", info->thumbprint);
		verify_json_set(j, "alg", info->alg);
		verify_json_set(j, "service_id", info->service_id);
	}
	for (i = 0; i < v->n; i++) {
		c = &v->checks[i];
		if ((cj = json_object()) == NULL)
			verify_nomem();
		json_object_set_new(cj, "id", json_string(c->id));
		json_object_set_new(cj, "result",
		    json_string(core_check_result_id(c->result)));
		json_object_set_new(cj, "symbol",
		    json_string(core_check_symbol(c->result)));
		core_buf_reset(&line);
		verify_expand(_(c->msg), c, &line);
		verify_json_set(cj, "message", core_buf_str(&line));
		if (c->code != CORE_OK) {
			json_object_set_new(cj, "code",
			    json_string(core_errname(c->code)));
			verify_json_set(cj, "error", _(core_strerror(c->code)));
			verify_json_set(cj, "detail", c->detail);
		}
		json_array_append_new(checks, cj);
	}
	json_object_set_new(j, "checks", checks);
	if (label != NULL)
		json_object_set_new(j, "label_checks",
		    verify_checks_json(label, &line));
	if ((s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII)) == NULL)
		verify_nomem();
	puts(s);
	free(s);
	json_decref(j);
	core_buf_free(&line);
}

/* Verify one file and print its verdict; returns the verdict. */
static enum core_verdict_overall
verify_file(struct verify_ctx *ctx, const char *path)
{
	struct core_verdict	 v, label;
	struct core_doc_info	 info;
	struct core_buf		 doc;
	int			 have_label;
	struct core_err		 err;
	enum core_code		 rc;
	enum core_verdict_overall o;
	const char		*name;

	memset(&info, 0, sizeof info);
	core_err_clear(&err);
	core_verdict_init(&v);
	core_buf_init(&doc, ctx->max);
	name = strcmp(path, "-") == 0 ? _("standard input") : path;
	if ((rc = verify_read(path, &doc, &err)) != CORE_OK) {
		if (rc == CORE_E_NOMEM)
			goto nomem;
		core_verdict_add(&v, "read", CORE_CHECK_FORMAT,
		    CORE_CHECK_FAILED, &err, N_("The file could not be read."),
		    NULL);
	} else if ((rc = core_trust_verify_doc(ctx->trust, doc.data, doc.len,
	    ctx->typ, NULL, &ctx->state, ctx->now,
	    ctx->have_body ? ctx->body.data : NULL, ctx->body.len, &v,
	    &info)) != CORE_OK)
		goto nomem;
	/* A file that is no JWS may be a Data Integrity credential: only then
	 * is it parsed a second time, so a JWS is read once. */
	else if (core_verdict_overall(&v) == CORE_VERDICT_UNREADABLE &&
	    cli_verify_di(ctx->trust, doc.data, doc.len, ctx->now, &v,
	    &info) < 0)
		goto nomem;
	have_label = verify_label(ctx, &v, &info, &label);
	if (ctx->json)
		verify_print_json(name, &v, &info, have_label ? &label : NULL);
	else {
		verify_print_text(name, &v);
		if (have_label)
			verify_print_label(&label);
	}
	o = core_verdict_overall(&v);
	core_doc_info_free(&info);
	core_buf_free(&doc);
	return o;
nomem:
	cli_warnx("%s", _(core_strerror(CORE_E_NOMEM)));
	exit(CLI_EXIT_SOFTWARE);
}

static void
verify_usage(FILE *fp)
{
	fprintf(fp, _("Usage: %s verify [OPTION]... [FILE]...\n"), PACKAGE);
	fputs(_("Check signed documents offline and say whether each is valid "
	    "and trusted.\n"), fp);
	fputs(_("\nOptions:\n"), fp);
	fputs(_("      --json              one JSON object per file\n"), fp);
	fputs(_("      --trust=KEYFILE     pin a key (JWK, JWKS or PEM)\n"), fp);
	fputs(_("      --keys=KEYFILE      keys that check signatures but confer "
	    "no trust\n"), fp);
	fputs(_("      --registry=FILE     a signed registry to trust services "
	    "by\n"), fp);
	fputs(_("      --root=KEYFILE      a registry root key\n"), fp);
	fputs(_("      --state=FILE        remember registry sequences here "
	    "(rollback protection)\n"), fp);
	fputs(_("      --no-state          keep no registry sequences between "
	    "runs\n"), fp);
	fputs(_("      --max-size=BYTES    refuse larger files (K and M "
	    "allowed; 4M by default)\n"), fp);
	fputs(_("      --type=TYP          expect this document type (decision, "
	    "receipt, status,\n"
	    "                          registry, attestation)\n"), fp);
	fputs(_("      --at=TIME           check at this RFC 3339 UTC time "
	    "instead of now\n"), fp);
	fputs(_("      --body=FILE         the contest body a receipt must "
	    "match\n"), fp);
	fputs(_("      --no-default-registries  ignore the registry folders\n"),
	    fp);
	fputs(_("\nExit status: 0 all valid and trusted, 1 some valid but "
	    "untrusted,\n2 some invalid, 3 some unreadable; the worst wins.\n"),
	    fp);
}

/* What recourse.conf says for verify: max-size (as --max-size) and
 * data-dir (the store that keeps the registry state).  -1 with a message
 * naming the file and line when it cannot be read. */
static int
verify_config(struct verify_ctx *ctx, struct cli_opts *opts,
    struct cli_config *cf)
{
	const struct cli_config_item	*it;

	ctx->max = VERIFY_MAX_FILE;
	if (cli_config_load(cf, opts->config) != 0)
		return -1;
	if ((it = cli_config_get(cf, "max-size")) != NULL &&
	    (cli_parse_size(it->value, &ctx->max) != 0 ||
	    ctx->max > VERIFY_MAX_SIZE)) {
		cli_warnx(_("%s:%u: %s must be a whole number from %ld to %ld"),
		    it->file, it->line, it->key, 1L, (long)VERIFY_MAX_SIZE);
		return -1;
	}
	if ((it = cli_config_get(cf, "data-dir")) != NULL &&
	    cli_config_path(it, ctx->data_dir, sizeof ctx->data_dir) != 0)
		return -1;
	return 0;
}

/* recourse verify: see the top of this file. */
int
cli_cmd_verify(struct cli_opts *opts, int argc, char **argv)
{
	enum {
		OPT_JSON = 256, OPT_TRUST, OPT_KEYS, OPT_REGISTRY, OPT_ROOT,
		OPT_STATE, OPT_TYPE, OPT_AT, OPT_BODY, OPT_NODEFAULT, OPT_HELP,
		OPT_NOSTATE, OPT_MAXSIZE
	};
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "trust", required_argument, NULL, OPT_TRUST },
		{ "keys", required_argument, NULL, OPT_KEYS },
		{ "registry", required_argument, NULL, OPT_REGISTRY },
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "state", required_argument, NULL, OPT_STATE },
		{ "no-state", no_argument, NULL, OPT_NOSTATE },
		{ "max-size", required_argument, NULL, OPT_MAXSIZE },
		{ "type", required_argument, NULL, OPT_TYPE },
		{ "at", required_argument, NULL, OPT_AT },
		{ "body", required_argument, NULL, OPT_BODY },
		{ "no-default-registries", no_argument, NULL, OPT_NODEFAULT },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 }
	};
	struct verify_ctx	 ctx;
	struct cli_config	 cf;
	struct core_err		 err;
	enum core_verdict_overall o;
	const char		*state_path = NULL, *body_path = NULL;
	char			**keyfiles = NULL, **regfiles = NULL;
	enum core_trust_as	*keyparts = NULL;
	size_t			 nkeys = 0, nregs = 0, i;
	int			 ch, status = CLI_EXIT_OK, defaults = 1;
	char			*n;

	memset(&ctx, 0, sizeof ctx);
	core_trust_state_init(&ctx.state);
	core_buf_init(&ctx.body, VERIFY_MAX_FILE);
	ctx.json = opts->json;
	ctx.now = time(NULL);
	memset(&cf, 0, sizeof cf);
	if (verify_config(&ctx, opts, &cf) != 0) {
		status = CLI_EXIT_USAGE;
		goto out;
	}
	keyfiles = calloc((size_t)argc + 1, sizeof *keyfiles);
	keyparts = calloc((size_t)argc + 1, sizeof *keyparts);
	regfiles = calloc((size_t)argc + 1, sizeof *regfiles);
	if (keyfiles == NULL || keyparts == NULL || regfiles == NULL ||
	    core_trust_new(&ctx.trust) != CORE_OK) {
		cli_warnx("%s", _(core_strerror(CORE_E_NOMEM)));
		status = CLI_EXIT_SOFTWARE;
		goto out;
	}
	while ((ch = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_JSON:
			ctx.json = 1;
			break;
		case OPT_TRUST:
		case OPT_KEYS:
		case OPT_ROOT:
			keyparts[nkeys] = ch == OPT_TRUST ? CORE_TRUST_AS_PIN :
			    ch == OPT_KEYS ? CORE_TRUST_AS_KNOWN :
			    CORE_TRUST_AS_ROOT;
			keyfiles[nkeys++] = optarg;
			break;
		case OPT_REGISTRY:
			regfiles[nregs++] = optarg;
			break;
		case OPT_STATE:
			state_path = optarg;
			ctx.state_mode = VERIFY_STATE_FILE;
			break;
		case OPT_NOSTATE:
			state_path = NULL;
			ctx.state_mode = VERIFY_STATE_NONE;
			break;
		case OPT_MAXSIZE:
			if (cli_parse_size(optarg, &ctx.max) != 0 ||
			    ctx.max > VERIFY_MAX_SIZE) {
				n = verify_safe(optarg);
				cli_warnx(_("invalid value '%s' for --%s"), n,
				    "max-size");
				free(n);
				status = CLI_EXIT_USAGE;
				goto usage;
			}
			break;
		case OPT_TYPE:
			if ((ctx.typ = core_trust_typ(optarg)) == NULL) {
				n = verify_safe(optarg);
				cli_warnx(_("unknown document type '%s'"), n);
				free(n);
				status = CLI_EXIT_USAGE;
				goto usage;
			}
			break;
		case OPT_AT:
			if (core_trust_time_parse(optarg, &ctx.now) != 0) {
				n = verify_safe(optarg);
				cli_warnx(_("'%s' is not an RFC 3339 UTC time such "
				    "as 2026-11-26T10:00:00Z"), n);
				free(n);
				status = CLI_EXIT_USAGE;
				goto usage;
			}
			break;
		case OPT_BODY:
			body_path = optarg;
			break;
		case OPT_NODEFAULT:
			defaults = 0;
			break;
		case OPT_HELP:
			verify_usage(stdout);
			goto out;
		default:
			status = CLI_EXIT_USAGE;
			goto usage;
		}
	}
	argc -= optind;
	argv += optind;

	/* Keys first, then the registries they sign. */
	if (state_path != NULL && !verify_load_state(&ctx, state_path)) {
		status = CLI_EXIT_UNREADABLE;
		goto out;
	}
	if (defaults && verify_load_dirs(&ctx, 1) != CORE_OK)
		goto nomem;
	for (i = 0; i < nkeys; i++) {
		core_err_clear(&err);
		if (verify_load_keys(&ctx, keyfiles[i], keyparts[i],
		    &err) != CORE_OK) {
			if (err.code == CORE_E_NOMEM)
				goto nomem;
			verify_warn(keyfiles[i], _("no key read"), &err);
			status = CLI_EXIT_UNREADABLE;
			goto out;
		}
	}
	if (defaults && verify_load_dirs(&ctx, 0) != CORE_OK)
		goto nomem;
	for (i = 0; i < nregs; i++) {
		if (verify_load_registry(&ctx, regfiles[i]) != CORE_OK)
			goto nomem;
	}
	if (state_path != NULL && ctx.changed)
		verify_save_state(&ctx, state_path);
	else if (ctx.changed)
		verify_store_save(&ctx);
	if (body_path != NULL) {
		core_err_clear(&err);
		if (verify_read(body_path, &ctx.body, &err) != CORE_OK) {
			verify_warn(body_path, _("contest body not read"), &err);
			status = CLI_EXIT_UNREADABLE;
			goto out;
		}
		ctx.have_body = 1;
	}

	if (argc == 0) {
		status = (int)verify_file(&ctx, "-");
		goto out;
	}
	for (i = 0; i < (size_t)argc; i++) {
		o = verify_file(&ctx, argv[i]);
		if ((int)o > status)
			status = (int)o;
	}
	goto out;
nomem:
	cli_warnx("%s", _(core_strerror(CORE_E_NOMEM)));
	status = CLI_EXIT_SOFTWARE;
	goto out;
usage:
	verify_usage(stderr);
out:
	if (fflush(stdout) != 0 && status < CLI_EXIT_SOFTWARE)
		status = CLI_EXIT_SOFTWARE;
	core_trust_free(&ctx.trust);
	net_store_free(&ctx.store);
	cli_config_free(&cf);
	core_buf_free(&ctx.body);
	free(keyfiles);
	free(keyparts);
	free(regfiles);
	return status;
}
