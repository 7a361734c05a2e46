# The bundle verifier (`asamblea verify`): tamper tests on bundles made by
# hand and by the export, the standard-tools path, the command line.
as_test(test_verify_tamper SOURCES test_verify_tamper.c test_verify_util.c
        LIBS as_verify as_export as_core as_record)

# Fuzzing the verifier's parsers with libFuzzer (tests/fuzz/run.sh).
option(FUZZ "Build tests/fuzz harnesses with libFuzzer (clang only)" OFF)
if(FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "FUZZ=ON needs clang (libFuzzer): CC=clang cmake ...")
  endif()
  set(AS_VERIFY_PARSERS
      ${CMAKE_SOURCE_DIR}/src/verify/verify_lines.c
      ${CMAKE_SOURCE_DIR}/src/verify/verify_manifest.c
      ${CMAKE_SOURCE_DIR}/src/verify/verify_results.c
      ${CMAKE_SOURCE_DIR}/src/verify/verify_attendance.c
      ${CMAKE_SOURCE_DIR}/src/verify/verify_events.c
      ${CMAKE_SOURCE_DIR}/src/verify/verify_ballots.c
      ${CMAKE_SOURCE_DIR}/src/verify/verify_key.c)
  add_executable(fuzz_verify_parsers ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_verify_parsers.c
                 ${AS_VERIFY_PARSERS})
  target_include_directories(fuzz_verify_parsers PRIVATE ${CMAKE_SOURCE_DIR}/src/verify)
  target_compile_options(fuzz_verify_parsers PRIVATE
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(fuzz_verify_parsers PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_verify_parsers PRIVATE as_core as_record)
endif()

as_test(test_verify_tools SOURCES test_verify_tools.c test_verify_util.c
        LIBS as_verify as_export as_core as_record)

as_test(test_verify_export SOURCES test_verify_export.c test_verify_util.c
        LIBS as_verify as_export as_core as_store as_record)
add_dependencies(test_verify_export asamblea)

# Every voting method exported and verified; tampered ranked and approval
# ballots caught after resealing.
as_test(test_verify_methods SOURCES test_verify_methods.c
        LIBS as_verify as_export as_core as_store as_record)
