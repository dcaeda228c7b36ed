/* fsutil.c: reading files with a ceiling and writing them durably. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/error.h"
#include "service/service.h"

/* Map errno after a failed write to the error enum. */
static enum core_code
fs_errno_code(int e)
{
	if (e == ENOSPC || e == EDQUOT)
		return CORE_E_NOSPACE;
	if (e == ENOENT)
		return CORE_E_NOT_FOUND;
	return CORE_E_IO;
}

/* Read the whole of path, refusing more than max bytes. */
enum core_code
svc_read_file(const char *path, size_t max, struct core_buf *out,
    struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	unsigned char	 chunk[8192];
	ssize_t		 n;
	int		 fd;

	core_buf_init(out, max);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		rc = core_err_set(err, fs_errno_code(errno), CORE_NO_OFFSET,
		    "%s: %s", path, strerror(errno));
		goto out;
	}
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			rc = core_err_set(err, CORE_E_IO, CORE_NO_OFFSET, "%s: %s",
			    path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if ((rc = core_buf_add(out, chunk, (size_t)n)) != CORE_OK) {
			core_err_set(err, rc, CORE_NO_OFFSET, "%s", path);
			goto out;
		}
	}
	/* An empty file still reads as "" rather than NULL. */
	if (out->data == NULL && (rc = core_buf_add(out, "", 0)) != CORE_OK)
		goto out;
out:
	if (fd != -1)
		close(fd);
	if (rc != CORE_OK)
		core_buf_free(out);
	return rc;
}

/* Write all of data to fd. */
static int
fs_write_all(int fd, const void *data, size_t len)
{
	const unsigned char	*p = data;
	ssize_t			 n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync a folder so that a rename in it survives a crash. */
static int
fs_sync_dir(const char *dir)
{
	int	fd, r;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

enum core_code
svc_path(char *out, size_t outsz, const char *a, const char *b)
{
	int	n;

	n = snprintf(out, outsz, "%s/%s", a, b);
	if (n < 0 || (size_t)n >= outsz)
		return CORE_E_TOO_LARGE;
	return CORE_OK;
}

enum core_code
svc_write_atomic(const char *dir, const char *name, const void *data,
    size_t len, int mode, struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	char		 tmp[4096], dst[4096], tname[512], rnd[17];
	int		 fd = -1, n;

	tmp[0] = '\0';
	if ((rc = svc_random_hex(8, rnd)) != CORE_OK)
		goto out;
	n = snprintf(tname, sizeof tname, ".%s.%s.tmp", name, rnd);
	if (n < 0 || (size_t)n >= sizeof tname ||
	    svc_path(tmp, sizeof tmp, dir, tname) != CORE_OK ||
	    svc_path(dst, sizeof dst, dir, name) != CORE_OK) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "%s/%s: path too long", dir, name);
		goto out;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd == -1) {
		rc = core_err_set(err, fs_errno_code(errno), CORE_NO_OFFSET,
		    "%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (fs_write_all(fd, data, len) == -1 || fsync(fd) == -1) {
		rc = core_err_set(err, fs_errno_code(errno), CORE_NO_OFFSET,
		    "%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (close(fd) == -1) {
		fd = -1;
		rc = core_err_set(err, fs_errno_code(errno), CORE_NO_OFFSET,
		    "%s: %s", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, dst) == -1) {
		rc = core_err_set(err, fs_errno_code(errno), CORE_NO_OFFSET,
		    "%s: %s", dst, strerror(errno));
		goto out;
	}
	if (fs_sync_dir(dir) == -1) {
		rc = core_err_set(err, CORE_E_IO, CORE_NO_OFFSET, "%s: %s", dir,
		    strerror(errno));
		goto out;
	}
out:
	if (fd != -1)
		close(fd);
	if (rc != CORE_OK && tmp[0] != '\0')
		unlink(tmp);
	return rc;
}

enum core_code
svc_write_new(const char *path, const void *data, size_t len,
    struct core_err *err)
{
	enum core_code	rc = CORE_OK;
	int		fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1) {
		rc = core_err_set(err, CORE_E_IO, CORE_NO_OFFSET, "%s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (fs_write_all(fd, data, len) == -1 || fsync(fd) == -1) {
		rc = core_err_set(err, fs_errno_code(errno), CORE_NO_OFFSET,
		    "%s: %s", path, strerror(errno));
		close(fd);
		unlink(path);
		goto out;
	}
	if (close(fd) == -1) {
		rc = core_err_set(err, CORE_E_IO, CORE_NO_OFFSET, "%s: %s", path,
		    strerror(errno));
		unlink(path);
		goto out;
	}
out:
	return rc;
}

enum core_code
svc_mkdirs(const char *path, int mode, struct core_err *err)
{
	enum core_code	 rc = CORE_OK;
	char		 p[4096];
	size_t		 i, len;

	len = strlen(path);
	if (len == 0 || len >= sizeof p) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "folder name empty or too long");
		goto out;
	}
	memcpy(p, path, len + 1);
	for (i = 1; i <= len; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		p[i] = '\0';
		if (mkdir(p, (mode_t)mode) == -1 && errno != EEXIST) {
			rc = core_err_set(err, CORE_E_IO, CORE_NO_OFFSET, "%s: %s",
			    p, strerror(errno));
			goto out;
		}
		if (i < len)
			p[i] = '/';
	}
out:
	return rc;
}
