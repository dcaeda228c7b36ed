/*
 * plain.h: reading a decision in order, for `recourse show` and plain mode.
 *
 * Both print lines of text only: no cursor movement, no colour, no box
 * drawing, nothing redrawn, so that a braille display or a screen reader
 * reads them as they come.  Everything from the service passes the display
 * sanitiser (core/safetext.h) and is wrapped to the reading width.
 */
#ifndef RECOURSE_CLI_PLAIN_H
#define RECOURSE_CLI_PLAIN_H

#include <stddef.h>
#include <stdio.h>

#include "cli/cli.h"
#include "core/record.h"
#include "core/verdict.h"
#include "core/wpg1.h"
#include "net/case.h"

struct cli_session;

/* The parts of a decision, in reading order. */
#define CLI_READ_OUTCOME	0x001	/* outcome and principal reasons */
#define CLI_READ_FACTORS	0x002	/* factors and how much each counted */
#define CLI_READ_CHANGE		0x004	/* what would have changed the outcome */
#define CLI_READ_LABEL		0x008	/* the provenance label */
#define CLI_READ_VERIFY		0x010	/* the verification verdict, each check */
#define CLI_READ_LETTER		0x020	/* the letter, tables linearised */
#define CLI_READ_CONTEST	0x040	/* how to contest, the deadline */
#define CLI_READ_ALL		0x07f

/* A case read from the store and verified again, offline. */
struct cli_reading {
	struct cli_session	*s;
	struct net_case		 c;
	struct core_record	*rec;		/* NULL when it cannot be read */
	struct core_verdict	 v;		/* of the signed record */
	int			 have_v;
	int			 wm_checked;	/* the letter was tested */
	enum core_wpg1_verdict	 wm;
	struct core_wpg1_result	 wm_res;
	const char		*prefs[8];	/* the person's languages */
	size_t			 nprefs;
	size_t			 width;		/* columns of a line */
};

/* Columns for plain output: COLUMNS when it is 20..200, else 72. */
size_t	cli_plain_width(void);

/* Load case id (already resolved) and verify it again; 0, or -1 after a
 * message.  cli_reading_clear releases what it holds. */
int	cli_reading_load(struct cli_reading *r, struct cli_session *s,
	    const char *id);
void	cli_reading_clear(struct cli_reading *r);

/* Print the parts asked for, in reading order. */
void	cli_reading_print(FILE *fp, struct cli_reading *r, unsigned parts);

/* Print untrusted text made safe, wrapped to width; prefix (trusted, may
 * be NULL) begins the first line. */
void	cli_plain_say(FILE *fp, size_t width, const char *prefix, const char *text);

/* The plain, line-oriented interface (recourse --plain). */
int	cli_plain_run(struct cli_opts *opts);

/* plain-contest.c: file a contest on the case open in r, asking on in and
 * answering on out; code is the access code given when the case was opened
 * in this run (NULL: remembered or asked for).  Returns 0 when the contest
 * was sent or left in the outbox, -1 when the person gave up or input ended. */
struct plain_io;
int	cli_plain_contest(struct plain_io *io, struct cli_reading *r,
	    const char *code);

/* plain.c: the line reader shared by plain mode's dialogues. */
struct plain_io {
	FILE	*in;
	FILE	*out;
	size_t	 width;
	int	 eof;		/* input ended */
};
/* Print prompt and read one line (without its end) into buf; -1 at the end
 * of input. */
int	cli_plain_ask(struct plain_io *io, const char *prompt, char *buf,
	    size_t size);
/* Ask for a secret (without echo on a terminal); a string to wipe and free
 * with cli_code_free, or NULL when none was given. */
char	*cli_plain_ask_secret(struct plain_io *io, const char *prompt);

#endif
