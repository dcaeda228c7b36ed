/*
 * jfile.h: the small JSON files of the store (cases, outbox entries,
 * receipts), read and written through a table of fields.
 *
 * A file is one JSON object with "version": 1.  Each field of the table maps
 * a member to a member of a C struct: a string (char *, owned by the struct,
 * at most NET_JFILE_MAX_STRING bytes) or an integer (long long).  Unknown
 * members are ignored, so that a newer recourse can add some.  A file that is
 * not such an object, lacks a required member or holds one of the wrong type
 * is damaged: it is moved to quarantine/ and CORE_E_STORE_CORRUPT returned.
 */
#ifndef RECOURSE_NET_JFILE_H
#define RECOURSE_NET_JFILE_H

#include <stddef.h>

#include "core/error.h"
#include "net/store.h"

#define NET_JFILE_MAX		(2u * 1024u * 1024u)
#define NET_JFILE_MAX_STRING	(1024u * 1024u)

enum net_jfield_type {
	NET_JF_STRING,
	NET_JF_INT
};

struct net_jfield {
	const char		*name;
	size_t			 offset;	/* offsetof the member */
	enum net_jfield_type	 type;
	int			 required;
};

/* Read dir/name into obj (whose string members are NULL or owned). */
enum core_code	net_jfile_load(struct net_store *st, enum net_store_dir d,
		    const char *name, const struct net_jfield *f, size_t nf,
		    void *obj, struct core_err *err);
/* Write obj as dir/name (atomically); NULL strings are left out. */
enum core_code	net_jfile_save(struct net_store *st, enum net_store_dir d,
		    const char *name, const struct net_jfield *f, size_t nf,
		    const void *obj, struct core_err *err);
/* Free the string members of obj and set them to NULL; wipe is a member
 * name whose bytes are cleared first (a secret), or NULL. */
void		net_jfile_clear(const struct net_jfield *f, size_t nf, void *obj,
		    const char *wipe);
/* Replace a string member with a copy of v (NULL clears it). */
enum core_code	net_jfile_set(char **slot, const char *v);

#endif
