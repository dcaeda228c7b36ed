/* commands.c: the operator commands of recourse-service. */
#include "config.h"

#include <stddef.h>

#include "core/intl.h"
#include "service/service.h"

/* One line per command, in the order --help lists them; arguments and help
 * are translated when shown. */
const struct svc_cmd svc_commands[] = {
	{ "keygen", svc_cmd_keygen, N_("--type ed25519|p256 --out FILE"),
	    N_("make a signing key pair") },
	{ "sign", svc_cmd_sign, N_("--key FILE --typ TYP [--kid KID] [PAYLOAD]"),
	    N_("sign a JSON document as a flattened JWS") },
	{ "registry", svc_cmd_registry,
	    N_("--key FILE --sequence N --expires TIME --services FILE"),
	    N_("build and sign a registry") },
	{ "serve", svc_cmd_serve, N_("--state DIR (--cases DIR | --demo DIR) ..."),
	    N_("serve decisions and take contests") },
	{ "status", svc_cmd_status,
	    N_("--state DIR --contest ID --set STATUS [--note TEXT]"),
	    N_("change the status of a contest") },
	{ NULL, NULL, NULL, NULL }
};
