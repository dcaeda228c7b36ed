/*
 * bench_wpg1.c: WPG-1 detection speed, in words per second over a 10 MB
 * text, next to the raw HMAC-SHA256 rate on word-pair messages of the same
 * sizes, measured in the same run (target: detection at least 50 % of raw).
 *
 * The text is generated, so that every run reads the same one: sentences of
 * words drawn from a Zipf distribution over 60000 made-up words (as in
 * natural text, most word pairs are rare, so T is a large part of the number
 * of words).  A second text has one word in eight with a letter outside
 * ASCII, to time the path through normalisation.
 *
 * Raw HMAC is timed three ways on the same messages, and the best counts:
 * OpenSSL's one-shot HMAC (EVP_Q_mac), one EVP_MAC context re-initialised
 * per message with its key kept, and SHA-256 states that absorbed the key's
 * pads once and are copied per message (the detector's way).  Times are
 * the process's CPU time, and each figure the best of three runs.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "core/buf.h"
#include "core/wpg1.h"

#define BENCH_TEXT	(10u * 1000u * 1000u)
#define BENCH_VOCAB	60000u
#define BENCH_MSGS	400000u
#define BENCH_RUNS	3

static const unsigned char bench_key[CORE_WPG1_KEY_LEN] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f
};

/* CPU time of the process, in seconds. */
static double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* xorshift64*: the same numbers on every run. */
static uint64_t
bench_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

struct vocab {
	char	 words[BENCH_VOCAB][16];
	double	 cdf[BENCH_VOCAB];
};

/* Made-up words of 1 to 4 syllables; accented, when asked, one in eight. */
static void
bench_vocab(struct vocab *v, int accents)
{
	static const char *const syl[] = {
		"an", "be", "ca", "do", "el", "fi", "go", "ha", "in", "jo",
		"ke", "la", "me", "no", "or", "pa", "qu", "re", "si", "to",
		"un", "ve", "wa", "yr", "th", "st", "ng", "ch", "dd", "ll"
	};
	uint64_t	s = 0x9E3779B97F4A7C15ULL;
	double		sum = 0;
	size_t		i, j, n;

	for (i = 0; i < BENCH_VOCAB; i++) {
		v->words[i][0] = '\0';
		n = 1 + bench_rand(&s) % 4;
		for (j = 0; j < n; j++)
			strncat(v->words[i], syl[bench_rand(&s) % 30],
			    sizeof v->words[i] - strlen(v->words[i]) - 1);
		if (accents && i % 8 == 3)
			strncat(v->words[i], "\xc3\xa9\xc5\xb5",
			    sizeof v->words[i] - strlen(v->words[i]) - 1);
		sum += 1.0 / (double)(i + 1);
		v->cdf[i] = sum;
	}
	for (i = 0; i < BENCH_VOCAB; i++)
		v->cdf[i] /= sum;
}

/* A word index drawn from the Zipf distribution. */
static size_t
bench_pick(const struct vocab *v, uint64_t *s)
{
	double	u = (double)(bench_rand(s) >> 11) / 9007199254740992.0;
	size_t	lo = 0, hi = BENCH_VOCAB - 1, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (v->cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* About BENCH_TEXT bytes of sentences; *nwords gets the word count. */
static void
bench_text(const struct vocab *v, struct core_buf *b, unsigned long *nwords)
{
	uint64_t	s = 0x1234567887654321ULL;
	unsigned long	n = 0;
	size_t		k, len;
	const char	*w;

	while (b->len < BENCH_TEXT) {
		len = 4 + bench_rand(&s) % 20;
		for (k = 0; k < len; k++) {
			w = v->words[bench_pick(v, &s)];
			if (k == 0) {
				core_buf_addc(b, (unsigned char)(w[0] - 'a' + 'A'));
				core_buf_adds(b, w + 1);
			} else
				core_buf_adds(b, w);
			n++;
			core_buf_adds(b, k + 1 == len ? ". " :
			    bench_rand(&s) % 9 == 0 ? ", " : " ");
		}
		if (bench_rand(&s) % 6 == 0)
			core_buf_adds(b, "\n\n");
	}
	*nwords = n;
}

/* Detection over the text in 64 KiB chunks; words per second. */
static double
bench_detect(const struct core_buf *text, unsigned long nwords,
    struct core_wpg1_result *r)
{
	struct core_wpg1	*d = NULL;
	struct core_err		 err;
	double			 t;
	size_t			 off, n;

	t = bench_now();
	if (core_wpg1_new(&d, NULL,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])bench_key, 1, &err) != CORE_OK)
		goto fail;
	for (off = 0; off < text->len; off += n) {
		n = text->len - off < 65536 ? text->len - off : 65536;
		if (core_wpg1_feed(d, text->data + off, n, &err) != CORE_OK)
			goto fail;
	}
	if (core_wpg1_finish(d, r, &err) != CORE_OK)
		goto fail;
	t = bench_now() - t;
	core_wpg1_free(&d);
	return (double)nwords / t;
fail:
	fprintf(stderr, "bench_wpg1: %s (%s)\n", core_strerror(err.code), err.detail);
	exit(1);
}

/* Word-pair messages as detection builds them, from the text's own words:
 * msgs holds them back to back, lens their lengths. */
static void
bench_msgs(const struct vocab *v, unsigned char *msgs, size_t *lens)
{
	uint64_t	s = 42;
	size_t		i, la, lb, off = 0;
	const char	*a, *b;

	for (i = 0; i < BENCH_MSGS; i++) {
		a = v->words[bench_pick(v, &s)];
		b = v->words[bench_pick(v, &s)];
		la = strlen(a);
		lb = strlen(b);
		memcpy(msgs + off, "WPG1", 4);
		msgs[off + 4] = msgs[off + 5] = msgs[off + 6] = 0;
		msgs[off + 7] = (unsigned char)la;
		memcpy(msgs + off + 8, a, la);
		msgs[off + 8 + la] = msgs[off + 9 + la] = msgs[off + 10 + la] = 0;
		msgs[off + 11 + la] = (unsigned char)lb;
		memcpy(msgs + off + 12 + la, b, lb);
		lens[i] = 12 + la + lb;
		off += lens[i];
	}
}

/* HMACs per second: how = 0 one-shot, 1 EVP_MAC re-initialised, 2 copied
 * pad states. */
static double
bench_hmac(const unsigned char *msgs, const size_t *lens, int how,
    unsigned *sink)
{
	OSSL_PARAM	 params[2];
	EVP_MAC		*mac = NULL;
	EVP_MAC_CTX	*mctx = NULL;
	EVP_MD		*md = NULL;
	EVP_MD_CTX	*in = NULL, *outer = NULL, *w = NULL;
	unsigned char	 out[EVP_MAX_MD_SIZE], ih[EVP_MAX_MD_SIZE], pad[64];
	unsigned int	 ol;
	size_t		 i, off = 0, outlen;
	double		 t;
	char		 digest[] = "SHA256";

	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0);
	params[1] = OSSL_PARAM_construct_end();
	mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	mctx = EVP_MAC_CTX_new(mac);
	md = EVP_MD_fetch(NULL, "SHA256", NULL);
	in = EVP_MD_CTX_new();
	outer = EVP_MD_CTX_new();
	w = EVP_MD_CTX_new();
	if (mctx == NULL || md == NULL || in == NULL || outer == NULL || w == NULL ||
	    EVP_MAC_init(mctx, bench_key, sizeof bench_key, params) != 1)
		exit(1);
	memset(pad, 0x36, sizeof pad);
	for (i = 0; i < sizeof bench_key; i++)
		pad[i] ^= bench_key[i];
	EVP_DigestInit_ex(in, md, NULL);
	EVP_DigestUpdate(in, pad, sizeof pad);
	memset(pad, 0x5c, sizeof pad);
	for (i = 0; i < sizeof bench_key; i++)
		pad[i] ^= bench_key[i];
	EVP_DigestInit_ex(outer, md, NULL);
	EVP_DigestUpdate(outer, pad, sizeof pad);

	t = bench_now();
	for (i = 0; i < BENCH_MSGS; i++) {
		switch (how) {
		case 0:
			EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL, bench_key,
			    sizeof bench_key, msgs + off, lens[i], out, sizeof out,
			    &outlen);
			break;
		case 1:
			EVP_MAC_init(mctx, NULL, 0, NULL);
			EVP_MAC_update(mctx, msgs + off, lens[i]);
			EVP_MAC_final(mctx, out, &outlen, sizeof out);
			break;
		default:
			EVP_MD_CTX_copy_ex(w, in);
			EVP_DigestUpdate(w, msgs + off, lens[i]);
			EVP_DigestFinal_ex(w, ih, &ol);
			EVP_MD_CTX_copy_ex(w, outer);
			EVP_DigestUpdate(w, ih, ol);
			EVP_DigestFinal_ex(w, out, &ol);
			break;
		}
		*sink += out[0];
		off += lens[i];
	}
	t = bench_now() - t;
	EVP_MD_CTX_free(w);
	EVP_MD_CTX_free(in);
	EVP_MD_CTX_free(outer);
	EVP_MD_free(md);
	EVP_MAC_CTX_free(mctx);
	EVP_MAC_free(mac);
	return (double)BENCH_MSGS / t;
}

/* Build the texts and messages, then time detection and HMAC. */
int
main(void)
{
	struct vocab		*v;
	struct core_buf		 text, text_u;
	struct core_wpg1_result	 r, ru;
	struct rusage		 ru_self;
	unsigned char		*msgs;
	size_t			*lens, mean = 0, i;
	unsigned long		 nwords, nwords_u;
	double			 rate, rate_u, raw[3], best, x;
	unsigned		 sink = 0;
	int			 how, run;

	v = malloc(sizeof *v);
	msgs = malloc(BENCH_MSGS * (12 + 2 * 16));
	lens = malloc(BENCH_MSGS * sizeof *lens);
	if (v == NULL || msgs == NULL || lens == NULL)
		return 1;
	core_buf_init(&text, 2 * BENCH_TEXT);
	core_buf_init(&text_u, 2 * BENCH_TEXT);
	bench_vocab(v, 0);
	bench_text(v, &text, &nwords);
	bench_msgs(v, msgs, lens);
	for (i = 0; i < BENCH_MSGS; i++)
		mean += lens[i];
	bench_vocab(v, 1);
	bench_text(v, &text_u, &nwords_u);

	/* Each figure is the best of BENCH_RUNS, taken in turns, so that a
	 * busy machine slows them alike. */
	memset(raw, 0, sizeof raw);
	rate = rate_u = 0;
	for (run = 0; run < BENCH_RUNS; run++) {
		for (how = 0; how < 3; how++) {
			x = bench_hmac(msgs, lens, how, &sink);
			raw[how] = x > raw[how] ? x : raw[how];
		}
		x = bench_detect(&text, nwords, &r);
		rate = x > rate ? x : rate;
		x = bench_detect(&text_u, nwords_u, &ru);
		rate_u = x > rate_u ? x : rate_u;
	}
	best = raw[0] > raw[1] ? raw[0] : raw[1];
	best = best > raw[2] ? best : raw[2];
	getrusage(RUSAGE_SELF, &ru_self);

	printf("wpg1 text: %.1f MB, %lu words, %llu distinct pairs\n",
	    (double)text.len / 1e6, nwords, (unsigned long long)r.T);
	printf("wpg1 detection: %.0f words/s\n", rate);
	printf("wpg1 raw HMAC-SHA256, one-shot: %.0f /s on %.0f-byte messages\n",
	    raw[0], (double)mean / BENCH_MSGS);
	printf("wpg1 raw HMAC-SHA256, EVP_MAC re-initialised: %.0f /s\n", raw[1]);
	printf("wpg1 raw HMAC-SHA256, copied pad states: %.0f /s\n", raw[2]);
	printf("wpg1 detection vs best raw HMAC: %.0f %% (target >= 50)\n",
	    100.0 * rate / best);
	printf("wpg1 detection, one word in eight not ASCII: %.0f words/s "
	    "= %.0f %% of best raw HMAC (%llu distinct pairs)\n", rate_u,
	    100.0 * rate_u / best, (unsigned long long)ru.T);
	printf("wpg1 peak memory: %.1f MiB (two 10 MB texts and the pair set)\n",
	    (double)ru_self.ru_maxrss / 1024.0);
	core_buf_free(&text);
	core_buf_free(&text_u);
	free(v);
	free(msgs);
	free(lens);
	return sink == 0xFFFFFFFFu;
}
