/* verdict.c: checks, their results and the overall verdict of a document. */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "core/intl.h"
#include "core/verdict.h"

/* Only the count is reset: each check is cleared when core_verdict_add()
 * appends it, and nothing reads past v->n, so the 16 slots (about 17 KiB)
 * are not written for every document verified. */
void
core_verdict_init(struct core_verdict *v)
{
	v->n = 0;
	v->overflow = 0;
}

/* Copy s into dst (size sz), cut before a partial UTF-8 sequence. */
static void
verdict_copy(char *dst, size_t sz, const char *s)
{
	size_t	n;

	n = strlen(s);
	if (n >= sz) {
		n = sz - 1;
		/* Back off over continuation bytes to the lead byte, and drop
		 * the sequence that it starts. */
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
}

struct core_check *
core_verdict_add(struct core_verdict *v, const char *id,
    enum core_check_kind kind, enum core_check_result result,
    const struct core_err *err, const char *msg, ...)
{
	struct core_check	*c = NULL;
	const char		*p;
	va_list			 ap;

	if (v->n >= CORE_VERDICT_MAX_CHECKS) {
		v->overflow = 1;
		goto out;
	}
	c = &v->checks[v->n++];
	memset(c, 0, sizeof *c);
	c->id = id;
	c->kind = kind;
	c->result = result;
	c->msg = msg;
	if (err != NULL && err->code != CORE_OK) {
		c->code = err->code;
		verdict_copy(c->detail, sizeof c->detail, err->detail);
	}
	va_start(ap, msg);
	while ((p = va_arg(ap, const char *)) != NULL) {
		if (c->nparams < CORE_CHECK_MAX_PARAMS) {
			verdict_copy(c->params[c->nparams], CORE_CHECK_PARAM_LEN, p);
			c->nparams++;
		}
	}
	va_end(ap);
out:
	return c;
}

enum core_verdict_overall
core_verdict_overall(const struct core_verdict *v)
{
	const struct core_check	*c;
	int			 fmt_failed = 0, int_failed = 0, int_passed = 0;
	int			 trust_bad = 0, trust_passed = 0;
	size_t			 i;

	for (i = 0; i < v->n; i++) {
		c = &v->checks[i];
		switch (c->kind) {
		case CORE_CHECK_FORMAT:
			if (c->result == CORE_CHECK_FAILED)
				fmt_failed = 1;
			break;
		case CORE_CHECK_INTEGRITY:
			if (c->result == CORE_CHECK_FAILED)
				int_failed = 1;
			else if (c->result == CORE_CHECK_PASSED ||
			    c->result == CORE_CHECK_WARNING)
				int_passed = 1;
			break;
		case CORE_CHECK_TRUST:
			if (c->result == CORE_CHECK_FAILED ||
			    c->result == CORE_CHECK_NOT_CHECKED)
				trust_bad = 1;
			else
				trust_passed = 1;
			break;
		}
	}
	if (v->n == 0 || fmt_failed)
		return CORE_VERDICT_UNREADABLE;
	if (int_failed || !int_passed || v->overflow)
		return CORE_VERDICT_INVALID;
	if (trust_bad || !trust_passed)
		return CORE_VERDICT_UNTRUSTED;
	return CORE_VERDICT_TRUSTED;
}

const struct core_check *
core_verdict_reason(const struct core_verdict *v)
{
	const struct core_check	*c = NULL;
	enum core_verdict_overall o;
	size_t			 i;

	o = core_verdict_overall(v);
	for (i = 0; i < v->n && c == NULL; i++) {
		switch (o) {
		case CORE_VERDICT_UNREADABLE:
			if (v->checks[i].kind == CORE_CHECK_FORMAT &&
			    v->checks[i].result == CORE_CHECK_FAILED)
				c = &v->checks[i];
			break;
		case CORE_VERDICT_INVALID:
			if (v->checks[i].kind == CORE_CHECK_INTEGRITY &&
			    v->checks[i].result == CORE_CHECK_FAILED)
				c = &v->checks[i];
			break;
		case CORE_VERDICT_UNTRUSTED:
			if (v->checks[i].kind == CORE_CHECK_TRUST &&
			    v->checks[i].result != CORE_CHECK_PASSED &&
			    v->checks[i].result != CORE_CHECK_WARNING)
				c = &v->checks[i];
			break;
		case CORE_VERDICT_TRUSTED:
			break;
		}
	}
	return c;
}

const struct core_check *
core_verdict_find(const struct core_verdict *v, const char *id)
{
	size_t	i;

	for (i = 0; i < v->n; i++) {
		if (v->checks[i].id != NULL && strcmp(v->checks[i].id, id) == 0)
			return &v->checks[i];
	}
	return NULL;
}

const char *
core_check_symbol(enum core_check_result r)
{
	switch (r) {
	case CORE_CHECK_PASSED:
		return "[ok]";
	case CORE_CHECK_FAILED:
		return "[FAIL]";
	case CORE_CHECK_NOT_CHECKED:
		return "[--]";
	case CORE_CHECK_WARNING:
		return "[!]";
	}
	return "[FAIL]";
}

const char *
core_check_result_text(enum core_check_result r)
{
	switch (r) {
	case CORE_CHECK_PASSED:
		/* L10N: the result of one check of a signed document. */
		return N_("passed");
	case CORE_CHECK_FAILED:
		/* L10N: the result of one check of a signed document. */
		return N_("failed");
	case CORE_CHECK_NOT_CHECKED:
		/* L10N: the result of one check that could not be made. */
		return N_("not checked");
	case CORE_CHECK_WARNING:
		/* L10N: the result of one check: passed, with a caveat. */
		return N_("warning");
	}
	return N_("failed");
}

const char *
core_check_result_id(enum core_check_result r)
{
	switch (r) {
	case CORE_CHECK_PASSED:
		return "passed";
	case CORE_CHECK_FAILED:
		return "failed";
	case CORE_CHECK_NOT_CHECKED:
		return "not_checked";
	case CORE_CHECK_WARNING:
		return "warning";
	}
	return "failed";
}

const char *
core_verdict_text(enum core_verdict_overall o)
{
	switch (o) {
	case CORE_VERDICT_TRUSTED:
		/* L10N: the verdict on a signed document: authentic, and its
		 * signer is one the person trusts. */
		return N_("valid and trusted");
	case CORE_VERDICT_UNTRUSTED:
		/* L10N: the verdict on a signed document: authentic, but the
		 * signer is not known to be trustworthy. */
		return N_("valid but untrusted");
	case CORE_VERDICT_INVALID:
		/* L10N: the verdict on a signed document: not authentic. */
		return N_("invalid");
	case CORE_VERDICT_UNREADABLE:
		/* L10N: the verdict on a file that is not a readable signed
		 * document. */
		return N_("unreadable");
	}
	return N_("invalid");
}

const char *
core_verdict_id(enum core_verdict_overall o)
{
	switch (o) {
	case CORE_VERDICT_TRUSTED:
		return "valid_and_trusted";
	case CORE_VERDICT_UNTRUSTED:
		return "valid_but_untrusted";
	case CORE_VERDICT_INVALID:
		return "invalid";
	case CORE_VERDICT_UNREADABLE:
		return "unreadable";
	}
	return "invalid";
}

const char *
core_verdict_symbol(enum core_verdict_overall o)
{
	switch (o) {
	case CORE_VERDICT_TRUSTED:
		return "[ok]";
	case CORE_VERDICT_UNTRUSTED:
		return "[!]";
	case CORE_VERDICT_INVALID:
	case CORE_VERDICT_UNREADABLE:
		return "[FAIL]";
	}
	return "[FAIL]";
}

enum core_code
core_check_expand(const char *fmt, const struct core_check *c,
    struct core_buf *out)
{
	enum core_code	 rc = CORE_OK;
	const char	*p = fmt, *q;
	size_t		 next = 0, idx;

	while (*p != '\0' && rc == CORE_OK) {
		if (*p != '%') {
			q = strchr(p, '%');
			if (q == NULL)
				q = p + strlen(p);
			rc = core_buf_add(out, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (p[1] == '%') {
			rc = core_buf_addc(out, '%');
			p += 2;
		} else if (p[1] == 's') {
			if (next < c->nparams)
				rc = core_buf_adds(out, c->params[next]);
			next++;
			p += 2;
		} else if (p[1] >= '1' && p[1] <= '9' && p[2] == '$' &&
		    p[3] == 's') {
			idx = (size_t)(p[1] - '1');
			if (idx < c->nparams)
				rc = core_buf_adds(out, c->params[idx]);
			p += 4;
		} else {
			rc = core_buf_addc(out, '%');
			p++;
		}
	}
	return rc;
}
