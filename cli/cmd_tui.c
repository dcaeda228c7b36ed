/*
 * cmd_tui.c: recourse with no command: the full-screen interface, on the
 * same configuration, store, client and trust store as the commands.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/kiosk.h"
#include "cli/session.h"
#include "tui/tui.h"

void
cli_tui_env(struct tui_env *env, struct cli_session *s, const char **langs)
{
	const struct cli_config_item	*it;
	size_t				 i;

	memset(env, 0, sizeof *env);
	for (i = 0; i < s->nlangs && i < CLI_MAX_LANGS; i++)
		langs[i] = s->langs[i];
	env->ctx = &s->ctx;
	env->langs = langs;
	env->nlangs = i;
	env->screen_reader = s->opts->screen_reader;
	env->kiosk = s->opts->kiosk;
	env->remember_code = s->remember_code;
	it = cli_config_get(&s->cfg, "service");
	env->service = it != NULL ? it->value : NULL;
}

int
cli_cmd_tui(struct cli_opts *opts)
{
	struct cli_session	 s;
	struct tui_env		 env;
	const char		*langs[CLI_MAX_LANGS];
	int			 ex;

	if (opts->kiosk)
		return cli_kiosk_run(opts);	/* a session per person */
	if ((ex = cli_session_open(&s, opts, 1)) != CLI_EXIT_OK)
		return ex;
	cli_tui_env(&env, &s, langs);
	env.theme = getenv("RECOURSE_THEME");
	if (cli_config_bool(&s.cfg, "mouse", 1, &env.mouse) != 0) {
		cli_session_close(&s);
		return CLI_EXIT_USAGE;
	}
	ex = tui_run(&env) == 0 ? CLI_EXIT_OK : CLI_EXIT_SOFTWARE;
	cli_session_close(&s);
	return ex;
}
