/* check_html.c: letters in restricted HTML laid out for a terminal. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/html.h"
#include "core/safetext.h"

/* Every line within the width, and no byte a terminal would act on. */
static void
assert_sane(const struct core_html_doc *d, size_t width)
{
	const unsigned char	*t = (const unsigned char *)core_html_text(d);
	size_t			 i;

	for (i = 0; i < d->nlines; i++) {
		ck_assert_msg(d->lines[i].width <= width,
		    "line %zu is %zu wide", i, d->lines[i].width);
		ck_assert_uint_eq(d->lines[i].width, core_text_width(
		    core_html_line_text(d, i), d->lines[i].len));
		ck_assert_msg(d->lines[i].len == 0 ||
		    core_html_line_text(d, i)[d->lines[i].len] == '\n',
		    "line %zu not followed by LF", i);
	}
	for (i = 0; t[i] != '\0'; i++) {
		if (t[i] == '\n')
			continue;
		ck_assert_msg(t[i] >= 0x20 && t[i] != 0x7f, "byte 0x%02x", t[i]);
		if (t[i] == 0xc2)
			ck_assert_msg(t[i + 1] < 0x80 || t[i + 1] > 0x9f, "C1");
	}
	ck_assert_ptr_null(strstr((const char *)t, "\xe2\x80\xae"));
	ck_assert_ptr_null(strstr((const char *)t, "\xe2\x80\x8b"));
}

/* Render html at width with flags; the test owns the document. */
static struct core_html_doc *
render(const char *html, size_t width, unsigned flags)
{
	struct core_html_opts	 o;
	struct core_html_doc	*d = NULL;
	struct core_err		 err;

	memset(&o, 0, sizeof o);
	o.width = width;
	o.flags = flags;
	ck_assert_int_eq(core_html_render(html, strlen(html), &o, &d, &err),
	    CORE_OK);
	ck_assert_ptr_nonnull(d);
	assert_sane(d, width);
	return d;
}

/* Index of the first line holding needle, or -1. */
static long
find_line(const struct core_html_doc *d, const char *needle)
{
	size_t	i;
	char	buf[4096];

	for (i = 0; i < d->nlines; i++) {
		snprintf(buf, sizeof buf, "%.*s", (int)d->lines[i].len,
		    core_html_line_text(d, i));
		if (strstr(buf, needle) != NULL)
			return (long)i;
	}
	return -1;
}

/* The attribute of the span covering word on line i (0 if none). */
static unsigned
attr_of(const struct core_html_doc *d, long i, const char *word)
{
	const char	*t = core_html_line_text(d, (size_t)i);
	const char	*p;
	size_t		 j, off;

	ck_assert_int_ge(i, 0);
	p = strstr(t, word);
	ck_assert_ptr_nonnull(p);
	off = (size_t)(p - t);
	for (j = 0; j < d->lines[i].nspan; j++) {
		const struct core_html_span *s = &d->spans[d->lines[i].span + j];

		if (s->off <= off && off + strlen(word) <= s->off + s->len)
			return s->attr;
	}
	return 0;
}

START_TEST(test_structure)
{
	struct core_html_doc	*d;
	const char		*t;
	long			 h, i;

	d = render("<h1>Your loan</h1><p>Dear <b>applicant</b>, we used an "
	    "<em>automated system</em>. See <a href='https://bank.example/r'>"
	    "your rights</a>.</p><ol start='3'><li>first</li><li>second<ul>"
	    "<li>inner</li></ul></li></ol><p>Logo: <img src='x' alt='Bank'>"
	    "<br>next line</p>", 60, 0);
	t = core_html_text(d);
	h = find_line(d, "Your loan");
	ck_assert_int_eq(h, 0);
	ck_assert_int_eq(d->lines[h].kind, CORE_HTML_L_HEADING);
	ck_assert_uint_eq(d->lines[h].level, 1);
	ck_assert_uint_eq(attr_of(d, h, "Your") & CORE_HTML_A_HEADING,
	    CORE_HTML_A_HEADING);
	ck_assert_int_eq(d->lines[1].kind, CORE_HTML_L_BLANK);
	i = find_line(d, "Dear applicant");
	ck_assert_uint_eq(attr_of(d, i, "applicant"), CORE_HTML_A_STRONG);
	ck_assert_uint_eq(attr_of(d, i, "automated"), CORE_HTML_A_EM);
	ck_assert_uint_eq(attr_of(d, i, "Dear"), 0);
	ck_assert_ptr_nonnull(strstr(t, "rights\xc2\xa0[1]."));
	ck_assert_uint_eq(attr_of(d, find_line(d, "rights"), "rights"),
	    CORE_HTML_A_LINK);
	ck_assert_int_ge(find_line(d, "  3. first"), 0);
	ck_assert_int_ge(find_line(d, "  4. second"), 0);
	i = find_line(d, "inner");
	ck_assert_int_eq(d->lines[i].kind, CORE_HTML_L_ITEM);
	ck_assert_uint_eq(d->lines[i].level, 2);
	ck_assert_int_ge(find_line(d, "     \xe2\x97\xa6 inner"), 0);
	ck_assert_ptr_nonnull(strstr(t, "Logo: Bank\nnext line\n"));
	ck_assert_ptr_nonnull(strstr(t, "\nLinks:\n[1] https://bank.example/r\n"));
	ck_assert_uint_eq(d->nlinks, 1);
	ck_assert_int_eq(d->truncated, 0);
	core_html_free(&d);
	ck_assert_ptr_null(d);
}
END_TEST

START_TEST(test_dropped_elements)
{
	struct core_html_doc	*d;
	const char		*t;

	d = render("<head><title>TITLE</title><style>STYLE</style></head>"
	    "<p>kept</p><script>SCRIPT</script><form>FORM<input value=INPUT>"
	    "<textarea>TEXTAREA</textarea></form><iframe>IFRAME</iframe>"
	    "<object>OBJECT</object><svg><text>SVG</text></svg><template>"
	    "TEMPLATE</template><noscript>shown</noscript><embed src=x>"
	    "<p>after embed</p>", 40, 0);
	t = core_html_text(d);
	ck_assert_ptr_nonnull(strstr(t, "kept"));
	ck_assert_ptr_nonnull(strstr(t, "after embed"));
	ck_assert_ptr_null(strstr(t, "TITLE"));
	ck_assert_ptr_null(strstr(t, "STYLE"));
	ck_assert_ptr_null(strstr(t, "SCRIPT"));
	ck_assert_ptr_null(strstr(t, "FORM"));
	ck_assert_ptr_null(strstr(t, "INPUT"));
	ck_assert_ptr_null(strstr(t, "TEXTAREA"));
	ck_assert_ptr_null(strstr(t, "IFRAME"));
	ck_assert_ptr_null(strstr(t, "OBJECT"));
	ck_assert_ptr_null(strstr(t, "SVG"));
	ck_assert_ptr_null(strstr(t, "TEMPLATE"));
	core_html_free(&d);
}
END_TEST

START_TEST(test_links)
{
	struct core_html_doc	*d;
	const char		*t;

	d = render("<p><a href='https://a.example/'>one</a> <a href="
	    "'javascript:alert(1)'>two</a> <a href='https://a.example/'>again"
	    "</a> <a href='mailto:x@b.example'>mail</a> <a href='data:text/html,"
	    "x'>data</a> <a href='  HTTPS://c.example/&#x202e;x'>c</a></p>",
	    60, 0);
	t = core_html_text(d);
	ck_assert_ptr_nonnull(strstr(t, "one\xc2\xa0[1] two again\xc2\xa0[1] "
	    "mail\xc2\xa0[2] data c\xc2\xa0[3]"));
	ck_assert_ptr_nonnull(strstr(t, "[1] https://a.example/\n"));
	ck_assert_ptr_nonnull(strstr(t, "[2] mailto:x@b.example\n"));
	/* An address hides nothing: its format characters are shown. */
	ck_assert_ptr_nonnull(strstr(t, "[3] HTTPS://c.example/<U+202E>x\n"));
	ck_assert_ptr_null(strstr(t, "javascript"));
	ck_assert_ptr_null(strstr(t, "data:"));
	core_html_free(&d);
}
END_TEST

START_TEST(test_marks)
{
	struct core_html_doc	*d;
	const char		*t;

	d = render("<h1>Title</h1><h2>Sub</h2><p>a <b>bold </b>and <i>it</i>"
	    "<b></b> and <b><i>both</i></b>.</p>", 40, CORE_HTML_MARKS);
	t = core_html_text(d);
	ck_assert_ptr_nonnull(strstr(t, "Title\n=====\n"));
	ck_assert_ptr_nonnull(strstr(t, "Sub\n---\n"));
	ck_assert_ptr_nonnull(strstr(t, "a *bold* and _it_ and *_both_*."));
	core_html_free(&d);
	/* Screen-reader mode: no underlines, no decoration to read aloud. */
	d = render("<h1>Title</h1><hr><p>x</p>", 40,
	    CORE_HTML_MARKS | CORE_HTML_SCREEN_READER);
	t = core_html_text(d);
	ck_assert_str_eq(t, "Title\n\nx\n");
	core_html_free(&d);
}
END_TEST

static const char table_html[] =
    "<table><caption>Factors</caption><tr><th>Factor</th><th>Value</th>"
    "<th>Points</th></tr><tr><td>Income</td><td>\xc2\xa3" "21,000</td>"
    "<td>-35</td></tr><tr><td>Credit history length in years and months"
    "</td><td>2</td><td>-20</td></tr><tr><td>\xe6\x9d\xb1\xe4\xba\xac</td>"
    "<td>x</td></tr></table>";

START_TEST(test_table_grid)
{
	struct core_html_doc	*d;
	long			 h, i, r;
	const char		*l, *bar;
	size_t			 col = 0;

	d = render(table_html, 40, 0);
	ck_assert_int_ge(find_line(d, "Factors"), 0);
	h = find_line(d, "Factor ");
	ck_assert_int_ge(h, 0);
	ck_assert_int_eq(d->lines[h].kind, CORE_HTML_L_TABLE);
	ck_assert_uint_eq(attr_of(d, h, "Value"), CORE_HTML_A_STRONG);
	r = h + 1;
	l = core_html_line_text(d, (size_t)r);
	ck_assert(strncmp(l, "---", 3) == 0);
	ck_assert_ptr_nonnull(memchr(l, '+', d->lines[r].len));
	/* The first separator sits in the same column on every row. */
	for (i = h; i < (long)d->nlines; i++) {
		if (d->lines[i].kind != CORE_HTML_L_TABLE)
			continue;
		l = core_html_line_text(d, (size_t)i);
		bar = memchr(l, i == r ? '+' : '|', d->lines[i].len);
		ck_assert_ptr_nonnull(bar);
		if (col == 0)
			col = core_text_width(l, (size_t)(bar - l));
		ck_assert_uint_eq(core_text_width(l, (size_t)(bar - l)), col);
	}
	/* The long cell wrapped within its column. */
	ck_assert_int_ge(find_line(d, "Credit history"), 0);
	ck_assert_int_lt(find_line(d, "Credit history length in years and"), 0);
	core_html_free(&d);
}
END_TEST

START_TEST(test_table_linear)
{
	struct core_html_doc	*d;
	const char		*t;
	long			 i;

	d = render(table_html, 40, CORE_HTML_SCREEN_READER);
	t = core_html_text(d);
	ck_assert_ptr_nonnull(strstr(t, "Factors\nFactor: Income\nValue: \xc2\xa3"
	    "21,000\nPoints: -35\n\nFactor: Credit history length in years\n"
	    "  and months\nValue: 2\nPoints: -20\n\nFactor: \xe6\x9d\xb1\xe4\xba\xac\n"
	    "Value: x\n"));
	ck_assert_ptr_null(strstr(t, " | "));
	i = find_line(d, "Value: x");
	ck_assert_uint_eq(attr_of(d, i, "Value"), CORE_HTML_A_STRONG);
	core_html_free(&d);
	/* No header row: "Column N".  Too many columns for the width: linear. */
	d = render("<table><tr><td>a</td><td>b</td><td>c</td><td>d</td></tr>"
	    "</table>", 12, 0);
	t = core_html_text(d);
	ck_assert_str_eq(t, "Column\xc2\xa0" "1: a\nColumn\xc2\xa0" "2: b\n"
	    "Column\xc2\xa0" "3: c\nColumn\xc2\xa0" "4: d\n");
	core_html_free(&d);
}
END_TEST

START_TEST(test_huge_table_bounded)
{
	struct core_buf		 b;
	struct core_html_opts	 o;
	struct core_html_doc	*d = NULL;
	struct core_err		 err;
	size_t			 r, c;
	clock_t			 t0;

	core_buf_init(&b, CORE_HTML_MAX_INPUT);
	ck_assert_int_eq(core_buf_adds(&b, "<table>"), CORE_OK);
	for (r = 0; r < 1500; r++) {
		core_buf_adds(&b, "<tr>");
		for (c = 0; c < 40; c++)
			core_buf_adds(&b, "<td>x</td>");
		ck_assert_int_eq(core_buf_adds(&b, "</tr>"), CORE_OK);
	}
	memset(&o, 0, sizeof o);
	o.width = 80;
	o.max_lines = 5000;
	t0 = clock();
	ck_assert_int_eq(core_html_render((const char *)b.data, b.len, &o, &d,
	    &err), CORE_OK);
	ck_assert(clock() - t0 < 10 * CLOCKS_PER_SEC);
	assert_sane(d, 80);
	ck_assert_int_eq(d->truncated, 1);
	ck_assert_uint_le(d->nlines, 5000);
	ck_assert_int_eq(d->lines[d->nlines - 1].kind, CORE_HTML_L_NOTE);
	ck_assert_ptr_nonnull(strstr(core_html_text(d), "left out"));
	core_html_free(&d);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_entities_never_expand)
{
	static const char bomb[] =
	    "<!DOCTYPE html [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;"
	    "&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY xxe SYSTEM "
	    "\"file:///etc/passwd\">]><p>[&d;] [&xxe;] &amp; &copy; &#65; "
	    "&#x1b;[2J &#0; &#xd800; &#x202e;x</p>";
	struct core_html_doc	*d;
	const char		*t;

	d = render(bomb, 60, 0);
	t = core_html_text(d);
	ck_assert_ptr_nonnull(strstr(t, "[&d;] [&xxe;] & \xc2\xa9 A"));
	ck_assert_ptr_null(strstr(t, "aaaaaaaaaaaaaaaaaaaa"));
	ck_assert_ptr_null(strstr(t, "root:"));
	ck_assert_uint_lt(strlen(t), 1000);
	core_html_free(&d);
}
END_TEST

START_TEST(test_controls_and_encoding)
{
	struct core_html_doc	*d;
	const char		*t;

	d = render("<meta charset='ISO-8859-1'><p>ok\x1b]0;title\x07 "
	    "x\x1b[2Jy \xe2\x80\xae" "rev caf\xe9 \xc3\xa9t\xc3\xa9 \x7f"
	    "\xc2\x9b" "1m</p>", 60, 0);
	t = core_html_text(d);
	/* UTF-8 stays UTF-8 whatever the page claims; a stray byte is U+FFFD. */
	ck_assert_ptr_nonnull(strstr(t, "caf\xef\xbf\xbd \xc3\xa9t\xc3\xa9"));
	ck_assert_ptr_nonnull(strstr(t, "rev"));
	core_html_free(&d);
	d = render("<p>a\xe2\x80\xae" "b\xe2\x81\xa6" "c</p>", 60,
	    CORE_HTML_ESCAPES);
	ck_assert_str_eq(core_html_text(d), "a<U+202E>b<U+2066>c\n");
	core_html_free(&d);
}
END_TEST

START_TEST(test_malformed)
{
	struct core_html_doc	*d;
	struct core_html_opts	 o;
	struct core_err		 err;
	struct core_buf		 b;
	const char		*t;
	size_t			 i;

	d = render("<p>one<p>two<ul><li>a<li>b</ul><b><i>unclosed <p>three"
	    "</i></b></div></span><<>><p>four", 40, 0);
	t = core_html_text(d);
	ck_assert_ptr_nonnull(strstr(t, "one\n\ntwo\n\n  \xe2\x80\xa2 a\n"
	    "  \xe2\x80\xa2 b\n"));
	ck_assert_ptr_nonnull(strstr(t, "three"));
	ck_assert_ptr_nonnull(strstr(t, "four"));
	core_html_free(&d);
	/* Nesting deeper than the parser takes: what is read is shown, and a
	 * note says the rest was left out. */
	core_buf_init(&b, CORE_HTML_MAX_INPUT);
	core_buf_adds(&b, "<p>start</p>");
	for (i = 0; i < 20000; i++)
		core_buf_adds(&b, "<div><ul><li>");
	d = render((const char *)b.data, 40, 0);
	ck_assert_int_eq(d->truncated, 1);
	ck_assert_ptr_nonnull(strstr(core_html_text(d), "start"));
	core_html_free(&d);
	core_buf_free(&b);
	/* A marker too wide for a narrow screen moves left or goes; deep
	 * nesting on a wide screen is indented at most 64 columns. */
	d = render("<ol start='99999999'><li>x<ol start='-99999999'><li>y</ol>"
	    "</ol>", 10, 0);
	ck_assert_ptr_nonnull(strstr(core_html_text(d), "x"));
	ck_assert_ptr_nonnull(strstr(core_html_text(d), "y"));
	core_html_free(&d);
	core_buf_init(&b, CORE_HTML_MAX_INPUT);
	for (i = 0; i < 40; i++)
		core_buf_adds(&b, "<ol start='99999999'><li>item<blockquote>");
	d = render((const char *)b.data, 1000, 0);
	for (i = 0; i < d->nlines; i++)
		ck_assert_uint_le(d->lines[i].width, 64 + 30);
	core_html_free(&d);
	core_buf_free(&b);
	/* Empty input is an empty letter; bounds are checked. */
	d = render("", 40, 0);
	ck_assert_uint_eq(d->nlines, 0);
	ck_assert_str_eq(core_html_text(d), "");
	core_html_free(&d);
	memset(&o, 0, sizeof o);
	o.width = 5;
	ck_assert_int_eq(core_html_render("<p>x</p>", 8, &o, &d, &err), CORE_E_ARG);
	ck_assert_ptr_null(d);
	o.width = 40;
	ck_assert_int_eq(core_html_render("x", CORE_HTML_MAX_INPUT + 1, &o, &d,
	    &err), CORE_E_TOO_LARGE);
	ck_assert_ptr_null(d);
}
END_TEST

START_TEST(test_long_word_and_pre)
{
	struct core_buf		 b;
	struct core_html_doc	*d;
	size_t			 i;

	core_buf_init(&b, 1 << 20);
	core_buf_adds(&b, "<ul><li><p>");
	for (i = 0; i < 10000; i++)
		core_buf_addc(&b, 'w');
	core_buf_adds(&b, "</p></li></ul><pre>\tcol\n  two spaces</pre>");
	d = render((const char *)b.data, 30, 0);
	ck_assert_uint_gt(d->nlines, 10000 / 30);
	ck_assert_ptr_nonnull(strstr(core_html_text(d), "\n        col\n  two spaces\n"));
	core_html_free(&d);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_plain_letter)
{
	static const char	 text[] = "Dear applicant,\r\n\r\nWe have examined "
	    "your application.\x1b[2J\tThank you.\n\xe2\x80\xae" "done";
	struct core_html_opts	 o;
	struct core_html_doc	*d = NULL;
	struct core_err		 err;

	memset(&o, 0, sizeof o);
	o.width = 20;
	ck_assert_int_eq(core_html_render_plain(text, sizeof text - 1, &o, &d,
	    &err), CORE_OK);
	assert_sane(d, 20);
	ck_assert_str_eq(core_html_text(d), "Dear applicant,\n\nWe have examined\n"
	    "your application.\nThank you.\ndone\n");
	ck_assert_int_eq(d->lines[1].kind, CORE_HTML_L_BLANK);
	core_html_free(&d);
}
END_TEST

/* Read a file of the source tree into a NUL-terminated buffer. */
static char *
slurp(const char *rel, size_t *len)
{
	const char	*top = getenv("top_srcdir");
	char		 path[4096];
	char		*buf;
	FILE		*fp;
	long		 n;

	snprintf(path, sizeof path, "%s/%s", top != NULL ? top : ".", rel);
	fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

START_TEST(test_vectors)
{
	static const struct {
		const char	*in;
		const char	*want;
		size_t		 width;
		unsigned	 flags;
	} v[] = {
		{ "letter.html", "letter.w60.txt", 60, 0 },
		{ "letter.html", "letter.w60.sr.txt", 60, CORE_HTML_SCREEN_READER },
		{ "letter.html", "letter.w40.marks.txt", 40, CORE_HTML_MARKS },
		{ "hostile.html", "hostile.w60.txt", 60, 0 },
		{ "hostile.html", "hostile.w60.esc.txt", 60, CORE_HTML_ESCAPES },
	};
	struct core_html_opts	 o;
	struct core_html_doc	*d;
	struct core_err		 err;
	char			 path[256], *in, *want;
	size_t			 i, inlen, wantlen;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		snprintf(path, sizeof path, "tests/vectors/html/%s", v[i].in);
		in = slurp(path, &inlen);
		snprintf(path, sizeof path, "tests/vectors/html/%s", v[i].want);
		want = slurp(path, &wantlen);
		memset(&o, 0, sizeof o);
		o.width = v[i].width;
		o.flags = v[i].flags;
		d = NULL;
		ck_assert_int_eq(core_html_render(in, inlen, &o, &d, &err), CORE_OK);
		assert_sane(d, v[i].width);
		ck_assert_msg(strcmp(core_html_text(d), want) == 0,
		    "%s differs from %s:\n%s", v[i].in, v[i].want,
		    core_html_text(d));
		core_html_free(&d);
		free(in);
		free(want);
	}
}
END_TEST

#ifdef RECOURSE_ALLOCFAIL
/* Every allocation failure ends in CORE_E_NOMEM, never a crash or a leak. */
START_TEST(test_alloc_failures)
{
	static const char	 html[] = "<h1>T</h1><p>a <b>b</b> <a href="
	    "'https://x.example/'>c</a></p><ul><li>d</li></ul><table><tr><th>h"
	    "</th></tr><tr><td>e</td></tr></table>";
	struct core_html_opts	 o;
	struct core_html_doc	*d;
	struct core_err		 err;
	enum core_code		 rc;
	unsigned long		 n;

	memset(&o, 0, sizeof o);
	o.width = 30;
	for (n = 1; n < 1000; n++) {
		d = NULL;
		core_alloc_fail_at(n);
		rc = core_html_render(html, sizeof html - 1, &o, &d, &err);
		core_alloc_fail_at(0);
		if (rc == CORE_OK) {
			core_html_free(&d);
			break;
		}
		ck_assert_int_eq(rc, CORE_E_NOMEM);
		ck_assert_ptr_null(d);
	}
	ck_assert_uint_lt(n, 1000);
}
END_TEST
#endif

int
main(void)
{
	Suite	*s = suite_create("html");
	TCase	*tc = tcase_create("html");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_structure);
	tcase_add_test(tc, test_dropped_elements);
	tcase_add_test(tc, test_links);
	tcase_add_test(tc, test_marks);
	tcase_add_test(tc, test_table_grid);
	tcase_add_test(tc, test_table_linear);
	tcase_add_test(tc, test_huge_table_bounded);
	tcase_add_test(tc, test_entities_never_expand);
	tcase_add_test(tc, test_controls_and_encoding);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_long_word_and_pre);
	tcase_add_test(tc, test_plain_letter);
	tcase_add_test(tc, test_vectors);
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
