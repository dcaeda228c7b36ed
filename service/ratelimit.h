/*
 * ratelimit.h: a token bucket per client address.
 *
 * Each address may make `rate` requests a second on average and `burst` at
 * once.  The table is fixed in size; an address that has been quiet longest
 * gives its slot to a new one, so memory stays bounded whatever the number of
 * clients.
 */
#ifndef RECOURSE_SERVICE_RATELIMIT_H
#define RECOURSE_SERVICE_RATELIMIT_H

#include <sys/socket.h>

#include "core/error.h"

struct svc_ratelimit;

/* rate 0: no limit (svc_ratelimit_take always allows). */
enum core_code	svc_ratelimit_new(double rate, double burst,
		    struct svc_ratelimit **out);
void		svc_ratelimit_free(struct svc_ratelimit **rl);
/* Take a token for addr: 0 when allowed, else the seconds to wait. */
unsigned	svc_ratelimit_take(struct svc_ratelimit *rl,
		    const struct sockaddr *addr);

#endif
