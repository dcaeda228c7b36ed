# tests/: unit tests (Check), the data-driven case runner, integration tests
# against the real binaries, and the source checks.  Each area adds its own
# unit tests in its fragment; this one holds what is shared.
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	top_builddir='$(abs_top_builddir)'; export top_builddir; \
	MANDOC='$(MANDOC)'; export MANDOC; \
	LC_ALL=C.UTF-8; export LC_ALL; unset LANGUAGE; \
	RECOURSE_LOCALEDIR='$(abs_top_builddir)/tests/locale'; export RECOURSE_LOCALEDIR;

# A real screen reader, Fenrir, walking a blind person's journey.
TESTS += tests/a11y/fenrir.sh
# Screen-reader and plain mode by option, recourse.conf and environment.
TESTS += tests/screen-reader-conf.sh
dist_check_SCRIPTS += tests/screen-reader-conf.sh

TESTS += \
	tests/check-banned.sh \
	tests/check-man.sh \
	tests/check-cli.sh \
	tests/run-cases.sh
dist_check_SCRIPTS += \
	tests/check-banned.sh \
	tests/check-man.sh \
	tests/check-cli.sh \
	tests/run-cases.sh \
	tests/lib.sh \
	tests/tmux-lib.sh

# recourse verify: registry state kept between runs, and the size cap.
TESTS += tests/verify-state.sh tests/verify-size.sh
dist_check_SCRIPTS += tests/verify-state.sh tests/verify-size.sh
EXTRA_DIST += tests/vectors/verify-di tests/vectors/verify-jws

# What the reference service sends, validated against data/schema.
TESTS += tests/service-schemas.sh
dist_check_SCRIPTS += tests/service-schemas.sh
EXTRA_DIST += tests/cases

check_PROGRAMS += tests/unit/check_error
tests_unit_check_error_SOURCES = tests/unit/check_error.c
tests_unit_check_error_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_error_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_error

# The tests run the programs uninstalled: lay the catalogues out as an
# installed locale tree and point RECOURSE_LOCALEDIR at it.
check_DATA = tests/locale.stamp
tests/locale.stamp: $(top_srcdir)/i18n/LINGUAS
	@for l in `sed -e 's/#.*//' $(top_srcdir)/i18n/LINGUAS`; do \
	  $(MKDIR_P) tests/locale/$$l/LC_MESSAGES && \
	  $(MSGFMT) -o tests/locale/$$l/LC_MESSAGES/$(PACKAGE).mo \
	    $(top_srcdir)/i18n/$$l.po || exit 1; \
	done; touch $@
.PHONY: tests/locale.stamp
clean-local: clean-test-locale
clean-test-locale:
	rm -rf tests/locale tests/locale.stamp
