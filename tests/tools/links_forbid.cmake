# links_forbid.cmake: fails when a target links a forbidden library.
#   cmake -DTARGET=name "-DLIBS=a|b|c" -DFORBID=regex -P links_forbid.cmake
# LIBS is the target's LINK_LIBRARIES joined with '|' (a generator
# expression in tests/layering.cmake), so what CMake will link is what is
# checked, not what a comment says.
foreach(v TARGET LIBS FORBID)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "links_forbid.cmake: -D${v}=... is missing")
  endif()
endforeach()
string(REPLACE "|" ";" libs "${LIBS}")
list(LENGTH libs n)
if(n EQUAL 0)
  message(FATAL_ERROR "${TARGET}: no link libraries were passed; the check would prove nothing")
endif()
set(bad "")
foreach(lib IN LISTS libs)
  if(lib MATCHES "${FORBID}")
    list(APPEND bad "${lib}")
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "${TARGET} links ${bad} (matching ${FORBID}); the core "
          "reaches a store only through store.h: link the implementation "
          "into the program, never into the core")
endif()
message(STATUS "${TARGET} links ${libs}: none matching ${FORBID}")
