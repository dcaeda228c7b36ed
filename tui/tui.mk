# tui/: the full-screen ncursesw interface (tui/tui.h), linked into recourse
# as tui/libtui.a before net/ and core/.
noinst_LIBRARIES += tui/libtui.a
tui_libtui_a_CPPFLAGS = $(AM_CPPFLAGS) $(NCURSES_CFLAGS) $(JANSSON_CFLAGS) \
	$(UTF8PROC_CFLAGS) $(CURL_CFLAGS) $(XML_CFLAGS)
tui_libtui_a_SOURCES = \
	tui/tui.h tui/tui-int.h tui/editor.h \
	tui/editor.c \
	tui/doc.c \
	tui/draw.c \
	tui/theme.c \
	tui/docpane.c \
	tui/form.c \
	tui/layout.c \
	tui/model.c \
	tui/pane-cases.c \
	tui/pane-decision.c \
	tui/pane-label.c \
	tui/pane-verify.c \
	tui/pane-help.c \
	tui/pane-open.c \
	tui/contest.c \
	tui/pane-review.c \
	tui/pane-receipt.c \
	tui/netops.c \
	tui/mouse.c \
	tui/keys.c \
	tui/lang.c \
	tui/loop.c \
	tui/kiosk.h tui/kiosk.c \
	tui/qr.h tui/qr.c
tui_libtui_a_CPPFLAGS += $(QRENCODE_CFLAGS)

# Kiosk mode: escapes refused, the idle wipe, the receipt's QR code.
TESTS += tests/kiosk-escape.sh tests/kiosk-idle.sh tests/kiosk-qr.sh \
	tests/kiosk-noprint.sh
dist_check_SCRIPTS += tests/kiosk-escape.sh tests/kiosk-idle.sh \
	tests/kiosk-qr.sh tests/kiosk-noprint.sh tests/kiosk-lib.sh
EXTRA_DIST += tests/kiosk-qr.py
# The start screen and the session in the language chosen.
TESTS += tests/kiosk-lang.sh
dist_check_SCRIPTS += tests/kiosk-lang.sh

TESTS += tests/tui-demo.sh tests/tui-hostile.sh tests/tui-more.sh
dist_check_SCRIPTS += tests/tui-demo.sh tests/tui-hostile.sh tests/tui-more.sh
EXTRA_DIST += tests/tui-hostile.py

# Every main screen in each shipped language, and the g key.
TESTS += tests/tui-lang.sh
dist_check_SCRIPTS += tests/tui-lang.sh
EXTRA_DIST += tests/tui-lang.py

# The Decision pane's factor chart, largest first.
TESTS += tests/tui-factors.sh
dist_check_SCRIPTS += tests/tui-factors.sh

check_PROGRAMS += tests/unit/check_editor
tests_unit_check_editor_SOURCES = tests/unit/check_editor.c
tests_unit_check_editor_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_editor_LDADD = tui/libtui.a $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_editor

EXTRA_PROGRAMS += bench/bench_tui
BENCH_BINS += bench/bench_tui
bench_bench_tui_SOURCES = bench/bench_tui.c
bench_bench_tui_LDADD = $(NET_LIBS) $(CORE_LIBS) -lutil
