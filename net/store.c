/*
 * store.c: folders, the writer's lock, atomic writes, reads with a cap,
 * quarantine, content-addressed objects and drafts (see store.h).
 */
#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "net/store.h"

#define STORE_TMP_PREFIX	".tmp-"
#define STORE_MAX_NOTES		32

static const char *const store_dirs[NET_DIR_COUNT] = {
	"objects", "cases", "drafts", "outbox", "receipts", "state", "quarantine"
};

struct net_store {
	char				*root;
	int				 rootfd;
	int				 dirfd[NET_DIR_COUNT];
	int				 lockfd;
	int				 lock_depth;
	long				 lock_wait_ms;
	unsigned long			 tmp_counter;
	struct net_quarantine_note	 notes[STORE_MAX_NOTES];
	size_t				 nnotes;
};

/* The error for a failed system call on a file of the store. */
static enum core_code
store_errno(struct core_err *err, int e, const char *what, const char *dir,
    const char *name)
{
	enum core_code	code;

	switch (e) {
	case ENOSPC:
	case EDQUOT:
	case EFBIG:
		code = CORE_E_NOSPACE;
		break;
	case ENOENT:
		code = CORE_E_NOT_FOUND;
		break;
	case ENOMEM:
		code = CORE_E_NOMEM;
		break;
	default:
		code = CORE_E_IO;
		break;
	}
	return core_err_set(err, code, CORE_NO_OFFSET, "%s %s%s%s: %s", what,
	    dir != NULL ? dir : "", dir != NULL && name != NULL ? "/" : "",
	    name != NULL ? name : "", strerror(e));
}

void
net_time_now(char out[21])
{
	time_t		now = time(NULL);
	struct tm	tm;

	gmtime_r(&now, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
net_store_name_ok(const char *name)
{
	size_t	i;

	if (name == NULL || name[0] == '\0' || name[0] == '.')
		return 0;
	for (i = 0; name[i] != '\0'; i++) {
		if (i >= NET_STORE_NAME_MAX)
			return 0;
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9') ||
		    name[i] == '.' || name[i] == '_' || name[i] == '-'))
			return 0;
	}
	return 1;
}

enum core_code
net_store_default_path(struct core_buf *out, struct core_err *err)
{
	const char	*xdg = getenv("XDG_DATA_HOME");
	const char	*home = getenv("HOME");
	enum core_code	 rc;

	/* The XDG spec: a relative XDG_DATA_HOME is invalid and ignored. */
	if (xdg != NULL && xdg[0] == '/')
		rc = core_buf_printf(out, "%s/recourse", xdg);
	else if (home != NULL && home[0] == '/')
		rc = core_buf_printf(out, "%s/.local/share/recourse", home);
	else
		return core_err_set(err, CORE_E_IO, CORE_NO_OFFSET,
		    "neither XDG_DATA_HOME nor HOME names a folder");
	if (rc != CORE_OK)
		core_err_set(err, rc, CORE_NO_OFFSET, "store path");
	return rc;
}

/* mkdir -p with mode 0700 for what is created. */
static enum core_code
store_mkdirs(const char *path, struct core_err *err)
{
	char		*p;
	size_t		 i, n = strlen(path);
	enum core_code	 rc = CORE_OK;

	if ((p = core_strdup(path)) == NULL)
		return core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
	for (i = 1; i <= n; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		p[i] = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			rc = store_errno(err, errno, "cannot create", p, NULL);
			goto out;
		}
		if (i < n)
			p[i] = '/';
	}
out:
	core_free(p);
	return rc;
}

/* Open a folder fd, insisting that it is a folder of ours, 0700. */
static enum core_code
store_check_dir(int fd, const char *what, struct core_err *err)
{
	struct stat	sb;

	if (fstat(fd, &sb) != 0)
		return store_errno(err, errno, "cannot examine", what, NULL);
	if (!S_ISDIR(sb.st_mode))
		return core_err_set(err, CORE_E_IO, CORE_NO_OFFSET,
		    "%s is not a folder", what);
	if (sb.st_uid != geteuid())
		return core_err_set(err, CORE_E_IO, CORE_NO_OFFSET,
		    "%s belongs to another user", what);
	if ((sb.st_mode & 077) != 0 && fchmod(fd, 0700) != 0)
		return store_errno(err, errno, "cannot protect", what, NULL);
	return CORE_OK;
}

/* Remove temporary files left by a writer that was killed. */
static void
store_clean_tmp(struct net_store *st, int dfd)
{
	DIR		*d;
	struct dirent	*de;
	int		 fd;

	if ((fd = dup(dfd)) < 0)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, STORE_TMP_PREFIX, strlen(STORE_TMP_PREFIX)) == 0)
			unlinkat(dfd, de->d_name, 0);
	}
	closedir(d);
}

enum core_code
net_store_open(const char *dir, struct net_store **out, struct core_err *err)
{
	struct net_store	*st;
	struct core_buf		 path;
	enum core_code		 rc;
	int			 i;

	*out = NULL;
	core_buf_init(&path, 4096);
	if ((st = core_calloc(1, sizeof *st)) == NULL) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
		goto out;
	}
	st->rootfd = st->lockfd = -1;
	for (i = 0; i < NET_DIR_COUNT; i++)
		st->dirfd[i] = -1;
	st->lock_wait_ms = 5000;
	if (dir != NULL)
		rc = core_buf_adds(&path, dir) != CORE_OK ?
		    core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET, "store path too long") :
		    CORE_OK;
	else
		rc = net_store_default_path(&path, err);
	if (rc != CORE_OK)
		goto out;
	if ((st->root = core_strdup(core_buf_str(&path))) == NULL) {
		rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
		goto out;
	}
	if ((rc = store_mkdirs(st->root, err)) != CORE_OK)
		goto out;
	if ((st->rootfd = open(st->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		rc = store_errno(err, errno, "cannot open", st->root, NULL);
		goto out;
	}
	if ((rc = store_check_dir(st->rootfd, st->root, err)) != CORE_OK)
		goto out;
	st->lockfd = openat(st->rootfd, "lock",
	    O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (st->lockfd < 0) {
		rc = store_errno(err, errno, "cannot open", st->root, "lock");
		goto out;
	}
	for (i = 0; i < NET_DIR_COUNT; i++) {
		if (mkdirat(st->rootfd, store_dirs[i], 0700) != 0 && errno != EEXIST) {
			rc = store_errno(err, errno, "cannot create", st->root,
			    store_dirs[i]);
			goto out;
		}
		st->dirfd[i] = openat(st->rootfd, store_dirs[i],
		    O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
		if (st->dirfd[i] < 0) {
			rc = store_errno(err, errno, "cannot open", st->root,
			    store_dirs[i]);
			goto out;
		}
		if ((rc = store_check_dir(st->dirfd[i], store_dirs[i], err)) != CORE_OK)
			goto out;
	}
	if ((rc = net_store_lock(st, err)) != CORE_OK)
		goto out;
	for (i = 0; i < NET_DIR_COUNT; i++)
		store_clean_tmp(st, st->dirfd[i]);
	net_store_unlock(st);
	*out = st;
	st = NULL;
out:
	core_buf_free(&path);
	net_store_free(&st);
	return rc;
}

void
net_store_free(struct net_store **stp)
{
	struct net_store	*st = *stp;
	int			 i;

	if (st == NULL)
		return;
	for (i = 0; i < NET_DIR_COUNT; i++)
		if (st->dirfd[i] >= 0)
			close(st->dirfd[i]);
	if (st->lockfd >= 0)
		close(st->lockfd);	/* releases the lock */
	if (st->rootfd >= 0)
		close(st->rootfd);
	core_free(st->root);
	core_free(st);
	*stp = NULL;
}

const char *
net_store_path(const struct net_store *st)
{
	return st->root;
}

void
net_store_set_lock_wait(struct net_store *st, long ms)
{
	st->lock_wait_ms = ms < 0 ? 0 : ms;
}

enum core_code
net_store_lock(struct net_store *st, struct core_err *err)
{
	struct timespec	ts = { 0, 20 * 1000000L };
	long		waited = 0;

	if (st->lock_depth > 0) {
		st->lock_depth++;
		return CORE_OK;
	}
	for (;;) {
		if (flock(st->lockfd, LOCK_EX | LOCK_NB) == 0)
			break;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return store_errno(err, errno, "cannot lock", st->root, "lock");
		if (waited >= st->lock_wait_ms)
			return core_err_set(err, CORE_E_STORE_LOCKED, CORE_NO_OFFSET,
			    "%s", st->root);
		nanosleep(&ts, NULL);
		waited += 20;
	}
	st->lock_depth = 1;
	return CORE_OK;
}

void
net_store_unlock(struct net_store *st)
{
	if (st->lock_depth == 0)
		return;
	if (--st->lock_depth == 0)
		flock(st->lockfd, LOCK_UN);
}

/* Write all of p to fd. */
static int
store_write_all(int fd, const void *p, size_t n)
{
	const unsigned char	*b = p;
	ssize_t			 w;

	while (n > 0) {
		w = write(fd, b, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

enum core_code
net_store_write(struct net_store *st, enum net_store_dir d, const char *name,
    const void *p, size_t n, struct core_err *err)
{
	char		tmp[NET_STORE_NAME_MAX + 64];
	int		fd = -1, dfd = st->dirfd[d], e, locked = 0;
	enum core_code	rc;

	tmp[0] = '\0';
	if (!net_store_name_ok(name))
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "unusable file name in the store");
	if ((rc = net_store_lock(st, err)) != CORE_OK)
		goto out;
	locked = 1;
	snprintf(tmp, sizeof tmp, STORE_TMP_PREFIX "%ld-%lu-%s", (long)getpid(),
	    ++st->tmp_counter, name);
	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd < 0) {
		rc = store_errno(err, errno, "cannot create", store_dirs[d], name);
		tmp[0] = '\0';
		goto out;
	}
	if (store_write_all(fd, p, n) != 0 || fsync(fd) != 0) {
		rc = store_errno(err, errno, "cannot write", store_dirs[d], name);
		goto out;
	}
	e = close(fd);
	fd = -1;
	if (e != 0) {
		rc = store_errno(err, errno, "cannot write", store_dirs[d], name);
		goto out;
	}
	if (renameat(dfd, tmp, dfd, name) != 0) {
		rc = store_errno(err, errno, "cannot replace", store_dirs[d], name);
		goto out;
	}
	tmp[0] = '\0';
	if (fsync(dfd) != 0) {
		rc = store_errno(err, errno, "cannot sync", store_dirs[d], NULL);
		goto out;
	}
out:
	if (fd >= 0)
		close(fd);
	if (tmp[0] != '\0')
		unlinkat(dfd, tmp, 0);
	if (locked)
		net_store_unlock(st);
	return rc;
}

enum core_code
net_store_read(struct net_store *st, enum net_store_dir d, const char *name,
    size_t max, struct core_buf *out, struct core_err *err)
{
	struct stat	sb;
	unsigned char	chunk[8192];
	ssize_t		r;
	int		fd;
	enum core_code	rc = CORE_OK;

	if (!net_store_name_ok(name))
		return core_err_set(err, CORE_E_NOT_FOUND, CORE_NO_OFFSET,
		    "unusable file name in the store");
	fd = openat(st->dirfd[d], name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return store_errno(err, errno, "cannot open", store_dirs[d], name);
	if (fstat(fd, &sb) != 0) {
		rc = store_errno(err, errno, "cannot examine", store_dirs[d], name);
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		rc = core_err_set(err, CORE_E_IO, CORE_NO_OFFSET,
		    "%s/%s is not a regular file", store_dirs[d], name);
		goto out;
	}
	if ((size_t)sb.st_size > max) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "%s/%s is larger than %zu bytes", store_dirs[d], name, max);
		goto out;
	}
	core_buf_reset(out);
	/* Files of the store are replaced, never changed in place: reading
	 * st_size bytes reads all of it, with no extra read to see the end. */
	while (out->len < (size_t)sb.st_size) {
		r = read(fd, chunk, sizeof chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = store_errno(err, errno, "cannot read", store_dirs[d], name);
			goto out;
		}
		if (r == 0)
			break;
		if (out->len + (size_t)r > max) {
			rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
			    "%s/%s is larger than %zu bytes", store_dirs[d], name, max);
			goto out;
		}
		if ((rc = core_buf_add(out, chunk, (size_t)r)) != CORE_OK) {
			core_err_set(err, rc, CORE_NO_OFFSET, "%s/%s",
			    store_dirs[d], name);
			goto out;
		}
	}
out:
	close(fd);
	return rc;
}

enum core_code
net_store_remove(struct net_store *st, enum net_store_dir d, const char *name,
    struct core_err *err)
{
	enum core_code	rc;

	if (!net_store_name_ok(name))
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "unusable file name in the store");
	if ((rc = net_store_lock(st, err)) != CORE_OK)
		return rc;
	if (unlinkat(st->dirfd[d], name, 0) != 0 && errno != ENOENT)
		rc = store_errno(err, errno, "cannot remove", store_dirs[d], name);
	else if (fsync(st->dirfd[d]) != 0)
		rc = store_errno(err, errno, "cannot sync", store_dirs[d], NULL);
	net_store_unlock(st);
	return rc;
}

int
net_store_exists(struct net_store *st, enum net_store_dir d, const char *name)
{
	struct stat	sb;

	return net_store_name_ok(name) &&
	    fstatat(st->dirfd[d], name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(sb.st_mode);
}

/* qsort comparison of two names. */
static int
store_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum core_code
net_store_list(struct net_store *st, enum net_store_dir d, const char *suffix,
    char ***names, size_t *n, struct core_err *err)
{
	DIR		*dir = NULL;
	struct dirent	*de;
	char		**v = NULL, **nv;
	size_t		 cnt = 0, cap = 0, len, slen = suffix != NULL ? strlen(suffix) : 0;
	int		 fd;
	enum core_code	 rc = CORE_OK;

	*names = NULL;
	*n = 0;
	if ((fd = openat(st->dirfd[d], ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return store_errno(err, errno, "cannot open", store_dirs[d], NULL);
	if ((dir = fdopendir(fd)) == NULL) {
		rc = store_errno(err, errno, "cannot read", store_dirs[d], NULL);
		close(fd);
		goto out;
	}
	while ((de = readdir(dir)) != NULL) {
		if (!net_store_name_ok(de->d_name))
			continue;
		len = strlen(de->d_name);
		if (len < slen || strcmp(de->d_name + len - slen, suffix != NULL ? suffix : "") != 0)
			continue;
		if (cnt == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			if ((nv = core_realloc(v, cap * sizeof *v)) == NULL) {
				rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
				goto out;
			}
			v = nv;
		}
		if ((v[cnt] = core_strdup(de->d_name)) == NULL) {
			rc = core_err_set(err, CORE_E_NOMEM, CORE_NO_OFFSET, NULL);
			goto out;
		}
		cnt++;
	}
	if (cnt > 0)
		qsort(v, cnt, sizeof *v, store_cmp);
	*names = v;
	*n = cnt;
	v = NULL;
out:
	if (dir != NULL)
		closedir(dir);
	if (v != NULL)
		net_store_names_free(&v, cnt);
	return rc;
}

void
net_store_names_free(char ***names, size_t n)
{
	size_t	i;

	if (*names == NULL)
		return;
	for (i = 0; i < n; i++)
		core_free((*names)[i]);
	core_free(*names);
	*names = NULL;
}

enum core_code
net_store_quarantine(struct net_store *st, enum net_store_dir d,
    const char *name, const char *why, struct core_err *err)
{
	struct net_quarantine_note	*q;
	char				 to[NET_STORE_NAME_MAX + 64];
	char				 stamp[21];
	int				 moved = 0;

	net_time_now(stamp);
	stamp[4] = stamp[7] = stamp[13] = stamp[16] = '_';
	snprintf(to, sizeof to, "%s-%s-%.20s-%ld-%lu", store_dirs[d], name, stamp,
	    (long)getpid(), ++st->tmp_counter);
	if (net_store_lock(st, NULL) == CORE_OK) {
		if (renameat(st->dirfd[d], name, st->dirfd[NET_DIR_QUARANTINE], to) == 0) {
			moved = 1;
			fsync(st->dirfd[NET_DIR_QUARANTINE]);
			fsync(st->dirfd[d]);
		}
		net_store_unlock(st);
	}
	if (st->nnotes < STORE_MAX_NOTES) {
		q = &st->notes[st->nnotes++];
		snprintf(q->from, sizeof q->from, "%s/%s", store_dirs[d], name);
		snprintf(q->to, sizeof q->to, "%s%s", moved ? "quarantine/" : "",
		    moved ? to : "(left in place)");
		snprintf(q->why, sizeof q->why, "%s", why);
	}
	return core_err_set(err, CORE_E_STORE_CORRUPT, CORE_NO_OFFSET,
	    "%s/%s: %s; %s %s", store_dirs[d], name, why,
	    moved ? "moved to quarantine/" : "could not be moved", moved ? to : "");
}

size_t
net_store_quarantined(const struct net_store *st,
    const struct net_quarantine_note **notes)
{
	*notes = st->notes;
	return st->nnotes;
}

/* 1 for 64 lowercase hex digits. */
static int
store_hex_ok(const char *hex)
{
	size_t	i;

	for (i = 0; i < CORE_SHA256_HEX_LEN; i++)
		if (!((hex[i] >= '0' && hex[i] <= '9') || (hex[i] >= 'a' && hex[i] <= 'f')))
			return 0;
	return hex[i] == '\0';
}

enum core_code
net_store_put_object(struct net_store *st, const void *p, size_t n,
    char hex[CORE_SHA256_HEX_LEN + 1], struct core_err *err)
{
	enum core_code	rc;

	if ((rc = core_sha256_hex(p, n, hex)) != CORE_OK)
		return core_err_set(err, rc, CORE_NO_OFFSET, "SHA-256");
	if (net_store_exists(st, NET_DIR_OBJECTS, hex))
		return CORE_OK;		/* same name, same bytes */
	return net_store_write(st, NET_DIR_OBJECTS, hex, p, n, err);
}

enum core_code
net_store_get_object(struct net_store *st, const char *hex, struct core_buf *out,
    struct core_err *err)
{
	char		got[CORE_SHA256_HEX_LEN + 1];
	enum core_code	rc;

	if (hex == NULL || !store_hex_ok(hex))
		return core_err_set(err, CORE_E_NOT_FOUND, CORE_NO_OFFSET,
		    "not an object name");
	if ((rc = net_store_read(st, NET_DIR_OBJECTS, hex, NET_STORE_MAX_FILE, out,
	    err)) != CORE_OK)
		return rc;
	if ((rc = core_sha256_hex(out->data != NULL ? out->data : (unsigned char *)"",
	    out->len, got)) != CORE_OK)
		return core_err_set(err, rc, CORE_NO_OFFSET, "SHA-256");
	if (strcmp(got, hex) != 0) {
		core_buf_reset(out);
		return net_store_quarantine(st, NET_DIR_OBJECTS, hex,
		    "its bytes do not match its name", err);
	}
	return CORE_OK;
}

/* The file name of a case's draft. */
static enum core_code
draft_name(const char *case_id, char *out, size_t outsz, struct core_err *err)
{
	if (!net_store_name_ok(case_id) || strlen(case_id) + 6 > NET_STORE_NAME_MAX)
		return core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "unusable case name");
	snprintf(out, outsz, "%s.json", case_id);
	return CORE_OK;
}

enum core_code
net_draft_save(struct net_store *st, const char *case_id, const void *p,
    size_t n, struct core_err *err)
{
	char		name[NET_STORE_NAME_MAX + 1];
	enum core_code	rc;

	if (n > NET_DRAFT_MAX)
		return core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "a draft holds at most %u bytes", NET_DRAFT_MAX);
	if ((rc = draft_name(case_id, name, sizeof name, err)) != CORE_OK)
		return rc;
	return net_store_write(st, NET_DIR_DRAFTS, name, p, n, err);
}

enum core_code
net_draft_load(struct net_store *st, const char *case_id, struct core_buf *out,
    struct core_err *err)
{
	char		name[NET_STORE_NAME_MAX + 1];
	enum core_code	rc;

	if ((rc = draft_name(case_id, name, sizeof name, err)) != CORE_OK)
		return rc;
	return net_store_read(st, NET_DIR_DRAFTS, name, NET_DRAFT_MAX, out, err);
}

enum core_code
net_draft_remove(struct net_store *st, const char *case_id, struct core_err *err)
{
	char		name[NET_STORE_NAME_MAX + 1];
	enum core_code	rc;

	if ((rc = draft_name(case_id, name, sizeof name, err)) != CORE_OK)
		return rc;
	return net_store_remove(st, NET_DIR_DRAFTS, name, err);
}
