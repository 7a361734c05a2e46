# libFuzzer harnesses (tests/fuzz/run.sh builds and runs them; FUZZ=ON in
# the top CMakeLists.txt instruments every library for them).  Each takes
# one input format the way the program does, so a crash, leak, hang or
# memory blow-up on hostile bytes shows up here first.
if(FUZZ)
  # fuzz_target(NAME SOURCES src... LIBS lib...): a libFuzzer binary.
  function(fuzz_target name)
    cmake_parse_arguments(F "" "" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${F_SOURCES})
    target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_libraries(${name} PRIVATE ${F_LIBS})
  endfunction()

  # The verifier's parsers (results.csv and results.json included), from
  # the verifier's library.
  fuzz_target(fuzz_verify_parsers SOURCES fuzz/fuzz_verify_parsers.c
    LIBS as_verify as_core as_record)
  target_include_directories(fuzz_verify_parsers PRIVATE ${CMAKE_SOURCE_DIR}/src/verify)

  # The meeting file, through meeting_from_memory (what verify and tally
  # use; check's meeting_load reads the file and then does the same).
  fuzz_target(fuzz_meeting SOURCES fuzz/fuzz_meeting.c LIBS as_core)

  # The roster (roster_parse) and the membership-list importer.
  fuzz_target(fuzz_roster SOURCES fuzz/fuzz_roster.c LIBS as_core)

  # .blt, PrefLib and CSV ballot files through bfile_read_list, then a
  # count and its reports when the ballot set is small.
  fuzz_target(fuzz_ballot_files SOURCES fuzz/fuzz_ballot_files.c LIBS as_core)

  # Scanner input: the kiosk's keyboard-wedge collector (src/app/app_input.c,
  # compiled in with the rest of the kiosk stubbed out) and the camera's
  # debounce (as_scan), both ending in token_normalize.
  fuzz_target(fuzz_scanner SOURCES fuzz/fuzz_scanner.c fuzz/fuzz_scanner_stubs.c
              ${CMAKE_SOURCE_DIR}/src/app/app.c ${CMAKE_SOURCE_DIR}/src/app/app_input.c
              ${CMAKE_SOURCE_DIR}/src/app/app_frame.c ${CMAKE_SOURCE_DIR}/src/app/app_export.c
              LIBS as_scan as_ui as_core Threads::Threads)
  target_include_directories(fuzz_scanner PRIVATE ${CMAKE_SOURCE_DIR}/src/app
                             ${CMAKE_SOURCE_DIR}/src/scan)
endif()
