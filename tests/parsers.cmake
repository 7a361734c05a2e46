# Meeting file, roster and badge tokens (src/meeting/token.c, roster*.c,
# meeting*.c) and the `check` / `roster issue` commands.
as_test(test_token SOURCES test_token.c LIBS as_core PkgConfig::QRENCODE)
as_test(test_roster SOURCES test_roster.c LIBS as_core)
as_test(test_meeting SOURCES test_meeting.c LIBS as_core)
as_test(test_cli_check SOURCES test_cli_check.c LIBS as_core)
add_dependencies(test_cli_check asamblea)
# The example meeting (assets/examples, which docs/ shows) doubles as test data.
target_compile_definitions(test_meeting PRIVATE
  AS_EXAMPLES="${CMAKE_SOURCE_DIR}/assets/examples")
target_compile_definitions(test_cli_check PRIVATE
  AS_EXAMPLES="${CMAKE_SOURCE_DIR}/assets/examples")
target_compile_definitions(test_roster PRIVATE
  AS_EXAMPLES="${CMAKE_SOURCE_DIR}/assets/examples")
