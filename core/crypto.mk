# core/crypto.mk: encodings, keys, signatures, JWS and Data Integrity:
# sources, unit tests, fuzz targets and benchmarks of this area.  The test
# vectors name their origin in a SOURCE file beside them.
core_libcore_a_SOURCES += \
	core/hash.c core/hash.h \
	core/b64.c core/b64.h \
	core/key.c core/key.h \
	core/sig.c core/sig.h \
	core/jws.c core/jws.h \
	core/di.c core/di.h

check_PROGRAMS += tests/unit/check_b64 tests/unit/check_key
TESTS += tests/unit/check_b64 tests/unit/check_key
tests_unit_check_b64_SOURCES = tests/unit/check_b64.c
tests_unit_check_b64_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_b64_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
tests_unit_check_key_SOURCES = tests/unit/check_key.c \
	tests/unit/crypto_vec.c tests/unit/crypto_vec.h
tests_unit_check_key_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_key_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
check_PROGRAMS += tests/unit/check_sig
TESTS += tests/unit/check_sig
tests_unit_check_sig_SOURCES = tests/unit/check_sig.c \
	tests/unit/crypto_vec.c tests/unit/crypto_vec.h
tests_unit_check_sig_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_sig_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
check_PROGRAMS += tests/unit/check_jws
TESTS += tests/unit/check_jws
tests_unit_check_jws_SOURCES = tests/unit/check_jws.c \
	tests/unit/crypto_vec.c tests/unit/crypto_vec.h
tests_unit_check_jws_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_jws_LDADD = $(CORE_LIBS) $(CHECK_LIBS)

EXTRA_DIST += \
	tests/vectors/rfc8032 \
	tests/vectors/rfc7515 \
	tests/vectors/rfc8037 \
	tests/vectors/rfc7638 \
	tests/vectors/vc-di-eddsa \
	tests/vectors/vc-di-ecdsa
check_PROGRAMS += tests/unit/check_di
TESTS += tests/unit/check_di
tests_unit_check_di_SOURCES = tests/unit/check_di.c \
	tests/unit/crypto_vec.c tests/unit/crypto_vec.h
tests_unit_check_di_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_di_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
