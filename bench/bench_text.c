/*
 * bench_text.c: the display sanitiser, wrapping, letter layout and media
 * scanning on generated input of the largest sizes they accept.
 *
 * Figures, one per line, in CPU time (best of three runs, so that a busy
 * machine does not blur them; 1 MB = 10^6 bytes):
 *   safetext throughput    core_safetext_append() on 4 MiB of mixed text
 *                          (ASCII, decomposed accents, CJK, emoji, escape
 *                          sequences, bidi controls); target >= 20 MB/s,
 *                          so that the largest letter (1 MiB) takes well
 *                          under a tenth of a second
 *   wrap throughput        core_text_wrap() of the sanitised text at 72
 *                          columns; target >= 20 MB/s
 *   html letter            core_html_render() of a 1 MiB letter of
 *                          headings, paragraphs with emphasis and links,
 *                          nested lists and tables, at 80 columns;
 *                          target < 500 ms
 *   html huge table        a 1 MiB table of 40 columns (cut to 500 rows of
 *                          32); target < 500 ms
 *   media scan             core_media_inspect() of a 64 MiB PDF whose only
 *                          XMP packet is at its end; target >= 200 MB/s
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/html.h"
#include "core/safetext.h"
#include "core/xmp.h"

#define RUNS	3

/* CPU seconds now. */
static double
bench_cpu(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

/* Fill b with about n bytes of mixed, partly hostile text. */
static void
bench_text(struct core_buf *b, size_t n)
{
	static const char *const parts[] = {
	    "The applicant's income was insufficient for the amount requested. ",
	    "Cre\xcc\x81" "dit refuse\xcc\x81 apre\xcc\x80s examen. ",
	    "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xb8\xe8\xa1\x8c\xe3\x81\x8f\xe3\x80\x82",
	    "\xf0\x9f\x98\x80 \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 ",
	    "\x1b[2J\x1b]0;title\x07 \xe2\x80\xae" "fdp.exe\xe2\x80\xac ",
	    "Rheswm: incwm rhy isel.\n",
	};
	size_t	i = 0;

	while (b->len < n)
		if (core_buf_adds(b, parts[i++ % 6]) != CORE_OK)
			break;
}

/* Best CPU time of RUNS runs of core_html_render() on html. */
static double
bench_html(const struct core_buf *html, size_t *lines)
{
	struct core_html_opts	 o;
	struct core_html_doc	*d;
	struct core_err		 err;
	double			 t, best = 1e9;
	int			 r;

	memset(&o, 0, sizeof o);
	o.width = 80;
	for (r = 0; r < RUNS; r++) {
		d = NULL;
		t = bench_cpu();
		if (core_html_render((const char *)html->data, html->len, &o, &d,
		    &err) != CORE_OK) {
			fprintf(stderr, "bench_text: %s\n", err.detail);
			exit(1);
		}
		t = bench_cpu() - t;
		best = t < best ? t : best;
		*lines = d->nlines;
		core_html_free(&d);
	}
	return best;
}

int
main(void)
{
	struct core_buf		 in, out, html;
	struct core_text_lines	 tl;
	struct core_media_info	 info;
	struct core_err		 err;
	unsigned char		*pdf;
	double			 t, best;
	size_t			 i, lines = 0, pdflen = 64u * 1024u * 1024u;
	int			 r;
	static const char	 pkt[] = "<x:xmpmeta xmlns:x='adobe:ns:meta/'>"
	    "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
	    "<rdf:Description xmlns:I='http://iptc.org/std/Iptc4xmpExt/"
	    "2008-02-29/' I:DigitalSourceType='http://cv.iptc.org/newscodes/"
	    "digitalsourcetype/trainedAlgorithmicMedia'/></rdf:RDF></x:xmpmeta>";

	core_buf_init(&in, 8u << 20);
	core_buf_init(&out, 64u << 20);
	bench_text(&in, 4u << 20);
	best = 1e9;
	for (r = 0; r < RUNS; r++) {
		core_buf_reset(&out);
		t = bench_cpu();
		if (core_safetext_append(&out, (const char *)in.data, in.len,
		    CORE_SAFETEXT_MULTILINE) != CORE_OK)
			return 1;
		t = bench_cpu() - t;
		best = t < best ? t : best;
	}
	printf("safetext throughput: %.1f MB/s (target >= 20)\n",
	    (double)in.len / 1e6 / best);
	best = 1e9;
	for (r = 0; r < RUNS; r++) {
		memset(&tl, 0, sizeof tl);
		t = bench_cpu();
		if (core_text_wrap((const char *)out.data, out.len, 72, 0, &tl) !=
		    CORE_OK)
			return 1;
		t = bench_cpu() - t;
		best = t < best ? t : best;
		core_text_lines_free(&tl);
	}
	printf("wrap throughput: %.1f MB/s (target >= 20)\n",
	    (double)out.len / 1e6 / best);

	core_buf_init(&html, CORE_HTML_MAX_INPUT);
	for (i = 0; ; i++) {
		if (core_buf_printf(&html, "<h2>Part %zu</h2><p>Dear <b>applicant"
		    "</b>, we examined <em>your application</em> and the <a href="
		    "'https://bank.example/r/%zu'>reasons</a> below.</p><ul><li>"
		    "Income<ol><li>too low</li><li>irregular</li></ol></li><li>"
		    "History</li></ul><table><tr><th>Factor</th><th>Value</th>"
		    "</tr><tr><td>Income</td><td>21,000</td></tr></table>", i,
		    i % 50) != CORE_OK)
			break;
	}
	t = bench_html(&html, &lines);
	printf("html letter: %.0f ms for %.1f MiB, %zu lines (target < 500)\n",
	    t * 1e3, (double)html.len / (1 << 20), lines);
	core_buf_reset(&html);
	core_buf_adds(&html, "<table>");
	for (;;) {
		if (core_buf_adds(&html, "<tr>") != CORE_OK)
			break;
		for (i = 0; i < 40; i++)
			if (core_buf_adds(&html, "<td>cell</td>") != CORE_OK)
				break;
	}
	t = bench_html(&html, &lines);
	printf("html huge table: %.0f ms for %.1f MiB, %zu lines (target < 500)\n",
	    t * 1e3, (double)html.len / (1 << 20), lines);

	if ((pdf = malloc(pdflen)) == NULL)
		return 1;
	memset(pdf, 'x', pdflen);
	memcpy(pdf, "%PDF-1.7\n", 9);
	memcpy(pdf + pdflen - sizeof pkt, pkt, sizeof pkt - 1);
	best = 1e9;
	for (r = 0; r < RUNS; r++) {
		t = bench_cpu();
		if (core_media_inspect(pdf, pdflen, &info, &err) != CORE_OK ||
		    info.dst == NULL)
			return 1;
		t = bench_cpu() - t;
		best = t < best ? t : best;
		core_media_info_free(&info);
	}
	printf("media scan: %.0f MB/s (target >= 200)\n", (double)pdflen / 1e6 /
	    best);
	free(pdf);
	core_buf_free(&in);
	core_buf_free(&out);
	core_buf_free(&html);
	return 0;
}
