/*
 * bench_tui.c: the full-screen interface on a pseudo-terminal of 80x24,
 * over a local store of 1,000 cases.
 *
 * A store like the one recourse keeps is written in a temporary folder
 * (case files as net/ writes them, without fsync), with a configuration
 * that points recourse at it.  recourse is started under forkpty() with
 * TERM=xterm-256color and LC_ALL=C.UTF-8 and everything it writes to the
 * terminal is read and counted.
 *
 * Figures, one per line:
 *   tui first full frame          from fork to the moment the key bar, the
 *                                 last row of the first frame, has been
 *                                 written (target: 100 ms or less); on a
 *                                 busy machine this waits for the CPU, so
 *   ... CPU time                  the child's CPU time at that moment
 *                                 (/proc/PID/stat, in clock ticks)
 *   tui bytes for one selection move
 *                                 what the terminal receives when Down moves
 *                                 the selection in the case list, once the
 *                                 screen is at rest (target: 200 bytes or
 *                                 less: no clearing, only what changed)
 *   tui peak memory               the child's peak resident set (wait4
 *                                 rusage), target under 32 MiB
 *
 * The recourse binary is $top_builddir/recourse (bench/run.sh sets it), or
 * ./recourse.
 */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <ftw.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "core/error.h"
#include "net/store.h"

#define CASES		1000
#define QUIET_MS	400
#define WAIT_MS		20000

/* Write one case file as recourse would (with no fsync). */
static int
bench_case(const char *dir, unsigned i)
{
	char	path[4096];
	FILE	*fp;

	if (snprintf(path, sizeof path, "%s/cases/LN-2026-%06u.json", dir, i) >=
	    (int)sizeof path || (fp = fopen(path, "w")) == NULL)
		return -1;
	fprintf(fp, "{\n"
	    "  \"deadline\": \"2027-01-19\",\n"
	    "  \"decision\": \"%064x\",\n"
	    "  \"decision_id\": \"LN-2026-%06u-r1\",\n"
	    "  \"decision_sha256\": \"%064x\",\n"
	    "  \"decisions_url\": \"https://bank%u.example/recourse/decisions\",\n"
	    "  \"contests_url\": \"https://bank%u.example/recourse/contests\",\n"
	    "  \"contest_status\": \"%s\",\n"
	    "  \"discovery\": \"%064x\",\n"
	    "  \"issued_at\": \"2026-11-20T09:14:09Z\",\n"
	    "  \"opened_at\": \"2026-11-26T10:00:00Z\",\n"
	    "  \"checked_at\": \"2026-11-26T10:%02u:%02uZ\",\n"
	    "  \"reference\": \"LN-2026-%06u\",\n"
	    "  \"service\": \"https://bank%u.example\",\n"
	    "  \"service_id\": \"https://bank%u.example\",\n"
	    "  \"updated_at\": \"2026-11-26T%02u:%02u:%02uZ\",\n"
	    "  \"verdict\": \"%s\",\n"
	    "  \"version\": 1\n"
	    "}\n",
	    i * 2654435761u, i, i * 69069u, i % 50, i % 50, "none",
	    i * 1103515245u, i / 60 % 60, i % 60, i, i % 50, i % 50,
	    i / 3600 % 24, i / 60 % 60, i % 60,
	    i % 7 == 0 ? "valid_but_untrusted" : "valid_and_trusted");
	return fclose(fp) == 0 ? 0 : -1;
}

/* Remove one file of the temporary folder. */
static int
bench_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)remove(path);
	return 0;
}

/* Milliseconds on the monotonic clock. */
static double
bench_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/*
 * Read what the child writes for up to max_ms: until needle has been seen
 * (when needle is not NULL) or until the terminal has been quiet for
 * QUIET_MS.  Adds the bytes read to *bytes; returns the time needle was
 * seen, or -1.
 */
static double
bench_read(int fd, const char *needle, double max_ms, size_t *bytes)
{
	char		buf[65536], tail[64] = "";
	struct pollfd	pfd;
	double		start = bench_ms(), last = start, seen = -1, now;
	size_t		nl = needle != NULL ? strlen(needle) : 0, tl = 0;
	ssize_t		n;
	int		rc;

	pfd.fd = fd;
	pfd.events = POLLIN;
	for (;;) {
		now = bench_ms();
		if (now - start > max_ms)
			break;
		if (needle == NULL && now - last >= QUIET_MS)
			break;
		rc = poll(&pfd, 1, 20);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0)
			continue;
		if ((n = read(fd, buf, sizeof buf)) <= 0)
			break;
		last = bench_ms();
		*bytes += (size_t)n;
		if (needle != NULL) {
			/* Look in what came with the end of what came before. */
			char	 join[sizeof tail + sizeof buf];
			size_t	 jl = tl, i;

			memcpy(join, tail, tl);
			memcpy(join + jl, buf, (size_t)n);
			jl += (size_t)n;
			for (i = 0; i + nl <= jl; i++)
				if (memcmp(join + i, needle, nl) == 0) {
					seen = last;
					break;
				}
			if (seen >= 0)
				break;
			tl = jl < nl ? jl : nl - 1;
			memcpy(tail, join + jl - tl, tl);
		}
	}
	return seen;
}

/* CPU time (user and system) of process pid so far, in ms; -1 when
 * /proc cannot tell. */
static double
bench_cpu_ms(pid_t pid)
{
	char		 path[64], buf[1024], *p;
	unsigned long	 ut, st;
	size_t		 n;
	FILE		*fp;
	int		 i;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL)
		return -1;
	/* Fields after the name: state is the 3rd, utime the 14th. */
	for (i = 3; i < 14 && p != NULL; i++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p, " %lu %lu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) * 1e3 / (double)sysconf(_SC_CLK_TCK);
}

int
main(void)
{
	struct net_store	*st = NULL;
	struct core_err		 err;
	struct rusage		 ru;
	struct winsize		 ws = { .ws_row = 24, .ws_col = 80 };
	char			 dir[4096], conf[4200], bin[4096];
	const char		*top = getenv("top_builddir");
	double			 t0, first, cpu;
	size_t			 bytes = 0, move = 0;
	unsigned		 i;
	int			 master = -1, status, rc = 1;
	pid_t			 pid = -1;
	FILE			*fp;

	snprintf(bin, sizeof bin, "%s/recourse", top != NULL ? top : ".");
	snprintf(dir, sizeof dir, "%s/bench_tui.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("bench_tui: mkdtemp");
		return 1;
	}
	snprintf(conf, sizeof conf, "%s/recourse.conf", dir);
	if ((fp = fopen(conf, "w")) == NULL) {
		perror("bench_tui: recourse.conf");
		goto out;
	}
	fprintf(fp, "data-dir = %s/store\n", dir);
	fclose(fp);
	strncat(dir, "/store", sizeof dir - strlen(dir) - 1);
	if (net_store_open(dir, &st, &err) != CORE_OK) {
		fprintf(stderr, "bench_tui: %s\n", err.detail);
		goto out;
	}
	net_store_free(&st);
	for (i = 0; i < CASES; i++)
		if (bench_case(dir, i) != 0) {
			perror("bench_tui: writing a case");
			goto out;
		}
	t0 = bench_ms();
	if ((pid = forkpty(&master, NULL, NULL, &ws)) < 0) {
		perror("bench_tui: forkpty");
		goto out;
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		unsetenv("NO_COLOR");
		unsetenv("RECOURSE_THEME");
		execl(bin, "recourse", "-c", conf, (char *)NULL);
		_exit(127);
	}
	/* The key bar is the last row a frame draws. */
	first = bench_read(master, "Quit", WAIT_MS, &bytes);
	if (first < 0) {
		fprintf(stderr, "bench_tui: no first frame from %s (%zu bytes)\n",
		    bin, bytes);
		goto out;
	}
	first -= t0;
	cpu = bench_cpu_ms(pid);
	/* Let the case summaries settle, then move the selection once. */
	bench_read(master, NULL, WAIT_MS, &bytes);
	if (write(master, "\033OB", 3) != 3)
		goto out;
	bench_read(master, NULL, WAIT_MS, &move);
	if (write(master, "q", 1) != 1)
		goto out;
	bench_read(master, NULL, 2000, &bytes);
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_tui: recourse did not end well\n");
		pid = -1;
		goto out;
	}
	pid = -1;
	printf("tui first full frame, %d cases at 80x24: %.1f ms (target <= 100)\n",
	    CASES, first);
	if (cpu >= 0)
		printf("tui first full frame, CPU time: %.0f ms (target <= 100)\n",
		    cpu);
	printf("tui bytes for one selection move: %zu bytes (target <= 200)\n", move);
	printf("tui peak memory: %.1f MiB (target < 32)\n",
	    (double)ru.ru_maxrss / 1024.0);
	rc = 0;
out:
	if (pid > 0) {
		kill(pid, SIGTERM);
		waitpid(pid, &status, 0);
	}
	if (master >= 0)
		close(master);
	if ((top = strrchr(dir, '/')) != NULL && strcmp(top, "/store") == 0)
		dir[top - dir] = '\0';
	nftw(dir, bench_rm, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}
