/* alloc.c: allocation wrappers with failure injection in debug builds. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "core/alloc.h"

#ifdef RECOURSE_ALLOCFAIL
static unsigned long	alloc_count;
static unsigned long	alloc_fail_n;
static int		alloc_did_fail;
static int		alloc_in_openssl;	/* OpenSSL is allocating */
static int		alloc_fail_openssl;	/* the failure was OpenSSL's */

/* Count one allocation; should it fail? */
static int
alloc_should_fail(void)
{
	alloc_count++;
	if (alloc_fail_n != 0 && alloc_count == alloc_fail_n) {
		alloc_did_fail = 1;
		alloc_fail_openssl = alloc_in_openssl;
		return 1;
	}
	return 0;
}
#define alloc_openssl(on)	(alloc_in_openssl = (on))
#else
#define alloc_should_fail()	0
#define alloc_openssl(on)	((void)0)
#endif

void *
core_malloc(size_t size)
{
	if (alloc_should_fail())
		return NULL;
	return malloc(size == 0 ? 1 : size);
}

void *
core_calloc(size_t n, size_t size)
{
	if (alloc_should_fail())
		return NULL;
	return calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);
}

void *
core_realloc(void *ptr, size_t size)
{
	if (alloc_should_fail())
		return NULL;
	return realloc(ptr, size == 0 ? 1 : size);
}

char *
core_strndup(const char *s, size_t n)
{
	char	*p;

	p = core_malloc(n + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
core_strdup(const char *s)
{
	return core_strndup(s, strlen(s));
}

void
core_free(void *ptr)
{
	free(ptr);
}

unsigned long
core_alloc_fail_at(unsigned long n)
{
#ifdef RECOURSE_ALLOCFAIL
	unsigned long	made = alloc_count;

	alloc_count = 0;
	alloc_fail_n = n;
	alloc_did_fail = 0;
	alloc_fail_openssl = 0;
	return made;
#else
	(void)n;
	return 0;
#endif
}

int
core_alloc_failed(void)
{
#ifdef RECOURSE_ALLOCFAIL
	return alloc_did_fail;
#else
	return 0;
#endif
}

int
core_alloc_failed_in_openssl(void)
{
#ifdef RECOURSE_ALLOCFAIL
	return alloc_did_fail && alloc_fail_openssl;
#else
	return 0;
#endif
}

static void *
alloc_ossl_malloc(size_t size, const char *file, int line)
{
	void	*p;

	(void)file;
	(void)line;
	alloc_openssl(1);
	p = core_malloc(size);
	alloc_openssl(0);
	return p;
}

static void *
alloc_ossl_realloc(void *ptr, size_t size, const char *file, int line)
{
	void	*p;

	(void)file;
	(void)line;
	alloc_openssl(1);
	p = core_realloc(ptr, size);
	alloc_openssl(0);
	return p;
}

static void
alloc_ossl_free(void *ptr, const char *file, int line)
{
	(void)file;
	(void)line;
	free(ptr);
}

void
core_alloc_hook_libraries(void)
{
	json_set_alloc_funcs(core_malloc, core_free);
	CRYPTO_set_mem_functions(alloc_ossl_malloc, alloc_ossl_realloc,
	    alloc_ossl_free);
}

/* Make OpenSSL do its one-time, process-wide set-up now (its default
 * library context, locks, the providers and algorithms recourse fetches).
 * OpenSSL 3.0 does not survive an allocation failure there: it carries on
 * with a NULL lock and crashes later.  A test that fails allocations one by
 * one (cli/main.c, RECOURSE_FAIL_ALLOC) calls this first, so that it fails
 * recourse's allocations and OpenSSL's per-operation ones, not that set-up. */
void
core_alloc_warm_libraries(void)
{
	static const char	*const keys[] = { "ED25519", "EC" };
	EVP_PKEY_CTX		*pc;
	size_t			 i;

	OPENSSL_init_crypto(0, NULL);
	EVP_MD_free(EVP_MD_fetch(NULL, "SHA256", NULL));
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		pc = EVP_PKEY_CTX_new_from_name(NULL, keys[i], NULL);
		EVP_PKEY_CTX_free(pc);
	}
	EVP_SIGNATURE_free(EVP_SIGNATURE_fetch(NULL, "ED25519", NULL));
	EVP_SIGNATURE_free(EVP_SIGNATURE_fetch(NULL, "ECDSA", NULL));
}
