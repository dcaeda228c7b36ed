/*
 * reasons.c: the standard reasons of Regulation B and the FCRA key-factor
 * statements, recognised by code (core/reasons.h).
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "core/intl.h"
#include "core/reasons.h"

static const struct core_std_reason reasons[] = {
	/* Regulation B, 12 CFR part 1002, Appendix C, form C-1, part I, in the
	 * form's order and words.  The form's last line, "Other, specify:", is
	 * a line for the creditor to fill in; here it names the record's own
	 * reason, which the record's text gives. */
	{ "regb", "credit_application_incomplete",
	  N_("Credit application incomplete") },
	{ "regb", "insufficient_credit_references",
	  N_("Insufficient number of credit references provided") },
	{ "regb", "unacceptable_credit_references",
	  N_("Unacceptable type of credit references provided") },
	{ "regb", "unable_to_verify_credit_references",
	  N_("Unable to verify credit references") },
	{ "regb", "temporary_or_irregular_employment",
	  N_("Temporary or irregular employment") },
	{ "regb", "unable_to_verify_employment",
	  N_("Unable to verify employment") },
	{ "regb", "length_of_employment",
	  N_("Length of employment") },
	{ "regb", "income_insufficient",
	  N_("Income insufficient for amount of credit requested") },
	{ "regb", "excessive_obligations",
	  N_("Excessive obligations in relation to income") },
	{ "regb", "unable_to_verify_income",
	  N_("Unable to verify income") },
	{ "regb", "length_of_residence",
	  N_("Length of residence") },
	{ "regb", "temporary_residence",
	  N_("Temporary residence") },
	{ "regb", "unable_to_verify_residence",
	  N_("Unable to verify residence") },
	{ "regb", "no_credit_file",
	  N_("No credit file") },
	{ "regb", "limited_credit_experience",
	  N_("Limited credit experience") },
	{ "regb", "poor_credit_performance_with_us",
	  N_("Poor credit performance with us") },
	{ "regb", "delinquent_credit_obligations",
	  N_("Delinquent past or present credit obligations with others") },
	{ "regb", "collection_action_or_judgment",
	  N_("Collection action or judgment") },
	{ "regb", "garnishment_or_attachment",
	  N_("Garnishment or attachment") },
	{ "regb", "foreclosure_or_repossession",
	  N_("Foreclosure or repossession") },
	{ "regb", "bankruptcy",
	  N_("Bankruptcy") },
	{ "regb", "number_of_recent_inquiries",
	  N_("Number of recent inquiries on credit bureau report") },
	{ "regb", "collateral_insufficient",
	  N_("Value or type of collateral not sufficient") },
	{ "regb", "other",
	  N_("Other reason, given in the text") },
	/* FCRA key factors (15 U.S.C. 1681g(f)(1)(C)). */
	{ "fcra", "serious_delinquency",
	  N_("Serious delinquency") },
	{ "fcra", "delinquency_reported",
	  N_("Delinquency reported on accounts") },
	{ "fcra", "time_since_delinquency",
	  N_("Time since delinquency is too recent or unknown") },
	{ "fcra", "public_record_or_collection",
	  N_("Derogatory public record or collection filed") },
	{ "fcra", "balances_to_limits_too_high",
	  N_("Proportion of balances to credit limits is too high on "
	  "revolving accounts") },
	{ "fcra", "amount_owed_too_high",
	  N_("Amount owed on accounts is too high") },
	{ "fcra", "too_many_accounts_with_balances",
	  N_("Too many accounts with balances") },
	{ "fcra", "length_of_credit_history",
	  N_("Length of time accounts have been established") },
	{ "fcra", "too_few_accounts_paid_as_agreed",
	  N_("Too few accounts currently paid as agreed") },
	{ "fcra", "number_of_inquiries",
	  N_("Number of inquiries") },
	{ "fcra", "lack_of_recent_account_information",
	  N_("Lack of recent account information") },
	{ "fcra", "too_many_recently_opened_accounts",
	  N_("Too many accounts recently opened") }
};

#define NREASONS	(sizeof reasons / sizeof reasons[0])

const struct core_std_reason *
core_reason_lookup(const char *scheme, const char *code)
{
	size_t	i;

	if (scheme == NULL || code == NULL)
		return NULL;
	for (i = 0; i < NREASONS; i++)
		if (strcmp(reasons[i].scheme, scheme) == 0 &&
		    strcmp(reasons[i].code, code) == 0)
			return &reasons[i];
	return NULL;
}

size_t
core_reason_count(void)
{
	return NREASONS;
}

const struct core_std_reason *
core_reason_at(size_t i)
{
	return i < NREASONS ? &reasons[i] : NULL;
}

const char *
core_reason_scheme_label(const char *scheme)
{
	if (scheme == NULL)
		return NULL;
	if (strcmp(scheme, "regb") == 0)
		return N_("Regulation B sample reason");
	if (strcmp(scheme, "fcra") == 0)
		return N_("FCRA key factor");
	if (strcmp(scheme, "service") == 0)
		return N_("the service's own reason");
	return NULL;
}

/* The same language: a and b have the same primary subtag. */
static int
reason_same_lang(const char *a, const char *b)
{
	size_t	na = strcspn(a, "-_"), nb = strcspn(b, "-_");

	return na == nb && strncasecmp(a, b, na) == 0;
}

const char *
core_reason_text(const struct core_rec_reason *r,
    const char *(*tr)(const char *), const char *const *prefs, size_t nprefs)
{
	const struct core_std_reason	*std;
	const char			*t, *lang = NULL, *s;

	if (r == NULL)
		return NULL;
	t = core_text_choose(&r->text, prefs, nprefs, &lang);
	std = core_reason_lookup(r->scheme, r->code);
	if (std == NULL || (strcmp(std->scheme, "regb") == 0 &&
	    strcmp(std->code, "other") == 0))
		return t;
	if (t != NULL && lang != NULL && nprefs > 0 && prefs[0] != NULL &&
	    reason_same_lang(lang, prefs[0]))
		return t;
	s = tr != NULL ? tr(std->text) : NULL;
	if (s != NULL && strcmp(s, std->text) != 0)
		return s;
	/* English wanted, and the record has none: the standard English. */
	if (t == NULL || (nprefs > 0 && prefs[0] != NULL &&
	    reason_same_lang(prefs[0], "en")))
		return std->text;
	return t;
}

enum core_code
core_reason_view(const struct core_rec_reason *r, const char *const *prefs,
    size_t nprefs, struct core_reason_view *view)
{
	static const char *const en[] = { "en" };
	const char	*t, *lang = NULL;

	if (r == NULL || view == NULL)
		return CORE_E_ARG;
	memset(view, 0, sizeof *view);
	view->std = core_reason_lookup(r->scheme, r->code);
	view->record_text = core_text_choose(&r->text, prefs, nprefs,
	    &view->record_lang);
	/* Regulation B's reasons use the form's wording in English (and
	 * recourse-protocol(7) asks for it); "other" is free text. */
	if (view->std != NULL && strcmp(view->std->scheme, "regb") == 0 &&
	    strcmp(view->std->code, "other") != 0) {
		t = core_text_choose(&r->text, en, 1, &lang);
		view->wording_differs = t != NULL && lang != NULL &&
		    strncmp(lang, "en", 2) == 0 &&
		    (lang[2] == '\0' || lang[2] == '-') &&
		    strcmp(t, view->std->text) != 0;
	}
	return CORE_OK;
}
