/*
 * session.c: configuration, store, client, trust and languages for the
 * script commands, and the way their errors become messages and exit codes.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/crypto.h>

#include "cli/cli.h"
#include "cli/conf.h"
#include "cli/fmt.h"
#include "cli/kiosk.h"
#include "cli/session.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/intl.h"
#include "core/json.h"
#include "core/key.h"
#include "core/safetext.h"
#include "core/trust.h"
#include "core/verdict.h"
#include "net/client.h"
#include "net/flow.h"
#include "net/store.h"

#define SESSION_KEYFILE_MAX	(1024u * 1024u)
#define SESSION_REGISTRY_MAX	(4u * 1024u * 1024u)
#define SESSION_MAX_DIRFILES	256	/* files read in a registry folder */

void
cli_put_safe(FILE *fp, const char *s)
{
	char	*safe = NULL;

	if (s == NULL)
		return;
	if (core_safetext(s, CORE_SAFETEXT_ESCAPE, 4096, &safe) == CORE_OK) {
		fputs(safe, fp);
		core_free(safe);
	} else
		fputs("?", fp);
}

void
cli_report(const char *what, const struct core_err *err)
{
	fprintf(stderr, "%s: ", PACKAGE);
	if (what != NULL) {
		cli_put_safe(stderr, what);
		fputs(": ", stderr);
	}
	fputs(_(core_strerror(err->code)), stderr);
	if (err->detail[0] != '\0') {
		fputs(" (", stderr);
		cli_put_safe(stderr, err->detail);
		fputs(")", stderr);
	}
	fputc('\n', stderr);
}

void
cli_report_outcome(const char *what, const struct net_outcome *o)
{
	struct core_err	err = o->err;
	int		problem;

	problem = o->problem_title[0] != '\0' || o->problem_detail[0] != '\0';
	/* The service's own words follow on a line of their own. */
	if (problem && o->http_status > 0)
		snprintf(err.detail, sizeof err.detail, "HTTP %ld", o->http_status);
	cli_report(what, &err);
	if (problem) {
		/* L10N: followed by the title and detail of an error the service
		 * sent, e.g. "Access code refused: the code does not match". */
		fprintf(stderr, "%s: %s ", PACKAGE, _("the service said:"));
		cli_put_safe(stderr, o->problem_title);
		if (o->problem_title[0] != '\0' && o->problem_detail[0] != '\0')
			fputs(": ", stderr);
		cli_put_safe(stderr, o->problem_detail);
		fputc('\n', stderr);
	}
	if (o->code == CORE_E_NET_RETRY && o->retry_after >= 0)
		cli_warnx(P_("the service asked to wait %ld second before trying again",
		    "the service asked to wait %ld seconds before trying again",
		    o->retry_after), o->retry_after);
}

void
cli_print_verdict(FILE *fp, const struct core_verdict *v)
{
	enum core_verdict_overall	 o = core_verdict_overall(v);
	const struct core_check		*c;
	struct core_buf			 b;
	size_t				 i;

	core_buf_init(&b, 8192);
	/* L10N: followed by a symbol and a verdict, e.g. "[ok] valid and trusted". */
	fprintf(fp, "%s %s %s\n", _("Verification:"), core_verdict_symbol(o),
	    _(core_verdict_text(o)));
	for (i = 0; i < v->n; i++) {
		c = &v->checks[i];
		core_buf_reset(&b);
		fprintf(fp, "  %-6s ", core_check_symbol(c->result));
		if (cli_fmt_check(NULL, c, &b) == CORE_OK)
			cli_put_safe(fp, core_buf_str(&b));
		if (c->result != CORE_CHECK_PASSED && c->detail[0] != '\0') {
			fputs(" (", fp);
			cli_put_safe(fp, c->detail);
			fputs(")", fp);
		}
		fputc('\n', fp);
	}
	core_buf_free(&b);
}

int
cli_exit_for(enum core_code code, long http_status)
{
	switch (code) {
	case CORE_OK:
		return CLI_EXIT_OK;
	case CORE_E_NET_CONNECT:
	case CORE_E_NET_DNS:
	case CORE_E_NET_TIMEOUT:
	case CORE_E_NET_TLS:
	case CORE_E_NET_POLICY:
	case CORE_E_NET_RETRY:
	case CORE_E_NET_BROKEN:
	case CORE_E_NET_CANCELLED:
		return CLI_EXIT_NETWORK;
	case CORE_E_NET_HTTP:
		return http_status >= 500 || http_status == 0 ?
		    CLI_EXIT_NETWORK : CLI_EXIT_REFUSED;
	case CORE_E_NET_CONFLICT:
		return CLI_EXIT_REFUSED;
	case CORE_E_NET_CONTENT_TYPE:
	case CORE_E_TOO_LARGE:
	case CORE_E_JSON_SYNTAX:
	case CORE_E_JSON_DUPLICATE:
	case CORE_E_JSON_UTF8:
	case CORE_E_JSON_SURROGATE:
	case CORE_E_JSON_DEPTH:
	case CORE_E_JSON_STRING:
	case CORE_E_JSON_NUMBER:
	case CORE_E_JSON_TYPE:
	case CORE_E_UNSUPPORTED:
	case CORE_E_JWS_FORMAT:
	case CORE_E_KEY:
		return CLI_EXIT_UNREADABLE;
	case CORE_E_STORE_LOCKED:
	case CORE_E_STORE_CORRUPT:
	case CORE_E_NOSPACE:
	case CORE_E_IO:
		return CLI_EXIT_STORE;
	case CORE_E_NOT_FOUND:
	case CORE_E_ARG:
		return CLI_EXIT_USAGE;
	case CORE_E_UNTRUSTED:
		return CLI_EXIT_UNTRUSTED;
	case CORE_E_NOMEM:
	case CORE_E_INTERNAL:
		return CLI_EXIT_SOFTWARE;
	default:
		return CLI_EXIT_INVALID;	/* a check failed */
	}
}

int
cli_exit_verdict(const struct core_verdict *v)
{
	switch (core_verdict_overall(v)) {
	case CORE_VERDICT_TRUSTED:
		return CLI_EXIT_OK;
	case CORE_VERDICT_UNTRUSTED:
		return CLI_EXIT_UNTRUSTED;
	case CORE_VERDICT_INVALID:
		return CLI_EXIT_INVALID;
	default:
		return CLI_EXIT_UNREADABLE;
	}
}

void
cli_report_quarantine(const struct cli_session *s)
{
	const struct net_quarantine_note	*q;
	size_t					 n, i;

	if (s->store == NULL)
		return;
	n = net_store_quarantined(s->store, &q);
	for (i = 0; i < n; i++) {
		cli_warnx(_("%s was damaged (%s) and has been set aside as %s/%s"),
		    q[i].from, q[i].why, net_store_path(s->store), q[i].to);
	}
}

/* Add a language tag (from "cy_GB.UTF-8@x" or "cy-GB") once. */
static void
session_add_lang(struct cli_session *s, const char *v, size_t n)
{
	char	tag[36];
	size_t	i, k = 0;

	for (i = 0; i < n && k + 1 < sizeof tag; i++) {
		if (v[i] == '.' || v[i] == '@')
			break;
		if (v[i] == '_' || v[i] == '-')
			tag[k++] = '-';
		else if ((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') ||
		    (v[i] >= '0' && v[i] <= '9'))
			tag[k++] = v[i];
		else
			return;
	}
	tag[k] = '\0';
	if (k < 2 || strcmp(tag, "C") == 0 || strcmp(tag, "POSIX") == 0 ||
	    s->nlangs == CLI_MAX_LANGS)
		return;
	for (i = 0; i < s->nlangs; i++)
		if (strcasecmp(s->langs[i], tag) == 0)
			return;
	memcpy(s->langs[s->nlangs++], tag, k + 1);
}

/* Add each item of a list separated by any of seps. */
static void
session_add_langs(struct cli_session *s, const char *list, const char *seps)
{
	size_t	n;

	while (list != NULL && *list != '\0') {
		list += strspn(list, seps);
		n = strcspn(list, seps);
		if (n > 0)
			session_add_lang(s, list, n);
		list += n;
	}
}

/* The person's languages, most wanted first. */
static void
session_languages(struct cli_session *s)
{
	const struct cli_config_item	*it;
	const char			*v;

	if (s->opts->lang != NULL)
		session_add_langs(s, s->opts->lang, ":, ");
	if ((it = cli_config_get(&s->cfg, "languages")) != NULL)
		session_add_langs(s, it->value, ":, ");
	session_add_langs(s, getenv("LANGUAGE"), ":");
	if ((v = getenv("LC_ALL")) == NULL || *v == '\0')
		if ((v = getenv("LC_MESSAGES")) == NULL || *v == '\0')
			v = getenv("LANG");
	if (v != NULL)
		session_add_lang(s, v, strlen(v));
}

/* Read a key file: a JWK, a JWKS or PEM. */
static int
session_keyfile(struct cli_session *s, const char *path, enum core_trust_as as,
    const char *service)
{
	struct core_buf	 b;
	struct core_err	 err;
	struct core_key	*k = NULL;
	json_t		*j = NULL, *keys, *jwk;
	FILE		*fp;
	size_t		 i, n;
	char		 chunk[4096];
	int		 ok = -1;
	enum core_code	 rc = CORE_OK;

	core_err_clear(&err);
	core_buf_init(&b, SESSION_KEYFILE_MAX);
	if ((fp = fopen(path, "r")) == NULL) {
		cli_warnx(_("cannot read %s: %s"), path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		if ((rc = core_buf_add(&b, chunk, n)) != CORE_OK)
			break;
	fclose(fp);
	if (rc != CORE_OK) {
		core_err_set(&err, rc, CORE_NO_OFFSET, "%s", path);
		goto out;
	}
	if (b.len > 0 && strstr(core_buf_str(&b), "-----BEGIN") != NULL) {
		if (service == NULL) {
			rc = core_trust_add_pem(s->trust, b.data, b.len, as, &err);
		} else if ((rc = core_key_from_pem(b.data, b.len, &k, &err)) == CORE_OK)
			rc = core_trust_pin(s->trust, k, NULL, service, 0, 0, &err);
		goto out;
	}
	if ((rc = core_json_parse(b.data, b.len, NULL, &j, &err)) != CORE_OK)
		goto out;
	if (service == NULL) {
		rc = core_trust_add_jwks(s->trust, j, as, NULL, &err);
		goto out;
	}
	/* A pin for one service: key by key. */
	keys = json_object_get(j, "keys");
	for (i = 0; rc == CORE_OK && i < (json_is_array(keys) ? json_array_size(keys) : 1); i++) {
		jwk = json_is_array(keys) ? json_array_get(keys, i) : j;
		if ((rc = core_key_from_jwk(jwk, &k, &err)) != CORE_OK)
			break;
		rc = core_trust_pin(s->trust, k,
		    json_string_value(json_object_get(jwk, "kid")), service, 0, 0, &err);
		core_key_free(&k);
	}
out:
	if (rc == CORE_OK)
		ok = 0;
	else
		cli_report(path, &err);
	core_key_free(&k);
	json_decref(j);
	core_buf_free(&b);
	return ok;
}

/* Read a registry from a file and accept it. */
static void
session_registry_file(struct cli_session *s, const char *path)
{
	struct core_buf	b;
	struct core_err	err;
	FILE		*fp;
	char		chunk[8192];
	size_t		n;
	enum core_code	rc = CORE_OK;

	core_err_clear(&err);
	core_buf_init(&b, SESSION_REGISTRY_MAX);
	if ((fp = fopen(path, "r")) == NULL) {
		cli_warnx(_("cannot read %s: %s"), path, strerror(errno));
		return;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		if ((rc = core_buf_add(&b, chunk, n)) != CORE_OK)
			break;
	fclose(fp);
	if (rc == CORE_OK)
		rc = core_trust_add_registry(s->trust, b.data, b.len, time(NULL),
		    &s->tstate, &err);
	else
		core_err_set(&err, rc, CORE_NO_OFFSET, NULL);
	if (rc == CORE_OK && s->opts->kiosk)
		cli_kiosk_note_registry(b.data, b.len);
	if (rc == CORE_OK)
		rc = net_trust_state_save(&s->ctx, &err);
	if (rc != CORE_OK)
		cli_report(path, &err);
	core_buf_free(&b);
}

/* qsort order of file names. */
static int
session_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t
cli_registry_files(const char *dir, const char *suffix, char **names, size_t max)
{
	DIR		*d;
	struct dirent	*de;
	size_t		 n = 0, len, slen = strlen(suffix);
	char		*p;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while (n < max && (de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= slen ||
		    strcmp(de->d_name + len - slen, suffix) != 0)
			continue;
		if ((p = malloc(strlen(dir) + len + 2)) == NULL)
			break;
		memcpy(p, dir, strlen(dir));
		p[strlen(dir)] = '/';
		memcpy(p + strlen(dir) + 1, de->d_name, len + 1);
		names[n++] = p;
	}
	closedir(d);
	qsort(names, n, sizeof *names, session_strcmp);
	return n;
}

size_t
cli_registry_dirs(char *dirs[2])
{
	const char	*xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct core_buf	 b;
	size_t		 n = 0;

	dirs[n++] = strdup(SYSCONFDIR "/recourse/registries");
	core_buf_init(&b, 4096);
	if (xdg != NULL && xdg[0] == '/')
		core_buf_printf(&b, "%s/recourse/registries", xdg);
	else if (home != NULL && home[0] == '/')
		core_buf_printf(&b, "%s/.config/recourse/registries", home);
	if (b.len > 0)
		dirs[n++] = strdup(core_buf_str(&b));
	core_buf_free(&b);
	if (dirs[0] == NULL || (n == 2 && dirs[1] == NULL)) {
		cli_warnx("%s", _(core_strerror(CORE_E_NOMEM)));
		exit(CLI_EXIT_SOFTWARE);
	}
	return n;
}

/*
 * The registry folders, as recourse verify reads them: *.jwk then *.pem
 * files are root keys (with roots set), *.jws files signed registries (with
 * roots clear), each folder in the order of the names.  Problems there are
 * warnings: the person did not name those files.
 */
static void
session_registry_dirs(struct cli_session *s, int roots)
{
	static const char *const root_suffixes[] = { ".jwk", ".pem", NULL };
	static const char *const reg_suffixes[] = { ".jws", NULL };
	const char *const	*suffix;
	char			*dirs[2], *names[SESSION_MAX_DIRFILES];
	size_t			 nd, n, i, j;

	nd = cli_registry_dirs(dirs);
	for (i = 0; i < nd; i++) {
		/* A kiosk trusts only its administrator's registries. */
		if (i > 0 && s->opts->kiosk)
			break;
		for (suffix = roots ? root_suffixes : reg_suffixes; *suffix != NULL;
		    suffix++) {
			n = cli_registry_files(dirs[i], *suffix, names,
			    SESSION_MAX_DIRFILES);
			for (j = 0; j < n; j++) {
				if (roots)
					session_keyfile(s, names[j],
					    CORE_TRUST_AS_ROOT, NULL);
				else
					session_registry_file(s, names[j]);
				free(names[j]);
			}
		}
	}
	for (i = 0; i < nd; i++)
		free(dirs[i]);
}

/* A registry refresh ended. */
static void
session_registry_done(struct net_flow *f, const struct net_outcome *o, void *arg)
{
	const char	*url = arg;

	if (o->code != CORE_OK) {
		/* L10N: %s is the URL of a registry. */
		cli_report(url, &o->err);
		cli_warnx(_("using the registry kept from an earlier run, if any"));
	}
}

/* The trust store: roots, pins, registries. */
static int
session_trust(struct cli_session *s, int net)
{
	const struct cli_config_item	*it;
	struct core_err			 err;
	char				 path[PATH_MAX], *sp;
	enum core_code			 rc;

	if ((rc = core_trust_new(&s->trust)) != CORE_OK)
		return CLI_EXIT_SOFTWARE;
	s->ctx.trust = s->trust;
	s->ctx.trust_state = &s->tstate;
	if (net_trust_state_load(s->store, &s->tstate, &err) != CORE_OK)
		cli_report(NULL, &err);
	session_registry_dirs(s, 1);
	for (it = NULL; (it = cli_config_next(&s->cfg, "registry-root", it)) != NULL;) {
		if (cli_config_path(it, path, sizeof path) != 0 ||
		    session_keyfile(s, path, CORE_TRUST_AS_ROOT, NULL) != 0)
			return CLI_EXIT_USAGE;
	}
	for (it = NULL; (it = cli_config_next(&s->cfg, "pin", it)) != NULL;) {
		struct cli_config_item	one = *it;
		char			svc[300];

		svc[0] = '\0';
		/* "pin = FILE" or "pin = https://origin FILE" */
		if (strncmp(it->value, "https://", 8) == 0 ||
		    strncmp(it->value, "http://", 7) == 0) {
			sp = strpbrk(it->value, " \t");
			if (sp == NULL || (size_t)(sp - it->value) >= sizeof svc) {
				cli_warnx(_("%s:%u: expected \"pin = [SERVICE] FILE\""),
				    it->file, it->line);
				return CLI_EXIT_USAGE;
			}
			memcpy(svc, it->value, (size_t)(sp - it->value));
			svc[sp - it->value] = '\0';
			one.value = sp + strspn(sp, " \t");
		}
		if (cli_config_path(&one, path, sizeof path) != 0 ||
		    session_keyfile(s, path, CORE_TRUST_AS_PIN,
		    svc[0] != '\0' ? svc : NULL) != 0)
			return CLI_EXIT_USAGE;
	}
	session_registry_dirs(s, 0);
	for (it = NULL; (it = cli_config_next(&s->cfg, "registry", it)) != NULL;) {
		if (strncmp(it->value, "https://", 8) == 0 ||
		    strncmp(it->value, "http://", 7) == 0) {
			if (net_registry_load_kept(&s->ctx, it->value, &err) != CORE_OK &&
			    err.code != CORE_E_NOT_FOUND)
				cli_report(it->value, &err);
			if (net && net_flow_registry(&s->ctx, it->value,
			    session_registry_done, it->value, NULL, &err) != CORE_OK)
				cli_report(it->value, &err);
			continue;
		}
		if (cli_config_path(it, path, sizeof path) != 0)
			return CLI_EXIT_USAGE;
		session_registry_file(s, path);
	}
	if (net)
		cli_session_run(s);
	return CLI_EXIT_OK;
}

/* The transport policy from the configuration. */
static int
session_client(struct cli_session *s)
{
	struct net_policy		 p;
	const struct cli_config_item	*it;
	struct core_err			 err;
	const char			*tags[CLI_MAX_LANGS];
	char				 ca[PATH_MAX], pin[PATH_MAX + 8];
	size_t				 i;
	long				 v;
	int				 rc = CLI_EXIT_USAGE;

	net_policy_default(&p);
	p.allow_http_loopback = s->opts->allow_http_loopback;
	if ((it = cli_config_get(&s->cfg, "ca-bundle")) != NULL) {
		if (cli_config_path(it, ca, sizeof ca) != 0)
			goto out;
		p.ca_bundle = ca;
	}
	if ((it = cli_config_get(&s->cfg, "pinned-public-key")) != NULL) {
		/* Hashes as they are; anything else is a key file. */
		if (strncmp(it->value, "sha256//", 8) == 0)
			snprintf(pin, sizeof pin, "%s", it->value);
		else if (cli_config_path(it, pin, sizeof pin) != 0)
			goto out;
		p.pinned_pubkey = pin;
	}
	if (cli_config_long(&s->cfg, "connect-timeout", p.connect_timeout, 1, 600,
	    &p.connect_timeout) != 0 ||
	    cli_config_long(&s->cfg, "timeout", p.timeout, 1, 3600, &p.timeout) != 0 ||
	    cli_config_long(&s->cfg, "low-speed-limit", p.low_speed_limit, 0,
	    1L << 30, &p.low_speed_limit) != 0 ||
	    cli_config_long(&s->cfg, "low-speed-time", p.low_speed_time, 1, 3600,
	    &p.low_speed_time) != 0 ||
	    cli_config_long(&s->cfg, "max-response", (long)p.max_response, 1024,
	    64L * 1024 * 1024, &v) != 0)
		goto out;
	p.max_response = (size_t)v;
	if (cli_config_long(&s->cfg, "attempts", 3, 1, 20, &v) != 0)
		goto out;
	s->ctx.max_attempts = (int)v;
	if (cli_config_long(&s->cfg, "retry-max-wait", 30, 0, 3600, &s->ctx.max_wait) != 0)
		goto out;
	for (i = 0; i < s->nlangs; i++)
		tags[i] = s->langs[i];
	if (net_client_new(&p, &s->client, &err) != CORE_OK) {
		cli_report(NULL, &err);
		rc = CLI_EXIT_SOFTWARE;
		goto out;
	}
	/* Accept-Language: these languages, then English. */
	if (net_client_set_languages(s->client, tags, s->nlangs) != CORE_OK) {
		cli_warnx("%s", _(core_strerror(CORE_E_NOMEM)));
		rc = CLI_EXIT_SOFTWARE;
		goto out;
	}
	s->ctx.client = s->client;
	rc = CLI_EXIT_OK;
out:
	return rc;
}

int
cli_session_open(struct cli_session *s, struct cli_opts *o, int net)
{
	const struct cli_config_item	*it;
	struct core_err			 err;
	char				 dir[PATH_MAX];
	long				 wait;
	int				 rc;

	memset(s, 0, sizeof *s);
	s->opts = o;
	core_trust_state_init(&s->tstate);
	/* A kiosk reads its administrator's kiosk.conf and nothing else; the
	 * interactive start has read recourse.conf for its modes already. */
	if (o->cfg != NULL && !o->kiosk) {
		s->cfg = *o->cfg;
		memset(o->cfg, 0, sizeof *o->cfg);
		o->cfg = NULL;
	} else if ((o->kiosk ? cli_kiosk_config_load(&s->cfg, o->kiosk_config) :
	    cli_config_load(&s->cfg, o->config)) != 0)
		return CLI_EXIT_USAGE;
	if (cli_config_bool(&s->cfg, "remember-code", 0, &s->remember_code) != 0 ||
	    cli_config_long(&s->cfg, "lock-wait", 10, 0, 3600, &wait) != 0)
		return CLI_EXIT_USAGE;
	/* Languages for every command: texts of records, dates and figures. */
	session_languages(s);
	cli_fmt_set_lang(s->nlangs > 0 ? s->langs[0] : NULL);
	it = cli_config_get(&s->cfg, "data-dir");
	if (it != NULL && cli_config_path(it, dir, sizeof dir) != 0)
		return CLI_EXIT_USAGE;
	if (o->kiosk) {
		/* A kiosk keeps nothing past the session: a private folder,
		 * removed by cli_session_close, and no code is remembered. */
		snprintf(s->kiosk_dir, sizeof s->kiosk_dir, "%s/recourse-kiosk.XXXXXX",
		    o->kiosk_tmp != NULL ? o->kiosk_tmp :
		    getenv("TMPDIR") != NULL && getenv("TMPDIR")[0] == '/' ?
		    getenv("TMPDIR") : "/tmp");
		if (mkdtemp(s->kiosk_dir) == NULL) {
			cli_warnx(_("cannot make a private folder for the session: %s"),
			    strerror(errno));
			s->kiosk_dir[0] = '\0';
			return CLI_EXIT_STORE;
		}
		snprintf(dir, sizeof dir, "%s", s->kiosk_dir);
		it = NULL;
		s->remember_code = 0;
	}
	if (net_store_open(o->kiosk || it != NULL ? dir : NULL, &s->store,
	    &err) != CORE_OK) {
		cli_report(_("the local store"), &err);
		return cli_exit_for(err.code, 0);
	}
	net_store_set_lock_wait(s->store, wait * 1000);
	s->ctx.store = s->store;
	s->ctx.max_attempts = 3;
	s->ctx.max_wait = 30;
	if (net && (rc = session_client(s)) != CLI_EXIT_OK)
		return rc;
	if (net)
		return session_trust(s, net);
	return CLI_EXIT_OK;
}

/* nftw(3) callback: remove one file or (emptied) folder. */
static int
session_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)remove(path);	/* go on past what cannot be removed */
	return 0;
}

void
cli_session_close(struct cli_session *s)
{
	cli_report_quarantine(s);
	net_client_free(&s->client);
	core_trust_free(&s->trust);
	net_store_free(&s->store);
	cli_config_free(&s->cfg);
	if (s->kiosk_dir[0] != '\0') {
		nftw(s->kiosk_dir, session_rm, 16, FTW_DEPTH | FTW_PHYS);
		s->kiosk_dir[0] = '\0';
	}
}

void
cli_session_run(struct cli_session *s)
{
	if (s->client != NULL)
		net_client_run(s->client, NULL);
}

char *
cli_code_get(const char *given, const char *remembered)
{
	struct termios	 old, quiet;
	char		 line[256], *p;
	int		 tty = isatty(STDIN_FILENO), echo_off = 0;
	size_t		 n;

	if (given != NULL || remembered != NULL) {
		if ((p = strdup(given != NULL ? given : remembered)) == NULL)
			abort();
		return p;
	}
	if (tty) {
		/* L10N: the prompt for the access code printed on the letter. */
		fputs(_("Access code (as printed on your letter): "), stderr);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			echo_off = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
		}
	}
	p = fgets(line, sizeof line, stdin);
	if (echo_off) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (p == NULL) {
		cli_warnx("%s", _("no access code given (use --code, or type it when asked)"));
		return NULL;
	}
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	p = line + strspn(line, " \t");
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		p[--n] = '\0';
	if (n == 0) {
		cli_warnx("%s", _("no access code given (use --code, or type it when asked)"));
		OPENSSL_cleanse(line, sizeof line);
		return NULL;
	}
	if ((p = strdup(p)) == NULL)
		abort();
	OPENSSL_cleanse(line, sizeof line);
	return p;
}

void
cli_code_free(char **code)
{
	if (*code == NULL)
		return;
	OPENSSL_cleanse(*code, strlen(*code));
	free(*code);
	*code = NULL;
}
