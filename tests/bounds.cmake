# Hostile inputs bounded in memory and time (issue 15): the meeting file,
# the roster, the layout of long texts, escapes in messages.
as_test(test_bounds_parse SOURCES test_bounds_parse.c LIBS as_ui as_core)
add_dependencies(test_bounds_parse asamblea)
if(CMAKE_CROSSCOMPILING)
  # Under qemu: 10-30 times slower, and qemu's memory is counted too.
  target_compile_definitions(test_bounds_parse PRIVATE AS_EMULATED=1)
endif()
set_tests_properties(test_bounds_parse PROPERTIES TIMEOUT 900)
