# Translations: `pot` regenerates po/asamblea.pot from the files listed in
# po/POTFILES; `po-update` merges it into every po/LANG.po; test_i18n
# checks that every catalog is complete and that switching works.
find_program(XGETTEXT xgettext)
find_program(MSGMERGE msgmerge)
find_program(MSGATTRIB msgattrib)
set(AS_POT ${CMAKE_SOURCE_DIR}/po/asamblea.pot)
# Locations name the file only, so the template does not change every
# time a line moves; comments starting "TRANSLATORS:" reach translators.
set(AS_XGETTEXT_ARGS --from-code=UTF-8 --language=C --keyword=_ --keyword=N_
    --add-comments=TRANSLATORS: --add-location=file
    --package-name=asamblea --package-version=${PROJECT_VERSION}
    "--copyright-holder=asamblea contributors")

if(XGETTEXT)
  add_custom_target(pot
    COMMAND ${XGETTEXT} ${AS_XGETTEXT_ARGS} --directory=${CMAKE_SOURCE_DIR}
            --files-from=${CMAKE_SOURCE_DIR}/po/POTFILES --output=${AS_POT}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
    COMMENT "xgettext -> po/asamblea.pot" VERBATIM)
endif()

if(MSGMERGE)
  file(GLOB AS_I18N_PO CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/po/*.po)
  set(AS_PO_UPDATE_CMDS)
  foreach(po ${AS_I18N_PO})
    list(APPEND AS_PO_UPDATE_CMDS
         COMMAND ${MSGMERGE} --quiet --update --backup=none ${po} ${AS_POT})
  endforeach()
  add_custom_target(po-update ${AS_PO_UPDATE_CMDS}
    COMMENT "msgmerge po/asamblea.pot into po/*.po" VERBATIM)
endif()

# The test gets each tool's path, or "" when it is missing (then it skips
# the catalog checks and says which package to install).
as_test(test_i18n SOURCES test_i18n.c LIBS as_core)
add_dependencies(test_i18n translations)
set(AS_I18N_TOOL_DEFS AS_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
foreach(tool MSGFMT XGETTEXT MSGMERGE MSGATTRIB)
  if(${tool})
    list(APPEND AS_I18N_TOOL_DEFS AS_${tool}="${${tool}}")
  else()
    list(APPEND AS_I18N_TOOL_DEFS AS_${tool}="")
  endif()
endforeach()
target_compile_definitions(test_i18n PRIVATE ${AS_I18N_TOOL_DEFS})
