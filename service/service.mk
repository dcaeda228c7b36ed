# service/: recourse-service, the reference participating service.
bin_PROGRAMS += recourse-service
recourse_service_CPPFLAGS = $(AM_CPPFLAGS) $(MHD_CFLAGS) $(JANSSON_CFLAGS) $(CRYPTO_CFLAGS)
recourse_service_SOURCES = \
	service/service.h \
	service/main.c \
	service/commands.c \
	service/cmd_keys.c \
	service/cmd_status.c \
	service/contest.c \
	service/demo.c service/demo.h \
	service/democonf.c \
	service/fsutil.c \
	service/http.c service/http.h \
	service/keyfile.c service/keyfile.h \
	service/proto.h \
	service/ratelimit.c service/ratelimit.h \
	service/reflimit.c service/reflimit.h \
	service/registry.c service/registry.h \
	service/serve.c \
	service/site.c service/site.h \
	service/store.c service/store.h \
	service/terms.c service/terms.h \
	service/util.c
recourse_service_LDADD = $(CORE_LIBS) $(MHD_LIBS) $(LIBINTL) -lpthread

# Tests: the integration tests run the real program with curl(1); jws-check
# verifies what it signs with the core, as a client would.
check_PROGRAMS += tests/fakes/jws-check
tests_fakes_jws_check_SOURCES = tests/fakes/jws-check.c
tests_fakes_jws_check_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS) $(CRYPTO_CFLAGS)
tests_fakes_jws_check_LDADD = $(CORE_LIBS)
TESTS += \
	tests/service-fetch.sh \
	tests/service-contest.sh \
	tests/service-restart.sh \
	tests/service-tools.sh \
	tests/service-trust.sh
dist_check_SCRIPTS += \
	tests/service-lib.sh \
	tests/service-fetch.sh \
	tests/service-contest.sh \
	tests/service-restart.sh \
	tests/service-tools.sh \
	tests/service-trust.sh

# Benchmark: fetches and contests a second under wrk (make bench).
EXTRA_DIST += bench/service.bench.sh bench/service-contest.lua

# Unit tests of the store, the rate limit and the times, with the service's
# own sources.
check_PROGRAMS += tests/unit/check_service
tests_unit_check_service_SOURCES = tests/unit/check_service.c \
	service/store.c service/ratelimit.c service/fsutil.c service/util.c
tests_unit_check_service_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS) $(CRYPTO_CFLAGS)
tests_unit_check_service_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_service_LDADD = $(CORE_LIBS) $(CHECK_LIBS) -lpthread
TESTS += tests/unit/check_service
