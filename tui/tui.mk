# tui/: the full-screen ncursesw interface.
# The library tui/libtui.a is declared here when its sources land.
