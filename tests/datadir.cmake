# The data folder itself (issue 15, "Bounded inputs"): read-only folders
# (store_open_readonly; `asamblea attendance` and `export` on them),
# symbolic links, stale super-journals.
as_test(test_store_datadir SOURCES test_store_datadir.c LIBS as_store)
as_test(test_datadir_cli SOURCES test_datadir_cli.c LIBS as_export as_core as_store)
add_dependencies(test_datadir_cli asamblea)
