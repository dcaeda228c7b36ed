/* service.h: shared declarations of recourse-service, the reference service. */
#ifndef RECOURSE_SERVICE_H
#define RECOURSE_SERVICE_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"

enum svc_exit {
	SVC_EXIT_OK = 0,
	SVC_EXIT_FAIL = 1,		/* the operation failed; a message says why */
	SVC_EXIT_USAGE = 64
};

struct svc_cmd {
	const char	*name;
	int		(*run)(int, char **);
	const char	*args;
	const char	*help;
};

extern const struct svc_cmd svc_commands[];

/* Ceilings on what the service reads from its own files. */
#define SVC_MAX_FILE		(8u * 1024u * 1024u)	/* one case, document or key */
#define SVC_MAX_DOC		(4u * 1024u * 1024u)	/* one signed document */

void	svc_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Warn with the message of a core error and its detail. */
void	svc_warn_core(const char *what, const struct core_err *err);

/* The commands (cmd_keys.c, serve.c). */
int	svc_cmd_keygen(int, char **);
int	svc_cmd_sign(int, char **);
int	svc_cmd_registry(int, char **);
int	svc_cmd_serve(int, char **);
int	svc_cmd_status(int, char **);

/* fsutil.c: files written so that a crash leaves the old or the new bytes. */
enum core_code	svc_read_file(const char *path, size_t max, struct core_buf *out,
		    struct core_err *err);
/* Write data to dir/name through a temporary file: write, fsync, rename,
 * fsync dir.  mode is the file's permission bits. */
enum core_code	svc_write_atomic(const char *dir, const char *name,
		    const void *data, size_t len, int mode, struct core_err *err);
/* Create path (which must not exist) with mode 0600 and write data to it. */
enum core_code	svc_write_new(const char *path, const void *data, size_t len,
		    struct core_err *err);
/* mkdir -p with mode for each folder made. */
enum core_code	svc_mkdirs(const char *path, int mode, struct core_err *err);
/* Join a and b with a slash into out (outsz bytes); CORE_E_TOO_LARGE when it
 * does not fit. */
enum core_code	svc_path(char *out, size_t outsz, const char *a, const char *b);

/* util.c */
/* RFC 3339 UTC ("2026-11-26T10:00:00Z"): out needs 21 bytes. */
void		svc_time_rfc3339(time_t t, char out[21]);
/* "YYYY-MM-DD": out needs 11 bytes. */
void		svc_time_date(time_t t, char out[11]);
/* Parse RFC 3339 UTC "YYYY-MM-DDTHH:MM:SSZ"; -1 when malformed. */
int		svc_time_parse(const char *s, time_t *out);
/* n random bytes as 2n lowercase hex digits and a NUL. */
enum core_code	svc_random_hex(size_t n, char *out);
/* The characters (code points) of the len bytes of valid UTF-8 at s. */
size_t		svc_utf8_chars(const char *s, size_t len);
/* n random bytes from OpenSSL's generator into out. */
enum core_code	svc_random_bytes(void *out, size_t n);
/* Append the JSON text of v (json_dumps flags) to out. */
enum core_code	svc_json_dump(const json_t *v, size_t flags, struct core_buf *out);
/* Parse a decimal unsigned number no larger than max; -1 when malformed. */
int		svc_parse_ulong(const char *s, unsigned long max, unsigned long *out);

#endif
