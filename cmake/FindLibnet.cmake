# SPDX-License-Identifier: BSD-2-Clause
# FindLibnet: libnet 1.1 ships headers and `libnet-config`, but no .pc file.
# Defines Libnet_FOUND, Libnet_INCLUDE_DIR, Libnet_LIBRARY, Libnet_VERSION and
# the imported target Libnet::Libnet (with libnet-config's -D defines).
find_program(Libnet_CONFIG libnet-config)
find_path(Libnet_INCLUDE_DIR libnet.h)
find_library(Libnet_LIBRARY NAMES net)

set(Libnet_DEFINES "")
if(Libnet_CONFIG)
  execute_process(COMMAND ${Libnet_CONFIG} --defines
    OUTPUT_VARIABLE _libnet_defs OUTPUT_STRIP_TRAILING_WHITESPACE)
  separate_arguments(_libnet_defs UNIX_COMMAND "${_libnet_defs}")
  foreach(d IN LISTS _libnet_defs)
    string(REGEX REPLACE "^-D" "" d "${d}")
    # glibc warns that _BSD_SOURCE is deprecated (an error under -Werror);
    # _DEFAULT_SOURCE is its modern equivalent.
    if(d STREQUAL "_BSD_SOURCE" OR d STREQUAL "__BSD_SOURCE")
      set(d "_DEFAULT_SOURCE")
    endif()
    list(APPEND Libnet_DEFINES "${d}")
  endforeach()
endif()
list(REMOVE_DUPLICATES Libnet_DEFINES)
if(Libnet_INCLUDE_DIR AND EXISTS "${Libnet_INCLUDE_DIR}/libnet.h")
  file(STRINGS "${Libnet_INCLUDE_DIR}/libnet.h" _v REGEX "#define[ \t]+LIBNET_VERSION")
  string(REGEX MATCH "[0-9]+\\.[0-9]+(\\.[0-9]+)?" Libnet_VERSION "${_v}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libnet
  REQUIRED_VARS Libnet_LIBRARY Libnet_INCLUDE_DIR VERSION_VAR Libnet_VERSION)

if(Libnet_FOUND AND NOT TARGET Libnet::Libnet)
  add_library(Libnet::Libnet UNKNOWN IMPORTED)
  set_target_properties(Libnet::Libnet PROPERTIES
    IMPORTED_LOCATION "${Libnet_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Libnet_INCLUDE_DIR}"
    INTERFACE_COMPILE_DEFINITIONS "${Libnet_DEFINES}")
endif()
mark_as_advanced(Libnet_CONFIG Libnet_INCLUDE_DIR Libnet_LIBRARY)
