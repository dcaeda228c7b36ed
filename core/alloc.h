/*
 * alloc.h: allocation for core/ and net/.
 *
 * core and net return CORE_E_NOMEM instead of aborting.  They allocate through
 * these functions so that a debug or sanitizer build (RECOURSE_ALLOCFAIL:
 * --enable-debug or --enable-sanitizers) can make the n-th allocation fail,
 * for every n along a path, and prove that each failure ends
 * in an out-of-memory error with no crash and no leak
 * (tests/unit/check_allocfail_*.c, tests/allocfail-verify.sh).
 *
 * The failure counter is the one piece of process state in core/; it exists
 * only in those builds and only tests set it (cli/main.c reads
 * RECOURSE_FAIL_ALLOC there).  core_alloc_hook_libraries() routes jansson's
 * and OpenSSL's allocations through the same counter.
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

/* RECOURSE_ALLOCFAIL builds only: fail the n-th allocation from now (n >= 1),
 * 0 for never.  Returns how many allocations were made since the last call. */
unsigned long	core_alloc_fail_at(unsigned long n);
/* RECOURSE_ALLOCFAIL builds only: did an injected failure happen since
 * core_alloc_fail_at()? */
int		core_alloc_failed(void);
/* RECOURSE_ALLOCFAIL builds only: was that failure one of OpenSSL's own
 * allocations?  Some of those (filling a cache of names or algorithms) OpenSSL works around, and
 * the operation then succeeds as it would have without the failure. */
int		core_alloc_failed_in_openssl(void);
/* Make OpenSSL do its one-time set-up, which does not survive a failed
 * allocation, before a test starts failing them (see core/alloc.c). */
void		core_alloc_warm_libraries(void);
/* Route jansson and OpenSSL allocations through core_malloc (call once, first). */
void		core_alloc_hook_libraries(void);

#endif
