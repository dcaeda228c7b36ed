/*
 * verdict.h: the outcome of verifying a document, as a list of checks and one
 * overall verdict.
 *
 * Each check has a stable id ("format", "typ", "signature", "content",
 * "trust", ...), a result, and a sentence for people: a message id marked
 * N_() with up to CORE_CHECK_MAX_PARAMS string parameters, written as "%s" or
 * "%1$s" so that translations may reorder them.  core/ never translates; the
 * interface translates the message id and fills in the parameters with
 * core_check_expand().
 *
 * A check's kind says what its failure means for the whole:
 *   format     the document could not be read   -> "unreadable"
 *   integrity  it was read but is not authentic  -> "invalid"
 *   trust      authentic, but the signer is not trusted now
 *                                                -> "valid but untrusted"
 * The overall verdict is the worst that the checks allow.  "Valid and
 * trusted" needs every format and integrity check to pass, at least one
 * integrity check to have passed, and at least one trust check to have
 * passed with none failed or left unchecked: nothing is called verified
 * unless every check behind the word passed.  A warning never fails a
 * verdict; it is shown beside it.
 *
 * Results and verdicts have symbols that do not rely on colour ("[ok]",
 * "[FAIL]", "[--]", "[!]"), words for people (N_()), and stable ids for
 * machines (--json).  The overall verdicts are numbered as the exit codes of
 * `recourse verify`.
 */
#ifndef RECOURSE_CORE_VERDICT_H
#define RECOURSE_CORE_VERDICT_H

#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

enum core_check_result {
	CORE_CHECK_PASSED = 0,
	CORE_CHECK_FAILED = 1,
	CORE_CHECK_NOT_CHECKED = 2,
	CORE_CHECK_WARNING = 3
};

enum core_check_kind {
	CORE_CHECK_FORMAT = 0,
	CORE_CHECK_INTEGRITY = 1,
	CORE_CHECK_TRUST = 2
};

/* Worst last; the values are the exit codes of `recourse verify`. */
enum core_verdict_overall {
	CORE_VERDICT_TRUSTED = 0,	/* valid and trusted */
	CORE_VERDICT_UNTRUSTED = 1,	/* valid but untrusted */
	CORE_VERDICT_INVALID = 2,	/* invalid */
	CORE_VERDICT_UNREADABLE = 3	/* unreadable */
};

#define CORE_VERDICT_MAX_CHECKS	16
#define CORE_CHECK_MAX_PARAMS	3
#define CORE_CHECK_PARAM_LEN	160

struct core_check {
	const char		*id;	/* static, untranslated */
	enum core_check_kind	 kind;
	enum core_check_result	 result;
	enum core_code		 code;	/* why it failed or warned, else CORE_OK */
	const char		*msg;	/* static message id, N_() */
	char			 params[CORE_CHECK_MAX_PARAMS][CORE_CHECK_PARAM_LEN];
	size_t			 nparams;
	char			 detail[240];	/* untranslated detail of code */
};

struct core_verdict {
	struct core_check	checks[CORE_VERDICT_MAX_CHECKS];
	size_t			n;
	int			overflow;	/* a check did not fit */
};

/* An empty verdict; checks[] past n are not initialised. */
void		core_verdict_init(struct core_verdict *v);

/*
 * Append a check.  msg is a static N_() message id; the parameters follow as
 * strings and end with NULL (at most CORE_CHECK_MAX_PARAMS; longer ones are
 * cut at a character boundary).  err (may be NULL) gives the code and detail
 * of a failure or warning.  Returns the new check, or NULL when the verdict
 * is full (then the overall verdict can no longer be "trusted" or
 * "untrusted").
 */
struct core_check *core_verdict_add(struct core_verdict *v, const char *id,
		    enum core_check_kind kind, enum core_check_result result,
		    const struct core_err *err, const char *msg, ...)
		    __attribute__((sentinel));

enum core_verdict_overall core_verdict_overall(const struct core_verdict *v);

/* The check that decides a verdict other than "valid and trusted": the first
 * failed check of the deciding kind, or the first trust check not passed;
 * NULL when there is none. */
const struct core_check *core_verdict_reason(const struct core_verdict *v);

/* The check with this id, or NULL. */
const struct core_check *core_verdict_find(const struct core_verdict *v,
		    const char *id);

/* "[ok]", "[FAIL]", "[--]", "[!]": ASCII, never translated. */
const char	*core_check_symbol(enum core_check_result r);
/* "passed", "failed", "not checked", "warning" (N_()). */
const char	*core_check_result_text(enum core_check_result r);
/* "passed", "failed", "not_checked", "warning": stable ids for machines. */
const char	*core_check_result_id(enum core_check_result r);

/* "valid and trusted", "valid but untrusted", "invalid", "unreadable" (N_()). */
const char	*core_verdict_text(enum core_verdict_overall o);
/* "valid_and_trusted", "valid_but_untrusted", "invalid", "unreadable". */
const char	*core_verdict_id(enum core_verdict_overall o);
/* "[ok]", "[!]", "[FAIL]", "[FAIL]": the symbol shown beside a verdict. */
const char	*core_verdict_symbol(enum core_verdict_overall o);

/*
 * Append fmt (the message id of c, or its translation) to out with the
 * parameters of c filled in.  "%s" takes the next parameter, "%N$s" the N-th,
 * "%%" is a per cent sign; a missing parameter is left empty, and any other
 * directive is copied as it stands.  The parameters are copied as they are:
 * the caller makes them safe for its display.
 */
enum core_code	core_check_expand(const char *fmt, const struct core_check *c,
		    struct core_buf *out);

#endif
