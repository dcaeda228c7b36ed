/*
 * cli.h: shared state of the command-line front end.
 *
 * Exit codes are the same for every command and documented in recourse(1),
 * EXIT STATUS.  verify uses 0..3 to tell valid-and-trusted, valid-but-untrusted,
 * invalid and unreadable apart.
 */
#ifndef RECOURSE_CLI_H
#define RECOURSE_CLI_H

#include <stdio.h>

enum cli_exit {
	CLI_EXIT_OK = 0,		/* done; verify: valid and trusted */
	CLI_EXIT_UNTRUSTED = 1,		/* verify: valid but the signer is not trusted */
	CLI_EXIT_INVALID = 2,		/* a check failed */
	CLI_EXIT_UNREADABLE = 3,	/* input could not be read or parsed */
	CLI_EXIT_NETWORK = 4,		/* the service could not be reached */
	CLI_EXIT_REFUSED = 5,		/* the service refused the request */
	CLI_EXIT_STORE = 6,		/* the local store could not be used */
	CLI_EXIT_USAGE = 64,		/* wrong options or arguments */
	CLI_EXIT_SOFTWARE = 70		/* out of memory or internal error */
};

struct cli_config;

struct cli_opts {
	const char	*lang;		/* --lang, or NULL for the locale */
	const char	*config;	/* --config FILE */
	struct cli_config *cfg;		/* read already: the session takes it */
	int		 screen_reader;	/* --screen-reader, RECOURSE_SCREEN_READER */
	int		 plain;		/* --plain */
	int		 kiosk;		/* --kiosk */
	const char	*kiosk_config;	/* --kiosk-config FILE */
	const char	*kiosk_tmp;	/* kiosk: the folder of session stores */
	int		 allow_http_loopback; /* --allow-http-loopback */
	int		 json;		/* --json where a command supports it */
};

struct cli_cmd {
	const char	*name;
	int		(*run)(struct cli_opts *, int, char **);
	const char	*args;		/* synopsis of its arguments, N_() */
	const char	*help;		/* one line, N_() */
};

extern const struct cli_cmd cli_commands[];

/* Print "recourse: " and a translated message to stderr. */
void	cli_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Read a size in bytes, or with a K or M after it (cli/optsize.c); -1 when
 * the text is not one. */
int	cli_parse_size(const char *text, size_t *out);

/* Commands, one per cli/cmd_<name>.c, listed in commands.c. */
int	cli_cmd_canon(struct cli_opts *, int, char **);
int	cli_cmd_verify(struct cli_opts *, int, char **);
int	cli_cmd_open(struct cli_opts *, int, char **);
int	cli_cmd_fetch(struct cli_opts *, int, char **);
int	cli_cmd_contest(struct cli_opts *, int, char **);
int	cli_cmd_status(struct cli_opts *, int, char **);
int	cli_cmd_list(struct cli_opts *, int, char **);
int	cli_cmd_inspect(struct cli_opts *, int, char **);
int	cli_cmd_watermark(struct cli_opts *, int, char **);
int	cli_cmd_show(struct cli_opts *, int, char **);
/* session.c: the registry folders, SYSCONFDIR/recourse/registries/ then
 * $XDG_CONFIG_HOME/recourse/registries/; n of them into dirs (to free). */
size_t	cli_registry_dirs(char *dirs[2]);
/* The paths of the files of dir ending in suffix, sorted, into names (n of
 * them, at most max, to free). */
size_t	cli_registry_files(const char *dir, const char *suffix, char **names,
	    size_t max);
/* caseprint.c: the label checks of in's record added to v: the scorecard
 * computed again, the record's counterfactuals and the label's rules. */
struct core_label_input;
struct core_verdict;
void	cli_label_verdict(const struct core_label_input *in,
	    struct core_verdict *v);
/* cmd_tui.c: no command: the full-screen interface. */
int	cli_cmd_tui(struct cli_opts *);
/* The interface's settings that come from the open session s (its
 * languages put in langs, CLI_MAX_LANGS of them); the others cleared. */
struct cli_session;
struct tui_env;
void	cli_tui_env(struct tui_env *env, struct cli_session *s,
	    const char **langs);

#endif
