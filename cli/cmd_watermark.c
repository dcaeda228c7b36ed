/*
 * cmd_watermark.c: `recourse watermark`, WPG-1 detection on a letter.
 *
 *   recourse watermark [--key HEX]... [--label FILE] [--json] [FILE]
 *
 * The text is FILE, or standard input when FILE is absent or "-"; it is
 * read in chunks, so its size is bounded only by the number of distinct
 * word pairs (core/wpg1.h).  Keys are 64 hex digits: --key may be given up
 * to CORE_WPG1_MAX_KEYS times, and --label reads the key and parameters
 * from a label: a decision record (provenance.ai_text.watermark), its
 * flattened JWS (the payload is read, not verified: that is `recourse
 * verify`'s work), a provenance label (ai_text.watermark) or the watermark
 * object alone, {"scheme":"WPG-1","key":"<hex>","G":..,"alpha":..,
 * "T_min":..}, where G, alpha and T_min default to the scheme's values.
 * With k keys each key's p is multiplied by k before it is compared with
 * alpha.
 *
 * Exit status: 0 consistent with the watermark, 1 too short to tell, 2 no
 * watermark found, 3 the text or the label could not be read or used, 64
 * usage, 70 out of memory.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/b64.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/intl.h"
#include "core/json.h"
#include "core/safetext.h"
#include "core/wpg1.h"

#define WM_CHUNK	65536
#define WM_ID_MAX	200	/* bytes of a key id shown */

/* Exit codes beside cli.h's: 1 is inconclusive, 2 "a check failed". */
enum {
	WM_EXIT_TOO_SHORT = 1,
	WM_EXIT_NOT_FOUND = CLI_EXIT_INVALID
};

struct wm_ctx {
	struct core_wpg1_params	 params;
	unsigned char		 keys[CORE_WPG1_MAX_KEYS][CORE_WPG1_KEY_LEN];
	char			*ids[CORE_WPG1_MAX_KEYS];	/* safe for display */
	size_t			 nkeys;
	int			 json;
};

/* Decode 64 hex digits into key; -1 when s is anything else. */
static int
wm_hexkey(const char *s, unsigned char key[CORE_WPG1_KEY_LEN])
{
	size_t		i;
	unsigned	hi, lo;
	int		c;

	if (strlen(s) != 2 * CORE_WPG1_KEY_LEN)
		return -1;
	for (i = 0; i < 2 * CORE_WPG1_KEY_LEN; i++) {
		c = (unsigned char)s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		    (c >= 'A' && c <= 'F')))
			return -1;
	}
	for (i = 0; i < CORE_WPG1_KEY_LEN; i++) {
		c = (unsigned char)s[2 * i];
		hi = c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
		c = (unsigned char)s[2 * i + 1];
		lo = c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
		key[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/* A string from a file, made safe for the terminal; never NULL. */
static char *
wm_safe(const char *s)
{
	struct core_buf	b;
	char		*out;

	core_buf_init(&b, 4 * WM_ID_MAX + 16);
	if (core_safetext_append(&b, s, strnlen(s, WM_ID_MAX),
	    CORE_SAFETEXT_ESCAPE) != CORE_OK) {
		core_buf_reset(&b);
		core_buf_adds(&b, "?");
	}
	out = (char *)core_buf_take(&b, NULL);
	if (out == NULL && (out = core_strdup("")) == NULL) {
		cli_warnx("%s", _(core_strerror(CORE_E_NOMEM)));
		exit(CLI_EXIT_SOFTWARE);
	}
	return out;
}

/* Read the whole of path into b (at most the buffer's ceiling). */
static int
wm_slurp(const char *path, struct core_buf *b)
{
	char	 chunk[WM_CHUNK];
	size_t	 n;
	FILE	*fp;
	int	 ret = -1;

	if ((fp = fopen(path, "rb")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (core_buf_add(b, chunk, n) != CORE_OK) {
			errno = EFBIG;
			goto out;
		}
	}
	if (!ferror(fp))
		ret = 0;
out:
	fclose(fp);
	return ret;
}

/* The object at a path of member names under v, or NULL. */
static json_t *
wm_path(json_t *v, const char *a, const char *b, const char *c)
{
	const char	*names[3] = { a, b, c };
	size_t		 i;

	for (i = 0; i < 3 && names[i] != NULL && v != NULL; i++)
		v = json_object_get(v, names[i]);
	return json_is_object(v) ? v : NULL;
}

/* Find the watermark description in a label document. */
static json_t *
wm_find(json_t *doc)
{
	json_t	*w;

	if (json_object_get(doc, "scheme") != NULL)
		return doc;
	if ((w = wm_path(doc, "provenance", "ai_text", "watermark")) != NULL ||
	    (w = wm_path(doc, "ai_text", "watermark", NULL)) != NULL ||
	    (w = wm_path(doc, "watermark", NULL, NULL)) != NULL)
		return w;
	return NULL;
}

/* An integer member of w in [lo, hi], or def when absent; -1 when bad. */
static int
wm_int(json_t *w, const char *name, long long lo, long long hi, long long def,
    long long *out)
{
	json_t	*v = json_object_get(w, name);

	if (v == NULL) {
		*out = def;
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < lo ||
	    json_integer_value(v) > hi)
		return -1;
	*out = json_integer_value(v);
	return 0;
}

/* Read --label FILE into ctx: parameters, and its key first among keys. */
static int
wm_label(struct wm_ctx *ctx, const char *path)
{
	struct core_json_limits	 lim;
	struct core_buf		 b, payload;
	struct core_err		 err;
	json_t			*doc = NULL, *inner = NULL, *w, *v;
	const char		*s;
	long long		 G, tmin;
	int			 status = CLI_EXIT_UNREADABLE;

	core_json_limits_default(&lim);
	core_buf_init(&b, lim.max_doc);
	core_buf_init(&payload, lim.max_doc);
	core_err_clear(&err);
	if (wm_slurp(path, &b) != 0) {
		cli_warnx("%s: %s", path, strerror(errno));
		goto out;
	}
	if (core_json_parse(b.data, b.len, &lim, &doc, &err) != CORE_OK) {
		cli_warnx(_("%s: %s (%s)"), path, _(core_strerror(err.code)),
		    err.detail);
		goto out;
	}
	/* A flattened JWS: look inside its payload. */
	v = json_object_get(doc, "payload");
	if (json_is_string(v) && json_object_get(doc, "signature") != NULL) {
		s = json_string_value(v);
		if (core_b64url_decode(s, strlen(s), &payload, &err) != CORE_OK ||
		    core_json_parse(payload.data, payload.len, &lim, &inner,
		    &err) != CORE_OK) {
			cli_warnx(_("%s: the payload cannot be read: %s (%s)"), path,
			    _(core_strerror(err.code)), err.detail);
			goto out;
		}
		json_decref(doc);
		doc = inner;
		inner = NULL;
	}
	if ((w = wm_find(doc)) == NULL) {
		cli_warnx(_("%s: the label describes no text watermark"), path);
		goto out;
	}
	v = json_object_get(w, "scheme");
	if (!json_is_string(v) ||
	    strcmp(json_string_value(v), CORE_WPG1_SCHEME) != 0) {
		cli_warnx(_("%s: the watermark scheme is not %s"), path,
		    CORE_WPG1_SCHEME);
		goto out;
	}
	if (wm_int(w, "G", 1, 65535, CORE_WPG1_G_DEFAULT, &G) != 0 ||
	    wm_int(w, "T_min", 1, 100000, CORE_WPG1_TMIN_DEFAULT, &tmin) != 0) {
		cli_warnx(_("%s: the watermark's G or T_min is out of range"), path);
		goto out;
	}
	ctx->params.G = (unsigned)G;
	ctx->params.t_min = (unsigned long)tmin;
	if ((v = json_object_get(w, "alpha")) != NULL) {
		if (!json_is_number(v) || !(json_number_value(v) > 0 &&
		    json_number_value(v) < 1)) {
			cli_warnx(_("%s: the watermark's alpha is not between 0 and 1"),
			    path);
			goto out;
		}
		ctx->params.alpha = json_number_value(v);
	}
	v = json_object_get(w, "key");
	if (!json_is_string(v) || wm_hexkey(json_string_value(v), ctx->keys[0]) != 0) {
		cli_warnx(_("%s: the label holds no watermark key of 64 hex digits"),
		    path);
		goto out;
	}
	v = json_object_get(w, "key_id");
	ctx->ids[0] = wm_safe(json_is_string(v) ? json_string_value(v) : "");
	ctx->nkeys = 1;
	status = CLI_EXIT_OK;
out:
	json_decref(doc);
	json_decref(inner);
	core_buf_free(&b);
	core_buf_free(&payload);
	return status;
}

/* p as text, also when it is too small for a double. */
static void
wm_pstr(const struct core_wpg1_result *r, char *out, size_t len)
{
	double	e, m;

	if (r->p >= 1e-300 || isinf(r->log10_p)) {
		snprintf(out, len, "%.3g", r->p);
		return;
	}
	e = floor(r->log10_p);
	m = pow(10.0, r->log10_p - e);
	snprintf(out, len, "%.2fe%.0f", m, e);
}

/* The verdict's id in --json output. */
static const char *
wm_verdict_id(enum core_wpg1_verdict v)
{
	switch (v) {
	case CORE_WPG1_CONSISTENT:
		return "consistent";
	case CORE_WPG1_TOO_SHORT:
		return "too_short";
	case CORE_WPG1_NOT_FOUND:
		break;
	}
	return "not_found";
}

/* A symbol beside the words, so that the verdict never rests on colour. */
static const char *
wm_verdict_symbol(enum core_wpg1_verdict v)
{
	switch (v) {
	case CORE_WPG1_CONSISTENT:
		return "[+]";
	case CORE_WPG1_TOO_SHORT:
		return "[?]";
	case CORE_WPG1_NOT_FOUND:
		break;
	}
	return "[-]";
}

/* Print the figures as one JSON object. */
static void
wm_print_json(const struct wm_ctx *ctx, const char *name,
    const struct core_wpg1_result *res, enum core_wpg1_verdict overall)
{
	json_t	*o, *keys, *k;
	char	*s, hex[9];
	size_t	 i;

	o = json_object();
	keys = json_array();
	if (o == NULL || keys == NULL)
		goto nomem;
	json_object_set_new(o, "file", json_string(name));
	json_object_set_new(o, "scheme", json_string(CORE_WPG1_SCHEME));
	json_object_set_new(o, "G", json_integer(ctx->params.G));
	json_object_set_new(o, "gamma", json_real(ctx->params.G / 65536.0));
	json_object_set_new(o, "alpha", json_real(ctx->params.alpha));
	json_object_set_new(o, "T_min", json_integer((json_int_t)ctx->params.t_min));
	json_object_set_new(o, "T", json_integer((json_int_t)res[0].T));
	for (i = 0; i < ctx->nkeys; i++) {
		if ((k = json_object()) == NULL)
			goto nomem;
		snprintf(hex, sizeof hex, "%02x%02x%02x%02x", ctx->keys[i][0],
		    ctx->keys[i][1], ctx->keys[i][2], ctx->keys[i][3]);
		if (ctx->ids[i] != NULL && ctx->ids[i][0] != '\0')
			json_object_set_new(k, "key_id", json_string(ctx->ids[i]));
		json_object_set_new(k, "key_prefix", json_string(hex));
		json_object_set_new(k, "green", json_integer((json_int_t)res[i].green));
		json_object_set_new(k, "z", json_real(res[i].z));
		json_object_set_new(k, "p", json_real(res[i].p));
		json_object_set_new(k, "log10_p", json_real(res[i].log10_p));
		json_object_set_new(k, "verdict", json_string(wm_verdict_id(res[i].verdict)));
		json_array_append_new(keys, k);
	}
	json_object_set_new(o, "keys", keys);
	keys = NULL;
	json_object_set_new(o, "verdict", json_string(wm_verdict_id(overall)));
	json_object_set_new(o, "words", json_string(core_wpg1_verdict_words(overall)));
	if ((s = json_dumps(o, JSON_COMPACT)) == NULL)
		goto nomem;
	printf("%s\n", s);
	free(s);
	json_decref(o);
	return;
nomem:
	cli_warnx("%s", _(core_strerror(CORE_E_NOMEM)));
	exit(CLI_EXIT_SOFTWARE);
}

/* Print the figures and the verdict for people. */
static void
wm_print_text(const struct wm_ctx *ctx, const char *name,
    const struct core_wpg1_result *res, enum core_wpg1_verdict overall)
{
	char	p[64], id[4 * WM_ID_MAX + 16];
	size_t	i;

	/* L10N: the title line; %s is a file name or "standard input". */
	printf(_("WPG-1 text watermark: %s\n"), name);
	printf(_("Parameters: G %u (gamma %g), alpha %g, T_min %lu\n"),
	    ctx->params.G, ctx->params.G / 65536.0, ctx->params.alpha,
	    ctx->params.t_min);
	printf(_("Distinct word pairs (T): %llu\n"), (unsigned long long)res[0].T);
	for (i = 0; i < ctx->nkeys; i++) {
		wm_pstr(&res[i], p, sizeof p);
		if (ctx->ids[i] != NULL && ctx->ids[i][0] != '\0')
			snprintf(id, sizeof id, "%s", ctx->ids[i]);
		else
			snprintf(id, sizeof id, "%02x%02x%02x%02x...", ctx->keys[i][0],
			    ctx->keys[i][1], ctx->keys[i][2], ctx->keys[i][3]);
		/* L10N: "Key NUMBER (KEY ID): " then the green pairs, then z
		 * and p. */
		printf(_("Key %zu (%s): "), i + 1, id);
		printf(P_("%llu green pair", "%llu green pairs", res[i].green),
		    (unsigned long long)res[i].green);
		printf(_(", z = %.2f, p = %s\n"), res[i].z, p);
	}
	if (ctx->nkeys > 1)
		printf(_("With %zu keys tried, each p is multiplied by %zu before "
		    "it is compared with alpha.\n"), ctx->nkeys, ctx->nkeys);
	/* L10N: the verdict: a symbol ([+], [?] or [-]) and its words. */
	printf(_("Verdict: %s %s\n"), wm_verdict_symbol(overall),
	    _(core_wpg1_verdict_words(overall)));
	if (overall == CORE_WPG1_CONSISTENT)
		printf("%s\n", _("The key is published, so anyone can add this mark "
		    "to a text or remove it: this is evidence, not proof."));
	else if (overall == CORE_WPG1_TOO_SHORT)
		printf(_("At least %lu distinct word pairs are needed.\n"),
		    ctx->params.t_min);
}

/* Print the synopsis to fp. */
static void
wm_usage(FILE *fp)
{
	fprintf(fp, _("Usage: %s watermark [--key HEX]... [--label FILE] "
	    "[--json] [FILE]\n"), PACKAGE);
}

/* recourse watermark: run detection over a text and print the verdict. */
int
cli_cmd_watermark(struct cli_opts *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "label", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct wm_ctx		 ctx;
	struct core_wpg1	*d = NULL;
	struct core_wpg1_result	 res[CORE_WPG1_MAX_KEYS];
	struct core_err		 err;
	enum core_wpg1_verdict	 overall;
	unsigned char		 cli_keys[CORE_WPG1_MAX_KEYS][CORE_WPG1_KEY_LEN];
	char			*chunk = NULL;
	const char		*label = NULL, *path = "-", *name;
	size_t			 ncli = 0, n, i;
	FILE			*fp = stdin;
	int			 ch, status = CLI_EXIT_OK;

	memset(&ctx, 0, sizeof ctx);
	core_wpg1_params_default(&ctx.params);
	ctx.json = opts->json;
	core_err_clear(&err);
	while ((ch = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (ch) {
		case 'k':
			if (ncli == CORE_WPG1_MAX_KEYS) {
				cli_warnx(_("at most %d keys"), CORE_WPG1_MAX_KEYS);
				status = CLI_EXIT_USAGE;
				goto out;
			}
			if (wm_hexkey(optarg, cli_keys[ncli]) != 0) {
				cli_warnx(_("a key is 64 hex digits: %s"), optarg);
				status = CLI_EXIT_USAGE;
				goto out;
			}
			ncli++;
			break;
		case 'l':
			label = optarg;
			break;
		case 'j':
			ctx.json = 1;
			break;
		case 'h':
			wm_usage(stdout);
			goto out;
		default:
			wm_usage(stderr);
			status = CLI_EXIT_USAGE;
			goto out;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1 || (label == NULL && ncli == 0)) {
		if (argc > 1)
			cli_warnx(_("one text at a time, and options before it: %s"),
			    argv[1]);
		else
			cli_warnx("%s", _("give a key with --key or a label with --label"));
		wm_usage(stderr);
		status = CLI_EXIT_USAGE;
		goto out;
	}
	if (argc == 1)
		path = argv[0];
	name = strcmp(path, "-") == 0 ? _("standard input") : path;
	if (label != NULL && (status = wm_label(&ctx, label)) != CLI_EXIT_OK)
		goto out;
	if (ctx.nkeys + ncli > CORE_WPG1_MAX_KEYS) {
		cli_warnx(_("at most %d keys"), CORE_WPG1_MAX_KEYS);
		status = CLI_EXIT_USAGE;
		goto out;
	}
	for (i = 0; i < ncli; i++)
		memcpy(ctx.keys[ctx.nkeys++], cli_keys[i], CORE_WPG1_KEY_LEN);

	if (strcmp(path, "-") != 0 && (fp = fopen(path, "rb")) == NULL) {
		cli_warnx("%s: %s", name, strerror(errno));
		status = CLI_EXIT_UNREADABLE;
		goto out;
	}
	if ((chunk = malloc(WM_CHUNK)) == NULL ||
	    core_wpg1_new(&d, &ctx.params,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])ctx.keys, ctx.nkeys,
	    &err) != CORE_OK)
		goto fail;
	while ((n = fread(chunk, 1, WM_CHUNK, fp)) > 0) {
		if (core_wpg1_feed(d, chunk, n, &err) != CORE_OK)
			goto fail;
	}
	if (ferror(fp)) {
		cli_warnx("%s: %s", name, strerror(errno));
		status = CLI_EXIT_UNREADABLE;
		goto out;
	}
	if (core_wpg1_finish(d, res, &err) != CORE_OK)
		goto fail;
	overall = core_wpg1_overall(res, ctx.nkeys);
	if (ctx.json)
		wm_print_json(&ctx, name, res, overall);
	else
		wm_print_text(&ctx, name, res, overall);
	status = overall == CORE_WPG1_CONSISTENT ? CLI_EXIT_OK :
	    overall == CORE_WPG1_TOO_SHORT ? WM_EXIT_TOO_SHORT : WM_EXIT_NOT_FOUND;
	goto out;
fail:
	if (chunk == NULL)
		err.code = CORE_E_NOMEM;
	if (err.offset != CORE_NO_OFFSET)
		cli_warnx(_("%s: byte %zu: %s (%s)"), name, err.offset,
		    _(core_strerror(err.code)), err.detail);
	else
		cli_warnx(_("%s: %s (%s)"), name, _(core_strerror(err.code)),
		    err.detail);
	status = err.code == CORE_E_NOMEM || err.code == CORE_E_INTERNAL ?
	    CLI_EXIT_SOFTWARE : CLI_EXIT_UNREADABLE;
out:
	core_wpg1_free(&d);
	free(chunk);
	if (fp != NULL && fp != stdin)
		fclose(fp);
	for (i = 0; i < CORE_WPG1_MAX_KEYS; i++)
		core_free(ctx.ids[i]);
	return status;
}
