# asamblea tally: the ballot file readers, the reports, the reference
# cases of ../shared/tabulation-data (RCTab, Burlington 2009, abcvoting)
# and the command line's refusals.
as_test(test_bfile SOURCES test_bfile.c LIBS as_core)
as_test(test_rctab SOURCES test_rctab.c LIBS as_core PkgConfig::JSONC)
as_test(test_burlington SOURCES test_burlington.c LIBS as_core)
as_test(test_abcvoting SOURCES test_abcvoting.c LIBS as_core PkgConfig::YAML)
as_test(test_tally_cli SOURCES test_tally_cli.c LIBS)
add_dependencies(test_tally_cli asamblea)
