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
	tui/keys.c \
	tui/loop.c

TESTS += tests/tui-demo.sh
dist_check_SCRIPTS += tests/tui-demo.sh
