/* check_service.c: the service's contest store, rate limit and files. */
#include "config.h"

#include <check.h>
#include <ftw.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "service/ratelimit.h"
#include "service/service.h"
#include "service/store.h"

/* The service's warnings, which the store may print, go nowhere here. */
void
svc_warnx(const char *fmt, ...)
{
	(void)fmt;
}

static char tmpdir[64];

static void
setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/check_service.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

/* Remove one entry of the scratch folder (nftw callback). */
static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
teardown(void)
{
	nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* A contest as the service makes one. */
static struct svc_contest *
mk_contest(const char *id, const char *ref, const char *key, const char *body)
{
	struct svc_contest	*c;

	c = core_calloc(1, sizeof *c);
	ck_assert_ptr_nonnull(c);
	snprintf(c->contest_id, sizeof c->contest_id, "%s", id);
	c->reference = core_strdup(ref);
	c->decision_id = core_strdup("D-1");
	c->idem_key = core_strdup(key);
	c->status = core_strdup("received");
	snprintf(c->body_sha256, sizeof c->body_sha256, "%064d", 7);
	snprintf(c->received_at, sizeof c->received_at, "2026-11-27T10:00:00Z");
	snprintf(c->answer_due, sizeof c->answer_due, "2026-12-27");
	core_buf_init(&c->body, 1 << 20);
	core_buf_init(&c->receipt, 1 << 20);
	ck_assert_int_eq(core_buf_adds(&c->body, body), CORE_OK);
	ck_assert_int_eq(core_buf_adds(&c->receipt, "{\"payload\":\"x\"}"), CORE_OK);
	c->history = json_pack("[{s:s, s:s}]", "at", c->received_at, "status",
	    "received");
	ck_assert_ptr_nonnull(c->history);
	return c;
}

START_TEST(test_store_survives_reopen)
{
	struct svc_store		*st = NULL;
	const struct svc_contest	*old, *c;
	struct core_err			 err;
	char				 path[128];
	struct stat			 sb;

	core_err_clear(&err);
	ck_assert_int_eq(svc_store_open(tmpdir, &st, &err), CORE_OK);
	ck_assert_uint_eq(svc_store_count(st), 0);
	ck_assert_int_eq(svc_store_reserve(st, "LN-1", "key-0000000000001", &old),
	    CORE_OK);
	ck_assert_ptr_null(old);
	ck_assert_int_eq(svc_store_add(st, mk_contest("C-1", "LN-1",
	    "key-0000000000001", "{\"statement\":\"caf\xc3\xa9\"}"), &err), CORE_OK);
	svc_store_release(st, "LN-1", "key-0000000000001");
	/* The same key again finds the contest instead of reserving. */
	ck_assert_int_eq(svc_store_reserve(st, "LN-1", "key-0000000000001", &old),
	    CORE_OK);
	ck_assert_ptr_nonnull(old);
	ck_assert_str_eq(old->contest_id, "C-1");
	/* The same key for another reference is another contest. */
	ck_assert_ptr_null(svc_store_by_key(st, "LN-2", "key-0000000000001"));
	svc_store_free(&st);

	snprintf(path, sizeof path, "%s/contests/C-1.json", tmpdir);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(svc_store_open(tmpdir, &st, &err), CORE_OK);
	ck_assert_uint_eq(svc_store_count(st), 1);
	c = svc_store_by_id(st, "C-1");
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(core_buf_str(&c->body), "{\"statement\":\"caf\xc3\xa9\"}");
	ck_assert_str_eq(core_buf_str(&c->receipt), "{\"payload\":\"x\"}");
	ck_assert_ptr_eq(svc_store_by_key(st, "LN-1", "key-0000000000001"), c);
	svc_store_free(&st);
}
END_TEST

START_TEST(test_store_many_grow)
{
	struct svc_store		*st = NULL;
	const struct svc_contest	*old;
	struct core_err			 err;
	char				 id[32], key[32];
	int				 i;

	core_err_clear(&err);
	ck_assert_int_eq(svc_store_open(tmpdir, &st, &err), CORE_OK);
	for (i = 0; i < 300; i++) {
		snprintf(id, sizeof id, "C-%d", i);
		snprintf(key, sizeof key, "k-%020d", i);
		ck_assert_int_eq(svc_store_reserve(st, "LN-1", key, &old), CORE_OK);
		ck_assert_ptr_null(old);
		ck_assert_int_eq(svc_store_add(st, mk_contest(id, "LN-1", key, "{}"),
		    &err), CORE_OK);
		svc_store_release(st, "LN-1", key);
	}
	for (i = 0; i < 300; i++) {
		snprintf(id, sizeof id, "C-%d", i);
		snprintf(key, sizeof key, "k-%020d", i);
		ck_assert_ptr_eq(svc_store_by_id(st, id), svc_store_by_key(st, "LN-1",
		    key));
		ck_assert_ptr_nonnull(svc_store_by_id(st, id));
	}
	svc_store_free(&st);
}
END_TEST

START_TEST(test_store_refuses_damage)
{
	struct svc_store	*st = NULL;
	struct core_err		 err;
	char			 dir[128], tmp[160];
	FILE			*fp;

	core_err_clear(&err);
	snprintf(dir, sizeof dir, "%s/contests", tmpdir);
	ck_assert_int_eq(svc_mkdirs(dir, 0700, &err), CORE_OK);
	/* A temporary file of a write that never finished is dropped. */
	snprintf(tmp, sizeof tmp, "%s/.C-9.json.0123.tmp", dir);
	fp = fopen(tmp, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("{\"contest_id\":", fp);
	fclose(fp);
	ck_assert_int_eq(svc_store_open(tmpdir, &st, &err), CORE_OK);
	ck_assert_uint_eq(svc_store_count(st), 0);
	ck_assert_int_ne(access(tmp, F_OK), 0);
	svc_store_free(&st);
	/* A damaged contest file stops the opening, with the file named. */
	ck_assert_int_eq(svc_write_atomic(dir, "C-9.json", "{\"contest_id\":", 14,
	    0600, &err), CORE_OK);
	ck_assert_int_eq(svc_store_open(tmpdir, &st, &err), CORE_E_STORE_CORRUPT);
	ck_assert_ptr_null(st);
	ck_assert_ptr_nonnull(strstr(err.detail, "C-9.json"));
}
END_TEST

START_TEST(test_ratelimit)
{
	struct svc_ratelimit	*rl = NULL;
	struct sockaddr_in	 a, b;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	a.sin_family = b.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(0x7f000001);
	b.sin_addr.s_addr = htonl(0x7f000002);
	ck_assert_int_eq(svc_ratelimit_new(1, 2, &rl), CORE_OK);
	ck_assert_uint_eq(svc_ratelimit_take(rl, (struct sockaddr *)&a), 0);
	ck_assert_uint_eq(svc_ratelimit_take(rl, (struct sockaddr *)&a), 0);
	ck_assert_uint_eq(svc_ratelimit_take(rl, (struct sockaddr *)&a), 1);
	/* Another address has a bucket of its own. */
	ck_assert_uint_eq(svc_ratelimit_take(rl, (struct sockaddr *)&b), 0);
	svc_ratelimit_free(&rl);
	ck_assert_ptr_null(rl);
	/* Rate 0: no limit. */
	ck_assert_int_eq(svc_ratelimit_new(0, 0, &rl), CORE_OK);
	ck_assert_uint_eq(svc_ratelimit_take(rl, (struct sockaddr *)&a), 0);
	ck_assert_uint_eq(svc_ratelimit_take(rl, (struct sockaddr *)&a), 0);
	ck_assert_uint_eq(svc_ratelimit_take(rl, (struct sockaddr *)&a), 0);
	svc_ratelimit_free(&rl);
}
END_TEST

START_TEST(test_times)
{
	char	buf[21], day[11];
	time_t	t;

	ck_assert_int_eq(svc_time_parse("2026-11-27T10:00:05Z", &t), 0);
	svc_time_rfc3339(t, buf);
	ck_assert_str_eq(buf, "2026-11-27T10:00:05Z");
	svc_time_date(t + 30 * 86400, day);
	ck_assert_str_eq(day, "2026-12-27");
	ck_assert_int_eq(svc_time_parse("2026-11-27T10:00:05", &t), -1);
	ck_assert_int_eq(svc_time_parse("2026-11-27 10:00:05Z", &t), -1);
	ck_assert_int_eq(svc_time_parse("2026-13-27T10:00:05Z", &t), -1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("service");
	TCase	*tc = tcase_create("store");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	/* Each contest is flushed to disk twice: slow disks take seconds. */
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_store_survives_reopen);
	tcase_add_test(tc, test_store_many_grow);
	tcase_add_test(tc, test_store_refuses_damage);
	suite_add_tcase(s, tc);
	tc = tcase_create("small");
	tcase_add_test(tc, test_ratelimit);
	tcase_add_test(tc, test_times);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
