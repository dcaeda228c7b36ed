/* fmt.c: dates, deadlines and figures for the commands (see fmt.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/fmt.h"
#include "core/fmt.h"
#include "core/intl.h"
#include "core/verdict.h"
#include "tui/tui.h"

/* The person's language, for what prints without a session at hand. */
static char	fmt_lang[36];

/* Remember the person's language for calls that pass NULL. */
void
cli_fmt_set_lang(const char *lang)
{
	snprintf(fmt_lang, sizeof fmt_lang, "%s", lang != NULL ? lang : "");
}

/* A date as the language writes it. */
void
cli_fmt_date(const char *lang, const char *iso, char *out, size_t outsz)
{
	core_fmt_date(core_fmt_locale(lang != NULL ? lang : fmt_lang), iso, out,
	    outsz);
}

/* A date and time as the language writes them. */
void
cli_fmt_datetime(const char *lang, const char *iso, char *out, size_t outsz)
{
	core_fmt_datetime(core_fmt_locale(lang != NULL ? lang : fmt_lang), iso,
	    out, outsz);
}

/* A check's sentence with its dates as the language writes them. */
enum core_code
cli_fmt_check(const char *lang, const struct core_check *c,
    struct core_buf *out)
{
	const struct core_fmt_locale	*loc;
	struct core_check		 lc = *c;
	size_t				 i;

	loc = core_fmt_locale(lang != NULL ? lang : fmt_lang);
	for (i = 0; i < lc.nparams && i < CORE_CHECK_MAX_PARAMS; i++)
		core_fmt_param(loc, lc.params[i], sizeof lc.params[i]);
	return core_check_expand(_(c->msg), &lc, out);
}

/* A deadline: its date and the days left or gone (the words are the
 * interface's, tui/lang.c). */
void
cli_fmt_deadline(const char *lang, const char *iso, char *out, size_t outsz)
{
	tui_fmt_deadline_at(core_fmt_locale(lang != NULL ? lang : fmt_lang), iso,
	    out, outsz);
}

/* A figure with its unit, its period in words. */
void
cli_fmt_quantity(const char *lang, double v, const char *unit, unsigned flags,
    char *out, size_t outsz)
{
	tui_fmt_quantity_at(core_fmt_locale(lang != NULL ? lang : fmt_lang), v,
	    unit, flags, out, outsz);
}
