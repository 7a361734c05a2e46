# The check-in desk (kiosk --mode desk) and card mode (credentials: cards):
# the session state machine over a real store, with tests/data/desk.
as_test(test_session_desk SOURCES test_session_desk.c LIBS as_core as_store)

# End to end through the replay harness (tests/replay/desk-*.replay).
if(ASAMBLEA_GUI)
  as_test(test_desk_flows SOURCES test_desk_flows.c test_replay_util.c
          LIBS as_core as_store)
  add_dependencies(test_desk_flows asamblea)
  set_tests_properties(test_desk_flows PROPERTIES TIMEOUT 600)
endif()
