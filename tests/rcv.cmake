# The counting engine (src/count/rcv_*.c) and the BLT reader
# (src/count/bfile_blt.c): unit tests, the Droop Scottish STV reference
# counts, the open-rcv-tests IRV vectors and property tests on random
# elections.  The reference data is read in place from
# ../shared/tabulation-data (AS_TABULATION_DATA); tests skip visibly when it
# is absent.
as_test(test_rcv_engine SOURCES test_rcv_engine.c LIBS as_core)
as_test(test_rcv_scotland SOURCES test_rcv_scotland.c LIBS as_core)
as_test(test_rcv_openrcv SOURCES test_rcv_openrcv.c LIBS as_core PkgConfig::JSONC)
as_test(test_rcv_props SOURCES test_rcv_props.c LIBS as_core)
as_test(test_rcv_rctab_engine SOURCES test_rcv_rctab_engine.c LIBS as_core PkgConfig::JSONC)
