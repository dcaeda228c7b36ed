/*
 * check_editor.c: the text editor of the interface (tui/editor.h): UTF-8
 * insertion and deletion a grapheme at a time, wrapping at a width with
 * wide and combining characters, undo, and the character ceiling.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tui/editor.h"

/* Type a UTF-8 string, one code point at a time. */
static void
type(struct tui_editor *e, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 cp;
	int			 n;

	while (*p != '\0') {
		if (*p < 0x80) {
			cp = *p;
			n = 1;
		} else if ((*p & 0xe0) == 0xc0) {
			cp = *p & 0x1f;
			n = 2;
		} else if ((*p & 0xf0) == 0xe0) {
			cp = *p & 0x0f;
			n = 3;
		} else {
			cp = *p & 0x07;
			n = 4;
		}
		for (int i = 1; i < n; i++)
			cp = (cp << 6) | (p[i] & 0x3f);
		ck_assert_int_eq(tui_ed_insert(e, cp), TUI_ED_OK);
		p += n;
	}
}

/* The text of line i of a layout. */
static char *
line(const struct tui_editor *e, const struct tui_ed_layout *l, size_t i)
{
	static char	buf[256];

	ck_assert_uint_lt(i, l->n);
	ck_assert_uint_lt(l->len[i], sizeof buf);
	memcpy(buf, e->s + l->off[i], l->len[i]);
	buf[l->len[i]] = '\0';
	return buf;
}

START_TEST(test_insert_utf8)
{
	struct tui_editor	e;

	tui_ed_init(&e, 0, 0, 0);
	type(&e, "Caf\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x98\x80");
	ck_assert_str_eq(e.s, "Caf\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x98\x80");
	ck_assert_uint_eq(e.len, strlen(e.s));
	ck_assert_uint_eq(e.nchars, 9);
	ck_assert_uint_eq(e.cur, e.len);
	/* In the middle: before the CJK pair. */
	tui_ed_left(&e);
	tui_ed_left(&e);
	tui_ed_left(&e);
	tui_ed_left(&e);
	ck_assert_uint_eq(e.cur, 6);
	ck_assert_int_eq(tui_ed_insert(&e, 0x00fc), TUI_ED_OK);
	ck_assert_str_eq(e.s, "Caf\xc3\xa9 \xc3\xbc\xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x98\x80");
	ck_assert_uint_eq(e.cur, 8);
	tui_ed_free(&e);
}
END_TEST

START_TEST(test_delete_grapheme)
{
	struct tui_editor	e;

	tui_ed_init(&e, 0, 0, 0);
	/* e + COMBINING ACUTE, then e + two marks: one character each. */
	type(&e, "xe\xcc\x81" "e\xcc\x81\xcc\xa3");
	ck_assert_uint_eq(e.nchars, 6);
	ck_assert_int_eq(tui_ed_backspace(&e), TUI_ED_OK);
	ck_assert_str_eq(e.s, "xe\xcc\x81");
	ck_assert_uint_eq(e.nchars, 3);
	tui_ed_left(&e);
	ck_assert_uint_eq(e.cur, 1);
	ck_assert_int_eq(tui_ed_delete(&e), TUI_ED_OK);
	ck_assert_str_eq(e.s, "x");
	ck_assert_int_eq(tui_ed_delete(&e), TUI_ED_NONE);
	tui_ed_free(&e);

	/* A flag is two regional indicators and one grapheme. */
	tui_ed_init(&e, 0, 0, 0);
	type(&e, "a\xf0\x9f\x87\xac\xf0\x9f\x87\xa7" "b");
	tui_ed_left(&e);
	tui_ed_left(&e);
	ck_assert_uint_eq(e.cur, 1);
	tui_ed_right(&e);
	ck_assert_uint_eq(e.cur, 9);
	ck_assert_int_eq(tui_ed_backspace(&e), TUI_ED_OK);
	ck_assert_str_eq(e.s, "ab");
	tui_ed_free(&e);

	/* A Hangul syllable typed as three jamo is one grapheme. */
	tui_ed_init(&e, 0, 0, 0);
	type(&e, "\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8");
	ck_assert_int_eq(tui_ed_backspace(&e), TUI_ED_OK);
	ck_assert_str_eq(e.s, "");
	ck_assert_uint_eq(e.nchars, 0);
	ck_assert_int_eq(tui_ed_backspace(&e), TUI_ED_NONE);
	tui_ed_free(&e);
}
END_TEST

START_TEST(test_refused)
{
	struct tui_editor	e;

	tui_ed_init(&e, 1, 0, 0);
	ck_assert_int_eq(tui_ed_insert(&e, 0x1b), TUI_ED_REFUSED);
	ck_assert_int_eq(tui_ed_insert(&e, 0x9b), TUI_ED_REFUSED);
	ck_assert_int_eq(tui_ed_insert(&e, 0x202e), TUI_ED_REFUSED);
	ck_assert_int_eq(tui_ed_insert(&e, 0x2066), TUI_ED_REFUSED);
	ck_assert_int_eq(tui_ed_insert(&e, 0x200b), TUI_ED_REFUSED);
	ck_assert_int_eq(tui_ed_insert(&e, 0xfeff), TUI_ED_REFUSED);
	ck_assert_int_eq(tui_ed_insert(&e, 0xd800), TUI_ED_REFUSED);
	ck_assert_int_eq(tui_ed_insert(&e, '\n'), TUI_ED_REFUSED);
	ck_assert_uint_eq(e.len, 0);
	/* set drops what insert refuses. */
	ck_assert_int_eq(tui_ed_set(&e, "a\x1b[2Jb\xe2\x80\xae" "c\n"), TUI_ED_OK);
	ck_assert_str_eq(e.s, "a[2Jbc");
	tui_ed_free(&e);
	tui_ed_init(&e, 0, 0, 0);
	ck_assert_int_eq(tui_ed_insert(&e, '\n'), TUI_ED_OK);
	ck_assert_str_eq(e.s, "\n");
	tui_ed_free(&e);
}
END_TEST

START_TEST(test_wrap_cjk)
{
	struct tui_editor	e;
	struct tui_ed_layout	l;

	tui_ed_init(&e, 0, 0, 0);
	/* Six CJK characters, two columns each, at a width of 5. */
	tui_ed_set(&e, "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe3\x81\xae\xe5\xa4\xa9\xe6\xb0\x97");
	ck_assert_int_eq(tui_ed_layout(&e, 5, &l), 0);
	ck_assert_uint_eq(l.n, 3);
	ck_assert_str_eq(line(&e, &l, 0), "\xe6\x9d\xb1\xe4\xba\xac");
	ck_assert_str_eq(line(&e, &l, 1), "\xe9\x83\xbd\xe3\x81\xae");
	ck_assert_str_eq(line(&e, &l, 2), "\xe5\xa4\xa9\xe6\xb0\x97");
	ck_assert_uint_eq(l.cur_line, 2);
	ck_assert_uint_eq(l.cur_col, 4);
	/* Up keeps the column. */
	tui_ed_vertical(&e, &l, -1);
	ck_assert_uint_eq(e.cur, 12);
	tui_ed_layout_free(&l);
	tui_ed_free(&e);
}
END_TEST

START_TEST(test_wrap_combining)
{
	struct tui_editor	e;
	struct tui_ed_layout	l;
	size_t			i;

	tui_ed_init(&e, 0, 0, 0);
	/* "café" with a combining accent is four columns. */
	tui_ed_set(&e, "cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81");
	ck_assert_int_eq(tui_ed_layout(&e, 4, &l), 0);
	ck_assert_uint_eq(l.n, 3);
	for (i = 0; i < 3; i++)
		ck_assert_str_eq(line(&e, &l, i), "cafe\xcc\x81");
	tui_ed_layout_free(&l);
	/* A word longer than the width breaks, never inside a character. */
	tui_ed_set(&e, "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81");
	ck_assert_int_eq(tui_ed_layout(&e, 2, &l), 0);
	ck_assert_uint_eq(l.n, 3);
	ck_assert_str_eq(line(&e, &l, 0), "e\xcc\x81" "e\xcc\x81");
	ck_assert_str_eq(line(&e, &l, 2), "e\xcc\x81");
	tui_ed_layout_free(&l);
	/* A hard line break starts a line. */
	tui_ed_set(&e, "ab\ncd");
	ck_assert_int_eq(tui_ed_layout(&e, 40, &l), 0);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(line(&e, &l, 1), "cd");
	ck_assert_uint_eq(l.cur_line, 1);
	ck_assert_uint_eq(l.cur_col, 2);
	tui_ed_layout_free(&l);
	/* The empty text is one empty line with the cursor on it. */
	tui_ed_set(&e, "");
	ck_assert_int_eq(tui_ed_layout(&e, 10, &l), 0);
	ck_assert_uint_ge(l.n, 1);
	ck_assert_uint_eq(l.cur_line, 0);
	ck_assert_uint_eq(l.cur_col, 0);
	tui_ed_layout_free(&l);
	tui_ed_free(&e);
}
END_TEST

START_TEST(test_undo)
{
	struct tui_editor	e;

	tui_ed_init(&e, 0, 0, 0);
	type(&e, "hello world");
	ck_assert_int_eq(tui_ed_undo(&e), TUI_ED_OK);
	ck_assert_str_eq(e.s, "hello ");
	ck_assert_uint_eq(e.cur, 6);
	ck_assert_int_eq(tui_ed_undo(&e), TUI_ED_OK);
	ck_assert_str_eq(e.s, "hello");
	ck_assert_int_eq(tui_ed_undo(&e), TUI_ED_OK);
	ck_assert_str_eq(e.s, "");
	ck_assert_uint_eq(e.nchars, 0);
	ck_assert_int_eq(tui_ed_undo(&e), TUI_ED_NONE);
	/* A deletion comes back with its cursor and count. */
	type(&e, "na\xc3\xafve");
	tui_ed_left(&e);
	tui_ed_left(&e);
	ck_assert_int_eq(tui_ed_backspace(&e), TUI_ED_OK);
	ck_assert_str_eq(e.s, "nave");
	ck_assert_uint_eq(e.nchars, 4);
	ck_assert_int_eq(tui_ed_undo(&e), TUI_ED_OK);
	ck_assert_str_eq(e.s, "na\xc3\xafve");
	ck_assert_uint_eq(e.nchars, 5);
	ck_assert_uint_eq(e.cur, 4);
	tui_ed_free(&e);
}
END_TEST

START_TEST(test_undo_bounded)
{
	struct tui_editor	e;
	size_t			i, n = 0;

	tui_ed_init(&e, 0, 0, 0);
	for (i = 0; i < TUI_EDITOR_UNDO + 50; i++)
		type(&e, "a ");
	ck_assert_uint_le(e.nundo, TUI_EDITOR_UNDO);
	while (tui_ed_undo(&e) == TUI_ED_OK)
		n++;
	ck_assert_uint_eq(n, TUI_EDITOR_UNDO);
	/* The oldest steps went: the text is not back to empty. */
	ck_assert_uint_gt(e.len, 0);
	tui_ed_free(&e);
}
END_TEST

START_TEST(test_limit)
{
	struct tui_editor	e;

	/* Five characters, counted in code points as the service does. */
	tui_ed_init(&e, 0, 5, 0);
	type(&e, "ab\xe6\x9d\xb1" "e\xcc\x81");
	ck_assert_uint_eq(e.nchars, 5);
	ck_assert_int_eq(tui_ed_insert(&e, 'x'), TUI_ED_FULL);
	ck_assert_int_eq(tui_ed_insert(&e, 0x301), TUI_ED_FULL);
	ck_assert_str_eq(e.s, "ab\xe6\x9d\xb1" "e\xcc\x81");
	ck_assert_int_eq(tui_ed_backspace(&e), TUI_ED_OK);
	ck_assert_uint_eq(e.nchars, 3);
	ck_assert_int_eq(tui_ed_insert(&e, 'x'), TUI_ED_OK);
	ck_assert_uint_eq(e.nchars, 4);
	/* A longer text given whole is cut at the ceiling. */
	ck_assert_int_eq(tui_ed_set(&e, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"),
	    TUI_ED_FULL);
	ck_assert_uint_eq(e.nchars, 5);
	ck_assert_str_eq(e.s, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
	tui_ed_free(&e);

	/* A byte ceiling as well. */
	tui_ed_init(&e, 1, 0, 4);
	type(&e, "\xe6\x9d\xb1");
	ck_assert_int_eq(tui_ed_insert(&e, 0x6771), TUI_ED_FULL);
	ck_assert_int_eq(tui_ed_insert(&e, 'a'), TUI_ED_OK);
	ck_assert_uint_eq(e.len, 4);
	tui_ed_free(&e);
}
END_TEST

/* The suite. */
static Suite *
editor_suite(void)
{
	Suite	*s = suite_create("editor");
	TCase	*tc = tcase_create("editor");

	tcase_add_test(tc, test_insert_utf8);
	tcase_add_test(tc, test_delete_grapheme);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_wrap_cjk);
	tcase_add_test(tc, test_wrap_combining);
	tcase_add_test(tc, test_undo);
	tcase_add_test(tc, test_undo_bounded);
	tcase_add_test(tc, test_limit);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(editor_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
