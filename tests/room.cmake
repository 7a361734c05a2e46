# The room display (issue 12): every state of the room view, built from a
# real session on a real SQLite store, measured with the real fonts at
# 1920x1080, 1280x720, 3840x2160 and 1080x1920 in English and Spanish;
# QR codes decoded with zbar.  ROOM_SHOTS=DIR also writes a PNG of each.
if(TARGET as_platform)
  as_test(test_room SOURCES test_room.c test_room_rules.c
          LIBS as_platform as_scan as_core as_store)
endif()
if(TARGET test_room)
  add_dependencies(test_room translations)
endif()
