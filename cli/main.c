/*
 * main.c: start-up of recourse: locale, options, and the dispatch to a
 * command, to plain mode, or to the full-screen interface.
 */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/conf.h"
#include "cli/plain.h"
#include "core/alloc.h"
#include "core/intl.h"
#include "core/safetext.h"

#define MAIN_HELP_COLS	80	/* --help fits a terminal of this width */
#define MAIN_ARGS_COLS	22	/* the arguments' column */
#define MAIN_HELP_AT	(2 + 10 + 1 + MAIN_ARGS_COLS + 1)

/* n spaces. */
static void
main_spaces(FILE *fp, size_t n)
{
	while (n-- > 0)
		fputc(' ', fp);
}

/* One command of --help: name, arguments padded by the columns they take
 * on a terminal (not by bytes: a Japanese word takes two per character),
 * and its help wrapped under itself; arguments too wide for their column
 * put the help on the next line. */
static void
main_command_line(FILE *fp, const char *name, const char *args, const char *help)
{
	struct core_text_lines	 lines;
	size_t			 w = core_text_width(args, strlen(args)), i;

	fprintf(fp, "  %-10s %s", name, args);
	if (w > MAIN_ARGS_COLS) {
		fputc('\n', fp);
		main_spaces(fp, MAIN_HELP_AT);
	} else
		main_spaces(fp, MAIN_ARGS_COLS - w + 1);
	memset(&lines, 0, sizeof lines);
	if (core_text_wrap(help, strlen(help), MAIN_HELP_COLS - 1 - MAIN_HELP_AT,
	    0, &lines) != CORE_OK) {
		fprintf(fp, "%s\n", help);
		core_text_lines_free(&lines);
		return;
	}
	for (i = 0; i < lines.n; i++) {
		if (i > 0)
			main_spaces(fp, MAIN_HELP_AT);
		fprintf(fp, "%.*s\n", (int)lines.v[i].len, help + lines.v[i].off);
	}
	core_text_lines_free(&lines);
}

/* A paragraph of --help with the translator's line breaks, each line
 * wrapped again at the columns it takes should it be too wide. */
static void
main_para(FILE *fp, const char *text)
{
	struct core_text_lines	 lines;
	size_t			 i;

	memset(&lines, 0, sizeof lines);
	if (core_text_wrap(text, strlen(text), MAIN_HELP_COLS - 1, 0, &lines) !=
	    CORE_OK) {
		fputs(text, fp);
		core_text_lines_free(&lines);
		return;
	}
	/* A text ending in LF ends with an empty line, not printed. */
	for (i = 0; i < lines.n; i++)
		if (i + 1 < lines.n || lines.v[i].len > 0)
			fprintf(fp, "%.*s\n", (int)lines.v[i].len,
			    text + lines.v[i].off);
	core_text_lines_free(&lines);
}

static void
main_usage(FILE *fp)
{
	const struct cli_cmd	*c;

	fprintf(fp, _("Usage: %s [OPTION]... [COMMAND [ARG]...]\n"), PACKAGE);
	main_para(fp, _("Inspect an automated decision made about you, check offline that its\n"
	    "explanation and provenance label are authentic, and contest it.\n"));
	fputs(_("\nWith no command, the full-screen interface opens.\n"), fp);
	fputs(_("\nOptions:\n"), fp);
	fputs(_("  -L, --lang=LANG          use language LANG (cy, de, en, es, fr, ja, pl)\n"), fp);
	fputs(_("  -c, --config=FILE        read configuration from FILE\n"), fp);
	fputs(_("  -s, --screen-reader      screen-reader mode: visible cursor, no decoration\n"), fp);
	fputs(_("  -p, --plain              line-oriented interface for any terminal or braille\n"), fp);
	fputs(_("  -k, --kiosk              public-terminal mode (see recourse(1), KIOSK)\n"), fp);
	fputs(_("      --kiosk-config=FILE  the kiosk's configuration (owned by root)\n"), fp);
	fputs(_("      --allow-http-loopback  allow plain HTTP to services on this machine\n"), fp);
	fputs(_("  -h, --help               show this help and exit\n"), fp);
	fputs(_("  -V, --version            show the version and exit\n"), fp);
	if (cli_commands[0].name != NULL)
		fputs(_("\nCommands:\n"), fp);
	for (c = cli_commands; c->name != NULL; c++)
		main_command_line(fp, c->name, _(c->args), _(c->help));
	main_para(fp, _("\nExit status: 0 done (verify: valid and trusted), 1 valid but untrusted,\n"
	    "2 a check failed, 3 unreadable input, 4 network error, 5 refused by the\n"
	    "service, 6 local store error, 64 usage error, 70 internal error.\n"));
	fputs(_("\nSee recourse(1) for the whole manual.\n"), fp);
}

void
cli_warnx(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", PACKAGE);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Apply --lang before any message is translated. */
static void
main_set_language(const char *lang)
{
	if (lang == NULL || *lang == '\0')
		return;
	/* LANGUAGE takes precedence over LC_MESSAGES in GNU gettext, but is
	 * ignored in the C locale, so make sure some UTF-8 locale is active. */
	setenv("LANGUAGE", lang, 1);
	if (strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0 ||
	    strcmp(setlocale(LC_MESSAGES, NULL), "POSIX") == 0)
		setlocale(LC_ALL, "C.UTF-8");
}

/* env set: 1 or 0 into *mode (0 and empty: off); unset: unchanged. */
static void
main_env_mode(const char *name, int *mode)
{
	const char	*env = getenv(name);

	if (env != NULL)
		*mode = *env != '\0' && strcmp(env, "0") != 0;
}

/* The modes of the interface, from the weakest to the strongest word:
 * screen-reader and plain in recourse.conf, then RECOURSE_SCREEN_READER
 * and RECOURSE_PLAIN, then the options (sr, plain: given).  The
 * configuration read into cf is handed on to the session in o->cfg.  -1
 * when it cannot be read (a message has been printed). */
static int
main_modes(struct cli_opts *o, struct cli_config *cf, int sr, int plain)
{
	int	rc = 0;

	if (!o->kiosk) {
		if (cli_config_load(cf, o->config) != 0 ||
		    cli_config_bool(cf, "screen-reader", 0, &o->screen_reader) != 0 ||
		    cli_config_bool(cf, "plain", 0, &o->plain) != 0) {
			cli_config_free(cf);
			rc = -1;
		} else
			o->cfg = cf;
	}
	main_env_mode("RECOURSE_SCREEN_READER", &o->screen_reader);
	if (!o->kiosk)
		main_env_mode("RECOURSE_PLAIN", &o->plain);
	if (sr)
		o->screen_reader = 1;
	if (plain)
		o->plain = 1;
	return rc;
}

#ifdef RECOURSE_ALLOCFAIL
/* At exit, say whether the injected failure happened, for the test: a run
 * whose failure was not reached is past the last allocation. */
static void
main_fail_alloc_report(void)
{
	if (!core_alloc_failed())
		fprintf(stderr, "recourse: RECOURSE_FAIL_ALLOC: not reached "
		    "(%lu allocations)\n", core_alloc_fail_at(0));
	else
		fprintf(stderr, "recourse: RECOURSE_FAIL_ALLOC: %s\n",
		    core_alloc_failed_in_openssl() ? "failed in OpenSSL" :
		    "failed");
}

/* Debug and sanitizer builds: RECOURSE_FAIL_ALLOC=N makes the N-th allocation
 * through core/alloc.h (core's, jansson's and OpenSSL's) fail, so that a test
 * can show each failure ends in an out-of-memory message, not a crash.  The
 * count starts after OpenSSL's one-time set-up (core_alloc_warm_libraries). */
static void
main_fail_alloc(void)
{
	const char		*env = getenv("RECOURSE_FAIL_ALLOC");
	char			*end;
	unsigned long		 n;

	if (env == NULL || *env < '1' || *env > '9')
		return;
	n = strtoul(env, &end, 10);
	if (*end != '\0')
		return;
	core_alloc_hook_libraries();
	core_alloc_warm_libraries();
	core_alloc_fail_at(n);
	atexit(main_fail_alloc_report);
}
#else
#define main_fail_alloc()	((void)0)
#endif

int
main(int argc, char **argv)
{
	enum { OPT_HTTP_LOOPBACK = 256, OPT_KIOSK_CONFIG };
	static const struct option longopts[] = {
		{ "lang", required_argument, NULL, 'L' },
		{ "config", required_argument, NULL, 'c' },
		{ "screen-reader", no_argument, NULL, 's' },
		{ "plain", no_argument, NULL, 'p' },
		{ "kiosk", no_argument, NULL, 'k' },
		{ "kiosk-config", required_argument, NULL, OPT_KIOSK_CONFIG },
		{ "allow-http-loopback", no_argument, NULL, OPT_HTTP_LOOPBACK },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_opts		 opts;
	struct cli_config	 cf;
	const struct cli_cmd	*c;
	const char		*env;
	int			 ch, opt_sr = 0, opt_plain = 0;

	main_fail_alloc();
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	env = getenv("RECOURSE_LOCALEDIR");	/* uninstalled runs (tests) */
	bindtextdomain(PACKAGE, env != NULL && *env != '\0' ? env : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
	memset(&opts, 0, sizeof opts);

	/* "+": options stop at the command; the command parses its own. */
	while ((ch = getopt_long(argc, argv, "+L:c:spkhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'L':
			opts.lang = optarg;
			main_set_language(optarg);
			break;
		case 'c':
			opts.config = optarg;
			break;
		case 's':
			opt_sr = 1;
			break;
		case 'p':
			opt_plain = 1;
			break;
		case 'k':
			opts.kiosk = 1;
			break;
		case OPT_KIOSK_CONFIG:
			opts.kiosk_config = optarg;
			break;
		case OPT_HTTP_LOOPBACK:
			opts.allow_http_loopback = 1;
			break;
		case 'h':
			main_usage(stdout);
			return CLI_EXIT_OK;
		case 'V':
			printf("%s %s\n", PACKAGE, VERSION);
			return CLI_EXIT_OK;
		default:
			main_usage(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	/* The configuration is read here only for the interactive start:
	 * commands read it themselves, and some need none. */
	if (argc == 0 && main_modes(&opts, &cf, opt_sr, opt_plain) != 0)
		return CLI_EXIT_USAGE;
	if (argc > 0) {
		main_env_mode("RECOURSE_SCREEN_READER", &opts.screen_reader);
		opts.screen_reader |= opt_sr;
		opts.plain = opt_plain;
	}

	/* A kiosk is the full-screen interface on the administrator's
	 * settings, and nothing else (recourse(1), KIOSK). */
	if (opts.kiosk && (opts.config != NULL || opts.plain || argc > 0)) {
		cli_warnx("%s", _("--kiosk runs the full-screen interface alone: "
		    "it cannot be used with --config, --plain or a command"));
		return CLI_EXIT_USAGE;
	}
	if (opts.kiosk)
		return cli_cmd_tui(&opts);

	if (argc == 0) {
		/* Plain mode where full-screen drawing cannot work or is not
		 * wanted: asked for, no terminal type, a dumb terminal, or
		 * output that is not a terminal (a pipe, a braille driver). */
		env = getenv("TERM");
		if (opts.plain || env == NULL || *env == '\0' ||
		    strcmp(env, "dumb") == 0 || !isatty(STDOUT_FILENO))
			return cli_plain_run(&opts);
		return cli_cmd_tui(&opts);
	}
	for (c = cli_commands; c->name != NULL; c++) {
		if (strcmp(c->name, argv[0]) == 0) {
			optind = 1;
			return c->run(&opts, argc, argv);
		}
	}
	cli_warnx(_("unknown command '%s' (see --help)"), argv[0]);
	return CLI_EXIT_USAGE;
}
