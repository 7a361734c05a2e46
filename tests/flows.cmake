# End-to-end kiosk flows through the replay harness (tests/replay/*.replay
# on tests/data/flow), plus the kiosk-level crash-consistency loop.
if(ASAMBLEA_GUI)
  as_test(test_flows SOURCES test_flows.c LIBS)
  add_dependencies(test_flows asamblea translations)
  set_tests_properties(test_flows PROPERTIES TIMEOUT 600)
endif()
