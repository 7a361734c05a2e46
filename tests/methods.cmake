# Every voting method's ballot and results screens end to end through the
# replay harness (tests/replay/methods-*.replay on tests/data/methods).
if(ASAMBLEA_GUI)
  as_test(test_method_flows SOURCES test_method_flows.c test_replay_util.c LIBS)
  add_dependencies(test_method_flows asamblea translations)
  set_tests_properties(test_method_flows PROPERTIES TIMEOUT 600)
endif()
