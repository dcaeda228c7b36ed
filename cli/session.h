/*
 * session.h: what the script commands (open, fetch, contest, status, list)
 * share: the configuration, the store, the HTTP client with its transport
 * policy, the trust store with its registries, the language list, and the
 * way errors become messages and exit codes.
 */
#ifndef RECOURSE_CLI_SESSION_H
#define RECOURSE_CLI_SESSION_H

#include <stddef.h>

#include "cli/cli.h"
#include "cli/conf.h"
#include "core/error.h"
#include "core/trust.h"
#include "core/verdict.h"
#include "net/client.h"
#include "net/flow.h"
#include "net/store.h"

#define CLI_MAX_LANGS	8

struct cli_session {
	struct cli_opts		*opts;
	struct cli_config	 cfg;
	struct net_store	*store;
	struct net_client	*client;
	struct core_trust	*trust;
	struct core_trust_state	 tstate;
	struct net_ctx		 ctx;
	char			 langs[CLI_MAX_LANGS][36];	/* most wanted first */
	size_t			 nlangs;
	int			 remember_code;	/* remember-code in the configuration */
	char			 kiosk_dir[4096]; /* --kiosk: the store, removed at close */
};

/* Read the configuration and open the store; with net, also the client, the
 * trust store and the registries (refreshing those given by URL).  Returns
 * CLI_EXIT_OK, or an exit code after printing why. */
int		cli_session_open(struct cli_session *s, struct cli_opts *o, int net);
void		cli_session_close(struct cli_session *s);

/* Run the loop until no flow is left. */
void		cli_session_run(struct cli_session *s);

/* The exit code for an error code (cli.h). */
int		cli_exit_for(enum core_code code, long http_status);
/* The exit code for a verdict. */
int		cli_exit_verdict(const struct core_verdict *v);

/* Print "recourse: WHAT: message (detail)" with the untrusted detail made
 * safe for the terminal.  what may be NULL. */
void		cli_report(const char *what, const struct core_err *err);
/* Print what a flow ended with: the error, the service's problem text, and
 * for a retry the wait asked for. */
void		cli_report_outcome(const char *what, const struct net_outcome *o);
/* Print a verdict: one line with symbol and words, then one per check. */
void		cli_print_verdict(FILE *fp, const struct core_verdict *v);
/* Print untrusted text safely (one line). */
void		cli_put_safe(FILE *fp, const char *s);
/* Files set aside in the store during this run, on stderr. */
void		cli_report_quarantine(const struct cli_session *s);

struct net_case;
struct core_record;

/* caseprint.c: the decision record a case points at, parsed (NULL when it
 * cannot be read: it is reported when complain is set). */
struct core_record *cli_case_record(struct cli_session *s, const struct net_case *c,
		    int complain);
/* A few lines about a case: reference, service, decision, outcome, verdict
 * words, deadline, contest. */
void		cli_print_case(FILE *fp, struct cli_session *s, const struct net_case *c,
		    int with_verdict);
/* The label checks of the case's record, as recourse verify prints them:
 * the scorecard computed again, the record's counterfactuals and the
 * provenance label's rules.  They are shown under the record's verdict and
 * do not change it.  record_trusted: the record verified with a trusted
 * key.  Returns the number of checks that failed. */
int		cli_print_label_checks(FILE *fp, struct cli_session *s,
		    const struct net_case *c, int record_trusted);
/* What would change the outcome of rec, cf being its
 * core_counterfactual_search() (core_cf_explain(), the lines the Decision
 * pane shows too), wrapped at width: with flags 0 the smallest changes
 * under a heading, with flags 1 where the record's own counterfactuals
 * disagree with the scorecard, or that they agree. */
struct core_cf_result;
void		cli_print_cf(FILE *fp, size_t width, const struct core_record *rec,
		    const struct core_cf_result *cf, const char *const *prefs,
		    size_t nprefs, int flags);
/* The liability chain of rec in its order, operator, deployer, provider,
 * each with its contact and whether a signature backs it (the order and
 * words of the Provenance label pane), wrapped at width. */
void		cli_print_chain(FILE *fp, size_t width, struct cli_session *s,
		    const struct net_case *c, const struct core_record *rec,
		    int record_trusted);
/* One line for the contest of a case (status, dates), or nothing. */
void		cli_print_contest(FILE *fp, const struct net_case *c);

/* sendout.c: send what waits in the outbox: the entries of case_id (NULL:
 * of every case) whose time has come, with code for case_id and the codes
 * cases remember for the others.  force also sends entries that the service
 * refused before and those whose wait has not ended.  Prints a line per
 * entry; returns the exit code of the worst failure (CLI_EXIT_OK when all
 * were sent or none was due). */
int		cli_send_outbox(struct cli_session *s, const char *case_id,
		    const char *code, int force);

/* cmd_contest.c: find the contest body of case c among the receipts (1, with
 * when it was received in when, "?" if unknown) or in the outbox (2), else
 * queue it (3, and say so); key (NET_OUTBOX_KEY_LEN + 1 bytes) is the
 * outbox entry's for 2 and 3.  -1 after a message. */
struct core_buf;
int		cli_contest_queue(struct cli_session *s, struct net_case *c,
		    const struct core_buf *body, char *key, char *when,
		    size_t whensz);
/* The code points of a UTF-8 string, as a contest's statement is
 * measured against the service's ceiling. */
size_t		cli_contest_chars(const char *s);

/* cmd_open.c: print what an open or fetch flow ended with (the case, the
 * verdict with its checks); returns the exit code. */
int		cli_show_fetched(struct cli_session *s, const struct net_outcome *o);

/* The access code: given (--code), remembered by a case, or asked for (on
 * the terminal without echo, or one line of standard input).  Returns a
 * string to wipe and free with cli_code_free, or NULL after a message. */
char		*cli_code_get(const char *given, const char *remembered);
void		cli_code_free(char **code);

#endif
