# nm_forbid.cmake: fails when an archive references a forbidden symbol.
#   cmake -DNM=nm -DLIB=libx.a -DFORBID=regex -DWHY="..." -P nm_forbid.cmake
# Lists the archive's undefined symbols (nm -u) and fails, naming each
# symbol and the object that wants it, if one matches FORBID.  Used by
# tests/layering.cmake to keep the layers apart at link level.
foreach(v NM LIB FORBID WHY)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "nm_forbid.cmake: -D${v}=... is missing")
  endif()
endforeach()
if(NOT EXISTS "${LIB}")
  message(FATAL_ERROR "${LIB}: no such archive; build it first")
endif()
execute_process(COMMAND "${NM}" -u "${LIB}" OUTPUT_VARIABLE out
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -u ${LIB} failed: ${err}")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(object "")
set(bad "")
set(nundef 0)
foreach(line IN LISTS lines)
  if(line MATCHES "^(.*\\.o):$")
    set(object "${CMAKE_MATCH_1}")
  elseif(line MATCHES "^ *U ([^ ]+)$")
    set(sym "${CMAKE_MATCH_1}")
    math(EXPR nundef "${nundef} + 1")
    if(sym MATCHES "${FORBID}")
      string(APPEND bad "\n  ${object}: ${sym}")
    endif()
  endif()
endforeach()
# An archive that references nothing at all was not read right: a check
# that cannot fail would pass it.
if(nundef EQUAL 0)
  message(FATAL_ERROR "${LIB}: nm -u listed no undefined symbol at all")
endif()
if(bad)
  message(FATAL_ERROR "${LIB} references symbols matching ${FORBID} (${WHY}):${bad}")
endif()
message(STATUS "${LIB}: ${nundef} undefined symbols, none matching ${FORBID}")
