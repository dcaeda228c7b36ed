/*
 * bench_store.c: open a local store of 10,000 cases and list them, as
 * `recourse list` and the interface's case pane do.
 *
 * The store is made first in a temporary folder with case files like those
 * recourse writes (about 1.2 KiB each, with a verdict, a contest and dates);
 * they are written without fsync, since only reading is measured.  Then a
 * child process opens the store and lists every case (net_store_open and
 * net_case_list: read, strict JSON parse, check and sort), five times over,
 * so that its resources are its own.
 *
 * Figures, one per line:
 *   store open and list 10000 cases   wall-clock time of the fastest of five
 *                                     runs (target: under 1 s, so that the
 *                                     list appears without a wait); on a
 *                                     busy machine this waits for the CPU
 *   ... CPU time                      the CPU time (user and system) of the
 *                                     fastest run (target: under 0.5 s)
 *   store list per case               the same, per case
 *   store list peak memory            the child's peak resident set
 *                                     (ru_maxrss) over the runs (target:
 *                                     under 64 MiB)
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/error.h"
#include "net/case.h"
#include "net/store.h"

#define CASES	10000
#define RUNS	5

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
	    "  \"answer_due\": \"2027-01-%02u\",\n"
	    "  \"checked_at\": \"2026-11-26T10:%02u:%02uZ\",\n"
	    "  \"contest_id\": \"C-%032x\",\n"
	    "  \"contest_status\": \"%s\",\n"
	    "  \"contests_url\": \"https://bank%u.example/recourse/contests\",\n"
	    "  \"deadline\": \"2027-01-19\",\n"
	    "  \"decision\": \"%064x\",\n"
	    "  \"decision_id\": \"LN-2026-%06u-r1\",\n"
	    "  \"decision_sha256\": \"%064x\",\n"
	    "  \"decisions_url\": \"https://bank%u.example/recourse/decisions\",\n"
	    "  \"discovery\": \"%064x\",\n"
	    "  \"issued_at\": \"2026-11-20T09:14:09Z\",\n"
	    "  \"opened_at\": \"2026-11-26T10:00:00Z\",\n"
	    "  \"receipt\": \"%064x\",\n"
	    "  \"reference\": \"LN-2026-%06u\",\n"
	    "  \"service\": \"https://bank%u.example\",\n"
	    "  \"service_id\": \"https://bank%u.example\",\n"
	    "  \"status_url\": \"https://bank%u.example/recourse/status/C-%032x\",\n"
	    "  \"updated_at\": \"2026-11-26T%02u:%02u:%02uZ\",\n"
	    "  \"verdict\": \"%s\",\n"
	    "  \"version\": 1\n"
	    "}\n",
	    1 + i % 28, i / 60 % 60, i % 60, i * 2654435761u, i % 3 == 0 ?
	    "under_review" : "none", i % 50, i * 40503u, i, i * 69069u, i % 50,
	    i * 1103515245u, i * 22695477u, i, i % 50, i % 50, i % 50,
	    i * 2654435761u, i / 3600 % 24, i / 60 % 60, i % 60,
	    i % 7 == 0 ? "valid_but_untrusted" : "valid_and_trusted");
	return fclose(fp) == 0 ? 0 : -1;
}

static int
bench_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)remove(path);
	return 0;
}

static double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of this process. */
static double
bench_cpu(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The child: open and list RUNS times; write the best wall-clock time and
 * the best CPU time to fd. */
static int
bench_child(const char *dir, int fd)
{
	struct net_store	*st = NULL;
	struct net_case		*v = NULL;
	struct core_err		 err;
	size_t			 n = 0;
	double			 t0, c0, best[2] = { 1e9, 1e9 };
	int			 r;

	for (r = 0; r < RUNS; r++) {
		t0 = bench_now();
		c0 = bench_cpu();
		if (net_store_open(dir, &st, &err) != CORE_OK ||
		    net_case_list(st, &v, &n, &err) != CORE_OK) {
			fprintf(stderr, "bench_store: %s (%s)\n",
			    core_strerror(err.code), err.detail);
			return 1;
		}
		if (bench_now() - t0 < best[0])
			best[0] = bench_now() - t0;
		if (bench_cpu() - c0 < best[1])
			best[1] = bench_cpu() - c0;
		if (n != CASES) {
			fprintf(stderr, "bench_store: listed %zu cases, not %d\n", n,
			    CASES);
			return 1;
		}
		net_case_list_free(&v, n);
		net_store_free(&st);
	}
	if (write(fd, best, sizeof best) != (ssize_t)sizeof best)
		return 1;
	return 0;
}

int
main(void)
{
	struct net_store	*st = NULL;
	struct core_err		 err;
	struct rusage		 ru;
	char			 dir[4096];
	double			 best[2] = { -1, -1 };
	unsigned		 i;
	int			 p[2], status, rc = 1;
	pid_t			 pid;

	snprintf(dir, sizeof dir, "%s/bench_store.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("bench_store: mkdtemp");
		return 1;
	}
	if (net_store_open(dir, &st, &err) != CORE_OK) {
		fprintf(stderr, "bench_store: %s\n", err.detail);
		goto out;
	}
	net_store_free(&st);
	for (i = 0; i < CASES; i++) {
		if (bench_case(dir, i) != 0) {
			perror("bench_store: writing a case");
			goto out;
		}
	}
	if (pipe(p) != 0 || (pid = fork()) < 0) {
		perror("bench_store");
		goto out;
	}
	if (pid == 0)
		_exit(bench_child(dir, p[1]));
	close(p[1]);
	if (read(p[0], best, sizeof best) != (ssize_t)sizeof best)
		best[0] = -1;
	close(p[0]);
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0 || best[0] < 0) {
		fprintf(stderr, "bench_store: the measuring process failed\n");
		goto out;
	}
	printf("store open and list %d cases: %.0f ms (target < 1000)\n", CASES,
	    best[0] * 1e3);
	printf("store open and list %d cases, CPU time: %.0f ms (target < 500)\n",
	    CASES, best[1] * 1e3);
	printf("store list per case: %.1f us\n", best[0] * 1e6 / CASES);
	printf("store list peak memory: %.1f MiB (target < 64)\n",
	    (double)ru.ru_maxrss / 1024.0);
	rc = 0;
out:
	nftw(dir, bench_rm, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}
