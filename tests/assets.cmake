# assets/: the demo meeting `asamblea demo` reads from the build tree (or
# share/asamblea), the example meetings, and the clear message when one
# is missing or damaged (src/base/assets.c, src/cli/demo_meeting.c).  The
# .deb's copy is checked by tests/packaging/check-deb.sh.
as_test(test_assets SOURCES test_assets.c LIBS)
target_compile_definitions(test_assets PRIVATE AS_ASSETS="${CMAKE_SOURCE_DIR}/assets")
if(ASAMBLEA_GUI) # the demo's kiosk runs a replay too
  target_compile_definitions(test_assets PRIVATE AS_TEST_GUI=1)
endif()
add_dependencies(test_assets asamblea assets)
set_tests_properties(test_assets PROPERTIES TIMEOUT 300)
