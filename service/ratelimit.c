/* ratelimit.c: token buckets per client address in a fixed table. */
#include "config.h"

#include <math.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/error.h"
#include "service/ratelimit.h"

#define RL_SLOTS	4096	/* a power of two */
#define RL_PROBE	8

struct rl_slot {
	unsigned char	addr[16];	/* IPv4 mapped into IPv6 */
	int		used;
	double		tokens;
	double		last;		/* seconds, monotonic */
};

struct svc_ratelimit {
	pthread_mutex_t	lock;
	double		rate;
	double		burst;
	struct rl_slot	slots[RL_SLOTS];
};

enum core_code
svc_ratelimit_new(double rate, double burst, struct svc_ratelimit **out)
{
	struct svc_ratelimit	*rl;

	if ((rl = core_calloc(1, sizeof *rl)) == NULL)
		return CORE_E_NOMEM;
	pthread_mutex_init(&rl->lock, NULL);
	rl->rate = rate;
	rl->burst = burst < 1 ? 1 : burst;
	*out = rl;
	return CORE_OK;
}

void
svc_ratelimit_free(struct svc_ratelimit **rl)
{
	if (*rl == NULL)
		return;
	pthread_mutex_destroy(&(*rl)->lock);
	core_free(*rl);
	*rl = NULL;
}

/* The address as 16 bytes (IPv4 as ::ffff:a.b.c.d); -1 for other families. */
static int
rl_key(const struct sockaddr *sa, unsigned char key[16])
{
	const struct sockaddr_in	*in4;
	const struct sockaddr_in6	*in6;

	memset(key, 0, 16);
	if (sa == NULL)
		return -1;
	if (sa->sa_family == AF_INET) {
		in4 = (const struct sockaddr_in *)(const void *)sa;
		key[10] = key[11] = 0xff;
		memcpy(key + 12, &in4->sin_addr, 4);
		return 0;
	}
	if (sa->sa_family == AF_INET6) {
		in6 = (const struct sockaddr_in6 *)(const void *)sa;
		memcpy(key, &in6->sin6_addr, 16);
		return 0;
	}
	return -1;
}

unsigned
svc_ratelimit_take(struct svc_ratelimit *rl, const struct sockaddr *addr)
{
	struct rl_slot	*s = NULL, *oldest = NULL;
	struct timespec	 ts;
	unsigned char	 key[16];
	uint32_t	 h = 2166136261u;
	double		 now;
	unsigned	 wait = 0;
	size_t		 i, j;

	if (rl == NULL || rl->rate <= 0 || rl_key(addr, key) == -1)
		return 0;
	for (i = 0; i < sizeof key; i++)
		h = (h ^ key[i]) * 16777619u;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	pthread_mutex_lock(&rl->lock);
	for (j = 0; j < RL_PROBE; j++) {
		i = (h + j) & (RL_SLOTS - 1);
		if (rl->slots[i].used && memcmp(rl->slots[i].addr, key, 16) == 0) {
			s = &rl->slots[i];
			break;
		}
		if (oldest == NULL || !rl->slots[i].used ||
		    (oldest->used && rl->slots[i].last < oldest->last))
			oldest = &rl->slots[i];
	}
	if (s == NULL) {
		s = oldest;
		memcpy(s->addr, key, 16);
		s->used = 1;
		s->tokens = rl->burst;
		s->last = now;
	}
	s->tokens += (now - s->last) * rl->rate;
	if (s->tokens > rl->burst)
		s->tokens = rl->burst;
	s->last = now;
	if (s->tokens >= 1)
		s->tokens -= 1;
	else
		wait = (unsigned)ceil((1 - s->tokens) / rl->rate);
	pthread_mutex_unlock(&rl->lock);
	return wait;
}
