/*
 * qr.c: a QR code drawn in the terminal with libqrencode, and the short
 * verification code of a digest.
 *
 * Two rows of modules share a character cell: the upper and lower half
 * blocks, the full block and the space.  A light module is a block (the
 * terminal's foreground) and a dark module a space (its background): the
 * way round that cameras read on the usual light-on-dark terminal.  A quiet
 * zone of two modules surrounds the code.
 */
#include "config.h"

#include <string.h>

#include <curses.h>
#include <qrencode.h>

#include "tui/qr.h"
#include "tui/tui-int.h"

#define QR_QUIET	2

/* Is module (r, c) of the code with its quiet zone light? */
static int
qr_light(const QRcode *q, int r, int c)
{
	int	m = q->width;

	r -= QR_QUIET;
	c -= QR_QUIET;
	if (r < 0 || c < 0 || r >= m || c >= m)
		return 1;
	return (q->data[r * m + c] & 1) == 0;
}

int
tui_qr_draw(int y, int x, int h, int w, const char *text, int *used_w)
{
	static const char *const cells[4] = { " ", "▄", "▀", "█" };
	QRcode	*q;
	int	 n, rows, r, c, top, bot;

	/* The 8-bit mode hint with case kept: libqrencode still puts runs of
	 * digits and capitals in their denser modes. */
	if ((q = QRcode_encodeString(text, 0, QR_ECLEVEL_L, QR_MODE_8, 1)) == NULL)
		return -1;
	n = q->width + 2 * QR_QUIET;
	rows = (n + 1) / 2;
	if (rows > h || n > w) {
		QRcode_free(q);
		return -1;
	}
	attrset(A_NORMAL);
	for (r = 0; r < rows; r++) {
		move(y + r, x);
		for (c = 0; c < n; c++) {
			top = qr_light(q, 2 * r, c);
			bot = 2 * r + 1 < n ? qr_light(q, 2 * r + 1, c) : 1;
			addstr(cells[top * 2 + bot]);
		}
	}
	if (used_w != NULL)
		*used_w = n;
	QRcode_free(q);
	return rows;
}

void
tui_qr_vcode(const char *hex, char *out, size_t outsz)
{
	static const char	 b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned char		 bytes[7];
	unsigned long long	 v = 0;
	char			 code[11];
	size_t			 i;
	int			 hi, lo;

	if (outsz == 0)
		return;
	out[0] = '\0';
	if (hex == NULL || strlen(hex) < 14)
		return;
	for (i = 0; i < 7; i++) {
		hi = hex[2 * i] >= 'a' ? hex[2 * i] - 'a' + 10 :
		    hex[2 * i] >= 'A' ? hex[2 * i] - 'A' + 10 : hex[2 * i] - '0';
		lo = hex[2 * i + 1] >= 'a' ? hex[2 * i + 1] - 'a' + 10 :
		    hex[2 * i + 1] >= 'A' ? hex[2 * i + 1] - 'A' + 10 :
		    hex[2 * i + 1] - '0';
		if (hi < 0 || hi > 15 || lo < 0 || lo > 15)
			return;
		bytes[i] = (unsigned char)(hi << 4 | lo);
		v = v << 8 | bytes[i];
	}
	/* 56 bits; the first 50 make ten base32 characters (RFC 4648). */
	for (i = 0; i < 10; i++)
		code[i] = b32[(v >> (51 - 5 * i)) & 31];
	code[10] = '\0';
	snprintf(out, outsz, "%.5s-%.5s", code, code + 5);
}
