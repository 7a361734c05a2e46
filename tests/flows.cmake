# End-to-end kiosk flows through the replay harness (tests/replay/*.replay
# on tests/data/flow), plus the kiosk-level crash-consistency loop.
if(ASAMBLEA_GUI)
  as_test(test_flows SOURCES test_flows.c test_replay_util.c LIBS)
  add_dependencies(test_flows asamblea translations)
  set_tests_properties(test_flows PROPERTIES TIMEOUT 600)
endif()
if(ASAMBLEA_GUI)
  as_test(test_kiosk_crash SOURCES test_kiosk_crash.c LIBS as_core as_store)
  add_dependencies(test_kiosk_crash asamblea)
  set_tests_properties(test_kiosk_crash PROPERTIES TIMEOUT 900)
endif()
# One voting kiosk per data folder; a check-in desk beside it (issue 15).
if(ASAMBLEA_GUI)
  as_test(test_kiosk_lock SOURCES test_kiosk_lock.c LIBS as_core as_store)
  add_dependencies(test_kiosk_lock asamblea translations)
  set_tests_properties(test_kiosk_lock PROPERTIES TIMEOUT 300)
endif()
