/* main.c: start-up of recourse-service and dispatch to its commands. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "service/service.h"

static void
svc_usage(FILE *fp)
{
	const struct svc_cmd	*c;

	fputs(_("Usage: recourse-service COMMAND [ARG]...\n"
	    "The reference participating service of the recourse/1 protocol, and its\n"
	    "operator tools.\n"), fp);
	fputs(_("\nOptions:\n"
	    "  -h, --help      show this help and exit\n"
	    "  -V, --version   show the version and exit\n"), fp);
	if (svc_commands[0].name != NULL)
		fputs(_("\nCommands:\n"), fp);
	for (c = svc_commands; c->name != NULL; c++)
		fprintf(fp, "  %-9s %s\n            %s\n", c->name, _(c->args),
		    _(c->help));
	fputs(_("\nSee recourse-service(8) for the whole manual.\n"), fp);
}

void
svc_warnx(const char *fmt, ...)
{
	va_list	ap;

	fputs("recourse-service: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct svc_cmd	*c;
	int			 ch;

	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	{
		const char *dir = getenv("RECOURSE_LOCALEDIR");
		bindtextdomain(PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
	}
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
	while ((ch = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			svc_usage(stdout);
			return SVC_EXIT_OK;
		case 'V':
			printf("recourse-service %s\n", VERSION);
			return SVC_EXIT_OK;
		default:
			svc_usage(stderr);
			return SVC_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		svc_usage(stderr);
		return SVC_EXIT_USAGE;
	}
	for (c = svc_commands; c->name != NULL; c++) {
		if (strcmp(c->name, argv[0]) == 0) {
			optind = 1;
			return c->run(argc, argv);
		}
	}
	svc_warnx(_("unknown command '%s' (see --help)"), argv[0]);
	return SVC_EXIT_USAGE;
}
