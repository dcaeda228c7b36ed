/*
 * fmt.h: dates, numbers and amounts of money as a language writes them.
 *
 * A locale is chosen by language tag ("cy", "fr-FR", "en-US"); a tag this
 * file does not know gets the English of Britain.  Dates are written as
 * the long dates of CLDR ("20 November 2026", "20 Tachwedd 2026",
 * "20. November 2026", "20 de noviembre de 2026", "20 listopada 2026",
 * "2026年11月20日"), numbers with the language's decimal and grouping
 * signs (Spanish and Polish group only from five digits), amounts with the
 * currency's symbol where the language has one ("£12,000", "12 000 £GB",
 * "12.000 GBP").
 *
 * The tables are written here rather than read from the C library's
 * locales: Debian installs no locale but C.UTF-8 unless asked to, and the
 * person's language must not depend on what an administrator generated;
 * seven languages fit in a page, and the output is the same on every
 * machine, which the tests rely on.  The data follow CLDR 44.
 *
 * Nothing here translates: words that depend on the language's grammar
 * ("a year", "in 3 days") are message ids that the caller passes through
 * gettext (core_fmt_per_msgid()).  All output is UTF-8 and NUL-terminated;
 * a result that does not fit is cut on a character boundary.
 */
#ifndef RECOURSE_FMT_H
#define RECOURSE_FMT_H

#include <stddef.h>
#include <time.h>

struct core_fmt_locale;

/* The locale for a language tag; never NULL. */
const struct core_fmt_locale *core_fmt_locale(const char *tag);
/* Its tag as this file knows it ("en", "en-US", "cy" ...). */
const char	*core_fmt_tag(const struct core_fmt_locale *loc);

/* A date: year, month 1..12, day 1..31. */
void	core_fmt_ymd(const struct core_fmt_locale *loc, int y, int m, int d,
	    char *out, size_t outsz);
/* A date or a time of RFC 3339 ("2026-11-20", "2026-11-20T09:14:09Z"), as
 * its date; anything else is copied as it is.  0 when it was a date. */
int	core_fmt_date(const struct core_fmt_locale *loc, const char *iso,
	    char *out, size_t outsz);

/* A date or a time of RFC 3339; a time with its time of day on the 24-hour
 * clock and its zone ("18 November 2026 10:02 UTC", "2026年11月18日 10:02
 * UTC+01:00").  Anything else is copied as it is; 0 when it was valid. */
int	core_fmt_datetime(const struct core_fmt_locale *loc, const char *iso,
	    char *out, size_t outsz);
/* A parameter of a message (sz bytes of room) that is wholly an RFC 3339
 * date or time is rewritten as core_fmt_datetime() writes it; any other
 * is left as it is.  For the parameters core puts in its checks. */
void	core_fmt_param(const struct core_fmt_locale *loc, char *param,
	    size_t sz);

#define CORE_FMT_SIGN	0x01	/* always show the sign: +3, -3 */

/* A number with at most frac digits after the decimal sign (trailing zeros
 * dropped), grouped as the language groups. */
void	core_fmt_number(const struct core_fmt_locale *loc, double v, int frac,
	    unsigned flags, char *out, size_t outsz);
/* A percentage of v (46 gives "46%", "46 %"). */
void	core_fmt_percent(const struct core_fmt_locale *loc, double v,
	    char *out, size_t outsz);
/* An amount of money in an ISO 4217 currency ("GBP"): whole amounts without
 * decimals, others with the currency's two. */
void	core_fmt_money(const struct core_fmt_locale *loc, double v,
	    const char *currency, unsigned flags, char *out, size_t outsz);

/* A figure with the unit a record gives it: "GBP" and "GBP/year" are money
 * ("£23,400"), "%" a percentage, "count" none, other units follow the
 * figure.  *per is set to a message id, for gettext, that puts the period
 * of a unit such as "GBP/year" around the figure ("%s a year"), or NULL. */
void	core_fmt_quantity(const struct core_fmt_locale *loc, double v,
	    const char *unit, unsigned flags, char *out, size_t outsz,
	    const char **per);

/* Whole days from the day of now (UTC) to the day of the date iso; 0 when
 * iso is a date, -1 otherwise. */
int	core_fmt_days_until(const char *iso, time_t now, long *days);

#endif
