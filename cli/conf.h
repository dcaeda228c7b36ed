/*
 * conf.h: recourse.conf, the configuration file (recourse.conf(5)).
 *
 * Files are read in this order, each one that exists, later values taking
 * precedence over earlier ones for single-valued keys, and adding to the
 * list for repeatable keys (registry-root, registry, pin):
 *   1. SYSCONFDIR/recourse/recourse.conf (/etc/recourse/recourse.conf when
 *      built with --sysconfdir=/etc, as distributions do);
 *   2. $XDG_CONFIG_HOME/recourse/recourse.conf (~/.config/... by default);
 *   3. the file given with --config, which must exist.
 * Each line is "key = value"; white space around key and value is dropped;
 * blank lines and lines whose first non-blank character is "#" are
 * comments.  A line without "=" or a bad value stops the program with the
 * file and line named; an unknown key is named in a warning and ignored.  Relative paths in values are taken
 * from the folder of the file that holds them.
 */
#ifndef RECOURSE_CLI_CONF_H
#define RECOURSE_CLI_CONF_H

#include <stddef.h>

#define CLI_CONFIG_MAX_FILE	(64u * 1024u)
#define CLI_CONFIG_MAX_LINE	4096

struct cli_config_item {
	char		*key;
	char		*value;
	char		*dir;		/* folder of the file it came from */
	char		*file;
	unsigned	 line;
};

struct cli_config {
	struct cli_config_item	*v;
	size_t			 n;
	size_t			 cap;
};

/* Read the files above (explicit may be NULL).  On failure a message naming
 * the file and line has been printed and -1 is returned. */
int		cli_config_load(struct cli_config *cf, const char *explicit);
/* Read one file; missing_ok: a file that does not exist is no error. */
int		cli_config_read(struct cli_config *cf, const char *path, int missing_ok);
void		cli_config_free(struct cli_config *cf);

/* The last value of key, or NULL. */
const struct cli_config_item *cli_config_get(const struct cli_config *cf,
		    const char *key);
/* The next item with key after prev (NULL: the first), in file order. */
const struct cli_config_item *cli_config_next(const struct cli_config *cf,
		    const char *key, const struct cli_config_item *prev);
/* A path value made absolute against its file's folder, in out. */
int		cli_config_path(const struct cli_config_item *it, char *out,
		    size_t outsz);
/* A number of key in [min, max], or def when absent; -1 (with a message)
 * when the value is not such a number. */
int		cli_config_long(const struct cli_config *cf, const char *key,
		    long def, long min, long max, long *out);
/* yes/no/true/false/1/0/on/off; -1 (with a message) otherwise. */
int		cli_config_bool(const struct cli_config *cf, const char *key,
		    int def, int *out);

#endif
