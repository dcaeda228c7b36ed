/*
 * kiosk.c: kiosk mode of the interface (see kiosk.h and recourse(1), KIOSK).
 *
 * The start screen offers the configured languages and "open a decision";
 * every key passes the kiosk's filter first, which refuses what would leave
 * recourse or change its set-up and keeps the idle clock.  When the person
 * has typed nothing for the idle time less 30 seconds (less a third, when
 * the idle time is under 90 seconds), the status line counts down aloud (a bell, and the words where a screen reader reads
 * them); any key then gives the full time again.  At zero, or when the
 * person finishes with q, the session ends: the buffers this interface can
 * reach are zeroed here, the process that held them exits, and the caller
 * removes the session's private store.
 */
#include "config.h"

#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curses.h>
#include <jansson.h>
#include <locale.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/intl.h"
#include "core/json.h"
#include "core/safetext.h"
#include "tui/kiosk.h"
#include "tui/qr.h"
#include "tui/tui-int.h"

#define KIOSK_PW_MAX	128

enum kiosk_phase {
	KIOSK_START = 0,	/* the start screen */
	KIOSK_ADMIN,		/* the administrator's password is asked for */
	KIOSK_SESSION		/* the person's session */
};

struct tui_kiosk {
	enum kiosk_phase	 phase;
	size_t			 lang;		/* chosen on the start screen */
	const char		*langs[8];
	size_t			 nlangs;
	long long		 idle_ms;
	long long		 count_ms;	/* the countdown's length */
	long long		 last;		/* last key, ms */
	int			 counting;	/* the countdown is shown */
	long			 shown;		/* seconds last announced */
	int			 leave;		/* the administrator asked to leave */
	char			 pw[KIOSK_PW_MAX];
	size_t			 pwlen;
	int			 qr;		/* the receipt to take away is shown */
};

static void	kiosk_print(struct tui *);
static void	kiosk_qr_frame(struct tui *);

/* Messages from now on in the language chosen, and its texts first
 * (tui/lang.c, as the g key does in the session). */
static void
kiosk_set_lang(struct tui *t)
{
	struct tui_kiosk	*k = t->kiosk;

	if (k->nlangs == 0)
		return;
	tui_lang_set(t, k->langs[k->lang]);
}

void
tui_kiosk_begin(struct tui *t)
{
	struct sigaction	 sa;
	struct tui_kiosk	*k;
	size_t			 i;

	if ((k = calloc(1, sizeof *k)) == NULL)
		abort();
	t->kiosk = k;
	/* raw() already makes these keys; a signal sent from elsewhere on the
	 * terminal (or before raw mode) is ignored too. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGTTIN, &sa, NULL);
	sigaction(SIGTTOU, &sa, NULL);
	for (i = 0; i < t->env->nlangs && i < 8; i++)
		k->langs[k->nlangs++] = t->env->langs[i];
	k->idle_ms = (long long)(t->env->idle_timeout > 0 ? t->env->idle_timeout :
	    TUI_KIOSK_IDLE_DEFAULT) * 1000;
	/* The last 30 seconds; the last third of a shorter time. */
	k->count_ms = k->idle_ms / 3 < TUI_KIOSK_COUNTDOWN * 1000LL ?
	    k->idle_ms / 3 : TUI_KIOSK_COUNTDOWN * 1000LL;
	k->last = tui_now_ms();
	k->phase = KIOSK_START;
	tui_say(t, TUI_R_STATUS, "%s", _("Choose a language, then press Enter to "
	    "open the decision your letter names."));
	t->relayout = 1;
}

/* The person chose "open a decision". */
static void
kiosk_session(struct tui *t)
{
	struct tui_kiosk	*k = t->kiosk;

	kiosk_set_lang(t);
	k->phase = KIOSK_SESSION;
	k->last = tui_now_ms();
	t->relayout = 1;
	tui_open_build(t);
	t->open_code_only = 0;
	tui_show(t, TUI_S_OPEN);
	tui_say(t, TUI_R_STATUS, "%s", _("Type what your letter gives. When you "
	    "finish, press q on the main screen: what you typed is wiped."));
}

/* The start screen in the language chosen, at once, said in it. */
static void
kiosk_choose(struct tui *t, size_t lang)
{
	struct tui_kiosk	*k = t->kiosk;

	k->lang = lang;
	kiosk_set_lang(t);
	tui_say(t, TUI_R_STATUS, _("Language: %s."), tui_lang_name(k->langs[lang]));
}

/* Keys of the start screen and of the administrator's prompt. */
static void
kiosk_start_key(struct tui *t, int key)
{
	struct tui_kiosk	*k = t->kiosk;

	if (k->phase == KIOSK_ADMIN) {
		if (key == TUI_ESC) {
			explicit_bzero(k->pw, sizeof k->pw);
			k->pwlen = 0;
			k->phase = KIOSK_START;
		} else if (key == '\r' || key == '\n' || key == TUI_KEY(KEY_ENTER)) {
			k->pw[k->pwlen] = '\0';
			if (t->env->admin_check(k->pw, t->env->admin_arg)) {
				k->leave = 1;
				t->quit = 1;
			} else {
				napms(1500);	/* slows guessing at the keyboard */
				tui_say(t, TUI_R_ERROR, "%s", _("That is not the "
				    "administrator's password."));
			}
			explicit_bzero(k->pw, sizeof k->pw);
			k->pwlen = 0;
			k->phase = KIOSK_START;
		} else if (key == 127 || key == 8 || key == TUI_KEY(KEY_BACKSPACE)) {
			if (k->pwlen > 0)
				k->pw[--k->pwlen] = '\0';
		} else if (key >= 0x20 && key < 0x7f && k->pwlen + 1 < sizeof k->pw)
			k->pw[k->pwlen++] = (char)key;
		t->relayout = 1;
		return;
	}
	switch (key) {
	case TUI_KEY(KEY_UP):
	case TUI_KEY(KEY_LEFT):
		if (k->lang > 0)
			kiosk_choose(t, k->lang - 1);
		break;
	case TUI_KEY(KEY_DOWN):
	case TUI_KEY(KEY_RIGHT):
	case '\t':
		if (k->lang + 1 < k->nlangs)
			kiosk_choose(t, k->lang + 1);
		break;
	case '\r':
	case '\n':
	case TUI_KEY(KEY_ENTER):
	case 'o':
		kiosk_session(t);
		return;
	case TUI_CTRL('x'):
		if (t->env->admin_check != NULL) {
			k->phase = KIOSK_ADMIN;
			k->pwlen = 0;
		}
		break;
	default:
		if (key >= '1' && key <= '9' && (size_t)(key - '1') < k->nlangs)
			kiosk_choose(t, (size_t)(key - '1'));
		break;
	}
	t->relayout = 1;
}

/* Is the focus on a field where any character is text? */
static int
kiosk_typing(struct tui *t)
{
	struct tui_form	*f = t->screen == TUI_S_OPEN ? &t->open :
	    t->screen == TUI_S_CONTEST ? &t->contest : NULL;

	if (t->searching)
		return 1;
	return f != NULL && f->n > 0 && (f->v[f->focus].kind == TUI_F_FIELD ||
	    f->v[f->focus].kind == TUI_F_AREA);
}

int
tui_kiosk_key(struct tui *t, int key)
{
	struct tui_kiosk	*k = t->kiosk;

	k->last = tui_now_ms();
	if (key == TUI_CTRL('c') || key == TUI_CTRL('\\') || key == TUI_CTRL('z')) {
		tui_say(t, TUI_R_WARN, "%s", _("This key does nothing on a public "
		    "terminal. To finish, press q on the main screen: what you "
		    "typed is then wiped."));
		return 1;
	}
	if (key >= TUI_KEY(KEY_F0) && key <= TUI_KEY(KEY_F(63))) {
		tui_say(t, TUI_R_WARN, "%s", _("Function keys are not used on a "
		    "public terminal."));
		return 1;
	}
	if (k->counting) {
		k->counting = 0;
		tui_say(t, TUI_R_STATUS, "%s", _("Your session goes on."));
		return 1;
	}
	if (k->phase != KIOSK_SESSION) {
		kiosk_start_key(t, key);
		return 1;
	}
	if (k->qr) {
		if (key == 'p')
			kiosk_print(t);
		else {
			k->qr = 0;
			t->relayout = 1;
		}
		return 1;
	}
	if (t->screen == TUI_S_RECEIPT && (key == 'g' || key == 'p')) {
		if (key == 'g') {
			k->qr = 1;
			t->relayout = 1;
		} else
			kiosk_print(t);
		return 1;
	}
	if (key == '!' && !kiosk_typing(t)) {
		tui_say(t, TUI_R_WARN, "%s", _("There is no shell on a public "
		    "terminal."));
		return 1;
	}
	if (key == 'q' && t->screen == TUI_S_MAIN && !t->searching) {
		t->quit = 1;	/* Finish: the session is wiped */
		return 1;
	}
	return 0;
}

size_t
tui_kiosk_langs(struct tui *t, const char **tags, size_t max)
{
	struct tui_kiosk	*k = t->kiosk;
	size_t			 i;

	for (i = 0; k != NULL && i < k->nlangs && i < max; i++)
		tags[i] = k->langs[i];
	return i;
}

int
tui_kiosk_timeout(struct tui *t, int ms)
{
	struct tui_kiosk	*k = t->kiosk;
	long long		 left, wake;

	if (k->phase != KIOSK_SESSION)
		return ms;
	left = k->last + k->idle_ms - tui_now_ms();
	if (left <= 0)
		return 0;
	/* Wake at the start of the countdown, then each second of it. */
	if (left > k->count_ms)
		wake = left - k->count_ms;
	else
		wake = left % 1000 == 0 ? 1000 : left % 1000;
	if (ms < 0 || wake < ms)
		ms = (int)wake;
	return ms;
}

void
tui_kiosk_tick(struct tui *t)
{
	struct tui_kiosk	*k = t->kiosk;
	long long		 left;
	long			 secs;

	if (k->phase != KIOSK_SESSION)
		return;
	left = k->last + k->idle_ms - tui_now_ms();
	if (left <= 0) {
		t->quit = 1;
		return;
	}
	if (left > k->count_ms)
		return;
	secs = (long)((left + 999) / 1000);
	if (!k->counting) {
		k->counting = 1;
		beep();
	}
	if (secs != k->shown || t->status_role != TUI_R_WARN) {
		k->shown = secs;
		tui_say(t, TUI_R_WARN, P_("No key pressed for a while: this session "
		    "will be wiped in %ld second. Press any key to go on.",
		    "No key pressed for a while: this session will be wiped in %ld "
		    "seconds. Press any key to go on.", secs), secs);
	}
}

int
tui_kiosk_frame(struct tui *t)
{
	struct tui_kiosk	*k = t->kiosk;
	char			 line[256];
	int			 y, n, cy = 0, cx = 2;
	size_t			 i;

	if (k->phase == KIOSK_SESSION) {
		if (!k->qr || t->screen != TUI_S_RECEIPT)
			return 0;
		kiosk_qr_frame(t);
		return 1;
	}
	if (t->relayout) {
		erase();
		t->relayout = 0;
	}
	getmaxyx(stdscr, t->rows, t->cols);
	n = snprintf(line, sizeof line, " recourse - %s", _("public terminal"));
	tui_put(0, 0, t->cols, line, (size_t)n, TUI_R_TITLE, 1);
	y = 2;
	n = snprintf(line, sizeof line, "%s", _("Look at a decision made about you, "
	    "check it and contest it."));
	tui_put(y++, 2, t->cols - 4, line, (size_t)n, TUI_R_HEADING, 1);
	n = snprintf(line, sizeof line, "%s", _("Nothing you type is kept after "
	    "you finish or leave."));
	tui_put(y++, 2, t->cols - 4, line, (size_t)n, TUI_R_NORMAL, 1);
	y++;
	if (k->nlangs > 1) {
		n = snprintf(line, sizeof line, "%s", _("Language (arrows or number):"));
		tui_put(y++, 2, t->cols - 4, line, (size_t)n, TUI_R_NORMAL, 1);
		for (i = 0; i < k->nlangs; i++, y++) {
			n = snprintf(line, sizeof line, "%s %zu %s", i == k->lang ?
			    "(*)" : "( )", i + 1, tui_lang_name(k->langs[i]));
			tui_put(y, 4, t->cols - 6, line, (size_t)n, i == k->lang ?
			    TUI_R_SELECTED : TUI_R_NORMAL, 1);
			if (i == k->lang) {
				cy = y;
				cx = 5;
			}
		}
		y++;
	}
	n = snprintf(line, sizeof line, "[ %s ]", _("Enter: open a decision"));
	tui_put(y, 2, t->cols - 4, line, (size_t)n, TUI_R_STRONG, 1);
	if (k->nlangs <= 1) {
		cy = y;
		cx = 4;
	}
	y += 2;
	if (k->phase == KIOSK_ADMIN) {
		n = snprintf(line, sizeof line, "%s ", _("Administrator's password:"));
		tui_put(y, 2, t->cols - 4, line, (size_t)n, TUI_R_NORMAL, 0);
		for (i = 0; i < k->pwlen && (int)i + n + 2 < t->cols; i++)
			mvaddch(y, 2 + n + (int)i, '*');
		cy = y;
		cx = 2 + n + (int)k->pwlen;
	}
	tui_put(t->rows - 2, 0, t->cols, t->status, strlen(t->status),
	    t->status_role, 1);
	n = snprintf(line, sizeof line, "%s", _("Enter Open a decision  Arrows Language"));
	tui_put(t->rows - 1, 0, t->cols, line, (size_t)n, TUI_R_KEYBAR, 1);
	curs_set(1);
	move(cy < t->rows ? cy : 0, cx < t->cols ? cx : 0);
	wnoutrefresh(stdscr);
	doupdate();
	return 1;
}

int
tui_kiosk_service_ok(struct tui *t, const char *svc)
{
	const char	*p;
	size_t		 n, i, len;

	/* The origin: scheme and authority, with nothing but "/" after. */
	p = strstr(svc, "://");
	if (p != NULL && (strncmp(svc, "https://", 8) == 0 ||
	    strncmp(svc, "http://", 7) == 0)) {
		n = (size_t)(p + 3 - svc);
		n += strcspn(svc + n, "/?#");
		len = strlen(svc);
		if (n == len || (n + 1 == len && svc[n] == '/'))
			for (i = 0; i < t->env->norigins; i++)
				if (strlen(t->env->origins[i]) == n &&
				    strncasecmp(t->env->origins[i], svc, n) == 0)
					return 1;
	}
	tui_say(t, TUI_R_ERROR, "%s", _("This terminal opens decisions only from "
	    "the services its registries list: check the address on your letter."));
	return 0;
}

/* Zero a string that is about to be freed. */
static void
kiosk_zero(char *s)
{
	if (s != NULL)
		explicit_bzero(s, strlen(s));
}

/* Zero an editor's text and its undo history. */
static void
kiosk_zero_ed(struct tui_editor *e)
{
	size_t	i;

	if (e->s != NULL)
		explicit_bzero(e->s, e->cap);
	for (i = 0; i < e->nundo; i++)
		if (e->undo[i].text != NULL)
			explicit_bzero(e->undo[i].text, e->undo[i].len);
}

/* Zero what a form holds: typed text, and labels made from the record. */
static void
kiosk_zero_form(struct tui_form *f)
{
	size_t	i, c;

	for (i = 0; i < f->n; i++) {
		kiosk_zero(f->v[i].label);
		kiosk_zero(f->v[i].code);
		for (c = 0; c < f->v[i].nchoices; c++)
			kiosk_zero(f->v[i].choice_labels[c]);
		kiosk_zero_ed(&f->v[i].ed);
	}
}

void
tui_kiosk_wipe(struct tui *t)
{
	size_t	i;

	kiosk_zero(t->code);
	kiosk_zero(t->pending_code);
	kiosk_zero(t->receipt_text);
	if (t->body.data != NULL)
		explicit_bzero(t->body.data, t->body.cap);
	explicit_bzero(t->body_sha, sizeof t->body_sha);
	kiosk_zero_form(&t->contest);
	kiosk_zero_form(&t->open);
	kiosk_zero_ed(&t->search);
	explicit_bzero(t->last_search, sizeof t->last_search);
	explicit_bzero(t->status, sizeof t->status);
	explicit_bzero(t->progress, sizeof t->progress);
	explicit_bzero(t->cur.problem, sizeof t->cur.problem);
	for (i = 0; i < TUI_P_COUNT; i++)
		if (t->panes[i].doc.text.data != NULL)
			explicit_bzero(t->panes[i].doc.text.data,
			    t->panes[i].doc.text.cap);
	for (i = 0; i < t->ncases; i++) {
		kiosk_zero(t->cases[i].outcome);
		kiosk_zero(t->cases[i].issuer);
	}
	if (t->kiosk != NULL)
		explicit_bzero(t->kiosk->pw, sizeof t->kiosk->pw);
	/* What curses keeps of the screen goes with clear(). */
	clear();
	refresh();
}

void
tui_kiosk_clear_terminal(void)
{
	/* Home, erase the screen, and erase the scrollback (E3). */
	fputs("\033[H\033[2J\033[3J", stdout);
	fflush(stdout);
}

int
tui_kiosk_end(struct tui *t, int stopped)
{
	int	leave = t->kiosk->leave || stopped;

	explicit_bzero(t->kiosk, sizeof *t->kiosk);
	free(t->kiosk);
	t->kiosk = NULL;
	return leave ? TUI_KIOSK_LEAVE : 0;
}

/* A member of the receipt, made safe, or "". */
static void
kiosk_receipt_get(json_t *r, const char *k, char *out, size_t outsz)
{
	const char	*s = json_string_value(json_object_get(r, k));
	char		*safe = NULL;

	out[0] = '\0';
	if (s != NULL && core_safetext(s, CORE_SAFETEXT_ESCAPE, 4096, &safe) == CORE_OK)
		snprintf(out, outsz, "%s", safe);
	core_free(safe);
}

/* What the person takes away: the receipt in words, for the QR view and the
 * printer; the QR payload (status URL and the receipt's SHA-256) in qr. */
static void
kiosk_takeaway(struct tui *t, struct core_buf *text, char *qr, size_t qrsz,
    char *vcode, size_t vsz)
{
	static const struct { const char *key, *label; } fields[] = {
		{ "receipt_id", N_("Receipt:") },
		{ "contest_id", N_("Contest:") },
		{ "decision_id", N_("Decision:") },
		{ "received_at", N_("Received at:") },
		{ "answer_due", N_("Answer due by:") },
		{ "status_url", N_("Status:") },
	};
	json_t		*r = NULL;
	struct core_err	 err;
	const char	*hex = t->cur.c.receipt != NULL ? t->cur.c.receipt : "";
	char		 v[1100], url[1100], up[65];
	size_t		 i;

	if (t->receipt_text != NULL)
		(void)core_json_parse(t->receipt_text, strlen(t->receipt_text), NULL,
		    &r, &err);
	core_buf_printf(text, "%s\n", _("recourse: the receipt of a contest"));
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		kiosk_receipt_get(r, fields[i].key, v, sizeof v);
		core_buf_printf(text, "%s %s\n", _(fields[i].label), v);
	}
	tui_qr_vcode(hex, vcode, vsz);
	core_buf_printf(text, _("Receipt SHA-256: %s"), hex);
	core_buf_printf(text, "\n");
	core_buf_printf(text, _("Verification code: %s"), vcode);
	core_buf_printf(text, "\n");
	/* The digest in capitals: the QR code holds it in its denser mode. */
	for (i = 0; hex[i] != '\0' && i < 64; i++)
		up[i] = hex[i] >= 'a' && hex[i] <= 'f' ? (char)(hex[i] - 32) : hex[i];
	up[i] = '\0';
	kiosk_receipt_get(r, "status_url", url, sizeof url);
	snprintf(qr, qrsz, "%s#SHA256=%s", url, up);
	json_decref(r);
}

/* Print the receipt through the administrator's print command: execv(2) of
 * its absolute path with the receipt on standard input, never a shell; the
 * printer runs on its own (a grandchild), so the interface does not wait. */
static void
kiosk_print(struct tui *t)
{
	struct core_buf	 text;
	char		 qr[1200], vcode[16];
	char		*argv[2];
	int		 fds[2], st, ok = 0, devnull;
	pid_t		 pid, gpid;
	ssize_t		 n;
	size_t		 off;

	if (t->env->print_command == NULL || t->env->print_command[0] != '/') {
		tui_say(t, TUI_R_WARN, "%s", _("This terminal has no printer; scan "
		    "the code or write down the verification code."));
		return;
	}
	core_buf_init(&text, 64 * 1024);
	kiosk_takeaway(t, &text, qr, sizeof qr, vcode, sizeof vcode);
	if (pipe(fds) != 0)
		goto out;
	if ((pid = fork()) == 0) {
		if ((gpid = fork()) != 0)
			_exit(gpid < 0 ? 1 : 0);
		close(fds[1]);
		devnull = open("/dev/null", O_RDWR);
		if (dup2(fds[0], STDIN_FILENO) < 0 || devnull < 0 ||
		    dup2(devnull, STDOUT_FILENO) < 0 || dup2(devnull, STDERR_FILENO) < 0)
			_exit(127);
		argv[0] = (char *)t->env->print_command;
		argv[1] = NULL;
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[0]);
	if (pid > 0) {
		signal(SIGPIPE, SIG_IGN);
		for (off = 0; off < text.len; off += (size_t)n)
			if ((n = write(fds[1], text.data + off, text.len - off)) <= 0)
				break;
		ok = off == text.len;
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		ok = ok && WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	close(fds[1]);
out:
	if (text.data != NULL)
		explicit_bzero(text.data, text.cap);
	core_buf_free(&text);
	if (ok)
		tui_say(t, TUI_R_STATUS, "%s", _("The receipt was sent to the printer."));
	else
		tui_say(t, TUI_R_ERROR, "%s", _("The receipt could not be printed; "
		    "scan the code or write down the verification code."));
}

/* Words in the column at (y, x) of width w, wrapped at spaces; returns the
 * next row. */
static int
kiosk_words(int y, int x, int w, int maxy, const char *s, enum tui_role r)
{
	size_t	len = strlen(s), n, cut;

	while (len > 0 && y < maxy) {
		n = len;
		if (core_text_fit(s, len, (size_t)w, NULL) < len) {
			n = core_text_fit(s, len, (size_t)w, NULL);
			for (cut = n; cut > 0 && s[cut] != ' '; cut--)
				;
			if (cut > 0)
				n = cut;
		}
		tui_put(y++, x, w, s, n, r, 1);
		s += n;
		len -= n;
		while (len > 0 && *s == ' ') {
			s++;
			len--;
		}
	}
	return y;
}

/* The receipt to take away: the QR code, the verification code, keys. */
static void
kiosk_qr_frame(struct tui *t)
{
	struct core_buf	 text;
	char		 qr[1200], vcode[16];
	int		 rows, w = 0, x, y, cw;

	getmaxyx(stdscr, t->rows, t->cols);
	if (t->relayout) {
		erase();
		t->relayout = 0;
	}
	core_buf_init(&text, 64 * 1024);
	kiosk_takeaway(t, &text, qr, sizeof qr, vcode, sizeof vcode);
	rows = t->utf8 ? tui_qr_draw(0, 0, t->rows, t->cols - 24, qr, &w) : -1;
	x = rows > 0 ? w + 2 : 2;
	cw = t->cols - x - 1;
	y = rows > 0 ? 2 : 1;
	y = kiosk_words(y, x, cw, t->rows, _("Your receipt, to take away"),
	    TUI_R_HEADING);
	y++;
	if (rows < 0)
		y = kiosk_words(y, x, cw, t->rows, _("Make the window larger to "
		    "show the QR code."), TUI_R_WARN);
	y = kiosk_words(y, x, cw, t->rows, _("Verification code:"), TUI_R_NORMAL);
	y = kiosk_words(y, x + 2, cw - 2, t->rows, vcode, TUI_R_STRONG);
	y++;
	y = kiosk_words(y, x, cw, t->rows, _("The code holds the address of your "
	    "contest's status and the SHA-256 of the signed receipt; the "
	    "verification code is the start of that SHA-256."), TUI_R_NORMAL);
	y++;
	if (t->env->print_command != NULL)
		y = kiosk_words(y, x, cw, t->rows, _("p Print the receipt"), TUI_R_KEY);
	y = kiosk_words(y, x, cw, t->rows, _("Any other key: back"), TUI_R_KEY);
	(void)kiosk_words(y + 1, x, cw, t->rows, t->status, t->status_role);
	if (text.data != NULL)
		explicit_bzero(text.data, text.cap);
	core_buf_free(&text);
	curs_set(t->env->screen_reader ? 1 : 0);
	move(rows > 0 ? 2 : 1, x);
	wnoutrefresh(stdscr);
	doupdate();
}
