/* commands.c: the operator commands of recourse-service. */
#include "config.h"

#include <stddef.h>

#include "core/intl.h"
#include "service/service.h"

const struct svc_cmd svc_commands[] = {
	{ NULL, NULL, NULL, NULL }
};
