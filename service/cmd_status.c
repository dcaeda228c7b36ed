/* cmd_status.c: recourse-service status: move a contest on. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/intl.h"
#include "service/service.h"
#include "service/site.h"
#include "service/store.h"

#define STATUS_MAX_HISTORY	256	/* entries, the protocol's limit */
#define STATUS_MAX_NOTE		4000	/* characters */
/* The history's JSON, so that the signed status (base64url, 4/3, and the
 * other members) stays within the protocol's 64 KiB. */
#define STATUS_MAX_HISTORY_BYTES (44u * 1024u)

static const char *const status_names[] = {
	"received", "under_review", "answered", "withdrawn", NULL
};

/* Is s a status of the protocol? */
static int
status_known(const char *s)
{
	size_t	i;

	for (i = 0; status_names[i] != NULL; i++)
		if (strcmp(s, status_names[i]) == 0)
			return 1;
	return 0;
}

/* A contest id as the service makes them: letters, digits and '-'. */
static int
status_id_ok(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return i > 0 && i < 40;
}

int
svc_cmd_status(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "state", required_argument, NULL, 's' },
		{ "contest", required_argument, NULL, 'c' },
		{ "set", required_argument, NULL, 'S' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*state = NULL, *id = NULL, *set = NULL, *note = NULL;
	const char	*cur;
	struct core_err	 err;
	struct core_buf	 out, hb;
	char		 dir[4096], name[64], path[4200], when[21];
	json_t		*o = NULL, *hist, *e = NULL;
	int		 ch, rv = 1;

	core_err_clear(&err);
	core_buf_init(&out, 8 * SVC_MAX_DOC);
	core_buf_init(&hb, 8 * SVC_MAX_DOC);
	while ((ch = getopt_long(argc, argv, "s:c:S:n:", longopts, NULL)) != -1) {
		switch (ch) {
		case 's': state = optarg; break;
		case 'c': id = optarg; break;
		case 'S': set = optarg; break;
		case 'n': note = optarg; break;
		default: goto usage;
		}
	}
	if (optind != argc || state == NULL || id == NULL || set == NULL ||
	    !status_id_ok(id) || (note != NULL && (note[0] == '\0' ||
	    svc_utf8_chars(note, strlen(note)) > STATUS_MAX_NOTE)))
		goto usage;
	if (!status_known(set)) {
		svc_warnx(_("unknown status '%s': use received, under_review, "
		    "answered or withdrawn"), set);
		goto out;
	}
	snprintf(name, sizeof name, "%s.json", id);
	if (svc_path(dir, sizeof dir, state, "contests") != CORE_OK ||
	    svc_path(path, sizeof path, dir, name) != CORE_OK)
		goto usage;
	if (svc_store_read_contest(dir, id, &o, &err) != CORE_OK)
		goto fail;
	cur = json_string_value(json_object_get(o, "status"));
	hist = json_object_get(o, "history");
	if (strcmp(cur, "answered") == 0 || strcmp(cur, "withdrawn") == 0) {
		svc_warnx(_("the contest is %s already, which is final"), cur);
		goto out;
	}
	svc_time_rfc3339(time(NULL), when);
	e = json_pack("{s:s, s:s}", "at", when, "status", set);
	if (e == NULL || (note != NULL && json_object_set_new(e, "note",
	    json_string(note)) != 0) || json_array_append(hist, e) != 0 ||
	    json_object_set_new(o, "status", json_string(set)) != 0) {
		core_err_set(&err, CORE_E_NOMEM, CORE_NO_OFFSET, "%s", path);
		goto fail;
	}
	if (json_array_size(hist) > STATUS_MAX_HISTORY ||
	    svc_json_dump(hist, JSON_COMPACT, &hb) != CORE_OK ||
	    hb.len > STATUS_MAX_HISTORY_BYTES) {
		core_err_set(&err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "%s: the status would be over the protocol's limits "
		    "(%d entries, 64 KiB signed)", path, STATUS_MAX_HISTORY);
		goto fail;
	}
	/* As the store writes it: temporary file, fsync, rename, fsync of
	 * the folder; a running service reads it when the status is asked. */
	if (svc_json_dump(o, JSON_INDENT(1) | JSON_SORT_KEYS, &out) != CORE_OK ||
	    core_buf_addc(&out, '\n') != CORE_OK ||
	    svc_write_atomic(dir, name, out.data, out.len, 0600, &err) != CORE_OK)
		goto fail;
	rv = 0;
	goto out;
usage:
	svc_warnx(_("usage: recourse-service status --state DIR --contest ID "
	    "--set STATUS [--note TEXT]"));
	rv = SVC_EXIT_USAGE;
	goto out;
fail:
	svc_warn_core(_("cannot change the status"), &err);
out:
	json_decref(e);
	json_decref(o);
	core_buf_free(&out);
	core_buf_free(&hb);
	return rv;
}
