# Issue 15, bounded inputs to `asamblea tally` and `asamblea verify`:
# hostile bundles (symlinks to /dev/zero, FIFOs, sparse files), every
# candidate tied, each run through the real program and held to 256 MB of
# peak RSS and 10 s; the tie-break's fast pick against its plain statement.
as_test(test_bounds_count SOURCES test_bounds_count.c test_verify_util.c
        LIBS as_verify as_export as_core as_record)
add_dependencies(test_bounds_count asamblea)
# Under qemu (the arm64 cross build) everything runs 10-30 times slower.
if(CMAKE_CROSSCOMPILING)
  target_compile_definitions(test_bounds_count PRIVATE AS_TIME_SCALE=30)
endif()
set_tests_properties(test_bounds_count PROPERTIES TIMEOUT 600)
