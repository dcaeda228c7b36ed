/*
 * cmd_inspect.c: `recourse inspect FILE...`, what a media file says about
 * its own provenance.
 *
 * For each JPEG, PNG, WebP, PDF or XMP file: the IPTC digital source type
 * in plain words (was it made by a generative AI model?), the creator tool,
 * the AI system named, and whether a C2PA manifest store is present.  None
 * of it is verified, and the output says so: XMP is not signed and anyone
 * can edit it; recourse does not verify C2PA signatures.  Every value from
 * the file is shown through the display sanitiser, with removed characters
 * as visible <U+XXXX> escapes.
 *
 * Exit status: 0 when every file was read and its format recognised
 * (whatever its metadata says), 3 when a file could not be read, is too
 * large or is in another format, 64 for a usage error, 70 when memory ran
 * out.  inspect never exits 1 or 2: it verifies nothing.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/intl.h"
#include "core/safetext.h"
#include "core/xmp.h"

/* Read at most max bytes of path ("-": standard input) into *data; *len is
 * max + 1 when there was more.  Returns 0, or -1 with errno set. */
static int
inspect_read(const char *path, size_t max, unsigned char **data, size_t *len)
{
	unsigned char	*p = NULL, *np;
	size_t		 cap = 0, n = 0, got;
	FILE		*fp;
	int		 rc = -1, e;

	fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (fp == NULL)
		return -1;
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
	e = errno;
	free(p);
	if (fp != stdin)
		fclose(fp);
	errno = e;
	return rc;
}

/* Print "  LABEL: value" with the value made safe (escapes shown). */
static int
inspect_field(const char *label, const char *value)
{
	char	*safe = NULL;

	if (core_safetext(value, CORE_SAFETEXT_ESCAPE, 16 * CORE_XMP_MAX_VALUE,
	    &safe) != CORE_OK)
		return -1;
	printf("  %s: %s\n", label, safe);
	core_free(safe);
	return 0;
}

/* Whether generative AI made the media, in words. */
static const char *
inspect_ai(enum core_dst_ai ai)
{
	switch (ai) {
	case CORE_DST_AI_ALL:
		return _("yes, according to the file's own metadata");
	case CORE_DST_AI_PART:
		return _("partly, according to the file's own metadata");
	case CORE_DST_AI_NO:
		return _("no, according to the file's own metadata");
	default:
		return _("the term used does not say");
	}
}

/* Report the digital source type. */
static int
inspect_source(const struct core_media_info *info)
{
	char	*safe = NULL;

	if (info->source_type == NULL) {
		printf("  %s: %s\n", _("Digital source type"),
		    info->xmp_packets > 0 ? _("not stated") :
		    info->xmp_bad > 0 ? _("unknown (the XMP metadata could not "
		    "be read)") : _("not stated (no XMP metadata was found)"));
		return 0;
	}
	if (core_safetext(info->source_type, CORE_SAFETEXT_ESCAPE,
	    16 * CORE_XMP_MAX_VALUE, &safe) != CORE_OK)
		return -1;
	if (info->dst != NULL) {
		/* L10N: "Digital source type: NAME: DESCRIPTION", e.g.
		 * "Trained algorithmic media: made by a generative AI model". */
		printf("  %s: %s: %s\n", _("Digital source type"),
		    _(info->dst->name), _(info->dst->description));
		printf("    (%s%s)\n", safe, info->dst->retired ?
		    _(", a term IPTC has retired") : "");
		printf("  %s: %s\n", _("Made by generative AI"),
		    inspect_ai(info->dst->ai));
	} else {
		printf("  %s: %s\n", _("Digital source type"), safe);
		printf("    (%s)\n",
		    _("not a term of the IPTC digital source type vocabulary"));
	}
	core_free(safe);
	return 0;
}

/* Report one inspected file; returns 0, or -1 when memory ran out. */
static int
inspect_report(const struct core_media_info *info)
{
	if (inspect_source(info) != 0)
		return -1;
	if (info->source_conflict)
		printf("    %s\n", _("The file's XMP packets disagree; the first "
		    "value is shown."));
	if (info->creator_tool != NULL &&
	    inspect_field(_("Creator tool"), info->creator_tool) != 0)
		return -1;
	if (info->ai_system != NULL &&
	    inspect_field(_("AI system used"), info->ai_system) != 0)
		return -1;
	printf("  %s: %s\n", _("C2PA manifest store"), info->c2pa ?
	    _("present, not verified") : _("none found"));
	if (info->c2pa_remote != NULL &&
	    inspect_field(_("Remote C2PA manifest (not fetched, not verified)"),
	    info->c2pa_remote) != 0)
		return -1;
	if (info->xmp_bad > 0)
		/* L10N: "Note: REASON (MESSAGE: DETAIL)"; the detail is not
		 * translated. */
		printf("  %s: %s (%s: %s)\n", _("Note"), P_("an XMP packet could "
		    "not be read", "some XMP packets could not be read",
		    info->xmp_bad), _(core_strerror(info->xmp_err.code)),
		    info->xmp_err.detail);
	if (info->xmp_unread > 0)
		printf("  %s: %s\n", _("Note"), _("the file holds compressed XMP, "
		    "which recourse does not read"));
	if (info->pdf_compressed)
		printf("  %s: %s\n", _("Note"), _("this PDF may hold metadata in "
		    "compressed streams, which recourse did not read"));
	if (info->damaged)
		printf("  %s: %s\n", _("Note"), _("the file is damaged or cut "
		    "short; nothing after that point was read"));
	printf("  %s: %s\n", _("Verified"), _("nothing."));
	if (info->xmp_packets > 0)
		printf("    %s\n", _("XMP metadata is not signed: anyone can edit "
		    "it, so it says only what whoever last saved the file wrote."));
	if (info->c2pa)
		printf("    %s\n", _("recourse does not verify C2PA signatures: "
		    "the manifest store is present but has not been checked."));
	if (info->xmp_packets == 0 && info->xmp_bad == 0 && !info->c2pa)
		printf("    %s\n", _("The file holds no provenance metadata; that "
		    "alone says nothing about how it was made."));
	return 0;
}

/* Inspect one file; returns its exit status.  Reports after the first
 * are set apart by a blank line (*shown counts them). */
static int
inspect_file(const char *path, int *shown)
{
	struct core_media_info	 info;
	struct core_err		 err;
	unsigned char		*data = NULL;
	char			*name = NULL;
	size_t			 len = 0;
	enum core_code		 rc;
	int			 ex = CLI_EXIT_OK;

	memset(&info, 0, sizeof info);
	core_err_clear(&err);
	if (core_safetext(path, CORE_SAFETEXT_ESCAPE, 65536, &name) != CORE_OK) {
		ex = CLI_EXIT_SOFTWARE;
		goto out;
	}
	if (inspect_read(path, CORE_MEDIA_MAX_FILE, &data, &len) != 0) {
		cli_warnx("%s: %s", name, strerror(errno));
		ex = errno == ENOMEM ? CLI_EXIT_SOFTWARE : CLI_EXIT_UNREADABLE;
		goto out;
	}
	rc = core_media_inspect(data, len, &info, &err);
	if (rc == CORE_E_NOMEM) {
		cli_warnx("%s: %s", name, _(core_strerror(rc)));
		ex = CLI_EXIT_SOFTWARE;
		goto out;
	}
	if (rc != CORE_OK) {
		cli_warnx("%s: %s (%s)", name, _(core_strerror(rc)), err.detail);
		ex = CLI_EXIT_UNREADABLE;
		goto out;
	}
	if ((*shown)++ > 0)
		putchar('\n');
	printf("%s: %s\n", name, _(core_media_format_name(info.format)));
	if (inspect_report(&info) != 0)
		ex = CLI_EXIT_SOFTWARE;
out:
	core_media_info_free(&info);
	core_free(name);
	free(data);
	return ex;
}

/* recourse inspect FILE...: provenance metadata of media files. */
int
cli_cmd_inspect(struct cli_opts *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch, i, ex = CLI_EXIT_OK, r, shown = 0;

	(void)opts;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			printf(_("Usage: %s inspect FILE...\n"), PACKAGE);
			fputs(_("Show what JPEG, PNG, WebP, PDF or XMP files say "
			    "about how they were made\n(IPTC digital source type, "
			    "creator tool, C2PA manifest).  Nothing is verified.\n"),
			    stdout);
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cli_warnx("%s", _("inspect: name at least one file"));
		return CLI_EXIT_USAGE;
	}
	for (i = optind; i < argc; i++) {
		r = inspect_file(argv[i], &shown);
		if (r == CLI_EXIT_SOFTWARE || (r != CLI_EXIT_OK && ex == CLI_EXIT_OK))
			ex = r;
	}
	if (fflush(stdout) != 0)
		ex = CLI_EXIT_SOFTWARE;
	return ex;
}
