# Session state machine and the kiosk UI's accessibility/layout rules,
# measured from the display list with the real fonts and a real store.
# The demo meeting comes from the build tree's assets (test_demo_util.c).
as_test(test_session SOURCES test_session.c test_demo_util.c LIBS as_core as_store)
add_dependencies(test_session assets)

if(TARGET as_platform)
  as_test(test_ui_a11y SOURCES test_ui_a11y.c test_ui_a11y_methods.c
          test_ui_a11y_fac.c test_demo_util.c
          LIBS as_platform as_core as_store)
  target_compile_definitions(test_ui_a11y PRIVATE
                             AS_PO_ES="${CMAKE_SOURCE_DIR}/po/es.po")
  add_dependencies(test_ui_a11y assets)
endif()
