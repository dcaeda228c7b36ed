/*
 * wpg1.c: the WPG-1 detector: distinct word pairs (steps 4 and 5), with
 * the green test for each key; see wpg1.h for the scheme.
 *
 * HMAC-SHA256 is computed from SHA-256 states that have absorbed the key's
 * inner and outer pads once (RFC 2104): each green test copies a state and
 * hashes the message and then the inner digest; no key schedule is
 * repeated per pair.
 *
 * Pairs are counted exactly.  Each distinct word gets a number (a table of
 * words, hashed with SipHash-1-3 under a key drawn for each detector, so
 * that no text can be made to collide); a pair is the two numbers in one
 * 64-bit integer, kept in an open-addressing set at most three quarters
 * full: 11 to 22 bytes per distinct pair (twice that while the set grows).
 * A distinct word takes 48 to 96 bytes and its own bytes, and there are
 * never more distinct words than distinct pairs plus one.  Words are
 * counted in batches: the table slots of a batch are fetched before any is
 * read, so that the memory latencies overlap.  The green test runs only
 * for a pair not seen before.
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
#include <openssl/rand.h>

#include "core/alloc.h"
#include "core/wpg1.h"
#include "core/wpg1-int.h"

#define DET_SET_MIN	1024u		/* slots in a new table */
#define DET_BLOCK	64		/* SHA-256 block size */
#define DET_MAX_WORDS	0xFFFFFFF0u	/* word numbers fit in 32 bits */
#define DET_BATCH	32		/* words counted together */
#define DET_BATCH_BYTES	4096u		/* their bytes, unless one is longer */

#if defined(__GNUC__)
#define DET_PREFETCH(p)	__builtin_prefetch(p)
#else
#define DET_PREFETCH(p)	((void)(p))
#endif

/* The distinct words met so far, numbered from 0 as they come. */
struct det_wslot {
	uint64_t	hash;		/* 0: an empty slot */
	uint64_t	off;		/* where its bytes start in the arena */
	uint32_t	id;
	uint32_t	len;
};

struct det_words {
	struct det_wslot *slot;
	size_t		 cap;		/* a power of two */
	size_t		 count;
	unsigned char	*arena;		/* the words' bytes, back to back */
	size_t		 arena_len;
	size_t		 arena_cap;
};

/* A set of pairs of word numbers, each kept as (a << 32 | b) + 1. */
struct det_pairs {
	uint64_t	*slot;		/* 0: an empty slot */
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
	struct det_words	 words;
	struct det_pairs	 set;
	uint64_t		 sip[2];	/* SipHash key of the tables */
	/* "WPG1" || u32be(len prev) || prev: the word before the batch */
	unsigned char		*msg;
	size_t			 msg_cap;
	size_t			 prev_len;
	/* words read but not yet counted: their table slots are fetched for
	 * the whole batch first, so that memory latencies overlap */
	unsigned char		*bw;
	size_t			 bw_len;
	size_t			 bw_cap;
	size_t			 bn;
	size_t			 boff[DET_BATCH];
	size_t			 blen[DET_BATCH];
	uint64_t		 bhash[DET_BATCH];
	uint32_t		 bid[DET_BATCH];
	unsigned char		*pm;		/* the message of one pair */
	size_t			 pm_cap;
	uint32_t		 prev_id;
	int			 have_prev;
	int			 finished;
	struct core_err		*err;		/* of the call in progress */
	/* trial mode */
	int			 trial;
	struct det_pairs	 trial_set;
	uint64_t		 trial_T;
	uint64_t		 trial_green;
	struct core_wpg1_tok	 saved_tok;
	unsigned char		*saved_prev;
	size_t			 saved_prev_len;
	uint32_t		 saved_prev_id;
	int			 saved_have_prev;
};

/* Rotate x left by r bits. */
static uint64_t
det_rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/* Eight bytes at p, little-endian. */
static uint64_t
det_le64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	    (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/* One SipRound. */
static void
det_sipround(uint64_t v[4])
{
	v[0] += v[1];
	v[1] = det_rotl(v[1], 13);
	v[1] ^= v[0];
	v[0] = det_rotl(v[0], 32);
	v[2] += v[3];
	v[3] = det_rotl(v[3], 16);
	v[3] ^= v[2];
	v[0] += v[3];
	v[3] = det_rotl(v[3], 21);
	v[3] ^= v[0];
	v[2] += v[1];
	v[1] = det_rotl(v[1], 17);
	v[1] ^= v[2];
	v[2] = det_rotl(v[2], 32);
}

/* SipHash-1-3 (Aumasson and Bernstein) of len bytes under key k. */
static uint64_t
det_siphash(const uint64_t k[2], const unsigned char *p, size_t len)
{
	uint64_t	v[4], m;
	unsigned char	last[8];
	size_t		i, rem = len & 7;

	v[0] = k[0] ^ 0x736f6d6570736575ULL;
	v[1] = k[1] ^ 0x646f72616e646f6dULL;
	v[2] = k[0] ^ 0x6c7967656e657261ULL;
	v[3] = k[1] ^ 0x7465646279746573ULL;
	for (i = 0; i + 8 <= len; i += 8) {
		m = det_le64(p + i);
		v[3] ^= m;
		det_sipround(v);
		v[0] ^= m;
	}
	memset(last, 0, sizeof last);
	if (rem > 0)
		memcpy(last, p + i, rem);
	last[7] = (unsigned char)len;
	m = det_le64(last);
	v[3] ^= m;
	det_sipround(v);
	v[0] ^= m;
	v[2] ^= 0xff;
	det_sipround(v);
	det_sipround(v);
	det_sipround(v);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

/* The slot of a pair key: its bits mixed with the table's key. */
static size_t
det_pair_index(const struct core_wpg1 *d, uint64_t key, size_t cap)
{
	key ^= d->sip[0];
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	key *= 0xc4ceb9fe1a85ec53ULL;
	key ^= key >> 33;
	return (size_t)(key & (cap - 1));
}

/* Free the word table. */
static void
det_words_free(struct det_words *w)
{
	core_free(w->slot);
	core_free(w->arena);
	memset(w, 0, sizeof *w);
}

/* Free a pair set. */
static void
det_pairs_free(struct det_pairs *s)
{
	core_free(s->slot);
	memset(s, 0, sizeof *s);
}

/* Grow a table to twice its slots (or DET_SET_MIN) and place its entries
 * again, fetching the new slots of a run of entries before placing them;
 * esize is the size of a slot, words says which table it is. */
static enum core_code
det_grow(struct core_wpg1 *d, void **slotp, size_t *capp, size_t esize,
    int words)
{
	struct det_wslot	*ow = *slotp, *nw;
	uint64_t		*op = *slotp, *np;
	size_t			 cap, i, j, k, run, at[DET_BATCH];
	void			*n;

	cap = *capp == 0 ? DET_SET_MIN : *capp * 2;
	if (cap > ((size_t)-1) / esize / 2)
		return CORE_E_TOO_LARGE;
	if ((n = core_calloc(cap, esize)) == NULL)
		return CORE_E_NOMEM;
	nw = n;
	np = n;
	for (i = 0; i < *capp; i += run) {
		run = *capp - i < DET_BATCH ? *capp - i : DET_BATCH;
		for (k = 0; k < run; k++) {
			if (words)
				at[k] = ow[i + k].hash & (cap - 1);
			else
				at[k] = op[i + k] == 0 ? 0 :
				    det_pair_index(d, op[i + k] - 1, cap);
			DET_PREFETCH(words ? (void *)&nw[at[k]] : (void *)&np[at[k]]);
		}
		for (k = 0; k < run; k++) {
			if (words) {
				if (ow[i + k].hash == 0)
					continue;
				for (j = at[k]; nw[j].hash != 0; j = (j + 1) & (cap - 1))
					continue;
				nw[j] = ow[i + k];
			} else {
				if (op[i + k] == 0)
					continue;
				for (j = at[k]; np[j] != 0; j = (j + 1) & (cap - 1))
					continue;
				np[j] = op[i + k];
			}
		}
	}
	core_free(*slotp);
	*slotp = n;
	*capp = cap;
	return CORE_OK;
}

/* The number of word w, of hash h, given it one if it is new. */
static enum core_code
det_word_id(struct core_wpg1 *d, const unsigned char *w, size_t n, uint64_t h,
    uint32_t *id)
{
	struct det_words	*t = &d->words;
	struct det_wslot	*sl;
	unsigned char		*a;
	size_t			 i, cap;
	enum core_code		 rc;

	for (i = h & (t->cap - 1); t->cap > 0 && t->slot[i].hash != 0;
	    i = (i + 1) & (t->cap - 1)) {
		sl = &t->slot[i];
		if (sl->hash == h && sl->len == n &&
		    memcmp(t->arena + sl->off, w, n) == 0) {
			*id = sl->id;
			return CORE_OK;
		}
	}
	if (t->count >= DET_MAX_WORDS)
		return CORE_E_TOO_LARGE;
	if (t->count + 1 > t->cap / 2) {
		if ((rc = det_grow(d, (void **)&t->slot, &t->cap, sizeof *t->slot,
		    1)) != CORE_OK)
			return rc;
	}
	if (n > t->arena_cap - t->arena_len) {
		cap = t->arena_cap == 0 ? 4 * DET_SET_MIN : t->arena_cap;
		while (cap - t->arena_len < n)
			cap *= 2;
		if ((a = core_realloc(t->arena, cap)) == NULL)
			return CORE_E_NOMEM;
		t->arena = a;
		t->arena_cap = cap;
	}
	memcpy(t->arena + t->arena_len, w, n);
	for (i = h & (t->cap - 1); t->slot[i].hash != 0; i = (i + 1) & (t->cap - 1))
		continue;
	t->slot[i].hash = h;
	t->slot[i].off = t->arena_len;
	t->slot[i].id = (uint32_t)t->count;
	t->slot[i].len = (uint32_t)n;
	t->arena_len += n;
	*id = (uint32_t)t->count++;
	return CORE_OK;
}

/* Is pair key k in s? */
static int
det_pairs_has(const struct core_wpg1 *d, const struct det_pairs *s, uint64_t k)
{
	size_t	i;

	if (s->cap == 0)
		return 0;
	for (i = det_pair_index(d, k, s->cap); s->slot[i] != 0;
	    i = (i + 1) & (s->cap - 1)) {
		if (s->slot[i] == k + 1)
			return 1;
	}
	return 0;
}

/* Add pair key k to s; *added is 1 when it was not there. */
static enum core_code
det_pairs_add(struct core_wpg1 *d, struct det_pairs *s, uint64_t k, int *added)
{
	size_t		i;
	enum core_code	rc;

	*added = 0;
	if (s->cap > 0) {
		for (i = det_pair_index(d, k, s->cap); s->slot[i] != 0;
		    i = (i + 1) & (s->cap - 1)) {
			if (s->slot[i] == k + 1)
				return CORE_OK;
		}
	}
	if (s->count + 1 > s->cap / 4 * 3) {
		if ((rc = det_grow(d, (void **)&s->slot, &s->cap, sizeof *s->slot,
		    0)) != CORE_OK)
			return rc;
	}
	for (i = det_pair_index(d, k, s->cap); s->slot[i] != 0;
	    i = (i + 1) & (s->cap - 1))
		continue;
	s->slot[i] = k + 1;
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

/* Store v at p as four bytes, big-endian. */
static void
det_put32(unsigned char *p, size_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Grow buffer *p to hold need bytes. */
static enum core_code
det_reserve(unsigned char **p, size_t *cap, size_t need)
{
	unsigned char	*n;
	size_t		 c;

	if (need <= *cap)
		return CORE_OK;
	c = *cap < 256 ? 256 : *cap;
	while (c < need)
		c *= 2;
	if ((n = core_realloc(*p, c)) == NULL)
		return CORE_E_NOMEM;
	*p = n;
	*cap = c;
	return CORE_OK;
}

/* Count the pair (a, b) of word numbers key, if it is new. */
static enum core_code
det_pair(struct core_wpg1 *d, uint64_t key, const unsigned char *a, size_t alen,
    const unsigned char *b, size_t blen)
{
	size_t		len, i;
	unsigned	prefix;
	int		added = 0;
	enum core_code	rc;

	if (d->trial) {
		if (!det_pairs_has(d, &d->set, key) &&
		    (rc = det_pairs_add(d, &d->trial_set, key, &added)) != CORE_OK)
			return rc;
	} else {
		if (d->T >= d->params.max_pairs && !det_pairs_has(d, &d->set, key))
			return core_err_set(d->err, CORE_E_TOO_LARGE,
			    (size_t)d->tok.pos, "more than %zu distinct word pairs",
			    d->params.max_pairs);
		if ((rc = det_pairs_add(d, &d->set, key, &added)) != CORE_OK)
			return rc;
	}
	if (!added)
		return CORE_OK;
	len = 12 + alen + blen;
	if ((rc = det_reserve(&d->pm, &d->pm_cap, len)) != CORE_OK)
		return rc;
	memcpy(d->pm, "WPG1", 4);
	det_put32(d->pm + 4, alen);
	memcpy(d->pm + 8, a, alen);
	det_put32(d->pm + 8 + alen, blen);
	memcpy(d->pm + 12 + alen, b, blen);
	if (d->trial) {
		d->trial_T++;
		if ((rc = det_mac16(d, &d->keys[0], d->pm, len, &prefix)) != CORE_OK)
			return rc;
		if (prefix < d->params.G)
			d->trial_green++;
		return CORE_OK;
	}
	d->T++;
	for (i = 0; i < d->nkeys; i++) {
		if ((rc = det_mac16(d, &d->keys[i], d->pm, len, &prefix)) != CORE_OK)
			return rc;
		if (prefix < d->params.G)
			d->green[i]++;
	}
	return CORE_OK;
}

/* Count the pairs of the batch of words, in order. */
static enum core_code
det_flush(struct core_wpg1 *d)
{
	const unsigned char	*w, *a;
	size_t			 i, j, alen, last;
	uint64_t		 key;
	enum core_code		 rc = CORE_OK;

	if (d->bn == 0)
		return CORE_OK;
	for (j = 0; j < d->bn; j++) {
		d->bhash[j] = det_siphash(d->sip, d->bw + d->boff[j], d->blen[j]) | 1;
		if (d->words.cap > 0)
			DET_PREFETCH(&d->words.slot[d->bhash[j] & (d->words.cap - 1)]);
	}
	/* The bytes of the word each hash most likely names. */
	for (j = 0; j < d->bn && d->words.cap > 0; j++) {
		i = d->bhash[j] & (d->words.cap - 1);
		if (d->words.slot[i].hash == d->bhash[j])
			DET_PREFETCH(d->words.arena + d->words.slot[i].off);
	}
	for (j = 0; j < d->bn; j++) {
		if ((rc = det_word_id(d, d->bw + d->boff[j], d->blen[j],
		    d->bhash[j], &d->bid[j])) != CORE_OK)
			goto out;
	}
	for (j = 0; j < d->bn && d->set.cap > 0; j++) {
		if (j == 0 && !d->have_prev)
			continue;
		key = (uint64_t)(j == 0 ? d->prev_id : d->bid[j - 1]) << 32 | d->bid[j];
		DET_PREFETCH(&d->set.slot[det_pair_index(d, key, d->set.cap)]);
	}
	for (j = 0; j < d->bn; j++) {
		if (j == 0 && !d->have_prev)
			continue;
		if (j == 0) {
			a = d->msg + 8;
			alen = d->prev_len;
			key = (uint64_t)d->prev_id << 32 | d->bid[0];
		} else {
			a = d->bw + d->boff[j - 1];
			alen = d->blen[j - 1];
			key = (uint64_t)d->bid[j - 1] << 32 | d->bid[j];
		}
		w = d->bw + d->boff[j];
		if ((rc = det_pair(d, key, a, alen, w, d->blen[j])) != CORE_OK)
			goto out;
	}
	last = d->bn - 1;
	if ((rc = det_reserve(&d->msg, &d->msg_cap, 8 + d->blen[last])) != CORE_OK)
		goto out;
	det_put32(d->msg + 4, d->blen[last]);
	memcpy(d->msg + 8, d->bw + d->boff[last], d->blen[last]);
	d->prev_len = d->blen[last];
	d->prev_id = d->bid[last];
	d->have_prev = 1;
out:
	d->bn = 0;
	d->bw_len = 0;
	return rc;
}

/* A word from the tokenizer: into the batch, which is counted when full. */
static enum core_code
det_word(void *arg, const unsigned char *w, size_t n)
{
	struct core_wpg1	*d = arg;
	enum core_code		 rc;

	if (d->bn == DET_BATCH ||
	    (d->bn > 0 && d->bw_len + n > DET_BATCH_BYTES)) {
		if ((rc = det_flush(d)) != CORE_OK)
			return rc;
	}
	if ((rc = det_reserve(&d->bw, &d->bw_cap, d->bw_len + n)) != CORE_OK)
		return rc;
	memcpy(d->bw + d->bw_len, w, n);
	d->boff[d->bn] = d->bw_len;
	d->blen[d->bn] = n;
	d->bn++;
	d->bw_len += n;
	return CORE_OK;
}

/* The scheme's default parameters. */
void
core_wpg1_params_default(struct core_wpg1_params *params)
{
	params->G = CORE_WPG1_G_DEFAULT;
	params->alpha = CORE_WPG1_ALPHA_DEFAULT;
	params->t_min = CORE_WPG1_TMIN_DEFAULT;
	params->max_pairs = CORE_WPG1_MAX_PAIRS;
}

/* Refuse parameters outside the scheme. */
enum core_code
core_wpg1_params_check(const struct core_wpg1_params *params,
    struct core_err *err)
{
	if (params->G < 1 || params->G > 65535)
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "G must be 1 to 65535, not %u", params->G);
	if (!(params->alpha > 0 && params->alpha < 1))
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "alpha must be above 0 and below 1");
	return CORE_OK;
}

/* Free a detector and clear the pointer. */
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
	det_words_free(&d->words);
	det_pairs_free(&d->set);
	det_pairs_free(&d->trial_set);
	core_free(d->msg);
	core_free(d->bw);
	core_free(d->pm);
	core_free(d->saved_prev);
	core_free(d);
	*dp = NULL;
}

/* A detector for nkeys keys, ready for text. */
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
	/* The tables' hash key only spreads words over slots: the counts do
	 * not depend on it. */
	if (RAND_bytes((unsigned char *)d->sip, sizeof d->sip) != 1) {
		rc = det_ossl_code();
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

/* Read more text. */
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

/* End the text and compute each key's figures and verdict. */
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
	if (rc == CORE_OK)
		rc = det_flush(d);
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

/* Save the reading state and count the text that follows apart. */
enum core_code
core_wpg1_trial_begin(struct core_wpg1 *d)
{
	unsigned char	*p;
	enum core_code	 rc;

	/* The words read so far count for good. */
	if ((rc = det_flush(d)) != CORE_OK ||
	    (rc = core_wpg1_tok_copy(&d->saved_tok, &d->tok)) != CORE_OK)
		return rc;
	if (d->prev_len > 0) {
		p = core_realloc(d->saved_prev, d->prev_len);
		if (p == NULL)
			return CORE_E_NOMEM;
		d->saved_prev = p;
		memcpy(p, d->msg + 8, d->prev_len);
	}
	d->saved_prev_len = d->prev_len;
	d->saved_prev_id = d->prev_id;
	d->saved_have_prev = d->have_prev;
	if (d->trial_set.cap > 0)
		memset(d->trial_set.slot, 0, d->trial_set.cap * sizeof *d->trial_set.slot);
	d->trial_set.count = 0;
	d->trial_T = 0;
	d->trial_green = 0;
	d->trial = 1;
	return CORE_OK;
}

/* End a trial: hand back its counts and restore the saved state. */
enum core_code
core_wpg1_trial_end(struct core_wpg1 *d, uint64_t *green, uint64_t *T,
    struct core_err *err)
{
	enum core_code	rc, rc2;

	d->err = err;
	rc = core_wpg1_tok_end(&d->tok, err);
	if (rc == CORE_OK)
		rc = det_flush(d);
	d->bn = 0;
	d->bw_len = 0;
	d->err = NULL;
	*green = d->trial_green;
	*T = d->trial_T;
	d->trial = 0;
	rc2 = core_wpg1_tok_copy(&d->tok, &d->saved_tok);
	if (d->saved_prev_len > 0)
		memcpy(d->msg + 8, d->saved_prev, d->saved_prev_len);
	det_put32(d->msg + 4, d->saved_prev_len);
	d->prev_len = d->saved_prev_len;
	d->prev_id = d->saved_prev_id;
	d->have_prev = d->saved_have_prev;
	if (rc == CORE_OK)
		rc = rc2;
	return rc == CORE_OK ? rc : det_fail(d, rc, err);
}

/* The HMAC of one pair, through OpenSSL's HMAC, for tests and tools. */
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
