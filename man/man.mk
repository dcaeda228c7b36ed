# man/: mdoc pages; the version comes from configure.
man1_MANS = man/recourse.1
man5_MANS = man/recourse.conf.5
man7_MANS = man/recourse-protocol.7
man8_MANS = man/recourse-service.8
EXTRA_DIST += man/recourse.1.in man/recourse.conf.5.in \
	man/recourse-protocol.7.in man/recourse-service.8.in
