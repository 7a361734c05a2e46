# Session state machine and the kiosk UI's accessibility/layout rules,
# measured from the display list with the real fonts and a real store.
as_test(test_session SOURCES test_session.c
        ${CMAKE_SOURCE_DIR}/src/cli/demo_meeting.c LIBS as_core as_store)
target_include_directories(test_session PRIVATE ${CMAKE_SOURCE_DIR}/src/cli)

if(TARGET as_platform)
  as_test(test_ui_a11y SOURCES test_ui_a11y.c test_ui_a11y_methods.c
          ${CMAKE_SOURCE_DIR}/src/cli/demo_meeting.c
          LIBS as_platform as_core as_store)
  target_include_directories(test_ui_a11y PRIVATE ${CMAKE_SOURCE_DIR}/src/cli)
endif()
