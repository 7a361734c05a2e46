# base/: the crash-safe file writer (include/file_write.h) on real files.
as_test(test_file_write SOURCES test_file_write.c LIBS as_base PkgConfig::SODIUM)
