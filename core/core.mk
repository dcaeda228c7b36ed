# core/: the offline verification core (no curses, no curl, no global state).
noinst_LIBRARIES += core/libcore.a
core_libcore_a_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS) $(CRYPTO_CFLAGS) $(UTF8PROC_CFLAGS) $(XML_CFLAGS)
core_libcore_a_SOURCES = \
	core/intl.h \
	core/error.c core/error.h \
	core/alloc.c core/alloc.h \
	core/buf.c core/buf.h
# Each area of the core lists its own sources in a fragment of its own.
include core/json.mk
include core/crypto.mk
include core/trust.mk
include core/wpg1.mk
include core/text.mk
include core/record.mk
include core/analysis.mk
