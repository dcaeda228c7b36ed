/* reflimit.c: refused access codes per reference, in a fixed table. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/error.h"
#include "service/reflimit.h"
#include "service/service.h"

#define RF_SLOTS	4096	/* a power of two */
#define RF_PROBE	8

struct rf_slot {
	uint64_t	key;		/* 0: free */
	time_t		start;		/* of the window, monotonic seconds */
	unsigned	fails;
};

struct svc_reflimit {
	pthread_mutex_t	lock;
	unsigned	tries;
	unsigned	window;
	uint64_t	salt[2];
	struct rf_slot	slots[RF_SLOTS];
};

static time_t
rf_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* FNV-1a over the salt and the reference; never 0. */
static uint64_t
rf_key(const struct svc_reflimit *rl, const char *ref)
{
	const unsigned char	*p = (const unsigned char *)rl->salt;
	uint64_t		 h = 0xcbf29ce484222325ull;
	size_t			 i;

	for (i = 0; i < sizeof rl->salt; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	for (p = (const unsigned char *)ref; *p != '\0'; p++)
		h = (h ^ *p) * 0x100000001b3ull;
	h ^= h >> 29;
	return h == 0 ? 1 : h;
}

enum core_code
svc_reflimit_new(unsigned tries, unsigned window, struct svc_reflimit **out)
{
	struct svc_reflimit	*rl;

	if ((rl = core_calloc(1, sizeof *rl)) == NULL)
		return CORE_E_NOMEM;
	if (svc_random_bytes(rl->salt, sizeof rl->salt) != CORE_OK) {
		core_free(rl);
		return CORE_E_INTERNAL;
	}
	pthread_mutex_init(&rl->lock, NULL);
	rl->tries = tries;
	rl->window = window < 1 ? 1 : window;
	*out = rl;
	return CORE_OK;
}

void
svc_reflimit_free(struct svc_reflimit **rl)
{
	if (*rl == NULL)
		return;
	pthread_mutex_destroy(&(*rl)->lock);
	core_free(*rl);
	*rl = NULL;
}

/* The slot of key, or NULL; with make, a slot for it (a free one, one whose
 * window is over, or the unlocked one with the oldest window). */
static struct rf_slot *
rf_find(struct svc_reflimit *rl, uint64_t key, time_t now, int make)
{
	struct rf_slot	*s, *best = NULL;
	size_t		 i, j;

	for (i = 0; i < RF_PROBE; i++) {
		s = &rl->slots[(key + i) & (RF_SLOTS - 1)];
		if (s->key == key) {
			if (now - s->start >= (time_t)rl->window) {
				s->start = now;
				s->fails = 0;
			}
			return s;
		}
	}
	if (!make)
		return NULL;
	for (i = 0; i < RF_PROBE; i++) {
		j = (key + i) & (RF_SLOTS - 1);
		s = &rl->slots[j];
		if (s->key == 0 || now - s->start >= (time_t)rl->window) {
			best = s;
			break;
		}
		if (s->fails < rl->tries && (best == NULL || s->start < best->start))
			best = s;
	}
	if (best != NULL) {
		best->key = key;
		best->start = now;
		best->fails = 0;
	}
	return best;
}

unsigned
svc_reflimit_check(struct svc_reflimit *rl, const char *ref)
{
	struct rf_slot	*s;
	time_t		 now;
	unsigned	 wait = 0;

	if (rl == NULL || rl->tries == 0)
		return 0;
	now = rf_now();
	pthread_mutex_lock(&rl->lock);
	s = rf_find(rl, rf_key(rl, ref), now, 0);
	if (s != NULL && s->fails >= rl->tries)
		wait = (unsigned)(s->start + (time_t)rl->window - now);
	pthread_mutex_unlock(&rl->lock);
	return wait > 0 ? wait : (s != NULL && s->fails >= rl->tries);
}

void
svc_reflimit_fail(struct svc_reflimit *rl, const char *ref)
{
	struct rf_slot	*s;

	if (rl == NULL || rl->tries == 0)
		return;
	pthread_mutex_lock(&rl->lock);
	if ((s = rf_find(rl, rf_key(rl, ref), rf_now(), 1)) != NULL &&
	    s->fails < rl->tries)
		s->fails++;
	pthread_mutex_unlock(&rl->lock);
}
