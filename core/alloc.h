/*
 * alloc.h: allocation for core/ and net/.
 *
 * core and net return CORE_E_NOMEM instead of aborting.  They allocate through
 * these functions so that a debug build (--enable-debug) can make the n-th
 * allocation fail, for every n along a path, and prove that each failure ends
 * in an out-of-memory error with no crash and no leak
 * (tests/unit/check_allocfail.c).
 *
 * The failure counter is the one piece of process state in core/; it exists
 * only in debug builds and only tests set it.  core_alloc_hook_libraries()
 * routes jansson's and OpenSSL's allocations through the same counter.
 */
#ifndef RECOURSE_CORE_ALLOC_H
#define RECOURSE_CORE_ALLOC_H

#include <stddef.h>

void	*core_malloc(size_t size);
void	*core_calloc(size_t n, size_t size);
void	*core_realloc(void *ptr, size_t size);
char	*core_strdup(const char *s);
char	*core_strndup(const char *s, size_t n);
void	 core_free(void *ptr);

/* Debug builds only: fail the n-th allocation from now (n >= 1), 0 for never.
 * Returns how many allocations have been made since the last call. */
unsigned long	core_alloc_fail_at(unsigned long n);
/* Debug builds only: did an injected failure happen since core_alloc_fail_at? */
int		core_alloc_failed(void);
/* Debug builds only: was that failure one of OpenSSL's own allocations?  Some
 * of those (filling a cache of names or algorithms) OpenSSL works around, and
 * the operation then succeeds as it would have without the failure. */
int		core_alloc_failed_in_openssl(void);
/* Route jansson and OpenSSL allocations through core_malloc (call once, first). */
void		core_alloc_hook_libraries(void);

#endif
