/*
 * kiosk.h: kiosk mode of the full-screen interface, for public terminals.
 *
 * The command line (cli/kiosk.c) runs one interface per person, each in a
 * process of its own with a fresh private store; the interface starts on
 * the kiosk's start screen (language, "open a decision"), keeps the person
 * inside recourse (no suspend, no Ctrl-C or Ctrl-\ exit, no shell escape,
 * no function keys, no service that no accepted registry lists), counts
 * down the last 30 seconds of an idle session aloud in the status line and
 * then, or when the person finishes, wipes what it can reach and returns.
 *
 * loop.c calls the hooks below only when env->kiosk is set.
 */
#ifndef RECOURSE_TUI_KIOSK_H
#define RECOURSE_TUI_KIOSK_H

#include <stddef.h>

struct tui;

#define TUI_KIOSK_IDLE_DEFAULT	180	/* seconds */
#define TUI_KIOSK_COUNTDOWN	30	/* seconds shown before the wipe */

/* After the terminal is set up: the start screen, and the keys that would
 * leave or stop the program made harmless. */
void	tui_kiosk_begin(struct tui *t);
/* A key, before anything else sees it; 1 when the kiosk took it. */
int	tui_kiosk_key(struct tui *t, int key);
/* The languages the administrator configured, as the start screen lists
 * them, at most max; 0 when none was. */
size_t	tui_kiosk_langs(struct tui *t, const char **tags, size_t max);
/* The wait of one turn of the loop, shortened for the idle clock. */
int	tui_kiosk_timeout(struct tui *t, int ms);
/* After each turn: the countdown and the wipe when the time is up. */
void	tui_kiosk_tick(struct tui *t);
/* Draw the start screen when it is up; 1 when it was drawn. */
int	tui_kiosk_frame(struct tui *t);
/* Is svc (what the person typed as the service's address) the origin of a
 * service an accepted registry lists?  Says why not in the status line. */
int	tui_kiosk_service_ok(struct tui *t, const char *svc);
/* Zero the buffers of the session that hold what the person typed or was
 * shown (before they are freed). */
void	tui_kiosk_wipe(struct tui *t);
/* After endwin(): the screen and the scrollback cleared. */
void	tui_kiosk_clear_terminal(void);
/* The end of the session: TUI_KIOSK_LEAVE when the administrator asked to
 * leave (stopped is set when a signal stopped the loop), else 0. */
int	tui_kiosk_end(struct tui *t, int stopped);

#endif
