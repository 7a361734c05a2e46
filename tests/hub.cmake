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
# The faults (issue 11): kiosks are hub_caster processes a test kills, or
# casts under while it kills or freezes the hub; test_hub_faults runs each
# fault as its own ctest entry (its own cluster), test_hub_secrecy dumps
# the hub and its WAL after 200 casts.
add_executable(hub_caster hub_caster.c hub_fault_util.c hub_util.c)
target_include_directories(hub_caster PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(hub_caster PRIVATE as_hub)
# One program, three ctest entries (each part on its own cluster, so
# ctest -j runs them side by side; each takes 1-5 minutes with the load).
add_executable(test_hub_faults test_hub_faults.c hub_fault_proc.c
               hub_fault_util.c hub_util.c)
target_include_directories(test_hub_faults PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(test_hub_faults PRIVATE as_hub)
target_compile_definitions(test_hub_faults PRIVATE
  AS_HUB_CASTER="$<TARGET_FILE:hub_caster>")
add_dependencies(test_hub_faults hub_caster)
foreach(part kiosk hub freeze,held,lost)
  string(REPLACE "," "_" name test_hub_faults_${part})
  add_test(NAME ${name} COMMAND test_hub_faults ${part})
  set_tests_properties(${name} PROPERTIES LABELS hub TIMEOUT 900
    SKIP_RETURN_CODE 77
    ENVIRONMENT "LSAN_OPTIONS=suppressions=${AS_LSAN_SUPP}:print_suppressions=0")
endforeach()
as_test(test_hub_secrecy SOURCES test_hub_secrecy.c hub_fault_util.c hub_util.c
        LIBS as_hub m)
set_tests_properties(test_hub_secrecy PROPERTIES LABELS hub TIMEOUT 600)
