# net/: HTTP client, TLS policy, local store and outbox (no curses).
# The library net/libnet.a is declared here when its sources land.
