/* buf.c: growing byte buffers with a ceiling. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"

void
core_buf_init(struct core_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void
core_buf_free(struct core_buf *b)
{
	core_free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
core_buf_reset(struct core_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Make room for n more bytes and the NUL. */
static enum core_code
buf_reserve(struct core_buf *b, size_t n)
{
	unsigned char	*p;
	size_t		 need, cap;

	if (n > b->max || b->len > b->max - n)
		return CORE_E_TOO_LARGE;
	need = b->len + n + 1;
	if (need <= b->cap)
		return CORE_OK;
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap < need)
		cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	p = core_realloc(b->data, cap);
	if (p == NULL)
		return CORE_E_NOMEM;
	b->data = p;
	b->cap = cap;
	return CORE_OK;
}

enum core_code
core_buf_add(struct core_buf *b, const void *p, size_t n)
{
	enum core_code	rc;

	if ((rc = buf_reserve(b, n)) != CORE_OK)
		return rc;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return CORE_OK;
}

enum core_code
core_buf_addc(struct core_buf *b, unsigned char c)
{
	return core_buf_add(b, &c, 1);
}

enum core_code
core_buf_adds(struct core_buf *b, const char *s)
{
	return core_buf_add(b, s, strlen(s));
}

enum core_code
core_buf_printf(struct core_buf *b, const char *fmt, ...)
{
	enum core_code	rc;
	va_list		ap;
	int		n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return CORE_E_ARG;
	if ((rc = buf_reserve(b, (size_t)n)) != CORE_OK)
		return rc;
	va_start(ap, fmt);
	vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return CORE_OK;
}

const char *
core_buf_str(const struct core_buf *b)
{
	return b->data == NULL ? "" : (const char *)b->data;
}

unsigned char *
core_buf_take(struct core_buf *b, size_t *len)
{
	unsigned char	*p = b->data;

	if (len != NULL)
		*len = b->len;
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}
