/*
 * wpg1-stat.c: step 6 of WPG-1 detection: the exact binomial upper tail,
 * z and the verdict.
 *
 * p = P[Binomial(T, gamma) >= g] is a sum of binomial terms.  Each term is
 * computed in log space by Loader's saddle-point form (C. Loader, "Fast and
 * accurate computation of binomial probabilities", 2000), whose error does
 * not grow with T as lgamma differences do; the sum starts at the largest
 * term of the tail and adds the others through the ratio of neighbouring
 * terms, stopping when what is left cannot change it.  Above the mean the
 * upper tail is summed; at or below it, 1 - P[X <= g - 1].  The result is
 * the natural log of p, so that p never underflows.
 */
#include "config.h"

#include <float.h>
#include <math.h>

#include "core/intl.h"
#include "core/wpg1.h"

#define STAT_LN_2PI	1.8378770664093454835606594728112353

/* stirlerr(n) = ln(n!) - ln(sqrt(2 pi n) (n/e)^n) for the integers 1..15. */
static const double stat_stirlerr_small[16] = {
	0.0,	/* unused */
	8.10614667953272582197e-2,
	4.13406959554092940938e-2,
	2.76779256849983391488e-2,
	2.07906721037650931115e-2,
	1.66446911898211921632e-2,
	1.38761288230707479987e-2,
	1.18967099458917700951e-2,
	1.04112652619720964975e-2,
	9.25546218271273291773e-3,
	8.33056343336287125647e-3,
	7.57367548795184079497e-3,
	6.94284010720952986566e-3,
	6.40899418800420706844e-3,
	5.95137011275884773562e-3,
	5.55473355196280137104e-3
};

/* The error of Stirling's formula for n!, n >= 1. */
static double
stat_stirlerr(double n)
{
	const double	S0 = 1.0 / 12, S1 = 1.0 / 360, S2 = 1.0 / 1260;
	const double	S3 = 1.0 / 1680, S4 = 1.0 / 1188;
	double		nn;

	if (n <= 15.0)
		return stat_stirlerr_small[(int)n];
	nn = n * n;
	if (n > 500)
		return (S0 - S1 / nn) / n;
	if (n > 80)
		return (S0 - (S1 - S2 / nn) / nn) / n;
	if (n > 35)
		return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
	return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/* x ln(x / np) + np - x, without cancellation when x is near np. */
static double
stat_bd0(double x, double np)
{
	double	v, s, s1, ej;
	int	j;

	if (fabs(x - np) < 0.1 * (x + np)) {
		v = (x - np) / (x + np);
		s = (x - np) * v;
		ej = 2 * x * v;
		v = v * v;
		for (j = 1; j < 1000; j++) {
			ej *= v;
			s1 = s + ej / (2 * j + 1);
			if (s1 == s)
				return s1;
			s = s1;
		}
	}
	return x * log(x / np) + np - x;
}

/* ln P[Binomial(n, p) = x], q = 1 - p. */
static double
stat_ln_dbinom(double x, double n, double p, double q)
{
	double	lc, lf;

	if (x == 0)
		return n * log(q);
	if (x == n)
		return n * log(p);
	lc = stat_stirlerr(n) - stat_stirlerr(x) - stat_stirlerr(n - x) -
	    stat_bd0(x, n * p) - stat_bd0(n - x, n * q);
	lf = STAT_LN_2PI + log(x) + log1p(-x / n);
	return lc - 0.5 * lf;
}

/* ln P[Binomial(T, gamma) >= g]. */
double
core_wpg1_ln_tail(uint64_t T, uint64_t g, double gamma)
{
	double	n = (double)T, q = 1.0 - gamma, k, r, term, sum, lower;

	if (g == 0)
		return 0.0;
	if (g > T)
		return -HUGE_VAL;
	if ((double)g > n * gamma) {
		/* Above the mean the terms fall from k = g on. */
		sum = term = 1.0;
		for (k = (double)g; k < n; k++) {
			r = (n - k) / (k + 1) * gamma / q;
			term *= r;
			sum += term;
			if (term * r / (1 - r) < sum * DBL_EPSILON / 8)
				break;
		}
		return stat_ln_dbinom((double)g, n, gamma, q) + log(sum);
	}
	/* At or below the mean: 1 - P[X <= g - 1], whose terms fall from
	 * k = g - 1 down. */
	sum = term = 1.0;
	for (k = (double)g - 1; k > 0; k--) {
		r = k / (n - k + 1) * q / gamma;
		term *= r;
		sum += term;
		if (term * r / (1 - r) < sum * DBL_EPSILON / 8)
			break;
	}
	lower = exp(stat_ln_dbinom((double)g - 1, n, gamma, q) + log(sum));
	return log1p(-lower);
}

/* The verdict of T and p for k keys. */
enum core_wpg1_verdict
core_wpg1_verdict_of(uint64_t T, double ln_p, size_t k,
    const struct core_wpg1_params *params)
{
	if (T < params->t_min)
		return CORE_WPG1_TOO_SHORT;
	if (ln_p + log((double)(k > 0 ? k : 1)) <= log(params->alpha))
		return CORE_WPG1_CONSISTENT;
	return CORE_WPG1_NOT_FOUND;
}

/* The verdict over several keys. */
enum core_wpg1_verdict
core_wpg1_overall(const struct core_wpg1_result *res, size_t nkeys)
{
	size_t	i;

	for (i = 0; i < nkeys; i++) {
		if (res[i].verdict == CORE_WPG1_CONSISTENT)
			return CORE_WPG1_CONSISTENT;
	}
	return nkeys > 0 ? res[0].verdict : CORE_WPG1_TOO_SHORT;
}

/* The verdict in words, untranslated. */
const char *
core_wpg1_verdict_words(enum core_wpg1_verdict v)
{
	switch (v) {
	case CORE_WPG1_CONSISTENT:
		/* L10N: the text carries the statistical mark that the label
		 * announces; it is not a proof (the key is public). */
		return N_("consistent with the watermark");
	case CORE_WPG1_TOO_SHORT:
		/* L10N: too few distinct word pairs for a test. */
		return N_("too short to tell");
	case CORE_WPG1_NOT_FOUND:
		break;
	}
	return N_("no watermark found");
}
