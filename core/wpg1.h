/*
 * wpg1.h: the WPG-1 text watermark (word-pair green list): detection,
 * and embedding for the reference service.
 *
 * Detection follows recourse-protocol(7) and DESIGN.md, "Text watermark
 * WPG-1", to the letter:
 *
 *  1. UTF-8 is decoded; every maximal invalid subsequence becomes U+FFFD.
 *  2. NFKC, full case folding (CaseFolding.txt, status C and F: "ß" becomes
 *     "ss"), NFKC again; then every code point of general category Cf and the
 *     variation selectors U+FE00-FE0F, U+E0100-E01EF are deleted.
 *  3. Words are maximal runs of categories L, M and N; a code point in
 *     U+3040-30FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+20000-3134F,
 *     U+0E00-0EFF, U+1000-109F or U+1780-17FF is a word by itself, whatever
 *     its category; everything else separates words.
 *  4. Each adjacent pair (previous word, word) is counted once: T is the
 *     number of distinct pairs.
 *  5. A pair (a, b) is green when the first two bytes, big-endian, of
 *     HMAC-SHA256(key, "WPG1" || u32be(len a) || a || u32be(len b) || b)
 *     are below G (so gamma = G / 65536).
 *  6. g is the number of green pairs; z = (g - gamma T) / sqrt(T gamma
 *     (1 - gamma)); p = P[Binomial(T, gamma) >= g], computed exactly in log
 *     space (Loader's saddle-point terms, summed from the anchor term), so
 *     that it stays accurate, and never underflows in log10_p, for T in the
 *     millions.  With k keys tried, the verdict compares p k with alpha.
 *
 * Unicode data (normalisation, case folding, categories) is utf8proc's:
 * detector and embedder built on different Unicode versions may split a
 * character assigned only in the newer one differently; nothing else
 * changes between versions.  UTF8PROC_STABLE is used when composing, so
 * that composition exclusions (U+2ADC, U+1D15E, ...) stay decomposed as
 * NFKC requires.
 *
 * Streaming.  Text is fed in chunks of any size; a word, a UTF-8 sequence
 * or a base letter and its combining marks may straddle chunks.  Besides
 * its tables, the detector keeps the word being read (at most
 * CORE_WPG1_MAX_WORD bytes: a longer word is CORE_E_TOO_LARGE), the words
 * read but not yet counted (a batch of 32, about 4 KiB), and the code points
 * since the last point where no normalisation can join text across (a
 * starter that is not a mark and not a Hangul jamo: in practice one letter
 * and its marks; a run of more than 4096 non-starters, which no language
 * writes, is normalised in parts).
 *
 * Pairs are counted exactly: each distinct word is numbered, and the set
 * of distinct pairs holds pairs of numbers, 11 to 22 bytes per distinct pair
 * (see wpg1.c); there are never more distinct words than distinct pairs
 * plus one, so memory is bounded by T, and T by max_pairs (CORE_E_TOO_LARGE
 * beyond it, reported at the latest by core_wpg1_finish()).  The green test
 * runs once per distinct pair and key.
 *
 * A published key lets anyone embed or strip the mark, so a positive result
 * is "consistent with the watermark", never proof.
 */
#ifndef RECOURSE_CORE_WPG1_H
#define RECOURSE_CORE_WPG1_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"

#define CORE_WPG1_SCHEME	"WPG-1"
#define CORE_WPG1_KEY_LEN	32
#define CORE_WPG1_G_DEFAULT	16384u
#define CORE_WPG1_ALPHA_DEFAULT	1e-5
#define CORE_WPG1_TMIN_DEFAULT	50u
#define CORE_WPG1_MAX_KEYS	64		/* keys tried in one pass */
#define CORE_WPG1_MAX_WORD	(64u * 1024u)	/* bytes in one word */
#define CORE_WPG1_MAX_PAIRS	(1u << 22)	/* default ceiling on T */
#define CORE_WPG1_MAX_TEMPLATE	(1024u * 1024u)	/* bytes in one template */

struct core_wpg1_params {
	unsigned	 G;		/* 1..65535: green when the prefix < G */
	double		 alpha;		/* 0 < alpha < 1 */
	unsigned long	 t_min;		/* fewer distinct pairs: too short */
	size_t		 max_pairs;	/* ceiling on T; 0 for CORE_WPG1_MAX_PAIRS */
};

enum core_wpg1_verdict {
	CORE_WPG1_CONSISTENT = 0,	/* "consistent with the watermark" */
	CORE_WPG1_TOO_SHORT = 1,	/* "too short to tell" */
	CORE_WPG1_NOT_FOUND = 2		/* "no watermark found" */
};

/* What detection found for one key. */
struct core_wpg1_result {
	uint64_t		 T;		/* distinct pairs */
	uint64_t		 green;		/* green distinct pairs */
	double			 z;		/* 0 when T is 0 */
	double			 p;		/* P[Bin(T, gamma) >= green]; 0 below DBL_MIN */
	double			 log10_p;	/* log10 of p: finite whenever p > 0 exactly */
	enum core_wpg1_verdict	 verdict;	/* with p multiplied by the number of keys */
};

struct core_wpg1;

/* Fill params with the defaults of the scheme. */
void		 core_wpg1_params_default(struct core_wpg1_params *params);

/* Check params; CORE_E_ARG with the field named in err when out of range. */
enum core_code	 core_wpg1_params_check(const struct core_wpg1_params *params,
		     struct core_err *err);

/* A detector for nkeys keys (1..CORE_WPG1_MAX_KEYS) of CORE_WPG1_KEY_LEN
 * bytes each, tried in the same pass; params may be NULL for the defaults. */
enum core_code	 core_wpg1_new(struct core_wpg1 **out,
		     const struct core_wpg1_params *params,
		     const unsigned char (*keys)[CORE_WPG1_KEY_LEN], size_t nkeys,
		     struct core_err *err);

/* Feed len more bytes of text. */
enum core_code	 core_wpg1_feed(struct core_wpg1 *d, const void *buf, size_t len,
		     struct core_err *err);

/* End of text: fill res[0..nkeys-1], one result per key, in the order given
 * to core_wpg1_new().  The detector takes no more text afterwards. */
enum core_code	 core_wpg1_finish(struct core_wpg1 *d, struct core_wpg1_result *res,
		     struct core_err *err);

void		 core_wpg1_free(struct core_wpg1 **d);

/* The verdict over all keys: consistent when one key is (its p already
 * multiplied by the number of keys); otherwise the verdict of the first. */
enum core_wpg1_verdict core_wpg1_overall(const struct core_wpg1_result *res,
		     size_t nkeys);

/* The verdict in words, untranslated (marked N_(); translate when shown). */
const char	*core_wpg1_verdict_words(enum core_wpg1_verdict v);

/* The verdict of T, the natural log of p, k keys and params. */
enum core_wpg1_verdict core_wpg1_verdict_of(uint64_t T, double ln_p, size_t k,
		     const struct core_wpg1_params *params);

/* Natural log of P[Binomial(T, gamma) >= g], 0 < gamma < 1: 0 when g is 0,
 * -HUGE_VAL when g > T. */
double		 core_wpg1_ln_tail(uint64_t T, uint64_t g, double gamma);

/* Split text into words as detection does (steps 1 to 3), calling word for
 * each one, in order, with its UTF-8 bytes; a non-OK return from word stops
 * the split and is returned. */
enum core_code	 core_wpg1_words(const void *text, size_t len,
		     enum core_code (*word)(void *arg, const unsigned char *w, size_t n),
		     void *arg, struct core_err *err);

/* HMAC-SHA256(key, "WPG1" || u32be(alen) || a || u32be(blen) || b): the
 * green test of step 5 reads the first two bytes of mac. */
enum core_code	 core_wpg1_pair_mac(const unsigned char key[CORE_WPG1_KEY_LEN],
		     const unsigned char *a, size_t alen,
		     const unsigned char *b, size_t blen,
		     unsigned char mac[32], struct core_err *err);

/*
 * Render a letter template for the reference service, watermarked with key.
 *
 * A template is UTF-8 text with slots "{alt one|alt two|alt three}".  Slots
 * are chosen from left to right: for each, the alternative kept is the one
 * with which the text so far (earlier choices, this alternative, and the
 * fixed text up to the next slot) holds the most distinct green pairs; a tie
 * goes to the alternative with fewer distinct pairs, then to the one listed
 * first.  The choice depends only on the template and the key.  Inside a
 * slot "|" separates alternatives (an alternative may be empty); "{" and "}"
 * are reserved: an unbalanced or nested brace is CORE_E_ARG with its offset.
 * A template without slots is copied unchanged.  The rendered text is
 * appended to out (whose ceiling applies).  Cost: each alternative is scanned
 * once, with the fixed text after its slot.
 */
enum core_code	 core_wpg1_embed(const unsigned char key[CORE_WPG1_KEY_LEN],
		     const struct core_wpg1_params *params,
		     const char *tmpl, size_t len, struct core_buf *out,
		     struct core_err *err);

#endif
