/*
 * loop.c: the terminal, the frame and the one poll() loop.
 *
 * The loop serves the keyboard, the HTTP client's sockets and timers, the
 * debounced draft save and the lazy reading of case summaries; nothing in
 * it waits on the network.  A frame draws into curses' screen and ends with
 * wnoutrefresh() and doupdate(), so only what changed reaches the terminal:
 * navigation never clears the screen.  The last thing a frame does is put
 * the hardware cursor on the focused item.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>
#include <langinfo.h>

#include "core/alloc.h"
#include "core/intl.h"
#include "core/safetext.h"
#include "net/client.h"
#include "net/flow.h"
#include "tui/kiosk.h"
#include "tui/tui-int.h"

#define LOOP_MAX_FDS		64
#define LOOP_SUMMARY_BATCH	40

static volatile sig_atomic_t	loop_stop;

/* SIGTERM, SIGHUP: leave after saving the draft. */
static void
loop_on_signal(int sig)
{
	loop_stop = 1;
}

/* Milliseconds on the monotonic clock. */
long long
tui_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Copy s into out (outsz bytes) made safe, removed characters shown as
 * visible escapes and cut on a character boundary. */
static void
loop_safe(char *out, size_t outsz, const char *s)
{
	char	*safe = NULL;
	size_t	 n, i;

	if (core_safetext(s, CORE_SAFETEXT_ESCAPE, 65536, &safe) != CORE_OK) {
		snprintf(out, outsz, "%s", "?");
		return;
	}
	n = strlen(safe);
	if (n >= outsz) {
		n = outsz - 1;
		for (i = n; i > 0 && ((unsigned char)safe[i] & 0xc0) == 0x80; i--)
			;
		n = i;
	}
	memcpy(out, safe, n);
	out[n] = '\0';
	core_free(safe);
}

/* Announce something in the status line; the arguments may come from a
 * service, so the whole line is made safe. */
void
tui_say(struct tui *t, enum tui_role r, const char *fmt, ...)
{
	char	buf[sizeof t->status];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	loop_safe(t->status, sizeof t->status, buf);
	t->status_role = r;
}

/* Show a screen. */
void
tui_show(struct tui *t, enum tui_screen s)
{
	if (t->screen != s)
		t->relayout = 1;
	t->screen = s;
	if (s == TUI_S_HELP)
		tui_pane_stale(&t->panes[TUI_P_HELP]);
}

/* The title line. */
static void
loop_title(struct tui *t)
{
	char		 buf[512], safe[512];
	const char	*what = "";

	switch (t->screen) {
	case TUI_S_HELP: what = _("Help"); break;
	case TUI_S_OPEN: what = _("Open a decision"); break;
	case TUI_S_CONTEST: what = _("Contest"); break;
	case TUI_S_REVIEW: what = _("Review what will be sent"); break;
	case TUI_S_RECEIPT: what = _("Receipt"); break;
	default: break;
	}
	snprintf(buf, sizeof buf, " recourse%s%s%s%s", t->cur.have ? ": " : "",
	    t->cur.have ? t->cur.c.reference : "", *what != '\0' ? " - " : "", what);
	loop_safe(safe, sizeof safe, buf);
	tui_put(0, 0, t->cols, safe, strlen(safe), TUI_R_TITLE, 1);
}

/* The strip of pane names when only some panes show. */
static void
loop_tabs(struct tui *t, const struct tui_layout *l)
{
	char	buf[512];
	size_t	len = 0;
	int	i, x = l->tab_x;

	for (i = x > 0 ? TUI_P_DECISION : 0; i < TUI_P_MAIN; i++) {
		const char *name = _(t->panes[i].ops->title);
		int shown = x > 0 ? i == (int)t->detail : i == (int)t->focus;

		len += (size_t)snprintf(buf + len, len < sizeof buf ? sizeof buf - len : 0,
		    shown ? "[%s] " : " %s  ", name);
		if (len >= sizeof buf)
			len = sizeof buf - 1;
	}
	tui_put(l->tab_row, x, t->cols - x, buf, len, TUI_R_DIM, 1);
}

/* Draw a frame and put the cursor on the focused item. */
static void
loop_frame(struct tui *t)
{
	struct tui_layout	 l;
	struct tui_rect		 body;
	struct tui_pane		*fp = NULL;
	int			 rows, cols, i, cy, cx, cursor = t->env->screen_reader;
	enum tui_pane_id	 id;

	if (t->kiosk != NULL && tui_kiosk_frame(t))
		return;		/* the kiosk's start screen */
	getmaxyx(stdscr, rows, cols);
	if (rows != t->rows || cols != t->cols || t->relayout) {
		t->rows = rows;
		t->cols = cols;
		t->relayout = 0;
		erase();
	}
	loop_title(t);
	tui_layout(t, &l);
	body = l.body;
	if (t->screen == TUI_S_MAIN) {
		if (l.tab_row >= 0)
			loop_tabs(t, &l);
		for (i = 0; i < TUI_P_MAIN; i++) {
			if (!l.shown[i])
				continue;
			if (memcmp(&t->panes[i].rect, &l.pane[i], sizeof l.pane[i]) != 0)
				t->panes[i].ops->resize(t, &t->panes[i], &l.pane[i]);
			t->panes[i].ops->draw(t, &t->panes[i], &l.pane[i], i == (int)t->focus);
		}
		fp = &t->panes[t->focus];
	} else {
		id = t->screen == TUI_S_HELP ? TUI_P_HELP :
		    t->screen == TUI_S_OPEN ? TUI_P_OPEN :
		    t->screen == TUI_S_CONTEST ? TUI_P_CONTEST :
		    t->screen == TUI_S_REVIEW ? TUI_P_REVIEW : TUI_P_RECEIPT;
		fp = &t->panes[id];
		if (fp->ops->resize != NULL &&
		    memcmp(&fp->rect, &body, sizeof body) != 0)
			fp->ops->resize(t, fp, &body);
		fp->ops->draw(t, fp, &body, 1);
		if (id == TUI_P_OPEN || id == TUI_P_CONTEST) {
			struct tui_form *f = id == TUI_P_OPEN ? &t->open : &t->contest;

			if (f->n > 0 && (f->v[f->focus].kind == TUI_F_FIELD ||
			    f->v[f->focus].kind == TUI_F_AREA))
				cursor = 1;
		}
	}
	cy = fp->cy;
	cx = fp->cx;
	if (t->lang_menu)
		tui_lang_draw(t, &cy, &cx);	/* over the panes (tui/lang.c) */
	if (t->searching) {
		char	 line[300];
		int	 n = snprintf(line, sizeof line, "%s ", _("Search:"));
		int	 w;

		tui_put(rows - 2, 0, cols, line, (size_t)n, TUI_R_STATUS, 1);
		w = tui_put(rows - 2, n, cols - n, t->search.s != NULL ? t->search.s : "",
		    t->search.len, TUI_R_INPUT, 0);
		cy = rows - 2;
		cx = n + (w < cols - n ? w : cols - n - 1);
		cursor = 1;
	} else if (t->progress[0] != '\0') {
		char	 line[sizeof t->progress + 200];

		tui_net_progress_text(t, line, sizeof line);
		tui_put(rows - 2, 0, cols, line, strlen(line), TUI_R_STATUS, 1);
	}
	else
		tui_put(rows - 2, 0, cols, t->status, strlen(t->status),
		    t->status_role, 1);
	tui_keybar(t, rows - 1);
	curs_set(cursor ? 1 : 0);
	if (cy < 0)
		cy = 0;
	if (cy >= rows)
		cy = rows - 1;
	if (cx >= cols)
		cx = cols - 1;
	move(cy, cx < 0 ? 0 : cx);
	wnoutrefresh(stdscr);
	doupdate();
}

/* Read every key waiting. */
static void
loop_keys(struct tui *t)
{
	wint_t	ch;
	int	rc;

	while ((rc = get_wch(&ch)) != ERR) {
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			t->relayout = 1;
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_MOUSE) {
			tui_mouse_event(t);
			continue;
		}
		/* Kiosk mode sees every key first (tui/kiosk.c). */
		if (t->kiosk != NULL && tui_kiosk_key(t, rc == KEY_CODE_YES ?
		    TUI_KEY((int)ch) : (int)ch)) {
			if (t->quit)
				break;
			continue;
		}
		if (rc == KEY_CODE_YES) {
			tui_key(t, TUI_KEY((int)ch));
		} else if (ch == TUI_CTRL('c'))
			t->quit = 1;
		else
			tui_key(t, (int)ch);
		if (t->quit)
			break;
	}
}

/* Set the panes up. */
static void
loop_panes(struct tui *t)
{
	static const struct tui_pane_ops *const ops[TUI_P_COUNT] = {
		[TUI_P_CASES] = &tui_pane_cases_ops,
		[TUI_P_DECISION] = &tui_pane_decision_ops,
		[TUI_P_LABEL] = &tui_pane_label_ops,
		[TUI_P_VERIFY] = &tui_pane_verify_ops,
		[TUI_P_HELP] = &tui_pane_help_ops,
		[TUI_P_CONTEST] = &tui_pane_contest_ops,
		[TUI_P_REVIEW] = &tui_pane_review_ops,
		[TUI_P_RECEIPT] = &tui_pane_receipt_ops,
		[TUI_P_OPEN] = &tui_pane_open_ops,
	};
	int	i;

	for (i = 0; i < TUI_P_COUNT; i++) {
		t->panes[i].ops = ops[i];
		t->panes[i].stale = 1;
		tui_doc_init(&t->panes[i].doc, 1);
	}
}

/* One turn's wait, in milliseconds. */
static int
loop_timeout(struct tui *t)
{
	long long	now, ms = -1;
	int		nt = net_client_timeout(t->env->ctx->client);

	if (t->summarised < t->ncases)
		return 0;
	if (nt >= 0)
		ms = nt;
	if (t->draft_due > 0) {
		now = tui_now_ms();
		if (ms < 0 || t->draft_due - now < ms)
			ms = t->draft_due > now ? t->draft_due - now : 0;
	}
	if (t->kiosk != NULL)
		ms = tui_kiosk_timeout(t, (int)(ms > 60000 ? 60000 : ms));
	return ms > 60000 ? 60000 : (int)ms;
}

/* Run the interface. */
int
tui_run(const struct tui_env *env)
{
	struct pollfd		 fds[LOOP_MAX_FDS];
	struct sigaction	 sa;
	struct tui		*t;
	size_t			 n;
	int			 i, rc;
	const char		*cs;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s: %s\n", PACKAGE, _("the full-screen interface needs "
		    "a terminal; use --plain or a command (see --help)"));
		return 70;
	}
	if ((t = calloc(1, sizeof *t)) == NULL)
		return 70;
	t->env = env;
	cs = nl_langinfo(CODESET);
	t->utf8 = cs != NULL && strcmp(cs, "UTF-8") == 0;
	tui_ed_init(&t->search, 1, 100, 400);
	net_case_init(&t->cur.c);
	core_buf_init(&t->body, 512 * 1024);
	loop_panes(t);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = loop_on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (newterm(NULL, stdout, stdin) == NULL) {
		fprintf(stderr, "%s: %s\n", PACKAGE, _("this terminal cannot be used "
		    "(is TERM set?)"));
		free(t);
		return 70;
	}
	set_escdelay(25);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* Shift-Tab as most terminals send it, also where the terminal
	 * description says otherwise (TERM=linux in Fenrir's terminal). */
	define_key("\033[Z", KEY_BTAB);
	nodelay(stdscr, TRUE);
	leaveok(stdscr, FALSE);
	tui_mouse_begin(t);
	tui_theme_init(t, env->theme);
	t->focus = TUI_P_CASES;
	t->detail = TUI_P_DECISION;
	tui_model_load_cases(t);
	tui_model_summarise(t, LOOP_SUMMARY_BATCH);
	if (t->ncases > 0)
		tui_say(t, TUI_R_STATUS, P_("%zu case kept. Enter opens it; ? shows the keys.",
		    "%zu cases kept. Enter opens the one selected; ? shows the keys.",
		    (unsigned long)t->ncases), t->ncases);
	else
		tui_say(t, TUI_R_STATUS, "%s", _("Press o to open a decision from its "
		    "letter; ? shows the keys."));
	t->relayout = 1;
	if (env->kiosk)
		tui_kiosk_begin(t);
	while (!t->quit && !loop_stop) {
		loop_frame(t);
		fds[0].fd = STDIN_FILENO;
		fds[0].events = POLLIN;
		fds[0].revents = 0;
		n = net_client_fds(t->env->ctx->client, fds + 1, LOOP_MAX_FDS - 1);
		if (n > LOOP_MAX_FDS - 1)
			n = LOOP_MAX_FDS - 1;
		rc = poll(fds, n + 1, loop_timeout(t));
		if (rc < 0 && errno != EINTR)
			break;
		loop_keys(t);
		if (rc < 0)
			for (i = 0; i < (int)n + 1; i++)
				fds[i].revents = 0;
		net_client_perform(t->env->ctx->client, fds + 1, n);
		if (t->draft_due > 0 && tui_now_ms() >= t->draft_due)
			tui_contest_draft_save(t);
		if (t->summarised < t->ncases)
			tui_model_summarise(t, LOOP_SUMMARY_BATCH);
		if (t->kiosk != NULL)
			tui_kiosk_tick(t);
	}
	if (t->draft_dirty)
		tui_contest_draft_save(t);
	if (t->kiosk != NULL)
		tui_kiosk_wipe(t);
	endwin();
	if (t->kiosk != NULL)
		tui_kiosk_clear_terminal();
	tui_net_free(t);
	for (i = 0; i < TUI_P_COUNT; i++)
		if (t->panes[i].ops->free != NULL)
			t->panes[i].ops->free(t, &t->panes[i]);
	tui_form_free(&t->contest);
	tui_form_free(&t->open);
	tui_ed_free(&t->search);
	tui_model_close(t);
	tui_model_free_cases(t);
	core_buf_free(&t->body);
	free(t->receipt_text);
	rc = t->kiosk != NULL ? tui_kiosk_end(t, loop_stop) : 0;
	free(t);
	return rc;
}
