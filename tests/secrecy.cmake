# Secrecy on the device (issue 4): on-disk order of ballots vs cast order
# before/after the rebuild, forensic scans of the data directory, the
# kiosk's output under verbose logging, SIGKILL during rebuilds.
as_test(test_secrecy SOURCES test_secrecy.c LIBS as_core as_store m)
if(ASAMBLEA_GUI)
  add_dependencies(test_secrecy asamblea)
else()
  # A build without the kiosk screen (-DASAMBLEA_GUI=OFF, e.g. the arm64
  # test build) has no kiosk to replay votes through: that part says SKIP.
  target_compile_definitions(test_secrecy PRIVATE AS_NO_KIOSK=1)
endif()
set_tests_properties(test_secrecy PROPERTIES TIMEOUT 900)
# The audit's attack on the card (issue 15): an ext4 image mounted with the
# appliance's options, votes through the real kiosk, attribution attempts on
# mid-vote copies and on the raw image, and a data=journal control.  Needs
# root and loop devices (SKIP otherwise).
if(ASAMBLEA_GUI)
  as_test(test_forensic SOURCES test_forensic.c LIBS as_core as_store m)
  add_dependencies(test_forensic asamblea translations)
  target_compile_definitions(test_forensic PRIVATE AS_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  set_tests_properties(test_forensic PROPERTIES TIMEOUT 900)
endif()
