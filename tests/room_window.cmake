# The room display's window (issue 12): its options, and the room-*.replay
# scripts with the room window at the four sizes the room view must hold.
if(ASAMBLEA_GUI)
  as_test(test_room_flows SOURCES test_room_flows.c test_replay_util.c LIBS)
  add_dependencies(test_room_flows asamblea translations)
  foreach(size 1920x1080 1280x720 3840x2160 1080x1920)
    add_test(NAME test_room_flows_${size} COMMAND test_room_flows ${size})
    set_tests_properties(test_room_flows_${size} PROPERTIES SKIP_RETURN_CODE 77
      TIMEOUT 600
      ENVIRONMENT "SDL_VIDEODRIVER=offscreen;SDL_AUDIODRIVER=dummy;LSAN_OPTIONS=suppressions=${AS_LSAN_SUPP}:print_suppressions=0")
  endforeach()
endif()
# The photo test: a phone at the back of the room decodes the result's QR
# code (ImageMagick and zbarimg; skipped with a SKIP line without them).
if(ASAMBLEA_GUI)
  as_test(test_room_photo SOURCES test_room_photo.c test_replay_util.c LIBS)
  add_dependencies(test_room_photo asamblea translations)
  set_tests_properties(test_room_photo PROPERTIES TIMEOUT 300)
endif()
# The room window at the platform: its size, picture and dropped input.
if(ASAMBLEA_GUI)
  as_test(test_platform_room SOURCES test_platform_room.c
          LIBS as_platform as_platform_testcore)
endif()
