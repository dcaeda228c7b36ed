/*
 * fmt.c: dates, numbers and amounts of money as a language writes them
 * (see fmt.h for why the tables live here and not in the C library).
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/fmt.h"
#include "core/intl.h"
#include "core/trust.h"

#define NBSP	"\u00a0"
#define NNBSP	"\u202f"

enum fmt_order {
	FMT_D_M_Y = 0,		/* 20 November 2026 */
	FMT_D_DOT_M_Y,		/* 20. November 2026 */
	FMT_D_DE_M_DE_Y,	/* 20 de noviembre de 2026 */
	FMT_M_D_Y,		/* November 20, 2026 */
	FMT_Y_M_D_CJK		/* 2026年11月20日 */
};

/* Symbols of the currencies a record is likely to give, in this order. */
enum { FMT_GBP = 0, FMT_EUR, FMT_USD, FMT_JPY, FMT_NCUR };
static const char *const fmt_currencies[FMT_NCUR] = { "GBP", "EUR", "USD", "JPY" };

struct core_fmt_locale {
	const char	*tag;
	enum fmt_order	 order;
	const char	*months[12];	/* as a date writes them (genitive in pl) */
	const char	*decimal;
	const char	*group;
	int		 min_group;	/* digits from which grouping starts */
	int		 cur_after;	/* "12 000 £GB" rather than "£12,000" */
	const char	*percent;	/* after the figure */
	const char	*symbols[FMT_NCUR];
};

static const struct core_fmt_locale fmt_locales[] = {
	{ "en", FMT_D_M_Y, { "January", "February", "March", "April", "May",
	    "June", "July", "August", "September", "October", "November",
	    "December" }, ".", ",", 4, 0, "%", { "£", "€", "US$", "JP¥" } },
	{ "en-US", FMT_M_D_Y, { "January", "February", "March", "April", "May",
	    "June", "July", "August", "September", "October", "November",
	    "December" }, ".", ",", 4, 0, "%", { "£", "€", "$", "¥" } },
	{ "cy", FMT_D_M_Y, { "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai",
	    "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd",
	    "Rhagfyr" }, ".", ",", 4, 0, "%", { "£", "€", "US$", "JP¥" } },
	{ "de", FMT_D_DOT_M_Y, { "Januar", "Februar", "März", "April", "Mai",
	    "Juni", "Juli", "August", "September", "Oktober", "November",
	    "Dezember" }, ",", ".", 4, 1, NBSP "%", { "£", "€", "$", "¥" } },
	{ "es", FMT_D_DE_M_DE_Y, { "enero", "febrero", "marzo", "abril", "mayo",
	    "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
	    "diciembre" }, ",", ".", 5, 1, NBSP "%", { "GBP", "€", "US$", "JPY" } },
	{ "fr", FMT_D_M_Y, { "janvier", "février", "mars", "avril", "mai", "juin",
	    "juillet", "août", "septembre", "octobre", "novembre", "décembre" },
	    ",", NNBSP, 4, 1, NNBSP "%", { "£GB", "€", "$US", "JPY" } },
	{ "ja", FMT_Y_M_D_CJK, { NULL }, ".", ",", 4, 0, "%",
	    { "£", "€", "$", "￥" } },
	{ "pl", FMT_D_M_Y, { "stycznia", "lutego", "marca", "kwietnia", "maja",
	    "czerwca", "lipca", "sierpnia", "września", "października",
	    "listopada", "grudnia" }, ",", NBSP, 5, 1, "%",
	    { "GBP", "€", "USD", "JPY" } },
};

/* Periods of a unit such as "GBP/year", with the words that carry them. */
static const struct { const char *per, *msgid; } fmt_periods[] = {
	/* L10N: an amount of money by the year: "£23,400 a year". */
	{ "year", N_("%s a year") },
	/* L10N: an amount of money by the month: "£950 a month". */
	{ "month", N_("%s a month") },
	/* L10N: an amount of money by the week: "£84 a week". */
	{ "week", N_("%s a week") },
	/* L10N: an amount of money by the day: "£12 a day". */
	{ "day", N_("%s a day") },
};

/* The table of a language tag, British English when none fits. */
const struct core_fmt_locale *
core_fmt_locale(const char *tag)
{
	size_t	i, n;

	if (tag == NULL)
		return &fmt_locales[0];
	/* A region the table names, then the language alone. */
	for (i = 0; i < sizeof fmt_locales / sizeof fmt_locales[0]; i++)
		if (strchr(fmt_locales[i].tag, '-') != NULL &&
		    strncasecmp(tag, fmt_locales[i].tag, strlen(fmt_locales[i].tag)) == 0 &&
		    (tag[strlen(fmt_locales[i].tag)] == '\0' ||
		    tag[strlen(fmt_locales[i].tag)] == '-'))
			return &fmt_locales[i];
	n = strcspn(tag, "-_");
	for (i = 0; i < sizeof fmt_locales / sizeof fmt_locales[0]; i++)
		if (strlen(fmt_locales[i].tag) == n &&
		    strncasecmp(tag, fmt_locales[i].tag, n) == 0)
			return &fmt_locales[i];
	return &fmt_locales[0];
}

/* The tag a table is known by. */
const char *
core_fmt_tag(const struct core_fmt_locale *loc)
{
	return loc->tag;
}

/* Cut s back to a character boundary when snprintf filled out. */
static void
fmt_cut(char *out, size_t outsz, int n)
{
	size_t		i, len;
	unsigned char	c;

	if (n < 0) {
		out[0] = '\0';
		return;
	}
	if ((size_t)n < outsz || outsz < 2)
		return;
	/* The last character kept, whole or not. */
	i = outsz - 2;
	while (i > 0 && ((unsigned char)out[i] & 0xc0) == 0x80)
		i--;
	c = (unsigned char)out[i];
	len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	if (i + len > outsz - 1)
		out[i] = '\0';
}

/* A date in the language's long form. */
void
core_fmt_ymd(const struct core_fmt_locale *loc, int y, int m, int d,
    char *out, size_t outsz)
{
	const char	*mon;
	int		 n;

	if (outsz == 0)
		return;
	mon = m >= 1 && m <= 12 && loc->months[0] != NULL ? loc->months[m - 1] : "?";
	switch (loc->order) {
	case FMT_D_DOT_M_Y:
		n = snprintf(out, outsz, "%d. %s %d", d, mon, y);
		break;
	case FMT_D_DE_M_DE_Y:
		n = snprintf(out, outsz, "%d de %s de %d", d, mon, y);
		break;
	case FMT_M_D_Y:
		n = snprintf(out, outsz, "%s %d, %d", mon, d, y);
		break;
	case FMT_Y_M_D_CJK:
		n = snprintf(out, outsz, "%d年%d月%d日", y, m, d);
		break;
	default:
		n = snprintf(out, outsz, "%d %s %d", d, mon, y);
		break;
	}
	fmt_cut(out, outsz, n);
}

/* The date at the start of iso: 0 and its parts when valid, and in *t
 * (unless NULL) its first second. */
static int
fmt_parse_date(const char *iso, int *y, int *m, int *d, time_t *t)
{
	char	day[11];
	time_t	t0;

	if (iso == NULL || strlen(iso) < 10)
		return -1;
	memcpy(day, iso, 10);
	day[10] = '\0';
	if (iso[10] != '\0' && iso[10] != 'T' && iso[10] != 't')
		return -1;
	if (core_trust_date_parse(day, &t0) != 0)
		return -1;
	if (t != NULL)
		*t = t0;
	*y = (day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 +
	    (day[3] - '0');
	*m = (day[5] - '0') * 10 + (day[6] - '0');
	*d = (day[8] - '0') * 10 + (day[9] - '0');
	return 0;
}

/* The date at the start of an RFC 3339 date or time. */
int
core_fmt_date(const struct core_fmt_locale *loc, const char *iso, char *out,
    size_t outsz)
{
	int	y, m, d;

	if (outsz == 0)
		return -1;
	if (fmt_parse_date(iso, &y, &m, &d, NULL) != 0) {
		fmt_cut(out, outsz, snprintf(out, outsz, "%s", iso != NULL ? iso : ""));
		return -1;
	}
	core_fmt_ymd(loc, y, m, d, out, outsz);
	return 0;
}

/* The time of day and zone of an RFC 3339 time after its 'T': 0 and
 * "09:14 UTC" or "09:14 UTC+01:00" when the whole rest is valid. */
static int
fmt_parse_time(const char *p, char *out, size_t outsz)
{
	const char	*z;
	int		 h, mi, n;

	if (strlen(p) < 5 || !isdigit((unsigned char)p[0]) ||
	    !isdigit((unsigned char)p[1]) || p[2] != ':' ||
	    !isdigit((unsigned char)p[3]) || !isdigit((unsigned char)p[4]))
		return -1;
	h = (p[0] - '0') * 10 + (p[1] - '0');
	mi = (p[3] - '0') * 10 + (p[4] - '0');
	if (h > 23 || mi > 59)
		return -1;
	z = p + 5;
	if (z[0] == ':') {
		if (!isdigit((unsigned char)z[1]) || !isdigit((unsigned char)z[2]))
			return -1;
		z += 3;
		if (*z == '.') {
			for (z++; isdigit((unsigned char)*z); z++)
				;
		}
	}
	if ((z[0] == 'Z' || z[0] == 'z') && z[1] == '\0')
		n = snprintf(out, outsz, "%02d:%02d UTC", h, mi);
	else if ((z[0] == '+' || z[0] == '-') && strlen(z) == 6 &&
	    isdigit((unsigned char)z[1]) && isdigit((unsigned char)z[2]) &&
	    z[3] == ':' && isdigit((unsigned char)z[4]) &&
	    isdigit((unsigned char)z[5]))
		n = strcmp(z + 1, "00:00") == 0 ?
		    snprintf(out, outsz, "%02d:%02d UTC", h, mi) :
		    snprintf(out, outsz, "%02d:%02d UTC%s", h, mi, z);
	else
		return -1;
	fmt_cut(out, outsz, n);
	return 0;
}

/* A date and, when iso has one, its time of day on the 24-hour clock with
 * its zone ("18 November 2026 10:02 UTC"). */
int
core_fmt_datetime(const struct core_fmt_locale *loc, const char *iso,
    char *out, size_t outsz)
{
	char	date[96], tod[32];
	int	n;

	if (core_fmt_date(loc, iso, out, outsz) != 0 || iso[10] == '\0')
		return core_fmt_date(loc, iso, out, outsz);
	if (fmt_parse_time(iso + 11, tod, sizeof tod) != 0) {
		fmt_cut(out, outsz, snprintf(out, outsz, "%s", iso));
		return -1;
	}
	core_fmt_date(loc, iso, date, sizeof date);
	n = snprintf(out, outsz, "%s %s", date, tod);
	fmt_cut(out, outsz, n);
	return 0;
}

/* A parameter of a message that is wholly a date or a time, rewritten. */
void
core_fmt_param(const struct core_fmt_locale *loc, char *param, size_t sz)
{
	char	buf[160];

	if (sz == 0 || strlen(param) < 10 ||
	    core_fmt_datetime(loc, param, buf, sizeof buf) != 0)
		return;
	fmt_cut(param, sz, snprintf(param, sz, "%s", buf));
}

/* Append s to out at *len, keeping room for the NUL; once something does
 * not fit whole, nothing more is added (a number is never cut mid-sign). */
static void
fmt_add(char *out, size_t outsz, size_t *len, const char *s)
{
	size_t	n = strlen(s);

	if (*len >= outsz || *len + n + 1 > outsz) {
		*len = outsz;
		return;
	}
	memcpy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
}

/* A number with the language's decimal sign and grouping. */
void
core_fmt_number(const struct core_fmt_locale *loc, double v, int frac,
    unsigned flags, char *out, size_t outsz)
{
	char	digits[64], one[2] = { 0, 0 };
	char	*dot;
	size_t	len = 0, nint, i;
	int	n;

	if (outsz == 0)
		return;
	out[0] = '\0';
	if (frac < 0)
		frac = 0;
	if (frac > 6)
		frac = 6;
	/* Beyond what a double holds exactly, or not a number: as C writes it. */
	if (!isfinite(v) || fabs(v) >= 1e15) {
		fmt_cut(out, outsz, snprintf(out, outsz, (flags & CORE_FMT_SIGN) ?
		    "%+.10g" : "%.10g", v));
		return;
	}
	n = snprintf(digits, sizeof digits, "%.*f", frac, fabs(v));
	if (n < 0 || (size_t)n >= sizeof digits)
		return;
	if ((dot = strchr(digits, '.')) != NULL) {
		for (i = strlen(digits); i > 0 && digits[i - 1] == '0'; i--)
			digits[i - 1] = '\0';
		if (dot[1] == '\0')
			*dot = '\0';
	}
	/* "-0" is 0. */
	if (v < 0 && strspn(digits, "0.") != strlen(digits))
		fmt_add(out, outsz, &len, "-");
	else if ((flags & CORE_FMT_SIGN) && strspn(digits, "0.") != strlen(digits))
		fmt_add(out, outsz, &len, "+");
	nint = strcspn(digits, ".");
	for (i = 0; i < nint; i++) {
		if (i > 0 && nint >= (size_t)loc->min_group && (nint - i) % 3 == 0)
			fmt_add(out, outsz, &len, loc->group);
		one[0] = digits[i];
		fmt_add(out, outsz, &len, one);
	}
	if (digits[nint] == '.') {
		fmt_add(out, outsz, &len, loc->decimal);
		fmt_add(out, outsz, &len, digits + nint + 1);
	}
}

/* A percentage with the language's spacing before the sign. */
void
core_fmt_percent(const struct core_fmt_locale *loc, double v, char *out,
    size_t outsz)
{
	size_t	len;

	core_fmt_number(loc, v, 2, 0, out, outsz);
	len = strlen(out);
	fmt_add(out, outsz, &len, loc->percent);
}

/* An amount with its currency's symbol where the language puts it. */
void
core_fmt_money(const struct core_fmt_locale *loc, double v, const char *cur,
    unsigned flags, char *out, size_t outsz)
{
	char		 num[80];
	const char	*sym = cur != NULL ? cur : "";
	const char	*sign = "";
	size_t		 i;
	int		 frac = 2, n;

	if (outsz == 0)
		return;
	for (i = 0; i < FMT_NCUR; i++)
		if (cur != NULL && strcmp(cur, fmt_currencies[i]) == 0)
			sym = loc->symbols[i];
	if (cur != NULL && strcmp(cur, "JPY") == 0)
		frac = 0;
	/* Whole amounts without decimals; others with all of them. */
	if (frac > 0 && fabs(v - round(v)) < 0.005)
		frac = 0;
	core_fmt_number(loc, fabs(v), frac, 0, num, sizeof num);
	if (frac == 2 && strchr(num, loc->decimal[0]) != NULL &&
	    strlen(strrchr(num, loc->decimal[0])) == 2)
		snprintf(num + strlen(num), sizeof num - strlen(num), "0");
	if (v < 0 && fabs(v) >= 0.005)
		sign = "-";
	else if ((flags & CORE_FMT_SIGN) && fabs(v) >= 0.005)
		sign = "+";
	if (loc->cur_after)
		n = snprintf(out, outsz, "%s%s" NBSP "%s", sign, num, sym);
	else
		n = snprintf(out, outsz, "%s%s%s", sign, sym, num);
	fmt_cut(out, outsz, n);
}

/* Is s three capital letters, as ISO 4217 codes are? */
static int
fmt_is_currency(const char *s, size_t n)
{
	return n == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
	    s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z';
}

/* A figure with the unit a record gives it, and the period's message id. */
void
core_fmt_quantity(const struct core_fmt_locale *loc, double v, const char *unit,
    unsigned flags, char *out, size_t outsz, const char **per)
{
	char	cur[4], num[80];
	size_t	n, i;

	*per = NULL;
	if (outsz == 0)
		return;
	if (unit != NULL && (n = strcspn(unit, "/")) == 3 && fmt_is_currency(unit, n)) {
		memcpy(cur, unit, 3);
		cur[3] = '\0';
		if (unit[3] == '/')
			for (i = 0; i < sizeof fmt_periods / sizeof fmt_periods[0]; i++)
				if (strcmp(unit + 4, fmt_periods[i].per) == 0)
					*per = fmt_periods[i].msgid;
		if (unit[3] == '\0' || *per != NULL) {
			core_fmt_money(loc, v, cur, flags, out, outsz);
			return;
		}
	}
	if (unit != NULL && strcmp(unit, "%") == 0) {
		core_fmt_number(loc, v, 2, flags, num, sizeof num);
		fmt_cut(out, outsz, snprintf(out, outsz, "%s%s", num, loc->percent));
		return;
	}
	core_fmt_number(loc, v, 4, flags, num, sizeof num);
	if (unit == NULL || *unit == '\0' || strcmp(unit, "count") == 0)
		fmt_cut(out, outsz, snprintf(out, outsz, "%s", num));
	else
		fmt_cut(out, outsz, snprintf(out, outsz, "%s %s", num, unit));
}

/* Days from today (UTC) to a date. */
int
core_fmt_days_until(const char *iso, time_t now, long *days)
{
	time_t	t;
	int	y, m, d;

	if (fmt_parse_date(iso, &y, &m, &d, &t) != 0)
		return -1;
	*days = (long)(((long long)t - ((long long)now - (long long)now % 86400)) / 86400);
	return 0;
}
