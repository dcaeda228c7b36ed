/*
 * cmd_canon.c: `recourse canon [FILE]`, the RFC 8785 canonical form of a
 * JSON document read with the strict reader (core/json.h).
 *
 * The canonical bytes go to standard output with no newline after them, as
 * in the RFC's test data, so that they can be hashed or compared as they
 * are.  A document that is not strict I-JSON is refused with its byte
 * offset (counted from 0) and exit status 3.  --max-size raises or lowers
 * the 4 MiB cap on the document; the other limits stay.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/intl.h"
#include "core/jcs.h"
#include "core/json.h"

/* Read at most max bytes of fp into *data; *len is set to what was read,
 * which is max + 1 when there was more. */
static int
canon_read(FILE *fp, size_t max, unsigned char **data, size_t *len)
{
	unsigned char	*p = NULL, *np;
	size_t		 cap = 0, n = 0, got;
	int		 rc = -1;

	for (;;) {
		if (n == cap) {
			if (cap > max)
				break;
			cap = cap == 0 ? 65536 : cap * 2;
			if (cap > max + 1)
				cap = max + 1;
			if ((np = realloc(p, cap)) == NULL) {
				errno = ENOMEM;
				goto out;
			}
			p = np;
		}
		got = fread(p + n, 1, cap - n, fp);
		n += got;
		if (got == 0) {
			if (ferror(fp))
				goto out;
			break;
		}
	}
	*data = p;
	*len = n;
	p = NULL;
	rc = 0;
out:
	free(p);
	return rc;
}

/* Say why the document was refused, with its byte offset when known. */
static void
canon_refused(const char *name, const struct core_err *err)
{
	if (err->offset != CORE_NO_OFFSET)
		/* L10N: FILE: byte OFFSET: REASON (DETAIL); the detail is
		 * not translated. */
		cli_warnx(_("%s: byte %zu: %s (%s)"), name, err->offset,
		    _(core_strerror(err->code)), err->detail);
	else
		cli_warnx(_("%s: %s (%s)"), name, _(core_strerror(err->code)),
		    err->detail);
}

/* recourse canon [--max-size BYTES] [FILE]: print the canonical form of
 * FILE or stdin. */
int
cli_cmd_canon(struct cli_opts *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "max-size", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	struct core_json_limits	 lim;
	struct core_buf		 out;
	struct core_err		 err;
	enum core_code		 rc;
	unsigned char		*data = NULL;
	const char		*path = "-", *name;
	size_t			 len = 0;
	FILE			*fp = stdin;
	int			 ch, status = CLI_EXIT_OK;

	(void)opts;
	core_buf_init(&out, 0);
	core_json_limits_default(&lim);
	while ((ch = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		/* Room is left for the six-fold output below. */
		if (ch == 'm' && cli_parse_size(optarg, &lim.max_doc) == 0 &&
		    lim.max_doc <= SIZE_MAX / 8)
			continue;
		if (ch == 'm')
			cli_warnx(_("invalid value '%s' for --%s"), optarg,
			    "max-size");
		status = CLI_EXIT_USAGE;
		goto usage;
	}
	argc -= optind;
	argv += optind;
	if (argc > 1) {
		status = CLI_EXIT_USAGE;
		goto usage;
	}
	if (argc == 1)
		path = argv[0];
	name = strcmp(path, "-") == 0 ? _("standard input") : path;

	if (strcmp(path, "-") != 0 && (fp = fopen(path, "rb")) == NULL) {
		cli_warnx("%s: %s", name, strerror(errno));
		status = CLI_EXIT_UNREADABLE;
		goto out;
	}
	if (canon_read(fp, lim.max_doc, &data, &len) != 0) {
		cli_warnx("%s: %s", name, strerror(errno));
		status = errno == ENOMEM ? CLI_EXIT_SOFTWARE : CLI_EXIT_UNREADABLE;
		goto out;
	}
	if (len > lim.max_doc) {
		/* Only the first bytes were read: say so, not their count. */
		cli_warnx(_("%s: byte %zu: %s (over the limit of %zu bytes)"), name,
		    lim.max_doc, _(core_strerror(CORE_E_TOO_LARGE)), lim.max_doc);
		status = CLI_EXIT_UNREADABLE;
		goto out;
	}
	/* The canonical form can be longer than the document ("1e20" is
	 * "100000000000000000000"), never more than six times. */
	core_buf_init(&out, 6 * len + 64);
	if ((rc = core_jcs_canonicalize(data, len, &lim, &out, &err)) !=
	    CORE_OK) {
		canon_refused(name, &err);
		status = rc == CORE_E_NOMEM ? CLI_EXIT_SOFTWARE :
		    CLI_EXIT_UNREADABLE;
		goto out;
	}
	if (fwrite(out.data, 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0) {
		cli_warnx(_("could not write the canonical form: %s"),
		    strerror(errno));
		status = CLI_EXIT_SOFTWARE;
	}
	goto out;
usage:
	fprintf(stderr, _("Usage: %s canon [--max-size BYTES] [FILE]\n"),
	    PACKAGE);
out:
	if (fp != NULL && fp != stdin)
		fclose(fp);
	core_buf_free(&out);
	free(data);
	return status;
}
