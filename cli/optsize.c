/*
 * optsize.c: read a size given on the command line, such as the value of
 * --max-size: a count of bytes, or of KiB or MiB with a K or M after it.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "cli/cli.h"

/* Read text ("4194304", "512K", "16M") into *out; -1 when it is not a
 * positive size that a size_t holds. */
int
cli_parse_size(const char *text, size_t *out)
{
	unsigned long long	 v, mult = 1;
	char			*end;
	int			 rc = -1;

	if (text == NULL || *text < '0' || *text > '9')
		goto out;
	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno != 0)
		goto out;
	if (*end == 'K' || *end == 'k') {
		mult = 1024;
		end++;
	} else if (*end == 'M' || *end == 'm') {
		mult = 1024 * 1024;
		end++;
	}
	if (*end != '\0' || v == 0 || v > SIZE_MAX / mult)
		goto out;
	*out = (size_t)(v * mult);
	rc = 0;
out:
	return rc;
}
