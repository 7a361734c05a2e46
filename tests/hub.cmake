# Hub tests (issue 11): a real PostgreSQL 15 cluster each, made by
# hub_util.c in its own /tmp folder on its own loopback port, so they run
# side by side under ctest -j2.  Without PostgreSQL's server programs they
# print "SKIP: PostgreSQL 15 server binaries not found" and exit 77.
as_test(test_hub_cluster SOURCES test_hub_cluster.c hub_util.c LIBS as_hub)
set_tests_properties(test_hub_cluster PROPERTIES LABELS hub TIMEOUT 300)
as_test(test_hub_store SOURCES test_hub_store.c hub_util.c LIBS as_hub)
set_tests_properties(test_hub_store PROPERTIES LABELS hub TIMEOUT 600)
if(ASAMBLEA_GUI)
  as_test(test_hub_flows SOURCES test_hub_flows.c test_replay_util.c hub_util.c
          LIBS as_hub as_core)
  add_dependencies(test_hub_flows asamblea translations)
  set_tests_properties(test_hub_flows PROPERTIES LABELS hub TIMEOUT 600)
endif()
as_test(test_hub_tls SOURCES test_hub_tls.c hub_util.c LIBS as_hub as_scan)
set_tests_properties(test_hub_tls PROPERTIES LABELS hub TIMEOUT 300)
