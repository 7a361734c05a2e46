# The program on the appliance: systemd notifications and watchdog, clean
# stop on SIGTERM (status 0) and the Shut down status (10), --rotate, the
# fault screen for a damaged store, and the refusal of a data folder in RAM.
# All run the real binary (SDL offscreen, real SQLite files).
if(ASAMBLEA_GUI)
  as_test(test_appliance_notify SOURCES test_appliance_notify.c LIBS)
  add_dependencies(test_appliance_notify asamblea translations)
  set_tests_properties(test_appliance_notify PROPERTIES TIMEOUT 300)
endif()
if(ASAMBLEA_GUI)
  as_test(test_appliance_sigterm SOURCES test_appliance_sigterm.c
          LIBS as_core as_store)
  add_dependencies(test_appliance_sigterm asamblea translations)
  set_tests_properties(test_appliance_sigterm PROPERTIES TIMEOUT 600)
endif()
if(ASAMBLEA_GUI)
  as_test(test_appliance_rotate SOURCES test_appliance_rotate.c
          LIBS as_platform as_core as_store)
  add_dependencies(test_appliance_rotate asamblea translations)
  set_tests_properties(test_appliance_rotate PROPERTIES TIMEOUT 300)
endif()
if(ASAMBLEA_GUI)
  as_test(test_appliance_fault SOURCES test_appliance_fault.c
          LIBS as_platform as_core as_store)
  add_dependencies(test_appliance_fault asamblea translations)
  set_tests_properties(test_appliance_fault PROPERTIES TIMEOUT 300)
endif()
# A data folder in RAM (tmpfs, ramfs) is refused without
# --volatile-data-ok; mounts its own tmpfs/ramfs when run as root, else
# uses /dev/shm, else skips (77).
if(ASAMBLEA_GUI)
  as_test(test_appliance_volatile SOURCES test_appliance_volatile.c LIBS)
  add_dependencies(test_appliance_volatile asamblea translations)
  set_tests_properties(test_appliance_volatile PROPERTIES TIMEOUT 300)
endif()
