# Layering checked at link level (issue 10): nm lists what each archive
# needs from elsewhere, and a layer that must not reach another fails here.

# The screens draw a snapshot: no store call, no SQL, ever.
add_test(NAME layering_ui_no_store
  COMMAND ${CMAKE_COMMAND} -DNM=${CMAKE_NM} -DLIB=$<TARGET_FILE:as_ui>
          "-DFORBID=^(store_|sqlite3_)"
          "-DWHY=src/ui draws session_snapshot() only; read the store in src/session"
          -P ${CMAKE_CURRENT_SOURCE_DIR}/tools/nm_forbid.cmake)
