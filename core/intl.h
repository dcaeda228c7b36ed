/*
 * intl.h: the one place where translation macros are defined.
 *
 * _() translates now; N_() only marks a string for xgettext so that it can be
 * translated later, when shown (error tables, verdict words).  core/ uses N_()
 * only: it returns message ids and never calls gettext itself.
 */
#ifndef RECOURSE_INTL_H
#define RECOURSE_INTL_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#define P_(s, p, n) ngettext((s), (p), (n))
#else
#define _(s) (s)
#define P_(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

#endif
