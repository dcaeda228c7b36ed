/* commands.c: the table of non-interactive commands (recourse COMMAND ...). */
#include "config.h"

#include <stddef.h>

#include "cli/cli.h"
#include "core/intl.h"

/*
 * One line per command, in the order --help lists them.  A command's
 * arguments and help are translated when shown.
 */
const struct cli_cmd cli_commands[] = {
	{ "canon", cli_cmd_canon, N_("[FILE]"),
	    N_("print the RFC 8785 canonical form of a JSON document") },
	{ "verify", cli_cmd_verify, N_("[OPTION]... [FILE]..."),
	    N_("say, offline, whether signed documents are valid and trusted") },
	{ "watermark", cli_cmd_watermark, N_("[--key HEX|--label FILE] [FILE]"),
	    N_("test a letter for the WPG-1 text watermark") },
	{ NULL, NULL, NULL, NULL }
};
