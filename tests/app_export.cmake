# The facilitator's Export on the kiosk's worker thread (src/app/
# app_export.c): progress frames and watchdog pings during a slow export,
# SIGTERM in the middle of one, a failed export; the real program with
# tests/replay/export-*.replay and this test on the notify socket.
if(ASAMBLEA_GUI)
  as_test(test_app_export SOURCES test_app_export.c LIBS)
  add_dependencies(test_app_export asamblea translations)
  set_tests_properties(test_app_export PROPERTIES TIMEOUT 300)
endif()
# The progress screen's display list, in English and Spanish.
as_test(test_ui_progress SOURCES test_ui_progress.c LIBS as_ui)
add_dependencies(test_ui_progress translations)
