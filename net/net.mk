# net/: HTTP client, TLS policy, local store and outbox (no curses).
noinst_LIBRARIES += net/libnet.a
net_libnet_a_CPPFLAGS = $(AM_CPPFLAGS) $(CURL_CFLAGS) $(JANSSON_CFLAGS) $(CRYPTO_CFLAGS)
net_libnet_a_SOURCES = \
	net/client.c net/client.h \
	net/curlso.c net/curlso.h \
	net/url.c net/url.h \
	net/store.c net/store.h \
	net/jfile.c net/jfile.h \
	net/case.c net/case.h \
	net/outbox.c net/outbox.h \
	net/proto.c net/proto.h \
	net/flow.c net/flow.h \
	net/poller.c net/poller.h \
	net/letterwm.c net/letterwm.h

check_PROGRAMS += tests/unit/check_store tests/unit/check_outbox
tests_unit_check_store_SOURCES = tests/unit/check_store.c
tests_unit_check_store_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_store_LDADD = $(NET_LIBS) $(CORE_LIBS) $(CHECK_LIBS)
tests_unit_check_outbox_SOURCES = tests/unit/check_outbox.c
tests_unit_check_outbox_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_outbox_LDADD = $(NET_LIBS) $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_store tests/unit/check_outbox

# Runs the fake service of the network tests.
check_PROGRAMS += tests/unit/check_poller
tests_unit_check_poller_SOURCES = tests/unit/check_poller.c
tests_unit_check_poller_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_poller_LDADD = $(NET_LIBS) $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_poller

# The misbehaving services of the network tests.
check_PROGRAMS += tests/fakes/fake_service
tests_fakes_fake_service_SOURCES = tests/fakes/fake_service.c
tests_fakes_fake_service_LDADD = $(CORE_LIBS) $(SSL_LIBS) $(CRYPTO_LIBS)
EXTRA_DIST += tests/fakes/netlib.sh
TESTS += tests/net-faults.sh tests/net-signed.sh tests/net-tls.sh \
	tests/net-service.sh tests/net-crash.sh tests/net-nospace.sh
dist_check_SCRIPTS += tests/net-faults.sh tests/net-signed.sh tests/net-tls.sh \
	tests/net-service.sh tests/net-crash.sh tests/net-nospace.sh
# Accept-Language on the wire, from --lang, the locale and the g key.
TESTS += tests/net-lang.sh
dist_check_SCRIPTS += tests/net-lang.sh
# libcurl is opened only by commands that need the network.
TESTS += tests/net-curlso.sh
dist_check_SCRIPTS += tests/net-curlso.sh

# `make bench`: open a store of 10,000 cases and list them.
EXTRA_PROGRAMS += bench/bench_store
BENCH_BINS += bench/bench_store
bench_bench_store_SOURCES = bench/bench_store.c
bench_bench_store_LDADD = $(NET_LIBS) $(CORE_LIBS)

# libFuzzer target (configure CC=clang --enable-fuzzing) for what net/ reads
# before any signature is checked.
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_discovery
tests_fuzz_fuzz_discovery_SOURCES = tests/fuzz/fuzz_discovery.c
tests_fuzz_fuzz_discovery_LDADD = $(NET_LIBS) $(CORE_LIBS)
tests_fuzz_fuzz_discovery_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
endif
EXTRA_DIST += tests/fuzz/corpus/discovery
