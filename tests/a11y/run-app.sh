#!/bin/sh
# run-app.sh: what Fenrir starts in its terminal (fenrir.conf "shell"):
# recourse in screen-reader mode on the configuration the test wrote.
# Fenrir takes one executable path, so the arguments live here.
exec env LC_ALL=C.UTF-8 TERM=linux "$A11Y_RECOURSE" --screen-reader \
    --allow-http-loopback -c "$A11Y_CONF"
