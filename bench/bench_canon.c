/*
 * bench_canon.c: strict parsing plus RFC 8785 canonicalisation of a
 * generated 10 MiB JSON document (decision-like records: nested objects,
 * strings with escapes and non-ASCII text, integers and reals), by the two
 * paths of core/jcs.h.
 *
 * Figures, one per line:
 *   canon throughput      core_jcs_canonicalize() (what `recourse canon`
 *                         uses): input bytes per second of CPU time, best
 *                         of five runs (target: at least 100 MB/s, 1 MB =
 *                         10^6 bytes); CPU time, so that a busy machine
 *                         does not blur the figure
 *   canon peak memory     the process's peak resident set (ru_maxrss) by
 *                         then, which holds the input, the compact tree and
 *                         the output at once, as a multiple of the input
 *                         (target: under 4x)
 *   canon via jansson     the same for core_json_parse() and then
 *                         core_jcs_serialize(), as the JWS and Data
 *                         Integrity code does with small documents.  This
 *                         path misses both targets and cannot meet them:
 *                         every jansson value is a separate allocation of
 *                         24 to 48 bytes plus malloc's overhead and every
 *                         object a hash table, so the tree alone takes
 *                         about 8x the text of such records, and building
 *                         it is mostly malloc.  The figures are printed as
 *                         measured.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/buf.h"
#include "core/jcs.h"
#include "core/json.h"

#define DOC_SIZE	(10u * 1024u * 1024u)
#define RUNS		5

static unsigned long	bench_seed = 0x2545f491;

/* A small deterministic generator (xorshift). */
static unsigned long
bench_rand(void)
{
	bench_seed ^= bench_seed << 13;
	bench_seed ^= bench_seed >> 17;
	bench_seed ^= bench_seed << 5;
	return bench_seed & 0xffffffffUL;
}

static const char *const words[] = {
	"income", "arrears", "Cr\\u00e9dit", "refus\xc3\xa9", "\xe6\x9d\xb1\xe4\xba\xac",
	"employer", "tenancy", "\\\"quoted\\\"", "line\\nbreak", "gwrthodwyd",
	"\xce\xb1\xce\xb2\xce\xb3", "score", "\\u2014", "caf\xc3\xa9", "tab\\there",
	"\xf0\x9f\x98\x80"
};

/* One decision-like record. */
static void
bench_record(struct core_buf *b, unsigned long i)
{
	unsigned long	r = bench_rand(), j, n;

	core_buf_printf(b, "{\"id\":\"LN-2026-%06lu\",\"issued_at\":"
	    "\"2026-11-%02luT10:%02lu:00Z\",\"outcome\":{\"code\":\"%s\","
	    "\"summary\":\"", i, 1 + r % 28, r % 60, r % 3 ? "denied" : "approved");
	n = 4 + r % 12;
	for (j = 0; j < n; j++)
		core_buf_printf(b, "%s%s", j ? " " : "",
		    words[bench_rand() % (sizeof words / sizeof words[0])]);
	core_buf_adds(b, "\"},\"factors\":[");
	n = 2 + r % 6;
	for (j = 0; j < n; j++) {
		r = bench_rand();
		core_buf_printf(b, "%s{\"factor\":\"%s\",\"value\":%lu,"
		    "\"weight\":%lu.%03lu,\"contribution\":-%lue-%lu,\"direction\":"
		    "\"%s\",\"human_reviewed\":%s,\"note\":null}", j ? "," : "",
		    words[r % (sizeof words / sizeof words[0])], r % 100000,
		    r % 10, (r >> 8) % 1000, 1 + (r >> 4) % 9, 1 + (r >> 12) % 9,
		    r & 1 ? "against" : "for", r & 2 ? "true" : "false");
	}
	core_buf_printf(b, "],\"scores\":[%lu,%lu,%lu.5],\"\xc3\xa9tat\":\"%s\"}",
	    bench_rand() % 1000, bench_rand() % 1000, bench_rand() % 1000,
	    words[bench_rand() % (sizeof words / sizeof words[0])]);
}

static double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Best time of RUNS for one way of canonicalising doc; 0 on failure. */
static double
bench_run(const struct core_buf *doc, int tree)
{
	struct core_json_limits	 lim;
	struct core_buf		 out;
	struct core_err		 err;
	json_t			*v;
	double			 t0, t, best = 0;
	int			 run;

	core_json_limits_default(&lim);
	lim.max_doc = doc->len;
	core_buf_init(&out, 6 * doc->len);
	for (run = 0; run < RUNS; run++) {
		core_buf_reset(&out);
		t0 = bench_now();
		if (tree) {
			if (core_json_parse(doc->data, doc->len, &lim, &v,
			    &err) != CORE_OK)
				goto fail;
			if (core_jcs_serialize(v, &out, &err) != CORE_OK) {
				json_decref(v);
				goto fail;
			}
			json_decref(v);
		} else if (core_jcs_canonicalize(doc->data, doc->len, &lim, &out,
		    &err) != CORE_OK)
			goto fail;
		t = bench_now() - t0;
		if (run == 0 || t < best)
			best = t;
	}
	core_buf_free(&out);
	return best;
fail:
	fprintf(stderr, "bench_canon: byte %zu: %s\n", err.offset, err.detail);
	core_buf_free(&out);
	return 0;
}

/* Peak resident memory so far, in bytes. */
static double
bench_peak(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss * 1024.0;
}

int
main(void)
{
	struct core_buf	 doc;
	double		 t, peak, mib = 1024.0 * 1024.0;
	unsigned long	 i;

	core_buf_init(&doc, DOC_SIZE + 4096);
	core_buf_adds(&doc, "{\"records\":[");
	for (i = 0; doc.len < DOC_SIZE - 2048; i++) {
		if (i > 0)
			core_buf_addc(&doc, ',');
		bench_record(&doc, i);
	}
	core_buf_adds(&doc, "]}");
	printf("canon input: %.1f MiB\n", (double)doc.len / mib);

	/* The compact path first: the peak only grows. */
	if ((t = bench_run(&doc, 0)) == 0)
		return 1;
	peak = bench_peak();
	printf("canon throughput: %.1f MB/s (target >= 100)\n",
	    (double)doc.len / t / 1e6);
	printf("canon peak memory: %.1f MiB = %.2f x input (target < 4)\n",
	    peak / mib, peak / (double)doc.len);

	if ((t = bench_run(&doc, 1)) == 0)
		return 1;
	peak = bench_peak();
	printf("canon via jansson throughput: %.1f MB/s (target >= 100)\n",
	    (double)doc.len / t / 1e6);
	printf("canon via jansson peak memory: %.1f MiB = %.2f x input "
	    "(target < 4)\n", peak / mib, peak / (double)doc.len);
	core_buf_free(&doc);
	return 0;
}
