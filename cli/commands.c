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
	{ "canon", cli_cmd_canon, N_("[--max-size BYTES] [FILE]"),
	    N_("print the RFC 8785 canonical form of a JSON document") },
	{ "verify", cli_cmd_verify, N_("[OPTION]... [FILE]..."),
	    N_("say, offline, whether signed documents are valid and trusted") },
	{ "watermark", cli_cmd_watermark, N_("[--key HEX|--label FILE] [FILE]"),
	    N_("test a letter for the WPG-1 text watermark") },
	{ "open", cli_cmd_open, N_("[URL] REF [OPTION]..."),
	    N_("fetch a decision, verify it and keep it as a case") },
	{ "fetch", cli_cmd_fetch, N_("[CASE] [--code C]"),
	    N_("fetch the decision of a case again and verify it") },
	{ "contest", cli_cmd_contest, N_("CASE FILE [--code C]"),
	    N_("contest a decision; FILE holds the contest as JSON") },
	{ "status", cli_cmd_status, N_("[CASE] [--code C]"),
	    N_("send what waits in the outbox and show contests' status") },
	{ "list", cli_cmd_list, N_("[--json]"),
	    N_("list the cases kept on this computer") },
	{ "show", cli_cmd_show, N_("[CASE] [--plain]"),
	    N_("print a kept decision in reading order, as plain lines") },
	{ "inspect", cli_cmd_inspect, N_("FILE..."),
	    N_("show what media files say about how they were made") },
	{ NULL, NULL, NULL, NULL }
};
