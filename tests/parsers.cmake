# Meeting file, roster and badge tokens (src/core/token.c, roster*.c,
# meeting*.c) and the `check` / `roster issue` commands.
as_test(test_token SOURCES test_token.c LIBS as_core PkgConfig::QRENCODE)
