# cli/: main(), options, the non-interactive commands and plain mode.
bin_PROGRAMS += recourse
recourse_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS) $(CRYPTO_CFLAGS) $(CURL_CFLAGS) $(NCURSES_CFLAGS)
recourse_SOURCES = \
	cli/cli.h \
	cli/main.c \
	cli/commands.c \
	cli/cmd_canon.c \
	cli/optsize.c \
	cli/cmd_verify.c cli/verify_di.c cli/verify.h \
	cli/conf.c cli/conf.h \
	cli/session.c cli/session.h \
	cli/caseprint.c \
	cli/fmt.c cli/fmt.h \
	cli/sendout.c \
	cli/cmd_open.c \
	cli/cmd_fetch.c \
	cli/cmd_contest.c \
	cli/cmd_status.c \
	cli/cmd_list.c
recourse_LDADD = $(TUI_LIBS) $(NET_LIBS) $(CORE_LIBS) $(LIBINTL)
recourse_SOURCES += cli/cmd_inspect.c
recourse_SOURCES += cli/cmd_watermark.c
recourse_SOURCES += cli/cmd_tui.c
recourse_SOURCES += cli/kiosk-conf.c cli/kiosk.h
recourse_SOURCES += cli/plain.h cli/plain.c cli/plain-read.c cli/plain-contest.c cli/cmd_show.c
# Plain mode, recourse show and the screen-reader checks.
TESTS += tests/plain-journey.sh tests/plain-show.sh
dist_check_SCRIPTS += tests/plain-journey.sh tests/plain-show.sh
EXTRA_DIST += tests/a11y/svc.sh
# The cursor on the focused item after every key, in both modes.
TESTS += tests/cursor-screens.sh
dist_check_SCRIPTS += tests/cursor-screens.sh
EXTRA_DIST += tests/a11y/focus.py
# Fenrir, headless, speaking to a file (in TESTS: tests/tests.mk).
EXTRA_DIST += tests/a11y/fenrir.sh tests/a11y/run-app.sh tests/a11y/fenrir.conf.in
