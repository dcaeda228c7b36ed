/*
 * kiosk.h: recourse --kiosk on the command line's side (cli/kiosk-conf.c):
 * the administrator's kiosk.conf, the services its registries list, and
 * the loop that gives each person a fresh session in a process of its own.
 */
#ifndef RECOURSE_CLI_KIOSK_H
#define RECOURSE_CLI_KIOSK_H

#include <stddef.h>

#include "cli/cli.h"
#include "cli/conf.h"

/* Read kiosk.conf (path, or SYSCONFDIR/recourse/kiosk.conf when NULL; that
 * one may be missing) into cf, and nothing else.  The file and its folder
 * must be owned by root (or the user running recourse) and writable by no
 * one else.  -1 after a message. */
int	cli_kiosk_config_load(struct cli_config *cf, const char *path);
/* An accepted registry (its JWS bytes): note the services it lists as
 * active, which the open dialog accepts. */
void	cli_kiosk_note_registry(const void *jws, size_t len);
/* recourse --kiosk: sessions one after another until the administrator
 * ends the kiosk; returns an exit code. */
int	cli_kiosk_run(struct cli_opts *o);

#endif
