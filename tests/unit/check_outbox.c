/*
 * check_outbox.c: a contest in the outbox keeps its key and its exact body
 * until it is removed; a damaged entry is set aside with its body, never
 * sent; the body under a key can never change.
 */
#include "config.h"

#include <sys/stat.h>

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "net/jfile.h"
#include "net/outbox.h"
#include "net/store.h"

static char	tmpdir[256];

static void
setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "%s/check_outbox.XXXXXX",
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

	ck_assert_int_eq(net_store_open(tmpdir, &st, &err), CORE_OK);
	return st;
}

/* A body with the characters that JSON text tends to mangle. */
static const char body1[] =
    "{\"decision_id\":\"d-1\",\"statement\":\"My income is \\u00a3 2,400 \xe2\x80\xa8"
    " \\\"not\\\" \xc2\xa3" "1,200 / month \xf0\x9f\x98\x80\\n\",\"grounds\":[\"inaccurate_data\"]}";

START_TEST(test_add_keeps_exact_body)
{
	struct net_store	*st = open_store();
	struct net_outbox_entry	 e, f;
	struct core_err		 err;
	char			 path[512], hex[65];
	struct stat		 sb;
	size_t			 i;

	net_outbox_entry_init(&e);
	net_outbox_entry_init(&f);
	ck_assert_int_eq(net_outbox_add(st, "LN-1", "https://bank.example",
	    "https://bank.example/contests", "d-1", body1, strlen(body1), &e, &err),
	    CORE_OK);
	ck_assert_uint_eq(strlen(e.key), NET_OUTBOX_KEY_LEN);
	for (i = 0; i < NET_OUTBOX_KEY_LEN; i++)
		ck_assert(strchr("0123456789abcdef", e.key[i]) != NULL);
	ck_assert_str_eq(e.state, NET_OUTBOX_PENDING);
	ck_assert_int_eq(core_sha256_hex(body1, strlen(body1), hex), CORE_OK);
	ck_assert_str_eq(e.body_sha256, hex);

	/* On disk before anything is sent, private. */
	snprintf(path, sizeof path, "%s/outbox/%s.json", tmpdir, e.key);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);

	/* Read back by a new process-like open: byte for byte. */
	net_store_free(&st);
	st = open_store();
	ck_assert_int_eq(net_outbox_load(st, e.key, &f, &err), CORE_OK);
	ck_assert_uint_eq(f.body_len, strlen(body1));
	ck_assert(memcmp(f.body, body1, f.body_len) == 0);
	ck_assert_str_eq(f.case_id, "LN-1");
	ck_assert_str_eq(f.contests_url, "https://bank.example/contests");
	net_outbox_entry_clear(&f);
	net_outbox_entry_clear(&e);
	net_store_free(&st);
}
END_TEST

START_TEST(test_keys_are_fresh)
{
	struct net_store	*st = open_store();
	struct net_outbox_entry	 a, b;
	struct core_err		 err;

	net_outbox_entry_init(&a);
	net_outbox_entry_init(&b);
	ck_assert_int_eq(net_outbox_add(st, "C", NULL, "https://s.example/c", NULL,
	    "{}", 2, &a, &err), CORE_OK);
	ck_assert_int_eq(net_outbox_add(st, "C", NULL, "https://s.example/c", NULL,
	    "{}", 2, &b, &err), CORE_OK);
	ck_assert_str_ne(a.key, b.key);
	net_outbox_entry_clear(&a);
	net_outbox_entry_clear(&b);
	net_store_free(&st);
}
END_TEST

START_TEST(test_refuses_bad_bodies)
{
	struct net_store	*st = open_store();
	struct core_err		 err;
	char			*big;

	ck_assert_int_eq(net_outbox_add(st, "C", NULL, "https://s.example/c", NULL,
	    "{\"a\":\"\xff\"}", 8, NULL, &err), CORE_E_ARG);
	ck_assert_int_eq(net_outbox_add(st, "C", NULL, "https://s.example/c", NULL,
	    "{\"a\0\":1}", 8, NULL, &err), CORE_E_ARG);
	ck_assert_int_eq(net_outbox_add(st, "C", NULL, "https://s.example/c", NULL,
	    "", 0, NULL, &err), CORE_E_TOO_LARGE);
	big = malloc(NET_OUTBOX_MAX_BODY + 1);
	memset(big, ' ', NET_OUTBOX_MAX_BODY + 1);
	ck_assert_int_eq(net_outbox_add(st, "C", NULL, "https://s.example/c", NULL,
	    big, NET_OUTBOX_MAX_BODY + 1, NULL, &err), CORE_E_TOO_LARGE);
	free(big);
	net_store_free(&st);
}
END_TEST

START_TEST(test_update_never_changes_body)
{
	struct net_store	*st = open_store();
	struct net_outbox_entry	 e, f;
	struct core_err		 err;

	net_outbox_entry_init(&e);
	net_outbox_entry_init(&f);
	ck_assert_int_eq(net_outbox_add(st, "C", NULL, "https://s.example/c", "d",
	    body1, strlen(body1), &e, &err), CORE_OK);
	e.attempts = 3;
	e.not_before = 1790000000;
	ck_assert_int_eq(net_outbox_update(st, &e, &err), CORE_OK);
	ck_assert_int_eq(net_outbox_load(st, e.key, &f, &err), CORE_OK);
	ck_assert_int_eq(f.attempts, 3);
	ck_assert_int_eq(f.not_before, 1790000000);
	ck_assert(memcmp(f.body, body1, strlen(body1)) == 0);
	net_outbox_entry_clear(&f);

	/* Same key, another body: refused, the file keeps the first. */
	e.body[10] = 'X';
	ck_assert_int_eq(net_outbox_update(st, &e, &err), CORE_E_ARG);
	ck_assert_int_eq(net_outbox_load(st, e.key, &f, &err), CORE_OK);
	ck_assert(memcmp(f.body, body1, strlen(body1)) == 0);
	net_outbox_entry_clear(&f);
	net_outbox_entry_clear(&e);
	net_store_free(&st);
}
END_TEST

START_TEST(test_damaged_entry_set_aside)
{
	struct net_store		*st = open_store();
	struct net_outbox_entry		 a, b, *v = NULL;
	struct core_err			 err;
	struct core_buf			 raw;
	char				 name[64], *p;
	size_t				 n = 0;
	const struct net_quarantine_note *notes;
	FILE				*fp;
	char				 path[512];

	net_outbox_entry_init(&a);
	net_outbox_entry_init(&b);
	core_buf_init(&raw, 1 << 20);
	ck_assert_int_eq(net_outbox_add(st, "A", NULL, "https://s.example/c", NULL,
	    "{\"statement\":\"first\"}", 21, &a, &err), CORE_OK);
	ck_assert_int_eq(net_outbox_add(st, "B", NULL, "https://s.example/c", NULL,
	    "{\"statement\":\"second\"}", 22, &b, &err), CORE_OK);

	/* Change one byte of A's body on disk, as a bad disk might. */
	snprintf(name, sizeof name, "%s.json", a.key);
	ck_assert_int_eq(net_store_read(st, NET_DIR_OUTBOX, name, 1 << 20, &raw, &err),
	    CORE_OK);
	ck_assert_ptr_nonnull(p = strstr((char *)raw.data, "first"));
	p[0] = 'F';
	snprintf(path, sizeof path, "%s/outbox/%s", tmpdir, name);
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fwrite(raw.data, 1, raw.len, fp);
	fclose(fp);

	ck_assert_int_eq(net_outbox_list(st, &v, &n, &err), CORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].key, b.key);
	net_outbox_list_free(&v, n);
	ck_assert_uint_eq(net_store_quarantined(st, &notes), 1);
	ck_assert(strstr(notes[0].why, "SHA-256") != NULL);
	/* The person's words are still on disk, in quarantine/. */
	ck_assert(strstr(notes[0].to, "quarantine/") == notes[0].to);
	snprintf(path, sizeof path, "%s/%s", tmpdir, notes[0].to);
	ck_assert_int_eq(access(path, R_OK), 0);
	ck_assert_int_eq(net_outbox_remove(st, b.key, &err), CORE_OK);
	ck_assert_int_eq(net_outbox_list(st, &v, &n, &err), CORE_OK);
	ck_assert_uint_eq(n, 0);
	core_buf_free(&raw);
	net_outbox_entry_clear(&a);
	net_outbox_entry_clear(&b);
	net_store_free(&st);
}
END_TEST

START_TEST(test_list_oldest_first)
{
	struct net_store	*st = open_store();
	struct net_outbox_entry	 e, *v = NULL;
	struct core_err		 err;
	size_t			 n = 0, i;
	char			 body[32];

	for (i = 0; i < 4; i++) {
		net_outbox_entry_init(&e);
		snprintf(body, sizeof body, "{\"n\":%zu}", i);
		ck_assert_int_eq(net_outbox_add(st, "C", NULL, "https://s.example/c",
		    NULL, body, strlen(body), &e, &err), CORE_OK);
		/* created_at has one-second resolution: set it apart. */
		snprintf(e.created_at, 21, "2026-11-2%zuT10:00:00Z", 6 - i);
		ck_assert_int_eq(net_outbox_update(st, &e, &err), CORE_OK);
		net_outbox_entry_clear(&e);
	}
	ck_assert_int_eq(net_outbox_list(st, &v, &n, &err), CORE_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(v[0].body, "{\"n\":3}");
	ck_assert_str_eq(v[3].body, "{\"n\":0}");
	net_outbox_list_free(&v, n);
	net_store_free(&st);
}
END_TEST

START_TEST(test_receipt_records)
{
	struct net_store	*st = open_store();
	struct net_receipt_rec	 r, *v = NULL;
	struct core_err		 err;
	size_t			 n = 0;
	char			 hex[65];

	net_receipt_rec_init(&r);
	core_sha256_hex("receipt", 7, hex);
	ck_assert_int_eq(net_receipt_rec_save(st, &r, &err), CORE_E_ARG);
	ck_assert_int_eq(net_jfile_set(&r.receipt, hex), CORE_OK);
	ck_assert_int_eq(net_jfile_set(&r.case_id, "LN-1"), CORE_OK);
	ck_assert_int_eq(net_jfile_set(&r.contest_id, "CT-9"), CORE_OK);
	ck_assert_int_eq(net_jfile_set(&r.answer_due, "2027-01-08"), CORE_OK);
	ck_assert_int_eq(net_receipt_rec_save(st, &r, &err), CORE_OK);
	ck_assert_int_eq(net_receipt_rec_list(st, &v, &n, &err), CORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].contest_id, "CT-9");
	ck_assert_str_eq(v[0].answer_due, "2027-01-08");
	ck_assert_str_eq(v[0].receipt, hex);
	net_receipt_rec_list_free(&v, n);
	net_receipt_rec_clear(&r);
	net_store_free(&st);
}
END_TEST

#ifdef RECOURSE_ALLOCFAIL
/* Every allocation of add, load and list may fail without a crash or leak. */
START_TEST(test_alloc_failures)
{
	struct net_store	*st = open_store();
	struct net_outbox_entry	 e, *v;
	struct core_err		 err;
	size_t			 n;
	unsigned long		 i;
	enum core_code		 rc;
	int			 failed;

	for (i = 1; i < 500; i++) {
		net_outbox_entry_init(&e);
		core_alloc_fail_at(i);
		rc = net_outbox_add(st, "C", "https://s.example", "https://s.example/c",
		    "d", body1, strlen(body1), &e, &err);
		ck_assert(rc == CORE_OK || rc == CORE_E_NOMEM);
		v = NULL;
		n = 0;
		rc = net_outbox_list(st, &v, &n, &err);
		ck_assert(rc == CORE_OK || rc == CORE_E_NOMEM);
		net_outbox_list_free(&v, n);
		failed = core_alloc_failed();
		core_alloc_fail_at(0);
		/* Start each round from an empty outbox. */
		if (e.key != NULL)
			ck_assert_int_eq(net_outbox_remove(st, e.key, &err), CORE_OK);
		net_outbox_entry_clear(&e);
		if (!failed)
			break;
	}
	core_alloc_fail_at(0);
	ck_assert_uint_lt(i, 500);
	net_store_free(&st);
}
END_TEST
#endif

int
main(void)
{
	Suite	*s = suite_create("outbox");
	TCase	*tc = tcase_create("outbox");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_add_keeps_exact_body);
	tcase_add_test(tc, test_keys_are_fresh);
	tcase_add_test(tc, test_refuses_bad_bodies);
	tcase_add_test(tc, test_update_never_changes_body);
	tcase_add_test(tc, test_damaged_entry_set_aside);
	tcase_add_test(tc, test_list_oldest_first);
	tcase_add_test(tc, test_receipt_records);
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
