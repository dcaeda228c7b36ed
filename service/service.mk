# service/: recourse-service, the reference participating service.
bin_PROGRAMS += recourse-service
recourse_service_CPPFLAGS = $(AM_CPPFLAGS) $(MHD_CFLAGS) $(JANSSON_CFLAGS) $(CRYPTO_CFLAGS)
recourse_service_SOURCES = \
	service/service.h \
	service/main.c \
	service/commands.c
recourse_service_LDADD = $(CORE_LIBS) $(MHD_LIBS) $(LIBINTL)
