# The architecture's rules, checked on the source tree (issue 10):
# layers: dependencies run one way (tests/tools/layers.py says which
# folder may use which headers); sizes: no .c file over 20 KB, no function
# over 100 lines (tests/tools/sizes.py).
find_program(AS_PYTHON3 python3 REQUIRED)
add_test(NAME arch_layers
         COMMAND ${AS_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/tools/layers.py ${CMAKE_SOURCE_DIR})
add_test(NAME arch_sizes
         COMMAND ${AS_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/tools/sizes.py ${CMAKE_SOURCE_DIR}/src)
