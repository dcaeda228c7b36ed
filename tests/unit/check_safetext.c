/* check_safetext.c: the display sanitiser, width and wrapping. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/safetext.h"

/* Sanitise s[0..len) into a fresh string owned by the test. */
static char *
san(const char *s, size_t len, unsigned flags)
{
	struct core_buf	b;
	char		*r;

	core_buf_init(&b, 1 << 20);
	ck_assert_int_eq(core_safetext_append(&b, s, len, flags), CORE_OK);
	r = strdup(core_buf_str(&b));
	core_buf_free(&b);
	ck_assert_ptr_nonnull(r);
	return r;
}

#define SAN(lit, fl) san((lit), sizeof(lit) - 1, (fl))

/* No byte that a terminal would act on: C0 (but LF where allowed), DEL,
 * C1 in UTF-8 (C2 80..C2 9F), and no bidi controls or zero-width space. */
static void
assert_inert(const char *s, int lf_ok)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; p[i] != '\0'; i++) {
		if (p[i] == '\n' && lf_ok)
			continue;
		ck_assert_msg(p[i] >= 0x20 && p[i] != 0x7f,
		    "control byte 0x%02x at %zu", p[i], i);
		if (p[i] == 0xc2)
			ck_assert_msg(p[i + 1] < 0x80 || p[i + 1] > 0x9f,
			    "C1 control at %zu", i);
	}
	ck_assert_ptr_null(strstr(s, "\xe2\x80\xae"));	/* U+202E */
	ck_assert_ptr_null(strstr(s, "\xe2\x81\xa6"));	/* U+2066 */
	ck_assert_ptr_null(strstr(s, "\xe2\x80\x8b"));	/* U+200B */
	ck_assert_ptr_null(strstr(s, "\xef\xbb\xbf"));	/* U+FEFF */
}

START_TEST(test_csi_removed_whole)
{
	char	*r;

	r = SAN("a\x1b[2Jb\x1b[31;1mred\x1b[0m", 0);
	ck_assert_str_eq(r, "abred");
	free(r);
	r = SAN("a\x1b[2Jb", CORE_SAFETEXT_ESCAPE);
	ck_assert_str_eq(r, "a<U+001B>[2Jb");
	free(r);
	/* C1 CSI encoded in UTF-8. */
	r = SAN("x\xc2\x9b" "31my", 0);
	ck_assert_str_eq(r, "xy");
	free(r);
	r = SAN("x\xc2\x9b" "31my", CORE_SAFETEXT_ESCAPE);
	ck_assert_str_eq(r, "x<U+009B>31my");
	free(r);
}
END_TEST

START_TEST(test_osc_title_removed)
{
	char	*r;

	r = SAN("before\x1b]0;you have been hacked\x07" "after", 0);
	ck_assert_str_eq(r, "beforeafter");
	free(r);
	r = SAN("1\x1b]2;title\x1b\\2", 0);
	ck_assert_str_eq(r, "12");
	free(r);
	r = SAN("1\x1b]0;t\x07" "2", CORE_SAFETEXT_ESCAPE);
	ck_assert_str_eq(r, "1<U+001B>]0;t<U+0007>2");
	free(r);
	/* DCS, APC, and two- and three-character escapes. */
	r = SAN("a\x1bPq#0;2;0;0;0\x1b\\b\x1b_x\x1b\\c\x1b" "cd\x1b(Be", 0);
	ck_assert_str_eq(r, "abcde");
	free(r);
	/* An unterminated title string is removed to the end. */
	r = SAN("keep\x1b]0;rest", 0);
	ck_assert_str_eq(r, "keep");
	free(r);
}
END_TEST

START_TEST(test_controls)
{
	char	*r;

	r = san("a\0b\x01\x7f" "c\x08\x07", 8, CORE_SAFETEXT_ESCAPE);
	ck_assert_str_eq(r, "a<U+0000>b<U+0001><U+007F>c<U+0008><U+0007>");
	free(r);
	r = san("a\0b\x01\x7f" "c\x08\x07", 8, 0);
	ck_assert_str_eq(r, "abc");
	free(r);
	r = SAN("tab\there", 0);
	ck_assert_str_eq(r, "tab here");
	free(r);
	/* Line breaks: kept as LF, or a space. */
	r = SAN("a\r\nb\rc\nd\xc2\x85" "e\xe2\x80\xa8" "f", CORE_SAFETEXT_MULTILINE);
	ck_assert_str_eq(r, "a\nb\nc\nd\ne\nf");
	free(r);
	r = SAN("a\r\nb\nc", 0);
	ck_assert_str_eq(r, "a b c");
	free(r);
}
END_TEST

START_TEST(test_bidi_and_invisible)
{
	char	*r;

	/* "invoice_RLO_fdp.exe" would read as "invoice_exe.pdf". */
	r = SAN("invoice_\xe2\x80\xae" "fdp.exe", 0);
	ck_assert_str_eq(r, "invoice_fdp.exe");
	free(r);
	r = SAN("invoice_\xe2\x80\xae" "fdp.exe", CORE_SAFETEXT_ESCAPE);
	ck_assert_str_eq(r, "invoice_<U+202E>fdp.exe");
	free(r);
	r = SAN("\xe2\x81\xa6" "a\xe2\x81\xa9\xe2\x80\x8e" "b\xe2\x80\x8f\xd8\x9c" "c", 0);
	ck_assert_str_eq(r, "abc");
	free(r);
	r = SAN("pay\xe2\x80\x8bpal\xef\xbb\xbf\xc2\xad" "x\xe2\x81\xa0y", 0);
	ck_assert_str_eq(r, "paypalxy");
	free(r);
	/* Tag characters spelling "hi", and Hangul fillers. */
	r = SAN("a\xf3\xa0\x81\xa8\xf3\xa0\x81\xa9" "b\xe3\x85\xa4" "c", 0);
	ck_assert_str_eq(r, "abc");
	free(r);
	/* Noncharacters. */
	r = SAN("a\xef\xbf\xbe" "b\xef\xb7\x90" "c", CORE_SAFETEXT_ESCAPE);
	ck_assert_str_eq(r, "a<U+FFFE>b<U+FDD0>c");
	free(r);
	/* A joiner between Latin letters is not needed: removed. */
	r = SAN("a\xe2\x80\x8d" "b", 0);
	ck_assert_str_eq(r, "ab");
	free(r);
}
END_TEST

START_TEST(test_joiners_kept_where_needed)
{
	char	*r;

	/* Family emoji: MAN ZWJ WOMAN ZWJ GIRL. */
	r = SAN("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", 0);
	ck_assert_str_eq(r, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7");
	free(r);
	/* Persian "mi-khaham" with ZWNJ. */
	r = SAN("\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85", 0);
	ck_assert_str_eq(r, "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85");
	free(r);
	/* The flag of Wales: black flag, tags g b w l s, cancel tag. */
	r = SAN("\xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2\xf3\xa0\x81\xb7"
	    "\xf3\xa0\x81\xac\xf3\xa0\x81\xb3\xf3\xa0\x81\xbf!", 0);
	ck_assert_str_eq(r, "\xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2\xf3\xa0\x81\xb7"
	    "\xf3\xa0\x81\xac\xf3\xa0\x81\xb3\xf3\xa0\x81\xbf!");
	free(r);
	/* Tags after a flag but without CANCEL TAG hide text: removed. */
	r = SAN("\xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2!", 0);
	ck_assert_str_eq(r, "\xf0\x9f\x8f\xb4!");
	free(r);
}
END_TEST

START_TEST(test_invalid_utf8)
{
	char	*r;

	r = SAN("a\xff" "b", 0);
	ck_assert_str_eq(r, "a\xef\xbf\xbd" "b");
	free(r);
	/* An encoded lone surrogate: three maximal subparts. */
	r = SAN("\xed\xa0\x80", 0);
	ck_assert_str_eq(r, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	free(r);
	/* Overlong NUL and slash. */
	r = SAN("\xc0\x80/\xe0\x80\xaf", 0);
	ck_assert_str_eq(r, "\xef\xbf\xbd\xef\xbf\xbd/\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	free(r);
	/* A truncated sequence at the end is one U+FFFD. */
	r = SAN("x\xe2\x82", 0);
	ck_assert_str_eq(r, "x\xef\xbf\xbd");
	free(r);
	/* A raw C1 byte is not UTF-8 either. */
	r = SAN("\x9b" "2J", 0);
	ck_assert_str_eq(r, "\xef\xbf\xbd" "2J");
	free(r);
}
END_TEST

START_TEST(test_nfc)
{
	char	*r;

	r = SAN("cafe\xcc\x81", 0);
	ck_assert_str_eq(r, "caf\xc3\xa9");
	free(r);
	/* Hangul jamo compose to a syllable. */
	r = SAN("\xe1\x84\x80\xe1\x85\xa1", 0);
	ck_assert_str_eq(r, "\xea\xb0\x80");
	free(r);
	/* A format character between base and mark goes, then NFC. */
	r = SAN("e\xe2\x80\x8b\xcc\x81", 0);
	ck_assert_str_eq(r, "\xc3\xa9");
	free(r);
}
END_TEST

START_TEST(test_mark_stack_capped)
{
	char	 in[1 + 200 * 2 + 1];
	char	*r;
	size_t	 i, marks = 0;

	in[0] = 'q';	/* no precomposed q with diaeresis */
	for (i = 0; i < 200; i++) {
		in[1 + 2 * i] = '\xcc';
		in[2 + 2 * i] = '\x88';		/* U+0308 */
	}
	in[sizeof in - 1] = '\0';
	r = san(in, sizeof in - 1, 0);
	for (i = 0; r[i] != '\0'; i++)
		if ((unsigned char)r[i] == 0xcc)
			marks++;
	ck_assert_uint_eq(marks, CORE_SAFETEXT_MAX_MARKS);
	ck_assert_uint_eq(core_text_width(r, strlen(r)), 1);
	free(r);
}
END_TEST

START_TEST(test_hostile_mix_inert)
{
	static const char hostile[] =
	    "\x1b[2J\x1b]0;title\x07\xe2\x80\xae\xe2\x81\xa6\xe2\x80\x8b\xef\xbb\xbf"
	    "\x1bP1$r\x1b\\\xc2\x9b" "1m\xc2\x9d" "0;x\xc2\x9c\xff\xfe\r\n\x7f\x05"
	    "\xed\xb0\x80text";
	char	*r;

	r = SAN(hostile, 0);
	assert_inert(r, 0);
	ck_assert_ptr_nonnull(strstr(r, "text"));
	free(r);
	r = SAN(hostile, CORE_SAFETEXT_ESCAPE);
	assert_inert(r, 0);
	ck_assert_ptr_nonnull(strstr(r, "<U+202E>"));
	free(r);
	r = SAN(hostile, CORE_SAFETEXT_MULTILINE | CORE_SAFETEXT_ESCAPE);
	assert_inert(r, 1);
	free(r);
}
END_TEST

START_TEST(test_safetext_string_and_ceiling)
{
	char		*r = NULL;
	struct core_buf	 b;

	ck_assert_int_eq(core_safetext("ok\x1b[1m!", 0, 64, &r), CORE_OK);
	ck_assert_str_eq(r, "ok!");
	core_free(r);
	ck_assert_int_eq(core_safetext(NULL, 0, 64, &r), CORE_OK);
	ck_assert_str_eq(r, "");
	core_free(r);
	ck_assert_int_eq(core_safetext("0123456789", 0, 5, &r), CORE_E_TOO_LARGE);
	ck_assert_ptr_null(r);
	/* A failed append leaves the buffer as it was. */
	core_buf_init(&b, 8);
	ck_assert_int_eq(core_safetext_append(&b, "abc", 3, 0), CORE_OK);
	ck_assert_int_eq(core_safetext_append(&b, "\xe2\x80\xae" "defghij", 10,
	    CORE_SAFETEXT_ESCAPE), CORE_E_TOO_LARGE);
	ck_assert_str_eq(core_buf_str(&b), "abc");
	core_buf_free(&b);
}
END_TEST

START_TEST(test_width)
{
	ck_assert_uint_eq(core_text_width("abc", 3), 3);
	ck_assert_uint_eq(core_text_width("\xe6\x9d\xb1\xe4\xba\xac", 6), 4);	/* 東京 */
	ck_assert_uint_eq(core_text_width("e\xcc\x81", 3), 1);
	ck_assert_uint_eq(core_text_width("\xf0\x9f\x98\x80", 4), 2);		/* 😀 */
	ck_assert_uint_eq(core_text_width("\xef\xbc\xa1", 3), 2);		/* Ａ */
	ck_assert_uint_eq(core_text_width("\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", 8), 4);
	ck_assert_uint_eq(core_text_width("", 0), 0);
}
END_TEST

START_TEST(test_fit)
{
	size_t	used;

	/* 東京へ at 5 columns: two characters. */
	ck_assert_uint_eq(core_text_fit("\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xb8", 9, 5, &used), 6);
	ck_assert_uint_eq(used, 4);
	/* Never between a base and its mark. */
	ck_assert_uint_eq(core_text_fit("ae\xcc\x81z", 5, 2, &used), 4);
	ck_assert_uint_eq(used, 2);
	ck_assert_uint_eq(core_text_fit("abc", 3, 10, &used), 3);
}
END_TEST

/* Wrap s at width into a list of lines joined by '|'. */
static char *
wrap_join(const char *s, size_t width)
{
	struct core_text_lines	 l;
	struct core_buf		 b;
	size_t			 i;
	char			*r;

	memset(&l, 0, sizeof l);
	core_buf_init(&b, 1 << 20);
	ck_assert_int_eq(core_text_wrap(s, strlen(s), width, 0, &l), CORE_OK);
	for (i = 0; i < l.n; i++) {
		ck_assert_uint_le(l.v[i].width, width);
		ck_assert_uint_eq(l.v[i].width,
		    core_text_width(s + l.v[i].off, l.v[i].len));
		if (i > 0)
			core_buf_addc(&b, '|');
		core_buf_add(&b, s + l.v[i].off, l.v[i].len);
	}
	r = strdup(core_buf_str(&b));
	core_buf_free(&b);
	core_text_lines_free(&l);
	return r;
}

START_TEST(test_wrap_words)
{
	char	*r;

	r = wrap_join("the quick brown fox jumps", 10);
	ck_assert_str_eq(r, "the quick|brown fox|jumps");
	free(r);
	r = wrap_join("a  b   c", 3);
	ck_assert_str_eq(r, "a|b|c");
	free(r);
	r = wrap_join("one\n\ntwo three\n", 5);
	ck_assert_str_eq(r, "one||two|three|");
	free(r);
	r = wrap_join("  indented text", 9);
	ck_assert_str_eq(r, "  indente|d text");
	free(r);
	r = wrap_join("", 5);
	ck_assert_str_eq(r, "");
	free(r);
	/* CJK: a break before and after each wide character. */
	r = wrap_join("\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xb8\xe8\xa1\x8c\xe3\x81\x8f", 5);
	ck_assert_str_eq(r, "\xe6\x9d\xb1\xe4\xba\xac|\xe3\x81\xb8\xe8\xa1\x8c|\xe3\x81\x8f");
	free(r);
	r = wrap_join("see \xe6\x9d\xb1\xe4\xba\xac" "station", 8);
	ck_assert_str_eq(r, "see \xe6\x9d\xb1\xe4\xba\xac|station");
	free(r);
}
END_TEST

START_TEST(test_wrap_long_word)
{
	struct core_text_lines	 l;
	char			*word, *cat;
	size_t			 i, n = 10000, total = 0;

	word = malloc(n + 1);
	ck_assert_ptr_nonnull(word);
	for (i = 0; i < n; i++)
		word[i] = (char)('a' + i % 26);
	word[n] = '\0';
	memset(&l, 0, sizeof l);
	ck_assert_int_eq(core_text_wrap(word, n, 37, 0, &l), CORE_OK);
	ck_assert_uint_eq(l.n, (n + 36) / 37);
	cat = malloc(n + 1);
	ck_assert_ptr_nonnull(cat);
	for (i = 0; i < l.n; i++) {
		ck_assert_uint_le(l.v[i].width, 37);
		memcpy(cat + total, word + l.v[i].off, l.v[i].len);
		total += l.v[i].len;
	}
	ck_assert_uint_eq(total, n);
	ck_assert(memcmp(cat, word, n) == 0);
	core_text_lines_free(&l);
	/* A line limit stops the wrap with what fits. */
	ck_assert_int_eq(core_text_wrap(word, n, 37, 5, &l), CORE_E_TOO_LARGE);
	ck_assert_uint_eq(l.n, 5);
	core_text_lines_free(&l);
	ck_assert_int_eq(core_text_wrap(word, n, 0, 0, &l), CORE_E_ARG);
	free(cat);
	free(word);
}
END_TEST

START_TEST(test_wrap_graphemes_whole)
{
	struct core_text_lines	 l;
	char			*s, *r;
	size_t			 i, n = 1000;

	/* 1000 x "e + COMBINING ACUTE" decomposed, as one word. */
	s = malloc(n * 3 + 1);
	ck_assert_ptr_nonnull(s);
	for (i = 0; i < n; i++)
		memcpy(s + 3 * i, "e\xcc\x81", 3);
	s[3 * n] = '\0';
	memset(&l, 0, sizeof l);
	ck_assert_int_eq(core_text_wrap(s, 3 * n, 7, 0, &l), CORE_OK);
	ck_assert_uint_eq(l.n, (n + 6) / 7);
	for (i = 0; i < l.n; i++) {
		ck_assert_uint_eq(l.v[i].len % 3, 0);
		ck_assert_int_eq(s[l.v[i].off], 'e');
		ck_assert_uint_le(l.v[i].width, 7);
	}
	core_text_lines_free(&l);
	free(s);
	/* Regional-indicator pairs (flags) and emoji stay whole. */
	r = wrap_join("\xf0\x9f\x87\xac\xf0\x9f\x87\xa7\xf0\x9f\x87\xab\xf0\x9f\x87\xb7", 2);
	ck_assert_str_eq(r, "\xf0\x9f\x87\xac\xf0\x9f\x87\xa7|\xf0\x9f\x87\xab\xf0\x9f\x87\xb7");
	free(r);
	/* A wide character at width 1 goes alone on its line. */
	memset(&l, 0, sizeof l);
	ck_assert_int_eq(core_text_wrap("a\xe6\x9d\xb1" "b", 5, 1, 0, &l), CORE_OK);
	ck_assert_uint_eq(l.n, 3);
	ck_assert_uint_eq(l.v[1].width, 2);
	core_text_lines_free(&l);
}
END_TEST

START_TEST(test_hostile_then_wrapped)
{
	struct core_buf		b;
	struct core_text_lines	l;
	size_t			i, j, n = 10000;
	static const char	head[] = "\x1b[2J\x1b]0;owned\x07" "Dear \xe2\x80\xae"
	    "applicant, ";
	static const char	tail[] = " \xe6\x9d\xb1\xe4\xba\xac e\xcc\x81";

	core_buf_init(&b, 1 << 20);
	ck_assert_int_eq(core_safetext_append(&b, head, sizeof head - 1,
	    CORE_SAFETEXT_ESCAPE), CORE_OK);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(core_buf_addc(&b, 'W'), CORE_OK);
	ck_assert_int_eq(core_safetext_append(&b, tail, sizeof tail - 1, 0),
	    CORE_OK);
	ck_assert_ptr_nonnull(strstr((const char *)b.data, "Dear <U+202E>applicant, W"));
	memset(&l, 0, sizeof l);
	ck_assert_int_eq(core_text_wrap((char *)b.data, b.len, 20, 0, &l), CORE_OK);
	for (i = 0; i < l.n; i++) {
		ck_assert_uint_le(l.v[i].width, 20);
		for (j = 0; j < l.v[i].len; j++) {
			unsigned char c = b.data[l.v[i].off + j];
			ck_assert(c >= 0x20 && c != 0x7f);
		}
	}
	core_text_lines_free(&l);
	core_buf_free(&b);
}
END_TEST

#ifdef RECOURSE_ALLOCFAIL
/* Every allocation failure along the sanitiser and the wrap ends in
 * CORE_E_NOMEM, not a crash (leaks show under the sanitizers). */
START_TEST(test_alloc_failures)
{
	static const char	in[] = "caf\x65\xcc\x81 \x1b[1m\xe2\x80\xae word";
	struct core_buf		b;
	struct core_text_lines	l;
	enum core_code		rc;
	unsigned long		n;

	for (n = 1; n < 100; n++) {
		core_buf_init(&b, 4096);
		core_alloc_fail_at(n);
		rc = core_safetext_append(&b, in, sizeof in - 1, 0);
		core_alloc_fail_at(0);
		core_buf_free(&b);
		if (rc == CORE_OK)
			break;
		ck_assert_int_eq(rc, CORE_E_NOMEM);
	}
	ck_assert_uint_lt(n, 100);
	memset(&l, 0, sizeof l);
	core_alloc_fail_at(1);
	rc = core_text_wrap("a b c", 5, 1, 0, &l);
	core_alloc_fail_at(0);
	ck_assert_int_eq(rc, CORE_E_NOMEM);
	core_text_lines_free(&l);
}
END_TEST
#endif

int
main(void)
{
	Suite	*s = suite_create("safetext");
	TCase	*tc = tcase_create("safetext");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_csi_removed_whole);
	tcase_add_test(tc, test_osc_title_removed);
	tcase_add_test(tc, test_controls);
	tcase_add_test(tc, test_bidi_and_invisible);
	tcase_add_test(tc, test_joiners_kept_where_needed);
	tcase_add_test(tc, test_invalid_utf8);
	tcase_add_test(tc, test_nfc);
	tcase_add_test(tc, test_mark_stack_capped);
	tcase_add_test(tc, test_hostile_mix_inert);
	tcase_add_test(tc, test_safetext_string_and_ceiling);
	tcase_add_test(tc, test_width);
	tcase_add_test(tc, test_fit);
	tcase_add_test(tc, test_wrap_words);
	tcase_add_test(tc, test_wrap_long_word);
	tcase_add_test(tc, test_wrap_graphemes_whole);
	tcase_add_test(tc, test_hostile_then_wrapped);
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
