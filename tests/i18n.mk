# tests/i18n.mk: the translation checks.  i18n/ itself is gettext's own
# directory with a generated Makefile, so its tests are declared here.
TESTS += tests/check-po.sh
dist_check_SCRIPTS += tests/check-po.sh
TESTS += tests/i18n-help.sh
dist_check_SCRIPTS += tests/i18n-help.sh
