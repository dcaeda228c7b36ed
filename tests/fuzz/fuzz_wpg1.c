/*
 * fuzz_wpg1.c: libFuzzer target for WPG-1 detection and embedding.
 *
 * Besides not crashing, leaking or overrunning: detection gives the same
 * counts whether the input comes in one piece or in two cut at any byte
 * (words, characters and marks straddle the cut), 0 <= green <= T, and p
 * and log10 p agree; every word of the split is non-empty; a template is
 * either refused with an offset inside it, or rendered twice the same, with
 * no brace left and no longer than the template.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/wpg1.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const unsigned char fuzz_key[CORE_WPG1_KEY_LEN] = { 1, 2, 3, 4 };

/* Detect over data, cut in two at cut; 0 when refused. */
static int
fuzz_detect(const uint8_t *data, size_t size, size_t cut,
    struct core_wpg1_result *r)
{
	struct core_wpg1	*d = NULL;
	struct core_err		 err;
	int			 ok = 0;

	if (core_wpg1_new(&d, NULL,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])fuzz_key, 1, &err) != CORE_OK)
		abort();
	if (core_wpg1_feed(d, data, cut, &err) == CORE_OK &&
	    core_wpg1_feed(d, data + cut, size - cut, &err) == CORE_OK &&
	    core_wpg1_finish(d, r, &err) == CORE_OK)
		ok = 1;
	else if (err.code != CORE_E_TOO_LARGE)
		abort();
	core_wpg1_free(&d);
	return ok;
}

static enum core_code
fuzz_word(void *arg, const unsigned char *w, size_t n)
{
	(void)arg;
	if (n == 0 || w == NULL)
		abort();
	return CORE_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct core_wpg1_result	 a, b;
	struct core_buf		 o1, o2;
	struct core_err		 err;
	enum core_code		 rc;
	size_t			 cut = size > 0 ? data[0] % (size + 1) : 0;
	int			 ka, kb;

	ka = fuzz_detect(data, size, size, &a);
	kb = fuzz_detect(data, size, cut, &b);
	if (ka != kb)
		abort();
	if (ka) {
		if (a.T != b.T || a.green != b.green || a.green > a.T)
			abort();
		if (a.p < 0 || a.p > 1 || a.log10_p > 0 ||
		    fabs(a.p - pow(10, a.log10_p)) > 1e-9)
			abort();
	}
	rc = core_wpg1_words(data, size, fuzz_word, NULL, &err);
	if (rc != CORE_OK && rc != CORE_E_TOO_LARGE)
		abort();

	core_buf_init(&o1, 2 * size + 16);
	core_buf_init(&o2, 2 * size + 16);
	rc = core_wpg1_embed(fuzz_key, NULL, (const char *)data, size, &o1, &err);
	if (rc == CORE_OK) {
		if (core_wpg1_embed(fuzz_key, NULL, (const char *)data, size, &o2,
		    &err) != CORE_OK)
			abort();
		if (o1.len != o2.len || (o1.len > 0 &&
		    memcmp(o1.data, o2.data, o1.len) != 0))
			abort();
		if (o1.len > size)
			abort();
		if (memchr(data, '{', size) != NULL && o1.len > 0 &&
		    (memchr(o1.data, '{', o1.len) != NULL ||
		    memchr(o1.data, '}', o1.len) != NULL))
			abort();
	} else if (rc == CORE_E_ARG) {
		if (err.offset >= size)
			abort();
	} else if (rc != CORE_E_TOO_LARGE)
		abort();
	core_buf_free(&o1);
	core_buf_free(&o2);
	return 0;
}
