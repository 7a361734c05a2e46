# Camera scanning's decoding path (as_scan): badge PNG fixtures, photo-like
# variants, an EAN-13 that must not be reported, bad files, the debounce
# and the camera worker with a fake frame source.  No V4L2 hardware.
as_test(test_scan SOURCES test_scan.c LIBS as_scan as_core)
target_include_directories(test_scan PRIVATE ${CMAKE_SOURCE_DIR}/src/scan)
add_dependencies(test_scan asamblea)
