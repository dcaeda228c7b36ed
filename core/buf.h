/*
 * buf.h: a growing byte buffer with a ceiling (after curl's dynbuf).
 *
 * Every buffer is created with a maximum size; an append that would pass it
 * fails with CORE_E_TOO_LARGE and leaves the buffer as it was.  The data is
 * always NUL-terminated (the NUL is not counted in len), so text can be used
 * as a C string.  The buffer owns its data; core_buf_free() releases it, and
 * core_buf_take() hands it to the caller.
 */
#ifndef RECOURSE_CORE_BUF_H
#define RECOURSE_CORE_BUF_H

#include <stddef.h>

#include "core/error.h"

struct core_buf {
	unsigned char	*data;	/* NULL until the first append */
	size_t		 len;
	size_t		 cap;
	size_t		 max;	/* ceiling on len */
};

void		 core_buf_init(struct core_buf *b, size_t max);
void		 core_buf_free(struct core_buf *b);
void		 core_buf_reset(struct core_buf *b);	/* len = 0, keep memory */
enum core_code	 core_buf_add(struct core_buf *b, const void *p, size_t n);
enum core_code	 core_buf_addc(struct core_buf *b, unsigned char c);
enum core_code	 core_buf_adds(struct core_buf *b, const char *s);
enum core_code	 core_buf_printf(struct core_buf *b, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
/* The contents as a C string ("" when empty); valid until the next change. */
const char	*core_buf_str(const struct core_buf *b);
/* Hand the data (NUL-terminated, or NULL when empty) to the caller, who frees
 * it with core_free(); the buffer is left empty. */
unsigned char	*core_buf_take(struct core_buf *b, size_t *len);

#endif
