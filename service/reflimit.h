/*
 * reflimit.h: failed access codes counted per reference.
 *
 * After `tries` refused codes for one reference within `window` seconds, every
 * request for that reference is refused until the window ends, whoever sends
 * it.  References are keyed by a hash salted at start, whether the service
 * knows them or not, so the limit says nothing about which exist.  The table
 * is fixed in size: a reference that is not locked out gives its slot to a
 * new one, a locked one keeps it until its window ends.
 */
#ifndef RECOURSE_SERVICE_REFLIMIT_H
#define RECOURSE_SERVICE_REFLIMIT_H

#include "core/error.h"

struct svc_reflimit;

/* tries 0: no limit. */
enum core_code	svc_reflimit_new(unsigned tries, unsigned window,
		    struct svc_reflimit **out);
void		svc_reflimit_free(struct svc_reflimit **rl);
/* 0 when reference may be tried, else the seconds until it may. */
unsigned	svc_reflimit_check(struct svc_reflimit *rl, const char *reference);
/* Count a refused code for reference. */
void		svc_reflimit_fail(struct svc_reflimit *rl, const char *reference);

#endif
