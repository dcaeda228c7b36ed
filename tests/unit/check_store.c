/*
 * check_store.c: the local store keeps what it is given, byte for byte, with
 * private permissions; sets damaged files aside and keeps the rest usable;
 * locks out a second writer; and loses nothing when the disk is full.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "net/case.h"
#include "net/store.h"

static char	tmpdir[256];

/* A fresh, empty folder for each test. */
static void
setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "%s/check_store.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
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

static void
teardown(void)
{
	rm_rf(tmpdir);
}

static struct net_store *
open_store(void)
{
	struct net_store	*st = NULL;
	struct core_err		 err;
	char			 path[300];

	snprintf(path, sizeof path, "%s/data/recourse", tmpdir);
	ck_assert_int_eq(net_store_open(path, &st, &err), CORE_OK);
	return st;
}

static mode_t
mode_of(const char *rel)
{
	struct stat	sb;
	char		p[600];

	snprintf(p, sizeof p, "%s/data/recourse/%s", tmpdir, rel);
	if (stat(p, &sb) != 0)
		return (mode_t)-1;
	return sb.st_mode & 07777;
}

/* How many entries of a folder start with prefix. */
static int
count_prefix(const char *rel, const char *prefix)
{
	DIR		*d;
	struct dirent	*de;
	char		 p[600];
	int		 n = 0;

	snprintf(p, sizeof p, "%s/data/recourse/%s", tmpdir, rel);
	if ((d = opendir(p)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			n++;
	closedir(d);
	return n;
}

static void
write_raw(const char *rel, const char *text)
{
	char	p[600];
	FILE	*fp;

	snprintf(p, sizeof p, "%s/data/recourse/%s", tmpdir, rel);
	ck_assert_ptr_nonnull(fp = fopen(p, "w"));
	fputs(text, fp);
	fclose(fp);
}

START_TEST(test_layout_and_modes)
{
	struct net_store	*st = open_store();
	struct core_err		 err;
	static const char	*dirs[] = { "", "objects", "cases", "drafts",
	    "outbox", "receipts", "quarantine" };
	size_t			 i;

	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		ck_assert_msg(mode_of(dirs[i]) == 0700, "%s is %o", dirs[i],
		    (unsigned)mode_of(dirs[i]));
	ck_assert_int_eq(net_store_write(st, NET_DIR_CASES, "a.json", "{}", 2, &err),
	    CORE_OK);
	ck_assert_uint_eq(mode_of("cases/a.json"), 0600);
	ck_assert_uint_eq(mode_of("lock"), 0600);
	net_store_free(&st);
	ck_assert_ptr_null(st);

	/* A folder made too open by someone else is closed again. */
	{
		char p[300];
		snprintf(p, sizeof p, "%s/data/recourse/drafts", tmpdir);
		chmod(p, 0755);
	}
	st = open_store();
	ck_assert_uint_eq(mode_of("drafts"), 0700);
	net_store_free(&st);
}
END_TEST

START_TEST(test_write_read_replace)
{
	struct net_store	*st = open_store();
	struct core_err		 err;
	struct core_buf		 b;
	static const unsigned char bin[] = { 0, 1, 2, 0xff, '\n', 0 };

	core_buf_init(&b, 1024);
	ck_assert_int_eq(net_store_write(st, NET_DIR_STATE, "x", bin, sizeof bin, &err),
	    CORE_OK);
	ck_assert_int_eq(net_store_read(st, NET_DIR_STATE, "x", 1024, &b, &err), CORE_OK);
	ck_assert_uint_eq(b.len, sizeof bin);
	ck_assert(memcmp(b.data, bin, sizeof bin) == 0);
	ck_assert_int_eq(net_store_write(st, NET_DIR_STATE, "x", "new", 3, &err), CORE_OK);
	ck_assert_int_eq(net_store_read(st, NET_DIR_STATE, "x", 1024, &b, &err), CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), "new");
	/* Nothing temporary is left behind. */
	ck_assert_int_eq(count_prefix("state", "."), 2);	/* . and .. */
	/* A read over the cap is refused, not truncated. */
	ck_assert_int_eq(net_store_read(st, NET_DIR_STATE, "x", 2, &b, &err),
	    CORE_E_TOO_LARGE);
	ck_assert_int_eq(net_store_read(st, NET_DIR_STATE, "nope", 10, &b, &err),
	    CORE_E_NOT_FOUND);
	/* Names that could leave the folder are refused. */
	ck_assert_int_eq(net_store_write(st, NET_DIR_STATE, "../x", "a", 1, &err),
	    CORE_E_ARG);
	ck_assert_int_eq(net_store_write(st, NET_DIR_STATE, ".hidden", "a", 1, &err),
	    CORE_E_ARG);
	ck_assert_int_eq(net_store_remove(st, NET_DIR_STATE, "x", &err), CORE_OK);
	ck_assert(!net_store_exists(st, NET_DIR_STATE, "x"));
	core_buf_free(&b);
	net_store_free(&st);
}
END_TEST

START_TEST(test_stale_temp_removed)
{
	struct net_store	*st = open_store();

	net_store_free(&st);
	/* What a writer killed between write and rename leaves. */
	write_raw("drafts/.tmp-999-1-a.json", "half a dra");
	ck_assert_int_eq(count_prefix("drafts", ".tmp-"), 1);
	st = open_store();
	ck_assert_int_eq(count_prefix("drafts", ".tmp-"), 0);
	net_store_free(&st);
}
END_TEST

START_TEST(test_objects)
{
	struct net_store		*st = open_store();
	struct core_err			 err;
	struct core_buf			 b;
	char				 h1[65], h2[65], want[65];
	const struct net_quarantine_note *notes;
	char				 rel[100];

	core_buf_init(&b, NET_STORE_MAX_FILE);
	ck_assert_int_eq(net_store_put_object(st, "doc one", 7, h1, &err), CORE_OK);
	ck_assert_int_eq(core_sha256_hex("doc one", 7, want), CORE_OK);
	ck_assert_str_eq(h1, want);
	ck_assert_int_eq(net_store_put_object(st, "doc two", 7, h2, &err), CORE_OK);
	/* Putting the same bytes again is harmless. */
	ck_assert_int_eq(net_store_put_object(st, "doc one", 7, want, &err), CORE_OK);
	ck_assert_int_eq(net_store_get_object(st, h1, &b, &err), CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), "doc one");

	/* Damage one: it is set aside, the other still reads. */
	snprintf(rel, sizeof rel, "objects/%s", h1);
	write_raw(rel, "doc 0ne");
	ck_assert_int_eq(net_store_get_object(st, h1, &b, &err), CORE_E_STORE_CORRUPT);
	ck_assert(strstr(err.detail, "quarantine") != NULL);
	ck_assert(!net_store_exists(st, NET_DIR_OBJECTS, h1));
	ck_assert_int_eq(count_prefix("quarantine", "objects-"), 1);
	ck_assert_uint_eq(net_store_quarantined(st, &notes), 1);
	ck_assert(strstr(notes[0].from, h1) != NULL);
	ck_assert_int_eq(net_store_get_object(st, h2, &b, &err), CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), "doc two");
	ck_assert_int_eq(net_store_get_object(st, "../../etc/passwd", &b, &err),
	    CORE_E_NOT_FOUND);
	core_buf_free(&b);
	net_store_free(&st);
}
END_TEST

START_TEST(test_cases_round_trip_and_ids)
{
	struct net_store	*st = open_store();
	struct net_case		 c, d;
	struct core_err		 err;
	char			 id[NET_CASE_ID_MAX + 1];
	int			 existing;

	net_case_init(&c);
	net_case_init(&d);
	ck_assert_int_eq(net_case_id_for(st, "https://bank.example",
	    "LN-2026-004217", id, &existing, &err), CORE_OK);
	ck_assert_str_eq(id, "LN-2026-004217");
	ck_assert_int_eq(existing, 0);
	snprintf(c.id, sizeof c.id, "%s", id);
	ck_assert_int_eq(net_case_set(&c.service, "https://bank.example/"), CORE_OK);
	ck_assert_int_eq(net_case_set(&c.service_id, "https://bank.example"), CORE_OK);
	ck_assert_int_eq(net_case_set(&c.reference, "LN-2026-004217"), CORE_OK);
	ck_assert_int_eq(net_case_set(&c.deadline, "2026-12-24"), CORE_OK);
	ck_assert_int_eq(net_case_set(&c.verdict, "valid_and_trusted"), CORE_OK);
	ck_assert_int_eq(net_case_set(&c.contest_status, "none"), CORE_OK);
	ck_assert_int_eq(net_case_save(st, &c, &err), CORE_OK);
	ck_assert_ptr_nonnull(c.updated_at);

	ck_assert_int_eq(net_case_load(st, id, &d, &err), CORE_OK);
	ck_assert_str_eq(d.reference, "LN-2026-004217");
	ck_assert_str_eq(d.deadline, "2026-12-24");
	ck_assert_str_eq(d.service_id, "https://bank.example");
	ck_assert_ptr_null(d.access_code);
	net_case_clear(&d);

	/* Same service and reference: the same case. */
	ck_assert_int_eq(net_case_id_for(st, "https://bank.example",
	    "LN-2026-004217", id, &existing, &err), CORE_OK);
	ck_assert_str_eq(id, "LN-2026-004217");
	ck_assert_int_eq(existing, 1);
	/* Another service with the same reference: a new id. */
	ck_assert_int_eq(net_case_id_for(st, "https://other.example",
	    "LN-2026-004217", id, &existing, &err), CORE_OK);
	ck_assert_str_eq(id, "LN-2026-004217-2");
	ck_assert_int_eq(existing, 0);
	/* A reference with awkward characters gives a safe file name. */
	ck_assert_int_eq(net_case_id_for(st, "https://x.example", "../a b/c\xc3\xa9",
	    id, &existing, &err), CORE_OK);
	ck_assert(net_store_name_ok(id));
	ck_assert_str_eq(id, "a-b-c-");

	/* Resolve by id and by reference. */
	ck_assert_int_eq(net_case_resolve(st, "LN-2026-004217", id, &err), CORE_OK);
	ck_assert_str_eq(id, "LN-2026-004217");
	ck_assert_int_eq(net_case_resolve(st, NULL, id, &err), CORE_OK);
	ck_assert_int_eq(net_case_resolve(st, "nothing", id, &err), CORE_E_NOT_FOUND);
	net_case_clear(&c);
	net_store_free(&st);
}
END_TEST

START_TEST(test_case_list_survives_damage)
{
	struct net_store	*st = open_store();
	struct net_case		 c, *v = NULL;
	struct core_err		 err;
	size_t			 n = 0, i;
	char			 ref[32];
	const struct net_quarantine_note *notes;

	net_case_init(&c);
	for (i = 0; i < 5; i++) {
		snprintf(ref, sizeof ref, "REF-%zu", i);
		snprintf(c.id, sizeof c.id, "%s", ref);
		ck_assert_int_eq(net_case_set(&c.service, "https://s.example"), CORE_OK);
		ck_assert_int_eq(net_case_set(&c.reference, ref), CORE_OK);
		ck_assert_int_eq(net_case_save(st, &c, &err), CORE_OK);
	}
	net_case_clear(&c);
	write_raw("cases/REF-2.json", "{\"version\":1,\"service\":\"https://s.exa");
	write_raw("cases/REF-3.json", "{\"version\":1,\"reference\":\"REF-3\"}");
	ck_assert_int_eq(net_case_list(st, &v, &n, &err), CORE_OK);
	ck_assert_uint_eq(n, 3);
	for (i = 0; i < n; i++)
		ck_assert(strcmp(v[i].id, "REF-2") != 0 && strcmp(v[i].id, "REF-3") != 0);
	net_case_list_free(&v, n);
	ck_assert_uint_eq(net_store_quarantined(st, &notes), 2);
	ck_assert(strstr(notes[0].why, "JSON") != NULL ||
	    strstr(notes[1].why, "JSON") != NULL);
	ck_assert(strstr(notes[0].why, "service") != NULL ||
	    strstr(notes[1].why, "service") != NULL);
	ck_assert_int_eq(count_prefix("quarantine", "cases-"), 2);
	net_store_free(&st);
}
END_TEST

START_TEST(test_access_code_only_when_set)
{
	struct net_store	*st = open_store();
	struct net_case		 c;
	struct core_err		 err;
	struct core_buf		 b;

	net_case_init(&c);
	core_buf_init(&b, 65536);
	snprintf(c.id, sizeof c.id, "K");
	net_case_set(&c.service, "https://s.example");
	net_case_set(&c.reference, "K");
	ck_assert_int_eq(net_case_save(st, &c, &err), CORE_OK);
	ck_assert_int_eq(net_store_read(st, NET_DIR_CASES, "K.json", 65536, &b, &err),
	    CORE_OK);
	ck_assert(strstr(core_buf_str(&b), "access_code") == NULL);
	net_case_set(&c.access_code, "7KQ4-M2PX");
	ck_assert_int_eq(net_case_save(st, &c, &err), CORE_OK);
	ck_assert_int_eq(net_store_read(st, NET_DIR_CASES, "K.json", 65536, &b, &err),
	    CORE_OK);
	ck_assert(strstr(core_buf_str(&b), "7KQ4-M2PX") != NULL);
	net_case_clear(&c);
	core_buf_free(&b);
	net_store_free(&st);
}
END_TEST

START_TEST(test_drafts)
{
	struct net_store	*st = open_store();
	struct core_err		 err;
	struct core_buf		 b;
	char			*big;

	core_buf_init(&b, NET_DRAFT_MAX);
	ck_assert_int_eq(net_draft_load(st, "C1", &b, &err), CORE_E_NOT_FOUND);
	ck_assert_int_eq(net_draft_save(st, "C1", "{\"statement\":\"I earn", 20, &err),
	    CORE_OK);
	ck_assert_int_eq(net_draft_save(st, "C1",
	    "{\"statement\":\"I earn more\"}", 27, &err), CORE_OK);
	ck_assert_int_eq(net_draft_load(st, "C1", &b, &err), CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), "{\"statement\":\"I earn more\"}");
	/* Too large: refused, and the saved draft stays as it was. */
	big = malloc(NET_DRAFT_MAX + 1);
	memset(big, 'a', NET_DRAFT_MAX + 1);
	ck_assert_int_eq(net_draft_save(st, "C1", big, NET_DRAFT_MAX + 1, &err),
	    CORE_E_TOO_LARGE);
	free(big);
	ck_assert_int_eq(net_draft_load(st, "C1", &b, &err), CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), "{\"statement\":\"I earn more\"}");
	ck_assert_int_eq(net_draft_save(st, "../C1", "x", 1, &err), CORE_E_ARG);
	ck_assert_int_eq(net_draft_remove(st, "C1", &err), CORE_OK);
	ck_assert_int_eq(net_draft_load(st, "C1", &b, &err), CORE_E_NOT_FOUND);
	core_buf_free(&b);
	net_store_free(&st);
}
END_TEST

START_TEST(test_lock_excludes_second_writer)
{
	struct net_store	*st = open_store(), *st2;
	struct core_err		 err;
	int			 to_child[2], to_parent[2], status;
	char			 ch;
	pid_t			 pid;

	ck_assert_int_eq(pipe(to_child), 0);
	ck_assert_int_eq(pipe(to_parent), 0);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		st2 = open_store();
		if (net_store_lock(st2, &err) != CORE_OK)
			_exit(1);
		(void)write(to_parent[1], "L", 1);
		(void)read(to_child[0], &ch, 1);
		_exit(0);	/* the kernel drops the lock with the process */
	}
	ck_assert_int_eq(read(to_parent[0], &ch, 1), 1);
	net_store_set_lock_wait(st, 100);
	ck_assert_int_eq(net_store_lock(st, &err), CORE_E_STORE_LOCKED);
	ck_assert_int_eq(net_draft_save(st, "C", "x", 1, &err), CORE_E_STORE_LOCKED);
	(void)write(to_child[1], "G", 1);
	waitpid(pid, &status, 0);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_int_eq(net_draft_save(st, "C", "x", 1, &err), CORE_OK);
	/* Nested locking in one process counts. */
	ck_assert_int_eq(net_store_lock(st, &err), CORE_OK);
	ck_assert_int_eq(net_store_lock(st, &err), CORE_OK);
	net_store_unlock(st);
	ck_assert_int_eq(net_draft_save(st, "C", "y", 1, &err), CORE_OK);
	net_store_unlock(st);
	net_store_free(&st);
}
END_TEST

START_TEST(test_disk_full_loses_nothing)
{
	struct net_store	*st = open_store();
	struct core_err		 err;
	struct core_buf		 b;
	struct rlimit		 rl;
	char			*big;
	pid_t			 pid;
	int			 status;

	ck_assert_int_eq(net_draft_save(st, "C", "kept draft", 10, &err), CORE_OK);
	net_store_free(&st);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		/* A file size limit makes writes fail as a full disk does. */
		signal(SIGXFSZ, SIG_IGN);
		rl.rlim_cur = rl.rlim_max = 4096;
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(2);
		st = open_store();
		big = malloc(100000);
		memset(big, 'b', 100000);
		if (net_draft_save(st, "C", big, 100000, &err) != CORE_E_NOSPACE)
			_exit(3);
		if (net_store_put_object(st, big, 100000, (char[65]){0}, &err) !=
		    CORE_E_NOSPACE)
			_exit(4);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "child status %d", status);
	st = open_store();
	core_buf_init(&b, NET_DRAFT_MAX);
	ck_assert_int_eq(net_draft_load(st, "C", &b, &err), CORE_OK);
	ck_assert_str_eq(core_buf_str(&b), "kept draft");
	ck_assert_int_eq(count_prefix("drafts", ".tmp-"), 0);
	ck_assert_int_eq(count_prefix("objects", ".tmp-"), 0);
	core_buf_free(&b);
	net_store_free(&st);
}
END_TEST

#ifdef RECOURSE_ALLOCFAIL
/* Every allocation along saving and listing cases may fail: out of memory
 * is reported, nothing crashes, nothing leaks (the sanitizer build). */
START_TEST(test_alloc_failures)
{
	struct net_store	*st = open_store();
	struct net_case		 c, *v;
	struct core_err		 err;
	size_t			 n;
	unsigned long		 i;
	enum core_code		 rc;

	net_case_init(&c);
	snprintf(c.id, sizeof c.id, "A");
	net_case_set(&c.service, "https://s.example");
	net_case_set(&c.reference, "A");
	ck_assert_int_eq(net_case_save(st, &c, &err), CORE_OK);
	for (i = 1; i < 400; i++) {
		core_alloc_fail_at(i);
		rc = net_case_save(st, &c, &err);
		ck_assert(rc == CORE_OK || rc == CORE_E_NOMEM);
		v = NULL;
		n = 0;
		rc = net_case_list(st, &v, &n, &err);
		ck_assert(rc == CORE_OK || rc == CORE_E_NOMEM);
		net_case_list_free(&v, n);
		if (!core_alloc_failed())
			break;
	}
	core_alloc_fail_at(0);
	ck_assert_uint_lt(i, 400);
	net_case_clear(&c);
	net_store_free(&st);
}
END_TEST
#endif

int
main(void)
{
	Suite	*s = suite_create("store");
	TCase	*tc = tcase_create("store");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_layout_and_modes);
	tcase_add_test(tc, test_write_read_replace);
	tcase_add_test(tc, test_stale_temp_removed);
	tcase_add_test(tc, test_objects);
	tcase_add_test(tc, test_cases_round_trip_and_ids);
	tcase_add_test(tc, test_case_list_survives_damage);
	tcase_add_test(tc, test_access_code_only_when_set);
	tcase_add_test(tc, test_drafts);
	tcase_add_test(tc, test_lock_excludes_second_writer);
	tcase_add_test(tc, test_disk_full_loses_nothing);
#ifdef RECOURSE_ALLOCFAIL
	tcase_add_test(tc, test_alloc_failures);
#endif
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
