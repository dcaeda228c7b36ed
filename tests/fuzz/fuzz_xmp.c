/*
 * fuzz_xmp.c: libFuzzer target for media provenance (core/xmp.h).
 *
 * The input is taken as a whole file and as one XMP packet.  Besides not
 * crashing, leaking or overrunning: every value kept is valid UTF-8 within
 * its bound, and the vocabulary entry agrees with the value it came from.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/safetext.h"
#include "core/xmp.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless v is NULL or bounded, valid UTF-8. */
static void
fuzz_value(const char *v)
{
	struct core_buf	b;
	size_t		n;

	if (v == NULL)
		return;
	n = strlen(v);
	if (n > 3 * CORE_XMP_MAX_VALUE)
		abort();
	core_buf_init(&b, 4 * n + 16);
	if (core_utf8_repair(&b, v, n) != CORE_OK || b.len != n ||
	    (n > 0 && memcmp(b.data, v, n) != 0))
		abort();
	core_buf_free(&b);
}

/* Abort unless info keeps its promises. */
static void
fuzz_info(const struct core_media_info *info)
{
	fuzz_value(info->source_type);
	fuzz_value(info->creator_tool);
	fuzz_value(info->ai_system);
	fuzz_value(info->c2pa_remote);
	if (info->dst != core_dst_lookup(info->source_type))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct core_media_info	info;
	struct core_err		err;

	if (core_media_inspect(data, size, &info, &err) == CORE_OK)
		fuzz_info(&info);
	core_media_info_free(&info);
	memset(&info, 0, sizeof info);
	if (core_xmp_parse((const char *)data, size, &info, &err) == CORE_OK)
		fuzz_info(&info);
	core_media_info_free(&info);
	return 0;
}
