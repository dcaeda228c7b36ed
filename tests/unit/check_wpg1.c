/*
 * check_wpg1.c: the WPG-1 watermark: the scheme's own vectors, whole
 * documents (the .expected files of tests/vectors/wpg1, cross-checked by
 * tests/wpg1-ref.py), streaming, the binomial tail against exact values,
 * verdicts, embedding, limits and allocation failures.
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/wpg1.h"

static const unsigned char spec_key[CORE_WPG1_KEY_LEN] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f
};

/* The scheme's word-split vector, byte for byte. */
static const char spec_text[] =
    "Stra\xc3\x9f" "e  \xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3 caf\xc3\xa9 "
    "cafe\xcc\x81 hel\xe2\x80\x8blo don't \xef\xac\x81le "
    "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xb8\xe8\xa1\x8c\xe3\x81\x8f";
static const char *const spec_words[] = {
	"strasse", "abc", "caf\xc3\xa9", "caf\xc3\xa9", "hello", "don", "t",
	"file", "\xe6\x9d\xb1", "\xe4\xba\xac", "\xe3\x81\xb8", "\xe8\xa1\x8c",
	"\xe3\x81\x8f"
};

/* Read a file of the source tree into a buffer. */
static char *
slurp(const char *rel, size_t *len)
{
	const char	*top = getenv("top_srcdir");
	char		 path[4096], *data;
	FILE		*fp;
	long		 n;

	snprintf(path, sizeof path, "%s/%s", top != NULL ? top : ".", rel);
	fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	ck_assert(n >= 0);
	rewind(fp);
	data = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(data);
	ck_assert_uint_eq(fread(data, 1, (size_t)n, fp), (size_t)n);
	data[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return data;
}

struct collect {
	struct core_buf	all;	/* words, each followed by '\n' */
	size_t		n;
};

static enum core_code
collect_word(void *arg, const unsigned char *w, size_t n)
{
	struct collect	*c = arg;

	c->n++;
	ck_assert_int_eq(core_buf_add(&c->all, w, n), CORE_OK);
	ck_assert_int_eq(core_buf_addc(&c->all, '\n'), CORE_OK);
	return CORE_OK;
}

/* Detect over text with keys, feeding it in chunks of the given size. */
static void
detect(const unsigned char (*keys)[CORE_WPG1_KEY_LEN], size_t nkeys,
    const struct core_wpg1_params *params, const char *text, size_t len,
    size_t chunk, struct core_wpg1_result *res)
{
	struct core_wpg1	*d = NULL;
	struct core_err		 err;
	size_t			 off, n;

	core_err_clear(&err);
	ck_assert_int_eq(core_wpg1_new(&d, params, keys, nkeys, &err), CORE_OK);
	for (off = 0; off < len; off += n) {
		n = len - off < chunk ? len - off : chunk;
		ck_assert_int_eq(core_wpg1_feed(d, text + off, n, &err), CORE_OK);
	}
	ck_assert_int_eq(core_wpg1_finish(d, res, &err), CORE_OK);
	core_wpg1_free(&d);
	ck_assert_ptr_null(d);
}

static void
detect1(const unsigned char key[CORE_WPG1_KEY_LEN], unsigned G, const char *text,
    size_t len, size_t chunk, struct core_wpg1_result *res)
{
	struct core_wpg1_params	params;

	core_wpg1_params_default(&params);
	params.G = G;
	detect((const unsigned char (*)[CORE_WPG1_KEY_LEN])key, 1, &params,
	    text, len, chunk, res);
}

START_TEST(test_spec_words)
{
	struct collect	c;
	struct core_buf	want;
	struct core_err	err;
	size_t		i;

	core_buf_init(&c.all, 4096);
	core_buf_init(&want, 4096);
	c.n = 0;
	for (i = 0; i < sizeof spec_words / sizeof spec_words[0]; i++)
		ck_assert_int_eq(core_buf_printf(&want, "%s\n", spec_words[i]), CORE_OK);
	ck_assert_int_eq(core_wpg1_words(spec_text, sizeof spec_text - 1,
	    collect_word, &c, &err), CORE_OK);
	ck_assert_uint_eq(c.n, 13);
	ck_assert_str_eq(core_buf_str(&c.all), core_buf_str(&want));
	core_buf_free(&c.all);
	core_buf_free(&want);
}
END_TEST

/* The same vector, kept as files for the cross-check. */
START_TEST(test_spec_words_file)
{
	struct collect	 c;
	struct core_err	 err;
	char		*text, *want;
	size_t		 len, wlen;

	text = slurp("tests/vectors/wpg1/spec-words.txt", &len);
	want = slurp("tests/vectors/wpg1/spec-words.words", &wlen);
	core_buf_init(&c.all, 4096);
	c.n = 0;
	ck_assert_int_eq(core_wpg1_words(text, len, collect_word, &c, &err), CORE_OK);
	ck_assert_str_eq(core_buf_str(&c.all), want);
	ck_assert_uint_eq(len, sizeof spec_text - 1);
	ck_assert_int_eq(memcmp(text, spec_text, len), 0);
	core_buf_free(&c.all);
	free(text);
	free(want);
}
END_TEST

/* HMAC-SHA256 of the spec's exact message bytes, independently. */
static void
spec_mac(const char *hexmsg, unsigned char mac[32])
{
	unsigned char	msg[128];
	size_t		n = strlen(hexmsg) / 2, i, outlen = 0;
	unsigned	v;

	ck_assert(n <= sizeof msg);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(sscanf(hexmsg + 2 * i, "%2x", &v), 1);
		msg[i] = (unsigned char)v;
	}
	ck_assert_ptr_nonnull(EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL,
	    spec_key, sizeof spec_key, msg, n, mac, 32, &outlen));
	ck_assert_uint_eq(outlen, 32);
}

START_TEST(test_spec_pairs)
{
	unsigned char	mac[32], want[32];
	struct core_err	err;

	/* (dear, applicant): the message is the spec's, the HMAC begins
	 * 42d930a5, above G = 16384 = 0x4000: not green. */
	spec_mac("575047310000000464656172000000096170706c6963616e74", want);
	ck_assert_int_eq(core_wpg1_pair_mac(spec_key,
	    (const unsigned char *)"dear", 4,
	    (const unsigned char *)"applicant", 9, mac, &err), CORE_OK);
	ck_assert_int_eq(memcmp(mac, want, 32), 0);
	ck_assert_int_eq(memcmp(mac, "\x42\xd9\x30\xa5", 4), 0);
	/* (have, examined) begins 3d0f824e: green. */
	spec_mac("57504731000000046861766500000008" "6578616d696e6564", want);
	ck_assert_int_eq(core_wpg1_pair_mac(spec_key,
	    (const unsigned char *)"have", 4,
	    (const unsigned char *)"examined", 8, mac, &err), CORE_OK);
	ck_assert_int_eq(memcmp(mac, "\x3d\x0f\x82\x4e", 4), 0);
}
END_TEST

/* The detector's own HMAC (precomputed pads) agrees with the vectors,
 * after normalisation, and G is a strict bound. */
START_TEST(test_spec_pairs_detected)
{
	struct core_wpg1_result	r;
	static const char	dear[] = "DEAR  Applicant!";

	detect1(spec_key, 16384, dear, sizeof dear - 1, 64, &r);
	ck_assert_uint_eq(r.T, 1);
	ck_assert_uint_eq(r.green, 0);
	detect1(spec_key, 16384, "have examined", 13, 64, &r);
	ck_assert_uint_eq(r.T, 1);
	ck_assert_uint_eq(r.green, 1);
	/* Green means below G: 0x42d9 is not below 0x42d9. */
	detect1(spec_key, 0x42d9, dear, sizeof dear - 1, 64, &r);
	ck_assert_uint_eq(r.green, 0);
	detect1(spec_key, 0x42da, dear, sizeof dear - 1, 64, &r);
	ck_assert_uint_eq(r.green, 1);
	detect1(spec_key, 0x3d0f, "have examined", 13, 64, &r);
	ck_assert_uint_eq(r.green, 0);
}
END_TEST

/* Every chunk size gives the same counts: words, characters, marks and
 * invalid sequences may straddle chunks. */
START_TEST(test_streaming)
{
	struct core_wpg1_result	 whole, part;
	char			*text;
	size_t			 len, chunk;

	text = slurp("tests/vectors/wpg1/mixed.txt", &len);
	detect1(spec_key, 16384, text, len, len, &whole);
	ck_assert_uint_gt(whole.T, 50);
	for (chunk = 1; chunk <= 17; chunk++) {
		detect1(spec_key, 16384, text, len, chunk, &part);
		ck_assert_uint_eq(part.T, whole.T);
		ck_assert_uint_eq(part.green, whole.green);
	}
	free(text);
}
END_TEST

START_TEST(test_distinct_pairs)
{
	struct core_wpg1_result	r;
	static const char	t1[] = "a b a b a b a b";
	static const char	t2[] = "A; b. A, B\na\tb";

	detect1(spec_key, 16384, t1, sizeof t1 - 1, 3, &r);
	ck_assert_uint_eq(r.T, 2);	/* (a, b) and (b, a) */
	detect1(spec_key, 16384, t2, sizeof t2 - 1, 3, &r);
	ck_assert_uint_eq(r.T, 2);
	detect1(spec_key, 16384, "", 0, 1, &r);
	ck_assert_uint_eq(r.T, 0);
	ck_assert(r.z == 0.0);
	ck_assert(r.p == 1.0);
	ck_assert_int_eq(r.verdict, CORE_WPG1_TOO_SHORT);
	detect1(spec_key, 16384, "word", 4, 1, &r);
	ck_assert_uint_eq(r.T, 0);
}
END_TEST

/* Whole documents against figures that tests/wpg1-ref.py recomputes. */
START_TEST(test_document_vectors)
{
	static const char *const names[] = {
		"marked-benefit", "human-letter", "short", "mixed"
	};
	struct core_wpg1_result	 r;
	unsigned char		 key[CORE_WPG1_KEY_LEN];
	char			 rel[512], line[512], k[64], v[256];
	char			*exp, *text = NULL, *p, *nl;
	size_t			 len, tlen, i, j;
	unsigned		 G = 0, byte;
	unsigned long long	 T = 0, green = 0;
	double			 z = 0, lp = 0;
	const char		*verdict = NULL;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(rel, sizeof rel, "tests/vectors/wpg1/%s.expected", names[i]);
		exp = slurp(rel, &len);
		for (p = exp; *p != '\0'; p = nl + 1) {
			nl = strchr(p, '\n');
			ck_assert_ptr_nonnull(nl);
			snprintf(line, sizeof line, "%.*s", (int)(nl - p), p);
			if (line[0] == '#')
				continue;
			ck_assert_int_eq(sscanf(line, "%63s %255s", k, v), 2);
			if (strcmp(k, "text") == 0) {
				snprintf(rel, sizeof rel, "tests/vectors/wpg1/%s", v);
				text = slurp(rel, &tlen);
			} else if (strcmp(k, "key") == 0) {
				for (j = 0; j < CORE_WPG1_KEY_LEN; j++) {
					ck_assert_int_eq(sscanf(v + 2 * j, "%2x", &byte), 1);
					key[j] = (unsigned char)byte;
				}
			} else if (strcmp(k, "G") == 0)
				G = (unsigned)strtoul(v, NULL, 10);
			else if (strcmp(k, "T") == 0)
				T = strtoull(v, NULL, 10);
			else if (strcmp(k, "green") == 0)
				green = strtoull(v, NULL, 10);
			else if (strcmp(k, "z") == 0)
				z = strtod(v, NULL);
			else if (strcmp(k, "log10_p") == 0)
				lp = strtod(v, NULL);
			else if (strcmp(k, "verdict") == 0)
				verdict = strcmp(v, "consistent") == 0 ?
				    core_wpg1_verdict_words(CORE_WPG1_CONSISTENT) :
				    strcmp(v, "too_short") == 0 ?
				    core_wpg1_verdict_words(CORE_WPG1_TOO_SHORT) :
				    core_wpg1_verdict_words(CORE_WPG1_NOT_FOUND);
		}
		ck_assert_ptr_nonnull(text);
		detect1(key, G, text, tlen, 4096, &r);
		ck_assert_msg(r.T == T && r.green == green,
		    "%s: T %llu green %llu, want %llu %llu", names[i],
		    (unsigned long long)r.T, (unsigned long long)r.green, T, green);
		ck_assert_double_eq_tol(r.z, z, 1e-9 * fabs(z) + 1e-12);
		ck_assert_double_eq_tol(r.log10_p, lp, 1e-9 * fabs(lp) + 1e-12);
		ck_assert_str_eq(core_wpg1_verdict_words(r.verdict), verdict);
		free(text);
		text = NULL;
		free(exp);
	}
}
END_TEST

/* ln P[Binomial(T, 1/4) >= g] against exact rational values (Python:
 * fractions, and decimal logarithms to 60 digits). */
START_TEST(test_tail_exact)
{
	static const struct {
		uint64_t	T, g;
		double		ln_p;
	} v[] = {
		{ 100, 50, -16.527794335496537 },
		{ 100, 25, -0.6192856269159633 },
		{ 100, 26, -0.8062505366755537 },
		{ 100, 1, -3.207202185382018e-13 },
		{ 50, 50, -69.31471805599453 },
		{ 1000, 300, -8.549766374303779 },
		{ 1000, 400, -57.08820275102771 },
		{ 60, 30, -10.531061540887132 },
		{ 400, 150, -17.641484001169456 },
	};
	size_t	i;
	double	got;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		got = core_wpg1_ln_tail(v[i].T, v[i].g, 0.25);
		ck_assert_msg(fabs(got - v[i].ln_p) <= 1e-12 * fabs(v[i].ln_p),
		    "T %llu g %llu: %.17g, want %.17g", (unsigned long long)v[i].T,
		    (unsigned long long)v[i].g, got, v[i].ln_p);
	}
	ck_assert(core_wpg1_ln_tail(10, 0, 0.25) == 0.0);
	ck_assert(isinf(core_wpg1_ln_tail(10, 11, 0.25)));
	/* The whole tail: P[X >= T] = gamma^T, far below DBL_MIN. */
	got = core_wpg1_ln_tail(5000000, 5000000, 0.25);
	ck_assert_double_eq_tol(got, 5000000 * log(0.25), 1e-6);
	/* Monotone in g, and near 1/2 at the median for large T. */
	ck_assert(core_wpg1_ln_tail(2000000, 501000, 0.25) <
	    core_wpg1_ln_tail(2000000, 500500, 0.25));
	got = exp(core_wpg1_ln_tail(2000000, 500000, 0.25));
	ck_assert(got > 0.49 && got < 0.51);
}
END_TEST

START_TEST(test_verdicts)
{
	struct core_wpg1_params	params;

	core_wpg1_params_default(&params);
	ck_assert_int_eq(core_wpg1_verdict_of(49, -100, 1, &params), CORE_WPG1_TOO_SHORT);
	ck_assert_int_eq(core_wpg1_verdict_of(50, log(1e-6), 1, &params),
	    CORE_WPG1_CONSISTENT);
	ck_assert_int_eq(core_wpg1_verdict_of(50, log(2e-5), 1, &params),
	    CORE_WPG1_NOT_FOUND);
	/* Bonferroni: p = 3e-6 passes with 3 keys, not with 4. */
	ck_assert_int_eq(core_wpg1_verdict_of(500, log(3e-6), 3, &params),
	    CORE_WPG1_CONSISTENT);
	ck_assert_int_eq(core_wpg1_verdict_of(500, log(3e-6), 4, &params),
	    CORE_WPG1_NOT_FOUND);
	ck_assert_str_eq(core_wpg1_verdict_words(CORE_WPG1_CONSISTENT),
	    "consistent with the watermark");
	ck_assert_str_eq(core_wpg1_verdict_words(CORE_WPG1_TOO_SHORT),
	    "too short to tell");
	ck_assert_str_eq(core_wpg1_verdict_words(CORE_WPG1_NOT_FOUND),
	    "no watermark found");
}
END_TEST

/* Several keys in one pass: each key's own figures, Bonferroni on p. */
START_TEST(test_several_keys)
{
	struct core_wpg1_result	 r[3], one;
	unsigned char		 keys[3][CORE_WPG1_KEY_LEN];
	char			*text;
	size_t			 len;

	text = slurp("tests/vectors/wpg1/marked-benefit.txt", &len);
	memset(keys[0], 0x55, CORE_WPG1_KEY_LEN);
	memcpy(keys[1], spec_key, CORE_WPG1_KEY_LEN);
	memset(keys[2], 0xaa, CORE_WPG1_KEY_LEN);
	detect((const unsigned char (*)[CORE_WPG1_KEY_LEN])keys, 3, NULL, text,
	    len, 1000, r);
	detect1(spec_key, 16384, text, len, 1000, &one);
	ck_assert_uint_eq(r[1].T, one.T);
	ck_assert_uint_eq(r[1].green, one.green);
	ck_assert_int_eq(r[1].verdict, CORE_WPG1_CONSISTENT);
	ck_assert_int_ne(r[0].verdict, CORE_WPG1_CONSISTENT);
	ck_assert_int_ne(r[2].verdict, CORE_WPG1_CONSISTENT);
	ck_assert_int_eq(core_wpg1_overall(r, 3), CORE_WPG1_CONSISTENT);
	ck_assert_int_eq(core_wpg1_overall(r, 1), r[0].verdict);
	free(text);
}
END_TEST

static void
render(const unsigned char key[CORE_WPG1_KEY_LEN], const char *tmpl, size_t len,
    struct core_buf *out)
{
	struct core_err	err;

	core_buf_init(out, 1 << 20);
	core_err_clear(&err);
	ck_assert_int_eq(core_wpg1_embed(key, NULL, tmpl, len, out, &err), CORE_OK);
}

/* A rendered letter is the vector, byte for byte; with other keys too the
 * mark is found with p <= 1e-5, and the letter that always takes the first
 * alternative has no mark. */
START_TEST(test_embed)
{
	struct core_wpg1_result	 r;
	struct core_buf		 out;
	unsigned char		 key[CORE_WPG1_KEY_LEN], dg[32];
	char			*tmpl, *want, *plain, *q;
	size_t			 len, wlen, i;
	unsigned		 n;
	int			 in_slot = 0, skip = 0;

	tmpl = slurp("tests/vectors/wpg1/letter-benefit.tmpl", &len);
	want = slurp("tests/vectors/wpg1/marked-benefit.txt", &wlen);
	render(spec_key, tmpl, len, &out);
	ck_assert_uint_eq(out.len, wlen);
	ck_assert_int_eq(memcmp(out.data, want, wlen), 0);
	core_buf_free(&out);
	for (i = 0; i < 8; i++) {
		ck_assert_int_eq(EVP_Digest(&i, sizeof i, key, &n, EVP_sha256(),
		    NULL), 1);
		render(key, tmpl, len, &out);
		ck_assert_ptr_null(memchr(out.data, '{', out.len));
		ck_assert_ptr_null(memchr(out.data, '|', out.len));
		detect1(key, 16384, (const char *)out.data, out.len, 777, &r);
		ck_assert_msg(r.p <= 1e-5, "key %zu: T %llu green %llu p %g", i,
		    (unsigned long long)r.T, (unsigned long long)r.green, r.p);
		ck_assert_int_eq(r.verdict, CORE_WPG1_CONSISTENT);
		/* Deterministic. */
		memcpy(dg, out.data, out.len < 32 ? out.len : 32);
		core_buf_free(&out);
		render(key, tmpl, len, &out);
		ck_assert_int_eq(memcmp(dg, out.data, out.len < 32 ? out.len : 32), 0);
		core_buf_free(&out);
	}
	/* The first alternative of every slot: unmarked text. */
	plain = malloc(len + 1);
	ck_assert_ptr_nonnull(plain);
	for (q = plain, i = 0; i < len; i++) {
		if (tmpl[i] == '{') {
			in_slot = 1;
			skip = 0;
		} else if (tmpl[i] == '}')
			in_slot = 0;
		else if (in_slot && tmpl[i] == '|')
			skip = 1;
		else if (!in_slot || !skip)
			*q++ = tmpl[i];
	}
	detect1(spec_key, 16384, plain, (size_t)(q - plain), 4096, &r);
	ck_assert_uint_ge(r.T, 50);
	ck_assert_int_ne(r.verdict, CORE_WPG1_CONSISTENT);
	free(plain);
	free(tmpl);
	free(want);
}
END_TEST

/* The demo case's letters, rendered with its key, are the vectors. */
START_TEST(test_embed_demo)
{
	static const char *const names[][2] = {
		{ "tests/vectors/wpg1/letter-en.tmpl",
		    "tests/vectors/wpg1/marked-demo-en.txt" },
		{ "tests/vectors/wpg1/letter-cy.tmpl",
		    "tests/vectors/wpg1/marked-demo-cy.txt" }
	};
	static const unsigned char demo_key[CORE_WPG1_KEY_LEN] = {
		0x90, 0x80, 0xc7, 0xf3, 0x98, 0xca, 0x31, 0x3f,
		0xda, 0x23, 0xca, 0x6b, 0xe7, 0x03, 0x1b, 0x99,
		0x9e, 0x2d, 0x09, 0x26, 0x4a, 0x3a, 0x41, 0xaa,
		0xec, 0xa2, 0xaa, 0x03, 0x95, 0xb1, 0xb4, 0x93
	};
	struct core_wpg1_result	 r;
	struct core_buf		 out;
	char			*tmpl, *want;
	size_t			 len, wlen, i;

	for (i = 0; i < 2; i++) {
		tmpl = slurp(names[i][0], &len);
		want = slurp(names[i][1], &wlen);
		render(demo_key, tmpl, len, &out);
		ck_assert_uint_eq(out.len, wlen);
		ck_assert_int_eq(memcmp(out.data, want, wlen), 0);
		detect1(demo_key, 16384, want, wlen, 512, &r);
		ck_assert_int_eq(r.verdict, CORE_WPG1_CONSISTENT);
		core_buf_free(&out);
		free(tmpl);
		free(want);
	}
}
END_TEST

START_TEST(test_embed_templates)
{
	static const char	plain[] = "No slots | here, none at all.";
	struct core_buf		out;
	struct core_err		err;
	unsigned char		m[32];
	unsigned		have, dear;

	render(spec_key, plain, sizeof plain - 1, &out);
	ck_assert_str_eq(core_buf_str(&out), plain);
	core_buf_free(&out);
	render(spec_key, "", 0, &out);
	ck_assert_uint_eq(out.len, 0);
	core_buf_free(&out);
	/* One slot: the alternative that makes the green pair wins. */
	ck_assert_int_eq(core_wpg1_pair_mac(spec_key,
	    (const unsigned char *)"we", 2, (const unsigned char *)"have", 4, m,
	    &err), CORE_OK);
	have = (m[0] << 8 | m[1]) < 16384;
	ck_assert_int_eq(core_wpg1_pair_mac(spec_key,
	    (const unsigned char *)"we", 2, (const unsigned char *)"dear", 4, m,
	    &err), CORE_OK);
	dear = (m[0] << 8 | m[1]) < 16384;
	render(spec_key, "{dear applicant|have examined}", 30, &out);
	ck_assert_str_eq(core_buf_str(&out), "have examined");
	core_buf_free(&out);
	render(spec_key, "{have examined|dear applicant}", 30, &out);
	ck_assert_str_eq(core_buf_str(&out), "have examined");
	core_buf_free(&out);
	/* A tie on green pairs goes to fewer pairs, then to the first. */
	render(spec_key, "{dear applicant|}!", 18, &out);
	ck_assert_str_eq(core_buf_str(&out), "!");
	core_buf_free(&out);
	render(spec_key, "x{|}y", 5, &out);
	ck_assert_str_eq(core_buf_str(&out), "xy");
	core_buf_free(&out);
	/* The pair across the slot boundary counts: "we" before "have". */
	render(spec_key, "we {have|dear}", 14, &out);
	ck_assert_str_eq(core_buf_str(&out), have >= dear ? "we have" : "we dear");
	core_buf_free(&out);
	/* Malformed templates name the offset. */
	core_buf_init(&out, 1024);
	ck_assert_int_eq(core_wpg1_embed(spec_key, NULL, "a {b|c", 6, &out, &err),
	    CORE_E_ARG);
	ck_assert_uint_eq(err.offset, 2);
	ck_assert_int_eq(core_wpg1_embed(spec_key, NULL, "a {b{c}}", 8, &out, &err),
	    CORE_E_ARG);
	ck_assert_uint_eq(err.offset, 4);
	ck_assert_int_eq(core_wpg1_embed(spec_key, NULL, "a } b", 5, &out, &err),
	    CORE_E_ARG);
	ck_assert_uint_eq(err.offset, 2);
	ck_assert_uint_eq(out.len, 0);
	/* The output ceiling holds. */
	core_buf_free(&out);
	core_buf_init(&out, 4);
	ck_assert_int_eq(core_wpg1_embed(spec_key, NULL, "{abc|def} ghi", 13,
	    &out, &err), CORE_E_TOO_LARGE);
	core_buf_free(&out);
}
END_TEST

START_TEST(test_limits)
{
	struct core_wpg1_params	 params;
	struct core_wpg1	*d = NULL;
	struct core_wpg1_result	 r;
	struct core_err		 err;
	unsigned char		 keys[CORE_WPG1_MAX_KEYS + 1][CORE_WPG1_KEY_LEN];
	char			*big;
	size_t			 n = CORE_WPG1_MAX_WORD + 1;
	enum core_code		 rc;

	memset(keys, 7, sizeof keys);
	core_wpg1_params_default(&params);
	params.G = 0;
	ck_assert_int_eq(core_wpg1_new(&d, &params,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])keys, 1, &err), CORE_E_ARG);
	params.G = 65536;
	ck_assert_int_eq(core_wpg1_new(&d, &params,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])keys, 1, &err), CORE_E_ARG);
	params.G = 16384;
	params.alpha = 0;
	ck_assert_int_eq(core_wpg1_new(&d, &params,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])keys, 1, &err), CORE_E_ARG);
	ck_assert_int_eq(core_wpg1_new(&d, NULL,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])keys, 0, &err), CORE_E_ARG);
	ck_assert_int_eq(core_wpg1_new(&d, NULL,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])keys,
	    CORE_WPG1_MAX_KEYS + 1, &err), CORE_E_ARG);
	ck_assert_ptr_null(d);

	/* A word longer than the ceiling. */
	big = malloc(n + 2);
	ck_assert_ptr_nonnull(big);
	memset(big, 'a', n);
	big[n] = ' ';
	ck_assert_int_eq(core_wpg1_new(&d, NULL,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])keys, 1, &err), CORE_OK);
	ck_assert_int_eq(core_wpg1_feed(d, "x ", 2, &err), CORE_OK);
	ck_assert_int_eq(core_wpg1_feed(d, big, n + 1, &err), CORE_E_TOO_LARGE);
	ck_assert_int_eq(err.code, CORE_E_TOO_LARGE);
	ck_assert_uint_ge(err.offset, 2 + CORE_WPG1_MAX_WORD);
	ck_assert_uint_le(err.offset, 3 + CORE_WPG1_MAX_WORD);
	core_wpg1_free(&d);
	/* One less is a word. */
	ck_assert_int_eq(core_wpg1_new(&d, NULL,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])keys, 1, &err), CORE_OK);
	ck_assert_int_eq(core_wpg1_feed(d, "x ", 2, &err), CORE_OK);
	ck_assert_int_eq(core_wpg1_feed(d, big, n - 1, &err), CORE_OK);
	ck_assert_int_eq(core_wpg1_finish(d, &r, &err), CORE_OK);
	ck_assert_uint_eq(r.T, 1);
	ck_assert_int_eq(core_wpg1_feed(d, "x", 1, &err), CORE_E_ARG);
	core_wpg1_free(&d);
	free(big);

	/* The ceiling on distinct pairs. */
	params.alpha = 1e-5;
	params.max_pairs = 4;
	ck_assert_int_eq(core_wpg1_new(&d, &params,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])keys, 1, &err), CORE_OK);
	ck_assert_int_eq(core_wpg1_feed(d, "a b c d a b c d a", 17, &err), CORE_OK);
	ck_assert_int_eq(core_wpg1_finish(d, &r, &err), CORE_OK);
	ck_assert_uint_eq(r.T, 4);
	core_wpg1_free(&d);
	params.max_pairs = 3;
	ck_assert_int_eq(core_wpg1_new(&d, &params,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])keys, 1, &err), CORE_OK);
	/* Words are counted in batches: the error may wait for the end. */
	rc = core_wpg1_feed(d, "a b c d a b c d a", 17, &err);
	if (rc == CORE_OK)
		rc = core_wpg1_finish(d, &r, &err);
	ck_assert_int_eq(rc, CORE_E_TOO_LARGE);
	ck_assert_int_eq(err.code, CORE_E_TOO_LARGE);
	core_wpg1_free(&d);
}
END_TEST

#ifdef RECOURSE_ALLOCFAIL
/* Detection and embedding with each allocation failing in turn. */
static enum core_code
allocfail_run(const char *tmpl, size_t len, uint64_t *T)
{
	struct core_wpg1	*d = NULL;
	struct core_wpg1_result	 r;
	struct core_buf		 out;
	struct core_err		 err;
	enum core_code		 rc;

	core_err_clear(&err);
	core_buf_init(&out, 1 << 20);
	if ((rc = core_wpg1_embed(spec_key, NULL, tmpl, len, &out, &err)) != CORE_OK)
		goto out;
	if ((rc = core_wpg1_new(&d, NULL,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])spec_key, 1, &err)) != CORE_OK)
		goto out;
	if ((rc = core_wpg1_feed(d, out.data, out.len, &err)) != CORE_OK)
		goto out;
	if ((rc = core_wpg1_finish(d, &r, &err)) != CORE_OK)
		goto out;
	*T = r.T;
out:
	if (rc != CORE_OK)
		ck_assert_int_eq(err.code, rc);
	core_wpg1_free(&d);
	core_buf_free(&out);
	return rc;
}

START_TEST(test_allocfail)
{
	static const char	tmpl[] = "Dear {Ms|Mrs} Morgan, {we|I} {cannot|can't} "
	    "{lend|offer} you \xc3\xa9\xcc\x81 {this|the} loan {today|now}. "
	    "\xe6\x9d\xb1\xe4\xba\xac {a b c d e f g h i j k l m n o p q r s t u v w x y z|x}";
	enum core_code		rc;
	unsigned long		n;
	uint64_t		T = 0, want = 0;

	core_alloc_hook_libraries();
	core_alloc_fail_at(0);
	ck_assert_int_eq(allocfail_run(tmpl, sizeof tmpl - 1, &want), CORE_OK);
	for (n = 1; n < 100000; n++) {
		core_alloc_fail_at(n);
		rc = allocfail_run(tmpl, sizeof tmpl - 1, &T);
		if (!core_alloc_failed()) {
			ck_assert_int_eq(rc, CORE_OK);
			ck_assert_uint_eq(T, want);
			break;
		}
		/* OpenSSL gets over some failures of its own (caches). */
		if (rc == CORE_OK)
			ck_assert_uint_eq(T, want);
		else
			ck_assert_msg(rc == CORE_E_NOMEM,
			    "allocation %lu failed, code %d", n, rc);
	}
	core_alloc_fail_at(0);
	ck_assert_uint_lt(n, 100000);
}
END_TEST
#endif

int
main(void)
{
	Suite	*s = suite_create("wpg1");
	TCase	*tc = tcase_create("wpg1");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_spec_words);
	tcase_add_test(tc, test_spec_words_file);
	tcase_add_test(tc, test_spec_pairs);
	tcase_add_test(tc, test_spec_pairs_detected);
	tcase_add_test(tc, test_streaming);
	tcase_add_test(tc, test_distinct_pairs);
	tcase_add_test(tc, test_document_vectors);
	tcase_add_test(tc, test_tail_exact);
	tcase_add_test(tc, test_verdicts);
	tcase_add_test(tc, test_several_keys);
	tcase_add_test(tc, test_embed);
	tcase_add_test(tc, test_embed_demo);
	tcase_add_test(tc, test_embed_templates);
	tcase_add_test(tc, test_limits);
#ifdef RECOURSE_ALLOCFAIL
	tcase_add_test(tc, test_allocfail);
#endif
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
