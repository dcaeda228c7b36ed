/*
 * check_poller.c: a contest's status polled on the client's loop against
 * the fake service (tests/fakes/fake_service): answers 503 with Retry-After
 * are waited for with a growing backoff, a changed status brings the wait
 * back to its base, the case is updated with the verified status, and a
 * Retry-After longer than the longest wait is honoured.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <check.h>
#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "core/error.h"
#include "core/json.h"
#include "core/trust.h"
#include "net/case.h"
#include "net/client.h"
#include "net/flow.h"
#include "net/poller.h"
#include "net/store.h"

#define MAX_POLLS	8

struct seen {
	int		n;
	enum core_code	code[MAX_POLLS];
	long		retry_after[MAX_POLLS];
	char		status[MAX_POLLS][32];
	double		at[MAX_POLLS];
};

static char		 tmpdir[256];
static pid_t		 fake_pid;
static char		 origin[64];
static struct net_store	*st;
static struct net_client *client;
static struct core_trust *trust;
static struct core_trust_state tstate;
static struct net_ctx	 ctx;

static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
rm_rf(const char *path)
{
	DIR		*d;
	struct dirent	*de;
	char		 p[1024];
	struct stat	 sb;

	if (lstat(path, &sb) != 0)
		return;
	if (S_ISDIR(sb.st_mode) && (d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof p, "%s/%s", path, de->d_name);
			rm_rf(p);
		}
		closedir(d);
		rmdir(path);
	} else
		unlink(path);
}

/* Start the fake in mode, a store with a case whose contest it answers,
 * and a client and trust store that pin the fake's key. */
static void
start(const char *mode)
{
	const char	*src = getenv("top_srcdir"), *build = getenv("top_builddir");
	char		 fake[1024], rec[1024], port[300], jwk[300], path[300];
	struct net_policy pol;
	struct net_case	 c;
	struct core_err	 err;
	json_t		*j;
	FILE		*fp;
	int		 i, p = 0;

	ck_assert_ptr_nonnull(src);
	ck_assert_ptr_nonnull(build);
	snprintf(tmpdir, sizeof tmpdir, "%s/check_poller.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(fake, sizeof fake, "%s/tests/fakes/fake_service", build);
	snprintf(rec, sizeof rec, "%s/data/cases/credit-limit/record-1.json", src);
	snprintf(port, sizeof port, "%s/port", tmpdir);
	snprintf(jwk, sizeof jwk, "%s/fake.jwk", tmpdir);
	if ((fake_pid = fork()) == 0) {
		execl(fake, fake, "--mode", mode, "--port-file", port, "--jwk-out", jwk,
		    "--record", rec, (char *)NULL);
		_exit(127);
	}
	ck_assert_int_gt(fake_pid, 0);
	for (i = 0; i < 200 && p == 0; i++) {
		if ((fp = fopen(port, "r")) != NULL) {
			if (fscanf(fp, "%d", &p) != 1)
				p = 0;
			fclose(fp);
		}
		if (p == 0)
			usleep(50000);
	}
	ck_assert_int_gt(p, 0);
	snprintf(origin, sizeof origin, "http://127.0.0.1:%d", p);

	snprintf(path, sizeof path, "%s/store", tmpdir);
	ck_assert_int_eq(net_store_open(path, &st, &err), CORE_OK);
	net_case_init(&c);
	snprintf(c.id, sizeof c.id, "CC-1");
	ck_assert_int_eq(net_case_set(&c.service, origin), CORE_OK);
	ck_assert_int_eq(net_case_set(&c.service_id, origin), CORE_OK);
	ck_assert_int_eq(net_case_set(&c.reference, "CC-2026-020931"), CORE_OK);
	ck_assert_int_eq(net_case_set(&c.contest_id, "C-1"), CORE_OK);
	ck_assert_int_eq(net_case_set(&c.contest_status, "received"), CORE_OK);
	ck_assert_int_eq(net_case_set(&c.access_code, "5FHN-2KJR"), CORE_OK);
	snprintf(path, sizeof path, "%s/status/C-1", origin);
	ck_assert_int_eq(net_case_set(&c.status_url, path), CORE_OK);
	ck_assert_int_eq(net_case_save(st, &c, &err), CORE_OK);
	net_case_clear(&c);

	ck_assert_int_eq(core_trust_new(&trust), CORE_OK);
	ck_assert_ptr_nonnull(j = json_load_file(jwk, 0, NULL));
	ck_assert_int_eq(core_trust_add_jwks(trust, j, CORE_TRUST_AS_PIN, NULL, &err),
	    CORE_OK);
	json_decref(j);
	core_trust_state_init(&tstate);
	net_policy_default(&pol);
	pol.allow_http_loopback = 1;
	pol.timeout = 5;
	ck_assert_int_eq(net_client_new(&pol, &client, &err), CORE_OK);
	memset(&ctx, 0, sizeof ctx);
	ctx.client = client;
	ctx.store = st;
	ctx.trust = trust;
	ctx.trust_state = &tstate;
	ctx.max_attempts = 1;	/* the poller does the waiting */
	ctx.max_wait = 5;
}

static void
stop(void)
{
	net_client_free(&client);
	core_trust_free(&trust);
	net_store_free(&st);
	if (fake_pid > 0) {
		kill(fake_pid, SIGTERM);
		waitpid(fake_pid, NULL, 0);
	}
	rm_rf(tmpdir);
}

static void
on_poll(struct net_flow *f, const struct net_outcome *o, void *arg)
{
	struct seen	*s = arg;

	if (s->n == MAX_POLLS)
		return;
	s->code[s->n] = o->code;
	s->retry_after[s->n] = o->retry_after;
	snprintf(s->status[s->n], sizeof s->status[s->n], "%s", o->status);
	s->at[s->n] = now_s();
	s->n++;
}

/* Run the loop until n polls were seen or limit seconds passed. */
static void
run_until(struct seen *s, int n, double limit)
{
	struct pollfd	fds[16];
	double		end = now_s() + limit;
	size_t		k;

	while (s->n < n && now_s() < end) {
		k = net_client_fds(client, fds, 16);
		if (k > 16)
			k = 16;
		poll(fds, k, net_client_timeout(client) < 0 ? 100 :
		    net_client_timeout(client));
		net_client_perform(client, fds, k);
	}
}

START_TEST(test_backoff_then_status)
{
	struct net_poller	*p = NULL;
	struct net_case		 c;
	struct core_err		 err;
	struct seen		 s;

	memset(&s, 0, sizeof s);
	start("status503");
	ck_assert_int_eq(net_poller_start(&ctx, "CC-1", NULL, 1000, 4000, on_poll, &s,
	    &p, &err), CORE_OK);
	run_until(&s, 3, 20);
	ck_assert_int_eq(s.n, 3);
	ck_assert_int_eq(s.code[0], CORE_E_NET_RETRY);
	ck_assert_int_eq(s.retry_after[0], 1);
	ck_assert_int_eq(s.code[1], CORE_E_NET_RETRY);
	/* The waits grow: 2 s, then 4 s. */
	ck_assert_msg(s.at[1] - s.at[0] >= 1.9, "waited %.2f s", s.at[1] - s.at[0]);
	ck_assert_msg(s.at[2] - s.at[1] >= 3.9, "waited %.2f s", s.at[2] - s.at[1]);
	ck_assert_int_eq(s.code[2], CORE_OK);
	ck_assert_str_eq(s.status[2], "under_review");
	/* A change brings the wait back to its base. */
	ck_assert_int_le(net_poller_next(p), 1000);
	ck_assert_int_ge(net_poller_next(p), 0);
	ck_assert(!net_poller_done(p));
	net_case_init(&c);
	ck_assert_int_eq(net_case_load(st, "CC-1", &c, &err), CORE_OK);
	ck_assert_str_eq(c.contest_status, "under_review");
	ck_assert_str_eq(c.answer_due, "2027-01-08");
	ck_assert_ptr_nonnull(c.status);
	net_case_clear(&c);
	net_poller_stop(&p);
	ck_assert_ptr_null(p);
	ck_assert(!net_client_busy(client));
	stop();
}
END_TEST

START_TEST(test_long_retry_after_honoured)
{
	struct net_poller	*p = NULL;
	struct core_err		 err;
	struct seen		 s;

	memset(&s, 0, sizeof s);
	start("statuslong");
	ck_assert_int_eq(net_poller_start(&ctx, "CC-1", NULL, 1000, 4000, on_poll, &s,
	    &p, &err), CORE_OK);
	run_until(&s, 1, 10);
	ck_assert_int_eq(s.n, 1);
	ck_assert_int_eq(s.code[0], CORE_E_NET_RETRY);
	ck_assert_int_eq(s.retry_after[0], 3600);
	/* Longer than the longest wait, and still honoured. */
	ck_assert_int_gt(net_poller_next(p), 3500 * 1000L);
	net_poller_stop(&p);
	stop();
}
END_TEST

START_TEST(test_refuses_what_cannot_be_polled)
{
	struct net_poller	*p = NULL;
	struct core_err		 err;

	start("ok");
	ck_assert_int_eq(net_poller_start(&ctx, "no-such-case", NULL, 1000, 4000,
	    on_poll, NULL, &p, &err), CORE_E_NOT_FOUND);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(net_poller_start(&ctx, "CC-1", NULL, 10, 4000, on_poll, NULL,
	    &p, &err), CORE_E_ARG);
	ck_assert(!net_client_busy(client));
	stop();
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("poller");
	TCase	*tc = tcase_create("poller");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_backoff_then_status);
	tcase_add_test(tc, test_long_retry_after_honoured);
	tcase_add_test(tc, test_refuses_what_cannot_be_polled);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
