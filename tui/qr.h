/*
 * qr.h: a QR code drawn with half blocks (tui/qr.c), and the short code a
 * person writes down to check a digest.
 */
#ifndef RECOURSE_TUI_QR_H
#define RECOURSE_TUI_QR_H

#include <stddef.h>

/* Draw text as a QR code with its quiet zone at (y, x) within h rows and w
 * columns; returns the rows used (and the columns in *used_w), or -1 when
 * it does not fit or cannot be made.  Needs a UTF-8 terminal. */
int	tui_qr_draw(int y, int x, int h, int w, const char *text, int *used_w);
/* The first ten base32 characters of a hex digest, as "ABCDE-FGHIJ"
 * (empty when hex is not a digest). */
void	tui_qr_vcode(const char *hex, char *out, size_t outsz);

#endif
