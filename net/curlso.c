/* curlso.c: open libcurl with dlopen() and resolve the functions recourse uses. */
#include "config.h"

#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

#include "core/error.h"
#include "net/curlso.h"

#ifndef NET_LIBCURL_SONAME
#define NET_LIBCURL_SONAME "libcurl.so.4"
#endif

#define CURLSO_SYM(m)	{ "curl_" #m, offsetof(struct net_curl, m) }

static const struct {
	const char	*name;
	size_t		 off;
} curlso_syms[] = {
	CURLSO_SYM(global_init),
	CURLSO_SYM(global_cleanup),
	CURLSO_SYM(free),
	CURLSO_SYM(easy_init),
	CURLSO_SYM(easy_cleanup),
	CURLSO_SYM(easy_setopt),
	CURLSO_SYM(easy_getinfo),
	CURLSO_SYM(easy_strerror),
	CURLSO_SYM(multi_init),
	CURLSO_SYM(multi_cleanup),
	CURLSO_SYM(multi_setopt),
	CURLSO_SYM(multi_add_handle),
	CURLSO_SYM(multi_remove_handle),
	CURLSO_SYM(multi_info_read),
	CURLSO_SYM(multi_socket_action),
	CURLSO_SYM(slist_append),
	CURLSO_SYM(slist_free_all),
	CURLSO_SYM(url),
	CURLSO_SYM(url_cleanup),
	CURLSO_SYM(url_get),
	CURLSO_SYM(url_set)
};

/* Every member is one function pointer, each listed once above, and a
 * pointer from dlsym fits one. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)),
    "dlsym's pointers hold function pointers");
_Static_assert(sizeof(struct net_curl) ==
    sizeof curlso_syms / sizeof curlso_syms[0] * sizeof(void (*)(void)),
    "curlso_syms lists every member of struct net_curl");

static struct net_curl	curlso_tab;
static int		curlso_loaded;

enum core_code
net_curl_load(struct core_err *err)
{
	struct net_curl	 t;
	const char	*why;
	void		*h, *p;
	size_t		 i;

	if (curlso_loaded)
		return CORE_OK;
	/* RTLD_LOCAL: libcurl's symbols stay out of the global namespace. */
	if ((h = dlopen(NET_LIBCURL_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		why = dlerror();
		return core_err_set(err, CORE_E_INTERNAL, CORE_NO_OFFSET,
		    "libcurl could not start: %s",
		    why != NULL ? why : NET_LIBCURL_SONAME);
	}
	memset(&t, 0, sizeof t);
	for (i = 0; i < sizeof curlso_syms / sizeof curlso_syms[0]; i++) {
		(void)dlerror();
		if ((p = dlsym(h, curlso_syms[i].name)) == NULL) {
			why = dlerror();
			/* h stays open: dlclose could run library destructors
			 * half-way; the process ends soon after this error. */
			return core_err_set(err, CORE_E_INTERNAL, CORE_NO_OFFSET,
			    "libcurl could not start: %s: %s", NET_LIBCURL_SONAME,
			    why != NULL ? why : curlso_syms[i].name);
		}
		/* POSIX: a data pointer from dlsym converts to a function pointer. */
		memcpy((char *)&t + curlso_syms[i].off, &p, sizeof p);
	}
	curlso_tab = t;
	curlso_loaded = 1;
	return CORE_OK;
}

const struct net_curl *
net_curl(void)
{
	return curlso_loaded ? &curlso_tab : NULL;
}
