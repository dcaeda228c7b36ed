/*
 * reasons.h: standard reasons for adverse decisions, recognised by code.
 *
 *   regb  the sample reasons of Regulation B (12 CFR part 1002, Appendix C,
 *         form C-1, "statement of specific reasons"), with the codes of
 *         recourse/1 (data/cases/regb-reasons.json, which the unit tests
 *         hold this table to);
 *   fcra  key factors that adversely affected a credit score, disclosed
 *         under the Fair Credit Reporting Act (15 U.S.C. 1681g(f)(1)(C),
 *         1681m(a)), with codes of recourse(1): the Act fixes no list,
 *         and these are the statements lenders' notices commonly use.
 *
 * The texts are English message ids marked N_(): the interface translates
 * them with gettext into the person's language, and shows the record's own
 * text beside them (core_reason_view()).  Nothing here is global state:
 * the table is constant.
 */
#ifndef RECOURSE_CORE_REASONS_H
#define RECOURSE_CORE_REASONS_H

#include <stddef.h>

#include "core/error.h"
#include "core/record.h"

struct core_std_reason {
	const char	*scheme;	/* "regb", "fcra" */
	const char	*code;
	const char	*text;		/* N_(): the standard wording */
};

/* The standard reason of this scheme and code, or NULL. */
const struct core_std_reason *core_reason_lookup(const char *scheme,
		    const char *code);
size_t		core_reason_count(void);
const struct core_std_reason *core_reason_at(size_t i);

/* What a scheme is, for people (N_()): "Regulation B sample reason",
 * "FCRA key factor", "the service's own reason"; NULL when unknown. */
const char	*core_reason_scheme_label(const char *scheme);

/* A reason of a record as it is to be shown. */
struct core_reason_view {
	const struct core_std_reason *std;	/* NULL: not a standard one */
	const char	*record_text;	/* the record's, in the language chosen */
	const char	*record_lang;
	int		 wording_differs; /* a standard reason whose English
					     text is not the standard wording */
};

/*
 * The text to show for reason r: the record's own in the first language of
 * prefs when it has one; else, for a standard reason (not regb "other"),
 * its standard wording as tr translates it (the interface's gettext), when
 * tr gives something other than the English, or in English when English
 * is the language wanted first; else the record's text as
 * core_text_choose() picks it.  tr may be NULL.  NULL when r is NULL.
 */
const char	*core_reason_text(const struct core_rec_reason *r,
		    const char *(*tr)(const char *), const char *const *prefs,
		    size_t nprefs);

/* Fill view for reason r of a record; prefs/nprefs as core_text_choose(). */
enum core_code	core_reason_view(const struct core_rec_reason *r,
		    const char *const *prefs, size_t nprefs,
		    struct core_reason_view *view);

#endif
