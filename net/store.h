/*
 * store.h: the durable local store of recourse.
 *
 * Layout, under $XDG_DATA_HOME/recourse/ (default ~/.local/share/recourse):
 *
 *   objects/     every signed document (and every contest body sent), byte
 *                for byte, named by the lowercase hex SHA-256 of its bytes
 *   cases/       one JSON file per case (case.h)
 *   drafts/      what the person is typing, per case (draft API below)
 *   outbox/      contests written before they are sent (outbox.h)
 *   receipts/    one JSON file per verified receipt (outbox.h)
 *   state/       small records such as the last registry sequence seen
 *   quarantine/  files that were found damaged, set aside with a reason
 *   lock         the lock file
 *
 * Folders are 0700 and files 0600.  Every write is atomic: the bytes go to a
 * temporary file in the same folder, which is fsync'd and renamed over the
 * old name, and then the folder is fsync'd; a write that fails (a full disk
 * gives CORE_E_NOSPACE) leaves the old file as it was.  Writers hold an
 * exclusive flock(2) on the lock file, so two running copies of recourse
 * never interleave changes; the lock is taken for each change (or for a
 * group of them, net_store_lock), never for a whole session, so a long
 * interactive session does not shut out a script.  Readers need no lock:
 * they see whole files only.
 *
 * A file that cannot be read as what it should be (bad JSON, an object whose
 * bytes do not hash to its name) is moved to quarantine/ and reported
 * (CORE_E_STORE_CORRUPT, and net_store_quarantined), and the rest of the
 * store stays usable.
 */
#ifndef RECOURSE_NET_STORE_H
#define RECOURSE_NET_STORE_H

#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"

enum net_store_dir {
	NET_DIR_OBJECTS,
	NET_DIR_CASES,
	NET_DIR_DRAFTS,
	NET_DIR_OUTBOX,
	NET_DIR_RECEIPTS,
	NET_DIR_STATE,
	NET_DIR_QUARANTINE,
	NET_DIR_COUNT
};

/* Largest file the store reads. */
#define NET_STORE_MAX_FILE	(8u * 1024u * 1024u)
/* Largest draft. */
#define NET_DRAFT_MAX		(1024u * 1024u)
/* Longest name of a file in the store (without folder). */
#define NET_STORE_NAME_MAX	128

struct net_store;

/* One file set aside during this session. */
struct net_quarantine_note {
	char		from[NET_STORE_NAME_MAX + 16];	/* "cases/x.json" */
	char		to[NET_STORE_NAME_MAX + 96];	/* "quarantine/..." */
	char		why[160];
};

/* Open (creating what is missing) the store at dir, or at the default place
 * when dir is NULL.  Stale temporary files of an interrupted writer are
 * removed. */
enum core_code	net_store_open(const char *dir, struct net_store **out,
		    struct core_err *err);
void		net_store_free(struct net_store **st);
const char	*net_store_path(const struct net_store *st);
/* The default place: $XDG_DATA_HOME/recourse or ~/.local/share/recourse. */
enum core_code	net_store_default_path(struct core_buf *out, struct core_err *err);

/* Take the writer's lock (nested calls count); waits up to the store's lock
 * wait (5 s by default) and then fails with CORE_E_STORE_LOCKED. */
enum core_code	net_store_lock(struct net_store *st, struct core_err *err);
void		net_store_unlock(struct net_store *st);
void		net_store_set_lock_wait(struct net_store *st, long ms);

/* A name fit for a file in the store: 1..NET_STORE_NAME_MAX bytes of
 * [A-Za-z0-9._-], not starting with "." */
int		net_store_name_ok(const char *name);

/* Write (atomically) or read a whole file of a folder. */
enum core_code	net_store_write(struct net_store *st, enum net_store_dir d,
		    const char *name, const void *p, size_t n, struct core_err *err);
/* CORE_E_NOT_FOUND when absent; CORE_E_TOO_LARGE past max. */
enum core_code	net_store_read(struct net_store *st, enum net_store_dir d,
		    const char *name, size_t max, struct core_buf *out,
		    struct core_err *err);
/* Remove a file (absent is fine); the folder is fsync'd. */
enum core_code	net_store_remove(struct net_store *st, enum net_store_dir d,
		    const char *name, struct core_err *err);
/* 1 when the file exists. */
int		net_store_exists(struct net_store *st, enum net_store_dir d,
		    const char *name);
/* Names in a folder ending with suffix (NULL: all), sorted; free with
 * net_store_names_free. */
enum core_code	net_store_list(struct net_store *st, enum net_store_dir d,
		    const char *suffix, char ***names, size_t *n,
		    struct core_err *err);
void		net_store_names_free(char ***names, size_t n);

/* Set a damaged file aside and note why; returns CORE_E_STORE_CORRUPT with
 * err saying which file went where. */
enum core_code	net_store_quarantine(struct net_store *st, enum net_store_dir d,
		    const char *name, const char *why, struct core_err *err);
/* Files set aside since the store was opened. */
size_t		net_store_quarantined(const struct net_store *st,
		    const struct net_quarantine_note **notes);

/* Objects: content-addressed by SHA-256.  put writes only when absent;
 * get checks the digest and quarantines a file that does not match. */
enum core_code	net_store_put_object(struct net_store *st, const void *p, size_t n,
		    char hex[CORE_SHA256_HEX_LEN + 1], struct core_err *err);
enum core_code	net_store_get_object(struct net_store *st, const char *hex,
		    struct core_buf *out, struct core_err *err);

/* Drafts: what the person is typing for a case, saved as they type (an
 * atomic write of at most NET_DRAFT_MAX bytes; load gives CORE_E_NOT_FOUND
 * when there is none). */
enum core_code	net_draft_save(struct net_store *st, const char *case_id,
		    const void *p, size_t n, struct core_err *err);
enum core_code	net_draft_load(struct net_store *st, const char *case_id,
		    struct core_buf *out, struct core_err *err);
enum core_code	net_draft_remove(struct net_store *st, const char *case_id,
		    struct core_err *err);

/* The current time as RFC 3339 UTC ("2026-11-26T10:00:00Z"). */
void		net_time_now(char out[21]);

#endif
