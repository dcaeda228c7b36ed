/* democonf.c: the client configuration that serve --client-config writes. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "service/demo.h"
#include "service/service.h"

/* Does s hold a character that would break a "key = value" line? */
static int
democonf_bad(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

enum core_code
svc_demo_client_config(const char *path, const char *url, const char *state,
    const struct svc_demo *d, struct core_err *err)
{
	enum core_code	 rc;
	struct core_buf	 b;
	char		 abs[PATH_MAX], clientdir[PATH_MAX + 16], dir[4096];
	const char	*slash, *name;
	size_t		 n;

	core_buf_init(&b, 64u * 1024u);
	if (realpath(state, abs) == NULL) {
		rc = core_err_set(err, CORE_E_IO, CORE_NO_OFFSET, "%s: no such folder",
		    state);
		goto out;
	}
	snprintf(clientdir, sizeof clientdir, "%s/client", abs);
	if (democonf_bad(url) || democonf_bad(clientdir) ||
	    (d != NULL && (democonf_bad(d->registry) ||
	    democonf_bad(d->registry_root)))) {
		rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
		    "a path holds a control character");
		goto out;
	}
	if ((rc = svc_mkdirs(clientdir, 0700, err)) != CORE_OK)
		goto out;
	if ((rc = core_buf_printf(&b, "# recourse.conf written by recourse-service "
	    "serve for its own clients.\nservice = %s\n", url)) != CORE_OK)
		goto out;
	if (d != NULL && (rc = core_buf_printf(&b, "registry-root = %s\n"
	    "registry = %s\n", d->registry_root, d->registry)) != CORE_OK)
		goto out;
	if ((rc = core_buf_printf(&b, "data-dir = %s\n", clientdir)) != CORE_OK)
		goto out;
	slash = strrchr(path, '/');
	if (slash == NULL) {
		snprintf(dir, sizeof dir, ".");
		name = path;
	} else {
		n = (size_t)(slash - path);
		if (n >= sizeof dir) {
			rc = core_err_set(err, CORE_E_ARG, CORE_NO_OFFSET,
			    "%s: name too long", path);
			goto out;
		}
		memcpy(dir, path, n);
		dir[n] = '\0';
		if (n == 0)
			snprintf(dir, sizeof dir, "/");
		name = slash + 1;
	}
	rc = svc_write_atomic(dir, name, b.data, b.len, 0600, err);
out:
	core_buf_free(&b);
	return rc;
}

void
svc_demo_clear(struct svc_demo *d)
{
	memset(d, 0, sizeof *d);
}
