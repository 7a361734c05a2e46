# Platform module (SDL, fonts) and the display list it draws.
#
# The platform tests need only three plain-C files of the core (the display
# list, the status helpers and array growth); linking them directly keeps
# these tests independent of the rest of the core.
add_library(as_platform_testcore STATIC
  ${CMAKE_SOURCE_DIR}/src/ui/displaylist.c ${CMAKE_SOURCE_DIR}/src/base/status.c
  ${CMAKE_SOURCE_DIR}/src/base/grow.c)
target_include_directories(as_platform_testcore PUBLIC ${CMAKE_SOURCE_DIR}/include)

as_test(test_displaylist SOURCES test_displaylist.c LIBS as_platform_testcore)
# The SDL tests exist only in the kiosk build (-DASAMBLEA_GUI=ON).
if(TARGET as_platform)
  as_test(test_platform_fonts SOURCES test_platform_fonts.c
          LIBS as_platform as_platform_testcore)
  as_test(test_platform_draw SOURCES test_platform_draw.c
          LIBS as_platform as_platform_testcore)
  as_test(test_platform_events SOURCES test_platform_events.c
          LIBS as_platform as_platform_testcore)
endif()
