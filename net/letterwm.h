/*
 * letterwm.h: the WPG-1 test of a decision's letter with the key its label
 * gives and the keys its service publishes in discovery, as every front end
 * shows it.  A letter the label calls human-written is tested too, with the
 * service's keys, so that an undeclared watermark is found.
 */
#ifndef RECOURSE_NET_LETTERWM_H
#define RECOURSE_NET_LETTERWM_H

#include <jansson.h>

#include "core/record.h"
#include "core/wpg1.h"

#define NET_LETTERWM_MAX_KEYS	8

struct net_letterwm {
	int			checked;	/* the letter was tested */
	enum core_wpg1_verdict	verdict;	/* over every key */
	struct core_wpg1_result	res;		/* of the first key with it */
	int			label_key;	/* the label gave a key */
};

/* Test text, the letter of rec in the language shown, with the label's key
 * and those of disc (a discovery document, or NULL).  out->checked is 0
 * when there was no key to test with or the test could not run. */
void	net_letterwm_test(const struct core_record *rec, const char *text,
	    const json_t *disc, struct net_letterwm *out);

#endif
