/* fmt.c: dates, deadlines and figures for the commands (see fmt.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/fmt.h"
#include "core/fmt.h"
#include "core/intl.h"
#include "core/verdict.h"

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

/* A deadline: its date and the days left or gone. */
void
cli_fmt_deadline(const char *lang, const char *iso, char *out, size_t outsz)
{
	char	date[80];
	long	days;

	cli_fmt_date(lang, iso, date, sizeof date);
	if (core_fmt_days_until(iso, time(NULL), &days) != 0)
		snprintf(out, outsz, "%s", date);
	else if (days == 0)
		/* L10N: a deadline that is today: "19 January 2027, today". */
		snprintf(out, outsz, _("%s, today"), date);
	else if (days > 0)
		/* L10N: a deadline to come: "19 January 2027, in 61 days". */
		snprintf(out, outsz, P_("%s, in %ld day", "%s, in %ld days",
		    (unsigned long)days), date, days);
	else
		/* L10N: a deadline gone by: "19 January 2027, 3 days ago". */
		snprintf(out, outsz, P_("%s, %ld day ago", "%s, %ld days ago",
		    (unsigned long)-days), date, -days);
}

/* A figure with its unit, its period in words. */
void
cli_fmt_quantity(const char *lang, double v, const char *unit, unsigned flags,
    char *out, size_t outsz)
{
	char		 fig[160];
	const char	*per, *at;

	core_fmt_quantity(core_fmt_locale(lang != NULL ? lang : fmt_lang), v, unit,
	    flags, fig, sizeof fig, &per);
	/* The figure where the translation puts its %s. */
	if (per != NULL && (per = _(per)) != NULL && (at = strstr(per, "%s")) != NULL)
		snprintf(out, outsz, "%.*s%s%s", (int)(at - per), per, fig, at + 2);
	else
		snprintf(out, outsz, "%s", fig);
}
