# Layering checked at link level (issue 10): nm lists what each archive
# needs from elsewhere, and a layer that must not reach another fails here.

# The screens draw a snapshot: no store call, no SQL, ever.
add_test(NAME layering_ui_no_store
  COMMAND ${CMAKE_COMMAND} -DNM=${CMAKE_NM} -DLIB=$<TARGET_FILE:as_ui>
          "-DFORBID=^(store_|sqlite3_)"
          "-DWHY=src/ui draws session_snapshot() only; read the store in src/session"
          -P ${CMAKE_CURRENT_SOURCE_DIR}/tools/nm_forbid.cmake)

# The core (base, meeting, count, session) reaches a store only through
# the interface (store.h): its archive needs no sqlite3_ symbol, and it
# does not link the SQLite store (as_store) or SQLite itself.
add_test(NAME layering_core_no_sqlite
  COMMAND ${CMAKE_COMMAND} -DNM=${CMAKE_NM} -DLIB=$<TARGET_FILE:as_core>
          "-DFORBID=^(sqlite3_|sq_)"
          "-DWHY=the core calls store_* (store.h); SQL lives in src/store"
          -P ${CMAKE_CURRENT_SOURCE_DIR}/tools/nm_forbid.cmake)
add_test(NAME layering_core_links_no_store
  COMMAND ${CMAKE_COMMAND} -DTARGET=as_core
          "-DLIBS=$<JOIN:$<TARGET_PROPERTY:as_core,LINK_LIBRARIES>,|>"
          "-DFORBID=(^as_store$|SQLITE|sqlite)"
          -P ${CMAKE_CURRENT_SOURCE_DIR}/tools/links_forbid.cmake)

# The seam proved: a second store (in memory, in the test) under the
# session, with the core alone: no as_store, no SQLite on the link line.
# The demo meeting comes from the build tree's assets (test_demo_util.c).
as_test(test_store_mem SOURCES test_store_mem.c test_demo_util.c LIBS as_core)
add_dependencies(test_store_mem assets)
