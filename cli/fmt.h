/*
 * fmt.h: dates, deadlines and figures in what the commands and plain mode
 * print, written as the person's language writes them (core/fmt.h), with
 * the words around them ("a year", "in 3 days") from the catalogue.
 * lang is the most wanted language tag (cli_session's langs[0]), or NULL.
 */
#ifndef RECOURSE_CLI_FMT_H
#define RECOURSE_CLI_FMT_H

#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

struct core_check;

/* The language of lang NULL from now on (copied); the session sets it. */
void	cli_fmt_set_lang(const char *lang);
/* "20 November 2026"; what is not a date is copied as it is. */
void	cli_fmt_date(const char *lang, const char *iso, char *out, size_t outsz);
/* "19 January 2027, in 61 days", "..., today", "..., 3 days ago". */
void	cli_fmt_deadline(const char *lang, const char *iso, char *out,
	    size_t outsz);
/* A figure with the unit a record gives it: "£23,400 a year", "46%". */
void	cli_fmt_quantity(const char *lang, double v, const char *unit,
	    unsigned flags, char *out, size_t outsz);
/* The sentence of a check, translated, with the dates and times core put
 * in it ("until 2027-01-19") as the language writes them. */
enum core_code	cli_fmt_check(const char *lang, const struct core_check *c,
		    struct core_buf *out);
/* A date and time: "18 November 2026 10:02 UTC". */
void	cli_fmt_datetime(const char *lang, const char *iso, char *out,
	    size_t outsz);

#endif
