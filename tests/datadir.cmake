# The data folder itself (issue 15, "Bounded inputs"): read-only folders
# (store_open_readonly; `asamblea attendance` and `export` on them),
# symbolic links, stale super-journals.
as_test(test_store_datadir SOURCES test_store_datadir.c LIBS as_store)
