/* cmd_keys.c: the operator tools keygen, sign and registry. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/intl.h"
#include "core/jcs.h"
#include "core/json.h"
#include "core/jws.h"
#include "core/key.h"
#include "service/keyfile.h"
#include "service/registry.h"
#include "service/service.h"

/* Write all of b to stdout; -1 on a write error. */
static int
keys_emit(const struct core_buf *b)
{
	if (fwrite(b->data, 1, b->len, stdout) != b->len || fputc('\n', stdout) == EOF ||
	    fflush(stdout) == EOF)
		return -1;
	return 0;
}

/* recourse-service keygen --type ed25519|p256 --out FILE */
int
svc_cmd_keygen(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	enum core_key_type	 type = CORE_KEY_ED25519;
	struct core_err		 err;
	struct core_key		*k = NULL;
	const char		*outpath = NULL;
	char			 tp[SVC_KID_LEN];
	int			 ch, ret = SVC_EXIT_FAIL;

	core_err_clear(&err);
	while ((ch = getopt_long(argc, argv, "t:o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 't':
			if (strcmp(optarg, "ed25519") == 0)
				type = CORE_KEY_ED25519;
			else if (strcmp(optarg, "p256") == 0)
				type = CORE_KEY_P256;
			else {
				svc_warnx(_("unknown key type '%s': use ed25519 or p256"),
				    optarg);
				ret = SVC_EXIT_USAGE;
				goto out;
			}
			break;
		case 'o':
			outpath = optarg;
			break;
		default:
			ret = SVC_EXIT_USAGE;
			goto out;
		}
	}
	if (outpath == NULL || optind != argc) {
		svc_warnx(_("usage: recourse-service keygen --type ed25519|p256 --out FILE"));
		ret = SVC_EXIT_USAGE;
		goto out;
	}
	if (svc_key_create(type, outpath, &k, &err) != CORE_OK) {
		svc_warn_core(_("cannot make the key"), &err);
		goto out;
	}
	if (svc_key_kid(k, tp, &err) != CORE_OK) {
		svc_warn_core(_("cannot make the key"), &err);
		goto out;
	}
	printf("%s\n", tp);
	ret = SVC_EXIT_OK;
out:
	core_key_free(&k);
	return ret;
}

/* recourse-service sign --key FILE --typ TYP [--kid KID] [PAYLOAD] */
int
svc_cmd_sign(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "typ", required_argument, NULL, 't' },
		{ "kid", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 }
	};
	struct core_err		 err;
	struct core_key		*k = NULL;
	struct core_buf		 payload, jws;
	const char		*keypath = NULL, *typ = NULL, *kid = NULL;
	const char		*in = "/dev/stdin";
	char			 kidbuf[SVC_KID_LEN];
	json_t			*doc = NULL;
	int			 ch, ret = SVC_EXIT_FAIL;

	core_err_clear(&err);
	core_buf_init(&payload, SVC_MAX_DOC);
	core_buf_init(&jws, 2 * SVC_MAX_DOC);
	while ((ch = getopt_long(argc, argv, "k:t:i:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'k':
			keypath = optarg;
			break;
		case 't':
			typ = optarg;
			break;
		case 'i':
			kid = optarg;
			break;
		default:
			ret = SVC_EXIT_USAGE;
			goto out;
		}
	}
	if (keypath == NULL || typ == NULL || argc - optind > 1 || *typ == '\0') {
		svc_warnx(_("usage: recourse-service sign --key FILE --typ TYP [--kid KID] [PAYLOAD]"));
		ret = SVC_EXIT_USAGE;
		goto out;
	}
	if (optind < argc && strcmp(argv[optind], "-") != 0)
		in = argv[optind];
	if (svc_key_load(keypath, &k, &err) != CORE_OK) {
		svc_warn_core(keypath, &err);
		goto out;
	}
	if (svc_read_file(in, SVC_MAX_DOC, &payload, &err) != CORE_OK) {
		svc_warn_core(in, &err);
		goto out;
	}
	/* Only strict JSON is signed: what a verifier would refuse is refused here. */
	if (core_json_parse(payload.data, payload.len, NULL, &doc, &err) != CORE_OK) {
		svc_warn_core(in, &err);
		goto out;
	}
	if (kid == NULL) {
		if (svc_key_kid(k, kidbuf, &err) != CORE_OK) {
			svc_warn_core(keypath, &err);
			goto out;
		}
		kid = kidbuf;
	}
	if (core_jws_sign(payload.data, payload.len, typ, k, kid, &jws,
	    &err) != CORE_OK) {
		svc_warn_core(_("cannot sign"), &err);
		goto out;
	}
	if (keys_emit(&jws) == -1) {
		svc_warnx(_("cannot write the signed document"));
		goto out;
	}
	ret = SVC_EXIT_OK;
out:
	json_decref(doc);
	core_buf_free(&payload);
	core_buf_free(&jws);
	core_key_free(&k);
	return ret;
}

/* recourse-service registry --key ROOTFILE --sequence N --expires RFC3339
 * --services FILE [--id ID] */
int
svc_cmd_registry(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "sequence", required_argument, NULL, 's' },
		{ "expires", required_argument, NULL, 'e' },
		{ "services", required_argument, NULL, 'S' },
		{ "id", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 }
	};
	struct svc_registry_args	 ra;
	struct core_err			 err;
	struct core_key			*k = NULL;
	struct core_buf			 src, jws;
	const char			*keypath = NULL, *services = NULL;
	unsigned long			 seq = 0;
	json_t				*list = NULL;
	int				 ch, have_seq = 0, ret = SVC_EXIT_FAIL;

	core_err_clear(&err);
	memset(&ra, 0, sizeof ra);
	core_buf_init(&src, SVC_MAX_DOC);
	core_buf_init(&jws, 2 * SVC_MAX_DOC);
	while ((ch = getopt_long(argc, argv, "k:s:e:S:i:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'k':
			keypath = optarg;
			break;
		case 's':
			if (svc_parse_ulong(optarg, 9007199254740991UL, &seq) == -1) {
				svc_warnx(_("--sequence wants a whole number, not '%s'"),
				    optarg);
				ret = SVC_EXIT_USAGE;
				goto out;
			}
			have_seq = 1;
			break;
		case 'e':
			if (svc_time_parse(optarg, &ra.expires) == -1) {
				svc_warnx(_("--expires wants a UTC time like 2027-01-01T00:00:00Z, not '%s'"),
				    optarg);
				ret = SVC_EXIT_USAGE;
				goto out;
			}
			break;
		case 'S':
			services = optarg;
			break;
		case 'i':
			ra.id = optarg;
			break;
		default:
			ret = SVC_EXIT_USAGE;
			goto out;
		}
	}
	if (keypath == NULL || !have_seq || ra.expires == 0 || services == NULL ||
	    optind != argc) {
		svc_warnx(_("usage: recourse-service registry --key ROOTFILE --sequence N --expires RFC3339 --services FILE [--id ID]"));
		ret = SVC_EXIT_USAGE;
		goto out;
	}
	ra.sequence = seq;
	ra.issued_at = time(NULL);
	if (ra.expires <= ra.issued_at) {
		svc_warnx(_("--expires is in the past"));
		ret = SVC_EXIT_USAGE;
		goto out;
	}
	if (svc_key_load(keypath, &k, &err) != CORE_OK) {
		svc_warn_core(keypath, &err);
		goto out;
	}
	if (svc_read_file(services, SVC_MAX_DOC, &src, &err) != CORE_OK ||
	    core_json_parse(src.data, src.len, NULL, &list, &err) != CORE_OK) {
		svc_warn_core(services, &err);
		goto out;
	}
	if (svc_registry_build(&ra, list, k, &jws, &err) != CORE_OK) {
		svc_warn_core(services, &err);
		goto out;
	}
	if (keys_emit(&jws) == -1) {
		svc_warnx(_("cannot write the signed document"));
		goto out;
	}
	ret = SVC_EXIT_OK;
out:
	json_decref(list);
	core_buf_free(&src);
	core_buf_free(&jws);
	core_key_free(&k);
	return ret;
}
