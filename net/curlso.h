/*
 * curlso.h: libcurl, loaded on first use.
 *
 * recourse does not link libcurl.  Offline commands (verify, canon, inspect,
 * list) never touch the network, yet the dynamic loader would
 * map and relocate libcurl.so.4 and the ~25 libraries behind it (nghttp2,
 * ssh2, rtmp, gnutls, krb5, ldap, ...) at every start: on a quiet machine a
 * program linked with all our libraries starts in ~24 ms, without -lcurl in
 * ~9 ms, more than half of `recourse verify`'s ~45 ms.  So net/ opens libcurl
 * with dlopen() the first time a client or a URL parser needs it and calls it
 * through one table of function pointers.  (Commands that read a kept case's
 * discovery document, such as show, still open it: the document's origin is
 * checked with libcurl's URL parser.)
 *
 * net_curl_load() is idempotent and not thread safe (recourse calls it from
 * one thread).  The library is never closed.  When it cannot be opened the
 * caller reports CORE_E_INTERNAL with the detail "libcurl could not start:"
 * and dlerror()'s reason, so the person learns which file is missing.
 */
#ifndef RECOURSE_NET_CURLSO_H
#define RECOURSE_NET_CURLSO_H

#include <curl/curl.h>

#include "core/error.h"

/*
 * Every libcurl function recourse calls.  The members take their types from
 * the header's own declarations, so a mismatch cannot compile; nothing links
 * to the symbols themselves.
 */
struct net_curl {
	__typeof__(curl_global_init)		*global_init;
	__typeof__(curl_global_cleanup)		*global_cleanup;
	__typeof__(curl_free)			*free;
	__typeof__(curl_easy_init)		*easy_init;
	__typeof__(curl_easy_cleanup)		*easy_cleanup;
	__typeof__(curl_easy_setopt)		*easy_setopt;
	__typeof__(curl_easy_getinfo)		*easy_getinfo;
	__typeof__(curl_easy_strerror)		*easy_strerror;
	__typeof__(curl_multi_init)		*multi_init;
	__typeof__(curl_multi_cleanup)		*multi_cleanup;
	__typeof__(curl_multi_setopt)		*multi_setopt;
	__typeof__(curl_multi_add_handle)	*multi_add_handle;
	__typeof__(curl_multi_remove_handle)	*multi_remove_handle;
	__typeof__(curl_multi_info_read)	*multi_info_read;
	__typeof__(curl_multi_socket_action)	*multi_socket_action;
	__typeof__(curl_slist_append)		*slist_append;
	__typeof__(curl_slist_free_all)		*slist_free_all;
	__typeof__(curl_url)			*url;
	__typeof__(curl_url_cleanup)		*url_cleanup;
	__typeof__(curl_url_get)		*url_get;
	__typeof__(curl_url_set)		*url_set;
};

/* Open libcurl and resolve the table, once; CORE_E_INTERNAL with the
 * loader's reason in err when it cannot. */
enum core_code		 net_curl_load(struct core_err *err);

/* The table; only after net_curl_load() returned CORE_OK. */
const struct net_curl	*net_curl(void);

#endif
