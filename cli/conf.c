/* conf.c: the reader of recourse.conf (see conf.h and recourse.conf(5)). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/conf.h"
#include "core/intl.h"

/* Every key recourse.conf may hold; repeat: it may be given more than once
 * (the others: the last one counts). */
static const struct {
	const char	*key;
	int		 repeat;
} config_keys[] = {
	{ "service", 0 },
	{ "data-dir", 0 },
	{ "registry-root", 1 },
	{ "registry", 1 },
	{ "pin", 1 },
	{ "languages", 0 },
	{ "remember-code", 0 },
	{ "screen-reader", 0 },
	{ "plain", 0 },
	{ "mouse", 0 },
	{ "ca-bundle", 0 },
	{ "pinned-public-key", 0 },
	{ "connect-timeout", 0 },
	{ "timeout", 0 },
	{ "low-speed-limit", 0 },
	{ "low-speed-time", 0 },
	{ "max-response", 0 },
	{ "max-size", 0 },
	{ "attempts", 0 },
	{ "retry-max-wait", 0 },
	{ "lock-wait", 0 },
	/* kiosk.conf only (recourse(1), KIOSK) */
	{ "idle-timeout", 0 },
	{ "admin-password", 0 },
	{ "print-command", 0 },
};

/* Remove white space at both ends of s. */
static char *
config_trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int
config_known(const char *key)
{
	size_t	i;

	for (i = 0; i < sizeof config_keys / sizeof config_keys[0]; i++)
		if (strcmp(config_keys[i].key, key) == 0)
			return 1;
	return 0;
}

/* Append one item; aborts on out of memory, as the front end may. */
static void
config_add(struct cli_config *cf, const char *key, const char *value,
    const char *file, unsigned line)
{
	struct cli_config_item	*it;
	const char		*slash;
	size_t			 n;

	if (cf->n == cf->cap) {
		cf->cap = cf->cap == 0 ? 16 : cf->cap * 2;
		if ((cf->v = realloc(cf->v, cf->cap * sizeof *cf->v)) == NULL)
			abort();
	}
	it = &cf->v[cf->n++];
	slash = strrchr(file, '/');
	n = slash == NULL ? 1 : (size_t)(slash - file);
	if (n == 0)
		n = 1;	/* "/recourse.conf" */
	if ((it->key = strdup(key)) == NULL || (it->value = strdup(value)) == NULL ||
	    (it->file = strdup(file)) == NULL || (it->dir = malloc(n + 1)) == NULL)
		abort();
	if (slash == NULL)
		memcpy(it->dir, ".", 2);
	else {
		memcpy(it->dir, file, n);
		it->dir[n] = '\0';
	}
	it->line = line;
}

/* The file whose unknown keys were last reported (one per run is enough). */
static char	config_warned_path[512];

static int
config_warned(const char *path)
{
	return strcmp(config_warned_path, path) == 0;
}

static void
config_remember(const char *path)
{
	if (strlen(path) < sizeof config_warned_path)
		memcpy(config_warned_path, path, strlen(path) + 1);
}

int
cli_config_read(struct cli_config *cf, const char *path, int missing_ok)
{
	FILE		*fp;
	char		 line[CLI_CONFIG_MAX_LINE + 2], *key, *val, *eq;
	unsigned	 lineno = 0;
	size_t		 total = 0, len;
	int		 rc = -1, warned = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		if (missing_ok && errno == ENOENT)
			return 0;
		cli_warnx(_("cannot read %s: %s"), path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		lineno++;
		len = strlen(line);
		total += len;
		if (total > CLI_CONFIG_MAX_FILE) {
			cli_warnx(_("%s: the file is larger than %u bytes"), path,
			    CLI_CONFIG_MAX_FILE);
			goto out;
		}
		if (len > CLI_CONFIG_MAX_LINE) {
			cli_warnx(_("%s:%u: the line is too long"), path, lineno);
			goto out;
		}
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		key = config_trim(line);
		if (*key == '\0' || *key == '#')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			cli_warnx(_("%s:%u: expected \"key = value\""), path, lineno);
			goto out;
		}
		*eq = '\0';
		val = config_trim(eq + 1);
		key = config_trim(key);
		if (!config_known(key)) {
			/* A newer recourse may know it: warn, do not stop; once
			 * a run, although a kiosk reads its file again for
			 * each person's session. */
			if (!config_warned(path))
				cli_warnx(_("%s:%u: ignoring unknown key \"%s\" (see recourse.conf(5))"),
				    path, lineno, key);
			warned = 1;
			continue;
		}
		config_add(cf, key, val, path, lineno);
	}
	if (ferror(fp)) {
		cli_warnx(_("cannot read %s: %s"), path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	fclose(fp);
	if (warned)
		config_remember(path);
	return rc;
}

int
cli_config_load(struct cli_config *cf, const char *explicit)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char		 path[PATH_MAX];

	memset(cf, 0, sizeof *cf);
	if (cli_config_read(cf, SYSCONFDIR "/recourse/recourse.conf", 1) != 0)
		return -1;
	path[0] = '\0';
	if (xdg != NULL && xdg[0] == '/')
		snprintf(path, sizeof path, "%s/recourse/recourse.conf", xdg);
	else if (home != NULL && home[0] == '/')
		snprintf(path, sizeof path, "%s/.config/recourse/recourse.conf", home);
	if (path[0] != '\0' && cli_config_read(cf, path, 1) != 0)
		return -1;
	if (explicit != NULL && cli_config_read(cf, explicit, 0) != 0)
		return -1;
	return 0;
}

void
cli_config_free(struct cli_config *cf)
{
	size_t	i;

	for (i = 0; i < cf->n; i++) {
		free(cf->v[i].key);
		free(cf->v[i].value);
		free(cf->v[i].dir);
		free(cf->v[i].file);
	}
	free(cf->v);
	memset(cf, 0, sizeof *cf);
}

const struct cli_config_item *
cli_config_get(const struct cli_config *cf, const char *key)
{
	size_t	i;

	for (i = cf->n; i > 0; i--)
		if (strcmp(cf->v[i - 1].key, key) == 0)
			return &cf->v[i - 1];
	return NULL;
}

const struct cli_config_item *
cli_config_next(const struct cli_config *cf, const char *key,
    const struct cli_config_item *prev)
{
	size_t	i = prev == NULL ? 0 : (size_t)(prev - cf->v) + 1;

	for (; i < cf->n; i++)
		if (strcmp(cf->v[i].key, key) == 0)
			return &cf->v[i];
	return NULL;
}

int
cli_config_path(const struct cli_config_item *it, char *out, size_t outsz)
{
	int	n;

	if (it->value[0] == '/')
		n = snprintf(out, outsz, "%s", it->value);
	else if (it->value[0] == '~' && it->value[1] == '/' && getenv("HOME") != NULL)
		n = snprintf(out, outsz, "%s%s", getenv("HOME"), it->value + 1);
	else
		n = snprintf(out, outsz, "%s/%s", it->dir, it->value);
	if (n < 0 || (size_t)n >= outsz) {
		cli_warnx(_("%s:%u: the path is too long"), it->file, it->line);
		return -1;
	}
	return 0;
}

int
cli_config_long(const struct cli_config *cf, const char *key, long def, long min,
    long max, long *out)
{
	const struct cli_config_item	*it = cli_config_get(cf, key);
	char				*end;
	long				 v;

	*out = def;
	if (it == NULL)
		return 0;
	errno = 0;
	v = strtol(it->value, &end, 10);
	if (errno != 0 || end == it->value || *end != '\0' || v < min || v > max) {
		cli_warnx(_("%s:%u: %s must be a whole number from %ld to %ld"),
		    it->file, it->line, key, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int
cli_config_bool(const struct cli_config *cf, const char *key, int def, int *out)
{
	const struct cli_config_item	*it = cli_config_get(cf, key);
	static const char		*yes[] = { "yes", "true", "on", "1" };
	static const char		*no[] = { "no", "false", "off", "0" };
	size_t				 i;

	*out = def;
	if (it == NULL)
		return 0;
	for (i = 0; i < 4; i++) {
		if (strcasecmp(it->value, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(it->value, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	cli_warnx(_("%s:%u: %s must be yes or no"), it->file, it->line, key);
	return -1;
}
