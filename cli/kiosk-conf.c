/*
 * kiosk-conf.c: recourse --kiosk: the administrator's kiosk.conf and one
 * interface per person.
 *
 * In kiosk mode only one configuration file is read: SYSCONFDIR/recourse/
 * kiosk.conf, or the file given with --kiosk-config.  Either must be a
 * regular file owned by root (or by the user recourse runs as) and
 * writable by nobody else, in a folder of the same kind; the user's
 * recourse.conf, --config, XDG_CONFIG_HOME and the user's registry folder
 * are never read, and no environment variable changes a kiosk setting.
 *
 * Each person's session runs in a child process with a fresh store in a
 * private folder (mkdtemp, 0700) under $RECOURSE_KIOSK_TMP or /tmp.  When
 * the session ends (finished, idle, or the child died) the parent removes
 * everything under that folder, clears the screen and the scrollback, and
 * starts the next session; the memory that held the person's data went
 * with the child's process.  SIGINT, SIGQUIT and SIGTSTP are ignored;
 * SIGTERM or SIGHUP from the administrator's shell ends the kiosk, as does
 * Ctrl-X on the start screen followed by the password whose PBKDF2 hash
 * kiosk.conf gives (recourse(1), KIOSK).
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "cli/cli.h"
#include "cli/conf.h"
#include "cli/kiosk.h"
#include "cli/session.h"
#include "core/alloc.h"
#include "core/b64.h"
#include "core/buf.h"
#include "core/hash.h"
#include "core/intl.h"
#include "core/json.h"
#include "core/trust.h"
#include "tui/kiosk.h"
#include "tui/tui.h"

#define KIOSK_MAX_ORIGINS	256
#define KIOSK_PBKDF2_MIN_ITER	10000

/* Services listed by the registries accepted in this (child) process. */
static char	*kiosk_origins[KIOSK_MAX_ORIGINS];
static size_t	 kiosk_norigins;
static volatile sig_atomic_t kiosk_stop;

/* Is the file (or folder) at fd owned by root or by us, and writable by
 * no one else? */
static int
kiosk_owned(const struct stat *st)
{
	return (st->st_uid == 0 || st->st_uid == geteuid()) &&
	    (st->st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

int
cli_kiosk_config_load(struct cli_config *cf, const char *path)
{
	const char	*p = path != NULL ? path : SYSCONFDIR "/recourse/kiosk.conf";
	char		 dir[PATH_MAX], *slash;
	struct stat	 st;
	int		 fd;

	memset(cf, 0, sizeof *cf);
	if ((fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		if (errno == ENOENT && path == NULL)
			return 0;	/* no kiosk.conf: the defaults */
		cli_warnx(_("cannot read %s: %s"), p, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !kiosk_owned(&st)) {
		close(fd);
		cli_warnx(_("%s: a kiosk configuration must be a file owned by root "
		    "and writable by no one else"), p);
		return -1;
	}
	close(fd);
	snprintf(dir, sizeof dir, "%s", p);
	if ((slash = strrchr(dir, '/')) != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		snprintf(dir, sizeof dir, "%s", ".");
	if (stat(dir, &st) != 0 || !kiosk_owned(&st)) {
		cli_warnx(_("%s: the folder of a kiosk configuration must be owned "
		    "by root and writable by no one else"), p);
		return -1;
	}
	return cli_config_read(cf, p, 0);
}

void
cli_kiosk_note_registry(const void *jws, size_t len)
{
	struct core_registry	*r = NULL;
	struct core_err		 err;
	struct core_buf		 payload;
	json_t			*j = NULL;
	const char		*b64;
	size_t			 i, k;

	core_buf_init(&payload, len);
	if (core_json_parse(jws, len, NULL, &j, &err) != CORE_OK ||
	    (b64 = json_string_value(json_object_get(j, "payload"))) == NULL ||
	    core_b64url_decode(b64, strlen(b64), &payload, &err) != CORE_OK ||
	    core_registry_parse(payload.data, payload.len, &r, &err) != CORE_OK)
		goto out;
	for (i = 0; i < r->n && kiosk_norigins < KIOSK_MAX_ORIGINS; i++) {
		if (r->entries[i].role != CORE_ROLE_SERVICE ||
		    r->entries[i].status != CORE_STATUS_ACTIVE)
			continue;
		for (k = 0; k < kiosk_norigins; k++)
			if (strcmp(kiosk_origins[k], r->entries[i].service_id) == 0)
				break;
		if (k == kiosk_norigins && (kiosk_origins[kiosk_norigins] =
		    strdup(r->entries[i].service_id)) != NULL)
			kiosk_norigins++;
	}
out:
	core_registry_free(&r);
	json_decref(j);
	core_buf_free(&payload);
}

/* Is password the administrator's?  admin-password is
 * "pbkdf2-sha256:ITERATIONS:SALT-HEX:HASH-HEX". */
static int
kiosk_admin_check(const char *password, void *arg)
{
	const char	*v = arg, *p;
	unsigned char	 salt[64], want[32], got[32];
	char		*end;
	long		 iter;
	size_t		 saltlen;
	int		 ok = 0;

	if (strncmp(v, "pbkdf2-sha256:", 14) != 0)
		return 0;
	errno = 0;
	iter = strtol(v + 14, &end, 10);
	if (errno != 0 || *end != ':' || iter < KIOSK_PBKDF2_MIN_ITER ||
	    iter > 100000000L)
		return 0;
	p = end + 1;
	if ((end = strchr(p, ':')) == NULL || (size_t)(end - p) % 2 != 0 ||
	    (saltlen = (size_t)(end - p) / 2) == 0 || saltlen > sizeof salt ||
	    strlen(end + 1) != 64)
		return 0;
	{
		char	hex[129];

		memcpy(hex, p, saltlen * 2);
		hex[saltlen * 2] = '\0';
		if (core_unhex(hex, salt, saltlen) != 0 ||
		    core_unhex(end + 1, want, sizeof want) != 0)
			return 0;
	}
	if (PKCS5_PBKDF2_HMAC(password, (int)strlen(password), salt, (int)saltlen,
	    (int)iter, EVP_sha256(), (int)sizeof got, got) == 1)
		ok = core_memeq(got, want, sizeof got);
	explicit_bzero(got, sizeof got);
	return ok;
}

/* One person's session: runs in the child. */
static int
kiosk_child(struct cli_opts *o)
{
	struct cli_session		 s;
	struct tui_env			 env;
	const struct cli_config_item	*it;
	const char			*langs[CLI_MAX_LANGS];
	long				 idle;
	size_t				 i;
	int				 ex;

	if ((ex = cli_session_open(&s, o, 1)) != CLI_EXIT_OK)
		goto out;
	/* A kiosk's session remembers no code (cli_session_open). */
	cli_tui_env(&env, &s, langs);
	if (cli_config_long(&s.cfg, "idle-timeout", TUI_KIOSK_IDLE_DEFAULT, 5,
	    86400, &idle) != 0) {
		ex = CLI_EXIT_USAGE;
		goto close;
	}
	env.idle_timeout = (int)idle;
	env.origins = (const char *const *)kiosk_origins;
	env.norigins = kiosk_norigins;
	if ((it = cli_config_get(&s.cfg, "admin-password")) != NULL) {
		env.admin_check = kiosk_admin_check;
		env.admin_arg = it->value;
	}
	if ((it = cli_config_get(&s.cfg, "print-command")) != NULL) {
		if (it->value[0] != '/') {
			cli_warnx(_("%s:%u: print-command must be an absolute path"),
			    it->file, it->line);
			ex = CLI_EXIT_USAGE;
			goto close;
		}
		env.print_command = it->value;
	}
	ex = tui_run(&env);
	if (ex != 0 && ex != TUI_KIOSK_LEAVE)
		ex = CLI_EXIT_SOFTWARE;
close:
	cli_session_close(&s);
out:
	for (i = 0; i < kiosk_norigins; i++)
		free(kiosk_origins[i]);
	kiosk_norigins = 0;
	return ex;
}

/* nftw(3): remove one file or folder below the kiosk's root. */
static int
kiosk_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	if (ftw->level > 0)
		(void)remove(path);
	return 0;
}

/* SIGTERM, SIGHUP: the administrator ends the kiosk. */
static void
kiosk_on_signal(int sig)
{
	kiosk_stop = 1;
}

int
cli_kiosk_run(struct cli_opts *o)
{
	struct cli_config	 cf;
	struct sigaction	 sa;
	const char		*env = getenv("RECOURSE_KIOSK_TMP");
	char			 root[PATH_MAX];
	pid_t			 pid;
	int			 st, ex = CLI_EXIT_OK;

	if (o->config != NULL) {
		cli_warnx("%s", _("--config cannot be used with --kiosk: a kiosk "
		    "reads only its administrator's kiosk.conf"));
		return CLI_EXIT_USAGE;
	}
	if (cli_kiosk_config_load(&cf, o->kiosk_config) != 0)
		return CLI_EXIT_USAGE;
	cli_config_free(&cf);
	if ((size_t)snprintf(root, sizeof root, "%s/recourse-kiosk.XXXXXX",
	    env != NULL && env[0] == '/' ? env : "/tmp") >= sizeof root ||
	    mkdtemp(root) == NULL) {
		cli_warnx(_("cannot make a private folder for the session: %s"),
		    strerror(errno));
		return CLI_EXIT_STORE;
	}
	o->kiosk_tmp = root;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGTTIN, &sa, NULL);
	sigaction(SIGTTOU, &sa, NULL);
	sa.sa_handler = kiosk_on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	while (!kiosk_stop) {
		fflush(NULL);
		if ((pid = fork()) < 0) {
			cli_warnx(_("cannot start a session: %s"), strerror(errno));
			ex = CLI_EXIT_SOFTWARE;
			break;
		}
		if (pid == 0) {
			sa.sa_handler = SIG_DFL;
			sigaction(SIGTERM, &sa, NULL);
			sigaction(SIGHUP, &sa, NULL);
			if (kiosk_stop)
				_exit(TUI_KIOSK_LEAVE);
			st = kiosk_child(o);
			fflush(NULL);
			_exit(st);
		}
		while (waitpid(pid, &st, 0) < 0) {
			if (errno != EINTR) {
				st = 0;
				break;
			}
			if (kiosk_stop)
				kill(pid, SIGTERM);
		}
		nftw(root, kiosk_rm, 16, FTW_DEPTH | FTW_PHYS);
		fputs("\033[H\033[2J\033[3J", stdout);
		fflush(stdout);
		if (WIFEXITED(st) && WEXITSTATUS(st) == TUI_KIOSK_LEAVE)
			break;
		if (WIFEXITED(st) && WEXITSTATUS(st) != 0) {
			ex = WEXITSTATUS(st);
			break;
		}
		if (WIFSIGNALED(st))
			sleep(1);	/* a session that died: the next, not a spin */
	}
	nftw(root, kiosk_rm, 16, FTW_DEPTH | FTW_PHYS);
	rmdir(root);
	return ex;
}
