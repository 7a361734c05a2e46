# asamblea tally: the ballot file readers, the reports, the reference
# cases of ../shared/tabulation-data (RCTab, Burlington 2009, abcvoting)
# and the command line's refusals.
as_test(test_bfile SOURCES test_bfile.c LIBS as_core)
as_test(test_rctab SOURCES test_rctab.c LIBS as_core PkgConfig::JSONC)
as_test(test_burlington SOURCES test_burlington.c LIBS as_core)
as_test(test_abcvoting SOURCES test_abcvoting.c LIBS as_core PkgConfig::YAML)
# test_verify_util.c (the verifier tests' hand-made bundle) gives it a
# kiosk export bundle to recount.
as_test(test_tally_cli SOURCES test_tally_cli.c test_verify_util.c
        LIBS as_verify as_export as_core as_record)
add_dependencies(test_tally_cli asamblea)
