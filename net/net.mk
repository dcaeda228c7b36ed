# net/: HTTP client, TLS policy, local store and outbox (no curses).
noinst_LIBRARIES += net/libnet.a
net_libnet_a_CPPFLAGS = $(AM_CPPFLAGS) $(CURL_CFLAGS) $(JANSSON_CFLAGS) $(CRYPTO_CFLAGS)
net_libnet_a_SOURCES = \
	net/client.c net/client.h \
	net/url.c net/url.h \
	net/store.c net/store.h \
	net/jfile.c net/jfile.h \
	net/case.c net/case.h \
	net/outbox.c net/outbox.h

