/*
 * wpg1.c: the WPG-1 detector: distinct word pairs (steps 4 and 5), with
 * the green test for each key; see wpg1.h for the scheme.
 *
 * HMAC-SHA256 is computed from SHA-256 states that have absorbed the key's
 * inner and outer pads once (RFC 2104): each green test copies a state and
 * hashes the message and then the inner digest, so no key schedule and no
 * allocation is repeated per pair.  A pair is looked up by a 128-bit
 * fingerprint (MurmurHash3 x64/128 of the pair's bytes) before any HMAC, so
 * a pair seen before costs one hash of its bytes.
 *
 * Trial mode is for the embedder: the reading state is saved, the pairs
 * met go to a second set and counts of their own (pairs already in the main
 * set are not new), and at the end of the trial everything is put back.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>

#include "core/alloc.h"
#include "core/wpg1.h"
#include "core/wpg1-int.h"

#define DET_SET_MIN	1024u		/* slots in a new pair set */
#define DET_BLOCK	64		/* SHA-256 block size */

/* A pair fingerprint; b is never 0 in a used slot. */
struct det_fp {
	uint64_t	a;
	uint64_t	b;
};

struct det_set {
	struct det_fp	*slot;
	size_t		 cap;		/* a power of two */
	size_t		 count;
};

struct det_key {
	EVP_MD_CTX	*inner;		/* has absorbed key ^ ipad */
	EVP_MD_CTX	*outer;		/* has absorbed key ^ opad */
};

struct core_wpg1 {
	struct core_wpg1_params	 params;
	struct core_wpg1_tok	 tok;
	EVP_MD			*md;
	EVP_MD_CTX		*work;
	struct det_key		*keys;
	size_t			 nkeys;
	uint64_t		*green;		/* per key */
	uint64_t		 T;
	struct det_set		 set;
	/* "WPG1" || u32be(len prev) || prev, then room for the next word */
	unsigned char		*msg;
	size_t			 msg_cap;
	size_t			 prev_len;
	int			 have_prev;
	int			 finished;
	struct core_err		*err;		/* of the call in progress */
	/* trial mode */
	int			 trial;
	struct det_set		 trial_set;
	uint64_t		 trial_T;
	uint64_t		 trial_green;
	struct core_wpg1_tok	 saved_tok;
	unsigned char		*saved_prev;
	size_t			 saved_prev_len;
	int			 saved_have_prev;
};

static uint64_t
det_rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t
det_fmix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

static uint64_t
det_le64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	    (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/* MurmurHash3 x64/128 (Austin Appleby, public domain), seed 0. */
static struct det_fp
det_fingerprint(const unsigned char *p, size_t len)
{
	const uint64_t	c1 = 0x87c37b91114253d5ULL, c2 = 0x4cf5ad432745937fULL;
	uint64_t	h1 = 0, h2 = 0, k1, k2;
	unsigned char	tail[16];
	size_t		i, rem = len & 15;
	struct det_fp	fp;

	for (i = 0; i + 16 <= len; i += 16) {
		k1 = det_le64(p + i);
		k2 = det_le64(p + i + 8);
		k1 *= c1;
		k1 = det_rotl(k1, 31);
		k1 *= c2;
		h1 ^= k1;
		h1 = det_rotl(h1, 27);
		h1 += h2;
		h1 = h1 * 5 + 0x52dce729;
		k2 *= c2;
		k2 = det_rotl(k2, 33);
		k2 *= c1;
		h2 ^= k2;
		h2 = det_rotl(h2, 31);
		h2 += h1;
		h2 = h2 * 5 + 0x38495ab5;
	}
	if (rem > 0) {
		memset(tail, 0, sizeof tail);
		memcpy(tail, p + i, rem);
		if (rem > 8) {
			k2 = det_le64(tail + 8);
			k2 *= c2;
			k2 = det_rotl(k2, 33);
			k2 *= c1;
			h2 ^= k2;
		}
		k1 = det_le64(tail);
		k1 *= c1;
		k1 = det_rotl(k1, 31);
		k1 *= c2;
		h1 ^= k1;
	}
	h1 ^= (uint64_t)len;
	h2 ^= (uint64_t)len;
	h1 += h2;
	h2 += h1;
	h1 = det_fmix(h1);
	h2 = det_fmix(h2);
	h1 += h2;
	h2 += h1;
	fp.a = h1;
	fp.b = h2 | 1;
	return fp;
}

static void
det_set_free(struct det_set *s)
{
	core_free(s->slot);
	memset(s, 0, sizeof *s);
}

/* Is fp in s? */
static int
det_set_has(const struct det_set *s, struct det_fp fp)
{
	size_t	i;

	if (s->cap == 0)
		return 0;
	for (i = fp.a & (s->cap - 1); s->slot[i].b != 0; i = (i + 1) & (s->cap - 1)) {
		if (s->slot[i].a == fp.a && s->slot[i].b == fp.b)
			return 1;
	}
	return 0;
}

/* Put fp in the table at cap slots (no growth, no duplicate check). */
static void
det_set_place(struct det_fp *slot, size_t cap, struct det_fp fp)
{
	size_t	i;

	for (i = fp.a & (cap - 1); slot[i].b != 0; i = (i + 1) & (cap - 1))
		continue;
	slot[i] = fp;
}

/* Add fp to s; *added is 1 when it was not there. */
static enum core_code
det_set_add(struct det_set *s, struct det_fp fp, int *added)
{
	struct det_fp	*n;
	size_t		 i, cap;

	*added = 0;
	if (det_set_has(s, fp))
		return CORE_OK;
	if (s->count + 1 > s->cap / 2) {
		cap = s->cap == 0 ? DET_SET_MIN : s->cap * 2;
		if (cap > ((size_t)-1) / sizeof *n)
			return CORE_E_TOO_LARGE;
		n = core_calloc(cap, sizeof *n);
		if (n == NULL)
			return CORE_E_NOMEM;
		for (i = 0; i < s->cap; i++) {
			if (s->slot[i].b != 0)
				det_set_place(n, cap, s->slot[i]);
		}
		core_free(s->slot);
		s->slot = n;
		s->cap = cap;
	}
	det_set_place(s->slot, s->cap, fp);
	s->count++;
	*added = 1;
	return CORE_OK;
}

/* The code for a failure that OpenSSL reported: out of memory when it says
 * so, an internal error otherwise.  Empties OpenSSL's error queue.  (Once
 * SHA-256 is fetched, digest calls fail only for want of memory, and then
 * OpenSSL may not manage to say so: those failures are CORE_E_NOMEM.) */
static enum core_code
det_ossl_code(void)
{
	unsigned long	e;
	enum core_code	rc = CORE_E_INTERNAL;

	while ((e = ERR_get_error()) != 0) {
		if (ERR_GET_REASON(e) == ERR_R_MALLOC_FAILURE)
			rc = CORE_E_NOMEM;
	}
	return rc;
}

/* Key the inner and outer states of k with key (RFC 2104). */
static enum core_code
det_key_init(struct core_wpg1 *d, struct det_key *k,
    const unsigned char key[CORE_WPG1_KEY_LEN])
{
	unsigned char	pad[DET_BLOCK];
	size_t		i;
	enum core_code	rc;

	k->inner = EVP_MD_CTX_new();
	k->outer = EVP_MD_CTX_new();
	if (k->inner == NULL || k->outer == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	rc = CORE_E_NOMEM;
	memset(pad, 0x36, sizeof pad);
	for (i = 0; i < CORE_WPG1_KEY_LEN; i++)
		pad[i] ^= key[i];
	if (EVP_DigestInit_ex(k->inner, d->md, NULL) != 1 ||
	    EVP_DigestUpdate(k->inner, pad, sizeof pad) != 1)
		goto out;
	memset(pad, 0x5c, sizeof pad);
	for (i = 0; i < CORE_WPG1_KEY_LEN; i++)
		pad[i] ^= key[i];
	if (EVP_DigestInit_ex(k->outer, d->md, NULL) != 1 ||
	    EVP_DigestUpdate(k->outer, pad, sizeof pad) != 1)
		goto out;
	rc = CORE_OK;
out:
	ERR_clear_error();
	OPENSSL_cleanse(pad, sizeof pad);
	return rc;
}

/* The first two bytes, big-endian, of the HMAC of msg under key k. */
static enum core_code
det_mac16(struct core_wpg1 *d, const struct det_key *k,
    const unsigned char *msg, size_t len, unsigned *prefix)
{
	unsigned char	ih[EVP_MAX_MD_SIZE], oh[EVP_MAX_MD_SIZE];
	unsigned int	n;

	if (EVP_MD_CTX_copy_ex(d->work, k->inner) != 1 ||
	    EVP_DigestUpdate(d->work, msg, len) != 1 ||
	    EVP_DigestFinal_ex(d->work, ih, &n) != 1 ||
	    EVP_MD_CTX_copy_ex(d->work, k->outer) != 1 ||
	    EVP_DigestUpdate(d->work, ih, n) != 1 ||
	    EVP_DigestFinal_ex(d->work, oh, &n) != 1) {
		ERR_clear_error();
		return CORE_E_NOMEM;
	}
	*prefix = (unsigned)oh[0] << 8 | oh[1];
	return CORE_OK;
}

static void
det_put32(unsigned char *p, size_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A word from the tokenizer: count the pair it ends, then make it the
 * previous word. */
static enum core_code
det_word(void *arg, const unsigned char *w, size_t n)
{
	struct core_wpg1	*d = arg;
	struct det_fp		 fp;
	unsigned char		*m;
	size_t			 need, len, i;
	unsigned		 prefix;
	int			 added;
	enum core_code		 rc = CORE_OK;

	need = 8 + d->prev_len + 4 + n;
	if (need > d->msg_cap) {
		m = core_realloc(d->msg, need);
		if (m == NULL) {
			rc = CORE_E_NOMEM;
			goto out;
		}
		d->msg = m;
		d->msg_cap = need;
	}
	if (d->have_prev) {
		det_put32(d->msg + 8 + d->prev_len, n);
		memcpy(d->msg + 12 + d->prev_len, w, n);
		len = 12 + d->prev_len + n;
		fp = det_fingerprint(d->msg + 4, len - 4);
		if (d->trial) {
			if (!det_set_has(&d->set, fp)) {
				if ((rc = det_set_add(&d->trial_set, fp,
				    &added)) != CORE_OK)
					goto out;
				if (added) {
					d->trial_T++;
					if ((rc = det_mac16(d, &d->keys[0], d->msg,
					    len, &prefix)) != CORE_OK)
						goto out;
					if (prefix < d->params.G)
						d->trial_green++;
				}
			}
		} else {
			if (d->T >= d->params.max_pairs && !det_set_has(&d->set, fp)) {
				rc = core_err_set(d->err, CORE_E_TOO_LARGE,
				    (size_t)d->tok.pos,
				    "more than %zu distinct word pairs",
				    d->params.max_pairs);
				goto out;
			}
			if ((rc = det_set_add(&d->set, fp, &added)) != CORE_OK)
				goto out;
			if (added) {
				d->T++;
				for (i = 0; i < d->nkeys; i++) {
					if ((rc = det_mac16(d, &d->keys[i], d->msg,
					    len, &prefix)) != CORE_OK)
						goto out;
					if (prefix < d->params.G)
						d->green[i]++;
				}
			}
		}
	}
	det_put32(d->msg + 4, n);
	memcpy(d->msg + 8, w, n);
	d->prev_len = n;
	d->have_prev = 1;
out:
	return rc;
}

void
core_wpg1_params_default(struct core_wpg1_params *params)
{
	params->G = CORE_WPG1_G_DEFAULT;
	params->alpha = CORE_WPG1_ALPHA_DEFAULT;
	params->t_min = CORE_WPG1_TMIN_DEFAULT;
	params->max_pairs = CORE_WPG1_MAX_PAIRS;
}

enum core_code
core_wpg1_params_check(const struct core_wpg1_params *params, struct core_err *err)
{
	if (params->G < 1 || params->G > 65535)
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "G must be 1 to 65535, not %u", params->G);
	if (!(params->alpha > 0 && params->alpha < 1))
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "alpha must be above 0 and below 1");
	return CORE_OK;
}

void
core_wpg1_free(struct core_wpg1 **dp)
{
	struct core_wpg1	*d;
	size_t			 i;

	if (dp == NULL || (d = *dp) == NULL)
		return;
	core_wpg1_tok_free(&d->tok);
	core_wpg1_tok_free(&d->saved_tok);
	for (i = 0; d->keys != NULL && i < d->nkeys; i++) {
		EVP_MD_CTX_free(d->keys[i].inner);
		EVP_MD_CTX_free(d->keys[i].outer);
	}
	core_free(d->keys);
	core_free(d->green);
	EVP_MD_CTX_free(d->work);
	EVP_MD_free(d->md);
	det_set_free(&d->set);
	det_set_free(&d->trial_set);
	core_free(d->msg);
	core_free(d->saved_prev);
	core_free(d);
	*dp = NULL;
}

enum core_code
core_wpg1_new(struct core_wpg1 **out, const struct core_wpg1_params *params,
    const unsigned char (*keys)[CORE_WPG1_KEY_LEN], size_t nkeys,
    struct core_err *err)
{
	struct core_wpg1	*d = NULL;
	size_t			 i;
	enum core_code		 rc;

	*out = NULL;
	if (nkeys < 1 || nkeys > CORE_WPG1_MAX_KEYS) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "from 1 to %d keys, not %zu", CORE_WPG1_MAX_KEYS, nkeys);
		goto out;
	}
	if (params != NULL && (rc = core_wpg1_params_check(params, err)) != CORE_OK)
		goto out;
	if ((d = core_calloc(1, sizeof *d)) == NULL) {
		rc = CORE_E_NOMEM;
		goto fail;
	}
	if (params != NULL)
		d->params = *params;
	else
		core_wpg1_params_default(&d->params);
	if (d->params.max_pairs == 0)
		d->params.max_pairs = CORE_WPG1_MAX_PAIRS;
	if ((rc = core_wpg1_tok_init(&d->tok, det_word, d)) != CORE_OK ||
	    (rc = core_wpg1_tok_init(&d->saved_tok, det_word, d)) != CORE_OK)
		goto fail;
	d->keys = core_calloc(nkeys, sizeof *d->keys);
	d->green = core_calloc(nkeys, sizeof *d->green);
	d->msg_cap = 256;
	d->msg = core_malloc(d->msg_cap);
	if (d->keys == NULL || d->green == NULL || d->msg == NULL) {
		rc = CORE_E_NOMEM;
		goto fail;
	}
	memcpy(d->msg, "WPG1", 4);
	d->nkeys = nkeys;
	d->md = EVP_MD_fetch(NULL, "SHA256", NULL);
	d->work = EVP_MD_CTX_new();
	if (d->md == NULL || d->work == NULL) {
		rc = d->work == NULL ? CORE_E_NOMEM : det_ossl_code();
		goto fail;
	}
	for (i = 0; i < nkeys; i++) {
		if ((rc = det_key_init(d, &d->keys[i], keys[i])) != CORE_OK)
			goto fail;
	}
	*out = d;
	d = NULL;
	rc = CORE_OK;
	goto out;
fail:
	core_err_set(err, rc, CORE_NO_OFFSET, NULL);
out:
	core_wpg1_free(&d);
	return rc;
}

/* Record a code for which the tokenizer or a library gave no detail. */
static enum core_code
det_fail(struct core_wpg1 *d, enum core_code rc, struct core_err *err)
{
	if (err != NULL && err->code != rc)
		core_err_set(err, rc, (size_t)d->tok.pos, NULL);
	return rc;
}

enum core_code
core_wpg1_feed(struct core_wpg1 *d, const void *buf, size_t len,
    struct core_err *err)
{
	enum core_code	rc;

	if (d->finished)
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "text fed after the end");
	d->err = err;
	rc = core_wpg1_tok_feed(&d->tok, buf, len, err);
	d->err = NULL;
	return rc == CORE_OK ? rc : det_fail(d, rc, err);
}

enum core_code
core_wpg1_finish(struct core_wpg1 *d, struct core_wpg1_result *res,
    struct core_err *err)
{
	const double	gamma = d->params.G / 65536.0;
	double		ln_p;
	size_t		i;
	enum core_code	rc;

	if (d->finished)
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "detection already finished");
	d->err = err;
	rc = core_wpg1_tok_end(&d->tok, err);
	d->err = NULL;
	d->finished = 1;
	if (rc != CORE_OK)
		return det_fail(d, rc, err);
	for (i = 0; i < d->nkeys; i++) {
		ln_p = core_wpg1_ln_tail(d->T, d->green[i], gamma);
		res[i].T = d->T;
		res[i].green = d->green[i];
		res[i].z = d->T == 0 ? 0.0 :
		    ((double)d->green[i] - gamma * (double)d->T) /
		    sqrt((double)d->T * gamma * (1 - gamma));
		res[i].p = exp(ln_p);
		res[i].log10_p = ln_p / log(10.0);
		res[i].verdict = core_wpg1_verdict_of(d->T, ln_p, d->nkeys,
		    &d->params);
	}
	return CORE_OK;
}

enum core_code
core_wpg1_trial_begin(struct core_wpg1 *d)
{
	unsigned char	*p;
	enum core_code	 rc;

	if ((rc = core_wpg1_tok_copy(&d->saved_tok, &d->tok)) != CORE_OK)
		return rc;
	if (d->prev_len > 0) {
		p = core_realloc(d->saved_prev, d->prev_len);
		if (p == NULL)
			return CORE_E_NOMEM;
		d->saved_prev = p;
		memcpy(p, d->msg + 8, d->prev_len);
	}
	d->saved_prev_len = d->prev_len;
	d->saved_have_prev = d->have_prev;
	if (d->trial_set.cap > 0)
		memset(d->trial_set.slot, 0, d->trial_set.cap * sizeof *d->trial_set.slot);
	d->trial_set.count = 0;
	d->trial_T = 0;
	d->trial_green = 0;
	d->trial = 1;
	return CORE_OK;
}

enum core_code
core_wpg1_trial_end(struct core_wpg1 *d, uint64_t *green, uint64_t *T,
    struct core_err *err)
{
	enum core_code	rc, rc2;

	d->err = err;
	rc = core_wpg1_tok_end(&d->tok, err);
	d->err = NULL;
	*green = d->trial_green;
	*T = d->trial_T;
	d->trial = 0;
	rc2 = core_wpg1_tok_copy(&d->tok, &d->saved_tok);
	if (d->saved_prev_len > 0)
		memcpy(d->msg + 8, d->saved_prev, d->saved_prev_len);
	det_put32(d->msg + 4, d->saved_prev_len);
	d->prev_len = d->saved_prev_len;
	d->have_prev = d->saved_have_prev;
	if (rc == CORE_OK)
		rc = rc2;
	return rc == CORE_OK ? rc : det_fail(d, rc, err);
}

enum core_code
core_wpg1_pair_mac(const unsigned char key[CORE_WPG1_KEY_LEN],
    const unsigned char *a, size_t alen, const unsigned char *b, size_t blen,
    unsigned char mac[32], struct core_err *err)
{
	unsigned char	*msg = NULL;
	size_t		 len, outlen = 0;
	enum core_code	 rc = CORE_OK;

	if (alen > CORE_WPG1_MAX_WORD || blen > CORE_WPG1_MAX_WORD) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "a word longer than %u bytes", CORE_WPG1_MAX_WORD);
		goto out;
	}
	len = 12 + alen + blen;
	if ((msg = core_malloc(len)) == NULL) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
		goto out;
	}
	memcpy(msg, "WPG1", 4);
	det_put32(msg + 4, alen);
	if (alen > 0)
		memcpy(msg + 8, a, alen);
	det_put32(msg + 8 + alen, blen);
	if (blen > 0)
		memcpy(msg + 12 + alen, b, blen);
	if (EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL, key, CORE_WPG1_KEY_LEN,
	    msg, len, mac, 32, &outlen) == NULL || outlen != 32)
		rc = core_err_set(err, det_ossl_code(), CORE_NO_OFFSET,
		    "HMAC-SHA256 failed");
out:
	core_free(msg);
	return rc;
}
