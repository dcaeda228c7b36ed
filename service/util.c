/* util.c: times, random identifiers, numbers and warnings of the service. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <openssl/rand.h>

#include "core/error.h"
#include "core/hash.h"
#include "core/intl.h"
#include "service/service.h"

void
svc_time_rfc3339(time_t t, char out[21])
{
	struct tm	tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, 21, "1970-01-01T00:00:00Z");
}

void
svc_time_date(time_t t, char out[11])
{
	struct tm	tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(out, 11, "%Y-%m-%d", &tm) == 0)
		snprintf(out, 11, "1970-01-01");
}

int
svc_time_parse(const char *s, time_t *out)
{
	struct tm	 tm;
	const char	*end;
	int		 rc = -1;

	memset(&tm, 0, sizeof tm);
	if (strlen(s) != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		goto out;
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (end == NULL || *end != '\0')
		goto out;
	*out = timegm(&tm);
	rc = 0;
out:
	return rc;
}

size_t
svc_utf8_chars(const char *s, size_t len)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

enum core_code
svc_random_bytes(void *out, size_t n)
{
	if (n > INT_MAX || RAND_bytes(out, (int)n) != 1)
		return CORE_E_INTERNAL;
	return CORE_OK;
}

enum core_code
svc_random_hex(size_t n, char *out)
{
	unsigned char	b[64];

	if (n > sizeof b)
		return CORE_E_ARG;
	if (svc_random_bytes(b, n) != CORE_OK)
		return CORE_E_INTERNAL;
	core_hex(b, n, out);
	return CORE_OK;
}

int
svc_parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long	 v;
	char		*end;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Append to the core_buf passed as data (json_dump_callback). */
static int
util_dump_cb(const char *p, size_t n, void *data)
{
	return core_buf_add(data, p, n) == CORE_OK ? 0 : -1;
}

enum core_code
svc_json_dump(const json_t *v, size_t flags, struct core_buf *out)
{
	if (json_dump_callback(v, util_dump_cb, out, flags) != 0)
		return CORE_E_NOMEM;
	return CORE_OK;
}

void
svc_warn_core(const char *what, const struct core_err *err)
{
	if (err->detail[0] != '\0')
		svc_warnx("%s: %s (%s)", what, _(core_strerror(err->code)),
		    err->detail);
	else
		svc_warnx("%s: %s", what, _(core_strerror(err->code)));
}
