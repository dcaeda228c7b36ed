/*
 * analysis-test.h: what the unit tests of core/analysis.h share: a demo
 * record read from data/cases, changed at JSON pointers, and parsed.
 */
#ifndef RECOURSE_TESTS_ANALYSIS_TEST_H
#define RECOURSE_TESTS_ANALYSIS_TEST_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/record.h"
#include "core/verdict.h"

/* A JSON file under the source tree, read with jansson. */
static inline json_t *
at_load(const char *rel)
{
	const char	*src = getenv("top_srcdir");
	char		 path[1024];
	json_error_t	 jerr;
	json_t		*j;

	snprintf(path, sizeof path, "%s/%s", src ? src : ".", rel);
	j = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (j == NULL)
		ck_abort_msg("%s: %s", path, jerr.text);
	return j;
}

/* Set the member at JSON pointer ptr ("/a/0/b") of j to v (stolen); a
 * NULL v removes it.  The parent must exist; "-" appends to an array. */
static inline void
at_set(json_t *j, const char *ptr, json_t *v)
{
	char	 buf[512], *tok, *next, *end;
	json_t	*cur = j;
	size_t	 idx;

	snprintf(buf, sizeof buf, "%s", ptr);
	tok = buf + 1;
	for (;;) {
		next = strchr(tok, '/');
		if (next != NULL)
			*next = '\0';
		if (next == NULL)
			break;
		if (json_is_array(cur)) {
			idx = strtoul(tok, &end, 10);
			cur = json_array_get(cur, idx);
		} else
			cur = json_object_get(cur, tok);
		ck_assert_msg(cur != NULL, "no parent for %s", ptr);
		tok = next + 1;
	}
	if (json_is_array(cur)) {
		if (strcmp(tok, "-") == 0)
			json_array_append_new(cur, v);
		else if (v == NULL)
			json_array_remove(cur, strtoul(tok, &end, 10));
		else
			json_array_set_new(cur, strtoul(tok, &end, 10), v);
	} else if (v == NULL)
		json_object_del(cur, tok);
	else
		json_object_set_new(cur, tok, v);
}

/* Parse j (not changed); the record must be accepted. */
static inline struct core_record *
at_parse(const json_t *j)
{
	struct core_record	*r = NULL;
	struct core_err		 err;

	memset(&err, 0, sizeof err);
	ck_assert_msg(core_record_parse(j, &r, &err) == CORE_OK,
	    "record refused: %s", err.detail);
	return r;
}

/* The result of check id in v, or -1 when v has no such check. */
static inline int
at_result(const struct core_verdict *v, const char *id)
{
	const struct core_check	*c = core_verdict_find(v, id);

	return c == NULL ? -1 : (int)c->result;
}

#endif
