/*
 * tui.h: the full-screen interface, as the command line starts it.
 *
 * The caller (cli/cmd_tui.c) reads the configuration, opens the store, the
 * HTTP client and the trust store, and hands them over in a struct tui_env;
 * the interface owns the terminal until tui_run() returns.  Everything it
 * shows comes from the store and from flows on the client (net/flow.h); the
 * keyboard, the client's sockets and the interface's timers are served by
 * one poll() loop, so the interface never waits on the network.
 *
 * screen_reader turns off box drawing and decorative glyphs and shows the
 * hardware cursor, which always sits on the focused item.  kiosk restricts
 * the keys (see tui/keys.c, the "kiosk" column of the binding table).
 */
#ifndef RECOURSE_TUI_H
#define RECOURSE_TUI_H

#include <stddef.h>

struct net_ctx;

struct tui_env {
	struct net_ctx		*ctx;		/* client, store, trust; alive throughout */
	const char *const	*langs;		/* preferred languages, most wanted first */
	size_t			 nlangs;
	int			 screen_reader;
	int			 kiosk;
	int			 remember_code;	/* keep access codes in cases */
	const char		*service;	/* service URL offered by Open, or NULL */
	const char		*theme;		/* "default", "high-contrast", "mono", or NULL */
	int			 mouse;		/* ask for the mouse (tui/mouse.c); never in a kiosk */
	/* Kiosk mode (tui/kiosk.h), set by the administrator's kiosk.conf. */
	int			 idle_timeout;	/* seconds; 0: the default */
	const char *const	*origins;	/* services the accepted registries list */
	size_t			 norigins;
	/* 1 when password is the administrator's; NULL: no exit by key. */
	int			(*admin_check)(const char *password, void *arg);
	void			*admin_arg;
	const char		*print_command;	/* absolute path, or NULL */
};

/* What tui_run returns in kiosk mode when the administrator asked to leave
 * (the next person's session is not started). */
#define TUI_KIOSK_LEAVE	3

/* Run the interface; returns 0, TUI_KIOSK_LEAVE, or 70 when the terminal
 * could not be used. */
int	tui_run(const struct tui_env *env);

/* The interface's words around figures and deadlines, for the commands
 * too: "£23,400 a year", "19 January 2027, in 61 days" (loc from
 * core_fmt_locale). */
struct core_fmt_locale;
void	tui_fmt_quantity_at(const struct core_fmt_locale *loc, double v,
	    const char *unit, unsigned flags, char *out, size_t outsz);
void	tui_fmt_deadline_at(const struct core_fmt_locale *loc, const char *iso,
	    char *out, size_t outsz);

#endif
