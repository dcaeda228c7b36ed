/*
 * wpg1-tool.c: the WPG-1 watermark core, driven from the shell tests.
 *
 *   wpg1-tool words [FILE]            the words of FILE (or stdin), one a line
 *   wpg1-tool detect KEYHEX [G] [FILE] "T green z p log10_p" for one key
 *   wpg1-tool embed KEYHEX TEMPLATE   the template rendered with the key
 *   wpg1-tool tail T g gamma          ln P[Binomial(T, gamma) >= g]
 *   wpg1-tool fpr KEYS SEED FILE...   the false-positive experiment: each
 *                                     FILE is tested with KEYS keys of its
 *                                     own, derived from SEED; prints figures
 *                                     and exits 1 on a gross disagreement
 *                                     with the rates expected, 77 with
 *                                     fewer than 100 texts
 *
 * Input is read in small chunks, so the streaming path is the one tested.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "core/buf.h"
#include "core/wpg1.h"

#define TOOL_CHUNK	4099	/* odd, so words and characters straddle */

/* Decode a key of 64 hex digits; -1 when it is not one. */
static int
tool_key(const char *hex, unsigned char key[CORE_WPG1_KEY_LEN])
{
	size_t		i;
	unsigned	v;

	if (strlen(hex) != 2 * CORE_WPG1_KEY_LEN)
		return -1;
	for (i = 0; i < CORE_WPG1_KEY_LEN; i++) {
		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return -1;
		key[i] = (unsigned char)v;
	}
	return 0;
}

/* Open path, or standard input for "-" or NULL. */
static FILE *
tool_open(const char *path)
{
	FILE	*fp;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdin;
	if ((fp = fopen(path, "rb")) == NULL)
		fprintf(stderr, "wpg1-tool: %s: %s\n", path, strerror(errno));
	return fp;
}

/* Print a word on a line of its own. */
static enum core_code
tool_print_word(void *arg, const unsigned char *w, size_t n)
{
	fwrite(w, 1, n, stdout);
	putchar('\n');
	return CORE_OK;
}

/* wpg1-tool words: the words of a file. */
static int
tool_words(const char *path)
{
	struct core_buf	 b;
	struct core_err	 err;
	char		 chunk[TOOL_CHUNK];
	size_t		 n;
	FILE		*fp;
	int		 ret = 1;

	core_buf_init(&b, (size_t)1 << 30);
	core_err_clear(&err);
	if ((fp = tool_open(path)) == NULL)
		return 1;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (core_buf_add(&b, chunk, n) != CORE_OK)
			goto out;
	}
	if (core_wpg1_words(b.data, b.len, tool_print_word, NULL, &err) != CORE_OK) {
		fprintf(stderr, "wpg1-tool: %s (%s)\n",
		    core_strerror(err.code), err.detail);
		goto out;
	}
	ret = 0;
out:
	if (fp != stdin)
		fclose(fp);
	core_buf_free(&b);
	return ret;
}

/* Detect with nkeys keys over a file; res gets nkeys results. */
static int
tool_run(const struct core_wpg1_params *params,
    const unsigned char (*keys)[CORE_WPG1_KEY_LEN], size_t nkeys,
    const char *path, struct core_wpg1_result *res)
{
	struct core_wpg1	*d = NULL;
	struct core_err		 err;
	char			 chunk[TOOL_CHUNK];
	size_t			 n;
	FILE			*fp;
	int			 ret = 1;

	core_err_clear(&err);
	if ((fp = tool_open(path)) == NULL)
		return 1;
	if (core_wpg1_new(&d, params, keys, nkeys, &err) != CORE_OK)
		goto fail;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (core_wpg1_feed(d, chunk, n, &err) != CORE_OK)
			goto fail;
	}
	if (core_wpg1_finish(d, res, &err) != CORE_OK)
		goto fail;
	ret = 0;
	goto out;
fail:
	fprintf(stderr, "wpg1-tool: %s: %s (%s)\n", path == NULL ? "-" : path,
	    core_strerror(err.code), err.detail);
out:
	core_wpg1_free(&d);
	if (fp != stdin)
		fclose(fp);
	return ret;
}

/* wpg1-tool detect: the figures of one key. */
static int
tool_detect(int argc, char **argv)
{
	struct core_wpg1_params	params;
	struct core_wpg1_result	res;
	unsigned char		key[1][CORE_WPG1_KEY_LEN];

	core_wpg1_params_default(&params);
	if (argc < 1 || tool_key(argv[0], key[0]) != 0) {
		fprintf(stderr, "wpg1-tool: detect needs a key of 64 hex digits\n");
		return 2;
	}
	if (argc >= 2)
		params.G = (unsigned)strtoul(argv[1], NULL, 10);
	if (tool_run(&params, (const unsigned char (*)[CORE_WPG1_KEY_LEN])key, 1,
	    argc >= 3 ? argv[2] : NULL, &res) != 0)
		return 1;
	printf("%llu %llu %.17g %.17g %.17g\n", (unsigned long long)res.T,
	    (unsigned long long)res.green, res.z, res.p, res.log10_p);
	return 0;
}

/* wpg1-tool embed: a template rendered with a key. */
static int
tool_embed(int argc, char **argv)
{
	struct core_buf	 tmpl, out;
	struct core_err	 err;
	unsigned char	 key[CORE_WPG1_KEY_LEN];
	char		 chunk[TOOL_CHUNK];
	size_t		 n;
	FILE		*fp;
	int		 ret = 1;

	if (argc < 2 || tool_key(argv[0], key) != 0) {
		fprintf(stderr, "wpg1-tool: embed KEYHEX TEMPLATE\n");
		return 2;
	}
	core_buf_init(&tmpl, CORE_WPG1_MAX_TEMPLATE);
	core_buf_init(&out, 4 * CORE_WPG1_MAX_TEMPLATE);
	core_err_clear(&err);
	if ((fp = tool_open(argv[1])) == NULL)
		return 1;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (core_buf_add(&tmpl, chunk, n) != CORE_OK)
			goto out;
	}
	if (core_wpg1_embed(key, NULL, core_buf_str(&tmpl), tmpl.len, &out,
	    &err) != CORE_OK) {
		fprintf(stderr, "wpg1-tool: %s at %zu (%s)\n",
		    core_strerror(err.code), err.offset, err.detail);
		goto out;
	}
	fwrite(out.data, 1, out.len, stdout);
	ret = 0;
out:
	if (fp != stdin)
		fclose(fp);
	core_buf_free(&tmpl);
	core_buf_free(&out);
	return ret;
}

/* wpg1-tool tail: the log of a binomial tail. */
static int
tool_tail(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	printf("%.17g\n", core_wpg1_ln_tail(strtoull(argv[0], NULL, 10),
	    strtoull(argv[1], NULL, 10), strtod(argv[2], NULL)));
	return 0;
}

/* Key j of text i for the false-positive experiment: SHA-256 of the seed,
 * i and j. */
static int
tool_fpr_key(const char *seed, int i, int j, unsigned char key[CORE_WPG1_KEY_LEN])
{
	char		msg[256];
	unsigned int	n;
	int		len;

	len = snprintf(msg, sizeof msg, "wpg1-fpr\n%s\n%d\n%d", seed, i, j);
	if (len < 0 || (size_t)len >= sizeof msg)
		return -1;
	return EVP_Digest(msg, (size_t)len, key, &n, EVP_sha256(), NULL) == 1 ? 0 : -1;
}

/*
 * The false-positive experiment.  Under no watermark, with keys that the
 * text's author never saw, each distinct pair is green with probability
 * gamma on its own, so P[p <= a] is at most a: exactly the tail of the
 * smallest green count whose p is <= a.  The expected number of trials with
 * p <= a is the sum of those tails over the trials.
 */
static int
tool_fpr(int argc, char **argv)
{
	struct core_wpg1_params	 params;
	struct core_wpg1_result	*res = NULL;
	unsigned char		(*keys)[CORE_WPG1_KEY_LEN] = NULL;
	static const double	 levels[] = { 0.5, 0.1, 0.05, 0.01, 1e-3, 1e-5 };
	enum { NLEVELS = sizeof levels / sizeof levels[0] };
	double			 expect[NLEVELS], gamma, lp;
	unsigned long		 seen[NLEVELS], trials = 0, texts = 0, short_texts = 0;
	unsigned long		 bins[10];
	uint64_t		 c, T, sumT = 0;
	int			 nkeys, i, j, l, ret = 1;

	if (argc < 3 || (nkeys = (int)strtol(argv[0], NULL, 10)) < 1 ||
	    nkeys > CORE_WPG1_MAX_KEYS) {
		fprintf(stderr, "wpg1-tool: fpr KEYS SEED FILE...\n");
		return 2;
	}
	core_wpg1_params_default(&params);
	gamma = params.G / 65536.0;
	memset(seen, 0, sizeof seen);
	memset(expect, 0, sizeof expect);
	memset(bins, 0, sizeof bins);
	keys = calloc((size_t)nkeys, sizeof *keys);
	res = calloc((size_t)nkeys, sizeof *res);
	if (keys == NULL || res == NULL)
		goto out;
	for (i = 2; i < argc; i++) {
		for (j = 0; j < nkeys; j++) {
			if (tool_fpr_key(argv[1], i - 2, j, keys[j]) != 0)
				goto out;
		}
		if (tool_run(&params, (const unsigned char (*)[CORE_WPG1_KEY_LEN])keys,
		    (size_t)nkeys, argv[i], res) != 0)
			goto out;
		T = res[0].T;
		if (T < params.t_min) {
			short_texts++;
			continue;
		}
		texts++;
		sumT += T;
		for (l = 0; l < NLEVELS; l++) {
			/* The smallest count c with P[X >= c] <= level. */
			for (c = (uint64_t)(gamma * (double)T); c <= T; c++) {
				lp = core_wpg1_ln_tail(T, c, gamma);
				if (lp <= log(levels[l]))
					break;
			}
			expect[l] += (double)nkeys * (c <= T ? exp(lp) : 0.0);
		}
		for (j = 0; j < nkeys; j++) {
			trials++;
			for (l = 0; l < NLEVELS; l++) {
				if (res[j].p <= levels[l])
					seen[l]++;
			}
			bins[res[j].p >= 1.0 ? 9 : (int)(res[j].p * 10)]++;
		}
	}
	printf("texts: %lu (mean T %.0f; %lu too short, left out)\n", texts,
	    texts > 0 ? (double)sumT / (double)texts : 0.0, short_texts);
	printf("keys per text: %d\ntrials: %lu\n", nkeys, trials);
	ret = 0;
	for (l = 0; l < NLEVELS; l++) {
		printf("p<=%g: %lu observed, rate %.5f; %.2f expected (rate %.5f) "
		    "under no watermark\n", levels[l], seen[l],
		    trials ? (double)seen[l] / (double)trials : 0.0, expect[l],
		    trials ? expect[l] / (double)trials : 0.0);
		/* Only a gross disagreement fails: six standard deviations
		 * of a count, and three more for small counts. */
		if (fabs((double)seen[l] - expect[l]) > 6 * sqrt(expect[l]) + 3) {
			printf("gross disagreement at p<=%g\n", levels[l]);
			ret = 1;
		}
	}
	printf("false positives (p<=alpha=%g): rate %.2e against alpha %g\n",
	    params.alpha, trials ? (double)seen[NLEVELS - 1] / (double)trials : 0.0,
	    params.alpha);
	printf("p deciles:");
	for (l = 0; l < 10; l++)
		printf(" %lu", bins[l]);
	printf("\n");
	if (texts < 100) {
		printf("fewer than 100 texts\n");
		ret = 77;
	}
out:
	free(keys);
	free(res);
	return ret;
}

/* Dispatch to a subcommand. */
int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "words") == 0)
		return tool_words(argc >= 3 ? argv[2] : NULL);
	if (argc >= 2 && strcmp(argv[1], "detect") == 0)
		return tool_detect(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "embed") == 0)
		return tool_embed(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "tail") == 0)
		return tool_tail(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "fpr") == 0)
		return tool_fpr(argc - 2, argv + 2);
	fprintf(stderr, "usage: wpg1-tool words|detect|embed|tail|fpr ...\n");
	return 2;
}
