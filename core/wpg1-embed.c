/*
 * wpg1-embed.c: rendering of letter templates with the WPG-1 watermark, for
 * the reference service (see core_wpg1_embed() in wpg1.h).
 *
 * One detector reads the letter as it is rendered.  At each slot, every
 * alternative is tried in the detector's trial mode, followed by the fixed
 * text up to the next slot, and scored by the distinct pairs it adds: green
 * ones first, then fewer in all.  The best is then fed for good.
 */
#include "config.h"

#include <string.h>

#include "core/wpg1.h"
#include "core/wpg1-int.h"

/* Check the braces of a template; *slots is 1 when it has a slot. */
static enum core_code
embed_check(const char *tmpl, size_t len, int *slots, struct core_err *err)
{
	size_t	i, open = 0;
	int	in_slot = 0;

	*slots = 0;
	for (i = 0; i < len; i++) {
		if (tmpl[i] == '{') {
			if (in_slot)
				return core_err_set(err, CORE_E_ARG, i,
				    "a slot inside a slot");
			in_slot = 1;
			open = i;
			*slots = 1;
		} else if (tmpl[i] == '}') {
			if (!in_slot)
				return core_err_set(err, CORE_E_ARG, i,
				    "a '}' that closes no slot");
			in_slot = 0;
		}
	}
	if (in_slot)
		return core_err_set(err, CORE_E_ARG, open, "a slot that is not closed");
	return CORE_OK;
}

/* Append n bytes at p to out and feed them to d. */
static enum core_code
embed_emit(struct core_wpg1 *d, struct core_buf *out, const char *p, size_t n,
    struct core_err *err)
{
	enum core_code	rc;

	if (n == 0)
		return CORE_OK;
	if ((rc = core_buf_add(out, p, n)) != CORE_OK)
		return core_err_set(err, rc, CORE_NO_OFFSET,
		    rc == CORE_E_TOO_LARGE ? "the rendered letter is too long" : NULL);
	return core_wpg1_feed(d, p, n, err);
}

/* Index of the first c in tmpl[from..len), or len. */
static size_t
embed_find(const char *tmpl, size_t from, size_t len, char c)
{
	const char	*q;

	if (from >= len)
		return len;
	q = memchr(tmpl + from, c, len - from);
	return q == NULL ? len : (size_t)(q - tmpl);
}

/* Render a template, each slot by the alternative with the most green
 * pairs. */
enum core_code
core_wpg1_embed(const unsigned char key[CORE_WPG1_KEY_LEN],
    const struct core_wpg1_params *params, const char *tmpl, size_t len,
    struct core_buf *out, struct core_err *err)
{
	struct core_wpg1	*d = NULL;
	const char		*best, *lit;
	size_t			 s, e, next, a, bar, best_len, lit_len;
	uint64_t		 g, t, best_g = 0, best_t = 0;
	int			 slots;
	enum core_code		 rc;

	if (len > CORE_WPG1_MAX_TEMPLATE) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "a template longer than %u bytes", CORE_WPG1_MAX_TEMPLATE);
		goto out;
	}
	if ((rc = embed_check(tmpl, len, &slots, err)) != CORE_OK)
		goto out;
	if (!slots) {
		if ((rc = core_buf_add(out, tmpl, len)) != CORE_OK)
			core_err_set(err, rc, CORE_NO_OFFSET, NULL);
		goto out;
	}
	if ((rc = core_wpg1_new(&d, params,
	    (const unsigned char (*)[CORE_WPG1_KEY_LEN])key, 1, err)) != CORE_OK)
		goto out;
	s = embed_find(tmpl, 0, len, '{');
	if ((rc = embed_emit(d, out, tmpl, s, err)) != CORE_OK)
		goto out;
	while (s < len) {
		e = embed_find(tmpl, s, len, '}');
		next = embed_find(tmpl, e + 1, len, '{');
		lit = tmpl + e + 1;
		lit_len = next - (e + 1);
		best = NULL;
		best_len = 0;
		for (a = s + 1; a <= e; a = bar + 1) {
			bar = embed_find(tmpl, a, e, '|');
			if ((rc = core_wpg1_trial_begin(d)) != CORE_OK)
				goto fail;
			rc = core_wpg1_feed(d, tmpl + a, bar - a, err);
			if (rc == CORE_OK)
				rc = core_wpg1_feed(d, lit, lit_len, err);
			if (rc != CORE_OK) {
				core_wpg1_trial_end(d, &g, &t, NULL);
				goto out;
			}
			if ((rc = core_wpg1_trial_end(d, &g, &t, err)) != CORE_OK)
				goto out;
			if (best == NULL || g > best_g || (g == best_g && t < best_t)) {
				best = tmpl + a;
				best_len = bar - a;
				best_g = g;
				best_t = t;
			}
		}
		if ((rc = embed_emit(d, out, best, best_len, err)) != CORE_OK ||
		    (rc = embed_emit(d, out, lit, lit_len, err)) != CORE_OK)
			goto out;
		s = next;
	}
	goto out;
fail:
	core_err_set(err, rc, CORE_NO_OFFSET, NULL);
out:
	core_wpg1_free(&d);
	return rc;
}
