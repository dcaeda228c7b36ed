# cli/: main(), options, the non-interactive commands and plain mode.
bin_PROGRAMS += recourse
recourse_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS) $(CRYPTO_CFLAGS) $(CURL_CFLAGS) $(NCURSES_CFLAGS)
recourse_SOURCES = \
	cli/cli.h \
	cli/main.c \
	cli/commands.c \
	cli/cmd_canon.c \
	cli/cmd_verify.c
recourse_LDADD = $(CORE_LIBS) $(LIBINTL)
recourse_SOURCES += cli/cmd_watermark.c
