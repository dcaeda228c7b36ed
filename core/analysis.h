/*
 * analysis.h: understanding a decision record and checking its label.
 *
 * Four parts, each working on a parsed record (core/record.h) and nothing
 * else; none reads a clock, a file or the network, and none keeps state:
 *
 *   scorecard.c       the score computed again from the record's scorecard
 *                     and the values of its factors, and whether the
 *                     outcome follows from it;
 *   counterfactual.c  what would have changed the outcome: the smallest
 *                     sets of changes to the factors the record marks
 *                     actionable, within their feasible ranges, that reach
 *                     the threshold, and the record's own counterfactuals
 *                     checked against the scorecard;
 *   reasons.c         (core/reasons.h) the standard reasons recognised by
 *                     their codes;
 *   labelrules.c      the consistency rules of the provenance label, as
 *                     verdict checks, and the liability chain.
 *
 * Checks are added to a struct core_verdict (core/verdict.h): a check that
 * fails is of kind integrity (the record contradicts itself), the
 * attestation's trust is of kind trust.  Messages are N_() message ids with
 * parameters; the caller translates them and fills them in with
 * core_check_expand().  Parameters hold text from the record: make them safe
 * for the display before showing them.
 *
 * Example (the provenance pane, or `recourse verify`):
 *
 *	struct core_verdict		 v;
 *	struct core_scorecard_result	 sc;
 *	struct core_cf_result		*cf = NULL;
 *	struct core_label_input		 in;
 *	struct core_liability		 chain;
 *	struct core_buf			 line;
 *
 *	core_verdict_init(&v);
 *	core_scorecard_check(rec, &sc, &v);		// scorecard.*
 *	core_label_input_init(&in, rec, now);
 *	in.trust = trust;				// may stay NULL
 *	in.newest_id = newest;				// may stay NULL
 *	core_label_check(&in, &v, &chain);		// label.*
 *	for (i = 0; i < v.n; i++) {
 *		core_buf_reset(&line);
 *		core_check_expand(_(v.checks[i].msg), &v.checks[i], &line);
 *		show(core_check_symbol(v.checks[i].result), line);
 *	}
 *	if (core_counterfactual_search(rec, &cf) == CORE_OK) {
 *		for (i = 0; i < cf->nsets; i++) {
 *			core_buf_reset(&line);
 *			core_cf_sentence(rec, &cf->sets[i], tr, prefs,
 *			    nprefs, &line);
 *			show("", line);
 *		}
 *		core_cf_free(&cf);
 *	}
 *
 * where tr is gettext (or a function returning its argument) and prefs the
 * person's languages, as for core_text_choose().
 */
#ifndef RECOURSE_CORE_ANALYSIS_H
#define RECOURSE_CORE_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/jws.h"
#include "core/record.h"
#include "core/trust.h"
#include "core/verdict.h"
#include "core/wpg1.h"

/* ---------------------------------------------------------------------
 * Scorecard re-computation
 */

/* A row of the scorecard as computed again. */
struct core_sc_line {
	size_t		 factor_index;	/* in explanation.factors */
	size_t		 bin;		/* the bin the value falls in, or CORE_REC_NONE */
	size_t		 nmatch;	/* bins the value falls in (1 when sound) */
	double		 points;	/* of that bin (0 when none) */
	double		 best;		/* the highest points of the row */
};

struct core_scorecard_result {
	int		 applicable;	/* the method is a scorecard */
	int		 complete;	/* every value fell in exactly one bin */
	double		 score;		/* computed again */
	double		 stated;	/* as the record states it */
	double		 threshold;
	int		 reached;	/* score >= threshold */
	int		 score_matches;	/* score == stated */
	int		 outcome_follows; /* the outcome code agrees with reached */
	size_t		 ncontrib_wrong; /* factors whose contribution is not
					    points - best */
	struct core_sc_line lines[CORE_REC_MAX_FACTORS];
	size_t		 nlines;
};

/*
 * Compute the score of r again and add to v (which may be NULL) the checks
 *   scorecard.bands          every value falls in exactly one bin of its row
 *   scorecard.score          the score computed equals the score stated
 *   scorecard.outcome        the outcome follows (score against threshold,
 *                            and the outcome code and "adverse")
 *   scorecard.contributions  each factor's contribution is its points less
 *                            the best of its row (a warning when not)
 * For a method other than a scorecard, res->applicable is 0 and nothing is
 * added.  Returns CORE_OK, or CORE_E_ARG for a NULL record or result.
 */
enum core_code	core_scorecard_check(const struct core_record *r,
		    struct core_scorecard_result *res, struct core_verdict *v);

/* The index of the first bin of row that value falls in, or CORE_REC_NONE;
 * *nmatch (may be NULL) gets how many bins it falls in. */
size_t		core_scorecard_bin(const struct core_rec_row *row,
		    const struct core_rec_value *value, size_t *nmatch);

/* ---------------------------------------------------------------------
 * What would change the outcome
 */

#define CORE_CF_MAX_SETS	8	/* sets kept, best first */
#define CORE_CF_MAX_WORK	2000000	/* combinations tried at most */

/* How a changed value is to be read. */
enum core_cf_bound {
	CORE_CF_EXACT = 0,	/* this value (a category) */
	CORE_CF_AT_MOST,	/* this value or less */
	CORE_CF_BELOW,		/* less than this value */
	CORE_CF_AT_LEAST	/* this value or more */
};

struct core_cf_change {
	size_t		 factor_index;
	struct core_rec_value to;	/* str points into the record */
	enum core_cf_bound bound;
	double		 gain;		/* points gained */
	double		 size;		/* |change| / width of the feasible range;
					   1 for a category */
};

/* A set of changes that reaches the threshold, factors in record order. */
struct core_cf_set {
	struct core_cf_change changes[CORE_REC_MAX_CHANGES];
	size_t		 n;
	double		 size;		/* sum of the changes' sizes */
	double		 score;		/* the score it would give */
};

/* One of the record's own counterfactuals, checked. */
struct core_cf_check {
	int		 scored;	/* every change could be scored */
	double		 score;		/* the score it would give */
	int		 reaches;	/* score >= threshold */
	int		 claims_favourable; /* its outcome is approved (with
					       or without conditions) */
	int		 not_actionable; /* it changes a factor not actionable */
	int		 out_of_range;	/* a value outside the feasible range */
	int		 fewer;		/* fewer of its changes reach the threshold */
};

struct core_cf_result {
	int		 applicable;	/* the method is a scorecard */
	double		 score;		/* computed again */
	double		 threshold;
	int		 already;	/* the score already reaches the threshold */
	int		 truncated;	/* the search stopped at CORE_CF_MAX_WORK */
	int		 unreachable;	/* no set within CORE_REC_MAX_CHANGES does */
	size_t		 min_changes;	/* factors in the smallest sets, or 0 */
	struct core_cf_set sets[CORE_CF_MAX_SETS];
	size_t		 nsets;
	struct core_cf_check record[CORE_REC_MAX_COUNTERFACTUALS];
	size_t		 nrecord;
	int		 record_omits;	/* a set of fewer factors than every
					   record counterfactual that works */
};

/*
 * Search the smallest sets of changes that reach the threshold: fewest
 * factors first, then the smallest sum of sizes, one set per choice of
 * factors, at most CORE_CF_MAX_SETS.  Only actionable factors change, each
 * to a value in its feasible range (on its step, when it has one) and in a
 * bin of its row.  The record's counterfactuals are checked too (record[]).
 * *out is a new result for core_cf_free(), also when the method is not a
 * scorecard (applicable 0).  CORE_E_NOMEM, CORE_E_ARG.
 */
enum core_code	core_counterfactual_search(const struct core_record *r,
		    struct core_cf_result **out);
void		core_cf_free(struct core_cf_result **res);

/*
 * Add to v the checks on the record's counterfactuals:
 *   counterfactual.record    each one reaches the threshold it claims, moves
 *                            only actionable factors within their ranges,
 *                            and needs all its changes
 *   counterfactual.smallest  no set of fewer factors was left out
 */
enum core_code	core_cf_verdict(const struct core_record *r,
		    const struct core_cf_result *res, struct core_verdict *v);

/*
 * Append to out the sentence of set s: "If your debt-to-income ratio were
 * 29 % or less instead of 46 %, and your credit searches in the last six
 * months were 1 or less instead of 5, the score would have been 530,
 * reaching the threshold of 520."  tr translates a message id (gettext;
 * NULL: none), prefs/nprefs choose the language of the factors' names.
 */
enum core_code	core_cf_sentence(const struct core_record *r,
		    const struct core_cf_set *s, const char *(*tr)(const char *),
		    const char *const *prefs, size_t nprefs, struct core_buf *out);

/* What a line of core_cf_explain() is. */
enum core_cf_line {
	CORE_CF_L_NOTE = 0,	/* about the search: not a scorecard, already
				   reached, none found, search cut short */
	CORE_CF_L_SET,		/* a smallest set of changes, as a sentence */
	CORE_CF_L_AGREE,	/* the record's counterfactuals agree */
	CORE_CF_L_FLAG		/* they disagree with the scorecard: one line
				   per problem */
};

/* "[ok]" for CORE_CF_L_AGREE, "[!]" for CORE_CF_L_FLAG, "" otherwise. */
const char	*core_cf_line_symbol(enum core_cf_line kind);

/*
 * What would change the outcome, computed, as lines for every front end
 * (the Decision pane, `recourse show` and plain mode say the same): the
 * sentence of each set of res (core_cf_sentence()), or a note when there
 * is none; then, when the method is a scorecard and the record states
 * counterfactuals, a flag for each of them that does not reach the
 * threshold by the scorecard, gives a value no bin scores, changes a
 * factor the record marks not actionable or leaves its feasible range, or
 * needs fewer of its changes, and for a smaller set it leaves out; or one
 * line saying they agree.  emit gets each line (its kind and its text,
 * without the symbol); text comes partly from the record: make it safe
 * before showing it.  tr, prefs and nprefs as for core_cf_sentence().
 * CORE_E_NOMEM, CORE_E_ARG.
 */
enum core_code	core_cf_explain(const struct core_record *r,
		    const struct core_cf_result *res,
		    const char *(*tr)(const char *),
		    const char *const *prefs, size_t nprefs,
		    void (*emit)(void *arg, enum core_cf_line kind,
		    const char *text), void *arg);

/* ---------------------------------------------------------------------
 * Label consistency rules
 */

enum core_label_severity {
	CORE_LABEL_ERROR = 1,	/* the label contradicts itself or the letter */
	CORE_LABEL_WARNING	/* something a person should know */
};

struct core_label_rule {
	const char		*id;		/* "label.ai-undeclared" */
	enum core_label_severity severity;
	const char		*meaning;	/* N_(): what a failure means */
};

/* The rules, in the order core_label_check() adds them. */
size_t		core_label_rule_count(void);
const struct core_label_rule *core_label_rule_at(size_t i);
const struct core_label_rule *core_label_rule_find(const char *id);
/* "error", "warning" (N_()). */
const char	*core_label_severity_text(enum core_label_severity s);

/* What the caller knows beyond the record. */
struct core_label_input {
	const struct core_record *rec;
	time_t		 now;
	/* The letter's watermark as the caller tested it (with the label's key
	 * and the service's keys); when wm_checked is 0 the letter is tested
	 * here with the label's key, if it gives one. */
	int		 wm_checked;
	enum core_wpg1_verdict wm;
	uint64_t	 wm_T;
	/* The impact-assessment document's bytes, or NULL: not checked. */
	const void	*impact_doc;
	size_t		 impact_len;
	/* The id of the newest record of this reference the caller knows, or
	 * NULL. */
	const char	*newest_id;
	/* For the attestation: the trust store (NULL: not checked), keys that
	 * may check it (NULL), and the registry state (NULL). */
	const struct core_trust *trust;
	const struct core_keyset *keys;
	const struct core_trust_state *state;
	/* The record's own signature verified with a trusted key. */
	int		 record_trusted;
};

void		core_label_input_init(struct core_label_input *in,
		    const struct core_record *rec, time_t now);

/* One party of the liability chain; party points into the record and is
 * valid while the record is. */
struct core_liability_link {
	enum core_rec_role role;
	const struct core_rec_party *party;	/* NULL: the record names none */
	int		 backed;	/* a signature that verified backs it */
	int		 claims_signed;	/* the record says it signed */
	const char	*backing;	/* N_(): what backs it, or why not */
};
struct core_liability {
	struct core_liability_link links[3];	/* operator, deployer, provider */
	int		 attestation_verified;
};

/*
 * Apply every rule of the label to in->rec and add one check per rule to v
 * (check id = rule id): passed when the rule holds, failed (an error) or a
 * warning when it does not, not checked when the caller lacks what it
 * needs.  chain (may be NULL) gets the liability chain.  Returns CORE_OK,
 * CORE_E_NOMEM or CORE_E_ARG.
 */
enum core_code	core_label_check(const struct core_label_input *in,
		    struct core_verdict *v, struct core_liability *chain);

#endif
