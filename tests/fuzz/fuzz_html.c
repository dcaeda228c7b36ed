/*
 * fuzz_html.c: libFuzzer target for the letter layout and the display
 * sanitiser.
 *
 * The first byte picks the width (10-73) and the flags; the rest is the
 * letter.  Besides not crashing, leaking or overrunning: every laid-out
 * line fits the width, is followed by LF and holds no control character;
 * every span lies inside its line; the plain-text layout keeps the same
 * promises; the sanitiser's output holds no control character, sanitising it
 * again changes nothing, and its wrap never makes a line wider than the
 * width except for a single grapheme cluster.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/html.h"
#include "core/safetext.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless s[0..len) is free of C0 (but LF), DEL and C1 controls. */
static void
fuzz_inert(const unsigned char *s, size_t len, int lf_ok)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\n' && lf_ok)
			continue;
		if (s[i] < 0x20 || s[i] == 0x7f)
			abort();
		if (s[i] == 0xc2 && i + 1 < len && s[i + 1] >= 0x80 &&
		    s[i + 1] <= 0x9f)
			abort();
	}
}

/* Abort unless the document keeps its promises. */
static void
fuzz_doc(const struct core_html_doc *d, size_t width)
{
	const struct core_html_line	*l;
	const struct core_html_span	*s;
	const char			*t;
	size_t				 i, j;

	fuzz_inert((const unsigned char *)core_html_text(d), d->text.len, 1);
	for (i = 0; i < d->nlines; i++) {
		l = &d->lines[i];
		t = core_html_line_text(d, i);
		if (l->width > width || t[l->len] != '\n' ||
		    core_text_width(t, l->len) != l->width)
			abort();
		if (l->span + l->nspan > d->nspans)
			abort();
		for (j = 0; j < l->nspan; j++) {
			s = &d->spans[l->span + j];
			if (s->len == 0 || s->off + s->len > l->len)
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct core_html_opts	 o;
	struct core_html_doc	*d = NULL;
	struct core_text_lines	 tl;
	struct core_buf		 a, b;
	struct core_err		 err;
	size_t			 i, width;

	if (size < 1)
		return 0;
	memset(&o, 0, sizeof o);
	o.width = 10 + (data[0] & 0x3f);
	o.flags = (data[0] >> 6) | ((data[0] & 1) ? CORE_HTML_ESCAPES : 0);
	o.max_lines = 2000;
	width = o.width;
	data++;
	size--;

	if (core_html_render((const char *)data, size, &o, &d, &err) == CORE_OK) {
		fuzz_doc(d, width);
		core_html_free(&d);
	}
	if (core_html_render_plain((const char *)data, size, &o, &d, &err) ==
	    CORE_OK) {
		fuzz_doc(d, width);
		core_html_free(&d);
	}

	core_buf_init(&a, 16 * size + 64);
	core_buf_init(&b, 16 * size + 64);
	if (core_safetext_append(&a, (const char *)data, size,
	    CORE_SAFETEXT_MULTILINE) == CORE_OK) {
		fuzz_inert(a.data, a.len, 1);
		if (core_safetext_append(&b, (const char *)a.data, a.len,
		    CORE_SAFETEXT_MULTILINE) != CORE_OK || a.len != b.len ||
		    (a.len > 0 && memcmp(a.data, b.data, a.len) != 0))
			abort();
		memset(&tl, 0, sizeof tl);
		if (a.len > 0 && core_text_wrap((const char *)a.data, a.len,
		    width / 4 + 1, 0, &tl) == CORE_OK) {
			for (i = 0; i < tl.n; i++)
				if (tl.v[i].width > width / 4 + 1 &&
				    core_text_fit((const char *)a.data + tl.v[i].off,
				    tl.v[i].len, width / 4 + 1, NULL) != 0)
					abort();
		}
		core_text_lines_free(&tl);
	}
	core_buf_reset(&a);
	if (core_safetext_append(&a, (const char *)data, size,
	    CORE_SAFETEXT_ESCAPE) == CORE_OK)
		fuzz_inert(a.data, a.len, 0);
	core_buf_free(&a);
	core_buf_free(&b);
	return 0;
}
