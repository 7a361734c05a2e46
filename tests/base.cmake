# base/: the crash-safe file writer, the whole-number parser and the
# option parser (include/file_write.h, whole.h, opts.h), and every
# command's refusals of bad options through the real program.
as_test(test_file_write SOURCES test_file_write.c LIBS as_base PkgConfig::SODIUM)
as_test(test_base_parse SOURCES test_base_parse.c LIBS as_base)
as_test(test_cli_opts SOURCES test_cli_opts.c LIBS as_base)
add_dependencies(test_cli_opts asamblea)
